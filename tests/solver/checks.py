"""Shared assertion for calculation tests: solve a structured request and check its trace."""
from sprint_solver.solver.core import solve
from sprint_solver.solver.solution import Solution


def solve_checked(calc: str, options: dict | None = None, **params) -> Solution:
    """Solve, then require that verify() re-checks at least one step and finds no mismatch, and
    that the recorded request (the tool-call arguments) reproduces the same answer."""
    s = solve({"calculation": calc, "params": params}, **(options or {}))
    v = s.verify()
    assert v.ok, v.mismatches
    assert v.checked >= 1
    assert solve(s.request, **(options or {})).value == s.value
    return s
