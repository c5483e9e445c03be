"""Draw the posts of the feedback development set from ../shared, and assign its splits.

Two commands, both deterministic:

* ``candidates``: the seeded draw of real posts (the method is in ``SOURCES.md``). It writes
  ``id, lang, source, source_key, text`` rows, the input of hand labelling.
* ``grow``: a second seeded draw, of posts not yet in ``labels.tsv``, that over-samples the
  classes the first draw left thin (Hebrew and Greek questions, requests, praise); its rows get the
  ids that follow the first draw's and go to ``dev`` only.
* ``third``: a third seeded draw, of posts neither earlier draw took: Greek tweets about a TV show
  and dialect lines, and Hebrew Facebook comments, by strata of the classes still thin; ids follow
  the second draw's, ``dev`` only.
* ``split``: rewrites the ``split`` column of ``labels.tsv``: within each language and feedback
  type, the first draw's rows in id order are shuffled with the seed and the first 40% (rounded)
  become ``test``, the rest ``dev``; the later draws' rows are ``dev``, so growing the set never
  moves a post into or out of the test split.

A source key names a file under ../shared and a place in it: ``#line=N`` (1-based line of a text
file, the text field of a TSV line), ``#row=N`` (0-based data row of a CSV), ``#/a/0/b`` (a JSON
pointer, RFC 6901), with ``!member`` before ``#`` for a file inside a zip. ``resolve_key`` reads
the text back.

Usage:
    .venv/bin/python benchmarks/feedback_devset/select_posts.py candidates --out candidates.tsv
    .venv/bin/python benchmarks/feedback_devset/select_posts.py grow --out more.tsv
    .venv/bin/python benchmarks/feedback_devset/select_posts.py third --out third.tsv
    .venv/bin/python benchmarks/feedback_devset/select_posts.py split benchmarks/feedback_devset/labels.tsv
"""
from __future__ import annotations

import argparse
import csv
import functools
import json
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SEED = 12
MAX_CHARS = 700  # longer posts (pasted logs, essays) are left out
TEST_SHARE = 0.4
GROW_SEED = 13
THIRD_SEED = 14
FIRST_DRAW = {"he": 222, "el": 245, "en": 211}  # rows per language of the first draw (dev and test)
SECOND_DRAW = {"he": 527, "el": 661}  # the last id of the second draw; the third draw's follow

ASK = re.compile(r"[?;;]")  # Greek writes its question mark as ";" (U+037E or the semicolon)
# Surface cues, used only to draw enough requests, complaints and hard cases (negation, "איזה",
# "θέλω" / "να", "μαλάκα"); the labels come from reading each post.
PLEA = {
    "he": re.compile(r"בבקשה|אנא|מבקש|תפעל|אשמח|נשמח|תעלו|תעלה|תוכל"),
    "el": re.compile(r"παρακαλ|θέλ|θελ|ζητ|βοήθ|βοηθ|μπορείτε|μπορειτε|ελάτε|ελατε", re.IGNORECASE),
}
CUE = {
    "he": re.compile(r"\bלא\b|איזה|למה|אכזב|בושה|צריך|חייב|לא עובד"),
    "el": re.compile(r"\bνα\b|μαλακ|γιατ[ίι]|πρέπει|πρεπει|\bδεν\b", re.IGNORECASE),
}
# Greek requests to a show or to everyone: "please", and plural imperatives of common verbs.
REQUEST_EL = re.compile(r"παρακαλ|β[άα]λτε|φ[έε]ρτε|δε[ίι]ξτε|κ[άα]ντε|σταματ[ήη]στε|βγ[άα]λτε|"
                        r"μπορε[ίι]τε να|θα θελαμε|θα θέλαμε", re.IGNORECASE)
