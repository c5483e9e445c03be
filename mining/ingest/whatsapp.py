"""WhatsApp chat exports (.txt): Android ``D, T - Author: text`` and iOS ``[D, T] Author: text``.

Every message starts with a header (a timestamp and, for user messages, ``Author: ``); a line
without one continues the previous message. The header layout is detected once per file from
its first 64 KiB (see ``whatsapp_layout``: Android, iOS, pre-2017 iOS; date or time first;
numeric dates or month names; 12h/24h). Only that layout starts a message, so a transcript
pasted into a message (WhatsApp Web's ``[11:46, 6/4/2019] Name: ...``, or lines copied from
another phone's export) stays part of its body. Whether dates are day-first or month-first is
decided once per file, from all its dates; years missing from month-name dates are counted
from the file's order. Text before the first header (a title line, or the end of a message when
a chat was copied from its middle) is kept as one record of kind ``preamble``.

The file is read block by block in its encoding (UTF-8, UTF-16, ...: ``Source.text_blocks``),
first for the date order or the first year (only until it is decided, usually in the first
blocks), then to build the rows, which are yielded every ``CHUNK_MESSAGES`` messages. Both
passes run one compiled regex over whole blocks (header and author in one match): the second
pass splits each block at its headers in one call, so continuation lines cost no Python code at
all, and the dates and times a chat repeats thousands of times are converted once each.

Example:
    >>> frames = read_whatsapp(Source(Path("WhatsApp Chat with Ops.txt"), "chat.txt"),
    ...                        InputConfig(timezone="Asia/Jerusalem"))   # doctest: +SKIP
"""
from __future__ import annotations

import math
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from operator import itemgetter

import pandas as pd

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest import strings
from mining.ingest.dates import HEBREW_OR_GREEK, day_first, over_twelve, wall_to_utc
from mining.ingest.registry import Reader, Source, head_text, register
from mining.ingest.system_lines import match_system_line
from mining.ingest.whatsapp_layout import (MARKS, Layout, Stamper, detect_layout, first_year,
                                           match_header, month_number)
from mining.schema import RAW_POST, conform

CHUNK_MESSAGES = 50_000
BLOCK_BYTES = 1 << 20
DECISIVE_DATES = 1_000  # dates of one order only that end the date scan (_date_order)
SNIFF_LINES = 400  # non-blank lines of the head the sniff looks at


# --- What a message body is: placeholders, deletions, edits and system lines -------------------
# The strings themselves are in ``mining.ingest.strings``, shared with the filter.

_STRIP = MARKS + " \t\n\u00a0\u202f"


# --- Reading ----------------------------------------------------------------------------------

def _pieces(source: Source, header: re.Pattern[str], stamp: str, notes: dict[str, str]
            ) -> Iterator[str]:
    """The file as pieces of whole messages, each starting with the line end before its first
    header (the first piece with a ``"\\n"`` put in front of the file, and whatever stands before
    the file's first header) and stopping before the line end of the next.

    A piece ends where the last header of its block starts: that last message may go on in the
    next block, so it is carried over, header and all. A last line that looks like a header the
    end of the file cut through (``stamp``: the shape of the file's first date and time) is
    said in ``notes`` (``_cut_header``).
    """
    carry, lines = "\n", 0
    for block in source.text_blocks(BLOCK_BYTES):
        text = carry + block
        cut = _last_header(text, header, len(carry) - 1)
        if cut:
            yield text[:cut]
            lines += text.count("\n", 0, cut)
        carry = text[cut:]
    kept = None if carry.endswith("\n") else _cut_header(carry, header, stamp)
    if kept is not None:
        lines += carry.count("\n")
        notes["cut_short"] = (f"line {lines}: the last line looks like the start of a message "
                              "header: if the file was cut short there, its last message is "
                              "missing (read as it is, but for text after a last date and time "
                              "without a sender, which may be part of a member's name)")
        carry = kept
    yield carry.removesuffix("\n")  # the file's last line end ends no message body


