"""Calculation types: the structured requests the solver answers.

A calculation is a class with a pydantic ``Params`` model (the one source of truth
for validation, tool schemas and docs) and a ``run(params, ctx)`` method that
evaluates registry models through a :class:`Context`, which records every step of
the trace, the outputs and the models used.

Adding a calculation::

    @calculation
    class MyCalc(Calculation):
        name = "my_calc"
        title = "..."
        description = "..."     # shown to LLMs in the tool schema
        family = "wind"
        class Params(BaseModel):
            time: Time = from_spec("wind.mureika_100m", "time")
        def run(self, p, ctx):
            ...
"""
from __future__ import annotations

import math
from typing import Annotated, Any, Callable, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from ... import quantities as q
from ...errors import InvalidValueError, SolverError
from ...models.base import IMPLEMENTATIONS
from ...models import load_all as _load_models
from ...registry import Registry, RegisteredModel
from .. import expr
from ..solution import ModelUsed, Output, ParamValue, Solution, TraceStep, fast_construct, substitute

#: calculation name -> Calculation instance
CALCULATIONS: dict[str, "Calculation"] = {}


class Calculation:
    name: ClassVar[str]
    title: ClassVar[str]
    description: ClassVar[str]
    family: ClassVar[str]
    Params: ClassVar[type[BaseModel]]
    #: example questions (docs, tests, query generation seeds)
    examples: ClassVar[list[str]] = []

    def run(self, p: Any, ctx: "Context") -> None:  # pragma: no cover - interface
        raise NotImplementedError


def calculation(cls: type[Calculation]) -> type[Calculation]:
    """Class decorator registering a calculation type."""
    if cls.name in CALCULATIONS:
        raise RuntimeError(f"duplicate calculation {cls.name!r}")
    CALCULATIONS[cls.name] = cls()
    return cls


# --- parameter types -----------------------------------------------------------------------
class StrictParams(BaseModel):
    """Base for ``Params``: unknown fields are errors (a typo must not be ignored)."""

    model_config = ConfigDict(extra="forbid", str_max_length=200)


def _parser(kind: str) -> Callable[[Any], Any]:
    parse = q.PARSERS[kind]

    def before(v: Any) -> Any:
        if isinstance(v, str):
            return parse(v)
        return v
    return before


def quantity(kind: str, example: str) -> Any:
    """``Annotated`` float that also accepts a string with units (``"8:30/mi"``).

    The JSON schema offers both a number in canonical units and a string, so a
    language model calling the tool never has to convert units itself.
    """
    return Annotated[float, BeforeValidator(_parser(kind)),
                     WithJsonSchema({"anyOf": [{"type": "number"},
                                               {"type": "string", "description": f"with units, e.g. {example!r}"}]})]


Time = quantity("time", "1:31:35")
Distance = quantity("distance", "5 miles")
Pace = quantity("pace", "8:30/mi")
Wind = quantity("wind", "2 m/s headwind")
Altitude = quantity("altitude", "7350 ft")
Temperature = quantity("temperature", "77F")
Humidity = quantity("humidity", "60%")
Pressure = quantity("pressure", "1013 hPa")
Grade = quantity("grade", "5%")
Mass = quantity("mass", "154 lb")
Height = quantity("height", "5'10\"")
Speed = quantity("speed", "36 km/h")


def from_spec(model_name: str, input_name: str, *, default: Any = ..., description: str | None = None,
              **override: Any) -> Any:
    """A pydantic ``Field`` whose description, unit and hard range come from a model card.

    The range in the tool schema and in validation is therefore the model's own.
    """
    _load_models()
    impl = IMPLEMENTATIONS[model_name]
    if impl.spec is None:
        raise KeyError(f"{model_name} has no code-level spec")
    i = impl.spec.input(input_name)
    if default is ... and not i.required:
        default = i.default
    kw: dict[str, Any] = {}
    if i.min is not None:
        kw["ge"] = i.min
    if i.max is not None:
        kw["le"] = i.max
    kw.update(override)
    unit = "" if i.unit == "1" else f" [{i.unit}]"
    return Field(default, description=(description or i.description) + unit, **kw)


