"""Race-time equivalence: race prediction (Riegel, VDOT, Cameron), VDOT and training paces."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ... import quantities as q
from ...errors import InvalidValueError, MissingParameterError
from ...models.equivalence import (CAMERON_COEF, PCT_COEF, REPETITION_200_FRACTION, RIEGEL_EXPONENT,
                                   TRAINING_FRACTIONS, VO2_COEF, VVDOT_COEF)
from .base import Calculation, Context, Distance, StrictParams, Time, calculation, from_spec
from .pacing import formula_step, num, show_pace, show_time

#: the race distances a VDOT is translated into
STANDARD_RACES: dict[str, float] = {"1500m": 1500.0, "mile": q.MILE, "3000m": 3000.0, "5k": 5000.0,
                                    "10k": 10000.0, "half_marathon": q.HALF_MARATHON, "marathon": q.MARATHON}
RACE_LABELS = {"1500m": "1500 m", "mile": "mile", "3000m": "3000 m", "5k": "5 km", "10k": "10 km",
               "half_marathon": "half marathon", "marathon": "marathon"}
MODEL_NAMES = {"riegel": "equivalence.riegel", "vdot": "equivalence.daniels_vdot", "cameron": "equivalence.cameron"}
RIEGEL_VALID_TIME = (210.0, 13800.0)

_VO2_EXPR = f"{VO2_COEF[0]} + {VO2_COEF[1]}*v + {VO2_COEF[2]}*v**2"
_PCT_EXPR = f"{PCT_COEF[0]} + {PCT_COEF[1]}*exp(-{PCT_COEF[2]}*tm) + {PCT_COEF[3]}*exp(-{PCT_COEF[4]}*tm)"
_CAMERON_EXPR = f"{CAMERON_COEF[0]} - {-CAMERON_COEF[1]}*d + {CAMERON_COEF[2]}/d**{CAMERON_COEF[3]}"
_VVDOT_EXPR = f"{VVDOT_COEF[0]} + {VVDOT_COEF[1]}*vdot - {-VVDOT_COEF[2]}*vdot**2"


def label_distance(d: float) -> str:
    for key, dist in STANDARD_RACES.items():
        if abs(d - dist) < 0.5:
            return RACE_LABELS[key]
    return f"{num(d / q.KM, 3)} km" if d >= 1000 else f"{num(d)} m"


def vdot_steps(ctx: Context, distance: float, time: float) -> float:
    """Trace VDOT from a performance (speed, duration, VO2, %VO2max, VDOT); returns VDOT."""
    m = ctx.registry.get("equivalence.daniels_vdot")
    tm = formula_step(ctx, "Race duration in minutes", output="t_min", value=None, unit="1", expression="t/60",
                      inputs={"t": time}, note="minutes")
    v = formula_step(ctx, "Race speed in metres per minute", output="v_m_per_min", value=None, unit="1",
                     expression="d/t_min", inputs={"d": distance, "t_min": tm}, note="m/min")
    res = ctx.evaluate(m, distance=distance, time=time)
    vo2 = formula_step(ctx, "Oxygen cost of that speed", output="vo2", value=float(res["vo2"]), unit="mL/kg/min",
                       expression=_VO2_EXPR, inputs={"v": v}, model=m,
                       equation="VO2 = -4.60 + 0.182258 v + 0.000104 v^2")
    frac = formula_step(ctx, "Fraction of VO2max sustainable for that duration", output="fraction",
                        value=float(res["fraction"]), unit="1", expression=_PCT_EXPR, inputs={"tm": tm}, model=m,
                        equation="%max = 0.8 + 0.1894393 e^(-0.012778 t) + 0.2989558 e^(-0.1932605 t)")
    return formula_step(ctx, "VDOT = VO2 / %max", output="vdot", value=float(res["vdot"]), unit="mL/kg/min",
                        expression="vo2/fraction", inputs={"vo2": vo2, "fraction": frac}, model=m,
                        equation="VDOT = VO2 / %max")


def vdot_time_step(ctx: Context, vdot: float, distance: float, title: str) -> float:
    """Trace the race time for a VDOT. The step's output is the model's ``time`` so
    :meth:`Solution.verify` re-runs the root finding."""
    m = ctx.registry.get("equivalence.daniels_time")
    res = ctx.model_step(title, m, {"vdot": vdot, "distance": distance}, "time",
                         note="solved for the time at which VDOT(distance, time) equals the given VDOT")
    return float(res["time"])


# --- race prediction ------------------------------------------------------------------------------
@calculation
class RacePrediction(Calculation):
    name = "race_prediction"
    title = "Race-time prediction from one performance (Riegel, VDOT or Cameron)"
    family = "equivalence"
    description = (
        "Predict the time over target_distance from a time over distance. model: 'riegel' (default, "
        "T2 = T1 (D2/D1)^1.06, exponent adjustable), 'vdot' (Daniels & Gilbert) or 'cameron'. Best between "
        "about 3.5 minutes and 4 hours; predictions assume equal training for both distances.")
    examples = [
        "I ran a 10K in 40:00. What marathon time does that predict?",
        "Predict my half marathon from a 20:00 5K using VDOT.",
        "If I run 5 km in 16:32, what could I run for 10 km with Cameron's formula?",
        "What is a 1:30:00 half marathon worth over the full marathon?",
    ]

    class Params(StrictParams):
        distance: Distance = from_spec("equivalence.riegel", "distance", description="distance of the known race")
        time: Time = from_spec("equivalence.riegel", "time", description="time of the known race")
        target_distance: Distance = from_spec("equivalence.riegel", "target_distance")
        model: Literal["riegel", "vdot", "cameron"] = Field("riegel", description="prediction model")
        exponent: float = from_spec("equivalence.riegel", "exponent")

    def run(self, p: "RacePrediction.Params", ctx: Context) -> None:
        ctx.param("distance", p.distance, "m")
        ctx.param("time", p.time, "s")
        ctx.param("target_distance", p.target_distance, "m")
        ctx.param("model", p.model, "1")
        if p.model != "riegel" and p.exponent != RIEGEL_EXPONENT:
            raise InvalidValueError(f"exponent applies to the Riegel model only (model={p.model!r})",
                                    parameter="exponent")
        if p.model == "riegel":
            ctx.param("exponent", p.exponent, "1")
            m = ctx.registry.get(MODEL_NAMES["riegel"])
            t2 = float(ctx.model_step(
                "Riegel: T2 = T1 (D2/D1)^b", m,
                {"time": p.time, "distance": p.distance, "target_distance": p.target_distance, "exponent": p.exponent},
                "target_time", expression="t1*(d2/d1)**b",
                expr_inputs={"t1": p.time, "d1": p.distance, "d2": p.target_distance, "b": p.exponent})["target_time"])
            lo, hi = RIEGEL_VALID_TIME
            if not lo <= t2 <= hi:
                note = (f"predicted time {show_time(t2)} is outside Riegel's validated range "
                        f"({show_time(lo)} to {show_time(hi)})")
                ctx.warn(note)
                ctx.penalize(0.15, note)
            if p.target_distance > 21097.5 + 1:
                ctx.assume("Riegel tends to be optimistic beyond the half marathon for recreational runners")
            ctx.method = m.spec.citation
        elif p.model == "cameron":
            m = ctx.registry.get(MODEL_NAMES["cameron"])
            f1 = formula_step(ctx, "Cameron factor of the known distance", output="f_known", value=None, unit="1",
                              expression=_CAMERON_EXPR, inputs={"d": p.distance}, model=m,
                              equation="f(d) = 13.49681 - 0.000030363 d + 835.7114 / d^0.7905")
            f2 = formula_step(ctx, "Cameron factor of the target distance", output="f_target", value=None, unit="1",
                              expression=_CAMERON_EXPR, inputs={"d": p.target_distance}, model=m,
                              equation="f(d) = 13.49681 - 0.000030363 d + 835.7114 / d^0.7905")
            t2 = float(ctx.model_step(
                "Cameron: T2 = T1 (D2/D1) f(D1)/f(D2)", m,
                {"time": p.time, "distance": p.distance, "target_distance": p.target_distance}, "target_time",
                expression="t1*(d2/d1)*f_known/f_target",
                expr_inputs={"t1": p.time, "d1": p.distance, "d2": p.target_distance,
                             "f_known": f1, "f_target": f2})["target_time"])
            ctx.method = m.spec.citation
        else:
            vdot = vdot_steps(ctx, p.distance, p.time)
            t2 = vdot_time_step(ctx, vdot, p.target_distance,
                                f"Time over {label_distance(p.target_distance)} at VDOT {vdot:.1f}")
            formula_step(ctx, "Check: the VDOT of the predicted time", output="check_vdot", value=vdot, unit="mL/kg/min",
                         expression=f"({_VO2_EXPR.replace('v', '(d2/(time/60))')})/"
                                    f"({_PCT_EXPR.replace('tm', '(time/60)')})",
                         inputs={"d2": p.target_distance, "time": t2}, tolerance=1e-6)
            ctx.output("vdot", vdot, "mL/kg/min", display=f"{vdot:.1f}", description="VDOT of the known race")
            ctx.method = ctx.registry.get(MODEL_NAMES["vdot"]).spec.citation
        ctx.assume("both races run all out on flat courses in similar conditions, equally trained for each distance")
        ctx.output("target_time", t2, "s", display=show_time(t2), primary=True,
                   description=f"predicted time over {label_distance(p.target_distance)}")
        pace = formula_step(ctx, "Pace of the predicted race", output="target_pace", value=None, unit="s/km",
                            expression="1000*t2/d2", inputs={"t2": t2, "d2": p.target_distance})
        ctx.output("target_pace", pace, "s/km", display=show_pace(pace), description="pace of the predicted race")


# --- VDOT ----------------------------------------------------------------------------------------------
@calculation
class VdotCalculation(Calculation):
    name = "vdot"
    title = "Daniels VDOT from a race, and the equivalent race times"
    family = "equivalence"
    description = (
        "Daniels & Gilbert VDOT (effective VO2max, mL/kg/min) from one race (distance and time), with the "
        "equivalent times for 1500 m, mile, 3000 m, 5 km, 10 km, half marathon and marathon.")
    examples = [
        "What is my VDOT for a 19:57 5K?",
        "I ran a marathon in 3:30:00. What is my VDOT?",
        "VDOT for a 10 km in 40 minutes, and what would that give for a half?",
    ]

    class Params(StrictParams):
        distance: Distance = from_spec("equivalence.daniels_vdot", "distance")
        time: Time = from_spec("equivalence.daniels_vdot", "time")

    def run(self, p: "VdotCalculation.Params", ctx: Context) -> None:
        ctx.param("distance", p.distance, "m")
        ctx.param("time", p.time, "s")
        vdot = vdot_steps(ctx, p.distance, p.time)
        ctx.output("vdot", vdot, "mL/kg/min", display=f"{vdot:.1f}", primary=True,
                   description="VDOT (effective VO2max)")
        for key, dist in STANDARD_RACES.items():
            t = vdot_time_step(ctx, vdot, dist, f"Equivalent {RACE_LABELS[key]} at VDOT {vdot:.1f}")
            ctx.output(f"time_{key}", t, "s", display=f"{RACE_LABELS[key]}: {show_time(t)}",
                       description=f"equivalent {RACE_LABELS[key]} time")
        ctx.assume("the race was an all-out effort on a flat course in good conditions")
        ctx.method = ctx.registry.get("equivalence.daniels_vdot").spec.citation


# --- training paces -----------------------------------------------------------------------------------
ZONE_LABELS = {"easy": "Easy (E)", "marathon": "Marathon (M)", "threshold": "Threshold (T)",
               "interval": "Interval (I)", "repetition": "Repetition (R)"}


@calculation
class TrainingPaces(Calculation):
    name = "training_paces"
    title = "Daniels training paces (E, M, T, I, R) from a race or a VDOT"
    family = "equivalence"
    description = (
        "Daniels training paces from a VDOT, or from a race (distance and time) via its VDOT: easy, marathon, "
        "threshold, interval and repetition pace (per km and per mile), plus I and R times per 400 m and R per "
        "200 m. Paces are fixed fractions of the velocity at VDOT (E 72 %, M 85 %, T 90 %, I 98 %, R 105 %). "
        "zone picks the headline pace.")
    examples = [
        "What are my training paces for a 20:00 5K?",
        "What threshold pace should I run with a VDOT of 50?",
        "I ran a 1:45:00 half marathon. What is my easy pace?",
        "What should my 400 m repetitions be at VDOT 60?",
    ]

    class Params(StrictParams):
        vdot: float | None = from_spec("equivalence.daniels_training_paces", "vdot", default=None,
                                       description="VDOT (or give distance and time of a race)")
        distance: Distance | None = from_spec("equivalence.daniels_vdot", "distance", default=None)
        time: Time | None = from_spec("equivalence.daniels_vdot", "time", default=None)
        zone: Literal["easy", "marathon", "threshold", "interval", "repetition"] = Field(
            "threshold", description="which pace is the headline answer")

        @model_validator(mode="after")
        def _source(self):
            race = self.distance is not None or self.time is not None
            if self.vdot is not None and race:
                raise InvalidValueError("give a VDOT or a race (distance and time), not both", parameter="vdot")
            if self.vdot is None:
                if self.distance is None:
                    raise MissingParameterError("distance", "give a VDOT, or the distance and time of a race")
                if self.time is None:
                    raise MissingParameterError("time", "give the time of the race (or a VDOT)")
            return self

    def run(self, p: "TrainingPaces.Params", ctx: Context) -> None:
        if p.vdot is None:
            ctx.param("distance", p.distance, "m")
            ctx.param("time", p.time, "s")
            vdot = vdot_steps(ctx, p.distance, p.time)
        else:
            ctx.param("vdot", p.vdot, "mL/kg/min")
            vdot = p.vdot
        m = ctx.registry.get("equivalence.daniels_training_paces")
        res = ctx.evaluate(m, vdot=vdot)
        vv = formula_step(ctx, "Velocity at VDOT (m/min)", output="vvdot_m_per_min", value=float(res["vvdot"]) * 60.0,
                          unit="1", expression=_VVDOT_EXPR, inputs={"vdot": vdot}, model=m,
                          equation="vVDOT = 29.54 + 5.000663 VDOT - 0.007546 VDOT^2", note="m/min")
        for zone, frac in TRAINING_FRACTIONS.items():
            pace = formula_step(ctx, f"{ZONE_LABELS[zone]} pace at {frac:.0%} of vVDOT", output=zone, value=float(res[zone]),
                                unit="s/km", expression="60000/(f*vv)", inputs={"f": frac, "vv": vv}, model=m)
            ctx.output(zone, pace, "s/km", display=show_pace(pace), primary=zone == p.zone,
                       description=f"{ZONE_LABELS[zone]} pace")
        for zone, frac, dist, name in (("interval", TRAINING_FRACTIONS["interval"], 400.0, "interval_400m"),
                                       ("repetition", TRAINING_FRACTIONS["repetition"], 400.0, "repetition_400m"),
                                       ("repetition", REPETITION_200_FRACTION, 200.0, "repetition_200m")):
            t = formula_step(ctx, f"{ZONE_LABELS[zone]} time per {num(dist)} m at {frac:.0%} of vVDOT", output=name,
                             value=None, unit="s", expression="60*dist/(f*vv)", inputs={"dist": dist, "f": frac, "vv": vv})
            ctx.output(name, t, "s", display=f"{show_time(t)} per {num(dist)} m",
                       description=f"{ZONE_LABELS[zone]} time per {num(dist)} m")
        ctx.output("vdot", vdot, "mL/kg/min", display=f"{vdot:.1f}", description="VDOT used")
        ctx.assume("training intensities as fixed fractions of the velocity at VDOT (Daniels' Running Formula, "
                   "as implemented by GoldenCheetah)")
        ctx.method = m.spec.citation
