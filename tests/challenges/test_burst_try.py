import numpy as np, pandas as pd
from mining.challenges.analyze import cluster_challenges
from mining.config import BrandConfig, ChallengesConfig
from mining.embed.align import LanguageAligner


def test_outage(shared, embed):
    reviews = pd.read_csv(shared / "corpora/app-reviews/dataset_balanced_4000.csv")
    reviews = reviews[reviews["label"].isin(["bug report", "feature request"])]
    login = reviews["review"].str.contains(r"\blog ?in\b|\blogin", case=False, regex=True)
    outage = reviews[login & reviews["label"].eq("bug report")].head(32)
    rest = reviews[~login].sample(130, random_state=3)
    start = pd.Timestamp("2026-09-07 08:00", tz="UTC")
    times = [start + pd.Timedelta(hours=8 * i) for i in range(len(rest))]
    times += [pd.Timestamp("2026-10-15 07:00", tz="UTC") + pd.Timedelta(minutes=25 * i) for i in range(len(outage))]
    sample = pd.concat([rest, outage])
    posts = pd.DataFrame({"post_id": [f"p{i}" for i in range(len(sample))], "text_norm": sample["review"].tolist(),
                          "lang": "en", "author": [f"m{i % 12}" for i in range(len(sample))], "created_at": times})
    typed = pd.DataFrame({"post_id": posts["post_id"], "feedback_type": np.where(sample["label"].eq("bug report"), "complaint", "request"),
                          "feedback_confidence": 0.9, "is_spam": False})
    aligned = LanguageAligner(min_posts=5).fit_transform(embed(posts["text_norm"].tolist()), posts["lang"].to_numpy())
    (typed, model), _ = cluster_challenges(posts, typed, aligned, ChallengesConfig(), BrandConfig())
    ids = typed["challenge_id"].to_numpy()[-len(outage):]
    print(model.fit_, model.table_[["topic_id", "size", "label"]])
    print(pd.Series(ids).value_counts())
    assert False
