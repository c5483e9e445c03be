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
    "הראוטר מתנתק כל חצי שעה", "אין קליטה בכלל בבית", "ההזמנה הגיעה קרה לגמרי",
    "המזגן מטפטף מים", "האוטובוס לא עצר בתחנה", "המהירות ירדה ל-5 מגה",
])
def test_hebrew_failures_said_as_plain_facts_are_complaints(text):
    """Review 8 (R8-1): an outage or a spoilt delivery said without "לא" or a failure word the
    cues knew ("the router disconnects", "no reception") had no complaint cue, and most were
    typed other or praise, below the challenges' confidence."""
    assert score_cues([text], ["he"])["complaint"][0] >= 1.5


@pytest.mark.parametrize("text", [
    "το ρούτερ αποσυνδέεται κάθε μισή ώρα", "οι κλήσεις κόβονται στη μέση", "δεν έχω σήμα στο σπίτι",
    "το φαγητό ήρθε κρύο", "η ταχύτητα έπεσε στα 5 mega",
    "η παραγγελία δεν έχει έρθει εδώ και δύο εβδομάδες",
])
def test_greek_failures_said_as_plain_facts_are_complaints(text):
    """Review 8 (R8-1), in Greek: "the router disconnects", "calls are cut", "the food came
    cold" had no complaint cue."""
    assert score_cues([text], ["el"])["complaint"][0] >= 1.5


@pytest.mark.parametrize("text", [
    "the router disconnects every half hour", "calls drop in the middle", "no signal at home",
    "the food arrived cold", "this month's bill is double", "speed dropped to 5 mbps",
])
def test_english_failures_said_as_plain_facts_are_complaints(text):
    """Review 8 (R8-1), in English: 6 of 10 plain complaints were below the challenges'
    confidence or typed other."""
    assert score_cues([text], ["en"])["complaint"][0] >= 1.5


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


@pytest.mark.parametrize("text", [
    "Η γριούλα φανερώθηκε ; #kalomesimeraki",  # ";" before a hashtag, with a space
    "Τι παίζει με Κάτια και Σκουλό; #gntmgr #GNTMgr",
    "Τί ώρα θα αρχίσει σήμερα η Αγγελική\u037e",  # U+037E, the Greek question mark itself
    "Πείτε μου λίγο ο Σκουλος κανει καριερα",  # asking the readers, no mark at all
    "Ε οϊ κόρη ίντα πού παθες;",  # Cypriot ίντα
])
def test_greek_questions(text):
    assert score_cues([text], ["el"])["question"][0] >= 2.0


@pytest.mark.parametrize("text", [
    "Καλέ τι μπαζούκας είναι αυτό ;#gntmgr",  # el-131: an exclamation, like "איזה X"
    "Τι ταμπακέρα version είν´τούτο; #TheVoiceGR",  # el-914
    "Πωωω Σακη τι χυλοπιτα ηταν αυτη; #TheVoiceGR",  # OffensEval, not in the dev set
    "Ποσά λετε να παίρνει ο τσικεν μάνατζερ; #GNTMgr",  # el-247: "how much do you reckon"
    "Πόσοι ξέρετε ότι τα κείμενα του Μουτσινά τα γράφει ο Μίνως Θεοχάρης; #GiaTinParea",  # el-474
    "Εμμ, τα δυο μετρα ποδια δεν κανουν απο μονα τους δουλεια, τι περιμενες;! #gntmgr",  # el-232
])
def test_greek_exclamations_and_polls_in_question_form_ask_less(text):
    """They end in ";" (question evidence capped at 4) and ask nothing: evidence taken back."""
    assert score_cues([text], ["el"])["question"][0] <= 2.0


@pytest.mark.parametrize("text", ["Τι είναι αυτό;", "Τι ώρα αρχίζει σήμερα;", "Ξέρουμε ποια θα φύγει;"])
def test_greek_questions_that_ask_keep_their_evidence(text):
    assert score_cues([text], ["el"])["question"][0] >= 3.0


@pytest.mark.parametrize("text", [
    "Ρε ποιον δουλεύετε; Η Ζενια όταν είχε πρωτομπει είχε πει ότι δεν έχει φίλες",  # el-968
    "Καλε τελειωνετε με πηρε ο υπνος!#gntmgr",  # el-307
    "ο σεφ σέβεται την διαδικασία και οι άλλοι χαζογελανε ...απορώ δεν ντρέπεστε κριτες",  # OffensEval
])
def test_greek_exasperation_said_to_the_team_is_complaint_evidence(text):
    scores = score_cues([text], ["el"])
    assert scores["complaint"][0] >= 1.5 and scores["negative"][0] >= 1.5


