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

Two more kinds of name word are found in the posts themselves (``names_in_posts``):

* a member's name written in another script: "דני" for a member "Dani M", "Νίκος" for "Nikos",
  "Dana" for "דנה". Each word is read into a script-neutral key (``name_key``: the consonants,
  with i and o for the vowels Hebrew writes and Greek and Latin write as i, y, ι, η, υ, ο, ω,
  ου) and a post's word in Hebrew may leave out an inner vowel (שמעון for Shimon);
* a first name of someone who is no member ("Σουζάνα", "Μαρία" in Greek tweets about a TV show):
  a Greek word the posts write capitalized and never use as an ordinary word (as above) that is
  a Greek first name of ``data/first_names_el.txt`` (its stem: "Μιχάλη" is Μιχάλης), or reads as
  a first name of ``data/first_names_en.txt`` (Σουζάνα as Suzanna, Βίκυ as Vicky). Both lists
  come from Faker (MIT, see ``data/SOURCES.md``). English first names are not looked for: the
  English list holds brands and places written alike (Chase, Alexa, Jordan, Sydney).
* a Hebrew first name of ``data/first_names_he.txt`` that the posts never use as an ordinary word
  (``hebrew_first_names_in_posts``): Hebrew has no capitals, so the evidence is the word's other
  forms (ישראל has ישראלים, ברוך has ברוכים, טובה has הטובה); being weaker, it keeps a name out
  of labels only.

Example:
    >>> sorted(names_used_as_names({"Dana", "Easy", "חיים", "דני"},
    ...        ["easy to order", "so easy", "Dana said so. dana?", "החיים יפים", "דני תודה"],
    ...        ["m1", "m2", "m1", "m3", "m4"]))
    ['Dana', 'דני']
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

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
    lower, capital, folds = defaultdict(list), Counter(), {}
    for text, writer in zip(texts, writers):
        for match in _TOKEN.finditer(text):
            word = match.group()
            if word.islower():
                lower[folds.get(word) or folds.setdefault(word, fold_text(word))].append(writer)
            elif word[:1].isupper() and not word.isupper():
                before = text[:match.start()]
                if before.strip() and not _SENTENCE_END.search(before):
                    capital[folds.get(word) or folds.setdefault(word, fold_text(word))] += 1
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


# --- Names in another script, and first names of people who are no member ---------------------

DATA = Path(__file__).parent / "data"
MIN_KEY = 3  # letters of a name key below which two spellings say too little to match
MIN_LEXICON_KEY = 4  # and for a first name of the lists read across scripts
# Times a word read as an English first name is capitalized inside a sentence: once is often a
# word after a line break (Κάντε, Μόρια, Σερρών); a keyword is held by two posts anyway.
MIN_LEXICON_CAPITALS = 2
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_LATIN = re.compile(r"[a-z]")
# Each script's spellings of a sound, longest first, to the same letters: consonants as
# themselves (b for b, v, w, β, ב; p for p, f, φ, פ; s for s, z, sh, σ, ζ, ס, ש, ז; c for ts, tz,
# צ; k for c, k, q, κ, ק and a word-initial כ), i and o for the vowels, nothing for a, e, h and
# the gutturals, which the scripts write differently (ch, kh, χ, ח, כ inside a word, א, ה, ע).
_LATIN_KEY = (("sch", "s"), ("sh", "s"), ("ch", ""), ("kh", ""), ("ph", "p"), ("th", "t"),
              ("ck", "k"), ("tz", "c"), ("ts", "c"), ("gh", "g"), ("ou", "o"), ("a", ""),
              ("e", ""), ("h", ""), ("y", "i"), ("u", "o"), ("v", "b"), ("w", "b"), ("f", "p"),
              ("c", "k"), ("q", "k"), ("x", "ks"), ("z", "s"))
