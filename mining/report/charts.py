"""Charts drawn with matplotlib. Matplotlib 3.11+ lays out right-to-left text (Hebrew) itself.

Charts over time tell the truth about time: bins chosen from the corpus's span, every bin drawn
(an empty one as zero, so a month without posts is not bridged by a line), the axis fitted to the
posts' span, and the posts without a time counted in a footnote.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from mining.lang import LANG_NAMES
from mining.report.summary import display_name
from mining.report.zone import UTC, wall_times, zone_of
from mining.schema import analyzed_rows

LANG_COLORS = {"he": "#1f77b4", "el": "#2ca02c", "en": "#ff7f0e"}
OTHER_COLOR = "#7f7f7f"
MAX_TOPICS = 20


def _short(text: str, limit: int = 45) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _figure(**kwargs):
    """A figure drawn without pyplot, so a run inside Jupyter leaves its charts inline."""
    from matplotlib.figure import Figure

    return Figure(**kwargs)


@dataclass
class TimeBins:
    """Bins for counting posts over time, chosen from the span of the posts' times: hours for a
    day or two, days up to three months, weeks up to two years, months beyond. A 3-day corpus is
    three days, not one dot on a three-year axis."""

    unit: str  # hour, day, week, month
    starts: pd.Series  # each post's bin start (the wall time of ``zone``, naive)
    index: pd.DatetimeIndex  # every bin from the first to the last, empty ones included
    width: pd.Timedelta
    window: tuple[pd.Timestamp, pd.Timestamp]  # the first and last time drawn (naive, as starts)
    strays: pd.Series  # the times of the posts far from the others (``_window``), not drawn
    zone: str = UTC  # the zone of the posts' times, whose days the bins are (``mining.report.zone``)

    def drawn(self, times: pd.Series) -> pd.Series:
        """Which of ``times`` (in ``zone``) the charts draw."""
        return wall_times(times).between(*self.window)

    def wall(self, moments: pd.Series) -> pd.Series:
        """``moments`` (UTC, such as the spikes' ``period_start``) as the clock of ``zone`` reads them."""
        return pd.to_datetime(moments, utc=True).dt.tz_convert(self.zone).dt.tz_localize(None)

    @property
    def stray_note(self) -> str:
        """A sentence for the posts the charts leave out as far from the others; "" for none."""
        if self.strays.empty:
            return ""
        n, first, last = len(self.strays), self.strays.min(), self.strays.max()
        dates = f"{first:%Y-%m-%d}" + (f" to {last:%Y-%m-%d}" if last.date() != first.date() else "")
        return (f"{n:,} post{'s' if n != 1 else ''} far from the others in time ({dates}) "
                f"{'are' if n != 1 else 'is'} not drawn: the charts show "
                f"{self.window[0]:%Y-%m-%d} to {self.window[1]:%Y-%m-%d}, where the other "
                f"{len(self.starts) - n:,} are.")

    def counts(self, mask: pd.Series | None = None) -> pd.Series:
        """Posts per bin (``mask`` picks some of the posts), zeros where none: a gap shows."""
        starts = self.starts if mask is None else self.starts[mask]
        return starts.value_counts().reindex(self.index, fill_value=0)

    def bin_of(self, when: pd.Timestamp) -> pd.Timestamp:
        return _floor(pd.Series([when]), self.unit).iloc[0]

    def partial(self, times: pd.Series) -> dict[str, tuple[pd.Timestamp, int, int]]:
        """The first and last day, week or month bins that the posts cover only in part:
        ``first``/``last`` -> (bin start, hours or days covered, hours or days in the bin;
        ``coverage_unit``). A corpus from a Wednesday to a Tuesday starts and ends with weeks
        that look like drops in volume, and a chat exported at 00:41 ends with a day of one post."""
        if self.unit == "hour":
            return {}
        step = pd.Timedelta(hours=1) if self.unit == "day" else pd.Timedelta(days=1)
        moments = wall_times(times)
        moments = moments[moments.between(*self.window)].dt.floor(step)
        out = {}
        for end, start in (("first", self.index[0]), ("last", self.index[-1])):
            stop = start + (pd.offsets.MonthBegin(1) if self.unit == "month" else self.width)
            length = (stop - start) // step
            covered = ((stop - moments.min()) // step if end == "first"
                       else (moments.max() - start) // step + 1)
            if min(covered, length) < length:
                out[end] = (start, covered, length)
        return out

    @property
    def coverage_unit(self) -> str:
        """What ``partial`` counts a bin's coverage in."""
        return "hours" if self.unit == "day" else "days"


# unit, longest span it is used for, pandas frequency, width of a bar (a month: about 30 days)
_UNITS = [("hour", pd.Timedelta(days=2), "h", pd.Timedelta(hours=1)),
          ("day", pd.Timedelta(days=92), "D", pd.Timedelta(days=1)),
          ("week", pd.Timedelta(days=731), "7D", pd.Timedelta(days=7)),
          ("month", None, "MS", pd.Timedelta(days=30))]


def _floor(times: pd.Series, unit: str) -> pd.Series:
    if unit in ("hour", "day"):
        return times.dt.floor("h" if unit == "hour" else "D")
    return times.dt.to_period("W-SUN" if unit == "week" else "M").dt.start_time


STRAY_SHARE = 0.05  # at most this share of the posts, the earliest, is left off a chart


def _window(naive: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The times a chart draws: every post's, unless some of the earliest twentieth of the posts
    lie farther from the others than the others' own span. A reviewer's run of ten weeks of
    chats beside YouTube comments from 2018 to 2024 drew 2,740 posts as 3 points at the right
    edge of an eight-year axis, and with 113 comments (4.5%) spread over the two years before,
    as the last three bars of a monthly axis. The latest posts are always drawn: they are the
    news a weekly run is for, however far they lie from the others (a chat erupting after a
    quiet month)."""
    times = np.sort(naive.to_numpy())
    low = times[int(len(times) * STRAY_SHARE)]
    margin = max(times[-1] - low, np.timedelta64(1, "D"))
    return pd.Timestamp(max(times[0], low - margin)), pd.Timestamp(times[-1])


def time_bins(times: pd.Series) -> TimeBins:
    """Bins for ``times`` (no missing values) over their ``_window``: days, weeks, months of the
    times' own zone (``mining.report.zone``: the report's posts are in the community's zone)."""
    naive = wall_times(times)
    inside = naive.between(*_window(naive))
    window = (naive[inside].min(), naive[inside].max())
    span = window[1] - window[0]
    unit, freq, width = next((u, f, w) for u, limit, f, w in _UNITS if limit is None or span <= limit)
    starts = _floor(naive, unit)
    index = pd.date_range(starts[inside].min(), starts[inside].max(), freq=freq)
    return TimeBins(unit, starts, index, width, window, naive[~inside], zone_of(times))


def _time_axis(ax, bins: TimeBins) -> None:
    """The x axis fitted to the bins drawn, with dates as short as the span allows."""
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator(minticks=3, maxticks=8)  # never more than 8 labels, no warning
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    pad = bins.width * 0.6
    ax.set_xlim(bins.index[0] - pad + bins.width / 2, bins.index[-1] + pad + bins.width / 2)


def volume_series(timed: pd.DataFrame, bins: TimeBins) -> list[tuple[str, np.ndarray, str]]:
    """(name, posts per bin, colour) of each line of the volume chart: Hebrew, Greek and
    English each, and the other languages as one, so that every post of ``timed`` is drawn;
    languages without posts are left out."""
    series = [(LANG_NAMES[lang], timed["lang"] == lang, color) for lang, color in LANG_COLORS.items()]
    series.append((LANG_NAMES["other"], ~timed["lang"].isin(list(LANG_COLORS)), OTHER_COLOR))
    counted = [(name, bins.counts(members).to_numpy(), color) for name, members, color in series]
    return [(name, counts, color) for name, counts, color in counted if counts.any()]


def volume_chart(posts: pd.DataFrame, spikes: pd.DataFrame | None, path: Path) -> Path | None:
    """Write ``volume_figure`` to ``path``; None when no post has a time."""
    fig = volume_figure(posts, spikes)
    if fig is None:
        return None
    fig.savefig(path)
    return path


def volume_figure(posts: pd.DataFrame, spikes: pd.DataFrame | None):
    """Analyzed posts per time bin and language (bins from the span, empty bins drawn as zero),
    the periods flagged as spikes shaded, the legend beside the plot; posts without a time are
    counted in a footnote.

    ``spikes`` has ``period_start`` (UTC timestamps of flagged periods) and ``period`` columns, or
    is None.
    """
    analyzed = analyzed_rows(posts, ["created_at", "lang"])
    timed = analyzed[analyzed["created_at"].notna()]
    if timed.empty:
        return None
    bins = time_bins(timed["created_at"])
    partial = bins.partial(timed["created_at"])
    fig = _figure(figsize=(9, 3.6), dpi=110)
    ax = fig.subplots()
    centres = bins.index + bins.width / 2
    few = len(bins.index) <= 31
    bottom = np.zeros(len(bins.index))
    for name, counts, color in volume_series(timed, bins):
        if few:  # a handful of bins: stacked bars, each bin's total readable
            ax.bar(centres, counts, width=bins.width * 0.85, bottom=bottom, color=color,
                   label=name)
            bottom = bottom + counts
        else:
            ax.plot(centres, counts, marker="o", ms=2.5, lw=1.2, color=color, label=name)
            at = [bins.index.get_loc(start) for start, _, _ in partial.values()]
            ax.plot(centres[at], counts[at], "o", ms=5, mfc="white", color=color)  # partial bins
    if few and partial:
        at = [bins.index.get_loc(start) for start, _, _ in partial.values()]
        ax.bar(centres[at], bottom[at], width=bins.width * 0.85, fill=False, hatch="//",
               edgecolor="#555", lw=0)
    flagged = _spike_spans(spikes, bins) if spikes is not None else []
    for start, end in flagged:
        ax.axvspan(start, end, color="#d62728", alpha=0.2, lw=0)
    ax.set_ylabel(f"posts per {bins.unit}")
    ax.set_ylim(bottom=0)
    if few:  # headroom over the tallest bar: a stacked bar's bottom at its top took it away
        ax.set_ylim(top=max(float(bottom.max()), 1.0) * 1.06)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Volume by language" + (" (red: spikes)" if flagged else ""))
    ax.set_xlabel(f"{bins.zone} time", fontsize=8, color="#555")
    # beside the plot, not over it: inside, it covered the tallest bars' tops (review 9 R9-13)
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    ax.spines[["top", "right"]].set_visible(False)
    _time_axis(ax, bins)
    untimed = len(analyzed) - len(timed)
    notes = []
    if partial:
        notes.append(f"Partial {bins.unit}s ({'hatched' if few else 'hollow points'}): " + "; ".join(
            f"the {end} ({start:%Y-%m-%d}) holds {covered} of its {length} {bins.coverage_unit}"
            for end, (start, covered, length) in partial.items()) + ".")
    if untimed:
        notes.append(f"{untimed:,} of {len(analyzed):,} analyzed posts have no time and are not drawn.")
    if bins.stray_note:
        notes.append(bins.stray_note)
    if notes:
        fig.text(0.01, 0.01, " ".join(notes), fontsize=8, color="#555", wrap=True)
    fig.tight_layout(rect=(0, 0.04 * min(len(notes), 2), 1, 1))
    return fig


def _spike_spans(spikes: pd.DataFrame, bins: TimeBins) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """The flagged periods inside the chart's span, as (start, end)."""
    spans = []
    starts = bins.wall(spikes["period_start"])
    for start, period in zip(starts, spikes["period"]):
        end = start + pd.Timedelta(days=1 if period == "day" else 7)
        if end > bins.index[0] and start <= bins.index[-1] + bins.width:
            spans.append((start, end))
    return spans


def topic_map_chart(topics: pd.DataFrame, centroids: dict, path: Path) -> Path | None:
    """Topics as bubbles placed by their centroids (classical MDS of cosine distances)."""
    if len(topics) < 3:
        return None
    ids = topics["topic_id"].tolist()
    matrix = np.stack([centroids[i] for i in ids])
    distances = np.clip(1 - matrix @ matrix.T, 0, None)
    centre = np.eye(len(ids)) - 1 / len(ids)
    gram = -0.5 * centre @ (distances ** 2) @ centre
    values, vectors = np.linalg.eigh(gram)
    xy = vectors[:, -2:] * np.sqrt(np.maximum(values[-2:], 0))
    from matplotlib.patches import Circle

    fig = _figure(figsize=(8, 6), dpi=110)
    ax = fig.subplots()
    sizes = topics["size"].to_numpy()
    x, y = xy[:, 1], xy[:, 0]
    # circles in the map's own units (area = posts), the axes padded by them: drawn in points,
    # the topics at the edges were cut by the frame, the largest a quarter circle (review 11)
    radius = np.sqrt(sizes / sizes.max()) * 0.15 * max(np.ptp(x), np.ptp(y), 1e-9)
    for cx, cy, r in zip(x, y, radius):
        ax.add_patch(Circle((cx, cy), r, alpha=0.35, color="#4c72b0", linewidth=0))
    for cx, cy, topic_id, label in zip(x, y, ids, topics["label"]):
        ax.annotate(f"\u200e{topic_id}: {_short(label, 28)}", (cx, cy), ha="center", va="center",
                    fontsize=7)
    pad = radius.max() * 0.1  # and room for a label wider than its circle at the sides
    ax.set_xlim((x - radius).min() - 5 * pad, (x + radius).max() + 5 * pad)
    ax.set_ylim((y - radius).min() - pad, (y + radius).max() + pad)
    ax.set_aspect("equal")
    ax.set_title("Topic map (closer = more alike; size = posts)")
    ax.set_xticks([])
    ax.set_yticks([])
    fig.tight_layout()
    fig.savefig(path)
    return path


def topic_sizes_chart(topics: pd.DataFrame, path: Path) -> Path | None:
    """Horizontal bars of the largest topics, split by language; None when there are no topics."""
    if topics.empty:
        return None
    top = topics.nlargest(MAX_TOPICS, "size").iloc[::-1]
    # LRM: the number stays on the left of a Hebrew label (the line is left to right)
    labels = [f"\u200e{t}: {_short(label)}" for t, label in zip(top["topic_id"], top["label"])]
    fig = _figure(figsize=(9, 0.38 * len(top) + 1.4), dpi=110)
    ax = fig.subplots()
    left = pd.Series(0, index=top.index)
    for lang, color in LANG_COLORS.items():
        if not top[f"n_{lang}"].any():  # a language the run has no posts in: no legend entry
            continue
        ax.barh(labels, top[f"n_{lang}"], left=left, color=color, label=LANG_NAMES[lang])
        left = left + top[f"n_{lang}"]
    ax.set_xlabel("posts")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Topic sizes by language")
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    fig.savefig(path)
    return path


def trend_panels(drawn: pd.DataFrame, challenges: pd.DataFrame) -> pd.DataFrame:
    """The challenges that get a panel in the trends chart: those with a post drawn (an empty
    panel would read as "no posts lately"), each with ``timed_note``, how many of its posts the
    panel draws when not all ("(3 of 40 drawn)"). ``drawn`` are the analyzed posts the chart
    draws: with a time, and not far from the others (``TimeBins.drawn``)."""
    counts = drawn["challenge_id"].value_counts()
    chosen = challenges[challenges["challenge_id"].isin(counts.index)]
    shown = chosen["challenge_id"].map(counts).astype(int)
    return chosen.assign(timed_note=[f" ({n} of {total} drawn)" if n < total else ""
                                     for n, total in zip(shown, chosen["n_posts"])])


def challenge_trends_chart(posts: pd.DataFrame, challenges: pd.DataFrame, spikes: pd.DataFrame,
                           path: Path, top: int = 12) -> Path | None:
    """Small multiples: posts per time bin of the highest-priority challenges (the bins and the
    span of the volume chart), the bins holding a flagged period in red."""
    timed = analyzed_rows(posts, ["created_at", "challenge_id"], timed=True)
    in_challenge = timed["challenge_id"].fillna(-1).ge(0)
    if not in_challenge.any() or challenges.empty:
        return None
    bins = time_bins(timed["created_at"])
    partial = {start for start, _, _ in bins.partial(timed["created_at"]).values()}
    ranked = challenges.head(top)
    chosen = trend_panels(timed[bins.drawn(timed["created_at"])], ranked)
    if chosen.empty:
        return None
    cols = 3
    rows = -(-len(chosen) // cols)
    fig = _figure(figsize=(10, 1.9 * rows), dpi=100)
    axes = fig.subplots(rows, cols, sharex=True, squeeze=False)
    for ax in axes.flat[len(chosen):]:
        ax.set_visible(False)
    for ax, row in zip(axes.flat, chosen.itertuples(index=False)):
        series = bins.counts(timed["challenge_id"] == row.challenge_id)
        flagged = spikes[(spikes["scope"] == "challenge") & (spikes["challenge_id"] == row.challenge_id)]
        red = {bins.bin_of(t) for t in bins.wall(flagged["period_start"])}
        colors = ["#d62728" if t in red else "#4c72b0" for t in series.index]
        ax.bar(series.index + bins.width / 2, series.to_numpy(), width=bins.width * 0.85, color=colors,
               hatch=["//" if t in partial else "" for t in series.index], edgecolor="white", lw=0)
        name = _short(display_name(row), 22 if row.timed_note else 30)
        ax.set_title(f"\u200eC-{row.challenge_id:04d} {name}{row.timed_note}", fontsize=8)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.tick_params(labelsize=7)
        ax.spines[["top", "right"]].set_visible(False)
        _time_axis(ax, bins)
    fig.suptitle(f"Challenges: posts per {bins.unit}, {bins.zone} time (red: spikes"
                 + (f"; hatched: a {bins.unit} the posts cover in part" if partial else "") + ")",
                 fontsize=10)
    untimed = len(ranked) - len(chosen)
    notes = [f"{untimed} of the {len(ranked)} highest-priority challenges have no post drawn."
             ] if untimed else []
    notes += [bins.stray_note] if bins.stray_note else []
    if notes:
        fig.text(0.01, 0.01, " ".join(notes), fontsize=8, color="#555", wrap=True)
    fig.tight_layout(rect=(0, 0.05 * min(len(notes), 2), 1, 1))
    fig.savefig(path)
    return path
