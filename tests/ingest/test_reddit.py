"""Reddit: API thread JSON with nested replies, and Pushshift / Arctic Shift NDJSON dumps."""
import json
from pathlib import Path

import pandas as pd
import pytest
import zstandard

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest import read_inputs
from mining.ingest.reddit import REDDIT
from mining.ingest.registry import Source

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"
THREAD = FIXTURES / "reddit" / "praw__TestSubmission.test_comments__thread_2gmzqe.json"


def _things(listing) -> list[dict]:
    """Every child of a listing and of its nested replies, counted independently of the reader."""
    found = []
    for child in listing["data"]["children"]:
        found.append(child)
        if isinstance(child["data"].get("replies"), dict):
            found += _things(child["data"]["replies"])
    return found


def test_fixture_thread_gives_one_row_per_submission_and_comment():
    if not THREAD.is_file():
        pytest.skip(f"{THREAD} is absent: the shared fixtures are not on this machine")
    listings = json.loads(THREAD.read_text(encoding="utf-8"))
    things = [t for listing in listings for t in _things(listing)]
    posts, files = read_inputs([str(THREAD)], InputConfig())
    assert files[0].reader == "reddit" and len(posts) == len(things) == 3
    assert posts["source_id"].tolist() == [t["data"]["name"] for t in things]
    assert posts["kind"].tolist() == ["post", "comment", "comment"]
    rows = posts.set_index("source_id")
    assert rows.loc["t1_cklfmye", "parent_id"] == "t3_2gmzqe"
    assert rows.loc["t1_cklhv0f", "parent_id"] == "t1_cklfmye"
    assert set(posts["thread_id"]) == {"t3_2gmzqe"} and set(posts["channel"]) == {"redditdev"}
    assert rows.loc["t3_2gmzqe", "text"].startswith("[PRAW] HTTPS enabled PRAW testing needed\n\nPRAW")
    assert rows.loc["t3_2gmzqe", "reactions"] == 11 and rows.loc["t3_2gmzqe", "reply_count"] == 2
    assert rows.loc["t1_cklfmye", "reply_count"] == 1
    assert rows.loc["t3_2gmzqe", "created_at"] == pd.Timestamp(1410935671, unit="s", tz="UTC")
    url = "https://www.reddit.com/r/redditdev/comments/2gmzqe/"
    assert rows.loc["t3_2gmzqe", "url"].startswith(url)


DUMP = [
    {"id": "1abcde", "name": "t3_1abcde", "title": "Η εφαρμογή κολλάει",
     "selftext": "Από χθες δεν ανοίγει.", "subreddit": "greece", "author": "nikos",
     "created_utc": 1717236000, "score": 42, "num_comments": 3, "edited": False, "permalink": "/r/greece/comments/1abcde/x/"},
    {"id": "k1", "body": "גם אצלי הקופה נתקעת", "author": "noa", "created_utc": "1717236100",
     "link_id": "t3_1abcde", "parent_id": "t3_1abcde", "subreddit": "greece", "score": 5,
     "edited": 1717239000.0, "permalink": "/r/greece/comments/1abcde/x/k1/"},
    {"id": "k2", "body": "[deleted]", "author": "[deleted]", "created_utc": 1717236200,
     "link_id": "t3_1abcde", "parent_id": "t1_k1", "subreddit": "greece", "score": 1, "edited": False},
    {"id": "k3", "body": "[removed]", "author": "dan", "created_utc": 1717236300,
     "link_id": "t3_1abcde", "parent_id": "t1_k1", "subreddit": "greece", "score": 0, "edited": False,
     "_meta": {"removal_type": "removed"}},
]


def _write_dump(path: Path, records: list[dict]) -> Path:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    if path.suffix == ".zst":
        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", ["RC_2024-06.zst", "RC_2024-06.ndjson", "RC_2024-06"])
def test_dump_ndjson_plain_or_zstd(tmp_path, name):
    path = _write_dump(tmp_path / name, DUMP)
    posts, files = read_inputs([str(path)], InputConfig())
    assert files[0].reader == "reddit" and len(posts) == len(DUMP)
    rows = posts.set_index("source_id")
    assert rows.index.tolist() == ["t3_1abcde", "t1_k1", "t1_k2", "t1_k3"]
    assert rows.loc["t3_1abcde", "text"] == "Η εφαρμογή κολλάει\n\nΑπό χθες δεν ανοίγει."
    assert rows.loc["t1_k1", "text"] == "גם אצלי הקופה נתקעת"
    assert rows["parent_id"].fillna("").tolist() == ["", "t3_1abcde", "t1_k1", "t1_k1"]
    assert set(rows["thread_id"]) == {"t3_1abcde"} and set(rows["channel"]) == {"greece"}
    assert rows["deleted"].tolist() == [False, False, True, True]
    assert rows["edited"].tolist() == [False, True, False, False]
    assert rows["reactions"].tolist() == [42, 5, 1, 0]
    assert pd.isna(rows.loc["t1_k2", "author"])
    assert rows.loc["t1_k1", "created_at"] == pd.Timestamp("2024-06-01 10:01:40", tz="UTC")
    assert rows.loc["t1_k1", "url"] == "https://www.reddit.com/r/greece/comments/1abcde/x/k1/"


