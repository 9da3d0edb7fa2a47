"""Validation checks and the template teacher (whose answers must pass them)."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from sprint_solver import quantities as q
from sprint_solver.solver import Solver
from sprint_solver.trios.phrasing import CONCEPTS
from sprint_solver.trios.queries import Query, QueryGenerator
from sprint_solver.trios.teachers.base import TeacherTask
from sprint_solver.trios.teachers.template import TemplateTeacher
from sprint_solver.trios.validate import Context, find_quantities, validate


def wind(**params):
    return Solver.default().solve({"calculation": "wind_correction", "params": params})


def ctx(answer, sols, question="q", **kw):
    return Context(answer, question, sols, **kw)


# --- reading numbers ---------------------------------------------------------------------------
@pytest.mark.parametrize("text,value,unit", [
    ("10.13 s", 10.13, "s"), ("9.58 seconds", 9.58, "s"), ("1:31:35", 5495.0, "s"), ("2h 5m 30s", 7530.0, "s"),
    ("6:09 per mile", 369 / q.MILE * 1000, "s/km"), ("5:16/km", 316.0, "s/km"), ("4:00 min/km", 240.0, "s/km"),
    ("-1.2 m/s", -1.2, "m/s"), ("36 km/h", 10.0, "m/s"), ("4,921 ft", 4921 * q.FOOT, "m"), ("1,500 m", 1500.0, "m"),
    ("77 °F", 25.0, "degC"), ("1013 hPa", 101300.0, "Pa"), ("60%", 60.0, "%"), ("1.199 kg/m^3", 1.199, "kg/m^3"),
    ("1203 points", 1203.0, "points"), ("154 lb", 154 * q.POUND, "kg"), ("5.2 W/kg", 5.2, "W/kg"),
])
def test_find_quantities_reads_units_into_canonical_values(text, value, unit):
    found = find_quantities(f"so it is {text}, roughly")
    assert len(found) == 1
    assert found[0].unit == unit and found[0].value == pytest.approx(value, rel=1e-9)


def test_bare_numbers_and_compound_units_are_not_misread():
    found = find_quantities("lane 4, model v1.0.0 (2001), drag 0.1298 kg/m")
    assert all(x.unit == "" for x in found)


def test_quantities_do_not_span_lines_and_keep_their_offsets():
    text = "Step 1: wind 2.0 m/s\nthe margin was 5\nm later 10.13 s\n\n95 % CI"
    for _ in range(2):  # the second read comes from the line and span caches
        found = find_quantities(text)
        assert [(x.value, x.unit) for x in found] == [(1.0, ""), (2.0, "m/s"), (5.0, ""), (10.13, "s"), (95.0, "%")]
        assert all(text[x.start:].startswith(x.text) for x in found)


# --- the checks ---------------------------------------------------------------------------------
def test_template_answer_passes_and_states_result_method_and_interpretation():
    s = wind(time=10.0, wind=-2.0)  # physics_anchors.md W2 (a = 0.028): 9.8768 s
    q_ = Query(0, "I ran 10.00 with a 2.0 m/s headwind. Still-air equivalent?", ({"calculation": "wind_correction",
                                                                               "params": {"time": 10.0, "wind": -2.0}},))
    text = TemplateTeacher().write(TeacherTask("a", q_, [s]))
    assert "9.88 s" in text and "Mureika" in text and "head" in text.lower()
    v = validate(ctx(text, [s], q_.text))
    assert v.passed, v


def test_a_coded_result_is_called_the_verdict_not_by_its_name():
    # the false-start result is 0/1, said in words: naming it "false start" read "legal start (...)
    # (false start)" or "the false start is legal start"
    s = Solver.default().solve({"calculation": "false_start", "params": {"reaction_time": 0.14}})
    q_ = Query(0, "Reaction time 0.140 s: false start?", ({"calculation": "false_start",
                                                         "params": {"reaction_time": 0.14}},))
    for seed in range(12):
        text = TemplateTeacher(style_seed=seed).write(TeacherTask(f"r{seed}", q_, [s]))
        assert "legal start" in text and not re.search(r"\) \(false start\)|the false start is|False start: legal", text), text
        assert validate(ctx(text, [s], q_.text)).passed


def test_wrong_number_is_caught_with_the_nearest_solver_number():
    s = wind(time=10.0, wind=-2.0, direction="from_still_air")  # W2 inverse: 10.1265 -> "10.13 s"
    good = "Using Mureika's model (2001), the time with the wind is 10.13 s, 0.13 s slower."
    assert validate(ctx(good, [s])).passed
    v = validate(ctx(good.replace("0.13 s slower", "0.31 s slower"), [s]))
    assert not v.passed and v.failed_check == "numbers" and "0.31 s" in v.reason and "nearest" in v.reason
    v = validate(ctx("Using Mureika's model the time is about 10.1 s.", [s]))
    assert not v.passed and "primary result" in v.reason  # 10.1 is not 10.13 within the output's tolerance


def test_units_are_converted_before_comparing():
    s = Solver.default().solve({"calculation": "pace", "params": {"distance": 10000.0, "time": 2400.0}})
    per_mile = q.format_pace(s.result.value, "mi")  # 6:26/mi
    m = s.method.split("(")[0].strip()
    ans = f"That is {per_mile.replace('/mi', ' per mile')} ({q.format_pace(s.result.value, 'km')}), by {m}."
    assert validate(ctx(ans, [s])).passed, validate(ctx(ans, [s]))
    wrong = ans.replace(per_mile.split("/")[0], "6:50")
    assert validate(ctx(wrong, [s])).failed_check == "numbers"


def test_grounding_needs_the_method_and_no_contradiction():
    s = wind(time=10.0, wind=-2.0)
    v = validate(ctx("The still-air time is 9.88 s.", [s]))
    assert v.failed_check == "grounding" and "method" in v.reason
    v = validate(ctx("With Mureika's correction the tailwind helped: 9.88 s in still air.", [s]))
    assert v.failed_check == "grounding" and "tailwind" in v.reason
    v = validate(ctx("Using Moinat's model (Mureika 2001 formula): 9.88 s; the headwind cost 0.12 s.", [s]))
    assert v.failed_check == "grounding" and "Moinat" in v.reason


@pytest.mark.parametrize("answer,reason", [
    ("", "empty"), ("   ", "empty"), ("ok", "too short"), ("x" * 7000, "too long"),
    ("Answer: {result} per Mureika", "placeholder"), ("<tool_call>{}</tool_call> 9.88 s Mureika", "markup"),
    ("```python\nprint(9.88)  Mureika", "code fence"),
])
def test_format_failures(answer, reason):
    s = wind(time=10.0, wind=-2.0)
    v = validate(ctx(answer, [s]))
    assert v.failed_check == "format" and reason in v.reason


def test_truncated_answers_fail_format():
    s = wind(time=10.0, wind=-2.0)
    v = validate(ctx("Using Mureika's correction, 9.88 s and", [s], finish_reason="length"))
    assert v.failed_check == "format" and "truncated" in v.reason


def test_no_calculation_answers_may_not_invent_numbers():
    c = next(c for c in CONCEPTS if c.key == "wind_legal")
    ok = ctx("Records need a tail wind of at most +2.0 m/s.", [], "What is the wind limit?", kind="no_calculation",
             no_call_reason="concept", concept_facts=c.answer)
    assert validate(ok).passed
    bad = ctx("Records need a tail wind of at most +2.5 m/s.", [], "What is the wind limit?", kind="no_calculation",
              no_call_reason="concept", concept_facts=c.answer)
    assert validate(bad).failed_check == "numbers"
    miss = ctx("Sure, I can do that: what is it you want?", [], "Wind-correct my 10.2 in the 100m",
               kind="no_calculation", no_call_reason="missing_information", detail="wind")
    assert validate(miss).failed_check == "grounding"


def test_template_teacher_passes_on_a_generated_stream_and_varies_its_wording():
    g = QueryGenerator(seed=21, calculations=["wind_correction"])
    solver = Solver.default()
    t = TemplateTeacher()
    firsts = Counter()
    for i in range(300):
        qy = g.query(i)
        sols = [solver.solve(r) for r in qy.requests] if qy.kind != "no_calculation" else []
        text = t.write(TeacherTask(f"id{i}", qy, sols))
        facts = next((c.answer for c in CONCEPTS if c.key == qy.detail), "")
        v = validate(Context(text, qy.text, sols, qy.kind, qy.no_call_reason, qy.detail, None, facts))
        assert v.passed, (qy.text, text, v.reason)
        firsts[re.split(r"[.:]", text, 1)[0][:25]] += 1
    assert len(firsts) > 20  # not one sentence pattern repeated
    # deterministic: same id, same answer
    qy = g.query(3)
    sols = [solver.solve(r) for r in qy.requests] if qy.kind != "no_calculation" else []
    assert t.write(TeacherTask("same", qy, sols)) == t.write(TeacherTask("same", qy, sols))


@pytest.mark.filterwarnings("ignore::sprint_solver.errors.ValidityWarning")
def test_template_teacher_across_every_registered_calculation(tmp_path):
    """Integration: template answers for every calculation type pass validation (>= 97 %)."""
    from sprint_solver.trios import RunConfig, run_trios

    m = run_trios(RunConfig(n=500, out=str(tmp_path / "all"), seed=13, workers=1, progress=False))
    checks = m["approval"]["per_check"]
    for name in ("format", "numbers", "grounding"):
        assert checks[name]["rate"] >= 0.97, (name, checks[name], m["approval"]["per_calculation"])
    # and they read as written by someone careful: no doubled words ("time mile mile: 4:13"), no
    # empty lists ("Assumed: ."), no "[-inf, 45]" ranges (each was in ~1-7 % of the answers once)
    import json

    for line in open(tmp_path / "all" / "trios.jsonl", encoding="utf-8"):
        a = json.loads(line)["answer"]
        for bad in (r"\b(\w+) \1\b", r" [,.;:](?!\d)", r"\b(?:nan|inf|None)\b", r"\.\.(?!\.)", r"\(\s*\)"):
            assert not re.search(bad, a), (bad, a)
