"""Share of WhatsApp message headers read, on the real exports and on layouts made from them.

Two sets, each file read through ``mining.ingest.read_inputs`` (sniffing, decoding and the
reader, as a user's run reads it):

- **real**: every WhatsApp export in ``../shared/fixtures/`` (``.txt``, and the ``.txt`` members
  of ``.zip`` archives), as they are and re-encoded in UTF-16. The headers a file holds are
  counted by this script's own loose pattern, independent of the reader's: a line that starts
  with a date and a time (either first, numeric or with a month name) closed by ``]``, `` - ``
  or ``: ``, in the file's most common shape (lines of other shapes are transcripts pasted into
  messages, which stay in their message). A header is read when the reader's rows start there.
- **made**: the messages read from each real export, written again in the other layouts
  WhatsApp has used (Android, iOS, pre-2017 iOS; time first; month names without a year; no
  comma; a word between date and time; 12h clocks), then with a title line or the end of a
  message before the first header, in UTF-16 (LE and BE with a BOM, LE without) and with a
  UTF-8 BOM and CRLF line ends.
  Every message written is a header to read; one is read when the reader gives a row with its
  author and text, and its time is right when the row's time is the one written.

Every file must be read or refused with a coded error (``E1xx``); any other exception is a
crash and is listed. Nothing is tuned to a file: the layouts are generic, the inputs are every
fixture.

Usage:
    .venv/bin/python benchmarks/whatsapp_headers.py            # 4 minutes on 2 busy cores
    .venv/bin/python benchmarks/whatsapp_headers.py --files    # and a line per file
"""
from __future__ import annotations

import argparse
import difflib
import itertools
import os
import re
import sys
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from mining.config import InputConfig
from mining.errors import MiningError
from mining.ingest import read_inputs
from mining.ingest.registry import Source, head_text
from mining.ingest.whatsapp_layout import detect_layout

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures"
MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"

# The loose header pattern: its own, written apart from the reader's.
_NUMERIC = r"\d{1,4}[./-] ?\d{1,2}[./-] ?(?:\d{1,4}|[A-Z]\d{1,2})(?: ?BE)?\.?"
_NAMED = r"(?:\d{1,2}\.? [^\W\d]{3,12}\.?(?:,? \d{4})?|[^\W\d]{3,12}\.? \d{1,2}(?:, \d{4})?)"
_CLOCK = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\.?(?:\s?\S{1,3}\.?(?:\s?\S{1,2}\.)?)?"
LOOSE = re.compile(
    rf"^[{MARKS}]*(?P<open>\[)?[{MARKS}]*(?:(?P<date>{_NUMERIC}|{_NAMED})[,،]?\s(?:\D{{1,6}}\s)?"
    rf"{_CLOCK}|{_CLOCK},\s(?P<late>{_NUMERIC}|{_NAMED}))[{MARKS}]*(?P<close>\]|\s[-–]\s|:\s)")


def loose_headers(text: str) -> list[int]:
    """Line numbers of the header-like lines in the file's most common shape."""
    shapes: dict[int, tuple] = {}
    for number, line in enumerate(text.split("\n")):
        found = LOOSE.match(line)
        if found:
            date = found["date"] or found["late"]
            shapes[number] = (found["open"], found["close"].strip(), found["late"] is not None,
                              date[0].isdigit())
    if not shapes:
        return []
    common = Counter(shapes.values()).most_common(1)[0][0]
    return [n for n, shape in shapes.items() if shape == common]


# --- Reading -------------------------------------------------------------------------------------

@dataclass
class Outcome:
    name: str
    headers: int
    read: int
    right_time: int | None = None
    error: str | None = None  # a coded error, or "crash: ..." for anything else


def read(path: Path) -> pd.DataFrame:
    posts, files = read_inputs([str(path)], InputConfig(timezone="UTC"))
    if files[0].reader != "whatsapp":
        raise MiningError("E106", str(path), readable=f"read as {files[0].reader}")
    return posts[posts["kind"] != "preamble"].reset_index(drop=True)


