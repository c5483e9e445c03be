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


# Linguistic cases of issue 12, on real posts (benchmarks/feedback_devset ids, or issue 12's quotes).
@pytest.mark.parametrize("text", [
    "איזה קינג",  # he-072
    "איזה תותח על",  # he-079
    "איזה מלך",  # issue 12
])
def test_hebrew_exclamatory_eize_is_praise_not_a_question(text):
    scores = score_cues([text], ["he"])
    assert scores["praise"][0] > 0 and scores["positive"][0] > 0
    assert scores["question"][0] == 0


@pytest.mark.parametrize("text", [
    "אין על בן בן בעולם",  # he-036
    "בהצלחה . אין ראוי ממך .",  # he-156
    "אתה הערוץ האהוב עליי אל תפסיק לרגע❤❤",  # he-048
])
def test_hebrew_superlatives_through_negation_are_praise(text):
    scores = score_cues([text], ["he"])
    assert scores["praise"][0] > 0 and scores["negative"][0] == 0 and scores["request"][0] == 0


@pytest.mark.parametrize("text", ["אני לא מצליח להבין", "לא נורא", "אין בעיה, אני אחכה"])
def test_hebrew_negation_without_negativity(text):
    scores = score_cues([text], ["he"])
    assert scores["negative"][0] <= 0 and scores["complaint"][0] <= 0


def test_hebrew_negation_that_states_a_failure_stays_a_complaint():
    scores = score_cues(["אני לא מצליח להתחבר מאז העדכון"], ["he"])
    assert scores["complaint"][0] >= 2.5


@pytest.mark.parametrize("text", [
    "@velis_cy @Giop1926 @APOEL_Legend Να βρω την φωτο να την στειλω.",  # el-059
    "Μιας και έβλεπα εχτές #gntmgr (ποιος να το πιστευε;) Θέλω να πω στις κοπέλες που λαμβάνουν "
    "μέρος σε τέτοια ριαλιτι",  # el-199
    "@USER Παρακαλώ να είσαι καλά να σε χαίρονται οι αγαπημένοι σου Ελένη",  # el-093
])
def test_greek_thelo_and_na_are_not_requests(text):
    assert score_cues([text], ["el"])["request"][0] < 0


def test_greek_request_to_the_team_stays_a_request():
    assert score_cues(["Θα ήθελα να προσθέσετε Apple Pay"], ["el"])["request"][0] > 0


@pytest.mark.parametrize("text, abusive", [
    ("Ειπε καμπυλες; Μαλακα ειπε ΚΑΜΠΥΛΕΣ; #shoppingstar", False),  # el-121, banter
    ("Είμαι γνωστός και ως ο μαλακας που δεν σηκώνει ποτέ το τηλέφωνο του.", False),  # el-209
    ("Κατερινόπουλε εισαι μαλάκας.Τα πράγματα είναι ξεκάθαρα", True),  # el-083
    ("Μαλακες συριζαιοι σας σιχαίνεται και το πεύκο της γειτονιάς σας.", True),  # el-239
])
def test_greek_malaka_is_abuse_only_when_it_names_a_target(text, abusive):
    assert (score_cues([text], ["el"])["abuse"][0] >= 2.5) == abusive


@pytest.mark.parametrize("text", [
    "I tried activating my card and it doesn't work how do I solve this problem?",  # en-200
    "Why is my physical card not working?",  # en-076
])
def test_english_question_that_describes_an_error_is_a_question(text):
    scores = score_cues([text], ["en"])
    assert scores["question"][0] >= scores["complaint"][0]
