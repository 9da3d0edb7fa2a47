"""The project's error and warning types.

Every error a user can provoke with bad input is a :class:`SolverError`; tool
boundaries turn them into structured dictionaries with :meth:`SolverError.to_dict`.
"""
from __future__ import annotations

import math
from typing import Any


class SolverError(ValueError):
    """Base class of every error raised for bad questions, requests or inputs."""

    error_type = "solver_error"

    def __init__(self, message: str, *, parameter: str | None = None, value: Any = None,
                 valid_range: tuple[float | None, float | None] | None = None,
                 unit: str | None = None):
        super().__init__(message)
        self.message = message
        self.parameter = parameter
        self.value = value
        self.valid_range = valid_range
        self.unit = unit

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe description a language model can act on."""
        out: dict[str, Any] = {"type": self.error_type, "message": self.message}
        if self.parameter is not None:
            out["field"] = self.parameter
        if self.value is not None:
            out["value"] = _json_safe(self.value)
        if self.valid_range is not None:
            lo, hi = self.valid_range
            out["valid_range"] = {"min": _json_safe(lo), "max": _json_safe(hi)}
        if self.unit is not None:
            out["unit"] = self.unit
        return out


class UnsupportedQuestionError(SolverError):
    """The question needs no calculation, or asks for one the solver does not do."""

    error_type = "unsupported"


class AmbiguousQuestionError(SolverError):
    """The question can be read in more than one way; the solver will not guess."""

    error_type = "ambiguous"


class MissingParameterError(SolverError):
    """A parameter the calculation needs is absent."""

    error_type = "missing_parameter"

    def __init__(self, parameter: str, message: str | None = None, **kw: Any):
        super().__init__(message or f"missing required parameter '{parameter}'",
                         parameter=parameter, **kw)


class InvalidValueError(SolverError):
    """A value is malformed, non-physical or outside the allowed range."""

    error_type = "invalid_value"

    @classmethod
    def out_of_range(cls, parameter: str, value: Any, lo: float | None, hi: float | None,
                     unit: str | None = None) -> "InvalidValueError":
        lo_s = "-inf" if lo is None else f"{lo:g}"
        hi_s = "inf" if hi is None else f"{hi:g}"
        u = f" {unit}" if unit and unit != "1" else ""
        return cls(f"{parameter}={_fmt(value)}{u} is outside the valid range [{lo_s}, {hi_s}]{u}",
                   parameter=parameter, value=value, valid_range=(lo, hi), unit=unit)


class UnitError(InvalidValueError):
    """A quantity string could not be parsed, or its unit is wrong for the parameter."""

    error_type = "unit_error"


class RegistryError(SolverError):
    """A registry artifact is missing, unknown, malformed or fails its hash check."""

    error_type = "registry_error"


class ModelNotFoundError(RegistryError):
    error_type = "model_not_found"


class ValidityWarning(UserWarning):
    """An input is physically possible but outside the range a model was validated on."""


def _fmt(v: Any) -> str:
    try:
        return f"{float(v):g}"
    except (TypeError, ValueError):
        return repr(v)


def _json_safe(v: Any) -> Any:
    if v is None or isinstance(v, (str, bool, int)):
        return v
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    return f if math.isfinite(f) else str(f)
