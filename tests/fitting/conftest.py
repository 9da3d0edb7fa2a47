"""Small real extracts of the team datasets for the pipeline tests.

Extracts are the first lines of the real files (header included), copied into a
temporary directory laid out like ``../shared/data``, so the readers, the
orchestrator and the reproducibility checks run on real rows without the cost of
the full datasets.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest


def head(src: Path, dst: Path, n: int | None) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    if n is None:
        shutil.copyfile(src, dst)
        return dst
    with open(src, "rb") as fi, open(dst, "wb") as fo:
        for i, line in enumerate(fi):
            if i > n:
                break
            fo.write(line)
    return dst


@pytest.fixture(scope="session")
def extract(shared_data: Path, tmp_path_factory) -> Path:
    """Real extracts: Diamond League (full, 0.8 MB), WC round 1 (full), 3000 lines of each WA list."""
    root = tmp_path_factory.mktemp("extract")
    head(shared_data / "diamond_league_sprints/diamond_league_100m_200m.csv",
         root / "diamond_league_sprints/diamond_league_100m_200m.csv", None)
    for ev in ("100m", "200m"):
        head(shared_data / f"munro_wc_round1/round1_{ev}.csv", root / f"munro_wc_round1/round1_{ev}.csv", None)
    return root
