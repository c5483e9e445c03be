"""Shared test helpers: where ../shared is, and one demo run per session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "corpora").is_dir():
        pytest.skip(f"{SHARED} is absent: the shared corpora and fixtures are not on this machine")
    return SHARED
