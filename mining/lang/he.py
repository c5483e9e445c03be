"""Hebrew resources: stop words for social text, prefix stacks and a word list for segmentation.

Hebrew writes the conjunction, the article, prepositions and relativizers as prefixes (ו ה ב כ ל
מ ש, stacked as in וכשה), so one word has many spellings: משלוח, המשלוח, והמשלוח. A stack is
stripped only where what remains is a known word, one in ``WORDS`` or one the fitted corpus uses
often enough; ``WORDS`` also protects words that merely start with those letters (משלוח is not
מ+שלוח, שאלה is not ש+אלה). Words are compared without niqqud and with geresh and gershayim
written as ``'`` and ``"`` (see ``canonical``).

Example:
    >>> split_prefix("והמשלוח", lambda rest, word: False)
    'משלוח'
    >>> split_prefix("שלום", lambda rest, word: True)
    'שלום'
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from spacy.lang.he.stop_words import STOP_WORDS as _SPACY

from mining.lang.language import Language, NoiseLexicon, word_set

# Prefix stacks: an optional ו, an optional relativizer (ש, כש), an optional preposition or
# article. ב כ ל swallow the article (בבית, not בהבית), so ה follows only ו, ש, כש and מ. Keeping
# to these stacks is what stops כבודו from reading as כ+ב+ו+דו. מש ("since") is left out: it
# would read משלוח as מש+לוח and משקל as מש+קל.
_CONJ = ("", "ו")
_REL = ("", "ש", "כש")
_PREP = ("", "ב", "כ", "ל", "מ", "ה", "מה")
PREFIXES = frozenset(c + r + p for c in _CONJ for r in _REL for p in _PREP) - {""}
_LONGEST = max(map(len, PREFIXES))

# spaCy's list has content words ("מקום", "תכלית") and a typo ("עז"); this list replaces them with
# the function words, chat fillers and platform words of social text.
_SPACY_REMOVED = {"מקום", "למקום", "עז", "תכלית", "מידה", "סיבה", "הסיבה"}
CHAT_WORDS = set("""
הזה הזאת הזו זו האלה האלו כאלה כאלו כזו הכל הכול כולנו כולכם כלום שום משהו מישהו מישהי
אחד אחת כבר עוד אפילו עדיין בדיוק ממש סתם פשוט כאילו באמת בטח כנראה בערך הרבה מלא המון קצת
פחות ביותר טוב יופי סבבה אחלה וואלה יאללה אוקיי אוקי בסדר נכון ברור תודה בבקשה היי הי שלום
בוקר ערב צהריים אחי אחותי גבר חבר'ה אמן לול אגב כלומר למשל בעצם בכלל לגבי כדי אפשר צריך צריכה
צריכים יודע יודעת יודעים חושב חושבת חושבים עושה עושים אומר אומרת יש אין היה הייתה היו יהיו
הייתי היינו להיות עכשיו היום אתמול פעם שוב ממני ממך ממנו ממנה מכם מהם בי בך בה בנו בכם בהם
עליי אצלי אצלך אצלו אצלה אצלנו אצלכם אצלם מאז ואז כמה איזו אילו
אה אהה אמ אממ הממ וואו וואי ואי אוף אוי אויש יא לך ליד לפי כיום כרגע תוך מתוך מזמן מחדש מאד
די דיי כה זהו אלא אנא אכן כול וכו לבד בלבד
וכו' בס"ד בע"ה ב"ה כנ"ל סה"כ ז"ל
הצטרף הצטרפה הצטרפת עזב עזבה הושמטה נכללה הוסרה נערכה נמחקה
""".split())
STOP_WORDS = frozenset((_SPACY - _SPACY_REMOVED) | CHAT_WORDS)

# Laughter and its stretched forms: חח, חחח, חחחחחח, ההההה, חהחה.
FILLER = re.compile(r"[חה]{2,}")
# A final letter is never doubled (נושםם): a run of one is a stretch.
FINAL_RUN = re.compile(r"([םןץףך])\1+")

# Known unprefixed words, written for this project: the everyday and feedback vocabulary, and
# above all the words that start with a prefix letter while the rest is also a word.
WORDS = frozenset("""
בית בתים בעיה בעיות בקשה בקשות בדיקה בדיקות בנק בנקים בעל בעלים בעלת ביטוח ביטול ביטולים
ברכה ברכות בחירה בחירות בן בנים בת בנות בחור בחורה בנזין באג באגים בטוח בטוחה ביקורת ביקורות
בסיס בשר בירה בריכה בגד בגדים בונוס בוט בלוג בקבוק בקבוקים בדיחה ברז בלון בחינה בובה ביצה
ביצים ביצועים בושה בא באה באים ברק
כסף כספים כשר כניסה כניסות כלי כלים כרטיס כרטיסים כתובת כתובות כפתור כפתורים כלב כלבים כבל
כבלים כוח כאב כאבים כיסא כיף כביש כבישים כדור כמות כמויות כוס כוסות כוכב כוכבים כותרת כללים
כושר כישלון כשל כוונה כינוי כתבה כתבות כיתה כביסה כתב כתיבה כרית כובע כפר כנס כשרות כרטיסייה כיפה כלא
לקוח לקוחה לקוחות לב לבן לחץ לוח לילה לחם לינק לינקים לוגו לייק לייקים לחצן ליגה למידה לימודים
לוחם לשון לחות ליטר לשונית לפטופ
מספר מספרים מבצע מבצעים מסך מסכים מכשיר מכשירים מחשב מחשבים מקום מקומות מצב מצבים משחק
משחקים מידע מערכת מערכות מנוי מנויים מכתב מכתבים מהר מבין מבינה מבינים מחיר מחירים משלוח
משלוחים מוקד מנהל מנהלים מנהלת מסלול מבחן מכונה מכונות מכירה מכירות מחלקה משפט משקל מטבע
מטבעות מטבח מבנה מדריך מדבקה מחלה מרכז משרד מתנה מתנות מפתח מסמך מסמכים משימה מלון מאמץ מוסך
מגבלה מסגרת מצלמה מקלדת מסעדה מסעדות מחסן מלאי משטרה משפחה משפחות מכונית מזגן מדיה מוצר מוצרים
מוזיקה מועדון מזל מחר מייל מיילים מילה מילים מים מיטה מכנסיים מלחמה ממשלה מנה מנות משתמש
משתמשים משתמשת מקרר מקרה מקרים מרפאה משכורת משקה משקאות מתכון מורה מורים מוכר מוכרת מסיבה
מסחר מפה מלצר מטוס מעלית מעיל מעטפה מעבר מענה מצגת מקצוע מראה מרחק מרפסת מגבת מדינה מדיניות
מהירות מודעה מודעות מחיקה מחשבה מיקום מכס מנוע מסר מעבדה מעקב מפעל מקור מטען ממשק מלך מתאים
מוקדם מאוחר מיוחד מיוחדת מעולה מעולים מושלם מצוין מהיר מהירה מסובך מצחיק מדהים מדהימה מוזר
מעניין מבאס מאכזב מרוצה מרוצים מחובר מוכן מוכנה מוכנים מרגיש מרגישה מרגישים מזמין מזמינה
מזמינים משנה מספיק משה מרק מהלך מעשה מעשים מחבל מחבלים מראש מיד מאמין מאמינה מרגש מרגשת מעודד
שאלה שאלות שלום שירות שירותים שבוע שבועות שנה שנים שעה שעות שקל שקלים שבת שליח שליחים שליחות
שכן שכנים שכר שמן שמש שמיים שולחן שוק שטח שיחה שיחות שיר שירים שלט שמירה שיטה שינוי שינויים
שגיאה שגיאות שרת שרתים שכונה שלב שלבים שמות שער שפה שפות שחקן שחקנים שקית שוקולד שיעור שיעורים
שעון שדה שוטר שמחה שביל שבר שטויות שיפור שיפורים שיתוף שליטה שלג שמלה שנייה שניות שקט שקר
שתייה שטר שטרות שכבה שווה שבור שבורה שמח שכח שכחתי שכל שנאה שמאל
הזמנה הזמנות הודעה הודעות הנחה הנחות החזר החזרים החזרה העברה העברות הגדרה הגדרות התקנה התחברות
הרשמה הורדה הורדות הטבה הטבות הצעה הצעות הסבר הסברים הוראה הוראות הפקדה הוצאה הוצאות הכנסה
היסטוריה הגרלה הלוואה המלצה המלצות הפתעה הופעה הצגה הקלטה התראה התראות הבנה הגבלה הגבלות הגנה
הפעלה הורים הורה הר הרים הכרה היתר הסכם הנהלה הערה הערות הפסקה הצלחה הרגל השכרה השקעה התאמה
התחלה התקן הזמנתי הלך העם
ועד ועדה ותיק ותיקה וילה ויכוח וידאו ויזה ורד וטרינר ווליום ווטסאפ וואטסאפ וייז וולט ויטמין
אפליקציה אפליקציות אתר אתרים עדכון עדכונים גרסה גרסאות קוד קודים סיסמה סיסמאות חשבון חשבונות
תשלום תשלומים אשראי עסקה עסקאות עמלה עמלות קנייה קניות רכישה רכישות איסוף חבילה חבילות סניף
סניפים קבלה קבלות חשבונית חשבוניות זמן זמנים יום ימים חודש חודשים תמיכה נציג נציגה נציגים
צ'אט טלפון טלפונים אייפון אנדרואיד עגלה סל קופון קופונים פיצה אוכל חנות חנויות דואר טקסט תמונה
תמונות סרטון סרטונים קישור קישורים קבוצה קבוצות רשימה פריט פריטים איכות טעות טעויות תקלה תקלות
עיכוב עיכובים אישור אישורים תור תורים יעד עיר רחוב דירה ילד ילדים ילדה אנשים אדם חבר חברים חברה
חברות עבודה נהג נהגים רכב אוטובוס רכבת טיסה טיסות נסיעה נסיעות ארוחה ארוחות עוף סלט ירקות
פירות חלב גבינה קפה תה טעם ריח צבע גודל נעליים חולצה קטגוריה פרסומת פרסומות ספאם סוללה טעינה
אוזניות רשת אינטרנט חיבור קליטה ענן גיבוי קובץ קבצים תיקייה עמוד דף תפריט אפשרות אפשרויות
תכונה תכונות עיצוב נוחות איטי איטית תקוע תקועה קורס קורסת נתקע נתקעה נופל עובד עובדת עובדים
סגור פתוח נסגר נפתח תקין תקינה רע גרוע גרועה נהדר נחמד יקר יקרה זול זולה חינם רוצה עולה קשה
קל קלים זמין זמינה זמינים עניין רגיש ספר ספרים
יד דם גן חג צד עט פה אב עץ חי
צה"ל ש"ח ת"א ר"ג עו"ד ד"ר מנכ"ל בע"מ אחה"צ מוצ"ש
""".split())

# Geresh and gershayim as ASCII, one character for one (so offsets in the text do not move).
GERESH_TO_ASCII = str.maketrans({"״": '"', "׳": "'", "”": '"', "’": "'"})


def canonical(word: str) -> str:
    """One spelling of geresh and gershayim: ``צה״ל``, ``צה"ל`` and ``צה''ל`` are one word."""
    return word.translate(GERESH_TO_ASCII).replace("''", '"')


