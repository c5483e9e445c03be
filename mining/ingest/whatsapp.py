"""WhatsApp chat exports (.txt): Android ``D, T - Author: text`` and iOS ``[D, T] Author: text``.

Every message starts with a header (a timestamp and, for user messages, ``Author: ``); a line
without one continues the previous message. The header layout is detected once per file from
its first 64 KiB: the family (Android, iOS, pre-2017 iOS ``DATE, TIME: Author: text`` or old
Android ``TIME, D Mon YYYY - ``), its date separator and its 12h/24h clock. Only that layout
starts a message, so a transcript pasted into a message (WhatsApp Web's ``[11:46, 6/4/2019]
Name: ...``, or lines copied from another phone's export) stays part of its body. Whether dates
are day-first or month-first is decided once per file, from all its dates.

The file is read block by block, first for the date order (only until its dates have decided,
usually in the first blocks), then to build the rows, which are yielded every ``CHUNK_MESSAGES``
messages. Both passes run one compiled regex over whole
blocks (header and author in one match): the second pass splits each block at its headers in one
call, so continuation lines cost no Python code at all, and the dates and times a chat repeats
thousands of times are converted once each.

Example:
    >>> frames = read_whatsapp(Source(Path("WhatsApp Chat with Ops.txt"), "chat.txt"),
    ...                        InputConfig(timezone="Asia/Jerusalem"))   # doctest: +SKIP
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from operator import itemgetter

import numpy as np
import pandas as pd

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest.registry import Reader, Source, register
from mining.schema import RAW_POST, conform

CHUNK_MESSAGES = 50_000
BLOCK_BYTES = 1 << 20
DECISIVE_DATES = 1_000  # dates of one order only that end the date scan (_scan_dates)
DETECT_LINES = 400  # header-like lines of the head that vote on the layout

# Direction and format marks WhatsApp scatters through headers (and U+FEFF mid-file).
MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_M = f"[{MARKS}]*"
_SP = r"[ \u00a0\u202f\u2009]"  # space, NBSP, narrow NBSP (newer "7:02\u202fPM"), thin space

_AMPM = (
    rf"[AaPp]\.?{_SP}?[Mm]\.?"  # AM, pm, a.m., "p. m."
    rf"|[πΠμΜ]\.?{_SP}?[μΜ]\.?"  # Greek π.μ. / μ.μ. (also πμ, ΜΜ)
    r"|(?:לפנה|אחה)[\"״]צ|(?:לפני|אחרי|אחר) הצהריים"  # Hebrew
    r"|[صم]"  # Arabic
    r"|in the (?:morning|afternoon|evening)|at night"
)
# A user message's author ends at the first ": " (names may hold "-", emoji, spaces; not ":").
_AUTHOR = r"(?:(?P<author>[^:\n]{1,100}?)(?P<colon>: |:(?=\n)|:\Z))?"
_TIME = r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?\.?"
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_JAPANESE_ERAS = {"R": 2018, "H": 1988, "S": 1925}  # year 1 of Reiwa is 2019, and so on
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def _date(sep: str) -> str:
    # d3 may carry an era: "2565 BE" (Buddhist), "R4" (Japanese); marks may sit inside (Arabic iOS).
    return (rf"(?P<d1>\d{{1,4}}){_M}(?P<sep>{sep}){_SP}?{_M}(?P<d2>\d{{1,2}}){_M}(?P=sep){_SP}?{_M}"
            rf"(?P<d3>[A-Z]?\d{{1,4}})(?:{_SP}?(?P<era>BE))?\.?")


def _ampm(clock12: bool | None) -> str:
    if clock12 is None:
        return rf"(?:{_M}{_SP}?{_M}(?P<ampm>{_AMPM}))?"
    return rf"{_M}{_SP}?{_M}(?P<ampm>{_AMPM})" if clock12 else ""


def _header_pattern(family: str, sep: str, clock12: bool | None) -> str:
    """The header regex of one layout; ``sep``/``clock12`` left open (a class / None) to detect."""
    if family == "android":
        return (rf"^{_M}{_date(sep)}[,،]?{_SP}{_M}(?:klo{_SP})?{_TIME}{_ampm(clock12)}{_M}"
                rf"{_SP}[-–]{_SP}")
    if family == "ios":
        return rf"^{_M}\[{_M}{_date(sep)}[,،]?{_SP}{_M}{_TIME}{_ampm(clock12)}{_M}\]{_SP}?"
    if family == "ios_legacy":  # iOS before 2017: "7/1/16, 4:56:55 PM: Name: text"
        return rf"^{_M}{_date(sep)}[,،]?{_SP}{_M}{_TIME}{_ampm(clock12)}{_M}: "
    # Legacy Android "19:23, 28 Aug 2013 - Name: ..." (the year may be missing).
    return (rf"^{_M}{_TIME}{_ampm(clock12)}, (?P<d1>\d{{1,2}}) (?P<month>[^\W\d_]{{3,9}})\.?"
            rf"(?: (?P<d3>\d{{4}}))?{_SP}[-–]{_SP}")


_FAMILIES = ("android", "ios", "ios_legacy", "timefirst")
_GENERIC = {f: re.compile(_header_pattern(f, r"[./\-]", None)) for f in _FAMILIES}


@dataclass(frozen=True)
class Layout:
    """A file's header layout: the family, its date separator and whether the clock is 12h."""

    family: str  # android, ios, ios_legacy or timefirst
    sep: str
    clock12: bool

    def compile(self, author: bool = True) -> re.Pattern[str]:
        """The file's header regex, taking the line end before the header (so the regex engine
        jumps from line end to line end instead of trying every character); with ``author``, it
        also takes the ``Name: `` that follows. Text to search starts with a ``"\\n"``."""
        pattern = _header_pattern(self.family, re.escape(self.sep), self.clock12)
        return re.compile("\n" + pattern.removeprefix("^") + (_AUTHOR if author else ""))


