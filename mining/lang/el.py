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

from spacy.lang.el.stop_words import STOP_WORDS as _SPACY

from mining.lang.el_cypriot import CYPRIOT_FUNCTION_WORDS
from mining.normalize import fold_text


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
_SHARED = _one_pass({
    "ou": "u", "ei": "i", "oi": "i", "ui": "i", "yi": "i", "ai": "e", "au": "av", "ay": "av",
    "af": "av", "eu": "ev", "ey": "ev", "ef": "ev", "gg": "g", "gk": "g", "ng": "g", "nk": "g",
    "mp": "b", "nt": "d", "ch": "x", "th": "8", "ks": "3", "h": "i", "y": "i", "u": "i", "w": "o",
    "c": "k", "q": "k"})
_DOUBLED = re.compile(r"(.)\1+")


def skeleton(word: str) -> str:
    """The shared spelling of a folded Greek word or a lower-case Greeklish one."""
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
