"""Reddit: API thread JSON and Pushshift / Arctic Shift NDJSON dumps (plain or zstd-compressed).

* API JSON (``/comments/<id>.json``, PRAW): ``[Listing(t3 submission), Listing(t1 comments)]``
  with replies nested in each comment's ``replies`` Listing; a single Listing is read too. A
  ``more`` stub (comments the API did not load) is kept as a ``system`` row with empty text and
  ``reply_count`` = how many it stands for, so that the rows account for every child.
* Dumps: one submission or comment per line (``RS_*`` / ``RC_*``), ``.zst`` compressed or not,
  read in chunks so that large files stream.

``source_id`` is the fullname (``t3_…`` submission, ``t1_…`` comment), so ``parent_id`` and
``thread_id`` (the submission, ``link_id``) point at other rows' ``source_id``. A submission's text
is its title, then its selftext. ``score`` → reactions; ``[deleted]`` / ``[removed]`` → deleted;
``created_utc`` → created_at (UTC).

Example:
    >>> source = Source(Path("RC_2024-01.zst"), "RC_2024-01.zst")
    >>> frames = read_reddit(source, InputConfig())  # doctest: +SKIP
"""
from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd
import zstandard

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest.registry import (Reader, Source, decode_cut, json_error, mark_name, register,
                                    sniff_text)

CHUNK_RECORDS = 50_000
GONE = {"[deleted]", "[removed]"}
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
# Pushshift dumps are written with a long window (zstd --long=31).
_MAX_WINDOW = 2**31
_LISTING = re.compile(r'^\[?\s*\{\s*"kind"\s*:\s*"Listing"')
# Reddit's mention of a user, u/name or /u/name (3 to 20 letters, digits, _ and -): a person's
# user name, marked as one for the privacy pass.
_USER = re.compile(r"(?<![\w/])(/?u/)([A-Za-z0-9_-]{3,20})(?![\w-])")
# Lines quoted from the post answered (Markdown "> "): another member's words, as the reply link
# already says.
_QUOTED = re.compile(r"^[ \t]*>.*\n?", re.MULTILINE)
# Accounts whose comments Reddit's moderation tools write (removal notices, rules).
BOTS = {"AutoModerator"}


def _decompressor() -> zstandard.ZstdDecompressor:
    return zstandard.ZstdDecompressor(max_window_size=_MAX_WINDOW)


def _is_record(item: Any) -> bool:
    """A dump line: a comment (body, parent_id, link_id) or a submission (title, subreddit)."""
    if not isinstance(item, dict) or "id" not in item or "created_utc" not in item:
        return False
    comment = {"body", "parent_id", "link_id"} <= item.keys()
    submission = {"title", "subreddit"} <= item.keys() and ("selftext" in item or "is_self" in item)
    return comment or submission


def _sniff(source: Source, head: bytes) -> bool:
    if head.startswith(_ZSTD_MAGIC):
        try:
            head = _decompressor().decompressobj().decompress(head)
        except zstandard.ZstdError:
            return False
    text = sniff_text(head)
    if _LISTING.match(text):
        return bool(re.search(r'"kind"\s*:\s*"t[13]"', text))
    first_line = text.split("\n", 1)[0]
    try:
        return _is_record(json.loads(first_line))
    except ValueError:
        return False


def _invalid(where: str, detail: str) -> InputError:
    return InputError("E111", where, format="Reddit", detail=detail)


def _fullname(data: dict[str, Any], prefix: str) -> str:
    name = data.get("name")
    return name if isinstance(name, str) and name else f"{prefix}_{data.get('id')}"


def _url(permalink: Any) -> str | None:
    if not permalink:
        return None
    permalink = str(permalink)
    return f"https://www.reddit.com{permalink}" if permalink.startswith("/") else permalink


def _epoch(value: Any) -> float | None:
    try:  # old dumps hold created_utc as a string
        return float(value)
    except (TypeError, ValueError):
        return None


def _text(markdown: str) -> str:
    """A body or title as its author wrote it: the API and the dumps write Markdown with HTML
    entities (``&gt;``, ``&amp;``); quoted lines left out, user mentions marked."""
    text = _QUOTED.sub("", html.unescape(markdown)).strip()
    return _USER.sub(lambda m: m.group(1) + mark_name(m.group(2)), text)


def _row(data: dict[str, Any], submission: bool) -> dict[str, Any]:
    """One RAW_POST row from a submission (t3) or comment (t1) object."""
    if submission:
        title, body = data.get("title") or "", data.get("selftext") or ""
        gone = body in GONE or bool(data.get("removed_by_category"))
        title, body = _text(title), "" if body in GONE else _text(body)
        text = f"{title}\n\n{body}" if title and body else title or body
    else:
        text = data.get("body") or ""
        gone = text in GONE
        text = text if gone else _text(text)
    meta = data.get("_meta") if isinstance(data.get("_meta"), dict) else {}
    fullname = _fullname(data, "t3" if submission else "t1")
    author = data.get("author")
    score = data.get("score")
    return {
        "source_id": fullname,
        "channel": data.get("subreddit"),
        "thread_id": fullname if submission else data.get("link_id"),
        "parent_id": None if submission else data.get("parent_id"),
        "author": None if author in GONE else author,
        "created_at": _epoch(data.get("created_utc")),
        "text": text,
        "kind": "system" if author in BOTS else "post" if submission else "comment",
        "reactions": int(score) if isinstance(score, (int, float)) else None,
        "reply_count": data.get("num_comments") if submission else None,
        # ``edited`` is false or the epoch of the edit
        "edited": bool(data.get("edited")) or bool(meta.get("is_edited")),
        "deleted": gone or bool(meta.get("removal_type")),
        "url": _url(data.get("permalink")),
    }


