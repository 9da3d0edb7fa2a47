"""Readings the parser got wrong on generated template questions (2026-12-04: 400 of 3,791), one
case each, so a regression names the reading it broke. ``tests/trios/test_queries.py`` checks
the generator's questions as a whole."""
from __future__ import annotations

import pytest

from .parsing import assert_reads


@pytest.mark.parametrize("question, calc, expected, absent", [
    # a bare "at N m" in a sprint question is where it was run: the race is already read
    ("I ran 10.05 in the 100m with +1.2 m/s wind at 1500 m. What would that be in still air?",
     "wind_correction", {"altitude": 1500.0}, ()),
    ("Hand-timed 10.1 s 100m with +0.4 m/s wind at 22 m, what's the FAT still-air time?",
     "sprint_conditions", {"altitude": 22.0, "hand_timed": True}, ()),
    ("10.44 100 metres, wind +0.6 m/s, at 200 m and 5°C: sea-level still-air equivalent?",
     "sprint_conditions", {"altitude": 200.0, "temperature": 5.0}, ()),
    ("What is a 10.15 s 100 m run at 60 metres worth at sea level?",
     "altitude_correction", {"altitude": 60.0, "target_altitude": 0.0}, ()),
    # "would X be at 79 m than at sea level": X is the sea-level time, taken to 79 m
    ("How much faster would a 10.05 sec 100 m be at 79 m than at sea level?",
     "altitude_correction", {"altitude": 0.0, "target_altitude": 79.0}, ()),
    ("How dense is the air at 7°C with 63 % humidity at 510 m?",
     "air_density", {"altitude": 510.0, "humidity": 63.0}, ()),
    # a round of the race, not the weather
    ("Our sprinter clocked 20.49 sec in a men's 200m heat, wind reading -0.7 m/s in lane 8. "
     "What is that worth without the wind?", "wind_correction", {"wind": -0.7, "direction": "to_still_air"},
     ("temperature",)),
    # the still-air time is given; the wind is the hypothetical
    ("If I can run 10.16 s for the 100 metres in still air, what would I run with a tail wind of 0.9 m/s?",
     "wind_correction", {"direction": "from_still_air", "wind": 0.9}, ()),
    ("My 100m was 11.25s with no wind (0.0 m/s). What's the wind-adjusted time?",
     "wind_correction", {"direction": "to_still_air", "wind": 0.0}, ()),
    # a rest said by where it goes; a rep time said right after the reps
    ("How long will 10 x 1 km at 5:34/km take, with 45.00 s between reps?",
     "intervals", {"reps": 10, "pace": 334.0, "rest": 45.0}, ("rep_time",)),
    ("4 x 200m in 52.70 with 45.00 sec rest: how long is the session?",
     "intervals", {"reps": 4, "rep_time": 52.7, "rest": 45.0}, ()),
    # zones asked for after a race, and a VDOT given with its unit
    ("I ran 5,000 m in 28:58. What is my marathon pace?", "training_paces", {"zone": "marathon"}, ()),
    ("What tempo (threshold) pace should I run with a VDOT of 42.4 mL/kg/min?",
     "training_paces", {"vdot": 42.4, "zone": "threshold"}, ()),
    # closing remarks that are not the question
    ("What pace do I need to run 400m in 1:49.9? What does that mean for my training?", "pace", {}, ()),
    ("What is a 55:59 6.2 miles worth over half marathon? My coach thinks the track was fast.",
     "race_prediction", {}, ()),
    ("I ran 1 mile in 9:26. What was my average pace and speed? Can you explain the steps?", "pace", {}, ()),
    ("How far do I get in 29 min 27 s at 11:14 per mile?", "pace", {}, ()),
    ("I want to run 1500 m in 9:04: what are my 400 metres splits? Can you explain the steps?",
     "even_splits", {"split_distance": 400.0}, ()),
    ("How hot does 91 degrees Fahrenheit with a 68 degrees Fahrenheit dew point feel? It was my first race.",
     "heat_index", {}, ()),
    # the number a body-metrics question names is its answer
    ("Body surface area for 70 kg and 1.81 m?", "body_metrics", {"result": "bsa"}, ()),
    ("Drag power for a 51.9 kg, 166 cm athlete running 22.1 mph?", "body_metrics", {"result": "drag_power"}, ()),
    ("What are the air drag and body surface area of a 63 kg, 1.60 m runner?", "body_metrics", {}, ("result",)),
])
def test_reading(question, calc, expected, absent):
    assert_reads(question, calc, expected, absent)
