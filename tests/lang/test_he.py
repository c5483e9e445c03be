"""Hebrew analysis: tokenization traps, niqqud, geresh and gershayim, prefix stacks, stop words."""
import pytest

from mining.lang import he
from mining.lang.analyze import TextAnalyzer

# A small community corpus: what ``fit`` learns the attested words from.
CORPUS = [
    "המשלוח לא הגיע כבר שבוע",
    "משלוח מהיר ממש, תודה",
    "שאלתי את השליח איפה המשלוח",
    "האפליקציה קורסת מאז העדכון",
    "העדכון החדש של האפליקציה תקוע",
    "המדינה שלנו והמדינה שלכם",
    "מדינה קטנה עם לב גדול",
    "המדינה צריכה לעזור",
    "ראיתי לוח מודעות ליד הבית ועוד לוח בכניסה",
    "היה שמח מאוד, ממש שמח ושמח",
    "הוא הולך הביתה",
    "יש לו מח של גאון",
]


@pytest.fixture(scope="module")
def analyzer():
    return TextAnalyzer().fit(CORPUS, ["he"] * len(CORPUS))


def keys(analyzer, text):
    return [key for key, _ in analyzer.tokens(text, "he")]


@pytest.mark.parametrize("text, expected", [
    ("הַמִּשְׁלוֹחַ הִגִּיעַ", [("משלוח", "המשלוח"), ("הגיע", "הגיע")]),  # niqqud removed
    ("צה״ל הודיע", [('צה"ל', "צה״ל"), ("הודיע", "הודיע")]),  # gershayim, not צה + ל
    ("ג׳ירפה בגן", [("ג'ירפה", "ג׳ירפה"), ("גן", "בגן")]),  # geresh, not ג + ירפה
    ("קניתי קוטג׳ טעים", [("קניתי", "קניתי"), ("קוטג'", "קוטג׳"), ("טעים", "טעים")]),
])
def test_words_are_kept_whole_and_surfaces_are_as_written(analyzer, text, expected):
    assert analyzer.tokens(text, "he") == expected


@pytest.mark.parametrize("spelling", ["צה״ל", 'צה"ל', "צה''ל", "לצה״ל", 'וצה"ל'])
def test_geresh_and_gershayim_spellings_are_one_key(analyzer, spelling):
    assert keys(analyzer, spelling) == ['צה"ל']


def test_niqqud_never_cuts_a_word(analyzer):
    assert keys(analyzer, "שָׁלוֹם חֲבֵרִים, הַמִּשְׁלוֹחַ") == ["חברים", "משלוח"]
    assert analyzer.is_stop("שָׁלוֹם")


@pytest.mark.parametrize("text, expected", [
    ("תודה.המשלוח הגיע", ["משלוח", "הגיע"]),  # punctuation glues two words
    ("קיבלתי קוד בSMS", ["קיבלתי", "קוד", "sms"]),  # a prefix glued to a Latin word
    ("הקוד ב-10 דקות", ["קוד", "דקות"]),  # a prefix glued to a number
    ("האפליקציה\\האתר", ["אפליקציה", "אתר"]),
    ("סבבבבה.המשלוח מאווווד מהיר", ["משלוח", "מהיר"]),  # stretched words it drops are put back
    ("אחלה!!!צה״ל", ['צה"ל']),  # and gershayim inside a glued token survive
    ("אחלה!!!צה''ל.ג׳ירפה", ['צה"ל', "ג'ירפה"]),
])
def test_hebrew_tokenizer_splits_glued_words_and_what_it_drops_is_put_back(analyzer, text, expected):
    assert keys(analyzer, text) == expected


@pytest.mark.parametrize("word, key", [
    ("משלוח", "משלוח"),
    ("המשלוח", "משלוח"),
    ("והמשלוח", "משלוח"),
    ("כשהמשלוח", "משלוח"),
    ("למשלוח", "משלוח"),
    ("והמדינה", "מדינה"),  # attested by the corpus, not by the word list
    ("ובקשה", "בקשה"),  # ו+בקשה, not וב+קשה
    ("ושבת", "שבת"),  # ו+שבת, not וש+בת
    ("בית", "בית"),  # never ב+ית
    ("ביתה", "ביתה"),  # nor ב+יתה
    ("לוח", "לוח"),
    ("הלוח", "לוח"),
    ("שמח", "שמח"),  # מח (brain) is attested, but far rarer than שמח (happy)
    ("הולך", "הולך"),  # a prefix is never followed by a single ו: not ה+ולך
    ("שאלתי", "שאלתי"),
])
def test_prefix_stacks_are_stripped_only_where_the_rest_is_attested(analyzer, word, key):
    assert keys(analyzer, word) == [key]


def test_the_full_surface_is_kept_for_display(analyzer):
    assert analyzer.tokens("והמשלוח", "he") == [("משלוח", "והמשלוח")]


