"""What the explorer puts in the page: the JSON island's escaping, links, the sample of a large
corpus, the search index and chart numbers (on the demo run), and hostile posts in a real browser."""
from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from mining.report.explorer import explorer_data, explorer_html, explorer_section
from mining.report.explorer.data import safe_link, sample_posts
from mining.report.explorer.page import json_island
from mining.report.explorer.search import fold_word, search_index
from mining.normalize import decode_references
from mining.report.trace import post_ref

HOSTILE = [
    "</script><script>alert(1)</script> האפליקציה קורסת",
    '<img src=x onerror="alert(2)"> η εφαρμογή κολλάει',
    "line one\u2028line two\u2029<!-- <script> --> & &amp; &lt;script&gt;alert(10)&lt;/script&gt; crashes",
    "javascript:alert(3) ]]> `${alert(4)}` \\u003c/script\\u003e",
]


@pytest.fixture(scope="module")
def analyzed(demo_run) -> pd.DataFrame:
    return demo_run.posts[demo_run.posts["analyzed"]]


def test_the_json_island_cannot_close_its_script_and_reads_back_whole():
    data = {"text": HOSTILE, "vocab": {"</script>": 1}}
    island = json_island(data)
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in island
    assert json.loads(island) == data


@pytest.mark.parametrize("url, kept", [
    ("https://discord.com/channels/1/2/3", True), ("http://example.org/a?b=<c>", True),
    ("javascript:alert(1)", False), (" JaVaScRiPt:alert(1)", False), ("data:text/html,<b>x</b>", False),
    ("vbscript:msgbox", False), ("ftp://example.org/file", False), ("https:/no-host", False),
    (None, False), (float("nan"), False)])
def test_only_http_links_are_kept(url, kept):
    assert (safe_link(url) is not None) == kept


def test_a_large_corpus_keeps_every_challenge_post_and_a_seeded_sample(analyzed, demo_run):
    in_challenge = analyzed["challenge_id"].fillna(-1).ge(0)
    limit = int(in_challenge.sum()) + 50
    shown = sample_posts(analyzed, limit)
    assert len(shown) == limit
    assert set(analyzed.loc[in_challenge, "post_id"]) <= set(shown["post_id"])
    assert shown["post_id"].tolist() == sample_posts(analyzed, limit)["post_id"].tolist()
    assert len(sample_posts(analyzed, 10)) == in_challenge.sum()  # challenge posts are never dropped

    html = explorer_section(demo_run.posts, demo_run.topics, demo_run.challenges.challenges, limit=limit)
    assert (f"This page holds {limit:,} of the {len(analyzed):,} analyzed posts: every one of the "
            f"{in_challenge.sum():,} posts in a challenge, and a random sample (seed 0) of 50") in html


def test_each_listed_post_carries_its_reference_and_one_file_is_not_repeated(demo_run):
    """The report's quotes name their post (file #id); the explorer's list did not."""
    data = explorer_data(demo_run.posts, demo_run.topics, demo_run.challenges.challenges)
    posts = demo_run.posts.set_index("post_id")
    shown = [f"{data['files'][f]} #{r}" for f, r in zip(data["posts"]["file"], data["posts"]["record"])]
    assert shown == [post_ref(posts.at[i, "source_file"], posts.at[i, "source_id"])
                     for i in data["posts"]["id"]]
    one = explorer_data(demo_run.posts.assign(source_file="chat.txt"), demo_run.topics,
                        demo_run.challenges.challenges)
    assert "file" not in one["posts"] and one["posts"]["record"] == data["posts"]["record"]


@pytest.mark.parametrize("forms", [
    ["אפליקציה", "האפליקציה", "והאפליקציה", "באפליקציה", "מהאפליקציה"],
    ["εφαρμογη", "εφαρμογης", "εφαρμογες"],
    ["crash", "crashes", "crashed"],
])
def test_every_spelling_of_a_word_leads_to_one_key(analyzed, forms):
    index = search_index(analyzed["text_norm"].tolist(), analyzed["lang"].tolist())
    assert len({index.vocab[fold_word(f)] for f in forms}) == 1
    assert fold_word("ΕΦΑΡΜΟΓΉΣ") == "εφαρμογης" and fold_word("צה״ל") == fold_word('צה"ל')


