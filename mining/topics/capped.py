"""HDBSCAN whose size cap splits what density can split, and keeps what it cannot.

HDBSCAN's ``max_cluster_size`` makes every cluster above the cap unselectable, so a dense group
that has no sub-cluster of ``min_cluster_size`` becomes noise whole: on 267 real banking queries
the 58 about cash-withdrawal fees (the most asked problem) were in no challenge, and on 246 real
app reviews with a cap of 49 every post was noise. Here a cluster above the cap is still replaced
by its sub-clusters where it has some; one without any (a leaf of the condensed tree) is kept up
to ``LEAF_LIMIT`` times the cap. Larger leaves stay out: on small, mixed corpora they were one
group of half the posts, joined by dialect or a TV show rather than by a problem (113 Greek tweets
and Cypriot posts: 64 and 49 posts, cap 22), or by politics (a Hebrew customer chat's comments on
the president: 42 posts, cap 21, made the top challenge at twice the cap). The groups kept on
real app reviews and bank queries were 1.1 to 1.2 times the cap.

Below the cap the selection is HDBSCAN's own (excess of mass), to the label.

A clusterer given a ``judge`` (``mining.topics.cohesion.Cohesion.judge``, the challenges') reads
a cluster above the cap by its posts' words. One that is one problem is kept whole where the cap
would cut it (its sub-clusters, if any, hold less than half of it): the week an app breaks, its
crash reports are most of the complaints (70 of 119 in a Telegram group) and no cap should leave
most of them out; the largest such cluster wins, the root (every post) included. A leaf up to ``LEAF_LIMIT`` times the cap is kept
only when its words are the community's feedback words, not its politics or TV talk. A larger
leaf, the root too when density splits nothing off it, is clustered again with the same smallest
cluster and cap, density read over half the neighbours (``min_samples``, halved again for a part
still too large, down to one): in a small community one leaf held several problems and chatter
(a Telegram week's card payments with its delivery slots, 32 posts at a cap of 14; 53 bank
questions of five intents, every post one leaf), and the week's problems were left out with it.
Its parts are clusters; the challenges' general-talk and wordless tests read them as any other.

The topics' judge (``mining.topics.cohesion.Subject``) keeps a cluster above the cap whole as
above when it is one subject: a word of its own in most of its posts (a chat's main subject,
the debate 76 of its 163 posts were about, had been left out as a leaf above the limit). It
clusters no leaf again and leaves any leaf up to ``LEAF_LIMIT`` times the cap in, as without a
judge; a leaf above it that is no subject (loose banter, a video's comments) stays out.

Example:
    >>> model = CappedHDBSCAN(min_cluster_size=10, max_cluster_size=40).fit(points)  # doctest: +SKIP
    >>> model.labels_                                                                # doctest: +SKIP
"""
from __future__ import annotations

from collections import defaultdict

import numpy as np
from hdbscan import HDBSCAN
from hdbscan._hdbscan_tree import compute_stability
from sklearn.base import clone

LEAF_LIMIT = 1.5
# A cluster above the cap is kept whole only when the clusters selected inside it hold less than
# this share of its posts: where they hold more, they are the challenges (a password reset and a
# verification e-mail that never comes share the word "code" but are two problems).
COVERED = 0.5


