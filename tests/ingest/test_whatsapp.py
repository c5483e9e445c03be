"""WhatsApp export reader: real fixtures from ../shared, and inline Hebrew / Greek / English traps."""
from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from mining.config import FilterConfig, InputConfig
from mining.errors import InputError
from mining.filter import mark_own_skips, skip_reason
from mining.ingest import read_inputs, strings, whatsapp
from mining.ingest.registry import Source, find_reader
from mining.normalize import normalize_posts
from mining.schema import RAW_POST, check_frame

SHARED_FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"


def fixture_file(*parts: str) -> Path:
    if not SHARED_FIXTURES.is_dir():
        pytest.skip(f"shared fixtures not found at {SHARED_FIXTURES} (they live beside the checkout)")
    return SHARED_FIXTURES.joinpath(*parts)


def read_path(path: Path, timezone: str = "UTC", member: str | None = None) -> pd.DataFrame:
    source = Source(path, path.name if member is None else f"{path.name}!{member}", member=member)
    frames = list(whatsapp.read_whatsapp(source, InputConfig(timezone=timezone)))
    return pd.concat(frames, ignore_index=True)


def read_text(tmp_path: Path, text: str | bytes, name: str = "chat.txt",
              timezone: str = "UTC") -> pd.DataFrame:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return read_path(path, timezone)


def utc(*stamps: str) -> list[pd.Timestamp]:
    return [pd.Timestamp(s, tz="UTC") for s in stamps]


# --- Real exports ------------------------------------------------------------------------------

# (file, rows, kind="system" rows or None when the locale's system strings are not ours).
# Rows are the header lines of the file's layout; continuation lines join their message.
FIXTURE_COUNTS = [
    ("chat-analytics__2A_5M.txt", 5, 0),
    ("chat-analytics__4A_11M.txt", 14, 3),
    ("chat-miner__test_[mmddyy]_24hrs.txt", 9, 3),
    ("chat-miner__test_ddmmyy_24hrs.txt", 9, 3),
    ("chat-miner__test_mmddyy_24hrs.txt", 9, 3),
    ("chat-miner__test_mmddyyyy_12hrs.txt", 9, 3),
    ("chat-miner__test_yyyymmdd_24hrs.txt", 9, 3),
    # 23 header-like lines in 6 layouts: the file's own (M/D/YY, 24h Android) starts 11
    # messages, and the other layouts' lines stay in the body they follow, as pasted text would.
    ("chat-miner__testlog_eeb44bc_parent.txt", 11, 3),
    ("rwhatsapp__sample.txt", 9, 2),
    ("whats_json__gesiscss-WhatsR__englishandroid24h.txt", 50, 10),  # a location: R15-3,
    ("whats_json__gesiscss-WhatsR__englishandroidampm.txt", 50, 10),
    ("whats_json__gesiscss-WhatsR__englishios24h.txt", 50, None),
    ("whats_json__gesiscss-WhatsR__englishiosampm.txt", 50, None),
    ("whats_json__gesiscss-WhatsR__germanandroid24h.txt", 50, 8),
    ("whats_json__gesiscss-WhatsR__germanandroidampm.txt", 50, 8),
    ("whats_json__gesiscss-WhatsR__germanios24h.txt", 49, None),
    ("whats_json__gesiscss-WhatsR__germaniosampm.txt", 50, None),
    ("whats_json__languages__deutch_android_media.txt", 41, 1),
    ("whats_json__languages__deutch_ios.txt", 23, None),
    ("whats_json__languages__english_android.txt", 60, 5),
    ("whats_json__languages__english_android_media.txt", 60, 5),
    ("whats_json__languages__english_ios.txt", 23, 2),
    ("whats_json__languages__english_ios_media.txt", 25, 4),
    ("whats_json__languages__indonesian_ios.txt", 23, None),
    ("whats_json__languages__russian_android.txt", 60, 1),
    ("whatstk__lorem-merge-part1.txt", 300, 0),
    ("whatstk__lorem.txt", 500, 0),
    ("whatstk__pokemon.txt", 20, 2),
]


@pytest.mark.parametrize("name, rows, system", FIXTURE_COUNTS)
def test_fixture_counts(name: str, rows: int, system: int | None) -> None:
    df = read_path(fixture_file("whatsapp", name))
    assert len(df) == rows
    assert df["source_id"].tolist() == [str(n) for n in range(1, rows + 1)]
    assert df["created_at"].notna().all()
    if system is not None:
        assert (df["kind"] == "system").sum() == system
    check_frame(df, RAW_POST, "whatsapp")


CHAT_MINER = ["chat-miner__test_[mmddyy]_24hrs.txt", "chat-miner__test_ddmmyy_24hrs.txt",
              "chat-miner__test_mmddyy_24hrs.txt", "chat-miner__test_mmddyyyy_12hrs.txt",
              "chat-miner__test_yyyymmdd_24hrs.txt"]


@pytest.mark.parametrize("name", CHAT_MINER)
def test_chat_miner_messages_match_target(name: str) -> None:
    target = json.loads(fixture_file("whatsapp", "chat-miner__target.json").read_text(encoding="utf-8"))
    expected = sorted((pd.Timestamp(t["timestamp"], tz="UTC"), t["author"], t["message"])
                      for t in target)
    df = read_path(fixture_file("whatsapp", name))
    messages = df[df["kind"] == "message"]
    # chat-miner joins continuation lines with a space; we keep the line break.
    texts = messages["text"].str.replace("\n", " ")
    assert sorted(zip(messages["created_at"], messages["author"], texts)) == expected