def _shape(text: str) -> str:
    """The shape of a date and time: every run of digits written ``9``, the words of a 12-hour
    clock (AM, π.μ., אחה״צ) and marks left out, so that a morning and an evening read alike."""
    return re.sub(r"\d+", "9", re.sub(r"[^\W\d_]+[.״\"]?", "", text.strip(_STRIP + "\ufeff")))


def _cut_header(text: str, header: re.Pattern[str], stamp: str) -> str | None:
    """``text``, the file's last piece (no line end after it), to read when its last line looks
    like a message header the end of the file cut through; None when it does not. A complete
    chat may end so too (a date on a line of its own, a system line of a language the templates
    lack), so the start of a date and time is read as it is, as a CSV's short last row is; a
    whole date and time without ``Name: `` and no system line WhatsApp writes is kept without
    its text, which may be the start of a member's name ("Νίκος Παπ")."""
    start = text.rfind("\n")
    found = header.match(text, start)
    if found is not None:
        cut = found["author"] is None and match_system_line(text[found.end():]) is None
        return text[:found.end()] if cut else None
    shape = _shape(text[start + 1:])
    return text if len(shape) >= 3 and stamp.startswith(shape) else None  # "12" may end one


def _last_header(text: str, header: re.Pattern[str], start: int) -> int:
    """The line end before the last header of ``text`` that starts after ``start``; 0 if none
    does. Line ends are tried from the end, so a block costs the lines of its last message."""
    end = len(text)
    while (end := text.rfind("\n", start, end)) > 0:
        if header.match(text, end):
            return end
    return 0


def _no_header(source: Source, text: str) -> InputError:
    """The error for a file without a message header: it names the first line that is not blank."""
    offset = len(text) - len(text.lstrip(_STRIP + "\r"))
    line = text.count("\n", 0, offset) + 1
    detail = ("no WhatsApp message header in the file's layout (such as '12/3/24, 14:05 - Name: "
              "text' or '[12/3/24, 14:05:33] Name: text'); is this a WhatsApp chat export?")
    return InputError("E110", source.display, line=line, detail=detail)


def _headers(source: Source, header: re.Pattern[str]) -> Iterator[list[tuple]]:
    """First pass: the groups of every header, block by block (the caller stops when it knows
    enough); a file without any header is an error."""
    found = False
    for block in source.text_blocks(BLOCK_BYTES, warn=False):
        groups = header.findall("\n" + block)  # blocks end at line ends: every line follows one
        found = found or bool(groups)
        yield groups
    if not found:
        raise _no_header(source, head_text(source.head()))


def _date_order(source: Source, header: re.Pattern[str], layout: Layout, head: str
                ) -> tuple[bool, str]:
    """Whether the file's numeric dates are day-first, and why (``dates.day_first``).

    The pass stops early once the dates have decided: ``DECISIVE_DATES`` dates that only one
    order can read (a field over 12) and none for the other. A real chat shows a 13th day within
    its first weeks, so a large export is decided in its first blocks; the whole file is read
    only when its dates stay ambiguous or disagree.
    """
    pairs: Counter[tuple[str, str]] = Counter()
    d1_d2 = itemgetter(header.groupindex["d1"] - 1, header.groupindex["d2"] - 1)
    for groups in _headers(source, header):
        pairs.update(map(d1_d2, groups))
        first_over, second_over = over_twelve(pairs)
        if min(first_over, second_over) == 0 and max(first_over, second_over) >= DECISIVE_DATES:
            break
    # When no date tells, dots and dashes are day-first locales, and so are Hebrew and Greek.
    return day_first(pairs, layout.sep in ".-" or bool(HEBREW_OR_GREEK.search(head)))


def _start_year(source: Source, header: re.Pattern[str]) -> tuple[int, str]:
    """The year of the first header of a file whose dates have month names (see ``first_year``)."""
    groups = itemgetter(*(header.groupindex[g] - 1 for g in ("month", "d1", "d3")))
    dates = ((month_number(month), int(day), int(year) if year else None)
             for block in _headers(source, header) for month, day, year in map(groups, block))
    return first_year(dates, _file_date(source))


