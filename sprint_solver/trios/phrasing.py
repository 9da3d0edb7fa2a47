"""How generated questions say things: quantities in many notations, sentence templates,
openers and closers, and the questions that need no calculation.

Every quantity is rendered to text first and then read back with the parsers of
:mod:`sprint_solver.quantities`; the value read back is what the solver gets. The text
of a question and its structured request therefore always agree, whatever notation,
unit or rounding the phrasing chose.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Sequence

from .. import quantities as q

MPH = q.MILE / 3600.0


# --- quantities -------------------------------------------------------------------------------
# Each notation is a format pattern and only the one drawn is formatted: the draws are the same
# as picking from a list of ready-made strings, without formatting every option first.
def _pick(rng: random.Random, options: Sequence[Any]) -> Any:
    return options[int(rng.random() * len(options))]


_MILLISECONDS = ("{:.3f} s", "{:.3f}", "{:.3f} seconds")
_HAND = ("{:.1f}", "{:.1f} s")
_WATCH = ("{:.2f}", "{:.2f} s")  # a stopwatch reading in hundredths, before the rule rounds it up
_SECONDS = ("{:.2f} s", "{:.2f}", "{:.2f} seconds", "{:.2f}s", "{:.2f} sec")  # the first two at level 1
_CLOCK = ("{clock}", "{m} min {s} s", "{m}:{s:02d}")  # the first one only for tenths or at level 1
_HOURS = ("{h}:{m:02d}:{s:02d}", "{h}h{m:02d}m{s:02d}s", "{h}h {m}m {s}s")  # the first one at level 1


def say_time(v: float, rng: random.Random, level: int, style: str = "") -> str:
    if style == "ms":
        return _pick(rng, _MILLISECONDS).format(v)
    if style == "hand" or style == "watch":
        if v < 60:
            return _pick(rng, _HAND if style == "hand" else _WATCH).format(v)
        if v < 3600:  # a hand time keeps its tenths (a watch its hundredths) past the minute: "1:05.3"
            return q.format_time(v, 1 if style == "hand" else 2)
    if v < 60:
        return _pick(rng, _SECONDS if level > 1 else _SECONDS[:2]).format(v)
    s = round(v) if v >= 600 or level < 3 else round(v, 1)
    if v < 3600:
        m, sec = divmod(s, 60)
        clock = q.format_time(s, 1 if s != int(s) else 0)
        opts = _CLOCK if level > 1 and sec == int(sec) else _CLOCK[:1]
        return _pick(rng, opts).format(clock=clock, m=int(m), s=int(sec))
    h, rem = divmod(int(round(v)), 3600)
    m, sec = divmod(rem, 60)
    return _pick(rng, _HOURS if level > 1 else _HOURS[:1]).format(h=h, m=m, s=sec)


#: distances said by name, and what they are called
_NAMED = ((42195.0, ("marathon", "42.195 km")), (21097.5, ("half marathon", "half-marathon")),
          (q.MILE, ("mile", "1 mile")))
_KILOMETRES = ("{k}K", "{k} km", "{m:,} m", "{mi:.1f} miles")  # miles at level 3 only
_METRES = ("{:g} m", "{:g}m", "{:g} metres")


def say_distance(v: float, rng: random.Random, level: int, style: str = "") -> str:
    for d, names in _NAMED:
        if abs(v - d) < 1e-6:
            return _pick(rng, names)
    if v >= 1000 and v % 1000 == 0:
        return _pick(rng, _KILOMETRES if level > 2 else _KILOMETRES[:3]).format(k=int(v // 1000), m=int(v),
                                                                                 mi=v / q.MILE)
    return _pick(rng, _METRES).format(v)


_PER_MILE = ("{}/mi", "{} per mile", "{} min/mile")
_PER_KM = ("{}/km", "{} per km", "{} min/km")


def say_pace(v: float, rng: random.Random, level: int, style: str = "") -> str:
    per_mile = level > 1 and rng.random() < 0.5
    secs = round(v * q.MILE / 1000.0) if per_mile else round(v)
    clock = q.format_time(secs, 0)
    return _pick(rng, _PER_MILE if per_mile else _PER_KM).format(clock)


_SIGNED_WIND = ("{:+.1f} m/s", "{:+.1f}")  # the first one at level 1
_TAILWIND = ("a {:.1f} m/s tailwind", "a tail wind of {:.1f} m/s", "a following wind of {:.1f} m/s",
             "a +{:.1f} m/s tailwind")
_HEADWIND = ("a {:.1f} m/s headwind", "a head wind of {:.1f} m/s", "a {:.1f} m/s wind against")


def say_wind(v: float, rng: random.Random, level: int, style: str = "signed") -> str:
    a = abs(v)
    if style != "phrase":
        return _pick(rng, _SIGNED_WIND if level > 1 else _SIGNED_WIND[:1]).format(v)
    if v == 0:
        return "no wind (0.0 m/s)"
    if level > 2 and rng.random() < 0.3:
        mph = round(a / MPH, 1)
        if mph > 0:
            return f"a {mph:.1f} mph {'tailwind' if v > 0 else 'headwind'}"
    return _pick(rng, _TAILWIND if v > 0 else _HEADWIND).format(a)


_FEET = ("{:,} ft", "{} feet")
_METRES_UP = ("{:.0f} m", "{:,.0f} m", "{:.0f} metres")


def say_altitude(v: float, rng: random.Random, level: int, style: str = "") -> str:
    if level > 1 and rng.random() < 0.35:
        return _pick(rng, _FEET).format(round(v / q.FOOT))
    return _pick(rng, _METRES_UP).format(v)


_FAHRENHEIT = ("{}°F", "{} degrees Fahrenheit", "{} F")
_CELSIUS = ("{:.0f}°C", "{:.0f} °C", "{:.0f} degrees Celsius")


def say_temperature(v: float, rng: random.Random, level: int, style: str = "") -> str:
    if level > 1 and rng.random() < 0.4:
        return _pick(rng, _FAHRENHEIT).format(round(q.c_to_f(v)))
    return _pick(rng, _CELSIUS).format(v)


_PERCENT = ("{:.0f}%", "{:.0f} %", "{:.0f} percent")
_HUMIDITY = ("{:.0f}%", "{:.0f} % relative humidity", "{:.0f} percent humidity")


def say_humidity(v: float, rng: random.Random, level: int, style: str = "") -> str:
    return _pick(rng, _PERCENT if style == "pct" else _HUMIDITY).format(v)


_PRESSURE = ("{hpa:.0f} hPa", "{hpa:.0f} mbar", "{inhg:.2f} inHg", "{mmhg:.0f} mmHg")  # the first two at level 1


def say_pressure(v: float, rng: random.Random, level: int, style: str = "") -> str:
    return _pick(rng, _PRESSURE if level > 1 else _PRESSURE[:2]).format(hpa=v / 100, inhg=v / q.INHG,
                                                                         mmhg=v / q.MMHG)


_GRADE = ("{:+.1f}%", "{:+.0f} percent", "{:.1f} %")


def say_grade(v: float, rng: random.Random, level: int, style: str = "") -> str:
    return _pick(rng, _GRADE).format(v)


_KG = ("{:.0f} kg", "{:.1f} kg", "{:.0f}kg")


def say_mass(v: float, rng: random.Random, level: int, style: str = "") -> str:
    if level > 1 and rng.random() < 0.35:
        return f"{round(v / q.POUND)} lb"
    return _pick(rng, _KG).format(v)


_FEET_INCHES = ("{0}'{1}\"", "{0} ft {1} in")
_HEIGHT = ("{m:.2f} m", "{cm:.0f} cm")


def say_height(v: float, rng: random.Random, level: int, style: str = "") -> str:
    if level > 1 and rng.random() < 0.35:
        inches = round(v / q.INCH)
        return _pick(rng, _FEET_INCHES).format(*divmod(inches, 12))
    return _pick(rng, _HEIGHT).format(m=v, cm=v * 100)


_SPEED = ("{ms:.1f} m/s", "{kmh:.1f} km/h", "{mph:.1f} mph")  # the first two at level 1


def say_speed(v: float, rng: random.Random, level: int, style: str = "") -> str:
    return _pick(rng, _SPEED if level > 1 else _SPEED[:2]).format(ms=v, kmh=v * 3.6, mph=v / MPH)


SAY: dict[str, Callable[..., str]] = {
    "time": say_time, "distance": say_distance, "pace": say_pace, "wind": say_wind, "altitude": say_altitude,
    "length": say_altitude, "temperature": say_temperature, "humidity": say_humidity, "pressure": say_pressure,
    "grade": say_grade, "mass": say_mass, "height": say_height, "speed": say_speed,
}


def mention(kind: str, value: float, rng: random.Random, level: int, style: str = "") -> tuple[str, float]:
    """Text for a quantity and the canonical value the parsers read back from that text."""
    text = SAY[kind](value, rng, level, style)
    return text, _read(q.PARSERS[kind], text)


@lru_cache(maxsize=16384)
def _read(parse: Callable[[str], float], text: str) -> float:
    """``parse(text)``, remembered: questions say the same quantity texts again and again (nearly
    nine in ten readings in a long run are repeats), and parsing is a good part of a question's
    cost. Bounded (about 7 MB), and keyed by the parser so a replaced parser is never bypassed."""
    return parse(text)


#: how literal options are said, per field name
LITERAL_WORDS: dict[str, dict[str, list[str]]] = {
    "event": {"100m": ["100m", "100 m", "100 metres"], "200m": ["200m", "200 m", "200 metres"],
              "400m": ["400m", "400 m", "400 metres"], "60m": ["60m", "60 m"], "110mH": ["110 m hurdles"],
              "100mH": ["100 m hurdles"], "400mH": ["400 m hurdles"]},
    "event_any": {"110mH": ["110 m hurdles", "110mH"], "100mH": ["100 m hurdles", "100mH"],
                  "400mH": ["400 m hurdles", "400mH"], "half_marathon": ["half marathon"], "marathon": ["marathon"],
                  "mile": ["mile"], "5000m": ["5000 m", "5000m", "5K"], "10000m": ["10,000 m", "10000m"]},
    "zone": {"easy": ["easy"], "marathon": ["marathon"], "threshold": ["threshold", "tempo (threshold)"],
             "interval": ["interval"], "repetition": ["repetition"]},
    "sex": {"men": ["men's"], "women": ["women's"],
            "male": ["men's"], "female": ["women's"], "m": ["men's"], "f": ["women's"], "w": ["women's"]},
}


def say_literal(fname: str, value: Any, rng: random.Random) -> str:
    words = LITERAL_WORDS.get(fname, {}).get(str(value)) or LITERAL_WORDS["event_any"].get(str(value))
    if words:
        return _pick(rng, words)
    return str(value).replace("_", " ")


# --- templates --------------------------------------------------------------------------------
SLOT = re.compile(r"\{(\w+)(?::(\w+))?\}")


@dataclass(frozen=True)
class Template:
    """A question pattern: ``{field}`` / ``{field:style}`` slots, ``{+}`` where optional
    clauses go. ``fixed`` params are implied by the wording (e.g. the direction)."""

    id: str
    text: str
    fixed: dict[str, Any] = field(default_factory=dict)
    level: int = 1

    @property
    def slots(self) -> list[tuple[str, str]]:
        s = _SLOTS.get(self.text)
        if s is None:
            s = _SLOTS[self.text] = [(m.group(1), m.group(2) or "") for m in SLOT.finditer(self.text)]
        return s


_SLOTS: dict[str, list[tuple[str, str]]] = {}


def T(id: str, text: str, level: int = 1, **fixed: Any) -> Template:
    return Template(id, text, fixed, level)


#: calculation -> templates (fields missing from a calculation's Params make a template unusable)
CALC_TEMPLATES: dict[str, list[Template]] = {
    "wind_correction": [
        T("w.still.1", "I ran {time} in the {event} with {wind:phrase}{+}. What would that be in still air?"),
        T("w.still.2", "What is a {time} {event} with a {wind:signed} wind{+} worth in calm conditions?"),
        T("w.still.3", "Correct a {sex:adj} {event} time of {time} (wind {wind:signed}){+} to still air.", 2),
        T("w.still.4", "My {event} was {time} with {wind:phrase}{+}. What's the wind-adjusted time?"),
        T("w.still.5", "Wind-adjust this {event}: {time}, wind {wind:signed}{+}."),
        T("w.still.6", "{time} ({wind:signed}) over {event}{+}: what is the equivalent zero-wind time?", 2),
        T("w.still.7", "How good is a {time} {event} run with {wind:phrase}{+} once you take the wind out?", 2),
        T("w.still.8", "Convert {time} for the {event} with {wind:phrase}{+} to a still-air, sea-level equivalent.", 2),
        T("w.still.9", "Our sprinter clocked {time} in a {sex:adj} {event} heat, wind reading {wind:signed}{+}. "
                       "What is that worth without the wind?", 3),
        T("w.from.1", "How much would a {time} {event} time be affected by {wind:phrase}{+}?",
          direction="from_still_air"),
        T("w.from.2", "If I can run {time} for the {event} in still air, what would I run with {wind:phrase}{+}?",
          direction="from_still_air"),
        T("w.from.3", "Predict a {sex:adj} {event} time with a wind reading of {wind:signed}{+}, given a "
                      "calm-conditions time of {time}.", 2, direction="from_still_air"),
        T("w.from.4", "My still-air {event} is {time}. What time should I expect with {wind:phrase}{+}?",
          direction="from_still_air"),
        T("w.from.5", "What would a still-air {time} in the {event} become with a {wind:signed} wind{+}?", 2,
          direction="from_still_air"),
    ],
}

#: under-specified questions: ``_missing`` names the input the question leaves out; ``{@name}``
#: slots are free words from :data:`FREE_FILLERS` (never a number the solver could use)
MISSING_TEMPLATES: dict[str, list[Template]] = {
    "wind_correction": [
        T("w.miss.time.1", "How much would {wind:phrase} change my {event} time{@when}?", _missing="time"),
        T("w.miss.time.2", "Does {wind:phrase} make a big difference in the {event}?", _missing="time"),
        T("w.miss.time.3", "{@athlete} ran the {event} into {wind:phrase}{@when}. What is the time worth in still "
                           "air?", _missing="time"),
        T("w.miss.time.4", "The wind reading for {@athlete}'s {event}{@when} was {wind:signed}. What's the "
                           "still-air time?", _missing="time"),
        T("w.miss.time.5", "Correct {@athlete}'s {sex:adj} {event} for a {wind:signed} wind, please.",
          _missing="time"),
        T("w.miss.wind.1", "What would my {time} {event} be worth in still air?", _missing="wind"),
        T("w.miss.wind.2", "Can you wind-correct my {time} in the {event}?", _missing="wind"),
        T("w.miss.wind.3", "{@athlete} ran {time} in the {event}{@when}. What is that without the wind?",
          _missing="wind"),
        T("w.miss.wind.4", "Give me the still-air equivalent of a {time} {sex:adj} {event}{@when}.",
          _missing="wind"),
    ],
}
#: the generic under-specified questions (``{subject}``, ``{mentions}`` and ``{is}`` as in
#: :data:`GENERIC_TEMPLATES`; ``{@athlete}`` a free filler)
MISSING_GENERIC = [
    T("g.miss.1", "Can you work out the {subject} for {@athlete}? I only know {mentions}."),
    T("g.miss.2", "I'd like the {subject} for {@athlete}, with {mentions}."),
    T("g.miss.3", "Could you give me the {subject} for {@athlete}? All I have is {mentions}."),
    T("g.miss.4", "I need the {subject} for {@athlete}. So far I have {mentions}."),
    T("g.miss.5", "What {is} the {subject} for {@athlete}? Here is what I know: {mentions}."),
]

#: optional-field clauses per (calculation, field); ("*", field) applies to any calculation
CLAUSES: dict[tuple[str, str], list[str]] = {
    ("*", "altitude"): [" at {altitude} altitude", " at an altitude of {altitude}",
                        " at a venue {altitude} above sea level"],
    ("*", "lane"): [" in lane {lane}", " from lane {lane}"],
    ("*", "temperature"): [" in {temperature}", " at {temperature}"],
    ("*", "humidity"): [" with humidity at {humidity}", " and {humidity}"],
    # the time is the one in the reference lane ("for a 20.50 runner"), the wind the race's
    ("lane_effect", "time"): [" for a {time} runner", " for an athlete who runs {time}"],
    ("lane_effect", "wind"): [" with {wind}", " in a race with {wind}"],
}

#: templates usable for any calculation: ``{subject}`` is what the calculation gives (a noun phrase of
#: :data:`SUBJECTS`; ``{Subject}`` at the start of a sentence), ``{mentions}`` its inputs said in words
#: (:data:`PHRASES`), ``{is}`` the verb that agrees with the subject
GENERIC_TEMPLATES = [
    T("g.1", "Can you calculate the {subject} for {mentions}?"),
    T("g.2", "{Subject}: {mentions}. What do you get?"),
    T("g.3", "Please work out the {subject} with {mentions}."),
    T("g.4", "I need the {subject}. Here's what I have: {mentions}.", 2),
    T("g.5", "Using {mentions}, what {is} the {subject}?", 2),
    T("g.6", "What {is} the {subject} given {mentions}?", 2),
]

#: what each calculation gives, as a noun phrase a generic question asks for ("the ... for a 10.21 s
#: 100 m"): lower case but for names and acronyms; one of them is drawn for each question
SUBJECTS: dict[str, tuple[str, ...]] = {
    "wind_correction": ("wind-corrected time", "still-air equivalent", "wind-adjusted time"),
    "altitude_correction": ("altitude-adjusted time", "altitude correction", "altitude-equivalent time"),
    "air_density": ("air density", "density of the air"),
    "temperature_effect_sprint": ("temperature effect on the sprint time", "effect of the air temperature on the "
                                  "sprint", "temperature-adjusted sprint time"),
    "heat_adjusted_pace": ("heat-adjusted pace", "pace adjusted for the heat", "hot-weather pace"),
    "heat_index": ("heat index", "NOAA heat index", "feels-like temperature"),
    "grade_adjusted_pace": ("grade-adjusted pace", "flat-equivalent pace"),
    "equivalent_flat_distance": ("equivalent flat distance", "flat-equivalent distance"),
    "body_metrics": ("body surface area and frontal area", "frontal area and air drag",
                     "air drag and body surface area"),
    "sprint_profile": ("sprint force-velocity profile", "acceleration profile", "sprint profile"),
    "race_prediction": ("race-time prediction", "predicted race time"),
    "vdot": ("Daniels VDOT", "VDOT", "VDOT value"),
    "training_paces": ("Daniels training paces", "training paces", "training zones"),
    "points": ("World Athletics points", "scoring-table points", "points score"),
    "hand_timing": ("FAT equivalent", "fully automatic equivalent", "electronic-timing equivalent"),
    "false_start": ("false-start verdict", "false-start call", "false-start ruling"),
    "pace": ("pace, time and distance figures", "pace and speed figures", "running pace numbers"),
    "intervals": ("interval session numbers", "numbers for this interval session", "interval session breakdown"),
    "even_splits": ("even splits", "even-pace splits", "split times for an even pace"),
    "lane_effect": ("lane effect", "effect of the lane", "lane difference"),
    "sprint_conditions": ("time corrected for all the conditions", "fully corrected time",
                          "conditions-corrected time"),
}
#: the subject when an input the question says changes what is asked: (calculation, field, value)
SUBJECTS_WHEN: dict[tuple[str, str, Any], tuple[str, ...]] = {
    ("wind_correction", "direction", "from_still_air"): ("expected time with the wind", "wind-affected time"),
    ("grade_adjusted_pace", "direction", "from_flat"): ("equivalent pace on the hill", "pace to run on the hill"),
    ("sprint_conditions", "direction", "from_reference"): ("expected time in these conditions",
                                                           "time to expect in these conditions"),
}


_QUALIFIER = re.compile(r" (?:for|of|on|to|in|with) ")


def plural(subject: str) -> bool:
    """Whether a subject of :data:`SUBJECTS` takes a plural verb ("what are the even splits"): by its
    head, before any qualifier ("split times for an even pace", "time to expect in these conditions")."""
    head = _QUALIFIER.split(subject, 1)[0]
    last = head.rsplit(" ", 1)[-1]
    return " and " in head or (last.endswith("s") and not last.endswith("ss"))


@dataclass(frozen=True, slots=True)
class Phrase:
    """How a generic question says one input, or several together ("a 19:23 5K").

    ``options`` are patterns over the inputs' said texts (``{time}``; ``{a_distance}`` is a named
    distance with its article, "a marathon", and a number as it is, "10 km"), or, with ``key``, a
    mapping from the value of input ``key`` (``"~name"``: whether input ``name`` is said as a
    name, like "mile") to such patterns; a value it does not map leaves the phrase out. An empty
    pattern says nothing: the subject says it already."""

    fields: tuple[str, ...]
    options: Any
    key: str | None = None


def P(fields: str, *options: str, key: str | None = None, **by_value: tuple[str, ...]) -> Phrase:
    """A :class:`Phrase` of the space-separated ``fields``; ``by_value`` maps values to patterns."""
    return Phrase(tuple(fields.split()), by_value if key else options, key)


#: style of each input in generic questions (the default is "signed": a wind as "+1.2 m/s")
GENERIC_STYLES = {"humidity": "pct", "reference_humidity": "pct", "reaction_time": "ms", "hand_time": "hand",
                  "event": "adj", "sex": "adj", "zone": "adj"}

_SPRINT_RACE = (P("sex event time", "a {sex} {event} in {time}", "{time} in the {sex} {event}"),
                P("event time", "the {event} in {time}", "{time} in the {event}"),
                P("sex event", "the {sex} {event}", "a {sex} {event} race"))
_RACE = (P("distance time", "a {time} {distance}", "{a_distance} in {time}"),)

#: how generic questions say inputs: ``"*"`` for any calculation (one input each), and per calculation
#: the phrases of several inputs together (tried first, in order) and its own ways of saying one
PHRASES: dict[str, tuple[Phrase, ...]] = {
    "*": (
        P("time", "a time of {time}", "a mark of {time}"),
        P("wind", "a wind of {wind}", "a {wind} wind", "a wind reading of {wind}"),
        P("altitude", "an altitude of {altitude}", "{altitude} of altitude", "a venue {altitude} above sea level"),
        P("temperature", "a temperature of {temperature}", "{temperature} air",
          "an air temperature of {temperature}"),
        P("humidity", "{humidity} humidity", "a relative humidity of {humidity}", "{humidity} relative humidity"),
        P("pressure", "a pressure of {pressure}", "an air pressure of {pressure}",
          "a barometric pressure of {pressure}"),
        P("dew_point", "a dew point of {dew_point}", "a {dew_point} dew point"),
        P("pace", "a pace of {pace}", "a {pace} pace"),
        P("speed", "a speed of {speed}", "a running speed of {speed}"),
        P("distance", key="~distance", **{"False": ("a {distance} race", "a race over {distance}"),
                                          "True": ("a {distance} race", "the {distance}")}),
        P("mass", "a body mass of {mass}", "a weight of {mass}"),
        P("height", "a height of {height}", "{height} in height"),
        P("event", "the {event}", "a {event} race"),
        P("sex", key="sex", men=("a male athlete", "a man"), women=("a female athlete", "a woman")),
        P("lane", "lane {lane}", "a run in lane {lane}"),
        P("reference_temperature", "a reference temperature of {reference_temperature}",
          "{reference_temperature} as the reference temperature"),
        P("hand_timed", key="hand_timed", **{"True": ("hand timing", "a hand-timed mark"),
                                             "False": ("electronic timing", "fully automatic timing")}),
    ),
    "wind_correction": (
        P("time direction", key="direction", from_still_air=("a still-air time of {time}",
                                                             "a time of {time} in still air")),
        *_SPRINT_RACE,
        P("direction", key="direction", to_still_air=("",), from_still_air=("a conversion from still air",)),
    ),
    "altitude_correction": (
        *_SPRINT_RACE,
        P("target_altitude", "the equivalent at {target_altitude} altitude",
          "a target altitude of {target_altitude}"),
    ),
    "temperature_effect_sprint": (
        *_SPRINT_RACE,
        P("reference_pressure", "a reference pressure of {reference_pressure}"),
        P("reference_altitude", "a reference altitude of {reference_altitude}"),
        P("reference_humidity", "a reference humidity of {reference_humidity}"),
    ),
    "sprint_conditions": (
        P("time direction", key="direction", from_reference=("a reference time of {time} (still air, sea level)",
                                                             "a still-air, sea-level reference time of {time}")),
        P("hand_timed time", key="hand_timed", **{"True": ("a hand-timed {time}", "a hand time of {time}"),
                                                  "False": ("an electronically timed {time}",
                                                            "a fully automatic time of {time}")}),
        *_SPRINT_RACE,
        P("direction", key="direction", to_reference=("",),
          from_reference=("a conversion from still air at sea level",)),
    ),
    "heat_adjusted_pace": (
        P("effort", key="effort", steady=("a steady effort", "a steady run"),
          repeats=("repeats", "an interval session")),
    ),
    "grade_adjusted_pace": (
        P("pace direction", key="direction", to_flat=("a pace of {pace} on the hill", "a hill pace of {pace}"),
          from_flat=("a flat pace of {pace}", "a {pace} flat pace")),
        P("grade", "a grade of {grade}", "a {grade} grade", "a {grade} slope"),
        P("distance", key="~distance", **{"False": ("a route of {distance}", "a course of {distance}"),
                                          "True": ("a {distance} route", "a {distance} course")}),
        P("elevation_gain", "an elevation gain of {elevation_gain}", "{elevation_gain} of climbing"),
        P("elevation_loss", "an elevation loss of {elevation_loss}", "{elevation_loss} of descent"),
        P("direction", key="direction", to_flat=("a conversion to the flat",),
          from_flat=("a conversion from the flat",)),
    ),
    "equivalent_flat_distance": (
        P("distance", key="~distance", **{"False": ("a route of {distance}", "a hilly route of {distance}",
                                                    "a trail race of {distance}"),
                                          "True": ("a {distance} route", "a hilly {distance} route",
                                                   "a {distance} trail race")}),
        P("climb", "{climb} of climbing", "a total climb of {climb}", "{climb} of ascent"),
        P("descent", "{descent} of descent", "a total descent of {descent}"),
        P("pace", "a pace of {pace}", "a {pace} pace"),
    ),
    "sprint_profile": (
        P("distances times", "splits of {times} at {distances}", "{times} at {distances}"),
        P("distances", "split distances of {distances}"),
        P("times", "split times of {times}"),
    ),
    "race_prediction": (
        *_RACE,
        P("target_distance", "a prediction for {a_target_distance}", "{a_target_distance} as the target race"),
    ),
    "vdot": _RACE,
    "training_paces": (
        *_RACE,
        P("vdot", "a VDOT of {vdot}", "VDOT {vdot}"),
        P("zone", "{zone} pace in particular", "a focus on {zone} pace"),
    ),
    "points": _SPRINT_RACE,
    "hand_timing": (
        P("hand_time distance", "a hand-timed {hand_time} over {distance}", "a hand time of {hand_time} for the "
          "{distance}"),
        P("hand_time", "a hand time of {hand_time}", "a hand-timed {hand_time}"),
        P("distance", "a hand-timed {distance}", "a hand-timed {distance} race"),
    ),
    "false_start": (
        P("reaction_time", "a reaction time of {reaction_time}", "{reaction_time} off the blocks",
          "a {reaction_time} reaction"),
    ),
    "pace": (
        *_RACE,
        P("distance pace", "{a_distance} at {pace}"),
        P("distance", "{a_distance}", "a distance of {distance}"),
    ),
    "intervals": (
        P("reps rep_distance rep_time", key="~rep_distance",
          **{"False": ("{reps} x {rep_distance} in {rep_time} each", "{reps} x {rep_distance} at {rep_time} each"),
             "True": ("{reps} repetitions of {a_rep_distance} in {rep_time} each",)}),
        P("reps rep_distance pace", key="~rep_distance", **{"False": ("{reps} x {rep_distance} at {pace}",),
                                                            "True": ("{reps} repetitions of {a_rep_distance} at "
                                                                     "{pace}",)}),
        P("reps rep_distance", key="~rep_distance", **{"False": ("{reps} x {rep_distance}",
                                                                 "{reps} repetitions of {rep_distance}"),
                                                       "True": ("{reps} repetitions of {a_rep_distance}",)}),
        P("reps", "{reps} repetitions"),
        P("rep_distance", "repetitions of {a_rep_distance}", "{rep_distance} repeats"),
        P("rep_time", "{rep_time} per repetition", "{rep_time} a rep"),
        P("rest", "{rest} of rest between reps", "{rest} recovery"),
    ),
    "even_splits": (
        P("distance time", "{a_distance} in {time}", "a {time} {distance}", "a goal of {time} for {a_distance}"),
        P("split_distance", "{split_distance} splits", "splits every {split_distance}"),
    ),
    "lane_effect": (
        P("time reference_lane", "a time of {time} in lane {reference_lane}", "{time} from lane {reference_lane}"),
        P("lane reference_lane", "lane {lane} compared with lane {reference_lane}",
          "a move from lane {reference_lane} to lane {lane}", "lane {lane} instead of lane {reference_lane}"),
        P("sex event", "the {sex} {event}", "a {sex} {event} race"),
        P("reference_lane", "a comparison with lane {reference_lane}", "lane {reference_lane} as the reference"),
    ),
}

#: words a sentence may start with in capitals (names and acronyms), so an opener keeps them
PROPER_WORDS = frozenset({"Daniels", "World", "NOAA", "VDOT", "FAT", "Riegel", "Cameron", "Mureika", "Moinat",
                          "Hadley", "Minetti", "Strava", "CIPM-2007", "Ely"})

OPENERS = ["", "", "", "", "Hi! ", "Quick question: ", "Coach here. ", "Hey, ", "Hello. ", "I'm curious: ",
           "For my training log: ", "Question from a masters sprinter: "]
CLOSERS = ["", "", "", "", " Thanks!", " Please show your working.", " Can you explain the steps?",
           " Keep it short.", " What does that mean for my training?", " Thanks in advance."]
DISTRACTORS = [" It was at a regional meet last June.", " My coach thinks the track was fast.",
               " This was my first race of the season.", " I'm racing in the under-18 category.",
               " The timing was fully automatic.", " It felt like a good race."]
#: a comparison of two models: ``{a}``/``{b}`` name them as a modifier ("the fitted and Mureika
#: models"), ``{A}``/``{B}`` as a noun phrase ("Hadley's rule", "the fitted model")
COMPARE = [" Compare the {a} and {b} models.", " How different is the answer with {A} instead of {B}?",
           " Show the result with both {A} and {B}.", " Do {A} and {B} agree here?"]
COMPOUND_JOINS = ["{a} Also, {b}", "Two questions. First: {a} Second: {b}", "{a} And one more: {b}"]


CALC_TEMPLATES.update({
    "altitude_correction": [
        T("alt.1", "I ran {time} in the {event} at {altitude} altitude{+}. What is that worth at sea level?"),
        T("alt.2", "What is a {time} {event} run at {altitude} worth at sea level{+}?"),
        T("alt.3", "A {time} {sex:adj} {event} at {altitude} above sea level{+} - what is the sea-level equivalent?", 2),
        T("alt.4", "I ran {time} for the {event} at sea level. What is the equivalent time at {target_altitude} "
                   "altitude{+}?", altitude=0.0),
        T("alt.5", "How much faster would a {time} {event} be at {target_altitude} than at sea level{+}?", 2,
          altitude=0.0),
    ],
    "air_density": [
        T("rho.1", "What is the air density at {temperature}, {pressure} and {humidity:pct} humidity?"),
        T("rho.2", "Air density at {altitude} altitude and {temperature}?"),
        T("rho.3", "How dense is the air at {temperature} with {humidity:pct} humidity at {altitude}?", 2),
        T("rho.4", "Air density for a sprint at {temperature} and {pressure}?", 2),
        T("rho.5", "What's the air density on a {temperature} day, station pressure {pressure}, humidity "
                   "{humidity}?", 3),
    ],
    "temperature_effect_sprint": [
        T("temp.1", "I ran {time} in the {event} at {temperature}. What would it be at {reference_temperature}?"),
        T("temp.2", "How much faster is a {time} {event} at {temperature} than at {reference_temperature}?"),
        T("temp.3", "Equivalent of a {time} {event} run at {temperature} in {reference_temperature} conditions{+}?",
          2),
        T("temp.4", "A {time} {sex:adj} {event} at {temperature}{+} - what is it at {reference_temperature}?", 3),
    ],
    "pace": [
        T("pace.1", "What pace do I need to run {distance} in {time}?"),
        T("pace.2", "How long does {distance} at {pace} take?"),
        T("pace.3", "How far do I get in {time} at {pace}?"),
        T("pace.4", "{distance} at {pace}: what is my finish time?", 2),
        T("pace.5", "What is {speed} as a running pace?", 2),
        T("pace.6", "I ran {distance} in {time}. What was my average pace and speed?"),
    ],
    "intervals": [
        T("int.1", "I ran {reps} x {rep_distance} in {rep_time} each. What was my pace?", solve_for="pace"),
        T("int.2", "{reps} x {rep_distance} in {rep_time} with {rest} rest: how long is the session?", 2,
          solve_for="total_time"),
        T("int.3", "What is the total distance of {reps} x {rep_distance} at {rep_time} each?",
          solve_for="total_distance"),
        T("int.4", "{reps} x {rep_distance} at {rep_time} each: what pace is that?", solve_for="pace"),
        T("int.5", "How long will {reps} x {rep_distance} at {pace} take, with {rest} between reps?", 3,
          solve_for="total_time"),
    ],
    "even_splits": [
        T("split.1", "What are my {split_distance} splits for a {time} {distance}?"),
        T("split.2", "I want to run {distance} in {time}: what are my {split_distance} splits?"),
        T("split.3", "Even splits for a {time} {distance}?"),
        T("split.4", "Give me even-pace splits every {split_distance} for {distance} in {time}.", 2),
    ],
    "race_prediction": [
        T("pred.1", "I ran {distance} in {time}. What {target_distance} time does that predict?"),
        T("pred.2", "Predict my {target_distance} from a {time} {distance} using VDOT.", model="vdot"),
        T("pred.3", "If I run {distance} in {time}, what could I run for {target_distance} with Cameron's formula?",
          2, model="cameron"),
        T("pred.4", "What is a {time} {distance} worth over {target_distance}?"),
        T("pred.5", "Riegel prediction: {distance} in {time}, what about {target_distance}?", 2, model="riegel"),
    ],
    "vdot": [
        T("vdot.1", "What is my VDOT for a {time} {distance}?"),
        T("vdot.2", "I ran {distance} in {time}. What is my VDOT?"),
        T("vdot.3", "VDOT for {distance} in {time}, and what would that give for other distances?", 2),
    ],
    "training_paces": [
        T("tp.1", "What are my training paces for a {time} {distance}?"),
        T("tp.2", "What {zone} pace should I run with a VDOT of {vdot}?"),
        T("tp.3", "I ran {distance} in {time}. What is my {zone} pace?"),
        T("tp.4", "Daniels paces for VDOT {vdot}, please.", 2),
    ],
    "points": [
        T("pts.1", "How many World Athletics points is a {time} {event}?"),
        T("pts.2", "What is a {sex:adj} {event} in {time} worth on the scoring tables?"),
        T("pts.3", "{sex:adj} {event} in {time}: how many points?", 2),
        T("pts.4", "Score a hand-timed {time:hand} {event} on the World Athletics tables.", 2, hand_timed=True),
    ],
    "hand_timing": [
        T("hand.1", "What is a hand-timed {hand_time:hand} {distance} in FAT?"),
        T("hand.2", "Convert a hand time of {hand_time:hand} in the {distance} to electronic timing."),
        T("hand.3", "My coach hand-timed me at {hand_time:hand} over {distance}. What is that fully automatic?", 2),
        # stopwatch readings in hundredths, which the rule first rounds up to the next 0.1 s
        T("hand.4", "The stopwatch read {hand_time:watch} for my {distance}. What is the FAT equivalent?"),
        T("hand.5", "What is a hand-timed {hand_time:watch} {distance} worth as a fully automatic time?", 2),
        # the published rules differ at 500 and 600 m (the samplers draw those distances for these)
        T("hand.m.1", "Under the masters rankings rule, what is a hand-timed {hand_time:hand} {distance} in FAT?",
          variant="masters"),
        T("hand.m.2", "Convert a hand time of {hand_time:watch} over {distance} to FAT for the masters rankings.", 2,
          variant="masters"),
        T("hand.wa.1", "Using the World Athletics tables' hand-time rule, what is a hand-timed {hand_time:hand} "
                       "{distance} in FAT?", 2, variant="wa_scoring"),
    ],
    "false_start": [
        T("fs.1", "Is a reaction time of {reaction_time:ms} a false start?"),
        T("fs.2", "My sprinter reacted in {reaction_time:ms}. Was that legal?"),
        T("fs.3", "The start system showed {reaction_time:ms} for lane 4. False start or not?", 2),
        # the limit is the rule's other input: lower thresholds have been argued for (reactions
        # faster than 0.100 s are possible); the samplers draw 0.080-0.095 s
        T("fs.lim.1", "Would a reaction time of {reaction_time:ms} be a false start if the threshold were "
                      "{limit:ms}?"),
        T("fs.lim.2", "Some researchers argue the false-start limit should be lowered. Would a reaction of "
                      "{reaction_time:ms} be legal with a limit of {limit:ms}?", 2),
        T("fs.lim.3", "Is {reaction_time:ms} off the blocks a false start if the limit is lowered to {limit:ms}?", 2),
    ],
    "heat_adjusted_pace": [
        T("hap.1", "My goal marathon pace is {pace}. It's {temperature} with a {dew_point} dew point. How much "
                   "should I slow down?", distance=42195.0),
        T("hap.2", "What pace should I run instead of {pace} at {temperature} and {humidity:pct} humidity?"),
        T("hap.3", "Race-day forecast: {temperature}, dew point {dew_point}. How should I adjust a {pace} goal?",
          2),
    ],
    "heat_index": [
        T("hi.1", "What is the heat index at {temperature} and {humidity:pct} humidity?"),
        T("hi.2", "Heat index for {temperature} and {humidity:pct} relative humidity?"),
        T("hi.3", "How hot does {temperature} with a {dew_point} dew point feel?", 2),
    ],
    "grade_adjusted_pace": [
        T("gap.1", "I ran {pace} on a {grade} grade. What is my grade-adjusted pace?"),
        T("gap.2", "What is {pace} on a {grade} slope worth on the flat?"),
        T("gap.3", "I averaged {pace} over {distance} with {elevation_gain} of climbing. What's my grade-adjusted "
                   "pace?", 2),
    ],
    "equivalent_flat_distance": [
        T("efd.1", "A {distance} hike with {climb} of climbing - what is the equivalent flat distance?"),
        T("efd.2", "Equivalent flat distance of a {distance} trail race with {climb} of ascent?"),
        T("efd.3", "{distance} with {climb} up and {descent} down: what flat distance is that?", 2),
    ],
    "body_metrics": [
        T("body.1", "What is the frontal area of a {mass}, {height} sprinter?", result="frontal_area"),
        T("body.2", "How much air drag does a {mass}, {height} runner face at {speed}{+}?"),
        T("body.3", "Body surface area for {mass} and {height}?", result="bsa"),
        T("body.4", "Drag power for a {mass}, {height} athlete running {speed}{+}?", 2, result="drag_power"),
    ],
    "sprint_profile": [
        T("sp.1", "My splits were {times} at {distances}. What is my maximal sprinting speed?"),
        T("sp.2", "Sprint profile for {distances} splits of {times}?"),
        T("sp.3", "Sprint profile for {distances} splits of {times}; I weigh {mass} and am {height} tall. What are "
                  "F0, V0 and Pmax?", 2),
    ],
    # ``time`` is the athlete's time in the reference lane and ``lane`` the lane asked about; the
    # wind adds Mureika's lane-specific wind terms (said only with lanes 1-8, where they exist)
    "lane_effect": [
        T("lane.1", "How much slower is lane {lane} than lane {reference_lane} in a {sex:adj} 200 m?"),
        T("lane.2", "I ran {time} in lane {reference_lane} of a {sex:adj} 200 m. What would that be in lane "
                    "{lane}?", 2),
        T("lane.3", "Is lane {lane} a disadvantage in the {sex:adj} 200 m compared with lane {reference_lane}?"),
        T("lane.4", "A {time} {sex:adj} 200 m sprinter drew lane {lane} instead of lane {reference_lane}. What "
                    "should we expect?"),
        T("lane.5", "I usually run {time} in lane {reference_lane} in the {sex:adj} 200 m. What time should I "
                    "expect if I move to lane {lane}?"),
        T("lane.6", "How different is lane {lane} from lane {reference_lane} in a {sex:adj} 200 m run with "
                    "{wind:phrase}?", 2),
        T("lane.7", "{time} in lane {reference_lane}, wind {wind:signed}: what is that {sex:adj} 200 m worth in "
                    "lane {lane}?", 2),
        T("lane.8", "A {sex:adj} 200 m runner moves from lane {reference_lane} to lane {lane}. With a wind reading "
                    "of {wind:signed}, how much faster or slower should they be?", 2),
        T("lane.9", "Our {sex:adj} 200 m sprinter ran {time} from lane {reference_lane} with {wind:phrase}. In the "
                    "next round they drew lane {lane}; with the same wind, what time should we expect?", 3),
    ],
    "sprint_conditions": [
        T("cond.1", "Hand-timed {time:hand} {event} with {wind:signed} wind at {altitude}, what's the FAT "
                    "still-air time?", hand_timed=True),
        T("cond.2", "{time} {event}, wind {wind:signed}, at {altitude} and {temperature}: sea-level still-air "
                    "equivalent?"),
        T("cond.3", "Correct my {time} {event} for everything: wind {wind:signed}, altitude {altitude}, "
                    "temperature {temperature}.", 2),
    ],
})

MISSING_TEMPLATES.update({
    "vdot": [T("vdot.miss.time", "What is my VDOT for the {distance}{@day}?", _missing="time"),
             T("vdot.miss.time.2", "{@athlete} ran the {distance}{@day}. What VDOT is that?", _missing="time"),
             T("vdot.miss.dist", "I ran {time}{@day}. What is my VDOT?", _missing="distance")],
    "race_prediction": [
        T("pred.miss.time", "What {target_distance} time does my {distance}{@day} predict?", _missing="time"),
        T("pred.miss.time.2", "{@athlete} raced the {distance}{@day}. What could they run for {target_distance}?",
          _missing="time"),
        T("pred.miss.target", "I ran {distance} in {time}{@day}. What does that predict?",
          _missing="target_distance")],
    "heat_index": [T("hi.miss.t", "What is the heat index with {humidity:pct} humidity{@day}?",
                     _missing="temperature"),
                   T("hi.miss.t.2", "How hot did it feel with {humidity:pct} humidity at {@athlete}'s race{@day}?",
                     _missing="temperature")],
    "points": [T("pts.miss.time", "How many points is my {event}{@when}?", _missing="time"),
               T("pts.miss.time.2", "How many World Athletics points did {@athlete}'s {sex:adj} {event} "
                                    "score{@when}?", _missing="time"),
               T("pts.miss.event", "How many points is a {time} {sex:adj} run{@when}?", _missing="event")],
    "false_start": [T("fs.miss.rt.2", "Was {@athlete}'s start{@when} a false start?", _missing="reaction_time"),
                    T("fs.miss.rt.3", "The starter recalled the race{@when}. Did {@athlete} false-start?",
                      _missing="reaction_time"),
                    T("fs.miss.rt.4", "Check {@athlete}'s reaction time from the blocks{@when}: legal or not?",
                      _missing="reaction_time"),
                    T("fs.miss.rt.5", "{@athlete} was recalled for a false start{@when}. Was the call right?",
                      _missing="reaction_time"),
                    T("fs.miss.rt.6", "Did the start system get it right when it flagged {@athlete}{@when}?",
                      _missing="reaction_time")],
    "hand_timing": [T("hand.miss.time", "What is {@athlete}'s hand-timed {distance}{@when} worth in FAT?",
                      _missing="hand_time"),
                    T("hand.miss.time.2", "{@athlete} was hand-timed over {distance}{@when}. What is the "
                                          "electronic equivalent?", _missing="hand_time")],
    "altitude_correction": [T("alt.miss.time", "What is {@athlete}'s {event} at {altitude}{+} worth at sea level?",
                              _missing="time")],
    "even_splits": [T("split.miss.time", "What {split_distance} splits should {@athlete} run for the {distance}?",
                      _missing="time")],
    "equivalent_flat_distance": [T("efd.miss.climb", "What is the equivalent flat distance of {@athlete}'s "
                                                     "{distance} trail race{@day}?", _missing="climb")],
    "grade_adjusted_pace": [T("gap.miss.pace", "What is {@athlete}'s grade-adjusted pace on a {grade} grade?",
                              _missing="pace")],
    "temperature_effect_sprint": [T("temp.miss.time", "How much faster is {@athlete}'s {event}{+} at {temperature}?",
                                    _missing="time")],
    "body_metrics": [T("body.miss.height", "What is the frontal area of a {mass} sprinter{+}?", _missing="height"),
                     T("body.miss.mass", "{@athlete} is {height} tall. What is their frontal area{+}?",
                       _missing="mass")],
})

#: optional clauses switched off where they would make a request contradictory
for _k in [("air_density", "altitude"), ("air_density", "pressure"), ("air_density", "humidity"),
           ("air_density", "temperature"), ("heat_adjusted_pace", "humidity"), ("heat_adjusted_pace", "temperature"),
           ("heat_index", "humidity"), ("heat_index", "temperature"), ("temperature_effect_sprint", "temperature"),
           ("temperature_effect_sprint", "humidity"), ("body_metrics", "temperature"),
           ("sprint_conditions", "temperature"), ("sprint_profile", "temperature"), ("points", "lane")]:
    CLAUSES[_k] = []


# --- questions that need no calculation -----------------------------------------------------------
#: a slot's pool: words to pick from, or a sampler ``(rng, values drawn so far) -> (text, value)``
Sampler = Callable[[random.Random, dict[str, Any]], tuple[str, Any]]
Pool = Any  # tuple[str, ...] | Sampler

FREE_SLOT = re.compile(r"\{@(\w+)\}")


def fill(text: str, rng: random.Random, pools: dict[str, Pool]) -> tuple[str, dict[str, Any]]:
    """``text`` with every ``{slot}`` filled from ``pools`` and the values the slots took.

    Slots are drawn in the pools' order (so a pool may depend on one declared before it,
    like a time on its event); a slot named twice says the same thing twice."""
    said: dict[str, str] = {}
    values: dict[str, Any] = {}
    for n in _draw_order(text, tuple(pools)):
        pool = pools[n]
        if callable(pool):
            said[n], values[n] = pool(rng, values)
        else:
            said[n] = values[n] = _pick(rng, pool)
    out = articles(format_pattern(text).format_map(said))
    return out[:1].upper() + out[1:], values


@lru_cache(maxsize=1024)
def slot_names(text: str) -> tuple[str, ...]:
    """The names of ``text``'s ``{slot}`` / ``{slot:style}`` slots, each once, in order."""
    return tuple(dict.fromkeys(m.group(1) for m in SLOT.finditer(text)))


