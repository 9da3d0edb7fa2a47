"""Model cards: the one description of a model that feeds validation, the solver,
tool schemas, query generation and the docs.

A :class:`ModelSpec` is declared once, next to the model's implementation (see
:func:`sprint_solver.models.base.model`), and published as a JSON card in the
``registry/`` directory. Fitted models add ``parameters``, ``provenance``,
``metrics`` and ``comparisons``, written by the training pipeline.
"""
from __future__ import annotations

import json
import math
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .quantities import CANONICAL_UNITS

SEMVER = r"^\d+\.\d+\.\d+$"


class IOSpec(BaseModel):
    """One input or output of a model, in canonical units.

    ``min``/``max`` are hard, physical limits: values outside raise
    :class:`~sprint_solver.errors.InvalidValueError`. ``valid_min``/``valid_max`` are the
    range the model was derived or validated on: values outside evaluate with a
    :class:`~sprint_solver.errors.ValidityWarning` and lower the solution's confidence.
    """

    model_config = ConfigDict(extra="forbid")

    name: str
    unit: str
    description: str
    dtype: Literal["float", "int", "str", "bool", "array"] = "float"
    min: float | None = None
    max: float | None = None
    valid_min: float | None = None
    valid_max: float | None = None
    default: float | int | str | bool | None = None
    required: bool = True
    choices: list[str] | None = None
    #: absolute tolerance a stated number must meet to agree with this output
    tolerance: float | None = None

    @field_validator("unit")
    @classmethod
    def _canonical(cls, v: str) -> str:
        if v not in CANONICAL_UNITS and v != "str":
            raise ValueError(f"unit {v!r} is not canonical; use one of {CANONICAL_UNITS}")
        return v


class Reference(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str = Field(description="short citation, e.g. 'Mureika 2001'")
    text: str = Field(description="full reference")
    doi: str | None = None
    url: str | None = None


class ModelSpec(BaseModel):
    """A model card."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
    version: str = Field(pattern=SEMVER)
    family: str
    kind: Literal["physics", "fitted"]
    summary: str
    citation: str = Field(description="how an answer names the method, e.g. "
                                      "\"Mureika's wind correction (2001)\"")
    equation: str
    equation_latex: str | None = None
    implementation: str = Field(description="key of the registered implementation")
    inputs: list[IOSpec]
    outputs: list[IOSpec]
    references: list[Reference]
    assumptions: list[str] = []
    validity: list[str] = []
    parameters: dict[str, Any] = {}
    provenance: dict[str, Any] | None = None
    metrics: dict[str, Any] | None = None
    comparisons: list[dict[str, Any]] | None = None
    uncertainty: dict[str, Any] | None = None

    @property
    def ref(self) -> str:
        return f"{self.name}@{self.version}"

    def input(self, name: str) -> IOSpec:
        for i in self.inputs:
            if i.name == name:
                return i
        raise KeyError(name)

    def output(self, name: str) -> IOSpec:
        for o in self.outputs:
            if o.name == name:
                return o
        raise KeyError(name)

    def card_bytes(self) -> bytes:
        """Deterministic JSON serialisation (sorted keys, no NaN), used for hashing."""
        return (json.dumps(_finite_json(self.model_dump(mode="json")), sort_keys=True,
                           indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _finite_json(obj: Any) -> Any:
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite_json(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_finite_json(v) for v in obj]
    return obj