class CappedHDBSCAN(HDBSCAN):
    """``hdbscan.HDBSCAN`` (excess of mass) with the cap above; its parameters are HDBSCAN's.
    ``kept_whole_``, ``left_out_`` and ``split_`` list the sizes of the clusters above the cap
    kept whole, of those left out (``capped_labels``) and of the leaves clustered again;
    ``left_out_points_`` the points of each left out, in the order of ``left_out_``."""

    judge = None  # set by ``TopicModel`` on its clone: not a parameter (HDBSCAN's signature)

    def fit(self, X, y=None):
        super().fit(X, y)
        self.kept_whole_, self.left_out_, self.split_ = [], [], []
        self.left_out_points_ = []
        if self.max_cluster_size > 0:
            self.labels_, self.kept_whole_, leaves = capped_labels(
                self.condensed_tree_.to_numpy(), self.max_cluster_size, self.judge)
            for points in leaves:
                self._split(X, points)
            self.probabilities_ = np.where(self.labels_ >= 0, 1.0, 0.0)
        return self

    def _split(self, X, points: np.ndarray) -> None:
        """Cluster the ``points`` of a leaf left out above ``LEAF_LIMIT`` times the cap again,
        density read over half the neighbours (``min_samples``), each part found a new cluster;
        the leaf stays out where none is found, where the judge splits no leaf (topics') or there
        is none, or where it is within the limit (its words were judged: general talk)."""
        samples = self.min_samples or self.min_cluster_size
        if (self.judge is None or samples <= 1
                or len(points) <= LEAF_LIMIT * self.max_cluster_size
                or not self.judge.splits_leaves):
            self._leave_out(points)
            return
        finer = clone(self).set_params(min_samples=samples // 2, prediction_data=False)
        finer.judge = self.judge.within(points)
        found = finer.fit(X[points]).labels_
        if (found < 0).all():
            self._leave_out(points)
            return
        self.labels_[points[found >= 0]] = found[found >= 0] + self.labels_.max() + 1
        self.kept_whole_ += finer.kept_whole_
        self.left_out_ += finer.left_out_
        self.left_out_points_ += [points[part] for part in finer.left_out_points_]
        # the leaf once, though it was its finer clustering's only cluster, split again
        self.split_ += [len(points)] + [n for n in finer.split_ if n < len(points)]

    def _leave_out(self, points: np.ndarray) -> None:
        self.left_out_.append(len(points))
        self.left_out_points_.append(points)


def capped_labels(tree: np.ndarray, cap: int, judge=None) -> tuple[np.ndarray, list, list]:
    """Each point's cluster in HDBSCAN's condensed ``tree`` (-1 for noise), chosen by excess of
    mass among clusters of at most ``cap`` points, or leaves of at most ``LEAF_LIMIT * cap``;
    with the sizes of the clusters above the cap kept whole, and the points of each leaf above
    the cap left out, the largest first.

    ``judge`` (``Cohesion.judge``; None: none) reads a cluster above the cap by its points:
    ``one_problem(members, parts)`` keeps it whole, the largest first, in place of the clusters
    below it (``parts``, each sub-cluster's points); a leaf up to ``LEAF_LIMIT * cap`` is kept
    unless ``general_talk(members)``."""
    stability = compute_stability(tree)
    clusters = tree[tree["child_size"] > 1]
    children, size, parent = defaultdict(list), {}, {}
    for up, node, n in zip(clusters["parent"], clusters["child"], clusters["child_size"]):
        children[up].append(node)
        size[node], parent[node] = n, up
    root = tree["parent"].min()
    members = _members(tree, children, root) if judge is not None else {}
    chosen = {}
    for node in sorted(size, reverse=True):  # a cluster's children have larger ids
        kids = children[node]
        below = sum(stability[k] for k in kids)
        if kids and (below > stability[node] or size[node] > cap):
            stability[node] = below
            chosen[node] = set().union(*(chosen[k] for k in kids))
        else:
            fits = size[node] <= cap or (size[node] <= LEAF_LIMIT * cap and (
                judge is None or not judge.general_talk(members[node])))
            chosen[node] = {node} if fits else set()
            stability[node] = stability[node] if chosen[node] else 0.0
    selected = set().union(*(chosen[k] for k in children[root]))
    kept = []
    if judge is not None:
        selected, kept = _kept_whole(tree, root, children, parent, size, cap, judge, members,
                                     selected)
    selected = sorted(selected)
    label_of = {root: -1, **{node: i for i, node in enumerate(selected)}}
    for node in sorted(size):  # parents first: a cluster inside a selected one takes its label
        label_of.setdefault(node, label_of[parent[node]])
    points = tree[tree["child_size"] == 1]
    labels = np.full(len(points), -1)
    labels[points["child"]] = [label_of[up] for up in points["parent"]]
    size[root] = len(points)  # the root is a leaf when density splits nothing off
    left_out = sorted((node for node in size if size[node] > cap and not children[node]
                       and label_of[node] == -1), key=lambda node: -size[node])
    return labels, kept, [points["child"][points["parent"] == node] for node in left_out]


def _kept_whole(tree: np.ndarray, root, children: dict, parent: dict, size: dict, cap: int,
                judge, members: dict, selected: set) -> tuple[set, list[int]]:
    """``selected`` with each largest cluster above ``cap`` that is one problem
    (``judge.one_problem``), and whose selected clusters hold less than ``COVERED`` of it, in
    place of those (the root too, sized as every point); the sizes of those kept."""
    size = {**size, root: len(members[root])}
    below = defaultdict(set)  # the selected clusters under each node
    for node in selected:
        up = node
        while up != root:
            up = parent[up]
            below[up].add(node)
    kept, stack = [], [root]
    while stack:
        node = stack.pop()
        if size[node] <= cap:
            continue
        covered = sum(len(members[k]) for k in below[node])
        if covered < COVERED * size[node] and judge.one_problem(
                members[node], [members[k] for k in children[node]]):
            selected = (selected - below[node]) | {node}
            kept.append(int(size[node]))
        else:
            stack.extend(children[node])
    return selected, sorted(kept, reverse=True)


def _members(tree: np.ndarray, children: dict, root) -> dict:
    """The points under each cluster of ``tree``, the root's being every point."""
    points = tree[tree["child_size"] == 1]
    own = defaultdict(list)
    for up, point in zip(points["parent"], points["child"]):
        own[up].append(point)
    members = {}
    for node in sorted({root, *children, *(k for kids in children.values() for k in kids)},
                       reverse=True):  # children first
        parts = [own.get(node, [])] + [members[k] for k in children.get(node, [])]
        members[node] = np.sort(np.concatenate([np.asarray(p, dtype=int) for p in parts]))
    return members
