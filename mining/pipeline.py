"""The batch run: ingest → normalize → language → filter → embed → align → topics → report.

Each step is a function over a DataFrame; this module only calls them in order, times them, counts
rows in and out, and hands the results to the writers. I/O happens at the two ends.

Example:
    >>> result = run(["corpora/demo"], "reports/demo", Config())   # doctest: +SKIP
    >>> result.topics[["topic_id", "label", "size"]]                # doctest: +SKIP
"""
from __future__ import annotations

import dataclasses
import logging
import os
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from mining.challenges import ChallengeResult, analyze_challenges
from mining.challenges.analyze import find_brand_accounts
from mining.challenges.kpis import parse_competitors
from mining.challenges.signals import group_trends
from mining.config import BrandConfig, Config
from mining.curation import load_curation
from mining.curation.decisions import Curation
from mining.curation.apply import apply_curation
from mining.errors import ConfigError, MiningError
from mining.embed import embed_texts, get_embedder, require_embedder
from mining.embed.align import LanguageAligner, alignment_groups, language_directions
from mining.embed.cache import EmbeddingCache
from mining.embed.vectorfile import create_vectors, open_vectors, release
from mining.filter import mark_own_skips, mark_skips
from mining.increment import (Model, Plan, emerging, explorer_map, keep_model, load_model,
                              plan_refit, refit_for_new_group, save_model, text_hashes, type_posts)
from mining.ingest import (FileReport, InputPaths, input_list, post_ids, read_files, read_inputs,
                           read_once, record_counts, say_skipped)
from mining.lang import (detect_languages, read_in_greek, texts_read,
                         transliterate_greeklish)
from mining.lang.names import names_in_posts
from mining.normalize import normalize_posts
from mining.privacy import Identities, protect_identities, salt_fingerprint
from mining.runs import (STATE_FILE, Manifest, RunResult, check_previous, check_salt, inputs_gone,
                         load_state, run_folder, save_state, shared_with_previous, shown_config,
                         writable_folder)
from mining.report.summary import history_gone
from mining.report.tables import write_csv, write_xlsx
from mining.report.zone import report_zone
from mining.schema import (ASSIGNED_POST, CHALLENGE, CHALLENGE_POST, CONTENT_FEED, CURATED_CHALLENGE,
                           CURATED_TOPIC, INGESTED_POST, NORMALIZED_POST, POSTS_PARQUET_ORDER,
                           READ_POST, RUN_TABLES, TOPIC, TOPIC_TREND, analyzed_rows, check_frame,
                           check_table, empty_frame)
from mining.topics.describe import describe_topics, token_docs
from mining.topics.model import TopicModel, minimum_posts, topic_model
from mining.tracking import (Changes, gone_where, kept_shares, new_posts, new_quoted_first, renumber,
                             renumber_challenges, stable_ids, state)
from mining.workers import dask_client, embed_on_workers, on_dask, require_dask

log = logging.getLogger("mining")
# The analyzed posts' vectors in the run folder, in their order (``text_norm``): float32 ``.npy``
RAW_VECTORS = Path("vectors") / "raw.npy"  # as embedded (the heads read these)
ALIGNED_VECTORS = Path("vectors") / "aligned.npy"  # without each language's offset


def protect_posts(raw: pd.DataFrame, config: Config) -> pd.DataFrame:
    """``read_inputs``' rows with identities protected as a run protects them: authors and the
    names in texts as salted pseudonyms, contacts masked (nothing changed when
    ``privacy.keep_identities``). ``read_inputs`` gives real names: protect before anything is
    written or shown."""
    people = Identities(config.privacy, config.brand).add(raw)
    return protect_identities(raw, config.privacy, config.brand,
                              None if config.privacy.keep_identities else people)[0]


