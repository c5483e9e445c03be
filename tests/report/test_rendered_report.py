"""The HTML report as a reader sees it: rendered by a real browser (Debian's Chromium, driven by
Playwright), asserting on what rendered, not on the HTML text."""
from __future__ import annotations

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def page(demo_run, tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("no chromium on this machine (.ci/run installs Debian's chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency")
    requests, errors = [], []
    with sync_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((demo_run.out / "report.html").as_uri())
        page.wait_for_load_state("load")
        shot = tmp_path_factory.mktemp("render") / "report.png"
        page.screenshot(path=str(shot), full_page=True)
        yield page, requests, errors, shot
        browser.close()


def test_the_page_loads_nothing_from_the_network(page):
    _, requests, errors, _ = page
    assert not errors
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []


def test_every_chart_is_drawn(page):
    view = page[0]
    sizes = view.evaluate("[...document.images].map(i => [i.alt, i.naturalWidth, i.naturalHeight])")
    assert {alt for alt, _, _ in sizes} >= {"Volume by language", "Challenges by week",
                                            "Topic sizes by language", "Topic map"}
    assert all(w > 300 and h > 200 for _, w, h in sizes)


def test_hebrew_quotes_read_right_to_left_and_greek_and_english_left_to_right(page):
    view = page[0]
    found = view.evaluate("""() => {
      const out = {he: [], el: [], en: []};
      for (const q of document.querySelectorAll('blockquote')) {
        // a language column's quotes are its language's; elsewhere the first letter decides,
        // as dir="auto" does
        const m = q.firstChild.textContent.match(/[A-Za-z\\u0370-\\u03ff\\u1f00-\\u1fff\\u0590-\\u05ff]/);
        const first = m ? m[0] : 'a';
        const column = q.closest('div.lang');
        const lang = column ? column.lang : /[\\u0590-\\u05ff]/.test(first) ? 'he'
          : /[\\u0370-\\u1fff]/.test(first) ? 'el' : 'en';
        const box = q.getBoundingClientRect();
        const range = document.createRange(); range.selectNodeContents(q.firstChild);
        const ink = range.getBoundingClientRect();
        out[lang].push([getComputedStyle(q).direction, ink.right - box.left, box.right - ink.left, box.width]);
      }
      return out;
    }""")
    assert all(len(found[lang]) > 10 for lang in ("he", "el", "en"))
    for direction, _, _, _ in found["he"]:
        assert direction == "rtl"
    for lang in ("el", "en"):
        assert all(direction == "ltr" for direction, _, _, _ in found[lang])
    # A short Hebrew quote hugs the right edge of its box; a short English one the left edge.
    short_he = [r for r in found["he"] if r[2] < 0.6 * r[3]]
    assert short_he and all(r[2] < r[3] for r in short_he)
    # the explorer's posts take their language's direction (review 9 R9-15)
    posts = view.evaluate("[...document.querySelectorAll('.ex-post p')].map(p => [p.lang, p.dir])")
    assert {lang for lang, _ in posts} >= {"he", "en"}
    assert all(d == {"he": "rtl", "el": "ltr", "en": "ltr"}.get(lang, "auto") for lang, d in posts)


def test_a_hebrew_label_does_not_flip_the_challenge_heading(page):
    view = page[0]
    headings = view.evaluate("""() => [...document.querySelectorAll('section.card h3')]
      .filter(h => h.textContent.startsWith('C-'))
      .map(h => { const r = document.createRange(); r.setStart(h.firstChild, 0); r.setEnd(h.firstChild, 6);
                  return [h.textContent, r.getBoundingClientRect().left - h.getBoundingClientRect().left]; })""")
    assert headings
    assert all(offset < 5 for _, offset in headings)  # "C-0001" starts at the left edge


def test_one_card_per_challenge_and_topic(page, demo_run):
    view = page[0]
    cards = view.evaluate("document.querySelectorAll('section.card').length")
    found = demo_run.challenges
    assert cards == len(found.challenges) + len(demo_run.topics) + len(found.content_feed)


def test_the_page_runs_no_script_but_the_explorers(page):
    """The Content-Security-Policy holds: a script added to the page (as an injected post would
    be) does not run, while the explorer's own did (it filled the list of posts)."""
    view = page[0]
    ran = view.evaluate("""() => { const s = document.createElement('script');
      s.textContent = 'window.injected = true'; document.body.append(s);
      return window.injected === true; }""")
    assert not ran
    assert view.locator("[data-explorer] [data-post-id]").count() > 0
