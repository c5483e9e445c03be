"""What a head reads: the post's vector, and for the shipped feedback and sentiment heads its cue
scores.

A head lists its input blocks (``LinearHead.inputs``), in this order:
* ``vector``: the multilingual-e5 vector with its language offset removed (``LanguageOffsets``);
* ``cues``: the cue score of each category of ``cues.CATEGORIES`` divided by ``cues.CAP`` (so in
  [-1, 1]), so that the head learns how much each cue counts in each class from labelled posts
  instead of a fixed weight added to its logits.

A per-language bias and the cue scores per language were tried as inputs too and lost in the
cross-validation (``benchmarks/heads_cv.py``, figures in the README).

Example:
    >>> heads = shipped_heads()                                          # doctest: +SKIP
    >>> head_logits(heads.heads["feedback"], texts, langs, vectors, heads.offsets)  # doctest: +SKIP
"""
from __future__ import annotations

import numpy as np

from mining.challenges.cues import CAP, CATEGORIES, score_cues
from mining.embed.vectorfile import release

BLOCKS = ("vector", "cues")
BLOCK = 8192  # posts whose head inputs are built at a time (``head_logits``)


def head_inputs(inputs: tuple[str, ...], texts: list[str], langs: list[str], vectors: np.ndarray,
                offsets, cues: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """The matrix a head with input blocks ``inputs`` reads (rows aligned with ``texts``).

    Args:
        inputs: block names from ``BLOCKS``, in that order.
        offsets: the fitted ``LanguageOffsets``.
        cues: ``score_cues(texts, langs)`` when the caller has it already.
    """
    unknown = [block for block in inputs if block not in BLOCKS]
    if unknown or list(inputs) != sorted(inputs, key=BLOCKS.index):
        raise ValueError(f"head inputs {list(inputs)}: use blocks of {BLOCKS}, in that order")
    parts = []
    if "vector" in inputs:
        parts.append(offsets.transform(vectors, langs))
    if "cues" in inputs:
        cues = score_cues(list(texts), list(langs)) if cues is None else cues
        parts.append(np.stack([cues[c] / CAP for c in CATEGORIES], axis=1).astype(np.float32))
    return np.hstack(parts) if parts else np.zeros((len(texts), 0), np.float32)


def head_logits(head, texts: list[str], langs: list[str], vectors: np.ndarray, offsets,
                cues: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """``head``'s logits for the posts, built from the inputs the head was trained on, ``BLOCK``
    posts at a time: a row's logits do not depend on the other rows (the head computes them in
    float64, as a Dask partition does), and the inputs in float32 and float64 of every post at
    once took about six times the vectors' memory (500 MB at 100k posts)."""
    if "cues" in head.inputs and cues is None:
        cues = score_cues(list(texts), list(langs))
    if not len(texts):
        return head.decision_function(head_inputs(head.inputs, texts, langs, vectors, offsets, cues))
    texts, langs, logits = list(texts), list(langs), []
    for start in range(0, len(texts), BLOCK):
        logits.append(head.decision_function(head_inputs(
            head.inputs, texts[start:start + BLOCK], langs[start:start + BLOCK],
            vectors[start:start + BLOCK], offsets,
            None if cues is None else {c: v[start:start + BLOCK] for c, v in cues.items()})))
        release(vectors)  # the run's vectors file: the block read leaves memory
    return np.concatenate(logits)
