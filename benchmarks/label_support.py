"""How many of a group's posts hold each word of its label, and which label words are proper nouns.

For each run folder given, reads ``posts.parquet`` and the labels of ``topics.csv`` and
``challenges.csv`` (per language: ``label_he``, ``label_el``, ``label_en``), splits the group's
analyzed posts of that language into counting keys with this checkout's ``token_docs`` (no word
ignored) and counts, for each label word, the posts holding its key. A word is ``thin`` when
fewer than ``--share`` of the group's posts of its language hold it, or fewer than ``--posts``,
a group of many posts needing no more than ``--enough``. Every label word of ``content_feed.csv`` (recurring questions, whose members
``posts.parquet`` does not record) and of the tables is also checked for being written as a proper
noun in the run's posts: capitalized in most of its uses away from a sentence start, by
``mining.lang.names.proper_nouns`` of this checkout, the evidence the names check builds on;
``--show`` prints each such word so that a reader can tell a person from a brand or a place.

The script is independent of the code it measures: to measure another checkout, put it first on
the path (``PYTHONPATH=/path/to/checkout``) and give its run folders.

Usage:
    nice .venv/bin/python benchmarks/label_support.py RUN_DIR... [--share 0.1] [--posts 2]
        [--enough 5] [--show]
"""
from __future__ import annotations

import argparse
import math
from pathlib import Path

import numpy as np
import pandas as pd

from mining.lang import LANGS
from mining.lang.analyze import TextAnalyzer
from mining.normalize import fold_text
from mining.topics.describe import token_docs

TABLES = {"topics.csv": "topic_id", "challenges.csv": "challenge_id", "content_feed.csv": None}


def _proper(texts: list[str]) -> set[str]:
    """Folded words written as proper nouns in ``texts`` (empty where this checkout has no
    ``proper_nouns``: an older one)."""
    try:
        from mining.lang.names import proper_nouns
    except ImportError:
        return set()
    return {fold_text(w) for w in proper_nouns(texts)}


def _label_words(run: Path):
    """(table, group id, lang, word) for every word of every label in a language."""
    for table, column in TABLES.items():
        path = run / table
        if not path.exists():
            continue
        frame = pd.read_csv(path)
        for _, row in frame.iterrows():
            labels = ({lang: row.get(f"label_{lang}") for lang in LANGS} if column
                      else {None: row.get("label")})
            for lang, label in labels.items():
                if isinstance(label, str) and label and not label.startswith("no word"):
                    for word in label.split(" · "):
                        yield table, (row[column] if column else None), lang, word


def measure(run: Path, posts: int, share: float, enough: int) -> list[dict]:
    """One row per label word: its table, group, language, the group's posts of that language
    and how many of them hold the word (None for recurring questions), and whether it is a
    proper noun in the run's posts."""
    frame = pd.read_parquet(run / "posts.parquet")
    analyzed = frame[frame["analyzed"].fillna(False)].reset_index(drop=True)
    texts = analyzed["text_norm"].fillna("").tolist()
    docs = [set(d.split()) for d in token_docs(texts, analyzed["lang"].astype(str).tolist())[0]]
    analyzer = TextAnalyzer().fit(texts, analyzed["lang"].astype(str).tolist())
    proper = _proper(texts)
    rows = []
    for table, group, lang, word in _label_words(run):
        column = TABLES[table]
        held = size = None
        if column and column in analyzed:
            members = np.flatnonzero((analyzed[column] == group).fillna(False).to_numpy(bool)
                                     & (analyzed["lang"] == lang).to_numpy(bool))
            keys = [k for phrase in word.split() for k, _ in analyzer.tokens(phrase, lang)]
            size = len(members)
            held = sum(all(k in docs[i] for k in keys) for i in members) if keys else 0
        thin = held is not None and held < max(posts, min(enough, math.ceil(share * size)))
        rows.append({"run": run.name, "table": table, "group": group, "lang": lang, "word": word,
                     "posts": size, "held": held, "thin": thin,
                     "proper": any(fold_text(w) in proper for w in word.split())})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="+", type=Path)
    parser.add_argument("--posts", type=int, default=2)
    parser.add_argument("--enough", type=int, default=5)
    parser.add_argument("--share", type=float, default=0.1)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    rows = [r for run in args.runs for r in measure(run, args.posts, args.share, args.enough)]
    table = pd.DataFrame(rows, columns=["run", "table", "group", "lang", "word", "posts", "held",
                                        "thin", "proper"])
    if args.show and len(table):
        shown = table[table["thin"] | table["proper"]]
        print(shown.to_string(index=False))
    summary = table.groupby("run").agg(label_words=("word", "size"), thin=("thin", "sum"),
                                       proper=("proper", "sum"))
    print(summary.to_string())
    print(f"total: {len(table)} label words, {int(table['thin'].sum())} held by fewer than "
          f"{args.share:.0%} of the group's posts ({args.posts} to {args.enough}), "
          f"{int(table['proper'].sum())} written as proper nouns")


if __name__ == "__main__":
    main()
