import numpy as np
import pytest

from mining.challenges.heads import HEADS_FILE, LanguageOffsets, LinearHead, read_heads, save_heads


def test_shipped_heads_are_small_and_documented():
    assert HEADS_FILE.stat().st_size < 100_000
    heads = read_heads(HEADS_FILE)
    assert set(heads.heads) == {"feedback", "sentiment", "polarity"}
    assert set(heads.heads["feedback"].classes_) == {"complaint", "question", "request", "praise",
                                                    "other", "spam"}
    assert set(heads.offsets.offsets_) == {"he", "el"}
    assert "hebrew-sentiment" in heads.meta["licenses"]
    assert (HEADS_FILE.parent / "SOURCES.md").is_file()


def test_shipped_heads_count_each_cue_for_its_own_class():
    # The feedback and sentiment heads read the cue scores (features.head_inputs) and learned from
    # labelled posts how much each counts: a class's own cue must raise that class.
    from mining.challenges.cues import CATEGORIES

    # The negative words overlap the complaint cues (and the positive words the praise cues), so
    # the sentiment head may split their weight between the two: it is counted together.
    heads = read_heads(HEADS_FILE)
    for name, pairs in {"feedback": [(c, (c,)) for c in ("complaint", "question", "request", "praise")],
                        "sentiment": [("positive", ("positive", "praise")),
                                      ("negative", ("negative", "complaint"))]}.items():
        head = heads.heads[name]
        assert head.inputs == ("vector", "cues")
        classes = list(head.classes_)
        for cls, cues in pairs:
            weights = sum(head.coef_[:, 384 + CATEGORIES.index(cue)] for cue in cues)
            assert weights[classes.index(cls)] == weights.max(), (name, cls)


def test_linear_head_round_trip(tmp_path):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 8)).astype(np.float32)
    y = np.where(x[:, 0] > 0, "a", "b")
    head = LinearHead(C=10).fit(x, y)
    assert (head.predict(x) == y).mean() > 0.9
    assert np.allclose(head.predict_proba(x).sum(axis=1), 1)
    offsets = LanguageOffsets().fit({"en": x[:5], "he": x[:5] + 1})
    save_heads(tmp_path / "h.npz", offsets, {"t": head}, {"note": "test"})
    again = read_heads(tmp_path / "h.npz")
    assert again.heads["t"].inputs == ("vector",)
    assert np.allclose(again.heads["t"].decision_function(x), head.decision_function(x))
    assert np.allclose(again.offsets.offsets_["he"], 1)


def test_offsets_move_languages_and_keep_unit_length():
    offsets = LanguageOffsets().fit({"en": np.eye(3)[:2], "he": np.eye(3)[:2] + [0, 0, 1]})
    out = offsets.transform(np.array([[0, 1, 1], [0, 1, 1]], np.float32), ["he", "en"])
    assert np.allclose(out[0], [0, 1, 0])
    assert np.allclose(np.linalg.norm(out, axis=1), 1)


def test_unfitted_estimators_say_so():
    with pytest.raises(RuntimeError, match="not fitted"):
        LinearHead().predict(np.zeros((1, 2)))
    with pytest.raises(RuntimeError, match="not fitted"):
        LanguageOffsets().transform(np.zeros((1, 2)), ["he"])


@pytest.mark.parametrize("name", ["feedback", "sentiment", "polarity"])
def test_logits_a_block_of_posts_at_a_time_are_those_of_every_post_at_once(monkeypatch, name):
    """``head_logits`` builds a head's inputs a block of posts at a time (memory at scale); a
    post's logits are those of all posts at once, to the last bit, across block edges."""
    import mining.challenges.features as features

    texts = ["המשלוח הגיע באיחור של שבוע", "Πότε ανοίγει το κατάστημα;", "Great app, thanks!",
             "אפשר להוסיף אפשרות לתשלום בביט?", "Η παραγγελία ήρθε χαλασμένη", "refund please",
             "תודה רבה על השירות"]
    langs = ["he", "el", "en", "he", "el", "en", "he"]
    vectors = np.random.default_rng(5).standard_normal((len(texts), 384)).astype(np.float32)
    heads = read_heads(HEADS_FILE)
    head = heads.heads[name]
    whole = head.decision_function(features.head_inputs(head.inputs, texts, langs, vectors,
                                                        heads.offsets))
    monkeypatch.setattr(features, "BLOCK", 3)
    np.testing.assert_array_equal(
        features.head_logits(head, texts, langs, vectors, heads.offsets), whole)
