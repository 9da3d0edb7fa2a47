"""The generator's parameter distributions: stored quantiles still match the team's real data."""
from __future__ import annotations

import csv
import random

import numpy as np
import pytest

from sprint_solver.trios import priors

KNOTS = priors.KNOTS


def _q(values):
    a = np.array([float(v) for v in values if v not in ("", None)], float)
    a = a[np.isfinite(a)]
    return np.quantile(a, KNOTS)


def _rows(path):
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.data
@pytest.mark.parametrize("name,file,column,filt", [
    ("mark_men_100m_elite", "wa_toplists_sprint/men_100m.csv", "Mark", None),
    ("mark_women_200m_elite", "wa_toplists_sprint/women_200m.csv", "Mark", None),
    ("mark_women_100m_heats", "munro_wc_round1/round1_100m.csv", "mark1", ("sex", "Women")),
    ("reaction_time_heats", "munro_wc_round1/round1_100m.csv", "reactiontime", None),
    ("humidity_marathon", "marathon_weather_us/marathon_weather_us_2000_2022.csv", "RELHUM", None),
    ("temperature_marathon_f", "marathon_weather_us/marathon_weather_us_2000_2022.csv", "TEMP", None),
])
def test_stored_quantiles_match_the_data(shared_data, name, file, column, filt):
    rows = _rows(shared_data / file)
    if filt:
        rows = [r for r in rows if r[filt[0]] == filt[1]]
    got = _q(r[column] for r in rows)
    want = np.array(priors.QUANTILES[name][0])
    assert np.allclose(got, want, rtol=0.01, atol=0.01), (name, got.round(3), want)


@pytest.mark.data
def test_wind_draws_follow_the_diamond_league_race_winds(shared_data):
    races = {(r["date"], r["race_detail"], r["event"], r["sex"]): r["wind_mps"]
             for r in _rows(shared_data / "diamond_league_sprints/diamond_league_100m_200m.csv")}
    data = _q(races.values())
    rng = random.Random(0)
    draws = np.quantile([priors.wind(rng) for _ in range(20000)], KNOTS)
    # a mixture of race winds and championship-heat winds: medians and spread agree within 0.4 m/s
    assert np.all(np.abs(draws - data) < 0.45), (draws.round(2), data.round(2))


def test_draws_are_realistic_and_in_range():
    rng = random.Random(1)
    marks = [priors.sprint_mark(rng, "100m", "men") for _ in range(5000)]
    assert 9.9 < np.median(marks) < 11.0 and min(marks) >= 9.8 and max(marks) <= 13.5
    alts = [priors.altitude(rng) for _ in range(5000)]
    assert 0 <= min(alts) and max(alts) <= 2400 and np.mean(np.array(alts) > 1000) > 0.15
    t = [priors.race_time(rng, 42195.0) for _ in range(2000)]
    assert 2 * 3600 < np.median(t) < 5 * 3600
