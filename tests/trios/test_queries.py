"""The question generator: determinism, text/request agreement, diversity, kinds, user files."""
from __future__ import annotations

import json
import re
import warnings
from collections import Counter

import pytest


from sprint_solver import quantities as q
from sprint_solver.errors import SolverError, ValidityWarning
from sprint_solver.solver import Solver
from sprint_solver.solver.calculations import CALCULATIONS
from sprint_solver.trios.queries import WANTED, Mix, QueryGenerator, load_questions

from .conftest import dedupe_counts

WIND = ["wind_correction"]
#: the calculations with few inputs, whose questions used to collapse into near-duplicates
FEW_INPUTS = ["lane_effect", "hand_timing", "false_start"]


@pytest.fixture(scope="module")
def wind_queries():
    g = QueryGenerator(seed=11, calculations=WIND)
    return [g.query(i) for i in range(600)]


def test_same_seed_same_stream_and_other_seed_differs():
    a = QueryGenerator(seed=3, calculations=WIND)
    b = QueryGenerator(seed=3, calculations=WIND)
    c = QueryGenerator(seed=4, calculations=WIND)
    qa = [a.query(i) for i in range(50)]
    assert qa == [b.query(i) for i in range(50)]
    # random access gives the same question as streaming: ids and resume rely on it
    assert a.query(37) == qa[37]
    assert [x.text for x in qa] != [c.query(i).text for i in range(50)]


def test_every_structured_request_solves_and_matches_the_text(wind_queries):
    solver = Solver.default()
    checked = 0
    for qy in wind_queries:
        if qy.kind == "no_calculation":
            continue
        for req in qy.requests:
            sol = solver.solve(req)
            p = req["params"]
            # the numbers in the request are the ones the text states (parsed back by quantities)
            t = p["time"]
            shown = {f"{t:.2f}"} | ({q.format_time(t)} if t >= 60 else set())
            assert any(s in qy.text for s in shown), (qy.text, p)
            w = p["wind"]
            assert f"{abs(w):.1f}" in qy.text or f"{abs(w) / (q.MILE / 3600):.1f}" in qy.text, (qy.text, p)
            if "altitude" in p:
                assert re.search(r"\d[\d,]* ?(m|metres|ft|feet)\b", qy.text), qy.text
            assert sol.request["calculation"] == "wind_correction"
            checked += 1
    assert checked > 400


def test_direction_follows_the_wording(wind_queries):
    for qy in wind_queries:
        if qy.kind != "single" or not qy.template_id.startswith("w."):
            continue
        d = qy.requests[0]["params"].get("direction", "to_still_air")
        assert d == ("from_still_air" if ".from." in qy.template_id else "to_still_air"), qy.text


def test_diversity_kinds_and_complexity(wind_queries):
    kinds = Counter(x.kind for x in wind_queries)
    assert set(kinds) == {"single", "comparison", "compound", "no_calculation"}
    assert set(Counter(x.complexity for x in wind_queries)) == {1, 2, 3}
    assert len({x.template_id for x in wind_queries}) >= 25
    texts = [x.text for x in wind_queries]
    assert len(set(texts)) > 0.95 * len(texts)
    # several notations of the same quantity kinds occur
    assert any("mph" in t for t in texts) and any("ft" in t or "feet" in t for t in texts)
    assert any("tailwind" in t or "tail wind" in t for t in texts) and any(re.search(r"[+-]\d\.\d", t) for t in texts)


def test_no_calculation_questions_carry_their_reason(wind_queries):
    none = [x for x in wind_queries if x.kind == "no_calculation"]
    reasons = Counter(x.no_call_reason for x in none)
    assert {"concept", "out_of_scope", "missing_information"} <= set(reasons)
    for x in none:
        if x.no_call_reason == "missing_information":
            assert x.detail in ("time", "wind") and x.detail not in x.requests[0]["params"]


