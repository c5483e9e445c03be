"""Ingestion: turn input files and folders into posts, accounting for every file.

Example:
    >>> posts, files = read_inputs(["corpora/demo"], InputConfig())   # doctest: +SKIP
"""
from __future__ import annotations

import dataclasses
import gc
import hashlib
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from mining.config import InputConfig
from mining.errors import InputError, MiningError
from mining.ingest import discourse, facebook, reddit, slack, tables, youtube  # noqa: F401
from mining.ingest import discord, telegram, whatsapp  # noqa: F401  (register the export readers)
from mining.ingest.registry import READERS, Source, find_reader, head_text
from mining.schema import RAW_POST, READ_POST, check_frame, conform


@dataclass
class FileReport:
    """What happened to one input file; the manifest lists one per file."""

    file: str
    reader: str | None
    sha256: str
    records: int = 0
    error: str | None = None
    notes: dict = field(default_factory=dict)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sources(arg: str) -> list[Source]:
    path = Path(arg)
    if not path.exists():
        raise InputError("E101", arg)
    if path.is_file():
        return _expand(path, path.name)
    files = sorted(p for p in path.rglob("*") if p.is_file()
                   and not any(part.startswith(".") for part in p.relative_to(path).parts))
    return [s for p in files for s in _expand(p, p.relative_to(path).as_posix())]


def _expand(path: Path, display: str) -> list[Source]:
    if path.suffix.lower() != ".zip":
        return [Source(path, display)]
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if not m.endswith("/")]
    except zipfile.BadZipFile:
        raise InputError("E107", display, detail="not a valid zip archive") from None
    return [Source(path, f"{display}!{m}", member=m) for m in members]


# Exports with local times and no zone come from phones and PCs in the community's country.
LOCAL_TIMEZONES = {"he": "Asia/Jerusalem", "el": "Europe/Athens"}


def local_timezone(options: InputConfig, head: bytes) -> tuple[str, str]:
    """The zone of times written without one: the configured one, else by the file's language."""
    if options.timezone:
        return options.timezone, "configured"
    text = head_text(head)
    hebrew = sum("\u05d0" <= c <= "\u05ea" for c in text)
    greek = sum("\u0391" <= c <= "\u03c9" for c in text)
    lang = "he" if hebrew > max(greek, 50) else "el" if greek > max(hebrew, 50) else None
    if lang is None:
        return "UTC", "default: the file is neither Hebrew nor Greek"
    return LOCAL_TIMEZONES[lang], f"default for a file in {'Hebrew' if lang == 'he' else 'Greek'}"


def post_ids(frame: pd.DataFrame, root: str) -> pd.Series:
    """Stable ids: the same record in the same file gets the same id in every run, in every
    version: the first 12 hex digits of the SHA-1 of ``root``, the file and the record's id.

    Example:
        >>> post_ids(pd.DataFrame({"source_file": ["a.csv"], "source_id": ["1"]}), "data").tolist()
        ['p1added091f91']
    """
    sha1 = hashlib.sha1
    files, names = pd.factorize(frame["source_file"].astype(str))  # a chunk names few files
    prefixes = [f"{root}\x1f{name}\x1f".encode() for name in names]
    records = frame["source_id"].astype(str).tolist()
    ids = ["p" + sha1(prefixes[file] + record.encode()).hexdigest()[:12]
           for file, record in zip(files.tolist(), records)]
    return pd.Series(ids, index=frame.index, dtype="string")


def read_files(inputs: list[str], options: InputConfig, strict: bool = False
               ) -> Iterator[tuple[FileReport, Iterator[pd.DataFrame]]]:
    """Each input file, one at a time: its report, and an iterator over its rows in chunks
    (``READ_POST``: RAW_POST plus ``post_id``). ``read_inputs`` and ``mining ingest`` share it.

    Take all of a file's chunks before the next file. When they stop, ``report.error`` says
    whether the file was read whole; a file counts whole or not at all (a reader that fails
    halfway has already yielded chunks, and half a file would skew every figure without saying
    so), so the caller drops the chunks of a file with an error. ``report.sha256`` is filled in
    when the next file is asked for.

    A file no reader claims inside a folder is listed as skipped; a named file no reader claims,
    or any file that fails, is an error. A failing file raises when ``strict`` is set (as the
    next file is asked for), and the first error is raised at the end when no file gave a row;
    otherwise the others go on and the report says why.

    Example:
        >>> for report, chunks in read_files(["corpora/demo"], InputConfig()):  # doctest: +SKIP
        ...     rows = sum(len(chunk) for chunk in chunks)
    """
    failures: list[MiningError] = []
    read_any = False
    # hashlib lets go of the GIL: a file's SHA-256 is computed on another core while it is read.
    with ThreadPoolExecutor(max_workers=1) as hashing:
        for arg in inputs:
            sources = _sources(arg)
            named_file = Path(arg).is_file() and len(sources) == 1
            for source in sources:
                digest = hashing.submit(_sha256, source.path)
                report = FileReport(source.display, None, sha256="")
                yield report, _read_file(source, report, options, named_file, Path(arg).name,
                                         failures)
                report.sha256 = digest.result()
                if report.error is not None and strict:
                    raise failures[-1]
                read_any = read_any or (report.error is None and report.records > 0)
    if not read_any:
        raise failures[0] if failures else InputError("E108", ", ".join(inputs))


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a file is read (and its chunks are handled).

    Readers allocate millions of small objects that never form cycles (a JSON message's dicts, a
    chat line's tuple); reference counting frees them, but each few hundred allocations the
    collector would walk the young ones, and ever more often the whole growing heap, for cycles
    that are not there: a quarter of the read time of a DiscordChatExporter file, a sixth of a
    WhatsApp one. It is restored as it was when the file is done, fails or is abandoned.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_file(source: Source, report: FileReport, options: InputConfig, named_file: bool,
               root: str, failures: list[MiningError]) -> Iterator[pd.DataFrame]:
    """One file's chunks; an error stops them, goes into ``report`` and onto ``failures``."""
    try:
        head = source.head()
        reader = find_reader(source, head)
        if reader is None:
            if named_file:
                raise InputError("E106", source.display,
                                 readable=", ".join(sorted(r.name for r in READERS)))
            report.notes["skipped"] = "no reader recognises this file"
            return
        report.reader = reader.name
        timezone, why = local_timezone(options, head)
        report.notes["timezone_for_local_times"] = f"{timezone} ({why})"
        with _cycle_collector_paused():
            for chunk in reader.read(source, dataclasses.replace(options, timezone=timezone)):
                report.notes.update(chunk.attrs.get("notes", {}))
                chunk = conform(chunk, RAW_POST)
                chunk["post_id"] = post_ids(chunk, root)
                report.records += len(chunk)
                yield chunk
    except MiningError as exc:
        report.records, report.error = 0, str(exc)
        failures.append(exc)


def read_inputs(inputs: list[str], options: InputConfig, strict: bool = False
                ) -> tuple[pd.DataFrame, list[FileReport]]:
    """Read every input into one frame of ``READ_POST`` rows (RAW_POST plus ``post_id``), and a
    report per file; see ``read_files`` for what counts and what fails."""
    frames, reports = [], []
    for report, chunks in read_files(inputs, options, strict):
        reports.append(report)
        whole = list(chunks)
        if report.error is None:
            frames += whole
    return check_frame(pd.concat(frames, ignore_index=True), READ_POST, "read_inputs"), reports
