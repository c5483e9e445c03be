"""The on-disk embedding cache: one folder per model, append-only shards of (text hash, vector).

Keys are SHA-256 hashes of the exact text embedded, so a re-run embeds only texts it has not seen,
and a cache never returns a vector computed by another model.
"""
from __future__ import annotations

import hashlib
import re
import uuid
from pathlib import Path

import numpy as np


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
            table: dict[str, np.ndarray] = {}
            for shard in sorted(self._model_dir(model).glob("*.npz")):
                with np.load(shard) as data:
                    table.update(zip(data["keys"].tolist(), data["vectors"]))
            self._loaded[model] = table
        return self._loaded[model]

    def get(self, model: str, texts: list[str]) -> dict[str, np.ndarray]:
        """Vectors for the texts the cache holds, by text."""
        table = self._load(model)
        return {t: table[k] for t in set(texts) if (k := text_key(t)) in table}

    def put(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        """Store new vectors as one new shard (written whole, then renamed: never half a shard)."""
        folder = self._model_dir(model)
        folder.mkdir(parents=True, exist_ok=True)
        keys = [text_key(t) for t in vectors]
        tmp = folder / f".{uuid.uuid4().hex}.tmp.npz"
        np.savez(tmp, keys=np.array(keys), vectors=np.stack(list(vectors.values())))
        tmp.rename(folder / f"{uuid.uuid4().hex}.npz")
        self._load(model).update(zip(keys, vectors.values()))
