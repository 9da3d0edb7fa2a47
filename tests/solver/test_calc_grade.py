"""grade_adjusted_pace and equivalent_flat_distance: solved, verified, against reference values."""
from __future__ import annotations

import pytest

from sprint_solver.errors import InvalidValueError, MissingParameterError
from sprint_solver.models import grade as gm
from sprint_solver.quantities import MILE, parse_time
from sprint_solver.solver.calculations import CALCULATIONS, load_all
from sprint_solver.solver.core import solve

PER_MI = 1000.0 / MILE


from .checks import solve_checked as run  # noqa: E402


def test_examples():
    load_all()
    for name in ("grade_adjusted_pace", "equivalent_flat_distance"):
        assert 3 <= len(CALCULATIONS[name].examples) <= 5


# --- grade_adjusted_pace ---------------------------------------------------------------------------
def test_strava_default_8_min_mile_at_10_percent():
    # calculator_peers.md 2.10 specialsauce ngp_gap.csv [peer]: 8:00/mi at +10 % -> GAP 5:29/mi
    sol = run("grade_adjusted_pace", pace="8:00/mi", grade="10%")
    assert sol.method.startswith("Strava")
    assert sol.result.name == "gap_pace"
    assert sol.value / PER_MI == pytest.approx(parse_time("5:29"), abs=1.0)
    assert sol.output("speed_factor").value == pytest.approx(1.459)
    assert sol.result.display.endswith("(5:29/mi)")


@pytest.mark.parametrize("grade, gap", [(-10, "9:08"), (-15, "8:30")])
def test_strava_downhill(grade, gap):
    # calculator_peers.md 2.10 [peer]: Strava GAP at 8:00/mi downhill
    sol = run("grade_adjusted_pace", pace="8:00/mi", grade=grade)
    assert sol.value / PER_MI == pytest.approx(parse_time(gap), abs=1.0)


def test_minetti_runalyze_variant():
    # calculator_peers.md 2.1 Runalyze MinettiTest [peer]: 4:45/km at +10 % -> 3:07/km; 3:00 at -5 % -> 3:45
    sol = run("grade_adjusted_pace", pace="4:45/km", grade=10, model="minetti_0.83")
    assert sol.value == pytest.approx(parse_time("3:07"), abs=1.0)
    assert sol.output("speed_factor").value == pytest.approx(1 / 0.6573, abs=2e-4)
    sol = run("grade_adjusted_pace", pace="3:00/km", grade=-5, model="minetti_0.83")
    assert sol.value == pytest.approx(parse_time("3:45"), abs=1.0)
    assert any("overstates" in w for w in sol.warnings)


def test_minetti_energy_equivalence():
    # physics_anchors.md d1: flat-equivalent speed = v Cr(i)/Cr(0); +10 % -> x1.6578 [CALC]
    sol = run("grade_adjusted_pace", pace=300, grade=10, model="minetti")
    assert sol.output("speed_factor").value == pytest.approx(1.6578, abs=1e-4)
    assert sol.value == pytest.approx(300 / 1.6578, abs=0.01)


def test_model_from_solver_options():
    sol = run("grade_adjusted_pace", options={"grade_model": "strava_quartic"}, pace="8:00/mi", grade=10)
    # calculator_peers.md 2.10 [derived]: quartic 5:15/mi at +10 %
    assert sol.value / PER_MI == pytest.approx(parse_time("5:15"), abs=1.0)


def test_from_flat_round_trip():
    hill = run("grade_adjusted_pace", pace="4:30/km", grade=6, direction="from_flat")
    assert hill.result.name == "hill_pace"
    assert hill.value == pytest.approx(270 * gm.strava_factor(6.0))
    flat = run("grade_adjusted_pace", pace=hill.value, grade=6)
    assert flat.value == pytest.approx(270.0, abs=1e-9)


def test_steep_grade_is_clamped_with_warning():
    sol = run("grade_adjusted_pace", pace="10:00/km", grade=60, model="minetti")
    assert sol.output("speed_factor").value == pytest.approx(19.4260 / 3.6, abs=1e-4)
    assert any("grade=60" in w for w in sol.warnings)
    assert sol.confidence < 1.0


def test_route_with_elevation_gain_and_loss():
    sol = run("grade_adjusted_pace", pace="5:15/km", distance="10 km", elevation_gain=250, elevation_loss=250)
    f_up, f_down = gm.strava_factor(5.0), gm.strava_factor(-5.0)
    eq = 5000 * f_up + 5000 * f_down
    assert sol.output("equivalent_distance").value == pytest.approx(eq)
    assert sol.value == pytest.approx(315 * 10000 / eq)
    assert sol.value == pytest.approx(gm.elevation_gap(315.0, 10000.0, 250.0, 250.0)[0])


def test_route_climb_only_and_flat_fraction():
    sol = run("grade_adjusted_pace", pace="6:00/km", distance=8000, elevation_gain="400 m", slope_fraction=0.5)
    assert sol.output("slope_grade").value == pytest.approx(10.0)
    assert sol.value == pytest.approx(gm.elevation_gap(360.0, 8000.0, 400.0, 0.0, 0.5)[0])
    flat = run("grade_adjusted_pace", pace="6:00/km", distance=8000, elevation_gain=0, elevation_loss=0)
    assert flat.value == pytest.approx(360.0)