_GREEK_KEY = (("μπ", "b"), ("ντ", "d"), ("γκ", "g"), ("γγ", "g"), ("τσ", "c"), ("τζ", "c"),
              ("ου", "o"), ("ει", "i"), ("οι", "i"), ("αι", ""), ("α", ""), ("ε", ""), ("η", "i"),
              ("ι", "i"), ("υ", "i"), ("ο", "o"), ("ω", "o"), ("β", "b"), ("γ", "g"), ("δ", "d"),
              ("ζ", "s"), ("θ", "t"), ("κ", "k"), ("λ", "l"), ("μ", "m"), ("ν", "n"), ("ξ", "ks"),
              ("π", "p"), ("ρ", "r"), ("σ", "s"), ("ς", "s"), ("τ", "t"), ("φ", "p"), ("χ", ""),
              ("ψ", "ps"))
_HEBREW_KEY = (("וו", "b"), ("ג'", "j"), ("ז'", "j"), ("צ'", "c"), ("א", ""), ("ב", "b"),
               ("ג", "g"), ("ד", "d"), ("ה", ""), ("ו", "o"), ("ז", "s"), ("ח", ""), ("ט", "t"),
               ("י", "i"), ("כ", ""), ("ך", ""), ("ל", "l"), ("מ", "m"), ("ם", "m"), ("נ", "n"),
               ("ן", "n"), ("ס", "s"), ("ע", ""), ("פ", "p"), ("ף", "p"), ("צ", "c"), ("ץ", "c"),
               ("ק", "k"), ("ר", "r"), ("ש", "s"), ("ת", "t"))
_GREEK_VOWELS = (("αι", "e"), ("α", "a"), ("ε", "e"))
_LATIN_VOWELS = (("ae", "e"), ("a", "a"), ("e", "e"))
_DOUBLED = re.compile(r"(.)\1+")


def _script(word: str) -> str:
    return "he" if _HEBREW.search(word) else "el" if _GREEK.search(word) else "latin"


def _read(word: str, table: tuple[tuple[str, str], ...]) -> str:
    out, i = [], 0
    while i < len(word):
        for spelling, sound in table:
            if word.startswith(spelling, i):
                out.append(sound)
                i += len(spelling)
                break
        else:  # a Latin consonant, i or o as itself; anything else (an apostrophe) unread
            out.append(word[i] if "a" <= word[i] <= "z" else "")
            i += 1
    return _DOUBLED.sub(r"\1", "".join(out))


def name_key(word: str, vowels: bool = False) -> str:
    """A name's script-neutral reading, for matching its spellings in Latin, Greek and Hebrew
    letters (lossy on purpose: it keeps what the three scripts all write).

    Example:
        >>> name_key("Dani"), name_key("Danny"), name_key("דני"), name_key("Ντάνι")
        ('dni', 'dni', 'dni', 'dni')
        >>> name_key("Σουζάνα"), name_key("Suzanna"), name_key("Yossi"), name_key("יוסי")
        ('sosn', 'sosn', 'iosi', 'iosi')
    """
    word = unicodedata.normalize("NFC", fold_text(word).replace("׳", "'"))
    script = _script(word)
    if vowels:  # Greek and Latin spell a and e too: Σουζάνα is Suzanna, not Susie or Sosina
        if script == "el":
            return _read(word, _GREEK_VOWELS + _GREEK_KEY)
        return _read(word, _LATIN_VOWELS + _LATIN_KEY)
    if script == "he":
        word = word.translate(str.maketrans("", "", "\"״"))
        if word.startswith("כ"):
            word = "ק" + word[1:]  # a word-initial כ is k; inside a word it is mostly kh
        return _read(word, _HEBREW_KEY)
    if script == "el":
        return _read(word, _GREEK_KEY)
    return _read(word, _LATIN_KEY)


def _hebrew_matches(hebrew: str, other: str) -> bool:
    """Whether a Hebrew word's key spells another script's key, where Hebrew may leave an inner
    vowel unwritten (שמעון: smon for Shimon's simon) but writes a final i or o (דני, never דן, for
    Dani), and its ו is a v as well as an o (לוי for Levi). Either key has ``MIN_KEY`` letters or
    more: a shorter one (משה's ms for Moshe, מלך's ml against Michal's mil) matches too many
    words."""
    if len(hebrew) < MIN_KEY or len(other) < MIN_KEY:
        return False
    if hebrew == other:
        return True
    if hebrew[-1:] != other[-1:]:
        return False
    pattern = "".join(c + "?" if c in "io" and 0 < i < len(other) - 1 else "[bo]" if c == "b"
                      else c for i, c in enumerate(other))
    return re.fullmatch(pattern, hebrew) is not None


