"""Tokens for counting, one interface for every language.

``TextAnalyzer`` turns a post into (counting key, surface) pairs. spaCy's blank tokenizer for the
post's language splits it (hebrew-tokenizer re-splits Hebrew words glued by punctuation, digits or
Latin letters, as in ``בSMS`` or ``תודה.ממש``), then each word gets one key shared by its
spellings and inflections, by its script:

- Hebrew: niqqud removed, geresh and gershayim unified (``צה״ל`` = ``צה"ל``), a prefix stack
  stripped where the rest is a known word (``והמשלוח`` → ``משלוח``, but ``שלום`` stays);
- Greek: case, accents and final sigma folded, then stemmed (``ΕΦΑΡΜΟΓΕΣ`` → ``εφαρμογ``);
- Latin letters in a Greek post written in Latin letters (Greeklish): mapped to Greek first
  (``paragelia`` → ``παραγγελ``); other Latin words: English lemmas (``crashed`` → ``crash``).

Stop words, chat fillers (``חחח``, ``χαχα``, ``lol``), platform words and placeholders
(``<Media omitted>``), numbers, URLs, e-mails, @mentions and emoji are left out. ``fit`` learns the
corpus vocabulary that attests Hebrew prefix splits, English lemmas and Greeklish words.
``Surfaces`` keeps the most frequent original spelling of each key, for display.

Example:
    >>> analyzer = TextAnalyzer().fit(["Η ΕΦΑΡΜΟΓΗ δεν ανοίγει!"], ["el"])
    >>> analyzer.tokens("Η ΕΦΑΡΜΟΓΗ δεν ανοίγει!", "el")
    [('εφαρμογ', 'ΕΦΑΡΜΟΓΗ'), ('ανοιγ', 'ανοίγει')]
"""
from __future__ import annotations

import contextlib
import io
import re
import sys
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from functools import lru_cache

import numpy as np
import pandas as pd

from mining.lang import LANGS, LANGUAGES, MASKS, PSEUDONYM, el, en, he
from mining.lang.language import STRETCHED, squeeze
from mining.normalize import EMAIL, URL, clean_text, strip_niqqud

# Removed before tokenizing so that none of their parts becomes a word: placeholders of chat
# exports (<Media omitted>, <המדיה לא נכללה>), emoji shortcodes (Slack's, Discord's and
# Discourse's :rage:, :pepehands:), the privacy stage's masks ([phone]) and member
# pseudonyms (member-1aae0ee2, whose hex would read as "aae" and "ee"), e-mails, links with a
# scheme, www. or a path after a domain (zoom.us/j/123, t.co/xyz), bare domains of common
# endings, @handles and #hashtags with the word that hands a post on to them ("cc @dana",
# "via @x", "h/t @y"), and a support agent's initials signing a reply: "^AC" anywhere, "-AD" or
# "- AD" closing a post (before its links).
_NOISE = re.compile(
    rf"<[^<>\n]{{1,80}}>|{MASKS}|\[(?:link|url|user|name)\]|@?{PSEUDONYM}"
    r"|(?<!\w):[a-z0-9_+\-]*[a-z][a-z0-9_+\-]*:(?!\w)"
    r"|\^[A-Za-z]{1,3}\b|(?<!\S)[-–—~]\s?[A-Z]{2,3}(?=\s*(?:(?:https?://|www\.)\S+\s*)*$)"
    rf"|{EMAIL}|{URL}|(?<![\w.-])(?:[\w-]+\.)+[a-z]{{2,6}}/\S*"
    r"|\b(?:[\w-]+\.)+(?:com|org|net|io|ly|gl|gr|il|co|me|us|uk|tv|app|info|edu|gov)\b"
    r"|(?:\b(?:cc|via|h/t|ht|rt):?\s+)?[@#][\w.\-]*\w", re.IGNORECASE)
