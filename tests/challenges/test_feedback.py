import numpy as np
import pandas as pd
import pytest

from mining.challenges.feedback import FEEDBACK_TYPES, FeedbackClassifier, classify_feedback

CASES = [
    ("האפליקציה קורסת כל פעם שאני מנסה לשלם, נמאס", "he", "complaint"),
    ("חייבו אותי פעמיים על אותה הזמנה ואף אחד לא עונה", "he", "complaint"),
    ("איך משנים את כתובת המשלוח אחרי שהזמנתי?", "he", "question"),
    ("הייתי שמח אם תוסיפו מצב לילה לאפליקציה", "he", "request"),
    ("שירות מעולה, השליח היה אדיב והכל הגיע טרי. תודה!", "he", "praise"),
    ("Η εφαρμογή κολλάει στην πληρωμή και δεν μπορώ να παραγγείλω", "el", "complaint"),
    ("Πώς ακυρώνω τη συνδρομή μου;", "el", "question"),
    ("Θα ήθελα να προσθέσετε φίλτρο για vegan προϊόντα", "el", "request"),
    ("Μπράβο στον κούριερ, ευγενέστατος και στην ώρα του!", "el", "praise"),
    ("My order arrived two hours late and half the items were missing", "en", "complaint"),
    ("What is the minimum order for free delivery?", "en", "question"),
    ("Please add Apple Pay, typing my card every time is annoying", "en", "request"),
    ("Huge thanks to the support team, they fixed it in minutes", "en", "praise"),
]


@pytest.fixture(scope="module")
def typed(embed):
    texts = [t for t, _, _ in CASES]
    return FeedbackClassifier().predict(texts, [lang for _, lang, _ in CASES], embed(texts))


