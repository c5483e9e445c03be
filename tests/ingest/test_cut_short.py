"""Files cut short or with a broken quote: one plain line naming the file's own line, and the
records read before the break accounted for (``records_dropped``). The real fixtures in
../shared are damaged here, in the test; nothing is copied into the project."""
from __future__ import annotations

import csv
import io
import json
import random
import re
from pathlib import Path

import pytest

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest import read_inputs
from mining.ingest.registry import decode_cut

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"
TAKEOUT = "youtube/google_takeout_parser__test_csv_comments_pre2024-06.csv"
TELEGRAM = "telegram/chat-analytics__DM_2A_7M.json"
DISCORD = "discord/chat-analytics__GC_3A_5M.json"
CHAT = "whatsapp/rwhatsapp__sample.txt"
# What pandas, the csv module and the JSON parsers say in their own words.
INTERNALS = ("C error", "tokenizing", "column", "(char ", "premature EOF", "Traceback")


def _fixture(name: str) -> bytes:
    path = FIXTURES / name
    if not path.is_file():
        pytest.skip(f"{path} is absent: the shared fixtures are not on this machine")
    return path.read_bytes()


def _read_beside_a_chat(tmp_path: Path, name: str, data: bytes):
    """Read ``data`` as ``name`` in a folder with a good chat: (its report, the chat's)."""
    folder = tmp_path / "in"
    folder.mkdir(parents=True)
    (folder / name).write_bytes(data)
    (folder / "chat.txt").write_bytes(_fixture(CHAT))
    _, reports = read_inputs([str(folder)], InputConfig())
    by_name = {r.file: r for r in reports}
    return by_name[name], by_name["chat.txt"]


def _plain(error: str) -> None:
    assert "\n" not in error and not any(word in error for word in INTERNALS), error


def test_takeout_csv_cut_inside_its_comment_cell_names_the_line(tmp_path):
    data = _fixture(TAKEOUT)
    cut = data[: data.index(b"Ah, this is")]  # inside the third line's quoted Comment Text
    report, chat = _read_beside_a_chat(tmp_path, "comments.csv", cut)
    assert report.reader == "youtube" and chat.error is None and chat.records > 0
    assert report.error == ("comments.csv: line 3: cannot parse: a quoted field starts on this "
                            "line and is never closed (a quote is missing, or the file was cut "
                            "short) [E110]")
    assert (report.records, report.records_dropped) == (0, 1)  # the comment on line 2


def test_takeout_csv_cut_between_cells_says_the_file_ends_in_that_row(tmp_path):
    data = _fixture(TAKEOUT)
    cut = data[: data.index(b",jH39c5-y6kg")]  # the third line loses its last two cells
    report, _ = _read_beside_a_chat(tmp_path, "comments.csv", cut)
    assert report.error == ("comments.csv: line 3: cannot parse: 5 fields, the header has 7; the "
                            "file ends in this row: it was cut short [E110]")
    assert report.records_dropped == 1


def test_takeout_comment_cell_that_is_not_json_says_so_in_the_cell(tmp_path):
    data = _fixture(TAKEOUT).replace(b'""coalowl the legend""', b'""coalowl the legend"" oops')
    report, _ = _read_beside_a_chat(tmp_path, "comments.csv", data)
    assert report.error.startswith("comments.csv: line 2: cannot parse: the Comment Text cell is "
                                   "not the JSON Takeout writes (Expecting")
    assert "of the cell)" in report.error
    _plain(report.error)


def _as_table(data: bytes) -> bytes:
    """The Takeout rows under a header the generic table reader takes (not the YouTube one)."""
    rows = data.split(b"\n", 1)[1]
    return b"id,channel,created_at,price,parent_id,video,text\n" + rows


