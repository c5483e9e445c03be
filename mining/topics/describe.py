"""The topic table: sizes, keywords, labels and representative quotes per language."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import repeat

import numpy as np
import pandas as pd

from mining.embed.vectorfile import release
from mining.lang.analyze import Surfaces, TextAnalyzer, WordCache, most_used
from mining.lang.names import hebrew_first_names_in_posts, split_spellings
from mining.lang.profanity import is_profane
from mining.lang import LANGS
from mining.lang.el import fold, greeklish_spellings
from mining.schema import CLUSTER
from mining.topics.cohesion import SHARED_WORD
from mining.topics.model import TopicModel, keyword_min_posts
from mining.topics.quotes import EDGE_QUANTILE, choose_quotes, clean_quote

QUOTE_CHARS = 180
_PIECES = re.compile(r"[^\W\d_][-‐.·][^\W\d_]")  # letters around a hyphen or dot


def token_docs(texts: list[str], langs: list[str], ignore: Iterable[str] = (),
               read: Iterable[bool] | None = None, written: Iterable[str] | None = None,
               words: WordCache | None = None) -> tuple[list[str], Surfaces]:
    """Each post as its space-joined counting keys (what the topic vectorizer counts), and the
    surface spellings seen for each key (what keyword lists show).

    ``read`` marks the posts whose text is a reading of Greeklish in Greek letters
    (``mining.lang.transliterate_greeklish``): a word's spelling shows from them only where no
    Greek-script post spells it. A word read in Greek letters (where a text differs from
    ``written``, the texts as written: ``text_norm``) shows so too, and as the post wrote it,
    never as its reading, which no post holds ("pesmeno", not "πεσμενο").
    ``words``: the words of posts an earlier run split (``WordCache``), not split again; the
    docs are the same.

    ``ignore`` holds words that say nothing about a topic in this corpus, such as the brand's own
    name in its community (``brand.terms``) or a member's name; their keys are left out in every
    language, and so are the pieces of one spelt with hyphens or dots ("Wo-bbu-ffet" for a
    member Wobbuffet, whose pieces "bbu" and "ffet" were keywords). So are the words that open
    posts and say nothing of them, the vocatives and fillers members start messages with
    ("חברים,", "Σοβαρά τώρα,": ``openers``).
    """
    as_read = list(texts)
    split = split_spellings(ignore)
    if split is not None:
        texts = [split.sub(" ", t) if _PIECES.search(t) else t for t in texts]
    analyzer = TextAnalyzer()
    tokens = analyzer.fit_tokens(texts, langs, words)  # each post split once
    ignored = {key for term in ignore for lang in LANGS for key, _ in analyzer.tokens(term, lang)}
    ignored |= openers(tokens, analyzer.firsts_)
    surfaces = Surfaces()
    docs = []
    read = repeat(False) if read is None else read  # read as they go: a list of every text
    written = repeat(None) if written is None else written  # is 30 MB at 100k posts
    for post, was_read, text, as_written in zip(tokens, read, as_read, written):
        pairs = [(key, surface) for key, surface in post if key not in ignored]
        if as_written is not None and as_written != text:  # words read in Greek letters
            spelled, pairs_left = _as_written(pairs, as_written)
            surfaces.add(spelled, True)
            surfaces.add(pairs_left, was_read)
        else:
            surfaces.add(pairs, was_read)
        docs.append(" ".join(key for key, _ in pairs))
    return docs, surfaces


# A word opens posts and says nothing of them, a vocative or a filler that members start their
# messages with ("חברים,", "דחוף!!", "Σοβαρά τώρα,", "Paidia"), when it is the first word of at
# least OPENS of the posts holding it, in at least OPENER_POSTS posts, and the posts it opens are
# not about one thing: their commonest other word is in fewer than SHARED_WORD of them, the share
# that makes a group one problem (``mining.topics.cohesion``). On the review's chats the openers
# are in 5 to 17 posts, all of them first, their commonest other word in 17% to 50% of them; a
# first word of a repeated message or a template ("new update", "גאי מתקלח") 67% to 100%; no
# other word of the real chats and corpora is first in 80% of its posts (README "Keywords").
OPENS = 0.8
OPENER_POSTS = 5


def openers(tokens: list[list[tuple[str, str]]], firsts: list[str | None]) -> set[str]:
    """The counting keys that open posts and say nothing of them (``OPENS``), from each post's
    (key, surface) pairs and the key of its first word (None: a stop word, or none).

    Example:
        >>> posts = [[("חברים", "חברים"), (w, w)] for w in ("משלוח", "קוד", "החזר", "שליח", "חיוב")]
        >>> sorted(openers(posts + [[("משלוח", "משלוח")]], ["חברים"] * 5 + ["משלוח"]))
        ['חברים']
    """
    held: Counter = Counter()
    first: Counter = Counter()
    for pairs, key in zip(tokens, firsts):
        keys = {k for k, _ in pairs}
        held.update(keys)
        if key in keys:
            first[key] += 1
    candidates = {k for k, n in first.items() if n >= OPENS * held[k] and held[k] >= OPENER_POSTS}
    others: dict[str, Counter] = {k: Counter() for k in candidates}
    for pairs, key in zip(tokens, firsts):
        if key in candidates:
            others[key].update({k for k, _ in pairs} - {key})
    return {k for k in candidates if max(others[k].values(), default=0) < SHARED_WORD * first[k]}


def _as_written(pairs: list[tuple[str, str]], text: str
                ) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Of a post's (key, surface) pairs, those whose surface is a reading in Greek letters of a
    Latin word of the post (``text``, as written), with the word as written; and the others."""
    spelled = greeklish_spellings(text)
    return ([(key, spelled[fold(surface)]) for key, surface in pairs if fold(surface) in spelled],
            [(key, surface) for key, surface in pairs if fold(surface) not in spelled])


