"""What a report says when a run has no topics or no challenges (a small corpus, or nothing
similar enough to group): one sentence each on why and how many posts would be needed, and the
feedback listed by type with quotes, so that 90 posts still give a report worth reading.

Example:
    >>> no_topics_note(analyzed.head(12), manifest)                     # doctest: +SKIP
    'No topics: topics are looked for in at least 20 analyzed posts and this run has 12 (8 more would be needed).'
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import pandas as pd

from mining.challenges import FEEDBACK_TYPES
from mining.challenges.clusters import CAP_FLOOR
from mining.config import ChallengesConfig
from mining.report.safe import clean_text
from mining.report.sections import Quote, quote
from mining.topics.describe import trim
from mining.topics.quotes import mask_links
from mining.topics.model import minimum_posts, smallest_cluster

QUOTES_PER_TYPE = 3
# A group left out above the cap is shown by its central posts, each cut to this many characters
# (three in a sentence: a line, not a page).
GROUP_QUOTE_CHARS = 90


@dataclass
class FeedbackGroup:
    feedback_type: str
    n: int
    quotes: list[Quote]


def left_out_groups(analyzed: pd.DataFrame, manifest: dict) -> str | None:
    """The groups the topics left out above 1.5 × ``topics.max_topic_share`` (no word of their
    own in most of their posts), shown by their central posts, and the share that would make
    topics of them; None without any. In a small group its largest subject is such a group
    (review 13, R13-12: 24 of a 60-post chat, 40%), and the report said only its size.

    Example:
        >>> left_out_groups(analyzed, manifest)                             # doctest: +SKIP
        'a group of 24 similar posts left out as larger than 30% of them ..., such as “Σήμερα
        είπαν μου τρια πλασματα ότι εμαύρισα”, ... (1.5 × topics.max_topic_share: 0.27 in
        place of 0.2, or topics.n_topics, makes a topic of it)'
    """
    stage = next((s for s in manifest.get("stages", []) if s.get("name") == "topics"), {})
    sizes = stage.get("left_out_above_cap") or []
    if not sizes or not len(analyzed):
        return None
    share = manifest.get("config", {}).get("topics", {}).get("max_topic_share", 0.2)
    one = len(sizes) == 1
    its, it = ("its", "it") if one else ("their", "them")
    examples = _examples(analyzed, stage.get("left_out_examples") or [])
    if sizes == [len(analyzed)]:  # density split nothing off: no cap makes the whole a topic
        return (f"all {len(analyzed):,} form one group of similar posts with no word of its own in "
                f"most of them{f', such as {examples}' if examples else ''} (topics.n_topics "
                f"splits it into that many topics)")
    return (f"{'a group' if one else 'groups'} of {_list([f'{n:,}' for n in sizes])} similar posts "
            f"left out as larger than {1.5 * share:.0%} of them with no word of {its} own in most "
            f"of {its} posts{f', such as {examples}' if examples else ''} (1.5 × "
            f"topics.max_topic_share: {_share_for(max(sizes), len(analyzed)):.2f} in place of "
            f"{share:g}, or topics.n_topics, makes a topic of {it})")


def _share_for(size: int, n: int) -> float:
    """The least ``topics.max_topic_share`` (two decimals) under which a group of ``size`` of ``n``
    posts is within 1.5 times the cap, the cap being whole posts (``TopicModel._cap``)."""
    return math.ceil(100 * math.ceil(size / 1.5 - 1e-9) / n - 1e-9) / 100


def _examples(analyzed: pd.DataFrame, groups: list[list[str]]) -> str:
    """The central posts of the groups (post ids), quoted and cut, the largest group's first."""
    if not groups:  # a run before the manifest listed them
        return ""
    texts = analyzed.drop_duplicates("post_id").set_index("post_id")["text_norm"]
    ids = [i for group in groups for i in group if i in texts.index][:QUOTES_PER_TYPE]
    return ", ".join(f"“{trim(mask_links(clean_text(str(texts[i]))), GROUP_QUOTE_CHARS)}”"
                     for i in ids)


def no_topics_note(analyzed: pd.DataFrame, manifest: dict) -> str:
    """Why the run has no topics, in one sentence."""
    n = len(analyzed)
    minimum = minimum_posts(manifest.get("config", {}).get("topics", {}).get("min_topic_size"))
    if n == 0:  # review 12 (R12-23): a Telegram channel's posts, all the channel's own
        return ("No topics: every post of this run was set aside, none analyzed (Not analyzed "
                "says why: posts set aside as brand are the brand's own, such as a channel "
                "posting as itself, whose members' voice is in its discussion group's export).")
    if n < minimum:
        return (f"No topics: topics are looked for in at least {minimum} analyzed posts and this run "
                f"has {n:,} ({minimum - n} more would be needed).")
    left_out = left_out_groups(analyzed, manifest)
    if left_out:  # a group too large, not too small (issue 12, item 6)
        return f"No topics: of the {n:,} analyzed posts, {left_out}."
    size = manifest.get("config", {}).get("topics", {}).get("min_topic_size")
    smallest = smallest_cluster(n, size)
    return (f"No topics: no group of {smallest} similar posts, the smallest topic "
            f"(topics.min_topic_size), was found among the {n:,} analyzed posts (a smaller "
            "topics.min_topic_size, or topics.n_topics, would form some).")