def _remainders(word: str):
    """What is left after each prefix stack the word starts with, shallowest first.

    A remainder never starts with a single ו: after a prefix, a word's own ו is written twice
    (הוורד), so הולך and כולו are not ה+ולך and כ+ולו.
    """
    for i in range(1, min(_LONGEST, len(word) - 2) + 1):
        rest = word[i:]
        if word[:i] in PREFIXES and (rest[0] != "ו" or rest[:2] == "וו"):
            yield rest


def is_prefixed_stop(word: str) -> bool:
    """A stop word behind a prefix stack (שזה, וגם, כשאני, והוא), unless it is a word itself."""
    return word not in WORDS and any(rest in STOP_WORDS for rest in _remainders(word))


def split_prefix(word: str, attested: Callable[[str, str], bool]) -> str:
    """The word without its prefix stack, where what is left is a known word.

    A remainder in ``WORDS`` wins, the shallowest first (ובקשה is ו+בקשה, not וב+קשה); else the
    deepest remainder the corpus attests (ולמדינת → מדינת), if it has three letters or more.
    Words of ``WORDS`` are never split.

    Args:
        word: a canonical Hebrew word that is not a stop word.
        attested: ``attested(rest, word)``: whether the corpus knows ``rest`` as a word that
            ``word`` is a prefixed form of.
    """
    if word in WORDS:
        return word
    found = word
    for rest in _remainders(word):
        if rest in WORDS:
            return rest
        if len(rest) >= 3 and attested(rest, word):
            found = rest
    return found


