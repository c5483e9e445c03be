"""Generic tables: CSV, TSV, JSON (an array of objects), JSONL, Parquet, XLSX, and plain text.

Columns are mapped to the post schema by the names given in the config, else by common names
(``text``, ``message``, ``author``, ``created_at``, ...). When no column name says "text", the
column of longest free text wins if it is clearly the longest; otherwise the user is asked.

Every sheet of a workbook is read, the sheet's name as the channel when there are several; a
sheet that cannot be read (no rows, no text column) is listed in the file's notes with the
reason. Plain text (``.txt`` that is no chat export) is one post per non-empty line. Text files
are decoded in the encoding they were written in (``Source.decode``); the notes say which, and
a CSV, TSV or plain text that ends inside a character is read up to it (``last_record``).
"""
from __future__ import annotations

import ast
import csv
import io
import json
import logging
import re
from collections import Counter
from collections.abc import Iterator
from datetime import datetime

import numpy as np
import pandas as pd

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest.csvtext import (cut_last_record, note_repeated_header, parse_failure, repeated_header,
                                    too_many_fields)
from mining.ingest.dates import (HEBREW_OR_GREEK, LOCAL_TIMEZONES, day_first, local_zone,
                                  wall_to_utc)
from mining.ingest.htmltext import HTML_TAG, html_to_text
from mining.ingest.registry import Reader, Source, head_text, json_error, register
from mining.ingest.whatsapp_layout import clock_marks_in_english
from mining.normalize import decode_references, fold_text

log = logging.getLogger("mining")

SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
            ".parquet": "parquet", ".xlsx": "xlsx", ".txt": "txt"}
# A line that starts with a date and a time (either first), as the messages of a chat export do.
_STAMPED_LINE = re.compile(r"\W{0,3}(?:\d{1,4}[./-] ?\d{1,2}[./-] ?\d{1,4}\D{1,12}\d{1,2}[:.]\d{2}"
                           r"|\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\D{1,12}\d{1,4}[./ -])")

# Candidate names per schema column, most specific first, in English, Hebrew and Greek (compared
# folded: case, accents and direction marks off, as spreadsheets in either language write them).
COLUMN_NAMES = {
    "text": ["text", "message", "content", "body", "comment", "comment_text", "post", "review",
             "review_text", "sentence", "tweet", "utterance", "msg",
             "טקסט", "הודעה", "תגובה", "תוכן", "פוסט", "ביקורת", "משוב",
             "κειμενο", "μηνυμα", "σχολιο", "περιεχομενο", "αναρτηση", "κριτικη"],
    "created_at": ["created_at", "timestamp", "datetime", "date", "time", "created", "published_at",
                   "posted_at", "sent_at", "created_utc", "at", "updated",
                   "חותמת זמן", "תאריך ושעה", "תאריך", "זמן", "מועד",
                   "χρονικη σημανση", "ημερομηνια και ωρα", "ημερομηνια", "ημ/νια", "χρονος", "ωρα"],
    "author": ["author", "author_id", "user", "username", "user_name", "sender", "from", "name",
               "your name", "full name", "member", "writer", "posted by", "profile name",
               "display name", "author name", "user display name", "commenter", "commenter name",
               "reviewer", "reviewer name",
               # helpdesk exports (Zendesk, Freshdesk, Jira): the customer who wrote the ticket
               "requester", "reporter", "submitted by", "customer name", "customer",
               "שם משתמש", "שם מלא", "שם הכותב", "שם המגיש", "כותב", "מגיש", "מחבר", "שולח",
               "משתמש", "שם הלקוח", "לקוח", "פונה", "שם",
               "ονομα χρηστη", "ονοματεπωνυμο", "συντακτης", "αποστολεας", "χρηστης",
               "ονομα πελατη", "πελατης", "ονομα"],
    "channel": ["channel", "group", "page", "subreddit", "forum", "chat",
                "ערוץ", "קבוצה", "דף", "פורום", "καναλι", "ομαδα", "σελιδα"],
    "thread_id": ["thread_id", "thread", "conversation_id", "link_id"],
    "parent_id": ["parent_id", "reply_to", "in_reply_to", "reply_to_id", "in_response_to_tweet_id"],
    "url": ["url", "link", "permalink", "קישור", "συνδεσμος"],
    # Google Play's thumbsUpCount before "score": there "score" is the reviewer's stars.
    "reactions": ["reactions", "likes", "like_count", "thumbsupcount", "score", "votes",
                  "לייקים", "לייק", "אהבו", "αντιδρασεις", "μου αρεσει"],
}
# Columns that say whether the brand wrote a post, and whether "true" means the brand or a member
# (Twitter's customer-support corpus: ``inbound`` is true for the customers' tweets).
BRAND_COLUMNS = {"author_is_brand": True, "is_brand": True, "from_brand": True,
                 "outbound": True, "inbound": False}
# "Name" among other words names anything (Package Name, שם המוצר, Όνομα προϊόντος): only a
# header that is the word alone, or a name for a person (שם מלא, Your name), is the author. So
# with "at", a post's time in Google Play's review exports, and a word of many other headers.
# "Customer" likewise (Customer satisfaction, סוג לקוח).
ONLY_ALONE = frozenset({"name", "שם", "ονομα", "at", "customer", "לקוח", "πελατης"})
# A score of whole numbers from 1 to 5 is the reviewer's stars (the App Store's exports), not likes.
STARS_OR_LIKES = frozenset({"score"})
# Words that make a header holding a time word no post's time: a birth date, a duration.
NOT_A_POST_TIME = frozenset({"birth", "לידה", "γεννησης", "hours", "minutes", "days", "duration",
                             "שעות", "דקות", "ימים", "ωρες", "λεπτα", "ημερες", "διαρκεια"})