def test_comparison_uses_two_working_models(wind_queries):
    from sprint_solver.trios.queries import _model_word

    comp = [x for x in wind_queries if x.kind == "comparison"]
    assert comp
    for x in comp:
        a, b = (r["params"]["model"] for r in x.requests)
        assert a != b, x.text
        # named as people write them: "the fitted and Mureika models", "Moinat's model"
        for m in (a, b):
            assert any(w in x.text for w in _model_word(m)), (m, x.text)
        assert "Fitted" not in x.text, x.text


def test_mix_shares_are_respected():
    g = QueryGenerator(seed=0, calculations=WIND, mix=Mix(no_calculation=0.5, comparison=0.0, compound=0.0))
    kinds = Counter(g.query(i).kind for i in range(400))
    assert 150 < kinds["no_calculation"] < 250 and kinds["comparison"] == kinds["compound"] == 0


def test_calculations_not_registered_are_skipped_and_counted():
    g = QueryGenerator(seed=0, calculations=["wind_correction", "not_a_calculation_yet"])
    assert g.names == ["wind_correction"]
    assert g.skipped == {"not_a_calculation_yet": "not registered yet"}
    full = QueryGenerator(seed=0)
    missing = [n for n in WANTED if n not in CALCULATIONS]
    assert set(missing) <= set(full.skipped)


@pytest.mark.filterwarnings("ignore::sprint_solver.errors.ValidityWarning")
def test_every_registered_calculation_gets_questions_that_mostly_solve():
    """Generic generation from each calculation's Params: most draws must be valid requests."""
    g = QueryGenerator(seed=5)
    solver = Solver.default()
    ok = Counter()
    total = Counter()
    from sprint_solver.errors import SolverError
    for i in range(1500):
        qy = g.query(i)
        for r in qy.requests if qy.kind in ("single", "comparison", "compound") else ():
            total[r["calculation"]] += 1
            try:
                solver.solve(r)
                ok[r["calculation"]] += 1
            except SolverError:
                pass
    assert set(total) == set(g.names)
    overall = sum(ok.values()) / sum(total.values())
    assert overall > 0.85, {k: f"{ok[k]}/{total[k]}" for k in total}


def test_user_question_files(tmp_path):
    f = tmp_path / "qs.jsonl"
    f.write_text("\n".join(json.dumps(d) for d in [
        {"query": "What is 10.10 with +1.0 m/s worth?", "calculation": "wind_correction",
         "params": {"time": 10.10, "wind": 1.0}},
        {"query": "Tell me a joke", "calculation": "none", "reason": "out_of_scope"},
        {"query": "How much would a 10.0s 100m time be affected by a 2m/s headwind?"},
    ]) + "\n")
    qs = load_questions(f)
    assert [x.kind for x in qs] == ["single", "no_calculation", "single"]
    assert qs[0].requests[0]["params"]["time"] == 10.10 and not qs[0].needs_parse
    assert qs[2].needs_parse and qs[2].source == "user"
    t = tmp_path / "qs.txt"
    t.write_text("# comment\nWhat is my VDOT for a 19:57 5K?\n\n")
    assert [x.text for x in load_questions(t)] == ["What is my VDOT for a 19:57 5K?"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"query": ""}\n')
    with pytest.raises(ValueError, match="non-empty 'query'"):
        load_questions(bad)


# --- lane_effect, hand_timing, false_start: their real inputs, said ----------------------------------
@pytest.fixture(scope="module")
def few_input_queries():
    g = QueryGenerator(seed=13, calculations=FEW_INPUTS)
    return [x for x in (g.query(i) for i in range(2500)) if x.kind == "single"]


