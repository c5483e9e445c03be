"""Post text made safe for the files a run writes: community posts are untrusted input.

* Control characters (NUL, backspace, ESC, ...) are removed from every text a writer receives:
  XLSX cannot hold them, and in a CSV or Markdown file shown in a terminal an ESC sequence runs.
  The original text stays in ``posts.parquet``.
* Spreadsheet cells that begin like a formula (OWASP "CSV injection": ``=``, ``+``, ``-``, ``@``,
  tab, line break) get a leading apostrophe in CSV files, so that Excel and LibreOffice show
  them as text; the apostrophe is taken off again when a run folder is read back.

Example:
    >>> clean_text("bad\\x1b[31m request")
    'bad[31m request'
    >>> spreadsheet_text("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
"""
from __future__ import annotations

import re

import pandas as pd

# C0 controls but tab, line feed and carriage return; DEL and the C1 controls; what XML (XLSX)
# cannot hold: lone surrogates and the non-characters U+FFFE and U+FFFF; and the bidirectional
# embeddings, overrides and isolates, which reorder what follows them ("\u202egnp.exe" shows as
# "exe.png"; review 12, R12-10).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
                      "\u202a-\u202e\u2066-\u2069]")
# OWASP's list, and a line feed: carriage returns become line feeds in a cell (a bare one would
# end the CSV row for many readers).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def clean_text(text: str) -> str:
    """``text`` without control characters; those that separate words (vertical tab, form feed,
    the separators U+001C-U+001F, next line) become a space."""
    return _CONTROL.sub(lambda m: " " if m.group().isspace() else "", text)


def starts_like_formula(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula."""
    return text.startswith(FORMULA_STARTS)


def spreadsheet_text(text: str) -> str:
    """``text`` cleaned, with an apostrophe before a formula start (also before apostrophes that
    already precede one, so that ``restore_text`` gives the text back exactly)."""
    text = clean_text(text).replace("\r\n", "\n").replace("\r", "\n")
    return "'" + text if starts_like_formula(text.lstrip("'")) else text


def restore_text(text: str) -> str:
    """The text ``spreadsheet_text`` neutralized (less the control characters it removed, with
    line feeds for carriage returns)."""
    return text[1:] if text.startswith("'") and starts_like_formula(text.lstrip("'")) else text


def clean_frame(frame: pd.DataFrame, transform=clean_text) -> pd.DataFrame:
    """A copy of ``frame`` with ``transform`` applied to every text cell (column names too);
    numbers, times and missing values are left as they are."""
    out = frame.rename(columns=lambda c: transform(c) if isinstance(c, str) else c)
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            # Each distinct text once: a million posts have a few thousand authors and sources.
            changed = {v: new for v in pd.unique(out[column].dropna())
                       if isinstance(v, str) and (new := transform(v)) != v}
            if changed:
                out[column] = out[column].replace(changed)
    return out
