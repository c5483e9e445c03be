"""Reports of a run: Markdown, self-contained HTML, and matplotlib charts."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from mining.report.charts import topic_sizes_chart
from mining.report.html import write_html
from mining.report.markdown import write_markdown
from mining.report.summary import summarize


def write_reports(posts: pd.DataFrame, topics: pd.DataFrame, manifest: dict, out: Path,
                  centroids: dict) -> list[str]:
    """Write the charts, ``report.md`` and ``report.html`` into ``out``; return the file names."""
    summary = summarize(posts, topics, manifest)
    chart = topic_sizes_chart(topics, out / "topic_sizes.png")
    write_markdown(summary, topics, out / "report.md", chart.name if chart else None)
    write_html(summary, topics, out / "report.html", chart)
    return [*([chart.name] if chart else []), "report.md", "report.html"]