@pytest.mark.parametrize("name, deleted, placeholders", [
    ("whats_json__languages__english_android.txt", 8, 29),
    ("whats_json__languages__english_android_media.txt", 8, 18),  # 11 more carry a caption
    ("whats_json__languages__english_ios.txt", 2, 14),
    ("whats_json__languages__english_ios_media.txt", 2, 14),
])
def test_fixture_deleted_and_media(name: str, deleted: int, placeholders: int) -> None:
    df = read_path(fixture_file("whatsapp", name))
    assert df["deleted"].sum() == deleted
    media = df[df["text"].map(strings.is_media_placeholder)]
    assert len(media) == placeholders
    assert (media["kind"] == "message").all()


def test_a_caption_is_analyzed_without_its_placeholder_and_a_document_name_is_media() -> None:
    """Android writes "<Media omitted>" and, below it, the caption or the document's name; the
    names ("Resume-Dmitry-Starkov.pdf") made a topic of their own, "caption · Template · File"."""
    posts = mark_own_skips(normalize_posts(read_path(fixture_file(
        "whatsapp", "whats_json__languages__english_android_media.txt"))), FilterConfig())
    below = posts[posts["text"].str.startswith("<Media omitted>\n")].set_index("text")
    assert below.loc["<Media omitted>\nTwo videos with caption", "text_norm"] == "Two videos with caption"
    assert pd.isna(below.loc["<Media omitted>\nTwo videos with caption", "skip_reason"])
    documents = ["<Media omitted>\nSome file.txt", "<Media omitted>\nResume-Dmitry-Starkov.pdf",
                 "<Media omitted>\nTemplate.docx"]
    assert (below.loc[documents, "skip_reason"] == "media").all()
    assert (below.loc[documents, "text_norm"] == "<Media omitted>").all()  # no name analyzed
    captions = below.drop(index=documents)
    assert len(captions) == 7 and not captions["text_norm"].str.contains("Media omitted").any()


def test_fixture_zip_member_matches_text_file() -> None:
    inside = read_path(fixture_file("whatsapp", "chat-analytics__4A_11M.zip"), member="_chat.txt")
    plain = read_path(fixture_file("whatsapp", "chat-analytics__4A_11M.txt"))
    assert inside["text"].tolist() == plain["text"].tolist()


def test_fixture_12h_zero_hour_pm_and_dot_dates() -> None:
    ampm = read_path(fixture_file("whatsapp", "whats_json__gesiscss-WhatsR__englishandroidampm.txt"))
    h24 = read_path(fixture_file("whatsapp", "whats_json__gesiscss-WhatsR__englishandroid24h.txt"))
    assert ampm["created_at"].tolist() == h24["created_at"].tolist()  # "0:24 PM" is 12:24
    german = read_path(fixture_file("whatsapp", "whats_json__gesiscss-WhatsR__germanios24h.txt"))
    assert german["created_at"].iloc[0] == pd.Timestamp("2018-01-29 12:24:03", tz="UTC")


def test_read_inputs_picks_the_whatsapp_reader() -> None:
    path = fixture_file("whatsapp", "rwhatsapp__sample.txt")
    posts, reports = read_inputs([str(path)], InputConfig())
    assert reports[0].reader == "whatsapp"
    assert reports[0].records == len(posts) == 9
    assert posts["source"].eq("whatsapp").all()


# --- Inline traps ------------------------------------------------------------------------------

HEBREW_ANDROID = (
    "10.3.2024, 10:49 - \u200fההודעות והשיחות מוצפנות מקצה לקצה. לאף אחד מחוץ לצ'אט הזה, "
    "גם לא ל-WhatsApp, אין אפשרות לקרוא אותן או להאזין להן. יש להקיש לפרטים נוספים.\n"
    "10.3.2024, 10:50 - \u200fדני יצר/ה את הקבוצה \"משוב על האפליקציה\"\n"
    "10.3.2024, 10:51 - \u200fדני הוסיף/ה את רחל\n"
    "12.3.2024, 9:05 - \u200fדני: בוקר טוב, האפליקציה קורסת כשאני פותח את המצלמה\n"
    "גם אחרי העדכון\n"
    "12.3.2024, 9:06 - רחל: <המדיה לא נכללה>\n"
    "12.3.2024, 14:07 - רחל: הודעה זו נמחקה\n"
    "12.3.2024, 14:08 - \u202a+972 50-914-4971\u202c: אצלי זה עובד <ההודעה נערכה>\n"
)


def test_hebrew_android_system_media_deleted_edited(tmp_path: Path) -> None:
    df = read_text(tmp_path, HEBREW_ANDROID, timezone="Asia/Jerusalem")
    assert df["kind"].tolist() == ["system"] * 3 + ["message"] * 4
    assert df["author"].tolist()[3:] == ["דני", "רחל", "רחל", "+972 50-914-4971"]
    assert df["author"].iloc[:3].isna().all()
    assert df["text"].iloc[3] == "בוקר טוב, האפליקציה קורסת כשאני פותח את המצלמה\nגם אחרי העדכון"
    assert df["text"].iloc[4] == "<המדיה לא נכללה>"
    assert strings.is_media_placeholder(df["text"].iloc[4])
    assert df["deleted"].tolist() == [False] * 5 + [True, False]
    assert df["edited"].tolist() == [False] * 6 + [True]
    assert df["text"].iloc[6] == "אצלי זה עובד"
    # Every day is <= 12, and dotted dates are day-first; Israel is UTC+2 until late March.
    assert df["created_at"].iloc[3:5].tolist() == utc("2024-03-12 07:05", "2024-03-12 07:06")


