"""``report.md``: the report as Markdown, for a wiki or a pull request, rendered from
``templates/report.md``.

Every value the template prints (texts from posts, file names, settings) goes through
``escape_markdown``, so that no post can add HTML, a link or an image to the rendered report.
"""
from __future__ import annotations

import re
from pathlib import Path

from mining.report.model import ReportData
from mining.report.render import render
from mining.report.safe import clean_text


# Characters that start Markdown inline syntax anywhere in a line: links and images, raw HTML
# and autolinks, entities, code, emphasis, table cells, strikethrough and math. An underscore
# between two letters or digits opens no emphasis in CommonMark (``active_members``).
_INLINE = re.compile(r"([\\`*\[\]<>&|~$]|(?<![^\W_])_|_(?![^\W_]))")
_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?%?")  # a figure, which nothing can make markup
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
    text = _LINE_BREAK.sub(" ", clean_text(str(text))).strip()
    if _NUMBER.fullmatch(text):
        return text
    parts, start = [], 0
    for address in _ADDRESS.finditer(text):
        parts += [_INLINE.sub(r"\\\1", text[start:address.start()]), f"`{address.group()}`"]
        start = address.end()
    escaped = "".join(parts) + _INLINE.sub(r"\\\1", text[start:])
    return _ORDERED_START.sub(r"\1\\\2", _BLOCK_START.sub(r"\\\1", escaped))


def write_markdown(data: ReportData, path: Path) -> None:
    """Write ``report.md`` for ``data``: the template ``templates/report.md``, every value in it
    escaped by ``escape_markdown``; charts are linked by file name (they sit beside it)."""
    path.write_text(render("report.md", data=data, charts=data.charts), encoding="utf-8")
