"""Shared test helpers: where ../shared is, and one demo run per session."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import mining
from mining.config import Config

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EMBEDDINGS = ROOT / "tests" / "data" / "embeddings"


@pytest.fixture(autouse=True)
def committed_embeddings_untouched():
    """Fails the test that writes into the committed embedding cache: a text it embeds is
    embedded on every clean checkout (slow, and it moves with the processor)."""
    before = sorted(EMBEDDINGS.rglob("*"))
    yield
    added = sorted(set(EMBEDDINGS.rglob("*")) - set(before))
    assert not added, f"the test wrote {[p.name for p in added]} into {EMBEDDINGS}"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "corpora").is_dir():
        pytest.skip(f"{SHARED} is absent: the shared corpora and fixtures are not on this machine")
    return SHARED


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """The whole pipeline on the demo corpus, once per session, with precomputed embeddings."""
    config = Config.from_file(ROOT / "corpora" / "demo.toml")
    config = config.updated("embedding", cache_dir=str(ROOT / "tests" / "data" / "embeddings"))
    return mining.run([str(ROOT / "corpora" / "demo")], tmp_path_factory.mktemp("demo"), config)


@pytest.fixture(scope="session")
def keyed(demo_run):
    """The demo run's posts joined with the demo corpus's answer key."""
    key = pd.read_csv(ROOT / "corpora" / "demo_answer_key.csv", dtype=str, keep_default_na=False)
    posts = demo_run.posts.astype({"source_id": str})
    return posts.merge(key, left_on=["source_file", "source_id"], right_on=["file", "source_id"],
                       how="outer", indicator=True)
