"""Whether a file's numeric dates (``01/04/2024``) are day-first or month-first, decided once per
file from all its dates, as the chat and table readers need: read cell by cell, 01/04 would be
January 4th and 13/04 April 13th in one column.
"""
from __future__ import annotations

import json
import re
from collections import Counter

import numpy as np
import pandas as pd

from mining.lang import el, en

# Hebrew and Greek letters: text in them comes from day-first locales.
HEBREW_OR_GREEK = re.compile(r"[\u05d0-\u05ea\u0370-\u03ff]")
# Exports with local times and no zone come from phones and PCs in the community's country.
LOCAL_TIMEZONES = {"he": "Asia/Jerusalem", "el": "Europe/Athens"}


def over_twelve(pairs: Counter[tuple[str, str]]) -> tuple[int, int]:
    """How many dates have a first field over 12, and how many a second one (year-first aside)."""
    first_over = sum(n for (d1, _), n in pairs.items() if len(d1) <= 2 and int(d1) > 12)
    second_over = sum(n for (d1, d2), n in pairs.items() if len(d1) <= 2 and int(d2) > 12)
    return first_over, second_over


def day_first(pairs: Counter[tuple[str, str]], guess: bool) -> tuple[bool, str]:
    """Whether dates given as (first field, second field) counts are day-first, and why: a first
    field over 12 says so, a second one over 12 says not, the more such dates winning; ``guess``
    decides when every field is 12 or less. The reason goes to the manifest, so a guess is
    visible."""
    first_over, second_over = over_twelve(pairs)
    if first_over != second_over:
        first = first_over > second_over
        return first, f"{'day' if first else 'month'}-first (dates with a field over 12)"
    return guess, f"{'day' if guess else 'month'}-first (guessed: no date has a field over 12)"


def local_zone(text: str) -> tuple[str, str]:
    """The zone of times written without one in a file whose text is ``text`` (its posts, a line
    each, or its head): Israel's for a Hebrew file, Greece's for a Greek one, else UTC; and why.
    A file is in the script of most of its letters: a mostly English inbox with a few long Greek
    tickets was read in Greece's time (review 14, R14-2). A line of Greeklish counts as Greek (a
    Cypriot chat in Latin letters read as UTC put its times 3 hours off: review 15, R15-2).

    Example:
        >>> local_zone("the card was declined\\n" * 20 + "Η κάρτα απορρίφθηκε\\n" * 10)[0]
        'UTC'
        >>> local_zone("giati den douleuei to app re paidia\\n" * 20)[0]
        'Europe/Athens'
    """
    hebrew = sum("\u05d0" <= c <= "\u05ea" for c in text)
    greek = sum("\u0391" <= c <= "\u03c9" for c in text)
    latin = sum(c.isascii() and c.isalpha() for c in text)
    greeklish = sum(len(_LATIN.findall(line)) for line in text.split("\n") if _is_greeklish(line))
    greek, latin = greek + greeklish, latin - greeklish
    lang = ("he" if hebrew > max(greek, latin, 50) else "el" if greek > max(hebrew, latin, 50)
            else None)
    if lang is None:
        return "UTC", NEITHER
    return LOCAL_TIMEZONES[lang], f"default for a file in {_NAMES[lang]}"


NEITHER = "default: the file is neither Hebrew nor Greek"
_NAMES = {"he": "Hebrew", "el": "Greek"}
_LATIN = re.compile(r"[A-Za-z]")
_LATIN_WORD = re.compile(r"[a-z]+")


def _is_greeklish(line: str) -> bool:
    """Whether a line is Greek in Latin letters: some Greeklish word, at least as many as
    English stop words (as the language pass tells a post, ``mining.lang.analyze``)."""
    words = _LATIN_WORD.findall(line.lower())
    greeklish = sum(w in el.GREEKLISH_WORDS for w in words)
    return greeklish > 0 and greeklish >= sum(w in en.STOP_WORDS for w in words)


# A JSON export's post texts: Telegram's "text" (and its entities'), DiscordChatExporter's
# "content"; the string as JSON writes it, escapes and all.
_JSON_START = re.compile(r'[\ufeff\s]*(?:\{|\[\s*[{"\[])')
_JSON_TEXT = re.compile(r'"(?:text|content)"\s*:\s*("(?:[^"\\]|\\.)*")')


def posts_text(head: str) -> str:
    """What a file's head says in its posts, a line each: a JSON export's texts, without its keys
    and markup ("type", "date_unixtime", "text_entities"... outweighed the Hebrew of an
    11,000-message Telegram group: review 15, R15-2); any other head as it is.

    Example:
        >>> posts_text('{"type": "message", "text": "\\u05e9\\u05dc\\u05d5\\u05dd"}')
        'שלום'
    """
    if not _JSON_START.match(head):  # an iOS chat's lines start with "[" too: "[04/10/2026, ..."
        return head
    return "\n".join(_json_string(found) for found in _JSON_TEXT.findall(head))


def _json_string(literal: str) -> str:
    try:
        return json.loads(literal)
    except ValueError:  # an escape cut in two by the head's end
        return ""


def wall_to_utc(wall: pd.Series, timezone: str) -> pd.Series:
    """Wall-clock times without a zone, read in ``timezone``, as UTC. Every reader reads them so:
    an hour repeated when summer time ends is the first (summer) one, a skipped hour moves on
    (a table's times in the repeated hour were "could not be read as dates": review 12, R12-4).
    """
    return (wall.dt.tz_localize(timezone, ambiguous=np.ones(len(wall), dtype=bool),
                                nonexistent="shift_forward").dt.tz_convert("UTC"))