TAB_SNIFF_LINES = 50  # lines of a .txt or .csv that tell what separates its columns
# Rows above the header that exports write (a title, the page's address, the date of export, as
# ExportComments.com does): the header is looked for among the first rows.
HEADER_ROWS = 10
_HEADER_KINDS = ("text", "created_at", "author")
# A column of times of day beside a column of dates.
CLOCK_NAMES = ["time", "hour", "שעה", "ωρα"]
# Files whose head is no text: the time zone of their local times is decided from their posts.
BINARY_TABLES = (".xlsx", ".parquet")
ZONE_POSTS = 2_000  # posts of a sheet that decide its zone
CSV_CHUNK_ROWS = 8_192  # records pandas parses at a time (``parse_csv``)
# A date that starts with day and month, or month and day, before the year (a time may come first).
_NUMERIC_DATE = (r"^(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[AP]M)?\s*,?\s*)?"  # a time first
                 r"(?P<d1>\d{1,2})(?P<sep>[./-])(?P<d2>\d{1,2})[./-]\d{2,4}(?!\d)")
# A review export's developer answers: the reply's text and its time (google-play-scraper's
# ``replyContent`` and ``repliedAt``; app-store-scraper's ``developerResponse`` holds both in one
# cell). Each answer is a post of its own, the brand's, replying to
# its review, so the brand's response rate and time and the questions answered are computed.
REPLY_COLUMNS = {"replycontent": "repliedat", "reply_content": "replied_at",
                 "developer_reply": "developer_reply_date",
                 "developerresponse": None, "developer_response": None}
# An answer in one cell, an object with its text and time (app-store-scraper's).
NESTED_REPLIES = frozenset({"developerresponse", "developer_response"})
DEVELOPER = "developer"  # the author of a review's answer: the app's developer, a brand account
# Columns that hold a record's id when no column is named the id (google-play-scraper's review,
# a helpdesk's ticket, ExportComments.com's "#"): a quote is traced back by it (review 14, R14-1).
# Taken only when its cells are unique.
ID_NAMES = ["reviewid", "review_id", "ticket_id", "comment_id", "message_id", "post_id", "id",
            "#", "מזהה", "מספר פנייה", "מספר קריאה", "αριθμος αιτηματος"]
# A table without an id column: its quotes are traced by row (the report and tables say so)
ROW_NUMBERS = "row numbers (no id column found: name one with input.id_column)"
_TRUTH = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


def _sniff(source: Source, head: bytes) -> bool:
    return any(source.name.lower().endswith(s) for s in SUFFIXES)


def _kind(source: Source) -> str:
    return next(k for s, k in SUFFIXES.items() if source.name.lower().endswith(s))


def _load(source: Source) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """The file's tables (a workbook's sheets by name; one table, named "", otherwise) and
    notes about its reading (the text encoding)."""
    kind = _kind(source)
    with source.open() as fh:
        data = fh.read()
    try:
        if kind == "parquet":
            return {"": pd.read_parquet(io.BytesIO(data))}, {}
        if kind == "xlsx":
            return pd.read_excel(io.BytesIO(data), dtype=object, sheet_name=None), {}
        text, encoding, cut = source.decode(data)
        del data  # decoded: held on, the file's bytes stayed beside their text through the parse
        notes = {"encoding": str(encoding)}
        if kind in ("csv", "tsv", "txt"):  # a .txt here is tab-separated (``read_table``)
            hint = _SEP_HINT.match(text)
            sep = hint[1] if hint else _separator(text) if kind == "csv" else "\t"
            text = _blank_above_header(text, sep, notes, bool(hint))
            try:
                table = parse_csv(text, sep)
            except pd.errors.ParserError as exc:  # pandas' words: the line and a plain reason
                raise parse_failure(exc, text, source.display, sep) from None
            if not isinstance(table.index, pd.RangeIndex):  # pandas took columns as row labels
                raise too_many_fields(text, source.display, sep, len(table.columns))
            shapes = _data_in_header(table)
            if shapes:
                table = _without_header(text, sep, source.display, shapes, notes)
            table = _without_repeated_header(table, source.display, notes)
            _note_cut(source, cut or cut_last_record(text, sep), notes)
            return {"": table}, notes
        if kind == "jsonl":
            rows = json_lines(text, source, notes)
        else:
            try:
                rows = json.loads(text)
            except json.JSONDecodeError as exc:
                raise json_error(exc, source.display) from None
            if not isinstance(rows, list):
                raise ValueError("expected a JSON array of records")
        if not all(isinstance(r, dict) for r in rows):
            raise ValueError("every record must be a JSON object")
        return {"": pd.DataFrame.from_records(rows)}, notes
    except InputError:
        raise
    except (ValueError, OSError, pd.errors.ParserError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError("E107", source.display, detail=detail) from None


def parse_csv(text: str, sep: str, header: int | None = 0) -> pd.DataFrame:
    """``text`` read by pandas as text cells (none read as missing), from its UTF-8 bytes and
    ``CSV_CHUNK_ROWS`` records at a time: pandas' parser holds a chunk's cells as Python strings
    before they become the frame's Arrow strings, and a ``StringIO`` holds four bytes a
    character, so parsed whole a 35 MB CSV took 280 MB more than its text at its most (110 MB
    so). The chunks' row labels run on, so a first record wider than the header still gives
    row labels that are not a ``RangeIndex`` (``too_many_fields``)."""
    chunks = pd.read_csv(io.BytesIO(text.encode("utf-8")), sep=sep, dtype=str,
                         keep_default_na=False, header=header, chunksize=CSV_CHUNK_ROWS)
    return pd.concat(chunks)


SEPARATORS = (",", ";", "\t", "|")  # what a spreadsheet saves as "CSV" in one locale or another


def _separator(text: str) -> str:
    """The separator of a .csv's columns: the comma, or what a spreadsheet saved instead (a
    semicolon: Excel's "CSV" where the comma is the decimal mark, as in Greek and most European
    locales; a tab: its "Unicode Text"; a bar): the one that splits the header into most columns
    and most of the first rows into as many. Read with commas, a semicolon file was one column:
    the date, the respondent's full name and phone number became the post's text."""
    lines = [line for line in first_lines(text, TAB_SNIFF_LINES) if line.strip()]
    best, most = ",", 1
    for sep in SEPARATORS:
        widths = [len(row) for row in csv.reader(lines, delimiter=sep)]
        if widths and widths[0] > most and sum(w == widths[0] for w in widths) >= 0.8 * len(widths):
            best, most = sep, widths[0]
    return best


# What a cell of data looks like, and no column name does: an id, a link, an address, a number
# or version, a date (a time may follow).
DATA_SHAPES = {
    "an id": re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"),
    "a link": re.compile(r"(?:https?://|www\.)\S+"),
    "an e-mail address": re.compile(r"[^@\s]+@[^@\s]+\.\w+"),
    "a number": re.compile(r"[-+]?\d+(?:[.,]\d+)*"),
    "a date": re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:[ T,]+\d{1,2}[:.]\d{2}\S*(?: ?[AaPp][Mm])?)?"
                         r"(?:[+-]\d{2}:?\d{2}|Z)?"),
}
NO_POSTS = frozenset({"an id", "a link", "an e-mail address"})
SHAPE_ROWS = 50  # the first rows whose cells a "column name" of data shape is compared with


