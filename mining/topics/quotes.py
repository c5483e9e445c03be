"""Quotes for a topic or challenge: informative, diverse, one per author.

The posts nearest the centroid are often the shortest and vaguest ("I don't use it...", "This
didn't seem to work"): they sit at the centre because they say little. A quote should say what
failed, so each candidate is scored by

* information: its distinct counting keys (content words, with stop words, fillers, names, masks,
  links and handles already left out by the analyzer), full at ``INFO_KEYS``; a post that would be
  cut in the report counts a little less (it reads incomplete);
* centrality: its cosine to the centroid, scaled to [0, 1] within the cluster's language;

``relevance = INFO_WEIGHT * information + (1 - INFO_WEIGHT) * centrality``, and quotes are then
picked by maximal marginal relevance over the vectors (``MMR_LAMBDA``), so that the second quote
adds something the first did not say, among the posts nearer the centroid than the cluster's
edge (``EDGE_QUANTILE``). A post without any counting key (a bare link, a mention,
laughter) is never quoted, near-duplicates of a chosen quote (and its text again) are skipped,
and no author is quoted twice in one list. A quote is shown without the handles that address
it (``@AppleSupport``, ``@member-1aae0ee2`` at its start) and the links and hashtags that trail
it, and a link inside it is shown as ``[link]`` (``clean_quote``): a link names whom it leads to
(a personal GitHub page, a profile), and posts are untrusted, so a quote holds no address, as no
keyword does. A post that still holds a link, a handle or a mask inside counts a little less.

Example:
    >>> vectors = np.eye(3)
    >>> choose_quotes(["app crashes on login after the update", "no", "same"],
    ...               ["app crash login update", "", ""], ["a", "b", "c"], vectors,
    ...               np.ones(3) / np.sqrt(3), 2)
    [0]
"""
from __future__ import annotations

import re

import numpy as np

from mining.lang import MASKS, strip_sign_offs

INFO_KEYS = 6  # distinct content words from which a post counts as fully informative
INFO_WEIGHT = 0.6
CUT_PENALTY = 0.8  # information kept by a post the report shows cut
MMR_LAMBDA = 0.7  # relevance against redundancy with the quotes already chosen
NEAR_DUPLICATE = 0.92  # cosine above which a second quote says nothing new
# The least central share of a cluster's posts (in one language), never quoted: a fit puts
# outliers in their nearest cluster until at most ``max_outlier_share`` are left, so a cluster's
# edge may be about something else, and when the central posts are near-duplicates of the first
# quote, the edge was the second (a tweet about a TV show under 40 complaints about an internet
# provider). Fewer quotes say more than a wrong one.
EDGE_QUANTILE = 0.25


_DEBRIS = (r"(?:@[\w.\-]*\w|#[\w.\-]*\w|https?://\S+|www\.\S+"
           rf"|{MASKS}|\[link\])")
# A link as the analyzer leaves it out of keywords: a scheme, www., or a host with a path
# (github.com/dana-l); the sentence's punctuation after it stays.
_LINK = re.compile(r"(?:https?://|www\.)[^\s<>\"'«»]+"
                   r"|(?<![\w@.])(?:[a-z0-9-]+\.)+[a-z]{2,6}/[^\s<>\"'«»]*", re.IGNORECASE)
_LEADING = re.compile(r"^(?:\s*@[\w.\-]*\w[:,]?)+\s*")
_INSIDE = re.compile(_DEBRIS)
# debris, a support agent's signature (``^RR``), or emoji between debris
_TAIL_TOKEN = re.compile(rf"{_DEBRIS}[.,;:!?]*|\^[A-Za-z]{{1,3}}|[^\w\s]+")


