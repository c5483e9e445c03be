"""Days and times in the community's zone (review 9 R9-16): a chat read in Asia/Jerusalem shows
its posts on the days and at the hours its members wrote them, in the report, its charts and its
explorer; posts.parquet keeps UTC."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

import mining
from mining.config import Config

# Lines of a real Hebrew delivery-service chat (review 9's inputs/wa_he), late at night: Israel
# is UTC+3 in October, so the 00:32 message is a 5 October post in UTC.
CHAT = """05.10.2026, 21:10 - נועה גבאי: המשלוח שוב הגיע באיחור של שעתיים, אף אחד לא עדכן
05.10.2026, 22:41 - אבי ביטון: גם אצלי, השליח לא ענה לטלפון בכלל
05.10.2026, 23:15 - דנה לוי: קוד האימות לא מגיע בסמס, לא מצליחה להתחבר לאפליקציה
06.10.2026, 00:32 - אורי קפלן: Everytime i try to change the language of the app it says something isn't right
06.10.2026, 00:47 - נועה גבאי: אחרי העדכון הזמנתי לשעה 13:00 וזה הגיע ב-14:30
06.10.2026, 08:05 - Mike Rosen: הקוד לא מגיע כבר יומיים, מישהו יודע למה?
06.10.2026, 09:20 - אבי ביטון: המשלוח הגיע קר ובלי השתייה שהזמנתי
06.10.2026, 12:02 - דנה לוי: האפליקציה קורסת מיד כשאני פותחת אותה מאז העדכון
"""


@pytest.fixture(scope="module")
def chat_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("zone")
    (folder / "in").mkdir()
    (folder / "in" / "WhatsApp Chat with לקוחות שליחון.txt").write_text(CHAT, encoding="utf-8")
    config = Config().updated("embedding", cache_dir=str(folder / "cache"))
    return mining.run([str(folder / "in")], folder / "run", config)


def _late(run) -> pd.Series:
    return run.posts[run.posts["text"].str.startswith("Everytime")].iloc[0]


def test_the_report_says_its_zone_and_posts_parquet_keeps_utc(chat_run):
    assert _late(chat_run)["created_at"] == pd.Timestamp("2026-10-05 21:32", tz="UTC")
    report = (chat_run.out / "report.md").read_text(encoding="utf-8")
    assert "Days and times are shown in Asia/Jerusalem" in report
    assert '"zone":"Asia/Jerusalem"' in (chat_run.out / "report.html").read_text(encoding="utf-8")


def test_the_charts_count_a_post_on_the_day_it_was_written_there(chat_run):
    from mining.report.charts import time_bins
    from mining.report.zone import in_zone, report_zone

    posts = in_zone(chat_run.posts[chat_run.posts["analyzed"]], report_zone(chat_run.manifest))
    # a week of the chat: day bins, each a day of Israel
    times = pd.concat([posts["created_at"], posts["created_at"] + pd.Timedelta(days=6)])
    bins = time_bins(times)
    late = _late(chat_run)["created_at"]
    assert (bins.unit, bins.zone) == ("day", "Asia/Jerusalem")
    assert bins.starts[times == late].iloc[0] == pd.Timestamp("2026-10-06")
    assert bins.counts().iloc[:2].tolist() == [3, 5]  # 5 Oct: 21:10, 22:41, 23:15
    assert bins.wall(pd.Series([late])).iloc[0] == pd.Timestamp("2026-10-06 00:32")


def test_the_explorer_shows_and_filters_the_local_time(chat_run):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("no chromium on this machine (.ci/run installs Debian's chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency")
    late = _late(chat_run)["post_id"]
    with sync_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto((chat_run.out / "report.html").as_uri())
        page.wait_for_selector(f"[data-explorer] [data-post-id='{late}']")
        meta = page.text_content(f"[data-explorer] [data-post-id='{late}']")
        page.fill("[data-explorer] [data-filter=from]", "2026-10-06")
        page.fill("[data-explorer] [data-filter=to]", "2026-10-06")
        on_the_6th = page.eval_on_selector_all("[data-explorer] [data-post-id]",
                                               "els => els.map(e => e.dataset.postId)")
        browser.close()
    assert "2026-10-06 00:32 Asia/Jerusalem" in meta
    assert late in on_the_6th and len(on_the_6th) == 5  # 00:32, 00:47, 08:05, 09:20, 12:02


@pytest.mark.parametrize("zones, shown", [
    (["Asia/Jerusalem (default for a file in Hebrew)"] * 2, "Asia/Jerusalem"),
    (["Europe/Athens (configured)"], "Europe/Athens"),
    (["Asia/Jerusalem (default for a file in Hebrew)", "Europe/Athens (default for a file in Greek)"],
     "UTC"),  # a Hebrew and a Greek chat: no one zone
    ([], "UTC"),
])
def test_the_zone_shown_is_the_one_zone_the_inputs_were_read_in(zones, shown):
    from mining.report.zone import report_zone

    manifest = {"inputs": [{"notes": {"timezone_for_local_times": z}} for z in zones]
                + [{"file": "posts.parquet", "notes": {}}]}
    assert report_zone(manifest) == shown


def test_the_volume_legend_is_beside_the_bars_not_over_them(chat_run):
    """Review 9 R9-13: the legend box covered the top of the tallest bars."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from mining.report.charts import volume_figure
    from mining.report.zone import in_zone

    fig = volume_figure(in_zone(chat_run.posts, "Asia/Jerusalem"), None)
    FigureCanvasAgg(fig).draw()
    ax = fig.axes[0]
    legend, plot = ax.get_legend().get_window_extent(), ax.get_window_extent()
    assert legend.x0 >= plot.x1 and legend.x1 <= fig.bbox.x1  # beside the plot, inside the figure
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Hebrew", "English"]
    tallest = max(bar.get_y() + bar.get_height() for bar in ax.patches)
    assert ax.get_ylim()[1] > tallest * 1.04  # room above the tallest bar


