"""A seeded generator of diverse questions for every calculation type.

``QueryGenerator(seed).query(i)`` is a pure function of ``(seed, i)`` and the set of
registered calculations: the same index always gives the same question, which is what
makes row ids, de-duplication and resume exact.

Each generated :class:`Query` carries the question text *and* the structured
request(s) the text means (``{"calculation", "params"}``); the solver solves the
structured request, so the truth is known without parsing text. Questions are built
from each calculation's pydantic ``Params`` (field kinds, ranges, defaults) plus
phrasing templates (:mod:`.phrasing`), with parameter values drawn from the real data's
distributions (:mod:`.priors`). Calculation types named in :data:`WANTED` but not yet
registered are skipped and counted in :attr:`QueryGenerator.skipped`.

Kinds of question:

- ``single``: one calculation (complexity 1-3: notation, units, optional inputs, distractors);
- ``comparison``: one calculation with two model choices (multi-model);
- ``compound``: two calculations in one message;
- ``no_calculation``: concepts, capabilities, off-topic and under-specified questions,
  so a model also learns when *not* to call the solver.
"""
from __future__ import annotations

import _random
import dataclasses
import functools
import hashlib
import itertools
import json
import logging
import math
import operator
import random
import re
import typing
import warnings
from dataclasses import dataclass, field
from pathlib import Path
import types
from typing import Any, Iterator

from pydantic import ValidationError

from .. import quantities as q
from ..errors import MissingParameterError, SolverError
from . import phrasing as ph
from . import priors

log = logging.getLogger(__name__)

GENERATOR_VERSION = "1.5.1"

#: every calculation type the project plans; the generator uses those that are registered
WANTED = ("wind_correction", "altitude_correction", "air_density", "temperature_effect_sprint",
          "heat_adjusted_pace", "heat_index", "grade_adjusted_pace", "equivalent_flat_distance", "body_metrics",
          "sprint_profile", "race_prediction", "vdot", "training_paces", "points", "hand_timing", "false_start",
          "pace", "intervals", "even_splits", "lane_effect", "sprint_conditions")

#: quantity kinds that are "conditions" a good answer should talk about
CONDITION_KINDS = {"wind": "wind", "altitude": "altitude", "temperature": "temperature", "humidity": "humidity",
                   "pressure": "air pressure", "grade": "grade"}
CONDITION_NAMES = {"lane": "lane", "surface": "surface", "reaction_time": "reaction time"}
#: option fields that choose methods rather than describe the situation: not said in questions
TECHNICAL = {"model", "preset", "method", "formula", "table", "version", "exponent", "result", "level", "variant",
             "hand_variant", "edition", "venue", "fv_method", "time_correction", "adjustments", "slope_fraction", "cd",
             "limit", "solve_for", "flying_start", "air_density", "descent_grade", "heat_index", "wbgt", "rule"}

OMIT = object()
#: chance that a question of each complexity level says an optional input
_P_OPTIONAL = {1: 0.0, 2: 0.45, 3: 0.7}