def attempt(name: str, headers: int, measure: Callable[[], Outcome]) -> Outcome:
    try:
        return measure()
    except MiningError as exc:
        return Outcome(name, headers, 0, error=f"[{exc.code}] {exc}")
    except Exception as exc:  # noqa: BLE001 - a crash is what this script looks for
        return Outcome(name, headers, 0, error=f"crash: {type(exc).__name__}: {exc}")


def real_outcome(name: str, path: Path) -> Outcome:
    """Headers read in a real export: the loose pattern's header lines where the reader's rows
    start (the reader's own header regex, run on the decoded text, says where that is)."""
    text = Source(path, name).read_text().replace("\r\n", "\n")
    truth = set(loose_headers(text))

    def measure() -> Outcome:
        rows = read(path)
        layout = detect_layout(head_text(Source(path, name).head()).replace("\r\n", "\n"))
        header = layout.compile(author=False)
        # A match takes the line end before its line, in the text with one put in front.
        starts = {text.count("\n", 0, m.start()) for m in header.finditer("\n" + text)}
        if len(starts) != len(rows):
            raise AssertionError(f"{len(rows)} rows but {len(starts)} header lines")
        return Outcome(name, len(truth), len(truth & starts))

    return attempt(name, len(truth), measure)


def real_files(tmp: Path) -> Iterator[tuple[str, Path]]:
    """Every WhatsApp export among the fixtures, as it is and in UTF-16."""
    for path in sorted((FIXTURES / "whatsapp").iterdir()):
        members: list[tuple[str, bytes]] = []
        if path.suffix == ".txt":
            members = [(path.name, path.read_bytes())]
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                members = [(f"{path.name}!{m}", archive.read(m)) for m in archive.namelist()
                           if m.endswith(".txt")]
        for name, data in members:
            plain = tmp / "real" / name.replace("!", "__")
            plain.parent.mkdir(parents=True, exist_ok=True)
            plain.write_bytes(data)
            yield name, plain
            utf16 = plain.with_name(plain.stem + ".utf16.txt")
            utf16.write_bytes(data.decode("utf-8-sig").encode("utf-16"))
            yield f"{name} (UTF-16)", utf16


# --- Layouts made from the real messages ----------------------------------------------------------

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def _clock12(t: pd.Timestamp, seconds: bool = False, space: str = " ", marks=("AM", "PM")) -> str:
    clock = f"{t.hour % 12 or 12}:{t:%M}" + (f":{t:%S}" if seconds else "")
    return f"{clock}{space}{marks[t.hour >= 12]}"