def _shape(cell: object) -> str | None:
    """Which of ``DATA_SHAPES`` a cell has (None: text, or empty)."""
    cell = str(cell).strip()
    return next((name for name, shape in DATA_SHAPES.items() if shape.fullmatch(cell)), None)


def _data_in_header(table: pd.DataFrame) -> list[str]:
    """The shapes of data a table's column names have, each shared by the cells below it (a
    column of ids named by an id, of dates named by a date): then the "header" is the first
    record of a file written without one (a database dump, a scraper's ``header=False``), and
    its cells are a member's name and post. An id, link, address or date counts alone, numbers
    (a version, a count) two at least; a header naming a text, time or author column is one."""
    if table.empty or _names_kinds(table.columns):
        return []
    found = []
    for position, name in enumerate(table.columns):
        shape = _shape(name) or _shape(re.sub(r"\.\d+$", "", str(name)))  # pandas' "x.1"
        cells = table.iloc[:SHAPE_ROWS, position].astype(str).str.strip()
        cells = cells[cells != ""]
        if shape and len(cells) and cells.map(_shape).eq(shape).mean() >= 0.8:
            found.append(shape)
    strong = [shape for shape in found if shape != "a number"]
    return sorted(set(found)) if strong or len(found) >= 2 else []


def _without_repeated_header(table: pd.DataFrame, where: str, notes: dict) -> pd.DataFrame:
    """``table`` without rows that repeat its header (``csvtext.repeated_header``), named in
    ``notes`` and on the terminal."""
    same = repeated_header(table)
    if not same.any():
        return table
    note_repeated_header([n + 1 for n in np.flatnonzero(same)], where, notes)
    return table[~same].reset_index(drop=True)


# Excel's hint on a CSV's first line, which it reads and does not show: "sep=;".
_SEP_HINT = re.compile(r"sep=([,;\t|])[ \t]*\r?(?:\n|$)")


def _blank_above_header(text: str, sep: str, notes: dict, hint: bool) -> str:
    """``text`` with the lines above its header made blank (so every line keeps its number, and
    pandas skips them): Excel's ``sep=`` hint (``hint``), and an export's title lines written
    without the padding separators (ExportComments.com's title, page address and date), found as
    lines with fewer fields than the first of the next ``HEADER_ROWS`` lines that names two of
    the text, time and author columns. The header's line goes to ``notes["header_row"]``."""
    lines = first_lines(text, HEADER_ROWS + 1, "\n")
    above = 1 if hint else 0
    rows = list(csv.reader(lines[above:HEADER_ROWS + above], delimiter=sep))
    if not rows or _names_kinds(rows[0]) == 0:
        header = next((n for n, row in enumerate(rows) if _names_kinds(row) >= 2
                       and all(len(r) < len(row) for r in rows[:n])), None)
        above += header or 0
    if above:
        notes["header_row"] = f"row {above + 1}" + (" (row 1 is Excel's sep= hint)" if hint else "")
    return "\n" * above + text[len("\n".join(lines[:above])) + 1:] if above else text


def first_lines(text: str, n: int, end: str | None = None) -> list[str]:
    """The first ``n`` lines of ``text`` (split at ``end``, else as ``str.splitlines`` splits),
    from a head of it: split whole, a large file's text was copied again, line by line."""
    size = 1 << 16
    while True:
        head = text[:size]
        lines = head.split(end) if end else head.splitlines()
        if len(lines) > n or size >= len(text):
            return lines[:n]
        size *= 4


def _without_header(text: str, sep: str, where: str, shapes: list[str], notes: dict
                    ) -> pd.DataFrame:
    """A table without a header row read with its first row as data and its columns named by
    their positions (``1``, ``2``, ...); said on the terminal and in the file's notes, never
    with a cell (an untrusted file's cells are its members' names and posts)."""
    table = parse_csv(text, sep, header=None)
    table.columns = [str(n) for n in range(1, len(table.columns) + 1)]
    notes["header"] = (f"none: the first row holds data ({', '.join(shapes)}); columns named "
                       f"1 to {len(table.columns)}")
    log.warning("%s: the first row holds data (%s), not column names: read as a record, the "
                "columns named 1 to %d (pass --text-column, --time-column, --author-column by "
                "number)", where, ", ".join(shapes), len(table.columns))
    table.attrs["headerless"] = True
    return table


def _tab_separated(text: str) -> bool:
    """Whether ``text`` is a table of tab-separated columns: Excel's "Unicode Text" and "Text (Tab
    delimited)" save a sheet so, as .txt (or .csv); read as lines, or as one comma column, the
    header was a post and every author stayed in the text, not pseudonymized. Rows are read as
    csv reads them: a review's line breaks, quoted, stay in its cell."""
    lines = [line for line in text.splitlines()[:TAB_SNIFF_LINES] if line.strip()]
    if not lines or "\t" not in lines[0] or lines[0].count(",") >= lines[0].count("\t"):
        return False
    widths = [len(row) for row in csv.reader(lines, delimiter="\t")]
    return sum(w == widths[0] for w in widths) >= 0.8 * len(widths)


def _note_cut(source: Source, cut: str | None, notes: dict) -> None:
    """A file of rows or lines that seems cut in its last one (``cut``: "line N: why") is read as
    it is, with a warning naming the line and a note in its manifest entry."""
    if cut:
        notes["last_record"] = cut
        log.warning("%s:%s", source.display, cut.removeprefix("line "))


