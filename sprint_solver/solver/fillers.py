"""Fillers: one function per calculation mapping a question's quantities onto its ``Params``.

A filler reads the :class:`~.slots.Fill` (the extraction plus the parameters so far),
picks what its calculation needs with the helpers of :mod:`.slots`, records notes and
penalties for every convention it applies, and raises
:class:`~sprint_solver.errors.MissingParameterError` (naming the parameter) when the
question lacks an input, or :class:`~sprint_solver.errors.AmbiguousQuestionError`
when it can be read two ways and no convention applies.
"""
from __future__ import annotations

import re
from typing import Callable

from .. import quantities as q
from ..errors import InvalidValueError, MissingParameterError, UnsupportedQuestionError
from .extract import Extraction, Qty
from .slots import (HEAD_WORDS, SPRINT_EVENTS, STILL_FROM, STILL_TO, TAIL_WORDS, WIND_WORDS, Fill, _event_label,
                    _take, _to_celsius, _wind_value, distances,
                    pace_from_clock, pick_event, pick_lane, pick_pace, pick_percent, pick_sex,
                    pick_speed, pick_sprint_time, pick_temperature, pick_times, pick_wind, reinterpret_clock,
                    wr_speed)

# =============================================================================================
# fillers, one per calculation
# =============================================================================================
Filler = Callable[[Fill], None]
FILLERS: dict[str, Filler] = {}


def filler(name: str) -> Callable[[Filler], Filler]:
    def deco(fn: Filler) -> Filler:
        FILLERS[name] = fn
        return fn
    return deco


def _direction(ex: Extraction, time_q: Qty | None) -> tuple[str, bool]:
    """('to_still_air' | 'from_still_air', decided_by_the_question)."""
    t = ex.text
    to = bool(STILL_TO.search(t))
    frm = bool(STILL_FROM.search(t))
    if time_q is not None:
        # "a 10.0 still-air time", "runs 10.2 in calm conditions" describe the given time
        around = " ".join(time_q.pre[-3:] + time_q.post[:4])
        if re.search(r"still[- ]?air|\bcalm\b|no wind|zero wind|windless|sea level", around) and \
                not re.search(r"\b(?:in|to|into) still[- ]air\b\??$", t.strip()) and \
                not re.search(r"still[- ]?air equivalent", around):
            # unless the question asks for the still-air (or wind-adjusted) time: "... with no wind
            # (0.0 m/s). What's the wind-adjusted time?" takes a time run in a 0.0 reading to still air
            if not re.search(r"\b(?:what(?:'s| is)|equivalent|worth)\b.*\b(?:still[- ]air|wind[- ](?:adjusted|"
                             r"corrected|free))\b", t) or frm:
                frm, to = True, False
    if to and not frm:
        return "to_still_air", True
    if frm and not to:
        return "from_still_air", True
    if frm and to:
        # "how much would X be affected ... what's that in still air" is rare; the hypothetical wins
        # only when the question asks about the effect of the wind
        if re.search(r"affect|how much (?:faster|slower)|with (?:a|an|the) .{0,20}wind,? what|in still[- ]air,? "
                     r"(?:what|how)|\bwhat (?:would|will|could|might) (?:i|he|she|they|you|we) (?:run|clock|do) with\b",
                     t):
            return "from_still_air", True
        return "to_still_air", True
    return "to_still_air", False


def _sprint_event(event: float, what: str) -> float:
    """``event`` if it is the 100 m or 200 m, else a clear error: these models are sprint-only."""
    if event not in (100.0, 200.0):
        raise InvalidValueError(f"{what} for the 100 m and 200 m only, not the {event:g} m",
                                parameter="event", value=_event_label(event))
    return event


@filler("wind_correction")
def _fill_wind(f: Fill) -> None:
    ex = f.ex
    event = _sprint_event(pick_event(f) or 100.0, "wind corrections exist")
    # the wind first, so its number is not mistaken for the time
    wind_q = None
    said = sum(x.used for x in ex.qtys)
    try:
        wind = pick_wind(f)
    except MissingParameterError:
        wind = None
    #: a wind of zero read from words ("still air"), not from a number
    worded = wind == 0.0 and sum(x.used for x in ex.qtys) == said
    time_q = pick_sprint_time(f, event)
    if time_q is None:
        raise MissingParameterError("time", f"the question gives no {int(event)} m time to correct "
                                            "(e.g. 'ran 10.05 with +1.2 m/s')")
    if wind is None:
        raise MissingParameterError("wind", "the question mentions wind but gives no wind speed "
                                            "(e.g. +1.2 or 2 m/s headwind)")
    del wind_q
    f.params["event"] = _event_label(event)
    f.params["time"] = time_q.value
    f.params["wind"] = wind
    # where the race was run: the first altitude named ("at 1500 m", "in Mexico City"); a sea level
    # named with no other altitude is one too
    alts = _altitude_mentions(f, sprint=True)
    run_at = next((m for m in alts if m[2] != "sea level"), alts[0] if alts else None)
    if run_at is not None:
        f.params["altitude"] = run_at[1]
    direction, decided = _direction(ex, time_q)
    if direction == "from_still_air" and worded:
        # "a still-air time of 10.2": the time is the still-air one; the wind to take it into is not given
        raise MissingParameterError("wind", "the question gives a still-air time but no wind to convert it to "
                                            "(e.g. +1.2 m/s)")
    if not decided:
        f.note(f"the given time {time_q.raw} was read as run with the wind (converted to still air); say "
               "'still-air time' to convert the other way", 0.1)
    f.params["direction"] = direction
    if event == 200.0:
        lane = pick_lane(f)
        if lane is not None:
            f.params["lane"] = lane
    sex = pick_sex(f)
    if sex:
        f.params["sex"] = sex
    model = _model_word(ex, {"moinat": "moinat", "mureika": "mureika", "fitted": "fitted", "data": "fitted"})
    if model:
        f.params["model"] = model


def _model_word(ex: Extraction, table: dict[str, str]) -> str | None:
    for w, m in table.items():
        if w in ex.words and (("model" in ex.words or "using" in ex.words or "with" in ex.words or "per" in ex.words)
                              or w not in ("data",)):
            if w == "data" and not re.search(r"data[- ]driven|fitted", ex.text):
                continue
            return m
    return None


def _need(value, name: str, message: str):
    if value is None:
        raise MissingParameterError(name, message)
    return value


# =============================================================================================
# altitude, air density, temperature
# =============================================================================================
_SEA = re.compile(r"sea[- ]level")


#: words that make "at 60 m" a point of the race, not an altitude ("the split at 60 m")
_MARK_W = frozenset({"split", "splits", "mark", "marks", "through", "passing", "passed", "reached", "gate", "gates",
                     "after", "between", "from"})


