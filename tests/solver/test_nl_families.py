"""Every family of the registry, reachable from plain English, phrased several ways.

Each case: a question as users write it, the calculation it must reach, the parameters
it must carry (a subset, in canonical units), and, for some, the published or computed
answer (reference tags from physics_anchors.md). Each solution must verify.
A family whose calculation is not installed is skipped with the reason.
"""
from __future__ import annotations

import pytest

from sprint_solver import solve
from sprint_solver.quantities import FOOT, HALF_MARATHON, MARATHON, MILE, POUND
from sprint_solver.solver.calculations import CALCULATIONS, load_all
from sprint_solver.solver.parse import parse_question

load_all()
PER_MI = 1000.0 / MILE   # s/km per s/mi


def f2c(f):
    return (f - 32) * 5 / 9


CASES: dict[str, list[tuple[str, dict]]] = {
    "wind_correction": [
        ("How much would a 10.0s 100m time be affected by a 2m/s headwind?",
         {"time": 10.0, "wind": -2.0, "direction": "from_still_air"}),
        ("A sprinter clocks 10.31 with a tailwind of 1.8 m/s. What is the still-air time?",
         {"time": 10.31, "wind": 1.8, "direction": "to_still_air"}),
        ("What's a 9.95 into a -1.5 worth?", {"time": 9.95, "wind": -1.5, "direction": "to_still_air"}),
        ("How much faster would a 10.50 100m runner go with a +2.0 m/s wind?",
         {"time": 10.5, "wind": 2.0, "direction": "from_still_air"}),
        ("200m: 20.45 with a 0.8 m/s headwind in lane 3, calm-air equivalent for a woman?",
         {"event": "200m", "time": 20.45, "wind": -0.8, "lane": 3, "sex": "women"}),
        ("Using the Moinat model, correct 10.12 (+1.9)", {"model": "moinat", "wind": 1.9}),
        ("Still-air equivalent of 9.79 +0.1 at 110 m altitude", {"time": 9.79, "wind": 0.1, "altitude": 110.0}),
        ("Bolt ran 9.58 (+0.9) in Berlin. Still-air equivalent?", {"time": 9.58, "wind": 0.9, "altitude": 74.0}),
    ],
    "altitude_correction": [
        ("If an athlete runs 10.2s at sea level, what equivalent time might they achieve at 1500m altitude?",
         {"time": 10.2, "altitude": 0.0, "target_altitude": 1500.0}),
        ("What is a 10.0 100m run in Mexico City worth at sea level?",
         {"time": 10.0, "altitude": 2240.0, "target_altitude": 0.0}),
        ("Convert 10.18 run at 7,350 ft to sea level", {"altitude": 7350 * FOOT, "target_altitude": 0.0}),
        ("A 22.10 200m in Nairobi; sea-level equivalent?", {"event": "200m", "altitude": 1684.0}),
        ("What 100 m time at sea level corresponds to 10.05 in Bogota?", {"altitude": 2582.0}),
    ],
    "air_density": [
        ("What is the air density at 30°C and 60% humidity?", {"temperature": 30.0, "humidity": 60.0}),
        ("Density of air at 15 C and 1013 hPa", {"temperature": 15.0, "pressure": 101300.0}),
        ("air density at 1500 m altitude and 20 degrees C using the ideal gas model",
         {"temperature": 20.0, "altitude": 1500.0, "model": "ideal_gas"}),
        ("Air density in Mexico City at 25 C", {"temperature": 25.0, "altitude": 2240.0}),
    ],
    "temperature_effect_sprint": [
        ("How much faster is a 10.00 100m at 35°C compared to 25°C?",
         {"time": 10.0, "temperature": 35.0, "reference_temperature": 25.0}),
        ("I ran 10.45 at 12 degrees C. What would it be at 30 degrees?",
         {"time": 10.45, "temperature": 12.0, "reference_temperature": 30.0}),
        ("Equivalent of a 20.30 200m run at 5 °C in 25 °C conditions?",
         {"event": "200m", "temperature": 5.0, "reference_temperature": 25.0}),
        ("Does heat help sprinters? 10.20 100m at 38 C vs 20 C", {"temperature": 38.0, "reference_temperature": 20.0}),
    ],
    "heat_adjusted_pace": [
        ("What pace should I run at 80°F with a dew point of 70°F if my normal pace is 7:00/mi?",
         {"pace": 420 * PER_MI, "temperature": f2c(80), "dew_point": f2c(70)}),
        ("It's 85F with 75% humidity. My easy pace is 9:30/mi. How slow should I go?",
         {"pace": 570 * PER_MI, "temperature": f2c(85), "humidity": 75.0}),
        ("Marathon at 4:45/km, forecast 24°C and dew point 18°C: adjusted pace?",
         {"pace": 285.0, "distance": MARATHON, "temperature": 24.0, "dew_point": 18.0}),
        ("Heat-adjust my 7:15 per mile tempo for 90 degrees F and a 72 F dew point",
         {"pace": 435 * PER_MI, "temperature": f2c(90), "dew_point": f2c(72)}),
        ("Adjust 6:10/mi for heat: temperature 86F, dewpoint 58F", {"temperature": f2c(86), "dew_point": f2c(58)}),
    ],
    "heat_index": [
        ("What is the heat index when it's 95°F and 50% humidity?", {"temperature": f2c(95), "humidity": 50.0}),
        ("Heat index for 32°C and 70% humidity", {"temperature": 32.0, "humidity": 70.0}),
        ("How hot does 30 C with 80% RH feel?", {"temperature": 30.0, "humidity": 80.0}),
        ("Heat index 31 C, dew point 24 C", {"temperature": 31.0, "dew_point": 24.0}),
    ],
    "grade_adjusted_pace": [
        ("What's my flat-equivalent pace running 8:00/mi up a 5% grade?", {"pace": 480 * PER_MI, "grade": 5.0}),
        ("I ran 9:00 per mile on a -8% downhill. What's the GAP?", {"grade": -8.0}),
        ("Downhill 4% at 4:30 per km, grade adjusted?", {"pace": 270.0, "grade": -4.0}),
        ("I ran 50:00 for 10 km with 300 m of elevation gain. Grade-adjusted pace?",
         {"pace": 300.0, "distance": 10000.0, "elevation_gain": 300.0}),
        ("Ran 10 miles in 1:20:00 with 1000 feet of gain and 800 feet of loss. Grade adjusted pace?",
         {"elevation_gain": 1000 * FOOT, "elevation_loss": 800 * FOOT}),
        ("If I run 7:30/mi on the flat, what pace up a 4% hill is the same effort?",
         {"grade": 4.0, "direction": "from_flat"}),
    ],
    "equivalent_flat_distance": [
        # physics_anchors.md d4 [SRC]: 20 km + 1.6 km of climb -> 32.8 km (Scarf)
        ("What is the equivalent flat distance of 20 km with 1600 m of climb?", {"distance": 20000.0, "climb": 1600.0}),
        ("A 25 km trail with 1200 m of ascent is how far on the flat?", {"distance": 25000.0, "climb": 1200.0}),
        ("Naismith: how long is a 15 km route with 800 m ascent?", {"climb": 800.0, "rule": "naismith"}),
        ("How long is 10 miles with 2000 ft of climb in flat terms (equivalent flat distance)?",
         {"distance": 10 * MILE, "climb": 2000 * FOOT}),
    ],
    "body_metrics": [
        ("What's the frontal area of a 70 kg, 180 cm runner?", {"mass": 70.0, "height": 1.8}),
        ("Frontal area for a 60 kg, 1.70 m athlete", {"mass": 60.0, "height": 1.7}),
        ("Body surface area of a 154 lb, 5'10\" runner", {"mass": 154 * POUND, "height": 1.778}),
        ("I weigh 68 kg and am 172 cm tall. What's my body surface area?", {"mass": 68.0, "height": 1.72}),
        ("What is the drag constant for a 94 kg 1.95 m sprinter?", {"mass": 94.0, "height": 1.95}),
    ],
    "sprint_profile": [
        ("My splits were 10m 1.89, 20m 3.15, 30m 4.31, 40m 5.44. What's my max speed?",
         {"distances": [10.0, 20.0, 30.0, 40.0], "times": [1.89, 3.15, 4.31, 5.44]}),
        ("Estimate MSS and MAC: 10m in 1.85s, 20m in 3.05s, 30m in 4.15s",
         {"distances": [10.0, 20.0, 30.0], "times": [1.85, 3.05, 4.15]}),
        ("What acceleration profile fits times of 1.89, 3.15, 4.31, 5.44 at 10, 20, 30, 40 m?",
         {"distances": [10.0, 20.0, 30.0, 40.0], "times": [1.89, 3.15, 4.31, 5.44]}),
        ("Force-velocity profile of a 60 kg, 1.70 m sprinter with splits 5m 1.158 10m 1.893 20m 3.149 30m 4.313 "
         "40m 5.444", {"mass": 60.0, "height": 1.7}),
    ],
    "race_prediction": [
        ("If I ran a 5K in 20:00, what could I run a marathon in?",
         {"distance": 5000.0, "time": 1200.0, "target_distance": MARATHON}),
        ("Predict my half marathon time from a 40:00 10K",
         {"distance": 10000.0, "time": 2400.0, "target_distance": HALF_MARATHON}),
        ("A 1:25:00 half marathon predicts what marathon?", {"distance": HALF_MARATHON, "time": 5100.0}),
        ("Equivalent 10K for a 5:00 mile?", {"distance": MILE, "time": 300.0, "target_distance": 10000.0}),
        ("Predict 10 miles from 40:00 10K using VDOT", {"target_distance": 10 * MILE, "model": "vdot"}),
    ],
    "vdot": [
        # physics_anchors.md g2: 5 km 19:57 -> VDOT ~50 [SRC table]
        ("What's my VDOT with a 19:57 5K?", {"distance": 5000.0, "time": 1197.0}),
        ("VDOT for a 3:10:49 marathon", {"distance": MARATHON, "time": 11449.0}),
        ("What's the VO2max of a runner who did 10 km in 41:21?", {"distance": 10000.0, "time": 2481.0}),
    ],
    "training_paces": [
        ("What are my training paces for a 20:00 5K?", {"distance": 5000.0, "time": 1200.0}),
        ("Training paces for VDOT 50", {"vdot": 50.0}),
        ("Easy pace for a 45:00 10K runner?", {"zone": "easy"}),
        ("What is my threshold pace if my VDOT is 55?", {"vdot": 55.0, "zone": "threshold"}),
        ("Interval pace from a 1:40 half marathon", {"distance": HALF_MARATHON, "time": 6000.0, "zone": "interval"}),
    ],
    "points": [
        ("How many points is a 10.71 100m?", {"event": "100m", "time": 10.71}),
        ("How many points does a women's 12.78 100m score?", {"time": 12.78, "sex": "women"}),
        ("Decathlon points for a 10.395 100m", {"table": "combined"}),
        ("Heptathlon 800m 2:07.63 points for a woman", {"event": "800m", "time": 127.63, "table": "combined"}),
        ("110m hurdles 13.50 points", {"event": "110mH", "time": 13.5}),
        ("World Athletics points for 44.50 in the 400m", {"event": "400m", "time": 44.5}),
    ],
    "hand_timing": [
        ("Convert a hand-timed 10.87 100m to FAT", {"hand_time": 10.87, "distance": 100.0}),
        ("My hand-timed 400m was 50.5. FAT equivalent?", {"hand_time": 50.5, "distance": 400.0}),
        ("11.0 on a stopwatch in the 100 m is what electronic time?", {"hand_time": 11.0}),
        ("Convert 22.4 hand timed 200m to FAT using the masters rule", {"variant": "masters"}),
    ],
    "false_start": [
        ("Is a reaction time of 0.099 a false start?", {"reaction_time": 0.099}),
        ("RT 0.100 - legal or false start?", {"reaction_time": 0.1}),
        ("Is 95 ms a false start?", {"reaction_time": 0.095}),
        ("He reacted in 0.085 s. DQ?", {"reaction_time": 0.085}),
    ],
    "pace": [
        ("5 mile run at 8:30 pace", {"distance": 5 * MILE, "pace": 510 * PER_MI}),
        ("What pace is 1:45:00 for a half marathon?", {"distance": HALF_MARATHON, "time": 6300.0}),
        ("What pace do I need for a 3:30 marathon?", {"distance": MARATHON, "time": 12600.0}),
        ("How long will a 10K take at 5:00/km?", {"distance": 10000.0, "pace": 300.0}),
        ("How fast is 7:30 per mile in km/h?", {"pace": 450 * PER_MI}),
        ("How far do I go in 45 minutes at 5:00/km?", {"time": 2700.0, "pace": 300.0}),
        ("12 km/h as a pace per km", {"speed": 12 / 3.6}),
    ],
    "intervals": [
        ("400 meter repeats, 6 times at 1:30", {"reps": 6, "rep_distance": 400.0, "rep_time": 90.0}),
        ("6x400m in 75s with 90 sec rest", {"reps": 6, "rep_distance": 400.0, "rep_time": 75.0, "rest": 90.0}),
        ("8 x 400 m in 90 s with 60 s rest: total time?", {"reps": 8, "rest": 60.0, "solve_for": "total_time"}),
        ("5x1000m at 3:40, 2 min recoveries - total distance?",
         {"reps": 5, "rep_distance": 1000.0, "rep_time": 220.0, "rest": 120.0}),
        ("10 repetitions of 200 m in 32 seconds", {"reps": 10, "rep_distance": 200.0, "rep_time": 32.0}),
    ],
    "even_splits": [
        ("Even splits for a 3:30:00 marathon", {"time": 12600.0, "distance": MARATHON}),
        ("What are the 5K splits for a 3:00:00 marathon?", {"distance": MARATHON, "split_distance": 5000.0}),
        ("What 400m lap times do I need for a 4:00 mile?", {"time": 240.0, "distance": MILE, "split_distance": 400.0}),
        ("Per-km splits for a 40:00 10K", {"distance": 10000.0, "split_distance": 1000.0}),
        ("Mile splits for a sub 3 marathon", {"time": 10800.0, "split_distance": MILE}),
    ],
    "lane_effect": [
        ("How much slower is lane 1 than lane 8 in the 200m for a 20.50 runner?",
         {"lane": 1, "reference_lane": 8, "time": 20.5}),
        ("Lane 2 vs lane 6 difference for a 22.80 200m", {"lane": 2, "reference_lane": 6}),
        ("What's the effect of running the 200 in lane 8 instead of lane 3 with a 21.40?",
         {"lane": 8, "reference_lane": 3, "time": 21.4}),
        ("Convert a 22.15 200m in lane 1 to lane 4", {"lane": 4, "reference_lane": 1, "time": 22.15}),
        ("How much slower is lane 2 than lane 8 in a women's 200 m?", {"sex": "women"}),
        ("How does lane assignment typically affect 200m times for elite sprinters?", {}),
    ],
    "sprint_conditions": [
        ("Hand-timed 10.3 100m with +1.5 wind at 1500 m and 30°C, what's the FAT still-air time?",
         {"hand_timed": True, "wind": 1.5, "altitude": 1500.0, "temperature": 30.0}),
        ("I ran 10.6 hand timed into a 2 m/s headwind. What's that FAT in still air?",
         {"time": 10.6, "hand_timed": True, "wind": -2.0}),
        ("10.05 100m, wind -0.8, in Mexico City at 31 °C: sea-level still-air equivalent?",
         {"wind": -0.8, "altitude": 2240.0, "temperature": 31.0}),
        ("A 20.05 200m in lane 7 with +1.1 wind at 1800 m on a 30 C day: sea-level still-air time at 25 C?",
         {"event": "200m", "lane": 7, "temperature": 30.0, "reference_temperature": 25.0}),
        ("Adjust 11.61 for wind -0.4, altitude 7350 ft and temperature 20 degrees C",
         {"time": 11.61, "wind": -0.4, "altitude": 7350 * FOOT, "temperature": 20.0}),
    ],
}

