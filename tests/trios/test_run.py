"""Batch runs: output files, manifest and card, exact resume (partial lines, kill -9), refusal on changes."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sprint_solver.trios import RunConfig, RunError, Trio, run_trios
from sprint_solver.trios.export import tool_results
from sprint_solver.trios.records import DuplicateRecord

from .conftest import WIND, all_indices, read_lines, rows


def cfg(out: Path, n: int = 120, **kw) -> RunConfig:
    kw.setdefault("calculations", WIND)
    kw.setdefault("workers", 1)
    return RunConfig(n=n, out=str(out), seed=7, progress=False, **kw)


def content(out: Path) -> dict[str, list[str]]:
    return {f: sorted(read_lines(out / f)) for f in ("trios.jsonl", "rejected.jsonl", "duplicates.jsonl")}


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    out = tmp_path_factory.mktemp("ref") / "run"
    m = run_trios(cfg(out, 300))
    return out, m


def test_run_writes_schema_rows_manifest_and_card(reference):
    out, m = reference
    kept = rows(out / "trios.jsonl")
    assert m["status"] == "complete" and m["counts"]["kept"] == len(kept) > 200
    for r in kept[:50]:
        t = Trio.model_validate(r)  # the one schema
        md = t.metadata
        assert md.validation.passed and {c.name for c in md.validation.checks} == {"format", "numbers", "grounding"}
        assert t.id.startswith(m["id_prefix"]) and md.teacher.name == "template"
        assert md.solver_version and md.registry_version and md.prompt_hash and md.query_hash
        if md.kind != "no_calculation":
            assert md.calculation_type == "wind_correction" and md.models_used and md.confidence is not None
            call = t.solution_method.calls[0]
            assert call.name == "wind_correction" and call.result is None  # derived at export
            assert t.solution_method.solutions[0].request == {"calculation": call.name, "params": call.arguments}
            assert "Step 1" in t.solution_method.rendered
        else:
            assert md.calculation_type == "none" and t.solution_method.no_call_reason
    for d in rows(out / "duplicates.jsonl"):
        DuplicateRecord.model_validate(d)
    a = m["approval"]
    assert set(a["per_check"]) >= {"format", "numbers", "grounding"}
    assert "wind_correction" in a["per_calculation"] and "none" in a["per_calculation"]
    assert sorted(all_indices(out)) == list(range(300))
    card = (out / "README.md").read_text()
    assert "## Approval" in card and "wind_correction" in card and "task_categories" in card
    assert json.loads((out / "manifest.json").read_text())["fingerprint"] == m["fingerprint"]


def test_tool_results_are_what_call_tool_returns(reference):
    from sprint_solver.tools import call_tool

    out, _ = reference
    checked = 0
    for r in rows(out / "trios.jsonl")[:15]:
        calls = r["solution_method"]["calls"]
        assert all(c.get("result") is None for c in calls)  # stored once, in the solutions
        for c, res in zip(calls, tool_results(r), strict=True):
            assert res == call_tool(c["name"], c["arguments"])
            checked += 1
    assert checked >= 10


def test_existing_run_needs_resume_and_changed_config_is_refused(reference, tmp_path):
    out, _ = reference
    with pytest.raises(RunError, match="--resume"):
        run_trios(cfg(out, 300))
    with pytest.raises(RunError, match="configuration changed.*generator"):
        run_trios(cfg(out, 300, no_calculation=0.3), resume=True)
    with pytest.raises(RunError, match="teacher"):
        run_trios(cfg(out, 300).model_copy(update={"teacher": cfg(out).teacher.model_copy(
            update={"style_seed": 9})}), resume=True)


def test_resume_after_partial_write_is_exact(reference, tmp_path):
    ref, _ = reference
    out = tmp_path / "run"
    run_trios(cfg(out, 300))
    # simulate a crash: drop the last 40 rows of each file, leave a half-written line,
    # and roll the checkpoint back to before them
    for f in ("trios.jsonl", "rejected.jsonl", "duplicates.jsonl"):
        lines = read_lines(out / f)
        keep = lines[:-40] if len(lines) > 40 else lines[:len(lines) // 2]
        data = "".join(x + "\n" for x in keep) + (lines[-1][:37] if lines else "")
        (out / f).write_text(data)
    ck = json.loads((out / "checkpoint.json").read_text())
    ck["offsets"] = {f: 0 for f in ck["offsets"]}
    ck["stats"] = {}
    (out / "checkpoint.json").write_text(json.dumps(ck))
    m = run_trios(cfg(out, 300), resume=True)
    assert content(out) == content(ref)
    assert m["counts"] == json.loads((ref / "manifest.json").read_text())["counts"]
    assert m["resumes"] == 1


def test_resume_can_extend_n(reference, tmp_path):
    ref, _ = reference
    out = tmp_path / "grow"
    run_trios(cfg(out, 150))
    run_trios(cfg(out, 300), resume=True)
    assert content(out) == content(ref)


def test_sequential_and_parallel_runs_give_the_same_rows(reference, tmp_path):
    ref, _ = reference
    out = tmp_path / "par"
    run_trios(cfg(out, 300, workers=2, chunk_size=40))
    assert content(out) == content(ref)


def test_kill_9_then_resume_loses_and_duplicates_nothing(reference, tmp_path):
    """A real crash: SIGKILL the CLI mid-run, then --resume; the result equals an uninterrupted run."""
    out = tmp_path / "killed"
    n = 1500
    cmd = [sys.executable, "-m", "sprint_solver.cli", "trios", "--n", str(n), "--out", str(out), "--seed", "7",
           "--calculations", "wind_correction", "--workers", "1", "--chunk-size", "16", "--no-progress"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path)
    deadline = time.time() + 120
    try:
        while time.time() < deadline:
            f = out / "trios.jsonl"
            if f.exists() and f.stat().st_size > 150_000:  # a hundred-odd rows in
                break
            if proc.poll() is not None:
                pytest.fail(f"the run ended before it could be killed: {proc.stderr.read().decode()[-2000:]}")
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    partial = len(all_indices(out))
    assert 0 < partial < n
    r = subprocess.run(cmd + ["--resume", "--quiet"], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    idx = all_indices(out)
    assert sorted(idx) == list(range(n))  # nothing lost, nothing twice
    fresh = tmp_path / "fresh"
    run_trios(cfg(fresh, n))
    assert content(out) == content(fresh)
    m = json.loads((out / "manifest.json").read_text())
    assert m["resumes"] == 1 and m["counts"] == json.loads((fresh / "manifest.json").read_text())["counts"]
