"""``mining curate``: a commented curation file listing every challenge and topic of a run.

Each table comes with its generated label and size as a comment, the decisions already taken
(from an existing file) as settings, and the others as commented examples to fill in. Decisions
about ids absent from the run are kept at the end, so that updating the file loses none.

Example:
    >>> text = curation_skeleton(result.challenges.challenges, result.topics, Curation())  # doctest: +SKIP
    >>> print(text.splitlines()[0])                                                         # doctest: +SKIP
    # Curation of a mining run: decisions by stable id, kept from one run to the next.
"""
from __future__ import annotations

import json

import pandas as pd

from mining.curation.decisions import STATUSES, Curation, Decision, shown_id

HEADER = """\
# Curation of a mining run: decisions by stable id, kept from one run to the next.
# Name the file in the config (run.curation = "curation.toml"); `mining run` applies it.
# Per table, any of:
#   name = "..."                  the name the report shows (the generated label beside it)
#   status = "known"              {statuses}
#   hide = "why"                  hidden from the lists, shown in a hidden section with the reason
#   merge_into = "C-0002"         its posts folded into another one (of the same kind)
# A challenge split off another: a new table with an id above every generated one, and
#   split_from = "C-0002" and topics = ["12"]   (the posts of C-0002 in topic 12)
# A table with no setting is no decision: a new challenge stays flagged "new - review".
# Comments are not kept when `mining curate` updates this file; decisions are.
"""


def _value(value) -> str:
    """A TOML value (a JSON string is a TOML basic string)."""
    if isinstance(value, tuple):
        return "[" + ", ".join(json.dumps(str(v)) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _settings(kind: str, decision: Decision) -> list[str]:
    values = {"name": decision.name, "status": decision.status, "hide": decision.hide,
              "merge_into": shown_id(kind, decision.merge_into) if decision.merge_into is not None
              else None,
              "split_from": shown_id(kind, decision.split_from) if decision.split_from is not None
              else None, "topics": decision.topics or None}
    lines = [f"{key} = {_value(value)}" for key, value in values.items() if value is not None]
    if not lines:
        lines = ['# name = ""', f"# status = {_value(STATUSES[0])}", '# hide = ""']
    return lines


def _tables(kind: str, table: pd.DataFrame, size: str, curation: Curation) -> list[str]:
    lines = []
    for row in table.itertuples(index=False):
        number = int(getattr(row, "challenge_id" if kind == "challenges" else "topic_id"))
        if number < 0:
            continue
        status = getattr(row, "status", "")
        lines += [f"# {row.label} · {getattr(row, size)} posts · {status}",
                  f'[{kind}."{shown_id(kind, number)}"]', *_settings(kind, curation.get(kind, number)), ""]
    return lines


def curation_skeleton(challenges: pd.DataFrame, topics: pd.DataFrame, curation: Curation,
                      series: str | None = None) -> str:
    """The curation file for a run's ``challenges`` and ``topics`` tables, keeping every decision
    of ``curation``; ``series`` (the run's salt fingerprint) says which runs its ids belong to."""
    lines = [HEADER.format(statuses=" | ".join(STATUSES))]
    if series:
        lines += ["# The series of runs these ids belong to (a run of another privacy.salt applies none).",
                  f"series = {_value(series)}", ""]
    lines += ["# Challenges, highest priority first", ""]
    lines += _tables("challenges", challenges, "n_posts", curation)
    lines += ["# Topics", ""] + _tables("topics", topics, "size", curation)
    shown = {"challenges": set(challenges["challenge_id"].astype(int)),
             "topics": set(topics["topic_id"].astype(int))}
    kept = [(kind, n, d) for kind in shown for n, d in sorted(curation.decisions[kind].items())
            if n not in shown[kind]]
    if kept:
        lines += ["# Not in this run: kept for when they come back", ""]
        for kind, number, decision in kept:
            lines += [f'[{kind}."{shown_id(kind, number)}"]', *_settings(kind, decision), ""]
    return "\n".join(lines)