def _same_name(word_key: str, word_script: str, name_key_: str, name_script: str,
               least: int = MIN_KEY) -> bool:
    if word_script == name_script or len(name_key_) < least or len(word_key) < 2:
        return False
    if word_script == "he":
        return _hebrew_matches(word_key, name_key_)
    if name_script == "he":
        return _hebrew_matches(name_key_, word_key)
    return word_key == name_key_


_VOWELS_AND_V = str.maketrans("", "", "iob")


def other_script_spellings(names: Iterable[str], texts: Iterable[str]) -> set[str]:
    """The words of ``texts`` that spell one of ``names`` (members' name words) in another script.
    A name in Latin or Greek letters is read only when capitalized, as people write names: a
    lower-case one is a user name ("israel", "adi" among YouTube commenters), which nobody
    writes in Hebrew letters, and whose reading (ישראל) is an ordinary word.

    Example:
        >>> sorted(other_script_spellings({"Dani", "Μαρία"}, ["דני אתה מלך", "Maria said so",
        ...                                                   "דן ועדן באו"]))
        ['Maria', 'דני']
    """
    # Matching keys have the same consonants (Hebrew only leaves vowels out; its ו is o or v):
    # index by them.
    by_consonants: dict[str, list[tuple[str, str]]] = defaultdict(list)
    # A Hebrew name of a short key (דנה, טל, אבי) is read only in a capitalized word of the first-
    # name lists ("Dana", "Tal"): a short key matches too many words ("Dan" for דנה is a name too).
    short = set()
    for name in names:
        key = name_key(name)
        if len(key) >= MIN_KEY and (name[:1].isupper() or _script(name) == "he"):
            by_consonants[key.translate(_VOWELS_AND_V)].append((key, _script(name)))
        elif len(key) == MIN_KEY - 1 and _script(name) == "he":
            short.add(key)
    found = set()
    if not by_consonants and not short:
        return found
    listed = first_names("en") | first_names("el")
    for word in {w for text in texts for w in _TOKEN.findall(text)}:
        key = name_key(word)
        candidates = by_consonants.get(key.translate(_VOWELS_AND_V), ())
        if any(_same_name(key, _script(word), k, s) for k, s in candidates) or (
                key in short and word[:1].isupper() and word.capitalize() in listed):
            found.add(word)
    return found


@lru_cache(maxsize=None)
def first_names(lang: str) -> frozenset[str]:
    """The shipped first names of ``lang`` (``el``, ``en``), one a line in ``data/``."""
    path = DATA / f"first_names_{lang}.txt"
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


# A Greek first name's forms, by its ending (folded, final sigma as σ): Νίκος, Νίκου, Νίκο,
# Νίκε; Μιχάλης, Μιχάλη; Μαρία, Μαρίας.
_GREEK_CASES = (("οσ", ("ου", "ο", "ε")), ("ησ", ("η",)), ("ασ", ("α",)), ("ισ", ("ι", "ιδοσ")),
                ("α", ("ασ",)), ("η", ("ησ",)), ("ω", ("ωσ", "οσ")))


def greek_name_forms(name: str) -> set[str]:
    """A Greek name word's folded forms (``el.fold``) in the cases a post writes it in: the
    names lists here, and a member's full name in the privacy pass (``mining.privacy.names``).

    Example:
        >>> sorted(greek_name_forms("Νίκος")), sorted(greek_name_forms("Γεωργίου"))
        (['νικε', 'νικο', 'νικοσ', 'νικου'], ['γεωργιου'])
    """
    from mining.lang import el

    folded = el.fold(name)
    forms = {folded}
    for ending, others in _GREEK_CASES:
        if folded.endswith(ending):
            forms.update(folded[: -len(ending)] + other for other in others)
            break
    return forms


