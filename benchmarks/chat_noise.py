"""How many posts each chat-noise reason sets aside on real chats and comments, with samples to read.

Sources (read from ../shared, never copied): the WhatsApp, Telegram and Discord fixtures (English
and German group and direct chats), the demo corpus's chats (Hebrew, Greek, English), Hebrew
YouTube and Facebook comments, Greek Facebook posts and tweets (the dialect corpus and
OffensEval), English support tweets. Chat
exports go through ``mining.read_posts`` (readers, privacy, normalization, languages, skips);
corpus files through the same normalization, language and filter stages from their text.

For each source: posts, the posts set aside as media placeholders and deletion notes, then by
each noise reason. With ``--show N``, N
distinct removed posts per language (seeded sample) with their reason, and N kept short posts (twelve
words or fewer), to judge precision by reading.

    .venv/bin/python benchmarks/chat_noise.py [--shared ../shared] [--show 30]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd

import mining
from mining.config import Config
from mining.filter import mark_skips
from mining.lang import detect_languages
from mining.lang.noise import NOISE_REASONS
from mining.normalize import normalize_posts

ROOT = Path(__file__).resolve().parents[1]


def _corpus(texts: list[str], source: str) -> pd.DataFrame:
    posts = pd.DataFrame({"text": texts, "kind": "message", "source": source,
                          "deleted": pd.array([False] * len(texts), dtype="boolean"),
                          "lang_hint": pd.array([None] * len(texts), dtype="string")})
    return mark_skips(detect_languages(normalize_posts(posts)), Config().filter)


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def sources(shared: Path) -> dict[str, pd.DataFrame]:
    """Each source's prepared posts."""
    corpora, fixtures = shared / "corpora", shared / "fixtures"
    config = Config()
    chats = {
        "whatsapp fixtures": sorted((fixtures / "whatsapp").glob("*.txt")),
        "telegram+discord fixtures": sorted([*(fixtures / "telegram").glob("*.json"),
                                             *(fixtures / "discord").glob("*.json")]),
        "demo chats (he/el/en)": [ROOT / "corpora" / "demo"],
    }
    out = {name: mining.read_posts([str(p) for p in paths], config) for name, paths in chats.items()}
    youtube = json.loads((corpora / "hebrew-youtube-comments" / "comments.json").read_text())
    out["hebrew youtube comments"] = _corpus([c["text"] for c in youtube], "youtube")
    facebook = pd.read_csv(corpora / "hebrew-sentiment" / "train.tsv", sep="\t")
    out["hebrew facebook comments"] = _corpus(facebook["comment"].astype(str).tolist(), "facebook")
    greek = corpora / "greek-dialect"
    out["greek facebook posts"] = _corpus(_lines(greek / "smg_fb.txt") + _lines(greek / "cg_fb.txt"), "facebook")
    out["greek tweets"] = _corpus(_lines(greek / "smg_twitter.txt") + _lines(greek / "cg_twitter.txt"), "twitter")
    offenseval = pd.read_csv(corpora / "offenseval-greek" / "train.tsv", sep="\t")
    out["greek tweets (offenseval)"] = _corpus(offenseval["tweet"].astype(str).tolist(), "twitter")
    tweets = pd.read_csv(corpora / "twcs-sample" / "sample.csv")
    out["english support tweets"] = _corpus(tweets["text"].astype(str).tolist(), "twitter")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--show", type=int, default=0, help="removed and kept posts to print per language")
    args = parser.parse_args()
    prepared = sources(args.shared)
    rows = []
    for name, posts in prepared.items():
        counts = posts["skip_reason"].value_counts()
        rows.append({"source": name, "posts": len(posts),
                     **{reason: int(counts.get(reason, 0)) for reason in ("media", "deleted", *NOISE_REASONS)}})
    table = pd.DataFrame(rows).set_index("source")
    table["noise"] = table[list(NOISE_REASONS)].sum(axis=1)
    table["share"] = (table["noise"] / table["posts"]).round(3)
    print(table.to_string())
    if args.show:
        # The fixtures repeat one chat in several layouts: each text is read once.
        every = pd.concat(prepared.values(), ignore_index=True).drop_duplicates("text_norm")
        for lang in ("he", "el", "en"):
            posts = every[every["lang"] == lang]
            removed = posts[posts["skip_reason"].isin(NOISE_REASONS)]
            kept = posts[posts["analyzed"].fillna(False).astype(bool)
                         & (posts["text_norm"].str.split().str.len() <= 12)]
            print(f"\n=== {lang}: {len(removed)} removed of {len(posts)}; sample of removed")
            for row in removed.sample(min(args.show, len(removed)), random_state=7).itertuples():
                print(f"  {row.skip_reason:12} {row.text_norm[:110]!r}")
            print(f"--- {lang}: sample of kept short posts")
            for row in kept.sample(min(args.show, len(kept)), random_state=7).itertuples():
                print(f"  {'kept':12} {row.text_norm[:110]!r}")


if __name__ == "__main__":
    main()