@dataclass(frozen=True, slots=True)
class Query:
    """One question and what it means."""

    index: int
    text: str
    requests: tuple[dict[str, Any], ...] = ()
    kind: str = "single"
    complexity: int = 1
    factors: tuple[str, ...] = ()
    template_id: str = ""
    no_call_reason: str | None = None
    #: concept key, or the missing parameter for under-specified questions
    detail: str | None = None
    source: str = "generated"
    #: user questions without a structured request are parsed by the solver
    needs_parse: bool = False

    @property
    def calculations(self) -> list[str]:
        return [r["calculation"] for r in self.requests]

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickle as ``Query(*field values)``: questions travel to worker processes in every
        chunk, and this is about twice as fast both ways as the state list and per-field
        ``__setstate__`` dataclasses give a frozen slots class (and a few bytes shorter)."""
        return Query, _query_values(self)


#: all of a Query's field values, in field (= constructor argument) order, in one C call
_query_values = operator.attrgetter(*(f.name for f in dataclasses.fields(Query)))


@dataclass(frozen=True)
class Mix:
    """Shares of each kind of question (the rest are ``single``)."""

    no_calculation: float = 0.10
    comparison: float = 0.08
    compound: float = 0.08
    #: complexity weights of single questions (1, 2, 3)
    complexity: tuple[float, float, float] = (0.35, 0.40, 0.25)

    def as_dict(self) -> dict[str, Any]:
        return {"no_calculation": self.no_calculation, "comparison": self.comparison, "compound": self.compound,
                "complexity": list(self.complexity)}


# --- Params analysis -------------------------------------------------------------------------------
@dataclass
class FieldPlan:
    name: str
    kind: str
    required: bool
    default: Any
    lo: float | None = None
    hi: float | None = None
    choices: tuple[Any, ...] = ()
    unit: str = ""
    label: str = ""

    @property
    def technical(self) -> bool:
        return self.name in TECHNICAL or self.name.endswith("_model")


_PARSER_KINDS = {id(f): k for k, f in q.PARSERS.items()}


def _field_plan(name: str, fi: Any) -> FieldPlan:
    ann = fi.annotation
    args = typing.get_args(ann)
    origin = typing.get_origin(ann)
    if origin in (typing.Union, types.UnionType):
        non_none = [a for a in args if a is not type(None)]
        ann = non_none[0] if len(non_none) == 1 else ann
        origin, args = typing.get_origin(ann), typing.get_args(ann)
    kind = ""
    lo = hi = None
    metadata = list(fi.metadata) + list(getattr(ann, "__metadata__", ()))
    if hasattr(ann, "__metadata__"):
        ann = typing.get_args(ann)[0]
        origin, args = typing.get_origin(ann), typing.get_args(ann)
    for m in metadata:
        func = getattr(m, "func", None)
        for cell in (getattr(func, "__closure__", None) or ()):
            k = _PARSER_KINDS.get(id(cell.cell_contents))
            if k:
                kind = k
        for attr in ("ge", "gt"):
            if getattr(m, attr, None) is not None:
                lo = float(getattr(m, attr))
        for attr in ("le", "lt"):
            if getattr(m, attr, None) is not None:
                hi = float(getattr(m, attr))
    choices: tuple[Any, ...] = ()
    if not kind:
        if origin is typing.Literal:
            kind, choices = "literal", tuple(args)
        elif ann is bool:
            kind = "bool"
        elif ann is int:
            kind = "int"
        elif ann is float:
            kind = "float"
        elif ann is str:
            kind = "str"
        else:
            kind = "other"
    desc = fi.description or ""
    unit = desc.rsplit("[", 1)[1].rstrip("]").strip() if desc.endswith("]") and "[" in desc else ""
    if kind == "float":
        kind = _kind_from_unit(name, unit) or kind
    default = None if fi.is_required() else fi.get_default(call_default_factory=True)
    return FieldPlan(name, kind, fi.is_required(), default, lo, hi, choices, unit, name.replace("_", " "))


def _kind_from_unit(name: str, unit: str) -> str:
    """A plain float field with a canonical unit is said like the quantity it is."""
    if unit == "m":
        return "altitude" if "altitude" in name else ("height" if "height" in name else "distance")
    return {"s": "time", "degC": "temperature", "Pa": "pressure", "s/km": "pace", "m/s": "speed", "kg": "mass",
            "%": "humidity" if "humid" in name else ""}.get(unit, "")


class CalcPlan:
    """What the generator knows about one calculation: its fields and usable templates."""

    def __init__(self, calc: Any):
        from ..solver import validate_params  # imported lazily, like the Solver in QueryGenerator

        self.calc = calc
        #: ``params`` -> validated Params, or the SolverError the solver would raise
        self.validate = functools.partial(validate_params, calc.Params)
        #: the same validation without the error conversion (pydantic's ValidationError)
        self.check = calc.Params.__pydantic_validator__.validate_python
        self.name: str = calc.name
        self.title: str = _title(getattr(calc, "title", "") or calc.name.replace("_", " "))
        self.fields: dict[str, FieldPlan] = {n: _field_plan(n, fi) for n, fi in calc.Params.model_fields.items()}
        self.templates = [t for t in ph.CALC_TEMPLATES.get(self.name, []) if self._usable(t)]
        self.missing_templates = [t for t in ph.MISSING_TEMPLATES.get(self.name, []) if self._usable(t)]
        self.model_choices: tuple[str, ...] = ()
        mf = self.fields.get("model")
        if mf is not None and mf.kind == "literal":
            self.model_choices = tuple(c for c in mf.choices if isinstance(c, str))
        unsupported = [f.name for f in self.fields.values() if f.required and f.kind in ("other", "str")
                       and f.name not in OVERRIDES.get(self.name, {})]
        self.problem = f"required fields with no generator: {unsupported}" if unsupported else None
        #: the cross-field rules of the calculation: a stale one (naming inputs it no longer has)
        #: could not keep its questions solvable
        self.rules: tuple[Rule, ...] = RULES.get(self.name, ())
        unknown = sorted({n for r in self.rules for n in r.names()} - set(self.fields))
        if unknown:
            self.problem = f"RULES name inputs it does not have: {unknown}"
        rank = {"literal": 0, "bool": 0, "int": 1, "distance": 2}
        #: sampling order: what other fields depend on (event, distance) first
        self.order = sorted(self.fields.values(), key=lambda f: rank.get(f.kind, 3))
        self.by_level = {lv: [t for t in self.templates if t.level <= lv] for lv in (1, 2, 3)}
        #: how each field is drawn, decided once here rather than on every draw
        self.samplers = {n: _sampler(self.name, f) for n, f in self.fields.items()}
        #: field -> (condition label, whether a zero value means "no such condition")
        self.factor_labels = {n: (label, f.kind in ("altitude", "grade")) for n, f in self.fields.items()
                              if (label := CONDITION_KINDS.get(f.kind) or CONDITION_NAMES.get(n))}
        #: inputs an under-specified question can leave out, and the ones a question can say
        self.required = [f for f in self.fields.values() if f.required and not f.technical]
        self.sayable = [f for f in self.fields.values() if not f.technical and f.kind not in ("other", "str")]
        #: the inputs a question can be made to say
        self.can_say = {f.name for f in self.sayable}
        #: ``params`` -> Solution, or the SolverError (set by the generator, for :class:`Solves` rules)
        self.solve: typing.Callable[[dict[str, Any]], Any] = functools.partial(_no_solver, self.name)
        #: the generic under-specified templates, one list (in MISSING_GENERIC order) per input left out
        self.missing_generic = {f.name: [ph.Template(g.id, g.text, {"_missing": f.name}) for g in ph.MISSING_GENERIC]
                                for f in self.required}
        #: what a generic question asks for (:data:`.phrasing.SUBJECTS`; the calculation's title for one
        #: that has none), and the (input, value) pairs that ask for something else when said
        self.subjects: tuple[str, ...] = ph.SUBJECTS.get(self.name) or (self.title,)
        self.subject_when = [(f, v) for (c, f, v) in ph.SUBJECTS_WHEN if c == self.name and f in self.fields]
        own = ph.PHRASES.get(self.name, ())
        #: how a generic question says its inputs: phrases of several inputs (tried in order), one input
        self.merges = [p for p in own if len(p.fields) > 1 and set(p.fields) <= set(self.fields)]
        self.phrase = {p.fields[0]: p for p in ph.PHRASES["*"] if p.fields[0] in self.fields}
        self.phrase.update({p.fields[0]: p for p in own if len(p.fields) == 1 and p.fields[0] in self.fields})
        self._layouts: dict[int, tuple[ph.Template, bool, _Layout]] = {}
        for tpl, generic in ([(t, False) for t in self.templates] + [(t, True) for t in ph.GENERIC_TEMPLATES]
                             + [(t, t.id.startswith("g.")) for t in self.missing_templates]
                             + [(t, True) for ts in self.missing_generic.values() for t in ts]):
            self._layouts[id(tpl)] = (tpl, generic, _Layout(self, tpl, generic))

    def layout(self, tpl: ph.Template, generic: bool) -> _Layout:
        """The :class:`_Layout` of ``tpl``: precomputed for this plan's own templates (the entry
        keeps its template alive, so its id cannot be reused), worked out afresh for any other."""
        hit = self._layouts.get(id(tpl))
        if hit is not None and hit[0] is tpl and hit[1] == generic:
            return hit[2]
        return _Layout(self, tpl, generic)

    def _usable(self, t: ph.Template) -> bool:
        names = {s for s, _ in t.slots} | {k for k in t.fixed if not k.startswith("_")}
        return names <= set(self.fields)



class _Layout:
    """One template as one calculation uses it, worked out once instead of on every draw: the
    template's slots and fixed values, the other inputs it could mention and the text to fill."""

    __slots__ = ("slots", "fixed", "mentioned", "candidates", "words", "order", "styles", "clauses", "text", "texts",
                 "rules", "a_slots")

    def __init__(self, plan: CalcPlan, tpl: ph.Template, generic: bool):
        self.slots = dict(tpl.slots)
        self.fixed = {k: v for k, v in tpl.fixed.items() if not k.startswith("_")}
        dropped = tpl.fixed.get("_missing")
        #: inputs the template has slots for, in the order it says them
        self.mentioned = [s for s in self.slots if s in plan.fields]
        #: the other inputs, in field order: (name, required, optional one can be said, has words)
        self.candidates = [(f.name, f.required, f.kind not in ("other", "str"),
                            generic or bool(_clauses(plan.name, f.name)))
                           for f in plan.fields.values()
                           if not (f.name in self.slots or f.name in self.fixed or f.technical or f.name == dropped)]
        #: the inputs the template can say (in its slots or in words for them)
        self.words = set(self.mentioned) | {n for n, _, _, has_words in self.candidates if has_words}
        #: (name, required, default, sampler) in sampling order, leaving out what the template fixes
        self.order = [(f.name, f.required, f.default, plan.samplers[f.name]) for f in plan.order
                      if f.name not in self.fixed]
        #: the calculation's rules a draw can break: a :class:`Needs` of an input the template always
        #: says (a slot, or a value it fixes) cannot be
        self.rules = tuple(r for r in plan.rules if not (isinstance(r, Needs) and any(
            n in self.slots or self.fixed.get(n) is not None for n in r.fields)))
        #: the style each input is said in
        self.styles = {n: self.slots.get(n, ph.GENERIC_STYLES.get(n, "signed") if generic else "")
                       for n in plan.fields}
        #: clause options and placeholder of the inputs said outside the template's slots
        self.clauses = {n: (_clauses(plan.name, n), "{" + n + "}") for n, *_ in self.candidates}
        #: a generic template's texts, one per subject, by what chooses the subject (None: the inputs said
        #: choose none of :attr:`CalcPlan.subject_when`)
        self.texts: dict[Any, tuple[str, ...]] = {}
        if generic:
            for key in [None, *plan.subject_when]:
                subjects = plan.subjects if key is None else ph.SUBJECTS_WHEN[(plan.name, *key)]
                self.texts[key] = tuple(_with_subject(tpl.text, s) for s in subjects)
            self.text = self.texts[None][0]
        else:
            self.text = ph.format_pattern(tpl.text)
        #: the slots the text says right after "a" ("a {time} {event}"): "an" before "8:38" or "11.2 s"
        self.a_slots = tuple((m.group(0), m.group(1) + "n " + m.group(0)[2:]) for m in _A_SLOT.finditer(self.text)) \
            if not generic else ()


def _with_subject(text: str, subject: str) -> str:
    """A generic template's text asking for ``subject`` (``{mentions}`` left to fill)."""
    return (text.replace("{Subject}", subject[:1].upper() + subject[1:]).replace("{subject}", subject)
            .replace("{is}", "are" if ph.plural(subject) else "is"))


def _no_solver(name: str, params: dict[str, Any]) -> Any:
    raise SolverError(f"no solver to check a {name} request")


def _solve(solver: Any, name: str, params: dict[str, Any]) -> Any:
    """Solve ``params`` of calculation ``name`` the way the pipeline solves a generated request."""
    return solver.solve({"calculation": name, "params": params})


def _title(t: str) -> str:
    t = t.strip().rstrip(".")
    return t if len(t) > 1 and t[1].isupper() else t[:1].lower() + t[1:]


# --- sampling --------------------------------------------------------------------------------------
def _clip(f: FieldPlan, v: float) -> float:
    if f.lo is not None:
        v = max(f.lo, v)
    if f.hi is not None:
        v = min(f.hi, v)
    return v