def trim(text: str, limit: int = QUOTE_CHARS) -> str:
    """Cut at a word boundary, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"


def _quotes(frame: pd.DataFrame, docs: list[str], vectors: np.ndarray, centroid: np.ndarray,
            n: int, edge: float = EDGE_QUANTILE) -> tuple[list[str], list[str]]:
    """The trimmed texts and post ids of the quotes ``choose_quotes`` picks (reports look up
    date, author, source and link by id)."""
    texts = [clean_quote(t) for t in frame["text_norm"].fillna("")]
    authors = frame["author"].tolist() if "author" in frame else [None] * len(frame)
    chosen = choose_quotes(texts, docs, authors, vectors, centroid, n, QUOTE_CHARS, edge)
    return ([trim(texts[i]) for i in chosen], [str(frame["post_id"].iloc[i]) for i in chosen])


def describe_topics(posts: pd.DataFrame, vectors: np.ndarray, model: TopicModel,
                    surfaces: Surfaces, docs: list[str], n_quotes: int = 3,
                    as_topics: bool = False, edge: float = EDGE_QUANTILE) -> pd.DataFrame:
    """One row per topic. ``posts`` are the analyzed posts, aligned with ``vectors`` and with
    ``docs``, their counting keys from ``token_docs`` (which measure what a quote says);
    ``as_topics``: the clusters are topics, not challenges (see ``cluster_label``); ``edge``:
    the least central share of each topic's posts in a language, never quoted.

    Each label is made of its topic's keywords that set it apart (``distinct_labels``): the
    labels of one table are distinct, in each language and overall. A profanity or a vulgar
    interjection (``mining.lang.profanity``), and in Hebrew a first name that the posts never use
    as an ordinary word (``hebrew_first_names_in_posts``), stay keywords but are no label's
    word."""
    topics = model.topics_
    docs_array = np.asarray(docs, dtype=object)
    ids = sorted(t for t in set(topics.tolist()) if t >= 0)
    langs = posts["lang"].to_numpy()
    post_texts = posts["text_norm"].fillna("").to_numpy()
    spelt = TopicSpellings(surfaces, post_texts, topics, model.keywords_)
    labels = {lang: _language_labels(model, spelt, docs_array, langs == lang, lang, ids,
                                     _label_names(lang, post_texts[langs == lang]))
              for lang in LANGS}  # lang -> (topic -> label, topic -> posts holding its best word)
    rows = []
    for topic_id in ids:
        members = topics == topic_id
        row: dict[str, object] = {"topic_id": topic_id, "size": int(members.sum()),
                                  "share": round(float(members.mean()), 4)}
        for lang in LANGS:
            in_lang = members & (langs == lang)
            keys = model.keywords_.get(topic_id, {}).get(lang, [])
            row[f"n_{lang}"] = int(in_lang.sum())
            row[f"keywords_{lang}"] = "; ".join(spelt.shown(topic_id, key) for key in keys)
            row[f"label_{lang}"] = labels[lang][0].get(topic_id, "")
            row[f"held_{lang}"] = labels[lang][1].get(topic_id, 0)
            texts, quote_ids = (_quotes(posts[in_lang], docs_array[in_lang].tolist(),
                                        vectors[in_lang], model.centroids_[topic_id], n_quotes,
                                        edge)
                                if in_lang.any() else ([], []))
            release(vectors)  # the run's vectors file: the rows read leave memory
            row[f"quotes_{lang}"] = "\n".join(texts)
            row[f"quote_ids_{lang}"] = ";".join(quote_ids)
        row["label"] = cluster_label(row, as_topics)
        if as_topics:
            row["label"] = hashtag_label(row["label"], post_texts[members])
        rows.append(row)
    table = pd.DataFrame(rows, columns=list(CLUSTER))
    if len(table):
        table["label"] = _unique(table["label"].tolist(), table["topic_id"].tolist())
    return table


LABEL_WORDS = 3  # keywords in a label
NO_SHARED_WORD = "no word shared by several posts"  # the label of a cluster without keywords
# A hashtag that this share of a topic's posts carry at least names it before any word: the TV
# show a Greek Telegram group's posts talk about ("#erwtasmeta" in 20 of 22 posts, a topic
# titled "no word shared by several posts"; "#shoppingstar" in 43 of 43; review 13, R13-22).
# Hashtags are no keywords (the analyzer leaves them out: a word inside hashtags is no word the
# posts say); a topic's, not a challenge's, whose posts must share words to be one problem.
HASHTAG_SHARE = 0.5
_HASHTAG = re.compile(r"#(\w*[^\W\d_]\w*)")


def held_hashtags(texts: Iterable[str]) -> list[tuple[str, int]]:
    """Each hashtag of ``texts`` (case aside, as most often written) and the texts that carry it,
    the most carried first.

    Example:
        >>> held_hashtags(["Τα λόγια περισσεύουν #erwtasmeta", "#ErwtasMeta Σόδομα", "#gntmgr"])
        [('#erwtasmeta', 2), ('#gntmgr', 1)]
    """
    held: Counter = Counter()
    spellings: dict[str, Counter] = {}
    for text in texts:
        tags = {tag.casefold(): tag for tag in _HASHTAG.findall(text)}
        held.update(tags.keys())
        for key, tag in tags.items():
            spellings.setdefault(key, Counter())[tag] += 1
    ranked = sorted(held.items(), key=lambda kv: (-kv[1], kv[0]))
    return [("#" + most_used(spellings[key]), posts) for key, posts in ranked]


def shared_hashtag(texts: Iterable[str]) -> str | None:
    """The hashtag at least ``HASHTAG_SHARE`` of ``texts`` carry (case aside), as most often
    written; None when none does.

    Example:
        >>> shared_hashtag(["Τα λόγια περισσεύουν #erwtasmeta", "#ErwtasMeta Σόδομα", "καλή"])
        '#erwtasmeta'
    """
    texts = list(texts)
    held = held_hashtags(texts)
    return held[0][0] if held and held[0][1] >= HASHTAG_SHARE * len(texts) else None


def hashtag_label(label: str, texts: Iterable[str]) -> str:
    """A topic's label with its hashtags: led by the one most of its posts carry (``tagged``);
    a label of no shared word is the hashtags as many of its posts carry as a keyword needs
    (``keyword_min_posts``): a TV show's comments, 24 of 50 with "#gntmgr" and 45 with some
    hashtag, were "no word shared by several posts" (review 14, R14-5).

    Example:
        >>> hashtag_label(NO_SHARED_WORD, ["#gntmgr a", "#GNTMgr b", "#gntmgr c", "d", "e #x"])
        '#gntmgr'
        >>> hashtag_label(NO_SHARED_WORD, ["#gntmgr a", "#GNTMgr b", "c #x", "d #x", "e", "f"])
        '#gntmgr · #x'
    """
    texts = list(texts)
    led = shared_hashtag(texts)
    if led or not label.startswith(NO_SHARED_WORD):
        return tagged(label, led)
    least = keyword_min_posts(len(texts))
    return " · ".join(tag for tag, posts in held_hashtags(texts)[:LABEL_WORDS] if posts >= least) or label


def tagged(label: str, hashtag: str | None) -> str:
    """A topic's label led by the hashtag most of its posts carry, with the label's first words
    (none when it had no shared word).

    Example:
        >>> tagged(NO_SHARED_WORD, "#erwtasmeta")
        '#erwtasmeta'
        >>> tagged("χάλια · κερδίσει · Βίκυ", "#shoppingstar")
        '#shoppingstar · χάλια · κερδίσει'
    """
    if hashtag is None:
        return label
    words = [] if label.startswith(NO_SHARED_WORD) else label.split(" · ")
    return " · ".join([hashtag, *words[:LABEL_WORDS - 1]])


def cluster_label(row: dict[str, object], topic: bool = False) -> str:
    """The label of the language with most posts that has one (``label_*``, ``n_*``) and a word
    held by as many posts as a keyword of the whole cluster needs, or for a ``topic`` as its
    keywords need in the language with most posts (``keyword_min_posts``;
    ``held_*``: the posts of the language holding its label's best-held word, else all of
    them): the words two English posts of 29 share do not name a Greek topic (review 12,
    R12-8). A cluster without such a label says so rather than show a number read as an id.

    Example:
        >>> cluster_label({"n_he": 0, "n_el": 18, "n_en": 4, "label_he": "", "label_el": "",
        ...                "label_en": "iOS · version"})
        'iOS · version'
    """
    by_size = sorted(LANGS, key=lambda lang: -row[f"n_{lang}"])
    # A topic's main language's label needs what its keywords need: a topic was "no word shared"
    # with a word 3 of its 25 Hebrew posts of 33 hold (review 13, P13-1). A challenge keeps the
    # whole cluster's bar: 46 greetings in three languages are no challenge.
    least = {lang: keyword_min_posts(row[f"n_{lang}"] if topic and lang == by_size[0]
                                     else sum(row[f"n_{other}"] for other in LANGS))
             for lang in LANGS}
    return next((row[f"label_{lang}"] for lang in by_size
                 if row[f"label_{lang}"] and row.get(f"held_{lang}", row[f"n_{lang}"]) >= least[lang]),
                NO_SHARED_WORD)


# Posts of a topic read for its keywords' spellings, at most (evenly spread over its posts).
SPELLING_SAMPLE = 2000
_WORD, _PIECE = re.compile(r"\w+(?:[-'’\"״׳]\w+)*"), re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?;\n]+")


# What a sentence's capitalized first word counts for its spelling: its capital may say where it
# stands ("Ruši se!", a one-term Croatian challenge labelled "Ruši") or what it is ("Facebook
# won't let me sign in"; a challenge of 4 such posts and 2 "facebook" was "sign · facebook").
INITIAL_WEIGHT = 0.5


def _spellings_in(text: str) -> dict[str, float]:
    """The words of a post and their pieces, each with what it counts for its spelling: 1, or
    ``INITIAL_WEIGHT`` for a sentence's capitalized first word.

    Example:
        >>> sorted(_spellings_in("Facebook fails. My PIN").items())
        [('Facebook', 0.5), ('My', 0.5), ('PIN', 1.0), ('fails', 1.0)]
    """
    found: dict[str, float] = {}
    for sentence in _SENTENCE_END.split(text):
        words = _WORD.findall(sentence)
        for i, word in enumerate(words):
            weight = INITIAL_WEIGHT if i == 0 and word[:1].isupper() and not word.isupper() else 1.0
            for spelling in {word, *_PIECE.findall(word)}:
                found[spelling] = max(found.get(spelling, 0.0), weight)
    return found


class TopicSpellings:
    """Each keyword as its own topic's posts most often spell it (``most_used``), else as the
    run's posts do (``Surfaces.display``): a card's "PIN" in a challenge whose posts write "PIN",
    though the run's other posts say "pins" (boards on Pinterest) more often; "pins" labelled a
    challenge none of whose posts used it (review 13, R13-5). A word and its pieces (``top`` of
    "top-up") are counted, in at most ``SPELLING_SAMPLE`` posts of a topic.
    """

    def __init__(self, surfaces: Surfaces, texts: np.ndarray, topics: np.ndarray,
                 keywords: dict[int, dict[str, list[str]]]) -> None:
        self.surfaces = surfaces
        self.counts: dict[int, Counter] = {}
        self.plain: dict[int, Counter] = {}
        for topic, by_lang in keywords.items():
            wanted = {spelling for keys in by_lang.values() for key in keys
                      for word in key.split() for spelling in surfaces.written(word)}
            rows = np.flatnonzero(topics == topic)
            if len(rows) > SPELLING_SAMPLE:
                rows = rows[np.linspace(0, len(rows) - 1, SPELLING_SAMPLE).astype(int)]
            found, plain = Counter(), Counter()
            for text in texts[rows]:
                used = {w: n for w, n in _spellings_in(text).items() if w in wanted}
                found.update(used)
                plain.update(w for w, n in used.items() if n == 1)
            self.counts[topic] = found  # posts using each spelling (a sentence's start: less)
            self.plain[topic] = plain  # posts using it but at a sentence's start

    def shown(self, topic: int, key: str) -> str:
        """A keyword (counting keys, space-joined) as ``topic``'s posts spell it."""
        return " ".join(self._word(topic, word) for word in key.split())

    def global_shown(self, key: str) -> str:
        """A keyword as the run's posts most often spell it."""
        return " ".join(self.surfaces.display(word) for word in key.split())

    def _word(self, topic: int, word: str) -> str:
        found = self.counts.get(topic, Counter())
        written = self.surfaces.written(word)
        total = sum(written.values()) + 1  # a tie in the topic goes to the run's commoner one
        local = {s: found[s] + n / total for s, n in written.items() if found[s]}
        # written only at sentences' starts, the topic's posts do not say how it is spelt
        if not any(self.plain.get(topic, Counter())[s] for s in local):
            return self.surfaces.display(word)
        return most_used(local)


