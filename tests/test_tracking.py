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
