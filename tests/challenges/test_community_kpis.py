import numpy as np
import pandas as pd
import pytest

from mining.challenges.community import community_health
from mining.challenges.kpis import mention_kpis, parse_competitors, response_kpis
from mining.challenges.threads import link_replies

POSTS = pd.DataFrame({
    "post_id": list("abcdefg"), "source_file": "f", "source_id": list("abcdefg"),
    "parent_id": [None, "a", "a", None, "d", "b", None],
    "author": ["Dana", "Yossi", "Brand", "Nikos", "Dana", "Dana", "Maria"],
    "created_at": pd.to_datetime(["2026-06-01 10:00", "2026-06-01 11:00", "2026-06-01 14:00",
                                  "2026-06-09 09:00", "2026-06-09 09:30", "2026-06-09 12:00",
                                  "2026-06-10 08:00"], utc=True),
    "text_norm": ["האפליקציה קורסת", "תנסי לעדכן", "מתנצלים, בודקים", "Πώς αλλάζω διεύθυνση;",
                  "από τις ρυθμίσεις", "תודה רבה!", "I love Basketo, better than Wolt and וולט"],
    "lang": ["he", "he", "he", "el", "el", "he", "en"],
})
KINDS = pd.Series(["complaint", "other", "other", "question", "other", "praise", "praise"])


@pytest.fixture
def links():
    return link_replies(POSTS, {"Brand"})


def test_reply_directions_reach_and_helpers(links):
    scores = np.array([-0.8, 0.0, 0.0, 0.0, 0.0, 0.9, 0.9])
    health, weekly, helpful, notes = community_health(POSTS, links, KINDS, scores, top=5)
    metric = health.set_index("metric")["value"]
    assert metric["replies_member_to_member"] == 3 and metric["replies_brand_to_member"] == 1
    assert metric["share_member_to_member"] == 1.0
    assert metric["active_members"] == 4
    assert notes == {}
    assert weekly["active_members"].tolist() == [2, 3]
    assert weekly["returning_members"].tolist() == [0, 1]
    top = helpful.set_index("member")
    assert top.loc["Yossi", "answers_to_others"] == 1 and top.loc["Yossi", "positive_replies_received"] == 1
    assert "Brand" not in top.index
    # review 12 (R12-9): a member who answered no one is no "most helpful member", however liked
    liked = POSTS.assign(parent_id=[None, "a", "a", None, "d", "b", "d"])  # Maria likes Nikos
    helpful = community_health(liked, link_replies(liked, {"Brand"}), KINDS, scores, top=5)[2]
    assert "Nikos" not in set(helpful["member"]) and (helpful["answers_to_others"] >= 1).all()



def test_two_overlapping_exports_count_each_message_once():
    """Review 8 (R8-14): last week's export of a chat beside this week's (a week more) counted
    each reply and each member's posts twice."""
    scores = np.array([-0.8, 0.0, 0.0, 0.0, 0.0, 0.9, 0.9])
    once = community_health(POSTS, link_replies(POSTS, {"Brand"}), KINDS, scores, top=5)
    later = POSTS.assign(source_file="g", post_id=[f"g{i}" for i in POSTS["post_id"]])
    both = pd.concat([POSTS.iloc[:5], later], ignore_index=True)
    # one copy of each message is typed (analyzed), the other is a duplicate: either may be
    for typed_first in (True, False):
        copies = [KINDS.iloc[:5], pd.Series([pd.NA] * 5)][::1 if typed_first else -1]
        kinds = pd.concat([*copies, KINDS.iloc[5:]], ignore_index=True)
        scored = [scores[:5], np.zeros(5)][::1 if typed_first else -1]
        twice = community_health(both, link_replies(both, {"Brand"}), kinds,
                                 np.concatenate([*scored, scores[5:]]), top=5)
        for a, b in zip(once[:3], twice[:3]):
            pd.testing.assert_frame_equal(a, b)

def _support_thread(replier: str, texts: list[str], kind: str = "message") -> pd.DataFrame:
    """Twelve members' questions, each answered by ``replier`` with the next of ``texts``."""
    asked = pd.DataFrame({"source_id": [f"q{i}" for i in range(12)], "parent_id": None,
                          "author": [f"m{i}" for i in range(12)], "kind": "message",
                          "text_norm": [f"how do I fix error {i}?" for i in range(12)]})
    answered = pd.DataFrame({"source_id": [f"a{i}" for i in range(12)],
                             "parent_id": [f"q{i}" for i in range(12)], "author": replier,
                             "kind": kind, "text_norm": [texts[i % len(texts)] for i in range(12)]})
    posts = pd.concat([asked, answered], ignore_index=True)
    return posts.assign(post_id=posts["source_id"], source_file="f", lang="en",
                        created_at=pd.date_range("2026-06-01", periods=24, freq="h", tz="UTC"))


