"""No keyword or label of a whole run holds a member's name, a pseudonym fragment, a mask, a link
or a stretched word (the demo run of the session; benchmarks/label_hygiene.py does the same on
the real chats and corpora of ../shared)."""
import re
from pathlib import Path

import pytest

from mining.config import Config
from mining.ingest import read_inputs
from mining.lang.names import names_used_as_names
from mining.privacy import Identities

ROOT = Path(__file__).resolve().parents[2]
_WORD = re.compile(r"[^\W\d_]+")
_STRETCHED = re.compile(r"([^\W\d_])\1\1|([םןץףך])\2")


@pytest.fixture(scope="module")
def terms(demo_run):
    out = []
    for table in (demo_run.topics, demo_run.challenges.challenges, demo_run.challenges.content_feed):
        for column in table.columns:
            if column == "label" or column.startswith(("label_", "keywords_")):
                for value in table[column].dropna():
                    out += [w for term in str(value).split("; ") for w in _WORD.findall(term)]
    assert len(out) > 100
    return out


def test_no_member_name_in_keywords_or_labels(demo_run, terms):
    config = Config.from_file(ROOT / "corpora" / "demo.toml")
    raw, _ = read_inputs([str(ROOT / "corpora" / "demo")], config.input)
    words = Identities(config.privacy, config.brand).add(raw).name_words()
    # a name word the posts use as an ordinary word (חיים, "money") may be a keyword
    analyzed = demo_run.posts[demo_run.posts["analyzed"]]
    names = {w.casefold() for w in names_used_as_names(words, analyzed["text_norm"],
                                                        analyzed["author"])}
    assert len(names) > 10 and {"חיים", "money"} <= {w.casefold() for w in words} - names
    assert not {w for w in terms if w.casefold() in names}


def test_no_pseudonym_mask_link_or_stretch(demo_run, terms):
    pseudonyms = demo_run.posts["author"].dropna().unique()
    fragments = {"member"} | {run for p in pseudonyms for run in re.findall(r"[a-f]{2,}", p[7:])}
    assert not {w for w in terms if w in fragments}
    assert not {w for w in terms if w.lower() in {"https", "http", "www", "com"}}
    assert not [w for w in terms if _STRETCHED.search(w)]
    # "phone" and "email" are words of the demo posts; a keyword may be one only as a word
    texts = demo_run.posts["text"].fillna("").str.lower()
    for mask in ("phone", "email", "meeting", "password"):
        if mask in {w.lower() for w in terms}:
            masked = texts.str.count(rf"\[{mask}\]").sum()
            assert texts.str.count(rf"\b{mask}\b").sum() - masked > masked, mask


def test_names_reach_the_challenge_model_as_words_to_ignore():
    from sklearn.base import clone

    from mining.challenges.clusters import challenge_model
    from mining.config import BrandConfig, ChallengesConfig

    model = challenge_model(ChallengesConfig(), BrandConfig(terms=["Wolt"]), questions=True,
                            names={"מורן"})
    assert clone(model).get_params()["ignore"] == ("Wolt", "מורן")


def test_labels_of_a_table_are_distinct(demo_run):
    for table in (demo_run.topics, demo_run.challenges.challenges, demo_run.challenges.content_feed):
        for column in [c for c in table.columns if c == "label" or c.startswith("label_")]:
            labels = [v for v in table[column].dropna() if v]
            assert len(labels) == len(set(labels)), (column, labels)
