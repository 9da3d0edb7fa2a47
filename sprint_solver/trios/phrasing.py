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
from typing import Any, Callable

from .. import quantities as q

MPH = q.MILE / 3600.0


# --- quantities -------------------------------------------------------------------------------
def _pick(rng: random.Random, options: list[Any]) -> Any:
    return options[int(rng.random() * len(options))]


def say_time(v: float, rng: random.Random, level: int, style: str = "") -> str:
    if v < 60:
        opts = ["{:.2f} s", "{:.2f}"] + (["{:.2f} seconds", "{:.2f}s", "{:.2f} sec"] if level > 1 else [])
        return _pick(rng, opts).format(v)
    s = round(v) if v >= 600 or level < 3 else round(v, 1)
    if v < 3600:
        m, sec = divmod(s, 60)
        opts = [q.format_time(s, 1 if s != int(s) else 0)]
        if level > 1 and sec == int(sec):
            opts += [f"{int(m)} min {int(sec)} s", f"{int(m)}:{int(sec):02d}"]
        return _pick(rng, opts)
    h, rem = divmod(int(round(v)), 3600)
    m, sec = divmod(rem, 60)
    opts = [f"{h}:{m:02d}:{sec:02d}"] + ([f"{h}h{m:02d}m{sec:02d}s", f"{h}h {m}m {sec}s"] if level > 1 else [])
    return _pick(rng, opts)


