"""The brand is not the community: on real customer-support tweets (twcs-sample), the brand's
replies are not clustered, not mentions, and do not make a member "helpful"."""
import numpy as np
import pandas as pd
import pytest

from mining.challenges.community import community_health
from mining.challenges.feedback import FeedbackClassifier
from mining.challenges.kpis import mention_kpis
from mining.challenges.sentiment import score_text_sentiment
from mining.challenges.threads import brand_authors, link_replies
from mining.config import Config
from mining.pipeline import read_posts


@pytest.fixture(scope="module")
def tweets(shared):
    path = shared / "corpora/twcs-sample/sample.csv"
    ids = pd.read_csv(path, dtype=str)["author_id"]
    accounts = sorted(a for a in ids.unique() if not a.isdigit())  # AppleSupport, ChaseSupport...
    config = Config.from_dict({"brand": {"accounts": accounts}, "input": {"id_column": "tweet_id"}})
    posts = read_posts([str(path)], config)
    return posts, accounts


def test_brand_posts_are_kept_but_not_analyzed(tweets):
    posts, accounts = tweets
    brand = posts["author"].isin(accounts).to_numpy()
    assert brand.sum() >= 40
    assert not posts.loc[brand, "analyzed"].any()
    assert (posts.loc[brand, "skip_reason"] == "brand").all()
    assert posts.loc[~brand, "analyzed"].sum() >= 40


def test_helpful_members_answered_members(tweets, embed):
    posts, accounts = tweets
    links = link_replies(posts, brand_authors(posts, accounts))
    texts, langs = posts["text_norm"].fillna("").tolist(), posts["lang"].tolist()
    kinds = FeedbackClassifier().predict(texts, langs, embed(texts))["feedback_type"]
    kinds[links["is_brand"].to_numpy()] = pd.NA
    _, _, helpful, _ = community_health(posts, links, kinds, score_text_sentiment(texts, langs))
    parent = links["parent_row"].to_numpy()
    authors = posts["author"].to_numpy(dtype=object)
    is_brand = links["is_brand"].to_numpy()
    between_members = {authors[i] for c in np.flatnonzero(parent >= 0)
                       if not is_brand[c] and not is_brand[parent[c]] for i in (c, parent[c])}
    assert len(between_members) < 10  # most members only talk to the brand here
    assert set(helpful["member"]) <= between_members
    assert not set(helpful["member"]) & set(accounts)


def test_brand_posts_are_not_mentions_and_empty_languages_are_not_rows(tweets):
    posts, accounts = tweets
    brand = posts["author"].isin(accounts).to_numpy()
    kpis = mention_kpis(posts, np.zeros(len(posts)), ["AppleSupport"], ["Chase: ChaseSupport"], brand)
    mentions = kpis[(kpis["kpi"] == "mentions") & (kpis["scope"] == "all")].set_index("name")["value"]
    texts = posts.loc[~brand, "text_norm"].str.lower()
    assert mentions["AppleSupport"] == texts.str.contains("@applesupport").sum() > 0
    assert mentions["Chase"] == texts.str.contains("@chasesupport").sum()
    assert set(kpis["scope"]) == {"en", "all"}  # no he or el rows of zero mentions
