"""YouTube comments: Google Takeout ``comments.csv`` and youtube-comment-downloader output.

* Takeout ``comments.csv`` holds your own comments, in any of its English column layouts: before
  June 2024 (``Comment ID,Channel ID,Comment Create Timestamp,Price,Parent Comment ID,Video ID,
  Comment Text``), after it (the same columns reordered, ``Channel ID`` first), the older 6-column
  file and the 8-9 column files with ``Post ID`` / ``Top-Level Comment ID``. Columns are found by
  name. ``Comment Text`` is JSON: ``{"takeoutSegments": [{"text"}]}`` or a bare list of
  ``{"text"}`` fragments; the fragments are joined. The author is the commenter's channel id,
  the channel is the video (or community post).
* youtube-comment-downloader JSON lines (or its ``--pretty`` ``{"comments": [...]}`` file):
  ``cid`` (``<parent>.<reply>`` for replies), ``text``, ``author``, ``votes`` (a display string
  such as ``"1.2K"``), ``replies``, ``time_parsed`` (an approximate epoch, from "2 years ago").

A Takeout header or downloader keys must match exactly, so other CSV / JSON lines files are
left to the generic table reader.

Example:
    >>> source = Source(Path("comments.csv"), "comments.csv")
    >>> frames = read_youtube(source, InputConfig())  # doctest: +SKIP
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from typing import Any

import pandas as pd

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest.csvtext import UNCLOSED, UnclosedQuote, note_repeated_header, records
from mining.ingest.registry import Reader, Source, json_error, json_reason, register, sniff_text
from mining.ingest.tables import json_lines

# Takeout column names (compared lower-case), and the ones every layout has.
TAKEOUT_COLUMNS = {"comment id", "channel id", "comment create timestamp", "price",
                   "parent comment id", "post id", "video id", "comment text",
                   "top-level comment id"}
_TAKEOUT_REQUIRED = {"comment id", "comment create timestamp", "comment text"}
_DOWNLOADER_KEYS = {"cid", "text", "votes"}
_PRETTY = re.compile(r'\{\s*"comments"\s*:\s*(?=\[)')

# Count suffixes YouTube shows, lower-case and without dots (English, Hebrew, Greek, and a few
# other common interface languages).
MULTIPLIERS = {"": 1, "k": 1e3, "m": 1e6, "b": 1e9, "אלף": 1e3, "מיליון": 1e6, "χιλ": 1e3,
               "εκ": 1e6, "тыс": 1e3, "млн": 1e6, "mil": 1e3, "mln": 1e6, "mio": 1e6, "md": 1e9}
_COUNT = re.compile(r"^(?P<number>\d[\d.,\s]*?)\s*(?P<suffix>[^\d\s.,][^\d\s]*)?$")


def parse_count(value: Any) -> int | None:
    """A count as YouTube displays it: ``"7"``, ``"1.2K"``, ``"1,2 χιλ."``, ``"3 אלף"``.

    Returns None for an empty value or an unknown suffix.

    Example:
        >>> parse_count("1.2K"), parse_count("1,2 χιλ."), parse_count("15"), parse_count("")
        (1200, 1200, 15, None)
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    text = str(value or "").strip("\u200e\u200f\u00a0 ")
    match = _COUNT.match(text)
    if not match:
        return None
    suffix = (match["suffix"] or "").rstrip(".").lower()
    if suffix not in MULTIPLIERS:
        return None
    number = re.sub(r"\s", "", match["number"])
    if suffix:  # "1,2 K": a comma before a suffix is a decimal comma
        number = number.replace(",", ".")
    else:  # "1,234" or "1.234": thousands separators
        number = number.replace(",", "").replace(".", "")
    try:
        return round(float(number) * MULTIPLIERS[suffix])
    except ValueError:
        return None


def _header(head: bytes) -> list[str] | None:
    first_line = sniff_text(head).split("\n", 1)[0]
    try:
        cells = next(csv.reader([first_line]))
    except (csv.Error, StopIteration):
        return None
    return [c.strip().lower() for c in cells]