def detect_layout(text: str) -> Layout | None:
    """The layout most header-like lines of ``text`` (a file's head) follow, or None.

    Example:
        >>> detect_layout("12.3.2024, 14:05 - דני: שלום\\n").family
        'android'
    """
    votes: Counter[Layout] = Counter()
    for line in text.split("\n"):
        for family, pattern in _GENERIC.items():
            match = pattern.match(line)
            if match:
                groups = match.groupdict()
                votes[Layout(family, groups.get("sep") or "", groups["ampm"] is not None)] += 1
                break
        if votes.total() >= DETECT_LINES:
            break
    return votes.most_common(1)[0][0] if votes else None


# --- What a message body is: placeholders, deletions, edits and system lines (he / el / en) ----

# Bodies that stand for media left out of the export, compared after stripping marks, spaces
# and case. Android writes one string for every media type; iOS one per type.
MEDIA_PLACEHOLDERS: tuple[str, ...] = (
    "<Media omitted>", "<מדיה הושמטה>", "<המדיה לא נכללה>", "<המדיה הוסרה>",
    "<Εξαίρεση πολυμέσων>",
    "<Αποχρεωτική παραλαβή μέσων>",  # reported by one parser's string list only
    "image omitted", "video omitted", "audio omitted", "sticker omitted", "GIF omitted",
    "Contact card omitted", "document omitted", "product image omitted",
    "התמונה הושמטה", "סרטון הווידאו הושמט", "קטע קול הושמט", "סטיקר הושמט", "GIF הושמט",
    "כרטיס איש קשר הושמט", "מסמך הושמט", "תמונת המוצר נשלחה",
    "εικόνα παραλείφθηκε", "βίντεο παραλείφθηκε", "ήχος παραλείφθηκε",
    "αυτοκόλλητο παραλήφθηκε", "Παράληψη GIF", "Η κάρτα επαφής παραλήφθηκε",
    "έγγραφο παραλείφθηκε", "παραλείπεται η εικόνα προϊόντος",
)
# Exports made with media name the attached file instead; these are parts of such a body.
ATTACHMENT_MARKERS: tuple[str, ...] = (
    "<attached: ", "<מצורף: ", "<επισυνάφθηκε: ",  # iOS: "<attached: 00000012-PHOTO-....jpg>"
    "(file attached)", "(קובץ מצורף)", "(συνημμένο αρχείο)",  # Android: "IMG-....jpg (file attached)"
)
DELETED_MARKERS: tuple[str, ...] = (
    "This message was deleted", "You deleted this message", "This message was deleted by an admin",
    "You deleted this message as admin",
    "הודעה זו נמחקה", "מחקת הודעה זו", "מחקת את ההודעה הזו", "ההודעה נמחקה על ידי מנהל/ת",
    "מחקת את ההודעה הזו כמנהל/ת",
    "Αυτό το μήνυμα διαγράφηκε", "Διαγράψατε αυτό το μήνυμα", "Διαγράψατε το μήνυμα",
    "Αυτό το μήνυμα διαγράφηκε από έναν διαχειριστή", "Διαγράψατε το μήνυμα ως διαχειριστής",
)

