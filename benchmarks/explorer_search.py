"""The explorer's search as a reader uses it: type each query into ``report.html``'s search box in
a real browser (Debian's Chromium driven by Playwright, as the tests do) and print the status
line (how many posts) and the first posts listed.

Usage:
    PYTHONPATH=. nice .venv/bin/python benchmarks/explorer_search.py RUN/report.html QUERY...
        [--first N]
"""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
EX = "[data-explorer]"


def search(page, query: str, first: int) -> tuple[str, list[str]]:
    """The status line and the first ``first`` posts listed for ``query``."""
    page.fill(f"{EX} input[type=search]", query)
    page.wait_for_timeout(300)
    status = page.text_content(f"{EX} .ex-status")
    posts = page.eval_on_selector_all(f"{EX} .ex-post p", "ps => ps.map(p => p.textContent)")
    return status, posts[:first]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", help="a run's report.html")
    parser.add_argument("queries", nargs="+")
    parser.add_argument("--first", type=int, default=2, help="posts printed per query")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.goto(Path(args.report).resolve().as_uri())
        page.wait_for_selector(f"{EX} [data-post-id]")
        for query in args.queries:
            status, posts = search(page, query, args.first)
            print(f"{query}: {status.split(' · ')[0]}")
            for text in posts:
                print(f"    {' '.join(text.split())[:90]}")
        browser.close()


if __name__ == "__main__":
    main()