def test_few_input_questions_survive_de_duplication_at_scale():
    """20,000 rows (seed 1): generator 1.2.0 lost 55 % of the lane_effect, 31 % of the hand_timing and
    48 % of the false_start questions to near-duplicate removal (their questions said two lanes and a
    sex, a hand time to 0.1 s over 7 distances, or one reaction time). 1.3.0 also says their other real
    inputs (time in the reference lane, wind, lanes 1-9; hundredths, 10 distances, the rule; the limit)
    and loses 11.6 %, 9.4 % and 20.3 % (11.3-12.0, 8.9-10.0 and 19.6-20.9 % over seeds 1-4)."""
    n = 20_000
    total, dups = dedupe_counts(QueryGenerator(seed=1, calculations=FEW_INPUTS), n,
                                lambda qy: qy.calculations[0] if qy.kind == "single" else None)
    assert min(total.values()) > 0.2 * n, total
    rate = {c: dups[c] / total[c] for c in FEW_INPUTS}
    assert rate["lane_effect"] < 0.16 and rate["hand_timing"] < 0.14 and rate["false_start"] < 0.26, rate


def test_few_input_requests_carry_what_the_text_says(few_input_queries):
    solver = Solver.default()
    seen = Counter()
    with warnings.catch_warnings():
        warnings.simplefilter("error", ValidityWarning)  # no draw outside a model's validity
        for qy in few_input_queries:
            req, text = qy.requests[0], qy.text
            p = req["params"]
            sol = solver.solve(req)
            if qy.template_id.startswith("g."):
                continue
            seen[qy.template_id] += 1
            if req["calculation"] == "lane_effect":
                lane, ref = p["lane"], p["reference_lane"]
                assert lane != ref and f"lane {lane}" in text and f"lane {ref}" in text, text
                if "time" in p:
                    assert f"{p['time']:.2f}" in text, text
                    if qy.template_id in ("lane.2", "lane.5", "lane.7", "lane.9"):
                        # the time given is the one run in the reference lane (the Params' meaning)
                        assert re.search(rf"{p['time']:.2f}(?: ?(?:s|sec|seconds))? (?:in|from) lane {ref}\b",
                                         text), text
                        assert sol.output("time_in_lane").value == pytest.approx(
                            p["time"] + sol.output("effect").value)
                if "wind" in p:
                    w = p["wind"]
                    assert f"{abs(w):.1f}" in text or f"{abs(w) / (q.MILE / 3600):.1f}" in text, text
                    # Mureika's lane-specific wind terms stop at lane 8
                    assert max(lane, ref) <= 8 and not any("lane 9" in x for x in sol.warnings), text
                    seen["lane wind"] += 1
                seen["lane 9"] += 9 in (lane, ref)
            elif req["calculation"] == "hand_timing":
                h, dist = p["hand_time"], p["distance"]
                shown = {f"{h:.1f}", f"{h:.2f}", q.format_time(h, 1), q.format_time(h, 2)}
                assert any(x in text for x in shown) and f"{dist:g}" in text, text
                v = p.get("variant", "standard")
                assert ("masters rankings" in text) == (v == "masters"), text
                assert ("World Athletics" in text) == (v == "wa_scoring"), text
                if dist in (500.0, 600.0):
                    # where the rules differ, a question that names none could be read either way
                    assert v != "standard", text
                    seen[f"{v} {dist:g}"] += 1
                seen["hundredths"] += round(h, 1) != h
            else:
                rt = p["reaction_time"]
                limit = p.get("limit", 0.1)
                assert f"{rt:.3f}" in text, text
                if "limit" in p:
                    assert f"{limit:.3f}" in text and 0.08 <= limit < 0.1, text
                assert sol.value == (1 if round(rt * 1000) < round(limit * 1000) else 0), text
    every = {f"lane.{i}" for i in range(1, 10)} | {f"hand.{i}" for i in range(1, 6)} | {
        "hand.m.1", "hand.m.2", "hand.wa.1", "fs.1", "fs.2", "fs.3", "fs.lim.1", "fs.lim.2", "fs.lim.3"}
    assert every <= set(seen), every - set(seen)
    assert seen["lane 9"] and seen["lane wind"] > 50 and seen["hundredths"] > 50
    assert {"masters 500", "masters 600", "wa_scoring 500", "wa_scoring 600"} <= set(seen), seen


