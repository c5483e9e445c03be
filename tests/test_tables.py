"""Generic tables: every format, text column detection, and clean errors."""
import json
import logging

import pandas as pd
import pytest

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest import read_inputs

ROWS = [
    {"id": "a1", "user": "נועה", "date": "2026-06-01 10:00", "message": "המשלוח הגיע באיחור של שעתיים"},
    {"id": "a2", "user": "Νίκος", "date": "2026-06-02 11:30", "message": "Η παραγγελία ήρθε χωρίς το γάλα"},
    {"id": "a3", "user": "dan", "date": "2026-06-03 12:45", "message": "still no refund after two weeks"},
]


def _write(path, fmt):
    frame = pd.DataFrame(ROWS)
    if fmt == "csv":
        frame.to_csv(path, index=False)
    elif fmt == "tsv":
        frame.to_csv(path, sep="\t", index=False)
    elif fmt == "json":
        path.write_text(json.dumps(ROWS, ensure_ascii=False), encoding="utf-8")
    elif fmt == "jsonl":
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS), encoding="utf-8")
    elif fmt == "parquet":
        frame.to_parquet(path)
    elif fmt == "xlsx":
        frame.to_excel(path, index=False)


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl", "parquet", "xlsx"])
def test_every_table_format_reads_the_same_posts(tmp_path, fmt):
    path = tmp_path / f"posts.{fmt}"
    _write(path, fmt)
    posts, files = read_inputs([str(path)], InputConfig(id_column="id", timezone="Asia/Jerusalem"))
    assert posts["text"].tolist() == [r["message"] for r in ROWS]
    assert posts["source_id"].tolist() == ["a1", "a2", "a3"]
    assert posts["author"].tolist() == ["נועה", "Νίκος", "dan"]
    # 10:00 in Jerusalem in June is 07:00 UTC
    assert posts["created_at"].iloc[0] == pd.Timestamp("2026-06-01 07:00", tz="UTC")
    assert files[0].records == 3 and len(files[0].sha256) == 64


def test_an_id_column_is_the_source_id_and_row_numbers_without_one(tmp_path):
    path = tmp_path / "posts.csv"
    _write(path, "csv")
    posts, files = read_inputs([str(path)], InputConfig())
    assert posts["source_id"].tolist() == ["a1", "a2", "a3"]  # review 14, R14-1
    assert files[0].notes["record_ids"] == "column 'id'"  # what a quote's #id is, in the report
    pd.DataFrame(ROWS).drop(columns="id").to_csv(path, index=False)
    posts, files = read_inputs([str(path)], InputConfig())
    assert posts["source_id"].tolist() == ["1", "2", "3"]
    assert files[0].notes["record_ids"].startswith("row numbers (no id column found")


