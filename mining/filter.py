"""Decide which posts are clustered. Nothing is dropped: a skipped post keeps its row in
``posts.parquet`` with ``analyzed = False`` and a ``skip_reason``.

Reasons, first match wins: ``system`` (platform lines), ``preamble`` (text a chat export holds
before its first message), ``deleted`` (deleted, or an export's note of a deleted message),
``empty``, ``media`` (an export's media placeholder and nothing else), ``emoji_only`` (no letter
or digit), then chat noise (``mining.lang.noise``: ``invite``, ``link_only``, ``mention_only``,
``presence``, ``thanks``, ``greeting``, ``laughter``, ``reaction``), ``one_word`` (fewer than
``min_words`` words), ``duplicate`` (the same folded text as an earlier analyzed post).

Placeholders and deletion notes come from ``mining.ingest.strings``, the table the readers use.
"""
from __future__ import annotations

import re

import pandas as pd

from mining.config import FilterConfig
from mining.ingest.strings import is_deleted_note, is_media_placeholder
from mining.lang.noise import NOISE_REASONS, noise_reason
from mining.normalize import fold_text

SKIP_REASONS = ("system", "preamble", "deleted", "empty", "media", "emoji_only", *NOISE_REASONS,
                "one_word", "duplicate")
_WORD = re.compile(r"[^\W_]+(?:['׳״\"][^\W_]+)*")
_LINK_OR_MENTION = re.compile(r"https?://|www\.|@|\[(?:meeting|phone|email)\]")


def skip_reason(text_norm: str, kind: str | None, deleted: bool | None, min_words: int,
                chat_noise: bool = True) -> str | None:
    """The reason a post is not clustered, or None when it is analyzed.

    Example:
        >>> skip_reason("\u200fהתמונה הושמטה", "message", False, 2)
        'media'
        >>> skip_reason("good morning everyone!", "message", False, 2)
        'greeting'
    """
    if kind in ("system", "preamble"):
        return kind
    if deleted:
        return "deleted"
    if not text_norm.strip():
        return "empty"
    if is_deleted_note(text_norm):
        return "deleted"
    if is_media_placeholder(text_norm):
        return "media"
    folded = fold_text(text_norm)
    words = _WORD.findall(folded)
    if not words and not _LINK_OR_MENTION.search(folded):
        return "emoji_only"
    if chat_noise and (reason := noise_reason(text_norm)):
        return reason
    if len(words) < min_words:
        return "one_word"
    return None


def mark_own_skips(posts: pd.DataFrame, config: FilterConfig) -> pd.DataFrame:
    """Add ``skip_reason`` for the reasons a post carries on its own: every one but ``duplicate``,
    which needs all the posts (so ``mining ingest`` can mark these chunk by chunk)."""
    out = posts.copy()
    reasons = [
        skip_reason(t, k if isinstance(k, str) else None, bool(d) if pd.notna(d) else False,
                    config.min_words, config.chat_noise)
        for t, k, d in zip(out["text_norm"].fillna(""), out["kind"], out["deleted"])
    ]
    out["skip_reason"] = pd.Series(reasons, index=out.index, dtype="string")
    return out


def mark_skips(posts: pd.DataFrame, config: FilterConfig) -> pd.DataFrame:
    """Add ``analyzed`` and ``skip_reason``, duplicates included."""
    out = mark_own_skips(posts, config)
    folded = out["text_norm"].fillna("").map(fold_text)
    # Of the copies of one text, the earliest post is kept (then the first by text and id), not
    # the first in the file: the input's order must not decide which posts are analyzed.
    candidates = out[out["skip_reason"].isna()].assign(_folded=folded)
    sort_keys = [c for c in ("_folded", "created_at", "text_norm", "post_id") if c in candidates]
    ranked = candidates.sort_values(sort_keys, kind="stable", na_position="last")
    out.loc[ranked.index[ranked["_folded"].duplicated()], "skip_reason"] = "duplicate"
    out["analyzed"] = out["skip_reason"].isna().astype("boolean")
    return out
