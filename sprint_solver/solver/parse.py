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
                    WIND_WORDS, Fill, ParsedRequest)

__all__ = ["parse_question", "ParsedRequest", "route", "rule_scores"]

MAX_CHARS = 2000


# =============================================================================================
# routing
# =============================================================================================
_THE_EVENT = re.compile(r"\bthe (60|100|110|200|400)\b(?!\s*(?:m\b|meters|metres|ft|feet))")
_FEELS = re.compile(r"\bfeels?[- ]like\b")
#: "how hot does 90 F with a 27 C dew point feel?" (a heat index asked for in words)
_HOW_HOT = re.compile(r"\bhow (?:hot|warm|humid) (?:does|did|will|would) [^.?!]{0,90}\bfeel\b")
#: even splits asked for by name ("what are my 400m splits?")
_SPLITS_ASK = re.compile(r"\bwhat (?:are|would be|should be|will be) (?:my|the|her|his|their|our) "
                         r"[^.?!]{0,24}splits?\b")
#: a time carried over to another distance ("worth over half marathon", "equivalent for the 10k")
_WORTH_OVER = re.compile(r"\b(?:worth|equivalent|translates?|converts?|convert(?:ed)?) (?:over|for|at|to|in|into) "
                         r"(?:an? |the )?(?:\d|half|marathon|mile|\d+k)")
_HEAT_ADJ = re.compile(r"heat[- ]adjust|adjust\w* for (?:the )?(?:heat|temperature|humidity)|in (?:the|this) heat")
_VO2 = re.compile(r"\bvo2\s?(?:max)?\b|v\.o\.2")
#: training paces asked for; "what pace ... train" within one sentence (not "What pace do I need to run 400m
#: in 1:49.9? What does that mean for my training?"), "marathon pace" only as a zone asked for
_TRAINING = re.compile(r"training (?:pace|zone|speed)|\b(?:easy|tempo|threshold|repetition|interval|recovery|"
                       r"long[- ]run) (?:run )?(?:\(\w+\) )?(?:pace|pace?s|speed)|\btraining paces\b|"
                       r"\bwhat paces?\b[^.?!]*\btrain|\bwhat(?:'s| is| are| should be) (?:my|the|her|his|their|our) "
                       r"marathon (?:\(\w+\) )?paces?\b|\bwhat marathon paces? (?:should|can|could|do)\b")
_PROFILE = re.compile(r"(?:max(?:imum|imal)?|top|peak) (?:sprint(?:ing)? )?(?:speed|velocity|acceleration|power)|"
                      r"force[- ]velocity|\bf-?v profile|sprint profile|acceleration profile|velocity profile")
_EFD = re.compile(r"(?:equivalent|effective) (?:flat )?distance|flat[- ](?:equivalent )?distance|"
                  r"how far on the flat")
_EFD_ASK = re.compile(r"equivalent flat distance|flat[- ]equivalent distance")
_GAP = re.compile(r"grade[- ]adjusted|\bgap\b")
_GAP_STRONG = re.compile(r"grade[- ]adjusted|\bgap\b|flat[- ]equivalent pace|equivalent (?:flat )?pace|on the flat|"
                         r"on the hill|\b(?:flat|hill) pace\b")
#: a sprint time corrected for every condition at once, asked for by name
_CONDITIONS = re.compile(r"\ball (?:the )?conditions\b|\bfully corrected\b|\bconditions[- ]corrected\b|"
                         r"\b(?:in|for) these conditions\b")
#: the lane effect asked for by name
_LANE_ASK = re.compile(r"\blane (?:effect|difference)|\beffect of the lane\b")
#: a sprint profile asked for by name (not just "top speed")
_PROFILE_ASK = re.compile(r"force[- ]velocity|\bf-?v profile|sprint profile|acceleration profile|velocity profile")
_LANES = re.compile(r"\blanes? (\d)|\b(\d)(?:st|nd|rd|th)? lane\b")
#: a request to take the wind out of a time: with two lanes and a wind it keeps the question a wind one
#: ("... with no wind (0.0 m/s)" is a reading, not such a request)
_STILL_AIR_ASK = re.compile(r"still[- ]air|\bcalm\b|\b(?:no|zero)[- ]wind(?:\s*\?| equivalent| time)|windless|"
                            r"wind[- ](?:corrected|adjusted|free)|without (?:the |any |that )?wind|"
                            r"\bcorrect\w* (?:\w+ )?for (?:the )?wind")