def json_lines(text: str, source: Source, notes: dict) -> list[dict]:
    """Each non-empty line's JSON object. A line that is no JSON object is left out, named in a
    warning and in the file's notes (``lines_not_read``), so one broken line does not lose the
    others (review 11 R11-19: 79 good comments were lost to one); when half the lines or more are
    no JSON object, the file is no JSON Lines and is E110 naming the first. A last line without a line
    end after it, which a scraper killed while writing leaves, is said as a cut (``_note_cut``)."""
    lines = text.splitlines()
    values, broken = [], []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            if number == len(lines) and not text.endswith(("\n", "\r")):
                _note_cut(source, f"line {number}: the last line is no whole JSON value and has "
                          "no line end after it: the file was cut short (the lines before it "
                          "are read)", notes)
                break
            broken.append(json_error(exc, source.display, number, unit="line"))
            continue
        if isinstance(value, dict):
            values.append(value)
        else:  # JSON, but no record: ``null``, an array, a string (review 14, R14-18)
            broken.append(InputError("E110", source.display, line=number,
                                     detail=f"a JSON {_JSON_KINDS[type(value)]}, not an object"))
    if broken and len(broken) >= len(values):
        broken[0].records_read = len(values)
        raise broken[0]
    if broken:
        said = [str(error).removeprefix(f"{source.display}: ").removesuffix(" [E110]")
                for error in broken]
        notes["lines_not_read"] = said[:MAX_LINES_NAMED]
        log.warning("%s: %d line%s of no JSON object not read: %s%s", source.display, len(broken),
                    "s" if len(broken) > 1 else "", "; ".join(said[:MAX_LINES_NAMED]),
                    " ..." if len(said) > MAX_LINES_NAMED else "")
        notes["lines_not_read_count"] = len(broken)
    return values


MAX_LINES_NAMED = 10  # the broken lines a warning names; the count says how many in all
_JSON_KINDS = {type(None): "null", list: "array", str: "string", int: "number", float: "number",
               bool: "true or false"}


def _pick(columns: list[str], names: list[str], by_word: bool = False) -> str | None:
    """The column named by the first of ``names`` that one is; with ``by_word``, else the first
    column one of whose words is one of them ("תאריך פרסום", "Date Posted", "Your name")."""
    # a note in brackets is no part of the name: ExportComments.com's "Name (click to view profile)"
    folded = {**{_header(_NOTE.sub("", c)): c for c in columns}, **{_header(c): c for c in columns}}
    # a space or "_" between words alike: "Ticket ID", "Reply To" (review 14, R14-1)
    joined = {re.sub(r"[\s_]+", "_", header): c for header, c in folded.items()}
    found = next((joined[key] for n in names if (key := re.sub(r"[\s_]+", "_", n)) in joined),
                 None)
    if found is not None or not by_word:
        return found
    words = {header: set(re.split(r"[\s_:()]+", header)) for header in folded}
    return next((folded[h] for n in names if " " not in n and n not in ONLY_ALONE for h in folded
                 if n in words[h] and not words[h] & NOT_A_POST_TIME), None)


# Hebrew forms write a header for either gender: מגיש/ה, כותב/ת, שם הכותב(ת).
_GENDERED = re.compile(r"\s*(?:/\s*[הת]|\(\s*[הת]\s*\))$")


_NOTE = re.compile(r"\s*\([^()]*\)")


def _header(column: str) -> str:
    """A column name as ``COLUMN_NAMES`` writes it: folded, its gender ending off."""
    return _GENDERED.sub("", fold_text(column).strip())


def _guess_text_column(df: pd.DataFrame, where: str) -> str:
    named = _pick(list(df.columns), COLUMN_NAMES["text"])
    if named is not None:
        return named
    lengths = {}
    for column in df.columns:
        values = df[column].dropna()
        if values.map(lambda v: isinstance(v, (dict, list))).mean() > 0.5:
            continue  # nested records (Instagram's string_map_data): their repr is no post
        values = values.astype(str)
        if values.map(_shape).isin(NO_POSTS).mean() > 0.5:
            continue  # avatars' links, ids: long, with letters, and no post
        if len(values) and values.str.contains(r"[^\W\d_]", regex=True).mean() > 0.5:
            lengths[column] = values.str.len().mean()
    ranked = sorted(lengths.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= 15 and (len(ranked) == 1 or ranked[0][1] >= 1.5 * ranked[1][1]):
        return ranked[0][0]
    raise InputError("E104", where, columns=", ".join(map(str, df.columns)))


def _column(df: pd.DataFrame, given: str | None, where: str) -> str:
    if given not in df.columns:
        raise InputError("E105", where, column=given,
                         columns=", ".join(map(str, df.columns)))
    return given


def _as_text(series: pd.Series) -> pd.Series:
    return series.map(lambda v: None if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)
                      ).astype("string")


def _parse_times(series: pd.Series, timezone: str, texts: pd.Series) -> tuple[pd.Series, str | None]:
    """Parse times, and say how numeric dates were read (None when the column has none).

    Numbers are epoch seconds, milliseconds or microseconds, or Excel's serial days
    (``_from_numbers``); times without a zone are read in ``timezone``, their AM/PM mark in any
    language the chats write it in (``9:05 π.μ.``). Numeric dates (``01/04/2024``, also after a
    time) are read in one order for the whole column (``dates.day_first``): cell by cell, 01/04
    would be January 4th beside 13/04 as April 13th. When no date tells, dots and dashes are
    day-first, and so is a table whose posts are mostly Hebrew or Greek, or read in Israel's or
    Greece's time zone.
    """
    text = series.astype("string").str.strip()
    text = text.mask(text == "")
    numeric = pd.to_numeric(text, errors="coerce")
    given = text.notna()
    if given.any() and numeric[given].notna().all():
        return _from_numbers(numeric, timezone), None
    text = clock_marks_in_english(text)
    fields = text.str.extract(_NUMERIC_DATE)
    dated = fields["d1"].notna()
    if not dated.any():
        return _to_utc(text, timezone, dayfirst=False), None
    guess = (fields["sep"][dated].isin([".", "-"]).mean() > 0.5
             or texts.str.contains(HEBREW_OR_GREEK).mean() > 0.5
             or timezone in LOCAL_TIMEZONES.values())
    first, order = day_first(Counter(zip(fields["d1"][dated], fields["d2"][dated])), guess)
    parsed = pd.concat([_to_utc(text[dated], timezone, dayfirst=first),
                        _to_utc(text[~dated], timezone, dayfirst=False)])
    return parsed.reindex(text.index), order


