"""Discourse JSON: a topic (``/t/<id>.json``, ``/t/<id>/posts.json``), a posts list
(``/posts.json``: ``latest_posts``) or a single post (``/posts/<id>.json``).

Each post is one row. ``source_id`` is ``<topic_id>/<post_number>``, because replies name their
target only by ``reply_to_post_number``: so ``parent_id`` always points at a ``source_id``, even
when the replied-to post is in another file or not exported. The text is the ``cooked`` HTML as
plain text (quotes of other posts and image captions left out, emoji as their ``:code:``), else
``raw``. Likes (``actions_summary`` id 2) → reactions; ``version`` > 1 → edited; ``deleted_at`` or
``user_deleted`` → deleted; the first post of a topic is kind ``post``, the others ``comment``,
moderator actions and small actions (``post_type`` 2 and 3: "closed", "pinned") ``system``.
``channel`` is the category id (the JSON does not name categories).

Example:
    >>> frames = read_discourse(Source(Path("57.json"), "57.json"), InputConfig())  # doctest: +SKIP
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pandas as pd

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest.htmltext import html_to_text
from mining.ingest.registry import Reader, Source, register, sniff_text

LIKE = 2  # the actions_summary id of a like
SYSTEM_POST_TYPES = {2, 3}  # moderator_action, small_action
_POST_KEYS = {"post_number", "topic_id"}
_LISTS = re.compile(r'"post_stream"\s*:\s*\{\s*"posts"\s*:\s*\[|^\{\s*"latest_posts"\s*:\s*\[')

def _is_post(item: Any) -> bool:
    return (isinstance(item, dict) and _POST_KEYS <= item.keys()
            and ("cooked" in item or "raw" in item))


def _sniff(source: Source, head: bytes) -> bool:
    text = sniff_text(head)
    if not text.startswith("{"):
        return False
    try:  # the whole file is in the head: decide on its structure
        doc = json.loads(text)
    except ValueError:  # a longer file: its opening keys
        return bool(_LISTS.search(text)) and '"post_number"' in text and '"cooked"' in text
    return bool(_posts(doc))


def _posts(doc: Any) -> list[tuple[str, Any]]:
    """(JSON path, post) for every post of a topic, posts list or single post; [] otherwise."""
    if not isinstance(doc, dict):
        return []
    stream = doc.get("post_stream")
    if isinstance(stream, dict) and isinstance(stream.get("posts"), list):
        return [(f"post_stream.posts[{n}]", p) for n, p in enumerate(stream["posts"])]
    if isinstance(doc.get("latest_posts"), list):
        return [(f"latest_posts[{n}]", p) for n, p in enumerate(doc["latest_posts"])]
    return [("(the post)", doc)] if _is_post(doc) else []


def _invalid(source: Source, detail: str) -> InputError:
    return InputError("E111", source.display, format="Discourse", detail=detail)


def _likes(post: dict[str, Any]) -> int:
    for action in post.get("actions_summary") or []:
        if isinstance(action, dict) and action.get("id") == LIKE:
            return int(action.get("count") or 0)
    return int(post.get("like_count") or 0)


def _utc(value: Any, timezone: str) -> pd.Timestamp:
    if not value:
        return pd.NaT
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is None:  # Discourse writes offsets; a time without one is read in ``timezone``
        stamp = stamp.tz_localize(timezone)
    return stamp.tz_convert("UTC")


def _text(post: dict[str, Any]) -> str:
    if isinstance(post.get("cooked"), str):
        return html_to_text(post["cooked"])
    return post["raw"] if isinstance(post.get("raw"), str) else ""


def _row(post: Any, where: str, topic: dict[str, Any], source: Source, timezone: str
         ) -> dict[str, Any]:
    if not isinstance(post, dict):
        raise _invalid(source, f"{where} is not an object")
    topic_id = post.get("topic_id", topic.get("id"))
    number = post.get("post_number")
    if topic_id is None or not isinstance(number, int):
        raise _invalid(source, f"{where} has no topic_id or post_number")
    reply_to = post.get("reply_to_post_number")
    slug = post.get("topic_slug") or topic.get("slug")
    category = post.get("category_id", topic.get("category_id"))
    try:
        created = _utc(post.get("created_at"), timezone)
    except ValueError:
        raise _invalid(source,
                       f"{where}.created_at is not a time: {post.get('created_at')!r}") from None
    return {
        "source_id": f"{topic_id}/{number}",
        "channel": None if category is None else str(category),
        "thread_id": str(topic_id),
        "parent_id": f"{topic_id}/{reply_to}" if reply_to else None,
        "author": post.get("username"),
        "created_at": created,
        "text": _text(post),
        "kind": ("system" if post.get("post_type") in SYSTEM_POST_TYPES
                 else "post" if number == 1 else "comment"),
        "reactions": _likes(post),
        "reply_count": post.get("reply_count"),
        "edited": int(post.get("version") or 1) > 1,
        "deleted": post.get("deleted_at") is not None or bool(post.get("user_deleted")),
        "url": post.get("post_url") or (f"/t/{slug}/{topic_id}/{number}" if slug
                                        else f"/t/{topic_id}/{number}"),
    }


def read_discourse(source: Source, options: InputConfig) -> Iterator[pd.DataFrame]:
    """Read a Discourse topic, posts list or single post into RAW_POST rows.

    Example:
        >>> next(read_discourse(source, InputConfig())).source_id.tolist()  # doctest: +SKIP
        ['57/1', '57/2', '57/3', '57/14']
    """
    doc = source.read_json()
    posts = _posts(doc)
    if not posts and not (isinstance(doc, dict) and {"post_stream", "latest_posts"} & doc.keys()):
        raise _invalid(source, "no post_stream.posts, latest_posts or post fields")
    rows = [_row(post, where, doc, source, options.timezone) for where, post in posts]
    if not rows:
        return
    frame = pd.DataFrame.from_records(rows)
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
    frame.insert(0, "source", "discourse")
    frame.insert(1, "source_file", source.display)
    yield frame


DISCOURSE = register(Reader("discourse", _sniff, read_discourse))
