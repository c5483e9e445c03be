"""Whether a group of feedback posts above the size cap is one problem, by its words.

The challenges' size cap (``challenges.max_challenge_share``) keeps catch-alls out: on real chats
the large groups of confident "complaints" were political rants or TV banter, joined by tone more
than by subject. But the week an app breaks, its crash reports are most of the complaints, and
the cap cut them to a third, into phrasings, or out of the report. What tells the two apart is
in the words (measured on the review inputs, README "Challenges a dense group cannot split"):

- one problem's posts name one thing: the group's commonest word is in most of its posts (70 app
  crash reports by 12 members: "אפליקציה" in 88%; a 43-post political group: its commonest word
  in 30 to 41%; Greek TV banter: 13%; installation, fibre and refunds merged: 27%), and in most
  posts of each of its sub-clusters (a group whose parts are different problems is split);
- its words are the community's feedback words, not its general talk: of the posts of the
  whole run that use the group's common words, most are complaints, questions or requests (the
  crash words 0.87; the political words 0.16 to 0.35 and the Greek banter's 0.44, since the
  chat's other posts, typed praise or other, use them too; product groups 0.59 to 0.89).

No list of words per subject or language: the figures are the run's own posts. The topics read
a group above their cap with ``Subject``: one subject by its words, feedback or not.

Example:
    >>> cohesion = Cohesion.from_docs(["app crash pay"] * 6, ["vote president", "app great"])
    >>> judge = cohesion.judge(["app crash pay", "app crash", "app crash login"])
    >>> judge.one_problem(np.arange(3), [])
    True
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

# A group above the cap is one problem when its commonest word is in at least this share of its
# posts and of each sub-cluster's posts, and its words are feedback words.
SHARED_WORD = 0.6
# Feedback words: over a group's common words, the run's posts using them are feedback at least
# this share (each word's share drawn towards the run's share of feedback posts by PRIOR posts,
# so that a word in four posts weighs less than one in forty).
FEEDBACK_WORDS = 0.5
PRIOR = 5
# Below this share, a group's words are the community's general talk, whatever its size: its
# posts are no challenge. Measured on ten real chats (README, "A chat's general talk"): political,
# TV and dialect-banter groups 0.14 to 0.37, product problems and requests 0.50 to 1.00 but a
# dark-mode request of the demo 0.40; the limit sits below that, so a little talk stays in.
GENERAL_TALK = 0.35
COMMON_WORDS = 10  # the group's words weighed, the commonest first
MIN_SHARED = 3  # a word in fewer of the group's posts says nothing of it
# A topic's shared word is its own when more than this share of the posts holding it are in it.
OWN_WORD = 0.5


class Cohesion:
    """The run's feedback share of each word, and the judge of groups above the cap.

    Args:
        feedback_share: word -> share of the run's analyzed posts using it that are feedback
            (the posts challenges are made of), drawn towards ``default`` by ``PRIOR`` posts.
        default: the share of a word not seen (the run's share of feedback posts).
        min_shared: posts of a group a word must be in to be weighed (``MIN_SHARED``).
    """

    def __init__(self, feedback_share: dict[str, float], default: float = 1.0,
                 min_shared: int = MIN_SHARED) -> None:
        self.feedback_share = feedback_share
        self.default = default
        self.min_shared = min_shared

    @classmethod
    def from_docs(cls, feedback: Sequence[str], other: Sequence[str], **kwargs) -> Cohesion:
        """From the token documents (space-joined counting keys, ``token_docs``) of the feedback
        posts and of the run's other analyzed posts."""
        inside, outside = _doc_counts(feedback), _doc_counts(other)
        base = len(feedback) / max(len(feedback) + len(other), 1)
        return cls({w: (n + PRIOR * base) / (n + outside[w] + PRIOR) for w, n in inside.items()},
                   default=base, **kwargs)

    def judge(self, docs: Sequence[str]) -> Judge:
        """The judge of groups of ``docs`` (the clustered posts' token documents, in the
        clusterer's order), each group given as the indices of its posts."""
        return Judge(self, [frozenset(d.split()) for d in docs])

    def common_words(self, posts: list[frozenset]) -> list[tuple[str, int]]:
        """The words of ``posts`` in at least ``min_shared`` of them, with how many, the
        commonest first (``COMMON_WORDS`` of them)."""
        counts = Counter(w for post in posts for w in post)
        return [(w, n) for w, n in sorted(counts.items(), key=lambda c: (-c[1], c[0]))
                if n >= self.min_shared][:COMMON_WORDS]

    def words_share(self, common: list[tuple[str, int]]) -> float:
        """The feedback share of the ``common`` words (``common_words``), weighed by how many
        posts of the group use them; NaN without any."""
        if not common:
            return float("nan")
        weights = np.array([n for _, n in common], dtype=float)
        shares = np.array([self.feedback_share.get(w, self.default) for w, _ in common])
        return float(weights @ shares / weights.sum())

    def feedback_words(self, common: list[tuple[str, int]]) -> bool:
        """Whether the ``common`` words are the run's feedback words: their ``words_share`` is
        ``FEEDBACK_WORDS`` at least."""
        return bool(common) and self.words_share(common) >= FEEDBACK_WORDS

    def general_talk(self, posts: list[frozenset]) -> bool:
        """Whether ``posts`` (each its set of words) are the community's general talk: the run
        uses their common words mostly outside feedback (``GENERAL_TALK``), or no word is in
        ``min_shared`` of them (14 unrelated questions joined by "yogurt" in two)."""
        share = self.words_share(self.common_words(posts))
        return not share >= GENERAL_TALK  # NaN: no common word

    def one_problem(self, posts: list[frozenset], parts: list[list[frozenset]]) -> bool:
        """Whether most of ``posts`` (each its set of words), ``SHARED_WORD`` of them and of each
        of ``parts``, hold one word of their script's, and their common words are feedback words.
        In one language that is one word; a problem reported in several shares one within each
        (an NFC payment failure in Google Play reviews, 38 posts in three languages, shared no
        word in most of them)."""
        if not _shared(posts, parts, self.min_shared):
            return False
        return self.feedback_words(self.common_words(posts))


class Judge:
    """``Cohesion`` over one clustering's posts, a group given by its posts' indices. A leaf far
    above the cap that is not one problem is clustered again (``splits_leaves``)."""

    splits_leaves = True

    def __init__(self, cohesion: Cohesion, words: list[frozenset]) -> None:
        self.cohesion, self.words = cohesion, words

    def one_problem(self, members: np.ndarray, parts: list[np.ndarray]) -> bool:
        """``Cohesion.one_problem`` of the posts ``members``, their sub-clusters ``parts``."""
        return self.cohesion.one_problem([self.words[i] for i in members],
                                         [[self.words[i] for i in part] for part in parts])

    def general_talk(self, members: np.ndarray) -> bool:
        """``Cohesion.general_talk`` of the posts ``members``."""
        return self.cohesion.general_talk([self.words[i] for i in members])

    def within(self, members: np.ndarray) -> Judge:
        """The judge of the posts ``members`` alone, numbered in that order."""
        return Judge(self.cohesion, [self.words[i] for i in members])


class Subject:
    """The topics' judge of groups above the cap: whether a group is one subject, by its words.

    A topic is what people talk about, politics and TV shows included, so unlike ``Cohesion``
    it asks nothing of feedback. What it tells apart is a community's main subject from a loose
    group density could not split (measured on the review inputs, README "A community's main
    subject is a topic"): the subject's posts share a word of their own, one in most of them
    ("התבוללות" in 82% of a chat's 76-post group and in 2% of its other posts), where a loose
    group shares none (Cypriot banter: no word in three of 24 posts; one video's 95 comments:
    5%) or only the word of every post (a mail footer's "iPhone", before footers were left out
    of what the analysis reads: in all 53 posts of a group of tickets and 67% of the others).

    Example:
        >>> judge = Subject().judge(["vote assimilation", "assimilation shame", "assimilation",
        ...                          "app crash", "app login", "vote"])
        >>> judge.one_problem(np.arange(3), []), judge.one_problem(np.arange(6), [])
        (True, False)
    """

    def __repr__(self) -> str:  # no state: every ``Subject`` is alike (``clone`` compares reprs)
        return "Subject()"

    def judge(self, docs: Sequence[str]) -> SubjectJudge:
        """The judge of groups of ``docs`` (token documents, in the clusterer's order)."""
        return SubjectJudge([frozenset(d.split()) for d in docs])


class SubjectJudge:
    """``Subject`` over one clustering's posts, a group given by its posts' indices. A group is
    kept or left out whole: none is clustered again (``splits_leaves``), and a group up to
    ``capped.LEAF_LIMIT`` times the cap is no general talk (a topic may be talk)."""

    splits_leaves = False

    def __init__(self, words: list[frozenset]) -> None:
        self.words = words

    def one_problem(self, members: np.ndarray, parts: list[np.ndarray]) -> bool:
        """Whether the posts ``members`` are one subject: a word of their script's in
        ``SHARED_WORD`` of them and of each of ``parts``, and more than ``OWN_WORD`` of the
        clustering's posts that hold it among them."""
        posts = [self.words[i] for i in members]
        if not _shared(posts, [[self.words[i] for i in part] for part in parts], MIN_SHARED):
            return False
        words = _top_words(posts, MIN_SHARED)
        return _covered(posts, words) > OWN_WORD * _covered(self.words, words)

    def general_talk(self, members: np.ndarray) -> bool:
        """Never: a topic's words need not be feedback words."""
        return False


def _shared(posts: list[frozenset], parts: list[list[frozenset]], min_shared: int) -> bool:
    """Whether ``SHARED_WORD`` of ``posts`` and of each of ``parts`` hold the commonest word of
    their script in ``posts`` (one in ``min_shared`` of them at least)."""
    words = _top_words(posts, min_shared)
    return all(_covered(part, words) >= SHARED_WORD * len(part) for part in [posts, *parts])


def _top_words(posts: list[frozenset], min_shared: int) -> dict[str, str]:
    """Script -> the commonest word of ``posts`` written mostly in it (in ``min_shared`` of
    them at least; ties by the word)."""
    words = {}
    for script, own in _by_script(posts).items():
        counts = Counter(w for post in own for w in post)
        top = min(counts.items(), key=lambda c: (-c[1], c[0]), default=("", 0))
        if top[1] >= min_shared:
            words[script] = top[0]
    return words


def _by_script(posts: list[frozenset]) -> dict[str, list[frozenset]]:
    """``posts`` by the script most of their words are written in (Hebrew, Greek, Latin)."""
    groups: dict[str, list[frozenset]] = {}
    for post in posts:
        scripts = Counter(_script(word) for word in post)
        groups.setdefault(scripts.most_common(1)[0][0] if scripts else "", []).append(post)
    return groups


def _covered(posts: list[frozenset], words: dict[str, str]) -> int:
    """How many of ``posts`` hold the word of their script (``words``: script -> word)."""
    return sum(words.get(script, "") in post for script, own in _by_script(posts).items()
               for post in own)


def _script(word: str) -> str:
    first = word[:1]
    return "he" if "\u0590" <= first <= "\u05ff" else "el" if "\u0370" <= first <= "\u1fff" else "latin"


def _doc_counts(docs: Sequence[str]) -> Counter:
    """How many of ``docs`` hold each word."""
    return Counter(w for d in docs for w in set(d.split()))
