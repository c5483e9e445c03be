"""Telegram Desktop JSON reader: real fixtures from ../shared, and an inline full export."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest import jsonstream, telegram
from mining.ingest.registry import Source, find_reader
from mining.schema import RAW_POST, check_frame

SHARED_FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"


def fixture_file(*parts: str) -> Path:
    if not SHARED_FIXTURES.is_dir():
        pytest.skip(f"shared fixtures not found at {SHARED_FIXTURES} (they live beside the checkout)")
    return SHARED_FIXTURES.joinpath(*parts)


def read_path(path: Path, timezone: str = "UTC", **options: object) -> pd.DataFrame:
    frames = list(telegram.read_telegram(Source(path, path.name),
                                         InputConfig(timezone=timezone, **options)))
    return pd.concat(frames, ignore_index=True)


def read_json(tmp_path: Path, data: object | str, timezone: str = "UTC",
              **options: object) -> pd.DataFrame:
    path = tmp_path / "result.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False),
                    encoding="utf-8")
    return read_path(path, timezone, **options)


def values(series: pd.Series) -> list:
    return [None if pd.isna(v) else v for v in series]


# --- Real exports ------------------------------------------------------------------------------

# (file, rows, kind="system" rows): every message object of the file is one row.
@pytest.mark.parametrize("name, rows, system", [
    ("chat-analytics__DM_2A_7M.json", 8, 2),
    ("chat-miner__test_batch_export.json", 2, 0),
    ("chat-miner__test_single_export.json", 2, 0),
    ("tg-parser__personal_chat.json", 5, 1),
])
def test_fixture_counts(name: str, rows: int, system: int) -> None:
    path = fixture_file("telegram", name)
    df = read_path(path)
    assert len(df) == rows
    assert (df["kind"] == "system").sum() == system
    assert df["source"].eq("telegram").all()
    assert df["created_at"].notna().all()
    check_frame(df, RAW_POST, "telegram")
    source = Source(path, path.name)
    assert find_reader(source, source.head()).name == "telegram"


def test_media_without_a_caption_is_media_and_a_poll_is_its_question(tmp_path: Path) -> None:
    """Review 11 (R11-15): photos, stickers and voice messages were counted as empty posts, and a
    poll's question was dropped. Review 13 (R13-4): a poll is kind ``poll``, not a member's
    question: it was a "recurring question asked 13 times, unanswered"."""
    real = read_path(fixture_file("telegram", "chat-analytics__DM_2A_7M.json"))
    assert real.loc[real["source_id"].isin(["3672", "3673"]), "kind"].tolist() == ["media", "media"]
    chat = {"name": "Γονείς", "type": "private_supergroup", "id": 1, "messages": [
        {"id": n, "type": "message", "date_unixtime": str(1730000000 + n), "from": "Νίκος",
         "from_id": "user7", "text": "", **extra} for n, extra in enumerate([
            {"media_type": "sticker", "sticker_emoji": "😂", "file": "(File not included.)"},
            {"media_type": "voice_message", "file": "voice_messages/audio_1.ogg"},
            {"photo": "photos/photo_1.jpg", "text": "Η εφαρμογή κόλλησε πάλι"},
            {"poll": {"question": "Πότε κάνουμε τη συνάντηση;", "closed": False, "total_voters": 3,
                      "answers": [{"text": "Τρίτη", "voters": 2}, {"text": "Πέμπτη", "voters": 1}]}},
        ], 1)]}
    df = read_json(tmp_path, chat)
    assert df["kind"].tolist() == ["media", "media", "message", "poll"]  # review 13 R13-4
    assert df["text"].tolist()[2:] == ["Η εφαρμογή κόλλησε πάλι",
                                       "Πότε κάνουμε τη συνάντηση;\nΤρίτη\nΠέμπτη"]


def test_fixture_text_lists_and_entities() -> None:
    batch = read_path(fixture_file("telegram", "chat-miner__test_batch_export.json"))
    assert batch["text"].tolist() == ["Minimal Message", "Link:https://telegram.org/"]
    assert batch["channel"].eq("Chatname").all()
    assert batch["source_id"].tolist() == ["1", "2"]  # no ids in the file: 1-based position
    mixed = read_path(fixture_file("telegram", "tg-parser__personal_chat.json"))
    assert mixed["text"].iloc[2] == "Check this important message"


def test_fixture_reply_and_thread() -> None:
    df = read_path(fixture_file("telegram", "tg-parser__personal_chat.json"))
    assert values(df["parent_id"]) == [None, None, None, "3", None]
    assert values(df["thread_id"]) == [None, None, "3", "3", None]
    assert df["text"].iloc[4] == "\u2068Alice\u2069: phone call"  # a name, marked for privacy
    # each member is their account (from_id, actor_id), the name shown beside it
    assert df["author"].tolist() == ["user111", "user222", "user111", "user222", "user111"]
    assert df["author_handle"].tolist() == ["Alice", "Bob", "Alice", "Bob", "Alice"]


@pytest.mark.parametrize("timezone, first", [
    ("UTC", "2019-07-05 16:55:32"),
    ("Asia/Jerusalem", "2019-07-05 13:55:32"),  # "date" has no zone: the exporting PC's time
])
def test_fixture_date_without_unixtime_is_localized(timezone: str, first: str) -> None:
    df = read_path(fixture_file("telegram", "chat-analytics__DM_2A_7M.json"), timezone)
    assert df["created_at"].iloc[0] == pd.Timestamp(first, tz="UTC")
    # date_unixtime is UTC whatever the zone: 1652135033 is 2022-05-09 22:23:53 UTC.
    assert df["created_at"].iloc[3] == pd.Timestamp("2022-05-09 22:23:53", tz="UTC")
    assert df["text"].iloc[0] == "\u2068Bob\u2069: joined telegram"


# --- An inline full export ---------------------------------------------------------------------

def message(mid: int, **fields: object) -> dict:
    base = {"id": mid, "type": "message", "date": "2024-03-12T12:00:00",
            "date_unixtime": str(1710237600 + mid * 60), "from": "Dana", "from_id": "user1"}
    return {**base, **fields}


FULL_EXPORT = {
    "about": "Here is the data you requested.",
    "personal_information": {"user_id": 1, "first_name": "Dana"},
    "chats": {"about": "", "list": [
        {"name": "משוב מוצר", "type": "private_supergroup", "id": 111, "messages": [
            {"id": 1, "type": "service", "date": "2024-03-12T12:00:00", "date_unixtime": "1710237600",
             "actor": "Dana", "actor_id": "user1", "action": "topic_created", "title": "באגים",
             "text": "", "text_entities": []},
            message(2, reply_to_message_id=1, text="האפליקציה קורסת",
                    text_entities=[{"type": "plain", "text": "האפליקציה קורסת"}],
                    reactions=[{"type": "emoji", "count": 3, "emoji": "👍"},
                               {"type": "custom_emoji", "count": 2, "document_id": "5"}]),
            message(3, reply_to_message_id=2, **{"from": None}, from_id="user3",
                    edited="2024-03-12T12:10:00", edited_unixtime="1710238200",
                    text=["stale ", {"type": "bold", "text": "text"}],
                    text_entities=[{"type": "plain", "text": "Same "},
                                   {"type": "bold", "text": "here"}]),
            {"id": 4, "type": "message", "date": "2024-03-12T12:00:00", "from": "Avi",
             "text": "unrelated"},
            message(5, reply_to_message_id=99, reply_to_peer_id="channel555", text="cross-chat"),
            {"id": 6, "type": "unsupported"},
        ]},
        {"name": "Μαρία", "type": "personal_chat", "id": 222, "messages": [
            message(1, **{"from": "Μαρία"}, text="Καλημέρα"),
        ]},
    ]},
    "left_chats": {"about": "", "list": [
        {"name": "Old group", "type": "private_group", "id": 333, "messages": [message(7, text="bye")]},
    ]},
}


def test_full_export_every_chat_and_message(tmp_path: Path) -> None:
    df = read_json(tmp_path, FULL_EXPORT, timezone="Asia/Jerusalem", personal_chats=True)
    assert df["source_id"].tolist() == ["111:1", "111:2", "111:3", "111:4", "111:5", "111:6",
                                        "222:1", "333:7"]
    assert df["kind"].tolist() == ["system"] + ["message"] * 4 + ["system"] + ["message"] * 2
    # a personal chat is named after a person: the name is marked for the privacy pass
    # a forum topic's messages are in it: its title is their channel
    assert df["channel"].tolist() == (["משוב מוצר / באגים"] * 3 + ["משוב מוצר"] * 3
                                      + ["\u2068Μαρία\u2069", "Old group"])
    assert df["text"].tolist()[:3] == ['\u2068Dana\u2069: topic created ("באגים")', "האפליקציה קורסת",
                                       "Same here"]
    assert df["text"].iloc[5] == "unsupported message"
    assert values(df["author"]) == ["user1", "user1", "user3", "Avi", "user1", None, "user1",
                                    "user1"]
    # pointing at the topic_created message is being in the topic, not a reply to its creator
    assert values(df["parent_id"])[:5] == [None, None, "111:2", None, None]
    # The forum topic's messages are its channel, not a thread under its topic_created message:
    # 3 replies to 2 inside the topic.
    assert values(df["thread_id"])[:5] == [None, "111:2", "111:2", None, None]
    assert values(df["reactions"]) == [0, 5, 0, 0, 0, 0, None, None]
    assert df["edited"].tolist() == [False, False, True] + [False] * 5
    # No date_unixtime: "date" is read in the given zone (UTC+2 in March).
    assert df["created_at"].iloc[3] == pd.Timestamp("2024-03-12 10:00", tz="UTC")
    assert pd.isna(df["created_at"].iloc[5])  # "unsupported" carries no date
    check_frame(df, RAW_POST, "telegram")


def test_a_full_exports_personal_chats_are_counted_not_read(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Review 12 (R12-19): the account owner's private chat with a friend made 18 of a topic's
    32 posts and was quoted in the community report, without a word."""
    with caplog.at_level("WARNING", logger="mining"):
        frames = list(telegram.read_telegram(*_written(tmp_path, FULL_EXPORT),
                                             InputConfig(timezone="UTC")))
    df = pd.concat(frames, ignore_index=True)
    assert not df["source_id"].str.startswith("222:").any() and len(df) == 7
    said = "1 personal chat (1 messages) not read"
    assert frames[-1].attrs["notes"]["personal_chats_not_read"].startswith(said)
    assert said in caplog.text and "input.personal_chats = true" in caplog.text
    private = {"chats": {"list": [FULL_EXPORT["chats"]["list"][1]]}, "personal_information": {}}
    with pytest.raises(InputError, match="1 personal chat"):
        list(telegram.read_telegram(*_written(tmp_path, private), InputConfig(timezone="UTC")))


