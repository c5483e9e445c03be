"""The languages `mining` analyzes, and language identification: he / el / en / other / und,
and a Greeklish flag.

``LANGUAGES`` holds one language object per analyzed language (``mining/lang/he.py``, ``el.py``,
``en.py``: stop words, folding, cue and chat-noise lexicons, see ``mining.lang.language``);
``LANGS`` is their codes, the one list every stage uses.

The script decides Hebrew and Greek. Latin-script text is English unless function words say it
is Greeklish (Greek in Latin letters, tagged ``el`` with ``greeklish=True``) or another language.

A Greeklish post is read in Greek letters (``transliterate_greeklish``: the column ``text_read``,
read through ``texts_read``, which the embedder, the feedback and sentiment cues and keywords read), so that it meets the same
words in Greek script; its text as written stays in ``text_norm`` and in quotes.

Example:
    >>> detect_language("den erxetai o kwdikos")
    ('el', True)
    >>> detect_language("האפליקציה קורסת after update")
    ('he', False)
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

import pandas as pd

from mining.lang import el, en, he
from mining.lang.language import Language
from mining.normalize import EMAIL, URL, fold_text

# The languages `mining` analyzes, each with its module; defined here once.
LANGUAGES: dict[str, Language] = {m.LANGUAGE.code: m.LANGUAGE for m in (he, el, en)}
LANGS: tuple[str, ...] = tuple(LANGUAGES)
# Every value of the ``lang`` column: those, another language, or no letters to tell.
LANG_CODES: tuple[str, ...] = (*LANGS, "other", "und")
LANG_NAMES: dict[str, str] = {**{c: lang.name for c, lang in LANGUAGES.items()},
                              "other": "Other", "und": "Undetermined"}
NATIVE_SHARE = 0.35
# A Latin word; letters glued to digits (H264, cs50, mp3) are a code, not a word: "h" would
# read as the Greeklish η.
_LATIN_WORD = re.compile(r"(?<![a-z0-9])[a-z]+(?![a-z0-9])")


def _script(char: str) -> str | None:
    if not char.isalpha():
        return None
    code = ord(char)
    if 0x0590 <= code <= 0x05FF or 0xFB1D <= code <= 0xFB4F:
        return "he"
    if 0x0370 <= code <= 0x03FF or 0x1F00 <= code <= 0x1FFF:
        return "el"
    if unicodedata.name(char, "").startswith("LATIN"):
        return "latin"
    return "other"


def _latin_language(text: str) -> tuple[str, bool]:
    folded = fold_text(text)
    words = _LATIN_WORD.findall(folded)
    english = sum(w in en.STOP_WORDS for w in words)
    greeklish = sum(w in el.GREEKLISH_WORDS for w in words)
    other = max((sum(w in ws for w in words) for ws in en.OTHER_LATIN_WORDS.values()), default=0)
    if greeklish > english and greeklish >= other:
        return "el", True
    if other > english:
        return "other", False
    if english == 0 and any(ord(c) > 0x7F and c.isalpha() for c in text):
        return "other", False  # accented Latin letters and no English word: not English
    return "en", False


# Web and e-mail addresses and @handles are Latin letters in any language's post: "נשיא אמיץ
# http://www.ourboox.com/books/..." was English. They are not counted, unless they are all a post
# holds.
# Links, e-mails, handles and hashtags (#TheVoiceGR under a Greek tweet, #ישראל under an English
# one) are not the language a post is written in.
# What pseudonymizing writes into a post (``mining.privacy``: pseudonyms and the masks of
# contacts) is not the language it is written in either: detection runs on the masked text.
# One place for both, read by the analyzer and the quotes too: the masks (``mining.privacy``'s
# ``COUNTED_MASKS``) and a pseudonym.
MASKS = r"\[(?:phone|email|meeting|password|card|account|id)\]"
PSEUDONYM = r"member-[0-9a-f]{8}"
PLACED = re.compile(f"{PSEUDONYM}|{MASKS}")
_PSEUDONYM = re.compile(f"@?{PSEUDONYM}[ \t]*")
_GREEK_WORD = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]+")
# Sign-offs and device footers at a post's end, in any of its languages ("Please fix it. Sent from
# my iPhone", "... -- Regards", "נשלח מה-iPhone שלי", "Στάλθηκε από το iPhone μου"): a helpdesk's
# tickets carry them, and read they grouped posts by e-mail template and labelled topics
# "Regards" and "Sent iPhone" (review 12, R12-25). ``text_read`` leaves them out. One at a time,
# from the end (``strip_sign_offs``): a pattern repeating them backtracked exponentially on a
# post of many "regards" and spaces.
SIGN_OFF = re.compile(r"\s*(?:(?:--|—)\s*)?\b(?:"
                      + "|".join(p for language in (en, he, el) for p in language.SIGN_OFFS)
                      + r")[\s.,!]*$", re.IGNORECASE)
SIGN_OFFS_AT_MOST = 3  # "-- Best regards, Sent from my iPhone" is two
_ASCII_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]+(?![A-Za-z0-9])")
_ADDRESS = re.compile(rf"{URL}|{EMAIL}|@\w+|#\w+", re.IGNORECASE)


def detect_language(text: str) -> tuple[str, bool]:
    """Return (language, is_greeklish) for one text.

    Example:
        >>> detect_language("הלב נחמץ https://www.ynet.co.il/news/article/hypothetical-story")
        ('he', False)
    """
    words = PLACED.sub(" ", _ADDRESS.sub(" ", text))
    text = words if any(c.isalpha() for c in words) else text
    counts: dict[str, int] = {}
    for char, n in Counter(text).items():  # each distinct character once
        script = _script(char)
        if script:
            counts[script] = counts.get(script, 0) + n
    if not counts:
        return "und", False
    script = max(counts, key=counts.get)
    # English words inside Hebrew or Greek sentences are common ("האפליקציה עושה crash"); the
    # reverse is rarer, so a substantial share of Hebrew or Greek letters decides the language.
    native = max(("he", "el"), key=lambda s: counts.get(s, 0))
    if script == "latin" and counts.get(native, 0) >= NATIVE_SHARE * sum(counts.values()):
        return native, False
    if script == "latin":
        return _latin_language(text)
    return script, False


def detect_languages(posts: pd.DataFrame) -> pd.DataFrame:
    """Add ``lang`` and ``greeklish``; a ``lang_hint`` from the input wins where it is a known code."""
    out = posts.copy()
    found = out["text_norm"].fillna("").map(detect_language)
    out["lang"] = found.map(lambda r: r[0]).astype("string")
    out["greeklish"] = found.map(lambda r: r[1]).astype("boolean")
    hint = out["lang_hint"].str.lower().str.slice(0, 2).replace({"iw": "he", "gr": "el"})
    known = hint.isin(LANGS)
    out.loc[known, "lang"] = hint[known]
    out.loc[known & (hint != "el"), "greeklish"] = False
    return out


def transliterate_greeklish(posts: pd.DataFrame, keep: Iterable[str] = ()) -> pd.DataFrame:
    """Add ``text_read``, the text the analysis reads: ``text_norm`` without its pseudonyms (and
    their @) and without a sign-off or device footer at its end (``SIGN_OFF``), with a post
    detected as
    Greeklish (``greeklish``) in Greek letters (``el.greeklish_to_greek``; the words of ``keep``,
    the brand's terms, stay as written, and so do foreign words, ``el.foreign_word``: among them
    the Latin words that the frame's other posts write, English posts and Latin words inside
    Greek-script ones, so that "restart" is not read "ρεσταρτ", unless the frame's Greek-script
    posts write the word in Greek letters too: "kovetai" for κόβεται). English and every other
    post are read as written. ``text_read`` is null where it would repeat ``text_norm``: read it
    through ``texts_read``.

    Example:
        >>> posts = pd.DataFrame({"text_norm": ["h efarmogh kollaei", "the app crashes"],
        ...                       "greeklish": pd.array([True, False], dtype="boolean")})
        >>> texts_read(transliterate_greeklish(posts)).tolist()
        ['η εφαρμογη κολλαει', 'the app crashes']
    """
    out = posts.copy()
    words = frozenset(w.lower() for term in keep for w in term.split())
    greeklish = out["greeklish"].fillna(False).to_numpy(dtype=bool)
    out["text_read"] = out["text_norm"].astype("string")
    texts = out["text_norm"].fillna("")
    # what the run's other posts write in Latin and in Greek letters (read only when needed)
    others = texts[~greeklish] if greeklish.any() else texts[:0]
    english = latin_words(others)
    greek = {el.skeleton(el.fold(w)) for w in {w for text in others
                                                for w in _GREEK_WORD.findall(text)}}
    out.loc[greeklish, "text_read"] = [el.greeklish_to_greek(t, words, english, greek)
                                       for t in texts[greeklish]]
    # A pseudonym is not read: what a post says cannot depend on the privacy salt (with another
    # salt, "@member-6c5705a1 תעני לי בפרטי" embedded otherwise, and a Hebrew chat's 3 topics
    # became 6: review 11, R11-2), nor on whom it names (one token for every pseudonym drew the
    # posts that mention a member together, whatever they said).
    named = out["text_read"].str.contains(_PSEUDONYM, na=False)
    out.loc[named, "text_read"] = (out.loc[named, "text_read"]
                                   .str.replace(_PSEUDONYM, "", regex=True).str.strip())
    signed = out["text_read"].str.contains(SIGN_OFF, na=False)
    out.loc[signed, "text_read"] = [strip_sign_offs(t) for t in out.loc[signed, "text_read"]]
    # Kept only where it differs: most posts are read as written, and a second copy of every
    # text is 26 MB at 100k posts, held by every frame of posts (README "Scale").
    same = (out["text_read"] == out["text_norm"]).fillna(True).to_numpy(dtype=bool)
    out.loc[same, "text_read"] = pd.NA
    return out


def strip_sign_offs(text: str) -> str:
    """``text`` without the sign-offs and device footers at its end (``SIGN_OFF``), unless they
    are all it says.

    Example:
        >>> strip_sign_offs("The app logs me out -- Best regards, Sent from my iPhone")
        'The app logs me out'
    """
    read = text
    for _ in range(SIGN_OFFS_AT_MOST):
        cut = SIGN_OFF.sub("", read, count=1)
        if cut == read:
            break
        read = cut
    return read or text


def latin_words(texts: Iterable[str]) -> set[str]:
    """The Latin words of ``texts`` in lower case (letters glued to digits, links, handles,
    pseudonyms and masks left out).

    Example:
        >>> sorted(latin_words(["το ρούτερ κάνει Restart", "see https://x.com @bob"]))
        ['restart', 'see']
    """
    words = {w for text in texts for w in _ASCII_WORD.findall(PLACED.sub(" ", _ADDRESS.sub(" ", text)))}
    return {w.lower() for w in words}


def texts_read(posts: pd.DataFrame) -> pd.Series:
    """The texts the analysis reads: ``text_read`` (``transliterate_greeklish``) where it is
    set, ``text_norm`` elsewhere (a post read as written, or a frame built without the language
    stage: a table of posts given to a stage). Read ``text_read`` through this only: it is null
    where it would repeat ``text_norm``.

    Example:
        >>> posts = pd.DataFrame({"text_norm": ["h efarmogh kollaei", "the app crashes"],
        ...                       "text_read": pd.array(["η εφαρμογη κολλαει", None], "string")})
        >>> texts_read(posts).tolist()
        ['η εφαρμογη κολλαει', 'the app crashes']
    """
    if "text_read" not in posts:
        return posts["text_norm"].fillna("")
    return posts["text_read"].fillna(posts["text_norm"]).fillna("")


def read_in_greek(posts: pd.DataFrame) -> list[bool]:
    """Which posts ``texts_read`` gives in Greek letters read from Greeklish (``greeklish``)."""
    if "text_read" not in posts or "greeklish" not in posts:
        return [False] * len(posts)
    return posts["greeklish"].fillna(False).astype(bool).tolist()