def test_dump_streams_in_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr("mining.ingest.reddit.CHUNK_RECORDS", 3)
    many = [dict(DUMP[1], id=f"c{n}") for n in range(7)]
    path = _write_dump(tmp_path / "RC_2024-06.zst", many)
    frames = list(REDDIT.read(Source(path, path.name), InputConfig()))
    assert [len(f) for f in frames] == [3, 3, 1]


def test_a_single_listing_with_more_stubs(tmp_path):
    continue_thread = {"kind": "more", "data": {"count": 4, "name": "t1__", "id": "_",
                                                "parent_id": "t1_a1", "children": []}}
    comment = {"id": "a1", "name": "t1_a1", "body": "first", "author": "x", "created_utc": 1,
               "link_id": "t3_p", "parent_id": "t3_p", "subreddit": "s", "score": 2,
               "edited": False, "replies": {"kind": "Listing",
                                            "data": {"children": [continue_thread]}}}
    listing = {"kind": "Listing", "data": {"children": [
        {"kind": "t1", "data": comment},
        {"kind": "more", "data": {"count": 12, "name": "t1_b2", "id": "b2", "parent_id": "t3_p",
                                  "children": ["b2", "b3"]}},
    ]}}
    path = tmp_path / "comments.json"
    path.write_text(json.dumps(listing), encoding="utf-8")
    assert REDDIT.sniff(Source(path, path.name), path.read_bytes())
    posts, _ = read_inputs([str(path)], InputConfig())
    assert posts["kind"].tolist() == ["comment", "system", "system"]
    assert posts["reply_count"].tolist() == [0, 4, 12]  # a stub is not a loaded reply
    assert posts["parent_id"].tolist() == ["t3_p", "t1_a1", "t3_p"]
    assert posts["source_id"].is_unique


def test_malformed_dump_line_is_named(tmp_path):
    path = tmp_path / "RS_2024-06.ndjson"
    path.write_text(json.dumps(DUMP[0]) + "\n" + '{"id": "x", "title": \n', encoding="utf-8")
    with pytest.raises(InputError, match=r"RS_2024-06\.ndjson: line 2: cannot parse.*\[E110\]"):
        read_inputs([str(path)], InputConfig())


def test_other_json_lines_are_left_to_the_table_reader(tmp_path):
    path = tmp_path / "notes.jsonl"
    path.write_text('{"id": 1, "body": "the courier was late", "created_utc": 1}\n', encoding="utf-8")
    _, files = read_inputs([str(path)], InputConfig())
    assert files[0].reader == "table"


def test_a_single_post_listing_is_reddit_not_telegram(tmp_path):
    """A bare listing like /r/sub/new.json carries "from_id" too; Telegram must not claim it."""
    if not THREAD.is_file():
        pytest.skip(f"{THREAD} is absent: the shared fixtures are not on this machine")
    listing = json.loads(THREAD.read_text(encoding="utf-8"))[0]
    path = tmp_path / "new.json"
    path.write_text(json.dumps(listing), encoding="utf-8")
    posts, files = read_inputs([str(path)], InputConfig())
    assert files[0].reader == "reddit" and len(posts) == len(listing["data"]["children"])


def test_user_mentions_entities_quotes_and_automoderator(tmp_path):
    """Review 8 (R8-7, R8-8): Reddit's ``u/name`` mention kept a member's user name in clear (and
    made it a keyword); bodies kept Reddit's HTML entities (``&gt;``), a quoted line read as the
    commenter's own words, and AutoModerator's removal notices were a member's posts."""
    from mining.config import Config
    from mining.pipeline import read_posts

    base = {"created_utc": 1790000000, "subreddit": "greece", "link_id": "t3_x",
            "parent_id": "t3_x", "score": 1}
    bodies = [("nikos_pap", "the Nova internet drops every night"),
              ("mariaki", "u/nikos_pap you said it before"),
              ("mariaki", "&gt; the Nova internet drops\n\n/u/eleni_k is right &amp; so am I"),
              ("AutoModerator", "Your post was removed. *I am a bot.*")]
    _write_dump(tmp_path / "RC_2026-09", [{**base, "id": f"c{n}", "author": a, "body": b}
                                          for n, (a, b) in enumerate(bodies)])
    posts = read_posts([str(tmp_path / "RC_2026-09")], Config())
    assert not posts["text"].str.contains("nikos|eleni").any()
    texts = posts["text_norm"].tolist()
    assert texts[1].startswith("u/member-") and texts[2].startswith("/u/member-")
    assert texts[2].endswith(" is right & so am I")
    assert posts["kind"].tolist()[3] == "system" and not posts["analyzed"].tolist()[3]
