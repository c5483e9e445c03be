"""The Jinja2 environments of the reports: ``report.html`` with HTML autoescaping, ``report.md``
with every printed value passed through ``escape_markdown`` (the same rule, for Markdown: what
is not marked safe is escaped). Both share the filters that format numbers, so the two files
write them alike.

Example:
    >>> render("report.md", data=report_data(...), charts={})   # doctest: +SKIP
"""
from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from mining.report.safe import clean_text


# The number filters write digits and fixed words only: marked safe, they print as they are in
# both files (escape_markdown would write "0.73" as "0\.73").
def _many(n: int, word: str) -> Markup:
    """``n`` and ``word``, plural unless one: ``1 challenge``, ``3 challenges``."""
    return Markup(f"{n:,} {word}" if n == 1 else f"{n:,} {word}s")


def _posts(n: int) -> Markup:
    return _many(n, "post")


def _share(value: float | None) -> Markup:
    return Markup("—" if value is None else f"{value:.0%}")


def _part(value: float | None) -> Markup:
    """A 0-1 score with two decimals (a priority or one of its parts)."""
    return Markup("—" if value is None else f"{value:.2f}")


def _fixed1(value: float) -> Markup:
    return Markup(f"{value:.1f}")


def _number(value: int | None) -> Markup:
    return Markup("—" if value is None else f"{value:,}")


def _data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _markdown_value(value) -> Markup:
    """A value printed in ``report.md``: Markdown already (``Markup``: a macro's output, a chart's
    file name) as it is, anything else escaped by ``escape_markdown``. The environment's
    autoescaping then leaves it alone (it is ``Markup``), so only this rule applies."""
    from mining.report.markdown import escape_markdown

    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup(escape_markdown(value))


def _html_value(value):
    """A value printed in ``report.html``: text without control characters (a file or column
    name, a post), then escaped by the environment; markup the templates made as it is."""
    from mining.report.safe import clean_text

    if isinstance(value, str) and not isinstance(value, Markup):
        return clean_text(value)
    return value


QUOTED = re.compile("\u201c(.+?)\u201d")
NAMED = re.compile(r"\(([^()]+)\)")  # a label in parentheses, outside the quotes


def _isolated(value: str) -> Markup:
    """A sentence of ``report.html`` with each “quote” and each (label) in it isolated
    (``<bdi>``): a Hebrew quote or label in an English alert keeps its words in order and its
    marks around it, where the bidi algorithm scattered them (review 12, R12-12)."""
    parts = QUOTED.split(str(escape(clean_text(str(value)))))
    return Markup("".join(f"\u201c<bdi>{part}</bdi>\u201d" if i % 2
                          else NAMED.sub(r"(<bdi>\1</bdi>)", part) for i, part in enumerate(parts)))


@cache
def environment(kind: str) -> Environment:
    """The environment of ``report.html`` (``kind="html"``) or ``report.md`` (``"md"``)."""
    if kind == "html":
        env = Environment(loader=PackageLoader("mining.report"), autoescape=True,
                          finalize=_html_value, undefined=StrictUndefined, trim_blocks=True,
                          lstrip_blocks=True)
        env.filters.update(data_uri=_data_uri, isolated=_isolated)
    else:
        env = Environment(loader=PackageLoader("mining.report"), autoescape=True,
                          finalize=_markdown_value, undefined=StrictUndefined,
                          trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        env.filters["md"] = Markup
    env.filters.update(many=_many, posts=_posts, share=_share, part=_part, number=_number, fixed1=_fixed1)
    return env


def render(template: str, **context) -> str:
    """``template`` (``report.html`` or ``report.md``) rendered with ``context``."""
    kind = "html" if template.endswith(".html") else "md"
    return environment(kind).get_template(template).render(**context)
