"""The text path of the question generator's generic phrasings (sprint_solver/trios/phrasing.py).

Generic questions say a calculation's inputs as a list of noun phrases ("a 10 km route, an
elevation gain of 100 m and a pace of 5:56/km"), with a subject naming what is asked ("the
lane effect", "the fully corrected time"). The parser used to misread many of them: a word of
the next phrase taken for this quantity's ("10 km ... elevation" read as a climb), a target
altitude taken for the venue's, "reference lane 8" for the lane asked about, reference
conditions for the race's, "8 x 1,000 m" as 8 x 1 m, and subjects the routing rules did not know.
"""
from __future__ import annotations

import pytest

from sprint_solver import quantities as q
from sprint_solver.errors import MissingParameterError
from sprint_solver.solver.extract import extract
from sprint_solver.solver.parse import parse_question

from .parsing import assert_reads


_reads = assert_reads


def test_clause_words_stop_at_commas_and_conjunctions():
    ex = extract("a course of 10K, an elevation loss of 319 m and 2.5 km of climbing")
    ten, loss, climb = ex.qtys
    assert ten.post[:2] == ("an", "elevation") and ten.cpost == ()
    assert loss.cpre == ("an", "elevation", "loss", "of") and loss.cpost == ()
    assert climb.cpre == () and climb.cpost == ("of", "climbing")


@pytest.mark.parametrize("question, calc, expected, absent", [
    # a route's distance is not the climb the next phrase names
    ("Can you calculate the flat-equivalent pace for a pace of 7:12/km, a course of 10K and an elevation loss "
     "of 319 m?", "grade_adjusted_pace", {"distance": 10000.0, "elevation_loss": 319.0, "pace": 432.0},
     ("elevation_gain",)),
    ("Can you calculate the equivalent flat distance for a hilly route of 30,000 m, a total climb of 400 m and "
     "260 metres of descent?", "equivalent_flat_distance", {"distance": 30000.0, "climb": 400.0, "descent": 260.0},
     ()),
    ("Please work out the grade-adjusted pace with a 5:57/mi pace, a -2 percent slope and a course of 5 km.",
     "grade_adjusted_pace", {"grade": -2.0, "distance": 5000.0}, ()),
    # a sprint event is not the altitude the next phrase names
    ("What is the altitude-equivalent time given 10.26 sec in the 100 m, an altitude of 1,804 ft and a target "
     "altitude of 6,280 ft?", "altitude_correction",
     {"event": "100m", "altitude": 1804 * q.FOOT, "target_altitude": 6280 * q.FOOT}, ()),
    ("Please work out the altitude-equivalent time with a mark of 10.39 seconds and a target altitude of 500 m.",
     "altitude_correction", {"altitude": 0.0, "target_altitude": 500.0}, ()),
    ("I need the altitude correction. Here's what I have: a time of 10.05, a venue 501 m above sea level, the "
     "equivalent at 55 m altitude and a male athlete.", "altitude_correction",
     {"event": "100m", "altitude": 501.0, "target_altitude": 55.0, "sex": "men"}, ()),
])
def test_each_quantity_keeps_the_words_of_its_own_phrase(question, calc, expected, absent):
    _reads(question, calc, expected, absent)


@pytest.mark.parametrize("question, expected", [
    ("Using a women's 200 metres in 24.05 s, a temperature of 59 degrees Fahrenheit, a pressure of 1004 mbar, "
     "463 ft of altitude, 80% relative humidity, 28 degrees Celsius as the reference temperature, a reference "
     "pressure of 1029 hPa, a reference altitude of 2,900 ft and a reference humidity of 85%, what is the "
     "temperature effect on the sprint time?",
     {"temperature": 15.0, "pressure": 100400.0, "altitude": 463 * q.FOOT, "humidity": 80.0,
      "reference_temperature": 28.0, "reference_pressure": 102900.0, "reference_altitude": 2900 * q.FOOT,
      "reference_humidity": 85.0, "sex": "women", "event": "200m"}),
    ("Please work out the temperature-adjusted sprint time with a time of 10.16, 17 °C air and a reference "
     "altitude of 1,387 m.", {"temperature": 17.0, "reference_altitude": 1387.0}),
])
def test_reference_conditions_are_the_reference_ones(question, expected):
    _reads(question, "temperature_effect_sprint", expected, ("reference_temperature",) if len(expected) == 2 else ())


def test_a_reference_temperature_alone_is_not_the_race_temperature():
    _reads("I need the fully corrected time. Here's what I have: a time of 13.38 sec, a wind reading of -0.9, 20 "
           "degrees Celsius as the reference temperature and a male athlete.", "sprint_conditions",
           {"reference_temperature": 20.0, "wind": -0.9, "sex": "men"}, ("temperature",))
    _reads("What is the conditions-corrected time given the 200m in 20.64 sec, a wind of -0.5 m/s, a venue 6 metres "
           "above sea level, 50 degrees Fahrenheit as the reference temperature and lane 4?", "sprint_conditions",
           {"reference_temperature": 10.0, "lane": 4, "event": "200m"}, ("temperature",))


