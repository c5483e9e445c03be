"""Tables for product teams: CSV files and one Excel workbook with a sheet per table."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

EXCEL_CELL_LIMIT = 32_767  # characters Excel keeps in one cell


def _excel_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Excel has no time zones (times are written in UTC) and caps the length of a cell."""
    out = frame.copy()
    for column in out.columns:
        if isinstance(out[column].dtype, pd.DatetimeTZDtype):
            out[column] = out[column].dt.tz_convert("UTC").dt.tz_localize(None)
        elif out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(
                lambda v: v[:EXCEL_CELL_LIMIT] if isinstance(v, str) else v)
    return out


def write_xlsx(tables: dict[str, pd.DataFrame], path: Path) -> Path:
    """One sheet per table (sheet names cut to Excel's 31 characters), columns sized to fit."""
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in tables.items():
            sheet = name[:31]
            _excel_ready(frame).to_excel(writer, sheet_name=sheet, index=False)
            worksheet = writer.sheets[sheet]
            worksheet.freeze_panes = "A2"
            for cells in worksheet.columns:
                width = max((len(str(c.value)) for c in cells[:200] if c.value is not None), default=8)
                worksheet.column_dimensions[cells[0].column_letter].width = min(max(width, 8), 60)
    return path
