import numpy as np
import pandas as pd

from mining.tracking import match_ids


def _unit(*rows):
    matrix = np.array(rows, dtype=float)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def test_same_clusters_in_another_order_keep_their_ids():
    prev = _unit([1, 0, 0], [0, 1, 0], [0, 0, 1])
    ids, changes = match_ids(np.array([4, 7, 9]), prev, prev[[2, 0, 1]], threshold=0.8)
    assert ids.tolist() == [9, 4, 7]
    assert changes.new == [] and changes.vanished == [] and changes.merged == {}


def test_new_vanished_and_merged():
    prev = _unit([1, 0, 0, 0], [0.9, 0.2, 0, 0], [0, 0, 1, 0])
    now = _unit([1, 0.1, 0, 0], [0, 0, 0, 1])  # 0 and 1 merged; 2 gone; a new one
    ids, changes = match_ids(np.array([0, 1, 2]), prev, now, threshold=0.8)
    assert ids[1] == 3  # new ids continue after the largest previous one
    assert changes.new == [3] and changes.vanished == [2]
    assert changes.merged == {int(ids[0]): [1 - int(ids[0])]}
    assert changes.status(int(ids[0])).startswith("continuing, absorbed")


def test_first_run_numbers_from_zero():
    ids, changes = match_ids(np.array([], int), np.zeros((0, 3)), _unit([1, 0, 0], [0, 1, 0]), 0.8)
    assert ids.tolist() == [0, 1] and changes.new == [0, 1]


def test_an_id_is_never_given_twice():
    """Run 1 gives 0-2; in run 2 challenge 2 vanishes; run 3 finds a new challenge: it must not
    be 2, or a curation decision about C-0002 would fall on it."""
    from mining.tracking import stable_ids, state

    first = _unit([1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0])
    ids, changes, centroids = stable_ids(dict(enumerate(first)), {}, "challenge", 0.8)
    assert sorted(centroids) == [0, 1, 2] and changes.next_id == 3
    ids, changes, centroids = stable_ids({0: first[0], 1: first[1]},
                                         state("challenge", centroids, changes.next_id),
                                         "challenge", 0.8)
    assert changes.vanished == [2] and sorted(centroids) == [0, 1]
    saved = state("challenge", centroids, changes.next_id)
    ids, changes, _ = stable_ids({0: first[0], 1: first[1], 5: _unit([0, 0, 0, 1])[0]}, saved,
                                 "challenge", 0.8)
    assert ids[5] == 3 and changes.new == [3]
    # an id the curation file names for a challenge no run has given yet is skipped too
    ids, changes, _ = stable_ids({5: _unit([0, 0, 0, 1])[0], 6: _unit([1, 1, 1, 1])[0]}, saved,
                                 "challenge", 0.8, reserved=[3, 99])
    assert (ids[5], ids[6], changes.next_id) == (4, 5, 6)


def test_after_a_refit_a_challenge_keeps_its_id_where_most_of_its_posts_went():
    """Review 8, P2-5: the outage week refits, the centroids move (no pair reaches 0.8), and
    every challenge was "new — review", week 1's "Gone", though 15 of C-0000's 27 posts and 14
    of C-0001's 21 land in one challenge. Matched by members, C-0000 continues there (the most
    posts kept), C-0001 is absorbed by it, and C-0000's other 12 posts split off into a new one."""
    import pandas as pd

    from mining.tracking import stable_ids, state

    before = pd.DataFrame({"text_hash": np.arange(48, dtype=np.uint64),
                           "challenge_id": [0] * 27 + [1] * 21})
    hashes = np.arange(48 + 60, dtype=np.uint64)  # the 48 posts and the week's 60
    labels = np.array([5] * 15 + [6] * 12 + [5] * 14 + [-1] * 7 + [7] * 60)
    prev = state("challenge", dict(enumerate(_unit([1, 0, 0, 0], [0, 1, 0, 0]))), 2)
    now = dict(zip([5, 6, 7], _unit([1, 1, 0.2, 0], [0.6, 0, 1, 0], [0, 0, 0, 1])))
    ids, changes, _ = stable_ids(now, prev, "challenge", 0.8)
    assert changes.continuing == [] and changes.vanished == [0, 1]  # by centroid alone
    ids, changes, _ = stable_ids(now, prev, "challenge", 0.8, posts=(before, hashes, labels))
    assert ids == {5: 0, 6: 2, 7: 3}
    assert changes.continuing == changes.by_posts == [0] and changes.new == [2, 3]
    assert changes.merged == {0: [1]} and changes.vanished == []
    assert changes.split == {0: [0, 2]}
    assert changes.status(0) == "continuing, absorbed 1" and changes.status(2) == "new, split from 0"


