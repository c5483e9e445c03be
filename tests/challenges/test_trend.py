"""Trends a community manager would see (review 10, R10-14): an outbreak of the last days is
accelerating, not steady; a rise on too few posts for an alert is said so; every trend says what
it rests on (the windows, their posts, the posts with a time)."""
import numpy as np
import pandas as pd
import pytest

from mining.challenges.ranking import describe_challenges
from mining.config import ChallengesConfig

END = pd.Timestamp("2026-10-31 20:00", tz="UTC")
START = pd.Timestamp("2026-06-01", tz="UTC")
DAY = pd.Timedelta(days=1)


def _times(days_before_end) -> list[pd.Timestamp]:
    return [END - d * DAY for d in days_before_end]


def _table(groups: dict[str, list]) -> pd.DataFrame:
    """``describe_challenges`` over one challenge per group of post times (NaT: no time)."""
    labels = list(groups)
    frames = [pd.DataFrame({"challenge_id": c, "created_at": pd.to_datetime(pd.Series(times), utc=True)})
              for c, times in enumerate(groups.values())]
    posts = pd.concat(frames, ignore_index=True)
    posts = posts.assign(feedback_type="complaint", sentiment="negative", sentiment_score=-0.5,
                         author=[f"member-{i % 40:08x}" for i in range(len(posts))],
                         source="whatsapp", channel=pd.NA,
                         reactions=pd.array([pd.NA] * len(posts), dtype="Int64"))
    links = pd.DataFrame({"reply_known": False, "n_replies": 0, "answered": pd.NA,
                          "answered_by_brand": pd.NA, "answered_by_member": pd.NA,
                          "first_response_hours": np.nan}, index=posts.index)
    described = pd.DataFrame([
        {"topic_id": c, "label": name, "n_he": 0, "n_el": 0, "n_en": len(groups[name]),
         **{f"{f}_{lang}": "" for f in ("label", "keywords", "quotes", "quote_ids")
            for lang in ("he", "el", "en")}} for c, name in enumerate(labels)])
    end = posts["created_at"].max() if posts["created_at"].notna().any() else None
    table, _ = describe_challenges(posts, links, described, {}, ChallengesConfig(), end)
    return table.set_index("label")


@pytest.fixture(scope="module")
def chat():
    """Five months of a chat: three posts a week on lost cards, then 7 more in its last three
    days; two a week on card arrival throughout; three a week on exchange rates that stop two
    months before the end; a post every three weeks on passcodes, then 4 in the last 3 days; one a
    week on deliveries, 3 in the last week."""
    weeks = np.arange(0, 150, 7)
    return _table({
        "lost card": _times(np.concatenate([weeks + 0.5, weeks + 2.5, weeks + 4.5,
                                            [0.1, 0.5, 1, 1.2, 1.8, 2.2, 2.9]])),
        "card arrival": _times(np.concatenate([weeks + 1, weeks + 4])),
        "exchange rate": _times(np.concatenate([weeks + 61, weeks + 63, weeks + 65])),
        "passcode": _times(np.concatenate([np.arange(20, 150, 21), [0.2, 1, 1.5, 2.5]])),
        "delivery": _times(np.concatenate([weeks + 3, [1, 2]])),
    })


def test_an_outbreak_of_the_last_days_is_accelerating_not_steady(chat):
    """Spread over the two recent weeks, 7 posts in the last 3 days over three a week grew by
    87% (steady); the last week holds 10 posts against 3.0 a week before."""
    lost = chat.loc["lost card"]
    assert lost["growth"] < 1.0  # over the two recent weeks: below accelerating_growth
    assert lost["trend"] == "accelerating"
    assert lost["last_week_posts"] == 10
    assert lost["trend_explained"] == (
        "accelerating: 13 posts in the 2 weeks from 2026-10-17 to 2026-10-31 (10 of them in the "
        "last week) against 12 in the 4 weeks before (3.0 a week)")
    assert chat.loc["card arrival", "trend"] == "steady"
    # 3 posts in a week of a challenge posted about weekly: below spike_min_count, no outbreak
    assert chat.loc["delivery", "trend"] == "steady"
    assert chat.loc["exchange rate", "trend"] == "declining"


