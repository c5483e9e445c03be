"""Peak memory and time of ``mining ingest`` on hostile and broken inputs (issue 10).

Each case is a folder holding one hostile file next to a small good WhatsApp chat, read by
``mining ingest`` (or, with ``--command run``, the whole ``mining run``) in a fresh process; the table shows its exit code (4: inputs set aside), the
error code the hostile file got, the process's peak memory (``ru_maxrss`` of the child) and its
wall time. The target: every case set aside with a coded error, the good chat read, peak under
1 GB.

The cases: a zip whose one member expands to 5 GB (a "zip bomb"); a 300 MB CSV on one line; a
300 MB chat .txt on one line; a Telegram export whose first message nests 1,000,000 levels deep
(ijson alone would need over 20 GB); a JSON file nested 10,000 levels; a truncated zip; a zip
with a corrupt member; a CSV cell of 120,000 characters without a space. The inputs are built once in ``--work`` (about 640 MB of disk: the zip
member's 5 GB are streamed into the archive, never written out).

Usage:
    .venv/bin/python benchmarks/hostile.py --work /tmp/hostile      # ~3 minutes to build, ~1 to run
    .venv/bin/python benchmarks/hostile.py --work /tmp/hostile --command run  # the whole run
    .venv/bin/python benchmarks/hostile.py --work /tmp/hostile --scale 0.01   # a quick look
"""
from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

GOOD_CHAT = ("12/3/24, 14:05 - Dana: ההזמנה שוב מאחרת, כבר שעתיים\n"
             "12/3/24, 14:06 - Νίκος: same here, the app says delivered\n")
LINE = ("12/3/24, 14:05 - Dana: the courier never came and the app says delivered, "
        "שליח לא הגיע והאפליקציה אומרת נמסר\n").encode()


def _folder(work: Path, name: str) -> Path:
    folder = work / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_text(GOOD_CHAT, encoding="utf-8")
    return folder


def build_bomb(work: Path, size: int) -> Path:
    """A zip whose chat member expands to ``size`` bytes of chat lines, streamed into it."""
    folder = _folder(work, "zip_bomb")
    path = folder / "WhatsApp Chat.zip"
    if not path.exists():
        block = LINE * ((8 << 20) // len(LINE))
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            with archive.open("_chat.txt", "w", force_zip64=True) as member:
                for _ in range(size // len(block)):
                    member.write(block)
    return folder


def build_one_line(work: Path, name: str, head: bytes, size: int, tail: bytes = b"") -> Path:
    """A file of ``head``, then ``size`` bytes of text without a line end, then ``tail``."""
    folder = _folder(work, name.replace(".", "_"))
    path = folder / name
    if not path.exists():
        words = "the app crashes again אפליקציה קורסת η εφαρμογή κολλάει ".encode()
        block = words * ((1 << 20) // len(words))
        with open(path, "wb") as fh:
            fh.write(head)
            for _ in range(size // len(block)):
                fh.write(block)
            fh.write(tail + b"\n")
    return folder


def build_deep_telegram(work: Path, depth: int) -> Path:
    folder = _folder(work, "deep_telegram")
    nested = "[" * depth + "]" * depth
    (folder / "result.json").write_text(
        '{"name": "Ομάδα", "type": "private_supergroup", "id": 7, "messages": [{"id": 1, '
        f'"type": "message", "date": "2024-03-12T14:05:00", "from": "Dana", "text": {nested}}}]}}',
        encoding="utf-8")
    return folder


def build_small_cases(work: Path) -> list[Path]:
    """Deep JSON in a folder, a truncated zip, a zip with a corrupt member, a CSV cell of 120,000
    characters without a space (a pasted log or base64 image)."""
    word = _folder(work, "long_word")
    (word / "feedback.csv").write_text("text\n" + "A" * 120_000 + "\nthe app crashes\n",
                                       encoding="utf-8")
    deep = _folder(work, "deep_json")
    (deep / "deep.json").write_text("[" * 10_000 + "]" * 10_000, encoding="utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_chat.txt", GOOD_CHAT * 2000)
    data = buffer.getvalue()
    truncated = _folder(work, "truncated_zip")
    (truncated / "chat.zip").write_bytes(data[: len(data) // 2])
    corrupt = _folder(work, "corrupt_member")
    flipped = bytearray(data)
    for i in range(200, 400):
        flipped[i] ^= 0x5A
    (corrupt / "chat.zip").write_bytes(bytes(flipped))
    return [word, deep, truncated, corrupt]


def measure(folder: Path, command: str) -> dict:
    """``mining ingest`` (or ``run``) on the folder in a fresh process: exit code, error codes,
    peak MB, seconds."""
    out = folder.parent / (f"{folder.name}.parquet" if command == "ingest" else f"{folder.name}-run")
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "mining", command, str(folder), "--out",
                              str(out), "--quiet"], stderr=subprocess.PIPE, text=True)
    stderr = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in folder.iterdir())
    return {"case": folder.name, "size_mb": round(size / 1e6, 1),
            "exit": os.waitstatus_to_exitcode(status),
            "codes": " ".join(sorted(set(re.findall(r"\[(E\d+)\]", stderr)))),
            "peak_mb": round(usage.ru_maxrss / 1024), "seconds": round(seconds, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True, help="folder for the built inputs")
    parser.add_argument("--scale", type=float, default=1.0, help="shrink the big inputs")
    parser.add_argument("--command", choices=["ingest", "run"], default="ingest",
                        help="mining ingest (default), or the whole mining run")
    args = parser.parse_args()
    megabytes = int(300e6 * args.scale)
    folders = [build_bomb(args.work, int(5e9 * args.scale)),
               build_one_line(args.work, "posts.csv", b'text,author\n"', megabytes, b'",Dana'),
               build_one_line(args.work, "chat.txt", "12/3/24, 14:05 - Dana: ".encode(), megabytes),
               build_deep_telegram(args.work, 1_000_000),
               *build_small_cases(args.work)]
    rows = [measure(folder, args.command) for folder in folders]
    print("| case | size | exit | error | peak memory | time |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['case']} | {row['size_mb']:,} MB | {row['exit']} | {row['codes']} | "
              f"{row['peak_mb']:,} MB | {row['seconds']} s |")
    print(json.dumps(rows), file=sys.stderr)


if __name__ == "__main__":
    main()
