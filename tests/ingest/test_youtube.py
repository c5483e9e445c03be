"""YouTube: Takeout comments.csv (both column layouts) and youtube-comment-downloader JSON lines."""
import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest import read_inputs
from mining.ingest.youtube import comment_text, parse_count

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "youtube"
PRE = "Comment ID,Channel ID,Comment Create Timestamp,Price,Parent Comment ID,Video ID,Comment Text"
POST = "Channel ID,Comment Create Timestamp,Price,Comment ID,Parent Comment ID,Video ID,Comment Text"


@pytest.mark.parametrize("layout", ["pre2024-06", "post2024-06"])
def test_fixture_takeout_files(layout):
    path = FIXTURES / f"google_takeout_parser__test_csv_comments_{layout}.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent: the shared fixtures are not on this machine")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        records = list(csv.DictReader(fh))
    posts, files = read_inputs([str(path)], InputConfig())
    assert files[0].reader == "youtube" and len(posts) == len(records) == 2
    assert posts["source_id"].tolist() == [r["Comment ID"] for r in records]
    assert posts["parent_id"].fillna("").tolist() == [r["Parent Comment ID"] for r in records]
    assert posts["channel"].tolist() == [r["Video ID"] for r in records]
    assert posts["created_at"].tolist() == [pd.Timestamp(r["Comment Create Timestamp"]) for r in records]
    assert posts["text"].str.len().gt(0).all() and set(posts["kind"]) == {"comment"}


def test_fixture_fragment_list_text_is_joined():
    path = FIXTURES / "google_takeout_parser__test_csv_comments_post2024-06.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent: the shared fixtures are not on this machine")
    posts, _ = read_inputs([str(path)], InputConfig())
    assert posts["text"].iloc[0] == ("> I am about to get buried in the concrete\n"
                                     "the most normal  Veritasium video!")


ROWS = [  # comment id, parent, video, time, text
    ("UgzA1", "", "vid00000001", "2024-06-01T10:00:00.5+00:00", "האפליקציה נתקעת בתשלום"),
    ("UgzA1.Rep2", "UgzA1", "vid00000001", "2024-06-01T11:00:00+00:00", "גם אצלי, מאז העדכון"),
]


def _cell(text: str, layout: str) -> str:
    if layout == "pre":
        return json.dumps({"takeoutSegments": [{"text": text}]}, ensure_ascii=False)
    first, rest = text.split(" ", 1)  # the newer layout: a bare list of fragments
    return ",".join(json.dumps({"text": part}, ensure_ascii=False) for part in (first, " " + rest))


def _takeout(path: Path, layout: str) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow((PRE if layout == "pre" else POST).split(","))
        for cid, parent, video, stamp, text in ROWS:
            channel = "UCaaaaaaaaaaaaaaaaaaaaaa"
            if layout == "pre":
                out.writerow([cid, channel, stamp, "0", parent, video, _cell(text, layout)])
            else:
                out.writerow([channel, stamp, "0", cid, parent, video, _cell(text, layout)])
    return path


def test_a_takeout_holding_its_header_again_reads_it_as_no_comment(tmp_path):
    """Review 15 (R15-8): two Takeout files joined with ``cat``; the second header was a comment
    whose text is no Takeout JSON, and the whole file was set aside."""
    path = _takeout(tmp_path / "comments.csv", "pre")
    text = path.read_text(encoding="utf-8")
    path.write_text(text + text.replace("Comment ID", "\ufeffComment ID"), encoding="utf-8")
    posts, files = read_inputs([str(path)], InputConfig())
    assert posts["text"].tolist() == [row[4] for row in ROWS] * 2
    assert files[0].notes["header_repeated"] == "records 3 below the header repeat it: read as no posts"


def test_both_takeout_layouts_with_hebrew_read_the_same(tmp_path):
    frames = [read_inputs([str(_takeout(tmp_path / f"{layout}.csv", layout))], InputConfig())[0]
              for layout in ("pre", "post")]
    for posts in frames:
        assert posts["source"].tolist() == ["youtube", "youtube"]
        assert posts["text"].tolist() == [row[4] for row in ROWS]
        assert posts["parent_id"].fillna("").tolist() == ["", "UgzA1"]
        assert posts["thread_id"].tolist() == ["UgzA1", "UgzA1"]
        assert posts["created_at"].iloc[0] == pd.Timestamp("2024-06-01 10:00:00.5", tz="UTC")
        assert posts["url"].iloc[1] == "https://www.youtube.com/watch?v=vid00000001&lc=UgzA1.Rep2"
    columns = ["source_id", "parent_id", "channel", "author", "created_at", "text"]
    assert frames[0][columns].equals(frames[1][columns])


