"""Apply a curation to a run's tables, once stable ids are assigned.

Each challenge and topic table gets, beside the generated ``label``: ``curated_name``,
``curated_status``, ``hidden`` (the reason), ``merged_into`` and ``merged`` (ids as the report
shows them) and ``curated_posts`` (its posts after merges and splits); both get ``kept_share``
(the share of its previous-run posts it still holds; null when new or on a first run) and
``needs_review``: a challenge new since the previous run with no decision about it (an empty
table is none), or a challenge or topic with a name or status decided that kept less than
``KEPT_MIN`` of its posts (its id stayed, its content moved: the name may no longer fit). Merges
and splits move
posts: ``challenge_id`` and ``topic_id`` of the posts become the curated ones. The generated
figures (priority, trend, keywords, quotes) stay those of the generated challenge or topic.

Example:
    >>> curated = apply_curation(curation, challenges, topics, posts, review_new=True)  # doctest: +SKIP
    >>> curated.challenges[["challenge_id", "label", "curated_name", "curated_status"]]  # doctest: +SKIP
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from mining.curation.decisions import Curation, shown_id

LANGS = ("he", "el", "en")
CURATED_COLUMNS = ["curated_name", "curated_status", "hidden", "merged_into", "merged",
                   "curated_posts"]


@dataclass
class Curated:
    challenges: pd.DataFrame
    topics: pd.DataFrame
    posts: pd.DataFrame
    notes: list[str]  # decisions that could not be applied in this run, one sentence each


KEPT_MIN = 0.5  # a named challenge or topic holding less of its previous posts needs review


def apply_curation(curation: Curation, challenges: pd.DataFrame, topics: pd.DataFrame,
                   posts: pd.DataFrame, review_new: bool,
                   kept: dict[str, dict[int, float]] | None = None,
                   gone: dict[str, list[dict]] | None = None) -> Curated:
    """The tables and posts with the decisions applied (the inputs are not changed).

    Args:
        review_new: flag the challenges new since the previous run (False on a first run).
        kept: per kind, each previous id's share of its posts that it still holds
            (``tracking.kept_shares``); None on a first run.
        gone: per kind, where the posts of the previous run's clusters that vanished are now
            (``tracking.gone_where``): a decided one's note says it.
    """
    notes: list[str] = []
    if curation.foreign:
        notes.append(f"{curation.path} was written by `mining curate` for a run of another series "
                     "(another privacy.salt): its ids name none of these challenges and topics, so "
                     "none of its decisions is applied; run `mining curate` on this run")
    posts = posts.copy()
    challenges = _split_off(curation, challenges, topics, posts, notes)
    gone = gone or {}
    challenges = _curate("challenges", curation, challenges, posts, notes, gone.get("challenges"))
    topics = _curate("topics", curation, topics, posts, notes, gone.get("topics"))
    decided = set(curation.decisions["challenges"])
    new = (review_new & challenges["status"].astype(str).str.startswith("new")
           & ~challenges["challenge_id"].isin(decided))
    challenges = _reviewed("challenges", challenges, curation, (kept or {}).get("challenges", {}),
                           new, notes)
    topics = _reviewed("topics", topics, curation, (kept or {}).get("topics", {}),
                       pd.Series(False, index=topics.index), notes)
    return Curated(challenges, topics, posts, notes)


def _reviewed(kind: str, table: pd.DataFrame, curation: Curation, kept: dict[int, float],
              new: pd.Series, notes: list[str]) -> pd.DataFrame:
    """``table`` with ``kept_share`` and ``needs_review`` (``new``, or named and moved)."""
    ids = table[_ID_COLUMN[kind]].astype(int)
    share = ids.map(kept).astype("float64")
    named = [curation.get(kind, n).name is not None or curation.get(kind, n).status is not None
             for n in ids]
    moved = share.lt(KEPT_MIN) & pd.Series(named, index=table.index)
    for number, held in zip(ids[moved], share[moved]):
        notes.append(f"{kind[:-1]} {shown_id(kind, number)} holds {held:.0%} of the posts it held "
                     "in the previous run: check that its name and status still fit")
    return table.assign(needs_review=(new | moved).astype(bool), kept_share=share.round(4))


_ID_COLUMN = {"challenges": "challenge_id", "topics": "topic_id"}


def _curate(kind: str, curation: Curation, table: pd.DataFrame, posts: pd.DataFrame,
            notes: list[str], gone: list[dict] | None = None) -> pd.DataFrame:
    """Add the curated columns to one table and fold the merged posts into their targets
    (``gone``: ``tracking.gone_where`` of this kind, for the notes)."""
    column, decisions = _ID_COLUMN[kind], curation.decisions[kind]
    ids = table[column].astype(int)
    present = set(ids)
    where = {g["id"]: g for g in gone or []}
    merges = {}
    for number, decision in decisions.items():
        if number not in present and decision.split_from is not None:
            continue  # noted by _split_off
        if number in where and (decision.name or decision.status):
            notes.append(_gone_note(kind, curation, number, where[number],
                                    dict(zip(ids, table["label"].astype(str)))))
        elif number not in present:
            notes.append(f"{kind[:-1]} {shown_id(kind, number)} is in {curation.path} but not in "
                         "this run (it vanished or was merged, or no run has given that id): its "
                         "decisions wait until a run has it, and no other cluster takes its id")
        elif decision.merge_into is not None and decision.merge_into not in present:
            notes.append(f"{kind[:-1]} {shown_id(kind, number)} is to be merged into "
                         f"{shown_id(kind, decision.merge_into)}, which is not in this run: not merged")
        elif decision.merge_into is not None:
            merges[number] = decision.merge_into
    moved = posts[column].isin(list(merges)).fillna(False).to_numpy(dtype=bool)
    posts.loc[moved, column] = posts.loc[moved, column].map(merges)
    counts = posts[column].value_counts()

    def field(name: str) -> list:
        return [getattr(curation.get(kind, n), name) for n in ids]

    curated = {
        "curated_name": field("name"), "curated_status": field("status"), "hidden": field("hide"),
        "merged_into": [shown_id(kind, merges[n]) if n in merges else None for n in ids],
        "merged": ["; ".join(shown_id(kind, s) for s, t in sorted(merges.items()) if t == n) or None
                   for n in ids],
        "curated_posts": [int(counts.get(n, 0)) for n in ids],
    }
    out = table.drop(columns=[c for c in CURATED_COLUMNS if c in table])
    at = out.columns.get_loc("label") + 1
    for offset, (name, values) in enumerate(curated.items()):
        dtype = "Int64" if name == "curated_posts" else "string"
        out.insert(at + offset, name, pd.Series(values, index=out.index, dtype=dtype))
    return out


def _gone_note(kind: str, curation: Curation, number: int, where: dict, labels: dict) -> str:
    """A named cluster of the previous run that is in no cluster of this one, by its name and
    status, and where its posts are now (``where``: ``tracking.gone_where``'s record;
    ``labels``: this run's labels by id), said so that a team can follow its posts."""
    decision = curation.get(kind, number)
    called = " ".join(filter(None, (f"\u201c{decision.name}\u201d" if decision.name else None,
                                    f"({decision.status})" if decision.status else None)))
    now = [f"{n:,} in {shown_id(kind, int(i))} ({labels.get(int(i), '')})"
           for i, n in where["moved"].items()]
    if where["outside"]:
        now.insert(0, f"{where['outside']:,} in no {kind[:-1]}")
    if where["not_analyzed"]:
        now.append(f"{where['not_analyzed']:,} no longer analyzed")
    return (f"{kind[:-1]} {shown_id(kind, number)} {called} is gone: no {kind[:-1]} of this run "
            f"holds its posts (of its {where['posts']:,} posts in the previous run: "
            f"{', '.join(now)}); its decisions in {curation.path} wait until a run has "
            f"{shown_id(kind, number)}: to keep following it, give its name and status to the "
            f"{kind[:-1]} that holds its kind of posts now")


def _by_language(posts: pd.DataFrame, topics: pd.DataFrame, numbers: tuple[int, ...]) -> dict:
    """A split's posts per language, and its topics' keywords (it has no quotes of its own)."""
    langs = posts["lang"].value_counts()
    keywords = topics[topics["topic_id"].isin(list(numbers))]
    row = {}
    for lang in LANGS:
        row[f"n_{lang}"] = int(langs.get(lang, 0))
        words = keywords.get(f"keywords_{lang}", pd.Series(dtype=str)).dropna()
        row.update({f"keywords_{lang}": "; ".join(words), f"quotes_{lang}": "",
                    f"quote_ids_{lang}": ""})
    row["n_other_lang"] = len(posts) - sum(row[f"n_{lang}"] for lang in LANGS)
    return row


def _as_shown(curation: Curation, number: int, present: set[int]) -> list[int]:
    """The generated challenges whose posts challenge ``number`` holds as the report shows it:
    itself and those merged into it. A split of a challenge the team merged another into found
    nothing of the merged one's posts, which the card showed (review 14, R14-10)."""
    if number not in present:
        return [number]
    return [number, *(n for n, d in curation.decisions["challenges"].items()
                      if d.merge_into == number and n in present)]


def _split_off(curation: Curation, challenges: pd.DataFrame, topics: pd.DataFrame,
               posts: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """Move the posts of each split's topics out of its source challenge (as the report shows it,
    merges applied) into a new challenge with the split's id; its row holds the posts' count and the topics' labels, nothing else."""
    present = set(challenges["challenge_id"].astype(int))
    topic_labels = dict(zip(topics["topic_id"].astype(int), topics["label"].astype(str)))
    rows = []
    for number, decision in sorted(curation.decisions["challenges"].items()):
        if decision.split_from is None:
            continue
        name, source = shown_id("challenges", number), shown_id("challenges", decision.split_from)
        if number in present:
            notes.append(f"split {name} is also a generated challenge of this run: not split; give "
                         "the split an id above every generated one")
            continue
        held = _as_shown(curation, decision.split_from, present)
        taken = (posts["challenge_id"].isin(held)
                 & posts["topic_id"].isin(list(decision.topics))).fillna(False).to_numpy(dtype=bool)
        if not taken.any():
            notes.append(f"split {name}: no post of {source} is in topics "
                         + ", ".join(map(str, decision.topics)) + " in this run: nothing split off")
            continue
        posts.loc[taken, "challenge_id"] = number
        label = "; ".join(f"{t}: {topic_labels[t]}" for t in decision.topics if t in topic_labels)
        rows.append({"challenge_id": number, "status": f"split from {source}", "label": label,
                     "n_posts": int(taken.sum()), **_by_language(posts[taken], topics, decision.topics)})
    if not rows:
        return challenges
    # Integer columns become nullable so that the split's row leaves its figures empty.
    nullable = {c: "Int64" for c in challenges.columns if pd.api.types.is_integer_dtype(challenges[c])}
    return pd.concat([challenges.astype(nullable), pd.DataFrame(rows).astype(
        {c: t for c, t in nullable.items() if c in rows[0]})], ignore_index=True)
