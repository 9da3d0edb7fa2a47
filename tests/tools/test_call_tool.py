"""call_tool: solutions on success, structured errors a model can act on otherwise."""
from __future__ import annotations

import json

import pytest

from sprint_solver.tools import call_tool, tools
from sprint_solver.tools import dispatch

from .helpers import assert_result_shape, tool_names, valid_arguments

RESULT_KEYS = {"calculation", "answer", "result", "outputs", "params", "trace", "models_used", "method",
               "confidence", "confidence_reasoning", "citations", "assumptions", "warnings"}


def test_success_shape_and_value():
    r = call_tool("wind_correction", {"time": 10.0, "wind": 2.0})
    assert_result_shape(r)
    res = r["result"]
    assert set(res) == RESULT_KEYS
    # physics_anchors.md a1 worked values [CALC]: 10.00 s, +2.0 m/s, sea level, a = 0.028 -> 10.1008
    assert res["result"]["value"] == pytest.approx(10.1008, abs=1e-4)
    assert res["result"]["display"] == "10.10 s" and res["answer"] == "time_still = 10.10 s"
    assert res["models_used"] == [{"name": "wind.mureika_100m", "version": "1.0.0"}]
    assert res["citations"] and 0 < res["confidence"] <= 1
    for step in res["trace"]:
        assert {"index", "title"} <= set(step) and "inputs" not in step and "expression" not in step
    assert {o["name"] for o in res["outputs"]} == {"time_still", "correction"}


def test_json_string_arguments_and_units_in_strings():
    a = call_tool("wind_correction", '{"time": "10.00 s", "wind": "2 m/s tailwind", "altitude": "0 ft"}')
    b = call_tool("wind_correction", {"time": 10.0, "wind": 2.0})
    assert a["ok"] and a["result"]["result"] == b["result"]["result"]
    # physics_anchors.md a1 [CALC]: 10.00 s, -2.0 m/s -> 9.8768 (a = 0.028); the inverse direction
    c = call_tool("wind_correction", json.dumps({"time": 9.8768, "wind": -2.0, "direction": "from_still_air"}))
    assert c["result"]["result"]["value"] == pytest.approx(10.0, abs=1e-3)


@pytest.mark.parametrize("name", tool_names())
def test_every_tool_succeeds_deterministically(name):
    args = valid_arguments(name)
    if args is None:
        pytest.skip(f"no valid example arguments for {name}")
    r1, r2 = call_tool(name, args), call_tool(name, json.dumps(args))
    assert_result_shape(r1)
    assert r1["ok"], r1
    assert json.dumps(r1, sort_keys=True) == json.dumps(r2, sort_keys=True)
    if tools()[name].kind in ("calculation", "solve"):
        assert set(r1["result"]) == RESULT_KEYS


