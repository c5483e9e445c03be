"""DiscordChatExporter reader: real JSON fixtures from ../shared, inline thread JSON and CSV."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import pandas as pd
import pytest

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest import discord, jsonstream, read_inputs
from mining.ingest.registry import Source, find_reader
from mining.schema import RAW_POST, check_frame

SHARED_FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"


def fixture_file(*parts: str) -> Path:
    if not SHARED_FIXTURES.is_dir():
        pytest.skip(f"shared fixtures not found at {SHARED_FIXTURES} (they live beside the checkout)")
    return SHARED_FIXTURES.joinpath(*parts)


def read_path(path: Path, timezone: str = "UTC") -> pd.DataFrame:
    frames = list(discord.read_discord(Source(path, path.name), InputConfig(timezone=timezone)))
    return pd.concat(frames, ignore_index=True)


def values(series: pd.Series) -> list:
    return [None if pd.isna(v) else v for v in series]


# --- Real exports ------------------------------------------------------------------------------

# (file, rows, kind="system" rows). GC_3A_5M says "messageCount": 5 but holds 6 message
# objects (one id exported twice, in another chat): each object is one row.
@pytest.mark.parametrize("name, rows, system", [
    ("chat-analytics__DM_2A_2M.json", 3, 1),
    ("chat-analytics__GC_3A_5M.json", 6, 3),
])
def test_fixture_counts(name: str, rows: int, system: int) -> None:
    path = fixture_file("discord", name)
    df = read_path(path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert len(df) == rows == len(raw["messages"])
    assert df["source_id"].tolist() == [m["id"] for m in raw["messages"]]
    assert (df["kind"] == "system").sum() == system
    assert df["reactions"].tolist() == [sum(r["count"] for r in m["reactions"])
                                        for m in raw["messages"]]
    assert df["created_at"].notna().all()
    check_frame(df, RAW_POST, "discord")
    source = Source(path, path.name)
    assert find_reader(source, source.head()).name == "discord"


def test_fixture_reply_nickname_and_url() -> None:
    df = read_path(fixture_file("discord", "chat-analytics__GC_3A_5M.json"))
    # the account's user name, its nickname beside it (privacy replaces both)
    assert (df["author"].iloc[1], df["author_handle"].iloc[1]) == ("not a plant", "theplant")
    assert values(df["parent_id"]) == [None] * 4 + ["1064990824305274930", None]
    assert df["kind"].tolist() == ["system", "message", "system", "message", "message", "system"]
    assert df["url"].iloc[1] == \
        "https://discord.com/channels/@me/1064990764406419508/1064990824305274930"
    assert df["created_at"].iloc[0] == pd.Timestamp("2023-01-17 19:33:07.489", tz="UTC")


# --- Inline exports ----------------------------------------------------------------------------

def dce_message(mid: str, kind: str, content: str, **fields: object) -> dict:
    base = {"id": mid, "type": kind, "timestamp": "2024-03-12T10:00:00+02:00",
            "timestampEdited": None, "isPinned": False, "content": content,
            "author": {"id": "1", "name": "dana", "discriminator": "0000", "nickname": "Dana"},
            "attachments": [], "embeds": [], "stickers": [], "reactions": [], "mentions": []}
    return {**base, **fields}


THREAD_EXPORT = {
    "guild": {"id": "900", "name": "Acme", "iconUrl": ""},
    "channel": {"id": "555", "type": "GuildPublicThread", "categoryId": "500",
                "category": "feedback", "name": "Crash on start", "topic": None},
    "dateRange": {"after": None, "before": None},
    "messages": [
        dce_message("1", "ThreadCreated", "Started a thread."),
        dce_message("2", "Default", "האפליקציה קורסת כשפותחים את המצלמה",
                    timestamp="2024-03-12T10:01:00.123+00:00",
                    timestampEdited="2024-03-12T10:05:00+00:00",
                    author={"id": "2", "name": "avi", "discriminator": "0000"},
                    reactions=[{"emoji": {"id": "", "name": "👍"}, "count": 3},
                               {"emoji": {"id": "7", "name": "custom"}, "count": 2}]),
        dce_message("3", "Reply", "Ίδιο πρόβλημα κι εδώ",
                    author={"id": "3", "name": "maria", "nickname": None},
                    reference={"messageId": "2", "channelId": "555", "guildId": "900"}),
        dce_message("4", "GuildMemberJoin", "Joined the server."),
        dce_message("5", "ChannelPinnedMessage", "Pinned a message.",
                    reference={"messageId": "2", "channelId": "555", "guildId": "900"}),
        dce_message("6", "Default", "", reference={"type": "Forward", "messageId": "77",
                                                  "channelId": "999", "guildId": "900"}),
    ],
    "messageCount": 6,
}


def test_thread_export(tmp_path: Path) -> None:
    path = tmp_path / "Acme - Crash on start [555].json"
    path.write_text(json.dumps(THREAD_EXPORT, ensure_ascii=False), encoding="utf-8")
    df = read_path(path)
    assert df["kind"].tolist() == ["system", "message", "message", "system", "system", "message"]
    assert df["thread_id"].eq("555").all()
    # a thread's "category" is its parent channel, its name the members' title (R15-14)
    assert df["channel"].eq("feedback / Crash on start").all()
    assert values(df["parent_id"]) == [None, None, "2", None, None, None]
    assert df["author"].tolist() == ["dana", "avi", "maria", "dana", "dana", "dana"]
    assert df["reactions"].tolist() == [0, 5, 0, 0, 0, 0]
    assert df["edited"].tolist() == [False, True, False, False, False, False]
    assert df["created_at"].iloc[:2].tolist() == [pd.Timestamp("2024-03-12 08:00", tz="UTC"),
                                                  pd.Timestamp("2024-03-12 10:01:00.123", tz="UTC")]
    assert df["url"].iloc[1] == "https://discord.com/channels/900/555/2"


CSV_EXPORT = (
    '"AuthorID","Author","Date","Content","Attachments","Reactions"\n'
    '"1","dana","2024-03-12T10:00:00.000+02:00","האפליקציה קורסת\nכשפותחים מצלמה","","👍 (3),❤ (2)"\n'
    '"2","avi","2024-03-12 10:05","Joined the server.","",""\n'
    '"3","maria","2024-03-12T10:06:00+00:00","","https://cdn.discordapp.com/attachments/1/2/a.png",'
    '"🎉 (1)"\n'
)


def test_a_csv_holding_its_header_again_reads_it_as_no_post(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Review 15 (R15-8): two exports joined with ``cat``; the second header was a post by a
    member "Author" saying "Content"."""
    path = tmp_path / "Acme - feedback [555].csv"
    header, rows = CSV_EXPORT.split("\n", 1)
    path.write_text(CSV_EXPORT + header + "\n" + rows, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mining"):
        posts, files = read_inputs([path], InputConfig())
    assert len(posts) == files[0].records == 6
    assert "Content" not in posts["text"].tolist()
    assert posts["source_id"].tolist() == ["1", "2", "3", "5", "6", "7"]  # record 4 is the header
    assert files[0].notes["header_repeated"] == "records 4 below the header repeat it: read as no posts"
    assert "records 4 below the header repeat it" in caplog.text


def test_thread_start_in_the_parent_channel_links_the_thread(tmp_path: Path) -> None:
    parent = {**THREAD_EXPORT, "channel": {"id": "500", "type": "GuildTextChat",
                                           "category": "Feedback", "name": "feedback"},
              "messages": [dce_message("1", "ThreadCreated", "Started a thread.",
                                       reference={"messageId": None, "channelId": "555"}),
                           dce_message("2", "Default", "hello")]}
    path = tmp_path / "Acme - feedback [500].json"
    path.write_text(json.dumps(parent), encoding="utf-8")
    df = read_path(path)
    assert values(df["thread_id"]) == ["555", None]
    assert df["channel"].eq("feedback").all()
    assert values(df["parent_id"]) == [None, None]


def test_csv_export(tmp_path: Path) -> None:
    path = tmp_path / "Acme - feedback [555].csv"
    path.write_text(CSV_EXPORT, encoding="utf-8")
    source = Source(path, path.name)
    assert find_reader(source, source.head()).name == "discord"
    df = read_path(path, timezone="Asia/Jerusalem")
    assert df["source_id"].tolist() == ["1", "2", "3"]
    assert df["author"].tolist() == ["dana", "avi", "maria"]
    assert df["text"].tolist() == ["האפליקציה קורסת\nכשפותחים מצלמה", "Joined the server.", ""]
    assert df["kind"].tolist() == ["message", "system", "media"]  # a screenshot alone: R13-6
    assert df["reactions"].tolist() == [5, 0, 1]
    assert df["channel"].eq("feedback").all()
    # An offset is kept; a time without one is read in the given zone (UTC+2 in March).
    assert df["created_at"].tolist() == [pd.Timestamp(t, tz="UTC") for t in
                                         ("2024-03-12 08:00", "2024-03-12 08:05", "2024-03-12 10:06")]
    check_frame(df, RAW_POST, "discord")
    _, files = read_inputs([str(path)], InputConfig())  # the method section says what #2 is
    assert files[0].notes["record_ids"].startswith("row numbers below the header")


@pytest.mark.parametrize("text, total", [("👍 (3),❤ (2)", 5), ("", 0), ("custom_emoji (12)", 12)])
def test_reaction_total(text: str, total: int) -> None:
    assert discord.reaction_total(text) == total


def test_other_csv_stays_with_the_table_reader(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("Author,Date,Content\nann,2024-03-12,hello there\n", encoding="utf-8")
    posts, reports = read_inputs([str(path)], InputConfig())
    assert reports[0].reader == "table"


# --- Streaming JSON ----------------------------------------------------------------------------

@pytest.mark.parametrize("chunk, block", [(1, 5), (2, 64), (4, 1 << 16)])
def test_chunked_reading_gives_the_same_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             chunk: int, block: int) -> None:
    path = tmp_path / "Acme - Crash on start [555].json"
    path.write_text(json.dumps(THREAD_EXPORT, ensure_ascii=False), encoding="utf-8")
    whole = read_path(path)
    monkeypatch.setattr(discord, "CHUNK_MESSAGES", chunk)
    monkeypatch.setattr(jsonstream, "BLOCK_BYTES", block)
    frames = list(discord.read_discord(Source(path, path.name), InputConfig(timezone="UTC")))
    assert max(len(f) for f in frames) <= chunk
    pd.testing.assert_frame_equal(pd.concat(frames, ignore_index=True), whole)


def test_guild_and_channel_after_the_messages_are_still_read(tmp_path: Path) -> None:
    late = {"messages": THREAD_EXPORT["messages"], "guild": THREAD_EXPORT["guild"],
            "channel": THREAD_EXPORT["channel"]}
    path = tmp_path / "late.json"
    path.write_text(json.dumps(late, ensure_ascii=False), encoding="utf-8")
    df = read_path(path)
    assert df["channel"].eq("feedback / Crash on start").all()
    assert df["url"].iloc[1] == "https://discord.com/channels/900/555/2"


def test_broken_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "Acme - feedback [1].json"
    path.write_text('{"guild": {"id": "1"}, "channel": {"id": "2"},\n"messages": [\n'
                    '{"id": "3", "content": "hi"}\n{"id": "4"}]}', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_path(path)
    assert caught.value.code == "E110"
    assert str(caught.value).startswith("Acme - feedback [1].json: line 4: ")


def test_a_bot_accounts_messages_are_kind_bot() -> None:
    """Review 11 (R11-6): a moderation bot (``isBot``) counted among the active members."""
    dm = read_path(fixture_file("discord", "chat-analytics__DM_2A_2M.json"))
    assert dm["kind"].tolist() == ["message", "bot", "system"]


def test_a_dm_channel_is_marked_as_a_persons_and_a_group_dm_is_not() -> None:
    dm = read_path(fixture_file("discord", "chat-analytics__DM_2A_2M.json"))
    assert dm["channel"].unique().tolist() == ["\u2068Someones name\u2069"]
    group = read_path(fixture_file("discord", "chat-analytics__GC_3A_5M.json"))
    assert group["channel"].unique().tolist() == ["a group chat"]


def test_a_csv_of_the_direct_messages_guild_is_marked_as_a_persons(tmp_path: Path) -> None:
    path = tmp_path / "Direct Messages - Νίκος Π [530805775262679064].csv"
    path.write_text(",".join(discord.CSV_COLUMNS) + "\n"
                    "1,nikos,2024-03-12T12:00:00+00:00,the app logs me out,,\n", encoding="utf-8")
    assert read_path(path)["channel"].tolist() == ["\u2068Νίκος Π\u2069"]
    assert discord.direct_name_in(path.name) == "Νίκος Π"
    assert discord.direct_name_in("Acme - general [123].csv") is None


def test_a_member_mentioned_without_a_message_is_pseudonymized(tmp_path: Path) -> None:
    """Review 8 (R8-7): DiscordChatExporter lists the members a message @mentions; one with no
    message in the export stayed in clear ("@Ελένη Δημητρίου το είπε χθες")."""
    from mining.config import Config
    from mining.pipeline import read_posts

    eleni = {"id": "702", "name": "eleni_d", "nickname": "Ελένη Δημητρίου", "isBot": False}
    export = {"guild": {"id": "1", "name": "g"}, "channel": {"id": "2", "type": "GuildTextChat",
                                                            "name": "c"},
              "messages": [{"id": "1", "type": "Default", "timestamp": "2026-10-05T10:00:00+00:00",
                            "content": "@Ελένη Δημητρίου το είπε χθες, και @eleni_d ξέρει",
                            "author": {"id": "701", "name": "giorgos", "nickname": "Γιώργος"},
                            "mentions": [eleni]}]}
    (tmp_path / "c.json").write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    text = read_posts([str(tmp_path / "c.json")], Config())["text_norm"].iloc[0]
    assert "Ελένη" not in text and "eleni" not in text
    assert text.startswith("@member-") and " το είπε χθες, και @member-" in text



def test_a_screenshot_or_sticker_without_text_is_media(tmp_path: Path) -> None:
    """Review 13 (R13-6): 137 screenshots and stickers were counted as empty messages, where the
    chat readers say media."""
    person = {"id": "700", "name": "dana", "nickname": "Dana"}
    sent = [{"attachments": [{"id": "1", "fileName": "screenshot.png"}]},
            {"stickers": [{"id": "2", "name": "wave"}]},
            {"attachments": [{"id": "3", "fileName": "log.txt"}], "content": "the crash log"}]
    export = {"guild": {"id": "1", "name": "g"}, "channel": {"id": "2", "type": "GuildTextChat",
                                                            "name": "c"},
              "messages": [{"id": str(n), "type": "Default", "timestamp": f"2026-10-05T10:0{n}:00+00:00",
                            "content": "", "author": person, **extra} for n, extra in enumerate(sent)]}
    (tmp_path / "c.json").write_text(json.dumps(export), encoding="utf-8")
    assert read_path(tmp_path / "c.json")["kind"].tolist() == ["media", "media", "message"]


def test_members_who_share_a_nickname_stay_apart(tmp_path: Path) -> None:
    """Review 8 (R8-10): four members nicknamed "Γιώργος", and every deleted account, became one
    member."""
    from mining.config import Config
    from mining.pipeline import read_posts

    people = [{"id": str(700 + n), "name": f"giorgos_{n}", "nickname": "Γιώργος"} for n in range(2)]
    people += [{"id": str(800 + n), "name": "Deleted User", "nickname": "Deleted User"} for n in range(2)]
    export = {"guild": {"id": "1", "name": "g"}, "channel": {"id": "2", "type": "GuildTextChat",
                                                            "name": "c"},
              "messages": [{"id": str(n), "type": "Default", "timestamp": f"2026-10-05T10:0{n}:00+00:00",
                            "content": f"το παιχνίδι κολλάει στο level {n}", "author": person}
                           for n, person in enumerate(people)]}
    (tmp_path / "c.json").write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    posts = read_posts([str(tmp_path / "c.json")], Config())
    assert posts["author"].nunique() == 4


def test_a_mention_follows_the_account_it_names_not_the_nickname(tmp_path: Path) -> None:
    """Review 8 (P2-4 note): two members nicknamed "Γιώργος"; a reply "@Γιώργος κάνε restart"
    that DCE's ``mentions`` gives to giorgos_a was written with giorgos_b's pseudonym."""
    from mining.config import Config
    from mining.pipeline import read_posts

    giorgos_a = {"id": "701", "name": "giorgos_a", "nickname": "Γιώργος", "isBot": False}
    giorgos_b = {"id": "702", "name": "giorgos_b", "nickname": "Γιώργος", "isBot": False}
    maria = {"id": "703", "name": "maria_k", "nickname": "Μαρία Κ.", "isBot": False}
    messages = [
        {"id": "1", "type": "Default", "content": "το παιχνίδι κολλάει στο loading",
         "author": giorgos_a},
        {"id": "2", "type": "Default", "content": "κι εμένα κολλάει στο loading", "author": giorgos_b},
        {"id": "3", "type": "Reply", "content": "@Γιώργος κάνε restart", "author": maria,
         "mentions": [giorgos_a], "reference": {"messageId": "1", "channelId": "2"}},
    ]
    for n, message in enumerate(messages):
        message["timestamp"] = f"2026-10-05T10:0{n}:00+00:00"
    export = {"guild": {"id": "1", "name": "g"},
              "channel": {"id": "2", "type": "GuildTextChat", "name": "c"}, "messages": messages}
    (tmp_path / "c.json").write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    posts = read_posts([str(tmp_path / "c.json")], Config()).set_index("source_id")
    assert posts.at["1", "author"] != posts.at["2", "author"]
    assert posts.at["3", "text_norm"] == f"@{posts.at['1', 'author']} κάνε restart"


def test_a_csv_exports_mentions_are_pseudonymized(tmp_path: Path) -> None:
    """Review 13 (R13-16): DCE's CSV writes a mention as "@" and the display name, with no list of
    whom it names; "@Omar Haddad did you ever get a reply?" kept the full name, which the JSON
    export of the same channel pseudonymized."""
    from mining.config import Config
    from mining.pipeline import read_posts

    path = tmp_path / "Acme - feature-requests [555].csv"
    path.write_text(
        '"AuthorID","Author","Date","Content","Attachments","Reactions"\n'
        '"1","hugo_s","2024-03-12T10:00:00+00:00","@Omar Haddad did you ever get a reply?","",""\n'
        '"2","omar_h","2024-03-12T10:05:00+00:00","@Hugo Silva no, and @everyone should vote","",""\n'
        '"3","dana","2024-03-12T10:06:00+00:00","write to support@acme.com about it","",""\n',
        encoding="utf-8")
    texts = read_posts([str(path)], Config().updated("privacy", salt="s"))["text"].tolist()
    assert not any(name in t for t in texts for name in ("Omar", "Haddad", "Hugo", "Silva"))
    assert "member-" in texts[0] and "@everyone should vote" in texts[1]
    assert texts[2] == "write to [email] about it"


def test_spoiler_bars_and_quote_marks_are_not_read(tmp_path: Path) -> None:
    """Review 15 (R15-20): Discord shows "||...||" as a spoiler's bar and ">>> " as a quote's
    margin; kept as characters, they opened the quotes ("||spoiler|| svg path is not working")."""
    messages = [{"id": str(n), "type": "Default", "timestamp": "2024-03-12T10:00:00+00:00",
                 "author": {"id": "7", "name": "dana"}, "content": content}
                for n, content in enumerate([">>> ||spoiler|| svg path is not working",
                                             "> the quote\nmy answer", "if (a || b) it fails"])]
    path = tmp_path / "Acme - bugs [555].json"
    path.write_text(json.dumps({"guild": {"id": "1", "name": "Acme"},
                                "channel": {"id": "555", "name": "bugs"}, "messages": messages}),
                    encoding="utf-8")
    assert read_path(path)["text"].tolist() == ["spoiler svg path is not working",
                                                "the quote\nmy answer", "if (a || b) it fails"]
    csv = tmp_path / "Acme - bugs [556].csv"
    csv.write_text('"AuthorID","Author","Date","Content","Attachments","Reactions"\n'
                   '"7","dana","2024-03-12T10:00:00+00:00",">>> ||so slow|| today","",""\n',
                   encoding="utf-8")
    assert read_path(csv)["text"].tolist() == ["so slow today"]
def _csv_rows(rows: list[tuple[str, str]]) -> str:
    lines = [",".join(discord.CSV_COLUMNS)]
    for i, (author, text) in enumerate(rows):
        lines.append(f'{1000 + len(author)},{author},2026-10-{1 + i % 28:02d}T08:00:00+00:00,"{text}",,')
    return "\n".join(lines) + "\n"


def test_a_csv_level_up_bot_is_told_by_its_one_template(tmp_path: Path) -> None:
    """Review 15 R15-21: a CSV has no isBot, so MEE6's level-ups became a topic and a member."""
    members = ["kev", "jdoe", "tomasz", "ines"]
    level_ups = [("mee6", f"GG @{members[i % 4]}, you just advanced to level {i + 3}!")
                 for i in range(12)]
    canned = [("flowly_support", "Thanks for reporting! Could you DM us your account email?")] * 11
    member = [("kev", text) for text in (
        "same here", "sync is broken again after the update", "same here", "same here",
        "login loop after 5.2 update", "same here", "same here", "same here", "same here",
        "same here", "same here")]  # a member who mostly says one thing is no bot
    path = tmp_path / "Flowly Community - general [902].csv"
    path.write_text(_csv_rows(level_ups + canned + member), encoding="utf-8")
    df = read_path(path)
    kinds = {a: set(k) for a, k in df.groupby("author")["kind"]}
    assert kinds == {"mee6": {"bot"}, "flowly_support": {"message"}, "kev": {"message"}}
