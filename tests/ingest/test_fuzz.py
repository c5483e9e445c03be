"""The fuzz suite at a small size: one round of every mutation (truncation, byte flips,
re-encodings, control characters, duplicated and reordered records) of every real export in
``../shared/fixtures``, read by the reader that claims it and by ``mining ingest``.
``benchmarks/fuzz.py`` runs the same at a large size."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT.parent / "shared" / "fixtures"


def _fuzz_module():
    spec = importlib.util.spec_from_file_location("fuzz", ROOT / "benchmarks" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not FIXTURES.is_dir(),
                    reason=f"{FIXTURES} is absent: the shared export fixtures are not on this machine")
def test_mutated_exports_are_read_whole_or_set_aside_with_a_code(tmp_path: Path) -> None:
    fuzz = _fuzz_module()
    found = fuzz.fuzz(FIXTURES, tmp_path, rounds=1, seed=0)
    fixtures = sum(1 for p in FIXTURES.rglob("*") if p.is_file() and p.name != "MANIFEST.tsv")
    assert found.files >= fixtures * len(fuzz.MUTATIONS)  # zip members count one by one
    assert found.escaped == []  # nothing but coded errors out of mining ingest
    assert found.uncoded == []  # nor out of any reader called directly
    assert found.unaccounted == []  # records read = rows written, per file
    assert found.over_memory == []
    # the mutations do bite: some files still read, others set aside with their codes
    assert found.outcomes["read"] > 0 and found.records > 0
    assert {"E103", "E110"} <= set(found.outcomes)


PROBLEM, WISH = "מה הכי מפריע לך באפליקציה?", "מה היית רוצה שנוסיף?"


def _mojibake(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def _review8_inputs(folder: Path) -> Path:
    """Small exports in the shapes review 8's reader fixes read (stop 30): Telegram members who
    share a name, rename, are deleted, post as a channel, in forum topics; Slack users who share
    a real name or a user name, with mentions; Discord mentions of one of two same-nickname
    members; Messenger's own texts; Facebook group comments and posts with titles; a survey
    with two open questions."""
    import json
    import zipfile

    def tg(n: int, **fields: object) -> dict:
        return {"id": n, "type": "message", "date": "2026-10-01T10:00:00",
                "date_unixtime": str(1790838000 + 60 * n), "text": f"האפליקציה קורסת {n}", **fields}
    chat = {"name": "קהילת האפליקציה", "type": "private_supergroup", "id": 1, "messages": [
        tg(1, type="service", actor="Admin", actor_id="user9", action="topic_created", title="תקלות"),
        *[tg(n, **{"from": "דני"}, from_id=f"user{n}", reply_to_message_id=1) for n in (2, 3, 4)],
        tg(5, **{"from": "Dana Levi"}, from_id="user5"), tg(6, **{"from": "Dana L. 🌸"}, from_id="user5"),
        tg(7, **{"from": None}, from_id="user7", reply_to_message_id=5),
        tg(8, **{"from": "נטקום"}, from_id="channel8", text="עדכון: התקלה תוקנה"),
        tg(9, **{"from": "Avi"}, from_id="user10", text="", text_entities=[
            {"type": "mention_name", "text": "דני", "user_id": 3}, {"type": "plain", "text": " גם אצלי"}])]}
    (folder / "telegram").mkdir(parents=True)
    (folder / "telegram" / "result.json").write_text(json.dumps(chat, ensure_ascii=False), "utf-8")
    users = [{"id": f"U{n}", "name": f"yossi{n}", "real_name": "Yossi Cohen"} for n in range(3)]
    users += [{"id": "U8", "name": "yossi", "real_name": "Yossi K"}, {"id": "U9", "name": "yossi"}]
    day = [{"type": "message", "user": f"U{n}", "text": f"<@U{(n + 1) % 3}> the app crashes {n}",
            "ts": f"171723500{n}.000050"} for n in range(3)]
    day += [{"type": "message", "user": u, "text": "same here", "ts": f"17172350{n}.000050"}
            for n, u in ((10, "U8"), (11, "U9"))]
    with zipfile.ZipFile(folder / "slack.zip", "w") as archive:
        archive.writestr("users.json", json.dumps(users))
        archive.writestr("channels.json", json.dumps([{"id": "C1", "name": "bugs", "created": 1}]))
        archive.writestr("bugs/2024-06-01.json", json.dumps(day))
    giorgos = [{"id": str(700 + n), "name": f"giorgos_{n}", "nickname": "Γιώργος"} for n in range(2)]
    (folder / "discord").mkdir()
    (folder / "discord" / "c.json").write_text(json.dumps({
        "guild": {"id": "1", "name": "g"}, "channel": {"id": "2", "type": "GuildTextChat", "name": "c"},
        "messages": [{"id": str(n), "type": "Default", "timestamp": f"2026-10-05T10:0{n}:00+00:00",
                      "content": f"@Γιώργος το παιχνίδι κολλάει {n}", "author": giorgos[n % 2],
                      "mentions": [giorgos[(n + 1) % 2]]} for n in range(4)]}, ensure_ascii=False),
        "utf-8")
    texts = [("Dana Levi", "Reacted ❤️ to your message "), ("Dana Levi", "Dana Levi sent an attachment."),
             ("Mike Jones", "You sent an attachment."), ("Mike Jones", "Liked a message"),
             ("Dana Levi", "Dana Levi set the nickname for Mike Jones to Mikey."),
             ("Dana Levi", "the school bus was late again today")]
    (folder / "messenger").mkdir()
    (folder / "messenger" / "message_1.json").write_text(json.dumps({
        "participants": [{"name": "Dana Levi"}, {"name": "Mike Jones"}], "title": "Parents",
        "messages": [{"sender_name": _mojibake(s), "timestamp_ms": 1791000000000 - 60000 * n,
                      "content": _mojibake(t)} for n, (s, t) in enumerate(texts)]}), "utf-8")
    (folder / "facebook").mkdir()
    (folder / "facebook" / "your_comments_in_groups.json").write_text(json.dumps({"group_comments_v2": [
        {"timestamp": 1790839000 + n, "title": _mojibake(title), "data": [{"comment": {
            "timestamp": 1790839000 + n, "comment": _mojibake(text), "author": _mojibake(author),
            "group": "Parents 3rd grade"}}]} for n, (author, title, text) in enumerate([
                ("Dana Levi", "Dana Levi replied to Yossi Cohen's comment.", "Yossi Cohen, same here"),
                ("דנה לוי", "דנה לוי הגיבה לפוסט של יוסי כהן.", "יוסי כהן, גם אצלי @[1:0:Noa Levi]")])]}),
        "utf-8")
    (folder / "facebook" / "your_posts_in_groups.json").write_text(json.dumps({"group_posts_v2": [
        {"timestamp": 1790838000, "title": "Dana Levi posted in Parents 3rd grade.",
         "data": [{"post": "the committee app does not open since the update"}]}]}), "utf-8")
    import pandas as pd
    pd.DataFrame({"חותמת זמן": ["1/10/2026 10:00:00", "1/10/2026 11:00:00"], "שם מלא": ["יוסי", "דנה"],
                  PROBLEM: ["האפליקציה קורסת כשאני משלם", ""],
                  WISH: ["רשימת קניות משותפת בבקשה", "הנחות לחברי מועדון"]}).to_csv(
        folder / "survey.csv", index=False)
    return folder


def test_mutated_review8_shapes_are_read_whole_or_set_aside_with_a_code(tmp_path: Path) -> None:
    """The shapes stop 30 reads anew (account-keyed members, forum topics, mentions by id,
    Messenger's own texts, Facebook titles, several text columns), cut short, flipped,
    re-encoded, with control characters, duplicated and reordered records."""
    fuzz = _fuzz_module()
    inputs = _review8_inputs(tmp_path / "inputs")
    found = fuzz.fuzz(inputs, tmp_path / "work", rounds=1, seed=0,
                      options={"text_column": [PROBLEM, WISH]})
    assert found.escaped == [] and found.uncoded == [] and found.unaccounted == []
    assert found.outcomes["read"] > 0 and found.records > 0
