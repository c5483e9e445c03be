"""Cross-lingual alignment: remove each language's offset from multilingual embeddings.

Raw multilingual-e5 vectors sit in one region per language (about 98% of nearest neighbours share
the language), so clustering them finds languages before meanings. Subtracting each language's
mean vector moves every language onto a common centre; then the directions along which the
language means still differ are projected out, and vectors are re-normalized to unit length.
The offsets are kept (a fitted estimator) so posts of later runs are placed the same way.

Example:
    >>> aligner = LanguageAligner().fit(vectors, langs)        # doctest: +SKIP
    >>> aligned = aligner.transform(vectors, langs)            # doctest: +SKIP
"""
from __future__ import annotations

import numpy as np

from mining.embed.vectorfile import release
import pandas as pd
from sklearn.base import BaseEstimator

BLOCK = 8192  # rows transformed at a time


class LanguageAligner(BaseEstimator):
    """Per-language mean removal, scikit-learn style.

    Args:
        min_posts: a language with fewer posts is not given its own offset; its posts take the
            offset of all posts pooled (too few posts give a noisy mean).
    """

    def __init__(self, min_posts: int = 20) -> None:
        self.min_posts = min_posts

    def fit(self, vectors: np.ndarray, langs) -> LanguageAligner:
        # Sums decide every output here, so they are taken in float64: float32 sums differ in
        # their last bits between BLAS kernels and thread counts, and so would the topics. They
        # are taken a block of rows at a time (``_means``): the whole matrix in float64 took
        # 8 bytes a value (3 GB at a million posts).
        langs = np.asarray(langs, dtype=object)
        kept = [lang for lang in sorted(set(langs)) if (langs == lang).sum() >= self.min_posts]
        # Directions along which the language means differ: what remains of "language" after
        # centering in the spread of each language is removed with them. They are measured from
        # the centre of the languages that have an offset: from the mean of all posts, one post
        # of another language would add its own direction, and lose its whole vector to it.
        masks = {"all": None, **{("lang", g): langs == g for g in kept},
                 "with_offset": np.isin(langs, kept)}
        means = _means(vectors, masks)
        self.global_mean_ = means["all"]
        self.means_ = {lang: means[("lang", lang)] for lang in kept}
        centre = means["with_offset"] if masks["with_offset"].any() else self.global_mean_
        offsets = np.array([m - centre for m in self.means_.values()])
        if len(offsets) >= 2:
            _, s, vt = np.linalg.svd(offsets, full_matrices=False)
            self.language_axes_ = vt[s > 1e-6 * s.max()]
        else:
            self.language_axes_ = np.zeros((0, np.shape(vectors)[1]))
        return self

    def transform(self, vectors: np.ndarray, langs, out: np.ndarray | None = None) -> np.ndarray:
        """The aligned vectors, written into ``out`` when given (the run's file of them,
        ``vectorfile.create_vectors``), else a new array."""
        if not hasattr(self, "means_"):
            raise RuntimeError("LanguageAligner is not fitted; call fit first")
        langs = np.asarray(langs, dtype=object)
        # Row by row arithmetic in float64, a block of rows at a time: at 100k posts the whole
        # matrix in float64 and its temporaries took 850 MB, the peak of a run.
        means = np.stack([self.global_mean_, *self.means_.values()])
        which = np.zeros(len(langs), dtype=int)
        for i, lang in enumerate(self.means_, start=1):
            which[langs == lang] = i
        if out is None:
            out = np.empty((len(langs), len(self.global_mean_)), dtype=np.float32)
        for start in range(0, len(langs), BLOCK):
            rows = slice(start, start + BLOCK)
            block = np.asarray(vectors[rows], dtype=np.float64) - means[which[rows]]
            block -= (block @ self.language_axes_.T) @ self.language_axes_
            norms = np.linalg.norm(block, axis=1, keepdims=True)
            out[rows] = block / np.where(norms == 0, 1, norms)
            release(vectors)  # a mapped file's pages read or written so far leave memory
            release(out)
        return out

    def fit_transform(self, vectors: np.ndarray, langs) -> np.ndarray:
        return self.fit(vectors, langs).transform(vectors, langs)


def _means(vectors: np.ndarray, masks: dict) -> dict[object, np.ndarray]:
    """The float64 mean of the rows each mask keeps (None: every row), ``BLOCK`` rows at a time.

    Each block's rows are summed after the running sum, one row after the other, as numpy sums a
    float64 matrix down its rows (``mean(axis=0)``): the means are those of the whole matrix in
    float64, to the last bit, without holding it (``tests/embed/test_align.py``).
    """
    n, width = np.shape(vectors)
    sums = {key: np.zeros(width) for key in masks}
    for start in range(0, n, BLOCK):
        block = np.asarray(vectors[start:start + BLOCK], dtype=np.float64)
        for key, mask in masks.items():
            rows = block if mask is None else block[mask[start:start + BLOCK]]
            sums[key] = np.concatenate([sums[key][None], rows]).sum(axis=0)
        release(vectors)
    counts = {key: n if mask is None else int(mask.sum()) for key, mask in masks.items()}
    return {key: sums[key] / counts[key] if counts[key] else np.full(width, np.nan)
            for key in masks}


def alignment_groups(langs, greeklish) -> np.ndarray:
    """The groups that get their own offset: the languages, Greeklish in the Greek group.

    Greeklish is embedded in Greek letters (``text_read``, ``mining.lang.transliterate_greeklish``),
    beside Greek script. An offset of its own, which it needed while it was embedded in Latin
    letters far from Greek script, would subtract what its posts share (in a chat whose Greeklish
    members all report one fault, that fault) and move them away from their Greek twins.
    """
    langs = np.asarray(langs, dtype=object)
    latin = np.asarray(pd.array(greeklish, dtype="boolean").fillna(False), dtype=bool)
    return np.where(latin, "el", langs)