#: field kinds drawn straight from a prior, then clipped to the field's range
_PRIOR_KINDS = {"wind": priors.wind, "altitude": priors.altitude, "temperature": priors.temperature_c,
                "humidity": priors.humidity, "pressure": priors.pressure_pa, "grade": priors.grade_percent,
                "mass": priors.mass_kg, "height": priors.height_m, "speed": priors.speed_m_s,
                "pace": priors.pace_s_per_km}

Sampler = typing.Callable[[random.Random, dict[str, Any]], Any]


def _sampler(calc: str, f: FieldPlan) -> Sampler:
    """How field ``f`` of calculation ``calc`` is drawn: ``(rng, ctx) -> value`` (:data:`OMIT` when
    the generator cannot draw it). Chosen once per field, so a draw is a single call."""
    ov = OVERRIDES.get(calc, {}).get(f.name)
    if ov is not None:
        return ov
    k = f.kind
    if k == "literal":
        choices = f.choices
        return lambda rng, ctx: choices[int(rng.random() * len(choices))]
    if k == "bool":
        return lambda rng, ctx: rng.random() < 0.5
    if k == "int":
        lo = int(f.lo) if f.lo is not None else 0
        hi = int(f.hi) if f.hi is not None else lo + 10
        hi = min(hi, lo + 100)
        return lambda rng, ctx: rng.randint(lo, hi)
    if k == "time":
        return lambda rng, ctx: _clip(f, _time_for(f, ctx, rng))
    if k == "distance":
        return lambda rng, ctx: priors.distance(rng, f.lo, f.hi)
    prior = _PRIOR_KINDS.get(k)
    if prior is not None:
        return lambda rng, ctx: _clip(f, prior(rng))
    if k == "float":
        if "reaction" in f.name:
            return lambda rng, ctx: _clip(f, priors.reaction_time(rng))
        if f.lo is not None and f.hi is not None:
            return lambda rng, ctx: priors.sig_round(rng.uniform(f.lo, f.hi), 3)
        if f.default is not None:
            return lambda rng, ctx: f.default
    return lambda rng, ctx: OMIT


def _time_for(f: FieldPlan, ctx: dict[str, Any], rng: random.Random) -> float:
    if "reaction" in f.name:
        return priors.reaction_time(rng)
    dist = ctx.get("distance")
    if dist is None and isinstance(ctx.get("event"), str):
        try:
            dist = q.parse_distance(ctx["event"].rstrip("H").replace("mh", "m"))
        except SolverError:
            dist = None
    if dist is None and f.hi is not None and f.hi <= 60:
        dist = 100.0
    if dist is None:
        dist = priors.distance(rng)
        ctx.setdefault("_distance", dist)
    if dist <= 200:
        return priors.sprint_mark(rng, "200m" if dist > 100 else "100m", str(ctx.get("sex", "men")))
    return priors.race_time(rng, dist)


def _wind_lane(rng: random.Random, ctx: dict[str, Any]) -> Any:
    return rng.randint(1, 8) if ctx.get("event") == "200m" else OMIT


def _choice(*options: Any) -> Any:
    return lambda rng, ctx: options[int(rng.random() * len(options))]


def _sex(rng: random.Random, ctx: dict[str, Any]) -> str:
    return "men" if rng.random() < 0.6 else "women"


def _event(rng: random.Random, ctx: dict[str, Any]) -> str:
    return "100m" if rng.random() < 0.65 else "200m"


def _sprint_time(rng: random.Random, ctx: dict[str, Any]) -> float:
    return priors.sprint_mark(rng, ctx.get("event", "100m"), ctx.get("sex", "men"))


def _lane_200(rng: random.Random, ctx: dict[str, Any]) -> Any:
    return rng.randint(1, 8) if ctx.get("event") == "200m" else OMIT


def _dist_between(lo: float, hi: float) -> Any:
    return lambda rng, ctx: priors.distance(rng, lo, hi)


def _time_of(key: str, scale: float = 1.0) -> Any:
    def f(rng: random.Random, ctx: dict[str, Any]) -> float:
        d = float(ctx.get(key) or 5000.0)
        t = priors.race_time(rng, d) * scale
        return float(round(t, 1) if t < 600 else round(t))
    return f


def _rep_time(rng: random.Random, ctx: dict[str, Any]) -> float:
    d = float(ctx.get("rep_distance") or 400.0)
    pace = rng.uniform(170.0, 330.0)  # s/km: fast club runner to steady jogger
    t = d / 1000.0 * pace
    return round(t) if t >= 60 else round(t, 1)


def _split(rng: random.Random, ctx: dict[str, Any]) -> Any:
    d = float(ctx.get("distance") or 5000.0)
    opts = [x for x in (400.0, 1000.0, q.MILE, 5000.0) if x < d]
    return opts[int(rng.random() * len(opts))] if opts else OMIT


def _target(rng: random.Random, ctx: dict[str, Any]) -> float:
    d = ctx.get("distance")
    for _ in range(10):
        t = priors.distance(rng, 1500.0, 42195.0)
        if t != d:
            return t
    return 42195.0


_POINTS_EVENTS = {"men": ("100m", "200m", "400m", "800m", "1500m", "5000m", "10000m", "110mH", "400mH", "mile",
                          "marathon", "half_marathon"),
                  "women": ("100m", "200m", "400m", "800m", "1500m", "5000m", "10000m", "100mH", "400mH", "mile",
                            "marathon", "half_marathon")}
_HURDLES = {"110mH": (13.3, 15.5), "100mH": (12.6, 14.8), "400mH": (48.5, 60.0)}


def _points_event(rng: random.Random, ctx: dict[str, Any]) -> str:
    opts = _POINTS_EVENTS[ctx.get("sex", "men")]
    if ctx.get("hand_timed"):  # hand timing is a sprint matter
        opts = tuple(e for e in opts if e in ("100m", "200m", "400m", "110mH", "100mH"))
    return opts[int(rng.random() * len(opts))]


def _points_time(rng: random.Random, ctx: dict[str, Any]) -> float:
    ev = str(ctx.get("event", "100m"))
    if ev in _HURDLES:
        lo, hi = _HURDLES[ev]
        return round(rng.uniform(lo, hi) + (5.0 if ev == "400mH" and ctx.get("sex") == "women" else 0.0), 2)
    d = _event_distance(ev)
    if d <= 200:
        return priors.sprint_mark(rng, ev, ctx.get("sex", "men"))
    t = priors.race_time(rng, d) * (0.75 if d < 5000 else 1.0)
    return round(t, 2) if t < 60 else (round(t, 1) if t < 3600 else float(round(t)))


@functools.lru_cache(maxsize=64)
def _event_distance(ev: str) -> float:
    """The distance of a scoring-table event key ("800m", "half_marathon")."""
    return q.parse_distance(ev.replace("_", " ").replace("m", " m") if ev[0].isdigit() else ev.replace("_", " "))


#: distances hand times are taken over (indoor 50-60 m, school 55 m and 300 m ...), with weights:
#: at each of them every published offset rule (standard, masters, World Athletics scoring) agrees
_HAND_DISTANCES = (50.0, 55.0, 60.0, 100.0, 150.0, 200.0, 300.0, 400.0, 800.0, 1500.0)
_HAND_WEIGHTS = tuple(itertools.accumulate((1, 1, 3, 6, 1, 5, 2, 4, 2, 2)))
#: a question that names a rule: mostly 500 and 600 m, where the rules differ (masters: nothing
#: above 400 m; scoring tables: +0.14 s up to 500 m; standard: +0.14 s up to 800 m)
_HAND_RULED = (60.0, 100.0, 200.0, 300.0, 400.0, 500.0, 600.0)
_HAND_RULED_WEIGHTS = tuple(itertools.accumulate((1, 1, 1, 1, 2, 3, 3)))
#: distance -> (sprint event, factor): a hand time scaled from a 100 m or 200 m mark
_HAND_SCALE = {50.0: ("100m", 0.57), 55.0: ("100m", 0.61), 60.0: ("100m", 0.655), 100.0: ("100m", 1.0),
               150.0: ("200m", 0.735), 200.0: ("200m", 1.0), 300.0: ("200m", 1.6), 400.0: ("200m", 2.25),
               500.0: ("200m", 2.95), 600.0: ("200m", 3.65)}
#: no hand time below about 1.05 x the world record
_HAND_FLOOR = {800.0: 106.0, 1500.0: 217.0}


