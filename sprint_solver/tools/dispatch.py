"""``call_tool``: run one tool call from a language model, safely.

Contract (what a host loop can rely on):

* never raises (except ``KeyboardInterrupt``/``SystemExit``); every failure is
  ``{"ok": False, "error": {"type", "message", "field"?, "value"?, "valid_range"?, "unit"?}}``
  with the error types of :mod:`sprint_solver.errors` plus ``unknown_tool``,
  ``malformed_json``, ``too_large`` and ``internal_error`` (no traceback is returned);
* success is ``{"ok": True, "result": {...}}``, JSON-serialisable without NaN;
* inputs are bounded (size of the JSON text, nesting depth, list and object sizes,
  string lengths); no code is executed; the same call gives the same answer and
  changes nothing.

Python warnings raised while solving are added to the result's ``warnings`` (so a host
running with ``-W error`` still gets an answer); ``warnings.catch_warnings`` is
process-global, so run concurrent calls in processes rather than threads if the
warning list must be exact.
"""
from __future__ import annotations

import difflib
import json
import logging
import math
import warnings
from typing import Any, Mapping

from ..errors import InvalidValueError, SolverError
from .schemas import MAX_PARAM_STRING_CHARS, ToolSpec, admits_null, families, tools

log = logging.getLogger(__name__)

#: bounds on one call's arguments (a JSON string or the equivalent object)
MAX_ARGUMENT_CHARS = 20_000
MAX_STRING_CHARS = 2_000
MAX_DEPTH = 8
MAX_ITEMS = 256
MAX_NODES = 2_000
MAX_TOOL_NAME_CHARS = 64
#: integers beyond this are not physical inputs (and would overflow float conversion)
MAX_ABS_INT = 10 ** 15


class UnknownToolError(SolverError):
    error_type = "unknown_tool"


class MalformedJSONError(InvalidValueError):
    error_type = "malformed_json"


class TooLargeError(InvalidValueError):
    error_type = "too_large"


def call_tool(name: Any, arguments: Any = None) -> dict[str, Any]:
    """Run tool ``name`` with ``arguments`` (a dict, a JSON string of one, or None).

    Returns ``{"ok": True, "result": {...}}`` or ``{"ok": False, "error": {...}}``;
    see the module docstring.

    >>> call_tool("wind_correction", '{"time": 10.0, "wind": 2.0}')["result"]["result"]["display"]  # doctest: +SKIP
    '10.10 s'
    """
    try:
        return _respond(name, arguments)
    except Exception:  # noqa: BLE001 - the host loop must never see an exception
        shown = name[:MAX_TOOL_NAME_CHARS] if isinstance(name, str) else type(name).__name__
        log.error("internal error in tool %r", shown, exc_info=True)
        return {"ok": False, "error": {"type": "internal_error",
                                       "message": "the solver failed unexpectedly on this call; this is a bug "
                                                  "in the solver, not in your arguments"}}


def _respond(name: Any, arguments: Any) -> dict[str, Any]:
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = _call(name, arguments)
    except SolverError as e:
        return error_result(e)
    except RecursionError:
        return error_result(TooLargeError("the arguments are nested too deeply", parameter="arguments"))
    notes = [str(w.message) for w in caught]
    if notes and isinstance(result.get("warnings"), list):
        result["warnings"] = list(dict.fromkeys(result["warnings"] + notes))
    return {"ok": True, "result": _jsonable(result)}


def error_result(e: SolverError) -> dict[str, Any]:
    d = e.to_dict()
    hint = getattr(e, "hint", None)
    if hint:
        d["hint"] = hint
    return {"ok": False, "error": _jsonable(d)}


# --- dispatch ----------------------------------------------------------------------------------
def _call(name: Any, arguments: Any) -> dict[str, Any]:
    table = tools()
    if not isinstance(name, str) or name not in table:
        shown = name[:MAX_TOOL_NAME_CHARS] if isinstance(name, str) else type(name).__name__
        close = difflib.get_close_matches(shown, list(table), n=1)
        raise UnknownToolError(f"unknown tool {shown!r}." + (f" Did you mean {close[0]!r}?" if close else "")
                               + f" Available tools: {', '.join(table)}", parameter="name", value=shown)
    spec = table[name]
    args = _load_arguments(arguments)
    args = _drop_nulls(spec, args)
    if spec.kind == "calculation":
        return _run_calculation(spec, args)
    if spec.kind == "solve":
        return _run_solve(spec, args)
    if spec.kind == "list_models":
        return _list_models(spec, args)
    return _describe_model(spec, args)


