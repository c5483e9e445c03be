"""Labels that tell topics apart: distinct in a table, each word kept in the label of the topic
that holds it most (the keywords are those of four topics of a real run on the Hebrew comments
of ../shared/corpora, where two topics were both labelled "הנשיא · כבוד · בהצלחה")."""
from mining.topics.describe import (LABEL_WORDS, NO_SHARED_WORD, _unique, cluster_label,
                                    distinct_labels)

KEYWORDS = {
    0: "מדינת; יהודי; הנשיא; ישראל; התבוללות; ערבי; דבר; יהודיה; כבוד; יתכן".split("; "),
    2: "הנשיא; כבוד; בהצלחה; ישראל; מדינת; אדוני; איש; יחי; הנבחר; רבה".split("; "),
    4: "הנשיא; כבוד; בהצלחה; מדינת; ישראל; העם; אדם; שמח; מאחל; בתפקיד".split("; "),
    6: "ריבלין; רובי; הנשיא; ראובן; מדינת; מר; ישראל; בהצלחה; כבוד; הארץ".split("; "),
}
# share of each topic's posts holding a word (0.1 for the words not listed)
SHARES = {(0, "מדינת"): 0.5, (2, "הנשיא"): 0.6, (4, "הנשיא"): 0.4, (6, "הנשיא"): 0.3,
          (0, "הנשיא"): 0.2, (4, "כבוד"): 0.5, (2, "כבוד"): 0.3, (4, "בהצלחה"): 0.45,
          (2, "בהצלחה"): 0.2}


def share(topic, word):
    return SHARES.get((topic, word), 0.1)


def test_labels_are_distinct_and_share_no_word():
    labels = distinct_labels(KEYWORDS, share)
    assert len({tuple(v) for v in labels.values()}) == len(labels)
    words = [w for v in labels.values() for w in v]
    assert len(words) == len(set(words))
    assert all(len(v) == LABEL_WORDS for v in labels.values())


def test_a_word_stays_where_its_topic_holds_it_most():
    labels = distinct_labels(KEYWORDS, share)
    assert labels[2][0] == "הנשיא"  # 60% of topic 2's posts hold it
    assert labels[4][:2] == ["כבוד", "בהצלחה"]
    assert labels[0][0] == "מדינת" and labels[6][:2] == ["ריבלין", "רובי"]


def test_words_unfit_for_a_label_are_skipped():
    labels = distinct_labels({0: ["μαλάκες", "νόμους", "μαύροι", "Τουρκία"]}, share,
                             fit=lambda key: key != "μαλάκες")
    assert labels == {0: ["νόμους", "μαύροι", "Τουρκία"]}


def test_a_repeated_label_is_told_apart():
    assert _unique(["πόσο · μαλλί", "πόσο · μαλλί"], [0, 1], {1: ["πόσο", "μαλλί", "ff"]}) == \
        ["πόσο · μαλλί", "πόσο · μαλλί · ff"]
    assert _unique(["Μιλτος", "Μιλτος"], [3, 5]) == ["Μιλτος", "Μιλτος (topic 5)"]


def test_a_cluster_takes_the_label_of_its_largest_language_that_has_one():
    # 18 Cypriot Greek questions of a real run, no two sharing a word, and 4 English ones
    row = {"n_he": 0, "n_el": 18, "n_en": 4, "label_he": "", "label_el": "",
           "label_en": "iOS · version · DM"}
    assert cluster_label(row) == "iOS · version · DM"
    assert cluster_label({**row, "label_el": "ΑΠΟΕΛ · γήπεδο"}) == "ΑΠΟΕΛ · γήπεδο"
    # a challenge labelled "topic 0" read as a topic's id
    assert cluster_label({**row, "label_en": ""}) == NO_SHARED_WORD


def test_a_label_repeats_no_word():
    # a real Hebrew label was "כבוד · הנשיא · כבוד הנשיא"
    labels = distinct_labels({0: ["כבוד", "הנשיא", "כבוד הנשיא", "בהצלחה", "מדינת"],
                              1: ["λογαριασμός ρεύματος", "λογαριασμός", "ΔΕΗ", "ρεύματος"]}, share)
    assert labels == {0: ["כבוד", "הנשיא", "בהצלחה"], 1: ["λογαριασμός ρεύματος", "ΔΕΗ"]}


