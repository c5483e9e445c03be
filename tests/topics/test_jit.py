"""UMAP's numba functions are compiled once per machine: a fresh process after another loads them
from the user cache folder (the one every run uses) instead of compiling them again."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from mining.jit import CACHE_DIR

FIT = """
import json
import numpy as np
from mining.jit import cache_compiled
cache_compiled()
from umap import UMAP
from umap.umap_ import compute_membership_strengths, smooth_knn_dist
vectors = np.random.default_rng(0).standard_normal((40, 8)).astype(np.float32)
UMAP(n_neighbors=5, n_components=2, random_state=1, n_epochs=20).fit_transform(vectors)
print(json.dumps({f.__name__: [f.stats.cache_hits.total(), f.stats.cache_misses.total()]
                  for f in (smooth_knn_dist, compute_membership_strengths)}))
"""


def _fit() -> dict:
    done = subprocess.run([sys.executable, "-c", FIT], capture_output=True, text=True, check=True)
    assert "Cannot cache" not in done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_a_second_process_loads_umaps_compiled_functions():
    _fit()  # compiles and stores them, unless an earlier run on this machine did
    assert all(hits > 0 and misses == 0 for hits, misses in _fit().values())
    folder = Path(os.environ.get("NUMBA_CACHE_DIR") or CACHE_DIR)
    assert list(folder.glob("umap*/umap_.smooth_knn_dist*.nbi"))
