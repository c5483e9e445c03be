"""Community health: is this a community (members answer members) or an audience (members talk
to the brand)? Who carries it?

* reply directions: member → member, member → brand, brand → member, and the share of members'
  replies that go to other members;
* reply-graph reach: members linked by replies (either direction, brand left out), the share of
  active members in the largest connected group, and the mean number of distinct partners;
* returning members per week (posted in an earlier week) against new ones;
* most helpful members: replies to other members' complaints and questions, and positive replies
  received from other members (the brand neither counts as a member nor makes one helpful; a
  member answering with a few canned texts is named in a note and left out, as a support desk's
  account that ``brand.accounts`` does not name yet). A bot's messages (kind ``bot`` or
  ``integration``) are no member's: no member, no reply between members. Members appear under
  the names the privacy stage left (salted pseudonyms unless ``privacy.keep_identities``); this
  module never sees more than that.

Example:
    >>> health, weekly, members, notes = community_health(all_posts, links, kinds, scores)  # doctest: +SKIP
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from mining.challenges.signals import period_start
from mining.normalize import fold_text
from mining.schema import COMMUNITY_HEALTH, COMMUNITY_WEEKLY, HELPFUL_MEMBER, empty_frame

# A member whose replies to others are at least CANNED_REPLIES, each text used CANNED_REPEATS times
# on average, answers as a support desk does (three templates for 52 replies in a Discord
# server), not as a member helping another: nobody answers ten people with the same words.
CANNED_REPLIES = 10
CANNED_REPEATS = 3


def _metric(rows: list, metric: str, value, detail: str = "") -> None:
    rows.append({"metric": metric, "value": value, "detail": detail})


def community_health(posts: pd.DataFrame, links: pd.DataFrame, kinds: pd.Series,
                     sentiment: np.ndarray, top: int = 10,
                     has_brand: bool = True) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict]:
    """Health metrics (``metric``, ``value``, ``detail``), weekly members, helpful members, notes.

    ``posts`` are all posts (replies included, analyzed or not), ``links`` their
    ``threads.link_replies``, ``kinds`` the feedback type per post (null where not typed) and
    ``sentiment`` a score per post (model or cue-only).
    """
    notes: dict[str, str] = {}
    rows: list[dict] = []
    copy, read = _copies(posts, kinds)
    kinds = pd.Series(kinds.to_numpy()[read])
    sentiment = np.asarray(sentiment, dtype=float)[read]
    authors = posts["author"].astype("string").to_numpy(dtype=object, na_value=None)
    parent = links["parent_row"].to_numpy()
    is_brand = links["is_brand"].to_numpy()
    # A bot's messages (kind ``bot``: a moderation bot's notices) are nobody's voice: its account
    # is no member, and what it answers or what answers it is no reply between people.
    bot = (posts["kind"].isin(["bot", "integration"]).to_numpy(dtype=bool) if "kind" in posts
           else np.zeros(len(posts), dtype=bool))
    known_author = np.array([a is not None and a != "" for a in authors]) & ~bot
    members = known_author & ~is_brand
    _metric(rows, "active_members", int(len(set(authors[members]))), "distinct non-brand authors")

    child = np.flatnonzero((parent >= 0) & known_author & ~copy)
    child = child[known_author[parent[child]] & (authors[child] != authors[parent[child]])]
    if not links["reply_known"].any():
        notes["community_replies"] = ("no reply links, threads or reply counts in the input: reply "
                                      "directions, reach and helpful members are not computed")
    else:
        src_brand, dst_brand = is_brand[child], is_brand[parent[child]]
        m2m = int((~src_brand & ~dst_brand).sum())
        m2b = int((~src_brand & dst_brand).sum())
        b2m = int((src_brand & ~dst_brand).sum())
        _metric(rows, "replies", int(len(child)), "replies between different authors")
        _metric(rows, "replies_member_to_member", m2m)
        if has_brand:
            _metric(rows, "replies_member_to_brand", m2b)
            _metric(rows, "replies_brand_to_member", b2m)
            share = round(m2m / (m2m + m2b), 4) if m2m + m2b else None
            _metric(rows, "share_member_to_member", share,
                    "members' replies that answer another member rather than the brand")
            answered = links["answered"].astype("boolean")
            by_member = links["answered_by_member"].astype("boolean")
            asked = (members & ~copy & kinds.isin(["complaint", "question"]).to_numpy()
                     & answered.notna().to_numpy())
            if asked.any():
                _metric(rows, "share_member_posts_answered_by_members",
                        round(float(by_member[asked].fillna(False).mean()), 4),
                        "members' complaints and questions that another member replied to")
        _reach(rows, authors, child, parent, members)

    weekly = _weekly_members(rows, notes, posts, authors[members], members)
    canned = _canned_repliers(posts, authors, child, is_brand, notes)
    helpful = _helpful(authors, child, parent, is_brand | np.isin(authors, list(canned)), kinds,
                       sentiment, top, ~copy) \
        if "community_replies" not in notes else empty_frame(HELPFUL_MEMBER)
    return pd.DataFrame(rows, columns=list(COMMUNITY_HEALTH)), weekly, helpful, notes


def _copies(posts: pd.DataFrame, kinds: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Which posts repeat an earlier one (``first_copies``: the same message in two overlapping
    exports counts once), and the row each post is read as: the copy that was typed (the others
    are duplicates)."""
    first = first_copies(posts)
    typed = pd.Series(np.arange(len(posts))).where(kinds.notna().to_numpy())
    read = typed.groupby(first).transform("min").fillna(pd.Series(first)).astype(int).to_numpy()
    return first != np.arange(len(posts)), read