def test_csv_with_an_unbalanced_quote_gets_a_plain_reason_and_its_line(tmp_path):
    texts = re.findall(rb'""text"":""(.*?)""', _fixture(TAKEOUT))  # the comments' own words
    table = b"text,author\n" + texts[0] + b",UCA6\n" + b'"' + texts[1] + b",UCA6\n"
    report, _ = _read_beside_a_chat(tmp_path, "feedback.csv", table)
    assert report.reader == "table"
    assert report.error == ("feedback.csv: line 3: cannot parse: a quoted field starts on this "
                            "line and is never closed (a quote is missing, or the file was cut "
                            "short) [E110]")
    assert report.records_dropped == 1



def test_a_first_row_with_an_unquoted_comma_is_an_error_not_shifted_columns(tmp_path):
    """Review 8 (R8-4): pandas read the first columns as row labels when the FIRST row had a
    field too many, so every column shifted (the first words of a comment became its author,
    the dates vanished) and the rows without the comma were set aside as empty."""
    table = ("date,author,comment\n2026-10-05 09:00,Dana,Seriously, the bus did not come at all\n"
             "2026-10-05 09:10,Mike,the bus was late again today\n").encode()
    report, _ = _read_beside_a_chat(tmp_path, "comments.csv", table)
    assert report.error == "comments.csv: line 2: cannot parse: 4 fields, the header has 3 [E110]"

def test_csv_with_a_row_of_extra_fields_names_the_files_own_line(tmp_path):
    table = _as_table(_fixture(TAKEOUT)).replace(b"\n", b"\n\n", 1)  # a blank line pandas counts
    lines = table.rstrip(b"\n").split(b"\n")
    lines[-1] += b",extra"
    report, _ = _read_beside_a_chat(tmp_path, "feedback.csv", b"\n".join(lines) + b"\n")
    assert report.error == "feedback.csv: line 4: cannot parse: 8 fields, the header has 7 [E110]"
    assert report.records_dropped == 1


def test_csv_cut_between_cells_of_its_last_row_is_read_with_a_warning(tmp_path, caplog):
    table = _as_table(_fixture(TAKEOUT)).rstrip(b"\n")
    last = table.rsplit(b"\n", 1)[1]
    cut = table[: len(table) - len(last) + last.index(b",", last.index(b",") + 1)]  # 2 cells
    report, _ = _read_beside_a_chat(tmp_path, "feedback.csv", cut)
    warning = ("the last record has 2 of 7 fields and no line end after it: the file may have "
               "been cut short (it is read as it is)")
    line = cut.count(b"\n") + 1
    assert report.error is None and report.notes["last_record"] == f"line {line}: {warning}"
    assert f"feedback.csv:{line}: {warning}" in caplog.text
    whole, _ = _read_beside_a_chat(tmp_path / "whole", "feedback.csv", table + b"\n")
    assert "last_record" not in whole.notes and report.records == whole.records


def test_csv_cut_inside_the_last_cell_is_read_with_a_warning(tmp_path, caplog):
    """Review 11 (R11-17): an inbox CSV (rows ending with \\r\\n, as Python's csv and Excel
    write them) cut inside its last message was read without a word."""
    texts = [t.decode() for t in re.findall(rb'""text"":""(.*?)""', _fixture(TAKEOUT))]
    written = io.StringIO()
    csv.writer(written).writerows([("id", "text"), *enumerate(texts[::-1], 1)])
    table = written.getvalue().encode()
    cut = table[:-6]  # inside the last message, "coalowl the legend"
    report, _ = _read_beside_a_chat(tmp_path, "inbox.csv", cut)
    line = cut.count(b"\n") + 1
    assert report.error is None and report.records == len(texts)
    assert report.notes["last_record"] == (
        f"line {line}: the last record has no line end after it, though the others end with one "
        "(\\r\\n): the file may have been cut short inside it (it is read as it is)")
    assert f"inbox.csv:{line}: the last record has no line end" in caplog.text
    lf = cut.replace(b"\r\n", b"\n")  # as pandas writes rows: said too (review 12, R12-16)
    report, _ = _read_beside_a_chat(tmp_path / "lf", "inbox.csv", lf)
    assert report.notes["last_record"].endswith(
        "though the others end with one (\\n): the file may have been cut short inside it (it is "
        "read as it is)")
    report, _ = _read_beside_a_chat(tmp_path / "whole", "inbox.csv", lf + b"\n")
    assert "last_record" not in report.notes


