"""Runs that repeat: run folders, `latest`, failures that leave a trace, and `mining ingest`."""
import json
from pathlib import Path

import pandas as pd
import pytest

import mining
from mining.cli import main
from mining.config import InputConfig
from mining.errors import MiningError
from mining.runs import Manifest

ROOT = Path(__file__).resolve().parents[1]
POSTS = ["המשלוח הגיע באיחור של שעתיים", "Η παραγγελία ήρθε χωρίς το γάλα",
         "still no refund after two weeks", "הקוד לא מגיע בסמס כבר יומיים",
         "το app κρασάρει μετά το update", "the app crashes on start since 4.2"]


def _project(tmp_path: Path, cache: str = "cache") -> Path:
    pd.DataFrame({"text": POSTS}).to_csv(tmp_path / "posts.csv", index=False)
    config = tmp_path / "mining.toml"
    config.write_text(f'[run]\nname = "weekly"\ninputs = ["posts.csv"]\nreports_dir = "reports"\n'
                      f'[embedding]\ncache_dir = "{cache}"\n', encoding="utf-8")
    return config


def test_each_scheduled_run_gets_its_own_folder_and_latest_follows(tmp_path):
    config = _project(tmp_path)
    assert main(["run", "--config", str(config), "--quiet"]) == 0
    assert main(["run", "--config", str(config), "--quiet"]) == 0
    runs = sorted(p for p in (tmp_path / "reports" / "weekly").iterdir() if p.name != "latest")
    assert len(runs) == 2
    latest = tmp_path / "reports" / "weekly" / "latest"
    assert latest.resolve() == runs[-1].resolve()
    for folder in runs:
        assert (folder / "posts.parquet").is_file() and (folder / "run.log").is_file()
        assert json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["status"] == "ok"
    # the second run embedded nothing new
    second = json.loads((runs[-1] / "manifest.json").read_text(encoding="utf-8"))
    assert second["embedding"]["computed"] == 0 and second["embedding"]["cached"] == len(POSTS)