def prepare_posts(posts: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Normalize, detect languages (``text_read``: a Greeklish post in Greek letters) and mark
    the posts that are not clustered: those the filter sets aside, and the brand's own posts (skip
    reason ``brand``: the brand answering its community is not the community's voice, in topics
    or challenges)."""
    # The names of the brand and its competitors stay as written in a Greeklish post's reading.
    names = [t for terms in parse_competitors(config.brand.competitors).values() for t in terms]
    found = transliterate_greeklish(detect_languages(normalize_posts(posts)),
                                    [*config.brand.terms, *names])
    prepared = _set_aside_brand(mark_skips(found, config.filter))
    prepared["analyzed"] = prepared["skip_reason"].isna().astype("boolean")
    return check_frame(prepared, NORMALIZED_POST, "prepare_posts")


def _set_aside_brand(posts: pd.DataFrame) -> pd.DataFrame:
    """Skip reason ``brand`` for the brand's own posts that have no reason of their own (a
    brand's repeated template is ``brand``, not ``duplicate``, as ``mining ingest`` says too; the
    brand's "+1" confirms no member's problem)."""
    own = posts["skip_reason"].isna() | posts["skip_reason"].isin(("duplicate", "agreement"))
    brand = (posts["author_is_brand"].astype("boolean").fillna(False) & own).to_numpy(dtype=bool)
    posts.loc[brand, "skip_reason"] = "brand"
    if "agrees_with" in posts:
        posts.loc[brand, "agrees_with"] = pd.NA
    return posts


def fit_topics(analyzed: pd.DataFrame, vectors: np.ndarray, config: Config,
               names: Iterable[str] = ()) -> tuple[TopicModel, pd.DataFrame]:
    """Fit the topic model on analyzed posts and their aligned vectors; describe the topics.
    Too few posts give a model without topics (``clustered_`` False) and an empty table.
    ``names`` (the words of members' names) are left out of keywords and labels, as the brand's
    own terms are."""
    t = config.topics
    if t.n_topics is not None and len(analyzed) >= minimum_posts(t.min_topic_size) \
            and t.n_topics > len(analyzed):
        raise ConfigError("E202", "topics.n_topics", key="n_topics",
                          detail=f"{t.n_topics} topics asked for {len(analyzed)} analyzed posts")
    docs, surfaces = token_docs(texts_read(analyzed).tolist(), analyzed["lang"].tolist(),
                                ignore=[*config.brand.terms, *names], read=read_in_greek(analyzed),
                                written=analyzed["text_norm"].fillna(""))
    model = topic_model(t).fit(docs, vectors, analyzed["lang"].to_numpy(),
                               keys=analyzed["text_norm"].tolist(), times=analyzed["created_at"])
    return model, describe_topics(analyzed, vectors, model, surfaces, docs, t.quotes,
                                  as_topics=True)


def read_posts(inputs: InputPaths, config: Config, manifest: Manifest | None = None,
               strict: bool = False) -> pd.DataFrame:
    """Read, protect identities, normalize, detect languages and mark skips; account per file
    (in ``manifest``, when given)."""
    return _read_posts(inputs, config, manifest, strict)[0]


def _read_posts(inputs: list[str], config: Config, manifest: Manifest | None, strict: bool
                ) -> tuple[pd.DataFrame, set[str]]:
    """``read_posts``, and the words of the members' names (kept in memory only)."""
    manifest = manifest or Manifest()
    inputs = input_list(inputs)
    shown = Identities(config.privacy, config.brand).shown_path
    with manifest.stage("read") as st:
        log.info("reading %s", ", ".join(map(shown, inputs)) if not config.privacy.keep_identities
                 else ", ".join(inputs))
        raw, files = read_inputs(inputs, config.input, strict=strict,
                                 shown=str if config.privacy.keep_identities else shown)
        manifest.data["inputs"] = [vars(f) for f in files]
        st["rows_out"] = len(raw)

    with manifest.stage("protect", len(raw)) as st:
        people = Identities(config.privacy, config.brand).add(raw)
        names = people.name_words()
        # the brand accounts named by a user name or nickname the protected posts no longer carry
        manifest.data["brand_accounts_named"] = sorted(people.brands_named)
        if config.privacy.keep_identities:
            people = None
        raw, manifest.data["privacy"] = protect_identities(raw, config.privacy, config.brand,
                                                           people)
        say_skipped(files, people.shown_file if people is not None else str)
        if people is not None:  # file names that name a person, in the manifest too
            manifest.data["inputs"] = list(map(people.shown_input, manifest.data["inputs"]))
            manifest.data["command"] = list(map(people.shown_path, manifest.data["command"]))
        manifest.data["inputs_set_aside"] = [f["file"] for f in manifest.data["inputs"] if f["error"]]
        st["rows_out"] = len(raw)

    with manifest.stage("prepare", len(raw)) as st:
        posts = prepare_posts(raw, config)
        st["rows_out"] = int(posts["analyzed"].sum())
        st["skipped"] = posts["skip_reason"].value_counts().to_dict()
        st["languages"] = posts["lang"].value_counts().to_dict()
    for entry in manifest.data["inputs"]:
        rows = posts[posts["source_file"] == entry["file"]]
        entry["rows_written"] = len(rows)
        entry["skipped"] = rows["skip_reason"].value_counts().to_dict()
    # A name word the posts use as an ordinary word (שיר, "easy") stays a possible keyword; a
    # member's name in another script (דני for Dani) and a Greek first name of someone who is no
    # member (Σουζάνα) are left out too.
    analyzed = analyzed_rows(posts, ["text_norm", "author"])
    names = names_in_posts(names, analyzed["text_norm"].fillna(""), analyzed["author"])
    return posts, names


def _replaceable(out: Path) -> None:
    """``out`` is a file ``ingest_posts`` may write or replace, checked before any input is read:
    a folder named as ``--out`` failed after every input was read, and a device was replaced by
    the parquet file (review 15, R15-15)."""
    if out.is_dir():
        raise MiningError("E208", str(out), detail=f"a folder: name the file to write, e.g. "
                                                  f"{out / 'posts.parquet'}")
    if out.exists() and not out.is_file():
        raise MiningError("E208", str(out), detail="not a regular file, and it would be replaced")


def ingest_posts(inputs: InputPaths, out: str | Path, config: Config, strict: bool = False
                 ) -> list[FileReport]:
    """``mining ingest``: read every input into the parquet file ``out`` in flat memory, whatever
    the size of the inputs (``INGESTED_POST`` rows: the rows of ``read_inputs``, identities
    protected as ``run`` protects them, with their language and the skip reasons a post carries
    on its own); return a report per file, with ``rows_written`` and ``skipped`` by reason.

    Each file's chunks are written to a staging part as they come, and a part counts only when
    its file was read whole. Identities are protected in a second pass over the parts, once every
    person is known (an @mention may name an author of a later file). ``out`` appears only when
    everything is written.

    Example:
        >>> files = ingest_posts(["corpora/demo"], "posts.parquet", Config())   # doctest: +SKIP
    """
    out = Path(out)
    _replaceable(out)
    writable_folder(out.parent)
    with tempfile.TemporaryDirectory(prefix=".ingest-", dir=out.parent) as staging:
        files, parts = [], []
        shown = (str if config.privacy.keep_identities
                 else Identities(config.privacy, config.brand).shown_path)
        for report, chunks in read_files(inputs, config.input, strict, shown):
            files.append(report)
            part = Path(staging) / f"part-{len(files)}.parquet"
            _write_parquet(chunks, part, READ_POST)
            if report.error is None and report.records:
                parts.append((report, part))
        read = _read_once_parts(parts, shown)
        people = (None if config.privacy.keep_identities
                  else _identities([part for _, part in read], config))
        say_skipped(files, people.shown_file if people is not None else str, listed=None)
        written: Counter = Counter()  # rows per file (as shown), counted as they are written
        skipped: dict[str, Counter] = defaultdict(Counter)

        def prepared(batch: pd.DataFrame) -> pd.DataFrame:
            posts = protect_identities(batch, config.privacy, config.brand, people)[0]
            posts = _set_aside_brand(mark_own_skips(detect_languages(normalize_posts(posts)),
                                                    config.filter))
            written.update(posts["source_file"].value_counts().to_dict())
            for (file, reason), n in posts.groupby(["source_file", "skip_reason"]).size().items():
                skipped[file][reason] += n
            return posts

        _write_parquet((prepared(batch) for batch in _part_batches(read, len(read) < len(parts))),
                       Path(staging) / out.name, INGESTED_POST)
        os.replace(Path(staging) / out.name, out)
    for report in files:
        if people:  # the file name as the outputs show it, also on the terminal
            vars(report).update(people.shown_input(vars(report)))
        if report.reader is not None:  # else notes["skipped"] says no reader recognises it
            report.notes["rows_written"] = written.get(report.file, 0)
            report.notes["skipped"] = dict(skipped.get(report.file, {}))
    return files


def _write_parquet(frames: Iterable[pd.DataFrame], path: Path, schema: dict[str, str]) -> None:
    """Write ``frames`` to one parquet file as they come, the schema's columns in the order of
    ``posts.parquet``; reading it gives back the schema's dtypes."""
    columns = [c for c in POSTS_PARQUET_ORDER if c in schema] + [
        c for c in schema if c not in POSTS_PARQUET_ORDER]
    arrow_schema = pa.Schema.from_pandas(empty_frame(schema)[columns], preserve_index=False)
    with pq.ParquetWriter(path, arrow_schema) as writer:
        for frame in frames:
            writer.write_table(pa.Table.from_pandas(frame[columns], schema=arrow_schema,
                                                    preserve_index=False))


def _read_once_parts(parts: list[tuple[FileReport, Path]], shown: Callable[[str], str]
                     ) -> list[tuple[FileReport, Path]]:
    """The staging parts of the files to read (``mining.ingest.read_once``), read three columns
    of one part at a time."""
    if len(parts) < 2:
        return parts
    counts, timed = [], []
    for _, part in parts:
        batches = [b.to_pandas() for b in pq.ParquetFile(part).iter_batches(
            columns=["author", "created_at", "text"])]
        counts.append(record_counts(batches))
        timed.append(all(b["created_at"].notna().all() for b in batches))
    return [parts[i] for i in read_once([report for report, _ in parts], counts, timed, shown)]


def _part_batches(parts: list[tuple[FileReport, Path]], reissue: bool) -> Iterator[pd.DataFrame]:
    """The parts' rows, a batch at a time. With ``reissue`` (a file was left out as read once),
    the ids the left-out files took are the kept files' own again, as ``read_inputs`` gives."""
    taken: set[str] = set()
    for report, part in parts:
        seen: Counter = Counter()
        for batch in pq.ParquetFile(part).iter_batches():
            frame = batch.to_pandas()
            if reissue:
                frame["post_id"] = post_ids(frame, seen, report.file, taken)
                taken.update(frame["post_id"].tolist())
            yield frame


def _identities(parts: list[Path], config: Config) -> Identities:
    """Every person the parts name, read a few columns and one batch at a time."""
    people = Identities(config.privacy, config.brand)
    for part in parts:
        for batch in pq.ParquetFile(part).iter_batches(columns=list(Identities.COLUMNS)):
            people.add(batch.to_pandas())
    return people


def run(inputs: InputPaths, out: str | Path, config: Config, strict: bool = False,
        progress: bool = False, latest: Path | None = None,
        previous: str | Path | None = None) -> RunResult:
    """Run the whole pipeline into the folder ``out``.

    Args:
        progress: show progress bars (on a terminal).
        latest: a link to point at ``out`` when the run succeeds (scheduled runs).
        previous: an earlier run folder whose topic ids this run keeps for the same topics.

    A failed run leaves ``out/FAILED`` with the error, a manifest with ``status: failed`` and the
    traceback in ``out/run.log``; ``latest`` keeps pointing at the last good run.
    """
    out = Path(out)
    if previous is not None:  # a path given as text too; checked before the run folder is made
        previous = Path(previous)
        check_previous(previous)
        check_salt(previous, config)
    manifest = Manifest()
    manifest.data["config"] = shown_config(config)
    manifest.data["seeds"] = {"umap": config.topics.seed}
    with run_folder(out, latest):
        try:
            return _run(inputs, out, config, manifest, strict, progress, previous)
        except BaseException as exc:
            manifest.data["error"] = str(exc)
            manifest.write(out, status="failed")
            raise


def _curation(config: Config) -> Curation:
    """The run's curation file; one written for another series (another salt) decides nothing
    here: its ids name other clusters."""
    return load_curation(config.run.curation).for_series(salt_fingerprint(config.privacy.salt))


def _history(reusable: Model | None, model: Model, changes: dict) -> dict:
    """What curation reads of the previous run (``reusable``'s model; None: none): per kind, the
    share of each cluster's posts kept under its id (``kept``) and where the posts of the
    clusters gone are (``gone``, from the manifest's ``changes``)."""
    if reusable is None:
        return {}
    kinds = (("challenges", "challenge_id"), ("topics", "topic_id"))
    return {"kept": {kind: kept_shares(reusable.posts, model.posts, column) for kind, column in kinds},
            "gone": {kind: changes[kind].get("vanished_where", []) for kind, _ in kinds}}


def _changed(changes: Changes, column: str, reusable, model, curation: Curation) -> dict:
    """The manifest's record of how this run's topics or challenges (``column``) relate to the
    previous run's, with where the posts of those gone went (``vanished_where``, with the name
    and status ``curation`` gave them; the named ones first) when the previous run's model
    (``reusable``) tells which posts they held."""
    record = dataclasses.asdict(changes)
    if reusable is not None:
        kind = "topics" if column == "topic_id" else "challenges"
        where = gone_where(changes.vanished, column, getattr(reusable, kind), reusable.posts,
                           model.posts)
        for entry in where:
            decision = curation.get(kind, entry["id"])
            entry.update(name=decision.name, curated_status=decision.status)
        record["vanished_where"] = sorted(where, key=lambda e: e["name"] is None)
        record["vanished"] = [e["id"] for e in record["vanished_where"]]
        record["new_posts"] = found = new_posts(reusable.posts, model.posts, column)
        if kind == "challenges" and found["gone"] * 2 > found["previous"] > 0:
            log.warning("%s", history_gone(found))
    return record


def _brand_accounts(posts: pd.DataFrame, brand: BrandConfig, manifest: Manifest) -> set[str]:
    """The brand's authors; a configured account that is no author is said on the terminal."""
    brands, said = find_brand_accounts(posts, brand, manifest.data.get("brand_accounts_named", ()))
    if brand.accounts and said:
        log.warning("%s", said["brand_accounts"])
    return brands


def _checked_before_reading(config: Config) -> Curation:
    """The curation file, the Dask packages and the embedder: what fails a run, checked before any
    input is read (a large chat takes minutes to read)."""
    curation = _curation(config)
    require_dask(config.scale)
    require_embedder(config.embedding.name)
    return curation


def _run(inputs: list[str], out: Path, config: Config, manifest: Manifest, strict: bool,
         progress: bool, previous_folder: Path | None) -> RunResult:
    """The stages in order: read, embed, align, topics, challenges, curation, write."""
    curation = _checked_before_reading(config)
    previous, reusable = load_state(previous_folder), load_model(previous_folder)
    posts, names = _read_posts(inputs, config, manifest, strict)
    gone = _inputs_gone(previous_folder, manifest, posts)
    shared = shared_with_previous(previous_folder, manifest.data["inputs"], posts)
    analyzed = _sorted_analyzed(posts)
    brands = _brand_accounts(posts, config.brand, manifest)
    raw_vectors, typed = embed_stage(analyzed, brands, config, manifest, progress, out)
    typed = type_stage(analyzed, raw_vectors, brands, config, manifest, reusable, typed)
    plan = plan_refit(reusable, analyzed, raw_vectors, config, posts, typed)
    manifest.data["refit"] = plan.record()
    release(raw_vectors)
    vectors, aligner = align_stage(analyzed, raw_vectors, config, manifest, plan.model, out)
    known = reusable.posts if reusable is not None else None  # matched by members after a refit
    topics, topic_ids, topic_changes, topic_centroids = topics_stage(
        analyzed, vectors, config, manifest, previous, names, curation.named_ids("topics"),
        plan.model, known)
    release(vectors)
    posts = posts.assign(topic_id=_on_posts(posts, analyzed, topic_ids, "Int64"))
    fit = partial(challenges_stage, analyzed, posts, raw_vectors, vectors, config, manifest,
                  previous, names, curation.named_ids("challenges"), typed=typed, known=known)
    plan, found, challenge_changes, words = _challenges_and_alerts(
        fit, plan, reusable, (analyzed, posts, np.asarray(topic_ids)), config, manifest)
    release(raw_vectors, vectors)
    model = keep_model(out.name, config, plan, aligner, analyzed, vectors, topics, topic_ids,
                       topic_centroids, found, brands, words)
    release(vectors)
    manifest.data["changes"] = {
        "previous_run": str(previous_folder) if previous else None, "inputs_gone": gone,
        "shared_with_previous": shared,
        "topics": _changed(topic_changes, "topic_id", reusable, model, curation),
        "challenges": _changed(challenge_changes, "challenge_id", reusable, model, curation)}
    posts = posts.assign(**{c: _on_posts(posts, analyzed, found.posts[c].array, t)
                            for c, t in CHALLENGE_POST.items()})
    curated = apply_curation(curation, found.challenges, topics, posts, review_new=bool(previous),
                             **_history(reusable, model, manifest.data["changes"]))
    found = dataclasses.replace(found, challenges=check_table(curated.challenges, CURATED_CHALLENGE,
                                                              "curation"))
    if reusable is not None:  # what came since the last run leads each card's quotes
        found = dataclasses.replace(found, challenges=new_quoted_first(
            found.challenges, curated.posts, reusable.posts["text_hash"], config.challenges.quotes))
    topics, posts = check_table(curated.topics, CURATED_TOPIC, "curation"), curated.posts
    manifest.data["curation"] = {"file": curation.path, "notes": curated.notes}
    for note in curated.notes:  # said where the run is watched too, not only in the manifest
        log.info("curation: %s", note)
    posts = check_frame(posts, ASSIGNED_POST, "assign")[POSTS_PARQUET_ORDER]
    topics, found = _traced(topics, found, posts)
    points, analyzed, curated = (analyzed["post_id"].tolist(), vectors), None, None  # copies, freed
    write_stage(out, posts, topics, found, manifest, model, points,
                {"topic": topic_changes.next_id, "challenge": challenge_changes.next_id})
    manifest.write(out)
    return RunResult(posts, topics, found, manifest.data, out)


def _challenges_and_alerts(fit: Callable, plan: Plan, reusable: Model | None, run_posts: tuple,
                           config: Config, manifest: Manifest) -> tuple:
    """The plan, the challenges and their ``Changes`` (``fit``: ``challenges_stage`` given the
    model to reuse, None to fit), and the words of the posts that the alerts of a new problem
    (``emerging``: too small for a challenge, or hidden in one; in the manifest) split, kept for
    the next run's (None: no previous run). ``run_posts``: the analyzed posts, every post, and
    each analyzed post's topic. An alert as large as a challenge fits the challenges again
    (``refit_for_new_group``): reused, its posts would be in none, or under an older one."""
    found, changes, _ = fit(None if plan.refit_challenges else plan.model)
    if reusable is None:
        return plan, found, changes, None
    analyzed, posts, topic_ids = run_posts
    alerts, words = emerging(reusable, analyzed, posts, found.posts, config, changes.new, topic_ids)
    refit = refit_for_new_group(plan, alerts, config)
    if refit is not plan:  # the reused challenges' stage is replaced by the fit's
        log.info("%s", refit.reason)
        plan, manifest.data["refit"] = refit, refit.record()
        manifest.data["stages"] = [s for s in manifest.data["stages"] if s["name"] != "challenges"]
        found, changes, _ = fit(None)
        alerts, words = emerging(reusable, analyzed, posts, found.posts, config, changes.new,
                                 topic_ids)
    manifest.data["refit"]["emerging"] = alerts
    return plan, found, changes, words


def _traced(topics: pd.DataFrame, found: ChallengeResult, posts: pd.DataFrame
            ) -> tuple[pd.DataFrame, ChallengeResult]:
    """The topics, challenges and recurring questions with their quotes' files and ids
    (``mining.report.trace``), as the run writes and returns them."""
    from mining.report.trace import traced_tables

    traced = traced_tables({"challenges": found.challenges, "topics": topics,
                            "content_feed": found.content_feed}, posts)
    return traced["topics"], dataclasses.replace(found, challenges=traced["challenges"],
                                                 content_feed=traced["content_feed"])


def _sorted_analyzed(posts: pd.DataFrame) -> pd.DataFrame:
    """The analyzed posts in a canonical order (by text; analyzed texts are unique), before
    anything order-sensitive: float sums and UMAP's neighbour search must see the same posts in
    the same order, or the same posts shuffled would give other topics. The index still points
    into ``posts``. The text as written stays out: the stages read ``text_norm`` and
    ``text_read`` (``texts_read``), and a copy of every text is 26 MB at 100k posts (README
    "Scale")."""
    return posts.loc[posts["analyzed"], posts.columns.drop("text")].sort_values(
        "text_norm", kind="stable")


def _inputs_gone(previous_folder: Path | None, manifest: Manifest, posts: pd.DataFrame
                 ) -> list[dict]:
    """The inputs the previous run read and this one does not, each said on the terminal."""
    gone = inputs_gone(previous_folder, manifest.data["inputs"], posts)
    for entry in gone:
        if "replaced_by" in entry:
            log.info("%s: replaced by %s, which holds %d of its %d records", entry["file"],
                     entry["replaced_by"], entry["held"], entry["records"])
            continue
        log.warning("%s: read in the previous run (%d records), not among this run's inputs: its "
                    "posts are left out unless another file holds them", entry["file"],
                    entry["records"])
    return gone


def _on_posts(posts: pd.DataFrame, analyzed: pd.DataFrame, values, dtype: str) -> pd.Series:
    """A column over every post: ``values`` on the analyzed ones (in their order), null elsewhere."""
    column = pd.Series(index=posts.index, dtype=dtype)
    column.loc[analyzed.index] = pd.Series(values, index=analyzed.index)
    return column


def embed_stage(analyzed: pd.DataFrame, brands: set[str], config: Config, manifest: Manifest,
                progress: bool, out: Path | None = None) -> tuple[np.ndarray, pd.DataFrame | None]:
    """The analyzed posts' embeddings, through the on-disk cache; on Dask (``[scale]``), with
    their feedback types and sentiment, typed on the workers too (``brands``: the brand's
    accounts, whose posts are no feedback; else None: ``type_stage`` types them).

    With ``out`` (the run folder), in one process, the vectors are written to ``RAW_VECTORS``
    there and returned mapped from it, read-only (``vectorfile``): the later stages read them a
    block at a time instead of holding them."""
    with manifest.stage("embed", len(analyzed)) as st:
        e = config.embedding
        log.info("embedding %d posts with %s", len(analyzed), e.name)
        if on_dask(config.scale) and len(analyzed):
            with dask_client(config.scale) as client:
                vectors, typed, figures = embed_on_workers(client, analyzed, brands, config)
            st["rows_out"] = len(vectors)
            manifest.data["embedding"] = {"max_tokens": e.max_tokens, **figures}
            return vectors, typed
        embedder = get_embedder(e.name)
        allocate = None if out is None else partial(create_vectors, out / RAW_VECTORS)
        vectors, figures = embed_texts(texts_read(analyzed).tolist(), embedder,
                                       EmbeddingCache(e.cache_dir), max_tokens=e.max_tokens,
                                       checkpoint_posts=e.checkpoint_posts, progress=progress,
                                       allocate=allocate)
        if out is not None and len(vectors):
            vectors.flush()
            vectors = open_vectors(out / RAW_VECTORS)
        st["rows_out"] = len(vectors)
        manifest.data["embedding"] = {"model": embedder.name, "max_tokens": e.max_tokens, **figures}
    return vectors, None


def type_stage(analyzed: pd.DataFrame, raw_vectors: np.ndarray, brands: set[str], config: Config,
               manifest: Manifest, reusable: Model | None, typed: pd.DataFrame | None
               ) -> pd.DataFrame:
    """Feedback type, spam and abuse flags and sentiment of each analyzed post
    (``classify_posts``): ``typed`` when the Dask workers typed them beside the embedding; else a
    post the previous run typed with the same heads and settings keeps its columns
    (``type_posts``), and the others are typed here."""
    with manifest.stage("type", len(analyzed)) as st:
        log.info("typing feedback and sentiment")
        if typed is None:
            typed, st["reused"] = type_posts(reusable, analyzed, raw_vectors, brands, config)
        else:
            st["typed_on"] = "dask workers"
        st["rows_out"] = len(typed)
    return typed


def align_stage(analyzed: pd.DataFrame, vectors: np.ndarray, config: Config, manifest: Manifest,
                reuse: Model | None = None, out: Path | None = None
                ) -> tuple[np.ndarray, LanguageAligner | None]:
    """The embeddings without their per-language offset (the feedback and sentiment heads read
    the unaligned ones), and the aligner: fitted here, or the reused model's. With ``out`` (the
    run folder), the aligned vectors are written to ``ALIGNED_VECTORS`` there, block by block,
    and returned mapped from it, read-only."""
    aligner = reuse.aligner if reuse is not None else None
    with manifest.stage("align", len(analyzed)) as st:
        if config.embedding.align and len(analyzed):
            groups = alignment_groups(analyzed["lang"], analyzed["greeklish"])
            aligner = aligner or LanguageAligner(
                directions=language_directions(config.embedding.name)).fit(vectors, groups)
            if out is None:
                vectors = aligner.transform(vectors, groups)
            else:
                aligner.transform(vectors, groups, create_vectors(out / ALIGNED_VECTORS,
                                                                  *vectors.shape)).flush()
                vectors = open_vectors(out / ALIGNED_VECTORS)
            st["groups_with_offset"] = sorted(aligner.means_)
        st["rows_out"] = len(vectors)
    return vectors, aligner


def topics_stage(analyzed: pd.DataFrame, vectors: np.ndarray, config: Config, manifest: Manifest,
                 previous: dict, names: Iterable[str] = (), reserved: Iterable[int] = (),
                 reuse: Model | None = None, known: pd.DataFrame | None = None
                 ) -> tuple[pd.DataFrame, np.ndarray, Changes, dict[int, np.ndarray]]:
    """The topic table, each analyzed post's topic, and how the topics relate to the previous
    run's, all with the stable ids (new ids after the ``reserved`` ones: the ids the curation
    names; matched by members with ``known``, the previous model's posts, as
    ``tracking.stable_ids`` says). With ``reuse`` (a previous run's model), new posts are
    assigned to its topics instead of fitting."""
    with manifest.stage("topics", len(analyzed)) as st:
        if reuse is not None:
            log.info("assigning the new posts among %d to the previous topics", len(analyzed))
            cap = None if config.topics.n_topics else config.topics.max_topic_share
            model = reuse.clusters("topics", cap).fit(analyzed, vectors)
            labels, topics = model.labels_, model.table_
            st.update(reused_from=reuse.fitted_in, **model.fit_)  # fitted_on 0, assigned
        else:
            log.info("finding topics in %d posts", len(analyzed))
            model, topics = fit_topics(analyzed, vectors, config, names)
            labels = model.topics_
            st.update(_fit_figures(model, analyzed["post_id"], config))
            warn_raised_sample("topics", config.topics.fit_sample, st)
        ids, changes, centroids = stable_ids(
            model.centroids_, previous, "topic", config.run.match_similarity, reserved,
            None if known is None else (known, text_hashes(analyzed["text_norm"]), labels))
        topics = renumber(topics, "topic_id", ids, changes)
        topic_ids = np.array([ids.get(t, -1) for t in labels.tolist()], dtype=int)
        topics = check_table(with_trends(topics, analyzed, topic_ids, config), TOPIC, "topics")
        st["rows_out"] = len(analyzed)
        st["topics"] = len(topics)
        st["outlier_share"] = round(float(np.mean(topic_ids == -1)), 4) if len(topic_ids) else None
    return topics, topic_ids, changes, centroids


def with_trends(topics: pd.DataFrame, analyzed: pd.DataFrame, topic_ids: np.ndarray,
                config: Config) -> pd.DataFrame:
    """``topics`` with their posts of the recent weeks and of the last week and their trend, as
    challenges have them (``group_trends``, ``challenges.recent_weeks``...): in a weekly series
    the all-time sizes are set more and more by the oldest weeks (review 12, R12-22: a subject
    of 26, 25, 7, 7, 5 posts a week stayed first, the rising one of 2, 1, 12, 26, 17 second)."""
    times = analyzed["created_at"] if analyzed["created_at"].notna().any() else None
    trends = group_trends(times, pd.Series(topic_ids), config.challenges)
    trends = pd.DataFrame.from_dict(trends, orient="index").reindex(columns=list(TOPIC_TREND))
    return topics.join(trends, on="topic_id")


def challenges_stage(analyzed: pd.DataFrame, posts: pd.DataFrame, raw_vectors: np.ndarray,
                     vectors: np.ndarray, config: Config, manifest: Manifest, previous: dict,
                     names: Iterable[str] = (), reserved: Iterable[int] = (),
                     reuse: Model | None = None, typed: pd.DataFrame | None = None,
                     known: pd.DataFrame | None = None
                     ) -> tuple[ChallengeResult, Changes, dict[int, np.ndarray]]:
    """Feedback types, sentiment, challenges and the community signals, with stable ids (new ids
    after the ``reserved`` ones: the ids the curation names; matched by members with ``known``,
    the previous model's posts); ``names`` stay out of keywords. With
    ``reuse``, new posts are assigned to its challenges and recurring-question groups instead of
    fitting; ``typed``: the posts' feedback types and sentiment (``type_stage``)."""
    with manifest.stage("challenges", len(analyzed)) as st:
        log.info("finding challenges, spikes and recurring questions")
        share = config.challenges.max_challenge_share  # no cap for k-means (n_challenges)
        questions = reuse.clusters("questions", share) if reuse else None
        clusterer = (reuse.clusters("challenges", None if config.challenges.n_challenges else share)
                     if reuse else None)
        found = analyze_challenges(analyzed, raw_vectors, vectors, config.challenges,
                                   all_posts=posts, brand=config.brand, names=names,
                                   clusterer=clusterer, typed=typed, questions=questions,
                                   brands_named=manifest.data.get("brand_accounts_named", ()))
        ids, changes, centroids = stable_ids(
            found.centroids, previous, "challenge", config.run.match_similarity, reserved,
            None if known is None else (known, text_hashes(analyzed["text_norm"]),
                                        found.posts["challenge_id"].array))
        found = checked_tables(renumber_challenges(found, ids, changes), "challenges")
        st.update(rows_out=len(analyzed), challenges=len(found.challenges),
                  feedback_types=found.posts["feedback_type"].value_counts().to_dict(), **found.fit)
        if reuse is not None:
            st["reused_from"] = reuse.fitted_in
        if questions is not None:
            st["question_groups_reused_from"] = reuse.fitted_in
        warn_raised_sample("challenges", config.challenges.fit_sample, st)
        if found.questions is not None:  # the recurring questions' clustering, as the challenges'
            st["question_groups"] = dict(found.questions.fit_)
            warn_raised_sample("challenges", config.challenges.fit_sample, st["question_groups"],
                               "recurring questions")
        manifest.data["signals_not_computed"] = found.notes
    return found, changes, centroids


def _fit_figures(model: TopicModel, post_ids: pd.Series, config: Config) -> dict:
    """What the topics stage's manifest entry says of a fit (``post_ids``: the analyzed posts',
    in the model's order), with the ids of the posts that show each group left out above the
    cap (the report quotes them)."""
    if not model.clustered_:
        return {"not_run": (f"{len(post_ids)} analyzed posts; topics need at least "
                            f"{minimum_posts(config.topics.min_topic_size)}")}
    return {"min_cluster_size": model.min_cluster_size_, "found_by_hdbscan": model.n_found_,
            "merged": model.merged_, "outliers_assigned": model.outliers_assigned_,
            "fitted_on": model.fitted_on_, "assigned": model.assigned_,
            "fit_sample": model.sample_size_, "left_out_by_cap": model.capped_,
            "kept_whole_above_cap": [int(n) for n in model.kept_whole_],
            "left_out_above_cap": [int(n) for n in model.left_out_],
            "left_out_examples": [post_ids.iloc[rows].astype(str).tolist()
                                  for rows in model.left_out_examples_]}


def warn_raised_sample(section: str, asked: int, stage: dict, clusters: str = "") -> None:
    """One line in the run log when ``[section] fit_sample`` was below the floor of its clustering
    (``TopicModel.sample_floor``) and the posts outnumbered it: the sample drawn was larger.
    ``clusters``: what the clustering finds (default ``section``)."""
    used, posts = stage.get("fit_sample", 0), stage.get("fitted_on", 0) + stage.get("assigned", 0)
    if 0 < asked < used and posts > asked:
        log.warning("%s.fit_sample = %d raised to %d, the fewest posts its clustering finds "
                    "%s in (README, Fitting on a sample): fitted on %d of %d posts", section,
                    asked, used, clusters or section, stage["fitted_on"], posts)


def checked_tables(found: ChallengeResult, stage: str) -> ChallengeResult:
    """``found`` with each of its tables checked against its schema (``RUN_TABLES``; challenges
    before curation adds its columns)."""
    schemas = {**RUN_TABLES, "challenges": CHALLENGE, "content_feed": CONTENT_FEED}
    return dataclasses.replace(found, **{name: check_table(getattr(found, name), schemas[name], stage)
                                         for name in schemas if name != "topics"})


def write_stage(out: Path, posts: pd.DataFrame, topics: pd.DataFrame, found: ChallengeResult,
                manifest: Manifest, model: Model, points: tuple[list[str], np.ndarray],
                next_ids: dict[str, int]) -> None:
    """posts.parquet, a CSV per table, challenges.xlsx, the state (with ``next_ids``, the next
    topic and challenge id to give) and model for the next run (``increment.save_model``),
    reports."""
    from mining.report import write_reports
    from mining.report.trace import quoted_posts

    with manifest.stage("write", len(posts)) as st:
        posts.to_parquet(out / "posts.parquet", index=False)
        tables = {"challenges": found.challenges, "topics": topics, "content_feed": found.content_feed,
                  "spikes": found.spikes, "community_health": found.community_health,
                  "community_weekly": found.community_weekly,
                  "helpful_members": found.helpful_members, "kpis": found.kpis}
        for name, table in tables.items():
            write_csv(table, out / f"{name}.csv")
        write_xlsx(tables | {"quoted_posts": quoted_posts(tables, posts)}, out / "challenges.xlsx",
                   report_zone(manifest.data))
        save_state(out, **state("topic", model.topic_centroids, next_ids["topic"]),
                   **state("challenge", model.challenge_centroids, next_ids["challenge"]))
        limit = manifest.data["config"]["report"]["explorer_posts"]
        post_map, model = explorer_map(posts, points, limit, model)
        kept = save_model(out, model)
        written = write_reports(posts, topics, found, manifest.data, out, model.topic_centroids,
                                points, post_map)
        st["rows_out"] = len(posts)
        st["files"] = ["posts.parquet", *(f"{n}.csv" for n in tables), "challenges.xlsx",
                       STATE_FILE, *kept, *written, "manifest.json",
                       *(str(p) for p in (RAW_VECTORS, ALIGNED_VECTORS) if (out / p).exists())]