def test_a_poll_is_read_as_its_question_and_options(tmp_path: Path) -> None:
    """Review 13 (R13-3): a poll, as WhatsApp exports one in the phone's language (the format
    notes in ../shared/reference), was a message whose options and vote counts were embedded,
    typed a question and clustered into a challenge."""
    chat = ("28.10.2026, 12:17 - ליאת: סקר:\nמתי נפגשים לאסיפה?\nאפשרות: יום ראשון (4 הצבעות)\n"
            "אפשרות: לא משנה לי (1 הצבעה)\n"
            "29.10.2026, 13:53 - Ron: POLL:\nWhat do we bring?\nOPTION: Donuts (9 votes)\n"
            "OPTION: Latkes (0 votes)\n"
            "29.10.2026, 13:55 - Ron: Note: the app crashes on login\nsince the update\n"
            "OPTION: none (1 fix)\n")
    df = read_text(tmp_path, chat, timezone="Asia/Jerusalem")
    assert df["kind"].tolist() == ["poll", "poll", "message"]
    assert df["text"].tolist()[:2] == ["מתי נפגשים לאסיפה?\nיום ראשון\nלא משנה לי",
                                       "What do we bring?\nDonuts\nLatkes"]
    assert skip_reason(df["text"].iloc[1], "poll", False, 2) == "poll"


GREEK_12H = (
    "12/3/24, 9:30 π.μ. - Νίκος: Καλημέρα, η εφαρμογή δεν ανοίγει\n"
    "12/3/24, 2:05 μ.μ. - Μαρία: Σε μένα δουλεύει κανονικά\n"
    "12/3/24, 12:15 π.μ. - Νίκος: <Εξαίρεση πολυμέσων>\n"
    "25/3/24, 11:59\u202fμ.μ. - Μαρία: Αυτό το μήνυμα διαγράφηκε\n"
)


def test_greek_12h_clock_and_day_first(tmp_path: Path) -> None:
    df = read_text(tmp_path, GREEK_12H, timezone="Europe/Athens")
    assert df["author"].tolist() == ["Νίκος", "Μαρία", "Νίκος", "Μαρία"]
    assert df["created_at"].tolist() == utc("2024-03-12 07:30", "2024-03-12 12:05",
                                            "2024-03-11 22:15", "2024-03-25 21:59")
    assert strings.is_media_placeholder(df["text"].iloc[2])
    assert df["deleted"].tolist() == [False, False, False, True]
    assert (df["kind"] == "message").all()


@pytest.mark.parametrize("marker, hour", [("לפנה״צ", 11), ("אחה״צ", 23), ('אחה"צ', 23)])
def test_hebrew_12h_markers(tmp_path: Path, marker: str, hour: int) -> None:
    df = read_text(tmp_path, f"12.3.2024, 11:00 {marker} - דני: שלום\n")
    assert df["created_at"].iloc[0] == pd.Timestamp(2024, 3, 12, hour, tz="UTC")


IOS_LRM = (
    "[3/12/24, 09:15:02] Product feedback: \u200eMessages and calls are end-to-end encrypted. "
    "No one outside of this chat, not even WhatsApp, can read or listen to them.\n"
    "[3/12/24, 09:15:40] Product feedback: \u200eDana added Avi\n"
    "[3/12/24, 09:16:12] Dana: The export button does nothing on iPad\n"
    "\u200e[3/12/24, 09:16:30] Dana: \u200eimage omitted\n"
    "\u200e[3/12/24, 09:17:01] Avi: \u200eThis message was deleted.\n"
    "\u200e[\ufeff3/13/24, 21:04:55] Avi: Same here: it fails since the update\n"
    "\u200e[3/13/24, 21:05:10] ~\u202fNoa: \u200e<attached: 00000012-PHOTO-2024-03-13-21-05-10.jpg>\n"
    "[3/13/24, 21:06:00] Dana: \u200eהתמונה הושמטה\n"
)


def test_ios_lrm_system_lines_and_placeholders(tmp_path: Path) -> None:
    df = read_text(tmp_path, IOS_LRM)
    assert df["kind"].tolist() == ["system", "system"] + ["message"] * 6
    assert df["author"].tolist()[2:] == ["Dana", "Dana", "Avi", "Avi", "Noa", "Dana"]
    assert df["text"].iloc[1] == "\u200eDana added Avi"
    assert df["text"].iloc[5] == "Same here: it fails since the update"
    assert df["text"].map(strings.is_media_placeholder).tolist() == [False] * 3 + [True] + \
        [False] * 2 + [True, True]
    assert df["deleted"].tolist() == [False] * 4 + [True] + [False] * 3
    # 3/13 decides the whole file is month-first.
    assert df["created_at"].iloc[5] == pd.Timestamp("2024-03-13 21:04:55", tz="UTC")


IOS_MEMBER_NOTES = (
    "[04/10/2026, 00:01:02] ועד הורים: \u200eMessages and calls are end-to-end encrypted. Only "
    "people in this chat can read, listen to, or share them.\n"
    "[04/10/2026, 00:04:44] אסף טל: \u200ePOLL:\nמתי נפגשים לאסיפה?\n"
    "\u200eOPTION: יום ראשון (4 votes)\n\u200eOPTION: יום שלישי (2 votes)\n"
    "\u200eOPTION: Thursday (0 votes)\n"
    "[13/10/2026, 20:04:39] אסף טל: \u200eLocation: https://maps.google.com/?q=32.0853,34.7818\n"
    "[29/10/2026, 07:56:19] יפית עמר: \u200eMissed voice call\n"
    "[29/10/2026, 07:58:02] ועד הורים: \u200eיפית עמר joined using this group's invite link\n"
)