_STRIP = MARKS + " \t\n\u00a0\u202f"
_PLACEHOLDER_SET = frozenset(p.casefold() for p in MEDIA_PLACEHOLDERS)
_DELETED_SET = frozenset(d.casefold() for d in DELETED_MARKERS)
# iOS puts the file name before a document placeholder: "Report.pdf • 2 pages ‎document omitted".
_DOCUMENT_SUFFIXES = tuple(p.casefold() for p in ("document omitted", "מסמך הושמט",
                                                   "έγγραφο παραλείφθηκε"))
_IOS_ATTACHED = tuple(m for m in ATTACHMENT_MARKERS if m.startswith("<"))
_ANDROID_ATTACHED = tuple(m for m in ATTACHMENT_MARKERS if m.startswith("("))
_LONGEST_MARKER = max(map(len, _PLACEHOLDER_SET | _DELETED_SET)) + 3  # "..." after a deletion note
# The last letter of an attachment or document placeholder: a cheap test before the full one.
_PLACEHOLDER_LAST = frozenset(">)" + "".join(s[-1] + s[-1].upper() for s in _DOCUMENT_SUFFIXES))
# The edit marker ends the body; the Greek wording is unconfirmed, so match its key words.
_EDITED = re.compile(rf"[\s{MARKS}]*<(?:This message was edited|[^<>\n]{{0,20}}נערכה"
                     rf"|[^<>\n]{{0,40}}(?:τροποποιήθηκε|επεξεργασ)[^<>\n]{{0,20}})>[\s{MARKS}]*\Z")

# WhatsApp's own system texts (from its en / he / el string tables), matched at the start of a
# body with marks stripped. Only distinctive ones: a user may well write "X added Y".
_SYSTEM_START = re.compile("|".join([
    r"(?:Messages|Your messages)\b[^\n]{0,80}end-to-end encrypt",
    r"(?:כעת )?(?:ההודעות|השיחות)[^\n]{0,80}מקצה[- ]לקצה",
    r"(?:Πλέον, )?Τα μηνύματα[^\n]{0,80}κρυπτογρα",
    r"Your security code with |קוד האבטחה (?:של|עם) |Ο κωδικός ασφαλείας ",
    r"Missed (?:voice|video) call|שיחה קולית שלא נענתה|שיחת וידאו שלא נענתה|Αναπάντητη ",
    r"Waiting for this message|בהמתנה להודעה זו|Αναμονή για αυτό το μήνυμα",
    r"(?:You were added|נוספת לקבוצה|Προστεθήκατε)\Z",
    r"You created group |(?:את/ה )?יצרת את הקבוצה |Δημιουργήσατε την ομάδα ",
    r"You joined using this group's invite link|הצטרפת לקבוצה דרך קישור"
    r"|Συμμετέχετε χρησιμοποιώντας τον σύνδεσμο",
]))
# System texts that start with the actor's name ("Dana created group ..."), searched in bodies
# that only iOS prefixes with an author-like name, and in Android lines whose "author" has quotes.
_SYSTEM_ACTOR = re.compile("|".join([
    r" (?:created group [\"“]|changed the subject (?:from|to) [\"“]|changed this group's icon"
    r"|deleted this group's icon|changed the group description|changed this group['’]s settings"
    r"|joined using this group's invite link|changed their phone number)",
    r"'s security code changed",
    r"יצר/ה את הקבוצה|החליף/ה את (?:נושא הקבוצה|הנושא)|שינה/תה את נושא הקבוצה|הנושא שונה ל"
    r"|החליף/ה את תמונת|החליף/ה את מספר הטלפון|באמצעות קישור ההזמנה|הגדרות הקבוצה שונו",
    r"δημιούργησε την ομάδα|άλλαξε το θέμα|άλλαξε το εικονίδιο|άλλαξε την (?:περιγραφή|ονομασία)"
    r"|άλλαξε τις ρυθμίσεις|χρησιμοποιώντας τον σύνδεσμο πρόσκλησης",
]))
_PM = {"p", "μ", "א", "م"}  # first letter of PM markers; "in the afternoon/evening", "at night" too
_HEBREW_OR_GREEK = re.compile(r"[\u05d0-\u05ea\u0370-\u03ff]")


