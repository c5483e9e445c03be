"""The on-disk embedding cache: one folder per model, shards of (text hash, vector).

Keys are SHA-256 hashes of the exact text embedded, so a re-run embeds only texts it has not seen,
and a cache never returns a vector computed by another model.

A run writes its vectors as it goes, in ``part-*.npz`` checkpoint shards, so a killed run resumes
where it stopped; when the embedding finishes, its checkpoints (and those a stopped run left) are
merged into one shard, and once the folder holds ``COMPACT_AT`` whole shards they are all merged
into one, so a cache that many weekly runs grew stays a few files.

A run looks its posts up a shard at a time, a block of rows at a time (``lookup``): it keeps only
its own posts' vectors, never the whole cache (1.5 GB at a million vectors). A Dask worker reads
it whole once and keeps it for its life (``get``, ``refresh``).

A shard is written under a temporary name, flushed to disk and renamed, so a shard name always
holds a whole shard; a write that fails (a full disk) leaves nothing behind. A shard is checked
before it is trusted (its zip checksums, the shape of its keys and vectors, no pickled objects):
a corrupt one is removed with a warning and its texts are embedded again. Temporary files that a
killed process left are removed once they are an hour old (a younger one may be another run's
shard being written). A shard that vanishes while it is read was merged by another run: the
folder is listed again.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import time
import uuid
import zipfile
import zlib
from contextlib import suppress
from pathlib import Path

import numpy as np

log = logging.getLogger("mining")

STALE_SECONDS = 3600  # a temporary shard this old was left by a process that did not finish
COMPACT_AT = 16  # whole shards in a model's folder from which a finishing run merges them all
PART = "part-"  # name prefix of a checkpoint shard, written while a run embeds
SCAN_ROWS = 8192  # rows of a shard read at a time when it is looked up (``lookup``)
_SHARD_ERRORS = (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, zlib.error)


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder).expanduser()
        self._loaded: dict[str, dict[str, np.ndarray]] = {}
        self._shards: dict[str, dict[Path, list[str]]] = {}  # shards read or written, their keys
        self._resumed: dict[str, set[str]] = {}  # keys read from checkpoints of a stopped run
        self._unwritten: dict[str, dict[str, np.ndarray]] = {}  # stored, but the disk refused

    def _model_dir(self, model: str) -> Path:
        return self.folder / re.sub(r"[^\w.-]+", "_", model)

    def _open(self, model: str) -> dict[Path, list[str]]:
        """The shards known so far, by path, with their keys; stale temporary files removed."""
        if model not in self._shards:
            _remove_stale(self._model_dir(model))
            self._shards[model], self._resumed[model] = {}, set()
        return self._shards[model]

    def _load(self, model: str) -> dict[str, np.ndarray]:
        if model not in self._loaded:
            self._open(model)
            self._loaded[model], self._shards[model] = {}, {}
            self._read_new(model, parts=True)
            self._resumed[model] = {k for s, keys in self._shards[model].items()
                                    if s.name.startswith(PART) for k in keys}
        return self._loaded[model]

    def refresh(self, model: str) -> None:
        """Read the whole shards that other processes wrote since this cache was loaded (all of
        them, the first time): a Dask worker keeps one cache for its life, and the other
        workers' vectors join it there. Their checkpoint shards are left alone (a run in
        progress merges its own)."""
        if model in self._loaded:
            self._read_new(model, parts=False)
        else:
            self._load(model)

    def lookup(self, model: str, texts: list[str], put) -> set[str]:
        """Call ``put(text, vector)`` for each of ``texts`` the cache holds, and return them.

        A cache that was not read whole (``get``, ``refresh``) is read a shard at a time, a
        block of rows at a time, keeping only these texts' vectors: a cache of a million
        vectors is 1.5 GB, more than the run needs when its posts are a part of them. A shard
        that fails a check is dropped as ``get`` drops it; what it gave is not counted found.
        """
        if model in self._loaded:
            found = self.get(model, texts)
            for text, vector in found.items():
                put(text, vector)
            return set(found)
        wanted = {text_key(t): t for t in texts}
        kept = {wanted[k]: v for k, v in self._unwritten.get(model, {}).items() if k in wanted}
        for text, vector in kept.items():
            put(text, vector)
        return set(kept) | self._scan_new(model, wanted, put)

    def _scan_new(self, model: str, wanted: dict[str, str], put) -> set[str]:
        """Scan the shards not known yet (``_scan_shard``): their keys become known, and the
        texts of ``wanted`` (by key) they hold are given to ``put`` and returned."""
        shards, found = self._open(model), set()
        vanished = True
        while vanished:  # as ``_read_new``: a shard merged away meanwhile is read from the merge
            vanished = False
            for shard in sorted(set(self._model_dir(model).glob("[!.]*.npz")) - set(shards)):
                keys = _scan_shard(shard, wanted, put)
                if keys is None:
                    vanished = True
                    continue
                shards[shard] = keys
                hits = {wanted[k] for k in keys if k in wanted}
                found |= hits
                if shard.name.startswith(PART):
                    self._resumed[model] |= {text_key(t) for t in hits}
        return found

    def _read_new(self, model: str, parts: bool) -> None:
        """Add the shards not read yet to the table (checkpoint shards too when ``parts``)."""
        table, shards = self._loaded[model], self._shards[model]
        vanished = True
        while vanished:  # a shard merged away by another run: its merge is listed next time
            vanished = False
            for shard in sorted(set(self._model_dir(model).glob("[!.]*.npz")) - set(shards)):
                if not parts and shard.name.startswith(PART):
                    continue
                vectors = _read_shard(shard)
                if vectors is None:
                    vanished = True
                    continue
                if vectors:  # a dropped corrupt shard holds nothing
                    table.update(vectors)
                    shards[shard] = list(vectors)

    def get(self, model: str, texts: list[str]) -> dict[str, np.ndarray]:
        """Vectors for the texts the cache holds, by text."""
        table = {**self._load(model), **self._unwritten.get(model, {})}
        return {t: table[k] for t in set(texts) if (k := text_key(t)) in table}

    def resumed(self, model: str, texts: list[str]) -> int:
        """How many of ``texts`` have vectors that a stopped run left in its checkpoints (among
        the shards read so far: ``get`` or ``lookup``)."""
        self._open(model)
        return sum(text_key(t) in self._resumed[model] for t in set(texts))

    def put(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        """Store new vectors as one new whole shard."""
        self._store(model, vectors, "")

    def checkpoint(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        """Store vectors computed so far as a checkpoint shard (merged by ``finish``)."""
        self._store(model, vectors, PART)

    def finish(self, model: str) -> None:
        """Merge the checkpoint shards into one whole shard, or every shard once there are
        ``COMPACT_AT`` whole ones; the merged shards are removed once the merge is on disk."""
        shards = self._open(model)
        if model not in self._loaded:  # the shards on disk count, as when it was read whole
            self._scan_new(model, {}, None)
        parts = [s for s in shards if s.name.startswith(PART)]
        merged = list(shards) if len(shards) - len(parts) >= COMPACT_AT else parts
        if not merged:
            return
        table = self._loaded.get(model) or {}
        read = {}
        for old in merged:  # from disk when the cache was looked up a shard at a time
            vectors = {k: table[k] for k in shards[old]} if all(
                k in table for k in shards[old]) else _read_shard(old)
            read.update(vectors or {})
        keys = list(read)
        if not keys:
            return
        shard = self._write(model, keys, np.stack([read[k] for k in keys]), "")
        if shard is None:
            return
        for old in merged:
            with suppress(OSError):  # gone already: another run merged it too
                old.unlink()
            del shards[old]
        shards[shard] = keys

    def _store(self, model: str, vectors: dict[str, np.ndarray], prefix: str) -> None:
        keys = [text_key(t) for t in vectors]
        if keys:
            shard = self._write(model, keys, np.stack(list(vectors.values())), prefix)
            if shard is not None:
                self._open(model)[shard] = keys
            else:  # not on disk: this cache keeps them (a full or read-only disk)
                self._unwritten.setdefault(model, {}).update(zip(keys, vectors.values()))
            if model in self._loaded:
                self._loaded[model].update(zip(keys, vectors.values()))

    def _write(self, model: str, keys: list[str], vectors: np.ndarray, prefix: str) -> Path | None:
        """Write a shard whole under a temporary name, flush it and rename it. A shard that cannot
        be written (a full disk, a read-only cache) is a warning: the run has its vectors, the
        next one computes them again."""
        self._open(model)
        folder = self._model_dir(model)
        tmp = folder / f".{uuid.uuid4().hex}.tmp"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as fh:
                np.savez(fh, keys=np.array(keys), vectors=vectors)
                fh.flush()
                os.fsync(fh.fileno())
            shard = folder / f"{prefix}{uuid.uuid4().hex}.npz"
            os.replace(tmp, shard)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            log.warning("embedding cache %s: cannot store %d vectors (%s); they will be computed "
                        "again next run", folder, len(keys), exc.strerror or exc)
            return None
        return shard


def _read_shard(shard: Path) -> dict[str, np.ndarray] | None:
    """The shard's vectors by key, once it is checked; a shard that fails a check is removed
    (its texts are embedded again) and gives nothing; ``None`` when it is gone (merged by another
    run meanwhile)."""
    try:
        with open(shard, "rb") as fh:  # np.load leaves a file open when it is not a zip
            data = np.load(fh, allow_pickle=False)
            if not isinstance(data, np.lib.npyio.NpzFile):
                raise ValueError("not an .npz archive")
            with data:
                keys, vectors = data["keys"], data["vectors"]  # reading checks the CRC-32s
        if not (keys.ndim == 1 and vectors.ndim == 2 and len(keys) == len(vectors)
                and keys.dtype.kind == "U" and vectors.dtype.kind == "f"
                and np.isfinite(vectors).all()):
            raise ValueError(f"keys {keys.shape} {keys.dtype}, vectors {vectors.shape} {vectors.dtype}")
    except FileNotFoundError:
        return None
    except _SHARD_ERRORS as exc:
        log.warning("embedding cache: dropped the corrupt shard %s (%s: %s); its texts are "
                    "embedded again", shard, type(exc).__name__, exc)
        with suppress(OSError):  # a read-only cache keeps it, and keeps ignoring it
            shard.unlink()
        return {}
    return dict(zip(keys.tolist(), vectors))


def _scan_shard(shard: Path, wanted: dict[str, str], put) -> list[str] | None:
    """The shard's keys, read with its vectors ``SCAN_ROWS`` at a time; ``put(text, vector)`` for
    the keys of ``wanted`` (key: text). Checked as ``_read_shard`` checks a shard (the zip
    checksums once each member is read to its end): a corrupt one is removed with a warning and
    gives no keys (what it gave ``put`` is not counted found); ``None`` when it is gone."""
    try:
        with zipfile.ZipFile(shard) as archive:
            keys = _npy_blocks(archive, "keys.npy", SCAN_ROWS)
            vectors = _npy_blocks(archive, "vectors.npy", SCAN_ROWS)
            (n, key_kind), (m, width, kind) = next(keys), next(vectors)
            if not (key_kind == "U" and kind == "f" and n == m and width):
                raise ValueError(f"keys ({n},) of kind {key_kind}, vectors ({m}, {width}) of "
                                 f"kind {kind}")
            names: list[str] = []
            for block_keys, block in zip(keys, vectors):
                if len(block_keys) != len(block) or not np.isfinite(block).all():
                    raise ValueError("vectors not finite, or not one a key")
                for i, key in enumerate(block_keys.tolist()):
                    names.append(key)
                    if put is not None and key in wanted:
                        put(wanted[key], block[i])
            for rest in (keys, vectors):  # read to the end: the member's CRC-32 is checked
                if next(rest, None) is not None or len(names) != n:
                    raise ValueError("more rows than the header says")
    except FileNotFoundError:
        return None
    except _SHARD_ERRORS as exc:
        log.warning("embedding cache: dropped the corrupt shard %s (%s: %s); its texts are "
                    "embedded again", shard, type(exc).__name__, exc)
        with suppress(OSError):  # a read-only cache keeps it, and keeps ignoring it
            shard.unlink()
        return []
    return names


def _npy_blocks(archive: zipfile.ZipFile, member: str, rows: int):
    """An ``.npy`` member of an archive without reading it whole: first its row count (and
    width for 2-d) and dtype kind, then its rows ``rows`` at a time; refuses object arrays."""
    with archive.open(member) as fh:
        version = np.lib.format.read_magic(fh)
        read_header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                       else np.lib.format.read_array_header_2_0)
        shape, fortran, dtype = read_header(fh)
        if dtype.hasobject or fortran or len(shape) not in (1, 2):
            raise ValueError(f"{member}: shape {shape}, dtype {dtype}")
        yield (*shape, dtype.kind)
        row_bytes = dtype.itemsize * (shape[1] if len(shape) == 2 else 1)
        for start in range(0, shape[0], rows):
            count = min(rows, shape[0] - start)
            data = fh.read(count * row_bytes)
            if len(data) != count * row_bytes:
                raise ValueError(f"{member}: cut short")
            yield np.frombuffer(data, dtype=dtype).reshape(count, *shape[1:])
        if fh.read(1):
            raise ValueError(f"{member}: longer than its header says")


def _remove_stale(folder: Path) -> None:
    """Remove temporary shards that a killed process left (an hour old or more)."""
    now = time.time()
    for tmp in folder.glob(".*.tmp*"):
        with suppress(OSError):  # gone meanwhile (another run), or a read-only cache
            if now - tmp.stat().st_mtime > STALE_SECONDS:
                tmp.unlink()