def test_an_ios_poll_location_and_missed_call_keep_their_author(tmp_path: Path) -> None:
    """Review 15 (R15-3): iOS writes U+200E before a member's poll, location and missed call as
    before its own system lines; they were system lines without the member who sent them."""
    df = read_text(tmp_path, IOS_MEMBER_NOTES)
    assert df["kind"].tolist() == ["system", "poll", "system", "system", "system"]
    assert df["author"].tolist()[1:4] == ["אסף טל", "אסף טל", "יפית עמר"]
    assert df["author"].iloc[[0, 4]].isna().all()  # the group's own lines stay without one
    assert df["text"].iloc[1] == "מתי נפגשים לאסיפה?\nיום ראשון\nיום שלישי\nThursday"


@pytest.mark.parametrize("header", ["01/10/2026, 10:00 - {}: ", "[01/10/2026, 10:00:00] {}: "])
def test_a_name_holding_a_colon_is_an_author(tmp_path: Path, header: str) -> None:
    """Every message of "Dana :)" or "Yoga 18:30 Group" was read as a system line: not analyzed,
    and the name, in the text, never pseudonymized (found by a review)."""
    names = ["Dana :)", "Yoga 18:30 Group", "Avi http://avi.example", "Noa:"]
    chat = "".join(header.format(name) + f"the app crashes {i}\n" for i, name in enumerate(names))
    df = read_text(tmp_path, chat)
    assert df["kind"].tolist() == ["message"] * 4
    assert df["author"].tolist() == names
    assert df["text"].tolist() == [f"the app crashes {i}" for i in range(4)]


PASTED = (
    "18/05/2019, 18:41 - Gal: Here is what support answered:\n"
    "[11:45, 6/4/2019] +972 54-979-6644: (WhatsApp Web copy)\n"
    "[06/04/2019, 11:46:02] Support: please reinstall the app\n"
    "6/4/19, 11:47 AM - Support: and clear the cache\n"
    "18/05/2019, 18:42 - Ron: thanks\n"
)


def test_pasted_header_like_lines_stay_in_the_message(tmp_path: Path) -> None:
    df = read_text(tmp_path, PASTED)
    assert df["author"].tolist() == ["Gal", "Ron"]
    assert df["text"].iloc[0] == (
        "Here is what support answered:\n"
        "[11:45, 6/4/2019] +972 54-979-6644: (WhatsApp Web copy)\n"
        "[06/04/2019, 11:46:02] Support: please reinstall the app\n"
        "6/4/19, 11:47 AM - Support: and clear the cache"
    )


def test_daylight_saving_edges(tmp_path: Path) -> None:
    # Israel 2024: 02:00 did not exist on 29 March; 01:00-02:00 happened twice on 27 October.
    df = read_text(tmp_path, "29.3.2024, 2:30 - דני: א\n27.10.2024, 1:30 - דני: ב\n",
                   timezone="Asia/Jerusalem")
    assert df["created_at"].tolist() == utc("2024-03-29 00:00", "2024-10-26 22:30")


def test_crlf_and_bom(tmp_path: Path) -> None:
    data = ("\ufeff12/07/2017, 22:35 - Johannes: first line\r\nsecond line\r\n"
            "13/07/2017, 09:12 - Test: ok\r\n").encode("utf-8")
    df = read_text(tmp_path, data)
    assert df["author"].tolist() == ["Johannes", "Test"]
    assert df["text"].tolist() == ["first line\nsecond line", "ok"]
    assert df["created_at"].tolist() == utc("2017-07-12 22:35", "2017-07-13 09:12")


def test_eastern_arabic_digits_and_other_calendars(tmp_path: Path) -> None:
    text = (
        "\u200f[١٨\u200f/٣\u200f/٢٠٢٢، ٢:٥٦:٠٠\u00a0م] \u202a+40\u00a0521\u00a0028\u202c: مرحبا\n"
        "[٢٧\u200f/٣\u200f/٢٠٢٢، ٩:٤١:٣٥\u00a0ص] Dmitry S: Hello World\n"
    )
    df = read_text(tmp_path, text)
    assert df["created_at"].tolist() == utc("2022-03-18 14:56:00", "2022-03-27 09:41:35")
    assert df["author"].tolist() == ["+40\u00a0521\u00a0028", "Dmitry S"]


@pytest.mark.parametrize("year, expected", [
    ("2565 BE", "2022-03-18 14:56:01"),  # Buddhist Era
    ("R4", "2022-03-18 14:56:01"),  # Japanese era Reiwa 4
    ("Q4", None),  # an era we do not know: the record stays, without a time
])
def test_non_gregorian_years(tmp_path: Path, year: str, expected: str | None) -> None:
    df = read_text(tmp_path, f"[3/18/{year}, 14:56:01] Elon: hi\n[3/19/{year}, 10:00:00] Elon: ok\n")
    assert len(df) == 2
    if expected is None:
        assert df["created_at"].isna().all()
    else:
        assert df["created_at"].iloc[0] == pd.Timestamp(expected, tz="UTC")


