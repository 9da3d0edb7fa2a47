"""The text path of the lane effect, the hand-timing rule and the false-start check.

Phrasings the question generator (sprint_solver/trios/phrasing.py) writes for these
calculations, which the parser used to misread: a lane comparison with a wind (routed to
the wind correction), "I ran T in lane A ... in lane B?" (A taken for the lane asked
about), a false-start limit said after "lowered to" or with a unit, and an opener
"Question from a masters sprinter:" choosing the masters hand-timing rule.
"""
from __future__ import annotations

import pytest

from sprint_solver import solve
from sprint_solver.solver.parse import parse_question

from .parsing import assert_reads


_reads = assert_reads


# --- lane questions that mention a wind ---------------------------------------------------------
@pytest.mark.parametrize("question, expected", [
    ("In a men's 200 m with a +1.2 m/s wind, how much does lane 8 gain over lane 4?",
     {"lane": 8, "reference_lane": 4, "wind": 1.2, "sex": "men"}),
    ("I run 20.84 from lane 4; with a 1.0 m/s tailwind what would I expect in lane 7?",
     {"lane": 7, "reference_lane": 4, "time": 20.84, "wind": 1.0}),
    ("Is lane 6 a disadvantage in the men's 200 m compared with lane 1 in a race with a head wind of 1.0 m/s?",
     {"lane": 6, "reference_lane": 1, "wind": -1.0}),
    ("25.45 seconds in lane 8, wind -0.2: what is that women's 200 m worth in lane 2?",
     {"lane": 2, "reference_lane": 8, "time": 25.45, "wind": -0.2, "sex": "women"}),
    ("A women's 200 m runner moves from lane 7 to lane 4. With a wind reading of +0.9, how much faster or "
     "slower should they be?", {"lane": 4, "reference_lane": 7, "wind": 0.9, "sex": "women"}),
    ("A 21.00 s men's 200 m sprinter drew lane 6 instead of lane 4. What should we expect in a race with a "
     "+1.2 m/s tailwind?", {"lane": 6, "reference_lane": 4, "time": 21.0, "wind": 1.2}),
    ("Our women's 200 m sprinter ran 29.80 s from lane 2 with a 2.2 mph tailwind. In the next round they drew "
     "lane 1; with the same wind, what time should we expect?",
     {"lane": 1, "reference_lane": 2, "time": 29.8, "wind": 2.2 * 0.44704}),
    ("How different is lane 3 from lane 5 in a women's 200 m run with no wind (0.0 m/s)?",
     {"lane": 3, "reference_lane": 5, "wind": 0.0}),
    ("Lanes 2 and 6 with a 0.5 m/s headwind: how do they compare in the 200m?",
     {"lane": 2, "reference_lane": 6, "wind": -0.5}),
])
def test_lane_comparison_with_a_wind_is_a_lane_question(question, expected):
    _reads(question, "lane_effect", expected)
    sol = solve(question)
    assert sol.calculation_type == "lane_effect" and sol.verify().ok


@pytest.mark.parametrize("question, expected", [
    # one lane next to a wind: a wind correction (the lane picks Mureika's 200 m lane terms)
    ("lane 4, wind +1.5, 10.05 s 100 m", {"time": 10.05, "wind": 1.5, "event": "100m"}),
    ("What is a 20.10 200m with +1.5 m/s wind in lane 6 worth in calm conditions?",
     {"time": 20.1, "wind": 1.5, "lane": 6}),
    ("200m: 20.45 with a 0.8 m/s headwind in lane 3, calm-air equivalent for a woman?",
     {"time": 20.45, "wind": -0.8, "lane": 3}),
    ("The same lane twice: 20.31 in lane 5 with a -0.6 m/s wind in the 200m, lane 5 again next round. "
     "Still-air time?", {"time": 20.31, "wind": -0.6, "lane": 5}),
    # two lanes, but the still-air time is asked for
    ("20.30 in lane 3 with +1.5 m/s wind: what is that in still air in lane 5?", {"time": 20.3, "wind": 1.5}),
])
def test_a_wind_with_incidental_lanes_stays_a_wind_correction(question, expected):
    _reads(question, "wind_correction", expected)


