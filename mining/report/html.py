"""``report.html``: one self-contained file (styles and images inlined, no network requests).

Sections: summary (what changed, top challenges, alerts), volume, a card per challenge, topics,
recurring questions, community health and KPIs, method. Every text block carries ``dir="auto"``
(or sits in a ``<bdi>``) so Hebrew reads right to left next to Greek and English.
"""
from __future__ import annotations

import base64
import json
from html import escape
from pathlib import Path

import pandas as pd

from mining.report.summary import LANG_NAMES, Summary, challenge_name
from mining.topics.model import LANGS

STYLE = """
body{font-family:"Noto Sans","Noto Sans Hebrew","DejaVu Sans","Arial",sans-serif;margin:2rem auto;
max-width:1200px;padding:0 1rem;color:#222;line-height:1.45}
h1{margin-bottom:.2rem} .lead{color:#555;margin-top:0} nav a{margin-inline-end:1rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem} td,th{border:1px solid #ddd;padding:.3rem .6rem;
text-align:start;vertical-align:top} th{background:#f4f4f4}
.overview{display:flex;gap:2rem;flex-wrap:wrap}
.card{border:1px solid #ddd;border-radius:8px;padding:.8rem 1rem;margin:1rem 0}
.card h3{margin:.1rem 0 .6rem} .size{color:#666;font-weight:normal;font-size:.9em}
.parts td{font-size:.88em} .why{font-size:.85em;color:#555;margin:.2rem 0} .tag{display:inline-block;border-radius:4px;padding:0 .4rem;font-size:.8em;
background:#eee;margin-inline-start:.4rem} .tag.accelerating,.tag.new{background:#fde2e1;color:#a11}
.langs{display:grid;grid-template-columns:repeat(3,1fr);gap:1rem}
.lang h4{margin:.2rem 0;font-size:.95em;color:#444} .kw{font-weight:600}
blockquote{margin:.4rem 0;padding:.2rem .6rem;border-inline-start:3px solid #bbb;background:#fafafa;
font-size:.92em} .meta{display:block;color:#777;font-size:.8em}
.alert{color:#a11} img{max-width:100%} code{font-size:.85em}
"""


def _posts(n: int) -> str:
    return f"{n} post" if n == 1 else f"{n} posts"


def _table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(f"<td><bdi>{escape(_cell(v))}</bdi></td>" for v in row) + "</tr>"
                   for row in frame.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


def _image(path: Path | None, alt: str) -> str:
    if path is None:
        return ""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<img alt="{escape(alt)}" src="data:image/png;base64,{data}">'


def _quotes(texts: str, ids: str, posts: pd.DataFrame) -> str:
    """Quotes with their author (pseudonym), date, source and link when the export has one."""
    out = []
    for text, post_id in zip([t for t in str(texts).split("\n") if t], str(ids).split(";")):
        meta = ""
        if post_id in posts.index:
            post = posts.loc[post_id]
            parts = [str(post["author"]) if pd.notna(post["author"]) else None,
                     post["created_at"].date().isoformat() if pd.notna(post["created_at"]) else None,
                     str(post["source"])]
            meta = " · ".join(escape(p) for p in parts if p)
            if pd.notna(post["url"]) and str(post["url"]).startswith("http"):
                meta += f' · <a href="{escape(str(post["url"]))}">link</a>'
        out.append(f'<blockquote dir="auto">{escape(text)}<span class="meta" dir="ltr">{meta}'
                   f"</span></blockquote>")
    return "".join(out)


def _languages(row, posts: pd.DataFrame) -> str:
    cells = []
    for lang in LANGS:
        n = int(getattr(row, f"n_{lang}") or 0)
        if not n:
            cells.append(f'<div class="lang"><h4>{LANG_NAMES[lang]}</h4><p>—</p></div>')
            continue
        cells.append(
            f'<div class="lang" lang="{lang}"><h4>{LANG_NAMES[lang]} · {_posts(n)}</h4>'
            f'<p class="kw" dir="auto">{escape(str(getattr(row, f"keywords_{lang}") or ""))}</p>'
            f'{_quotes(getattr(row, f"quotes_{lang}") or "", getattr(row, f"quote_ids_{lang}") or "", posts)}'
            "</div>")
    return f'<div class="langs">{"".join(cells)}</div>'