def _altitude_mentions(f: Fill, sprint: bool = False) -> list[tuple[int, float, str]]:
    """(position, metres, text) of every altitude the question names, in order.

    With ``sprint`` (a 100/200 m question whose race is already read and taken, or an air-density
    question, which has no race) a bare "at 22 m" or "at 200 m" is an altitude too: it cannot be
    the race, and a point of the race would be said as one ("the split at 60 m"). Without it, only
    "at 1500 m" (300 m or more, not an event) in a question that mentions altitude."""
    ex = f.ex
    out: list[tuple[int, float, str]] = []
    for x in ex.of("length", "distance"):
        if x.pre[-3:-1] == ("reference", "altitude") or x.pre[-2:] == ("reference", "altitude"):
            continue  # the reference conditions' altitude, not the race's
        bare_at = x.before({"at"}, 1) and not x.used and not x.cnear(_MARK_W, 3, 1)
        if x.cafter({"altitude", "elevation", "above", "asl", "high", "elevated"}, 2) or \
                x.cbefore({"altitude", "elevation", "elevated"}, 3) or (x.unit == "ft" and x.before({"at", "in"}, 1)) \
                or (bare_at and (sprint or ex.words & {"altitude", "elevation"} and x.value >= 300
                                 and x.value not in SPRINT_EVENTS)):
            x.used = True
            out.append((x.start, x.value, x.raw))
    for m in _SEA.finditer(ex.text):
        if not re.search(r"above sea[- ]level", ex.text[max(0, m.start() - 6):m.end()]):
            out.append((m.start(), 0.0, "sea level"))
    from .venues import find
    v = find(ex.word_list)
    if v is not None:
        i = ex.text.find(v.name.lower().split()[0][:5])
        f.note(f"{v.name} taken as {v.altitude_m:.0f} m above sea level ({v.source}; city-level altitude)")
        out.append((i if i >= 0 else len(ex.text), v.altitude_m, v.name))
    out.sort()
    return out


_TARGET_BEFORE = re.compile(r"(?:equivalent|worth|be|achieve|run|expect|clock|convert(?:ed)?|correct(?:ed)?|"
                            r"translate[sd]?|adjust(?:ed)?|what(?:'s| is) (?:that|it|this)|become|do)\s+(?:\w+\s+){0,3}"
                            r"(?:at|to|in|for|from)(?: an?| the)?(?: altitude of)?\s*$")
_QUESTION_WORDS = re.compile(r"\b(?:what|how|would|could|might|equivalent|worth|convert|correct|adjust)\b")


_TARGET_NAMED = re.compile(r"\btarget (?:altitude|elevation)(?: of| is)?\s*$")


def _is_target(text: str, tq, m: tuple[int, float, str]) -> bool:
    """Whether an altitude mention is where the time is converted *to*."""
    pos = m[0]
    after = text[pos + len(m[2]):pos + len(m[2]) + 24]
    if re.match(r"[- ]?(?:altitude |conditions )?(?:equivalent|conversion)", after) or \
            _TARGET_NAMED.search(text, max(0, pos - 30), pos):
        return True
    return bool(_TARGET_BEFORE.search(text[max(0, pos - 40):pos])) and pos > tq.start


def _altitude_role(text: str, tq, m: tuple[int, float, str]) -> str:
    """'run' (where the time was run), 'target' (where it is converted to) or '?'."""
    pos = m[0]
    if _is_target(text, tq, m) and (pos < tq.start or _QUESTION_WORDS.search(text[tq.end:pos]) or
                                    not re.search(r"\b(?:at|in)\s*$", text[max(0, pos - 6):pos]) or
                                    re.search(r"\bbe (?:at|in)\s*$", text[max(0, pos - 9):pos])):
        # "would a 10.05 be at 79 m" says where the time is taken to; "ran 10.05 at 79 m" where it was run
        return "target"
    if pos > tq.start and not _QUESTION_WORDS.search(text[tq.end:pos]) and pos - tq.end < 45:
        return "run"
    return "?"


@filler("altitude_correction")
def _fill_altitude(f: Fill) -> None:
    ex = f.ex
    event = _sprint_event(pick_event(f) or 100.0, "altitude corrections exist")
    mentions = _altitude_mentions(f, sprint=True)
    tq = _need(pick_sprint_time(f, event), "time", f"the question gives no {int(event)} m time")
    f.params.update(event=_event_label(event), time=tq.value)
    if not mentions:
        raise MissingParameterError("altitude", "the question gives no altitude or venue (e.g. 'at 1500 m' or "
                                                "'in Mexico City')")
    roles = [_altitude_role(ex.text, tq, m) for m in mentions]
    if len(mentions) >= 2 and "target" not in roles:
        # "a 10.69 sea-level 100m be at 1000 m": the later mention after 'be at' is the target
        for i in range(len(mentions) - 1, 0, -1):
            if _is_target(ex.text, tq, mentions[i]):
                roles[i] = "target"
                break
    run = next((m for m, r in zip(mentions, roles) if r == "run"), None)
    target = next((m for m, r in zip(mentions, roles) if r == "target"), None)
    rest = [m for m, r in zip(mentions, roles) if r == "?"]
    if run is None and rest and (target is not None or len(rest) > 1):
        run = rest.pop(0)
    if target is None and rest:
        target = rest.pop(0)
    if run is None and target is None:  # pragma: no cover - mentions is not empty
        raise MissingParameterError("altitude", "the question gives no altitude")
    if run is None or target is None:
        only = run or target
        if only[1] == 0.0:
            raise MissingParameterError("target_altitude", "the question names sea level but no other altitude")
        hypothetical = re.search(r"\b(?:would|might|could|will|how much (?:faster|slower|does|would)|help|"
                                 r"gain|benefit|advantage|expect)\b", ex.text)
        role = roles[mentions.index(only)]
        if role == "target" or (role == "?" and hypothetical):
            run, target = (tq.start, 0.0, "sea level"), only
            if role != "target":
                f.note(f"the {tq.raw} s time read as a sea-level time, converted to {only[2]}", 0.05)
        else:
            run, target = only, (len(ex.text), 0.0, "sea level")
            if role != "run":
                f.note(f"the {tq.raw} s time read as run at {only[2]}, converted to sea level", 0.05)
    f.params["altitude"] = run[1]
    f.params["target_altitude"] = target[1]
    if event == 200.0:
        lane = pick_lane(f)
        if lane is not None:
            f.params["lane"] = lane
    sex = pick_sex(f)
    if sex:
        f.params["sex"] = sex


def _pressure(f: Fill) -> float | None:
    for x in f.ex.of("pressure"):
        x.used = True
        return x.value
    return None


def _humidity(f: Fill) -> float | None:
    x = pick_percent(f, {"humidity", "humid", "rh", "relative"})
    if x is None:
        cands = [y for y in f.ex.of("percent") if not y.near({"grade", "incline", "gradient", "slope", "slower",
                                                              "faster", "hill"}, 2, 2)]
        x = cands[0] if cands else None
        if x is not None:
            x.used = True
    return None if x is None else x.value


@filler("air_density")
def _fill_air_density(f: Fill) -> None:
    temp = pick_temperature(f)
    pressure = _pressure(f)
    rh = _humidity(f)
    m = [a for a in _altitude_mentions(f, sprint=True) if a[2] != "sea level" or pressure is None]
    alt = m[0][1] if m else None
    f.params["temperature"] = _need(temp, "temperature", "air density needs the air temperature (e.g. 20 °C)")
    for k, v in (("pressure", pressure), ("altitude", alt), ("humidity", rh)):
        if v is not None:
            f.params[k] = v
    model = _model_word(f.ex, {"cipm": "cipm2007", "ideal": "ideal_gas", "moist": "simple_moist"})
    if model:
        f.params["model"] = model


