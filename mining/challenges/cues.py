"""Cue lexicons: per-language word patterns plus signs every language shares (``?``, emoji, links).

The per-language lists live in the language objects (``mining.lang.LANGUAGES``, ``CUES`` in
``mining/lang/he.py``, ``el.py``, ``en.py``); this module compiles them once and scores posts. A score is the sum of the weights of the distinct patterns a post
matches, per category, capped at ``CAP`` so that a long rant does not outvote everything else; a
pattern with a negative weight ("לא נורא", "θέλω να", "δεν πειράζει") takes evidence back after
the cap (a post with four complaint words and "no problem" still loses the evidence), so a score
may fall below zero (down to ``-CAP``) and lower the head's logit.

Agreement ("me too": "גם אצלי", "κι εμένα", "same here", "+1"; ``AGREEMENT`` in each language's
``CUES``) has no type of its own: a post that agrees shares the type of what it agrees with. Its
weight goes to each of ``AGREES_WITH``'s categories the post already has evidence for ("גם אצלי
קורס" adds to complaint and negative, "גם אני אוהב" to praise and positive), and to nothing
otherwise; a lone "+1" with no other evidence is the GitHub vote on a feature (request).

A pattern that starts with ``^`` matches at the start of any sentence; one that starts with ``^^``
only at the start of the post, its title or opening sentence, where a forum or issue-tracker post
says what it is ("How do I ...", "Fix ...", "Expose ...") before it quotes errors or logs.

A post that is *only* an agreement ("גם אצלי!!", "κι εμένα το ίδιο", "same here 😩", "+1";
``bare_agreement``) has no words to type: it confirms the post it answers, which the filter finds
(``mining.filter.link_agreements``: skip reason ``agreement``, column ``agrees_with``).

Language patterns match the folded post (``fold_post``: accents, niqqud and case off, every Greek
sigma written ``σ``, links left out so that a ``;`` or a word inside a URL is no cue).

Example:
    >>> scores = score_cues(["אפשר להוסיף מצב לילה?"], ["he"])
    >>> bool(scores["request"][0] > 0 and scores["question"][0] > 0)
    True
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import numpy as np

from mining.lang import LANGUAGES
from mining.normalize import clean_text, strip_accents, strip_niqqud

CATEGORIES = ("complaint", "question", "request", "praise", "positive", "negative", "spam", "abuse")
CAP = 4.0
# The key of the agreement patterns in a language's ``CUES`` (not a category: see the docstring).
AGREEMENT = "agreement"
# Category agreed with → the categories agreement adds its weight to.
AGREES_WITH = {"complaint": ("complaint", "negative"), "request": ("request",),
               "praise": ("praise", "positive")}
# Agreeing with a problem and with nothing to praise takes praise evidence back: "גם אצלי קורס"
# ("crashes for me too") is no praise however "קורס" (also "a course") reads.
TAKES_BACK = {"complaint": ("praise",)}
# "+1" on the cleaned text (not a number such as "+1 555"): agreement in every language, and a
# vote for a feature (request) when the post holds nothing else.
PLUS_ONE = re.compile(r"(?:^|\s)\+1(?!\d)")
PLUS_ONE_WEIGHT = 1.5

_POSITIVE_EMOJI = "😍🥰❤💙💚💜🧡💛🤍👍👏🙌🎉🥳😊🙂😀😃😄😁🤩💪⭐🌟✨💯🤗😘"
_NEGATIVE_EMOJI = "😡😠🤬😤👎😢😭😞😩😫🙄💩😒😣😖🤦😑🤮💔😰😱😓😟☹🙁😕"

# What may follow the last sentence of a post without ending it: hashtags, mentions, links, emoji
# and punctuation ("Πότε βγαίνει; #xfactorgr", "any news? @bank https://..."). The alternatives
# start with different characters, so matching stays linear.
TAIL = r"(?:\s+|#\w+|@\w+|https?://\S+|[^\w\s#@])*"

# Signs shared by all languages: (category, pattern on the cleaned text, weight).
SHARED: list[tuple[str, str, float]] = [
    ("question", r"\?", 1.5),
    ("question", rf"\?{TAIL}$", 1.0),
    # "+1" is agreement (``AGREEMENT``), scored by ``score_cues``.
    ("complaint", r"!{2,}|\?{2,}|\?!|!\?", 0.5),
    ("negative", r"!{3,}", 0.5),
    ("negative", f"[{_NEGATIVE_EMOJI}]", 1.5),
    ("complaint", f"[{_NEGATIVE_EMOJI}]", 0.5),
    ("positive", f"[{_POSITIVE_EMOJI}]", 1.5),
    ("praise", f"[{_POSITIVE_EMOJI}]", 0.5),
    # Two or more words in capitals (Latin or Greek): shouting.
    ("negative", r"\b[A-ZΑ-Ω]{3,}\b.*\b[A-ZΑ-Ω]{3,}\b", 1.0),
    ("complaint", r"\b[A-ZΑ-Ω]{3,}\b.*\b[A-ZΑ-Ω]{3,}\b", 0.5),
    ("spam", r"https?://|www\.|\b(?:bit\.ly|t\.me|wa\.me|tinyurl\.com)/", 1.5),
    ("spam", r"(?:\+\d{1,3}[\s-]?)?\(?\d{2,3}\)?[\s-]?\d{3}[\s-]?\d{4}", 0.5),
    ("spam", r"[💰💸🤑🎁📈]", 1.0),
]


_URL = re.compile(r"https?://\S+|www\.\S+")


def fold_pattern(pattern: str) -> str:
    """Fold a cue pattern the way ``fold_post`` folds posts (accents and niqqud off, lower case,
    ``ς`` → ``σ``)."""
    plain = strip_accents(strip_niqqud(pattern))
    # Lower-case everything but escapes: \W and \S must keep their meaning.
    return re.sub(r"(\\.)|([^\\]+)", lambda m: m.group(1) or m.group(2).lower(), plain).replace("ς", "σ")


def fold_post(text: str) -> str:
    """Folded text for matching: like ``fold_text`` but keeps apostrophes and punctuation, writes
    every sigma ``σ`` (Greek inflects at the word's end: ``προβλήματος``, written ``ΠΡΟΒΛΗΜΑΤΟΣ``
    or with a Latin-keyboard ``σ``, must match one pattern) and leaves links out.

    Example:
        >>> fold_post("Δεν ΔΟΥΛΕΎΕΙ πάλι; https://t.co/x;y")
        'δεν δουλευει παλι;  '
    """
    folded = strip_accents(strip_niqqud(clean_text(text))).lower().replace("ς", "σ")
    return _URL.sub(" ", folded).replace("’", "'").replace("׳", "'")


def _compile(pattern: str, proclitics: str) -> re.Pattern:
    if pattern.startswith("~"):  # punctuation, matched as it is (no word boundaries)
        return re.compile(fold_pattern(pattern[1:]))
    start = ""
    if pattern.startswith("^^"):  # the post's first sentence only (a title, an opening line)
        pattern = pattern[2:]
        start = r"\A\W*"
    elif pattern.startswith("^"):
        pattern = pattern[1:]
        start = r"(?:^|(?<=[.!?;:\n])\s*|(?<=[.!?;:]\s))"
    prefix = f"[{proclitics}]{{0,3}}" if proclitics else ""
    return re.compile(f"{start}(?<!\\w){prefix}(?:{fold_pattern(pattern)})(?!\\w)")


@lru_cache(maxsize=None)
def compiled(lang: str) -> tuple[tuple[str, re.Pattern, float], ...]:
    """The language's patterns, compiled once: (category, regex, weight)."""
    language = LANGUAGES.get(lang)
    if language is None:
        return ()
    return tuple((category, _compile(pattern, language.proclitics), weight)
                 for category, entries in language.cues.items() for pattern, weight in entries)


