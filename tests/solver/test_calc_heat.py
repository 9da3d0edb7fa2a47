"""heat_adjusted_pace and heat_index: solved, verified, against reference values."""
from __future__ import annotations

import shutil

import pytest

from sprint_solver.errors import InvalidValueError, MissingParameterError, ModelNotFoundError
from sprint_solver.models import heat as hm
from sprint_solver.quantities import MILE, f_to_c, parse_time
from sprint_solver.registry import Registry, publish, write_index
from sprint_solver.solver.calculations import CALCULATIONS, load_all
from sprint_solver.solver.core import solve
from sprint_solver.spec import IOSpec, ModelSpec

PER_MI = 1000.0 / MILE


from .checks import solve_checked as run  # noqa: E402


def test_examples():
    load_all()
    for name in ("heat_adjusted_pace", "heat_index"):
        assert 3 <= len(CALCULATIONS[name].examples) <= 5


# --- heat_adjusted_pace ---------------------------------------------------------------------------------
def test_hadley_worked_example_h1():
    # physics_anchors.md H1 [SRC]: 74 F + 71 F -> 3.0-4.5 %; 7:00/mi -> 7:12.6 to 7:18.9 /mi [CALC]
    sol = run("heat_adjusted_pace", pace="7:00/mi", temperature="74F", dew_point="71F")
    assert sol.method.startswith("Hadley")
    assert sol.output("slowdown_low_pct").value == pytest.approx(3.0)
    assert sol.output("slowdown_high_pct").value == pytest.approx(4.5)
    assert sol.output("adjusted_pace_low").value / PER_MI == pytest.approx(432.6, abs=0.05)
    assert sol.output("adjusted_pace_high").value / PER_MI == pytest.approx(438.9, abs=0.05)
    assert sol.output("slowdown_pct").value == pytest.approx(3.75)
    assert sol.result.display == "4:31/km (7:16/mi)"
    assert any("design choice" in a for a in sol.assumptions)


def test_hadley_from_humidity_matches_dew_point():
    td = hm.dew_point(30.0, 60.0)
    a = run("heat_adjusted_pace", pace="5:00/km", temperature=30, humidity=60)
    b = run("heat_adjusted_pace", pace="5:00/km", temperature=30, dew_point=td)
    assert a.value == pytest.approx(b.value, abs=1e-9)
    assert a.output("dew_point").value == pytest.approx(td, abs=1e-9)


def test_hadley_repeats_and_distance():
    sol = run("heat_adjusted_pace", pace="4:00/km", temperature=28, dew_point=22, effort="repeats", distance="10k")
    full = hm.hadley(28.0, 22.0)[0]
    assert sol.output("slowdown_pct").value == pytest.approx(full / 2)
    assert sol.output("time").value == pytest.approx(2400.0)
    assert sol.output("adjusted_time").value == pytest.approx(2400.0 * (1 + full / 200))


def test_hadley_extreme_sum_warns():
    sol = run("heat_adjusted_pace", pace="5:00/km", temperature=42, dew_point=33)
    assert any("180" in w for w in sol.warnings)
    assert sol.confidence < 0.8


def test_ely_wbgt_default_with_wbgt_only():
    # physics_anchors.md c2 [SRC]: women top-3 Q4 5.4 %, Q1 3.2 % -> 2.2 % heat slow-down
    sol = run("heat_adjusted_pace", pace="4:15/km", wbgt=22, sex="women")
    assert sol.method.startswith("Ely")
    assert sol.output("slowdown_pct").value == pytest.approx(2.2)
    assert sol.value == pytest.approx(255 * 1.022)


def test_ely_with_estimated_wbgt_lowers_confidence():
    sol = run("heat_adjusted_pace", pace="4:15/km", temperature=22, humidity=50, model="ely_wbgt")
    assert sol.output("wbgt").value == pytest.approx(hm.wbgt_bom(22.0, 50.0))
    assert any("estimated" in w for w in sol.warnings)
    assert sol.confidence < 1.0