@lru_cache(maxsize=1024)
def _draw_order(text: str, pool_names: tuple[str, ...]) -> tuple[str, ...]:
    """``text``'s slot names in the order of ``pool_names`` (worked out once per template)."""
    rank = {k: i for i, k in enumerate(pool_names)}
    return tuple(sorted(slot_names(text), key=lambda n: rank[n]))


@lru_cache(maxsize=1024)
def format_pattern(text: str) -> str:
    """``text`` as a ``str.format_map`` pattern: each ``{slot}`` / ``{slot:style}`` becomes ``{slot}``
    and every other brace is escaped. Filling it is one C call, where ``SLOT.sub`` calls back
    into Python for every slot."""
    parts: list[str] = []
    last = 0
    for m in SLOT.finditer(text):
        if m.group(1).isdigit():  # str.format would read it as a positional index
            raise ValueError(f"slot names must not be numbers: {text!r}")
        parts += (text[last:m.start()].replace("{", "{{").replace("}", "}}"), "{" + m.group(1) + "}")
        last = m.end()
    parts.append(text[last:].replace("{", "{{").replace("}", "}}"))
    return "".join(parts)


def fill_free(text: str, rng: random.Random) -> str:
    """``text`` with its ``{@slot}`` words filled from :data:`FREE_FILLERS`."""
    out = articles(FREE_SLOT.sub(lambda m: _pick(rng, FREE_FILLERS[m.group(1)]), text))
    return out[:1].upper() + out[1:]