_LANE_PAIR = re.compile(r"lanes? \d (?:to|and|vs|versus|or) (?:lane )?\d")
_EVEN = re.compile(r"\b(?:even|equal) (?:pace|pacing|splits?)|\beach (?:lap|km|kilometer|kilometre|mile|400)|"
                   r"\bper lap\b|lap times?")
_NAMED_DIST = re.compile(r"\b(?:half[- ]marathon|marathon|the mile|a mile|mile)\b")
#: ("can you explain the steps?" is politeness, not a comparison)
_COMPARE = re.compile(r"\b(?:equivalent|could|would|can|might|should|expect|translate|convert|predict|worth|"
                      r"capable)\b(?! you\b)")
#: "fast" said of the track or the race, not asked about ("my coach thinks the track was fast")
_FAST_SAID = re.compile(r"\b(?:was|is|were|felt|looked|seemed) (?:really |very |quite )?fast\b")
_PREDICT = frozenset({"predict", "predicted", "prediction", "riegel", "predictor", "predicts", "predicting"})
#: "heat" naming a round of a race ("a men's 200m heat", "heat 3", "the opening heat")
_ROUND_HEAT = re.compile(r"(?:\d\s?m|met(?:er|re)s|dash|hurdles|men's|women's|boys'|girls'|junior|masters|first|"
                         r"second|third|opening|qualifying|preliminary|semi-?final) heats?\b|\bheats? \d|"
                         r"\bheats? (?:and|or) (?:semis?|finals?)\b|"
                         r"\b(?:won|win|wins|winning) (?:his|her|their|my) heat\b")
_ALT_W = frozenset({"altitude", "elevation", "elevated", "asl", "thin"})
#: words that make a length an altitude ("an altitude of 110 m", "the equivalent at 55 m altitude")
_ALT_OF = frozenset({"altitude", "elevation", "elevated", "above", "asl", "target"})
_TEMP_W = frozenset({"temperature", "temp", "hot", "cold", "heat", "warm", "degrees", "celsius", "fahrenheit"})
_TRAIN_W = frozenset({"training", "marathon", "easy", "tempo", "threshold", "repetition", "repetitions", "interval",
                      "recovery", "long", "paces", "train", "zones"})
_PROFILE_W = frozenset({"max", "maximum", "maximal", "top", "peak", "force", "fv", "f", "profile"})
_EVEN_W = frozenset({"even", "equal", "each", "per", "lap"})
_RUN_W = frozenset({"run", "running", "race", "pace", "marathon", "jog", "tempo", "easy", "slower"})


def _altitude_like(x) -> bool:
    """Whether a length is said as an altitude, in its own clause ("1387 m of altitude", "a target
    altitude of 35 m", "a venue 6 m above sea level")."""
    return x.cafter(_ALT_OF, 2) or x.cbefore(_ALT_OF, 3)


def _sprint_distance(ex: Extraction) -> float | None:
    for x in ex.qtys:
        if x.kind in ("length", "distance") and x.unit in ("m", "mh") and x.value in SPRINT_EVENTS \
                and not x.cnear(ALT_WORDS | {"above"}, 1, 2) and not x.cnear(_ALT_OF, 3, 2):
            return x.value
        if x.kind == "distance" and x.unit == "mh":
            return x.value
    if "the" in ex.words:
        m = _THE_EVENT.search(ex.text)
        if m:
            return float(m.group(1))
    if "dash" in ex.words or "sprint" in ex.words or "sprinter" in ex.words or "sprinters" in ex.words:
        return 0.0
    # "ran 9.86 (-0.4)", "10.2s": a time to 0.1 or 0.01 s that only a sprint would have
    for x in ex.qtys:
        if x.kind in ("number", "time") and x.unit in ("", "s") and not x.signed and \
                (x.decimals == 2 or x.decimals == 1 and (x.unit == "s" or ex.words & (WIND_WORDS | HAND_WORDS))) \
                and (9.3 <= x.value <= 13.5 or 19.0 <= x.value <= 27.0 or
                     13.5 < x.value <= 15.5 and bool(ex.words & WIND_WORDS)):
            return 0.0
    return None