SCRIPT = {"he": re.compile(r"[\u0590-\u05FF]"), "el": re.compile(r"[\u0370-\u03FF\u1F00-\u1FFF]")}
# Second draw: cues of the thin classes (a question is ASK plus a question word), used only to
# choose which posts are read.
GROW_CUES = {
    "he": {
        "plea": r"בבקשה|אנא|מבקש|תפעל|אשמח|נשמח|תעזור|עזרו|נא ל|תנו |תן ל|תוכל|תעלו|הייתי רוצה",
        "praise": r"כל הכבוד|תודה על|מדהים|נפלא|גאה|גאים|אלוף|מרגש|מעולה|מחזק|מרשים|ריגשת|יפה מאוד",
        "cue": r"אכזב|בושה|מביש|חבל|שערורי|לא מקובל|תתבייש|מגעיל|עצוב לי|מאוכזב|פספוס",
    },
    "el": {
        "plea": REQUEST_EL.pattern + r"|θα ?ήθελα|θα ?ηθελα|ελπίζω να|ελπιζω να|πείτε|πειτε|"
                r"γράψτε|γραψτε|δώστε|δωστε|αφήστε|αφηστε|ζητάμε|ζηταμε|να βάλετε|να βαλετε",
        "praise": r"μπράβο|μπραβο|τέλει|τελει|υπέροχ|υπεροχ|αγαπ|λατρε|ωραί|ωραι|φοβερ|καταπληκτ|"
                  r"εξαιρετικ|κορυφ|απολαυστικ|γέλασα|γελασα|σας ευχαριστ",
        "cue": r"χάλια|χαλια|απαράδεκτ|απαραδεκτ|ντροπή|ντροπη|βαρετ|αίσχος|αισχος|κρίμα|κριμα|"
               r"σκουπίδ|σκουπιδ|ξεφτίλ|ξεφτιλ|βαρέθηκα|βαρεθηκα|τραγικ|χειρότερ|χειροτερ",
    },
}
QUESTION_WORD = {
    "he": re.compile(r"מתי|איפה|איך|האם|מה |מי |כמה|למה|מדוע|היכן|יש מצב|אפשר"),
    "el": re.compile(r"π[όο]τε|πο[ύυ] |ποι[οαε]|\bτι\b|π[ώω]ς|γιατ[ίι]|ξ[έε]ρει|μ[ήη]πως|"
                     r"υπ[άα]ρχει|θα |π[οό]σ", re.IGNORECASE),
}
HE_QUESTION = re.compile(r"מתי|איפה|האם|שאלה|כמה|היכן|מה עם|איך")
EL_ASK_SHOW = (r"θέλουμε|θελουμε|να (?:βάλετε|βαλετε|δείξετε|δειξετε|κάνετε|κανετε|φέρετε|φερετε)|"
               r"ελπίζω να|ελπιζω να|να ξανα|να επιστρέψει|να επιστρεψει|να γυρίσει|να γυρισει")
EL_ASK_ANYONE = (r"(?:σε|σας) παρακαλ|μπορε[ίι]ς να|μπορε[ίι]τε να|θα μπορο[υύ]σ|στε[ίι]λ(?:ε|τε)|"
                 r"π[εέ]ς μου|πε[ίι]τε μου|δ[ωώ]σε|βοηθ[ηή]σ|ενημερ[ωώ]σ|κ[άα]ντε rt|διαδ[ωώ]στε")
EL_QUESTION = (r"ξ[έε]ρει κανε[ίι]ς|ξ[έε]ρετε|πο[υύ] μπορ|π[ωώ]ς μπορ|τι [ωώ]ρα|μ[ήη]πως ξ|"
               r"π[οό]τε (?:ξεκιν|αρχ|παίζ|παιζ|βγαίν|βγαιν|θα)")
EL_IMPERATIVE = (r"\b(?:ξανα)?(?:β[άα]λτε|δε[ίι]ξτε|φ[έε]ρτε|κ[άα]ντε|πα[ίι]ξτε|αφ[ήη]στε|σταματ[ήη]στε|"
                 r"κ[όο]ψτε|βγ[άα]λτε|π[άα]ρτε|δ[ώω]στε|ρωτ[ήη]στε|καλ[έε]στε|αλλ[άα]ξτε|γυρ[ίι]στε|"
                 r"συνεχ[ίι]στε|ανεβ[άα]στε|εξηγ[ήη]στε|απαντ[ήη]στε)\b")
EL_ASK_DIALECT = (r"βοηθ|π[έε]στε|πε[ίι]τε|π[έε] μου|στε[ίι]λ|μπορε[ίι]τε|μπορε[ίι] κ[άα]ποιος|ξ[έε]ρει καν|"
                  r"[έε]χει καν|παρακαλ|θ[έε]λω να μου|ελ[άα]τε|δ[ώω]στε|κ[άα]μετε|κ[άα]ντε")
