"""WhatsApp message headers: their layouts, and the wall-clock time each header says.

A header is a timestamp in a wrapper, then ``Author: `` for a user message:

- wrappers: Android ``STAMP - ``, iOS ``[STAMP] ``, and pre-2017 iOS ``STAMP: ``;
- the stamp: date then time (``12/3/24, 14:05``, ``13.6.2018 klo 21.25.15``), or time then date
  (iOS ``[14:56:01, 3/18/22]``, WhatsApp Web's ``[11:46, 6/4/2019]``, old Android
  ``19:23, 28 Aug 2013``);
- the date: numbers (``d/m/y``, ``m/d/y``, ``y-m-d``; a Buddhist or Japanese era year), or a
  day and a month name, either way round and with or without a year (``18 Mar``, ``Mar 5``,
  ``Mar 5, 2019``);
- the clock: 24h, or 12h with a localized AM/PM (``PM``, ``p. m.``, ``μ.μ.``, ``אחה״צ``).

A file's layout (one of each, its date separator and its clock) is detected once, by the votes of
the header-like lines of its head, so lines pasted from another layout stay inside their message.

Dates without a year (old Android exports name the year only for past years) are placed by the
file's order: the year of a dated header nearby, plus one at every turn of the year (a date more
than a day earlier than the one before it); with no dated header at all, the last message is
placed in the year of the export (the file's date). ``YearCounter`` holds that rule.

Example:
    >>> str(detect_layout("[14:56:01, 3/18/22] Elon: hi\\n"))
    'ios [time, date] 24h'
"""
from __future__ import annotations

import math
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import product

import numpy as np
import pandas as pd

# Direction and format marks WhatsApp scatters through headers (and U+FEFF mid-file).
MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
DETECT_LINES = 400  # header-like lines of the head that vote on the layout
_M = f"[{MARKS}]*"
_SP = r"[ \u00a0\u202f\u2009]"  # space, NBSP, narrow NBSP (newer "7:02\u202fPM"), thin space

_AMPM = (
    rf"[AaPp]\.?{_SP}?[Mm]\.?"  # AM, pm, a.m., "p. m."
    rf"|[πΠμΜ]\.?{_SP}?[μΜ]\.?"  # Greek π.μ. / μ.μ. (also πμ, ΜΜ)
    r"|(?:לפנה|אחה)[\"״]צ|(?:לפני|אחרי|אחר) הצהריים"  # Hebrew
    r"|[صم]"  # Arabic
    r"|in the (?:morning|afternoon|evening)|at night"
)
_PM = {"p", "μ", "א", "م"}  # first letter of PM markers; "in the afternoon/evening", "at night" too
# A user message's author ends at the first ": " (names may hold "-", emoji, spaces, and a colon
# that no space follows: "Dana :)", "Yoga 18:30", "http://...").
AUTHOR = r"(?:(?P<author>(?:[^:\n]|:(?![ \n]|\Z)){1,100}?)(?P<colon>: |:(?=\n)|:\Z))?"
_TIME = r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<second>\d{2}))?\.?"
# A word or two some locales put between date and time: Finnish "klo", German "um", French "à".
_LINK = rf"(?:[^\W\d_]{{1,5}}\.?{_SP}){{0,2}}"
_MONTH = r"(?P<month>[^\W\d_]{3,12}[.׳']?)"
_WEEKDAY = rf"(?:[^\W\d_]{{2,12}}\.?,{_SP})?"  # a weekday before a date with a month name
_JAPANESE_ERAS = {"R": 2018, "H": 1988, "S": 1925}  # year 1 of Reiwa is 2019, and so on
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()

