"""One chat in two files of a run is read once: a WhatsApp chat's .txt left beside the .zip it came
in, last week's Telegram export beside this week's (review 12 R12-15). Both had counted every
message twice in the headline and in what is set aside."""
from __future__ import annotations

import json
import logging
import shutil

import pandas as pd

from mining.cli import main
from mining.config import InputConfig
from mining.ingest import read_inputs


def test_a_chats_txt_beside_its_zip_is_read_once(shared, tmp_path, caplog):
    for name in ("chat-analytics__4A_11M.txt", "chat-analytics__4A_11M.zip"):
        shutil.copy(shared / "fixtures" / "whatsapp" / name, tmp_path / name)
    alone, _ = read_inputs([tmp_path / "chat-analytics__4A_11M.txt"], InputConfig())
    with caplog.at_level(logging.WARNING, logger="mining"):
        posts, files = read_inputs([tmp_path], InputConfig())
    assert len(posts) == len(alone) == 14
    repeated = [f for f in files if f.repeats]
    assert len(repeated) == 1 and repeated[0].records == 14
    assert "its 14 records are all in" in caplog.text


def test_last_weeks_export_beside_this_weeks_is_read_once_and_overlaps_are_kept(shared, tmp_path):
    chat = json.loads((shared / "fixtures" / "telegram" / "chat-analytics__DM_2A_7M.json")
                      .read_text(encoding="utf-8"))
    messages = chat["messages"]
    weeks = {"ChatExport_1": messages[: len(messages) // 2], "ChatExport_2": messages,
             "other": messages[len(messages) // 3:] + [dict(messages[0], id=10**6, text="new")]}
    for folder, held in weeks.items():
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "result.json").write_text(json.dumps({**chat, "messages": held}),
                                                       encoding="utf-8")
    posts, files = read_inputs([tmp_path], InputConfig())
    by_name = {f.file.split("/")[-2]: f for f in files}
    assert by_name["ChatExport_1"].repeats.endswith("ChatExport_2/result.json")
    assert by_name["ChatExport_2"].repeats is None and by_name["other"].repeats is None
    assert len(posts) == by_name["ChatExport_2"].records + by_name["other"].records


def test_tables_without_times_are_never_taken_for_one_another(tmp_path):
    """Two surveys whose answers are the same few words are two sets of answers: without a time,
    records are not known to be the same."""
    (tmp_path / "a.csv").write_text("text\ngreat app\nslow login\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("text\ngreat app\nslow login\nno dark mode\n", encoding="utf-8")
    posts, files = read_inputs([tmp_path], InputConfig())
    assert len(posts) == 5 and not any(f.repeats for f in files)


def test_mining_ingest_reads_last_weeks_export_once_with_the_ids_run_gives(shared, tmp_path,
                                                                           capsys):
    """`mining ingest` of a folder with last week's export beside this week's writes this week's
    rows alone, with the ids `mining run` reads them with, and says so per file."""
    chat = json.loads((shared / "fixtures" / "telegram" / "chat-analytics__DM_2A_7M.json")
                      .read_text(encoding="utf-8"))
    messages = chat["messages"]
    for folder, held in {"ChatExport_1": messages[: len(messages) // 2],
                         "ChatExport_2": messages}.items():
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "result.json").write_text(json.dumps({**chat, "messages": held}),
                                                       encoding="utf-8")
    out = tmp_path / "posts.parquet"
    assert main(["ingest", str(tmp_path / "in"), "--out", str(out)]) == 0
    posts, _ = read_inputs([tmp_path / "in"], InputConfig())
    written = pd.read_parquet(out)
    assert sorted(written["post_id"]) == sorted(posts["post_id"])
    assert len(written) == len(messages)
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("ChatExport_1") and "read once, 0 rows" in line for line in lines)
    assert lines[-1].startswith(f"wrote {out} ({len(messages)} posts)")


def test_a_chat_pasted_twice_into_one_file_is_said(shared, tmp_path, caplog):
    """A chat whose lines come twice in one file (pasted twice, two exports joined) is said on
    the terminal and in the file's notes; the chat read once is not (review 13, R13-15)."""
    lines = (shared / "fixtures" / "whatsapp" / "whatstk__lorem.txt").read_text(
        encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "once.txt").write_text("".join(lines), encoding="utf-8")
    (tmp_path / "twice.txt").write_text("".join(lines + lines[100:300]), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mining"):
        _, files = read_inputs([tmp_path], InputConfig())
    by_name = {f.file: f for f in files}
    assert "records_repeated" not in by_name["once.txt"].notes
    copies = by_name["twice.txt"].records - by_name["once.txt"].records
    assert copies > 150
    note = f"{copies} of its {by_name['twice.txt'].records} records repeat earlier ones"
    assert by_name["twice.txt"].notes["records_repeated"].startswith(note)
    assert f"twice.txt: {note}" in caplog.text and "once.txt:" not in caplog.text


def _lorem_messages(shared) -> pd.DataFrame:
    """The members' messages of a real WhatsApp export, to write again as another phone would."""
    posts, _ = read_inputs([shared / "fixtures" / "whatsapp" / "whatstk__lorem.txt"],
                           InputConfig(timezone="UTC"))
    return posts[posts["author"].notna()].reset_index(drop=True)


def _as_phone(posts: pd.DataFrame, placeholder: str, line) -> str:
    """A chat's records as a phone exports them: every tenth message a photo, shown by the
    phone's ``placeholder``, each line written by ``line`` (its layout)."""
    texts = posts["text"].where(posts.index % 10 != 5, placeholder)
    return "".join(line(t, a, x) for t, a, x in zip(posts["created_at"], posts["author"], texts))


def test_one_chat_exported_by_phones_in_two_languages_is_read_once(shared, tmp_path, caplog):
    """Review 14 (R14-8): one WhatsApp chat exported from a Hebrew phone and an English one (the
    dates, the seconds, the system lines and the "<Media omitted>" placeholders differ) was read
    twice: 1,398 posts for 699 messages, every count set aside doubled."""
    posts = _lorem_messages(shared)
    (tmp_path / "chat.txt").write_text(
        "[01/01/2020, 00:00:00] Mary: Messages and calls are end-to-end encrypted.\n"
        + _as_phone(posts, "image omitted", lambda t, a, x: f"[{t:%d/%m/%Y, %H:%M:%S}] {a}: {x}\n"),
        encoding="utf-8")
    (tmp_path / "chat (1).txt").write_text(
        "01/01/2020, 00:00 - Mary: ההודעות והשיחות מוצפנות מקצה לקצה.\n"
        + _as_phone(posts, "<המדיה לא נכללה>", lambda t, a, x: f"{t:%d/%m/%Y, %H:%M} - {a}: {x}\n"),
        encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mining"):
        read, files = read_inputs([tmp_path], InputConfig(timezone="UTC"))
    assert len(read) == len(posts) + 1
    repeated = [f for f in files if f.repeats]
    assert len(repeated) == 1
    differ = len(posts) // 10 + 1 + (len(posts) % 10 > 5)
    assert repeated[0].notes["texts_differ"].startswith(f"by author and time; {differ} of them")
    assert f"records are all in {repeated[0].repeats} (by author and time; {differ}" in caplog.text


def test_one_chat_exported_by_an_iphone_and_an_android_phone_is_read_once(shared, tmp_path,
                                                                          caplog):
    """Review 15 (R15-24): an iPhone's export and an Android phone's of one chat were read twice
    (896 posts for 448 messages): each phone writes notes the other has not (a security code
    changed on the iPhone, "You're now an admin" on the Android phone) or names their author
    otherwise, and such a note's place (author and minute) was in one file only."""
    posts = _lorem_messages(shared)
    posts["created_at"] += pd.Timedelta(seconds=17)  # the iPhone's seconds
    (tmp_path / "_chat.txt").write_text(
        "[01/01/2020, 00:00:12] Lorem: \u200eMary created group “Lorem”\n"
        "[01/01/2020, 00:03:40] Lorem: \u200eYour security code with John changed.\n"
        + _as_phone(posts, "image omitted", lambda t, a, x: f"[{t:%d/%m/%Y, %H:%M:%S}] {a}: {x}\n"),
        encoding="utf-8")
    (tmp_path / "WhatsApp Chat with Lorem.txt").write_text(
        "01/01/2020, 00:00 - Mary created group “Lorem”\n"
        "01/01/2020, 00:07 - You're now an admin\n"
        + _as_phone(posts, "<Media omitted>", lambda t, a, x: f"{t:%d/%m/%Y, %H:%M} - {a}: {x}\n"),
        encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mining"):
        read, files = read_inputs([tmp_path], InputConfig(timezone="UTC"))
    assert len(read) == len(posts) + 2
    assert [f.file.rsplit("/", 1)[-1] for f in files if f.repeats] == ["_chat.txt"]
    assert "_chat.txt: its" in caplog.text
