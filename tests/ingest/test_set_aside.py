"""A failure in one file is that file's failure: broken archives, unreadable files, hostile sizes
and nesting are set aside with a coded error, named on the terminal, and the others are read."""
from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from mining.cli import main
from mining.errors import InputError
from mining.ingest.limits import (MAX_EXPANSION_RATIO, MAX_JSON_DEPTH, MAX_LINE_BYTES,
                                  MAX_TEXT_CHARS, BoundedStream)

CHAT = ("12/3/24, 14:05 - Dana: ההזמנה שוב מאחרת, כבר שעתיים\n"
        "12/3/24, 14:06 - Νίκος: το ίδιο εδώ, η εφαρμογή λέει παραδόθηκε\n"
        "12/3/24, 14:07 - Sam: same here, no courier and no refund\n")


def _chat_zip(text: str = CHAT) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_chat.txt", text)
    return buffer.getvalue()


def _telegram(text: object) -> str:
    return json.dumps({"name": "Ομάδα", "type": "private_supergroup", "id": 7, "messages": [
        {"id": 1, "type": "message", "date": "2024-03-12T14:05:00", "from": "Ελένη",
         "text": "καλημέρα σε όλους"},
        {"id": 2, "type": "message", "date": "2024-03-12T14:06:00", "from": "Dana", "text": text}]},
        ensure_ascii=False)


def _ingest(folder: Path, tmp_path: Path, capsys, *flags: str) -> tuple[int, dict, str, pd.DataFrame]:
    out = tmp_path / "posts.parquet"
    code = main(["ingest", str(folder), "--out", str(out), *flags])
    captured = capsys.readouterr()
    printed = dict(line.split("\t", 1) for line in captured.out.splitlines()[:-1])
    return code, printed, captured.err, pd.read_parquet(out)


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    """A folder with a good chat and the broken files the issue names."""
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "good.txt").write_text(CHAT, encoding="utf-8")
    data = _chat_zip(CHAT * 300)
    (folder / "truncated.zip").write_bytes(data[: len(data) // 2])
    corrupt = bytearray(data)
    for i in range(120, 200):
        corrupt[i] ^= 0x5A
    (folder / "corrupt.zip").write_bytes(bytes(corrupt))
    (folder / "deep.json").write_text("[" * 10_000 + "]" * 10_000, encoding="utf-8")
    return folder


def test_broken_files_are_set_aside_and_the_others_read(exports, tmp_path, capsys):
    code, printed, err, written = _ingest(exports, tmp_path, capsys)
    assert code == 4
    assert printed["good.txt"] == "whatsapp\t3 records, 3 rows, skipped: none"
    assert "[E107]" in printed["truncated.zip"] and "not a valid zip archive" in printed["truncated.zip"]
    assert printed["corrupt.zip!_chat.txt"].endswith("[E121]")
    assert "nested deeper than" in printed["deep.json"] and printed["deep.json"].endswith("[E124]")
    for name in ("truncated.zip", "corrupt.zip!_chat.txt", "deep.json"):
        assert f"mining: set aside {name}: " in err  # on the terminal, not only in the manifest
    assert "3 input files set aside" in err and "Traceback" not in err
    assert written["text"].tolist() == ["ההזמנה שוב מאחרת, כבר שעתיים",
                                        "το ίδιο εδώ, η εφαρμογή λέει παραδόθηκε",
                                        "same here, no courier and no refund"]


def test_strict_stops_at_the_first_broken_file(exports, tmp_path, capsys):
    assert main(["ingest", str(exports), "--out", str(tmp_path / "p.parquet"), "--strict"]) == 2
    err = capsys.readouterr().err
    assert "corrupt.zip!_chat.txt" in err and "[E121]" in err and "Traceback" not in err
    assert not (tmp_path / "p.parquet").exists()


def test_an_unreadable_file_is_set_aside(tmp_path, capsys):
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "good.txt").write_text(CHAT, encoding="utf-8")
    # /proc/self/mem fails every read at offset 0 with EIO, even for root: a real OSError.
    (folder / "mem.txt").symlink_to("/proc/self/mem")
    if os.geteuid() != 0:  # root reads a chmod 000 file anyway
        (folder / "locked.txt").write_text(CHAT, encoding="utf-8")
        (folder / "locked.txt").chmod(0)
    code, printed, err, written = _ingest(folder, tmp_path, capsys)
    assert code == 4 and len(written) == 3
    assert printed["mem.txt"].endswith("[E120]") and "Input/output error" in printed["mem.txt"]
    if os.geteuid() != 0:
        assert "Permission denied" in printed["locked.txt"]


def test_a_zip_bomb_is_refused_before_it_expands(tmp_path, capsys):
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "good.txt").write_text(CHAT, encoding="utf-8")
    (folder / "bomb.zip").write_bytes(_chat_zip(CHAT + "א" * (8 << 20)))  # 16 MB from ~16 KB
    code, printed, err, written = _ingest(folder, tmp_path, capsys)
    assert code == 4 and len(written) == 3
    assert printed["bomb.zip!_chat.txt"].endswith("[E122]")
    assert f"more than {MAX_EXPANSION_RATIO} times" in printed["bomb.zip!_chat.txt"]