PARTS = ["priority_volume", "priority_authors", "priority_negativity", "priority_growth",
         "priority_engagement"]


def _challenge(row, posts: pd.DataFrame) -> str:
    trend = getattr(row, "trend")
    tag = f'<span class="tag {escape(str(trend))}">{escape(str(trend))}</span>' if pd.notna(trend) else ""
    parts = pd.DataFrame([{p.removeprefix("priority_"): getattr(row, p) for p in PARTS}])
    facts = pd.DataFrame([{
        "posts": row.n_posts, "complaints / questions / requests":
            f"{row.n_complaint} / {row.n_question} / {row.n_request}",
        "authors": row.unique_authors if pd.notna(row.unique_authors) else "not known",
        "first seen": _date(row.first_seen),
        "last seen": _date(row.last_seen), "answered": _share(row.share_answered),
        "median first response (h)": row.median_response_hours, "negative": _share(row.negativity),
        "growth": _share(row.growth), "channels": row.by_channel}])
    # <bdi> keeps a Hebrew label from turning the id and the numbers around it right to left.
    return (f'<section class="card" id="{challenge_name(row.challenge_id)}"><h3>'
            f'{challenge_name(row.challenge_id)} · <bdi>{escape(str(row.label))}</bdi> '
            f'<span class="size">priority {row.priority:.2f}</span>{tag}</h3>'
            f'<div class="parts">{_table(parts)}<p class="why">{escape(str(row.priority_explained))}'
            f'</p></div>{_table(facts)}{_languages(row, posts)}</section>')


def _topic(row, posts: pd.DataFrame) -> str:
    return (f'<section class="card" id="topic-{row.topic_id}"><h3>{row.topic_id}. '
            f'<bdi>{escape(str(row.label))}</bdi> <span class="size">{_posts(row.size)} · '
            f'{row.share:.1%} · {escape(str(row.status))}</span></h3>{_languages(row, posts)}</section>')


def _date(value) -> str:
    return pd.Timestamp(value).date().isoformat() if pd.notna(value) else "—"


def _share(value) -> str:
    return f"{value:.0%}" if pd.notna(value) else "—"


def _feed(feed: pd.DataFrame) -> str:
    if feed.empty:
        return "<p>No recurring questions.</p>"
    rows = []
    for row in feed.itertuples(index=False):
        phrasings = "".join(
            f'<blockquote dir="auto">{escape(p)}</blockquote>'
            for lang in LANGS for p in str(getattr(row, f"phrasings_{lang}") or "").split("\n") if p)
        rows.append(f'<section class="card"><h3><bdi>{escape(str(row.label))}</bdi> '
                    f'<span class="size">asked {row.n_questions} times · '
                    f'{escape(str(row.answered_status))}</span></h3>{phrasings}</section>')
    return "".join(rows)


