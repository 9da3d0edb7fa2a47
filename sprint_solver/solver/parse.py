"""Natural-language questions -> structured requests.

``parse_question(text) -> ParsedRequest`` is what :mod:`.core` calls. It works in
three steps, each cheap:

1. :func:`.extract.extract` finds every number with its unit and neighbouring words;
2. :func:`route` picks the calculation: hand-written rules score each calculation
   from cue words and the kinds of quantities present; only when the rules are not
   decisive does the small intent classifier (:mod:`.intent`, numpy on stored JSON
   weights) vote;
3. the calculation's *filler* (:data:`FILLERS`) maps the quantities onto its
   ``Params`` fields, records every reading it had to choose as a note (shown as an
   assumption in the solution) and lowers the confidence when it relied on a
   convention rather than on what the question said.

The parser never guesses silently: a question with no calculation raises
:class:`~sprint_solver.errors.UnsupportedQuestionError`, a missing input
:class:`~sprint_solver.errors.MissingParameterError` naming the parameter, and a
question that can be read two ways with no convention to fall back on
:class:`~sprint_solver.errors.AmbiguousQuestionError`. Text is never evaluated.
"""
from __future__ import annotations

import re

from ..errors import AmbiguousQuestionError, InvalidValueError, SolverError, UnsupportedQuestionError
from .extract import Extraction, extract
from .fillers import FILLERS
from .slots import (ALT_WORDS, GRADE_WORDS, HAND_WORDS, HEAD_WORDS, HUMID_WORDS, SPRINT_EVENTS, TAIL_WORDS,
                    TEMP_WORDS, WIND_WORDS, Fill, ParsedRequest)

__all__ = ["parse_question", "ParsedRequest", "route", "rule_scores"]

MAX_CHARS = 2000


# =============================================================================================
# routing
# =============================================================================================
def _sprint_distance(ex: Extraction) -> float | None:
    for x in ex.qtys:
        if x.kind in ("length", "distance") and x.unit in ("m", "mh") and x.value in SPRINT_EVENTS \
                and not x.near(ALT_WORDS | {"above"}, 1, 2):
            return x.value
        if x.kind == "distance" and x.unit == "mh":
            return x.value
    m = re.search(r"\bthe (60|100|110|200|400)\b(?!\s*(?:m\b|meters|metres|ft|feet))", ex.text)
    if m:
        return float(m.group(1))
    if "dash" in ex.words or "sprint" in ex.words or "sprinter" in ex.words or "sprinters" in ex.words:
        return 0.0
    # "ran 9.86 (-0.4)", "10.2s": a time to 0.1 or 0.01 s that only a sprint would have
    for x in ex.qtys:
        if x.kind in ("number", "time") and x.unit in ("", "s") and not x.signed and \
                (x.decimals == 2 or x.decimals == 1 and (x.unit == "s" or ex.words & (WIND_WORDS | HAND_WORDS))) \
                and (9.3 <= x.value <= 13.5 or 19.0 <= x.value <= 27.0):
            return 0.0
    return None


def _has(ex: Extraction, kinds: tuple[str, ...]) -> bool:
    return any(x.kind in kinds for x in ex.qtys)


