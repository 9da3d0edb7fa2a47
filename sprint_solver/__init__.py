"""sprint-solver: the numbers of sprint and running performance, with the work shown.

>>> from sprint_solver import solve
>>> sol = solve("How much would a 10.0s 100m time be affected by a 2m/s headwind?")  # doctest: +SKIP
"""
from __future__ import annotations

from .errors import (AmbiguousQuestionError, InvalidValueError, MissingParameterError, RegistryError,
                     SolverError, UnitError, UnsupportedQuestionError, ValidityWarning)
from .registry import Registry

__version__ = "0.1.0"

__all__ = ["Registry", "SolverError", "InvalidValueError", "MissingParameterError",
           "UnsupportedQuestionError", "AmbiguousQuestionError", "UnitError", "RegistryError",
           "ValidityWarning", "solve", "Solver", "Solution", "__version__"]


def __getattr__(name: str):
    # the solver pulls in more than the registry; import it on first use
    if name in ("solve", "Solver", "Solution"):
        from . import solver
        return getattr(solver, name)
    raise AttributeError(name)