@lru_cache(maxsize=1)
def _shared() -> tuple[tuple[str, re.Pattern, float], ...]:
    return tuple((category, re.compile(pattern), weight) for category, pattern, weight in SHARED)


def _patterns(lang: str) -> tuple[tuple[str, re.Pattern, float], ...]:
    # Hebrew and Greek posts mix in English words ("האפליקציה עושה crash"): English cues apply too.
    return compiled(lang) + (compiled("en") if lang in ("he", "el") else ())


def _form_regex(phrase: str) -> re.Pattern:
    """A template phrase as a regex: its words with any punctuation or markdown between them
    (``*`` one word), with the emphasis around it and the punctuation that follows it."""
    words = [r"\w+" if word == "*" else re.escape(word) for word in re.findall(r"\w+|\*", phrase)]
    return re.compile(r"[*_]*(?<!\w)" + r"[\W_]+".join(words) + r"(?!\w)[\W_]*", re.IGNORECASE)


@lru_cache(maxsize=None)
def _forms(lang: str) -> tuple[tuple[str, re.Pattern, str], ...]:
    """(a word the phrase must hold, its regex, its replacement): the word, the phrase's longest,
    is looked up in the lower-cased post first, so most posts cost a few substring tests."""
    codes = dict.fromkeys((lang, "en") if lang in ("he", "el") else (lang,))
    return tuple((max(re.findall(r"\w+", phrase), key=len), _form_regex(phrase), replacement)
                 for code in codes if code in LANGUAGES for phrase, replacement in LANGUAGES[code].forms)


