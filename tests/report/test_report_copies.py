"""The write stage's readers copy the columns they read, not every post's texts (issue 13 item 5:
at 100,000 posts a copy of the analyzed posts' every column is about 90 MB, most of it text).

Measured with a proxy of Arrow's memory pool (``pyarrow.proxy_memory_pool``), the pool pandas'
strings live in: its high-water mark while a reader runs, against the bytes of the texts."""
from __future__ import annotations

import contextlib

import pandas as pd
import pyarrow as pa

from mining.report.charts import volume_chart
from mining.report.explorer.data import chart_series
from mining.report.summary import summarize


@contextlib.contextmanager
def arrow_peak():
    """The most bytes Arrow's pool held while the body ran (``peak["bytes"]``)."""
    default, peak = pa.default_memory_pool(), {}
    pool = pa.proxy_memory_pool(default)
    pa.set_memory_pool(pool)
    try:
        yield peak
    finally:
        pa.set_memory_pool(default)
        peak["bytes"] = pool.max_memory()


def text_bytes(posts: pd.DataFrame) -> int:
    """The bytes of the analyzed posts' two texts: what a copy of every column would add."""
    analyzed = posts[posts["analyzed"].fillna(False).to_numpy(bool)]
    return int(analyzed["text"].memory_usage(deep=True) + analyzed["text_norm"].memory_usage(deep=True))


def test_the_demo_has_posts_set_aside(demo_run):
    """The case measured: some posts not analyzed, so a mask over the posts copies (pandas keeps
    a frame uncopied when every row is kept)."""
    analyzed = demo_run.posts["analyzed"].fillna(False)
    assert 0 < analyzed.sum() < len(analyzed)


def test_analyzed_rows_are_the_analyzed_posts_columns(demo_run):
    from mining.schema import analyzed_rows

    posts = demo_run.posts
    mask = posts["analyzed"].fillna(False).to_numpy(bool)
    pd.testing.assert_frame_equal(analyzed_rows(posts, ["post_id", "lang"]),
                                  posts[mask][["post_id", "lang"]], check_exact=True)
    timed = mask & posts["created_at"].notna().to_numpy()
    pd.testing.assert_frame_equal(analyzed_rows(posts, ["created_at"], timed=True),
                                  posts[timed][["created_at"]], check_exact=True)


def test_the_weekly_series_and_summary_copy_no_text(demo_run):
    posts, found = demo_run.posts, demo_run.challenges
    with arrow_peak() as peak:
        chart_series(posts, found.challenges)
        summarize(posts, demo_run.topics, found, demo_run.manifest)
    assert peak["bytes"] < text_bytes(posts) / 4


def test_the_volume_chart_copies_no_text(demo_run, tmp_path):
    with arrow_peak() as peak:
        volume_chart(demo_run.posts, None, tmp_path / "volume.png")
    assert peak["bytes"] < text_bytes(demo_run.posts) / 4