def first_names_in_posts(texts: Iterable[str], authors: Iterable[object] | None = None
                         ) -> set[str]:
    """Greek words of ``texts`` that are someone's first name (see the module's docstring): a
    form of a Greek first name (Μιχάλη, Νίκο, Μαρίας) that the posts capitalize (opening a post
    too: "Πάρις όταν δεις...", a name addressed), or a word read as an English one that they
    capitalize twice inside a sentence, and that they do not use as an ordinary word. Read
    across scripts, a and e count too (``name_key(..., vowels=True)``):
    without them Βρήκα, Σχολή or Μετρό read as English names.

    Example:
        >>> sorted(first_names_in_posts(["Η Σουζάνα πάλι έξω", "μπράβο Μαρία", "η ζωή είναι ωραία",
        ...                              "άντε Σουζάνα", "τι ζωή κι αυτή", "Αλλά η Ζωή μου",
        ...                              "την Κυριακή"]))
        ['Μαρία', 'Σουζάνα']
    """
    from mining.lang import el

    texts = list(texts)
    authors = list(authors) if authors is not None else [None] * len(texts)
    writers = [a if isinstance(a, str) and a else ("post", i) for i, a in enumerate(authors)]
    capital = _cased_uses(texts, writers)[1]
    greek = {w for text in texts for w in _TOKEN.findall(text)
             if _GREEK.match(w) and w[:1].isupper() and not w.isupper()}
    if not greek:
        return set()
    forms = {f for n in first_names("el") for f in greek_name_forms(n)}
    latin = {name_key(n, vowels=True) for n in first_names("en")}
    found = {w for w in greek if el.fold(w) in forms
             or (len(key := name_key(w, vowels=True)) >= MIN_LEXICON_KEY and key in latin
                 and capital[fold_text(w)] >= MIN_LEXICON_CAPITALS)}
    return names_used_as_names(found, texts, authors)


# Hebrew words that show a word of the first-name list used as an ordinary word: its forms with
# the definite article (האור), in the plural or the feminine (אורות, אהובה → אהוב), and the word
# after a negation (לא יאמן, "unbelievable"). A given name takes none of them.
_HEBREW_FINALS = str.maketrans("ךםןףץ", "כמנפצ")
_NEGATIONS = frozenset({"לא", "אין", "בלי"})
MIN_NEGATED = 2  # times a word follows a negation that make it an ordinary word


def _hebrew_forms(word: str) -> set[str]:
    """The plural and feminine forms of a Hebrew word (final letters made medial before an
    ending; a word ending in ה or ת also on its stem: טובה → טובות, טובים)."""
    base = word[:-1] + word[-1].translate(_HEBREW_FINALS)
    stems = {base} | ({word[:-1]} if word.endswith(("ה", "ת")) and len(word) > 2 else set())
    return {stem + ending for stem in stems for ending in ("ים", "ות", "ה", "ת")} - {word}


def hebrew_first_names_in_posts(texts: Iterable[str]) -> set[str]:
    """Hebrew words of ``texts`` that are a first name of ``data/first_names_he.txt`` (Faker,
    MIT) and that the posts never use as an ordinary word: never with the definite article, in
    the plural or feminine, nor after a negation. Without capitals this evidence is weaker than
    in Greek (a word the posts use only once or twice, such as אושר "happiness", may read as a
    name), so these names are kept out of labels only, not out of keywords
    (``mining.topics.describe``).

    Example:
        >>> sorted(hebrew_first_names_in_posts(["ראובן אתה הנשיא שלנו", "כל הכבוד ראובן",
        ...        "שיר נהדר", "השיר הזה", "טובה גדולה", "ימים טובים", "לא יאמן", "טל ותודה",
        ...        "זה לא ראובן", "לא יאמן!"]))
        ['טל', 'ראובן']
    """
    words, ordinary = hebrew_word_uses(texts)
    names = first_names("he") & words
    return {n for n in names if n not in ordinary}


