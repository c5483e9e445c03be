"""The command line fails cleanly: one line naming the file and the problem, exit code 2."""
import os
import subprocess
import sys

import pytest

from mining import __version__
from mining.cli import main


def _fails_with(capsys, argv, *expected):
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    errors = [line for line in err.splitlines() if line.startswith("mining: error:")]
    assert len(errors) == 1, err  # progress lines may come before it; the error is one line
    assert "Traceback" not in err and "set aside" not in err  # said once, not also as a warning
    err = errors[0]
    for part in expected:
        assert part in err
    return err


def test_missing_file(tmp_path, capsys):
    _fails_with(capsys, ["run", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "o")],
                "nope.csv", "no such file", "E101")


def test_empty_file(tmp_path, capsys):
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    _fails_with(capsys, ["run", str(path), "--out", str(tmp_path / "o")], "empty.csv", "empty", "E102")


def test_unknown_column(tmp_path, capsys):
    path = tmp_path / "posts.csv"
    path.write_text("body,who\nhello there,me\n", encoding="utf-8")
    _fails_with(capsys, ["run", str(path), "--out", str(tmp_path / "o"), "--text-column", "message"],
                "posts.csv", "'message'", "body, who", "E105")


def test_undecodable_bytes(tmp_path, capsys):
    """A UTF-8 file with damaged bytes names every damaged line and does not advise re-saving
    it as UTF-8 (review 11, R11-19: the error named the first of two, and the advice was wrong)."""
    path = tmp_path / "broken.csv"
    lines = "text\nשלום עולם\nמה נשמע\nתודה רבה\nעוד שורה\n".encode("utf-8")
    path.write_bytes(lines.replace("ע".encode(), b"\xd7\xff"))
    _fails_with(capsys, ["run", str(path), "--out", str(tmp_path / "o")],
                "broken.csv:2", "the file is UTF-8 with damaged bytes (not another encoding) on 3 lines: 2, 3, 5",
                "export it again", "E128")
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes(b"text\n\x81\x8d\x8f\x90\x9d\n")  # no encoding reads these bytes
    _fails_with(capsys, ["run", str(legacy), "--out", str(tmp_path / "o2")], "legacy.csv", "E103")


def test_unsupported_file_type(tmp_path, capsys):
    path = tmp_path / "notes.docx"
    path.write_bytes(b"PK\x03\x04 not really")
    _fails_with(capsys, ["run", str(path), "--out", str(tmp_path / "o")], "notes.docx", "E106")



def test_a_chat_exported_as_html_says_how_to_export_it_as_json(tmp_path, capsys):
    """Review 8 (R8-17): Telegram Desktop exports HTML by default; the folder of it was "the
    folder holds no readable files", with no word of the JSON export mining reads."""
    folder = tmp_path / "ChatExport_2026-10-20"
    folder.mkdir()
    (folder / "messages.html").write_text(
        '<!DOCTYPE html>\n<html>\n <head>\n  <meta charset="utf-8"/>\n<title>Exported Data</title>\n'
        ' </head>\n <body>\n  <div class="page_wrap">\n   <div class="page_body chat_page">\n'
        '    <div class="history">\n     <div class="message default clearfix" id="message2">\n',
        encoding="utf-8")
    _fails_with(capsys, ["run", str(tmp_path), "--out", str(tmp_path / "o")], "messages.html",
                "Machine-readable JSON", "E126")

def test_a_gzipped_export_beside_others_is_set_aside_saying_to_decompress_it(tmp_path, capsys):
    """Review 12 (R12-6): "inbox.csv.gz - no reader recognises this file", exit 0, its 300
    records not read; alone in a folder it was "the folder holds no readable files"."""
    import gzip

    (tmp_path / "good.csv").write_text("text\nthe app crashes when I pay\n", encoding="utf-8")
    (tmp_path / "inbox.csv.gz").write_bytes(gzip.compress(b"text\nmy order never came\n"))
    assert main(["ingest", str(tmp_path), "--out", str(tmp_path / "p.parquet")]) == 4
    said = capsys.readouterr()
    assert "inbox.csv.gz: compressed with gzip: decompress it first (gunzip inbox.csv.gz)" in said.err
    assert "[E129]" in said.err and "no reader recognises" not in said.out + said.err



    config = tmp_path / "m.toml"
    config.write_text("[topics]\nsize = 3\n", encoding="utf-8")
    path = tmp_path / "p.csv"
    path.write_text("text\nhello there\n", encoding="utf-8")
    _fails_with(capsys, ["run", str(path), "--out", str(tmp_path / "o"), "--config", str(config)],
                "m.toml", "'size'", "E201")


