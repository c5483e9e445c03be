"""Build ``mining/ingest/data/whatsapp_system_lines.json`` from WhatsApp's own string tables.

The system lines of a WhatsApp export ("Dana created this group", "‏דנה התווסף/ה לרשימה זו",
"Ο χρήστης Νίκος δημιούργησε αυτήν την ομάδα") are WhatsApp's localized templates filled with
names. This script takes, from the Android ``strings.xml`` / ``plurals.xml`` (``values``,
``values-iw``, ``values-he``, ``values-el``) and the iOS ``EN`` / ``HE`` / ``EL`` ``.strings`` of
``../shared/reference/whatsapp-strings``, every one-line template that opens with a person (a
slot first, after direction marks, and after Greek's "Ο χρήστης" / "Η χρήστρια"), or names the
person in the passive ("‏הקבוצה נוצרה על ידי %@", "από τον χρήστη %@"), and writes it
in the slot language of ``mining.privacy.names``: ``{N}`` the person who acts, ``{L}`` a list of
people (an unquoted slot after it), ``{R}`` what is no person (a quoted group or community name),
``{D}`` a number. Templates with a question, a link or markup are left out (they are dialogs,
not chat lines), and so are those with fewer than four letters of their own ("%1$@ - %2$@"),
which any text would fill. The JSON maps a language to its sorted, distinct templates, regex-escaped.

Usage:
    PYTHONPATH=. python benchmarks/build_whatsapp_system_lines.py [../shared/reference/whatsapp-strings]
"""
from __future__ import annotations

import argparse
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "mining" / "ingest" / "data" / "whatsapp_system_lines.json"
TABLES = {"en": (("values",), "EN"), "he": (("values-iw", "values-he"), "HE"),
          "el": (("values-el",), "EL")}
MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
SLOT = re.compile(r"%(?:(\d)\$)?(@|s|l?[du])")
ACTOR = re.compile(r"(?:Ο χρήστης |Η χρήστρια |Ο/Η χρήστης )?%(?:1\$)?[@s] (?!%)")
# The person a passive line names: Hebrew iOS writes most events so ("‏הקבוצה נוצרה על ידי %@"),
# Greek some ("από τον χρήστη %@").
BY = re.compile(r"(?:על ידי|על-ידי|על -ידי|ע\"י|από τον χρήστη|από την χρήστρια) (?=%(?:\d\$)?[@s])")
QUOTES = "\"“”'«»„"
LEFT_OUT = re.compile(r"[?;<>\n]|https?:|%%|\{|\}")  # dialogs, links, markup, escapes


def android(folder: Path) -> list[str]:
    texts = []
    for name in ("strings.xml", "plurals.xml"):
        for element in ET.parse(folder / name).getroot():
            for item in [element] if element.tag == "string" else list(element):
                text = (item.text or "").replace('\\"', '"').replace("\\'", "'")
                texts.append(text[1:-1] if text[:1] == text[-1:] == '"' else text)
    return texts


def template(text: str) -> str | None:
    """A string table's text in the slot language, or None when it opens with no person."""
    text = text.strip(MARKS + " ")
    by = BY.search(text)
    if len(text) > 160 or LEFT_OUT.search(text) or not (ACTOR.match(text) or by):
        return None
    person = 0 if ACTOR.match(text) else by.end()  # where the slot of the person who acts is
    if len(re.findall(r"[^\W\d_]", SLOT.sub("", text))) < 4:  # "%1$@ - %2$@": no words to go by
        return None
    out, at = [], 0
    for slot in SLOT.finditer(text):
        out.append(re.escape(text[at:slot.start()]))
        before, after = text[slot.start() - 1:slot.start()], text[slot.end():slot.end() + 1]
        if slot.group(2) != "@" and slot.group(2) != "s":
            out.append("{D}")
        elif slot.start() == person:
            out.append("{N}")
        elif (before and before in QUOTES) or (after and after in QUOTES):
            out.append("{R}")
        else:
            out.append("{L}")
        at = slot.end()
    out.append(re.escape(text[at:].rstrip(".")) + r"\.?" if text.endswith(".") else
               re.escape(text[at:]))
    return "".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("strings", nargs="?", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared" / "reference"
                        / "whatsapp-strings")
    args = parser.parse_args()
    found = {}
    for lang, (folders, ios) in TABLES.items():
        texts = [t for f in folders if (args.strings / "android" / f).is_dir()
                 for t in android(args.strings / "android" / f)]
        texts += json.loads((args.strings / "ios" / f"{ios}.strings").read_text("utf-8")).values()
        found[lang] = sorted({t for t in map(template, texts) if t})
        print(lang, len(found[lang]))
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(found, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