def test_hand_distances_without_a_named_rule_are_where_the_rules_agree():
    """A hand-timing question that names no rule is drawn only at distances where every published
    offset rule gives the same answer; those that name one are drawn mostly where the rules differ."""
    from sprint_solver.models.timing import HAND_FAT_VARIANTS, hand_offset_for_distance
    from sprint_solver.trios.queries import _HAND_DISTANCES, _HAND_RULED

    def offsets(d):
        return {float(hand_offset_for_distance(d, v)) for v in HAND_FAT_VARIANTS}

    assert all(len(offsets(d)) == 1 for d in _HAND_DISTANCES)
    assert {d for d in _HAND_RULED if len(offsets(d)) > 1} == {500.0, 600.0}


def test_few_input_questions_mean_what_the_solver_reads_in_them(few_input_queries):
    """Solving the text agrees with solving the structured request: lane questions with a wind,
    "I ran T in lane A; in lane B?", limits said after the reaction time and named hand-timing rules
    included, and the generic templates too (generator 1.4.0 said "... The inputs are reference lane
    8, sex men", which the parser read as lane 8)."""
    solver = Solver.default()
    checked = Counter()
    for qy in few_input_queries:
        req, tid = qy.requests[0], qy.template_id
        calc = req["calculation"]
        checked["generic"] += tid.startswith("g.")
        a, b = solver.solve(qy.text), solver.solve(req)
        assert a.calculation_type == calc and a.value == pytest.approx(b.value, abs=1e-9), (qy.text, a.request, req)
        if calc == "false_start":
            assert a.output("margin").value == pytest.approx(b.output("margin").value), qy.text
        checked[calc] += 1
    assert min(checked[c] for c in FEW_INPUTS) > 200 and checked["generic"] > 50, checked


# --- calculation questions the solver takes: the cross-field rules of run() ---------------------------
#: calculations whose run() checks inputs together (queries.RULES), where Params validation cannot see it
RULED = ["heat_adjusted_pace", "heat_index", "grade_adjusted_pace", "sprint_conditions", "altitude_correction",
         "lane_effect"]


def _rejected(g: QueryGenerator, n: int) -> tuple[list[tuple[int, str, str]], Counter]:
    from sprint_solver.errors import SolverError

    solver = Solver.default()
    bad, seen = [], Counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ValidityWarning)
        for i in range(n):
            qy = g.query(i)
            if qy.kind == "no_calculation":
                continue
            seen[qy.kind] += 1
            seen["generic"] += any(t.startswith("g.") for t in qy.template_id.replace("+cmp", "").split("&"))
            for r in qy.requests:
                try:
                    solver.solve({**r, "query": qy.text})
                except SolverError as e:
                    bad.append((i, qy.template_id, f"{r}: {type(e).__name__}: {e}"))
    return bad, seen


def test_every_calculation_question_solves():
    """Generator 1.3.0 sent about 0.5 % of its calculation questions (generic templates and compound
    parts saying inputs field by field) to the solver unsolvable: a heat-adjusted pace with no
    temperature or humidity, a grade-adjusted pace with no grade or with both a grade and a climb, a
    hand time converted from a reference time, a heat index beyond 60 degC ... (seed 2024: 33 of the
    first 6000 questions). Every single, comparison and compound question must solve."""
    bad, seen = _rejected(QueryGenerator(seed=2024), 4000)
    assert not bad, bad[:10]
    assert seen["single"] > 2500 and seen["comparison"] > 200 and seen["compound"] > 200, seen


def test_questions_of_calculations_with_cross_field_rules_solve():
    from sprint_solver.trios.queries import RULES

    assert set(RULED) == set(RULES)
    g = QueryGenerator(seed=17, calculations=RULED, mix=Mix(no_calculation=0.05, comparison=0.15, compound=0.2))
    assert g.names == sorted(RULED) and not g.skipped  # no rule names an input its calculation lacks
    bad, seen = _rejected(g, 2500)
    assert not bad, bad[:10]
    assert seen["generic"] > 100, seen  # the draws the rules mend: inputs said field by field