def _written(tmp_path: Path, data: dict) -> tuple[Source]:
    path = tmp_path / "result.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return (Source(path, path.name),)


def test_single_chat_ids_are_not_prefixed(tmp_path: Path) -> None:
    chat = FULL_EXPORT["chats"]["list"][0]
    df = read_json(tmp_path, chat)
    assert df["source_id"].tolist() == ["1", "2", "3", "4", "5", "6"]
    assert values(df["parent_id"])[:3] == [None, None, "2"]


def test_hex_escapes_are_tolerated(tmp_path: Path) -> None:
    raw = ('{"name": "x", "type": "personal_chat", "id": 1, "messages": [{"id": 1, '
           '"type": "message", "date_unixtime": "1710237600", "from": "a", "text": "bell\\x07!"}]}')
    df = read_json(tmp_path, raw)
    assert df["text"].tolist() == ["bell\x07!"]


def test_broken_json_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_json(tmp_path, '{"messages": [\n{"id": 1, "type": "message",\n}')
    assert caught.value.code == "E110"
    assert str(caught.value).startswith("result.json: line ")


def test_a_message_that_is_not_an_object_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_json(tmp_path, {"name": "x", "type": "personal_chat", "id": 1,
                             "messages": [message(1, text="ok"), "garbage"]})
    assert caught.value.code == "E111"
    assert "message 2" in str(caught.value)


