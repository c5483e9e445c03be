"""``report.html``: one self-contained file (styles and images inlined, no network requests),
rendered from ``templates/report.html`` with HTML autoescaping.

Sections: summary (what changed, top challenges, alerts), volume, the explorer, a card per
challenge (or, with no challenges, the feedback by type), topics, recurring questions, community
health and KPIs, method. Every text block carries its language's direction where the language is
known (a card's column, an explorer post), else ``dir="auto"`` (or sits in a ``<bdi>``), so Hebrew
reads right to left next to Greek and English. A Content-Security-Policy allows the explorer's own
script (by its hash) and nothing else: no other script, no network request.
"""
from __future__ import annotations

from pathlib import Path

from mining.report.explorer import explorer_script_hash
from mining.report.model import ReportData
from mining.report.render import render

STYLE = """
body{font-family:"Noto Sans","Noto Sans Hebrew","DejaVu Sans","Arial",sans-serif;margin:2rem auto;
max-width:1200px;padding:0 1rem;color:#222;line-height:1.45}
h1{margin-bottom:.2rem} .lead{color:#555;margin-top:0} nav a{margin-inline-end:1rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem} td,th{border:1px solid #ddd;padding:.3rem .6rem;
text-align:start;vertical-align:top} th{background:#f4f4f4}
.overview{display:flex;gap:2rem;flex-wrap:wrap}
.card,.group{border:1px solid #ddd;border-radius:8px;padding:.8rem 1rem;margin:1rem 0}
.card h3,.group h3{margin:.1rem 0 .6rem} .size{color:#666;font-weight:normal;font-size:.9em}
.parts td{font-size:.88em} .tag{display:inline-block;border-radius:4px;padding:0 .4rem;font-size:.8em;
background:#eee;margin-inline-start:.4rem} .tag.accelerating,.tag.new,.tag.spiking{background:#fde2e1;color:#a11}
.tag.rising{background:#fff1d6;color:#7a4a00}
.langs{display:grid;grid-template-columns:repeat(3,1fr);gap:1rem} .langs-2{grid-template-columns:repeat(2,1fr)}
.langs-1{grid-template-columns:1fr}
.lang h4{margin:.2rem 0;font-size:.95em;color:#444} .kw{font-weight:600}
blockquote{margin:.4rem 0;padding:.2rem .6rem;border-inline-start:3px solid #bbb;background:#fafafa;
font-size:.92em} .meta{display:block;color:#777;font-size:.8em}
.alert{color:#a11} img{max-width:100%} code{font-size:.85em} .note{color:#555;font-size:.9em}
.why{font-weight:600} .method li{margin:.3rem 0}
"""


def content_security_policy(data: ReportData) -> str:
    """No network, no plugin, no form; scripts: only the explorer's own (by hash)."""
    scripts = explorer_script_hash() if data.explorer else "'none'"
    return ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            f"script-src {scripts}; base-uri 'none'; form-action 'none'")


def write_html(data: ReportData, path: Path) -> None:
    """Write ``report.html`` for ``data`` (chart paths in ``data.charts`` are inlined)."""
    html = render("report.html", data=data, charts=data.charts, style=STYLE,
                  csp=content_security_policy(data))
    path.write_text(html, encoding="utf-8")
