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
    if style == "ms":
        return _pick(rng, ["{:.3f} s", "{:.3f}", "{:.3f} seconds"]).format(v)
    if style == "hand" and v < 60:
        return _pick(rng, ["{:.1f}", "{:.1f} s"]).format(v)
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
    if style == "pct":
        return _pick(rng, [f"{v:.0f}%", f"{v:.0f} %", f"{v:.0f} percent"])
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
    ],
    "false_start": [
        T("fs.1", "Is a reaction time of {reaction_time:ms} a false start?"),
        T("fs.2", "My sprinter reacted in {reaction_time:ms}. Was that legal?"),
        T("fs.3", "The start system showed {reaction_time:ms} for lane 4. False start or not?", 2),
    ],
    "heat_adjusted_pace": [
        T("hap.1", "My goal marathon pace is {pace}. It's {temperature} with a {dew_point} dew point. How much "
                   "should I slow down?"),
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
    "lane_effect": [
        T("lane.1", "How much slower is lane {lane} than lane {reference_lane} in a {sex:adj} 200 m?"),
        T("lane.2", "I ran {time} in lane {lane} of a {sex:adj} 200 m. What would that be in lane "
                    "{reference_lane}?", 2),
        T("lane.3", "Is lane {lane} a disadvantage in the {sex:adj} 200 m compared with lane {reference_lane}?"),
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
    "vdot": [T("vdot.miss.time", "What is my VDOT for the {distance}?", _missing="time")],
    "race_prediction": [T("pred.miss.time", "What {target_distance} time does my {distance} predict?",
                          _missing="time")],
    "heat_index": [T("hi.miss.t", "What is the heat index with {humidity:pct} humidity?", _missing="temperature")],
    "points": [T("pts.miss.time", "How many points is my {event}?", _missing="time")],
    "false_start": [T("fs.miss.rt", "Was my start a false start?", _missing="reaction_time")],
})

#: optional clauses switched off where they would make a request contradictory
for _k in [("air_density", "altitude"), ("air_density", "pressure"), ("air_density", "humidity"),
           ("air_density", "temperature"), ("heat_adjusted_pace", "humidity"), ("heat_adjusted_pace", "temperature"),
           ("heat_index", "humidity"), ("heat_index", "temperature"), ("temperature_effect_sprint", "temperature"),
           ("temperature_effect_sprint", "humidity"), ("body_metrics", "temperature"),
           ("sprint_conditions", "temperature"), ("sprint_profile", "temperature"), ("points", "lane")]:
    CLAUSES[_k] = []


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

#: out-of-scope questions with slots, so a large dataset keeps distinct "don't call the solver" rows
#: instead of repeating (and then de-duplicating) the short fixed list above
OUT_OF_SCOPE_TEMPLATES: tuple[str, ...] = (
    "Who holds the {sex} {event} world record?", "Who won the {sex} {event} at the {year} {champs}?",
    "When is the next {champs}?", "What's the weather forecast for {city} this weekend?",
    "Can you recommend a pair of spikes for the {event}?", "What should I eat the day before a {race}?",
    "How do I stretch my {muscle} after a {race}?", "Translate '{phrase}' into {language}.",
    "Can you write a motivational quote for my {race}?", "Which hotel near the stadium in {city} is best?",
    "Is it worth buying carbon-plated shoes for a {race}?", "Can you make me a playlist for my {race}?",
)
OUT_OF_SCOPE_FILLERS: dict[str, tuple[str, ...]] = {
    "sex": ("men's", "women's"),
    "event": ("100 m", "200 m", "400 m", "110 m hurdles", "100 m hurdles", "800 m", "1500 m", "5000 m",
              "10,000 m", "marathon", "long jump", "4 x 100 m relay"),
    "year": ("1996", "2000", "2004", "2008", "2012", "2016", "2019", "2021", "2023"),
    "champs": ("Olympics", "World Championships", "Commonwealth Games", "European Championships",
               "Diamond League final"),
    "city": ("Eugene", "Zurich", "Nairobi", "Tokyo", "Berlin", "Doha", "Oslo", "Rome", "Kingston", "Boulder",
             "Mexico City", "London", "Paris", "Budapest"),
    "race": ("5K", "10K", "half marathon", "marathon", "track meet", "cross-country race", "parkrun"),
    "muscle": ("hamstrings", "calves", "hip flexors", "quads", "glutes", "Achilles"),
    "phrase": ("personal best", "season best", "false start", "photo finish", "tail wind", "starting blocks"),
    "language": ("French", "German", "Spanish", "Italian", "Japanese", "Portuguese", "Dutch"),
}


def out_of_scope_question(rng: Any) -> str:
    """A question from :data:`OUT_OF_SCOPE_TEMPLATES` with its slots filled."""
    text = _pick(rng, list(OUT_OF_SCOPE_TEMPLATES))
    return SLOT.sub(lambda m: _pick(rng, list(OUT_OF_SCOPE_FILLERS[m.group(1)])), text)


CAPABILITY_QUESTIONS: tuple[str, ...] = (
    "What can you calculate?", "What kinds of running questions can you answer?",
    "Which calculations do you support?", "How can you help me with my sprint times?",
)

GREETINGS: tuple[str, ...] = ("Hello!", "Hi there", "Thanks, that was helpful!", "Good morning coach!")