# Final letters: a stem that loses its ending takes the final form (מחירים → מחיר, פעמים → פעם).
_FINAL = str.maketrans("כמנפצ", "ךםןףץ")


def _final(stem: str) -> str:
    return stem[:-1] + stem[-1].translate(_FINAL)


# Singular nouns that end like plurals: שירות (service) is not the plural of שיר (song), nor איכות
# (quality) of איך (how).
NOT_PLURAL = frozenset("""
שירות איכות כמות חנות אפשרות טעות כשרות לחות מדיניות מהירות נוחות התחברות שליחות זכות תרבות
נשיאות מלכות יהדות עצמאות
מציאות אחריות בריאות משמעות ילדות רשות עדות דמות
""".split())


def _singulars(word: str, attested: Callable[[str], bool], counts: Mapping[str, int]) -> str:
    """The singular of a plural where one is attested, else the word.

    ־ים drops or gives ־ה or ־י, whichever the corpus uses most (משלוחים → משלוח, שונים → שונה,
    not שון; ערבים → ערבי, not ערב); ־ות gives ־ה, else ־ת, else nothing (הודעות → הודעה, מכוניות → מכונית, מקומות →
    מקום): ־ה before ־ת, since a ־ת form is often the construct state of the ־ה one (משפחת).
    """
    if len(word) < 5 or any(w in NOT_PLURAL for w in (word, *_remainders(word))):
        return word
    stem = word[:-2]
    if word.endswith("ים"):
        found = [s for s in (_final(stem), stem + "ה", stem + "י") if attested(s)]
        return max(found, key=lambda s: counts.get(s, 0)) if found else word
    if word.endswith("ות"):
        return next((s for s in (stem + "ה", stem + "ת", _final(stem)) if attested(s)), word)
    return word


