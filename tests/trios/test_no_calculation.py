"""Questions that need no calculation: distinct at scale, answerable, and true to their facts."""
from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from sprint_solver import quantities as q
from sprint_solver.errors import MissingParameterError
from sprint_solver.solver import validate_params
from sprint_solver.solver.calculations import CALCULATIONS
from sprint_solver.trios import phrasing as ph
from sprint_solver.trios.queries import Query, QueryGenerator
from sprint_solver.trios.teachers.base import TeacherTask
from sprint_solver.trios.teachers.template import TemplateTeacher
from sprint_solver.trios.validate import Context, find_quantities, validate

from .conftest import dedupe_counts


def test_no_calculation_rows_survive_de_duplication_at_scale():
    """20,000 rows: generator 1.1.0 lost 914 of 1986 no-calculation rows to near-duplicate removal,
    almost all concept, capability and off-topic ones; 1.2.0 loses 5 here (5-14 over seeds 1, 2, 3, 11)."""
    n = 20_000
    total, dups = dedupe_counts(QueryGenerator(seed=1, calculations=["wind_correction"]), n,
                                lambda qy: qy.no_call_reason if qy.kind == "no_calculation" else None)
    assert sum(total.values()) > 0.08 * n
    assert sum(dups.values()) < 0.015 * sum(total.values()), dups
    # concept questions keep their share instead of collapsing to the ~20 fixed ones (1.1.0: 338 of 395 lost)
    assert dups["concept"] < 0.04 * total["concept"] and total["concept"] > 0.015 * n


def _answer(qy):
    return TemplateTeacher().write(TeacherTask(f"t{qy.index}", qy, []))


def _facts(qy):
    return ph.CONCEPT_INDEX[qy.detail].answer if qy.no_call_reason == "concept" else ""


def _concepts(n: int, seed: int = 0):
    rng = random.Random(seed)
    for i in range(n):
        cq = ph.concept_question(rng)
        yield cq, Query(i, cq.text, (), "no_calculation", 1, (), cq.template_id, "concept", cq.concept.key)


def test_every_concept_template_fills_and_every_case_has_a_verdict():
    used = Counter()
    for cq, _ in _concepts(20_000):
        assert "{" not in cq.text and "}" not in cq.text, cq.text
        used[cq.template_id.split(":")[0]] += 1
        if cq.case is not None:
            assert cq.concept.verdicts.get(cq.case), (cq.template_id, cq.text)
    every = {f"concept.{c.key}.{i}" for c in ph.CONCEPTS for i in range(len(c.questions))}
    assert every == set(used)
    assert len(ph.CONCEPTS) >= 20


def test_template_answers_to_no_calculation_rows_pass_validation():
    """Every number with a unit in a no-calculation answer comes from the question or the concept's facts."""
    g = QueryGenerator(seed=4)
    seen = Counter()
    for i in range(6000):
        qy = g.query(i)
        if qy.kind != "no_calculation":
            continue
        seen[qy.no_call_reason] += 1
        a = _answer(qy)
        v = validate(Context(a, qy.text, [], qy.kind, qy.no_call_reason, qy.detail, None, _facts(qy)))
        assert v.passed, (qy.text, a, v.reason)
    assert {"concept", "capabilities", "out_of_scope", "missing_information", "greeting"} <= set(seen)
    for cq, qy in _concepts(3000, seed=5):
        a = _answer(qy)
        v = validate(Context(a, qy.text, [], qy.kind, "concept", qy.detail, None, _facts(qy)))
        assert v.passed, (qy.text, a, v.reason)


def _said(cq) -> dict[str, str]:
    """What each slot of a concept question says, read back from the text with its template
    (the question is the last part of the text that matches; a context sentence may precede it)."""
    tpl = cq.concept.questions[cq.number]
    parts, seen = [], set()
    for lit, name in re.findall(r"([^{]*)(?:\{(\w+)\})?", tpl):
        parts.append(re.sub(r"\b([Aa])\\ ", r"\1n?\\ ", re.escape(lit)))
        if name:
            parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
            seen.add(name)
    pattern = re.compile("".join(parts), re.IGNORECASE)
    for start in sorted({0, *(m.end() for m in re.finditer(r"[.:] ", cq.text))}, reverse=True):
        m = pattern.fullmatch(cq.text, start)
        if m:
            return m.groupdict()
    raise AssertionError(f"{cq.text!r} does not read back with {tpl!r}")