@pytest.mark.parametrize("word, attested, expected", [
    ("והמשלוח", set(), "משלוח"),  # the word list attests משלוח
    ("שלום", {"לום"}, "שלום"),  # the word list protects שלום even when לום is attested
    ("משלוח", {"שלוח", "לוח"}, "משלוח"),
    ("ולמדינת", {"למדינת", "מדינת"}, "מדינת"),  # the deepest attested remainder
    ("ולמדינת", set(), "ולמדינת"),  # nothing attested: nothing stripped
    ("ובמשלוחים", set(), "משלוחים"),
    ("הבה", {"בה"}, "הבה"),  # a corpus remainder needs three letters
])
def test_split_prefix(word, attested, expected):
    assert he.split_prefix(word, lambda rest, prefixed: rest in attested) == expected


@pytest.mark.parametrize("word", [
    "שזה", "וגם", "כשאני", "והוא", "שהם", "בזה", "ולכן", "מהם",  # prefixed stop words
    "חח", "חחח", "חחחחחח", "ההההה", "סבבבבה", "אוקיי", "וואלה",  # chat fillers
    "הצטרף", "נכללה", "הושמטה",  # platform words
])
def test_stop_words(analyzer, word):
    assert analyzer.is_stop(word)
    assert keys(analyzer, word) == []


@pytest.mark.parametrize("word", ["שאלה", "בעל", "שכן", "כלי", "מקום", "משלוח", "שמאל", "מלך"])
def test_words_that_only_look_like_prefixed_stop_words_are_not(analyzer, word):
    assert not analyzer.is_stop(word)
    assert keys(analyzer, word) == [word]


@pytest.mark.parametrize("text", [
    "<המדיה לא נכללה>",
    "הצטרף/ה באמצעות קישור ההזמנה",
    "חחחחחח 😂😂😂",
    "@דני 050-1234567 https://example.com/a?b=1 dani@example.com",
    "ל-support@example.com",
    "1,000 ש״ח ב-12:30",
])
def test_placeholders_platform_lines_numbers_links_and_emoji_give_no_keys(analyzer, text):
    assert [k for k in keys(analyzer, text) if k not in {"קישור", "הזמנה", 'ש"ח'}] == []


def test_spacy_list_typos_and_content_words_are_not_stop_words():
    assert "מקום" not in he.STOP_WORDS and "עז" not in he.STOP_WORDS
    assert {"סבבה", "כאילו", "הצטרף"} <= he.STOP_WORDS


def test_prefix_stacks_are_grammatical():
    assert {"ו", "ה", "וכש", "ומה", "שב", "וכשה"} <= set(he.PREFIXES)
    assert not {"בה", "לה", "מש", "הו"} & set(he.PREFIXES)


@pytest.mark.parametrize("word, counts, expected", [
    ("משלוחים", {"משלוח": 5, "משלוחים": 3}, "משלוח"),
    ("הודעות", {"הודעה": 4, "הודעות": 4}, "הודעה"),
    ("מכוניות", {"מכונית": 3, "מכוניות": 2}, "מכונית"),
    ("מקומות", {"מקום": 6, "מקומות": 4}, "מקום"),  # the final letter comes back
    ("שונים", {"שון": 2, "שונה": 13, "שונים": 10}, "שונה"),  # the reading the corpus uses most
    ("ערבים", {"ערב": 5, "ערבי": 40, "ערבים": 30}, "ערבי"),
    ("עובדת", {"עובד": 9, "עובדים": 4, "עובדת": 3}, "עובד"),
    ("יקרה", {"יקר": 179, "יקרים": 5, "יקרה": 26}, "יקר"),
    ("מדינת", {"מדינה": 106, "מדינת": 479}, "מדינה"),  # a construct form
    ("חברי", {"חברים": 28, "חבר": 24, "חברי": 23}, "חבר"),
    # never blind
    ("משלוחים", {"משלוחים": 3}, "משלוחים"),  # no singular in the corpus
    ("מסכים", {"מסך": 1, "מסכים": 22}, "מסכים"),  # agree is not the plural of a screen seen once
    ("שירות", {"שיר": 40, "שירה": 10, "שירות": 50}, "שירות"),  # a singular that ends like a plural
    ("איכות", {"איך": 90, "איכות": 10}, "איכות"),  # nor the plural of a stop word
    ("שאלה", {"שאל": 12, "שאלה": 9}, "שאלה"),  # no שאלים: not a word that inflects for gender
    ("עולה", {"עול": 3, "עולים": 5, "עולה": 8}, "עולה"),  # the masculine is rarer: its own word
    ("תורה", {"תורה": 14, "תורים": 3}, "תורה"),
])
def test_fold_inflection(word, counts, expected):
    assert he.fold_inflection(word, counts) == expected


def test_singular_plural_and_gender_forms_count_as_one_key():
    corpus = ["העובד עובד קשה", "העובדת עובדת קשה", "העובדים עובדים קשה", "עובדים טובים",
              "ההודעה לא הגיעה", "ההודעות לא הגיעו", "הודעה חדשה", "הודעות חדשות"]
    analyzer = TextAnalyzer().fit(corpus, ["he"] * len(corpus))
    assert {key for w in ("העובד", "עובדת", "והעובדים") for key in keys(analyzer, w)} == {"עובד"}
    assert {key for w in ("ההודעות", "הודעה") for key in keys(analyzer, w)} == {"הודעה"}
    assert analyzer.tokens("ההודעות", "he") == [("הודעה", "ההודעות")]
