"""The TextAnalyzer contract: fitted like an estimator, one interface for every language."""
import csv
import random

import pytest

from mining.lang import he
from mining.lang.analyze import Surfaces, TextAnalyzer, WordCache, _words

POSTS = [
    ("המשלוח לא הגיע, חחחח", "he"),
    ("והמשלוח? כבר שבוע", "he"),
    ("Η ΕΦΑΡΜΟΓΗ δεν ανοίγει!", "el"),
    ("den erxetai o kwdikos", "el"),
    ("the app keeps crashing lol", "en"),
    ("Ich habe ein Problem", "other"),
    ("😡😡😡", "und"),
]


@pytest.fixture(scope="module")
def analyzer():
    texts, langs = zip(*POSTS)
    return TextAnalyzer().fit(list(texts), list(langs))


def test_init_only_stores_parameters():
    analyzer = TextAnalyzer(min_count=3, min_share=0.5)
    assert vars(analyzer) == {"min_count": 3, "min_share": 0.5}


def test_fit_returns_self_and_sets_fitted_attributes():
    analyzer = TextAnalyzer()
    assert analyzer.fit(["המשלוח הגיע"], ["he"]) is analyzer
    assert analyzer.vocab_["he"]["המשלוח"] == 1
    assert analyzer.greek_words_ and analyzer.greek_stems_


def test_tokens_needs_fit():
    with pytest.raises(RuntimeError, match="not fitted"):
        TextAnalyzer().tokens("hello", "en")


def test_is_stop_needs_no_fit():
    assert TextAnalyzer().is_stop("שזה") and not TextAnalyzer().is_stop("משלוח")


@pytest.mark.parametrize("text, lang, expected", [
    ("והמשלוח? כבר שבוע", "he", [("משלוח", "והמשלוח"), ("שבוע", "שבוע")]),
    ("Η ΕΦΑΡΜΟΓΗ δεν ανοίγει!", "el", [("εφαρμογ", "ΕΦΑΡΜΟΓΗ"), ("ανοιγ", "ανοίγει")]),
    ("den erxetai o kwdikos", "el", [("ερχ", "erxetai"), ("κωδικ", "kwdikos")]),
    ("the app keeps crashing lol", "en", [("app", "app"), ("crash", "crashing")]),
    ("Ich habe ein Problem", "other", [("ich", "Ich"), ("habe", "habe"), ("ein", "ein"),
                                       ("problem", "Problem")]),
    ("😡😡😡", "und", []),
    ("", "he", []),
])
def test_tokens_are_key_and_surface_pairs_in_order(analyzer, text, lang, expected):
    assert analyzer.tokens(text, lang) == expected


def test_keys_never_contain_spaces_and_are_never_stop_words(analyzer):
    for text, lang in POSTS:
        for key, _ in analyzer.tokens(text, lang):
            assert key.split() == [key] and not analyzer.is_stop(key)


def test_the_order_of_posts_does_not_change_the_keys():
    posts = POSTS * 3 + [("המדינה שלנו", "he"), ("מדינה קטנה", "he"), ("ובמדינה", "he")]
    shuffled = random.Random(0).sample(posts, len(posts))
    first = TextAnalyzer().fit(*map(list, zip(*posts)))
    second = TextAnalyzer().fit(*map(list, zip(*shuffled)))
    assert [first.tokens(*p) for p in posts] == [second.tokens(*p) for p in posts]


def test_surfaces_display_the_most_frequent_spelling():
    surfaces = Surfaces()
    surfaces.add([("משלוח", "המשלוח"), ("משלוח", "משלוח"), ("משלוח", "המשלוח")])
    surfaces.add([("crash", "CRASH"), ("crash", "crash")])
    assert surfaces.display("משלוח") == "המשלוח"
    assert surfaces.display("crash") == "crash"  # capitals lose a tie
    assert surfaces.display("unknown") == "unknown"


def test_hebrew_comments_have_no_stop_words_or_prefixed_duplicates_among_top_keys(shared):
    """On real Hebrew Facebook comments, the 300 most frequent keys hold no stop word and no key
    that is another top key behind a prefix stack, unless the word list says it is a word."""
    path = shared / "corpora" / "hebrew-sentiment" / "train.tsv"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    with path.open(encoding="utf-8") as f:
        texts = [row["comment"] for row in csv.DictReader(f, delimiter="\t")]
    analyzer = TextAnalyzer().fit(texts, ["he"] * len(texts))
    counts: dict[str, int] = {}
    for text in texts:
        for key, _ in analyzer.tokens(text, "he"):
            counts[key] = counts.get(key, 0) + 1
    top = sorted(counts, key=counts.get, reverse=True)[:300]
    assert [k for k in top if analyzer.is_stop(k)] == []
    duplicates = [k for k in top if k not in he.WORDS
                  and any(k.startswith(p) and k[len(p):] in top for p in he.PREFIXES)]
    assert duplicates == []