_REF_CUE = {"than", "compared", "versus", "vs", "instead", "reference", "standard", "relative"}
#: the reference condition each kind of quantity names ("a reference pressure of 1013 hPa")
_REFERENCE_OF = {"temperature": "reference_temperature", "pressure": "reference_pressure",
                 "length": "reference_altitude", "percent": "reference_humidity"}


def _references(f: Fill, kinds: tuple[str, ...] = tuple(_REFERENCE_OF)) -> dict[str, float]:
    """The reference conditions named as such: "a reference temperature of 20 °C", "a reference
    pressure of 1013 hPa", "25 °C as the reference temperature" (the quantities are taken)."""
    out: dict[str, float] = {}
    if "reference" not in f.ex.words:
        return out
    for x in f.ex.qtys:
        if x.used or x.kind not in kinds:
            continue
        if "reference" in x.cpre[-3:] or x.cpost[:3] == ("as", "the", "reference"):
            name = _REFERENCE_OF[x.kind]
            if name in out:
                continue
            x.used = True
            out[name] = _to_celsius(f, x) if x.kind == "temperature" else x.value
    return out


@filler("temperature_effect_sprint")
def _fill_temperature_sprint(f: Fill) -> None:
    ex = f.ex
    event = _sprint_event(pick_event(f) or 100.0, "the temperature effect is modelled")
    refs = _references(f)
    temps = ex.of("temperature")
    tq = _need(pick_sprint_time(f, event), "time", f"the question gives no {int(event)} m time")
    if "reference_temperature" in refs:
        temps_c = [_to_celsius(f, _take(temps[0])) if temps else pick_temperature(f),
                   refs.pop("reference_temperature")]
    elif not temps:
        t = pick_temperature(f)
        temps_c = [t] if t is not None else []
    else:
        temps_c = []
        order = list(temps)
        # "at 35 °C compared to 25 °C": the one after a comparison word is the reference
        ref_i = next((i for i, x in enumerate(order) if x.before(_REF_CUE | {"to", "at"}, 2) and i > 0), None)
        if ref_i is None and len(order) > 1:
            ref_i = 1
        run = [x for i, x in enumerate(order) if i != ref_i]
        for x in run[:1] + ([order[ref_i]] if ref_i is not None else []):
            x.used = True
            temps_c.append(_to_celsius(f, x))
    f.params.update(event=_event_label(event), time=tq.value,
                    temperature=_need(temps_c[0] if temps_c else None, "temperature",
                                      "the question gives no air temperature"))
    if len(temps_c) > 1:
        f.params["reference_temperature"] = temps_c[1]
    else:
        f.note("reference temperature 25 °C (the calculation's default)")
    rh = _humidity(f)
    if rh is not None:
        f.params["humidity"] = rh
    pressure = _pressure(f)
    if pressure is not None:
        f.params["pressure"] = pressure
    m = _altitude_mentions(f)
    if m and (m[0][1] > 0 or m[0][2] != "sea level"):
        f.params["altitude"] = m[0][1]
    f.params.update(refs)
    if event == 200.0:
        lane = pick_lane(f)
        if lane is not None:
            f.params["lane"] = lane
    sex = pick_sex(f)
    if sex:
        f.params["sex"] = sex


# =============================================================================================
# heat
# =============================================================================================
def _pace_or_time_over_distance(f: Fill, name: str = "pace") -> tuple[float, float | None]:
    """A pace [s/km] given directly, or as a time over a distance; with the distance if any."""
    pace = pick_pace(f)
    ds = distances(f)
    d = ds[0].value if ds else None
    if d is not None and ds[0].qty is not None:
        ds[0].qty.used = True
    if pace is None:
        times = pick_times(f)
        if times and d is not None:
            t = reinterpret_clock(f, times[0], d)
            times[0].used = True
            if t <= 0 or d <= 0:
                raise InvalidValueError("a time and a distance must both be positive to give a pace",
                                        parameter="pace", value=f"{t} s over {d} m")
            return t / d * 1000.0, d
        bare = [x for x in f.ex.of("clock") if x.before({"at", "running", "run", "of", "normal", "usual"}, 2)]
        if bare:
            return pace_from_clock(f, bare[0]), d
        raise MissingParameterError(name, "the question gives no pace (e.g. 8:00/mi) or time and distance")
    return pace, d


def _named_temperature(f: Fill, words: set[str]) -> float | None:
    """A temperature written right after (or before) one of ``words``: 'a WBGT of 22 °C'."""
    for x in f.ex.of("temperature", "number"):
        if any(w in words for w in x.pre[-3:]) or (x.post and x.post[0] in words):
            if x.kind == "number" and not -40 <= x.value <= 130:
                continue
            x.used = True
            return _to_celsius(f, x)
    return None


@filler("heat_adjusted_pace")
def _fill_heat_pace(f: Fill) -> None:
    ex = f.ex
    wbgt = _named_temperature(f, {"wbgt"}) if "wbgt" in ex.words else None
    hi = _named_temperature(f, {"index"}) if "heat index" in ex.text else None
    dew = pick_temperature(f, "dew")
    temp = pick_temperature(f)
    rh = _humidity(f)
    pace, d = _pace_or_time_over_distance(f)
    f.params["pace"] = pace
    if d is not None:
        f.params["distance"] = d
    if temp is None and dew is None and wbgt is None and hi is None:
        raise MissingParameterError("temperature", "the question gives no air temperature")
    for k, v in (("temperature", temp), ("dew_point", dew), ("humidity", rh), ("wbgt", wbgt), ("heat_index", hi)):
        if v is not None:
            f.params[k] = v
    if ex.words & {"repeats", "reps", "intervals", "interval", "repetitions", "workout"}:
        f.params["effort"] = "repeats"
    sex = pick_sex(f)
    if sex:
        f.params["sex"] = sex
    model = _model_word(ex, {"hadley": "hadley", "ely": "ely_wbgt"})
    if model is None and re.search(r"heat[- ]index (?:model|rule)|using the heat[- ]index", ex.text):
        model = "heat_index"
    if model:
        f.params["model"] = model


@filler("heat_index")
def _fill_heat_index(f: Fill) -> None:
    dew = pick_temperature(f, "dew")
    temp = pick_temperature(f)
    rh = _humidity(f)
    f.params["temperature"] = _need(temp, "temperature", "the heat index needs the air temperature")
    if rh is None and dew is None:
        raise MissingParameterError("humidity", "the heat index needs the relative humidity or the dew point")
    if rh is not None:
        f.params["humidity"] = rh
    if dew is not None:
        f.params["dew_point"] = dew


# =============================================================================================
# timing
# =============================================================================================
#: the masters rankings rule named as a rule: "the masters rule", "for the masters rankings", "WMA"
_MASTERS_RULE = re.compile(r"\bmasters'?\s+(?:hand[- ]?tim\w*\s+)?(?:rankings?|rules?|tables?|conversions?|offsets?|"
                           r"standards?|method|formula|lists?|records?|scoring|corrections?)\b|\bwma\b|"
                           r"\bworld masters\b")
_WA_RULE = re.compile(r"scoring|world athletics|\bwa\b|iaaf")


