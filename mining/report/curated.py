"""What the reports show of a curation: the curated name beside the generated label, the status,
the merged ids, the "new — review" flag, and the hidden rows apart with their reasons.

Tables of runs made before curation existed have none of the curated columns: they show as
generated.

Example:
    >>> shown, hidden = split_hidden(found.challenges)       # doctest: +SKIP
    >>> [shown_label(row) for row in shown.itertuples()]     # doctest: +SKIP
"""
from __future__ import annotations

import pandas as pd

REVIEW = "new — review"


def _text(row, name: str) -> str | None:
    value = getattr(row, name, None)
    return None if value is None or pd.isna(value) or not str(value) else str(value)


def shown_label(row) -> str:
    """The curated name when there is one, else the generated label."""
    return _text(row, "curated_name") or str(row.label)


def generated_label(row) -> str | None:
    """The generated label, when a curated name hides it."""
    return str(row.label) if _text(row, "curated_name") else None


def marks(row) -> list[str]:
    """Short facts shown beside a name: status, "new — review", the ids merged into it."""
    found = [_text(row, "curated_status")]
    if bool(getattr(row, "needs_review", False)):
        kept = getattr(row, "kept_share", None)
        moved = kept is not None and pd.notna(kept) and not str(row.status).startswith("new")
        found.append(f"holds {kept:.0%} of its previous posts — review" if moved else REVIEW)
    if _text(row, "merged"):
        found.append(f"merged here: {_text(row, 'merged')} ({_text(row, 'curated_posts')} posts in all)")
    return [m for m in found if m]


def split_hidden(table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows to list, and the hidden ones; rows merged into another are in neither (their
    target shows their ids)."""
    hidden = table["hidden"].notna() if "hidden" in table else pd.Series(False, index=table.index)
    merged = table["merged_into"].notna() if "merged_into" in table else hidden & False
    return table[~hidden & ~merged], table[hidden & ~merged]
