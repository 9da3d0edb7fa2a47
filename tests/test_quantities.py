"""Quantities: parsing, formatting and athletics rounding."""
import math

import pytest
from hypothesis import given, strategies as st

from sprint_solver import quantities as q
from sprint_solver.errors import SolverError, UnitError


@pytest.mark.parametrize("text,expected", [
    ("9.58", 9.58), ("10.2s", 10.2), ("19:57", 1197), ("1:31:35", 5495), ("2h05m", 7500),
    ("2h 5m 30s", 7530), ("45 min", 2700), ("90 seconds", 90), ("3:54.2", 234.2), ("3:54,2", 234.2),
    ("1.5 hours", 5400), ("0:12", 12), ("1:17:21", 4641),  # Runalyze DurationTest [peer]
    ("1:01:10.1", 3670.1),  # athlib parse_hms [peer]
])
def test_parse_time(text, expected):
    assert q.parse_time(text) == pytest.approx(expected)


@pytest.mark.parametrize("bad", ["", "abc", "1:75", "-3", "1:2:3:4", "nan", "slow"])
def test_parse_time_rejects(bad):
    with pytest.raises(UnitError):
        q.parse_time(bad)


@pytest.mark.parametrize("text,expected", [
    ("100m", 100), ("100 metres", 100), ("5K", 5000), ("10 km", 10000), ("5 miles", 5 * 1609.344),
    ("half marathon", 21097.5), ("marathon", 42195), ("1mi", 1609.344), (".5mi", 804.672),
    ("400 yards", 365.76), ("1,500 m", 1500),
])
def test_parse_distance(text, expected):
    assert q.parse_distance(text) == pytest.approx(expected)


@pytest.mark.parametrize("text,expected_s_per_km", [
    ("8:30/mi", 510 / 1.609344), ("8:30 per mile", 510 / 1.609344), ("5:16 per km", 316),
    ("4:00 min/km", 240), ("4:00/km", 240), ("7 min/km", 420), ("75 s/400m", 187.5),
])
def test_parse_pace(text, expected_s_per_km):
    assert q.parse_pace(text) == pytest.approx(expected_s_per_km)


def test_pace_without_unit_is_an_error_not_a_guess():
    with pytest.raises(UnitError, match="unit"):
        q.parse_pace("8:30")
    assert q.parse_pace("8:30", default_unit="mi") == pytest.approx(316.899, abs=0.001)


@pytest.mark.parametrize("text,expected", [
    ("+2.0", 2.0), ("-0.4", -0.4), ("2 m/s headwind", -2.0), ("tailwind of 1.8 m/s", 1.8),
    ("into a 3 m/s wind", -3.0), ("2m/s head wind", -2.0), ("\u22121.2", -1.2), ("10 mph tailwind", 4.4704),
])
def test_parse_wind(text, expected):
    assert q.parse_wind(text) == pytest.approx(expected)


def test_parse_others():
    assert q.parse_altitude("7,350 ft") == pytest.approx(2240.28)
    assert q.parse_temperature("77°F") == pytest.approx(25.0)
    assert q.parse_temperature("25 C") == 25.0
    assert q.parse_pressure("760 mmHg") == pytest.approx(101325, rel=1e-5)
    assert q.parse_pressure("29.92 inHg") == pytest.approx(101320, rel=1e-4)
    assert q.parse_pressure("1013.25 hPa") == pytest.approx(101325)
    assert q.parse_humidity("60%") == 60 and q.parse_humidity(0.6) == 60
    assert q.parse_grade("5%") == 5 and q.parse_grade("-3 %") == -3 and q.parse_grade("0.05") == 5
    assert q.parse_mass("154 lb") == pytest.approx(69.853, abs=1e-3)
    assert q.parse_height("5'10\"") == pytest.approx(1.778)
    assert q.parse_height("180 cm") == pytest.approx(1.8)
    assert q.parse_height(180) == pytest.approx(1.8)
    assert q.parse_speed("36 km/h") == pytest.approx(10)
    with pytest.raises(UnitError):
        q.parse_temperature("-300 C")
    with pytest.raises(UnitError):
        q.parse_humidity("120%")


def test_mile_is_exact():
    assert q.MILE == 1609.344
    assert q.convert(1, "mi", "m") == 1609.344


def test_athletics_rounding_is_explicit():
    assert q.round_up_time(10.131) == 10.14
    assert q.round_up_time(10.13) == 10.13  # exact values are not pushed up by float error
    assert q.round_up_time(10.87, 0.1) == 10.9
    assert q.truncate_time(9.6252) == 9.62
    assert q.floor_points(974.99) == 974
    assert round(10.125, 2) != q.round_up_time(10.125)  # not an accident of round()


@pytest.mark.parametrize("secs,text", [(9.58, "9.58"), (1197, "19:57"), (5495, "1:31:35"),
                                       (11040.5, "3:04:00"), (59.999, "1:00.00")])
def test_format_time(secs, text):
    assert q.format_time(secs) == text


def test_format_pace():
    assert q.format_pace(q.parse_pace("6:09/mi"), "mi") == "6:09/mi"
    assert q.format_pace(316, "km") == "5:16/km"


@given(st.floats(min_value=1, max_value=200_000, allow_nan=False))
def test_time_format_parse_round_trip(t):
    assert q.parse_time(q.format_time(t, 2)) == pytest.approx(t, abs=0.006)


@given(st.floats(min_value=100, max_value=1200))
def test_pace_round_trip(p):
    for unit in ("km", "mi"):
        assert q.parse_pace(q.format_pace(p, unit, 2)) == pytest.approx(p, abs=0.02)


@given(st.text(max_size=60))
def test_parsers_raise_only_solver_errors(text):
    for parse in q.PARSERS.values():
        try:
            v = parse(text)
        except SolverError:
            continue
        assert math.isfinite(v)
