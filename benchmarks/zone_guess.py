"""Which zone each input file's times without a zone would be read in, and why, without reading
the files whole: ``mining.ingest.local_timezone`` on each file's head (a zip's members one by one),
as ``mining run`` decides it. A workbook's zone is decided from its posts as they are read ("None").

Run it on the same inputs before and after a change of the guess:

    PYTHONPATH=. nice .venv/bin/python benchmarks/zone_guess.py INPUT [INPUT ...]
"""
from __future__ import annotations

import argparse
import inspect

from mining.config import InputConfig
from mining.ingest import _listing, local_timezone
from mining.ingest.registry import find_reader


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", help="files or folders, as mining run takes them")
    args = parser.parse_args()
    takes_reader = "reader" in inspect.signature(local_timezone).parameters  # older checkouts
    for entry in _listing(args.inputs):
        if entry.problem is not None:
            continue
        head = entry.source.head()
        reader = find_reader(entry.source, head)
        if reader is None:
            continue
        extra = (reader,) if takes_reader else ()
        zone, why = local_timezone(InputConfig(), entry.source, head, *extra)
        print(f"{entry.source.display}\t{reader.name}\t{zone}\t{why}")


if __name__ == "__main__":
    main()
