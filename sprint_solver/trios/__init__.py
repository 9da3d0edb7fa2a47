"""Trio generation for distillation: questions -> solver traces -> teacher answers -> validated rows.

>>> from sprint_solver.trios import RunConfig, run_trios
>>> manifest = run_trios(RunConfig(n=100, out="trios-demo"))  # doctest: +SKIP
"""
from __future__ import annotations

from .config import JudgeConfig, RunConfig, TeacherConfig
from .dedupe import Deduplicator
from .queries import Mix, Query, QueryGenerator, load_questions
from .records import Trio
from .run import RunError, run_trios
from .validate import find_quantities

__all__ = ["RunConfig", "TeacherConfig", "JudgeConfig", "run_trios", "RunError", "QueryGenerator", "Query", "Mix",
           "load_questions", "Deduplicator", "Trio", "find_quantities"]
