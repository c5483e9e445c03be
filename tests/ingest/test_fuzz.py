"""The fuzz suite at a small size: one round of every mutation (truncation, byte flips,
re-encodings, control characters, duplicated and reordered records) of every real export in
``../shared/fixtures``, read by the reader that claims it and by ``mining ingest``.
``benchmarks/fuzz.py`` runs the same at a large size."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT.parent / "shared" / "fixtures"


def _fuzz_module():
    spec = importlib.util.spec_from_file_location("fuzz", ROOT / "benchmarks" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not FIXTURES.is_dir(),
                    reason=f"{FIXTURES} is absent: the shared export fixtures are not on this machine")
def test_mutated_exports_are_read_whole_or_set_aside_with_a_code(tmp_path: Path) -> None:
    fuzz = _fuzz_module()
    found = fuzz.fuzz(FIXTURES, tmp_path, rounds=1, seed=0)
    fixtures = sum(1 for p in FIXTURES.rglob("*") if p.is_file() and p.name != "MANIFEST.tsv")
    assert found.files >= fixtures * len(fuzz.MUTATIONS)  # zip members count one by one
    assert found.escaped == []  # nothing but coded errors out of mining ingest
    assert found.uncoded == []  # nor out of any reader called directly
    assert found.unaccounted == []  # records read = rows written, per file
    assert found.over_memory == []
    # the mutations do bite: some files still read, others set aside with their codes
    assert found.outcomes["read"] > 0 and found.records > 0
    assert {"E103", "E110"} <= set(found.outcomes)