# A word: letters, with geresh or gershayim inside (צה"ל, צה''ל, ג'ירפה) or closing ג' ז' צ' ת'
# (קוטג').
_WORD = re.compile(r"[^\W\d_]+(?:(?:''|['\"׳״])[^\W\d_]+)*(?:(?<=[גזצץת])['׳])?")
# A short code of Latin letters and digits names a thing as a word does (2FA, 5G, 4K, MP3, H264):
# its letters alone ("FA") named nothing (review 10 R10-11). Longer ones are ids and order codes.
_CODE = re.compile(r"(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z\d]{2,5}")
_HEBREW = re.compile(r"[\u05d0-\u05ea]")
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_LATIN = re.compile(r"[a-zA-Z]")
_LATIN_WORD = re.compile(r"[a-z]+")
# A Hebrew token holding more than a word: punctuation, digits or Latin letters (תודה.ממש, ב-10).
_GLUED = re.compile(r"[^\u05d0-\u05ea'\"׳״]")
# English contractions that the Greek and Hebrew tokenizers leave on the word (it's, wasn't).
_CONTRACTION = re.compile(r"(?:n't|'(?:s|re|ve|ll|d|m))$")


def _respell(surface: str, kind: str, squeezed: str) -> str:
    """The surface spelling of a stretched word as its squeezed key reads it (ענקקק → ענק,
    Sooo → So), so that keywords never show the stretch."""
    surface = he.FINAL_RUN.sub(r"\1", surface)
    if not STRETCHED.search(surface):
        return surface
    one = STRETCHED.sub(r"\1", surface)
    return one if _normalize(kind, one) == squeezed else STRETCHED.sub(r"\1\1", surface)


@lru_cache(maxsize=None)
def _tokenizer(lang: str):
    import spacy

    return spacy.blank(lang if lang in LANGS else "xx").tokenizer


@lru_cache(maxsize=None)
def _hebrew_tokenize():
    # hebrew-tokenizer's import prints the working directory and appends it to sys.path; keep
    # both out of a batch job's output and import path. It also imports the deprecated
    # sre_constants and builds a pattern newer Pythons warn about; neither affects its output.
    path = list(sys.path)
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        from hebrew_tokenizer import tokenize
    sys.path[:] = path
    return tokenize


def _split_glued(token: str) -> list[str]:
    """hebrew-tokenizer's split of a glued Hebrew token, with what it drops put back.

    It drops emoji, ``@`` and stretched words, and cuts at ``׳``, ``״`` and ``''``, so it reads a
    copy with ASCII geresh and gershayim (of the same length) and the pieces are cut from the
    original.
    """
    ascii_copy = token.translate(he.GERESH_TO_ASCII).replace("''", '""')
    pieces, end = [], 0
    for _, _, _, (start, stop) in _hebrew_tokenize()(ascii_copy):
        pieces += token[end:start].split()
        pieces.append(token[start:stop])
        end = stop
    return pieces + token[end:].split()


def _words(text: str, lang: str) -> Iterator[tuple[str, str]]:
    """(kind, surface) for each word of a post; the kind says how the word is analyzed."""
    text = _NOISE.sub(" ", strip_niqqud(clean_text(text)))
    greeklish = lang == "el" and _is_greeklish(text)
    for token in _tokenizer(lang)(text):
        if token.is_space or token.like_num:
            continue
        glued = _HEBREW.search(token.text) and _GLUED.search(token.text)
        for piece in _split_glued(token.text) if glued else (token.text,):
            if _CODE.fullmatch(piece):
                yield "en", piece
                continue
            for match in _WORD.finditer(piece):
                surface = match.group()
                if _HEBREW.match(surface):
                    yield "he", surface
                elif _GREEK.match(surface):
                    yield "el", surface
                elif _LATIN.match(surface):
                    yield "greeklish" if greeklish or (
                        lang == "el" and _greek_in_latin(surface.lower())) else "en", surface
                else:
                    yield "other", surface