def test_json_lines_cut_short_or_with_a_broken_line_reads_the_other_lines(tmp_path, caplog):
    """Review 11 (R11-17): a scraper killed mid-write left 78 whole lines and a cut 79th; the
    file was refused whole. A broken line inside it is still an error naming it."""
    texts = re.findall(rb'""text"":""(.*?)""', _fixture(TAKEOUT))
    lines = [json.dumps({"cid": str(n), "text": t.decode()}).encode()
             for n, t in enumerate(texts * 3)]
    cut = b"\n".join(lines)[:-5]
    report, _ = _read_beside_a_chat(tmp_path, "comments.jsonl", cut)
    assert report.error is None and report.records == len(lines) - 1
    assert report.notes["last_record"].startswith(f"line {len(lines)}: the last line is no whole JSON")
    # a broken line inside it is left out, named, and the others read (review 11 R11-19)
    broken = b"\n".join(lines[:1] + [lines[1][:-5]] + lines[2:]) + b"\n"
    report, _ = _read_beside_a_chat(tmp_path / "mid", "comments.jsonl", broken)
    assert report.error is None and report.records == len(lines) - 1
    assert report.notes["lines_not_read"] == [
        "line 2: cannot parse: the line ends before its JSON does: it was cut short"]
    assert "comments.jsonl: 1 line of no JSON object not read: line 2: cannot parse" in caplog.text
    # lines that are JSON but no object are left out and named too (review 14, R14-18)
    odd = b"\n".join(lines[:3] + [b"null", b"[1, 2]", b'"just a string"'] + lines[3:]) + b"\n"
    report, _ = _read_beside_a_chat(tmp_path / "odd", "comments.jsonl", odd)
    assert report.error is None and report.records == len(lines)
    assert report.notes["lines_not_read"] == [
        "line 4: cannot parse: a JSON null, not an object",
        "line 5: cannot parse: a JSON array, not an object",
        "line 6: cannot parse: a JSON string, not an object"]
    # a file most of whose lines are no JSON is no JSON Lines: an error naming the first
    garbage = b"\n".join([lines[0]] + [b"not json"] * 2) + b"\n"
    report, _ = _read_beside_a_chat(tmp_path / "bad", "comments.jsonl", garbage)
    assert report.error.startswith("comments.jsonl: line 2: cannot parse")


@pytest.mark.parametrize("name, fixture, whole", [("result.json", TELEGRAM, 3),
                                                   ("dce.json", DISCORD, 3)])
def test_a_json_export_cut_short_counts_the_messages_before_the_cut(tmp_path, name, fixture, whole):
    data = _fixture(fixture)
    size = 1700 if fixture == TELEGRAM else 3000
    report, chat = _read_beside_a_chat(tmp_path, name, data[:size])
    assert chat.error is None
    assert report.error.endswith("cannot parse: the file ends before its JSON does: it was cut "
                                 "short (export or copy it again) [E110]"), report.error
    assert report.error.startswith(f"{name}: line ")
    assert (report.records, report.records_dropped) == (0, whole)


def test_a_full_telegram_export_cut_short_counts_messages_not_chats(tmp_path):
    # the fixture is a personal chat, which a full export does not read: a group's here
    chat = _fixture(TELEGRAM).decode("utf-8").replace('"personal_chat"', '"private_group"')
    full = '{"about": "x", "chats": {"about": "y", "list": [' + chat + ", " + chat[:1700]
    report, _ = _read_beside_a_chat(tmp_path, "result.json", full.encode("utf-8"))
    assert report.error is not None and "cut short" in report.error
    assert report.records_dropped == chat.count('"type": "message"') + chat.count('"type": "service"')


@pytest.mark.parametrize("name, fixture", [("comments.csv", TAKEOUT), ("result.json", TELEGRAM),
                                           ("dce.json", DISCORD)])
