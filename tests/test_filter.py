import pandas as pd
import pytest

from mining.config import FilterConfig
from mining.filter import mark_skips, skip_reason


@pytest.mark.parametrize("text, kind, reason", [
    ("", "message", "empty"),
    ("<Media omitted>", "message", "media"),
    ("<המדיה לא נכללה>", "message", "media"),
    ("\u200eimage omitted", "message", "media"),
    ("\u200fהתמונה הושמטה", "message", "media"),
    ("εικόνα παραλείφθηκε", "message", "media"),
    ("<Εξαίρεση πολυμέσων>", "message", "media"),
    ("IMG-20240312-WA0001.jpg (קובץ מצורף)", "message", "media"),
    ("\u200eΑυτό το μήνυμα διαγράφηκε.", "message", "deleted"),
    ("😂😂😂", "message", "emoji_only"),
    ("תודה!", "message", "thanks"),
    ("ευχαριστώ", "message", "thanks"),
    ("חחחחחחח", "message", "laughter"),
    ("עדכון?", "message", "one_word"),
    ("παραγγελία", "message", "one_word"),
    ("Νίκος joined the group", "system", "system"),
    ("תודה, אבל האפליקציה עדיין קורסת אחרי העדכון", "message", None),
    ("η παραγγελία άργησε", "message", None),
])
def test_skip_reason(text, kind, reason):
    assert skip_reason(text, kind, False, min_words=2) == reason


def test_a_deleted_post_is_deleted_whatever_its_text():
    assert skip_reason("anything", "message", True, min_words=2) == "deleted"


def test_chat_noise_can_be_kept_for_clustering():
    posts = pd.DataFrame({"text_norm": ["אתם שם?", "good morning everyone!", "η παραγγελία άργησε"],
                          "kind": ["message"] * 3, "deleted": pd.array([False] * 3, dtype="boolean")})
    assert mark_skips(posts, FilterConfig())["skip_reason"].tolist()[:2] == ["presence", "greeting"]
    kept = mark_skips(posts, FilterConfig(chat_noise=False))
    assert kept["analyzed"].all()


def test_exact_duplicates_after_folding_are_skipped_once_seen():
    posts = pd.DataFrame({
        "text_norm": ["Η ΕΦΑΡΜΟΓΗ ΚΡΑΣΑΡΕΙ", "η εφαρμογή κρασάρει", "η εφαρμογή κρασάρει ξανά"],
        "kind": ["message"] * 3, "deleted": pd.array([False] * 3, dtype="boolean")})
    out = mark_skips(posts, FilterConfig())
    assert out["skip_reason"].iloc[1] == "duplicate"
    assert out["analyzed"].tolist() == [True, False, True]


def test_which_copy_of_a_duplicate_is_kept_does_not_depend_on_the_input_order():
    posts = pd.DataFrame({
        "text_norm": ["Η ΕΦΑΡΜΟΓΗ ΚΡΑΣΑΡΕΙ", "η εφαρμογή κρασάρει", "άλλο θέμα εντελώς"],
        "kind": ["message"] * 3, "deleted": pd.array([False] * 3, dtype="boolean"),
        "created_at": pd.to_datetime(["2026-06-02", "2026-06-01", "2026-06-03"], utc=True),
        "post_id": ["a", "b", "c"]})
    kept = mark_skips(posts, FilterConfig())
    shuffled = mark_skips(posts.iloc[[2, 1, 0]], FilterConfig())
    assert kept.loc[kept["analyzed"], "post_id"].tolist() == ["b", "c"]  # the earliest copy
    assert sorted(shuffled.loc[shuffled["analyzed"], "post_id"]) == ["b", "c"]
