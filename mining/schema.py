"""Column contracts between stages, one per row grain.

Each stage declares what it takes and returns; ``check_frame`` enforces it at the boundary so a
broken reader or stage fails where it breaks, naming every missing or mistyped column at once.
"""
from __future__ import annotations

import pandas as pd

from mining.lang import LANGS

# A post as a reader yields it. Readers fill what their format carries and leave the rest null.
RAW_POST: dict[str, str] = {
    "source": "string",  # the reader: csv, jsonl, whatsapp, telegram, ...
    "source_file": "string",  # the file, relative to the input argument ("a.zip!chat.txt" in a zip)
    "source_id": "string",  # the record's id in its file (id column, message id, or 1-based row)
    "channel": "string",  # group, channel or page
    "thread_id": "string",
    "parent_id": "string",  # source_id of the record this one replies to
    "author": "string",
    # the author's user name where the export also gives the name shown (Discord, Slack): the
    # same person, so the privacy pass gives it the author's pseudonym
    "author_handle": "string",
    "created_at": "datetime64[ns, UTC]",
    "text": "string",  # exactly as the export holds it
    "kind": "string",  # post / comment / message / system / preamble (text before a chat's first message) / bot / integration (a bot's notice) / media (sent without text) / poll (its question and options) / forward (another's message passed on)
    "reactions": "Int64",
    "reply_count": "Int64",
    "edited": "boolean",
    "deleted": "boolean",
    "url": "string",
    "lang_hint": "string",  # a language given by the input (--lang-column), else null
    # the author is a brand account: the input says so (a table's brand column) or the config's
    # brand.accounts name it (set after privacy)
    "author_is_brand": "boolean",
}

# What ingestion returns: a raw post with its id.
READ_POST: dict[str, str] = {
    **RAW_POST,
    "post_id": "string",  # stable across runs: hash of source_file and source_id
}
# A read post once identities are protected: the handle has served (it is the author).
_PROTECTED_POST = {c: t for c, t in READ_POST.items() if c != "author_handle"}

# What `mining ingest` writes: protected posts with their language and the skip reasons a post
# carries on its own (``duplicate`` needs every post, and is decided by `mining run`).
INGESTED_POST: dict[str, str] = {
    **_PROTECTED_POST,
    "lang": "string",
    "greeklish": "boolean",
    "skip_reason": "string",
}
# After normalize, language detection and filtering: ready to embed.
NORMALIZED_POST: dict[str, str] = {
    **_PROTECTED_POST,
    "text_norm": "string",  # NFC, no bidi or zero-width marks, whitespace folded
    "lang": "string",  # he / el / en / other / und
    "greeklish": "boolean",
    # what the analysis reads (the embedder, feedback and sentiment cues, keywords): text_norm,
    # a Greeklish post in Greek letters; null where it is text_norm (read it through
    # ``mining.lang.texts_read``); not written to posts.parquet
    "text_read": "string",
    "analyzed": "boolean",
    "skip_reason": "string",  # null when analyzed
    # skip reason ``agreement``: the post_id of the post this bare "me too" agrees with
    "agrees_with": "string",
}

# What the challenges stage adds to each analyzed post (null for posts not analyzed).
CHALLENGE_POST: dict[str, str] = {
    "feedback_type": "string",  # complaint / question / request / praise / other
    "feedback_confidence": "float64",  # probability of the chosen type, 0-1
    "is_spam": "boolean",
    "is_abusive": "boolean",
    "sentiment": "string",  # negative / neutral / positive
    "sentiment_score": "float64",  # -1 (negative) to 1 (positive)
    "challenge_id": "Int64",  # -1: a complaint, question or request in no challenge; null: not clustered
}

# After topics and challenges: the rows of posts.parquet.
ASSIGNED_POST: dict[str, str] = {**NORMALIZED_POST, "topic_id": "Int64", **CHALLENGE_POST}

POSTS_PARQUET_ORDER = [
    "post_id", "source_id", "source", "source_file", "channel", "thread_id", "parent_id", "author",
    "author_is_brand", "created_at", "kind", "text", "text_norm", "lang", "greeklish", "analyzed", "skip_reason",
    "agrees_with", "topic_id", *CHALLENGE_POST, "reactions", "reply_count", "edited", "deleted", "url", "lang_hint",
]


# The tables a run writes, one row per topic, challenge, spike... (each ``<name>.csv`` and a
# sheet of challenges.xlsx). Texts are pandas' ``str``; -1 stays an id (outliers), null is none.
_PER_LANG = {f"{field}_{lang}": ("int64" if field == "n" else "str")
             for field in ("n", "label", "keywords", "quotes", "quote_ids") for lang in LANGS}

# A cluster as ``describe_topics`` describes it (topics, challenges and question groups).
CLUSTER: dict[str, str] = {"topic_id": "int64", "size": "int64", "share": "float64", "label": "str",
                           **_PER_LANG}