def hebrew_word_uses(texts: Iterable[str]) -> tuple[set[str], set[str]]:
    """The Hebrew words of ``texts``, and those of them or of any word the posts show used as an
    ordinary word: with the definite article, in the plural or feminine (the word itself need
    not be there for its article form: השלום marks שלום), or twice after a negation. A word
    whose plural or feminine the texts hold (טובות, for טובה) is ordinary too.

    Example:
        >>> words, ordinary = hebrew_word_uses(["ימים טובים", "טובה גדולה", "כל הכבוד ראובן"])
        >>> "טובה" in ordinary, "כבוד" in ordinary, "ראובן" in ordinary
        (True, True, False)
    """
    words: set[str] = set()
    ordinary: set[str] = set()
    negated: Counter = Counter()
    for text in texts:
        tokens = [w for w in _TOKEN.findall(text) if _HEBREW.match(w)]
        words.update(tokens)
        negated.update(b for a, b in zip(tokens, tokens[1:]) if a in _NEGATIONS)
        for token in tokens:
            if match := _ARTICLE.fullmatch(token):
                ordinary.add(match.group(1))
    # a name may follow a negation once ("זה לא ראובן"); an ordinary word does so again
    ordinary.update(w for w, n in negated.items() if n >= MIN_NEGATED)
    ordinary.update(w for w in words if _hebrew_forms(w) & words)
    return words, ordinary


# --- Proper nouns, and the people among them ----------------------------------------------------

PROPER_USES = 2  # capitalized uses away from a sentence start that make a word a proper noun
# A Greek proper noun the posts put after σε (στην Αθήνα, στη Μύκονο) in this share of its
# capitalized uses or more is a place, not a person.
LOCATIVE_SHARE = 0.25
_GREEK_PLURALS = ("οι", "εσ", "ες")  # folded endings of a plural: a people or a group (Έλληνες, Τούρκοι)
_LOCATIVES = frozenset({"σε", "στο", "στη", "στην", "στον", "στα", "στις", "στους", "στου", "στης"})


def _capitalized_uses(texts: list[str]) -> tuple[dict[str, Counter], Counter, Counter,
                                                   set[tuple[str, str]]]:
    """Per folded word: its capitalized spellings away from a sentence start and how often each
    is written, how often it is written in lower case, and how often capitalized after σε; and
    the pairs of capitalized words written one after the other. A form is counted on its own
    (Σκουλός, Σκουλό): by stem, Έλληνες would count with Έλληνα, Τούρκοι with Τουρκία."""
    spellings, lower, locative, pairs = defaultdict(Counter), Counter(), Counter(), set()
    for text in texts:
        previous = None
        for match in _TOKEN.finditer(text):
            word = match.group()
            group = fold_text(word)
            if word.islower():
                lower[group] += 1
            elif word[:1].isupper() and not word.isupper():
                before = text[:match.start()]
                if before.strip() and not _SENTENCE_END.search(before):
                    spellings[group][word] += 1
                    locative[group] += previous is not None and fold_text(previous) in _LOCATIVES
                    if previous is not None and previous[:1].isupper() \
                            and text[match.start() - 1] == " ":
                        pairs.add((previous, word))
            previous = word
    return spellings, lower, locative, pairs


def _proper(spellings: dict[str, Counter], lower: Counter) -> set[str]:
    """The words capitalized ``PROPER_USES`` times at least, and more often than not."""
    return {g for g, seen in spellings.items()
            if (n := sum(seen.values())) >= PROPER_USES and n > lower[g]}


def proper_nouns(texts: Iterable[str]) -> set[str]:
    """The words of ``texts`` in Greek or Latin letters written as proper nouns: capitalized in
    most of their uses away from a sentence start, ``PROPER_USES`` times at least (as written
    so: "Καγιά", "Revolut"; "iPhone" is never capitalized so, and never one).

    Example:
        >>> sorted(proper_nouns(["η Καγιά πάλι", "ρε Καγιά", "Η ζωή", "τι ζωή", "με τη Ζωή μου"]))
        ['Καγιά']
    """
    spellings, lower, _, _ = _capitalized_uses(list(texts))
    return {w for g in _proper(spellings, lower) for w in spellings[g]}


