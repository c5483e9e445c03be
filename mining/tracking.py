"""Stable ids across runs: match this run's clusters to the previous run's by their posts, then
by their centroids.

A weekly report says "topic 7 grew 40%" only if topic 7 is the same topic as last week, and a
team's name for challenge C-0004 only fits if C-0004 still holds its posts. Clusters are matched
one to one, first by their members (where the previous run's model says which posts each of its
clusters held): a previous cluster continues as this run's cluster that holds at least
``CONTINUE_SHARE`` (half, as curation's ``KEPT_MIN``) of its posts still analyzed (a Hungarian
assignment on the posts kept, so the pairs keep the most posts in all), as MONIC's "survival"
of a cluster (Spiliopoulou et al., KDD 2006) has it; then the clusters left are matched by
centroid cosine similarity (Hungarian), a match below the threshold being no match. After a refit
the centroids move (a week's outage pulls them), while most posts stay together: members keep the
ids a centroid match alone lost. Matched clusters keep the previous id and unmatched ones get new
ids after every id given so far. A previous cluster left without a match was absorbed by a
cluster holding at least half of its posts, or else the one closest to it when that one is close
enough (a merge); else it vanished. A previous cluster whose posts went to two or more of this
run's clusters, each holding at least ``SPLIT_SHARE`` of them, split. An id is never given
twice: each run's state keeps the next id to give (``{kind}_next_id``), so the id of a cluster
that vanished, and any id a curation file names, never labels another cluster later (a team's
decision about "C-0012" would otherwise stick to whatever cluster took the number next).

``stable_ids`` applies it to a run against the state the previous run saved (``runs.load_state``),
and ``renumber`` / ``renumber_challenges`` carry the stable ids into the tables.

Example:
    >>> ids, changes = match_ids(prev_ids, prev_centroids, centroids, threshold=0.8)  # doctest: +SKIP
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment


@dataclass
class Changes:
    """How this run's clusters relate to the previous run's."""

    continuing: list[int] = field(default_factory=list)
    new: list[int] = field(default_factory=list)
    merged: dict[int, list[int]] = field(default_factory=dict)  # id -> previous ids merged into it
    vanished: list[int] = field(default_factory=list)
    next_id: int = 0  # the first id a later run gives a new cluster
    # previous id -> this run's ids each holding at least ``SPLIT_SHARE`` of its posts (two or more)
    split: dict[int, list[int]] = field(default_factory=dict)
    # previous ids matched by their posts (the others continuing were matched by centroid)
    by_posts: list[int] = field(default_factory=list)

    def status(self, cluster_id: int) -> str:
        status = "new" if cluster_id in self.new else "continuing"
        if cluster_id in self.merged:
            status += ", absorbed " + ", ".join(map(str, self.merged[cluster_id]))
        parts = [p for p, into in self.split.items() if cluster_id in into and p != cluster_id]
        if parts:
            status += ", split from " + ", ".join(map(str, parts))
        return status


CONTINUE_SHARE = 0.5  # a previous cluster continues as one holding this share of its posts
SPLIT_SHARE = 0.25  # a previous cluster split when two or more hold this share of its posts each
# A previous cluster matched neither way continues as a new one holding most of its posts that
# are in a cluster now, and at least this share of all of them: a refit left the rest outside.
CARRY_SHARE = SPLIT_SHARE


@dataclass
class Members:
    """Which posts the previous run's clusters and this run's held, for matching by members.

    ``counts[i, j]``: the posts of the previous cluster ``prev_ids[j]`` that are in this run's
    cluster ``i`` (rows as the centroids); ``sizes[j]``: its posts still analyzed in this run,
    in a cluster now or not.
    """

    counts: np.ndarray
    sizes: np.ndarray

    @classmethod
    def of(cls, before: pd.DataFrame, column: str, hashes: np.ndarray, labels, fitted: list[int],
           prev_ids: np.ndarray) -> Members:
        """From the previous run's posts (``before``: ``text_hash`` and ``column``, stable ids)
        and this run's (``hashes`` and their fitted ``labels``; ``fitted``: the fitted ids in
        the order of the rows).

        Example:
            >>> before = pd.DataFrame({"text_hash": [1, 2, 3], "challenge_id": [7, 7, 8]})
            >>> m = Members.of(before, "challenge_id", np.array([1, 2, 3, 4]), [0, 0, -1, 0],
            ...                [0], np.array([7, 8]))
            >>> m.counts.tolist(), m.sizes.tolist()
            ([[2, 0]], [2, 1])
        """
        prev = before[["text_hash", column]].dropna().drop_duplicates("text_hash")
        prev = prev[prev[column] >= 0]
        now = pd.Series(pd.array(labels, dtype="Int64"), index=np.asarray(hashes))
        now = now[~now.index.duplicated()]
        label = now.reindex(prev["text_hash"].to_numpy())
        present = label.index.isin(now.index)
        col = pd.Index(np.asarray(prev_ids, dtype=int)).get_indexer(prev[column].astype(int))
        row = pd.Index(fitted).get_indexer(label.fillna(-1).astype(int))
        sizes = np.bincount(col[present & (col >= 0)], minlength=len(prev_ids))
        counts = np.zeros((len(fitted), len(prev_ids)), dtype=int)
        both = present & (col >= 0) & (row >= 0)
        np.add.at(counts, (row[both], col[both]), 1)
        return cls(counts, sizes)

    def shares(self) -> np.ndarray:
        """``counts`` as shares of each previous cluster's posts still analyzed."""
        return self.counts / np.maximum(self.sizes, 1)