def _greek_in_latin(word: str) -> bool:
    """Whether a Latin word of a Greek-script post is Greek in Latin letters ("Paidia το ρούτερ
    κάμνει restart": paidia is παιδιά, restart is English), by ``el.spells_greek``."""
    return word not in el.LATIN_LOANWORDS and el.spells_greek(word)


def _is_greeklish(text: str) -> bool:
    """Whether a post tagged Greek is Greek written in Latin letters, not English (a Greek group's
    export may tag every post Greek): more Latin than Greek letters, at least as many Greeklish
    words as English stop words, and some Greeklish word if Greek letters are there too."""
    greek = len(_GREEK.findall(text))
    if len(_LATIN.findall(text)) <= greek:
        return False
    words = _LATIN_WORD.findall(text.lower())
    greeklish = sum(w in el.GREEKLISH_WORDS for w in words)
    return greeklish >= sum(w in en.STOP_WORDS for w in words) and (greeklish > 0 or greek == 0)


_HE, _EL, _EN = (LANGUAGES[code] for code in ("he", "el", "en"))


def _normalize(kind: str, surface: str) -> str:
    """A word as its language counts it; Latin letters (Greeklish too) as English does."""
    return LANGUAGES.get(kind, _EN).normalize(surface if kind in ("he", "el") else surface.lower())


def _hashed(texts: list[str], langs: list[str], block: int = 8192) -> np.ndarray:
    """A hash of each post's language and text, a block of posts at a time (a key per post
    for every post at once would copy every text)."""
    return np.concatenate([np.array([], dtype=np.uint64)] + [
        pd.util.hash_array(np.asarray([f"{lang}\0{text}" for text, lang in
                                       zip(texts[i:i + block], langs[i:i + block])], dtype=object))
        for i in range(0, len(texts), block)])


class WordCache:
    """Each post's (kind, surface) words (``_words``, the split that is most of tokenizing's
    cost), by a hash of its language and text: a weekly run splits its new posts only, and keeps
    the words of its own posts (``used``) for the next (``mining.increment.save_model``).

    Example:
        >>> cache = WordCache()
        >>> cache.words(["the app crashed"], ["en"])
        [[('en', 'the'), ('en', 'app'), ('en', 'crashed')]]
        >>> len(WordCache(cache.arrays()).known)
        1
    """

    def __init__(self, arrays: dict[str, np.ndarray] | None = None) -> None:
        """``arrays``: what ``arrays`` returned (``hashes``, ``offsets`` into ``ids``, which
        index ``kinds`` and ``surfaces``)."""
        self.known: dict[int, list[tuple[str, str]]] = {}
        self.used = np.array([], dtype=np.uint64)
        # One tuple per distinct (kind, surface) word, shared by every post that holds it: a
        # post's words are then a list of references (8 bytes a word), not a tuple and a string
        # of their own (about 115 bytes a word: 610 MB more at 100k posts, README "Scale").
        self._shared: dict[tuple[str, str], tuple[str, str]] = {}
        if arrays:
            vocab = list(zip(arrays["kinds"].tolist(), arrays["surfaces"].tolist()))
            self._shared = {pair: pair for pair in vocab}
            ids, offsets = arrays["ids"].tolist(), arrays["offsets"].tolist()
            self.known = {h: [vocab[i] for i in ids[a:b]] for h, a, b in
                          zip(arrays["hashes"].tolist(), offsets[:-1], offsets[1:])}

    def words(self, texts: list[str], langs: list[str]) -> list[list[tuple[str, str]]]:
        """Each post's words, split where not known; its posts become ``used``."""
        self.used = _hashed(texts, langs)
        shared = self._shared
        out = []
        for key, text, lang in zip(self.used.tolist(), texts, langs):
            if key not in self.known:
                self.known[key] = [shared.setdefault(pair, pair) for pair in _words(text, lang)]
            out.append(self.known[key])
        return out

    def arrays(self) -> dict[str, np.ndarray]:
        """The words of the ``used`` posts as arrays (a vocabulary and indices into it)."""
        hashes = list(dict.fromkeys(self.used.tolist()))
        vocab: dict[tuple[str, str], int] = {}
        ids = [vocab.setdefault(pair, len(vocab)) for h in hashes for pair in self.known[h]]
        offsets = np.cumsum([0] + [len(self.known[h]) for h in hashes])
        return {"hashes": np.array(hashes, dtype=np.uint64), "offsets": offsets.astype(np.int64),
                "ids": np.array(ids, dtype=np.int32),
                "kinds": np.array([k for k, _ in vocab], dtype=object),
                "surfaces": np.array([w for _, w in vocab], dtype=object)}


