"""Exported tool-use transcripts parse back through the inference-time tool-call parser.

The trio exporter and the tool interface must speak the same format: every assistant
tool call in an exported row is parsed by ``parse_tool_calls`` into the same name and
arguments, executing it with ``call_tool`` succeeds, and the tool message stored in
the row is exactly what ``call_tool`` returns now.
"""
import json
from pathlib import Path

import pytest

from sprint_solver.tools import call_tool, parse_tool_calls
from sprint_solver.trios.export import export

INPUT = Path(__file__).resolve().parents[1] / "trios" / "golden" / "trios_input.jsonl"


def _rows(out: Path):
    for f in sorted(out.glob("*.json*")):
        if f.name == "dataset_info.json":
            continue
        text = f.read_text()
        yield from (json.loads(text) if f.suffix == ".json" else [json.loads(x) for x in text.splitlines()])


def _same_result(stored: dict, now: dict) -> bool:
    """The stored tool message equals today's result; fitted models may have been refit since
    the fixture was written, so for them only the shape and the primary quantity are compared."""
    now = json.loads(json.dumps(now))
    fitted = any("fitted" in m["name"] for m in now["result"].get("models_used", []))
    if not fitted:
        return stored == now
    return (stored["ok"] and stored["result"]["calculation"] == now["result"]["calculation"]
            and stored["result"]["result"]["name"] == now["result"]["result"]["name"])


def _same_args(parsed: dict, exported: dict) -> bool:
    # strict-mode transcripts send every property (null = default): compare the non-null ones
    return {k: v for k, v in parsed.items() if v is not None} == {k: v for k, v in exported.items() if v is not None}


@pytest.mark.parametrize("fmt", ["openai-tools", "hf"])
def test_messages_formats_round_trip(fmt, tmp_path):
    export(fmt, INPUT, tmp_path, val_fraction=0)
    n = 0
    for row in _rows(tmp_path):
        msgs = row["messages"]
        for i, m in enumerate(msgs):
            if m["role"] != "assistant" or not m.get("tool_calls"):
                continue
            calls = parse_tool_calls(m)
            assert [c.name for c in calls] == [tc["function"]["name"] for tc in m["tool_calls"]]
            for c, tc in zip(calls, m["tool_calls"]):
                args = tc["function"]["arguments"]
                exported = json.loads(args) if isinstance(args, str) else args
                assert c.error is None and _same_args(c.arguments, exported)
                result = call_tool(c.name, c.arguments)
                assert result["ok"], result
                tool_msg = next(x for x in msgs[i + 1:] if x["role"] == "tool")
                assert _same_result(json.loads(tool_msg["content"]), result)
                n += 1
    assert n > 0


def test_sharegpt_round_trip(tmp_path):
    export("sharegpt", INPUT, tmp_path, val_fraction=0)
    n = 0
    for row in _rows(tmp_path):
        turns = row["conversations"]
        for i, t in enumerate(turns):
            if t["from"] != "function_call":
                continue
            calls = parse_tool_calls(t["value"])
            exported = json.loads(t["value"])
            assert len(calls) == 1 and calls[0].name == exported["name"]
            assert _same_args(calls[0].arguments, exported["arguments"])
            result = call_tool(calls[0].name, calls[0].arguments)
            assert result["ok"]
            assert turns[i + 1]["from"] == "observation"
            assert _same_result(json.loads(turns[i + 1]["value"]), result)
            n += 1
    assert n > 0