def _file_date(source: Source) -> date:
    """The day the export was made, as far as the file tells: a zip member's own date, else the
    file's modification time (else today, for a date that cannot be)."""
    try:
        if source.member is not None:
            with zipfile.ZipFile(source.path) as archive:
                return date(*archive.getinfo(source.member).date_time[:3])
        return date.fromtimestamp(source.path.stat().st_mtime)
    except (ValueError, OverflowError, OSError):
        return date.today()


_QUOTE = re.compile('["“”«»״]')  # around a group's name or a subject in a system line


def _split(author: str | None, colon: str | None, body: str, ios: bool
           ) -> tuple[str | None, str, str, bool, bool]:
    """(author, text, kind, edited, deleted) of a message from its header's author and colon
    (None in a system line) and its body."""
    if author is None:
        return None, body, "system", False, False
    if _QUOTE.search(author) and (strings.SYSTEM_ACTOR.search(author) or ":" in author):
        # A subject or a group's name holding ": " (Alice changed the subject to "a: b", Dana
        # created the community "Yoga 18:30: Tuesdays"), not an author.
        return None, author + colon + body, "system", False, False
    lead = body.lstrip(_STRIP)
    if strings.MEMBER_NOTE.match(lead):  # a member's location or missed call: the member's
        return _clean_author(author), body, "system", False, False
    if strings.SYSTEM_START.match(lead):
        return None, body, "system", False, False
    tail = lead.rstrip(_STRIP)
    placeholder = (strings.placeholder_kind(tail) if len(tail) <= strings.LONGEST
                   or (len(tail) < 300 and tail[-1] in strings.FILE_BODY_ENDS) else None)
    if placeholder is not None:
        return _clean_author(author), body, "message", False, placeholder == "deleted"
    poll = _poll(lead)  # before iOS's system lines: iOS writes "\u200ePOLL:" too (R15-3)
    if poll is not None:
        return _clean_author(author), poll, "poll", False, False
    if ios and (body.startswith("\u200e") or strings.SYSTEM_ACTOR.search(lead)
                or match_system_line(lead, strict=True)):  # with no LRM first, or an RLM
        return None, body, "system", False, False
    edited = False
    if tail.endswith(">"):
        marker = strings.EDITED.search(body)
        if marker:
            body, edited = body[: marker.start()], True
    return _clean_author(author), body, "message", edited, False


# A poll as WhatsApp exports it, in the phone's language: a word and a colon ("POLL:", "סקר:"),
# the question, then an option a line, each a word and a colon ("OPTION:", "אפשרות:") and its
# votes in brackets ("(9 votes)", "(1 הצבעה)"). Read by its shape, not its words (review 13 R13-3).
_POLL_HEAD = re.compile(r"[^\W\d_]+:[ \t]*(?P<question>[^\n]*)")
_POLL_OPTION = re.compile(r"(?P<label>[^\W\d_]+): (?P<option>.+) \(\d+ [^\W\d_]+\)")


def _poll(body: str) -> str | None:
    """A poll's question and options, one a line (as the Telegram reader reads one), without
    the votes; None when ``body`` is no poll."""
    if ")" not in body:  # no option's votes: most messages, at once
        return None
    lines = [line.strip(_STRIP) for line in body.splitlines() if line.strip(_STRIP)]
    head = _POLL_HEAD.fullmatch(lines[0]) if len(lines) >= 3 else None
    if head is None:
        return None
    question = [head["question"]] if head["question"] else []
    options = []
    for line in lines[1:]:
        option = _POLL_OPTION.fullmatch(line)
        if option is None and options:
            return None
        if option is None:
            question.append(line)
        else:
            options.append(option)
    if len(options) < 2 or len({o["label"] for o in options}) > 1 or not question:
        return None
    return "\n".join(question + [o["option"] for o in options])


@lru_cache(maxsize=4096)
def _clean_author(author: str) -> str:
    # Marks wrap RTL names and phone numbers; "~ " flags a non-contact on iOS.
    return author.strip(_STRIP).lstrip("~").strip(_STRIP)