def test_thread_roots_follow_chains_and_missing_starts() -> None:
    assert telegram.thread_roots({1: None, 2: 1, 3: 2, 5: 4, 6: 6}) == \
        {1: 1, 2: 1, 3: 1, 4: 4, 5: 4, 6: 6}


@pytest.mark.parametrize("head, expected", [
    ('{"name": "a", "type": "personal_chat", "id": 1, "messages": [{"id": 1, "type": "message"',
     True),
    ('{"about": "Here is the data", "personal_information": {}', True),
    ('{"guild": {"id": "1"}, "channel": {"id": "2"}, "messages": []}', False),
    ('[{"text": "a table"}]', False),
])
def test_sniff(head: str, expected: bool) -> None:
    assert telegram._sniff(Source(Path("result.json"), "result.json"), head.encode()) is expected


# --- Streaming: chunks and blocks give what reading whole gives ------------------------------

@pytest.mark.parametrize("chunk, block", [(1, 7), (2, 64), (3, 1 << 16)])
def test_chunked_reading_gives_the_same_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             chunk: int, block: int) -> None:
    whole = read_json(tmp_path, FULL_EXPORT, timezone="Asia/Jerusalem")
    monkeypatch.setattr(telegram, "CHUNK_MESSAGES", chunk)
    monkeypatch.setattr(jsonstream, "BLOCK_BYTES", block)
    path = tmp_path / "result.json"
    frames = list(telegram.read_telegram(Source(path, path.name),
                                         InputConfig(timezone="Asia/Jerusalem")))
    assert max(len(f) for f in frames) <= chunk
    pd.testing.assert_frame_equal(pd.concat(frames, ignore_index=True), whole)