# A topic's posts in the recent weeks, their last week and the baseline, its growth and trend,
# as a challenge's (``signals.group_trends``); null without times.
TOPIC_TREND: dict[str, str] = {"recent_posts": "Int64", "last_week_posts": "Int64",
                               "baseline_posts": "Int64", "growth": "float64", "trend": "string",
                               "trend_explained": "str"}

# topics.csv: a cluster with its stable id and how it relates to the previous run's topics.
TOPIC: dict[str, str] = {"topic_id": "Int64", "status": "str",  # new / continuing, absorbed 3
                         "size": "int64", "share": "float64", **TOPIC_TREND,
                         **{c: t for c, t in CLUSTER.items() if c not in ("topic_id", "size", "share")}}

# challenges.csv, highest priority first (mining.challenges.ranking).
CHALLENGE: dict[str, str] = {
    "challenge_id": "Int64", "status": "str", "label": "str", "n_posts": "int64",
    "n_complaint": "int64", "n_question": "int64", "n_request": "int64", "main_type": "str",
    **{f"n_{lang}": "int64" for lang in LANGS}, "n_other_lang": "int64",
    **{c: t for c, t in _PER_LANG.items() if not c.startswith("n_")},
    "by_channel": "str",  # posts per channel (or source), "name: n; ..."
    "unique_authors": "Int64",  # posting members and those who confirmed a post ("me too")
    "confirmed_by": "Int64",  # members who confirmed a post with a bare "me too" and posted none
    "coverage_authors": "float64",  # share of the challenge's posts with an author, 0-1
    "first_seen": "datetime64[ns, UTC]",
    "last_seen": "datetime64[ns, UTC]", "reactions": "Int64", "replies": "Int64",
    "share_answered": "float64", "share_answered_by_brand": "float64",
    "share_answered_by_member": "float64",
    "share_answered_estimate": "float64",  # posts without reply links: answered (estimate), 0-1
    "median_response_hours": "float64",
    "negativity": "float64",  # share of negative posts, 0-1
    "mean_sentiment": "float64",  # -1 to 1
    "coverage_growth": "float64",  # share of the challenge's posts with a time, 0-1
    "recent_posts": "Int64", "last_week_posts": "Int64", "baseline_posts": "Int64",
    "growth": "float64",
    "trend": "string",  # new / accelerating / spiking / rising / subsiding / steady / declining; null without times
    "trend_explained": "str",  # the windows and posts the trend rests on
    "spike_periods": "Int64",
    "coverage_engagement": "float64",  # share of the challenge's posts with reactions or replies
    "engagement_per_post": "float64",  # over the posts that carry reactions or replies
    **{f"priority_{part}": "float64"
       for part in ("volume", "authors", "negativity", "growth", "engagement")},
    "priority": "float64",  # 0-1, the weighted mean of the parts computed, weights times coverage
    "priority_explained": "str",  # each part, what it rests on and what it adds to priority
}

# spikes.csv: flagged periods per scope (all_posts, complaints, challenge).
SPIKE: dict[str, str] = {
    "scope": "str", "challenge_id": "Int64", "period": "str",  # day / week
    "period_start": "datetime64[ns, UTC]", "count": "int64", "baseline": "float64",
    "score": "float64",
    "alarm": "bool",  # the first period of a run of spikes
}

# content_feed.csv: recurring question groups, largest first.
CONTENT_FEED: dict[str, str] = {
    "question_group_id": "int64", "label": "str", "n_questions": "int64",
    **{f"n_{lang}": "int64" for lang in LANGS}, **{f"phrasings_{lang}": "str" for lang in LANGS},
    **{f"phrasing_ids_{lang}": "str" for lang in LANGS},  # the phrasings' post ids, ";"-joined
    "n_answer_known": "int64", "n_unanswered": "Int64", "share_unanswered": "float64",
    # where replies are not known: questions with an estimate, and those it calls answered
    "n_estimated": "int64", "n_answered_estimate": "Int64",
    "answered_status": "str",  # "unanswered 2 of 3", "answered (estimate): 7 of 12 (...)"
    "challenge_id": "Int64",  # the challenge most of the group's questions are in
    "first_seen": "datetime64[ns, UTC]", "last_seen": "datetime64[ns, UTC]",
}

COMMUNITY_HEALTH: dict[str, str] = {"metric": "str", "value": "float64", "detail": "str"}
COMMUNITY_WEEKLY: dict[str, str] = {"week_start": "datetime64[ns, UTC]", "active_members": "int64",
                                    "new_members": "int64", "returning_members": "int64",
                                    "returning_share": "float64"}
HELPFUL_MEMBER: dict[str, str] = {"member": "str", "answers_to_others": "int64",
                                  "positive_replies_received": "int64", "posts": "int64",
                                  "helpfulness": "int64"}
# kpis.csv: mentions, share of voice, net sentiment, response rate and time.
KPI: dict[str, str] = {"kpi": "str", "scope": "str", "name": "str", "value": "float64", "unit": "str"}

# Every table of a run folder, by file name (without .csv).
# What curation (mining.curation.apply) adds after ``label``, and the tables as a run writes them.
CURATED: dict[str, str] = {"curated_name": "string", "curated_status": "string", "hidden": "string",
                           "merged_into": "string", "merged": "string", "curated_posts": "Int64"}


