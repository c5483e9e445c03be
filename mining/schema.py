"""Column contracts between stages, one per row grain.

Each stage declares what it takes and returns; ``check_frame`` enforces it at the boundary so a
broken reader or stage fails where it breaks, naming every missing or mistyped column at once.
"""
from __future__ import annotations

import pandas as pd

# A post as a reader yields it. Readers fill what their format carries and leave the rest null.
RAW_POST: dict[str, str] = {
    "source": "string",  # the reader: csv, jsonl, whatsapp, telegram, ...
    "source_file": "string",  # the file, relative to the input argument ("a.zip!chat.txt" in a zip)
    "source_id": "string",  # the record's id in its file (id column, message id, or 1-based row)
    "channel": "string",  # group, channel or page
    "thread_id": "string",
    "parent_id": "string",  # source_id of the record this one replies to
    "author": "string",
    "created_at": "datetime64[ns, UTC]",
    "text": "string",  # exactly as the export holds it
    "kind": "string",  # post / comment / message / system / preamble (text before a chat's first message)
    "reactions": "Int64",
    "reply_count": "Int64",
    "edited": "boolean",
    "deleted": "boolean",
    "url": "string",
    "lang_hint": "string",  # a language given by the input (--lang-column), else null
}

# What ingestion returns: a raw post with its id.
READ_POST: dict[str, str] = {
    **RAW_POST,
    "post_id": "string",  # stable across runs: hash of source_file and source_id
}

# After privacy.
PROTECTED_POST: dict[str, str] = {
    **READ_POST,
    "author_is_brand": "boolean",  # the author is one of the config's brand accounts
}

# What `mining ingest` writes: protected posts with their language and the skip reasons a post
# carries on its own (``duplicate`` needs every post, and is decided by `mining run`).
INGESTED_POST: dict[str, str] = {
    **PROTECTED_POST,
    "lang": "string",
    "greeklish": "boolean",
    "skip_reason": "string",
}
# After normalize, language detection and filtering: ready to embed.
NORMALIZED_POST: dict[str, str] = {
    **PROTECTED_POST,
    "text_norm": "string",  # NFC, no bidi or zero-width marks, whitespace folded
    "lang": "string",  # he / el / en / other / und
    "greeklish": "boolean",
    "analyzed": "boolean",
    "skip_reason": "string",  # null when analyzed
}

# What the challenges stage adds to each analyzed post (null for posts not analyzed).
CHALLENGE_POST: dict[str, str] = {
    "feedback_type": "string",  # complaint / question / request / praise / other
    "feedback_confidence": "float64",  # probability of the chosen type, 0-1
    "is_spam": "boolean",
    "is_abusive": "boolean",
    "sentiment": "string",  # negative / neutral / positive
    "sentiment_score": "float64",  # -1 (negative) to 1 (positive)
    "challenge_id": "Int64",  # -1: a complaint, question or request in no challenge; null: not clustered
}

# After topics and challenges: the rows of posts.parquet.
ASSIGNED_POST: dict[str, str] = {**NORMALIZED_POST, "topic_id": "Int64", **CHALLENGE_POST}

POSTS_PARQUET_ORDER = [
    "post_id", "source_id", "source", "source_file", "channel", "thread_id", "parent_id", "author",
    "author_is_brand", "created_at", "kind", "text", "text_norm", "lang", "greeklish", "analyzed", "skip_reason",
    "topic_id", *CHALLENGE_POST, "reactions", "reply_count", "edited", "deleted", "url", "lang_hint",
]


class SchemaError(AssertionError):
    """A stage broke its contract: a bug in mining, not a user error."""


def empty_frame(schema: dict[str, str]) -> pd.DataFrame:
    """A zero-row frame with the schema's columns and dtypes."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in schema.items()})


def conform(df: pd.DataFrame, schema: dict[str, str]) -> pd.DataFrame:
    """Add the schema's missing columns as nulls and cast every schema column to its dtype.

    ``df`` is left as it is (the result is a shallow copy: with copy-on-write, columns are
    copied only when they change).
    """
    out = df.copy(deep=False)
    for column, dtype in schema.items():
        if column not in out:
            out[column] = pd.Series(index=out.index, dtype=dtype)
        elif str(out[column].dtype) != dtype:
            out[column] = out[column].astype(dtype)
    return out


def check_frame(df: pd.DataFrame, schema: dict[str, str], stage: str) -> pd.DataFrame:
    """Raise SchemaError listing every missing or mistyped column; return ``df`` when it conforms."""
    problems = [f"missing {c}" for c in schema if c not in df]
    problems += [
        f"{c} is {df[c].dtype}, expected {t}"
        for c, t in schema.items()
        if c in df and str(df[c].dtype) != t
    ]
    if problems:
        raise SchemaError(f"{stage}: " + "; ".join(problems))
    return df