def test_a_support_desks_canned_replies_are_named_not_crowned_helpful():
    """Review 11 (R11-6): a staff account answering 52 posts with 3 texts topped "most helpful
    members"; a member answering each in their own words stays there."""
    kinds = pd.Series(["question"] * 12 + ["other"] * 12)
    canned = _support_thread("desk", ["Thanks for reporting, DM us your email", "We are on it!"])
    _, _, helpful, notes = community_health(canned, link_replies(canned, set()), kinds,
                                            np.zeros(24), top=5, has_brand=False)
    assert "desk" not in set(helpful["member"])
    assert notes["canned_replies"].startswith("desk answered 12 posts with 2 different texts")
    own = _support_thread("dana", [f"restart it and clear cache step {i}" for i in range(12)])
    _, _, helpful, notes = community_health(own, link_replies(own, set()), kinds,
                                            np.zeros(24), top=5, has_brand=False)
    assert helpful["member"].tolist()[0] == "dana" and "canned_replies" not in notes


def test_a_bots_messages_make_no_member_and_no_reply_between_members():
    """Review 11 (R11-6): a moderation bot counted among the active members."""
    posts = _support_thread("ModBot", ["Please keep this channel on topic."], kind="bot")
    health, _, helpful, _ = community_health(posts, link_replies(posts, set()),
                                             pd.Series([pd.NA] * 24, dtype="string"),
                                             np.zeros(24), top=5, has_brand=False)
    metric = health.set_index("metric")["value"]
    assert metric["active_members"] == 12 and metric["replies"] == 0
    assert helpful.empty


def test_without_reply_structure_community_says_so():
    bare = POSTS.assign(parent_id=None)
    links = link_replies(bare, set())
    health, _, helpful, notes = community_health(bare, links, KINDS, np.zeros(len(bare)))
    assert "community_replies" in notes and helpful.empty
    assert "member" in helpful.columns  # an empty table still has its header (run folders read back)
    assert "replies" not in set(health["metric"])


def test_response_rate_and_time(links):
    kpis = response_kpis(POSTS, links, KINDS).set_index(["kpi", "scope", "name"])["value"]
    assert kpis["response_rate", "he", "brand"] == 1.0
    assert kpis["median_response_hours", "he", "brand"] == 4.0
    assert kpis["response_rate", "el", "brand"] == 0.0
    assert kpis["median_response_hours", "el", "any reply"] == 0.5


def test_mentions_and_share_of_voice():
    kpis = mention_kpis(POSTS, np.zeros(len(POSTS)), ["Basketo", "בסקטו"], ["Wolt: wolt, וולט", "efood"])
    values = kpis.set_index(["kpi", "scope", "name"])["value"]
    assert values["mentions", "en", "Basketo"] == 1 and values["mentions", "en", "Wolt"] == 1
    assert values["share_of_voice", "all", "Basketo"] == 0.5
    assert values["mentions", "all", "efood"] == 0
    # the base is said: a share of 2 mentions is no share of the community's voice (R13-21)
    units = kpis.set_index(["kpi", "scope", "name"])["unit"]
    assert units["share_of_voice", "all", "Basketo"] == (
        f"share of the 2 mentions of a brand or competitor in {len(POSTS)} posts")


@pytest.mark.parametrize("text, found", [
    ("הזמנתי מבסקטו אתמול", True),  # Hebrew proclitic מ
    ("ΜΠΆΣΚΕΤΟ είναι καλό", True),  # case and accents
    ("basketoland is not it", False),  # whole words only
    ("עברתי לBasketo בגלל התקלות", True),  # a proclitic glued to the Latin name (review 7 R6)
    ("בBasketoland", False),
])
def test_brand_terms_match_every_language(text, found):
    posts = pd.DataFrame({"text_norm": [text], "lang": ["he"]})
    kpis = mention_kpis(posts, np.zeros(1), ["Basketo", "בסקטו", "μπάσκετο"], [])
    assert bool(kpis.set_index(["kpi", "scope"])["value"]["mentions", "all"] == 1) is found


def test_parse_competitors():
    assert parse_competitors(["Wolt: wolt, וולט", "efood", " "]) == {"Wolt": ["wolt", "וולט"], "efood": ["efood"]}
