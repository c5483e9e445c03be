"""A weekly scheduled run, replayed: what a week costs when the previous run's models are reused
(``run.refit = "auto"``) against refitting every week (``"always"``), side by side, with the drift
measure that decides, the stable ids and the alerts.

Two corpora:
  - the demo corpus (default), read once (``mining ingest``) and cut into cumulative weekly
    snapshots (everything up to the end of week N, as a table with the same ids, authors, times
    and replies); the ``auto`` runs form the chain a cron job would (each the previous of the
    next), and each week is also run with ``always`` from the same previous run;
  - ``--held-out``: the drift measure alone, on the demo corpus: runs that lack 10% of the posts
    drawn at random, or every post of one of the demo run's topics (the 2nd, 4th and 7th
    largest), then a run with every post and ``run.refit = "never"`` (the measure recorded, not
    acted on);
  - ``--scale N``: N posts of real texts from ``../shared`` over 2025 (``benchmarks/scale.py``'s
    corpus), the last week held back: one run of the year, then the year and the week with
    ``auto`` and with ``always``, both from the year's run.

Every run is ``mining run`` in a fresh process (``--out``, ``--previous``); the figures are its
wall time, its stages' seconds from ``manifest.json``, whether it refitted and why, and the drift.
The week's new posts are embedded by the first run that sees them (``always`` runs first), so the
``embed`` column shows what each run computed; compare the runs on the other stages.

Usage:
    .venv/bin/python benchmarks/weekly.py [--from-week 9] [--cache DIR]
    .venv/bin/python benchmarks/weekly.py --held-out [--cache DIR]
    nice .venv/bin/python benchmarks/weekly.py --scale 10000 [--shared ../shared] [--work DIR]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
START = pd.Timestamp("2026-06-01", tz="Asia/Jerusalem")
COLUMNS = ["post_id", "source_file", "channel", "thread_id", "parent_id", "author", "created_at",
           "text", "reactions", "kind"]
STAGES = ("read", "embed", "align", "topics", "challenges", "write")


def run_mining(inputs: Path, out: Path, config: Path, previous: Path | None, *options: str) -> dict:
    """``mining run`` in a fresh process; its wall time, stage seconds, refit record."""
    command = [sys.executable, "-m", "mining", "run", str(inputs), "--out", str(out), "--config",
               str(config), "--quiet", *options] + (["--previous", str(previous)] if previous else [])
    began = time.monotonic()
    subprocess.run(command, check=True)
    wall = round(time.monotonic() - began, 1)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    stages = {s["name"]: s["seconds"] for s in manifest["stages"]}
    refit = manifest.get("refit", {})
    return {"wall_s": wall, **{f"{s}_s": round(stages.get(s, 0), 1) for s in STAGES},
            "embedded": manifest["embedding"]["computed"], "refitted": refit.get("refitted"),
            "reason": refit.get("reason"), "drift": _drift(refit.get("drift", {})),
            "added": [a["label"] for a in refit.get("added_challenges") or []],
            "changes": manifest["changes"]["challenges"]}


def _drift(drift: dict) -> dict:
    """The drift figures that decide, per kind: far share and mean similarity (and the fit's)."""
    out = {"new_posts": drift.get("new_posts")}
    for kind in ("topics", "challenges"):
        d = drift.get(kind) or {}
        if d.get("posts_since_fit"):
            out[kind] = {"since_fit": d["posts_since_fit"], "far": d["far_share"],
                         "fitted_far": d["fitted_far_share"], "drop": d["similarity_drop"],
                         "growth": d["growth"]}
    return out


def _configs(folder: Path, base: str) -> dict[str, Path]:
    """One config per ``run.refit`` mode, both on ``base``."""
    paths = {}
    for mode in ("always", "auto"):
        paths[mode] = folder / f"{mode}.toml"
        paths[mode].write_text(base + f'\n[run]\nrefit = "{mode}"\n', encoding="utf-8")
    return paths


def demo_weeks(from_week: int, cache: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        subprocess.run([sys.executable, "-m", "mining", "ingest", str(ROOT / "corpora/demo"),
                        "--out", str(tmp / "all.parquet"), "--config", str(ROOT / "corpora/demo.toml"),
                        "--quiet"], check=True)
        posts = pd.read_parquet(tmp / "all.parquet")[COLUMNS]
        (tmp / "data").mkdir()
        configs = _configs(tmp, (ROOT / "corpora/demo.toml").read_text(encoding="utf-8")
                           + f'\n[embedding]\ncache_dir = "{cache}"\n'
                           + '\n[input]\nid_column = "post_id"\ntext_column = "text"\n')
        previous = None
        for week in range(from_week, 15):
            end = START + pd.Timedelta(weeks=week)
            snapshot = posts[(posts["created_at"] < end) & (posts["kind"] != "system")]
            snapshot.to_csv(tmp / "data" / "posts.csv", index=False)
            always = (run_mining(tmp / "data", tmp / f"always-{week}", configs["always"], previous)
                      if previous else None)
            auto = run_mining(tmp / "data", tmp / f"auto-{week}", configs["auto"], previous)
            report = (tmp / f"auto-{week}" / "report.md").read_text(encoding="utf-8")
            alerts = report.split("## Alerts (recent weeks)", 1)[1].split("##", 1)[0]
            print(json.dumps({"week": week, "posts": len(snapshot), "auto": auto, "always": always,
                              "alerts": [a.removeprefix("- ") for a in alerts.strip().splitlines()
                                         if a.startswith("- ")][:3]}, ensure_ascii=False), flush=True)
            previous = tmp / f"auto-{week}"


def held_out(cache: str) -> None:
    import numpy as np

    import mining
    from mining.config import Config

    config = Config.from_file(ROOT / "corpora/demo.toml").updated("embedding", cache_dir=cache)
    config = config.updated("input", id_column="post_id", text_column="text")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        demo = mining.run([str(ROOT / "corpora/demo")], tmp / "demo", config)
        posts = demo.posts[demo.posts["kind"] != "system"]
        topics = demo.topics.sort_values("size", ascending=False)["topic_id"].tolist()
        cases = {"10% at random": np.random.default_rng(0).random(len(posts)) < 0.1}
        for rank in (2, 4, 7):
            in_topic = posts["topic_id"].eq(topics[rank - 1]).fillna(False)
            cases[f"topic ranked {rank} by size"] = in_topic.to_numpy(dtype=bool)
        for name, out in cases.items():
            (tmp / "data").mkdir(exist_ok=True)
            posts[~out][COLUMNS].to_csv(tmp / "data" / "posts.csv", index=False)
            base = mining.run([str(tmp / "data")], tmp / f"base-{name}", config)
            posts[COLUMNS].to_csv(tmp / "data" / "posts.csv", index=False)
            back = mining.run([str(tmp / "data")], tmp / f"back-{name}",
                              config.updated("run", refit="never"), previous=base.out)
            print(json.dumps({"held_out": name, "posts": int(out.sum()),
                              **_drift(back.manifest["refit"]["drift"])}), flush=True)


def scale_week(n: int, shared: Path, work: Path, cache: str) -> None:
    from scale import build_corpus, real_texts

    folder = work / f"weekly-{n}"
    folder.mkdir(parents=True, exist_ok=True)
    posts = build_corpus(n + n // 52, real_texts(shared))
    week = posts["created_at"] >= posts["created_at"].max() - pd.Timedelta(days=7)
    columns = ["id", "created_at", "author", "channel", "thread_id", "reply_to", "text"]
    for name, rows in (("year", ~week), ("year_and_week", week | ~week)):
        (folder / name).mkdir(exist_ok=True)
        posts.loc[rows, columns].to_csv(folder / name / "posts.csv", index=False)
    configs = _configs(folder, f'[embedding]\ncache_dir = "{cache}"\n'
                               '\n[input]\nid_column = "id"\ntext_column = "text"\n')
    year = run_mining(folder / "year", folder / "year-run", configs["auto"], None)
    print(json.dumps({"size": n, "run": "year", "posts": int((~week).sum()), **year}), flush=True)
    for mode in ("always", "auto"):
        figures = run_mining(folder / "year_and_week", folder / f"week-{mode}", configs[mode],
                             folder / "year-run")
        print(json.dumps({"size": n, "run": f"year + week, refit = {mode}",
                          "new_posts": int(week.sum()), **figures}, ensure_ascii=False), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from-week", type=int, default=9)
    parser.add_argument("--cache", default="~/.cache/mining/embeddings")
    parser.add_argument("--held-out", action="store_true", help="the drift measure alone")
    parser.add_argument("--scale", type=int, help="posts of the scale corpus (default: the demo)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--work", type=Path, default=Path("/tmp/mining-weekly"))
    args = parser.parse_args()
    if args.held_out:
        held_out(str(Path(args.cache).expanduser()))
    elif args.scale:
        scale_week(args.scale, args.shared, args.work, args.cache)
    else:
        demo_weeks(args.from_week, args.cache)


if __name__ == "__main__":
    main()
