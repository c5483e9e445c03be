"""The report's "Method" section, written from the run's own resolved config and manifest (what
each stage recorded), so it can never describe another run: k-means with K topics when
``topics.n_topics`` was set, HDBSCAN with the cluster size it used otherwise, the embedder that
ran, whether languages were aligned, how many posts were set aside and why.

Example:
    >>> method_sentences(manifest, summary, found, len(topics), times)[2]  # doctest: +SKIP
    'Topics: HDBSCAN (minimum cluster size 20) on a 5-dimensional UMAP of the vectors ...'
"""
from __future__ import annotations

import pandas as pd

from mining.challenges.signals import resolve_period
from mining.config import ChallengesConfig
from mining.report.summary import Summary
from mining.report.zone import zone_of


def _stage(manifest: dict, name: str) -> dict:
    return next((s for s in manifest.get("stages", []) if s.get("name") == name), {})


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one}" if n == 1 else f"{n:,} {many or one + 's'}"


def _list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def method_sentences(manifest: dict, summary: Summary, found, n_topics: int,
                     times: pd.Series) -> list[str]:
    """One sentence per stage of this run, in the order they ran (``times``: the analyzed posts'
    ``created_at``)."""
    config = manifest.get("config", {})
    return [s for s in (_reading(manifest, summary), _privacy(manifest), _embedding(manifest, config),
                        _refit(manifest), _topics(manifest, config, n_topics), _typing(manifest, config),
                        _challenges(summary, found, config), _spikes(found, config, times),
                        _zone(times, manifest), _traced(manifest)) if s]


def _traced(manifest: dict) -> str:
    """What the ``#`` beside each quote is, file by file (``mining.report.trace``): an id from the
    export, or the record's row, line or message number where the file has no ids."""
    ids = [f"{entry['file']}: {entry['notes']['record_ids']}" for entry in manifest.get("inputs") or []
           if ((entry or {}).get("notes") or {}).get("record_ids")]
    return ("Each quote names its file and its post's id there (file #id, or #id alone when every "
            "post is from one file; the workbook's quoted_posts sheet lists every quoted post)" + (f": {'; '.join(ids)}." if ids else "."))


def _zone(times: pd.Series, manifest: dict) -> str:
    """In which zone the report's days and times are (``mining.report.zone``), and why."""
    zone = zone_of(times)
    if zone == "UTC":
        read = sorted({str(((entry or {}).get("notes") or {}).get("timezone_for_local_times")).split()[0]
                       for entry in manifest.get("inputs") or []
                       if ((entry or {}).get("notes") or {}).get("timezone_for_local_times")})
        why = (f"the inputs were read in different zones: {', '.join(read)}" if len(read) > 1 else
               "the zone the inputs were read in: UTC unless input.timezone names your "
               "community's, or the posts are in Hebrew or Greek")
        return f"Days and times are shown in UTC ({why}), as posts.parquet and the CSV files keep them."
    return (f"Days and times are shown in {zone}, the zone the inputs were read in; posts.parquet "
            "and the CSV files keep them in UTC.")


def _read_once(file: dict) -> str:
    """A file of the manifest's inputs that another holds, as "not counted twice" lists it."""
    differ = (file.get("notes") or {}).get("texts_differ")
    return (f"{file.get('file')} ({_count(file.get('records', 0), 'record')}, all in "
            f"{file['repeats']}{f' ({differ})' if differ else ''}, which alone is read)")


