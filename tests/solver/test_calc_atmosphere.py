"""altitude_correction, air_density and temperature_effect_sprint: solved, verified, against reference values."""
from __future__ import annotations

import math
import shutil

import pytest

from sprint_solver.errors import InvalidValueError, ModelNotFoundError
from sprint_solver.models import atmosphere as atm
from sprint_solver.models.wind import _M200_MEN
from sprint_solver.quantities import MMHG
from sprint_solver.registry import Registry, publish, write_index
from sprint_solver.solver.calculations import CALCULATIONS, load_all
from sprint_solver.solver.core import solve
from sprint_solver.spec import IOSpec, ModelSpec

MY_CALCS = ("altitude_correction", "air_density", "temperature_effect_sprint")


from .checks import solve_checked as run  # noqa: E402


def test_examples_and_schema():
    load_all()
    for name in MY_CALCS:
        calc = CALCULATIONS[name]
        assert 3 <= len(calc.examples) <= 5
        schema = calc.Params.model_json_schema()
        assert schema["additionalProperties"] is False


# --- altitude_correction ----------------------------------------------------------------------------
def test_sea_level_time_at_1500_m():
    # "10.2 s at sea level, equivalent at 1500 m": Mureika closed form with w = 0, a = 0.028 [CALC]
    sol = run("altitude_correction", time=10.2, target_altitude=1500)
    expected = 10.2 / (1.028 - 0.028 * math.exp(-0.000125 * 1500))
    assert sol.result.name == "equivalent_time"
    assert sol.value == pytest.approx(expected, abs=1e-9)
    assert sol.output("change").value == pytest.approx(expected - 10.2, abs=1e-9)
    assert sol.result.display == "10.15 s"
    assert sol.method.startswith("Mureika")


def test_mexico_city_altitude_gain_w3():
    # physics_anchors.md W3 [CALC]: a = 0.030, t = 10.00, w = 0, H = 2250 -> 10.0735 at sea level;
    # calculator_peers.md 2.9: "0.074 s altitude gain", Linthorne ~0.07 s [lit]
    sol = run("altitude_correction", time=10.0, altitude=2250, preset="paper_1.030")
    assert sol.value == pytest.approx(10.0735, abs=1e-4)
    assert sol.output("time_sea_level").value == pytest.approx(10.0735, abs=1e-4)


def test_round_trip_between_altitudes():
    a = run("altitude_correction", time=10.3, altitude=400, target_altitude="7350 ft")
    b = run("altitude_correction", time=a.value, altitude="7350 ft", target_altitude=400)
    assert b.value == pytest.approx(10.3, abs=1e-9)
    assert a.params["target_altitude"].value == pytest.approx(2240.28)


def test_200m_altitude_uses_mureika_lane_coefficients():
    sol = run("altitude_correction", event="200m", time="20.40", altitude="1850 m")
    C, F = _M200_MEN[3, 2], _M200_MEN[3, 5]
    assert sol.value == pytest.approx(20.40 - (C + F * 1850), abs=1e-9)
    assert sol.output("change").value > 0.15
    back = run("altitude_correction", event="200m", time=sol.value, target_altitude=1850)
    assert back.value == pytest.approx(20.40, abs=1e-9)


def test_same_altitude_changes_nothing():
    sol = run("altitude_correction", time=11.0, altitude=1000, target_altitude=1000)
    assert sol.value == pytest.approx(11.0, abs=1e-12)


@pytest.mark.parametrize("params, field, rng", [
    ({"time": 10.2, "target_altitude": 6000}, "target_altitude", (-450.0, 5000.0)),
    ({"time": 10.2, "altitude": "20000 ft"}, "altitude", (-450.0, 5000.0)),
    ({"time": 70.0}, "time", (5.0, 60.0)),
])
def test_altitude_correction_bad_inputs(params, field, rng):
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "altitude_correction", "params": params})
    assert e.value.parameter == field
    assert e.value.valid_range == rng


def test_100m_time_outside_model_range():
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "altitude_correction", "params": {"time": 45.0}})
    assert e.value.parameter == "time"


# --- fitted altitude model through the generic path -----------------------------------------------------
@pytest.fixture
def physics_only_registry(tmp_path, monkeypatch):
    """A registry with the physics cards only (no fitted cards), selected through the environment."""
    dst = tmp_path / "registry"
    shutil.copytree(Registry.default().path / "physics", dst / "physics")
    write_index(dst)
    monkeypatch.setenv("SPRINT_SOLVER_REGISTRY", str(dst))
    return dst