def rule_scores(ex: Extraction) -> dict[str, float]:
    """Score each calculation from cue words and quantity kinds (higher = more likely)."""
    W = ex.words
    t = ex.text
    s: dict[str, float] = {}
    sprint = _sprint_distance(ex)
    kinds = {x.kind for x in ex.qtys}
    numbers = bool(ex.qtys)
    timeish = bool(kinds & {"time", "clock", "number", "hms", "primes"})
    pace_q = "pace" in kinds or ("clock" in kinds and ("pace" in W or "per" in W))
    wind = bool(W & WIND_WORDS) or "speed" in kinds and bool(W & (HEAD_WORDS | TAIL_WORDS))
    wind = wind or ("speed" in kinds and sprint is not None and "lane" not in W)
    signed_wind = sprint is not None and any(x.signed and x.kind in ("number", "speed") for x in ex.qtys)
    wind = wind or signed_wind
    alt = bool(W & {"altitude", "elevation", "elevated", "asl", "thin"}) or "sea level" in t or \
        "above sea" in t or _venue_hint(ex) or (sprint is not None and any(
            x.kind == "length" and x.value >= 300 and x.value not in SPRINT_EVENTS and x.before({"at", "in"}, 1)
            for x in ex.qtys))
    temp = "temperature" in kinds or bool(W & {"temperature", "temp", "hot", "cold", "heat", "warm", "degrees",
                                               "celsius", "fahrenheit"})
    humid = bool(W & HUMID_WORDS) or "dew point" in t
    hand = bool(W & {"handheld", "stopwatch", "manual", "manually", "ht"}) or "hand" in W and \
        bool(W & {"timed", "time", "times", "timing", "held"})
    distance_q = bool(kinds & {"distance", "length"}) or bool(W & {"marathon", "half", "mile", "5k", "10k"})

    if "false start" in t or "false-start" in t or W & {"reaction", "reacted", "react", "reacts"} or \
            (W & {"rt", "dq", "disqualified", "blocks", "gun"} and any(x.value < 1.0 or x.unit == "ms"
                                                                        for x in ex.qtys if x.kind == "time")):
        s["false_start"] = 6
    if "heat index" in t or re.search(r"\bfeels? like\b", t) or "apparent temperature" in t:
        s["heat_index"] = 6 if not pace_q else 3
    if temp and humid and not pace_q and not distance_q and not (kinds & {"clock", "time"}) and \
            not W & {"run", "running", "race", "pace", "marathon", "adjust", "adjusted", "slower"}:
        s["heat_index"] = max(s.get("heat_index", 0), 4.5)
    if temp and (pace_q or humid or "heat" in W or "hot" in W) and sprint is None:
        running = pace_q or timeish and distance_q or bool(W & {"run", "running", "race", "pace", "marathon",
                                                                   "jog", "tempo", "easy", "slower"})
        s["heat_adjusted_pace"] = (3 if running else 1.5) + (2 if pace_q or timeish and distance_q else 0) + \
            (1.5 if humid else 0) + (2 if re.search(r"heat[- ]adjust|adjust\w* for (?:the )?(?:heat|temperature|"
                                                       r"humidity)|in (?:the|this) heat", t) else 0)
    if "density" in W or "densities" in W:
        s["air_density"] = 6 if sprint is None or not timeish else 3.5
    if hand:
        s["hand_timing"] = 5.5
    if sprint is not None and timeish:
        conditions = sum((wind, alt, temp and not humid, hand))
        if wind:
            s["wind_correction"] = 5
        if alt and not wind:
            s["altitude_correction"] = 5
        if temp and not wind and not alt and not humid:
            s["temperature_effect_sprint"] = 5
        if conditions >= 2 and (hand or temp):
            s["sprint_conditions"] = 7
    elif wind and timeish and not pace_q and not distance_q:
        s["wind_correction"] = 3.5
    elif alt and timeish and not distance_q and not (W & GRADE_WORDS):
        sprintish = any(x.kind in ("number", "time") and x.unit in ("", "s") and 9.0 <= x.value <= 60.0
                        for x in ex.qtys)
        s["altitude_correction"] = 4.5 if sprintish and not pace_q else 3.5
    if W & {"points", "pts", "score", "scoring", "decathlon", "heptathlon", "pentathlon"} or "scoring table" in t:
        s["points"] = 6
    if "vdot" in W or re.search(r"\bvo2\s?(?:max)?\b|v\.o\.2", t):
        s["vdot"] = 4 if W & {"training", "easy", "tempo", "threshold", "zones", "paces", "predict", "predicts",
                              "prediction", "predicted"} else 6
    if re.search(r"training (?:pace|zone|speed)|\b(?:easy|tempo|threshold|repetition|interval|recovery|long[- ]run)"
                 r" (?:run )?(?:pace|pace?s|speed)|\btraining paces\b|\bwhat paces?\b.*\btrain", t):
        s["training_paces"] = 6.5
    if W & {"bmi", "bsa", "frontal"} or "surface area" in t or "body mass index" in t or "drag area" in t or \
            ("mass" in kinds and W & {"drag", "cd"}):
        s["body_metrics"] = 6
    elif "mass" in kinds and ("height" in kinds or "primes" in kinds or "tall" in W):
        s["body_metrics"] = 4
    if W & {"mss", "tau", "pmax", "f0", "v0"} or re.search(
            r"(?:max(?:imum|imal)?|top|peak) (?:sprint(?:ing)? )?(?:speed|velocity|acceleration|power)|"
            r"force[- ]velocity|\bf-?v profile|sprint profile|acceleration profile|velocity profile", t):
        s["sprint_profile"] = 6
    if ("naismith" in W or "scarf" in W or re.search(r"(?:equivalent|effective) (?:flat )?distance|flat[- ]"
                                                        r"(?:equivalent )?distance|how far on the flat", t)):
        s["equivalent_flat_distance"] = 6.5
    if W & GRADE_WORDS and (pace_q or timeish or "pace" in W) or re.search(r"grade[- ]adjusted|\bgap\b", t):
        s["grade_adjusted_pace"] = 4.5 + (1.5 if re.search(r"grade[- ]adjusted|\bgap\b|flat[- ]equivalent pace|"
                                                                r"equivalent (?:flat )?pace|on the flat", t) else 0)
    if "lane" in W or "lanes" in W or "stagger" in W:
        lanes = re.findall(r"\blanes? (\d)", t) + re.findall(r"\b(\d)(?:st|nd|rd|th)? lane\b", t)
        if not wind and (len(lanes) >= 2 or "stagger" in W or "curve" in W or "bend" in W or
                         re.search(r"lanes? \d (?:to|and|vs|versus|or) (?:lane )?\d", t)):
            s["lane_effect"] = 5.5
        elif not wind and sprint in (200.0, 400.0, 300.0) and lanes:
            s["lane_effect"] = 4.5
        elif not wind and W & {"affect", "affects", "effect", "advantage", "disadvantage", "slower", "faster",
                               "assignment", "draw", "drew", "drawn", "inside", "outside"}:
            s["lane_effect"] = 5
    if "reps" in kinds or (W & {"repeats", "reps", "repetitions", "intervals", "interval", "repeat"} and
                           ("count" in kinds or "x" in W)) or ("count" in kinds and distance_q and timeish):
        s["intervals"] = 5.5
    if W & {"splits", "split"} and timeish:
        many = sum(1 for x in ex.qtys if x.kind in ("length", "distance")) >= 3
        if many and sprint != 0:
            s["sprint_profile"] = max(s.get("sprint_profile", 0), 5.5)
        else:
            s["even_splits"] = 4.5 + (1.5 if W & {"even", "evenly", "equal", "each", "every", "per"} else 0)
    elif re.search(r"\b(?:even|equal) (?:pace|pacing|splits?)|\beach (?:lap|km|kilometer|kilometre|mile|400)|"
                   r"\bper lap\b|lap times?", t) and timeish:
        s["even_splits"] = 5
    dists = [x for x in ex.qtys if x.kind in ("distance", "length")] + \
        [None] * (len(re.findall(r"\b(?:half[- ]marathon|marathon|the mile|a mile|mile)\b", t)))
    if W & {"predict", "predicted", "prediction", "riegel", "predictor", "predicts", "predicting"} or (
            len(dists) >= 2 and timeish and re.search(
                r"\b(?:equivalent|could|would|can|might|should|expect|translate|convert|predict|worth|capable)\b", t)):
        s["race_prediction"] = (6.5 if len(dists) >= 2 else 5) if W & {
            "predict", "predicted", "prediction", "riegel", "predictor", "predicts", "predicting"} else 4.5
    if distance_q and (timeish or pace_q):
        s["pace"] = 3.5 + (1 if W & {"pace", "long", "fast", "speed", "finish", "total"} else 0)
    elif pace_q or "mph" in t or "km/h" in t or ("speed" in kinds and sprint is None and not wind):
        s["pace"] = 3.5 + (1 if W & {"pace", "convert", "far", "distance", "long"} or
                           (pace_q and kinds & {"time"}) else 0)
    return s


