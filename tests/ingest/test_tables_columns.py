"""Which column of a table is what: dates read in one order per column, zones that change with
the season, and column names written in Hebrew or Greek."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest import read_inputs

HEBREW = ["האפליקציה קורסת כשאני פותח את המצלמה", "המשלוח הגיע באיחור של שעתיים",
          "למה אי אפשר לשנות את הכתובת אחרי ההזמנה?", "שירות הלקוחות לא עונה כבר שבוע"]
GREEK = ["Η παραγγελία ήρθε χωρίς το γάλα", "Γιατί δεν ανοίγει η εφαρμογή από χθες;",
         "Ο λογαριασμός ήρθε πάλι λάθος", "Κανείς δεν απαντά στο τηλέφωνο εξυπηρέτησης"]


def _read(tmp_path: Path, frame: pd.DataFrame, **options: object) -> tuple[pd.DataFrame, dict]:
    path = tmp_path / "comments.csv"
    frame.to_csv(path, index=False)
    posts, files = read_inputs([str(path)], InputConfig(**options))
    return posts, files[0].notes


def test_day_first_dates_are_read_day_first_in_every_row(tmp_path: Path) -> None:
    # Excel in he-IL and el-GR writes 01/04/2024 for April 1st; read cell by cell, the days up
    # to 12 became January to December.
    days = range(1, 29)
    frame = pd.DataFrame({"date": [f"{d:02d}/04/2024 10:00" for d in days],
                          "comment": [HEBREW[d % 4] for d in days]})
    posts, notes = _read(tmp_path, frame, timezone="Asia/Jerusalem")
    local = posts["created_at"].dt.tz_convert("Asia/Jerusalem")
    assert local.dt.month.eq(4).all() and local.dt.day.tolist() == list(days)
    assert local.dt.hour.eq(10).all()
    assert notes["date_order"] == "day-first (dates with a field over 12)"


def test_month_first_dates_stay_month_first(tmp_path: Path) -> None:
    frame = pd.DataFrame({"date": ["04/01/2024", "04/13/2024", "04/28/2024"],
                          "comment": ["the app crashes when I open the camera",
                                      "why can't I change the address after ordering?",
                                      "support has not answered for a week"]})
    posts, notes = _read(tmp_path, frame, timezone="UTC")
    assert posts["created_at"].dt.day.tolist() == [1, 13, 28]
    assert notes["date_order"].startswith("month-first")


def test_ambiguous_dates_of_hebrew_and_greek_posts_are_day_first(tmp_path: Path, caplog) -> None:
    frame = pd.DataFrame({"date": ["01/04/2024", "02/04/2024", "03/05/2024", "04/05/2024"],
                          "comment": HEBREW[:2] + GREEK[:2]})
    with caplog.at_level("WARNING", logger="mining"):
        posts, notes = _read(tmp_path, frame, timezone="UTC")
    assert posts["created_at"].dt.month.tolist() == [4, 4, 5, 5]
    assert notes["date_order"] == "day-first (guessed: no date has a field over 12)"
    # a guess is said where the user sees it: next week's 13th may decide the other order
    assert "no date in column 'date' tells the day from the month" in caplog.text


def test_year_first_cells_keep_their_order_beside_day_first_ones(tmp_path: Path) -> None:
    frame = pd.DataFrame({"date": ["2024-04-01 10:00", "13/04/2024 10:00", "2024-04-02"],
                          "comment": HEBREW[:3]})
    posts, _ = _read(tmp_path, frame, timezone="UTC")
    assert posts["created_at"].dt.strftime("%m-%d").tolist() == ["04-01", "04-13", "04-02"]


def test_offsets_that_change_with_the_season_and_cells_without_one(tmp_path: Path) -> None:
    # Israel is UTC+2 in winter and UTC+3 in summer; pandas refuses such a column as one parse
    # (the file was set aside as a reader failure).
    frame = pd.DataFrame({"date": ["2024-01-10T10:00:00+02:00", "2024-07-10T10:00:00+03:00",
                                   "2024-07-11 10:00", "not a date"],
                          "comment": HEBREW})
    posts, _ = _read(tmp_path, frame, timezone="Asia/Jerusalem")
    assert posts["created_at"].dt.strftime("%m-%d %H:%M").tolist()[:3] == [
        "01-10 08:00", "07-10 07:00", "07-11 07:00"]
    assert posts["created_at"].isna().tolist() == [False, False, False, True]


def test_hebrew_and_greek_column_names_are_read(tmp_path: Path) -> None:
    hebrew = pd.DataFrame({"שם": ["דנה", "יוסי"], "תאריך": ["13/04/2024", "14/04/2024"],
                           "תגובה": HEBREW[:2], "לייקים": [3, 0]})
    posts, _ = _read(tmp_path, hebrew, timezone="UTC")
    assert posts["author"].notna().all() and posts["reactions"].tolist() == [3, 0]
    assert posts["created_at"].dt.day.tolist() == [13, 14]
    greek = pd.DataFrame({"ΌΝΟΜΑ": ["Νίκος", "Μαρία"], "Ημερομηνία": ["13/04/2024", "14/04/2024"],
                          "Σχόλιο": GREEK[:2], "Μου αρέσει": [1, 5]})
    posts, _ = _read(tmp_path, greek, timezone="UTC")
    assert posts["author"].notna().all() and posts["reactions"].tolist() == [1, 5]
    assert posts["created_at"].dt.day.tolist() == [13, 14]


def test_an_author_column_of_any_name_is_read_when_named(tmp_path: Path) -> None:
    frame = pd.DataFrame({"חבר קהילה": ["דנה", "יוסי"], "text": HEBREW[:2], "stage": ["a", "b"]})
    posts, notes = _read(tmp_path, frame)
    assert posts["author"].isna().all()
    assert notes["columns_not_read"] == ["stage", "חבר קהילה"]
    posts, notes = _read(tmp_path, frame, author_column="חבר קהילה")
    assert posts["author"].notna().all() and notes["columns_not_read"] == ["stage"]


def test_google_forms_and_gendered_hebrew_headers_are_read(tmp_path: Path) -> None:
    """Google Forms writes its time column as "חותמת זמן" / "Χρονική σήμανση"; Hebrew forms write
    a header for either gender ("מגיש/ה"). Both were left unread: no time, no author."""
    hebrew = pd.DataFrame({"חותמת זמן": ["20/03/2024 09:00:00", "21/03/2024 10:30:00"],
                           "מגיש/ה": ["דנה לוי", "יוסי כהן"], "תגובה": HEBREW[:2]})
    posts, notes = _read(tmp_path, hebrew, timezone="UTC")
    assert posts["created_at"].dt.day.tolist() == [20, 21] and posts["author"].notna().all()
    assert "columns_not_read" not in notes
    greek = pd.DataFrame({"Χρονική σήμανση": ["20/03/2024 09:00:00", "21/03/2024 10:30:00"],
                          "Ονοματεπώνυμο": ["Νίκος Παπαδόπουλος", "Μαρία Γεωργίου"],
                          "Σχόλιο": GREEK[:2]})
    posts, _ = _read(tmp_path, greek, timezone="UTC")
    assert posts["created_at"].dt.day.tolist() == [20, 21] and posts["author"].notna().all()


def test_times_spreadsheets_write_are_read(tmp_path: Path, caplog) -> None:
    """Greek 12-hour times, epoch milliseconds (a JavaScript exporter's), epoch seconds with an
    empty cell, Excel's serial days and a time before a day-first date: each gave every post no
    time (the milliseconds set the file aside), without a word."""
    cases = {
        "el_ampm": (["1/4/2024 9:05:00 π.μ.", "13/4/2024 4:05:00 μ.μ."], "Europe/Athens",
                    ["2024-04-01 06:05", "2024-04-13 13:05"]),
        "ms": (["1712000000000", "1712003600000"], "UTC", ["2024-04-01 19:33", "2024-04-01 20:33"]),
        "blank": (["1712000000", ""], "UTC", ["2024-04-01 19:33", None]),
        "serial": (["45383", "45383.5"], "UTC", ["2024-04-01 00:00", "2024-04-01 12:00"]),
        "time_first": (["10:00 02/04/2024", "10:00 13/04/2024"], "Asia/Jerusalem",
                       ["2024-04-02 07:00", "2024-04-13 07:00"]),
    }
    for name, (cells, zone, expected) in cases.items():
        frame = pd.DataFrame({"date": cells, "comment": GREEK[:2]})
        posts, _ = _read(tmp_path, frame, timezone=zone)
        got = [None if pd.isna(t) else t.strftime("%Y-%m-%d %H:%M") for t in posts["created_at"]]
        assert got == expected, name


def test_a_time_column_that_cannot_be_read_says_so(tmp_path: Path, caplog) -> None:
    frame = pd.DataFrame({"date": ["2 באפריל 2024", "3 באפריל 2024"], "comment": HEBREW[:2]})
    with caplog.at_level("WARNING", logger="mining"):
        posts, _ = _read(tmp_path, frame, timezone="UTC")
    assert posts["created_at"].isna().all()
    assert "2 of 2 times in column 'date' could not be read as dates" in caplog.text


def test_local_times_in_the_hour_the_clock_goes_back_are_read_as_every_reader_reads_them(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Review 12 (R12-4): a table's times in Israel's repeated hour (25.10.2026 01:00-02:00) were
    "could not be read as dates", where the chat readers read them as the first (summer) hour."""
    times = ["25/10/2026 00:50", "25/10/2026 01:10", "25/10/2026 01:40", "25/10/2026 02:10",
             "27/03/2026 02:30"]  # the last: an hour the clock skipped in spring
    frame = pd.DataFrame({"date": times, "comment": HEBREW[:4] + HEBREW[:1]})
    with caplog.at_level("WARNING", logger="mining"):
        posts, _ = _read(tmp_path, frame)
    assert posts["created_at"].dt.strftime("%H:%M").tolist() == [
        "21:50", "22:10", "22:40", "00:10", "00:00"]  # 02:30 skipped: read as 03:00 (UTC+3)
    assert "could not be read" not in caplog.text


def test_a_workbooks_local_times_are_read_in_its_posts_zone(tmp_path: Path) -> None:
    """A workbook is a zip: its head shows no Hebrew or Greek letter, and a Greek workbook's
    local times were read as UTC, three hours off."""
    path = tmp_path / "comments.xlsx"
    frame = pd.DataFrame({"Ημερομηνία": pd.to_datetime(["2024-04-01 08:00", "2024-04-02 09:30"]),
                          "Σχόλιο": GREEK[:2] * 1})
    frame = pd.concat([frame] * 20, ignore_index=True)  # enough Greek to tell the language
    frame.to_excel(path, index=False)
    posts, files = read_inputs([str(path)], InputConfig())
    assert posts["created_at"].dt.strftime("%H:%M").tolist()[:2] == ["05:00", "06:30"]
    assert files[0].notes["timezone_for_local_times"] == "Europe/Athens (default for a file in Greek)"


@pytest.mark.parametrize("time_header, author_header", [
    ("תאריך פרסום", "שם הכותב"), ("Ημερομηνία δημοσίευσης", "Χρήστης"), ("Ημ/νία", "Όνομα χρήστη"),
    ("Date Posted", "Author Name"), ("timestamp", "Your name"),
    ("Created at", "Requester"), ("Created", "Reporter"), ("תאריך", "שם הלקוח"),
])
def test_headers_that_hold_a_known_word_are_read(tmp_path: Path, time_header: str,
                                                  author_header: str) -> None:
    """Headers as exports and forms write them, a known word among others: each lost its time
    or author column without a word."""
    frame = pd.DataFrame({time_header: ["13/04/2024 10:00", "14/04/2024 11:00"],
                          author_header: ["דנה", "יוסי"], "text": HEBREW[:2]})
    posts, _ = _read(tmp_path, frame, timezone="UTC")
    assert posts["created_at"].dt.day.tolist() == [13, 14] and posts["author"].notna().all()


@pytest.mark.parametrize("headers", [("תאריך", "שעה"), ("Ημερομηνία", "Ώρα"), ("date", "time")])
def test_a_date_column_and_a_clock_column_make_one_time(tmp_path: Path, headers) -> None:
    """Israeli and Greek tools often write the day and the hour in two columns: the hour was
    left unread, and every post stood at local midnight."""
    frame = pd.DataFrame({headers[0]: ["15/04/2024", "16/04/2024"], headers[1]: ["8:30", "19:30"],
                          "text": HEBREW[:2]})
    posts, notes = _read(tmp_path, frame, timezone="Asia/Jerusalem")
    local = posts["created_at"].dt.tz_convert("Asia/Jerusalem").dt.strftime("%d %H:%M")
    assert local.tolist() == ["15 08:30", "16 19:30"] and "columns_not_read" not in notes


def test_unread_columns_are_said_when_no_time_or_author_was_found(tmp_path: Path, caplog) -> None:
    frame = pd.DataFrame({"מס׳": [1, 2], "חבר": ["דנה", "יוסי"], "text": HEBREW[:2]})
    with caplog.at_level("WARNING", logger="mining"):
        _read(tmp_path, frame)
    assert ("no time or author column found among the column names; not read: מס׳, חבר "
            "(name one with --time-column or --author-column)") in caplog.text


def test_a_workbooks_date_orders_name_their_sheets(tmp_path: Path) -> None:
    path = tmp_path / "feedback.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"date": ["13/04/2024", "14/04/2024"], "text": HEBREW[:2]}).to_excel(
            writer, sheet_name="ישראל", index=False)
        pd.DataFrame({"date": ["04/13/2024", "04/14/2024"], "text": HEBREW[2:]}).to_excel(
            writer, sheet_name="US", index=False)
    _, files = read_inputs([str(path)], InputConfig(timezone="UTC"))
    assert files[0].notes["date_order"] == ("sheet 'US': month-first (dates with a field over 12); "
                                            "sheet 'ישראל': day-first (dates with a field over 12)")



