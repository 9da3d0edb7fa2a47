"""Heat calculations: heat-adjusted endurance pace and the NOAA heat index."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...errors import InvalidValueError, MissingParameterError
from ...models import heat as hm
from .atmosphere import fmt_temp
from .base import (Calculation, Context, Distance, Humidity, Pace, StrictParams, Temperature, calculation,
                   from_spec)

HEAT_MODELS = {"hadley": "heat.hadley", "ely_wbgt": "heat.ely_wbgt", "ely": "heat.ely_wbgt",
               "heat_index": "heat.davis_heat_index", "davis": "heat.davis_heat_index",
               "fitted": "heat.fitted_marathon_wbgt"}
RH_FROM_DEW_POINT_EXPR = "min(100, 100*exp(17.625*Td/(243.04 + Td) - 17.625*t/(243.04 + t)))"
DEW_POINT_EXPR = ("243.04*(log(RH/100) + 17.625*t/(243.04 + t))/(17.625 - (log(RH/100) + 17.625*t/(243.04 + t)))")
#: dew point given together with humidity: warn when they disagree by more than this [degC]
DEW_POINT_MISMATCH = 1.5


# =============================================================================================
# shared steps
# =============================================================================================
def humidity_step(ctx: Context, t: float, dew_point: float | None, humidity: float | None) -> float:
    """Relative humidity [%]: given, or from the dew point (Magnus)."""
    if humidity is not None:
        return humidity
    m = ctx.registry.get("heat.relative_humidity")
    res = ctx.evaluate(m, temperature=t, dew_point=dew_point)
    return float(ctx.step("Relative humidity from the dew point (Magnus)", output="humidity",
                          value=float(res["humidity"]), unit="%", expression=RH_FROM_DEW_POINT_EXPR,
                          inputs={"t": t, "Td": dew_point}, model=m))


def dew_point_step(ctx: Context, t: float, dew_point: float | None, humidity: float | None) -> float:
    """Dew point [degC]: given (checked against the humidity if both), or from the humidity (Magnus)."""
    if dew_point is not None:
        hm.check_dew_point(t, dew_point)
        if humidity is not None and humidity > 0:
            implied = float(hm.dew_point(t, humidity))
            if abs(implied - dew_point) > DEW_POINT_MISMATCH:
                ctx.warn(f"dew point {dew_point:.1f} °C and humidity {humidity:.0f} % disagree (that humidity "
                         f"means a dew point of {implied:.1f} °C); the dew point was used")
                ctx.penalize(0.1, "dew point and humidity disagree")
        return dew_point
    if humidity is None or humidity <= 0:
        raise MissingParameterError("dew_point", "this model needs the dew point or a relative humidity above 0 %")
    m = ctx.registry.get("heat.dew_point")
    res = ctx.evaluate(m, temperature=t, humidity=humidity)
    return float(ctx.step("Dew point from temperature and humidity (Magnus)", output="dew_point",
                          value=float(res["dew_point"]), unit="degC", expression=DEW_POINT_EXPR,
                          inputs={"t": t, "RH": humidity}, model=m))


def heat_index_steps(ctx: Context, t: float, rh: float, adjustments: bool = True) -> float:
    """Record the NOAA heat-index procedure; returns the heat index in degC."""
    m = ctx.registry.get("heat.heat_index")
    res = ctx.evaluate(m, temperature=t, humidity=rh, adjustments=adjustments)
    T = ctx.step("Temperature in °F", output="T_F", value=None, unit="1", expression="t*9/5 + 32",
                 inputs={"t": t}, note="the NOAA formulas work in °F")
    simple = ctx.step("Simple (Steadman) heat index", output="hi_simple_f", value=None, unit="1",
                      expression=hm.STEADMAN_EXPR, inputs={"T": T, "RH": rh}, note="°F")
    avg = ctx.step("Average of the simple index and the temperature", output="hi_average_f", value=None, unit="1",
                   expression="(hi_simple_f + T)/2", inputs={"hi_simple_f": simple, "T": T},
                   note="NOAA: 80 °F or more -> Rothfusz regression, else the simple index")
    if avg < 80.0:
        hi_f = simple
        ctx.assume("heat index below 80 °F: NOAA's simple (Steadman) formula")
    else:
        hi_f = ctx.step("Rothfusz regression", output="hi_rothfusz_f", value=None, unit="1",
                        expression=hm.ROTHFUSZ_EXPR, inputs={"T": T, "RH": rh}, note="°F")
        adj_expr = None
        if adjustments and bool(hm.low_humidity_applies(T, rh)):
            adj_expr, why = hm.LOW_RH_ADJ_EXPR, "RH < 13 % and 80-112 °F"
        elif adjustments and bool(hm.high_humidity_applies(T, rh)):
            adj_expr, why = hm.HIGH_RH_ADJ_EXPR, "RH > 85 % and 80-87 °F"
        if adj_expr:
            adj = ctx.step(f"NOAA humidity adjustment ({why})", output="hi_adjustment_f", value=None, unit="1",
                           expression=adj_expr, inputs={"T": T, "RH": rh}, note="°F")
            hi_f = ctx.step("Adjusted heat index", output="hi_f", value=None, unit="1",
                            expression="hi_rothfusz_f + hi_adjustment_f",
                            inputs={"hi_rothfusz_f": hi_f, "hi_adjustment_f": adj}, note="°F")
        elif not adjustments:
            ctx.assume("NOAA's low/high humidity adjustments not applied (as requested)")
    return float(ctx.step("Heat index in °C", output="heat_index", value=float(res["heat_index"]), unit="degC",
                          expression="(HI - 32)*5/9", inputs={"HI": hi_f}, model=m,
                          equation="heat_index = (HI_F - 32)*5/9"))


# =============================================================================================
# heat_adjusted_pace
# =============================================================================================
@calculation
class HeatAdjustedPace(Calculation):
    name = "heat_adjusted_pace"
    title = "Heat- and humidity-adjusted running pace"
    family = "heat"
    description = (
        "Slow a cool-weather endurance pace for heat and humidity. Give the pace plus temperature and dew "
        "point (or relative humidity), a WBGT, or a heat index. model: hadley (default with temperature and dew point/"
        "humidity: temperature + dew point in °F rule, a band with a linear point value), ely_wbgt (default "
        "with WBGT only: Ely et al. 2007 marathon WBGT quartiles, top-3 finishers), heat_index (default with a "
        "heat index only: John Davis's marathon data model on the NOAA heat index) or fitted (fitted marathon WBGT curve). Heat never "
        "makes the pace faster.")
    examples = [
        "My goal marathon pace is 7:00/mi. It's 74°F with a 71°F dew point. How much should I slow down?",
        "What pace should I run instead of 5:00/km at 30 °C and 60 % humidity?",
        "Easy run at 8:30 per mile, 85F and 70% humidity - adjusted pace?",
        "Marathon at 4:15/km goal pace with a WBGT of 22 °C, what should I expect? (woman)",
        "Adjust 4:00/km for a heat index of 30 °C using the heat-index model.",
    ]

    class Params(StrictParams):
        pace: Pace = from_spec("heat.adjusted_pace", "pace", description="pace in cool conditions")
        temperature: Temperature | None = from_spec("heat.hadley", "temperature", default=None)
        dew_point: Temperature | None = from_spec("heat.hadley", "dew_point", default=None)
        humidity: Humidity | None = from_spec("heat.heat_index", "humidity", default=None,
                                              description="relative humidity")
        wbgt: Temperature | None = from_spec("heat.ely_wbgt", "wbgt", default=None)
        heat_index: Temperature | None = from_spec("heat.davis_heat_index", "heat_index", default=None,
                                                   description="heat index, if known (heat_index model)")
        model: Literal["hadley", "ely_wbgt", "heat_index", "fitted"] | None = Field(
            None, description="heat model (default: hadley with temperature + dew point/humidity, else ely_wbgt)")
        sex: Literal["men", "women"] = Field("men", description="men or women (ely_wbgt)")
        effort: Literal["steady", "repeats"] = Field(
            "steady", description="steady running, or repeats of 400 m-mile (half the adjustment; hadley)")
        distance: Distance | None = Field(None, description="optional distance, to also give the finish time [m]")
        level: str | None = Field(None, description="performance level for the fitted model (all, elite, "
                                                    "competitive, recreational, slower)")

    def run(self, p: "HeatAdjustedPace.Params", ctx: Context) -> None:
        m = self._choose(p, ctx)
        ctx.param("pace", p.pace, "s/km")
        for k, unit in (("temperature", "degC"), ("dew_point", "degC"), ("humidity", "%"), ("wbgt", "degC"),
                        ("heat_index", "degC")):
            if getattr(p, k) is not None:
                ctx.param(k, getattr(p, k), unit)
        if p.temperature is not None and p.dew_point is not None:
            hm.check_dew_point(p.temperature, p.dew_point)
        band = None
        if m.name == "heat.hadley":
            s, band = self._hadley(p, ctx, m)
        elif m.name == "heat.ely_wbgt":
            s = self._ely(p, ctx, m)
        elif m.name == "heat.davis_heat_index":
            s = self._davis(p, ctx, m)
        else:
            s = self._generic(p, ctx, m)
        ap = ctx.registry.get("heat.adjusted_pace")
        res = ctx.evaluate(ap, pace=p.pace, slowdown_pct=s)
        adj = float(ctx.step("Heat-adjusted pace", output="adjusted_pace", value=float(res["adjusted_pace"]),
                             unit="s/km", expression="pace*(1 + slowdown_pct/100)",
                             inputs={"pace": p.pace, "slowdown_pct": s}, model=ap))
        ctx.output("adjusted_pace", adj, "s/km", primary=True, description="pace to run in these conditions")
        ctx.output("slowdown_pct", s, "%", description="slow-down in percent of time")
        if band is not None:
            lo, hi = band
            p_lo = ctx.step("Adjusted pace, lower edge of the band", output="adjusted_pace_low", value=None,
                            unit="s/km", expression="pace*(1 + slowdown_low_pct/100)",
                            inputs={"pace": p.pace, "slowdown_low_pct": lo})
            p_hi = ctx.step("Adjusted pace, upper edge of the band", output="adjusted_pace_high", value=None,
                            unit="s/km", expression="pace*(1 + slowdown_high_pct/100)",
                            inputs={"pace": p.pace, "slowdown_high_pct": hi})
            ctx.output("adjusted_pace_low", p_lo, "s/km", description="pace at the band's lower slow-down")
            ctx.output("adjusted_pace_high", p_hi, "s/km", description="pace at the band's upper slow-down")
            ctx.output("slowdown_low_pct", lo, "%", description="band lower edge")
            ctx.output("slowdown_high_pct", hi, "%", description="band upper edge")
        if p.distance is not None:
            ctx.param("distance", p.distance, "m")
            t_cool = ctx.step("Finish time at the cool-weather pace", output="time", value=None, unit="s",
                              expression="pace*distance/1000", inputs={"pace": p.pace, "distance": p.distance})
            t_hot = ctx.step("Finish time at the adjusted pace", output="adjusted_time", value=None, unit="s",
                             expression="adjusted_pace*distance/1000",
                             inputs={"adjusted_pace": adj, "distance": p.distance})
            ctx.output("adjusted_time", t_hot, "s", description="finish time at the adjusted pace")
            ctx.output("time", t_cool, "s", description="finish time at the cool-weather pace")
        ctx.method = m.spec.citation

    # -- model choice ----------------------------------------------------------------------------
    @staticmethod
    def _choose(p, ctx: Context):
        if p.model is not None:
            return ctx.registry.get(HEAT_MODELS[p.model])
        has_tdp = p.temperature is not None and (p.dew_point is not None or p.humidity is not None)
        if has_tdp:
            default = HEAT_MODELS["hadley"]
        elif p.wbgt is not None:
            default = HEAT_MODELS["ely_wbgt"]
        elif p.heat_index is not None:
            default = HEAT_MODELS["heat_index"]
        elif p.temperature is None:
            raise MissingParameterError("temperature", "heat_adjusted_pace needs the temperature with the dew point "
                                                       "or humidity, a WBGT or a heat index")
        else:
            raise MissingParameterError("dew_point", "heat_adjusted_pace needs the dew point or the relative "
                                                     "humidity with the temperature (or a WBGT)")
        return ctx.choose("heat_model", default, HEAT_MODELS)

    @staticmethod
    def _need_temperature(p, model: str) -> float:
        if p.temperature is None:
            raise MissingParameterError("temperature", f"the {model} model needs the air temperature")
        if p.dew_point is None and p.humidity is None:
            raise MissingParameterError("dew_point", f"the {model} model needs the dew point or the relative humidity")
        return p.temperature

    # -- Hadley -----------------------------------------------------------------------------------
    def _hadley(self, p, ctx: Context, m) -> tuple[float, tuple[float, float]]:
        t = self._need_temperature(p, "hadley")
        td = dew_point_step(ctx, t, p.dew_point, p.humidity)
        ctx.param("effort", p.effort, "1")
        inputs = {"temperature": t, "dew_point": td, "effort": p.effort}
        res = ctx.evaluate(m, **inputs)
        S = ctx.step("Temperature + dew point in °F", output="tdp_sum", value=None, unit="1",
                     expression="t*9/5 + 32 + td*9/5 + 32", inputs={"t": t, "td": td})
        k = hm.EFFORT_FACTORS[p.effort]
        slope = (hm.HADLEY_PCT[-1] - hm.HADLEY_PCT[-2]) / (hm.HADLEY_SUMS[-1] - hm.HADLEY_SUMS[-2])
        s = float(ctx.step("Slow-down (linear inside Hadley's band)", output="slowdown_pct",
                           value=float(res["slowdown_pct"]), unit="%",
                           expression="k*where(S > 180, 10 + slope*(S - 180), interp(S, sums, pcts))",
                           inputs={"k": k, "S": S, "slope": slope, "sums": list(hm.HADLEY_SUMS),
                                   "pcts": list(hm.HADLEY_PCT)}, model=m,
                           equation="slowdown_pct = k * interp(S; 100, 110, ..., 180 °F; 0, 0.5, 1, 2, 3, 4.5, 6, "
                                    "8, 10 %)",
                           note="half for repeats" if k != 1 else "steady running"))
        band_eq = "the published band containing S (141-150 °F: 3.0-4.5 %, ...), x k"
        lo = float(ctx.step("Band lower edge", output="slowdown_low_pct", value=float(res["slowdown_low_pct"]),
                            unit="%", inputs=inputs, model=m, equation=band_eq))
        hi = float(ctx.step("Band upper edge", output="slowdown_high_pct", value=float(res["slowdown_high_pct"]),
                            unit="%", inputs=inputs, model=m, equation=band_eq))
        ctx.assume("Hadley publishes bands; the point value interpolates linearly inside the band (design choice)")
        if S > hm.HADLEY_MAX_SUM:
            ctx.warn(f"temperature + dew point = {S:.0f} °F is above 180 °F: Hadley advises against hard running; "
                     "the adjustment is extrapolated")
            ctx.penalize(0.3, "beyond the range of Hadley's rule (sum > 180 °F)")
        ctx.output("dew_point", td, "degC", display=fmt_temp(td), description="dew point used")
        return s, (lo, hi)

    # -- Ely --------------------------------------------------------------------------------------
    def _wbgt(self, p, ctx: Context) -> float:
        if p.wbgt is not None:
            return p.wbgt
        if p.temperature is None or (p.humidity is None and p.dew_point is None):
            raise MissingParameterError("wbgt", "this model needs a WBGT, or the temperature with the humidity or "
                                                "dew point to estimate it")
        rh = humidity_step(ctx, p.temperature, p.dew_point, p.humidity)
        m = ctx.registry.get("heat.wbgt_bom")
        res = ctx.evaluate(m, temperature=p.temperature, humidity=rh)
        w = float(ctx.step("WBGT estimated from temperature and humidity", output="wbgt",
                           value=float(res["wbgt"]), unit="degC", expression=hm.BOM_WBGT_EXPR,
                           inputs={"t": p.temperature, "RH": rh}, model=m,
                           note="Bureau of Meteorology approximation: no sun or wind information"))
        ctx.warn("WBGT was estimated from temperature and humidity; sun and wind can change it by several °C")
        ctx.penalize(0.15, "WBGT estimated, not measured")
        ctx.output("wbgt", w, "degC", display=fmt_temp(w), description="estimated WBGT")
        return w

    def _ely(self, p, ctx: Context, m) -> float:
        w = self._wbgt(p, ctx)
        ctx.param("sex", p.sex, "1")
        vals = list(hm.ELY_TOP3[p.sex])
        res = ctx.evaluate(m, wbgt=w, sex=p.sex)
        q = ctx.step("WBGT quartile (Q1 <= 10, Q2 <= 15, Q3 <= 20 °C, Q4 above)", output="quartile", value=None,
                     unit="1", expression="1 + (w > 10) + (w > 15) + (w > 20)", inputs={"w": w})
        rec = ctx.step(f"Published slow-down vs the course record ({p.sex}, top 3)", output="slowdown_vs_record_pct",
                       value=None, unit="%", expression="interp(quartile, [1, 2, 3, 4], pcts)",
                       inputs={"quartile": q, "pcts": vals}, model=m,
                       equation="slowdown_vs_record_pct = published mean for the quartile")
        s = float(ctx.step("Slow-down relative to the coolest quartile", output="slowdown_pct",
                           value=float(res["slowdown_pct"]), unit="%", expression="slowdown_vs_record_pct - q1",
                           inputs={"slowdown_vs_record_pct": rec, "q1": vals[0]}, model=m,
                           equation="slowdown_pct = slowdown_vs_record_pct - (value of the coolest quartile)"))
        ctx.assume("the coolest WBGT quartile (5-10 °C) is taken as ideal; values are for top-3 marathon finishers")
        return s

    # -- Davis (heat index) -----------------------------------------------------------------------
    def _davis(self, p, ctx: Context, m) -> float:
        if p.heat_index is not None:
            hi = p.heat_index
            if p.temperature is not None:
                ctx.assume("the heat index was given: temperature and humidity were not used")
        else:
            t = self._need_temperature(p, "heat_index")
            rh = humidity_step(ctx, t, p.dew_point, p.humidity)
            hi = heat_index_steps(ctx, t, rh)
        res = ctx.evaluate(m, heat_index=hi)
        slope = (hm.DAVIS_LOGSPEED[-1] - hm.DAVIS_LOGSPEED[-2]) / (hm.DAVIS_HI[-1] - hm.DAVIS_HI[-2])
        adj = ctx.step("Log-speed adjustment (John Davis's table)", output="logspeed_adjustment",
                       value=float(res["logspeed_adjustment"]), unit="1",
                       expression="where(heat_index > 45, -0.0835 + slope*(heat_index - 45), "
                                  "interp(heat_index, his, adjs))",
                       inputs={"heat_index": hi, "slope": slope, "his": list(hm.DAVIS_HI),
                               "adjs": list(hm.DAVIS_LOGSPEED)}, model=m,
                       equation="logspeed_adjustment = interp(heat_index, table), 0 below 9 °C, linear above 45 °C")
        s = float(ctx.step("Slow-down", output="slowdown_pct", value=float(res["slowdown_pct"]), unit="%",
                           expression="(exp(-logspeed_adjustment) - 1)*100", inputs={"logspeed_adjustment": adj},
                           model=m, equation="slowdown_pct = (exp(-logspeed_adjustment) - 1)*100"))
        ctx.output("heat_index", hi, "degC", display=fmt_temp(hi), description="NOAA heat index")
        return s

    # -- fitted (or any other) model: re-checked by re-running it ---------------------------------
    def _generic(self, p, ctx: Context, m) -> float:
        names = {i.name for i in m.spec.inputs}
        if "wbgt" not in names:
            raise InvalidValueError(f"{m.name} does not take a WBGT; it cannot be used here", parameter="model",
                                    value=m.name)
        w = self._wbgt(p, ctx)
        inputs = {"wbgt": w}
        if p.level is not None:
            if "level" not in names:
                raise InvalidValueError(f"{m.name} has no performance levels", parameter="level", value=p.level)
            inputs["level"] = p.level
            ctx.param("level", p.level, "1")
        res = ctx.model_step("Slow-down (fitted marathon WBGT curve)", m, inputs, "slowdown_pct")
        fitted = float(res["slowdown_pct"])
        s = max(0.0, fitted)
        if s != fitted:
            ctx.assume("the fitted curve gives a speed-up below its reference WBGT; heat adjustments are never "
                       "negative, so 0 % is used")
            s = ctx.step("Slow-down (never negative)", output="slowdown_pct", value=None, unit="%",
                         expression="max(0, slowdown_fitted)", inputs={"slowdown_fitted": fitted})
        half = res.get("ci_halfwidth")
        if half is not None:
            ctx.output("ci_halfwidth", float(half), "%", description="95 % half-width of the slow-down")
            ctx.penalize(min(0.4, float(half) / 10.0), f"fitted model {m.name}: 95 % CI +/- {float(half):.2f} %")
        return float(s)


# =============================================================================================
# heat_index
# =============================================================================================
@calculation
class HeatIndex(Calculation):
    name = "heat_index"
    title = "NOAA heat index from temperature and humidity or dew point"
    family = "heat"
    description = (
        "The NOAA/NWS heat index (apparent temperature) from air temperature and relative humidity (or dew "
        "point): Steadman's simple formula below about 80 °F, else the Rothfusz regression with NOAA's low- and "
        "high-humidity adjustments. Returns °C (display also °F) and the NWS caution category.")
    examples = [
        "What is the heat index at 32 °C and 60 % humidity?",
        "Heat index for 90°F and 70% relative humidity?",
        "It's 88 F with a dew point of 75 F - what does it feel like?",
        "How hot does 35 degrees with 40% humidity feel?",
    ]

    class Params(StrictParams):
        temperature: Temperature = from_spec("heat.heat_index", "temperature")
        humidity: Humidity | None = from_spec("heat.heat_index", "humidity", default=None)
        dew_point: Temperature | None = from_spec("heat.relative_humidity", "dew_point", default=None)
        adjustments: bool = Field(True, description="apply NOAA's low/high humidity adjustments (default true)")

    def run(self, p: "HeatIndex.Params", ctx: Context) -> None:
        if p.humidity is None and p.dew_point is None:
            raise MissingParameterError("humidity", "the heat index needs the relative humidity or the dew point")
        ctx.param("temperature", p.temperature, "degC")
        if p.dew_point is not None:
            ctx.param("dew_point", p.dew_point, "degC")
            hm.check_dew_point(p.temperature, p.dew_point)
        rh = humidity_step(ctx, p.temperature, p.dew_point, p.humidity)
        ctx.param("humidity", rh, "%")
        hi = heat_index_steps(ctx, p.temperature, rh, p.adjustments)
        cat = hm.heat_index_category(hi)
        ctx.output("heat_index", hi, "degC", primary=True, display=fmt_temp(hi), description="NOAA heat index")
        if cat != "none":
            ctx.warn(f"NWS heat-index category: {cat}")
        else:
            ctx.assume("below the NWS caution level (80 °F)")
        ctx.method = ctx.registry.get("heat.heat_index").spec.citation
