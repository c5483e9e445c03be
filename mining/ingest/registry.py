"""The reader registry: which reader takes which file, decided from content, not only the name.

A reader is a ``Reader``: a name (the ``source`` column), a ``sniff`` that looks at the file name and
its first bytes, and a ``read`` that yields DataFrame chunks in the ``RAW_POST`` schema. Export
formats (WhatsApp, Telegram, ...) register themselves the same way the generic tables do. A reader
that has something to say about a file (a guessed date order, say) puts a dict in a chunk's
``attrs["notes"]``; the file's entry in the manifest shows it.
"""
from __future__ import annotations

import codecs
import io
import json
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, NamedTuple

import charset_normalizer
import pandas as pd

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest.limits import MAX_LINE_BYTES, open_file, open_member

log = logging.getLogger("mining")

SNIFF_BYTES = 64 * 1024
BLOCK_BYTES = 1 << 20

# Single-byte code pages that old Windows programs (Excel "CSV", Notepad) wrote for the
# communities' languages: Hebrew, Greek and Western; on a tie, the first wins.
LEGACY_ENCODINGS = ("cp1255", "iso8859_8", "cp1253", "iso8859_7", "cp1252")
_LETTER = re.compile(r"[^\W\d_]")
MISPLACED_FINALS = 0.05  # final forms inside words, per one at a word end, a real text may hold
# (a final letter stretched, "איןןןן", stands at a word's end too)
_FINAL_FORMS = [(re.compile(f"(?<=[{letters}])[{finals}](?![{letters}])"),
                 re.compile(f"[{finals}](?=[{letters}])(?![{finals}])"))
                for letters, finals in (("\u05d0-\u05ea", "ךםןףץ"), ("\u0386-\u03ce", "ς"))]
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


@dataclass(frozen=True)
class Encoding:
    """How a file's bytes are read: a Python codec, the length of its BOM, and how it was told.

    Example:
        >>> str(detect_encoding("שלום, מה שלומך?".encode("cp1255")))
        'cp1255 (detected: Hebrew)'
    """

    codec: str
    bom: int
    how: str

    def __str__(self) -> str:
        return f"{self.codec} ({self.how})"


