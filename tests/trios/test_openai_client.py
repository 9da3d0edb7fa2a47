"""The HTTP teacher against a real OpenAI-compatible server on 127.0.0.1 (started by the tests):
429 with Retry-After, 5xx, timeouts, malformed JSON, truncated and empty answers, the cache,
bounded concurrency, and a full run in which nothing is lost and every failure is recorded."""
from __future__ import annotations

import email.utils
import time

import pytest

from sprint_solver.solver import Solver
from sprint_solver.trios import RunConfig, TeacherConfig, run_trios
from sprint_solver.trios.judge import Judge
from sprint_solver.trios.queries import QueryGenerator
from sprint_solver.trios.teachers.base import TeacherTask, build_messages
from sprint_solver.trios.teachers.openai_client import OpenAITeacher, retry_after_seconds
from sprint_solver.trios.validate import Context, validate

from .conftest import WIND, all_indices, rows


def _task(i: int = 1) -> TeacherTask:
    g = QueryGenerator(seed=8, calculations=WIND)
    qy = next(x for x in (g.query(j) for j in range(i, 200)) if x.kind == "single")
    sols = [Solver.default().solve(r) for r in qy.requests]
    return TeacherTask(str(qy.index), qy, sols, build_messages(qy, sols))


def _teacher(srv, **kw) -> tuple[OpenAITeacher, list[float]]:
    sleeps: list[float] = []
    kw.setdefault("timeout_s", 0.4)
    t = OpenAITeacher(srv.base_url, "fake-model", "sk-test", sleep=sleeps.append, backoff_base_s=0.25, **kw)
    return t, sleeps


def test_answer_is_valid_and_usage_and_cost_are_counted(fake_server):
    t, _ = _teacher(fake_server, price_in_per_mtok=2.0, price_out_per_mtok=8.0)
    task = _task()
    r = t.answer([task])[0]
    assert r.error is None and r.attempts == 1 and r.finish_reason == "stop"
    assert r.input_tokens > 100 and r.output_tokens > 20
    assert r.cost_usd == pytest.approx((r.input_tokens * 2 + r.output_tokens * 8) / 1e6)
    assert validate(Context(r.text, task.query.text, task.solutions)).passed
    body = fake_server.requests[-1]
    assert body["model"] == "fake-model" and body["messages"] == task.messages


def test_429_waits_exactly_retry_after(fake_server):
    fake_server.retry_after = "2"
    fake_server.faults.extend(["429", "429"])
    t, sleeps = _teacher(fake_server)
    r = t.complete(_task().messages)
    assert r.error is None and r.attempts == 3
    assert sleeps == [2.0, 2.0]


def test_retry_after_forms():
    assert retry_after_seconds({"retry-after-ms": "1500"}) == 1.5
    assert retry_after_seconds({"retry-after": "3"}) == 3.0
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 < retry_after_seconds({"retry-after": when}) <= 30
    assert retry_after_seconds({"retry-after": "soon"}) is None and retry_after_seconds({}) is None


def test_server_errors_back_off_with_jitter_then_succeed(fake_server):
    fake_server.faults.extend(["500", "503"])
    t, sleeps = _teacher(fake_server)
    r = t.complete(_task().messages)
    assert r.error is None and r.attempts == 3
    assert len(sleeps) == 2 and 0 <= sleeps[0] <= 0.25 and 0 <= sleeps[1] <= 0.5  # full jitter, capped doubling


def test_timeout_is_retried(fake_server):
    fake_server.faults.append("timeout")
    t, sleeps = _teacher(fake_server)
    r = t.complete(_task().messages)
    assert r.error is None and r.attempts == 2 and len(sleeps) == 1
    assert "timeout" in t.waits[0][0]


def test_malformed_json_gets_one_retry_then_is_recorded(fake_server):
    fake_server.faults.append("malformed")
    t, _ = _teacher(fake_server)
    assert t.complete(_task().messages).error is None
    fake_server.faults.extend(["malformed", "malformed"])
    r = t.complete(_task(3).messages)
    assert r.text is None and "malformed JSON" in r.error


def test_client_errors_are_not_retried(fake_server):
    fake_server.faults.append("400")
    t, sleeps = _teacher(fake_server)
    n0 = len(fake_server.requests)
    r = t.complete(_task().messages)
    assert r.text is None and "HTTP 400" in r.error and sleeps == []
    assert len(fake_server.requests) == n0 + 1


def test_persistent_overload_gives_up_after_max_attempts(fake_server):
    fake_server.faults.extend(["503"] * 10)
    t, sleeps = _teacher(fake_server, max_attempts=3)
    r = t.complete(_task().messages)
    assert r.text is None and r.attempts == 3 and len(sleeps) == 2 and "HTTP 503" in r.error


def test_truncated_and_empty_answers_are_failures_not_losses(fake_server):
    task = _task()
    fake_server.faults.extend(["truncated", "empty"])
    t, _ = _teacher(fake_server)
    r = t.complete(task.messages)
    assert r.finish_reason == "length"
    v = validate(Context(r.text, task.query.text, task.solutions, finish_reason=r.finish_reason))
    assert v.failed_check == "format" and "truncated" in v.reason
    r = t.complete(_task(5).messages)
    assert r.text is None and "no text content" in r.error


