"""A small, safe arithmetic-expression evaluator for solution traces.

Trace steps record their formula as text (``"t * ((1 + a) - a*exp(-0.000125*H)*(1 - w*t/d)**2)"``)
so that :meth:`Solution.verify` can re-evaluate every step from its recorded inputs.
Traces may come back from files written by someone else, so the text is never
passed to ``eval`` or ``sympify``: it is parsed with :mod:`ast` and walked over a
whitelist of numeric nodes and functions. :func:`to_sympy` builds a sympy
expression from the same whitelisted tree (for LaTeX rendering), again without
``sympify``.
"""
from __future__ import annotations

import ast
import math
from functools import lru_cache
from typing import Any, Callable, Mapping

import numpy as np
from scipy.special import lambertw as _lambertw

from ..errors import SolverError

MAX_LEN = 4000


def _interp(x: float, xs: list[float], ys: list[float]) -> float:
    return float(np.interp(x, xs, ys))


def _lambert_w0(x: float) -> float:
    return float(np.real(_lambertw(x, 0)))


def _ceil_to(x: float, r: float) -> float:
    return round(math.ceil(x / r - 1e-9) * r, 10)


def _floor_to(x: float, r: float) -> float:
    return round(math.floor(x / r + 1e-9) * r, 10)


FUNCTIONS: dict[str, Callable[..., float]] = {
    "exp": math.exp, "log": math.log, "ln": math.log, "log10": math.log10, "sqrt": math.sqrt,
    "abs": abs, "min": min, "max": max, "floor": lambda x: math.floor(x + 1e-9),
    "ceil": lambda x: math.ceil(x - 1e-9), "sign": lambda x: float(np.sign(x)),
    "where": lambda c, a, b: a if c else b, "clip": lambda x, lo, hi: min(max(x, lo), hi),
    "interp": _interp, "lambertw": _lambert_w0, "ceil_to": _ceil_to, "floor_to": _floor_to,
    "atan": math.atan, "cos": math.cos, "sin": math.sin, "tan": math.tan,
}
CONSTANTS = {"pi": math.pi, "e": math.e}

_BIN = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
        ast.Div: lambda a, b: a / b, ast.Pow: lambda a, b: a ** b, ast.Mod: lambda a, b: a % b,
        ast.FloorDiv: lambda a, b: a // b}
_CMP = {ast.Lt: lambda a, b: a < b, ast.LtE: lambda a, b: a <= b, ast.Gt: lambda a, b: a > b,
        ast.GtE: lambda a, b: a >= b, ast.Eq: lambda a, b: a == b, ast.NotEq: lambda a, b: a != b}


class ExpressionError(SolverError):
    error_type = "expression_error"


@lru_cache(maxsize=4096)
def parse(text: str) -> ast.Expression:
    """Parse and whitelist-check an expression (cached)."""
    if not isinstance(text, str) or len(text) > MAX_LEN:
        raise ExpressionError("expression must be a string of at most %d characters" % MAX_LEN)
    try:
        tree = ast.parse(text.replace("^", "**"), mode="eval")
    except SyntaxError as e:
        raise ExpressionError(f"malformed expression: {e.msg}") from None
    for node in ast.walk(tree):
        if isinstance(node, (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Compare, ast.Load,
                             ast.List, ast.Tuple, ast.IfExp, ast.BoolOp, ast.And, ast.Or)):
            continue
        if isinstance(node, (ast.operator, ast.unaryop, ast.cmpop)):
            if type(node) in _BIN or type(node) in _CMP or isinstance(node, (ast.USub, ast.UAdd, ast.Not)):
                continue
            raise ExpressionError(f"operator {type(node).__name__} is not allowed")
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) \
                and not isinstance(node.value, bool):
            continue
        if isinstance(node, ast.Name):
            continue
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS \
                and not node.keywords:
            continue
        raise ExpressionError(f"expression element {type(node).__name__} is not allowed")
    return tree


