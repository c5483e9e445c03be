"""Ingestion: turn input files and folders into posts, accounting for every file.

Example:
    >>> posts, files = read_inputs(["corpora/demo"], InputConfig())   # doctest: +SKIP
"""
from __future__ import annotations

import dataclasses
import gc
import hashlib
import logging
import mimetypes
import os
import re
import shlex
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Set
from contextlib import contextmanager
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from mining.config import InputConfig
from mining.errors import InputError, MiningError
from mining.ingest import discourse, facebook, reddit, slack, tables, youtube  # noqa: F401
from mining.ingest import discord, telegram, whatsapp  # noqa: F401  (register the export readers)
from mining.ingest.dates import LOCAL_TIMEZONES, NEITHER, local_zone, posts_text
from mining.ingest.tables import BINARY_TABLES
from mining.ingest.failures import as_input_error, read_with_settings
from mining.ingest.limits import MAX_TEXT_CHARS
from mining.ingest.registry import READERS, Reader, Source, find_reader, head_text, html_export
from mining.ingest.tables import ZONE_POSTS
from mining.schema import RAW_POST, READ_POST, check_frame, conform

log = logging.getLogger("mining")


@dataclass
class FileReport:
    """What happened to one input file; the manifest lists one per file."""

    file: str
    reader: str | None
    sha256: str
    records: int = 0
    error: str | None = None
    records_dropped: int = 0  # records a failing reader read before its error (a file counts whole)
    repeats: str | None = None  # the file of the run that holds every record of this one: read once
    notes: dict = field(default_factory=dict)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class _Listed:
    """One file to read, as the inputs were listed."""

    source: Source
    named: bool  # named itself, not found in a folder
    problem: MiningError | None = None  # an archive that cannot be listed


# What the public functions take as inputs: a file or folder, or several.
InputPaths = str | os.PathLike | Iterable[str | os.PathLike]


def input_list(inputs: InputPaths) -> list[str]:
    """The inputs as a list of paths: one path given alone (``run("chat.txt", ...)`` in a
    notebook) is one input, not a sequence of one-letter names.

    Example:
        >>> input_list("exports/chat.txt"), input_list([Path("a"), "b"])
        (['exports/chat.txt'], ['a', 'b'])
    """
    if isinstance(inputs, (str, os.PathLike)):
        return [os.fspath(inputs)]
    return [os.fspath(arg) for arg in inputs]


def _listing(inputs: list[str]) -> list[_Listed]:
    """Every file to read, inputs first to last; a missing input is a user error (E101)."""
    listed = []
    for arg in inputs:
        path = Path(arg)
        if not path.exists():
            raise InputError("E101", arg)
        if path.is_file():
            expanded = _expand(path, path.name)
            listed += [_Listed(s, len(expanded) == 1, problem) for s, problem in expanded]
            continue
        runs = sorted(found.parent for found in path.rglob(RUN_LOG)
                      if found.parent != path and _is_run_folder(found.parent))
        for run in runs:
            log.info("not reading %s: a mining run folder (a run's output is no export)",
                     run.relative_to(path).as_posix())
        files = sorted(p for p in path.rglob("*") if p.is_file()
                       and not any(part.startswith(".") for part in p.relative_to(path).parts)
                       and not any(run in p.parents for run in runs))
        listed += [_Listed(s, False, problem) for p in files
                   for s, problem in _expand(p, p.relative_to(path).as_posix())]
    return listed


RUN_LOG = "run.log"
# The first line of a run's log (``mining/runs.py``): a time and a level. A run folder inside the
# inputs (``mining run . --out report``, or last week's reports kept beside the exports) holds the
# run's tables and posts.parquet, which the table reader would otherwise read as posts.
_RUN_LOG_LINE = re.compile(rb"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (?:INFO|WARNING|ERROR) ")


def _is_run_folder(folder: Path) -> bool:
    try:
        with open(folder / RUN_LOG, "rb") as fh:
            return bool(_RUN_LOG_LINE.match(fh.read(64)))
    except OSError:
        return False


