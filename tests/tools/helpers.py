"""Helpers for the tool tests: the registered tools, valid arguments for each, the result contract."""
from __future__ import annotations

import functools
import re
from typing import Any

from sprint_solver.tools import tools

ERROR_TYPES = {"solver_error", "unsupported", "ambiguous", "missing_parameter", "invalid_value", "unit_error",
               "registry_error", "model_not_found", "unknown_tool", "malformed_json", "too_large"}


def tool_names() -> list[str]:
    return list(tools())


def calculation_names() -> list[str]:
    return [n for n, t in tools().items() if t.kind == "calculation"]


@functools.cache
def valid_arguments(name: str) -> dict[str, Any] | None:
    """Arguments the tool accepts: from a calculation's own example questions (the
    request the solver made of them), else from the schema's ranges; None if neither works."""
    from sprint_solver.solver import Solver
    from sprint_solver.solver.calculations import CALCULATIONS
    from sprint_solver.tools import call_tool

    fixed = {"solve": {"question": "How much would a 10.0s 100m time be affected by a 2m/s headwind?"},
             "list_models": {}, "describe_model": {"name": "wind.mureika_100m"},
             "wind_correction": {"time": 10.0, "wind": 2.0}}
    if name in fixed:
        return fixed[name]
    tools()  # loads every calculation
    for q in getattr(CALCULATIONS[name], "examples", []):
        try:
            sol = Solver.default().solve(q)
        except Exception:  # noqa: BLE001 - the NL parser may not cover this family yet
            continue
        if sol.calculation_type == name and call_tool(name, sol.request["params"])["ok"]:
            return dict(sol.request["params"])
    # like a model would: start from the required arguments, then do what the errors say
    schema = tools()[name].schema
    args = {k: _value(v) for k, v in schema["properties"].items() if k in schema.get("required", [])}
    for _ in range(2 * len(schema["properties"]) + 1):
        r = call_tool(name, args)
        if r["ok"]:
            return args
        e = r["error"]
        field, rng = e.get("field"), e.get("valid_range") or {}
        if field not in schema["properties"]:
            return None
        if e["type"] == "missing_parameter" and field not in args:
            args[field] = _value(schema["properties"][field])
        elif rng.get("min") is not None and rng.get("max") is not None and \
                not isinstance(rng["min"], str) and not isinstance(rng["max"], str):
            mid = (rng["min"] + rng["max"]) / 2
            if args.get(field) == mid:
                return None
            args[field] = mid
        else:
            return None
    return None


def _value(s: dict[str, Any]) -> Any:
    if s.get("default") is not None:
        return s["default"]
    if "enum" in s:
        return s["enum"][0]
    for b in s.get("anyOf", []):
        # a quantity: its schema's own example string is a realistic value
        m = re.search(r"e\.g\. '([^']+)'", b.get("description", "")) if b.get("type") == "string" else None
        if m:
            return m.group(1)
    for b in s.get("anyOf", []):
        if b.get("type") in ("number", "integer"):
            return _value(b)
    t = s.get("type")
    if t in ("number", "integer"):
        lo, hi = s.get("minimum", s.get("exclusiveMinimum")), s.get("maximum", s.get("exclusiveMaximum"))
        v = (lo + hi) / 2 if lo is not None and hi is not None else (lo if lo is not None else (hi or 1.0))
        return int(round(v)) if t == "integer" else float(v)
    if t == "boolean":
        return False
    if t == "string":
        m = re.search(r"e\.g\. '([^']+)'", s.get("description", ""))
        return m.group(1) if m else "x"
    if t == "array":
        return [_value(s.get("items", {"type": "number"}))]
    if t == "object":
        return {k: _value(v) for k, v in s.get("properties", {}).items() if k in s.get("required", [])}
    return "x"


def assert_result_shape(r: Any) -> None:
    """The call_tool contract: a JSON-safe dict, ok + result, or not ok + structured error."""
    import json

    assert isinstance(r, dict) and isinstance(r.get("ok"), bool), r
    json.dumps(r, allow_nan=False)
    if r["ok"]:
        assert set(r) == {"ok", "result"} and isinstance(r["result"], dict)
    else:
        assert set(r) == {"ok", "error"}
        e = r["error"]
        assert e["type"] in ERROR_TYPES, e  # never internal_error: that would be a solver bug
        assert isinstance(e["message"], str) and e["message"]
        assert "Traceback" not in e["message"]
        if "valid_range" in e:
            assert set(e["valid_range"]) == {"min", "max"}