@pytest.mark.parametrize("text", [
    "καλό ;) χαχα",  # a wink
    "&lt;χι Σουζανα. Δεν ειναι αυτα",  # an HTML entity from a tweet export
    "δες εδώ https://example.com/a;b=1",  # a ";" inside a link
])
def test_semicolons_that_are_no_greek_question_mark(text):
    assert "question" not in match_cues(text, "el")


def test_greek_words_match_in_any_case_and_with_either_sigma():
    for text in ("ΞΕΦΤΙΛΑ ΣΚΕΤΗ", "ξεφτίλες όλοι", "ξεφτιλεσ ολοι"):
        assert "complaint" in match_cues(text, "el"), text


@pytest.mark.parametrize("text, category", [
    ("Ρε μαλακες με τις κότες βρήκατε να κάνετε φωτογράφηση ; Έλεος πια", "complaint"),  # rhetorical
    ("Ειναι σιγουρα μιλημενο, για να το παρει! #shoppingstar", "complaint"),  # a rigged show
    ("Αγαπώ Ζενεβιέβ, σας το 'πα; Το πα. #gntmgr", "praise"),
    ("Μόνο εσύ ρε είδωλο... #gntmgr", "praise"),
    ("Θελουμε τα σκυλιά μόνιμα στην εκπομπή σου Νικολα! #giatinparea", "request"),
    ("Ναι Ναταλια, παρτε τον Βαρθακουρη και διωξτε την Βλαχαβανη!", "request"),
])
def test_greek_show_talk(text, category):
    assert category in match_cues(text, "el")


@pytest.mark.parametrize("text, plain, lang, category", [
    ("Δεν πειράζει, θα το δω αύριο", "Πειράζει, θα το δω αύριο", "el", "negative"),
    ("Κανένα πρόβλημα, όλα καλά", "Πρόβλημα, όλα καλά", "el", "complaint"),
    ("No problem, thanks for checking", "Problem, thanks for checking", "en", "negative"),
    ("Not bad at all for a free app", "Bad at all for a free app", "en", "negative"),
])
def test_negation_that_is_no_negativity_takes_evidence_back(text, plain, lang, category):
    scores = score_cues([text, plain], [lang, lang])[category]
    assert scores[0] <= 0.5 and scores[0] < scores[1]


def test_negative_weights_subtract_after_the_cap():
    rant = "crash crashes error bug broken failed stuck"
    assert score_cues([rant], ["en"])["complaint"][0] == CAP
    assert score_cues([rant + ", no problem though"], ["en"])["complaint"][0] < CAP


@pytest.mark.parametrize("text", [
    "My new card hasn't arrived and it was issued a week ago.",
    "The transfer is still pending after three days",
    "I was charged twice for the same coffee",
])
def test_english_what_has_not_come_is_negative(text):
    assert score_cues([text], ["en"])["negative"][0] >= 1.5


@pytest.mark.parametrize("text, lang", [
    ("+1 גם אצלי האפליקציה קורסת", "he"),
    ("גם לי לא הגיע ההחזר", "he"),
    ("+1 και σε μένα κολλάει η εφαρμογή", "el"),
    ("κι εμένα το ίδιο, κολλάει συνέχεια", "el"),
    ("+1 same problem, the app crashes on login", "en"),
])
def test_me_too_with_a_problem_adds_to_complaint_and_takes_praise_back(text, lang):
    from mining.challenges.cues import AGREEMENT  # noqa: F401  (agreement is a cue kind)

    scores = score_cues([text], [lang])
    alone = score_cues([text.replace("+1 ", "")], [lang])
    assert scores["complaint"][0] > 0 and scores["negative"][0] > 0
    assert scores["praise"][0] < 0 and scores["request"][0] == 0
    assert alone["complaint"][0] > 0


def test_greek_failure_with_a_clitic_is_a_complaint():
    assert score_cues(["δεν μου ήρθε η παραγγελία"], ["el"])["complaint"][0] > 0


@pytest.mark.parametrize("text, lang, category", [
    ("גם אני אוהב את הפרק הזה, מעולה", "he", "praise"),
    ("me too, love it", "en", "praise"),
    ("+1 please add dark mode", "en", "request"),
    ("+1", "en", "request"),  # the GitHub vote on a feature
])
def test_me_too_shares_the_type_of_what_it_agrees_with(text, lang, category):
    scores = score_cues([text], [lang])
    assert scores[category][0] > 0 and scores["complaint"][0] == 0


