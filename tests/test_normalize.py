import pandas as pd
import pytest

from mining.normalize import clean_text, fold_text, normalize_posts


@pytest.mark.parametrize("raw, clean", [
    ("\u200fשלום\u200e עולם", "שלום עולם"),  # RLM / LRM from WhatsApp headers
    ("\u202bהזמנה\u202c  מספר 5", "הזמנה מספר 5"),  # embedding marks, doubled space
    ("\u2068Νίκος\u2069 έγραψε", "Νίκος έγραψε"),  # isolates around @mentions
    ("zero\u200bwidth\ufeff", "zerowidth"),
    ("non\u00a0breaking\u202fspace", "non breaking space"),
    ("line one\nline two", "line one line two"),
    ("e\u0301", "é"),  # decomposed to NFC
    ("Q&amp;A today &gt;&gt; join", "Q&A today >> join"),  # tweets escape &, < and >
    ("it&#39;s &#x1F600;", "it's 😀"),
    ("https://x.example/?a=1&para=2&copy=3", "https://x.example/?a=1&para=2&copy=3"),  # no ;
    ("AT&T &amp c", "AT&T &amp c"),
])
def test_clean_text_removes_invisible_marks_and_composes(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize("a, b", [
    ("שָׁלוֹם", "שלום"),  # niqqud
    ("ΕΦΑΡΜΟΓΗ", "εφαρμογή"),  # capitals carry no accents
    ("Εφαρμογή", "εφαρμογη"),
    ("ΑΠΟΣΤΟΛΗΣ", "αποστολής"),  # final sigma stays final, not σ
    ("Crash", "crash"),
])
def test_fold_text_makes_spellings_of_one_word_equal(a, b):
    assert fold_text(a) == fold_text(b)


def test_fold_text_keeps_final_and_medial_sigma_distinct():
    assert fold_text("ΣΟΣ") == "σος"


def test_clean_text_keeps_hebrew_punctuation_marks():
    assert clean_text("צה״ל ו־ג׳ירפה") == "צה״ל ו־ג׳ירפה"


@pytest.mark.parametrize("text, analyzed", [
    ("How come my card doesn't work anymore? Thanks, Kevin\n\n-----\nSent from my iPhone",
     "How come my card doesn't work anymore? Thanks, Kevin"),
    ("I can't use my card ----- Sent from my Samsung Galaxy smartphone", "I can't use my card"),
    ("הכרטיס עדיין לא הגיע\n\nנשלח מה-iPhone שלי", "הכרטיס עדיין לא הגיע"),
    ("Η κάρτα δεν ήρθε ακόμα\nΣτάλθηκε από το iPhone μου", "Η κάρτα δεν ήρθε ακόμα"),
    ("it was sent from my phone yesterday and never arrived",
     "it was sent from my phone yesterday and never arrived"),
])
def test_a_mail_apps_signature_is_no_part_of_the_post(text, analyzed):
    """Review 10 (R10-11): helpdesk tickets keep "Sent from my iPhone", whose words became
    challenge keywords ("iPhone") and the ends of quotes."""
    assert normalize_posts(pd.DataFrame({"text": [text]}))["text_norm"][0] == analyzed
