"""Priority honest about coverage: a signal that part of the posts carry is weighted by that part.

The case of issue 12: a run mixing sources, where the only posts with dates and likes are six
YouTube comments inside a challenge of 24 (Greek headlines and Hebrew comments), against an iOS
update breaking apps (18 complaints by 17 authors, very negative, from a chat with no times).
"""
import numpy as np
import pandas as pd
import pytest

from mining.challenges.ranking import describe_challenges
from mining.config import ChallengesConfig

END = pd.Timestamp("2026-03-01", tz="UTC")


def _posts() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    headlines = pd.DataFrame({
        "challenge_id": 0, "feedback_type": ["request"] * 16 + ["complaint"] * 8,
        "sentiment": ["neutral"] * 20 + ["negative"] * 4, "sentiment_score": 0.0,
        "author": [pd.NA] * 18 + [f"@yt{i}" for i in range(6)],
        "created_at": [pd.NaT] * 18 + [END - pd.Timedelta(days=d) for d in (0, 1, 2, 3, 4, 34)],
        "reactions": pd.array([pd.NA] * 18 + [40, 12, 30, 8, 25, 3], dtype="Int64"),
        "source": ["csv"] * 18 + ["youtube"] * 6, "channel": pd.NA,
    })
    ios = pd.DataFrame({
        "challenge_id": 1, "feedback_type": "complaint",
        "sentiment": ["negative"] * 16 + ["neutral"] * 2, "sentiment_score": -0.8,
        "author": [f"member-{i:08x}" for i in range(17)] + ["member-00000000"],
        "created_at": pd.NaT, "reactions": pd.array([pd.NA] * 18, dtype="Int64"),
        "source": "csv", "channel": pd.NA,
    })
    posts = pd.concat([headlines, ios], ignore_index=True)
    posts["created_at"] = pd.to_datetime(posts["created_at"], utc=True)
    links = pd.DataFrame({"reply_known": False, "n_replies": 0, "answered": pd.NA,
                          "answered_by_brand": pd.NA, "answered_by_member": pd.NA,
                          "first_response_hours": np.nan}, index=posts.index)
    described = pd.DataFrame([
        {"topic_id": c, "label": name, **{f"n_{lang}": 0 for lang in ("he", "el", "en")},
         **{f"{f}_{lang}": "" for f in ("label", "keywords", "quotes", "quote_ids")
            for lang in ("he", "el", "en")}}
        for c, name in ((0, "headlines"), (1, "iOS update"))])
    described["n_en"] = [24, 18]
    return posts, links, described


@pytest.fixture(scope="module")
def table():
    posts, links, described = _posts()
    out, notes = describe_challenges(posts, links, described, {}, ChallengesConfig(), END)
    return out.set_index("label"), notes


def test_the_pain_point_outranks_a_partial_signal(table):
    table, _ = table
    assert table.index[0] == "iOS update"
    assert table.loc["headlines", "coverage_growth"] == pytest.approx(0.25)
    assert table.loc["headlines", "coverage_engagement"] == pytest.approx(0.25)
    assert table.loc["headlines", "coverage_authors"] == pytest.approx(0.25)


def test_signals_nobody_has_are_not_known_not_zero(table):
    table, notes = table
    ios = table.loc["iOS update"]
    assert pd.isna(ios["growth"]) and pd.isna(ios["priority_growth"])
    assert pd.isna(ios["engagement_per_post"]) and pd.isna(ios["reactions"])
    assert ios["unique_authors"] == 17 and ios["coverage_authors"] == 1.0
    assert "growth: not known" in ios["priority_explained"]
    assert "engagement: not known" in ios["priority_explained"]
    assert "priority_partial" in notes


def test_the_explained_parts_add_up_to_the_priority(table):
    table, _ = table
    for _, row in table.iterrows():
        adds = [float(p.split("→ +")[1]) for p in row["priority_explained"].split("; ") if "→" in p]
        assert sum(adds) == pytest.approx(row["priority"], abs=0.01)
    assert "growth 1.00 on 6 of 24 posts with a time" in table.loc["headlines", "priority_explained"]


def test_no_author_anywhere_says_not_known():
    posts, links, described = _posts()
    posts["author"] = pd.array([pd.NA] * len(posts), dtype="string")
    out, _ = describe_challenges(posts, links, described, {}, ChallengesConfig(), END)
    assert out["unique_authors"].isna().all()
    assert out["priority_explained"].str.contains("authors: not known").all()


def test_members_who_confirm_a_post_with_a_me_too_count_among_its_authors():
    """Review 7, P4: two members answer an iOS complaint with "גם אצלי" (one of them also posted
    in it), one says "+1" to a headline's praise-free request, one to a post in no challenge; the
    brand's "+1" counts nowhere."""
    from mining.challenges.ranking import confirmations

    posts, links, described = _posts()
    posts["post_id"] = [f"p{i}" for i in range(len(posts))]
    every = pd.concat([posts, pd.DataFrame({
        "post_id": ["a1", "a2", "a3", "a4", "a5"],
        "author": ["member-new00001", "member-00000003", "member-new00002", "member-new00003",
                   "brand"],
        "agrees_with": ["p30", "p30", "p0", "elsewhere", "p30"]})], ignore_index=True)
    confirmed = confirmations(every, posts, {"brand"})
    assert confirmed == {1: {"member-new00001", "member-00000003"}, 0: {"member-new00002"}}
    out, _ = describe_challenges(posts, links, described, {}, ChallengesConfig(), END, confirmed)
    ios = out.set_index("label").loc["iOS update"]
    assert ios["unique_authors"] == 18 and ios["confirmed_by"] == 1
    assert "authors 1.00 (18 members, 1 of them confirming a post with a \"me too\" or its own " \
           "words)" in ios["priority_explained"]
    before, _ = describe_challenges(posts, links, described, {}, ChallengesConfig(), END)
    assert before.set_index("label").loc["iOS update", "confirmed_by"] == 0
    headlines = out.set_index("label").loc["headlines"]
    assert headlines["unique_authors"] == 7 and headlines["confirmed_by"] == 1
    # the authors' part of the priority reads the confirmed count
    assert headlines["priority_authors"] > before.set_index("label").loc["headlines",
                                                                         "priority_authors"]
