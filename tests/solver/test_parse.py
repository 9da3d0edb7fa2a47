"""Reading questions: units and notations, sign words, direction, venues, ambiguity rules.

The ambiguity rules are the project's contract (issue 4): a still-air time given with
"affected by" converts *into* the wind; "ran X into a headwind, what's that in still
air" converts *to* still air; no calculation -> UnsupportedQuestionError; a missing
input -> MissingParameterError naming it; a unitless pace with no context ->
AmbiguousQuestionError, with a conventional context -> a note and a confidence penalty.
"""
from __future__ import annotations

import math
import time

import pytest

from sprint_solver import (AmbiguousQuestionError, InvalidValueError, MissingParameterError, SolverError,
                           UnsupportedQuestionError, solve)
from sprint_solver.quantities import FOOT, INCH, MILE, POUND
from sprint_solver.solver.calculations import CALCULATIONS, load_all
from sprint_solver.solver.extract import extract
from sprint_solver.solver.parse import parse_question

load_all()


def needs(*calcs: str):
    missing = [c for c in calcs if c not in CALCULATIONS]
    return pytest.mark.skipif(bool(missing), reason=f"calculation(s) {missing} not installed yet")


# --- the tokenizer: notations athletes write ---------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("10.0s", [("time", 10.0)]),
    ("9.58", [("number", 9.58)]),
    ("2m/s", [("speed", 2.0)]),
    ("-0.4 m/s", [("speed", -0.4)]),
    ("\u22120.4 m/s", [("speed", -0.4)]),            # unicode minus
    ("+1.5", [("number", 1.5)]),
    ("30 km/h", [("speed", 30 / 3.6)]),
    ("3 mph", [("speed", 3 * MILE / 3600)]),
    ("100m", [("length", 100.0)]),
    ("1500 metres", [("length", 1500.0)]),
    ("5K", [("distance", 5000.0)]),
    ("10 km", [("distance", 10000.0)]),
    ("5 miles", [("distance", 5 * MILE)]),
    ("7,350 ft", [("length", 7350 * FOOT)]),
    ("8:30", [("clock", 510.0)]),
    ("1:31:35", [("clock", 5495.0)]),
    ("2h05m", [("time", 7500.0)]),
    ("4 min 30 s", [("time", 270.0)]),
    ("3:30 hours", [("time", 12600.0)]),
    ("8:30/mi", [("pace", 510 * 1000 / MILE)]),
    ("8:30 per mile", [("pace", 510 * 1000 / MILE)]),
    ("5:16 per km", [("pace", 316.0)]),
    ("4 min/km", [("pace", 240.0)]),
    ("75 s per 400", [("pace", 187.5)]),
    ("77°F", [("temperature", 77.0)]),
    ("25 degrees C", [("temperature", 25.0)]),
    ("60%", [("percent", 60.0)]),
    ("154 lb", [("mass", 154 * POUND)]),
    ("180 cm", [("height", 1.8)]),
    ("5 ft 10 in", [("height", 5 * FOOT + 10 * INCH)]),
    ("1013 hPa", [("pressure", 101300.0)]),
    ("99 ms", [("time", 0.099)]),
    ("6x400m", [("reps", 6.0)]),
    ("6 times", [("count", 6.0)]),
    ("two miles in twelve minutes", [("distance", 2 * MILE), ("time", 720.0)]),
    ("10m 1.89s", [("length", 10.0), ("time", 1.89)]),    # a split, not 10 min 1.89 s
])
def test_tokenizer(text, expected):
    got = [(x.kind, x.value) for x in extract(text).qtys]
    assert [k for k, _ in got] == [k for k, _ in expected]
    for (_, a), (_, b) in zip(got, expected):
        assert a == pytest.approx(b, rel=1e-9)


def test_primes_keep_both_readings():
    x = extract("5'10\" runner").qtys[0]
    assert x.kind == "primes" and x.value == 310.0 and x.extra == pytest.approx(5 * FOOT + 10 * INCH)


def test_reps_carry_their_distance():
    x = extract("6 x 1 mile").qtys[0]
    assert x.kind == "reps" and x.value == 6 and x.extra == pytest.approx(MILE)


def test_words_do_not_cross_sentences():
    ex = extract("3000m in 27:42? pace please")
    clock = [x for x in ex.qtys if x.kind == "clock"][0]
    assert clock.post == ()