def canned_repliers(authors: pd.Series, texts: pd.Series) -> pd.DataFrame:
    """Of replies by ``authors`` with folded ``texts``, the authors who answer as a support desk
    does: at least ``CANNED_REPLIES`` replies, each text used ``CANNED_REPEATS`` times on average.
    Indexed by author: ``size`` (replies) and ``nunique`` (different texts)."""
    said = pd.DataFrame({"author": np.asarray(authors, dtype=object),
                         "text": np.asarray(texts, dtype=object)})
    counts = said.groupby("author")["text"].agg(["size", "nunique"])
    return counts[(counts["size"] >= CANNED_REPLIES)
                  & (counts["size"] >= CANNED_REPEATS * counts["nunique"])]


def _canned_repliers(posts: pd.DataFrame, authors: np.ndarray, child: np.ndarray,
                     is_brand: np.ndarray, notes: dict) -> list[str]:
    """The members ``canned_repliers`` finds among the replies to others, named in ``notes``
    with their replies and different texts."""
    replies = child[~is_brand[child]]
    if not len(replies):
        return []
    text = "text_norm" if "text_norm" in posts else "text"
    canned = canned_repliers(authors[replies], posts[text].iloc[replies].fillna("").map(fold_text))
    if len(canned):
        said = [f"{a} answered {n} posts with {d} different texts" for a, (n, d) in canned.iterrows()]
        notes["canned_replies"] = ("; ".join(said) + ": a support desk's canned replies, not a "
                                   "member's help (left out of the helpful members; the texts "
                                   "they repeat are not analyzed, skip reason canned); if the "
                                   "account is the brand's, name it in brand.accounts")
    return canned.index.tolist()


def _weekly_members(rows: list, notes: dict, posts: pd.DataFrame, authors: np.ndarray,
                    members: np.ndarray) -> pd.DataFrame:
    """The members per week (``authors`` of the ``members`` rows), and their mean returning
    share among the metrics; a note when the posts have no times."""
    times = pd.to_datetime(posts["created_at"], utc=True) if "created_at" in posts else None
    if times is None or times.isna().all():
        notes["community_weekly"] = "no timestamps: returning members per week are not computed"
        return empty_frame(COMMUNITY_WEEKLY)
    weekly = _weekly(authors, times[members])
    if len(weekly):
        _metric(rows, "mean_returning_share", round(float(weekly["returning_share"].iloc[1:].mean()), 4)
                if len(weekly) > 1 else None, "mean over weeks after the first")
    return weekly