# --- the lane the time was run in is the reference lane -----------------------------------------
@pytest.mark.parametrize("question, lane, ref, time", [
    ("I ran 21.14 seconds in lane 5 of a men's 200 m. What would that be in lane 7?", 7, 5, 21.14),
    ("I run 20.84 from lane 4; what would I expect in lane 7?", 7, 4, 20.84),
    ("Coach here. 22.31 in lane 2: what would that be worth in lane 6 for a woman?", 6, 2, 22.31),
    ("She clocked 23.40 s out of lane 1 in the women's 200 m; what about lane 5?", 5, 1, 23.4),
    ("I usually run 20.59s in lane 1 in the men's 200 m. What time should I expect if I move to lane 3?",
     3, 1, 20.59),
    # readings that already worked: the first lane is the one asked about unless the time was run in it
    ("A 20.30 200m runner drew lane 1 instead of lane 4: what should we expect?", 1, 4, 20.3),
    ("How much slower is lane 1 than lane 8 in the 200m for a 20.50 runner?", 1, 8, 20.5),
    ("Convert a 22.15 200m in lane 1 to lane 4", 4, 1, 22.15),
])
def test_time_run_in_a_lane_makes_it_the_reference(question, lane, ref, time):
    _reads(question, "lane_effect", {"lane": lane, "reference_lane": ref, "time": time})
    sol = solve(question)
    # the time given is the one in the reference lane: the expected time is that time plus the effect
    assert sol.output("time_in_lane").value == pytest.approx(time + sol.output("effect").value)


# --- the false-start limit ----------------------------------------------------------------------
@pytest.mark.parametrize("question, rt, limit", [
    ("Is 0.129 off the blocks a false start if the limit is lowered to 0.090?", 0.129, 0.090),
    ("Is 0.218 s off the blocks a false start if the limit is lowered to 0.095?", 0.218, 0.095),
    ("Would a reaction time of 0.160 be a false start if the threshold were 0.090 seconds?", 0.160, 0.090),
    ("Some researchers argue the false-start limit should be lowered. Would a reaction of 0.104 be legal "
     "with a limit of 0.080 s?", 0.104, 0.080),
    ("With a 90 ms limit, is 95 ms a false start?", 0.095, 0.090),
    ("If the false-start threshold drops to 0.090, is a 0.092 reaction legal?", 0.092, 0.090),
    ("Is 0.099 a false start if the cut-off is 0.1?", 0.099, 0.1),
])
def test_false_start_limit_is_read_wherever_it_is_said(question, rt, limit):
    _reads(question, "false_start", {"reaction_time": rt, "limit": limit})
    sol = solve(question)
    assert sol.output("margin").value == pytest.approx(round(rt * 1000 - limit * 1000) / 1000)


@pytest.mark.parametrize("question, rt", [
    ("Is a reaction time of 0.099 a false start?", 0.099),
    ("The start system showed 0.112 s for lane 4. False start or not?", 0.112),
    ("Under the limit, is the 0.095 legal? He reacted in 0.095 s.", 0.095),
])
def test_no_limit_said_keeps_the_rule_limit(question, rt):
    _reads(question, "false_start", {"reaction_time": rt}, absent=("limit",))


# --- which hand-timing rule ---------------------------------------------------------------------
@pytest.mark.parametrize("question, variant", [
    # a rule named in the question wins over "masters" in a greeting
    ("Question from a masters sprinter: using the World Athletics tables' hand-time rule, what is a "
     "hand-timed 1:09.5 500m in FAT?", "wa_scoring"),
    ("Hi, masters sprinter here. What is a hand-timed 1:20.4 600 m in FAT under the IAAF rule?", "wa_scoring"),
    # the masters rule when it is named as a rule
    ("Convert 22.4 hand timed 200m to FAT using the masters rule", "masters"),
    ("Under the masters rankings rule, what is a hand-timed 1:10.2 500 m in FAT?", "masters"),
    ("Convert a hand time of 1:20.44 over 600 m to FAT for the masters rankings.", "masters"),
    ("Question from a masters sprinter: under the masters rankings rule, what is a hand-timed 54.3 400m in FAT?",
     "masters"),
    ("Using WMA rules, what's a hand-timed 54.3 400m in FAT?", "masters"),
])
def test_named_hand_timing_rule(question, variant):
    _reads(question, "hand_timing", {"variant": variant})


@pytest.mark.parametrize("question", [
    "Question from a masters sprinter: what is a hand-timed 12.7 s 100 metres in FAT?",
    "Question from a masters sprinter: the stopwatch read 1:15.31 for my 600 m. What is the FAT equivalent?",
    "I'm a masters sprinter: convert a hand time of 1:10.2 over 500 m to FAT.",
])
def test_masters_athlete_is_not_the_masters_rule(question):
    """'masters' describing the athlete chooses no rule: the standard one applies, with a note."""
    _reads(question, "hand_timing", {}, absent=("variant",))
    r = parse_question(question)
    assert any("masters" in n and "standard" in n for n in r.notes), r.notes
    sol = solve(question)
    standard = solve({"calculation": "hand_timing", "params": {"hand_time": r.params["hand_time"],
                                                               "distance": r.params["distance"]}})
    assert sol.value == pytest.approx(standard.value)
