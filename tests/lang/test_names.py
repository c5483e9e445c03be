"""Members' name words leave keywords only where the posts use them as names: real Hebrew
comments, Greek tweets and an English WhatsApp chat of ../shared."""
import pandas as pd

from mining.config import Config
from mining.ingest import read_inputs
from mining.lang.names import names_used_as_names
from mining.pipeline import read_posts
from mining.privacy import Identities


def test_hebrew_words_with_the_article_are_words(shared):
    comments = pd.read_csv(shared / "corpora/hebrew-sentiment/train.tsv", sep="\t")["comment"]
    texts = comments.astype(str).tolist()
    # החיים ("the life") and השיר ("the song") are written; רובי (the president's first name)
    # never takes the article
    assert names_used_as_names({"חיים", "שיר", "רובי"}, texts) == {"רובי"}


def test_greek_word_written_in_lower_case_is_a_word(shared):
    tweets = pd.read_csv(shared / "corpora/offenseval-greek/train.tsv", sep="\t")["tweet"]
    assert names_used_as_names({"Ζωή", "Κυριάκος"}, tweets.astype(str).tolist()) == {"Κυριάκος"}


def test_a_member_who_writes_her_own_name_in_lower_case_keeps_it_a_name(shared):
    # "im mallory", "im still mallory": two lower-case uses, one writer
    path = [str(shared / "fixtures/whatsapp/chat-analytics__4A_11M.txt")]
    config = Config()
    raw, _ = read_inputs(path, config.input)
    words = Identities(config.privacy, config.brand).add(raw).name_words()
    posts = read_posts(path, config)
    analyzed = posts[posts["analyzed"]]
    assert "Mallory" in words
    assert names_used_as_names(words, analyzed["text_norm"], analyzed["author"]) == words
