"""A quote leads back to its post in the export (review 14 R14-1): its file and id beside it in the
report, the tables and the content feed, and the workbook's sheet of quoted posts."""
from __future__ import annotations

import re

import pandas as pd

from mining.report.html import write_html
from mining.report.markdown import write_markdown
from mining.report.model import report_data
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
    assert any(f"<bdi>{file}</bdi> #{record}" in feed
               for file, record in zip(demo_run.posts["source_file"], demo_run.posts["source_id"]))
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


def _quote_lines(md: str) -> list[str]:
    return [line for line in md.splitlines() if line.lstrip().startswith(">") and " — " in line]


def test_a_run_of_one_file_quotes_its_ids_alone(demo_run, tmp_path):
    """A chat export's name on every quote ("WhatsApp Chat with ועד הורים חצב תשפ״ו.txt #3280",
    dozens of times) said nothing the method section does not: one file, the id alone."""
    posts = demo_run.posts.assign(source_file="WhatsApp Chat with ועד הורים.txt")
    data = report_data(posts, demo_run.topics, demo_run.challenges, demo_run.manifest)
    write_markdown(data, tmp_path / "report.md")
    write_html(data, tmp_path / "report.html")
    lines = _quote_lines((tmp_path / "report.md").read_text(encoding="utf-8"))
    assert lines and all(re.search(r" · \\?#[^ ]+$", line) for line in lines)
    assert not any("ועד הורים" in line for line in lines)
    metas = re.findall(r'<span class="meta" dir="ltr">(.*?)</span>',
                       (tmp_path / "report.html").read_text(encoding="utf-8"))
    assert metas and not any("ועד הורים" in meta for meta in metas)
    assert all(re.search(r" · #[^ <]+", meta) for meta in metas)


def test_a_hebrew_file_name_is_set_apart_from_its_id(demo_run, tmp_path):
    """In a reference wrapped whole, a file name in Hebrew took the id into its right-to-left
    run ("txt #4067.ועד הורים"): the name alone is isolated, the id follows it."""
    hebrew = demo_run.posts["source_file"] == demo_run.posts["source_file"].iloc[0]
    posts = demo_run.posts.assign(source_file=demo_run.posts["source_file"].where(~hebrew, "ועד הורים.txt"))
    data = report_data(posts, demo_run.topics, demo_run.challenges, demo_run.manifest)
    write_html(data, tmp_path / "report.html")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert re.search(r"<bdi>ועד הורים\.txt</bdi> #\w+", html)
    assert not re.search(r"ועד הורים\.txt #", html)