def _expand(path: Path, display: str) -> list[tuple[Source, MiningError | None]]:
    """The file, or each member of a zip; a zip that cannot be listed is one file that fails."""
    if path.suffix.lower() != ".zip":
        return [(Source(path, display), None)]
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if not m.endswith("/")]
    except zipfile.BadZipFile:
        return [(Source(path, display), InputError("E107", display, detail="not a valid zip archive"))]
    except Exception as exc:  # noqa: BLE001  (an unreadable file; zipfile's other surprises)
        return [(Source(path, display), as_input_error(exc, display, None, 0))]
    # A zip inside the zip is not opened (its members would need a copy on disk): it is named
    # as such, rather than read as text by whichever reader claims it.
    nested = "a zip archive inside the zip is not read: extract the outer archive and give its folder"
    return [(Source(path, f"{display}!{m}", member=m),
             InputError("E107", f"{display}!{m}", detail=nested) if m.lower().endswith(".zip") else None)
            for m in members]


def _digest(hashing: Future) -> str:
    """The file's SHA-256, or "" when it cannot be read (the file's report says why)."""
    try:
        return hashing.result()
    except OSError:
        return ""


def local_timezone(options: InputConfig, source: Source, head: bytes, reader: Reader | None = None
                   ) -> tuple[str | None, str]:
    """The zone of times written without one: the configured one, else the language of the
    phone that exported a WhatsApp chat, else the language of the posts in the file's head
    (``dates.local_zone``); None for a workbook or Parquet file, whose head is no text: the table
    reader decides it from the posts it reads."""
    if options.timezone:
        return options.timezone, "configured"
    if source.name.lower().endswith(BINARY_TABLES):
        return None, "decided from the posts"
    text = head_text(head)
    phone = whatsapp.phone_language(text) if reader is whatsapp.WHATSAPP else None
    if phone is not None:
        language = "Hebrew" if phone == "he" else "Greek"
        return LOCAL_TIMEZONES[phone], f"default for a chat exported by a phone in {language}"
    return local_zone(posts_text(text))


def post_ids(frame: pd.DataFrame, seen: Counter, file: str, taken: Set[str] = frozenset()
             ) -> pd.Series:
    """Stable ids from what a record says, not from where its file is kept: the first 12 hex
    digits of the SHA-1 of its time, its text, and how many records of its file with that time
    and text came before it (``seen``, counted on, by their SHA-1). A renamed export, one in
    another folder (Telegram's dated ``ChatExport_<date>``, WhatsApp's "(1)" of a second export)
    or one that grew keeps the ids of its records, as a weekly run recognises the posts by their
    text. A record whose id another file of the run already gave (``taken``: two exports of one
    chat that overlap) gets one of its own, from its ``file`` too.

    Example:
        >>> frame = pd.DataFrame({"created_at": [pd.Timestamp("2024-03-01 08:00", tz="UTC")] * 2,
        ...                       "text": ["the app crashes"] * 2})
        >>> post_ids(frame, Counter(), "a.csv").tolist()
        ['pbe60322a11d8', 'pf8ae7c08bf45']
    """
    times = frame["created_at"].map(lambda t: "" if pd.isna(t) else t.isoformat())
    ids = []
    # the texts one at a time, and counted by their digest: a list, or a count keyed by each
    # text, held a copy of every text of the file (100 MB at 100k posts)
    for time, text in zip(times.tolist(), frame["text"].fillna("").astype(str)):
        key = f"{time}\x1f{text}".encode()
        digest = hashlib.sha1(key).digest()
        record = key + f"\x1f{seen[digest]}".encode()
        seen[digest] += 1
        post_id = "p" + hashlib.sha1(record).hexdigest()[:12]
        if post_id in taken:
            post_id = "p" + hashlib.sha1(record + f"\x1f{file}".encode()).hexdigest()[:12]
        ids.append(post_id)
    return pd.Series(ids, index=frame.index, dtype="string")


