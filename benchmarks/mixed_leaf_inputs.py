"""Small Telegram exports where problems share one group with others and with chatter.

Writes, from ``../shared`` (development use only, nothing shipped), the inputs of README's "A
group too large to keep, too mixed to drop": questions of four or five Banking77 intents (8 to 12
posts each) with real chatter (app-review ratings, support tweets, lines of the WhatsApp
fixtures), and two for a chat's talk (Hebrew comments on the president's page with Hebrew
YouTube comments; Greek tweets and Cypriot posts with English card questions), each a Telegram
``result.json`` with 18 members. Run ``challenge_selection.py`` on them.

Usage:
    .venv/bin/python benchmarks/mixed_leaf_inputs.py OUT [--shared ../shared]
"""
from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
CHATS = ("whatstk__pokemon.txt", "whats_json__gesiscss-WhatsR__englishandroid24h.txt",
         "rwhatsapp__sample.txt")
INTENTS = {"bank_small": {"declined_card_payment": 9, "card_arrival": 9, "top_up_failed": 10,
                          "transfer_not_received_by_recipient": 10},
           "bank_mid": {"declined_card_payment": 12, "card_arrival": 11, "top_up_failed": 10,
                        "transfer_not_received_by_recipient": 10, "exchange_rate": 10}}
CHATTER = {"bank_small": (20, 25), "bank_mid": (20, 25)}  # app-review ratings, support tweets


def _draw(texts: pd.Series, n: int, rng: random.Random) -> list[str]:
    return texts.sample(min(n, len(texts)), random_state=rng.randrange(10**6)).tolist()


def chat_lines(shared: Path, n: int, rng: random.Random) -> list[str]:
    """``n`` members' lines of the WhatsApp fixtures, media placeholders aside."""
    lines = []
    for name in CHATS:
        for line in (shared / "fixtures" / "whatsapp" / name).read_text(errors="replace").splitlines():
            found = re.match(r"^[\[\d].*?[-\]] ([^:]{1,30}): (.+)$", line)
            if found and "omitted" not in found.group(2) and len(found.group(2)) > 3:
                lines.append(found.group(2))
    rng.shuffle(lines)
    return lines[:n]


def bank_chat(shared: Path, recipe: str, seed: int) -> tuple[list[str], random.Random]:
    """A recipe's Banking77 questions, app-review ratings, support tweets and chat lines."""
    rng = random.Random(seed)
    corpora = shared / "corpora"
    bank = pd.read_csv(corpora / "banking77" / "train.csv")
    texts = [t for intent, n in INTENTS[recipe].items()
             for t in _draw(bank.loc[bank["category"] == intent, "text"], n, rng)]
    reviews = pd.read_csv(corpora / "app-reviews" / "dataset_balanced_4000.csv")
    tweets = pd.read_csv(corpora / "twcs-sample" / "sample.csv")
    ratings, n_tweets = CHATTER[recipe]
    texts += _draw(reviews.loc[reviews["label"] == "rating", "review"], ratings, rng)
    texts += _draw(tweets.loc[tweets["inbound"] == True, "text"]  # noqa: E712 (a column of bools)
                   .str.replace(r"@\w+\s*", "", regex=True), n_tweets, rng)
    return texts + chat_lines(shared, 40, rng), rng


def talk_chats(shared: Path) -> dict[str, tuple[list[str], random.Random]]:
    """The two chats of talk: Hebrew politics and YouTube comments; Greek tweets and Cypriot
    posts with English card questions."""
    corpora = shared / "corpora"
    rng = random.Random(1)
    hebrew = pd.read_csv(corpora / "hebrew-sentiment" / "train.tsv", sep="\t")["comment"].dropna()
    youtube = [c["text"] for c in json.loads((corpora / "hebrew-youtube-comments" /
                                              "comments.json").read_text())]
    he = hebrew.sample(200, random_state=1).tolist() + rng.sample(youtube, 60)
    chats = {"he_politics_1": (he, rng)}
    rng = random.Random(1)
    greek = pd.read_csv(corpora / "offenseval-greek" / "train.tsv", sep="\t")["tweet"]
    cypriot = [line for line in (corpora / "greek-dialect" / "cg_fb.txt").read_text().splitlines(True)
               if line.strip()][:40]
    bank = pd.read_csv(corpora / "banking77" / "train.csv")
    el = greek.str.replace("@USER", "").sample(150, random_state=1).tolist() + cypriot
    el += _draw(bank.loc[bank["category"] == "declined_card_payment", "text"], 12, rng)
    el += _draw(bank.loc[bank["category"] == "card_delivery_estimate", "text"], 12, rng)
    chats["el_mixed_1"] = (el, rng)
    return chats


def write(path: Path, texts: list[str], rng: random.Random, members: int = 18) -> None:
    """``texts`` in a shuffled order as a Telegram export, a message every 10 to 90 minutes."""
    rng.shuffle(texts)
    authors = [f"Member {i}" for i in range(members)]
    messages, time = [], 1717200000
    for i, text in enumerate(texts):
        time += rng.randrange(600, 5400)
        who = rng.randrange(members)
        messages.append({"id": i + 1, "type": "message", "date_unixtime": str(time),
                         "from": authors[who], "from_id": f"user{who}", "text": text})
    path.write_text(json.dumps({"name": path.stem, "type": "private_group", "id": 1,
                                "messages": messages}, ensure_ascii=False, indent=1))
    print(path, len(messages))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    chats = {f"{recipe}_{seed}": bank_chat(args.shared, recipe, seed)
             for recipe in INTENTS for seed in (1, 2, 3)}
    for name, (texts, rng) in {**chats, **talk_chats(args.shared)}.items():
        write(args.out / f"{name}.json", texts, rng)


if __name__ == "__main__":
    main()