def detect_encoding(data: bytes) -> Encoding | None:
    """The encoding of ``data`` (a whole file, or its head), or None.

    In order: a byte order mark; UTF-16 without one (NUL bytes in every other place: the ASCII
    of headers, digits and spaces); UTF-8, its last character possibly cut (``decode_cut``);
    then charset-normalizer among ``LEGACY_ENCODINGS``.
    Bytes that are mostly valid UTF-8 stay UTF-8 even with a bad byte, so a damaged UTF-8 file
    fails at that byte rather than being read as a whole file of mojibake; random bytes fit no
    code page.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return Encoding(codec, len(bom), "byte order mark")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return Encoding(utf16, 0, "no byte order mark: NUL bytes in every other place")
    try:
        decode_cut(data, "utf-8")
        return Encoding("utf-8", 0, "valid UTF-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    # The bad bytes: replacement characters the text itself holds (U+FFFD written as UTF-8, as
    # app-review corpora have them) are valid UTF-8; counted as bad, one flipped byte in an
    # English file outnumbered its few other non-ASCII characters, and it was "no encoding".
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    if len(text) - len(text.encode("ascii", errors="ignore")) - bad > bad:
        return Encoding("utf-8", 0, "mostly valid UTF-8")  # damaged, not another encoding
    return _legacy_encoding(data)


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when NUL bytes fill one of the byte places (the high byte of
    ASCII characters) far more than the other (emoji and some letters put a few there too),
    and the bytes decode so."""
    sample = data[: SNIFF_BYTES - SNIFF_BYTES % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    codec = ("utf-16-le" if odd > 0.1 * half and even < odd / 20 else
             "utf-16-be" if even > 0.1 * half and odd < even / 20 else None)
    if codec is None:
        return None
    try:
        codecs.getincrementaldecoder(codec)().decode(sample, final=False)
    except UnicodeDecodeError:
        return None
    return codec


def _legacy_encoding(data: bytes) -> Encoding | None:
    matches = {m.encoding: (m.chaos, -m.coherence, m.language)
               for m in charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS))
               if m.encoding in LEGACY_ENCODINGS}
    sample = data[: 4 * SNIFF_BYTES]
    readings = {codec: sample.decode(codec, errors="replace") for codec in LEGACY_ENCODINGS}
    fits = {codec: _final_forms_fit(text) for codec, text in readings.items()}
    # charset-normalizer's letter frequencies decide poorly between scripts, and may not offer
    # the right one at all: a Hebrew WhatsApp chat in cp1255 was read as Greek (its direction
    # marks, 0xFD, are a Greek letter in cp1253). A code page in which the text's final letters
    # stand where its script puts them is a candidate too, and ranks first, also when
    # charset-normalizer offers none (a Hebrew chat with three control characters was refused).
    for codec in LEGACY_ENCODINGS:
        if codec not in matches and fits[codec] == 1 and _decodes(data, codec):
            matches[codec] = (1.0, 0.0, "Unknown")
    if not matches:
        return None

    def rank(codec: str) -> tuple:
        # then the least chaos, then the reading with more letters (iso8859_7 reads "Ά" where
        # cp1253 reads "’")
        chaos, incoherence, _ = matches[codec]
        return (-fits[codec], chaos, -len(_LETTER.findall(readings[codec])), incoherence,
                LEGACY_ENCODINGS.index(codec))

    best = min(matches, key=rank)
    language = matches[best][2]
    how = ("detected: its final letters" if language == "Unknown" and fits[best] == 1 else
           "detected" if language == "Unknown" else f"detected: {language}")
    return Encoding(best, 0, how)


# A text decoded twice (UTF-8 bytes read in a code page, then saved as UTF-8 again: Excel opening
# a UTF-8 CSV without a BOM) reads back as UTF-8 in that code page: most of its non-ASCII bytes
# form UTF-8 characters again. Real Hebrew, Greek and accented Latin text does not (0.9% at most
# over ../shared's corpora and fixtures and the reviews' inputs; a Greek double-decoded CSV 96%).
DOUBLE_DECODED = 0.5
MIN_DOUBLE_DECODED_BYTES = 20
DOUBLE_DECODED_CODECS = ("cp1252", "cp1253", "cp1255")


def _undefined_byte(error: UnicodeEncodeError) -> tuple[bytes, int]:
    """A code page's undefined byte, which Windows reads as the character of the same number
    (0x90 in cp1252: U+0090), written back as that byte."""
    chars = error.object[error.start:error.end]
    if not all(ord(c) < 256 for c in chars):
        raise error
    return bytes(ord(c) for c in chars), error.end


codecs.register_error("mining-undefined-byte", _undefined_byte)


def double_decoded(text: str) -> str | None:
    """The code page in which ``text`` (a sample) was read as if its UTF-8 bytes were letters,
    or None.

    Example:
        >>> double_decoded("Ξ•Ο‡Ο‰ ΞΏΞΌΟ‰Ο‚ ΞΌΞΉΞ± ΞµΞ½Ξ±Ξ»Ξ»Ξ±ΞΊΟ„ΞΉΞΊΞ·"), double_decoded("Έχω όμως μια εναλλακτική")
        ('cp1253', None)
    """
    return next((codec for codec in DOUBLE_DECODED_CODECS
                 if reformed_share(text, codec) >= DOUBLE_DECODED), None)