def read_files(inputs: InputPaths, options: InputConfig, strict: bool = False,
               shown: Callable[[str], str] = str
               ) -> Iterator[tuple[FileReport, Iterator[pd.DataFrame]]]:
    """Each input file, one at a time: its report, and an iterator over its rows in chunks
    (``READ_POST``: RAW_POST plus ``post_id``). ``read_inputs`` and ``mining ingest`` share it.

    Take all of a file's chunks before the next file. When they stop, ``report.error`` says
    whether the file was read whole; a file counts whole or not at all (a reader that fails
    halfway has already yielded chunks, and half a file would skew every figure without saying
    so), so the caller drops the chunks of a file with an error. ``report.sha256`` is filled in
    when the next file is asked for. ``shown`` gives a file's name as the warning for a file set
    aside shows it (which, said as it happens, cannot wait for the names the files hold:
    ``mining.privacy.Identities.shown_path`` pseudonymizes a chat export's chat name).

    A file no reader claims inside a folder is listed as skipped (in its report's notes; the
    caller says so with ``say_skipped``); a named file no reader claims,
    or any file that fails (whatever its reader raised, as a coded error: see
    ``mining/ingest/failures.py``), is an error. A failing file raises when ``strict`` is set (as
    the next file is asked for), and the first error is raised at the end when no file gave a
    row; otherwise it is set aside, with a warning (terminal and run.log) and the error in its
    report, and the others go on.

    Example:
        >>> for report, chunks in read_files(["corpora/demo"], InputConfig()):  # doctest: +SKIP
        ...     rows = sum(len(chunk) for chunk in chunks)
    """
    listed = _listing(input_list(inputs))
    failures: list[MiningError] = []
    taken: set[str] = set()  # the post ids of the files read whole
    reports: list[FileReport] = []
    read_any = False
    # hashlib lets go of the GIL: a file's SHA-256 is computed on another core while it is read.
    with ThreadPoolExecutor(max_workers=1) as hashing:
        digests: dict[Path, Future] = {}  # an archive is hashed once for all its members
        for entry in listed:
            path = entry.source.path
            digests.setdefault(path, hashing.submit(_sha256, path))
            report = FileReport(entry.source.display, None, sha256="")
            reports.append(report)
            yield report, _read_file(entry, report, options, len(listed) == 1, failures,
                                         taken)
            report.sha256 = _digest(digests[path])
            for note in ("cut_short", "records_repeated", "timezone_unsure"):
                if note in report.notes and report.error is None:
                    log.warning("%s: %s", shown(report.file), report.notes[note])
            if report.error is not None:
                if strict:
                    raise failures[-1]
                if len(listed) > 1:  # the only file's error is raised below: said once
                    _warn_set_aside(report, failures[-1], shown)
            read_any = read_any or (report.error is None and report.records > 0)
    if not read_any:
        raise failures[0] if failures else _nothing_read(reports, inputs)


def _nothing_read(reports: list[FileReport], inputs: list[str]) -> InputError:
    """The error for inputs that gave no record and no error: only private chats, else no file
    any reader reads."""
    private = [r.notes["personal_chats_not_read"] for r in reports
               if "personal_chats_not_read" in r.notes]
    if private:
        files = f"{len(private)} file{'s' if len(private) > 1 else ''}"
        return InputError("E113", ", ".join(map(str, inputs)), detail=f"{files}: {private[0]}")
    return InputError("E108", ", ".join(map(str, inputs)))


def say_skipped(reports: Iterable[FileReport], shown: Callable[[str], str] = str,
                listed: str | None = "listed in the manifest") -> None:
    """One line for the files no reader recognises: a warning when some are not the photos,
    voice notes and videos that chat exports carry. The callers say it once the files' names
    can be shown as the outputs show them (``shown``: people's names pseudonymized, see
    ``mining.privacy.Identities.shown_file``), after every file was read, and where every one of
    them is ``listed`` (None: nowhere else).

    Example:
        >>> say_skipped(reports, people.shown_file)                       # doctest: +SKIP
    """
    files = [shown(r.file) for r in reports if "skipped" in r.notes and r.reader is None]
    other = [f for f in files if (mimetypes.guess_type(f)[0] or "").split("/")[0]
             not in ("image", "audio", "video")]
    if files:
        log.log(logging.WARNING if other else logging.INFO,
                "%d files no reader recognises were skipped%s%s", len(files),
                f" ({listed})" if listed else "",
                f", among them {', '.join(other[:5])}" if other else ": images, audio and video")


def _warn_set_aside(report: FileReport, error: MiningError, shown: Callable[[str], str]) -> None:
    """The terminal's and run.log's line for a file set aside (an unexpected error's traceback
    goes to run.log only)."""
    count = report.records_dropped
    dropped = (f" ({count} record{'s' if count != 1 else ''} read before the error "
               f"{'are' if count != 1 else 'is'} not used: a file counts whole)") if count else ""
    unexpected = error.code == "E125" and error.__cause__ is not None
    message = str(error).replace(report.file, shown(report.file))
    log.warning("set aside %s%s", message, dropped, exc_info=error.__cause__ if unexpected else None)


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


