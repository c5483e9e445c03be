"""`mining ingest`: streamed to parquet, the same rows as `mining run` reads, files whole or not at
all, and the accounting per file."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from mining.cli import main
from mining.config import Config
from mining.ingest import telegram
from mining.pipeline import read_posts
from mining.schema import INGESTED_POST, POSTS_PARQUET_ORDER, check_frame

ROOT = Path(__file__).resolve().parents[2]
DEMO_CONFIG = ROOT / "corpora" / "demo.toml"


def _as_run_reads(inputs: list[str], config: Config) -> pd.DataFrame:
    """What `mining run` reads and prepares, with duplicates not told apart (ingest leaves that to
    `run`, which sees every input)."""
    posts = read_posts(inputs, config)
    posts["skip_reason"] = posts["skip_reason"].mask(posts["skip_reason"] == "duplicate")
    return posts[[c for c in POSTS_PARQUET_ORDER if c in INGESTED_POST]]


def _telegram_chat(texts: list[str], broken: bool = False) -> str:
    messages = [{"id": n, "type": "message", "date": "2024-03-12T14:05:00", "from": "Ελένη",
                 "text": text} for n, text in enumerate(texts, 1)]
    chat = json.dumps({"name": "Ομάδα", "type": "private_supergroup", "id": 7,
                       "messages": messages}, ensure_ascii=False, indent=1)
    return chat[: chat.rindex('"text"')] if broken else chat  # cut inside the last message


def test_ingest_writes_the_rows_mining_run_reads(tmp_path: Path) -> None:
    out = tmp_path / "posts.parquet"
    demo = str(ROOT / "corpora" / "demo")
    assert main(["ingest", demo, "--out", str(out), "--config", str(DEMO_CONFIG), "--quiet"]) == 0
    written = pd.read_parquet(out)
    check_frame(written, INGESTED_POST, "mining ingest")
    expected = _as_run_reads([demo], Config.from_file(DEMO_CONFIG))
    pd.testing.assert_frame_equal(written, expected)
    assert list(tmp_path.iterdir()) == [out]  # the staging parts are gone


def test_ingest_accounts_for_every_record_of_every_file(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "posts.parquet"
    demo = str(ROOT / "corpora" / "demo")
    assert main(["ingest", demo, "--out", str(out), "--config", str(DEMO_CONFIG)]) == 0
    written = pd.read_parquet(out)
    lines = capsys.readouterr().out.splitlines()[:-1]
    assert len(lines) == written["source_file"].nunique() == 3
    for line in lines:
        file, _, status = line.split("\t")
        rows = written[written["source_file"] == file]
        skipped = rows["skip_reason"].value_counts()
        expected = ", ".join(f"{n} {reason}" for reason, n in sorted(skipped.items()))
        assert status == f"{len(rows)} records, {len(rows)} rows, skipped: {expected}"


def test_a_file_failing_halfway_adds_no_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setattr(telegram, "CHUNK_MESSAGES", 2)  # the broken file yields a chunk first
    inputs = tmp_path / "exports"
    inputs.mkdir()
    (inputs / "good.json").write_text(_telegram_chat(["καλημέρα σε όλους", "πότε έρχεται;"]),
                                      encoding="utf-8")
    (inputs / "broken.json").write_text(
        _telegram_chat(["ένα", "δύο", "τρία", "τέσσερα", "πέντε"], broken=True), encoding="utf-8")
    out = tmp_path / "posts.parquet"
    assert main(["ingest", str(inputs), "--out", str(out)]) == 4  # a file was set aside
    printed = dict(line.split("\t", 1) for line in capsys.readouterr().out.splitlines()[:-1])
    assert printed["good.json"] == "telegram\t2 records, 2 rows, skipped: 1 greeting"  # καλημέρα σε όλους
    assert printed["broken.json"].startswith("telegram\terror: broken.json: line ")
    assert printed["broken.json"].endswith("[E110]")
    written = pd.read_parquet(out)
    assert written["source_file"].tolist() == ["good.json", "good.json"]
    pd.testing.assert_frame_equal(written, _as_run_reads([str(inputs)], Config()))


def test_strict_stops_at_the_broken_file_and_writes_nothing(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setattr(telegram, "CHUNK_MESSAGES", 2)
    inputs = tmp_path / "exports"
    inputs.mkdir()
    (inputs / "a_broken.json").write_text(_telegram_chat(["α", "β", "γ", "δ"], broken=True),
                                          encoding="utf-8")
    (inputs / "b_good.json").write_text(_telegram_chat(["καλημέρα"]), encoding="utf-8")
    out = tmp_path / "posts.parquet"
    assert main(["ingest", str(inputs), "--out", str(out), "--strict"]) == 2
    assert "a_broken.json: line " in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports"]


def test_mentions_of_an_author_from_another_file_are_pseudonymized(tmp_path: Path) -> None:
    # Yossi writes only in the second file; the first file's mention of him is replaced too.
    inputs = tmp_path / "exports"
    inputs.mkdir()
    (inputs / "a.txt").write_text("12/3/24, 14:05 - Dana: @Yossi the order is late again\n",
                                  encoding="utf-8")
    (inputs / "b.txt").write_text("12/3/24, 14:06 - Yossi: same here, two hours\n",
                                  encoding="utf-8")
    out = tmp_path / "posts.parquet"
    assert main(["ingest", str(inputs), "--out", str(out), "--quiet"]) == 0
    written = pd.read_parquet(out)
    yossi = written["author"].iloc[1]
    assert yossi.startswith("member-")
    assert written["text"].iloc[0] == f"@{yossi} the order is late again"


def test_a_run_folder_inside_the_inputs_is_not_read_as_posts(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture) -> None:
    """``mining run . --out report`` from the exports' folder: the next run found the report's
    tables and posts.parquet beside the exports, and the table reader takes them as posts."""
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "feedback.csv").write_text("text\nהמשלוח הגיע באיחור של שעתיים\n"
                                          "the app crashes every time I open the camera\n",
                                          encoding="utf-8")
    assert main(["run", str(exports), "--out", str(exports / "report"), "--quiet"]) == 0
    assert main(["run", str(exports), "--out", str(exports / "report2")]) == 0
    assert "not reading report: a mining run folder" in capsys.readouterr().err
    manifest = json.loads((exports / "report2" / "manifest.json").read_text(encoding="utf-8"))
    assert [f["file"] for f in manifest["inputs"]] == ["feedback.csv"]


def test_post_ids_survive_a_renamed_moved_or_grown_export(tmp_path: Path, shared: Path) -> None:
    """Ids come from what a record says: Telegram's dated ``ChatExport_<date>`` folders, WhatsApp's
    "(1)" of a second export and a chat exported again a week later kept no id at all."""
    from mining.config import InputConfig
    from mining.ingest import read_inputs

    chat = (shared / "fixtures" / "whatsapp" / "whats_json__gesiscss-WhatsR__englishandroid24h.txt"
            ).read_text(encoding="utf-8")
    lines = chat.splitlines(keepends=True)
    (tmp_path / "week1").mkdir()
    (tmp_path / "week1" / "WhatsApp Chat with Group.txt").write_text("".join(lines[:20]), "utf-8")
    (tmp_path / "week2").mkdir()
    (tmp_path / "week2" / "WhatsApp Chat with Group (1).txt").write_text(chat, "utf-8")
    telegram = (shared / "fixtures" / "telegram" / "chat-miner__test_single_export.json").read_bytes()
    for day in ("2024-03-04", "2024-03-11"):
        (tmp_path / f"ChatExport_{day}").mkdir()
        (tmp_path / f"ChatExport_{day}" / "result.json").write_bytes(telegram)
    ids = {name: read_inputs([str(tmp_path / name)], InputConfig())[0]
           for name in ("week1", "week2", "ChatExport_2024-03-04", "ChatExport_2024-03-11")}
    grown = ids["week2"].set_index("source_id")["post_id"]
    assert ids["week1"]["post_id"].tolist() == grown[ids["week1"]["source_id"]].tolist()
    assert ids["ChatExport_2024-03-04"]["post_id"].tolist() == ids["ChatExport_2024-03-11"]["post_id"].tolist()
    # both exports in one run: the week's holds the other's every message, and is read alone
    both, _ = read_inputs([str(tmp_path / "week1"), str(tmp_path / "week2")], InputConfig())
    assert both["post_id"].tolist() == ids["week2"]["post_id"].tolist()
    # two that overlap are both read: the messages they share twice, every id still its own
    (tmp_path / "week1" / "WhatsApp Chat with Group.txt").write_text(
        "".join(lines[:20]) + "2/1/18, 09:00 - Mallory: a message only this export has\n", "utf-8")
    week1 = read_inputs([str(tmp_path / "week1")], InputConfig())[0]
    both, _ = read_inputs([str(tmp_path / "week1"), str(tmp_path / "week2")], InputConfig())
    assert both["post_id"].is_unique and len(both) == len(week1) + len(ids["week2"])
    assert both["post_id"].head(len(week1)).tolist() == week1["post_id"].tolist()


TWEETS = pd.DataFrame({
    "tweet_id": [119237, 119236, 119240],
    "author_id": ["105834", "AppleSupport", "105834"],
    "inbound": [True, False, True],
    "created_at": ["Wed Oct 11 06:55:44 +0000 2017", "Wed Oct 11 07:01:02 +0000 2017",
                   "Wed Oct 11 07:20:00 +0000 2017"],
    "text": ["@AppleSupport the keyboard covers the reply &amp; the notification opens instead",
             "@105834 We'd like to help. Go to Settings &gt; General &gt; About and DM us the version.",
             "@AppleSupport done, it says 11.0.2 &lt;3"],
    "response_tweet_id": ["119236", "", ""],
    "in_response_to_tweet_id": ["", "119237", "119236"]})


def test_ingest_keeps_the_brand_accounts_a_table_marks_as_run_does(tmp_path: Path) -> None:
    """Review 9 (R9-14): `mining ingest` pseudonymized the brand accounts an `inbound` column marks
    (and "@AppleSupport" in the customers' tweets) while `mining run` kept them, as README says;
    and Twitter's escapes (`&amp;`, `&gt;`) stayed in the texts."""
    path = tmp_path / "twcs.csv"
    TWEETS.to_csv(path, index=False)
    out = tmp_path / "posts.parquet"
    assert main(["ingest", str(path), "--out", str(out), "--quiet"]) == 0
    written = pd.read_parquet(out)
    assert written["author"].tolist()[1] == "AppleSupport"
    assert written["text"].str.startswith("@AppleSupport").tolist() == [True, False, True]
    assert written["text"].tolist()[1] == ("@member-" + written["author"].tolist()[0].split("-")[1]
                                           + " We'd like to help. Go to Settings > General > About"
                                           " and DM us the version.")
    assert written["text"].tolist()[0].endswith("reply & the notification opens instead")
    pd.testing.assert_frame_equal(written, _as_run_reads([str(path)], Config()))


def test_a_tweet_table_cut_inside_its_last_date_is_read_up_to_it(tmp_path: Path) -> None:
    """A twcs table cut inside the last tweet's date ("Thu Oct 12 12:04:2", which pandas reads as
    the year 1) failed the whole file as a reader's bug (E125) instead of one unread time."""
    path = tmp_path / "twcs.csv"
    text = TWEETS.to_csv(index=False)
    path.write_text(text[: text.rindex("07:20:00") + 7], encoding="utf-8")
    out = tmp_path / "posts.parquet"
    assert main(["ingest", str(path), "--out", str(out), "--quiet"]) == 0
    written = pd.read_parquet(out)
    assert len(written) == 3 and written["created_at"].isna().tolist() == [False, False, True]
