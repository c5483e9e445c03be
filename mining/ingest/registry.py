"""The reader registry: which reader takes which file, decided from content, not only the name.

A reader is a ``Reader``: a name (the ``source`` column), a ``sniff`` that looks at the file name and
its first bytes, and a ``read`` that yields DataFrame chunks in the ``RAW_POST`` schema. Export
formats (WhatsApp, Telegram, ...) register themselves the same way the generic tables do. A reader
that has something to say about a file (a guessed date order, say) puts a dict in a chunk's
``attrs["notes"]``; the file's entry in the manifest shows it.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pandas as pd

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest.limits import MAX_LINE_BYTES, open_file, open_member

SNIFF_BYTES = 64 * 1024


@dataclass(frozen=True)
class Source:
    """One input file: on disk, or a member of a zip archive."""

    path: Path  # the file on disk (the archive, for a member)
    display: str  # what messages and ``source_file`` name: relative path, "a.zip!member" in a zip
    member: str | None = None

    @property
    def name(self) -> str:
        return Path(self.member or self.path.name).name

    def open(self, max_line: int | None = MAX_LINE_BYTES) -> IO[bytes]:
        """The file's bytes, read through the limits (``mining/ingest/limits.py``): a line longer
        than ``max_line`` (None for JSON parsed as a stream), a zip member expanding too far or
        corrupt, raises a coded ``InputError`` on the read that crosses it."""
        if self.member is None:
            return open_file(self.path, self.display, max_line)
        return open_member(self.path, self.member, self.display, max_line)

    def head(self, n: int = SNIFF_BYTES) -> bytes:
        with self.open() as fh:
            return fh.read(n)

    def read_text(self, data: bytes | None = None) -> str:
        """The whole file as UTF-8 text (a BOM dropped); empty or undecodable files are user
        errors naming the line of the first bad byte."""
        if data is None:
            with self.open() as fh:
                data = fh.read()
        if not data.strip():
            raise InputError("E102", self.display)
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError("E103", f"{self.display}:{line}", detail=f"byte {exc.start}") from None

    def read_json(self) -> Any:
        """The whole file parsed as JSON; a syntax error names its line."""
        try:
            return json.loads(self.read_text())
        except json.JSONDecodeError as exc:
            raise InputError("E110", self.display, line=exc.lineno, detail=exc.msg) from None


@dataclass(frozen=True)
class Reader:
    name: str
    sniff: Callable[[Source, bytes], bool]
    read: Callable[[Source, InputConfig], Iterator[pd.DataFrame]]


READERS: list[Reader] = []


def register(reader: Reader, *, first: bool = True) -> Reader:
    """Add a reader. Specific formats go first; the generic tables come last as the fallback."""
    if first:
        READERS.insert(0, reader)
    else:
        READERS.append(reader)
    return reader


def find_reader(source: Source, head: bytes) -> Reader | None:
    for reader in READERS:
        if reader.sniff(source, head):
            return reader
    return None