def _from_numbers(numbers: pd.Series, timezone: str) -> pd.Series:
    """Times from numbers: Excel's serial days (20,000 to 80,000: 1954 to 2119, in local time) or
    epoch seconds (from 1973), milliseconds or microseconds, told apart by their size (a
    JavaScript exporter's milliseconds as seconds were the year 56221, and set the file aside);
    other numbers (hours to resolve, counts) are no time."""
    typical = numbers.abs().median()
    if typical < 2e4 or 8e4 < typical < 1e8:  # counts, hours, prices: no date (1e8 s is 1973)
        return pd.Series(pd.NaT, index=numbers.index, dtype="datetime64[ns, UTC]")
    if typical <= 8e4:
        local = pd.Timestamp("1899-12-30") + pd.to_timedelta(numbers, unit="D")
        return wall_to_utc(local, timezone)
    unit = "s" if typical < 1e11 else "ms" if typical < 1e14 else "us" if typical < 1e17 else "ns"
    return pd.to_datetime(numbers, unit=unit, utc=True, errors="coerce")


def _to_utc(text: pd.Series, timezone: str, dayfirst: bool) -> pd.Series:
    try:
        parsed = pd.to_datetime(text, errors="coerce", format="mixed", dayfirst=dayfirst)
    except ValueError:  # cells with different zones (summer and winter offsets), or with none
        return text.map(lambda cell: _one_to_utc(cell, timezone, dayfirst)).astype("datetime64[ns, UTC]")
    if getattr(parsed.dt, "tz", None) is None:
        return wall_to_utc(parsed, timezone)
    return parsed.dt.tz_convert("UTC")


def _one_to_utc(cell: object, timezone: str, dayfirst: bool) -> pd.Timestamp:
    stamp = pd.to_datetime(cell, errors="coerce", dayfirst=dayfirst)
    if pd.isna(stamp):
        return pd.NaT
    try:
        stamp = stamp.as_unit("ns")
    except pd.errors.OutOfBoundsDatetime:  # a date cut short ("Thu Oct 12 12:04:2") is year 1
        return pd.NaT
    if stamp.tzinfo is None:
        return wall_to_utc(pd.Series([stamp]), timezone).iloc[0]
    return stamp.tz_convert("UTC")


def _record_ids(df: pd.DataFrame, id_column: str | None, where: str) -> tuple[pd.Series, str]:
    """The records' ids, from ``id_column`` or their row numbers (an id column the reader
    recognises replaces these later, ``_named_columns``), and what they are, for the notes."""
    if id_column:
        return _as_text(df[_column(df, id_column, where)]), f"column {id_column!r}"
    return pd.Series(range(1, len(df) + 1), index=df.index).astype(str), ROW_NUMBERS


def read_table(source: Source, options: InputConfig) -> Iterator[pd.DataFrame]:
    """Read one table file (every sheet of a workbook) into RAW_POST columns."""
    if _kind(source) == "txt" and not _tab_separated(head_text(source.head())):
        yield _read_lines(source)
        return
    tables, notes = _load(source)
    frames, skipped, first_error = [], {}, None
    for sheet, df in tables.items():
        try:
            frames.append(_posts(df, source, options, sheet if len(tables) > 1 else None))
        except InputError as exc:
            if len(tables) == 1:
                raise
            skipped[str(sheet)] = str(exc).removeprefix(f"{exc.where}: ")
            first_error = first_error or exc
    if len(tables) > 1:
        notes["sheets_read"] = [str(sheet) for sheet, df in tables.items() if sheet not in skipped]
        notes["sheets_skipped"] = skipped
    if not frames:
        raise first_error
    for attr, note in (("date_order", "date_order"), ("timezone", "timezone_for_local_times"),
                       ("header_row", "header_row"), ("html", "text_as_html"),
                       ("record_ids", "record_ids")):
        said = sorted({frame.attrs.get(attr) for frame in frames} - {None})
        if said:
            notes[note] = "; ".join(said)
    answers = [frame.attrs["text_columns"] for frame in frames if "text_columns" in frame.attrs]
    if answers:  # a record is an answer: how many each question gave
        notes["answers_per_text_column"] = {c: sum(a.get(c, 0) for a in answers)
                                            for c in answers[0]}
    unread = sorted({c for frame in frames for c in frame.attrs["columns_not_read"]})
    if unread:
        notes["columns_not_read"] = unread
    _say_row_numbers(source, frames)
    out = pd.concat(frames, ignore_index=True)
    out.attrs["notes"] = notes
    yield out


def _say_row_numbers(source: Source, frames: list[pd.DataFrame]) -> None:
    """Said once a file (a sheet) on the terminal and in run.log, not only in the report read
    after the run: a table without an id column is traced by row number, which sorting it in
    Excel breaks."""
    for said in dict.fromkeys(frame.attrs.get("record_ids") or "" for frame in frames):
        if ROW_NUMBERS in said:
            sheet = said.split(": ", 1)[0] + " " if said.startswith("sheet ") else ""
            log.info("%s: %sno id column found: its quotes are traced by row number (name the "
                     "column of ticket or comment ids with input.id_column or --id-column)",
                     source.display, sheet)


