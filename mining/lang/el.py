"""Greek resources: stop words, a light stemmer, and Greeklish (Greek in Latin letters).

Greek words are compared folded: lower case, no accents, and every sigma written ``σ`` (capitals
carry no accents, and ``ς``/``σ`` must never split a word). ``stem`` strips one inflectional ending
so that εφαρμογή/εφαρμογής/εφαρμογές count together. Greeklish is mapped to Greek through
``skeleton``, a lossy spelling that Greek and its many Latin spellings share (paraggelia,
paragelia and παραγγελία all give ``paragelia``), and ``to_greek`` where no known word matches.

Example:
    >>> stem(fold("Εφαρμογές")), stem(fold("ΕΦΑΡΜΟΓΗΣ"))
    ('εφαρμογ', 'εφαρμογ')
    >>> skeleton("paraggelia") == skeleton("paragelia") == skeleton(fold("παραγγελία"))
    True
"""
from __future__ import annotations

import re
from collections.abc import Container
from functools import lru_cache

from spacy.lang.el.stop_words import STOP_WORDS as _SPACY

from mining.lang.language import Language, NoiseLexicon, word_set
from mining.lang.el_cypriot import (CYPRIOT_FUNCTION_WORDS, CYPRIOT_QUESTION_PHRASES,
                                    CYPRIOT_QUESTION_WORDS)
from mining.normalize import EMAIL, URL, fold_text


def fold(word: str) -> str:
    """Case, accents and final sigma folded: ``ΕΦΑΡΜΟΓΉΣ`` → ``εφαρμογησ``."""
    return fold_text(word).replace("ς", "σ")


# spaCy's Greek list is formal; social text adds greetings, fillers, light verbs (κάνω, λέω, πάω)
# and the platform words of chat exports.
CHAT_WORDS = """
χαχα ρε μωρε βρε ελα αντε αμαν οκ οκει λολ παιδιά φίλε φίλη φίλοι καλημέρα καλησπέρα καληνύχτα
γεια ευχαριστώ ευχαριστούμε παρακαλώ ναι όχι εντάξει λοιπόν απλά απλώς σίγουρα κάποιος κάποια
κανείς κανένας μου σου μας σας του της τους πάλι ακόμα τώρα σήμερα χθες χτες έχω έχεις έχει
έχουμε έχουν είμαι είναι ήταν θα να και το τα τη την ο η οι πολύ κάτι κοίτα κάνω κάνεις κάνει
κάνουμε κάνουν έκανα ξέρω ξέρεις ξέρει νομίζω λέω λες λέει λέμε λένε είπε είπα πω πει πεις πες
πούμε πάω πας πάει πάμε πάνε θες μπορώ μπορείς κι δω καν μωρή παρ αφ
πολυμέσα παραλείφθηκαν εξαίρεση αποχώρησε προστέθηκε επεξεργάστηκε
""".split()
STOP_WORDS = frozenset(fold(w) for w in (*_SPACY, *CHAT_WORDS, *CYPRIOT_FUNCTION_WORDS))

# Laughter: χαχα, χαχαχαχα, χεχε, χααχα (folded, so accents do not matter).
FILLER = re.compile(r"(?:χ+[αεηι]+){2,}χ*")
# Greek doubles consonants (θάλασσα) but not vowels: a stretched vowel is one (ΑΤΑΚΑΑΑΑ → ατακα).
STRETCHED_VOWEL = re.compile(r"([αεηιουω])\1\1+")

# Frequent Greek words as people write them in Latin letters (several spellings each). Words that
# are also English ("to", "me", "a") are left out so that they cannot tip English into Greek.
GREEKLISH_WORDS = frozenset("""
kai ke ta tin thn tis ths ton tou toy tous na den dn einai ine inai tha gia ya apo se sto sti stin
sthn stis sta ston pou poy pws pos giati giatі oti alla mou moy sou soy mas sas exei exi exw exo
eixa ixa kalhmera kalimera kalispera kalhspera efxaristw eyxaristw euxaristw efxaristo re paidia
ola kati kanei kani kanw kano mono akoma akomi tora twra enas ena mia kapoios kaneis kanis kapou
edw edo ekei oxi nai poly poli pio egw ego esy esu ayto afto auto aytos htan itan paraggelia
paragelia efarmogh efarmogi kwdikos kodikos leitourgei litourgei douleyei doulevei erxetai erxete
irthe hrthe thema provlima provlhma ti thelw thelo mporei mpori mporw boro mpainei ginetai ginete
opote kathe kala kalo kakos xalia xa xaxa xaxaxa vre ante ela lew leo mexri meta prin simera shmera
xthes kserei kseri ksero th h o mh sth kalh pali
""".split())

# Known Greek words for Greeklish: the feedback and everyday vocabulary, written for this project.
# The stop words and the fitted corpus's Greek words are known too.
WORDS = frozenset(fold(w) for w in """
εφαρμογή παραγγελία κωδικός λογαριασμός πληρωμή κάρτα αποστολή παράδοση καθυστέρηση πρόβλημα
ενημέρωση σύνδεση τηλέφωνο κινητό υπάλληλος εξυπηρέτηση πελάτης προϊόν τιμή χρήματα λεφτά ευρώ
επιστροφή ακύρωση κατάστημα μαγαζί φαγητό πίτσα ντελίβερι διανομέας κούριερ δέμα μήνυμα σελίδα
ρυθμίσεις λάθος σφάλμα κολλάει κόλλησε λειτουργεί δουλεύει ανοίγει κλείνει φορτώνει έρχεται ήρθε
περιμένω περιμένει στέλνω έστειλα πληρώνω πλήρωσα χρεώνει χρέωση κουπόνι έκπτωση προσφορά δωρεάν
αγορά ώρα μέρα εβδομάδα μήνας χρόνος αύριο καλό κακό χάλια άθλιο τέλειο γρήγορο αργό ακριβό
φτηνό διεύθυνση σπίτι δουλειά φίλος ομάδα σχόλιο θέμα ερώτηση απάντηση βοήθεια υποστήριξη
τράπεζα συναλλαγή μεταφορά εισιτήριο δρομολόγιο λεωφορείο ταξί οδηγός αυτοκίνητο μπαταρία φόρτιση
οθόνη κουμπί ειδοποίηση έκδοση αναβάθμιση εγκατάσταση ιστοσελίδα διαφήμιση πρόγραμμα ίντερνετ
δίκτυο σήμα θέλω θέλει βρίσκω βρήκα χάθηκε έφτασε φτάνει παίρνω πήρα
δίνω έδωσα αλλάζω άλλαξε μπαίνει μπήκα βγαίνει ψάχνω απαράδεκτο ευχαριστημένος ικανοποιημένος
""".split())

# Chat abbreviations that no spelling rule can recover.
GREEKLISH_ALIASES = {"dn": "δεν", "ya": "για", "yia": "για", "kt": "κατι", "tpt": "τιποτα",
                     "tlk": "τελικα"}

