"""Grouping, fixed effects and reproducibility of the training pipeline on real extracts."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from sprint_solver import registry as reg
from sprint_solver.fitting.features import (cluster_weights, demean, fe_lstsq, group_ids, grouped_folds,
                                            person_key, sig, to_table, usable_times)
from sprint_solver.fitting.ingest import iter_dir
from sprint_solver.fitting.train import train
from sprint_solver.fitting.wind_fit import load_design
from sprint_solver.fitting.common import TrainContext


@pytest.fixture(scope="module")
def dl_table(shared_data):
    ctx = TrainContext(shared_data, seed=1)
    return load_design(ctx, "100m"), ctx


def test_folds_never_share_an_athlete(dl_table):
    t, _ = dl_table
    keys = person_key(t)
    folds = grouped_folds(keys, 5, seed=7)
    for k in np.unique(keys.astype(str)):
        assert len(np.unique(folds[keys.astype(str) == k])) == 1
    assert set(np.unique(folds)) == set(range(5))
    assert np.array_equal(folds, grouped_folds(keys, 5, seed=7))  # seeded


def test_design_drops_are_counted(dl_table):
    t, _ = dl_table
    d = t.dropped
    assert d["no valid mark (DNF/DNS/DQ/missing)"] > 0
    assert d["athlete-season with a single race (no within-athlete contrast)"] > 0
    g = group_ids(t["athlete_id"], t["season"])
    assert np.bincount(g).min() >= 2  # every athlete-season keeps a within-athlete contrast


def test_fixed_effects_equal_dummy_regression(dl_table):
    """Demeaning gives the same slope as explicit athlete-season dummies (real rows)."""
    t, _ = dl_table
    sub = t.filter(np.isin(group_ids(t["athlete_id"], t["season"]), np.arange(40)))
    g = np.unique(group_ids(sub["athlete_id"], sub["season"]), return_inverse=True)[1]
    X = sub["wind"][:, None]
    b_fe = fe_lstsq(sub["time"], X, g)
    D = (g[:, None] == np.arange(g.max() + 1)[None, :]).astype(float)
    b_dummy = np.linalg.lstsq(np.column_stack([X, D]), sub["time"], rcond=None)[0][0]
    assert b_fe[0] == pytest.approx(b_dummy, rel=1e-9)
    w = cluster_weights(np.unique(sub["race"].astype(str), return_inverse=True)[1], np.random.default_rng(0))
    assert np.allclose(np.bincount(g, demean(sub["time"], g, w) * w), 0, atol=1e-9)


def test_sig_rounding_is_stable():
    assert sig(0.1 + 0.2) == 0.3
    assert sig({"b": np.float64(1.23456789012345), "a": [np.int64(3)]}) == {"b": 1.23456789, "a": [3]}


def _files(d: Path) -> dict[str, bytes]:
    return {p.relative_to(d).as_posix(): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}


def test_training_is_byte_reproducible(extract, tmp_path):
    kw = dict(data=extract, only=["wind", "lanes"], bootstrap=20)
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    r1 = train(registry_dir=a / "registry", cards_dir=a / "models", **kw)
    train(registry_dir=b / "registry", cards_dir=b / "models", **kw)
    assert r1.models == ["wind.fitted_100m", "wind.fitted_100m_inverse", "wind.fitted_200m",
                         "wind.fitted_200m_inverse", "lanes.fitted_200m"]
    fa, fb = _files(a), _files(b)
    assert fa == fb and any(k.startswith("registry/fitted/") for k in fa)
    train(registry_dir=c / "registry", cards_dir=c / "models", seed=99, **kw)
    assert _files(c)["registry/fitted/wind.fitted_100m@1.0.0.json"] != fa["registry/fitted/wind.fitted_100m@1.0.0.json"]
    assert reg.verify(a / "registry") == []


def test_cards_carry_provenance_metrics_comparisons(extract, tmp_path):
    train(data=extract, only=["wind"], bootstrap=20, registry_dir=tmp_path / "r", cards_dir=tmp_path / "m")
    card = json.loads((tmp_path / "r/fitted/wind.fitted_100m@1.0.0.json").read_text())
    p = card["provenance"]
    assert p["datasets"] == ["diamond_league_sprints", "munro_wc_round1"]
    assert set(p["files_sha256"]["diamond_league_sprints"]) == {"diamond_league_100m_200m.csv"}
    assert p["rows_used"] > 1000 and p["seed"] and p["rows_dropped"]
    assert card["uncertainty"]["method"].startswith("cluster bootstrap") and card["uncertainty"]["n"] == 20
    srcs = {c["source"] for c in card["comparisons"]}
    assert {"Linthorne 1994", "Moinat 2018", "Mureika 2001 (a=0.028)"} <= srcs
    assert "heldout_diamond_league" in card["metrics"] and "heldout_wc_round1" in card["metrics"]
    md = (tmp_path / "m/wind.fitted_100m.md").read_text()
    assert "Comparison with published values" in md and "sha256" in md
    assert (tmp_path / "m/README.md").is_file()


def test_user_results_dump_in_documented_schema(shared_data, tmp_path):
    """A team's own dump: generic-schema CSV (real Diamond League rows renamed to the schema)."""
    import csv
    rows = list(iter_dir(shared_data / "diamond_league_sprints"))
    d = tmp_path / "dump"
    d.mkdir()
    with open(d / "results.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["event", "sex", "time", "athlete", "athlete_id", "wind", "date", "race"])
        for r in rows:
            w.writerow([r.event, r.sex, r.time if r.time is not None else r.status, r.athlete, r.athlete_id,
                        "" if r.wind is None else r.wind, r.date, r.race])
    rep = train(data=d, only=["wind"], bootstrap=20, registry_dir=tmp_path / "r", cards_dir=tmp_path / "m")
    assert rep.generic and "wind.fitted_100m" in rep.models
    st = rep.ingest["results"]
    assert st["status"]["DQ"] == 75  # statuses survive the round trip through the generic schema


def test_missing_data_dir_errors_clearly(tmp_path):
    from sprint_solver.errors import SolverError
    with pytest.raises(SolverError, match="does not exist"):
        train(data=tmp_path / "nope")


def test_table_counts_usable_times(shared_data):
    t = usable_times(to_table(iter_dir(shared_data / "diamond_league_sprints")))
    assert len(t) == 5563 and t.dropped["no valid mark (DNF/DNS/DQ/missing)"] == 5730 - 5563