def evaluate(text: str, variables: Mapping[str, float]) -> float:
    """Evaluate ``text`` with ``variables``; raises :class:`ExpressionError` on any problem."""
    tree = parse(text)
    try:
        return float(_ev(tree.body, variables))
    except ExpressionError:
        raise
    except (OverflowError, ZeroDivisionError, ValueError, TypeError) as e:
        raise ExpressionError(f"cannot evaluate {text!r}: {e}") from None


def _ev(n: ast.AST, v: Mapping[str, Any]) -> Any:
    if isinstance(n, ast.Constant):
        return float(n.value)
    if isinstance(n, ast.Name):
        if n.id in v:
            return v[n.id]
        if n.id in CONSTANTS:
            return CONSTANTS[n.id]
        raise ExpressionError(f"unknown variable {n.id!r}")
    if isinstance(n, ast.BinOp):
        a, b = _ev(n.left, v), _ev(n.right, v)
        if isinstance(n.op, ast.Pow) and abs(b) > 1e4:
            raise ExpressionError("exponent too large")
        return _BIN[type(n.op)](a, b)
    if isinstance(n, ast.UnaryOp):
        x = _ev(n.operand, v)
        return -x if isinstance(n.op, ast.USub) else (not x if isinstance(n.op, ast.Not) else x)
    if isinstance(n, ast.Compare):
        left = _ev(n.left, v)
        for op, right_n in zip(n.ops, n.comparators):
            right = _ev(right_n, v)
            if not _CMP[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(n, ast.BoolOp):
        vals = [_ev(x, v) for x in n.values]
        return all(vals) if isinstance(n.op, ast.And) else any(vals)
    if isinstance(n, ast.IfExp):
        return _ev(n.body, v) if _ev(n.test, v) else _ev(n.orelse, v)
    if isinstance(n, (ast.List, ast.Tuple)):
        if len(n.elts) > 1000:
            raise ExpressionError("list too long")
        return [_ev(x, v) for x in n.elts]
    if isinstance(n, ast.Call):
        return FUNCTIONS[n.func.id](*[_ev(a, v) for a in n.args])  # type: ignore[attr-defined]
    raise ExpressionError(f"expression element {type(n).__name__} is not allowed")


def variables_of(text: str) -> set[str]:
    tree = parse(text)
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)
            and n.id not in FUNCTIONS and n.id not in CONSTANTS}


def to_sympy(text: str):
    """Build a sympy expression from the whitelisted tree (no ``sympify`` of text)."""
    import sympy as sp

    fmap = {"exp": sp.exp, "log": sp.log, "ln": sp.log, "sqrt": sp.sqrt, "abs": sp.Abs,
            "min": sp.Min, "max": sp.Max, "floor": sp.floor, "ceil": sp.ceiling, "sign": sp.sign,
            "lambertw": sp.LambertW, "log10": lambda x: sp.log(x, 10), "atan": sp.atan,
            "cos": sp.cos, "sin": sp.sin, "tan": sp.tan}

    def go(n: ast.AST):
        if isinstance(n, ast.Constant):
            return sp.Float(n.value) if isinstance(n.value, float) else sp.Integer(n.value)
        if isinstance(n, ast.Name):
            return sp.pi if n.id == "pi" else sp.Symbol(n.id)
        if isinstance(n, ast.BinOp):
            a, b = go(n.left), go(n.right)
            return {ast.Add: a + b, ast.Sub: a - b, ast.Mult: a * b, ast.Div: a / b,
                    ast.Pow: a ** b}.get(type(n.op), sp.Function(type(n.op).__name__)(a, b))
        if isinstance(n, ast.UnaryOp):
            x = go(n.operand)
            return -x if isinstance(n.op, ast.USub) else x
        if isinstance(n, ast.Call):
            name = n.func.id  # type: ignore[attr-defined]
            args = [go(a) for a in n.args]
            f = fmap.get(name)
            return f(*args) if f else sp.Function(name)(*args)
        if isinstance(n, (ast.List, ast.Tuple)):
            return sp.Tuple(*[go(x) for x in n.elts])
        return sp.Symbol("?")

    return go(parse(text).body)
