"""Chat noise in Hebrew, Greek and English: real posts of group chats, comments and tweets (the
corpora and fixtures of ../shared, the demo corpus), and the posts that must stay."""
import pytest

from mining.lang import LANGUAGES, LANGS
from mining.lang.noise import NOISE_REASONS, noise_reason
from mining.privacy.contacts import mask_contacts

ZOOM = """Dana Levi is inviting you to a scheduled Zoom meeting.

Topic: Dana Levi's Zoom Meeting
Time: Mar 12, 2024 07:00 PM Jerusalem

Join Zoom Meeting
https://us02web.zoom.us/j/81234567890?pwd=abcDEF123

Meeting ID: 812 3456 7890
Passcode: 123456
One tap mobile
+13126266799,,81234567890#,,,,*123456# US (Chicago)"""
MEET = """Weekly sync
Tuesday, March 12 · 7:00 – 8:00pm
Time zone: Asia/Jerusalem
Google Meet joining info
Video call link: https://meet.google.com/abc-defg-hij"""
ZOOM_HE = """דנה לוי מזמינה אותך לפגישת Zoom מתוזמנת.
נושא: פגישת Zoom של דנה לוי
זמן: 12 במרץ 2024 07:00 PM ירושלים
הצטרפות לפגישת Zoom
https://us02web.zoom.us/j/81234567890?pwd=abc
מזהה פגישה: 812 3456 7890
קוד גישה: 123456"""


@pytest.mark.parametrize("text, reason", [
    # Hebrew: comments on a public figure's page, YouTube comments, group chats
    ("חחחחחחח", "laughter"),
    ("אני מת😂😂😂😂", "laughter"),
    ("שבת שלום לכולם .", "greeting"),
    ("מזל טוב ובהצלחה !", "greeting"),
    ("תודה רבה לכולם!!", "thanks"),
    ("תודה תודה תודה", "thanks"),
    ("אתם שם?", "presence"),
    ("יש פה מישהו?", "presence"),
    ("איזה מלך", "reaction"),
    ("כל הכבוד !!!", "reaction"),
    ("אמן ואמן", "reaction"),
    ("ברכה והצלחה אמן אמן ואמן !!!!!!!!!!!!!!!", "reaction"),
    # Greek: tweets and chats
    ("χαχαχαχα", "laughter"),
    ("Καλό βράδυ σε όλους, καλή εβδομάδα από αύριο 😴", "greeting"),
    ("Καλημέρα σε όλους!", "greeting"),
    ("Τέλεια, ευχαριστώ!", "thanks"),
    ("euxaristw! 🙏", "thanks"),
    ("@USER Σε ευχαριστώ πολύυυ! Να είσαι καλά", "thanks"),
    ("είστε εκεί;", "presence"),
    ("Υπάρχει κανείς εδώ;", "presence"),
    ("Που είσαι ρε @USER ;", "presence"),  # "where are you": 17 of a 20-post challenge (review)
    ("Ναι καλά 😂", "reaction"),
    # English: WhatsApp, Telegram and Discord chats
    ("lol", "laughter"),
    ("hahahaha", "laughter"),
    ("Hey guys!", "greeting"),
    ("good morning everyone!", "greeting"),
    ("Cool, thanks!", "thanks"),
    ("thank you so much for the help", "thanks"),
    ("are we still here?", "presence"),
    ("is anyone there?", "presence"),
    ("Sure thing, sounds cool!", "reaction"),
    ("Yes it is!", "reaction"),
    # Structure: links, mentions, invitations
    ("Link:https://telegram.org/", "link_only"),
    ("hey @member-2b235772 whats up, check out https://chatanalytics.app", "link_only"),
    ("[phone]", "link_only"),
    ("@admins 🙄", "mention_only"),
    ("@member-1a2b3c4d @member-5e6f7a8b", "mention_only"),
    (ZOOM, "invite"),
    (MEET, "invite"),
    (ZOOM_HE, "invite"),
    ("Follow this link to join my WhatsApp group: https://chat.whatsapp.com/Ab12Cd34", "invite"),
    ("כנסו לקישור זה כדי להצטרף לקבוצת ה-WhatsApp שלי: https://chat.whatsapp.com/Ab12Cd34", "invite"),
    ("Ακολουθήστε αυτόν τον σύνδεσμο για συμμετοχή στην WhatsApp ομάδα μου: https://chat.whatsapp.com/Ab12Cd34",
     "invite"),
])
def test_chat_noise_is_recognized(text, reason):
    assert noise_reason(text) == reason
    # What the filter sees: the text after privacy masked its contacts and meeting links.
    assert noise_reason(mask_contacts(text)[0]) == reason


@pytest.mark.parametrize("text", [
    # a greeting or thanks before the point
    "hi, the app crashes when I pay",
    "hi, is it down for anyone else?",
    "בוקר טוב, האפליקציה לא נפתחת אצלי מאז העדכון",
    "תודה, אבל האפליקציה עדיין קורסת אחרי העדכון",
    "Καλησπέρα, έχει δοκιμάσει κανείς το ψάρι; Φρέσκο είναι ή κατεψυγμένο;",
    "Ευχαριστώ, αλλά η παραγγελία δεν ήρθε ακόμα",
    "works now! 🙌 ευχαριστώ",
    "thanks, that fixed the sync",
    # short questions and complaints, with a number or a noun no lexicon holds
    "Ακόμα δεν ανοίγει. 2η μέρα. Κάποια ενημέρωση;",
    "@member-44c64fb5 still 35€ for me in athens, checked this morning",
    "מה דעתך על זה ??",
    "same problem here",
    "לא עובד לי חחחח",
    # "me too" with the problem it agrees with (review 5, F7): "same here" alone is presence
    "same here, app keeps crashing",
    "me too, the app crashes on login",
    "גם אצלי אותו דבר, קורס כל הזמן",
    "κι εμένα το ίδιο, κολλάει συνέχεια",
    # praise: a reaction beside what it judges (Hebrew YouTube comment, a Greek and a Hebrew
    # form of it), while a reaction alone stays noise (above)
    "פרק מדהים,כל הכבוד",
    "פרק מדהים, כל הכבוד",
    "Τέλειο επεισόδιο μπράβο σας",
    "אפליקציה מעולה, כל הכבוד",
    # insults are flagged as abuse, not set aside as banter
    "Τι μαλακας εισαι ρε!",
    "@USER χαχαχαχα τι μαλάκας είναι",
    # a meeting link with a complaint about it, a link with what it is about
    "the zoom link https://us02web.zoom.us/j/8123 does not work for me",
    "Αιμορροφιλία, τι είναι, τι προκαλεί, πώς αντιμετωπίζεται https://www.wikiwand.com/en/Haemophilia",
    # "where" asking where a thing is
    "που είναι το λεωφορείο;",
])
def test_feedback_that_looks_like_chat_stays(text):
    assert noise_reason(text) is None
    assert noise_reason(mask_contacts(text)[0]) is None


def test_noise_lexicons_belong_to_the_language_objects():
    assert tuple(LANGUAGES) == LANGS == ("he", "el", "en")
    for code, language in LANGUAGES.items():
        assert language.code == code
        assert language.noise.thanks and language.noise.greeting and language.noise.presence
        # Every lexicon word is stored as the language folds posts, so it can match one.
        for kind in ("greeting", "thanks", "presence", "reaction"):
            for word in getattr(language.noise, kind):
                assert language.noise_kinds(word), (code, kind, word)


def test_the_reasons_are_the_filters():
    from mining.filter import SKIP_REASONS

    assert set(NOISE_REASONS) < set(SKIP_REASONS)
