"""race_prediction, vdot and training_paces calculations."""
from __future__ import annotations

import pytest

from sprint_solver.errors import InvalidValueError, MissingParameterError
from sprint_solver.models.equivalence import daniels_time
from sprint_solver.quantities import parse_time
from sprint_solver.solver.calculations import CALCULATIONS, load_all
from sprint_solver.solver.core import solve
from sprint_solver.solver.solution import Solution

T = parse_time


from .checks import solve_checked as run  # noqa: E402


# --- race_prediction ---------------------------------------------------------------------------------------
def test_riegel_r1():
    # physics_anchors.md R1 [CALC]: 10 km 40:00 -> 42195 m 3:04:00.5 (0.5 s)
    s = run("race_prediction", distance="10 km", time="40:00", target_distance="marathon")
    assert s.result.name == "target_time"
    assert s.value == pytest.approx(T("3:04:00.5"), abs=0.5)
    assert s.result.display.startswith("3:04:0")
    assert s.method.startswith("Riegel")
    assert s.confidence == 1.0


def test_riegel_custom_exponent():
    s = run("race_prediction", distance=5000, time=1200, target_distance=10000, exponent=1.08)
    assert s.value == pytest.approx(1200 * 2 ** 1.08)


def test_riegel_outside_validated_range_is_flagged():
    s = run("race_prediction", distance="100m", time=10.0, target_distance="200m")
    assert s.confidence < 1.0
    assert any("validated" in w for w in s.warnings)


def test_vdot_prediction():
    # 5 km 20:00 -> VDOT 49.806 (calculator_peers.md 2.2 [derived]); predicted time re-checked by the trace
    s = run("race_prediction", distance="5K", time="20:00", target_distance="10K", model="vdot")
    assert s.output("vdot").value == pytest.approx(49.806, abs=1e-3)
    assert s.value == pytest.approx(daniels_time(s.output("vdot").value, 10000.0), rel=1e-12)
    # a little slower than the Daniels table's VDOT 50 row for 10 km (41:21), as VDOT 49.8 < 50
    assert T("41:21") < s.value < T("41:21") * 1.01
    assert any(st.output == "check_vdot" for st in s.trace)


def test_st3v_bug_not_reproduced():
    # calculator_peers.md 2.11: correct Daniels solve of 5 k 25:00 -> 10 k 51:53 (st3v's bug gives 47:36)
    s = run("race_prediction", distance="5 km", time="25:00", target_distance="10 km", model="vdot")
    assert s.value == pytest.approx(T("51:53"), abs=1.0)


def test_cameron_prediction():
    # calculator_peers.md 2.1 Runalyze CameronTest [peer]: 5 km 16:32 -> 10 km 34:26, M 2:41:22 (1 s)
    s = run("race_prediction", distance="5 km", time="16:32", target_distance="10 km", model="cameron")
    assert s.value == pytest.approx(T("34:26"), abs=1.0)
    s = run("race_prediction", distance="5 km", time="16:32", target_distance="marathon", model="cameron")
    assert s.value == pytest.approx(T("2:41:22"), abs=1.0)
    assert "Cameron" in s.method


def test_prediction_bad_inputs():
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "race_prediction",
               "params": {"distance": 5000, "time": 1200, "target_distance": 10000, "exponent": 3}})
    assert e.value.parameter == "exponent" and e.value.valid_range == (0.8, 1.5)
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "race_prediction",
               "params": {"distance": 5000, "time": 1200, "target_distance": 10000, "model": "cameron",
                          "exponent": 1.08}})
    assert e.value.parameter == "exponent"
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "race_prediction",
               "params": {"distance": 5000, "time": 1200, "target_distance": 10000, "model": "mcmillan"}})
    assert e.value.parameter == "model"
    with pytest.raises(MissingParameterError) as e:
        solve({"calculation": "race_prediction", "params": {"distance": 5000, "time": 1200}})
    assert e.value.parameter == "target_distance"


# --- vdot ----------------------------------------------------------------------------------------------------
def test_vdot_v1_and_equivalents():
    # physics_anchors.md V1 [SRC table]: 19:57 5 km -> 49.95 (table 50); the equivalent times reproduce the
    # Daniels VDOT 50 row within 0.5 % (V2: marathon 3:10:49)
    s = run("vdot", distance="5 km", time="19:57")
    assert s.value == pytest.approx(49.95, abs=0.15)
    assert s.result.display == "50.0"
    table = {"time_mile": "5:50", "time_10k": "41:21", "time_half_marathon": "1:31:35", "time_marathon": "3:10:49"}
    for name, t in table.items():
        assert abs(s.output(name).value - T(t)) / T(t) < 0.005
    assert s.output("time_5k").value == pytest.approx(T("19:57"), abs=0.01)  # its own distance back


def test_vdot_bad_distance():
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "vdot", "params": {"distance": "100 m", "time": 10.0}})
    assert e.value.parameter == "distance"
    assert e.value.valid_range == (200.0, 200000.0)


# --- training paces ----------------------------------------------------------------------------------------------
def test_training_paces_from_vdot():
    s = run("training_paces", vdot=50)
    assert s.result.name == "threshold"
    assert s.value == pytest.approx(60000 / (0.9 * 260.70815), abs=1e-3)
    assert s.result.display == "4:16/km (6:52/mi)"
    assert s.output("repetition_400m").value == pytest.approx(87.7, abs=0.05)  # Daniels table R-400 at 50: 87 s
    assert s.output("easy").value > s.output("marathon").value > s.value > s.output("interval").value


def test_training_paces_from_race_and_zone():
    s = run("training_paces", distance="5K", time="20:00", zone="easy")
    assert s.result.name == "easy"
    assert s.output("vdot").value == pytest.approx(49.806, abs=1e-3)
    by_vdot = run("training_paces", vdot=s.output("vdot").value, zone="easy")
    assert s.value == pytest.approx(by_vdot.value, rel=1e-12)


def test_training_paces_bad_inputs():
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "training_paces", "params": {"vdot": 5}})
    assert e.value.parameter == "vdot" and e.value.valid_range == (10.0, 100.0)
    with pytest.raises(InvalidValueError):
        solve({"calculation": "training_paces", "params": {"vdot": 50, "distance": 5000, "time": 1200}})
    with pytest.raises(MissingParameterError) as e:
        solve({"calculation": "training_paces", "params": {"distance": 5000}})
    assert e.value.parameter == "time"


def test_examples():
    load_all()
    for name in ("race_prediction", "vdot", "training_paces"):
        assert 3 <= len(CALCULATIONS[name].examples) <= 5
