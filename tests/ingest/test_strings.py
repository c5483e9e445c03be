"""The strings exports write in place of a message: every media placeholder and deletion note of
WhatsApp's own English, Hebrew and Greek string tables (../shared/reference/whatsapp-strings), in
every form an export writes them, is read and never analyzed."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import mining
from mining.config import Config
from mining.ingest import strings

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "whatsapp-strings"
# The phone's language → its Android folder and iOS table, and how its exports write a header.
LOCALES = {
    "en": ("values", "EN", "3/12/24, 2:05 PM - ", "[3/12/24, 2:05:33 PM] "),
    "he": ("values-iw", "HE", "12.3.2024, 14:05 - ", "[12.3.2024, 14:05:33] "),
    "el": ("values-el", "EL", "12/3/24, 2:05 μ.μ. - ", "[12/3/24, 2:05:33 μ.μ.] "),
}
FILE = "00000012-PHOTO-2024-03-12-14-05-33.jpg"
MARKS = ("", "\u200e", "\u200f", "\u200e\u200f")


def _reference() -> Path:
    if not REFERENCE.is_dir():
        pytest.skip(f"WhatsApp's string tables not found at {REFERENCE} (they live beside the checkout)")
    return REFERENCE


def _android(lang: str) -> dict[str, str]:
    folder = LOCALES[lang][0]
    root = ET.parse(_reference() / "android" / folder / "strings.xml").getroot()
    return {e.get("name"): (e.text or "").replace('\\"', '"') for e in root.iter("string")}


def _ios(lang: str) -> dict[str, str]:
    return json.loads((_reference() / "ios" / f"{LOCALES[lang][1]}.strings").read_text(encoding="utf-8"))


def reference_bodies(lang: str) -> dict[str, list[str]]:
    """The media placeholders and deletion notes of one language's tables, as message bodies
    (a file name where the string has a place for one), by the skip reason they must get."""
    android, ios, english = _android(lang), _ios(lang), _ios("en")
    media = [android["email_media_omitted"], android["email_file_attached"].replace("%s", FILE)]
    # iOS keys are shared by every language: the English table tells which entries are which.
    media += [ios[k].replace("%@", FILE) for k, v in english.items()
              if re.fullmatch(r"\u200e(?:.+ omitted|<attached: %@>)", v)]
    deleted = [v for k, v in android.items() if k.startswith("revoked_msg_")]
    deleted += [ios[k] for k, v in english.items()
                if re.fullmatch(r"\u200e(?:This message was deleted|You deleted this message)[^%]*", v)]
    return {"media": media, "deleted": deleted}


@pytest.mark.parametrize("lang", list(LOCALES))
def test_the_reference_tables_hold_what_the_table_of_strings_lists(lang):
    found = reference_bodies(lang)
    assert len(found["media"]) == 11 and len(found["deleted"]) >= 8
    for body in found["media"]:
        assert strings.is_media_placeholder(body), body
    for body in found["deleted"]:
        assert strings.is_deleted_note(body), body


@pytest.mark.parametrize("lang", list(LOCALES))
@pytest.mark.parametrize("platform", ["android", "ios"])
def test_every_reference_placeholder_is_read_and_never_analyzed(tmp_path, lang, platform):
    """Each placeholder and deletion note, bare and behind or before direction marks, after the
    header of the phone's own layout, in a chat with one real message."""
    header = LOCALES[lang][2 if platform == "android" else 3]
    expected = []
    lines = [f"{header}Dana: the app crashes every time I open the camera"]
    for reason, bodies in reference_bodies(lang).items():
        for body in bodies:
            plain = body.strip("\u200e\u200f")
            for mark in MARKS:
                lines += [f"{header}Dana: {mark}{plain}", f"{header}Dana: {plain}{mark}"]
                expected += [reason, reason]
    path = tmp_path / "WhatsApp Chat with Support.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    posts = mining.read_posts([str(path)], Config())
    assert len(posts) == len(expected) + 1
    assert posts["skip_reason"].fillna("analyzed").tolist() == ["analyzed", *expected]
    assert posts["analyzed"].tolist() == [True] + [False] * len(expected)


@pytest.mark.parametrize("text", [
    "<Media omitted>", "\u200f<המדיה לא נכללה>", "<Παραλείφθηκαν πολυμέσα>", "<ΕΞΑΙΡΕΣΗ ΠΟΛΥΜΕΣΩΝ>",
    "Report.pdf • 2 pages \u200eמסמך הושמט", "Some file.txt \u200e<attached: 00000046-Some file.txt>",
    "Resume.pdf • \u200e2 Seiten \u200eDokument weggelassen",
])
def test_placeholders_reported_by_real_exports(text):
    assert strings.is_media_placeholder(text)


@pytest.mark.parametrize("text", [
    "<Media omitted>\nour new logo", "the image omitted the logo", "the document omitted the fee",
    "הודעה זו נמחקה?! למה מחקתם", "this message was deleted by mistake, can you resend the link?",
])
def test_content_around_the_words_is_not_a_placeholder(text):
    assert not strings.is_media_placeholder(text) and not strings.is_deleted_note(text)


def test_every_language_object_lists_its_placeholders():
    from mining.lang import LANGUAGES

    assert "<מדיה הושמטה>" in LANGUAGES["he"].placeholders
    assert "εικόνα παραλείφθηκε" in LANGUAGES["el"].placeholders
    assert "This message was deleted" in LANGUAGES["en"].placeholders