@pytest.mark.parametrize("cell, text", [
    ('{"takeoutSegments":[{"text":"Καλή εφαρμογή"}]}', "Καλή εφαρμογή"),
    ('{"text":"שורה"},{"text":"\\n"},{"text":"line"}', "שורה\nline"),
    ("", ""),
])
def test_comment_text_forms(cell, text):
    assert comment_text(cell) == text


def test_bad_comment_text_names_the_line(tmp_path):
    path = _takeout(tmp_path / "comments.csv", "pre")
    bad_row = 'UgzB,UCa,2024-06-01T10:00:00+00:00,0,,v,"{oops"\n'
    path.write_text(path.read_text(encoding="utf-8") + bad_row, encoding="utf-8")
    with pytest.raises(InputError, match=r"comments\.csv: line 4: cannot parse.*\[E110\]"):
        read_inputs([str(path)], InputConfig())


DOWNLOADED = [
    {"cid": "Ugw1", "text": "Η παραγγελία άργησε πολύ", "time": "2 χρόνια πριν", "author": "@maria",
     "channel": "UCm", "votes": "1,2 χιλ.", "replies": "2", "photo": "", "heart": False,
     "reply": False, "time_parsed": 1717236000.0},
    {"cid": "Ugw1.r1", "text": "המשלוח הגיע שבור", "time": "לפני שנה", "author": "@noa",
     "channel": "UCn", "votes": "1.2K", "replies": "", "photo": "", "heart": True,
     "reply": True, "time_parsed": 1717239600.0},
    {"cid": "Ugw2", "text": "works fine for me", "time": "1 year ago", "author": "@dan",
     "channel": "UCd", "votes": "0", "replies": "0", "photo": "", "heart": False,
     "reply": False, "time_parsed": 1717243200.0},
]


@pytest.mark.parametrize("pretty", [False, True])
def test_comment_downloader_output(tmp_path, pretty):
    path = tmp_path / "vid00000001.json"
    if pretty:
        text = json.dumps({"comments": DOWNLOADED}, ensure_ascii=False, indent=4)
        path.write_text(text, encoding="utf-8")
    else:
        path.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in DOWNLOADED) + "\n",
                        encoding="utf-8")
    posts, files = read_inputs([str(path)], InputConfig())
    assert files[0].reader == "youtube" and len(posts) == len(DOWNLOADED)
    assert posts["text"].tolist() == [c["text"] for c in DOWNLOADED]
    assert posts["reactions"].tolist() == [1200, 1200, 0]
    assert posts["reply_count"].tolist()[::2] == [2, 0] and pd.isna(posts["reply_count"].iloc[1])
    assert posts["parent_id"].fillna("").tolist() == ["", "Ugw1", ""]
    assert posts["thread_id"].tolist() == ["Ugw1", "Ugw1", "Ugw2"]
    assert posts["created_at"].iloc[0] == pd.Timestamp("2024-06-01 10:00", tz="UTC")


def test_a_broken_line_of_downloaded_comments_is_left_out_and_named(tmp_path):
    """Review 13 (R13-20, R11-19 still): one line cut to 40 characters in the middle of a channel's
    124 comments set the file aside, and the other 123 were lost."""
    lines = [json.dumps(c, ensure_ascii=False) for c in DOWNLOADED]
    lines[1] = lines[1][:40]
    path = tmp_path / "vid00000001.json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    posts, files = read_inputs([str(path)], InputConfig())
    assert posts["source_id"].tolist() == ["Ugw1", "Ugw2"] and files[0].error is None
    assert files[0].notes["lines_not_read"] == [
        "line 2: cannot parse: the line ends before its JSON does: it was cut short"]


@pytest.mark.parametrize("shown, count", [
    ("7", 7), ("1.2K", 1200), ("15K", 15000), ("2.5M", 2_500_000), ("1,2 χιλ.", 1200),
    ("3 אלף", 3000), ("\u200f1.5K", 1500), ("1,234", 1234), ("", None), ("lots", None),
])
def test_parse_count(shown, count):
    assert parse_count(shown) == count


@pytest.mark.parametrize("name, content", [
    ("comments.csv", "Comment ID,Author,Comment Text\n1,dan,the courier was late again\n"),
    ("rows.jsonl", '{"cid": "1", "text": "the courier was late again"}\n'),
])
def test_lookalike_tables_are_left_to_the_table_reader(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    _, files = read_inputs([str(path)], InputConfig())
    assert files[0].reader == "table"