def _venue_hint(ex: Extraction) -> bool:
    if not (ex.words & {"in", "at", "from"}) and "city" not in ex.words:
        return False
    from .venues import find
    return find(ex.word_list) is not None


DECISIVE = 4.0
MARGIN = 1.0


def route(ex: Extraction) -> tuple[str, str, float]:
    """Choose the calculation: ``(name, how, penalty)``.

    Rules first; the classifier only when they are not decisive (no score >= 4, or
    two within 1 of each other).
    """
    from .calculations import CALCULATIONS, load_all

    load_all()
    s = {k: v for k, v in rule_scores(ex).items() if k in CALCULATIONS and k in FILLERS}
    ranked = sorted(s.items(), key=lambda kv: -kv[1])
    # without a single number a question is either a definition ("What is VDOT?") or lacks its
    # inputs: the classifier tells the two apart, the rules cannot
    if ex.qtys and ranked and ranked[0][1] >= DECISIVE and \
            (len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= MARGIN):
        return ranked[0][0], "rules", 0.0
    from . import intent

    probs = intent.predict_proba(ex)
    if probs is None:  # no model shipped: rules alone
        if ranked and ranked[0][1] >= DECISIVE - 1:
            if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < MARGIN:
                raise _ambiguous(ranked[0][0], ranked[1][0])
            return ranked[0][0], "rules", 0.1
        raise UnsupportedQuestionError("I could not find a calculation in that question")
    # combine: rule scores act as a prior over the classifier's probabilities
    combined: dict[str, float] = {}
    for k, p in probs.items():
        combined[k] = p + 0.08 * s.get(k, 0.0)
    best = sorted(combined.items(), key=lambda kv: -kv[1])
    top, top_v = best[0]
    second, second_v = best[1] if len(best) > 1 else ("", 0.0)
    if top == intent.NONE:
        if probs[intent.NONE] >= 0.5 or not ranked:
            raise UnsupportedQuestionError(
                "that question does not ask for a calculation the solver does (wind, altitude, temperature, "
                "heat, grade, pace, splits, intervals, predictions, VDOT, points, timing, body metrics, lanes)")
        top, top_v = second, second_v
        second, second_v = (best[2] if len(best) > 2 else ("", 0.0))
    if top not in FILLERS or top not in CALCULATIONS:
        raise UnsupportedQuestionError(f"that looks like a '{top}' question, which this installation cannot answer")
    if second and second != intent.NONE and top_v - second_v < 0.15 and second in CALCULATIONS:
        raise _ambiguous(top, second)
    p = probs.get(top, 0.0)
    penalty = 0.0 if p >= 0.85 and s.get(top, 0) >= DECISIVE - 1 else round(min(0.3, (1 - p) * 0.5), 3)
    return top, "classifier", penalty