@pytest.mark.parametrize("i", range(len(CASES)), ids=[f"{c[1]}-{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_feedback_type(typed, i):
    assert typed["feedback_type"][i] == CASES[i][2]


def test_columns_and_ranges(typed):
    assert list(typed.columns) == ["feedback_type", "feedback_confidence", "is_spam", "is_abusive"]
    assert set(typed["feedback_type"]) <= set(FEEDBACK_TYPES)
    assert typed["feedback_confidence"].between(0, 1).all()
    assert str(typed["is_spam"].dtype) == "boolean"


@pytest.mark.parametrize("text, lang, spam, abusive, kind", [
    ("Earn 500 dollars a day from home! Click the link in my bio", "en", True, False, "other"),
    ("להרוויח 3000 ש\"ח בשבוע מהבית, פרטים בקישור", "he", True, False, "other"),
    ("Άχρηστοι είστε όλοι σας, απατεώνες", "el", False, True, None),
    ("This app is garbage since the update, it crashes every time", "en", False, False, "complaint"),
])
def test_spam_and_abuse_flags_keep_criticism(embed, text, lang, spam, abusive, kind):
    found = FeedbackClassifier().predict([text], [lang], embed([text])).iloc[0]
    assert bool(found["is_spam"]) is spam
    assert bool(found["is_abusive"]) is abusive
    if kind:
        assert found["feedback_type"] == kind


def test_cue_weight_serves_heads_that_do_not_read_the_cues(embed):
    # The shipped head learned its own weights for the cue scores: adding them again would count
    # them twice. A head fitted on vectors alone gets them through cue_weight.
    text = ["Does it work offline?"]
    shipped = [FeedbackClassifier(cue_weight=w).predict_proba(text, ["en"], embed(text)) for w in (0, 1)]
    assert np.allclose(shipped[0].to_numpy(), shipped[1].to_numpy())
    texts = ["the app crashes", "it keeps freezing", "how do I pay?", "where is my receipt?",
             "please add dark mode", "add Apple Pay please"]
    labels = ["complaint", "complaint", "question", "question", "request", "request"]
    fitted = [FeedbackClassifier(cue_weight=w).fit(embed(texts), labels, ["en"] * 6) for w in (0, 1)]
    head, both = (f.predict_proba(text, ["en"], embed(text)) for f in fitted)
    assert both["question"][0] > head["question"][0]


def test_fit_trains_a_new_head_on_labelled_posts(embed):
    texts = ["the app crashes", "it keeps freezing", "how do I pay?", "where is my receipt?",
             "please add dark mode", "add Apple Pay please"]
    labels = ["complaint", "complaint", "question", "question", "request", "request"]
    classifier = FeedbackClassifier(cue_weight=0).fit(embed(texts), labels, ["en"] * 6)
    assert sorted(classifier.head_.classes_) == ["complaint", "question", "request"]
    assert list(classifier.predict(texts, ["en"] * 6, embed(texts))["feedback_type"]) == labels


def test_fit_rejects_unknown_labels(embed):
    with pytest.raises(ValueError, match="bug"):
        FeedbackClassifier().fit(embed(["x"]), ["bug"], ["en"])


def test_brand_posts_are_other_and_index_is_kept(embed):
    texts = ["Sorry, the app crashes for some users, a fix is coming", "the app crashes all the time"]
    posts = pd.DataFrame({"text_norm": texts, "lang": ["en", "en"]}, index=[10, 11])
    found = classify_feedback(posts, embed(texts), FeedbackClassifier(), np.array([True, False]))
    assert list(found.index) == [10, 11]
    assert list(found["feedback_type"]) == ["other", "complaint"]


def test_empty_input():
    found = FeedbackClassifier().predict([], [], np.zeros((0, 384), np.float32))
    assert len(found) == 0 and "feedback_type" in found


# Issue 12's quotes from real chats: what the cues and the heads must read through.
@pytest.mark.parametrize("text, lang, kind, not_sentiment", [
    ("איזה מלך", "he", "praise", "negative"),  # exclamation, not a question
    ("איזה תותח", "he", "praise", "negative"),
    ("אני לא יודע", "he", "other", "negative"),  # negation without a fault
    ("אני לא מצליח להבין", "he", "other", "negative"),  # the top "challenge" of a real chat
    ("ρε μαλακα τι εγινε χθες", "el", "other", "positive"),  # banter: not abuse, not a request
    ("אין על בן בן בעולם", "he", "praise", "negative"),  # superlative through negation (he-036)
])
def test_language_cases_of_issue_12(embed, text, lang, kind, not_sentiment):
    from mining.challenges.sentiment import SentimentScorer

    typed = FeedbackClassifier().predict([text], [lang], embed([text]))
    felt = SentimentScorer().predict([text], [lang], embed([text]))
    assert typed["feedback_type"][0] == kind and not typed["is_abusive"][0]
    assert felt["sentiment"][0] != not_sentiment


# GUIDE.md: Greek "θέλω να" states the writer's own wish and "να" alone makes a subjunctive; the
# first is the brief's example, the others quote the dev set (el-199, el-008, el-059).
@pytest.mark.parametrize("text", ["θέλω να σας ευχαριστήσω", "Θέλω να πω", "να δουμε",
                                  "Να βρω την φωτο να την στειλω"])
def test_greek_wishes_and_subjunctives_are_not_requests(embed, text):
    typed = FeedbackClassifier().predict([text], ["el"], embed([text]))
    assert typed["feedback_type"][0] != "request"


# Review 5 (F15): the same customer complaints typed on a Latin keyboard. Embedded and cue-read
# in Latin letters they were typed other, question or praise (18 of 70 complaint; their
# Greek-script twins 74 of 80).
GREEKLISH_COMPLAINTS = [
    "h efarmogh kollaei otan paw na plhrwsw 😡",
    "den mporw na synde8w meta thn enhmerwsh...",
    "apo x8es den erxetai o kwdikos epalh8eyshs me sms",
    "pali to koyponi den pernaei sto tameio!!",
    "me xrewsan dyo fores thn idia paraggelia",
]


def _prepared(texts: list[str], tmp_path):
    """``texts`` as the run prepares them (read from a table, identities protected, languages)."""
    from mining.config import Config, InputConfig
    from mining.ingest import read_inputs
    from mining.pipeline import prepare_posts
    from mining.privacy import protect_identities

    pd.DataFrame({"text": texts}).to_csv(tmp_path / "posts.csv", index=False)
    config = Config().updated("embedding", cache_dir=str(tmp_path / "cache"))
    posts, _ = read_inputs([str(tmp_path / "posts.csv")], InputConfig())
    protected, _ = protect_identities(posts, config.privacy, config.brand)
    return prepare_posts(protected, config), config


def test_greeklish_complaints_are_typed_as_complaints(tmp_path):
    from mining.challenges.analyze import classify_posts
    from mining.pipeline import embed_stage
    from mining.runs import Manifest

    posts, config = _prepared(GREEKLISH_COMPLAINTS, tmp_path)
    assert posts["greeklish"].all() and posts["analyzed"].all()
    vectors, _ = embed_stage(posts, set(), config, Manifest(), progress=False)
    typed, _ = classify_posts(posts, vectors, set(), config.challenges)
    assert typed["feedback_type"].tolist() == ["complaint"] * len(GREEKLISH_COMPLAINTS)
    assert (typed["sentiment"] != "positive").all()
    assert posts["text_norm"].tolist() == GREEKLISH_COMPLAINTS  # the text as written is kept


# "Me too" with a problem (review 5, F7): the members who confirm a problem are complainers; they
# were typed praise or other in Hebrew and Greek ("קורס" also reads "a course", "κολλάει" "gets
# hooked") and dropped out of the challenges. Agreement with praise stays praise.
ME_TOO = [
    ("+1 גם אצלי האפליקציה קורסת", "he", "complaint"),
    ("+1 גם לי לא הגיע ההחזר", "he", "complaint"),
    ("+1 אותה בעיה בתשלום", "he", "complaint"),
    ("גם אצלי אותו דבר, קורס כל הזמן", "he", "complaint"),
    ("+1 και σε μένα κολλάει η εφαρμογή", "el", "complaint"),
    ("+1 κι εμένα δεν μου ήρθε η παραγγελία", "el", "complaint"),
    ("same here, app keeps crashing", "en", "complaint"),
    ("+1 same problem, the app crashes on login", "en", "complaint"),
    ("גם אני אוהב את הפרק הזה, מעולה", "he", "praise"),
    ("κι εμένα μου αρέσει πολύ, μπράβο", "el", "praise"),
    ("+1 please add dark mode", "en", "request"),
]


@pytest.mark.parametrize("text, lang, expected", ME_TOO,
                         ids=[f"{c[1]}-{c[2]}-{i}" for i, c in enumerate(ME_TOO)])
def test_me_too_takes_the_type_of_what_it_agrees_with(embed, text, lang, expected):
    typed = FeedbackClassifier().predict([text], [lang], embed([text]))
    assert typed["feedback_type"][0] == expected


def test_a_competitors_name_stays_as_written_in_a_greeklish_reading(tmp_path):
    """"wolt den leitourgei simera" was read "ωολτ δεν λειτουργει σημερα", and "ωολτ" labelled a
    challenge though Wolt was configured as a competitor (review 7 P2)."""
    from mining.lang import texts_read
    from mining.pipeline import prepare_posts

    posts, config = _prepared(["h paraggelia apo wolt argei 2 wres", "wolt den leitourgei simera"],
                              tmp_path)
    config = config.updated("brand", competitors=["Wolt: wolt, וולט"])
    read = texts_read(prepare_posts(posts.drop(columns=["text_read"]), config)).tolist()
    assert read == ["η παραγγελια απο wolt αργει 2 ωρες", "wolt δεν λειτουργει σημερα"]


# Forum and issue-tracker posts whose structure decides the type (issue 12: "questions that
# describe an error read as bug reports"); written for this test, not taken from any benchmark.
@pytest.mark.parametrize("text, kind", [
    ("Error while installing on a Raspberry Pi. I'm trying to install the tool with pip and it stops "
     "with 'Failed building wheel for cryptography'. Please help, I'm new to Linux.", "question"),
    ("How can I make the exporter skip empty rows? Right now it fails with 'ValueError: empty "
     "record' on half of my files.", "question"),
    ("Segfault in the image decoder when the file is truncated; core dumped, stack trace attached.",
     "complaint"),
    ("[Bug] The export drops the last column of every sheet.", "complaint"),
    ("Expose the retry count in the client so we can tune the backoff.", "request"),
    ("[Feature] A keyboard shortcut to toggle the sidebar.", "request"),
])
def test_issue_tracker_posts_are_typed_by_their_structure(embed, text, kind):
    typed = FeedbackClassifier().predict([text], ["en"], embed([text]))
    assert typed["feedback_type"][0] == kind


# Issues written on a template (issue 12: long issues where the template dominates): the form's
# prompts and instructions are no evidence, the kind of post the writer chose is. Written for this
# test on GitHub's default forms and common project forms, not taken from any benchmark.
@pytest.mark.parametrize("text, kind", [
    ("Sort bookmarks by date added. **Is your feature request related to a problem? Please "
     "describe.** A clear and concise description of what the problem is. Ex. I'm always frustrated "
     "when [...] With hundreds of bookmarks I can't find the ones I saved this week. **Describe the "
     "solution you'd like** A sort option by date added.", "request"),
    ("Calendar sync. **Do you want to request a *feature* or report a *bug*?** Feature **What is the "
     "current behavior?** Events from the shared calendar only show up after a manual refresh. "
     "**What is the expected behavior?** They appear on their own.", "request"),
    ("Build fails on macOS 13. Please go to Stack Overflow for help and support: If you open a GitHub "
     "issue, here is our policy: It must be a bug, a feature request, or a significant problem with "
     "the documentation. The linker stops at libcore with an undefined symbol.", "complaint"),
    ("Export drops the last column. **Describe the bug** A clear and concise description of what the "
     "bug is. The last column is missing from the CSV. **Expected behavior** A clear and concise "
     "description of what you expected to happen.", "complaint"),
    ("Thumbnails are blurry on retina screens. ### Issue submission checklist - [x] I report the "
     "issue, it's not a question - [x] I checked the problem with documentation, FAQ, open issues, "
     "forum.opencv.org, Stack Overflow, etc and have not found any solution. The preview uses the 1x "
     "image.", "complaint"),
])
def test_issues_written_on_a_template_are_typed_by_what_the_writer_chose(embed, text, kind):
    typed = FeedbackClassifier().predict([text], ["en"], embed([text]))
    assert typed["feedback_type"][0] == kind


# Review 8 (R8-1 and its phase-2 note), the reviewer's probe sentences: a team that falls in the
# table and falling off a chair laughing were confident complaints (0.73, 0.62), a cold delivery
# and no reception at home praise (0.68, 0.42).
@pytest.mark.parametrize("text, lang, not_kind", [
    ("ο Ολυμπιακός έπεσε στη δεύτερη θέση", "el", "complaint"),  # other 0.61
    ("ההזמנה הגיעה קרה לגמרי", "he", "praise"),
    ("אין קליטה בכלל בבית", "he", "praise"),
])
def test_what_falls_and_what_failed_plainly(embed, text, lang, not_kind):
    typed = FeedbackClassifier().predict([text], [lang], embed([text]))
    assert typed["feedback_type"][0] != not_kind


def test_laughing_off_a_chair_is_no_confident_complaint(embed):
    from mining.config import ChallengesConfig

    text = "נפלתי מהכיסא מצחוק"
    typed = FeedbackClassifier().predict([text], ["he"], embed([text])).iloc[0]
    assert typed["feedback_type"] != "complaint" or typed["feedback_confidence"] < ChallengesConfig().min_confidence


# Review 9 R9-3: survey answers ("what would you improve?") are terse: an adjective of failure and a
# noun, "δεν ανεβαίνουν", "can't find", or the wish to be able to do something. Typed other or
# praise, they never reached a challenge. Written for this test (not the seeds' wording).
@pytest.mark.parametrize("text, lang, kind", [
    ("Δεν ανεβαίνουν τα αρχεία PDF", "el", "complaint"),
    ("Δεν βρίσκω πώς ακυρώνω την παραγγελία", "el", "complaint"),
    ("Πολλές διαφημίσεις ανάμεσα στα άρθρα", "el", "complaint"),
    ("Θέλω να μπορώ να κρύβω τις παλιές συνομιλίες", "el", "request"),
    ("Να προστεθεί πληρωμή με IRIS", "el", "request"),
    ("Να έχει και αγγλικό μενού", "el", "request"),
    ("לא מוצאת איפה מורידים את החשבונית", "he", "complaint"),
    ("יותר מדי הודעות פרסום", "he", "complaint"),
    ("שיהיה אפשר להזמין מראש", "he", "request"),
])
def test_terse_survey_answers_are_confident_complaints_and_requests(embed, text, lang, kind):
    from mining.config import ChallengesConfig

    typed = FeedbackClassifier().predict([text], [lang], embed([text])).iloc[0]
    assert typed["feedback_type"] == kind
    assert typed["feedback_confidence"] >= ChallengesConfig().min_confidence


@pytest.mark.parametrize("text, kind", [
    ("מי שצריך את המספר של member-0fcfe050: [phone]", "other"),  # review 13, R13-10
    ("אפשר להתקשר אליי [phone]", "other"),  # review 11's chats
    ("מה המספר של הגננת?", "question"),
])
def test_a_post_passing_on_a_number_asks_nothing(embed, text, kind):
    # Typed a question for "מי" ("who") or "אפשר" ("may"), a shared phone number was a recurring
    # question "asked 11 times"; a question about a number stays one.
    found = FeedbackClassifier().predict([text], ["he"], embed([text])).iloc[0]
    assert found["feedback_type"] == kind
