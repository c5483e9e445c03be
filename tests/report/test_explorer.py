"""The explorer of report.html as a product manager uses it, in a real browser (Debian's Chromium
driven by Playwright) on the demo run: open a challenge, filter, search in Hebrew, Greek and
English, select on the map, hover the charts; the posts listed are checked against posts.parquet."""
from __future__ import annotations

import json
import re
import shutil

import pandas as pd
import pytest

from mining.normalize import fold_text
from mining.report.summary import challenge_name

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
EX = "[data-explorer]"


@pytest.fixture(scope="module")
def browser_page(demo_run):
    if CHROMIUM is None:
        pytest.skip("no chromium on this machine (.ci/run installs Debian's chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency")
    requests, errors = [], []
    with sync_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
        page.goto((demo_run.out / "report.html").as_uri())
        page.wait_for_selector(f"{EX} [data-post-id]")
        yield page, requests, errors
        browser.close()


@pytest.fixture
def view(browser_page):
    page = browser_page[0]
    page.click(f"{EX} [data-action=reset]")
    return page


@pytest.fixture(scope="module")
def analyzed(demo_run) -> pd.DataFrame:
    posts = pd.read_parquet(demo_run.out / "posts.parquet")
    return posts[posts["analyzed"]].set_index("post_id", drop=False)


def listed(page) -> list[str]:
    """The ids of every post the explorer lists (all pages of the list)."""
    more = page.locator(f"{EX} [data-action=more]")
    while more.is_visible():
        more.click()
    return page.eval_on_selector_all(f"{EX} [data-post-id]", "els => els.map(e => e.dataset.postId)")


def search(page, query: str) -> set[str]:
    page.fill(f"{EX} input[type=search]", query)
    return set(listed(page))


def folded_words(text: str) -> list[str]:
    return re.findall(r"\w+", fold_text(text))


def ids(frame: pd.DataFrame) -> set[str]:
    return set(frame["post_id"])


def the_challenge(demo_run, analyzed) -> int:
    """The highest-priority challenge with Hebrew posts that talk about the app."""
    app = analyzed[analyzed["text_norm"].str.contains("אפליקצי") & analyzed["lang"].eq("he")]
    counts = app["challenge_id"].value_counts()
    return next(int(c) for c in demo_run.challenges.challenges["challenge_id"] if counts.get(c, 0) >= 3)


def test_the_contract_hooks_are_there_once(view, demo_run):
    assert view.locator(EX).count() == 1
    for cid in demo_run.challenges.challenges["challenge_id"]:
        assert view.locator(f'[data-challenge-id="{challenge_name(cid)}"]').count() == 1
    options = view.eval_on_selector(f"{EX} [data-filter=lang]", "s => [...s.options].map(o => o.value)")
    assert {"he", "el", "en"} <= set(options)


def test_a_challenge_opens_to_every_one_of_its_posts_with_their_details(view, demo_run, analyzed):
    cid = the_challenge(demo_run, analyzed)
    view.click(f'[data-challenge-id="{challenge_name(cid)}"]')
    shown = listed(view)
    assert set(shown) == ids(analyzed[analyzed["challenge_id"] == cid])
    assert len(shown) == len(set(shown))
    items = view.eval_on_selector_all(f"{EX} [data-post-id]", """els => els.map(e => [
        e.dataset.postId, e.querySelector('p').textContent, e.querySelector('.ex-meta').textContent])""")
    for post_id, text, meta in items:
        post = analyzed.loc[post_id]
        assert text == post["text"]
        assert post["feedback_type"] in meta and post["sentiment"] in meta
        assert post["author"] in meta and post["channel"] in meta
        assert post["created_at"].strftime("%Y-%m-%d %H:%M") in meta
        assert f"{post['source_file']} #{post['source_id']}" in meta  # a run of several files
        if pd.notna(post["reactions"]):
            assert f"{post['reactions']} reaction" in meta
    links = view.eval_on_selector_all(f"{EX} [data-post-id] a", "els => els.map(a => a.href)")
    expected = analyzed.loc[shown, "url"].dropna()
    assert sorted(links) == sorted(expected[expected.str.startswith("http")])


def test_filtering_an_open_challenge_to_hebrew_and_searching_a_prefixed_word(view, demo_run, analyzed):
    cid = the_challenge(demo_run, analyzed)
    view.click(f'[data-challenge-id="{challenge_name(cid)}"]')
    view.select_option(f"{EX} [data-filter=lang]", "he")
    hebrew = analyzed[(analyzed["challenge_id"] == cid) & (analyzed["lang"] == "he")]
    assert set(listed(view)) == ids(hebrew)
    directions = view.eval_on_selector_all(
        f"{EX} [data-post-id] p", "els => els.map(p => getComputedStyle(p).direction)")
    assert directions.count("rtl") > 0.8 * len(directions)

    found = search(view, "והאפליקציה")
    exact = hebrew[hebrew["text"].map(lambda t: any(
        re.fullmatch(r"[והבלמשכ]{0,3}אפליקציה", w) for w in folded_words(t)))]
    assert len(exact) >= 3 and ids(exact) <= found
    assert all("אפליקצי" in analyzed.loc[p, "text"] for p in found)


