"""Debris in keywords and labels on real chats and corpora: names, pseudonym fragments, masks,
links and handles, elongations, dialect function words.

Runs ``mining run`` end to end on each input set below and reads every keyword and label of
``topics.csv``, ``challenges.csv`` and ``content_feed.csv``. Each word of a keyword or label is
checked against evidence from the same run, so an ordinary word is not counted by accident:

* ``name``: the first or last word of a member's name (authors and the people the input names,
  gathered by ``mining.privacy.Identities`` from the raw input, as the privacy stage does; the
  words between, "אמא" in "מורן אמא של עומר", describe more often than they name, and a handle
  such as ``deal_hunter_gr`` is only written whole), also written in another script ("דני" for
  "Dani M", read with this checkout's ``name_key``);
* ``first_name``: a Greek word of the run's texts that is a first name of someone who is no
  member ("Σουζάνα", "Μαρία"), by this checkout's ``first_names_in_posts`` and its lists
  (``mining/lang/data``): this check uses the same evidence as the code that leaves such names
  out, so it shows what reached the labels before, not an independent count;
* ``fragment``: a piece of a member's name spelt with hyphens or dots ("bbu", "ffet" of
  "Wo-bbu-ffet" written by Wobbuffet);
* ``signature``: a word the texts hold mostly as a support agent's signature (``^AC``);
* ``repeated``: a word only one post holds, repeated there ("הר הר הר הר");
* ``pseudonym``: ``member`` or a letter run of a pseudonym's hex digits (``@member-1aae0ee2``
  read as ``aae`` and ``ee``);
* ``mask``: a word that the run's texts hold more often as a mask (``[phone]``) than as a word;
* ``link``: a word that the texts hold inside a URL, an @handle or a #hashtag and at most twice
  outside one;
* ``elongation``: a letter written three times or more (``ענקקק``, ``sooo``), a doubled Hebrew
  final letter (``נושםם``), or a syllable repeated (``χαχαχα``, ``hahaha``);
* ``dialect``: a Cypriot Greek function word (``DIALECT`` below; the issue's examples and the
  list in ``mining/lang/el_cypriot.py``), counted apart from the debris;
* ``unwritten``: a word no post of the run writes (folded), such as a Greeklish word's reading
  in Greek letters ("ρεσταρτ" for "restart", review 9 R9-6);
* ``opener``: a word that is the first word of at least 80% of the posts holding it, in five
  posts or more: a vocative or filler members open messages with ("חברים,", "Σοβαρά τώρα,",
  review 9 R9-7); it may also be a product's name that opens every post about it, so it is
  counted apart from the debris.

And, for labels only (the label of a table's row and its label in each language):

* ``duplicate``: a label equal to an earlier label of the same column of the same table;
* ``shared``: a label holding a word (folded) that another label of the same column holds, so
  that the word does not tell the two apart ("הנשיא · מדינת · ישראל" and "הנשיא · רובי ·
  אדוני"); counted apart from the debris, since two topics may share a word and still read
  apart;
* ``first_name_he``: a label holding a Hebrew first name of someone who is no member, by this
  checkout's ``hebrew_first_names_in_posts`` and ``mining/lang/data/first_names_he.txt`` (the
  same evidence as the code that keeps them out of labels; they stay keywords, so keywords are
  not checked);
* ``profanity``: a label holding a profanity or a vulgar interjection, by this checkout's lists
  (``mining/lang/data/profanity_{he,el,en}.txt``, read from the files: the same evidence as the
  code that keeps them out of labels) and the examples of the brief (μαλάκα, γαμώ, פאק).

The script is independent of the code it measures: to measure another checkout, put it first on
the path (``PYTHONPATH=/path/to/checkout``). Inputs are read from ``../shared``; samples of the
larger corpora are written to a temporary folder, never into the project.

Usage:
    nice .venv/bin/python benchmarks/label_hygiene.py [--out /tmp/label_hygiene] [--show]
"""
from __future__ import annotations

import argparse
import json
import re
import runpy
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # after PYTHONPATH, so another checkout can be measured

import mining  # noqa: E402
from mining.config import Config  # noqa: E402
from mining.ingest import read_inputs  # noqa: E402
from mining.normalize import fold_text  # noqa: E402
from mining.privacy import Identities  # noqa: E402