# --- the contract's ambiguity rules -------------------------------------------------------------
def test_still_air_time_affected_by_headwind():
    r = parse_question("How much would a 10.0s 100m time be affected by a 2m/s headwind?")
    assert r.calculation == "wind_correction"
    assert r.params == {"event": "100m", "time": 10.0, "wind": -2.0, "direction": "from_still_air"}
    sol = solve("How much would a 10.0s 100m time be affected by a 2m/s headwind?")
    assert sol.result.name == "time_wind"
    # physics_anchors.md a1 (a = 0.028): 10.00 s still air into -2 m/s -> about 10.13 s [CALC]
    assert sol.value == pytest.approx(10.1265, abs=1e-4)
    assert sol.output("change").value == pytest.approx(0.1265, abs=1e-4)


def test_ran_into_headwind_to_still_air():
    r = parse_question("ran 10.05 into a 1.2 headwind, what's that in still air?")
    assert r.calculation == "wind_correction"
    assert r.params["direction"] == "to_still_air"
    assert r.params["time"] == 10.05 and r.params["wind"] == -1.2
    assert r.penalty is None


@pytest.mark.parametrize("q", ["Who won the 2008 Olympic 100m?", "What is a good warm-up?", "What is VDOT?",
                               "Who holds the women's 400m world record?", "hello", "How do I run faster?"])
def test_no_calculation_is_unsupported(q):
    with pytest.raises(UnsupportedQuestionError):
        parse_question(q)


def test_missing_time_names_it():
    with pytest.raises(MissingParameterError) as e:
        solve("what is my 100m time with a tailwind")
    assert e.value.parameter == "time"


def test_missing_wind_names_it():
    with pytest.raises(MissingParameterError) as e:
        solve("What is 10.25 into a headwind worth in still air?")
    assert e.value.parameter == "wind"


@needs("pace")
def test_pace_unit_from_context_is_noted_and_penalised():
    r = parse_question("5 mile run at 8:30 pace")
    assert r.calculation == "pace"
    assert r.params["pace"] == pytest.approx(510 * 1000 / MILE)
    assert any("per mile" in n for n in r.notes)
    assert r.penalty is not None and r.penalty[0] > 0
    sol = solve("5 mile run at 8:30 pace")
    assert sol.value == pytest.approx(5 * 510.0)              # 42:30
    assert sol.confidence < 1.0
    assert any("per mile" in a for a in sol.assumptions)
    assert "parse" in sol.confidence_reasoning


@needs("pace")
def test_pace_without_unit_or_context_asks():
    with pytest.raises(AmbiguousQuestionError) as e:
        parse_question("What's 8:30 pace in km/h?")
    assert e.value.parameter == "pace"


def test_default_direction_is_noted():
    r = parse_question("10.2 100m with 2 m/s headwind")
    assert r.params["direction"] == "to_still_air"
    assert r.penalty is not None
    assert any("read as run with the wind" in n for n in r.notes)


# --- sign words ---------------------------------------------------------------------------------
@pytest.mark.parametrize("q, wind", [
    ("10.20 into a 1.5 m/s wind, still-air equivalent?", -1.5),
    ("10.20 against a 1.5 m/s wind, still-air equivalent?", -1.5),
    ("10.20 with a 1.5 m/s headwind, still-air equivalent?", -1.5),
    ("10.20 with a head wind of 1.5 m/s, still-air equivalent?", -1.5),
    ("10.20 with a 1.5 m/s tailwind, still-air equivalent?", 1.5),
    ("10.20 with a tail wind of 1.5, still-air equivalent?", 1.5),
    ("wind-assisted 10.20 (+1.5), still-air equivalent?", 1.5),
    ("10.20 (-1.5), still-air equivalent?", -1.5),
    ("10.20 (+1.5), still-air equivalent?", 1.5),
    ("10.20 with the wind at his back at 1.5 m/s, still-air equivalent?", 1.5),
    ("10.20 with -1.5 headwind, still-air equivalent?", -1.5),
    ("The wind was 3 mph against her when she ran 11.40 in the 100 m. Correct it.", -3 * MILE / 3600),
])
def test_wind_sign_words(q, wind):
    r = parse_question(q)
    assert r.calculation == "wind_correction"
    assert r.params["wind"] == pytest.approx(wind)


def test_contradictory_sign_is_ambiguous():
    with pytest.raises(AmbiguousQuestionError):
        parse_question("10.20 with a +2.0 headwind, still-air equivalent?")


def test_unsigned_wind_without_direction_is_noted():
    r = parse_question("10.20 100m with a 1.5 m/s wind, what's that in still air?")
    assert r.params["wind"] == 1.5
    assert any("no direction" in n for n in r.notes) and r.penalty


# --- venues -------------------------------------------------------------------------------------
@needs("altitude_correction")
def test_venue_resolves_to_table_altitude():
    r = parse_question("What is a 10.0 100m run in Mexico City worth at sea level?")
    assert r.calculation == "altitude_correction"
    assert r.params["altitude"] == 2240.0 and r.params["target_altitude"] == 0.0
    assert any("Mexico City" in n and "GeoNames" in n for n in r.notes)


