"""How well "answered (estimate)" guesses from what follows a question, where the truth is known.

The estimate (``mining.challenges.answered``) is what a report says for chats without reply
links (WhatsApp). Here it is made on chats whose replies are known, with the links hidden, and
compared with the truth for every post the classifier types as a question (not the brand's):

* the demo corpus's Telegram (Greek) and Discord (English) chats: the truth is their reply links;
* the demo corpus's WhatsApp chat (Hebrew): the export has no links; the truth is the demo's
  source (``corpora/demo-source/posts_he.jsonl``, ``reply_to``), matched by the answer key;
* the real exports of ``../shared/fixtures`` that carry reply links or threads (Telegram,
  Discord, Reddit, Discourse): few questions, shown for what they are.

Precision: of the questions the estimate calls answered, the share that were; recall: of the
answered questions, the share it finds. ``--grid`` prints the same for other settings of the
estimate, on the Telegram and Discord chats only (the WhatsApp chat stays for checking).

The estimate reads what a run gives it: the posts' vectors and types (a follower must be close
enough to the question and no complaint or request of its own); ``--time-only`` prints it from
time and order alone (as before it read content), ``--similarity`` at other levels of similarity.

Usage:
    nice .venv/bin/python benchmarks/answered_estimate.py [--grid | --similarity | --time-only]
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

import mining  # noqa: E402
from mining.challenges import answered as estimate  # noqa: E402
from mining.challenges.feedback import FeedbackClassifier  # noqa: E402
from mining.challenges.threads import brand_authors, link_replies  # noqa: E402
from mining.config import Config  # noqa: E402
from mining.embed import embed_texts, get_embedder  # noqa: E402
from mining.embed.cache import EmbeddingCache  # noqa: E402

DEMO = ROOT / "corpora" / "demo"
HIDDEN = ["parent_id", "thread_id", "reply_count"]


def questions(posts: pd.DataFrame, config: Config) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per post, as the challenges stage gives them to the estimate: whether it is typed a
    question, whether a complaint, and its unit vector (NaN where not analyzed)."""
    analyzed = posts["analyzed"].to_numpy(dtype=bool)
    texts = posts.loc[analyzed, "text_norm"].tolist()
    vectors, _ = embed_texts(texts, get_embedder(config.embedding.name),
                             EmbeddingCache(config.embedding.cache_dir))
    typed = FeedbackClassifier().predict(texts, posts.loc[analyzed, "lang"].tolist(), vectors)
    asked, claims = np.zeros(len(posts), dtype=bool), np.zeros(len(posts), dtype=bool)
    asked[analyzed] = typed["feedback_type"].to_numpy() == "question"
    claims[analyzed] = typed["feedback_type"].eq("complaint").to_numpy()
    unit = np.full((len(posts), vectors.shape[1]), np.nan, dtype=np.float32)
    unit[analyzed] = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return asked, claims, unit


def scores(posts: pd.DataFrame, asked: np.ndarray, content: tuple | None = None) -> np.ndarray:
    """The estimate with every reply link hidden; ``content`` (complaints, vectors): the vectors
    as a run gives them, and the posts typed complaint to leave out as answers (None: keep them,
    as a run does); ``content`` None: the estimate from time and order alone."""
    hidden = posts.drop(columns=[c for c in HIDDEN if c in posts])
    claims, vectors = content if content is not None else (None, None)
    # A follower typed complaint is left out as a question is (the rule tried and not kept).
    barred = asked if claims is None else asked | claims
    return estimate.estimate_answered(hidden, barred, np.zeros(len(posts), dtype=bool), vectors)


def linked_truth(posts: pd.DataFrame) -> np.ndarray:
    return link_replies(posts, set())["answered"].astype("boolean").to_numpy(dtype=float,
                                                                           na_value=np.nan)


def whatsapp_truth(posts: pd.DataFrame) -> np.ndarray:
    """Answered per post of the demo's WhatsApp chat, from the demo's source."""
    key = pd.read_csv(ROOT / "corpora" / "demo_answer_key.csv", dtype=str)
    key = key[key["file"].str.startswith("whatsapp/")]
    demo_id = dict(zip(key["source_id"], key["post"].fillna("")))
    source = [json.loads(line) for line in
              (ROOT / "corpora/demo-source/posts_he.jsonl").read_text(encoding="utf-8").splitlines()]
    author = {p["id"]: p["author"] for p in source}
    answered = {p["reply_to"] for p in source
                if p["reply_to"] and p["author"] != author.get(p["reply_to"])}
    ids = posts["source_id"].astype(str).map(demo_id).fillna("")
    return np.array([float(i in answered) if i else np.nan for i in ids])