@pytest.mark.parametrize("headers, cells", [
    (["Name", "Date of birth", "Date Posted"], ["Dana", "07/06/1979", "13/04/2024 10:00"]),
    (["שם", "תאריך לידה", "תאריך פרסום"], ["דנה", "07/06/1979", "13/04/2024 10:00"]),
    (["Candidate", "Time to resolve (hours)", "Posted"], ["Dana", "20", "13/04/2024 10:00"]),
    (["שם", "זמן טיפול (שעות)", "נשלח"], ["דנה", "20", "13/04/2024 10:00"]),
])
def test_a_birth_date_or_a_duration_is_no_posts_time(tmp_path: Path, headers, cells) -> None:
    """Word matching took "Date of birth" and "Time to resolve (hours)" as the posts' time: every
    post in 1979, or at 1970-01-01 00:00:20."""
    frame = pd.DataFrame([cells + [HEBREW[0]]] * 2, columns=headers + ["text"])
    posts, _ = _read(tmp_path, frame, timezone="UTC")
    assert posts["created_at"].isna().all() or posts["created_at"].dt.year.eq(2024).all()
    assert not posts["created_at"].dt.year.isin([1970, 1979]).any()



@pytest.mark.parametrize("headers", [
    ["Package Name", "Review Submit Date and Time", "Review Text"],  # Google Play's reviews export
    ["תאריך", "שם המוצר", "תגובה"], ["Ημερομηνία", "Όνομα προϊόντος", "Σχόλιο"],
    ["Date", "Group name", "Message"],
    ["Date", "Customer satisfaction", "Comment"],
])
def test_a_name_of_something_else_is_no_author(tmp_path: Path, headers) -> None:
    """Word matching took a product's, a package's or a group's name as every post's author:
    one member wrote everything."""
    cells = {"Package Name": "com.example.app", "שם המוצר": "סל שבועי", "Όνομα προϊόντος": "Καλάθι",
             "Group name": "Parents", "Customer satisfaction": "Good"}
    frame = pd.DataFrame({h: [cells.get(h, "13/04/2024 10:00")] * 2 for h in headers})
    frame[headers[-1]] = HEBREW[:2]
    posts, _ = _read(tmp_path, frame, timezone="UTC")
    assert posts["author"].isna().all()