# name -> (header before "Author: ", whether it shows seconds); ``e`` is the export's date.
LAYOUTS: dict[str, tuple[Callable[[pd.Timestamp, pd.Timestamp], str], bool]] = {
    "Android dd/mm/yyyy, HH:MM": (lambda t, e: f"{t:%d/%m/%Y}, {t:%H:%M} - ", False),
    "Android m/d/yy, h:MM PM (narrow space)": (
        lambda t, e: f"{t.month}/{t.day}/{t:%y}, {_clock12(t, space=chr(0x202f))} - ", False),
    "Android d.m.yy, HH:MM": (lambda t, e: f"{t.day}.{t.month}.{t:%y}, {t:%H:%M} - ", False),
    "Android d.m.yyyy,HH:MM (no space)": (lambda t, e: f"{t.day}.{t.month}.{t.year},{t:%H:%M} - ",
                                          False),
    "Android yyyy-mm-dd HH:MM": (lambda t, e: f"{t:%Y-%m-%d} {t:%H:%M} - ", False),
    "Android m/d/yy h:MM PM (no comma)": (
        lambda t, e: f"{t.month}/{t.day}/{t:%y} {_clock12(t)} - ", False),
    "Android d/m/yy, h:MM μ.μ. (Greek)": (
        lambda t, e: f"{t.day}/{t.month}/{t:%y}, {_clock12(t, marks=('π.μ.', 'μ.μ.'))} - ", False),
    "Android d.m.yyyy klo H.MM.SS": (
        lambda t, e: f"{t.day}.{t.month}.{t.year} klo {t.hour}.{t:%M.%S} - ", True),
    "Android Mar 5, 8:11 PM (no year)": (
        lambda t, e: f"{MONTHS[t.month - 1]} {t.day}, {_clock12(t)} - ", False),
    "Android 18 Mar 12:14 (no year)": (
        lambda t, e: f"{t.day} {MONTHS[t.month - 1]} {t:%H:%M} - ", False),
    "Android Tuesday, 5 March 2024, 14:05": (
        lambda t, e: f"{t:%A}, {t.day} {t:%B} {t.year}, {t:%H:%M} - ", False),
    "Android 19:23, 28 Aug [2013] (year on past years)": (
        lambda t, e: f"{t:%H:%M}, {t.day} {MONTHS[t.month - 1]}"
                     f"{'' if t.year == e.year else f' {t.year}'} - ", False),
    "iOS [dd/mm/yy, HH:MM:SS]": (lambda t, e: f"[{t:%d/%m/%y}, {t:%H:%M:%S}] ", True),
    "iOS [m/d/yy, h:MM:SS PM]": (
        lambda t, e: f"[{t.month}/{t.day}/{t:%y}, {_clock12(t, True, chr(0x202f))}] ", True),
    "iOS [dd.mm.yy HH:MM:SS] (no comma)": (lambda t, e: f"[{t:%d.%m.%y} {t:%H:%M:%S}] ", True),
    "iOS [dd/mm/yyyy, HH:MM:SS] - ": (lambda t, e: f"[{t:%d/%m/%Y}, {t:%H:%M:%S}] - ", True),
    "iOS [HH:MM:SS, m/d/yy] (time first)": (
        lambda t, e: f"[{t:%H:%M:%S}, {t.month}/{t.day}/{t:%y}] ", True),
    "WhatsApp Web [HH:MM, d/m/yyyy]": (lambda t, e: f"[{t:%H:%M}, {t.day}/{t.month}/{t.year}] ", False),
    "iOS before 2017 m/d/yy, h:MM:SS PM:": (
        lambda t, e: f"{t.month}/{t.day}/{t:%y}, {_clock12(t, True)}: ", True),
}
VARIANTS = ("UTF-8", "title line first", "copied from the middle", "UTF-16 LE", "UTF-16 BE",
            "UTF-16 LE without BOM", "UTF-8 BOM, CRLF")


def render(rows: pd.DataFrame, layout: str, variant: str, export: pd.Timestamp) -> bytes:
    header, _ = LAYOUTS[layout]
    lines = [header(t, export) + (f"{a}: {x}" if isinstance(a, str) else x)
             for t, a, x in zip(rows["wall"], rows["author"], rows["text"])]
    text = "\n".join(lines) + "\n"
    if variant == "title line first":
        text = "WhatsApp Chat with the product team\n\n" + text
    elif variant == "copied from the middle":  # rows start at the second message: its end first
        text = "the end of a message copied\nfrom the middle of the chat\n" + text
    elif variant == "UTF-8 BOM, CRLF":
        text = "\ufeff" + text.replace("\n", "\r\n")
    codec = {"UTF-16 LE": "utf-16-le", "UTF-16 BE": "utf-16-be",
             "UTF-16 LE without BOM": "utf-16-le"}.get(variant, "utf-8")
    bom = "\ufeff" if variant in ("UTF-16 LE", "UTF-16 BE") else ""
    return (bom + text).encode(codec)


def made_outcome(name: str, path: Path, rows: pd.DataFrame, seconds: bool) -> Outcome:
    """Headers read in a made file: rows with the text written, in order (a header read wrong
    puts its rest into the text, or cuts a message in two). Whether a row is a user's message or
    a system line is not counted: iOS exports mark system lines only by a direction mark."""
    def measure() -> Outcome:
        got = read(path)
        matcher = difflib.SequenceMatcher(None, rows["text"].tolist(), got["text"].tolist(),
                                          autojunk=False)
        pairs = [(i + k, j + k) for i, j, n in matcher.get_matching_blocks() for k in range(n)]
        written = rows["wall"] if seconds else rows["wall"].dt.floor("min")
        times = got["created_at"].dt.tz_localize(None)
        right = sum(written.iloc[i] == times.iloc[j] for i, j in pairs)
        return Outcome(name, len(rows), len(pairs), right)

    return attempt(name, len(rows), measure)


