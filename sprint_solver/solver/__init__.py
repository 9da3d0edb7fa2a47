"""The solver: questions and structured requests -> models -> numbers with a trace."""
from __future__ import annotations

from .core import Solver, solve, validate_params
from .solution import Output, Solution, TraceStep, Verification

__all__ = ["Solver", "solve", "Solution", "Output", "TraceStep", "Verification", "validate_params"]
