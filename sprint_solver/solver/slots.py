"""Picking a question's quantities for a calculation's parameters.

:class:`Fill` collects the parameters, the notes (readings the parser chose, shown as
assumptions in the solution) and the confidence penalties (for readings that rest on a
convention rather than on what the question said). The ``pick_*`` helpers each find
one kind of input (a wind, a sprint time, an altitude, a temperature...) among the
quantities :func:`.extract.extract` found, using the words next to each number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .. import quantities as q
from ..errors import AmbiguousQuestionError, MissingParameterError
from .extract import Extraction, Qty


@dataclass
class ParsedRequest:
    calculation: str
    params: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    #: (amount, reason) confidence penalty for parse ambiguity, or None
    penalty: tuple[float, str] | None = None
    options: dict[str, Any] = field(default_factory=dict)
    #: how the calculation was chosen: "rules" or "classifier"
    routed_by: str = "rules"


class Fill:
    """Parameters being filled for one calculation, with the notes and penalties."""

    __slots__ = ("ex", "params", "notes", "penalties", "options")

    def __init__(self, ex: Extraction):
        self.ex = ex
        self.params: dict[str, Any] = {}
        self.notes: list[str] = []
        self.penalties: list[tuple[float, str]] = []
        self.options: dict[str, Any] = {}

    def note(self, text: str, penalty: float = 0.0) -> None:
        """Record a reading the parser chose; ``penalty`` > 0 when it was a convention."""
        if text not in self.notes:
            self.notes.append(text)
        if penalty:
            self.penalties.append((penalty, text))

    def request(self, calc: str, routed_by: str = "rules") -> ParsedRequest:
        pen = None
        if self.penalties:
            keep = 1.0
            for a, _ in self.penalties:
                keep *= 1.0 - a
            pen = (round(1.0 - keep, 4), "parse: " + "; ".join(r for _, r in self.penalties))
        return ParsedRequest(calc, self.params, self.notes, pen, self.options, routed_by)


# =============================================================================================
# cue vocabulary
# =============================================================================================
HEAD_WORDS = frozenset({"headwind", "headwinds", "head", "into", "against", "adverse", "opposing", "facing",
                        "face", "unfavourable", "unfavorable", "hw"})
TAIL_WORDS = frozenset({"tailwind", "tailwinds", "tail", "assisted", "aided", "following", "behind", "favourable",
                        "favorable", "helping", "back", "tw", "assist", "assisting"})
WIND_WORDS = frozenset({"wind", "winds", "headwind", "headwinds", "tailwind", "tailwinds", "breeze", "gust",
                        "windy", "aided", "assisted", "hw", "tw", "gale"})
ALT_WORDS = frozenset({"altitude", "elevation", "elevated", "asl", "altitudes", "high", "thin", "sea"})
TEMP_WORDS = frozenset({"temperature", "temp", "degrees", "hot", "cold", "warm", "heat", "cool", "celsius",
                        "fahrenheit", "temperatures", "chilly", "freezing"})
HUMID_WORDS = frozenset({"humidity", "humid", "rh", "dew", "dewpoint", "muggy"})
HAND_WORDS = frozenset({"hand", "handheld", "stopwatch", "manual", "manually", "hand-timed", "ht"})
GRADE_WORDS = frozenset({"grade", "incline", "uphill", "downhill", "hill", "hills", "hilly", "gradient", "slope",
                         "climb", "climbing", "climbed", "descent", "descending", "gap", "treadmill", "ascent",
                         "vert", "gain", "loss"})
SPRINT_EVENTS = {50.0, 55.0, 60.0, 100.0, 110.0, 150.0, 200.0, 300.0, 400.0}
STILL_TO = re.compile(
    r"(?:in|to|into|for|under|at|as an?|its|the|equivalent)\s+(?:still[- ]air|calm|windless|no[- ]wind|zero[- ]wind|"
    r"neutral|legal)|still[- ]air (?:equivalent|time\?|mark\?)|(?:wind|altitude)[- ](?:corrected|adjusted|free)|"
    r"correct(?:ed|ion)?\b|adjust(?:ed|ment)?\b|normali[sz]e|convert(?:ed)?\b|worth|without (?:the |any |that )?wind|"
    r"no wind\?|removing the wind|zero wind|\bequivalent\b|would have (?:run|been)|\bin calm|\bcalm conditions\?")
STILL_FROM = re.compile(
    r"affect(?:ed|s)?\b|how much (?:faster|slower)|what (?:would|will|could|might)\b.*\b(?:run|be|do|clock)\b.*\b"
    r"(?:with|into|in|against)\b|(?:would|will|could|might) (?:i|he|she|they|it|you|that|this)? ?(?:run|be|clock|do)"
    r"\b.*\b(?:with|into|in|against) an? |still[- ]air (?:time|100|200|mark|of|is|runner|sprinter)|"
    r"in still air,? (?:what|how)|\bif (?:the|there) (?:wind|was|were|is)|\bexpected time\b|\bpredict")


# =============================================================================================
# picking helpers
# =============================================================================================
def _take(x: Qty | None) -> Qty | None:
    if x is not None:
        x.used = True
    return x


def _wind_value(f: Fill, x: Qty) -> float:
    """Signed wind [m/s] from a quantity and the words around it."""
    ex = f.ex
    local_head = any(w in HEAD_WORDS for w in x.pre[-3:] + x.post[:3])
    local_tail = any(w in TAIL_WORDS for w in x.pre[-3:] + x.post[:3])
    if local_head and local_tail:
        # "into a tailwind"? use the word nearest the number
        near = next((w for w in x.post[:3] + tuple(reversed(x.pre[-3:])) if w in HEAD_WORDS | TAIL_WORDS), "")
        local_head, local_tail = near in HEAD_WORDS, near in TAIL_WORDS
    if not (local_head or local_tail):
        winds = [y for y in ex.qtys if y.kind == "speed" or (y is x)]
        if len(winds) <= 1:
            local_head = bool(ex.words & (HEAD_WORDS - {"into", "back", "face", "facing", "behind", "following",
                                                       "head", "tail"})) or "in the face" in ex.text or \
                "in his face" in ex.text or "in her face" in ex.text or "head wind" in ex.text
            local_tail = bool(ex.words & (TAIL_WORDS - {"back", "behind", "following", "head", "tail"})) or \
                "at his back" in ex.text or "at her back" in ex.text or "at my back" in ex.text or \
                "tail wind" in ex.text or "from behind" in ex.text
            if local_head and local_tail:
                raise AmbiguousQuestionError("the question names both a head wind and a tail wind; "
                                             "give the wind as a signed reading (+ = tail wind)", parameter="wind")
    v = x.value
    if local_head:
        if x.signed and v > 0:
            raise AmbiguousQuestionError(f"'{x.raw}' is signed as a tail wind but called a head wind",
                                         parameter="wind", value=x.raw)
        return -abs(v)
    if local_tail:
        if x.signed and v < 0:
            raise AmbiguousQuestionError(f"'{x.raw}' is signed as a head wind but called a tail wind",
                                         parameter="wind", value=x.raw)
        return abs(v)
    if not x.signed and v != 0:
        f.note(f"the wind {x.raw} has no direction word or sign: read as a tail wind (+, the World Athletics "
               "convention)", 0.1)
    return v


_WIND_ADJ = WIND_WORDS | HEAD_WORDS | TAIL_WORDS


def _wind_rank(x: Qty) -> float:
    """Lower is more wind-like: signed, right next to a wind word, not written like a sprint time."""
    r = 0.0
    if x.signed:
        r -= 3
    if (x.pre and x.pre[-1] in _WIND_ADJ) or (x.post and x.post[0] in _WIND_ADJ):
        r -= 3
    if x.decimals == 2 and 5.0 <= abs(x.value) and not x.signed:
        r += 4
    return r


_NO_WIND = re.compile(r"\b(?:no|zero|without|nil|calm|still)\b[- ]?(?:wind|air|conditions)?")
_STILL_ASKED = re.compile(r"[- ]?(?:equivalent|conversion|correction)\b")


def pick_wind(f: Fill, required: bool = True) -> float | None:
    ex = f.ex
    cands = [x for x in ex.of("speed")]
    if not cands:
        # a bare number is a wind reading only if signed or next to a wind word, and not written like
        # a sprint time (an unsigned 10.25 is the time, not a 10 m/s gale)
        cands = [x for x in ex.of("number") if abs(x.value) <= 20 and (
            x.signed or any(w in WIND_WORDS | HEAD_WORDS | TAIL_WORDS for w in x.pre[-3:] + x.post[:2]))
            and not x.before({"lane", "lanes"}, 1) and (x.signed or x.value <= 6.0)]
        if len(cands) > 1:
            cands.sort(key=_wind_rank)
    if not cands:
        # "in still air", "no wind": a reading of zero; "the still-air equivalent" is what is asked for
        if any(not _STILL_ASKED.match(ex.text, m.end()) for m in _NO_WIND.finditer(ex.text)) and \
                not (ex.words & (HEAD_WORDS | TAIL_WORDS) - {"into", "back"}):
            return None if not required else 0.0
        if required:
            raise MissingParameterError("wind", "the question mentions wind but gives no wind speed "
                                                "(e.g. +1.2 or 2 m/s headwind)")
        return None
    x = _take(cands[0])
    return _wind_value(f, x)


def _event_label(d: float) -> str:
    return f"{int(d)}m" if d == int(d) else f"{d}m"


def pick_event(f: Fill, allowed: tuple[float, ...] = (100.0, 200.0)) -> float | None:
    ex = f.ex
    for x in ex.qtys:
        if x.kind in ("length", "distance") and not x.used and x.unit in ("m", "mh") and x.value in SPRINT_EVENTS \
                and not x.cafter({"altitude", "elevation", "above", "high", "up", "gain", "climb"}, 2) \
                and not x.cbefore({"altitude", "elevation", "target"}, 2):
            x.used = True
            return x.value
    m = re.search(r"\bthe (60|100|110|200|400)\b", ex.text)
    if m:
        return float(m.group(1))
    return None


def pick_sprint_time(f: Fill, event: float | None, lo: float | None = None, hi: float | None = None,
                     name: str = "time") -> Qty | None:
    """The performance time of a sprint: a time/clock quantity or a bare number in range."""
    ex = f.ex
    lo = lo if lo is not None else {60.0: 6.0, 100.0: 9.0, 110.0: 12.0, 200.0: 18.5, 400.0: 40.0}.get(event or 0, 5.0)
    hi = hi if hi is not None else {60.0: 12.0, 100.0: 25.0, 110.0: 25.0, 200.0: 50.0,
                                    400.0: 120.0}.get(event or 0, 60.0)
    times = [x for x in ex.of("time", "clock") if x.unit not in ("ms",) and not x.near({"reaction", "rt"}, 3, 1)
             and not x.near({"rest", "recovery"}, 1, 2)]
    if times:
        inrange = [x for x in times if lo * 0.5 <= x.value <= hi * 2]
        return _take((inrange or times)[0])
    nums = [x for x in ex.of("number") if not x.signed and lo * 0.5 <= x.value <= hi * 2
            and not x.before({"lane", "lanes", "of"} if x.before({"lane"}, 2) else {"lane", "lanes"}, 1)
            and not x.near({"degrees", "humidity"}, 1, 1)]
    if nums:
        # prefer numbers written like a time (with decimals)
        nums.sort(key=lambda x: (x.decimals == 0, x.start))
        return _take(nums[0])
    return None


_DEW = frozenset({"dew", "dewpoint", "dewpoints"})
_LINK = frozenset({"of", "is", "was", "at", "around", "about", "near", "approximately", "reading"})


def _dew_prefix(x: Qty) -> bool:
    """'dew point 61F', 'dewpoint of 61', 'dew point was 61'."""
    pre = x.pre
    if pre and pre[-1] in _LINK:
        pre = pre[:-1]
    return bool(pre) and (pre[-1] in ("dewpoint", "dewpoints") or pre[-2:] == ("dew", "point"))


def _dew_suffix(x: Qty) -> bool:
    return bool(x.post) and x.post[0] in _DEW


def pick_temperature(f: Fill, which: str = "air") -> float | None:
    """Air temperature or dew point [degC]."""
    ex = f.ex
    every = [x for x in ex.qtys if x.kind == "temperature"]
    dew = [x for x in every if _dew_prefix(x)] or [x for x in every if _dew_suffix(x)]
    cands = [x for x in every if not x.used and ((x in dew) == (which == "dew"))]
    if not cands:
        nums = [x for x in ex.of("number") if x.cnear({"dew", "dewpoint"} if which == "dew" else
                                                        {"temperature", "temp", "degrees"}, 3, 1)]
        if not nums:
            return None
        cands = nums
    x = _take(cands[0])
    return _to_celsius(f, x)


def _to_celsius(f: Fill, x: Qty) -> float:
    scale = x.unit if x.unit in ("C", "F") else ""
    if not scale:
        imperial = bool(f.ex.words & {"mile", "miles", "mi", "mph", "ft", "feet", "lb", "lbs", "f", "fahrenheit"}) \
            or any(y.unit in ("mi", "ft", "lb", "F", "mph") for y in f.ex.qtys)
        if x.value > 50 or (imperial and x.value >= 32):
            scale = "F"
            f.note(f"{x.raw} read as degrees Fahrenheit", 0.05 if x.value <= 60 else 0.0)
        else:
            scale = "C"
            f.note(f"{x.raw} read as degrees Celsius", 0.05 if x.value >= 30 else 0.0)
    return q.parse_temperature(f"{x.value} {scale}")


def pick_percent(f: Fill, near: set[str]) -> Qty | None:
    cands = [x for x in f.ex.of("percent") if x.near(near, 3, 2)]
    if not cands:
        cands = [x for x in f.ex.of("number") if x.near(near, 2, 1) and 0 <= x.value <= 100]
    return _take(cands[0]) if cands else None


def pick_sex(f: Fill) -> str | None:
    W = f.ex.words
    women = bool(W & {"women", "woman", "female", "females", "girl", "girls", "ladies", "lady", "she", "her",
                      "womens", "women's", "w"} - {"w"})
    men = bool(W & {"men", "man", "male", "males", "boy", "boys", "he", "his", "him", "mens", "gentlemen"})
    if women and not men:
        return "women"
    if men and not women:
        return "men"
    return None


def pick_lane(f: Fill) -> int | None:
    m = re.search(r"\blane (\d)\b|\b(\d)(?:st|nd|rd|th)? lane\b", f.ex.text)
    if not m:
        return None
    lane = int(m.group(1) or m.group(2))
    for x in f.ex.qtys:
        if x.kind == "number" and x.value == lane and (x.before({"lane"}, 1) or x.after({"lane"}, 1)):
            x.used = True
    return lane




# =============================================================================================
# distances, times and paces of runs
# =============================================================================================
_NAMED = re.compile(r"\b(half[- ]?marathon(?:er)?|marathon(?:er)?|metric mile|miler|"
                    r"(?:the|a|one|1|per|each|every|a single)?\s?mile)\b"
                    r"|\b(half)\b(?=[ ?.,!]|$)")
#: rough world-record average speeds [m/s] by distance, to tell a time from a pace or h:mm
_WR_SPEED = ((100.0, 10.5), (200.0, 10.5), (400.0, 9.3), (800.0, 7.95), (1609.4, 7.3), (5000.0, 6.62),
             (10000.0, 6.35), (21097.5, 6.25), (1e9, 5.95))


def wr_speed(d: float) -> float:
    for lim, v in _WR_SPEED:
        if d <= lim:
            return v
    return 5.95


@dataclass
class Dist:
    value: float
    label: str
    start: int
    qty: Qty | None = None


def distances(f: Fill, include_used: bool = False) -> list[Dist]:
    """Race distances in order of appearance: quantities (100m, 5K, 10 miles) and names (marathon)."""
    ex = f.ex
    out: list[Dist] = []
    for x in ex.qtys:
        if x.kind in ("distance", "length") and (include_used or not x.used) and x.unit != "ft" \
                and not x.cafter({"altitude", "elevation", "above", "high", "asl", "gain", "climb", "climbing",
                                  "ascent", "descent", "loss", "vert", "vertical", "up", "down", "uphill",
                                  "downhill", "tall", "elevated"}, 2) \
                and not x.cbefore({"altitude", "elevation", "climb", "climbing", "ascent", "gain", "descent",
                                   "loss", "dropped", "gained", "climbed"}, 2):
            out.append(Dist(x.value, x.raw, x.start, x))
    covered = [(x.start, x.end) for x in ex.qtys]
    for m in _NAMED.finditer(ex.text):
        a = m.start()
        w = (m.group(1) or m.group(2) or "").strip()
        if any(s <= a < e for s, e in covered):
            # "a 7:51.1 mile": the "1" of "1 mile" is the time's; the mile is still named
            if not w.endswith(" mile") or any(s <= m.end() - 4 < e for s, e in covered):
                continue
            a, w = m.end() - 4, "mile"
        if w.startswith(("per", "each", "every")):
            continue
        if w == "half" and not any(x.kind in ("clock", "time") for x in ex.qtys):
            continue
        v = q.HALF_MARATHON if w.startswith("half") else (q.MARATHON if w.startswith("marathon") else
                                                          (1500.0 if w == "metric mile" else q.MILE))
        out.append(Dist(v, w, a))
    out.sort(key=lambda d: d.start)
    return out


def reinterpret_clock(f: Fill, x: Qty, distance: float | None) -> float:
    """Seconds for a clock time; ``3:30`` for a marathon is 3 h 30 min, not 3 min 30 s."""
    v = x.value
    if x.kind != "clock" or not distance or v <= 0 or x.raw.count(":") != 1:
        return v
    if distance / v > wr_speed(distance) * 1.02:
        mm, ss = x.raw.split(":")
        hv = int(mm) * 3600 + float(ss) * 60
        if hv > 0 and 0.8 <= distance / hv <= wr_speed(distance) * 1.02:
            f.note(f"{x.raw} read as {int(mm)} h {ss} min (as minutes:seconds it would be faster than the "
                   "world record)")
            return hv
    return v


_TARGET_UNIT = re.compile(r"\b(?:in|to|into|as)\s+(?:a\s+|per\s+|min(?:utes)?\s+per\s+|minutes?\s+per\s+)?"
                          r"(?:km/h|kph|mph|m/s|km|kilomet\w*|miles?|mi)\b[^0-9]*$")
_WORDS = re.compile(r"[a-z]+")


def unit_context(f: Fill) -> str | None:
    """'mi' or 'km' when the question's other units decide how to read a bare pace."""
    ex = f.ex
    mi = km = False
    # "... in km/h?", "convert it to per km": the unit asked for says nothing about the pace given
    tail = _TARGET_UNIT.search(ex.text)
    end = tail.start() if tail else len(ex.text)
    for x in ex.qtys:
        if x.start >= end:
            continue
        if x.unit in ("mi", "mph", "ft", "lb", "F"):
            mi = True
        elif x.unit in ("km", "km/h", "C", "kg"):
            km = True
    w = set(_WORDS.findall(ex.text, 0, end))
    mi = mi or bool(w & {"mile", "miles", "mph", "mi", "fahrenheit"})
    km = km or bool(w & {"km", "kilometer", "kilometre", "kilometers", "kilometres", "kph", "celsius"})
    if mi and not km:
        return "mi"
    if km and not mi:
        return "km"
    return None


