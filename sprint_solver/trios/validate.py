"""Validation of every row before it is kept.

1. **format**: non-empty, well-formed text within length limits; no template
   placeholders or tool-call markup; not cut off (``finish_reason == "length"``).
2. **numbers**: the answer states each primary result, and every number with a unit
   it gives agrees with a number the solver produced (outputs, trace steps, inputs),
   the question stated, or a documented rule constant, within the output's tolerance
   plus the precision the answer wrote it with. Units are read with the parsers of
   :mod:`sprint_solver.quantities` and compared in canonical units, so "10.13 s",
   "6:09 per mile" and "2:30:15" are all checked. Signs are ignored ("0.12 s slower"
   states a correction of -0.12 s). With ``derived="differences+percent"`` (the default)
   a number may also be simple arithmetic on the solver's inputs, outputs and rule
   constants, as an LLM teacher writes it: a difference of two numbers of one unit
   ("4 m/s below the +2.0 m/s limit") or a percentage of one by another ("1.3 % slower");
   see :func:`derived_match`.
3. **grounding**: the method is named (an author or model name from the solution's
   method/citations); the answer does not contradict the trace's assumptions (wind
   direction, the model used); every part of a multi-part question is answered; an
   under-specified question's answer asks for the missing input.
4. **judge** (optional): an LLM judge's verdict (:mod:`.judge`).

:func:`find_quantities` is the unit-aware number reader; it only locates candidate
spans and hands each to the quantities parser of its kind.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, NamedTuple

from .. import quantities as q
from ..errors import SolverError
from ..solver.solution import fast_construct
from .records import CheckResult, Validation

MAX_CHARS = 6000
MIN_CHARS = 10
CHECKS = ("format", "numbers", "grounding")
#: which numbers derived from the solver's an answer may state (see :func:`derived_match`)
DERIVED = ("off", "differences", "differences+percent")

#: rule constants an answer may quote without the solver having produced them
REFERENCE_FACTS: tuple[tuple[float, str], ...] = (
    (2.0, "m/s"),      # World Athletics wind limit for records
    (1000.0, "m"),     # altitude-assisted ("A") marks
    (0.100, "s"),      # false-start reaction threshold
    (0.24, "s"),       # hand-time conversion convention
    (0.14, "s"),
    (100.0, "m"), (200.0, "m"), (400.0, "m"),
)
#: where each rule constant is relevant: a row may quote it only if one of its solutions has one of
#: these inputs or calculation types (otherwise "adds 0.2 s" to a wind correction whose change is
#: 0.13 s passed as the 0.24 s hand-timing constant); the events are relevant everywhere. Rows
#: without a calculation (concept questions) may quote them all.
RULE_RELEVANCE: dict[float, frozenset[str]] = {
    2.0: frozenset({"wind"}),
    1000.0: frozenset({"altitude", "target_altitude"}),
    0.100: frozenset({"false_start", "reaction_time"}),
    0.24: frozenset({"hand_timing", "hand_timed"}),
    0.14: frozenset({"hand_timing", "hand_timed"}),
}


# --- reading numbers with units ----------------------------------------------------------------
class Quantity(NamedTuple):
    value: float        # canonical units
    unit: str           # canonical unit, or "" for a bare number
    text: str
    start: int
    half_ulp: float     # half of the last written digit, in canonical units


_N = r"[-+\u2212]?\d[\d,]*(?:\.\d+)?"
_UNIT_ALTS = {
    "pace": r"(?:min(?:utes)?\s*|s(?:ec(?:onds?)?)?\s*)?(?:/|per\s+)\s*(?:km|kilomet(?:er|re)s?|k|mi|miles?)\b"
            r"|min/(?:km|mi|mile)\b",
    "speed": r"m/s|m\s*s-1|km/h|kmh|kph|mph|knots?\b",
    "time": r"s\b|secs?\b|seconds?\b",
    "temperature": r"°\s*[cf]\b|º\s*[cf]\b|degrees?\s+(?:c|f|celsius|fahrenheit)\b|deg\s*[cf]\b",
    "pressure": r"hpa\b|kpa\b|mbar\b|mmhg\b|inhg\b|pa\b",
    "density": r"kg/m\^?3|kg/m³",
    "percent": r"%|percent\b",
    "points": r"points?\b|pts\b",
    "specific": r"w/kg\b|j/kg/m\b|ml/kg/min\b|n/kg\b|m/s\^?2|m/s²",
    "power": r"w\b|watts?\b",
    "force": r"n\b|newtons?\b",
    "mass": r"kg\b|kgs\b|kilograms?\b|lbs?\b|pounds?\b",
    "length": r"km\b|kilomet(?:er|re)s?\b|m\b|met(?:er|re)s?\b|mi\b|miles?\b|ft\b|feet\b|cm\b|yd\b|yards?\b",
}
_ORDER = ("pace", "speed", "density", "specific", "time", "temperature", "pressure", "percent", "points", "power",
          "force", "mass", "length")
_UNITS = "|".join(f"(?:{_UNIT_ALTS[k]})" for k in _ORDER)
_CLOCK_REST = r":\d{2}(?::\d{2})?(?:\.\d+)?"  # a clock "m:ss", "h:mm:ss(.f)" after its first digits
#: One finditer pass over a line finds every quantity. Read as: where a number starts (a sign or a
#: digit not inside a name such as "mureika_100m" or "v1.0.0"), the first of
#:   clock + pace unit ("6:09 per mile")   -> group ``pu``
#:   hours and minutes ("2 h 5 min 3 s")   -> ``hms``
#:   clock ("2:30:15", "-0:01.2")          -> ``clock``
#:   number [+ unit] ("10.13 s", "95 %")   -> ``num`` (an empty marker at the number's end) [+ ``unit``]
#: The first character is consumed before the branches (each re-checks it with a lookbehind) because
#: a pattern that starts with a character set lets the regex engine skip to the next sign or digit
#: in C; a leading lookbehind made it try the whole pattern at every position (a quarter of the scan).
_SCAN = re.compile(
    r"[-+\u2212\d](?<![\w.].)(?:"
    rf"(?<=\d)\d{{0,2}}{_CLOCK_REST}\s*(?P<pu>{_UNIT_ALTS['pace']})"
    r"|(?<=\d)\d*\s*h\s*\d+\s*m(?:in)?(?:\s*\d+\s*s)?\b(?P<hms>)"
    rf"|(?:(?<=[-+\u2212])\d{{1,3}}|(?<=\d)\d{{0,2}}){_CLOCK_REST}(?P<clock>)"
    # the lookahead lets a bare number ("lane 4,") fail at once instead of trying every unit
    rf"|(?:(?<=[-+\u2212])\d|(?<=\d))[\d,]*(?:\.\d+)?(?P<num>)"
    rf"(?:(?=\s*[a-z\u00b0\u00ba%/])\s*(?P<unit>{_UNITS})(?![/^\w]))?"
    r")", re.IGNORECASE)
_CLOCK_PART = re.compile(r"[\d:.]+")
_KIND_RE = {k: re.compile(rf"(?:{_UNIT_ALTS[k]})$", re.IGNORECASE) for k in _ORDER}


@functools.lru_cache(maxsize=1024)
def _unit_kind(unit_text: str) -> str:
    return next((k for k in _ORDER if _KIND_RE[k].match(unit_text)), "")


_CANON = {"speed": "m/s", "time": "s", "temperature": "degC", "pressure": "Pa", "density": "kg/m^3",
          "percent": "%", "points": "points", "mass": "kg", "length": "m", "pace": "s/km", "power": "W",
          "force": "N"}
_SPECIFIC = {"w/kg": "W/kg", "j/kg/m": "J/kg/m", "ml/kg/min": "mL/kg/min", "n/kg": "N/kg", "m/s^2": "m/s^2",
             "m/s2": "m/s^2", "m/s²": "m/s^2"}


_THOUSANDS = re.compile(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?")


def _per_mile(unit_text: str) -> bool:
    return bool(re.search(r"(?:/|per\s+)\s*mi(?:les?)?\b", unit_text, re.I))


def _decimals(s: str) -> int:
    return len(s.split(".", 1)[1]) if "." in s else 0


def find_quantities(text: str) -> list[Quantity]:
    """Every number in ``text`` with its unit read into canonical units (bare numbers: unit "").

    A quantity never spans a line break ("5\nm" is a bare 5 and a letter). Lines are read
    through a bounded cache: generated answers repeat many whole lines (method, assumption
    and interpretation sentences), and reading is the costliest part of validation."""
    out: list[Quantity] = []
    base = 0
    for line in text.split("\n"):
        if line:
            found = _line_quantities(line)
            if found:
                out += [_new(Quantity, (v, u, t, st + base, h)) for v, u, t, st, h in found]
        base += len(line) + 1
    return out


@functools.lru_cache(maxsize=1 << 15)
def _line_quantities(line: str) -> tuple[tuple[float, str, str, int, float], ...]:
    """The quantities of one line as plain tuples (fields of :class:`Quantity`).

    Plain, because the cyclic garbage collector stops tracking a plain tuple of numbers and
    strings, but never a named tuple: tens of thousands of cached Quantity objects would
    be walked by every collection for as long as they stay cached."""
    out: list[tuple[float, str, str, int, float]] = []
    for m in _SCAN.finditer(line):
        # the reading depends only on the matched text and the branch that matched it, and the same
        # spans ("2.0 m/s", "100 m", "95 %") recur on most rows: look them up before parsing
        key = (m.lastgroup, m.group())
        read = _READ.get(key, _UNREAD)
        if read is _UNREAD:
            try:
                qty = _read(m)
                read = qty[:3] + qty[4:] if qty is not None and math.isfinite(qty.value) else None
            except (SolverError, ValueError, ZeroDivisionError):
                read = None
            if len(_READ) < _READ_MAX:
                _READ[key] = read
        if read is not None:
            v, u, t, h = read
            out.append((v, u, t, m.start(), h))
    return tuple(out)


_new = tuple.__new__  # builds a Quantity without the named tuple's Python-level __new__ (hot loop)


_READ: dict[tuple[str | None, str], tuple[float, str, str, float] | None] = {}
_READ_MAX = 1 << 16  # bounded: memory stays flat on million-row runs
_UNREAD = object()


def _read(m: re.Match[str]) -> Quantity | None:
    start = m.start()
    last = m.lastgroup
    span = m.group()
    if last == "pu":
        v = q.parse_pace(span.replace("minutes", "min").replace("kilometres", "km").replace("kilometers", "km"))
        per_mile = _per_mile(m.group("pu"))
        clock = _CLOCK_PART.match(span).group()  # type: ignore[union-attr]
        ulp = 0.5 * 10 ** -_decimals(clock) * (1000.0 / q.MILE if per_mile else 1.0)
        return Quantity(v, "s/km", span, start, ulp)
    if last == "hms":
        return Quantity(_clock(span), "s", span, start, 0.5)
    if last == "clock":
        sign = -1.0 if span[0] in "-\u2212" else 1.0
        return Quantity(sign * _clock(span.lstrip("-+\u2212")), "s", span, start,
                        0.5 * 10 ** -_decimals(span.rsplit(":", 1)[1]))
    num = span[:m.end("num") - start]
    if "\u2212" in num:
        num = num.replace("\u2212", "-")
    if "," in num:
        if not _THOUSANDS.fullmatch(num):
            return None  # a list "1,2" or a European decimal: ambiguous, skip
        num = num.replace(",", "")
    value = float(num)
    half = 0.5 * 10 ** -_decimals(num)
    if last != "unit":
        return Quantity(value, "", num, start, half)
    unit_text = m.group("unit")
    kind = _unit_kind(unit_text)
    u = unit_text.lower().replace(" ", "")
    if kind == "pace":
        v = q.parse_pace(f"{num} {unit_text}")
        per = q.MILE if _per_mile(unit_text) else 1000.0
        secs = unit_text.lower().startswith("s")
        return Quantity(v, "s/km", span, start, half * (1 if secs else 60) * 1000.0 / per)
    if kind == "specific":
        return Quantity(value, _SPECIFIC.get(u, u), span, start, half)
    if kind == "temperature":
        f = "f" in u.replace("deg", "").replace("fahrenheit", "f").replace("celsius", "c")[-1:]
        c = q.parse_temperature(f"{num} {'F' if f else 'C'}")
        return Quantity(c, "degC", span, start, half * (5 / 9 if f else 1.0))
    if kind in ("density", "percent", "points", "power", "force"):
        return Quantity(value, _CANON[kind], span, start, half)
    if not kind:
        return Quantity(value, "", num, start, half)
    factor = _factor(kind, u)
    return Quantity(value * factor, _CANON[kind], span, start, half * abs(factor))


@functools.lru_cache(maxsize=512)
def _factor(kind: str, unit: str) -> float:
    """Canonical value of one ``unit`` (these kinds are multiplicative), read by the quantities parser."""
    parser = {"time": q.parse_time, "speed": q.parse_speed, "pressure": q.parse_pressure, "mass": q.parse_mass,
              "length": q.parse_length}[kind]
    return 1.0 if kind == "time" else parser(f"1 {unit}")


@functools.lru_cache(maxsize=4096)
def _clock(text: str) -> float:
    return q.parse_time(text)


# --- known numbers -------------------------------------------------------------------------------
class Known(NamedTuple):
    value: float
    unit: str
    tol: float
    what: str


def _tol(unit: str, value: float) -> float:
    return _default_tolerance()(unit, value)


@functools.lru_cache(maxsize=1)
def _default_tolerance() -> Any:
    from ..solver.calculations.base import default_tolerance

    return default_tolerance


def known_numbers(solutions: Iterable[Any], question: str, extra: Iterable[tuple[float, str]] = ()) -> list[Known]:
    """Numbers an answer may state: outputs, trace values, inputs, the question's, rule constants."""
    ks: list[Known] = []
    sols = list(solutions)
    for s in sols:
        for o in s.outputs:
            ks.append(Known(o.value, o.unit, o.tolerance if o.tolerance is not None else _tol(o.unit, o.value),
                            f"output {o.name}"))
        for st in s.trace:
            if st.value is not None:
                ks.append(Known(float(st.value), st.unit, _tol(st.unit, float(st.value)), f"step {st.index}"))
        for name, p in s.params.items():
            v = p.value
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                ks.append(Known(float(v), p.unit if p.unit != "1" else "", _tol(p.unit, float(v)), f"input {name}"))
            elif isinstance(v, str):
                d = _distance_word(v)
                if d is not None:
                    ks.append(Known(d, "m", 0.5, f"input {name}"))
    # differences between results of a comparison / compound question
    for i, a in enumerate(sols):
        for b in sols[i + 1:]:
            if a.result.unit == b.result.unit:
                d = abs(a.result.value - b.result.value)
                ks.append(Known(d, a.result.unit, _tol(a.result.unit, d) * 2, "difference of results"))
    for qt in find_quantities(question):
        # the question's number as written (the answer's own precision is allowed for when matching;
        # the question's too would let "3 m/s" restate "2 m/s")
        ks.append(Known(qt.value, qt.unit, 1e-9, "question"))
    ks += _rules_for(_row_keys(sols))
    for v, u in extra:
        ks.append(Known(v, u, _tol(u, v), "rule constant"))
    return ks


