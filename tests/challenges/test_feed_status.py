"""Recurring questions say "answered: not known" where the export cannot tell (WhatsApp), and
count unanswered questions only where replies are linked (Telegram). Real exports."""
import numpy as np
import pandas as pd
from sklearn.cluster import KMeans

from mining.challenges.feed import answered_status
from mining.challenges.threads import link_replies
from mining.config import Config
from mining.pipeline import read_posts


def _status(posts: pd.DataFrame) -> str:
    links = link_replies(posts, set())
    questions = posts["text"].fillna("").str.contains("?", regex=False).to_numpy()
    known = links["answered"][questions].astype("boolean").dropna()
    return answered_status(known, int(questions.sum()), posts["source"][questions].to_numpy())


def test_whatsapp_questions_are_not_called_unanswered(shared):
    posts = read_posts([str(shared / "fixtures/whatsapp/whats_json__languages__english_android.txt")],
                       Config())
    status = _status(posts)
    assert status == "answered: not known (no reply links in whatsapp)"


def test_telegram_replies_are_counted(shared):
    posts = read_posts([str(shared / "fixtures/telegram/tg-parser__personal_chat.json")], Config())
    links = link_replies(posts, set())
    assert links["reply_known"].all()
    status = answered_status(links["answered"].astype("boolean"), len(posts),
                             posts["source"].to_numpy())
    answered = int(links["answered"].astype("boolean").sum())
    assert status == f"unanswered {len(posts) - answered} of {len(posts)}" and answered >= 1


def _question_groups(questions: pd.DataFrame, embed, clusters: int):
    """The content feed of ``questions`` (one language), grouped by k-means into ``clusters``,
    whether answered not known; and each question's group."""
    from mining.challenges.clusters import challenge_model
    from mining.challenges.feed import content_feed
    from mining.config import ChallengesConfig
    from mining.embed.align import LanguageAligner

    texts = questions["text"].tolist()
    aligned = LanguageAligner(min_posts=5).fit_transform(embed(texts), questions["lang"].to_numpy())
    answered = pd.DataFrame({"answered": pd.array([pd.NA] * len(texts), dtype="boolean"),
                             "answered_estimate": np.nan})
    model = challenge_model(ChallengesConfig(), questions=True)
    model.topic_model.set_params(clusterer=KMeans(n_clusters=clusters, n_init=10, random_state=0),
                                 merge=False)
    return content_feed(questions, aligned, answered, pd.Series([-1] * len(texts)), model)


def test_a_question_group_in_which_no_two_questions_share_a_word_is_not_recurring():
    """Unrelated Cypriot questions clustered together were listed as "no word shared by two
    posts (asked 14 times)" (a review): a group whose questions share no word in any language is
    no question asked again; its questions are in no group. Six tight groups of 12 vectors, the
    last with questions of made-up words that no two share."""
    import random

    from mining.challenges.clusters import challenge_model
    from mining.challenges.feed import content_feed
    from mining.config import ChallengesConfig

    rng, letters = np.random.default_rng(0), random.Random(0)

    def word():
        return "".join(letters.choice("bcdfghklmnprstvz") + letters.choice("aeiou") for _ in range(3))

    texts = [f"How do I fix the {subject} on my {device}?"
             for subject in ("password", "invoice", "delivery", "refund", "camera")
             for device in ("android", "iphone", "web", "tablet") * 3]
    texts += [f"{word()} {word()} {word()}?" for _ in range(12)]
    vectors = np.eye(32)[np.repeat(np.arange(6), 12)] + rng.normal(0, 0.05, (len(texts), 32))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    questions = pd.DataFrame({"post_id": [f"p{i}" for i in range(len(texts))], "text": texts,
                              "text_norm": texts, "lang": "en", "source": "whatsapp"})
    answered = pd.DataFrame({"answered": pd.array([pd.NA] * len(texts), dtype="boolean"),
                             "answered_estimate": np.nan})
    model = challenge_model(ChallengesConfig(), questions=True)
    feed, groups = content_feed(questions, vectors, answered, pd.Series([-1] * len(texts)), model)
    assert model.fit_["without_shared_word"] == 1  # the made-up questions were clustered together
    assert len(feed) == 5 and "no word shared" not in " ".join(feed["label"])
    assert (groups[-12:] == -1).all() and (groups[:-12] >= 0).all()