@pytest.mark.parametrize("argv, expected", [
    (["run"], "E205"),  # no inputs
    (["run", "x.csv", "--topics", "many"], "invalid int value"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_usage_exits_2_without_traceback(argv, expected):
    done = subprocess.run([sys.executable, "-m", "mining", *argv], capture_output=True, text=True)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and expected in done.stderr


@pytest.mark.parametrize("flag, expected", [("--version", f"mining {__version__}"), ("--help", "run")])
def test_version_and_help(flag, expected):
    done = subprocess.run([sys.executable, "-m", "mining", flag], capture_output=True, text=True)
    assert done.returncode == 0 and expected in done.stdout


@pytest.mark.skipif(not os.path.isdir("/sys"), reason="no /sys: no folder that even root cannot write")
@pytest.mark.parametrize("command", ["run", "ingest"])
def test_an_unwritable_output_folder_is_one_line_and_exit_2(tmp_path, capsys, command):
    path = tmp_path / "posts.csv"
    path.write_text("text\nשלום, מתי מגיע המשלוח?\nπότε έρχεται η παραγγελία;\n", encoding="utf-8")
    out = "/sys/mining-out" if command == "run" else "/sys/mining-out/posts.parquet"
    _fails_with(capsys, [command, str(path), "--out", out], "/sys/mining-out", "cannot write here",
                "E208")


def test_ingest_into_a_folder_or_a_device_is_refused_before_reading(tmp_path, capsys):
    """Review 15 (R15-15): ``mining ingest --out FOLDER`` read every input, then died with a
    traceback; ``--out /dev/...`` replaced the device with the parquet file."""
    path = tmp_path / "posts.csv"
    path.write_text("text\nthe app crashes on start\n", encoding="utf-8")
    folder = tmp_path / "out"
    folder.mkdir()
    err = _fails_with(capsys, ["ingest", str(path), "--out", str(folder)], "E208", "a folder")
    assert "posts.parquet" in err and not any(folder.iterdir())
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    _fails_with(capsys, ["ingest", str(path), "--out", str(fifo)], "E208", "not a regular file")
    assert fifo.is_fifo()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder anyway")
def test_a_read_only_output_folder_is_one_line_and_exit_2(tmp_path, capsys):
    path = tmp_path / "posts.csv"
    path.write_text("text\nthe app crashes on start\n", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    _fails_with(capsys, ["run", str(path), "--out", str(locked / "run")], "Permission denied", "E208")


def test_config_typo_fails_at_once_before_any_input_is_read(tmp_path):
    """A bad value fails in well under a second of CPU (no pipeline imported, no input read: the
    input named here does not even exist) with exit code 2."""
    import resource

    config = tmp_path / "m.toml"
    config.write_text('[challenges]\nperiod = "month"\n', encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-m", "mining", "run", str(tmp_path / "missing.csv"),
                           "--out", str(tmp_path / "o"), "--config", str(config)],
                          capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert done.returncode == 2
    assert done.stderr.strip() == (f"mining: error: {config} [challenges]: bad value for 'period': "
                                   "Input should be 'auto', 'day' or 'week', got 'month' [E202]")
    assert (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime) < 1.0
    assert not (tmp_path / "o").exists()


def test_a_closed_output_pipe_ends_quietly_once_the_work_is_done(tmp_path):
    """``mining ingest ... | head``: the reader goes away before the lines are printed."""
    (tmp_path / "posts.csv").write_text("text\nthe app crashes when I open the camera\n",
                                        encoding="utf-8")
    out = tmp_path / "posts.parquet"
    with subprocess.Popen([sys.executable, "-m", "mining", "ingest", str(tmp_path / "posts.csv"),
                           "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        process.stdout.close()
        err = process.stderr.read().decode()
    assert process.returncode == 1 and "Traceback" not in err and out.is_file()


def test_a_folder_or_file_that_is_no_run_is_e212_for_curate_and_previous(tmp_path, capsys):
    """`mining curate /tmp` said "/tmp/manifest.json: no such file or folder [E101]", and
    `--previous` given a file said the file did not exist."""
    posts = tmp_path / "posts.csv"
    posts.write_text("text\nthe app crashes on start\n", encoding="utf-8")
    _fails_with(capsys, ["curate", str(tmp_path)], str(tmp_path), "not a run folder", "E212")
    _fails_with(capsys, ["curate", str(posts)], "posts.csv", "not a run folder", "E212")
    _fails_with(capsys, ["run", str(posts), "--previous", str(posts), "--out", str(tmp_path / "o")],
                "posts.csv", "not a run folder", "E212")


def test_ingest_names_each_file_no_reader_recognises(tmp_path, capsys):
    (tmp_path / "posts.csv").write_text("text\nthe app crashes on start\n", encoding="utf-8")
    (tmp_path / "notes.bin").write_bytes(bytes(range(256)))
    assert main(["ingest", str(tmp_path), "--out", str(tmp_path / "posts.parquet")]) == 0
    captured = capsys.readouterr()
    assert "notes.bin\t-\tno reader recognises this file" in captured.out
    assert "skipped, among them notes.bin" in captured.err and "manifest" not in captured.err
