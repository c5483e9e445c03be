"""Where the first stages' memory goes: read, protect and prepare (``mining run``'s
``_read_posts``) in this process, with a thread that reads the anonymous part of the resident
set every 0.05 s and, at each new 10 MB high, keeps the main thread's stack (its ``mining`` and
``pandas`` frames). Prints the anonymous memory at start and end, the posts' frame, what
pyarrow's memory pool has in use and held at its most, each stage's
high-water mark, then the stack at each high. Finer than ``peak_memory.py`` (which steps by
50 MB over a whole run) and minutes instead of an hour at 100k.

Usage (a corpus and config that ``scale.py`` built):
    nice .venv/bin/python benchmarks/read_memory.py /tmp/mining-scale/n100000/year.csv \\
        /tmp/mining-scale/n100000/mining.toml
"""
from __future__ import annotations

import sys
import threading
import time
import traceback
from pathlib import Path

import pyarrow as pa
from peak_memory import rss_mb


def main() -> None:
    corpus, config = sys.argv[1:3]
    from mining.config import Config
    from mining.pipeline import _read_posts
    from mining.runs import Manifest

    main_id, done, peaks, t0 = threading.get_ident(), threading.Event(), [], time.monotonic()
    start = rss_mb()[1]

    def sample() -> None:
        best = 0.0
        while not done.is_set():
            anon = rss_mb()[1]
            if anon > best + 10:
                best = anon
                frame = sys._current_frames().get(main_id)
                stack = [f"{Path(fs.filename).name}:{fs.lineno} {fs.name}"
                         for fs in traceback.extract_stack(frame)
                         if "mining" in fs.filename or "pandas" in fs.filename][-7:]
                del frame
                peaks.append((time.monotonic() - t0, anon, stack))
            time.sleep(0.05)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    manifest = Manifest()
    posts, _ = _read_posts([corpus], Config.from_file(config), manifest, False)
    pool = pa.default_memory_pool()  # what it keeps beyond its use, each stage gives back
    done.set()
    thread.join()
    print(f"anonymous at start {start:.0f} MB, at end {rss_mb()[1]:.0f} MB, at most "
          f"{max(a for _, a, _ in peaks):.0f} MB; the posts' frame "
          f"{posts.memory_usage(deep=True).sum() / 2**20:.1f} MB ({len(posts):,} rows); "
          f"Arrow's pool {pool.bytes_allocated() / 2**20:.0f} MB in use, "
          f"{pool.max_memory() / 2**20:.0f} MB at most")
    for stage in manifest.data["stages"]:
        print(f"stage {stage['name']:8s} {stage['seconds']:7.1f} s  "
              f"high-water {stage['peak_rss_mb']} MB")
    for t, anon, stack in peaks:
        print(f"{t:6.1f} s {anon:5.0f} MB  " + " < ".join(reversed(stack)))


if __name__ == "__main__":
    main()