@functools.lru_cache(maxsize=4096)
def _distance_word(v: str) -> float | None:
    """A string parameter read as a distance ("100m", "half_marathon"), or None.

    Cached: the same few choice strings ("to_still_air", "men") recur on every row, and
    failing parses raise, which is slow."""
    try:
        return q.parse_distance(v.replace("_", " "))
    except SolverError:
        return None


_RULES = [Known(v, u, max(abs(v) * 0.005, 1e-6) if u not in ("s", "points") else 0.006, "rule constant")
          for v, u in REFERENCE_FACTS]


def _row_keys(solutions: Iterable[Any]) -> frozenset[str]:
    """Calculation types and the inputs given (not those set to False: a sprint that was not hand timed)."""
    return frozenset(k for s in solutions for k in (s.calculation_type, *(
        name for name, p in s.params.items() if p.value is not False)))


@functools.lru_cache(maxsize=256)
def _rules_for(keys: frozenset[str]) -> tuple[Known, ...]:
    """The rule constants relevant to a row whose solutions have these inputs and calculation types."""
    return tuple(k for k in _RULES if not keys or RULE_RELEVANCE.get(k.value, keys) & keys)


@functools.lru_cache(maxsize=256)
def _rule_pairs_for(keys: frozenset[str]) -> dict[str, list[tuple[float, float]]]:
    return KnownIndex(_rules_for(keys)).by_unit


