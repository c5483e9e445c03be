"""Curation: a team's decisions about challenges and topics, kept from one run to the next.

The decisions live in a TOML file (``run.curation`` in the config), one table per stable id as the
report shows it: ``[challenges."C-0004"]`` for a challenge, ``[topics."7"]`` for a topic::

    [challenges."C-0004"]
    name = "App crashes after the 3.2 update"
    status = "in progress"           # known | in progress | fixed

    [challenges."C-0009"]
    merge_into = "C-0004"            # its posts are folded into C-0004

    [challenges."C-0011"]
    hide = "greetings, not feedback" # hidden (never deleted), listed with the reason

    [challenges."C-0100"]            # a new challenge, split off C-0002:
    split_from = "C-0002"            # the posts of C-0002 in topics 12 and 15
    topics = ["12", "15"]
    name = "Refunds that never arrive"

Stable ids (``mining.tracking``) make the same challenge keep its id from week to week, so the
decisions stick. The file is checked when the config loads (unknown keys, statuses, merges into
themselves or in a cycle are errors); an id absent from a run is a note, not an error.

Example:
    >>> curation = load_curation("curation.toml")                          # doctest: +SKIP
    >>> curation.get("challenges", 4).name                                 # doctest: +SKIP
    'App crashes after the 3.2 update'
"""
from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mining.errors import ConfigError

STATUSES = ("known", "in progress", "fixed")
KINDS = ("challenges", "topics")
_KEYS = {"challenges": ("name", "status", "hide", "merge_into", "split_from", "topics"),
         "topics": ("name", "status", "hide", "merge_into")}
_ID = {"challenges": re.compile(r"C-(\d{4,})"), "topics": re.compile(r"(\d+)")}


def shown_id(kind: str, number: int) -> str:
    """An id as the report shows it: ``C-0004`` for a challenge, ``7`` for a topic."""
    return f"C-{number:04d}" if kind == "challenges" else str(number)


@dataclass(frozen=True)
class Decision:
    """What the team decided about one challenge or topic (None: nothing)."""

    name: str | None = None
    status: str | None = None
    hide: str | None = None  # the reason it is hidden
    merge_into: int | None = None  # the id its posts are folded into, chains resolved
    split_from: int | None = None  # a split: the challenge whose posts in ``topics`` it takes
    topics: tuple[int, ...] = ()


@dataclass
class Curation:
    """Every decision of a curation file, by kind (``challenges``, ``topics``) and stable id."""

    path: str | None = None
    decisions: dict[str, dict[int, Decision]] = field(
        default_factory=lambda: {kind: {} for kind in KINDS})
    # The series of runs it was written for (``mining curate``: the salt's fingerprint): ids are
    # given within a series, so in another one they name other clusters, or none.
    series: str | None = None
    foreign: bool = False  # written for another series: its decisions set aside (``for_series``)

    def for_series(self, series: str) -> Curation:
        """This curation, or none of its decisions when it was written for another series."""
        if self.series in (None, series):
            return self
        return Curation(self.path, series=self.series, foreign=True)

    def get(self, kind: str, number: int) -> Decision:
        return self.decisions[kind].get(number, Decision())

    def named_ids(self, kind: str) -> list[int]:
        """The ids the file decides about: a new cluster never takes one of them (a split's id
        is the team's own; a decision about an id no run has given yet must not fall on the
        cluster that happens to be given it)."""
        return sorted(self.decisions[kind])


def load_curation(path: str | Path | None) -> Curation:
    """Read and check a curation file; a file that does not exist yet holds no decisions.

    Raises ``ConfigError`` (E201, E202, E209, E210) naming the file, the table and the key.
    """
    if path is None or not Path(path).exists():
        return Curation(str(path) if path else None)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError("E209", str(path), detail=exc) from None
    return parse_curation(data, str(path))


