"""Several corrections of one 100 m / 200 m time, composed in a physical order.

``sprint_conditions`` takes a time with everything known about how it was run (hand
timing, wind, altitude, air temperature) and returns the equivalent fully-automatic,
still-air, sea-level time at a reference temperature, one trace step per correction:

1. **hand timing -> FAT** first: it corrects the *measurement*, and every physical
   model below was derived for electronic times (``timing.hand_to_fat``);
2. **wind** at sea level (``wind.mureika_100m`` / ``wind.mureika_200m`` with H = 0);
3. **altitude** (the same model with the venue altitude; Mureika's exponential
   atmosphere): wind and altitude act together through the drag term
   rho(H) (v - w)^2, so the altitude step re-evaluates the model with both, and its
   contribution is the difference from step 2;
4. **temperature** last, as a further change of air density at the venue's pressure:
   rho(T)/rho(T_ref) from ``air_density.ideal_gas`` multiplies Mureika's altitude
   ratio (his atmosphere is isothermal, so the two factors are independent), and
   ``air_density.sprint_100m`` (or ``sprint_200m``) gives the time. Its contribution
   is small (about 0.01 s per 10 degC over 100 m; Mureika 2006).

Each step's time is computed from the FAT time with all corrections so far, so the
final time is exactly the combined model's, and the contributions add up to it.
``direction='from_reference'`` runs the same chain backwards (a still-air sea-level
time to the time expected in the given conditions) with the inverse models.
"""
from __future__ import annotations

import math
from typing import Literal

from pydantic import Field

from ...errors import InvalidValueError
from ...models.wind import MUREIKA_DEFAULT, MUREIKA_PRESETS
from .base import (Altitude, Calculation, Context, StrictParams, Temperature, Time, Wind, calculation,
                   from_spec)

HAND_VARIANTS = ("standard", "masters", "wa_scoring")
#: the temperature of Mureika's sea-level density (1.18 kg/m^3): his still-air times are at about 25 degC
REFERENCE_TEMPERATURE = 25.0
_MUREIKA_100 = "t*((1 + a) - a*rho_ratio*(1 - w*t/d)**2)"