def is_media_placeholder(text: str) -> bool:
    """Whether a whole message body only stands for media (omitted, or an attached file).

    Example:
        >>> is_media_placeholder("\\u200e<המדיה לא נכללה>")
        True
        >>> is_media_placeholder("<Media omitted>\\nour new logo")  # a caption: real content
        False
    """
    body = text.strip(_STRIP).replace("\u200e", "")
    if "\n" in body:
        return False  # a caption follows the media
    folded = body.casefold()
    if folded in _PLACEHOLDER_SET or folded.endswith(_DOCUMENT_SUFFIXES + _ANDROID_ATTACHED):
        return True
    return body.endswith(">") and any(marker in body for marker in _IOS_ATTACHED)


def _is_pm(marker: str) -> bool:
    marker = marker.strip(". ").lower()
    if marker.startswith("in the"):
        return not marker.endswith("morning")
    return marker[0] in _PM or marker.startswith("at")


# --- Reading ----------------------------------------------------------------------------------

def _decode(data: bytes, source: Source, line_offset: int) -> str:
    try:
        return data.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        line = line_offset + data[: exc.start].count(b"\n") + 1
        raise InputError("E103", f"{source.display}:{line}", detail=f"byte {exc.start}") from None


def _blocks(source: Source) -> Iterator[str]:
    """The file as text blocks that end at line ends (so no header is ever cut in two)."""
    lines_before = 0
    with source.open() as fh:
        first = True
        while True:
            data = fh.read(BLOCK_BYTES)
            if not data:
                return
            data += fh.readline()
            if first and data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
            first = False
            yield _decode(data, source, lines_before)
            lines_before += data.count(b"\n")


def _pieces(source: Source, header: re.Pattern[str]) -> Iterator[str]:
    """The file as pieces of whole messages, each starting with the line end before its first
    header (the first piece with a ``"\\n"`` put in front of the file, and maybe blank lines)
    and stopping before the line end of the next.

    A piece ends where the last header of its block starts: that last message may go on in the
    next block, so it is carried over, header and all.
    """
    carry = "\n"
    for block in _blocks(source):
        text = carry + block
        cut = _last_header(text, header, len(carry) - 1)
        if cut:
            yield text[:cut]
        carry = text[cut:]
    yield carry.removesuffix("\n")  # the file's last line end ends no message body


def _last_header(text: str, header: re.Pattern[str], start: int) -> int:
    """The line end before the last header of ``text`` that starts after ``start``; 0 if none
    does. Line ends are tried from the end, so a block costs the lines of its last message."""
    end = len(text)
    while (end := text.rfind("\n", start, end)) > 0:
        if header.match(text, end):
            return end
    return 0


def _no_header(source: Source, preamble: str) -> InputError:
    """The error for text before the first header: it names the first line that is not blank."""
    offset = len(preamble) - len(preamble.lstrip(_STRIP + "\r"))
    line = preamble.count("\n", 0, offset) + 1
    detail = ("no WhatsApp message header in the file's layout (such as '12/3/24, 14:05 - Name: "
              "text' or '[12/3/24, 14:05:33] Name: text'); is this a WhatsApp chat export?")
    return InputError("E110", source.display, line=line, detail=detail)


def _scan_dates(source: Source, header: re.Pattern[str], layout: Layout) -> Counter[tuple[str, str]]:
    """First pass: check the file starts with a header, and count its (d1, d2) date pairs.

    The pass stops early once the dates have decided: ``DECISIVE_DATES`` dates that only one
    order can read (a field over 12) and none for the other. A real chat shows a 13th day within
    its first weeks, so a large export is decided in its first blocks; the whole file is read
    only when its dates stay ambiguous or disagree.
    """
    pairs: Counter[tuple[str, str]] = Counter()
    first = True
    for block in _blocks(source):
        text = "\n" + block  # blocks end at line ends: every line now follows one
        if first:
            found = header.search(text)
            preamble = block[: found.start() if found else len(block)]
            if found is None or preamble.strip(_STRIP):
                raise _no_header(source, preamble)
            first = False
        if layout.family == "timefirst":
            return pairs  # month names: there is no order to decide
        d1_d2 = itemgetter(header.groupindex["d1"] - 1, header.groupindex["d2"] - 1)
        pairs.update(map(d1_d2, header.findall(text)))
        first_over, second_over = _over_twelve(pairs)
        if min(first_over, second_over) == 0 and max(first_over, second_over) >= DECISIVE_DATES:
            return pairs
    return pairs