def test_day_order_is_decided_once_from_all_dates(tmp_path: Path) -> None:
    # Only the last date is unambiguous; it decides for the three before it.
    day_first = "".join(f"{d}/4/24, 10:00 - A: x\n" for d in (3, 5, 7, 13))
    month_first = "".join(f"4/{d}/24, 10:00 - A: x\n" for d in (3, 5, 7, 13))
    for name, text in (("a.txt", day_first), ("b.txt", month_first)):
        df = read_text(tmp_path, text, name=name)
        assert df["created_at"].dt.month.tolist() == [4, 4, 4, 4]
        assert df["created_at"].dt.day.tolist() == [3, 5, 7, 13]


def test_chunks_and_blocks_do_not_change_the_rows(tmp_path: Path, monkeypatch) -> None:
    whole = read_text(tmp_path, HEBREW_ANDROID + PASTED.replace("18/05/2019", "18.5.2019"))
    monkeypatch.setattr(whatsapp, "CHUNK_MESSAGES", 2)
    monkeypatch.setattr(whatsapp, "BLOCK_BYTES", 16)  # a message spans many blocks
    path = tmp_path / "chat.txt"
    frames = list(whatsapp.read_whatsapp(Source(path, "chat.txt"), InputConfig(timezone="UTC")))
    assert len(frames) == 5
    pd.testing.assert_frame_equal(pd.concat(frames, ignore_index=True), whole)


@pytest.mark.parametrize("name, channel", [
    ("WhatsApp Chat with Ops team.txt", "Ops team"),
    ("צ'אט WhatsApp עם רוזה דיירת.txt", "רוזה דיירת"),
    ("Συνομιλία WhatsApp με Μαρία.txt", "Μαρία"),
    ("_chat.txt", None),
])
def test_channel_from_file_name(tmp_path: Path, name: str, channel: str | None) -> None:
    df = read_text(tmp_path, "12/3/24, 14:05 - Bob: hi\n", name=name)
    found = df["channel"].iloc[0]
    assert (None if pd.isna(found) else found) == channel