def _load_arguments(arguments: Any) -> dict[str, Any]:
    if arguments is None:
        return {}
    if isinstance(arguments, (bytes, bytearray)):
        if len(arguments) > MAX_ARGUMENT_CHARS * 4:
            raise _too_large_text(len(arguments))
        arguments = bytes(arguments).decode("utf-8", errors="replace")
    if isinstance(arguments, str):
        if len(arguments) > MAX_ARGUMENT_CHARS:
            raise _too_large_text(len(arguments))
        text = arguments.strip()
        if not text:
            return {}
        try:
            arguments = json.loads(text, parse_constant=_reject_constant)
        except (ValueError, RecursionError) as e:
            raise MalformedJSONError(f"arguments are not valid JSON: {_short(str(e), 120)}",
                                     parameter="arguments") from None
    if not isinstance(arguments, Mapping):
        raise InvalidValueError(f"arguments must be a JSON object, got {_json_type(arguments)}",
                                parameter="arguments")
    budget = [MAX_NODES]
    _check_json(arguments, "arguments", 0, budget)
    return dict(arguments)


def _too_large_text(n: int) -> TooLargeError:
    return TooLargeError(f"arguments are {n} characters long; at most {MAX_ARGUMENT_CHARS} are accepted",
                         parameter="arguments", valid_range=(0, MAX_ARGUMENT_CHARS), unit="characters")


def _reject_constant(c: str) -> Any:
    raise ValueError(f"{c} is not a JSON number")


def _check_json(v: Any, path: str, depth: int, budget: list[int]) -> None:
    """Only JSON values, finite numbers, and bounded sizes get past here."""
    budget[0] -= 1
    if budget[0] < 0:
        raise TooLargeError(f"arguments have more than {MAX_NODES} values", parameter="arguments",
                            valid_range=(0, MAX_NODES))
    if depth > MAX_DEPTH:
        raise TooLargeError(f"{path} is nested more than {MAX_DEPTH} levels deep", parameter=path)
    if v is None or isinstance(v, bool):
        return
    if isinstance(v, int):
        if abs(v) > MAX_ABS_INT:
            raise InvalidValueError.out_of_range(path, float(v) if abs(v) < 1e300 else "huge integer",
                                                 -MAX_ABS_INT, MAX_ABS_INT)
        return
    if isinstance(v, float):
        if not math.isfinite(v):
            raise InvalidValueError(f"{path} must be a finite number, got {v}", parameter=path, value=str(v))
        return
    if isinstance(v, str):
        if len(v) > MAX_STRING_CHARS:
            raise TooLargeError(f"{path} is {len(v)} characters long; at most {MAX_STRING_CHARS}",
                                parameter=path, valid_range=(0, MAX_STRING_CHARS), unit="characters")
        return
    if isinstance(v, (list, tuple)):
        if len(v) > MAX_ITEMS:
            raise TooLargeError(f"{path} has {len(v)} items; at most {MAX_ITEMS}", parameter=path,
                                valid_range=(0, MAX_ITEMS), unit="items")
        for i, x in enumerate(v):
            _check_json(x, f"{path}[{i}]", depth + 1, budget)
        return
    if isinstance(v, Mapping):
        if len(v) > MAX_ITEMS:
            raise TooLargeError(f"{path} has {len(v)} keys; at most {MAX_ITEMS}", parameter=path,
                                valid_range=(0, MAX_ITEMS), unit="keys")
        for k, x in v.items():
            if not isinstance(k, str):
                raise InvalidValueError(f"{path} has a non-string key {_short(repr(k), 40)}", parameter=path)
            if len(k) > MAX_TOOL_NAME_CHARS:
                raise TooLargeError(f"{path} has a key of {len(k)} characters; at most {MAX_TOOL_NAME_CHARS}",
                                    parameter=path, valid_range=(0, MAX_TOOL_NAME_CHARS), unit="characters")
            _check_json(x, k if depth == 0 else f"{path}.{k}", depth + 1, budget)
        return
    raise InvalidValueError(f"{path} is a {type(v).__name__}, not a JSON value", parameter=path)


def _drop_nulls(spec: ToolSpec, args: dict[str, Any]) -> dict[str, Any]:
    """Strict-mode callers send every argument, null meaning "not given": use the default.

    Applied at every level of nested objects, except where null is a value of a
    required argument."""
    return _without_nulls(args, spec.schema)


def _without_nulls(v: Any, schema: Any) -> Any:
    if not isinstance(schema, dict):
        return v
    if isinstance(v, list):
        items = schema.get("items") or _branch(schema, "array").get("items")
        return [_without_nulls(x, items) for x in v] if isinstance(items, dict) else v
    if not isinstance(v, dict):
        return v
    obj = schema if "properties" in schema else _branch(schema, "object", set(v))
    props = obj.get("properties")
    if not isinstance(props, dict):
        return v
    required = set(obj.get("required", []))
    return {k: _without_nulls(x, props.get(k)) for k, x in v.items()
            if x is not None or (k in required and admits_null(props.get(k)))}


def _branch(schema: dict[str, Any], kind: str, keys: set[str] | None = None) -> dict[str, Any]:
    """The union branch of type ``kind`` a value belongs to (for objects: one whose
    properties include all the value's keys)."""
    for b in schema.get("anyOf", []):
        if isinstance(b, dict) and b.get("type") == kind and \
                (keys is None or keys <= set(b.get("properties", {}))):
            return b
    return {}