def test_me_too_alone_is_no_evidence():
    scores = score_cues(["גם אני", "κι εγώ", "same here"], ["he", "el", "en"])
    assert all(float(scores[c].max()) == 0 and float(scores[c].min()) == 0 for c in scores)


# Greek cues read from the errors of the cross-validation on the dev split (benchmarks/heads_cv.py).
@pytest.mark.parametrize("text, present", [
    ("Καλέ τι έκανε η Γωγώ; Δεν το είδα", False),  # "καλέ" is an interjection
    ("Ίντα μπου θωρείς ρε καλαμαρά;", False),  # καλαμαράς: no "καλ-" praise word
    ("Την Κυριακή μας καλούν ξανά στο πλατό", False),  # καλούν: they invite
    ("Πολύ καλή δουλειά, η καλύτερη εκπομπή", True),
    ("Ελπίζουμεν σε έναν καλλύττερο μέλλον", True),  # Cypriot καλλύττερος
])
def test_greek_positive_kal_words_are_forms_of_good(text, present):
    assert ("positive" in match_cues(text, "el")) == present


@pytest.mark.parametrize("text", [
    "Ωραία περνάμε #ΝΔ_Ξεφτιλες #Ευρωεκλογές2019",
    "Με τέλειο μοντάζ... #MasterchefGR #MasterChefGR_Xeftiles",
    "Πόσα χτυπήματα να αντέξει πια αυτή η χώρα; #skaipolkseftiles",
])
def test_greek_protest_hashtags_are_negative(text):
    assert "negative" in match_cues(text, "el")


@pytest.mark.parametrize("text", [
    "δε λειτουργεί η εφαρμογή από χθες",  # "δε" before a consonant
    "εν ήρτεν ακόμα το δέμα",  # Cypriot "εν" negates
    "εν δουλεύκει το app",
])
def test_greek_short_and_cypriot_negation_of_a_failure(text):
    assert score_cues([text], ["el"])["complaint"][0] >= 2.5


@pytest.mark.parametrize("text, asks", [
    ("Αν δεν φύγει σήμερα η Σουζάνα, πότε θα φύγει; #gntmgr", False),  # a question about her
    ("Πότε θα βάλετε τα επεισόδια στο site;", True),  # asks the team
    ("Ποτε θα ξανακανουν ενα ριαλιτι επιβιωσης στην Ελλαδα;", True),
    ("ουτε συγγνωμη δεν μπορειτε να ζητησετε καραγκιοζηδες", False),  # a reproach
])
def test_greek_when_will_and_can_you_ask_only_the_team(text, asks):
    assert (score_cues([text], ["el"])["request"][0] > 0) == asks


@pytest.mark.parametrize("text, question", [
    ("Η Ελευθερία είναι ψηλότερη από την Κάτια, να ξέρετε", False),  # tells
    ("Αγαπάει τα ζώα. Το ξέρουμε μαρή", False),
    ("το πουκαμισο του Μπρατη, ξερουμε ποιας εταιρείας είναι", True),
    ("Ξέρετε αν ξεκινάει απόψε", True),
])
def test_greek_you_know_asks_only_before_what_is_asked(text, question):
    assert ("question" in match_cues(text, "el")) == question


@pytest.mark.parametrize("text, spam", [
    ("Που κέρδισε η Μπόμπα την μαύρη ζώνη", False),  # (she) won
    ("Η ΝΔ επένδυσε προεκλογικά στον ρατσισμό", False),  # (it) invested
    ("Κερδίστε 500 ευρώ τη μέρα, πατήστε εδώ", True),
])
def test_greek_won_and_invested_are_no_spam(text, spam):
    assert ("spam" in match_cues(text, "el")) == spam
# The structure of forum and issue-tracker posts (issue 12: "questions that describe an error read
# as bug reports"). Written for these tests, not taken from any benchmark.
@pytest.mark.parametrize("text, category", [
    # Help-seeking: someone narrating their own attempt, asking for a way out.
    ("I'm trying to build the project on Windows and get a linker error", "question"),
    ("Kindly help me resolve this, the import fails every time", "question"),
    ("I am new to Docker and the container exits with code 137", "question"),
    # A post that declares its own type: a title tag, a "Type:" line.
    ("[Question] Which Python versions are supported?", "question"),
    ("Login loops after the update. Issue type: support", "question"),
    ("[Feature] Keyboard shortcut to toggle the sidebar", "request"),
    ("Enhancement: remember the last opened folder", "request"),
    ("[Bug] Export drops the last column", "complaint"),
    ("[DevTools Bug]: the profiler tab is blank", "complaint"),
    # Bug structure: a crash signal, a regression, a fix asked for.
    ("Segfault in resize with a zero height, core dumped", "complaint"),
    ("The editor no longer opens files with spaces in the name", "complaint"),
    ("Fix the date parsing for two-digit years", "complaint"),
    # A title that opens with the change it wants.
    ("Expose the retry count in the response headers", "request"),
])
def test_english_post_structure_cues(text, category):
    assert category in match_cues(text, "en")


