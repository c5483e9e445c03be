"""Decide which posts are clustered. Nothing is dropped: a skipped post keeps its row in
``posts.parquet`` with ``analyzed = False`` and a ``skip_reason``.

Reasons, first match wins: ``system`` (platform lines), ``preamble`` (text a chat export holds
before its first message), ``deleted`` (deleted, or an export's note of a deleted message),
``empty``, ``media`` (an export's media placeholder and nothing else), ``emoji_only`` (no letter
or digit), then chat noise (``mining.lang.noise``: ``invite``, ``link_only``, ``mention_only``,
``presence``, ``thanks``, ``greeting``, ``laughter``, ``reaction``), ``one_word`` (fewer than
``min_words`` words), then those that need all the posts: ``canned`` (a text a support desk's
account repeats in its replies: ``community.canned_repliers``), ``agreement`` (a bare "me too" by a
member answering another member's post: ``link_agreements``; the column ``agrees_with`` names
that post) and ``duplicate`` (the same folded text as an earlier analyzed post; by another member,
it confirms the copy analyzed, which ``agrees_with`` names too). An agreement is decided before
duplicates: "גם אצלי" by a second member confirms a problem, it is no copy.

Placeholders and deletion notes come from ``mining.ingest.strings``, the table the readers use.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from mining.challenges.answered import conversations
from mining.challenges.community import canned_repliers
from mining.challenges.cues import bare_agreement
from mining.challenges.threads import id_scope
from mining.config import FilterConfig
from mining.ingest.strings import is_deleted_note, is_media_placeholder
from mining.lang.noise import NOISE_REASONS, noise_reason
from mining.lang import PLACED
from mining.normalize import fold_text

# Posts an agreement looks past to find what it answers: they say nothing one could agree with (a
# greeting between a complaint and its "me too" in a busy chat).
PASSED_OVER = ("system", "preamble", "integration", "poll", "forward", "deleted", "empty",
               "media", "emoji_only", *NOISE_REASONS, "canned")
SKIP_REASONS = (*PASSED_OVER, "one_word", "agreement", "duplicate")
# Own reasons a bare agreement may carry before it is linked: too short ("+1"), or read as chat
# noise ("same here" a presence check, "me too!" a reaction).
_AGREEMENT_FROM = (None, "one_word", *NOISE_REASONS)
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
    if kind in ("system", "preamble", "integration", "poll", "forward"):
        return kind
    if deleted:
        return "deleted"
    if kind == "media":  # a reader's photo, sticker or voice message sent without a caption
        return "media"
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
    """Add ``analyzed``, ``skip_reason`` (agreements and duplicates included) and
    ``agrees_with``."""
    out = mark_own_skips(posts, config)
    folded = out["text_norm"].fillna("").map(fold_text)
    out.loc[_canned(out, folded), "skip_reason"] = "canned"
    said = _bare_agreements(out)
    out["agrees_with"] = link_agreements(out, config.agreement_minutes, said)
    linked = out["agrees_with"].notna().to_numpy(dtype=bool)
    out.loc[linked, "skip_reason"] = "agreement"
    # a bare "me too" that agrees with no other member's post says nothing of its own: never a
    # post to cluster, nor the copy that another member's "me too" is a duplicate of
    out.loc[said & ~linked & out["skip_reason"].isna().to_numpy(), "skip_reason"] = "reaction"
    # Of the copies of one text, the earliest post is kept (then the first by text and id), not
    # the first in the file: the input's order must not decide which posts are analyzed.
    # Only the columns that rank the copies and name the one kept are sorted: a copy of every
    # column was the prepare stage's largest allocation.
    ranks = [c for c in ("created_at", "text_norm", "post_id") if c in out]
    read = ranks + (["author"] if "author" in out else [])
    candidates = out.loc[out["skip_reason"].isna(), read].assign(_folded=folded)
    sort_keys = ["_folded", *ranks]
    ranked = candidates.sort_values(sort_keys, kind="stable", na_position="last")
    copies = ranked.index[ranked["_folded"].duplicated()]
    out.loc[copies, "skip_reason"] = "duplicate"
    out.loc[copies, "agrees_with"] = _copied_from(ranked, copies)
    out["analyzed"] = out["skip_reason"].isna().astype("boolean")
    return out


def _canned(posts: pd.DataFrame, folded: pd.Series) -> np.ndarray:
    """The texts a support desk's account says twice or more, among posts with no reason of
    their own, when its replies are a few texts said again and again (``canned_repliers``): a
    desk's "can you DM us your account email?" is no member's question (review 11, R11-6); and a
    bot's template (``_templated_bots``). The brand's own posts are ``brand``."""
    if "parent_id" not in posts or "author" not in posts:
        return np.zeros(len(posts), dtype=bool)
    free = posts["skip_reason"].isna() & posts["author"].notna()
    if "author_is_brand" in posts:
        free &= ~posts["author_is_brand"].astype("boolean").fillna(False)
    replies = free & posts["parent_id"].notna()
    desks = canned_repliers(posts.loc[replies, "author"], folded[replies]).index
    said = free & posts["author"].isin(desks)
    repeated = pd.DataFrame({"author": posts["author"], "text": folded})[said].duplicated(keep=False)
    return (repeated.reindex(posts.index, fill_value=False).to_numpy(dtype=bool)
            | _templated_bots(posts, folded, free))


# What a bot fills into its template: a member (a pseudonym, a mask, an @handle) and numbers.
_FILLED = re.compile(f"{PLACED.pattern}|@\\S+|\\d+")


def _templated_bots(posts: pd.DataFrame, folded: pd.Series, free: pd.Series) -> np.ndarray:
    """The posts of a bot (kind ``bot``) that says one template again and again, a member's name
    and a number filled in (MEE6's "GG member-1a2b3c4d, you just advanced to level 18!"): judged
    as a desk's replies are (``canned_repliers``), on the texts with what is filled in taken out.
    A review bot whose texts differ stays analyzed (review 13 R13-2: a level-up bot was a topic)."""
    if "kind" not in posts:
        return np.zeros(len(posts), dtype=bool)
    bots = free & posts["kind"].eq("bot").fillna(False)
    shapes = folded[bots].str.replace(_FILLED, "#", regex=True)
    templated = canned_repliers(posts.loc[bots, "author"], shapes).index
    said = posts.loc[bots, "author"].isin(templated)
    repeated = pd.DataFrame({"author": posts.loc[bots, "author"], "shape": shapes})[said]
    repeated = repeated.duplicated(keep=False)
    return repeated.reindex(posts.index, fill_value=False).to_numpy(dtype=bool)


def _copied_from(ranked: pd.DataFrame, copies: pd.Index) -> pd.Series:
    """For each copy (``copies``: the ``duplicate`` posts of ``ranked``, the candidates in the
    order that keeps the earliest copy), the ``post_id`` of the copy kept when another member
    wrote it: the same complaint by a second member confirms it, as a "me too" does (review 8,
    R8-11: six members posting "error 503 στο shop" in one morning). Null for a member's own
    repeat, or where an author is unknown."""
    if "author" not in ranked or "post_id" not in ranked or not len(copies):
        return pd.Series(pd.NA, index=copies, dtype="string")
    copied = ranked.loc[copies]
    # the first of each text that has copies: a map over every candidate's text was as large
    kept = ranked[~ranked["_folded"].duplicated() & ranked["_folded"].isin(copied["_folded"])]
    kept = kept.set_index("_folded")
    kept_id = copied["_folded"].map(kept["post_id"]).astype("string")
    kept_author = copied["_folded"].map(kept["author"])
    other = (copied["author"].notna() & kept_author.notna()
             & copied["author"].ne(kept_author).fillna(False)).to_numpy(dtype=bool)
    return kept_id.where(other, pd.NA)


def _bare_agreements(posts: pd.DataFrame) -> np.ndarray:
    """Which posts are a bare "me too" (``cues.bare_agreement``), among those whose own reason,
    if any, an agreement may carry (``_AGREEMENT_FROM``)."""
    reasons = posts["skip_reason"].astype("object").where(posts["skip_reason"].notna(), None)
    langs = posts["lang"].fillna("und") if "lang" in posts else pd.Series("und", index=posts.index)
    return np.array([reason in _AGREEMENT_FROM and bare_agreement(text, lang)
                     for text, lang, reason in zip(posts["text_norm"].fillna(""), langs, reasons)],
                    dtype=bool)


def link_agreements(posts: pd.DataFrame, minutes: float, said: np.ndarray | None = None
                    ) -> pd.Series:
    """The ``post_id`` each bare agreement agrees with (``cues.bare_agreement``: "גם אצלי!!",
    "κι εμένα το ίδιο", "same here", "+1"), null for every other post.

    What a post answers is its reply target (``parent_id``, in the same file or platform) when
    the export links replies; else the nearest earlier post of its conversation (file, channel, thread) at
    most ``minutes`` before it, looking past posts with nothing to agree with (``PASSED_OVER``: a
    greeting in between). An agreement that answers an agreement agrees with what that one
    agrees with. It must answer another member: a post without author or time, a reply to one's
    own post or to nothing found, keeps its own skip reason (or none). ``said``: the bare
    agreements (``_bare_agreements``), when the caller has them.

    Example:
        >>> posts = pd.DataFrame({"post_id": ["a", "b"], "author": ["m1", "m2"],
        ...     "created_at": pd.to_datetime(["2026-10-01 09:00", "2026-10-01 09:07"], utc=True),
        ...     "text_norm": ["the app crashes when I pay", "same here!"], "lang": ["en", "en"],
        ...     "skip_reason": [None, "presence"]})
        >>> link_agreements(posts, 60).tolist()
        [<NA>, 'a']
    """
    agrees = pd.Series(pd.NA, index=posts.index, dtype="string")
    if not {"post_id", "author", "created_at"} <= set(posts) or posts.empty:
        return agrees
    said = _bare_agreements(posts) if said is None else said
    bare = said & posts["author"].notna().to_numpy()
    if not bare.any():
        return agrees
    reasons = posts["skip_reason"].astype("object").where(posts["skip_reason"].notna(), None)
    frame = pd.DataFrame({"bare": bare, "passed": reasons.isin(PASSED_OVER).to_numpy() & ~bare,
                          "author": posts["author"].astype("string"),
                          "at": pd.to_datetime(posts["created_at"], utc=True),
                          "conversation": conversations(posts), "parent": _parents(posts)},
                         index=posts.index)
    frame["order"] = range(len(frame))
    frame = frame.sort_values(["conversation", "at", "order"], kind="stable", na_position="first")
    window = pd.Timedelta(minutes=minutes) if minutes > 0 else None
    # an agreement's row -> the row it answers: a member's "me too" under their own post stands
    # for that post, so another member's "me too" after it reaches the post (review 11, R11-11)
    answers: dict = {}
    root: dict = {}  # an agreement's row -> the row of another member it agrees with
    for _, chat in frame.groupby("conversation", sort=False):
        if not chat["bare"].any():
            continue
        previous = None  # the last row with something to agree with (or an agreement)
        for row in chat.itertuples():
            if row.bare:
                target = (_answered_by_link(row.parent, frame, answers) if pd.notna(row.parent)
                          else _answered_in_time(row, previous, frame, answers, window))
                answered = None if target is None else frame.at[target, "author"]
                if target is not None:
                    answers[row.Index] = target
                if pd.notna(answered) and answered != row.author:
                    root[row.Index] = target
            if not row.passed:
                previous = row.Index
    for row, target in root.items():
        agrees[row] = posts.at[target, "post_id"]
    return agrees


def _answered_by_link(parent, frame: pd.DataFrame, answers: dict):
    """The row a reply's parent stands for: the parent, or what it answers when it is a bare
    agreement; None when the parent is not in the export or is an agreement that answers nothing."""
    if parent not in frame.index:
        return None
    if frame.at[parent, "bare"]:
        return answers.get(parent)
    return parent


def _answered_in_time(row, previous, frame: pd.DataFrame, answers: dict,
                      window: pd.Timedelta | None):
    """The row the nearest earlier post of the conversation stands for, when it is at most
    ``window`` before ``row``; None otherwise (and always without a window)."""
    if window is None or previous is None or pd.isna(row.at) or pd.isna(frame.at[previous, "at"]):
        return None
    if row.at - frame.at[previous, "at"] > window:
        return None
    return answers.get(previous) if frame.at[previous, "bare"] else previous


def _parents(posts: pd.DataFrame) -> pd.Series:
    """Each reply's parent as a row label of ``posts`` (the post with that ``source_id`` in the
    same file, or platform: ``id_scope``), NA when the post replies to nothing or to a post not
    in the export."""
    if "parent_id" not in posts or "source_id" not in posts or posts["parent_id"].isna().all():
        return pd.Series(pd.NA, index=posts.index, dtype="object")
    files = id_scope(posts)
    own = (files + "\x1f" + posts["source_id"].astype("string")).to_numpy()
    row_of = pd.Series(posts.index, index=own)
    row_of = row_of[~row_of.index.duplicated()]
    wanted = (files + "\x1f" + posts["parent_id"].astype("string")).to_numpy()
    found = row_of.reindex(wanted).to_numpy()
    has_parent = posts["parent_id"].notna().to_numpy()
    parents = pd.Series(found, index=posts.index, dtype="object")
    # a reply whose parent is not in the export answers nothing found: a sentinel, not NA
    parents[has_parent & pd.isna(found)] = _MISSING
    return parents.where(has_parent, pd.NA)


_MISSING = object()  # a parent named by parent_id and not in the export
