"""Profanity and vulgar interjections that are no label's word (mining/lang/profanity.py): the
words of real labels (OffensEval Greek tweets: "γαμησου · πουτσα · αρχιδια", "μαλακες · μέρες ·
γαμησου"; the issue's "פאקקקקקקקקק"), and ordinary words that share their letters."""
import pytest

from mining.lang.profanity import is_profane
from mining.topics.describe import distinct_labels


@pytest.mark.parametrize("word", [
    "γαμησου", "πουτσα", "αρχιδια", "μαλακες", "γαμω", "μουνι", "ΜΑΛΑΚΑ", "μαλάκα", "Γαμώτο",
    "γαμημένο", "malakes", "פאקקקקקקקקק", "פאק", "שיט", "זונה", "fucking", "Fuuuck", "shit", "wtf",
])
def test_profanity_is_found(word):
    assert is_profane(word)


@pytest.mark.parametrize("word", [
    "γάμος", "γάμων", "γαμήλιο", "μαλακό", "μαλακή", "σκατζόχοιρος", "μουντιάλ", "αρχιδιάκονος",
    "γυναίκα", "כוס", "דפוק", "זיו", "fun", "dickens", "classic", "shipping",
])
def test_ordinary_words_are_not(word):
    assert not is_profane(word)


def test_a_label_skips_profanity_but_keeps_the_keywords_after_it():
    keywords = {1: "γαμησου; πουτσα; αρχιδια; θεα; Μπράβο; πολύχρονη; μόδα".split("; "),
                6: "μαλακες; μέρες; γαμησου; οδηγός; γαμω; γυναίκα; απαντησε".split("; ")}
    labels = distinct_labels(keywords, lambda t, w: 0.1, fit=lambda k: not is_profane(k))
    assert labels == {1: ["θεα", "Μπράβο", "πολύχρονη"], 6: ["μέρες", "οδηγός", "γυναίκα"]}
