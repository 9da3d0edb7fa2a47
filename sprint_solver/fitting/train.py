"""The training orchestrator behind ``sprint-solver train``.

>>> from sprint_solver.fitting.train import train            # doctest: +SKIP
>>> report = train(only=["wind"])                            # doctest: +SKIP
>>> report.models                                            # doctest: +SKIP
['wind.fitted_100m', 'wind.fitted_100m_inverse', ...]
"""
from __future__ import annotations

import importlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..errors import SolverError
from ..spec import ModelSpec
from . import DEFAULT_SEED, artifacts
from .common import BOOTSTRAP_N, CV_FOLDS, TrainContext

#: family -> module with ``train(ctx) -> list[ModelSpec]`` (and optionally ``report(ctx) -> {file: markdown}``)
FAMILIES: dict[str, str] = {
    "wind": "wind_fit",
    "altitude": "altitude_fit",
    "heat": "heat_fit",
    "lanes": "lanes_fit",
    "sprint_profile": "profile_fit",
    "grade": "grade_eval",
}
#: folder names of the team datasets (when none is present, ``--data`` is a user's own dump)
KNOWN_DATASETS = ("diamond_league_sprints", "munro_wc_round1", "wa_toplists_sprint", "venue_altitudes",
                  "marathon_weather_ely", "sprint_velocity_profiles", "running_activities",
                  "alltime_top1000_100m")
#: families that can train on a generic results dump in the documented schema
GENERIC_FAMILIES = ("wind", "altitude", "lanes")


def default_data_dir() -> Path:
    env = os.environ.get("SPRINT_SOLVER_SHARED_DATA")
    if env:
        return Path(env)
    return artifacts.REPO.parent / "shared" / "data"


@dataclass
class TrainReport:
    data: str
    seed: int
    generic: bool
    models: list[str] = field(default_factory=list)
    registry_files: list[str] = field(default_factory=list)
    card_files: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    ingest: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def resolve_only(only: list[str] | tuple[str, ...] | None) -> list[str]:
    """``--only`` accepts family names (``wind``) or model names (``wind.fitted_100m``)."""
    if not only:
        return list(FAMILIES)
    fams = []
    for o in only:
        fam = o.split(".")[0].strip()
        if fam not in FAMILIES:
            raise SolverError(f"unknown model or family {o!r}; choose from {sorted(FAMILIES)}",
                              parameter="only", value=o)
        if fam not in fams:
            fams.append(fam)
    return fams


def train(data: str | os.PathLike[str] | None = None, only: list[str] | None = None, seed: int = DEFAULT_SEED,
          registry_dir: Path | None = None, cards_dir: Path | None = None, bootstrap: int = BOOTSTRAP_N,
          folds: int = CV_FOLDS, write: bool = True, log: Callable[[str], None] | None = None) -> TrainReport:
    """Fit the selected families on ``data`` and write their artifacts."""
    root = Path(data) if data is not None else default_data_dir()
    if not root.is_dir():
        raise SolverError(f"training data directory {root} does not exist; pass --data DIR (the team datasets "
                          "live in ../shared/data; a directory of raw CSV/JSON results in the documented "
                          "schema also works). The committed registry/fitted artifacts keep the library "
                          "working without it.", parameter="data", value=str(root))
    generic = not any((root / d).is_dir() for d in KNOWN_DATASETS)
    fams = resolve_only(only)
    if generic:
        fams = [f for f in fams if f in GENERIC_FAMILIES]
    ctx = TrainContext(root, seed, bootstrap=bootstrap, folds=folds, generic=generic)
    rep = TrainReport(str(root), seed, generic)
    specs: list[ModelSpec] = []
    extra_md: dict[str, str] = {}
    for fam in fams:
        mod = importlib.import_module(f"{__package__}.{FAMILIES[fam]}")
        t0 = time.perf_counter()
        out = mod.train(ctx)
        if hasattr(mod, "report"):
            extra_md.update(mod.report(ctx) or {})
        rep.seconds[fam] = round(time.perf_counter() - t0, 2)
        if not out and not hasattr(mod, "report"):
            rep.skipped[fam] = "no usable data"
        specs += out
        if log:
            log(f"{fam}: {len(out)} model(s) in {rep.seconds[fam]:.1f} s")
    rep.models = [s.name for s in specs]
    rep.ingest = {k: v.as_dict() for k, v in sorted(ctx.stats.items())}
    if write and (specs or extra_md):
        if specs:
            rep.registry_files = artifacts.publish(specs, registry_dir)
        rep.card_files = artifacts.write_cards(specs, cards_dir, extra_md)
        artifacts.write_index(cards_dir, registry_dir)
    return rep