#: words after which "a" becomes "an" (vowel sounds, "800 m", "11", "18"), not "a university", "a one-line"
_AN = re.compile(r"\b([Aa]) (?=(?:[aei]|o(?!ne)|u(?!ni|s[eu])|8|1[18]\b))")


def articles(text: str) -> str:
    """"a" before a vowel sound written as "an" (slot fillers do not know their article)."""
    return _AN.sub(r"\1n ", text)


#: words that never carry a number the solver could use (safe in under-specified questions)
FREE_FILLERS: dict[str, tuple[str, ...]] = {
    "athlete": ("my sprinter", "my daughter", "my son", "my training partner", "our top junior", "my teammate",
                "my athlete", "my brother", "my sister", "our club captain", "my friend", "my partner",
                "my best hurdler", "our relay lead-off runner", "my twin", "my student"),
    "when": ("", "", "", " yesterday", " last weekend", " at the club championships", " at the county "
             "championships", " in the heats", " at last night's meet", " in the final", " this morning",
             " at the school sports day", " at the regional meet", " on Saturday", " last season",
             " at the indoor opener", " at the league match", " last month", " at the trials"),
    "day": ("", "", "", " yesterday", " last weekend", " on Saturday", " last month", " this morning",
            " on Sunday", " last week", " this season", " in the spring", " at the weekend"),
}

