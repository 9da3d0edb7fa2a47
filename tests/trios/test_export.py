"""Exports: golden files per format, format rules, split, and served-schema parity.

Golden files: ``tests/trios/golden/<format>/``, made from the fixed rows in
``golden/trios_input.jsonl`` with the fixed tool list ``golden/tools_<fmt>.json`` (so a new
calculation elsewhere in the project does not change them). Regenerate after an intended
format change with ``UPDATE_GOLDEN=1 python -m pytest tests/trios/test_export.py``.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

from sprint_solver.trios.export import FORMATS, check_sharegpt, export, iter_rows, split_ids, tool_results

GOLDEN = Path(__file__).parent / "golden"
INPUT = GOLDEN / "trios_input.jsonl"
TOOLS = {"openai-tools": "openai", "sharegpt": "hf", "hf": "hf"}


def _tools(fmt: str):
    t = TOOLS.get(fmt)
    return json.loads((GOLDEN / f"tools_{t}.json").read_text()) if t else None


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(fmt, tmp_path):
    out = tmp_path / fmt
    export(fmt, INPUT, out, val_fraction=0.3, split_seed=1, tools=_tools(fmt))
    gold = GOLDEN / fmt
    if os.environ.get("UPDATE_GOLDEN"):
        gold.mkdir(parents=True, exist_ok=True)
        for f in out.iterdir():
            (gold / f.name).write_bytes(f.read_bytes())
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in gold.iterdir())
    for f in gold.iterdir():
        assert (out / f.name).read_bytes() == f.read_bytes(), f"{fmt}/{f.name} differs from the golden file"


def _load(path: Path):
    text = path.read_text()
    return json.loads(text) if path.suffix == ".json" else [json.loads(x) for x in text.splitlines()]


def _all(fmt: str, out: Path):
    rows = []
    for f in sorted(out.glob("*.json*")):
        if f.name != "dataset_info.json":
            rows += _load(f)
    return rows


def test_openai_tool_transcript_rules(tmp_path):
    export("openai-tools", INPUT, tmp_path, val_fraction=0, tools=_tools("openai-tools"))
    src = list(iter_rows(INPUT))
    got = _all("openai-tools", tmp_path)
    assert len(got) == len(src)
    for row, ex in zip(src, got):
        msgs = ex["messages"]
        assert [m["role"] for m in msgs[:2]] == ["system", "user"] and msgs[-1]["role"] == "assistant"
        assert msgs[-1]["content"] == row["answer"] and msgs[1]["content"] == row["query"]
        calls = row["solution_method"]["calls"]
        tc = [m for m in msgs if m.get("tool_calls")]
        tools_msgs = [m for m in msgs if m["role"] == "tool"]
        assert len(tc) == len(tools_msgs) == len(calls)
        for m, t, c, res in zip(tc, tools_msgs, calls, tool_results(row)):
            call = m["tool_calls"][0]
            assert isinstance(call["function"]["arguments"], str)  # OpenAI: a JSON string
            args = json.loads(call["function"]["arguments"])
            assert {k: v for k, v in args.items() if v is not None} == c["arguments"]
            strict = next(d for d in ex["tools"] if d["function"]["name"] == c["name"])["function"]
            assert set(args) == set(strict["parameters"]["properties"])  # strict mode: every property sent
            assert t["tool_call_id"] == call["id"] and json.loads(t["content"]) == res
        if row["metadata"]["kind"] == "no_calculation":
            assert not tc and [m["role"] for m in msgs] == ["system", "user", "assistant"]
        assert ex["parallel_tool_calls"] is False


def test_hf_arguments_are_dicts_and_tool_messages_named(tmp_path):
    export("hf", INPUT, tmp_path, val_fraction=0, tools=_tools("hf"))
    for ex in _all("hf", tmp_path):
        for m in ex["messages"]:
            for c in m.get("tool_calls", []):
                assert isinstance(c["function"]["arguments"], dict)
            if m["role"] == "tool":
                assert m["name"] in ("wind_correction", "pace") and isinstance(m["content"], str)


def test_sharegpt_turn_order_and_dataset_info(tmp_path):
    export("sharegpt", INPUT, tmp_path, val_fraction=0.3, split_seed=1, tools=_tools("sharegpt"), name="sprint")
    for ex in _all("sharegpt", tmp_path):
        check_sharegpt(ex["conversations"])
        assert isinstance(ex["tools"], str) and json.loads(ex["tools"]) == _tools("sharegpt")
        for t in ex["conversations"]:
            if t["from"] == "function_call":
                v = json.loads(t["value"])
                assert set(v) == {"name", "arguments"} and isinstance(v["arguments"], dict)
    info = json.loads((tmp_path / "dataset_info.json").read_text())
    assert info["sprint"] == {"file_name": "train.json", "formatting": "sharegpt",
                              "columns": {"messages": "conversations", "system": "system", "tools": "tools"}}
    assert info["sprint_validation"]["file_name"] == "validation.json"
    with pytest.raises(ValueError, match="turn 2"):
        check_sharegpt([{"from": "human", "value": "x"}, {"from": "observation", "value": "y"}])
    with pytest.raises(ValueError, match="end"):
        check_sharegpt([{"from": "human", "value": "x"}])


def test_alpaca_rows(tmp_path):
    export("alpaca", INPUT, tmp_path, val_fraction=0)
    src = list(iter_rows(INPUT))
    got = _all("alpaca", tmp_path)
    assert [g["instruction"] for g in got] == [r["query"] for r in src]
    assert all(set(g) == {"instruction", "input", "output", "system"} for g in got)
    assert json.loads((tmp_path / "dataset_info.json").read_text())["sprint_trios"]["columns"]["prompt"] == "instruction"


def test_split_is_deterministic_stratified_and_order_free(tmp_path):
    rows = [{"id": f"x-{i:09d}", "metadata": {"calculation_type": "a" if i % 3 else "b"}} for i in range(300)]
    val = split_ids(iter(rows), 0.2, 5)
    assert split_ids(iter(reversed(rows)), 0.2, 5) == val  # independent of file order
    by = Counter(r["metadata"]["calculation_type"] for r in rows if r["id"] in val)
    assert by == {"a": 40, "b": 20}  # 20 % of each calculation type
    assert split_ids(iter(rows), 0.2, 6) != val


def test_exported_tools_are_exactly_the_served_ones(tmp_path):
    from sprint_solver.tools import tool_definitions

    for fmt, tfmt in TOOLS.items():
        out = tmp_path / fmt
        export(fmt, INPUT, out, val_fraction=0)
        ex = _all(fmt, out)[0]
        tools = json.loads(ex["tools"]) if fmt == "sharegpt" else ex["tools"]
        assert tools == tool_definitions(tfmt)


def test_rejected_rows_are_not_exported_and_bad_input_is_reported(tmp_path):
    rows = [json.loads(x) for x in INPUT.read_text().splitlines()]
    rows[0]["metadata"]["validation"]["passed"] = False
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    s = export("openai", src, tmp_path / "o", val_fraction=0)
    assert s["counts"]["train"] == len(rows) - 1
    src.write_text("{not json\n")
    with pytest.raises(ValueError, match="not valid JSON"):
        export("openai", src, tmp_path / "o2")
    with pytest.raises(ValueError, match="unknown export format"):
        export("csv", INPUT, tmp_path / "o3")
