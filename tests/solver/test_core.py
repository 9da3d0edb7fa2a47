"""Solver core: structured requests, the Solution contract, verify, render, safe expressions."""
import json

import pytest

from sprint_solver import SolverError, solve
from sprint_solver.errors import InvalidValueError, MissingParameterError, UnsupportedQuestionError
from sprint_solver.solver import expr
from sprint_solver.solver.solution import Solution

CONTRACT = {"query", "calculation_type", "params", "result", "outputs", "trace", "models_used", "confidence",
            "confidence_reasoning", "assumptions", "warnings"}


def wind(**params):
    return solve({"calculation": "wind_correction", "params": params})


def test_contract_fields_and_units():
    s = wind(time=10.0, wind=-2.0, direction="from_still_air")
    d = s.model_dump()
    assert CONTRACT <= set(d)
    assert set(d["result"]) >= {"name", "value", "unit", "display"}
    for step in d["trace"]:
        assert set(step) >= {"index", "title", "model", "equation", "substitution", "value", "unit", "note"}
    assert d["models_used"] == [{"name": "wind.mureika_100m_inverse", "version": "1.0.0"}]
    assert all(o["unit"] in ("s", "m/s", "1") for o in d["outputs"])
    # physics_anchors.md W2 with a=0.028: 10.00 s at -2 m/s corrects to 9.8768; inverse of 10.00 -> 10.1265
    assert s.result.value == pytest.approx(10.1265, abs=1e-4)
    assert s.result.display == "10.13 s"
    Solution.model_validate(json.loads(s.model_dump_json()))  # the dump round-trips through the schema


def test_verify_passes_and_detects_tampering():
    s = wind(time=9.58, wind=0.9, altitude=34)
    assert s.verify().ok
    bad = s.model_copy(deep=True)
    bad.trace[-2].value += 0.01
    v = bad.verify()
    assert not v.ok and v.mismatches


def test_models_and_directions():
    a = wind(time=10.0, wind=2.0, model="moinat")
    assert a.models_used[0].name == "wind.moinat_2018"
    assert a.result.value == pytest.approx(10.0826, abs=1e-4)  # W6
    b = wind(event="200m", time=20.0, wind=2.0)
    assert b.output("correction").value == pytest.approx(0.1189, abs=1e-4)  # W4
    opt = solve({"calculation": "wind_correction", "params": {"time": 10.0, "wind": 2.0}}, wind_model="moinat")
    assert opt.models_used[0].name == "wind.moinat_2018"
    for s in (a, b, opt):
        assert s.verify().ok


def test_out_of_validated_range_lowers_confidence():
    s = wind(time=10.0, wind=6.0)
    assert s.confidence < 1.0 and s.warnings and "validated" in s.confidence_reasoning


def test_request_round_trip():
    s = wind(time=10.0, wind=1.5, altitude=2250)
    again = solve(s.request)
    assert again.result.value == s.result.value


@pytest.mark.parametrize("req,err,field", [
    ({"calculation": "nope", "params": {}}, UnsupportedQuestionError, "calculation"),
    ({"calculation": "wind_correction", "params": {"wind": 1}}, MissingParameterError, "time"),
    ({"calculation": "wind_correction", "params": {"time": 10, "wind": 45}}, InvalidValueError, "wind"),
    ({"calculation": "wind_correction", "params": {"time": 10, "wind": 1, "typo": 3}}, InvalidValueError, "typo"),
    ({"calculation": "wind_correction", "params": {"time": 10, "wind": 1, "event": "400m"}}, InvalidValueError,
     "event"),
    ({"calculation": "wind_correction", "params": "x"}, InvalidValueError, "params"),
])
def test_bad_requests(req, err, field):
    with pytest.raises(err) as e:
        solve(req)
    assert e.value.parameter == field
    d = e.value.to_dict()
    json.dumps(d)
    assert d["type"] == err.error_type


def test_render_formats():
    s = wind(time=10.0, wind=2.0, altitude=1000)
    assert "Mureika" in s.render("text")
    assert s.render("markdown").startswith("**Question:**")
    assert r"\begin{enumerate}" in s.render("latex")
    with pytest.raises(ValueError):
        s.render("html")


@pytest.mark.parametrize("hostile", [
    "__import__('os').system('echo hi')", "().__class__.__bases__", "open('/etc/passwd')",
    "lambda: 1", "x if True else y; 1", "9**9**9**9", "[x for x in range(10)]", "a.b", "f'{1}'",
])
def test_expression_evaluator_refuses_code(hostile):
    with pytest.raises(SolverError):
        expr.evaluate(hostile, {"x": 1.0, "y": 2.0, "a": 1.0})


def test_expression_evaluator_math():
    assert expr.evaluate("t*((1 + a) - a*exp(-0.000125*H)*(1 - w*t/d)**2)",
                         {"t": 10.0, "a": 0.03, "H": 0.0, "w": 2.0, "d": 100.0}) == pytest.approx(10.108)
    assert expr.evaluate("interp(x, [0, 10], [0, 1])", {"x": 5.0}) == 0.5
    assert expr.evaluate("ceil_to(10.871, 0.1)", {}) == pytest.approx(10.9)