def fold_inflection(word: str, counts: Mapping[str, int], min_count: int = 2,
                    min_share: float = 0.2) -> str:
    """The word's base form for counting, where the corpus attests it: a plural counts as its
    singular, a feminine adjective or participle as its masculine (עובדת, עובדים → עובד), and
    a construct form as the plain one (מדינת → מדינה, אוהדי → אוהדים → אוהד).

    Never blind. A base is attested when ``counts`` (the corpus) holds it ``min_count`` times (once
    for a word of ``WORDS``) and at least ``min_share`` as often as the inflected form, so that a
    frequent word is not read as a rare one (מסכים, agree, 22 times, is not the plural of מסך,
    screen, seen once). A feminine ־ה or ־ת form
    folds only where the masculine is at least as frequent (the generic form is) and its plural is
    attested too, the sign of a word that inflects for gender (יקרה → יקר, with יקרים): עולה
    (rises) is not the feminine of עול (yoke), nor תורה of תור.

    Example:
        >>> fold_inflection("עובדת", {"עובדת": 3, "עובד": 9, "עובדים": 4})
        'עובד'
        >>> fold_inflection("שאלה", {"שאלה": 9, "שאל": 12})
        'שאלה'
    """
    def seen(base: str) -> bool:
        return base not in STOP_WORDS and counts.get(base, 0) >= (1 if base in WORDS else min_count)

    def attested(base: str, form: str) -> bool:
        return seen(base) and counts.get(base, 0) >= min_share * counts.get(form, 0)

    if len(word) >= 4 and word[-1] == "י" and attested(word + "ם", word):
        word += "ם"  # a construct plural counts as the plural (חברי → חברים)
    word = _singulars(word, lambda singular: attested(singular, word), counts)
    if len(word) >= 4 and word[-1] in "הת":
        masculine = _final(word[:-1])
        if attested(masculine, word) and seen(word[:-1] + "ים") \
                and counts.get(masculine, 0) >= counts.get(word, 0):
            return masculine
    if len(word) >= 4 and word[-1] == "ת" and attested(word[:-1] + "ה", word):
        return word[:-1] + "ה"  # a construct singular counts as the singular (מדינת → מדינה)
    return word


# --- Cues for feedback type, sentiment, spam and abuse ----------------------------------------
# Hebrew cues for feedback type, sentiment, spam and abuse (used by ``mining.challenges``).
#
# Written for `mining` (project license, MIT); no external source. Each entry is a regular
# expression and a weight (1 weak, 2 clear, 3 near-certain). Patterns are matched on folded text
# (``mining.normalize.fold_text``: niqqud removed, lower case) as whole words, and a Hebrew word may
# carry up to three proclitic letters (ו ה ש ב ל כ מ): ``עובד`` also matches ``שעובד`` and
# ``וכשעובד``. A pattern starting with ``^`` only matches at the start of a sentence. A negative
# weight takes evidence back: "לא נורא" (no big deal) cancels the negativity of "נורא", since
# "לא" changes a clause's meaning, not the writer's mood.
# Common English loanwords written inside Hebrew posts (``crash``, ``bug``) are listed too.

PROCLITICS = "ושהבלכמ"

# Not knowing or not understanding is neither a fault nor negativity ("אני לא יודע").
NOT_KNOWING = r"לא (?:יודע|יודעת|יודעים|בטוח|בטוחה|הבנתי|מבין|מבינה|מצליח להבין|מצליחה להבין)"

# A service that fails, said as a plain fact, without "לא": it drops, disconnects, is cut, leaks;
# there is none of it; it arrived cold or broken (review 8 R8-1). Complaint evidence, and it takes
# praise evidence back: "ההזמנה הגיעה קרה לגמרי" and "אין קליטה בכלל בבית" praise nothing.
# Thanks for help not yet given, closing a request or a complaint: no praise (review 10 R10-12).
COURTESY = r"תודה (?:רבה )?מראש|מראש תודה"
PLAIN_FAILURE = (r"נופל|נופלת|נופלים|מתנתק|מתנתקת|מתנתקים|מתנתקות|התנתק|התנתקה|ניתוק|ניתוקים|נקטע"
                 r"|נקטעת|נקטעות|נקטעה|מטפטף|מטפטפת|דולף|דולפת|נזילה|חסם|חסמו|חסום|חסומה")
NOTHING_OF_IT = r"אין (?:אינטרנט|קליטה|חשמל|מים|קשר|שירות|רשת|וויפי|ויפי|wifi|זרם|טלוויזיה|שידור|גז)"
ARRIVED_SPOILT = (r"(?:הגיע|הגיעה|הגיעו|מגיע|מגיעה|מגיעים) (?:קר|קרה|קרים|שבור|שבורה|שבורים|פגום|פגומה"
                  r"|פגומים|הפוך|הפוכה|רטוב|רטובה|מעוך|מעוכה|פתוח|פתוחה|ריק|ריקה)")
# A market, a price or a ranking that falls or drops: news, not a failure met using a service.
MARKET_FALLS = (r"(?:בורסה|מניה|מניות|מדד|מדדים|דולר|שקל|יורו|ביטקוין|מחיר|מחירים|ריבית|רייטינג"
                r"|סקר|סקרים|טמפרטורה|טמפרטורות) (?:\S+ )?(?:נופל|נופלת|נופלים|נופלות|נפל|נפלה|נפלו"
                r"|יורד|יורדת|יורדים|ירד|ירדה|ירדו)")
# Laughter idioms: "נפלתי מהכיסא מצחוק", "מתתי מצחוק", "מרוב צחוק".
LAUGHING = r"מצחוק|מרוב צחוק|נפלתי מהכיסא|נפלתי מהכסא"