def write_html(summary: Summary, posts: pd.DataFrame, topics: pd.DataFrame, found,
               config: dict, charts: dict[str, Path | None], path: Path, explorer: str = "") -> None:
    by_id = posts.drop_duplicates("post_id").set_index("post_id")
    period = f" · {summary.period[0]} to {summary.period[1]}" if summary.period else ""
    top = found.challenges.head(5)
    parts = [
        "<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Community feedback report</title><style>{STYLE}</style></head><body>",
        "<h1>Community feedback report</h1>",
        f'<p class="lead">{summary.posts} posts · {summary.analyzed} analyzed · '
        f"{summary.challenges} challenges · {summary.topics} topics{period}</p>",
        '<nav><a href="#summary">Summary</a><a href="#explorer">Explore the posts</a>'
        '<a href="#challenges">Challenges</a>'
        '<a href="#topics">Topics</a><a href="#questions">Recurring questions</a>'
        '<a href="#community">Community and KPIs</a><a href="#method">Method</a></nav>',
        ('<h2 id="set-aside" class="alert">Inputs set aside</h2><p>These files could not be '
         f"read; nothing of them is in this report.</p>{_table(summary.set_aside)}")
        if len(summary.set_aside) else "",
        '<h2 id="summary">Summary</h2><h3>What changed since the last run</h3><ul>',
        *(f"<li>{escape(line)}</li>" for line in summary.changes), "</ul>",
        "<h3>Alerts (recent weeks)</h3>",
        ("<ul>" + "".join(f'<li class="alert">{escape(a)}</li>' for a in summary.alerts) + "</ul>")
        if summary.alerts else "<p>No recent spike and no new or accelerating challenge.</p>",
        ("<h3>Spikes in the whole period</h3><ul>"
         + "".join(f"<li>{escape(a)}</li>" for a in summary.spikes) + "</ul>") if summary.spikes else "",
        "<h3>Top challenges</h3>",
        _table(pd.DataFrame({
            "id": top["challenge_id"].map(challenge_name), "challenge": top["label"],
            "priority": top["priority"].round(2), "posts": top["n_posts"],
            "trend": top.get("trend", pd.Series(dtype="string"))}))
        if len(top) else "<p>No challenges were found.</p>",
        _image(charts.get("volume"), "Volume by language"),
        explorer,
        '<h2 id="challenges">Challenges</h2>',
        "<p>Clusters of complaints, questions and requests, highest priority first. Priority is the "
        "weighted mean of the five parts shown (each 0-1): volume, unique authors, negativity, "
        "growth against the trailing weeks, and engagement.</p>",
        _image(charts.get("trends"), "Challenges by week"),
        *(_challenge(row, by_id) for row in found.challenges.itertuples(index=False)),
        '<h2 id="topics">Topics</h2>',
        _image(charts.get("sizes"), "Topic sizes by language"),
        _image(charts.get("map"), "Topic map"),
        *(_topic(row, by_id) for row in topics.itertuples(index=False)),
        '<h2 id="questions">Recurring questions</h2>',
        "<p>Questions asked again and again, with their phrasings per language: ideas for FAQ "
        "entries and content.</p>", _feed(found.content_feed),
        '<h2 id="community">Community health and KPIs</h2>',
        _table(found.community_health) if len(found.community_health) else "",
        "<h3>Most helpful members</h3>",
        _table(found.helpful_members) if len(found.helpful_members) else "<p>—</p>",
        "<h3>KPIs</h3>", _table(found.kpis) if len(found.kpis) else "<p>—</p>",
        '<h2 id="method">Method</h2>',
        '<div class="overview">',
        f"<div><h3>Languages</h3>{_table(summary.by_language)}</div>",
        f"<div><h3>Sources</h3>{_table(summary.by_source)}</div>",
        f"<div><h3>Not analyzed</h3>{_table(summary.skipped)}</div>" if len(summary.skipped) else "",
        f"<div><h3>Feedback types</h3>{_table(summary.feedback)}</div>", "</div>",
        "<p>Posts are normalized (NFC, direction marks removed), their language detected, and "
        "system lines, media placeholders, emoji-only and one-word posts and exact duplicates set "
        f"aside (kept in posts.parquet). Embeddings: {escape(str(summary.embedding.get('model', '')))} "
        f"({summary.embedding.get('computed', 0)} computed, {summary.embedding.get('cached', 0)} "
        "from cache), each language's offset removed. Topics and challenges: BERTopic (UMAP + "
        "HDBSCAN) with keywords counted per language. Feedback types and sentiment: a head on the "
        "embeddings trained on English examples, with per-language cue lexicons.</p>",
    ]
    if summary.topics_note:
        parts.append(f"<p><strong>Topics were not computed:</strong> {escape(summary.topics_note)}.</p>")
    if summary.notes:
        parts.append("<h3>Signals not computed</h3>" + _table(pd.DataFrame(
            {"signal": list(summary.notes), "why": list(summary.notes.values())})))
    parts.append("<h3>Settings</h3><pre><code>"
                 + escape(json.dumps(config, ensure_ascii=False, indent=1)) + "</code></pre>")
    parts.append("</body></html>")
    path.write_text("\n".join(p for p in parts if p), encoding="utf-8")