def _read_file(entry: _Listed, report: FileReport, options: InputConfig, only_file: bool,
               failures: list[MiningError], taken: set[str]) -> Iterator[pd.DataFrame]:
    """One file's chunks; an error, whatever raised it, stops them, goes into ``report`` and
    onto ``failures`` as a coded error. The post ids of a file read whole join ``taken``."""
    source = entry.source
    seen: Counter = Counter()
    issued: list[pd.Series] = []
    records: list[pd.Series] = []  # each timed record's hash (``_note_repeats``)
    texts: list[str] = []  # the first posts' texts, when the zone was guessed UTC (``_note_zone``)
    try:
        if entry.problem is not None:
            raise entry.problem
        head = source.head()
        reader = find_reader(source, head)
        if reader is None and head.startswith(b"\x1f\x8b"):  # gzip's signature (review 12, R12-6)
            raise InputError("E129", source.display, name=shlex.quote(source.name))
        if reader is None and html_export(head):
            platform, how = html_export(head)
            raise InputError("E126", source.display, platform=platform, how=how)
        if reader is None:
            if entry.named:
                raise InputError("E106", source.display,
                                 readable=", ".join(sorted(r.name for r in READERS)))
            report.notes["skipped"] = "no reader recognises this file"
            return
        report.reader = reader.name
        timezone, why = local_timezone(options, source, head, reader)
        if timezone is not None:  # else the reader notes the zone it decided
            report.notes["timezone_for_local_times"] = f"{timezone} ({why})"
        options = dataclasses.replace(options, timezone=timezone)
        with _cycle_collector_paused():
            for chunk in read_with_settings(reader, source, options, report.notes, only_file):
                report.notes.update(chunk.attrs.get("notes", {}))
                chunk = conform(chunk, RAW_POST)
                chunk["post_id"] = post_ids(chunk, seen, source.display, taken)
                issued.append(chunk["post_id"])
                records.append(pd.util.hash_pandas_object(
                    chunk.loc[chunk["created_at"].notna(), _SAME_RECORD], index=False))
                _cut_long_texts(chunk, report.notes)
                if why == NEITHER and len(texts) < ZONE_POSTS:
                    texts += chunk["text"].dropna().head(ZONE_POSTS - len(texts)).tolist()
                report.records += len(chunk)
                yield chunk
        for ids in issued:
            taken.update(ids.tolist())
        _note_repeats(report, records)
        _note_zone(report, texts)
    except Exception as exc:  # noqa: BLE001  (every failure is the file's: see failures.py)
        error = as_input_error(exc, source.display, report.reader, report.records)
        # The records read before the error: the rows given, or more when the reader had read
        # records it had not yet given as rows (a chunk being built when the file was cut short).
        dropped = max(report.records, getattr(error, "records_read", None) or 0)
        report.records_dropped, report.records, report.error = dropped, 0, str(error)
        failures.append(error)


def _note_repeats(report: FileReport, records: list[pd.Series]) -> None:
    """Note a file of which a good part repeats itself record for record (author, time and text):
    a chat pasted into it twice, two exports joined (review 13, R13-15). A member who sends the
    same words twice in a minute repeats a few records; a tenth of them, 20 at least, is a copy."""
    hashes = pd.concat(records) if records else pd.Series(dtype="uint64")
    repeated = int(hashes.duplicated().sum())
    if repeated >= max(REPEATED_RECORDS_MIN, 0.1 * report.records):
        report.notes["records_repeated"] = (
            f"{repeated} of its {report.records} records repeat earlier ones of the file (author, "
            "time and text): was a chat pasted or exported into it twice? A copy is not analyzed "
            "twice")


def _note_zone(report: FileReport, texts: list[str]) -> None:
    """Note a file read in UTC, its head telling no language, whose first posts are mostly
    Hebrew or Greek: its days and hours are likely off by two or three (review 15, R15-2)."""
    zone, why = local_zone("\n".join(texts)) if texts else ("UTC", NEITHER)
    if zone != "UTC":
        report.notes["timezone_unsure"] = (
            f"read in UTC (its times written without a zone, and the report's days and hours), "
            f"though its posts are mostly {why.rsplit(' ', 1)[-1]}: set input.timezone (such as "
            f"{zone}) for the community's time")


