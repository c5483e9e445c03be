"""WhatsApp's system lines that name a person who acts, in English, Hebrew and Greek, as its own
string tables write them ("%1$@ created this group", "%@ התווסף/ה לרשימה זו", "Ο χρήστης %@
δημιούργησε αυτήν την ομάδα"): ``data/whatsapp_system_lines.json``, built from
``../shared/reference/whatsapp-strings`` by ``benchmarks/build_whatsapp_system_lines.py``.

Two uses: the privacy pass finds the names a system line holds (``mining.privacy.names``), and
the WhatsApp reader tells an iOS system line that lost its leading U+200E (or has another mark
first) from a message (``strict``: the people's slots must look like names, since a member may
write "He left" or "Dana added photos").

Slots: ``{N}`` the person who acts, ``{L}`` a list of people, ``{R}`` a group's or community's
name, ``{D}`` a number.

Example:
    >>> match_system_line("Zelda Quimby created this group")["n0"]
    'Zelda Quimby'
    >>> [match_system_line(t, strict=True) for t in ("He left", "Dana added photos")]
    [None, None]
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "whatsapp_system_lines.json"
MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_EDGE = f"[{MARKS}\\s~]*"
_PUNCTUATION = ".,:;!?()\"“”'«»…" + MARKS
# Words that open a sentence a member writes ("He left", "Everyone joined"), never a name.
_NOT_A_NAME = frozenset("""i he she we they it you everyone everybody someone somebody nobody this
that the my our your his her their who what אני הוא היא הם הן אנחנו אתם מי זה זו כולם מישהו כבר
εγώ αυτός αυτή αυτοί εμείς εσύ εσείς κάποιος όλοι ποιος ο η το""".split())
# A list of people stops before what is a group, a community or a number ("%1$@ added this
# group to a community", "%1$@ added 2 groups").
_NOT_PEOPLE = (r"(?!(?:you|this|the|a|an|its|את הקבוצה|הקבוצה|קבוצה|קהילה|αυτήν|αυτή|την|τις|τα"
               r"|μια|ένα|σε)\b|\d)")
_SLOTS = {"N": "(?P<n{}>[^\\n]+?)", "L": _NOT_PEOPLE + "(?P<l{}>[^\\n]+?)", "R": "[^\\n]*?",
          "D": "\\d[\\d,.]*"}


def _compile(template: str) -> re.Pattern[str]:
    count = iter(range(100))
    pattern = re.sub(r"\{([NLRD])\}", lambda m: _SLOTS[m.group(1)].format(next(count)), template)
    return re.compile(f"{_EDGE}(?:{pattern}){_EDGE}")


def _key(template: str) -> str:
    """The template's longest word of its own (no slot in it), as a body writes it."""
    literal = re.sub(r"\\(.)", r"\1", re.sub(r"\{[NLRD]\}", "\0", template)).replace(".?", ".")
    words = [w.strip(_PUNCTUATION) for w in literal.split() if "\0" not in w]
    return max(words, key=len, default="").casefold()


def _ends(template: str) -> tuple[str, str]:
    """The template's own text before its first slot and after its last, as a body writes
    them (a final period optional): a cheap test before the regex."""
    literal = re.sub(r"\\(.)", r"\1", re.sub(r"\{[NLRD]\}", "\0", template))
    head, tail = literal.split("\0")[0], literal.split("\0")[-1]
    return head.lstrip(), tail.removesuffix(".?").rstrip(". ")


_Template = tuple[str, str, re.Pattern[str]]


def _last_word(text: str) -> str:
    words = text.rsplit(None, 1)
    return words[-1].strip(_PUNCTUATION).casefold() if words else ""


@lru_cache(maxsize=1)
def _patterns() -> tuple[dict[str, list[_Template]], dict[str, list[_Template]]]:
    """The compiled templates (with their ends): by the last word of their own text, and, for
    those that end with a slot, by their key word."""
    by_last: dict[str, list[_Template]] = {}
    by_key: dict[str, list[_Template]] = {}
    for templates in json.loads(DATA.read_text(encoding="utf-8")).values():
        for template in templates:
            head, tail = _ends(template)
            entry = (head, tail, _compile(template))
            if _last_word(tail):  # not only a closing quote after the last slot
                by_last.setdefault(_last_word(tail), []).append(entry)
            else:
                by_key.setdefault(_key(template), []).append(entry)
    return by_last, by_key


def _looks_like_a_name(value: str, most_words: int = 5) -> bool:
    """Whether a slot's value may be a name, or a list of names: a few words, the first one
    capitalized (or in a script without case, or a phone number), not a pronoun."""
    words = value.strip(MARKS + " ~").split()
    if most_words > 5 and value.strip().isdigit():  # "2 קבוצות נוספו על ידי": a number
        return True
    return (0 < len(words) <= most_words and len(value) <= 12 * most_words
            and any(c.isalpha() for c in value) and not words[0][0].islower()
            and words[0].casefold() not in _NOT_A_NAME and not set("?!") & set(value))


def match_system_line(text: str, strict: bool = False) -> re.Match[str] | None:
    """The match of the system-line template ``text`` fills whole, or None. ``strict``: only
    when the person's slot looks like a name (one to five words, not a pronoun), for telling a
    system line from a message.

    Example:
        >>> match_system_line("\\u200fדנה לוי התווסף/ה לרשימה זו")["n0"]
        'דנה לוי'
    """
    if len(text) > 400:
        return None
    by_last, by_key = _patterns()
    start, end = text.lstrip(MARKS + " ~"), text.rstrip(MARKS + " ~.")
    candidates = by_last.get(_last_word(end), [])
    for word in text.split():
        ending = by_key.get(word.strip(_PUNCTUATION).casefold())
        if ending:
            candidates = candidates + ending
    for head, tail, pattern in candidates:
        if not (start.startswith(head) and end.endswith(tail)):
            continue
        found = pattern.fullmatch(text)
        if found and (not strict or all(_looks_like_a_name(v, 5 if k[0] == "n" else 15)
                                        for k, v in found.groupdict().items() if v)):
            return found
    return None
