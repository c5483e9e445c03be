"""Tables for product teams: CSV files and one Excel workbook with a sheet per table.

Every cell that holds text from posts is untrusted (see ``mining.report.safe``): control
characters are removed, and a text that begins like a formula is written as text, never as a
formula: with a leading apostrophe in a CSV file, as a string cell with Excel's quote prefix in
the workbook. Numbers stay numbers (a sentiment of -0.5 is a number, not a formula).

Example:
    >>> write_csv(found.challenges, out / "challenges.csv")         # doctest: +SKIP
    >>> read_csv(out / "challenges.csv")                            # doctest: +SKIP
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from mining.curation.decisions import shown_id
from mining.report.safe import (clean_frame, restore_text, spreadsheet_text,
                                starts_like_formula)

EXCEL_CELL_LIMIT = 32_767  # characters Excel keeps in one cell
CSV_ENCODING = "utf-8-sig"  # UTF-8 after a byte order mark, which tells Excel it is UTF-8


def write_csv(table: pd.DataFrame, path: Path) -> Path:
    """Write one table as UTF-8 CSV with a byte order mark, its text cells safe to open in a
    spreadsheet: without the mark, Excel on Windows reads a double-clicked CSV in the system's
    code page, and every Hebrew and Greek cell is mojibake (review 9 R9-21)."""
    clean_frame(table, spreadsheet_text).to_csv(path, index=False, encoding=CSV_ENCODING)
    return path


def read_csv(path: Path) -> pd.DataFrame:
    """A table ``write_csv`` wrote, its texts as they were (the apostrophes taken off); empty
    cells are missing values. CSV keeps neither times nor nullable integers: callers convert."""
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""], encoding=CSV_ENCODING)
    return clean_frame(frame, restore_text)


def _excel_ready(frame: pd.DataFrame, zone: str) -> pd.DataFrame:
    """Excel has no time zones: times are written as the report shows them, in ``zone``, and the
    column's name says which (``first_seen (Asia/Jerusalem time)``), so a sheet sorted by time
    agrees with the report (review 12 R12-13). Excel caps the length of a cell and cannot hold
    control characters; a challenge's id is written as the report shows it (``C-0004``)."""
    out = clean_frame(frame)
    if "challenge_id" in out:  # as the report names them, so that a filter for C-0004 finds it
        out["challenge_id"] = out["challenge_id"].map(
            lambda v: shown_id("challenges", int(v)) if pd.notna(v) and v >= 0 else v)
    for column in out.columns:
        if isinstance(out[column].dtype, pd.DatetimeTZDtype):
            out[column] = out[column].dt.tz_convert(zone).dt.tz_localize(None)
            out = out.rename(columns={column: f"{column} ({zone} time)"})
        elif out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(
                lambda v: v[:EXCEL_CELL_LIMIT] if isinstance(v, str) else v)
    return out


def write_xlsx(tables: dict[str, pd.DataFrame], path: Path, zone: str = "UTC") -> Path:
    """One sheet per table (sheet names cut to Excel's 31 characters), columns sized to fit;
    every text is a string cell, never a formula; times in ``zone`` (the report's)."""
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in tables.items():
            sheet = name[:31]
            _excel_ready(frame, zone).to_excel(writer, sheet_name=sheet, index=False)
            worksheet = writer.sheets[sheet]
            worksheet.freeze_panes = "A2"
            for cells in worksheet.columns:
                for cell in cells:
                    if isinstance(cell.value, str):
                        _as_text(cell)
                width = max((len(str(c.value)) for c in cells[:200] if c.value is not None), default=8)
                worksheet.column_dimensions[cells[0].column_letter].width = min(max(width, 8), 60)
    return path


def _as_text(cell) -> None:
    """openpyxl makes a formula of any string that begins with ``=``: keep it a string, and set
    the quote prefix so that editing the cell in Excel or LibreOffice does not make it one."""
    cell.data_type = "s"
    if starts_like_formula(cell.value):
        cell.quotePrefix = True