def test_a_member_that_lies_about_its_size_stops_at_the_ratio():
    stream = BoundedStream(io.BytesIO(b"\n" * (2 << 20)), "a.zip!chat.txt", packed=1000)
    with pytest.raises(InputError) as error:
        stream.read()
    assert error.value.code == "E122"


def test_a_line_longer_than_the_limit_sets_the_file_aside(tmp_path, capsys):
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "good.csv").write_text("text\n\"שלום לכולם, מתי המשלוח?\"\n", encoding="utf-8")
    with open(folder / "chat.txt", "w", encoding="utf-8") as fh:
        fh.write(CHAT)
        fh.write("12/3/24, 14:08 - Dana: " + "λ" * (MAX_LINE_BYTES // 2 + 10) + "\n")
    code, printed, err, written = _ingest(folder, tmp_path, capsys)
    assert code == 4 and written["text"].tolist() == ["שלום לכולם, מתי המשלוח?"]
    assert "line 4 is longer than 16 MiB" in printed["chat.txt"]
    assert printed["chat.txt"].endswith("[E123]")


@pytest.mark.parametrize("chunk", [7, 1 << 16, 1 << 30])
def test_the_line_limit_holds_however_the_reader_reads(chunk):
    data = b"short\n" + b"x" * 100 + b"\nok\n"
    stream = io.BufferedReader(BoundedStream(io.BytesIO(data), "a.txt", max_line=64))
    with pytest.raises(InputError) as error:
        while stream.read(chunk):
            pass
    assert error.value.fields["line"] == 2


@pytest.mark.parametrize("end", [b"\r", b"\r\n"])
def test_a_lone_carriage_return_ends_a_line_for_the_limit(end):
    """A chat saved with old Mac line ends (``\r`` alone) is many short lines, not one long one;
    ``\r\n`` stays one line end."""
    lines = [b"12/3/24, 14:0%d - Dana: the code never arrives" % i for i in range(9)]
    stream = BoundedStream(io.BytesIO(end.join(lines) + end), "chat.txt", max_line=64)
    assert stream.read().count(end) == 9
    too_long = end.join([*lines[:2], b"x" * 100, b"ok"])
    with pytest.raises(InputError) as error:
        BoundedStream(io.BytesIO(too_long), "chat.txt", max_line=64).read()
    assert error.value.fields["line"] == 3


def test_binary_files_are_not_read_by_lines():
    data = b"PAR1" + b"\0" * (3 << 20)
    stream = BoundedStream(io.BytesIO(data), "posts.parquet", max_line=1 << 20)
    assert len(stream.read()) == len(data)


def test_telegram_nested_past_the_limit_is_set_aside_before_ijson_builds_it(tmp_path, capsys):
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "deep").mkdir()
    (folder / "deep" / "result.json").write_text(
        _telegram(json.loads("[" * (MAX_JSON_DEPTH + 5) + "]" * (MAX_JSON_DEPTH + 5))),
        encoding="utf-8")
    (folder / "fine").mkdir()
    # brackets inside strings are text, not nesting
    (folder / "fine" / "result.json").write_text(_telegram("press [OK] then {{menu}} or \"[[\" " * 200),
                                                 encoding="utf-8")
    code, printed, err, written = _ingest(folder, tmp_path, capsys)
    assert code == 4
    assert printed["deep/result.json"].endswith("[E124]")
    assert f"deeper than {MAX_JSON_DEPTH} levels" in printed["deep/result.json"]
    assert printed["fine/result.json"] == "telegram\t2 records, 2 rows, skipped: 1 greeting"


def test_an_overlong_post_is_cut_and_counted(tmp_path):
    from mining.config import InputConfig
    from mining.ingest import read_inputs

    path = tmp_path / "posts.csv"
    pd.DataFrame({"text": ["קצר וטוב", "ε" * (MAX_TEXT_CHARS + 7)]}).to_csv(path, index=False)
    posts, files = read_inputs([str(path)], InputConfig())
    assert posts["text"].str.len().tolist() == [8, MAX_TEXT_CHARS]
    assert files[0].notes["texts_cut_to_limit"] == 1


def test_a_cell_longer_than_pythons_csv_field_limit_is_cut_not_the_file_lost(tmp_path):
    """Review 14 (R14-17): a ticket with a pasted log of 200,000 characters, first in its CSV,
    failed the whole file on Python's csv field limit (131,072) while the readers sniffed it."""
    from mining.config import InputConfig
    from mining.ingest import read_inputs

    path = tmp_path / "tickets.csv"
    pd.DataFrame({"text": ["log " * 50_000, "the app crashes on login"],
                  "author": ["a", "b"]}).to_csv(path, index=False)
    posts, files = read_inputs([str(path)], InputConfig())
    assert posts["text"].str.len().tolist() == [MAX_TEXT_CHARS, 24]
    assert files[0].notes["texts_cut_to_limit"] == 1


def test_a_column_setting_applies_to_the_files_that_have_the_column(tmp_path, capsys):
    folder = tmp_path / "exports"
    folder.mkdir()
    pd.DataFrame({"msg_id": ["m-7", "m-9"], "text": ["המשלוח לא הגיע", "η παραγγελία άργησε"]}
                 ).to_csv(folder / "a.csv", index=False)
    pd.DataFrame({"text": ["the refund never came", "still waiting"]}).to_csv(folder / "b.csv",
                                                                              index=False)
    (folder / "chat.txt").write_text(CHAT, encoding="utf-8")
    code, printed, err, written = _ingest(folder, tmp_path, capsys, "--id-column", "msg_id")
    assert code == 0  # every file read: nothing set aside
    assert "b.csv: input.id_column not applied: no column 'msg_id' in this file" in err
    ids = written.groupby("source_file")["source_id"].apply(list).to_dict()
    assert ids == {"a.csv": ["m-7", "m-9"], "b.csv": ["1", "2"], "chat.txt": ["1", "2", "3"]}


def test_a_member_with_an_unknown_compression_method_is_corrupt(tmp_path, capsys):
    # what one flipped byte in a member's header does (found by benchmarks/fuzz.py)
    data = bytearray(_chat_zip())
    central = data.rfind(b"PK\x01\x02")
    data[8] = data[central + 10] = 99  # the method, in the local header and the directory
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "good.txt").write_text(CHAT, encoding="utf-8")
    (folder / "chat.zip").write_bytes(bytes(data))
    code, printed, err, written = _ingest(folder, tmp_path, capsys)
    assert code == 4 and len(written) == 3
    assert printed["chat.zip!_chat.txt"].endswith("[E121]")
    assert "compression method is not supported" in printed["chat.zip!_chat.txt"]