def _hand_distance(rng: random.Random, ctx: dict[str, Any]) -> float:
    if ctx.get("variant", "standard") != "standard":  # the template names a rule
        return priors.weighted_choice(rng, _HAND_RULED, _HAND_RULED_WEIGHTS)
    return priors.weighted_choice(rng, _HAND_DISTANCES, _HAND_WEIGHTS)


def _hand_time(rng: random.Random, ctx: dict[str, Any]) -> float:
    """A stopwatch reading in hundredths (a ``hand`` slot says it to 0.1 s): men's and women's
    marks, elite to school level."""
    d = float(ctx.get("distance", 100.0))
    scale = _HAND_SCALE.get(d)
    if scale is None:
        t = max(priors.race_time(rng, d), _HAND_FLOOR.get(d, 0.0))
    else:
        t = priors.sprint_mark(rng, scale[0], "men" if rng.random() < 0.6 else "women") * scale[1]
    return round(t, 2)


def _reaction(rng: random.Random, ctx: dict[str, Any]) -> float:
    u = rng.random()
    if u < 0.35:
        # near the limits (0.100 s and the lower ones of ``_false_start_limit``)
        return round(rng.uniform(0.075, 0.120), 3)
    if u < 0.55:
        # club and school meets with a start information system: slower and more spread than the
        # World Championships heats of the prior (as sprint marks mix in a club level)
        return round(rng.uniform(0.130, 0.280), 3)
    return priors.reaction_time(rng)


#: lower false-start limits, as argued for (reactions faster than 0.100 s are possible); the model
#: is valid for limits of 0.080-0.120 s
_false_start_limit = _choice(0.080, 0.085, 0.090, 0.095)


def _warm(rng: random.Random, ctx: dict[str, Any]) -> float:
    return float(round(rng.uniform(18.0, 36.0)))


#: the most humid air a question says, as a dew point [degC]: higher ones are all but unknown (the
#: record is 35 degC), and in 34-36 degC air they put the heat index over 60 degC, beyond the range of
#: the heat_index model of heat_adjusted_pace (and of any sensible running)
_MAX_DEW_POINT = 30.0


def _dew(rng: random.Random, ctx: dict[str, Any]) -> float:
    """1-14 degC below the air temperature, and at most :data:`_MAX_DEW_POINT`."""
    t = float(ctx.get("temperature", 25.0))
    return float(round(t - rng.uniform(min(max(1.0, t - _MAX_DEW_POINT), 14.0), 14.0)))


def _humid(rng: random.Random, ctx: dict[str, Any]) -> float:
    """A race-day relative humidity, at most that of a :data:`_MAX_DEW_POINT` dew point in the air
    drawn (the prior, drawn again a few times if too humid)."""
    h = priors.humidity(rng)
    t = ctx.get("temperature")
    if t is None or t <= _MAX_DEW_POINT:
        return h
    top = 100.0 * math.exp(17.625 * _MAX_DEW_POINT / (243.04 + _MAX_DEW_POINT) - 17.625 * t / (243.04 + t))
    for _ in range(3):
        if h <= top:
            return h
        h = priors.humidity(rng)
    return min(h, float(math.floor(top)))


def _marathon_pace(rng: random.Random, ctx: dict[str, Any]) -> float:
    return float(round(priors.marathon_time(rng) / 42.195))


def _grade(rng: random.Random, ctx: dict[str, Any]) -> float:
    g = priors.grade_percent(rng)
    return g if abs(g) >= 1 else (2.0 if g >= 0 else -2.0)


def _gain(rng: random.Random, ctx: dict[str, Any]) -> float:
    d = float(ctx.get("distance") or 10000.0)
    return float(round(d * rng.uniform(0.005, 0.04)))


def _trail_distance(rng: random.Random, ctx: dict[str, Any]) -> float:
    return float((10000, 15000, 20000, 21097.5, 25000, 30000, 42195, 50000)[int(rng.random() * 8)])


def _climb(rng: random.Random, ctx: dict[str, Any]) -> float:
    return float(round(float(ctx.get("distance") or 20000.0) * rng.uniform(0.01, 0.08), -1))


def _descent(rng: random.Random, ctx: dict[str, Any]) -> float:
    return float(round(float(ctx.get("climb") or 500.0) * rng.uniform(0.5, 1.1), -1))


def _run_speed(rng: random.Random, ctx: dict[str, Any]) -> float:
    return round(rng.uniform(3.0, 10.5), 1)


def _profile(rng: random.Random, ctx: dict[str, Any]) -> dict[str, list[float]]:
    """Splits from the mono-exponential model v(t) = MSS (1 - exp(-t/tau)) (Clark et al. 2017)."""
    mss = rng.uniform(7.0, 11.0)
    tau = rng.uniform(0.7, 1.4)
    dists = [(5.0, 10.0, 20.0, 30.0, 40.0), (10.0, 20.0, 30.0, 40.0), (10.0, 20.0, 30.0)][int(rng.random() * 3)]
    times = []
    for d in dists:
        t = d / mss + tau
        for _ in range(30):  # Newton on d(t) = MSS (t + tau e^(-t/tau)) - MSS tau
            f = mss * (t + tau * math.exp(-t / tau)) - mss * tau - d
            step = f / (mss * (1 - math.exp(-t / tau)))
            if t - step == t:
                break  # a fixed point: every further step would leave t as it is
            t -= step
        times.append(round(t, 2))
    return {"distances": list(dists), "times": times}


def _distances(rng: random.Random, ctx: dict[str, Any]) -> list[float]:
    prof = _profile(rng, ctx)
    ctx["_times"] = prof["times"]
    return prof["distances"]


def _times(rng: random.Random, ctx: dict[str, Any]) -> Any:
    return ctx.get("_times", OMIT)


def _lanes(ctx: dict[str, Any]) -> int:
    """Lanes 1-9 (the fitted lane model has lane 9, as nine-lane tracks do), or 1-8 when the
    question says the wind: Mureika's lane-specific wind terms stop at lane 8."""
    return 8 if "wind" in ctx.get("_said", ()) else 9


def _lane(rng: random.Random, ctx: dict[str, Any]) -> int:
    return 1 + int(rng.random() * _lanes(ctx))


def _other_lane(rng: random.Random, ctx: dict[str, Any]) -> int:
    lane = ctx.get("lane") or 4
    x = 1 + int(rng.random() * (_lanes(ctx) - 1))
    return x + 1 if x >= lane else x


def _lane_time(rng: random.Random, ctx: dict[str, Any]) -> float:
    return priors.sprint_mark(rng, "200m", ctx.get("sex", "men"))


def _say_list(unit: str, pattern: str = "{:g}") -> Any:
    def say(values: list[float], rng: random.Random) -> str:
        parts = [pattern.format(v) for v in values]
        return ", ".join(parts[:-1]) + " and " + parts[-1] + (f" {unit}" if unit else "")
    return say


#: how list fields are said
CUSTOM_SAY: dict[str, Any] = {"distances": _say_list("m"), "times": _say_list("s", "{:.2f}")}

