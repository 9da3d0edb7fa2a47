"""Realistic parameter distributions for generated questions.

Where the team has real data, a distribution is a table of quantiles computed from it
(the figures below; ``tests/trios/test_priors.py`` recomputes them from
``../shared/data`` and checks they still agree). Only these summary quantiles are
stored, never the data. Sampling is inverse-CDF with linear interpolation between the
knots, so draws stay inside the observed 5-95 % range unless a wider "club level"
component is mixed in on purpose (a dataset of only world-class marks would teach a
model that every 100 m is run in 10.2 s).

Sources (see each SOURCE.md):
- sprint marks and legal winds: World Athletics all-time lists (wa_toplists_sprint);
- race winds including illegal ones: Diamond League 2010-2023 race winds (727 races);
- heat winds and first-round marks: Munro (2022) World Championships round 1;
- venue altitudes: GeoNames via venue_altitudes (weighted by marks per venue);
- marathon weather and times: 406 US marathon race-days, NOAA GSOD (marathon_weather_us);
- body height/mass of team-sport athletes: Vescovi timing-gate data (sprint_velocity_profiles).
"""
from __future__ import annotations

import bisect
import itertools
import math
import random
from functools import lru_cache
from typing import Sequence, TypeVar

_T = TypeVar("_T")

#: probabilities of the knots below
KNOTS = (0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95)

_PS = (0.0, *KNOTS, 1.0)

#: variable -> quantiles at KNOTS, and where they come from
QUANTILES: dict[str, tuple[tuple[float, ...], str]] = {
    "mark_men_100m_elite": ((10.00, 10.05, 10.14, 10.21, 10.26, 10.29, 10.30), "wa_toplists_sprint/men_100m.csv Mark"),
    "mark_women_100m_elite": ((11.01, 11.09, 11.22, 11.35, 11.44, 11.48, 11.49), "wa_toplists_sprint/women_100m.csv Mark"),
    "mark_men_200m_elite": ((20.07, 20.19, 20.36, 20.52, 20.62, 20.67, 20.69), "wa_toplists_sprint/men_200m.csv Mark"),
    "mark_women_200m_elite": ((22.39, 22.60, 22.89, 23.16, 23.36, 23.45, 23.48), "wa_toplists_sprint/women_200m.csv Mark"),
    "mark_men_100m_heats": ((10.244, 10.30, 10.45, 10.64, 10.85, 11.184, 11.522), "munro_wc_round1/round1_100m.csv mark1 (Men)"),
    "mark_women_100m_heats": ((11.15, 11.26, 11.44, 11.725, 12.053, 12.576, 13.089), "munro_wc_round1/round1_100m.csv mark1 (Women)"),
    "mark_men_200m_heats": ((20.29, 20.43, 20.69, 21.11, 21.545, 21.934, 22.231), "munro_wc_round1/round1_200m.csv mark1 (Men)"),
    "mark_women_200m_heats": ((22.73, 22.87, 23.22, 23.81, 24.37, 24.86, 25.25), "munro_wc_round1/round1_200m.csv mark1 (Women)"),
    "wind_races": ((-1.3, -0.8, -0.3, 0.2, 0.9, 1.5, 2.0), "diamond_league_sprints wind_mps (one per race)"),
    "wind_heats": ((-1.6, -1.3, -0.5, 0.0, 0.6, 1.3, 1.7), "munro_wc_round1/round1_100m.csv wind1"),
    "reaction_time_heats": ((0.130, 0.137, 0.149, 0.164, 0.180, 0.200, 0.216), "munro_wc_round1/round1_100m.csv reactiontime"),
    "altitude_venues": ((6.0, 12.0, 26.0, 74.0, 233.0, 524.0, 884.0), "venue_altitudes altitude_m weighted by n_marks"),
    "temperature_marathon_f": ((40.9, 43.6, 49.95, 57.5, 63.8, 70.3, 74.7), "marathon_weather_us TEMP (daily mean, F)"),
    "humidity_marathon": ((28.8, 41.2, 54.8, 68.4, 78.0, 85.3, 89.0), "marathon_weather_us RELHUM (%)"),
    "pressure_marathon_hpa": ((1007.8, 1010.1, 1014.3, 1018.0, 1022.8, 1027.9, 1034.1), "marathon_weather_us SLP (mb)"),
    "marathon_men_win_s": ((7621, 7706, 7874, 8180, 8683, 8994, 9146), "marathon_weather_us Male Win"),
    "marathon_women_win_s": ((8552, 8634, 8913, 9376, 10110, 10520, 10760), "marathon_weather_us Female Win"),
    "marathon_average_s": ((14614, 15126, 15620, 16334, 17366, 19478, 20771), "marathon_weather_us Average Time"),
    "height_cm": ((158.1, 160.1, 163.6, 166.2, 171.1, 173.8, 175.7), "sprint_velocity_profiles/vescovi_timing_gates.csv Height"),
    "mass_kg": ((54.3, 55.8, 58.2, 61.6, 66.7, 70.5, 76.9), "sprint_velocity_profiles/vescovi_timing_gates.csv Bodyweight"),
}