_CHAT_NAME = re.compile(r"^(?:WhatsApp Chat with |WhatsApp Chat - |צ['׳’]אט WhatsApp עם "
                        r"|Συνομιλία WhatsApp με )(?P<name>.+?)(?: ?\(\d+\))?\.(?:txt|zip)$",
                        re.IGNORECASE)


def chat_name(source: Source) -> str | None:
    """The chat's name when the file (or, for ``_chat.txt`` in a zip, the archive) carries it.

    Example:
        >>> chat_name(Source(Path("WhatsApp Chat with Ops team.txt"), "x"))
        'Ops team'
    """
    names = [source.name] + ([source.path.name] if source.member else [])
    return next(filter(None, map(chat_name_in, names)), None)


# The line that opens a group's history, as WhatsApp's string tables write it
# (``group_created_by_name`` in ../shared/reference/whatsapp-strings, and iOS's "created this
# group"): "%1$s created group "%2$s"", "%1$s יצר/ה את הקבוצה "%2$s"", "%1$s δημιούργησε την ομάδα
# "%2$s"", "Ο δημιουργός της ομάδας δημιούργησε αυτήν την ομάδα".
_GROUP_CREATED = re.compile(r"\bcreated (?:this )?group\b|יצר/ה את הקבוצה|יצר את הקבוצה"
                            r"|δημιούργησε (?:την|αυτήν την) ομάδα")


def _group_name(parts: list[str | None], step: int, author: int, colon: int) -> str | None:
    """An iOS group's name from the head of its export (``parts``: a header regex's split): an
    iOS export writes the group's name as the sender of its system lines, and the line that
    creates the group holds it quoted too. Unzipped, the file is ``_chat.txt``, which names no
    chat: without this its posts had no channel, and two groups read side by side were one."""
    for sender, mark, body in zip(parts[author::step], parts[colon::step], parts[step::step]):
        if sender is None or body is None:
            continue
        name = _clean_author(sender)
        if (_split(sender, mark, body, True)[2] == "system" and _GROUP_CREATED.search(body)
                and name and not name.startswith("+")):  # not a phone's number: a person's chat
            return name
    return None


def chat_name_in(file_name: str) -> str | None:
    """The chat's name in the name of an export's file, or None.

    Example:
        >>> chat_name_in("צ'אט WhatsApp עם דנה לוי.txt")
        'דנה לוי'
    """
    found = _CHAT_NAME.match(unicodedata.normalize("NFC", file_name))
    return found["name"].strip(_STRIP) if found else None


def _frame(stamps: list[float], rows: list[tuple], first: int, source: Source,
           channel: str | None, timezone: str) -> pd.DataFrame:
    authors, texts, kinds, edited, deleted = zip(*rows)
    wall_clock = pd.to_datetime(pd.Series(stamps, dtype="float64"), unit="s")
    created = wall_to_utc(wall_clock, timezone)
    return conform(pd.DataFrame({
        "source": "whatsapp",
        "source_file": source.display,
        "source_id": list(map(str, range(first, first + len(rows)))),
        "channel": channel,
        "author": authors,
        "created_at": created,
        "text": texts,
        "kind": kinds,
        "edited": edited,
        "deleted": deleted,
    }), RAW_POST)