def rule_scores(ex: Extraction) -> dict[str, float]:
    """Score each calculation from cue words and quantity kinds (higher = more likely).

    Cheap set intersections on the question's words come first; a regular expression
    runs only when its words are present.
    """
    W = ex.words
    t = ex.text
    s: dict[str, float] = {}
    sprint = _sprint_distance(ex)
    kinds = {x.kind for x in ex.qtys}
    timeish = bool(kinds & {"time", "clock", "number", "hms", "primes"})
    pace_q = "pace" in kinds or ("clock" in kinds and ("pace" in W or "per" in W))
    wind = bool(W & WIND_WORDS) or "speed" in kinds and bool(W & (HEAD_WORDS | TAIL_WORDS))
    # a speed next to a sprint is a wind reading; "sprinter" alone (a "masters sprinter" asking about a
    # run of minutes) does not make it one
    sprint_like = sprint is not None and (sprint > 0 or not any(
        x.kind in ("clock", "time") and x.value >= 60 or x.kind in ("distance", "length") and x.value >= 400
        and not _altitude_like(x) for x in ex.qtys))
    wind = wind or ("speed" in kinds and sprint_like and "lane" not in W)
    wind = wind or (sprint is not None and any(x.signed and x.kind in ("number", "speed") for x in ex.qtys))
    alt = bool(W & _ALT_W) or ("sea" in W and ("sea level" in t or "above sea" in t)) or \
        (sprint is not None and any(x.kind == "length" and x.value >= 300 and x.value not in SPRINT_EVENTS
                                    and x.before({"at", "in"}, 1) for x in ex.qtys))
    if not alt and timeish and ("distance" not in kinds):
        alt = _venue_hint(ex)
    if "heat" in W and "temperature" not in kinds and _ROUND_HEAT.search(t):
        W = W - {"heat"}  # "a men's 200m heat" is a round of the race, not the weather
    temp = "temperature" in kinds or bool(W & _TEMP_W)
    humid = bool(W & HUMID_WORDS)
    hand = bool(W & {"handheld", "stopwatch", "manual", "manually", "ht"}) or "hand" in W and \
        bool(W & {"timed", "time", "times", "timing", "held"})
    # a race distance (an altitude is a length too: "an altitude of 1387 m" is not one)
    distance_q = any(x.kind in ("distance", "length") and not _altitude_like(x) for x in ex.qtys) or \
        bool(W & {"marathon", "half", "mile", "5k", "10k"})

    if W & {"false", "reaction", "reacted", "react", "reacts"} and ("false start" in t or "false-start" in t or
                                                                   W & {"reaction", "reacted", "react", "reacts"}) \
            or (W & {"rt", "dq", "disqualified", "blocks", "gun"} and any(
                x.value < 1.0 or x.unit == "ms" for x in ex.qtys if x.kind == "time")):
        s["false_start"] = 6
    if W & {"index", "feel", "feels", "apparent"} and ("heat index" in t or _FEELS.search(t) or
                                                      "apparent temperature" in t or _HOW_HOT.search(t)):
        s["heat_index"] = 6 if not pace_q else 3
    if temp and humid and not pace_q and not distance_q and not (kinds & {"clock", "time"}) and \
            not W & (_RUN_W | {"adjust", "adjusted", "dense", "density", "thick"}):
        s["heat_index"] = max(s.get("heat_index", 0), 4.5)
    if temp and (pace_q or humid or "heat" in W or "hot" in W) and (sprint is None or sprint == 0 and pace_q):
        running = pace_q or timeish and distance_q or bool(W & _RUN_W)
        s["heat_adjusted_pace"] = (3 if running else 1.5) + (2 if pace_q or timeish and distance_q else 0) + \
            (1.5 if humid else 0) + (2 if W & {"heat", "adjust", "adjusted", "adjusting"} and _HEAT_ADJ.search(t)
                                     else 0)
    if W & {"density", "densities", "dense", "denser"}:
        s["air_density"] = 6 if sprint is None or not timeish else 3.5
    if hand:
        s["hand_timing"] = 4.5 if W & {"points", "score", "scoring", "pts"} else 5.5
    if sprint is not None and timeish:
        # the composite is needed when a temperature or hand timing comes with wind, or hand timing
        # with anything; altitude + temperature alone is an air-density question
        if wind:
            s["wind_correction"] = 5
        if alt and not wind:
            s["altitude_correction"] = 5
        if temp and not wind and not hand:
            s["temperature_effect_sprint"] = 6 if alt or humid else 5
        if (hand and (wind or alt or temp)) or (wind and temp and not humid):
            s["sprint_conditions"] = 7
    elif wind and timeish and not pace_q and not distance_q:
        s["wind_correction"] = 3.5
    elif alt and timeish and not distance_q and not (W & GRADE_WORDS):
        sprintish = any(x.kind in ("number", "time") and x.unit in ("", "s") and 9.0 <= x.value <= 60.0
                        for x in ex.qtys)
        s["altitude_correction"] = 4.5 if sprintish and not pace_q else 3.5
    if timeish and not pace_q and W & {"conditions", "corrected"} and _CONDITIONS.search(t):
        s["sprint_conditions"] = 7.5
    if W & {"points", "pts", "score", "scoring", "decathlon", "heptathlon", "pentathlon"}:
        s["points"] = 6
    if "vdot" in W or ("vo" in W and _VO2.search(t)):
        # "training paces" or a prediction asked for too ("... for my training log" is not one)
        s["vdot"] = 4 if W & _PREDICT or (W & _TRAIN_W and _TRAINING.search(t)) else 6
        if any(x.kind == "number" and x.near({"vdot"}, 2, 1) for x in ex.qtys):
            # "at VDOT 60": a VDOT given, not asked for
            s["training_paces"] = 6.5
            s["vdot"] = 3
    if W & _TRAIN_W and _TRAINING.search(t):
        s["training_paces"] = 6.5
    if W & {"bmi", "bsa", "frontal"} or "surface area" in t or "body mass index" in t or "drag area" in t or \
            ("mass" in kinds and W & {"drag", "cd"}):
        s["body_metrics"] = 6
    elif "mass" in kinds and ("height" in kinds or "primes" in kinds or "tall" in W):
        s["body_metrics"] = 4
    if s.get("body_metrics") == 6 and "mass" in kinds:
        s["body_metrics"] = 7.5  # a body asked about, with its mass: not a sprint's conditions
    if W & {"mss", "tau", "pmax", "f0", "v0"} or (W & _PROFILE_W and _PROFILE.search(t)):
        s["sprint_profile"] = 7.5 if "profile" in W and _PROFILE_ASK.search(t) else 6
    if W & {"naismith", "scarf", "langmuir", "tranter"} or (W & {"distance", "far"} and _EFD.search(t)):
        s["equivalent_flat_distance"] = 7.5 if "distance" in W and _EFD_ASK.search(t) else 6.5
    gap_words = bool(W & {"grade", "gap", "adjusted", "flat", "equivalent"})
    if W & GRADE_WORDS and (pace_q or timeish or "pace" in W) or (gap_words and _GAP.search(t)):
        s["grade_adjusted_pace"] = 4.5 + (1.5 if gap_words and _GAP_STRONG.search(t) else 0)
    if "lane" in W or "lanes" in W or "stagger" in W:
        lanes = _LANES.findall(t)
        if wind and (len({a or b for a, b in lanes}) >= 2 or _LANE_PAIR.search(t)) and \
                not _STILL_AIR_ASK.search(t):
            # two different lanes compared, with the race's wind as one more input of the lane effect
            # ("lane 8 vs lane 4 with a +1.2 m/s wind", "20.84 in lane 4 ... 1.0 m/s tailwind ... in
            # lane 7?"); one lane next to a wind stays a wind correction ("lane 4, wind +1.5, 10.05"),
            # and so does a request for the still-air time
            s["lane_effect"] = 6.5
        elif not wind and (len(lanes) >= 2 or "stagger" in W or "curve" in W or "bend" in W or _LANE_PAIR.search(t)):
            s["lane_effect"] = 5.5
        elif not wind and sprint in (200.0, 400.0, 300.0) and lanes:
            # one lane of a 200 m with an altitude or a temperature: the lane is that correction's input
            s["lane_effect"] = 3.0 if alt or temp or hand else 4.5
        elif not wind and W & {"affect", "affects", "effect", "advantage", "disadvantage", "slower", "faster",
                               "assignment", "draw", "drew", "drawn", "inside", "outside"}:
            s["lane_effect"] = 5
    if "lane" in W and _LANE_ASK.search(t):
        s["lane_effect"] = 7.5
    if "reps" in kinds or (W & {"repeats", "reps", "repetitions", "intervals", "interval", "repeat"} and
                           ("count" in kinds or "x" in W)) or ("count" in kinds and distance_q and timeish):
        s["intervals"] = 5.5
    if W & {"splits", "split"} and timeish:
        many = sum(1 for x in ex.qtys if x.kind in ("length", "distance")) >= 3
        if many and sprint != 0:
            s["sprint_profile"] = max(s.get("sprint_profile", 0), 5.5)
        else:
            s["even_splits"] = 4.5 + (1.5 if W & {"even", "evenly", "equal", "each", "every", "per"} or
                                      _SPLITS_ASK.search(t) else 0)
    elif timeish and W & (_EVEN_W | {"laps", "times"}) and _EVEN.search(t):
        s["even_splits"] = 5
    if distance_q and timeish:
        # race distances: not altitudes ("an altitude of 501 m and a target altitude of 55 m")
        n_dist = sum(1 for x in ex.qtys if x.kind in ("distance", "length") and not _altitude_like(x))
        if W & {"marathon", "mile", "half", "marathoner", "miler"}:
            # names not already read as a distance ("1 mile" is one distance, not two)
            n_dist += sum(1 for m in _NAMED_DIST.finditer(t)
                          if not any(x.start <= m.start() < x.end for x in ex.qtys))
        predict = bool(W & _PREDICT)
        if predict or (n_dist >= 2 and _COMPARE.search(t)):
            s["race_prediction"] = (6.5 if n_dist >= 2 else 5) if predict else \
                5.5 if _WORTH_OVER.search(t) else 4.5
    elif W & _PREDICT:
        s["race_prediction"] = 5
    if distance_q and (timeish or pace_q):
        # ("fast" next to a sprint's conditions says nothing about a pace: "the track was fast")
        s["pace"] = 3.5 + (1 if (W & {"pace", "long", "speed", "finish", "total", "far"} or
                                 "fast" in W and not _FAST_SAID.search(t)) and
                           not (sprint and (alt or wind or temp or hand)) else 0)
    elif pace_q or "mph" in W or "km/h" in t or ("speed" in kinds and not sprint_like and not wind) or \
            ("speed" in kinds and not timeish and not W & WIND_WORDS):
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
_CALCS: dict | None = None


def _calculations() -> dict:
    global _CALCS
    if _CALCS is None:
        from .calculations import load_all

        _CALCS = load_all()
    return _CALCS


def route(ex: Extraction) -> tuple[str, str, float]:
    """Choose the calculation: ``(name, how, penalty)``.

    Rules first; the classifier only when they are not decisive (no score >= 4, or
    two within 1 of each other).
    """
    CALCULATIONS = _calculations()
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
    try:
        FILLERS[calc](f)
    except SolverError:
        raise
    except (ArithmeticError, ValueError, TypeError, KeyError, IndexError, AttributeError) as e:
        # a reading the fillers did not foresee must still surface as a SolverError (the fuzz tests
        # look for these; none is known)
        raise InvalidValueError(f"could not read the inputs of that '{calc}' question ({type(e).__name__})",
                                parameter="question") from e
    return f.request(calc, how)


