"""Grade calculations: grade-adjusted pace and equivalent flat distance."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...errors import InvalidValueError, MissingParameterError
from ...models import grade as gm
from .base import (Altitude, Calculation, Context, Distance, Grade, Pace, StrictParams, calculation,
                   from_spec)

#: user-facing GAP model -> (registry model, Minetti variant)
GAP_CHOICES = {"strava": ("grade.strava_factor", None), "minetti": ("grade.minetti_factor", "energy"),
               "minetti_0.83": ("grade.minetti_factor", "runalyze_0.83"),
               "strava_quartic": ("grade.strava_quartic_factor", None)}
DEFAULT_GAP_MODEL = "strava"
NAISMITH_PACE = 720.0  #: s/km, Naismith's 5 km/h


def factor_step(ctx: Context, choice: str, grade: float, *, suffix: str = "") -> float:
    """Record the speed factor of ``choice`` at ``grade`` [%]; returns it."""
    name, variant = GAP_CHOICES[choice]
    m = ctx.registry.get(name)
    sfx = f"_{suffix}" if suffix else ""
    label = f" ({suffix})" if suffix else ""
    g = grade
    if abs(grade) > gm.GRADE_CLAMP:
        g = ctx.step(f"Grade clamped to ±45 %{label}", output=f"grade_used{sfx}", value=None, unit="%",
                     expression="clip(g, -45, 45)", inputs={"g": grade},
                     note="the model is only defined to ±45 %")
    gname = f"grade_used{sfx}" if g != grade else "g"
    if name == "grade.strava_factor":
        res = ctx.evaluate(m, grade=grade)
        return float(ctx.step(f"Strava speed factor at {grade:+.1f} %", output=f"speed_factor{sfx}",
                              value=float(res["speed_factor"]), unit="1",
                              expression=f"interp({gname}, grades, factors)",
                              inputs={gname: g, "grades": list(gm.STRAVA_GRADES), "factors": list(gm.STRAVA_FACTORS)},
                              model=m, equation="f = interp(grade; Strava table)",
                              note="linear between the tabulated grades"))
    if name == "grade.strava_quartic_factor":
        res = ctx.evaluate(m, grade=grade)
        return float(ctx.step(f"Strava quartic speed factor at {grade:+.1f} %", output=f"speed_factor{sfx}",
                              value=float(res["speed_factor"]), unit="1",
                              expression=gm.STRAVA_QUARTIC_EXPR.replace("g", gname), inputs={gname: g}, model=m))
    res = ctx.evaluate(m, grade=grade, variant=variant)
    x = gm.MINETTI_VARIANTS[variant]
    cost = ctx.step(f"Minetti energy cost at {grade:+.1f} %", output=f"cost{sfx}", value=float(res["cost"]),
                    unit="J/kg/m", expression=gm.MINETTI_EXPR.replace("i", f"({gname}/100)"), inputs={gname: g},
                    model=m, equation="Cr = 155.4 i^5 - 30.4 i^4 - 43.3 i^3 + 46.3 i^2 + 19.5 i + 3.6, i = grade/100")
    return float(ctx.step(f"Speed factor (Cr/3.6)^{x:g}{label}", output=f"speed_factor{sfx}",
                          value=float(res["speed_factor"]), unit="1", expression=f"({'cost' + sfx}/3.6)**x",
                          inputs={f"cost{sfx}": cost, "x": x}, model=m,
                          equation="f = (Cr(i)/Cr(0))^x",
                          note="equal metabolic power" if x == 1 else "Runalyze's 0.83 time exponent"))


def _gap_choice(ctx: Context, model: str | None) -> str:
    choice = model or ctx.options.get("grade_model") or (ctx.options.get("models") or {}).get("grade_model") \
        or DEFAULT_GAP_MODEL
    if choice not in GAP_CHOICES:
        raise InvalidValueError(f"unknown grade model {choice!r}; choose one of {sorted(GAP_CHOICES)}",
                                parameter="model", value=str(choice)[:40])
    return choice


# =============================================================================================
# grade_adjusted_pace
# =============================================================================================
@calculation
class GradeAdjustedPace(Calculation):
    name = "grade_adjusted_pace"
    title = "Grade-adjusted pace (flat-equivalent pace on hills)"
    family = "grade"
    description = (
        "Grade-adjusted pace: the flat pace of equal effort for a pace run on a gradient (direction='to_flat', "
        "default), or the pace on a gradient that matches a flat pace ('from_flat'). Give a grade in % "
        "(uphill positive), or a distance with elevation gain and/or loss for a whole route. model: strava "
        "(default; Strava's 2017 heart-rate-based curve, closest to race data downhill), minetti (treadmill "
        "energy cost, equal metabolic power), minetti_0.83 (Runalyze's variant) or strava_quartic.")
    examples = [
        "I ran 8:00/mi up a 10% grade. What is my grade-adjusted pace?",
        "What is 5:30 per km on a -5% downhill worth on the flat?",
        "My 10 km run at 5:15/km had 250 m of climbing and 250 m of descent. What was my GAP?",
        "What pace should I run on a 6% hill to match 4:30/km effort on the flat?",
        "Grade adjusted pace for 6:00/km at +12% using Minetti's energy cost?",
    ]

    class Params(StrictParams):
        pace: Pace = from_spec("grade.elevation_gap", "pace",
                               description="pace on the grade (to_flat) or flat pace (from_flat)")
        grade: Grade | None = from_spec("grade.strava_factor", "grade", default=None)
        distance: Distance | None = from_spec("grade.elevation_gap", "distance", default=None,
                                              description="route distance (with elevation gain/loss)")
        elevation_gain: Altitude | None = from_spec("grade.elevation_gap", "elevation_gain", default=None)
        elevation_loss: Altitude | None = from_spec("grade.elevation_gap", "elevation_loss", default=None)
        slope_fraction: float = from_spec("grade.elevation_gap", "slope_fraction")
        model: Literal["strava", "minetti", "minetti_0.83", "strava_quartic"] | None = Field(
            None, description="GAP model (default strava)")
        direction: Literal["to_flat", "from_flat"] = Field(
            "to_flat", description="to_flat: the pace was run on the grade; from_flat: the pace is a flat pace to "
                                   "convert to the grade")

    def run(self, p: "GradeAdjustedPace.Params", ctx: Context) -> None:
        choice = _gap_choice(ctx, p.model)
        has_elev = p.elevation_gain is not None or p.elevation_loss is not None
        if p.grade is not None and has_elev:
            raise InvalidValueError("give either a grade or elevation gain/loss with a distance, not both",
                                    parameter="grade", value=p.grade)
        if p.grade is None and not has_elev:
            raise MissingParameterError("grade", "grade_adjusted_pace needs a grade, or a distance with elevation "
                                                 "gain and/or loss")
        ctx.param("pace", p.pace, "s/km")
        ctx.param("model", choice, "1")
        ctx.param("direction", p.direction, "1")
        if p.grade is not None:
            ctx.param("grade", p.grade, "%")
            f = factor_step(ctx, choice, p.grade)
        else:
            if p.distance is None:
                raise MissingParameterError("distance", "elevation gain/loss needs the route distance")
            f = self._route(p, ctx, choice)
        if p.direction == "to_flat":
            out = ctx.step("Grade-adjusted (flat-equivalent) pace", output="gap_pace", value=None, unit="s/km",
                           expression="pace/speed_factor", inputs={"pace": p.pace, "speed_factor": f})
            ctx.output("gap_pace", out, "s/km", primary=True, description="flat pace of the same effort")
        else:
            out = ctx.step("Pace on the grade for the same effort", output="hill_pace", value=None, unit="s/km",
                           expression="pace*speed_factor", inputs={"pace": p.pace, "speed_factor": f})
            ctx.output("hill_pace", out, "s/km", primary=True, description="pace on the grade of the same effort")
        ctx.output("speed_factor", f, "1", display=f"{f:.4f}",
                   description="flat-equivalent speed / speed on the grade")
        if choice == "strava" or choice == "strava_quartic":
            ctx.assume("the Strava curve is independent of speed and comes from heart-rate data, not energy cost")
        else:
            ctx.warn("Minetti's treadmill energy model overstates the benefit of steep downhills against race data")
        name, _ = GAP_CHOICES[choice]
        ctx.method = ctx.registry.get(name).spec.citation

    def _route(self, p, ctx: Context, choice: str) -> float:
        gain = p.elevation_gain or 0.0
        loss = p.elevation_loss or 0.0
        D, phi = p.distance, p.slope_fraction
        ctx.param("distance", D, "m")
        ctx.param("elevation_gain", gain, "m")
        ctx.param("elevation_loss", loss, "m")
        m = ctx.registry.get("grade.elevation_gap")
        res = ctx.evaluate(m, pace=p.pace, distance=D, elevation_gain=gain, elevation_loss=loss,
                           slope_fraction=phi, model=choice)
        if gain + loss == 0:
            ctx.assume("no climbing or descent: the grade-adjusted pace equals the pace")
            return float(ctx.step("Speed factor on a flat route", output="speed_factor", value=1.0, unit="1",
                                  expression="1", inputs={}))
        ctx.param("slope_fraction", phi, "1")
        ctx.assume(f"the climb and descent are spread at one slope over {phi:.0%} of the distance and run at the "
                   "same pace (use the activity profile for a better estimate)")
        s = ctx.step("Slope of the hilly portions", output="slope_grade", value=None, unit="%",
                     expression="100*(gain + loss)/(D*phi)", inputs={"gain": gain, "loss": loss, "D": D, "phi": phi})
        d_up = ctx.step("Uphill distance", output="d_up", value=None, unit="m", expression="gain/(slope_grade/100)",
                        inputs={"gain": gain, "slope_grade": s})
        d_down = ctx.step("Downhill distance", output="d_down", value=None, unit="m",
                          expression="loss/(slope_grade/100)", inputs={"loss": loss, "slope_grade": s})
        f_up = factor_step(ctx, choice, s, suffix="up") if gain > 0 else 1.0
        f_down = factor_step(ctx, choice, -s, suffix="down") if loss > 0 else 1.0
        d_eq = float(ctx.step("Flat-equivalent distance", output="equivalent_distance",
                              value=float(res["equivalent_distance"]), unit="m",
                              expression="d_up*speed_factor_up + d_down*speed_factor_down + (D - d_up - d_down)",
                              inputs={"d_up": d_up, "speed_factor_up": f_up, "d_down": d_down,
                                      "speed_factor_down": f_down, "D": D}, model=m))
        f = ctx.step("Average speed factor", output="speed_factor", value=None, unit="1",
                     expression="equivalent_distance/D", inputs={"equivalent_distance": d_eq, "D": D})
        ctx.output("equivalent_distance", d_eq, "m", display=f"{d_eq / 1000:.2f} km",
                   description="flat distance of the same effort")
        ctx.output("slope_grade", s, "%", description="assumed slope of the hilly portions")
        return float(f)


# =============================================================================================
# equivalent_flat_distance
# =============================================================================================
@calculation
class EquivalentFlatDistance(Calculation):
    name = "equivalent_flat_distance"
    title = "Equivalent flat distance of a hilly route (Scarf / Naismith)"
    family = "grade"
    description = (
        "Flat distance that takes as long as a route with climbing: rule scarf (default; 1 m of climb = 8 m "
        "flat, fitted to fell-race records), naismith (1 h per 5 km + 1 h per 600 m climb, i.e. 1 m = 8.33 m) "
        "or naismith_langmuir (adds Langmuir's descent corrections: faster on gentle 5-12° descents, slower on "
        "steeper ones). Give a flat pace to get the time (Naismith rules assume 5 km/h without one).")
    examples = [
        "A 20 km hike with 1600 m of climbing - what is the equivalent flat distance, and how long at 5 km/h?",
        "Equivalent flat distance of a 42 km trail race with 2500 m of ascent?",
        "How long will a 15 km walk with 900 m ascent take by Naismith's rule?",
        "My flat pace is 6:00/km. How long for a 25 km mountain run with 1800 m up and 1800 m down at "
        "-15% (Langmuir)?",
    ]

    class Params(StrictParams):
        distance: Distance = from_spec("grade.equivalent_flat_distance", "distance")
        climb: Altitude = from_spec("grade.equivalent_flat_distance", "climb")
        descent: Altitude | None = from_spec("grade.equivalent_flat_distance", "descent", default=None)
        descent_grade: Grade | None = from_spec("grade.equivalent_flat_distance", "descent_grade", default=None)
        rule: Literal["scarf", "naismith", "naismith_langmuir"] = Field(
            "scarf", description="scarf (default, 8:1), naismith (25:3) or naismith_langmuir")
        pace: Pace | None = Field(None, description="flat pace, to give the time [s/km]", ge=60.0, le=3600.0)

    def run(self, p: "EquivalentFlatDistance.Params", ctx: Context) -> None:
        m = ctx.registry.get("grade.equivalent_flat_distance")
        ctx.param("distance", p.distance, "m")
        ctx.param("climb", p.climb, "m")
        ctx.param("rule", p.rule, "1")
        descent = p.descent or 0.0
        dgrade = p.descent_grade
        if p.rule == "naismith_langmuir":
            if descent > 0 and dgrade is None:
                raise MissingParameterError("descent_grade", "Langmuir's descent correction needs the typical "
                                                             "descent gradient (e.g. -15 %)")
            ctx.param("descent", descent, "m")
        elif descent:
            ctx.assume(f"the {p.rule} rule ignores descent")
        dgrade = dgrade or 0.0
        res = ctx.evaluate(m, distance=p.distance, climb=p.climb, descent=descent, descent_grade=dgrade, rule=p.rule)
        k = gm.CLIMB_EQUIVALENTS[p.rule]
        langmuir = p.rule == "naismith_langmuir" and descent > 0
        extra = ctx.step("Flat metres for the climb", output="climb_only" if langmuir else "climb_equivalent",
                         value=None, unit="m", expression="k*climb", inputs={"k": k, "climb": p.climb},
                         note=f"1 m of climb = {k:.3g} m flat ({p.rule})")
        if langmuir:
            sign = float(gm.langmuir_descent_sign(dgrade))
            kind = {-1.0: "gentle (5-12°): 10 min less per 300 m",
                    1.0: "steep (> 12°): 10 min more per 300 m", 0.0: "shallow (< 5°): no correction"}[sign]
            ctx.param("descent_grade", dgrade, "%")
            extra = ctx.step("Langmuir descent correction added", output="climb_equivalent", value=None,
                             unit="m", expression="climb_only + sign*c*descent",
                             inputs={"climb_only": extra, "sign": sign, "c": gm.LANGMUIR_PER_M,
                                     "descent": descent},
                             note=f"{kind}; 10 min at 5 km/h = 833 m per 300 m")
        d_eq = float(ctx.step("Equivalent flat distance", output="equivalent_distance",
                              value=float(res["equivalent_distance"]), unit="m", expression="D + extra",
                              inputs={"D": p.distance, "extra": extra}, model=m))
        ctx.output("equivalent_distance", d_eq, "m", primary=True, display=f"{d_eq / 1000:.2f} km",
                   description="flat distance that takes the same time")
        ctx.output("climb_equivalent", extra, "m", display=f"{extra / 1000:.2f} km",
                   description="flat distance added for the climb (and descent)")
        pace = p.pace
        if pace is None and p.rule.startswith("naismith"):
            pace = NAISMITH_PACE
            ctx.assume("Naismith's walking speed 5 km/h (12:00/km) on the flat")
        if pace is not None:
            ctx.param("pace", pace, "s/km")
            t = ctx.step("Time at the flat pace", output="time", value=None, unit="s",
                         expression="equivalent_distance*pace/1000", inputs={"equivalent_distance": d_eq, "pace": pace})
            ctx.output("time", t, "s", description="time for the route at the flat pace")
        ctx.method = m.spec.citation