#: (calculation, field) samplers that know more than the field's kind
OVERRIDES: dict[str, dict[str, Any]] = {
    "altitude_correction": {"event": _event, "sex": _sex, "time": _sprint_time, "lane": _lane_200,
                            "target_altitude": lambda rng, ctx: priors.altitude(rng) or 1500.0},
    "temperature_effect_sprint": {"event": _event, "sex": _sex, "time": _sprint_time, "lane": _lane_200,
                                  "reference_temperature": lambda rng, ctx: float(round(rng.uniform(10, 35)))},
    "sprint_conditions": {"event": _event, "sex": _sex, "time": _sprint_time, "lane": _lane_200},
    "pace": {"distance": _dist_between(400.0, 42195.0), "time": _time_of("distance"),
             "speed": _run_speed},
    "intervals": {"reps": lambda rng, ctx: rng.randint(3, 20),
                  "rep_distance": _choice(200.0, 400.0, 400.0, 600.0, 800.0, 1000.0, 1200.0, q.MILE, 2000.0),
                  "rep_time": _rep_time, "rest": lambda rng, ctx: float(rng.choice((30, 45, 60, 90, 120, 180)))},
    "even_splits": {"distance": _dist_between(800.0, 42195.0), "time": _time_of("distance"),
                    "split_distance": _split},
    "race_prediction": {"distance": _dist_between(1500.0, 42195.0), "time": _time_of("distance"),
                        "target_distance": _target},
    "vdot": {"distance": _dist_between(1500.0, 42195.0), "time": _time_of("distance")},
    "training_paces": {"distance": _dist_between(1500.0, 42195.0), "time": _time_of("distance"),
                       "vdot": lambda rng, ctx: round(rng.uniform(30.0, 75.0), 1)},
    "points": {"sex": _sex, "event": _points_event, "time": _points_time},
    "hand_timing": {"distance": _hand_distance, "hand_time": _hand_time},
    "false_start": {"reaction_time": _reaction, "limit": _false_start_limit},
    "heat_adjusted_pace": {"temperature": _warm, "dew_point": _dew, "humidity": _humid, "pace": _marathon_pace,
                           "distance": _dist_between(1500.0, 42195.0)},
    "heat_index": {"temperature": _warm, "dew_point": _dew, "humidity": _humid},
    "grade_adjusted_pace": {"grade": _grade, "distance": _dist_between(3000.0, 42195.0), "elevation_gain": _gain,
                            "elevation_loss": _gain},
    "equivalent_flat_distance": {"distance": _trail_distance, "climb": _climb, "descent": _descent},
    "body_metrics": {"speed": _run_speed},
    "sprint_profile": {"distances": _distances, "times": _times},
    "lane_effect": {"sex": _sex, "lane": _lane, "reference_lane": _other_lane, "time": _lane_time},
    "wind_correction": {
        "event": lambda rng, ctx: "100m" if rng.random() < 0.65 else "200m",
        "sex": lambda rng, ctx: "men" if rng.random() < 0.6 else "women",
        "time": lambda rng, ctx: priors.sprint_mark(rng, ctx.get("event", "100m"), ctx.get("sex", "men")),
        "lane": _wind_lane,
    },
}


# --- cross-field rules -----------------------------------------------------------------------------
#: an input as a rule names it: a field given at all, or a ``(field, value)`` pair: that field with
#: that value, given or by default
Given = typing.Union[str, tuple[str, Any]]


def _given(plan: CalcPlan, params: dict[str, Any], what: Given) -> bool:
    if isinstance(what, str):
        return params.get(what) is not None
    name, value = what
    return params.get(name, plan.fields[name].default) == value


@dataclass(frozen=True, slots=True)
class Needs:
    """At least one of ``fields`` must be given: always, or only when one of ``when`` is (field
    names: given at all)."""

    fields: tuple[str, ...]
    when: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        return self.fields + self.when

    def broken(self, plan: CalcPlan, params: dict[str, Any]) -> bool:
        if self.when and not any(params.get(w) is not None for w in self.when):
            return False
        return not any(params.get(f) is not None for f in self.fields)


@dataclass(frozen=True, slots=True)
class Excludes:
    """``a`` and ``b`` must not be given together."""

    a: Given
    b: Given

    def names(self) -> tuple[str, ...]:
        return tuple(x if isinstance(x, str) else x[0] for x in (self.a, self.b))

    def broken(self, plan: CalcPlan, params: dict[str, Any]) -> bool:
        return _given(plan, params, self.a) and _given(plan, params, self.b)


@dataclass(frozen=True, slots=True)
class Solves:
    """A draw that gives all of ``when`` is solved (the check of ``run()`` depends on the values, so
    only the solver can tell; keep ``when`` narrow, as solving costs several draws); one the solver
    rejects leaves out one of ``leave_out``."""

    when: tuple[Given, ...]
    leave_out: tuple[str, ...]

    def names(self) -> tuple[str, ...]:
        return tuple(x if isinstance(x, str) else x[0] for x in self.when) + self.leave_out

    def broken(self, plan: CalcPlan, params: dict[str, Any]) -> bool:
        if not all(_given(plan, params, w) for w in self.when):
            return False
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # validity warnings belong to the solution, not to the generator
            try:
                plan.solve(params)
            except SolverError:
                return True
        return False


Rule = typing.Union[Needs, Excludes, Solves]

#: what a calculation's ``run()`` checks across its inputs, which validating its Params (all that
#: :func:`_invalid` sees) does not: a draw that breaks one is mended (an input asked for is said, or
#: one of the inputs at fault left out) and drawn again, so no calculation question is one the solver
#: rejects. Keep these in step with the calculations (the tests solve every generated request). A few
#: more say what a question needs to ask anything at all (a generic question draws its optional inputs
#: freely).
RULES: dict[str, tuple[Rule, ...]] = {
    # the temperature with the dew point or humidity (hadley needs them; the other models take a WBGT
    # or heat index instead, which questions never say): every model choice then works
    "heat_adjusted_pace": (Needs(("temperature",)), Needs(("dew_point", "humidity"))),
    "heat_index": (Needs(("humidity", "dew_point")),),
    # a grade, or a route: a distance with elevation gain and/or loss; not both
    "grade_adjusted_pace": (Needs(("grade", "elevation_gain", "elevation_loss")),
                            Needs(("distance",), when=("elevation_gain", "elevation_loss")),
                            Excludes("grade", "elevation_gain"), Excludes("grade", "elevation_loss")),
    # a hand time is a time that was run, not a still-air sea-level reference time; and a still-air
    # time taken into much denser air (cold, or much colder than the reference, near sea level) is
    # beyond the 100 m model's density range
    "sprint_conditions": (Excludes(("hand_timed", True), ("direction", "from_reference")),
                          Solves((("direction", "from_reference"), "temperature"), ("temperature", "direction")),
                          # and a question asks about some condition (not "the fully corrected time of 10.2 s")
                          Needs(("wind", "altitude", "temperature"))),
    # a question (a generic one: the templates say them) says an altitude to correct from or to; a time
    # or a wind is said for a lane (without one they would go unused: the solver gives every lane's effect)
    "altitude_correction": (Needs(("altitude", "target_altitude")),),
    "lane_effect": (Needs(("lane", "reference_lane")), Needs(("lane",), when=("time", "wind"))),
}


def _mend(rng: random.Random, plan: CalcPlan, lay: _Layout, broken: list[Rule], force: set[str],
          avoid: set[str]) -> bool:
    """Change what the next draw says so that it keeps the ``broken`` rules: one of the inputs a
    :class:`Needs` asks for is said (``force``), one of the :class:`Excludes` (or :class:`Solves`)
    inputs the template does not need is left out (``avoid``). The choices are drawn from ``rng``,
    so the stream stays a function of the question's seed. Returns whether a forced input has no
    words in the template (so it is to be said in a generic one); raises :class:`_Retry` when
    nothing can mend it."""
    wordless = False
    for rule in broken:
        if isinstance(rule, Needs):
            options = [f for f in rule.fields if f in plan.can_say and f not in force and f not in avoid]
            if not options:
                raise _Retry
            pick = options[int(rng.random() * len(options))]
            force.add(pick)
            wordless = wordless or pick not in lay.words
        else:
            names = rule.leave_out if isinstance(rule, Solves) else rule.names()
            options = [n for n in names if n not in lay.slots and n not in lay.fixed and n not in force
                       and not plan.fields[n].required]
            if not options:
                raise _Retry
            avoid.add(options[int(rng.random() * len(options))])
    return wordless