def test_cache_serves_repeats_without_a_request(fake_server, tmp_path):
    t, _ = _teacher(fake_server, cache_path=tmp_path / "c.sqlite", price_in_per_mtok=1.0)
    task = _task()
    first = t.complete(task.messages)
    n = len(fake_server.requests)
    again = OpenAITeacher(fake_server.base_url, "fake-model", cache_path=tmp_path / "c.sqlite").complete(task.messages)
    assert len(fake_server.requests) == n
    assert again.cached and again.cost_usd == 0 and again.text == first.text
    # a different request (another temperature) is not a cache hit
    OpenAITeacher(fake_server.base_url, "fake-model", temperature=0.9,
                  cache_path=tmp_path / "c.sqlite").complete(task.messages)
    assert len(fake_server.requests) == n + 1


def test_concurrency_is_bounded(fake_server):
    fake_server.latency_s = 0.05
    t, _ = _teacher(fake_server, concurrency=3, timeout_s=5)
    tasks = [_task(i) for i in range(1, 13)]
    replies = t.answer(tasks)
    assert all(r.error is None for r in replies)
    assert 2 <= fake_server.max_in_flight <= 3


def test_judge_through_the_same_client(fake_server):
    t, _ = _teacher(fake_server)
    task = _task()
    reply = t.complete(task.messages)
    check = Judge(t).judge(task, reply)
    assert check.name == "judge" and check.ok
    fake_server.faults.extend(["400"])
    assert not Judge(t).judge(task, reply).ok


def test_run_with_faults_loses_nothing_and_records_failures(fake_server, tmp_path):
    fake_server.faults.extend(["429", "500", "timeout", "malformed", "truncated", "400", "empty"])
    out = tmp_path / "run"
    cfg = RunConfig(n=40, out=str(out), seed=4, calculations=WIND, progress=False, teacher=TeacherConfig(
        kind="openai", base_url=fake_server.base_url, model="fake-model", timeout_s=0.5, backoff_base_s=0.01,
        concurrency=4, price_in_per_mtok=1.0, price_out_per_mtok=2.0))
    m = run_trios(cfg)
    idx = all_indices(out)
    assert sorted(idx) == list(range(40))  # every question accounted for exactly once
    rej = rows(out / "rejected.jsonl")
    reasons = {r["metadata"]["validation"]["failed_check"]: r["metadata"]["validation"]["reason"] for r in rej}
    assert "teacher" in reasons and ("HTTP 400" in reasons["teacher"] or "no text" in reasons["teacher"])
    assert "format" in reasons and "truncated" in reasons["format"]
    kept = rows(out / "trios.jsonl")
    assert kept and all(r["metadata"]["teacher"]["name"] == "openai" for r in kept)
    assert m["usage"]["input_tokens"] > 0 and m["usage"]["cost_usd"] > 0
    assert (out / "cache.sqlite").exists()
    # the same configuration again (new run dir, same cache): no request reaches the server
    n = len(fake_server.requests)
    cfg2 = cfg.model_copy(update={"out": str(tmp_path / "run2"), "teacher": cfg.teacher.model_copy(
        update={"cache_path": str(out / "cache.sqlite")})})
    m2 = run_trios(cfg2)
    assert m2["usage"]["cached_responses"] >= m["counts"]["kept"]
    # only the questions whose teacher call failed (nothing was cached for them) are asked again
    failed = sum(r["metadata"]["validation"]["failed_check"] == "teacher" for r in rej)
    assert len(fake_server.requests) - n == failed


def test_budget_stops_dispatch_and_resume_continues(fake_server, tmp_path):
    out = tmp_path / "b"
    tc = TeacherConfig(kind="openai", base_url=fake_server.base_url, model="fake-model", concurrency=2,
                       price_in_per_mtok=1000.0, price_out_per_mtok=1000.0)
    cfg = RunConfig(n=60, out=str(out), calculations=WIND, teacher=tc, chunk_size=4, budget_usd=0.5,
                    progress=False)
    m = run_trios(cfg)
    assert m["status"].startswith("stopped: budget")
    done = len(all_indices(out))
    assert 0 < done < 60
    m = run_trios(cfg.model_copy(update={"budget_usd": None}), resume=True)
    assert m["status"] == "complete" and sorted(all_indices(out)) == list(range(60))


def test_retry_failed_asks_again_only_where_the_teacher_failed(fake_server, tmp_path):
    out = tmp_path / "rf"
    fake_server.faults.extend(["400", "400", "400"])
    cfg = RunConfig(n=30, out=str(out), seed=2, calculations=WIND, progress=False, teacher=TeacherConfig(
        kind="openai", base_url=fake_server.base_url, model="fake-model", concurrency=1))
    m = run_trios(cfg)
    failed = m["approval"]["failed_check"].get("teacher", 0)
    assert failed == 3
    n = len(fake_server.requests)
    m2 = run_trios(cfg, resume=True, retry_failed=True)
    assert len(fake_server.requests) - n == 3  # only those three, the rest come from the files
    assert m2["approval"]["failed_check"].get("teacher", 0) == 0
    assert sorted(all_indices(out)) == list(range(30)) and m2["counts"]["kept"] == m["counts"]["kept"] + 3
