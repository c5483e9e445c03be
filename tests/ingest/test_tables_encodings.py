"""Text encodings: old Windows and ISO code pages, UTF-16, damaged UTF-8 and garbage."""
from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest import read_inputs
from mining.ingest.registry import Source, detect_encoding

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

HEBREW = ["המשלוח הגיע באיחור של שעתיים ואף אחד לא התקשר",
          "האפליקציה קורסת כל פעם שאני פותח את המצלמה",
          "עדיין לא קיבלתי החזר כספי אחרי חודש שלם"]
GREEK = ["Η παραγγελία ήρθε χωρίς το γάλα και κανείς δεν απάντησε",
         "Άνοιξα την εφαρμογή και κόλλησε ξανά, όπως χθες",
         "Ακόμα περιμένω την επιστροφή χρημάτων μετά από έναν μήνα"]
ENGLISH = ["The café's app crashes — every time I open the camera",
           "Still no refund after a month, “support” never answers",
           "Delivery came two hours late and nobody called"]


def _csv(lines: list[str]) -> str:
    return "id,text\n" + "".join(f'{n},"{line}"\n' for n, line in enumerate(lines, 1))


def _read(path: Path, **options) -> tuple[pd.DataFrame, dict]:
    posts, files = read_inputs([str(path)], InputConfig(**options))
    return posts, files[0].notes


@pytest.mark.parametrize("lines, codec, read_as", [
    (HEBREW, "cp1255", "cp1255"),
    (HEBREW, "iso8859_8", "cp1255"),  # the same letters: cp1255 is a superset
    (GREEK, "cp1253", "cp1253"),
    (GREEK, "iso8859_7", "iso8859_7"),  # "Ά" is a different byte in the two
    (ENGLISH, "cp1252", "cp1252"),
])
def test_legacy_code_pages_are_detected_and_named_in_the_notes(tmp_path: Path, lines: list[str],
                                                               codec: str, read_as: str) -> None:
    path = tmp_path / "posts.csv"
    path.write_bytes(_csv(lines).encode(codec))
    posts, notes = _read(path)
    assert posts["text"].tolist() == lines
    assert notes["encoding"].startswith(f"{read_as} (detected")


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be"])
def test_unicode_files_and_excel_unicode_text(tmp_path: Path, codec: str) -> None:
    # Excel's "Unicode Text" is UTF-16 with a BOM, tab-separated.
    path = tmp_path / "posts.tsv"
    path.write_bytes(("id\ttext\n" + "".join(f"{n}\t{t}\n" for n, t in enumerate(HEBREW + GREEK, 1))
                      ).encode(codec))
    posts, notes = _read(path)
    assert posts["text"].tolist() == HEBREW + GREEK
    assert notes["encoding"].split()[0] == {"utf-8-sig": "utf-8", "utf-16": "utf-16-le"}.get(codec, codec)


@pytest.mark.parametrize("lines, zone", [(HEBREW * 10, "Asia/Jerusalem"), (GREEK * 10, "Europe/Athens")])
def test_a_code_page_file_gets_its_languages_time_zone(tmp_path: Path, lines: list[str],
                                                       zone: str) -> None:
    path = tmp_path / "posts.csv"
    codec = "cp1255" if zone == "Asia/Jerusalem" else "cp1253"
    path.write_bytes(("date,text\n" + "".join(f"2026-06-01 10:00,\"{t}\"\n" for t in lines)).encode(codec))
    posts, notes = _read(path)
    assert notes["timezone_for_local_times"].startswith(zone)
    assert posts["created_at"].iloc[0] == pd.Timestamp("2026-06-01 10:00", tz=zone).tz_convert("UTC")


