"""The solver's answer: a pydantic :class:`Solution` with a checkable trace.

``solution.model_dump()`` is the machine contract (see README, "Solution schema");
``traces/schema.json`` is its JSON schema. Every number the solution states is in
``outputs`` in canonical units, with a human ``display`` form.
"""
from __future__ import annotations

import math
import operator
import re
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from . import expr


class ParamValue(BaseModel):
    model_config = ConfigDict(extra="forbid")
    value: float | int | str | bool | list[float] | None
    unit: str


class Output(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    value: float
    unit: str
    display: str
    description: str = ""
    tolerance: float | None = Field(None, description="absolute tolerance for agreeing with this number")


class TraceStep(BaseModel):
    """One step of a solution.

    ``expression`` is a whitelisted arithmetic formula over the names in ``inputs``
    (see :mod:`sprint_solver.solver.expr`); :meth:`Solution.verify` re-evaluates it.
    Steps whose model has no closed form leave ``expression`` empty and are
    re-checked by running ``model`` again on ``inputs``.
    """

    model_config = ConfigDict(extra="forbid")
    index: int
    title: str
    model: str | None = None
    equation: str = ""
    substitution: str = ""
    value: float | None = None
    unit: str = "1"
    note: str = ""
    output: str | None = None
    expression: str | None = None
    inputs: dict[str, bool | int | float | str | list[float]] = {}
    tolerance: float | None = None


class ModelUsed(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    version: str


class StepCheck(BaseModel):
    index: int
    ok: bool
    expected: float | None = None
    recomputed: float | None = None
    message: str = ""


class Verification(BaseModel):
    ok: bool
    checked: int
    mismatches: list[StepCheck]

    def __bool__(self) -> bool:
        return self.ok


class Solution(BaseModel):
    """A solved question or request."""

    model_config = ConfigDict(extra="forbid")

    query: str
    calculation_type: str
    params: dict[str, ParamValue]
    result: Output
    outputs: list[Output]
    trace: list[TraceStep]
    models_used: list[ModelUsed]
    confidence: float = Field(ge=0.0, le=1.0)
    confidence_reasoning: str
    assumptions: list[str] = []
    warnings: list[str] = []
    citations: list[str] = []
    method: str = ""
    #: the structured request that reproduces this solution: the tool-call arguments
    request: dict[str, Any] = {}

    # -- access -----------------------------------------------------------------------
    def output(self, name: str) -> Output:
        for o in self.outputs:
            if o.name == name:
                return o
        raise KeyError(name)

    @property
    def value(self) -> float:
        return self.result.value

    # -- verification -----------------------------------------------------------------
    def verify(self, rel_tol: float = 1e-6, abs_tol: float = 1e-9) -> Verification:
        """Re-evaluate every step from its recorded inputs and report mismatches.

        Checks that (1) each step's expression, or its model re-run, reproduces its
        value; (2) an input named like an earlier step's output carries that value;
        (3) every output that names a step output agrees with it.
        """
        from ..registry import Registry

        mismatches: list[StepCheck] = []
        produced: dict[str, float] = {}
        checked = 0
        for s in self.trace:
            # chain consistency
            for k, v in s.inputs.items():
                if k in produced and isinstance(v, (int, float)) and not _close(produced[k], float(v), rel_tol, 1e-9):
                    mismatches.append(StepCheck(index=s.index, ok=False, expected=produced[k], recomputed=float(v),
                                                message=f"input {k}={v} differs from step output {produced[k]}"))
            if s.value is None:
                continue
            recomputed: float | None = None
            try:
                if s.expression:
                    numeric = {k: v for k, v in s.inputs.items() if not isinstance(v, str)}
                    recomputed = expr.evaluate(s.expression, numeric)
                elif s.model:
                    m = Registry.default().get(s.model)
                    res = m.evaluate_unchecked(**s.inputs)
                    recomputed = float(res[s.output]) if s.output in res else None
            except Exception as e:  # noqa: BLE001 - a failed re-check is a mismatch, not a crash
                mismatches.append(StepCheck(index=s.index, ok=False, expected=s.value,
                                            message=f"could not re-evaluate: {e}"))
                continue
            if recomputed is None:
                continue
            checked += 1
            tol = s.tolerance if s.tolerance is not None else abs_tol
            if not _close(recomputed, s.value, rel_tol, tol):
                mismatches.append(StepCheck(index=s.index, ok=False, expected=s.value, recomputed=recomputed,
                                            message=f"step {s.index} ({s.title}) recomputes to {recomputed!r}, "
                                                    f"trace says {s.value!r}"))
            if s.output:
                produced[s.output] = s.value
        for o in self.outputs:
            if o.name in produced and not _close(produced[o.name], o.value, rel_tol, abs_tol):
                mismatches.append(StepCheck(index=-1, ok=False, expected=produced[o.name], recomputed=o.value,
                                            message=f"output {o.name} disagrees with the trace"))
        return Verification(ok=not mismatches, checked=checked, mismatches=mismatches)

    # -- rendering --------------------------------------------------------------------
    def render(self, fmt: Literal["text", "markdown", "latex"] = "text") -> str:
        """Render the solution for people: ``"text"``, ``"markdown"`` or ``"latex"``."""
        if fmt == "text":
            return _render_text(self)
        if fmt == "markdown":
            return _render_markdown(self)
        if fmt == "latex":
            return _render_latex(self)
        raise ValueError(f"unknown format {fmt!r}; use text, markdown or latex")


def _close(a: float, b: float, rel: float, abs_: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


def _unit(u: str) -> str:
    return "" if u == "1" else u


def _fmt_num(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.6g}"
    return str(v)


@lru_cache(maxsize=4096)
def _template(expression: str, names: tuple[str, ...]) -> tuple[str, str, Any]:
    """The expression split once at its variables: two ``%`` patterns and a getter of the slot values.

    The first pattern takes every value as text (``%s``); the second formats floats
    itself (``%.6g``, exactly what :func:`_fmt_num` does), for the usual all-float inputs.
    The getter returns the value for each slot, in order, as a tuple.
    """
    ordered = sorted(names, key=len, reverse=True)
    pat = re.compile(r"\b(" + "|".join(re.escape(n) for n in ordered) + r")\b")
    parts = pat.split(expression)
    literals = [lit.replace("%", "%%") for lit in parts[0::2]]
    slots = parts[1::2]
    if len(slots) == 1:
        name = slots[0]
        getter = lambda inputs: (inputs[name],)  # noqa: E731 - itemgetter of one name returns no tuple
    else:
        getter = operator.itemgetter(*slots) if slots else (lambda inputs: ())
    return "%s".join(literals), "%.6g".join(literals), getter


def substitute(expression: str, inputs: dict[str, Any]) -> str:
    """The expression with each variable replaced by its value (for display)."""
    if not inputs:
        return expression
    as_text, as_floats, getter = _template(expression, tuple(inputs))
    values = getter(inputs)
    for v in values:
        if type(v) is not float:
            return as_text % tuple(map(_fmt_num, values))
    return as_floats % values


# pydantic keeps a model's state in these four slots; setting them through the slot
# descriptors is what ``object.__setattr__`` does, minus the attribute-name lookup
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__
_new = object.__new__


def fast_construct(cls: type[BaseModel], values: dict[str, Any]) -> Any:
    """Build a model from already-valid values without validation.

    ``model_construct`` costs ~10 us per object; the solver and the trio writer build
    a dozen per row from values they produced themselves, so they skip it. Missing
    fields take their defaults (mutable ones copied), as with ``model_construct``.
    ``values`` becomes the model's ``__dict__`` when it names every field.
    """
    try:
        defaults, factories, n_fields = _FIELD_DEFAULTS[cls]
    except KeyError:
        defaults, factories, n_fields = _FIELD_DEFAULTS[cls] = _defaults(cls)
    if len(values) < n_fields:
        full = {k: (v.copy() if isinstance(v, (list, dict, set)) else v) for k, v in defaults.items()
                if k not in values}
        full.update({k: f() for k, f in factories.items() if k not in values})
        full.update(values)
    else:
        full = values
    m = _new(cls)
    _set_dict(m, full)
    _set_fields_set(m, set(values))
    _set_extra(m, None)
    _set_private(m, None)
    return m


#: model class -> its field defaults (one entry per class, so it stays small)
_FIELD_DEFAULTS: dict[type[BaseModel], tuple[dict[str, Any], dict[str, Any], int]] = {}


def _defaults(cls: type[BaseModel]) -> tuple[dict[str, Any], dict[str, Any], int]:
    defaults: dict[str, Any] = {}
    factories: dict[str, Any] = {}
    for name, f in cls.model_fields.items():
        if f.default_factory is not None:
            factories[name] = f.default_factory
        elif not f.is_required():
            defaults[name] = f.default
    return defaults, factories, len(cls.model_fields)


def _render_text(s: Solution) -> str:
    lines = [f"Question: {s.query}", f"Calculation: {s.calculation_type}"]
    add = lines.append
    if s.method:
        add(f"Method: {s.method}")
    add("Given: " + ", ".join([_given_text(k, p) for k, p in s.params.items()]))
    lines += map(_step_text, s.trace)
    result = s.result
    add(f"Result: {result.name} = {result.display}")
    for o in s.outputs:
        if o.name != result.name:
            add(f"  {o.name} = {o.display}")
    if s.assumptions:
        add("Assumptions: " + "; ".join(s.assumptions))
    if s.warnings:
        add("Warnings: " + "; ".join(s.warnings))
    add(f"Confidence: {s.confidence:.2f} ({s.confidence_reasoning})")
    if s.citations:
        add("Sources: " + "; ".join(s.citations))
    return "\n".join(lines)


def _given_text(name: str, p: ParamValue) -> str:
    """``distance = 5000 m`` for the text rendering's "Given" line."""
    v = p.value
    if type(v) is float:  # the usual case, formatted inline (as _fmt_num would)
        return f"{name} = {v:.6g}" if p.unit == "1" else f"{name} = {v:.6g} {p.unit}".rstrip()
    return f"{name} = {_fmt_num(v)} {_unit(p.unit)}".rstrip()


def _step_text(st: TraceStep) -> str:
    """One trace step of the text rendering (its lines, joined)."""
    text = f"Step {st.index}: {st.title} [{st.model}]" if st.model else f"Step {st.index}: {st.title}"
    if st.equation:
        text = f"{text}\n    {st.equation}"
    if st.substitution:
        text = f"{text}\n    = {st.substitution}"
    value = st.value
    if value is not None:
        if type(value) is float:  # the usual case, formatted inline (as _fmt_num would)
            unit = st.unit
            text = f"{text}\n    = {value:.6g}" if unit == "1" else f"{text}\n    = {value:.6g} {unit}".rstrip()
        else:
            text = f"{text}\n    = {_fmt_num(value)} {_unit(st.unit)}".rstrip()
    if st.note:
        text = f"{text}\n    ({st.note})"
    return text


def _render_markdown(s: Solution) -> str:
    out = [f"**Question:** {s.query}", "", f"**Calculation:** `{s.calculation_type}`"]
    if s.method:
        out.append(f"  \n**Method:** {s.method}")
    out += ["", "| parameter | value | unit |", "|---|---|---|"]
    out += [f"| {k} | {_fmt_num(p.value)} | {p.unit} |" for k, p in s.params.items()]
    out.append("")
    for st in s.trace:
        out.append(f"{st.index}. **{st.title}**" + (f" (`{st.model}`)" if st.model else ""))
        if st.equation:
            out.append(f"   - equation: `{st.equation}`")
        if st.substitution:
            out.append(f"   - substituted: `{st.substitution}`")
        if st.value is not None:
            out.append(f"   - value: **{(_fmt_num(st.value) + ' ' + _unit(st.unit)).strip()}**")
        if st.note:
            out.append(f"   - note: {st.note}")
    out += ["", f"**Result:** {s.result.name} = **{s.result.display}**", ""]
    if len(s.outputs) > 1:
        out += ["| output | value |", "|---|---|"] + [f"| {o.name} | {o.display} |" for o in s.outputs]
    if s.assumptions:
        out += ["", "**Assumptions:**"] + [f"- {a}" for a in s.assumptions]
    if s.warnings:
        out += ["", "**Warnings:**"] + [f"- {w}" for w in s.warnings]
    out += ["", f"**Confidence:** {s.confidence:.2f} - {s.confidence_reasoning}"]
    if s.citations:
        out += ["", "**Sources:** " + "; ".join(s.citations)]
    return "\n".join(out)


def _latex_escape(t: str) -> str:
    return re.sub(r"([_%&#$])", r"\\\1", t)


def _render_latex(s: Solution) -> str:
    import sympy as sp

    out = [r"\textbf{Question:} " + _latex_escape(s.query) + r"\\", r"\begin{enumerate}"]
    for st in s.trace:
        item = r"\item " + _latex_escape(st.title)
        if st.expression:
            try:
                item += r": $" + sp.latex(expr.to_sympy(st.expression)) + "$"
            except Exception:  # noqa: BLE001 - rendering must not fail on exotic expressions
                item += r": \texttt{" + _latex_escape(st.expression) + "}"
        if st.value is not None:
            item += rf" $= {_fmt_num(st.value)}\,\mathrm{{{_latex_escape(st.unit)}}}$"
        out.append(item)
    out.append(r"\end{enumerate}")
    out.append(r"\textbf{Result:} " + _latex_escape(f"{s.result.name} = {s.result.display}"))
    return "\n".join(out)
