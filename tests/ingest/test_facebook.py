"""Facebook DYI JSON: Messenger threads, posts and comments, and the mojibake repair."""
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest import read_inputs
from mining.ingest.facebook import repair_json, repair_mojibake

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"


def _mojibake(text: str) -> str:
    """What Facebook writes for ``text``: each UTF-8 byte as a Latin-1 code point."""
    return text.encode("utf-8").decode("latin-1")


def _fixture_files(folder: str) -> list[Path]:
    if not (FIXTURES / folder).is_dir():
        pytest.skip(f"{FIXTURES / folder} is absent: the shared fixtures are not on this machine")
    return sorted((FIXTURES / folder).glob("*.json"))


@pytest.mark.parametrize("folder", ["messenger", "instagram"])
def test_fixture_threads_give_one_row_per_message(folder):
    for path in _fixture_files(folder):
        messages = json.loads(path.read_text(encoding="utf-8-sig"))["messages"]
        posts, files = read_inputs([str(path)], InputConfig())
        assert files[0].reader == "facebook" and files[0].records == len(messages)
        assert posts["author"].tolist() == [m["sender_name"] for m in messages]
        assert posts["text"].tolist() == [m.get("content", "") for m in messages]
        expected = pd.to_datetime([m["timestamp_ms"] for m in messages], unit="ms", utc=True)
        assert posts["created_at"].tolist() == list(expected)
        # a file, a voice clip, a sticker or a photo sent without text is kind media (R11-15)
        media = [not m.get("content") and any(k in m for k in ("files", "audio_files", "sticker", "photos"))
                 for m in messages]
        assert posts["kind"].tolist() == ["media" if m else "message" for m in media]
        assert posts["post_id"].is_unique


@pytest.mark.parametrize("text, name, reaction", [
    ("המשלוח הגיע באיחור של שעתיים", "נועה כהן", "😢"),
    ("Η παραγγελία ήρθε χωρίς το γάλα", "Νίκος Παπαδόπουλος", "👍"),
])
def test_messenger_mojibake_is_repaired_in_text_names_and_reactions(tmp_path, text, name, reaction):
    thread = {
        "participants": [{"name": _mojibake(name)}, {"name": "Dan"}],
        "messages": [
            {"sender_name": _mojibake(name), "timestamp_ms": 1717236000000,
             "content": _mojibake(text), "type": "Generic", "is_unsent": False,
             "reactions": [{"reaction": _mojibake(reaction), "actor": _mojibake(name)},
                           {"reaction": _mojibake("❤"), "actor": "Dan"}]},
            # Already correct text must come through untouched.
            {"sender_name": "Dan", "timestamp_ms": 1717235000000, "content": "café " + text},
        ],
        "title": _mojibake(name), "thread_path": "inbox/x_1",
    }
    path = tmp_path / "message_1.json"
    path.write_text(json.dumps(thread), encoding="utf-8")  # \u00XX escapes, as Facebook writes
    posts, _ = read_inputs([str(path)], InputConfig())
    assert posts["text"].tolist() == [text, "café " + text]
    assert posts["author"].tolist() == [name, "Dan"]
    assert posts["channel"].tolist() == [name, name]
    assert posts["reactions"].tolist() == [2, 0]
    assert posts["created_at"].iloc[0] == pd.Timestamp("2024-06-01 10:00", tz="UTC")
    repaired = repair_json(json.loads(path.read_text(encoding="utf-8")))
    assert repaired["messages"][0]["reactions"][0] == {"reaction": reaction, "actor": name}
    assert repaired["participants"][0]["name"] == name


@pytest.mark.parametrize("stored, expected", [
    (_mojibake("שלום"), "שלום"),
    (_mojibake("Καλημέρα"), "Καλημέρα"),
    (_mojibake("ø"), "ø"),
    ("\u00f0\u009f\u0091\u008d", "👍"),
    ("שלום", "שלום"),  # above U+00FF: already text
    ("café", "café"),  # Latin-1 that is not UTF-8 bytes
    ("plain ascii", "plain ascii"),
])
def test_repair_mojibake_only_where_it_round_trips(stored, expected):
    assert repair_mojibake(stored) == expected


def test_unsent_and_call_messages_keep_their_rows(tmp_path):
    thread = {"participants": [{"name": "A"}], "messages": [
        {"sender_name": "A", "timestamp_ms": 2000, "is_unsent": True, "type": "Generic"},
        {"sender_name": "A", "timestamp_ms": 1000, "content": "A called", "type": "Call",
         "call_duration": 12},
    ]}
    path = tmp_path / "message_1.json"
    path.write_text(json.dumps(thread), encoding="utf-8")
    posts, _ = read_inputs([str(path)], InputConfig())
    assert posts["deleted"].tolist() == [True, False]
    assert posts["kind"].tolist() == ["message", "system"]