def text_numbers(solutions: Iterable[Any], containing: str = "", *, prose_only: bool = False) -> list[Known]:
    """Numbers the solver wrote in words: assumptions, warnings, method, step titles and notes,
    output descriptions and displays ("95 % CI", "1 mile = 1609.344 m", "split 2 2 km: 9:55.2").

    ``containing``: only read the pieces of text that contain this string (a quick first look
    for one number's digits; reading every piece is the costly part). ``prose_only``: only the
    sentences (method, assumptions, notes, ...), not equations and displays."""
    out: list[Known] = []
    for t in (_solver_prose(solutions) if prose_only else _solver_texts(solutions)):
        if t and containing in t:
            # each piece on its own, cached: most pieces recur on every row
            out += [_new(Known, k) for k in _text_knowns(t)]
    return out


def _solver_prose(solutions: Iterable[Any]) -> Iterable[str]:
    for s in solutions:
        yield from (s.method, s.confidence_reasoning, *s.assumptions, *s.warnings, *s.citations)
        for st in s.trace:
            yield from (st.title, st.note)
        for o in s.outputs:
            yield o.description


def _solver_texts(solutions: Iterable[Any]) -> Iterable[str]:
    for s in solutions:
        yield from (s.method, s.confidence_reasoning, *s.assumptions, *s.warnings, *s.citations)
        for st in s.trace:
            yield from (st.title, st.note, st.equation)
        for o in s.outputs:
            yield from (o.description, o.display)