def test_damaged_utf8_is_an_error_at_its_line_not_mojibake(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    data = _csv(HEBREW + GREEK).encode("utf-8")
    cut = data.index("Άνοιξα".encode()) + 1  # the second byte of "Ά"
    path.write_bytes(data[:cut] + b"\xff" + data[cut + 1:])
    with pytest.raises(InputError) as caught:
        _read(path)
    assert caught.value.code == "E128"
    assert str(caught.value).startswith("posts.csv:6: the file is UTF-8 with damaged bytes")


@pytest.mark.parametrize("lines, codec", [(HEBREW, "cp1252"), (ENGLISH, "cp1252")])
def test_a_table_decoded_twice_is_repaired_when_nothing_was_lost(tmp_path: Path, lines: list[str],
                                                                 codec: str) -> None:
    """Review 10 (R10-10): a UTF-8 CSV opened by Excel in a Windows code page and saved as UTF-8
    again was analyzed as gibberish without a word. Every byte survives in cp1252 (Windows
    reads its five undefined bytes as the characters of the same number): it is read back."""
    path = tmp_path / "posts.csv"
    twice = "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode(codec)
                    for b in _csv(lines * 3).encode("utf-8"))
    path.write_text(twice, encoding="utf-8")
    posts, notes = _read(path)
    assert posts["text"].tolist() == lines * 3
    assert "repaired from cp1252" in notes["encoding"]


def test_a_table_decoded_twice_with_letters_lost_is_refused(tmp_path: Path) -> None:
    """Greek UTF-8 read as cp1253 loses the bytes cp1253 has no letter for (Excel writes "�"):
    no reading brings them back, so the file is set aside with a line that says why."""
    path = tmp_path / "posts.csv"
    path.write_text(_csv(GREEK * 3).encode("utf-8").decode("cp1253", errors="replace"),
                    encoding="utf-8")
    with pytest.raises(InputError) as caught:
        _read(path)
    assert caught.value.code == "E127" and "read as cp1253" in str(caught.value)


def test_one_damaged_byte_in_english_reviews_that_hold_replacement_characters_names_its_line(
        tmp_path: Path) -> None:
    """Review 9 (R9-10): app-review exports hold U+FFFD characters of their own (emoji lost on
    the way, written as valid UTF-8); counted as bad bytes, they outnumbered the few other
    non-ASCII characters of an English file, and one flipped byte gave "no text encoding reads
    it" instead of the line README promises."""
    lines = ["Crashes on login � every time", "Love it ��", "Worth every penny �",
             "Cannot pay with my card since the update", "The café's menu never loads"] * 4
    data = _csv(lines).encode("utf-8")
    at = data.index(b"menu never")  # line 6: the fifth review
    path = tmp_path / "posts.csv"
    path.write_bytes(data[:at] + b"\xff" + data[at + 1:])
    with pytest.raises(InputError) as caught:
        _read(path)
    assert caught.value.code == "E128"
    assert str(caught.value).startswith("posts.csv:6: the file is UTF-8 with damaged bytes (not "
                                        "another encoding) on 1 line: 6; export it again")


