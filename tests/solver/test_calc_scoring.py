"""The points calculation (World Athletics and combined-events tables)."""
from __future__ import annotations

import pytest

from sprint_solver.errors import InvalidValueError, MissingParameterError
from sprint_solver.solver.calculations import CALCULATIONS, load_all
from sprint_solver.solver.calculations.scoring import normalize_event
from sprint_solver.solver.core import solve
from sprint_solver.solver.solution import Solution


def run(**params) -> Solution:
    s = solve({"calculation": "points", "params": params})
    v = s.verify()
    assert v.ok, v.mismatches
    # the recorded request reproduces the solution (it is the tool-call arguments)
    assert solve(s.request).value == s.value
    return s


def test_p1():
    # physics_anchors.md P1 [2ND]: men 100 m 10.71 = 974 (2017 tables)
    s = run(event="100m", time=10.71, edition="2017")
    assert s.value == 974 and s.result.display == "974 points"
    assert "2017" in s.method


def test_p2_hand_timed():
    # physics_anchors.md P2 [CODE GlaivePro]: men 200 m 21.61 hand timed = 946 (2017)
    s = run(event="200 m", time="21.61", hand_timed=True, edition=2017)
    assert s.value == 946
    assert any(st.output == "time_scored" and st.value == pytest.approx(21.85) for st in s.trace)


def test_p3_combined():
    # physics_anchors.md P3 [CALC/RECALL]: decathlon 100 m 10.395 = 1000
    s = run(event="100 metres", time=10.395, table="combined")
    assert s.value == 1000
    assert "combined" in s.method


def test_wa_2022_and_indoor_default():
    # GlaivePro Wa2022Test [CODE]: men 100 m 11.15 = 842; indoor 60 m 7.19 = 845 (indoor chosen automatically)
    assert run(event="100m", time=11.15).value == 842
    s = run(event="60m", time=7.19)
    assert s.value == 845 and s.params["venue"].value == "indoor"
    assert run(event="60m", time=6.63, table="combined").value > 1000


def test_women_and_aliases():
    # calculator_peers.md 2.7 [peer]: women 100 m 12.78 = 843 (2022); combined women 400 m hand 59.0 = 734
    assert run(event="100", time=12.78, sex="women").value == 843
    assert run(event="400m", time=59.0, sex="female", table="combined", hand_timed=True).value == 734
    assert run(event="half marathon", time="59:00").value > 1200
    assert run(event="3000m steeplechase", time="8:00.00").value > 1200


def test_zero_point():
    s = run(event="100m", time=18.0)
    assert s.value == 0 and s.warnings


@pytest.mark.parametrize("text, key", [
    ("100m", "100m"), ("100 metres", "100m"), ("110m hurdles", "110mH"), ("400 H", "400mH"),
    ("3000m steeplechase", "3000mSt"), ("half marathon", "half_marathon"), ("Mile", "mile"), ("5K", "5km"),
    ("10 km", "10km"), ("marathon", "marathon"), ("60mH", "60mH"), (200, "200m"),
])
def test_normalize_event(text, key):
    assert normalize_event(text) == key


@pytest.mark.parametrize("params, err, param", [
    ({"event": "javelin", "time": 10.0}, InvalidValueError, "event"),
    ({"event": "110mH", "time": 13.0, "sex": "women"}, InvalidValueError, "event"),
    ({"event": "800m", "time": 120.0, "table": "combined"}, InvalidValueError, "event"),
    ({"event": "100m", "time": 0.2}, InvalidValueError, "time"),
    ({"event": "100m", "time": 10.0, "edition": "2025"}, InvalidValueError, "edition"),
    ({"event": "100m"}, MissingParameterError, "time"),
])
def test_bad_inputs(params, err, param):
    with pytest.raises(err) as e:
        solve({"calculation": "points", "params": params})
    assert e.value.parameter == param


def test_time_range_named():
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "points", "params": {"event": "100m", "time": 0.2}})
    assert e.value.valid_range == (1.0, 100000.0)


def test_examples():
    load_all()
    assert 3 <= len(CALCULATIONS["points"].examples) <= 5


@pytest.mark.parametrize("bad", [[1, 2], {"a": 1}, True, None])
def test_non_text_event_is_a_clear_error(bad):
    # found by the call_tool fuzz test: a list reached float() and escaped as a TypeError
    with pytest.raises(InvalidValueError, match="event"):
        normalize_event(bad)
    assert normalize_event(100) == "100m"