_LEADING_DIGITS = re.compile(r"\d+")


@functools.lru_cache(maxsize=1 << 14)
def _text_knowns(text: str) -> tuple[tuple[float, str, float, str], ...]:
    # plain tuples (fields of Known), which the garbage collector stops tracking (see _line_quantities)
    return tuple((qt.value, qt.unit, qt.half_ulp + 1e-9, "solver text") for qt in find_quantities(text) if qt.unit)


class KnownIndex:
    """Known numbers grouped by unit, for fast matching: ``by_unit[unit]`` holds (|value|, tolerance)."""

    def __init__(self, ks: Iterable[Known] = ()):
        self.known = list(ks)
        self.by_unit: dict[str, list[tuple[float, float]]] = {}
        for k in self.known:
            self.by_unit.setdefault(k.unit, []).append((abs(k.value), k.tol))

    def match(self, qt: Quantity) -> bool:
        # agrees within the known number's tolerance plus the precision the answer wrote it with
        a, h = abs(qt.value), qt.half_ulp
        get = self.by_unit.get
        for u in ((qt.unit,) if qt.unit else ("", "1", "points")):
            for v, tol in get(u, ()):
                if abs(a - v) <= (tol + h) * (1 + 1e-9) + 1e-12:
                    return True
        return False

    def nearest(self, qt: Quantity) -> Known | None:
        near = [k for k in self.known if k.unit == qt.unit]
        return min(near, key=lambda k: abs(abs(k.value) - abs(qt.value))) if near else None