def first_copies(posts: pd.DataFrame) -> np.ndarray:
    """Each post's row, or the row of its first copy: the same channel, author, time and text,
    as two overlapping exports of one chat (last week's and this week's) hold it. A post without
    a time is its own."""
    first = np.arange(len(posts))
    text = "text_norm" if "text_norm" in posts else "text"
    key = posts.reindex(columns=["channel", "author", "created_at", text])
    timed = np.flatnonzero(key["created_at"].notna().to_numpy())
    if len(timed):
        hashed = pd.util.hash_pandas_object(key.iloc[timed].astype("string"), index=False)
        first[timed] = pd.Series(timed).groupby(hashed.to_numpy()).transform("min").to_numpy()
    return first


def _reach(rows: list, authors: np.ndarray, child: np.ndarray, parent: np.ndarray,
           members: np.ndarray) -> None:
    pairs = [(authors[c], authors[parent[c]]) for c in child if members[c] and members[parent[c]]]
    active = sorted(set(authors[members]))
    if not active:
        return
    index = {a: i for i, a in enumerate(active)}
    linked = {a for pair in pairs for a in pair}
    _metric(rows, "members_in_reply_graph", len(linked), "members who replied to or were replied to by a member")
    if pairs:
        ij = np.array([(index[a], index[b]) for a, b in pairs])
        graph = coo_matrix((np.ones(len(ij)), (ij[:, 0], ij[:, 1])), shape=(len(active),) * 2)
        _, component = connected_components(graph, directed=False)
        largest = np.bincount(component[[index[a] for a in linked]]).max()
        partners = pd.DataFrame(pairs + [(b, a) for a, b in pairs]).drop_duplicates().groupby(0).size()
        _metric(rows, "reply_graph_reach", round(largest / len(active), 4),
                "share of active members in the largest group connected by member-to-member replies")
        _metric(rows, "mean_reply_partners", round(float(partners.mean()), 3),
                "distinct members each linked member exchanged replies with")


def _weekly(authors: np.ndarray, times: pd.Series) -> pd.DataFrame:
    frame = pd.DataFrame({"author": authors, "week": period_start(times, "week").to_numpy()})
    frame = frame.dropna()
    first = frame.groupby("author")["week"].transform("min")
    frame["new"] = frame["week"] == first
    per_week = frame.drop_duplicates(["author", "week"]).groupby("week").agg(
        active_members=("author", "size"), new_members=("new", "sum"))
    per_week["returning_members"] = per_week["active_members"] - per_week["new_members"]
    per_week["returning_share"] = (per_week["returning_members"] / per_week["active_members"]).round(4)
    return per_week.reset_index().rename(columns={"week": "week_start"}).astype(
        {"active_members": int, "new_members": int, "returning_members": int})


def _helpful(authors, child, parent, is_brand, kinds, sentiment, top, counted) -> pd.DataFrame:
    # Replies often answer a post that was not typed (emoji-only, one word, a duplicate): its
    # kind is null, and it is not a complaint or question to answer.
    asks = kinds.isin(["complaint", "question"]).to_numpy(dtype=bool)
    sentiment = np.asarray(sentiment, dtype=float)
    answers: dict[str, int] = {}
    thanked: dict[str, int] = {}
    # Helpfulness is between members: a member's answers to other members' complaints and
    # questions, and the positive replies a member receives from other members (a brand's
    # "thanks for reaching out" is not a member being helpful).
    for c in child:
        p = parent[c]
        if is_brand[c] or is_brand[p]:
            continue
        if asks[p]:
            answers[authors[c]] = answers.get(authors[c], 0) + 1
        if sentiment[c] > 0.25:
            thanked[authors[p]] = thanked.get(authors[p], 0) + 1
    # a member who answered no one is not helpful, however liked their posts (review 12, R12-9:
    # five of a chat's eight members "most helpful", four of them with no answer)
    names = sorted(set(answers) - set(authors[is_brand]))
    if not names:
        return empty_frame(HELPFUL_MEMBER)
    counts = pd.Series(authors[counted]).value_counts()
    table = pd.DataFrame({
        "member": names,
        "answers_to_others": [answers.get(n, 0) for n in names],
        "positive_replies_received": [thanked.get(n, 0) for n in names],
        "posts": [int(counts.get(n, 0)) for n in names],
    })
    table["helpfulness"] = table["answers_to_others"] + table["positive_replies_received"]
    return table.sort_values(["helpfulness", "answers_to_others", "member"],
                             ascending=[False, False, True]).head(top).reset_index(drop=True)
