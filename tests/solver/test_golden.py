"""Golden traces: reviewed solutions that must not change silently.

Each ``traces/<name>.json`` is re-solved from its question; any change in the
calculation, parameters, steps (titles, equations, expressions, inputs, values),
outputs, confidence or assumptions fails. After an intended change, regenerate with
``python -m sprint_solver.solver.golden --regenerate`` and review the diff.
"""
from __future__ import annotations

import json

import pytest

from sprint_solver.solver import golden
from sprint_solver.solver.calculations import CALCULATIONS, load_all
from sprint_solver.solver.solution import Solution

load_all()
FILES = sorted(f for f in golden.TRACES.glob("*.json") if f.name != "schema.json")
REGEN = "python -m sprint_solver.solver.golden --regenerate"


def test_traces_exist():
    assert len(FILES) >= 25


def test_schema_is_current():
    stored = json.loads((golden.TRACES / "schema.json").read_text("utf-8"))
    assert stored == json.loads(json.dumps(golden.schema())), f"traces/schema.json is stale: run {REGEN}"


def test_every_installed_family_has_a_golden_trace():
    covered = {json.loads(f.read_text("utf-8"))["solution"]["calculation_type"] for f in FILES}
    missing = sorted(set(CALCULATIONS) - covered)
    assert not missing, f"no golden trace for {missing}: add a question to golden.QUESTIONS and run {REGEN}"


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_golden_trace(path):
    rec = json.loads(path.read_text("utf-8"))
    stored = Solution.model_validate(rec["solution"])      # the file is a valid Solution
    assert stored.verify().ok, "the stored trace does not verify"
    if stored.calculation_type not in CALCULATIONS:
        pytest.skip(f"calculation {stored.calculation_type} not installed")
    fresh = golden.solve_question(rec["question"], rec.get("options"))
    assert fresh.verify().ok
    diffs = golden.compare(rec["solution"], fresh.model_dump(mode="json"))
    assert not diffs, f"{path.name} changed (if intended: {REGEN} --only {path.stem}):\n" + "\n".join(diffs[:10])
