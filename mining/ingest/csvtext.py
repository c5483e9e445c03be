"""Plain reasons for a CSV that cannot be parsed, naming the file's own line.

pandas counts records, not lines ("row 2" is the third record, the header the first), and says
what broke in its tokenizer's words ("Error tokenizing data. C error: EOF inside string"). A
record can span lines (a quoted field holding a line break), so the lines are counted here
with Python's ``csv`` module, which quotes as pandas does, and the reason is said plainly.
Only a file that failed is read again.

Example:
    >>> unclosed_quote_line('text,author\\nhi,a\\n"cut sho')
    3
"""
from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Iterator

import numpy as np
import pandas as pd

from mining.errors import InputError

log = logging.getLogger("mining")

# A character no export writes (Unicode private use), put after the text: when a quoted field is
# left open, the csv module reads it into that field.
END = "\ue000"
UNCLOSED = "a quoted field starts on this line and is never closed (a quote is missing, or the file was cut short)"
_EOF_IN_STRING = re.compile(r"EOF inside string starting at row (\d+)")
_FIELD_COUNT = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_PANDAS_PREFIX = re.compile(r"^Error tokenizing data\. C error: ")


class UnclosedQuote(ValueError):
    """A quoted field that the text never closes; ``line`` is where it starts."""

    def __init__(self, line: int) -> None:
        super().__init__(f"line {line}: {UNCLOSED}")
        self.line = line


def records(text: str, delimiter: str = ",", blanks: bool = False
            ) -> Iterator[tuple[int, list[str]]]:
    """(the line a record starts on, its cells) for each record of ``text``, blank lines left
    out unless ``blanks`` (pandas counts them when it names a record); a quoted field left open at the end raises ``UnclosedQuote`` naming its line, and a
    ``csv.Error`` gets the line its record starts on (``line``).

    Example:
        >>> list(records('a,b\\n"x\\ny",1\\n'))
        [(1, ['a', 'b']), (2, ['x\\ny', '1'])]
    """
    reader = csv.reader(io.StringIO(text + "\n" + END, newline=""), delimiter=delimiter)
    start = 1
    try:
        for cells in reader:
            if cells == [END]:
                return
            if cells and cells[-1].endswith(END):
                raise UnclosedQuote(start)
            if blanks or any(cells):
                yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:  # a field over the csv module's size limit
        exc.line = start
        raise


def cut_last_record(text: str, delimiter: str = ",") -> str | None:
    """A warning when ``text`` seems to end inside its last record, outside quotes: no line end
    after it, and fewer fields than the header, or other records ending with \\r\\n. pandas
    reads such a record with its missing fields empty (or its last field cut), so a file cut short
    would otherwise pass unnoticed. None otherwise.

    Example:
        >>> cut_last_record('id,text,author\\n1,hello,dana\\n2,the app cra')
        'line 3: the last record has 2 of 3 fields and no line end after it: the file may have been cut short (it is read as it is)'
    """
    if text.endswith(("\n", "\r")) or not text or text.isspace():  # no stripped copy of it
        return None
    rows = list(records(text, delimiter))
    if len(rows) < 2:
        return None
    (line, cells), header = rows[-1], rows[0][1]
    if len(cells) < len(header):
        return (f"line {line}: the last record has {len(cells)} of {len(header)} fields and no line "
                "end after it: the file may have been cut short (it is read as it is)")
    # Most writers (Excel, Python's csv and pandas, RFC 4180) end the last record with a line end
    # too: without it, the file was likely cut inside its last field. A text joined by line ends
    # leaves it off, so this is said as a possibility (review 11 R11-17: \n rows were not).
    first_end = text.find("\n")  # not partition: it would copy the rest of the text
    end = "\\r\\n" if first_end > 0 and text[first_end - 1] == "\r" else "\\n"
    return (f"line {line}: the last record has no line end after it, though the others end "
            f"with one ({end}): the file may have been cut short inside it (it is read as it is)")


def _starts(text: str, delimiter: str) -> tuple[list[tuple[int, bool]], int | None]:
    """(the line it starts on, whether it is blank) of each readable record, and the line of a
    quoted field left open (None if none is); the csv module failing (a field over its size
    limit) ends the list."""
    starts: list[tuple[int, bool]] = []
    try:
        for line, cells in records(text, delimiter, blanks=True):
            starts.append((line, not any(cells)))
    except UnclosedQuote as exc:
        return starts, exc.line
    except csv.Error:
        pass
    return starts, None