def test_a_post_that_opens_by_asking_counts_its_opening_once_more():
    # Below the cap, without a question mark: the same sentences in the other order.
    asked = "Is there a setting for the sync timeout. It logs an error every night"
    told = "It logs an error every night. Is there a setting for the sync timeout"
    scores = score_cues([asked, told], ["en", "en"])
    assert scores["question"][0] > scores["question"][1]


@pytest.mark.parametrize("text, category", [
    ("Fix the date parsing for two-digit years", "complaint"),
    ("Expose the retry count in the response headers", "request"),
])
def test_opening_patterns_read_only_the_first_sentence(text, category):
    assert category in match_cues(text, "en")
    assert category not in match_cues("We talked about it yesterday. " + text, "en")
@pytest.mark.parametrize("text, lang, bare", [
    ("גם אצלי!!", "he", True), ("אותו דבר אצלי", "he", True), ("גם לי קרה אותו דבר", "he", True),
    ("+1", "he", True), ("κι εμένα το ίδιο", "el", True), ("και σε μένα!", "el", True),
    ("same here", "en", True), ("me too! 😩", "en", True),
    # something said besides the agreement: the post is typed on its own words
    ("גם אני שמאלנית , אך החזקתי לך אצבעות", "he", False),
    ("+1 אבל אצלי האפליקציה עדיין לא נפתחת", "he", False),
    ("κι εγώ, πολύ ωραία δουλειά", "el", False),
    ("+1 still crashing for me though", "en", False), ("call me at +1 555 1234", "en", False),
    ("the app crashes when I pay", "en", False),
])
def test_a_bare_agreement_is_the_agreement_and_filler_only(text, lang, bare):
    from mining.challenges.cues import bare_agreement

    assert bare_agreement(text, lang) is bare



# Issue and forum templates (issue 12: long issues where the template dominates). Written for these
# tests on GitHub's default forms, not taken from any benchmark.
FEATURE_FORM = ("Dark theme for the reader view. **Is your feature request related to a problem? "
                "Please describe.** A clear and concise description of what the problem is. Ex. I'm "
                "always frustrated when [...] Reading at night. **Describe the solution you'd like** "
                "A dark theme for the reader.")
BUG_FORM = ("Export drops the last column. **Describe the bug** A clear and concise description of "
            "what the bug is. The last column is missing from the CSV. **Expected behavior** A clear "
            "and concise description of what you expected to happen.")


def test_a_feature_form_reads_as_a_request_not_as_its_prompts():
    found = match_cues(FEATURE_FORM, "en")
    assert "request" in found
    assert "complaint" not in found and "question" not in found and "negative" not in found


def test_a_bug_form_keeps_its_bug_heading_not_its_instructions():
    found = match_cues(BUG_FORM, "en")
    assert "complaint" in found and "question" not in found
    assert "problem" not in " ".join(found.get("complaint", []))


@pytest.mark.parametrize("answer, category, other", [("Feature", "request", "complaint"),
                                                     ("Bug", "complaint", "request")])
def test_a_form_that_asks_the_kind_of_post_reads_the_answer(answer, category, other):
    text = (f"Suspense shows the fallback on each update. **Do you want to request a *feature* or report a "
            f"*bug*?** {answer} **What is the current behavior?** The spinner flashes.")
    found = match_cues(text, "en")
    assert category in found and other not in found and "question" not in found


def test_a_support_policy_in_the_form_is_no_question():
    text = ("Build fails on macOS 13. Please go to Stack Overflow for help and support: If you open a "
            "GitHub issue, here is our policy: It must be a bug, a feature request, or a significant "
            "problem with the documentation. The linker stops at libcore.")
    assert "question" not in match_cues(text, "en")


@pytest.mark.parametrize("text, lang", [("האפליקציה קורסת כל פעם שאני פותח את המצלמה", "he"),
                                        ("Δεν ανοίγει η εφαρμογή μετά την ενημέρωση;", "el"),
                                        ("How do I reset my password?", "en")])
