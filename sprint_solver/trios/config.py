"""Run configuration (pydantic: the one schema of ``config.json``) and its fingerprint.

The fingerprint covers everything that determines the *content* of the rows (seed,
question mix and generator code, calculations available, teacher model and prompt
templates, validation settings, solver and registry versions) and nothing that only
affects *how fast* they are made (n, workers, backend, chunk size, concurrency,
timeouts, retries, budget). ``--resume`` refuses a run whose fingerprint changed.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class TeacherConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["template", "openai"] = "template"
    style_seed: int = 0
    base_url: str | None = Field(None, description="OpenAI-compatible base URL (env OPENAI_BASE_URL)")
    model: str | None = Field(None, description="model name (env SPRINT_SOLVER_TEACHER_MODEL)")
    api_key_env: str = Field("OPENAI_API_KEY", description="environment variable holding the API key")
    api_key: str | None = Field(None, exclude=True, repr=False, description="never written to disk")
    temperature: float = 0.2
    max_tokens: int = 700
    seed: int | None = None
    timeout_s: float = 60.0
    max_attempts: int = 5
    backoff_base_s: float = 0.5
    backoff_max_s: float = 30.0
    concurrency: int = 8
    price_in_per_mtok: float = 0.0
    price_out_per_mtok: float = 0.0
    cache: bool = True
    cache_path: str | None = None
    system: str | None = None
    template: str | None = None
    no_call_template: str | None = None

    def content_key(self) -> dict[str, Any]:
        if self.kind == "template":
            return {"kind": "template", "style_seed": self.style_seed}
        from .teachers.base import DEFAULT_SYSTEM, DEFAULT_TEMPLATE, NO_CALL_TEMPLATE

        return {"kind": self.kind, "model": self.model, "temperature": self.temperature,
                "max_tokens": self.max_tokens, "seed": self.seed,
                "system": _h(self.system or DEFAULT_SYSTEM), "template": _h(self.template or DEFAULT_TEMPLATE),
                "no_call_template": _h(self.no_call_template or NO_CALL_TEMPLATE)}


class JudgeConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    enabled: bool = False
    model: str | None = Field(None, description="judge model (default: the teacher's)")
    template: str | None = None

    def content_key(self) -> dict[str, Any]:
        return {"enabled": self.enabled, "model": self.model, "template": _h(self.template or "")}


class RunConfig(BaseModel):
    """Everything ``sprint-solver trios`` was asked to do."""

    model_config = ConfigDict(extra="forbid")
    n: int = Field(1000, ge=1)
    out: str = "trios-out"
    seed: int = 0
    calculations: list[str] | None = None
    no_calculation: float = Field(0.10, ge=0, le=1)
    comparison: float = Field(0.08, ge=0, le=1)
    compound: float = Field(0.08, ge=0, le=1)
    complexity: tuple[float, float, float] = (0.35, 0.40, 0.25)
    questions: str | None = Field(None, description="user question file instead of the generator")
    near_duplicates: Literal["skeleton", "minhash", "off"] = "skeleton"
    teacher: TeacherConfig = TeacherConfig()
    judge: JudgeConfig = JudgeConfig()
    max_chars: int = 6000
    derived_numbers: Literal["off", "differences", "differences+percent"] = Field(
        "differences+percent", description="numbers an answer may derive from the solver's (validate.derived_match)")
    workers: int = Field(0, ge=0, description="0 = automatic (2 for the template teacher, 1 for HTTP)")
    backend: Literal["loky", "dask", "sequential"] = "loky"
    scheduler: str | None = None
    chunk_size: int = Field(0, ge=0, description="0 = automatic")
    budget_usd: float | None = None
    progress: bool = True

    def resolved_workers(self) -> int:
        if self.workers:
            return self.workers
        return min(2, os.cpu_count() or 1) if self.teacher.kind == "template" else 1

    def resolved_chunk(self) -> int:
        if self.chunk_size:
            return self.chunk_size
        if self.teacher.kind == "template":
            return max(16, min(250, self.n // max(1, 4 * self.resolved_workers())))
        return max(1, 2 * self.teacher.concurrency)


def _h(s: str) -> str:
    return hashlib.sha256(s.encode()).hexdigest()[:16]


def file_hash(path: str | os.PathLike[str]) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fingerprint_material(cfg: RunConfig, generator_config: dict[str, Any]) -> dict[str, Any]:
    from .. import __version__
    from ..registry import Registry
    here = Path(__file__).resolve().parent
    vcode = hashlib.sha256((here / "validate.py").read_bytes() + (here / "teachers" / "template.py").read_bytes()
                           + (here / "records.py").read_bytes()).hexdigest()[:16]
    return {
        "generator": generator_config,
        "questions": file_hash(cfg.questions) if cfg.questions else None,
        "near_duplicates": cfg.near_duplicates,
        "teacher": cfg.teacher.content_key(),
        "judge": cfg.judge.content_key(),
        "max_chars": cfg.max_chars,
        "derived_numbers": cfg.derived_numbers,
        "solver_version": __version__,
        "registry_version": Registry.default().version_hash,
        "validation_code": vcode,
    }


def fingerprint(material: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(material, sort_keys=True, default=str).encode()).hexdigest()


def diff_keys(a: Any, b: Any, prefix: str = "") -> list[str]:
    """Dotted keys where two fingerprint materials differ (for a useful refusal message)."""
    if isinstance(a, dict) and isinstance(b, dict):
        out: list[str] = []
        for k in sorted(set(a) | set(b)):
            out += diff_keys(a.get(k), b.get(k), f"{prefix}{k}.")
        return out
    return [] if a == b else [prefix.rstrip(".")]
