"""The sprint_profile calculation: fit, predicted splits, force-velocity profile, verify."""
from __future__ import annotations

import pytest

from sprint_solver.errors import InvalidValueError, MissingParameterError, SolverError
from sprint_solver.solver.calculations import CALCULATIONS, load_all
from sprint_solver.solver.core import solve
from sprint_solver.solver.solution import Solution

KIMBERLEY = {"distances": [5, 10, 15, 20, 30, 40], "times": [1.158, 1.893, 2.541, 3.149, 4.313, 5.444]}


def run(**params) -> Solution:
    s = solve({"calculation": "sprint_profile", "params": params})
    # the recorded request reproduces the solution (it is the tool-call arguments)
    assert solve(s.request).value == s.value
    return s


def test_kimberley_profile():
    # physics_anchors.md S1 [SRC shorts README]: MSS 8.591, MAC 10.589, TAU 0.811, PMAX 22.743
    s = run(**KIMBERLEY)
    assert s.result.name == "MSS"
    assert s.value == pytest.approx(8.591, abs=1e-3)
    assert s.output("MAC").value == pytest.approx(10.589, abs=1e-3)
    assert s.output("TAU").value == pytest.approx(0.811, abs=1e-3)
    assert s.output("PMAX").value == pytest.approx(22.743, abs=1e-3)
    assert s.output("RSE").value == pytest.approx(0.034, abs=5e-4)
    assert s.output("predicted_5m").value == pytest.approx(1.21, abs=0.005)
    assert s.output("predicted_40m").value == pytest.approx(5.47, abs=0.005)
    assert s.result.display == "8.59 m/s"
    v = s.verify()
    assert v.ok, v.mismatches
    assert v.checked >= 10  # 2 fit re-runs + MAC, PMAX, 6 splits, RSE


def test_kimberley_flying_start():
    # physics_anchors.md S2 [CALC]: MSS 9.00, MAC 6.99, FD 0.30
    s = run(**KIMBERLEY, flying_start=True)
    assert s.value == pytest.approx(9.0, abs=0.01)
    assert s.output("MAC").value == pytest.approx(6.99, abs=0.01)
    assert s.output("FD").value == pytest.approx(0.30, abs=0.01)
    assert s.verify().ok


def test_time_correction_and_both():
    s = run(**KIMBERLEY, time_correction=True)
    assert s.output("TC").value == pytest.approx(0.23, abs=0.005)  # shorts README [SRC]
    assert s.verify().ok
    s = run(**KIMBERLEY, flying_start=True, time_correction=True)
    assert {"FD", "TC"} <= {o.name for o in s.outputs}
    assert s.verify().ok


def test_force_velocity_profile_analytic():
    # physics_anchors.md S3 [SRC]: 60 kg, 1.70 m, 760 Torr, 25 degC -> F0 635 N, V0 8.85 m/s, Pmax 1405 W (0.5 %)
    s = run(**KIMBERLEY, mass=60, height=1.70)
    assert s.output("F0").value == pytest.approx(635, rel=0.005)
    assert s.output("V0").value == pytest.approx(8.85, rel=0.005)
    assert s.output("Pmax").value == pytest.approx(1405, rel=0.005)
    assert s.output("FV_slope").value == pytest.approx(-1.197, abs=1e-3)
    assert s.output("k").value == pytest.approx(0.24036, abs=1e-5)
    assert any("25 degC" in a for a in s.assumptions)
    v = s.verify()
    assert v.ok, v.mismatches


def test_force_velocity_profile_units_and_regression_method():
    # same athlete with quantities in other units; Samozino 2016 regression method (shorts make_FV_profile
    # README: F0 6.3e+02, V0 8.8, RFmax 0.60, Drf -0.10 [SRC])
    s = run(**KIMBERLEY, mass="132.277 lb", height="170 cm", temperature="77F", pressure="760 mmHg",
            fv_method="samozino_2016")
    assert round(s.output("F0").value, -1) == 630
    assert round(s.output("V0").value, 1) == 8.8
    assert round(s.output("RFmax").value, 2) == 0.60
    assert round(s.output("DRF").value, 2) == -0.10
    assert s.verify().ok


