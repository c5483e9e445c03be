"""The row stages on Dask workers: embedding and the per-post heads, one partition at a time.

With ``scale.scheduler`` (a running cluster) or ``scale.workers`` (a cluster started on this
machine for the run), the driver cuts the analyzed posts into partitions of
``scale.partition_posts`` and sends each to a worker (``Client.map``). The worker embeds its
partition through the embedding cache and types it with the shipped heads (feedback type, spam,
abuse, sentiment), and sends back the vectors and the typed columns; the driver puts them back in
the posts' order and fits topics and challenges itself, on the same vectors a single process
would have, so the run's output is the same.

Each worker process loads the embedder once (``get_embedder`` is cached per process) and keeps
one embedding cache, refreshed with the shards the other workers wrote: on shared storage
(``embedding.cache_dir`` the same path on every machine), every worker reads what any wrote.

Example:
    >>> with dask_client(config.scale) as client:                       # doctest: +SKIP
    ...     vectors, typed, figures = embed_on_workers(client, analyzed, brands, config)
"""
from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from mining.challenges.analyze import classify_posts
from mining.config import ChallengesConfig, Config, EmbeddingConfig, ScaleConfig
from mining.embed import embed_texts, get_embedder
from mining.embed.cache import EmbeddingCache
from mining.errors import MiningError
from mining.lang import texts_read

CONNECT_TIMEOUT = "10s"  # how long a run waits for the scheduler before E304
# What a worker reads of a post (``text_read``, the text embedded and typed, where present).
PARTITION_COLUMNS = ["post_id", "text_norm", "text_read", "lang", "author"]
log = logging.getLogger("mining")
SUMMED = ("computed", "cached", "resumed", "shared", "truncated", "tokens", "seconds")  # per-partition figures


def on_dask(scale: ScaleConfig) -> bool:
    return scale.scheduler is not None or scale.workers is not None


def require_dask(scale: ScaleConfig) -> None:
    """E303 when ``[scale]`` asks for Dask and it is not installed (checked before the inputs are
    read)."""
    if not on_dask(scale):
        return
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise MiningError("E303", "--scheduler" if scale.scheduler is not None else "--workers"
                          ) from None


@contextmanager
def _nanny_quiet() -> Iterator[None]:
    """The local cluster's nannies (in this process) say only errors: stopping a worker that
    takes over 4 s to close, on a loaded machine, printed "Worker process still alive after 4.0
    seconds, killing" on the terminal of a run that succeeded, ``--quiet`` too (review 13 R13-17)."""
    nanny = logging.getLogger("distributed.nanny")
    level = nanny.level
    nanny.setLevel(logging.ERROR)
    try:
        yield
    finally:
        nanny.setLevel(level)


@contextmanager
def dask_client(scale: ScaleConfig) -> Iterator[Any]:
    """A ``distributed.Client`` of the scheduler at ``scale.scheduler``, or of a cluster of
    ``scale.workers`` processes (one thread each) started here and stopped on leaving."""
    require_dask(scale)
    from distributed import Client, LocalCluster

    where = "--scheduler" if scale.scheduler is not None else "--workers"
    if scale.scheduler is None:
        with _nanny_quiet(), LocalCluster(n_workers=scale.workers, threads_per_worker=1,
                                          processes=True, dashboard_address=None,
                                          silence_logs=logging.ERROR) as cluster, \
                Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scale.scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise MiningError("E304", f"{where} {scale.scheduler}", detail=exc) from None
    with client:
        yield client


def embed_on_workers(client: Any, analyzed: pd.DataFrame, brands: set[str], config: Config
                     ) -> tuple[np.ndarray, pd.DataFrame, dict[str, Any]]:
    """The analyzed posts' raw vectors (in their order), their typed columns (``classify_posts``,
    index reset) and the embedding figures of the manifest, each partition on a worker; at least
    one post."""
    size = config.scale.partition_posts
    columns = [c for c in PARTITION_COLUMNS if c in analyzed]
    parts = [analyzed[columns].iloc[i:i + size] for i in range(0, len(analyzed), size)]
    log.info("embedding and typing %d posts in %d partitions on %d Dask workers", len(analyzed),
             len(parts), len(client.scheduler_info()["workers"]))
    began = time.perf_counter()
    futures = client.map(embed_partition, parts, embedding=config.embedding,
                         challenges=config.challenges, brands=brands, pure=False)
    results = client.gather(futures)
    wall = time.perf_counter() - began
    vectors = np.concatenate([r[0] for r in results])
    typed = pd.concat([r[1] for r in results], ignore_index=True)
    figures = {k: sum(r[2][k] for r in results) for k in SUMMED}
    figures.update(model=results[0][2]["model"], seconds=round(figures["seconds"], 2),
                   partitions=len(parts), workers=len(client.scheduler_info()["workers"]),
                   wall_seconds=round(wall, 2))
    if figures["computed"]:
        figures.update(posts_per_s=round(figures["computed"] / wall, 1),
                       tokens_per_s=round(figures["tokens"] / wall))
    return vectors, typed, figures


def embed_partition(part: pd.DataFrame, embedding: EmbeddingConfig, challenges: ChallengesConfig,
                    brands: set[str]) -> tuple[np.ndarray, pd.DataFrame, dict[str, Any]]:
    """On a worker: one partition's raw vectors, typed columns and embedding figures."""
    embedder = get_embedder(embedding.name)
    cache = worker_cache(embedding.cache_dir)
    cache.refresh(embedder.name)
    vectors, figures = embed_texts(texts_read(part).tolist(), embedder, cache,
                                   max_tokens=embedding.max_tokens,
                                   checkpoint_posts=embedding.checkpoint_posts)
    typed = classify_posts(part.reset_index(drop=True), vectors, brands, challenges)[0]
    return vectors, typed, {**figures, "model": embedder.name}


@lru_cache(maxsize=4)
def worker_cache(folder: str) -> EmbeddingCache:
    """One embedding cache per worker process and folder: read whole once, then refreshed."""
    return EmbeddingCache(folder)
