"""WhatsApp's system lines that open with a person, in English, Hebrew and Greek, as its own
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
_PUNCTUATION = ".,:;!?()\"“”'«»" + MARKS
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


@lru_cache(maxsize=1)
def _patterns() -> tuple[dict[str, list[re.Pattern[str]]], list[re.Pattern[str]]]:
    """The compiled templates by their key word, and those without one."""
    by_word: dict[str, list[re.Pattern[str]]] = {}
    unkeyed = []
    for templates in json.loads(DATA.read_text(encoding="utf-8")).values():
        for template in templates:
            key = _key(template)
            (by_word.setdefault(key, []) if key else unkeyed).append(_compile(template))
    return by_word, unkeyed


def _looks_like_a_name(value: str, most_words: int = 5) -> bool:
    """Whether a slot's value may be a name, or a list of names: a few words, the first one
    capitalized (or in a script without case, or a phone number), not a pronoun."""
    words = value.strip(MARKS + " ~").split()
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
    by_word, unkeyed = _patterns()
    words = {w.strip(_PUNCTUATION).casefold() for w in text.split()}
    candidates = [p for w in words for p in by_word.get(w, ())] + unkeyed
    for pattern in candidates:
        found = pattern.fullmatch(text)
        if found and (not strict or all(_looks_like_a_name(v, 5 if k[0] == "n" else 15)
                                        for k, v in found.groupdict().items() if v)):
            return found
    return None