def _index(solutions: list[Any], question: str) -> KnownIndex:
    """``KnownIndex(known_numbers(solutions, question))`` for matching only (no ``nearest``).

    The same numbers and tolerances, grouped straight into ``by_unit`` without a ``Known``
    and its description per number: this runs on every row, and a row has ~40 of them."""
    tol_of = _default_tolerance()
    by: dict[str, list[tuple[float, float]]] = {}
    for s in solutions:
        for o in s.outputs:
            v = o.value
            by.setdefault(o.unit, []).append((abs(v), o.tolerance if o.tolerance is not None else tol_of(o.unit, v)))
        for st in s.trace:
            if st.value is not None:
                v = float(st.value)
                by.setdefault(st.unit, []).append((abs(v), tol_of(st.unit, v)))
        for p in s.params.values():
            v = p.value
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                v = float(v)
                by.setdefault(p.unit if p.unit != "1" else "", []).append((abs(v), tol_of(p.unit, v)))
            elif isinstance(v, str):
                d = _distance_word(v)
                if d is not None:
                    by.setdefault("m", []).append((abs(d), 0.5))
    for i, a in enumerate(solutions):
        for b in solutions[i + 1:]:
            if a.result.unit == b.result.unit:
                d = abs(a.result.value - b.result.value)
                by.setdefault(a.result.unit, []).append((d, tol_of(a.result.unit, d) * 2))
    for qt in find_quantities(question):
        by.setdefault(qt.unit, []).append((abs(qt.value), 1e-9))
    for u, pairs in _rule_pairs_for(_row_keys(solutions)).items():
        by.setdefault(u, []).extend(pairs)
    index = KnownIndex()
    index.by_unit = by
    return index


def _compatible(a: str, b: str) -> bool:
    return a == b or (a == "" and b in ("1", "points", "")) or (b == "" and a in ("1", "points"))


# --- the checks ----------------------------------------------------------------------------------
@dataclass
class Context:
    """What validation needs about one row."""

    answer: str
    question: str
    solutions: list[Any] = field(default_factory=list)
    kind: str = "single"
    no_call_reason: str | None = None
    detail: str | None = None
    finish_reason: str | None = None
    concept_facts: str = ""
    derived: str = "differences+percent"


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")


def _has_control(text: str) -> bool:
    # control characters are never printable, so a printable text (line breaks aside) needs no
    # character-by-character regex scan; that scan was most of the format check
    if "\ufffd" not in text and text.replace("\n", " ").isprintable():
        return False
    return _CONTROL.search(text) is not None
_PLACEHOLDER = re.compile(r"\{(question|solution|result|method|assumptions|request|[a-z_]+:[a-z]+)\}")
_MARKUP = re.compile(r"<tool_call>|</?tool_response>|\"tool_calls\"|<\|[a-z_]+\|>")


def check_format(ctx: Context, max_chars: int = MAX_CHARS) -> CheckResult:
    a = ctx.answer
    if not a or not a.strip():
        return CheckResult(name="format", ok=False, reason="empty answer")
    if ctx.finish_reason == "length":
        return CheckResult(name="format", ok=False, reason="truncated answer (finish_reason=length)")
    if len(a) > max_chars:
        return CheckResult(name="format", ok=False, reason=f"answer too long ({len(a)} > {max_chars} characters)")
    if len(a.strip()) < MIN_CHARS:
        return CheckResult(name="format", ok=False, reason=f"answer too short ({len(a.strip())} characters)")
    if _has_control(a):
        return CheckResult(name="format", ok=False, reason="control or replacement characters in the answer")
    if "{" in a and _PLACEHOLDER.search(a):
        return CheckResult(name="format", ok=False, reason="unfilled template placeholder in the answer")
    if ("<" in a or '"tool_calls"' in a) and _MARKUP.search(a):
        return CheckResult(name="format", ok=False, reason="tool-call markup or special tokens in the answer")
    if a.count("```") % 2:
        return CheckResult(name="format", ok=False, reason="unbalanced code fence (answer cut off?)")
    return _pass("format")