def match_ids(prev_ids: np.ndarray, prev_centroids: np.ndarray, centroids: np.ndarray,
              threshold: float, next_id: int | None = None, reserved: Iterable[int] = (),
              members: Members | None = None) -> tuple[np.ndarray, Changes]:
    """Ids for this run's clusters (rows of ``centroids``, unit vectors), and what changed.

    Args:
        prev_ids, prev_centroids: the previous run's cluster ids and centroids (may be empty).
        threshold: least cosine similarity for two clusters to be the same.
        next_id: the first id for new clusters (default: one more than the largest previous id).
        reserved: ids a new cluster skips.
        members: which posts both runs' clusters held (None: match by centroid alone).
    """
    changes = Changes()
    n = len(centroids)
    ids = np.full(n, -1, dtype=int)
    next_id = int(max(prev_ids, default=-1)) + 1 if next_id is None else next_id
    sims = centroids @ prev_centroids.T if len(prev_ids) and n else np.zeros((n, len(prev_ids)))
    shares = members.shares() if members is not None else np.zeros_like(sims)
    # by members first: a previous cluster continues as the one holding half of its posts
    kept = np.where(shares >= CONTINUE_SHARE, members.counts if members else 0, 0)
    for row, col in zip(*linear_sum_assignment(-kept)):
        if kept[row, col] > 0:
            ids[row] = prev_ids[col]
            changes.by_posts.append(int(prev_ids[col]))
    free_rows = np.flatnonzero(ids < 0)
    free_cols = np.flatnonzero(~np.isin(prev_ids, changes.by_posts))
    left = sims[np.ix_(free_rows, free_cols)]
    for row, col in zip(*linear_sum_assignment(-left)):
        if left[row, col] >= threshold:
            ids[free_rows[row]] = prev_ids[free_cols[col]]
    if members is not None:
        _carried(ids, prev_ids, members, changes)
    matched_prev = {int(i) for i in ids[ids >= 0]}
    changes.continuing, changes.by_posts = sorted(matched_prev), sorted(changes.by_posts)
    for row in np.flatnonzero(ids < 0):
        next_id = _free(next_id, reserved)
        ids[row], next_id = next_id, next_id + 1
        changes.new.append(int(ids[row]))
    changes.next_id = _free(next_id, reserved)
    _merged_or_vanished(changes, ids, prev_ids, matched_prev, sims, shares, threshold)
    for col, prev_id in enumerate(prev_ids):
        into = np.flatnonzero(shares[:, col] >= SPLIT_SHARE)
        if len(into) >= 2:
            changes.split[int(prev_id)] = sorted(int(ids[r]) for r in into)
    return ids, changes