def test_files_no_reader_recognises_get_a_line_even_when_quiet(tmp_path, capsys):
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "good.txt").write_text(CHAT, encoding="utf-8")
    (folder / "IMG-20240312-WA0001.jpg").write_bytes(b"\xff\xd8\xff\xe0 a photo")
    (folder / "minutes.docx").write_bytes(b"PK\x03\x04 a document")
    code, printed, err, written = _ingest(folder, tmp_path, capsys, "--quiet")
    assert code == 0 and len(written) == 3  # nothing failed: the files are not exports
    # mining ingest writes no manifest: the line names them itself
    assert "2 files no reader recognises were skipped, among them minutes.docx" in err


def test_a_zip_inside_a_zip_is_named_as_such_and_the_other_members_are_read(tmp_path, capsys):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("exports/_chat.txt", CHAT)
        archive.writestr("exports/WhatsApp Chat - Team.zip", _chat_zip())
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "all.zip").write_bytes(buffer.getvalue())
    code, printed, err, posts = _ingest(folder, tmp_path, capsys)
    assert code == 4 and len(posts) == 3
    assert ("cannot parse the file: a zip archive inside the zip is not read: extract the outer "
            "archive and give its folder [E107]") in err
    assert "all.zip!exports/WhatsApp Chat - member-" in err and "Team" not in err  # a chat's name
