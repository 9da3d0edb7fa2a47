"""Altitude and air-density calculations: altitude-equivalent sprint times, air density,
and the effect of temperature (through air density) on 100 m / 200 m times."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...errors import InvalidValueError
from ...models import atmosphere as atm
from ...models.wind import MEN_FAST_CUTOFF_200, MUREIKA_DEFAULT, MUREIKA_PRESETS, _M200_MEN, _M200_OTHER
from ...quantities import c_to_f
from .base import (Altitude, Calculation, Context, Humidity, Pressure, StrictParams, Temperature, Time,
                   calculation, from_spec)

#: words users write -> altitude model names, per event and direction
ALTITUDE_MODELS = {
    ("100m", "to_sea_level"): {"mureika": "wind.mureika_100m", "fitted": "altitude.fitted_sprint"},
    ("100m", "from_sea_level"): {"mureika": "wind.mureika_100m_inverse", "fitted": "altitude.fitted_sprint"},
    ("200m", "to_sea_level"): {"mureika": "wind.mureika_200m", "fitted": "altitude.fitted_sprint"},
    ("200m", "from_sea_level"): {"mureika": "wind.mureika_200m_inverse", "fitted": "altitude.fitted_sprint"},
}
DEFAULT_ALTITUDE_MODEL = "mureika"
DENSITY_MODELS = {"cipm2007": "air_density.cipm2007", "cipm": "air_density.cipm2007",
                  "ideal_gas": "air_density.ideal_gas", "simple_moist": "air_density.simple_moist"}
DEFAULT_DENSITY_MODEL = "cipm2007"
DEFAULT_HUMIDITY = 50.0
#: a station pressure this far from the standard atmosphere at the stated altitude is suspicious
PRESSURE_MISMATCH = 0.08
ISA_PRESSURE_EXPR = "101325*(1 - 2.25577e-5*h)**5.25588"
MUREIKA_RATIO_EXPR = "exp(-0.000125*H)"


def fmt_temp(c: float) -> str:
    return f"{c:.1f} °C ({c_to_f(c):.1f} °F)"


# =============================================================================================
# shared steps
# =============================================================================================
def resolve_pressure(ctx: Context, pressure: float | None, altitude: float | None, *, label: str = "",
                     output: str = "pressure") -> float:
    """The absolute pressure to use: given, from the standard atmosphere at ``altitude``, or 101325 Pa."""
    where = f" ({label})" if label else ""
    if pressure is not None:
        if altitude is not None:
            isa_p = float(atm.isa_pressure(altitude))
            if abs(pressure - isa_p) / isa_p > PRESSURE_MISMATCH:
                ctx.warn(f"pressure{where} {pressure / 100:.0f} hPa is far from the standard-atmosphere "
                         f"{isa_p / 100:.0f} hPa at {altitude:.0f} m: if it is a sea-level-reduced (QNH) weather "
                         "reading, give the altitude instead; the pressure was used as given")
                ctx.penalize(0.1, "pressure and altitude disagree")
        return pressure
    if altitude is not None:
        m = ctx.registry.get("altitude.isa")
        res = ctx.evaluate(m, altitude=altitude)
        ctx.assume(f"pressure{where} from the standard atmosphere at {altitude:.0f} m (weather varies it by "
                   "about +-3 %)")
        return float(ctx.step(f"Standard-atmosphere pressure at {altitude:.0f} m{where}", output=output,
                              value=float(res["pressure"]), unit="Pa", expression=ISA_PRESSURE_EXPR,
                              inputs={"h": altitude}, model=m))
    ctx.assume(f"pressure{where} 101325 Pa (sea level, standard day)")
    return atm.P0


IDEAL_GAS_EXPR = "1.293*(p/133.322387415/760)*273/(273 + t)"
SIMPLE_MOIST_EXPR = ("(p - h/100*610.94*exp(17.625*t/(t + 243.04)))/(287.058*(t + 273.15)) "
                     "+ h/100*610.94*exp(17.625*t/(t + 243.04))/(461.495*(t + 273.15))")


def density_step(ctx: Context, m, t: float, p: float, rh: float, *, output: str, title: str,
                 suffix: str | None = None) -> float:
    """Record the air density from model ``m``.

    CIPM-2007 is spelled out in seven steps; with ``suffix`` (several densities in one
    trace) in three: vapour fraction, compressibility and density, named ``*_suffix``.
    """
    if m.name == "air_density.ideal_gas":
        res = ctx.evaluate(m, temperature=t, pressure=p)
        return float(ctx.step(title, output=output, value=float(res["density"]), unit="kg/m^3",
                              expression=IDEAL_GAS_EXPR, inputs={"t": t, "p": p}, model=m,
                              note="dry air; 273 (not 273.15) as in the source"))
    if m.name == "air_density.simple_moist":
        res = ctx.evaluate(m, temperature=t, pressure=p, humidity=rh)
        return float(ctx.step(title, output=output, value=float(res["density"]), unit="kg/m^3",
                              expression=SIMPLE_MOIST_EXPR, inputs={"t": t, "p": p, "h": rh}, model=m,
                              note="ideal mixture of dry air and vapour, Magnus vapour pressure"))
    if m.name != "air_density.cipm2007":
        res = ctx.evaluate(m, temperature=t, pressure=p, humidity=rh)
        return float(ctx.step(title, output=output, value=float(res["density"]), unit="kg/m^3",
                              inputs={"temperature": t, "pressure": p, "humidity": rh}, model=m))
    res = ctx.evaluate(m, temperature=t, pressure=p, humidity=rh)
    rho = float(res["density"])
    c = atm.CIPM
    if suffix:
        return _cipm_compact(ctx, m, c, t, p, rh, rho, output=output, title=title, suffix=suffix)
    c = atm.CIPM
    T = ctx.step("Absolute temperature", output="T", value=None, unit="1", expression="t + 273.15",
                 inputs={"t": t}, note="kelvin")
    psv = ctx.step("Saturation vapour pressure", output="psv", value=None, unit="Pa",
                   expression="exp(A*T**2 + B*T + C + D/T)",
                   inputs={"A": c["A"], "B": c["B"], "C": c["C"], "D": c["D"], "T": T})
    f = ctx.step("Enhancement factor", output="f", value=None, unit="1",
                 expression="alpha + beta*p + gamma*t**2",
                 inputs={"alpha": c["alpha"], "beta": c["beta"], "gamma": c["gamma"], "p": p, "t": t})
    xv = ctx.step("Mole fraction of water vapour", output="xv", value=None, unit="1",
                  expression="h/100*f*psv/p", inputs={"h": rh, "f": f, "psv": psv, "p": p})
    Z = ctx.step("Compressibility factor", output="Z", value=None, unit="1",
                 expression="1 - p/T*(a0 + a1*t + a2*t**2 + (b0 + b1*t)*xv + (c0 + c1*t)*xv**2) "
                            "+ (p/T)**2*(d + e*xv**2)",
                 inputs={"p": p, "T": T, "t": t, "xv": xv, **{k: c[k] for k in
                                                              ("a0", "a1", "a2", "b0", "b1", "c0", "c1", "d", "e")}})
    Ma = ctx.step("Molar mass of dry air", output="Ma", value=None, unit="1",
                  expression="(28.96546 + 12.011*(x_co2 - 0.0004))*0.001",
                  inputs={"x_co2": atm.XCO2_DEFAULT}, note="kg/mol, CO2 fraction 0.0004")
    return float(ctx.step(title, output=output, value=rho, unit="kg/m^3",
                          expression="p*Ma/(Z*R*T)*(1 - xv*(1 - Mv/Ma))",
                          inputs={"p": p, "Ma": Ma, "Z": Z, "R": c["R"], "T": T, "xv": xv, "Mv": c["Mv"]},
                          model=m, note="CIPM-2007 (Picard et al. 2008)"))


def _cipm_compact(ctx: Context, m, c: dict, t: float, p: float, rh: float, rho: float, *, output: str,
                  title: str, suffix: str) -> float:
    xv_name, z_name = f"xv_{suffix}", f"Z_{suffix}"
    consts = {k: c[k] for k in ("A", "B", "C", "D", "alpha", "beta", "gamma")}
    xv = ctx.step(f"Mole fraction of water vapour ({suffix})", output=xv_name, value=None, unit="1",
                  expression="h/100*(alpha + beta*p + gamma*t**2)"
                             "*exp(A*(t + 273.15)**2 + B*(t + 273.15) + C + D/(t + 273.15))/p",
                  inputs={"h": rh, "p": p, "t": t, **consts}, note="enhancement factor x saturation vapour pressure")
    Z = ctx.step(f"Compressibility factor ({suffix})", output=z_name, value=None, unit="1",
                 expression=f"1 - p/(t + 273.15)*(a0 + a1*t + a2*t**2 + (b0 + b1*t)*{xv_name} "
                            f"+ (c0 + c1*t)*{xv_name}**2) + (p/(t + 273.15))**2*(d + e*{xv_name}**2)",
                 inputs={"p": p, "t": t, xv_name: xv, **{k: c[k] for k in
                                                          ("a0", "a1", "a2", "b0", "b1", "c0", "c1", "d", "e")}})
    return float(ctx.step(title, output=output, value=rho, unit="kg/m^3",
                          expression=f"p*Ma/({z_name}*R*(t + 273.15))*(1 - {xv_name}*(1 - Mv/Ma))",
                          inputs={"p": p, "t": t, "Ma": atm.MA_DEFAULT, z_name: Z, "R": c["R"], xv_name: xv,
                                  "Mv": c["Mv"]},
                          model=m, note="CIPM-2007 (Picard et al. 2008); Ma for CO2 fraction 0.0004"))


def choose_density_model(ctx: Context, name: str | None):
    if name is not None:
        return ctx.registry.get(DENSITY_MODELS[name])
    return ctx.choose("density_model", DENSITY_MODELS[DEFAULT_DENSITY_MODEL], DENSITY_MODELS)


# =============================================================================================
# altitude_correction
# =============================================================================================
@calculation
class AltitudeCorrection(Calculation):
    name = "altitude_correction"
    title = "Altitude-equivalent 100 m or 200 m time"
    family = "altitude"
    description = (
        "Convert a 100 m or 200 m sprint time run at one altitude into the equivalent time at another "
        "altitude (no wind). altitude = where the time was run (default sea level); target_altitude = where "
        "you want the equivalent (default sea level). Thinner air at altitude means less drag, so times at "
        "altitude are faster. Altitudes in metres (or a string such as '7350 ft').")
    examples = [
        "I ran 10.2 s at sea level. What is the equivalent time at 1500 m altitude?",
        "What is a 10.05 run in Mexico City (2240 m) worth at sea level?",
        "A 20.40 200 m at 1850 m altitude - what is that at sea level?",
        "How much faster would a 11.30 100 m be at 7350 ft than at sea level?",
        "Convert a 22.90 200m (women, lane 5) from 1000 m altitude to sea level.",
    ]

    class Params(StrictParams):
        event: Literal["100m", "200m"] = Field("100m", description="race distance")
        time: Time = Field(description="the given time, run at `altitude` [s]", ge=5.0, le=60.0)
        altitude: Altitude = from_spec("wind.mureika_100m", "altitude", default=0.0,
                                       description="altitude where the time was run")
        target_altitude: Altitude = from_spec("wind.mureika_100m", "altitude", default=0.0,
                                              description="altitude to convert the time to")
        lane: int = Field(4, ge=1, le=8, description="lane (200 m only)")
        sex: Literal["men", "women"] = Field("men", description="men or women (200 m coefficients, fitted model)")
        model: Literal["mureika", "fitted"] | None = Field(
            None, description="altitude model: mureika (default, physics: Mureika's closed form / 200 m "
                              "coefficients with zero wind) or fitted (data-fitted, with a confidence interval)")
        preset: Literal["calculator_1.028", "paper_1.030", "scripts_1.027"] = Field(
            MUREIKA_DEFAULT, description="Mureika 100 m constant a (sources disagree; default = his calculator)")

    def run(self, p: "AltitudeCorrection.Params", ctx: Context) -> None:
        fwd_aliases = ALTITUDE_MODELS[(p.event, "to_sea_level")]
        if p.model is None:
            fwd = ctx.choose("altitude_model", fwd_aliases[DEFAULT_ALTITUDE_MODEL], fwd_aliases)
        else:
            fwd = ctx.registry.get(fwd_aliases[p.model])
        ctx.param("event", p.event, "1")
        ctx.param("time", p.time, "s")
        ctx.param("altitude", p.altitude, "m")
        ctx.param("target_altitude", p.target_altitude, "m")
        ctx.assume("no wind (use wind_correction for wind and altitude together)")
        if fwd.name.startswith("wind.mureika_100m"):
            inv = ctx.registry.get(ALTITUDE_MODELS[(p.event, "from_sea_level")]["mureika"])
            self._mureika_100(p, ctx, fwd, inv)
        elif fwd.name.startswith("wind.mureika_200m"):
            inv = ctx.registry.get(ALTITUDE_MODELS[(p.event, "from_sea_level")]["mureika"])
            self._mureika_200(p, ctx, fwd, inv)
        else:
            self._generic(p, ctx, fwd)
        ctx.method = fwd.spec.citation

    # -- Mureika 100 m ------------------------------------------------------------------------
    def _mureika_100(self, p, ctx: Context, fwd, inv) -> None:
        a = MUREIKA_PRESETS[p.preset]
        ctx.param("preset", p.preset, "1")
        r1 = ctx.step(f"Air density at {p.altitude:.0f} m relative to sea level", output="rho_ratio_run",
                      value=None, unit="1", expression=MUREIKA_RATIO_EXPR, inputs={"H": p.altitude},
                      note="Mureika's 8000 m scale height")
        res = ctx.evaluate(fwd, time=p.time, wind=0.0, altitude=p.altitude, preset=p.preset)
        t0 = float(ctx.step("Sea-level time (closed form with w = 0)", output="time_sea_level",
                            value=float(res["time_still"]), unit="s", expression="t*((1 + a) - a*rho_ratio_run)",
                            inputs={"t": p.time, "a": a, "rho_ratio_run": r1}, model=fwd, note=f"a = {a} ({p.preset})"))
        r2 = ctx.step(f"Air density at {p.target_altitude:.0f} m relative to sea level", output="rho_ratio_target",
                      value=None, unit="1", expression=MUREIKA_RATIO_EXPR, inputs={"H": p.target_altitude})
        res = ctx.evaluate(inv, time_still=t0, wind=0.0, altitude=p.target_altitude, preset=p.preset)
        t2 = float(ctx.step(f"Equivalent time at {p.target_altitude:.0f} m (closed form solved for t, w = 0)",
                            output="equivalent_time", value=float(res["time_wind"]), unit="s",
                            expression="time_sea_level/((1 + a) - a*rho_ratio_target)",
                            inputs={"time_sea_level": t0, "a": a, "rho_ratio_target": r2}, model=inv))
        self._finish(ctx, p, t2, t0)

    # -- Mureika 200 m ------------------------------------------------------------------------
    def _mureika_200(self, p, ctx: Context, fwd, inv) -> None:
        ctx.param("lane", p.lane, "1")
        ctx.param("sex", p.sex, "1")
        common = {"wind": 0.0, "lane": p.lane, "sex": p.sex}
        ctx.assume("Mureika's 200 m fit has an intercept C that applies whenever the altitude is not zero; "
                   "it is kept, as in his calculator")
        dt1 = self._dt200(ctx, fwd, p, p.time, p.altitude, "dt_run", "where the time was run")
        res = ctx.evaluate(fwd, time=p.time, altitude=p.altitude, **common)
        t0 = float(ctx.step("Sea-level time", output="time_sea_level", value=float(res["time_still"]), unit="s",
                            expression="t - dt_run", inputs={"t": p.time, "dt_run": dt1}, model=fwd))
        dt2 = self._dt200(ctx, inv, p, t0, p.target_altitude, "dt_target", "at the target altitude")
        res = ctx.evaluate(inv, time_still=t0, altitude=p.target_altitude, **common)
        t2 = float(ctx.step(f"Equivalent time at {p.target_altitude:.0f} m", output="equivalent_time",
                            value=float(res["time_wind"]), unit="s", expression="time_sea_level + dt_target",
                            inputs={"time_sea_level": t0, "dt_target": dt2}, model=inv))
        self._finish(ctx, p, t2, t0)

    @staticmethod
    def _dt200(ctx: Context, m, p, t: float, h: float, output: str, where: str) -> float:
        men_fast = p.sex == "men" and t < MEN_FAST_CUTOFF_200
        C, F = (float(x) for x in (_M200_MEN if men_fast else _M200_OTHER)[p.lane - 1][[2, 5]])
        setname = "men < 21.5 s" if men_fast else "women / men >= 21.5 s"
        if h == 0:
            return float(ctx.step(f"Altitude term {where} (sea level)", output=output, value=0.0, unit="s",
                                  expression="0", inputs={}, note="no correction at sea level"))
        return float(ctx.step(f"Lane {p.lane} altitude term {where} ({setname} coefficients)", output=output,
                              value=None, unit="s", expression="C + F*H", inputs={"C": C, "F": F, "H": h},
                              model=m, equation="dt = C + F H  (Mureika's 200 m model with w = 0)"))

    # -- fitted (or any other) model: re-checked by re-running it --------------------------------
    def _generic(self, p, ctx: Context, m) -> None:
        names = {i.name for i in m.spec.inputs}
        base = {k: getattr(p, k) for k in ("event", "sex", "lane") if k in names}
        ctx.param("sex", p.sex, "1")
        res = ctx.model_step("Sea-level time", m, {"time": p.time, "altitude": p.altitude, **base},
                             "time_sea_level")
        t0 = float(res["time_sea_level"])
        half = float(res.get("ci_halfwidth", 0.0) or 0.0)
        if p.target_altitude == 0:
            t2 = t0
        else:
            t2, res2 = self._solve_inverse(ctx, m, t0, p.target_altitude, base, p.time)
            ctx.step(f"Equivalent time at {p.target_altitude:.0f} m (solved numerically)", output="equivalent_time",
                     value=t2, unit="s", note="root of model(time, target altitude) = sea-level time; checked next")
            ctx.step("Check: the model maps the equivalent time back to the sea-level time", output="time_sea_level",
                     value=float(res2["time_sea_level"]), unit="s", model=m,
                     inputs={"time": t2, "altitude": p.target_altitude, **base})
            half += float(res2.get("ci_halfwidth", 0.0) or 0.0)
        self._finish(ctx, p, t2, t0)
        if half:
            ctx.output("ci_halfwidth", half, "s", display=f"±{half:.3f} s",
                       description="95 % half-width of the change (upper bound: the two corrections' "
                                   "half-widths added)")
            ctx.penalize(min(0.4, half), f"fitted model {m.name}: 95 % CI +/- {half:.3f} s")

    @staticmethod
    def _solve_inverse(ctx: Context, m, t0: float, h: float, base: dict, guess: float):
        """Secant iteration for the time at altitude ``h`` that the model maps to ``t0``."""
        def g(t):
            return float(ctx.evaluate(m, time=t, altitude=h, **base)["time_sea_level"]) - t0
        x0, x1 = t0, t0 * 0.99
        f0, f1 = g(x0), g(x1)
        for _ in range(40):
            if f1 == f0:
                break
            x0, x1, f0 = x1, x1 - f1 * (x1 - x0) / (f1 - f0), f1
            f1 = g(x1)
            if abs(f1) < 1e-12:
                break
        res = ctx.evaluate(m, time=x1, altitude=h, **base)
        if abs(float(res["time_sea_level"]) - t0) > 1e-6:
            raise InvalidValueError(f"could not invert {m.name} at altitude {h:g} m", parameter="target_altitude",
                                    value=h)
        return x1, res

    @staticmethod
    def _finish(ctx: Context, p, t2: float, t0: float) -> None:
        change = ctx.step("Change (negative: faster at the target altitude)", output="change",
                          value=t2 - p.time, unit="s", expression="equivalent_time - t",
                          inputs={"equivalent_time": t2, "t": p.time})
        ctx.output("equivalent_time", t2, "s", primary=True,
                   description=f"equivalent time at {p.target_altitude:.0f} m (no wind)")
        ctx.output("change", change, "s", display=f"{change:+.2f} s",
                   description="equivalent time minus the given time (negative: faster at the target altitude)")
        ctx.output("time_sea_level", t0, "s", description="equivalent time at sea level (no wind)")


# =============================================================================================
# air_density
# =============================================================================================
@calculation
class AirDensity(Calculation):
    name = "air_density"
    title = "Air density from temperature, pressure (or altitude) and humidity"
    family = "air_density"
    description = (
        "Air density in kg/m^3 from air temperature, absolute (station) pressure or altitude, and relative "
        "humidity. model: cipm2007 (default, the metrological CIPM-2007 moist-air equation), ideal_gas (dry "
        "air, the Samozino/shorts sprint form) or simple_moist (ideal mixture with the Magnus vapour "
        "pressure). Without pressure the standard atmosphere at the altitude is used (sea level if neither).")
    examples = [
        "What is the air density at 20 °C, 1013 hPa and 50 % humidity?",
        "Air density in Mexico City (2240 m) at 25 degrees?",
        "How dense is the air at 30°C with 80% humidity at sea level?",
        "Air density for a sprint at 16 °C and 760 mmHg using the shorts formula?",
    ]

    class Params(StrictParams):
        temperature: Temperature = from_spec("air_density.cipm2007", "temperature")
        pressure: Pressure | None = from_spec("air_density.cipm2007", "pressure", default=None,
                                              description="absolute (station) pressure; omit to use altitude")
        altitude: Altitude | None = from_spec("altitude.isa", "altitude", default=None,
                                              description="altitude (used for the pressure when none is given)")
        humidity: Humidity | None = from_spec("air_density.cipm2007", "humidity", default=None,
                                              description="relative humidity (default 50 %)")
        model: Literal["cipm2007", "ideal_gas", "simple_moist"] | None = Field(
            None, description="density model: cipm2007 (default), ideal_gas (dry, Samozino/shorts) or simple_moist")

    def run(self, p: "AirDensity.Params", ctx: Context) -> None:
        m = choose_density_model(ctx, p.model)
        ctx.param("temperature", p.temperature, "degC")
        if p.pressure is not None:
            ctx.param("pressure", p.pressure, "Pa")
        if p.altitude is not None:
            ctx.param("altitude", p.altitude, "m")
        rh = p.humidity
        if m.name == "air_density.ideal_gas":
            if rh is not None:
                ctx.warn("the ideal_gas model is for dry air: the humidity was ignored")
        else:
            if rh is None:
                rh = DEFAULT_HUMIDITY
                ctx.assume(f"relative humidity {DEFAULT_HUMIDITY:.0f} % (not given)")
            ctx.param("humidity", rh, "%")
        pr = resolve_pressure(ctx, p.pressure, p.altitude)
        rho = density_step(ctx, m, p.temperature, pr, rh if rh is not None else 0.0, output="density",
                           title="Air density")
        ratio = ctx.step("Relative to the standard sea-level density 1.225 kg/m^3", output="density_ratio",
                         value=None, unit="1", expression="density/1.225", inputs={"density": rho})
        ctx.output("density", rho, "kg/m^3", primary=True, display=f"{rho:.4f} kg/m^3", description="air density")
        ctx.output("density_ratio", ratio, "1", display=f"{ratio:.4f}",
                   description="density relative to the standard sea-level 1.225 kg/m^3")
        if p.pressure is None:
            ctx.output("pressure", pr, "Pa", display=f"{pr / 100:.1f} hPa", description="pressure used")
        ctx.method = m.spec.citation


# =============================================================================================
# temperature_effect_sprint
# =============================================================================================
@calculation
class TemperatureEffectSprint(Calculation):
    name = "temperature_effect_sprint"
    title = "Effect of air temperature (air density) on a 100 m or 200 m time"
    family = "air_density"
    description = (
        "Convert a 100 m or 200 m time run at one air temperature (and optionally pressure or altitude and "
        "humidity) to the equivalent still-air time under reference conditions (default 25 °C, sea-level "
        "pressure, same humidity). Temperature acts only through air density: warm air is thinner, so drag "
        "is lower and times are faster (about 0.01 s per 10 °C over 100 m).")
    examples = [
        "How much faster is a 10.00 s 100 m at 35 °C than at 25 °C?",
        "I ran 10.45 at 12 degrees C. What would it be at 30 degrees?",
        "Equivalent of a 20.30 200m run at 5 °C in 25 °C conditions?",
        "A 11.20 100m at 28°C, 1500 m altitude and 70% humidity - what is it at sea level and 20°C?",
    ]

    class Params(StrictParams):
        event: Literal["100m", "200m"] = Field("100m", description="race distance")
        time: Time = Field(description="time run in the given conditions [s]", ge=5.0, le=60.0)
        temperature: Temperature = from_spec("air_density.cipm2007", "temperature",
                                             description="air temperature during the run")
        pressure: Pressure | None = from_spec("air_density.cipm2007", "pressure", default=None,
                                              description="absolute pressure during the run")
        altitude: Altitude | None = from_spec("altitude.isa", "altitude", default=None,
                                              description="altitude of the run (for the pressure)")
        humidity: Humidity | None = from_spec("air_density.cipm2007", "humidity", default=None,
                                              description="relative humidity during the run (default 50 %)")
        reference_temperature: Temperature = from_spec("air_density.cipm2007", "temperature", default=25.0,
                                                       description="temperature to convert to")
        reference_pressure: Pressure | None = from_spec("air_density.cipm2007", "pressure", default=None,
                                                        description="pressure to convert to (default 101325 Pa)")
        reference_altitude: Altitude | None = from_spec("altitude.isa", "altitude", default=None,
                                                        description="altitude to convert to (default sea level)")
        reference_humidity: Humidity | None = from_spec("air_density.cipm2007", "humidity", default=None,
                                                        description="humidity to convert to (default: as run)")
        density_model: Literal["cipm2007", "ideal_gas", "simple_moist"] | None = Field(
            None, description="air-density model (default cipm2007)")
        lane: int = Field(4, ge=1, le=8, description="lane (200 m only)")
        sex: Literal["men", "women"] = Field("men", description="men or women (200 m coefficients)")
        preset: Literal["calculator_1.028", "paper_1.030", "scripts_1.027"] = Field(
            MUREIKA_DEFAULT, description="Mureika 100 m constant a (sources disagree; default = his calculator)")

    def run(self, p: "TemperatureEffectSprint.Params", ctx: Context) -> None:
        dm = choose_density_model(ctx, p.density_model)
        ctx.param("event", p.event, "1")
        ctx.param("time", p.time, "s")
        ctx.param("temperature", p.temperature, "degC")
        ctx.param("reference_temperature", p.reference_temperature, "degC")
        rh = p.humidity
        if rh is None:
            rh = DEFAULT_HUMIDITY
            if dm.name != "air_density.ideal_gas":
                ctx.assume(f"relative humidity {DEFAULT_HUMIDITY:.0f} % (not given)")
        rh_ref = p.reference_humidity if p.reference_humidity is not None else rh
        if dm.name == "air_density.ideal_gas" and (p.humidity is not None or p.reference_humidity is not None):
            ctx.warn("the ideal_gas model is for dry air: the humidity was ignored")
        ctx.assume("temperature acts only through air density (drag); physiological effects are not modelled")
        pr = resolve_pressure(ctx, p.pressure, p.altitude, label="run", output="pressure_run")
        pr_ref = resolve_pressure(ctx, p.reference_pressure, p.reference_altitude, label="reference",
                                  output="pressure_reference")
        rho = density_step(ctx, dm, p.temperature, pr, rh, output="density_run",
                           title=f"Air density during the run ({fmt_temp(p.temperature)})", suffix="run")
        rho_ref = density_step(ctx, dm, p.reference_temperature, pr_ref, rh_ref, output="density_reference",
                               title=f"Air density in the reference conditions ({fmt_temp(p.reference_temperature)})",
                               suffix="reference")
        ratio = ctx.step("Density ratio run / reference", output="density_ratio", value=None, unit="1",
                         expression="density_run/density_reference",
                         inputs={"density_run": rho, "density_reference": rho_ref})
        if p.event == "100m":
            m = ctx.registry.get("air_density.sprint_100m")
            a = MUREIKA_PRESETS[p.preset]
            ctx.param("preset", p.preset, "1")
            res = ctx.evaluate(m, time=p.time, density_ratio=ratio, preset=p.preset)
            tr = float(ctx.step("Time in the reference conditions (Mureika closed form, rho/rho_ref for "
                                "exp(-0.000125 H))", output="time_reference", value=float(res["time_reference"]),
                                unit="s", expression="t*((1 + a) - a*density_ratio)",
                                inputs={"t": p.time, "a": a, "density_ratio": ratio}, model=m,
                                note=f"a = {a} ({p.preset}); no wind"))
        else:
            m = ctx.registry.get("air_density.sprint_200m")
            ctx.param("lane", p.lane, "1")
            ctx.param("sex", p.sex, "1")
            men_fast = p.sex == "men" and p.time < MEN_FAST_CUTOFF_200
            F = float((_M200_MEN if men_fast else _M200_OTHER)[p.lane - 1][5])
            h_eq = ctx.step("Altitude with the same density change in Mureika's atmosphere", output="h_equivalent",
                            value=None, unit="m", expression="-log(density_ratio)/0.000125",
                            inputs={"density_ratio": ratio})
            res = ctx.evaluate(m, time=p.time, density_ratio=ratio, lane=p.lane, sex=p.sex)
            tr = float(ctx.step(f"Time in the reference conditions (lane {p.lane} altitude coefficient F)",
                                output="time_reference", value=float(res["time_reference"]), unit="s",
                                expression="t - F*h_equivalent", inputs={"t": p.time, "F": F, "h_equivalent": h_eq},
                                model=m, note="the 200 m fit's intercept is not applied; no wind"))
        change = ctx.step("Change (positive: the run conditions helped)", output="change", value=tr - p.time,
                          unit="s", expression="time_reference - t", inputs={"time_reference": tr, "t": p.time})
        ctx.output("time_reference", tr, "s", primary=True,
                   description=f"equivalent still-air time at {fmt_temp(p.reference_temperature)}")
        ctx.output("change", change, "s", display=f"{change:+.3f} s",
                   description="reference time minus the given time (positive: the run conditions helped)")
        ctx.output("density_run", rho, "kg/m^3", display=f"{rho:.4f} kg/m^3", description="air density of the run")
        ctx.output("density_reference", rho_ref, "kg/m^3", display=f"{rho_ref:.4f} kg/m^3",
                   description="air density of the reference conditions")
        ctx.method = f"{m.spec.citation}; {dm.spec.citation}"
