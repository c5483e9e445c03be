"""Where a run's memory goes: ``mining run`` in this process, with a thread that reads the
resident set every 0.2 s and, at each new high (50 MB steps), keeps the main thread's stack (its
``mining`` frames). Prints each stage's seconds, resident set at its end (and its anonymous
part: the rest is mapped files, the run's vectors among them, which the kernel can drop), the
most anonymous memory in the stage and the high-water mark (the manifest's ``peak_rss_mb``),
then the stack at each high.

With ``--holders``, also lists at the end of each stage the largest pandas frames alive (their
deep size, shape and first columns): what holds the posts' text and columns between stages.

Usage (a corpus and config that ``scale.py`` built, its embedding cache filled):
    nice .venv/bin/python benchmarks/peak_memory.py /tmp/mining-scale/n100000/year.csv OUT \\
        /tmp/mining-scale/n100000/mining.toml [--holders]
"""
from __future__ import annotations

import contextlib
import gc
import json
import sys
import threading
import time
import traceback
from pathlib import Path


def rss_mb() -> tuple[float, float]:
    """The resident set and its anonymous part (the rest is files mapped: the run's vectors,
    libraries), in MB."""
    with open("/proc/self/status") as f:
        fields = dict(line.split(":", 1) for line in f)
    return tuple(int(fields[k].split()[0]) / 1024 for k in ("VmRSS", "RssAnon"))


def frames_alive(top: int = 8) -> list[str]:
    """The ``top`` largest pandas frames the collector tracks, deep size first (a frame's Arrow
    strings counted once per frame: frames sharing columns are each counted whole)."""
    import pandas as pd

    found = [(o.memory_usage(deep=True).sum(), o.shape, list(o.columns)[:6])
             for o in gc.get_objects() if isinstance(o, pd.DataFrame)]
    return [f"    {size / 2**20:7.1f} MB {shape} {columns}"
            for size, shape, columns in sorted(found, key=lambda f: -f[0])[:top]]


LISTING: list[float] = []  # seconds each stage's listing took (outside the stage's own seconds)


def list_holders() -> None:
    """Wrap ``Manifest.stage`` so that each stage's end prints the frames alive then."""
    from mining.runs import Manifest

    stage = Manifest.stage

    @contextlib.contextmanager
    def listed(self, name, rows_in=None):
        with stage(self, name, rows_in) as record:
            yield record
        began = time.monotonic()
        print(f"frames alive at the end of {name} (anonymous {rss_mb()[1]:.0f} MB):",
              *frames_alive(), sep="\n", flush=True)
        LISTING.append(time.monotonic() - began)

    Manifest.stage = listed


def main() -> None:
    corpus, out, config = sys.argv[1:4]
    from mining.config import Config
    from mining.pipeline import run

    if "--holders" in sys.argv[4:]:
        list_holders()

    main_id, done = threading.get_ident(), threading.Event()
    peaks, series, t0 = [], [], time.monotonic()

    def sample() -> None:
        best = 0.0
        while not done.is_set():
            r, anon = rss_mb()
            series.append((time.monotonic() - t0, r, anon))
            if r > best + 50:
                best = r
                frame = sys._current_frames().get(main_id)
                stack = [f"{Path(fs.filename).name}:{fs.lineno} {fs.name}"
                         for fs in traceback.extract_stack(frame) if "mining" in fs.filename][-6:]
                del frame  # held, it would keep the stage's arrays alive until the next high
                peaks.append((round(time.monotonic() - t0), round(r), round(anon), stack))
            time.sleep(0.2)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    run([corpus], out, Config.from_file(config))
    done.set()
    thread.join()
    end = 0.0
    stages = json.loads((Path(out) / "manifest.json").read_text(encoding="utf-8"))["stages"]
    for st, listing in zip(stages, LISTING + [0.0] * len(stages)):
        begin, end = end, end + st["seconds"]
        inside = [(r, a) for t, r, a in series if begin <= t <= end] or [(0, 0)]
        print(f"stage {st['name']:12s} {st['seconds']:7.1f} s  resident at end {inside[-1][0]:6.0f} MB"
              f" (anonymous {inside[-1][1]:5.0f}, most {max(a for _, a in inside):5.0f})"
              f"  high-water {st['peak_rss_mb']} MB")
        end += listing  # the frames listed after the stage (``--holders``)
    for t, r, anon, stack in peaks:
        print(f"{t:5d} s {r:6d} MB (anonymous {anon:5d})  " + " < ".join(reversed(stack)))


if __name__ == "__main__":
    main()