def say_distance(v: float, rng: random.Random, level: int, style: str = "") -> str:
    named = {42195.0: ["marathon", "42.195 km"], 21097.5: ["half marathon", "half-marathon"],
             q.MILE: ["mile", "1 mile"]}
    for d, names in named.items():
        if abs(v - d) < 1e-6:
            return _pick(rng, names)
    if v >= 1000 and v % 1000 == 0:
        k = int(v // 1000)
        opts = [f"{k}K", f"{k} km", f"{int(v):,} m"]
        if level > 2:
            opts.append(f"{v / q.MILE:.1f} miles")
        return _pick(rng, opts)
    return _pick(rng, ["{:g} m", "{:g}m", "{:g} metres"]).format(v)


def say_pace(v: float, rng: random.Random, level: int, style: str = "") -> str:
    per_mile = level > 1 and rng.random() < 0.5
    secs = round(v * q.MILE / 1000.0) if per_mile else round(v)
    clock = q.format_time(secs, 0)
    if per_mile:
        return _pick(rng, [f"{clock}/mi", f"{clock} per mile", f"{clock} min/mile"])
    return _pick(rng, [f"{clock}/km", f"{clock} per km", f"{clock} min/km"])


def say_wind(v: float, rng: random.Random, level: int, style: str = "signed") -> str:
    a = abs(v)
    if style != "phrase":
        return _pick(rng, [f"{v:+.1f} m/s", f"{v:+.1f}"] if level > 1 else [f"{v:+.1f} m/s"])
    if v == 0:
        return "no wind (0.0 m/s)"
    if level > 2 and rng.random() < 0.3:
        mph = round(a / MPH, 1)
        if mph > 0:
            return f"a {mph:.1f} mph {'tailwind' if v > 0 else 'headwind'}"
    if v > 0:
        return _pick(rng, [f"a {a:.1f} m/s tailwind", f"a tail wind of {a:.1f} m/s", f"a following wind of {a:.1f} m/s",
                           f"a +{a:.1f} m/s tailwind"])
    return _pick(rng, [f"a {a:.1f} m/s headwind", f"a head wind of {a:.1f} m/s", f"a {a:.1f} m/s wind against"])


def say_altitude(v: float, rng: random.Random, level: int, style: str = "") -> str:
    if level > 1 and rng.random() < 0.35:
        ft = round(v / q.FOOT)
        return _pick(rng, [f"{ft:,} ft", f"{ft} feet"])
    return _pick(rng, [f"{v:.0f} m", f"{v:,.0f} m", f"{v:.0f} metres"])


def say_temperature(v: float, rng: random.Random, level: int, style: str = "") -> str:
    if level > 1 and rng.random() < 0.4:
        f = round(q.c_to_f(v))
        return _pick(rng, [f"{f}°F", f"{f} degrees Fahrenheit", f"{f} F"])
    return _pick(rng, [f"{v:.0f}°C", f"{v:.0f} °C", f"{v:.0f} degrees Celsius"])


def say_humidity(v: float, rng: random.Random, level: int, style: str = "") -> str:
    return _pick(rng, [f"{v:.0f}%", f"{v:.0f} % relative humidity", f"{v:.0f} percent humidity"])


def say_pressure(v: float, rng: random.Random, level: int, style: str = "") -> str:
    opts = [f"{v / 100:.0f} hPa", f"{v / 100:.0f} mbar"]
    if level > 1:
        opts += [f"{v / q.INHG:.2f} inHg", f"{v / q.MMHG:.0f} mmHg"]
    return _pick(rng, opts)


def say_grade(v: float, rng: random.Random, level: int, style: str = "") -> str:
    return _pick(rng, [f"{v:+.1f}%", f"{v:+.0f} percent", f"{v:.1f} %"])


def say_mass(v: float, rng: random.Random, level: int, style: str = "") -> str:
    if level > 1 and rng.random() < 0.35:
        return f"{round(v / q.POUND)} lb"
    return _pick(rng, [f"{v:.0f} kg", f"{v:.1f} kg", f"{v:.0f}kg"])


def say_height(v: float, rng: random.Random, level: int, style: str = "") -> str:
    if level > 1 and rng.random() < 0.35:
        inches = round(v / q.INCH)
        ft, inch = divmod(inches, 12)
        return _pick(rng, [f"{ft}'{inch}\"", f"{ft} ft {inch} in"])
    return _pick(rng, [f"{v:.2f} m", f"{v * 100:.0f} cm"])


def say_speed(v: float, rng: random.Random, level: int, style: str = "") -> str:
    opts = [f"{v:.1f} m/s", f"{v * 3.6:.1f} km/h"] + ([f"{v / MPH:.1f} mph"] if level > 1 else [])
    return _pick(rng, opts)


SAY: dict[str, Callable[..., str]] = {
    "time": say_time, "distance": say_distance, "pace": say_pace, "wind": say_wind, "altitude": say_altitude,
    "length": say_altitude, "temperature": say_temperature, "humidity": say_humidity, "pressure": say_pressure,
    "grade": say_grade, "mass": say_mass, "height": say_height, "speed": say_speed,
}


def mention(kind: str, value: float, rng: random.Random, level: int, style: str = "") -> tuple[str, float]:
    """Text for a quantity and the canonical value the parsers read back from that text."""
    text = SAY[kind](value, rng, level, style)
    return text, q.PARSERS[kind](text)


#: how literal options are said, per field name
LITERAL_WORDS: dict[str, dict[str, list[str]]] = {
    "event": {"100m": ["100m", "100 m", "100 metres"], "200m": ["200m", "200 m", "200 metres"],
              "400m": ["400m", "400 m", "400 metres"], "60m": ["60m", "60 m"], "110mH": ["110 m hurdles"],
              "100mH": ["100 m hurdles"], "400mH": ["400 m hurdles"]},
    "sex": {"men": ["men's"], "women": ["women's"],
            "male": ["men's"], "female": ["women's"], "m": ["men's"], "f": ["women's"], "w": ["women's"]},
}


def say_literal(fname: str, value: Any, rng: random.Random) -> str:
    words = LITERAL_WORDS.get(fname, {}).get(str(value))
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

#: under-specified questions: ``_missing`` names the input the question leaves out
MISSING_TEMPLATES: dict[str, list[Template]] = {
    "wind_correction": [
        T("w.miss.time.1", "How much would {wind:phrase} change my {event} time?", _missing="time"),
        T("w.miss.time.2", "Does {wind:phrase} make a big difference in the {event}?", _missing="time"),
        T("w.miss.wind.1", "What would my {time} {event} be worth in still air?", _missing="wind"),
        T("w.miss.wind.2", "Can you wind-correct my {time} in the {event}?", _missing="wind"),
    ],
}
MISSING_GENERIC = [
    T("g.miss.1", "Can you work out the {title}? I only know {mentions}."),
    T("g.miss.2", "I want the {title}, with {mentions}. What is it?"),
]

#: optional-field clauses per (calculation, field); ("*", field) applies to any calculation
CLAUSES: dict[tuple[str, str], list[str]] = {
    ("*", "altitude"): [" at {altitude} altitude", " at an altitude of {altitude}",
                        " at a venue {altitude} above sea level"],
    ("*", "lane"): [" in lane {lane}", " from lane {lane}"],
    ("*", "temperature"): [" in {temperature}", " at {temperature}"],
    ("*", "humidity"): [" with humidity at {humidity}", " and {humidity}"],
}

#: templates usable for any calculation; {title} is the calculation's title, {mentions} its inputs
GENERIC_TEMPLATES = [
    T("g.1", "Can you calculate the {title} for {mentions}?"),
    T("g.2", "{Title}: {mentions}. What do you get?"),
    T("g.3", "Please work out the {title} with {mentions}."),
    T("g.4", "I need the {title}. The inputs are {mentions}.", 2),
    T("g.5", "Using {mentions}, what is the {title}?", 2),
    T("g.6", "What's the {title} when {mentions}?", 2),
]

OPENERS = ["", "", "", "", "Hi! ", "Quick question: ", "Coach here. ", "Hey, ", "Hello. ", "I'm curious: ",
           "For my training log: ", "Question from a masters sprinter: "]
CLOSERS = ["", "", "", "", " Thanks!", " Please show your working.", " Can you explain the steps?",
           " Keep it short.", " What does that mean for my training?", " Thanks in advance."]
DISTRACTORS = [" It was at a regional meet last June.", " My coach thinks the track was fast.",
               " This was my first race of the season.", " I'm racing in the under-18 category.",
               " The timing was fully automatic.", " It felt like a good race."]
COMPARE = [" Compare the {a} and {b} models.", " How different is the answer with the {a} model instead of {b}?",
           " Show the result with both the {a} and the {b} model.", " Do {a} and {b} agree here?"]
COMPOUND_JOINS = ["{a} Also, {b}", "Two questions. First: {a} Second: {b}", "{a} And one more: {b}"]


# --- questions that need no calculation -----------------------------------------------------------
@dataclass(frozen=True)
class Concept:
    key: str
    questions: tuple[str, ...]
    answer: str


#: explanations a model should give without calling the solver (facts kept to what the
#: references state; numbers here are allowed in answers to these questions)
CONCEPTS: tuple[Concept, ...] = (
    Concept("wind_legal", ("What counts as a legal wind for a sprint record?",
                           "Is a +2.5 m/s tailwind legal for records?",
                           "What is the wind limit for records in the 100 m?"),
            "For the 100 m, 200 m, the sprint hurdles and the horizontal jumps, World Athletics rules accept a "
            "performance for records only when the measured tail wind is at most +2.0 m/s. A faster time with "
            "more wind still stands as a result, but it is marked wind-assisted."),
    Concept("wind_sign", ("Is a negative wind reading a headwind or a tailwind?",
                          "What does -1.2 mean next to a 100 m time?",
                          "How do I read the wind figure on a results sheet?"),
            "Wind readings follow the World Athletics convention: a positive number is a tail wind that pushes "
            "the runners along the straight, a negative number is a head wind against them. The figure is in "
            "metres per second, measured along the home straight."),
    Concept("altitude_mark", ("What does the 'A' after a sprint time mean?",
                              "Why do some results have an A next to them?"),
            "An 'A' marks a performance set at altitude, conventionally at a venue more than 1000 m above sea "
            "level. Thinner air means less aerodynamic drag, which helps sprinters, so such marks are flagged."),
    Concept("altitude_effect", ("Why does altitude help sprinters but hurt distance runners?",
                                "Is it easier to sprint fast at altitude?"),
            "At altitude the air is less dense, so a sprinter pushes through less aerodynamic drag and runs a "
            "little faster. Distance runners also feel the lower oxygen pressure, which limits their aerobic "
            "energy supply, and that costs more than the reduced drag gains."),
    Concept("hand_timing", ("Why are hand times faster than electronic times?",
                            "Is a hand-timed 10.5 the same as an electronic 10.5?"),
            "Hand timekeepers start their watches when they see the start signal and stop them as the runner "
            "crosses the line, and their reaction at the start makes hand times read fast. That is why hand "
            "times are not equivalent to fully automatic times and are usually converted by adding a fixed "
            "amount (0.24 s is the common convention for the 100 m and 200 m)."),
    Concept("false_start", ("What reaction time counts as a false start?",
                            "How fast can a sprinter react before it is a false start?"),
            "Under World Athletics rules a start is false when the starting blocks register a reaction faster "
            "than 0.100 s after the gun; anything at or above 0.100 s is a legal start."),
    Concept("vdot", ("What is VDOT?", "What does a VDOT score mean for a runner?"),
            "VDOT is Jack Daniels' index of running ability: a pseudo-VO2max derived from a race performance. "
            "Runners with the same VDOT should run equivalent performances across distances, and the index is "
            "used to set training paces."),
    Concept("gap", ("What is grade-adjusted pace?", "Why does my watch show a grade-adjusted pace?"),
            "Grade-adjusted pace converts your pace on hills into the pace that would take the same effort on "
            "flat ground. Uphill running costs more energy per kilometre, so its grade-adjusted pace is faster "
            "than the actual pace; gentle downhills make it slower."),
    Concept("heat_effect", ("Why do marathon times get slower in the heat?",
                            "Does hot weather really slow runners down?"),
            "In warm weather the body must send more blood to the skin to lose heat, leaving less for the "
            "working muscles, and sweating raises the risk of dehydration. Studies of big-city marathons find "
            "finishing times rise steadily as race-day temperature climbs above the cool optimum."),
)

OUT_OF_SCOPE: tuple[str, ...] = (
    "What's the capital of Australia?", "Can you write me a poem about running shoes?",
    "Who will win the next Olympic 100 m final?", "What should I eat the night before a race?",
    "Can you book me a physio appointment?", "What's the weather going to be like tomorrow?",
    "Translate 'personal best' into French.", "Which running shoe brand is the best?",
    "How do I fix a flat bicycle tyre?", "Tell me a joke about marathon runners.",
    "What is my VO2max from my resting heart rate alone?", "Can you diagnose my hamstring pain?",
)

CAPABILITY_QUESTIONS: tuple[str, ...] = (
    "What can you calculate?", "What kinds of running questions can you answer?",
    "Which calculations do you support?", "How can you help me with my sprint times?",
)

GREETINGS: tuple[str, ...] = ("Hello!", "Hi there", "Thanks, that was helpful!", "Good morning coach!")
