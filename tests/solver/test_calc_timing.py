"""hand_timing and false_start calculations."""
from __future__ import annotations

import pytest

from sprint_solver.errors import InvalidValueError
from sprint_solver.solver.calculations import CALCULATIONS, load_all
from sprint_solver.solver.core import solve
from sprint_solver.solver.solution import Solution


from .checks import solve_checked as run  # noqa: E402


def test_t1_hand_to_fat():
    # physics_anchors.md T1 [SRC athletic.net]: 10.87 -> 10.9 -> 11.14
    s = run("hand_timing", hand_time=10.87, distance="100m")
    assert s.value == pytest.approx(11.14) and s.result.display == "11.14 s"
    assert s.output("rounded_hand_time").value == pytest.approx(10.9)
    assert s.output("offset").display == "+0.24 s"


@pytest.mark.parametrize("hand, distance, fat", [
    ("12.91", "100 m", 13.24), ("11.31", "100m", 11.64), ("57.22", "400m", 57.44),  # physics_anchors.md h [SRC]
    ("1:58.3", "800m", 118.3), ("4:05.0", "1500m", 245.0),
])
def test_hand_to_fat_worked_examples(hand, distance, fat):
    assert run("hand_timing", hand_time=hand, distance=distance).value == pytest.approx(fat)


def test_hand_to_fat_variant():
    assert run("hand_timing", hand_time=70.0, distance="500m", variant="wa_scoring").value == pytest.approx(70.14)
    assert run("hand_timing", hand_time=70.0, distance="500m", variant="masters").value == pytest.approx(70.0)


def test_t2_false_start():
    # physics_anchors.md T2 [SRC]: RT 0.099 -> false start, 0.100 -> legal (Devon Allen 0.099 / 0.101)
    s = run("false_start", reaction_time=0.099)
    assert s.value == 1 and s.result.display.startswith("false start")
    s = run("false_start", reaction_time="0.100")
    assert s.value == 0 and s.result.display.startswith("legal start")
    assert run("false_start", reaction_time="0.101 s").value == 0
    assert s.output("margin").value == 0.0


def test_false_start_custom_limit_noted():
    s = run("false_start", reaction_time=0.09, limit=0.08)
    assert s.value == 0
    assert any("non-standard limit" in a for a in s.assumptions)


def test_verify_catches_a_flipped_verdict():
    s = run("false_start", reaction_time=0.099)
    data = s.model_dump()
    for st in data["trace"]:
        if st["output"] == "false_start":
            st["value"] = 0.0
    assert not Solution.model_validate(data).verify().ok


@pytest.mark.parametrize("calc, params, param, rng", [
    ("hand_timing", {"hand_time": 10.8, "distance": 5}, "distance", (10.0, 100000.0)),
    ("hand_timing", {"hand_time": 0.5, "distance": 100}, "hand_time", (1.0, 100000.0)),
    ("false_start", {"reaction_time": 9.0}, "reaction_time", (-1.0, 5.0)),
    ("false_start", {"reaction_time": 0.1, "limit": 2.0}, "limit", (0.0, 1.0)),
])
def test_bad_inputs_name_parameter_and_range(calc, params, param, rng):
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": calc, "params": params})
    assert e.value.parameter == param and e.value.valid_range == rng


def test_unknown_variant():
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "hand_timing", "params": {"hand_time": 10.8, "distance": 100, "variant": "nfhs"}})
    assert e.value.parameter == "variant"


def test_examples():
    load_all()
    for name in ("hand_timing", "false_start"):
        assert 3 <= len(CALCULATIONS[name].examples) <= 5