def _hand_variant(f: Fill) -> str | None:
    """The hand-to-FAT rule the question names, if any.

    Only a rule named as a rule counts: "masters" describing the athlete ("Question from a masters
    sprinter: ...") does not choose the masters rankings rule (the default, standard rule applies, and a
    note says how to ask for the masters one), and a rule the question names wins over such a word.
    """
    ex = f.ex
    if "masters" in ex.words or "wma" in ex.words:
        if _MASTERS_RULE.search(ex.text):
            return "masters"
    if _WA_RULE.search(ex.text):
        return "wa_scoring"
    if "masters" in ex.words:
        f.note("'masters' read as describing the athlete: the standard hand-timing rule applies (say 'the masters "
               "rankings rule' for that one)")
    return None


@filler("hand_timing")
def _fill_hand(f: Fill) -> None:
    ds = distances(f)
    d = ds[0].value if ds else (float(m.group(1)) if (m := re.search(r"\bthe (100|200|400|800)\b", f.ex.text))
                                else None)
    if ds and ds[0].qty is not None:
        ds[0].qty.used = True
    tq = pick_sprint_time(f, d if d in (100.0, 200.0, 400.0) else None, lo=5.0, hi=100000.0)
    f.params["hand_time"] = _need(tq, "hand_time", "the question gives no hand time").value
    if d is None:
        raise MissingParameterError("distance", "the hand-to-FAT offset depends on the race distance (e.g. 100m)")
    if tq.kind == "clock":
        f.params["hand_time"] = reinterpret_clock(f, tq, d)
    f.params["distance"] = d
    v = _hand_variant(f)
    if v:
        f.params["variant"] = v


_LIMIT_WORDS = frozenset({"limit", "threshold", "cutoff"})
#: words that may stand between "limit" and its value: "the limit is lowered to 0.090 s",
#: "if the threshold were 0.090", "a limit of 0.080", "the limit should be set at 90 ms"
_LIMIT_LINK = frozenset({"is", "was", "were", "be", "been", "being", "are", "becomes", "became", "would", "should",
                         "could", "set", "lowered", "raised", "reduced", "cut", "dropped", "moved", "changed",
                         "increased", "decreased", "lower", "drops", "falls", "fell", "goes", "went",
                         "to", "of", "at", "now", "instead"})


def _is_limit(y: Qty, prev: Qty | None) -> bool:
    """Whether a number is the false-start limit: '0.090 s limit' or 'limit ... lowered to 0.090'.

    ``prev`` is the quantity before ``y``: in "a 90 ms limit, is 95 ms ..." the word "limit" is the
    90 ms's, not the 95 ms's.
    """
    if y.post and y.post[0] in _LIMIT_WORDS:
        return True
    pre = y.pre
    for i in range(len(pre) - 1, -1, -1):
        w = pre[i]
        if w in _LIMIT_WORDS or (w == "off" and i and pre[i - 1] == "cut"):  # "the cut-off is 0.1"
            return not (i == 0 and prev is not None and prev.post == pre and len(pre) < 5)
        if w not in _LIMIT_LINK:
            return False
    return False


@filler("false_start")
def _fill_false_start(f: Fill) -> None:
    ex = f.ex
    # the limit first: a limit said with a unit ("lowered to 0.090 s") is not the reaction time
    limits = [y for i, y in enumerate(ex.qtys) if y.kind in ("time", "number") and not y.used
              and _is_limit(y, ex.qtys[i - 1] if i else None)]
    cands = [x for x in ex.of("time") if x.value < 5 and x not in limits] or \
        [x for x in ex.of("number") if x not in limits]
    if not cands:
        raise MissingParameterError("reaction_time", "the question gives no reaction time (e.g. 0.099 s)")
    x = cands[0]
    x.used = True
    v = x.value
    if x.kind == "number" and v >= 1:
        v = v / 1000.0
        f.note(f"reaction time {x.raw} read as milliseconds")
    f.params["reaction_time"] = v
    for y in limits:
        f.params["limit"] = y.value / (1000.0 if y.kind == "number" and y.value >= 1 else 1.0)
        y.used = True
        break


# =============================================================================================
# pacing
# =============================================================================================
@filler("pace")
def _fill_pace(f: Fill) -> None:
    ex = f.ex
    pace = pick_pace(f)
    speed = pick_speed(f) if pace is None else None
    ds = distances(f)
    times = pick_times(f)
    d = ds[0] if ds else None
    if d is not None and d.qty is not None:
        d.qty.used = True
    t = None
    if not times and d is not None and pace is None and speed is None:
        # "400m in 55.10": seconds with no unit, run over the distance
        times = [x for x in ex.of("number") if x.cpre[-1:] == ("in",) and not x.signed and x.value > 0]
    if times:
        x = times[0]
        if pace is None and speed is None and d is not None and x.kind == "clock" and x.before({"at", "@"}, 1) and \
                x.value > 0 and d.value / x.value > wr_speed(d.value) * 1.02 and not (d.value >= 20000):
            # "5 miles at 8:30": as a total time it would beat the world record: it is a pace
            pace = pace_from_clock(f, x)
        else:
            t = reinterpret_clock(f, x, d.value if d else None)
            x.used = True
    if pace is None and speed is None and t is None and d is None:
        raise MissingParameterError("pace", "the question gives no pace, speed, time or distance")
    for k, v in (("distance", d.value if d else None), ("time", t), ("pace", pace), ("speed", speed)):
        if v is not None:
            f.params[k] = v
    if len(f.params) == 1 and "distance" in f.params:
        raise MissingParameterError("time", "give a time or a pace for the distance")
    if len(f.params) == 1 and "time" in f.params:
        raise MissingParameterError("distance", "give the distance run in that time")


