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
    ("", "media", "media"),  # a reader's sticker or photo sent without a caption (R11-15)
    ("[enrique:master] 1 new commit by hfaran", "integration", "integration"),  # P11-1
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


# A bare "me too" confirms the post it answers (review 7, P4): a chat's rows as prepare_posts
# sees them, times a few minutes apart, one conversation.
def _chat(lines: list[tuple[str, str, str]], **columns) -> pd.DataFrame:
    """(time, author, text) rows of one WhatsApp chat, with the columns mark_skips reads."""
    from mining.lang import detect_language

    texts = [text for _, _, text in lines]
    return pd.DataFrame({
        "post_id": [f"p{i}" for i in range(len(lines))],
        "source_id": [str(i + 1) for i in range(len(lines))],
        "source_file": "chat.txt", "channel": "chat",
        "author": [author for _, author, _ in lines],
        "created_at": pd.to_datetime([f"2026-10-01 {t}" for t, _, _ in lines], utc=True),
        "text_norm": texts, "lang": [detect_language(t)[0] for t in texts],
        "kind": "message", "deleted": pd.array([False] * len(lines), dtype="boolean"),
        **columns})


@pytest.mark.parametrize("complaint, agreement", [
    ("האפליקציה קורסת כל פעם שאני מנסה לשלם, ממש מעצבן", "גם אצלי!!"),
    ("האפליקציה קורסת כל פעם שאני מנסה לשלם, ממש מעצבן", "אותו דבר אצלי"),
    ("η εφαρμογή κολλάει στην πληρωμή, απαράδεκτο", "κι εμένα το ίδιο"),
    ("η εφαρμογή κολλάει στην πληρωμή, απαράδεκτο", "και σε μένα!"),
    ("the app crashes every time I try to pay", "same here"),
    ("the app crashes every time I try to pay", "me too!"),
    ("the app crashes every time I try to pay", "+1"),
])
def test_a_bare_me_too_agrees_with_the_post_it_answers(complaint, agreement):
    out = mark_skips(_chat([("09:00", "dana", complaint), ("09:07", "avi", agreement)]),
                     FilterConfig())
    assert pd.isna(out["skip_reason"].iloc[0]) and out["skip_reason"].iloc[1] == "agreement"
    assert pd.isna(out["agrees_with"].iloc[0]) and out["agrees_with"].iloc[1] == "p0"
    assert out["analyzed"].tolist() == [True, False]


def test_members_saying_the_same_me_too_are_agreements_not_duplicates():
    out = mark_skips(_chat([("09:00", "dana", "ההזמנה שלי לא הגיעה כבר שבוע"),
                            ("09:01", "avi", "גם אצלי"), ("09:02", "shira", "גם אצלי"),
                            ("09:03", "tom", "+1"),
                            ("12:00", "dana", "האפליקציה נתקעת על מסך לבן"),
                            ("12:01", "ruth", "גם אצלי")]), FilterConfig())
    assert not out["skip_reason"].eq("duplicate").any()
    assert out["agrees_with"].tolist()[1:4] == ["p0", "p0", "p0"]  # a "+1" to a "me too" too
    assert out["agrees_with"].iloc[5] == "p4"


def test_the_same_complaint_by_another_member_confirms_the_copy_analyzed():
    """Review 8, R8-11: members of a Greek Discord posting the same "error 503" complaint in one
    morning. The copies stay ``duplicate`` (one text is clustered once), and a copy by another
    member names the copy analyzed in ``agrees_with``, as a "me too" does, so that member counts
    among the challenge's members; a member's own repeat confirms nothing."""
    out = mark_skips(_chat([("09:00", "nikos", "error 503 στο shop από χθες το βράδυ"),
                            ("09:20", "maria", "error 503 στο shop από χθες το βράδυ"),
                            ("09:31", "nikos", "error 503 στο shop από χθες το βράδυ"),
                            ("10:02", "eleni", "Error 503 στο shop από χθες το βράδυ"),
                            ("10:05", None, "error 503 στο shop από χθες το βράδυ")]),
                     FilterConfig())
    assert out["skip_reason"].fillna("").tolist() == ["", "duplicate", "duplicate", "duplicate",
                                                      "duplicate"]
    assert out["agrees_with"].fillna("").tolist() == ["", "p0", "", "p0", ""]