def _ambiguous(a: str, b: str) -> AmbiguousQuestionError:
    return AmbiguousQuestionError(
        f"the question could ask for '{a}' or '{b}'; please say which (or send a structured request)",
        parameter="calculation", value=f"{a}|{b}")


# =============================================================================================
# the entry point
# =============================================================================================
def parse_question(text: str) -> ParsedRequest:
    """Turn a question into a structured request (see module docstring)."""
    if not isinstance(text, str):
        raise InvalidValueError(f"a question must be text, got {type(text).__name__}", parameter="question")
    if len(text) > MAX_CHARS:
        raise InvalidValueError(f"question too long ({len(text)} characters; max {MAX_CHARS})",
                                parameter="question", valid_range=(1, MAX_CHARS))
    if not text.strip():
        raise UnsupportedQuestionError("the question is empty", parameter="question")
    try:
        ex = extract(text)
    except SolverError:
        raise
    except (ValueError, OverflowError) as e:  # a number too odd for float(), say
        raise InvalidValueError(f"could not read the numbers in the question: {e}", parameter="question") from None
    calc, how, penalty = route(ex)
    f = Fill(ex)
    if how == "classifier" and penalty:
        f.note(f"the question was read as a '{calc}' question by the intent classifier", penalty)
    FILLERS[calc](f)
    return f.request(calc, how)