def test_hebrew_tokenizer_leaves_no_trace_in_output_or_import_path(capsys):
    import sys

    from mining.lang.analyze import _hebrew_tokenize

    _hebrew_tokenize.cache_clear()
    for name in [m for m in sys.modules if m.startswith("hebrew_tokenizer")]:
        del sys.modules[name]  # so that its import runs again here
    before = list(sys.path)
    _hebrew_tokenize()
    assert capsys.readouterr().out == ""
    assert sys.path == before


def test_html_entities_left_in_a_text_are_no_words():
    """Tweets (and CSVs made from them) keep &gt; &lt; &amp; &quot;: "gt" was a topic keyword of
    real customer-support tweets (../shared/corpora/twcs-sample)."""
    text = "@76495 tried everything &gt; still skipping \\&amp; crashing &lt;3 &quot;fix&quot;"
    keys = [key for key, _ in TextAnalyzer().fit([text], ["en"]).tokens(text, "en")]
    assert keys == ["try", "skip", "crash", "fix"]


@pytest.mark.parametrize("text, keys", [
    # twcs-sample: support agents sign their replies with their initials
    ("@105835 Your business means a lot to us. Please DM your name, zip code and additional "
     "details about your concern. ^RR https://t.co/znUu1VJn9r", {"business", "dm", "zip"}),
    ("We'd like to help. Send us a DM with your order number ^AC", {"help", "dm", "order"}),
    ("Sorry to hear that, please follow us and DM -AD", {"sorry", "follow", "dm"}),
])
def test_a_support_agents_signature_is_no_word(text, keys):
    found = {k for k, _ in TextAnalyzer().fit([text], ["en"]).tokens(text, "en")}
    assert keys <= found and not found & {"rr", "ac", "ad"}


def test_an_acronym_that_signs_nothing_stays():
    text = "the AC in the car is broken - AD says it is the fuse"
    assert "ac" in {k for k, _ in TextAnalyzer().fit([text], ["en"]).tokens(text, "en")}


def test_fit_tokens_is_fit_then_tokens_of_every_post():
    texts, langs = map(list, zip(*POSTS))
    once = TextAnalyzer()
    tokens = once.fit_tokens(texts, langs)
    twice = TextAnalyzer().fit(texts, langs)
    assert tokens == [twice.tokens(text, lang) for text, lang in zip(texts, langs)]
    assert once.vocab_ == twice.vocab_ and once.greek_words_ == twice.greek_words_


def test_a_word_held_by_many_posts_is_one_object_in_their_split(shared):
    """On real Hebrew comments and Greek posts, each post's split is ``_words``'s, and a (kind,
    surface) word is one tuple however many posts hold it: a post's words cost a reference each,
    not a tuple and a string of their own (610 MB at 100k posts; README "Scale")."""
    hebrew = shared / "corpora" / "hebrew-sentiment" / "dev.tsv"
    greek = shared / "corpora" / "greek-dialect" / "smg_fb.txt"
    if not (hebrew.exists() and greek.exists()):
        pytest.skip("the Hebrew or Greek corpus is absent")
    with hebrew.open(encoding="utf-8") as f:
        texts = [row["comment"] for row in csv.DictReader(f, delimiter="\t")][:1000]
    texts += greek.read_text(encoding="utf-8").splitlines()[:1000]
    langs = ["he"] * (len(texts) - 1000) + ["el"] * 1000
    cache = WordCache()
    split = cache.words(texts, langs)
    assert split == [list(_words(text, lang)) for text, lang in zip(texts, langs)]
    held = [pair for post in split for pair in post]
    assert len({id(pair) for pair in held}) == len(set(held)) < len(held) / 2
    again = WordCache(cache.arrays()).words(texts, langs)  # a weekly run's, from the kept words
    assert again == split
    assert len({id(pair) for post in again for pair in post}) == len(set(held))


def test_the_posts_hashed_a_block_at_a_time_are_hashed_as_all_at_once(shared):
    """``WordCache`` keys real posts by their language and text a block at a time; the keys are
    those of every post hashed at once, so a kept model's words still match (README "Scale")."""
    import numpy as np
    import pandas as pd

    from mining.lang.analyze import _hashed

    path = shared / "corpora" / "hebrew-sentiment" / "dev.tsv"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    with path.open(encoding="utf-8") as f:
        texts = [row["comment"] for row in csv.DictReader(f, delimiter="\t")]
    langs = ["he", "en"] * (len(texts) // 2) + ["he"] * (len(texts) % 2)
    whole = pd.util.hash_array(np.asarray([f"{lang}\0{text}" for text, lang in zip(texts, langs)],
                                          dtype=object))
    assert np.array_equal(_hashed(texts, langs, block=1000), whole)
    assert len(_hashed([], [])) == 0