def test_a_table_traced_by_row_number_says_so_once_where_the_user_sees_it(tmp_path, caplog):
    """Only the report said that a table's quotes were traced by row (review 14, R14-1): the run
    that could have named an id column said nothing."""
    pd.DataFrame(ROWS).drop(columns="id").to_csv(tmp_path / "posts.csv", index=False)
    _write(tmp_path / "tickets.csv", "csv")
    with caplog.at_level(logging.INFO, logger="mining"):
        read_inputs([str(tmp_path)], InputConfig())
    said = [r.getMessage() for r in caplog.records if "traced by row number" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("posts.csv: ") and "input.id_column" in said[0]


def test_a_workbook_says_which_sheet_is_traced_by_row_number(tmp_path, caplog):
    """Review 15 (P15-2): a workbook whose tickets sheet has its id column was said to have none,
    because its summary sheet had none."""
    path = tmp_path / "inbox.xlsx"
    with pd.ExcelWriter(path) as book:
        pd.DataFrame(ROWS).to_excel(book, sheet_name="tickets", index=False)
        pd.DataFrame(ROWS).drop(columns="id").to_excel(book, sheet_name="notes", index=False)
    with caplog.at_level(logging.INFO, logger="mining"):
        _, files = read_inputs([str(path)], InputConfig())
    said = [r.getMessage() for r in caplog.records if "traced by row number" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("inbox.xlsx: sheet 'notes' no id column found")
    assert "sheet 'tickets': column 'id'" in files[0].notes["record_ids"]


def test_post_ids_are_stable_and_unique(tmp_path):
    path = tmp_path / "posts.csv"
    _write(path, "csv")
    first, _ = read_inputs([str(path)], InputConfig())
    second, _ = read_inputs([str(path)], InputConfig())
    assert first["post_id"].tolist() == second["post_id"].tolist()
    assert first["post_id"].is_unique


def test_text_column_found_by_content_when_no_name_says_text(tmp_path):
    path = tmp_path / "x.csv"
    pd.DataFrame({"k": ["1", "2"], "feedback_body_v2": [
        "the courier came two hours late and nobody called", "refund still missing after a month"],
    }).to_csv(path, index=False)
    posts, _ = read_inputs([str(path)], InputConfig())
    assert posts["text"].str.startswith(("the courier", "refund")).all()


def test_ambiguous_text_column_lists_the_columns(tmp_path):
    path = tmp_path / "x.csv"
    pd.DataFrame({"a": ["1", "2"], "b": ["3", "4"]}).to_csv(path, index=False)
    with pytest.raises(InputError, match=r"x\.csv: .*--text-column \(repeat it for several\), one of: a, b \[E104\]"):
        read_inputs([str(path)], InputConfig())


def test_nested_records_are_no_text_column(tmp_path):
    """Instagram's "Download your information" comments: each post's text was the printout of a
    dict (``{'Comment': {'value': ...}}``), analyzed as a post."""
    path = tmp_path / "post_comments_1.json"
    record = {"media_list_data": [{"uri": ""}],
              "string_map_data": {"Comment": {"value": "the app crashes on login, please fix it"},
                                  "Media Owner": {"value": "shop_il"},
                                  "Time": {"timestamp": 1790000000}}}
    path.write_text(json.dumps([record] * 3), encoding="utf-8")
    with pytest.raises(InputError, match=r"media_list_data, string_map_data \[E104\]"):
        read_inputs([str(path)], InputConfig())


def test_folder_reads_every_table_and_skips_other_files(tmp_path):
    _write(tmp_path / "one.csv", "csv")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "two.jsonl").write_text("\n".join(  # other posts (the same would be read once)
        json.dumps({**r, "message": r["message"] + "!"}, ensure_ascii=False) for r in ROWS),
        encoding="utf-8")
    (tmp_path / "notes.md").write_text("# notes", encoding="utf-8")
    posts, files = read_inputs([str(tmp_path)], InputConfig())
    assert len(posts) == 6
    assert sorted(posts["source_file"].unique()) == ["one.csv", "sub/two.jsonl"]
    assert [f.notes for f in files if f.file == "notes.md"] == [{"skipped": "no reader recognises this file"}]
    assert posts["post_id"].is_unique


@pytest.mark.parametrize("text, zone", [
    ("המשלוח הגיע באיחור של שעתיים, שוב", "Asia/Jerusalem"),
    ("Η παραγγελία ήρθε χωρίς το γάλα, πάλι", "Europe/Athens"),
    ("the courier came two hours late again", "UTC"),
])
def test_local_times_default_to_the_files_language_and_the_manifest_says_so(tmp_path, text, zone):
    path = tmp_path / "posts.csv"
    pd.DataFrame({"date": ["2026-06-01 10:00"] * 30, "text": [text] * 30}).to_csv(path, index=False)
    posts, files = read_inputs([str(path)], InputConfig())
    assert posts["created_at"].iloc[0] == pd.Timestamp("2026-06-01 10:00", tz=zone).tz_convert("UTC")
    assert files[0].notes["timezone_for_local_times"].startswith(zone)


def test_a_file_that_fails_halfway_adds_no_rows_and_the_others_still_run(tmp_path):
    good = tmp_path / "good.csv"
    _write(good, "csv")
    # a WhatsApp export whose second half is undecodable: the reader has yielded nothing usable
    bad = tmp_path / "chat.txt"
    bad.write_bytes("12.3.2024, 14:05 - דני: שלום\n".encode() * 3 + b"\xff\xfe broken \xff\n")
    posts, files = read_inputs([str(tmp_path)], InputConfig())
    assert set(posts["source_file"]) == {"good.csv"}
    report = {f.file: f for f in files}["chat.txt"]
    assert report.error and report.records == 0