@filler("intervals")
def _fill_intervals(f: Fill) -> None:
    ex = f.ex
    reps = rep_d = None
    for x in ex.of("reps"):
        reps, rep_d = int(x.value), x.extra
        x.used = True
        break
    if reps is None:
        for x in ex.of("count", "number"):
            if x.kind == "count" or x.after({"x", "times", "reps", "repeats", "intervals", "repetitions"}, 1) or \
                    x.before({"of"}, 0):
                if x.value == int(x.value) and 1 <= x.value <= 100:
                    reps = int(x.value)
                    x.used = True
                    break
    if rep_d is None:
        ds = [d for d in distances(f) if d.qty is None or not d.qty.used]
        if ds:
            rep_d = ds[0].value
            if ds[0].qty is not None:
                ds[0].qty.used = True
    rest = None
    for x in ex.of("time", "clock", "number"):
        # "... with 45 s between reps": the rest, said by where it goes
        between = x.cpost[:1] == ("between",) and bool(set(x.cpost[1:3]) & {"reps", "repeats", "intervals", "sets",
                                                                             "repetitions", "efforts", "each"})
        if between or x.near({"rest", "recovery", "recoveries", "break", "jog", "walk"}, 2, 2) and \
                (x.kind != "number" or x.cnear({"rest", "recovery", "recoveries"}, 2, 2)):
            rest = x.value
            x.used = True
            break
    pace = pick_pace(f)
    times = pick_times(f)
    rep_time = None
    if times:
        rep_time = reinterpret_clock(f, times[0], rep_d)
        times[0].used = True
    elif pace is None:
        # "5 x 200 m in 34.30 each": a number of seconds with no unit
        # ... and "4 x 200m in 52.70 with 45 s rest": the number right after the repetitions
        each = [x for x in ex.of("number") if x.cpre[-1:] in (("in",), ("at",)) and 5.0 <= x.value < 3600.0
                and not x.used and (x.cpost[:1] == ("each",) or any(
                    r.kind == "reps" and 0 <= x.start - r.end <= 5 for r in ex.qtys))]
        if each:
            rep_time = _take(each[0]).value
    f.params["reps"] = _need(reps, "reps", "the question gives no number of repetitions (e.g. 6 x 400 m)")
    f.params["rep_distance"] = _need(rep_d, "rep_distance", "the question gives no repetition distance")
    asks_distance = bool(re.search(r"total (?:work(?:ing)? )?distance|how far|how many (?:km|miles|meters|metres)",
                                   ex.text))
    if rep_time is None and pace is None and not asks_distance:
        raise MissingParameterError("rep_time", "give the time of one repetition or its pace")
    if rep_time is not None:
        f.params["rep_time"] = rep_time
    elif pace is not None:
        f.params["pace"] = pace
    if rest is not None:
        f.params["rest"] = rest
    t = ex.text
    for pat, v in ((r"total (?:work(?:ing)? )?distance|how far|how many (?:km|miles|meters|metres)", "total_distance"),
                   (r"total (?:session )?time|how long|whole session", "total_time"),
                   (r"running time|time running|total work", "running_time"),
                   (r"\bpace\b", "pace")):
        if re.search(pat, t):
            f.params["solve_for"] = v
            break


_SPLIT_UNITS = (
    (re.compile(r"\b(?:per|each|every|a) (?:mile|mi)\b|\bmile splits?\b|\bper-mile\b|\bmile by mile\b"), q.MILE),
    (re.compile(r"\b(?:per|each|every|a) (?:km|kilomet(?:er|re)|k)\b|\bkm splits?\b|\bkilomet(?:er|re) splits?\b"),
     1000.0),
    (re.compile(r"\b(?:per|each|every) (?:lap|400)\b|\blap (?:times|splits)\b|\b400m? splits\b"), 400.0),
    (re.compile(r"\b(?:per|each|every) (?:200)\b|\b200m? splits\b"), 200.0),
    (re.compile(r"\b(?:5k|5 km) splits\b|\bevery 5 ?k(?:m)?\b|\beach 5 ?k(?:m)?\b|\bper 5 ?k(?:m)?\b"), 5000.0),
)


@filler("even_splits")
def _fill_even_splits(f: Fill) -> None:
    ex = f.ex
    split = None
    # "400 m splits", "1K splits", "splits every 400m" (before the split words: "for a mile and 400 m
    # splits" splits every 400 m)
    split_q = next((x for x in ex.of("distance", "length") if x.post[:1] in (("splits",), ("split",)) or
                    x.pre[-1:] == ("every",) or x.pre[-2:] in (("splits", "of"), ("splits", "per"))), None)
    if split_q is not None:
        split = split_q.value
    else:
        for pat, v in _SPLIT_UNITS:
            if pat.search(ex.text):
                split = v
                break
    ds = distances(f)
    if split_q is not None and len(ds) > 1:
        ds = [d for d in ds if d.qty is not split_q]
    if split is not None:
        # the split's own quantity ("5K splits") is not the race distance
        ds = [d for d in ds if not (d.value == split and len(ds) > 1 and (d.qty is None or
              d.qty.after({"splits", "split", "laps"}, 1)) or d.label in ("mile",) and split == q.MILE and
              len(ds) > 1)]
    race = max(ds, key=lambda d: d.value) if ds else None
    times = pick_times(f) or [x for x in ex.of("clock", "time")]
    tq = times[0] if times else None
    if race is None:
        raise MissingParameterError("distance", "the question gives no race distance")
    if tq is None:
        m = re.search(r"\bsub[- ]?(\d+(?:\.\d+)?)\b", ex.text)
        if m:
            hours = float(m.group(1))
            goal = hours * 3600 if race.value >= 21000 else hours * 60
            f.note(f"'sub {m.group(1)}' read as a goal of {q.format_time(goal)}")
            f.params.update(time=goal, distance=race.value)
        else:
            raise MissingParameterError("time", "the question gives no goal time")
    else:
        tq.used = True
        f.params.update(time=reinterpret_clock(f, tq, race.value), distance=race.value)
    if split is not None and split < race.value:
        f.params["split_distance"] = split


# =============================================================================================
# equivalence: race prediction, VDOT, training paces
# =============================================================================================
_TARGET_AFTER = re.compile(r"[ ,]*(?:as|is) (?:the|my) target\b")
_TARGET_BEFORE_D = re.compile(r"\b(?:prediction|predicted time|time|predict) for (?:a |an |the )?$")


def _named_target(text: str, d) -> bool:
    """Whether race distance ``d`` is named as the one to predict."""
    end = d.start + len(d.label)
    return bool(_TARGET_AFTER.match(text, end) or _TARGET_BEFORE_D.search(text, max(0, d.start - 24), d.start))


def _known_race(f: Fill, need_target: bool) -> tuple[float, float, float | None]:
    """(distance, time, target distance) for prediction-type questions."""
    ex = f.ex
    ds = distances(f)
    times = pick_times(f)
    if not times:
        raise MissingParameterError("time", "the question gives no race time")
    if not ds:
        raise MissingParameterError("distance", "the question gives no race distance")
    # the known race is the distance written next to a time (not one named as the target: "a prediction
    # for 10K", "5K as the target race")
    known = [d for d in ds if not _named_target(ex.text, d)] or ds
    best = None
    for x in times:
        for d in known:
            end = d.start + len(d.label)
            gap = x.start - end if end <= x.start else max(0, d.start - x.end)
            if best is None or gap < best[0]:
                best = (gap, x, d)
    _, x, d = best
    x.used = True
    if d.qty is not None:
        d.qty.used = True
    t = reinterpret_clock(f, x, d.value)
    others = sorted((o for o in ds if o is not d and o.value != d.value), key=lambda o: not _named_target(ex.text, o))
    target = others[0].value if others else None
    if need_target and target is None:
        raise MissingParameterError("target_distance", "the question gives no distance to predict")
    return d.value, t, target


@filler("race_prediction")
def _fill_prediction(f: Fill) -> None:
    d, t, target = _known_race(f, True)
    f.params.update(distance=d, time=t, target_distance=target)
    model = _model_word(f.ex, {"riegel": "riegel", "vdot": "vdot", "daniels": "vdot", "cameron": "cameron"})
    if model:
        f.params["model"] = model
    for x in f.ex.of("number"):
        if x.near({"exponent", "fatigue", "factor"}, 3, 1) and 1.0 < x.value < 1.3:
            f.params["exponent"] = x.value
            x.used = True


@filler("vdot")
def _fill_vdot(f: Fill) -> None:
    d, t, _ = _known_race(f, False)
    f.params.update(distance=d, time=t)