def _reading(manifest: dict, summary: Summary) -> str:
    inputs = manifest.get("inputs", [])
    read = [f for f in inputs if not f.get("error") and f.get("reader")]
    unknown = [f for f in inputs if not f.get("error") and not f.get("reader")]
    skipped = [f"{r.posts:,} {str(r.reason).replace('_', ' ')}"
               for r in summary.skipped.itertuples(index=False)]
    langs = [f"{str(r.language).split(' (')[0]} {r.analyzed:,}" for r in summary.by_language.itertuples(index=False)
             if r.analyzed]
    readers = sorted({str(f.get("reader")) for f in read if f.get("reader")})
    sentence = (f"Read {_count(len(read), 'file')}{' (' + ', '.join(readers) + ')' if readers else ''} into {_count(summary.posts, 'post')} "
                f"(normalized: NFC, direction marks removed; language by script and function words)"
                f"; {summary.analyzed:,} analyzed")
    sentence += f" ({_list(langs)})" if langs else ""
    if skipped:
        sentence += (f", and {summary.posts - summary.analyzed:,} set aside, kept in posts.parquet: "
                     f"{_list(skipped)}")
    if unknown:
        sentence += f"; {_count(len(unknown), 'file')} no reader recognises skipped (listed in the manifest)"
    private = [f"{f.get('file')}: {f['notes'][note]}" for f in read
               for note in ("personal_chats_not_read", "one_persons_activity", "records_repeated")
               if (f.get("notes") or {}).get(note)]
    if private:
        sentence += f"; {'; '.join(private)}"
    unread = [f"{f.get('file')}: {_count(f['notes']['lines_not_read_count'], 'line')} of no JSON object "
              f"not read ({', '.join(n.split(':')[0] for n in f['notes']['lines_not_read'])})"
              for f in read if (f.get("notes") or {}).get("lines_not_read_count")]
    if unread:
        sentence += f"; {'; '.join(unread)}"
    repeated = [_read_once(f) for f in read if f.get("repeats")]
    if repeated:
        sentence += f"; not counted twice: {'; '.join(repeated)}"
    if len(inputs) > len(read) + len(unknown):
        sentence += (f"; {_count(len(inputs) - len(read) - len(unknown), 'input')} could not be "
                     "read (see Inputs set aside)")
    return sentence + "."


def _privacy(manifest: dict) -> str:
    done = manifest.get("privacy", {})
    if not done:
        return ""
    if not done.get("pseudonymized_authors"):
        return "Privacy: names, phone numbers and e-mail addresses kept as exported (privacy.keep_identities)."
    masked = [_count(done.get(key, 0), *what) for key, *what in (
        ("phones_masked", "phone number"), ("emails_masked", "e-mail address", "e-mail addresses"),
        ("meetings_masked", "meeting link"), ("passwords_masked", "password"),
        ("contact_cards_masked", "contact card's name", "contact cards' names"),
        ("cards_masked", "payment card number"), ("accounts_masked", "bank account number"),
        ("ids_masked", "identity or tax number")) if done.get(key)]
    masked = f"{_list(masked)} masked" if masked else "no contact to mask"
    if not done.get("people"):
        unread = sorted({str(c) for entry in manifest.get("inputs") or []
                         for c in ((entry or {}).get("notes") or {}).get("columns_not_read") or []})
        if unread:  # an author column may be among them: "no author names" would mislead
            return (f"Privacy: no author column was read (columns not read: {', '.join(unread)}; "
                    f"name the authors' with --author-column); {masked}.")
        return f"Privacy: no author names in the input; {masked}."
    salt = "" if done.get("salt") == "configured" else " (the default salt: set privacy.salt)"
    return (f"Privacy: the {_count(done['people'], 'author name')} shown as salted pseudonyms{salt}, "
            f"{_count(done.get('names_in_text', 0), 'name')} in post texts replaced by them; "
            f"{masked}.")


def _embedding(manifest: dict, config: dict) -> str:
    used = manifest.get("embedding", {})
    if not used:
        return ""
    offsets = _stage(manifest, "align").get("groups_with_offset")
    aligned = ("languages not aligned (embedding.align is off)"
               if not config.get("embedding", {}).get("align", True) else
               f"each language's offset removed before clustering ({', '.join(offsets)})"
               if offsets else "no language's offset removed (too few analyzed posts)")
    cut = used.get("truncated", 0)
    # the typing reads the vectors too: a long post's point in its last sentence is not seen
    cut = (f"; {_count(cut, 'post')} longer than {used['max_tokens']} tokens read by their "
           f"first {used['max_tokens']} (embedding.max_tokens)" if cut and used.get("max_tokens")
           else "")
    # the counts add up to the posts (review 15, R15-19: 7,629 of 7,711 said, the rest sharing
    # a text with another post)
    shared = used.get("shared", 0)
    shared = f", {shared:,} sharing another post's text" if shared else ""
    return (f"Embeddings: {used.get('model', '?')} ({used.get('computed', 0):,} computed, "
            f"{used.get('cached', 0):,} from the cache{shared}{cut}); {aligned}.")


