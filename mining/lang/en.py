"""English resources: stop words for social text and a rule-based lemmatizer.

``lemmatize`` undoes plural and verb endings (crashes, crashing, crashed → crash). Where a rule has
several readings (charged: charge or charg?) the one the corpus uses most as a word wins; irregular
forms come from a short table.

Example:
    >>> corpus = {"crash": 3, "charge": 1}
    >>> [lemmatize(w, corpus) for w in ("crashes", "crashed", "charging", "tries", "paid")]
    ['crash', 'crash', 'charge', 'try', 'pay']
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from spacy.lang.en.stop_words import STOP_WORDS as _SPACY

# spaCy's list holds words that name topics in product feedback ("call", "amount", "name").
_SPACY_REMOVED = {"call", "amount", "name", "empty", "full", "move", "bottom", "top", "front",
                  "side", "show", "serious", "part"}
# Chat fillers, greetings, forms of stop verbs and platform words that say nothing about a topic.
CHAT_WORDS = set("""
lol lmao lmfao rofl haha hahaha hehe omg pls plz thx thanks thank ty hi hey hello guys ok okay
yeah yes yep yup nope nah tbh ngl imo imho btw idk smh fr bruh u ur im dont cant didnt doesnt isnt
wont wasnt arent havent ive youre thats theres anyone anybody like got gets getting gotten gonna
wanna gotta know knows knew think thought oh ah wow hmm um uh lot lots thing things stuff way
goes going went gone makes making takes taking took taken gives giving gave given says saying
sees seeing saw seen keeps keeping kept puts putting seem rt amp ve ll nt wo ca joined omitted
edited
""".split())
STOP_WORDS = frozenset((_SPACY - _SPACY_REMOVED) | CHAT_WORDS)

# Laughter and its stretched forms: lol, lolll, lolol, haha, hehehe, lmaooo, xD (and the Greeklish
# xaxa, for Latin words of Greek posts).
FILLER = re.compile(r"l+o+l+[ol]*|a?(?:h+[ae]+)+h*|lmf?a+o+|x+d+|(?:x+[ae]+){2,}x*")

IRREGULAR = {
    "went": "go", "gone": "go", "paid": "pay", "sent": "send", "bought": "buy", "brought": "bring",
    "thought": "think", "told": "tell", "found": "find", "came": "come", "ran": "run",
    "lost": "lose", "broke": "break", "broken": "break", "wrote": "write", "written": "write",
    "knew": "know", "known": "know", "felt": "feel", "kept": "keep", "began": "begin",
    "begun": "begin", "chose": "choose", "chosen": "choose", "got": "get", "gotten": "get",
    "gave": "give", "given": "give", "took": "take", "taken": "take", "said": "say", "saw": "see",
    "seen": "see", "made": "make", "did": "do", "done": "do", "had": "have", "has": "have",
    "ate": "eat", "eaten": "eat", "drove": "drive", "driven": "drive", "spent": "spend",
    "stole": "steal", "stolen": "steal", "forgot": "forget", "forgotten": "forget",
    "understood": "understand", "sold": "sell", "held": "hold", "meant": "mean", "met": "meet",
    "won": "win", "fell": "fall", "fallen": "fall", "froze": "freeze", "frozen": "freeze",
    "woke": "wake", "built": "build", "caught": "catch", "taught": "teach", "heard": "hear",
    "shown": "show", "grew": "grow", "grown": "grow", "threw": "throw", "thrown": "throw",
    "flew": "fly", "flown": "fly", "spoke": "speak", "spoken": "speak", "wore": "wear",
    "worn": "wear", "children": "child", "men": "man", "women": "woman", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "lives": "life", "wives": "wife", "knives": "knife",
}
# Words that look inflected and are not ("news" is not new + s, "evening" is not even + ing).
NOT_INFLECTED = frozenset("""
news series species ios always perhaps lens bus gas plus yes thus this his its was has is us
morning evening nothing something anything everything thing things during ceiling wedding
pudding sibling bring spring string king ring sing swing wing hundred
""".split())
_VOWEL = re.compile(r"[aeiouy]")


def _readings(word: str) -> tuple[str, tuple[str, ...]]:
    """The default lemma of a word that looks inflected, and the readings the corpus may attest,
    in order of preference (charged: charg by default, charge where the corpus says charge)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y", (word[:-3] + "y", word[:-1])  # replies, movies
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2], (word[:-2], word[:-1])  # crashes, caches
    if word.endswith("oes"):
        return word[:-1], (word[:-1], word[:-2])  # shoes, potatoes
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1], (word[:-1],)
    if word.endswith("eed"):
        return word, (word[:-1],)  # agreed, but need and speed
    if word.endswith("ied") and len(word) > 4:
        return word[:-3] + "y", (word[:-3] + "y", word[:-1])  # tried
    for suffix in ("ed", "ing"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 2 and _VOWEL.search(stem):
            if stem[-1] == stem[-2] and stem[-1] not in "aeiouy":  # stopped, cancelled, called
                default = stem if stem[-1] in "lsz" else stem[:-1]
                return default, (stem + "e", stem, stem[:-1])
            return stem, (stem + "e", stem)  # hoped: hope before hop
    return word, ()


def lemmatize(word: str, counts: Mapping[str, int]) -> str:
    """The lemma of a lower-case English word that is not a stop word.

    Args:
        word: the word.
        counts: how often the corpus uses each word; the reading it uses most (and that is not a
            stop word) beats the default one.
    """
    if word in IRREGULAR:
        return IRREGULAR[word]
    if len(word) < 4 or word in NOT_INFLECTED:
        return word
    default, readings = _readings(word)
    attested = [r for r in readings if counts.get(r, 0) > 0 and r not in STOP_WORDS]
    if attested:
        return max(attested, key=lambda r: counts[r])  # the first of equals: the likelier rule
    return word if default in STOP_WORDS else default