def _is_takeout(head: bytes) -> bool:
    header = _header(head)
    return bool(header) and set(header) <= TAKEOUT_COLUMNS and _TAKEOUT_REQUIRED <= set(header)


def _is_downloader(text: str) -> bool:
    """Whether the first record (a JSON line, or the first of the pretty file's list) has the
    downloader's keys."""
    pretty = _PRETTY.match(text)
    pos = pretty.end() + 1 if pretty else 0
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    try:
        item = json.JSONDecoder().raw_decode(text, pos)[0]
    except ValueError:
        return False
    return isinstance(item, dict) and _DOWNLOADER_KEYS <= item.keys()


def _sniff(source: Source, head: bytes) -> bool:
    if _is_takeout(head):
        return True
    text = sniff_text(head)
    return text.startswith("{") and _is_downloader(text)


def comment_text(cell: str) -> str:
    """The text of a Takeout ``Comment Text`` cell, either JSON form.

    Example:
        >>> comment_text('{"text":"a"},{"text":"\\\\n"},{"text":"b"}')
        'a\\nb'
        >>> comment_text('{"takeoutSegments":[{"text":"שלום"}]}')
        'שלום'
    """
    if not cell.strip():
        return ""
    parts = json.loads(f"[{cell}]")  # the newer layout is a bare comma-separated list
    segments = []
    for part in parts:
        inner = part.get("takeoutSegments") if isinstance(part, dict) else None
        segments += inner if isinstance(inner, list) else [part]
    return "".join(str(s.get("text", "")) for s in segments if isinstance(s, dict))


def _utc(value: str, timezone: str) -> pd.Timestamp:
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is None:  # Takeout writes offsets; a file without one is read in ``timezone``
        stamp = stamp.tz_localize(timezone)
    return stamp.tz_convert("UTC")


def _csv_rows(source: Source) -> Iterator[tuple[int, list[str]]]:
    """(the line it starts on, cells) of each row, the header first, blank lines left out; a
    broken CSV (a quoted field never closed: a file cut short) is an error naming the line."""
    try:
        yield from records(source.read_text())
    except UnclosedQuote as exc:
        raise InputError("E110", source.display, line=exc.line, detail=UNCLOSED) from None
    except csv.Error as exc:
        raise InputError("E110", source.display, line=getattr(exc, "line", "?"),
                         detail=str(exc)) from None


def _read_takeout(source: Source, timezone: str) -> pd.DataFrame:
    lines = _csv_rows(source)
    header = [_header_cell(c) for c in next(lines)[1]]
    rows, repeats, notes = [], [], {}
    try:
        for record, (line, cells) in enumerate(
                ((line, cells) for line, cells in lines if any(c.strip() for c in cells)), 1):
            if [_header_cell(c) for c in cells] == header:  # two files joined with ``cat``
                repeats.append(record)
                continue
            if len(cells) != len(header):
                cut = len(cells) < len(header) and next(lines, None) is None  # the last row
                raise InputError("E110", source.display, line=line, detail=(
                    f"{len(cells)} fields, the header has {len(header)}"
                    + ("; the file ends in this row: it was cut short" if cut else "")))
            rows.append(_takeout_row(dict(zip(header, cells)), timezone, source.display, line))
    except InputError as exc:  # the comments before the broken one are accounted for
        exc.records_read = len(rows)
        raise
    if repeats:
        note_repeated_header(repeats, source.display, notes)
    if not rows:
        raise InputError("E109", source.display)
    frame = pd.DataFrame.from_records(rows)
    frame.attrs["notes"] = notes
    return frame


def _header_cell(cell: str) -> str:
    """A header cell as the columns are named: case, spaces and a byte order mark aside."""
    return cell.replace("\ufeff", "").strip().lower()


