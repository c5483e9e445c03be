"""English analysis: lemmas, stop words and fillers of social text, what is never a keyword."""
import pytest

from mining.lang import en
from mining.lang.analyze import TextAnalyzer

CORPUS = [
    "the app keeps crashing since the update",
    "it crashes every time, crash after crash",
    "app crashed again lol",
    "I got charged twice for one order",
    "why is there a charge on my card",
    "my card was declined at the shop",
    "they keep declining my card",
    "refund still pending after 5 days",
    "the new movies section is great",
    "Can I change my PIN? I tried twice",
    "I called support and they called back",
]


@pytest.fixture(scope="module")
def analyzer():
    return TextAnalyzer().fit(CORPUS, ["en"] * len(CORPUS))


def keys(analyzer, text):
    return [key for key, _ in analyzer.tokens(text, "en")]


@pytest.mark.parametrize("forms, lemma", [
    (["crash", "crashes", "crashing", "crashed", "Crashed", "CRASHING"], "crash"),
    (["charge", "charges", "charged", "charging"], "charge"),  # charge, not charg
    (["decline", "declined", "declining"], "decline"),
    (["try", "tries", "tried", "trying"], "try"),
    (["stop", "stops", "stopped", "stopping"], "stop"),
    (["cancel", "cancels", "cancelled", "canceled", "cancelling"], "cancel"),
    (["pay", "pays", "paid", "paying"], "pay"),
    (["send", "sends", "sent", "sending"], "send"),
    (["app", "apps"], "app"),
    (["movie", "movies"], "movie"),
    (["refund", "refunds", "refunded"], "refund"),
    (["day", "days"], "day"),
])
def test_inflections_count_together(forms, lemma):
    corpus = CORPUS + [" ".join(forms)]
    analyzer = TextAnalyzer().fit(corpus, ["en"] * len(corpus))
    assert {key for form in forms for key in keys(analyzer, form)} == {lemma}


@pytest.mark.parametrize("word", ["news", "bus", "ios", "status", "evening", "morning", "need"])
def test_words_that_only_look_inflected_are_kept(analyzer, word):
    assert keys(analyzer, word) == [word]


@pytest.mark.parametrize("word, counts, lemma", [
    ("charged", {}, "charg"),  # no evidence: one default stem for the whole family...
    ("charging", {}, "charg"),
    ("charged", {"charge": 1}, "charge"),  # ...and the lemma where the corpus has it
    ("hoped", {"hop": 1, "hope": 1}, "hope"),
    ("ordered", {"ordere": 1, "order": 40}, "order"),  # a typo does not outvote the word
    ("noted", {"not": 50}, "noted"),  # "not" is a stop word, never a lemma
    ("caches", {"cache": 1}, "cache"),
    ("agreed", {"agree": 1}, "agree"),
    ("speed", {"spe": 1}, "speed"),
    ("went", {}, "go"),
    ("children", {}, "child"),
])
def test_lemmatize(word, counts, lemma):
    assert en.lemmatize(word, counts) == lemma


@pytest.mark.parametrize("word", [
    "lol", "LOL", "lolll", "lolol", "haha", "hahahaha", "hehe", "lmao", "lmaooo", "xD",
    "thanks", "pls", "omg", "btw", "sooo", "the", "it's", "joined", "omitted", "getting",
])
def test_stop_words_and_fillers(analyzer, word):
    assert analyzer.is_stop(word.replace("'s", ""))
    assert keys(analyzer, word) == []


@pytest.mark.parametrize("word", ["call", "amount", "name", "message", "video", "media", "update"])
def test_topic_words_are_not_stop_words(analyzer, word):
    assert not analyzer.is_stop(word)
    assert keys(analyzer, word) == [word]


@pytest.mark.parametrize("text", [
    "<Media omitted>",
    "<This message was edited>",
    "Dan joined using this group's invite link",
    "@john_doe https://example.com/help?id=3 www.example.com help@example.com",
    "100 200.50 10,000 3rd 😂😂 👍",
])
def test_placeholders_links_mentions_numbers_and_emoji_give_no_keys(analyzer, text):
    assert [k for k in keys(analyzer, text) if k not in {"dan", "invite", "link", "group"}] == []


def test_surfaces_are_kept_in_order(analyzer):
    assert analyzer.tokens("App CRASHED after update!!", "en") == [
        ("app", "App"), ("crash", "CRASHED"), ("update", "update")]