def _cut_long_texts(chunk: pd.DataFrame, notes: dict) -> None:
    """Cut texts longer than ``MAX_TEXT_CHARS`` (no export allows such posts), and count them."""
    long = (chunk["text"].str.len() > MAX_TEXT_CHARS).fillna(False).to_numpy(bool)
    if long.any():
        chunk.loc[long, "text"] = chunk.loc[long, "text"].str.slice(0, MAX_TEXT_CHARS)
        notes["texts_cut_to_limit"] = notes.get("texts_cut_to_limit", 0) + int(long.sum())


def read_inputs(inputs: InputPaths, options: InputConfig, strict: bool = False,
                shown: Callable[[str], str] = str) -> tuple[pd.DataFrame, list[FileReport]]:
    """Read every input into one frame of ``READ_POST`` rows (RAW_POST plus ``post_id``), and a
    report per file; see ``read_files`` for what counts and what fails, and ``shown``. A file
    whose every record another file of the run holds is read once (``_read_once``). The rows
    hold the exports' real names and contacts: ``mining.protect_posts`` protects them."""
    read, reports = [], []
    for report, chunks in read_files(inputs, options, strict, shown):
        reports.append(report)
        whole = list(chunks)
        if report.error is None and whole:
            read.append((report, whole))
    frames = [chunk for _, chunks in _read_once(read, shown) for chunk in chunks]
    return check_frame(pd.concat(frames, ignore_index=True), READ_POST, "read_inputs"), reports


Chunks = list[pd.DataFrame]  # one file's rows, as its reader gave them
_SAME_RECORD = ["author", "created_at", "text"]  # what one record says in two exports of a chat
_SAME_PLACE = ["author", "created_at"]  # where it is: two phones word system lines their own way
REPEATED_RECORDS_MIN = 20  # records of a file that repeat earlier ones before it is said


def _read_once(read: list[tuple[FileReport, Chunks]], shown: Callable[[str], str]
               ) -> list[tuple[FileReport, Chunks]]:
    """``read`` without the files ``read_once`` finds repeated, the kept files' ids those they
    have when read alone."""
    if len(read) < 2:
        return read
    counts = [record_counts(chunks) for _, chunks in read]
    timed = [all(c["created_at"].notna().all() for c in chunks) for _, chunks in read]
    kept = [read[i] for i in read_once([r for r, _ in read], counts, timed, shown)]
    if len(kept) < len(read):  # the ids the repeated files took are the kept files' own again
        taken: set[str] = set()
        for report, chunks in kept:
            seen: Counter = Counter()
            for chunk in chunks:
                chunk["post_id"] = post_ids(chunk, seen, report.file, taken)
            taken.update(id_ for chunk in chunks for id_ in chunk["post_id"].tolist())
    return kept


def record_counts(chunks: Iterable[pd.DataFrame]) -> RecordCounts:
    """How often each record (author, time and text, by their hash) comes in a file's chunks,
    and each place (author and time); each record's text (by its hash; 0: a system line, with no
    author). Times count to the minute: an iPhone writes the seconds, an Android phone does not.
    Hashed a chunk at a time: the file's texts are not copied."""
    hashes = pd.concat([_hashes(c) for c in chunks] or [_hashes(pd.DataFrame(columns=_SAME_RECORD))])
    texts = hashes.drop_duplicates("record").set_index("record")["text"]
    by_place = hashes.drop_duplicates("place").set_index("place")["minute"]
    by_record = hashes.drop_duplicates("record").set_index("record")["minute"]
    system = pd.Index(hashes.loc[hashes["text"].eq(0), "minute"].unique())
    return RecordCounts(hashes["record"].value_counts(), hashes["place"].value_counts(), texts,
                        by_place, by_record, system)


def _hashes(chunk: pd.DataFrame) -> pd.DataFrame:
    """Each record's hash, its place's and its text's (``record_counts``)."""
    frame = chunk[_SAME_RECORD].assign(
        created_at=pd.to_datetime(chunk["created_at"], utc=True).dt.floor("min"))
    text = pd.util.hash_pandas_object(frame["text"], index=False)
    return pd.DataFrame({"record": pd.util.hash_pandas_object(frame, index=False),
                         "place": pd.util.hash_pandas_object(frame[_SAME_PLACE], index=False),
                         "text": text.where(frame["author"].notna().to_numpy(), 0),
                         "minute": pd.util.hash_pandas_object(frame["created_at"], index=False)})


