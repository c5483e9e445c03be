"""A weekly scheduled run, replayed on the demo corpus: are challenge ids stable, and is the
"what changed" section true to the data?

The demo corpus is read once (``mining ingest``), then cut into cumulative weekly snapshots
(everything up to the end of week N, as a table with the same ids, authors, times and replies).
Each snapshot is run as a cron job would run it (``mining run --config``: a new run folder, the
previous run as the reference for ids), and the script prints, per week: posts, embeddings
computed and taken from the cache, challenges, how many kept their id, the new / absorbed /
vanished ones, the alerts, and whether the planted week-10 spike was flagged in the run that
first saw it.

Usage:
    .venv/bin/python benchmarks/weekly.py [--from-week 9] [--cache DIR]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
START = pd.Timestamp("2026-06-01", tz="Asia/Jerusalem")
COLUMNS = ["post_id", "source_file", "channel", "thread_id", "parent_id", "author", "created_at",
           "text", "reactions", "kind"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from-week", type=int, default=9)
    parser.add_argument("--cache", default="~/.cache/mining/embeddings")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        subprocess.run([sys.executable, "-m", "mining", "ingest", str(ROOT / "corpora/demo"),
                        "--out", str(tmp / "all.parquet"), "--config", str(ROOT / "corpora/demo.toml"),
                        "--quiet"], check=True)
        posts = pd.read_parquet(tmp / "all.parquet")[COLUMNS]
        (tmp / "data").mkdir()
        config = tmp / "weekly.toml"
        config.write_text((ROOT / "corpora/demo.toml").read_text(encoding="utf-8")
                          + f'\n[run]\nname = "demo"\ninputs = ["data"]\nreports_dir = "reports"\n'
                            f'\n[embedding]\ncache_dir = "{args.cache}"\n', encoding="utf-8")
        for week in range(args.from_week, 15):
            end = START + pd.Timedelta(weeks=week)
            snapshot = posts[(posts["created_at"] < end) & (posts["kind"] != "system")]
            snapshot.to_csv(tmp / "data" / "posts.csv", index=False)
            subprocess.run([sys.executable, "-m", "mining", "run", "--config", str(config),
                            "--id-column", "post_id", "--text-column", "text", "--quiet"], check=True)
            run = (tmp / "reports" / "demo" / "latest").resolve()
            manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
            changes = manifest["changes"]["challenges"]
            report = (run / "report.md").read_text(encoding="utf-8")
            section = report.split("## Alerts (recent weeks)", 1)[1].split("##", 1)[0]
            alerts = section.strip().splitlines()
            print(json.dumps({
                "week": week, "posts": len(snapshot), "embedded": manifest["embedding"]["computed"],
                "from_cache": manifest["embedding"]["cached"],
                "challenges": len(pd.read_csv(run / "challenges.csv")),
                "kept_id": len(changes["continuing"]), "new": changes["new"],
                "absorbed": changes["merged"], "vanished": changes["vanished"],
                "alerts": [a.removeprefix("- ") for a in alerts if a.startswith("- ")][:4],
            }, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
