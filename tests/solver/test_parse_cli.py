"""``sprint-solver solve``: the rendered trace, --json (the machine contract), model choice, errors."""
from __future__ import annotations

import json

from click.testing import CliRunner

from sprint_solver.cli import main

Q = "How much would a 10.0s 100m time be affected by a 2m/s headwind?"


def test_text_trace():
    r = CliRunner().invoke(main, ["solve", Q, "--verify"])
    assert r.exit_code == 0, r.output
    assert "Result: time_wind = 10.13 s" in r.output
    assert "Verification: OK" in r.output


def test_json_is_the_solution_dump():
    r = CliRunner().invoke(main, ["solve", Q, "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    for k in ("query", "calculation_type", "params", "result", "outputs", "trace", "models_used", "confidence",
              "confidence_reasoning", "assumptions", "warnings"):
        assert k in d
    assert d["calculation_type"] == "wind_correction"


def test_model_choice():
    r = CliRunner().invoke(main, ["solve", "correct 10.12 (+1.9)", "--model", "wind_model=moinat", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["models_used"][0]["name"].startswith("wind.moinat")


def test_structured_request_and_markdown():
    req = json.dumps({"calculation": "hand_timing", "params": {"hand_time": 10.87, "distance": 100}})
    r = CliRunner().invoke(main, ["solve", "--request", req, "--format", "markdown"])
    assert r.exit_code == 0, r.output
    assert "**Result:** fat_time = **11.14 s**" in r.output


def test_errors_exit_2_with_the_error_type():
    r = CliRunner().invoke(main, ["solve", "Who won the 2008 Olympic 100m?", "--json"])
    assert r.exit_code == 2
    assert json.loads(r.output)["error"]["type"] == "unsupported"
    r = CliRunner().invoke(main, ["solve", "what is my 100m time with a tailwind"])
    assert r.exit_code == 2
    assert "missing_parameter" in r.output
