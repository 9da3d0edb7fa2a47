"""pace, intervals and even_splits calculations."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sprint_solver.errors import InvalidValueError, MissingParameterError, UnitError
from sprint_solver.quantities import MILE, parse_time
from sprint_solver.solver.calculations import CALCULATIONS, load_all
from sprint_solver.solver.core import solve
from sprint_solver.solver.solution import Solution


from .checks import solve_checked as run  # noqa: E402


# --- pace ---------------------------------------------------------------------------------------------------
def test_five_mile_run_at_830_pace():
    # brief / calculator_peers.md 2.12 [derived]: 42:30 total, 8046.72 m, 5:17/km (8:30/mi)
    s = run("pace", distance="5 miles", pace="8:30/mi")
    assert s.result.name == "time"
    assert s.value == pytest.approx(2550.0, abs=1e-6) and s.result.display == "42:30"
    assert s.output("distance").value == pytest.approx(8046.72)
    assert s.output("pace").display == "5:17/km (8:30/mi)"


@pytest.mark.parametrize("params, name, display", [
    # Wartijn/pace-calculator pacecalc_test.py [peer] (calculator_peers.md 2.12)
    ({"distance": "half marathon", "pace": "4:50/km"}, "time", "1:41:58"),
    ({"distance": "marathon", "pace": "5:00/km"}, "time", "3:30:58"),
    ({"distance": "1.6 km", "pace": "6:00/km"}, "time", "9:36"),
    ({"distance": "10k", "time": "1:00:00"}, "pace", "6:00/km (9:39/mi)"),
    ({"time": "57:00", "pace": "6:00/km"}, "distance", "9500 m (9.50 km, 5.90 mi)"),
    ({"time": "1h", "pace": "6.5 min/km"}, "distance", "9230.77 m (9.23 km, 5.74 mi)"),
    # calculator_peers.md 2.12 [derived]: "10k in 45:00" -> 4:30/km, 7:14.5/mi (434.52 s, shown to the second)
    ({"distance": "10K", "time": "45:00"}, "pace", "4:30/km (7:15/mi)"),
])
def test_wartijn_and_peer_vectors(params, name, display):
    s = run("pace", **params)
    assert s.result.name == name and s.result.display == display


def test_speed_conversion():
    s = run("pace", speed="10 mph")
    assert s.result.name == "pace"
    assert s.value == pytest.approx(1000 / (10 * MILE / 3600))
    assert s.result.display == "3:44/km (6:00/mi)"
    s = run("pace", pace="4:00/km")
    assert s.result.name == "speed" and s.value == pytest.approx(1000 / 240)


@pytest.mark.parametrize("params, err, param", [
    ({"distance": "5 km", "time": "20:00", "pace": "4:00/km"}, InvalidValueError, "pace"),
    ({"distance": "5 km"}, MissingParameterError, "time"),
    ({"pace": "4:00/km", "speed": 4.0}, InvalidValueError, "speed"),
    ({"distance": "5 km", "pace": "8:30"}, UnitError, "pace"),
    ({"distance": "5 km", "pace": 10.0}, InvalidValueError, "pace"),
    ({"distance": "-5 km", "time": 100}, InvalidValueError, "distance"),
])
def test_pace_bad_inputs(params, err, param):
    with pytest.raises(err) as e:
        solve({"calculation": "pace", "params": params})
    assert e.value.parameter == param


def test_pace_range_is_named():
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "pace", "params": {"distance": 5000, "pace": 10.0}})
    assert e.value.valid_range == (50.0, 7200.0) and e.value.unit == "s/km"


@settings(max_examples=40, deadline=None)
@given(d=st.floats(400.0, 100000.0), t=st.floats(60.0, 50000.0))
def test_pace_round_trip_through_the_solver(d, t):
    if not 50.0 <= 1000 * t / d <= 7200.0:
        return
    pace = solve({"calculation": "pace", "params": {"distance": d, "time": t}}).value
    back = solve({"calculation": "pace", "params": {"distance": d, "pace": pace}}).value
    assert back == pytest.approx(t, rel=1e-12)


# --- intervals ----------------------------------------------------------------------------------------------
def test_400_repeats_six_times_at_130():
    # brief: "400 meter repeats, 6 times at 1:30" -> 2400 m, 9:00 running time, 3:45/km (6:02/mi), speed
    s = run("intervals", reps=6, rep_distance="400 meter", rep_time="1:30")
    assert s.result.name == "pace" and s.result.display == "3:45/km (6:02/mi)"
    assert s.output("total_distance").value == 2400.0
    assert s.output("total_distance").display.startswith("2400 m")
    assert s.output("running_time").display == "9:00"
    assert s.output("speed").value == pytest.approx(400 / 90)


def test_intervals_with_rest_and_pace():
    s = run("intervals", reps=10, rep_distance="400m", rep_time=75, rest="90 s", solve_for="total_time")
    assert s.result.name == "total_time" and s.value == 750 + 9 * 90
    s = run("intervals", reps=6, rep_distance="1 km", pace="3:50/km", solve_for="running_time")
    assert s.value == pytest.approx(6 * 230.0)


def test_intervals_bad_inputs():
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "intervals", "params": {"reps": 0, "rep_distance": 400, "rep_time": 90}})
    assert e.value.parameter == "reps" and e.value.valid_range == (1, 1000)
    with pytest.raises(MissingParameterError):
        solve({"calculation": "intervals", "params": {"reps": 6, "rep_distance": 400}})
    with pytest.raises(InvalidValueError):
        solve({"calculation": "intervals", "params": {"reps": 6, "rep_distance": 400, "rep_time": 90,
                                                       "pace": "3:45/km"}})


# --- even splits -----------------------------------------------------------------------------------------------
def test_even_splits_10k():
    s = run("even_splits", time="40:00", distance="10K", split_distance="1 km")
    assert s.result.name == "split_time" and s.value == 240.0
    assert s.output("split_1").display == "1 km: 4:00"
    assert s.output("split_10").value == pytest.approx(2400.0)
    assert s.output("n_splits").value == 10


def test_even_splits_marathon_miles_with_short_last_split():
    s = run("even_splits", time="3:30:00", distance="marathon", split_distance="1 mile")
    assert s.value == pytest.approx(12600 * MILE / 42195)
    assert s.output("n_splits").value == 27  # 26 full miles + the finish
    assert s.output("split_26").display.startswith("26 mi: ")
    assert s.output("split_27").value == pytest.approx(12600.0)
    assert s.output("split_27").display.startswith("26.219 mi: 3:30:00")


def test_even_splits_default_is_laps_on_the_track():
    s = run("even_splits", time="4:30", distance="1500m")
    assert any("400" in a for a in s.assumptions)
    assert [o.display for o in s.outputs if o.name.startswith("split_") and o.name != "split_time"] == \
        ["400 m: 1:12", "800 m: 2:24", "1200 m: 3:36", "1500 m: 4:30"]


def test_even_splits_bad_inputs():
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "even_splits", "params": {"time": "4:30", "distance": "1500m", "split_distance": "2 km"}})
    assert e.value.parameter == "split_distance"
    with pytest.raises(InvalidValueError):
        solve({"calculation": "even_splits", "params": {"time": 3600, "distance": "100 km", "split_distance": "100 m"}})


def test_examples():
    load_all()
    for name in ("pace", "intervals", "even_splits"):
        assert 3 <= len(CALCULATIONS[name].examples) <= 5
    assert parse_time("1:30") == 90.0


def test_intervals_total_distance_needs_no_time():
    from sprint_solver import solve
    s = solve("What is the total distance of 8 x 800 m?")
    assert s.calculation_type == "intervals" and s.result.name == "total_distance"
    assert s.result.value == 6400.0 and s.verify().ok
