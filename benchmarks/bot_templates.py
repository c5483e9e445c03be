"""Which authors the template rule for bots (``mining.ingest.discord.templated_authors``) would
call bots in real chat exports, whatever their reader says: a bot is an author of at least 10
messages, 90% of them one template once mentions and numbers are masked, the filled-in texts
mostly different. Read to check it catches the level-up bot in a CSV (which has no ``isBot``)
and neither a member nor a brand's canned replies (pasted the same each time).

    .venv/bin/python benchmarks/bot_templates.py EXPORT [EXPORT ...]
"""
from __future__ import annotations

import argparse

from mining.config import InputConfig
from mining.ingest import read_inputs
from mining.ingest.discord import templated_authors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", help="export files or folders (read, never copied)")
    for path in parser.parse_args().inputs:
        raw = read_inputs([path], InputConfig())[0]
        flagged = int(raw["kind"].eq("bot").sum())
        # judged as if no reader had flagged anyone: the rule alone
        caught = raw[templated_authors(raw.assign(kind=raw["kind"].replace({"bot": "message"})))]
        authors = ", ".join(f"{a} ({n})" for a, n in caught.groupby("author").size().items())
        print(f"{path}: {len(raw)} posts, {flagged} kind bot; the rule: {authors or 'no author'}")


if __name__ == "__main__":
    main()