@pytest.mark.parametrize("zones, why", [
    (["UTC (default: the file is neither Hebrew nor Greek)"] * 2,
     "(the zone the inputs were read in: UTC unless input.timezone names your community's"),
    (["Asia/Jerusalem (default for a file in Hebrew)", "Europe/Athens (default for a file in Greek)"],
     "(the inputs were read in different zones: Asia/Jerusalem, Europe/Athens)"),
])
def test_the_method_says_why_times_are_in_utc(zones, why):
    """Review 11 (R11-21): two English Discord files read in UTC were said to be "not all read in
    one zone", which is not the reason and does not say what to do."""
    from mining.report.method import _zone

    manifest = {"inputs": [{"notes": {"timezone_for_local_times": z}} for z in zones]}
    times = pd.Series(pd.to_datetime(["2026-10-01 10:00"], utc=True))
    assert why in _zone(times, manifest)


def test_a_mostly_english_table_with_a_few_long_greek_rows_is_read_in_utc(tmp_path):
    """Review 14 (R14-2): an inbox of 241 English, 112 Hebrew and 97 long Greek tickets was read
    in Greece's time (every ticket three hours off) because Greek letters outnumbered Hebrew."""
    from mining.config import InputConfig
    from mining.ingest import read_inputs

    texts = (["Η κάρτα μου απορρίφθηκε ξανά σήμερα στο σούπερ μάρκετ και κανείς δεν απαντά"] * 6
             + ["my card was declined again"] * 20 + ["הכרטיס נדחה"] * 5)
    pd.DataFrame({"created_at": "2026-10-01 08:25:52", "text": texts}).to_csv(
        tmp_path / "inbox.csv", index=False)
    posts, files = read_inputs([tmp_path / "inbox.csv"], InputConfig())
    assert files[0].notes["timezone_for_local_times"].startswith("UTC")
    assert posts["created_at"].dt.hour.eq(8).all()