@pytest.mark.parametrize("query", ["אפליקציה", "האפליקציה", "וְהָאַפְּלִיקַצְיָה", "באפליקציה"])
def test_hebrew_search_finds_a_word_with_and_without_prefixes_and_niqqud(view, analyzed, query):
    found = search(view, query)
    exact = analyzed[analyzed["text"].map(lambda t: any(
        re.fullmatch(r"[והבלמשכ]{0,3}אפליקציה", w) for w in folded_words(t)))]
    assert len(exact) >= 40 and ids(exact) <= found
    assert all("אפליקצי" in analyzed.loc[p, "text"] for p in found)
    assert found == search(view, "והאפליקציה")


@pytest.mark.parametrize("query", ["εφαρμογή", "ΕΦΑΡΜΟΓΗ", "εφαρμογη", "ΕΦΑΡΜΟΓΗΣ"])
def test_greek_search_finds_a_word_with_and_without_accents(view, analyzed, query):
    found = search(view, query)
    exact = analyzed[analyzed["text"].map(lambda t: "εφαρμογη" in folded_words(t))]
    assert len(exact) >= 30 and ids(exact) <= found
    # Greeklish posts count: "efarmogh" is read as εφαρμογή
    assert all(any(w.startswith(("εφαρμογ", "efarmog")) for w in folded_words(analyzed.loc[p, "text"]))
               for p in found)
    assert found == search(view, "εφαρμογή")


@pytest.mark.parametrize("query", ["crash", "Crashes", "CRASHED"])
def test_english_search_folds_case_and_inflection(view, analyzed, query):
    found = search(view, query)
    exact = analyzed[analyzed["text"].map(lambda t: bool({"crash", "crashes"} & set(folded_words(t))))]
    assert len(exact) >= 5 and ids(exact) <= found
    assert all(any(w.startswith("crash") for w in folded_words(analyzed.loc[p, "text"])) for p in found)


@pytest.mark.parametrize("query, word, stems", [
    ("tilefono", "τηλεφωνο", ("τηλεφων", "thlefwn", "tilefon")),
    ("THLEFWNO", "τηλεφωνο", ("τηλεφων", "thlefwn", "tilefon")),
    ("kinito", "κινητο", ("κινητ", "kinht", "kinit")),
    ("paragelia", "παραγγελια", ("παραγγελ", "paraggel", "paragel")),
])
def test_a_greeklish_query_finds_the_greek_posts(view, analyzed, query, word, stems):
    """A manager on a Latin keyboard: "tilefono" found no post where "τηλεφωνο" found 13 (review
    13, R13-13). A query is read as Greeklish too, as the analysis reads Greeklish posts; the
    demo's posts never write these spellings."""
    found = search(view, query)
    greek = analyzed[analyzed["text"].map(lambda t: word in folded_words(t))]
    assert len(greek) >= 5 and ids(greek) <= found
    assert all(any(w.startswith(stems) for w in folded_words(analyzed.loc[p, "text"]))
               for p in found)


def test_the_words_as_typed_are_listed_first(view, analyzed):
    """"PIN" listed Pinterest's "pins" before a card's PIN (review 13, R13-5): posts holding the
    query's words as typed, whole and in its case, come first, then the other forms."""
    search(view, "Plus")
    texts = [analyzed.loc[p, "text"] for p in listed(view)]
    typed = [bool(re.search(r"(?<!\w)Plus(?!\w)", t)) for t in texts]
    assert sum(typed) >= 10 and not all(typed)
    assert typed == sorted(typed, reverse=True)


def test_a_word_the_corpus_lacks_falls_back_to_a_substring(view, analyzed):
    found = search(view, "asket")  # a piece of a word (basket, Basketo): no key of its own
    expected = analyzed[analyzed["text"].map(lambda t: "asket" in fold_text(t))]
    assert len(expected) >= 5 and found == ids(expected)


def test_filters_by_type_sentiment_channel_and_time(view, analyzed):
    channel = analyzed["channel"].value_counts().index[1]
    view.select_option(f"{EX} [data-filter=type]", "complaint")
    view.select_option(f"{EX} [data-filter=sentiment]", "negative")
    view.select_option(f"{EX} [data-filter=channel]", label=channel)
    view.fill(f"{EX} [data-filter=from]", "2026-07-01")
    view.fill(f"{EX} [data-filter=to]", "2026-07-31")
    expected = analyzed[(analyzed["feedback_type"] == "complaint") & (analyzed["sentiment"] == "negative")
                        & (analyzed["channel"] == channel)
                        & (analyzed["created_at"] >= pd.Timestamp("2026-07-01", tz="UTC"))
                        & (analyzed["created_at"] < pd.Timestamp("2026-08-01", tz="UTC"))]
    assert len(expected) >= 5
    assert set(listed(view)) == ids(expected)