EL_WHEN = r"τι ώρα|τι ωρα|π[όο]τε|ξ[έε]ρει κανε[ίι]ς|ξ[έε]ρετε"
# Third draw: hashtags of the TV shows the Greek tweets live-tweet (the "team" of a tweet about one).
EL_SHOW = (r"#(?:gntm|shoppingstar|thevoice|gynaikaxwrisonoma|erwtasmeta|poweroflove|kalomesimeraki|"
           r"kokkinopotami|xfactor|giatinparea|survivor|masterchef|kalytera|agriesmelisses|mesimeri_skai|"
           r"tatouaz|fosstotounel|hepistrofi|thefinal4|the2nightshow|mesanyxta)")
PLACEHOLDERS = {"Minimal Message"}  # a test string of chat-miner, not a post


def resolve_key(shared: Path, key: str) -> str:
    """The text a source key points at.

    Example:
        >>> resolve_key(SHARED, "corpora/greek-dialect/cg_fb.txt#line=2")[:10]   # doctest: +SKIP
        'Ποττε εν η'
    """
    path, _, place = key.partition("#")
    path, _, member = path.partition("!")
    if place.startswith("line="):
        line = _read(shared, path, member).split("\n")[int(place[5:]) - 1].rstrip("\r")
        return line.split("\t")[_TSV_TEXT[path]] if path in _TSV_TEXT else line
    if place.startswith("row="):
        table = _read_csv(shared, path)
        row = table.iloc[int(place[4:])]
        return row["text"] if "text" in table else takeout_text(row["Comment Text"])
    node = json.loads(_read(shared, path, member))
    for part in place.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


@functools.lru_cache(maxsize=16)
def _read(shared: Path, path: str, member: str = "") -> str:
    if not member:
        return (shared / path).read_text(encoding="utf-8")
    with zipfile.ZipFile(shared / path) as archive:
        return archive.read(member).decode("utf-8")


@functools.lru_cache(maxsize=4)
def _read_csv(shared: Path, path: str) -> pd.DataFrame:
    return pd.read_csv(shared / path, dtype=str)


def takeout_text(cell: str) -> str:
    """The text of a Google Takeout comment cell: its segments joined (both layouts)."""
    segments = json.loads(f"[{cell}]")  # '{"text": ...},{"text": ...}' since 2024-06
    if "takeoutSegments" in segments[0]:
        segments = segments[0]["takeoutSegments"]
    return "".join(segment["text"] for segment in segments)


_TSV_TEXT = {"corpora/hebrew-sentiment/train.tsv": 0, "corpora/offenseval-greek/train.tsv": 1}


def _lines(shared: Path, path: str) -> pd.DataFrame:
    """One row per data line of a text or TSV file, with its key and text field."""
    lines = _read(shared, path).split("\n")
    start = 2 if path in _TSV_TEXT else 1  # TSVs have a header line
    rows = []
    for number, line in enumerate(lines[start - 1:], start):
        if not line.strip():
            continue
        fields = line.rstrip("\r").split("\t")
        text = fields[_TSV_TEXT[path]] if path in _TSV_TEXT else fields[0]
        rows.append({"source_key": f"{path}#line={number}", "text": text,
                     "fields": fields})
    return pd.DataFrame(rows)


