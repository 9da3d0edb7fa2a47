"""Quantities: parse what athletes write, convert, and format it back.

One module, used everywhere. Internally and in every machine-readable output the
library uses one canonical vocabulary of units (:data:`CANONICAL_UNITS`):

``s, m, m/s, s/km, degC, Pa, kg/m^3, kg, m, m^2, N, W, W/kg, J/kg/m, 1, %, points``

Parsers accept the notations people type (``9.58``, ``19:57``, ``1:31:35``, ``2h05m``,
``8:30/mi``, ``5:16 per km``, ``5K``, ``half marathon``, ``-1.2``, ``2 m/s headwind``,
``5000 ft``, ``77°F``, ``29.92 inHg``, ``5'10"`` ...) and return floats in canonical
units, or raise :class:`~sprint_solver.errors.UnitError`.

Athletics rounding is explicit: :func:`round_up_time` rounds a time *up* to the
next 0.01 s (or 0.1 s for hand timing), as the rules require, and
:func:`floor_points` truncates scoring-table points. Neither is ``round``.

References
----------
.. [1] World Athletics Technical Rules, TR 19 (timing, rounding of times).
.. [2] NIST SP 811: 1 international mile = 1609.344 m, 1 ft = 0.3048 m,
       1 lb = 0.45359237 kg, 1 mmHg = 133.322387415 Pa, 1 inHg = 3386.389 Pa.
"""
from __future__ import annotations

import math
import re
from typing import Callable

import numpy as np

from .errors import UnitError

# --- constants -----------------------------------------------------------------------
MILE = 1609.344  #: m, international mile
KM = 1000.0
YARD = 0.9144
FOOT = 0.3048
INCH = 0.0254
POUND = 0.45359237
MMHG = 133.322387415
INHG = 3386.389
MARATHON = 42195.0
HALF_MARATHON = 21097.5

CANONICAL_UNITS = ("s", "m", "m/s", "s/km", "degC", "Pa", "kg/m^3", "kg", "m^2", "N", "W",
                   "W/kg", "m/s^2", "N/kg", "J/kg/m", "1", "%", "points", "mL/kg/min",
                   "kg/m", "1/s")

#: physical dimension of each canonical unit (used to pick formatters)
DIMENSION = {
    "s": "time", "m": "length", "m/s": "speed", "s/km": "pace", "degC": "temperature",
    "Pa": "pressure", "kg/m^3": "density", "kg": "mass", "m^2": "area", "N": "force",
    "W": "power", "W/kg": "specific_power", "m/s^2": "acceleration", "N/kg": "specific_force",
    "J/kg/m": "energy_cost", "1": "dimensionless", "%": "percent", "points": "points",
    "mL/kg/min": "vo2", "kg/m": "drag_constant", "1/s": "rate",
}

_NUM = r"[-+\u2212]?\d+(?:[.,]\d+)?|[-+\u2212]?\.\d+"


def _num(s: str) -> float:
    s = s.strip().replace("\u2212", "-").replace(",", ".")
    return float(s)


def _clean(text: str) -> str:
    if not isinstance(text, str):
        raise UnitError(f"expected a string, got {type(text).__name__}", value=text)
    if len(text) > 200:
        raise UnitError("quantity text too long (max 200 characters)", value=text[:40] + "...")
    return (text.strip().lower().replace("\u2212", "-").replace("\u2019", "'")
            .replace("\u201d", '"').replace("\u2032", "'").replace("\u2033", '"'))


def _finite(x: float, what: str, text: str) -> float:
    if not math.isfinite(x):
        raise UnitError(f"{what} must be a finite number, got {text!r}", parameter=what, value=text)
    return x


# --- times ---------------------------------------------------------------------------
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:[.,]\d+)?)$")
_HMS = re.compile(
    r"^(?:(\d+(?:[.,]\d+)?)\s*(?:h|hr|hrs|hours?))?\s*"
    r"(?:(\d+(?:[.,]\d+)?)\s*(?:m|min|mins|minutes?|'))?\s*"
    r"(?:(\d+(?:[.,]\d+)?)\s*(?:s|sec|secs|seconds?|\"))?$")


