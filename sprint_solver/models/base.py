"""How a model family declares its models.

A model is a small pure, vectorised numpy function (pvlib style) plus a
:class:`~sprint_solver.spec.ModelSpec`. The :func:`model` decorator records both
in :data:`IMPLEMENTATIONS`; ``sprint-solver registry build`` publishes the specs as
JSON cards, and :class:`~sprint_solver.registry.Registry` binds cards back to these
implementations by key (never by importing a name found in a file).

Fitted models register their *implementation* with :func:`implementation` (a
function taking the card's ``parameters`` as keyword ``params``); their cards are
written by the training pipeline.
"""
from __future__ import annotations

import functools
import math
import sys
import warnings
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from ..errors import InvalidValueError, ValidityWarning
from ..spec import IOSpec, ModelSpec, Reference


@dataclass(frozen=True)
class Implementation:
    key: str
    func: Callable[..., Any]
    spec: ModelSpec | None  # None for fitted implementations (spec comes from the card)
    takes_params: bool = False


#: implementation key -> Implementation
IMPLEMENTATIONS: dict[str, Implementation] = {}


def unwrap(x: Any) -> Any:
    """A Python float for 0-d results (scalar in, scalar out), the array otherwise."""
    if isinstance(x, (float, int)):  # the usual scalar case, without np.ndim's dispatch
        return float(x)
    return float(x) if np.ndim(x) == 0 else x


@functools.lru_cache(maxsize=1)
def lambertw() -> Callable[..., Any]:
    """``scipy.special.lambertw``, imported on first use: scipy.special costs ~0.2 s of
    start-up in every process (the CLI and each trio worker), and only the sprint-profile
    models and formulas need it."""
    from scipy.special import lambertw as w

    return w


def inp(name: str, unit: str, description: str, **kw: Any) -> IOSpec:
    """Shorthand for an input :class:`IOSpec`."""
    if "default" in kw and "required" not in kw:
        kw["required"] = False
    return IOSpec(name=name, unit=unit, description=description, **kw)


def out(name: str, unit: str, description: str, **kw: Any) -> IOSpec:
    """Shorthand for an output :class:`IOSpec`."""
    return IOSpec(name=name, unit=unit, description=description, **kw)


def ref(key: str, text: str, doi: str | None = None, url: str | None = None) -> Reference:
    return Reference(key=key, text=text, doi=doi, url=url)