# --- the generator ---------------------------------------------------------------------------------
class QueryGenerator:
    """Deterministic question stream: ``query(i)`` depends only on ``seed``, ``i`` and config.

    Parameters
    ----------
    seed : int
    calculations : list of str, optional
        Restrict to these calculation types (default: every registered one in :data:`WANTED`,
        then any other registered calculation).
    mix : Mix
        Shares of no-calculation, comparison and compound questions and complexity weights.
    """

    def __init__(self, seed: int = 0, calculations: list[str] | None = None, mix: Mix | None = None,
                 solver: Any = None):
        from ..solver import Solver
        from ..solver.calculations import CALCULATIONS, load_all

        load_all()
        self.seed = int(seed)
        self.mix = mix or Mix()
        wanted = list(calculations) if calculations else list(WANTED) + sorted(set(CALCULATIONS) - set(WANTED))
        self.skipped: dict[str, str] = {}
        self.plans: dict[str, CalcPlan] = {}
        for name in wanted:
            if name not in CALCULATIONS:
                self.skipped[name] = "not registered yet"
                continue
            plan = CalcPlan(CALCULATIONS[name])
            if plan.problem:
                self.skipped[name] = plan.problem
                continue
            self.plans[name] = plan
        if self.skipped:
            log.info("query generator: skipping %d calculation types: %s", len(self.skipped),
                     ", ".join(f"{k} ({v})" for k, v in self.skipped.items()))
        self.names = sorted(self.plans)
        self._solver = solver or Solver.default()
        for plan in self.plans.values():
            plan.solve = functools.partial(_solve, self._solver, plan.name)
            plan.model_choices = self._working_models(plan)
        self.comparable = [n for n in self.names if len(self.plans[n].model_choices) >= 2]
        #: calculations with a required input a question can leave out (the others cannot be
        #: under-specified, and drawing them would only retry into other kinds of question)
        self.missable = [n for n in self.names if self.plans[n].required]
        #: the complexity weights accumulated (as ``random.choices`` would, on every draw)
        self._level_weights = tuple(itertools.accumulate(self.mix.complexity))

    # -- identity ------------------------------------------------------------------------------
    def config(self) -> dict[str, Any]:
        """Everything that determines the stream (part of a run's fingerprint)."""
        return {"seed": self.seed, "generator_version": GENERATOR_VERSION, "mix": self.mix.as_dict(),
                "calculations": self.names, "code": _code_hash(),
                "models": {n: list(self.plans[n].model_choices) for n in self.comparable}}

    def _working_models(self, plan: CalcPlan) -> tuple[str, ...]:
        """Model choices that actually solve (fitted models exist only after training)."""
        if len(plan.model_choices) < 2:
            return plan.model_choices
        rng = random.Random(f"probe:{plan.name}")
        ok = []
        for _ in range(3):
            try:
                _, params, _, _ = self._single(rng, plan, 1, probe=True)
            except _Retry:
                continue
            for m in plan.model_choices:
                if m in ok:
                    continue
                try:
                    self._solver.solve({"calculation": plan.name, "params": {**params, "model": m}})
                    ok.append(m)
                except SolverError:
                    pass
            break
        return tuple(m for m in plan.model_choices if m in ok)

    # -- the stream ----------------------------------------------------------------------------
    def __iter__(self) -> Iterator[Query]:
        i = 0
        while True:
            yield self.query(i)
            i += 1

    def stream(self, n: int, start: int = 0) -> Iterator[Query]:
        for i in range(start, n):
            yield self.query(i)

    def query(self, index: int) -> Query:
        rng = _seeded(f"{self.seed}:{index}")
        for _ in range(20):
            try:
                return self._query(index, rng)
            except _Retry:
                continue
        for _ in range(20):
            try:
                return self._no_calc(index, rng)
            except _Retry:
                continue
        # off-topic questions never need a retry: the generator always returns a question
        text, n = ph.out_of_scope_question(rng)
        return Query(index, text, (), "no_calculation", 1, (), f"out_of_scope.{n}", "out_of_scope")

    def _query(self, index: int, rng: random.Random) -> Query:
        if not self.names:
            return self._no_calc(index, rng)
        m = self.mix
        u = rng.random()
        if u < m.no_calculation:
            return self._no_calc(index, rng)
        u -= m.no_calculation
        if u < m.comparison and self.comparable:
            return self._comparison(index, rng)
        u -= m.comparison
        if u < m.compound:
            return self._compound(index, rng)
        level = priors.weighted_choice(rng, (1, 2, 3), self._level_weights)
        plan = self.plans[self.names[int(rng.random() * len(self.names))]]
        text, params, tid, factors = self._single(rng, plan, level)
        text = _wrap(rng, text, level)
        return Query(index, text, ({"calculation": plan.name, "params": params},), "single", level,
                     tuple(factors), tid)

    def _comparison(self, index: int, rng: random.Random) -> Query:  # noqa: D401
        plan = self.plans[self.comparable[int(rng.random() * len(self.comparable))]]
        text, params, tid, factors = self._single(rng, plan, 2)
        a, b = rng.sample(list(plan.model_choices), 2)
        named = params.get("model")
        if named in plan.model_choices and named not in (a, b):
            # the template already names a model ("... using VDOT"): that one must be compared
            a = named
        elif named == b:
            a, b = b, a
        (wa, na), (wb, nb) = _model_word(a), _model_word(b)
        text = text + ph._pick(rng, ph.COMPARE).format(a=wa, b=wb, A=na, B=nb)
        reqs = ({"calculation": plan.name, "params": {**params, "model": a}},
                {"calculation": plan.name, "params": {**params, "model": b}})
        return Query(index, _wrap(rng, text, 2, distract=False), reqs, "comparison", 3, tuple(factors),
                     tid + "+cmp")

    def _compound(self, index: int, rng: random.Random) -> Query:
        names = self.names
        a = self.plans[names[int(rng.random() * len(names))]]
        others = [n for n in names if n != a.name] or names
        b = self.plans[others[int(rng.random() * len(others))]]
        ta, pa, ida, fa = self._single(rng, a, 2)
        tb, pb, idb, fb = self._single(rng, b, 2)
        if a.name == b.name and pa == pb:
            raise _Retry
        join = ph._pick(rng, ph.COMPOUND_JOINS)
        text = join.format(a=ta, b=_decap(tb) if join.endswith(", {b}") else tb)
        reqs = ({"calculation": a.name, "params": pa}, {"calculation": b.name, "params": pb})
        return Query(index, _wrap(rng, text, 2, distract=False), reqs, "compound", 3,
                     tuple(dict.fromkeys(fa + fb)), f"{ida}&{idb}")

    # -- one calculation -----------------------------------------------------------------------
    def _single(self, rng: random.Random, plan: CalcPlan, level: int, probe: bool = False,
                missing: ph.Template | None = None) -> tuple[str, dict[str, Any], str, list[str]]:
        if missing is not None:
            tpl, generic = missing, missing.id.startswith("g.")
        else:
            usable = plan.by_level[level]
            generic = not usable or (rng.random() < 0.05 and not probe)
            tpl = ph._pick(rng, ph.GENERIC_TEMPLATES if generic else usable)
        force: set[str] = set()
        avoid: set[str] = set()
        for _ in range(6):
            text, params, factors = self._draw(rng, plan, tpl, generic, level, probe, force, avoid)
            if missing is not None:
                return text, params, tpl.id, factors
            err = _invalid(plan, params)
            rules = plan.layout(tpl, generic).rules
            if err is None and rules:
                # the Params take it, but run() would not: say or leave out what the rules ask, draw again
                broken = [r for r in rules if r.broken(plan, params)]
                if broken:
                    if _mend(rng, plan, plan.layout(tpl, generic), broken, force, avoid) and not generic:
                        tpl, generic = ph._pick(rng, ph.GENERIC_TEMPLATES), True
                    continue
            if err is None:
                if generic and not params and not probe:
                    # "... for my numbers" with none given (a calculation whose inputs are all
                    # optional, like lane_effect): a question that says nothing, and one of a few
                    raise _Retry
                return text, params, tpl.id, factors
            field_ = getattr(err, "parameter", None)
            if isinstance(err, MissingParameterError) and field_ not in plan.fields:
                # "needs X or Y": say one more optional quantity and try again
                spare = [f.name for f in plan.fields.values() if not f.required and not f.technical
                         and f.name not in params and f.name not in force and f.kind in ph.SAY]
                field_ = spare[int(rng.random() * len(spare))] if spare else None
            if isinstance(err, MissingParameterError) and field_ in plan.fields and field_ not in force:
                force.add(field_)
                if not generic and not _clauses(plan.name, field_) and field_ not in dict(tpl.slots):
                    tpl, generic = ph._pick(rng, ph.GENERIC_TEMPLATES), True
                continue
            break
        raise _Retry

    def _draw(self, rng: random.Random, plan: CalcPlan, tpl: ph.Template, generic: bool, level: int, probe: bool,
              force: set[str], avoid: typing.Collection[str] = ()) -> tuple[str, dict[str, Any], list[str]]:
        lay = plan.layout(tpl, generic)
        mentioned = lay.mentioned.copy()
        p_opt = 0.0 if probe else _P_OPTIONAL[level]
        random_ = rng.random
        for name, required, optional, has_words in lay.candidates:
            if required or name in force:
                if not has_words:
                    raise _Retry  # a template that cannot say a required input
                mentioned.append(name)
            # the draw happens for every optional input, even when p_opt is 0: the stream depends on it
            elif optional and random_() < p_opt and has_words and name not in avoid:
                mentioned.append(name)
        ctx: dict[str, Any] = dict(lay.fixed)
        ctx["_said"] = mentioned  # what the question says, for samplers whose range depends on it
        values: dict[str, Any] = {}
        for name, required, default, sample in lay.order:
            if name in mentioned:
                v = sample(rng, ctx)
                if v is OMIT:
                    if required or name in force:
                        raise _Retry
                    mentioned.remove(name)
                    if default is not None:
                        ctx[name] = default
                    continue
                values[name] = ctx[name] = v
            elif default is not None:
                ctx[name] = default
        said: dict[str, str] = _Said() if generic else {}
        params: dict[str, Any] = dict(lay.fixed)
        fields, styles, say = plan.fields, lay.styles, self._say
        for name in mentioned:
            said[name], params[name] = say(fields[name], values[name], rng, level, styles[name])
        if generic:
            texts = lay.texts[None]
            for key in plan.subject_when:
                if key[0] in said and params[key[0]] == key[1]:
                    texts = lay.texts[key]
                    break
            text = ph._pick(rng, texts).replace("{mentions}", _mentions(plan, said, mentioned, params, rng))
        else:
            clauses = ""  # optional inputs the template has no slot for, said in clauses
            for n in mentioned:
                if n not in lay.slots:
                    options, slot = lay.clauses[n]
                    clauses += ph._pick(rng, options).replace(slot, said[n])
            pattern = lay.text
            for a, an in lay.a_slots:
                if _VOWEL_SOUND.match(said[a[3:-1]]):
                    pattern = pattern.replace(a, an)
            text = pattern.format_map(said)
            if "{+}" in text:
                text = text.replace("{+}", clauses)
            elif clauses:
                text = text.rstrip(".?!") + clauses + text[len(text.rstrip(".?!")):]
        return _tidy(text), params, _factors(plan, params)

    def _say(self, f: FieldPlan, value: Any, rng: random.Random, level: int, style: str) -> tuple[str, Any]:
        if f.kind in ph.SAY:
            text, val = ph.mention(f.kind, float(value), rng, level, style or "phrase")
            if (f.lo is not None and val < f.lo) or (f.hi is not None and val > f.hi):
                text, val = ph.mention(f.kind, float(value), rng, 1, style or "signed")
                if (f.lo is not None and val < f.lo) or (f.hi is not None and val > f.hi):
                    raise _Retry
            return text, val
        if f.kind == "literal":
            if style == "adj" or (f.name in ph.LITERAL_WORDS and style != "signed"):
                return ph.say_literal(f.name, value, rng), value
            return str(value).replace("_", " "), value
        if f.kind == "str":
            return ph.say_literal(f.name, value, rng), value
        custom = CUSTOM_SAY.get(f.name)
        if custom is not None and isinstance(value, list):
            return custom(value, rng), value
        if f.kind == "bool":
            return ("yes" if value else "no"), bool(value)
        if f.kind == "int":
            return str(int(value)), int(value)
        if f.kind == "float":
            v = float(value)
            text = f"{v:g}" + (f" {f.unit}" if f.unit and f.unit not in ("1",) else "")
            return text, v
        raise _Retry

    # -- no calculation ------------------------------------------------------------------------
    def _no_calc(self, index: int, rng: random.Random) -> Query:
        # every kind is slot-filled (concepts with drawn values, capability, greeting and off-topic
        # templates, missing-input questions from the calculation templates), so a large run keeps
        # distinct rows instead of losing its repeats to de-duplication
        u = rng.random()
        if u < 0.20:
            cq = ph.concept_question(rng)
            return Query(index, _wrap(rng, cq.text, 1, distract=False), (), "no_calculation", 1, (),
                         cq.template_id, "concept", cq.concept.key)
        if u < 0.25:
            text, n = ph.capability_question(rng)
            return Query(index, _wrap(rng, text, 1, distract=False), (), "no_calculation", 1, (),
                         f"capability.{n}", "capabilities")
        missable = self.missable
        if u < 0.55 or not missable:
            if rng.random() < 0.05:
                text, n = ph.greeting(rng)
                return Query(index, text, (), "no_calculation", 1, (), f"greeting.{n}", "greeting")
            text, n = ph.out_of_scope_question(rng)
            return Query(index, text, (), "no_calculation", 1, (), f"out_of_scope.{n}", "out_of_scope")
        plan = self.plans[missable[int(rng.random() * len(missable))]]
        return self._missing(index, rng, plan)

    def _missing(self, index: int, rng: random.Random, plan: CalcPlan) -> Query:
        required = plan.required
        if not required:
            raise _Retry
        # a calculation with one input to say can only be under-specified in its own words
        own = 0.7 if len(plan.sayable) > 1 else 1.0
        for _ in range(4):
            if plan.missing_templates and rng.random() < own:
                tpl = ph._pick(rng, plan.missing_templates)
                drop = tpl.fixed["_missing"]
            else:
                drop = required[int(rng.random() * len(required))].name
                tpl = ph._pick(rng, plan.missing_generic[drop])  # MISSING_GENERIC with "_missing": drop
            # a generic question with one required input left out would say nothing at level 1: at
            # level 2 optional inputs are sometimes said too
            level = 1 if tpl.id[:2] == "g." and len(required) > 1 else 2
            text, params, tid, factors = self._single(rng, plan, level, missing=tpl)
            if {"humidity", "dew_point"} <= set(params):
                continue  # together they fix the temperature: not really under-specified
            if drop == "time" and params.get("wind") == 0.0 and not params.get("altitude"):
                continue  # still air at sea level changes nothing, whatever the time
            # the request must really be unanswerable for want of an input (not solvable, not contradictory)
            said = [k for k in params if k in plan.fields and not plan.fields[k].technical]
            if (isinstance(_invalid(plan, params, likely=False), MissingParameterError)
                    and (said or tpl.id[:2] != "g.")):
                break
        else:
            raise _Retry
        return Query(index, _wrap(rng, ph.fill_free(text, rng), 2, distract=False),
                     ({"calculation": plan.name, "params": params},), "no_calculation", 2, tuple(factors), tid,
                     "missing_information", drop)