def _over_twelve(pairs: Counter[tuple[str, str]]) -> tuple[int, int]:
    """How many dates have a first field over 12, and how many a second one (year-first aside)."""
    first_over = sum(n for (d1, _), n in pairs.items() if len(d1) <= 2 and int(d1) > 12)
    second_over = sum(n for (d1, d2), n in pairs.items() if len(d1) <= 2 and int(d2) > 12)
    return first_over, second_over


def _day_first(pairs: Counter[tuple[str, str]], layout: Layout, head: str) -> tuple[bool, str]:
    """Whether dates are day-first, and why: a first field over 12 says so, a second one over 12
    says not; the manifest shows the reason, so a guess on ambiguous dates is visible."""
    first_over, second_over = _over_twelve(pairs)
    if first_over != second_over:
        first = first_over > second_over
        return first, f"{'day' if first else 'month'}-first (dates with a field over 12)"
    # Ambiguous (every day <= 12): dots and dashes are day-first locales, and so are he / el.
    first = (layout.family == "timefirst" or layout.sep in ".-"
             or bool(_HEBREW_OR_GREEK.search(head)))
    return first, f"{'day' if first else 'month'}-first (guessed: no date has a field over 12)"


def _year(text: str | None, era: str | None) -> int:
    if not text:
        return 0
    if text[0].isalpha():
        base = _JAPANESE_ERAS.get(text[0])
        return base + int(text[1:]) if base and text[1:].isdigit() else 0
    year = int(text)
    if era or year > 2400:  # Buddhist Era (Thai phones): 2565 BE is 2022
        return year - 543
    return year + 2000 if year < 100 else year


def _epoch_day(parts: tuple, family: str, day_first: bool) -> int | None:
    """Days since 1970-01-01 of a header's date parts, or None for a date that cannot be."""
    if family == "timefirst":
        d1, month_name, d3 = parts
        year, month, day = int(d3 or 0), _MONTHS.get(month_name[:3].lower(), 0), int(d1)
    else:
        d1, d2, d3, era = parts
        if len(d1) > 2:  # year first: 2019/01/30
            year, month, day = int(d1), int(d2), int(d3) if d3.isdigit() else 0
        else:
            day, month = (int(d1), int(d2)) if day_first else (int(d2), int(d1))
            year = _year(d3, era)
    if not 1990 <= year <= 2100:  # also keeps the stamp inside what datetime64[ns] can hold
        return None
    try:
        return date(year, month, day).toordinal() - _EPOCH_ORDINAL
    except ValueError:
        return None


def _day_seconds(parts: tuple) -> int | None:
    """Seconds since midnight of a header's time parts, or None for a time that cannot be."""
    hour, minute, second = int(parts[0]), int(parts[1]), int(parts[2] or 0)
    if len(parts) > 3 and parts[3]:
        hour = hour % 12 + (12 if _is_pm(parts[3]) else 0)  # "0:24 PM" and "12:24 PM" are both 12:24
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour * 3600 + minute * 60 + second


def _stamper(layout: Layout, day_first: bool, header: re.Pattern[str]):
    """A function from a piece's ``header.split`` parts to its messages' wall-clock times in
    epoch seconds (NaN where a date or time cannot be).

    Chats repeat the same dates and times thousands of times, so each is converted once.
    """
    date_groups = ("d1", "month", "d3") if layout.family == "timefirst" else ("d1", "d2", "d3", "era")
    time_groups = ("hour", "minute", "second") + (("ampm",) if layout.clock12 else ())
    step = header.groups + 1
    days: dict[tuple, float] = {}
    seconds: dict[tuple, float] = {}

    def keys(parts: list, groups: tuple[str, ...]) -> list[tuple]:
        return list(zip(*(parts[header.groupindex[g]::step] for g in groups)))

    def stamp(parts: list) -> list[float]:
        date_keys, time_keys = keys(parts, date_groups), keys(parts, time_groups)
        for key in set(date_keys).difference(days):
            days[key] = _or_nan(_epoch_day(key, layout.family, day_first))
        for key in set(time_keys).difference(seconds):
            seconds[key] = _or_nan(_day_seconds(key))
        return (np.array(list(map(days.__getitem__, date_keys))) * 86400.0
                + np.array(list(map(seconds.__getitem__, time_keys)))).tolist()

    return stamp