def _takeout_row(record: dict[str, str], timezone: str, where: str, line: int) -> dict[str, Any]:
    """One Takeout comment as RAW_POST values; a cell that cannot be read is E110 in plain
    words (a JSON parser's position is the cell's, not the file's)."""
    comment_id = record["comment id"]
    parent = record.get("parent comment id") or None
    try:
        text = comment_text(record["comment text"])
    except json.JSONDecodeError as exc:  # the cell was wrapped in [ ]: exc.pos is 1-based in it
        raise InputError("E110", where, line=line, detail=(
            f"the Comment Text cell is not the JSON Takeout writes ({json_reason(exc.msg)} at character "
            f"{max(exc.pos, 1)} of the cell)")) from None
    try:
        created = _utc(record["comment create timestamp"], timezone)
    except ValueError as exc:
        raise InputError("E110", where, line=line, detail=(
            f"the Comment Create Timestamp {record['comment create timestamp'][:40]!r} is not "
            f"a time ({(str(exc).splitlines() or ['unreadable'])[0][:80]})")) from None
    return {
        "source_id": comment_id,
        "channel": record.get("video id") or record.get("post id") or None,
        "thread_id": record.get("top-level comment id") or parent or comment_id.split(".")[0],
        "parent_id": parent,
        "author": record.get("channel id") or None,
        "created_at": created,
        "text": text,
        "url": (f"https://www.youtube.com/watch?v={record['video id']}&lc={comment_id}"
                if record.get("video id") else None),
    }


def _downloader_records(source: Source, notes: dict) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, record) for each comment, from JSON lines (a broken line left out and named in
    ``notes``, as the table reader's: ``json_lines``) or the pretty ``{"comments": [...]}``."""
    text = source.read_text()
    if _PRETTY.match(text.lstrip()):
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise json_error(exc, source.display) from None
        comments = doc.get("comments") if isinstance(doc, dict) else None
        if not isinstance(comments, list):
            raise InputError("E111", source.display, format="youtube-comment-downloader",
                             detail="comments is not a list")
        yield from ((f"comments[{n}]", c) for n, c in enumerate(comments))
        return
    yield from ((f"comment {n}", c) for n, c in enumerate(json_lines(text, source, notes), 1))


def _read_downloader(source: Source) -> pd.DataFrame:
    rows, notes = [], {}
    for where, item in _downloader_records(source, notes):
        if not isinstance(item, dict) or not isinstance(item.get("cid"), str):
            raise InputError("E111", source.display, format="youtube-comment-downloader",
                             detail=f"{where}: no comment id (cid)")
        cid = item["cid"]
        reply = bool(item.get("reply")) or "." in cid
        # ``time_parsed`` is an epoch guessed from "2 years ago": approximate, but UTC
        stamp = item.get("time_parsed")
        created = pd.Timestamp(stamp, unit="s", tz="UTC") if isinstance(stamp, (int, float)) else None
        rows.append({
            "source_id": cid,
            "thread_id": cid.split(".")[0],
            "parent_id": cid.split(".")[0] if reply else None,
            "author": item.get("author"),
            "created_at": created,
            "text": item.get("text") or "",
            "reactions": parse_count(item.get("votes")),
            "reply_count": parse_count(item.get("replies")),
        })
    frame = pd.DataFrame.from_records(rows)
    frame.attrs["notes"] = notes
    return frame


def read_youtube(source: Source, options: InputConfig) -> Iterator[pd.DataFrame]:
    """Read a Takeout ``comments.csv`` or a youtube-comment-downloader file into RAW_POST rows.

    Example:
        >>> next(read_youtube(source, InputConfig()))[["source_id", "parent_id"]]  # doctest: +SKIP
    """
    if _is_takeout(source.head()):
        frame = _read_takeout(source, options.timezone)
    else:
        frame = _read_downloader(source)
    if frame.empty:
        return
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
    frame.insert(0, "source", "youtube")
    frame.insert(1, "source_file", source.display)
    frame["kind"] = "comment"
    yield frame


YOUTUBE = register(Reader("youtube", _sniff, read_youtube))