def test_a_rise_on_too_few_posts_for_an_alert_is_rising_not_steady(chat):
    passcode = chat.loc["passcode"]
    assert passcode["growth"] >= 1.0 and passcode["recent_posts"] == 4
    assert passcode["trend"] == "rising"
    assert passcode["trend_explained"].endswith("; too few posts for an alert "
                                                "(challenges.spike_min_count)")


def test_the_trend_says_when_posts_lack_times_or_the_baseline_is_short():
    table = _table({"timed": _times([0, 1, 2, 9, 20, 30, 40]) + [pd.NaT] * 3,
                    "untimed": [pd.NaT] * 10})
    assert table.loc["timed", "trend_explained"].endswith("; on the 7 of its 10 posts with a time")
    assert pd.isna(table.loc["untimed", "trend"])
    assert table.loc["untimed", "trend_explained"] == "not known: none of its posts has a time"
    short = _table({"short": _times([0, 1, 2, 5, 10, 16, 17])})  # 17 days: 3 days of baseline
    assert pd.isna(short.loc["short", "trend"])
    assert short.loc["short", "trend_explained"].startswith(
        "not known: 5 posts in the 2 weeks from 2026-10-17 to 2026-10-31 (4 of them in the last "
        "week), and the posts begin 3 days before them")


def test_a_problem_that_died_out_before_the_baseline_weeks_is_declining():
    """Thirty posts over three months, one in the baseline weeks and none since: "steady" (0
    posts against 0.2 a week, growth -20%), though it had 1.7 a week before."""
    table = _table({"top-up": _times(np.concatenate([np.arange(60, 144, 2.8), [30]])),
                    "rare": _times(np.arange(20, 150, 30)),  # one post a month: no more now
                    "card arrival": _times(np.arange(0, 150, 3.5))})
    top_up = table.loc["top-up"]
    assert top_up["recent_posts"] == 0 and top_up["baseline_posts"] == 1
    assert top_up["trend"] == "declining"
    assert top_up["trend_explained"] == (
        "declining: no posts in the 2 weeks from 2026-10-17 to 2026-10-31 against 1 in the 4 weeks "
        "before (0.2 a week), and 1.7 a week from its first post to the recent weeks")
    assert table.loc["rare", "trend"] == "steady"


def test_a_burst_that_is_over_is_subsiding_not_accelerating_nor_new():
    """Review 12 (R12-20): a one-day card outage 11 days before the corpus ended read
    "accelerating" (30 posts in the recent weeks, 1 in the last one) and was the first alert; one
    first seen then, none since, read "new"."""
    weeks = np.arange(14, 150, 7)
    table = _table({
        "outage": _times(np.concatenate([weeks + 1, weeks + 4, np.full(30, 11.0), [2.0]])),
        "new outage": _times(np.full(20, 11.0)),
        "ongoing": _times(np.concatenate([weeks + 1, weeks + 4, np.full(15, 11.0),
                                          np.full(15, 2.0)])),
        "card arrival": _times(np.arange(0, 150, 3.5)),
    })
    assert table.loc["outage", "trend"] == "subsiding"
    assert table.loc["outage", "trend_explained"].startswith(
        "subsiding: 31 posts in the 2 weeks from 2026-10-17 to 2026-10-31 (1 of them in the last week)")
    assert table.loc["new outage", "trend"] == "subsiding"
    assert table.loc["ongoing", "trend"] == "accelerating"
    # a finished burst's growth does not rank it: it topped the table with growth 1.0
    assert table.loc["outage", "growth"] >= 1 and table.loc["outage", "priority_growth"] == 0
    assert table.loc["ongoing", "priority_growth"] == 1


