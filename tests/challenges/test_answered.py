"""Answered (estimate) where a chat export has no reply links: read from what follows a question
in real WhatsApp chats; never made where the source links its replies (Telegram)."""
import numpy as np
import pandas as pd
import pytest

from mining.challenges.answered import THRESHOLD, estimate_answered
from mining.challenges.feed import answered_status
from mining.challenges.threads import link_replies
from mining.config import Config
from mining.pipeline import read_posts


def _estimated(shared, name: str) -> tuple[pd.DataFrame, np.ndarray]:
    posts = read_posts([str(shared / "fixtures" / name)], Config()).reset_index(drop=True)
    asked = posts["text"].fillna("").str.contains("?", regex=False).to_numpy()
    links = link_replies(posts, set())
    return posts, estimate_answered(posts, asked, links["reply_known"].to_numpy())


def _score(posts: pd.DataFrame, scores: np.ndarray, text: str) -> float:
    rows = np.flatnonzero(posts["text"].str.contains(text, regex=False).to_numpy())
    assert len(rows) == 1, text
    return scores[rows[0]]


@pytest.mark.parametrize("question", [
    # another member answers two minutes later: "No idea, lets try it out!"
    "What about regular smilies?",
    # the other member answers with a bare link (set aside as link_only, still an answer)
    "Do you think it also recognizes URLs?",
])
def test_a_question_followed_by_another_members_post_is_answered(shared, question):
    posts, scores = _estimated(shared, "whatsapp/whats_json__gesiscss-WhatsR__englishandroid24h.txt")
    assert _score(posts, scores, question) >= THRESHOLD


def test_a_question_followed_only_by_its_askers_posts_is_not(shared):
    posts, scores = _estimated(shared, "whatsapp/rwhatsapp__sample.txt")
    # followed by the asker's own emoji lists, then by nobody within the window
    assert _score(posts, scores, "Did you know there is an incredible number of emojis") < THRESHOLD


def test_no_estimate_where_the_replies_are_linked(shared):
    posts, scores = _estimated(shared, "telegram/tg-parser__personal_chat.json")
    assert len(posts) and np.isnan(scores).all()


def test_the_status_says_estimate(shared):
    posts, scores = _estimated(shared, "whatsapp/whats_json__gesiscss-WhatsR__englishandroid24h.txt")
    asked = posts["text"].fillna("").str.contains("?", regex=False).to_numpy()
    guessed = scores[asked] >= THRESHOLD
    status = answered_status(pd.Series([], dtype="boolean"), int(asked.sum()),
                             posts["source"][asked].to_numpy(), guessed)
    assert status == (f"answered (estimate): {int(guessed.sum())} of {int(asked.sum())} "
                      "(no reply links in whatsapp)")
    assert guessed.sum() > 0


def test_no_estimate_for_the_rows_of_a_table(tmp_path):
    """A column of comments is no conversation: the next row is no reply. "answered (estimate):
    17 of 17" was said of questions in two tables of YouTube comments and tweets."""
    times = pd.date_range("2024-04-01 10:00", periods=4, freq="5min", tz="UTC")
    posts = pd.DataFrame({"author": ["a", "b", "c", "d"], "created_at": times,
                          "text_norm": ["who knows when the pool opens?", "the pool opens at nine",
                                        "why is the app so slow?", "it is slow for me too"],
                          "skip_reason": pd.NA, "source_file": "comments.csv"})
    asked = np.array([True, False, True, False])
    for source, estimated in (("csv", False), ("whatsapp", True)):
        scores = estimate_answered(posts.assign(source=source), asked, np.zeros(4, dtype=bool))
        assert (~np.isnan(scores[asked])).all() == estimated, source
