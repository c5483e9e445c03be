"""What the explorer holds: the analyzed posts (all of them, or every challenge's posts and a
seeded sample of the rest), their search index and map coordinates, and the chart series.

Everything is laid out column by column (one list per field, categories as indices into a list of
names), which keeps a page of 20,000 posts a few megabytes.

Example:
    >>> data = explorer_data(result.posts, result.topics, result.challenges.challenges)  # doctest: +SKIP
    >>> data["sample"]["shown"], data["sample"]["analyzed"]                                # doctest: +SKIP
    (1656, 1656)
"""
from __future__ import annotations

from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from mining.challenges import FEEDBACK_TYPES, SENTIMENTS
from mining.config import ReportConfig
from mining.normalize import decode_references
from mining.report.explorer.projection import map_coordinates
from mining.report.explorer.search import search_index
from mining.lang import LANG_CODES, LANG_NAMES, el, texts_read, transliterate_greeklish
from mining.report.curated import generated_label, marks, shown_label, split_hidden
from mining.report.summary import challenge_name
from mining.report.zone import wall_times, zone_of
from mining.schema import analyzed_rows

DEFAULT_LIMIT = ReportConfig.explorer_posts
SAMPLE_SEED = 0
MAP_SCALE = 1000  # map coordinates are integers 0..MAP_SCALE


def explorer_data(posts: pd.DataFrame, topics: pd.DataFrame, challenges: pd.DataFrame,
                  vectors: tuple[list[str], np.ndarray] | None = None, limit: int = DEFAULT_LIMIT,
                  post_map: pd.DataFrame | None = None) -> dict:
    """The explorer's data, ready to be written as JSON.

    Args:
        posts: ``posts.parquet``'s rows (analyzed posts are shown).
        topics: the topics table (``topic_id``, ``label``, ``size``).
        challenges: the challenges table, highest priority first.
        vectors: the analyzed posts' ids and aligned vectors, for the map (no map without them).
        limit: most posts shown; beyond it every challenge's posts are kept and the others sampled.
        post_map: the map's coordinates (``post_id``, ``x``, ``y``) when they are already known
            (a weekly run places its posts on the map of the run that fitted: ``increment``);
            then ``vectors`` are not projected.
    """
    analyzed = posts[posts["analyzed"]]
    shown = sample_posts(analyzed, limit)
    # a Greeklish post is indexed as the analysis reads it, in Greek letters: "γιατί" finds the
    # "giati" of a Greeklish chat (review 15, R15-10), as "giati" finds "γιατί"
    index = search_index(texts_read(transliterate_greeklish(shown)).tolist(), shown["lang"].tolist())
    if post_map is None and vectors is not None:
        post_map = _project(shown["post_id"], vectors)
    in_challenges = int(analyzed["challenge_id"].fillna(-1).ge(0).sum())
    channels, authors = _categories(shown["channel"]), _categories(shown["author"])
    files = _categories(posts["source_file"])  # of the run: one file, and the ids say it alone
    return {
        "sample": {"analyzed": len(analyzed), "shown": len(shown), "limit": limit,
                   "seed": SAMPLE_SEED, "in_challenges": in_challenges},
        "langs": list(LANG_CODES), "lang_names": LANG_NAMES, "types": list(FEEDBACK_TYPES),
        "sentiments": list(SENTIMENTS), "channels": channels, "authors": authors, "files": files,
        "posts": {**_post_columns(shown, index.post_keys, post_map, channels, authors),
                  **_refs(shown, files)},
        "vocab": index.vocab, "prefixes": index.prefixes,
        "greeklish": {"spellings": el.SHARED_SPELLINGS, "keys": index.greeklish},
        "topics": [{"id": int(row.topic_id), **_names(row)} for row in _listed(topics)],
        "challenges": [{"id": challenge_name(row.challenge_id), "num": int(row.challenge_id),
                        **_names(row)} for row in _listed(challenges)],
        "charts": chart_series(posts, challenges),
        "zone": zone_of(posts["created_at"]),  # the zone the posts' times are shown in
    }


def _listed(table: pd.DataFrame):
    """The rows the explorer lists: hidden ones last; those merged into another are left out
    (their posts are their target's)."""
    shown, hidden = split_hidden(table)
    return pd.concat([shown, hidden]).itertuples(index=False) if len(hidden) else shown.itertuples(
        index=False)


def _names(row) -> dict:
    """The name shown (curated, else generated), the generated label beside it, and the marks."""
    hidden = "hidden: " + str(row.hidden) if pd.notna(getattr(row, "hidden", None)) else None
    return {"label": shown_label(row), "generated": generated_label(row),
            "marks": [m for m in [_recent(row), *marks(row), hidden] if m]}


def _recent(row) -> str | None:
    """Its posts of the recent weeks and its trend, as its card says them; None without times
    (a topic listed by all-time size alone hid what people talk about now: review 12, R12-22)."""
    recent, last = getattr(row, "recent_posts", None), getattr(row, "last_week_posts", None)
    if recent is None or pd.isna(recent):
        return None
    said = f"{int(recent)} in the recent weeks" + (
        f", {int(last)} in the last week" if last is not None and pd.notna(last) else "")
    trend = getattr(row, "trend", None)
    return said + (f", {trend}" if trend is not None and pd.notna(trend) else "")