def _fake_altitude_card(k: float = 0.02) -> ModelSpec:
    keys = [f"{e}_{s}" for e in ("100m", "200m") for s in ("men", "women")]
    return ModelSpec(
        name="altitude.fitted_sprint", version="1.0.0", family="altitude", kind="fitted",
        summary="test card", citation="a test fitted altitude model", equation="t0 = t + k t (1 - exp(-H/8000))",
        implementation="fitted.altitude_sprint",
        inputs=[IOSpec(name="time", unit="s", description="time", min=5.0, max=60.0),
                IOSpec(name="altitude", unit="m", description="altitude", min=-450.0, max=5000.0),
                IOSpec(name="event", unit="1", description="event", dtype="str", choices=["100m", "200m"],
                       default="100m", required=False),
                IOSpec(name="sex", unit="1", description="sex", dtype="str", choices=["men", "women"],
                       default="men", required=False)],
        outputs=[IOSpec(name="time_sea_level", unit="s", description="t0"),
                 IOSpec(name="correction", unit="s", description="t0 - t"),
                 IOSpec(name="ci_halfwidth", unit="s", description="ci")],
        references=[], parameters={"scale_height": 8000.0, "coef": {k_: [k] for k_ in keys},
                                   "cov": {k_: [[1e-6]] for k_ in keys}},
        uncertainty={"note": "test uncertainty note"})


def test_fitted_model_missing_is_a_clear_error(physics_only_registry):
    with pytest.raises(ModelNotFoundError) as e:
        solve({"calculation": "altitude_correction", "params": {"time": 10.0, "altitude": 2000, "model": "fitted"}})
    assert "altitude.fitted_sprint" in str(e.value)


def test_fitted_model_generic_path(physics_only_registry):
    publish([_fake_altitude_card(0.02)], physics_only_registry)
    sol = run("altitude_correction", time=10.0, altitude=2000, model="fitted")
    expected = 10.0 + 0.02 * 10.0 * (1 - math.exp(-2000 / 8000))
    assert sol.value == pytest.approx(expected, abs=1e-9)
    assert sol.output("ci_halfwidth").value > 0
    assert "test uncertainty note" in sol.assumptions
    # to another altitude: solved numerically and checked by re-running the model
    sol = run("altitude_correction", time=10.0, altitude=0, target_altitude=2000, model="fitted")
    assert sol.value + 0.02 * sol.value * (1 - math.exp(-0.25)) == pytest.approx(10.0, abs=1e-9)
    assert any("Check" in s.title for s in sol.trace)


# --- air_density -------------------------------------------------------------------------------------
def test_air_density_cipm_a1():
    # physics_anchors.md A1 [CALC]: CIPM-2007 (101325 Pa, 20 degC, 50 %) -> 1.19931
    sol = run("air_density", temperature=20, humidity="50%")
    assert sol.value == pytest.approx(1.19931, abs=1e-5)
    assert sol.result.unit == "kg/m^3"
    assert sol.output("density_ratio").value == pytest.approx(1.19931 / 1.225, abs=1e-5)
    assert len(sol.trace) >= 7  # spelled out step by step
    assert sol.confidence == 1.0


def test_air_density_ideal_gas_a2():
    # physics_anchors.md A2 [CALC]: 760 Torr, 25 degC -> 1.184527
    sol = run("air_density", temperature="77F", pressure="760 mmHg", model="ideal_gas")
    assert sol.value == pytest.approx(1.184527, abs=1e-6)
    sol = run("air_density", temperature=25, pressure=101325, model="ideal_gas", humidity=80)
    assert any("humidity was ignored" in w for w in sol.warnings)


def test_air_density_simple_moist():
    # physics_anchors.md b1.5 [CALC]: (101325, 20, 50 %) -> 1.19884
    assert run("air_density", temperature=20, humidity=50, model="simple_moist").value == pytest.approx(
        1.19884, abs=1e-5)


def test_air_density_from_altitude_uses_isa_pressure():
    # physics_anchors.md A3 [CALC]: p(2250 m) = 77058.4 Pa
    sol = run("air_density", temperature=20, altitude=2250)
    assert sol.output("pressure").value == pytest.approx(77058.4, abs=0.1)
    assert sol.value == pytest.approx(atm.cipm2007(20.0, 77058.4356, 50.0)[0], abs=1e-7)
    assert any("50 %" in a for a in sol.assumptions)


def test_air_density_warns_when_pressure_looks_sea_level_reduced():
    sol = run("air_density", temperature=20, altitude=2000, pressure="1013 hPa")
    assert any("sea-level-reduced" in w for w in sol.warnings)
    assert sol.confidence < 1.0


def test_air_density_options_choose_model():
    sol = solve({"calculation": "air_density", "params": {"temperature": 25, "pressure": 760 * MMHG}},
                density_model="ideal_gas")
    assert sol.value == pytest.approx(1.184527, abs=1e-6)


@pytest.mark.parametrize("params, field", [
    ({"temperature": 75}, "temperature"), ({"temperature": 20, "humidity": 120}, "humidity"),
    ({"temperature": 20, "pressure": -5}, "pressure"), ({"temperature": 20, "altitude": 5200}, "altitude"),
])
def test_air_density_bad_inputs(params, field):
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "air_density", "params": params})
    assert e.value.parameter == field
    assert e.value.valid_range is not None


# --- temperature_effect_sprint -------------------------------------------------------------------------
def test_temperature_effect_mureika_2006():
    # physics_anchors.md b2 [CALC] vs Mureika 2006 [SRC abstract]: 35 vs 25 degC, a = 0.03 -> +0.0098 s
    sol = run("temperature_effect_sprint", time=10.0, temperature=35, density_model="ideal_gas",
              preset="paper_1.030")
    assert sol.output("change").value == pytest.approx(0.0098, abs=1e-4)
    assert sol.result.name == "time_reference"