def test_a_file_without_any_header_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("\n\nJust some notes\nnothing like a chat\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(whatsapp.read_whatsapp(Source(path, "notes.txt"), InputConfig()))
    assert caught.value.code == "E110"
    assert str(caught.value).startswith("notes.txt: line 3: ")


def test_empty_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_text(tmp_path, "\ufeff\n\n")
    assert caught.value.code == "E102"


def test_sniff_reads_content_not_the_name(tmp_path: Path) -> None:
    chat, notes = tmp_path / "export.dat", tmp_path / "notes.dat"
    chat.write_text("12.3.2024, 14:05 - דני: שלום\n", encoding="utf-8")
    notes.write_text("date,text\n2024-03-12,hello\n", encoding="utf-8")
    for path, expected in ((chat, "whatsapp"), (notes, None)):
        source = Source(path, path.name)
        reader = find_reader(source, source.head())
        assert (reader.name if reader else None) == expected


def test_media_placeholders_cover_he_el_en() -> None:
    for placeholder in ("<Media omitted>", "<המדיה לא נכללה>", "<Εξαίρεση πολυμέσων>",
                        "image omitted", "התמונה הושמטה", "εικόνα παραλείφθηκε"):
        assert any(placeholder in table.media
                   for table in (*strings.WHATSAPP.values(), *strings.REPORTED.values()))
        assert strings.is_media_placeholder(f"\u200e{placeholder}")
    assert strings.is_media_placeholder("IMG-20240312-WA0001.jpg (file attached)")
    assert strings.is_media_placeholder("Report.pdf • 2 pages \u200eמסמך הושמט")
    assert not strings.is_media_placeholder("<Media omitted>\nour new logo")
    assert not strings.is_media_placeholder("the image omitted the logo")


def test_dutch_and_german_placeholders_of_real_exports_are_set_aside() -> None:
    """The Dutch and German exports of other parsers' tests: their media, attachments (file names
    that may be a contact's, ``Alex.vcf``) and deletion notes were analyzed, and formed a topic
    "bestand · bijgevoegd"."""
    path = SHARED_FIXTURES / "whatsapp" / "whats_json__languages__deutch_android_media.txt"
    if not path.is_file():
        pytest.skip("../shared/fixtures is not beside the checkout")
    bodies = [line.split(": ", 1)[1] for line in path.read_text(encoding="utf-8").splitlines()
              if ": " in line and ("bijgevoegd" in line or line.endswith(("weggelaten>", "verwijderd")))]
    assert len(bodies) >= 10
    for body in bodies:
        assert strings.placeholder_kind(body.strip("\u200e ")) in ("media", "deleted"), body
    for german in ("\u200ePTT-20180129-WA0025.opus (Datei angehängt)", "<angehängt: PTT-1.opus>"):
        assert strings.is_media_placeholder(german)


# --- Layouts beyond the first line: text before the first header, month names, time first ----

TITLED = "WhatsApp Chat with משוב על האפליקציה\n\n" + HEBREW_ANDROID
# A chat copied from its middle: it starts with the end of a message.
FROM_THE_MIDDLE = ("והמצלמה נתקעת גם אחרי העדכון\nמישהו יודע למה?\n"
                   "12.3.2024, 9:05 - דני: בוקר טוב\n12.3.2024, 9:06 - רחל: גם אצלי\n")


@pytest.mark.parametrize("text, preamble, messages", [
    (TITLED, "WhatsApp Chat with משוב על האפליקציה", 7),
    (FROM_THE_MIDDLE, "והמצלמה נתקעת גם אחרי העדכון\nמישהו יודע למה?", 2),
])
def test_text_before_the_first_header_is_a_preamble_record(tmp_path: Path, text: str,
                                                            preamble: str, messages: int) -> None:
    df = read_text(tmp_path, text, timezone="Asia/Jerusalem")
    assert df["kind"].iloc[0] == "preamble" and df["text"].iloc[0] == preamble
    assert pd.isna(df["author"].iloc[0]) and pd.isna(df["created_at"].iloc[0])
    # The messages keep their numbers: the preamble is record 0.
    assert df["source_id"].tolist() == [str(n) for n in range(messages + 1)]
    assert (df["kind"].iloc[1:] != "preamble").all()
    assert df["created_at"].iloc[1:].notna().all()


def test_a_preamble_is_accounted_and_not_analyzed(tmp_path: Path) -> None:
    from mining.config import Config
    from mining.pipeline import ingest_posts

    path = tmp_path / "chat.txt"
    path.write_text(FROM_THE_MIDDLE, encoding="utf-8")
    files = ingest_posts([str(path)], tmp_path / "posts.parquet", Config())
    posts = pd.read_parquet(tmp_path / "posts.parquet")
    assert files[0].records == len(posts) == 3
    assert posts.loc[posts["kind"] == "preamble", "skip_reason"].tolist() == ["preamble"]


def test_sniff_finds_headers_after_a_title_but_not_in_notes(tmp_path: Path) -> None:
    titled, notes = tmp_path / "a.txt", tmp_path / "b.txt"
    titled.write_text(TITLED, encoding="utf-8")
    # Notes that quote one chat line among many lines of prose are no chat export.
    notes.write_text("".join(f"שורה {n} של סיכום הפגישה\n" for n in range(30))
                     + "12.3.2024, 9:05 - דני: בוקר טוב\n", encoding="utf-8")
    found = {p.name: find_reader(Source(p, p.name), Source(p, p.name).head()).name
             for p in (titled, notes)}
    assert found == {"a.txt": "whatsapp", "b.txt": "table"}


def _dated(path: Path, day: str) -> Path:
    """Give the file the modification time of the day it was exported."""
    stamp = pd.Timestamp(day).timestamp()
    os.utime(path, (stamp, stamp))
    return path


MONTH_FIRST_NO_YEAR = (
    "Dec 30, 8:11 PM - Dana: the export button does nothing\n"
    "Dec 31, 11:59 PM - Avi: same on my phone\n"
    "Jan 2, 9:05 AM - Dana: still broken after the update\n"
    "Mar 5, 12:30 PM - Avi: fixed now, thanks\n"
)
DAY_FIRST_NO_YEAR = (
    "30 Dec 20:11 - Νίκος: Η εφαρμογή δεν ανοίγει\n"
    "31 Dec 23:59 - Μαρία: Σε μένα δουλεύει κανονικά\n"
    "2 Jan 09:05 - Νίκος: Πάλι κόλλησε μετά την ενημέρωση\n"
    "5 Mar 12:30 - Μαρία: Τώρα διορθώθηκε, ευχαριστώ\n"
)
NO_YEAR_TIMES = ["2023-12-30 20:11", "2023-12-31 23:59", "2024-01-02 09:05", "2024-03-05 12:30"]


@pytest.mark.parametrize("text", [MONTH_FIRST_NO_YEAR, DAY_FIRST_NO_YEAR])
@pytest.mark.parametrize("file_date, years_later", [
    ("2024-03-20", 0),  # made after the last message: its year
    ("2025-02-01", 0),  # made before 5 March of its year: the last message is of the year before
    ("2025-04-01", 1),
])
def test_month_names_without_a_year_count_back_from_the_files_date(
        tmp_path: Path, text: str, file_date: str, years_later: int) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(text, encoding="utf-8")
    df = read_path(_dated(path, file_date))
    expected = [t + pd.DateOffset(years=years_later) for t in utc(*NO_YEAR_TIMES)]
    assert df["created_at"].tolist() == expected
    assert df["author"].nunique() == 2 and (df["kind"] == "message").all()


def test_old_android_names_the_year_only_for_past_years(tmp_path: Path) -> None:
    # Old Android time-first headers: a year on past years' dates, none on this year's.
    text = ("19:23, 28 Aug 2013 - Tanay: first message\n"
            "07:10, 31 Dec 2013 - Ravi: happy new year soon\n"
            "00:01, 1 Jan - Tanay: happy new year\n"
            "18:45, 12 Mar - Ravi: see you\n")
    path = tmp_path / "chat.txt"
    path.write_text(text, encoding="utf-8")
    df = read_path(_dated(path, "2020-06-01"))  # the file's date does not override the years
    assert df["created_at"].tolist() == utc("2013-08-28 19:23", "2013-12-31 07:10",
                                            "2014-01-01 00:01", "2014-03-12 18:45")


@pytest.mark.parametrize("text, times", [
    # iOS with the time first (also WhatsApp Web's copy), 24h and 12h.
    ("[14:56:01, 3/18/22] Elon: ‎Messages and calls are end-to-end encrypted.\n"
     "[14:57:12, 3/18/22] דני: האפליקציה קורסת\nכל פעם מחדש\n[09:03:40, 3/19/22] Νίκος: Και σε μένα\n",
     ["2022-03-18 14:56:01", "2022-03-18 14:57:12", "2022-03-19 09:03:40"]),
    ("[2:56:01 PM, 3/18/22] Elon: hi\n[9:03:40 AM, 3/19/22] Dana: hello\n",
     ["2022-03-18 14:56:01", "2022-03-19 09:03:40"]),
    # No comma between date and time.
    ("12/19/18 7:26 PM - Dana: the app logs me out\n12/19/18 7:30 PM - Avi: same here\n",
     ["2018-12-19 19:26", "2018-12-19 19:30"]),
    # A word between date and time (Finnish iOS).
    ("[12.3.2022 klo 14.08.18] Matias: Sovellus kaatuu\n[13.3.2022 klo 9.01.02] Aino: Minullakin\n",
     ["2022-03-12 14:08:18", "2022-03-13 09:01:02"]),
    # No space after the comma; "] - " after the bracket.
    ("12.3.2024,14:05 - דני: שלום\n12.3.2024,14:06 - רחל: מה נשמע\n",
     ["2024-03-12 14:05", "2024-03-12 14:06"]),
    ("[12/03/2024, 14:05:33] - Νίκος: Καλημέρα\n[13/03/2024, 09:00:00] - Μαρία: Γεια\n",
     ["2024-03-12 14:05:33", "2024-03-13 09:00:00"]),
    # Month names with the year and a weekday.
    ("Tuesday, 12 March 2024, 14:05 - Dana: hi\nWednesday, 13 March 2024, 09:00 - Avi: hey\n",
     ["2024-03-12 14:05", "2024-03-13 09:00"]),
])
def test_more_header_layouts(tmp_path: Path, text: str, times: list[str]) -> None:
    df = read_text(tmp_path, text)
    assert df["created_at"].tolist() == utc(*times)
    assert df["author"].notna().sum() >= len(times) - 1
    assert "\n" not in df["author"].dropna().str.cat()


def test_time_first_layout_keeps_pasted_android_lines_in_the_body(tmp_path: Path) -> None:
    text = ("[14:56:01, 3/18/22] Dana: support wrote:\n"
            "3/18/22, 2:50 PM - Support: please reinstall\n"
            "[14:58:00, 3/18/22] Avi: ok\n")
    df = read_text(tmp_path, text)
    assert df["author"].tolist() == ["Dana", "Avi"]
    assert df["text"].iloc[0] == "support wrote:\n3/18/22, 2:50 PM - Support: please reinstall"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-32"])
@pytest.mark.parametrize("text", [HEBREW_ANDROID, GREEK_12H, IOS_LRM])
def test_utf16_and_other_unicode_encodings_read_the_same_rows(tmp_path: Path, codec: str,
                                                              text: str) -> None:
    plain = read_text(tmp_path, text, name="plain.txt")
    encoded = read_text(tmp_path, text.encode(codec), name="encoded.txt")
    pd.testing.assert_frame_equal(encoded.drop(columns="source_file"),
                                  plain.drop(columns="source_file"))


@pytest.mark.parametrize("codec, encoding", [
    ("utf-16", "utf-16-le (byte order mark)"),
    ("utf-16-be", "utf-16-be (no byte order mark: NUL bytes in every other place)"),
    ("utf-16-le", "utf-16-le (no byte order mark: NUL bytes in every other place)"),
])
def test_a_real_export_in_utf16_with_a_title_reads_every_message(tmp_path: Path, codec: str,
                                                                 encoding: str) -> None:
    # The sample's emoji put NUL bytes in the other byte place too.
    path = fixture_file("whatsapp", "rwhatsapp__sample.txt")
    plain = read_path(path)
    copy = tmp_path / "chat.txt"
    copy.write_bytes(("WhatsApp Chat\r\n" + path.read_text(encoding="utf-8")).encode(codec))
    encoded = read_path(copy)
    assert encoded["kind"].iloc[0] == "preamble"
    assert encoded["text"].iloc[1:].tolist() == plain["text"].tolist()
    assert encoded["created_at"].iloc[1:].tolist() == plain["created_at"].tolist()
    notes = next(whatsapp.read_whatsapp(Source(copy, "chat.txt"), InputConfig(timezone="UTC"))
                 ).attrs["notes"]
    assert notes["encoding"] == encoding


def test_yearless_dates_in_a_zip_take_the_members_date(tmp_path: Path) -> None:
    archive = tmp_path / "WhatsApp Chat with Ops.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(zipfile.ZipInfo("_chat.txt", date_time=(2024, 3, 20, 10, 0, 0)),
                   MONTH_FIRST_NO_YEAR)
    _dated(archive, "2030-01-01")  # the archive's own date (a copy, a download) does not count
    df = read_path(archive, member="_chat.txt")
    assert df["created_at"].tolist() == utc(*NO_YEAR_TIMES)
    assert df["channel"].unique().tolist() == ["Ops"]