def test_the_chart_numbers_count_every_analyzed_post(analyzed, demo_run):
    data = explorer_data(demo_run.posts, demo_run.topics, demo_run.challenges.challenges)
    charts = data["charts"]
    timed = analyzed[analyzed["created_at"].notna()]
    for lang, counts in charts["volume"].items():
        assert sum(counts) == (timed["lang"] == lang).sum()
    assert len(charts["trends"]) == len(demo_run.challenges.challenges)
    for trend in charts["trends"]:
        cid = int(trend["id"].removeprefix("C-"))
        assert sum(trend["counts"]) == (timed["challenge_id"] == cid).sum()


def test_hostile_posts_are_shown_as_text_and_run_nothing(demo_run, analyzed, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("no chromium on this machine (.ci/run installs Debian's chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency")
    posts = demo_run.posts.copy()
    targets = analyzed.index[:len(HOSTILE)]
    posts.loc[targets, "text"] = HOSTILE
    posts.loc[targets, "text_norm"] = HOSTILE
    posts.loc[targets, "url"] = ["javascript:alert(5)", " javascript:alert(6)", "data:text/html,x",
                                 "https://example.org/?q=<script>"]
    posts.loc[targets, "author"] = '<img src=x onerror="alert(7)">'
    posts.loc[targets, "channel"] = "</script><script>alert(8)</script>"
    topics = demo_run.topics.assign(label='<img src=x onerror="alert(9)">')
    page_file = tmp_path / "hostile.html"
    page_file.write_text('<!doctype html><html><head><meta charset="utf-8"></head><body>'
                         + explorer_html(explorer_data(posts, topics, demo_run.challenges.challenges))
                         + "</body></html>", encoding="utf-8")
    events = []
    with sync_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.on("dialog", lambda d: (events.append(f"dialog {d.message}"), d.dismiss()))
        page.on("pageerror", lambda e: events.append(f"error {e}"))
        page.on("request", lambda r: events.append(r.url) if not r.url.startswith("file:") else None)
        page.goto(page_file.as_uri())
        page.select_option("[data-filter=channel]", label="</script><script>alert(8)</script>")
        shown = page.eval_on_selector_all("[data-post-id]", """els => els.map(e => [e.dataset.postId,
            e.querySelector('p').textContent, [...e.querySelectorAll('a')].map(a => a.href)])""")
        injected = page.evaluate("document.querySelectorAll('img, iframe, object, embed').length")
        page.fill("input[type=search]", "onerror")
        found = page.eval_on_selector_all("[data-post-id]", "els => els.map(e => e.dataset.postId)")
        browser.close()
    assert events == [] and injected == 0
    texts = {post_id: (text, links) for post_id, text, links in shown}
    # character references are decoded ("&amp;" reads "&") and the markup they make stays text
    assert [texts[p][0] for p in posts.loc[targets, "post_id"]] == [
        decode_references(t) for t in HOSTILE]
    assert [texts[p][1] for p in posts.loc[targets, "post_id"]] == [
        [], [], [], ["https://example.org/?q=%3Cscript%3E"]]
    assert found == [posts.loc[targets[1], "post_id"]]


def test_a_greek_query_finds_a_greeklish_post(demo_run):
    """Review 15 (R15-10): in a Greeklish chat, "κόσμος" found nothing where "kosmos" found 2. A
    Greeklish post is indexed as the analysis reads it, in Greek letters."""
    posts = demo_run.posts
    greek = posts[posts["analyzed"] & posts["lang"].eq("el")].iloc[:1]
    added = greek.assign(post_id="pgreeklish01", greeklish=True,
                         text="o kosmos ta leei ola", text_norm="o kosmos ta leei ola")
    data = explorer_data(pd.concat([posts, added], ignore_index=True), demo_run.topics,
                         demo_run.challenges.challenges)
    keys = data["posts"]["keys"][data["posts"]["id"].index("pgreeklish01")]
    # the demo's Greek-script posts never write κόσμος: only the Greeklish post can give its key
    assert data["vocab"][fold_word("κόσμος")] in keys
