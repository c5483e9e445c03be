import numpy as np
import pandas as pd

from mining.challenges.threads import brand_authors, find_parents, link_replies


def frame(rows):
    data = pd.DataFrame(rows, columns=["source_file", "source_id", "parent_id", "thread_id",
                                       "author", "created_at"])
    data["created_at"] = pd.to_datetime(data["created_at"], utc=True)
    data["post_id"] = data["source_file"] + ":" + data["source_id"]
    for column in ("source_file", "source_id", "parent_id", "thread_id", "author", "post_id"):
        data[column] = data[column].astype("string")
    return data


POSTS = frame([
    ("tg.json", "1", None, None, "דנה", "2026-08-03 10:00"),
    ("tg.json", "2", "1", None, "Basketo Ελλάδα", "2026-08-03 12:00"),
    ("tg.json", "3", "1", None, "Nikos", "2026-08-03 11:00"),
    ("tg.json", "4", "1", None, "דנה", "2026-08-03 11:30"),  # the author's own follow-up
    ("tg.json", "5", None, None, "Nikos", "2026-08-04 09:00"),
    ("chat.txt", "1", None, None, "Maya", "2026-08-04 09:00"),  # WhatsApp: no reply links
])


def test_parents_are_found_within_the_same_file():
    assert find_parents(POSTS).tolist() == [-1, 0, 0, 0, -1, -1]


def test_replies_answered_and_first_response():
    links = link_replies(POSTS, brand_authors(POSTS, ["basketo ελλάδα"]))
    first = links.iloc[0]
    assert first["n_replies"] == 2  # the author's follow-up does not count
    assert bool(first["answered_by_brand"]) and bool(first["answered_by_member"])
    assert first["first_response_hours"] == 1.0
    assert links["answered"][4] is not pd.NA and not links["answered"][4]
    assert links["answered"][5] is pd.NA  # a source without reply structure: unknown, not "no"
    assert links["is_brand"].tolist() == [False, True, False, False, False, False]


def test_thread_without_parent_links_replies_to_its_first_post():
    posts = frame([("forum.json", "a", None, "t1", "x", "2026-01-01"),
                   ("forum.json", "b", None, "t1", "y", "2026-01-02"),
                   ("forum.json", "c", None, "t2", "z", "2026-01-01")])
    assert find_parents(posts).tolist() == [-1, 0, -1]


def test_reply_count_says_answered_but_not_by_whom():
    posts = frame([("yt.json", "1", None, None, "x", "2026-01-01")])
    posts["reply_count"] = pd.array([3], dtype="Int64")
    links = link_replies(posts, set())
    assert bool(links["answered"][0]) and links["answered_by_brand"][0] is pd.NA


def test_brand_from_the_author_is_brand_column():
    posts = POSTS.assign(author_is_brand=pd.array([False, True, None, None, None, None], dtype="boolean"))
    assert brand_authors(posts) == {"Basketo Ελλάδα"}
    assert brand_authors(POSTS) == set()
    assert np.all(link_replies(POSTS, set())["is_brand"] == False)  # noqa: E712