def _label_names(lang: str, texts: np.ndarray) -> set[str]:
    """Words of ``lang``'s posts that are first names and no label's word: Hebrew ones (Greek
    first names and members' names are out of the keywords already)."""
    return hebrew_first_names_in_posts(texts.tolist()) if lang == "he" and len(texts) else set()


def _language_labels(model: TopicModel, spelt: TopicSpellings, docs: np.ndarray,
                     in_lang: np.ndarray, lang: str, ids: list[int], names: set[str] = frozenset()
                     ) -> tuple[dict[int, str], dict[int, int]]:
    """The label of each topic in ``lang`` (topic id -> label; none for a topic without keywords
    in it), distinct from one another (``distinct_labels``, then ``_unique``), without
    profanity or ``names``; and how many of the topic's posts in ``lang`` hold its label's
    best-held word."""
    keywords = {t: keys for t in ids if (keys := model.keywords_.get(t, {}).get(lang, []))}
    if not keywords:
        return {}, {}
    words: dict[int, list[set[str]]] = {}

    def share(topic: int, word: str) -> float:
        if topic not in words:
            words[topic] = [set(d.split()) for d in docs[in_lang & (model.topics_ == topic)]]
        return sum(word in held for held in words[topic]) / max(len(words[topic]), 1)

    def fit(key: str) -> bool:
        return not any(is_profane(word) or word in names
                       for word in spelt.global_shown(key).split())

    # A label word is one several of the topic's posts say, each word of a phrase as a keyword
    # is (``keyword_min_posts``): a word of one post ("Σουζάνα", a TV contestant named in one
    # tweet of 18) describes that post, not the topic (review 11). A topic with no keyword
    # shared so has no label in the language.
    def shared(topic: int, key: str) -> bool:
        held = [share(topic, w) for w in key.split()]  # fills ``words[topic]``, the topic's posts
        posts = len(words[topic])
        return all(round(h * posts) >= keyword_min_posts(posts) for h in held)

    keywords = {t: found for t, keys in keywords.items()
                if (found := [k for k in keys if shared(t, k)])}
    chosen = distinct_labels(keywords, share, fit)
    order = sorted(chosen)
    shown = {t: [spelt.shown(t, k) for k in keywords[t] if fit(k)] for t in order}
    labels = [" · ".join(spelt.shown(t, k) for k in chosen[t]) for t in order]
    held = {t: max(round(share(t, w) * len(words[t])) for k in chosen[t] for w in k.split())
            for t in order if chosen[t]}
    return dict(zip(order, _unique(labels, order, shown))), held