CUES: dict[str, list[tuple[str, float]]] = {
    "question": [
        # Not "איזה"/"איזו": "איזה מלך", "איזה כיף" are exclamations (see praise); a real
        # "איזה ... ?" question still gets the "?" signs.
        (r"^(?:איך|מתי|איפה|כמה|האם|מה|מי|אילו|לאן|מאיפה|למי|עד מתי)", 2.0),
        (r"מישהו יודע|מישהי יודעת|מישהו מכיר|מישהי מכירה|מישהו ניסה|מישהי ניסתה", 2.5),
        (r"^(?:יש|אפשר|אתם|אתן|זה|יודעים)", 0.5),
        (r"יש דרך|יש אפשרות|אפשר ל\w+|יודעים אם|יודע אם|יודעת אם", 1.5),
        (r"שאלה|שאלה קטנה|שאלה למי ש", 2.0),
        (r"למישהו יש|למישהו יצא", 1.5),
    ],
    "request": [
        (r"הייתי שמח|הייתי שמחה|היינו שמחים|אשמח אם|נשמח אם|אשמח ש|נשמח ש", 3.0),
        (r"יהיה (?:נחמד|נהדר|מעולה|כיף|טוב|מגניב|שימושי) אם|היה (?:נחמד|נהדר|מעולה) אם", 3.0),
        (r"תוסיפו|תוסיפי|תוסיף|תכניסו|תאפשרו|תעשו אפשרות", 2.5),
        (r"אפשר להוסיף|אפשר שתוסיפו|כדאי להוסיף|שווה להוסיף|חסרה אפשרות|חסר פיצ'ר|חסר כפתור", 2.5),
        (r"הצעה|הצעת ייעול|בקשה|רעיון", 1.5),
        (r"למה אין|למה עדיין אין|מתי יהיה|מתי תהיה|מתי יהיו|מתי תוסיפו", 2.0),
        (r"הלוואי ו|הלוואי ש|הלוואי", 2.0),
        (r"יש תוכנית|יש תכנית|מתכננים להוסיף|מצביע בעד|מצטרף לבקשה|מצטרפת לבקשה", 2.0),
        (r"מבקש|מבקשת|מבקשים", 1.0),
        # What a user would like to be able to do, what should exist: the answers of a survey
        # ("הייתי רוצה שאפשר יהיה...", "שיהיה אפשר לשלם ב...", "צריך להוסיף...", "אפשרות לייצא").
        (r"הייתי רוצה|הייתי רוצה ש|הייתי רוצה ל|היינו רוצים|שיהיה אפשר|שאפשר יהיה|שאפשר יהיה ל\w+"
         r"|צריך להוסיף|צריך שיהיה|צריכה להיות אפשרות|חייבת להיות אפשרות", 2.5),
        (r"^^(?:אפשרות ל\w+|אפשרות ש\w+)", 1.5),
        # Formal asks of a public figure's page: "אנא", "ברצוני לבקש", "אני קוראת לך", and
        # "נשמח לעוד" (he-016: a request after praise).
        (r"אנא|ברצוני|(?:אני |אנו |אנחנו )?(?:קורא|קוראת|קוראים|קוראות) לך|(?:נשמח|נישמח|אשמח) לעוד", 1.5),
    ],
    "complaint": [
        (r"לא (?:עובד|עובדת|עובדים|עבד|עבדה|מגיע|מגיעה|מגיעים|הגיע|הגיעה|הגיעו|נפתח|נפתחת|נפתחה"
         r"|נטען|נטענת|מתחבר|מתחברת|עונה|עונים|ענה|ענו|מקבל|מקבלת|קיבלתי"
         r"|עובר|עוברת|נכנס|נכנסת|מאפשר|מאפשרת|מתעדכן|מתעדכנת|זז|זזה|עצר|עצרה|עוצר|עוצרת"
         r"|שומר|שומרת|נשמר|נשמרת)", 2.5),
        # A service that fails, said as a plain fact, without "לא": it drops, disconnects, is cut,
        # leaks; there is none of it; it arrived cold or broken; it slowed; a double bill.
        (PLAIN_FAILURE, 2.0),
        (NOTHING_OF_IT, 2.0),
        (ARRIVED_SPOILT, 2.0),
        # What falls on a market or in a ranking is no service failing ("הבורסה נופלת היום"),
        # and falling off a chair laughing is laughter ("נפלתי מהכיסא מצחוק").
        (MARKET_FALLS, -3.0),
        (LAUGHING, -2.0),
        (r"ירדה ל|ירד ל|כפול|כפולה|כפולים", 1.5),
        # Slow, said of anything in a post about a service ("טעינה איטית", "האתר זוחל").
        (r"איטי|איטית|איטיים|איטיות|זוחל|זוחלת|לוקח נצח", 2.5),
        # What a user cannot find ("לא מוצא איפה משנים כתובת"; not "לא מוצא מילים", praise, nor
        # "לא מוצא חן", a dislike), and too much of what annoys ("יותר מדי פרסומות"). "לא ברור
        # לי" is the writer not knowing, as "לא יודע".
        (r"לא (?:מוצא|מוצאת|מוצאים|מצאתי|מצליח למצוא|מצליחה למצוא)(?! מילים| חן)", 2.0),
        (r"(?:יותר מדי|יותר מידי|מלא|המון) (?:פרסומות|התראות|הודעות|באגים|תקלות|שלבים|קליקים|חיובים)"
         r"|(?:ממשק|תפריט|אפליקציה|אתר|שירות|תמיכה) (?:מסורבל|מסורבלת|מבלבל|מבלבלת|גרוע|גרועה|איטי|איטית)"
         r"|מסורבל|מסורבלת|מבלבל|מבלבלת|לא ברור(?! לי)|לא ברורה(?! לי)|לא נוח|לא נוחה|לא אינטואיטיבי", 1.5),
        # "לא מצליח להבין / להאמין" (can't understand / believe) is a reaction, not a failure.
        (r"לא (?:מצליח|מצליחה|מצליחים)(?! להבין| להאמין| לעכל| להפסיק)", 2.5),
        (r"קורס|קורסת|קרס|קרסה|קריסה|קריסות|נתקע|נתקעת|נתקעה|תקוע|תקועה|קפא|קופא|קופאת", 2.5),
        (r"באג|באגים|שגיאה|שגיאות|תקלה|תקלות|בעיה|בעיות|מקולקל|מקולקלת|דפוק|דפוקה|הרוס", 2.0),
        (r"crash|crashes|bug|error|באגי", 2.0),
        (r"גרוע|גרועה|גרועים|מחפיר|שערורייה|שערוריה|חרפה|בושה|זוועה|זוועתי|מזעזע|מזעזעת", 2.0),
        (r"נמאס|נמאס לי|מבאס|מעצבן|מעצבנת|מתסכל|מתסכלת|מאוכזב|מאוכזבת|אכזבה|ביזיון|עצבים", 2.0),
        # "You disappointed (me)", said to the page owner or the team: dissatisfaction (GUIDE.md).
        (r"אכזבת|אכזבתם|איכזבת|איכזבתם|אכזבתן", 2.0),
        (r"עדיין מחכה|עדיין מחכים|מחכה כבר|מחכים כבר|עדיין לא|כבר שבוע|כבר שבועיים|כבר חודש", 2.0),
        (r"אף אחד לא|אין מענה|אין תשובה|אין מי שיענה|אי אפשר להשיג|לא עונים", 2.0),
        (r"חייבו אותי|חיוב כפול|חויבתי|חיבו אותי|גבו ממני|נדחה|נדחתה|לא עובר", 2.0),
        # Paying twice, or for what was cancelled: "לא בוטל ואני משלמת על שני מסלולים", "שילמתי גם
        # על הישן וגם על החדש" (typed praise; review 10 R10-12).
        (r"(?:משלם|משלמת|משלמים|שילמתי|שילמנו) (?:גם )?על (?:שני|שתי|שניהם|הישן|הישנה)|שילמתי פעמיים"
         r"|לא (?:בוטל|בוטלה|בוטלו|התבטל|התבטלה)", 2.0),
        (r"איחור|באיחור|מאחר|מאחרים|איחרו|איחר|חסר|חסרים|חסרה|חסרו|לא היה בהזמנה", 1.5),
        (r"שוב|פעם שלישית|פעם שנייה|כל פעם|כל הזמן|אין סיכוי", 1.0),
        (r"אין בעיה|לא בעיה|לא נורא|לא משנה", -2.0),
        (NOT_KNOWING, -2.0),
        (r"החליפו לי|החליפו בלי|בלי לשאול|בלי לבקש|לא הזמנתי", 1.5),
        (r"זה רק אצלי|רק אצלי|גם אצלכם|קורה רק לי|קורה גם ל", 2.0),
    ],
    # "Me too" shares the type of what it agrees with ("גם אצלי קורס" is a complaint, "גם אני
    # אוהב" praise): ``cues.AGREES_WITH``, no type of its own.
    "agreement": [
        # "גם לי קרה" before "גם לי": a bare "גם לי קרה אותו דבר" is all agreement
        (r"גם אצלי|גם לי קרה|גם לי קורה|גם לי|גם אני|גם אצלנו|גם לנו|גם אנחנו|גם אותי|אותה בעיה"
         r"|אותה תקלה|אותו דבר|אותו הדבר|אותו סיפור|אותו מצב|אצלי אותו|אצלי גם|קרה גם לי"
         r"|קורה גם לי|מצטרף|מצטרפת", 1.5),
    ],
    "praise": [
        (r"כל הכבוד|תודה רבה|תודה ענקית|המון תודה|ממש תודה|תודה על", 2.5),
        (r"מעולה|מעולים|מדהים|מדהימה|מדהימים|מושלם|מושלמת|נהדר|נהדרת|פצצה|אש|מטורף", 2.0),
        (r"אלוף|אלופה|אלופים|תותח|תותחית|תותחים|שיחקתם|מלכים|מלכה|גאונים", 2.5),
        (r"ממליץ|ממליצה|ממליצים|שווה כל שקל|הכי טוב|הכי טובה|מרוצה|מרוצים|שמח לשמוע", 2.0),
        (r"אוהב את|אוהבת את|אהבתי|מתה על|מת על|כיף|שירות מעולה|שירות מדהים", 2.0),
        # Exclamatory "איזה X" ("איזה מלך", "איזה תותח על"): praise, not a question.
        (r"^(?:איזה|איזו) (?:מלך|מלכה|קינג|תותח|תותחית|אלוף|אלופה|גבר|גאון|גאונה|כיף|יופי|מדהים"
         r"|מדהימה|חמוד|חמודה|מושלם|מושלמת|יפה|יפים|כישרון|מוכשר|מוכשרת|אגדה|צדיק|פצצה|מקסים|מקסימה"
         r"|אחלה|הנאה|תענוג|סרטון|הסבר|בן אדם|בנאדם|נשמה|חכם|חכמה|מרגש|מרגשת)", 2.5),
        # Superlatives through negation: "אין על בן", "אין ראוי ממך", "אל תפסיק".
        (r"אין על|אין כמוך|אין כמוכם|אין כמוהו|אין כמוה|אין ראוי|אין טוב ממך|אל תפסיק|אל תפסיקו", 2.5),
        # GUIDE.md: "כל מילה בסלע" praises (he-246, he-358), and so does laughter credited to the
        # creator ("קרעת אותי", he-071); "אתם קורעים אותי מצחוק" (he-028) is hostile, not matched.
        (r"כל מילה בסלע|(?:קרעת|קרעתם|הרגת|הרגתם) אותי", 2.0),
        # A failure said as a plain fact praises nothing (the vector of "הגיעה קרה לגמרי" lies by
        # praise).
        (f"{PLAIN_FAILURE}|{NOTHING_OF_IT}|{ARRIVED_SPOILT}", -2.0),
        # A courtesy closing thanks for help not yet given: "...ואני משלמת על שני מסלולים, תודה
        # מראש" praises nothing (review 10 R10-12).
        (COURTESY, -2.5),
    ],
    "positive": [
        (r"תודה|תודה רבה|כל הכבוד|מעולה|מעולים|מדהים|מדהימה|מושלם|מושלמת|נהדר|נהדרת|יופי", 2.0),
        (COURTESY, -2.0),
        (r"אלוף|אלופה|אלופים|תותח|תותחים|שיחקתם|ממליץ|ממליצה|מרוצה|מרוצים|אהבתי|כיף|נחמד|נחמדה", 2.0),
        (r"טוב|טובה|טובים|שמח|שמחה|יפה|מקסים|מקסימה|פצצה|סוף סוף|מהיר|מהירה|טרי|טריים", 1.0),
        (r"^(?:איזה|איזו) (?:מלך|מלכה|קינג|תותח|אלוף|אלופה|גבר|גאון|כיף|יופי|מדהים|חמוד|חמודה|מושלם"
         r"|כישרון|מוכשר|אגדה|צדיק|פצצה|מקסים|אחלה|הנאה|תענוג|נשמה|מרגש)", 2.0),
        (r"אין על|אין כמוך|אין כמוכם|אין ראוי|אל תפסיק|אל תפסיקו|לא רע|לא נורא", 2.0),
    ],
    "negative": [
        (r"גרוע|גרועה|גרועים|מחפיר|שערורייה|שערוריה|חרפה|בושה|זוועה|מזעזע|מזעזעת|נורא|נוראי", 2.0),
        (r"נמאס|מבאס|מעצבן|מעצבנת|מתסכל|מתסכלת|מאוכזב|מאוכזבת|אכזבה|אכזבת|אכזבתם|איכזבת|איכזבתם|ביזיון|עצבים|עצבני", 2.0),
        (r"לא עובד|לא עובדת|לא מגיע|לא הגיע|לא נפתח|לא עונים|אף אחד לא|קורס|קורסת|תקוע|באג", 1.5),
        (r"בעיה|בעיות|תקלה|שגיאה|חבל|עצוב|מצער|איחור|באיחור|חסר|חסרים|שוב|מסורבל|מסורבלת", 1.0),
        (r"איטי|איטית|איטיים|איטיות|זוחל|זוחלת", 1.5),
        # Negation that carries no negativity: it cancels the word it negates.
        (r"לא נורא|לא רע|אין בעיה|לא בעיה|אין לחץ", -2.0),
        (NOT_KNOWING, -2.0),
        (LAUGHING, -2.0),
    ],
    "spam": [
        (r"לחצו|לחצו כאן|הקישור|בקישור|קישור בפרופיל|הצטרפו לקבוצה|הצטרפו לערוץ", 2.0),
        (r"להרוויח|הכנסה פסיבית|הכנסה נוספת|השקעה|קריפטו|ביטקוין|מסחר|רווח מובטח|עבודה מהבית", 2.5),
        (r"הגרלה|מבצע מטורף|הנחה של|בחינם|מתנה|זכיתם|זכית|פרטים בפרטי|דברו איתי בפרטי|כתבו לי בפרטי", 1.5),
        (r"עוקבים|לייקים|שירותי ניקיון|הלוואה|הלוואות|בלי בדיקת", 2.0),
    ],
    "abuse": [
        # Alone these words also describe things ("המפה מפגרת", the map lags): 2, not enough alone.
        (r"מטומטם|מטומטמת|מטומטמים|אידיוט|אידיוטית|אידיוטים|דביל|דבילית|דבילים|מפגרים", 2.0),
        (r"(?:אתה|את|אתם|אתן|כולכם|ואתה|ואתם) (?:\w+ )?(?:מטומטם|מטומטמת|מטומטמים|אידיוט|אידיוטים|דביל|דבילים"
         r"|טיפש|טיפשה|טיפשים|ליצן|ליצנים|חמור|חמורים|מפגר|מפגרים|אפס|אפסים|זבל)", 3.0),
        (r"טמבל|טמבלית|אהבל|סתום|סתמי|סתמו|תסתום|תסתמי|לך תזדיין|תזדיין|בן זונה|בת זונה|כוס אמק", 3.0),
        (r"שרמוטה|זונה|חלאה|חלאות|זבל של בן אדם|זבל של בנאדם", 2.0),
        (r"חבורת (?:גנבים|חובבנים|מטומטמים|ליצנים|אידיוטים|נוכלים|רמאים|דבילים|אפסים)", 3.0),
        (r"לכו לעזאזל|לך לעזאזל|לכי לעזאזל|לך תמות|לכו תמותו|יא (?:מפונק|מפונקת|מפגר|דביל|אהבל|מטומטם|חמור|טיפש|כלב|זבל|אפס)", 3.0),
        (r"טיפש|טיפשה|טיפשים|חמור|חמורים|ליצן|ליצנים|נוכל|נוכלים|רמאי|רמאים|בכיין|בכיינית", 1.5),
    ],
}


