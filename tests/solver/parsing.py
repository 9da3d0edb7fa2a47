"""Shared assertion for the parser tests: what ``parse_question`` reads from one question."""
from __future__ import annotations

import pytest

from sprint_solver.solver.parse import parse_question


def assert_reads(question: str, calc: str, expected: dict, absent: tuple[str, ...] = ()) -> None:
    """``question`` parses to calculation ``calc`` with (at least) the ``expected`` parameters,
    floats compared approximately, and none of the ``absent`` ones."""
    r = parse_question(question)
    assert r.calculation == calc, (question, r.calculation, r.params)
    for k, v in expected.items():
        assert k in r.params, f"{k} missing from {r.params}"
        assert r.params[k] == (pytest.approx(v) if isinstance(v, float) else v), (k, r.params)
    for k in absent:
        assert k not in r.params, (k, r.params)