def check_numbers(ctx: Context) -> CheckResult:
    found = find_quantities(ctx.answer)
    if not ctx.solutions:
        # no calculation: every number with a unit must come from the question or the reference facts
        index = KnownIndex(known_numbers([], ctx.question,
                                         [(qt.value, qt.unit) for qt in find_quantities(ctx.concept_facts)]))
        for qt in found:
            if qt.unit and not index.match(qt):
                return CheckResult(name="numbers", ok=False,
                                   reason=f"states {qt.text!r}, a number the question and references do not contain")
        return _pass("numbers")
    for i, s in enumerate(ctx.solutions):
        r = s.result
        tol = r.tolerance if r.tolerance is not None else _tol(r.unit, r.value)
        unit = "" if r.unit == "1" else r.unit
        hit = (r.display and r.display in ctx.answer) or any((_compatible(qt.unit, unit) and
                   abs(abs(qt.value) - abs(r.value)) <= tol + min(qt.half_ulp, tol) + 1e-9) or
                  # athletes write "9.88" for 9.88 s: a bare number equal to the result counts
                  (qt.unit == "" and abs(abs(qt.value) - abs(r.value)) <= tol + 1e-9) for qt in found)
        if not hit:
            part = f" (part {i + 1})" if len(ctx.solutions) > 1 else ""
            return CheckResult(name="numbers", ok=False,
                               reason=f"the primary result{part} {r.name} = {r.display} is not stated "
                                      f"(within {tol:g} {r.unit})")
    index = _index(ctx.solutions, ctx.question)
    text_index: KnownIndex | None = None
    for qt in found:
        if not qt.unit or index.match(qt):
            continue
        # first only the solver's texts that contain the number's leading digits (they nearly always
        # quote it as written), prose before formulas (prose recurs on every row, so its reading is
        # cached; formulas carry this row's numbers); a number written differently ("80 °F" for
        # "26.7 °C") still gets every text read, so the outcome is the same as reading all of them
        digits = _LEADING_DIGITS.search(qt.text)
        if digits is not None and (
                KnownIndex(text_numbers(ctx.solutions, digits.group(), prose_only=True)).match(qt)
                or KnownIndex(text_numbers(ctx.solutions, digits.group())).match(qt)):
            continue
        if text_index is None:
            text_index = KnownIndex(text_numbers(ctx.solutions))
        if not text_index.match(qt) and not derived_match(qt, ctx.solutions, ctx.derived):
            k = KnownIndex(known_numbers(ctx.solutions, ctx.question)).nearest(qt)
            hint = f"; nearest solver number: {k.value:.6g} {k.unit} ({k.what})" if k else ""
            return CheckResult(name="numbers", ok=False,
                               reason=f"states {qt.text!r} = {qt.value:.6g} {qt.unit}, which no solver number "
                                      f"supports{hint}")
    return _pass("numbers")


def derived_match(qt: Quantity, solutions: list[Any], derived: str = "differences+percent") -> bool:
    """Whether ``qt`` is simple arithmetic on the solver's own numbers.

    The operands are each solution's inputs, its outputs and the rule constants (not the
    intermediate trace values, which would make almost any small number derivable), paired
    only within one unit and only across two different groups (an input with an output, a
    number with a rule constant; never two outputs or two inputs):

    - ``differences``: ``|a - b|`` ("4 m/s below the limit": wind -2.0 vs the +2.0 m/s rule;
      "0.13 s slower than the 10.00 s you ran");
    - ``differences+percent`` adds, for a number in %, the relative change ``100 |a - b| / |b|``
      of two numbers in the unit of a solution's primary result ("1.3 % slower").

    Each derived value carries its operands' tolerances (propagated to first order) plus the
    precision the answer wrote it with; a derivation whose own uncertainty is large (a
    difference below three times its tolerance, a percentage uncertain by more than a tenth
    of itself) is never a match, since it would accept nearly any small number.
    ``derived="off"``: only numbers the solver wrote agree. How often each mode lets a wrong
    number through is measured in ``tests/trios/test_validate_derived.py`` (see the README).
    """
    if derived == "off" or not solutions or not qt.unit:
        return False
    if derived not in DERIVED:
        raise ValueError(f"derived must be one of {DERIVED}, got {derived!r}")
    want, h = abs(qt.value), qt.half_ulp
    percent = qt.unit == "%"
    if percent and derived != "differences+percent":
        return False
    result_units = {s.result.unit for s in solutions}
    for unit, pairs in _operand_pairs(solutions).items():
        if (unit in result_units and unit not in ("%", "", "1")) if percent else unit == qt.unit:
            for a, ta, b, tb in pairs:
                d, td = abs(a - b), ta + tb
                if d <= 3 * td:
                    continue
                if percent:
                    for base, tbase in ((b, tb), (a, ta)):
                        if base:
                            pct = 100.0 * d / abs(base)
                            tol = 100.0 * (td + tbase * d / abs(base)) / abs(base)
                            if tol <= 0.1 * pct and abs(want - pct) <= tol + h + 1e-9:
                                return True
                elif abs(want - d) <= td + h + 1e-9:
                    return True
    return False