class _Retry(Exception):
    """This draw cannot make a valid question; draw again (deterministically)."""


def _invalid(plan: CalcPlan, params: dict[str, Any], likely: bool = True) -> SolverError | None:
    """The error the calculation's Params raise for ``params`` (None = valid).

    Most draws are valid (``likely``), so they go straight to pydantic-core's validator (the
    input is not changed and the model is not kept: ``model_validate``'s copy and wrapper are
    not needed); a failing draw, or one expected to fail, goes through the solver's
    ``validate_params``, which turns the pydantic error into the SolverError a solve raises."""
    if likely:
        try:
            plan.check(params)
            return None
        except (ValidationError, SolverError):
            pass
    try:
        plan.validate(params)
    except SolverError as e:
        return e
    return None


def _clauses(calc: str, field: str) -> list[str]:
    if (calc, field) in ph.CLAUSES:
        return ph.CLAUSES[(calc, field)]
    return ph.CLAUSES.get(("*", field)) or []


class _Said(dict):
    """The texts a generic question says its inputs in; ``a_name`` is input ``name`` with an article
    when it is said as a name ("a marathon"), and as it is when it is a number ("10 km")."""

    def __missing__(self, key: str) -> str:
        if key[:2] != "a_":
            raise KeyError(key)
        s = self[key[2:]]
        return "a " + s if s[:1].isalpha() else s


def _options(p: ph.Phrase, said: dict[str, str], params: dict[str, Any]) -> Any:
    """The patterns phrase ``p`` offers for these inputs (None: it says none of them)."""
    if p.key is None:
        return p.options
    if p.key[0] == "~":
        return p.options.get(str(said[p.key[1:]][:1].isalpha()))
    return p.options.get(str(params[p.key]))


#: pattern -> the inputs it says right after "a" ("a {time} run"), for :func:`_fill`
_A_SLOTS: dict[str, tuple[str, ...]] = {}
_A_SLOT = re.compile(r"\b([aA]) \{(\w+)\}")
#: a said value that takes "an" ("an 8:41/km pace", "an 11.3 s time"), as :func:`.phrasing.articles` has it
_VOWEL_SOUND = re.compile(r"(?:[aei]|o(?!ne)|u(?!ni|s[eu])|8|1[18]\b)")


