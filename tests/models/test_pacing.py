"""Pace arithmetic (sprint_solver.models.pacing)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sprint_solver.errors import InvalidValueError, ValidityWarning
from sprint_solver.models import pacing as pc
from sprint_solver.quantities import HALF_MARATHON, MARATHON, MILE, format_time, parse_pace, parse_time
from sprint_solver.registry import Registry


def test_five_miles_at_830_pace():
    # calculator_peers.md 2.12 [derived]: "5 mile run at 8:30 pace" -> 42:30, 8046.72 m, 5:16.9/km
    pace = parse_pace("8:30/mi")
    assert pace == pytest.approx(316.9, abs=0.01)
    assert pc.time_from_pace(pace, 5 * MILE) == pytest.approx(2550.0, abs=1e-9)
    assert 5 * MILE == pytest.approx(8046.72)


def test_ten_k_in_45():
    # calculator_peers.md 2.12 [derived]: "10k in 45:00" -> 4:30/km, 7:14.5/mi
    pace, speed = pc.pace_from_time(2700.0, 10000.0)
    assert pace == 270.0
    assert pc.pace_conversions(pace)[1] == pytest.approx(434.5, abs=0.05)


# Wartijn/pace-calculator pacecalc_test.py [peer] (calculator_peers.md 2.12)
def test_wartijn_vectors():
    assert pc.pace_from_time(parse_time("1:00:00"), 10000.0)[0] == 360.0             # "10k in 1:00:00" -> 6:00
    assert pc.distance_from_pace(360.0, parse_time("57:00")) == pytest.approx(9500.0)  # "57:00 at 6:00" -> 9.5 km
    assert pc.distance_from_pace(390.0, 3600.0) == pytest.approx(9230.77, abs=0.01)    # "1h at 6.5" -> 9.23 km
    assert pc.time_from_pace(360.0, 1600.0) == pytest.approx(576.0)                     # "1.6k at 6:00" -> 9:36
    assert format_time(pc.time_from_pace(300.0, MARATHON)) == "3:30:58"                 # "m at 5:00" -> 3:30:58
    assert format_time(pc.time_from_pace(290.0, HALF_MARATHON)) == "1:41:58"            # "half marathon at 4:50"


def test_mile_is_exact():
    # calculator_peers.md defect 8: DDG uses 1609 m; 1 mile = 1609.344 m exactly
    assert pc.pace_conversions(1000.0)[1] == pytest.approx(1609.344)


def test_speed_and_pace():
    assert pc.pace_from_speed(5.0) == 200.0
    assert pc.pace_conversions(200.0)[0] == 5.0
    assert pc.pace_conversions(300.0)[2] == pytest.approx(120.0)


def test_interval_session():
    # "400 meter repeats, 6 times at 1:30" -> 2400 m, 9:00 running time, 3:45/km (6:02/mi)
    dist, run, total, pace, speed = pc.interval_session(6, 400.0, 90.0)
    assert (dist, run, total, pace) == (2400.0, 540.0, 540.0, 225.0)
    assert format_time(pace * MILE / 1000) == "6:02"
    assert speed == pytest.approx(4.444, abs=1e-3)
    assert pc.interval_session(10, 400.0, 75.0, rest=90.0)[2] == 750.0 + 9 * 90.0
    # sandlex/RunCalc-style schema pieces add up: 5 x (0.4 km at 3:30/km + 0:30 rest) (calculator_peers.md 2.12)
    assert pc.interval_session(5, 400.0, 84.0, rest=30.0)[:3] == (2000.0, 420.0, 540.0)


def test_even_splits_and_table():
    assert pc.even_splits(2400.0, 10000.0, 1000.0) == (240.0, 10, 240.0)
    marks = pc.split_table(parse_time("3:30:00"), MARATHON, MILE)
    assert len(marks) == 27 and marks[-1] == (MARATHON, 12600.0)
    assert marks[0][1] == pytest.approx(12600.0 * MILE / MARATHON)
    with pytest.raises(InvalidValueError) as e:
        pc.even_splits(100.0, 400.0, 800.0)
    assert e.value.parameter == "split_distance"
    with pytest.raises(InvalidValueError):
        pc.even_splits(10000.0, 100000.0, 10.0)


@settings(max_examples=200, deadline=None)
@given(d=st.floats(100.0, 200000.0), t=st.floats(10.0, 100000.0))
def test_pace_time_distance_round_trips(d, t):
    pace, speed = pc.pace_from_time(t, d)
    assert pc.time_from_pace(pace, d) == pytest.approx(t, rel=1e-12)
    assert pc.distance_from_pace(pace, t) == pytest.approx(d, rel=1e-12)
    assert pc.pace_from_speed(speed) == pytest.approx(pace, rel=1e-12)
    assert pc.pace_conversions(pace)[0] == pytest.approx(speed, rel=1e-12)


def test_registered_pacing_models_validate():
    reg = Registry.default()
    with pytest.raises(InvalidValueError) as e:
        reg.get("pacing.time_from_pace").evaluate(pace=10.0, distance=5000.0)
    assert e.value.parameter == "pace" and e.value.valid_range == (50.0, 7200.0)
    with pytest.warns(ValidityWarning, match="pace"):
        reg.get("pacing.time_from_pace").evaluate(pace=1800.0, distance=5000.0)
    with pytest.raises(InvalidValueError) as e:
        reg.get("pacing.interval_session").evaluate(reps=0, rep_distance=400.0, rep_time=90.0)
    assert e.value.parameter == "reps"
    with pytest.raises(InvalidValueError) as e:
        reg.get("pacing.interval_session").evaluate(reps=2.5, rep_distance=400.0, rep_time=90.0)
    assert e.value.parameter == "reps"