def _operand_pairs(solutions: list[Any]) -> dict[str, list[tuple[float, float, float, float]]]:
    """Same-unit pairs (a, tol_a, b, tol_b) across the groups inputs / outputs / rule constants."""
    groups: dict[str, list[list[tuple[float, float]]]] = {}
    for s in solutions:
        for o in s.outputs:
            groups.setdefault(o.unit, [[], [], []])[1].append(
                (o.value, o.tolerance if o.tolerance is not None else _tol(o.unit, o.value)))
        for p in s.params.values():
            v = p.value
            if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
                groups.setdefault(p.unit, [[], [], []])[0].append((float(v), _tol(p.unit, float(v))))
    for k in _rules_for(_row_keys(solutions)):
        if k.unit in groups:  # a rule constant pairs only with a number of its unit
            groups[k.unit][2].append((k.value, k.tol))
    out: dict[str, list[tuple[float, float, float, float]]] = {}
    for unit, (ins, outs, rules) in groups.items():
        pairs = [(a, ta, b, tb) for x, y in ((outs, ins), (ins, rules), (outs, rules)) for a, ta in x for b, tb in y]
        out[unit] = list(dict.fromkeys(pairs))
    return out


_STOP = {"the", "and", "for", "from", "with", "model", "correction", "equation", "formula", "method", "tables",
         "table", "scoring", "world", "athletics", "wind", "altitude", "time", "times", "air", "density", "running",
         "sprint", "race", "training", "paces", "pace", "effect", "moist", "dry", "ideal", "gas", "international",
         "equivalent", "simple", "points", "performance", "data", "fitted", "per", "through"}


def method_keys(s: Any) -> list[str]:
    """Names that identify a solution's method: authors and model names from method and citations."""
    return list(_method_keys(s.method or "", tuple(s.citations), tuple(m.name for m in s.models_used)))


@functools.lru_cache(maxsize=1024)
def _method_keys(method: str, citations: tuple[str, ...], models: tuple[str, ...]) -> tuple[str, ...]:
    keys: list[str] = []
    for text in (method, *citations):
        for w in re.findall(r"[A-Z][A-Za-z\u00c0-\u017f'\-]{2,}|[A-Z]{2,}[0-9]*", text or ""):
            base = re.sub(r"'s$", "", w)
            if base.lower() not in _STOP and base not in keys:
                keys.append(base)
    for name in models:
        keys.append(name)
        keys.append(name.split(".")[-1].split("_")[0])
    return tuple(keys)


_TAIL = re.compile(r"tail\s*-?wind|following wind")
_HEAD = re.compile(r"head\s*-?wind|wind against")


def _contradictions(s: Any, answer: str, own: str = "", check_wind: bool = True) -> str | None:
    for quoted in s.assumptions:  # the trace's own words ("+ = tail wind") are no claim of the answer
        answer = answer.replace(quoted, "")
    a = answer.lower()
    wp = s.params.get("wind")
    w = wp.value if wp is not None else None
    if isinstance(w, (int, float)) and check_wind and "wind" in a:
        # the substring tests are what each pattern needs to match at all, and far cheaper
        tail = ("tail" in a or "following wind" in a) and _TAIL.search(a)
        head = ("head" in a or "wind against" in a) and _HEAD.search(a)
        if w < 0 and tail and not head:
            return f"calls the wind a tailwind, but the trace has {w:+.1f} m/s (a headwind)"
        if w > 0 and head and not tail:
            return f"calls the wind a headwind, but the trace has {w:+.1f} m/s (a tailwind)"
    used = frozenset(m.name for m in s.models_used)
    own = own or " ".join(method_keys(s)).lower()
    rivals = _rival_pattern(used)
    if rivals is not None and any(n in a for n in rivals[1]):  # most answers name no rival at all
        for m in rivals[0].finditer(a):
            if m.group(2) not in own:
                return f"says it used {rivals[1][m.group(2)]}'s method, but the trace used {', '.join(sorted(used))}"
    return None


