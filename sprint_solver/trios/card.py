"""The dataset card (``README.md`` of a run directory), written from the manifest."""
from __future__ import annotations

from pathlib import Path
from typing import Any


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f} %"


def _table(title: str, rates: dict[str, Any], label: str) -> list[str]:
    if not rates:
        return []
    out = [f"### {title}", "", f"| {label} | rows | kept | approval |", "|---|---:|---:|---:|"]
    for k, v in rates.items():
        out.append(f"| {k} | {v['total']} | {v['kept']} | {_pct(v['rate'])} |")
    return out + [""]


def render_card(m: dict[str, Any]) -> str:
    cfg = m["config"]
    c = m["counts"]
    t = m.get("teacher", {})
    a = m["approval"]
    u = m["usage"]
    lines = [
        "---",
        "language: [en]",
        "task_categories: [question-answering, text-generation]",
        "tags: [sports-science, sprinting, running, tool-use, distillation, synthetic]",
        f"size_categories: [{_size(c['kept'])}]",
        "---",
        "",
        "# Sprint-solver trios",
        "",
        "Query / solution / answer rows for distilling a sprint and running calculator into a language model. "
        "Every question was solved by `sprint-solver` (a deterministic solver with a checkable step-by-step "
        "trace); a teacher wrote the answer from the question and the trace; every kept row passed format, "
        "numeric (unit-aware, against the solver's numbers) and grounding checks.",
        "",
        f"- status: **{m['status']}**; id prefix `{m['id_prefix']}`; schema {m.get('schema_version', '1.0')}",
        f"- rows kept: **{c['kept']}**, rejected: {c['rejected']} (in `rejected.jsonl`), duplicates dropped "
        f"before the teacher: {c['duplicates']}",
        f"- overall approval: **{_pct(a['overall'])}**",
        f"- teacher: `{t.get('name')}` / `{t.get('model')}`",
        f"- seed: {cfg['seed']}; questions: {'file ' + cfg['questions'] if cfg.get('questions') else 'generated'}",
        f"- tokens: {u['input_tokens']} in / {u['output_tokens']} out; cost ${u['cost_usd']:.4f}; "
        f"cached responses: {u['cached_responses']}",
        f"- solver {m['material'].get('solver_version')}, registry `{m['material'].get('registry_version')}`",
        "",
        "## Approval",
        "",
        "### Per check",
        "",
        "| check | evaluated | passed | rate |",
        "|---|---:|---:|---:|",
    ]
    for k, v in a["per_check"].items():
        lines.append(f"| {k} | {v['evaluated']} | {v['passed']} | {_pct(v['rate'])} |")
    lines.append("")
    lines += _table("Per calculation type", a["per_calculation"], "calculation")
    lines += _table("Per kind of question", a["per_kind"], "kind")
    lines += _table("Per complexity", a["per_complexity"], "complexity")
    if m.get("skipped_calculations"):
        lines += ["### Calculation types not generated", ""]
        lines += [f"- `{k}`: {v}" for k, v in m["skipped_calculations"].items()] + [""]
    lines += [
        "## Files",
        "",
        "| file | bytes |", "|---|---:|",
        *[f"| `{k}` | {v['bytes']} |" for k, v in m.get("files", {}).items()],
        "",
        "## Schema",
        "",
        "One JSON object per line: `id`, `query`, `solution_method` (`calls`: tool name = calculation and "
        "arguments = the solver's structured request, with the tool's result; `solutions`: the full structured "
        "trace; `rendered`: the trace as text; `no_call_reason` for questions that need no calculation), "
        "`answer`, and `metadata` (kind, calculation type(s), complexity, confidence, factors and which the "
        "answer addressed, models used with versions, teacher with parameters, token usage and cost, prompt "
        "hash, solver/registry/generator versions, seed, index, and the validation result per check).",
        "",
        "## Use",
        "",
        "```bash",
        "sprint-solver export --format openai-tools trios.jsonl out/     # tool-use transcripts",
        "sprint-solver export --format sharegpt trios.jsonl out/         # LLaMA-Factory (+ dataset_info.json)",
        "```",
        "",
        "```python",
        "import json",
        "rows = [json.loads(l) for l in open('trios.jsonl')]",
        "```",
        "",
        "## Limitations",
        "",
        "Questions are synthetic (templates filled with values drawn from real result and weather "
        "distributions); their language is less varied than real users'. Numbers are only as right as the "
        "solver's models, whose assumptions and validity ranges are in each row's trace. Answers written by the "
        "template teacher are correct by construction but formulaic; answers from a model teacher passed the "
        "checks above, which verify numbers and method names, not style or pedagogy.",
        "",
    ]
    return "\n".join(lines)


def _size(n: int) -> str:
    for lim, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if n < lim:
            return name
    return "1M<n<10M"


def write_card(out: Path, manifest: dict[str, Any]) -> None:
    from .run import write_atomic

    write_atomic(Path(out) / "README.md", render_card(manifest))
