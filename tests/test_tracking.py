import numpy as np

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
