"""Shared fixtures.

Tests that need the real datasets in ``../shared/data`` use the ``shared_data``
fixture, which skips with a clear reason when the directory is absent (a user's
checkout without the team's data). CI has it, so those tests run there.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("SPRINT_SOLVER_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"needs the team datasets at {SHARED_DATA} (absent on this machine)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO
