"""The zone of times written without one, guessed from a file's posts (review 15, R15-2): not
from a JSON export's keys, Greeklish counted as Greek, a WhatsApp chat's phone language read from
WhatsApp's own words, and a file read in UTC though its posts are Hebrew or Greek said."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import pandas as pd
import pytest

from mining.config import InputConfig
from mining.ingest import read_inputs
from mining.ingest import whatsapp

# Real comments (../shared/corpora: hebrew-sentiment, offenseval-greek), short as chat posts are.
HEBREW = ["כל הכבוד והמון בהצלחה", "נקי כפיים ובר לבב בהצלחה לך ולנו", "ממש כואב אני בוכה",
          "שאלוהים ישמור עליך"]
GREEK = ["Κλαίω με το σποτάκι. Εξαιρετικό", "Πανέμορφα σκυλάκια.", "Τζιπ κιλοτ 4×4",
         "Εντάξει! Πνίγηκα με την σόπι σταρ..."]
# Greek comments of that corpus written in Latin letters, as a Cypriot group chats.
GREEKLISH = ["Sigá min den erxontan re Niko, kai poios den exei erthei",
             "Pou to vrikes re Nikola, to panteloni? Einai xaliocharia!",
             "Den mporo na katalavo giati den erxetai kaneis",
             "Kalimera se olous, ti kanete?"]
ENGLISH = ["I am still waiting on my card to arrive, it has been more than two weeks now and "
           "nobody in the support chat can tell me where it is or when it will be sent. " * 6]


def telegram_group(texts: list[str]) -> dict:
    """A Telegram Desktop export of a group, every message with the keys it writes."""
    return {"name": "group", "type": "private_supergroup", "id": 1, "messages": [
        {"id": i, "type": "message", "date": "2026-10-01T08:00:00",
         "date_unixtime": str(1790838000 + 60 * i), "from": "member", "from_id": f"user{i % 7}",
         "text": text, "text_entities": [{"type": "plain", "text": text}]}
        for i, text in enumerate(texts, 1)]}


def discord_channel(texts: list[str]) -> dict:
    """A DiscordChatExporter JSON export, every message with the keys it writes."""
    author = {"id": "1", "name": "dana", "discriminator": "0000", "nickname": "Dana",
              "color": None, "isBot": False, "roles": [], "avatarUrl": "https://cdn/a.png"}
    return {"guild": {"id": "900", "name": "Acme", "iconUrl": ""},
            "channel": {"id": "555", "type": "GuildTextChat", "category": "general",
                        "name": "general", "topic": None},
            "messages": [{"id": str(i), "type": "Default", "timestamp": "2026-10-01T08:00:00+03:00",
                          "timestampEdited": None, "callEndedTimestamp": None, "isPinned": False,
                          "content": text, "author": author, "attachments": [], "embeds": [],
                          "stickers": [], "reactions": [], "mentions": []}
                         for i, text in enumerate(texts, 1)]}


def zone_of(path: Path) -> str:
    _, files = read_inputs([path], InputConfig())
    return files[0].notes["timezone_for_local_times"]


@pytest.mark.parametrize("export, name, texts, zone", [
    (telegram_group, "result.json", HEBREW, "Asia/Jerusalem"),
    (telegram_group, "result.json", GREEK, "Europe/Athens"),
    (discord_channel, "Acme - general [555].json", GREEK, "Europe/Athens"),
])
def test_a_json_exports_zone_is_its_posts_language_not_its_keys(
        tmp_path: Path, export, name: str, texts: list[str], zone: str) -> None:
    path = tmp_path / name
    path.write_text(json.dumps(export(texts * 5), ensure_ascii=False), encoding="utf-8")
    assert zone_of(path) == f"{zone} (default for a file in {'Hebrew' if 'Jer' in zone else 'Greek'})"


GREEK_PHONE = "\n".join(
    ["01/10/26 8:00 π.μ. - Τα μηνύματα και οι κλήσεις είναι κρυπτογραφημένα από άκρο σε άκρο."]
    + [f"01/10/26 {9 + i % 3}:{i:02d} π.μ. - {('Christos', 'Andreas Ch', 'Eleni')[i % 3]}: {text}"
       for i, text in enumerate(GREEKLISH * 4)]) + "\n"


def test_a_greek_phones_greeklish_chat_is_read_in_greek_time(tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat with Filoi.txt"
    path.write_text(GREEK_PHONE, encoding="utf-8")
    posts, files = read_inputs([path], InputConfig())
    assert files[0].notes["timezone_for_local_times"] == (
        "Europe/Athens (default for a chat exported by a phone in Greek)")
    # 9:00 in Cyprus and Greece in October is 06:00 UTC, not 09:00.
    assert posts["created_at"].iloc[1] == pd.Timestamp("2026-10-01 06:00", tz="UTC")


def test_greeklish_posts_count_as_greek(tmp_path: Path) -> None:
    """Without WhatsApp's own words (a chat pasted into a table), the Greeklish decides."""
    path = tmp_path / "chat.csv"
    path.write_text("date,author,text\n" + "".join(
        f"2026-10-01 09:{i:02d},member{i % 3},\"{text}\"\n" for i, text in enumerate(GREEKLISH * 4)),
        encoding="utf-8")
    assert zone_of(path) == "Europe/Athens (default for a file in Greek)"


@pytest.mark.parametrize("head, language", [
    (GREEK_PHONE, "el"),
    ("[04/10/2026, 00:04:44] ועד הורים: \u200eMessages and calls are end-to-end encrypted.\n"
     "[04/10/2026, 00:05:10] אסף טל: " + HEBREW[0] + "\n", None),  # an English phone
    ("12/10/2026, 21:32 - הודעות ושיחות מוצפנות מקצה לקצה.\n12/10/2026, 21:33 - Dana: hi\n", "he"),
])
def test_the_phone_language_is_whatsapps_own_words(head: str, language: str | None) -> None:
    assert whatsapp.phone_language(head) == language


def test_a_file_read_in_utc_whose_posts_are_hebrew_is_said(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A group whose first 64 KB are English and whose posts then turn Hebrew: the head decides
    UTC, the first posts say Hebrew, and the terminal says so."""
    path = tmp_path / "result.json"
    texts = ENGLISH * 40 + [" ".join(HEBREW)] * 1000
    path.write_text(json.dumps(telegram_group(texts), ensure_ascii=False), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mining"):
        _, files = read_inputs([path], InputConfig())
    assert files[0].notes["timezone_for_local_times"].startswith("UTC")
    assert "though its posts are mostly Hebrew" in files[0].notes["timezone_unsure"]
    assert "Asia/Jerusalem" in caplog.text and "result.json" in caplog.text