def clean_quote(text: str) -> str:
    """A post as a quote shows it: without the handles addressing it at its start and the links,
    handles and hashtags trailing it, with the emoji among them, and without an e-mail's sign-off
    or device footer ("Sent from my iPhone", ``mining.lang.strip_sign_offs``) (the post itself is
    unchanged in ``posts.parquet``), and every link left inside it shown as ``[link]``.

    Example:
        >>> clean_quote("@AppleSupport @115712 my phone died after the update https://t.co/x #fail")
        'my phone died after the update'
        >>> clean_quote("Πρασινο αυκουι μες το ποτήρι #αισχος 🤣🤣🤣   @HARRIS_APOEL https://t.co/y9X7")
        'Πρασινο αυκουι μες το ποτήρι'
        >>> clean_quote("my repro is at https://github.com/dana-l/repro, it crashes on load")
        'my repro is at [link], it crashes on load'
        >>> clean_quote("great app 😍")
        'great app 😍'
        >>> clean_quote("The card was declined again. Regards, Sent from my iPhone")
        'The card was declined again.'
    """
    text = strip_sign_offs(text)
    rest = _LEADING.sub("", text)
    tokens = rest.split()
    end = len(tokens)
    while end and _TAIL_TOKEN.fullmatch(tokens[end - 1]):
        end -= 1
    if not any(_INSIDE.fullmatch(t.rstrip(".,;:!?")) for t in tokens[end:]):
        shown = rest or text  # only emoji or punctuation at the end: they are the post's own
    else:
        shown = " ".join(tokens[:end]) or text
    return mask_links(shown)


def mask_links(text: str) -> str:
    """``text`` with each link shown as ``[link]`` (the punctuation closing its sentence kept).

    Example:
        >>> mask_links("δείτε εδώ: www.example.gr/page. Ευχαριστώ")
        'δείτε εδώ: [link]. Ευχαριστώ'
    """
    if "/" not in text and "www." not in text.lower():
        return text

    def masked(match: re.Match) -> str:
        link = match.group(0)
        kept = len(link.rstrip(".,;:!?'\")]}»"))
        if link.endswith(")") and "(" in link[:kept]:
            kept = len(link)
        return "[link]" + link[kept:]

    return _LINK.sub(masked, text)


def information(key_doc: str, text: str, limit: int) -> float:
    """How much a post says, in [0, 1]: its distinct keys over ``INFO_KEYS``, less when cut or
    when it holds a link, handle or mask inside."""
    score = min(1.0, len(set(key_doc.split())) / INFO_KEYS)
    return (score * (CUT_PENALTY if len(text) > limit else 1.0)
            * (CUT_PENALTY if _INSIDE.search(text) else 1.0))


def choose_quotes(texts: list[str], key_docs: list[str], authors: list, vectors: np.ndarray,
                  centroid: np.ndarray, n: int, limit: int = 180,
                  edge: float = EDGE_QUANTILE) -> list[int]:
    """Indices of up to ``n`` quotes among one cluster's posts in one language, best first.

    Args:
        texts: the posts' texts; key_docs: their space-joined counting keys; authors: their
            authors (None or NA: unknown, never the same as another); vectors: unit vectors,
            rows aligned; centroid: the cluster's unit centroid; limit: the quote length the
            report shows before cutting; edge: the least central share of the posts, never
            quoted.
    """
    info = np.array([information(k, t, limit) for k, t in zip(key_docs, texts)])
    sims = vectors @ centroid
    spread = float(sims.max() - sims.min()) if len(sims) else 0.0
    centrality = (sims - sims.min()) / spread if spread > 0 else np.ones(len(sims))
    relevance = INFO_WEIGHT * info + (1 - INFO_WEIGHT) * centrality
    outside = sims < np.quantile(sims, edge) if len(sims) else np.zeros(0, dtype=bool)
    candidates = [int(i) for i in np.argsort(-relevance, kind="stable")
                  if info[i] > 0 and not outside[i]]
    chosen: list[int] = []
    quoted: set = set()
    shown: set[str] = set()  # one text twice (addressed to two members) is one quote
    while candidates and len(chosen) < n:
        redundancy = (np.max(vectors[candidates] @ vectors[chosen].T, axis=1) if chosen
                      else np.zeros(len(candidates)))
        gain = MMR_LAMBDA * relevance[candidates] - (1 - MMR_LAMBDA) * redundancy
        best = candidates[int(np.argmax(gain))]
        candidates.remove(best)
        author = authors[best]
        known = isinstance(author, str) and author != ""
        if (chosen and np.max(vectors[chosen] @ vectors[best]) >= NEAR_DUPLICATE) or (
                known and author in quoted) or texts[best] in shown:
            continue
        chosen.append(best)
        shown.add(texts[best])
        if known:
            quoted.add(author)
    return chosen