# Inflectional endings of nouns, adjectives and verbs (folded), stripped longest first; ματα
# leaves its μ so that πρόβλημα and προβλήματα meet at προβλημ.
_ENDINGS = {e: "" for e in """
α ασ εσ ε η ησ ο οσ ου ουσ οι ον ων ι ιου ια ιασ ιεσ ιων ιο ιοσ ιοι ιουσ εια ειασ ειεσ ειων ειο
ειου εισ εωσ εων ω ει ουμε ετε ουν ουνε ειτε αω αει αμε ατε ανε αν ουσα ουσεσ ουσε ουσαμε
ουσατε ουσαν ομαι εσαι εται ομαστε εστε ονται ιεμαι ιεσαι ιεται ιομαστε ιεστε ιουνται ηκα ηκεσ
ηκε ηκαμε ηκατε ηκαν ηκανε ησα ησεσ ησε ησαμε ησατε ησαν ησανε οντασ ωντασ
""".split()} | {"ματα": "μ", "ματοσ": "μ", "ματων": "μ"}
_BY_LENGTH = sorted(_ENDINGS, key=lambda e: (-len(e), e))
_MIN_STEM = 2


def stem(word: str) -> str:
    """Strip one inflectional ending from a folded word, keeping a stem of two letters or more."""
    for ending in _BY_LENGTH:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: len(word) - len(ending)] + _ENDINGS[ending]
    return word


# Days and months, capitalized in Greek as names are (την Κυριακή, τον Μάρτιο), by stem: a
# calendar word is no person's name (``mining.lang.names.people_in_posts``).
CALENDAR_STEMS = frozenset(stem(fold(w)) for w in """
Δευτέρα Τρίτη Τετάρτη Πέμπτη Παρασκευή Σάββατο Σαββάτου Κυριακή Ιανουάριος Φεβρουάριος Μάρτιος
Απρίλιος Μάιος Μαΐου Ιούνιος Ιούλιος Αύγουστος Σεπτέμβριος Οκτώβριος Νοέμβριος Δεκέμβριος Γενάρης
Φλεβάρης Μάρτης Απρίλης Μάης Ιούνης Ιούλης Σεπτέμβρης Οκτώβρης Νοέμβρης Δεκέμβρης""".split())


def _one_pass(table: dict[str, str]):
    """A function replacing the keys of ``table`` in one left-to-right pass, longest first."""
    pattern = re.compile("|".join(sorted(map(re.escape, table), key=len, reverse=True)))
    return lambda text: pattern.sub(lambda m: table[m.group()], text)


# Greek as plain Greeklish (η as i, so that πη cannot read as ph), then a spelling that both
# share: vowels that sound alike merge (ι η υ ει οι → i, ο ω → o, αι ε → e), as do the spellings
# of one sound (ντ nt d, μπ mp b, γγ gg ng g).
_TO_LATIN = _one_pass({
    "ου": "ou", "ει": "ei", "οι": "oi", "αι": "ai", "υι": "yi", "αυ": "au", "ευ": "eu", "μπ": "mp",
    "ντ": "nt", "γγ": "gg", "γκ": "gk", "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z",
    "η": "i", "θ": "th", "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "ks", "ο": "o",
    "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "x", "ψ": "ps",
    "ω": "w"})
SHARED_SPELLINGS = {
    "ou": "u", "ei": "i", "oi": "i", "ui": "i", "yi": "i", "ai": "e", "au": "av", "ay": "av",
    "af": "av", "eu": "ev", "ey": "ev", "ef": "ev", "gg": "g", "gk": "g", "ng": "g", "nk": "g",
    "mp": "b", "nt": "d", "ch": "x", "th": "8", "ks": "3", "h": "i", "y": "i", "u": "i", "w": "o",
    "c": "k", "q": "k"}
_SHARED = _one_pass(SHARED_SPELLINGS)
_DOUBLED = re.compile(r"(.)\1+")


def skeleton(word: str) -> str:
    """The shared spelling of a folded Greek word or a lower-case Greeklish one (the explorer's
    search reads a Latin query so too: ``SHARED_SPELLINGS`` is in its page).

    Example:
        >>> skeleton("τηλεφωνο"), skeleton("tilefono"), skeleton("ελλαδα"), skeleton("ellada")
        ('tilevono', 'tilevono', 'elada', 'elada')
    """
    return _DOUBLED.sub(r"\1", _SHARED(_TO_LATIN(word)))


_LETTERS = _one_pass({
    "th": "θ", "ch": "χ", "ps": "ψ", "ks": "ξ", "ou": "ου", "a": "α", "b": "μπ", "c": "κ", "d": "δ",
    "e": "ε", "f": "φ", "g": "γ", "h": "η", "i": "ι", "j": "τζ", "k": "κ", "l": "λ", "m": "μ",
    "n": "ν", "o": "ο", "p": "π", "q": "κ", "r": "ρ", "s": "σ", "t": "τ", "u": "υ", "v": "β",
    "w": "ω", "x": "χ", "y": "υ", "z": "ζ"})


def readings(word: str) -> list[str]:
    """The ways to read a lower-case Greeklish word: ``th`` is θ (thema) or τη (sthn, prwth)."""
    return [word, word.replace("th", "ti")] if "th" in word else [word]


def to_greek(word: str) -> str:
    """Letter-by-letter Greek for a lower-case Greeklish word: ``efarmogh`` → ``εφαρμογη``."""
    return _LETTERS(word)


# --- Greeklish read as Greek ------------------------------------------------------------------
# A post in Greeklish is read in Greek letters by everything that reads meaning (the embedder,
# the feedback and sentiment cues, keywords), so that it meets its Greek-script twin; its text as
# written stays in ``text`` and ``text_norm`` and in the quotes.
#
# Latin words that Greek-script posts write in Latin letters too, and so keep in Latin letters
# ("η εφαρμογή κάνει crash", "δεν έρχεται το SMS"): written for this project from the loanwords
# of the Greek cue lists and of real Greek customer posts.
LATIN_LOANWORDS = frozenset("""
app apps sms viber email mail gmail link site eshop online offline wifi internet update updates
upgrade login logout password username account bug bugs crash crashes error ok okay like likes
post story stories reels live chat facebook fb instagram insta tiktok youtube google android
iphone ios windows laptop pc tablet mobile delivery voucher code qr cashback refund support call
center shop order tracking card visa mastercard paypal iris bank banking wallet notification
notifications settings menu screen browser spam fake slot slots bot chatbot dark mode
supermarket blocked block unblock
""".split())
# Digits written for the letters they look like, inside a word: 8 for θ (x8es, synde8w, 8a), 3
# for ξ (3erw, e3w). A word holding other digits (4g, iphone12), or one of these at its end
# (mp3, gntm3), is left as it is: it is a name or a number, not Greeklish.
_DIGIT_LETTERS = str.maketrans({"8": "θ", "3": "ξ"})
_NOT_GREEKLISH_DIGITS = re.compile(r"[0-24-79]|[38]$")
# What a post holds in Latin letters that is no word of it: links, e-mails, handles, hashtags,
# pseudonyms and masks (``mining.privacy``), export placeholders (<Media omitted>).
_TRANSLITERATED = re.compile(
    rf"(?P<keep>{URL}|{EMAIL}|[@#][\w.\-]*\w|member-[0-9a-f]{{8}}"
    r"|\[[a-z]+\]|<[^<>\n]{1,80}>)|(?P<word>[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*)")
