"""Tracing a quote back to its post in the export (review 14 R14-1): a product manager reading
"the app logs me out" under a challenge goes to ticket 88012 in the helpdesk, not to a hash.

A post's reference is its file and its id there, ``zendesk_tickets.csv #88012``: the export's id
column where the file has one (a ticket, message or comment id), otherwise the record's number in
the file (a table's row below its header, a text file's line, a WhatsApp chat's message number),
as the file's ``record_ids`` note in the manifest says. The written tables carry the references
beside their quotes (``quote_refs_<lang>``, ``phrasing_refs_<lang>``, one a line as the quotes),
and the workbook a sheet of the quoted posts.

Example:
    >>> post_ref("zendesk_tickets.csv", "88012")
    'zendesk_tickets.csv #88012'
"""
from __future__ import annotations

import pandas as pd

from mining.curation.decisions import shown_id
from mining.lang import LANGS

# The columns of post ids in each written table, and the column of references each gets
QUOTED = {"challenges": ("quote_ids", "quote_refs"), "topics": ("quote_ids", "quote_refs"),
          "content_feed": ("phrasing_ids", "phrasing_refs")}
WHERE = {"challenges": ("challenge_id", lambda v: shown_id("challenges", int(v))),
         "topics": ("topic_id", lambda v: f"topic {int(v)}"),
         "content_feed": ("question_group_id", lambda v: f"question group {int(v)}")}


def post_ref(source_file, source_id) -> str:
    """The file and the id in it a reader looks a post up by."""
    return f"{source_file} #{source_id}"


def _refs(posts: pd.DataFrame) -> dict[str, str]:
    """Post id -> reference, for every post of ``posts``."""
    return dict(zip(posts["post_id"].astype(str),
                    map(post_ref, posts["source_file"], posts["source_id"])))


def _ids(cell) -> list[str]:
    return [i for i in str(cell).split(";") if i] if isinstance(cell, str) else []


def traced_tables(tables: dict[str, pd.DataFrame], posts: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """``tables`` with a references column beside each column of quoted post ids."""
    refs = _refs(posts)
    out = dict(tables)
    for name, (ids, shown) in QUOTED.items():
        if name in out:
            out[name] = out[name].assign(**{
                f"{shown}_{lang}": out[name][f"{ids}_{lang}"].map(
                    lambda cell: "\n".join(refs.get(i, "") for i in _ids(cell)))
                for lang in LANGS})
    return out


def quoted_posts(tables: dict[str, pd.DataFrame], posts: pd.DataFrame) -> pd.DataFrame:
    """One row per post a table quotes: where it is quoted, its file and id there, time, author
    and text (the workbook's ``quoted_posts`` sheet)."""
    where: dict[str, list[str]] = {}
    for name, (ids, _) in QUOTED.items():
        key, shown = WHERE[name]
        for row in tables.get(name, pd.DataFrame()).to_dict("records"):
            for lang in LANGS:
                for post_id in _ids(row.get(f"{ids}_{lang}")):
                    where.setdefault(post_id, []).append(shown(row[key]))
    quoted = posts[posts["post_id"].astype(str).isin(where)].drop_duplicates("post_id")
    return pd.DataFrame({
        "post_ref": list(map(post_ref, quoted["source_file"], quoted["source_id"])),
        "quoted_in": [", ".join(dict.fromkeys(where[str(i)])) for i in quoted["post_id"]],
        "source_file": quoted["source_file"].astype(str), "source_id": quoted["source_id"].astype(str),
        "created_at": quoted["created_at"], "author": quoted["author"], "text": quoted["text"],
        "post_id": quoted["post_id"].astype(str)}).reset_index(drop=True)