def test_random_bytes_are_an_error(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_bytes(random.Random(7).randbytes(4000))
    with pytest.raises(InputError) as caught:
        _read(path)
    assert caught.value.code == "E103"


def test_detect_encoding_on_real_comments() -> None:
    """Short real posts, one per file, as a user's Excel would save them: read back exactly."""
    corpora = {"cp1255": SHARED / "corpora" / "hebrew-sentiment" / "dev.tsv",
               "cp1253": SHARED / "corpora" / "sib200" / "ell_Grek" / "dev.tsv"}
    if not all(p.exists() for p in corpora.values()):
        pytest.skip(f"corpora not found under {SHARED}")
    for codec, path in corpora.items():
        rows = pd.read_csv(path, sep="\t", dtype=str, quoting=3)
        texts = rows[rows.columns[-1] if codec == "cp1253" else rows.columns[0]].dropna()
        wrong = total = 0
        for text in texts.head(100):
            data = text.encode(codec, errors="ignore")
            if data.isascii():
                continue
            found = detect_encoding(data)
            total += 1
            wrong += found is None or data.decode(found.codec) != data.decode(codec)
        # Measured: 1 of 100 Hebrew and 0 of 99 Greek posts read wrong (ties between scripts).
        assert total > 50 and wrong <= 2, (codec, wrong, total)


def test_head_detection_allows_a_character_cut_at_the_end(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_bytes(("posts\n" + "שלום עולם\n" * 20000).encode("utf-8"))
    source = Source(path, path.name)
    with pytest.raises(UnicodeDecodeError):
        source.head().decode("utf-8")  # the head ends inside "ע"
    assert source.encoding().codec == "utf-8"


@pytest.mark.parametrize("fixture", ["telegram/tg-parser__personal_chat.json",
                                     "discord/chat-analytics__GC_3A_5M.json",
                                     "messenger/chat-analytics__2A_7M.json",
                                     "reddit/praw__TestSubmission.test_comments__thread_2gmzqe.json",
                                     "discourse/discourse_api__posts_latest.json",
                                     "youtube/google_takeout_parser__test_csv_comments_pre2024-06.csv"])
@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_platform_export_resaved_in_utf16_or_utf32_reads_the_same_posts(
        shared: Path, tmp_path: Path, fixture: str, codec: str) -> None:
    # Notepad's "Unicode" re-saves a platform's export in UTF-16 with a BOM.
    original = shared / "fixtures" / fixture
    bom = b"\xfe\xff" if codec == "utf-16-be" else b""
    resaved = tmp_path / original.name
    resaved.write_bytes(bom + original.read_bytes().decode("utf-8-sig").encode(codec))
    expected, original_files = read_inputs([str(original)], InputConfig())
    posts, files = read_inputs([str(resaved)], InputConfig())
    assert files[0].reader == original_files[0].reader
    assert len(posts) > 0
    # Every column but the id, which hashes the folder the file was found in.
    pd.testing.assert_frame_equal(posts.drop(columns="post_id"), expected.drop(columns="post_id"))


def test_utf16_json_that_breaks_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_bytes('{"name": "Ops", "type": "private_group", "id": 1, "messages": [\n'
                     '{"id": 1, "type": "message", "date": "2024-03-01T10:00:00",\n'
                     '"from": "דני", "from_id": "user1", "text": "שלום"},\n'
                     '{"id": 2, "type": "message" "date": "2024-03-01T10:01:00"}\n]}\n'
                     .encode("utf-16"))
    with pytest.raises(InputError) as caught:
        read_inputs([str(path)], InputConfig())
    assert caught.value.code == "E110" and "line 4" in str(caught.value)


def test_damaged_utf16_json_is_a_one_line_error_naming_the_line(tmp_path: Path) -> None:
    lines = ['{"name": "Ops", "type": "private_group", "id": 1, "messages": [',
             '{"id": 1, "type": "message", "date": "2024-03-01T10:00:00", "text": "שלום"},',
             '{"id": 2, "type": "message", "date": "2024-03-01T10:01:00", "text": "Καλημέρα"}',
             ']}']
    data = "\n".join(lines).encode("utf-16")
    lone_surrogate = data.replace("Κ".encode("utf-16-le"), b"\x00\xd8")
    (tmp_path / "surrogate.json").write_bytes(lone_surrogate)
    (tmp_path / "cut.json").write_bytes(data[:len(data) // 2 | 1])  # an odd byte: half a character
    with pytest.raises(InputError) as surrogate:
        read_inputs([str(tmp_path / "surrogate.json")], InputConfig())
    assert surrogate.value.code == "E103" and "surrogate.json:3" in str(surrogate.value)
    with pytest.raises(InputError) as cut:
        read_inputs([str(tmp_path / "cut.json")], InputConfig())
    assert cut.value.code == "E110" and "cut short" in str(cut.value)


def test_empty_author_and_channel_cells_are_not_known_not_one_member(tmp_path: Path) -> None:
    path = tmp_path / "comments.csv"
    path.write_text("text,author,channel\n" + "".join(
        f'"{line}",{author},{channel}\n' for line, author, channel in
        zip(HEBREW, ["Dana", "", " "], ["Humor", "", "Humor"])), encoding="utf-8")
    posts, _ = _read(path)
    assert posts["author"].isna().tolist() == [False, True, True]
    assert posts["channel"].isna().tolist() == [False, True, False]


def test_a_hebrew_chat_saved_in_a_windows_code_page_reads_as_hebrew(tmp_path: Path) -> None:
    """A Hebrew WhatsApp chat re-saved by a Windows program (cp1255): its direction marks (0xFD)
    are a Greek letter in cp1253, and charset-normalizer offered only the Greek reading, so the
    whole chat was read as Greek mojibake without a warning (a review). Real comments as
    messages; the chat must read as its UTF-8 original does."""
    path = SHARED / "corpora" / "hebrew-sentiment" / "dev.tsv"
    if not path.exists():
        pytest.skip(f"corpora not found under {SHARED}")
    comments = pd.read_csv(path, sep="\t", dtype=str, quoting=3).iloc[:, 0].dropna()
    comments = [c for c in comments.head(40) if c.encode("cp1255", errors="ignore").decode("cp1255") == c]
    lines = ["1.3.2024, 09:00 - \u200fהקבוצה נוצרה על ידי דנה לוי"]
    lines += [f"1.3.2024, 09:{n:02d} - חבר {n % 5}: {text}" for n, text in enumerate(comments, 1)]
    lines += ["2.3.2024, 10:06 - \u200fמשה דהן: \u200fהודעה זו נמחקה"]
    chat = "\n".join(lines) + "\n"
    for codec in ("utf-8", "cp1255", "iso8859_8"):
        (tmp_path / codec).mkdir()
        (tmp_path / codec / "WhatsApp Chat with הורים.txt").write_bytes(
            chat.encode(codec, errors="ignore"))
    original, _ = read_inputs([str(tmp_path / "utf-8")], InputConfig())
    for codec in ("cp1255", "iso8859_8"):
        posts, files = read_inputs([str(tmp_path / codec)], InputConfig())
        assert files[0].notes["encoding"].startswith("cp1255 (detected")
        assert posts["text"].str.replace("\u200f", "").tolist() == \
            original["text"].str.replace("\u200f", "").tolist()


def test_a_hebrew_chat_that_charset_normalizer_reads_in_no_code_page_is_read(tmp_path: Path) -> None:
    """Review 9 (R9-5): a Hebrew chat saved as "ANSI" (cp1255: its emoji became "?") holding a
    few control characters: charset-normalizer offered no code page, and the chat was refused
    (E103) though its final letters tell cp1255."""
    lines = ["12/03/2024, 14:05 - דנה: האפליקציה נתקעת כשאני מנסה לשלם \x1b",
             "12/03/2024, 14:07 - יוסי: גם אצלי, מאז העדכון האחרון ? ?",
             "12/03/2024, 14:09 - דנה: כתבתי לשירות הלקוחות ולא ענו \x1b\x1b",
             "12/03/2024, 14:12 - מיכל: תנסו למחוק ולהתקין מחדש ?"] * 3
    (tmp_path / "WhatsApp Chat with הורים.txt").write_bytes(("\n".join(lines) + "\n").encode("cp1255"))
    posts, files = read_inputs([str(tmp_path)], InputConfig())
    assert files[0].notes["encoding"].startswith("cp1255 (detected")
    assert posts["text"].str.contains("האפליקציה נתקעת").sum() == 3


def test_short_hebrew_comments_in_hebrew_excels_code_page(tmp_path: Path) -> None:
    """Real YouTube comments, saved by Hebrew Excel as "CSV" (cp1255): their stretched final
    letters ("איןןןן") and run-together handles counted as finals inside words, and the whole
    table was read as Greek: headers, dates, authors and every Hebrew letter lost."""
    source = SHARED / "corpora" / "hebrew-youtube-comments" / "comments.json"
    if not source.exists():
        pytest.skip(f"corpora not found under {SHARED}")
    comments = pd.read_json(source)
    table = pd.DataFrame({"שם": comments["author"], "תאריך": comments["published_at"],
                          "תגובה": comments["text"]})
    path = tmp_path / "comments.csv"
    path.write_bytes(table.to_csv(index=False).encode("cp1255", errors="replace"))
    posts, notes = _read(path)
    assert notes["encoding"].startswith("cp1255")
    assert posts["author"].notna().all() and posts["created_at"].notna().all()
