"""The solver: question or structured request -> calculation -> :class:`Solution`.

Data flows one way: text is parsed (:mod:`.parse`) into a structured request;
the request is validated by the calculation's pydantic ``Params``; the calculation
evaluates registry models through a :class:`~.calculations.base.Context`, which
records the trace; the context becomes a :class:`~.solution.Solution`.
"""
from __future__ import annotations

import json
from collections.abc import Mapping  # isinstance against typing.Mapping is several times slower
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import (InvalidValueError, MissingParameterError, SolverError, UnsupportedQuestionError)
from ..registry import Registry
from .calculations import CALCULATIONS, Context, load_all
from .solution import Solution

MAX_QUESTION_CHARS = 2000

#: option names accepted by :meth:`Solver.solve` besides per-family ``*_model`` choices
KNOWN_OPTIONS = {"models", "penalty", "parse_notes"}


class Solver:
    """Answers questions and structured requests with a checkable trace.

    Parameters
    ----------
    registry : Registry, optional
        Model registry (default :meth:`Registry.default`).
    **defaults
        Default options, e.g. ``wind_model="moinat"`` or ``models={"wind_model": "fitted"}``.
    """

    def __init__(self, registry: Registry | None = None, **defaults: Any):
        self.registry = registry or Registry.default()
        self.defaults = defaults
        load_all()

    _default: "Solver | None" = None

    @classmethod
    def default(cls) -> "Solver":
        reg = Registry.default()
        if cls._default is None or cls._default.registry is not reg:
            cls._default = cls(reg)
        return cls._default

    # -----------------------------------------------------------------------------------
    def solve(self, question: str | Mapping[str, Any], **options: Any) -> Solution:
        """Solve a natural-language question or a structured request.

        A structured request is ``{"calculation": NAME, "params": {...}}`` (a JSON
        string of it is accepted too). Raises :class:`~sprint_solver.errors.SolverError`
        (never anything else) for questions it cannot answer or bad inputs.
        """
        opts = {**self.defaults, **options}
        if isinstance(question, str):
            text = question.strip()
            if text.startswith("{") and text.endswith("}"):
                try:
                    question = json.loads(text)
                except ValueError:
                    raise InvalidValueError("request looks like JSON but does not parse", parameter="request") from None
            else:
                return self._solve_text(question, opts)
        if not isinstance(question, Mapping):
            raise InvalidValueError(f"a request must be a string or a mapping, got {type(question).__name__}",
                                    parameter="request")
        name = question.get("calculation")
        params = question.get("params", {})
        extra_opts = question.get("options") or {}
        if not isinstance(extra_opts, Mapping):
            raise InvalidValueError("options must be an object", parameter="options")
        query = question.get("query") or _describe(name, params)
        return self.run(name, params, query=str(query), **{**opts, **extra_opts})

    def run(self, calculation: Any, params: Any, *, query: str = "", **options: Any) -> Solution:
        """Run calculation ``calculation`` with ``params`` (a mapping or a Params instance)."""
        if not isinstance(calculation, str) or calculation not in CALCULATIONS:
            raise UnsupportedQuestionError(
                f"unknown calculation {calculation!r}; known: {sorted(CALCULATIONS)}",
                parameter="calculation", value=str(calculation)[:60])
        calc = CALCULATIONS[calculation]
        if isinstance(params, BaseModel):
            p = params
        else:
            if not isinstance(params, Mapping):
                raise InvalidValueError("params must be an object", parameter="params")
            p = validate_params(calc.Params, params)
        ctx = Context(self.registry, options, query or _describe(calculation, p.model_dump()))
        penalty = options.get("penalty")
        for note in options.get("parse_notes") or []:
            ctx.assume(note)
        if penalty:
            amount, reason = penalty
            ctx.penalize(float(amount), str(reason))
        try:
            calc.run(p, ctx)
        except SolverError:
            raise
        except (ArithmeticError, ValueError, TypeError, KeyError, IndexError) as e:
            # a calculation bug or a numerical corner must still surface as SolverError
            raise SolverError(f"{calculation} failed: {type(e).__name__}: {e}") from e
        return ctx.solution(calculation, {"calculation": calculation,
                                          "params": p.model_dump(mode="json", exclude_none=True)})

    def _solve_text(self, question: str, opts: dict[str, Any]) -> Solution:
        from .parse import parse_question

        if len(question) > MAX_QUESTION_CHARS:
            raise InvalidValueError(f"question too long ({len(question)} characters; max {MAX_QUESTION_CHARS})",
                                    parameter="question", valid_range=(1, MAX_QUESTION_CHARS))
        req = parse_question(question)
        merged = {**opts, **req.options}
        merged.setdefault("parse_notes", req.notes)
        if req.penalty:
            merged["penalty"] = req.penalty
        return self.run(req.calculation, req.params, query=question, **merged)


def validate_params(model: type[BaseModel], params: Mapping[str, Any]) -> BaseModel:
    """Validate ``params``; turn pydantic errors into the project's error types."""
    try:
        return model.model_validate(dict(params))
    except ValidationError as e:
        raise _convert(model, e) from None


def _convert(model: type[BaseModel], e: ValidationError) -> SolverError:
    err = e.errors(include_url=False)[0]
    field = ".".join(str(x) for x in err.get("loc", ())) or None
    typ = err.get("type", "")
    ctx = err.get("ctx") or {}
    inner = ctx.get("error")
    if isinstance(inner, SolverError):
        inner.parameter = field or inner.parameter
        return inner
    if typ == "missing":
        desc = model.model_fields[field].description if field in model.model_fields else ""
        return MissingParameterError(field or "?", f"missing required parameter '{field}'" +
                                     (f" ({desc})" if desc else ""))
    if typ == "extra_forbidden":
        return InvalidValueError(f"unknown parameter '{field}'; known: {sorted(model.model_fields)}",
                                 parameter=field)
    if typ in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        lo, hi = _bounds(model, field)
        f = model.model_fields.get(field)
        unit = None
        if f is not None and f.description and f.description.endswith("]") and "[" in f.description:
            unit = f.description.rsplit("[", 1)[1][:-1]
        return InvalidValueError.out_of_range(field or "?", err.get("input"), lo, hi, unit)
    if typ == "literal_error":
        return InvalidValueError(f"{field}={err.get('input')!r} is not allowed; expected {ctx.get('expected')}",
                                 parameter=field, value=err.get("input"))
    return InvalidValueError(f"invalid {field}: {err.get('msg')}", parameter=field,
                             value=_short(err.get("input")))


def _bounds(model: type[BaseModel], field: str | None) -> tuple[float | None, float | None]:
    lo = hi = None
    f = model.model_fields.get(field or "")
    for m in (f.metadata if f else []):
        lo = getattr(m, "ge", getattr(m, "gt", lo)) if hasattr(m, "ge") or hasattr(m, "gt") else lo
        hi = getattr(m, "le", getattr(m, "lt", hi)) if hasattr(m, "le") or hasattr(m, "lt") else hi
    return lo, hi


def _short(v: Any) -> Any:
    s = v if isinstance(v, (int, float, bool)) or v is None else str(v)
    return s[:60] if isinstance(s, str) else s


def _describe(name: Any, params: Any) -> str:
    try:
        return f"{name}: " + json.dumps(params, sort_keys=True, default=str)[:500]
    except (TypeError, ValueError):
        return str(name)


def solve(question: str | Mapping[str, Any], **options: Any) -> Solution:
    """Solve with the default registry. See :meth:`Solver.solve`."""
    return Solver.default().solve(question, **options)
