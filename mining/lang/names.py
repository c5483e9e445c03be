"""Which words of members' names the posts use as names, and which as ordinary words.

Keywords and labels leave members' names out, but a member called שיר ("song"), חיים ("life"),
Ζωή ("life") or "Easy Money" must not take those words from every topic. A name word stays out
of keywords unless the posts show it used as an ordinary word:

* in scripts with capitals (Latin, Greek), it is written in lower case more often than
  capitalized inside a sentence (a sentence's first word says nothing), by at least
  ``MIN_WRITERS`` members: "easy", "ζωή" are words; "Dana" written "dana" here and there, or a
  member who writes "im mallory" of herself, stays a name;
* in Hebrew, which has no capitals, it takes the definite article (ה, also behind ו ש מ כש):
  "החיים", "השיר", "מהחיים"; a given name never does.

A name word the posts do not hold at all stays out (it cannot be a keyword anyway).

Example:
    >>> sorted(names_used_as_names({"Dana", "Easy", "חיים", "דני"},
    ...        ["easy to order", "so easy", "Dana said so. dana?", "החיים יפים", "דני תודה"],
    ...        ["m1", "m2", "m1", "m3", "m4"]))
    ['Dana', 'דני']
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from mining.normalize import fold_text

MIN_WRITERS = 2  # members writing a name word in lower case that make it an ordinary word
_TOKEN = re.compile(r"[^\W\d_]+(?:['׳][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?;;·…\n]\s*$")
_HEBREW = re.compile(r"[\u0590-\u05FF]")
# The definite article and the letters that may stand before it.
_ARTICLE = re.compile(r"(?:ו|ש|מ|כש|וש)?ה(.+)")


def _cased_uses(texts: list[str], writers: list[object]) -> tuple[dict[str, list], Counter]:
    """Per folded word: the writer of each lower-case use, and how often it is capitalized
    where it does not start a sentence."""
    lower, capital = defaultdict(list), Counter()
    for text, writer in zip(texts, writers):
        for match in _TOKEN.finditer(text):
            word = match.group()
            if word.islower():
                lower[fold_text(word)].append(writer)
            elif word[:1].isupper() and not word.isupper():
                before = text[:match.start()]
                if before.strip() and not _SENTENCE_END.search(before):
                    capital[fold_text(word)] += 1
    return lower, capital


def _with_article(texts: Iterable[str]) -> set[str]:
    """Hebrew words the texts write with the definite article, without it."""
    found = set()
    for text in texts:
        for word in _TOKEN.findall(text):
            if _HEBREW.match(word) and (match := _ARTICLE.fullmatch(word)):
                found.add(match.group(1))
    return found


def names_used_as_names(words: Iterable[str], texts: Iterable[str],
                        authors: Iterable[object] | None = None) -> set[str]:
    """The name words (``Identities.name_words``) that keywords should leave out: all but those
    the ``texts`` (the analyzed posts, by ``authors``; null or none: each post its own writer)
    use as ordinary words."""
    texts = list(texts)
    authors = list(authors) if authors is not None else [None] * len(texts)
    writers = [a if isinstance(a, str) and a else ("post", i) for i, a in enumerate(authors)]
    lower, capital = _cased_uses(texts, writers)
    article = _with_article(texts)
    names = set()
    for word in words:
        if _HEBREW.search(word):
            ordinary = word in article
        else:
            folded = fold_text(word)
            uses = lower.get(folded, [])
            ordinary = len(set(uses)) >= MIN_WRITERS and len(uses) > capital[folded]
        if not ordinary:
            names.add(word)
    return names
