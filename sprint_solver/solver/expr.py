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
import operator
from functools import lru_cache
from typing import Any, Callable, Mapping

import numpy as np

from ..errors import SolverError
from ..models.base import lambertw

MAX_LEN = 4000


def _interp(x: float, xs: list[float], ys: list[float]) -> float:
    return float(np.interp(x, xs, ys))


def _lambert_w0(x: float) -> float:
    return float(lambertw()(x, 0).real)  # what np.real returns for a complex scalar, minus its dispatch


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

# the operator module's functions are the operators themselves, without a Python frame
_BIN = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
        ast.Pow: operator.pow, ast.Mod: operator.mod, ast.FloorDiv: operator.floordiv}
_CMP = {ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
        ast.Eq: operator.eq, ast.NotEq: operator.ne}
#: largest exponent ``**`` accepts (a guard against huge integer powers)
MAX_EXPONENT = 1e4


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
    fn = _compiled(text)
    try:
        return float(fn(variables))
    except ExpressionError:
        raise
    except KeyError as e:  # variable lookups are plain item access (see _compile)
        raise ExpressionError(f"unknown variable {e.args[0]!r}") from None
    except (OverflowError, ZeroDivisionError, ValueError, TypeError) as e:
        raise ExpressionError(f"cannot evaluate {text!r}: {e}") from None


@lru_cache(maxsize=4096)
def _compiled(text: str) -> Callable[[Mapping[str, Any]], Any]:
    """The whitelisted tree turned into nested closures, once per expression.

    Walking the tree on every call dominated the cost of a trace step; the closures
    do the same arithmetic without re-dispatching on node types.
    """
    return _compile(parse(text).body)


def _compile(n: ast.AST) -> Callable[[Mapping[str, Any]], Any]:
    if isinstance(n, ast.Constant):
        c = float(n.value)
        return lambda v: c
    if isinstance(n, ast.Name):
        name = n.id
        const = CONSTANTS.get(name)
        if const is None:
            # v[name] without a Python frame; evaluate() reports a missing name (KeyError)
            return operator.itemgetter(name)

        def lookup(v: Mapping[str, Any]) -> Any:  # a variable may shadow the constant
            return v[name] if name in v else const
        return lookup
    if isinstance(n, ast.BinOp):
        return _compile_binop(n)
    if isinstance(n, ast.UnaryOp):
        x = _compile(n.operand)
        if isinstance(n.op, ast.USub):
            return lambda v: -x(v)
        if isinstance(n.op, ast.Not):
            return lambda v: not x(v)
        return x
    if isinstance(n, ast.Compare):
        first = _compile(n.left)
        rest = [(_CMP[type(op)], _compile(c)) for op, c in zip(n.ops, n.comparators)]

        def compare(v: Mapping[str, Any]) -> bool:
            left = first(v)
            for op, right_f in rest:
                right = right_f(v)
                if not op(left, right):
                    return False
                left = right
            return True
        return compare
    if isinstance(n, ast.BoolOp):
        parts = [_compile(x) for x in n.values]
        if isinstance(n.op, ast.And):
            return lambda v: all([p(v) for p in parts])
        return lambda v: any([p(v) for p in parts])
    if isinstance(n, ast.IfExp):
        test, body, orelse = _compile(n.test), _compile(n.body), _compile(n.orelse)
        return lambda v: body(v) if test(v) else orelse(v)
    if isinstance(n, (ast.List, ast.Tuple)):
        if len(n.elts) > 1000:
            raise ExpressionError("list too long")
        items = [_compile(x) for x in n.elts]
        return lambda v: [i(v) for i in items]
    if isinstance(n, ast.Call):
        f = FUNCTIONS[n.func.id]  # type: ignore[attr-defined]
        args = [_compile(a) for a in n.args]
        if len(args) == 1:  # most calls (exp, sqrt, ...): no argument list to build
            a0 = args[0]
            return lambda v: f(a0(v))
        return lambda v: f(*[a(v) for a in args])
    raise ExpressionError(f"expression element {type(n).__name__} is not allowed")


def _compile_binop(n: ast.BinOp) -> Callable[[Mapping[str, Any]], Any]:
    """A binary operation; a constant operand (``x*1.609344``, ``t**2``) is captured, not called."""
    left, right, op = _compile(n.left), _compile(n.right), _BIN[type(n.op)]
    c_left = float(n.left.value) if isinstance(n.left, ast.Constant) else None
    c_right = float(n.right.value) if isinstance(n.right, ast.Constant) else None
    if isinstance(n.op, ast.Pow):
        if c_right is not None and abs(c_right) <= MAX_EXPONENT:
            return lambda v: left(v) ** c_right

        def power(v: Mapping[str, Any]) -> Any:
            a, b = left(v), right(v)
            if abs(b) > MAX_EXPONENT:
                raise ExpressionError("exponent too large")
            return a ** b
        return power
    if c_right is not None:
        return lambda v: op(left(v), c_right)
    if c_left is not None:
        return lambda v: op(c_left, right(v))
    return lambda v: op(left(v), right(v))


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
