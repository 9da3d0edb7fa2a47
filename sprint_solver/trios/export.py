"""Export kept trios to fine-tuning formats, with a deterministic stratified split.

========================  =====================================================================
format                    rows
========================  =====================================================================
``openai``                OpenAI chat fine-tuning JSONL, plain: system, user -> assistant answer
``openai-tools``          OpenAI chat fine-tuning JSONL, tool-use transcript: user -> assistant
                          ``tool_calls`` (``arguments`` a JSON *string*) -> ``tool`` message with
                          the tool's result -> assistant answer; ``tools`` = the served schemas
``alpaca``                Alpaca JSON list (``instruction``, ``input``, ``output``, ``system``)
                          + ``dataset_info.json`` for LLaMA-Factory
``sharegpt``              LLaMA-Factory ShareGPT JSON list: ``conversations`` with ``human`` /
                          ``function_call`` / ``observation`` / ``gpt`` turns in the positions the
                          loader requires, ``tools`` as a JSON string; + ``dataset_info.json``
``hf``                    Hugging Face ``messages`` + ``tools`` JSONL (TRL SFTTrainer): assistant
                          ``tool_calls`` with ``arguments`` as a *dict*, ``tool`` messages with name
========================  =====================================================================

The tool call of a row is its ``Solution.request`` (name = calculation, arguments =
params); for OpenAI strict-mode tools every schema property is sent (null = default), as
a model calling the served tool must. Tool schemas come from
:func:`sprint_solver.tools.tool_definitions`, so exported rows carry exactly the schemas
the tool interface serves. Questions that need no calculation export as a direct answer
with no tool call (the model learns when not to call).

The split: rows are grouped by ``metadata.calculation_type``; within a group they are
ordered by ``sha256(split_seed:id)`` and the first ``round(fraction * size)`` go to
validation. It depends only on the ids, not on file order.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, Iterator

FORMATS = ("openai", "openai-tools", "alpaca", "sharegpt", "hf")
DEFAULT_SYSTEM = ("You are a sprint and running performance assistant. Use the solver's tools for any calculation "
                  "and explain the result for athletes and coaches; answer directly when no calculation is needed.")


# --- input --------------------------------------------------------------------------------------
def trio_file(path: str | Path) -> Path:
    p = Path(path)
    if p.is_dir():
        p = p / "trios.jsonl"
    if not p.is_file():
        raise FileNotFoundError(f"no trios file at {p}")
    return p


def iter_rows(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                row = json.loads(line)
            except ValueError as e:
                raise ValueError(f"{path}:{n}: not valid JSON ({e})") from None
            if row.get("metadata", {}).get("validation", {}).get("passed", True):
                yield row


def split_ids(rows: Iterator[dict[str, Any]], fraction: float, seed: int) -> set[str]:
    """Ids that go to validation: per calculation type, the lowest hashes."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in rows:
        h = hashlib.sha256(f"{seed}:{r['id']}".encode()).hexdigest()
        groups[r["metadata"]["calculation_type"]].append((h, r["id"]))
    val: set[str] = set()
    for items in groups.values():
        items.sort()
        k = int(round(fraction * len(items)))
        val.update(i for _, i in items[:k])
    return val


# --- tools ----------------------------------------------------------------------------------------
def served_tools(fmt: str) -> list[dict[str, Any]]:
    from ..tools import tool_definitions

    return tool_definitions(fmt)