def is_pace_clock(x: Qty) -> bool:
    """A clock time written as a pace: '8:30 pace', '8:30 per', 'pace of 8:30', 'my pace is 8:30'."""
    if x.kind not in ("clock", "time", "primes") or x.raw.count(":") > 1:
        return False
    pre, post = x.pre, x.post
    return (bool(post) and (post[0] in ("pace", "per", "pacing", "average", "avg") or
                            post[0] in ("mile", "mi", "km", "k", "kilometer", "kilometre", "min", "minute")
                            and post[1:2] == ("pace",))) \
        or (bool(pre) and pre[-1] in ("pace", "paces")) \
        or pre[-2:] in (("pace", "of"), ("pace", "at"), ("paces", "of")) \
        or (pre[-2:] == ("pace", "is") and "what" not in pre) \
        or "a mile" in " ".join(x.post[:2]) or "a km" in " ".join(x.post[:2])


def pace_from_clock(f: Fill, x: Qty) -> float:
    """s/km for a pace written without a unit ('8:30 pace'), by the question's units or not at all."""
    post = " ".join(x.post[:3])
    m = re.match(r"(?:pace )?(?:per|a|an|each|every) (mile|mi|km|kilometer|kilometre|k)\b", post)
    unit = None
    if m:
        unit = "mi" if m.group(1).startswith("mi") else "km"
    else:
        unit = unit_context(f)
        if unit is None:
            raise AmbiguousQuestionError(
                f"the pace {x.raw} has no unit and the question does not say whether it is per mile or per km",
                parameter="pace", value=x.raw)
        f.note(f"the pace {x.raw} read as per {'mile' if unit == 'mi' else 'km'} (the question's other units)",
               0.05)
    x.used = True
    return x.value * q.KM / (q.MILE if unit == "mi" else q.KM)


def pick_pace(f: Fill) -> float | None:
    """A pace [s/km]: written with its unit, or a clock time next to 'pace'/'per'."""
    ex = f.ex
    for x in ex.of("pace"):
        x.used = True
        return x.value
    for x in ex.of("clock", "time", "primes"):
        if is_pace_clock(x):
            return pace_from_clock(f, x)
    return None


def pick_times(f: Fill) -> list[Qty]:
    return [x for x in f.ex.of("time", "clock") if x.unit != "ms" and not is_pace_clock(x)
            and not x.near({"rest", "recovery", "recoveries", "jog", "walk", "break"}, 2, 2)]


def pick_speed(f: Fill) -> float | None:
    for x in f.ex.of("speed"):
        x.used = True
        return x.value
    return None


def nearest(items: list[Any], pos: int, key=lambda d: d.start) -> Any:
    return min(items, key=lambda d: abs(key(d) - pos)) if items else None
