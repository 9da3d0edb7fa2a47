"""The trio record: the one schema of a generated row (kept or rejected).

A trio is one JSON line::

    {"id", "query", "solution_method": {calls, solutions, rendered, no_call_reason},
     "answer", "metadata": {...}}

``solution_method.solutions`` holds the solver's structured :class:`Solution` per tool
call (the checkable trace); ``calls`` holds the tool call exactly as a model would make
it (name = calculation, arguments = ``Solution.request["params"]``). The tool's result
is not stored twice: :func:`sprint_solver.trios.export.tool_results` derives what
:func:`sprint_solver.tools.call_tool` returns from the stored solution, so exporters need
neither a solver re-run nor the network. Rejected rows use the same schema with
``metadata.validation.passed = False`` and go to ``rejected.jsonl``.
"""
from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..solver.solution import ModelUsed, Solution

SCHEMA_VERSION = "1.0"
#: ``<8 hex config fingerprint>-<9 digit index>``: deterministic from seed and index
ID_RE = re.compile(r'^\{"id":\s*"([0-9a-f]{8})-(\d{9})"')

Kind = Literal["single", "comparison", "compound", "no_calculation"]
COMPLEXITY_LABELS = {1: "basic", 2: "intermediate", 3: "advanced"}


def row_id(fingerprint: str, index: int) -> str:
    return f"{fingerprint[:8]}-{index:09d}"


def index_of_line(line: bytes | str) -> int | None:
    """The row index of a JSONL line, read from its ``id`` prefix without parsing JSON."""
    if isinstance(line, bytes):
        line = line[:64].decode("utf-8", "replace")
    m = ID_RE.match(line)
    return int(m.group(2)) if m else None


class ToolCall(BaseModel):
    """One tool call and what the tool returned (the tool-use transcript)."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(description="tool name = calculation name")
    arguments: dict[str, Any] = Field(description="tool arguments = the solver's structured params")
    result: dict[str, Any] | None = Field(None, description="what call_tool(name, arguments) returned; not stored "
                                          "by the generator (export.tool_results derives it from the solution)")


class SolutionMethod(BaseModel):
    model_config = ConfigDict(extra="forbid")
    calls: list[ToolCall] = []
    solutions: list[Solution] = Field([], description="structured trace per call")
    rendered: str = Field("", description="the traces rendered as text")
    no_call_reason: str | None = Field(None, description="why no calculation was made (no_calculation rows)")


class Usage(BaseModel):
    model_config = ConfigDict(extra="forbid")
    input_tokens: int = 0
    output_tokens: int = 0


class TeacherInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(description="template | openai")
    model: str
    parameters: dict[str, Any] = {}
    usage: Usage = Usage()
    cost_usd: float = 0.0
    latency_s: float = 0.0
    attempts: int = 1
    cached: bool = False
    finish_reason: str | None = None


class CheckResult(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    ok: bool
    reason: str = ""


class Validation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    passed: bool
    failed_check: str | None = None
    reason: str = ""
    checks: list[CheckResult] = []


class TrioMetadata(BaseModel):
    model_config = ConfigDict(extra="forbid")
    index: int
    seed: int
    source: Literal["generated", "user"] = "generated"
    kind: Kind = "single"
    calculation_type: str = Field(description="calculation of the first tool call, or 'none'")
    calculation_types: list[str] = []
    families: list[str] = []
    complexity: int = Field(1, ge=1, le=3)
    complexity_label: str = "basic"
    template_id: str = ""
    confidence: float | None = None
    factors: list[str] = Field([], description="conditions the question involves (wind, altitude, ...)")
    factors_addressed: list[str] = Field([], description="factors the answer talks about")
    models_used: list[ModelUsed] = []
    teacher: TeacherInfo
    prompt_hash: str = ""
    query_hash: str = ""
    solver_version: str = ""
    registry_version: str = ""
    generator_version: str = ""
    schema_version: str = SCHEMA_VERSION
    validation: Validation


class Trio(BaseModel):
    """One query-solution-answer row."""

    model_config = ConfigDict(extra="forbid")
    id: str
    query: str
    solution_method: SolutionMethod
    answer: str
    metadata: TrioMetadata


class DuplicateRecord(BaseModel):
    """A query dropped before any teacher was called (``duplicates.jsonl``)."""

    model_config = ConfigDict(extra="forbid")
    id: str
    query: str
    duplicate_of: str
    match: Literal["exact", "near"]
    similarity: float