def no_challenges_note(analyzed: pd.DataFrame, found, config: dict) -> str:
    """Why the run has no challenges, in one sentence. Challenges are clustered from the posts
    the challenges stage found eligible (confident complaints, questions and requests, not spam):
    those it gave a ``challenge_id``, -1 included."""
    eligible = int(analyzed["challenge_id"].notna().sum())
    minimum = minimum_posts(config.get("challenges", {}).get("min_challenge_size"))
    if eligible < minimum:
        return (f"No challenges: they are grouped from confident complaints, questions and requests, "
                f"and this run has {eligible:,} of them where at least {minimum} are needed ({minimum - eligible} more).")
    share = {**dataclasses.asdict(ChallengesConfig()), **config.get("challenges", {})}["max_challenge_share"]
    fit = getattr(found, "fit", None) or {}
    left_out, talk = fit.get("left_out_above_cap") or [], fit.get("general_talk") or []
    smallest = smallest_cluster(eligible, config.get("challenges", {}).get("min_challenge_size"))
    if left_out == [eligible] and not talk:  # review 12, R12-7: "larger than 20%" of itself
        return (f"No challenges: the {eligible:,} eligible posts form one group of similar "
                f"complaints, questions and requests, not one problem by its words (no word in "
                f"most of its posts, or words the community's other posts use as much), and too "
                f"few to split into challenges of {smallest} (challenges.min_challenge_size); the "
                f"posts by type are below.")
    if left_out or talk:
        its = "its" if len(left_out) == 1 else "their"
        cap = max(int(share * eligible), int(CAP_FLOOR * smallest))
        parts = ([f"{_groups(left_out)} left out as larger than the cap of {cap} posts "
                  f"({share:.0%} of them, challenges.max_challenge_share, and at least "
                  f"{CAP_FLOOR:g} times the smallest challenge) without being one problem by {its} words (no "
                  f"word in most of {its} posts, or words the community's other posts use as "
                  f"much)"] if left_out else [])
        parts += ([f"{_groups(talk)} left out as the community's general talk (words its other "
                   f"posts use more than its complaints, questions and requests)"] if talk else [])
        return (f"No challenges: of the {eligible:,} eligible posts, {'; '.join(parts)}; no other "
                f"group was large enough (challenges.min_challenge_size).")
    return (f"No challenges: among the {eligible:,} eligible posts no group of at least "
            f"{smallest} similar complaints, questions and requests (challenges.min_challenge_size) "
            f"was found.")


def _groups(sizes: list[int]) -> str:
    """"the group of similar complaints, questions and requests (66 posts) was" and plurals."""
    one = len(sizes) == 1
    return (f"the group{'' if one else 's'} of similar complaints, questions and requests "
            f"({_list([f'{n:,}' for n in sizes])} posts) {'was' if one else 'were'}")


def _list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def no_questions_note(analyzed: pd.DataFrame, config: dict) -> str:
    """Why the run lists no recurring questions, in one sentence. They are grouped from the
    question posts that are not spam and not the brand's (as the challenges stage does)."""
    asked = int((analyzed["feedback_type"].eq("question")
                 & ~analyzed["is_spam"].fillna(False).astype(bool)
                 & ~analyzed["author_is_brand"].fillna(False).astype(bool)).sum())
    default = ChallengesConfig().min_question_size
    size = config.get("challenges", {}).get("min_question_size", default)
    minimum = minimum_posts(size)
    if asked < minimum:
        return (f"No recurring questions: they are grouped from question posts, and this run has "
                f"{asked:,} where at least {minimum} are needed ({minimum - asked} more).")
    return (f"No recurring questions: no {size} of the {asked:,} questions were similar enough to "
            "group (a smaller challenges.min_question_size would form some).")


def feedback_groups(analyzed: pd.DataFrame, posts: pd.DataFrame) -> list[FeedbackGroup]:
    """The analyzed posts by feedback type, each with the quotes typed most confidently (distinct
    texts, spam left out, a post flagged abusive only where no other is left: a report is
    forwarded to a product team); ``posts`` is indexed by ``post_id``."""
    groups = []
    for kind in FEEDBACK_TYPES:
        of_type = analyzed[analyzed["feedback_type"] == kind]
        if of_type.empty:
            continue
        kept = of_type[~of_type["is_spam"].fillna(False).astype(bool)]
        # a column set from a Series on a frame with no row took the Series' rows: a spam-only
        # type was quoted as "<NA>" (review 15, R15-6)
        civil = ~kept.get("is_abusive", pd.Series(False, index=kept.index)).fillna(False).astype(bool)
        ranked = (kept.assign(length=kept["text_norm"].str.len(), civil=civil.to_numpy())
                  .sort_values(["civil", "feedback_confidence", "length"], ascending=False)
                  .drop_duplicates("text_norm").head(QUOTES_PER_TYPE))
        shown = [quote(trim(mask_links(clean_text(str(r.text_norm)))), r.post_id, posts)
                 for r in ranked.itertuples()]
        groups.append(FeedbackGroup(kind, len(of_type), shown))
    return groups