def test_growth_counts_in_the_priority_only_where_the_trend_finds_the_group_growing():
    """Review 14 (R14-16): 4 posts in the recent weeks against 3 before, "steady", put an
    11-post challenge first in a 450-ticket inbox on growth alone."""
    table = _table({
        "steady": _times(np.concatenate([np.arange(20, 150, 7), [2.0, 5.0, 9.0, 12.0]])),
        "outbreak": _times(np.concatenate([np.arange(20, 150, 7), np.full(12, 3.0)])),
        "card arrival": _times(np.arange(0, 150, 3.5)),
    })
    steady = table.loc["steady"]
    assert steady["trend"] == "steady" and steady["growth"] > 0
    assert steady["priority_growth"] == 0
    assert f"(growth {steady['growth']:+.2f}, but the trend is steady)" in steady["priority_explained"]
    assert table.loc["outbreak", "trend"] == "accelerating"
    assert table.loc["outbreak", "priority_growth"] == 1


def _spiked(groups: dict[str, np.ndarray]) -> pd.DataFrame:
    """``describe_challenges`` over one challenge per group of post times (days before the end),
    with the spikes that ``analyze._spikes`` finds in them."""
    from mining.challenges.analyze import _spikes
    posts = pd.DataFrame({"challenge_id": np.repeat(np.arange(len(groups)),
                                                    [len(t) for t in groups.values()]),
                          "created_at": _times(np.concatenate(list(groups.values())))})
    posts = posts.assign(feedback_type="complaint", sentiment="negative", sentiment_score=-0.5,
                         author=[f"member-{i % 40:08x}" for i in range(len(posts))],
                         source="whatsapp", channel=pd.NA, source_file="chat.txt",
                         reactions=pd.array([pd.NA] * len(posts), dtype="Int64"))
    links = pd.DataFrame({"reply_known": False, "n_replies": 0, "answered": pd.NA,
                          "answered_by_brand": pd.NA, "answered_by_member": pd.NA,
                          "first_response_hours": np.nan}, index=posts.index)
    described = pd.DataFrame([{"topic_id": c, "label": name, "n_he": 0, "n_el": 0, "n_en": 1,
                               **{f"{f}_{lang}": "" for f in ("label", "keywords", "quotes",
                                                              "quote_ids")
                                  for lang in ("he", "el", "en")}}
                              for c, name in enumerate(groups)])
    spikes, counts = _spikes(posts, posts[["feedback_type", "challenge_id"]], ChallengesConfig())
    table, _ = describe_challenges(posts, links, described, counts, ChallengesConfig(), True,
                                   spikes=spikes)
    return table.set_index("label")


def test_a_recent_one_day_spike_is_spiking_and_counts_in_the_priority():
    """Two posts a day on cards for ten weeks and 20 more on one day ten days before the end:
    over the two recent weeks that is +67% (steady), yet the day was a spike alarm (review 15,
    R15-17: a card outage, 68 posts against about 5.2 expected, read "steady", growth 0). The same
    burst seven weeks before the end is no recent spike: its challenge stays steady."""
    daily = np.arange(0.3, 70, 0.5)
    table = _spiked({"card outage": np.concatenate([daily, np.full(20, 10.4)]),
                     "old outage": np.concatenate([daily, np.full(20, 49.4)])})
    card, old = table.loc["card outage"], table.loc["old outage"]
    assert card["growth"] < 1.0 and old["trend"] == "steady"
    assert card["trend"] == "spiking"
    assert card["trend_explained"].startswith("spiking: 22 posts on 2026-10-21 against about 2.0 "
                                              "expected; over the weeks, steady: 48 posts")
    assert card["priority_growth"] == pytest.approx(20 / 48, abs=0.01)
    assert old["priority_growth"] == 0
    assert "its spike's excess over the recent weeks' 48 posts" in card["priority_explained"]


def test_a_spike_without_a_baseline_for_the_trend_leaves_it_not_known():
    """Eighteen days of posts: the second week's spike is flagged (a week of history), but the
    trend has under a week of baseline and stays not known."""
    table = _spiked({"card outage": np.concatenate([np.arange(0.3, 18, 0.5), np.full(20, 9.4)])})
    assert pd.isna(table.loc["card outage", "trend"])