def test_thread_and_reactions_settle_across_chunks(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # The root's first reply and the chat's first reaction both come in the next chunk.
    chat = {"name": "x", "type": "private_supergroup", "id": 1, "messages": [
        message(1, text="root"), message(2, text="other"),
        message(3, reply_to_message_id=1, text="reply",
                reactions=[{"type": "emoji", "count": 2, "emoji": "👍"}]),
        message(4, text="more"), message(5, text="more"),
        message(6, reply_to_message_id=3, text="deep reply, chunks later"),
    ]}
    monkeypatch.setattr(telegram, "CHUNK_MESSAGES", 2)
    df = read_json(tmp_path, chat)
    assert values(df["thread_id"]) == ["1", None, "1", None, None, "1"]
    assert values(df["reactions"]) == [0, 0, 2, 0, 0, 0]


@pytest.mark.parametrize("block", range(1, 9))
def test_hex_escapes_cut_by_a_block_boundary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             block: int) -> None:
    monkeypatch.setattr(jsonstream, "BLOCK_BYTES", block)
    # \x07 is an escape; \\x41 an escaped backslash before "x41"; \\\x1f both.
    raw = ('{"name": "x", "messages": [{"id": 1, "type": "message", "from": "a", '
           '"text": "a\\x07b\\\\x41c\\\\\\x1fd"}]}')
    df = read_json(tmp_path, raw)
    assert df["text"].tolist() == ["a\x07b\\x41c\\\x1fd"]


def test_broken_json_names_the_exact_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonstream, "BLOCK_BYTES", 16)
    lines = ['{"name": "x", "messages": ['] + [f'{{"id": {n}, "text": "ok"}},' for n in range(1, 40)]
    lines[20] = '{"id": 20, "text": "ok",},'
    with pytest.raises(InputError) as caught:
        read_json(tmp_path, "\n".join(lines) + '\n{"id": 99}]}')
    assert caught.value.code == "E110"
    assert str(caught.value).startswith("result.json: line 21: cannot parse: ")


def test_bad_utf8_names_every_damaged_line_and_says_what_helps(tmp_path: Path) -> None:
    """Review 13 (R13-20): a platform writes UTF-8, so a byte that is not is damage; the error
    said to "re-save the file as UTF-8", which cannot help, and named the first line only."""
    path = tmp_path / "result.json"
    raw = (b'{"name": "x",\n "messages": [\n{"id": 1, "text": "caf\xe9"},\n{"id": 2, "text": "ok"},'
           b'\n{"id": 3, "text": "na\xefve"}]}')  # cp1252 bytes on lines 3 and 5
    path.write_bytes(raw)
    with pytest.raises(InputError) as caught:
        read_path(path)
    assert caught.value.code == "E128"
    assert str(caught.value).startswith("result.json:3: the file is UTF-8 with damaged bytes "
                                        "(not another encoding) on 2 lines: 3, 5; export it again")


def test_a_name_after_the_messages_is_still_read(tmp_path: Path) -> None:
    df = read_json(tmp_path, '{"messages": [{"id": 1, "type": "message", "text": "hi"}], '
                             '"name": "Ομάδα", "id": 5}')
    assert df["channel"].tolist() == ["Ομάδα"]


# --- Dates in every form exports have written ----------------------------------------------------