#: shared pools for concept, capability, greeting and off-topic questions (a concept's own
#: ``slots`` override these)
FILLERS: dict[str, Pool] = {
    "sex": ("men's", "women's"),
    "event": ("100 m", "200 m", "400 m", "110 m hurdles", "100 m hurdles", "400 m hurdles", "800 m", "1500 m",
              "mile", "3000 m steeplechase", "5000 m", "10,000 m", "half marathon", "marathon", "long jump",
              "triple jump", "high jump", "pole vault", "4 x 100 m relay", "4 x 400 m relay"),
    "run_event": ("100 m", "200 m", "400 m", "800 m", "1500 m", "mile", "5000 m", "10,000 m", "5K", "10K",
                  "half marathon", "marathon", "400 m hurdles", "cross-country", "trail", "steeplechase"),
    "sprint": ("100 m", "200 m"),
    "sprint_event": ("60 m", "100 m", "200 m", "400 m", "100 m hurdles", "110 m hurdles", "400 m hurdles"),
    "race": ("5K", "10K", "half marathon", "marathon", "track meet", "cross-country race", "parkrun",
             "10-mile race", "trail race", "relay", "mile race", "ultramarathon", "road mile", "fun run"),
    "distance_race": ("marathon", "half marathon", "10K", "10,000 m", "5000 m", "10-mile race", "city marathon",
                      "road 10K"),
    "year": tuple(str(y) for y in range(1984, 2025)),
    "champs": ("Olympics", "World Championships", "Commonwealth Games", "European Championships",
               "Diamond League final", "World Indoor Championships", "Pan American Games", "Asian Games",
               "African Championships", "NCAA Championships", "World U20 Championships"),
    "round": ("heat", "semi-final", "final", "B final", "qualifying round", "repechage"),
    "city": ("Eugene", "Zurich", "Nairobi", "Tokyo", "Berlin", "Doha", "Oslo", "Rome", "Kingston", "Boulder",
             "Mexico City", "London", "Paris", "Budapest", "Monaco", "Brussels", "Stockholm", "Lausanne",
             "Shanghai", "Rabat", "Chorzow", "Sydney", "Melbourne", "Toronto", "Boston", "Chicago", "New York",
             "Valencia", "Amsterdam", "Dublin", "Cape Town", "Addis Ababa", "Iten", "Madrid", "Lisbon",
             "Helsinki", "Prague", "Auckland", "Vancouver", "Seoul", "Osaka", "Glasgow", "Manchester", "Munich",
             "Copenhagen"),
    "country": ("Australia", "Canada", "Kenya", "Jamaica", "Norway", "Japan", "Brazil", "Ethiopia", "Peru",
                "New Zealand", "Portugal", "Morocco", "Finland", "Chile", "Vietnam", "Ghana", "Poland",
                "Argentina", "Iceland", "Mongolia", "Nigeria", "Sweden", "Uganda", "Botswana", "Ireland",
                "Scotland", "Bahamas", "Trinidad and Tobago", "Qatar", "South Africa"),
    "muscle": ("hamstrings", "calves", "hip flexors", "quads", "glutes", "Achilles", "lower back", "shins",
               "adductors", "IT band", "plantar fascia", "piriformis"),
    "injury": ("shin splints", "a pulled hamstring", "runner's knee", "plantar fasciitis", "an Achilles niggle",
               "a stress fracture", "a sprained ankle", "blisters", "a side stitch", "cramp", "black toenails",
               "a sore hip"),
    "session": ("track session", "hill sprints", "tempo run", "long run", "block starts", "speed endurance "
                "workout", "gym session", "plyometrics session", "race", "interval session", "easy run",
                "parkrun", "relay practice", "fartlek", "warm-up"),
    "phrase": ("personal best", "season best", "false start", "photo finish", "tail wind", "starting blocks",
               "finish line", "relay baton", "running track", "hurdles", "stopwatch", "world record",
               "warm-up", "cool-down", "spikes", "lane draw", "pacemaker", "home straight", "bell lap",
               "starting gun"),
    "language": ("French", "German", "Spanish", "Italian", "Japanese", "Portuguese", "Dutch", "Swahili",
                 "Polish", "Korean", "Norwegian", "Finnish", "Greek", "Turkish", "Hindi", "Amharic"),
    "genre": ("poem", "haiku", "limerick", "motivational quote", "short story", "song", "rap verse",
              "Instagram caption", "speech", "race-day mantra", "sonnet", "team chant"),
    "food": ("pasta", "porridge", "bananas", "beetroot juice", "coffee", "sushi", "pizza", "rice", "toast with "
             "honey", "energy gels", "chocolate milk", "pancakes", "curry", "oatmeal", "a bagel", "eggs",
             "protein shakes", "sports drinks"),
    "appointment": ("physio appointment", "sports massage", "gait analysis", "podiatrist visit", "blood test",
                    "bike fit", "track session slot", "hotel room", "team dinner", "chiropractor visit"),
    "people": ("marathon runners", "sprinters", "hurdlers", "coaches", "track officials", "starters",
               "pacemakers", "pole vaulters", "steeplechasers", "race walkers", "cross-country runners",
               "relay teams", "timekeepers", "parkrunners"),
    "gear": ("running shoe", "spike", "GPS watch", "heart-rate strap", "running jacket", "compression sock",
             "headlamp", "hydration vest", "foam roller", "treadmill", "trail shoe", "racing flat", "running cap",
             "sports bra", "running tights", "rain jacket", "massage gun", "running belt", "sunglasses",
             "base layer"),
    "runners": ("sprinters", "marathoners", "trail runners", "beginners", "masters runners", "hurdlers",
                "middle-distance runners", "kids", "heavier runners", "ultrarunners"),
    "when": ("this weekend", "tomorrow", "on Saturday morning", "next week", "on race day", "tonight",
             "on Sunday", "this afternoon", "during the marathon"),
    "when_before": ("night before", "morning of", "day before", "week before", "hour before"),
    "daypart": ("morning", "afternoon", "evening", "day"),
    "name": ("Sam", "Alex", "Priya", "Kofi", "Mei", "Lukas", "Amara", "Diego", "Sofia", "Tomasz", "Aisha",
             "Jonas", "Hana", "Mateo", "Chloe", "Yusuf", "Ingrid", "Ravi", "Nia", "Oliver", "Zanele", "Kenji",
             "Lucia", "Emeka", "Freya", "Omar", "Ana", "Felix", "Leila", "Marcus", "Elif", "Tariq", "Maya",
             "Bruno", "Grace", "Ivan", "Noor", "Pablo", "Ruth", "Wei"),
    "level": ("masters", "junior", "club", "college", "high-school", "veteran", "recreational", "beginner",
              "university", "county-level", "national-level", "under-20", "age-group", "elite", "para"),
    "who": ("coach", "training partner", "teammate", "physio", "dad", "mum", "sister", "brother",
            "club mates", "PE teacher", "running group", "partner", "S&C coach", "team captain"),
    "group": ("a masters sprint group", "our under-17 squad", "a university track team",
              "a high-school cross-country team", "the beginners at my running club", "a parkrun group",
              "a group of junior hurdlers", "a women's running club", "our relay squad", "a sports science class",
              "a group of young sprinters", "our club's endurance group", "a school athletics team",
              "a para-athletics squad", "a trail running group"),
    "doc": ("club newsletter", "blog post", "handout", "coaching-course assignment", "team briefing",
            "training manual", "podcast episode", "school project"),
    "thing": ("explanation", "breakdown", "answer", "summary", "advice", "walk-through", "table",
              "write-up", "overview", "tip"),
    "useful": ("useful", "helpful", "clear", "interesting", "handy", "eye-opening", "reassuring", "good"),
    "club": ("track club", "running club", "athletics club", "harriers", "striders", "road runners",
             "university team"),
    "audience": ("sprinters", "a masters sprinter", "distance runners", "a high-school coach", "my running club",
                 "marathoners", "hurdlers", "trail runners", "a sports science class", "a track coach",
                 "junior athletes", "a 400 m runner", "a parkrunner", "a race organiser", "an S&C coach",
                 "a meet official", "ultrarunners", "a university team", "beginners", "a statistician"),
    "topic": ("wind corrections", "altitude adjustments", "hand-time conversions", "race predictions", "VDOT",
              "training paces", "scoring-table points", "even splits", "heat-adjusted pacing",
              "grade-adjusted pace", "false-start checks", "air density", "sprint profiles", "lane effects",
              "interval sessions", "pace conversions"),
    "topic_area": ("wind", "altitude", "heat and humidity", "hills", "pacing", "race times", "scoring tables",
                   "reaction times", "sprint starts", "timing", "interval sessions", "air density"),
    "topic_kind": ("running", "sprinting", "track", "pacing", "race-day", "timing", "training", "road racing",
                   "athletics", "performance"),
    "data": ("times", "splits", "training", "race results", "pacing", "season", "PBs", "workouts"),
    "data2": ("split times", "race results", "training log", "interval session", "season's best marks",
              "relay splits", "club rankings", "race plan"),
    "role": ("sprint coach", "marathon runner", "high-school coach", "sports scientist", "masters sprinter",
             "race director", "track statistician", "PE teacher", "physio", "parent of a young sprinter",
             "club secretary", "data analyst"),
    "record": ("world", "Olympic", "European", "national", "championship", "area", "world junior",
               "world indoor", "masters world", "stadium"),
    "subject": ("the history of the marathon", "famous sprint rivalries", "running form", "the Olympics",
                "sprint training", "mental toughness", "marathon nutrition", "the four-minute mile",
                "women in athletics", "track and field statistics", "ultrarunning", "Kenyan distance running",
                "Jamaican sprinting", "the history of the relay", "sports psychology", "running injuries",
                "barefoot running", "the Boston Marathon", "cross-country running", "Paralympic athletics"),
    "media": ("book", "podcast", "documentary", "film", "biography", "YouTube channel"),
    "sport": ("cricket", "rugby", "curling", "handball", "lacrosse", "baseball", "water polo", "squash",
              "netball", "volleyball", "fencing", "badminton", "hurling", "Australian rules football",
              "ice hockey", "sumo", "kabaddi", "polo", "biathlon", "bobsleigh"),
    "official": ("starter", "track judge", "timekeeper", "wind gauge operator", "photo-finish judge",
                 "race referee", "marshal", "lap scorer"),
    "bpm": tuple(str(b) for b in range(38, 75)),
    "age": tuple(str(a) for a in range(16, 76)),
    "hour": ("6 am", "7 am", "8 am", "noon", "5 pm", "6 pm", "7 pm", "6:30 am", "5:30 pm", "9 am"),
    "month": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"),
    "music": ("rock", "hip-hop", "techno", "pop", "drum and bass", "reggae", "classical", "metal", "80s",
              "Afrobeats", "K-pop", "house"),
    "joke_kind": ("short", "silly", "clean", "nerdy", "dad", "one-line"),
    "weeks": tuple(str(w) for w in range(4, 21)),
    "champs_watch": ("watching the Olympics", "the World Championships final", "a Diamond League meet",
                     "our club championships", "the school sports day", "a televised marathon",
                     "the national trials", "a cross-country relay"),
    "weekday": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}

