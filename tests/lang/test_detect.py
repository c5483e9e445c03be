import pandas as pd
import pytest

from mining.lang import detect_language, detect_languages


@pytest.mark.parametrize("text, lang, greeklish", [
    ("האפליקציה קורסת מאז העדכון", "he", False),
    ("האפליקציה עושה crash after update", "he", False),  # code-switching: Hebrew dominates
    ("שָׁלוֹם לכולם", "he", False),
    ("Η εφαρμογή δεν ανοίγει μετά το update", "el", False),
    ("ΔΕΝ ΛΕΙΤΟΥΡΓΕΙ ΤΙΠΟΤΑ", "el", False),
    ("kalhmera paidia, exei kaneis thema me thn paraggelia?", "el", True),
    ("den erxetai o kwdikos sto kinito", "el", True),
    ("the app keeps crashing since the update lol", "en", False),
    ("anyone else getting double charged??", "en", False),
    ("Ich habe ein Problem mit der Bestellung", "other", False),
    ("Saya tidak bisa login ke aplikasi", "other", False),
    ("Привет, у меня не работает приложение", "other", False),
    ("😡😡😡", "und", False),
    ("", "und", False),
])
def test_detect_language(text, lang, greeklish):
    assert detect_language(text) == (lang, greeklish)


def test_lang_hint_from_the_input_wins():
    posts = pd.DataFrame({"text_norm": ["hello there friends", "שלום"],
                          "lang_hint": pd.array(["he", None], dtype="string")})
    out = detect_languages(posts)
    assert out["lang"].tolist() == ["he", "he"]


@pytest.mark.parametrize("text, lang", [
    # real Hebrew comments with a link: the link's Latin letters made them English or other
    ("נשיא אמיץ לעם אמיץ http://www.ourboox.com/books/president-of-a-brave-people", "he"),
    ("הלב נחמץ https://www.youtube.com/watch?v=abcdefghijk", "he"),
    ("Η εφαρμογή κολλάει https://play.google.com/store/apps/details?id=com.example.app", "el"),
    ("תודה @dani_levi_official", "he"),
    ("the app crashes since 4.2 https://example.com/bug", "en"),
])
def test_links_and_handles_do_not_decide_the_language(text, lang):
    assert detect_language(text)[0] == lang