def people_in_posts(texts: Iterable[str]) -> set[str]:
    """Proper nouns (``proper_nouns``) of ``texts`` that name people, found without a list of
    surnames:

    * in Greek letters, every proper noun but a place: brands and products are written in Latin
      letters in Greek posts (Revolut, Visa, iPhone), so a capitalized Greek word is a person
      ("ο Σκουλός", "η Καγιά"), a place, a people or a party; a place is told by σε before it
      (``LOCATIVE_SHARE``), a people or a group by a plural ending (``_GREEK_PLURALS``), and
      days and months are no one (``el.CALENDAR_STEMS``);
    * in Latin letters, where most proper nouns are brands and products (WhatsApp, Revolut,
      Visa), only a full name inside a sentence: a proper noun written after a first name of the
      shipped lists that is a proper noun too ("Rubi Rivlin"), both words.

    Example:
        >>> sorted(people_in_posts(["η Καγιά πάλι", "ρε Καγιά", "στην Αθήνα", "η Αθήνα",
        ...        "στην Αθήνα ξανά", "with Revolut", "via Revolut", "president Rubi Rivlin", "thanks Rubi Rivlin"]))
        ['Rivlin', 'Rubi', 'Καγιά']
    """
    from mining.lang import el

    spellings, lower, locative, pairs = _capitalized_uses(list(texts))
    proper = _proper(spellings, lower)
    people = set()
    for group in proper:
        seen = spellings[group]
        uses = sum(seen.values())
        plural = sum(n for w, n in seen.items() if el.fold(w).endswith(_GREEK_PLURALS))
        if _GREEK.match(group) and el.stem(el.fold(group)) not in el.CALENDAR_STEMS \
                and 2 * plural <= uses \
                and locative[group] < LOCATIVE_SHARE * uses:
            people |= set(seen)
    known = first_names("en") | first_names("el")
    for first, second in pairs:
        if first in known and {fold_text(first), fold_text(second)} <= proper \
                and not _GREEK.match(second):
            people |= {first, second}
    return people


def names_in_posts(words: Iterable[str], texts: Iterable[str],
                   authors: Iterable[object] | None = None) -> set[str]:
    """Every name word that keywords and labels leave out: the members' name words
    (``Identities.name_words``) and their spellings in another script, less those the posts use
    as ordinary words (``names_used_as_names``), the people the posts name (``people_in_posts``)
    and the Greek first names of people who are no member (``first_names_in_posts``).

    Example:
        >>> sorted(names_in_posts({"Dani", "Easy"}, ["דני אתה מלך", "easy to order", "so easy",
        ...                                          "Η Σουζάνα πάλι", "άντε Σουζάνα"]))
        ['Dani', 'Σουζάνα', 'דני']
    """
    texts = list(texts)
    authors = list(authors) if authors is not None else None
    words = set(words)
    words |= other_script_spellings(words, texts)
    return (names_used_as_names(words, texts, authors) | first_names_in_posts(texts, authors)
            | people_in_posts(texts))


MIN_SPLIT = 4  # letters of a word whose spelling in pieces is looked for


def split_spellings(words: Iterable[str]) -> re.Pattern | None:
    """A pattern for ``words`` spelt in pieces, with a hyphen, dot or middle dot between letters
    ("Wo-bbu-ffet", "D.a.n.a"), in any case; None when no word is long enough to look for.

    Example:
        >>> split_spellings(["Wobbuffet"]).sub("_", "Wobbuffet: Wo-bbu-ffet!")
        'Wobbuffet: _!'
    """
    pieces = sorted({"[-‐.·]?".join(re.escape(c) for c in w) for w in words
                     if len(w) >= MIN_SPLIT and w.isalpha()}, key=len, reverse=True)
    if not pieces:
        return None
    return re.compile(rf"(?<![^\W\d_])(?=[^\W\d_]+[-‐.·])(?:{'|'.join(pieces)})(?![^\W\d_])",
                      re.IGNORECASE)