def parse_time(text: str | float) -> float:
    """Parse a duration and return seconds.

    Accepts ``9.58``, ``10.2s``, ``19:57``, ``1:31:35``, ``3:54.2``, ``2h05m``,
    ``2h 5m 30s``, ``45 min``, ``90 seconds``, ``1.5 hours``. A bare number is seconds.
    """
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return _check_time(float(text), str(text))
    t = _clean(text)
    if not t:
        raise UnitError("empty time", parameter="time", value=text)
    m = _CLOCK.match(t.replace(" ", ""))
    if m:
        h = int(m.group(1) or 0)
        mi = int(m.group(2))
        s = _num(m.group(3))
        if s >= 60 or (m.group(1) is not None and mi >= 60):
            raise UnitError(f"invalid clock time {text!r}: minutes/seconds must be < 60",
                            parameter="time", value=text)
        return _check_time(h * 3600 + mi * 60 + s, text)
    m = re.fullmatch(rf"({_NUM})\s*(?:s|sec|secs|seconds?)?", t)
    if m:
        return _check_time(_num(m.group(1)), text)
    m = _HMS.match(t)
    if m and any(m.groups()):
        h, mi, s = (_num(g) if g else 0.0 for g in m.groups())
        return _check_time(h * 3600 + mi * 60 + s, text)
    raise UnitError(f"cannot read a time from {text!r} (try 9.58, 19:57, 1:31:35 or 2h05m)",
                    parameter="time", value=text)


def _check_time(x: float, text: str) -> float:
    _finite(x, "time", text)
    if x < 0:
        raise UnitError(f"a time cannot be negative: {text!r}", parameter="time", value=text,
                        valid_range=(0, None), unit="s")
    return x


# --- distances -----------------------------------------------------------------------
_NAMED_DISTANCES = {
    "marathon": MARATHON, "full marathon": MARATHON, "half marathon": HALF_MARATHON,
    "half-marathon": HALF_MARATHON, "half": HALF_MARATHON, "mile": MILE, "one mile": MILE,
    "the mile": MILE, "a mile": MILE, "metric mile": 1500.0, "5k": 5000.0, "10k": 10000.0,
    "hm": HALF_MARATHON, "50k": 50000.0, "100k": 100000.0,
}
_LENGTH_UNITS: dict[str, float] = {
    "m": 1.0, "meter": 1.0, "meters": 1.0, "metre": 1.0, "metres": 1.0, "mtr": 1.0,
    "km": KM, "k": KM, "kms": KM, "kilometer": KM, "kilometers": KM, "kilometre": KM,
    "kilometres": KM, "mi": MILE, "mile": MILE, "miles": MILE, "yd": YARD, "yard": YARD,
    "yards": YARD, "ft": FOOT, "feet": FOOT, "foot": FOOT, "cm": 0.01, "in": INCH,
    "inch": INCH, "inches": INCH,
}
_LENGTH_RE = re.compile(rf"^({_NUM})\s*-?\s*([a-z]+)?$")


def parse_distance(text: str | float, default_unit: str = "m") -> float:
    """Parse a race or run distance and return metres.

    Accepts ``100m``, ``100 metres``, ``5K``, ``10 km``, ``5 miles``, ``half marathon``,
    ``marathon``, ``400 yards``. A bare number is in ``default_unit``.
    """
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return _check_positive(float(text) * _LENGTH_UNITS[default_unit], "distance", str(text))
    t = _clean(text).replace(",", "") if re.search(r"\d,\d{3}", str(text)) else _clean(text)
    if t in _NAMED_DISTANCES:
        return _NAMED_DISTANCES[t]
    m = _LENGTH_RE.match(t)
    if m:
        unit = m.group(2) or default_unit
        if unit not in _LENGTH_UNITS:
            raise UnitError(f"unknown distance unit {unit!r} in {text!r}", parameter="distance",
                            value=text)
        return _check_positive(_num(m.group(1)) * _LENGTH_UNITS[unit], "distance", text)
    raise UnitError(f"cannot read a distance from {text!r} (try 100m, 5K, 10 km, 5 miles, "
                    "half marathon)", parameter="distance", value=text)


