"""The on-disk embedding cache: one folder per model, append-only shards of (text hash, vector).

Keys are SHA-256 hashes of the exact text embedded, so a re-run embeds only texts it has not seen,
and a cache never returns a vector computed by another model.

A shard is written under a temporary name, flushed to disk and renamed, so a shard name always
holds a whole shard; a write that fails (a full disk) leaves nothing behind. A shard is checked
before it is trusted (its zip checksums, the shape of its keys and vectors, no pickled objects):
a corrupt one is removed with a warning and its texts are embedded again. Temporary files that a
killed process left are removed once they are an hour old (a younger one may be another run's
shard being written).
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
_SHARD_ERRORS = (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, zlib.error)


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder).expanduser()
        self._loaded: dict[str, dict[str, np.ndarray]] = {}

    def _model_dir(self, model: str) -> Path:
        return self.folder / re.sub(r"[^\w.-]+", "_", model)

    def _load(self, model: str) -> dict[str, np.ndarray]:
        if model not in self._loaded:
            folder = self._model_dir(model)
            _remove_stale(folder)
            table: dict[str, np.ndarray] = {}
            for shard in sorted(folder.glob("[!.]*.npz")):
                table.update(_read_shard(shard))
            self._loaded[model] = table
        return self._loaded[model]

    def get(self, model: str, texts: list[str]) -> dict[str, np.ndarray]:
        """Vectors for the texts the cache holds, by text."""
        table = self._load(model)
        return {t: table[k] for t in set(texts) if (k := text_key(t)) in table}

    def put(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        """Store new vectors as one new shard: written whole under a temporary name, flushed and
        renamed. A shard that cannot be written (a full disk, a read-only cache) is a warning:
        the run has its vectors, the next one computes them again."""
        folder = self._model_dir(model)
        keys = [text_key(t) for t in vectors]
        tmp = folder / f".{uuid.uuid4().hex}.tmp"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as fh:
                np.savez(fh, keys=np.array(keys), vectors=np.stack(list(vectors.values())))
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, folder / f"{uuid.uuid4().hex}.npz")
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            log.warning("embedding cache %s: cannot store %d vectors (%s); they will be computed "
                        "again next run", folder, len(keys), exc.strerror or exc)
        self._load(model).update(zip(keys, vectors.values()))


def _read_shard(shard: Path) -> dict[str, np.ndarray]:
    """The shard's vectors by key, once it is checked; a shard that fails a check is removed
    (its texts are embedded again) and gives nothing."""
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
