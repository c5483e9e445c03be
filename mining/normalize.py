"""Text normalization for analysis; the original text is always kept beside it.

``clean_text`` is what embeddings and display use: HTML character references decoded (tweets and
exports of web pages write ``&amp;`` for ``&``), NFC, no bidi controls or zero-width marks,
ordinary spaces, folded whitespace. ``fold_text`` is what counting and duplicate checks use: also
case-folded, without Hebrew niqqud or Greek accents, so that `שָׁלוֹם`/`שלום` and
`ΕΦΑΡΜΟΓΗ`/`εφαρμογή` are one string.

Example:
    >>> clean_text("\u200fשלום\u200e  עולם")
    'שלום עולם'
    >>> fold_text("ΕΦΑΡΜΟΓΉ")
    'εφαρμογη'
"""
from __future__ import annotations

import html
import re
import sys
import unicodedata
from functools import lru_cache

import pandas as pd

# A link and an e-mail address in a post, as the language, noise and keyword patterns find them.
# The address starts where a word does: tried at every start inside a long run of letters, it
# took 77 s on a 120,000-character cell (review 14, R14-22); its leftmost matches are the same.
URL = r"(?:https?://|www\.)\S+"
EMAIL = r"(?<!\S)\S+@\S+\.\w+"

# Bidi embeddings/overrides/isolates and marks, zero-width characters, BOM, soft hyphen.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2007]+")
# Hebrew points and cantillation (U+0591-U+05C7, except the letters and maqaf/sof pasuq).
_NIQQUD = re.compile("[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]")
_FINAL_SIGMA = re.compile(r"σ\b")
# Character references with their semicolon only: html.unescape alone also decodes "&para" and
# "&copy" without one, which turns a link's "?a=1&para=2" into "?a=1¶=2".
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_references(text: str) -> str:
    """``text`` with HTML character references (``&amp;``, ``&#39;``, ``&lt;``) decoded once.

    Example:
        >>> decode_references("Q&amp;A at 5 &gt; 4 &#128512; ?a=1&para=2")
        'Q&A at 5 > 4 😀 ?a=1&para=2'
    """
    return _REFERENCE.sub(lambda m: html.unescape(m.group()), text) if "&" in text else text


def clean_text(text: str) -> str:
    """References decoded, NFC, invisible marks removed, whitespace folded to single spaces
    (newlines kept as spaces)."""
    text = unicodedata.normalize("NFC", decode_references(text))
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text).strip()


def strip_niqqud(text: str) -> str:
    return _NIQQUD.sub("", text)


@lru_cache(maxsize=1)
def _combining_marks() -> dict[int, None]:
    """A ``str.translate`` table deleting every combining mark (912 code points)."""
    return {c: None for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c))}


def strip_accents(text: str) -> str:
    """Remove combining marks (Greek tonos and dialytika, Latin accents); keeps the base letters."""
    if text.isascii():  # most texts: nothing to decompose
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", decomposed.translate(_combining_marks()))


def fold_text(text: str) -> str:
    """Case- and accent-insensitive form for counting; final sigma stays a final sigma."""
    folded = strip_accents(strip_niqqud(clean_text(text))).lower()
    # lower() keeps ς where casefold() would turn it into σ; capitals Σ at a word end become σ,
    # so put the final form back where a word ends.
    return _FINAL_SIGMA.sub("ς", folded) if "σ" in folded else folded


# The line a phone's mail app ends a message with, which a helpdesk keeps in the ticket: its
# words ("iPhone", "Sent") became keywords and the ends of quotes (review 10 R10-11).
_DEVICES = "iPhone|iPad|Samsung|Galaxy|Android|Huawei|Xiaomi|Pixel|BlackBerry|Outlook|mobile|phone"
_SIGNATURE = re.compile(
    rf"\s*(?:-{{2,}}[ \t]*\n?|\n)[ \t]*(?:Sent from my (?:\w+ )?(?:{_DEVICES})|Get Outlook for (?:iOS|Android)"
    r"|נשלח מה-?(?:iPhone|אייפון|סמסונג|גלקסי|Samsung|Galaxy|Android|אנדרואיד|Outlook|נייד|טלפון)"
    rf"|(?:Στάλθηκε|Εστάλη) από (?:το |τη |την )?(?:{_DEVICES}|κινητό))[^\n]{{0,40}}\s*$",
    re.IGNORECASE)


def without_signature(text: str) -> str:
    """``text`` without the mail app's "Sent from my iPhone" on its last line, or after dashes
    (a post that is only that stays as it is).

    Example:
        >>> without_signature("My card never arrived. Thanks, Anna\\n\\n-----\\nSent from my iPhone")
        'My card never arrived. Thanks, Anna'
    """
    return _SIGNATURE.sub("", text) or text


def normalize_posts(posts: pd.DataFrame) -> pd.DataFrame:
    """Add ``text_norm`` (the clean text) to a frame of posts; a media message's caption is its
    text without the placeholder line above it (``without_media_line``), and a message without
    the mail app's signature at its end (``without_signature``)."""
    # Imported here: the export strings fold with this module's ``fold_text``.
    from mining.ingest.strings import without_media_line

    out = posts.copy()
    texts = out["text"].fillna("")
    out["text_norm"] = texts.map(
        lambda t: clean_text(without_signature(without_media_line(t)))).astype("string")
    return out