def test_google_play_scraper_reviews_keep_their_time_and_thumbs_up(tmp_path: Path) -> None:
    """google-play-scraper writes a review's time as ``at`` and its likes as ``thumbsUpCount``
    beside ``score``, the reviewer's stars: the time was not read (no trends) and the stars
    counted as likes."""
    frame = pd.DataFrame({"reviewId": ["a1", "b2"], "userName": ["Dana L", "Avi"],
                          "content": ["The app crashes at login since the update", "Works, but slow"],
                          "score": [1, 4], "thumbsUpCount": [12, 0],
                          "at": ["2026-08-01 02:13:00", "2026-08-02 04:26:00"],
                          "repliedAt": ["2026-08-03 10:00:00", None]})
    posts, _ = _read(tmp_path, frame, timezone="UTC")
    assert posts["created_at"].dt.day.tolist() == [1, 2]
    assert posts["reactions"].tolist() == [12, 0]
    assert posts["author"].notna().all()



def test_a_helpdesk_tickets_id_and_a_comments_reply_column_are_read_with_spaces_in_their_names(
        tmp_path: Path) -> None:
    """Review 14 (R14-1): Zendesk's `Ticket ID` and ExportComments.com's `#` and `Reply To` were
    not read (their names have a space, or no word): a quote could not be traced to its ticket,
    and replies were no replies."""
    frame = pd.DataFrame({"#": ["1", "2", "3"], "Ticket ID": ["88000", "88001", "88002"],
                          "Reply To": ["", "1", "1"],
                          "Description": ["The card was declined at the shop", "Same here",
                                          "Mine too since Monday"]})
    posts, _ = _read(tmp_path, frame.drop(columns="#").assign(**{"Reply To": ""}))
    assert posts["source_id"].tolist() == ["88000", "88001", "88002"]
    posts, _ = _read(tmp_path, frame.drop(columns="Ticket ID"))
    assert posts["source_id"].tolist() == ["1", "2", "3"]
    assert posts["parent_id"].tolist()[1:] == ["1", "1"]


