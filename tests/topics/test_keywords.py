from mining.topics.model import _diverse


def test_a_phrase_and_its_words_do_not_both_fill_the_list():
    terms = ["sms code", "sms", "code", "login", "never arrives"]
    picked = _diverse(terms, [1.0, 0.95, 0.9, 0.6, 0.5], 3)
    assert picked[0] == "sms code"
    assert "login" in picked and not {"sms", "code"} <= set(picked)


def test_unrelated_terms_keep_their_score_order():
    assert _diverse(["crash", "update", "android"], [0.9, 0.8, 0.7], 3) == ["crash", "update", "android"]


def test_a_word_one_post_repeats_is_no_keyword():
    # hebrew-youtube-comments: "תמשיכו אותי הר הר הר הר" made הר a label word of its topic
    import numpy as np

    from mining.config import TopicsConfig
    from mining.topics.model import topic_model

    docs = ["תמשיכו הר הר הר הר", "רובי אוהבים חלום", "רובי אוהבים", "אוהבים חלום יקר",
            "רובי יקר", "a b"]
    model = topic_model(TopicsConfig(top_keywords=5))
    model.topics_ = np.array([0, 0, 0, 0, 0, 1])
    keywords = model._keywords(docs, np.array(["he"] * 5 + ["en"]))
    assert "הר" not in keywords[0]["he"] and "תמשיכו" not in keywords[0]["he"]
    assert {"רובי", "אוהבים"} <= set(keywords[0]["he"])
    assert keywords[1]["en"]  # a topic of one post in a language keeps that post's words


def test_a_word_of_another_languages_script_is_no_keyword():
    """A Telegram group's Greek messages ending in a bold "דחוף!!" gave the Greek label
    "βαλε · ξεχασουμε · דחוף"; a Hebrew word of a mostly English post was an English keyword."""
    import numpy as np

    from mining.config import TopicsConfig
    from mining.topics.model import topic_model

    docs = ["βαλε λαδι דחוף", "βαλε νερο דחוף", "ξεχασουμε λαδι דחוף", "βαλε ξεχασουμε vodafone",
            "unrwa schools teach באונרה", "unrwa schools children באונרה"]
    model = topic_model(TopicsConfig(top_keywords=8))
    model.topics_ = np.array([0, 0, 0, 0, 1, 1])
    keywords = model._keywords(docs, np.array(["el"] * 4 + ["en"] * 2))
    assert "דחוף" not in keywords[0]["el"] and "βαλε" in keywords[0]["el"]
    assert "באונרה" not in keywords[1]["en"] and "unrwa" in keywords[1]["en"]