@pytest.mark.parametrize("question, calc, expected", [
    ("Using a mark of 11.52 s and a +0.3 m/s wind, what is the time corrected for all the conditions?",
     "sprint_conditions", {"time": 11.52, "wind": 0.3}),
    ("Time corrected for all the conditions: a women's 100 metres in 11.29 s and 9 m of altitude. What do you get?",
     "sprint_conditions", {"altitude": 9.0, "sex": "women"}),
    ("Please work out the expected time in these conditions with the women's 100 m, a reference time of 11.48 s "
     "(still air, sea level), a +0.1 wind and 374 feet of altitude.", "sprint_conditions",
     {"direction": "from_reference", "wind": 0.1, "sex": "women"}),
    ("Hi! Effect of the lane: a run in lane 7, a time of 26.37 and a +0.3 m/s wind. What do you get?",
     "lane_effect", {"lane": 7, "time": 26.37, "wind": 0.3}),
    ("I'm curious: please work out the sprint force-velocity profile with splits of 1.68, 2.72, 3.71 and 4.68 s at "
     "10, 20, 30 and 40 m, a temperature of 20 °C, an air pressure of 768 mmHg and a wind reading of +0.6.",
     "sprint_profile", {"times": [1.68, 2.72, 3.71, 4.68], "wind": 0.6, "pressure": 768 * q.MMHG}),
    ("Air drag and body surface area: a weight of 139 lb, a height of 1.75 m, a running speed of 24.5 km/h, a wind "
     "reading of +0.5, 3 degrees Celsius air and an altitude of 110 m. What do you get?", "body_metrics",
     {"speed": 24.5 / 3.6, "wind": 0.5, "altitude": 110.0}),
    ("Hi! I need the feels-like temperature. Here's what I have: a temperature of 34 degrees Celsius and 57 % "
     "humidity. This was my first race of the season.", "heat_index", {"temperature": 34.0, "humidity": 57.0}),
    ("Question from a masters sprinter: I need the pace adjusted for the heat. Here's what I have: a pace of 4:12 "
     "per km, a temperature of 88 degrees Fahrenheit, a relative humidity of 65 % and repeats.",
     "heat_adjusted_pace", {"pace": 252.0, "humidity": 65.0, "effort": "repeats"}),
    ("Question from a masters sprinter: what are the running pace numbers given a distance of 3K and a running "
     "speed of 4.0 m/s?", "pace", {"distance": 3000.0, "speed": 4.0}),
    ("For my training log: using a 14 min 25 s 5K, what is the VDOT? This was my first race of the season.",
     "vdot", {"distance": 5000.0, "time": 865.0}),
])
def test_generic_subjects_route_to_their_calculation(question, calc, expected):
    _reads(question, calc, expected)


@pytest.mark.parametrize("question, expected, absent", [
    ("Quick question: using the women's 100 metres and lane 7 as the reference, what is the effect of the lane?",
     {"reference_lane": 7, "event": "100m", "sex": "women"}, ("lane",)),
    ("Please work out the lane effect with a comparison with lane 8 and a female athlete.",
     {"reference_lane": 8}, ("lane",)),
    ("Please work out the lane difference with a run in lane 7.", {"lane": 7}, ("reference_lane",)),
])
def test_a_lane_named_as_the_reference(question, expected, absent):
    _reads(question, "lane_effect", expected, absent)


@pytest.mark.parametrize("question, expected", [
    ("What is the interval session breakdown given 8 x 1,000 m in 3:38 each?",
     {"reps": 8, "rep_distance": 1000.0, "rep_time": 218.0}),
    ("Can you calculate the interval session numbers for 5 x 200 metres at 44.20 each?",
     {"reps": 5, "rep_distance": 200.0, "rep_time": 44.2}),
    ("I need the interval session numbers. Here's what I have: 14 x 600m at 11:02/mi and 45.00 recovery.",
     {"reps": 14, "rest": 45.0}),
    ("Can you calculate the numbers for this interval session for 12 repetitions of a mile in 5:34 each?",
     {"reps": 12, "rep_distance": q.MILE, "rep_time": 334.0}),
])
def test_interval_sessions_said_in_words(question, expected):
    _reads(question, "intervals", expected)


@pytest.mark.parametrize("question, expected", [
    ("Hello. Can you calculate the even splits for a 5 min 3 s 1500m and 1,000 m splits?",
     {"distance": 1500.0, "split_distance": 1000.0}),
    ("Please work out the split times for an even pace with a mile in 5:03 and splits every 400m.",
     {"distance": q.MILE, "split_distance": 400.0}),
    ("What are the even splits given a goal of 1h 4m 34s for 10K and 5 km splits?",
     {"distance": 10000.0, "split_distance": 5000.0}),
])
def test_split_distances_said_as_quantities(question, expected):
    _reads(question, "even_splits", expected)


@pytest.mark.parametrize("question, expected", [
    ("What is the race-time prediction given a half-marathon in 1h 2m 40s and 5K as the target race?",
     {"distance": q.HALF_MARATHON, "target_distance": 5000.0}),
    ("I need the predicted race time. Here's what I have: 10,000 m in 33:59 and 1500 m as the target race.",
     {"distance": 10000.0, "target_distance": 1500.0}),
    ("Race-time prediction: a 7:51.1 mile and a prediction for 5K. What do you get?",
     {"distance": q.MILE, "time": 471.1, "target_distance": 5000.0}),
])
def test_the_race_named_as_the_target(question, expected):
    _reads(question, "race_prediction", expected)


def test_still_air_asked_for_is_not_a_still_air_reading():
    """"The still-air equivalent" is what is asked for: with no wind given, the wind is missing (a wind
    of zero is read from "in still air" or "no wind", the conditions of a run)."""
    with pytest.raises(MissingParameterError) as e:
        parse_question("Can you work out the still-air equivalent for my student? I only know a mark of 10.26.")
    assert e.value.parameter == "wind"
    with pytest.raises(MissingParameterError):
        parse_question("What is the expected time with the wind for a still-air time of 10.20 s in the 100 m?")
    _reads("I ran 10.31 in the 100 m with no wind. What would that be in still air?", "wind_correction",
           {"wind": 0.0})