@pytest.mark.parametrize("name, args, etype, field", [
    ("wind_correction", {"time": 100.0, "wind": 2.0}, "invalid_value", "time"),
    ("wind_correction", {"wind": 2.0}, "missing_parameter", "time"),
    ("wind_correction", {"time": None, "wind": 2.0}, "missing_parameter", "time"),
    ("wind_correction", {"time": "fast", "wind": 2.0}, "unit_error", "time"),
    ("wind_correction", {"time": 10.0, "wind": 2.0, "windd": 1}, "invalid_value", "windd"),
    ("wind_correction", {"time": 10.0, "wind": 2.0, "event": "400m"}, "invalid_value", "event"),
    ("wind_correction", {"time": [10.0], "wind": 2.0}, "invalid_value", "time"),
    ("wind_correction", {"time": 10.0, "wind": 2.0, "lane": "x" * 500}, "too_large", "lane"),
    ("wind_correction", "{\"time\": 10.0, ", "malformed_json", "arguments"),
    ("wind_correction", "{\"time\": NaN, \"wind\": 1}", "malformed_json", "arguments"),
    ("wind_correction", {"time": float("nan"), "wind": 1.0}, "invalid_value", "time"),
    ("wind_correction", {"time": 10 ** 30, "wind": 1.0}, "invalid_value", "time"),
    ("wind_correction", "[1, 2]", "invalid_value", "arguments"),
    ("wind_correction", 42, "invalid_value", "arguments"),
    ("wind_correction", "x" * 50_000, "too_large", "arguments"),
    ("wind_correction", {"a": [[[[[[[[[[1]]]]]]]]]]}, "too_large", None),
    ("wind_correction", {"a": list(range(1000))}, "too_large", "a"),
    ("no_such_tool", {}, "unknown_tool", "name"),
    (None, {}, "unknown_tool", "name"),
    ("solve", {"question": ""}, "invalid_value", "question"),
    ("solve", {"question": "q" * 3000}, "too_large", "question"),
    ("solve", {}, "missing_parameter", "question"),
    ("list_models", {"family": "nonsense"}, "invalid_value", "family"),
    ("list_models", {"kind": "magic"}, "invalid_value", "kind"),
    ("describe_model", {"name": "wind.nope"}, "model_not_found", "model"),
])
def test_bad_calls_return_structured_errors(name, args, etype, field):
    r = call_tool(name, args)
    assert_result_shape(r)
    assert not r["ok"]
    assert r["error"]["type"] == etype, r
    if field is not None:
        assert r["error"]["field"] == field, r


def test_out_of_range_error_names_the_range_and_unit():
    e = call_tool("wind_correction", {"time": 10.0, "wind": 12.0})["error"]
    assert e == {"type": "invalid_value", "message": e["message"], "field": "wind", "value": 12.0,
                 "valid_range": {"min": -10.0, "max": 10.0}, "unit": "m/s"}


def test_unanswerable_question_suggests_the_calculation_tools():
    r = call_tool("solve", {"question": "What is the capital of France?"})
    assert not r["ok"] and r["error"]["type"] in ("unsupported", "ambiguous", "missing_parameter")
    if r["error"]["type"] == "unsupported":
        assert "wind_correction" in r["error"]["hint"]


def test_internal_errors_are_contained_without_a_traceback(monkeypatch):
    def boom(*a, **k):
        raise AttributeError("secret internals /home/x/file.py line 3")
    monkeypatch.setattr(dispatch, "solution_result", boom)
    r = call_tool("wind_correction", {"time": 10.0, "wind": 2.0})
    assert r == {"ok": False, "error": {"type": "internal_error", "message": r["error"]["message"]}}
    assert "secret" not in r["error"]["message"] and "Traceback" not in json.dumps(r)


def test_python_warnings_become_result_warnings(monkeypatch):
    import warnings

    from sprint_solver.errors import ValidityWarning

    real = dispatch.solution_result

    def warn_then(sol):
        warnings.warn("outside the validated range", ValidityWarning)
        return real(sol)
    monkeypatch.setattr(dispatch, "solution_result", warn_then)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a host that turns warnings into errors still gets a result
        r = call_tool("wind_correction", {"time": 10.0, "wind": 2.0})
    assert r["ok"] and "outside the validated range" in r["result"]["warnings"]


def test_null_arguments_and_empty_string_mean_no_arguments():
    for args in (None, "", "  ", {}):
        assert call_tool("list_models", args)["ok"]
    assert call_tool("list_models", {"family": None, "kind": None}) == call_tool("list_models", {})


def test_list_and_describe_models():
    models = call_tool("list_models", {"family": "wind", "kind": "physics"})["result"]["models"]
    assert "wind.mureika_100m" in {m["name"] for m in models}
    assert all(m["family"] == "wind" and m["kind"] == "physics" for m in models)
    card = call_tool("describe_model", {"name": "wind.mureika_100m@1.0.0"})["result"]["model"]
    assert card["name"] == "wind.mureika_100m" and card["references"]
    assert {i["name"] for i in card["inputs"]} >= {"time", "wind", "altitude"}