def too_many_fields(text: str, where: str, delimiter: str, fields: int) -> InputError:
    """The error (E110) for a first record with more fields than the header's ``fields``: pandas
    reads its first columns as row labels then, and shifts every column (the first words of a
    comment with an unquoted comma become its author, and the dates vanish)."""
    for line, cells in records(text, delimiter, blanks=False):
        if line > 1 and len(cells) > fields:
            return InputError("E110", where, line=line,
                              detail=f"{len(cells)} fields, the header has {fields}")
    return InputError("E107", where, detail=f"records have more fields than the header's {fields}")


def unclosed_quote_line(text: str, delimiter: str = ",") -> int | None:
    """The line on which a quoted field starts that ``text`` never closes, or None (also when
    the csv module cannot read the text that far).

    Example:
        >>> unclosed_quote_line('a,b\\n1,"2\\n3,4\\n'), unclosed_quote_line('a,b\\n1,2\\n')
        (2, None)
    """
    return _starts(text, delimiter)[1]


def parse_failure(error: Exception, text: str, where: str, delimiter: str = ",") -> InputError:
    """The coded error for pandas' ``ParserError`` on ``text``: the line and a plain reason
    (E110), else pandas' reason without its tokenizer's words (E107).

    Example:
        >>> str(parse_failure(ValueError("Error tokenizing data. C error: EOF inside string "
        ...     "starting at row 1"), 'a\\n"b', "x.csv")).split(": ")[:2]
        ['x.csv', 'line 2']
    """
    message = (str(error).strip().splitlines() or [type(error).__name__])[0]
    starts, unclosed = _starts(text, delimiter)
    eof_in_string, count = _EOF_IN_STRING.search(message), _FIELD_COUNT.search(message)
    if eof_in_string and unclosed is not None:
        coded = InputError("E110", where, line=unclosed, detail=UNCLOSED)
        before = len(starts)
    elif eof_in_string:
        row = int(eof_in_string.group(1))
        coded = InputError("E107", where, detail=f"record {row + 1} (the header is record 1): "
                           f"{UNCLOSED.replace('on this line ', '')}")
        before = row
    elif count:
        expected, number, seen = (int(g) for g in count.groups())
        detail = f"{seen} fields, the header has {expected}"
        coded = (InputError("E110", where, line=starts[number - 1][0], detail=detail)
                 if number <= len(starts) else
                 InputError("E107", where, detail=f"record {number} (the header is record 1): {detail}"))
        before = number - 1
    else:
        return InputError("E107", where, detail=_PANDAS_PREFIX.sub("", message)[:200])
    # the rows before the broken one (pandas' count takes blank lines), the header not
    coded.records_read = max(before - 1 - sum(blank for _, blank in starts[:before]), 0)
    return coded


def repeated_header(table: pd.DataFrame) -> np.ndarray:
    """Which rows of ``table`` repeat its header, cell for cell: two exports joined with ``cat``
    hold the second one's header as a row (read, it was a post by "customer" saying "message", or
    by a Discord member "Author" saying "Content"), behind its byte order mark when Excel wrote
    them as "CSV UTF-8" (review 12, R12-17; review 15, R15-8)."""
    same = np.ones(len(table), dtype=bool)
    # the smallest columns first, each cleaned on the rows that still match: cleaned whole, every
    # cell was copied twice (the text column of 100k posts 70 MB)
    for column in sorted(table.columns, key=lambda c: table[c].memory_usage(deep=True)):
        cells = table.loc[same, column].astype(str).str.replace("\ufeff", "").str.strip()
        same[same] = (cells == str(column).replace("\ufeff", "").strip()).to_numpy(dtype=bool)
    return same & (len(table.columns) > 0)


def note_repeated_header(records: list[int], where: str, notes: dict) -> None:
    """Name the records (1-based, below the header) that repeat the header, read as no posts, in
    ``notes["header_repeated"]`` and on the terminal."""
    notes["header_repeated"] = (f"records {', '.join(map(str, records))} below the header repeat "
                                "it: read as no posts")
    log.warning("%s: %s (files joined one after the other?)", where, notes["header_repeated"])
