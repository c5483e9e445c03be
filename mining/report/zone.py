"""The time zone the report, its charts and its explorer show days and times in.

A run reads each file's times in a zone (``timezone_for_local_times`` in the manifest's inputs:
the configured ``input.timezone``, else Asia/Jerusalem for a file in Hebrew, Europe/Athens for
one in Greek, UTC otherwise). When every file that says so was read in the same zone, the report
shows that zone's days and times, as the members saw them in the chat: a message written at 00:32
on 6 October in Israel is a 6 October post, not a 5 October one (review 9 R9-16). Inputs read in
different zones, or none, are shown in UTC. ``posts.parquet`` and the CSV files keep UTC.

Example:
    >>> report_zone({"inputs": [{"notes": {"timezone_for_local_times":
    ...     "Asia/Jerusalem (default for a file in Hebrew)"}}]})
    'Asia/Jerusalem'
"""
from __future__ import annotations

import zoneinfo

import pandas as pd

UTC = "UTC"


def report_zone(manifest: dict) -> str:
    """The one zone the manifest's inputs were read in, or UTC when they differ or say none."""
    zones = set()
    for entry in manifest.get("inputs") or []:
        note = ((entry or {}).get("notes") or {}).get("timezone_for_local_times")
        if isinstance(note, str) and note.split():
            zones.add(note.split()[0])
    zone = zones.pop() if len(zones) == 1 else UTC
    return zone if zone in zoneinfo.available_timezones() else UTC


def in_zone(posts: pd.DataFrame, zone: str) -> pd.DataFrame:
    """``posts`` with ``created_at`` shown in ``zone`` (the same moments)."""
    times = posts.get("created_at")
    if times is None or not isinstance(times.dtype, pd.DatetimeTZDtype) or zone == UTC:
        return posts
    return posts.assign(created_at=times.dt.tz_convert(zone))


def wall_times(times: pd.Series) -> pd.Series:
    """``times`` as the clock in their zone reads them, without the zone: the days and hours the
    charts bin by (UTC times stay UTC)."""
    if isinstance(times.dtype, pd.DatetimeTZDtype):
        return times.dt.tz_localize(None)
    return times


def zone_of(times: pd.Series) -> str:
    """The zone of ``times``, by name ("UTC" for naive times)."""
    tz = getattr(times.dtype, "tz", None)
    return str(tz) if tz is not None else UTC
