"""Fuzzing call_tool and the call parsers: only structured results, never an exception."""
from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sprint_solver.tools import call_tool, execute_tool_calls, parse_tool_calls, tools
from sprint_solver.tools.calls import MAX_TOOL_CALLS

from .helpers import assert_result_shape, tool_names

FUZZ = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])

scalars = (st.none() | st.booleans() | st.integers() | st.floats() |
           st.text(max_size=40) | st.sampled_from(["10 s", "9.58", "2 m/s headwind", "-2", "1:31:35", "7350 ft",
                                                   "8:30/mi", "77F", "60%", "1013 hPa", "5%", "154 lb",
                                                   "5'10\"", "36 km/h", "5 miles", "", "nan", "inf", "1e999"]))
json_values = st.recursive(scalars, lambda c: st.lists(c, max_size=6) | st.dictionaries(st.text(max_size=12), c,
                                                                                        max_size=6),
                           max_leaves=25)


def names() -> st.SearchStrategy[Any]:
    return st.sampled_from(tool_names()) | st.text(max_size=20) | st.none() | st.integers()


def arbitrary_arguments(name: Any) -> st.SearchStrategy[Any]:
    props = list(tools()[name].schema["properties"]) if isinstance(name, str) and name in tools() else []
    keys = st.sampled_from(props) | st.text(max_size=12) if props else st.text(max_size=12)
    return (json_values | st.text(max_size=300) | st.dictionaries(keys, json_values, max_size=8) |
            st.dictionaries(keys, json_values, max_size=8).map(json.dumps))


@FUZZ
@given(st.data())
def test_arbitrary_json_gives_structured_results(data):
    name = data.draw(names())
    args = data.draw(arbitrary_arguments(name))
    assert_result_shape(call_tool(name, args))


def from_schema(s: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values shaped by a JSON schema, mostly valid, sometimes just outside the bounds."""
    if "enum" in s:
        return st.sampled_from(s["enum"]) | st.text(max_size=8)
    if "anyOf" in s:
        return st.one_of([from_schema(b) for b in s["anyOf"]])
    t = s.get("type")
    if t == "null":
        return st.none()
    if t == "number":
        lo, hi = s.get("minimum"), s.get("maximum")
        inside = st.floats(min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False)
        return inside | st.floats(allow_nan=False, allow_infinity=False) | st.integers(-10 ** 6, 10 ** 6)
    if t == "integer":
        lo, hi = s.get("minimum", -1000), s.get("maximum", 1000)
        return st.integers(lo - 2, hi + 2)
    if t == "boolean":
        return st.booleans()
    if t == "string":
        return st.text(max_size=s.get("maxLength", 40) if s.get("maxLength", 40) < 60 else 60)
    if t == "array":
        return st.lists(from_schema(s.get("items", {})), max_size=8)
    if t == "object":
        return schema_arguments(s)
    return json_values


def schema_arguments(s: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    props = s.get("properties", {})
    required = set(s.get("required", []))
    req = {k: from_schema(v) for k, v in props.items() if k in required}
    opt = {k: from_schema(v) | st.none() for k, v in props.items() if k not in required}
    return st.fixed_dictionaries(req, optional=opt)


@FUZZ
@given(st.data())
def test_schema_derived_arguments_give_structured_results(data):
    name = data.draw(st.sampled_from(tool_names()))
    args = data.draw(schema_arguments(tools()[name].schema))
    r = call_tool(name, args)
    assert_result_shape(r)
    if r["ok"] and tools()[name].kind == "calculation":
        assert r["result"]["calculation"] == name
        assert all(isinstance(o["value"], float) for o in r["result"]["outputs"])
    # the JSON string form gives the same answer
    assert call_tool(name, json.dumps(args)) == r


@FUZZ
@given(st.text(max_size=400) | st.builds(lambda a, b, c: a + b + c, st.text(max_size=80),
                                          st.sampled_from(["<tool_call>", "</tool_call>", "<|python_tag|>",
                                                           '{"name": "wind_correction", "parameters": ',
                                                           '{"name": "solve", "arguments": {"question": ',
                                                           "<function=list_models>", "{", "[", ";"]),
                                          st.text(max_size=80)))
def test_parsers_survive_junk(text):
    calls = parse_tool_calls(text)
    assert len(calls) <= MAX_TOOL_CALLS
    for r in execute_tool_calls(calls):
        assert_result_shape(r.result)
        json.dumps(r.message(), allow_nan=False)


@FUZZ
@given(json_values)
def test_parsers_survive_arbitrary_messages(msg):
    for src in (msg, {"role": "assistant", "tool_calls": msg}, {"role": "assistant", "content": msg},
                {"choices": [{"message": {"tool_calls": [{"function": msg}]}}]}):
        for r in execute_tool_calls(src):
            assert_result_shape(r.result)