def test_a_label_holds_no_word_and_its_own_piece():
    """Review 11 (R11-10): a challenge of login reports was "login · log · data" (the keys of
    "login" and "log in"); Greek keys are stems, and one may begin another."""
    labels = distinct_labels({0: ["login", "log", "data", "viber"],
                              1: ["δουλει", "δουλ", "σπιτ", "λεφτ"]}, share)
    assert labels == {0: ["login", "data", "viber"], 1: ["δουλει", "σπιτ", "λεφτ"]}


def test_a_word_of_one_post_is_no_label_word():
    """Review 11 (R11-9): a Greek topic of 31 posts was labelled "μέρες · γεύση · ετοιμαζεσαι",
    each word in one post; another named a TV contestant ("Σουζάνα") from one tweet of 18."""
    from types import SimpleNamespace

    import numpy as np

    from mining.topics.describe import _language_labels

    docs = np.array(["σουζάνα γοργόνα", "εφαρμογή κολλάει πληρωμή", "εφαρμογή κολλάει ξανά",
                     "πληρωμή κολλάει", "μέρες εφαρμογή"])
    model = SimpleNamespace(topics_=np.zeros(5, dtype=int),
                            keywords_={0: {"el": ["σουζάνα", "μέρες", "εφαρμογή", "κολλάει", "πληρωμή"]}})
    spelt = SimpleNamespace(shown=lambda topic, key: key, global_shown=lambda key: key)
    labels, held = _language_labels(model, spelt, docs, np.ones(5, dtype=bool), "el", [0])
    assert labels == {0: "εφαρμογή · κολλάει · πληρωμή"} and held == {0: 3}


def test_a_few_posts_of_another_language_do_not_name_a_topic():
    """Review 12 (R12-8): a topic of 26 Greek posts and 3 English ones, without a Greek word its
    posts share, was labelled "trying", a word two English posts held."""
    row = {"n_he": 0, "n_el": 26, "n_en": 3, "label_he": "", "label_el": "", "label_en": "trying",
           "held_en": 2}
    assert cluster_label(row) == NO_SHARED_WORD
    assert cluster_label({**row, "held_en": 3}) == "trying"


def test_a_topics_main_language_label_needs_what_its_keywords_need():
    """Review 13 (P13-1): a topic of 25 Hebrew posts and 8 others, its label word held by 3 of the
    Hebrew posts (10% of 25 rounds up to 3), was "no word shared by several posts": the bar was
    10% of all 33 posts."""
    row = {"n_he": 25, "n_el": 7, "n_en": 1, "label_he": "רבה", "label_el": "", "label_en": "",
           "held_he": 3}
    assert cluster_label(row, topic=True) == "רבה"
    assert cluster_label({**row, "held_he": 2}, topic=True) == NO_SHARED_WORD
    assert cluster_label(row) == NO_SHARED_WORD  # a challenge keeps the whole cluster's bar


# The posts of a topic of review 13's Greek Telegram group (OffensEval tweets about TV shows).
TV = [
    'Ρε θα ούρλιαξω από τα νευρα που θα την πάει στην φωλιτσα του με τη γκόμενα #erwtasmeta',
    'Είσαι αίμα μου λέει η Αθηνά και γυαλισε το μάτι του του Παύλου #Hepistrofi',
    'Τα λόγια περισσεύουν #erwtasmeta',
    'Από το #erwtasmeta γιατί δεν καλούν κανέναν; Το απαγορεύει το συμβόλαιό τους; Πραγματικά όμως.... #kalytera',
    '@USER στανταρακι! #erwtasmeta',
    'Έχει δίκιο ο Γιωργάκης πάντως..... #erwtasmeta',
    'Μου έχει ΛΑΤΡΕΜΕΝΟ Τάσο Ξιάρχο το #mesanyxta μετά το #erwtasmeta απέναντι σε μανουλομάνουλο Γιάννη Κουκουράκη του #the2nightshow μετά τις #agriesmelisses ; ΓΙΑΤΙ ΜΟΥ ΤΑ ΚΑΝΕΤΕ ΑΥΤΑ;',
    '#erwtasmeta Σοοοοοδομα και γομορρα!',
    'Το περίμενα από την πρώτη «φορά αριστερά»! #ηρθε #ερχεται_ΠΟΥΤΣΑ',
    'Πόσο στεναχωριέμαι με τον Χρήστο #erwtasmeta',
    'Λιακος και Κρουσταλλω #erwtasmeta',
    'Τα κακομαθημένα που ψάχνουν το υπόλοιπο σπίτι! Ουστ ρε!#erwtasmeta',
    'ΕΜΙΛΥ ΚΟΛΛΙΑΝΔΡΗ ΣΕ ΛΑΤΡΕΥΩ #erwtasmeta',
    'Εξαιρετικός ο Χρήστος.. στην αντίδραση του #erwtasmeta',
    'Πάτα πόδι Ηλέκτρα! #erwtasmeta',
    'Αχαχαχαχα τι ωραια ιδεα...#erwtasmeta',
    'Αυτή έχει τόση ανάγκη για επιβεβαίωση μπορεί και να τον πιστέψει #erwtasmeta',
    'Όχι ρε Αννούλα κριμα #erwtasmeta',
    '#erwtasmeta αχ βρε γιωργο μου. β(γ)αλε κατι πιο ανετο και κανε την ομελετα',
    'πως τα φέρνει απο δω πως τα φερνει απο κει ο νυφιτσοξαδερφος #erwtasmeta',
    'Ο όμορφο-μπάτσος ρωτάει τον πυροσβέστη αν το πτώμα που βρέθηκε είχε χτυπήματα στο κεφάλι ️ #erwtasmeta',
    'ε θα πω κατι για τις διαφημισεις σας αλλα οι γονεις μου με εμαθαν να ειμαι ευγενικη #erwtasmeta',
]