def reformed_share(text: str, codec: str) -> float:
    """The share of ``text``'s non-ASCII bytes in ``codec`` that form UTF-8 characters (0 when
    fewer than ``MIN_DOUBLE_DECODED_BYTES``): ``benchmarks/double_decoded.py`` measures it."""
    data = text.encode(codec, errors="replace")  # a letter lost ("�"): no UTF-8 formed
    high = sum(b >= 0x80 for b in data)
    if high < MIN_DOUBLE_DECODED_BYTES:
        return 0.0
    return (len(data.decode("utf-8", errors="ignore").encode("utf-8")) - (len(data) - high)) / high


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _final_forms_fit(text: str) -> int:
    """How ``text`` uses Hebrew final letters (ך ם ן ף ץ) and the Greek final sigma (ς): 1 when
    one script's stand as they do in it, at the end of words, inside one hardly ever (a typo, two
    words run together); -1 when they stand inside words (read in another code page, the same
    bytes are ordinary letters that stand anywhere); 0 when the text has none."""
    fit = 0
    for ends, inside in _FINAL_FORMS:
        at_end, within = len(ends.findall(text)), len(inside.findall(text))
        if at_end and within <= at_end * MISPLACED_FINALS:
            return 1
        if within:
            fit = -1
    return fit


def head_text(head: bytes) -> str:
    """A file's head as text for sniffing and hints: in its encoding when one is found, else
    as UTF-8 with the bad bytes left out.

    Example:
        >>> head_text("12.3.2024, 14:05 - דני: שלום".encode("utf-16"))
        '12.3.2024, 14:05 - דני: שלום'
    """
    encoding = _head_encoding(head)
    codec, bom = (encoding.codec, encoding.bom) if encoding else ("utf-8", 0)
    return _line_feeds(head[bom:].decode(codec, errors="ignore"))


