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

BLOCKS = ("vector", "cues")


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
    """``head``'s logits for the posts, built from the inputs the head was trained on."""
    return head.decision_function(head_inputs(head.inputs, texts, langs, vectors, offsets, cues))
