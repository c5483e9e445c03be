"""``report.md``: the summary and the challenge list as Markdown, for a wiki or a pull request.

Every text that comes from posts, file names or settings goes through ``escape_markdown``, so that
no post can add HTML, a link or an image to the rendered report.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from mining.report.summary import LANG_NAMES, Summary, challenge_name
from mining.topics.model import LANGS


# Characters that start Markdown inline syntax anywhere in a line: links and images, raw HTML
# and autolinks, entities, code, emphasis, table cells, strikethrough and math.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~$])")
# What starts a block at the beginning of a line: headings, lists, thematic breaks, setext
# underlines; and ordered lists ("1." "1)").
_BLOCK_START = re.compile(r"^([#+=-])")
_ORDERED_START = re.compile(r"^(\d+)([.)])")
# Bare addresses, which GitHub-flavoured renderers turn into links: shown as code instead.
_ADDRESS = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s`<>\"']*[^\s`<>\"'.,;:!?)\]]",
                      re.IGNORECASE)
_LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")


def escape_markdown(text: object) -> str:
    r"""``text`` as literal Markdown on one line: any CommonMark viewer shows it as written, and
    it adds no HTML, link or image.

    Example:
        >>> escape_markdown("[win](javascript:alert(1)) <b>now</b>")
        '\\[win\\](javascript:alert(1)) \\<b\\>now\\</b\\>'
    """
    text = _LINE_BREAK.sub(" ", str(text)).strip()
    parts, start = [], 0
    for address in _ADDRESS.finditer(text):
        parts += [_INLINE.sub(r"\\\1", text[start:address.start()]), f"`{address.group()}`"]
        start = address.end()
    escaped = "".join(parts) + _INLINE.sub(r"\\\1", text[start:])
    return _ORDERED_START.sub(r"\1\\\2", _BLOCK_START.sub(r"\\\1", escaped))


def _table(frame: pd.DataFrame) -> str:
    header = "| " + " | ".join(map(escape_markdown, frame.columns)) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join(map(escape_markdown, row)) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


def _items(texts) -> list[str]:
    """A bullet list of texts, each escaped; "None." for no text."""
    return [f"- {escape_markdown(t)}" for t in texts] or ["- None."]


def write_markdown(summary: Summary, topics: pd.DataFrame, found, path: Path,
                   charts: dict[str, Path | None]) -> None:
    period = f" from {summary.period[0]} to {summary.period[1]}" if summary.period else ""
    lines = ["# Community feedback report", "",
             f"{summary.posts} posts{period}; {summary.analyzed} analyzed; {summary.challenges} "
             f"challenges; {summary.topics} topics.", "", *_set_aside(summary),
             "## What changed since the last run", "", *_items(summary.changes), "",
             "## Alerts (recent weeks)", "", *_items(summary.alerts), "",
             "## Spikes in the whole period", "", *_items(summary.spikes), ""]
    if charts.get("volume"):
        lines += [f"![Volume by language]({charts['volume'].name})", ""]
    lines += ["## Challenges", ""]
    for row in found.challenges.itertuples(index=False):
        lines += [f"### {challenge_name(row.challenge_id)} · {escape_markdown(row.label)}", "",
                  f"Priority {row.priority:.2f} ({escape_markdown(row.priority_explained)}); "
                  f"{row.n_posts} posts, trend {row.trend}.", ""]
        for lang in LANGS:
            if getattr(row, f"n_{lang}"):
                lines.append(f"- **{LANG_NAMES[lang]}** ({getattr(row, f'n_{lang}')}): "
                             f"{escape_markdown(getattr(row, f'keywords_{lang}'))}")
                lines += [f"  > {escape_markdown(q)}"
                          for q in str(getattr(row, f"quotes_{lang}") or "").split("\n") if q.strip()]
        lines.append("")
    lines += ["## Topics", "", _table(topics[["topic_id", "status", "label", "size"]]), "",
              "## Recurring questions", ""]
    lines += _items(f"{r.label} (asked {r.n_questions} times, {r.answered_status})"
                    for r in found.content_feed.itertuples(index=False))
    lines += ["", "## Languages", "", _table(summary.by_language), "",
              "## Not analyzed (kept in posts.parquet)", "", _table(summary.skipped), ""]
    if summary.notes:
        lines += ["## Signals not computed", "", *_items(f"{k}: {v}" for k, v in summary.notes.items()),
                  ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def _set_aside(summary: Summary) -> list[str]:
    if summary.set_aside.empty:
        return []
    return ["## Inputs set aside", "", "These files could not be read; nothing of them is in this "
            "report.", "", _table(summary.set_aside), ""]

