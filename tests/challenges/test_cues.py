import pytest

from mining.challenges.cues import CAP, fold_pattern, match_cues, score_cues


@pytest.mark.parametrize("text, lang, category", [
    ("מישהו יודע אם מגיעים לקריית אונו?", "he", "question"),
    ("הייתי שמח אם תוסיפו תשלום בביט", "he", "request"),
    ("האפליקציה לא נפתחת מאז העדכון", "he", "complaint"),
    ("והאפליקציה קורסת כל פעם", "he", "complaint"),  # proclitic ו on קורסת's sentence
    ("תודה רבה, שירות מעולה!", "he", "praise"),
    ("Ξέρει κανείς αν έρχονται στο Μαρούσι;", "el", "question"),
    ("Θα ήθελα να προσθέσετε Apple Pay", "el", "request"),
    ("Η εφαρμογή ΔΕΝ ΑΝΟΙΓΕΙ από χθες", "el", "complaint"),  # accents and capitals folded
    ("den leitourgei to app apo xthes", "el", "complaint"),  # Greeklish
    ("Μπράβο παιδιά, τέλεια εξυπηρέτηση", "el", "praise"),
    ("Does anyone know if they deliver on Sundays?", "en", "question"),
    ("Please add dark mode", "en", "request"),
    ("+1 for recurring orders", "en", "request"),
    ("The app keeps crashing since the update", "en", "complaint"),
    ("Thank you so much, great service", "en", "praise"),
    ("Earn 500 dollars a day, click the link in my bio", "en", "spam"),
])
def test_cue_categories(text, lang, category):
    assert category in match_cues(text, lang)


@pytest.mark.parametrize("text, lang", [
    ("אתם חבורת מטומטמים, לכו לעזאזל", "he"),
    ("Άχρηστοι είστε όλοι σας, βλάκες", "el"),
    ("shut up, you are an idiot", "en"),
])
def test_insults_at_people_score_as_abuse(text, lang):
    assert score_cues([text], [lang])["abuse"][0] >= 2.5


@pytest.mark.parametrize("text, lang", [
    ("האפליקציה הזאת זבל, הכי גרוע שיש", "he"),
    ("המפה מפגרת ולא מתעדכנת", "he"),  # מפגרת: the map lags, not an insult
    ("Αίσχος, η εφαρμογή είναι χάλια", "el"),
    ("This app is garbage and support is useless", "en"),
])
def test_criticism_of_the_product_is_not_abuse(text, lang):
    assert score_cues([text], [lang])["abuse"][0] < 2.5


def test_greek_question_mark_only_counts_in_greek():
    assert "question" in match_cues("Πότε ανοίγετε;", "el")
    assert "question" not in match_cues("I came; I saw", "en")


def test_words_match_whole_not_inside_other_words():
    assert "complaint" not in match_cues("The debugger is great", "en")  # not "bug"
    assert "complaint" in match_cues("found a bug", "en")


def test_scores_are_capped_and_zero_without_cues():
    scores = score_cues(["crash crashes error bug broken failed stuck!!! 😡", "ok"], ["en", "en"])
    assert scores["complaint"][0] == CAP
    assert all(scores[c][1] == 0 for c in scores)


def test_language_without_cue_module_gets_shared_signs_only():
    assert set(match_cues("Wie geht das?", "other")) == {"question"}


def test_fold_pattern_keeps_escapes():
    assert fold_pattern(r"~;\W*$ ΆΒΓ") == r"~;\W*$ αβγ"
