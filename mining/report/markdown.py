"""``report.md``: the summary and topic list as Markdown, for a wiki or a pull request."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from mining.report.summary import LANG_NAMES, Summary
from mining.topics.model import LANGS


def _table(frame: pd.DataFrame) -> str:
    header = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join(str(v).replace("|", "\\|").replace("\n", " ") for v in row) + " |"
            for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


def write_markdown(summary: Summary, topics: pd.DataFrame, path: Path, chart: str | None) -> None:
    lines = ["# Community feedback report", ""]
    period = f" from {summary.period[0]} to {summary.period[1]}" if summary.period else ""
    outliers = (f"; {summary.outlier_share:.0%} of analyzed posts are outliers"
                if summary.outlier_share is not None else "")
    lines += [f"{summary.posts} posts{period}; {summary.analyzed} analyzed; "
              f"{summary.topics} topics{outliers}.", ""]
    if summary.topics_note:
        lines += [f"Topics were not computed: {summary.topics_note}.", ""]
    lines += ["## Languages", "", _table(summary.by_language), "",
              "## Sources", "", _table(summary.by_source), ""]
    if not summary.skipped.empty:
        lines += ["## Not analyzed (kept in posts.parquet)", "", _table(summary.skipped), ""]
    if chart:
        lines += [f"![Topic sizes by language]({chart})", ""]
    lines += ["## Topics", ""]
    for topic in topics.itertuples(index=False):
        lines += [f"### {topic.topic_id}. {topic.label}", "",
                  f"{topic.size} posts ({topic.share:.1%}).", ""]
        for lang in LANGS:
            if getattr(topic, f"n_{lang}"):
                lines.append(f"- **{LANG_NAMES[lang]}** ({getattr(topic, f'n_{lang}')}): "
                             f"{getattr(topic, f'keywords_{lang}')}")
                lines += [f"  > {q}" for q in getattr(topic, f"quotes_{lang}").split("\n") if q]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