def test_an_agreement_looks_past_a_greeting_and_not_past_its_window():
    out = mark_skips(_chat([("07:13", "dana", "ההזמנה שלי לא הגיעה כבר שבוע וגם אין מענה בטלפון"),
                            ("07:16", "avi", "שבת שלום לכולם, איזה יום יפה היום!"),
                            ("07:19", "shira", "גם אצלי!!"),
                            ("10:00", "nikos", "same here")]), FilterConfig())
    assert out["skip_reason"].tolist()[1:3] == ["greeting", "agreement"]
    assert out["agrees_with"].iloc[2] == "p0"
    assert pd.isna(out["agrees_with"].iloc[3]) and out["skip_reason"].iloc[3] != "agreement"
    only_links = mark_skips(_chat([("09:00", "dana", "the app crashes when I pay"),
                                   ("09:01", "avi", "same here")]),
                            FilterConfig(agreement_minutes=0))
    assert only_links["agrees_with"].isna().all()


def test_agreeing_with_oneself_or_saying_something_is_no_agreement():
    out = mark_skips(_chat([("09:00", "dana", "the app crashes when I pay"),
                            ("09:01", "dana", "same here"),
                            ("09:02", "avi", "גם אני שמאלנית , אך החזקתי לך אצבעות"),
                            ("09:03", "tom", "+1 still crashing for me though")]), FilterConfig())
    assert out["agrees_with"].isna().all()
    assert not out["skip_reason"].eq("agreement").any()


def test_a_me_too_looks_past_the_authors_own_me_too_and_none_is_ever_analyzed():
    """Review 11 (R11-11): after a complaint, its author's own "גם אני" stopped another member's
    "גם אצלי" from reaching it: that one was analyzed as a post, and a later "גם אצלי" became its
    duplicate."""
    out = mark_skips(_chat([("09:00", "dana", "ההזמנה שלי לא הגיעה כבר שבוע וגם אין מענה"),
                            ("09:01", "dana", "גם אני"),
                            ("09:02", "avi", "גם אצלי"),
                            ("11:00", "ruth", "גם אצלי")]), FilterConfig())
    assert out["agrees_with"].tolist()[2] == "p0"
    assert out["analyzed"].tolist() == [True, False, False, False]
    assert not out["skip_reason"].eq("duplicate").any()


def test_a_reply_link_decides_what_a_me_too_agrees_with():
    posts = _chat([("09:00", "dana", "the app crashes when I pay"),
                   ("09:05", "tom", "my order never arrived"),
                   ("09:06", "avi", "same here")], parent_id=pd.array([None, None, "1"],
                                                                       dtype="string"))
    out = mark_skips(posts, FilterConfig())
    assert out["agrees_with"].iloc[2] == "p0"  # the reply target, not the nearest post
    posts["parent_id"] = pd.array([None, None, "99"], dtype="string")  # not in the export
    assert mark_skips(posts, FilterConfig())["agrees_with"].isna().all()


def test_a_me_too_after_a_post_without_author_agrees_with_nothing():
    posts = _chat([("09:00", "dana", "the app crashes when I pay"), ("09:01", "avi", "same here")])
    posts["author"] = pd.array([None, "avi"], dtype="string")
    assert mark_skips(posts, FilterConfig())["agrees_with"].isna().all()