def read_forms(text: str, lang: str) -> str:
    """``text`` with the wording of issue and forum templates taken out, and the prompts that say
    what a post is turned into that declaration (``Language.forms``; English's apply to Hebrew and
    Greek posts too, as its cues do).

    Example:
        >>> read_forms("Dark mode. **Is your feature request related to a problem? Please "
        ...            "describe.** I read at night.", "en")
        'Dark mode. . Type: feature. I read at night.'
    """
    lowered = text.lower()
    for word, regex, replacement in _forms(lang):
        if word in lowered and regex.search(text):
            text = regex.sub(replacement, text)
            lowered = text.lower()
    return text


@lru_cache(maxsize=None)
def _agreement(lang: str) -> tuple[tuple[re.Pattern, float], ...]:
    """The language's agreement patterns (and English's for Hebrew and Greek), with the shared
    "+1"."""
    own = tuple((regex, weight) for category, regex, weight in _patterns(lang) if category == AGREEMENT)
    return ((PLUS_ONE, PLUS_ONE_WEIGHT),) + own


def _agrees(cleaned: str, folded: str, lang: str) -> tuple[float, list[str], bool]:
    """A post's agreement: the weight of its strongest pattern, the words that matched, and
    whether one was "+1"."""
    weight, words, plus_one = 0.0, [], False
    for regex, w in _agreement(lang):
        if hit := regex.search(cleaned if regex is PLUS_ONE else folded):
            weight = max(weight, w)
            words.append(hit.group(0).strip())
            plus_one = plus_one or regex is PLUS_ONE
    return weight, words, plus_one


def _agreed(weight: float, plus_one: bool, has: Callable[[str], bool]) -> dict[str, float]:
    """What agreement adds, per category: its weight to the categories of what it agrees with
    (``has``: whether the post has evidence for a category), taken back from ``TAKES_BACK``'s
    when the post agrees with nothing else; a "+1" alone is a vote (request)."""
    agreed = [category for category in AGREES_WITH if has(category)]
    if weight and agreed:
        added = {boosted: weight for category in agreed for boosted in AGREES_WITH[category]}
        for category in agreed:
            for taken in TAKES_BACK.get(category, ()):
                added.setdefault(taken, -weight)
        return added
    return {"request": PLUS_ONE_WEIGHT} if plus_one else {}


