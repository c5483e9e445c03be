"""The notebooks in notebooks/ run top to bottom on the demo corpus, and those that read a corpus
on a plain table of texts too.

Each notebook runs in a fresh ``python3`` kernel with notebooks/ as its working directory, as a
reader would run it, except that its ``parameters`` cell's ``CACHE_DIR`` points at the demo's
precomputed embeddings (tests/data/embeddings), so nothing is embedded. The kernel's temporary
folder is the test's ``tmp_path``, so the run folders the notebooks create are cleaned up with it.

Warnings raised inside the kernel do not reach pytest's warnings-as-errors; instead, the test fails
when a notebook writes a warning (or anything else) to stderr, since a reader would see it.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

import mining

nbformat = pytest.importorskip("nbformat", reason="the notebook tests need mining[dev] (nbformat)")
nbclient = pytest.importorskip("nbclient", reason="the notebook tests need mining[dev] (nbclient)")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
EMBEDDINGS = ROOT / "tests" / "data" / "embeddings"
CELL_TIMEOUT = 600  # seconds per cell


def parameters_cell(notebook):
    """Return the notebook's first code cell, and check that it is tagged ``parameters``.

    Args:
        notebook: a notebook read with ``nbformat``.
    """
    first = next(cell for cell in notebook.cells if cell.cell_type == "code")
    assert "parameters" in first.metadata.get("tags", []), "first code cell not tagged `parameters`"
    return first


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 3, f"expected at least three notebooks in {NOTEBOOK_DIR}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_saved_without_outputs(path):
    """Outputs stay out of the repository, so that a diff shows only what was edited."""
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    parameters_cell(notebook)
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"cell {number} has outputs"


def set_parameter(notebook, name: str, value: object) -> None:
    """Set one setting of the parameters cell, in place."""
    cell = parameters_cell(notebook)
    cell.source, count = re.subn(rf"^{name}\s*=.*$", f"{name} = {value!r}", cell.source,
                                 flags=re.MULTILINE)
    assert count == 1, f"the parameters cell must set {name} on one line of its own"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path, tmp_path):
    """The notebook runs top to bottom on precomputed embeddings and writes nothing to stderr."""
    execute(nbformat.read(path, as_version=4), tmp_path)


@pytest.mark.parametrize("name", ["01_explore_corpus.ipynb", "03_review_challenges.ipynb"])
def test_notebook_runs_on_a_table_of_texts_without_times_authors_or_replies(name, tmp_path):
    """A CSV with one column of texts, as many users start: no cell assumes a chat's fields."""
    posts = mining.read_posts([str(ROOT / "corpora" / "demo")], mining.Config())
    table = tmp_path / "texts.csv"
    posts.loc[posts["analyzed"], ["text"]].sample(300, random_state=0).to_csv(table, index=False)
    notebook = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    set_parameter(notebook, "CORPUS", str(table))
    set_parameter(notebook, "CONFIG_FILE", str(ROOT / "corpora" / "demo.toml"))
    # without authors, the brand's replies are analyzed too: embedded into a copy of the cache
    shutil.copytree(EMBEDDINGS, tmp_path / "embeddings")
    execute(notebook, tmp_path, cache=tmp_path / "embeddings")


def execute(notebook, tmp_path: Path, cache: Path = EMBEDDINGS) -> None:
    """Run ``notebook`` in a fresh kernel on the demo's precomputed embeddings (``cache``); fail
    on any output to stderr."""
    set_parameter(notebook, "CACHE_DIR", str(cache))
    client = nbclient.NotebookClient(notebook, kernel_name="python3", timeout=CELL_TIMEOUT,
                                     resources={"metadata": {"path": str(NOTEBOOK_DIR)}})
    # a failing cell raises CellExecutionError naming the cell and the kernel's traceback
    client.execute(env={**os.environ, "TMPDIR": str(tmp_path)})

    stderr = [f"cell {number}: {output.text.strip()}"
              for number, cell in enumerate(notebook.cells) if cell.cell_type == "code"
              for output in cell.outputs if output.get("name") == "stderr"]
    assert not stderr, "the notebook wrote to stderr:\n" + "\n".join(stderr)


def _html_outputs(notebook, code: str) -> list[str]:
    """The HTML each display of the code cell holding ``code`` showed, in order."""
    cell = next(c for c in notebook.cells if c.cell_type == "code" and code in c.source)
    return [o["data"]["text/html"] for o in cell.outputs if "text/html" in o.get("data", {})]


def test_notebook_03_lists_the_challenges_of_a_curated_run_as_its_report_does(demo_run, tmp_path):
    """Review 12 (R12-24): on a run whose curation merged C-0003 into C-0000 and named C-0002
    "known", notebook 03 listed C-0003 as a row of its own, the generated labels only and no
    curated status: a product meeting re-discussed what the team had merged. Now it lists what
    the report lists, under the report's names, with the curation beside them. The team decides
    after a run, on its ids; the next run (here, of the same posts) applies the decisions."""
    first, second, third = (f"C-{int(n):04d}" for n in demo_run.challenges.challenges["challenge_id"][:3])
    curation = tmp_path / "curation.toml"
    curation.write_text(f'[challenges."{first}"]\nname = "Our name for it"\nstatus = "known"\n\n'
                        f'[challenges."{second}"]\nmerge_into = "{first}"\n\n'
                        f'[challenges."{third}"]\nhide = "not a product problem"\n', encoding="utf-8")
    config = (mining.Config.from_file(ROOT / "corpora" / "demo.toml")
              .updated("embedding", cache_dir=str(EMBEDDINGS)).updated("run", curation=str(curation)))
    run = mining.run([str(ROOT / "corpora" / "demo")], tmp_path / "curated", config,
                     previous=demo_run.out)
    notebook = nbformat.read(NOTEBOOK_DIR / "03_review_challenges.ipynb", as_version=4)
    set_parameter(notebook, "RUN_DIR", str(run.out))
    execute(notebook, tmp_path)

    report = (run.out / "report.md").read_text(encoding="utf-8")
    cards = re.findall(r"^### (C-\d{4}) · ", report, flags=re.MULTILINE)
    listed, *hidden = _html_outputs(notebook, "highest-priority challenges")
    rows = re.findall(r'<th id="T_\w+_level0_row\d+" class="row_heading[^>]*>(C-\d{4})</th>', listed)
    assert rows == cards[:len(rows)] and second not in rows and third not in rows
    assert first in rows and "Our name for it" in listed and "known" in listed
    assert f"merged here: {second}" in listed
    assert hidden and third in hidden[0] and "not a product problem" in hidden[0]