def test_value_dependent_verdicts_follow_the_rule_in_the_facts():
    """The verdict is re-derived from the words of the question, read back with the quantities parsers."""
    checked = Counter()
    for cq, qy in _concepts(12_000, seed=7):
        said = _said(cq)
        if cq.case is None:
            continue
        key, facts, verdict = cq.concept.key, cq.concept.answer, cq.concept.verdicts[cq.case]
        if key == "wind_legal":
            w = q.parse_wind(next(said[k] for k in ("tail", "strong_tail", "wind") if k in said))
            # World Athletics: records need a tail wind of at most +2.0 m/s (physics_anchors.md, REFERENCE_FACTS)
            assert "at most +2.0 m/s" in facts and cq.case == ("over" if w > 2.0 else "within"), cq.text
        elif key == "wind_sign":
            w = q.parse_wind(said["wind"])
            assert cq.case == ("tail" if w > 0 else "head") and "positive number is a tail wind" in facts
        elif key == "altitude_mark":
            alt = q.parse_altitude(said["altitude"])
            assert "more than 1000 m" in facts and abs(alt - 1000.0) > 100, cq.text
            assert cq.case == ("above" if alt > 1000 else "below"), cq.text
        elif key == "hand_timing":
            # physics_anchors.md h [SRC]: +0.24 s below 300 m, +0.14 s from 300 m to under 800 m
            d = q.parse_distance(said["hand_event"].replace(" hurdles", ""))
            added = "0.24 s" if d < 300 else "0.14 s"
            assert added in verdict and added in facts, cq.text
        elif key == "altitude_effect":
            ev = next(said[k] for k in ("alt_event", "sprint_event2", "distance_event") if k in said)
            sprint = ev in ("100 m", "200 m", "100 m hurdles", "110 m hurdles")
            assert cq.case == ("sprint" if sprint else "distance"), cq.text
        elif key == "riegel":
            assert said["race_to"] == "marathon" and "beyond the half marathon" in facts
        checked[key] += 1
        assert verdict in _answer(qy)
    assert {"wind_legal", "wind_sign", "altitude_mark", "hand_timing", "altitude_effect", "riegel"} == set(checked)


@pytest.mark.filterwarnings("ignore::sprint_solver.errors.ValidityWarning")
def test_missing_information_questions_cannot_be_solved():
    g = QueryGenerator(seed=8)
    n = 0
    for i in range(4000):
        qy = g.query(i)
        if qy.no_call_reason != "missing_information":
            continue
        req = qy.requests[0]
        assert qy.detail not in req["params"] and "{" not in qy.text, qy.text
        with pytest.raises(MissingParameterError):
            validate_params(CALCULATIONS[req["calculation"]].Params, req["params"])
        n += 1
    assert n > 150


def test_questions_do_not_carry_a_solvable_request_for_the_false_start_calculation():
    # "Is 0.095 s a false start?" is a calculation; concept questions about false starts carry no reaction time
    c = ph.CONCEPT_INDEX["false_start"]
    for cq, _ in _concepts(20_000, seed=9):
        if cq.concept is c:
            assert not any(x.unit == "s" for x in find_quantities(cq.text)), cq.text


def test_greeting_replies_fit_the_greeting():
    g = QueryGenerator(seed=10, calculations=["wind_correction"])
    replies = []
    for i in range(6000):
        qy = g.query(i)
        if qy.no_call_reason == "greeting":
            a = _answer(qy)
            thanks = ph.is_thanks(qy.text)
            assert a.startswith(("You're welcome", "Glad it helped")) == thanks, (qy.text, a)
            replies.append(thanks)
    assert True in replies and False in replies


def test_articles_follow_the_filled_words():
    assert ph.articles("for a under-20 runner and a 800 m runner") == "for an under-20 runner and an 800 m runner"
    assert ph.articles("a university team, a one-line joke, a 400 m") == "a university team, a one-line joke, a 400 m"


def test_a_user_concept_question_without_reference_facts_still_gets_an_answer():
    qy = Query(0, "Why do sprinters wear spikes?", (), "no_calculation", 1, (), "user:qs.jsonl:1", "concept",
               "spikes")
    a = _answer(qy)
    assert "no reference notes" in a
    assert validate(Context(a, qy.text, [], qy.kind, "concept", qy.detail, None, "")).passed