SAMPLE = 1000  # posts sampled from each large corpus (seed 7)
# A word counts as taken from links, handles or hashtags when the texts hold it there and at most
# this often anywhere else (ΣΥΡΙΖΑ is a hashtag and a word; "starkypros", "co", "https" are not).
LINK_PLAIN_MAX = 2
MASKS = ("phone", "email", "meeting", "password", "link", "url", "user")
NO_SHARED_WORD = "no word shared by several posts"  # the label of a cluster without keywords
OPENS, OPENER_POSTS = 0.8, 5  # a word first in this share of its posts, of at least so many
def _fold(word: str) -> str:
    """Case, accents and final sigma folded, as the analysis counts words."""
    return fold_text(word).replace("ς", "σ")


# This checkout's name reading and first-name lists (read from the file, whatever code is measured).
NAMES = runpy.run_path(str(ROOT / "mining/lang/names.py"))
_SPLIT = re.compile(r"[^\W\d_]+(?:[-‐.·][^\W\d_]+)+")
_SIGNED = re.compile(r"\^([A-Za-z]{1,3})\b")
# The examples and this checkout's list (read from the file, whatever code is measured).
DIALECT = {_fold(w) for w in (
    "τζιαι", "τζαι", "εννα", "ούλλα", "ιντα",
    *runpy.run_path(str(ROOT / "mining/lang/el_cypriot.py"))["CYPRIOT_FUNCTION_WORDS"])}
_SPANS = re.compile(r"(?:https?://|www\.)\S+|\b(?:[\w-]+\.)+[a-z]{2,6}/\S*|[@#][\w.\-]+")
_MASK = re.compile(r"\[(\w+)\]")
_WORD = re.compile(r"[^\W\d_]+")
_ELONGATED = re.compile(r"([^\W\d_])\1\1|([םןץףך])\2|([^\W\d_]{2,3})\3{2,}")
_PSEUDONYM = re.compile(r"member-([0-9a-f]{8})")


def _lexicon(lang: str) -> tuple[set[str], tuple[str, ...]]:
    """This checkout's profanity list of ``lang``: folded words, and prefixes (a line ending
    in ``*``); empty when the checkout has none."""
    path = ROOT / "mining" / "lang" / "data" / f"profanity_{lang}.txt"
    lines = [line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines()
             ] if path.exists() else []
    return ({_fold(w) for w in lines if w and not w.endswith("*")},
            tuple(_fold(w[:-1]) for w in lines if w.endswith("*")))


_PROFANE = [_lexicon(lang) for lang in ("he", "el", "en")] + [
    ({_fold(w) for w in ("μαλάκα", "γαμώ", "פאק")}, ())]


def profane(word: str) -> bool:
    """Whether ``word`` (folded, a stretched letter squeezed) is in a profanity list."""
    w = re.sub(r"([^\W\d_])\1{2,}", r"\1", _fold(word))
    return any(w in words or w.startswith(prefixes) for words, prefixes in _PROFANE if
               words or prefixes)


def _sample_table(path: Path, text: str, out: Path, sep: str = ",") -> Path:
    frame = pd.read_csv(path, sep=sep, quoting=3 if sep == "\t" else 0)
    frame = frame.sample(n=min(SAMPLE, len(frame)), random_state=7)[[text]]
    target = out / f"{path.parent.name}.csv"
    frame.rename(columns={text: "text"}).to_csv(target, index=False)
    return target


def input_sets(tmp: Path) -> dict[str, tuple[list[str], dict]]:
    """name → (inputs, config dict)."""
    corpora, fixtures = SHARED / "corpora", SHARED / "fixtures"
    tmp.mkdir(parents=True, exist_ok=True)
    twcs = pd.read_csv(corpora / "twcs-sample/sample.csv", dtype=str)
    brands = sorted(a for a in twcs["author_id"].unique() if not a.isdigit())
    return {
        "whatsapp": ([str(fixtures / "whatsapp")], {}),
        "telegram": ([str(fixtures / "telegram")], {}),
        "greek_dialect": ([str(corpora / "greek-dialect")], {}),
        "greek_tweets": ([str(_sample_table(corpora / "offenseval-greek/train.tsv", "tweet", tmp,
                                            "\t"))], {}),
        "support_tweets": ([str(corpora / "twcs-sample/sample.csv")],
                           {"brand": {"accounts": brands}, "input": {"id_column": "tweet_id"}}),
        "hebrew_comments": ([str(corpora / "hebrew-youtube-comments/comments.json"),
                             str(_sample_table(corpora / "hebrew-sentiment/train.tsv", "comment",
                                               tmp, "\t"))], {}),
        "youtube_comments": ([str(corpora / "hebrew-youtube-comments")], {}),
        "app_reviews": ([str(_sample_table(corpora / "app-reviews/dataset_balanced_4000.csv",
                                           "review", tmp))], {}),
    }