def test_app_store_reviews_keep_their_time_and_not_their_stars_as_likes(tmp_path: Path) -> None:
    """app-store-scraper writes a review's time as ``updated`` and its stars as ``score``, with
    no likes: the time was not read and the stars counted as likes, so 5-star reviews ranked as
    engaging. A score beyond 1-5 (Reddit's votes) stays likes."""
    frame = pd.DataFrame({"id": [0, 1], "userName": ["u0", "u1"], "version": ["3.2", "3.2"],
                          "score": [4, 2], "title": ["Title", "Slow"],
                          "text": ["The app crashes at login since the update", "Works, but slow"],
                          "updated": ["2026-08-01T02:13:00-07:00", "2026-08-02T04:26:00-07:00"]})
    posts, _ = _read(tmp_path, frame, timezone="UTC")
    assert posts["created_at"].dt.day.tolist() == [1, 2]
    assert posts["reactions"].isna().all()
    frame["score"] = [4, 17]
    assert _read(tmp_path, frame, timezone="UTC")[0]["reactions"].tolist() == [4, 17]

@pytest.mark.parametrize("name, encoding", [("comments.txt", "utf-16"), ("comments.txt", "utf-8"),
                                            ("comments.csv", "utf-8")])
def test_a_tab_separated_sheet_saved_as_text_or_csv_is_a_table(tmp_path: Path, name: str,
                                                               encoding: str) -> None:
    """Excel's "Unicode Text" (UTF-16, tabs, .txt): read as lines, the header was a post and
    every author stayed in the text, not pseudonymized; as a .csv, all one column."""
    frame = pd.DataFrame({"שם": ["דנה", "יוסי"], "תאריך": ["13/04/2024 10:00", "14/04/2024 11:00"],
                          "תגובה": HEBREW[:2]})
    frame.to_csv(tmp_path / name, sep="\t", index=False, encoding=encoding)
    posts, files = read_inputs([str(tmp_path / name)], InputConfig(timezone="UTC"))
    assert posts["text"].tolist() == HEBREW[:2] and posts["author"].notna().all()
    assert posts["created_at"].dt.day.tolist() == [13, 14]