def test_posts_without_a_form_are_read_unchanged(text, lang):
    from mining.challenges.cues import read_forms

    assert read_forms(text, lang) == text


# Review 8 (R8-1, phase 2): the failure verbs added for plain-fact complaints also read what falls
# in a market or a ranking, and laughter idioms; a failure said as a plain fact praises nothing.
@pytest.mark.parametrize("text, lang", [
    ("הבורסה נופלת היום בגלל הבחירות", "he"),
    ("המחירים יורדים כל הזמן", "he"),
    ("נפלתי מהכיסא מצחוק", "he"),
    ("ο Ολυμπιακός έπεσε στη δεύτερη θέση", "el"),
    ("το χρηματιστήριο έπεσε σήμερα 3%", "el"),
    ("έπεσα κάτω από τα γέλια με τον Λάκη", "el"),
])
def test_a_market_a_ranking_or_laughter_that_falls_is_no_complaint(text, lang):
    assert score_cues([text], [lang])["complaint"][0] < 0  # evidence against, not only none


@pytest.mark.parametrize("text, lang", [
    ("האינטרנט נופל כל ערב", "he"),
    ("הראוטר מתנתק כל חצי שעה", "he"),
    ("το ίντερνετ έπεσε πάλι", "el"),
    ("η ταχύτητα έπεσε στο μισό από χθες", "el"),  # a service's speed, not a ranking
])
def test_a_service_that_falls_stays_a_complaint(text, lang):
    assert score_cues([text], [lang])["complaint"][0] >= 2.0


@pytest.mark.parametrize("text, lang", [
    ("ההזמנה הגיעה קרה לגמרי", "he"),
    ("אין קליטה בכלל בבית", "he"),
    ("το φαγητό ήρθε κρύο", "el"),
    ("δεν έχω ίντερνετ από το πρωί", "el"),
])
def test_a_plain_failure_takes_praise_back(text, lang):
    assert score_cues([text], [lang])["praise"][0] < 0


@pytest.mark.parametrize("text, lang", [("מתתי מצחוק", "he"), ("πέθανα στα γέλια με αυτό", "el")])
def test_laughing_is_no_negativity(text, lang):
    assert score_cues([text], [lang])["negative"][0] < 0


# GUIDE.md: "is it just me?" and a tag asking the reader to agree want no answer (el-153, el-355);
# the tag "ε;" ends 9 Greek dev posts, all `other`.
@pytest.mark.parametrize("text, plain", [
    ("τι ωραία ζωή που κάνει όμως ε;", "τι ωραία ζωή που κάνει όμως;"),
    ("Για να είσαι ευτυχισμένος πρέπει να κάνεις αυτό που θες εσύ, το ξέρεις ε;",
     "Για να είσαι ευτυχισμένος πρέπει να κάνεις αυτό που θες εσύ, το ξέρεις;"),
    ("Είναι ιδέα μου ή η Άννα περπάταγε περίεργα; #gntmgr", "Η Άννα περπάταγε περίεργα; #gntmgr"),
    ("ΜΌΝΟ ΕΓΏ ΑΝΥΠΟΜΟΝΩ ΓΙΑ ΝΑ ΈΡΘΕΙ Η ΏΡΑ ΤΟΥ ΠΛΑΤΟΥ;", "ΑΝΥΠΟΜΟΝΩ ΓΙΑ ΝΑ ΈΡΘΕΙ Η ΏΡΑ ΤΟΥ ΠΛΑΤΟΥ;"),
])
def test_greek_questions_that_want_no_answer(text, plain):
    scores = score_cues([text, plain], ["el", "el"])["question"]
    assert scores[0] <= scores[1] - 2.0


def test_a_greek_question_that_asks_keeps_its_evidence():
    assert score_cues(["Τι ώρα αρχίζει σήμερα; #gntmgr"], ["el"])["question"][0] == CAP


# Hebrew forms the cross-validation's errors showed the lexicon lacked, each a rule of GUIDE.md:
# formal asks of a public figure's page are requests (he-117, he-271), "כל מילה בסלע" and laughter
# credited to the creator praise (he-246, he-071), "you disappointed me" complains.
@pytest.mark.parametrize("text, category", [
    ("אנא ממך כבוד הנשיא, תן לנו להרגיש בטוחים", "request"),
    ("כבוד הנשיא, אנו קוראות לך לתמוך בהסדר", "request"),
    ("כתבה נהדרת, נשמח לעוד כתבות על טבע", "request"),
    ("כל מילה בסלע ! חיה ותן לחיות", "praise"),
    ("אחד הסרטונים הטובים. קרעת אותי😂😂", "praise"),
    ("גם אותי אכזבת וגם בלי אדוני", "complaint"),
])
def test_hebrew_formal_asks_sayings_and_disappointment(text, category):
    assert score_cues([text], ["he"])[category][0] >= 1.5