#: a sentence about who is asking, put in front of some questions (never a number the solver could use)
CONTEXTS: tuple[str, ...] = (
    "I'm a {level} {run_event} runner. ", "I coach {group} in {city}. ", "I'm a {role} from {city}. ",
    "My {who} asked me this after our {session}. ", "My {who} from the {club} and I can't agree on this one. ",
    "I'm writing a {doc} for {group}. ", "I've wondered about this since my last {race} in {city}. ",
    "My {who} and I disagree about this after {champs_watch}. ", "I'm preparing a {doc} about {topic_area}. ",
    "I'm {age} and just started {run_event} training. ",
)
#: below this many ways to fill a question, it nearly always gets a context sentence: a bare
#: question from a small set would mostly be de-duplicated away in a large run
FEW_COMBINATIONS = 300


def context(rng: random.Random) -> str:
    return fill(_pick(rng, CONTEXTS), rng, FILLERS)[0]


def combinations(text: str, pools: dict[str, Pool]) -> int:
    """Roughly how many distinct ways ``text``'s slots can be filled (a sampler counts as 30)."""
    n = 1
    for name in slot_names(text):
        pool = pools[name]
        n *= 30 if callable(pool) else len(pool)
    return n


def with_context(template: str, rng: random.Random, pools: dict[str, Pool],
                 p_context: float) -> tuple[str, dict[str, Any]]:
    """``template`` filled, with a sentence about who asks in front with probability ``p_context``
    (0.85 at least when the template has few fillings; 0 means never)."""
    text, values = fill(template, rng, pools)
    if p_context and combinations(template, pools) < FEW_COMBINATIONS:
        p_context = max(p_context, 0.85)
    if p_context and rng.random() < p_context:
        text = context(rng) + text
    return text, values


# quantities said in concept questions, read back like every other quantity
def _tail(rng: random.Random, values: dict[str, Any]) -> tuple[str, float]:
    w = rng.randint(1, 45) / 10.0
    text = _pick(rng, [f"{w:.1f} m/s", f"+{w:.1f} m/s"])
    return text, q.parse_wind(text)


def _strong_tail(rng: random.Random, values: dict[str, Any]) -> tuple[str, float]:
    w = rng.randint(21, 50) / 10.0
    text = _pick(rng, [f"{w:.1f} m/s", f"+{w:.1f} m/s"])
    return text, q.parse_wind(text)


