from mining.topics.model import _diverse


def test_a_phrase_and_its_words_do_not_both_fill_the_list():
    terms = ["sms code", "sms", "code", "login", "never arrives"]
    picked = _diverse(terms, [1.0, 0.95, 0.9, 0.6, 0.5], 3)
    assert picked[0] == "sms code"
    assert "login" in picked and not {"sms", "code"} <= set(picked)


def test_unrelated_terms_keep_their_score_order():
    assert _diverse(["crash", "update", "android"], [0.9, 0.8, 0.7], 3) == ["crash", "update", "android"]
