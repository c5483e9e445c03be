"""Reply structure: who answered which post, when, and whether the answer came from the brand.

A reply is found from ``parent_id`` (the ``source_id`` of the parent in the same file, or in
any file of the platform where its ids are its own, ``id_scope``); where a
source has threads but no parent links (forum exports), a post inside a thread replies to the
thread's first post. Sources with neither give no replies: their posts are *unknown* (null), not
*unanswered*, unless the reader gave a ``reply_count``.

Example:
    >>> links = link_replies(all_posts, brand_authors(all_posts, ["Basketo Team"]))  # doctest: +SKIP
    >>> links[["post_id", "answered", "first_response_hours"]]                     # doctest: +SKIP
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mining.privacy.names import account_key


def brand_authors(posts: pd.DataFrame, accounts: list[str] | tuple[str, ...] = ()) -> set[str]:
    """Authors that are brand accounts: flagged by the ``author_is_brand`` column (optional; null
    means unknown) or named in ``accounts`` (``brand.accounts``; case-insensitive, a phone number by its digits)."""
    named = {account_key(a) for a in accounts}
    authors = set(posts["author"].dropna()) if "author" in posts else set()
    found = {a for a in authors if account_key(str(a)) in named}
    if "author_is_brand" in posts:
        flagged = posts["author_is_brand"].astype("boolean").fillna(False).to_numpy(dtype=bool)
        found |= set(posts.loc[flagged, "author"].dropna())
    return found


# Readers whose record ids are the platform's own, unique across its exports: a Pushshift
# comments file answers the submissions of its submissions file (their replies and "same here"s
# were read as answering nothing), a Discord thread starts in its channel's file.
GLOBAL_IDS = frozenset({"reddit", "discord", "youtube"})


def id_scope(posts: pd.DataFrame) -> pd.Series:
    """Where each post's ``source_id``, ``parent_id`` and ``thread_id`` are unique: its file, or
    its platform (``GLOBAL_IDS``)."""
    files = (posts["source_file"].astype("string").fillna("") if "source_file" in posts
             else pd.Series("", index=posts.index, dtype="string"))
    if "source" not in posts:
        return files
    return files.mask(posts["source"].isin(GLOBAL_IDS), posts["source"].astype("string"))


def _key(files: pd.Series, ids: pd.Series) -> pd.Series:
    return files.fillna("").astype(str) + "\x1f" + ids.astype("string").fillna("")


def find_parents(posts: pd.DataFrame) -> np.ndarray:
    """Row position of each post's parent in ``posts`` (-1: none or unknown)."""
    n = len(posts)
    parent = np.full(n, -1, dtype=np.int64)
    if not n:
        return parent
    files = id_scope(posts)
    position = pd.Series(np.arange(n), index=_key(files, posts["source_id"]).to_numpy())
    position = position[~position.index.duplicated()]
    if "parent_id" in posts:
        has = posts["parent_id"].notna().to_numpy()
        keys = _key(files, posts["parent_id"]).to_numpy()
        found = position.reindex(keys[has]).to_numpy()
        parent[np.flatnonzero(has)] = np.where(np.isnan(found), -1, found).astype(np.int64)
    if "thread_id" in posts and posts["thread_id"].notna().any():
        # Forum threads without parent links: a later post in a thread answers its first post.
        order = posts["created_at"] if "created_at" in posts else pd.Series(np.arange(n))
        frame = pd.DataFrame({"thread": _key(files, posts["thread_id"]).to_numpy(),
                              "has_thread": posts["thread_id"].notna().to_numpy(),
                              "order": order.to_numpy(), "row": np.arange(n)})
        frame = frame[frame["has_thread"]].sort_values(["thread", "order", "row"], kind="stable")
        first = frame.groupby("thread")["row"].transform("first").to_numpy()
        rows = frame["row"].to_numpy()
        fill = (parent[rows] < 0) & (first != rows)
        parent[rows[fill]] = first[fill]
    return parent


def _reply_known(posts: pd.DataFrame, parent: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Whether each post's source file carries reply links, threads or reply counts."""
    source = (posts["source_file"].fillna("").astype(str).to_numpy() if "source_file" in posts
              else np.zeros(len(posts), dtype=object))
    has_parent = parent >= 0
    known_sources = set(source[has_parent]) | set(source[parent[has_parent]]) | set(source[~np.isnan(counts)])
    if "thread_id" in posts:
        known_sources |= set(source[posts["thread_id"].notna().to_numpy()])
    return np.array([s in known_sources for s in source], dtype=bool)


def link_replies(posts: pd.DataFrame, brands: set[str]) -> pd.DataFrame:
    """Per post: replies received from other authors and the first response.

    Columns: ``parent_row`` (position of the parent, -1 none), ``is_brand``, ``n_replies``
    (replies by other authors), ``answered`` (boolean, null where the source carries no reply
    structure), ``answered_by_brand``, ``answered_by_member`` (booleans, null likewise),
    ``first_response_hours`` (float, null when unanswered or without times), and
    ``reply_known`` (whether the post's source carries reply links, threads or reply counts).
    """
    n = len(posts)
    parent = find_parents(posts)
    authors = posts["author"].astype("string").fillna("").to_numpy(dtype=object) if n else np.array([])
    is_brand = np.array([a in brands for a in authors], dtype=bool)
    times = (pd.to_datetime(posts["created_at"], utc=True) if "created_at" in posts
             else pd.Series(pd.NaT, index=posts.index, dtype="datetime64[ns, UTC]"))
    seconds = (times - pd.Timestamp("1970-01-01", tz="UTC")).dt.total_seconds().to_numpy()
    has_parent = parent >= 0
    counts = (posts["reply_count"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
              if "reply_count" in posts else np.full(n, np.nan))
    reply_known = _reply_known(posts, parent, counts)

    n_replies = np.zeros(n, dtype=np.int64)
    by_brand = np.zeros(n, dtype=bool)
    by_member = np.zeros(n, dtype=bool)
    first = np.full(n, np.nan)
    for child in np.flatnonzero(has_parent):
        p = parent[child]
        if authors[child] == authors[p] and authors[p]:
            continue  # a follow-up by the same author is not an answer
        n_replies[p] += 1
        by_brand[p] |= is_brand[child]
        by_member[p] |= not is_brand[child]
        delay = (seconds[child] - seconds[p]) / 3600
        if not np.isnan(delay) and delay >= 0 and (np.isnan(first[p]) or delay < first[p]):
            first[p] = delay
    answered = n_replies > 0
    # A reader's reply_count tells that someone answered, not who or when.
    counted = ~np.isnan(counts) & (counts > 0) & ~answered
    answered = answered | counted

    def known(values: np.ndarray, unknown_who: np.ndarray | None = None) -> pd.Series:
        out = pd.Series(values, dtype="boolean")
        out[~reply_known] = pd.NA
        if unknown_who is not None:
            out[unknown_who] = pd.NA
        return out

    return pd.DataFrame({
        "post_id": posts["post_id"].to_numpy() if "post_id" in posts else np.arange(n),
        "parent_row": parent,
        "is_brand": is_brand,
        "n_replies": n_replies,
        "answered": known(answered),
        "answered_by_brand": known(by_brand, counted),
        "answered_by_member": known(by_member, counted),
        "first_response_hours": first,
        "reply_known": reply_known,
    })