def test_a_tab_separated_sheet_of_reviews_over_several_lines_is_a_table(tmp_path: Path) -> None:
    """Review 10 (R10-5): an App Store table saved as "Unicode Text", its date first and reviews
    over several lines (quoted, as Excel writes them), was refused as a chat layout (E110)."""
    frame = pd.DataFrame({"Date": ["13/04/2024 10:00", "14/04/2024 11:00", "15/04/2024 12:00"],
                          "Review": [HEBREW[0] + "\nומאז שום דבר", GREEK[0] + "\n\nΞανά!",
                                     HEBREW[1]],
                          "User Name": ["דנה", "יוסי", "Νίκος"]})
    frame.to_csv(tmp_path / "reviews.txt", sep="\t", index=False, encoding="utf-16")
    posts, _ = read_inputs([str(tmp_path / "reviews.txt")], InputConfig(timezone="UTC"))
    assert posts["text"].tolist() == frame["Review"].tolist()
    assert posts["created_at"].dt.day.tolist() == [13, 14, 15]


def test_a_semicolon_csv_from_a_greek_excel_is_a_table(tmp_path: Path) -> None:
    """Review 9 (R9-2): Excel in a Greek locale saves "CSV" with semicolons (the comma is the
    decimal mark), in cp1253. Read with commas it was one column: the date, the respondent's
    full name and phone number were the post's text, in clear in every output."""
    path = tmp_path / "σχόλια.csv"
    path.write_bytes("Ημερομηνία;Ονοματεπώνυμο;Τηλέφωνο;Σχόλιο\r\n"
                     "05/10/2026 10:00;Μαρία Γεωργίου;6912345678;Η εφαρμογή κολλάει, στην πληρωμή\r\n"
                     "05/10/2026 10:05;Νίκος Παπαδόπουλος;6987654321;Δεν έρχεται το SMS με τον κωδικό\r\n"
                     .encode("cp1253"))
    posts, _ = read_inputs([str(path)], InputConfig(timezone="UTC"))
    assert posts["text"].tolist() == ["Η εφαρμογή κολλάει, στην πληρωμή",
                                      "Δεν έρχεται το SMS με τον κωδικό"]
    assert posts["author"].tolist() == ["Μαρία Γεωργίου", "Νίκος Παπαδόπουλος"]
    assert posts["created_at"].dt.minute.tolist() == [0, 5]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_header_below_an_exports_title_rows_is_found(tmp_path: Path, suffix: str) -> None:
    """ExportComments.com writes a title, the page's address and the date of export above the
    header: every author, time and like was lost, and the header "Comment" became a post."""
    rows = [["Exported with exportcomments.com", None, None, None, None],
            ["URL", "https://www.facebook.com/somepage/posts/123456", None, None, None],
            ["Date of export", "06/12/2026", None, None, None],
            [None, None, None, None, None],
            ["#", "Name", "Date", "Likes", "Comment"]]
    rows += [[n + 1, f"user{n}", f"2026-01-{n + 10} 09:01:14", n, text] for n, text in enumerate(HEBREW)]
    path = tmp_path / f"comments{suffix}"
    frame = pd.DataFrame(rows[1:], columns=rows[0])
    frame.to_excel(path, index=False) if suffix == ".xlsx" else frame.to_csv(path, index=False)
    posts, files = read_inputs([str(path)], InputConfig())
    assert posts["text"].tolist() == HEBREW
    assert posts["author"].tolist() == [f"user{n}" for n in range(4)]
    assert posts["created_at"].notna().all() and posts["reactions"].tolist() == [0, 1, 2, 3]
    assert files[0].notes["header_row"] == "row 5" and files[0].records == 4