def test_hostile_laughter_is_not_credited_to_the_creator():
    # he-028: "אתם קורעים אותי מצחוק" mocks the page; only "קרעת אותי" credits the creator.
    assert score_cues(["אתם קורעים אותי מצחוק. זאת ההוכחה שאין לכם אסטרטגיה"], ["he"])["praise"][0] <= 0


# Review 9 R9-3: the constructions of terse survey answers, and what they must not take.
@pytest.mark.parametrize("text, lang, category", [
    ("Θέλω να μπορώ να κρύβω τις παλιές συνομιλίες", "el", "request"),
    ("Να προστεθεί πληρωμή με IRIS", "el", "request"),
    ("Δυνατότητα κράτησης για την επόμενη μέρα", "el", "request"),
    ("thelw na mporw na kryvw tis synomilies", "el", "request"),
    ("Αργή η αναζήτηση", "el", "complaint"),
    ("Δεν ανεβαίνουν τα αρχεία PDF", "el", "complaint"),
    ("Δεν βρίσκω πώς ακυρώνω την παραγγελία", "el", "complaint"),
    ("ΠΟΛΛΈΣ ΔΙΑΦΗΜΊΣΕΙΣ", "el", "complaint"),
    ("den anevainoun ta arxeia", "el", "complaint"),
    ("לא מוצאת איפה מורידים את החשבונית", "he", "complaint"),
    ("יותר מדי הודעות פרסום", "he", "complaint"),
    ("שיהיה אפשר להזמין מראש", "he", "request"),
    ("אפשרות לייצא לאקסל", "he", "request"),
])
def test_survey_answer_constructions(text, lang, category):
    assert score_cues([text], [lang])[category][0] > 0


@pytest.mark.parametrize("text, lang, category", [
    ("Θέλω να μπορώ να κρύβω τις παλιές συνομιλίες", "el", "question"),  # a wish, not "can I...?"
    ("Δεν βρίσκω λόγια, μπράβο σας", "el", "complaint"),  # lost for words: praise
    ("Γύρισα αργά το βράδυ", "el", "complaint"),  # the adverb "late"
    ("לא מוצא מילים, פשוט מושלם", "he", "complaint"),
    ("שיהיה לכם יום טוב", "he", "request"),  # a greeting
])
def test_survey_answer_constructions_do_not_overreach(text, lang, category):
    assert score_cues([text], [lang])[category][0] <= 0


# Hebrew dev-set rants the survey cues first took (cross-validation errors of the Hebrew dev split).
@pytest.mark.parametrize("text, category", [
    ("הויכוח שלא מוצא חן בעינייך שאני מעריך את רובי", "complaint"),  # a dislike, not a lost item
    ("לא ברור לי מה נסגר איתכם", "complaint"),  # not knowing
    ("מה הקשר לעזאזל ?!?! חייב להיות גבול", "request"),  # "must be", no ask
])
def test_hebrew_survey_cues_do_not_read_rants(text, category):
    assert score_cues([text], ["he"])[category][0] <= 0


@pytest.mark.parametrize("text, lang", [
    ("המסלול הישן לא בוטל ואני משלמת על שני מסלולים, תודה מראש", "he"),
    ("Η χρέωση ήρθε διπλή αυτόν τον μήνα, ευχαριστώ εκ των προτέρων", "el"),
    ("I was charged twice this month, thanks in advance", "en"),
])
def test_thanks_in_advance_closing_a_complaint_is_no_praise(text, lang):
    """Review 10 (R10-12): with "תודה מראש" a page inbox's complaints were typed praise (8 of 46
    double-charge complaints) and eligible half as often."""
    scores = score_cues([text], [lang])
    assert scores["praise"][0] <= 0 and scores["positive"][0] <= 0
    assert scores["complaint"][0] > 0


def test_a_thank_you_is_still_praise():
    assert score_cues(["תודה רבה על העזרה, סודר"], ["he"])["praise"][0] > 0
    assert score_cues(["thank you so much, it works now"], ["en"])["praise"][0] > 0