def test_davis_heat_index_model():
    # calculator_peers.md 2.4 [peer]: at a heat index of 30 degC, 4:00/km -> 4:09/km (log-speed -0.0382)
    sol = run("heat_adjusted_pace", pace="4:00/km", temperature=30, humidity=40, model="heat_index")
    hi = sol.output("heat_index").value
    assert hi == pytest.approx(hm.heat_index(30.0, 40.0))
    assert sol.output("slowdown_pct").value == pytest.approx(hm.davis_heat_index(hi)[1])
    assert abs(hi - 30.0) < 1.5 and sol.value == pytest.approx(parse_time("4:09"), abs=2.0)


def test_davis_with_a_given_heat_index():
    # calculator_peers.md 2.4 [peer]: heat index 30 degC, 4:00/km -> 4:09/km (log-speed -0.0382)
    sol = run("heat_adjusted_pace", pace="4:00/km", heat_index=30)
    assert sol.method.startswith("John Davis")
    assert sol.value == pytest.approx(240 * 2.718281828459045 ** 0.0382, abs=1e-6)
    assert sol.result.display.startswith("4:09/km")
    # calculator_peers.md 2.4 [peer]: heat index 90 F, 8:00/mi -> 8:22/mi
    sol = run("heat_adjusted_pace", pace="8:00/mi", heat_index="90F")
    assert sol.value / PER_MI == pytest.approx(parse_time("8:22"), abs=0.5)


def test_heat_never_speeds_up_in_the_cold():
    for model in ("hadley", "heat_index"):
        sol = run("heat_adjusted_pace", pace="5:00/km", temperature=-5, humidity=80, model=model)
        assert sol.value == pytest.approx(300.0)


def test_missing_and_bad_inputs():
    with pytest.raises(MissingParameterError) as e:
        solve({"calculation": "heat_adjusted_pace", "params": {"pace": "5:00/km", "temperature": 25}})
    assert e.value.parameter == "dew_point"
    with pytest.raises(MissingParameterError) as e:
        solve({"calculation": "heat_adjusted_pace", "params": {"pace": "5:00/km"}})
    assert e.value.parameter == "temperature"
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "heat_adjusted_pace",
               "params": {"pace": "5:00/km", "temperature": 20, "dew_point": 25}})
    assert e.value.parameter == "dew_point"
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "heat_adjusted_pace", "params": {"pace": "5:00/km", "wbgt": 70}})
    assert e.value.parameter == "wbgt" and e.value.valid_range == (-60.0, 60.0)
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "heat_adjusted_pace", "params": {"pace": 10, "wbgt": 20}})
    assert e.value.parameter == "pace"


def test_dew_point_and_humidity_disagreeing_warns():
    sol = run("heat_adjusted_pace", pace="5:00/km", temperature=30, dew_point=10, humidity=90)
    assert any("disagree" in w for w in sol.warnings)


# --- fitted heat model through the generic path -----------------------------------------------------
@pytest.fixture
def physics_only_registry(tmp_path, monkeypatch):
    dst = tmp_path / "registry"
    shutil.copytree(Registry.default().path / "physics", dst / "physics")
    write_index(dst)
    monkeypatch.setenv("SPRINT_SOLVER_REGISTRY", str(dst))
    return dst


def _fake_heat_card() -> ModelSpec:
    return ModelSpec(
        name="heat.fitted_marathon_wbgt", version="1.0.0", family="heat", kind="fitted", summary="test card",
        citation="a test fitted heat model", equation="s = b1 (W - 7.5) + b2 ((W - k)+ - (7.5 - k)+)",
        implementation="fitted.heat_wbgt",
        inputs=[IOSpec(name="wbgt", unit="degC", description="wbgt", min=-30.0, max=45.0),
                IOSpec(name="level", unit="1", description="level", dtype="str", choices=["all"], default="all",
                       required=False)],
        outputs=[IOSpec(name="slowdown_pct", unit="%", description="s"),
                 IOSpec(name="ci_halfwidth", unit="%", description="ci")],
        references=[], parameters={"reference_wbgt": 7.5, "knot": 15.0,
                                   "levels": {"all": {"coef": [0.2, 0.3], "cov": [[1e-4, 0.0], [0.0, 1e-4]]}}})