def test_headwind_raises_force():
    still = run(**KIMBERLEY, mass=60, height=1.70)
    head = run(**KIMBERLEY, mass=60, height=1.70, wind="2 m/s headwind")
    assert head.output("F0").value > still.output("F0").value
    assert head.verify().ok


def test_verify_catches_tampering():
    s = run(**KIMBERLEY)
    data = s.model_dump()
    for st in data["trace"]:
        if st["output"] == "MSS":
            st["value"] = 8.7  # a plausible but wrong number
    bad = Solution.model_validate(data)
    assert not bad.verify().ok
    data = s.model_dump()
    for st in data["trace"]:
        if st["output"] == "predicted_20m":
            st["value"] += 0.01
    assert not Solution.model_validate(data).verify().ok


def test_long_distances_lower_confidence():
    s = run(distances=[20, 40, 60, 80], times=[3.0, 5.2, 7.3, 9.4])
    assert s.confidence < 1.0 and s.warnings
    assert s.verify().ok


@pytest.mark.parametrize("params, err, param", [
    ({"distances": [5, 10], "times": [1.2, 1.9]}, InvalidValueError, "distances"),
    ({"distances": [5, 10, 20], "times": [1.2, 1.9]}, InvalidValueError, "times"),
    ({"distances": [10, 5, 20], "times": [1.2, 1.9, 3.3]}, InvalidValueError, "distances"),
    ({"distances": [5, 10, 20], "times": [1.2, 1.9, 1.8]}, InvalidValueError, "times"),
    ({**KIMBERLEY, "mass": 60}, MissingParameterError, "height"),
    ({**KIMBERLEY, "mass": 5, "height": 1.7}, InvalidValueError, "mass"),
    ({**KIMBERLEY, "flying_start": True, "time_correction": True, "distances": [5, 10, 20, 30],
      "times": [1.2, 1.9, 3.3, 4.6]}, InvalidValueError, "distances"),
    ({**KIMBERLEY, "temperature": "-100C"}, InvalidValueError, "temperature"),
])
def test_bad_inputs(params, err, param):
    with pytest.raises(err) as e:
        run(**params)
    assert e.value.parameter == param


def test_mass_out_of_range_names_the_range():
    with pytest.raises(SolverError) as e:
        run(**KIMBERLEY, mass=300, height=1.7)
    d = e.value.to_dict()
    assert d["field"] == "mass" and d["valid_range"] == {"min": 20.0, "max": 250.0}


def test_examples_and_schema():
    load_all()
    calc = CALCULATIONS["sprint_profile"]
    assert 3 <= len(calc.examples) <= 5
    schema = calc.Params.model_json_schema()
    assert schema["properties"]["distances"]["type"] == "array"


def test_render_formats():
    s = run(**KIMBERLEY, mass=60, height=1.70)
    for fmt in ("text", "markdown", "latex"):
        assert "MSS" in s.render(fmt)


def test_implausible_splits_are_flagged():
    # constant 10 m/s from the gun: no acceleration phase, the fit runs into TAU's lower bound
    s = run(distances=[10, 20, 30], times=[1.0, 2.0, 3.0])
    assert s.confidence <= 0.5
    assert any("standing start" in w for w in s.warnings)  # TAU on its 0.05 s bound
    assert s.verify().ok
    with pytest.raises(InvalidValueError) as e:
        run(distances=[10, 20, 30], times=[1.0, 2.0, 3.0], mass=70, height=1.8)
    assert e.value.parameter == "times"


def test_poor_fit_is_flagged():
    s = run(distances=[5, 10, 20], times=[1.1, 1.9, 3.2])
    assert s.confidence < 1.0 and any("poor fit" in w for w in s.warnings)