def test_a_series_rerun_into_another_folder_says_it_does_not_continue_it(tmp_path, capsys):
    """``--config`` with ``--out`` is a run of its own: the series' ids and curation do not carry
    over. It said nothing, and hidden challenges came back in a reviewer's scratch report."""
    config = _project(tmp_path)
    assert main(["run", "--config", str(config), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["run", "--config", str(config), "--out", str(tmp_path / "scratch"), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "weekly is not continued" in err and "--previous" in err
    latest = tmp_path / "reports" / "weekly" / "latest"
    assert main(["run", "--config", str(config), "--out", str(tmp_path / "again"),
                 "--previous", str(latest), "--quiet"]) == 0
    assert "not continued" not in capsys.readouterr().err


def _disk_fails(monkeypatch, where: str) -> None:
    """The embed stage meets an error no check foresaw (a cache folder naming a file did so,
    until the config check caught it: review 15, R15-25)."""
    def fail(*args, **kwargs):
        raise OSError(5, "Input/output error", where)

    monkeypatch.setattr("mining.pipeline.embed_texts", fail)


def test_a_failed_stage_exits_3_marks_the_folder_and_keeps_latest(tmp_path, capsys, monkeypatch):
    config = _project(tmp_path)
    assert main(["run", "--config", str(config), "--quiet"]) == 0
    good = (tmp_path / "reports" / "weekly" / "latest").resolve()
    _disk_fails(monkeypatch, str(tmp_path / "cache"))
    assert main(["run", "--config", str(config), "--quiet"]) == 3
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "embed stage failed" in err
    failed = [p for p in (tmp_path / "reports" / "weekly").iterdir() if (p / "FAILED").exists()]
    assert len(failed) == 1
    manifest = json.loads((failed[0] / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "failed"
    assert "Traceback" in (failed[0] / "run.log").read_text(encoding="utf-8")
    assert (tmp_path / "reports" / "weekly" / "latest").resolve() == good



def test_a_run_that_fails_into_an_earlier_runs_folder_says_so_in_its_report(tmp_path, capsys,
                                                                             monkeypatch):
    """Review 8 (R8-20): a run that failed into a fixed ``--out`` left the earlier run's
    report.html beside FAILED, read as this run's."""
    (tmp_path / "posts.csv").write_text("text\n" + "\n".join(POSTS) + "\n", encoding="utf-8")
    out = tmp_path / "weekly"
    args = ["run", str(tmp_path / "posts.csv"), "--out", str(out), "--quiet"]
    assert main(args) == 0
    assert "This run failed" not in (out / "report.html").read_text(encoding="utf-8")
    _disk_fails(monkeypatch, str(tmp_path / "<b>blocked"))  # the error names it: untrusted text
    assert main(args) == 3
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "This run failed" in page and "earlier run" in page and "<b>" not in page
    assert (out / "report.md").read_text(encoding="utf-8").startswith("# This run failed")

def test_run_without_out_or_config_is_a_usage_error(tmp_path, capsys):
    pd.DataFrame({"text": POSTS}).to_csv(tmp_path / "posts.csv", index=False)
    assert main(["run", str(tmp_path / "posts.csv")]) == 2
    assert "E206" in capsys.readouterr().err


def test_ingest_accounts_for_every_file(tmp_path, capsys):
    out = tmp_path / "posts.parquet"
    assert main(["ingest", str(ROOT / "corpora" / "demo"), "--out", str(out),
                 "--config", str(ROOT / "corpora" / "demo.toml")]) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    key = pd.read_csv(ROOT / "corpora" / "demo_answer_key.csv")
    posts = pd.read_parquet(out)
    assert len(posts) == len(key)
    assert len(printed) == 4 and printed[-1].startswith(f"wrote {out} ({len(key)} posts)")
    for line in printed[:3]:
        file, reader, status = line.split("\t")
        assert reader in {"whatsapp", "telegram", "discord"}
        assert f"{(key['file'] == file).sum()} records" in status


def test_quiet_prints_nothing_but_the_log_file_has_the_steps(tmp_path, capsys):
    config = _project(tmp_path)
    assert main(["run", "--config", str(config), "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    log = (tmp_path / "reports" / "weekly" / "latest" / "run.log").read_text(encoding="utf-8")
    assert "reading" in log and "embedding" in log


def test_a_run_that_sets_an_input_aside_says_so_everywhere_and_exits_4(tmp_path, capsys):
    config = _project(tmp_path)
    broken = tmp_path / "exports"
    broken.mkdir()
    (broken / "chat.zip").write_bytes(b"PK\x03\x04 cut short by the download")
    (broken / "deep.json").write_text("[" * 10_000 + "]" * 10_000, encoding="utf-8")
    out = tmp_path / "run"
    assert main(["run", str(tmp_path / "posts.csv"), str(broken), "--out", str(out),
                 "--config", str(config), "--quiet"]) == 4
    err = capsys.readouterr().err
    log = (out / "run.log").read_text(encoding="utf-8")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    report_md = (out / "report.md").read_text(encoding="utf-8")
    report_html = (out / "report.html").read_text(encoding="utf-8")
    assert manifest["status"] == "ok" and len(pd.read_parquet(out / "posts.parquet")) == len(POSTS)
    assert manifest["inputs_set_aside"] == ["chat.zip", "deep.json"]
    for name, code in (("chat.zip", "E107"), ("deep.json", "E124")):
        line = next(l for l in err.splitlines() if l.startswith(f"mining: set aside {name}: "))
        assert line.endswith(f"[{code}]")  # even with --quiet
        assert f"set aside {name}: " in log
        assert f"| {name} | {name}: " in report_md and f"\\[{code}\\]" in report_md  # escaped
        assert f"<bdi>{name}</bdi>" in report_html
    assert "## Inputs set aside" in report_md and "Inputs set aside</h2>" in report_html
    assert "2 input files set aside" in err and "Traceback" not in err


def test_strict_stops_the_run_at_a_set_aside_input(tmp_path, capsys):
    config = _project(tmp_path)
    (tmp_path / "chat.zip").write_bytes(b"PK\x03\x04 cut short")
    assert main(["run", str(tmp_path / "posts.csv"), str(tmp_path / "chat.zip"), "--out",
                 str(tmp_path / "run"), "--config", str(config), "--strict", "--quiet"]) == 2
    assert "chat.zip: cannot parse the file: not a valid zip archive [E107]" in capsys.readouterr().err


def test_load_run_on_a_folder_that_is_no_run_names_it_in_one_line(tmp_path):
    with pytest.raises(MiningError, match=r"not a run folder .*\[E212\]"):
        mining.load_run(tmp_path)


def test_one_path_given_alone_is_one_input_not_its_letters(tmp_path):
    _project(tmp_path)
    for given in (str(tmp_path / "posts.csv"), tmp_path / "posts.csv"):
        posts, files = mining.read_inputs(given, InputConfig())
        assert posts["text"].tolist() == POSTS and [f.file for f in files] == ["posts.csv"]


def test_an_export_replaced_by_a_newer_one_of_the_same_chat_is_said_so(tmp_path):
    """Review 10 (R10-18): every weekly run of a cumulative Telegram export opened "What changed"
    with "Read in the last run, not in this one (their posts are left out...)": Telegram names
    each export ChatExport_<date>, and the new one holds the old one's posts."""
    from mining.report.summary import _changes
    from mining.runs import inputs_gone

    previous = tmp_path / "week1"
    previous.mkdir()
    (previous / "manifest.json").write_text(json.dumps({"inputs": [
        {"file": "ChatExport_2026-10-12/result.json", "records": 3},
        {"file": "old.csv", "records": 2}]}), encoding="utf-8")
    pd.DataFrame({"post_id": ["a", "b", "c", "d", "e"],
                  "source_file": ["ChatExport_2026-10-12/result.json"] * 3 + ["old.csv"] * 2}
                 ).to_parquet(previous / "posts.parquet")
    now = pd.DataFrame({"post_id": ["a", "b", "c", "f"],
                        "source_file": ["ChatExport_2026-10-19/result.json"] * 4})
    gone = inputs_gone(previous, [{"file": "ChatExport_2026-10-19/result.json", "records": 4}], now)
    assert gone == [{"file": "ChatExport_2026-10-12/result.json", "records": 3,
                     "replaced_by": "ChatExport_2026-10-19/result.json", "held": 3},
                    {"file": "old.csv", "records": 2}]
    said = _changes({"changes": {"previous_run": str(previous), "inputs_gone": gone}})
    assert said[0] == "Read in the last run, not in this one (their posts are left out unless " \
                      "another file holds them): old.csv (2 records)."
    assert said[1] == ("Replaced since the last run: ChatExport_2026-10-12/result.json by "
                       "ChatExport_2026-10-19/result.json, which holds 3 of its 3 records.")


def test_a_run_whose_salt_differs_from_the_previous_runs_stops_and_the_salt_stays_secret(
        tmp_path, capsys):
    """Review 9 R9-12: an ad-hoc first run on the default salt, then the scheduled config with
    the fresh salt ``mining init-config`` writes, and ``--previous``: every member was renamed
    without a word. The salt itself was in manifest.json and in report.html's settings."""
    config = _project(tmp_path)
    assert main(["run", "--config", str(config), "--out", str(tmp_path / "adhoc"), "--quiet"]) == 0
    salted = tmp_path / "community.toml"
    salted.write_text(config.read_text(encoding="utf-8")
                      + '[privacy]\nsalt = "9f2c1e7a55d04b6e8a3f0c2d71be4a90"\n', encoding="utf-8")
    capsys.readouterr()
    assert main(["run", "--config", str(salted), "--previous", str(tmp_path / "adhoc"),
                 "--out", str(tmp_path / "week2"), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "[E213]" in err and "another privacy.salt" in err, err
    assert not (tmp_path / "week2").exists()
    # a new series on the new salt, continued with the same salt
    assert main(["run", "--config", str(salted), "--out", str(tmp_path / "w1"), "--quiet"]) == 0
    assert main(["run", "--config", str(salted), "--previous", str(tmp_path / "w1"),
                 "--out", str(tmp_path / "w2"), "--quiet"]) == 0
    for path in (tmp_path / "w2").rglob("*"):
        if path.is_file():
            assert b"9f2c1e7a55d04b6e8a3f0c2d71be4a90" not in path.read_bytes(), path
    shown = json.loads((tmp_path / "w2" / "manifest.json").read_text(encoding="utf-8"))
    assert shown["config"]["privacy"]["salt"].startswith("fingerprint:")


@pytest.mark.parametrize("before, now, stops", [
    ({"salt": "mining-default-salt", "keep_identities": False}, "s3cret", True),  # a run before
    ({"salt": "s3cret", "keep_identities": False}, "s3cret", False),  # the fingerprint, the salt
    ({"salt": "mining-default-salt", "keep_identities": True}, "s3cret", False),  # no pseudonyms
])
def test_check_salt_reads_the_manifests_of_earlier_runs(tmp_path, before, now, stops):
    from mining.config import Config
    from mining.runs import check_salt

    (tmp_path / "manifest.json").write_text(json.dumps(
        {"status": "ok", "config": {"privacy": before}, "privacy": {"pseudonymized_authors": True}}),
        encoding="utf-8")
    if stops:
        with pytest.raises(MiningError, match=r"\[E213\]"):
            check_salt(tmp_path, Config().updated("privacy", salt=now))
    else:
        check_salt(tmp_path, Config().updated("privacy", salt=now))


def test_a_runs_vectors_come_with_their_posts_row_for_row(demo_run):
    """Review 12 (R12-11): a notebook paired posts.parquet's analyzed rows with aligned.npy and
    fitted topics on shuffled vectors: the file's order is the posts sorted by their text."""
    import numpy as np

    from mining.embed.cache import EmbeddingCache

    posts, raw = mining.load_run(demo_run.out).vectors(aligned=False)
    assert len(posts) == len(raw) == int(demo_run.posts["analyzed"].sum())
    # the posts embedded as written: no @mention left out, no Greeklish read in Greek letters
    as_written = (~posts["text_norm"].str.contains("@") & ~posts["greeklish"].fillna(False)).astype(bool)
    texts = [t if keep else None for t, keep in zip(posts["text_norm"], as_written)]
    cached = {}
    EmbeddingCache(ROOT / "tests" / "data" / "embeddings").lookup(
        demo_run.manifest["embedding"]["model"], [t for t in texts if t],
        lambda text, vector: cached.setdefault(text, vector))
    rows = [i for i, text in enumerate(texts) if text in cached]
    assert len(rows) > 1000
    same = [np.allclose(raw[i], cached[posts["text_norm"].iloc[i]], atol=1e-5) for i in rows]
    assert np.mean(same) > 0.95
    _, aligned = demo_run.vectors()
    assert aligned.shape == raw.shape


def test_protect_posts_gives_pseudonyms_as_a_run_does(tmp_path):
    """Review 12 (R12-5): read_inputs and prepare_posts, the stages README lists, handed a
    notebook the members' real names; protect_posts is the stage between them."""
    chat = tmp_path / "WhatsApp Chat with Parents.txt"
    chat.write_text("1/9/24, 8:01 - Dana Levi: the bus was late again, call me 054-1234567\n"
                    "1/9/24, 8:02 - Avi Cohen: ask Dana Levi about the new timetable\n",
                    encoding="utf-8")
    raw, _ = mining.read_inputs([str(chat)], InputConfig())
    config = mining.Config()
    protected = mining.protect_posts(raw, config)
    shown = " ".join(protected["author"].tolist() + protected["text"].tolist())
    assert "Dana" not in shown and "Avi" not in shown and "054" not in shown
    assert protected["author"].str.startswith("member-").all()
    prepared = mining.prepare_posts(protected, config)
    assert prepared["author"].tolist() == protected["author"].tolist()


def _anonymous_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("RssAnon:")) / 1024


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's /proc")
def test_a_stage_gives_back_the_memory_its_dropped_strings_held():
    # Arrow's pool kept every string page a stage freed: 234 MB after preparing 100k posts
    texts = pd.Series(POSTS * 2000, dtype="string")
    before = _anonymous_mb()
    with Manifest().stage("prepare"):
        copies = [texts.str.lower() for _ in range(150)]  # about 100 MB, as a stage's copies
        assert _anonymous_mb() > before + 80
        del copies
    assert _anonymous_mb() < before + 30
