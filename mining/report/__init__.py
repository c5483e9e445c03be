"""Reports of a run: Markdown, self-contained HTML, and matplotlib charts."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd

from mining.report.charts import (challenge_trends_chart, topic_map_chart, topic_sizes_chart,
                                  volume_chart)
from mining.report.explorer import DEFAULT_LIMIT, explorer_section
from mining.report.html import write_html
from mining.report.markdown import write_markdown
from mining.report.model import ReportData, now_first, report_data
from mining.report.safe import clean_frame, clean_text
from mining.report.zone import in_zone, report_zone


CHART_FILES = {"volume": "volume.png", "trends": "challenge_trends.png", "sizes": "topic_sizes.png",
               "map": "topic_map.png"}

__all__ = ["ReportData", "report_data", "write_html", "write_markdown", "write_reports"]


def write_reports(posts: pd.DataFrame, topics: pd.DataFrame, found, manifest: dict, out: Path,
                  centroids: dict, post_vectors: tuple[list[str], np.ndarray] | None = None,
                  post_map: pd.DataFrame | None = None) -> list[str]:
    """Write the charts, ``report.md`` and ``report.html`` into ``out``; return the file names.

    The writers receive every table without control characters (``posts.parquet`` keeps them).
    ``post_vectors`` (the analyzed posts' ids and aligned vectors) place the posts on the
    explorer's map; without them the explorer has no map. ``post_map`` gives the map's
    coordinates instead (``explorer_data``).
    """
    zone = report_zone(manifest)  # the community's days and times (posts.parquet keeps UTC)
    posts, topics = in_zone(_cleaned(posts), zone), clean_frame(topics)
    found = _cleaned_found(found, zone)
    overall = found.spikes[found.spikes["scope"] == "all_posts"] if len(found.spikes) else None
    charts = {
        "volume": volume_chart(posts, overall, out / CHART_FILES["volume"]),
        "trends": challenge_trends_chart(posts, found.challenges, found.spikes,
                                         out / CHART_FILES["trends"]),
        "sizes": topic_sizes_chart(topics, out / CHART_FILES["sizes"]),
        "map": topic_map_chart(topics, centroids, out / CHART_FILES["map"]),
    }
    for name, chart in CHART_FILES.items():  # a run into an earlier run's folder drops its charts
        if charts[name] is None:
            (out / chart).unlink(missing_ok=True)
    limit = manifest.get("config", {}).get("report", {}).get("explorer_posts", DEFAULT_LIMIT)
    explorer = explorer_section(posts, now_first(topics, manifest), found.challenges, post_vectors,
                                limit, post_map)
    data = report_data(posts, topics, found, manifest, charts, explorer)
    write_markdown(data, out / "report.md")
    write_html(data, out / "report.html")
    return [*(c.name for c in charts.values() if c), "report.md", "report.html"]


def _cleaned(posts: pd.DataFrame) -> pd.DataFrame:
    """The columns of ``posts`` the reports show (quotes come from the tables), cleaned."""
    shown = ["author", "source", "source_file", "source_id", "channel", "url"]
    return posts.assign(**{c: clean_frame(posts[[c]])[c] for c in shown if c in posts})


def _cleaned_found(found, zone: str = "UTC"):
    tables = {f.name: clean_frame(getattr(found, f.name)) for f in dataclasses.fields(found)
              if isinstance(getattr(found, f.name), pd.DataFrame) and f.name != "posts"}
    # a challenge's first and last post, shown as dates of the community's zone like its posts
    seen = [c for c in ("first_seen", "last_seen") if c in tables["challenges"]]
    tables["challenges"] = tables["challenges"].assign(
        **{c: _zoned(tables["challenges"][c], zone) for c in seen})
    notes = {k: clean_text(str(v)) for k, v in found.notes.items()}
    return dataclasses.replace(found, notes=notes, **tables)


def _zoned(times: pd.Series, zone: str) -> pd.Series:
    """``times`` in ``zone`` when they carry a zone; as they are otherwise."""
    return times.dt.tz_convert(zone) if isinstance(times.dtype, pd.DatetimeTZDtype) else times