def draw(rng: random.Random, name: str, lo: float | None = None, hi: float | None = None,
         tails: float = 0.0) -> float:
    """One draw from the quantile table ``name``.

    ``tails`` widens the outer knots by that fraction of the 5-95 % range, for a little
    mass beyond what the data showed; ``lo``/``hi`` clip the result.
    """
    q, _ = QUANTILES[name]
    return _interpolate(rng, _knot_values(q, tails), lo, hi)


def quantile_draw(rng: random.Random, q: Sequence[float], lo: float | None = None,
                  hi: float | None = None, tails: float = 0.0) -> float:
    return _interpolate(rng, _knot_values(tuple(q), tails), lo, hi)


@lru_cache(maxsize=256)
def _knot_values(q: tuple[float, ...], tails: float) -> tuple[float, ...]:
    """The values at probabilities ``_PS``: the quantiles, widened at both ends by ``tails``."""
    span = q[-1] - q[0]
    return (q[0] - tails * span, *q, q[-1] + tails * span)


def _interpolate(rng: random.Random, xs: tuple[float, ...], lo: float | None, hi: float | None) -> float:
    """Inverse-CDF draw, linear between the knots ``(_PS, xs)``, clipped to ``lo``/``hi``."""
    u = rng.random()
    i = min(max(bisect.bisect_right(_PS, u) - 1, 0), len(_PS) - 2)
    v = xs[i] + (xs[i + 1] - xs[i]) * (u - _PS[i]) / (_PS[i + 1] - _PS[i])
    if lo is not None:
        v = max(lo, v)
    if hi is not None:
        v = min(hi, v)
    return v


def sprint_mark(rng: random.Random, event: str, sex: str) -> float:
    """A 100 m or 200 m time: elite list marks, championship heats, or club level."""
    ev = "200m" if "200" in event else "100m"
    sx = "women" if sex.startswith("w") or sex.startswith("f") else "men"
    elite, heats, club = _SPRINT_MARKS[(sx, ev)]
    u = rng.random()
    if u < 0.4:
        return draw(rng, elite)
    if u < 0.75:
        return draw(rng, heats)
    return round(rng.uniform(*club), 2)


#: (sex, event) -> elite and heats quantile tables, and the club and school level range (the
#: elite lists stop at 10.30 / 11.50)
_SPRINT_MARKS = {(sx, ev): (f"mark_{sx}_{ev}_elite", f"mark_{sx}_{ev}_heats", club)
                 for (sx, ev), club in {("men", "100m"): (10.8, 13.5), ("women", "100m"): (11.8, 15.0),
                                        ("men", "200m"): (21.5, 27.5), ("women", "200m"): (24.0, 31.0)}.items()}


def wind(rng: random.Random, legal_only: bool = False) -> float:
    """A race wind reading in m/s (tail wind positive), 0.1 m/s resolution as gauges report."""
    v = draw(rng, "wind_races" if rng.random() < 0.6 else "wind_heats", -4.0, 5.0, tails=0.25)
    if legal_only:
        v = min(v, 2.0)
    return round(v, 1) + 0.0  # no "-0.0"