def test_mended_draws_are_deterministic():
    """Mending a draw (saying an input, leaving one out, solving) draws from the question's own
    generator: random access, streaming and a fresh generator give the same questions."""
    a = QueryGenerator(seed=5, calculations=RULED)
    b = QueryGenerator(seed=5, calculations=RULED)
    qa = [a.query(i) for i in range(400)]
    assert [b.query(i) for i in reversed(range(400))][::-1] == qa
    assert any(x.template_id.startswith("g.") for x in qa)


def test_rules_mend_what_run_rejects():
    import random

    from sprint_solver.trios.phrasing import GENERIC_TEMPLATES
    from sprint_solver.trios.queries import RULES, Excludes, Needs, Solves, _mend

    g = QueryGenerator(seed=0, calculations=RULED)
    gap, cond = g.plans["grade_adjusted_pace"], g.plans["sprint_conditions"]
    lay = gap.layout(GENERIC_TEMPLATES[0], True)
    broken = [r for r in gap.rules if r.broken(gap, {"pace": 300.0, "elevation_gain": 80.0})]
    assert broken == [Needs(("distance",), when=("elevation_gain", "elevation_loss"))]
    force, avoid = set(), set()
    assert not _mend(random.Random(1), gap, lay, broken, force, avoid) and force == {"distance"}
    both = {"pace": 300.0, "grade": 4.0, "distance": 5000.0, "elevation_loss": 80.0}
    broken = [r for r in gap.rules if r.broken(gap, both)]
    assert broken == [Excludes("grade", "elevation_loss")]
    _mend(random.Random(1), gap, lay, broken, force, avoid)
    assert len(avoid) == 1 and avoid <= {"grade", "elevation_loss"}
    # a value-dependent check: only the solver knows, so matching draws are solved
    solves = next(r for r in RULES["sprint_conditions"] if isinstance(r, Solves))
    cold = {"time": 10.23, "altitude": 78.0, "temperature": 3.0, "direction": "from_reference"}
    assert solves.broken(cond, cold) and not solves.broken(cond, {**cold, "temperature": 20.0})
    assert not solves.broken(cond, {**cold, "direction": "to_reference"})
    assert Excludes(("hand_timed", True), ("direction", "from_reference")).broken(
        cond, {"time": 10.2, "hand_timed": True, "direction": "from_reference"})
    assert not Excludes(("hand_timed", True), ("direction", "from_reference")).broken(cond, {"time": 10.2,
                                                                                              "hand_timed": True})


# --- generic templates: how they read, and that the solver reads them right ------------------------
@pytest.fixture(scope="module")
def generic_queries():
    """Questions with a generic template in them (single, comparison, compound, missing-input)."""
    g = QueryGenerator(seed=3)
    out = []
    for i in range(12_000):
        qy = g.query(i)
        if any(t.startswith("g.") for t in qy.template_id.replace("+cmp", "").split("&")):
            out.append(qy)
    return out


def test_every_calculation_has_a_subject_and_words_for_its_inputs():
    """Generic questions ask for a noun phrase ("the wind-corrected time for ...", not "the convert a
    hand time to ..."), and say every input in words of their own (not "sex men", "hand timed no")."""
    from sprint_solver.trios.phrasing import PROPER_WORDS, SUBJECTS, SUBJECTS_WHEN

    assert set(CALCULATIONS) <= set(SUBJECTS), set(CALCULATIONS) - set(SUBJECTS)
    verbs = {"convert", "calculate", "compute", "predict", "estimate", "find", "correct", "score", "work"}
    for name, subjects in list(SUBJECTS.items()) + [(k[0], v) for k, v in SUBJECTS_WHEN.items()]:
        for s in subjects:
            first = s.split()[0]
            assert first not in verbs and ":" not in s, (name, s)
            assert first[0].islower() or first in PROPER_WORDS, (name, s)
            assert all(w[0].islower() or w in _CAPITALS or w.isupper() for w in s.split()[1:]), (name, s)
    g = QueryGenerator(seed=0)
    for plan in g.plans.values():
        for f in plan.sayable:
            p = plan.phrase.get(f.name)
            assert p is not None, (plan.name, f.name)
            if p.key == f.name:  # said by value: every value has words
                values = (True, False) if f.kind == "bool" else f.choices
                assert {str(v) for v in values} <= set(p.options), (plan.name, f.name)
        for key in plan.subject_when:
            assert key[0] in plan.fields and key[1] in plan.fields[key[0]].choices, (plan.name, key)