def _or_nan(value: int | None) -> float:
    return math.nan if value is None else float(value)


def _split(author: str | None, colon: str | None, body: str, ios: bool
           ) -> tuple[str | None, str, str, bool, bool]:
    """(author, text, kind, edited, deleted) of a message from its header's author and colon
    (None in a system line) and its body."""
    if author is None:
        return None, body, "system", False, False
    if ('"' in author or "“" in author) and _SYSTEM_ACTOR.search(author):
        # A subject holding ": " (Alice changed the subject to "a: b"), not an author.
        return None, author + colon + body, "system", False, False
    lead = body.lstrip(_STRIP)
    if _SYSTEM_START.match(lead):
        return None, body, "system", False, False
    tail = lead.rstrip(_STRIP)
    if len(tail) < 300:  # deletion notes and placeholders are short
        if len(tail) <= _LONGEST_MARKER:
            folded = tail.casefold()
            if folded.rstrip(".") in _DELETED_SET:
                return _clean_author(author), body, "message", False, True
            if folded in _PLACEHOLDER_SET:
                return _clean_author(author), body, "message", False, False
        if tail[-1:] in _PLACEHOLDER_LAST and is_media_placeholder(lead):
            return _clean_author(author), body, "message", False, False
    if ios and (body.startswith("\u200e") or _SYSTEM_ACTOR.search(lead)):
        return None, body, "system", False, False
    edited = False
    if tail.endswith(">"):
        marker = _EDITED.search(body)
        if marker:
            body, edited = body[: marker.start()], True
    return _clean_author(author), body, "message", edited, False


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
    # An hour repeated when DST ends is read as the first (DST) one; a skipped hour moves on.
    created = (wall_clock.dt.tz_localize(timezone, ambiguous=np.ones(len(stamps), dtype=bool),
                                         nonexistent="shift_forward")
               .dt.tz_convert("UTC"))
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
    """Read a WhatsApp export into RAW_POST chunks: one row per message, system lines included.

    ``source_id`` is the 1-based message number; ``created_at`` reads the export's wall-clock
    times in ``options.timezone``.

    Example:
        >>> next(read_whatsapp(source, InputConfig())).kind.tolist()   # doctest: +SKIP
        ['system', 'message', 'message']
    """
    head = source.head().decode("utf-8", errors="ignore").replace("\r\n", "\n")
    if not head.strip(_STRIP):
        raise InputError("E102", source.display)
    layout = detect_layout(head)
    if layout is None:
        raise _no_header(source, head)
    header = layout.compile()
    pairs = _scan_dates(source, layout.compile(author=False), layout)
    day_first, date_order = _day_first(pairs, layout, head)
    stamp = _stamper(layout, day_first, header)
    channel, ios = chat_name(source), layout.family.startswith("ios")
    step, author, colon = header.groups + 1, header.groupindex["author"], header.groupindex["colon"]
    stamps: list[float] = []
    rows: list[tuple] = []
    first = 1
    for piece in _pieces(source, header):
        parts = header.split(piece)  # [before, groups..., body, groups..., body, ...]
        stamps += stamp(parts)
        rows += [_split(a, c, b, ios)
                 for a, c, b in zip(parts[author::step], parts[colon::step], parts[step::step])]
        while len(rows) >= CHUNK_MESSAGES:
            yield _noted(_frame(stamps[:CHUNK_MESSAGES], rows[:CHUNK_MESSAGES], first, source,
                                channel, options.timezone), first, date_order)
            first += CHUNK_MESSAGES
            del stamps[:CHUNK_MESSAGES], rows[:CHUNK_MESSAGES]
    if rows:
        yield _noted(_frame(stamps, rows, first, source, channel, options.timezone), first, date_order)


def _noted(frame: pd.DataFrame, first: int, date_order: str) -> pd.DataFrame:
    if first == 1:  # notes travel once per file, on its first chunk
        frame.attrs["notes"] = {"layout_date_order": date_order}
    return frame


def _sniff(source: Source, head: bytes) -> bool:
    """A WhatsApp export when one of its first lines is a message header."""
    lines = [line for line in head.decode("utf-8", errors="ignore").split("\n")[:50]
             if line.strip(_STRIP + "\r")][:5]
    return any(p.match(line) for line in lines for p in _GENERIC.values())


WHATSAPP = register(Reader("whatsapp", _sniff, read_whatsapp))