# Month names of the phone languages seen in exports (and Dutch abbreviations: "mrt" does not
# start "maart"); a word is read by the longest start it shares with one of these (at least 3
# letters, one month only), so "Mär", "févr.", "Μαΐου" and "Sept" all find their month.
MONTH_NAMES = {
    "en": "january february march april may june july august september october november december",
    "de": "januar februar marz april mai juni juli august september oktober november dezember",
    "fr": "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
          "dicembre",
    "pt": "janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "nl_abbreviations": "jan feb mrt apr mei jun jul aug sep okt nov dec",
    "el": "ιανουαριου φεβρουαριου μαρτιου απριλιου μαιου ιουνιου ιουλιου αυγουστου σεπτεμβριου "
          "οκτωβριου νοεμβριου δεκεμβριου",
    "he": "ינואר פברואר מרץ אפריל מאי יוני יולי אוגוסט ספטמבר אוקטובר נובמבר דצמבר",
}
_NAMES = [(name, month) for names in MONTH_NAMES.values()
          for month, name in enumerate(names.split(), 1)]


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.casefold().rstrip(".׳'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1024)
def month_number(word: str) -> int | None:
    """The month (1-12) a month name or abbreviation stands for, or None when it names none.

    Example:
        >>> [month_number(w) for w in ("Mar", "févr.", "Μαΐου", "מרץ", "Sept", "Ju", "Monday")]
        [3, 2, 5, 3, 9, None, None]
    """
    folded = _fold(word)
    score: dict[int, int] = {}
    for name, month in _NAMES:
        score[month] = max(score.get(month, 0), _likeness(folded, name))
    top = max(score.values())
    months = [m for m, s in score.items() if s == top]
    return months[0] if top >= 3 and len(months) == 1 else None


def _likeness(word: str, name: str) -> int:
    """How many letters ``word`` shares with a month ``name``: all of them when it abbreviates
    the name; else the start they share, when it is long enough (4) to be another form of the
    name (Greek "Μάρτιος" for "Μαρτίου"); else none."""
    if name.startswith(word):
        return len(word)
    shared = len(os.path.commonprefix([word, name]))
    return shared if shared >= 4 else 0


# --- Layouts ------------------------------------------------------------------------------------

WRAPPERS = ("android", "ios", "colon")
DATE_FORMS = ("numeric", "day_month", "month_day")


def _date(form: str, sep: str) -> str:
    if form == "numeric":
        # d3 may carry an era: "2565 BE" (Buddhist), "R4" (Japanese); marks may sit inside (Arabic).
        return (rf"(?P<d1>\d{{1,4}}){_M}(?P<sep>{sep}){_SP}?{_M}(?P<d2>\d{{1,2}}){_M}(?P=sep)"
                rf"{_SP}?{_M}(?P<d3>[A-Z]?\d{{1,4}})(?:{_SP}?(?P<era>BE))?\.?")
    if form == "day_month":  # "18 Mar", "28 Aug 2013", "5. März 2019", "Tuesday, 20 August 2022"
        return rf"{_WEEKDAY}(?P<d1>\d{{1,2}})\.?{_SP}{_MONTH}(?:,?{_SP}(?P<d3>\d{{4}}))?"
    return rf"{_WEEKDAY}{_MONTH}{_SP}(?P<d1>\d{{1,2}})(?:,{_SP}(?P<d3>\d{{4}}))?"  # "Mar 5, 2019"


def _ampm(clock12: bool | None) -> str:
    if clock12 is None:
        return rf"(?:{_M}{_SP}?{_M}(?P<ampm>{_AMPM}))?"
    return rf"{_M}{_SP}?{_M}(?P<ampm>{_AMPM})" if clock12 else ""


@dataclass(frozen=True)
class Layout:
    """A file's header layout: the wrapper, whether time comes first, how dates are written,
    their separator (numeric dates) and whether the clock is 12h."""

    wrapper: str  # android, ios or colon (WRAPPERS)
    time_first: bool
    dates: str  # numeric, day_month or month_day (DATE_FORMS)
    sep: str = ""
    clock12: bool = False

    def pattern(self, sep: str | None = None, clock12: bool | None = None) -> str:
        """The header regex; ``sep``/``clock12`` open (a class / None) to detect a layout."""
        date_ = _date(self.dates, re.escape(self.sep) if sep is None else sep)
        time_ = _TIME + _ampm(self.clock12 if sep is None else clock12)
        # Between date and time: a comma (some phones leave out the space after it), or a space.
        stamp = (rf"{time_}{_M}[,،]{_SP}?{_M}{date_}" if self.time_first
                 else rf"{date_}(?:[,،]{_SP}?|{_SP}){_M}{_LINK}{time_}")
        if self.wrapper == "android":
            return rf"^{_M}{stamp}{_M}{_SP}[-–]{_SP}"
        if self.wrapper == "ios":  # "] " and, from some export tools, "] - "
            return rf"^{_M}\[{_M}{stamp}{_M}\](?:{_SP}?[-–](?={_SP}))?{_SP}?"
        return rf"^{_M}{stamp}{_M}: "  # iOS before 2017: "7/1/16, 4:56:55 PM: Name: text"

    def compile(self, author: bool = True) -> re.Pattern[str]:
        """The file's header regex, taking the line end before the header (so the regex engine
        jumps from line end to line end instead of trying every character); with ``author``, it
        also takes the ``Name: `` that follows. Text to search starts with a ``"\\n"``."""
        return re.compile("\n" + self.pattern().removeprefix("^") + (AUTHOR if author else ""))

    def __str__(self) -> str:
        order = "[time, date]" if self.time_first else "[date, time]"
        dates = "" if self.dates == "numeric" else f" {self.dates.replace('_', ' ')} names"
        return f"{self.wrapper} {order}{dates} {'12h' if self.clock12 else '24h'}"


SHAPES = [Layout(w, t, d) for w, t, d in product(WRAPPERS, (False, True), DATE_FORMS)]
_GENERIC = [(shape, re.compile(shape.pattern(r"[./\-]", None))) for shape in SHAPES]


def match_header(line: str) -> Layout | None:
    """The layout of ``line`` when it starts with a message header of any layout, else None.

    Example:
        >>> match_header("Mar 5, 8:11 PM - Dana: hi").dates
        'month_day'
    """
    for shape, pattern in _GENERIC:
        found = pattern.match(line)
        if found is None:
            continue
        groups = found.groupdict()
        if groups.get("month") is not None and month_number(groups["month"]) is None:
            continue  # a word that names no month: "5 people 12:30 - ..." is no header
        return Layout(shape.wrapper, shape.time_first, shape.dates, groups.get("sep") or "",
                      groups["ampm"] is not None)
    return None


def detect_layout(text: str) -> Layout | None:
    """The layout most header-like lines of ``text`` (a file's head) follow, or None.

    Example:
        >>> str(detect_layout("12.3.2024, 14:05 - דני: שלום\\n"))
        'android [date, time] 24h'
    """
    votes: Counter[Layout] = Counter()
    for line in text.split("\n"):
        layout = match_header(line)
        if layout is not None:
            votes[layout] += 1
            if votes.total() >= DETECT_LINES:
                break
    return votes.most_common(1)[0][0] if votes else None


# --- What a header's date and time say ------------------------------------------------------------

# A clock mark after a time's digits, in any language the chats write it in.
_AMPM_AFTER_TIME = re.compile(rf"(?<=\d){_SP}?(?:{_AMPM})(?!\w)")


def clock_marks_in_english(texts: pd.Series) -> pd.Series:
    """Times with a localized AM/PM mark (``9:05 π.μ.``, ``4:05 אחה״צ``) with English ``AM``
    / ``PM`` instead, which date parsers read; as a Greek or Israeli spreadsheet writes them.

    Example:
        >>> clock_marks_in_english(pd.Series(["1/4/2024 4:05:00 μ.μ."])).tolist()
        ['1/4/2024 4:05:00 PM']
    """
    return texts.str.replace(_AMPM_AFTER_TIME,
                             lambda m: " PM" if is_pm(m.group(0)) else " AM", regex=True)


def is_pm(marker: str) -> bool:
    marker = marker.strip(". ").lower()
    if marker.startswith("in the"):
        return not marker.endswith("morning")
    return marker[0] in _PM or marker.startswith("at")


def numeric_year(text: str | None, era: str | None) -> int:
    """The Gregorian year of a numeric date's year field (2-digit, Buddhist or Japanese era)."""
    if not text:
        return 0
    if text[0].isalpha():
        base = _JAPANESE_ERAS.get(text[0])
        return base + int(text[1:]) if base and text[1:].isdigit() else 0
    year = int(text)
    if era or year > 2400:  # Buddhist Era (Thai phones): 2565 BE is 2022
        return year - 543
    return year + 2000 if year < 100 else year


def numeric_day(parts: tuple, day_first: bool) -> int | None:
    """Days since 1970-01-01 of a numeric date's (d1, d2, d3, era), or None if it cannot be."""
    d1, d2, d3, era = parts
    if len(d1) > 2:  # year first: 2019/01/30
        return epoch_day(int(d1), int(d2), int(d3) if d3.isdigit() else 0)
    day, month = (int(d1), int(d2)) if day_first else (int(d2), int(d1))
    return epoch_day(numeric_year(d3, era), month, day)


def epoch_day(year: int, month: int, day: int) -> int | None:
    """Days since 1970-01-01, or None for a date that cannot be (or lies outside 1990-2100,
    which also keeps a stamp inside what datetime64[ns] can hold)."""
    if not 1990 <= year <= 2100:
        return None
    try:
        return date(year, month, day).toordinal() - _EPOCH_ORDINAL
    except ValueError:
        return None


def day_seconds(parts: tuple) -> int | None:
    """Seconds since midnight of a header's time parts, or None for a time that cannot be."""
    hour, minute, second = int(parts[0]), int(parts[1]), int(parts[2] or 0)
    if len(parts) > 3 and parts[3]:
        hour = hour % 12 + (12 if is_pm(parts[3]) else 0)  # "0:24 PM" and "12:24 PM" are both 12:24
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour * 3600 + minute * 60 + second


class YearCounter:
    """Years for dates written without one, read in the file's (chronological) order.

    A dated header sets the year; a yearless date more than a day earlier in the calendar than
    the one before it has turned a year (a day's slack for messages delivered out of order).
    Start it at the year of the file's first header, which ``first_year`` finds.

    Example:
        >>> years = YearCounter(2023)
        >>> [years.place(m, d, None) for m, d in ((12, 30), (12, 31), (1, 2), (3, 5))]
        [2023, 2023, 2024, 2024]
    """

    def __init__(self, start: int) -> None:
        self.year = start
        self._last: int | None = None  # day of a leap year, so 29 February has one

    def place(self, month: int, day: int, year: int | None) -> int:
        """The year of one header's date (``year`` when it carries one)."""
        try:
            day_of_year = date(2000, month, day).timetuple().tm_yday
        except ValueError:
            return year or self.year  # a date that cannot be: it stays without a time
        if year:
            self.year = year
        elif self._last is not None and day_of_year < self._last - 1:
            self.year += 1
        self._last = day_of_year
        return self.year


def first_year(dates: Iterable[tuple[int | None, int, int | None]], export_date: date
               ) -> tuple[int, str]:
    """The year of the first of a file's (month, day, year or None) dates, and how it was told:
    from the first dated header, counting back the turns of the year before it; else the last
    date is the latest one on or before ``export_date`` (the file's date), counted back from.
    ``dates`` is read only up to its first dated header; a month of None names none.

    Example:
        >>> first_year([(12, 30, None), (1, 2, None), (1, 3, 2014)], date(2024, 5, 1))[0]
        2013
    """
    years, last = YearCounter(0), None
    for month, day, year in dates:
        if month is None:
            continue
        if year:
            return (year - years.place(month, day, None),
                    f"counted from the first header with a year ({year})")
        years.place(month, day, None)
        last = (month, day)
    if last is None:
        return export_date.year, "no date could be read"
    last_year = export_date.year - (last > (export_date.month, export_date.day))
    return last_year - years.year, (f"the last message placed in the year of the file's date "
                                    f"({export_date.isoformat()}), earlier ones counted back")


class Stamper:
    """Wall-clock times, in epoch seconds (NaN where a date or time cannot be), of the headers
    in a piece of the file split by its header regex (``header.split``), piece after piece.

    Chats repeat the same dates and times thousands of times, so each is converted once; dates
    with month names go through a ``YearCounter`` in order.
    """

    def __init__(self, layout: Layout, header: re.Pattern[str], day_first: bool,
                 start_year: int) -> None:
        self._numeric = layout.dates == "numeric"
        self._date_groups = ("d1", "d2", "d3", "era") if self._numeric else ("d1", "month", "d3")
        self._time_groups = ("hour", "minute", "second") + (("ampm",) if layout.clock12 else ())
        self._header, self._day_first = header, day_first
        self._years = YearCounter(start_year)
        self._days: dict[tuple, float] = {}
        self._seconds: dict[tuple, float] = {}
        self._months: dict[str, int | None] = {}

    def __call__(self, parts: list) -> list[float]:
        date_keys, time_keys = self._keys(parts, self._date_groups), self._keys(parts, self._time_groups)
        days = (self._numeric_days(date_keys) if self._numeric else self._named_days(date_keys))
        for key in set(time_keys).difference(self._seconds):
            self._seconds[key] = or_nan(day_seconds(key))
        return (np.array(days) * 86400.0
                + np.array(list(map(self._seconds.__getitem__, time_keys)))).tolist()

    def _keys(self, parts: list, groups: tuple[str, ...]) -> list[tuple]:
        step = self._header.groups + 1
        return list(zip(*(parts[self._header.groupindex[g]::step] for g in groups)))

    def _numeric_days(self, keys: list[tuple]) -> list[float]:
        for key in set(keys).difference(self._days):
            self._days[key] = or_nan(numeric_day(key, self._day_first))
        return list(map(self._days.__getitem__, keys))

    def _named_days(self, keys: list[tuple]) -> list[float]:
        days = []
        for d1, name, d3 in keys:
            if name not in self._months:
                self._months[name] = month_number(name)
            month = self._months[name]
            if month is None:
                days.append(math.nan)
                continue
            year = self._years.place(month, int(d1), int(d3) if d3 else None)
            key = (year, month, d1)
            if key not in self._days:
                self._days[key] = or_nan(epoch_day(year, month, int(d1)))
            days.append(self._days[key])
        return days


def or_nan(value: int | None) -> float:
    return math.nan if value is None else float(value)