def member_words(inputs: list[str], config: Config) -> set[str]:
    """The first and last words of the members' names, as written."""
    raw, _ = read_inputs(inputs, config.input)
    people = Identities(config.privacy, config.brand).add(raw)
    words = set()
    for name in people.names:
        if not re.fullmatch(r"[\w.]*(?:_|\d)[\w.]*", name):  # handles are written whole
            found = [w for w in _WORD.findall(name) if len(w) >= 2]
            words.update(found[:1] + found[-1:])
    return words


def _evidence(texts: pd.Series, names: set[str]) -> dict:
    """Word counts inside masks, inside links/handles/hashtags, in plain text, as signatures;
    pseudonym runs; pieces of names spelt in pieces; words one post holds and repeats."""
    masked, linked, plain, signed, posts = Counter(), Counter(), Counter(), Counter(), Counter()
    first = Counter()
    fragments, pieces, repeated = {"member"}, set(), set()
    folded_names = {_fold(n) for n in names}
    for text in texts.fillna("").astype(str):
        for hexes in _PSEUDONYM.findall(text):
            fragments.update(r for r in re.findall(r"[a-f]+", hexes) if len(r) >= 2)
        masked.update(_fold(m) for m in _MASK.findall(text))
        signed.update(_fold(m) for m in _SIGNED.findall(text))
        for span in _SPANS.findall(text):
            linked.update(_fold(w) for w in _WORD.findall(span))
        for split in _SPLIT.findall(text):
            if _fold("".join(_WORD.findall(split))) in folded_names:
                pieces.update(_fold(w) for w in _WORD.findall(split))
        rest = _SPANS.sub(" ", _PSEUDONYM.sub(" ", _MASK.sub(" ", text)))
        words = Counter(_fold(w) for w in _WORD.findall(rest))
        first.update(_fold(w) for w in _WORD.findall(rest)[:1])
        plain.update(words)
        posts.update(words.keys())
        repeated.update(w for w, n in words.items() if n >= 2)
    return {"masked": masked, "linked": linked, "plain": plain, "fragments": fragments,
            "signed": signed, "pieces": pieces - folded_names,
            "repeated": {w for w in repeated if posts[w] == 1},
            "opener": {w for w, n in first.items() if posts[w] >= OPENER_POSTS
                       and n >= OPENS * posts[w]}}


def flags(word: str, names: set[str], evidence: dict) -> list[str]:
    masked, linked, plain = evidence["masked"], evidence["linked"], evidence["plain"]
    w = _fold(word)
    found = []
    if w in names:
        found.append("name")
    if w in evidence["first_names"]:
        found.append("first_name")
    if w in evidence["fragments"]:
        found.append("pseudonym")
    if w in evidence["pieces"]:
        found.append("fragment")
    if evidence["signed"][w] * 2 > plain[w]:
        found.append("signature")
    if w in evidence["repeated"]:
        found.append("repeated")
    if w in MASKS and masked[w] >= plain[w]:
        found.append("mask")
    if linked[w] and plain[w] <= LINK_PLAIN_MAX:
        found.append("link")
    if _ELONGATED.search(w):
        found.append("elongation")
    if w in DIALECT:
        found.append("dialect")
    if not (plain[w] or masked[w] or linked[w]):
        found.append("unwritten")
    if w in evidence["opener"]:
        found.append("opener")
    return found


def terms(folder: Path) -> list[tuple[str, str]]:
    """(where, term) for every keyword and label of a run."""
    out = []
    for table in ("topics", "challenges", "content_feed"):
        path = folder / f"{table}.csv"
        if not path.exists():
            continue
        frame = pd.read_csv(path, dtype=str)
        for column in frame.columns:
            if column == "label" or column.startswith(("label_", "keywords_")):
                for row, value in frame[column].dropna().items():
                    for term in value.split("; ") if column.startswith("keywords_") else [value]:
                        out.append((f"{table}:{row}:{column}", term))
    return out