def test_temperature_effect_default_model_is_about_a_hundredth_per_10_degrees():
    sol = run("temperature_effect_sprint", time=10.0, temperature=15, reference_temperature=25)
    assert -0.012 < sol.output("change").value < -0.007   # colder air is denser: slower conditions
    assert sol.output("density_run").value > sol.output("density_reference").value


def test_temperature_effect_same_conditions_is_zero():
    sol = run("temperature_effect_sprint", time=10.5, temperature=25, humidity=50)
    assert sol.output("change").value == pytest.approx(0.0, abs=1e-12)


def test_temperature_effect_200m():
    sol = run("temperature_effect_sprint", event="200m", time=20.3, temperature=5)
    ratio = sol.output("density_run").value / sol.output("density_reference").value
    expected = 20.3 + _M200_MEN[3, 5] * math.log(ratio) / 0.000125
    assert sol.value == pytest.approx(expected, abs=1e-9)
    assert sol.value < 20.3


def test_temperature_effect_reference_altitude_matches_density_ratio():
    # dry air at one temperature: the density ratio is the pressure ratio
    sol = run("temperature_effect_sprint", time=10.0, temperature=20, altitude=1500, reference_temperature=20,
              density_model="ideal_gas")
    r = atm.isa_pressure(1500.0) / 101325.0
    assert sol.value == pytest.approx(10.0 * (1.028 - 0.028 * r), abs=1e-9)


def test_temperature_effect_bad_inputs():
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "temperature_effect_sprint", "params": {"time": 10.0, "temperature": "150F"}})
    assert e.value.parameter == "temperature"
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "temperature_effect_sprint",
               "params": {"time": 10.0, "temperature": 20, "reference_humidity": -3}})
    assert e.value.parameter == "reference_humidity"


@pytest.mark.parametrize("fmt", ["text", "markdown", "latex"])
def test_render(fmt):
    for calc, params in [("altitude_correction", {"time": 10.2, "target_altitude": 1500}),
                         ("air_density", {"temperature": 20}),
                         ("temperature_effect_sprint", {"time": 20.3, "temperature": 5, "event": "200m"})]:
        text = solve({"calculation": calc, "params": params}).render(fmt)
        assert len(text) > 100


# --- unit round trips ------------------------------------------------------------------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=25, deadline=None)
@given(st.floats(-20.0, 45.0), st.floats(700.0, 1050.0), st.floats(0.0, 3000.0))
def test_unit_strings_round_trip(t_c, p_hpa, h_m):
    """Same conditions written in other units give the same answer."""
    a = solve({"calculation": "air_density", "params": {"temperature": t_c, "pressure": p_hpa * 100}})
    b = solve({"calculation": "air_density",
               "params": {"temperature": f"{t_c * 9 / 5 + 32:.12f} F", "pressure": f"{p_hpa * 100 / MMHG:.12f} mmHg"}})
    assert b.value == pytest.approx(a.value, rel=1e-9)
    c = solve({"calculation": "altitude_correction", "params": {"time": 10.0, "target_altitude": h_m}})
    d = solve({"calculation": "altitude_correction",
               "params": {"time": "10.00", "target_altitude": f"{h_m / 0.3048:.12f} ft"}})
    assert d.value == pytest.approx(c.value, rel=1e-12)


# --- serialisation: every calculation of families 2-6 survives JSON and reproduces from its request ----------
@pytest.mark.parametrize("calc, params", [
    ("altitude_correction", {"time": 10.2, "target_altitude": 1500}),
    ("altitude_correction", {"time": 20.4, "altitude": 1850, "event": "200m"}),
    ("air_density", {"temperature": 20}),
    ("temperature_effect_sprint", {"time": 20.3, "temperature": 5, "event": "200m"}),
    ("heat_adjusted_pace", {"pace": "7:00/mi", "temperature": "74F", "dew_point": "71F"}),
    ("heat_adjusted_pace", {"pace": "4:00/km", "temperature": 30, "humidity": 40, "model": "heat_index"}),
    ("heat_adjusted_pace", {"pace": "4:00/km", "wbgt": 18}),
    ("heat_index", {"temperature": 35, "humidity": 60}),
    ("grade_adjusted_pace", {"pace": "8:00/mi", "grade": 60, "model": "minetti"}),
    ("grade_adjusted_pace", {"pace": 300, "distance": 10000, "elevation_gain": 300}),
    ("equivalent_flat_distance", {"distance": 20000, "climb": 1600, "rule": "naismith"}),
    ("body_metrics", {"mass": 70, "height": 1.8, "speed": 10, "altitude": 1000}),
])
def test_json_round_trip_and_request_reproduces(calc, params):
    from sprint_solver.solver.solution import Solution

    sol = solve({"calculation": calc, "params": params})
    again = Solution.model_validate_json(sol.model_dump_json())
    assert again.verify().ok
    assert solve(sol.request).value == pytest.approx(sol.value, abs=1e-12)
