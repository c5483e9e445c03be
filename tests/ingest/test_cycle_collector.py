"""Reading pauses Python's cycle collector for speed, and must always give it back."""
from __future__ import annotations

import gc
from pathlib import Path

import pytest

from mining.config import InputConfig
from mining.ingest import read_files, read_inputs

DEMO = Path(__file__).resolve().parents[2] / "corpora" / "demo"


@pytest.fixture
def collector_on():
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_on_again_after_reading(collector_on):
    read_inputs([str(DEMO)], InputConfig())
    assert gc.isenabled()


def test_the_collector_is_on_again_after_a_file_fails(collector_on, tmp_path):
    broken = tmp_path / "result.json"
    broken.write_text('{"name": "x", "type": "personal_chat", "id": 1, "messages": [{"id": 1, ',
                      encoding="utf-8")
    reports = []
    for report, chunks in read_files([str(broken), str(DEMO)], InputConfig()):
        reports.append(report)
        for _ in chunks:
            pass
    assert reports[0].error and gc.isenabled()


def test_the_collector_is_on_again_when_a_file_is_abandoned(collector_on):
    report, chunks = next(read_files([str(DEMO)], InputConfig()))
    next(chunks)
    assert not gc.isenabled()  # paused while the file is being read
    chunks.close()
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_user_stays_off(collector_on):
    gc.disable()
    read_inputs([str(DEMO)], InputConfig())
    assert not gc.isenabled()
