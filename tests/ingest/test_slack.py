"""Slack workspace exports: day files, threads, users.json lookups, and the metadata files."""
import json
import zipfile
from pathlib import Path, PurePosixPath

import pandas as pd
import pytest

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest import read_inputs

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"
ARCHIVE = FIXTURES / "slack" / "slack-export-viewer__testarchive.zip"
METADATA = {"channels.json", "users.json", "integration_logs.json"}


@pytest.fixture(scope="module")
def archive() -> Path:
    if not ARCHIVE.is_file():
        pytest.skip(f"{ARCHIVE} is absent: the shared fixtures are not on this machine")
    return ARCHIVE


def _day_files(zip_path: Path) -> dict[str, list[dict]]:
    with zipfile.ZipFile(zip_path) as z:
        return {m: json.loads(z.read(m)) for m in z.namelist()
                if m.endswith(".json") and "/" in m and not m.endswith("/")}


def test_fixture_archive_reads_every_message_and_records_the_metadata_files(archive):
    days = _day_files(archive)
    with zipfile.ZipFile(archive) as z:
        names = {u["id"]: u["name"] for u in json.loads(z.read("users.json"))}
    posts, files = read_inputs([str(archive)], InputConfig())
    assert len(posts) == sum(len(m) for m in days.values()) == 158
    reports = {f.file.split("!", 1)[1]: f for f in files}
    for member, messages in days.items():
        assert (reports[member].reader, reports[member].records) == ("slack", len(messages))
    for member in METADATA:
        assert (reports[member].reader, reports[member].records, reports[member].error) == (
            "slack-metadata", 0, None)
    assert set(posts["channel"]) == {"enrique", "traveling-sailor"}
    messages = [m for day in days.values() for m in day]
    by_user = [(m["user"], a) for m, a in zip(messages, posts["author"]) if m.get("user") in names]
    assert by_user and all(names[user] == author for user, author in by_user)
    # joins, integrations, and Slack's own "uploaded a file" lines (3, with no comment)
    assert posts["kind"].value_counts()["system"] == sum(
        m.get("subtype") in ("channel_join", "bot_add", "file_share") for m in messages) == 14
    # every <@U...> mention is the user's account, marked for the privacy pass; no raw id is left
    assert not posts["text"].str.contains("<@U", regex=False).any()
    mentions = posts["text"].str.extract("^@\u2068([^\u2069]+)\u2069: Created an issue")[0].dropna()
    assert mentions.tolist() == ["abilinski"]  # Harry Potter
    assert posts["edited"].sum() == sum("edited" in m for m in messages) == 1
    assert posts["reactions"].sum() == sum(r["count"] for m in messages for r in m.get("reactions", []))
    assert posts["post_id"].is_unique
    # an integration's notice (its text only in attachments: commits) reads as its attachments
    # say it (review 11, R11-14), kind integration: not clustered (P11-1)
    bots = posts[posts["kind"] == "integration"]
    assert len(bots) == sum(m.get("subtype") == "bot_message" for m in messages) == 94
    assert bots["text"].str.strip().ne("").all()
    assert bots["text"].iloc[0].startswith("[enrique:master] 1 new commit by ")


def test_unpacked_folder_reads_like_the_zip(archive, tmp_path):
    with zipfile.ZipFile(archive) as z:
        z.extractall(tmp_path / "export")
    from_zip, _ = read_inputs([str(archive)], InputConfig())
    from_folder, files = read_inputs([str(tmp_path / "export")], InputConfig())
    columns = ["source_id", "channel", "author", "text", "created_at", "kind"]
    assert from_folder[columns].equals(from_zip[columns])
    assert {f.file for f in files if f.reader == "slack-metadata"} == METADATA


USERS = [
    {"id": "U1", "name": "noa", "real_name": "נועה כהן", "profile": {"real_name": "נועה כהן"}},
    {"id": "U2", "name": "nikos", "real_name": "", "profile": {"real_name": "Νίκος"}},
]
PARENT, REPLY = "1717236000.000100", "1717236060.000200"
GONE, ORPHAN = "1717236100.000300", "1717236160.000400"  # a deleted parent and its reply
DAY_ONE = [
    {"type": "message", "subtype": "channel_join", "user": "U2", "text": "<@U2> has joined the channel",
     "ts": "1717235000.000050"},
    {"type": "message", "user": "U1", "text": "האפליקציה קורסת כשאני משלם &amp; יוצא",
     "ts": PARENT, "thread_ts": PARENT, "reply_count": 2,
     "reactions": [{"name": "+1", "users": ["U2"], "count": 1}]},
    {"type": "message", "user": "U2", "text": "Το ίδιο και σε μένα", "ts": REPLY,
     "thread_ts": PARENT, "parent_user_id": "U1", "edited": {"user": "U2", "ts": "1717236070.0"}},
    {"type": "message", "subtype": "tombstone", "user": "USLACKBOT",
     "text": "This message was deleted.", "ts": GONE, "thread_ts": GONE, "reply_count": 1,
     "hidden": True},
    {"type": "message", "user": "U1", "text": "still broken for me", "ts": ORPHAN, "thread_ts": GONE},
]
DAY_TWO = [{"type": "message", "user": "U2", "text": "Διορθώθηκε;", "ts": "1717322400.000001",
            "thread_ts": PARENT}]


