"""A run keeps its vectors on disk, in its folder (``vectors/raw.npy``, ``vectors/aligned.npy``),
and its stages read them a block at a time: what a user reads back from the folder is what the
run used, and dropping the pages a stage read from memory loses nothing."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from mining.config import Config
from mining.embed import cut_to_tokens, get_embedder
from mining.embed.align import LanguageAligner, alignment_groups, language_directions
from mining.embed.cache import EmbeddingCache
from mining.embed.vectorfile import create_vectors, open_vectors, release
from mining.lang import texts_read
from mining.pipeline import ALIGNED_VECTORS, RAW_VECTORS, read_posts

ROOT = Path(__file__).resolve().parents[2]

TEXTS = ["המשלוח הגיע באיחור של שעתיים", "Η παραγγελία ήρθε χωρίς το γάλα",
         "still no refund after two weeks"]


def test_a_run_folders_vectors_are_its_posts_vectors(demo_run):
    config = Config.from_file(ROOT / "corpora" / "demo.toml").updated(
        "embedding", cache_dir=demo_run.manifest["config"]["embedding"]["cache_dir"])
    posts = read_posts([str(ROOT / "corpora" / "demo")], config)  # with the texts as read
    analyzed = posts[posts["analyzed"]].sort_values("text_norm", kind="stable")
    raw, aligned = open_vectors(demo_run.out / RAW_VECTORS), open_vectors(demo_run.out / ALIGNED_VECTORS)
    assert raw.shape == aligned.shape == (len(analyzed), 384)
    embedder, budget = get_embedder(config.embedding.name), config.embedding.max_tokens
    texts = [cut_to_tokens(t, embedder, budget) if budget else t for t in texts_read(analyzed)]
    cached = EmbeddingCache(config.embedding.cache_dir).get(embedder.name, texts)
    np.testing.assert_array_equal(raw, np.stack([cached[t] for t in texts]))
    groups = alignment_groups(analyzed["lang"], analyzed["greeklish"])
    aligner = LanguageAligner(directions=language_directions(config.embedding.name))  # a run's
    np.testing.assert_array_equal(aligned, aligner.fit_transform(np.array(raw), groups))


def test_vectors_written_and_released_are_read_back_the_same(tmp_path):
    rng = np.random.default_rng(5)
    written = rng.standard_normal((5000, 384)).astype(np.float32)  # 7.5 MB: many pages
    mapped = create_vectors(tmp_path / "v.npy", *written.shape)
    for start in range(0, len(written), 1000):
        mapped[start:start + 1000] = written[start:start + 1000]
        release(mapped)  # dirty pages leave the resident set, not the file
    mapped.flush()
    again = open_vectors(tmp_path / "v.npy")
    np.testing.assert_array_equal(again[:2500], written[:2500])
    release(again[100:200])  # a view releases the whole mapping
    np.testing.assert_array_equal(again, written)
    release(written)  # an array in memory: nothing to do
    np.testing.assert_array_equal(again, written)
