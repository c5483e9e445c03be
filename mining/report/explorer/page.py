"""The explorer as one HTML fragment: its controls and lists, the data as a JSON island, and its
style and script (``explorer.css``, ``explorer.js``, package data) inlined.

The JSON is escaped so that no post can end the ``<script>`` element or start markup: ``<``, ``>``
and ``&`` are written as ``\\u003c``, ``\\u003e``, ``\\u0026``, and U+2028/U+2029 escaped too;
the script reads it with ``JSON.parse`` and puts every post into the page with ``textContent``.

Example:
    >>> fragment = explorer_html(explorer_data(posts, topics, challenges))   # doctest: +SKIP
    >>> fragment.startswith('<section data-explorer')                        # doctest: +SKIP
    True
"""
from __future__ import annotations

import base64
import hashlib
import json
from html import escape
from importlib.resources import files

from mining.lang import LANG_NAMES, LANGS

_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_island(data: dict) -> str:
    """``data`` as JSON that is safe inside ``<script type="application/json">``.

    Example:
        >>> json_island({"text": "</script><script>alert(1)</script>"})
        '{"text":"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(str.maketrans(_ESCAPES))


def _asset(name: str) -> str:
    return files("mining.report.explorer").joinpath(name).read_text(encoding="utf-8")


def explorer_script_hash() -> str:
    """The explorer script's CSP source (``'sha256-...'``): the one script ``report.html`` runs."""
    digest = hashlib.sha256(_asset("explorer.js").encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _select(name: str, label: str, options: list[tuple[str, str]], attr: str = "data-filter") -> str:
    items = "".join(f'<option value="{escape(value)}">{escape(text)}</option>' for value, text in options)
    return f'<label>{label}<select {attr}="{name}" dir="auto">{items}</select></label>'


def _note(sample: dict) -> str:
    shown, analyzed = sample["shown"], sample["analyzed"]
    if shown == analyzed:
        held = f"All {analyzed:,} analyzed posts are here."
    else:
        others, rest = shown - sample["in_challenges"], analyzed - sample["in_challenges"]
        sampled = (f"a random sample (seed {sample['seed']}) of {others:,} of the other {rest:,}"
                   if others else f"none of the other {rest:,}")
        held = (f"This page holds {shown:,} of the {analyzed:,} analyzed posts: every one of the "
                f"{sample['in_challenges']:,} posts in a challenge, and {sampled} (setting "
                f"<code>report.explorer_posts</code> = {sample['limit']:,}). The charts count every "
                "analyzed post.")
    return (f'<p class="ex-note">{held} Posts set aside before clustering (system lines, '
            "duplicates, one-word posts…) are only in <code>posts.parquet</code>. Search folds "
            "case, accents and niqqud, finds Hebrew words with or without prefixes, reads Latin "
            "letters as Greeklish too (tilefono finds τηλέφωνο) and lists first the posts holding "
            "the words as typed; drag on the "
            "map to select posts, click a challenge or topic to list its posts.</p>")


def _controls(data: dict) -> str:
    everything = [("", "all")]
    return "".join([
        '<div class="ex-controls">',
        '<label>Search<input type="search" dir="auto" placeholder="words in Hebrew, Greek or English" '
        'aria-label="Search the posts"></label>',
        _select("lang", "Language", everything + [(c, LANG_NAMES[c]) for c in LANGS]),
        _select("type", "Feedback type", everything + [(t, t) for t in data["types"]]),
        _select("sentiment", "Sentiment", everything + [(s, s) for s in data["sentiments"]]),
        _select("channel", "Channel", everything + [(str(i), c) for i, c in enumerate(data["channels"])]),
        '<label>From<input type="date" data-filter="from"></label>',
        '<label>To<input type="date" data-filter="to"></label>',
        _select("sort", "Order", [("newest", "newest first"), ("oldest", "oldest first"),
                                  ("reactions", "most reactions"), ("replies", "most replies")],
                "data-option"),
        '<button type="button" data-action="reset">Clear all</button></div>'])


def _group_item(attr: str, value: str, name: str, group: dict) -> str:
    # The curated name, then the generated label and the curation's marks (status, review...).
    beside = " · ".join(escape(text) for text in [
        group.get("generated") and "generated: " + group["generated"], *group.get("marks", [])] if text)
    beside = f'<small class="ex-curated" dir="auto">{beside}</small>' if beside else ""
    return (f'<li><button type="button" {attr}="{escape(value)}" aria-pressed="false">'
            f'<span class="ex-swatch"></span><span class="ex-id">{escape(name)}</span>'
            f'<span class="ex-label"><bdi>{escape(group["label"])}</bdi>{beside}</span>'
            '<span class="ex-count"></span></button></li>')


def _groups(data: dict) -> str:
    challenges = "".join(_group_item("data-challenge-id", c["id"], c["id"], c)
                         for c in data["challenges"]) or "<li>No challenges were found.</li>"
    topics = "".join(_group_item("data-topic-id", str(t["id"]), f"{t['id']}.", t)
                     for t in data["topics"]) or "<li>No topics were found.</li>"
    return (f'<nav class="ex-groups" aria-label="Challenges and topics"><h3>Challenges</h3><ul>{challenges}'
            f"</ul><h3>Topics</h3><ul>{topics}</ul></nav>")


def explorer_html(data: dict) -> str:
    """The explorer section of ``report.html`` (``data`` from ``explorer_data``)."""
    return "".join([
        '<section data-explorer id="explorer" class="ex"><h2>Explore the posts</h2>',
        _note(data["sample"]), _controls(data), '<div class="ex-layout">', _groups(data),
        '<div class="ex-main"><div class="ex-map"><canvas aria-label="Map of the posts"></canvas>'
        '<div class="ex-tip" hidden></div><div class="ex-maptools">',
        _select("color", "Colour by", [("topic", "topic"), ("challenge", "challenge")], "data-option"),
        "<span>Posts near each other say similar things (UMAP of their vectors). Hover for a "
        "post; click or drag to select.</span>",
        '<button type="button" data-action="clear-map" hidden>Clear the map selection</button></div></div>',
        '<p class="ex-status" aria-live="polite"></p><ol class="ex-posts"></ol>',
        '<button type="button" class="ex-more" data-action="more" hidden></button></div></div>',
        '<div class="ex-charts"><figure data-chart="volume"><figcaption>Analyzed posts per week, by '
        'language</figcaption></figure><figure data-chart="trends"><figcaption>Posts per week of the '
        "top challenges</figcaption></figure></div>",
        f'<script type="application/json">{json_island(data)}</script>',
        f"<style>{_asset('explorer.css')}</style><script>{_asset('explorer.js')}</script></section>"])