def label_checks(folder: Path, texts: list[str], show: bool = False) -> Counter:
    """Duplicate labels, labels sharing a word with another label of their column, labels
    holding a profanity or a Hebrew first name, over every label column of a run's tables."""
    counts: Counter = Counter()
    hebrew_names = NAMES["hebrew_first_names_in_posts"](texts)
    for table in ("topics", "challenges", "content_feed"):
        path = folder / f"{table}.csv"
        if not path.exists():
            continue
        frame = pd.read_csv(path, dtype=str)
        for column in [c for c in frame.columns if c == "label" or c.startswith("label_")]:
            labels = frame[column].dropna().tolist()
            words = [{_fold(w) for w in _WORD.findall(label)} for label in labels]
            held = Counter(w for ws in words for w in ws)
            for i, label in enumerate(labels):
                found = []
                if label in labels[:i]:
                    found.append("duplicate")
                if any(held[w] > 1 for w in words[i]):
                    found.append("shared")
                if any(profane(w) for w in _WORD.findall(label)):
                    found.append("profanity")
                if any(w in hebrew_names for w in _WORD.findall(label)):
                    found.append("first_name_he")
                counts.update(found)
                counts["labels"] += 1
                if found and show:
                    print(f"  {folder.name} {table}:{i}:{column}: {label!r} {found}")
    return counts


def measure(name: str, inputs: list[str], extra: dict, out: Path, show: bool, reuse: bool) -> dict:
    config = Config.from_dict({**extra, "run": {"name": name}})
    started = time.perf_counter()
    if not (reuse and (out / name / "posts.parquet").exists()):
        mining.run(inputs, out / name, config)
    members = member_words(inputs, config)
    texts = pd.read_parquet(out / name / "posts.parquet", columns=["text"])["text"]
    evidence = _evidence(texts, members)
    items = terms(out / name)
    words = {w for _, term in items for w in _WORD.findall(term)}
    names = {_fold(w) for w in members | NAMES["other_script_spellings"](members, words)}
    evidence["first_names"] = {_fold(w) for w in NAMES["first_names_in_posts"](
        texts.fillna("").astype(str).tolist()) if w in words}
    counts: Counter = Counter()
    for where, term in items:
        if term.startswith(NO_SHARED_WORD):  # the tables' own words, no keyword
            continue
        found = {f for word in _WORD.findall(term) for f in flags(word, names, evidence)}
        for f in found:
            counts[f] += 1
        if found - {"dialect", "opener"}:
            counts["debris"] += 1
        if found and show:
            print(f"  {name} {where}: {term!r} {sorted(found)}")
    counts.update(label_checks(out / name, texts.fillna("").astype(str).tolist(), show))
    return {"set": name, "terms": len(items), **counts,
            "seconds": round(time.perf_counter() - started, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/label_hygiene"))
    parser.add_argument("--show", action="store_true", help="print every flagged term")
    parser.add_argument("--only", nargs="*", help="input sets to run (default: all)")
    parser.add_argument("--reuse", action="store_true",
                        help="check the runs already in --out instead of running them again")
    args = parser.parse_args()
    print(f"measuring {Path(mining.__file__).parent}")
    rows = []
    for name, (inputs, extra) in input_sets(args.out / "_inputs").items():
        if args.only and name not in args.only:
            continue
        rows.append(measure(name, inputs, extra, args.out, args.show, args.reuse))
        print(json.dumps(rows[-1], ensure_ascii=False))
    table = pd.DataFrame(rows).fillna(0)
    counts = [c for c in table.columns if c not in ("set", "seconds")]
    table[counts] = table[counts].astype(int)
    columns = ["set", "terms", "debris", "name", "first_name", "pseudonym", "fragment",
               "signature", "repeated", "mask", "link", "elongation", "unwritten", "dialect",
               "opener", "labels",
               "duplicate", "shared", "profanity", "first_name_he", "seconds"]
    for c in columns:
        if c not in table:
            table[c] = 0
    table = table[columns]
    total = table.drop(columns="set").sum().to_dict()
    print("| " + " | ".join(columns) + " |\n|" + "---|" * len(columns))
    for row in table.itertuples(index=False):
        print("| " + " | ".join(str(v) for v in row) + " |")
    print("total:", {k: int(v) if k != "seconds" else v for k, v in total.items()})


if __name__ == "__main__":
    main()