def test_undecodable_bytes_in_a_utf16_export_are_a_coded_error(tmp_path: Path) -> None:
    good = HEBREW_ANDROID.encode("utf-16-le")
    path = tmp_path / "chat.txt"
    path.write_bytes(b"\xff\xfe" + good + b"\x00\xd8" + good)  # a lone UTF-16 surrogate
    with pytest.raises(InputError) as caught:
        read_path(path)
    assert caught.value.code == "E103" and "utf-16-le" in str(caught.value)


@pytest.mark.parametrize("name", ["rwhatsapp__sample.txt", "whatstk__pokemon.txt",
                                  "whats_json__gesiscss-WhatsR__germanios24h.txt"])
@pytest.mark.parametrize("codec", ["utf-8", "utf-16"])
def test_old_mac_line_ends_read_every_message(tmp_path: Path, name: str, codec: str) -> None:
    # A chat re-saved by an old Mac program ends its lines with a lone carriage return; read as
    # one line it was one system message holding every name of the chat.
    path = fixture_file("whatsapp", name)
    text = path.read_text(encoding="utf-8-sig")
    copy = tmp_path / "chat.txt"
    copy.write_bytes(text.replace("\r\n", "\n").replace("\n", "\r").encode(codec))
    plain = read_path(path)
    mac = read_path(copy)
    assert len(mac) == len(plain) > 5
    assert mac["text"].tolist() == plain["text"].tolist()
    assert mac["author"].tolist() == plain["author"].tolist()