# No word of these languages runs longer ("internationalization", "αντισυνταγματικότητα": 20): a
# longer token is an id, a hash or a key pasted from a log, never a keyword (review 13 R13-7: a
# Chrome extension's id, "fmkadmapgofadopljbjfkapdkoienihi", labelled a challenge).
MAX_WORD_CHARS = 24


class TextAnalyzer:
    """Per-language tokenization and analysis for counting, fitted on a corpus.

    Args:
        min_count: how often a word must occur in the fitted corpus to attest a Hebrew prefix
            split (words of the shipped list attest on their own).
        min_share: and at least this share of the prefixed form's count, so that שמח (happy, 117
            times) is not read as ש+מח (brain, 4 times) while המדינה (420) is ה+מדינה (106).

    Attributes:
        vocab_: occurrences of each word form in the fitted corpus, by kind (``he``, ``el``,
            ``en`` for Latin letters, ``greeklish`` for Latin letters in Greeklish posts).
        greek_words_: Greek word for each Greeklish skeleton (shipped list, stop words, corpus).
        greek_stems_: Greek stem for each skeleton of a stem, for inflected Greeklish.
        firsts_: the counting key of each post's first word, by ``fit_tokens`` (None: a stop
            word, or no word); ``mining.topics.describe.openers`` reads them.
    """

    def __init__(self, min_count: int = 2, min_share: float = 0.2) -> None:
        self.min_count = min_count
        self.min_share = min_share

    def fit(self, texts: list[str], langs: list[str]) -> TextAnalyzer:
        """Learn the corpus vocabulary and the Greeklish lexicon.

        Args:
            texts: the posts (``text_norm``).
            langs: their languages (``lang``: he, el, en, other, und).
        """
        return self._fit_words(Counter(pair for text, lang in zip(texts, langs)
                                       for pair in _words(text, lang)))

    def fit_tokens(self, texts: list[str], langs: list[str], words: WordCache | None = None
                   ) -> list[list[tuple[str, str]]]:
        """``fit``, then each post's ``tokens``, reading each post once (``fit`` and then
        ``tokens`` for every post would split every post twice; the split is most of the cost).
        ``words``: the posts an earlier run split, not split again (``WordCache``).

        Example:
            >>> TextAnalyzer().fit_tokens(["המשלוח לא הגיע", "והמשלוח הגיע"], ["he", "he"])[1]
            [('משלוח', 'והמשלוח'), ('הגיע', 'הגיע')]
        """
        words = (words or WordCache()).words(texts, langs)  # one tuple per distinct word
        self._fit_words(Counter(pair for post in words for pair in post))
        self.firsts_ = [next(iter(self._pairs(post[:1])), (None,))[0] for post in words]
        return [self._pairs(post) for post in words]

    def _fit_words(self, surfaces: Counter) -> TextAnalyzer:
        """Learn from the count of each (kind, surface) word of the corpus."""
        self.vocab_: dict[str, Counter] = {k: Counter() for k in (*LANGS, "greeklish")}
        for (kind, surface), n in surfaces.items():
            if kind in self.vocab_:
                self.vocab_[kind][_normalize(kind, surface)] += n
        greek = Counter(dict.fromkeys(el.WORDS | el.STOP_WORDS, 1)) + self.vocab_["el"]
        stems: Counter = Counter()
        for word, n in greek.items():
            if word not in el.STOP_WORDS:
                stems[el.stem(word)] += n
        self.greek_words_ = _most_frequent_by(greek, el.skeleton)
        self.greek_stems_ = _most_frequent_by(stems, el.skeleton)
        self._keys: dict[tuple[str, str], tuple[str | None, str]] = {}
        return self

    def tokens(self, text: str, lang: str) -> list[tuple[str, str]]:
        """(counting key, surface form) pairs of the words worth counting in ``text``, in order;
        a stretched word's surface is shown unstretched (``ענקקק`` → ``ענק``).

        Example:
            >>> TextAnalyzer().fit(["המשלוח לא הגיע"], ["he"]).tokens("והמשלוח לא הגיע", "he")
            [('משלוח', 'והמשלוח'), ('הגיע', 'הגיע')]
        """
        if not hasattr(self, "vocab_"):
            raise RuntimeError("TextAnalyzer is not fitted; call fit first")
        return self._pairs(_words(text, lang))

    def _pairs(self, words) -> list[tuple[str, str]]:
        """(counting key, surface form) of the (kind, surface) ``words`` worth counting."""
        pairs = []
        for kind, surface in words:
            if (kind, surface) not in self._keys:
                word = self._unstretched(kind, _normalize(kind, surface))
                self._keys[kind, surface] = (self._key(kind, word), _respell(surface, kind, word))
            pair = self._keys[kind, surface]  # one tuple per distinct word, shared by every post
            if pair[0] is not None:
                pairs.append(pair)
        return pairs

    def is_stop(self, key: str) -> bool:
        """Whether a word or key is a stop word, chat filler or platform word in any language.

        Example:
            >>> TextAnalyzer().is_stop("כשאני"), TextAnalyzer().is_stop("ΧΑΧΑΧΑ")
            (True, True)
        """
        word = squeeze(el.fold(he.canonical(key)), *(lang.stop_words for lang in LANGUAGES.values()))
        return any(lang.is_stop(word) for lang in LANGUAGES.values())

    def _unstretched(self, kind: str, word: str) -> str:
        """A normalized word with its stretching undone (``language.squeeze``)."""
        if kind == "he":
            return squeeze(he.FINAL_RUN.sub(r"\1", word), he.STOP_WORDS, he.WORDS,
                           self.vocab_["he"], prefer_one=True)
        if kind == "el":
            return squeeze(el.STRETCHED_VOWEL.sub(r"\1", word), el.STOP_WORDS, self.vocab_["el"])
        if kind in ("en", "greeklish"):
            return squeeze(word, en.STOP_WORDS, self.vocab_[kind])
        return word

    def _key(self, kind: str, word: str) -> str | None:
        """The counting key of an unstretched normalized word, or None when it is not worth
        counting (a token longer than any word: ``MAX_WORD_CHARS``)."""
        if len(word) > MAX_WORD_CHARS:
            return None
        if kind == "he":
            return self._hebrew_key(word)
        if kind == "el":
            return _greek_key(word)
        if kind == "greeklish":
            return self._greeklish_key(word)
        if kind == "en":
            return self._english_key(word)
        return word if len(word) >= 2 else None

    def _hebrew_key(self, word: str) -> str | None:
        vocab = self.vocab_["he"]
        if len(word) < 2 or _HE.is_stop(word):
            return None

        def split(w: str) -> str:
            return he.split_prefix(w, lambda rest, prefixed: vocab[rest] >= max(
                self.min_count, self.min_share * vocab[prefixed]))

        # A prefix the corpus could not attest on the plural may be attested on the singular
        # (הנשיאים → הנשיא → נשיא), so the prefixes are split again after folding.
        key = split(he.fold_inflection(split(word), vocab, self.min_count, self.min_share))
        return None if _HE.is_stop(key) else key

    def _english_key(self, word: str) -> str | None:
        vocab = self.vocab_["en"]
        word = _CONTRACTION.sub("", word)
        if len(word) < 2 or _EN.is_stop(word):
            return None
        lemma = en.lemmatize(word, vocab)
        return None if lemma in en.STOP_WORDS else lemma

    def _greeklish_key(self, word: str) -> str | None:
        """Greek for a Latin word of a Greeklish post: a known Greek word with its skeleton, else
        the English word if it is a foreign word (``el.foreign_word``: a loanword, a word the
        corpus writes outside Greeklish posts, or one no Greek word could be: restart, sync) or
        English posts use it more, else letter-by-letter Greek (matched to a known stem where one
        has its skeleton)."""
        if word in el.GREEKLISH_ALIASES:
            return _greek_key(el.GREEKLISH_ALIASES[word])
        if _EN.is_stop(word) or self.vocab_["en"][word] > self.vocab_["greeklish"][word] \
                or el.foreign_word(word, self.vocab_["en"], self.greek_words_):
            return self._english_key(word)
        readings = el.readings(word)
        for latin in readings:
            if el.skeleton(latin) in self.greek_words_:
                return _greek_key(self.greek_words_[el.skeleton(latin)])
        stems = []
        for latin in readings:
            greek = el.to_greek(latin)
            if len(greek) < 2 or _EL.is_stop(greek):
                return None
            stems.append(el.stem(greek))
        known = [self.greek_stems_[el.skeleton(s)] for s in stems if el.skeleton(s) in self.greek_stems_]
        return known[0] if known else stems[0]