#: what generator 1.4.0 wrote in generic questions: form fields ("sex men", "effort steady", "hand timed
#: no", "distance marathon", "reference lane 8", "event 200m"), doubled words ("humidity 32 percent
#: humidity") and calculation titles pasted as the thing asked for ("the convert a hand time ...")
_FORM = re.compile(r"\b(?:sex (?:men|women)|effort (?:steady|repeats)|hand timed (?:yes|no)|direction (?:to|from) "
                   r"|distance (?:marathon|half|mile)|event \d|(?:rep |target |split )?(?:time|distance|wind|pace|"
                   r"altitude|temperature|humidity|pressure|grade|reps|climb|descent|mass|height|speed|"
                   r"reference lane|dew point|reaction time|hand time) [+-]?\d)")
_DOUBLED = re.compile(r"\b(humidity|pace|time|wind|temperature|altitude|distance) [+-]?\d[^,.?!]{0,20}\b\1\b")
_TITLE_PASTED = re.compile(r"\bthe (?:convert|calculate|compute|predict|estimate)\b|"
                           r"\bthe (?:daniels|interval session:|pace, "
                           r"time and distance:)|\(or altitude\)|\(Scarf|composed\b|\bFitted\b")
#: capitalised words that may stand mid-sentence: names, acronyms and units
_CAPITALS = {"I", "I'm", "I'd", "VDOT", "FAT", "NOAA", "WBGT", "Daniels", "Daniels'", "World", "Athletics", "Hadley",
             "Hadley's", "Riegel", "Riegel's", "Cameron", "Cameron's", "Mureika", "Mureika's", "Moinat", "Moinat's",
             "Minetti", "Minetti's", "Strava", "Strava's", "CIPM-2007", "Ely", "F", "Fahrenheit", "Celsius", "K",
             "Saturday", "Sunday", "June", "PE", "Pmax"}


def test_generic_questions_read_like_a_person_wrote_them(generic_queries):
    assert len(generic_queries) > 600
    seen = Counter()
    for qy in generic_queries:
        t = qy.text
        if all(x.startswith("g.") for x in qy.template_id.replace("+cmp", "").split("&")):
            # (a compound question's other part has its own template's words: "wind +0.9, altitude 824 m")
            assert not _FORM.search(t), t
            assert not _DOUBLED.search(t), t
        assert not _TITLE_PASTED.search(t), t
        assert "my numbers" not in t, t
        assert " a 8" not in t and " a 11" not in t and "  " not in t, t
        # no capital letter mid-sentence but for names, acronyms and units (a sentence starts after
        # ". ", "? ", "! " or ": ")
        for sentence in re.split(r"(?<=[.?!:]) ", t):
            words = sentence.split()
            for w in words[1:]:
                w = w.strip(",.?!:;()\"")
                if w[:1].isupper() and w not in _CAPITALS and not w.isupper():
                    pytest.fail(f"{w!r} mid-sentence in {t!r}")
        seen[qy.kind] += 1
    assert set(seen) == {"single", "comparison", "compound", "no_calculation"}, seen


def test_generic_questions_say_literal_inputs_in_words(generic_queries):
    """A man, a steady effort, hand timing, a marathon, a direction: in words the solver reads back."""
    said = Counter()
    for qy in generic_queries:
        if qy.kind != "single" or not qy.template_id.startswith("g."):
            continue
        p, t = qy.requests[0]["params"], qy.text
        if "sex" in p:
            words = {"men": r"\b(?:men's|man|male)\b", "women": r"\b(?:women's|woman|female)\b"}
            assert re.search(words[p["sex"]], t), t
            said["sex"] += 1
        if "hand_timed" in p:
            assert ("hand" in t) == p["hand_timed"], t
            said["hand_timed"] += 1
        if p.get("distance") == q.MARATHON and qy.calculations[0] in ("vdot", "race_prediction", "pace"):
            assert re.search(r"\bmarathon\b|42\.195 km", t), t
            said["marathon"] += 1
        if "effort" in p:
            assert ("steady" in t) == (p["effort"] == "steady"), t
            said["effort"] += 1
    assert min(said.values()) > 5 and len(said) == 4, said