def sample_posts(analyzed: pd.DataFrame, limit: int) -> pd.DataFrame:
    """All posts when they fit in ``limit``; else every challenge's posts and a seeded random
    sample of the others, up to ``limit`` in all (or the challenge posts alone, if more)."""
    if len(analyzed) <= limit:
        return analyzed
    in_challenge = analyzed["challenge_id"].fillna(-1).ge(0).to_numpy()
    rest = np.flatnonzero(~in_challenge)
    room = max(0, limit - int(in_challenge.sum()))
    picked = np.random.default_rng(SAMPLE_SEED).choice(rest, size=min(room, len(rest)), replace=False)
    keep = in_challenge.copy()
    keep[picked] = True
    return analyzed[keep]


def _project(post_ids: pd.Series, vectors: tuple[list[str], np.ndarray]) -> pd.DataFrame:
    """Map coordinates of the posts shown (only they are projected: the cost stays bounded)."""
    ids, matrix = vectors
    row = {post_id: i for i, post_id in enumerate(ids)}
    keep = [post_id for post_id in post_ids if post_id in row]
    return map_coordinates(keep, matrix[[row[post_id] for post_id in keep]])


def _categories(column: pd.Series) -> list[str]:
    return sorted(column.dropna().astype(str).unique().tolist())


def _codes(column: pd.Series, names: list[str]) -> list[int]:
    """Each value's index in ``names`` (-1 for a missing or unknown value)."""
    lookup = {name: i for i, name in enumerate(names)}
    return [lookup.get(value, -1) if isinstance(value, str) else -1 for value in column.astype(object)]


def _refs(shown: pd.DataFrame, files: list[str]) -> dict[str, list]:
    """Each post's file (an index in ``files``, left out when the run read one) and its id there,
    as a quote's reference in the report (``mining.report.trace``)."""
    refs = {"record": [None if pd.isna(i) else str(i) for i in shown["source_id"].astype(object)]}
    if len(files) > 1:
        refs["file"] = _codes(shown["source_file"], files)
    return refs


def _ints(column: pd.Series, missing: int = -1) -> list[int]:
    return [int(v) for v in column.astype("Int64").fillna(missing)]


def safe_link(url) -> str | None:
    """The post's link when it is an http(s) address; anything else (``javascript:``) is dropped."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _post_columns(shown: pd.DataFrame, post_keys: list[list[int]], post_map: pd.DataFrame | None,
                  channels: list[str], authors: list[str]) -> dict[str, list]:
    times = shown["created_at"]
    seconds = [int(t.timestamp()) if pd.notna(t) else None for t in times]
    columns = {
        "id": shown["post_id"].astype(str).tolist(),
        "text": [decode_references(t) for t in shown["text"].fillna("").astype(str)],
        "lang": _codes(shown["lang"], LANG_CODES),
        "type": _codes(shown["feedback_type"], list(FEEDBACK_TYPES)),
        "sentiment": _codes(shown["sentiment"], list(SENTIMENTS)),
        "author": _codes(shown["author"], authors),
        "channel": _codes(shown["channel"], channels),
        "time": seconds,
        "reactions": _ints(shown["reactions"]),
        "replies": _ints(shown["reply_count"]),
        "link": [safe_link(u) for u in shown["url"].astype(object)],
        "topic": _ints(shown["topic_id"]),
        "challenge": _ints(shown["challenge_id"]),
        "keys": post_keys,
    }
    columns.update(_map_columns(shown["post_id"], post_map))
    return columns


def _map_columns(post_ids: pd.Series, post_map: pd.DataFrame | None) -> dict[str, list]:
    """Map coordinates scaled to integers 0..MAP_SCALE over the posts shown (None where absent)."""
    if post_map is None or post_map.empty:
        return {"x": [None] * len(post_ids), "y": [None] * len(post_ids)}
    xy = post_map.set_index("post_id").reindex(post_ids.astype(str))[["x", "y"]].to_numpy(float)
    low, high = np.nanmin(xy, axis=0), np.nanmax(xy, axis=0)
    scaled = np.rint((xy - low) / np.where(high > low, high - low, 1.0) * MAP_SCALE)
    return {axis: [None if np.isnan(v) else int(v) for v in scaled[:, i]]
            for i, axis in enumerate(("x", "y"))}


def chart_series(posts: pd.DataFrame, challenges: pd.DataFrame) -> dict:
    """Weekly counts over every analyzed post (not only those shown): per language, and per
    challenge in priority order. Weeks start on Monday (in the posts' zone), as in ``volume.png``."""
    timed = analyzed_rows(posts, ["created_at", "lang", "challenge_id"], timed=True)
    if timed.empty:
        return {"weeks": [], "volume": {}, "trends": []}
    weeks = wall_times(timed["created_at"]).dt.to_period("W-SUN").dt.start_time
    all_weeks = pd.date_range(weeks.min(), weeks.max(), freq="7D")
    by_lang = timed.groupby([timed["lang"], weeks]).size()
    volume = {lang: by_lang[lang].reindex(all_weeks, fill_value=0).astype(int).tolist()
              for lang in LANG_CODES if lang in by_lang.index.get_level_values(0)}
    in_challenge = timed["challenge_id"].fillna(-1).ge(0)
    by_challenge = timed[in_challenge].groupby([timed["challenge_id"], weeks]).size()
    present = set(by_challenge.index.get_level_values(0)) if len(by_challenge) else set()
    trends = [{"id": challenge_name(cid), "counts": by_challenge[cid].reindex(all_weeks, fill_value=0)
               .astype(int).tolist()} for cid in challenges["challenge_id"] if cid in present]
    return {"weeks": [w.date().isoformat() for w in all_weeks], "volume": volume, "trends": trends}