def _greek_key(word: str) -> str | None:
    if len(word) < 2 or _EL.is_stop(word):
        return None
    stem = el.stem(word)
    return None if stem in el.STOP_WORDS else stem


def _most_frequent_by(counts: Counter, group: Callable[[str], str]) -> dict[str, str]:
    """For each group, its most frequent member (ties: the alphabetically first)."""
    best: dict[str, str] = {}
    for word, n in sorted(counts.items(), key=lambda wn: (-wn[1], wn[0])):
        best.setdefault(group(word), word)
    return best


class Surfaces:
    """The most frequent original spelling of each counting key."""

    # What a spelling of a post read from Greeklish counts for: any Greek-script spelling of the
    # word shows before it, and among such spellings alone the most frequent still shows.
    READ_WEIGHT = 1e-6

    def __init__(self) -> None:
        self._counts: dict[str, Counter] = defaultdict(Counter)

    def add(self, pairs: list[tuple[str, str]], read: bool = False) -> None:
        """Count a post's (key, surface) pairs; ``read``: the post was read from Greeklish (its
        Greek spellings are a transliteration, without accents)."""
        weight = self.READ_WEIGHT if read else 1
        for key, surface in pairs:
            self._counts[key][surface] += weight

    def display(self, key: str) -> str:
        counts = self._counts.get(key)
        return most_used(counts) if counts else key

    def written(self, key: str) -> dict[str, float]:
        """The spellings of ``key`` that posts wrote (not only a reading of Greeklish), with
        their uses."""
        return {s: n for s, n in self._counts.get(key, {}).items() if n >= 1}


def most_used(counts: dict[str, float]) -> str:
    """The spelling used most (``counts``: spelling -> uses), one that is not all capitals
    when it is about as common: "crash" over "CRASH", but "PIN" 12 times over "pin" 3.

    Example:
        >>> most_used({"PIN": 12, "pin": 3}), most_used({"CRASH": 3, "crash": 2})
        ('PIN', 'crash')
    """
    return max(counts.items(), key=lambda kv: (kv[1] * (0.5 if kv[0].isupper() else 1), kv[0]))[0]