def _reading(rng: random.Random, values: dict[str, Any]) -> tuple[str, float]:
    w = _pick(rng, [x for x in range(-30, 46) if x]) / 10.0
    text = _pick(rng, [f"{w:+.1f}", f"{w:+.1f} m/s"])
    return text, q.parse_wind(text)


def _wind_speed(rng: random.Random, values: dict[str, Any]) -> tuple[str, float]:
    w = rng.randint(5, 40) / 10.0
    return f"{w:.1f}", w


def _venue_altitude(rng: random.Random, values: dict[str, Any]) -> tuple[str, float]:
    # clear of the 1000 m line on either side, so feet rounding never changes the verdict
    m = rng.randint(5, 75) * 10 if rng.random() < 0.45 else rng.randint(130, 260) * 10
    ft = round(m / q.FOOT, -1)
    text = _pick(rng, [f"{m:,} m", f"{m} m", f"{m} metres", f"{ft:,.0f} ft", f"{ft:.0f} feet"])
    return text, q.parse_altitude(text)


_HAND_RANGES = {"100 m": (10.0, 13.9), "200 m": (20.4, 28.9), "100 m hurdles": (12.6, 17.0),
                "110 m hurdles": (13.2, 17.5), "400 m": (45.5, 62.0), "400 m hurdles": (49.0, 66.0)}


def _hand_time(rng: random.Random, values: dict[str, Any]) -> tuple[str, float]:
    lo, hi = _HAND_RANGES[values.get("hand_event", "100 m")]
    t = rng.randint(round(lo * 10), round(hi * 10)) / 10.0
    text = f"{t:.1f}"
    return text, q.parse_time(text)


def _race_pair(key: str) -> Sampler:
    order = ("mile", "3000 m", "5K", "5-mile race", "10K", "15K", "10-mile race", "half marathon", "marathon")

    def draw(rng: random.Random, values: dict[str, Any]) -> tuple[str, str]:
        if key == "race_to":
            i = order.index(values["race_from"]) if "race_from" in values else 0
            v = _pick(rng, [r for r in order[i + 1:]] or ["marathon"])
        else:
            v = _pick(rng, order[:-1])
        return v, v
    return draw


def _over_limit(values: dict[str, Any]) -> str | None:
    w = next((values[k] for k in ("tail", "strong_tail", "wind") if k in values), None)
    return None if w is None else ("over" if w > 2.0 + 1e-9 else "within")


def _wind_side(values: dict[str, Any]) -> str | None:
    w = values.get("wind")
    return None if w is None else ("tail" if w > 0 else "head")


_SPRINT_EVENTS = ("100 m", "200 m", "100 m hurdles", "110 m hurdles")
_DISTANCE_EVENTS = ("1500 m", "mile", "5000 m", "10,000 m", "half marathon", "marathon", "3000 m steeplechase")


def _altitude_side(values: dict[str, Any]) -> str | None:
    if "altitude" in values:
        return "above" if values["altitude"] > 1000.0 else "below"
    ev = values.get("alt_event", values.get("sprint_event2", values.get("distance_event")))
    if ev is None:
        return None
    return "sprint" if ev in _SPRINT_EVENTS else "distance"


def _hand_case(values: dict[str, Any]) -> str | None:
    ev = values.get("hand_event")
    return None if ev is None else ("long" if ev.startswith("400") else "short")


def _riegel_case(values: dict[str, Any]) -> str | None:
    return "long" if values.get("race_to") == "marathon" else None


@dataclass(frozen=True, eq=False)
class Concept:
    """A question a model should answer from facts, without the solver.

    ``answer`` holds the facts a teacher may use (validation accepts its numbers); it must
    stay true however the ``questions`` are filled. ``slots`` adds pools to :data:`FILLERS`.
    Where the right reply depends on a drawn value (is +2.5 m/s legal?), ``case`` names the
    branch of the rule the facts state and ``verdicts`` says it in words, adding no numbers
    the facts lack. ``offer`` is what the solver could add once the user gives numbers."""

    key: str
    questions: tuple[str, ...]
    answer: str
    slots: dict[str, Pool] = field(default_factory=dict)
    case: Callable[[dict[str, Any]], str | None] | None = None
    verdicts: dict[str, str] = field(default_factory=dict)
    offer: str = ""

    def verdict(self, template_id: str) -> str:
        """The verdict for a generated question's template id (``concept.<key>.<n>:<case>``)."""
        if not template_id.startswith(f"concept.{self.key}.") or ":" not in template_id:
            return ""
        return self.verdicts.get(template_id.rsplit(":", 1)[1], "")


@dataclass(frozen=True)
class ConceptQuestion:
    text: str
    concept: Concept
    number: int
    case: str | None

    @property
    def template_id(self) -> str:
        return f"concept.{self.concept.key}.{self.number}" + (f":{self.case}" if self.case else "")


