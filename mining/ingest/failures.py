"""A failure in one file is that file's failure: whatever a reader raises becomes a coded
``InputError`` naming the file, the place and the problem, and the run goes on without the file.

A column setting (``input.id_column`` and the others) applies to the files that have the column;
a file without it is read as if it were not set, and the file's report says so.
"""
from __future__ import annotations

import dataclasses
import logging
import sys
import zipfile
import zlib
from collections.abc import Iterator

import pandas as pd

from mining.config import InputConfig
from mining.errors import InputError, MiningError
from mining.ingest.registry import Reader, Source

log = logging.getLogger("mining")

# What a file without the named column gets instead.
COLUMN_SETTINGS = {
    "text_column": "the text column is found as for any file",
    "id_column": "its rows are numbered",
    "time_column": "the time column is found by name",
    "author_column": "the author column is found by name",
    "lang_column": "languages are detected",
}


def as_input_error(error: BaseException, where: str, reader: str | None, records: int
                   ) -> MiningError:
    """The coded error for what a reader raised on the file ``where``, after ``records`` records.

    Example:
        >>> str(as_input_error(PermissionError(13, "Permission denied"), "a.csv", None, 0))
        'a.csv: cannot read the file (Permission denied); check that it exists and is readable [E120]'
    """
    if isinstance(error, MiningError):
        return error
    detail = (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
    if isinstance(error, OSError) and not isinstance(error, zipfile.BadZipFile):
        coded = InputError("E120", where, detail=error.strerror or detail)
    elif isinstance(error, (zipfile.BadZipFile, zlib.error, EOFError)):
        coded = InputError("E121", where, detail=detail)
    elif isinstance(error, RecursionError):
        coded = InputError("E124", where, limit=sys.getrecursionlimit(),
                           detail=" (Python's recursion limit)")
    else:
        coded = InputError("E125", where, reader=reader or "format detection", records=records,
                           detail=f"{type(error).__name__}: {detail}")
    coded.__cause__ = error  # its traceback goes to run.log
    return coded


def read_with_settings(reader: Reader, source: Source, options: InputConfig, notes: dict,
                       only_file: bool) -> Iterator[pd.DataFrame]:
    """The reader's chunks; a column setting naming a column the file lacks (E105) is dropped
    for this file, noted in ``notes`` and on the terminal, and the file read again, unless the
    file is the run's only one (then the setting can apply nowhere: a user error) or the reader
    has already given rows."""
    while True:
        given = False
        try:
            for chunk in reader.read(source, options):
                given = True
                yield chunk
            return
        except InputError as exc:
            setting, column = _missing_setting(exc, options), exc.fields.get("column")
            if setting is None or given or only_file:
                raise
        why = f"no column {column!r} in this file; {COLUMN_SETTINGS[setting]}"
        notes.setdefault("settings_not_applied", {})[f"input.{setting}"] = why
        log.warning("%s: input.%s not applied: %s", source.display, setting, why)
        rest = [c for c in _named(getattr(options, setting)) if c != column]
        options = dataclasses.replace(options, **{setting: rest[0] if len(rest) == 1
                                                  else rest or None})


def _named(value: object) -> list:
    """The columns a setting names: one (a string), several (``input.text_column``), or none."""
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def _missing_setting(error: InputError, options: InputConfig) -> str | None:
    if error.code != "E105":
        return None
    return next((s for s in COLUMN_SETTINGS
                 if error.fields.get("column") in _named(getattr(options, s))), None)
