"""What a report says, built once from a run's tables, manifest and config; ``report.html`` and
``report.md`` are two templates over it (``mining/report/templates/``), so they cannot disagree.

Every text here is plain text as it came from the posts or the run: each template escapes it
(HTML with autoescaping, Markdown with ``escape_markdown``).

Example:
    >>> data = report_data(result.posts, result.topics, result.challenges, result.manifest)  # doctest: +SKIP
    >>> [card.anchor for card in data.challenges][:2]                                        # doctest: +SKIP
    ['C-0001', 'C-0002']
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from mining.report.method import method_sentences
from mining.report.sections import (LangColumn, Quote, Table, chart_notes, language_columns, quotes,
                                    table)
from mining.report.spikes import SpikeNote, explain_spikes
from mining.report.smallcorpus import (FeedbackGroup, feedback_groups, left_out_groups,
                                       no_challenges_note, no_questions_note, no_topics_note)
from mining.report.curated import generated_label, marks, shown_label, split_hidden
from mining.report.summary import (Summary, challenge_name, display_name, new_since_last,
                                    summarize)
from mining.topics.model import LANGS

PARTS = ("volume", "authors", "negativity", "growth", "engagement")


@dataclass
class ChallengeCard:
    anchor: str  # C-0017: the id product teams quote, and the card's anchor
    title: str  # the display name (see ``summary.display_name``)
    generated: str | None  # the generated label, when a curated name replaces it
    marks: list[str]  # curation: status, "new — review", the ids merged into it
    priority: float | None  # None: a split by hand, no generated figures
    trend: str | None
    trend_explained: str | None  # the windows and posts the trend rests on (``trend_explained``)
    parts: dict[str, float | None]  # priority part -> 0-1, None when not computed
    explained: str  # each part, what it rests on and what it adds (``priority_explained``)
    facts: Table
    n_posts: int
    languages: list[LangColumn]


@dataclass
class TopicCard:
    topic_id: int
    title: str
    generated: str | None
    marks: list[str]
    size: int
    share: float
    status: str
    languages: list[LangColumn]
    recent: int | None = None  # its posts in the recent weeks; None: not known (no time)
    last_week: int | None = None  # of them, in the last week
    trend: str | None = None
    trend_explained: str | None = None


@dataclass
class FeedItem:
    label: str
    n_questions: int
    answered_status: str  # "unanswered 2 of 3", or "answered: not known (...)"
    phrasings: list[Quote]


@dataclass
class ReportData:
    summary: Summary
    langs: list[str]  # the languages with analyzed posts: the only columns a card shows
    top: Table | None
    spikes: list[SpikeNote]  # every spike alarm of the period, with what drove it
    charts: dict[str, Path | None]
    chart_notes: list[str]  # what the time charts leave out (posts without times, strays)
    explorer: str  # the explorer's HTML fragment (trusted: it escapes what it holds)
    challenges: list[ChallengeCard]
    no_challenges: str | None  # one sentence: why there are no challenges
    feedback_groups: list[FeedbackGroup]  # the feedback by type, when there are no challenges
    topics: list[TopicCard]
    topics_order: str | None  # what the topics' order and their recent columns mean
    recent_weeks: int | None  # the recent weeks the topics' columns count; None: not computed
    no_topics: str | None  # one sentence: why there are no topics, and what would be needed
    outside_topics: str | None  # one sentence: how many analyzed posts are in no topic
    feed: list[FeedItem]
    no_feed: str | None  # one sentence: why there are no recurring questions
    community: Table | None
    helpful: Table | None
    kpis: Table | None
    method: list[str]
    notes: Table | None
    settings: str
    set_aside: Table | None = None
    one_file: bool = False  # every post of the run is from one file: a quote shows its id alone
    hidden: dict[str, Table] = field(default_factory=dict)  # hidden challenges / topics, and why
    overview: dict[str, Table] = field(default_factory=dict)


def _outside_topics(analyzed: pd.DataFrame, manifest: dict) -> str | None:
    """How many analyzed posts no topic holds (its outliers), so the topics' sizes add up, and
    why: a dense group above the size cap left out, being no one subject, shown by its central
    posts (``left_out_groups``; review 12, R12-2: a chat's main subject, 76 of its 163 posts, was
    said to be "too far from every topic"; it is now a topic), or too far from every topic."""
    outside = int(analyzed["topic_id"].fillna(-1).lt(0).sum()) if "topic_id" in analyzed else 0
    if not outside:
        return None
    left = left_out_groups(analyzed, manifest)
    why = (f"{left}, and posts too far from every topic's posts to join one" if left else
           "each too far from every topic's posts to join one")
    return (f"In no topic: {outside:,} of the {len(analyzed):,} analyzed posts "
            f"({outside / len(analyzed):.0%}): {why} (topic_id -1 in posts.parquet).")


def report_data(posts: pd.DataFrame, topics: pd.DataFrame, found, manifest: dict,
                charts: dict[str, Path | None] | None = None, explorer: str = "") -> ReportData:
    """The report of a run (tables already cleaned of control characters, see ``write_reports``)."""
    summary = summarize(posts, topics, found, manifest)
    by_id = posts.drop_duplicates("post_id").set_index("post_id")
    analyzed = posts[posts["analyzed"]]
    langs = [lang for lang in LANGS if (analyzed["lang"] == lang).any()]
    config = manifest.get("config", {})
    challenges, hidden_challenges = split_hidden(found.challenges)
    topics, hidden_topics = split_hidden(now_first(topics, manifest))
    weeks = _recent_weeks(topics, config)
    new = new_since_last(manifest, challenges)
    cards = [_challenge(row, by_id, langs, new.get(int(row.challenge_id), 0))
             for row in challenges.itertuples(index=False)]
    return ReportData(
        summary=summary, langs=langs, top=_top(challenges),
        spikes=explain_spikes(posts, topics, found, config), charts=charts or {},
        chart_notes=chart_notes(posts), explorer=explorer, challenges=cards,
        no_challenges=None if cards else no_challenges_note(analyzed, found, config),
        feedback_groups=[] if cards else feedback_groups(analyzed, by_id),
        topics=[_topic(row, by_id, langs) for row in topics.itertuples(index=False)],
        topics_order=_topics_order(weeks, manifest) if len(topics) else None, recent_weeks=weeks,
        no_topics=None if len(topics) else no_topics_note(analyzed, manifest),
        outside_topics=_outside_topics(analyzed, manifest) if len(topics) else None,
        feed=[_feed_item(row, by_id) for row in found.content_feed.itertuples(index=False)],
        no_feed=None if len(found.content_feed) else no_questions_note(analyzed, config),
        community=table(found.community_health), helpful=table(found.helpful_members),
        kpis=table(found.kpis), method=method_sentences(manifest, summary, found, len(topics),
                                analyzed["created_at"]),
        notes=table(pd.DataFrame({"signal": list(summary.notes), "why": list(summary.notes.values())})),
        settings=json.dumps(config, ensure_ascii=False, indent=1),
        set_aside=table(summary.set_aside), one_file=posts["source_file"].nunique() <= 1,
        hidden={kind: t for kind, frame, name in (
            ("challenges", hidden_challenges, challenge_name), ("topics", hidden_topics, str))
            if (t := _hidden(frame, name)) is not None},
        overview={name: t for name, frame in (
            ("Languages", summary.by_language), ("Sources", summary.by_source),
            ("Not analyzed", summary.skipped), ("Feedback types", summary.feedback))
            if (t := table(frame)) is not None})


def in_series(manifest: dict) -> bool:
    """Whether the run continues a previous one (``--previous``, a scheduled run's ``latest``):
    a weekly series, whose report is read for what changed and what people talk about now."""
    return bool(manifest.get("changes", {}).get("previous_run"))


def now_first(topics: pd.DataFrame, manifest: dict) -> pd.DataFrame:
    """The topics in the report's order: in a weekly series, most posts in the recent weeks
    first (all-time size breaks ties), since a cumulative export's all-time sizes are set more
    and more by its oldest weeks (review 12, R12-22: a subject of 26, 25, 7, 7, 5 posts a week
    stayed first, the one of 2, 1, 12, 26, 17 second); a one-off run, or one without times,
    keeps all-time size order.

    Example:
        >>> topics = pd.DataFrame({"topic_id": [3, 4], "size": [70, 61], "recent_posts": [12, 43]})
        >>> now_first(topics, {"changes": {"previous_run": "runs/w4"}})["topic_id"].tolist()
        [4, 3]
    """
    if not in_series(manifest) or topics.get("recent_posts", pd.Series(dtype="Int64")).isna().all():
        return topics
    return topics.sort_values(["recent_posts", "size"], ascending=False, kind="stable",
                              na_position="last")


def _recent_weeks(topics: pd.DataFrame, config: dict) -> int | None:
    """The recent weeks the topics' columns count, or None when no topic's post has a time."""
    if topics.get("recent_posts", pd.Series(dtype="Int64")).isna().all():
        return None
    return int(config.get("challenges", {}).get("recent_weeks", 2))


def _topics_order(weeks: int | None, manifest: dict) -> str:
    """One sentence under the Topics heading: the order, and what the recent columns count."""
    if weeks is None:
        return ("Posts of the recent weeks and trends: not computed (no analyzed post in a topic "
                "has a time).")
    window = f"the last {weeks} weeks up to the last post (challenges.recent_weeks)"
    if in_series(manifest):
        return (f"Ordered by posts in {window}: what the members talk about now comes first. "
                "\"posts\" counts every week of the export; the trend is read as a challenge's "
                "(see Trends in README).")
    return (f"Largest first, with each topic's posts in {window}, of their last week, and its "
            "trend, read as a challenge's (see Trends in README).")


def _top(challenges: pd.DataFrame, n: int = 5) -> Table | None:
    """The first table a manager reads: each challenge with the team's status and the posts it
    holds as the team defined it (with the challenges merged into it), as its card says (review
    14, R14-14: a fixed item read as an open one, and a merged one showed its generated count)."""
    top = challenges.head(n)
    rows = list(top.itertuples(index=False))
    posts = (top["curated_posts"].fillna(top["n_posts"]) if "curated_posts" in top
             else top["n_posts"])
    frame = pd.DataFrame({
        "id": top["challenge_id"].map(challenge_name),
        "challenge": [display_name(row) for row in rows],
        "priority": top["priority"].round(2), "posts": posts,
        "trend": top.get("trend", pd.Series(dtype="string"))})
    status = ["; ".join(marks(row)) for row in rows]
    if any(status):
        frame.insert(2, "status", status)
    return table(frame)


def _challenge(row, posts: pd.DataFrame, langs: list[str], new: int = 0) -> ChallengeCard:
    """A challenge's card; ``new``: its posts new since the last run, which its quotes open with
    (``tracking.new_quoted_first``)."""
    facts = pd.DataFrame([{
        "posts": row.n_posts, "complaints / questions / requests":
            f"{row.n_complaint} / {row.n_question} / {row.n_request}",
        "authors": _authors(row),
        "first seen": _date(row.first_seen),
        "last seen": _date(row.last_seen), "answered": _answered(row),
        "median first response (h)": row.median_response_hours, "negative": _share(row.negativity),
        "growth": _share(row.growth), "channels": row.by_channel}])
    parts = {p: (None if pd.isna(v := getattr(row, f"priority_{p}")) else float(v)) for p in PARTS}
    trend = getattr(row, "trend", None)
    return ChallengeCard(
        anchor=challenge_name(row.challenge_id), title=display_name(row),
        generated=generated_label(row),
        marks=marks(row) + ([f"{new:,} post{'s' if new > 1 else ''} new since the last run, quoted "
                             "first"] if new else []),
        priority=None if pd.isna(row.priority) else float(row.priority),
        trend=str(trend) if pd.notna(trend) else None,
        trend_explained=_text(getattr(row, "trend_explained", None)), parts=parts,
        # a split by hand has no generated figures of its own (review 14, R14-21: "nan (nan)")
        explained=_text(row.priority_explained) or f"{row.status} by hand: no priority of its own",
        facts=table(facts),
        n_posts=int(row.n_posts), languages=language_columns(row, posts, langs))


def _topic(row, posts: pd.DataFrame, langs: list[str]) -> TopicCard:
    return TopicCard(topic_id=int(row.topic_id), title=shown_label(row),
                     generated=generated_label(row), marks=marks(row), size=int(row.size),
                     share=float(row.share), status=str(row.status),
                     languages=language_columns(row, posts, langs),
                     recent=_count(getattr(row, "recent_posts", None)),
                     last_week=_count(getattr(row, "last_week_posts", None)),
                     trend=_text(getattr(row, "trend", None)),
                     trend_explained=_text(getattr(row, "trend_explained", None)))


def _count(value) -> int | None:
    return int(value) if value is not None and pd.notna(value) else None


def _hidden(frame: pd.DataFrame, name) -> Table | None:
    """The hidden challenges or topics, with the reason the curation file gives."""
    id_column = "challenge_id" if "challenge_id" in frame else "topic_id"
    return table(pd.DataFrame({
        "id": frame[id_column].map(name), "name": [shown_label(r) for r in frame.itertuples()],
        "posts": frame["curated_posts"], "why hidden": frame["hidden"]})) if len(frame) else None


def _feed_item(row, posts: pd.DataFrame) -> FeedItem:
    phrasings = [q for lang in LANGS for q in quotes(getattr(row, f"phrasings_{lang}"),
                                                     getattr(row, f"phrasing_ids_{lang}"), posts)]
    return FeedItem(label=str(row.label), n_questions=int(row.n_questions),
                    answered_status=str(row.answered_status), phrasings=phrasings)


def _text(value) -> str | None:
    return str(value) if value is not None and pd.notna(value) else None


def _answered(row) -> str:
    """The share answered where replies are known; else the estimate, labelled so."""
    estimate = getattr(row, "share_answered_estimate", None)
    if pd.isna(row.share_answered) and estimate is not None and pd.notna(estimate):
        return f"{_share(estimate)} (estimate)"
    return _share(row.share_answered)


def _authors(row) -> str:
    """Unique authors, saying how many of them confirmed a post with a bare "me too" and posted
    nothing in the challenge themselves: "4 (2 posting, confirmed by 2 more members)"."""
    if pd.isna(row.unique_authors):
        return "not known"
    confirmed = getattr(row, "confirmed_by", pd.NA)
    if pd.isna(confirmed) or not confirmed:
        return str(row.unique_authors)
    more = "member" if confirmed == 1 else "members"
    return (f"{row.unique_authors} ({row.unique_authors - confirmed} posting, confirmed by "
            f"{confirmed} more {more})")


def _date(value) -> str:
    return pd.Timestamp(value).date().isoformat() if pd.notna(value) else "—"


def _share(value) -> str:
    return f"{value:.0%}" if pd.notna(value) else "—"