@calculation
class SprintConditions(Calculation):
    name = "sprint_conditions"
    title = "Hand timing, wind, altitude and temperature corrections of a 100 m / 200 m time, composed"
    family = "composite"
    description = (
        "Correct a 100 m or 200 m time for everything about how it was run, in this order: hand timing -> "
        "FAT, then wind, then altitude, then air temperature; returns the equivalent FAT still-air sea-level "
        "time at the reference temperature (default 25 °C) with each correction as a trace step. "
        "direction='from_reference' converts a still-air sea-level time into the time expected in the given "
        "conditions instead. Wind in m/s, tail wind positive.")
    examples = [
        "Hand-timed 10.3 100m with +1.5 wind at 1500 m, what's the FAT still-air time?",
        "10.05 100m, wind -0.8, at 2240 m and 31 °C: sea-level still-air equivalent?",
        "I ran 10.6 hand timed into a 2 m/s headwind. What's that FAT in still air?",
    ]

    class Params(StrictParams):
        event: Literal["100m", "200m"] = Field("100m", description="race distance")
        time: Time = Field(description="the given time [s]", ge=5.0, le=60.0)
        hand_timed: bool = Field(False, description="the time was taken by hand (converted to FAT first)")
        wind: Wind = from_spec("wind.mureika_100m", "wind", default=0.0)
        altitude: Altitude = from_spec("wind.mureika_100m", "altitude", default=0.0)
        temperature: Temperature | None = from_spec(
            "air_density.ideal_gas", "temperature", default=None,
            description="air temperature during the run (omit to skip the temperature step)")
        reference_temperature: Temperature = from_spec(
            "air_density.ideal_gas", "temperature", default=REFERENCE_TEMPERATURE,
            description="temperature of the reference conditions")
        direction: Literal["to_reference", "from_reference"] = Field(
            "to_reference", description="to_reference: the time was run in these conditions; from_reference: "
                                        "the time is a still-air sea-level FAT time to convert into them")
        lane: int = Field(4, ge=1, le=8, description="lane (200 m only)")
        sex: Literal["men", "women"] = Field("men", description="men or women (200 m coefficients)")
        preset: Literal["calculator_1.028", "paper_1.030", "scripts_1.027"] = Field(
            MUREIKA_DEFAULT, description="Mureika 100 m constant a (sources disagree; default = his calculator)")
        hand_variant: Literal["standard", "masters", "wa_scoring"] = Field(
            "standard", description="hand-to-FAT offset rule")

    def run(self, p: "SprintConditions.Params", ctx: Context) -> None:
        to_ref = p.direction == "to_reference"
        if p.hand_timed and not to_ref:
            raise InvalidValueError("hand timing applies to a time that was run, not to a reference time: use "
                                    "direction='to_reference'", parameter="hand_timed", value=True)
        d = 100.0 if p.event == "100m" else 200.0
        for k, v, u in (("event", p.event, "1"), ("time", p.time, "s"), ("hand_timed", p.hand_timed, "1"),
                        ("wind", p.wind, "m/s"), ("altitude", p.altitude, "m"), ("direction", p.direction, "1")):
            ctx.param(k, v, u)
        if p.temperature is not None:
            ctx.param("temperature", p.temperature, "degC")
            ctx.param("reference_temperature", p.reference_temperature, "degC")
        if p.event == "200m":
            ctx.param("lane", p.lane, "1")
            ctx.param("sex", p.sex, "1")
        else:
            ctx.param("preset", p.preset, "1")
        kind = "tail wind" if p.wind > 0 else ("head wind" if p.wind < 0 else "no wind")
        ctx.assume(f"wind {p.wind:+.1f} m/s is a {kind} (World Athletics sign convention: + = tail wind)")
        ctx.assume("order of corrections: hand timing -> FAT, wind, altitude, temperature; each step "
                   "re-evaluates the model with every correction so far")

        # 1. hand timing -> FAT -------------------------------------------------------------
        t = p.time
        if p.hand_timed:
            m = ctx.registry.get("timing.hand_to_fat")
            res = ctx.evaluate(m, hand_time=p.time, distance=d, variant=p.hand_variant)
            off = float(res["offset"])
            t = float(ctx.step("Hand time -> FAT (round up to 0.1 s, add the distance offset)", output="fat_time",
                               value=float(res["fat_time"]), unit="s", expression="ceil_to(hand_time, 0.1) + offset",
                               inputs={"hand_time": p.time, "offset": off}, model=m,
                               note=f"{p.hand_variant} rule: +{off:.2f} s at {d:.0f} m"))
            ctx.output("fat_time", t, "s", description="the hand time as a FAT time")
        base = t
        # density factors ------------------------------------------------------------------
        r_alt = 1.0
        if p.altitude:
            m = ctx.registry.get("altitude.mureika_density_ratio")
            res = ctx.evaluate(m, altitude=p.altitude)
            r_alt = float(ctx.step("Air density at the venue relative to sea level (Mureika's atmosphere)",
                                   output="altitude_density_ratio", value=float(res["density_ratio"]), unit="1",
                                   expression="exp(-0.000125*H)", inputs={"H": p.altitude}, model=m,
                                   note="8000 m scale height"))
        r_temp = 1.0
        if p.temperature is not None:
            m = ctx.registry.get("air_density.ideal_gas")
            rho = float(ctx.model_step(f"Air density at {p.temperature:.1f} °C (sea-level pressure)", m,
                                       {"temperature": p.temperature}, "density",
                                       expression="1.293*(p/133.322387415/760)*273/(273 + t)",
                                       expr_inputs={"t": p.temperature, "p": 101325.0})["density"])
            # the reference density is a different quantity from the run's: give it its own name
            ctx.evaluate(m, temperature=p.reference_temperature)
            rho_ref = ctx.step(f"Air density at the reference {p.reference_temperature:.1f} °C", output="density_ref",
                               value=None, unit="kg/m^3", expression="1.293*(p/133.322387415/760)*273/(273 + t)",
                               inputs={"t": p.reference_temperature, "p": 101325.0}, model=m)
            r_temp = float(ctx.step("Temperature density factor", output="temperature_ratio", value=None, unit="1",
                                    expression="density/density_ref", inputs={"density": rho, "density_ref": rho_ref},
                                    note="Mureika's atmosphere is isothermal, so this multiplies the altitude factor"))
        if p.event == "100m":
            times = self._chain_100(p, ctx, base, d, r_alt, r_temp, to_ref)
        else:
            times = self._chain_200(p, ctx, base, r_temp, to_ref)
        # contributions --------------------------------------------------------------------
        prev = base
        labels = {"wind": "wind", "altitude": "altitude", "temperature": "temperature"}
        for key, value in times:
            eff = ctx.step(f"{labels[key].capitalize()} contribution", output=f"{key}_effect", value=value - prev,
                           unit="s", expression="after - before", inputs={"after": value, "before": prev})
            ctx.output(f"{key}_effect", eff, "s", display=f"{eff:+.3f} s",
                       description=f"change due to the {labels[key]} correction "
                                   f"({'positive: the conditions helped' if to_ref else 'positive: slower'})")
            prev = value
        final = times[-1][1] if times else base
        total = ctx.step("Total change from the given time", output="total_change", value=final - p.time, unit="s",
                         expression="final - given", inputs={"final": final, "given": p.time})
        if to_ref:
            ref_desc = "FAT, still air, sea level" + (f", {p.reference_temperature:.0f} °C"
                                                      if p.temperature is not None else "")
            ctx.output("time_reference", final, "s", primary=True, description=f"equivalent time ({ref_desc})")
        else:
            ctx.output("time_conditions", final, "s", primary=True,
                       description="expected time in the given conditions")
        ctx.output("total_change", total, "s", display=f"{total:+.3f} s", description="final minus given time")
        applied = (["hand -> FAT"] if p.hand_timed else []) + [k for k, _ in times]
        # "composed corrections: " with nothing after it when the conditions are neutral
        ctx.method = "composed corrections: " + (", ".join(applied) or "none needed (neutral conditions)")

    # -- 100 m: Mureika's closed form (and its inverse) -----------------------------------------
    def _chain_100(self, p, ctx: Context, t: float, d: float, r_alt: float, r_temp: float,
                   to_ref: bool) -> list[tuple[str, float]]:
        a = MUREIKA_PRESETS[p.preset]
        out: list[tuple[str, float]] = []
        if to_ref:
            fwd = ctx.registry.get("wind.mureika_100m")
            if p.wind:
                res = ctx.evaluate(fwd, time=t, wind=p.wind, altitude=0.0, preset=p.preset)
                v = ctx.step("Wind removed at sea level", output="time_wind_corrected", value=float(res["time_still"]),
                             unit="s", expression="t*((1 + a) - a*(1 - w*t/d)**2)",
                             inputs={"t": t, "a": a, "w": p.wind, "d": d}, model=fwd, note=f"a = {a}")
                out.append(("wind", float(v)))
            if p.altitude:
                res = ctx.evaluate(fwd, time=t, wind=p.wind, altitude=p.altitude, preset=p.preset)
                v = ctx.step("Wind and altitude removed", output="time_altitude_corrected",
                             value=float(res["time_still"]), unit="s", expression=_MUREIKA_100,
                             inputs={"t": t, "a": a, "rho_ratio": r_alt, "w": p.wind, "d": d}, model=fwd)
                out.append(("altitude", float(v)))
            if p.temperature is not None:
                m = ctx.registry.get("air_density.sprint_100m")
                r = ctx.step("Combined density ratio (altitude x temperature)", output="density_ratio_total",
                             value=None, unit="1", expression="altitude_density_ratio*temperature_ratio",
                             inputs={"altitude_density_ratio": r_alt, "temperature_ratio": r_temp})
                res = ctx.evaluate(m, time=t, density_ratio=r, wind=p.wind, preset=p.preset)
                v = ctx.step("Wind, altitude and temperature removed", output="time_reference",
                             value=float(res["time_reference"]), unit="s", expression=_MUREIKA_100,
                             inputs={"t": t, "a": a, "rho_ratio": r, "w": p.wind, "d": d}, model=m)
                out.append(("temperature", float(v)))
            return out
        inv = ctx.registry.get("wind.mureika_100m_inverse")
        if p.wind:
            res = ctx.model_step("Time with this wind at sea level (inverse closed form)", inv,
                                 {"time_still": t, "wind": p.wind, "altitude": 0.0, "preset": p.preset}, "time_wind")
            out.append(("wind", float(res["time_wind"])))
        if p.altitude:
            res = ctx.evaluate(inv, time_still=t, wind=p.wind, altitude=p.altitude, preset=p.preset)
            v = ctx.step("Time with this wind at the venue altitude", output="time_wind_altitude",
                         value=float(res["time_wind"]), unit="s", model=inv,
                         inputs={"time_still": t, "wind": p.wind, "altitude": p.altitude, "preset": p.preset})
            out.append(("altitude", float(v)))
        if p.temperature is not None:
            r = ctx.step("Combined density ratio (altitude x temperature)", output="density_ratio_total", value=None,
                         unit="1", expression="altitude_density_ratio*temperature_ratio",
                         inputs={"altitude_density_ratio": r_alt, "temperature_ratio": r_temp})
            h_eq = ctx.step("Altitude with the same air density in Mureika's atmosphere", output="altitude_equivalent",
                            value=None, unit="m", expression="-log(density_ratio_total)/0.000125",
                            inputs={"density_ratio_total": r})
            if not -450.0 <= h_eq <= 5000.0:
                raise InvalidValueError(f"the combined air density is outside the model's range (equivalent "
                                        f"altitude {h_eq:.0f} m)", parameter="temperature", value=p.temperature)
            res = ctx.evaluate(inv, time_still=t, wind=p.wind, altitude=h_eq, preset=p.preset)
            v = ctx.step("Time with this wind, altitude and temperature", output="time_conditions",
                         value=float(res["time_wind"]), unit="s", model=inv,
                         inputs={"time_still": t, "wind": p.wind, "altitude": h_eq, "preset": p.preset})
            out.append(("temperature", float(v)))
        return out

    # -- 200 m: Mureika's lane-dependent fit --------------------------------------------------
    def _chain_200(self, p, ctx: Context, t: float, r_temp: float, to_ref: bool) -> list[tuple[str, float]]:
        out: list[tuple[str, float]] = []
        name, key_in, key_out = (("wind.mureika_200m", "time", "time_still") if to_ref else
                                 ("wind.mureika_200m_inverse", "time_still", "time_wind"))
        m = ctx.registry.get(name)
        common = {"lane": p.lane, "sex": p.sex}
        if p.wind:
            res = ctx.evaluate(m, **{key_in: t}, wind=p.wind, altitude=0.0, **common)
            v = ctx.step(f"Wind {'removed' if to_ref else 'applied'} at sea level (lane {p.lane})",
                         output="time_wind_step", value=float(res[key_out]), unit="s", model=m,
                         inputs={key_in: t, "wind": p.wind, "altitude": 0.0, **common})
            out.append(("wind", float(v)))
        if p.altitude:
            res = ctx.evaluate(m, **{key_in: t}, wind=p.wind, altitude=p.altitude, **common)
            v = ctx.step(f"Wind and altitude {'removed' if to_ref else 'applied'} (lane {p.lane})",
                         output="time_altitude_step", value=float(res[key_out]), unit="s", model=m,
                         inputs={key_in: t, "wind": p.wind, "altitude": p.altitude, **common})
            out.append(("altitude", float(v)))
        if p.temperature is not None:
            prev = out[-1][1] if out else t
            dm = ctx.registry.get("air_density.sprint_200m")
            res = ctx.evaluate(dm, time=prev, density_ratio=r_temp, **common)
            change = ctx.step("Temperature change of the time (Mureika 200 m altitude coefficient at the "
                              "equivalent altitude)", output="temperature_change", value=float(res["change"]),
                              unit="s", model=dm, inputs={"time": prev, "density_ratio": r_temp, **common})
            ctx.assume("the 200 m temperature term is added to the wind and altitude result (effects are "
                       "close to additive; Mureika 2006)")
            v = ctx.step("Wind, altitude and temperature " + ("removed" if to_ref else "applied"),
                         output="time_temperature_step", value=None, unit="s",
                         expression="previous + change" if to_ref else "previous - change",
                         inputs={"previous": prev, "change": change})
            out.append(("temperature", float(v)))
        if not math.isfinite(out[-1][1] if out else t):
            raise InvalidValueError("the corrections produced a non-finite time", parameter="time")
        return out