def test_cut_and_flipped_exports_are_read_or_refused_in_plain_words(tmp_path, name, fixture):
    data = _fixture(fixture)
    rng = random.Random(7)
    damaged = [data[:cut] for cut in range(40, len(data), max(len(data) // 25, 1))]
    for _ in range(15):
        flipped = bytearray(data)
        for _ in range(3):
            flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
        damaged.append(bytes(flipped))
    for number, variant in enumerate(damaged):
        report, chat = _read_beside_a_chat(tmp_path / f"v{number}", name, variant)
        assert chat.error is None
        if report.error is not None:
            _plain(report.error)
            assert "[E125]" not in report.error, report.error  # a reader's own failure
            assert report.records == 0
        else:
            assert report.records_dropped == 0


def test_the_error_of_a_single_broken_file_is_one_plain_line(tmp_path):
    data = _fixture(TELEGRAM)[:1700]
    path = tmp_path / "result.json"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_inputs([str(path)], InputConfig())
    assert caught.value.records_read == 3
    _plain(str(caught.value))


@pytest.mark.parametrize("codec", ["utf-8", "utf-16"])  # UTF-16: Notepad's "Unicode"
def test_a_chat_cut_inside_a_character_is_read_up_to_it_with_a_warning(tmp_path, caplog, codec):
    data = _fixture(CHAT).decode("utf-8").encode(codec)
    emoji = data.rindex("☺".encode(codec.replace("16", "16-le")))  # the cut falls inside it
    report, _ = _read_beside_a_chat(tmp_path, "cut.txt", data[:emoji + 1])
    line = data[:emoji].decode(codec).count("\n") + 1
    assert report.error is None
    assert caplog.text.count(f"cut.txt:{line}: the file ends inside a character: it was cut "
                             "short (what comes before is read)") == 1
    whole, _ = _read_beside_a_chat(tmp_path / "whole", "cut.txt", data[:emoji])
    assert report.records == whole.records


# Cut inside a letter: most Hebrew and Greek letters are two bytes in UTF-8, so about half of all
# cuts fall inside one. Such a file reads as the same file cut just before that letter.
WORDS = {"he": "האפליקציה קורסת כל פעם שאני פותח את המצלמה",
         "el": "Άνοιξα την εφαρμογή και κόλλησε ξανά όπως χθες"}


def _inside_a_letter(data: bytes, words: str) -> int:
    """Where a cut falls between the two bytes of the third letter of ``words``, the last time
    they stand in ``data``."""
    return data.rindex(words.encode()) + len(words[:2].encode()) + 1


@pytest.mark.parametrize("lang", WORDS)
def test_a_telegram_export_cut_inside_a_letter_is_cut_short_not_undecodable(tmp_path, lang):
    data = _fixture(TELEGRAM).replace(b"hello world", WORDS[lang].encode())
    cut = _inside_a_letter(data, WORDS[lang])
    report, chat = _read_beside_a_chat(tmp_path, "result.json", data[:cut])
    before, _ = _read_beside_a_chat(tmp_path / "before", "result.json", data[:cut - 1])
    line = data[:cut].count(b"\n") + 1
    assert chat.error is None
    assert report.error == before.error == (
        f"result.json: line {line}: cannot parse: the file ends before its JSON does: it was cut "
        "short (export or copy it again) [E110]")
    assert report.records_dropped == before.records_dropped == 2


@pytest.mark.parametrize("lang", WORDS)
def test_a_json_table_cut_inside_a_letter_is_cut_short_not_undecodable(tmp_path, lang):
    rows = [{"id": n, "text": f"{WORDS[lang]} ({n})"} for n in range(1, 4)]
    data = json.dumps(rows, ensure_ascii=False, indent=1).encode()
    cut = _inside_a_letter(data, WORDS[lang])
    report, _ = _read_beside_a_chat(tmp_path, "comments.json", data[:cut])
    line = data[:cut].count(b"\n") + 1
    assert report.reader == "table"
    assert report.error == (f"comments.json: line {line}: cannot parse: the file ends before its "
                            "JSON does: it was cut short (export or copy it again) [E110]")


@pytest.mark.parametrize("name, sep", [("posts.csv", ","), ("posts.tsv", "\t")])
@pytest.mark.parametrize("lang", WORDS)
def test_a_table_cut_inside_a_letter_of_its_last_row_is_read_with_a_warning(tmp_path, caplog,
                                                                            name, sep, lang):
    data = (f"id{sep}text\n" + "".join(f"{n}{sep}{WORDS[lang]}\n" for n in (1, 2, 3))).encode()
    cut = _inside_a_letter(data, WORDS[lang])
    report, _ = _read_beside_a_chat(tmp_path, name, data[:cut])
    warning = "the file ends inside a character: it was cut short (what comes before is read)"
    assert report.error is None and report.notes["last_record"] == f"line 4: {warning}"
    assert f"{name}:4: {warning}" in caplog.text
    assert report.records == 3  # the last row is read up to the letter cut in two


@pytest.mark.parametrize("text, codec, cut", [("שלום", "utf-8", 1), ("Καλημέρα", "utf-8", 1),
                                              ("שלום", "utf-8", 0), ("Καλημέρα", "utf-16-le", 1),
                                              ("שלום 👀", "utf-16-le", 2)])
def test_decode_cut_leaves_out_a_last_character_cut_in_two(text, codec, cut):
    data = text.encode(codec)
    assert decode_cut(data[:len(data) - cut], codec) == (text[:len(text) - bool(cut)], bool(cut))


@pytest.mark.parametrize("data", ["שלום".encode() + b"\xff", "שלום".encode()[:-1] + b"\n",
                                  "Καλη".encode() + b"\xd7" + "μέρα".encode()])
def test_decode_cut_raises_on_a_bad_byte_that_is_no_cut(data):
    with pytest.raises(UnicodeDecodeError):
        decode_cut(data, "utf-8")


@pytest.mark.parametrize("name, marker", [
    ("whatsapp/whats_json__gesiscss-WhatsR__englishios24h.txt", "] "),
    ("whatsapp/whats_json__gesiscss-WhatsR__germanandroid24h.txt", " - "),
    ("whatsapp/whats_json__gesiscss-WhatsR__englishandroidampm.txt", " - "),
])
@pytest.mark.parametrize("where", ["in the date", "after the time", "in the name"])
def test_a_chat_cut_inside_its_last_header_is_read_as_it_is_and_said(tmp_path, name, marker, where):
    """A chat cut after "[01/10/20" glued the fragment to the last message without a word. A
    complete chat may end in a line of that shape too (a date on its own line), so the file is
    read as it is, and the note says the last message may be missing; cut inside a name, the
    part of the name was kept in clear as a system line (reviews 5 F11b, 7 P1)."""
    from mining.ingest.whatsapp_layout import match_header

    text = _fixture(name).decode("utf-8-sig").rstrip("\n")
    lines = text.split("\n")
    last = max(i for i, line in enumerate(lines) if match_header(line) is not None)
    header = lines[last]
    kept = {"in the date": 6, "after the time": header.index(marker) + 2,
            "in the name": header.index(marker) + len(marker) + 3}[where]
    cut = tmp_path / "cut.txt"
    cut.write_text("\n".join(lines[:last]) + "\n" + header[:kept], encoding="utf-8")
    posts, reports = read_inputs([str(cut)], InputConfig())
    # a date is read as it is; what follows a whole date and time may be part of a name: left out
    fragment, final = header[:kept].split(marker)[-1], posts["text"].iloc[-1]
    assert final.endswith(fragment) == (where != "in the name")
    assert reports[0].notes["cut_short"].startswith(f"line {last + 1}: the last line looks like "
                                                    "the start of a message header")


@pytest.mark.parametrize("ending", ["\nsee you then", "", "\n12"])
def test_a_chat_that_ends_in_a_message_line_is_no_cut_header(tmp_path, ending):
    text = _fixture(CHAT).decode("utf-8-sig").rstrip("\n") + ending
    (tmp_path / "chat.txt").write_text(text, encoding="utf-8")
    _, reports = read_inputs([str(tmp_path / "chat.txt")], InputConfig())
    assert "cut_short" not in reports[0].notes