def _write_export(root: Path) -> None:
    (root / "support").mkdir(parents=True)
    (root / "users.json").write_text(json.dumps(USERS, ensure_ascii=False), encoding="utf-8")
    (root / "channels.json").write_text(json.dumps([{"id": "C1", "name": "support", "created": 1}]),
                                        encoding="utf-8")
    (root / "dms.json").write_text("[]", encoding="utf-8")
    (root / "support" / "2024-06-01.json").write_text(json.dumps(DAY_ONE, ensure_ascii=False),
                                                      encoding="utf-8")
    (root / "support" / "2024-06-02.json").write_text(json.dumps(DAY_TWO, ensure_ascii=False),
                                                      encoding="utf-8")


def _zip_export(root: Path, target: Path, prefix: str) -> Path:
    with zipfile.ZipFile(target, "w") as z:
        for path in sorted(root.rglob("*.json")):
            z.write(path, str(PurePosixPath(prefix) / path.relative_to(root).as_posix()))
    return target


@pytest.mark.parametrize("packed", ["folder", "zip", "zip with a top folder"])
def test_thread_with_reply_and_tombstone(tmp_path, packed):
    _write_export(tmp_path / "export")
    arg = tmp_path / "export"
    if packed != "folder":
        arg = _zip_export(arg, tmp_path / "export.zip", "top" if "top" in packed else "")
    posts, files = read_inputs([str(arg)], InputConfig())
    assert len(posts) == len(DAY_ONE) + len(DAY_TWO)
    assert sorted(f.reader for f in files) == ["slack", "slack", "slack-metadata", "slack-metadata",
                                               "slack-metadata"]
    rows = posts.set_index("source_id")
    assert rows.loc[PARENT, "text"] == "האפליקציה קורסת כשאני משלם & יוצא"
    # each member is their account (the user name), the name shown beside it
    assert rows.loc[PARENT, "author"] == "noa" and rows.loc[REPLY, "author"] == "nikos"
    assert (rows.loc[PARENT, "author_handle"], rows.loc[REPLY, "author_handle"]) == ("נועה כהן", "Νίκος")
    assert pd.isna(rows.loc[PARENT, "parent_id"]) and rows.loc[PARENT, "thread_id"] == PARENT
    assert rows.loc[PARENT, "reply_count"] == 2 and rows.loc[PARENT, "reactions"] == 1
    assert rows.loc[REPLY, "parent_id"] == PARENT and bool(rows.loc[REPLY, "edited"])
    assert rows.loc["1717322400.000001", "parent_id"] == PARENT  # a reply in a later day file
    assert bool(rows.loc[GONE, "deleted"]) and rows.loc[ORPHAN, "parent_id"] == GONE
    assert rows.loc["1717235000.000050", "kind"] == "system"
    assert set(posts["channel"]) == {"support"}
    assert rows.loc[REPLY, "created_at"] == pd.Timestamp("2024-06-01 10:01:00.0002", tz="UTC")


def test_a_day_file_alone_keeps_user_ids_as_authors(tmp_path):
    path = tmp_path / "support" / "2024-06-02.json"
    path.parent.mkdir()
    path.write_text(json.dumps(DAY_TWO, ensure_ascii=False), encoding="utf-8")
    posts, _ = read_inputs([str(path)], InputConfig())
    assert posts["author"].tolist() == ["U2"] and posts["channel"].tolist() == ["support"]



def test_links_channels_and_bots_read_as_slack_shows_them(tmp_path):
    """Review 8 (R8-3): ``<https://…|status page>`` stayed raw in quotes and the explorer. An
    integration's posts (``bot_message``) stay analyzed: a channel fed by a review bot is
    feedback (review 8, P2-1); they are kind ``bot``, so the bot is no member."""
    path = tmp_path / "support" / "2024-06-02.json"
    path.parent.mkdir()
    day = [{"type": "message", "user": "U2", "ts": "1717315200.000100",
            "text": "charged twice, see <https://status.example.com/i/42|status page> in <#C1|ops> <!here>"},
           {"type": "message", "subtype": "bot_message", "bot_id": "B1", "username": "Support Bot",
            "ts": "1717315260.000100", "text": "Thanks for reporting, we are looking into it"}]
    path.write_text(json.dumps(day), encoding="utf-8")
    posts, _ = read_inputs([str(path)], InputConfig())
    assert posts["text"].tolist()[0] == ("charged twice, see status page "
                                         "(https://status.example.com/i/42) in #ops @here")
    assert not posts["author_is_brand"].fillna(False).any()
    # its messages are read, but its account is no member (review 11, R11-6)
    assert posts["kind"].tolist() == ["message", "bot"]


