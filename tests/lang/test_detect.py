import pandas as pd
import pytest

from mining.lang import (PLACED, detect_language, detect_languages, texts_read,
                         transliterate_greeklish)


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
    ("Add H264 / H265 writter support for Android", "en", False),  # "h" of H264 read as η
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


@pytest.mark.parametrize("text, lang", [
    # real Greek tweets (OffensEval): their Latin hashtags made them "other"
    ("Οχι.....#TheVoiceGR", "el"),
    ("ΑΝΤΕ ΓΕΙΑ ΚΑΡΧΙΑ! #MasterChefGR_final #MasterChefGR #masterchefgr_xeftiles", "el"),
    ("#בחירות מחר, מישהו יודע איפה הקלפי?", "he"),
    ("the app crashes again #fail", "en"),
    ("Great trip to the north, loved it #ישראל #טיול_שנתי", "en"),
    ("#εκλογές", "el"),  # a post of hashtags alone is their language
])
def test_hashtags_do_not_decide_the_language(text, lang):
    assert detect_language(text)[0] == lang


def test_pseudonyms_and_masks_do_not_decide_the_language(tmp_path):
    from mining.config import BrandConfig, InputConfig, PrivacyConfig
    from mining.ingest import read_inputs
    from mining.privacy import protect_identities, pseudonym
    from mining.privacy.contacts import COUNTED_MASKS

    chat = tmp_path / "WhatsApp Chat with ועד.txt"
    chat.write_text("1.9.2024, 08:01 - דנה לוי: מה עם יוסי כהן?\n"
                    "1.9.2024, 08:02 - יוסי כהן: אני פה\n"
                    "1.9.2024, 08:03 - מיכל אברהם: תתקשרו ל054-7774110\n"
                    "1.9.2024, 08:04 - דנה לוי: מיכל אברהם ויוסי כהן באים?\n", encoding="utf-8")
    posts, _ = protect_identities(read_inputs([str(chat)], InputConfig())[0], PrivacyConfig(),
                                  BrandConfig())
    named = posts[posts["text"].str.contains("member-|\\[phone\\]")]
    assert len(named) == 3  # the names and the number were masked before detection
    assert detect_languages(posts.assign(text_norm=posts["text"]))["lang"].eq("he").all()
    # what privacy writes and what detection skips cannot drift apart
    assert all(PLACED.fullmatch(mask) for mask in [*COUNTED_MASKS, pseudonym("דנה לוי", "s")])


def test_only_greeklish_posts_are_read_in_greek_letters():
    """Review 5 (F15): Greeklish is read in Greek letters (``text_read``); English, Greek script
    and the text as written (``text_norm``) are left as they are."""
    texts = ["apo x8es den erxetai o kwdikos epalh8eyshs", "the app crashes on the Vodafone network",
             "Ο κωδικός δεν έρχεται με SMS", "to Basketo den anoigei kai pali"]
    posts = detect_languages(pd.DataFrame({"text_norm": texts,
                                           "lang_hint": pd.array([None] * 4, dtype="string")}))
    assert posts["greeklish"].tolist() == [True, False, False, True]
    read = transliterate_greeklish(posts, keep=["Basketo"])
    assert texts_read(read).tolist() == ["απο χθες δεν ερχεται ο κωδικος επαληθευσης", texts[1],
                                         texts[2], "το Basketo δεν ανοιγει και παλι"]
    assert read["text_norm"].tolist() == texts


def test_text_read_is_kept_only_where_it_differs_from_the_text():
    """Issue 13: ``text_read`` was a full copy of ``text_norm`` (26 MB at 100k posts, in every
    frame of posts) though most posts are read as written. It is null where it would repeat the
    text, and ``texts_read`` gives every post's reading, as before."""
    texts = ["den erxetai o kwdikos", "Ο κωδικός δεν έρχεται με SMS", "הקוד לא מגיע",
             "Please fix the login. Sent from my iPhone", "@member-6c5705a1 תעני לי בפרטי", None]
    posts = detect_languages(pd.DataFrame({"text_norm": pd.array(texts, dtype="string"),
                                           "lang_hint": pd.array([None] * 6, dtype="string")}))
    read = transliterate_greeklish(posts)
    assert read["text_read"].isna().tolist() == [False, True, True, False, False, True]
    assert texts_read(read).tolist() == ["δεν ερχεται ο κωδικος", texts[1], texts[2],
                                         "Please fix the login.", "תעני לי בפרטי", ""]


@pytest.mark.parametrize("written, read", [
    ("Please fix the login. Sent from my iPhone", "Please fix the login."),
    ("How do I verify my top up? -- Regards", "How do I verify my top up?"),
    ("האפליקציה קורסת בכל פתיחה נשלח מה-iPhone שלי", "האפליקציה קורסת בכל פתיחה"),
    ("Η εφαρμογή κολλάει στην πληρωμή. Με εκτίμηση", "Η εφαρμογή κολλάει στην πληρωμή."),
    ("with regards to the fee, why was I charged?", "with regards to the fee, why was I charged?"),
    ("Regards", "Regards"),  # nothing but the sign-off: read as it is
    ("The app logs me out -- Best regards, Sent from my iPhone", "The app logs me out"),
    # a hostile post: a pattern repeating sign-offs backtracked for minutes on it
    ("regards   " * 40 + "x", "regards   " * 40 + "x"),
])
def test_a_sign_off_at_a_posts_end_is_not_read(written, read):
    """Review 12 (R12-25): tickets ending "Sent from my iPhone" or "-- Regards" were grouped by
    their footer, and topics labelled "Regards" and "Sent iPhone"."""
    posts = pd.DataFrame({"text_norm": [written], "greeklish": pd.array([False], dtype="boolean")})
    assert texts_read(transliterate_greeklish(posts)).tolist() == [read]
