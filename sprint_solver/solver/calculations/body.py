"""Body-metrics calculation: surface area, frontal area and aerodynamic drag of a runner."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...errors import MissingParameterError
from ...models import body as bm
from .atmosphere import DEFAULT_HUMIDITY, density_step, resolve_pressure
from .base import (Altitude, Calculation, Context, Height, Mass, Speed, StrictParams, Temperature, Wind,
                   calculation, from_spec)

BSA_EXPR = {"dubois_1916": "0.007184*m**0.425*(100*h)**0.725", "rounded_0.2025": "0.2025*h**0.725*m**0.425"}


@calculation
class BodyMetrics(Calculation):
    name = "body_metrics"
    title = "Body surface area, frontal area and air drag of a runner"
    family = "body"
    description = (
        "From body mass and height: Du Bois body surface area, projected frontal area (0.266 x BSA, Pugh) and "
        "the drag constant k = 0.5 rho Af Cd; with a running speed also the drag force k (v - w)|v - w| "
        "(wind w along the running direction, tail wind positive), drag per kg of body mass and drag power. "
        "Air density: give it, or give temperature (and altitude) to compute it; default 1.1845 kg/m^3 "
        "(760 mmHg, 25 °C as in Samozino et al. / shorts).")
    examples = [
        "What is the frontal area of a 70 kg, 1.80 m sprinter?",
        "How much air drag does an 80 kg, 1.90 m runner face at 5 m/s into a 0.5 m/s headwind at 16 °C?",
        "Drag force on a 60 kg, 170 cm athlete sprinting at 10 m/s with a 2 m/s tailwind?",
        "Body surface area for 154 lb and 5'10\"?",
        "Drag per kg for a 94 kg, 1.95 m sprinter at 11 m/s at 2000 m altitude and 25 degrees?",
    ]

    class Params(StrictParams):
        mass: Mass = from_spec("body.drag_force", "mass")
        height: Height = from_spec("body.drag_force", "height")
        speed: Speed | None = from_spec("body.drag_force", "speed", default=None,
                                        description="running speed (for the drag force)")
        wind: Wind = from_spec("body.drag_force", "wind")
        air_density: float | None = from_spec("body.drag_force", "air_density", default=None,
                                              description="air density (omit to use temperature/altitude or "
                                                          "the 1.1845 default)")
        temperature: Temperature | None = from_spec("air_density.cipm2007", "temperature", default=None,
                                                    description="air temperature (to compute the air density)")
        altitude: Altitude | None = from_spec("altitude.isa", "altitude", default=None,
                                              description="altitude (to compute the air density)")
        cd: float = from_spec("body.drag_force", "cd")
        result: Literal["bsa", "frontal_area", "drag_constant", "drag_force", "drag_per_kg", "drag_power"] | None = \
            Field(None, description="which number is the answer (default: drag_force with a speed, else frontal_area)")
        variant: Literal["dubois_1916", "rounded_0.2025"] = Field(
            bm.BSA_DEFAULT, description="Du Bois constant: dubois_1916 (original) or rounded_0.2025 (shorts, "
                                        "GoldenCheetah)")

    def run(self, p: "BodyMetrics.Params", ctx: Context) -> None:
        want = p.result or ("drag_force" if p.speed is not None else "frontal_area")
        if want in ("drag_force", "drag_per_kg", "drag_power") and p.speed is None:
            raise MissingParameterError("speed", f"{want} needs the running speed")
        ctx.param("mass", p.mass, "kg")
        ctx.param("height", p.height, "m")
        ctx.param("variant", p.variant, "1")
        mb = ctx.registry.get("body.dubois_bsa")
        res = ctx.evaluate(mb, mass=p.mass, height=p.height, variant=p.variant)
        bsa = float(ctx.step("Du Bois body surface area", output="bsa", value=float(res["bsa"]), unit="m^2",
                             expression=BSA_EXPR[p.variant], inputs={"m": p.mass, "h": p.height}, model=mb,
                             note="height in cm in the original form" if p.variant == "dubois_1916"
                             else "rounded constant, height in metres"))
        mf = ctx.registry.get("body.frontal_area")
        res = ctx.evaluate(mf, mass=p.mass, height=p.height, variant=p.variant)
        af = float(ctx.step("Projected frontal area (Pugh)", output="frontal_area", value=float(res["frontal_area"]),
                            unit="m^2", expression="0.266*bsa", inputs={"bsa": bsa}, model=mf))
        rho = self._density(p, ctx)
        ctx.param("cd", p.cd, "1")
        if p.cd == bm.CD_DEFAULT:
            ctx.assume("drag coefficient 0.9 (Arsac & Locatelli 2002; Samozino et al. 2016); sources use 0.8-1.2")
        mk = ctx.registry.get("body.drag_constant")
        res = ctx.evaluate(mk, mass=p.mass, height=p.height, air_density=rho, cd=p.cd, variant=p.variant)
        k = float(ctx.step("Drag constant", output="drag_constant", value=float(res["drag_constant"]), unit="kg/m",
                           expression="0.5*rho*frontal_area*cd", inputs={"rho": rho, "frontal_area": af, "cd": p.cd},
                           model=mk))
        ctx.output("bsa", bsa, "m^2", primary=want == "bsa", display=f"{bsa:.4f} m^2",
                   description="Du Bois body surface area")
        ctx.output("frontal_area", af, "m^2", primary=want == "frontal_area", display=f"{af:.4f} m^2",
                   description="projected frontal area")
        ctx.output("drag_constant", k, "kg/m", primary=want == "drag_constant", display=f"{k:.5f} kg/m",
                   description="drag constant k (drag force = k x air speed^2)")
        kpm = ctx.step("Drag constant per kg of body mass", output="drag_constant_per_kg", value=None, unit="1",
                       expression="drag_constant/m", inputs={"drag_constant": k, "m": p.mass}, note="1/m")
        ctx.output("drag_constant_per_kg", kpm, "1", display=f"{kpm:.6f} 1/m",
                   description="k / mass [1/m]: drag deceleration per (m/s)^2 of air speed")
        if p.speed is not None:
            self._drag(p, ctx, k, rho, want)
        by_result = {"bsa": mb, "frontal_area": mf, "drag_constant": mk}
        ctx.method = (by_result.get(want) or ctx.registry.get("body.drag_force")).spec.citation

    @staticmethod
    def _density(p, ctx: Context) -> float:
        if p.air_density is not None:
            ctx.param("air_density", p.air_density, "kg/m^3")
            return p.air_density
        if p.temperature is None and p.altitude is None:
            ctx.assume(f"air density {bm.RHO_DEFAULT:.4f} kg/m^3 (760 mmHg, 25 °C, as Samozino et al. / shorts)")
            return bm.RHO_DEFAULT
        t = p.temperature
        if t is None:
            t = 15.0 - 0.0065 * p.altitude
            ctx.assume(f"standard-atmosphere temperature {t:.1f} °C at {p.altitude:.0f} m (not given)")
        ctx.param("temperature", t, "degC")
        ctx.assume(f"relative humidity {DEFAULT_HUMIDITY:.0f} % for the air density")
        pr = resolve_pressure(ctx, None, p.altitude)
        m = ctx.registry.get("air_density.cipm2007")
        rho = density_step(ctx, m, t, pr, DEFAULT_HUMIDITY, output="air_density", title="Air density",
                           suffix="air")
        ctx.output("air_density", rho, "kg/m^3", display=f"{rho:.4f} kg/m^3", description="air density used")
        return rho

    @staticmethod
    def _drag(p, ctx: Context, k: float, rho: float, want: str) -> None:
        ctx.param("speed", p.speed, "m/s")
        ctx.param("wind", p.wind, "m/s")
        md = ctx.registry.get("body.drag_force")
        res = ctx.evaluate(md, mass=p.mass, height=p.height, speed=p.speed, wind=p.wind, air_density=rho,
                           cd=p.cd, variant=p.variant)
        rel = ctx.step("Air speed relative to the runner", output="air_speed", value=None, unit="m/s",
                       expression="v - w", inputs={"v": p.speed, "w": p.wind},
                       note="wind along the running direction, tail wind positive")
        F = ctx.step("Drag force", output="drag_force", value=float(res["drag_force"]), unit="N",
                     expression="drag_constant*air_speed*abs(air_speed)", inputs={"drag_constant": k, "air_speed": rel},
                     model=md, equation="F = k (v - w)|v - w|",
                     note="positive: opposes the runner; negative: the tail wind pushes")
        per_kg = ctx.step("Drag force per kg of body mass", output="drag_per_kg", value=float(res["drag_per_kg"]),
                          unit="N/kg", expression="drag_force/m", inputs={"drag_force": F, "m": p.mass}, model=md,
                          equation="a = F/m")
        power = ctx.step("Power spent against the air", output="drag_power", value=float(res["drag_power"]),
                         unit="W", expression="drag_force*v", inputs={"drag_force": F, "v": p.speed}, model=md,
                         equation="P = F v")
        ctx.output("drag_force", F, "N", primary=want == "drag_force", display=f"{F:.2f} N",
                   description="aerodynamic drag force (positive opposes the runner)")
        ctx.output("drag_per_kg", per_kg, "N/kg", primary=want == "drag_per_kg", display=f"{per_kg:.4f} N/kg",
                   description="drag force per kg")
        ctx.output("drag_power", power, "W", primary=want == "drag_power", display=f"{power:.1f} W",
                   description="drag force x speed")
        if p.wind > p.speed:
            ctx.warn("the tail wind is faster than the runner: the air pushes (negative drag)")
