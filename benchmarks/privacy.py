"""What the contact masks take from ordinary text, and how fast the privacy pass runs.

1. ``mask_contacts`` over every text of the corpora in ../shared/corpora (reviews, banking
   questions, GitHub issues, support tweets, Hebrew and Greek comments and tweets: dates, times,
   prices, versions, order numbers and years, and the few real phone numbers they hold); with
   ``--show``, every masked span with what it replaced. Every span has to be judged by reading
   it: a phone number that is one is a true positive, anything else (a date, an id, a price) a
   false positive.
2. ``protect_identities`` (gathering the names, then protecting each post) on the demo corpus's
   posts repeated 40 times (70,000 rows), best of 3.

    .venv/bin/python benchmarks/privacy.py [--corpora ../shared/corpora] [--show]
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd

from mining.config import Config
from mining.ingest import read_inputs
from mining.privacy import protect_identities
from mining.privacy.contacts import mask_contacts

ROOT = Path(__file__).resolve().parents[1]

csv.field_size_limit(sys.maxsize)
# The free-text columns of each corpus file (other columns are labels, ids and dates).
TEXT_COLUMNS = {"review", "text", "comment", "tweet", "body", "title", "sentence"}
_MASK = re.compile(r"\[(?:phone|email|meeting|password)\]")


def corpus_texts(root: Path):
    """(file, text) for every free text of the corpora."""
    for path in sorted(root.rglob("*")):
        if path.suffix in {".csv", ".tsv"}:
            with open(path, encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh, delimiter="\t" if path.suffix == ".tsv" else ","):
                    for column in TEXT_COLUMNS & set(row):
                        yield path.relative_to(root).as_posix(), row[column] or ""
        elif path.suffix == ".json":
            for item in json.loads(path.read_text(encoding="utf-8")):
                if isinstance(item, dict):
                    yield path.relative_to(root).as_posix(), item.get("text") or ""
        elif path.suffix == ".txt" and path.name != "labels.txt":
            for line in path.read_text(encoding="utf-8").splitlines():
                yield path.relative_to(root).as_posix(), line


def masked_spans(text: str, masked: str) -> list[tuple[str, str]]:
    """(mask, original text it replaced) for each mask in ``masked``, by aligning the text around
    it (the masks are the only changes)."""
    spans, offset = [], 0
    for mask in _MASK.finditer(masked):
        start = mask.start() + offset
        following = masked[mask.end():]
        nxt = _MASK.search(following)
        tail = following[: nxt.start()] if nxt else following
        end = text.find(tail, start) if tail else len(text)
        spans.append((mask.group(0), text[start:end]))
        offset = end - mask.end()
    return spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", default="../shared/corpora")
    parser.add_argument("--show", action="store_true", help="print every masked span")
    args = parser.parse_args()
    texts = Counter()
    masks: Counter = Counter()
    started = time.perf_counter()
    for name, text in corpus_texts(Path(args.corpora)):
        texts[name] += 1
        masked = mask_contacts(text)[0]
        if masked == text:
            continue
        for mask, original in masked_spans(text, masked):
            masks[mask] += 1
            if args.show:
                print(f"{name}\t{mask}\t{original!r}")
    seconds = time.perf_counter() - started
    print(f"corpora: {sum(texts.values())} texts in {len(texts)} files, {seconds:.1f} s; masked: "
          + (", ".join(f"{n} {m}" for m, n in sorted(masks.items())) or "nothing"))
    print(f"protect_identities: {protect_rate():,.0f} rows/s")


def protect_rate(repeat: int = 40, runs: int = 3) -> float:
    """Rows per second of the privacy pass on the demo posts repeated ``repeat`` times."""
    config = Config.from_file(ROOT / "corpora" / "demo.toml")
    posts = pd.concat([read_inputs([str(ROOT / "corpora" / "demo")], config.input)[0]] * repeat,
                      ignore_index=True)
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        protect_identities(posts, config.privacy, config.brand)
        best = min(best, time.perf_counter() - started)
    return len(posts) / best


if __name__ == "__main__":
    main()
