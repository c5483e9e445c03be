"""Why a spike happened: for each spike alarm, the challenges and topics that drove it (their
share of the excess over the baseline) and a few posts of that period from the main driver.

A group's excess is its posts in the flagged period less its mean per period over the trailing
baseline (``challenges.baseline_weeks``, as the spike test used); its share is that excess over the
spike's own excess (count less baseline), or over the rises of its kind's groups together when
they rose by more than the whole (others fell), so that a kind's shares add up to 100% at most. A
post is in a topic and maybe a challenge: challenges and topics are two lists, each a division of
the same excess (review 14 R14-4: one list read "64%", "81%", "11% of the excess").

Example:
    >>> [n.line for n in explain_spikes(posts, topics, found, config)]   # doctest: +SKIP
    ['Spike in all posts from 2026-08-03: 76 posts against about 15.1 expected.']
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from mining.report.safe import clean_text
from mining.report.sections import Quote, quote
from mining.report.summary import alarm_rows, challenge_name, display_name, merged_into, spike_line
from mining.topics.describe import trim
from mining.topics.quotes import mask_links

DRIVERS = 3  # groups listed per kind
MIN_SHARE = 0.1  # a group below this share of the excess is not named,
MIN_POSTS = 3  # nor one with fewer posts in the period (one post is no driver)
QUOTES = 3


@dataclass
class Driver:
    name: str  # "C-0003 card · declined" or "topic 4: delivery · late"
    column: str  # challenge_id or topic_id
    group: int
    count: int
    expected: float
    share: float  # of the spike's excess


KINDS = {"challenge_id": "By challenge", "topic_id": "By topic"}


@dataclass
class SpikeNote:
    line: str
    drivers: list[Driver] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    @property
    def by_kind(self) -> list[tuple[str, list[Driver]]]:
        """The drivers as the report lists them: challenges, then topics, each its own list."""
        return [(title, kept) for column, title in KINDS.items()
                if (kept := [d for d in self.drivers if d.column == column])]


def explain_spikes(posts: pd.DataFrame, topics: pd.DataFrame, found, config: dict,
                   since: pd.Timestamp | None = None) -> list[SpikeNote]:
    """A note per spike alarm (from ``since`` on), with its drivers and quotes."""
    analyzed = posts[posts["analyzed"] & posts["created_at"].notna()]
    by_id = posts.drop_duplicates("post_id").set_index("post_id")
    weeks = config.get("challenges", {}).get("baseline_weeks", 4)
    names = {"challenge_id": {int(r.challenge_id): f"{challenge_name(r.challenge_id)} {display_name(r)}"
                              for r in found.challenges.itertuples(index=False)},
             "topic_id": {int(r.topic_id): f"topic {r.topic_id}: {r.label}"
                          for r in topics.itertuples(index=False)}}
    into = merged_into(found.challenges)
    notes, quoted = [], set()  # a post is quoted once: spikes of one day show different posts
    for row in alarm_rows(found.spikes, since).itertuples(index=False):
        scoped = _scope(analyzed, row, into)
        start = pd.Timestamp(row.period_start)
        step = pd.Timedelta(days=1 if row.period == "day" else 7)
        inside = scoped[(scoped["created_at"] >= start) & (scoped["created_at"] < start + step)]
        before = scoped[(scoped["created_at"] >= start - pd.Timedelta(weeks=weeks))
                        & (scoped["created_at"] < start)]
        periods = weeks * (7 if row.period == "day" else 1)
        excess = max(float(row.count) - float(row.baseline), 1.0)
        # a challenge's own spike: its topics drove it, not itself
        columns = ("topic_id",) if row.scope == "challenge" else ("challenge_id", "topic_id")
        drivers = [d for column in columns
                   for d in _drivers(inside, before, column, names[column], periods, excess)]
        said = _quotes(inside[~inside["post_id"].isin(quoted)], drivers, by_id)
        quoted.update(q.post_id for q in said)
        notes.append(SpikeNote(spike_line(row, into), drivers, [q.quote for q in said]))
    return notes


def _scope(posts: pd.DataFrame, row, into: dict[int, int]) -> pd.DataFrame:
    """The posts a spike counts; a merged challenge's are its target's (``posts`` carry the
    curated ids)."""
    if row.scope == "complaints":
        return posts[posts["feedback_type"] == "complaint"]
    if row.scope == "challenge":
        return posts[posts["challenge_id"] == into.get(int(row.challenge_id), row.challenge_id)]
    return posts


def _drivers(inside: pd.DataFrame, before: pd.DataFrame, column: str, names: dict[int, str],
             periods: int, excess: float) -> list[Driver]:
    counts = inside[column].dropna().astype(int).value_counts()
    expected = before[column].dropna().astype(int).value_counts() / periods
    rises = {g: n - float(expected.get(g, 0.0)) for g, n in counts.items() if g in names}
    whole = max(excess, sum(r for r in rises.values() if r > 0))
    drivers = [Driver(names[g], column, int(g), int(counts[g]), float(expected.get(g, 0.0)),
                      rise / whole) for g, rise in rises.items()]
    drivers = [d for d in drivers if d.share >= MIN_SHARE and d.count >= MIN_POSTS]
    return sorted(drivers, key=lambda d: -d.share)[:DRIVERS]


@dataclass
class _Quoted:
    post_id: str
    quote: Quote


def _quotes(inside: pd.DataFrame, drivers: list[Driver], posts: pd.DataFrame) -> list[_Quoted]:
    """Posts of the period from the main driver (else of the whole period): the most reacted to,
    then the longest, one language after another (the best of each language first)."""
    chosen = inside[inside[drivers[0].column] == drivers[0].group] if drivers else inside
    ranked = (chosen.assign(length=chosen["text_norm"].str.len(),
                            engaged=chosen["reactions"].fillna(0))
              .sort_values(["engaged", "length"], ascending=False)
              .drop_duplicates("text_norm"))
    ranked = (ranked.assign(turn=ranked.groupby("lang").cumcount())
              .sort_values("turn", kind="stable").head(QUOTES))
    return [_Quoted(r.post_id, quote(trim(mask_links(clean_text(str(r.text_norm)))), r.post_id, posts))
            for r in ranked.itertuples()]