@functools.lru_cache(maxsize=256)
def _rival_pattern(used: frozenset[str]) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """One pattern for "using/with/by ... <rival author>" over all rivals (lower-cased text),
    and each lower-cased name's spelling."""
    names = {n.lower(): n for n in _rival_authors(used)}
    if not names:
        return None
    alts = "|".join(re.escape(n) for n in names)
    return re.compile(rf"\b(using|with|by|from|per|following)\s+({alts})\b"), names


_RIVALS: dict[frozenset[str], list[str]] = {}


def _rival_authors(used: frozenset[str]) -> list[str]:
    """First authors of the other models in the same families (cached per process)."""
    hit = _RIVALS.get(used)
    if hit is not None:
        return hit
    from ..registry import Registry

    names: list[str] = []
    try:
        reg = Registry.default()
        models = reg.list()
        fam = {m.spec.family for m in models if m.name in used}
        for m in models:
            if m.spec.family in fam and m.name not in used:
                author = re.match(r"([A-Z][a-z\u00c0-\u017f\-]{3,})", m.spec.citation or "")
                if author and author.group(1).lower() not in _STOP and author.group(1) not in names:
                    names.append(author.group(1))
    except Exception:  # noqa: BLE001 - grounding must not fail on registry trouble
        names = []
    _RIVALS[used] = names
    return names


def _sign(s: Any) -> int:
    w = s.params.get("wind")
    v = w.value if w is not None else None
    return (v > 0) - (v < 0) if isinstance(v, (int, float)) else 0


def check_grounding(ctx: Context) -> CheckResult:
    a = ctx.answer
    low = a.lower()
    if not ctx.solutions:
        if ctx.no_call_reason == "missing_information" and ctx.detail:
            words = [w for w in str(ctx.detail).replace("_", " ").split() if len(w) > 2]
            if words and not any(w in low for w in words):
                return CheckResult(name="grounding", ok=False,
                                   reason=f"does not ask for the missing input ({ctx.detail})")
        if re.search(r"\b(i|we) (calculated|computed|ran the solver)\b", low):
            return CheckResult(name="grounding", ok=False, reason="claims a calculation for a no-calculation question")
        return _pass("grounding")
    every_key = " ".join(k for s in ctx.solutions for k in method_keys(s)).lower()
    # in a multi-part answer "tailwind" may belong to another part: judge wind words only when
    # every part has the same wind direction
    signs = {_sign(s) for s in ctx.solutions}
    check_wind = len(signs) == 1
    for i, s in enumerate(ctx.solutions):
        keys = method_keys(s) + ([s.method] if s.method else [])
        if keys and not any(k.lower() in low for k in keys):
            return CheckResult(name="grounding", ok=False,
                               reason=f"does not name the method ({s.method or '; '.join(s.citations)})")
        bad = _contradictions(s, a, every_key, check_wind)
        if bad:
            return CheckResult(name="grounding", ok=False, reason=f"contradicts the trace: {bad}")
    return _pass("grounding")


def validate(ctx: Context, judge_result: CheckResult | None = None, max_chars: int = MAX_CHARS) -> Validation:
    """Run every check (all are recorded; the first failure is the row's reason)."""
    fmt = check_format(ctx, max_chars)
    if fmt.ok:
        checks = [fmt, check_numbers(ctx), check_grounding(ctx)]
    else:
        checks = [fmt, CheckResult(name="numbers", ok=False, reason="not checked (format failed)"),
                  CheckResult(name="grounding", ok=False, reason="not checked (format failed)")]
    if judge_result is not None:
        checks.append(judge_result)
    failed = next((c for c in checks if not c.ok), None)
    return fast_construct(Validation, {"passed": failed is None, "failed_check": failed.name if failed else None,
                                       "reason": failed.reason if failed else "", "checks": checks})


def _pass(name: str) -> CheckResult:
    # built without validation: a passing check is the same three plain values on every row
    return fast_construct(CheckResult, {"name": name, "ok": True, "reason": ""})


FACTOR_WORDS = {"wind": ("wind",), "altitude": ("altitude", "above sea level", "elevation"),
                "temperature": ("temperature", "°", "degrees", "heat", "warm", "cold"),
                "humidity": ("humid",), "air pressure": ("pressure",), "grade": ("grade", "hill", "slope", "uphill",
                                                                                   "downhill"),
                "lane": ("lane",), "surface": ("surface",), "reaction time": ("reaction",)}


def factors_addressed(answer: str, factors: Iterable[str]) -> list[str]:
    low = answer.lower()
    return [f for f in factors if any(w in low for w in FACTOR_WORDS.get(f, (f,)))]