def read_whatsapp(source: Source, options: InputConfig) -> Iterator[pd.DataFrame]:
    """Read a WhatsApp export into RAW_POST chunks: one row per message, system lines included,
    and text before the first message (a title, or the end of a message when the chat was
    copied from its middle) as a record of kind ``preamble``, ``source_id`` 0.

    ``source_id`` is the 1-based message number; ``created_at`` reads the export's wall-clock
    times in ``options.timezone``.

    Example:
        >>> next(read_whatsapp(source, InputConfig())).kind.tolist()   # doctest: +SKIP
        ['system', 'message', 'message']
    """
    head = head_text(source.head()).replace("\r\n", "\n")
    if not head.strip(_STRIP):
        raise InputError("E102", source.display)
    layout = detect_layout(head)
    if layout is None:
        raise _no_header(source, head)
    header = layout.compile()
    notes = {"layout": str(layout), "encoding": str(source.encoding()),
             "record_ids": "message numbers (a chat export has no ids)"}
    day_first, start_year = True, 0
    if layout.dates == "numeric":
        day_first, notes["layout_date_order"] = _date_order(
            source, layout.compile(author=False), layout, head)
    else:
        start_year, notes["dates_without_year"] = _start_year(source, layout.compile(author=False))
    stamp = Stamper(layout, header, day_first, start_year)
    ios = layout.wrapper != "android"
    step, author, colon = header.groups + 1, header.groupindex["author"], header.groupindex["colon"]
    channel = chat_name(source) or (_group_name(header.split("\n" + head), step, author, colon)
                                    if ios else None)
    stamps: list[float] = []
    rows: list[tuple] = []
    first = None
    first_stamp = layout.compile(author=False).search("\n" + head)
    for piece in _pieces(source, header, _shape(first_stamp.group()) if first_stamp else "\0",
                         notes):
        parts = header.split(piece)  # [before, groups..., body, groups..., body, ...]
        if first is None:  # the text before the file's first header
            preamble = _preamble(parts[0])
            first = 1 - len(preamble)
            rows += preamble
            stamps += [math.nan] * len(preamble)
        stamps += stamp(parts)
        rows += [_split(a, c, b, ios)
                 for a, c, b in zip(parts[author::step], parts[colon::step], parts[step::step])]
        while len(rows) >= CHUNK_MESSAGES:
            yield _noted(_frame(stamps[:CHUNK_MESSAGES], rows[:CHUNK_MESSAGES], first, source,
                                channel, options.timezone), notes)
            first += CHUNK_MESSAGES
            del stamps[:CHUNK_MESSAGES], rows[:CHUNK_MESSAGES]
    if rows:
        yield _noted(_frame(stamps, rows, first, source, channel, options.timezone), notes)


def _preamble(text: str) -> list[tuple]:
    """The row of the text before the first header, when it is more than blank lines."""
    text = text.strip("\n")
    return [(None, text, "preamble", False, False)] if text.strip(_STRIP + "\r") else []


def _noted(frame: pd.DataFrame, notes: dict[str, str]) -> pd.DataFrame:
    """The frame with the file's notes, which travel once, on its first chunk."""
    if notes:
        frame.attrs["notes"] = dict(notes)
        notes.clear()
    return frame


def phone_language(head: str) -> str | None:
    """The language of the phone that exported a chat ("he", "el"; None for another or none
    told), from WhatsApp's own words in its head: a 12-hour clock's marks (``π.μ.``, ``אחה״צ``)
    and the system lines. A Greek phone's chat is a Greek community's, though its members write
    Greeklish (review 15, R15-2: read as UTC, its times 3 hours off).

    Example:
        >>> phone_language("01/10/26 8:00 π.μ. - Nikos: kalimera re paidia")
        'el'
    """
    layout = detect_layout(head)
    if layout is None:
        return None
    own = []
    for found in layout.compile().finditer("\n" + head.replace("\r\n", "\n")):
        own.append(found.groupdict().get("ampm") or "")
        if found["author"] is None:  # a system line: the rest of its line is WhatsApp's
            end = head.find("\n", found.end() - 1)
            own.append(head[found.end() - 1:end if end >= 0 else None])
    letters = HEBREW_OR_GREEK.findall(" ".join(own))
    hebrew = sum(c >= "\u05d0" for c in letters)
    return None if not letters else "he" if hebrew > len(letters) / 2 else "el"


def _sniff(source: Source, head: bytes) -> bool:
    """A WhatsApp export when its first line is a message header, or when headers make up at
    least a twentieth of the lines of its head (text may come before the first one)."""
    lines = [line for line in head_text(head).split("\n") if line.strip(_STRIP + "\r")]
    lines = lines[:SNIFF_LINES]
    if lines and match_header(lines[0]) is not None:
        return True
    headers = sum(match_header(line) is not None for line in lines)
    return headers > 0 and headers >= len(lines) / 20


WHATSAPP = register(Reader("whatsapp", _sniff, read_whatsapp))
