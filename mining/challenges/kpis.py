"""KPIs from the config: mentions and share of voice of the brand and its competitors, and the
brand accounts' response rate and median response time.

The terms come from the ``[brand]`` config section. They are matched as whole words on folded
text (case, accents and niqqud ignored; a Hebrew term may carry the proclitics ו ה ש ב ל כ מ), so
one list holds every language's spelling: ``terms = ["Basketo", "בסקטו", "Μπάσκετο"]``. A
competitor entry is one name, or a name and its spellings: ``"Wolt: wolt, וולט, Βολτ"``.

Example:
    >>> parse_competitors(["Wolt: wolt, וולט", "efood"])
    {'Wolt': ['wolt', 'וולט'], 'efood': ['efood']}
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from mining.challenges.cues import fold_pattern, fold_post
from mining.lang import LANGS


def parse_competitors(entries: list[str]) -> dict[str, list[str]]:
    """``["Name: term, term", "Other"]`` → ``{"Name": ["term", "term"], "Other": ["Other"]}``."""
    out: dict[str, list[str]] = {}
    for entry in entries:
        name, _, spellings = entry.partition(":")
        terms = [t.strip() for t in spellings.split(",") if t.strip()] if spellings else [name.strip()]
        if name.strip():
            out.setdefault(name.strip(), []).extend(terms)
    return out


def _matcher(terms: list[str]) -> re.Pattern | None:
    if not terms:
        return None
    alternatives = "|".join(re.escape(fold_pattern(t)) for t in sorted(terms, key=len, reverse=True))
    # Hebrew proclitics glue to a Latin name as to a Hebrew one: לWolt, בוולט.
    return re.compile(f"(?<!\\w)(?:[ושהבלכמ]{{0,3}}(?=\\w))?(?:{alternatives})(?!\\w)")


def mention_kpis(posts: pd.DataFrame, sentiment: np.ndarray, terms: list[str],
                 competitors: list[str], brand_rows: np.ndarray | None = None) -> pd.DataFrame:
    """Rows ``kpi`` (mentions / share_of_voice / net_sentiment), ``scope`` (he/el/en/all with
    posts), ``name``, ``value``, ``unit``. The brand is named after its first term. The brand's
    own posts (``brand_rows``) are left out: the brand naming itself is no mention."""
    if brand_rows is not None:
        posts, sentiment = posts[~brand_rows], np.asarray(sentiment)[~brand_rows]
    brand = [t.strip() for t in terms if t.strip()]
    groups = {(brand[0] if brand else "brand"): brand, **parse_competitors(competitors)}
    groups = {name: terms for name, terms in groups.items() if terms}
    folded = posts["text_norm"].fillna("").map(fold_post)
    langs = posts["lang"].fillna("und").to_numpy()
    rows = []
    hits = {name: folded.map(lambda t, m=_matcher(terms): bool(m.search(t))).to_numpy()
            for name, terms in groups.items()}
    for scope in (*LANGS, "all"):
        in_scope = np.ones(len(posts), bool) if scope == "all" else langs == scope
        if not in_scope.any():
            continue  # a language without posts has no mentions to count, not zero of them
        total = sum(int((h & in_scope).sum()) for h in hits.values())
        for name, hit in hits.items():
            n = int((hit & in_scope).sum())
            rows.append({"kpi": "mentions", "scope": scope, "name": name, "value": n, "unit": "posts"})
            if len(groups) > 1:
                # of the posts that name one: on a brand's own server, where members say "the
                # app", competitors held 100% of it (review 13 R13-21); the base is said
                rows.append({"kpi": "share_of_voice", "scope": scope, "name": name,
                             "value": round(n / total, 4) if total else None,
                             "unit": f"share of the {total:,} mentions of a brand or competitor "
                                     f"in {int(in_scope.sum()):,} posts"})
            if n:
                s = np.asarray(sentiment, float)[hit & in_scope]
                rows.append({"kpi": "net_sentiment", "scope": scope, "name": name,
                             "value": round(float((s > 0.25).mean() - (s < -0.25).mean()), 4),
                             "unit": "positive share minus negative share"})
    return pd.DataFrame(rows, columns=["kpi", "scope", "name", "value", "unit"])


def response_kpis(posts: pd.DataFrame, links: pd.DataFrame, kinds: pd.Series,
                  brand_hours: np.ndarray | None = None) -> pd.DataFrame:
    """Brand response rate and median response time on members' complaints and questions.

    ``links`` are ``posts``' rows of ``link_replies``; their ``parent_row`` counts rows of the
    posts the links were made from, so when ``posts`` is a subset of those, pass
    ``brand_hours`` computed on the full set (``brand_response_hours``) and taken at these rows.
    """
    asked = (~links["is_brand"].to_numpy() & kinds.isin(["complaint", "question"]).to_numpy()
             & links["answered"].notna().to_numpy() & (links["parent_row"].to_numpy() < 0))
    langs = posts["lang"].fillna("und").to_numpy()
    rows = []
    by_brand = links["answered_by_brand"].astype("boolean")
    answered = links["answered"].astype("boolean")
    hours = links["first_response_hours"].to_numpy(dtype=float)
    if brand_hours is None:
        brand_hours = brand_response_hours(posts, links)
    for scope in (*LANGS, "all"):
        mask = asked & (np.ones(len(posts), bool) if scope == "all" else langs == scope)
        if not mask.any():
            continue
        rows.append({"kpi": "response_rate", "scope": scope, "name": "any reply",
                     "value": round(float(answered[mask].fillna(False).mean()), 4), "unit": "share"})
        known = mask & by_brand.notna().to_numpy()
        if known.any():
            rows.append({"kpi": "response_rate", "scope": scope, "name": "brand",
                         "value": round(float(by_brand[known].fillna(False).mean()), 4), "unit": "share"})
        if np.isfinite(hours[mask]).any():
            rows.append({"kpi": "median_response_hours", "scope": scope, "name": "any reply",
                         "value": round(float(np.nanmedian(hours[mask])), 2), "unit": "hours"})
        if np.isfinite(brand_hours[mask]).any():
            rows.append({"kpi": "median_response_hours", "scope": scope, "name": "brand",
                         "value": round(float(np.nanmedian(brand_hours[mask])), 2), "unit": "hours"})
    return pd.DataFrame(rows, columns=["kpi", "scope", "name", "value", "unit"])


def brand_response_hours(posts: pd.DataFrame, links: pd.DataFrame) -> np.ndarray:
    """Hours from a post to the brand's first reply (NaN when none or without times)."""
    out = np.full(len(posts), np.nan)
    if "created_at" not in posts:
        return out
    seconds = (pd.to_datetime(posts["created_at"], utc=True)
               - pd.Timestamp("1970-01-01", tz="UTC")).dt.total_seconds().to_numpy()
    parent = links["parent_row"].to_numpy()
    is_brand = links["is_brand"].to_numpy()
    for child in np.flatnonzero((parent >= 0) & is_brand):
        p = parent[child]
        delay = (seconds[child] - seconds[p]) / 3600
        if not is_brand[p] and np.isfinite(delay) and delay >= 0 and not (out[p] <= delay):
            out[p] = delay
    return out