def _same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and a == pytest.approx(b, rel=1e-6, abs=1e-9)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def test_generic_questions_mean_what_the_solver_reads_in_them():
    """Solving a generic question's text gives the structured request, every input and default alike.
    Generator 1.4.0's generic questions ("... The inputs are distance 30,000 m and climb 2380 m",
    "reps 4, rep distance 800 metres") were misread 674 times in 1500 (seed 1); the text of these is
    the truth the parser must read."""
    g = QueryGenerator(seed=23, mix=Mix(no_calculation=0.0, comparison=0.0, compound=0.0))
    solver = Solver.default()
    seen = Counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ValidityWarning)
        for i in range(9000):
            qy = g.query(i)
            if not qy.template_id.startswith("g."):
                continue
            req = qy.requests[0]
            a, b = solver.solve(qy.text).request, solver.solve(req).request
            assert a["calculation"] == b["calculation"], (qy.text, a, req)
            diff = {k for k in set(a["params"]) | set(b["params"]) if not _same(a["params"].get(k), b["params"].get(k))}
            assert not diff, (qy.text, {k: (a["params"].get(k), b["params"].get(k)) for k in diff})
            seen[req["calculation"]] += 1
    assert set(seen) == set(g.names) and min(seen.values()) > 10, seen


def test_template_questions_mean_what_the_solver_reads_in_them():
    """The same for the hand-written templates: the text of a generated question, solved, gives its
    structured request (calculation, primary result and every input). Before the parser fixes of
    2026-12-04, 400 of 3791 such questions (seed 5) were misread: an altitude said as "at 22 m",
    "a men's 200m heat" read as the weather, "in still air, what would I run with a tail wind" read
    backwards, a rest "between reps" taken for the rep time, "what is my marathon pace" after a
    race, the number a body-metrics question names."""
    g = QueryGenerator(seed=5, mix=Mix(no_calculation=0.0, comparison=0.0, compound=0.0))
    solver = Solver.default()
    seen, misread = Counter(), []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ValidityWarning)
        for i in range(4000):
            qy = g.query(i)
            if qy.template_id.startswith("g.") or qy.kind != "single":
                continue
            seen[qy.requests[0]["calculation"]] += 1
            try:
                sa = solver.solve(qy.text)
            except SolverError as e:
                misread.append((qy.text, str(e)))
                continue
            sb = solver.solve(qy.requests[0])
            a, b = sa.request["params"], sb.request["params"]
            diff = {k: (a.get(k), b.get(k)) for k in set(a) | set(b) if not _same(a.get(k), b.get(k))}
            if sa.result.name == sb.result.name:
                diff.pop("result", None)  # named, or the calculation's default for these inputs: the same answer
            if sa.calculation_type != sb.calculation_type or diff:
                misread.append((qy.text, sa.calculation_type, sb.calculation_type, diff))
    assert not misread, misread[:5]
    assert len(seen) >= 20 and sum(seen.values()) > 3500, seen


def test_generic_missing_input_questions_stay_under_specified(generic_queries):
    """The generic under-specified questions leave their input out in words too: the solver asks for
    it (or cannot tell what is asked), it never answers one."""
    from sprint_solver.errors import SolverError

    solver = Solver.default()
    n = 0
    for qy in generic_queries:
        if qy.no_call_reason != "missing_information" or not qy.template_id.startswith("g."):
            continue
        assert qy.detail not in qy.requests[0]["params"]
        with pytest.raises(SolverError):
            solver.solve(qy.text)
        n += 1
    assert n > 100