def _posts(df: pd.DataFrame, source: Source, options: InputConfig, sheet: str | None
           ) -> pd.DataFrame:
    """One table's rows in RAW_POST columns; ``sheet`` names the workbook sheet it is (when
    the workbook has several): its channel, unless a column names one, and its ids' prefix.
    ``attrs`` say how numeric dates were read and which columns were left unread."""
    where = source.display if sheet is None else f"{source.display}, sheet {sheet!r}"
    if df.empty:
        raise InputError("E109", where)
    df.columns = [str(c) for c in df.columns]
    df, header_row = _below_header(df)
    text_cols = ([_column(df, c, where) for c in text_columns(options.text_column)]
                 if options.text_column else [_guess_text_column(df, where)])
    text_cols = [_one_of_twins(df, c, where) for c in text_cols]
    text_col = text_cols[0]
    out = pd.DataFrame(index=df.index)
    out["source"] = _kind(source)
    out["source_file"] = source.display
    out["text"] = texts = _post_texts(df, text_col)
    out.attrs["html"] = texts.attrs.get("html")  # a column of HTML read as text, for the notes
    out["source_id"], out.attrs["record_ids"] = _record_ids(df, options.id_column, where)
    time_col = (_column(df, options.time_column, where) if options.time_column
                else _pick(list(df.columns), COLUMN_NAMES["created_at"], by_word=True)
                or _dates_column(df))
    clock_col = None
    if time_col is not None:
        cells, clock_col = _with_clock(df, time_col)
        _read_times(cells, out, options.timezone, where)
        if sheet is not None and out.attrs["date_order"]:  # a workbook's notes name the sheet
            out.attrs["date_order"] = f"sheet {sheet!r}: {out.attrs['date_order']}"
    lang_col = options.lang_column and _column(df, options.lang_column, where)
    if lang_col:
        out["lang_hint"] = _as_text(df[lang_col]).str.lower()
    replies = _reply_columns(df, text_cols) if len(text_cols) == 1 else ()
    read = _named_columns(df, out, options,
                          {*text_cols, time_col, clock_col, options.id_column, lang_col, *replies},
                          where)
    out.attrs["columns_not_read"] = [c for c in df.columns if c not in read]
    _other_free_text(df, text_cols, out.attrs["columns_not_read"], where)
    missing = [what for what, found in (("time", time_col), ("author", out.get("author")))
               if found is None]
    if missing and out.attrs["columns_not_read"]:  # said where the user sees it, not only in the manifest
        log.warning("%s: no %s column found among the column names; not read: %s (name one with %s)",
                    where, " or ".join(missing), ", ".join(out.attrs["columns_not_read"]),
                    " or ".join(f"--{what}-column" for what in missing))
    out["kind"] = "post"
    if header_row:
        out.attrs["header_row"] = (f"sheet {sheet!r}: row {header_row}" if sheet is not None
                                   else f"row {header_row}")
    if sheet is not None:
        out["source_id"] = f"{sheet}:" + out["source_id"].astype("string")
        # a workbook's sheets may differ: said by sheet (review 15, P15-2: a sheet of tickets
        # with their ids was said to have none because its summary sheet had none)
        out.attrs["record_ids"] = f"sheet {sheet!r}: {out.attrs['record_ids']}"
        if "channel" not in out:
            out["channel"] = sheet
    if len(text_cols) > 1:
        out = _by_question(out, df, text_cols)
    if replies:
        out = _with_replies(out, df, replies, options.timezone or "UTC")
    return out.reset_index(drop=True)


def _one_of_twins(df: pd.DataFrame, column: str, where: str) -> str:
    """The text column among the columns named as ``column`` (pandas names the second
    ``column.1``): the one that holds free text, said on the terminal; when none or several
    do, an error naming them. The first, whatever it held, was read: 600 posts of ids."""
    twins = [column, *(c for c in df.columns if re.fullmatch(re.escape(column) + r"\.\d+", c))]
    if len(twins) == 1:
        return column
    texts = [c for c in twins if _free_text(df[c])]
    if len(texts) != 1:
        raise InputError("E112", where, count=len(twins), column=column,
                         columns=", ".join(map(repr, twins)))
    log.warning("%s: %d columns are named %r: read the %s (%r), the one holding text", where,
                len(twins), column, _ORDINALS[min(twins.index(texts[0]), 3)], texts[0])
    return texts[0]


_ORDINALS = ("first", "second", "third", "fourth or later")


def _dates_column(df: pd.DataFrame) -> str | None:
    """In a table read without a header (columns named by position), the first column whose
    cells are dates: no name tells the time there."""
    if not df.attrs.get("headerless"):
        return None
    for column in df.columns:
        cells = df[column].astype(str).str.strip()
        cells = cells[cells != ""].head(SHAPE_ROWS)
        if len(cells) and cells.map(_shape).eq("a date").mean() >= 0.8:
            return column
    return None


def _reply_columns(df: pd.DataFrame, read: list[str]) -> tuple[str, ...]:
    """The developer's answer column and its time column (``REPLY_COLUMNS``; the time may be
    missing), when the table has them beside the text column read."""
    folded = {_header(c): c for c in df.columns if c not in read}
    for text, time in REPLY_COLUMNS.items():
        if text in folded:
            return (folded[text], folded[time]) if time in folded else (folded[text],)
    return ()


def _with_replies(out: pd.DataFrame, df: pd.DataFrame, replies: tuple[str, ...],
                  timezone: str) -> pd.DataFrame:
    """``out`` with the developer's answers as posts after their reviews: author ``DEVELOPER``
    marked as the brand, ``parent_id`` the review's id, the time the answer's (none when its
    column is missing). Left unread, a Play Store export's answers were lost, and the brand's
    response rate and time were "not computed" for 100 answers to 600 reviews."""
    texts, stamps = _answers(df, replies)
    answered = texts.notna() & texts.ne("")
    if not answered.any():
        return out
    reply = out[answered.to_numpy()].copy()
    reply["parent_id"] = reply["source_id"].astype("string")
    reply["source_id"] = reply["source_id"].astype("string") + ":reply"
    reply["text"] = texts[answered].to_numpy()
    reply["author"] = DEVELOPER
    reply["author_is_brand"] = True
    reply["kind"] = "comment"
    for column in ("reactions", "url", "lang_hint"):
        if column in reply:
            reply[column] = pd.NA
    reply["created_at"] = _parse_times(stamps[answered], timezone, reply["text"])[0].to_numpy()
    if "author_is_brand" not in out:
        out = out.assign(author_is_brand=pd.array([pd.NA] * len(out), dtype="boolean"))
    if "parent_id" not in out:
        out = out.assign(parent_id=pd.array([pd.NA] * len(out), dtype="string"))
    reply.index = reply.index + 0.5  # each answer right after its review
    return pd.concat([out, reply]).sort_index(kind="stable")