def _run_calculation(spec: ToolSpec, args: dict[str, Any]) -> dict[str, Any]:
    from ..solver import Solver

    for k, v in args.items():
        # quantity strings go to regex parsers: keep them short
        if isinstance(v, str) and len(v) > MAX_PARAM_STRING_CHARS:
            raise TooLargeError(f"{k} is {len(v)} characters long; at most {MAX_PARAM_STRING_CHARS}",
                                parameter=k, valid_range=(0, MAX_PARAM_STRING_CHARS), unit="characters")
    return solution_result(Solver.default().run(spec.name, args))


def _run_solve(spec: ToolSpec, args: dict[str, Any]) -> dict[str, Any]:
    from ..solver import Solver, validate_params

    p = validate_params(spec.args, args)
    try:
        return solution_result(Solver.default().solve(p.question))
    except SolverError as e:
        if e.error_type in ("unsupported", "ambiguous"):
            calcs = [t.name for t in tools().values() if t.kind == "calculation"]
            e.hint = ("state the numbers with their units, or call a calculation tool directly: "
                      + ", ".join(calcs))
        raise


def _list_models(spec: ToolSpec, args: dict[str, Any]) -> dict[str, Any]:
    from ..registry import Registry
    from ..solver import validate_params

    p = validate_params(spec.args, args)
    reg = Registry.default()
    known = sorted(set(reg.families()) | set(families()))
    if p.family is not None and p.family not in known:
        raise InvalidValueError(f"unknown family {p.family!r}; known families: {known}",
                                parameter="family", value=p.family)
    return {"models": [{"name": m.name, "version": m.version, "family": m.spec.family, "kind": m.spec.kind,
                        "summary": m.spec.summary, "citation": m.spec.citation}
                       for m in reg.list(family=p.family, kind=p.kind)]}


def _describe_model(spec: ToolSpec, args: dict[str, Any]) -> dict[str, Any]:
    from ..registry import Registry
    from ..solver import validate_params

    p = validate_params(spec.args, args)
    m = Registry.default().get(p.name.strip())
    s = m.spec
    io_keys = ("name", "unit", "description", "dtype", "min", "max", "valid_min", "valid_max", "default",
               "required", "choices")
    card: dict[str, Any] = {
        "name": s.name, "version": s.version, "family": s.family, "kind": s.kind, "summary": s.summary,
        "citation": s.citation, "equation": s.equation,
        "inputs": [{k: v for k, v in i.model_dump().items() if k in io_keys and v is not None} for i in s.inputs],
        "outputs": [{k: v for k, v in o.model_dump().items() if k in io_keys and v is not None}
                    for o in s.outputs],
        "assumptions": list(s.assumptions), "validity": list(s.validity),
        "references": [{k: v for k, v in r.model_dump().items() if v is not None} for r in s.references],
    }
    if s.uncertainty:
        card["uncertainty"] = s.uncertainty
    if s.metrics and len(json.dumps(s.metrics, default=str)) <= 4000:
        card["metrics"] = s.metrics
    return {"model": card}


# --- results -----------------------------------------------------------------------------------
def solution_result(sol: Any) -> dict[str, Any]:
    """The compact, JSON-safe view of a :class:`~sprint_solver.solver.Solution` a model reads."""
    def output(o: Any) -> dict[str, Any]:
        d = {"name": o.name, "value": o.value, "unit": o.unit, "display": o.display}
        if o.description:
            d["description"] = o.description
        return d

    trace = []
    for st in sol.trace:
        step: dict[str, Any] = {"index": st.index, "title": st.title}
        for k in ("model", "equation", "substitution", "value", "unit", "note"):
            v = getattr(st, k, None)
            if v not in (None, "") and not (k == "unit" and st.value is None):
                step[k] = v
        trace.append(step)
    res = output(sol.result)
    return {
        "calculation": sol.calculation_type,
        "answer": f"{sol.result.name} = {sol.result.display}",
        "result": res,
        "outputs": [output(o) for o in sol.outputs],
        "params": {k: {"value": p.value, "unit": p.unit} for k, p in sol.params.items()},
        "trace": trace,
        "models_used": [{"name": m.name, "version": m.version} for m in sol.models_used],
        "method": sol.method,
        "confidence": sol.confidence,
        "confidence_reasoning": sol.confidence_reasoning,
        "citations": list(sol.citations),
        "assumptions": list(sol.assumptions),
        "warnings": list(sol.warnings),
    }


def _jsonable(v: Any) -> Any:
    """Plain JSON types only; non-finite floats become None (JSON has no NaN)."""
    if v is None or isinstance(v, (str, bool)):
        return v
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if isinstance(v, Mapping):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if hasattr(v, "tolist"):
        return _jsonable(v.tolist())
    if hasattr(v, "model_dump"):
        return _jsonable(v.model_dump(mode="json"))
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    return f if math.isfinite(f) else None


def _json_type(v: Any) -> str:
    return {list: "an array", tuple: "an array", str: "a string", bool: "a boolean", int: "a number",
            float: "a number", type(None): "null"}.get(type(v), type(v).__name__)


def _short(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 3] + "..."


__all__ = ["call_tool", "solution_result", "error_result", "UnknownToolError", "MalformedJSONError",
           "TooLargeError"]