def test_a_file_shared_without_text_is_media(tmp_path):
    """Review 13 (R13-6): 19 screenshots shared alone were counted as empty messages."""
    path = tmp_path / "bugs" / "2024-06-02.json"
    path.parent.mkdir()
    shot = {"id": "F1", "name": "screenshot.png", "mimetype": "image/png"}
    day = [{"type": "message", "user": "U2", "ts": "1717315200.000100", "text": "", "files": [shot]},
           {"type": "message", "user": "U2", "ts": "1717315260.000100", "text": "it crashes here",
            "files": [shot]}]
    path.write_text(json.dumps(day), encoding="utf-8")
    assert read_inputs([str(path)], InputConfig())[0]["kind"].tolist() == ["media", "message"]

@pytest.mark.parametrize("content, match", [
    (json.dumps([DAY_TWO[0], {"type": "message", "text": "no ts"}]), r"\[1\]: .*numeric ts \[E111\]"),
    ('[{"type": "message", "ts": "1.2", "text": "x"},\n{"type": ', r"line 2: cannot parse.*\[E110\]"),
])
def test_malformed_day_file_names_the_file_and_place(tmp_path, content, match):
    path = tmp_path / "support" / "2024-06-02.json"
    path.parent.mkdir()
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=r"2024-06-02\.json.*" + match):
        read_inputs([str(path)], InputConfig())


def test_broken_users_json_stops_its_day_files_with_an_error_naming_it(tmp_path):
    _write_export(tmp_path)
    (tmp_path / "users.json").write_text('[{"id": "U1", ', encoding="utf-8")
    with pytest.raises(InputError, match=r"users\.json: line 1: cannot parse.*\[E110\]"):
        read_inputs([str(tmp_path)], InputConfig())


MENTIONS = [
    {"type": "message", "user": "U1", "text": "<@U2> אפשר לבדוק את זה? גם <@U2|nikos> ו-<@U7QX9ZZ>",
     "ts": "1717240000.000100"},
    {"type": "message", "subtype": "file_share", "user": "U2",
     "text": "<@U2|nikos> uploaded a file: <https://acme.slack.com/files/U2/F0VNAKDE2/log.txt|log.txt>",
     "ts": "1717240060.000200"},
    {"type": "message", "subtype": "file_share", "user": "U1",
     "text": "<@U1|noa> uploaded a file: <https://acme.slack.com/files/U1/F0VQ4C4BT/a.png|a.png> and "
             "commented: צילום מסך של השגיאה &amp; הלוג", "ts": "1717240120.000300"},
    {"type": "message", "subtype": "file_share", "user": "U2", "files": [{"id": "F1"}],
     "text": "Εδώ είναι το αρχείο καταγραφής", "ts": "1717240180.000400"},
]


def test_mentions_are_marked_names_and_upload_lines_are_system(tmp_path):
    _write_export(tmp_path)
    (tmp_path / "support" / "2024-06-01.json").write_text(json.dumps(MENTIONS, ensure_ascii=False),
                                                           encoding="utf-8")
    posts, _ = read_inputs([str(tmp_path / "support" / "2024-06-01.json")], InputConfig())
    assert posts["text"].tolist() == [
        "@\u2068nikos\u2069 אפשר לבדוק את זה? גם @\u2068nikos\u2069 ו-@\u2068U7QX9ZZ\u2069",
        "@\u2068nikos\u2069 uploaded a file: https://acme.slack.com/files/U2/F0VNAKDE2/log.txt",
        "צילום מסך של השגיאה & הלוג",
        "Εδώ είναι το αρχείο καταγραφής",
    ]
    assert posts["kind"].tolist() == ["message", "system", "message", "message"]


def test_slack_mentions_become_the_members_pseudonyms(tmp_path):
    from mining.config import BrandConfig, PrivacyConfig
    from mining.privacy import protect_identities, pseudonym
    _write_export(tmp_path)
    (tmp_path / "support" / "2024-06-01.json").write_text(json.dumps(MENTIONS, ensure_ascii=False),
                                                           encoding="utf-8")
    posts, _ = read_inputs([str(tmp_path / "support" / "2024-06-01.json")], InputConfig())
    out, _ = protect_identities(posts, PrivacyConfig(salt="s"), BrandConfig())
    nikos, unknown = pseudonym("nikos", "s"), pseudonym("U7QX9ZZ", "s")
    assert out["text"].iloc[0] == (f"@\u2068{nikos}\u2069 אפשר לבדוק את זה? גם @\u2068{nikos}\u2069 "
                                   f"ו-@\u2068{unknown}\u2069")
    assert out["author"].iloc[1] == nikos
    assert not out["text"].str.contains("Νίκος|U7QX9ZZ|<@", regex=True).any()