def _refit(manifest: dict) -> str:
    """Whether a run with a previous run refitted its models, and why (``increment.plan_refit``)."""
    refit = manifest.get("refit", {})
    if not (manifest.get("changes") or {}).get("previous_run") or not refit:
        return ""
    if refit["refitted"]:
        return f"Weekly run: topics and challenges refitted on every post ({refit['reason']})."
    drift = refit["drift"]
    topics = drift.get("topics") or {}
    measure = (f"; of the {topics['posts_since_fit']:,} posts assigned since that fit, "
               f"{topics['far_share']:.0%} lie beyond the fitted outlier distance (the fitted posts: "
               f"{topics['fitted_far_share']:.0%}) and their mean similarity to the nearest topic "
               f"is {topics['similarity']:.3f} (fitted: {topics['fitted_similarity']:.3f})"
               if topics.get("posts_since_fit") else "")
    questions = _stage(manifest, "challenges").get("question_groups_reused_from")
    assigned = ("topic" if refit.get("challenges_refitted") else "topic and challenge")
    assigned += " (and a question to its nearest recurring-question group)" if questions else ""
    return (f"Weekly run: not refitted, {refit['reason']}; the {drift.get('new_posts', 0):,} new "
            f"posts went to their nearest {assigned}, or outside when farther than the "
            f"fitted outliers{measure}.")


def _topics(manifest: dict, config: dict, n_topics: int) -> str:
    stage, settings = _stage(manifest, "topics"), config.get("topics", {})
    if stage.get("reused_from"):
        return (f"Topics: the {_count(n_topics, 'topic')} fitted in run {stage['reused_from']}, "
                f"their sizes counted again over every post.")
    if stage.get("not_run"):
        return f"Topics: not computed ({stage['not_run']})."
    umap = (f"a {settings.get('umap_components', 5)}-dimensional UMAP of the aligned vectors "
            f"({settings.get('umap_neighbors', 15)} neighbours, seed {settings.get('seed', 42)})")
    if settings.get("n_topics"):
        found = f"Topics: k-means into {settings['n_topics']} topics on {umap}, no outliers"
    elif not stage.get("found_by_hdbscan"):
        found = (f"Topics: HDBSCAN (minimum cluster size {stage.get('min_cluster_size', '?')}) on "
                 f"{umap} found no cluster, so every post stays an outlier")
    else:
        merged = stage.get("merged")
        merged = len(merged) if isinstance(merged, (list, dict)) else int(merged or 0)
        found = (f"Topics: HDBSCAN (minimum cluster size {stage.get('min_cluster_size', '?')}) on "
                 f"{umap} found {_count(stage['found_by_hdbscan'], 'cluster')}; "
                 f"{_count(merged, 'merge')} of topics that are parts of one; outliers joined "
                 f"their nearest topic until {stage.get('outlier_share') or 0:.0%} remain")
    keywords = ", keywords by class-based TF-IDF within each language" if n_topics else ""
    sampled = (f" (fitted on {stage['fitted_on']:,} posts drawn by language and month, the other "
               f"{stage['assigned']:,} assigned to their nearest topic)" if stage.get("assigned") else "")
    kept = stage.get("kept_whole_above_cap") or []
    broad = (f"; {_sizes(kept)} kept whole above {settings.get('max_topic_share', 0.2):.0%} of "
             "the posts (topics.max_topic_share) as one subject (a word of the group's own in most "
             "of its posts)" if kept else "")
    return f"{found}{sampled}{broad}: {_count(n_topics, 'topic')}{keywords}."


def _typing(manifest: dict, config: dict) -> str:
    settings, reused = config.get("challenges", {}), _stage(manifest, "type").get("reused")
    margin = settings.get("sentiment_margin", 0)
    neutral = (f"; sentiment within ±{margin} is neutral" if margin
               else "; the likeliest of negative, neutral and positive is the sentiment")
    return ("Feedback types (complaint, question, request, praise, other) and sentiment: linear "
            "heads on the unaligned embeddings, trained on English examples, Hebrew and Greek "
            "examples and labelled real posts in the three languages, after fixed language "
            "offsets are removed; the heads also read the scores of per-language cue lexicons, "
            f"with weights learned from the labelled posts{neutral}"
            + (f"; {_count(reused, 'post')} typed by the previous run with the same heads and "
               "settings kept their types" if reused else "") + ".")


