"""Workbooks with several sheets, and plain text with one post per line."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest import read_inputs

FEEDBACK = pd.DataFrame({
    "date": ["2026-06-01 10:00", "2026-06-02 11:30"],
    "message": ["המשלוח הגיע באיחור של שעתיים", "האפליקציה קורסת כשאני פותח את המצלמה"],
})
GREEK_FEEDBACK = pd.DataFrame({
    "date": ["2026-06-03 12:45"],
    "message": ["Η παραγγελία ήρθε χωρίς το γάλα"],
})
SUMMARY = pd.DataFrame({"month": ["June"], "count": [3]})


def _workbook(path: Path, sheets: dict[str, pd.DataFrame]) -> Path:
    with pd.ExcelWriter(path) as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    return path


def test_every_sheet_is_read_as_its_own_channel(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "feedback.xlsx", {"ישראל": FEEDBACK, "Ελλάδα": GREEK_FEEDBACK,
                                                  "Summary": SUMMARY, "Empty": SUMMARY.iloc[:0]})
    posts, files = read_inputs([str(path)], InputConfig(timezone="UTC"))
    assert posts["text"].tolist() == FEEDBACK["message"].tolist() + GREEK_FEEDBACK["message"].tolist()
    assert posts["channel"].tolist() == ["ישראל", "ישראל", "Ελλάδα"]
    assert posts["source_id"].tolist() == ["ישראל:1", "ישראל:2", "Ελλάδα:1"]
    assert posts["post_id"].is_unique
    notes = files[0].notes
    assert notes["sheets_read"] == ["ישראל", "Ελλάδα"]
    assert set(notes["sheets_skipped"]) == {"Summary", "Empty"}
    assert notes["sheets_skipped"]["Summary"].endswith("[E104]")
    assert notes["sheets_skipped"]["Empty"].endswith("[E109]")


def test_a_channel_column_wins_over_the_sheet_name(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "f.xlsx", {"a": FEEDBACK.assign(group="תמיכה"),
                                           "b": GREEK_FEEDBACK.assign(group="Υποστήριξη")})
    posts, _ = read_inputs([str(path)], InputConfig(timezone="UTC"))
    assert posts["channel"].tolist() == ["תמיכה", "תמיכה", "Υποστήριξη"]


def test_a_single_sheet_reads_as_before(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "f.xlsx", {"Sheet1": FEEDBACK})
    posts, files = read_inputs([str(path)], InputConfig(timezone="UTC"))
    assert posts["source_id"].tolist() == ["1", "2"] and posts["channel"].isna().all()
    assert "sheets_skipped" not in files[0].notes


def test_a_workbook_without_a_readable_sheet_is_an_error(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "f.xlsx", {"a": SUMMARY, "b": SUMMARY})
    with pytest.raises(InputError) as caught:
        read_inputs([str(path)], InputConfig())
    assert caught.value.code == "E104" and "sheet 'a'" in str(caught.value)


POSTS_TXT = ("האפליקציה קורסת כשאני פותח את המצלמה\n"
             "\n"
             "Η παραγγελία ήρθε χωρίς το γάλα\n"
             "   \n"
             "Still no refund after two weeks\n")


def test_plain_text_is_one_post_per_line(tmp_path: Path) -> None:
    path = tmp_path / "posts.txt"
    path.write_text(POSTS_TXT, encoding="utf-8")
    posts, files = read_inputs([str(tmp_path)], InputConfig())
    assert files[0].reader == "table" and files[0].records == 3
    assert posts["text"].tolist() == [line for line in POSTS_TXT.splitlines() if line.strip()]
    assert posts["source_id"].tolist() == ["1", "3", "5"]  # the line numbers
    assert posts["source"].eq("txt").all() and posts["kind"].eq("post").all()


def test_plain_text_in_a_code_page(tmp_path: Path) -> None:
    path = tmp_path / "posts.txt"
    lines = ["האפליקציה קורסת כשאני פותח את המצלמה", "עדיין לא קיבלתי החזר כספי"]
    path.write_bytes("\r\n".join(lines).encode("cp1255"))
    posts, files = read_inputs([str(path)], InputConfig())
    assert posts["text"].tolist() == lines
    assert files[0].notes["encoding"].startswith("cp1255")


def test_text_that_looks_like_an_unknown_chat_layout_is_refused(tmp_path: Path) -> None:
    # Dates and times at every line start, in a layout the WhatsApp reader does not know.
    path = tmp_path / "chat.txt"
    path.write_text("2024-03-12 @ 14:05 | דני | שלום\n2024-03-12 @ 14:06 | רחל | מה נשמע\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_inputs([str(path)], InputConfig())
    assert caught.value.code == "E110" and "line 1" in str(caught.value)


def test_an_empty_text_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "posts.txt"
    path.write_text("\n  \n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_inputs([str(path)], InputConfig())
    assert caught.value.code in ("E102", "E109")


def test_replies_point_at_the_column_their_ids_are_in(tmp_path: Path) -> None:
    """A support-desk export (the columns of Twitter's customer-support corpus) names no id
    column: the replies' ``in_response_to_tweet_id`` pointed at row numbers, and every reply link
    was lost without a word (found by a review). The ids are the column the replies point into."""
    pd.DataFrame({
        "tweet_id": [9001, 9002, 9003, 9004],
        "author_id": ["115712", "AcmeSupport", "115712", "AcmeSupport"],
        "text": ["@AcmeSupport my refund never arrived", "@115712 Sorry! Please DM us the order",
                 "@AcmeSupport done, order 5521", "@115712 Thanks, the refund is on its way"],
        "in_response_to_tweet_id": pd.array([None, 9001, 9002, 9003], dtype="Int64"),
    }).to_csv(tmp_path / "support.csv", index=False)
    posts, _ = read_inputs([str(tmp_path / "support.csv")], InputConfig())
    assert posts["source_id"].tolist() == ["9001", "9002", "9003", "9004"]
    assert posts["parent_id"].dropna().isin(set(posts["source_id"])).all()
    # a table whose reply column points nowhere keeps its row numbers
    pd.DataFrame({"text": ["a question", "an answer"], "reply_to": [None, "x77"],
                  "code": ["x1", "x2"]}).to_csv(tmp_path / "other.csv", index=False)
    posts, _ = read_inputs([str(tmp_path / "other.csv")], InputConfig())
    assert posts["source_id"].tolist() == ["1", "2"]


@pytest.mark.parametrize("column, brand_value", [("inbound", "False"), ("is_brand", "true")])
def test_a_brand_column_sets_the_brands_posts_aside_without_brand_accounts(
        tmp_path: Path, column: str, brand_value: str) -> None:
    """Twitter's customer-support corpus marks the company's tweets ``inbound`` false. Without
    ``brand.accounts`` set, its replies ("Please DM us") were clustered as the community's
    voice (a review). The column marks them: set aside as ``brand``, kept by name."""
    from mining.config import Config
    from mining.pipeline import prepare_posts
    from mining.privacy import protect_identities

    member = "False" if brand_value == "true" else "True"
    pd.DataFrame({
        "tweet_id": [9001, 9002, 9003],
        "author_id": ["115712", "AcmeSupport", "115713"],
        "text": ["@AcmeSupport my refund never arrived", "@115712 Sorry! Please DM us the order",
                 "@AcmeSupport the app logs me out every hour"],
        column: [member, brand_value, member],
    }).to_csv(tmp_path / "support.csv", index=False)
    posts, _ = read_inputs([str(tmp_path / "support.csv")], InputConfig())
    config = Config()
    protected, _ = protect_identities(posts, config.privacy, config.brand)
    assert protected["author_is_brand"].tolist() == [False, True, False]
    assert protected["author"].tolist()[1] == "AcmeSupport"
    assert protected["author"].tolist()[0].startswith("member-")
    prepared = prepare_posts(protected, config)
    assert prepared["skip_reason"].tolist()[1] == "brand"