def test_members_do_not_match_a_cluster_that_kept_less_than_half_of_its_posts():
    """Posts scattered over several clusters (none holding half) match nothing by members: the
    centroids decide, as before."""
    import pandas as pd

    from mining.tracking import stable_ids, state

    before = pd.DataFrame({"text_hash": np.arange(10, dtype=np.uint64), "topic_id": [3] * 10})
    labels = np.array([0] * 4 + [1] * 3 + [-1] * 3)
    prev = state("topic", {3: _unit([1, 0, 0])[0]}, 4)
    now = dict(zip([0, 1], _unit([0, 1, 0], [0.1, 0, 1])))
    ids, changes, _ = stable_ids(now, prev, "topic", 0.8,
                                 posts=(before, np.arange(10, dtype=np.uint64), labels))
    assert changes.continuing == [] and changes.vanished == [3] and changes.split == {3: [4, 5]}


def test_a_gone_topic_is_named_with_its_label_and_where_its_posts_went():
    """Review 11 (R11-5): a weekly run said "Gone since the last run (topics): 0, 2." while 40 of
    topic 0's 42 posts were still in the chat, now in no topic."""
    import pandas as pd

    from mining.report.summary import _changes
    from mining.tracking import gone_where

    table = pd.DataFrame({"topic_id": [0, 2], "label": ["היהודי · מדינת · ישראל", "כתבה · סוף"]})
    before = pd.DataFrame({"text_hash": list("abcdef"), "topic_id": [0, 0, 0, 2, 2, 2]})
    after = pd.DataFrame({"text_hash": list("abcde"), "topic_id": [-1, -1, 3, 3, 3]})
    where = gone_where([0, 2], "topic_id", table, before, after)
    assert where[0] == {"id": 0, "label": "היהודי · מדינת · ישראל", "posts": 3, "not_analyzed": 0,
                        "outside": 2, "moved": {3: 1}}
    manifest = {"changes": {"previous_run": "runs/w1", "topics": {"vanished": [0, 2],
                                                                  "vanished_where": where}}}
    assert _changes(manifest) == [
        "Gone since the last run (topics): 0 (היהודי · מדינת · ישראל), 3 posts last run: 2 still "
        "here but in no topic, 1 in topic 3; 2 (כתבה · סוף), 3 posts last run: 2 in topic 3, 1 no "
        "longer analyzed."]


def test_a_refit_carries_a_challenge_to_the_one_holding_most_of_its_clustered_posts():
    """Review 12, R12-1: after a refit, 11 of a named challenge's 24 posts were in no challenge,
    8 in the week's new challenge about the same app, 3 and 2 elsewhere: no cluster held half of
    them, so it was "gone" and the team's name and status with it. It continues as the one
    holding most of its posts that are in a challenge (and a quarter of all)."""
    import pandas as pd

    from mining.tracking import stable_ids, state

    before = pd.DataFrame({"text_hash": np.arange(24, dtype=np.uint64), "challenge_id": [1] * 24})
    labels = np.array([-1] * 11 + [0] * 8 + [1] * 3 + [2] * 2 + [0] * 20)
    prev = state("challenge", {1: _unit([1, 0, 0, 0])[0]}, 2)
    now = dict(zip([0, 1, 2], _unit([0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1])))
    ids, changes, _ = stable_ids(now, prev, "challenge", 0.8,
                                 posts=(before, np.arange(44, dtype=np.uint64), labels))
    assert ids == {0: 1, 1: 2, 2: 3}
    assert changes.continuing == changes.by_posts == [1] and changes.vanished == []
    # a quarter of its posts is the least: 5 of 24 in one challenge, 2 elsewhere, is gone
    labels = np.array([-1] * 17 + [0] * 5 + [1] * 2 + [0] * 20)
    ids, changes, _ = stable_ids(now, prev, "challenge", 0.8,
                                 posts=(before, np.arange(44, dtype=np.uint64), labels))
    assert changes.vanished == [1] and changes.continuing == []


def test_new_posts_lead_a_challenges_quotes_and_its_best_quote_stays():
    """Review 14 (R14-7): a fixed problem's card quoted only September's posts when it came
    back. The week's posts lead; one of the challenge's own quotes stays, so a week of weak
    posts does not hide what the challenge is."""
    from mining.increment import text_hashes
    from mining.tracking import new_quoted_first

    challenges = pd.DataFrame({"challenge_id": [0],
                               "quotes_en": ["cannot log in since the update\nlogin fails"],
                               "quote_ids_en": ["p1;p2"], "keywords_en": ["login; log"]})
    texts = ["cannot log in since the update", "login fails", "log in broken, login again this morning",
             "still no login", "me too"]
    posts = pd.DataFrame({"post_id": [f"p{i}" for i in range(1, 6)], "analyzed": True,
                          "challenge_id": 0, "lang": "en", "text_norm": texts,
                          "created_at": pd.date_range("2026-09-01", periods=5, freq="7D", tz="UTC")})
    known = pd.Series(text_hashes(texts[:2]))
    for quotes, expected in ((2, ["p3", "p1"]), (3, ["p3", "p4", "p1"]), (1, ["p3"])):
        out = new_quoted_first(challenges, posts, known, quotes)
        assert out.at[0, "quote_ids_en"].split(";") == expected, quotes