# ``th`` before a vowel, r or l is θ (thema, 8elw, thriler); before another consonant or at the
# end of a word it is τη (thn, sthn, ths, prwth).
_TH_TAU_ETA = re.compile(r"th(?=[^aeiouyhwrl]|$)")
_KNOWN = WORDS | STOP_WORDS  # the Greek words a reading is checked against (folded)
# The skeleton's vowel merges without its consonant ones: a Greeklish d is δ, not ντ (eida is
# είδα, not the Cypriot ήντα), b is μπ and mp, not β.
_VOWELS_SHARED = _one_pass({
    "ou": "u", "ei": "i", "oi": "i", "ui": "i", "yi": "i", "ai": "e", "au": "av", "ay": "av",
    "af": "av", "eu": "ev", "ey": "ev", "ef": "ev", "ch": "x", "th": "8", "ks": "3", "h": "i",
    "y": "i", "u": "i", "w": "o", "c": "k", "q": "k"})
# An ordinal: 3h (3η, third), 1os, 2o.
_ORDINAL = re.compile(r"([0-9]+)(h|i|o|os|ou|hs|oi|es)")


def _vowel_skeleton(word: str) -> str:
    return _DOUBLED.sub(r"\1", _VOWELS_SHARED(_TO_LATIN(word)))


@lru_cache(maxsize=1)
def _known_by_skeleton() -> dict[str, list[str]]:
    """The known Greek words (shipped list and stop words) by their vowel skeleton."""
    known: dict[str, list[str]] = {}
    for word in sorted(_KNOWN):
        known.setdefault(_vowel_skeleton(word), []).append(word)
    return known


def _closest(letters: str, words: list[str]) -> str:
    """Of the known words one reading could be, the one spelt most like it (poli: πολύ, not
    πολλοί)."""
    return min(words, key=lambda w: (_edits(letters, w), w))


