"""Numbers an answer derives from the solver's (``validate.derived_match``).

An LLM teacher writes "1.3 % slower" or "4 m/s below the limit": numbers the solver never
wrote but that follow from its inputs, outputs and rule constants. These tests pin what each
``derived`` mode accepts and measure how often a *wrong* number gets through, so the cost of
the default is known (the figures are quoted in the README)."""
from __future__ import annotations

import random
import warnings

import pytest

from sprint_solver.errors import SolverError
from sprint_solver.solver import Solver
from sprint_solver.trios.queries import Mix, QueryGenerator
from sprint_solver.trios.validate import Context, _operand_pairs, derived_match, find_quantities, validate

Q = "How much would a 10.0 s 100 m be affected by a 2 m/s headwind?"


@pytest.fixture(scope="module")
def wind():
    s = Solver.default().solve(Q)
    assert s.result.display == "10.13 s"  # 10.00 s in still air becomes 10.13 s into a 2 m/s headwind
    return s


def _ok(answer: str, sol, derived: str = "differences+percent") -> tuple[bool, str]:
    v = validate(Context(answer, Q, [sol], derived=derived))
    return v.passed, v.reason


LEAD = "Using Mureika's wind correction (2001), the 10.00 s still-air run becomes 10.13 s into the headwind."


@pytest.mark.parametrize("tail, kind", [
    ("That is about 1.3 % slower.", "percent"),                      # 100 * 0.13 / 10.00
    ("The wind is 4 m/s away from the +2.0 m/s legal limit.", "difference"),  # |-2.0 - 2.0|
    ("It adds 0.13 s to the 10.00 s you would run without wind.", "output"),
])
def test_derived_numbers_are_accepted_by_default(wind, tail, kind):
    ok, reason = _ok(f"{LEAD} {tail}", wind)
    assert ok, reason
    if kind != "output":  # only the derived ones depend on the mode
        ok_off, reason_off = _ok(f"{LEAD} {tail}", wind, "off")
        assert not ok_off and "no solver number supports" in reason_off


def test_differences_mode_takes_no_percentages(wind):
    assert _ok(f"{LEAD} The wind is 4 m/s away from the +2.0 m/s limit.", wind, "differences")[0]
    assert not _ok(f"{LEAD} That is about 1.3 % slower.", wind, "differences")[0]


@pytest.mark.parametrize("tail", [
    "That is about 2.5 % slower.",           # the change is 1.3 %
    "The wind is 5 m/s away from the limit.",  # it is 4 m/s
    "That is 0.4 s slower than usual.",      # no pair of inputs, outputs and rules differs by 0.4 s
])
def test_wrong_derived_numbers_are_rejected(wind, tail):
    ok, reason = _ok(f"{LEAD} {tail}", wind)
    assert not ok and "no solver number supports" in reason


@pytest.mark.parametrize("tail, ok", [
    ("The headwind was 2.0 m/s.", True),    # the question's 2 m/s, restated
    ("The headwind was 3 m/s.", False),     # not the question's 2 m/s, at any precision
    ("The headwind was 2.5 m/s.", False),
    ("That adds 0.1 s.", True),             # the 0.126 s change, to the tenth
    ("That adds 0.2 s.", False),            # was taken for the 0.24 s hand-timing constant
    ("The record limit is +2.0 m/s.", True),  # a wind rule, in a wind question
])
def test_stated_numbers_are_bound_to_this_row(wind, tail, ok):
    assert _ok(f"{LEAD} {tail}", wind, "off")[0] is ok


def test_rule_constants_count_where_they_apply():
    s = Solver.default().solve("Convert a hand-timed 10.5 in the 100m to FAT")
    lead = f"Using {s.method}, the FAT equivalent is {s.result.display}."
    hand = validate(Context(f"{lead} Hand times get 0.24 s added.", s.query, [s], derived="off"))
    assert hand.passed, hand.reason
    # the same sentence in a wind correction quotes a constant that does not apply there
    wind = Solver.default().solve(Q)
    v = validate(Context(f"{LEAD} Hand times get 0.24 s added.", Q, [wind], derived="off"))
    assert not v.passed and "0.24 s" in v.reason


