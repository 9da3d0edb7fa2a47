"""Wind (and altitude) correction of 100 m and 200 m times."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...models.wind import MUREIKA_DEFAULT, MUREIKA_PRESETS, MOINAT_COEFFICIENTS
from ...quantities import format_value
from .base import Altitude, Calculation, Context, StrictParams, Time, Wind, calculation, from_spec

#: words users write -> model names, per event and direction
MODELS = {
    ("100m", "to_still_air"): {"mureika": "wind.mureika_100m", "moinat": "wind.moinat_2018",
                               "fitted": "wind.fitted_100m"},
    ("100m", "from_still_air"): {"mureika": "wind.mureika_100m_inverse", "moinat": "wind.moinat_2018_inverse",
                                 "fitted": "wind.fitted_100m_inverse"},
    ("200m", "to_still_air"): {"mureika": "wind.mureika_200m", "moinat": "wind.moinat_2018",
                               "fitted": "wind.fitted_200m"},
    ("200m", "from_still_air"): {"mureika": "wind.mureika_200m_inverse", "moinat": "wind.moinat_2018_inverse",
                                 "fitted": "wind.fitted_200m_inverse"},
}
DEFAULT_WIND_MODEL = "mureika"


@calculation
class WindCorrection(Calculation):
    name = "wind_correction"
    title = "Wind and altitude correction of a 100 m or 200 m time"
    family = "wind"
    description = (
        "Convert a 100 m or 200 m sprint time between windy conditions (and optionally altitude) and "
        "still air at sea level. direction='to_still_air' when the given time was run with the wind; "
        "'from_still_air' when the given time is the still-air time and you want the time with the wind. "
        "Wind in m/s, tail wind positive (head wind negative).")
    examples = [
        "How much would a 10.0s 100m time be affected by a 2m/s headwind?",
        "Bolt ran 9.58 with a +0.9 tailwind. What is that in still air?",
        "What is a 20.10 200m with +1.5 m/s wind in lane 6 worth in calm conditions?",
    ]

    class Params(StrictParams):
        event: Literal["100m", "200m"] = Field("100m", description="race distance")
        time: Time = Field(description="the given time [s]", ge=5.0, le=60.0)
        wind: Wind = from_spec("wind.mureika_100m", "wind")
        altitude: Altitude = from_spec("wind.mureika_100m", "altitude", default=0.0)
        direction: Literal["to_still_air", "from_still_air"] = Field(
            "to_still_air", description="to_still_air: the time was run with this wind; "
                                        "from_still_air: the time is a still-air time to convert into windy conditions")
        lane: int = Field(4, ge=1, le=8, description="lane (200 m only)")
        sex: Literal["men", "women"] = Field("men", description="men or women (200 m coefficients)")
        model: Literal["mureika", "moinat", "fitted"] | None = Field(
            None, description="wind model: mureika (default, physics), moinat (empirical 2018) or fitted")
        preset: Literal["calculator_1.028", "paper_1.030", "scripts_1.027"] = Field(
            MUREIKA_DEFAULT, description="Mureika 100 m constant a (sources disagree; default = his calculator)")

    def run(self, p: "WindCorrection.Params", ctx: Context) -> None:
        aliases = MODELS[(p.event, p.direction)]
        m = ctx.choose("wind_model", aliases[DEFAULT_WIND_MODEL], aliases) if p.model is None else \
            ctx.registry.get(aliases[p.model])
        to_still = p.direction == "to_still_air"
        ctx.param("event", p.event, "1")
        ctx.param("time", p.time, "s")
        ctx.param("wind", p.wind, "m/s")
        ctx.param("altitude", p.altitude, "m")
        ctx.param("direction", p.direction, "1")
        kind = "tail wind" if p.wind > 0 else ("head wind" if p.wind < 0 else "no wind")
        ctx.assume(f"wind {p.wind:+.1f} m/s is a {kind} (World Athletics sign convention: + = tail wind)")
        if p.altitude == 0:
            ctx.assume("venue at sea level (no altitude given)")
        name = m.name
        if name.startswith("wind.mureika_100m"):
            self._mureika_100(p, ctx, m, to_still)
        elif name.startswith("wind.mureika_200m"):
            self._mureika_200(p, ctx, m, to_still)
        elif name.startswith("wind.moinat"):
            self._moinat(p, ctx, m, to_still)
        else:
            self._generic(p, ctx, m, to_still)
        ctx.method = m.spec.citation

    # -- Mureika 100 m -----------------------------------------------------------------------
    def _mureika_100(self, p, ctx: Context, m, to_still: bool) -> None:
        a = MUREIKA_PRESETS[p.preset]
        ctx.param("preset", p.preset, "1")
        rho = ctx.step("Air density relative to sea level", output="rho_ratio", value=None, unit="1",
                       expression="exp(-0.000125*H)", inputs={"H": p.altitude},
                       note="Mureika's 8000 m scale height")
        if to_still:
            fw = ctx.step("Wind factor over the race", output="wind_factor", value=None, unit="1",
                          expression="(1 - w*t/d)**2", inputs={"w": p.wind, "t": p.time, "d": 100.0})
            res = ctx.model_step(
                "Still-air sea-level time", m, {"time": p.time, "wind": p.wind, "altitude": p.altitude,
                                                 "preset": p.preset}, "time_still",
                expression="t*((1 + a) - a*rho_ratio*wind_factor)",
                expr_inputs={"t": p.time, "a": a, "rho_ratio": rho, "wind_factor": fw},
                note=f"a = {a} ({p.preset})")
            self._to_still_result(ctx, p, float(res["time_still"]))
        else:
            res = ctx.model_step(
                "Time with the wind (solve the closed form for t_w)", m,
                {"time_still": p.time, "wind": p.wind, "altitude": p.altitude, "preset": p.preset}, "time_wind",
                note="Newton iteration; checked in the next step")
            tw = float(res["time_wind"])
            ctx.step("Check: correcting t_w back to still air gives t0", output="check_time_still",
                     value=p.time, unit="s", expression="t_w*((1 + a) - a*rho_ratio*(1 - w*t_w/d)**2)",
                     inputs={"t_w": tw, "a": a, "rho_ratio": rho, "w": p.wind, "d": 100.0}, tolerance=1e-6)
            self._from_still_result(ctx, p, tw)

    # -- Mureika 200 m -----------------------------------------------------------------------
    def _mureika_200(self, p, ctx: Context, m, to_still: bool) -> None:
        from ...models.wind import MEN_FAST_CUTOFF_200, _M200_MEN, _M200_OTHER
        ctx.param("lane", p.lane, "1")
        ctx.param("sex", p.sex, "1")
        men_fast = p.sex == "men" and p.time < MEN_FAST_CUTOFF_200
        A, B, C, D, E, F = (float(x) for x in (_M200_MEN if men_fast else _M200_OTHER)[p.lane - 1])
        setname = "men < 21.5 s" if men_fast else "women / men >= 21.5 s"
        if p.wind == 0 and p.altitude == 0:
            dt = ctx.step("Correction term (no wind, sea level)", output="dt", value=0.0, unit="s",
                          expression="0", inputs={}, note="the fitted intercept C is not applied in still air")
        else:
            dt = ctx.step(f"Lane {p.lane} correction term ({setname} coefficients)", output="dt", value=None,
                          unit="s", expression="A*w**2 + B*w + C + (D*w**2 + E*w + F)*H",
                          inputs={"A": A, "B": B, "C": C, "D": D, "E": E, "F": F, "w": p.wind, "H": p.altitude},
                          model=m, equation="dt = A w^2 + B w + C + (D w^2 + E w + F) H")
        ctx.assume("the wind reading is the official home-straight reading")
        inputs = {"wind": p.wind, "altitude": p.altitude, "lane": p.lane, "sex": p.sex}
        if to_still:
            res = ctx.evaluate(m, time=p.time, **inputs)
            t0 = ctx.step("Still-air sea-level time", output="time_still", value=float(res["time_still"]), unit="s",
                          expression="t - dt", inputs={"t": p.time, "dt": dt}, model=m)
            self._to_still_result(ctx, p, t0)
        else:
            res = ctx.evaluate(m, time_still=p.time, **inputs)
            tw = ctx.step("Time with the wind", output="time_wind", value=float(res["time_wind"]), unit="s",
                          expression="t0 + dt", inputs={"t0": p.time, "dt": dt}, model=m)
            self._from_still_result(ctx, p, tw)

    # -- Moinat 2018 -------------------------------------------------------------------------
    def _moinat(self, p, ctx: Context, m, to_still: bool) -> None:
        a0, ap, b = MOINAT_COEFFICIENTS[p.event]
        if p.altitude:
            ctx.warn("Moinat et al. (2018) has no altitude term: the altitude was ignored")
            ctx.penalize(0.2, "the chosen wind model ignores altitude")
        if to_still:
            res = ctx.model_step("Still-air time (quadratic wind effect)", m,
                                 {"time": p.time, "wind": p.wind, "event": p.event}, "time_still",
                                 expression="t + (a0 + aP*t)*w + b*w**2",
                                 expr_inputs={"t": p.time, "a0": a0, "aP": ap, "b": b, "w": p.wind})
            t0 = float(res["time_still"])
            self._to_still_result(ctx, p, t0, helped="the wind")
        else:
            res = ctx.model_step("Time with the wind (exact inverse)", m,
                                 {"time_still": p.time, "wind": p.wind, "event": p.event}, "time_wind",
                                 expression="(t0 - a0*w - b*w**2)/(1 + aP*w)",
                                 expr_inputs={"t0": p.time, "a0": a0, "aP": ap, "b": b, "w": p.wind})
            tw = float(res["time_wind"])
            self._from_still_result(ctx, p, tw)

    # -- any other (fitted) model: re-checked by re-running it ------------------------------
    def _generic(self, p, ctx: Context, m, to_still: bool) -> None:
        names = {i.name for i in m.spec.inputs}
        base = {"wind": p.wind}
        if "altitude" in names:
            base["altitude"] = p.altitude
        elif p.altitude:
            ctx.warn(f"{m.name} has no altitude term: the altitude was ignored")
            ctx.penalize(0.2, "the chosen wind model ignores altitude")
        for k in ("lane", "sex"):
            if k in names:
                base[k] = getattr(p, k)
        if to_still:
            res = ctx.model_step("Still-air time", m, {"time": p.time, **base}, "time_still")
            t0 = float(res["time_still"])
            self._uncertainty(ctx, m, res)
            self._to_still_result(ctx, p, t0)
        else:
            res = ctx.model_step("Time with the wind", m, {"time_still": p.time, **base}, "time_wind")
            tw = float(res["time_wind"])
            self._uncertainty(ctx, m, res)
            self._from_still_result(ctx, p, tw)

    @staticmethod
    def _uncertainty(ctx: Context, m, res) -> None:
        half = res.get("ci_halfwidth") if isinstance(res, dict) else None
        if half is not None:
            ctx.output("ci_halfwidth", float(half), "s", description="95 % bootstrap half-width of the correction")
            ctx.penalize(min(0.4, float(half) / 0.1 * 0.1), f"fitted model {m.name}: 95 % CI +/- {float(half):.3f} s")

    # -- outputs ------------------------------------------------------------------------------
    @staticmethod
    def _to_still_result(ctx: Context, p, t0: float, helped: str = "the conditions") -> None:
        corr = ctx.step(f"Correction (positive = {helped} helped)", output="correction", value=t0 - p.time,
                        unit="s", expression="time_still - t", inputs={"time_still": t0, "t": p.time})
        ctx.output("time_still", t0, "s", primary=True, description="equivalent time in still air at sea level")
        ctx.output("correction", corr, "s", display=f"{corr:+.2f} s",
                   description="still-air time minus the given time (positive: the conditions helped)")

    @staticmethod
    def _from_still_result(ctx: Context, p, tw: float) -> None:
        change = ctx.step("Change from still air (positive = slower)", output="change", value=tw - p.time,
                          unit="s", expression="time_wind - t0", inputs={"time_wind": tw, "t0": p.time})
        ctx.output("time_wind", tw, "s", primary=True, description="expected time with this wind and altitude")
        ctx.output("change", change, "s", display=f"{change:+.2f} s",
                   description="windy time minus still-air time (positive: slower)")
