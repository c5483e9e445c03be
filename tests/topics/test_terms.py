"""The keywords' term counts built directly equal the vectorizer's and BERTopic's c-TF-IDF."""
import numpy as np
import pytest
from bertopic.vectorizers import ClassTfidfTransformer
from scipy.sparse import csr_matrix

from mining.config import TopicsConfig
from mining.topics.describe import token_docs
from mining.topics.model import _language_counts, token_vectorizer, topic_model
from mining.topics.sample import sort_keys
from mining.topics.terms import class_tfidf, language_terms

POSTS = {
    "he": ["המשלוח לא הגיע כבר שבוע", "והמשלוח לא הגיע, מה קורה?", "המשלוח הגיע אחרי שבוע",
           "שירות לקוחות לא עונה", "שירות לקוחות גרוע מאוד", "שירות לקוחות גרוע", "",
           "ממש ממש ממש ממש טוב", "אחלה אפליקציה", "האפליקציה קורסת כל הזמן"],
    "el": ["Η εφαρμογή δεν ανοίγει", "η εφαρμογή δεν ανοίγει πάλι", "δεν ανοίγει η εφαρμογή",
           "ο κωδικός δεν έρχεται", "den erxetai o kwdikos", "ο κωδικός δεν ήρθε ποτέ",
           "καλή εξυπηρέτηση", "πολύ καλή εξυπηρέτηση", "", "ευχαριστώ πολύ"],
    "en": ["the app keeps crashing", "app keeps crashing after update", "app crashing again",
           "login code never arrives", "the login code never arrives", "code never arrives",
           "great support", "great support team", "", "love it"],
}
TOPICS = [0, 0, 0, 1, 1, 1, 2, 2, -1, 2]


@pytest.mark.parametrize("lang", sorted(POSTS))
def test_direct_counts_and_scores_equal_the_vectorizer_and_bertopic(lang):
    docs, _ = token_docs(POSTS[lang], [lang] * len(POSTS[lang]))
    topics, rows = np.array(TOPICS), np.ones(len(docs), dtype=bool)
    present = sorted(set(TOPICS) - {-1})
    vectorizer = token_vectorizer().set_params(ngram_range=(1, 3))
    counts = vectorizer.fit_transform([d or "_" for d in docs])
    full = _language_counts(counts, vectorizer.get_feature_names_out(), topics, rows, present)
    direct = language_terms(docs, topics, present, min_phrase_count=2)
    kept = [full.terms.index(term) for term in direct.terms]
    assert direct.terms == sorted(direct.terms)
    assert all(n == 1 or full.counts[:, j].sum() >= 2
               for j, n in zip(kept, direct.words)), "a phrase used fewer times has no column"
    assert np.array_equal(full.counts.toarray()[:, kept], direct.counts.toarray())
    assert np.array_equal(full.posts.toarray()[:, kept], direct.posts.toarray())
    assert np.array_equal(full.totals, direct.totals) and full.distinct == direct.distinct
    bertopic = ClassTfidfTransformer().fit_transform(csr_matrix(full.counts.toarray())).toarray()
    assert np.array_equal(bertopic[:, kept], class_tfidf(direct).toarray())  # bit for bit


def test_keywords_without_a_vectorizer_equal_the_token_vectorizers():
    texts = [t for lang in sorted(POSTS) for t in POSTS[lang]]
    langs = np.array([lang for lang in sorted(POSTS) for _ in POSTS[lang]], dtype=object)
    docs, _ = token_docs(texts, list(langs))
    direct = topic_model(TopicsConfig(top_keywords=4))
    assert direct.vectorizer is None
    direct.topics_ = np.array(TOPICS * 3)
    vectorized = topic_model(TopicsConfig(top_keywords=4)).set_params(vectorizer=token_vectorizer())
    vectorized.topics_ = direct.topics_
    keywords = direct._keywords(docs, langs)
    assert keywords == vectorized._keywords(docs, langs)
    assert any("שירות לקוחות" in k for k in keywords[1]["he"])  # a phrase said 3 times


def test_sort_keys_orders_as_numpy_strings():
    keys = ["שבוע", "app", "εφαρμογή", "app", "", "apps", "Ωmega", "שבוע טוב"]
    assert np.array_equal(np.lexsort((np.arange(len(keys)), sort_keys(keys))),
                          np.lexsort((np.arange(len(keys)), np.asarray(keys, dtype=str))))
