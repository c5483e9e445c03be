"""Parsing speed and peak memory of the WhatsApp, Telegram and Discord readers.

Builds large inputs in a temporary folder from the demo exports in ``corpora/demo/`` (the WhatsApp
lines repeated to 1,000,000 lines; the Telegram and DiscordChatExporter messages repeated to
300,000 messages each, with ids renumbered so they stay unique and replies still point at their
parents), then reads each through ``mining.ingest.read_inputs``, the public path, so sniffing,
hashing and schema conforming count. Every measurement runs in a fresh process, so that its peak
memory (``ru_maxrss``) is its own; the table shows the median rate of 3 runs and the largest peak.

``--gigabyte`` also builds a ~1 GB WhatsApp file and a ~1 GB Telegram file and runs each once
through ``mining ingest``'s path (``mining.pipeline.ingest_posts``: read, staged, identities
protected, written to parquet), next to the same path on the 1x file: if memory is flat, the two
peaks are about the same. It reports ``read_inputs`` on them too, which keeps every row in one
DataFrame (as ``mining run`` must, to embed them) and so grows with the file.

The issue's targets: 100,000 WhatsApp lines and 50,000 JSON messages per second, flat memory for
a 1 GB export. Rates are from wall time; the CPU time beside it shows how much of that wall time
other work on a shared machine took.

Usage:
    .venv/bin/python benchmarks/parse_speed.py               # ~3 minutes on 2 busy cores
    .venv/bin/python benchmarks/parse_speed.py --gigabyte    # adds ~5 minutes and ~2 GB on disk
    .venv/bin/python benchmarks/parse_speed.py --scale 0.1   # a quick look at a tenth of the size
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpora" / "demo"
WHATSAPP_LINES = 1_000_000
JSON_MESSAGES = 300_000
GIGABYTE = 10**9
RUNS = 3
TARGETS = {"whatsapp": 100_000, "telegram": 50_000, "discord": 50_000}


# --- Building the inputs ---------------------------------------------------------------------

def demo_file(folder: str) -> Path:
    return next(p for p in sorted((DEMO / folder).iterdir()) if p.is_file())


def build_whatsapp(out: Path, lines: int | None = None, size: int | None = None) -> int:
    """Write the demo chat's lines over and over, up to ``lines`` lines or ``size`` bytes.

    Returns the number of lines written. The file keeps the demo's name, which names the chat.
    """
    demo = demo_file("whatsapp")
    text = demo.read_text(encoding="utf-8").removeprefix("\ufeff")
    demo_lines = text.splitlines(keepends=True)
    path = out / "whatsapp" / demo.name
    path.parent.mkdir(parents=True)
    written = 0
    with open(path, "w", encoding="utf-8") as fh:
        if lines is not None:
            whole, rest = divmod(lines, len(demo_lines))
            for _ in range(whole):
                fh.write(text)
            fh.write("".join(demo_lines[:rest]))
            return lines
        while fh.tell() < size:
            fh.write(text)
            written += len(demo_lines)
    return written


def _copies(messages: list[dict], renumber: Callable[[dict, int], dict]) -> Iterator[dict]:
    """The demo messages again and again, without end, renumbered for each copy."""
    for copy_number in itertools.count():
        for message in messages:
            yield renumber(message, copy_number)


def _write_export(path: Path, head: dict, messages: Iterator[dict], count: int | None = None,
                  size: int | None = None) -> int:
    """Write ``head`` with a ``messages`` list of ``count`` messages, or of ``size`` bytes.

    Messages are written one at a time, so a 1 GB file never sits in memory. Returns the count.
    """
    path.parent.mkdir(parents=True)
    written = 0
    with open(path, "wb") as fh:
        fh.write(json.dumps(head, ensure_ascii=False, indent=1)[:-2].encode()
                 + b',\n "messages": [\n')
        for message in messages:
            if written == count or size is not None and fh.tell() >= size:
                break
            fh.write((b",\n" if written else b"")
                     + json.dumps(message, ensure_ascii=False, indent=1).encode())
            written += 1
        fh.write(b"\n ]\n}\n")
    return written


def build_telegram(out: Path, count: int | None = None, size: int | None = None) -> int:
    """A Telegram Desktop single-chat export of the demo messages repeated; returns the count."""
    demo = json.loads(demo_file("telegram").read_text(encoding="utf-8"))
    messages = demo.pop("messages")
    span = max(m["id"] for m in messages)

    def renumber(message: dict, copy_number: int) -> dict:
        message = dict(message, id=message["id"] + copy_number * span)
        if "reply_to_message_id" in message:
            message["reply_to_message_id"] += copy_number * span
        return message

    return _write_export(out / "telegram" / "result.json", demo, _copies(messages, renumber),
                         count, size)


def build_discord(out: Path, count: int) -> int:
    """A DiscordChatExporter channel export of the demo messages repeated; returns the count."""
    source = demo_file("discord")
    demo = json.loads(source.read_text(encoding="utf-8"))
    messages = demo.pop("messages")
    demo.pop("messageCount", None)
    ids = {m["id"] for m in messages}

    def renumber(message: dict, copy_number: int) -> dict:
        # Snowflakes are 19 digits: a copy number in front keeps every id unique.
        message = dict(message, id=f"{copy_number}{message['id']}")
        reference = message.get("reference")
        if reference and reference.get("messageId") in ids:
            replied_to = f"{copy_number}{reference['messageId']}"
            message["reference"] = dict(reference, messageId=replied_to)
        return message

    return _write_export(out / "discord" / source.name, demo, _copies(messages, renumber), count)


# --- Measuring, one fresh process per measurement ------------------------------------------

def measure_here(mode: str, path: str) -> dict:
    """Read ``path`` once in this process; the time, rows and peak memory as a dict.

    ``read_inputs`` is the public path of ``mining run`` (every row kept in one DataFrame);
    ``ingest`` is ``mining ingest``'s, which streams the rows to a parquet file.
    """
    from mining.config import Config
    from mining.ingest import read_inputs
    from mining.pipeline import ingest_posts

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu_start = time.perf_counter(), time.process_time()
    if mode == "read_inputs":
        posts, _ = read_inputs([path], Config().input)
        rows = len(posts)
    else:
        with tempfile.TemporaryDirectory(prefix="parse_speed_out_") as out:
            files = ingest_posts([path], Path(out) / "posts.parquet", Config())
        rows = sum(f.records for f in files)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {"seconds": seconds, "cpu": cpu, "rows": rows, "peak_mb": peak / 1024,
            "baseline_mb": baseline / 1024}


def measure(mode: str, path: Path) -> dict:
    """``measure_here`` in a fresh Python process, so no earlier measurement inflates its peak."""
    done = subprocess.run([sys.executable, __file__, "--measure", mode, str(path)],
                          capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        sys.exit(f"measuring {path} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def median_of_runs(mode: str, path: Path, runs: int) -> dict:
    results = [measure(mode, path) for _ in range(runs)]
    return {"seconds": statistics.median(r["seconds"] for r in results),
            "cpu": statistics.median(r["cpu"] for r in results),
            "rows": results[0]["rows"],
            "peak_mb": max(r["peak_mb"] for r in results),
            "baseline_mb": max(r["baseline_mb"] for r in results)}


# --- Reporting --------------------------------------------------------------------------------

def megabytes(path: Path) -> str:
    return f"{path.stat().st_size / 1e6:,.0f} MB"


def print_table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                        for i, (cell, w) in enumerate(zip(row, widths))))


def speed(folder: Path, scale: float, runs: int) -> dict[str, Path]:
    """Build the 1x inputs, read each ``runs`` times through ``read_inputs``, print the table."""
    lines = build_whatsapp(folder, lines=round(WHATSAPP_LINES * scale))
    records = {"whatsapp": (lines, "lines"),
               "telegram": (build_telegram(folder, count=round(JSON_MESSAGES * scale)), "messages"),
               "discord": (build_discord(folder, count=round(JSON_MESSAGES * scale)), "messages")}
    paths = {name: next((folder / name).iterdir()) for name in records}
    rows, baseline = [], 0.0
    for name, (count, unit) in records.items():
        result = median_of_runs("read_inputs", paths[name], runs)
        baseline = max(baseline, result["baseline_mb"])
        rate = count / result["seconds"]
        rows.append([name, megabytes(paths[name]), f"{count:,} {unit}", f"{result['rows']:,}",
                     f"{result['seconds']:.2f} s", f"{result['cpu']:.2f} s",
                     f"{rate:,.0f} {unit}/s", f"{result['peak_mb']:,.0f} MB",
                     f"{TARGETS[name]:,} {'ok' if rate >= TARGETS[name] else 'MISSED'}"])
    print(f"\nread_inputs, median of {runs} runs, each in a fresh process; peak RSS is the largest")
    print_table(["input", "size", "records", "rows", "time", "CPU time", "rate", "peak RSS",
                 "target/s"], rows)
    print(f"(RSS after imports, before reading: {baseline:,.0f} MB)")
    return paths


def gigabyte(folder: Path, small: dict[str, Path]) -> None:
    """Build ~1 GB WhatsApp and Telegram files and read each once through ``mining ingest``'s
    path and through ``read_inputs``; the ingest path on the 1x file gives the peak to compare
    with."""
    big = folder / "gigabyte"
    records = {"whatsapp": (build_whatsapp(big, size=GIGABYTE), "lines"),
               "telegram": (build_telegram(big, size=GIGABYTE), "messages")}
    rows = []
    for name, (count, unit) in records.items():
        path = next((big / name).iterdir())
        at_1x = measure("ingest", small[name])
        streamed = measure("ingest", path)
        whole = measure("read_inputs", path)
        rows.append([name, megabytes(path), f"{count:,} {unit}",
                     f"{count / streamed['seconds']:,.0f} {unit}/s",
                     f"{at_1x['peak_mb']:,.0f} MB", f"{streamed['peak_mb']:,.0f} MB",
                     f"{count / whole['seconds']:,.0f} {unit}/s", f"{whole['peak_mb']:,.0f} MB"])
    print("\n~1 GB exports, one run each in a fresh process. ingest: `mining ingest`'s path, "
          "streamed to parquet")
    print_table(["input", "size", "records", "ingest rate", "ingest 1x peak", "ingest 1 GB peak",
                 "read_inputs rate", "read_inputs peak"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gigabyte", action="store_true",
                        help="also ingest ~1 GB WhatsApp and Telegram files and report peak memory")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="multiply the 1x input sizes (0.1 for a quick look)")
    parser.add_argument("--runs", type=int, default=RUNS, help="runs per input; the median counts")
    parser.add_argument("--measure", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure_here(*args.measure)))
        return
    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f} at the start")
    with tempfile.TemporaryDirectory(prefix="parse_speed_") as tmp:
        paths = speed(Path(tmp), args.scale, args.runs)
        if args.gigabyte:
            gigabyte(Path(tmp), paths)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
