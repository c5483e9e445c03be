"""Small linear heads over multilingual-e5 vectors, and the fixed language offsets they rely on.

A head is a multinomial logistic regression on 384-d vectors (and, for the shipped feedback and
sentiment heads, the cue scores: ``features.head_inputs``), stored as plain arrays (no pickles),
so the shipped file is a few kilobytes and loads without scikit-learn. Heads are trained on vectors
moved into the English region of the space (``LanguageOffsets``): multilingual-e5 puts each
language in its own region, and a head trained on English vectors would otherwise add a constant,
class-dependent bias to every Hebrew or Greek post. The offsets come from a small parallel set of
sentences written for the project (``data/parallel.tsv``), so they do not depend on the corpus.

The shipped heads (``data/heads.npz``, described in ``data/SOURCES.md``) are built by
``benchmarks/build_challenge_heads.py``.

Example:
    >>> head = LinearHead(C=1.0).fit(X, y)           # doctest: +SKIP
    >>> head.predict_proba(X[:2]).shape              # doctest: +SKIP
    (2, 5)
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator

DATA = Path(__file__).resolve().parent / "data"
HEADS_FILE = DATA / "heads.npz"


def _unit(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    if x.dtype == np.float32 and norms.dtype == np.float32:  # in place: no copy of every row
        x /= np.where(norms == 0, 1, norms)
        return x
    return (x / np.where(norms == 0, 1, norms)).astype(np.float32)


class LanguageOffsets(BaseEstimator):
    """Per-language offset to English, from parallel sentences; scikit-learn style.

    ``fit`` takes a dict language → vectors of the same sentences (row i is one sentence in every
    language); ``offsets_[lang]`` is the mean difference to English. ``transform`` subtracts the
    offset of each row's language (none for English and for languages without one) and
    re-normalizes.
    """

    def __init__(self, reference: str = "en") -> None:
        self.reference = reference

    def fit(self, parallel: dict[str, np.ndarray]) -> LanguageOffsets:
        base = parallel[self.reference]
        self.offsets_ = {lang: (vectors - base).mean(axis=0).astype(np.float32)
                         for lang, vectors in parallel.items() if lang != self.reference}
        return self

    def transform(self, vectors: np.ndarray, langs) -> np.ndarray:
        if not hasattr(self, "offsets_"):
            raise RuntimeError("LanguageOffsets is not fitted; call fit first")
        langs = np.asarray(langs, dtype=object)
        out = np.array(vectors, dtype=np.float32, copy=True)
        for lang, offset in self.offsets_.items():
            out[langs == lang] -= offset
        return _unit(out)


class LinearHead(BaseEstimator):
    """Multinomial logistic regression kept as arrays; scikit-learn style.

    Args:
        C: inverse regularization strength (scikit-learn's ``C``).
        balanced: weight classes inversely to their frequency.
        inputs: the blocks of ``features.BLOCKS`` the head reads (kept with it, so the caller
            builds the same matrix it was trained on).
    """

    def __init__(self, C: float = 1.0, balanced: bool = True,
                 inputs: tuple[str, ...] = ("vector",)) -> None:
        self.C = C
        self.balanced = balanced
        self.inputs = inputs

    def fit(self, X: np.ndarray, y, sample_weight: np.ndarray | None = None) -> LinearHead:
        from sklearn.linear_model import LogisticRegression

        y = np.asarray(y, dtype=object)
        weight = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, float)
        if self.balanced:
            classes, counts = np.unique(y, return_counts=True)
            per_class = {c: weight[y == c].sum() for c in classes}
            weight = weight * np.array([len(y) / (len(classes) * per_class[c]) for c in y])
        model = LogisticRegression(C=self.C, max_iter=2000)
        model.fit(X, y.astype(str), sample_weight=weight)
        self.classes_ = np.asarray(model.classes_, dtype=str)
        coef, intercept = model.coef_, model.intercept_
        if len(self.classes_) == 2:  # scikit-learn keeps one row for two classes
            coef = np.vstack([-coef[0] / 2, coef[0] / 2])
            intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
        self.coef_ = coef.astype(np.float32)
        self.intercept_ = intercept.astype(np.float32)
        return self

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        if not hasattr(self, "coef_"):
            raise RuntimeError("LinearHead is not fitted; call fit first")
        # In float64: a float32 product's last bits change with the number of rows (BLAS picks
        # other kernels), and a Dask worker's partition must get the logits a whole run gets.
        logits = np.asarray(X, np.float64) @ self.coef_.T.astype(np.float64) + self.intercept_
        return logits.astype(np.float32)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        return softmax(self.decision_function(X))

    def predict(self, X: np.ndarray) -> np.ndarray:
        logits = self.decision_function(X)
        return self.classes_[logits.argmax(axis=1)]


def softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class Heads:
    """The shipped heads and offsets, as loaded from ``heads.npz``."""

    def __init__(self, offsets: LanguageOffsets, heads: dict[str, LinearHead], meta: dict) -> None:
        self.offsets = offsets
        self.heads = heads
        self.meta = meta


def save_heads(path: Path, offsets: LanguageOffsets, heads: dict[str, LinearHead], meta: dict) -> None:
    """Write offsets and heads to one ``.npz`` (plain float32 arrays and a JSON string)."""
    arrays = {f"offset_{lang}": v for lang, v in offsets.offsets_.items()}
    for name, head in heads.items():
        arrays[f"{name}_coef"] = head.coef_
        arrays[f"{name}_intercept"] = head.intercept_
        arrays[f"{name}_classes"] = np.asarray(head.classes_, dtype=str)
        arrays[f"{name}_inputs"] = np.asarray(head.inputs, dtype=str)
    arrays["meta"] = np.asarray(json.dumps(meta, ensure_ascii=False, sort_keys=True))
    np.savez_compressed(path, **arrays)


def read_heads(path: Path) -> Heads:
    with np.load(path) as data:
        offsets = LanguageOffsets()
        offsets.offsets_ = {k[len("offset_"):]: data[k] for k in data.files if k.startswith("offset_")}
        heads = {}
        for key in data.files:
            if key.endswith("_coef"):
                name = key[: -len("_coef")]
                inputs = tuple(data[f"{name}_inputs"]) if f"{name}_inputs" in data.files else ("vector",)
                head = LinearHead(inputs=tuple(str(block) for block in inputs))
                head.coef_ = data[key]
                head.intercept_ = data[f"{name}_intercept"]
                head.classes_ = data[f"{name}_classes"].astype(str)
                heads[name] = head
        meta = json.loads(str(data["meta"]))
    return Heads(offsets, heads, meta)


@lru_cache(maxsize=1)
def shipped_heads() -> Heads:
    """The heads shipped with mining, loaded once."""
    return read_heads(HEADS_FILE)