def _fill(pattern: str, said: dict[str, str]) -> str:
    """``pattern`` filled with the said texts, "a" made "an" before a value that needs it (the value
    is known only now; the patterns' own words are written right)."""
    names = _A_SLOTS.get(pattern)
    if names is None:
        names = _A_SLOTS[pattern] = tuple(m.group(2) for m in _A_SLOT.finditer(pattern))
    for n in names:
        if _VOWEL_SOUND.match(said[n]):
            pattern = pattern.replace("a {" + n + "}", "an {" + n + "}")
    return pattern.format_map(said)


def _mentions(plan: CalcPlan, said: dict[str, str], mentioned: list[str], params: dict[str, Any],
              rng: random.Random) -> str:
    """The inputs of a generic template said in words, as a list ("a 10.21 s 100 m, a +1.2 m/s wind and
    an altitude of 500 m"): inputs said together first (:attr:`CalcPlan.merges`), each where its first
    input is in ``mentioned``, then the others one by one."""
    if not mentioned:
        return "my numbers"
    random_ = rng.random
    at: list[str | None] = [None] * len(mentioned)
    left = set(mentioned)
    for p in plan.merges:
        if left.issuperset(p.fields):
            options = p.options if p.key is None else _options(p, said, params)
            if options:
                at[min(mentioned.index(n) for n in p.fields)] = _fill(options[int(random_() * len(options))], said)
                left.difference_update(p.fields)
    phrase = plan.phrase
    for i, n in enumerate(mentioned):
        if n in left:
            p = phrase.get(n)
            options = None if p is None else p.options if p.key is None else _options(p, said, params)
            at[i] = _fill(options[int(random_() * len(options))], said) if options \
                else f"{plan.fields[n].label} {said[n]}"
    words = [t for t in at if t]
    if not words:
        return "my numbers"
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " and " + words[-1]


def _factors(plan: CalcPlan, params: dict[str, Any]) -> list[str]:
    out = []
    for name, v in params.items():
        hit = plan.factor_labels.get(name)
        if hit is not None:
            label, zero_is_none = hit
            if not (zero_is_none and isinstance(v, (int, float)) and v == 0):
                out.append(label)
    return out


def _wrap(rng: random.Random, text: str, level: int, distract: bool = True) -> str:
    opener = ph._pick(rng, ph.OPENERS)
    closer = ph._pick(rng, ph.CLOSERS)
    extra = ph._pick(rng, ph.DISTRACTORS) if distract and level >= 3 and rng.random() < 0.6 else ""
    if opener and text[:1].isupper() and not text[:2].isupper() and not text.startswith("I ") \
            and (opener.endswith(": ") or opener.endswith(", ")) \
            and text.partition(" ")[0].rstrip(":,") not in ph.PROPER_WORDS:
        text = text[:1].lower() + text[1:]
    return _tidy(opener + text + extra + closer)


def _decap(text: str) -> str:
    """``text`` to follow words in a sentence: its first letter in lower case, unless it starts a
    name, an acronym or "I"."""
    if text[:1].isupper() and not text[:2].isupper() and not text.startswith("I ") \
            and text.partition(" ")[0].rstrip(":,") not in ph.PROPER_WORDS:
        return text[:1].lower() + text[1:]
    return text


def _tidy(text: str) -> str:
    """``text`` with its whitespace collapsed to single spaces and trimmed.

    Most texts are tidy already, which a few C-level scans can tell: every whitespace
    character but the space is non-printable, so a printable text without double or outer
    spaces is unchanged by the split and join."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


_CODE_HASH: str | None = None


def _code_hash() -> str:
    """Hash of the generator's own source: a changed generator is a changed stream."""
    global _CODE_HASH
    if _CODE_HASH is None:
        h = hashlib.sha256()
        here = Path(__file__).resolve().parent
        for name in ("queries.py", "phrasing.py", "priors.py"):
            h.update((here / name).read_bytes())
        _CODE_HASH = h.hexdigest()[:16]
    return _CODE_HASH


def _seeded(key: str) -> random.Random:
    """``random.Random(key)``, in the same state, made in about a quarter less time.

    A fresh generator per question is what makes ``query(i)`` independent of every other
    question; this seeds it the way ``Random.seed`` (version 2, the default) does a string (from
    the key's bytes followed by their SHA-512) without the Python-level ``__init__``/``seed``
    dispatch around it, a measurable part of generating a question."""
    if not _SEED_SHORTCUT:
        return random.Random(key)
    b = key.encode()
    rng = random.Random.__new__(random.Random)
    _random.Random.seed(rng, int.from_bytes(b + hashlib.sha512(b).digest()))
    rng.gauss_next = None
    return rng


_SEED_SHORTCUT = True
#: a Python whose Random.seed works otherwise keeps its own stream
_SEED_SHORTCUT = _seeded("0:0").getstate() == random.Random("0:0").getstate()


# --- user-supplied questions ---------------------------------------------------------------------
def load_questions(path: str | Path) -> list[Query]:
    """Read a question file: JSONL (``{"query", "calculation"?, "params"?, "requests"?}``;
    ``"calculation": "none"`` marks a question that needs no calculation, with an optional
    ``"reason"``) or plain text, one question per line.

    Questions without a structured request are parsed by the solver at run time.
    """
    p = Path(path)
    out: list[Query] = []
    with p.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if p.suffix in (".jsonl", ".json") or line.startswith("{"):
                try:
                    d = json.loads(line)
                except ValueError as e:
                    raise ValueError(f"{p}:{lineno + 1}: not valid JSON: {e}") from None
                if not isinstance(d, dict) or not isinstance(d.get("query"), str) or not d["query"].strip():
                    raise ValueError(f"{p}:{lineno + 1}: each line needs a non-empty 'query' string")
                out.append(_user_query(len(out), d, f"{p.name}:{lineno + 1}"))
            else:
                out.append(Query(len(out), line, (), "single", 1, (), f"user:{p.name}:{lineno + 1}",
                                 source="user", needs_parse=True))
    return out


def _user_query(index: int, d: dict[str, Any], where: str) -> Query:
    text = d["query"].strip()
    cx = int(d.get("complexity", 1))
    if d.get("calculation") == "none":
        reason = str(d.get("reason", "out_of_scope"))
        return Query(index, text, (), "no_calculation", cx, (), f"user:{where}", reason, d.get("detail"),
                     source="user")
    reqs: list[dict[str, Any]] = []
    if isinstance(d.get("requests"), list):
        reqs = [{"calculation": r["calculation"], "params": dict(r.get("params", {}))} for r in d["requests"]]
    elif d.get("calculation"):
        reqs = [{"calculation": d["calculation"], "params": dict(d.get("params", {}))}]
    kind = "single" if len(reqs) <= 1 else ("comparison" if len({r["calculation"] for r in reqs}) == 1
                                            else "compound")
    return Query(index, text, tuple(reqs), kind, cx, tuple(d.get("factors", ())), f"user:{where}",
                 source="user", needs_parse=not reqs)



#: how a model choice is written in a question: as a modifier ("the fitted and Mureika models") and as a
#: noun phrase ("Hadley's rule", "the fitted model")
_MODEL_WORDS = {
    "mureika": ("Mureika", "Mureika's model"), "moinat": ("Moinat", "Moinat's model"),
    "fitted": ("fitted", "the fitted model"), "hadley": ("Hadley", "Hadley's rule"),
    "ely_wbgt": ("Ely WBGT", "the Ely WBGT model"), "heat_index": ("heat-index", "the heat-index model"),
    "riegel": ("Riegel", "Riegel's formula"), "vdot": ("Daniels VDOT", "Daniels' VDOT tables"),
    "cameron": ("Cameron", "Cameron's formula"), "cipm2007": ("CIPM-2007", "the CIPM-2007 formula"),
    "ideal_gas": ("ideal-gas", "the ideal-gas law"), "simple_moist": ("simple moist-air", "the simple moist-air model"),
    "strava": ("Strava", "Strava's model"), "minetti": ("Minetti", "Minetti's model"),
    "minetti_0.83": ("Minetti (0.83 exponent)", "Minetti's model with the 0.83 exponent"),
    "strava_quartic": ("Strava quartic", "Strava's quartic model"),
}


def _model_word(choice: str) -> tuple[str, str]:
    """How model ``choice`` is written: (as a modifier, as a noun phrase)."""
    hit = _MODEL_WORDS.get(choice)
    if hit is None:
        w = choice.replace("_", " ")
        return w, f"the {w} model"
    return hit