def _carried(ids: np.ndarray, prev_ids: np.ndarray, members: Members, changes: Changes) -> None:
    """Give the previous clusters still unmatched the ids of the unmatched clusters that hold
    most of their posts still in a cluster, and ``CARRY_SHARE`` of all of them, where no other
    cluster holds that share (that is a split; one to one, Hungarian on the posts held). After a
    refit a team's challenge of 24 posts had 11 left outside every challenge, 8 in the week's new
    one about the same app and 5 elsewhere: by half of its posts it vanished, and its name and
    status with it (review 12, R12-1)."""
    rows = np.flatnonzero(ids < 0)
    cols = np.flatnonzero(~np.isin(prev_ids, ids[ids >= 0]))
    counts = members.counts[np.ix_(rows, cols)]
    clustered = members.counts[:, cols].sum(axis=0)
    alone = (members.shares()[:, cols] >= CARRY_SHARE).sum(axis=0) == 1
    held = np.where((counts * 2 > clustered) & (counts >= CARRY_SHARE * members.sizes[cols])
                    & alone, counts, 0)
    for row, col in zip(*linear_sum_assignment(-held)):
        if held[row, col] > 0:
            ids[rows[row]] = prev_ids[cols[col]]
            changes.by_posts.append(int(prev_ids[cols[col]]))


def _merged_or_vanished(changes: Changes, ids: np.ndarray, prev_ids: np.ndarray,
                        matched_prev: set[int], sims: np.ndarray, shares: np.ndarray,
                        threshold: float) -> None:
    """A previous cluster without a match of its own went into the cluster holding half of its
    posts, else the one it is closest to, if that one is close enough; otherwise it vanished."""
    for col, prev_id in enumerate(prev_ids):
        if int(prev_id) in matched_prev:
            continue
        held = int(np.argmax(shares[:, col])) if len(ids) else -1
        best = int(np.argmax(sims[:, col])) if len(ids) else -1
        if held >= 0 and shares[held, col] >= CONTINUE_SHARE:
            changes.merged.setdefault(int(ids[held]), []).append(int(prev_id))
        elif best >= 0 and sims[best, col] >= threshold:
            changes.merged.setdefault(int(ids[best]), []).append(int(prev_id))
        else:
            changes.vanished.append(int(prev_id))


def stable_ids(centroids: dict[int, np.ndarray], previous: dict, kind: str, threshold: float,
               reserved: Iterable[int] = (), posts: tuple | None = None
               ) -> tuple[dict[int, int], Changes, dict[int, np.ndarray]]:
    """Ids for this run's topics or challenges (``kind``) that keep the previous run's ids for the
    same ones (``previous``: the state it saved; ``threshold``: ``run.match_similarity``). New
    ids come after every id given before (the previous state's ``{kind}_next_id``, or its
    largest id in a state saved before it was kept) and skip the ``reserved`` ones (the ids a
    curation file names). ``posts``: (the previous run's model's posts, with ``text_hash`` and
    ``{kind}_id``; this run's posts' text hashes; their fitted ids), to match by members first;
    None matches by centroid alone.

    Returns the mapping fitted id → stable id, what changed, and the centroids by stable id.
    """
    fitted = sorted(centroids)
    prev_centroids = previous.get(f"{kind}_centroids")
    # a run of no cluster has the previous run's width: its clusters all vanished (an export of
    # the new days alone was "Same topics and challenges as the last run": review 14, R14-19)
    width = prev_centroids.shape[1] if prev_centroids is not None and prev_centroids.ndim == 2 else 0
    matrix = np.stack([centroids[i] for i in fitted]) if fitted else np.zeros((0, width))
    if prev_centroids is None or (len(prev_centroids) and prev_centroids.shape[1] != matrix.shape[-1]):
        prev_ids, prev_centroids = np.array([], int), np.zeros((0, matrix.shape[-1]))
    else:
        prev_ids = previous[f"{kind}_ids"]
    given = int(previous.get(f"{kind}_next_id", 0))
    next_id = max(given, int(max(prev_ids, default=-1)) + 1)
    members = None
    if posts is not None and len(prev_ids):
        members = Members.of(posts[0], f"{kind}_id", posts[1], posts[2], fitted, prev_ids)
    ids, changes = match_ids(prev_ids, prev_centroids, matrix, threshold, next_id, set(reserved),
                             members)
    return dict(zip(fitted, ids.tolist())), changes, dict(zip(ids.tolist(), matrix))