def test_fitted_heat_missing(physics_only_registry):
    with pytest.raises(ModelNotFoundError):
        solve({"calculation": "heat_adjusted_pace", "params": {"pace": "5:00/km", "wbgt": 20, "model": "fitted"}})


def test_fitted_heat_generic_path(physics_only_registry):
    publish([_fake_heat_card()], physics_only_registry)
    sol = run("heat_adjusted_pace", pace="5:00/km", wbgt=20, model="fitted")
    s = 0.2 * (20 - 7.5) + 0.3 * (20 - 15)
    assert sol.output("slowdown_pct").value == pytest.approx(s)
    assert sol.value == pytest.approx(300 * (1 + s / 100))
    assert sol.output("ci_halfwidth").value > 0
    # below the reference WBGT the fitted curve would speed up: clamped to 0 and still verifiable
    sol = run("heat_adjusted_pace", pace="5:00/km", wbgt=2, model="fitted")
    assert sol.value == pytest.approx(300.0)


# --- heat_index -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("t_f, rh, expected_f, adjustments", [
    # calculator_peers.md 2.1 Runalyze HeatIndexTest [peer], tol 0.5 F (Runalyze applies no NOAA adjustments)
    (88, 65, 98, True), (98, 50, 113, True), (96, 75, 132, True), (60, 0, 56, True), (80, 100, 87, False),
])
def test_heat_index_vectors(t_f, rh, expected_f, adjustments):
    sol = run("heat_index", temperature=f"{t_f}F", humidity=rh, adjustments=adjustments)
    assert sol.value * 9 / 5 + 32 == pytest.approx(expected_f, abs=0.5)
    assert sol.result.unit == "degC"
    assert "°F" in sol.result.display


def test_heat_index_noaa_high_humidity_adjustment():
    sol = run("heat_index", temperature="80F", humidity=100)
    assert sol.value * 1.8 + 32 == pytest.approx(89.288, abs=0.01)
    assert any(s.output == "hi_adjustment_f" for s in sol.trace)
    assert "caution" in " ".join(sol.warnings)


def test_heat_index_from_dew_point():
    sol = run("heat_index", temperature="88F", dew_point="75F")
    rh = hm.relative_humidity(f_to_c(88), f_to_c(75))
    assert sol.params["humidity"].value == pytest.approx(rh)
    assert sol.value == pytest.approx(hm.heat_index(f_to_c(88), rh))


def test_heat_index_cool_day_uses_simple_formula():
    sol = run("heat_index", temperature=12, humidity=50)
    # calculator_peers.md 2.1 [peer]: 12 degC / 50 % -> 10.5 degC
    assert sol.value == pytest.approx(10.5, abs=0.1)
    assert not any(s.output == "hi_rothfusz_f" for s in sol.trace)


def test_heat_index_needs_humidity():
    with pytest.raises(MissingParameterError) as e:
        solve({"calculation": "heat_index", "params": {"temperature": 30}})
    assert e.value.parameter == "humidity"
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "heat_index", "params": {"temperature": 30, "humidity": "140%"}})
    assert e.value.parameter == "humidity"


@pytest.mark.parametrize("fmt", ["text", "markdown", "latex"])
def test_render(fmt):
    for calc, params in [("heat_adjusted_pace", {"pace": "7:00/mi", "temperature": "74F", "dew_point": "71F"}),
                         ("heat_adjusted_pace", {"pace": "4:00/km", "temperature": 30, "humidity": 40,
                                                 "model": "heat_index"}),
                         ("heat_adjusted_pace", {"pace": "4:00/km", "wbgt": 18}),
                         ("heat_index", {"temperature": 35, "humidity": 60})]:
        assert len(solve({"calculation": calc, "params": params}).render(fmt)) > 100
