"""Files cut short inside a character, for every reader: the same outcome as a cut just before it.

Most Hebrew and Greek letters are two bytes in UTF-8, so about half of all cuts of such a file
fall inside one. Every export in ``../shared/fixtures/`` (zips aside: a cut zip is a zip's
failure) is written in Hebrew and in Greek (its message texts' Latin letters turned into Hebrew
or Greek ones), and the Hebrew and Greek corpora of ``../shared/corpora/`` are written as CSV,
TSV, JSON, JSON lines and plain text; each file in UTF-8, and again in UTF-16 (Notepad's
"Unicode", where every letter is two bytes). Each file is cut at ``--cuts`` seeded offsets
inside a non-ASCII character, and read beside the same file cut at that character's start.
The checks: a cut inside a character is never E103, a reader's failure (E125) nor an uncoded
exception, and it reads as the cut before that character does (the same error, or the same
posts, now with the warning that the file ends inside a character).

Usage:
    .venv/bin/python benchmarks/cut_inside_character.py --cuts 12
"""
from __future__ import annotations

import argparse
import codecs
import csv
import io
import itertools
import json
import logging
import random
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

from mining.config import InputConfig
from mining.errors import MiningError
from mining.ingest import read_inputs
from mining.ingest.registry import CUT_CHARACTER

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LETTERS = {"he": "אבגדהוזחטיכלמנסעפצקרשת", "el": "αβγδεζηθικλμνξοπρστυφχψω"}
# The keys of a JSON export whose values are a post's words, not its structure.
TEXT_KEYS = {"text", "content", "body", "raw", "cooked", "title", "selftext", "message"}
BOMS = {"utf-8": b"", "utf-16-le": codecs.BOM_UTF16_LE}  # UTF-16 as Notepad writes it
# A WhatsApp header up to the author's colon; the text after it is the message's.
_CHAT_HEADER = re.compile(r"^(.{0,40}?\d{1,2}[:.]\d{2}[^:]*?(?::\d{2})?[^:]*?: )")


def _written_in(text: str, lang: str) -> str:
    letters = LETTERS[lang]
    return re.sub("[a-z]", lambda m: letters[(ord(m.group()) - 97) % len(letters)], text)


def _json_in(node, lang: str):
    if isinstance(node, list):
        return [_json_in(item, lang) for item in node]
    if isinstance(node, dict):
        return {key: _written_in(value, lang) if key in TEXT_KEYS and isinstance(value, str)
                else _json_in(value, lang) for key, value in node.items()}
    return node


def export_in(path: Path, lang: str) -> str:
    """The export at ``path`` with its message texts in ``lang``'s letters."""
    text = path.read_bytes().decode("utf-8-sig")
    if path.suffix == ".json":
        return json.dumps(_json_in(json.loads(text), lang), ensure_ascii=False, indent=1)
    if path.suffix == ".csv":  # Takeout: the words are JSON inside the Comment Text cell
        return re.sub(r'(""text"":"")(.*?)("")', lambda m: m[1] + _written_in(m[2], lang) + m[3],
                      text)
    lines = text.splitlines(keepends=True)
    return "".join(m[1] + _written_in(line[m.end():], lang) if (m := _CHAT_HEADER.match(line))
                   else _written_in(line, lang) for line in lines)


def corpus_tables(limit: int = 300) -> dict[str, str]:
    """The Hebrew and Greek corpora's posts as the generic tables' formats."""
    sources = {"he": SHARED / "corpora/hebrew-sentiment/dev.tsv",
               "el": SHARED / "corpora/offenseval-greek/train.tsv"}
    tables = {}
    for lang, path in sources.items():
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8")), delimiter="\t"))[1: limit]
        posts = [{"id": n, "text": row[-2] if lang == "el" else row[0]} for n, row in enumerate(rows)]
        for kind, sep in (("csv", ","), ("tsv", "\t")):
            out = io.StringIO()
            writer = csv.DictWriter(out, ["id", "text"], delimiter=sep, lineterminator="\n")
            writer.writeheader()
            writer.writerows(posts)
            tables[f"{lang}.{kind}"] = out.getvalue()
        tables[f"{lang}.json"] = json.dumps(posts, ensure_ascii=False, indent=1)
        tables[f"{lang}.jsonl"] = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in posts)
        tables[f"{lang}.txt"] = "".join(p["text"].replace("\n", " ") + "\n" for p in posts)
    return tables


def inputs() -> dict[str, str]:
    """Every text to cut, by the name it is read under."""
    files = {}
    for path in sorted((SHARED / "fixtures").rglob("*")):
        if path.is_file() and path.suffix in (".json", ".txt", ".csv"):
            for lang in LETTERS:
                files[f"{lang}/{path.parent.name}/{path.name}"] = export_in(path, lang)
    return files | {f"corpora/{name}": text for name, text in corpus_tables().items()}


def cuts(text: str, codec: str, n: int, rng: random.Random) -> list[tuple[int, int]]:
    """``n`` seeded (start, inside) byte offsets of non-ASCII characters of ``text`` written in
    ``codec`` after its BOM: where one starts, and a place between its bytes."""
    wide = [i for i, c in enumerate(text) if ord(c) > 127]
    bom = len(BOMS[codec])
    return [(bom + len(text[:i].encode(codec)), rng.randrange(1, len(text[i].encode(codec))))
            for i in sorted(rng.sample(wide, min(n, len(wide))))]


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def read(path: Path, data: bytes, warnings: _Warnings) -> tuple[str, str]:
    """(the outcome: "read", "read, cut warned" or the error code; what to compare)."""
    path.write_bytes(data)
    warnings.messages.clear()
    try:
        posts, _ = read_inputs([str(path)], InputConfig(timezone="UTC"))
    except MiningError as exc:
        return exc.code, str(exc)
    except Exception as exc:  # noqa: BLE001  (what the check is looking for)
        return "uncoded", f"{type(exc).__name__}: {exc}"
    warned = any(CUT_CHARACTER in message for message in warnings.messages)
    return "read, cut warned" if warned else "read", f"{len(posts)} posts"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cuts", type=int, default=12, help="cuts inside a character per file")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} is absent: the shared fixtures and corpora are not on this machine")
    rng = random.Random(args.seed)
    warnings = _Warnings()
    logging.getLogger("mining").addHandler(warnings)
    outcomes, files, differ = Counter(), inputs(), []
    with tempfile.TemporaryDirectory(prefix="mining-cut-") as work:
        for (name, text), codec in itertools.product(files.items(), BOMS):
            path = Path(work) / name.replace("/", "__")
            data = BOMS[codec] + text.encode(codec)
            for start, inside in cuts(text, codec, args.cuts, rng):
                outcome, said = read(path, data[:start + inside], warnings)
                before, said_before = read(path, data[:start], warnings)
                outcomes[codec, outcome] += 1
                same = said == said_before and outcome.split(",")[0] == before.split(",")[0]
                if outcome in ("E103", "E125", "uncoded") or not same:
                    differ.append(f"{name} in {codec}, cut inside the character at {start}: "
                                  f"{said} | at its start: {said_before}")
    print(f"{len(files)} files x {len(BOMS)} encodings, {sum(outcomes.values())} cuts inside a "
          "character")
    for codec in BOMS:
        print(f"{codec}: " + ", ".join(f"{outcome} {n}" for (c, outcome), n
                                        in outcomes.most_common() if c == codec))
    print(f"E103, E125, uncoded, or not as the cut before the character: {len(differ)}")
    for line in differ[:40]:
        print(f"  {line[:300]}")


if __name__ == "__main__":
    main()