def distinct_labels(keywords: dict[int, list[str]], share: Callable[[int, str], float],
                    fit: Callable[[str], bool] = lambda key: True) -> dict[int, list[str]]:
    """The keywords that label each topic: its first ``LABEL_WORDS`` keywords that ``fit`` a
    label, where a word held by the labels of several topics stays only in the label of the topic
    whose posts hold it most often (``share(topic, word)``: the share of the topic's posts that
    hold it; ties go to the larger topic, the lower id) and the others take their next keywords.
    So two topics of a president's page are not both "president · honour · good luck": the word
    stays where it is most characteristic, and each label says what sets its topic apart. A topic
    left with no keyword of its own keeps its first ones (``_unique`` then tells the labels apart).

    Example:
        >>> held = {(0, "president"): 0.6, (1, "president"): 0.3}
        >>> distinct_labels({0: ["president", "honour", "luck", "state"],
        ...                  1: ["president", "honour", "luck", "night", "video"]},
        ...                 lambda t, w: held.get((t, w), 0.1))
        {0: ['president', 'honour', 'luck'], 1: ['night', 'video']}
    """
    candidates = {t: [k for k in keys if fit(k)] for t, keys in keywords.items()}
    dropped: dict[int, set[str]] = {t: set() for t in candidates}
    while True:
        labels = {t: _no_repeats([k for k in keys if k not in dropped[t]])
                  for t, keys in candidates.items()}
        holders: dict[str, list[int]] = {}
        for t in sorted(labels):
            for word in dict.fromkeys(w for key in labels[t] for w in key.split()):
                holders.setdefault(word, []).append(t)
        changed = False
        for word, topics in holders.items():
            if len(topics) < 2:
                continue
            owner = max(topics, key=lambda t: (share(t, word), -t))
            for t in topics:
                lost = {k for k in labels[t] if word in k.split()} if t != owner else set()
                changed |= bool(lost - dropped[t])
                dropped[t] |= lost
        if not changed:
            break
    return {t: labels[t] or _no_repeats(candidates[t]) for t in candidates}