def altitude(rng: random.Random) -> float:
    """A venue altitude in metres; a fifth from the high-altitude venues the lists single out."""
    if rng.random() < 0.2:
        return float(rng.choice((1133, 1332, 1387, 1396, 1624, 1656, 1767, 1832, 1914, 2240)))
    return float(round(draw(rng, "altitude_venues", 0.0, 2400.0)))


def temperature_c(rng: random.Random) -> float:
    f = draw(rng, "temperature_marathon_f", tails=0.3)
    return (f - 32) * 5 / 9


def humidity(rng: random.Random) -> float:
    return float(round(draw(rng, "humidity_marathon", 5.0, 100.0, tails=0.2)))


def pressure_pa(rng: random.Random) -> float:
    return draw(rng, "pressure_marathon_hpa", tails=0.2) * 100.0


def marathon_time(rng: random.Random) -> float:
    name = rng.choice(("marathon_men_win_s", "marathon_women_win_s", "marathon_average_s",
                       "marathon_average_s"))
    return float(round(draw(rng, name, tails=0.2)))


#: race distances people ask about, with weights
DISTANCES = ((100.0, 3), (200.0, 2), (400.0, 2), (800.0, 2), (1500.0, 2), (1609.344, 2), (3000.0, 1),
             (5000.0, 4), (10000.0, 4), (21097.5, 3), (42195.0, 3))


def distance(rng: random.Random, lo: float | None = None, hi: float | None = None) -> float:
    ds, cum_weights = _distances_between(lo, hi)
    if not ds:
        return float(lo if lo is not None else hi)
    return weighted_choice(rng, ds, cum_weights)


def weighted_choice(rng: random.Random, population: Sequence[_T], cum_weights: Sequence[float]) -> _T:
    """``rng.choices(population, cum_weights=cum_weights)[0]``: the same draw (one uniform scaled
    to the total weight, bisected into the running totals) without the checks and the list."""
    return population[bisect.bisect(cum_weights, rng.random() * (cum_weights[-1] + 0.0), 0, len(population) - 1)]


@lru_cache(maxsize=256)
def _distances_between(lo: float | None, hi: float | None) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The :data:`DISTANCES` within ``[lo, hi]`` and their weights accumulated as
    ``random.choices`` would (so a draw is the same as with ``weights=``)."""
    ds = [(d, w) for d, w in DISTANCES if (lo is None or d >= lo) and (hi is None or d <= hi)]
    return tuple(d for d, _ in ds), tuple(itertools.accumulate(w for _, w in ds))


def race_time(rng: random.Random, dist_m: float) -> float:
    """A plausible finish time for ``dist_m``: Riegel-scaled from a marathon-time draw."""
    if dist_m <= 200:
        return sprint_mark(rng, "200m" if dist_m > 100 else "100m", "women" if rng.random() < 0.4 else "men") \
            * (dist_m / (200.0 if dist_m > 100 else 100.0))
    t_mar = marathon_time(rng) * rng.uniform(0.9, 1.25)
    return t_mar * (dist_m / 42195.0) ** 1.06


def pace_s_per_km(rng: random.Random) -> float:
    d = rng.choice((5000.0, 10000.0, 21097.5, 42195.0))
    return race_time(rng, d) / (d / 1000.0)


def height_m(rng: random.Random) -> float:
    # the Vescovi sample is female team-sport players; widen for men
    h = draw(rng, "height_cm", tails=0.2) + (rng.random() < 0.5) * 12.0
    return round(h) / 100.0


def mass_kg(rng: random.Random) -> float:
    m = draw(rng, "mass_kg", tails=0.2) + (rng.random() < 0.5) * 12.0
    return float(round(m, 1))


def grade_percent(rng: random.Random) -> float:
    return round(min(15.0, max(-15.0, rng.gauss(0.0, 4.0))), 1)


def speed_m_s(rng: random.Random) -> float:
    return round(rng.uniform(3.0, 11.5), 2)


def reaction_time(rng: random.Random) -> float:
    return float(round(draw(rng, "reaction_time_heats", 0.08, 0.4, tails=0.3), 3))


def sig_round(x: float, digits: int = 3) -> float:
    if x == 0 or not math.isfinite(x):
        return x
    return round(x, digits - 1 - int(math.floor(math.log10(abs(x)))))
