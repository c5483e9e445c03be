"""What never becomes a counting key or a keyword's spelling: masks, pseudonyms, links, handles,
hashtags, stretched spellings and Cypriot function words. Real strings from ../shared."""
import pytest

from mining.lang import el
from mining.lang.analyze import TextAnalyzer


def tokens(text: str, lang: str, corpus: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    texts = [text, *corpus]
    return TextAnalyzer().fit(texts, [lang] * len(texts)).tokens(text, lang)


@pytest.mark.parametrize("text, lang, without", [
    # the privacy stage's masks and pseudonyms (a WhatsApp mention of a member)
    ("@member-1aae0ee2 call me on [phone] or [email]", "en", "call me on or"),
    ("member-3fa0c2be שלח לי [meeting] עם [password]", "he", "שלח לי עם"),
    # twcs-sample: a reply to a brand with a short link
    ("@AppleSupport causing the reply to be disregarded https://t.co/znUu1VJn9r", "en",
     "causing the reply to be disregarded"),
    # greek-dialect cg_twitter: hashtag, handle and a link
    ("Πρασινο αυκουι μες το πασχαλινο ποτήρι #αισχος @HARRIS_APOEL https://t.co/y9X7CmBEa5", "el",
     "Πρασινο αυκουι μες το πασχαλινο ποτήρι"),
    # links without a scheme
    ("join us at zoom.us/j/98765 or on bit.ly/x2 or example.com", "en", "join us at or on or"),
    # a mention's lead-in ("cc" read as credit card in a label: "pin · change · cc", a review)
    ("my pin was changed cc @john_doe88, via @bank_help", "en", "my pin was changed,"),
    # emoji shortcodes of Slack, Discord and Discourse ("rage" was a payments challenge's keyword)
    ("I was charged twice for my order :rage: :rage:", "en", "I was charged twice for my order"),
    ("το παιχνίδι κολλάει :pepehands:", "el", "το παιχνίδι κολλάει"),
    # nlbse24-issues: an extension's id in a pasted stack trace labelled a challenge (review 13
    # R13-7); no word runs past 24 letters
    ("at r (chrome-extension://fmkadmapgofadopljbjfkapdkoienihi/build/main.js:26134:41)", "en",
     "at r (chrome-extension:///build/main.js:26134:41)"),
])
def test_debris_gives_no_keys(text, lang, without):
    analyzer = TextAnalyzer().fit([text, without], [lang, lang])
    assert analyzer.tokens(text, lang) == analyzer.tokens(without, lang)
    assert analyzer.tokens(text, lang)


@pytest.mark.parametrize("text, lang, corpus, shown", [
    # hebrew-youtube-comments: a stretched ענק, and its word elsewhere in the corpus
    ("ענקקקקקקקקקקקקק שבענקקקקים בכל נקי גאוני", "he", ("ענק",), "ענק"),
    # hebrew-sentiment: doubled final letters, stretched endings
    ("תחמןןןןןןןן", "he", (), "תחמן"),
    ("צבועעעעעע", "he", (), "צבוע"),
    ("אני לא נושםםםם", "he", (), "נושם"),
    # OffensEval Greek tweets: stretched vowels are one vowel, in capitals too
    ("ΕΙΔΩΛΟΟΟΟΟΟΟ ρε φασιστααααααααααααααα", "el", (), "φασιστα"),
    ("ΕΙΔΩΛΟΟΟΟΟΟΟ ρε φασιστααααααααααααααα", "el", (), "ΕΙΔΩΛΟ"),
    # app-reviews: English stretched words fold to the word the language knows (a stop word here)
    ("The ads are just sooooooo annoying and woooooooow", "en", (), "annoying"),
])
def test_stretched_words_are_shown_folded(text, lang, corpus, shown):
    surfaces = [surface for _, surface in tokens(text, lang, corpus)]
    assert shown in surfaces
    assert not any(len(set(s[i:i + 3])) == 1 for s in surfaces for i in range(len(s) - 2))


def test_stretched_and_plain_spellings_share_a_key():
    analyzer = TextAnalyzer().fit(["ענקקקק", "ענק", "sooooooo annoying"], ["he", "he", "en"])
    assert analyzer.tokens("ענקקקק", "he") == analyzer.tokens("ענק", "he") == [("ענק", "ענק")]
    assert analyzer.tokens("sooooooo annoying", "en") == [("annoy", "annoying")]


@pytest.mark.parametrize("text", [
    # greek-dialect cg_fb and cg_twitter (Cypriot posts)
    "Να σας παρακαλεσω να μεν μου ξανα στειλετε ειδαλλως εννα χασω την τυχη",
    "μηνυματα τζιαι εικονες που αναβοσβηννουν οπως τζινες που βαλουν οι θκιαες μου",
    "Μα ο Μαρκασας ηντα ενεφκε μολις εβαλε το γκολ",
    "ΘΕΛΩ ΝΑ ΓΙΝΩ ΙΑΤΡΙΚΟΣ ΕΠΙΣΚΕΠΤΗΣ ΟΛΑΝ ΛΑΛΩ ΣΑΣ",
])
def test_cypriot_function_words_are_stop_words(text):
    keys = {key for key, _ in tokens(text, "el")}
    assert not keys & {el.fold(w) for w in ("μεν", "εννα", "τζιαι", "ηντα", "ολαν", "λαλω")}
    assert keys  # the content words stay


def test_cypriot_content_words_stay():
    assert [k for k, _ in tokens("η αληθκεια εν ότι τα πράματα εν καλά", "el")] == ["αληθκ",
                                                                                    "πραμ"]