def _line_feeds(text: str) -> str:
    """``text`` with every line end a line feed: Windows writes ``\\r\\n``, old Mac programs
    (and exports re-saved by them) a lone ``\\r``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def sniff_text(head: bytes) -> str:
    """A file's head as the sniffers of JSON and CSV exports read it: decoded as ``head_text``
    does (so a file re-saved in UTF-16 is still recognised), without the BOM and leading white
    space.

    Example:
        >>> sniff_text('\ufeff  {"messages": []}'.encode("utf-16-le"))
        '{"messages": []}'
    """
    return head_text(head).lstrip("\ufeff \t\r\n")


@lru_cache(maxsize=8)
def _head_encoding(head: bytes) -> Encoding | None:
    # Each reader's sniff and the time zone hint read the same head: detect it once.
    return detect_encoding(head)


# A file whose last bytes begin a character they do not finish. Most Hebrew and Greek letters
# are two bytes in UTF-8, so about half of all cuts fall inside one; the file is UTF-8 all the
# same, and "re-save it as UTF-8" (E103) would be wrong advice.
CUT_CHARACTER = "the file ends inside a character: it was cut short (what comes before is read)"


def decode_cut(data: bytes, codec: str) -> tuple[str, bool]:
    """``data`` decoded, and whether its last bytes begin a character they do not finish: a file
    cut short there, read as if cut before that character. Every reader decodes through this
    rule: a bad byte anywhere else raises ``UnicodeDecodeError`` (E103 to the user).

    Example:
        >>> decode_cut("שלום".encode("utf-8")[:-1], "utf-8")
        ('שלו', True)
    """
    decoder = codecs.getincrementaldecoder(codec)()
    text = decoder.decode(data, final=False)  # the cut character's bytes stay in the decoder
    return text, bool(decoder.getstate()[0])


def _undecodable(display: str, data: bytes, encoding: Encoding | None = None, at: int = 0,
                 lines_before: int = 0) -> InputError:
    """E103 for ``data`` that no encoding reads, or that fails at byte ``at`` in ``encoding``
    (its line counted in the file, ``lines_before`` lines before ``data`` starts)."""
    if encoding is None:
        return InputError("E103", display, detail="no text encoding reads it: neither UTF-8 nor "
                          "UTF-16 nor a Hebrew, Greek or Western code page")
    line_start = data.rfind(b"\n", 0, at) + 1
    line = lines_before + data.count(b"\n", 0, at) + 1
    # UTF-8 that fails is damaged, not another encoding (``detect_encoding``): "re-save the file
    # as UTF-8" would not help; every damaged line is named, not the first alone (review 11)
    damaged = damaged_lines(data) if encoding.codec == "utf-8" else []
    if damaged:
        return damaged_error(display, [lines_before + n for n in damaged])
    return InputError("E103", f"{display}:{line}",
                      detail=f"byte {at - line_start + 1} of the line is not {encoding.codec}")


def damaged_error(display: str, lines: list[int]) -> InputError:
    """E128 naming the damaged ``lines`` of a UTF-8 file (the first ten, and how many)."""
    shown = ", ".join(map(str, lines[:10]))
    return InputError("E128", f"{display}:{lines[0]}", lines=(
        f"{len(lines)} line{'s' if len(lines) > 1 else ''}: {shown}"
        + (", ..." if len(lines) > 10 else "")))


def damaged_lines(data: bytes) -> list[int]:
    """The 1-based lines of ``data`` that hold bytes that are not UTF-8."""
    damaged = []
    for number, line in enumerate(data.split(b"\n"), 1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            damaged.append(number)
    return damaged


class Decoded(NamedTuple):
    """A whole file as text: the encoding it was read in, and ``cut``, the warning for a file
    that ends inside a character ("line N: ..."), or None."""

    text: str
    encoding: Encoding
    cut: str | None


@dataclass(frozen=True)
class Source:
    """One input file: on disk, or a member of a zip archive."""

    path: Path  # the file on disk (the archive, for a member)
    display: str  # what messages and ``source_file`` name: relative path, "a.zip!member" in a zip
    member: str | None = None

    @property
    def name(self) -> str:
        return Path(self.member or self.path.name).name

    def open(self, max_line: int | None = MAX_LINE_BYTES) -> IO[bytes]:
        """The file's bytes, read through the limits (``mining/ingest/limits.py``): a line longer
        than ``max_line`` (None for JSON parsed as a stream), a zip member expanding too far or
        corrupt, raises a coded ``InputError`` on the read that crosses it."""
        if self.member is None:
            return open_file(self.path, self.display, max_line)
        return open_member(self.path, self.member, self.display, max_line)

    def open_utf8(self) -> IO[bytes]:
        """The file's bytes as UTF-8, for the JSON parsers (which read bytes): a file re-saved
        in UTF-16 or UTF-32 (Notepad's "Unicode") is transcoded as it is read, its BOM dropped;
        any other file is read as it is, so bad bytes still fail where they are."""
        encoding = _head_encoding(self.head())
        if encoding is None or not encoding.codec.startswith(("utf-16", "utf-32")):
            return self.open(max_line=None)
        return io.BufferedReader(_Utf8Stream(self.open(max_line=None), encoding, self.display),
                                 buffer_size=1 << 16)

    def head(self, n: int = SNIFF_BYTES) -> bytes:
        with self.open() as fh:
            return fh.read(n)

    def encoding(self) -> Encoding:
        """The file's text encoding, decided from its head (see ``detect_encoding``)."""
        head = self.head()
        encoding = _head_encoding(head)
        if encoding is None:
            raise _undecodable(self.display, head)
        return encoding

    def decode(self, data: bytes | None = None) -> Decoded:
        """The whole file as text (a BOM dropped), the encoding it was read in, and whether it
        ends inside a character (``decode_cut``). Empty or undecodable files are user errors;
        a file that fails in its detected encoding names the line of the first bad byte."""
        if data is None:
            with self.open() as fh:
                data = fh.read()
        if not data.strip():
            raise InputError("E102", self.display)
        encoding = detect_encoding(data)
        if encoding is None:
            raise _undecodable(self.display, data)
        try:
            text, cut = decode_cut(data[encoding.bom:], encoding.codec)
        except UnicodeDecodeError as exc:
            raise _undecodable(self.display, data, encoding, exc.start + encoding.bom) from None
        twice = double_decoded(text[: 4 * SNIFF_BYTES])
        if twice is not None:
            try:
                text = text.encode(twice, errors="mining-undefined-byte").decode("utf-8")
            except UnicodeError:  # a byte the code page has no letter for was replaced: lost
                raise InputError("E127", self.display, codec=twice) from None
            encoding = Encoding(encoding.codec, encoding.bom, f"decoded twice, repaired from {twice}")
        line = _line_feeds(text).count("\n") + 1
        return Decoded(text, encoding, f"line {line}: {CUT_CHARACTER}" if cut else None)

    def read_text(self, data: bytes | None = None) -> str:
        """The whole file as text (see ``decode``): a JSON file that ends inside a character
        then ends before its JSON does, and its parser says it was cut short."""
        return self.decode(data).text

    def text_blocks(self, size: int = BLOCK_BYTES, warn: bool = True) -> Iterator[str]:
        """The file as text blocks of about ``size`` bytes that end at line ends (so no line is
        cut in two), in its encoding (the BOM dropped, ``\\r\\n`` and a lone ``\\r`` read as
        ``\\n``). A byte that cannot be decoded is a user error naming its line; a file cut
        inside its last character is read up to it, with a warning (``warn``: a reader's first
        passes leave it to the pass that reads the records)."""
        encoding = self.encoding()
        if encoding.codec != "utf-8":
            yield from self._decoded_blocks(encoding, size, warn)
            return
        lines_before = 0
        with self.open() as fh:
            fh.read(encoding.bom)
            while data := fh.read(size):
                data += fh.readline()
                try:
                    text, cut = decode_cut(data, "utf-8")  # only the last block can be cut
                except UnicodeDecodeError as exc:
                    raise _undecodable(self.display, data, encoding, exc.start, lines_before
                                       ) from None
                if cut and warn:
                    log.warning("%s:%d: %s", self.display, lines_before + data.count(b"\n") + 1,
                                CUT_CHARACTER)
                yield _line_feeds(text)
                lines_before += data.count(b"\n")

    def _decoded_blocks(self, encoding: Encoding, size: int, warn: bool) -> Iterator[str]:
        # Other encodings are decoded as a stream, never final (as ``decode_cut`` decodes): the
        # decoder keeps a character (or a UTF-16 pair) that a block boundary or the file's end
        # cuts in two. A block ends after its last line end; the text after it goes on.
        decoder = codecs.getincrementaldecoder(encoding.codec)()
        lines_before, carry = 0, ""
        with self.open() as fh:
            fh.read(encoding.bom)
            while data := fh.read(size):
                try:
                    text = carry + decoder.decode(data)
                except UnicodeDecodeError:
                    raise InputError("E103", f"{self.display}:{lines_before + 1}",
                                     detail=f"a line from here on is not {encoding.codec}") from None
                end = max(text.rfind("\n"), text.rfind("\r", 0, -1)) + 1  # "\r" may precede "\n"
                block, carry = _line_feeds(text[:end]), text[end:]
                if block:
                    yield block
                    lines_before += block.count("\n")
        if decoder.getstate()[0] and warn:
            log.warning("%s:%d: %s", self.display, lines_before + 1, CUT_CHARACTER)
        if carry:
            yield _line_feeds(carry)

    def read_json(self) -> Any:
        """The whole file parsed as JSON; a syntax error names its line."""
        text = self.read_text()
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise json_error(exc, self.display) from None


class _Utf8Stream(io.RawIOBase):
    """A wide-encoded file's text handed out as UTF-8 bytes, line ends kept as they are (so a
    parse error still names the file's line). Bytes the encoding cannot read are E103 naming
    their line; a character the file's end cuts in two is left out, as ``decode_cut`` does, and
    the JSON parser then says the file was cut short."""

    def __init__(self, raw: IO[bytes], encoding: Encoding, display: str) -> None:
        super().__init__()
        self._raw, self._codec, self._display = raw, encoding.codec, display
        self._decoder = codecs.getincrementaldecoder(encoding.codec)()
        raw.read(encoding.bom)
        self._pending, self._lines, self._done = b"", 0, False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending and not self._done:
            data = self._raw.read(1 << 16)
            self._done = not data
            text = self._decode(data)
            self._lines += text.count("\n")
            self._pending = text.encode("utf-8")
        n = min(len(buffer), len(self._pending))
        buffer[:n], self._pending = self._pending[:n], self._pending[n:]
        return n

    def _decode(self, data: bytes) -> str:
        try:
            return self._decoder.decode(data)  # not final: a cut character stays in the decoder
        except UnicodeDecodeError as exc:
            before = exc.object[: exc.start].decode(self._codec, errors="replace")
            raise InputError("E103", f"{self._display}:{self._lines + before.count(chr(10)) + 1}",
                             detail=f"a character of the line is not {self._codec}") from None

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()


# What a JSON file cut short gets, whichever parser found it.
CUT_SHORT = "the file ends before its JSON does: it was cut short (export or copy it again)"


def json_reason(message: str) -> str:
    """The json module's reason without the position it would go on to give ("Unterminated
    string starting at" reads as a sentence cut short).

    Example:
        >>> json_reason("Unterminated string starting at"), json_reason("Expecting value")
        ('Unterminated string', 'Expecting value')
    """
    return re.sub(r"\s+(?:starting\s+)?at$", "", message)


def json_error(error: json.JSONDecodeError, where: str, first_line: int = 1,
               unit: str = "file") -> InputError:
    """E110 for a JSON syntax error: the file's line (the JSON text starting at ``first_line``),
    and the parser's reason without its column and character, or, at the end of the text, that
    the ``unit`` (the file, or a line of JSON lines) was cut short.

    Example:
        >>> str(json_error(json.JSONDecodeError("Expecting value", '{"a": ', 6), "x.json"))
        'x.json: line 1: cannot parse: the file ends before its JSON does: it was cut short (export or copy it again) [E110]'
    """
    ended = error.pos >= len(error.doc.rstrip()) or error.msg.startswith("Unterminated string")
    cut = CUT_SHORT if unit == "file" else "the line ends before its JSON does: it was cut short"
    line = first_line if unit == "line" else first_line + error.lineno - 1
    return InputError("E110", where, line=line,
                      detail=cut if ended else json_reason(error.msg))


# Exports whose default format is HTML, by the markup they write, and how to export them as JSON.
HTML_EXPORTS = (
    ("Telegram Desktop", (b'class="page_body chat_page"', b'class="message default clearfix"'),
     "Export chat history, Format: Machine-readable JSON"),
    ("DiscordChatExporter", (b'class="chatlog__message',),
     "--format Json, or Export format: JSON in the app"),
)


def html_export(head: bytes) -> tuple[str, str] | None:
    """The platform and the way to export it as JSON when ``head`` is the start of a chat
    exported as HTML (the default of Telegram Desktop and DiscordChatExporter), else None."""
    if b"<html" not in head[:2000].lower():
        return None
    return next(((platform, how) for platform, marks, how in HTML_EXPORTS
                 if any(mark in head for mark in marks)), None)


def mark_name(name: object) -> str:
    """A person's name, marked as one (between U+2068 and U+2069, as WhatsApp marks @mentions)
    so that the privacy pass pseudonymizes it wherever it stands in a text or a channel."""
    return f"\u2068{name}\u2069"


@dataclass(frozen=True)
class Reader:
    name: str
    sniff: Callable[[Source, bytes], bool]
    read: Callable[[Source, InputConfig], Iterator[pd.DataFrame]]


READERS: list[Reader] = []


def register(reader: Reader, *, first: bool = True) -> Reader:
    """Add a reader. Specific formats go first; the generic tables come last as the fallback."""
    if first:
        READERS.insert(0, reader)
    else:
        READERS.append(reader)
    return reader


def find_reader(source: Source, head: bytes) -> Reader | None:
    for reader in READERS:
        if reader.sniff(source, head):
            return reader
    return None