def test_a_topic_opens_to_its_posts_and_counts_follow_the_filters(view, analyzed, demo_run):
    topic = int(demo_run.topics["topic_id"].iloc[0])
    view.select_option(f"{EX} [data-filter=lang]", "el")
    greek = analyzed[analyzed["lang"] == "el"]
    count = view.text_content(f'[data-topic-id="{topic}"] .ex-count')
    assert int(count) == (greek["topic_id"] == topic).sum()
    view.click(f'[data-topic-id="{topic}"]')
    assert set(listed(view)) == ids(greek[greek["topic_id"] == topic])


def test_a_challenge_card_of_the_report_opens_its_posts(view, demo_run, analyzed):
    cid = int(demo_run.challenges.challenges["challenge_id"].iloc[1])
    view.click(f"section.card#{challenge_name(cid)} .ex-open")
    assert view.get_attribute(f'[data-challenge-id="{challenge_name(cid)}"]', "aria-pressed") == "true"
    assert set(listed(view)) == ids(analyzed[analyzed["challenge_id"] == cid])


def map_points(view, demo_run) -> pd.DataFrame:
    """Each post's position on the page, from the map coordinates in the page's data."""
    html = (demo_run.out / "report.html").read_text(encoding="utf-8")
    data = json.loads(html.split('<script type="application/json">', 1)[1].split("</script>", 1)[0])
    box = view.eval_on_selector(f"{EX} canvas", "c => { const b = c.getBoundingClientRect(); "
                                "return [b.left, b.top, b.width, b.height]; }")
    posts = pd.DataFrame({k: data["posts"][k] for k in ("id", "x", "y", "text")}).dropna()
    pad = 10
    return posts.assign(px=box[0] + pad + posts["x"] / 1000 * (box[2] - 2 * pad),
                        py=box[1] + pad + (1 - posts["y"] / 1000) * (box[3] - 2 * pad))


def test_the_map_shows_a_post_on_hover_and_selects_by_click_and_by_box(view, demo_run, analyzed):
    view.locator(f"{EX} canvas").scroll_into_view_if_needed()
    points = map_points(view, demo_run)
    assert len(points) == len(analyzed)
    gap = points.apply(lambda p: ((points["px"] - p.px) ** 2 + (points["py"] - p.py) ** 2)
                       .nsmallest(2).iloc[1], axis=1)
    lone = points[gap > 100].iloc[0]  # no other post within 10 px
    view.mouse.move(lone.px, lone.py)
    assert view.text_content(f"{EX} .ex-map .ex-tip p").startswith(lone.text[:40])
    view.mouse.click(lone.px, lone.py)
    assert listed(view) == [lone.id]

    view.click(f"{EX} [data-action=clear-map]")
    left, top = int(points["px"].min()) - 2, int(points["py"].min()) - 2
    right, bottom = int(points["px"].median()), int(points["py"].median())
    view.mouse.move(left, top)
    view.mouse.down()
    view.mouse.move(right, bottom, steps=5)
    view.mouse.up()
    selected = set(listed(view))

    def within(margin: float) -> set[str]:  # the box, less or more a pixel of rounding
        return set(points[points["px"].between(left + margin, right - margin)
                          & points["py"].between(top + margin, bottom - margin)]["id"])

    assert len(within(1)) > 20 and within(1) <= selected <= within(-1)


def test_the_volume_chart_answers_a_hover_with_its_numbers(view, analyzed):
    timed = analyzed[analyzed["created_at"].notna()]
    weeks = timed["created_at"].dt.tz_convert(None).dt.to_period("W-SUN").dt.start_time
    counts = timed.groupby([weeks, timed["lang"]]).size().unstack(fill_value=0)
    busiest = counts.sum(axis=1).idxmax()
    k = list(pd.date_range(weeks.min(), weeks.max(), freq="7D")).index(busiest)
    chart = view.locator(f"{EX} [data-chart=volume] svg")
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    n = len(pd.date_range(weeks.min(), weeks.max(), freq="7D"))
    x = box["x"] + (40 + k / (n - 1) * (560 - 52)) * box["width"] / 560
    view.mouse.move(x, box["y"] + box["height"] / 3)
    tip = view.text_content(f"{EX} [data-chart=volume] .ex-tip")
    assert f"week of {busiest.date().isoformat()}" in tip
    for lang, name in (("he", "Hebrew"), ("el", "Greek"), ("en", "English")):
        assert f"{name}: {counts.loc[busiest, lang]}" in tip


def test_nothing_leaves_the_page_and_no_script_fails(browser_page):
    _, requests, errors = browser_page
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    assert errors == []
