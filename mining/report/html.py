"""``report.html``: one self-contained file (styles and images inlined, no network requests).

Every text block carries ``dir="auto"`` so Hebrew reads right to left next to Greek and English.
"""
from __future__ import annotations

import base64
from html import escape
from pathlib import Path

import pandas as pd

from mining.report.summary import LANG_NAMES, Summary
from mining.topics.model import LANGS

STYLE = """
body{font-family:"Noto Sans","Noto Sans Hebrew","DejaVu Sans","Arial",sans-serif;margin:2rem auto;
max-width:1200px;padding:0 1rem;color:#222;line-height:1.45}
h1{margin-bottom:.2rem} .lead{color:#555;margin-top:0}
table{border-collapse:collapse;margin:.5rem 0 1.5rem} td,th{border:1px solid #ddd;padding:.3rem .6rem;
text-align:start} th{background:#f4f4f4}
.overview{display:flex;gap:2rem;flex-wrap:wrap}
.topic{border:1px solid #ddd;border-radius:8px;padding:.8rem 1rem;margin:1rem 0}
.topic h3{margin:.1rem 0 .6rem} .size{color:#666;font-weight:normal;font-size:.9em}
.langs{display:grid;grid-template-columns:repeat(3,1fr);gap:1rem}
.lang h4{margin:.2rem 0;font-size:.95em;color:#444} .kw{font-weight:600}
blockquote{margin:.4rem 0;padding:.2rem .6rem;border-inline-start:3px solid #bbb;background:#fafafa;
font-size:.92em}
img{max-width:100%}
"""


def _posts(n: int) -> str:
    return f"{n} post" if n == 1 else f"{n} posts"


def _table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(f"<td><bdi>{escape(str(v))}</bdi></td>" for v in row) + "</tr>"
                   for row in frame.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _topic(topic) -> str:
    cells = []
    for lang in LANGS:
        n = getattr(topic, f"n_{lang}")
        if not n:
            cells.append(f'<div class="lang"><h4>{LANG_NAMES[lang]}</h4><p>—</p></div>')
            continue
        quotes = "".join(f'<blockquote dir="auto">{escape(q)}</blockquote>'
                         for q in getattr(topic, f"quotes_{lang}").split("\n") if q)
        cells.append(
            f'<div class="lang" lang="{lang}"><h4>{LANG_NAMES[lang]} · {_posts(n)}</h4>'
            f'<p class="kw" dir="auto">{escape(getattr(topic, f"keywords_{lang}"))}</p>{quotes}</div>')
    # <bdi> keeps a Hebrew label from turning the number and the size around it right to left.
    return (f'<section class="topic" id="topic-{topic.topic_id}"><h3>{topic.topic_id}. '
            f'<bdi>{escape(topic.label)}</bdi> <span class="size">{_posts(topic.size)} · '
            f'{topic.share:.1%}</span></h3><div class="langs">{"".join(cells)}</div></section>')


def write_html(summary: Summary, topics: pd.DataFrame, path: Path, chart: Path | None) -> None:
    period = f" · {summary.period[0]} to {summary.period[1]}" if summary.period else ""
    outliers = f" · {summary.outlier_share:.0%} outliers" if summary.outlier_share is not None else ""
    parts = [
        "<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Community feedback report</title><style>{STYLE}</style></head><body>",
        "<h1>Community feedback report</h1>",
        f'<p class="lead">{summary.posts} posts · {summary.analyzed} analyzed · '
        f"{summary.topics} topics{outliers}{period}</p>",
    ]
    if summary.topics_note:
        parts.append(f"<p><strong>Topics were not computed:</strong> {escape(summary.topics_note)}.</p>")
    parts += ['<h2>Overview</h2><div class="overview">',
              f"<div><h3>Languages</h3>{_table(summary.by_language)}</div>",
              f"<div><h3>Sources</h3>{_table(summary.by_source)}</div>"]
    if not summary.skipped.empty:
        parts.append(f"<div><h3>Not analyzed</h3>{_table(summary.skipped)}</div>")
    parts.append("</div>")
    if chart is not None:
        data = base64.b64encode(chart.read_bytes()).decode("ascii")
        parts.append(f'<img alt="Topic sizes by language" src="data:image/png;base64,{data}">')
    parts.append("<h2>Topics</h2>")
    parts += [_topic(t) for t in topics.itertuples(index=False)]
    embedding = summary.embedding
    parts.append(
        "<h2>Method</h2><p>Posts are normalized (NFC, direction marks removed), their language "
        "detected, and system lines, media placeholders, emoji-only and one-word posts and exact "
        f"duplicates set aside. Embeddings: {escape(str(embedding.get('model', '')))} "
        f"({embedding.get('computed', 0)} computed, {embedding.get('cached', 0)} from cache), with "
        "each language's offset removed; topics: BERTopic (UMAP + HDBSCAN) with keywords counted "
        "per language.</p></body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")
