"""Plain text of HTML: Discourse's ``cooked`` posts, and the bodies of helpdesk tickets exported
as HTML (Zendesk, Freshdesk, Intercom: ``<p>...</p><p>Sent from my iPhone</p>``), whose tags and
wrappers would otherwise be read as words, and would group posts by e-mail template (review 12,
R12-25). Paragraphs stay apart, a line per list item or ``<br>``, entities decoded; scripts,
styles, quotes of another post and link previews are left out.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

# A text that holds one of these elements' tags is HTML (a "<3" or "a < b" is not).
HTML_TAG = re.compile(r"</?(?:p|div|br|span|a|li|ul|ol|table|tr|td|b|i|u|strong|em|blockquote"
                      r"|h[1-6]|img|font|pre|hr)\b[^<>]*>", re.IGNORECASE)

# Elements set apart by a blank line, and elements that start a new line.
_PARAGRAPHS = {"p", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table",
               "hr", "aside", "details", "figure"}
_LINES = {"br", "li", "tr", "div", "summary"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "col", "embed"}


class _PlainText(HTMLParser):
    """Collects the visible text of HTML, paragraphs and lines kept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0  # depth inside an element left out
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        if self.skipping:
            self.skipping += tag not in _VOID
            return
        # Quotes repeat another post (the reply link already says which); oneboxes repeat a linked
        # page; a lightbox's "meta" is the image's file name and size.
        if (tag in ("script", "style") or (tag == "aside" and classes & {"quote", "onebox"})
                or (tag == "div" and "meta" in classes)):
            self.skipping = 1
            return
        if tag == "img" and "emoji" in classes:
            self.parts.append(attributes.get("alt") or "")
        if tag == "pre":
            self.pre += 1
        if tag in _PARAGRAPHS or tag in _LINES:
            self.parts.append("\n\n" if tag in _PARAGRAPHS else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self.skipping:
            self.skipping -= 1
            return
        if tag == "pre":
            self.pre -= 1
        if tag in _PARAGRAPHS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data if self.pre else re.sub(r"\s+", " ", data))


def html_to_text(cooked: str) -> str:
    """Plain text of a post's HTML: paragraphs apart, a line per list item, entities decoded.

    Example:
        >>> html_to_text("<p>Hello &amp; welcome</p><ul><li>one</li><li>two</li></ul>")
        'Hello & welcome\\n\\none\\ntwo'
    """
    parser = _PlainText()
    parser.feed(cooked)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