def model(**spec_kw: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a physics model: ``@model(name=..., version=..., family=..., ...)``.

    The decorated function is returned unchanged, so it stays a plain vectorised
    function for direct use. ``implementation`` defaults to ``name``.
    """
    def deco(func: Callable[..., Any]) -> Callable[..., Any]:
        kw = dict(spec_kw)
        kw.setdefault("kind", "physics")
        kw.setdefault("implementation", kw["name"])
        spec = ModelSpec(**kw)
        if spec.implementation in IMPLEMENTATIONS:
            raise RuntimeError(f"duplicate model implementation {spec.implementation!r}")
        IMPLEMENTATIONS[spec.implementation] = Implementation(spec.implementation, func, spec)
        func.spec = spec  # type: ignore[attr-defined]
        return func
    return deco


def implementation(key: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a fitted-model implementation: ``func(**inputs, params=card.parameters)``."""
    def deco(func: Callable[..., Any]) -> Callable[..., Any]:
        if key in IMPLEMENTATIONS:
            raise RuntimeError(f"duplicate model implementation {key!r}")
        IMPLEMENTATIONS[key] = Implementation(key, func, None, takes_params=True)
        return func
    return deco


# --- validation -------------------------------------------------------------------------
#: finite stand-in for "no limit", so the one chained comparison also rejects inf and NaN
_BIG = sys.float_info.max


class InputChecker:
    """:func:`check_inputs` for one spec, with the per-spec work done once.

    A :class:`~sprint_solver.registry.RegisteredModel` keeps one (cards are not changed
    once loaded), so evaluating a model does not rebuild the set of input names or
    re-read every limit. A plain float
    within both the hard and the validated range (the usual case) is accepted by one
    comparison; anything else goes through :func:`_check_one`, which owns all
    the error messages and validity notes.
    """

    __slots__ = ("spec", "known", "plan")

    def __init__(self, spec: ModelSpec):
        self.spec = spec
        self.known = frozenset(i.name for i in spec.inputs)
        plan = []
        for i in spec.inputs:
            lo, hi = -_BIG, _BIG
            if i.dtype == "float":
                for bound in (i.min, i.valid_min):
                    if bound is not None:
                        lo = max(lo, bound)
                for bound in (i.max, i.valid_max):
                    if bound is not None:
                        hi = min(hi, bound)
            else:
                lo, hi = _BIG, -_BIG  # an empty fast range: always the full check
            plan.append((i.name, i, lo, hi))
        self.plan = tuple(plan)

    def check(self, values: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """The completed keyword arguments and the validity notes (see :func:`check_inputs`)."""
        spec = self.spec
        if not self.known.issuperset(values):
            _unknown_input(spec, values)
        kwargs: dict[str, Any] = {}
        notes: list[str] = []
        get = values.get
        for name, i, lo, hi in self.plan:
            v = get(name)
            if v is None:
                if i.required:
                    raise InvalidValueError(f"{spec.name} needs input {name!r} ({i.unit}): {i.description}",
                                            parameter=name)
                v = i.default
                if v is None:
                    continue
            if type(v) is float and lo <= v <= hi:
                kwargs[name] = v
            else:
                kwargs[name] = _check_one(spec, i, v, notes)
        return kwargs, notes


def check_inputs(spec: ModelSpec, values: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Validate and complete ``values`` against ``spec``.

    Returns the completed keyword arguments and a list of validity notes (inputs
    outside the validated range). Raises :class:`InvalidValueError` for unknown,
    missing, non-finite or out-of-physical-range inputs. (Repeated checks against one
    spec are cheaper through an :class:`InputChecker`.)
    """
    return InputChecker(spec).check(values)


def _unknown_input(spec: ModelSpec, values: dict[str, Any]) -> None:
    known = {i.name for i in spec.inputs}
    name = sorted(set(values) - known)[0]
    raise InvalidValueError(f"{spec.name} has no input {name!r}; inputs are {sorted(known)}", parameter=name)


def _check_one(spec: ModelSpec, i: IOSpec, v: Any, notes: list[str]) -> Any:
    if i.dtype in ("str",):
        if not isinstance(v, str) or (i.choices and v not in i.choices):
            raise InvalidValueError(f"{i.name}={v!r} is not one of {i.choices}", parameter=i.name,
                                    value=v)
        return v
    if i.dtype == "bool":
        if not isinstance(v, (bool, np.bool_)):
            raise InvalidValueError(f"{i.name} must be true or false, got {v!r}", parameter=i.name, value=v)
        return bool(v)
    scalar = isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)
    if scalar:
        x = float(v)
        if not math.isfinite(x):
            raise InvalidValueError(f"{i.name} must be a finite number, got {v!r}", parameter=i.name,
                                    value=v, valid_range=(i.min, i.max), unit=i.unit)
        if (i.min is not None and x < i.min) or (i.max is not None and x > i.max):
            raise InvalidValueError.out_of_range(i.name, x, i.min, i.max, i.unit)
        if (i.valid_min is not None and x < i.valid_min) or (i.valid_max is not None and x > i.valid_max):
            notes.append(_validity_note(spec, i, x))
        if i.dtype == "int":
            if x != int(x):
                raise InvalidValueError(f"{i.name} must be a whole number, got {v!r}", parameter=i.name, value=v)
            return int(x)
        return x
    try:
        a = np.asarray(v, dtype=float)
    except (TypeError, ValueError):
        raise InvalidValueError(f"{i.name} must be numeric, got {type(v).__name__}", parameter=i.name,
                                value=str(v)[:40]) from None
    if a.size == 0:
        raise InvalidValueError(f"{i.name} is empty", parameter=i.name)
    if not np.all(np.isfinite(a)):
        raise InvalidValueError(f"{i.name} must be finite (found NaN or inf)", parameter=i.name,
                                valid_range=(i.min, i.max), unit=i.unit)
    lo, hi = float(a.min()), float(a.max())
    if i.min is not None and lo < i.min:
        raise InvalidValueError.out_of_range(i.name, lo, i.min, i.max, i.unit)
    if i.max is not None and hi > i.max:
        raise InvalidValueError.out_of_range(i.name, hi, i.min, i.max, i.unit)
    if (i.valid_min is not None and lo < i.valid_min) or (i.valid_max is not None and hi > i.valid_max):
        notes.append(_validity_note(spec, i, lo if i.valid_min is not None and lo < i.valid_min else hi))
    return a


def _validity_note(spec: ModelSpec, i: IOSpec, x: float) -> str:
    if i.valid_min is None:  # "[-inf, 45] degC" read badly in answers
        where = f"up to {i.valid_max:g} {i.unit}"
    elif i.valid_max is None:
        where = f"from {i.valid_min:g} {i.unit}"
    else:
        where = f"on [{i.valid_min:g}, {i.valid_max:g}] {i.unit}"
    return f"{i.name}={x:g} {i.unit} is outside the range {spec.name} was validated {where}"


def call(impl: Implementation, spec: ModelSpec, kwargs: dict[str, Any], notes: list[str],
         warn: bool = True) -> dict[str, Any]:
    """Run an implementation and name its outputs per ``spec``."""
    if warn:
        for n in notes:
            warnings.warn(n, ValidityWarning, stacklevel=4)
    if impl.takes_params:
        res = impl.func(**kwargs, params=spec.parameters)
    else:
        res = impl.func(**kwargs)
    return name_outputs(res, [o.name for o in spec.outputs])


def name_outputs(res: Any, names: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """``{output name: value}`` from what an implementation returned (dict, tuple or one value)."""
    if isinstance(res, dict):
        return {n: res[n] for n in names}
    if isinstance(res, tuple):
        return dict(zip(names, res))
    return {names[0]: res}
