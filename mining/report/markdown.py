"""``report.md``: the summary and the challenge list as Markdown, for a wiki or a pull request."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from mining.report.summary import LANG_NAMES, Summary, challenge_name
from mining.topics.model import LANGS


def _table(frame: pd.DataFrame) -> str:
    header = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join(str(v).replace("|", "\\|").replace("\n", " ") for v in row) + " |"
            for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


def write_markdown(summary: Summary, topics: pd.DataFrame, found, path: Path,
                   charts: dict[str, Path | None]) -> None:
    period = f" from {summary.period[0]} to {summary.period[1]}" if summary.period else ""
    lines = ["# Community feedback report", "",
             f"{summary.posts} posts{period}; {summary.analyzed} analyzed; {summary.challenges} "
             f"challenges; {summary.topics} topics.", "", *_set_aside(summary),
             "## What changed since the last run", "", *(f"- {c}" for c in summary.changes), "",
             "## Alerts (recent weeks)", "", *(f"- {a}" for a in summary.alerts or ["None."]), "",
             "## Spikes in the whole period", "", *(f"- {a}" for a in summary.spikes or ["None."]),
             ""]
    if charts.get("volume"):
        lines += [f"![Volume by language]({charts['volume'].name})", ""]
    lines += ["## Challenges", ""]
    for row in found.challenges.itertuples(index=False):
        lines += [f"### {challenge_name(row.challenge_id)} · {row.label}", "",
                  f"Priority {row.priority:.2f} (volume {row.priority_volume:.2f}, authors "
                  f"{row.priority_authors:.2f}, negativity {row.priority_negativity:.2f}, growth "
                  f"{_f(row.priority_growth)}, engagement {_f(row.priority_engagement)}); "
                  f"{row.n_posts} posts, trend {row.trend}.", ""]
        for lang in LANGS:
            if getattr(row, f"n_{lang}"):
                lines.append(f"- **{LANG_NAMES[lang]}** ({getattr(row, f'n_{lang}')}): "
                             f"{getattr(row, f'keywords_{lang}')}")
                lines += [f"  > {q}" for q in str(getattr(row, f"quotes_{lang}") or "").split("\n") if q]
        lines.append("")
    lines += ["## Topics", "", _table(topics[["topic_id", "status", "label", "size"]]), "",
              "## Recurring questions", ""]
    lines += [f"- {r.label} (asked {r.n_questions} times, unanswered {r.n_unanswered})"
              for r in found.content_feed.itertuples(index=False)] or ["None."]
    lines += ["", "## Languages", "", _table(summary.by_language), "",
              "## Not analyzed (kept in posts.parquet)", "", _table(summary.skipped), ""]
    if summary.notes:
        lines += ["## Signals not computed", "", *(f"- {k}: {v}" for k, v in summary.notes.items()), ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def _set_aside(summary: Summary) -> list[str]:
    if summary.set_aside.empty:
        return []
    return ["## Inputs set aside", "", "These files could not be read; nothing of them is in this "
            "report.", "", _table(summary.set_aside), ""]


def _f(value) -> str:
    return f"{value:.2f}" if pd.notna(value) else "n/a"