def _answers(df: pd.DataFrame, replies: tuple[str, ...]) -> tuple[pd.Series, pd.Series]:
    """The answers' texts and the cells of their times: two columns (google-play-scraper), or
    one of objects ``{id, body, modified}`` (app-store-scraper's ``developerResponse``; in a
    CSV, Python's text of the object)."""
    if _header(replies[0]) in NESTED_REPLIES:
        cells = df[replies[0]].map(_response)
        texts, stamps = cells.str[0], cells.str[1]
    else:
        texts = df[replies[0]]
        stamps = df[replies[1]] if len(replies) > 1 else pd.Series(pd.NA, index=df.index)
    return _as_text(texts).str.strip(), _as_text(stamps)


_PY_DATETIME = re.compile(r"datetime\.datetime\((\d+(?:, \d+)*)[^)]*\)")


def _response(cell: object) -> tuple[str | None, str | None]:
    """A developer response's text and time, from its object or the object's text (JSON, or
    Python's, whose ``datetime.datetime(2024, 3, 5, 10, 0)`` becomes a string); a cell that
    is neither is no answer (its text would be a post of braces)."""
    if isinstance(cell, str) and cell.lstrip().startswith("{"):
        try:
            cell = json.loads(cell)
        except ValueError:
            stamped = _PY_DATETIME.sub(
                lambda m: repr(datetime(*map(int, m[1].split(","))).isoformat(" ")), cell)
            try:
                cell = ast.literal_eval(stamped)
            except (ValueError, SyntaxError, TypeError):
                return None, None
    if isinstance(cell, dict):
        return cell.get("body"), cell.get("modified")
    return None, None


def _post_texts(df: pd.DataFrame, column: str) -> pd.Series:
    """The posts' texts; a table of tweets (a ``tweet_id`` column) with Twitter's escapes
    decoded (``&amp;``, ``&gt;``: its API escapes & < > in every text), as Reddit's are; a column
    of HTML (most of its texts hold tags: a helpdesk's tickets) read as plain text
    (``htmltext``), said in ``attrs["html"]``."""
    texts = _as_text(df[column]).fillna("")
    written = texts[texts.str.strip().ne("")]
    if len(written) and written.str.contains(HTML_TAG).mean() >= 0.5:
        texts = texts.map(html_to_text).astype("string")
        texts.attrs["html"] = f"column {column!r} holds HTML: read as plain text"
    elif any("tweet" in _header(c) for c in df.columns):
        texts = texts.map(decode_references).astype("string")
    return texts


def text_columns(setting: str | list[str] | None) -> list[str]:
    """The text columns ``input.text_column`` names: one, or several (a survey's open questions).

    Example:
        >>> text_columns("comment"), text_columns(["Q1", "Q2"]), text_columns(None)
        (['comment'], ['Q1', 'Q2'], [])
    """
    if setting is None:
        return []
    return [setting] if isinstance(setting, str) else list(dict.fromkeys(setting))