def test_a_same_here_on_reddit_agrees_with_the_submission_in_the_other_dump_file(tmp_path):
    """Review 10 (R10-9): Pushshift dumps keep submissions and comments in two files; a "same
    here" under a submission, two days later, was presence noise: its parent was looked for in
    its own file only. Reddit's ids are its own across files, so the link holds (threads.py)."""
    import json

    from mining.challenges.threads import link_replies
    from mining.config import InputConfig
    from mining.ingest import read_inputs

    post = {"id": "x1", "name": "t3_x1", "title": "Logged out every time I open the app",
            "selftext": "Since 4.2 the sign-in loops.", "author": "noted_cat", "subreddit": "Ink",
            "created_utc": 1791235697, "score": 3, "permalink": "/r/Ink/comments/x1/x/"}
    reply = {"id": "c1", "name": "t1_c1", "body": "same here", "author": "paper_owl",
             "link_id": "t3_x1", "parent_id": "t3_x1", "subreddit": "Ink",
             "created_utc": 1791235697 + 2 * 86400, "score": 1}
    (tmp_path / "r_Ink_submissions.ndjson").write_text(json.dumps(post) + "\n", encoding="utf-8")
    (tmp_path / "r_Ink_comments.ndjson").write_text(json.dumps(reply) + "\n", encoding="utf-8")
    posts, _ = read_inputs([str(tmp_path)], InputConfig())
    posts["lang"] = "en"
    out = mark_skips(posts.assign(text_norm=posts["text"]), FilterConfig())
    submission = posts.index[posts["source_id"] == "t3_x1"][0]
    assert out["agrees_with"].dropna().tolist() == [posts.at[submission, "post_id"]]
    assert link_replies(posts, set()).loc[submission, "answered"]


def test_a_support_desks_canned_replies_are_not_analyzed():
    """Review 11 (R11-6): a staff account answering 52 members with 3 texts had its "can you DM
    us your account email?" analyzed as a member's question, inside the top challenge."""
    asks = [f"the app logs me out every time I open screen {i}, why?" for i in range(12)]
    desk = ["Thanks for reporting, can you DM us your account email?", "We are looking into it"]
    lines = [(f"09:{2 * i:02d}", f"m{i}", text) for i, text in enumerate(asks)]
    lines += [(f"09:{2 * i + 1:02d}", "desk", desk[i % 2]) for i in range(12)]
    lines.append(("10:00", "desk", "Maintenance tonight from 22:00, the app may be slow"))
    parents = [None] * 12 + [str(i + 1) for i in range(12)] + [None]
    out = mark_skips(_chat(lines, parent_id=pd.array(parents, dtype="string")), FilterConfig())
    assert out["skip_reason"].iloc[12:24].tolist() == ["canned"] * 12
    assert out["analyzed"].iloc[:12].all() and out["analyzed"].iloc[24]  # its own words stay
    # a member answering each in their own words is no desk
    lines = lines[:12] + [(f"09:{2 * i + 1:02d}", "dana", f"restart and clear the cache, step {i}")
                          for i in range(12)]
    out = mark_skips(_chat(lines, parent_id=pd.array(parents[:24], dtype="string")),
                     FilterConfig())
    assert out["analyzed"].all()


def test_a_bot_saying_one_template_is_not_analyzed_and_a_review_bot_is():
    """Review 13 (R13-2): MEE6's level-up notices, a member's name and a level filled into one
    template (every text differs), made a topic "advanced level · GG" of 25 posts."""
    members = [f"member-{i:08x}" for i in range(12)]
    lines = [(f"09:{i:02d}", "MEE6", f"GG @{m}, you just advanced to level {i + 3}!")
             for i, m in enumerate(members)]
    reviews = ["The app keeps crashing when I upload a photo", "Love the new dark mode",
               "Login fails with error 503 since the update", "Please add an export to PDF",
               "Notifications arrive two hours late", "The search never finds my old chats",
               "Great support, they fixed my account", "Battery drains fast with the app open",
               "Cannot change my phone number in settings", "Videos play without sound",
               "The widget shows yesterday's weather", "Dark mode resets after a restart"]
    lines += [(f"10:{i:02d}", "ReviewBot", f"5 stars: {text}") for i, text in enumerate(reviews)]
    kinds = ["bot"] * 24
    out = mark_skips(_chat(lines, kind=kinds, parent_id=pd.array([None] * 24, dtype="string")),
                     FilterConfig())
    assert out["skip_reason"].fillna("").tolist() == ["canned"] * 12 + [""] * 12