def _frame(rows: list[dict[str, Any]], source: Source) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows)
    frame["created_at"] = pd.to_datetime(frame["created_at"], unit="s", utc=True)
    frame.insert(0, "source", "reddit")
    frame.insert(1, "source_file", source.display)
    return frame


# API JSON ------------------------------------------------------------------------------------

def _children(listing: Any, where: str, source: Source) -> list[tuple[str, int, Any]]:
    if listing in ("", None):  # a comment without replies has ``"replies": ""``
        return []
    if not isinstance(listing, dict) or listing.get("kind") != "Listing":
        raise _invalid(source.display, f"{where} is not a Listing")
    children = (listing.get("data") or {}).get("children")
    if not isinstance(children, list):
        raise _invalid(source.display, f"{where}.data.children is not a list")
    return [(f"{where}.data.children[{n}]", n, child) for n, child in enumerate(children)]


def _walk(children: list[tuple[str, int, Any]], source: Source, link_id: str | None
          ) -> Iterator[dict[str, Any]]:
    for where, n, child in children:
        kind = child.get("kind") if isinstance(child, dict) else None
        data = child.get("data") if isinstance(child, dict) else None
        if kind not in ("t1", "t3", "more") or not isinstance(data, dict):
            raise _invalid(source.display, f"{where} is not a submission, comment or 'more' stub")
        if kind == "more":
            # A stub's own name repeats a child's id, or is "t1__" for every "continue this
            # thread" link; its parent and place are unique.
            parent = data.get("parent_id")
            thread = link_id or (parent if str(parent).startswith("t3_") else None)
            yield {"source_id": f"more:{parent}:{n}", "thread_id": thread, "parent_id": parent,
                   "text": "", "kind": "system", "reply_count": data.get("count")}
            continue
        row = _row(data, submission=kind == "t3")
        replies = _children(data.get("replies"), f"{where}.data.replies", source)
        if kind == "t1":
            row["reply_count"] = sum(1 for _, _, c in replies
                                     if isinstance(c, dict) and c.get("kind") == "t1")
        yield row
        yield from _walk(replies, source, row["thread_id"])


def _read_api(source: Source) -> Iterator[pd.DataFrame]:
    with source.open_utf8() as fh:
        data = fh.read()
    try:
        doc = json.loads(decode_cut(data, "utf-8-sig")[0])
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError("E103", f"{source.display}:{line}", detail=f"byte {exc.start}") from None
    except json.JSONDecodeError as exc:
        raise json_error(exc, source.display) from None
    listings = doc if isinstance(doc, list) else [doc]
    rows = [row for n, listing in enumerate(listings)
            for row in _walk(_children(listing, f"[{n}]", source), source, None)]
    if rows:
        yield _frame(rows, source)


# NDJSON dumps --------------------------------------------------------------------------------

def _lines(source: Source) -> Iterator[tuple[int, bytes]]:
    """Numbered lines of the file, decompressed on the fly when it is zstd."""
    with source.open() as raw:
        compressed = raw.read(4) == _ZSTD_MAGIC
    with source.open() if compressed else source.open_utf8() as raw:
        stream = (io.BufferedReader(_decompressor().stream_reader(raw, read_across_frames=True))
                  if compressed else raw)
        try:
            yield from enumerate(stream, 1)
        except zstandard.ZstdError as exc:
            raise InputError("E107", source.display, detail=f"zstd: {exc}") from None


def _records(source: Source) -> Iterable[dict[str, Any]]:
    for number, line in _lines(source):
        if not line.strip():
            continue
        try:
            item = json.loads(decode_cut(line, "utf-8-sig" if number == 1 else "utf-8")[0])
        except UnicodeDecodeError as exc:
            raise InputError("E103", f"{source.display}:{number}",
                             detail=f"byte {exc.start}") from None
        except json.JSONDecodeError as exc:
            raise json_error(exc, source.display, number, unit="line") from None
        if not _is_record(item):
            raise InputError("E110", source.display, line=number,
                             detail="not a Reddit submission or comment")
        yield item


def _read_dump(source: Source) -> Iterator[pd.DataFrame]:
    rows: list[dict[str, Any]] = []
    for item in _records(source):
        rows.append(_row(item, submission="title" in item and "body" not in item))
        if len(rows) >= CHUNK_RECORDS:
            yield _frame(rows, source)
            rows = []
    if rows:
        yield _frame(rows, source)


def read_reddit(source: Source, options: InputConfig) -> Iterator[pd.DataFrame]:
    """Read Reddit API JSON or a Pushshift / Arctic Shift dump into RAW_POST chunks.

    Example:
        >>> next(read_reddit(source, InputConfig()))[["source_id", "parent_id"]]  # doctest: +SKIP
    """
    head = source.head()
    if not head.strip():
        raise InputError("E102", source.display)
    text = sniff_text(head)
    if not head.startswith(_ZSTD_MAGIC) and _LISTING.match(text):
        yield from _read_api(source)
    else:
        yield from _read_dump(source)


REDDIT = register(Reader("reddit", _sniff, read_reddit))