def messages(path: Path) -> pd.DataFrame:
    """The messages of a real export as the reader reads them, with their wall-clock time.

    Lines without an author whose first line holds ": " are left out: written again without
    their author, they would read as "Name: text" in any layout. No export has such a system
    line; they are messages the reader could not attribute (an iOS attachment in German)."""
    rows = read(path)
    unattributed = rows["author"].isna() & rows["text"].str.split("\n").str[0].str.contains(": ")
    rows = rows[rows["created_at"].notna() & ~unattributed].reset_index(drop=True)
    return rows.assign(wall=rows["created_at"].dt.tz_localize(None))[["wall", "author", "text"]]


def made_outcomes(sources: list[tuple[str, Path]], tmp: Path) -> Iterator[tuple[str, str, Outcome]]:
    """(layout, variant, outcome) of every real export written again in every layout and
    variant; each file dated 3 days after its last message, as an export would be."""
    (tmp / "made").mkdir()
    numbers = itertools.count()
    for source_name, source in sources:
        rows = messages(source)
        if len(rows) < 2:
            continue
        export = rows["wall"].max() + pd.Timedelta(days=3)
        for layout, (_, seconds) in LAYOUTS.items():
            for variant in VARIANTS:
                kept = rows.iloc[1:] if variant == "copied from the middle" else rows
                path = tmp / "made" / f"{next(numbers)}.txt"
                path.write_bytes(render(kept, layout, variant, export))
                os.utime(path, (export.timestamp(), export.timestamp()))
                name = f"{source_name} as {layout}, {variant}"
                yield layout, variant, made_outcome(name, path, kept.reset_index(drop=True), seconds)


# --- Report --------------------------------------------------------------------------------------

def share(read_: int, headers: int) -> str:
    return f"{100 * read_ / headers:.2f}%" if headers else "-"


def summary(title: str, groups: dict[str, list[Outcome]], times: bool) -> None:
    print(f"\n{title}\n")
    columns = "| | files | headers | read | share read |" + (" right time |" if times else "")
    print(columns)
    print("|---" * (columns.count("|") - 1) + "|")
    every = [o for outcomes in groups.values() for o in outcomes]
    for label, outcomes in [*groups.items(), ("**all**", every)]:
        headers = sum(o.headers for o in outcomes)
        read_ = sum(o.read for o in outcomes)
        line = f"| {label} | {len(outcomes)} | {headers} | {read_} | {share(read_, headers)} |"
        if times:
            line += f" {share(sum(o.right_time or 0 for o in outcomes), headers)} |"
        print(line)
    failed = [o for o in every if o.error]
    crashes = [o for o in failed if o.error.startswith("crash")]
    print(f"\nfiles refused with a coded error: {len(failed) - len(crashes)}; crashes: {len(crashes)}")
    for outcome in failed:
        print(f"  {outcome.name}: {outcome.error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", action="store_true", help="a line per file")
    args = parser.parse_args()
    if not (FIXTURES / "whatsapp").is_dir():
        sys.exit(f"no fixtures at {FIXTURES}/whatsapp")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        sources = list(real_files(tmp))
        real = [real_outcome(name, path) for name, path in sources]
        made = list(made_outcomes([s for s in sources if "UTF-16" not in s[0]], tmp))
    if args.files:
        for o in real + [o for _, _, o in made]:
            print(f"{share(o.read, o.headers):>8} {o.read:>5}/{o.headers:<5} {o.name}"
                  + (f"  {o.error}" if o.error else ""))
    summary("Real exports (../shared/fixtures/whatsapp), as they are and in UTF-16",
            {"as exported": [o for o in real if "UTF-16" not in o.name],
             "in UTF-16": [o for o in real if "UTF-16" in o.name]}, times=False)
    by_layout: dict[str, list[Outcome]] = {layout: [] for layout in LAYOUTS}
    by_variant: dict[str, list[Outcome]] = {variant: [] for variant in VARIANTS}
    for layout, variant, outcome in made:
        by_layout[layout].append(outcome)
        by_variant[variant].append(outcome)
    summary("Made from them: by layout (every variant)", by_layout, times=True)
    summary("Made from them: by variant (every layout)", by_variant, times=True)


if __name__ == "__main__":
    main()