def _curated(schema: dict[str, str], extra: dict[str, str]) -> dict[str, str]:
    """The table after curation: a split-off challenge has no counts of its own (null)."""
    at = list(schema).index("label") + 1
    nullable = {"int64": "Int64", "bool": "boolean"}
    items = [(c, nullable.get(t, t)) for c, t in schema.items()]
    return dict(items[:at] + list(CURATED.items()) + items[at:]) | extra


REVIEWED = {"needs_review": "bool", "kept_share": "float64"}
CURATED_CHALLENGE = _curated(CHALLENGE, REVIEWED)
CURATED_TOPIC = _curated(TOPIC, REVIEWED)

# What the written tables add (mining.report.trace): each quote's file and id in it, one a line
# as the quotes are, so that a reader can find the post in the export (review 14 R14-1).
QUOTE_REFS = {f"quote_refs_{lang}": "str" for lang in LANGS}
PHRASING_REFS = {f"phrasing_refs_{lang}": "str" for lang in LANGS}

RUN_TABLES: dict[str, dict[str, str]] = {
    "challenges": CURATED_CHALLENGE | QUOTE_REFS, "topics": CURATED_TOPIC | QUOTE_REFS,
    "content_feed": CONTENT_FEED | PHRASING_REFS, "spikes": SPIKE,
    "community_health": COMMUNITY_HEALTH, "community_weekly": COMMUNITY_WEEKLY,
    "helpful_members": HELPFUL_MEMBER, "kpis": KPI,
}


class SchemaError(AssertionError):
    """A stage broke its contract: a bug in mining, not a user error."""


def empty_frame(schema: dict[str, str]) -> pd.DataFrame:
    """A zero-row frame with the schema's columns and dtypes."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in schema.items()})


def _cast(column: pd.Series, dtype: str) -> pd.Series:
    if dtype.startswith("datetime64") and not str(column.dtype).startswith("datetime64["):
        # a time read back from text, or a column of nothing but NaT
        column = pd.to_datetime(column, utc=True, format="ISO8601")
    elif dtype.startswith("datetime64") and getattr(column.dt, "tz", None) is None:
        column = column.dt.tz_localize("UTC")
    return column.astype(dtype)


def conform(df: pd.DataFrame, schema: dict[str, str]) -> pd.DataFrame:
    """Add the schema's missing columns as nulls and cast every schema column to its dtype.

    ``df`` is left as it is (the result is a shallow copy: with copy-on-write, columns are
    copied only when they change).
    """
    out = df.copy(deep=False)
    for column, dtype in schema.items():
        if column not in out:
            out[column] = pd.Series(index=out.index, dtype=dtype)
        elif str(out[column].dtype) != dtype:
            out[column] = _cast(out[column], dtype)
    return out


def check_frame(df: pd.DataFrame, schema: dict[str, str], stage: str) -> pd.DataFrame:
    """Raise SchemaError listing every missing or mistyped column; return ``df`` when it conforms."""
    problems = [f"missing {c}" for c in schema if c not in df]
    problems += [
        f"{c} is {df[c].dtype}, expected {t}"
        for c, t in schema.items()
        if c in df and str(df[c].dtype) != t
    ]
    if problems:
        raise SchemaError(f"{stage}: " + "; ".join(problems))
    return df


def check_table(df: pd.DataFrame, schema: dict[str, str], stage: str) -> pd.DataFrame:
    """A table a stage returns, as its schema declares it: the schema's columns in its order,
    each cast to its dtype. A missing or unexpected column, or a value that does not fit its
    dtype, is a SchemaError naming them all (a bug in the stage)."""
    problems = [f"missing {c}" for c in schema if c not in df]
    problems += [f"unexpected {c}" for c in df if c not in schema]
    out = df.copy(deep=False)
    for column, dtype in schema.items():
        if column in out and str(out[column].dtype) != dtype:
            try:
                out[column] = _cast(out[column], dtype)
            except (TypeError, ValueError) as exc:
                problems.append(f"{column} ({out[column].dtype}) is not {dtype}: {exc}")
    if problems:
        raise SchemaError(f"{stage}: " + "; ".join(problems))
    return out[list(schema)]


def analyzed_rows(posts: pd.DataFrame, columns: list[str], timed: bool = False) -> pd.DataFrame:
    """The analyzed posts of ``posts`` (``timed``: those with a ``created_at`` too), with only
    ``columns``: a boolean mask copies every column it keeps, and the posts' texts are most of a
    frame (about 90 MB at 100,000 posts, for a count by week).

    Example:
        >>> analyzed_rows(posts, ["created_at", "lang"], timed=True)           # doctest: +SKIP
    """
    keep = posts["analyzed"].fillna(False).to_numpy(dtype=bool)
    if timed:  # not ``&=``: ``keep`` may be the column's own memory, and posts without a time
        keep = keep & posts["created_at"].notna().to_numpy()  # were no longer analyzed after it
    return posts.loc[keep, columns]