# Words a bare agreement may hold beside its agreement phrase: at most this many, each a stop word
# (אני, το, here), laughter or a reaction word (ממש, ακριβώς, lol). "גם אני שמאלנית" (I too am a
# leftist) and "+1 still crashing" say something of their own.
BARE_FILLERS = 3
_BARE_KINDS = ("laughter", "reaction")
_BARE_MAX_TOKENS = 12  # the longest agreement phrase ("το ίδιο και σε μένα") and the fillers
_LETTERS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def bare_agreement(text: str, lang: str) -> bool:
    """Whether a post is only an agreement: an agreement phrase or "+1", and besides it at most
    ``BARE_FILLERS`` filler words, emoji and punctuation (no number, no content word).

    Example:
        >>> bare_agreement("גם אצלי!!", "he"), bare_agreement("κι εμένα το ίδιο", "el")
        (True, True)
        >>> bare_agreement("גם אני שמאלנית", "he"), bare_agreement("+1 still crashing", "en")
        (False, False)
    """
    if len((text or "").split()) > _BARE_MAX_TOKENS:  # most posts: no need to read them
        return False
    cleaned, folded = clean_text(text or ""), fold_post(text or "")
    if not _agrees(cleaned, folded, lang)[0]:
        return False
    rest = PLUS_ONE.sub(" ", folded)
    for regex, _ in _agreement(lang)[1:]:
        rest = regex.sub(" ", rest)
    if re.search(r"\d", rest):
        return False
    words = _LETTERS.findall(rest)
    return len(words) <= BARE_FILLERS and all(_filler(word, lang) for word in words)


def _filler(word: str, lang: str) -> bool:
    """A stop word, laughter or a reaction word of the post's language or of English."""
    for code in dict.fromkeys((lang, "en")):
        language = LANGUAGES.get(code)
        if language is not None and (language.is_stop(language.normalize(word))
                                     or set(language.noise_kinds(word)) & set(_BARE_KINDS)):
            return True
    return False


def match_cues(text: str, lang: str) -> dict[str, list[str]]:
    """The patterns a text matches, by category (for explaining a decision)."""
    found: dict[str, list[str]] = {}
    cleaned = read_forms(clean_text(text), lang)
    folded = fold_post(cleaned)
    for category, regex, _ in _shared():
        if hit := regex.search(cleaned):
            found.setdefault(category, []).append(hit.group(0))
    for category, regex, _ in _patterns(lang):
        if category != AGREEMENT and (hit := regex.search(folded)):
            found.setdefault(category, []).append(hit.group(0).strip())
    weight, words, plus_one = _agrees(cleaned, folded, lang)
    for category, added in _agreed(weight, plus_one, lambda c: c in found).items():
        found.setdefault(category, []).extend(words if added > 0 else [f"-{word}" for word in words])
    return found


def score_cues(texts: list[str], langs: list[str]) -> dict[str, np.ndarray]:
    """Cue score per category and text: summed weights of the matched patterns, capped at CAP.

    English cues also apply to Hebrew and Greek posts; a language without a cue module gets only
    the shared signs. Agreement adds to the categories it agrees with (``AGREES_WITH``) before
    the cap.
    """
    out = {c: np.zeros(len(texts), dtype=np.float32) for c in CATEGORIES}
    back = {c: np.zeros(len(texts), dtype=np.float32) for c in CATEGORIES}
    for i, (text, lang) in enumerate(zip(texts, langs)):
        cleaned = read_forms(clean_text(text or ""), lang)
        folded = fold_post(cleaned)
        for category, regex, weight in _shared():
            if regex.search(cleaned):
                (out if weight > 0 else back)[category][i] += weight
        for category, regex, weight in _patterns(lang):
            if category != AGREEMENT and regex.search(folded):
                (out if weight > 0 else back)[category][i] += weight
        weight, _, plus_one = _agrees(cleaned, folded, lang)
        for category, added in _agreed(weight, plus_one, lambda c: out[c][i] > 0).items():
            (out if added > 0 else back)[category][i] += added
    for category in CATEGORIES:
        # Cap the evidence, then take back what the negative patterns take back.
        np.minimum(out[category], CAP, out=out[category])
        np.clip(out[category] + back[category], -CAP, CAP, out=out[category])
    return out
