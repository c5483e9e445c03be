"""What one input file may cost: the limits that keep a hostile or broken file from exhausting
memory or time, and the stream that enforces them on every read (``Source.open``).

A file over a limit is set aside with a coded error naming the file, the place and the limit; the
other files go on. The limits are far above what a real export needs (a WhatsApp message is at
most 65,536 characters; exports nest JSON a dozen levels deep) and are documented in the README.

Example:
    >>> stream = BoundedStream(io.BytesIO(b"ok\\n" + b"a" * 40), "notes.txt", max_line=32)
    >>> try:
    ...     stream.read()
    ... except InputError as error:
    ...     print(error.code, error.fields["line"])
    E123 2
"""
from __future__ import annotations

import csv
import io
import zipfile
import zlib
from pathlib import Path
from typing import IO

from mining.errors import InputError

MAX_MEMBER_BYTES = 4 << 30  # a zip member's expanded size (Apache POI's ZipSecureFile default)
MAX_EXPANSION_RATIO = 100  # a zip member's expanded size over its compressed size (POI: 1 / 0.01)
RATIO_GRACE_BYTES = 1 << 20  # small members may be very repetitive: the ratio counts past 1 MiB
MAX_LINE_BYTES = 16 << 20  # one line of a text file (CSV, TSV, JSON Lines, chat .txt, ...)
MAX_JSON_DEPTH = 512  # nesting of JSON read as a stream; whole-file JSON stops at Python's limit
MAX_TEXT_CHARS = 100_000  # a post's text; longer ones are cut, and the manifest counts them
# Python's csv module refuses a cell over 131,072 characters, and every CSV reader here sniffs
# with it: a ticket with a pasted log lost its whole file (review 14, R14-17). A cell is at most a
# line; a text over MAX_TEXT_CHARS is cut once read.
csv.field_size_limit(MAX_LINE_BYTES)

CHUNK_BYTES = 1 << 20  # each read takes at most this much
# Binary formats are not read by lines: a zip (XLSX), Parquet, zstd and gzip by their signature.
BINARY_SIGNATURES = (b"PK\x03\x04", b"PAR1", b"\x28\xb5\x2f\xfd", b"\x1f\x8b")
# What a damaged member raises (a flipped byte in its header can name an unknown compression).
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError)


def size_text(n: int) -> str:
    """``16 MiB``, ``4 GiB``, ``900 bytes``: a limit or a size as a message gives it.

    Example:
        >>> size_text(16 << 20), size_text(4 << 30), size_text(900)
        ('16 MiB', '4 GiB', '900 bytes')
    """
    for unit, shift in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if n >= 1 << shift:
            return f"{n / (1 << shift):.3g} {unit}"
    return f"{n} bytes"


class BoundedStream(io.RawIOBase):
    """A file, or a zip member, that raises a coded ``InputError`` as soon as a read crosses a
    limit: a line longer than ``max_line`` (None: no line limit, for JSON parsed as a stream), or
    a member expanding past ``MAX_MEMBER_BYTES`` or ``MAX_EXPANSION_RATIO`` times ``packed``, its
    compressed size. A corrupt member is E121 instead of zipfile's own exceptions.

    The lines are checked on what is read, whatever the reader asks for (``read()``, ``readline``,
    blocks), so the cost of a hostile file stops at the limit.
    """

    def __init__(self, raw: IO[bytes], display: str, packed: int | None = None,
                 max_line: int | None = MAX_LINE_BYTES, closing: tuple = ()) -> None:
        super().__init__()
        self._raw, self._display, self._packed = raw, display, packed
        self._max_line, self._closing = max_line, closing
        self._total = 0  # bytes read so far
        self._line, self._run = 1, 0  # the current line's number, its bytes read so far
        self._binary: bool | None = None  # decided by the first bytes
        # A line inside one chunk is never too long: only the runs across chunks are counted.
        self._chunk = min(CHUNK_BYTES, max_line or CHUNK_BYTES)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        try:
            data = self._raw.read(min(len(buffer), self._chunk))
        except _ZIP_ERRORS as exc:
            if self._packed is None:
                raise
            raise InputError("E121", self._display, detail=str(exc) or type(exc).__name__) from None
        buffer[: len(data)] = data
        self._total += len(data)
        if self._packed is not None:
            self._check_expansion()
        if self._max_line is not None and data:
            self._check_lines(data)
        return len(data)

    def _check_expansion(self) -> None:
        if self._total > MAX_MEMBER_BYTES:
            raise InputError("E122", self._display, detail=f"more than {size_text(MAX_MEMBER_BYTES)}")
        if self._total > RATIO_GRACE_BYTES and self._total > MAX_EXPANSION_RATIO * self._packed:
            raise InputError("E122", self._display,
                             detail=f"more than {MAX_EXPANSION_RATIO} times its compressed size "
                                    f"({size_text(self._packed)})")

    def _check_lines(self, data: bytes) -> None:
        if self._binary is None:
            self._binary = data.startswith(BINARY_SIGNATURES)
        if self._binary:
            return
        # A lone "\r" ends a line too (old Mac files; the readers read it as "\n").
        first = min((at for at in (data.find(b"\n"), data.find(b"\r")) if at >= 0), default=-1)
        if first < 0:
            self._run += len(data)
        else:
            self._over_line(self._run + first)
            self._line += data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
            self._run = len(data) - max(data.rfind(b"\n"), data.rfind(b"\r")) - 1
        self._over_line(self._run)

    def _over_line(self, length: int) -> None:
        if length > self._max_line:
            raise InputError("E123", self._display, line=self._line, limit=size_text(self._max_line))

    def close(self) -> None:
        if not self.closed:
            for resource in (self._raw, *self._closing):
                resource.close()
        super().close()


def open_member(archive_path: Path, member: str, display: str, max_line: int | None) -> IO[bytes]:
    """A zip member through the limits; its declared sizes are checked before any byte is read
    (the actual bytes are counted too: declared sizes can lie)."""
    archive = zipfile.ZipFile(archive_path)
    try:
        info = archive.getinfo(member)
        packed = max(1, min(info.compress_size, archive_path.stat().st_size))
        if info.file_size > MAX_MEMBER_BYTES:
            raise InputError("E122", display, detail=f"{size_text(info.file_size)}, more than "
                                                     f"{size_text(MAX_MEMBER_BYTES)}")
        if info.file_size > RATIO_GRACE_BYTES and info.file_size > MAX_EXPANSION_RATIO * packed:
            raise InputError("E122", display, detail=f"{size_text(info.file_size)} from "
                                                     f"{size_text(packed)}, more than "
                                                     f"{MAX_EXPANSION_RATIO} times")
        raw = archive.open(member)
    except _ZIP_ERRORS as exc:
        archive.close()
        raise InputError("E121", display, detail=str(exc) or type(exc).__name__) from None
    except BaseException:
        archive.close()
        raise
    return io.BufferedReader(BoundedStream(raw, display, packed, max_line, closing=(archive,)),
                             buffer_size=1 << 16)


def open_file(path: Path, display: str, max_line: int | None) -> IO[bytes]:
    """A file on disk through the line limit."""
    return io.BufferedReader(BoundedStream(open(path, "rb", buffering=0), display,
                                           max_line=max_line), buffer_size=1 << 16)