_ZONES = (("easy", "easy"), ("recovery", "easy"), ("long", "easy"), ("marathon", "marathon"),
          ("threshold", "threshold"), ("tempo", "threshold"), ("lactate", "threshold"), ("interval", "interval"),
          ("intervals", "interval"), ("vo2max", "interval"), ("repetition", "repetition"), ("rep", "repetition"),
          ("reps", "repetition"))


@filler("training_paces")
def _fill_training(f: Fill) -> None:
    ex = f.ex
    v = None
    for x in ex.of("number"):
        if x.near({"vdot", "vo2max", "vo2"}, 2, 1) and 20 <= x.value <= 95:
            v = x.value
            x.used = True
            break
    if v is not None:
        f.params["vdot"] = v
    else:
        # "marathon pace" names a zone, not the race: only a distance next to a time counts
        d, t, _ = _known_race(f, False)
        f.params.update(distance=d, time=t)
    # the zone asked for: "marathon" counts only as "marathon pace" (otherwise it is the race)
    zones = [(m.start(), z) for w, z in _ZONES for m in re.finditer(rf"\b{w}\b", ex.text)
             if w != "marathon" or re.search(r"\bmarathon (?:pace|tempo|effort)", ex.text[m.start():])]
    if zones:
        f.params["zone"] = min(zones)[1]


# =============================================================================================
# scoring
# =============================================================================================
_EVENT_NAMES = {100.0: "100m", 200.0: "200m", 400.0: "400m", 800.0: "800m", 1500.0: "1500m", 60.0: "60m",
                300.0: "300m", 3000.0: "3000m", 5000.0: "5000m", 10000.0: "10000m", 50.0: "50m", 55.0: "55m",
                q.MILE: "mile", q.MARATHON: "marathon", q.HALF_MARATHON: "half_marathon", 1000.0: "1000m",
                2000.0: "2000m", 600.0: "600m", 500.0: "500m", 150.0: "150m"}


@filler("points")
def _fill_points(f: Fill) -> None:
    ex = f.ex
    t = ex.text
    event = None
    hurdles = re.search(r"\b(100|110|400|60)\s?m?\s?(?:h\b|hurdles)", t)
    steeple = re.search(r"\b(2000|3000)\s?m?\s?(?:sc\b|steeple)", t)
    if hurdles:
        event = f"{hurdles.group(1)}mH"
        for x in ex.of("distance", "length"):
            if x.value == float(hurdles.group(1)):
                x.used = True
    elif steeple:
        event = f"{steeple.group(1)}mSC"
        for x in ex.of("distance", "length"):
            if x.value == float(steeple.group(1)):
                x.used = True
    ds = distances(f)
    if event is None:
        if not ds:
            m = re.search(r"\bthe (60|100|200|400|800|1500)\b", t)
            if not m:
                raise MissingParameterError("event", "the question gives no event (e.g. 100m)")
            d = float(m.group(1))
        else:
            d = ds[0].value
            if ds[0].qty is not None:
                ds[0].qty.used = True
        event = _EVENT_NAMES.get(d)
        if event is None:
            raise InvalidValueError(f"no scoring table for a {d:g} m race", parameter="event", value=d)
        dist = d
    else:
        dist = float(re.match(r"\d+", event).group(0))
    if re.search(r"\bwhat (?:100|200|400|\w+ )?(?:m |meter |metre )?time (?:gives|for|do i need|is worth|scores)|"
                 r"\btime (?:for|to get|to score|needed for) \d+ points", t):
        raise UnsupportedQuestionError("the points calculation goes from a time to points, not from points back "
                                       "to a time", parameter="time")
    tq = pick_sprint_time(f, dist if dist in (60.0, 100.0, 110.0, 200.0, 400.0) else None, lo=5.0, hi=100000.0)
    if tq is None:
        # "13.50 points?": the result written just before the word points
        tq = next((x for x in ex.of("points") if x.decimals > 0), None)
    if tq is None:
        raise MissingParameterError("time", "the question gives no result to score")
    f.params.update(event=event, time=reinterpret_clock(f, tq, dist) if tq.kind == "clock" else tq.value)
    sex = pick_sex(f)
    if sex:
        f.params["sex"] = sex
    if ex.words & {"decathlon", "heptathlon", "pentathlon", "combined", "multi", "multis", "decathlete",
                   "heptathlete"} or "combined events" in t:
        f.params["table"] = "combined"
    if "indoor" in ex.words or "indoors" in ex.words:
        f.params["venue"] = "indoor"
    m = re.search(r"\b(2017|2022)\b", t)
    if m:
        f.params["edition"] = m.group(1)
    if ex.words & {"handheld", "stopwatch", "manual"} or re.search(r"hand[- ]?tim", t):
        f.params["hand_timed"] = True


# =============================================================================================
# sprint profile
# =============================================================================================
@filler("sprint_profile")
def _fill_profile(f: Fill) -> None:
    ex = f.ex
    # "10m 1.89, 20m 3.15" / "10 m in 1.89 s" / "1.89 at 10 m" / "1.89, 3.15, 4.31 at 10, 20, 30 m"
    gates = [x for x in ex.qtys if x.kind == "length" and x.unit == "m" and 2.0 <= x.value <= 150
             and not x.near({"tall", "height"}, 1, 1)]
    times = [x for x in ex.qtys if x.kind in ("time", "number") and not x.signed and 0.3 <= x.value <= 20
             and x.decimals >= 1 and x.unit in ("", "s")]
    if len(gates) < len(times):
        ints = [x for x in ex.qtys if x.kind == "number" and x.decimals == 0 and 2 <= x.value <= 150]
        if len(gates) + len(ints) == len(times):
            gates = sorted(gates + ints, key=lambda x: x.start)
    pairs: list[tuple[float, float]] = []
    if gates and len(gates) == len(times):
        # two lists ("1.89, 3.15 at 10, 20 m") pair in order; alternating ones ("10m 1.89, 20m 3.15" or
        # "1.16 s at 5 m, 1.89 at 10 m") pair each item with the next one of the other kind
        pairs = [(g.value, t.value) for g, t in zip(gates, times)]
        for x in gates + times:
            x.used = True
    pairs.sort()
    if len(pairs) < 3:
        raise MissingParameterError("times", "a sprint profile needs at least three split times with their "
                                             "distances (e.g. 10 m 1.89 s, 20 m 3.15 s, 30 m 4.31 s)")
    f.params["distances"] = [p[0] for p in pairs]
    f.params["times"] = [p[1] for p in pairs]
    for x in ex.of("mass"):
        f.params["mass"] = x.value
        x.used = True
        break
    for x in ex.of("height", "primes"):
        f.params["height"] = x.value if x.kind == "height" else x.extra
        x.used = True
        break
    if "height" not in f.params:
        for x in ex.of("length", "number"):
            if (x.near({"tall", "height"}, 2, 2) or x.unit == "m") and 1.2 <= x.value <= 2.3:
                f.params["height"] = x.value
                x.used = True
    if "flying" in ex.words:
        f.params["flying_start"] = True
    t = pick_temperature(f)
    if t is not None:
        f.params["temperature"] = t
    pressure = _pressure(f)
    if pressure is not None:
        f.params["pressure"] = pressure
    w = None
    if ex.words & WIND_WORDS:
        try:
            w = pick_wind(f)
        except MissingParameterError:
            w = None
    if w is not None:
        f.params["wind"] = w