def _no_repeats(keys: list[str]) -> list[str]:
    """The first ``LABEL_WORDS`` of ``keys`` that repeat no word of those before them, nor hold
    a word that begins another (``same_stem``): a label "honour · president · honour president"
    says two words, and "login · log" one (review 11, R11-10).

    Example:
        >>> _no_repeats(["כבוד", "הנשיא", "כבוד הנשיא", "בהצלחה"])
        ['כבוד', 'הנשיא', 'בהצלחה']
        >>> _no_repeats(["login", "log", "data", "viber"])
        ['login', 'data', 'viber']
    """
    shown: set[str] = set()
    kept = []
    for key in keys:
        words = set(key.split())
        if not any(same_stem(w, s) for w in words for s in shown):
            kept.append(key)
            shown |= words
    return kept[:LABEL_WORDS]


STEM_LETTERS = 3  # a word this long at least that begins another is that word's own piece


def same_stem(word: str, other: str) -> bool:
    """Whether two counting keys are one word, or one begins the other ("log" and "login",
    Greek stems "δουλ" and "δουλει"), from ``STEM_LETTERS`` letters."""
    if word == other:
        return True
    short, long_ = sorted((word, other), key=len)
    return len(short) >= STEM_LETTERS and long_.startswith(short)


def _unique(labels: list[str], ids: list[int], more: dict[int, list[str]] | None = None
            ) -> list[str]:
    """``labels`` with each one that repeats an earlier one told apart: by its topic's next
    keyword (``more``: topic id -> its other shown keywords, in order), else by its id."""
    seen: set[str] = set()
    out = []
    for label, topic_id in zip(labels, ids):
        if label and label in seen:
            extra = [w for w in (more or {}).get(topic_id, []) if w not in label.split(" · ")]
            label = f"{label} · {extra[0]}" if extra and f"{label} · {extra[0]}" not in seen \
                else f"{label} (topic {topic_id})"
        seen.add(label)
        out.append(label)
    return out