def gone_where(vanished: Iterable[int], column: str, table: pd.DataFrame, before: pd.DataFrame,
               after: pd.DataFrame) -> list[dict]:
    """What became of each previous cluster that vanished (its id in ``vanished``): its label and
    size in the previous run (``table``, its kept model's clusters), and where its posts
    (``before``: that model's posts, ``text_hash`` and ``column``) are in this run (``after``):
    not analyzed any more, in no cluster, or in which. "Gone" alone read as "nobody talks about
    it" while 40 of its 42 posts were still there, now outliers (review 11)."""
    now = after.drop_duplicates("text_hash").set_index("text_hash")[column]
    labels = table.set_index("topic_id")["label"] if len(table) else pd.Series(dtype="string")
    out = []
    for cluster in vanished:
        where = now.reindex(before.loc[before[column] == cluster, "text_hash"].to_numpy())
        held = where.dropna().astype(int)
        out.append({"id": int(cluster), "label": str(labels.get(cluster, "") or ""),
                    "posts": len(where), "not_analyzed": int(where.isna().sum()),
                    "outside": int((held < 0).sum()),
                    "moved": {int(k): int(n) for k, n in held[held >= 0].value_counts().items()}})
    return out


def kept_shares(before: pd.DataFrame, after: pd.DataFrame, column: str) -> dict[int, float]:
    """For each cluster id of the previous run, the share of its posts that are in the cluster
    of the same id now (``before``/``after``: ``text_hash`` and ``column``, the stable ids before
    curation); a post no longer analyzed (its file removed) is not kept. A cluster that keeps its
    id but few of its posts has moved: a name the team gave it may no longer fit.

    Example:
        >>> before = pd.DataFrame({"text_hash": ["a", "b", "c", "d", "e"], "topic_id": [3, 3, 3, 4, 4]})
        >>> after = pd.DataFrame({"text_hash": ["a", "b", "c", "d"], "topic_id": [3, 5, 5, 4]})
        >>> {k: round(v, 2) for k, v in kept_shares(before, after, "topic_id").items()}
        {3: 0.33, 4: 0.5}
    """
    both = before[["text_hash", column]].dropna().merge(
        after[["text_hash", column]], on="text_hash", how="left", suffixes=("", "_now"))
    both = both[both[column] >= 0]
    same = both[f"{column}_now"].eq(both[column]).fillna(False).to_numpy(dtype=bool)
    return pd.Series(same, index=both[column].astype(int)).groupby(level=0).mean().to_dict()


def new_posts(before: pd.DataFrame, after: pd.DataFrame, column: str) -> dict:
    """The analyzed posts of this run that the previous run did not have (``before``/``after``:
    ``text_hash`` and ``column``, the stable ids before curation): how many (``posts``), and how
    many of them each cluster holds (``by_id``: [id, posts] pairs, most first); and of the
    previous run's posts (``previous``), those this run does not have (``gone``).

    Example:
        >>> before = pd.DataFrame({"text_hash": ["a", "b"], "challenge_id": [3, -1]})
        >>> after = pd.DataFrame({"text_hash": ["a", "c", "d", "e"],
        ...                       "challenge_id": [3, 3, -1, None]})
        >>> new_posts(before, after, "challenge_id")
        {'posts': 3, 'by_id': [[3, 1]], 'previous': 2, 'gone': 1}
    """
    new = after[~after["text_hash"].isin(before["text_hash"])]
    clustered = new[column].dropna()
    counts = clustered[clustered >= 0].astype(int).value_counts()
    previous = before["text_hash"].drop_duplicates()
    return {"posts": len(new), "by_id": [[int(i), int(n)] for i, n in counts.items()],
            "previous": len(previous), "gone": int((~previous.isin(after["text_hash"])).sum())}


def _free(number: int, reserved) -> int:
    """``number``, or the first number after it that is not ``reserved``."""
    while number in reserved:
        number += 1
    return number


def state(kind: str, centroids: dict[int, np.ndarray], next_id: int) -> dict[str, np.ndarray]:
    """The arrays ``runs.save_state`` keeps of one kind of cluster for the next run: ids,
    centroids and the next id to give (``Changes.next_id``)."""
    matrix = np.stack(list(centroids.values())) if centroids else np.zeros((0, 0))
    return {f"{kind}_ids": np.array(list(centroids), dtype=int), f"{kind}_centroids": matrix,
            f"{kind}_next_id": np.array(next_id)}