def test_a_recurring_question_is_one_question_asked_again(shared, embed):
    """Twelve tweets to eight companies were "Recurring question ... asked 12 times" (review 11,
    R11-12): a group is listed only when its phrasings agree with each other. Real customer
    tweets (Twitter customer support) and four Banking77 intents asked six ways each, grouped
    by force (k-means into 8, as outliers joined their nearest group): the intents are listed,
    a group of tweets to several companies is not."""
    tweets = pd.read_csv(shared / "corpora/twcs-sample/sample.csv")
    tweets = tweets[tweets["inbound"]].head(24)["text"].tolist()
    bank = pd.read_csv(shared / "corpora/banking77/train.csv")
    intents = ["verify_my_identity", "exchange_rate", "card_arrival", "top_up_failed"]
    bank = pd.concat([bank[bank["category"] == i].head(6) for i in intents])
    texts = tweets + bank["text"].tolist()
    questions = pd.DataFrame({"post_id": [f"p{i}" for i in range(len(texts))], "text": texts,
                              "text_norm": texts, "lang": "en", "source": "csv",
                              "feedback_confidence": 0.9})
    feed, groups = _question_groups(questions, embed, clusters=8)
    companies = [{t.split()[0] for t in np.array(texts)[groups == g]
                  if t.startswith("@") and not t.split()[0][1:].isdigit()}
                 for g in feed["question_group_id"]]
    assert all(len(c) <= 1 for c in companies), companies
    listed = {frozenset(bank["category"][groups[len(tweets):] == g]) for g in feed["question_group_id"]}
    assert {frozenset([i]) for i in intents} <= listed


def test_the_first_phrasing_is_the_surest_question():
    """The inbox's group showed first a thank-you typed a question at 0.62 (review 11, R11-12)."""
    from mining.challenges.feed import phrasings

    quotes = ("seems to be working at this stage. Will let you know if it happens again. Cheers\n"
              "Is someone using your name?")
    assert phrasings(quotes, "p1;p2", {"p1": 0.62, "p2": 0.93})[0].split("\n")[0] == \
        "Is someone using your name?"


def test_a_recurring_question_is_shown_by_its_own_phrasings(embed):
    """A Hebrew chat's "לשלוח · הטופס" ("send · the form") was shown by "can you send me the
    form?", asked by five members, and then by a question about a mailbox's budget, one of the
    posts the group took in at its edge (review 13, R13-10): its phrasings come from the half
    of its questions nearest its centre."""
    asked = [f"@member-{m} את יכולה לשלוח לי את הטופס?"
             for m in ("37faf799", "614813af", "6d16a2a9", "7311a0ae", "78405fc8")]
    edge = ["מתי אפשר לשלוח מכתבים לחנינות ?",
            "מה ???? אין כסף לתיבת דואר ? שנפנה לאגודה לתרבות הדיור ?",
            "לאן הגענו ? הטוקבקים האלה חושפים פנים דוחות .",
            "לא מבין את האיגרת . כלומר מבין את התוכן אבל לא את הכוונה . מה זה דיווח פעילות שבועי ?",
            "ממי קיבלתי ולמי להחזיר ?"]
    others = ["איפה קונים יוגורט של מוטק'ה?", "האם אפשר להחליף במתכונים שלך פטרוזיליה במקום כוסברה ?",
              "מה אפשר לשים במקום קוסקוס לצליאקים?", "מתי נפתחת הליגה ? סתם שאלה", "מי בא מחר?",
              "למה רק בספורט ?", "זו הבת של יוליק ?", "ומה עם ציבור המורים כבוד הנשיא ?",
              "למה לחפש להתקיף בכל מצב בן ?", "אין איזה טקס יציאה לשמעון ?"]
    texts = asked + edge + others
    questions = pd.DataFrame({"post_id": [f"p{i}" for i in range(len(texts))], "text": texts,
                              "text_norm": texts, "lang": "he", "source": "whatsapp",
                              "author": [f"a{i}" for i in range(len(texts))],
                              "feedback_confidence": [0.8] * 5 + [0.9] * 15})
    feed, _ = _question_groups(questions, embed, clusters=2)
    shown = feed.loc[feed["label"].str.contains("הטופס"), "phrasings_he"]
    assert shown.tolist() == ["את יכולה לשלוח לי את הטופס?"]
