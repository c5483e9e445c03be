import numpy as np
import pytest

from mining.challenges.sentiment import SentimentScorer, score_text_sentiment

CASES = [
    ("שירות מדהים, הכל הגיע בזמן, ממליצה בחום!", "he", "positive"),
    ("הכי גרוע שיש. שבוע מחכה להחזר ואף אחד לא עונה", "he", "negative"),
    ("Εξαιρετική εξυπηρέτηση, ευχαριστώ πολύ!", "el", "positive"),
    ("Απαράδεκτοι, η παραγγελία ήρθε με δύο ώρες καθυστέρηση και χαλασμένη", "el", "negative"),
    ("Love the new update, everything is so fast now", "en", "positive"),
    ("Worst service ever, charged twice and no refund", "en", "negative"),
    ("What time do you open on Friday?", "en", "neutral"),
]


@pytest.fixture(scope="module")
def felt(embed):
    texts = [t for t, _, _ in CASES]
    return SentimentScorer().predict(texts, [lang for _, lang, _ in CASES], embed(texts))


@pytest.mark.parametrize("i", range(len(CASES)), ids=[f"{c[1]}-{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_sentiment(felt, i):
    assert felt["sentiment"][i] == CASES[i][2]


def test_score_range_and_sign(felt):
    assert felt["sentiment_score"].between(-1, 1).all()
    labels, scores = felt["sentiment"].to_numpy(), felt["sentiment_score"].to_numpy()
    assert (scores[labels == "positive"] > 0).all() and (scores[labels == "negative"] < 0).all()


def test_margin_widens_neutral(embed):
    text = ["the delivery was fine I guess"]
    wide = SentimentScorer(margin=0.99).predict(text, ["en"], embed(text))
    assert wide["sentiment"][0] == "neutral"


@pytest.mark.parametrize("text, lang, sign", [
    ("תודה!!", "he", 1), ("ευχαριστώ πολύ", "el", 1), ("thanks a lot ❤️", "en", 1),
    ("נמאס 😡", "he", -1), ("αίσχος", "el", -1), ("useless", "en", -1), ("ok", "en", 0),
])
def test_cue_only_sentiment_for_posts_without_vectors(text, lang, sign):
    assert np.sign(score_text_sentiment([text], [lang])[0]) == sign