def test_posts_and_comments_shapes(tmp_path):
    posts_file = tmp_path / "your_posts_1.json"
    posts_file.write_text(json.dumps([
        {"timestamp": 1717236000, "data": [{"post": _mojibake("הזמנתי פעמיים ולא קיבלתי")}],
         "attachments": [{"data": [{"external_context": {"url": "https://example.org/x"}}]}],
         "title": "x"},
        {"timestamp": 1717236100, "data": [{"update_timestamp": 1717236200}], "title": "x"},
        {"timestamp": 1717236300, "title": "an entry without data"},
    ]), encoding="utf-8")
    comments_file = tmp_path / "comments.json"
    comments_file.write_text(json.dumps({"comments_v2": [
        {"timestamp": 1717236000, "title": "x", "data": [{"comment": {
            "timestamp": 1717236000, "comment": _mojibake("Το προϊόν ήρθε σπασμένο"),
            "author": _mojibake("Μαρία"), "group": _mojibake("Πελάτες")}}]},
        {"timestamp": 1717236500, "title": "x"},
    ]}), encoding="utf-8")
    posts, files = read_inputs([str(tmp_path)], InputConfig())
    assert {f.file: (f.reader, f.records) for f in files} == {
        "comments.json": ("facebook", 2), "your_posts_1.json": ("facebook", 3)}
    assert all(f.notes["record_ids"].startswith("record numbers") for f in files)  # the method's
    comments = posts[posts["source_file"] == "comments.json"]
    assert comments["text"].tolist() == ["Το προϊόν ήρθε σπασμένο", ""]
    assert comments["author"].iloc[0] == "Μαρία" and comments["channel"].iloc[0] == "Πελάτες"
    assert comments["kind"].tolist() == ["comment", "post"]
    own = posts[posts["source_file"] == "your_posts_1.json"]
    assert own["text"].tolist() == ["הזמנתי פעמיים ולא קיבלתי", "", ""]
    assert own["url"].iloc[0] == "https://example.org/x"
    assert own["kind"].tolist() == ["post"] * 3
    # one person's activity, which the method says (review 13 R13-19: reported as a community)
    assert all(f.notes["one_persons_activity"].startswith("the posts and comments of a Download")
               for f in files)


@pytest.mark.parametrize("content, match", [
    ('{"participants": [], "messages": [{"sender_name": "A", "timestamp_ms": 1},'
     ' {"sender_name": "B", "content": "x"}]}', r"messages\[1\]\.timestamp_ms .*\[E111\]"),
    ('{"participants": [], "messages": [{"sender_name": "A", "timestamp_ms": 1,\n "content": }',
     r"line 2: cannot parse.*\[E110\]"),
])
def test_malformed_thread_names_the_file_and_place(tmp_path, content, match):
    path = tmp_path / "message_1.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=r"message_1\.json: .*" + match):
        read_inputs([str(path)], InputConfig())


def test_a_plain_json_table_is_not_taken_for_facebook(tmp_path):
    path = tmp_path / "rows.json"
    path.write_text(json.dumps([{"timestamp": 1, "title": "a", "text": "the courier was late"}]),
                    encoding="utf-8")
    _, files = read_inputs([str(path)], InputConfig())
    assert files[0].reader == "table"


