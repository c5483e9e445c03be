"""Ingestion: turn input files and folders into one frame of posts, accounting for every file.

Example:
    >>> posts, files = read_inputs(["corpora/demo"], InputConfig())   # doctest: +SKIP
"""
from __future__ import annotations

import dataclasses
import hashlib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from mining.config import InputConfig
from mining.errors import InputError, MiningError
from mining.ingest import discourse, facebook, reddit, slack, tables, youtube  # noqa: F401
from mining.ingest import discord, telegram, whatsapp  # noqa: F401  (register the export readers)
from mining.ingest.registry import READERS, Source, find_reader
from mining.schema import RAW_POST, conform


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
    text = head.decode("utf-8", errors="ignore")
    hebrew = sum("\u05d0" <= c <= "\u05ea" for c in text)
    greek = sum("\u0391" <= c <= "\u03c9" for c in text)
    lang = "he" if hebrew > max(greek, 50) else "el" if greek > max(hebrew, 50) else None
    if lang is None:
        return "UTC", "default: the file is neither Hebrew nor Greek"
    return LOCAL_TIMEZONES[lang], f"default for a file in {'Hebrew' if lang == 'he' else 'Greek'}"


def post_ids(frame: pd.DataFrame, root: str) -> pd.Series:
    """Stable ids: the same record in the same file gets the same id in every run."""
    keys = root + "\x1f" + frame["source_file"].astype(str) + "\x1f" + frame["source_id"].astype(str)
    return keys.map(lambda k: "p" + hashlib.sha1(k.encode("utf-8")).hexdigest()[:12]).astype("string")


def read_inputs(inputs: list[str], options: InputConfig, strict: bool = False
                ) -> tuple[pd.DataFrame, list[FileReport]]:
    """Read every input into RAW_POST rows plus ``post_id``.

    A file no reader claims inside a folder is listed as skipped; a named file no reader claims,
    or any file that fails, is an error. A failing file stops the run when ``strict`` is set or
    when nothing at all could be read; otherwise the others go on and the manifest says why.
    """
    frames, reports, first_error = [], [], None
    for arg in inputs:
        sources = _sources(arg)
        named_file = Path(arg).is_file() and len(sources) == 1
        root = Path(arg).name
        for source in sources:
            report = FileReport(source.display, None, _sha256(source.path))
            reports.append(report)
            try:
                head = source.head()
                reader = find_reader(source, head)
                if reader is None:
                    if named_file:
                        raise InputError("E106", source.display,
                                         readable=", ".join(sorted(r.name for r in READERS)))
                    report.notes["skipped"] = "no reader recognises this file"
                    continue
                report.reader = reader.name
                timezone, why = local_timezone(options, head)
                report.notes["timezone_for_local_times"] = f"{timezone} ({why})"
                # A file counts whole or not at all: a reader that fails halfway has already
                # yielded chunks, and half a file would skew every figure without saying so.
                chunks = []
                for chunk in reader.read(source, dataclasses.replace(options, timezone=timezone)):
                    report.notes.update(chunk.attrs.get("notes", {}))
                    chunk = conform(chunk, RAW_POST)
                    chunk["post_id"] = post_ids(chunk, root)
                    chunks.append(chunk)
                frames += chunks
                report.records = sum(len(c) for c in chunks)
            except MiningError as exc:
                report.error = str(exc)
                first_error = first_error or exc
                if strict:
                    raise
    if not frames:
        if first_error is not None:
            raise first_error
        raise InputError("E108", ", ".join(inputs))
    posts = pd.concat(frames, ignore_index=True)
    return posts, reports
