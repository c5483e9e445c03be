"""The pieces a report is made of: tables of formatted cells, quotes with their author, date and
source, and a card's column per language.

Example:
    >>> table(pd.DataFrame({"language": ["Hebrew (he)"], "share": [0.25]})).rows
    [['Hebrew (he)', '0.25']]
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from mining.report.charts import time_bins
from mining.report.explorer.data import safe_link
from mining.report.summary import LANG_NAMES
from mining.report.trace import post_ref
from mining.schema import analyzed_rows


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]  # cells formatted for reading; "—" where a value is missing


def table(frame: pd.DataFrame) -> Table | None:
    """``frame`` with its cells formatted (counts whole, with thousands separators; other numbers
    to 3 significant digits); None when empty."""
    if frame.empty:
        return None
    return Table([str(c) for c in frame.columns],
                 [[_cell(v) for v in row] for row in frame.itertuples(index=False)])


def _cell(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    if isinstance(value, float):  # a count in a float column read "2.69e+03" (review 15, R15-16)
        return f"{value:,.0f}" if value.is_integer() or abs(value) >= 1000 else f"{value:.3g}"
    return str(value)


@dataclass
class Quote:
    text: str
    meta: str  # author pseudonym · date ("" when the post is not found)
    link: str | None  # the post's http(s) address, when the export has one
    file: str = ""  # its file and its id there (``mining.report.trace``), "" when not found
    record: str = ""

    def ref(self, one_file: bool) -> str:
        """Its reference as the report shows it: the id alone when every post of the run is
        from one file (naming it on every quote says nothing; the method section names it)."""
        if not self.record:
            return ""
        return f"#{self.record}" if one_file else post_ref(self.file, self.record)


def quote(text: str, post_id: str, posts: pd.DataFrame) -> Quote:
    """A quote with what is known of its post (``posts`` indexed by ``post_id``)."""
    if post_id not in posts.index:
        return Quote(text, "", None)
    post = posts.loc[post_id]
    parts = [str(post["author"]) if pd.notna(post["author"]) else None,
             post["created_at"].date().isoformat() if pd.notna(post["created_at"]) else None]
    return Quote(text, " · ".join(p for p in parts if p), safe_link(post["url"]),
                 *(str(post[c]) if pd.notna(post[c]) else "" for c in ("source_file", "source_id")))


def quotes(texts, ids, posts: pd.DataFrame) -> list[Quote]:
    """The quotes of a table cell (one a line) with their ids (``;``-separated)."""
    lines = [t for t in str(texts or "").split("\n") if t]
    return [quote(text, post_id, posts) for text, post_id in zip(lines, str(ids or "").split(";"))]


@dataclass
class LangColumn:
    code: str
    name: str
    n: int
    keywords: str
    quotes: list[Quote]
    few: bool = False  # a minority of the card's posts (``MINORITY_SHARE``), said beside its name


# A language with less than this share of a card's posts is a minority there: its column comes
# after the card's main language, marked, and quotes nothing when the main language quotes
# nothing (review 14 R14-11: three Greek posts were the first quotes of a Hebrew topic).
MINORITY_SHARE = 0.2


def language_columns(row, posts: pd.DataFrame, langs: list[str]) -> list[LangColumn]:
    """A challenge's or topic's keywords and quotes in each language of the run (a language the
    run has no posts in gets no column), the language with most posts first."""
    columns = sorted((LangColumn(lang, LANG_NAMES[lang], int(getattr(row, f"n_{lang}") or 0),
                                 str(getattr(row, f"keywords_{lang}") or ""),
                                 quotes(getattr(row, f"quotes_{lang}"),
                                        getattr(row, f"quote_ids_{lang}"), posts))
                      for lang in langs), key=lambda c: -c.n)
    total = sum(c.n for c in columns)
    for column in columns[1:]:
        column.few = column.n < MINORITY_SHARE * total
        if column.few and not columns[0].quotes:
            column.quotes = []
    return columns


def chart_notes(posts: pd.DataFrame) -> list[str]:
    """Sentences for the time charts: the analyzed posts without a time, and those far from the
    others in time (``TimeBins.stray_note``), which they do not draw."""
    analyzed = analyzed_rows(posts, ["created_at"])
    untimed = int(analyzed["created_at"].isna().sum())
    if untimed == len(analyzed):
        return [f"None of the {untimed:,} analyzed posts has a time: there is no chart over time."
                ] if untimed else []
    notes = [f"{untimed:,} of the {len(analyzed):,} analyzed posts have no time and are not in the "
             "charts over time."] if untimed else []
    stray = time_bins(analyzed["created_at"].dropna()).stray_note
    return notes + ([stray] if stray else [])