def _usable(frame: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    text = frame["text"]
    keep = text.str.strip().ne("") & text.str.len().le(MAX_CHARS)
    if lang in SCRIPT:
        keep &= text.str.contains(SCRIPT[lang])
    return frame[keep & ~text.duplicated()]


def _draw(frame: pd.DataFrame, lang: str, quotas: dict[str, int], rng) -> pd.DataFrame:
    """``quotas`` posts per stratum, each drawn with the seeded generator, kept in file order.

    Strata, first match wins: ``ask`` (a question mark), ``plea`` (a request word), ``cue`` (a
    hard-case or complaint word), ``rest``.
    """
    text = frame["text"]
    ask = text.str.contains(ASK)
    plea = ~ask & text.str.contains(PLEA[lang])
    cue = ~ask & ~plea & text.str.contains(CUE[lang])
    strata = {"ask": ask, "plea": plea, "cue": cue, "rest": ~ask & ~plea & ~cue}
    picked = [frame[rows].iloc[np.sort(rng.choice(int(rows.sum()), quotas[name], replace=False))]
              for name, rows in strata.items()]
    return pd.concat(picked).sort_index()


def _more(frame: pd.DataFrame, taken: pd.Index, rows: pd.Series, n: int, rng) -> pd.DataFrame:
    """``n`` more posts of ``frame`` where ``rows`` holds, none of them already ``taken``."""
    pool = frame[rows & ~frame.index.isin(taken)]
    return pool.iloc[np.sort(rng.choice(len(pool), n, replace=False))]


def hebrew(shared: Path, rng) -> list[pd.DataFrame]:
    """All YouTube comments; Facebook comments by strata (SOURCES.md)."""
    comments = json.loads(_read(shared, "corpora/hebrew-youtube-comments/comments.json"))
    youtube = pd.DataFrame({
        "source_key": [f"corpora/hebrew-youtube-comments/comments.json#/{i}/text"
                       for i in range(len(comments))],
        "text": [c["text"] for c in comments]})
    youtube["source"] = "hebrew-youtube-comments"
    facebook = _usable(_lines(shared, "corpora/hebrew-sentiment/train.tsv"), "he")
    off_topic = facebook["fields"].str[1].eq("2")  # the corpus's own label, used only to draw
    drawn = _draw(facebook[~off_topic], "he", {"ask": 30, "plea": 20, "cue": 30, "rest": 20}, rng)
    noise = facebook[off_topic].iloc[np.sort(rng.choice(int(off_topic.sum()), 8, replace=False))]
    # Genuine questions are rare on this page (most "?" are rhetorical): 15 more short ones.
    short = _more(facebook, drawn.index, ~off_topic & facebook["text"].str.contains(ASK)
                  & facebook["text"].str.len().le(80), 15, rng)
    facebook = pd.concat([drawn, noise, short]).sort_index()
    facebook["source"] = "hebrew-sentiment"
    return [_usable(youtube, "he"), facebook]


def greek(shared: Path, rng) -> list[pd.DataFrame]:
    """Dialect lines and tweets by strata, and more short tweets that ask (SOURCES.md)."""
    dialect = pd.concat([_lines(shared, f"corpora/greek-dialect/{name}.txt") for name in
                         ("cg_fb", "cg_twitter", "cg_other", "smg_fb", "smg_twitter", "smg_other")],
                        ignore_index=True)
    dialect = _draw(_usable(dialect, "el"), "el", {"ask": 20, "plea": 10, "cue": 20, "rest": 30}, rng)
    dialect["source"] = "greek-dialect"
    tweets = _usable(_lines(shared, "corpora/offenseval-greek/train.tsv"), "el")
    drawn = _draw(tweets, "el", {"ask": 35, "plea": 25, "cue": 30, "rest": 30}, rng)
    # Questions and requests to a show or the public are rare among tweets: more short ones that
    # do not answer another user.
    own = ~tweets["text"].str.startswith("@USER") & tweets["text"].str.len().le(120)
    asks = _more(tweets, drawn.index, own & tweets["text"].str.contains(ASK), 30, rng)
    taken = drawn.index.union(asks.index)
    pleas = _more(tweets, taken, own & tweets["text"].str.contains(REQUEST_EL), 15, rng)
    tweets = pd.concat([drawn, asks, pleas]).sort_index()
    tweets["source"] = "offenseval-greek"
    return [dialect, tweets]


def english(shared: Path, rng) -> list[pd.DataFrame]:
    """Every post of the permissive English exports; two Banking77 queries per intent."""
    banking = _read_csv(shared, "corpora/banking77/train.csv").copy()
    banking["source_key"] = [f"corpora/banking77/train.csv#row={i}" for i in banking.index]
    banking = _usable(banking)
    picked = [group.index[np.sort(rng.choice(len(group), 2, replace=False))]
              for _, group in banking.groupby("category", sort=True)]
    banking = banking.loc[np.sort(np.concatenate(picked))].copy()
    banking["source"] = "banking77"
    return [_fixture_posts(shared), banking[["source_key", "text", "source"]]]


def _fixture_posts(shared: Path) -> pd.DataFrame:
    """Every member post of the MIT- and BSD-licensed English exports that holds plain text."""
    rows = []
    archive_path = "fixtures/slack/slack-export-viewer__testarchive.zip"
    with zipfile.ZipFile(shared / archive_path) as archive:
        for member in sorted(archive.namelist()):
            if member.count("/") != 1 or not member.endswith(".json"):
                continue
            for i, message in enumerate(json.loads(archive.read(member))):
                if message.get("subtype") in (None, "file_share", "file_comment"):
                    rows.append(("slack-export-viewer", f"{archive_path}!{member}#/{i}/text",
                                 message.get("text", "")))
    reddit = "fixtures/reddit/praw__TestSubmission.test_comments__thread_2gmzqe.json"
    listing = json.loads(_read(shared, reddit))
    rows.append(("praw", f"{reddit}#/0/data/children/0/data/selftext",
                 listing[0]["data"]["children"][0]["data"]["selftext"]))
    for i, child in enumerate(listing[1]["data"]["children"]):
        rows.append(("praw", f"{reddit}#/1/data/children/{i}/data/body", child["data"]["body"]))
        for j, reply in enumerate((child["data"].get("replies") or {}).get("data", {}).get("children", [])):
            rows.append(("praw", f"{reddit}#/1/data/children/{i}/data/replies/data/children/{j}/data/body",
                         reply["data"]["body"]))
    latest = "fixtures/discourse/discourse_api__posts_latest.json"
    for i, post in enumerate(json.loads(_read(shared, latest))["latest_posts"]):
        if post["username"] != "system":
            rows.append(("discourse_api", f"{latest}#/latest_posts/{i}/raw", post["raw"]))
    chats = [("tg-parser", "fixtures/telegram/tg-parser__personal_chat.json", "text"),
             ("chat-miner", "fixtures/telegram/chat-miner__test_single_export.json", "text"),
             ("chat-miner", "fixtures/instagram/chat-miner__test_export.json", "content")]
    for source, path, field in chats:
        for i, message in enumerate(json.loads(_read(shared, path))["messages"]):
            if message.get("type", "message") == "message" and isinstance(message.get(field), str):
                rows.append((source, f"{path}#/messages/{i}/{field}", message[field]))
    for name in ("pre2024-06", "post2024-06"):
        path = f"fixtures/youtube/google_takeout_parser__test_csv_comments_{name}.csv"
        for i, cell in enumerate(_read_csv(shared, path)["Comment Text"]):
            rows.append(("google_takeout_parser", f"{path}#row={i}", takeout_text(cell)))
    frame = pd.DataFrame(rows, columns=["source", "source_key", "text"])
    frame = frame[~frame["text"].str.strip().isin(PLACEHOLDERS)]
    return _usable(frame)


def _draw_grown(frame: pd.DataFrame, lang: str, quotas: dict[str, int], rng) -> pd.DataFrame:
    """Like ``_draw``, with the second draw's strata: ``ask`` (a question mark and a question
    word), ``plea``, ``praise``, ``cue`` (a complaint word), ``rest``; first match wins."""
    text = frame["text"]
    left = pd.Series(True, index=frame.index)
    strata = {"ask": text.str.contains(ASK) & text.str.contains(QUESTION_WORD[lang])}
    for name, pattern in GROW_CUES[lang].items():
        left &= ~strata[list(strata)[-1]]
        strata[name] = left & text.str.contains(pattern, case=False)
    strata["rest"] = left & ~strata["cue"]
    picked = [frame[rows].iloc[np.sort(rng.choice(int(rows.sum()), quotas.get(name, 0), replace=False))]
              for name, rows in strata.items()]
    return pd.concat(picked).sort_index()


def grown(shared: Path, labelled: pd.DataFrame) -> pd.DataFrame:
    """The second draw (SOURCES.md): Hebrew Facebook comments and Greek tweets and dialect lines
    that the first draw did not take, ids following the first draw's."""
    rng = np.random.default_rng(GROW_SEED)
    number = labelled["id"].str[3:].astype(int)
    seen = set(labelled.loc[number <= labelled["lang"].map(FIRST_DRAW), "text"])
    facebook = _usable(_lines(shared, "corpora/hebrew-sentiment/train.tsv"), "he")
    facebook = facebook[~facebook["text"].isin(seen)].assign(source="hebrew-sentiment")
    tweets = _usable(_lines(shared, "corpora/offenseval-greek/train.tsv"), "el")
    # A tweet of its own (not a reply to another user) is more often addressed to a show or the public.
    tweets = tweets[~tweets["text"].isin(seen) & ~tweets["text"].str.startswith("@USER")
                    & tweets["text"].str.len().le(280)].assign(source="offenseval-greek")
    dialect = _usable(pd.concat([_lines(shared, f"corpora/greek-dialect/{name}.txt") for name in
                                 ("cg_fb", "cg_twitter", "cg_other", "smg_fb", "smg_twitter", "smg_other")],
                                ignore_index=True), "el")
    dialect = dialect[~dialect["text"].isin(seen)].assign(source="greek-dialect")
    he = [_draw_grown(facebook, "he", {"ask": 50, "plea": 45, "praise": 25, "cue": 25, "rest": 15}, rng)]
    el = [_draw_grown(tweets, "el", {"ask": 50, "plea": 40, "praise": 35, "cue": 20, "rest": 5}, rng),
          _draw_grown(dialect, "el", {"ask": 12, "plea": 6, "praise": 6}, rng)]
    # Then the classes still thin after reading those: Hebrew questions that are likely genuine
    # (short, a question word, not an accusing "why"), Greek asks to a show and questions about one.
    text = facebook["text"]
    he.append(_more(facebook, he[0].index, text.str.len().le(150) & text.str.contains(ASK)
                    & text.str.contains(HE_QUESTION) & ~text.str.strip().str.startswith("למה"), 45, rng))
    text = tweets["text"]
    el.append(_more(tweets, el[0].index, text.str.contains(EL_ASK_SHOW, case=False), 40, rng))
    el.append(_more(tweets, el[0].index.union(el[-1].index), text.str.contains(ASK)
                    & text.str.contains(EL_WHEN, case=False), 20, rng))
    # Then asks and questions to anyone, replies included (requests to members count too), more
    # dialect questions, and short Hebrew posts with a question mark.
    replies = _usable(_lines(shared, "corpora/offenseval-greek/train.tsv"), "el")
    replies = replies[~replies["text"].isin(seen)].assign(source="offenseval-greek")
    taken = pd.concat([part for part in el if part["source"].iat[0] == "offenseval-greek"]).index
    text = replies["text"]
    el.append(_more(replies, taken, text.str.contains(EL_ASK_ANYONE, case=False), 45, rng))
    taken = taken.union(el[-1].index)
    el.append(_more(replies, taken, text.str.contains(EL_QUESTION, case=False), 20, rng))
    el.append(_more(dialect, el[1].index, dialect["text"].str.contains(ASK), 15, rng))
    text = facebook["text"]
    he.append(_more(facebook, he[0].index.union(he[1].index),
                    text.str.len().le(60) & text.str.contains(ASK), 30, rng))
    # Last, every remaining tweet to a show (a hashtag) with a plural imperative.
    taken = taken.union(el[-2].index)
    text = replies["text"]
    el.append(_more(replies, taken, text.str.contains("#") & text.str.contains(EL_IMPERATIVE, case=False),
                    19, rng))
    # and more Hebrew asks: request words, and questions of at most 100 characters.
    taken = pd.concat(he).index
    text = facebook["text"]
    he.append(_more(facebook, taken, text.str.len().le(300) & text.str.contains(GROW_CUES["he"]["plea"]),
                    40, rng))
    he.append(_more(facebook, taken.union(he[-1].index), text.str.len().le(100) & text.str.contains(ASK),
                    30, rng))
    # and more Greek tweets of their own with a praise word or a question word and mark.
    taken = pd.concat([part for part in el if part["source"].iat[0] == "offenseval-greek"]).index
    text = tweets["text"]
    el.append(_more(tweets, taken, text.str.contains(GROW_CUES["el"]["praise"], case=False), 40, rng))
    el.append(_more(tweets, taken.union(el[-1].index), text.str.contains(ASK)
                    & text.str.contains(QUESTION_WORD["el"]), 30, rng))
    # and every remaining dialect line with a request word (forum and chat asks between members).
    taken = pd.concat([part for part in el if part["source"].iat[0] == "greek-dialect"]).index
    el.append(_more(dialect, taken, dialect["text"].str.contains(EL_ASK_DIALECT, case=False), 13, rng))
    return _numbered({"he": he, "el": el}, FIRST_DRAW)


def _numbered(parts: dict[str, list[pd.DataFrame]], after: dict[str, int]) -> pd.DataFrame:
    """A draw's posts per language, repeated texts once, with the ids that follow ``after``."""
    frames = []
    for lang, drawn in parts.items():
        posts = pd.concat(drawn, ignore_index=True)
        posts = posts[~posts["text"].duplicated()]
        first = after[lang] + 1
        posts.insert(0, "lang", lang)
        posts.insert(0, "id", [f"{lang}-{i:03d}" for i in range(first, first + len(posts))])
        frames.append(posts[["id", "lang", "source", "source_key", "text"]])
    return pd.concat(frames, ignore_index=True)


def third(shared: Path, labelled: pd.DataFrame) -> pd.DataFrame:
    """The third draw (SOURCES.md): Greek tweets about a TV show and dialect lines, and Hebrew
    Facebook comments, that neither earlier draw took, by strata of the classes still thin; ids
    follow the second draw's."""
    rng = np.random.default_rng(THIRD_SEED)
    number = labelled["id"].str[3:].astype(int)
    seen = set(labelled.loc[number <= labelled["lang"].map(SECOND_DRAW).fillna(len(labelled)), "text"])
    tweets = _usable(_lines(shared, "corpora/offenseval-greek/train.tsv"), "el")
    tweets = tweets[~tweets["text"].isin(seen) & tweets["text"].str.contains(EL_SHOW, case=False)]
    cues = dict(GROW_CUES["el"], plea="|".join([GROW_CUES["el"]["plea"], EL_ASK_SHOW, EL_ASK_ANYONE,
                                                 EL_IMPERATIVE]))
    dialect = _usable(pd.concat([_lines(shared, f"corpora/greek-dialect/{name}.txt") for name in
                                 ("cg_fb", "cg_twitter", "cg_other", "smg_fb", "smg_twitter", "smg_other")],
                                ignore_index=True), "el")
    dialect = dialect[~dialect["text"].isin(seen)]
    facebook = _usable(_lines(shared, "corpora/hebrew-sentiment/train.tsv"), "he")
    facebook = facebook[~facebook["text"].isin(seen) & facebook["text"].str.len().le(300)]
    el = [_draw_strata(tweets.assign(source="offenseval-greek"), "el", cues,
                       {"ask": 70, "plea": 40, "praise": 50, "cue": 50, "rest": 20}, rng),
          _draw_strata(dialect.assign(source="greek-dialect"), "el",
                       dict(GROW_CUES["el"], plea=EL_ASK_DIALECT), {"ask": 15, "plea": 10, "praise": 5}, rng)]
    he = [_draw_strata(facebook.assign(source="hebrew-sentiment"), "he", GROW_CUES["he"],
                       {"ask": 35, "plea": 30, "praise": 25, "cue": 10}, rng)]
    # A second pass, once the first was read (it held no Greek request and one Hebrew question):
    # more show tweets with a question or a praise word, every tweet (replies included) with a
    # "does anyone know" question, tweets asking anyone to act, short Hebrew questions and pleas.
    text = tweets["text"]
    el.append(_more(tweets, el[0].index, text.str.contains(ASK) & text.str.contains(QUESTION_WORD["el"]),
                    70, rng).assign(source="offenseval-greek"))
    el.append(_more(tweets, el[0].index.union(el[-1].index),
                    text.str.contains(GROW_CUES["el"]["praise"], case=False), 50, rng).assign(
                        source="offenseval-greek"))
    replies = _usable(_lines(shared, "corpora/offenseval-greek/train.tsv"), "el")
    replies = replies[~replies["text"].isin(seen)]
    taken = el[0].index.union(el[-2].index).union(el[-1].index)
    text = replies["text"]
    rows = text.str.contains(EL_QUESTION, case=False)
    el.append(_more(replies, taken, rows, int((rows & ~replies.index.isin(taken)).sum()), rng).assign(
        source="offenseval-greek"))
    taken = taken.union(el[-1].index)
    el.append(_more(replies, taken, text.str.contains(cues["plea"], case=False), 40, rng).assign(
        source="offenseval-greek"))
    text = facebook["text"]
    he.append(_more(facebook, he[0].index, text.str.len().le(100) & text.str.contains(ASK)
                    & ~text.str.strip().str.startswith("למה"), 40, rng).assign(source="hebrew-sentiment"))
    he.append(_more(facebook, he[0].index.union(he[-1].index), text.str.contains(GROW_CUES["he"]["plea"]),
                    30, rng).assign(source="hebrew-sentiment"))
    return _numbered({"he": he, "el": el}, SECOND_DRAW)


def _draw_strata(frame: pd.DataFrame, lang: str, cues: dict[str, str], quotas: dict[str, int],
                 rng) -> pd.DataFrame:
    """``_draw_grown`` with the cue patterns passed in: ``ask`` (a question mark and a question
    word), then each of ``cues`` in order, then ``rest``; first match wins; file order kept."""
    text = frame["text"]
    left = ~(text.str.contains(ASK) & text.str.contains(QUESTION_WORD[lang]))
    strata = {"ask": ~left}
    for name, pattern in cues.items():
        strata[name] = left & text.str.contains(pattern, case=False)
        left &= ~strata[name]
    strata["rest"] = left
    picked = [frame[rows].iloc[np.sort(rng.choice(int(rows.sum()), min(quotas.get(name, 0), int(rows.sum())),
                                                  replace=False))]
              for name, rows in strata.items()]  # a stratum smaller than its quota is taken whole
    return pd.concat(picked).sort_index()


def candidates(shared: Path) -> pd.DataFrame:
    """The drawn posts, ids ``he-001`` ... per language in source order."""
    rng = np.random.default_rng(SEED)
    frames = []
    for lang, draw in (("he", hebrew), ("el", greek), ("en", english)):
        posts = pd.concat(draw(shared, rng), ignore_index=True)
        posts = posts[~posts["text"].duplicated()]
        posts.insert(0, "lang", lang)
        posts.insert(0, "id", [f"{lang}-{i:03d}" for i in range(1, len(posts) + 1)])
        frames.append(posts[["id", "lang", "source", "source_key", "text"]])
    return pd.concat(frames, ignore_index=True)


def assign_splits(labels: pd.DataFrame, seed: int = SEED) -> pd.Series:
    """``dev`` / ``test`` per row of the first draw, stratified by language and feedback type;
    ``dev`` for the later draws' rows."""
    rng = np.random.default_rng(seed)
    split = pd.Series("dev", index=labels.index)
    number = labels["id"].str[3:].astype(int)
    first = labels[number <= labels["lang"].map(FIRST_DRAW)]
    for _, group in first.sort_values("id").groupby(["lang", "feedback_type"], sort=True):
        order = rng.permutation(group.index.to_numpy())
        split.loc[order[: int(round(TEST_SHARE * len(order)))]] = "test"
    return split


def read_labels(path: Path) -> pd.DataFrame:
    """``labels.tsv`` as strings (an empty note stays ``""``)."""
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=csv.QUOTE_MINIMAL)


