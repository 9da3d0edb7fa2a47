"""One chunk of work, as run in a joblib (loky or Dask) worker: solve the structured
requests, ask the teacher, validate, and return finished JSON lines plus statistics.

Workers keep their solver and teacher between chunks (built once per process and
configuration); the parent process only generates and de-duplicates questions and
writes the lines it gets back.
"""
from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import threading
import warnings
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterator

from ..errors import SolverError, ValidityWarning
from ..solver.solution import fast_construct
from .phrasing import concept_facts
from .queries import Query
from .records import (COMPLEXITY_LABELS, CheckResult, SolutionMethod, TeacherInfo, ToolCall, Trio, TrioMetadata,
                      Usage, Validation, row_id)
from .teachers.base import TeacherReply, TeacherTask, build_messages, prompt_hash
from .validate import Context, factors_addressed, validate


@dataclass
class Stats:
    """Counts that add up across chunks (and are rebuilt from rows on resume)."""

    kept: int = 0
    rejected: int = 0
    duplicates: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0
    cached: int = 0
    checks: Counter = field(default_factory=Counter)        # "<check>:pass" / "<check>:fail"
    by_calc: Counter = field(default_factory=Counter)       # "<calc>:kept" / "<calc>:rejected"
    by_kind: Counter = field(default_factory=Counter)
    by_complexity: Counter = field(default_factory=Counter)
    failed: Counter = field(default_factory=Counter)        # failed_check -> n

    def merge(self, o: "Stats") -> None:
        for k in ("kept", "rejected", "duplicates", "input_tokens", "output_tokens", "cost_usd", "cached"):
            setattr(self, k, getattr(self, k) + getattr(o, k))
        for k in ("checks", "by_calc", "by_kind", "by_complexity", "failed"):
            getattr(self, k).update(getattr(o, k))

    def add_row(self, d: dict[str, Any]) -> None:
        """Account one written row (a parsed trios/rejected line)."""
        md = d["metadata"]
        v = md["validation"]
        ok = v["passed"]
        self.kept += ok
        self.rejected += not ok
        t = md["teacher"]
        self.input_tokens += t["usage"]["input_tokens"]
        self.output_tokens += t["usage"]["output_tokens"]
        self.cost_usd += t["cost_usd"]
        self.cached += bool(t["cached"])
        for c in v["checks"]:
            self.checks[f"{c['name']}:{'pass' if c['ok'] else 'fail'}"] += 1
        self.by_calc[f"{md['calculation_type']}:{'kept' if ok else 'rejected'}"] += 1
        self.by_kind[f"{md['kind']}:{'kept' if ok else 'rejected'}"] += 1
        self.by_complexity[f"{md['complexity']}:{'kept' if ok else 'rejected'}"] += 1
        if not ok:
            self.failed[v["failed_check"]] += 1

    def to_dict(self) -> dict[str, Any]:
        return {"kept": self.kept, "rejected": self.rejected, "duplicates": self.duplicates,
                "input_tokens": self.input_tokens, "output_tokens": self.output_tokens,
                "cost_usd": round(self.cost_usd, 6), "cached": self.cached, "checks": dict(self.checks),
                "by_calc": dict(self.by_calc), "by_kind": dict(self.by_kind),
                "by_complexity": dict(self.by_complexity), "failed": dict(self.failed)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Stats":
        s = cls(**{k: d.get(k, 0) for k in ("kept", "rejected", "duplicates", "input_tokens", "output_tokens",
                                           "cost_usd", "cached")})
        for k in ("checks", "by_calc", "by_kind", "by_complexity", "failed"):
            getattr(s, k).update(d.get(k, {}))
        return s


@dataclass
class ChunkResult:
    """One chunk's rows as UTF-8 JSON lines (bytes, no newline), ready to append to the files."""

    kept: list[bytes]
    rejected: list[bytes]
    stats: Stats
    indices: list[int]


# --- per-process state -------------------------------------------------------------------------------
class _State:
    def __init__(self, cfg: dict[str, Any]):
        from .. import __version__
        from ..registry import Registry
        from ..solver import Solver
        from .config import RunConfig
        from .queries import GENERATOR_VERSION
        from .teachers import make_teacher
        from .teachers.template import capabilities

        self.cfg = RunConfig.model_validate(cfg["run"])
        self.fp: str = cfg["fingerprint"]
        self.solver = Solver.default()
        self.teacher = make_teacher(self.cfg.teacher, cfg.get("api_key"))
        self.teacher_info = self.teacher.info()
        self.judge = None
        if self.cfg.judge.enabled:
            from .judge import Judge

            self.judge = Judge.from_config(self.cfg, cfg.get("api_key"))
        self.capabilities = capabilities()
        self.versions = {"solver_version": __version__, "registry_version": Registry.default().version_hash,
                         "generator_version": GENERATOR_VERSION}
        tc = self.cfg.teacher
        self.templates = {"system": tc.system, "template": tc.template, "no_call_template": tc.no_call_template}


_STATES: dict[str, _State] = {}
_LOCK = threading.Lock()


def _state(cfg: dict[str, Any]) -> _State:
    key = cfg["fingerprint"] + ":" + hashlib.sha256(repr(sorted(cfg["run"]["teacher"].items())).encode()).hexdigest()
    st = _STATES.get(key)
    if st is None:
        with _LOCK:
            st = _STATES.get(key)
            if st is None:
                st = _STATES[key] = _State(cfg)
    return st


# --- the chunk ---------------------------------------------------------------------------------------
def process_chunk(cfg: dict[str, Any], queries: list[Query]) -> ChunkResult:
    """Solve, teach, validate and serialise one chunk of questions."""
    with warnings.catch_warnings(), gc_paused():
        # validity notes are in each solution's warnings and confidence; do not spam the console
        warnings.simplefilter("ignore", ValidityWarning)
        return _process(cfg, queries)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for one chunk (of work, or of question generation),
    then restore it.

    A row allocates thousands of short-lived objects that reference counting frees (they
    form no cycles); each burst of allocations otherwise sets off collections that walk the
    worker's long-lived caches and solver state, about a tenth of the CPU time. A chunk is
    bounded (at most a few hundred rows), so anything cyclic waits only until the next
    collection after it."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _process(cfg: dict[str, Any], queries: list[Query]) -> ChunkResult:
    st = _state(cfg)
    seed = st.cfg.seed
    tasks: list[TeacherTask] = []
    pre: list[tuple[Query, list[Any], str | None, list[str]]] = []
    for qy in queries:
        rid = row_id(st.fp, qy.index)
        sols: list[Any] = []
        err: str | None = None
        if qy.kind != "no_calculation":
            try:
                if qy.needs_parse:
                    sols = [st.solver.solve(qy.text)]
                else:
                    sols = [st.solver.solve({**r, "query": qy.text}) for r in qy.requests]
            except SolverError as e:
                err = f"{type(e).__name__}: {e}"
        rendered = [s.render("text") for s in sols]
        pre.append((qy, sols, err, rendered))
        if err is None:
            kw = {k: v for k, v in st.templates.items() if v}
            msgs = build_messages(qy, sols, capabilities=st.capabilities, rendered=rendered, **kw)
            tasks.append(TeacherTask(rid, qy, sols, msgs, prompt_hash(msgs)))
    replies = iter(st.teacher.answer(tasks)) if tasks else iter(())
    judged: dict[str, CheckResult] = {}
    task_iter = iter(tasks)
    out = ChunkResult([], [], Stats(), [q.index for q in queries])
    pending: list[tuple[Query, list[Any], TeacherTask | None, TeacherReply | None, str | None, list[str]]] = []
    for qy, sols, err, rendered in pre:
        if err is None:
            pending.append((qy, sols, next(task_iter), next(replies), None, rendered))
        else:
            pending.append((qy, sols, None, None, err, rendered))
    if st.judge is not None:
        judged = st.judge.judge_many([(t, r) for _, _, t, r, e, _ in pending if t is not None and r is not None
                                      and r.text and not r.error])
    for qy, sols, task, reply, err, rendered in pending:
        line, ok = _row(st, seed, qy, sols, task, reply, err, judged.get(task.id) if task else None, out.stats,
                        rendered)
        (out.kept if ok else out.rejected).append(line)
    return out


def _row(st: _State, seed: int, qy: Query, sols: list[Any], task: TeacherTask | None, reply: TeacherReply | None,
         solve_error: str | None, judge_check: CheckResult | None, stats: Stats,
         rendered_parts: list[str]) -> tuple[bytes, bool]:
    rid = row_id(st.fp, qy.index)
    answer = (reply.text or "") if reply else ""
    if solve_error is not None:
        val = Validation(passed=False, failed_check="solve", reason=solve_error,
                         checks=[CheckResult(name="solve", ok=False, reason=solve_error)])
    elif reply is None or reply.error or reply.text is None:
        reason = (reply.error if reply else None) or "the teacher returned no answer"
        val = Validation(passed=False, failed_check="teacher", reason=reason,
                         checks=[CheckResult(name="teacher", ok=False, reason=reason)])
    else:
        facts = concept_facts(qy.detail) if qy.no_call_reason == "concept" else ""
        val = validate(Context(answer, qy.text, sols, qy.kind, qy.no_call_reason, qy.detail, reply.finish_reason,
                               facts, st.cfg.derived_numbers), judge_check, st.cfg.max_chars)
    calls: list[ToolCall] = []
    for s in sols:
        # the tool's result is not stored: it is a view of the solution below (export.tool_results)
        req = s.request or {"calculation": s.calculation_type, "params": {}}
        calls.append(fast_construct(ToolCall, dict(name=req["calculation"], arguments=req.get("params", {}),
                                                   result=None)))
    ctypes = [s.calculation_type for s in sols] or list(qy.calculations) or ["none"]
    if qy.kind == "no_calculation":
        ctypes = ["none"]
    info = st.teacher_info
    r = reply or TeacherReply(None)
    teacher = fast_construct(TeacherInfo, dict(
        name=info["name"], model=info["model"], parameters=info.get("parameters", {}),
        usage=fast_construct(Usage, dict(input_tokens=r.input_tokens, output_tokens=r.output_tokens)),
        cost_usd=r.cost_usd, latency_s=round(r.latency_s, 4), attempts=r.attempts, cached=r.cached,
        finish_reason=r.finish_reason))
    families = sorted({_family(c) for c in ctypes if c != "none"})
    models = list({m.name: m for s in sols for m in s.models_used}.values())
    md = fast_construct(TrioMetadata, dict(
        index=qy.index, seed=seed, source=qy.source, kind=qy.kind, calculation_type=ctypes[0],
        calculation_types=ctypes, families=families, complexity=qy.complexity,
        complexity_label=COMPLEXITY_LABELS.get(qy.complexity, ""), template_id=qy.template_id,
        confidence=min((s.confidence for s in sols), default=None), factors=list(qy.factors),
        factors_addressed=factors_addressed(answer, qy.factors) if answer else [], models_used=models,
        teacher=teacher, prompt_hash=task.prompt_hash if task else "",
        query_hash=hashlib.sha256(qy.text.encode()).hexdigest()[:16], schema_version="1.0",
        validation=val, **st.versions))
    rendered = "\n\n".join(rendered_parts)
    trio = fast_construct(Trio, dict(
        id=rid, query=qy.text,
        solution_method=fast_construct(SolutionMethod, dict(calls=calls, solutions=sols, rendered=rendered,
                                                       no_call_reason=qy.no_call_reason)),
        answer=answer, metadata=md))
    # bytes straight from the serializer: the line is written as bytes, so decoding it here (and the
    # UTF-8 round trips of a str through pickling to the parent) would be wasted work on ~10 kB a row
    line = trio.__pydantic_serializer__.to_json(trio, warnings=False)
    ok = val.passed
    stats.kept += ok
    stats.rejected += not ok
    stats.input_tokens += r.input_tokens
    stats.output_tokens += r.output_tokens
    stats.cost_usd += r.cost_usd
    stats.cached += r.cached
    for c in val.checks:
        stats.checks[f"{c.name}:{'pass' if c.ok else 'fail'}"] += 1
    tag = "kept" if ok else "rejected"
    stats.by_calc[f"{ctypes[0]}:{tag}"] += 1
    stats.by_kind[f"{qy.kind}:{tag}"] += 1
    stats.by_complexity[f"{qy.complexity}:{tag}"] += 1
    if not ok:
        stats.failed[val.failed_check or "?"] += 1
    return line, ok


@functools.lru_cache(maxsize=256)
def _family(calc: str) -> str:
    from ..solver.calculations import CALCULATIONS

    c = CALCULATIONS.get(calc)
    return getattr(c, "family", calc) if c is not None else calc