def _challenges(summary: Summary, found, config: dict) -> str:
    settings = config.get("challenges", {})
    eligible = int(found.posts["challenge_id"].notna().sum()) if len(found.posts) else 0
    how = (f"reduced to {settings['n_challenges']}" if settings.get("n_challenges")
           else "grouped by the topic model's HDBSCAN")
    weights = [f"{part} ×{settings.get(f'weight_{part}', 1.0):g}"
               for part in ("volume", "authors", "negativity", "growth", "engagement")]
    confident = (f" typed with confidence at least {settings['min_confidence']}"
                 if settings.get("min_confidence") else "")
    return (f"Challenges: the {eligible:,} complaints, questions and requests{confident} (not "
            f"spam), {how}: "
            f"{_count(summary.challenges, 'challenge')}{_selection(found, settings)}; priority is the weighted mean of "
            f"{_list(weights)}, each part 0-1 and left out where it could not be computed.")


def _selection(found, settings: dict) -> str:
    """What became of the groups above the size cap and of those of general talk
    (``ChallengeModel.fit_``), or nothing."""
    fit = getattr(found, "fit", None) or {}
    kept, left = fit.get("kept_whole_above_cap") or [], fit.get("left_out_above_cap") or []
    share = settings.get("max_challenge_share", ChallengesConfig().max_challenge_share)
    parts = ([f"{_sizes(kept)} kept whole above {share:.0%} of them (max_challenge_share) as one "
              "problem (most of the posts name one thing, in words the community uses mostly in "
              "feedback)"] if kept else [])
    split = fit.get("split_above_cap") or []
    parts += ([f"{_sizes(split)} above {share:.0%} of them split into the groups density finds "
               "in them"] if split else [])
    parts += ([f"{_sizes(left)} above it left out, not one problem by their words"] if left else [])
    talk = fit.get("general_talk") or []
    parts += ([f"{_sizes(talk)} left out as the community's general talk (its words are used "
               "mostly outside complaints, questions and requests: politics, a TV show)"]
              if talk else [])
    return "".join(f"; {part}" for part in parts + _strays(fit, found))


def _strays(fit: dict, found) -> list[str]:
    """The posts left out of a challenge, and the questions out of a recurring question, as
    unlike its posts of another language (``clusters.other_language_strays``)."""
    asked = (getattr(getattr(found, "questions", None), "fit_", None) or {}).get(
        "other_language_left_out", 0)
    strays = fit.get("other_language_left_out", 0)
    if not strays and not asked:
        return []
    said = [f"{_count(strays, 'post')} of challenges"] if strays else []
    said += [f"{_count(asked, 'question')} of recurring questions"] if asked else []
    return [f"{' and '.join(said)} then left out, to none: each of a language few of its "
            "group's posts are in, further from the group's posts of its largest language than "
            "the loosest quarter of those, and with fewer than 2 of its 5 nearest posts of its "
            "own language in the group"]


def _sizes(sizes: list[int]) -> str:
    return (f"a group of {sizes[0]:,} posts" if len(sizes) == 1
            else f"groups of {_list([f'{n:,}' for n in sizes])} posts")


def _spikes(found, config: dict, times: pd.Series) -> str:
    settings = config.get("challenges", {})
    period = resolve_period(times, settings.get("period", "auto"))  # as the spikes stage did
    days = (" (the last week's days too)" if period == "week" and settings.get("period", "auto") == "auto"
            else "")
    period = {"day": "daily", "week": "weekly"}.get(period, period) + days
    flagged = int(found.spikes["alarm"].fillna(False).astype(bool).sum()) if len(found.spikes) else 0
    if "time" in found.notes:
        return "Spikes: not computed (no analyzed post has a time)."
    return (f"Spikes: {period} counts tested against the trailing {settings.get('baseline_weeks', 4)} "
            f"weeks ({settings.get('spike_method', 'poisson')}, score at least "
            f"{settings.get('spike_z', '?')}, at least {settings.get('spike_min_count', '?')} posts): "
            f"{_count(flagged, 'alarm')}.")