@pytest.mark.parametrize("fields, expected", [
    ({"date": "2017-01-01T06:20:09.248Z"}, "2017-01-01 06:20:09.248"),  # ISO with a zone
    ({"date": "2017-01-01T08:20:09+02:00"}, "2017-01-01 06:20:09"),
    ({"date": "2017-01-01T08:20:09"}, "2017-01-01 06:20:09"),  # the PC's time, here Athens
    ({"date": "1483251609"}, "2017-01-01 06:20:09"),  # epoch seconds as a string
    ({"date": 1483251609}, "2017-01-01 06:20:09"),  # ... or a number
    ({"date": "2017-01-01T08:20:09", "date_unixtime": "1483251609"}, "2017-01-01 06:20:09"),
    ({"date": "2017-01-01T06:20:09Z", "date_unixtime": 1483251609}, "2017-01-01 06:20:09"),
    ({"date": "not a date"}, None),
])
def test_every_date_form(tmp_path: Path, fields: dict, expected: str | None) -> None:
    msg = {"id": 1, "type": "message", "from": "Νίκος", "text": "Η εφαρμογή κολλάει", **fields}
    df = read_json(tmp_path, {"name": "Ομάδα", "type": "private_group", "messages": [msg]},
                   timezone="Europe/Athens")
    found = df["created_at"].iloc[0]
    assert (None if pd.isna(found) else found) == (expected and pd.Timestamp(expected, tz="UTC"))


def test_zoned_iso_dates_without_unixtime_are_ingested(tmp_path: Path) -> None:
    # The shape that stopped `mining ingest` ("Already tz-aware"): zoned ISO strings, edits too.
    from mining.config import Config
    from mining.pipeline import ingest_posts

    messages = [{"id": n, "type": "message", "date": f"2017-01-0{n}T06:20:09.248Z",
                 "edited": f"2017-01-0{n}T07:00:00Z", "from": "דני", "text": text}
                for n, text in enumerate(["האפליקציה קורסת כשאני פותח את המצלמה",
                                          "גם אצלי, מאז העדכון האחרון", "Still broken here"], 1)]
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"name": "משוב", "type": "private_group", "messages": messages},
                               ensure_ascii=False), encoding="utf-8")
    files = ingest_posts([str(path)], tmp_path / "posts.parquet", Config())
    posts = pd.read_parquet(tmp_path / "posts.parquet")
    assert files[0].error is None and files[0].records == len(posts) == 3
    assert posts["created_at"].dt.day.tolist() == [1, 2, 3] and posts["edited"].all()


def test_user_names_in_mentions_are_pseudonymized_and_empty_entities_keep_the_text(
        tmp_path: Path) -> None:
    """Review 8 (R8-7, R8-2): a ``mention`` entity (``@dana_levi``, a user name by definition)
    stayed in clear when no member of the export was called so; a message whose
    ``text_entities`` a tool left empty lost its ``text`` and was set aside as empty."""
    from mining.config import Config
    from mining.pipeline import read_posts

    def message(n: int, text: list | str, entities: list) -> dict:
        return {"id": n, "type": "message", "date": "2026-10-01T10:01:00",
                "date_unixtime": str(1790838060 + n), "from": "יוסי כהן", "from_id": "user2",
                "text": text, "text_entities": entities}

    mention = [{"type": "mention", "text": "@dana_levi"}, {"type": "plain", "text": " גם אצלי"}]
    chat = {"name": "g", "type": "private_supergroup", "id": 1, "messages": [
        message(1, mention, mention), message(2, "האפליקציה קורסת בתשלום", [])]}
    (tmp_path / "result.json").write_text(json.dumps(chat, ensure_ascii=False), encoding="utf-8")
    posts = read_posts([str(tmp_path / "result.json")], Config())
    assert posts["text_norm"].str.fullmatch(r"@member-[0-9a-f]{8} גם אצלי").tolist() == [True, False]
    assert posts["text_norm"].tolist()[1] == "האפליקציה קורסת בתשלום"


def _chat_of(*messages: dict) -> dict:
    return {"name": "קהילת האפליקציה", "type": "private_supergroup", "id": 1,
            "messages": [{"date": "2026-10-01T10:00:00", "date_unixtime": str(1790838000 + 60 * n),
                          "type": "message", "id": n, **m} for n, m in enumerate(messages, 1)]}


def test_members_are_their_accounts_whatever_name_they_show(tmp_path: Path) -> None:
    """Review 8 (R8-10): three members named "דני" (distinct from_id) were one member, and a
    member who renamed mid-export ("Dana Levi" → "Dana L. 🌸") two. The name is still replaced
    where a post writes it, and a mention without @ goes to the account its user_id names."""
    from mining.config import Config
    from mining.pipeline import read_posts

    chat = _chat_of(*[{"from": "דני", "from_id": f"user{n}", "text": f"האפליקציה קורסת {n}"}
                      for n in (1, 2, 3)],
                    {"from": "Dana Levi", "from_id": "user4", "text": "the app crashes"},
                    {"from": "Dana L. 🌸", "from_id": "user4", "text": "still crashing"},
                    {"from": "Avi", "from_id": "user5", "text": "",
                     "text_entities": [{"type": "mention_name", "text": "דני", "user_id": 2},
                                       {"type": "plain", "text": " תודה, וגם Dana Levi צדקה"}]})
    (tmp_path / "result.json").write_text(json.dumps(chat, ensure_ascii=False), encoding="utf-8")
    posts = read_posts([str(tmp_path / "result.json")], Config())
    authors = posts["author"].tolist()
    assert len(set(authors[:3])) == 3 and authors[3] == authors[4]
    assert posts["text_norm"].iloc[5] == f"{authors[1]} תודה, וגם {authors[3]} צדקה"