PARAMS = [(calc, q, exp) for calc, cases in CASES.items() for q, exp in cases]


def test_every_family_is_covered():
    assert set(CALCULATIONS) <= set(CASES), f"no NL cases for {sorted(set(CALCULATIONS) - set(CASES))}"
    assert all(len(v) >= 3 for v in CASES.values())


@pytest.mark.parametrize("calc, question, expected", PARAMS, ids=[f"{c}:{q[:40]}" for c, q, _ in PARAMS])
def test_question_reaches_family(calc, question, expected):
    if calc not in CALCULATIONS:
        pytest.skip(f"calculation {calc!r} is not installed (its family module has not landed)")
    r = parse_question(question)
    assert r.calculation == calc
    for k, v in expected.items():
        assert k in r.params, f"{k} missing from {r.params}"
        if isinstance(v, float):
            assert r.params[k] == pytest.approx(v, rel=1e-6), k
        elif isinstance(v, list):
            assert r.params[k] == pytest.approx(v), k
        else:
            assert r.params[k] == v, k
    sol = solve(question)
    assert sol.calculation_type == calc
    assert sol.verify().ok


# --- anchored answers from natural language ----------------------------------------------------
@pytest.mark.parametrize("question, output, value, tol", [
    # physics_anchors.md P1 [2ND]: men 100 m 10.71 = 974 points
    ("How many points is a 10.71 100m?", "points", 974, 0),
    # physics_anchors.md P3 [CALC]: combined events men 100 m 10.395 = 1000
    ("Decathlon points for a 10.395 100m", "points", 1000, 0),
    # physics_anchors.md T1 [SRC]: hand 10.87 (100 m) -> 11.14
    ("Convert a hand-timed 10.87 100m to FAT", "fat_time", 11.14, 1e-9),
    # physics_anchors.md T2 [SRC]: 0.099 is a false start, 0.100 is legal
    ("Is a reaction time of 0.099 a false start?", "false_start", 1, 0),
    ("RT 0.100 - legal or false start?", "false_start", 0, 0),
    # physics_anchors.md V1: 5 km 19:57 -> VDOT 49.95 (table 50)
    ("What's my VDOT with a 19:57 5K?", "vdot", 49.95, 0.15),
    # physics_anchors.md d4 [SRC]: 20 km + 1.6 km climb -> 32.8 km
    ("What is the equivalent flat distance of 20 km with 1600 m of climb?", "equivalent_distance", 32800.0, 1.0),
    # physics_anchors.md a1 [CALC] (a = 0.028): 10.00 s with -2 m/s -> 9.8768 s still air
    ("I ran 10.00 into a 2 m/s headwind, what's that in still air?", "time_still", 9.8768, 1e-4),
    # arithmetic: 5 miles at 8:30/mi = 42:30
    ("5 mile run at 8:30 pace", "time", 2550.0, 1e-6),
    # arithmetic: 6 x 400 m at 1:30 -> 3:45/km
    ("400 meter repeats, 6 times at 1:30", "pace", 225.0, 1e-6),
])
def test_anchored_answers(question, output, value, tol):
    calc = parse_question(question).calculation
    if calc not in CALCULATIONS:
        pytest.skip(f"{calc} not installed")
    sol = solve(question)
    got = sol.output(output).value
    assert got == pytest.approx(value, abs=tol)


def test_composite_agrees_with_wind_correction():
    # with no hand timing and temperature at the reference, the composed chain is Mureika's formula
    a = solve({"calculation": "sprint_conditions", "params": {"time": 10.0, "wind": 2.0, "altitude": 1000,
                                                              "temperature": 25}})
    b = solve({"calculation": "wind_correction", "params": {"time": 10.0, "wind": 2.0, "altitude": 1000}})
    assert a.value == pytest.approx(b.value, abs=1e-12)


EXAMPLES = [(name, q) for name, c in sorted(CALCULATIONS.items()) for q in c.examples]


@pytest.mark.parametrize("calc, question", EXAMPLES, ids=[f"{c}:{q[:40]}" for c, q in EXAMPLES])
def test_calculation_examples_parse_to_their_calculation(calc, question):
    """Each calculation's own example questions (written by its author) reach it."""
    from sprint_solver import MissingParameterError

    assert parse_question(question).calculation == calc
    try:
        sol = solve(question)
    except MissingParameterError:
        return          # an example that leaves out an input the calculation needs: refused, named
    assert sol.verify().ok
