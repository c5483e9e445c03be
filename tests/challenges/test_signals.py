import numpy as np
import pandas as pd
import pytest

from mining.challenges.signals import (count_periods, detect_spikes, growth_rates, period_start,
                                       resolve_period, trend)


def series(values, start="2026-06-01"):
    return pd.Series(values, index=pd.date_range(start, periods=len(values), freq="D", tz="UTC"))


@pytest.mark.parametrize("method", ["poisson", "robust_z"])
def test_a_wave_is_caught_on_its_first_day_and_flagged_while_it_lasts(method):
    rng = np.random.default_rng(0)
    quiet = rng.poisson(3, 60).tolist()
    found = detect_spikes(series(quiet + [25, 22, 15] + quiet[:10]), 28, method, 3.5, 5)
    flagged = found.index[found["spike"]].tolist()
    assert flagged[:3] == [60, 61, 62]


def test_no_false_alarm_in_quiet_overdispersed_weeks():
    # The default test widens Poisson to a negative binomial when counts vary more than Poisson;
    # robust_z, on the same data, does raise an alarm (its MAD floor is tight for skewed counts).
    rng = np.random.default_rng(1)
    quiet = rng.negative_binomial(3, 0.5, 120)  # mean 3, variance 6
    assert not detect_spikes(series(quiet), 28, "poisson", 3.5, 5)["spike"].any()


def test_min_count_and_history():
    found = detect_spikes(series([0] * 10 + [3]), 28, "poisson", 3.5, 5)
    assert not found["spike"].any()  # 3 posts after silence: anomalous but below spike_min_count
    early = detect_spikes(series([1, 30]), 28, "poisson", 3.5, 5)
    assert early["score"].isna().all()  # less than a week of history: not tested


def test_unknown_method():
    with pytest.raises(ValueError, match="robust_z"):
        detect_spikes(series([1] * 10), 7, "mad")


def test_periods_and_counts():
    times = pd.Series(pd.to_datetime(["2026-08-03 10:00", "2026-08-05 23:59", "2026-08-10 00:01"],
                                     utc=True))
    assert period_start(times, "week").dt.strftime("%Y-%m-%d").tolist() == ["2026-08-03"] * 2 + ["2026-08-10"]
    assert count_periods(times, "day").tolist() == [1, 0, 1, 0, 0, 0, 0, 1]
    assert resolve_period(times, "auto") == "day"
    long = pd.Series(pd.to_datetime(["2024-01-01", "2026-01-01"], utc=True))
    assert resolve_period(long, "auto") == "week"
    assert resolve_period(pd.Series([pd.NaT]), "auto") == "week"


def test_growth_and_trend():
    end = pd.Timestamp("2026-09-06", tz="UTC")
    times = pd.Series(pd.to_datetime(
        ["2026-08-10"] * 4 + ["2026-09-01"] * 8 + ["2026-09-02"] * 2 + ["2026-08-01"] * 8, utc=True))
    groups = pd.Series([1] * 12 + [2] * 2 + [3] * 8)
    rates = growth_rates(times, groups, end, recent_weeks=2, baseline_weeks=4,
                         start=pd.Timestamp("2026-07-01", tz="UTC"))
    assert rates.loc[1, "recent_posts"] == 8 and rates.loc[1, "baseline_posts"] == 4
    assert rates.loc[1, "growth"] == pytest.approx((4 + 1) / (1 + 1) - 1)
    recent_start = end - pd.Timedelta(weeks=2)
    assert trend(pd.Timestamp("2026-09-02", tz="UTC"), 2.0, 2, recent_start, 1.0, 5) == "new"
    assert trend(pd.Timestamp("2026-08-10", tz="UTC"), 1.5, 8, recent_start, 1.0, 5) == "accelerating"
    assert trend(pd.Timestamp("2026-08-01", tz="UTC"), -0.6, 0, recent_start, 1.0, 5) == "declining"
    assert trend(pd.Timestamp("2026-08-01", tz="UTC"), 0.2, 3, recent_start, 1.0, 5) == "steady"


def test_a_challenge_silent_in_the_recent_and_baseline_weeks_has_growth_0_and_declines():
    """A challenge whose last post is months before the corpus ends was missing from the growth
    table: its growth read "not known, no baseline" on a 7-year corpus, and the priority left the
    part out instead of counting 0, which raised it (a review)."""
    end = pd.Timestamp("2023-09-14", tz="UTC")
    times = pd.Series(pd.to_datetime(["2016-03-14", "2023-06-23", "2023-09-01", "2023-09-10"],
                                     utc=True))
    rates = growth_rates(times, pd.Series([0, 0, 1, 1]), end, recent_weeks=2, baseline_weeks=4)
    assert rates.loc[0, ["recent_posts", "baseline_posts", "growth"]].tolist() == [0, 0, 0.0]
    recent_start = end - pd.Timedelta(weeks=2)
    assert trend(pd.Timestamp("2016-03-14", tz="UTC"), rates.loc[0, "growth"], 0, recent_start,
                 1.0, 5) == "declining"


def test_growth_over_a_short_history_is_measured_on_the_weeks_it_covers():
    """A community whose posts begin inside the baseline window: its baseline rate is over the
    weeks the posts cover, not over four weeks of which most were before the first post (every
    challenge of a 19-day export read as accelerating); under a week of baseline (the 19 days), no
    growth."""
    end = pd.Timestamp("2025-05-19", tz="UTC")
    days = pd.date_range(pd.Timestamp("2025-04-24", tz="UTC"), end, freq="D")
    times = pd.Series(days.repeat(5))  # five posts a day: a flat rate
    rates = growth_rates(times, pd.Series(1, index=times.index), end, recent_weeks=2,
                         baseline_weeks=4)
    assert rates.loc[1, "growth"] == pytest.approx(0.0, abs=0.1)
    recent_start = end - pd.Timedelta(weeks=2)
    assert trend(days[0], rates.loc[1, "growth"], 70, recent_start, 1.0, 5) == "steady"
    short = times[times > pd.Timestamp("2025-05-01", tz="UTC")]  # 4 days before the recent weeks
    assert np.isnan(growth_rates(short, pd.Series(1, index=short.index), end, 2, 4).loc[1, "growth"])
