"""Fuzzing the readers and ``mining ingest`` with seeded mutations of real exports (issue 10).

Every file in ``../shared/fixtures/`` (WhatsApp, Telegram, Discord, Slack, Reddit, YouTube,
Discourse, Messenger, Instagram exports from other projects' test suites) is mutated, round after
round, each round with its own seed: cut short, bytes flipped, re-encoded (UTF-16, Windows-1255,
Windows-1253, Latin-1, a BOM), control characters inserted, lines or JSON records duplicated,
lines or JSON records reordered. A zip's members are mutated inside a new archive, and the
archive's own bytes are cut and flipped too.

Each mutated file is read twice: by the reader that claims it, called directly (under
``tracemalloc``, for its peak memory), and by ``mining ingest`` on the folder of one round and
mutation. The checks:

- nothing but a coded ``MiningError`` escapes ``mining ingest``;
- what the reader raises directly is a coded error too (an uncoded one is a reader bug that
  ``mining ingest`` sets aside as E125: it is listed);
- every record is accounted for: a file that the reader reads whole gives as many rows in the
  parquet file as it has records, a file that fails gives none, and its report says why;
- a reader's peak memory stays under ``MEMORY_BOUND`` (32 MB plus 50 times the file's size).

Usage:
    .venv/bin/python benchmarks/fuzz.py --rounds 20           # ~20 minutes on 2 busy cores
    .venv/bin/python benchmarks/fuzz.py --rounds 1 --seed 7   # one round, another seed
"""
from __future__ import annotations

