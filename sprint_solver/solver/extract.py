"""Find the quantities in a question, with the words around each.

One pass of one compiled regular expression finds every number together with the
unit written after it (``10.0s``, ``2 m/s``, ``8:30/mi``, ``1500m``, ``77°F``, ``60%``,
``6x400m``, ``2h05m``, ``5'10"``); the words just before and after each number are kept
as *cues* (``headwind``, ``altitude``, ``dew point``, ``lane``...). Nothing here decides
what the question asks: :mod:`.parse` reads the :class:`Extraction` and picks the
calculation and its parameters.

Values are converted to canonical units with :mod:`sprint_solver.quantities` (the one
place that knows units); text is never evaluated.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from .. import quantities as q
from ..errors import InvalidValueError, UnitError

# --- normalisation ---------------------------------------------------------------------
_TRANSLATE = str.maketrans({
    "\u2212": "-", "\u2013": "-", "\u2014": " - ", "\u2019": "'", "\u2018": "'", "\u201c": '"',
    "\u201d": '"', "\u2032": "'", "\u2033": '"', "\u00d7": "x", "\u00ba": "\u00b0", "\u00a0": " ",
    "\u2009": " ", "\u202f": " ", "\u00b1": "+", "\u2044": "/", "\uff05": "%",
})
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15",
    "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50",
}
_NUMBER_WORD_RE = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b")


def normalise(text: str) -> str:
    """Lower-case, unify dashes/quotes/primes and spell number words as digits."""
    t = text.translate(_TRANSLATE).lower()
    if not t.isascii():
        # keep the degree sign, drop accents ("Zürich" -> "zurich"), and turn anything else
        # exotic into spaces so no regex below has to know about it
        t = "".join(ch if ch.isascii() or ch == "\u00b0" else
                    (unicodedata.normalize("NFKD", ch)[0] if unicodedata.normalize("NFKD", ch)[0].isascii()
                     else " ") for ch in t)
    if _NUMBER_WORD_RE.search(t):
        t = _NUMBER_WORD_RE.sub(lambda m: _NUMBER_WORDS[m.group(1)], t)
    return t


# --- the one tokenizer -----------------------------------------------------------------
# Units are listed longest-first inside each kind and kinds in an order that keeps
# "m/s" from being read as metres and "min/km" as minutes. The unit text is captured as
# one group and classified by :func:`_unit_kind` (cached), which is much faster than one
# named group per kind.
_UNITS = r"""(?:
   m/s|m\s?s-1|mps|km/hr?|kmh|kph|mph|mi/h|knots?|kts?
  |met(?:er|re)s?\s+per\s+second|kilomet(?:er|re)s?\s+(?:per|an|a)\s+hour|miles?\s+(?:per|an|a)\s+hour
  |(?:min(?:ute)?s?\s*|s(?:ec(?:ond)?s?)?\s*)?(?:/\s*|per\s+|a\s+|an\s+|every\s+|each\s+)
     (?:miles?|mi|kilomet(?:er|re)|km|k|400\s?m|400|lap)
  |min/(?:miles?|mi|km)|s/km|sec/km|s/mi
  |°\s*[cf]|°|deg(?:ree)?s?(?:\s*(?:c|f|celsius|fahrenheit|centigrade))?|celsius|fahrenheit|centigrade|[cf]
  |%|percent|per\s+cent|pct
  |kgs?|kilos?|kilograms?|lbs?|pounds?
  |hpa|mbar|mb|millibars?|kpa|mm\s?hg|torr|in\.?\s?hg|inches\s+of\s+mercury|atm|pa
  |ms|milliseconds?|millisecs?|thousandths?
  |hours?|hrs?|h
  |minutes?|mins?
  |seconds?|secs?|s
  |m\s?h|m\s+hurdles|met(?:er|re)s?\s+hurdles
  |kilomet(?:er|re)s?|kms?|k|miles?|mi|met(?:er|re)s?|mtrs?|m|yards?|yds?|feet|foot|ft|cm|inch(?:es)?
  |points|pts|pt
  |x|times|reps?|repeats?|repetitions?|intervals?
)"""
_TOKEN = re.compile(r"""
  (?<![\w.:])(\d{1,3})\s*[x*]\s*(\d{1,2},\d{3}(?![\d,])|\d{1,5}(?:\.\d+)?)
      \s*(kilomet(?:er|re)s?|kms?|k|miles?|mi|met(?:er|re)s?|m)?(?![a-z0-9])
 |(?<![\w.:])(\d{1,2})\s*(?:hours?|hrs?|h)\s*(\d{1,2})\s*(?:minutes?|mins?|m)
        (?:\s*(\d{1,2}(?:\.\d+)?)\s*(?:seconds?|secs?|s))?(?![a-z0-9])
 |(?<![\w.:])(\d{1,3})(?:\s*(?:minutes?|mins?)\s*(\d{1,2}(?:\.\d+)?)|m\s*(\d{2}(?:\.\d+)?))\s*(?:seconds?|secs?|s)(?![a-z0-9])
 |(?<![\w.:])(\d{1,2})\s*'\s*(\d{1,2}(?:\.\d+)?)\s*(?:"|'')?(?![a-z0-9:])
 |(?<![\w.:])([3-7])\s*(?:ft|feet|foot)\s*(\d{1,2}(?:\.\d+)?)\s*(?:"|''|in(?:ch(?:es)?)?)?(?![a-z0-9:])
 |((?<![\w.:/+-])[+-]\s?)?(\d{1,3}:\d{2}(?::\d{2})?(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
      (?:(\s*-?\s*)(?=[a-z\u00b0%/])(""" + _UNITS + r"""))?(?![a-z0-9])
""", re.VERBOSE)
_WORD = re.compile(r"[a-z]+")
#: where a clause ends, for :attr:`Qty.cpre` and :attr:`Qty.cpost`
_CLAUSE = re.compile(r"[,;:()]|\b(?:and|with)\b")
_SENTENCE_END = re.compile(r"[?!;]|\.(?:\s|$)")
#: where a quantity can start: scanning only these positions is several times faster than finditer
_START = re.compile(r"[+-]?\.?\d[\d.,:]*")

_PACE_PER = re.compile(r"(miles?|mi|kilomet(?:er|re)|km|k|400\s?m|400|lap)$")
_SPEED_UNIT = {"m/s": "m/s", "ms-1": "m/s", "mps": "m/s", "km/h": "km/h", "km/hr": "km/h",
               "kmh": "km/h", "kph": "km/h", "mph": "mph", "mi/h": "mph", "knot": "knots", "knots": "knots",
               "kt": "knots", "kts": "knots"}
_PRESSURE = {"hpa": "hpa", "mbar": "hpa", "mb": "hpa", "millibar": "hpa", "millibars": "hpa", "kpa": "kpa",
             "mmhg": "mmhg", "torr": "mmhg", "inhg": "inhg", "in.hg": "inhg", "inchesofmercury": "inhg",
             "atm": "atm", "pa": "pa"}
_LEN_M = ("m", "meter", "meters", "metre", "metres", "mtr", "mtrs", "ft", "feet", "foot")


@lru_cache(maxsize=512)
def _unit_kind(u: str) -> tuple[str, str]:
    """(kind, canonical unit) of a unit as written."""
    c = re.sub(r"\s+", " ", u)
    k = c.replace(" ", "")
    if k in _SPEED_UNIT:
        return "speed", _SPEED_UNIT[k]
    if "persecond" in k:
        return "speed", "m/s"
    if "hour" in k and ("per" in k or k.startswith(("kilo", "mile")) and (" an " in c or " a " in c)):
        return "speed", "km/h" if k.startswith("kilo") else "mph"
    if re.fullmatch(r"(?:min(?:ute)?s?|s(?:ec(?:ond)?s?)?)?(?:/|per|an?|every|each)?(?:miles?|mi|kilomet(?:er|re)|"
                    r"km|k|400m?|lap)", k) and not re.fullmatch(r"(?:miles?|mi|km|k|kilomet(?:er|re)s?)", k) \
            or k in ("s/km", "sec/km", "s/mi") or k.startswith("min/"):
        per = "sec" if re.match(r"s(?:ec)?", k) and not k.startswith("s/") else ("sec" if k.startswith("s")
                                                                                  else "min")
        return "pace:" + per, _pace_unit(c)
    if k in ("%", "percent", "percent", "pct"):
        return "percent", "%"
    if k.startswith(("°", "deg")) or k in ("c", "f", "celsius", "fahrenheit", "centigrade"):
        kk = k.replace("°", "").replace("degrees", "").replace("degree", "").replace("degs", "").replace("deg", "")
        scale = "F" if kk.startswith("f") else ("C" if kk.startswith("c") else "")
        return "temperature", scale or "deg"
    if k in _PRESSURE:
        return "pressure", _PRESSURE[k]
    if k in ("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms"):
        return "mass", "kg"
    if k in ("lb", "lbs", "pound", "pounds"):
        return "mass", "lb"
    if k in ("ms",) or k.startswith(("milli", "thousandth")):
        return "time", "ms"
    if k in ("h", "hr", "hrs", "hour", "hours"):
        return "time", "h"
    if k in ("min", "mins", "minute", "minutes"):
        return "time", "min"
    if k in ("s", "sec", "secs", "second", "seconds"):
        return "time", "s"
    if k == "mh" or "hurdles" in k:
        return "distance", "mh"
    if k in ("points", "pts", "pt"):
        return "points", "points"
    if k in ("x", "times", "rep", "reps", "repeat", "repeats", "repetition", "repetitions", "interval", "intervals"):
        return "count", k
    if k == "cm" or k.startswith("inch"):
        return "height", k
    return ("length" if k in _LEN_M else "distance"), k


@dataclass(slots=True)
class Qty:
    """One number found in the text, in canonical units where its unit says so.

    ``kind`` is what the written unit makes it: ``time`` (s), ``clock`` (``m:ss`` or
    ``h:mm:ss`` with no unit, seconds read as m:ss), ``distance`` (km, mi), ``length``
    (m, ft: a race distance, an altitude or a climb), ``speed`` (m/s), ``pace`` (s/km),
    ``temperature`` (value as written; ``unit`` is ``C``, ``F`` or ``deg``), ``percent``,
    ``mass`` (kg), ``pressure`` (Pa), ``height`` (m), ``primes`` (``5'10"``: minutes'seconds" in ``value``,
    feet'inches" in ``extra``), ``points``, ``count``, ``reps`` (count, with the
    repetition distance in ``extra``) or ``number`` (no unit).
    """

    kind: str
    value: float
    raw: str
    start: int
    end: int
    unit: str = ""
    signed: bool = False
    decimals: int = 0
    pre: tuple[str, ...] = ()
    post: tuple[str, ...] = ()
    extra: float = 0.0
    used: bool = False
    #: (text, start, end) of the window ``pre`` and ``post`` come from, for :attr:`cpre` / :attr:`cpost`
    window: tuple[str, int, int] = ("", 0, 0)
    _cpre: tuple[str, ...] | None = None
    _cpost: tuple[str, ...] | None = None

    @property
    def cpre(self) -> tuple[str, ...]:
        """The words of ``pre`` in the quantity's own clause: not past a comma, a semicolon, a colon, a
        bracket, "and" or "with" ("a 10 km route, an elevation gain of 100 m": "elevation" is the 100 m's
        word, not the 10 km's). Worked out when first asked for."""
        if self._cpre is None:
            t, a, _ = self.window
            last = None
            if self.pre:
                for last in _CLAUSE.finditer(t, a, self.start):
                    pass
            self._cpre = self.pre if last is None else tuple(_WORD.findall(t, last.end(), self.start)[-5:])
        return self._cpre

    @property
    def cpost(self) -> tuple[str, ...]:
        """The words of ``post`` in the quantity's own clause (see :attr:`cpre`)."""
        if self._cpost is None:
            t, _, b = self.window
            cut = _CLAUSE.search(t, self.end, b) if self.post else None
            self._cpost = self.post if cut is None else tuple(_WORD.findall(t, self.end, cut.start())[:5])
        return self._cpost

    def near(self, words: Iterable[str], before: int = 4, after: int = 4) -> bool:
        """Whether one of ``words`` is among the ``before`` words before or ``after`` words after."""
        return _near(self.pre, self.post, words, before, after)

    def before(self, words: Iterable[str], n: int = 4) -> bool:
        return _near(self.pre, self.post, words, n, 0)

    def after(self, words: Iterable[str], n: int = 4) -> bool:
        return _near(self.pre, self.post, words, 0, n)

    def cnear(self, words: Iterable[str], before: int = 4, after: int = 4) -> bool:
        """:meth:`near` within the quantity's own clause."""
        return _near(self.cpre, self.cpost, words, before, after)

    def cbefore(self, words: Iterable[str], n: int = 4) -> bool:
        return _near(self.cpre, self.cpost, words, n, 0)

    def cafter(self, words: Iterable[str], n: int = 4) -> bool:
        return _near(self.cpre, self.cpost, words, 0, n)


@dataclass(slots=True)
class Extraction:
    text: str
    words: frozenset[str]
    word_list: list[str]
    qtys: list[Qty] = field(default_factory=list)

    def of(self, *kinds: str) -> list[Qty]:
        """Quantities of these kinds not yet taken by a filler."""
        return [x for x in self.qtys if x.kind in kinds and not x.used]


def extract(text: str) -> Extraction:
    """Tokenize ``text`` into quantities with their neighbouring words."""
    t = normalise(text)
    qtys: list[Qty] = []
    pos = 0
    match = _TOKEN.match
    for st in _START.finditer(t):
        i = st.start()
        if i < pos:
            continue
        m = match(t, i)
        if m is None:
            continue
        pos = m.end()
        x = _token(m)
        if x is not None:
            qtys.append(x)
    word_list = _WORD.findall(t)
    if qtys:
        _windows(t, qtys)
    return Extraction(t, frozenset(word_list), word_list, qtys)


def _windows(t: str, qtys: list[Qty]) -> None:
    """Set each quantity's ``pre``/``post`` words: up to five, not past a neighbouring number
    or a sentence end."""
    findall = _WORD.findall
    bounds = [b.start() for b in _SENTENCE_END.finditer(t)] if ("?" in t or "." in t or "!" in t or ";" in t) \
        else ()
    prev_end = 0
    n = len(qtys)
    tl = len(t)
    for i, x in enumerate(qtys):
        a = max(prev_end, x.start - 48)
        b = min(qtys[i + 1].start if i + 1 < n else tl, x.end + 48)
        if bounds:
            k = bisect_left(bounds, x.start)
            if k > 0 and bounds[k - 1] >= a:
                a = bounds[k - 1] + 1
            k = bisect_left(bounds, x.end)
            if k < len(bounds) and bounds[k] < b:
                b = bounds[k]
        x.pre = tuple(findall(t, a, x.start)[-5:])
        x.post = tuple(findall(t, x.end, b)[:5])
        x.window = (t, a, b)
        prev_end = x.end


def _token(m: re.Match[str]) -> Qty | None:
    (r_n, r_d, r_u, h_h, h_m, h_s, m_m, m_s, m_s2, p_a, p_b, f_f, f_i, sign, n, _sp, unit) = m.groups()
    m_s = m_s if m_s is not None else m_s2
    s, e = m.span()
    raw = m.group(0)
    if r_n is not None:
        u = r_u or "m"
        return Qty("reps", float(r_n), raw, s, e, unit=_len_unit(u), extra=_length(float(r_d.replace(",", "")), u))
    if h_h is not None:
        if int(h_m) >= 60:
            raise InvalidValueError(f"invalid time {raw!r}: minutes must be < 60", parameter="time", value=raw)
        return Qty("time", int(h_h) * 3600 + int(h_m) * 60 + float(h_s or 0), raw, s, e, unit="hms")
    if m_m is not None:
        if float(m_s) >= 60:
            raise InvalidValueError(f"invalid time {raw!r}: seconds must be < 60", parameter="time", value=raw)
        return Qty("time", int(m_m) * 60 + float(m_s), raw, s, e, unit="hms")
    if p_a is not None:
        # 5'10" is a height, 4'30" a duration: keep both readings, the question decides
        a, b = int(p_a), float(p_b)
        return Qty("primes", a * 60 + b, raw, s, e, unit="primes", extra=a * q.FOOT + b * q.INCH)
    if f_f is not None:
        return Qty("height", int(f_f) * q.FOOT + float(f_i) * q.INCH, raw, s, e, unit="ftin")
    signed = sign is not None
    kind, cu = _unit_kind(unit) if unit is not None else ("number", "")
    if ":" in n:
        v = _clock(n, raw)
        if kind.startswith("pace"):
            return Qty("pace", _pace(v, cu), raw, s, e, unit=cu)
        if kind == "time" and cu == "h" and n.count(":") == 1:
            # "3:30 hours" is h:mm
            hh, mm = n.split(":")
            return Qty("time", int(hh) * 3600 + float(mm) * 60, raw, s, e, unit="h")
        if kind == "time":
            return Qty("time", v, raw, s, e, unit="min", decimals=_decimals(n))
        # no unit, or one that is not a duration ("1:30 400m"): keep the words visible as cues
        end = m.start(15) + len(n)
        return Qty("clock", v, m.string[s:end], s, end, unit="clock", decimals=_decimals(n))
    x = float(n.replace(",", ""))
    if signed and sign.strip() == "-":
        x = -x
    dec = _decimals(n)
    if unit is None:
        return Qty("number", x, raw, s, e, signed=signed, decimals=dec)
    if kind == "speed":
        return Qty("speed", x * q._SPEED_UNITS[cu], raw, s, e, unit=cu, signed=signed, decimals=dec)
    if kind.startswith("pace"):
        return Qty("pace", _pace(x if kind == "pace:sec" else x * 60, cu), raw, s, e, unit=cu, decimals=dec)
    if kind == "temperature":
        return Qty("temperature", x, raw, s, e, unit=cu, signed=signed, decimals=dec)
    if kind == "percent":
        return Qty("percent", x, raw, s, e, unit="%", signed=signed, decimals=dec)
    if kind == "pressure":
        return Qty("pressure", x * q._PRESSURE_UNITS[cu], raw, s, e, unit=cu, decimals=dec)
    if kind == "mass":
        return Qty("mass", x * (q.POUND if cu == "lb" else 1.0), raw, s, e, unit=cu, decimals=dec)
    if kind == "time":
        return Qty("time", x * {"ms": 0.001, "h": 3600.0, "min": 60.0, "s": 1.0}[cu], raw, s, e, unit=cu,
                   signed=signed and cu == "s", decimals=dec)
    if kind == "height":
        return Qty("height", _length(x, cu), raw, s, e, unit=cu, decimals=dec)
    if kind in ("length", "distance"):
        if cu == "mh":
            return Qty("distance", x, raw, s, e, unit="mh", decimals=dec)
        return Qty(kind, _length(x, cu), raw, s, e, unit=_len_unit(cu), signed=signed, decimals=dec)
    if kind == "points":
        return Qty("points", x, raw, s, e, unit="points", decimals=dec)
    return Qty("count", x, raw, s, e, unit=cu, decimals=dec)


def _clock(n: str, raw: str) -> float:
    """Seconds of ``m:ss``, ``h:mm:ss`` (with optional decimals); minutes and seconds must be < 60."""
    parts = n.split(":")
    sec = float(parts[-1])
    mins = int(parts[-2])
    hours = int(parts[0]) if len(parts) == 3 else 0
    if sec >= 60 or (len(parts) == 3 and mins >= 60):
        raise UnitError(f"invalid clock time {raw!r}: minutes and seconds must be < 60", parameter="time",
                        value=raw)
    return hours * 3600 + mins * 60 + sec


def _decimals(s: str) -> int:
    return len(s) - s.index(".") - 1 if "." in s else 0


def _len_unit(u: str) -> str:
    if u.startswith("kilo") or u in ("km", "kms", "k"):
        return "km"
    if u.startswith("mi"):
        return "mi"
    if u in ("ft", "feet", "foot"):
        return "ft"
    if u.startswith("y"):
        return "yd"
    return "m"


def _length(x: float, u: str) -> float:
    return x * {"km": q.KM, "mi": q.MILE, "ft": q.FOOT, "yd": q.YARD, "m": 1.0}[_len_unit(u)] \
        if not (u == "cm" or u.startswith("inch")) else x * (0.01 if u == "cm" else q.INCH)


def _pace_unit(u: str) -> str:
    if u in ("km", "mi", "400m"):
        return u
    m = _PACE_PER.search(u.strip())
    tok = m.group(1).replace(" ", "") if m else "km"
    return {"mile": "mi", "miles": "mi", "k": "km", "kilometer": "km", "kilometre": "km", "400": "400m",
            "lap": "400m"}.get(tok, tok)


def _pace(seconds: float, u: str) -> float:
    per = {"mi": q.MILE, "km": q.KM, "400m": 400.0}[_pace_unit(u)]
    if seconds <= 0:
        raise UnitError("a pace must be positive", parameter="pace", value=seconds)
    return seconds * q.KM / per


def _near(pre: Any, post: Any, words: Iterable[str], before: int, after: int) -> bool:
    """Whether one of ``words`` is among the last ``before`` words of ``pre`` or the first ``after``
    of ``post`` (the context of a quantity, or of its own clause)."""
    return (bool(before) and any(w in words for w in pre[len(pre) - before:])) or \
        any(w in words for w in post[:after])