def _check_positive(x: float, what: str, text: str) -> float:
    _finite(x, what, text)
    if x <= 0:
        raise UnitError(f"{what} must be positive: {text!r}", parameter=what, value=text,
                        valid_range=(0, None))
    return x


def parse_length(text: str | float, default_unit: str = "m") -> float:
    """Parse a length (altitude, height) and return metres; allows zero and negatives."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return _finite(float(text) * _LENGTH_UNITS[default_unit], "length", str(text))
    t = _clean(text).replace(",", "") if re.search(r"\d,\d{3}", str(text)) else _clean(text)
    m = _LENGTH_RE.match(t)
    if m:
        unit = m.group(2) or default_unit
        if unit not in _LENGTH_UNITS:
            raise UnitError(f"unknown length unit {unit!r} in {text!r}", parameter="length",
                            value=text)
        return _finite(_num(m.group(1)) * _LENGTH_UNITS[unit], "length", text)
    raise UnitError(f"cannot read a length from {text!r}", parameter="length", value=text)


def parse_altitude(text: str | float) -> float:
    """Parse an altitude (``1500 m``, ``7,350 ft``, ``2250``) and return metres."""
    return parse_length(text, "m")


_FT_IN = re.compile(r"^(\d+)\s*(?:'|ft|feet|foot)\s*(?:(\d+(?:\.\d+)?)\s*(?:\"|''|in|inches|inch)?)?$")


def parse_height(text: str | float) -> float:
    """Parse body height (``1.80 m``, ``180 cm``, ``5'10"``, ``5 ft 10 in``, ``70 in``), metres.

    A bare number above 3 is read as centimetres, otherwise as metres.
    """
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        x = float(text)
        return _check_positive(x / 100 if x > 3 else x, "height", str(text))
    t = _clean(text)
    m = _FT_IN.match(t)
    if m:
        return _check_positive(int(m.group(1)) * FOOT + float(m.group(2) or 0) * INCH, "height", text)
    m = re.fullmatch(rf"({_NUM})", t)
    if m:
        return parse_height(_num(m.group(1)))
    return _check_positive(parse_length(t), "height", text)


_MASS_UNITS = {"kg": 1.0, "kgs": 1.0, "kilo": 1.0, "kilos": 1.0, "kilogram": 1.0, "kilograms": 1.0,
               "lb": POUND, "lbs": POUND, "pound": POUND, "pounds": POUND, "g": 1e-3}


def parse_mass(text: str | float) -> float:
    """Parse body mass (``70 kg``, ``154 lb``) and return kilograms (bare numbers: kg)."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return _check_positive(float(text), "mass", str(text))
    t = _clean(text)
    m = re.fullmatch(rf"({_NUM})\s*([a-z]+)?", t)
    if m and (m.group(2) is None or m.group(2) in _MASS_UNITS):
        return _check_positive(_num(m.group(1)) * _MASS_UNITS.get(m.group(2) or "kg"), "mass", text)
    raise UnitError(f"cannot read a mass from {text!r} (try 70 kg or 154 lb)", parameter="mass",
                    value=text)


# --- speeds, paces, winds ------------------------------------------------------------
_SPEED_UNITS = {"m/s": 1.0, "mps": 1.0, "ms": 1.0, "m s-1": 1.0, "km/h": 1 / 3.6, "kmh": 1 / 3.6,
                "kph": 1 / 3.6, "km/hr": 1 / 3.6, "mph": MILE / 3600, "mi/h": MILE / 3600,
                "knots": 1852 / 3600, "knot": 1852 / 3600, "kt": 1852 / 3600, "kn": 1852 / 3600,
                "meters per second": 1.0, "metres per second": 1.0,
                "kilometers per hour": 1 / 3.6, "kilometres per hour": 1 / 3.6,
                "miles per hour": MILE / 3600}


def parse_speed(text: str | float, default_unit: str = "m/s") -> float:
    """Parse a speed (``10 m/s``, ``36 km/h``, ``15 mph``) and return m/s (signed)."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return _finite(float(text) * _SPEED_UNITS[default_unit], "speed", str(text))
    t = _clean(text)
    m = re.fullmatch(rf"({_NUM})\s*(.*)", t)
    if m:
        unit = m.group(2).strip() or default_unit
        if unit in _SPEED_UNITS:
            return _finite(_num(m.group(1)) * _SPEED_UNITS[unit], "speed", text)
    raise UnitError(f"cannot read a speed from {text!r} (try 10 m/s, 36 km/h, 15 mph)",
                    parameter="speed", value=text)


_HEAD = re.compile(r"\b(head\s*-?\s*winds?|into|against|adverse|opposing|facing)\b")
_TAIL = re.compile(r"\b(tail\s*-?\s*winds?|following|assist(?:ed|ing)?|behind|with|favou?rable|"
                   r"helping|back\s*wind)\b")


def parse_wind(text: str | float) -> float:
    """Parse a wind reading and return m/s, tail wind positive.

    Accepts ``+2.0``, ``-0.4``, ``2 m/s headwind``, ``tailwind of 1.8 m/s``,
    ``into a 3 mph wind``. An unsigned number with no direction word is read as given
    (World Athletics convention: positive = tail wind).
    """
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return _finite(float(text), "wind", str(text))
    t = _clean(text)
    head = bool(_HEAD.search(t))
    tail = bool(_TAIL.search(t))
    if head and tail:
        raise UnitError(f"wind {text!r} names both a head and a tail wind", parameter="wind",
                        value=text)
    m = re.search(rf"({_NUM})\s*(m/s|mps|km/h|kmh|kph|mph|knots?|kt|meters per second|"
                  r"metres per second|miles per hour)?", t)
    if not m:
        raise UnitError(f"cannot read a wind from {text!r} (try +1.5 or 2 m/s headwind)",
                        parameter="wind", value=text)
    v = _num(m.group(1)) * _SPEED_UNITS[m.group(2) or "m/s"]
    if head:
        v = -abs(v)
    elif tail:
        v = abs(v)
    return _finite(v, "wind", text)


_PACE_UNIT = re.compile(r"(?:min(?:utes)?\s*)?(?:/|per|a|every)\s*(mi|mile|km|k|kilometer|kilometre|"
                        r"400\s*m?|400m|lap)\b|min/(mi|mile|km)|(mi|km)\s*pace|\b(mile|km)\b")


def parse_pace(text: str | float, default_unit: str | None = None) -> float:
    """Parse a pace and return seconds per kilometre.

    Accepts ``8:30/mi``, ``8:30 per mile``, ``5:16 per km``, ``4:00 min/km``,
    ``4:00/km``, ``75 s/400m``. If no unit is written, ``default_unit`` ("mi" or "km")
    is used, and without it an error is raised rather than a guess.
    """
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        if default_unit is None:
            raise UnitError("a pace needs a unit (per km or per mile)", parameter="pace", value=text)
        return _pace_to_s_per_km(float(text), default_unit, str(text))
    t = _clean(text)
    m = re.match(r"^\s*(\d+:\d{1,2}(?:[.,]\d+)?|\d+(?:[.,]\d+)?)\s*(?:s|sec|min|mins)?\s*(.*)$", t)
    if not m:
        raise UnitError(f"cannot read a pace from {text!r} (try 8:30/mi or 5:16 per km)",
                        parameter="pace", value=text)
    raw, rest = m.group(1), m.group(2)
    if ":" in raw:
        secs = parse_time(raw)
    else:
        # "7 min/km" is minutes, "75 s/400m" is seconds
        val = _num(raw)
        secs = val if re.match(r"^\s*\d+(?:[.,]\d+)?\s*(s|sec)\b", t) else val * 60
    unit = default_unit
    u = _PACE_UNIT.search(rest) if rest else None
    if u:
        tok = next(g for g in u.groups() if g)
        tok = tok.replace(" ", "")
        unit = {"mile": "mi", "k": "km", "kilometer": "km", "kilometre": "km", "400": "400m",
                "lap": "400m"}.get(tok, tok)
    if unit is None:
        raise UnitError(f"pace {text!r} has no unit: say per mile or per km", parameter="pace",
                        value=text)
    return _pace_to_s_per_km(secs, unit, text)


def _pace_to_s_per_km(secs: float, unit: str, text: str) -> float:
    per = {"mi": MILE, "km": KM, "400m": 400.0, "m": 1.0}.get(unit)
    if per is None:
        raise UnitError(f"unknown pace unit {unit!r}", parameter="pace", value=text)
    return _check_positive(secs * KM / per, "pace", text)


def pace_from_speed(speed_m_s: float | np.ndarray) -> float | np.ndarray:
    """Pace in s/km from speed in m/s."""
    return KM / np.asarray(speed_m_s) if isinstance(speed_m_s, np.ndarray) else KM / speed_m_s


def speed_from_pace(pace_s_per_km: float | np.ndarray) -> float | np.ndarray:
    """Speed in m/s from pace in s/km."""
    return KM / np.asarray(pace_s_per_km) if isinstance(pace_s_per_km, np.ndarray) else KM / pace_s_per_km


# --- temperature, humidity, pressure, grade ------------------------------------------
_TEMP = re.compile(rf"^({_NUM})\s*(?:°|º|deg(?:rees?)?)?\s*(c|f|k|celsius|fahrenheit|kelvin|"
                   r"centigrade)?$")


def parse_temperature(text: str | float, default_unit: str = "C") -> float:
    """Parse a temperature (``25°C``, ``77 F``, ``77 degrees fahrenheit``) and return °C."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return _temp_to_c(float(text), default_unit, str(text))
    t = _clean(text)
    m = _TEMP.match(t)
    if not m:
        raise UnitError(f"cannot read a temperature from {text!r} (try 25°C or 77°F)",
                        parameter="temperature", value=text)
    unit = (m.group(2) or default_unit)[0].upper()
    return _temp_to_c(_num(m.group(1)), unit, text)


def _temp_to_c(x: float, unit: str, text: str) -> float:
    _finite(x, "temperature", text)
    c = {"C": x, "F": (x - 32) * 5 / 9, "K": x - 273.15}[unit.upper()[0]]
    if c < -273.15:
        raise UnitError(f"temperature below absolute zero: {text!r}", parameter="temperature",
                        value=text, valid_range=(-273.15, None), unit="degC")
    return c


def c_to_f(c: float) -> float:
    return c * 9 / 5 + 32


def f_to_c(f: float) -> float:
    return (f - 32) * 5 / 9


def parse_humidity(text: str | float) -> float:
    """Parse relative humidity (``60%``, ``0.6``, ``60``) and return percent (0-100)."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        x = float(text)
    else:
        t = _clean(text)
        m = re.fullmatch(rf"({_NUM})\s*(%|percent|pct)?\s*(?:rh|relative humidity|humidity)?", t)
        if not m:
            raise UnitError(f"cannot read a relative humidity from {text!r}", parameter="humidity",
                            value=text)
        x = _num(m.group(1))
        if m.group(2):
            return _check_rh(x, text)
    return _check_rh(x * 100 if 0 <= x <= 1 else x, str(text))


def _check_rh(x: float, text: str) -> float:
    _finite(x, "relative_humidity", text)
    if not 0 <= x <= 100:
        raise UnitError(f"relative humidity must be 0-100 %, got {text!r}",
                        parameter="relative_humidity", value=text, valid_range=(0, 100), unit="%")
    return x


_PRESSURE_UNITS = {"pa": 1.0, "hpa": 100.0, "mbar": 100.0, "mb": 100.0, "millibar": 100.0,
                   "kpa": 1000.0, "bar": 1e5, "mmhg": MMHG, "torr": MMHG, "inhg": INHG,
                   "in hg": INHG, "atm": 101325.0}


def parse_pressure(text: str | float, default_unit: str = "Pa") -> float:
    """Parse a pressure (``1013 hPa``, ``760 mmHg``, ``29.92 inHg``) and return Pa."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return _check_positive(float(text) * _PRESSURE_UNITS[default_unit.lower()], "pressure", str(text))
    t = _clean(text)
    m = re.fullmatch(rf"({_NUM})\s*([a-z ]+)?", t)
    if m:
        unit = (m.group(2) or default_unit).strip().lower()
        if unit in _PRESSURE_UNITS:
            return _check_positive(_num(m.group(1)) * _PRESSURE_UNITS[unit], "pressure", text)
    raise UnitError(f"cannot read a pressure from {text!r} (try 1013 hPa, 760 mmHg, 29.92 inHg)",
                    parameter="pressure", value=text)


def parse_grade(text: str | float) -> float:
    """Parse a gradient (``5%``, ``-3 %``, ``0.05``) and return percent.

    A bare number with magnitude <= 0.6 and a decimal point is read as a fraction.
    """
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return _finite(float(text), "grade", str(text))
    t = _clean(text)
    m = re.fullmatch(rf"({_NUM})\s*(%|percent|pct)?\s*(?:grade|gradient|incline|slope)?", t)
    if not m:
        raise UnitError(f"cannot read a grade from {text!r} (try 5% or -3%)", parameter="grade",
                        value=text)
    x = _num(m.group(1))
    if not m.group(2) and "." in m.group(1) and abs(x) <= 0.6:
        x *= 100
    return _finite(x, "grade", text)


# --- generic conversion --------------------------------------------------------------
#: factor to canonical unit, per accepted unit spelling
UNIT_FACTORS: dict[str, tuple[str, float]] = {
    **{u: ("m", f) for u, f in _LENGTH_UNITS.items()},
    **{u: ("m/s", f) for u, f in _SPEED_UNITS.items()},
    **{u: ("kg", f) for u, f in _MASS_UNITS.items()},
    **{u: ("Pa", f) for u, f in _PRESSURE_UNITS.items()},
    "s": ("s", 1.0), "min": ("s", 60.0), "h": ("s", 3600.0),
    "s/km": ("s/km", 1.0), "s/mi": ("s/km", KM / MILE), "min/km": ("s/km", 60.0),
    "min/mi": ("s/km", 60 * KM / MILE),
}


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert ``value`` between two multiplicative units of the same dimension.

    Temperatures are affine and are handled for ``degC``/``degF``/``K``.
    """
    temps = {"degc": "C", "c": "C", "degf": "F", "f": "F", "k": "K"}
    fu, tu = from_unit.lower(), to_unit.lower()
    if fu in temps and tu in temps:
        c = _temp_to_c(value, temps[fu], str(value))
        return {"C": c, "F": c_to_f(c), "K": c + 273.15}[temps[tu]]
    try:
        (fd, ff), (td, tf) = UNIT_FACTORS[from_unit] if from_unit in UNIT_FACTORS else UNIT_FACTORS[fu], \
            UNIT_FACTORS[to_unit] if to_unit in UNIT_FACTORS else UNIT_FACTORS[tu]
    except KeyError as e:
        raise UnitError(f"unknown unit {e.args[0]!r}") from None
    if fd != td:
        raise UnitError(f"cannot convert {from_unit} to {to_unit}: different dimensions")
    return value * ff / tf


# --- athletics rounding and formatting -------------------------------------------------
def round_up_time(t: float | np.ndarray, resolution: float = 0.01) -> float | np.ndarray:
    """Round a time *up* to the next ``resolution`` (0.01 s FAT, 0.1 s hand), per WA TR 19.

    A tolerance of 1e-9 s keeps exact values such as 10.13 from being pushed to 10.14
    by binary floating point.
    """
    steps = np.ceil(np.asarray(t, dtype=float) / resolution - 1e-9)
    out = np.round(steps * resolution, 10)
    return float(out) if np.ndim(out) == 0 else out


def truncate_time(t: float | np.ndarray, resolution: float = 0.01) -> float | np.ndarray:
    """Truncate (floor) a time to ``resolution``, as Mureika's calculator displays results."""
    steps = np.floor(np.asarray(t, dtype=float) / resolution + 1e-9)
    out = np.round(steps * resolution, 10)
    return float(out) if np.ndim(out) == 0 else out


def floor_points(p: float | np.ndarray) -> int | np.ndarray:
    """Scoring tables truncate points to an integer (World Athletics, combined events)."""
    out = np.floor(np.asarray(p, dtype=float) + 1e-9).astype(int)
    return int(out) if np.ndim(out) == 0 else out


def format_time(seconds: float, decimals: int | None = None) -> str:
    """Format a duration the way athletes write it.

    Below one minute: ``9.58`` (2 decimals by default); below one hour: ``19:57``
    or ``3:49.6``; otherwise ``1:31:35``. ``decimals`` sets the fractional digits
    (default 2 below a minute, 0 above, 1 for 60-600 s when the value is fractional).
    Rounding is to nearest for display; use :func:`round_up_time` for official marks.
    """
    if seconds is None or not math.isfinite(seconds):
        return "n/a"
    sign = "-" if seconds < 0 else ""
    s = abs(seconds)
    if decimals is None:
        decimals = 2 if s < 60 else 0
    scale = 10 ** decimals
    total = round(s * scale) / scale
    if total < 60:
        return f"{sign}{total:.{decimals}f}"
    h, rem = divmod(total, 3600)
    mi, sec = divmod(rem, 60)
    w = 3 + decimals if decimals else 2
    sec_s = f"{sec:0{w}.{decimals}f}"
    if h >= 1:
        return f"{sign}{int(h)}:{int(mi):02d}:{sec_s}"
    return f"{sign}{int(mi)}:{sec_s}"


#: metres per pace unit of :func:`format_pace`
_PACE_UNITS = {"km": KM, "mi": MILE, "400m": 400.0}


def format_pace(pace_s_per_km: float, unit: str = "km", decimals: int = 0) -> str:
    """Format a pace given in s/km as ``m:ss/km`` or ``m:ss/mi``."""
    per = _PACE_UNITS[unit]
    secs = pace_s_per_km * per / KM
    return f"{format_time(secs, decimals if secs >= 60 else max(decimals, 1))}/{unit}"


def format_value(value: float, unit: str, decimals: int | None = None) -> str:
    """Human display of a canonical value: ``10.13 s``, ``1:31:35``, ``5:16/km``, ``1.199 kg/m^3``."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    if unit == "s":
        if abs(value) >= 60:
            return format_time(value, decimals if decimals is not None else (1 if abs(value) < 600 and abs(value - round(value)) > 0.05 else 0))
        return f"{value:.{2 if decimals is None else decimals}f} s"
    if unit == "s/km":
        return f"{format_pace(value, 'km')} ({format_pace(value, 'mi')})"
    if unit == "points":
        return f"{int(value)} points"
    if unit == "1":
        return f"{value:.{4 if decimals is None else decimals}g}"
    if unit == "%":
        return f"{value:.{2 if decimals is None else decimals}f} %"
    d = 3 if decimals is None else decimals
    return f"{value:.{d}f} {unit}"


#: parser per quantity kind, for generic use by the solver and the tools
PARSERS: dict[str, Callable[[str], float]] = {
    "time": parse_time, "distance": parse_distance, "pace": parse_pace, "speed": parse_speed,
    "wind": parse_wind, "altitude": parse_altitude, "temperature": parse_temperature,
    "humidity": parse_humidity, "pressure": parse_pressure, "grade": parse_grade,
    "mass": parse_mass, "height": parse_height, "length": parse_length,
}


def parse_quantity(kind: str, text: str | float) -> float:
    """Parse ``text`` as a quantity of ``kind`` (a key of :data:`PARSERS`), canonical units."""
    try:
        return PARSERS[kind](text)
    except KeyError:
        raise UnitError(f"unknown quantity kind {kind!r}; known: {sorted(PARSERS)}") from None