import argparse
import io
import json
import random
import sys
import tracemalloc
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from mining.config import Config, InputConfig
from mining.errors import MiningError
from mining.ingest.failures import read_with_settings
from mining.ingest.registry import Source, find_reader
from mining.pipeline import ingest_posts

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures"
CONTROLS = ["\x00", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\u202e", "\ufeff", "\r"]
ENCODINGS = ["utf-16", "cp1255", "cp1253", "latin-1", "utf-8-sig"]


def memory_bound(size: int) -> int:
    """Peak bytes a reader may allocate for a file of ``size`` bytes."""
    return (32 << 20) + 50 * size


# --- Mutations ------------------------------------------------------------------------------

def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [data]


def _json_records(data: bytes, rng: random.Random, duplicate: bool) -> bytes | None:
    """The JSON document with its longest list's records duplicated or reordered (None when the
    data is not JSON with a list of records)."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    lists = []

    def walk(node) -> None:
        if isinstance(node, list):
            lists.append(node)
        for child in (node.values() if isinstance(node, dict) else node if isinstance(node, list) else []):
            walk(child)

    walk(doc)
    longest = max(lists, key=len, default=None)
    if not longest:
        return None
    if duplicate:
        picked = rng.sample(range(len(longest)), k=max(1, len(longest) // 4))
        longest.extend(json.loads(json.dumps(longest[i])) for i in picked)
    else:
        rng.shuffle(longest)
    return json.dumps(doc, ensure_ascii=False, indent=1).encode()


def mutate(data: bytes, kind: str, rng: random.Random) -> bytes:
    """One seeded mutation of ``data``: the issue's truncation, byte flips, encodings, inserted
    control characters, duplicated and reordered records."""
    if kind == "truncate":
        return data[: rng.randrange(len(data))] if data else data
    if kind == "flip":
        flipped = bytearray(data)
        for _ in range(max(1, len(data) // 500)):
            if flipped:
                flipped[rng.randrange(len(flipped))] ^= rng.randrange(1, 256)
        return bytes(flipped)
    if kind == "encode":
        text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
        return text.encode(rng.choice(ENCODINGS), errors="replace")
    if kind == "control":
        text = list(data.decode("utf-8", errors="replace"))
        for _ in range(max(1, len(text) // 200)):
            text.insert(rng.randrange(len(text) + 1), rng.choice(CONTROLS))
        return "".join(text).encode("utf-8", errors="surrogatepass")
    if kind in ("duplicate", "reorder"):
        structured = _json_records(data, rng, kind == "duplicate")
        if structured is not None:
            return structured
        lines = _lines(data)
        if kind == "duplicate":
            start = rng.randrange(len(lines))
            return b"".join(lines[: start + 1] + lines[start: start + rng.randint(1, 20)]
                            + lines[start + 1:])
        head, body = lines[:1], lines[1:]  # a table's header stays first
        rng.shuffle(body)
        return b"".join(head + body)
    raise ValueError(kind)


MUTATIONS = ["truncate", "flip", "encode", "control", "duplicate", "reorder"]


def mutate_zip(data: bytes, kind: str, rng: random.Random) -> bytes:
    """A zip: its bytes cut or flipped, or each member mutated inside a new archive."""
    if kind in ("truncate", "flip"):
        return mutate(data, kind, rng)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = source.read(info)
            target.writestr(info.filename, member if info.is_dir() else mutate(member, kind, rng))
    return out.getvalue()


def build_round(fixtures: Path, out: Path, kind: str, seed: int) -> Path:
    """Every fixture mutated by ``kind`` with ``seed``, into the folder ``out/<seed>-<kind>``."""
    rng = random.Random(f"{seed}-{kind}")
    folder = out / f"{seed}-{kind}"
    for path in sorted(p for p in fixtures.rglob("*") if p.is_file() and p.name != "MANIFEST.tsv"):
        target = folder / path.relative_to(fixtures)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = path.read_bytes()
        target.write_bytes(mutate_zip(data, kind, rng) if path.suffix == ".zip" else mutate(data, kind, rng))
    return folder


# --- Reading and checking -------------------------------------------------------------------

@dataclass
class Findings:
    files: int = 0
    records: int = 0
    outcomes: Counter = field(default_factory=Counter)  # "read" or the error code
    escaped: list[str] = field(default_factory=list)  # uncoded exceptions out of mining ingest
    uncoded: list[str] = field(default_factory=list)  # uncoded exceptions out of a reader
    unaccounted: list[str] = field(default_factory=list)  # records read != rows written
    over_memory: list[str] = field(default_factory=list)


def _sources(folder: Path) -> list[Source]:
    sources = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        display = path.relative_to(folder).as_posix()
        if path.suffix != ".zip":
            sources.append(Source(path, display))
            continue
        try:
            with zipfile.ZipFile(path) as archive:
                members = [m for m in archive.namelist() if not m.endswith("/")]
        except (zipfile.BadZipFile, OSError):
            continue  # a zip that cannot be listed is mining ingest's to set aside
        sources += [Source(path, f"{display}!{m}", member=m) for m in members]
    return sources


def read_directly(source: Source, findings: Findings, label: str,
                  options: dict | None = None) -> int | None:
    """The records the claiming reader reads from ``source`` (None: it raised, or none claims
    it), with the input ``options`` (a column setting the file lacks dropped for it, as
    ``mining ingest`` does); an uncoded exception and a peak over the bound go into
    ``findings``."""
    tracemalloc.start()
    try:
        reader = find_reader(source, source.head())
        if reader is None:
            return None
        settings = InputConfig(**{**(options or {}), "timezone": "UTC"})
        return sum(len(chunk) for chunk in read_with_settings(reader, source, settings, {}, False))
    except MiningError:
        return None
    except Exception as exc:  # noqa: BLE001  (what the fuzz is looking for)
        findings.uncoded.append(f"{label}: {source.display}: {type(exc).__name__}: {exc}"[:300])
        return None
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        size = source.path.stat().st_size
        if peak > memory_bound(size):
            findings.over_memory.append(f"{label}: {source.display}: {peak >> 20} MB for {size} bytes")


def check_round(folder: Path, findings: Findings, options: dict | None = None) -> None:
    """Read every file of ``folder`` directly and through ``mining ingest`` (with the input
    ``options``, as ``[input]`` settings); compare."""
    label = folder.name
    direct = {s.display: read_directly(s, findings, label, options) for s in _sources(folder)}
    out = folder.parent / f"{label}.parquet"
    try:
        reports = ingest_posts([str(folder)], out, Config().updated("input", **(options or {})))
    except MiningError:
        reports = []  # nothing readable at all: every file failed, each with its code
    except Exception as exc:  # noqa: BLE001
        findings.escaped.append(f"{label}: {type(exc).__name__}: {exc}"[:300])
        return
    rows = pd.read_parquet(out, columns=["source_file"])["source_file"].value_counts() if reports else {}
    for report in reports:
        findings.files += 1
        written = int(rows.get(report.file, 0))
        findings.records += report.records
        findings.outcomes[report.error.rsplit("[", 1)[-1].rstrip("]") if report.error else
                          "read" if report.reader else "no reader"] += 1
        expected = direct.get(report.file) if report.error is None else 0
        # a file whose every record another holds is read once: its rows are that file's
        kept = 0 if report.repeats else report.records
        if not (written == kept and report.records == (expected or 0)):
            findings.unaccounted.append(f"{label}: {report.file}: read directly {expected}, "
                                        f"records {report.records}, rows written {written}")


def fuzz(fixtures: Path, work: Path, rounds: int, seed: int,
         kinds: list[str] | None = None, options: dict | None = None) -> Findings:
    """``rounds`` rounds of every mutation over every fixture, from ``seed`` on, read with the
    input ``options`` (``[input]`` settings: ``{"text_column": [...]}``)."""
    findings = Findings()
    for n in range(seed, seed + rounds):
        for kind in kinds or MUTATIONS:
            check_round(build_round(fixtures, work, kind, n), findings, options)
    return findings


def main() -> None:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    args = parser.parse_args()
    if not args.fixtures.is_dir():
        sys.exit(f"{args.fixtures} is absent: the shared fixtures are not on this machine")
    with tempfile.TemporaryDirectory(prefix="mining-fuzz-") as work:
        found = fuzz(args.fixtures, Path(work), args.rounds, args.seed)
    print(f"{found.files} mutated files ({args.rounds} rounds x {len(MUTATIONS)} mutations), "
          f"{found.records} records read")
    print("outcomes: " + ", ".join(f"{k} {n}" for k, n in found.outcomes.most_common()))
    for name in ("escaped", "uncoded", "unaccounted", "over_memory"):
        items = getattr(found, name)
        print(f"{name}: {len(items)}")
        for line in sorted(set(items))[:40]:
            print(f"  {line}")


if __name__ == "__main__":
    main()