# =============================================================================================
# composite
# =============================================================================================
def _infer_event(f: Fill) -> float:
    """100 m or 200 m from the size of the time when the question names no event."""
    for x in f.ex.qtys:
        if x.kind in ("number", "time") and not x.signed and x.unit in ("", "s"):
            if 9.0 <= x.value <= 15.0:
                f.note(f"event taken as the 100 m (a {x.raw} s time)", 0.05)
                return 100.0
            if 19.0 <= x.value <= 30.0:
                f.note(f"event taken as the 200 m (a {x.raw} s time)", 0.05)
                return 200.0
    return 100.0


@filler("sprint_conditions")
def _fill_conditions(f: Fill) -> None:
    ex = f.ex
    event = _sprint_event(pick_event(f) or _infer_event(f), "condition corrections exist")
    hand = bool(ex.words & {"handheld", "stopwatch", "manual", "manually"}) or \
        bool(re.search(r"hand[- ]?(?:timed|time|timing|held)|\bht\b", ex.text))
    wind = None
    if ex.words & (WIND_WORDS | {"into", "against"}) or any(x.kind == "speed" or x.signed for x in ex.qtys):
        wind = pick_wind(f, required=False)
    reference = _references(f, ("temperature",)).get("reference_temperature")
    temps = [x for x in ex.of("temperature")]
    temperature = None
    if temps:
        temperature = _to_celsius(f, temps[0])
        temps[0].used = True
        if len(temps) > 1 and reference is None:
            reference = _to_celsius(f, temps[1])
            temps[1].used = True
    else:
        temperature = pick_temperature(f)
    alt_m = _altitude_mentions(f, sprint=True)
    alt = next((v for _, v, _ in alt_m if v > 0), None)
    tq = _need(pick_sprint_time(f, event), "time", f"the question gives no {int(event)} m time")
    f.params.update(event=_event_label(event), time=tq.value)
    if hand:
        f.params["hand_timed"] = True
    if wind is not None:
        f.params["wind"] = wind
    if alt is not None:
        f.params["altitude"] = alt
    if temperature is not None:
        f.params["temperature"] = temperature
    if reference is not None:
        f.params["reference_temperature"] = reference
    frm = (bool(re.search(r"\b(?:what|how fast) (?:would|will|could|might)\b|\bexpected time\b|"
                          r"\bwould (?:run|be|clock)\b", ex.text)) and not hand and
           bool(re.search(r"still[- ]air|sea[- ]level|standard|reference", " ".join(tq.pre[-3:] + tq.post[:4])))) \
        or (not hand and (tq.cpre[-3:-1] == ("reference", "time") or tq.cpre[-2:] == ("reference", "time")))
    if frm:
        f.params["direction"] = "from_reference"
    if event == 200.0:
        lane = pick_lane(f)
        if lane is not None:
            f.params["lane"] = lane
    sex = pick_sex(f)
    if sex:
        f.params["sex"] = sex


# =============================================================================================
# grade
# =============================================================================================
_GAIN = {"gain", "gained", "climb", "climbing", "climbed", "ascent", "up", "uphill", "vert", "vertical", "rise",
         "elevation", "climbs", "ascend", "ascending"}
_LOSS = {"loss", "lost", "descent", "descending", "descended", "down", "downhill", "drop", "dropped", "descents"}


def _climbs(f: Fill) -> tuple[float | None, float | None]:
    """(elevation gain, elevation loss) [m] from lengths next to climb/descent words: in the length's
    own clause ("a 10 km route, 300 m of climbing"), or else anywhere near it."""
    gain, loss = _climbs_by(f, True)
    if gain is None and loss is None:
        gain, loss = _climbs_by(f, False)
    return gain, loss


def _climbs_by(f: Fill, clause: bool) -> tuple[float | None, float | None]:
    gain = loss = None
    for x in f.ex.of("length", "distance"):
        near, after = (x.cnear, x.cafter) if clause else (x.near, x.after)
        is_loss = near(_LOSS, 3, 3) and not after(_GAIN - {"elevation"}, 3)
        is_gain = near(_GAIN, 3, 3) and not is_loss
        if x.unit == "km" and not (is_loss or is_gain):
            continue
        if is_loss and loss is None:
            loss = x.value
            x.used = True
        elif is_gain and gain is None:
            gain = x.value
            x.used = True
    return gain, loss


def _grade(f: Fill) -> float | None:
    ex = f.ex
    x = pick_percent(f, {"grade", "incline", "gradient", "slope", "hill", "uphill", "downhill", "treadmill",
                         "descent", "climb", "up", "down", "decline"})
    if x is None:
        cands = [y for y in ex.of("percent") if not y.near({"humidity", "humid", "rh"}, 2, 2)]
        if not cands:
            return None
        x = cands[0]
        x.used = True
    v = x.value
    down = x.near({"downhill", "down", "descent", "decline", "descending", "downgrade"}, 3, 2)
    if down and v > 0:
        v = -v
    return v


@filler("grade_adjusted_pace")
def _fill_gap(f: Fill) -> None:
    ex = f.ex
    grade = _grade(f)
    gain, loss = (None, None) if grade is not None else _climbs(f)
    pace, d = _pace_or_time_over_distance(f)
    f.params["pace"] = pace
    if grade is not None:
        f.params["grade"] = grade
        if d is not None:
            f.params["distance"] = d
    elif gain is not None or loss is not None:
        if d is None:
            raise MissingParameterError("distance", "with an elevation gain or loss, give the route distance")
        f.params["distance"] = d
        if gain is not None:
            f.params["elevation_gain"] = gain
        if loss is not None:
            f.params["elevation_loss"] = loss
    else:
        raise MissingParameterError("grade", "the question gives no gradient (e.g. 5%) or elevation gain/loss")
    if re.search(r"\bflat pace\b|\bon the flat,? (?:what|how)|\bif i run [^?]* on the flat|"
                 r"\bequivalent (?:pace )?(?:uphill|up|on the hill|downhill)|what pace (?:up|uphill|on)", ex.text):
        f.params["direction"] = "from_flat"
    model = _model_word(ex, {"minetti": "minetti", "strava": "strava"})
    if model:
        f.params["model"] = model


@filler("equivalent_flat_distance")
def _fill_efd(f: Fill) -> None:
    ex = f.ex
    gain, loss = _climbs(f)
    ds = [d for d in distances(f) if d.qty is None or not d.qty.used]
    if gain is None:
        raise MissingParameterError("climb", "the question gives no total climb (e.g. 800 m of ascent)")
    if not ds:
        raise MissingParameterError("distance", "the question gives no route distance")
    if ds[0].qty is not None:
        ds[0].qty.used = True
    f.params.update(distance=ds[0].value, climb=gain)
    if loss is not None:
        f.params["descent"] = loss
    if "langmuir" in ex.words:
        f.params["rule"] = "naismith_langmuir"
        g = next((x for x in ex.of("percent")), None)
        if g is not None:
            g.used = True
            f.params["descent_grade"] = abs(g.value)
    elif "naismith" in ex.words:
        f.params["rule"] = "naismith"
    pace = pick_pace(f)
    if pace is not None:
        f.params["pace"] = pace


