"""How much of a text's non-ASCII forms UTF-8 again when written in a Windows code page: high in a
text decoded twice (a UTF-8 CSV opened by Excel in a code page and saved again), low in real
text. Prints the highest share per file over the real text files of ``../shared`` (and any
folders given), so that ``registry.DOUBLE_DECODED`` keeps a margin.

    PYTHONPATH=. .venv/bin/python benchmarks/double_decoded.py [FOLDER ...]
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from mining.ingest.registry import DOUBLE_DECODED, DOUBLE_DECODED_CODECS, reformed_share

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLE = 300_000  # characters read of each file


def highest(text: str) -> tuple[float, str]:
    return max((reformed_share(text, codec), codec) for codec in DOUBLE_DECODED_CODECS)


def main(folders: list[str]) -> None:
    shares = []
    for folder in folders or [str(SHARED / "corpora"), str(SHARED / "fixtures")]:
        for root, _, names in os.walk(folder):
            for name in names:
                try:
                    text = (Path(root) / name).read_text(encoding="utf-8")[:SAMPLE]
                except (UnicodeDecodeError, OSError):
                    continue  # not UTF-8: the encoding detection's business
                shares.append((*highest(text), str(Path(root) / name)))
    shares.sort(reverse=True)
    for share, codec, path in shares[:5]:
        print(f"{share:.3f}  {codec}  {path}")
    print(f"{len(shares)} UTF-8 files; highest share {shares[0][0]:.3f} against the limit "
          f"{DOUBLE_DECODED}")


if __name__ == "__main__":
    main(sys.argv[1:])
