"""TemplateTeacher: the offline default. A deterministic writer that turns the solver's
trace into an answer for an athlete or coach.

Each answer explains the approach from the trace, states the result with units,
interprets it, lists the assumptions and cites the method, choosing among several
phrasings and orders with a generator seeded by the row id, so a dataset is not one
sentence pattern repeated. Every number it writes comes from the question, the trace
or the outputs, formatted the way :mod:`sprint_solver.quantities` displays them.
"""
from __future__ import annotations

import random
from typing import Any, Callable

from ... import quantities as q
from ..phrasing import CONCEPT_INDEX, is_thanks
from .base import Teacher, TeacherReply, TeacherTask

VERSION = "1.2.0"  # 1.1.0: concept verdicts, thanks-aware greetings, at most 3 secondary outputs;
#                    1.2.0: a coded result ("1 = false start, 0 = legal start") is called the verdict;
#                    labelled displays said once; no empty "Assumed: ." line; "(2001; model ...)"


def capabilities() -> list[str]:
    from ...solver.calculations import CALCULATIONS, load_all

    load_all()
    return [getattr(c, "title", n) or n for n, c in sorted(CALCULATIONS.items())]


def _p(rng: random.Random, options: list[str]) -> str:
    return options[int(rng.random() * len(options))]


def _aside(text: str, extra: str) -> str:
    """``text (extra)``, or one parenthesis when ``text`` ends in one: "Mureika's correction
    (2001; model wind.mureika_100m v1.0.0)", not "(2001) (model ...)"."""
    return f"{text[:-1]}; {extra})" if text.endswith(")") else f"{text} ({extra})"


def fmt(value: float, unit: str) -> str:
    """A number the way an answer states it (units included), no more precise than useful."""
    if unit == "1":
        return f"{value:.4g}"
    if unit == "s" and abs(value) < 1:
        return f"{value:.3f} s"  # reaction times and margins live in the milliseconds
    if unit == "s" and abs(value) < 60:
        return f"{value:.2f} s"
    if unit == "s/km":
        return q.format_pace(value, "km")
    if unit == "m":
        if abs(value) >= 1000:
            return f"{value / 1000:.4g} km"
        return f"{value:.4g} m" if value != int(value) else f"{int(value)} m"
    if unit == "degC":
        return f"{value:.1f} °C"
    if unit == "%":
        return f"{value:.3g} %"
    if unit == "Pa":
        return f"{value / 100:.1f} hPa"
    if unit in ("kg", "m/s", "W", "N"):
        return f"{value:.4g} {unit}"
    return q.format_value(value, unit)


def _lower_first(s: str) -> str:
    return s[:1].lower() + s[1:] if len(s) > 1 and not s[1].isupper() else s


def _upper_first(s: str) -> str:
    return s[:1].upper() + s[1:]


def _strip_unit(desc: str) -> str:
    return desc.rsplit("[", 1)[0].strip() if desc.endswith("]") else desc