# =============================================================================================
# body
# =============================================================================================
@filler("body_metrics")
def _fill_body(f: Fill) -> None:
    ex = f.ex
    mass = next((x for x in ex.of("mass")), None)
    if mass is None:
        mass = next((x for x in ex.of("number") if x.near({"kg", "weigh", "weighs", "weight", "mass"}, 2, 1)
                     and 25 <= x.value <= 250), None)
    h = None
    for x in ex.of("height", "primes"):
        h = x.value if x.kind == "height" else x.extra
        x.used = True
        break
    if h is None:
        for x in ex.of("length", "number"):
            if 1.2 <= x.value <= 2.5 and (x.unit == "m" or x.near({"tall", "height", "m"}, 2, 2)):
                h = x.value
                x.used = True
                break
            if x.kind == "number" and 120 <= x.value <= 230 and x.near({"tall", "height", "cm"}, 2, 2):
                h = x.value / 100.0
                x.used = True
                break
    f.params["mass"] = _need(mass, "mass", "the question gives no body mass (e.g. 70 kg)").value
    mass.used = True
    f.params["height"] = _need(h, "height", "the question gives no height (e.g. 1.80 m or 5'10\")")
    # the wind first, so that a wind reading is not taken for the running speed
    wind = _own_wind(f)
    if wind is not None:
        f.params["wind"] = wind
    sp = pick_speed(f)
    if sp is not None:
        f.params["speed"] = sp
    for x in ex.of("number"):
        if x.near({"cd", "coefficient"}, 3, 1) and 0.3 <= x.value <= 2.0:
            f.params["cd"] = x.value
            x.used = True
    t = pick_temperature(f)
    if t is not None:
        f.params["temperature"] = t
    m = _altitude_mentions(f)
    if m and m[0][2] != "sea level":
        f.params["altitude"] = m[0][1]
    # the one number the question names as its answer (several named, as in "what are the air drag and
    # body surface area": the default, which states them all)
    asked = {r for r, pat in _BODY_RESULTS if pat.search(ex.text)}
    if asked & {"drag_power", "drag_per_kg", "drag_constant"}:
        asked.discard("drag_force")  # "drag power" says "drag" too
    default = "drag_force" if sp is not None else "frontal_area"
    if len(asked) == 1 and (want := asked.pop()) != default and \
            (want not in ("drag_force", "drag_per_kg", "drag_power") or sp is not None):
        f.params["result"] = want


#: the numbers a body-metrics question names
_BODY_RESULTS = tuple((r, re.compile(p)) for r, p in (
    ("drag_power", r"\bdrag power\b|\bpower (?:lost|spent|needed) (?:to|against|on) (?:the )?(?:air|drag)\b"),
    ("drag_per_kg", r"\bdrag (?:force )?per (?:kg|kilogram)\b"),
    ("drag_constant", r"\bdrag constant\b"),
    ("drag_force", r"\bdrag\b"),
    ("frontal_area", r"\bfrontal area\b|\bprojected area\b"),
    ("bsa", r"\bbody surface area\b|\bsurface area\b|\bbsa\b"),
))


def _own_wind(f: Fill) -> float | None:
    """A wind reading named as one ("a wind of +0.5 m/s", "a -1.2 wind"), in the quantity's own
    clause: in a question about a runner, another speed is the running speed."""
    for x in f.ex.of("speed", "number"):
        if abs(x.value) <= 20 and (x.kind == "speed" or x.signed) and x.cnear(WIND_WORDS, 3, 2):
            return _wind_value(f, _take(x))
    return None


# =============================================================================================
# lanes
# =============================================================================================
_LANE = re.compile(r"\blanes? (\d)\b|\b(\d)(?:st|nd|rd|th)? lane\b")
#: "lanes 2 and 6": the second lane has no word "lane" of its own
_LANES_AND = re.compile(r"\blanes (\d) (?:and|or|vs\.?|versus) (\d)\b")
#: what follows a time run in a lane: "21.14 s in lane 5", "20.84 from lane 4", "22.15 200m in lane 1"
_RUN_IN_LANE = re.compile(r"(?: ?(?:s|secs?|seconds))?(?: (?:in the |in a |for the )?(?:100|200) ?m(?:et(?:er|re)s?)?)?"
                          r",? (?:in|from|out of) lane (\d)\b")


_REF_LANE = re.compile(r"\b(?:reference|(?:a )?comparison with|compared (?:with|to)|relative to)\s*$")
_AS_REF_LANE = re.compile(r"lanes? \d\b,? as (?:the|a|my|our) reference\b")


@filler("lane_effect")
def _fill_lanes(f: Fill) -> None:
    ex = f.ex
    t = ex.text
    found = [(m.start(), int(m.group(1) or m.group(2))) for m in _LANE.finditer(t)]
    for x in ex.qtys:
        if x.kind == "number" and (x.before({"lane", "lanes"}, 1) or x.after({"lane"}, 1)):
            x.used = True
    event = pick_event(f)
    if event is not None and event not in (100.0, 200.0):
        raise InvalidValueError(f"the lane effect is modelled for the 200 m, not the {event:g} m",
                                parameter="event", value=_event_label(event))
    if event == 100.0:
        f.params["event"] = "100m"
    # the race's wind (it adds Mureika's lane-specific wind terms), before the time so that a
    # wind reading is never taken for it
    if ex.words & WIND_WORDS or any(x.kind == "speed" or x.signed for x in ex.of("speed", "number")):
        wind = pick_wind(f, required=False)
        if wind is not None:
            f.params["wind"] = wind
    tq = pick_sprint_time(f, event or 200.0)
    lanes = found
    if len(lanes) == 1 and (m := _LANES_AND.search(t)):
        lanes = [(m.start(1), int(m.group(1))), (m.start(2), int(m.group(2)))]
    if len(lanes) >= 2:
        (pa, a), (pb, b) = lanes[0], lanes[1]
        between = t[pa:pb + 6]
        run_in = _RUN_IN_LANE.match(t, tq.end) if tq is not None else None
        ref = int(run_in.group(1)) if run_in is not None else None
        if ref is not None and any(v == ref for _, v in lanes):
            # "I ran 21.14 in lane 5 ... what would that be in lane 7?": the time was run in the
            # reference lane; the lane asked about is the other one
            f.params.update(lane=next((v for _, v in lanes if v != ref), ref), reference_lane=ref)
        # "from lane A to lane B" / "convert ... in lane A to lane B": A is where the time was run
        elif re.search(r"\bfrom lanes? \d\b.*\bto\b|\bin lanes? \d\b.*\bto lanes? \d", t) and " to " in between:
            f.params.update(lane=b, reference_lane=a)
        else:
            f.params.update(lane=a, reference_lane=b)
    elif len(lanes) == 1:
        pos, lane = lanes[0]
        # "reference lane 7", "compared with lane 3", "lane 3 as the reference": the lane the others are
        # compared with
        ref = _REF_LANE.search(t, max(0, pos - 24), pos) or _AS_REF_LANE.match(t, pos)
        f.params["reference_lane" if ref else "lane"] = lane
    if tq is not None:
        f.params["time"] = tq.value
    sex = pick_sex(f)
    if sex:
        f.params["sex"] = sex
