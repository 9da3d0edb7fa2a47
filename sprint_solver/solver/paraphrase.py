"""Generated paraphrases of questions, one template bank per calculation.

Used to train the intent classifier (:mod:`.intent`) and as a test bank: every
template is filled with random but plausible values from a seeded
:class:`random.Random`, so ``generate(seed)`` is deterministic. The label ``none``
marks questions that need no calculation (trivia, advice, chit-chat), which the
solver must refuse.
"""
from __future__ import annotations

import random
from typing import Callable, Iterator

R = random.Random


def _f(lo: float, hi: float, d: int = 2) -> Callable[[R], str]:
    return lambda r: f"{r.uniform(lo, hi):.{d}f}"


def _i(lo: int, hi: int) -> Callable[[R], str]:
    return lambda r: str(r.randint(lo, hi))


def _c(*opts: str) -> Callable[[R], str]:
    return lambda r: r.choice(opts)


def _clock(lo_s: int, hi_s: int) -> Callable[[R], str]:
    def g(r: R) -> str:
        s = r.randint(lo_s, hi_s)
        h, rem = divmod(s, 3600)
        m, sec = divmod(rem, 60)
        return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"
    return g


SLOTS: dict[str, Callable[[R], str]] = {
    "t100": _f(9.6, 12.8), "t200": _f(19.5, 26.0), "t400": _f(43.0, 60.0), "t60": _f(6.5, 8.0),
    "w": _f(0.2, 4.5, 1), "walt": _c("+0.9", "-0.4", "+1.5", "-1.2", "+2.0", "-2.1", "+0.3", "+3.1", "-0.8"),
    "alt": _c("1000", "1200", "1500", "1800", "2000", "2250", "2400", "700", "600"),
    "altft": _c("5000", "6000", "7000", "7350", "4500", "5280"),
    "venue": _c("Mexico City", "Sestriere", "Nairobi", "Johannesburg", "Boulder", "Colorado Springs", "Bogota",
                "Provo", "Flagstaff", "Pretoria", "Addis Ababa", "Quito", "El Paso", "Albuquerque"),
    "lowvenue": _c("London", "Berlin", "Eugene", "Oslo", "Zurich", "Rome", "Tokyo", "Doha"),
    "tc": _i(5, 38), "tf": _i(45, 100), "dewf": _i(40, 75), "dewc": _i(5, 24), "rh": _i(20, 95),
    "thot": _i(76, 98), "tchot": _i(20, 36), "dewlow": _i(40, 70), "dewclow": _i(5, 18),
    "t10mi": _clock(3600, 6600),
    "pmi": _clock(300, 660), "pkm": _clock(190, 420), "grade": _i(1, 15), "gain": _c("50", "120", "200", "350",
                                                                                      "500", "800", "1200"),
    "gainft": _c("300", "500", "800", "1000", "1500", "2500"),
    "dist": _c("5K", "10K", "half marathon", "marathon", "5 miles", "10 miles", "8K", "15K", "10 km", "5 km",
               "1500m", "mile", "3000m", "5000m", "10,000m", "2 miles"),
    "dist2": _c("5K", "10K", "half marathon", "marathon", "mile", "10 miles", "1500m", "3000m"),
    "t5k": _clock(900, 2100), "t10k": _clock(1900, 4200), "thm": _clock(3900, 8400), "tm": _clock(7500, 18000),
    "mass": _i(50, 95), "masslb": _i(110, 210), "hcm": _i(155, 200), "hm": _c("1.62", "1.70", "1.75", "1.80",
                                                                            "1.85", "1.91"),
    "hft": _c("5'6\"", "5'10\"", "6'0\"", "6'2\"", "5'4\""),
    "rt": _c("0.099", "0.100", "0.101", "0.095", "0.120", "0.145", "0.088", "0.160"),
    "rtms": _c("99", "100", "101", "95", "120", "145", "88"),
    "pts": _i(700, 1250), "n": _i(3, 12), "rep": _c("200", "400", "800", "1000", "300", "600", "1200", "1600"),
    "reptime": _clock(30, 330), "rest": _c("60", "90", "2 minutes", "3 minutes", "45 seconds", "200m jog"),
    "lane": _i(1, 8), "lane2": _i(1, 8), "vdot": _i(30, 80), "km": _i(10, 60), "kmc": _c("0.5", "1.2", "1.6", "2"),
    "goal": _c("3:00:00", "3:30:00", "1:45:00", "1:30:00", "20:00", "40:00", "4:00:00", "2:59:59", "45:00",
               "25:00", "1:59:00", "50:00"),
    "kms": _c("8", "9", "10", "11", "12"),
    "goalm": _c("3:00:00", "3:30", "4:15", "2:59:59", "3:45:00", "5:00", "2:45"),
    "sex": _c("men's", "women's", ""), "sexw": _c("man", "woman", "male athlete", "female athlete", "guy", "girl"),
    "hand": _f(10.2, 12.9, 1), "hand200": _f(20.5, 25.5, 1), "hand400": _f(46.0, 60.0, 1),
    "speed": _c("10 m/s", "36 km/h", "12 mph", "15 km/h", "8 mph", "5 m/s"),
    "trivia_event": _c("100m", "200m", "400m", "marathon", "mile", "5K", "decathlon", "long jump"),
    "year": _i(1960, 2024), "split1": _f(1.7, 2.1, 2), "split2": _f(2.9, 3.3, 2), "split3": _f(3.9, 4.4, 2),
    "split4": _f(4.9, 5.5, 2), "split6": _f(6.6, 7.5, 2), "mss": _f(8.0, 11.5, 1), "tau": _f(0.8, 1.4, 2),
}