def test_a_hashtag_most_posts_carry_names_a_topic():
    """Review 13 (R13-22): a Greek Telegram group's topic, 20 of whose 22 posts carry the TV
    show's hashtag #erwtasmeta, was titled "no word shared by several posts"."""
    from types import SimpleNamespace

    import numpy as np
    import pandas as pd

    from mining.topics.describe import describe_topics, token_docs

    posts = pd.DataFrame({"post_id": [f"p{i}" for i in range(len(TV))], "text_norm": TV,
                          "lang": "el"})
    docs, surfaces = token_docs(TV, ["el"] * len(TV))
    vectors = np.eye(len(TV))
    model = SimpleNamespace(topics_=np.zeros(len(TV), dtype=int), keywords_={0: {}},
                            centroids_={0: np.full(len(TV), len(TV) ** -0.5)})
    table = describe_topics(posts, vectors, model, surfaces, docs, as_topics=True)
    assert table["label"].tolist() == ["#erwtasmeta"]
    # a challenge's posts must share words to be one problem: no hashtag names one
    table = describe_topics(posts, vectors, model, surfaces, docs)
    assert table["label"].tolist() == [NO_SHARED_WORD]


# Comments on two TV shows from ../shared/corpora/offenseval-greek: 4 of 10 carry #gntmgr, in
# either case, and 3 #shoppingstar.
SHOWS = [
    "#gntmgr Κάτια πόσο γλυκιά",
    "Όταν δεν έχεις που να βάλεις το drone #gntmgr",
    "Ποσά λετε να παίρνει ο τσικεν μάνατζερ; #GNTMgr",
    "Ασημινα πάρε φωτό κ άσε την καλύτερη #GNTMgr",
    "Πάρις ναι είσαι η αγαπημένη μας #ShoppingStar",
    "Ωραίο φόρεμα που της πάει. Μου αρέσει. #shoppingstar",
    "Φάνηκε πόσο καριολα είσαι από εχθές #shoppingstar",
    "@USER εδώ είσαι; πλάκα με κάνεις; όλα τα θέλω",
    "@USER Σε ευχαριστώ πολύυυ! Να είσαι καλά",
    "Είσαι ότι ψηφίζεις. Όχι άλλα χάδια.",
]


def test_hashtags_several_posts_carry_name_a_topic_of_no_shared_word():
    """Review 14 (R14-5): a topic 24 of whose 50 posts carry #gntmgr (in either case) and 45 some
    hashtag was "no word shared by several posts": under half, no hashtag led it."""
    from mining.topics.describe import hashtag_label

    assert hashtag_label(NO_SHARED_WORD, SHOWS) == "#gntmgr · #shoppingstar"
    # a label of words keeps them: hashtags under half of the posts do not displace them
    assert hashtag_label("φόρεμα · καλύτερη", SHOWS) == "φόρεμα · καλύτερη"
    assert hashtag_label(NO_SHARED_WORD, SHOWS[7:] + ["#gntmgr"]) == NO_SHARED_WORD