def test_a_brand_named_by_its_name_shown_and_a_channel_post_keep_their_names(tmp_path: Path) -> None:
    """``brand.accounts`` names a brand as members see it; the author is the account."""
    from mining.config import Config
    from mining.pipeline import read_posts

    chat = _chat_of({"from": "Netcom Support", "from_id": "user7", "text": "we are on it"},
                    {"from": "נטקום", "from_id": "channel9", "text": "עדכון: התקלה תוקנה"},
                    {"from": "Dana", "from_id": "user4", "text": "the app crashes"})
    (tmp_path / "result.json").write_text(json.dumps(chat, ensure_ascii=False), encoding="utf-8")
    config = Config().updated("brand", accounts=["Netcom Support"])
    posts = read_posts([str(tmp_path / "result.json")], config)
    assert posts["author"].tolist()[:2] == ["Netcom Support", "נטקום"]
    assert posts["author_is_brand"].tolist() == [True, True, False]


def test_forum_topics_are_channels_and_no_replies(tmp_path: Path) -> None:
    """Review 8 (R8-13): in a forum group every message of a topic points at its
    ``topic_created`` message; each was a reply to the topic's creator, and the topic's title
    was lost. A reply to a message inside the topic is still a reply."""
    chat = _chat_of(
        {"type": "service", "actor": "Admin", "actor_id": "user9", "action": "topic_created",
         "title": "תקלות", "text": ""},
        {"type": "service", "actor": "Admin", "actor_id": "user9", "action": "topic_created",
         "title": "הצעות לשיפור", "text": ""},
        {"from": "Dana", "from_id": "user1", "reply_to_message_id": 1, "text": "קורס בתשלום"},
        {"from": "Avi", "from_id": "user2", "reply_to_message_id": 2, "text": "תוסיפו מצב לילה"},
        {"from": "Noa", "from_id": "user3", "reply_to_message_id": 3, "text": "גם אצלי"},
        {"from": "Noa", "from_id": "user3", "text": "בוקר טוב"})
    df = read_json(tmp_path, chat)
    assert values(df["parent_id"]) == [None, None, None, None, "3", None]
    # a thread is a reply chain inside the topic: the topic's creation starts none (forum
    # threads without parent links make each later post a reply to the first)
    assert values(df["thread_id"]) == [None, None, "3", None, "3", None]
    assert df["channel"].tolist() == ["קהילת האפליקציה / תקלות", "קהילת האפליקציה / הצעות לשיפור",
                                      "קהילת האפליקציה / תקלות", "קהילת האפליקציה / הצעות לשיפור",
                                      "קהילת האפליקציה / תקלות", "קהילת האפליקציה"]
    from mining.challenges.threads import find_parents
    assert find_parents(df).tolist() == [-1, -1, -1, -1, 2, -1]  # one reply, not five


def test_a_forwarded_message_is_kind_forward_and_not_analyzed(tmp_path: Path) -> None:
    """Review 13 (R13-18): news forwarded from a channel was analyzed and quotable as the
    member's own words."""
    from mining.filter import skip_reason

    chat = {"name": "Παρέα", "type": "private_supergroup", "id": 1, "messages": [
        {"id": 1, "type": "message", "date_unixtime": "1730000001", "from": "Νίκος",
         "from_id": "user7", "forwarded_from": "ΣΙΓΜΑ Live",
         "text": "Διακοπή ρεύματος σε όλη τη Λευκωσία από τις 10 το πρωί"},
        {"id": 2, "type": "message", "date_unixtime": "1730000002", "from": "Νίκος",
         "from_id": "user7", "text": "Και σε μας δεν έχει ρεύμα από το πρωί"}]}
    df = read_json(tmp_path, chat)
    assert df["kind"].tolist() == ["forward", "message"]
    assert skip_reason(df["text"].iloc[0], "forward", False, 2) == "forward"