def write_labels(labels: pd.DataFrame, path: Path) -> None:
    """Tab-separated, quoted only where a text holds a tab, a quote or a line break."""
    labels.to_csv(path, sep="\t", index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    draw = sub.add_parser("candidates")
    draw.add_argument("--shared", type=Path, default=SHARED)
    draw.add_argument("--out", type=Path, required=True)
    grow = sub.add_parser("grow")
    grow.add_argument("--shared", type=Path, default=SHARED)
    grow.add_argument("--labels", type=Path, default=Path(__file__).with_name("labels.tsv"))
    grow.add_argument("--out", type=Path, required=True)
    more = sub.add_parser("third")
    more.add_argument("--shared", type=Path, default=SHARED)
    more.add_argument("--labels", type=Path, default=Path(__file__).with_name("labels.tsv"))
    more.add_argument("--out", type=Path, required=True)
    split = sub.add_parser("split")
    split.add_argument("labels", type=Path)
    args = parser.parse_args()
    if args.command == "candidates":
        write_labels(candidates(args.shared), args.out)
    elif args.command == "grow":
        write_labels(grown(args.shared, read_labels(args.labels)), args.out)
    elif args.command == "third":
        write_labels(third(args.shared, read_labels(args.labels)), args.out)
    else:
        labels = read_labels(args.labels)
        labels["split"] = assign_splits(labels)
        write_labels(labels, args.labels)


if __name__ == "__main__":
    main()
