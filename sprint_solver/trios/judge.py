"""An optional LLM judge (APIGen's semantic check) through the same OpenAI-compatible client.

The judge sees the question, the solver's result and method, and the answer, and
returns ``{"thought": ..., "passes": "yes" | "no"}``. Its verdict is one more check
(``judge``) in a row's validation. A judge that cannot be reached fails the check
with the reason, rather than letting an unjudged row through.
"""
from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from .records import CheckResult
from .teachers.base import TeacherReply, TeacherTask, fill

JUDGE_SYSTEM = ("You are a strict judge of answers to sprint and running questions. Reply with JSON only: "
                '{"thought": "<one sentence>", "passes": "yes" or "no"}.')
JUDGE_TEMPLATE = """Question:
{question}

Verified solver result: {result}
Method: {method}

Answer to judge:
{solution}

Do not pass the answer if it: contradicts the solver's result or method; answers a different question; adds
claims that the solver output does not support; is rude or unhelpful; or leaves part of the question unanswered."""


class Judge:
    def __init__(self, client: Any, template: str | None = None):
        self.client = client
        self.template = template or JUDGE_TEMPLATE

    @classmethod
    def from_config(cls, cfg: Any, api_key: str | None = None) -> "Judge":
        from .teachers.openai_client import OpenAITeacher

        tc = cfg.teacher.model_copy(update={"model": cfg.judge.model or cfg.teacher.model, "temperature": 0.0,
                                            "max_tokens": 200})
        return cls(OpenAITeacher.from_config(tc, api_key), cfg.judge.template)

    def messages(self, task: TeacherTask, answer: str) -> list[dict[str, str]]:
        sols = task.solutions
        result = "; ".join(f"{s.result.name} = {s.result.display}" for s in sols) or "no calculation needed"
        method = "; ".join(s.method for s in sols if s.method) or "none"
        user = fill(self.template, {"question": task.query.text, "result": result, "method": method,
                                    "solution": answer})
        return [{"role": "system", "content": JUDGE_SYSTEM}, {"role": "user", "content": user}]

    def judge(self, task: TeacherTask, reply: TeacherReply) -> CheckResult:
        r = self.client.complete(self.messages(task, reply.text or ""))
        return verdict(r)

    def judge_many(self, items: list[tuple[TeacherTask, TeacherReply]]) -> dict[str, CheckResult]:
        if not items:
            return {}
        n = max(1, min(getattr(self.client, "concurrency", 1), len(items)))
        with ThreadPoolExecutor(max_workers=n) as pool:
            results = list(pool.map(lambda it: self.judge(*it), items))
        return {t.id: c for (t, _), c in zip(items, results)}


def verdict(r: TeacherReply) -> CheckResult:
    if r.error or not r.text:
        return CheckResult(name="judge", ok=False, reason=f"judge unavailable: {r.error or 'empty reply'}")
    m = re.search(r"\{.*\}", r.text, re.S)
    try:
        d = json.loads(m.group(0)) if m else {}
    except ValueError:
        d = {}
    passes = str(d.get("passes", "")).strip().lower()
    if passes not in ("yes", "no"):
        return CheckResult(name="judge", ok=False, reason=f"unreadable judge verdict: {r.text[:120]!r}")
    return CheckResult(name="judge", ok=passes == "yes", reason=str(d.get("thought", ""))[:300])
