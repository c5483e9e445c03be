"""The numbers every report shows, computed once from the run's outputs."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from mining.lang import LANG_NAMES
from mining.report.curated import shown_label, split_hidden
from mining.schema import analyzed_rows


def challenge_name(challenge_id: int) -> str:
    """The id product teams quote: ``C-0017``."""
    return f"C-{int(challenge_id):04d}"


def display_name(challenge) -> str:
    """The name a challenge is shown under in the reports and charts: the one place that decides
    it (``challenge`` is a row of the challenges table): the curated name, else the label."""
    return shown_label(challenge)


@dataclass
class Summary:
    posts: int
    analyzed: int
    topics: int
    challenges: int
    period: tuple[str, str] | None
    by_language: pd.DataFrame  # language, posts, analyzed
    by_source: pd.DataFrame  # source, file, posts
    skipped: pd.DataFrame  # reason, posts
    feedback: pd.DataFrame  # feedback type, posts
    changes: list[str]  # what changed since the previous run, one sentence each
    alerts: list[str]  # recent spikes and new or accelerating challenges, one sentence each
    notes: dict[str, str]  # signals not computed, and why
    set_aside: pd.DataFrame  # file, problem, records read before it (not used): inputs not read
    curation: list[str] = field(default_factory=list)  # decisions not applied in this run, and why


# A Slack export writes a file per channel and day ("support/2026-11-02.json").
_DAY_FILE = r"(?P<folder>(?:.*/)?)\d{4}-\d{2}-\d{2}\.json"


def _by_source(posts: pd.DataFrame) -> pd.DataFrame:
    """Posts per source and file; a Slack channel's day files are one row, its folder and how many
    days (review 13 R13-11: a month of three channels was 91 rows, a year of twenty ~7,000)."""
    counted = posts.groupby(["source", "source_file"]).size().rename("posts").reset_index()
    folder = counted["source_file"].astype("string").str.extract(_DAY_FILE)["folder"]
    day = counted["source"].eq("slack") & folder.notna()
    counted["file"] = counted["source_file"].mask(day, folder + "*.json")
    out = counted.groupby(["source", "file"]).agg(posts=("posts", "sum"),
                                                  files=("source_file", "size")).reset_index()
    many = out["files"] > 1
    out.loc[many, "file"] += " (" + out.loc[many, "files"].astype(str) + " day files)"
    return out.drop(columns="files")


def _changes(manifest: dict) -> list[str]:
    changes = manifest.get("changes", {})
    if not changes.get("previous_run"):
        return ["First run: no earlier run to compare with."]
    lines = []
    replaced = [e for e in changes.get("inputs_gone", []) if "replaced_by" in e]
    gone = [e for e in changes.get("inputs_gone", []) if "replaced_by" not in e]
    if gone:
        lines.append("Read in the last run, not in this one (their posts are left out unless "
                     "another file holds them): " + ", ".join(f"{e['file']} ({e['records']:,} records)"
                                                    for e in gone) + ".")
    if replaced:
        lines.append("Replaced since the last run: " + ", ".join(
            f"{e['file']} by {e['replaced_by']}, which holds {e['held']:,} of its "
            f"{e['records']:,} records" for e in replaced) + ".")
    for kind, name in (("challenges", challenge_name), ("topics", str)):
        found = changes.get(kind, {})
        if found.get("new"):
            lines.append(f"New {kind} since the last run (their posts may be older): "
                         + ", ".join(name(i) for i in found["new"]) + ".")
        for into, gone in found.get("merged", {}).items():
            lines.append(f"{kind.capitalize()[:-1]} {name(into)} absorbed "
                         + ", ".join(name(i) for i in gone) + ".")
        for was, into in found.get("split", {}).items():
            lines.append(f"{kind.capitalize()[:-1]} {name(was)}'s posts split into "
                         + ", ".join(name(i) for i in into) + ".")
        if found.get("vanished"):
            where = {g["id"]: g for g in found.get("vanished_where", [])}
            lines.append(f"Gone since the last run ({kind}): "
                         + "; ".join(_gone(i, where.get(i), kind, name) for i in found["vanished"]) + ".")
    new = changes.get("challenges", {}).get("new_posts")
    if new and new.get("gone", 0) * 2 > new.get("previous", 0) > 0:
        lines.insert(0, history_gone(new))
    if new and new["posts"]:
        held = sum(n for _, n in new["by_id"])
        lines.append(f"{new['posts']:,} analyzed posts new since the last run, {held:,} of them in "
                     "challenges" + (": " + ", ".join(f"{challenge_name(i)} {n:,}"
                                                      for i, n in new["by_id"]) if held else "") + ".")
    return lines or ["Same topics and challenges as the last run."]


def history_gone(new: dict) -> str:
    """Most of the last run's posts are not in this one: an export of the new days alone, run as
    the next week of a series, reported the year's topics and challenges as "Same" while it had
    none (review 14, R14-19)."""
    return (f"{new['gone']:,} of the last run's {new['previous']:,} analyzed posts are not in this "
            "run's inputs: the export looks like one of the new days alone (an increment), and "
            "this run's topics and challenges describe only the posts read now. A weekly run "
            "needs the whole chat: export it with its history.")


def _gone(cluster: int, where: dict | None, kind: str, name) -> str:
    """A cluster gone since the last run (``name`` writes an id), with its label then and where
    its posts are now."""
    if where is None:
        return name(cluster)
    label = f" ({where['label']})" if where["label"] else ""
    curated = " ".join(filter(None, (f"\u201c{where['name']}\u201d" if where.get("name") else None,
                                     f"({where['curated_status']})" if where.get("curated_status")
                                     else None)))
    label = f" {curated}{label}" if curated else label
    now = [f"{n:,} in {kind[:-1]} {name(int(i))}" for i, n in where["moved"].items()]
    if where["outside"]:
        now.insert(0, f"{where['outside']:,} still here but in no {kind[:-1]}")
    if where["not_analyzed"]:
        now.append(f"{where['not_analyzed']:,} no longer analyzed")
    return f"{name(cluster)}{label}, {where['posts']:,} posts last run: " + ", ".join(now)


def alarm_rows(spikes: pd.DataFrame, since: pd.Timestamp | None = None) -> pd.DataFrame:
    """The spike alarms (the first period of each run of spikes), from ``since`` on."""
    alarms = spikes[spikes["alarm"].fillna(False).astype(bool)] if len(spikes) else spikes
    if since is not None and len(alarms):
        alarms = alarms[pd.to_datetime(alarms["period_start"], utc=True) >= since]
    return alarms


def merged_into(challenges: pd.DataFrame) -> dict[int, int]:
    """The challenges the team merged into another, and the one each is now part of."""
    if "merged_into" not in challenges:
        return {}
    rows = challenges[challenges["merged_into"].notna()]
    return {int(i): int(str(into).removeprefix("C-"))
            for i, into in zip(rows["challenge_id"], rows["merged_into"])}


def spike_line(row, into: dict[int, int] | None = None) -> str:
    """One sentence for a spike alarm (a row of the spikes table); a challenge merged into
    another (``into``: ``merged_into``) is said as the one the report shows, a card away (review
    15, R15-13: an alert named C-0003, merged into C-0001 and without a card of its own)."""
    what = {"all_posts": "all posts", "complaints": "complaints"}.get(row.scope, row.scope)
    if pd.notna(row.challenge_id):
        merged = (into or {}).get(int(row.challenge_id))
        what = (f"challenge {challenge_name(merged)} (merged here: {challenge_name(row.challenge_id)})"
                if merged is not None else f"challenge {challenge_name(row.challenge_id)}")
    return (f"Spike in {what} from {pd.Timestamp(row.period_start).date()}: "
            f"{int(row.count)} posts against about {row.baseline:.1f} expected.")


def _alerts(challenges: pd.DataFrame, spikes: pd.DataFrame, since: pd.Timestamp | None,
            named: set[int] = frozenset()) -> list[str]:
    """Spikes that began in the recent weeks (older ones were earlier weeks' news), and
    challenges that are new or accelerating, but those a new problem's alert names (``named``)."""
    into = merged_into(challenges)
    lines = [spike_line(row, into) for row in alarm_rows(spikes, since).itertuples(index=False)]
    if "trend" in challenges:
        listed, _ = split_hidden(challenges)  # a hidden or merged challenge raises no alert
        listed = listed[~listed["challenge_id"].isin(list(named))]
        for row in listed[listed["trend"].isin(["new", "accelerating"])].itertuples(index=False):
            lines.append(f"{challenge_name(row.challenge_id)} ({display_name(row)}) is {row.trend}.")
    return lines


def emerging_line(group: dict, challenges: pd.DataFrame | None = None) -> str:
    """One sentence for a group of new feedback posts by several members that no challenge of
    the last fit holds and that is not added as a challenge (``manifest["refit"]["emerging"]``),
    with its quotes; one mostly in a challenge new in this run names it (``challenges``: the
    run's table, for its name)."""
    confirmed = group.get("confirmations") or 0
    posts = f"{group['new_posts']} new posts" + (f" and {confirmed} confirmations" if confirmed else "")
    quotes = "; ".join(f"\u201c{q}\u201d" for q in group.get("quotes", []))
    where = "form a group of their own since the last fit"
    if group.get("challenge_id") is not None:
        cid = group["challenge_id"]
        rows = (challenges[challenges["challenge_id"] == cid] if challenges is not None
                else pd.DataFrame())
        name = f" ({display_name(rows.iloc[0])})" if len(rows) else ""
        where = (f"since the last fit, {group['in_challenge']} of them in challenge "
                 f"{challenge_name(cid)}{name}, new in this run")
    return (f"A new problem may be starting ({group['label']}): {posts} by {group['members']} "
            f"members {where}" + (f": {quotes}." if quotes else "."))


def new_since_last(manifest: dict, challenges: pd.DataFrame) -> dict[int, int]:
    """The posts new since the last run each listed challenge holds (those of the challenges
    merged into it too), for the challenges that hold any."""
    new = manifest.get("changes", {}).get("challenges", {}).get("new_posts") or {}
    by_id = {int(i): n for i, n in new.get("by_id", [])}
    if not by_id:
        return {}
    listed, _ = split_hidden(challenges)
    found = {}
    for row in listed.itertuples(index=False):
        merged = getattr(row, "merged", None)
        merged = [int(i) for i in re.findall(r"\d+", str(merged))] if pd.notna(merged) else []
        n = sum(by_id.get(i, 0) for i in (int(row.challenge_id), *merged))
        if n:
            found[int(row.challenge_id)] = n
    return found


def _fixed_again(manifest: dict, challenges: pd.DataFrame) -> dict[int, str]:
    """The challenges the team marked fixed that hold posts new since the last run (those merged
    into them too), each with its alert: the problem may have come back (review 14, R14-7)."""
    if "curated_status" not in challenges:
        return {}
    new = new_since_last(manifest, challenges)
    fixed = challenges[challenges["curated_status"].eq("fixed").fillna(False)]
    return {int(row.challenge_id): (
        f"{challenge_name(row.challenge_id)} ({display_name(row)}), marked fixed, has "
        f"{n} new post{'s' if n > 1 else ''} since the last run: has it come back?")
        for row in fixed.itertuples(index=False) if (n := new.get(int(row.challenge_id)))}


def _alert_lines(manifest: dict, found, since: pd.Timestamp | None) -> list[str]:
    """Fixed challenges with new posts first (``_fixed_again``), then the new problems' alerts,
    then the spikes' and the challenges' (``_alerts``): a challenge an earlier alert names has no
    line of its own (one problem, one alert)."""
    emerging = manifest.get("refit", {}).get("emerging", [])
    again = _fixed_again(manifest, found.challenges)
    named = {g["challenge_id"] for g in emerging if g.get("challenge_id") is not None} | set(again)
    return [*again.values(), *(emerging_line(g, found.challenges) for g in emerging),
            *_alerts(found.challenges, found.spikes, since, named)]


def _set_aside(manifest: dict) -> pd.DataFrame:
    """The input files the run could not read, and why (the manifest's per-file errors)."""
    rows = [{"file": f["file"], "problem": f["error"], "records not used": f.get("records_dropped", 0)}
            for f in manifest.get("inputs", []) if f.get("error")]
    return pd.DataFrame(rows, columns=["file", "problem", "records not used"])


def summarize(posts: pd.DataFrame, topics: pd.DataFrame, found, manifest: dict) -> Summary:
    analyzed = analyzed_rows(posts, ["feedback_type"])
    by_language = (posts.groupby("lang", dropna=False)
                   .agg(posts=("post_id", "size"), analyzed=("analyzed", "sum"))
                   .reset_index().rename(columns={"lang": "language"}))
    by_language["language"] = by_language["language"].map(lambda c: f"{LANG_NAMES.get(c, c)} ({c})")
    by_source = _by_source(posts)
    skipped = posts["skip_reason"].value_counts().rename_axis("reason").rename("posts").reset_index()
    feedback = (analyzed["feedback_type"].value_counts().rename_axis("feedback type")
                .rename("posts").reset_index())
    times = posts["created_at"].dropna()
    period = (times.min().date().isoformat(), times.max().date().isoformat()) if len(times) else None
    recent = manifest.get("config", {}).get("challenges", {}).get("recent_weeks", 2)
    since = times.max() - pd.Timedelta(weeks=recent) if len(times) else None
    return Summary(len(posts), len(analyzed), len(topics), len(found.challenges), period,
                   by_language, by_source, skipped, feedback, _changes(manifest),
                   _alert_lines(manifest, found, since), found.notes, _set_aside(manifest),
                   manifest.get("curation", {}).get("notes", []))