IOS_UNMARKED = (
    "[12.03.24, 09:00:00] Dana Levi: the app crashes on login\n"
    "[12.03.24, 09:00:01] Bob Stone: He left\n"  # a member's words, whatever they fit
    "[12.03.24, 09:00:02] Bob Stone: Dana added photos\n"
    "[12.03.24, 10:00:01] Parents: Zelda Quimby left\n"  # the LRM lost
    "[12.03.24, 10:00:02] Parents: Zelda Quimby added Bartholomew Xu\n"
    "[12.03.24, 10:00:03] Parents: \u200fמרגלית זילברמן צירף/ה את אביגדור קוסטלניץ\n"  # RLM first
    "[12.03.24, 10:00:04] Parents: \u200f\u200eמרגלית זילברמן עזב/ה.\n"
    "[12.03.24, 10:00:05] Parents: Θεοδώρα Παπαδοπούλου δημιούργησε αυτήν την ομάδα\n"
    "[12.03.24, 10:00:06] Parents: \u200fתמונת הקהילה נמחקה על ידי מרגלית זילברמן\n"  # passive
)


def test_ios_system_lines_without_a_leading_lrm_are_system_lines(tmp_path: Path) -> None:
    df = read_text(tmp_path, IOS_UNMARKED)
    assert df["kind"].tolist() == ["message"] * 3 + ["system"] * 6
    assert df["author"].tolist()[:3] == ["Dana Levi", "Bob Stone", "Bob Stone"]
    assert df["author"].iloc[3:].isna().all()


def test_a_group_name_holding_a_time_and_a_colon_stays_in_its_system_line(tmp_path: Path) -> None:
    """Once an author's name could hold a colon, "Dana Levi created the community “Yoga 18:30:
    Tuesdays”" was read as a message by "Dana Levi created the community “Yoga 18:30" (a review)."""
    chat = ("01/10/2026, 09:01 - Dana Levi created group \"Yoga 18:30: Tuesdays\"\n"
            "01/10/2026, 09:02 - Dana Levi added this group to the community “Yoga 18:30: Tuesdays.” Tap to view.\n"
            "01/10/2026, 09:03 - Η Δανάη δημιούργησε την ομάδα «Γιόγκα 18:30: Τρίτες»\n"
            "01/10/2026, 09:05 - Avi Cohen: the app keeps crashing when I book the 18:30 class\n"
            "01/10/2026, 09:06 - Yoga 18:30 Group: same here\n")
    df = read_text(tmp_path, chat)
    assert df["kind"].tolist() == ["system"] * 3 + ["message"] * 2
    assert df["author"].tolist()[3:] == ["Avi Cohen", "Yoga 18:30 Group"]


@pytest.mark.parametrize("group, created", [
    ("לקוחות שליחון 🛵", '\u200fדנה לוי יצר/ה את הקבוצה "לקוחות שליחון 🛵"'),
    ("Cyta Πελάτες 📶", "\u200eΟ χρήστης Νίκος Παπαδόπουλος δημιούργησε την ομάδα “Cyta Πελάτες 📶”"),
    ("Ops team", "\u200eDana Levi created group “Ops team”"),
    ("Γειτονιά", "\u200eΟ δημιουργός της ομάδας δημιούργησε αυτήν την ομάδα"),
])
def test_an_unzipped_ios_group_takes_its_name_from_the_line_that_created_it(
        tmp_path: Path, group: str, created: str) -> None:
    """Review 9 (R9-19): unzipped, an iOS export is ``_chat.txt``, a name that names no chat, so
    its posts had no channel (the explorer's channel filter and a challenge's channels were
    empty, and two groups read side by side were one); the group's name opens its system lines."""
    chat = (f"[05/10/26, 07:30:11] {group}: {created}\n"
            f"[05/10/26, 07:31:02] {group}: \u200eΗ Μαρία Γεωργίου προστέθηκε\n"
            "[05/10/26, 08:01:31] Andreas Christou: Το ίντερνετ κόβεται κάθε βράδυ\n")
    df = read_text(tmp_path, chat, name="_chat.txt")
    assert df["channel"].tolist() == [group] * 3
    assert df["author"].iloc[2] == "Andreas Christou"


def test_an_ios_chat_without_a_group_created_line_keeps_no_channel(tmp_path: Path) -> None:
    """A personal chat (its system lines carry the other person's name) or a group exported
    from its middle: no line says a group's name, and a person's name is no channel."""
    chat = ("[05/10/26, 07:30:11] Dana Levi: \u200eMessages and calls are end-to-end encrypted.\n"
            "[05/10/26, 08:01:31] Dana Levi: the app crashes when I pay\n")
    assert read_text(tmp_path, chat, name="_chat.txt")["channel"].isna().all()