def _group_export(tmp_path: Path, comment: str, author: str, title: str, post_title: str) -> Path:
    """A DYI group export: one comment in ``your_comments_in_groups.json``, one post in
    ``your_posts_in_groups.json``, as Facebook writes them (mojibake)."""
    (tmp_path / "your_comments_in_groups.json").write_text(json.dumps({"group_comments_v2": [
        {"timestamp": 1790839000, "title": _mojibake(title), "data": [{"comment": {
            "timestamp": 1790839000, "comment": _mojibake(comment), "author": _mojibake(author),
            "group": "Parents 3rd grade"}}]}]}), encoding="utf-8")
    (tmp_path / "your_posts_in_groups.json").write_text(json.dumps({"group_posts_v2": [
        {"timestamp": 1790838000, "title": _mojibake(post_title),
         "data": [{"post": "the committee app does not open, ask @[100:0:Noa Levi]"}]}]}),
        encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("comment, author, title, answered", [
    ("Yossi Cohen, same here the app crashes", "Dana Levi",
     "Dana Levi replied to Yossi Cohen's comment.", "Yossi Cohen"),
    ("thanks, Yossi Cohen is right", "Dana Levi", "Dana Levi commented on Yossi Cohen's post.",
     "Yossi Cohen"),
    # a localized title: the name the reply opens with, as the title writes it
    ("יוסי כהן, גם אצלי האפליקציה קורסת", "דנה לוי", "דנה לוי הגיבה לפוסט של יוסי כהן.", "יוסי כהן"),
])
def test_a_group_comment_keeps_no_name_of_the_person_it_answers(tmp_path, comment, author, title,
                                                                answered):
    """Review 8 (R8-15): Facebook writes a tag as the plain full name, and a reply opens with
    the person answered, whom the entry's title names: it stayed in clear. A group post's
    title gives its poster and group ("Dana Levi posted in Parents 3rd grade.")."""
    from mining.config import Config
    from mining.pipeline import read_posts

    folder = _group_export(tmp_path, comment, author, title, "Dana Levi posted in Parents 3rd grade.")
    posts = read_posts([str(folder)], Config()).set_index("source_file")
    everything = posts.astype(str).to_string()
    assert answered not in everything and author not in everything and "Noa Levi" not in everything
    reply = posts.at["your_comments_in_groups.json", "text_norm"]
    assert re.fullmatch(re.escape(comment).replace(re.escape(answered), "member-[0-9a-f]{8}"), reply)
    post = posts.loc["your_posts_in_groups.json"]
    assert post["channel"] == "Parents 3rd grade" and post["author"].startswith("member-")
    assert re.fullmatch(r"the committee app does not open, ask @member-[0-9a-f]{8}", post["text_norm"])


@pytest.mark.parametrize("text, title", [
    ("The app crashes again", "Dana Levi commented on a post."),
    ("Dana Levi here, same problem", "Dana Levi replied to his own comment."),  # the author: a pseudonym anyway
    ("same here the app crashes", "Dana Levi replied to Yossi Cohen's comment."),
    ("גם אצלי האפליקציה קורסת", "דנה לוי הגיבה לפוסט של יוסי כהן."),
])
def test_a_title_marks_only_a_name_it_writes(text, title):
    from mining.ingest.facebook import tags_marked
    assert tags_marked(text, title, title.split(" replied")[0].split(" commented")[0]
                       if "Dana" in title else "דנה לוי") == text


def test_texts_messenger_writes_itself_are_system_rows(tmp_path):
    """Review 8 (R8-6): "Reacted ❤️ to your message", "Dana Levi sent an attachment.", "Liked a
    message", "... set the nickname for ..." were analyzed as members' posts (one landed in a
    challenge). They are the forms public Messenger and Instagram parsers list, by the sender or
    "You"; a member writing about an attachment stays a message."""
    texts = [("Dana Levi", "Reacted ❤️ to your message "), ("Dana Levi", "Dana Levi sent an attachment."),
             ("Mike Jones", "You sent an attachment."), ("Mike Jones", "Liked a message"),
             ("Mike Jones", "Mike Jones named the group Parents 3rd grade."),
             ("Dana Levi", "Dana Levi set the nickname for Mike Jones to Mikey."),
             ("Mike Jones", "Mike Jones changed the group photo."),
             ("Dana Levi", "Dana Levi added Noa Cohen to the group."),
             ("Dana Levi", "Mike Jones sent an attachment."),  # not its own sender: a message
             ("Dana Levi", "I sent an attachment, did the school get it?"),
             ("Dana Levi", "the school bus was late again today")]
    thread = {"participants": [{"name": "Dana Levi"}, {"name": "Mike Jones"}], "title": "Parents",
              "messages": [{"sender_name": _mojibake(s), "timestamp_ms": 1791000000000 - n * 60000,
                            "content": _mojibake(t)} for n, (s, t) in enumerate(texts)]}
    (tmp_path / "message_1.json").write_text(json.dumps(thread), encoding="utf-8")
    posts, files = read_inputs([str(tmp_path / "message_1.json")], InputConfig())
    assert files[0].records == len(posts) == len(texts)
    assert posts["kind"].tolist() == ["system"] * 8 + ["message"] * 3
    assert posts["text"].iloc[5] == ("Dana Levi set the nickname for \u2068Mike Jones\u2069 to "
                                     "\u2068Mikey\u2069.")
    assert posts["text"].iloc[7] == "Dana Levi added \u2068Noa Cohen\u2069 to the group."


def test_a_one_to_one_chat_in_a_download_your_information_inbox_is_not_read(tmp_path, caplog):
    """Review 13 (R13-19): a DYI folder's private two-person Messenger thread was read, and its
    messages quoted in the report, as a Telegram full export's personal chats had been."""
    thread = _fixture_files("messenger")[0]  # a real two-person thread, thread_type "Regular"
    inbox = tmp_path / "dyi" / "messages" / "inbox" / "alice_aaaaaaaaaa"
    inbox.mkdir(parents=True)
    (inbox / "message_1.json").write_bytes(thread.read_bytes())
    with pytest.raises(InputError, match=r"\[E113\]") as only:  # nothing else to read
        read_inputs([tmp_path / "dyi"], InputConfig())
    assert "1 file: a one-to-one chat (" in str(only.value)
    chat = FIXTURES / "whatsapp" / "chat-analytics__4A_11M.txt"  # and a group chat beside it
    (tmp_path / "dyi" / chat.name).write_bytes(chat.read_bytes())
    posts, files = read_inputs([tmp_path / "dyi"], InputConfig())
    private = next(f for f in files if "inbox" in f.file)
    assert private.records == 0 and private.error is None and len(posts) > 0
    assert private.notes["personal_chats_not_read"].startswith("a one-to-one chat (")
    assert "alice" not in caplog.text  # the thread's folder names the other person
    read, _ = read_inputs([tmp_path / "dyi"], InputConfig(personal_chats=True))
    alone, _ = read_inputs([thread], InputConfig())  # a thread file given on its own is read
    assert (read["source"] == "facebook").sum() == len(alone) > 0