class TemplateTeacher(Teacher):
    """Deterministic answers from the trace (no model, no network)."""

    name = "template"

    def __init__(self, style_seed: int = 0):
        self.style_seed = int(style_seed)
        self._caps: list[str] | None = None

    def info(self) -> dict[str, Any]:
        return {"name": self.name, "model": f"template-{VERSION}", "parameters": {"style_seed": self.style_seed}}

    def answer(self, tasks: list[TeacherTask]) -> list[TeacherReply]:
        return [TeacherReply(self.write(t)) for t in tasks]

    # -----------------------------------------------------------------------------------------
    def write(self, task: TeacherTask) -> str:
        rng = random.Random(f"{self.style_seed}:{task.id}")
        qry = task.query
        if qry.kind == "no_calculation" or not task.solutions:
            return self._no_call(qry, rng)
        sols = task.solutions
        if len(sols) == 1:
            return self._single(sols[0], rng)
        if qry.kind == "comparison":
            return self._comparison(sols, rng)
        blocks = [f"{i + 1}. " + self._single(s, rng, short=True) for i, s in enumerate(sols)]
        return _p(rng, ["There are two parts to this.", "Taking the two questions in turn:", "Two answers:"]) + \
            "\n\n" + "\n\n".join(blocks)

    # -- one solution -------------------------------------------------------------------------
    def _single(self, s: Any, rng: random.Random, short: bool = False) -> str:
        method = s.method or "; ".join(s.citations) or s.calculation_type.replace("_", " ")
        given = self._given(s, rng)
        approach = self._approach(s, method, rng)
        steps = self._steps(s, rng, 2 if short else 3)
        result = self._result(s, rng)
        others = self._others(s, rng, 2 if short else 3)
        interp = " ".join(INTERPRET.get(s.calculation_type, _generic_interpretation)(s, rng))
        caveat = self._caveats(s, rng)
        cite = _p(rng, [f"Method: {method}.", f"Reference: {method}.", f"Source: {method}.",
                        f"This follows {method}.", f"(Method: {method}.)"])
        assumptions = ""
        if s.assumptions and (rng.random() < 0.75 or short is False):
            assumptions = _p(rng, ["Assumptions: ", "Assumed: ", "This assumes: "]) + \
                "; ".join(s.assumptions) + "."
        core = [given, approach, steps]
        order = rng.random()
        if order < 0.4:
            parts = [result + others, " ".join(x for x in core if x), interp, caveat, assumptions, cite]
        elif order < 0.8:
            parts = [" ".join(x for x in core if x), result + others, interp, caveat, assumptions, cite]
        else:
            parts = [" ".join(x for x in core if x) + " " + result + others, interp + (" " + caveat if caveat else ""),
                     assumptions + (" " + cite if assumptions else cite)]
        sep = " " if short else _p(rng, ["\n\n", "\n\n", " "])
        return sep.join(p.strip() for p in parts if p and p.strip())

    def _given(self, s: Any, rng: random.Random) -> str:
        items = []
        for k, p in s.params.items():
            if k in ("preset", "model", "direction") or p.value is None:
                continue
            if isinstance(p.value, (int, float)) and not isinstance(p.value, bool):
                if k == "wind":
                    items.append(f"wind {p.value:+.1f} m/s")
                elif p.unit in ("1", ""):
                    items.append(f"{k.replace('_', ' ')} {p.value:g}")
                else:
                    items.append(f"{k.replace('_', ' ')} {fmt(float(p.value), p.unit)}")
            elif isinstance(p.value, str):
                items.append(f"{k.replace('_', ' ')} {p.value}")
        if not items:
            return ""
        return _p(rng, ["Given: ", "Inputs: ", "Working from ", "You gave "]) + ", ".join(items) + "."

    def _approach(self, s: Any, method: str, rng: random.Random) -> str:
        models = ", ".join(f"{m.name} v{m.version}" for m in s.models_used)
        label = "model" if len(s.models_used) == 1 else "models"
        return _p(rng, [f"I used {_aside(method, f'{label} {models}') if models else method}.",
                        f"The calculation uses {method}" + (f", implemented as {models}." if models else "."),
                        f"Approach: {_aside(method, models) if models else method}.",
                        f"This is worked out with {method}."])

    def _steps(self, s: Any, rng: random.Random, limit: int) -> str:
        steps = [st for st in s.trace if st.value is not None]
        if not steps:
            return ""
        chosen = steps[-limit:] if len(steps) > limit else steps
        words = _p(rng, [["First", "Then", "Finally"], ["Step one", "Next", "Last"], ["To start", "Then", "That leaves"]])
        out = []
        for i, st in enumerate(chosen):
            lead = words[0] if i == 0 else (words[2] if i == len(chosen) - 1 and len(chosen) > 1 else words[1])
            val = fmt(float(st.value), st.unit)
            title = _lower_first(st.title)
            if st.equation and rng.random() < 0.3 and len(st.equation) < 80:
                title = _aside(title, st.equation)
            out.append(f"{lead}, {title}: {val}.")
        return " ".join(out)

    def _result(self, s: Any, rng: random.Random) -> str:
        r = s.result
        if r.description and "=" not in r.description:
            desc = r.description
        elif r.unit == "1" and not r.display[:1].isdigit():
            # a coded result said in words ("legal start (0.140 s is not below 0.100 s)"): its name
            # ("false start") would contradict it
            desc = "verdict"
        else:
            desc = r.name.replace("_", " ")
        return _p(rng, [f"{_upper_first(desc)}: {r.display}.", f"Result: {_aside(r.display, desc)}.",
                        f"The answer is {r.display}, the {_lower_first(desc)}.",
                        f"So the {_lower_first(desc)} is {r.display}."])

    def _others(self, s: Any, rng: random.Random, limit: int = 3) -> str:
        # the first few secondary outputs (calculations list the useful ones first); a coach's
        # answer that recites every output buries the result, and the trace holds them all
        extra = [o for o in s.outputs if o.name != s.result.name]
        if not extra:
            return ""
        shown = extra[:limit]
        # a display that carries its own label ("1500 m: 3:55", for the output time_1500m) is said
        # as it is: "time 1500m 1500 m: 3:55" repeats it
        items = ", ".join(o.display if ": " in o.display else f"{o.name.replace('_', ' ')} {o.display}"
                          for o in shown)
        if len(extra) > len(shown):
            items += f" and {len(extra) - len(shown)} more in the trace"
        return " " + _p(rng, [f"Also: {items}.", f"Other outputs: {items}.", f"({items}.)"])

    def _caveats(self, s: Any, rng: random.Random) -> str:
        out = []
        if s.warnings:
            out.append(_p(rng, ["Note: ", "Caution: ", "Keep in mind: "]) + "; ".join(s.warnings) + ".")
        if s.confidence < 0.8:
            out.append(f"Confidence is {_p(rng, ['moderate', 'reduced'])} ({s.confidence:.2f}): "
                       f"{s.confidence_reasoning}.")
        return " ".join(out)

    # -- several solutions --------------------------------------------------------------------
    def _comparison(self, sols: list[Any], rng: random.Random) -> str:
        lines = [_p(rng, ["Here is the result with each model.", "Both models, side by side:",
                          "Comparing the two models:"])]
        for s in sols:
            method = s.method or "; ".join(s.citations)
            lines.append(f"- {method}: {_aside(s.result.display, s.result.description or s.result.name)}."
                         + (" " + "; ".join(s.warnings) + "." if s.warnings else ""))
        a, b = sols[0].result, sols[1].result
        if a.unit == b.unit:
            d = abs(a.value - b.value)
            dtext = f"{d:.1f} s/km" if a.unit == "s/km" and d < 60 else fmt(d, a.unit)
            lines.append(_p(rng, [f"The two differ by {dtext}.", f"The difference is {dtext}."]) + " "
                         + (_p(rng, ["That is within timing precision, so the choice hardly matters here.",
                                     "For practical purposes they agree."]) if d < 0.015 and a.unit == "s" else
                            _p(rng, ["Model choice matters at this level, so say which one you used when you "
                                     "compare marks.", "Quote the model with the number when you compare marks."])))
        assumed = "; ".join(dict.fromkeys(x for s in sols for x in s.assumptions))
        if assumed:  # "Assumed: ." when neither model assumes anything
            lines.append(_p(rng, ["Assumptions: ", "Assumed: "]) + assumed + ".")
        return "\n".join(lines)

    # -- no calculation -----------------------------------------------------------------------
    def _no_call(self, qry: Any, rng: random.Random) -> str:
        if self._caps is None:
            self._caps = capabilities()
        caps = self._caps
        short_caps = ", ".join(_lower_first(c) for c in caps[:6]) + (" and more" if len(caps) > 6 else "")
        reason = qry.no_call_reason
        concept = CONCEPT_INDEX.get(str(qry.detail)) if reason == "concept" else None
        if reason == "concept" and concept is None:
            # a user's concept question without reference facts: nothing to explain from
            return "That is a general question rather than a calculation, and I have no reference notes on it. " \
                f"What I can do is calculate: {short_caps}."
        if concept is not None:
            # the verdict applies the facts' rule to the value the question drew (a generated
            # question's template id names the case); it adds no number the facts lack
            verdict = concept.verdict(qry.template_id)
            parts = [concept.answer, verdict] if rng.random() < 0.5 else [verdict, concept.answer]
            facts = " ".join(p for p in parts if p)
            offer = concept.offer or "If you give me your numbers, I can work out the effect for your own races."
            return _p(rng, ["", "Good question. ", "No calculation needed for this one. "]) + facts + \
                _p(rng, ["", " " + offer])
        if reason == "capabilities":
            return _p(rng, ["I can calculate: ", "These are the calculations I can do: ",
                            "I cover the following: "]) + "; ".join(_lower_first(c) for c in caps) + ". " + \
                _p(rng, ["Give me your numbers with units and I will show every step.",
                         "Tell me the numbers and units and I'll show the working."])
        if reason == "missing_information":
            what = str(qry.detail or "the missing input").replace("_", " ")
            title = qry.requests[0]["calculation"].replace("_", " ") if qry.requests else "calculation"
            return _p(rng, [f"I can work that out, but I need the {what} first.",
                            f"To answer that I need one more number: the {what}.",
                            f"Happy to calculate it. What was the {what}?"]) + " " + \
                _p(rng, [f"The {title} depends on it, and I won't guess it.",
                         f"Without the {what} the {title} cannot be computed.",
                         f"Once I have the {what}, I'll run the {title} and show the steps."])
        if reason == "greeting":
            return _p(rng, ["You're welcome! ", "Glad it helped! "] if is_thanks(qry.text) else ["Hello! ", "Hi! "]) + \
                f"I can help with sprint and running numbers: {short_caps}. What would you like to work out?"
        return _p(rng, ["Sorry, that's outside what I can help with. ", "I can't help with that one, I'm afraid. ",
                        "That isn't something I can answer. "]) + \
            f"I'm a sprint and running calculator: I can do {short_caps}."