def parse_curation(data: dict[str, Any], where: str) -> Curation:
    """Check the tables of a curation file (already parsed TOML) and build its decisions."""
    curation = Curation(where)
    series = data.pop("series", None) if isinstance(data.get("series"), str) else None
    curation.series = series
    for kind, tables in data.items():
        if kind not in KINDS:
            raise ConfigError("E201", where, key=kind, known=", ".join(("series", *KINDS)))
        if not isinstance(tables, dict):
            raise ConfigError("E202", where, key=kind, detail="expected tables such as "
                              f"[{kind}.\"{shown_id(kind, 4)}\"]")
        for key, values in tables.items():
            number = _number(kind, key, f"{where} [{kind}]", "id")
            decision = _decision(kind, key, values, where)
            if decision != Decision():  # an empty table (as `mining curate` writes) decides nothing
                curation.decisions[kind][number] = decision
    for kind in KINDS:
        _resolve_merges(kind, curation.decisions[kind], where)
    return curation


def _number(kind: str, value: Any, where: str, key: str) -> int:
    match = _ID[kind].fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ConfigError("E202", where, key=key, detail=f"{value!r} is not a {kind[:-1]} id as "
                          f"the report shows it, such as {shown_id(kind, 4)!r}")
    return int(match.group(1))


def _decision(kind: str, key: str, values: Any, where: str) -> Decision:
    here = f'{where} [{kind}."{key}"]'
    if not isinstance(values, dict):
        raise ConfigError("E202", where, key=key, detail="expected a table of decisions")
    for name, value in values.items():
        if name not in _KEYS[kind]:
            raise ConfigError("E201", here, key=name, known=", ".join(_KEYS[kind]))
        if name != "topics" and (not isinstance(value, str) or not value.strip()):
            raise ConfigError("E202", here, key=name, detail=f"expected a non-empty text, got {value!r}")
    status = values.get("status")
    if status is not None and status not in STATUSES:
        raise ConfigError("E202", here, key="status",
                          detail=f"{status!r}; use one of: " + ", ".join(map(repr, STATUSES)))
    merge_into = values.get("merge_into")
    if merge_into is not None:
        merge_into = _number(kind, merge_into, here, "merge_into")
        if merge_into == _number(kind, key, where, "id"):
            raise ConfigError("E202", here, key="merge_into", detail="merges into itself")
    both = [k for k in ("hide", "split_from") if k in values]
    if merge_into is not None and both:
        raise ConfigError("E202", here, key=both[0], detail="a merged one is shown on its target; "
                          "use either merge_into or " + both[0])
    split_from, topics = _split(values, here)
    return Decision(name=values.get("name"), status=status, hide=values.get("hide"),
                    merge_into=merge_into, split_from=split_from, topics=topics)


def _split(values: dict[str, Any], here: str) -> tuple[int | None, tuple[int, ...]]:
    """A split names its source challenge and the topics whose posts it takes, both or neither."""
    if ("split_from" in values) != ("topics" in values):
        missing = "topics" if "split_from" in values else "split_from"
        raise ConfigError("E202", here, key=missing, detail="a split needs both split_from = "
                          '"C-0002" and topics = ["12"]')
    if "split_from" not in values:
        return None, ()
    topics = values["topics"]
    if not isinstance(topics, list) or not topics:
        raise ConfigError("E202", here, key="topics", detail='expected topic ids, such as ["12"]')
    return (_number("challenges", values["split_from"], here, "split_from"),
            tuple(_number("topics", t, here, "topics") for t in topics))


def _resolve_merges(kind: str, decisions: dict[int, Decision], where: str) -> None:
    """Follow chains (A into B, B into C: A into C); a cycle is an error."""
    for number, decision in list(decisions.items()):
        seen, target = [number], decision.merge_into
        while target is not None and target in decisions and decisions[target].merge_into is not None:
            if target in seen:
                cycle = " → ".join(shown_id(kind, n) for n in [*seen, target])
                raise ConfigError("E210", f'{where} [{kind}."{shown_id(kind, number)}"]',
                                  key="merge_into", detail=cycle)
            seen.append(target)
            target = decisions[target].merge_into
        if target is not None and target != decision.merge_into:
            decisions[number] = dataclasses.replace(decision, merge_into=target)
