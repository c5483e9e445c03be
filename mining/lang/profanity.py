"""Profanity and vulgar interjections, per language: words a post may hold, but that say nothing
as a word of a topic's or a challenge's label ("μαλάκες · μέρες · γαμήσου", "פאק").

The lists are ``data/profanity_{he,el,en}.txt`` (written for the project, see
``data/SOURCES.md``): one form a line, a line ending in ``*`` a prefix. A word is read folded
(case, accents, niqqud, final sigma) and with a stretched letter squeezed ("פאקקקק", "fuuuck",
"γαμωωω"), in every language's list at once, so a Greeklish "malakes" in a Greek post is found
too. Words that are also ordinary are not listed: Greek γάμος (wedding) and μαλακός (soft) share
a stem with two profanities, Hebrew כוס is also a cup.

Example:
    >>> [is_profane(w) for w in ("Μαλάκες", "γαμήσου", "γάμος", "μαλακό", "פאקקקק", "Fucking", "fun")]
    [True, True, False, False, True, True, False]
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from mining.normalize import fold_text

DATA = Path(__file__).parent / "data"
PROFANITY_LANGS = ("he", "el", "en")
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")


def _fold(word: str) -> str:
    return fold_text(word).replace("ς", "σ")


@lru_cache(maxsize=None)
def profanity(lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The folded words and prefixes of ``lang``'s list (``he``, ``el``, ``en``)."""
    path = DATA / f"profanity_{lang}.txt"
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return (frozenset(_fold(w) for w in lines if not w.endswith("*")),
            tuple(_fold(w[:-1]) for w in lines if w.endswith("*")))


def is_profane(word: str) -> bool:
    """Whether ``word`` is a profanity or a vulgar interjection of any language's list."""
    folded = _fold(word)
    forms = {folded, _STRETCHED.sub(r"\1", folded), _STRETCHED.sub(r"\1\1", folded)}
    for lang in PROFANITY_LANGS:
        words, prefixes = profanity(lang)
        if any(f in words or (prefixes and f.startswith(prefixes)) for f in forms):
            return True
    return False
