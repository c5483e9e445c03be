"""What tokenizing the posts for keywords costs in memory: ``token_docs`` (``fit_tokens``, as
the topics stage calls it) on the first N analyzed posts of a run's ``posts.parquet``, sorted
by text as ``mining run`` sorts them, each size in a fresh process, with a thread that reads the
anonymous part of the resident set every 0.05 s. Prints, per size, the seconds, the anonymous
memory before, at its most and after, and a digest of the docs and surface spellings (equal
digests: equal keywords); with ``--traced``, also the most Python allocated while tokenizing
(``tracemalloc``: exact, where the resident set understates what is allocated in memory freed
before; slower). The texts are ``text_norm`` (``posts.parquet`` keeps no ``text_read``: a
Greeklish post is split as written, not as read in Greek letters).

Usage (a run of a corpus that ``scale.py`` built):
    nice .venv/bin/python benchmarks/tokens_memory.py RUN/posts.parquet --sizes 25000 50000 100000
"""
from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import threading
import time
import tracemalloc

from peak_memory import rss_mb


def measure(parquet: str, size: int, traced: bool = False) -> str:
    """One size, in this process: the line ``main`` prints."""
    import pandas as pd
    from mining.topics.describe import token_docs

    posts = pd.read_parquet(parquet, columns=["text_norm", "lang", "analyzed"])
    posts = posts[posts["analyzed"]].sort_values("text_norm", kind="stable").head(size)
    texts, langs = posts["text_norm"].fillna("").tolist(), posts["lang"].astype(str).tolist()
    del posts
    start, most, done = rss_mb()[1], [0.0], threading.Event()

    def sample() -> None:
        while not done.is_set():
            most[0] = max(most[0], rss_mb()[1])
            time.sleep(0.05)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    if traced:
        tracemalloc.start()
    began = time.monotonic()
    docs, surfaces = token_docs(texts, langs)
    seconds = time.monotonic() - began
    most_traced = tracemalloc.get_traced_memory()[1] / 2**20 if traced else None
    done.set()
    thread.join()
    spellings = sorted((key, sorted(counts.items())) for key, counts in surfaces._counts.items())
    digest = hashlib.sha1(("\n".join(docs) + repr(spellings)).encode()).hexdigest()[:12]
    return (f"{len(texts):7,d} posts {seconds:6.0f} s  anonymous before {start:5.0f} MB, most "
            f"{most[0]:5.0f} (+{most[0] - start:4.0f}), after {rss_mb()[1]:5.0f}  digest {digest}"
            + (f"  traced most {most_traced:5.0f} MB" if traced else ""))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("parquet")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--traced", action="store_true")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a size, in this process
    args = parser.parse_args()
    if args.one:
        print(measure(args.parquet, args.one, args.traced), flush=True)
        return
    for size in args.sizes:  # each in a fresh process: the allocator keeps what a size freed
        subprocess.run([sys.executable, __file__, args.parquet, "--one", str(size)]
                       + ["--traced"] * args.traced, check=True)


if __name__ == "__main__":
    main()