def compare(name: str, truth: np.ndarray, score: np.ndarray, asked: np.ndarray) -> dict:
    use = asked & ~np.isnan(truth) & ~np.isnan(score)
    said = score[use] >= estimate.THRESHOLD
    true = truth[use] == 1
    hits = int((said & true).sum())
    return {"chat": name, "questions": int(use.sum()), "answered": int(true.sum()),
            "said answered": int(said.sum()), "both": hits,
            "precision": round(hits / said.sum(), 3) if said.sum() else float("nan"),
            "recall": round(hits / true.sum(), 3) if true.sum() else float("nan"),
            "agree": round(float((said == true).mean()), 3) if use.any() else float("nan")}


def chats() -> dict[str, tuple[pd.DataFrame, np.ndarray, np.ndarray, tuple]]:
    """name -> (posts, truth, asked, (claims, vectors)), the brand's questions left out."""
    config = Config.from_file(ROOT / "corpora" / "demo.toml")
    fixtures = SHARED / "fixtures"
    inputs = {
        "demo Telegram (el)": ([DEMO / "telegram"], linked_truth),
        "demo Discord (en)": ([DEMO / "discord"], linked_truth),
        "demo WhatsApp (he)": ([DEMO / "whatsapp"], whatsapp_truth),
        "real fixtures with links": ([*sorted((fixtures / "telegram").glob("*.json")),
                                      *sorted((fixtures / "discord").glob("*.json")),
                                      *sorted((fixtures / "reddit").glob("*.json")),
                                      fixtures / "discourse" / "discourse_api__topic.json"],
                                     linked_truth),
    }
    out = {}
    for name, (paths, truth) in inputs.items():
        posts = mining.read_posts([str(p) for p in paths], config).reset_index(drop=True)
        asked, claims, vectors = questions(posts, config)
        asked &= ~posts["author"].isin(brand_authors(posts, config.brand.accounts)).to_numpy()
        out[name] = (posts, truth(posts), asked, (claims, vectors))
    return out


def grid(prepared: dict) -> None:
    tuning = [v for k, v in prepared.items() if k.startswith(("demo Telegram", "demo Discord"))]
    print("| followers | window h | decay | half-life h | precision | recall | agree |")
    print("|---|---|---|---|---|---|---|")
    for followers, window, decay, half in itertools.product((1, 2, 3, 5), (2.0, 12.0),
                                                            (0.5, 0.7, 0.9), (1.0, 3.0, 12.0)):
        estimate.FOLLOWERS, estimate.WINDOW_HOURS = followers, window
        estimate.DECAY, estimate.HALF_LIFE_HOURS = decay, half
        rows = [compare("", truth, scores(posts, asked, (None, vectors)), asked)
                for posts, truth, asked, (_, vectors) in tuning]
        said = sum(r["said answered"] for r in rows)
        both = sum(r["both"] for r in rows)
        answered = sum(r["answered"] for r in rows)
        agree = sum(r["agree"] * r["questions"] for r in rows) / sum(r["questions"] for r in rows)
        print(f"| {followers} | {window:g} | {decay} | {half:g} | {both / max(said, 1):.3f} | "
              f"{both / max(answered, 1):.3f} | {agree:.3f} |")


def similarity_grid(prepared: dict) -> None:
    """The content rule at other levels of similarity, with and without leaving the followers
    typed complaint out, on every chat (the level is chosen on Telegram and Discord; WhatsApp is
    held out)."""
    shipped = estimate.SIMILARITY
    print(f"shipped: similarity {shipped}, complaints kept; none: time and order alone")
    print("| similarity | complaints left out | chat | said answered | precision | recall | agree |")
    print("|---|---|---|---|---|---|---|")
    for level, no_claims in itertools.product((None, -0.05, 0.0, 0.025, 0.05, 0.075, 0.1, 0.15),
                                              (False, True)):
        estimate.SIMILARITY = shipped if level is None else level
        for name, (posts, truth, asked, (claims, vectors)) in prepared.items():
            content = (claims if no_claims else None, None if level is None else vectors)
            row = compare(name, truth, scores(posts, asked, content), asked)
            print(f"| {level if level is not None else 'none'} | {no_claims} | {name} | "
                  f"{row['said answered']} | {row['precision']} | {row['recall']} | {row['agree']} |")
    estimate.SIMILARITY = shipped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--grid", action="store_true", help="other settings, on the tuning chats")
    parser.add_argument("--similarity", action="store_true",
                        help="other levels of similarity, with and without leaving complaints out")
    parser.add_argument("--time-only", action="store_true",
                        help="the estimate from time and order alone (before it read content)")
    args = parser.parse_args()
    prepared = chats()
    if args.grid:
        grid(prepared)
        return
    if args.similarity:
        similarity_grid(prepared)
        return
    rows = [compare(name, truth, scores(posts, asked, None if args.time_only else (None, vectors)),
                    asked)
            for name, (posts, truth, asked, (_, vectors)) in prepared.items()]
    print("| " + " | ".join(rows[0]) + " |\n|" + "---|" * len(rows[0]))
    for row in rows:
        print("| " + " | ".join(str(v) for v in row.values()) + " |")


if __name__ == "__main__":
    main()
