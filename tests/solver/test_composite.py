"""sprint_conditions: hand timing -> FAT, wind, altitude, temperature, composed in that order."""
from __future__ import annotations

import pytest

from sprint_solver import InvalidValueError, solve


def run(**params):
    return solve({"calculation": "sprint_conditions", "params": params})


def test_full_chain_verifies_and_adds_up():
    s = run(time=10.3, hand_timed=True, wind=1.5, altitude=1500, temperature=30)
    assert s.verify().ok
    fat = s.output("fat_time").value
    assert fat == pytest.approx(10.54)                       # physics_anchors.md h: ceil to 0.1 + 0.24
    parts = sum(s.output(k).value for k in ("wind_effect", "altitude_effect", "temperature_effect"))
    assert s.value == pytest.approx(fat + parts, abs=1e-12)
    assert s.output("total_change").value == pytest.approx(s.value - 10.3, abs=1e-12)
    # tail wind, altitude and warm air all helped: removing them makes the time slower
    assert all(s.output(k).value > 0 for k in ("wind_effect", "altitude_effect", "temperature_effect"))


def test_matches_wind_correction_without_temperature_change():
    a = run(time=10.0, wind=2.0, altitude=1000, temperature=25)
    b = solve({"calculation": "wind_correction", "params": {"time": 10.0, "wind": 2.0, "altitude": 1000}})
    assert a.value == pytest.approx(b.value, abs=1e-12)
    # physics_anchors.md a1 [CALC]: 10.00 s, +2.0 m/s, sea level -> 10.1008 (a = 0.028)
    assert run(time=10.0, wind=2.0).value == pytest.approx(10.1008, abs=1e-4)


def test_temperature_effect_magnitude():
    # Mureika (2006): about 0.01 s per 10 degC over 100 m with no wind (physics_anchors.md b2)
    s = run(time=10.0, temperature=35.0)
    assert 0.005 < s.output("temperature_effect").value < 0.015


def test_200m_chain_and_reverse_direction():
    fwd = run(event="200m", time=20.1, wind=1.2, altitude=1000, temperature=15, lane=6)
    assert fwd.verify().ok
    back = run(event="200m", time=fwd.value, wind=1.2, altitude=1000, temperature=15, lane=6,
               direction="from_reference")
    assert back.verify().ok
    assert back.value == pytest.approx(20.1, abs=0.01)


def test_reverse_100m_round_trip():
    fwd = run(time=10.0, wind=1.0, altitude=2240, temperature=30)
    back = run(time=fwd.value, wind=1.0, altitude=2240, temperature=30, direction="from_reference")
    assert back.verify().ok
    assert back.value == pytest.approx(10.0, abs=1e-6)


def test_hand_timing_only_forward():
    with pytest.raises(InvalidValueError) as e:
        run(time=10.0, hand_timed=True, direction="from_reference")
    assert e.value.parameter == "hand_timed"


def test_trace_order():
    s = run(time=10.3, hand_timed=True, wind=-1.0, altitude=800, temperature=12)
    titles = [t.title for t in s.trace]
    idx = [next(i for i, t in enumerate(titles) if t.startswith(p)) for p in
           ("Hand time", "Wind removed", "Wind and altitude removed", "Wind, altitude and temperature removed")]
    assert idx == sorted(idx)