def renumber(table: pd.DataFrame, column: str, ids: dict[int, int], changes: Changes) -> pd.DataFrame:
    """``table`` with stable ids in ``column`` and each row's ``status`` (new, continuing...)."""
    table = table.assign(**{column: table[column].map(lambda i: ids.get(i, i)).astype("Int64")})
    if "status" not in table:
        table.insert(1, "status", table[column].map(changes.status))
    return table


def _stable(column: pd.Series, ids: dict[int, int]) -> pd.Series:
    return column.map(lambda i: ids.get(i, i) if pd.notna(i) else i)


def renumber_challenges(found, ids: dict[int, int], changes: Changes):
    """Stable challenge ids in every table of a ``ChallengeResult`` (-1 stays -1)."""
    return dataclasses.replace(
        found,
        posts=found.posts.assign(challenge_id=_stable(found.posts["challenge_id"], ids).astype("Int64")),
        challenges=renumber(found.challenges, "challenge_id", ids, changes),
        spikes=found.spikes.assign(challenge_id=_stable(found.spikes["challenge_id"], ids)),
        content_feed=found.content_feed.assign(
            challenge_id=_stable(found.content_feed["challenge_id"], ids)),
        centroids={ids[i]: c for i, c in found.centroids.items()})


def new_quoted_first(challenges: pd.DataFrame, posts: pd.DataFrame, known: pd.Series,
                     quotes: int) -> pd.DataFrame:
    """``challenges`` whose quotes in each language open with their posts new since the last
    run (``known``: the previous run's ``text_hash``), those holding most of the challenge's
    keywords in that language first, then the latest; of ``quotes`` in all, one stays the
    challenge's own best quote when there are two or more, so a week of weak posts does not
    hide what the challenge is:
    a problem marked fixed came back with 14 reports in a morning, and its card still quoted
    September's (review 14 R14-7). ``posts``: the analyzed posts with curated ``challenge_id``
    (merges applied), ``lang``, ``created_at``, ``text_norm``, ``post_id``.

    Example:
        >>> new_quoted_first(challenges, posts, previous.posts["text_hash"], 2)  # doctest: +SKIP
    """
    from mining.increment import text_hashes
    from mining.topics.describe import trim
    from mining.topics.quotes import clean_quote

    analyzed = posts[posts["analyzed"].fillna(False) & posts["challenge_id"].fillna(-1).ge(0)]
    new = analyzed[~pd.Series(text_hashes(analyzed["text_norm"]), index=analyzed.index).isin(set(known))]
    new = new.sort_values("created_at", ascending=False, na_position="last")
    out = challenges.copy()
    for (challenge, lang), group in new.groupby(["challenge_id", "lang"], sort=False):
        at = out.index[out["challenge_id"] == challenge]
        if not len(at) or f"quotes_{lang}" not in out:
            continue
        cell = {c: v if isinstance(v := out.at[at[0], f"{c}_{lang}"], str) else ""
                for c in ("quotes", "quote_ids", "keywords")}
        texts, ids = [t for t in cell["quotes"].split("\n") if t], [i for i in cell["quote_ids"].split(";") if i]
        words = {w.casefold() for w in cell["keywords"].split("; ") if w}
        fresh = group.assign(shown=group["text_norm"].fillna("").map(lambda t: trim(clean_quote(t))),
                             held=group["text_norm"].fillna("").map(
                                 lambda t: len(words & set(re.findall(r"\w+", t.casefold())))))
        fresh = (fresh[fresh["shown"].str.strip().ne("")].drop_duplicates("shown")
                 .sort_values("held", ascending=False, kind="stable").head(max(1, quotes - 1)))
        pairs = list(zip(fresh["shown"], fresh["post_id"].astype(str)))
        pairs += [p for p in zip(texts, ids) if p[1] not in set(fresh["post_id"].astype(str))]
        out.at[at[0], f"quotes_{lang}"] = "\n".join(t for t, _ in pairs[:quotes])
        out.at[at[0], f"quote_ids_{lang}"] = ";".join(i for _, i in pairs[:quotes])
    return out