T: dict[str, list[str]] = {
    "wind_correction": [
        "How much would a {t100}s 100m time be affected by a {w}m/s headwind?",
        "How much would a {t100} 100m be affected by a {w} m/s tailwind?",
        "I ran {t100} into a {w} headwind, what's that in still air?",
        "Ran {t100} in the 100m with a {walt} wind. What is that worth in calm conditions?",
        "What is a {t200} 200m with {walt} m/s wind worth in still air?",
        "{t100} with a {w} m/s tailwind, what would it be with no wind?",
        "Convert a wind-aided {t100} (+{w}) 100 m to a still-air time",
        "Correct {t100} ({walt}) for wind",
        "What would a still-air {t100} 100m become with a {w} m/s tail wind?",
        "If I run {t100} in still air, how fast would I run with a {w} m/s tailwind?",
        "My 100 metres was {t100} seconds with a headwind of {w} m/s. Adjust it for the wind.",
        "wind correction {t100} {walt}",
        "{t200} in the 200 with {walt} in lane {lane}, still-air equivalent?",
        "She clocked {t100} with the wind at {walt} m/s. Wind-adjusted time?",
        "What's {t100} into a {w} m/s wind equal to in zero wind?",
        "How much slower is a {t100} 100m sprinter into a {w} m/s headwind?",
        "A {t100} 100m was run with +{w} m/s. What would it have been in still air?",
        "Is {t100} with {walt} wind better than {t100} legal? Correct the first for wind.",
        "100m {t100} wind {walt} m/s equivalent calm time",
        "How much does a {w} m/s tailwind help a {t100} sprinter over 100 metres?",
    ],
    "altitude_correction": [
        "If an athlete runs {t100}s at sea level, what equivalent time might they achieve at {alt}m altitude?",
        "What is a {t100} 100m run in {venue} worth at sea level?",
        "{t100} at {alt} m altitude, sea-level equivalent?",
        "Correct a {t200} 200m run at {altft} feet for altitude",
        "How much does altitude of {alt} m help a {t100} 100 m sprinter?",
        "I ran {t100} in {venue}. What would that be at sea level?",
        "Altitude-adjust a {t200} 200 m from {venue}",
        "What would a {t100} sea-level 100m be at {alt} meters elevation?",
        "How much faster is a {t100} 100m at {altft} ft above sea level?",
        "Sea level equivalent of {t200} 200m run at {alt}m",
    ],
    "air_density": [
        "What is the air density at {tc}°C and {rh}% humidity?",
        "Air density at {alt} m altitude and {tc} C?",
        "Compute the density of air at {tf}F, 1013 hPa and {rh}% relative humidity",
        "How dense is the air at {tc} degrees Celsius and 760 mmHg?",
        "air density {tc}C {rh}%",
        "What's the density of air in {venue} at {tc} C?",
        "Density of air at {tc} °C, pressure 29.92 inHg",
    ],
    "temperature_effect_sprint": [
        "How much faster is a {t100} 100m at {tc}°C compared to 25°C?",
        "What is the effect of temperature on a {t100} 100m at {tc} degrees C?",
        "Correct a {t100} 100 m run at {tf}°F to standard temperature",
        "I ran {t200} in the 200m at {tc}C; what is that at 20C?",
        "Does a hot day of {tc} °C help a {t100} 100m time? by how much",
        "temperature correction {t100} 100m {tc}C",
        "{t100} 100 m in cold weather at {tc} degrees, what's it worth at 25 degrees?",
    ],
    "heat_adjusted_pace": [
        "What pace should I run at {thot}°F with a dew point of {dewlow}°F if my normal pace is {pmi}/mi?",
        "Heat adjusted pace for {pmi} per mile at {thot}F and dew point {dewlow}F",
        "My goal marathon pace is {pkm}/km. It's {tc}°C with {rh}% humidity. How should I adjust?",
        "How much slower should I run in {tf} degrees and {rh}% humidity at {pmi} pace per mile?",
        "Adjust {pmi}/mi for heat: temperature {thot}F, dewpoint {dewlow}F",
        "It's {tc} C and humid ({rh}%). What's my heat-adjusted pace for {pkm} per km?",
        "What would {pmi} a mile be in the heat at {tf}F and {rh}% humidity?",
        "Running {dist} at {pkm}/km on a {tchot}°C day with dew point {dewclow}°C, adjusted pace?",
        "temperature {thot}F dew point {dewlow}F pace {pmi}/mi adjustment",
    ],
    "heat_index": [
        "What's the heat index at {tf}F and {rh}% humidity?",
        "Heat index for {tc}°C and {rh}% relative humidity",
        "What does {tf} degrees with {rh} percent humidity feel like?",
        "feels like temperature {tc}C {rh}% RH",
        "Compute the heat index: temperature {tf}°F, humidity {rh}%",
        "Apparent temperature at {tf} F and {rh}% humidity?",
    ],
    "grade_adjusted_pace": [
        "What's my flat-equivalent pace running {pmi}/mi up a {grade}% grade?",
        "Grade adjusted pace for {pkm}/km on a {grade}% incline",
        "I ran {pmi} per mile on a -{grade}% downhill. What's the GAP?",
        "I ran {t10k} for 10 km with {gain} m of elevation gain. Grade-adjusted pace?",
        "10K in {t10k} with {gainft} ft of climbing, what's that on the flat?",
        "Treadmill at {grade}% incline and {pkm} per km, equivalent flat pace?",
        "What is {pmi} per mile pace uphill at {grade} percent worth on flat ground?",
        "GAP for {pkm}/km at {grade}% gradient",
        "Ran 10 miles in {t10mi} with {gainft} feet of gain and {gainft} feet of loss. Grade adjusted pace?",
        "How fast is {pkm}/km up a {grade}% hill on the flat?",
    ],
    "equivalent_flat_distance": [
        "What is the equivalent flat distance of {km} km with {gain} m of climb?",
        "Naismith: how long is a {km} km route with {gain} m ascent?",
        "Equivalent distance for a {km} km trail race with {kmc} km of climbing",
        "Using Scarf's rule, what's {km} km plus {gain} m of ascent on the flat?",
        "How far on the flat is a {km} km run with {gainft} ft of elevation gain?",
        "flat equivalent distance {km}km {gain}m climb",
    ],
    "body_metrics": [
        "What's the frontal area of a {mass} kg, {hcm} cm runner?",
        "BMI for {mass} kg and {hm} m",
        "Body surface area of a {masslb} lb, {hft} runner",
        "Compute BSA and drag area for a {mass}kg {hm}m sprinter",
        "I weigh {mass} kg and am {hcm} cm tall. What's my body surface area?",
        "What is the body mass index of a {hft} {masslb} pound athlete?",
        "Frontal area and drag coefficient for a {sexw} of {mass} kg and {hm} m",
    ],
    "sprint_profile": [
        "My splits were 10m {split1}, 20m {split2}, 30m {split3}, 40m {split4}. What's my max speed?",
        "Fit a sprint profile to 10 m {split1} s, 20 m {split2} s, 30 m {split3} s, 40 m {split4} s",
        "What's the MSS and MAC from splits 5m 1.16, 10m 1.89, 20m 3.15, 30m 4.31, 40m 5.44?",
        "Force-velocity profile of a {mass} kg, {hm} m sprinter with splits 10m {split1} 20m {split2} 30m {split3}",
        "Top speed from 10 m in {split1}, 20 m in {split2}, 30 m in {split3} and 40 m in {split4}?",
        "What acceleration profile fits times of {split1}, {split2}, {split3}, {split4} at 10, 20, 30, 40 m?",
    ],
    "race_prediction": [
        "If I ran a 5K in {t5k}, what could I run a marathon in?",
        "Predict my half marathon time from a {t10k} 10K",
        "What's the equivalent marathon time for a {thm} half marathon?",
        "I ran {t5k} for 5 km. What would my 10 km time be?",
        "Riegel prediction: {t10k} 10K to half marathon",
        "With a {t5k} 5K, what should I expect in the 10 miles?",
        "What does a {thm} half predict for the full marathon?",
        "Race time predictor: 10K {t10k} -> marathon",
        "Could I break 3 hours in the marathon with a {thm} half marathon?",
        "Convert my 5K time of {t5k} to an equivalent 10K",
    ],
    "vdot": [
        "What's my VDOT with a {t5k} 5K?",
        "Calculate VDOT for a {thm} half marathon",
        "VO2max estimate from a {t10k} 10K",
        "What is the VDOT of a {tm} marathon?",
        "Daniels VDOT for 5 km in {t5k}",
        "What VDOT does running a mile in 5:30 give?",
    ],
    "training_paces": [
        "What are my training paces for a {t5k} 5K?",
        "Training paces for VDOT {vdot}",
        "What should my easy pace be if I ran a {thm} half marathon?",
        "Give me tempo and interval paces from a {t10k} 10K",
        "What's my threshold pace with a {t5k} 5K?",
        "Daniels training zones for a {tm} marathoner",
        "Easy, marathon, threshold, interval and repetition paces for VDOT {vdot}",
    ],
    "points": [
        "How many points is a {t100} 100m?",
        "World Athletics points for a {sex} {t200} 200m",
        "What's the score for {t400} in the 400m?",
        "IAAF scoring table points for {t100} in the women's 100m",
        "Decathlon points for a {t100} 100m",
        "How many heptathlon points is {t200} in the 200m?",
        "Points for a hand-timed {hand} 100m",
        "WA points {t100} 100m men",
    ],
    "hand_timing": [
        "Convert a hand-timed {hand} 100m to FAT",
        "What is a hand time of {hand} in the 200m as a fully automatic time?",
        "{hand} hand timed 100 meters, electronic equivalent?",
        "I ran {hand400} on a stopwatch in the 400. What's that FAT?",
        "Hand time {hand} 100m to electronic",
        "What's the FAT conversion for a {hand} hand-held 100m?",
        "How do I convert my manual {hand200} 200m time to FAT?",
    ],
    "false_start": [
        "Is a reaction time of {rt} a false start?",
        "Reaction time {rtms} ms, was it a false start?",
        "Would a {rt} s reaction be disqualified?",
        "Is {rt} seconds off the blocks legal?",
        "false start check RT {rt}",
        "My reaction was {rtms} milliseconds. Am I DQ'd?",
    ],
    "pace": [
        "5 mile run at {pmi} pace",
        "What pace is {thm} for a half marathon?",
        "How long will a 10K take at {pkm}/km?",
        "What's my pace per mile for a {t10k} 10K?",
        "10K in {t10k}, what pace is that?",
        "5K in {t5k}? pace please",
        "If I run {pkm} per km, how long is a marathon?",
        "Convert {pmi} per mile to per km",
        "What pace do I need for a {goalm} marathon?",
        "How fast is {pkm} min/km in mph?",
        "I ran {kms} km in {t10k}. Pace?",
        "Finish time for {dist} at {pmi}/mi",
        "What is {speed} as a pace per km?",
        "3 miles at {pmi} a mile, total time?",
    ],
    "intervals": [
        "400 meter repeats, {n} times at 1:30",
        "{n}x400m in 75s with {rest} rest",
        "{n} x {rep}m at {reptime} each, total distance and time?",
        "Workout: {n} repeats of {rep} m in {reptime}, what pace is that?",
        "I did {n} reps of {rep} meters averaging {reptime}. Total work?",
        "{n}x1 mile at {pmi} with 2 min rest",
        "Interval session {n} x {rep} @ {reptime}, pace per km?",
        "{rep}m repeats {n} times at {reptime} with {rest} recovery",
    ],
    "even_splits": [
        "Even splits for a {goal} marathon",
        "What are the 5K splits for a {goal} marathon?",
        "Lap times for a {t5k} 5000m",
        "Per mile splits for a {goal} half marathon",
        "What should each 400 be for a 4:00 mile?",
        "Even pace splits for {dist} in {goal}",
        "km splits to run a {goal} 10K",
        "Split times every kilometre for a sub {goal} marathon",
    ],
    "lane_effect": [
        "How much slower is lane 1 than lane 8 in the 200m?",
        "Lane {lane} vs lane {lane2} difference for a {t200} 200m",
        "What's the effect of running the 200 in lane {lane} instead of lane {lane2}?",
        "Is lane 1 a disadvantage in the 200m for a {t200} runner compared to lane {lane2}?",
        "How does lane assignment affect {sex} 200m times?",
        "Convert a {t200} 200m in lane {lane} to lane 4",
        "How much does the curve in lane {lane} cost in the 200 m?",
    ],
    "sprint_conditions": [
        "Hand-timed {hand} 100m with {walt} wind at {alt} m, what's the FAT still-air time?",
        "{t100} 100m, wind {walt}, at {alt}m and {tc}°C: sea-level still-air equivalent at standard temperature?",
        "Correct a {t100} 100m run in {venue} with {walt} m/s wind at {tc} C",
        "I ran {hand} hand timed into a {w} m/s headwind. What's that FAT in still air?",
        "{t200} 200m in {venue} with {walt} wind on a {tf}F day, corrected time?",
        "Adjust {t100} for wind {walt}, altitude {altft} ft and temperature {tc} degrees C",
        "A {hand} hand-timed 100 m at altitude {alt} m, no wind: FAT sea-level equivalent?",
    ],
    "none": [
        "Who won the {year} Olympic {trivia_event}?",
        "What is a good warm-up?",
        "Who holds the {trivia_event} world record?",
        "When is the next World Championships?",
        "How do I get faster at the {trivia_event}?",
        "What shoes are best for the {trivia_event}?",
        "Should I stretch before running?",
        "What should I eat before a marathon?",
        "How many lanes does a track have?",
        "Is Usain Bolt the fastest man ever?",
        "What is the history of the {trivia_event}?",
        "Tell me a joke about runners",
        "How do I treat shin splints?",
        "Why do sprinters use starting blocks?",
        "What's the best way to train for a {trivia_event}?",
        "Who is the greatest sprinter of all time?",
        "hello",
        "What does FAT stand for?",
        "How many events are in a decathlon?",
        "Where were the {year} Olympics held?",
        "How long is a marathon?",
        "What time is it?",
        "Can you recommend a training plan?",
        "What is the weather like today?",
        "Explain how wind gauges work",
        "Why is altitude good for sprinting?",
        "Is running bad for your knees?",
        "What is VDOT?",
    ],
}

NONE = "none"


def fill(template: str, r: R) -> str:
    out = template
    while "{" in out:
        a = out.index("{")
        b = out.index("}", a)
        key = out[a + 1:b]
        out = out[:a] + SLOTS[key](r) + out[b + 1:]
    return " ".join(out.split())


def _variants(text: str, r: R) -> str:
    """Surface noise people type: case, trailing punctuation, filler words."""
    c = r.random()
    if c < 0.15:
        text = text.lower()
    elif c < 0.2:
        text = text.rstrip("?.") + ""
    if r.random() < 0.1:
        text = r.choice(["Hey, ", "Quick question: ", "Please tell me: ", "Coach, ", "Hi! "]) + text
    if r.random() < 0.05:
        text = text + r.choice([" thanks", " please", " ?", "!!"])
    return text


def generate(seed: int = 0, per_template: int = 6, labels: tuple[str, ...] | None = None) -> Iterator[tuple[str, str]]:
    """Yield ``(question, label)`` pairs, deterministic for a seed."""
    r = R(seed)
    for label in sorted(T):
        if labels is not None and label not in labels:
            continue
        for tpl in T[label]:
            for _ in range(per_template):
                yield _variants(fill(tpl, r), r), label