def test_unknown_mode_is_an_error(wind):
    qt = find_quantities("1.3 %")[0]
    with pytest.raises(ValueError, match="derived must be one of"):
        derived_match(qt, [wind], "ratios")
    assert derived_match(qt, [wind]) and not derived_match(qt, [wind], "off") and not derived_match(qt, [])


FMT = {"s": "{:.2f} s", "m/s": "{:.2f} m/s", "m": "{:.0f} m", "%": "{:.1f} %"}


def _rates(n_questions: int = 400):
    """Acceptance of true and of wrong (x1.5 or x0.5) derived numbers, per unit and mode."""
    warnings.simplefilter("ignore")
    gen = QueryGenerator(11, None, Mix(0.0, 0.0, 0.0, (0.35, 0.4, 0.25)))
    solver, rng = Solver.default(), random.Random(3)
    counts: dict[tuple[str, str, str], list[int]] = {}
    for i in range(n_questions):
        q = gen.query(i)
        try:
            s = solver.solve({**q.requests[0], "query": q.text})
        except SolverError:
            continue
        lead = f"Using {s.method}, the result is {s.result.display}."
        pairs = _operand_pairs([s])
        for u in FMT:
            src = s.result.unit if u == "%" else u
            if u == "%" and src in ("%", "", "1"):
                continue
            cand = [(a, ta, b, tb) for a, ta, b, tb in pairs.get(src, []) if abs(a - b) > 3 * (ta + tb) and b]
            if u == "%":
                cand = [(a, ta, b, tb) for a, ta, b, tb in cand
                        if 100 * ((ta + tb) + tb * abs(a - b) / abs(b)) / abs(b) <= 0.1 * 100 * abs(a - b) / abs(b)]
            if not cand:
                continue
            a, ta, b, tb = rng.choice(cand)
            true = abs(a - b) if u != "%" else 100 * abs(a - b) / abs(b)
            wrong = true * rng.choice((0.5, 1.5))
            for label, value in (("true", true), ("wrong", wrong)):
                text = f"{lead} That is {FMT[u].format(value)} from the other figure."
                for mode in ("off", "differences+percent"):
                    c = counts.setdefault((u, label, mode), [0, 0])
                    c[0] += validate(Context(text, q.text, [s], derived=mode)).passed
                    c[1] += 1
    return {k: a / n for k, (a, n) in counts.items()}


def test_measured_acceptance_of_true_and_wrong_derived_numbers():
    r = _rates()
    for u in FMT:
        # what the mode is for: a true derived number is accepted
        assert r[(u, "true", "differences+percent")] >= 0.99, (u, r)
    # what it costs: wrong numbers that match another derivation by chance (measured at 1500
    # questions, "off" -> default: seconds 4.8 % -> 6.3 %, m/s 1.0 % -> 1.0 %, metres 15 % -> 17 %,
    # percent 4.4 % -> 7.7 %)
    for u, extra in (("s", 0.10), ("m/s", 0.05), ("m", 0.08), ("%", 0.18)):
        assert r[(u, "wrong", "differences+percent")] - r[(u, "wrong", "off")] <= extra, (u, r)
    assert r[("%", "wrong", "differences+percent")] <= 0.2, r
    # rule constants count only where they apply, and the question's numbers only as written: before
    # that, a wrong number of seconds passed 15.8 % of the time (11.1 % with "off"), of metres 21 %
    assert r[("s", "wrong", "differences+percent")] <= 0.09 and r[("m", "wrong", "differences+percent")] <= 0.19, r
    # and "off" keeps rejecting true derived percentages (it only accepts numbers the solver wrote)
    assert r[("%", "true", "off")] <= 0.1, r
