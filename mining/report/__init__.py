"""Reports of a run: Markdown, self-contained HTML, and matplotlib charts."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from mining.report.charts import (challenge_trends_chart, topic_map_chart, topic_sizes_chart,
                                  volume_chart)
from mining.report.html import write_html
from mining.report.markdown import write_markdown
from mining.report.summary import summarize


def write_reports(posts: pd.DataFrame, topics: pd.DataFrame, found, manifest: dict, out: Path,
                  centroids: dict) -> list[str]:
    """Write the charts, ``report.md`` and ``report.html`` into ``out``; return the file names."""
    summary = summarize(posts, topics, found, manifest)
    overall = found.spikes[found.spikes["scope"] == "all_posts"] if len(found.spikes) else None
    charts = {
        "volume": volume_chart(posts, overall, out / "volume.png"),
        "trends": challenge_trends_chart(posts, found.challenges, found.spikes, out / "challenge_trends.png"),
        "sizes": topic_sizes_chart(topics, out / "topic_sizes.png"),
        "map": topic_map_chart(topics, centroids, out / "topic_map.png"),
    }
    write_markdown(summary, topics, found, out / "report.md", charts)
    write_html(summary, posts, topics, found, manifest.get("config", {}), charts, out / "report.html")
    return [*(c.name for c in charts.values() if c), "report.md", "report.html"]