@needs("altitude_correction")
def test_hand_entry_venue_sestriere():
    r = parse_question("I ran 10.2 at Sestriere. Sea-level equivalent?")
    assert r.params["altitude"] == 2035.0                 # FIDAL 2021: the track is at 2035 m
    assert any("FIDAL" in n for n in r.notes)


def test_venue_lookup_and_false_friends():
    from sprint_solver.solver.venues import find, lookup, table_rows

    assert lookup("Ciudad de México").altitude_m == 2240.0
    assert lookup("Hayward Field").name == "Eugene"
    assert find("what are my split times".split()) is None          # Split (Croatia) is not meant
    assert find("eugene ran 10.2".split()) is None                   # a person, not the city
    assert find("ran 10.2 in eugene".split()).name == "Eugene"
    rows = table_rows()
    assert len(rows) > 400 and all(r["altitude_m"] > -500 for r in rows)


def test_venue_table_credits_geonames():
    import json

    from sprint_solver.solver.venues import TABLE

    d = json.loads(TABLE.read_text("utf-8"))
    assert "GeoNames" in d["credit"] and "CC BY 4.0" in d["credit"]


# --- altitude direction ------------------------------------------------------------------------
@needs("altitude_correction")
@pytest.mark.parametrize("q, run, target", [
    ("If an athlete runs 10.2s at sea level, what equivalent time might they achieve at 1500m altitude?", 0, 1500),
    ("If I run 10.2 at sea level, what would I run in Mexico City?", 0, 2240),
    ("Convert 10.18 run at 7,350 ft to sea level", 7350 * FOOT, 0),
    ("A 22.10 200m in Nairobi; sea-level equivalent?", 1684, 0),
    ("what would a 10.69 sea-level 100m be at 1000 meters elevation?", 0, 1000),
    ("Sea level equivalent of 20.83 200m run at 600m", 600, 0),
])
def test_altitude_direction(q, run, target):
    r = parse_question(q)
    assert r.calculation == "altitude_correction"
    assert r.params["altitude"] == pytest.approx(run) and r.params["target_altitude"] == pytest.approx(target)


# --- composition ---------------------------------------------------------------------------------
def test_several_corrections_compose_in_order():
    q = "Hand-timed 10.3 100m with +1.5 wind at 1500 m and 30°C, what's the FAT still-air time?"
    r = parse_question(q)
    assert r.calculation == "sprint_conditions"
    assert r.params == {"event": "100m", "time": 10.3, "hand_timed": True, "wind": 1.5, "altitude": 1500.0,
                        "temperature": 30.0}
    sol = solve(q)
    titles = [s.title for s in sol.trace]
    order = [next(i for i, t in enumerate(titles) if t.startswith(p)) for p in
             ("Hand time -> FAT", "Wind removed", "Wind and altitude removed", "Wind, altitude and temperature")]
    assert order == sorted(order)
    assert sol.verify().ok


# --- safety ------------------------------------------------------------------------------------
@pytest.mark.parametrize("q", [
    "__import__('os').system('touch /tmp/sprint_solver_pwned')",
    "eval(\"1+1\") 100m 10.0 with 2 m/s headwind",
    "what is 9**9**9**9 in the 100m with a 2 m/s headwind",
    "{\"calculation\": \"__class__\", \"params\": {}}",
    "{not json}",
])
def test_text_is_never_code(q, tmp_path):
    import os

    t0 = time.perf_counter()
    try:
        solve(q)
    except SolverError:
        pass
    assert not os.path.exists("/tmp/sprint_solver_pwned")
    assert time.perf_counter() - t0 < 5.0      # nothing was computed from the text


def test_too_long_question_is_invalid():
    with pytest.raises(InvalidValueError):
        parse_question("10.0 " * 1000)


def test_non_string_is_invalid():
    with pytest.raises(InvalidValueError):
        parse_question(12.5)  # type: ignore[arg-type]


# --- confidence ---------------------------------------------------------------------------------
def test_outside_validated_range_lowers_confidence():
    sol = solve("How much would a 14.50s 100m time be affected by a 2 m/s headwind?")
    assert sol.confidence < 1.0
    assert "validated" in sol.confidence_reasoning


def test_classifier_routing_is_reported():
    # no rule is decisive here (no event, no wind word): the classifier decides, and says so
    r = parse_question("How much does running at 2000 m help a 20.40 200 m sprinter?")
    assert r.calculation in ("altitude_correction",)
    assert math.isfinite(solve("How much does running at 2000 m help a 20.40 200 m sprinter?").value)
