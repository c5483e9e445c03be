"""Discourse JSON: topics, posts lists and single posts; cooked HTML as plain text."""
import json
from pathlib import Path

import pandas as pd
import pytest

from mining.config import InputConfig
from mining.errors import InputError
from mining.ingest import read_inputs
from mining.ingest.discourse import html_to_text

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "discourse"


def _posts_in(doc: dict) -> list[dict]:
    if "post_stream" in doc:
        return doc["post_stream"]["posts"]
    return doc.get("latest_posts", [doc])


@pytest.mark.parametrize("name", ["topic", "topic_posts", "posts_latest", "post"])
def test_fixture_files_give_one_row_per_post(name):
    path = FIXTURES / f"discourse_api__{name}.json"
    if not path.is_file():
        pytest.skip(f"{path} is absent: the shared fixtures are not on this machine")
    expected = _posts_in(json.loads(path.read_text(encoding="utf-8")))
    posts, files = read_inputs([str(path)], InputConfig())
    assert files[0].reader == "discourse" and len(posts) == len(expected) > 0
    assert posts["source_id"].tolist() == [f"{p['topic_id']}/{p['post_number']}" for p in expected]
    assert posts["author"].tolist() == [p["username"] for p in expected]
    times = [pd.Timestamp(p["created_at"]).tz_convert("UTC") for p in expected]
    assert posts["created_at"].tolist() == times
    assert posts["post_id"].is_unique


def test_fixture_topic_replies_likes_edits_and_system_posts():
    path = FIXTURES / "discourse_api__topic.json"
    if not path.is_file():
        pytest.skip(f"{path} is absent: the shared fixtures are not on this machine")
    posts, _ = read_inputs([str(path)], InputConfig())
    rows = posts.set_index("source_id")
    assert rows.loc["57/14", "parent_id"] == "57/1" and pd.isna(rows.loc["57/1", "parent_id"])
    assert rows["kind"].tolist() == ["post", "system", "comment", "comment"]  # 57/2: "now pinned"
    assert rows["reactions"].tolist() == [0, 0, 5, 5]
    assert rows["edited"].tolist() == [True, False, False, False]  # version 5
    assert rows.loc["57/14", "text"] == "What? So I have to post this every day?"
    assert rows.loc["57/1", "text"].startswith("Welcome!\n\nTry is a sandbox")
    assert "<" not in "".join(rows["text"])
    assert set(rows["thread_id"]) == {"57"} and set(rows["channel"]) == {"13"}
    assert rows.loc["57/14", "url"] == "/t/this-site-is-a-sandbox-it-is-reset-every-day/57/14"


@pytest.mark.parametrize("cooked, text", [
    ("<p>האפליקציה קורסת &amp; לא נטענת</p>\n<p>מאז העדכון</p>",
     "האפליקציה קורסת & לא נטענת\n\nמאז העדכון"),
    ("<p>Η πληρωμή <strong>απέτυχε</strong><br>ξανά</p>", "Η πληρωμή απέτυχε\nξανά"),
    ('<aside class="quote" data-post="1"><div class="title">noa:</div><blockquote><p>old words</p>'
     "</blockquote></aside>\n<p>same here</p>", "same here"),
    ('<p>love it <img src="/e.png" class="emoji" alt=":heart:"></p>', "love it :heart:"),
    ('<div class="lightbox-wrapper"><a class="lightbox" href="/u.png"><img src="/u.png">'
     '<div class="meta"><span class="filename">image</span><span>800×600 50 KB</span></div></a></div>'
     "<p>see the screenshot</p>", "see the screenshot"),
    ("<ul><li>one</li><li>two</li></ul>", "one\ntwo"),
    ("<pre><code>line 1\n  line 2</code></pre>", "line 1\nline 2"),
])
def test_html_to_text(cooked, text):
    assert html_to_text(cooked) == text


def test_deleted_posts_and_times_without_a_zone(tmp_path):
    topic = {"id": 9, "title": "t", "slug": "t", "category_id": 4, "post_stream": {"posts": [
        {"id": 1, "post_number": 1, "topic_id": 9, "username": "noa", "cooked": "<p>שלום</p>",
         "created_at": "2024-06-01T13:00:00", "version": 1, "deleted_at": None, "post_type": 1},
        {"id": 2, "post_number": 2, "topic_id": 9, "username": "nikos",
         "cooked": "<p>(post deleted by author)</p>", "created_at": "2024-06-01T14:00:00.000Z",
         "version": 2, "user_deleted": True, "post_type": 1, "reply_to_post_number": 1,
         "actions_summary": [{"id": 2, "count": 3}]},
        {"id": 3, "post_number": 3, "topic_id": 9, "username": "system", "cooked": "",
         "created_at": "2024-06-01T15:00:00Z", "deleted_at": "2024-06-02T00:00:00Z", "post_type": 3},
    ]}}
    path = tmp_path / "9.json"
    path.write_text(json.dumps(topic, ensure_ascii=False), encoding="utf-8")
    posts, _ = read_inputs([str(path)], InputConfig(timezone="Asia/Jerusalem"))
    assert posts["deleted"].tolist() == [False, True, True]
    assert posts["kind"].tolist() == ["post", "comment", "system"]
    assert posts["parent_id"].fillna("").tolist() == ["", "9/1", ""]
    assert posts["reactions"].tolist() == [0, 3, 0]
    # 13:00 in Jerusalem in June is 10:00 UTC; times with a zone keep it
    hours = [pd.Timestamp(f"2024-06-01 {h}:00", tz="UTC") for h in (10, 14, 15)]
    assert posts["created_at"].tolist() == hours


@pytest.mark.parametrize("content, match", [
    ('{"post_stream": {"posts": [{"post_number": 1, "topic_id": 9, "cooked": "x"},'
     ' {"topic_id": 9, "cooked": "y"}]}}',
     r"post_stream\.posts\[1\] has no topic_id or post_number \[E111\]"),
    ('{"post_stream": {"posts": [{"post_number": 1, "topic_id": 9, "cooked": "x",\n'
     ' "created_at": "soon"}]}}',
     r"post_stream\.posts\[0\]\.created_at is not a time.*\[E111\]"),
])
def test_malformed_topic_names_the_file_and_json_path(tmp_path, content, match):
    path = tmp_path / "9.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=r"9\.json: .*" + match):
        read_inputs([str(path)], InputConfig())


def test_other_json_objects_are_not_taken_for_discourse(tmp_path):
    path = tmp_path / "rows.json"
    path.write_text(json.dumps([{"post_number": 1, "text": "the courier was late"}]), encoding="utf-8")
    _, files = read_inputs([str(path)], InputConfig())
    assert files[0].reader == "table"