#: explanations a model should give without calling the solver (facts kept to what the
#: references state; numbers here are allowed in answers to these questions). Questions never
#: carry the numbers a calculation needs (a time with its conditions, a reaction time): those
#: are calculation or missing-input questions.
CONCEPTS: tuple[Concept, ...] = (
    Concept("wind_legal", (
        "What counts as a legal wind for a sprint record?",
        "Is a {tail} tailwind legal for records in the {wind_event}?",
        "What is the wind limit for records in the {wind_event}?",
        "Would a {wind_event} run with a {tail} tailwind count for records?",
        "Does a wind reading of {wind} make a {sex} {wind_event} mark wind-assisted?",
        "The scoreboard showed {wind} after the {sex} {wind_event} {round}. Is the result wind-legal?",
        "Is {wind} a legal wind for a {wind_event} record?",
        "At what tailwind does a {wind_event} result become wind-assisted?",
        "My {wind_event} at the {meet} had a {tail} tailwind. Can it count as a record?",
        "Can a {wind_event} mark set with a {tail} tailwind go in the record books?",
        "Why was a {sex} {wind_event} result with a {strong_tail} tailwind marked wind-assisted?",
    ),
        "For the 100 m, 200 m, the sprint hurdles and the horizontal jumps, World Athletics rules accept a "
        "performance for records only when the measured tail wind is at most +2.0 m/s; any head wind (a "
        "negative reading) is within the limit. A faster time with more wind still stands as a result, but it "
        "is marked wind-assisted.",
        slots={"wind_event": ("100 m", "200 m", "100 m hurdles", "110 m hurdles", "long jump", "triple jump"),
               "tail": _tail, "strong_tail": _strong_tail, "wind": _reading,
               "meet": ("club championships", "county championships", "school sports", "league meet",
                        "national championships", "regional final", "university championships")},
        case=_over_limit,
        verdicts={"over": "A reading like this one is over the limit, so the mark is wind-assisted and does not "
                          "count for records.",
                  "within": "A reading like this one is within the limit, so the wind does not stop the mark "
                            "counting for records."},
        offer="If you send me the time and the wind reading, I can also work out its still-air equivalent."),
    Concept("wind_sign", (
        "Is a negative wind reading a headwind or a tailwind?",
        "What does {wind} mean next to a {wind_event} time?",
        "How do I read the wind figure on a {wind_event} results sheet?",
        "Is a {wind} wind reading a headwind or a tailwind?",
        "The results list {wind} for the {sex} {wind_event} {round}. Was the wind behind the runners or "
        "against them?",
        "In the {wind_event}, does a reading of {wind} mean the wind was helping?",
        "Why do some {wind_event} results show a minus sign in the wind column?",
        "Which way was the wind blowing if the {wind_event} reading says {wind}?",
        "What unit is the wind reading in for the {sex} {wind_event}?",
    ),
        "Wind readings follow the World Athletics convention: a positive number is a tail wind that pushes "
        "the runners along the straight, a negative number is a head wind against them. The figure is in "
        "metres per second, measured along the home straight.",
        slots={"wind_event": ("100 m", "200 m", "100 m hurdles", "110 m hurdles", "long jump", "triple jump"),
               "wind": _reading},
        case=_wind_side,
        verdicts={"tail": "This reading is positive, so it was a tail wind, behind the runners.",
                  "head": "This reading is negative, so it was a head wind, against the runners."}),
    Concept("wind_asymmetry", (
        "Does a headwind hurt more than a tailwind of the same strength helps in the {sprint}?",
        "Is a {speed} m/s headwind as costly as a {speed} m/s tailwind is helpful in the {sprint}?",
        "Why do headwinds cost sprinters more than tailwinds give back?",
        "If the wind is {speed} m/s against us one day and {speed} m/s behind us the next, do the effects on a "
        "{sprint} cancel out?",
        "Do headwinds and tailwinds affect a {level} sprinter equally in the {sprint}?",
        "Which matters more in the {sex} {sprint}: a headwind or a tailwind of the same speed?",
    ),
        "A head wind costs more time than a tail wind of the same speed gives back. Air drag grows with the "
        "square of the runner's speed relative to the air, so running into the wind adds more drag than the "
        "same wind from behind removes (Linthorne 1994; Mureika's correction has the same shape). At low "
        "altitude a +2.0 m/s tail wind is worth roughly 0.10-0.12 s in the 100 m (Mureika 2000).",
        slots={"speed": _wind_speed},
        offer="Send me a time and a wind reading and I can work out the correction for that race."),
    Concept("wind_who", (
        "Do {group2} gain more from a tailwind than elite men?",
        "Does the same wind help a slower sprinter more than a faster one in the {sprint}?",
        "Is a tailwind worth more to {group2} than to world-class sprinters?",
        "Why do slower runners lose more time to a headwind in the {sprint}?",
        "Does a headwind cost {group2} more than it costs elite sprinters?",
    ),
        "The slower the runner, the longer they spend in the wind, so the same wind changes their time more. "
        "Linthorne (1994) estimated a +2 m/s tail wind at about 0.10 s for men and 0.12 s for women in the "
        "100 m, and Moinat et al. (2018), from 150,169 results, found that a 13 s 100 m runner gains about "
        "69 % more from the same wind than a 10 s runner. Smaller, lighter athletes also meet more air drag "
        "for each kilogram of body mass.",
        slots={"group2": ("women sprinters", "masters sprinters", "junior sprinters", "club sprinters",
                          "slower sprinters", "school sprinters", "smaller sprinters", "lighter athletes",
                          "13-second 100 m runners", "veteran sprinters", "beginner sprinters",
                          "age-group hurdlers")}),
    Concept("wind_200", (
        "Why is the wind reading less meaningful in the 200 m?",
        "Does a +2.0 m/s reading help a {sex} 200 m as much as a 100 m?",
        "How is the wind measured in a {sex} 200 m {round}?",
        "Does the wind on the bend count in the 200 m wind reading?",
        "Can two {sex} 200 m races with the same wind reading have different conditions?",
        "Why do 200 m runners worry about the wind on the bend?",
    ),
        "In the 200 m the wind gauge measures only along the home straight, while the runners also run the "
        "bend, where the same wind blows across or against them. Quinn (2003) calculated that a +2 m/s "
        "reading on the straight amounts to an average tail wind of only about 0.95 m/s over the whole "
        "200 m, and that the same official reading can hide differences of up to 0.5 s."),
    Concept("altitude_mark", (
        "What does the 'A' after a sprint time mean?",
        "Why do some {alt_list_event} results have an A next to them?",
        "Would a {alt_list_event} run at a venue {altitude} above sea level get an 'A' in the results?",
        "Our {meet} is at {altitude} altitude. Will marks there be flagged with an A?",
        "Is a track at {altitude} high enough for altitude-assisted marks?",
        "What altitude makes a {alt_list_event} mark altitude-assisted?",
        "We race at a stadium {altitude} above sea level. Do {sex} sprint times there get an A?",
        "Does a {alt_list_event} at {altitude} count as an altitude mark?",
    ),
        "An 'A' marks a performance set at altitude, conventionally at a venue more than 1000 m above sea "
        "level. Thinner air means less aerodynamic drag, which helps sprinters, so such marks are flagged.",
        slots={"alt_list_event": ("100 m", "200 m", "400 m", "sprint", "hurdles", "long jump", "triple jump",
                                  "400 m hurdles"),
               "altitude": _venue_altitude,
               "meet": ("club championships", "county championships", "school sports", "league meet",
                        "national championships", "regional final", "university championships")},
        case=_altitude_side,
        verdicts={"above": "This venue is higher than that, so marks set there carry the A.",
                  "below": "This venue is lower than that, so its marks are not flagged as altitude-assisted."}),
    Concept("altitude_effect", (
        "Why does altitude help sprinters but hurt distance runners?",
        "Is it easier to sprint fast at altitude?",
        "Does altitude help or hurt in the {alt_event}?",
        "Is it easier to run a fast {alt_event} at altitude?",
        "Should a {level} {distance_event} runner look for a race at altitude to run a fast time?",
        "Why are {sprint_event2} times faster at altitude?",
        "Would racing the {sex} {alt_event} in a high-altitude city help or hurt?",
        "Why do {distance_event} runners run slower at altitude when sprinters run faster?",
    ),
        "At altitude the air is less dense, so a sprinter pushes through less aerodynamic drag and runs a "
        "little faster. Distance runners also feel the lower oxygen pressure, which limits their aerobic "
        "energy supply, and that costs more than the reduced drag gains.",
        slots={"alt_event": _SPRINT_EVENTS + _DISTANCE_EVENTS, "sprint_event2": _SPRINT_EVENTS,
               "distance_event": _DISTANCE_EVENTS},
        case=_altitude_side,
        verdicts={"sprint": "For a sprint like this one, the lower drag wins: altitude helps.",
                  "distance": "For a distance race like this one, the lack of oxygen wins: altitude slows "
                              "runners down."}),
    Concept("altitude_size", (
        "Roughly how much does altitude help in the {sprint}?",
        "How big is the altitude advantage in the {sex} {sprint}?",
        "Is the altitude boost bigger in the 200 m than in the 100 m?",
        "How much does thin air help a {level} sprinter in general?",
        "In general, how much faster are {sprint} times at a high-altitude venue?",
        "Is the altitude advantage in the 200 m worth as much as a legal tailwind?",
    ),
        "Thinner air at altitude lowers the drag on a sprinter. Mureika (2000) puts the gain for a 100 m with "
        "no wind at roughly 0.03-0.04 s for every 1000 m of altitude, with larger effects in the 200 m; Quinn "
        "(2003) found 1500 m of altitude worth about 0.11 s in the 200 m, about as much as a +2 m/s tail wind "
        "at sea level. Linthorne (2016) observed a larger advantage in Mexico City (2250 m): about 0.19 s for "
        "men in the 100 m.",
        offer="Give me a time and the venue's altitude and I can work out the sea-level equivalent."),
    Concept("hand_timing", (
        "Why are hand times faster than electronic times?",
        "Is a hand-timed {htime} the same as an electronic {htime} in the {hand_event}?",
        "Does a {htime} hand time in the {hand_event} equal a {htime} on the electronic clock?",
        "My {who} timed me at {htime} by hand over the {hand_event}. Is that as good as {htime} fully "
        "automatic?",
        "Why do {hand_event} hand times get an amount added before they're compared with FAT?",
        "How much is usually added to a hand time in the {hand_event}, and why?",
        "Can I compare a hand-timed {htime} {hand_event} with electronic times?",
        "Why don't hand times and fully automatic times match in the {sex} {hand_event}?",
    ),
        "Hand timekeepers start their watches when they see the start signal and stop them as the runner "
        "crosses the line, and their reaction at the start makes hand times read fast. That is why hand "
        "times are not equivalent to fully automatic (FAT) times. The usual conversion rounds the hand time "
        "up to the next 0.1 s and then adds 0.24 s for races shorter than 300 m, such as the 100 m, 200 m and "
        "sprint hurdles, or 0.14 s for races from 300 m to under 800 m, such as the 400 m and 400 m hurdles.",
        slots={"hand_event": tuple(_HAND_RANGES), "htime": _hand_time},
        case=_hand_case,
        verdicts={"short": "For a race of this length the usual conversion adds 0.24 s to the hand time.",
                  "long": "For a race of this length the usual conversion adds 0.14 s to the hand time."},
        offer="Send me the hand time and the distance and I can convert it for you."),
    Concept("false_start", (
        "What reaction time counts as a false start?",
        "How fast can a sprinter react before it is a false start?",
        "What reaction time counts as a false start in the {sprint_event}?",
        "How fast can a {level} sprinter react in the {sprint_event} before it is a false start?",
        "How does the start system decide a false start in the {sex} {sprint_event}?",
        "How many false starts are allowed in a {sex} {sprint_event} {round}?",
        "Is there a minimum reaction time for a {sprint_event} start?",
        "What happens if a sprinter false-starts in the {sprint_event} {round} at the {champs}?",
        "Why can a sprinter be disqualified for reacting too quickly in the {sprint_event}?",
    ),
        "Under World Athletics rules a start is false when the starting blocks register a reaction faster "
        "than 0.100 s after the gun; anything at or above 0.100 s is a legal start. The start information "
        "system signals a possible false start and the starter then examines the reaction times. Since 2010 "
        "a single false start is enough for disqualification.",
        slots={"champs": ("Olympics", "World Championships", "Commonwealth Games", "European Championships",
                          "Diamond League final", "World Indoor Championships", "World U20 Championships")},
        offer="Give me a reaction time and I can check it against the limit."),
    Concept("vdot", (
        "What is VDOT?", "What does a VDOT score mean for a runner?",
        "What does a VDOT score mean for a {level} {run_event} runner?",
        "Is VDOT the same as VO2max?",
        "My {who} says my VDOT went up. What does that mean?",
        "Where does the VDOT number on my {device} come from?",
        "Can I compare VDOT between a {race_from} and a {race_to}?",
        "Why do {who2} use VDOT to set training paces?",
        "Who came up with VDOT, and what does it measure?",
    ),
        "VDOT is Jack Daniels' index of running ability: a pseudo-VO2max derived from a race performance with "
        "the equations of Daniels and Gilbert (Oxygen Power, 1979). It is not a laboratory VO2max measurement "
        "but the value a race result implies. Runners with the same VDOT should run equivalent performances "
        "across distances, and the index is used to set training paces.",
        slots={"race_from": _race_pair("race_from"), "race_to": _race_pair("race_to"),
               "device": ("running watch", "training app", "coach's spreadsheet", "club's website",
                          "training plan"),
               "who2": ("coaches", "running clubs", "training plans", "college coaches", "online coaches")},
        offer="Send me a race time and distance and I can work out your VDOT."),
    Concept("daniels_zones", (
        "What are Daniels' E, M, T, I and R paces?",
        "What is {zone_word} pace in Jack Daniels' system?",
        "How do Daniels' training zones work for a {level} runner?",
        "What's the difference between threshold and interval pace in Daniels' plans?",
        "Why does my {run_event} plan talk about E, T and I pace?",
    ),
        "Jack Daniels sets five training intensities from a runner's VDOT: E (easy), M (marathon pace), "
        "T (threshold), I (interval) and R (repetition). Each has its own pace, from the comfortable easy "
        "pace up to the fast repetition pace, so workouts target different qualities.",
        slots={"zone_word": ("easy", "marathon", "threshold", "interval", "repetition", "E", "T", "I", "R")},
        offer="Give me a recent race or your VDOT and I can work out your paces."),
    Concept("riegel", (
        "What is the Riegel formula?",
        "How accurate is the Riegel formula for predicting a {race_to} from a {race_from}?",
        "Why does the Riegel formula use an exponent of 1.06?",
        "Can I trust a Riegel prediction of my {race_to} from my {race_from}?",
        "Is the Riegel formula reliable for a {level} runner?",
        "What are the limits of the Riegel race-time formula for a {race_to}?",
    ),
        "Riegel's formula predicts a time T2 over distance D2 from a time T1 over D1 as "
        "T2 = T1 × (D2 / D1)^1.06 (Riegel 1981). The exponent 1.06 is typical; values up to about 1.08 fit "
        "elite runners. It works best for efforts between about 3.5 minutes and 3 h 50 min, and for many "
        "runners it is optimistic beyond the half marathon (Vickers and Vertosick 2016).",
        slots={"race_from": _race_pair("race_from"), "race_to": _race_pair("race_to")},
        case=_riegel_case,
        verdicts={"long": "For a target as long as the marathon, treat a Riegel prediction as optimistic."},
        offer="Send me a race time and I can run the prediction for you."),
    Concept("gap", (
        "What is grade-adjusted pace?", "Why does my watch show a grade-adjusted pace?",
        "Why does my {device2} show a grade-adjusted pace after a {hilly_run}?",
        "Why was my grade-adjusted pace faster than my actual pace on a {hilly_run}?",
        "Is grade-adjusted pace useful for a {hilly_run}?",
        "How does grade-adjusted pace treat the downhills on a {hilly_run}?",
        "Should a {level} runner train by grade-adjusted pace on a {hilly_run}?",
    ),
        "Grade-adjusted pace converts your pace on hills into the pace that would take the same effort on "
        "flat ground. Uphill running costs more energy per kilometre, so its grade-adjusted pace is faster "
        "than the actual pace; gentle downhills make it slower. Models differ: Minetti et al. (2002) use the "
        "measured energy cost of running on slopes, while Strava's 2017 model uses heart-rate data from "
        "millions of runs.",
        slots={"device2": ("watch", "GPS watch", "Strava", "training app", "running app"),
               "hilly_run": ("hilly 10K", "trail half marathon", "fell race", "hill-repeat session",
                             "mountain race", "rolling long run", "cross-country race", "hilly marathon",
                             "trail run", "skyrace", "hilly parkrun", "canyon run")},
        offer="Give me a pace and the gradient and I can work out the grade-adjusted pace."),
    Concept("downhill", (
        "Is running downhill always easier than running on the flat?",
        "What is the most economical downhill gradient for running?",
        "Does a steeper downhill always make running cheaper on a {hilly_run}?",
        "Why does running down very steep slopes on a {hilly_run} feel hard?",
        "How steep a descent gives the lowest energy cost for a {level} runner?",
    ),
        "Running downhill is only cheaper up to a point. Minetti et al. (2002) measured the energy cost of "
        "running at 3.40 J/kg/m on the level, falling to a minimum of 1.73 J/kg/m at about a -20 % gradient "
        "and rising again on steeper descents (3.92 J/kg/m at -45 %). Strava's grade-adjusted pace likewise "
        "stopped growing the downhill credit below about -20 % (2013).",
        slots={"hilly_run": ("fell race", "mountain race", "trail race", "skyrace", "hill session",
                             "downhill mile", "hilly marathon", "trail ultra")}),
    Concept("heat_effect", (
        "Why do marathon times get slower in the heat?",
        "Does hot weather really slow runners down?",
        "Why do {distance_race} times get slower in the heat?",
        "Does hot weather really slow {level} runners down in the {distance_race}?",
        "Do slower runners suffer more than the leaders in a hot {distance_race}?",
        "Are women affected by heat as much as men in the {distance_race}?",
        "Why did everyone run slower at the hot {distance_race} in {city}?",
    ),
        "In warm weather the body must send more blood to the skin to lose heat, leaving less for the "
        "working muscles, and sweating raises the risk of dehydration. Studies of big-city marathons find "
        "finishing times rise steadily as race-day temperature climbs above the cool optimum (Ely et al. "
        "2007), slower runners lose more than the leaders, and men and women are affected alike (Montain et "
        "al. 2007).",
        offer="Give me your goal pace and the forecast and I can work out a heat-adjusted pace."),
    Concept("heat_optimum", (
        "What is the ideal temperature for a {distance_race}?",
        "What weather is best for a fast {distance_race}?",
        "At what temperature do {level} runners run their best {distance_race}?",
        "Is there an optimal temperature for endurance racing?",
        "Does the best temperature for a {distance_race} depend on how fast you are?",
    ),
        "In a study of 1258 endurance races, Mantzios et al. (2022) found the best performances at a WBGT "
        "(a heat-stress index) of about 7.5-15 °C, roughly 10-17.5 °C air temperature, with performance "
        "falling by about 0.3-0.4 % per °C of WBGT outside that range. El Helou et al. (2012), from about 1.8 "
        "million marathon finishes, found that the best temperature depends on the runner's level."),
    Concept("dew_point_rule", (
        "What is the temperature plus dew point rule for running?",
        "How do I adjust my {distance_race} pace for temperature and dew point?",
        "How does the temperature-plus-dew-point method work for {level} runners?",
        "Does the temperature plus dew point rule apply to interval sessions too?",
    ),
        "A popular rule of thumb from Mark Hadley's Maximum Performance Running blog adds the air "
        "temperature and the dew point, both in °F: up to 100 no pace adjustment is needed; 101-110: up to 0.5 %; 111-120: 0.5-1.0 %; 121-130: "
        "1.0-2.0 %; 131-140: 2.0-3.0 %; 141-150: 3.0-4.5 %; 151-160: 4.5-6.0 %; 161-170: 6.0-8.0 %; "
        "171-180: 8.0-10.0 %; above 180 hard running is not recommended. For repeats such as 400s, 800s or "
        "miles, use half the adjustment.",
        offer="Give me your pace, the temperature and the dew point and I can work out the adjustment."),
    Concept("sprint_temperature", (
        "Do sprinters run faster in warm weather?",
        "Does humidity slow down a {sprint}?",
        "Is a hot day good for a fast {sex} {sprint}?",
        "Does air pressure matter for {sprint} times?",
        "How much does the air temperature matter in the {sprint}, in general?",
        "Is cold weather bad for {level} sprinters' times?",
    ),
        "Temperature affects a sprint mainly through air density: warm air is less dense, so it holds a "
        "sprinter back slightly less. Mureika (2006) estimated about 0.01 s per 10 °C in a 100 m with no "
        "wind; humidity changes a 100 m time by less than 0.01 s in all realistic conditions and barometric "
        "pressure by about 0.01 s. The effects are larger in the 200 m.",
        offer="Give me a time and the temperatures and I can work out the effect."),
    Concept("air_resistance", (
        "How much of a {runner_type}'s energy goes into pushing through the air?",
        "Does air resistance matter for {runner_type}s?",
        "Is air resistance a big deal in the {air_event}?",
        "Why does air resistance matter more for sprinters than for marathoners?",
        "What share of a {level} {runner_type}'s effort is spent on air drag?",
    ),
        "Air resistance takes a larger share of the energy the faster you run. Davies (1980) estimated it at "
        "about 7.8 % of the energy cost when sprinting at 10 m/s, 4 % for middle-distance running at 6 m/s "
        "and 2 % for marathon running at 5 m/s; Pugh (1971) put it at up to about 7.5 % in track running.",
        slots={"air_event": ("100 m", "200 m", "400 m", "800 m", "1500 m", "mile", "5000 m", "10,000 m",
                             "half marathon", "marathon"),
               "runner_type": ("sprinter", "400 m runner", "middle-distance runner", "miler", "5000 m runner",
                               "marathoner", "hurdler", "10K runner")}),
    Concept("scoring_tables", (
        "How do World Athletics scoring tables work?",
        "How can scoring-table points compare a {pts_event} with a {pts_event2}?",
        "Why are decathlon points different from World Athletics scoring-table points?",
        "How are scoring-table points for a {sex} {pts_event} worked out?",
        "Why do the scoring tables give more points for each hundredth at the fast end of the {sex} "
        "{sprint_event}?",
    ),
        "The World Athletics scoring tables (the Spiriev tables) turn a performance into points so results "
        "in different events can be compared. For running events the points grow with the square of the "
        "margin by which a time beats an event-specific baseline, rounded down to whole points, so each "
        "hundredth is worth more at the fast end. Combined events (decathlon, heptathlon) use separate "
        "tables of the form A × (B − T)^C. The tables are revised from time to time (there are 2017 and "
        "2022 editions, for example).",
        slots={"pts_event": ("100 m", "200 m", "400 m", "110 m hurdles", "100 m hurdles", "400 m hurdles",
                             "800 m", "1500 m", "mile", "5000 m", "marathon", "60 m"),
               "pts_event2": ("long jump", "high jump", "shot put", "javelin", "10,000 m", "half marathon",
                              "3000 m steeplechase", "triple jump", "pole vault", "discus")},
        offer="Give me an event and a time and I can score it for you."),
    Concept("naismith", (
        "What is Naismith's rule?",
        "How do I estimate my time for a {hilly_route} with lots of climbing?",
        "What is an equivalent flat distance?",
        "How much extra is a climb worth on a {hilly_route}?",
        "How do {level} hill runners account for ascent when planning a {hilly_route}?",
    ),
        "Naismith's rule (1892) allows 1 hour for every 5 km of distance plus 1 hour for every 600 m of "
        "ascent; Langmuir's corrections take time off for gentle descents and add it for very steep ones. "
        "Scarf's equivalent flat distance counts each metre of climb as about 8 metres on the flat: 20 km "
        "with 1.6 km of climb counts as 32.8 km.",
        slots={"hilly_route": ("hike", "fell race", "mountain marathon", "trail ultra", "hill walk",
                               "skyrace", "trail half marathon", "mountain run", "ridge traverse")},
        offer="Give me the distance and the climb and I can work out the flat equivalent."),
    Concept("pace_speed", (
        "What's the difference between pace and speed?",
        "Why do {runners} talk about pace instead of speed?",
        "Is a lower pace number faster?",
        "Why does my watch show pace in {pace_unit} while the treadmill shows speed in {speed_unit}?",
        "Should a {level} runner think in pace or in speed?",
    ),
        "Pace is the time taken per unit of distance, such as minutes per kilometre or per mile; speed is the "
        "distance covered per unit of time, such as metres per second, kilometres per hour or miles per hour. "
        "One is the reciprocal of the other, so a faster runner has a higher speed but a lower pace number.",
        slots={"runners": ("runners", "marathoners", "coaches", "distance runners", "running apps",
                           "trail runners", "parkrunners", "running clubs"),
               "pace_unit": ("min/km", "min/mile", "minutes per kilometre", "minutes per mile"),
               "speed_unit": ("km/h", "mph", "kilometres per hour", "miles per hour")},
        offer="Give me a pace or a speed and I can convert it."),
    Concept("fv_profile", (
        "What is a force-velocity profile in sprinting?",
        "What do F0, V0 and Pmax mean for a {level} sprinter?",
        "Can I get a sprint force-velocity profile from {tool}?",
        "What is maximal sprinting speed (MSS) in a sprint profile?",
        "Why would a {role} measure a sprinter's force-velocity profile?",
    ),
        "A sprint force-velocity profile describes how much horizontal force an athlete can produce at each "
        "running speed. Samozino et al. (2016) showed it can be computed from split times or speed "
        "measurements (radar or laser) by fitting the speed curve v(t) = MSS (1 - e^(-t/tau)), where MSS is "
        "the maximal sprinting speed and tau the time constant of the acceleration, and adding air resistance. "
        "The profile gives F0 (the theoretical maximal force at zero speed), V0 (the theoretical maximal speed "
        "at zero force) and Pmax = F0 × V0 / 4; for sprinters Samozino et al. report F0 of about 638 N, V0 of "
        "about 10.5 m/s and Pmax of about 1680 W.",
        slots={"tool": ("timing gates", "a radar gun", "a laser speed device", "split times", "timing-gate "
                        "splits")},
        offer="Send me your split times and I can fit the profile."),
)
CONCEPT_INDEX = {c.key: c for c in CONCEPTS}
#: each concept's slot pools (its own over the shared :data:`FILLERS`), merged once
_CONCEPT_POOLS = {c.key: {**FILLERS, **c.slots} for c in CONCEPTS}


