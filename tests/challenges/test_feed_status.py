"""Recurring questions say "answered: not known" where the export cannot tell (WhatsApp), and
count unanswered questions only where replies are linked (Telegram). Real exports."""
import pandas as pd

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
