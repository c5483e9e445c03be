"""A CSV parsed a few records at a time (``tables.parse_csv``) reads as it did whole: records
whose quoted cells hold line breaks across a chunk's end, and errors in a later chunk naming the
file's own line."""
from __future__ import annotations

from pathlib import Path

import pytest

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest import read_inputs, tables

TEXTS = ["המשלוח הגיע באיחור\nשל שעתיים, שוב", "Η παραγγελία ήρθε χωρίς το γάλα",
         "the app crashes\nwhen I open \"the camera\"", "לא מצליח להתחבר\n\nמאז העדכון",
         "Δεν μπορώ να πληρώσω, κολλάει", "refund still pending after two weeks"]


def _table(texts: list[str]) -> str:
    quoted = ['"' + t.replace('"', '""') + '"' for t in texts]
    return "date,author,text\n" + "".join(f"2026-06-0{n + 1} 10:00,member{n % 2},{q}\n"
                                          for n, q in enumerate(quoted))


def _read(tmp_path: Path, text: str):
    path = tmp_path / "feedback.csv"
    path.write_text(text, encoding="utf-8")
    return read_inputs([str(path)], InputConfig(timezone="UTC"))


@pytest.fixture
def two_records_a_chunk(monkeypatch):
    monkeypatch.setattr(tables, "CSV_CHUNK_ROWS", 2)


def test_quoted_line_breaks_across_chunks_read_as_written(tmp_path, two_records_a_chunk):
    posts, reports = _read(tmp_path, _table(TEXTS))
    assert reports[0].error is None
    assert posts["text"].tolist() == TEXTS
    assert posts["author"].tolist() == ["member0", "member1"] * 3
    assert posts["created_at"].dt.day.tolist() == [1, 2, 3, 4, 5, 6]


def test_a_row_of_extra_fields_in_a_later_chunk_names_the_files_line(tmp_path,
                                                                     two_records_a_chunk):
    text = _table(TEXTS).replace("Δεν μπορώ να πληρώσω, κολλάει\"",
                                 "Δεν μπορώ να πληρώσω, κολλάει\",extra")
    # the fifth record starts on line 10: records 1 and 3 hold a line break, record 4 two
    with pytest.raises(InputError, match="^feedback.csv: line 10: cannot parse: 4 fields, the "
                                         r"header has 3 \[E110\]$"):
        _read(tmp_path, text)


def test_a_quote_left_open_in_a_later_chunk_names_the_files_line(tmp_path, two_records_a_chunk):
    with pytest.raises(InputError, match="^feedback.csv: line 12: cannot parse: a quoted field "
                                         "starts on this line and is never closed"):
        _read(tmp_path, _table(TEXTS) + '2026-06-07 10:00,member0,"never closed\n')
