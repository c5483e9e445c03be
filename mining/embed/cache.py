"""The on-disk embedding cache: one folder per model, shards of (text hash, vector).

Keys are SHA-256 hashes of the exact text embedded, so a re-run embeds only texts it has not seen,
and a cache never returns a vector computed by another model.

A run writes its vectors as it goes, in ``part-*.npz`` checkpoint shards, so a killed run resumes
where it stopped; when the embedding finishes, its checkpoints (and those a stopped run left) are
merged into one shard, and once the folder holds ``COMPACT_AT`` whole shards they are all merged
into one, so a cache that many weekly runs grew stays a few files.

A shard is written under a temporary name, flushed to disk and renamed, so a shard name always
holds a whole shard; a write that fails (a full disk) leaves nothing behind. A shard is checked
before it is trusted (its zip checksums, the shape of its keys and vectors, no pickled objects):
a corrupt one is removed with a warning and its texts are embedded again. Temporary files that a
killed process left are removed once they are an hour old (a younger one may be another run's
shard being written). A shard that vanishes while it is read was merged by another run: the
folder is listed again.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import time
import uuid
import zipfile
import zlib
from contextlib import suppress
from pathlib import Path

import numpy as np

log = logging.getLogger("mining")

STALE_SECONDS = 3600  # a temporary shard this old was left by a process that did not finish
COMPACT_AT = 16  # whole shards in a model's folder from which a finishing run merges them all
PART = "part-"  # name prefix of a checkpoint shard, written while a run embeds
_SHARD_ERRORS = (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, zlib.error)


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder).expanduser()
        self._loaded: dict[str, dict[str, np.ndarray]] = {}
        self._shards: dict[str, dict[Path, list[str]]] = {}  # shards read or written, their keys
        self._resumed: dict[str, set[str]] = {}  # keys read from checkpoints of a stopped run

    def _model_dir(self, model: str) -> Path:
        return self.folder / re.sub(r"[^\w.-]+", "_", model)

    def _load(self, model: str) -> dict[str, np.ndarray]:
        if model not in self._loaded:
            _remove_stale(self._model_dir(model))
            self._loaded[model], self._shards[model] = {}, {}
            self._read_new(model, parts=True)
            self._resumed[model] = {k for s, keys in self._shards[model].items()
                                    if s.name.startswith(PART) for k in keys}
        return self._loaded[model]

    def refresh(self, model: str) -> None:
        """Read the whole shards that other processes wrote since this cache was loaded: a Dask
        worker keeps one cache for its life, and the other workers' vectors join it there. Their
        checkpoint shards are left alone (a run in progress merges its own)."""
        if model in self._loaded:
            self._read_new(model, parts=False)

    def _read_new(self, model: str, parts: bool) -> None:
        """Add the shards not read yet to the table (checkpoint shards too when ``parts``)."""
        table, shards = self._loaded[model], self._shards[model]
        vanished = True
        while vanished:  # a shard merged away by another run: its merge is listed next time
            vanished = False
            for shard in sorted(set(self._model_dir(model).glob("[!.]*.npz")) - set(shards)):
                if not parts and shard.name.startswith(PART):
                    continue
                vectors = _read_shard(shard)
                if vectors is None:
                    vanished = True
                    continue
                if vectors:  # a dropped corrupt shard holds nothing
                    table.update(vectors)
                    shards[shard] = list(vectors)

    def get(self, model: str, texts: list[str]) -> dict[str, np.ndarray]:
        """Vectors for the texts the cache holds, by text."""
        table = self._load(model)
        return {t: table[k] for t in set(texts) if (k := text_key(t)) in table}

    def resumed(self, model: str, texts: list[str]) -> int:
        """How many of ``texts`` have vectors that a stopped run left in its checkpoints."""
        self._load(model)
        return sum(text_key(t) in self._resumed[model] for t in set(texts))

    def put(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        """Store new vectors as one new whole shard."""
        self._store(model, vectors, "")

    def checkpoint(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        """Store vectors computed so far as a checkpoint shard (merged by ``finish``)."""
        self._store(model, vectors, PART)

    def finish(self, model: str) -> None:
        """Merge the checkpoint shards into one whole shard, or every shard once there are
        ``COMPACT_AT`` whole ones; the merged shards are removed once the merge is on disk."""
        table, shards = self._load(model), self._shards[model]
        parts = [s for s in shards if s.name.startswith(PART)]
        merged = list(shards) if len(shards) - len(parts) >= COMPACT_AT else parts
        if not merged:
            return
        keys = list(dict.fromkeys(k for s in merged for k in shards[s]))
        shard = self._write(model, keys, np.stack([table[k] for k in keys]), "")
        if shard is None:
            return
        for old in merged:
            with suppress(OSError):  # gone already: another run merged it too
                old.unlink()
            del shards[old]
        shards[shard] = keys

    def _store(self, model: str, vectors: dict[str, np.ndarray], prefix: str) -> None:
        keys = [text_key(t) for t in vectors]
        if keys:
            shard = self._write(model, keys, np.stack(list(vectors.values())), prefix)
            if shard is not None:
                self._shards[model][shard] = keys
            self._load(model).update(zip(keys, vectors.values()))

    def _write(self, model: str, keys: list[str], vectors: np.ndarray, prefix: str) -> Path | None:
        """Write a shard whole under a temporary name, flush it and rename it. A shard that cannot
        be written (a full disk, a read-only cache) is a warning: the run has its vectors, the
        next one computes them again."""
        self._load(model)
        folder = self._model_dir(model)
        tmp = folder / f".{uuid.uuid4().hex}.tmp"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as fh:
                np.savez(fh, keys=np.array(keys), vectors=vectors)
                fh.flush()
                os.fsync(fh.fileno())
            shard = folder / f"{prefix}{uuid.uuid4().hex}.npz"
            os.replace(tmp, shard)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            log.warning("embedding cache %s: cannot store %d vectors (%s); they will be computed "
                        "again next run", folder, len(keys), exc.strerror or exc)
            return None
        return shard


def _read_shard(shard: Path) -> dict[str, np.ndarray] | None:
    """The shard's vectors by key, once it is checked; a shard that fails a check is removed
    (its texts are embedded again) and gives nothing; ``None`` when it is gone (merged by another
    run meanwhile)."""
    try:
        with open(shard, "rb") as fh:  # np.load leaves a file open when it is not a zip
            data = np.load(fh, allow_pickle=False)
            if not isinstance(data, np.lib.npyio.NpzFile):
                raise ValueError("not an .npz archive")
            with data:
                keys, vectors = data["keys"], data["vectors"]  # reading checks the CRC-32s
        if not (keys.ndim == 1 and vectors.ndim == 2 and len(keys) == len(vectors)
                and keys.dtype.kind == "U" and vectors.dtype.kind == "f"
                and np.isfinite(vectors).all()):
            raise ValueError(f"keys {keys.shape} {keys.dtype}, vectors {vectors.shape} {vectors.dtype}")
    except FileNotFoundError:
        return None
    except _SHARD_ERRORS as exc:
        log.warning("embedding cache: dropped the corrupt shard %s (%s: %s); its texts are "
                    "embedded again", shard, type(exc).__name__, exc)
        with suppress(OSError):  # a read-only cache keeps it, and keeps ignoring it
            shard.unlink()
        return {}
    return dict(zip(keys.tolist(), vectors))


def _remove_stale(folder: Path) -> None:
    """Remove temporary shards that a killed process left (an hour old or more)."""
    now = time.time()
    for tmp in folder.glob(".*.tmp*"):
        with suppress(OSError):  # gone meanwhile (another run), or a read-only cache
            if now - tmp.stat().st_mtime > STALE_SECONDS:
                tmp.unlink()