def test_title_rows_without_padding_an_excel_hint_and_a_second_header_are_no_posts(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Review 11 (R11-18): title rows written without the padding commas, or Excel's `sep=,`
    line, made the whole file unreadable ("5 fields, the header has 1"); two exports joined with
    `cat` read the second header as a post; ExportComments.com's "Name (click to view profile)"
    was no author column."""
    body = pd.DataFrame({"Name (click to view profile)": [f"user{n}" for n in range(4)],
                         "Date": [f"2026-01-{n + 10} 09:01:14" for n in range(4)],
                         "Comment": HEBREW}).to_csv(index=False)
    titled = tmp_path / "titled" / "comments.csv"
    titled.parent.mkdir()
    titled.write_text("ExportComments.com\nhttps://www.facebook.com/page/posts/1\n"
                      "Export date: 2026-11-01\n\n" + body, encoding="utf-8")
    hinted = tmp_path / "hinted" / "comments.csv"
    hinted.parent.mkdir()
    hinted.write_text("sep=;\n" + body.replace(",", ";"), encoding="utf-8-sig")
    joined = tmp_path / "joined" / "comments.csv"
    joined.parent.mkdir()
    joined.write_text(body * 3, encoding="utf-8")
    for path, header_row in ((titled, "row 5"), (hinted, "row 2 (row 1 is Excel's sep= hint)")):
        posts, files = read_inputs([str(path)], InputConfig())
        assert posts["text"].tolist() == HEBREW and files[0].notes["header_row"] == header_row
        assert posts["author"].tolist() == [f"user{n}" for n in range(4)]
    posts, files = read_inputs([str(joined)], InputConfig())
    assert posts["text"].tolist() == HEBREW * 3 and files[0].records == 12
    assert files[0].notes["header_repeated"] == "records 5, 10 below the header repeat it: read as no posts"
    # review 12 (R12-17): parts saved as Excel's "CSV UTF-8", each behind a byte order mark
    joined.write_bytes(body.encode("utf-8-sig") * 2)
    posts, files = read_inputs([str(joined)], InputConfig())
    assert posts["text"].tolist() == HEBREW * 2 and "header_repeated" in files[0].notes


@pytest.mark.parametrize("header", ["Profile name", "Commenter name", "Display name", "Reviewer"])
def test_a_commenters_name_column_is_the_author(tmp_path: Path, header: str) -> None:
    """Review 11 (R11-8): "Profile name" and "Commenter name" were not read, and the report then
    said the input had no author names and 0 active members."""
    frame = pd.DataFrame({header: ["דנה לוי", "Νίκος Π"], "Date": ["2026-10-01", "2026-10-02"],
                          "Comment": HEBREW[:2]})
    posts, notes = _read(tmp_path, frame)
    assert posts["author"].notna().all() and "columns_not_read" not in notes


# A Google Forms survey with two open questions (review 8 R8-19): the problems and the wishes.
PROBLEM, WISH = "מה הכי מפריע לך באפליקציה?", "מה היית רוצה שנוסיף?"
SURVEY = pd.DataFrame({"חותמת זמן": ["1/10/2026 10:00:00", "1/10/2026 11:00:00", "2/10/2026 09:30:00"],
                       "שם מלא": ["יוסי כהן", "דנה לוי", "נועה ברק"],
                       PROBLEM: ["האפליקציה קורסת כשאני משלם", "המשלוחים מאחרים כל הזמן", ""],
                       WISH: ["רשימת קניות משותפת בבקשה", "", "הנחות לחברי מועדון בבקשה"],
                       "עד כמה אתה מרוצה (1-5)": ["2", "3", "4"]})


def test_a_survey_with_two_open_questions_gives_one_post_per_answer(tmp_path: Path) -> None:
    """Review 8 (R8-19): only one text column could be read, and the other question's answers
    (the requests) were dropped without a word."""
    posts, notes = _read(tmp_path, SURVEY, text_column=[PROBLEM, WISH])
    assert len(posts) == 2 * len(SURVEY) and posts["post_id"].is_unique
    assert posts["text"].tolist() == ["האפליקציה קורסת כשאני משלם", "רשימת קניות משותפת בבקשה",
                                      "המשלוחים מאחרים כל הזמן", "", "", "הנחות לחברי מועדון בבקשה"]
    assert posts["channel"].tolist() == [PROBLEM, WISH] * 3
    assert posts["author"].tolist() == ["יוסי כהן", "יוסי כהן", "דנה לוי", "דנה לוי", "נועה ברק",
                                        "נועה ברק"]
    assert posts["source_id"].tolist()[:2] == ["1", f"1:{WISH}"]
    assert posts["created_at"].iloc[0] == posts["created_at"].iloc[1]
    assert notes["answers_per_text_column"] == {PROBLEM: 2, WISH: 2}


def test_an_open_question_left_out_is_said(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    posts, notes = _read(tmp_path, SURVEY, text_column=PROBLEM)
    assert len(posts) == len(SURVEY) and WISH in notes["columns_not_read"]
    assert f"column {WISH!r} also holds free text and is not read" in caplog.text


def test_ids_and_links_are_no_free_text_left_unread(tmp_path: Path,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    """Review 9 (P9-3): on a google-play-scraper table the notice advised analyzing `reviewId`
    (ids) and flagged `userImage` (links), and never named `replyContent`, the developer's
    replies, which fill a few of its cells."""
    frame = pd.DataFrame({
        "reviewId": [f"3f656372-f9a1-4c1e-9d7e-{n:012d}" for n in range(4)],
        "userImage": [f"https://play-lh.googleusercontent.com/a-/AOh14Gj{n}xyzabcdef" for n in range(4)],
        "content": ["The app crashes at login since the update", "Works, but slow", "Love it",
                    "Cannot pay with my card anymore"],
        "replyContent": ["", "Thanks for the feedback, we are working on the speed", "", ""]})
    frame["answer"] = frame.pop("replyContent")  # under another name, no known reply column
    frame.to_csv(tmp_path / "reviews.csv", index=False)
    read_inputs([str(tmp_path / "reviews.csv")], InputConfig(text_column="content"))
    notice = next(line for line in caplog.text.splitlines() if "free text" in line)
    assert "column 'answer' also holds free text" in notice
    assert "reviewId" not in notice and "userImage" not in notice


def test_the_cli_takes_several_text_columns(tmp_path: Path) -> None:
    from mining.cli import main
    SURVEY.to_csv(tmp_path / "survey.csv", index=False)
    out = tmp_path / "posts.parquet"
    assert main(["ingest", str(tmp_path / "survey.csv"), "--out", str(out), "--keep-identities",
                 "--text-column", PROBLEM, "--text-column", WISH]) == 0
    assert pd.read_parquet(out)["channel"].tolist() == [PROBLEM, WISH] * 3


PLAY_REVIEWS = pd.DataFrame({
    "reviewId": ["3f656372-f9d5-4b15-980a-5ea745246e9f", "650db363-3bcc-4fe7-b6a2-68d32ebe10cc",
                 "5dd77d27-0bbc-41c0-94f9-ad6dfb2fd21c"],
    "userName": ["Daniel Johnson", "Sarah Smith", "Emily Brown"],
    "userImage": ["https://play-lh.googleusercontent.com/a/x"] * 3,
    "content": ["Can't log in since the update, it keeps asking for the code",
                "Loved it before, now the player skips songs at random",
                "How do I download my videos to the phone?"],
    "score": [1, 3, 2], "thumbsUpCount": [4, 0, 1], "reviewCreatedVersion": ["4.7.0"] * 3,
    "at": ["2026-09-01 12:15:00", "2026-09-01 14:36:00", "2026-09-02 09:00:00"],
    "replyContent": ["Hi Daniel, sorry for the trouble! Please contact us so we can help.", "",
                     "Hi Emily, tap the three dots and choose Save."],
    "repliedAt": ["2026-09-01 17:15:00", "", "2026-09-03 09:00:00"],
    "appVersion": ["4.7.0"] * 3})


def test_play_store_developer_replies_are_the_brands_answers(tmp_path: Path) -> None:
    """Review 9 (R9-4): google-play-scraper's `replyContent`/`repliedAt` were left unread, so the
    brand's response rate and time were "not computed" and every recurring question "answered:
    not known", though a sixth of the reviews had the developer's answer."""
    from mining.challenges.threads import brand_authors, link_replies
    posts, notes = _read(tmp_path, PLAY_REVIEWS, timezone="UTC")
    assert posts["text"].tolist() == [PLAY_REVIEWS["content"][0], PLAY_REVIEWS["replyContent"][0],
                                      PLAY_REVIEWS["content"][1], PLAY_REVIEWS["content"][2],
                                      PLAY_REVIEWS["replyContent"][2]]
    replies = posts[posts["author_is_brand"].fillna(False).astype(bool)]
    assert replies["parent_id"].tolist() == [PLAY_REVIEWS["reviewId"][0], PLAY_REVIEWS["reviewId"][2]]
    assert replies["created_at"].dt.hour.tolist() == [17, 9]
    assert {"replyContent", "repliedAt"}.isdisjoint(notes["columns_not_read"])
    links = link_replies(posts, brand_authors(posts))
    reviews = ~posts["author_is_brand"].fillna(False).astype(bool).to_numpy()
    assert links["answered_by_brand"][reviews].tolist() == [True, False, True]
    assert links["first_response_hours"][reviews].round(1).tolist()[::2] == [5.0, 24.0]


def test_the_cli_keeps_the_developer_as_a_brand_account(tmp_path: Path) -> None:
    from mining.cli import main
    PLAY_REVIEWS.to_csv(tmp_path / "reviews.csv", index=False)
    out = tmp_path / "posts.parquet"
    assert main(["ingest", str(tmp_path / "reviews.csv"), "--out", str(out), "--quiet"]) == 0
    written = pd.read_parquet(out)
    brand = written[written["author_is_brand"].fillna(False).astype(bool)]
    assert brand["author"].tolist() == ["developer"] * 2
    assert brand["skip_reason"].tolist() == ["brand"] * 2
    assert not written["author"].isin(PLAY_REVIEWS["userName"]).any()


def test_a_csv_without_a_header_row_is_read_whole_and_its_cells_are_not_printed(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Review 9 (R9-8): a file written without a header row (a database dump, a scraper's
    `header=False`) lost its first record as the header, and its cells (a reviewer's full name,
    the developer's reply) were printed on the terminal and in run.log and the manifest."""
    path = tmp_path / "reviews.csv"
    frame = PLAY_REVIEWS.copy()
    frame.loc[2, ["replyContent", "repliedAt"]] = ""  # a few answers: the reviews are the text
    frame.to_csv(path, index=False, header=False)
    posts, files = read_inputs([str(path)], InputConfig(timezone="UTC"))
    assert posts["text"].tolist()[:3] == PLAY_REVIEWS["content"].tolist()
    assert posts["created_at"].dt.day.tolist()[:3] == [1, 1, 2]  # the dates' column, by its cells
    notes = json.dumps(files[0].notes, ensure_ascii=False)
    for cell in ("Daniel Johnson", "Hi Daniel", "3f656372", "play-lh"):
        assert cell not in caplog.text and cell not in notes
    assert "the first row holds data (a date, a link, a number, an id), not column names" in caplog.text
    assert {"1", "2", "3"} <= set(files[0].notes["columns_not_read"])  # by position


@pytest.mark.parametrize("header", [
    ["date", "name", "comment"], ["Χρονική σήμανση", "Όνομα", "Τι θα βελτιώνατε στην εφαρμογή;"],
    ["2024", "2025", "comment"],  # one number over numbers is no proof: a year's columns
])
def test_a_header_of_names_stays_the_header(tmp_path: Path, header: list[str]) -> None:
    frame = pd.DataFrame({header[0]: ["2024", "2025"], header[1]: ["1", "2"], header[2]: GREEK[:2]})
    frame[header[0]] = ["05/10/2026 10:00", "05/10/2026 11:00"] if header[0] != "2024" else ["3", "4"]
    posts, notes = _read(tmp_path, frame, timezone="UTC")
    assert posts["text"].tolist() == GREEK[:2] and "header" not in notes


def test_of_two_columns_of_one_name_the_one_holding_text_is_read(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Review 9 (R9-9): a sheet with two columns named `content` (ids, then reviews) was read by
    the first: every post an id."""
    path = tmp_path / "reviews.csv"
    frame = PLAY_REVIEWS[["reviewId", "userName", "content", "at"]]
    path.write_text(frame.to_csv(index=False).replace("reviewId", "content", 1), encoding="utf-8")
    posts, _ = read_inputs([str(path)], InputConfig(timezone="UTC"))
    assert posts["text"].tolist() == PLAY_REVIEWS["content"].tolist()
    assert "2 columns are named 'content': read the second ('content.1')" in caplog.text
    frame = pd.DataFrame({"content": HEBREW[:2], "author": ["a", "b"], "content ": HEBREW[2:]})
    path.write_text(frame.to_csv(index=False).replace("content ", "content"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_inputs([str(path)], InputConfig(timezone="UTC"))
    assert caught.value.code == "E112" and "'content', 'content.1'" in str(caught.value)


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_app_store_developer_responses_are_the_brands_answers(tmp_path: Path, suffix: str) -> None:
    """app-store-scraper (Python) writes a review's answer as one object, ``developerResponse``
    {id, body, modified}; pandas writes it to a CSV as Python's text of the object."""
    answer = {"id": 6042826, "body": "Thanks, Dana! A fix is in version 3.3.",
              "modified": datetime(2026, 8, 2, 9, 30)}
    frame = pd.DataFrame({"date": [datetime(2026, 8, 1, 2, 13), datetime(2026, 8, 1, 4, 26)],
                          "review": ["The app crashes at login since the update", "Works, but slow"],
                          "rating": [1, 4], "isEdited": [False, False], "userName": ["Dana L", "u1"],
                          "title": ["Crash", "Slow"], "developerResponse": [answer, None]})
    path = tmp_path / f"reviews{suffix}"
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    else:
        frame.to_json(path, orient="records", date_format="iso")
    posts, _ = read_inputs([str(path)], InputConfig(timezone="UTC"))
    assert posts["text"].tolist() == [frame["review"][0], answer["body"], frame["review"][1]]
    assert posts["author_is_brand"].fillna(False).tolist() == [False, True, False]
    assert posts["created_at"][1] == pd.Timestamp("2026-08-02 09:30", tz="UTC")
    assert posts["parent_id"][1] == posts["source_id"][0]


def test_a_helpdesk_export_of_html_bodies_is_read_as_text(tmp_path: Path) -> None:
    """Review 12 (R12-25): a ticket export's HTML bodies kept their tags, and the clustering
    found the two e-mail templates ("<p>...</p><p>Sent from my iPhone</p>", "<div>...<br>--<br>
    Regards</div>") instead of the problems."""
    bodies = ["<p>My card was charged twice &amp; nobody answers</p><p>&nbsp;</p>"
              "<p>Sent from my iPhone</p>",
              '<div dir="ltr">The app logs me out<br><br>--<br>Regards</div>', "I <3 the app"]
    frame = pd.DataFrame({"Ticket ID": [1, 2, 3], "Requester": ["a", "b", "c"],
                          "Description": bodies})
    posts, notes = _read(tmp_path, frame)
    assert posts["text"].tolist()[:2] == [
        "My card was charged twice & nobody answers\n\nSent from my iPhone",
        "The app logs me out\n\n--\nRegards"]
    assert posts["text"].iloc[2] == "I <3 the app"  # no tag: as written
    assert notes["text_as_html"] == "column 'Description' holds HTML: read as plain text"
