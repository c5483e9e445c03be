"""A product's name filling most feedback posts, not in ``brand.terms``, is said (review 15,
R15-20): on real issues of one tracker, and not on a bank's customers' questions."""
import pandas as pd

from mining.challenges.analyze import name_the_brand
from mining.challenges.brandword import unnamed_brand
from mining.config import BrandConfig


def _issues(shared, repo: str) -> pd.DataFrame:
    table = pd.read_csv(shared / "corpora/nlbse24-issues/issues_train.csv", nrows=1500)
    table = table[table["repo"] == repo]
    return pd.DataFrame({"text_norm": (table["title"] + "\n\n" + table["body"].fillna("")).tolist()})


def test_a_trackers_product_name_is_said_until_it_is_a_brand_term(shared):
    posts = _issues(shared, "facebook/react")
    eligible = pd.Series(True, index=posts.index).to_numpy()
    _, notes = name_the_brand(posts, eligible, BrandConfig())
    assert notes["brand_terms"].startswith("most posts name 'React' (")
    assert "add it to brand.terms" in notes["brand_terms"]
    assert name_the_brand(posts, eligible, BrandConfig(terms=["React"])) == (None, {})


def test_no_name_is_said_of_a_banks_customers_questions(shared):
    questions = pd.read_csv(shared / "corpora/banking77/train.csv", nrows=3000)["text"].tolist()
    assert unnamed_brand(questions, terms=()) is None