def test_grade_adjusted_pace_errors():
    with pytest.raises(MissingParameterError) as e:
        solve({"calculation": "grade_adjusted_pace", "params": {"pace": "5:00/km"}})
    assert e.value.parameter == "grade"
    with pytest.raises(MissingParameterError) as e:
        solve({"calculation": "grade_adjusted_pace", "params": {"pace": "5:00/km", "elevation_gain": 100}})
    assert e.value.parameter == "distance"
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "grade_adjusted_pace",
               "params": {"pace": "5:00/km", "grade": 5, "distance": 1000, "elevation_gain": 50}})
    assert e.value.parameter == "grade"
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "grade_adjusted_pace", "params": {"pace": "5:00/km", "grade": "150%"}})
    assert e.value.parameter == "grade" and e.value.valid_range == (-100.0, 100.0)
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "grade_adjusted_pace",
               "params": {"pace": "5:00/km", "distance": 1000, "elevation_gain": 800, "elevation_loss": 800}})
    assert e.value.parameter == "elevation_gain"
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "grade_adjusted_pace", "params": {"pace": "5:00/km", "grade": 5}}, grade_model="kay")
    assert e.value.parameter == "model"


# --- equivalent_flat_distance -------------------------------------------------------------------------
def test_scarf_n1():
    # physics_anchors.md N1 [SRC]: 20 km + 1.6 km climb -> 32.8 km -> 6 h 34 min at 5 km/h (tol 1 min)
    sol = run("equivalent_flat_distance", distance="20 km", climb=1600, pace="12:00/km")
    assert sol.value == pytest.approx(32800.0)
    assert sol.result.display == "32.80 km"
    assert sol.output("time").value == pytest.approx(6 * 3600 + 34 * 60, abs=60)
    sol = run("equivalent_flat_distance", distance="20 km", climb=1600, pace="7:30/km")   # 8 km/h
    assert sol.output("time").value == pytest.approx(4 * 3600 + 6 * 60, abs=60)


def test_naismith_default_speed():
    # physics_anchors.md d4 [CALC]: plain Naismith 4 h + 2 h 40 min = 6 h 40 min
    sol = run("equivalent_flat_distance", distance="20 km", climb="1600 m", rule="naismith")
    assert sol.output("time").value == pytest.approx(6 * 3600 + 40 * 60, abs=1e-6)
    assert any("5 km/h" in a for a in sol.assumptions)


def test_langmuir():
    sol = run("equivalent_flat_distance", distance="25 km", climb=1800, descent=1800, descent_grade=-15,
              rule="naismith_langmuir", pace="6:00/km")
    expected = gm.equivalent_flat_distance(25000.0, 1800.0, 1800.0, -15.0, "naismith_langmuir")[0]
    assert sol.value == pytest.approx(expected)
    assert sol.output("time").value == pytest.approx(expected * 0.36)
    with pytest.raises(MissingParameterError) as e:
        solve({"calculation": "equivalent_flat_distance",
               "params": {"distance": 25000, "climb": 1800, "descent": 1800, "rule": "naismith_langmuir"}})
    assert e.value.parameter == "descent_grade"


def test_equivalent_flat_distance_errors():
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "equivalent_flat_distance", "params": {"distance": "20 km", "climb": -5}})
    assert e.value.parameter == "climb"
    with pytest.raises(MissingParameterError) as e:
        solve({"calculation": "equivalent_flat_distance", "params": {"distance": "20 km"}})
    assert e.value.parameter == "climb"


@pytest.mark.parametrize("fmt", ["text", "markdown", "latex"])
def test_render(fmt):
    for calc, params in [("grade_adjusted_pace", {"pace": "8:00/mi", "grade": 10}),
                         ("grade_adjusted_pace", {"pace": "8:00/mi", "grade": 10, "model": "minetti"}),
                         ("grade_adjusted_pace", {"pace": "5:00/km", "distance": 10000, "elevation_gain": 300}),
                         ("equivalent_flat_distance", {"distance": 20000, "climb": 1600})]:
        assert len(solve({"calculation": calc, "params": params}).render(fmt)) > 100


# --- unit round trips ------------------------------------------------------------------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=25, deadline=None)
@given(st.integers(180, 720), st.floats(-30.0, 30.0))
def test_pace_units_round_trip(sec_per_mile, grade):
    """A pace per mile and the same pace per km give the same GAP."""
    grade = round(grade, 6)
    mi = solve({"calculation": "grade_adjusted_pace",
                "params": {"pace": f"{sec_per_mile // 60}:{sec_per_mile % 60:02d}/mi", "grade": f"{grade:.6f}%"}})
    km = solve({"calculation": "grade_adjusted_pace", "params": {"pace": sec_per_mile * PER_MI, "grade": grade}})
    assert mi.value == pytest.approx(km.value, rel=1e-12)