# --- Chat noise (mining.lang.noise) ------------------------------------------------------------
# Words of posts that carry no feedback, written for this project from Hebrew group chats and
# comments and WhatsApp's own invitation texts. ו in front of a word is undone (ותודה).
NOISE = NoiseLexicon(
    laughter=word_set("לול לולול מתתי מת מתה קורע קורעת צוחק צוחקת", canonical),
    greeting=word_set("""
        שלום היי הי הלו בוקר ערב צהריים לילה טוב טובה טובים טובות שבת שבוע חג חודש שנה שמח שמחה
        שמחים מועדים לשמחה גמר חתימה מבורך מבורכת מזל טוב מז"ט ברוכים ברוך הבא הבאה הבאים לכולם
        כולם חברים חברות חבר'ה אחים אחי אחותי יקרים יקרות מה נשמע שלומכם שלומך שלומכן קורה המצב
        בהצלחה הצלחה רפואה שלמה יום הולדת עד מאה ועשרים נשיקות חיבוקים ומבורך ומבורכת ברכות ברכה
        בשעה יהי רצון אדוני גברתי""", canonical),
    thanks=word_set("""
        תודה תודות רבה רבות ענקית ענק המון ממש מראש לכולם לך לכם לכן לכולכם על העזרה עזרה תנקס
        טנקס יישר כוח כח אחי אחותי חברים מכל הלב מהלב באמת""", canonical),
    presence=word_set("""
        אתם אתן שם פה כאן מישהו מישהי יש עדיין עוד ער ערה ערים חיים בחיים קיימים נמצא
        נמצאים איפה כולם אנשים קבוצה הקבוצה מתה שקט שקטה""", canonical),
    reaction=word_set("""
        וואו וואי ואו ואוו וואוו יפה יופי אחלה סבבה מגניב מגניבה נכון בדיוק מסכים מסכימה
        מסכימים כן לא אמן אוקיי אוקי אוק בסדר ברור בטח נו אה אהה אוף אוי וואלה יאללה חזק כל
        הכבוד ממש לגמרי גם אני מצטרף מצטרפת איזה מלך מלכה מלכים תותח תותחית תותחים אלוף אלופה
        אלופים גבר אש פצצה חמוד חמודה מדהים מדהימה מושלם מעולה טוב זהו זה רגע באמת""", canonical),
    invite=word_set("""
        הצטרפו הצטרפות להצטרפות להצטרף לקבוצה לקבוצת קבוצה קבוצת שלי כנסו לקישור קישור זה כדי ה
        מזמין מזמינה מזמינים אותך אתכם לפגישת פגישה פגישת זום מזהה סיסמה קוד גישה נושא
        זמן שעה מתוזמנת צריך לפתוח את הזה הזמנה רוצה לקהילה קהילה פשוט לוחצים על ב""", canonical),
    link=word_set("הנה הקישור קישור לינק הלינק פה כאן מצרף מצרפת מצורף שווה לראות תראו צפו "
                  "תקראו כתבה את זה ב על", canonical),
)

LANGUAGE = Language(code="he", name="Hebrew", stop_words=STOP_WORDS,
                    function_words=word_set(" ".join(_SPACY), canonical), filler=FILLER,
                    normalize=canonical, cues=CUES, proclitics=PROCLITICS, noise=NOISE,
                    noise_prefixes="ו", extra_stop=is_prefixed_stop)

# E-mail sign-offs and device footers that end a ticket or a mail (``mining.lang.SIGN_OFF``).
SIGN_OFFS = (r"נשלח מ(?:ה-?)?(?:iphone|ipad|אייפון|אנדרואיד|גלקסי|נייד|סמסונג)(?: שלי)?",
             r"בברכה", r"בברכה רבה")