def concept_facts(key: Any) -> str:
    """The reference facts of concept ``key`` ("" for an unknown concept): what a teacher may
    say, and the numbers validation accepts in its answer."""
    c = CONCEPT_INDEX.get(str(key))
    return c.answer if c is not None else ""


def concept_question(rng: random.Random, p_context: float = 0.5) -> ConceptQuestion:
    """A concept question with its slots filled (and sometimes a sentence about who asks)."""
    c = CONCEPTS[int(rng.random() * len(CONCEPTS))]
    n = int(rng.random() * len(c.questions))
    text, values = with_context(c.questions[n], rng, _CONCEPT_POOLS.get(c.key) or {**FILLERS, **c.slots},
                                p_context)
    return ConceptQuestion(text, c, n, c.case(values) if c.case else None)


#: off-topic questions with slots, so a large dataset keeps distinct "don't call the solver" rows;
#: each stays clearly outside what the solver does (no running numbers to compute)
OUT_OF_SCOPE_TEMPLATES: tuple[str, ...] = (
    "Who holds the {sex} {event} {record} record?", "Who won the {sex} {event} at the {year} {champs}?",
    "When is the next {champs}, and will {country} send a {event} team?",
    "What's the weather forecast for {city} {when}?",
    "Can you recommend a pair of spikes for a {level} {event} athlete?",
    "What should a {level} runner eat the {when_before} a {race}?",
    "How should a {level} athlete stretch their {muscle} after a {session}?", "Translate '{phrase}' into {language}.",
    "Can you write a {genre} about my {race} for my {who}?",
    "Which hotel near the stadium in {city} is best for the {champs}?",
    "Is it worth buying carbon-plated shoes as a {level} runner for a {race}?",
    "Can you make me a {music} playlist for my {session}?",
    "What's the capital of {country}? I'm racing there {when}.",
    "Who will win the {sex} {event} final at the next {champs}?",
    "Can you book me a {appointment} in {city}?", "Which {gear} brand is best for {runners}?",
    "Tell me a {joke_kind} joke about {people} at the {champs}.",
    "I'm {age} and my resting heart rate is {bpm} bpm. What's my VO2max?",
    "Can you diagnose my {muscle} pain after my {session}?", "How do I treat {injury} before my {race}?",
    "Is {food} a good idea before a {race}?",
    "How do I get from the airport to the stadium in {city} for the {champs}?",
    "Can you register me for the {city} {race}?", "What time does the {city} {race} start {when}?",
    "What should I pack for a {race} in {city}?", "Write an email to my {who} about missing today's {session}.",
    "How do I get sponsored as a {level} {event} athlete?", "Set a reminder for my {session} on {weekday} at {hour}.",
    "Who coaches the {country} {event} team?", "How much do tickets for the {champs} in {city} cost?",
    "Can you recommend a {media} about {subject} for {audience}?",
    "Can you explain the rules of {sport} to {audience}?",
    "How do I become a {official} at {level} meets in {country}?",
    "Which {country} athletes are favourites for the {event} at the {champs}?",
    "Where can I watch the {city} {race} live?", "What's the history of the {event} at the {champs}?",
    "Is {food} healthy for {runners}?", "Can you find me a {club} in {city}?",
    "What's a good present for a {level} {event} athlete?", "How do I clean my {gear} after a muddy {race}?",
    "Can you summarise the news about the {sex} {event} at the {champs}?",
    "What music do {country} {people} listen to before races?", "Can you recommend a physio in {city} for {injury}?",
    "Plan me a sightseeing day in {city} after my {race}.", "Tell me a fun fact about {people} from {country}.",
    "What's the best {gear} for running in {city} in {month}?",
    "Can you recommend a restaurant in {city} for a pasta party before the {race}?",
    "How do I ask my {who} for a day off before the {race}?",
    "What's the exchange rate for my trip to the {champs} in {city}?",
    "Which city in {country} is best for a running holiday in {month}?",
)

GREETING_TEMPLATES: tuple[str, ...] = (
    "Good {daypart} from {city}!", "Hi, I'm {name} and I do the {event}.",
    "Hello from a {level} {event} athlete in {city}!", "Thanks, that {thing} was really {useful}!",
    "Cheers for the help with my {event} {thing}!", "Hey, {name} here, {level} {event} athlete. Nice to meet you!",
    "Thank you so much, my {who} will love this {thing}!", "Morning! {name} from {city} here.",
    "Hi there, greetings from the {city} {club}!", "Thanks again for the {thing} on my {race}!",
    "Hello! {name} here, I coach {group}.", "Thank you, {name} from the {city} {club} says hi!",
)

CAPABILITY_TEMPLATES: tuple[str, ...] = (
    "What can you calculate for {audience}?", "What kinds of {topic_kind} questions can you answer?",
    "Which calculations do you support for {audience}?", "How can you help me with my {run_event} {data}?",
    "Can you help with {topic} as well as {topic2}?", "I'm a {role}. What sort of numbers can you work out for me?",
    "Before I send you my {data2}, what can you do with them?", "Do you only do {topic}, or other running "
    "calculations too?", "What are you able to calculate about {topic_area}?", "Give me a list of the "
    "calculations you can do for {audience}.", "What running maths can you do for a {level} {event} athlete?",
    "Which {run_event} numbers can you work out?", "Is {topic} something you can calculate?",
    "Tell me what you can calculate before my {race}.", "What tools do you have for {audience}?",
    "What are your capabilities for {topic_area} questions?", "Can you explain what kinds of calculations you "
    "do, for {audience}?", "How would you help {audience} with {topic}?",
    "What can you tell a {role} about {topic_area}?", "Which {topic_kind} calculations can I ask you for?",
)
def _other_topic(rng: random.Random, values: dict[str, Any]) -> tuple[str, str]:
    t = _pick(rng, [x for x in FILLERS["topic"] if x != values.get("topic")])
    return t, t


_CAPABILITY_POOLS: dict[str, Pool] = {**FILLERS, "topic2": _other_topic}



def numbered(rng: random.Random, templates: tuple[str, ...], pools: dict[str, Pool],
             p_context: float = 0.0) -> tuple[str, int]:
    """A filled question from ``templates`` and its number (for the template id)."""
    n = int(rng.random() * len(templates))
    return with_context(templates[n], rng, pools, p_context)[0], n


def out_of_scope_question(rng: random.Random) -> tuple[str, int]:
    return numbered(rng, OUT_OF_SCOPE_TEMPLATES, FILLERS, p_context=0.4)


def capability_question(rng: random.Random) -> tuple[str, int]:
    return numbered(rng, CAPABILITY_TEMPLATES, _CAPABILITY_POOLS, p_context=0.4)


def greeting(rng: random.Random) -> tuple[str, int]:
    return numbered(rng, GREETING_TEMPLATES, FILLERS)


def is_thanks(text: str) -> bool:
    """Whether a greeting thanks (rather than greets): the reply differs."""
    return bool(re.search(r"\b(thank|thanks|cheers)\b", text, re.I))
