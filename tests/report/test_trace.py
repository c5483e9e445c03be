"""A quote leads back to its post in the export (review 14 R14-1): its file and id beside it in the
report, the tables and the content feed, and the workbook's sheet of quoted posts."""
from __future__ import annotations

import re

import pandas as pd

from mining.report.tables import read_csv
from mining.report.trace import post_ref


def _refs(posts: pd.DataFrame) -> set[str]:
    return set(map(post_ref, posts["source_file"], posts["source_id"]))


def test_report_quotes_and_phrasings_name_their_file_and_id(demo_run):
    refs = _refs(demo_run.posts)
    md = (demo_run.out / "report.md").read_text(encoding="utf-8")
    shown = [re.sub(r"\\(.)", r"\1", line.rsplit(" · ", 1)[-1]) for line in md.splitlines() if line.lstrip().startswith(">")
             and " — " in line]
    assert shown and all(ref in refs for ref in shown)
    html = (demo_run.out / "report.html").read_text(encoding="utf-8")
    feed = html.split('id="questions"')[1].split("<h2")[0]
    assert any(f"<bdi>{ref}</bdi>" in feed for ref in refs)
    assert "its post's id there" in md


def test_tables_carry_a_reference_beside_each_quote(demo_run):
    refs = _refs(demo_run.posts)
    challenges = read_csv(demo_run.out / "challenges.csv")
    for lang in ("he", "el", "en"):
        for quotes, cell in zip(challenges[f"quotes_{lang}"], challenges[f"quote_refs_{lang}"]):
            if isinstance(quotes, str):
                assert len(cell.split("\n")) == len(quotes.split("\n"))
                assert set(cell.split("\n")) <= refs
    feed = read_csv(demo_run.out / "content_feed.csv")
    said = [r for lang in ("he", "el", "en") for cell in feed[f"phrasing_refs_{lang}"].dropna()
            for r in cell.split("\n")]
    assert said and set(said) <= refs


def test_the_workbook_lists_every_quoted_post(demo_run):
    sheet = pd.read_excel(demo_run.out / "challenges.xlsx", sheet_name="quoted_posts", dtype=str)
    challenges = read_csv(demo_run.out / "challenges.csv")
    quoted = {i for cell in challenges["quote_ids_en"].dropna() for i in cell.split(";")}
    assert quoted <= set(sheet["post_id"])
    assert set(sheet["post_ref"]) <= _refs(demo_run.posts)
    assert sheet["quoted_in"].str.contains("C-").any() and sheet["text"].notna().all()