def test_a_slack_user_name_typed_in_posts_is_its_authors_pseudonym(tmp_path):
    """Members type each other's Slack user name ("@noa", "ask nikos_p"): users.json gives it
    beside the name shown, and it was kept in the text (found by a review)."""
    from mining.config import BrandConfig, PrivacyConfig
    from mining.privacy import protect_identities, pseudonym
    _write_export(tmp_path)
    users = [*USERS, {"id": "U3", "name": "nikos_p", "real_name": "Νίκος Παπαδόπουλος"}]
    (tmp_path / "users.json").write_text(json.dumps(users, ensure_ascii=False), encoding="utf-8")
    day = [{"type": "message", "user": "U1", "text": "the app crashes", "ts": "1717235000.000050"},
           {"type": "message", "user": "U3", "text": "@noa same here", "ts": "1717235001.000050"},
           {"type": "message", "user": "U1", "text": "ask nikos_p, he knows", "ts": "1717235002.000050"}]
    (tmp_path / "support" / "2024-06-01.json").write_text(json.dumps(day), encoding="utf-8")
    posts, _ = read_inputs([str(tmp_path / "support" / "2024-06-01.json")], InputConfig())
    out, _ = protect_identities(posts, PrivacyConfig(salt="s"), BrandConfig())
    noa, nikos = pseudonym("noa", "s"), pseudonym("nikos_p", "s")
    assert out["author"].tolist() == [noa, nikos, noa]
    assert out["text"].tolist()[1:] == [f"@{noa} same here", f"ask {nikos}, he knows"]


def test_members_who_share_a_name_stay_apart_and_their_name_is_replaced(tmp_path):
    """Review 8 (R8-10): four Slack users named "Yossi Cohen" (distinct ids and user names)
    were one member. Each is their account now; the name typed in a post is still replaced."""
    from mining.config import BrandConfig, PrivacyConfig
    from mining.privacy import protect_identities
    _write_export(tmp_path)
    users = [{"id": f"U{n}", "name": f"yossi{n}", "real_name": "Yossi Cohen"} for n in range(4)]
    users.append({"id": "U9", "name": "yossi", "real_name": "Yossi"})
    users.append({"id": "U8", "name": "yossi", "real_name": "Yossi K"})  # a user name two share
    (tmp_path / "users.json").write_text(json.dumps(users), encoding="utf-8")
    day = [{"type": "message", "user": f"U{n}", "text": f"the app crashes when I pay {n}",
            "ts": f"171723500{n}.000050"} for n in (0, 1, 2, 3, 9, 8)]
    day.append({"type": "message", "user": "U0", "text": "thanks Yossi Cohen, same here <@U1>",
                "ts": "1717235010.000050"})
    (tmp_path / "support" / "2024-06-01.json").write_text(json.dumps(day), encoding="utf-8")
    posts, _ = read_inputs([str(tmp_path / "support" / "2024-06-01.json")], InputConfig())
    assert posts["author"].tolist()[:6] == ["yossi0", "yossi1", "yossi2", "yossi3", "yossi U9",
                                            "yossi U8"]
    out, summary = protect_identities(posts, PrivacyConfig(salt="s"), BrandConfig())
    assert out["author"].iloc[:6].nunique() == 6 and summary["people"] == 6
    last = out["text"].iloc[-1]
    assert "Yossi" not in last and last.endswith(f"@\u2068{out['author'].iloc[1]}\u2069")


def test_a_brand_account_named_by_its_name_shown_keeps_it(tmp_path):
    """``brand.accounts`` lists a brand as members see it, the name shown; the reader keys an
    author by account (the user name): the brand's posts keep the name shown."""
    from mining.config import BrandConfig, PrivacyConfig
    from mining.privacy import protect_identities
    _write_export(tmp_path)
    users = [*USERS, {"id": "U5", "name": "acme_support", "real_name": "Acme Support"}]
    (tmp_path / "users.json").write_text(json.dumps(users), encoding="utf-8")
    day = [{"type": "message", "user": "U5", "text": "we are on it", "ts": "1717235000.000050"}]
    (tmp_path / "support" / "2024-06-01.json").write_text(json.dumps(day), encoding="utf-8")
    posts, _ = read_inputs([str(tmp_path / "support" / "2024-06-01.json")], InputConfig())
    out, _ = protect_identities(posts, PrivacyConfig(salt="s"), BrandConfig(accounts=["Acme Support"]))
    assert out["author"].tolist() == ["Acme Support"] and out["author_is_brand"].all()