# --- the context a calculation runs in ------------------------------------------------------
class Context:
    """Collects the trace, outputs, models used, assumptions and confidence of one solve."""

    __slots__ = ("registry", "options", "query", "params", "steps", "outputs", "result_name",
                 "models", "assumptions", "warnings", "citations", "penalties", "method")

    def __init__(self, registry: Registry, options: dict[str, Any], query: str):
        self.registry = registry
        self.options = options
        self.query = query
        self.params: dict[str, ParamValue] = {}
        self.steps: list[TraceStep] = []
        self.outputs: list[Output] = []
        self.result_name: str | None = None
        self.models: dict[str, ModelUsed] = {}
        self.assumptions: list[str] = []
        self.warnings: list[str] = []
        self.citations: list[str] = []
        self.penalties: list[tuple[float, str]] = []
        self.method = ""

    # models ----------------------------------------------------------------------------
    def choose(self, slot: str, default: str, aliases: dict[str, str] | None = None) -> RegisteredModel:
        """The model for ``slot``: ``options[slot]`` or ``options['models'][slot]`` or ``default``.

        ``aliases`` maps words users write ("moinat", "fitted") to model names.
        """
        choice = self.options.get(slot) or (self.options.get("models") or {}).get(slot) or default
        if aliases and isinstance(choice, str) and choice.lower() in aliases:
            choice = aliases[choice.lower()]
        if not isinstance(choice, str):
            raise InvalidValueError(f"model choice for {slot} must be a model name", parameter=slot, value=choice)
        if "." not in choice.split("@")[0]:
            allowed = sorted(set(aliases or {}) | {default})
            raise InvalidValueError(f"unknown model {choice!r} for {slot}; choose one of {allowed}",
                                    parameter=slot, value=choice)
        return self.registry.get(choice)

    def use(self, m: RegisteredModel) -> None:
        if m.name not in self.models:
            self.models[m.name] = fast_construct(ModelUsed, {"name": m.name, "version": m.version})
            if m.spec.citation not in self.citations:
                self.citations.append(m.spec.citation)
            if m.spec.kind == "fitted" and m.spec.uncertainty:
                note = m.spec.uncertainty.get("note")
                if note:
                    self.assumptions.append(note)

    def evaluate(self, m: RegisteredModel, **inputs: Any) -> dict[str, Any]:
        """Evaluate a registry model with validation; validity notes lower confidence."""
        return self._evaluate(m, inputs)

    def _evaluate(self, m: RegisteredModel, inputs: dict[str, Any]) -> dict[str, Any]:
        res, notes = m.evaluate_inputs(inputs)
        if m.name not in self.models:
            self.use(m)
        for n in notes:
            self.warn(n)
            self.penalize(0.15, n)
        return res

    # trace ------------------------------------------------------------------------------
    def step(self, title: str, *, output: str | None, value: float | None, unit: str,
             expression: str | None = None, inputs: dict[str, Any] | None = None,
             model: RegisteredModel | None = None, equation: str | None = None, note: str = "",
             tolerance: float | None = None) -> float | None:
        """Record a trace step. If ``value`` is None and an expression is given, evaluate it."""
        inputs = {k: v if type(v) is float else _plain(v) for k, v in inputs.items()} if inputs else {}
        if value is None and expression:
            value = expr.evaluate(expression, _numeric(inputs))
        if model is not None:
            if model.name not in self.models:
                self.use(model)
            if equation is None:
                equation = model.spec.equation
            model = model.ref
        if not equation:
            equation = (f"{output} = {expression}" if output else expression) if expression else ""
        steps = self.steps
        # every TraceStep field is given, so this dict becomes the step's __dict__ as is
        steps.append(fast_construct(TraceStep, {
            "index": len(steps) + 1, "title": title, "model": model, "equation": equation,
            "substitution": substitute(expression, inputs) if expression else "",
            "value": None if value is None else float(value), "unit": unit, "note": note, "output": output,
            "expression": expression, "inputs": inputs, "tolerance": tolerance}))
        return value

    def model_step(self, title: str, m: RegisteredModel, inputs: dict[str, Any], output: str, *,
                   expression: str | None = None, expr_inputs: dict[str, Any] | None = None,
                   note: str = "") -> dict[str, Any]:
        """Evaluate model ``m`` and record one step for its output ``output``.

        ``expression`` (over ``expr_inputs``, default ``inputs``) is the closed form
        used by :meth:`Solution.verify`; without it, verify re-runs the model.
        """
        res = self._evaluate(m, inputs)  # read only: the caller's dict needs no copy
        self.step(title, output=output, value=float(res[output]), unit=m.spec.output(output).unit,
                  expression=expression, inputs=expr_inputs if expression else inputs, model=m, note=note)
        return res

    # results ----------------------------------------------------------------------------
    def param(self, name: str, value: Any, unit: str) -> None:
        self.params[name] = fast_construct(ParamValue, {"value": value if type(value) is float else _plain(value),
                                                        "unit": unit})

    def output(self, name: str, value: float, unit: str, *, display: str | None = None,
               description: str = "", tolerance: float | None = None, primary: bool = False) -> None:
        value = float(value)
        if not math.isfinite(value):
            raise SolverError(f"the calculation produced a non-finite {name}; check the inputs",
                              parameter=name)
        self.outputs.append(fast_construct(Output, {
            "name": name, "value": value, "unit": unit, "display": display or q.format_value(value, unit),
            "description": description,
            "tolerance": tolerance if tolerance is not None else default_tolerance(unit, value)}))
        if primary:
            self.result_name = name

    def assume(self, text: str) -> None:
        if text not in self.assumptions:
            self.assumptions.append(text)

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)

    def penalize(self, amount: float, reason: str) -> None:
        self.penalties.append((amount, reason))

    def solution(self, calculation_type: str, request: dict[str, Any] | None = None) -> Solution:
        outputs = self.outputs
        if not outputs:
            raise SolverError("the calculation produced no outputs")
        result = outputs[0]
        if self.result_name is not None:
            result = next((o for o in outputs if o.name == self.result_name), result)
        penalties = self.penalties
        if penalties:
            conf = 1.0
            for amount, _ in penalties:
                conf *= (1.0 - amount)
            conf = round(max(0.05, min(1.0, conf)), 3)
            reasoning = "; ".join(dict.fromkeys([r for _, r in penalties]))
        else:
            conf = 1.0
            # self.models is keyed by model name
            reasoning = ("all inputs within the validated range of " + ", ".join(self.models)
                         if self.models else "exact arithmetic")
        return fast_construct(Solution, {
            "query": self.query, "calculation_type": calculation_type, "params": self.params, "result": result,
            "outputs": outputs, "trace": self.steps, "models_used": list(self.models.values()),
            "confidence": conf, "confidence_reasoning": reasoning, "assumptions": self.assumptions,
            "warnings": self.warnings, "citations": self.citations, "method": self.method,
            "request": request or {"calculation": calculation_type, "params": {}}})


def default_tolerance(unit: str, value: float) -> float:
    """How far a stated number may be from the solver's and still agree with it.

    Times below a minute are quoted to 0.01 s; longer times and paces to the second;
    other quantities to about 0.5 % (what a sensible answer rounds to).
    """
    if unit == "s":
        return 0.006 if abs(value) < 60 else 0.6
    if unit == "s/km":
        return 0.6
    if unit == "points":
        return 0.5
    return max(abs(value) * 0.005, 1e-6)


def _numeric(inputs: dict[str, Any]) -> dict[str, Any]:
    """``inputs`` without its string values (labels, never expression variables)."""
    for v in inputs.values():
        if isinstance(v, str):
            return {k: v for k, v in inputs.items() if not isinstance(v, str)}
    return inputs  # the usual case: no copy


def _plain(v: Any) -> Any:
    if isinstance(v, (list, tuple)):
        return [float(x) for x in v]
    if hasattr(v, "tolist"):
        v = v.tolist()
    return v