class RecordCounts(NamedTuple):
    records: pd.Series  # per record (author, time and text) hash, how often it comes
    places: pd.Series  # per place (author and time) hash, how often it comes
    texts: pd.Series  # per record hash, its text's hash (0: a system line)
    place_minutes: pd.Series  # per place hash, its minute's hash
    record_minutes: pd.Series  # per record hash, its minute's hash
    system: pd.Index  # the minutes' hashes of its system lines


def read_once(reports: list[FileReport], counts: list[RecordCounts], timed: list[bool],
              shown: Callable[[str], str]) -> list[int]:
    """The indexes of the files to read, in order: not those whose every record (as often as it
    comes, from ``record_counts``; every one with a time: ``timed``) another file holds, such as
    a chat's .txt left beside the .zip it came in, last week's Telegram export beside this
    week's. Each would count every message twice in the headline and in what is set aside
    (review 12 R12-15). A file whose every record has one at its author and time in another,
    most with its text too, is that chat exported by a phone in another language, whose system
    lines and placeholders ("<Media omitted>") differ (review 14, R14-8). The larger file is kept
    (the first read of two equal ones); the other's report says which file ``repeats`` it (and
    ``notes["texts_differ"]`` how many of its texts differ), and a warning says so."""
    keep: list[int] = []
    for i in sorted(range(len(reports)), key=lambda i: -counts[i].records.sum()):
        holder = next((k for k in keep if timed[i] and _holds(counts[k], counts[i])), None)
        if holder is None:
            keep.append(i)
            continue
        reports[i].repeats = reports[holder].file
        differ = _differ(counts[holder].records, counts[i].records)
        if differ:
            reports[i].notes["texts_differ"] = (
                f"by author and time; {differ} of them with another text: system lines, "
                "placeholders of a phone in another language?")
        log.warning("%s: its %d records are all in %s%s, which alone is read",
                    shown(reports[i].file), reports[i].records, shown(reports[holder].file),
                    f" ({reports[i].notes['texts_differ']})" if differ else "")
    return sorted(keep)


SAME_TEXTS_MIN = 0.5  # of a file's records, those with their text in a file at the same places


def _holds(counts: RecordCounts, part: RecordCounts) -> bool:
    """Whether the records counted in ``counts`` hold those of ``part`` (some), repeats and all:
    every record, or every place with most of the records, the others system lines or texts
    that come again and again (placeholders: a one-off text is a message of its own)."""
    records, differ = part.records.sum(), _differ(counts.records, part.records)
    return 0 < records <= counts.records.sum() and (differ == 0 or (
        _places_covered(counts, part) and differ <= (1 - SAME_TEXTS_MIN) * records
        and _placeholders(counts, part)))


def _places_covered(counts: RecordCounts, part: RecordCounts) -> bool:
    """Whether ``counts`` has each place (author and minute) of ``part`` as often, but for a
    system line of either at its minute: each phone writes the chat's notes its own way, an
    iPhone with the group's name as their author, and some on one phone only (review 15,
    R15-24: four such lines kept an iPhone's and an Android phone's export of one chat apart)."""
    short = part.places - counts.places.reindex(part.places.index, fill_value=0)
    minutes = part.place_minutes.reindex(short[short > 0].index)
    return bool(minutes.isin(part.system.union(counts.system)).all())


def _placeholders(counts: RecordCounts, part: RecordCounts) -> bool:
    """Whether the records of ``part`` that ``counts`` does not have are all system lines (or at
    the minute of one of ``counts``: an iPhone names the group as a note's author) or texts that
    come twice at least among them."""
    missing = part.records - counts.records.reindex(part.records.index, fill_value=0)
    missing = missing[missing > 0]
    texts = part.texts.reindex(missing.index).where(
        ~part.record_minutes.reindex(missing.index).isin(counts.system), 0)
    per_text = missing.groupby(texts.to_numpy()).sum()
    return bool(((per_text.index == 0) | (per_text >= 2)).all())


def _differ(counts: pd.Series, part: pd.Series) -> int:
    """How many of the records counted in ``part`` ``counts`` does not have."""
    return int((part - counts.reindex(part.index, fill_value=0)).clip(lower=0).sum())
