"""Streaming JSON for large exports: ijson over the file, with the repairs exports need.

Telegram Desktop writes control characters as ``\\xNN``, which JSON does not allow; ``JsonBytes``
rewrites them as ``\\u00NN`` block by block, and stops a file nested deeper than
``MAX_JSON_DEPTH`` (ijson's memory grows with the square of the depth: 10,000 levels take 250 MB,
100,000 over 20 GB). ``stream_items`` yields the items under a prefix (``messages.item``),
``top_level`` reads the keys before a big array, and parse errors name the file's line. The
Telegram and Discord readers use them.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import closing
from typing import IO, Any

import ijson
import numpy as np

from mining.errors import InputError
from mining.ingest.limits import MAX_JSON_DEPTH
from mining.ingest.registry import CUT_SHORT, Source, damaged_error, damaged_lines, decode_cut

BLOCK_BYTES = 1 << 16  # what the parser reads at a time
# An odd run of backslashes makes an escape; an even one is escaped backslashes.
_HEX_ESCAPE = re.compile(rb"(?<!\\)((?:\\\\)*)\\x([0-9a-fA-F]{2})")
_ESCAPE = re.compile(rb"\\.", re.DOTALL)  # an escaped character: \" and \\ say nothing of structure
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'"[]{}')
_NESTING = np.zeros(256, np.int64)
_NESTING[list(b"[{")], _NESTING[list(b"]}")] = 1, -1


class JsonBytes:
    """A JSON file as ijson reads it: without a BOM, with tdesktop's ``\\xNN`` escapes written as
    ``\\u00NN`` (valid JSON passes unchanged), and knowing which line each block starts at.

    An escape that a block boundary cuts is held back and repaired with the next block. From byte
    ``by_line_from`` on, each read hands out one line, so that a parse error names its line.

    Example:
        >>> import io
        >>> JsonBytes(io.BytesIO(rb'["bell\\x07"]')).read(64)
        b'["bell\\\\u0007"]'
    """

    def __init__(self, fh: IO[bytes], by_line_from: int | None = None, display: str = "") -> None:
        self._fh = fh
        self._by_line_from = by_line_from
        self._display = display
        self._depth, self._in_string = 0, False
        self._carry = b""  # the start of an escape the last block may have cut
        self._newlines = 0
        self.offset = 0  # bytes taken from the file
        self.block_offset = 0  # where the block last handed out starts in the file
        self.line = 1  # the line it starts at

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson's check that the file is binary
            return b""
        while True:
            self.block_offset = self.offset - len(self._carry)
            if self._by_line_from is not None and self.offset >= self._by_line_from:
                data = self._fh.readline()
            elif self._by_line_from is not None:
                data = self._fh.read(min(size, self._by_line_from - self.offset))
            else:
                data = self._fh.read(size)
            if self.offset == 0 and data.startswith(b"\xef\xbb\xbf"):
                data, self.offset = data[3:], 3
            self.offset += len(data)
            text = self._carry + data
            # Hold back an escape the block may have cut; at the end of the file nothing is cut.
            cut = _escape_start(text) if data else None
            text, self._carry = (text, b"") if cut is None else (text[:cut], text[cut:])
            if b"\\x" in text:
                text = _HEX_ESCAPE.sub(rb"\1\\u00\2", text)
            if text or not data:
                if self._by_line_from is not None:  # lines are only counted to name one
                    self.line = self._newlines + 1
                    self._newlines += text.count(b"\n")
                else:
                    self._check_depth(text)
                return text

    def _check_depth(self, text: bytes) -> None:
        """Follow the nesting through ``text`` (a block never ends inside an escape), and raise
        E124 where it goes deeper than ``MAX_JSON_DEPTH``, before ijson sees the block."""
        if b"\\" in text:
            text = _ESCAPE.sub(b"", text)
        marks = np.frombuffer(text.translate(None, _NOT_STRUCTURE), np.uint8)  # "[]{}
        if not len(marks):
            return
        inside = (np.cumsum(marks == ord('"')) + self._in_string) % 2 == 1  # a string's brackets
        depths = self._depth + np.cumsum(np.where(inside, 0, _NESTING[marks]))
        if depths.max() > MAX_JSON_DEPTH:
            raise InputError("E124", self._display, limit=MAX_JSON_DEPTH,
                             detail=f" (in the block from byte {self.block_offset})")
        self._depth, self._in_string = int(depths[-1]), bool(inside[-1])


def _escape_start(text: bytes) -> int | None:
    """Where an escape cut by the end of ``text`` may start: at the run of backslashes before
    its ``x`` (their number decides whether it is an escape at all). None if none is cut."""
    last = text.rfind(b"\\", max(len(text) - 3, 0))
    if last < 0:
        return None
    while last > 0 and text[last - 1] == ord("\\"):
        last -= 1
    return last


# What ijson's backends say when the JSON stops before it is complete, and what we say instead.
_YAJL_PREFIX = re.compile(r"^(?:lexical|parse) error: ")
_ENDS_EARLY = re.compile(r"premature EOF|Incomplete JSON content|Unexpected end", re.IGNORECASE)


def parse_error(source: Source, block_offset: int, error: Exception) -> InputError:
    """The error for a file ijson could not parse, naming the line.

    ijson only tells what went wrong, not where, and the failure lies in the block that started
    at ``block_offset``: the file is read again, one line at a time from there, to find the line.
    Bad UTF-8 is E128 naming every damaged line, as the text readers report it (the platforms
    write UTF-8, so "re-save it as UTF-8" would be wrong advice); a file that ends inside a
    character (``decode_cut``), where the parser stops there, was cut short.
    """
    cut, damaged = False, []
    with source.open_utf8() as fh:
        lines = 0
        for block in iter(lambda: fh.read(1 << 20) + fh.readline(), b""):  # ends at a line end
            try:
                cut = decode_cut(block, "utf-8")[1]
            except UnicodeDecodeError:
                damaged += [lines + n for n in damaged_lines(block)]
            lines += block.count(b"\n")
    if damaged:  # a platform writes UTF-8: a byte that is not is damage (review 13 R13-20)
        return damaged_error(source.display, damaged)
    with source.open_utf8() as fh:
        stream = JsonBytes(fh, by_line_from=block_offset)
        try:
            for _ in ijson.basic_parse(stream, buf_size=BLOCK_BYTES):
                pass
        except ijson.JSONError as exc:
            error = exc
    detail = _YAJL_PREFIX.sub("", str(error).strip().splitlines()[0]).rstrip(".")
    at_cut = cut and stream.line == lines + 1  # ijson says "invalid bytes in UTF8 string"
    return InputError("E110", source.display, line=stream.line,
                      detail=CUT_SHORT if at_cut or _ENDS_EARLY.search(detail) else detail)


def stream_items(source: Source, prefix: str) -> Iterator[Any]:
    """The values at ijson's ``prefix`` (``messages.item``: each element of the top-level
    ``messages`` list), one at a time, each built whole. An error in the file says how many
    values came before it (``records_read``).

    Example:
        >>> next(stream_items(source, "messages.item"))["id"]   # doctest: +SKIP
        1
    """
    count = 0  # the items given: the error of a file cut short says how many came before it
    with source.open_utf8() as fh:
        stream = JsonBytes(fh, display=source.display)
        try:
            for item in ijson.items(stream, prefix, use_float=True, buf_size=BLOCK_BYTES):
                count += 1
                yield item
        except ijson.JSONError as exc:
            error = parse_error(source, stream.block_offset, exc)
            error.records_read = count
            raise error from None
        except InputError as exc:  # nested too deep (E124)
            exc.records_read = count
            raise


def first_item(source: Source, prefix: str) -> Any:
    """The first value at ``prefix``, or None; it reads the whole file when there is none."""
    with closing(stream_items(source, prefix)) as items:
        return next(items, None)


def top_level(source: Source, stop: dict[str, str]) -> tuple[dict[str, Any], str | None]:
    """The file's top-level values before the first key of ``stop`` whose value starts with the
    given event (``start_array``, ``start_map``), and that key: the part to stream. The values
    read here are the small ones an export writes first (a chat's name, a channel).

    Example:
        >>> top_level(source, {"messages": "start_array"})   # doctest: +SKIP
        ({'name': 'Ops', 'type': 'private_supergroup', 'id': 42}, 'messages')
    """
    values: dict[str, Any] = {}
    key, builder = None, None
    with source.open_utf8() as fh:
        stream = JsonBytes(fh, display=source.display)
        try:
            for prefix, event, value in ijson.parse(stream, use_float=True, buf_size=BLOCK_BYTES):
                if prefix == "":
                    if event == "map_key":
                        key, builder = value, ijson.ObjectBuilder()
                    continue
                if builder is None:  # the top level is not an object
                    break
                if prefix == key and stop.get(key) == event:
                    return values, key
                builder.event(event, value)
                if prefix == key and event not in ("start_map", "start_array"):
                    values[key] = builder.value  # a scalar, or the end of a list or object
        except ijson.JSONError as exc:
            raise parse_error(source, stream.block_offset, exc) from None
    return values, None
