"""What a teacher is given and what it returns; the prompt every teacher is built from.

A teacher turns (question, solver solution) into an answer. :class:`TemplateTeacher`
writes it deterministically; :class:`OpenAITeacher` asks a chat-completions model with
the prompt :func:`build_messages` renders. Both record the same prompt hash, so rows of
either kind say exactly which prompt (and prompt template) they came from.
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..queries import Query

DEFAULT_SYSTEM = (
    "You are an expert sprint and running coach and sports scientist answering athletes and coaches. "
    "A verified solver has already done the calculation: use its numbers exactly, state the result with "
    "its units, and never invent numbers.")

#: the user message for questions the solver answered; {placeholders} are filled by build_messages
DEFAULT_TEMPLATE = """Question:
{question}

Solver method (verified step-by-step trace):
{solution}

Result: {result}

Write the answer for the athlete or coach who asked:
- explain the approach briefly, following the solver's steps;
- state the result with its units as the solver gives it;
- interpret what it means for the athlete or coach;
- name the method and cite it: {method};
- do not contradict the solver's assumptions: {assumptions};
- use no numbers other than those in the question and in the solver output.

Request: {request}"""

#: the user message for questions that need no calculation
NO_CALL_TEMPLATE = """Question:
{question}

No calculation is needed or possible for this question ({reason}). {guidance}
Answer briefly and politely, and do not invent numbers.

Request: {request}"""

PLACEHOLDERS = ("question", "solution", "result", "method", "assumptions", "request", "reason", "guidance")


@dataclass
class TeacherTask:
    """One question to answer, with the solver's solutions (empty for no-calculation rows)."""

    id: str
    query: Query
    solutions: list[Any] = field(default_factory=list)
    messages: list[dict[str, str]] = field(default_factory=list)
    prompt_hash: str = ""


@dataclass
class TeacherReply:
    text: str | None
    error: str | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0
    latency_s: float = 0.0
    attempts: int = 1
    cached: bool = False
    finish_reason: str | None = None


class Teacher:
    """Interface: ``answer(tasks) -> replies`` (same order); ``info()`` names the teacher."""

    name = "teacher"

    def info(self) -> dict[str, Any]:
        """Model and parameters: recorded per row and part of a run's fingerprint (no secrets)."""
        raise NotImplementedError

    def answer(self, tasks: list[TeacherTask]) -> list[TeacherReply]:
        raise NotImplementedError

    def close(self) -> None:
        pass


# --- prompts -----------------------------------------------------------------------------------
def fill(template: str, values: dict[str, str]) -> str:
    """Replace the known ``{placeholders}`` only, so JSON braces in a template stay as they are.

    One pass: a value that itself contains "{result}" (a user's question, say) is not filled again."""
    literals, names = _split_template(template)
    out = [literals[0]]
    for name, lit in zip(names, literals[1:]):
        out.append(values.get(name, ""))
        out.append(lit)
    return "".join(out)


@functools.lru_cache(maxsize=64)
def _split_template(template: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    parts = re.split(r"\{(" + "|".join(PLACEHOLDERS) + r")\}", template)
    return tuple(parts[0::2]), tuple(parts[1::2])


def request_json(query: Query) -> str:
    d: dict[str, Any] = {"kind": query.kind, "requests": list(query.requests)}
    if query.no_call_reason:
        d["reason"] = query.no_call_reason
        if query.detail:
            d["detail"] = query.detail
    return json.dumps(d, sort_keys=True, separators=(",", ":"), default=str)


def guidance(query: Query, capabilities: list[str]) -> str:
    from ..phrasing import concept_facts

    reason = query.no_call_reason
    caps = "; ".join(capabilities)
    if reason == "concept":
        return f"Reference facts you may use: {concept_facts(query.detail)}"
    if reason == "missing_information":
        return (f"The question does not give the {str(query.detail).replace('_', ' ')}; ask for it and say "
                "why it is needed.")
    if reason in ("out_of_scope", "unsupported"):
        return f"It is outside what the sprint solver covers: decline politely and say what you can help with ({caps})."
    return f"Reply briefly and offer help with: {caps}."


def build_messages(query: Query, solutions: list[Any], *, system: str = DEFAULT_SYSTEM,
                   template: str = DEFAULT_TEMPLATE, no_call_template: str = NO_CALL_TEMPLATE,
                   capabilities: list[str] | None = None, rendered: list[str] | None = None) -> list[dict[str, str]]:
    """The chat messages for one question (system + user); ``rendered``: the solutions'
    ``render("text")`` if the caller has them already."""
    if query.kind == "no_calculation" or not solutions:
        user = fill(no_call_template, {"question": query.text, "reason": (query.no_call_reason or "").replace("_", " "),
                                       "guidance": guidance(query, capabilities or []),
                                       "request": request_json(query)})
    else:
        many = len(solutions) > 1
        texts = rendered if rendered is not None else [s.render("text") for s in solutions]
        sol_text = "\n\n".join((f"[{i + 1}] " if many else "") + t for i, t in enumerate(texts))
        result = "; ".join((f"[{i + 1}] " if many else "") + f"{s.result.name} = {s.result.display}"
                           for i, s in enumerate(solutions))
        methods = "; ".join(dict.fromkeys(s.method or "; ".join(s.citations) for s in solutions))
        assumptions = "; ".join(dict.fromkeys(a for s in solutions for a in s.assumptions)) or "none stated"
        user = fill(template, {"question": query.text, "solution": sol_text, "result": result, "method": methods,
                               "assumptions": assumptions, "request": request_json(query)})
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def prompt_hash(messages: list[dict[str, str]]) -> str:
    """sha256 of the messages (role and content, in order), first 16 hex digits."""
    text = "\x1e".join(f"{m['role']}\x1f{m['content']}" for m in messages)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def template_hash(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:16]
