"""The run's vectors on disk: an n × width float32 ``.npy`` file in the run folder, memory-mapped.

The raw vectors (``vectors/raw.npy``) and the language-aligned ones (``vectors/aligned.npy``),
in the order of the analyzed posts (``posts.parquet`` rows with ``analyzed``, sorted by
``text_norm``). A stage reads them a block of rows at a time; ``release`` then drops the pages it
touched from the process's resident set (the kernel keeps them in its page cache, to be read
again from there), so the driver never holds every vector: at a million posts each file is
1.5 GB.

What copies a mapped array whole, and is avoided on a full pass: a boolean or integer index
over every row (``vectors[mask]``), ``astype``, arithmetic on the whole array (``vectors /
norms``). A slice (``vectors[a:b]``) is a view of the file; an index of a few rows (a fit
sample) copies those rows only.

Example:
    >>> raw = create_vectors(out / "vectors" / "raw.npy", len(posts), 384)   # doctest: +SKIP
    >>> raw[:2] = embedder.embed(texts[:2]); raw.flush()                      # doctest: +SKIP
    >>> open_vectors(out / "vectors" / "raw.npy").shape                      # doctest: +SKIP
    (2, 384)
"""
from __future__ import annotations

import mmap
from pathlib import Path

import numpy as np

ROWS = 8192  # rows a stage reads at a time (12 MB of float32 at width 384)


def create_vectors(path: Path, n: int, width: int) -> np.ndarray:
    """A new zero-filled n × width float32 array at ``path``, mapped for writing (a plain
    array when ``n`` is 0: a file cannot map nothing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not n or not width:
        np.save(path, np.zeros((n, width), np.float32))
        return np.zeros((n, width), np.float32)
    return np.lib.format.open_memmap(path, mode="w+", dtype=np.float32, shape=(n, width))


def open_vectors(path: Path) -> np.ndarray:
    """The vectors at ``path``, mapped read-only (never read whole)."""
    return np.load(path, mmap_mode="r")


def release(*arrays) -> None:
    """Drop the pages of each array's file mapping (or the mapping it is a view of) from the
    process's resident set; nothing for an array in memory. Written pages are not lost: the
    mapping is shared, so they stay in the page cache and reach the file."""
    for array in arrays:
        mapped = getattr(array, "_mmap", None)
        if isinstance(mapped, mmap.mmap) and not mapped.closed:
            mapped.madvise(mmap.MADV_DONTNEED)


def row_blocks(n: int, rows: int = ROWS):
    """Slices of ``rows`` rows covering ``range(n)``."""
    return (slice(start, min(start + rows, n)) for start in range(0, n, rows))


class SelectedRows:
    """Some rows of an array (the run's vectors file), gathered only when indexed: what a
    clustering fitted on a subset of the posts (the challenges' complaints, questions and
    requests) reads, without a copy of the subset. Indexing (an integer or boolean index, a
    slice) gives an array in memory of the rows asked for; ``release`` drops the file's pages.

    Example:
        >>> rows = SelectedRows(vectors, np.flatnonzero(eligible))   # doctest: +SKIP
        >>> rows[:2].shape                                          # doctest: +SKIP
        (2, 384)
    """

    def __init__(self, array: np.ndarray, rows: np.ndarray) -> None:
        self.array, self.rows = array, np.asarray(rows, dtype=np.intp)
        self.shape, self.dtype, self.ndim = (len(self.rows), *array.shape[1:]), array.dtype, array.ndim

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, key) -> np.ndarray:
        if isinstance(key, tuple) or np.ndim(key) > 1:
            raise TypeError("SelectedRows takes one index of rows")
        if not isinstance(key, slice) and np.asarray(key).dtype == bool:
            key = np.flatnonzero(key)
        rows = self.array[self.rows[key]]
        release(self.array)  # gathered: the file's pages leave memory
        return rows

    @property
    def _mmap(self):  # ``release`` drops the pages of the file the rows are read from
        return getattr(self.array, "_mmap", None)


def select_rows(array: np.ndarray, mask: np.ndarray):
    """``array[mask]`` (a boolean mask) without a copy of the rows when ``array`` is a mapped
    file (``SelectedRows``); a plain copy for an array in memory, as before."""
    if isinstance(getattr(array, "_mmap", None), mmap.mmap):
        return SelectedRows(array, np.flatnonzero(mask))
    return array[mask]
