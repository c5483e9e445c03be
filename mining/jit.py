"""Numba's compiled code kept across processes, so a small run does not pay UMAP's compilation.

UMAP and pynndescent compile their numba functions on first use in every new process, and most of
UMAP's (the fuzzy graph, the distances, the layout) are not marked ``cache=True``: a 100-post run
spent most of its time compiling them. ``cache_compiled()`` turns numba's on-disk cache on for
UMAP's, and keeps them and pynndescent's cached ones in one user cache folder
(``~/.cache/mining/numba``, or ``NUMBA_CACHE_DIR`` when it is set), so that only the first run on
a machine compiles. Numba keys each entry by the function's source file, its types and numba's
version, so an upgraded UMAP or numba compiles again.

Example:
    >>> cache_compiled()                      # doctest: +SKIP
    >>> from umap import UMAP                 # doctest: +SKIP
"""
from __future__ import annotations

import importlib
import os
import sys
from functools import lru_cache
from pathlib import Path

CACHE_DIR = Path("~/.cache/mining/numba").expanduser()
# UMAP's modules only: pynndescent marks cache=True every function numba can cache (the others,
# such as nn_descent, hold ctypes globals, and numba would warn on each run that it cannot).
MODULES = ["umap.umap_", "umap.utils", "umap.layouts", "umap.distances", "umap.sparse"]


@lru_cache(maxsize=1)
def cache_compiled() -> None:
    """Cache every module-level numba function of UMAP on disk, and pynndescent's cached ones in
    the same folder (once a process)."""
    if "numba" not in sys.modules:  # numba reads it once, when first imported
        os.environ.setdefault("NUMBA_CACHE_DIR", str(CACHE_DIR))
    import numba
    from numba.core.caching import NullCache
    from numba.core.registry import CPUDispatcher

    if not numba.config.CACHE_DIR:  # numba came first, without a cache folder of its own
        numba.config.CACHE_DIR = str(CACHE_DIR)
    for name in MODULES:
        for value in vars(importlib.import_module(name)).values():
            if isinstance(value, CPUDispatcher) and isinstance(value._cache, NullCache):
                value.enable_caching()