# --- interpretations per calculation ------------------------------------------------------------
def _generic_interpretation(s: Any, rng: random.Random) -> list[str]:
    if s.confidence >= 0.9:
        return [_p(rng, ["All inputs are inside the range the model was validated on, so the figure is reliable.",
                         "The inputs are within the model's validated range, so you can use this number with "
                         "confidence.", ""])]
    return [_p(rng, ["Use it as an estimate rather than an exact figure.", "Treat it as a guide."])]


def _wind(s: Any, rng: random.Random) -> list[str]:
    p = {k: v.value for k, v in s.params.items()}
    w = float(p.get("wind", 0.0))
    t = float(p.get("time", 0.0))
    alt = float(p.get("altitude", 0.0) or 0.0)
    out = []
    if "correction" in {o.name for o in s.outputs}:
        corr = s.output("correction").value
        t0 = s.result.display
        helped = "tailwind" if w > 0 else ("altitude" if alt > 0 else "conditions")
        if abs(corr) < 0.005:
            out.append(_p(rng, [f"The conditions made practically no difference: the run is worth {t0} either way.",
                                f"The correction is negligible, so {t0} stands as it is."]))
        elif corr > 0:
            out.append(_p(rng, [f"The {helped} helped by about {abs(corr):.2f} s, so as a still-air performance "
                                f"this run is worth {t0}.",
                                f"Without the help of the {helped} you would have run about {t0}: "
                                f"{abs(corr):.2f} s slower than the clock said."]))
        else:
            cost = "headwind" if w < 0 else "conditions"
            out.append(_p(rng, [f"The {cost} cost about {abs(corr):.2f} s; in calm conditions this is a {t0} run.",
                                f"In still air you would have run about {t0}: the {cost} cost you {abs(corr):.2f} s "
                                f"on the clock."]))
        if w > 2.0:
            out.append(_p(rng, [f"With {w:+.1f} m/s the mark is wind-assisted and does not count for records "
                                "(the limit is +2.0 m/s).",
                                "Note that the wind was over the +2.0 m/s limit, so the mark is not "
                                "record-eligible."]))
        elif w >= 0 and rng.random() < 0.5:
            out.append("The wind was within the +2.0 m/s limit, so the mark itself is wind-legal.")
        out.append(_p(rng, ["For comparing races, the still-air figure is the fairer number.",
                            "Coaches: use the corrected time when you compare performances across meets.",
                            ""]))
    elif "change" in {o.name for o in s.outputs}:
        ch = s.output("change").value
        if abs(ch) < 0.005:
            out.append("Expect practically the same time.")
        else:
            out.append(_p(rng, [f"Expect to run about {abs(ch):.2f} s {'slower' if ch > 0 else 'faster'}, "
                                f"around {s.result.display}.",
                                f"That is {abs(ch):.2f} s {'slower' if ch > 0 else 'faster'} than your still-air "
                                f"time of {t:.2f} s."]))
        if w > 2.0:
            out.append("A time run with this wind would be wind-assisted (over +2.0 m/s) and not count for records.")
    return [x for x in out if x]


INTERPRET: dict[str, Callable[[Any, random.Random], list[str]]] = {"wind_correction": _wind}