def _by_name(defs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {(d.get("function") or d)["name"]: (d.get("function") or d) for d in defs}


def strict_arguments(fn: dict[str, Any] | None, params: dict[str, Any]) -> dict[str, Any]:
    """Arguments as a strict-mode caller sends them: every schema property, null = default."""
    if not fn or not fn.get("strict"):
        return dict(params)
    props = (fn.get("parameters") or {}).get("properties") or {}
    out = {k: params.get(k) for k in props}
    out.update({k: v for k, v in params.items() if k not in out})
    return out


def _calls(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The row's tool calls, each with ``result`` (see :func:`tool_results`)."""
    calls = list(row.get("solution_method", {}).get("calls") or [])
    return [{**c, "result": r} for c, r in zip(calls, tool_results(row))]


def tool_results(row: dict[str, Any]) -> list[dict[str, Any]]:
    """What ``call_tool(name, arguments)`` returns for each of a row's tool calls.

    Rows store the solver's solution once (``solution_method.solutions``); the tool's result
    is that solution's compact view (:func:`sprint_solver.tools.dispatch.solution_result`), so
    it is derived here rather than stored twice, without re-running the solver. A row that
    carries ``result`` inline (written before generator 1.2) keeps it; a call without its
    solution is re-run through ``call_tool``."""
    from ..solver.solution import Solution
    from ..tools import call_tool
    from ..tools.dispatch import solution_result

    sm = row.get("solution_method", {})
    sols = sm.get("solutions") or []
    out = []
    for i, c in enumerate(sm.get("calls") or []):
        if c.get("result") is not None:
            out.append(c["result"])
        elif i < len(sols):
            out.append({"ok": True, "result": solution_result(Solution.model_validate(sols[i]))})
        else:
            out.append(call_tool(c["name"], c["arguments"]))
    return out


def _result_text(call: dict[str, Any]) -> str:
    return json.dumps(call["result"], ensure_ascii=False)


# --- converters --------------------------------------------------------------------------------------
def to_openai(row: dict[str, Any], system: str, tools: list[dict[str, Any]] | None) -> dict[str, Any]:
    return {"messages": [{"role": "system", "content": system}, {"role": "user", "content": row["query"]},
                         {"role": "assistant", "content": row["answer"]}]}


def to_openai_tools(row: dict[str, Any], system: str, tools: list[dict[str, Any]]) -> dict[str, Any]:
    fns = _by_name(tools)
    msgs: list[dict[str, Any]] = [{"role": "system", "content": system}, {"role": "user", "content": row["query"]}]
    for i, c in enumerate(_calls(row), 1):
        cid = f"call_{i}"
        args = strict_arguments(fns.get(c["name"]), c["arguments"])
        msgs.append({"role": "assistant", "tool_calls": [{"id": cid, "type": "function", "function": {
            "name": c["name"], "arguments": json.dumps(args, ensure_ascii=False)}}]})
        msgs.append({"role": "tool", "tool_call_id": cid, "content": _result_text(c)})
    msgs.append({"role": "assistant", "content": row["answer"]})
    return {"messages": msgs, "tools": tools, "parallel_tool_calls": False}


def to_alpaca(row: dict[str, Any], system: str, tools: list[dict[str, Any]] | None) -> dict[str, Any]:
    return {"instruction": row["query"], "input": "", "output": row["answer"], "system": system}


def to_sharegpt(row: dict[str, Any], system: str, tools: list[dict[str, Any]]) -> dict[str, Any]:
    conv: list[dict[str, str]] = [{"from": "human", "value": row["query"]}]
    for c in _calls(row):
        conv.append({"from": "function_call",
                     "value": json.dumps({"name": c["name"], "arguments": c["arguments"]}, ensure_ascii=False)})
        conv.append({"from": "observation", "value": _result_text(c)})
    conv.append({"from": "gpt", "value": row["answer"]})
    check_sharegpt(conv)
    return {"conversations": conv, "system": system, "tools": json.dumps(tools, ensure_ascii=False)}


def to_hf(row: dict[str, Any], system: str, tools: list[dict[str, Any]]) -> dict[str, Any]:
    msgs: list[dict[str, Any]] = [{"role": "system", "content": system}, {"role": "user", "content": row["query"]}]
    for c in _calls(row):
        msgs.append({"role": "assistant", "tool_calls": [{"type": "function", "function": {
            "name": c["name"], "arguments": dict(c["arguments"])}}]})
        msgs.append({"role": "tool", "name": c["name"], "content": _result_text(c)})
    msgs.append({"role": "assistant", "content": row["answer"]})
    return {"messages": msgs, "tools": tools}


CONVERTERS: dict[str, tuple[Callable[..., dict[str, Any]], str | None, str]] = {
    # format: (converter, tool-definition format, file kind)
    "openai": (to_openai, None, "jsonl"),
    "openai-tools": (to_openai_tools, "openai", "jsonl"),
    "alpaca": (to_alpaca, None, "json"),
    "sharegpt": (to_sharegpt, "hf", "json"),
    "hf": (to_hf, "hf", "jsonl"),
}


def check_sharegpt(conv: list[dict[str, str]]) -> None:
    """LLaMA-Factory's positional rule: human/observation at odd positions, gpt/function_call at
    even ones (1-based), ending on an even position; otherwise the loader drops the example."""
    odd, even = {"human", "observation"}, {"gpt", "function_call"}
    for i, turn in enumerate(conv, 1):
        allowed = odd if i % 2 else even
        if turn.get("from") not in allowed:
            raise ValueError(f"ShareGPT turn {i} is {turn.get('from')!r}; expected one of {sorted(allowed)}")
    if len(conv) % 2:
        raise ValueError("a ShareGPT conversation must end with a gpt or function_call turn")


def dataset_info(name: str, fmt: str, files: dict[str, str]) -> dict[str, Any]:
    """The LLaMA-Factory ``dataset_info.json`` entries for the exported files."""
    out = {}
    for split, fname in files.items():
        key = name if split == "train" else f"{name}_{split}"
        if fmt == "sharegpt":
            out[key] = {"file_name": fname, "formatting": "sharegpt",
                        "columns": {"messages": "conversations", "system": "system", "tools": "tools"}}
        else:
            out[key] = {"file_name": fname,
                        "columns": {"prompt": "instruction", "query": "input", "response": "output",
                                    "system": "system"}}
    return out


# --- the export ------------------------------------------------------------------------------------
def export(fmt: str, src: str | Path, out_dir: str | Path, *, val_fraction: float = 0.1, split_seed: int = 0,
           system: str = DEFAULT_SYSTEM, tools: list[dict[str, Any]] | None = None,
           name: str = "sprint_trios") -> dict[str, Any]:
    """Export the kept rows of ``src`` (a trios.jsonl or a run directory) to ``out_dir``.

    ``tools`` overrides the served tool definitions (tests use a fixed list). Returns a
    summary: files written and row counts per split.
    """
    if fmt not in CONVERTERS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if not 0.0 <= val_fraction < 1.0:
        raise ValueError("val_fraction must be in [0, 1)")
    path = trio_file(src)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    conv, tool_fmt, kind = CONVERTERS[fmt]
    tool_defs = tools if tools is not None else (served_tools(tool_fmt) if tool_fmt else None)
    val_ids = split_ids(iter_rows(path), val_fraction, split_seed)
    ext = "jsonl" if kind == "jsonl" else "json"
    files = {"train": f"train.{ext}", "validation": f"validation.{ext}"}
    if not val_ids:
        files.pop("validation")
    writers = {s: _Writer(out / f, kind) for s, f in files.items()}
    counts = {s: 0 for s in files}
    try:
        for row in iter_rows(path):
            split = "validation" if row["id"] in val_ids else "train"
            writers[split].write(conv(row, system, tool_defs))
            counts[split] += 1
    finally:
        for w in writers.values():
            w.close()
    summary: dict[str, Any] = {"format": fmt, "source": str(path), "files": files, "counts": counts,
                               "val_fraction": val_fraction, "split_seed": split_seed}
    if fmt in ("alpaca", "sharegpt"):
        info = dataset_info(name, fmt, files)
        (out / "dataset_info.json").write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", "utf-8")
        summary["dataset_info"] = info
    return summary


class _Writer:
    """Streams rows as JSONL, or as one JSON list (written incrementally, never held in memory)."""

    def __init__(self, path: Path, kind: str):
        self.kind = kind
        self.fh = open(path, "w", encoding="utf-8")
        self.first = True
        if kind == "json":
            self.fh.write("[\n")

    def write(self, obj: dict[str, Any]) -> None:
        text = json.dumps(obj, ensure_ascii=False)
        if self.kind == "jsonl":
            self.fh.write(text + "\n")
        else:
            self.fh.write(("" if self.first else ",\n") + text)
        self.first = False

    def close(self) -> None:
        if self.kind == "json":
            self.fh.write(("\n" if not self.first else "") + "]\n")
        self.fh.close()
