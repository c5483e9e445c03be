"""The language object: everything `mining` knows about one language, in one place.

As in spaCy's ``lang/`` subpackages, each language's module (``he.py``, ``el.py``, ``en.py``)
holds its data and builds one ``Language``; ``mining.lang.LANGUAGES`` lists them, and every
stage reads a language's stop words, word folding, cue lexicons, chat-noise lexicons and the
placeholders its exports write from there.

Example:
    >>> from mining.lang import LANGUAGES
    >>> LANGUAGES["el"].is_stop("χαχαχα"), LANGUAGES["he"].normalize("צה״ל")
    (True, 'צה"ל')
"""
from __future__ import annotations

import re
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass, field

from mining.normalize import fold_text

NOISE_KINDS = ("laughter", "greeting", "thanks", "presence", "reaction", "invite", "link")
STRETCHED = re.compile(r"(.)\1\1+")


def squeeze(word: str, *known: Container[str], prefer_one: bool = False) -> str:
    """Undo stretching (סבבבבה, lolll, sooo): runs of three or more letters become two or one,
    whichever is ``known`` (two when both are), else two, or one with ``prefer_one`` (Hebrew,
    whose spelling doubles few letters: ענקקק → ענק).

    Example:
        >>> squeeze("thaaanks", {"thanks"}), squeeze("sooo", set())
        ('thanks', 'soo')
    """
    if not STRETCHED.search(word):
        return word
    two = STRETCHED.sub(r"\1\1", word)
    one = STRETCHED.sub(r"\1", word)
    two_known, one_known = any(two in k for k in known), any(one in k for k in known)
    if one_known and not two_known:
        return one
    return two if two_known or not prefer_one else one


def word_set(words: str, normalize: Callable[[str], str] = str) -> frozenset[str]:
    """A whitespace-separated word list, folded (``fold_text``, then ``normalize``) as posts are.

    Example:
        >>> sorted(word_set("Καλημέρα ΓΕΙΑ"))
        ['γεια', 'καλημερα']
    """
    return frozenset(normalize(fold_text(w)) for w in words.split())


@dataclass(frozen=True)
class NoiseLexicon:
    """Words of posts that carry no feedback, by kind (see ``mining.lang.noise``).

    Each set holds folded words (``Language.normalize`` of ``fold_text``). A word may sit in
    several kinds (``hi`` greets and checks presence); a post's kind is the one most of its words
    belong to.

    Attributes:
        laughter: laughter beyond the language's ``filler`` pattern (``lol``, ``lmao``).
        greeting: greetings, wishes and their addressees (good morning everyone).
        thanks: thanks and what goes with it (thanks a lot for the help).
        presence: checks whether anyone is there (are we still here, אתם שם).
        reaction: one-word answers and reactions (wow, nice, ok, same, agreed).
        invite: the words of pasted invitations (join, meeting, passcode, one tap mobile).
        link: the words that present a link (check this out, here is the link).
    """

    laughter: frozenset[str] = frozenset()
    greeting: frozenset[str] = frozenset()
    thanks: frozenset[str] = frozenset()
    presence: frozenset[str] = frozenset()
    reaction: frozenset[str] = frozenset()
    invite: frozenset[str] = frozenset()
    link: frozenset[str] = frozenset()

    def kinds(self, word: str) -> tuple[str, ...]:
        """The kinds a folded word belongs to."""
        return tuple(kind for kind in NOISE_KINDS if word in getattr(self, kind))


@dataclass(frozen=True)
class Language:
    """One language's data.

    Attributes:
        code: ISO 639-1 code, as in the ``lang`` column.
        name: English name, for reports.
        stop_words: folded words never counted as keywords (function words, chat fillers,
            platform words).
        function_words: the language's function words alone (spaCy's list): words that say
            nothing on their own, however a post uses them.
        filler: laughter and its stretched forms, matched whole on a folded word.
        normalize: a word as counted, after ``fold_text`` (Hebrew: geresh and gershayim in one
            spelling; Greek: final sigma as σ; English: as is).
        cues: feedback, sentiment, spam and abuse cue patterns by category (``mining.challenges.cues``).
        proclitics: letters a cue word may carry in front (Hebrew ו ה ש ב ל כ מ).
        noise: the chat-noise lexicons (``mining.lang.noise``).
        noise_prefixes: letters stripped from a word that is not in a noise lexicon (Hebrew ו:
            ותודה).
        extra_stop: a further stop-word test (Hebrew: a stop word behind a prefix, שזה, וגם).
        forms: the wording of issue and forum templates, (pattern, replacement): a template's
            prompts and instructions say nothing about the post, a prompt whose answer says what
            the post is becomes a declaration (``mining.challenges.cues.read_forms``).
    """

    code: str
    name: str
    stop_words: frozenset[str]
    function_words: frozenset[str]
    filler: re.Pattern[str]
    normalize: Callable[[str], str]
    cues: Mapping[str, list[tuple[str, float]]]
    proclitics: str = ""
    noise: NoiseLexicon = field(default_factory=NoiseLexicon)
    noise_prefixes: str = ""
    extra_stop: Callable[[str], bool] | None = None
    forms: tuple[tuple[str, str], ...] = ()

    def is_stop(self, word: str) -> bool:
        """Whether a normalized word is a stop word, a chat filler or a platform word.

        Example:
            >>> from mining.lang import LANGUAGES
            >>> LANGUAGES["he"].is_stop("כשאני"), LANGUAGES["en"].is_stop("crash")
            (True, False)
        """
        return (word in self.stop_words or bool(self.filler.fullmatch(word))
                or (self.extra_stop is not None and self.extra_stop(word)))

    def noise_kinds(self, word: str) -> tuple[str, ...]:
        """The noise kinds of a folded word: laughter if ``filler`` matches it, else the lexicons
        it is in, after undoing stretching (תודהההה, thaaanks) and a noise prefix (ותודה).

        Example:
            >>> from mining.lang import LANGUAGES
            >>> LANGUAGES["he"].noise_kinds("ותודהההה"), LANGUAGES["el"].noise_kinds("χαχαχα")
            (('thanks',), ('laughter',))
        """
        word = self.normalize(word)
        if self.filler.fullmatch(word):
            return ("laughter",)
        for form in (word, word[1:] if word[:1] in self.noise_prefixes and len(word) > 2 else ""):
            if form:
                kinds = self.noise.kinds(squeeze(form, *_sets(self.noise)))
                if kinds:
                    return kinds
        return ()

    @property
    def placeholders(self) -> tuple[str, ...]:
        """The whole-body placeholders and deletion notes the exports write in this language
        (``mining.ingest.strings``: one table for the readers and the filter)."""
        from mining.ingest.strings import placeholders  # the ingest package imports every reader

        return placeholders(self.code)


def _sets(noise: NoiseLexicon) -> tuple[frozenset[str], ...]:
    return tuple(getattr(noise, kind) for kind in NOISE_KINDS)