def _edits(a: str, b: str) -> int:
    """Levenshtein distance: letters inserted, removed or replaced to make ``b`` of ``a``."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


@lru_cache(maxsize=1 << 16)
def _greek_word(latin: str) -> str:
    """A lower-case Greeklish word in Greek letters: a chat abbreviation's word (dn → δεν), the
    letter-by-letter reading where it is a known Greek word, else the known word of its skeleton
    (pws → πως, ine → ειναι, enimerosi → ενημερωση), else the letter-by-letter reading."""
    if latin in GREEKLISH_ALIASES:
        return GREEKLISH_ALIASES[latin]
    letters = _LETTERS(_TH_TAU_ETA.sub("τη", latin.translate(_DIGIT_LETTERS)))
    if letters.replace("ς", "σ") in _KNOWN:
        return letters
    words = _known_by_skeleton().get(_vowel_skeleton(letters))
    return _closest(letters, words) if words else letters


def _final_sigma(word: str) -> str:
    return word[:-1] + "ς" if word.endswith("σ") else word


def greek_reading(word: str) -> str:
    """A Latin word's Greek reading, as ``greeklish_to_greek`` writes it in lower case (its
    context aside): ``kwdikos`` → ``κωδικος``."""
    return _final_sigma(_greek_word(word.lower()))


def reads_as_greek(word: str, greek: Container[str] = frozenset()) -> bool:
    """Whether a lower-case Latin word is a Greek word in Latin letters: a Greeklish function
    word, a chat abbreviation, or one whose reading is a known Greek word (the shipped list and
    the stop words, by letters or by skeleton: ``paidia`` → παιδιά, ``kollaei`` → κολλάει), or
    of three letters or more with the ``skeleton`` of a word of ``greek`` (the skeletons of the
    words the run's posts write in Greek letters: ``kovetai`` for κόβεται).

    Example:
        >>> reads_as_greek("paidia"), reads_as_greek("restart")
        (True, False)
        >>> reads_as_greek("kovetai"), reads_as_greek("kovetai", {skeleton(fold("κόβεται"))})
        (False, True)
    """
    reading = _greek_word(word).replace("ς", "σ")
    return (word in GREEKLISH_WORDS or word in GREEKLISH_ALIASES or reading in _KNOWN
            or FILLER.fullmatch(reading) is not None  # laughter: xaxaxaxa
            or (len(word) >= 3 and skeleton(word) in greek))


_LATIN_WORD = re.compile(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*")


def greeklish_spellings(text: str) -> dict[str, str]:
    """The Latin words of a Greeklish post as written, by their reading (folded): what a keyword
    read from the post shows, since no post wrote the reading.

    Example:
        >>> greeklish_spellings("to router kanei restart")
        {'το': 'to', 'ρουτερ': 'router', 'κανει': 'kanei', 'ρεσταρτ': 'restart'}
    """
    return {fold(greek_reading(w)): w for w in _LATIN_WORD.findall(text)}


def spells_greek(word: str) -> bool:
    """Whether a lower-case Latin word is, letter by letter, a known Greek word, a Greeklish
    function word or a chat abbreviation: stricter than ``reads_as_greek``, for the Latin words
    of a Greek-script post, which are mostly English ("on time": time is no τιμή).

    Example:
        >>> spells_greek("paidia"), spells_greek("time"), spells_greek("kollaei")
        (True, False, True)
    """
    return (word in GREEKLISH_WORDS or word in GREEKLISH_ALIASES
            or fold(to_greek(_TH_TAU_ETA.sub("τη", word))) in _KNOWN)


# The letters a Greek word ends with: a vowel, ς or ν (a Greeklish reading ending in another
# consonant is no Greek word: restart, sync, modem, router).
_GREEK_ENDINGS = frozenset("αεηιουωσςν")


def foreign_word(word: str, english: Container[str] = frozenset(),
                 greek: Container[str] = frozenset()) -> bool:
    """Whether a lower-case Latin word of a Greek post is a foreign word, kept as written, not
    Greek in Latin letters: no Greek word reads it (``reads_as_greek``, with ``greek``), and it
    is a loanword
    Greek posts keep in Latin letters (``LATIN_LOANWORDS``), a word of ``english`` (the Latin
    words that the run's other posts write: English posts, Latin words inside Greek-script ones),
    or a word of three letters or more no Greek word could be, by its last letter.

    Example:
        >>> [foreign_word(w) for w in ("restart", "update", "sync", "paidia", "pesmeno")]
        [True, True, True, False, False]
        >>> foreign_word("phone"), foreign_word("phone", {"phone"})
        (False, True)
    """
    if word in LATIN_LOANWORDS:
        return True
    if reads_as_greek(word, greek):
        return False
    return word in english or (len(word) >= 3 and word.isalpha()
                               and greek_reading(word)[-1] not in _GREEK_ENDINGS)


def greeklish_to_greek(text: str, keep: frozenset[str] | set[str] = frozenset(),
                       english: Container[str] = frozenset(),
                       greek: Container[str] = frozenset()) -> str:
    """A Greeklish post in Greek letters, for reading; only for posts detected as Greeklish.

    Each Latin word becomes its Greek word (``_greek_word``), in its case, without accents (the
    way much Greek is typed). Left in Latin letters: links, e-mails, handles, hashtags and masks;
    loanwords that Greek-script posts keep in Latin letters (``LATIN_LOANWORDS``) and the words of
    ``keep`` (lower case: the brand's terms); other foreign words (``foreign_word``, with
    ``english`` and ``greek``: restart, sync); words in capitals that no Greek word reads (SMS,
    OTP) in a post not written in capitals; a capitalized word inside a sentence that no Greek
    word reads (a name: Vodafone); words with other digits (4g, iphone12, WELCOME5). An
    ordinal's ending is Greek (3h → 3η).

    Example:
        >>> greeklish_to_greek("apo x8es den erxetai o kwdikos epalh8eyshs me SMS")
        'απο χθες δεν ερχεται ο κωδικος επαληθευσης με SMS'
    """
    shouting = not any(c.islower() for c in text if c.isascii())

    def replace(match: re.Match) -> str:
        word = match.group("word")
        if word is None:
            return match.group()
        lower = word.lower()
        if ordinal := _ORDINAL.fullmatch(lower):
            return ordinal.group(1) + _LETTERS(ordinal.group(2))
        if lower in keep or _NOT_GREEKLISH_DIGITS.search(lower) \
                or foreign_word(lower, english, greek):
            return word
        reading = _final_sigma(_greek_word(lower))
        known = reading.replace("ς", "σ") in _KNOWN or lower in GREEKLISH_WORDS
        if word.isupper() and len(word) > 1 and not shouting and not known:
            return word  # an acronym (SMS, OTP) in a post not written in capitals
        before = text[max(0, match.start() - 20):match.start()].rstrip(" \t")
        if word[0].isupper() and not word.isupper() and not known \
                and before and before[-1] not in ".!?;\n":
            return word  # a name inside a sentence, as a Greek-script post writes it too
        if word.isupper() and len(word) > 1:
            return reading.upper()
        return reading[0].upper() + reading[1:] if word[0].isupper() else reading

    return _TRANSLITERATED.sub(replace, text)


# --- Cues for feedback type, sentiment, spam and abuse ----------------------------------------
# Greek cues for feedback type, sentiment, spam and abuse (used by ``mining.challenges``).
#
# Written for `mining` (project license, MIT); no external source. Each entry is a regular
# expression and a weight (1 weak, 2 clear, 3 near-certain). Patterns are matched as whole words on
# folded text (``mining.normalize.fold_text``: accents removed, lower case), so they are written
# without accents. A pattern starting with ``^`` only matches at the start of a sentence; one
# starting with ``~`` is matched as it is, without word boundaries (punctuation). The Greek
# question mark is ``;`` (U+037E becomes U+003B under NFC), so a ``;`` closing a sentence is a
# question cue here and only here. Greeklish (Greek in Latin letters) spellings follow the Greek ones
# in each list, and common English loanwords (``bug``, ``crash``, ``app``) are listed too. A
# negative weight takes evidence back: "θέλω να πω" (I mean) and "να δούμε" (let's see) are the
# writer's own intention, not a request, and "μαλάκα" as a vocative means "dude".

PROCLITICS = ""

# Punctuation around the Greek question mark (matched on the folded post, see ``CUES``).
_TAIL = r"(?:\s+|#\w+|@\w+|[^\w\s#@])*"  # what may follow a post's last sentence
_NOT_ENTITY = r"(?<!&lt)(?<!&gt)(?<!&amp)(?<!&quot)(?<!&nbsp)"
_NOT_WINK = r"(?!-?[()]|[pd]\b)"
# What "ξέρετε" / "ξέρουμε" asks about when it asks ("ξέρουμε ποιας εταιρείας είναι;").
_ASKED = r"αν|ποτε|που|πωσ|ποιοσ|ποια|ποιο|ποιασ|ποιου|ποιοι|ποιεσ|ποσο|ποσα|ποση|τι ωρα"
# "Is" as a Greek post writes it ("είναι", "είν'" or "είν´", Cypriot "εν", "ναι", "ήταν"), folded.
_BE = r"ειναι|ειν[^\w\s]?|ναι|ηταν|εν"

# A service that fails, said as a plain fact: it disconnects, is cut, fell, leaks; there is none
# of it; it arrived cold, broken or double (review 8 R8-1). Complaint evidence, and it takes praise
# evidence back.
# Thanks for help not yet given, closing a request or a complaint: no praise (review 10 R10-12).
COURTESY = r"ευχαριστω (?:πολυ )?(?:εκ των προτερων|προκαταβολικα)"
PLAIN_FAILURE = (r"αποσυνδε\w*|κοβεται|κοβονται|κοπηκε|κοπηκαν|διακοπη|διακοπεσ|επεσε|επεσαν|πεφτουν"
                 r"|σταζει|σταζουν|διαρροη")
NOTHING_OF_IT = (r"(?:δεν εχω|δεν εχουμε|χωρισ) (?:καθολου )?(?:ιντερνετ|internet|σημα|ρευμα|νερο|γραμμη"
                 r"|συνδεση|wifi|τηλεοραση)")
ARRIVED_SPOILT = (r"(?:ηρθε|ηρθαν|εφτασε|εφτασαν|ερχεται|ερχονται) (?:κρυο|κρυα|κρυοσ|κρυα|σπασμεν\w*"
                  r"|χαλασμεν\w*|ανοιχτ\w*|βρεγμεν\w*|διπλοσ|διπλη|διπλο|αδει\w*)")
# Falling in a ranking, a poll or a market: "έπεσε στη δεύτερη θέση", "έπεσε στο 20%", "το
# χρηματιστήριο έπεσε", "πέφτουν οι τιμές".
_FALLS = r"(?:επεσε|επεσαν|πεφτει|πεφτουν)"
RANK_FALLS = (rf"{_FALLS} (?:\S+ ){{0,3}}(?:θεση|θεσεισ|βαθμολογια|κατηγορια|δημοσκοπησ\w*|ποσοστ\w*"
              rf"|μοναδεσ|\d+ ?%)|(?:χρηματιστηριο|μετοχ\w*|τιμεσ|τιμη|δολαριο|ευρω|θερμοκρασια|ποσοστ\w*"
              rf"|δημοσκοπησ\w*|τηλεθεασ\w*|νουμερα|bitcoin) (?:\S+ )?{_FALLS}|{_FALLS} (?:\S+ )?(?:οι |το |η )?"
              rf"(?:χρηματιστηριο|μετοχ\w*|τιμεσ|τιμη|θερμοκρασια|τηλεθεασ\w*|νουμερα)")
# Exasperation said to the team, in the second person plural (complaint and negative evidence).
EXASPERATED = (r"ποιον (?:δουλευετε|κοροιδευετε)|πατε καλα|συνελθετε|τελειωνετε|δεν ντρεπεστε|ξεφυγατε"
               r"|εχετε ξεφυγει|ωσ ποτε|μεχρι ποτε θα|βαρεθηκαμε")
# Laughing: "πέθανα στα γέλια", "έπεσα κάτω από τα γέλια".
LAUGHING = r"στα γελια|απο τα γελια|απ' τα γελια|πεθανα στο γελιο"

CUES: dict[str, list[tuple[str, float]]] = {
    "question": [
        # The Greek question mark ";" (U+037E folds to it) ending the post, before any hashtags,
        # mentions and emoji ("Η γριούλα φανερώθηκε ; #kalomesimeraki"); not an emoticon (";)")
        # nor an HTML entity ("&lt;"); links are out of the folded text.
        (rf"~{_NOT_ENTITY}\s?;{_NOT_WINK}{_TAIL}$", 2.5),
        (rf"~\w{_NOT_ENTITY}\s?;{_NOT_WINK}", 1.0),  # a ";" after a word, inside the post
        # Asking the readers: "πείτε μου", "πες μου" (Cypriot "πε μου"), "θυμίστε μου", "δώστε τα
        # φώτα σας", "βρήκε κανείς", "ξέρουμε ποιος...".
        (r"(?:πειτε|πεστε|πεσ|πε|θυμιστε|εξηγηστε|εξηγησε) (?:μου|μασ|μ)|δωστε τα φωτα σασ|βρηκε κανεισ|ρωταω|ρωτω|μια απορια|γτ", 2.0),
        # "Ξέρετε/ξέρουμε" asks only before what is asked ("ξέρουμε ποιας εταιρείας είναι;");
        # "να ξέρετε", "το ξέρουμε", "Ξέρετε τι λείπει...;" tell (the ";" still counts).
        (rf"(?:ξερετε|ξερουμε|ξερουμεν) (?:{_ASKED})", 2.0),
        (rf"^(?:{CYPRIOT_QUESTION_WORDS})|{CYPRIOT_QUESTION_PHRASES}", 2.0),
        (r"^(?:πως|ποτε|που|ποιος|ποια|ποιο|ποιες|ποιοι|ποσο|ποση|ποσα|τι|μηπως|αραγε|υπαρχει|ισχυει)", 2.0),
        (r"ξερει κανεισ|ξερει καποιοσ|γνωριζει κανεισ|εχει κανεισ|εχει δοκιμασει κανεισ", 2.5),
        # Not "(θέλω) να μπορώ να": the wish to be able to (a request, below).
        (r"(?<!να )μπορω να|(?<!να )μπορουμε να|γινεται να|υπαρχει τροπος|υπαρχει περιπτωση|τι ωρα", 1.5),
        (r"ερωτηση|απορια|μια ερωτηση", 2.0),
        (r"^(?:pws|pos|pote|pou|poso|posa|ti|mipws|yparxei|iparxei)|kserei kaneis|kseri kanis|kserete", 2.0),
        # Questions that want no answer (GUIDE.md, "is it just me?"): the tag "..., ε;" asks the
        # reader to agree ("το ξέρεις ε;", "τι ωραία ζωή που κάνει όμως ε;"), and "είναι ιδέα μου
        # ή...", "μόνο εγώ...;", "ή μου φαίνεται;" share an impression.
        (r"~(?<!\w)ε\s?;", -2.5),
        (r"ιδεα μου (?:η|ή)|μονο εγω|η (?:μονο )?(?:εμενα )?μου φαινεται|η μονο εμενα|μονο σε μενα (?:φαινεται|αρεσει)", -2.0),
        # Exclamations in question form, Greek's "איזה X" (GUIDE.md): "τι μπαζούκας είναι αυτό;",
        # "τι ταμπακέρα είν' τούτο;", "τι νοοτροπία είναι αυτή" judge what they point at and ask
        # nothing; a bare "τι είναι αυτό;" still asks.
        (rf"τι (?!{_BE})(?:\S+ ){{1,3}}(?:(?:{_BE}) ?)?(?:αυτο|αυτοσ|αυτη|αυτα|τουτο|τουτοσ|τουτη|τουτα)", -2.0),
        # Polls, musings and questions that tell (GUIDE.md: `other`): "πόσα λέτε να παίρνει;",
        # "τι λέτε;", "ποια είναι πιο ωραία;", "πόσοι ξέρετε ότι...;", "το ξέρατε πως...;",
        # "θυμάστε που σας έλεγα...;", "τι να σχολιάσω;", "τι περίμενες;".
        (r"λετε να|τι λετε|ποι(?:α|οσ|ο|εσ|οι) (?:ειναι |ηταν )?πιο|ποσοι (?:απο εσασ )?ξερετε"
         r"|(?:το )?ξερατε (?:οτι|πωσ)|θυμαστε (?:που|οταν|τον|την|το|τι)"
         r"|τι να (?:σου |σασ |του |τησ )?(?:πω|πουμε|σχολιασω|σχολιασουμε|κανουμε|κανω)"
         r"|τι (?:περιμενεσ|περιμενε|περιμενατε|περιμεναμε)", -2.0),
    ],
    "request": [
        (r"θα ηθελα|θα θελαμε|θα ηθελα να|θα μπορουσατε να|θα ηταν (?:ωραιο|καλο|τελεια|τελειο|υπεροχο|χρησιμο|βολικο)", 3.0),
        (r"προσθεστε|βαλτε|φτιαξτε επιλογη|προσθηκη|να προσθεσετε|να βαλετε|μπορειτε να προσθεσετε", 2.5),
        (r"προταση|αιτημα|ευχομαι να|ελπιζω να|να υπαρχει|να υπηρχε|λειπει η επιλογη|λειπει επιλογη", 2.0),
        (r"ιδεα", 1.0),
        # "θέλω" states the writer's own wish, "να" alone makes a subjunctive ("να δούμε").
        (r"θελω να(?! μπορ)|θελω(?! να μπορ)|να δουμε|να δω|να βρω|ας|να (?:εισαι|ειστε|σαι|στε) καλα|παρακαλω να (?:εισαι|ειστε)", -1.5),
        # What a user wants to be able to do, and what should be added or offered: the answers of a
        # survey ("Θέλω να μπορώ να σβήνω...", "Να προστεθεί...", "Δυνατότητα εξαγωγής σε PDF",
        # "Χρειάζεται επιλογή για...", Greeklish "thelw na mporw na").
        (r"θελω να μπορω|θελουμε να μπορουμε|θα ηθελα να μπορω|να μπορω να|να μπορουμε να|να μπορει κανεισ να"
         r"|να προστεθ\w*|να μπει|να μπουν|να (?:γινει|γινεται) (?:δυνατ\w*|εφικτ\w*)|θα βοηθουσε"
         r"|θα ηταν (?:καλυτερ\w*|πιο \w+)|χρειαζεται (?:να|επιλογη|δυνατοτητα|περισσοτερ\w*|καλυτερ\w*)"
         r"|(?:να υπαρχει|να εχει|θελω|θελουμε|λειπει) (?:η |μια )?(?:δυνατοτητα|επιλογη)", 2.5),
        (r"^^(?:δυνατοτητα|επιλογη για|επιλογη να|περισσοτερ\w*|να (?:εχει|εχουν|δεχεται|δειχνει|στελνει|κραταει"
         r"|θυμαται|αποθηκευει|υποστηριζει|βγαζει|γινεται))", 2.0),
        (r"thelw na mporw|thelo na boro|na mporw na|na boro na|na prostethei|na mpei|na yparxei|na iparxei|dynatothta|dinatotita", 2.5),
        (r"θα βαλετε|θα προσθεσετε|σκοπευετε να|σκοπευουν να|υπαρχει σχεδιο|ψηφιζω για|\+1 για", 2.0),
        (r"γιατι δεν υπαρχει|γιατι δεν εχετε|ποτε θα (?:εχει|εχουμε|βαλετε|προσθεσετε|υπαρχει|γινει)", 2.0),
        (r"παρακαλω (?:προσθεστε|βαλτε|κανετε)|please add", 2.5),
        (r"tha ithela|tha thela|tha itan (?:wraio|oraio|kalo|teleio)|valte|prostheste", 2.5),
        # Plural imperatives to the show or page ("βάλτε", "δείξτε κάτι με την υπόθεση", "φέρτε",
        # "πάρτε ... και διώξτε"), "θέλουμε", "να σας παρακαλέσω", "θα μπορούσες να", "μήπως να".
        (r"βαλτε|δειξτε|δωστε|παρτε|διωξτε|φερτε|ξαναφερτε|βγαλτε|κοψτε|αλλαξτε|αφηστε|κανετε|στειλτε|στειλε μου|ανεβαστε|ανεβασε", 1.5),
        (r"θελουμε|θελουμε να|να σασ παρακαλεσω|σασ παρακαλω|μπορειτε να|θα μπορουσεσ να|θα μπορουσατε να|μηπωσ να|να (?:μην|μεν) μου (?:ξανα)?στειλ\w*|ποτε θα (?:ξανα\w+|\w+(?:ετε|ατε))", 2.0),
        # Negated or restricted "μπορείτε να" reproaches ("ούτε συγγνώμη δεν μπορείτε να
        # ζητήσετε", "το μόνο που μπορείτε να κάνετε"): no ask.
        (r"(?:δεν|δε|εν) (?:μπορειτε|μπορεισ|μπορει) να|(?:μονο|μονον) που (?:μπορειτε|μπορεισ) να", -2.0),
    ],
    "complaint": [
        # A clitic may stand between ("δεν μου ήρθε", "δεν μας απαντάει").
        (r"(?:δεν|δε|εν) (?:(?:μου|μασ|σου|σασ|του|τησ|τουσ|μ'|σ') )?(?:λειτουργει|λειτουργουν|δουλευει|δουλευκει|δουλευουν|δουλεψε|ανοιγει|ανοιξε|φορτωνει|ερχεται"
         r"|ερχονται|ηρθε|ηρτε|ηρτεν|ηρθαν|ηρθαν ποτε|φτανει|εφτασε|μπορω|μπορουμε|μπαινει|μπαινω|απανταει|απαντα"
         r"|απαντησε|απαντανε|περναει|περασε|γινεται|συνδεεται|στελνει|εστειλε|δεχεται|παιρνει"
         r"|σταματησε|σταματαει|αποθηκευει|αποθηκευσε|ανεβαινει|ανεβαινουν|ανεβηκε|ανεβηκαν|ανεβαζει"
         r"|κατεβαινει|κατεβαζει|κατεβηκε|εμφανιζεται|εμφανιζονται|εμφανιζει|ενημερωνει|ενημερωνεται"
         r"|συγχρονιζει|συγχρονιζεται|φορτωνουν|φορτωσε|ολοκληρωνεται|ολοκληρωθηκε|αναγνωριζει|εκτυπωνει)", 2.5),
        # What a user cannot find ("Δεν βρίσκω πού αλλάζω τη διεύθυνση"); "δεν βρίσκω λόγια" is
        # praise lost for words.
        (r"(?:δεν|δε|εν) (?:μπορω να |μπορουμε να )?(?:βρισκω|βρισκουμε|βρηκα|βρισκει)(?! λογια)", 2.0),
        # Terse answers: an adjective of failure or excess and a noun ("Αργή φόρτωση", "Πολλές
        # διαφημίσεις", "Κακή εξυπηρέτηση", "Ακατανόητο μενού"). Not the adverb "αργά" (late)
        # nor "Άργος" (the town).
        (r"αργη|αργο|αργεσ|αργοι|αργουσ|αργησ", 2.5),
        (r"(?:πολλεσ|πολλα|πολλοι|υπερβολικα πολλ\w*|παρα πολλ\w*) "
         r"(?:διαφημισ\w*|ειδοποιησ\w*|χρεωσ\w*|σφαλματα|κολληματα|bugs|βηματα|κλικ)"
         r"|κακ(?:η|ο|οσ|εσ) (?:εξυπηρετηση|ποιοτητα|συνδεση|σημα|σχεδιασμοσ|εμπειρια|υποστηριξη|μεταφραση|λειτουργια)"
         r"|ακατανοητ\w*|μπερδεμεν\w*|δυσκολ\w* (?:στη|στην|στο|να) \w+|περιπλοκ\w*", 2.0),
        # A service that fails, said as a plain fact: it disconnects, is cut, fell, leaks; there
        # is none of it; it arrived cold, broken or double; it slowed.
        (PLAIN_FAILURE, 2.0),
        (NOTHING_OF_IT, 2.0),
        (ARRIVED_SPOILT, 2.0),
        # A team, a party or a price that falls in a ranking, a poll or a market ("ο Ολυμπιακός
        # έπεσε στη δεύτερη θέση") is news, not a service failing; nor is falling about laughing.
        (RANK_FALLS, -3.0),
        (LAUGHING, -2.0),
        (r"πολυ αργ\w*|σερνεται|σερνονται|διπλοσ λογαριασμοσ|διπλασιοσ|διπλασια", 1.5),
        (r"κολλαει|κολλησε|κολλημενη|κολλημενο|κρασαρει|κρασαρε|κρασαρισμα|κλεινει μονη|πεφτει", 2.5),
        (r"σφαλμα|λαθος|προβλημα|προβληματα|βλαβη|χαλασμεν\w*|χαλασε|χαλαει|bug|μπαγκ|crash|error", 2.0),
        (r"αισχος|απαραδεκτο|απαραδεκτοι|απαραδεκτη|ντροπη|χαλια|αθλι\w*|τραγικ\w*|κοροιδια|κοροιδο", 2.0),
        (r"απογοητευση|απογοητευμεν\w*|εκνευρισμεν\w*|τα νευρα μου|βαρεθηκα|μπουχτισα|φτανει πια", 2.0),
        (r"ακομα περιμενω|περιμενω ακομα|περιμενω εδω και|ακομα τιποτα|ακομα δεν|εδω και (?:\w+ )?(?:μερες|εβδομαδες|μηνα|μηνες|ωρες)", 2.0),
        (r"δεν (?:εχει|εχουν) (?:ερθει|φτασει|απαντησει|λειτουργησει|επιστραφει)", 2.5),
        (r"κανεις δεν (?:απαντα|απανταει|σηκωνει)|καμια απαντηση|αδυνατο να|δεν σηκωνει κανεις", 2.0),
        (r"με χρεωσαν|χρεωθηκα|διπλη χρεωση|δυο φορες|απορριφθηκε|απορριπτεται|δεν περναει", 2.0),
        (r"αργησε|αργει|αργοπορια|καθυστερηση|καθυστερησε|καθυστερει|λειπαν|ελειπαν|λειπει|λειπουν", 1.5),
        (r"παλι|ξανα|καθε φορα|συνεχεια|για τριτη φορα|για δευτερη φορα", 1.0),
        (r"χωρις να με ρωτησουν|χωρις να ρωτησουν|αντικατεστησαν|μου εστειλαν αλλο", 1.5),
        (r"μονο σε μενα|μονο εμενα|σε κανεναν αλλον|και σε εσας|συμβαινει και σε", 2.0),
        (r"den (?:leitourgei|litourgei|douleyei|doulevei|anoigei|anigei|erxetai|erxete|irthe|hrthe|mporw|boro"
         r"|anevainei|anevenei|anevainoun|anevenoun|fortwnei|fortonei|vriskw|vrisko|emfanizetai|emfanizete)", 2.5),
        (r"argh|argi|argo|polles diafimiseis|polles diafimisis", 1.5),
        (r"kollaei|kolaei|provlima|provlhma|xalia|aisxos|aparadekto", 2.0),
        (r"kathysterh?sh|kathisterisi|argei|argise|argisan|den (?:irthe|hrthe|irthan|mporei|apanta|apantaei)|leipei|elleipe|lathos", 1.5),
        # Rhetorical questions and exclamations that accuse (GUIDE.md: typed by their point):
        # "Έλεος πια", "από πού κι ως πού", "δηλαδή τώρα τι παιχνίδι είναι αυτό;", "τι λογική
        # είναι αυτή", "σοβαρά τώρα", and the words of a rigged or shameful show.
        (r"ελεοσ|απο που (?:κι|και) ωσ που|δηλαδη τωρα|σοβαρα τωρα|ελα ρε|ε οχι|ε μα πια|τι (?:λογικη|νοοτροπια|παιχνιδι|μαλακια|βλακεια|αηδια) ειναι|ποιοσ (?:σασ|τουσ|σου) (?:ειπε|εδωσε)", 1.5),
        (r"δεν (?:πειραζ\w*|εχω παραπονο)|κανενα (?:προβλημα|παραπονο)|δεν (?:υπαρχει|εχει) (?:προβλημα|θεμα)", -1.5),
        (r"ξεφτιλ\w*|σιχαιν\w*|σιχαμ\w*|αηδι\w*|μιλημεν\w*|στημεν\w*|θεατρο|χεστηκαμε|βαρετ\w*|κρυαδ\w*|κακογουστ\w*|ντροπη (?:σασ|τουσ|σου)|κοροιδευ\w*", 1.5),
        # Exasperation said to "you" (plural: the show, the page, the team): "ρε ποιον δουλεύετε;",
        # "πάτε καλά;", "συνέλθετε", "τελειώνετε!", "δεν ντρέπεστε;", "έχετε ξεφύγει", "ως πότε".
        (EXASPERATED, 1.5),
    ],
    # "Me too" shares the type of what it agrees with ("κι εμένα κολλάει" is a complaint, "κι εγώ
    # το λατρεύω" praise): ``cues.AGREES_WITH``, no type of its own.
    "agreement": [
        # Not "επίσης" nor a bare "το ίδιο" ("σκέφτεστε το ίδιο", "το ίδιο με τότε"): no one agrees.
        (r"κι εμενα|και εμενα|και σε μενα|κι εγω|και εγω|κι εμασ|και εμασ|και σε μασ|κι εμεισ|και εμεισ"
         r"|το ιδιο (?:και|κι) (?:σε μενα|εμενα|εδω|εμασ)|ιδιο (?:προβλημα|θεμα)|ιδια (?:προβληματα|θεματα)"
         r"|ki emena|kai emena|kai se mena", 1.5),
    ],
    "praise": [
        (r"ευχαριστω πολυ|ευχαριστουμε πολυ|χιλια ευχαριστω|να στε καλα|μπραβο|συγχαρητηρια", 2.5),
        (r"τελεια|τελειο|τελειοι|τελεια δουλεια|φοβερ\w*|απιστευτ\w*|εξαιρετικ\w*|υπεροχ\w*|καταπληκτικ\w*", 2.0),
        (r"τα σπατε|τα σπασατε|ειστε θεοι|ειστε οι καλυτεροι|το λατρευω|λατρευω|ευχαριστημεν\w*|συστηνω", 2.5),
        (r"πολυ καλ\w*|γρηγορ\w* εξυπηρετηση|αψογ\w*|top|κορυφη|efxaristw|euxaristw|eyxaristw|mpravo|bravo|teleia", 2.0),
        # Love and admiration for the show's people, by stem: "Αγαπώ Ζενεβιέβ", "σ'αγαπώ", "Μόνο εσύ
        # ρε είδωλο", "Δώσε πόνο", "Χρυσοχέρα", "πανέμορφες", "απίθανα".
        (r"αγαπω|σ'?αγαπ\w*|αγαπημεν\w*|αγαπαμε|λατρευ\w*|ειδωλο|θεα|θεαρα|θεοσ|κουκλ\w*|πανεμορφ\w*|απιθαν\w*|δωσ(?:ε|τε) πονο|δοξα|χρυσοχερ\w*|ταλεντ\w*|σεβασμ\w*|αξιζ\w*|μαγεια|συμπαθω", 2.0),
        (r"ωραι\w*|ομορφ\w*|γλυκ\w*|εξυπν\w*|αξιοπρεπ\w*", 1.0),
        # A failure said as a plain fact praises nothing.
        (f"{PLAIN_FAILURE}|{NOTHING_OF_IT}|{ARRIVED_SPOILT}", -2.0),
        # A courtesy closing thanks for help not yet given (review 10 R10-12).
        (COURTESY, -2.5),
    ],
    "positive": [
        (r"ευχαριστω|ευχαριστουμε|μπραβο|συγχαρητηρια|τελεια|τελειο|φοβερ\w*|απιστευτ\w*|εξαιρετικ\w*", 2.0),
        (COURTESY, -2.0),
        (r"υπεροχ\w*|καταπληκτικ\w*|λατρευω|αψογ\w*|ευχαριστημεν\w*|τα σπατε|επιτελους", 2.0),
        # The forms of καλός, καλά, καλύτερος (Cypriot καλλύττερος), not every word in καλ-: "καλέ" is
        # an interjection, and καλαμαράς, καλημέρα, καλοκαίρι, καλύπτει, καλούν are no praise.
        (r"καλ(?:οσ|ο|η|οι|εσ|α|ου|ησ|ων|ουσ|ουλ\w*|ουτσικ\w*)|καλλιστ\w*|καλλ?υτ?τερ\w*|ωραι\w*|γρηγορ\w*|φρεσκ\w*|χαρα|χαρουμενος|χαρουμενη|efxaristw|euxaristw|teleia|kala", 1.0),
        (r"αγαπω|σ'?αγαπ\w*|αγαπημεν\w*|λατρευ\w*|ειδωλο|κουκλ\w*|πανεμορφ\w*|απιθαν\w*|δοξα|χρυσοχερ\w*|ταλεντ\w*|αξιζ\w*|συμπαθω|γελασα|χαρηκα", 2.0),
        (r"δεν (?:πειραζ\w*|εχω παραπονο)|οχι ασχημα|κανενα (?:προβλημα|παραπονο)", 1.0),
    ],
    "negative": [
        (r"αισχος|απαραδεκτο|απαραδεκτοι|ντροπη|χαλια|αθλι\w*|τραγικ\w*|κοροιδια|απογοητευ\w*|εκνευρ\w*", 2.0),
        (r"βαρεθηκα|μπουχτισα|νευρα|γαμω το|θυμωμεν\w*|χειροτερ\w*|σκουπιδι|απατη|απατεωνες", 2.0),
        (r"(?:δεν|δε|εν) (?:λειτουργει|δουλευει|δουλευκει|ανοιγει|ηρθε|ηρτεν?)|κανεις δεν|κολλαει|κρασαρει|προβλημα", 1.5),
        (r"δυστυχως|κριμα|λυπαμαι|καθυστερηση|αργησε|λειπαν|λαθος|παλι|ακατανοητ\w*", 1.0),
        (r"αργη|αργο|αργεσ|αργοι", 1.5),
        (r"(?:δεν|δε|εν) (?:ανεβαινει|ανεβαινουν|φορτωνει|φορτωνουν|εμφανιζεται|εμφανιζονται|συγχρονιζει|βρισκω(?! λογια))", 1.5),
        (r"xalia|aisxos|aparadekto|den leitourgei|den douleyei|den doulevei", 2.0),
        (r"ελεοσ|ξεφτιλ\w*|σιχαιν\w*|σιχαμ\w*|αηδι\w*|μιλημεν\w*|στημεν\w*|χεστηκαμε|βαρετ\w*|κρυαδ\w*|κακογουστ\w*|γελοι\w*|αχρηστ\w*|ανικαν\w*|ψευτ\w*|ψεματ\w*|απατεων\w*", 1.5),
        # The protest hashtags of Greek Twitter ("#MasterChefGR_Xeftiles", "#ΝΔ_ξεφτιλες",
        # "#skaipolxeftiles"), matched inside the hashtag: three in four of the dev tweets holding
        # one are negative, one in five a complaint (most mock a contestant or a party), so
        # they count for sentiment only.
        (EXASPERATED, 1.5),
        ("~#\\w*(?:ξεφτιλ|xeftil|kseftil)", 2.0),
        (LAUGHING, -1.5),
        # Negation that is no negativity: "δεν πειράζει", "δεν έχω παράπονο", "όχι άσχημα", "μην
        # ανησυχείς", "κανένα πρόβλημα".
        (r"δεν (?:πειραζ\w*|εχω παραπονο|ειναι (?:κακ|ασχημ)\w*|ηταν (?:κακ|ασχημ)\w*)|οχι (?:ασχημα|κακα|κακο)|μην (?:ανησυχ\w*|αγχων\w*|στενοχωρ\w*)|κανενα (?:προβλημα|παραπονο)|δεν (?:υπαρχει|εχει) (?:προβλημα|θεμα)", -1.5),
    ],
    "spam": [
        # "κέρδισε" is "(she) won" in tweets on shows and elections, "επένδυσε" "(it) invested":
        # the imperative "κερδίστε" and the nouns of an investment scam stay.
        (r"κερδιστε|κερδοσ|κερδη|επενδυσ(?:η|ησ|εισ|εων)|κρυπτο\w*|bitcoin|trading|δουλεια απο το σπιτι", 2.5),
        (r"πατηστε|πατα εδω|κλικ|στο link|στον συνδεσμο|link στο προφιλ|στειλτε μηνυμα|στειλε μηνυμα|inbox", 2.0),
        (r"δωρεαν|δωρο|διαγωνισμο|προσφορα|εκπτωση|εκπτωσεις|followers|likes|δανει\w*", 1.5),
    ],
    "abuse": [
        (r"ηλιθι\w*|βλακας|βλακες|βλακεια σου|μαλακισμεν\w*|κοπανε|κοπαναρα", 2.5),
        # "μαλάκα" is banter as a vocative ("Μαλακα ειπε ΚΑΜΠΥΛΕΣ;"), an insult when it names a
        # target ("εισαι μαλάκας", "Μαλακες συριζαιοι").
        (r"μαλακα|μαλακες|μαλακας", 0.5),
        (r"(?:εισαι|εισαστε|ειστε|σαι|στε) (?:ενας |μια |ολοι )?μαλακ\w*|μαλακες \w+(?:οι|ες)", 2.5),
        (r"γαμησου|γαμηθειτε|πουστ\w*|αρχιδ\w*|σκασε|σκαστε|καριολ\w*|πουταν\w*|κωλοπαιδ\w*", 3.0),
        (r"vlaka|vlakes|ilithie|ilithioi|gamiesai|skase", 2.5),
        (r"malaka|malakes", 0.5),
        (r"(?:αχρηστοι|ηλιθιοι|γελοιοι|απατεωνες|κλοουν|ανικανοι|βλακες) ειστε|ειστε (?:ολοι )?(?:αχρηστοι|ηλιθιοι|γελοιοι|απατεωνες|κλοουν|ανικανοι|βλακες)", 3.0),
        (r"χασου|χαθειτε|αντε (?:χασου|γαμησου)|βρε μπουφο|μπουφο|μπουφε|βλαμμεν\w*|τεμπεληδες|ζωα|ζωντοβολα", 2.5),
        (r"γελοι\w*|αταλαντ\w*|χαζ\w*|κοροιδα|γκρινιαρ\w*|κλοουν", 1.5),
    ],
}


# --- Chat noise (mining.lang.noise) ------------------------------------------------------------
# Words of posts that carry no feedback, written for this project from Greek comments and tweets
# and WhatsApp's own invitation texts; Greeklish spellings follow the Greek ones.
NOISE = NoiseLexicon(
    laughter=word_set("λολ πεθανα πέθανα γελάω γελαω xaxa xexe lol", fold),
    greeting=word_set("""
        γεια γειά σας σου χαίρετε χαιρετώ καλημέρα καλημέρες καλησπέρα καλησπέρες καληνύχτα καλό
        καλή καλά βράδυ βραδάκι μέρα απόγευμα εβδομάδα μήνα χρονιά χρόνια πολλά καλώς ήρθες
        ήρθατε ορίσατε όλους όλες όλοι παιδιά φίλοι φίλες φίλε κόσμε τι κάνετε κάνεις κάνει
        γίνεται λέει ευχές Χριστούγεννα Πάσχα Χριστός ανέστη αληθώς επιτυχία ταξίδι ξανά
        kalimera kalhmera kalispera kalhspera kalinixta kalhnyxta geia geiasas paidia""", fold),
    thanks=word_set("""
        ευχαριστώ ευχαριστούμε ευχαριστίες ευχαριστω πολύ πολλά για τη την το τα βοήθεια σε σας
        σου να σαι είσαι καλά μερσί efxaristw eyxaristw euxaristw efxaristo eyxaristo euxaristo
        eyxaristoume efxaristoume mersi poli poly""", fold),
    presence=word_set("""
        πού είσαι είστε εκεί εδώ κανείς κανένας κανένα υπάρχει είναι ακόμα ακόμη ζωντανοί ζωντανός ζει
        ξύπνιος ξύπνιοι ξυπνητοί παιδιά ρε ακούει ομάδα η online eiste iste edw edo ekei kaneis
        kanis""", fold),
    reaction=word_set("""
        ωραίο ωραία ωραίος τέλειο τέλεια μπράβο σωστό σωστά ακριβώς συμφωνώ ισχύει ναι όχι οκ
        οκει εντάξει τοπ φοβερό φοβερός απίστευτο άψογο καλό κι και εγώ εμένα επίσης αμήν ουάου
        ουαου γουάου μάλιστα α αχ ω ωπ όπα οπα ρε μωρέ βρε δα έλα αλήθεια τι χαχα
        teleia teleio oraio oraia bravo nai oxi entaksei ok""", fold),
    invite=word_set("""
        πρόσκληση προσκαλεί σας συμμετοχή συμμετοχής συμμετάσχετε στην ομάδα μου ακολουθήστε
        ανοίξτε αυτόν τον σύνδεσμο σύνδεσμος για κοινότητα του σύσκεψη σύσκεψης αναγνωριστικό
        κωδικός πρόσβασης θέμα ώρα ζουμ στο να""", fold),
    link=word_set("δείτε δες εδώ σύνδεσμος λινκ κοιτάξτε διαβάστε ρίξτε μια ματιά το αυτό", fold),
)

LANGUAGE = Language(code="el", name="Greek", stop_words=STOP_WORDS,
                    function_words=word_set(" ".join(_SPACY), fold), filler=FILLER,
                    normalize=fold, cues=CUES, proclitics=PROCLITICS, noise=NOISE)

# E-mail sign-offs and device footers that end a ticket or a mail (``mining.lang.SIGN_OFF``).
SIGN_OFFS = (r"(?:στάλθηκε|εστάλη) από (?:το|τη|την) (?:iphone|ipad|android|κινητό)(?: μου)?",
             r"με (?:εκτίμηση|φιλικούς χαιρετισμούς|τιμή)", r"φιλικά")