def _by_question(out: pd.DataFrame, df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """One post per answer when several text columns are read (a survey's open questions): each
    row's answer to each question, in row order, its question as its channel (after the
    table's own channel or sheet, when it has one) and in its id (``12:<question>``; the first
    question's answers keep the row's id). ``attrs`` say how many answers each question gave."""
    parts = []
    for number, column in enumerate(columns):
        part = out.copy()
        part["text"] = _as_text(df[column]).fillna("").to_numpy()
        if number:
            part["source_id"] = part["source_id"].astype("string") + f":{column}"
        channel = part["channel"].fillna("") if "channel" in part else ""
        part["channel"] = (column if isinstance(channel, str)
                           else channel.map(lambda c, q=column: f"{c} / {q}" if c else q))
        part["_order"] = number
        parts.append(part)
    joined = (pd.concat(parts).rename_axis("_row").sort_values(["_row", "_order"], kind="stable")
              .drop(columns="_order"))
    joined.attrs = {**out.attrs, "text_columns": {
        c: int(p["text"].str.strip().ne("").sum()) for c, p in zip(columns, parts)}}
    return joined


def _other_free_text(df: pd.DataFrame, read: list[str], unread: list[str], where: str) -> None:
    """Say on the terminal which unread columns hold free text as the one read does (a survey's
    other open question): left out without a word, its answers were lost to the analysis."""
    free = [c for c in unread if c not in read and _free_text(df[c])]
    if free:
        log.warning("%s: column%s %s also hold%s free text and %s not read (add --text-column "
                    "for each column to analyze, e.g. --text-column %r --text-column %r)", where,
                    "s" if len(free) > 1 else "", ", ".join(map(repr, free)),
                    "" if len(free) > 1 else "s", "are" if len(free) > 1 else "is",
                    read[0], free[0])


def _free_text(values: pd.Series) -> bool:
    """Whether a column holds free text: its filled cells mostly words with spaces between,
    15 characters on average (an id, a link or an avatar's address has no space; a developer's
    replies fill a few cells of a column of reviews)."""
    values = values.dropna()
    if not len(values) or values.map(lambda v: isinstance(v, (dict, list))).mean() > 0.5:
        return False
    values = values.astype(str).str.strip()
    values = values[values != ""]
    return bool(len(values) and values.str.contains(r"[^\W\d_]{2,}\s+\S", regex=True).mean() > 0.5
                and values.str.len().mean() >= 15)


def _names_kinds(cells) -> int:
    """How many of the text, time and author columns ``cells`` (a header) name, each by a name
    alone (a post's cell may hold "time" or "from" among its words)."""
    cells = [str(c) for c in cells if isinstance(c, str)]
    return sum(_pick(cells, COLUMN_NAMES[kind]) is not None for kind in _HEADER_KINDS)


def _below_header(df: pd.DataFrame) -> tuple[pd.DataFrame, int | None]:
    """``df`` read from its header row: the first row naming two of the text, time and author
    columns when the first row (the columns) names none of them; its rows above are no posts.
    Also the header's 1-based line in the file (None when it is the first)."""
    if _names_kinds(df.columns):
        return df, None
    for row in range(min(HEADER_ROWS, len(df))):
        if _names_kinds(df.iloc[row].tolist()) >= 2:
            header = [str(c) if isinstance(c, str) and c.strip() else f"Unnamed: {i}"
                      for i, c in enumerate(df.iloc[row].tolist())]
            return df.iloc[row + 1:].set_axis(header, axis=1).reset_index(drop=True), row + 2
    return df, None


def _with_clock(df: pd.DataFrame, date_col: str) -> tuple[pd.Series, str | None]:
    """The time column's cells, joined with a clock column's when it holds dates only and a
    column named as a clock (``CLOCK_NAMES``) holds times of day beside it (תאריך and שעה,
    Ημερομηνία and Ώρα): read alone, every post was at midnight. The clock column, when used."""
    dates = _as_text(df[date_col]).str.strip()
    clock_col = _pick([c for c in df.columns if c != date_col], CLOCK_NAMES)
    if clock_col is None or dates.str.contains(r"\d[:.]\d\d(?!\d)", na=False).any():
        return df[date_col], None
    clock = _as_text(df[clock_col]).str.strip()
    if not clock.dropna().str.match(r"\d{1,2}[:.]\d{2}").all():
        return df[date_col], None
    return (dates + " " + clock.fillna("")).str.strip().rename(f"{date_col} + {clock_col}"), clock_col


def _read_times(cells: pd.Series, out: pd.DataFrame, timezone: str | None, where: str) -> None:
    """``out["created_at"]`` from a time column's ``cells``; ``out.attrs`` say how numeric dates
    were read and, for a workbook (``timezone`` None), the zone its posts decided. A column read
    as no time at all, or in a day-month order that is a guess, is said on the terminal: every
    chart over time rests on it."""
    if timezone is None:  # ``BINARY_TABLES``
        timezone, why = local_zone("\n".join(out["text"].head(ZONE_POSTS)))
        out.attrs["timezone"] = f"{timezone} ({why})"
    out["created_at"], order = _parse_times(cells, timezone, out["text"])
    out.attrs["date_order"] = order
    unread = int((out["created_at"].isna() & _as_text(cells).str.strip().ne("")).sum())
    if unread:
        log.warning("%s: %d of %d times in column %r could not be read as dates", where, unread,
                    len(cells), cells.name)
    if order and "guessed" in order:
        log.warning("%s: no date in column %r tells the day from the month: read %s", where,
                    cells.name, order)


def _named_columns(df: pd.DataFrame, out: pd.DataFrame, options: InputConfig, taken: set,
                   where: str) -> set:
    """Read the author, channel, thread, parent, url, reactions and brand columns into ``out``;
    the columns read so far (``taken``) and these are returned."""
    free = [c for c in df.columns if c not in taken]
    picked = set(taken)
    for column in ("author", "channel", "thread_id", "parent_id", "url"):
        found = (_column(df, options.author_column, where) if column == "author" and options.author_column
                 else _pick(free, COLUMN_NAMES[column], by_word=column == "author"))
        picked.add(found)
        if found is not None:
            # An empty cell is not known, as a missing column is: read as text, the cells of
            # every post without an author would be one member, named "".
            values = _as_text(df[found])
            out[column] = values.mask(values.str.strip() == "")
    named_id = _pick([c for c in free if c not in picked], ID_NAMES)
    if not options.id_column and named_id is not None and _as_text(df[named_id]).is_unique:
        out["source_id"] = _as_text(df[named_id])
        out.attrs["record_ids"] = f"column {named_id!r}"
        picked.add(named_id)
    elif not options.id_column and "parent_id" in out:
        id_col = _id_of_parents(df, out["parent_id"], picked)
        if id_col is not None:
            out["source_id"] = _as_text(df[id_col])
            out.attrs["record_ids"] = f"column {id_col!r}"
            picked.add(id_col)
    found = _pick([c for c in free if not _stars(df, c)], COLUMN_NAMES["reactions"])
    if found is not None:
        out["reactions"] = pd.to_numeric(df[found], errors="coerce").astype("Int64")
        picked.add(found)
    found = _pick(free, list(BRAND_COLUMNS))
    if found is not None:
        said = _as_text(df[found]).str.strip().str.lower().map(_TRUTH).astype("boolean")
        out["author_is_brand"] = said if BRAND_COLUMNS[_header(found)] else ~said
        picked.add(found)
    return picked


def _stars(df: pd.DataFrame, column: str) -> bool:
    """Whether ``column`` is a star rating named as likes are (``STARS_OR_LIKES``)."""
    if _header(column) not in STARS_OR_LIKES:
        return False
    values = pd.to_numeric(df[column], errors="coerce").dropna()
    return len(values) > 0 and bool(values.isin(range(1, 6)).all())


def _id_of_parents(df: pd.DataFrame, parents: pd.Series, taken: set) -> str | None:
    """The column the reply column points into, when no id column is named: a column of unique
    values that holds most of the replies' parent ids (``tweet_id`` beside
    ``in_response_to_tweet_id``). Without it the replies would point at row numbers, and every
    reply link, response time and answered share would be lost without a word."""
    wanted = parents.dropna()
    if wanted.empty:
        return None
    for column in df.columns:
        if column in taken:
            continue
        values = _as_text(df[column])
        if values.notna().all() and values.is_unique and wanted.isin(set(values)).mean() >= 0.5:
            return column
    return None


def _read_lines(source: Source) -> pd.DataFrame:
    """Plain text, one post per non-empty line (``source_id`` the line number). Text whose
    lines start with dates and times is a chat export in a layout no reader knows: an error,
    rather than messages read as posts with their headers in the text."""
    text, encoding, cut = source.decode()
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not lines:
        raise InputError("E109", source.display)
    stamped = sum(bool(_STAMPED_LINE.match(line)) for _, line in lines[:1000])
    if stamped >= 2 and stamped >= min(len(lines), 1000) / 2:
        raise InputError("E110", source.display, line=lines[0][0], detail=(
            "its lines start with dates and times, like a chat export in a layout mining does "
            "not read; export the chat again from the app, or save the posts as a table"))
    out = pd.DataFrame({
        "source": "txt",
        "source_file": source.display,
        "source_id": [str(n) for n, _ in lines],
        "text": [line for _, line in lines],
        "kind": "post",
    })
    out.attrs["notes"] = {"encoding": str(encoding), "record_ids": "line numbers"}
    _note_cut(source, cut, out.attrs["notes"])
    return out


TABLES = register(Reader("table", _sniff, read_table), first=False)
