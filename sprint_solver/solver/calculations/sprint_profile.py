"""Sprint acceleration profile (MSS, MAC, TAU, PMAX) from split times, and the force-velocity
profile (F0, V0, Pmax) when body mass and height are given.

The least-squares fit has no closed form: its steps name the registered fit model, so
:meth:`Solution.verify` re-runs the fit on the recorded splits; the predicted splits and the
residual standard error are closed-form steps over the fitted parameters, so verify also checks
that the parameters really reproduce the splits they were fitted to.
"""
from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ...errors import InvalidValueError, MissingParameterError
from ...models.sprint_profile import DEFAULT_TEMPERATURE, FIT_BOUNDS, P_760_TORR
from .base import (Calculation, Context, Distance, Height, Mass, Pressure, StrictParams, Temperature, Time, Wind,
                   calculation, from_spec)
from .pacing import formula_step, num

FVP = "sprint_profile.fvp_analytic"
FD_ZERO = 1e-9  #: m; below this the flying-start term is exactly 0 (Lambert W's branch point)
POOR_FIT_RSE = 0.05  #: s; gates read to 0.01 s fit the model to ~0.01-0.035 s (shorts examples)


def time_expression(x: str, flying_start: bool, time_correction: bool) -> str:
    """``t(x + FD) - t(FD) - TC`` as a safe expression over MSS, TAU (FD, TC)."""
    if not flying_start:
        e = f"TAU*lambertw(-exp(-{x}/(MSS*TAU) - 1)) + {x}/MSS + TAU"
    else:
        e = (f"TAU*lambertw(-exp(-({x} + FD)/(MSS*TAU) - 1)) + ({x} + FD)/MSS + TAU"
             f" - ((TAU*lambertw(-exp(-FD/(MSS*TAU) - 1)) + FD/MSS + TAU) if FD > {FD_ZERO} else 0)")
    return e + (" - TC" if time_correction else "")


def gate_label(d: float) -> str:
    return f"{num(d, 3)}m"


@calculation
class SprintProfile(Calculation):
    name = "sprint_profile"
    title = "Sprint acceleration and force-velocity profile from split times"
    family = "sprint_profile"
    description = (
        "Fit the mono-exponential sprint model v(t) = MSS (1 - exp(-t/TAU)) to timing-gate split times "
        "(distances from the start line and cumulative times, at least 3 gates) and report the maximal "
        "sprinting speed MSS, time constant TAU, maximal acceleration MAC = MSS/TAU, relative power "
        "PMAX = MSS MAC / 4 and the predicted splits. flying_start estimates the distance run before the first "
        "trigger; time_correction estimates a timing offset. With body mass and height it adds Samozino's "
        "force-velocity profile: F0, V0, Pmax and the FV slope (air at 25 degC / 760 Torr unless given; wind "
        "tail positive).")
    examples = [
        "My splits were 1.16 s at 5 m, 1.89 at 10 m, 2.54 at 15 m, 3.15 at 20 m, 4.31 at 30 m and 5.44 at 40 m. "
        "What is my maximal sprinting speed?",
        "Sprint profile for 10, 20, 30 and 40 m splits of 1.85, 3.05, 4.15 and 5.22 s; I weigh 75 kg and am "
        "1.80 m tall. What are F0, V0 and Pmax?",
        "Estimate MSS and MAC from 5 m 1.21, 10 m 1.99, 20 m 3.38, 30 m 4.71, 35 m 5.36 with a flying start.",
        "What top speed and acceleration do 10/20/30 m times of 1.80, 3.00 and 4.10 s imply?",
    ]

    class Params(StrictParams):
        distances: list[Distance] = Field(min_length=3, max_length=50,
                                          description="gate positions from the start line, increasing [m]")
        times: list[Time] = Field(min_length=3, max_length=50,
                                  description="cumulative split times at those gates [s]")
        mass: Mass | None = from_spec(FVP, "mass", default=None, description="body mass (for the force-velocity profile)")
        height: Height | None = from_spec(FVP, "height", default=None,
                                          description="body height (for the force-velocity profile)")
        temperature: Temperature = from_spec(FVP, "temperature")
        pressure: Pressure = from_spec(FVP, "pressure")
        wind: Wind = from_spec(FVP, "wind")
        flying_start: bool = Field(False, description="estimate the flying-start distance FD")
        time_correction: bool = Field(False, description="estimate a time correction TC")
        fv_method: Literal["analytic", "samozino_2016"] = Field(
            "analytic", description="analytic: closed-form V0 (Samozino 2022, {shorts} 3.x); samozino_2016: "
                                    "regression of force on velocity over the modelled sprint, with RFmax and DRF")

        @model_validator(mode="after")
        def _consistent(self):
            if len(self.distances) != len(self.times):
                raise InvalidValueError(f"{len(self.distances)} distances but {len(self.times)} times: give one "
                                        "time per gate", parameter="times")
            needed = 3 + self.flying_start + self.time_correction
            if len(self.distances) < needed:
                raise InvalidValueError(f"{needed} gates are needed to estimate "
                                        f"{2 + self.flying_start + self.time_correction} parameters with a residual",
                                        parameter="distances", valid_range=(needed, 50))
            if (self.mass is None) != (self.height is None):
                missing = "height" if self.height is None else "mass"
                raise MissingParameterError(missing, f"the force-velocity profile needs both mass and height "
                                                     f"({missing} is missing)")
            return self

    def run(self, p: "SprintProfile.Params", ctx: Context) -> None:
        reg = ctx.registry
        dists, times = [float(x) for x in p.distances], [float(x) for x in p.times]
        ctx.param("distances", dists, "m")
        ctx.param("times", times, "s")
        fit = reg.get("sprint_profile.fit_timing_gates")
        fit_in = {"distances": dists, "times": times, "flying_start": p.flying_start,
                  "time_correction": p.time_correction}
        res = ctx.evaluate(fit, **fit_in)
        note = "nonlinear least squares of t(x) on the splits; re-checked by re-running the fit"
        mss = formula_step(ctx, "Fit: maximal sprinting speed MSS", output="MSS", value=float(res["MSS"]), unit="m/s",
                           inputs=fit_in, model=fit, note=note)
        tau = formula_step(ctx, "Fit: time constant TAU", output="TAU", value=float(res["TAU"]), unit="s", inputs=fit_in,
                           model=fit, note=note)
        expr_in: dict[str, float] = {"MSS": mss, "TAU": tau}
        if p.flying_start:
            expr_in["FD"] = formula_step(ctx, "Fit: flying-start distance FD", output="FD", value=float(res["FD"]), unit="m",
                                         inputs=fit_in, model=fit, note=note)
        if p.time_correction:
            expr_in["TC"] = formula_step(ctx, "Fit: time correction TC", output="TC", value=float(res["TC"]), unit="s",
                                         inputs=fit_in, model=fit, note=note)
        mac = formula_step(ctx, "Maximal acceleration MAC = MSS / TAU", output="MAC", value=None, unit="m/s^2",
                           expression="MSS/TAU", inputs={"MSS": mss, "TAU": tau})
        pmax = formula_step(ctx, "Maximal relative power PMAX = MSS MAC / 4", output="PMAX", value=None, unit="W/kg",
                            expression="MSS*MAC/4", inputs={"MSS": mss, "MAC": mac})
        preds = []
        t_model = reg.get("sprint_profile.time_at_distance")
        t_expr = time_expression("x", p.flying_start, p.time_correction)
        for x in dists:
            preds.append(formula_step(ctx, f"Predicted time at {num(x, 3)} m", output=f"predicted_{gate_label(x)}",
                                      value=None, unit="s", expression=t_expr, inputs={"x": x, **expr_in}, model=t_model,
                                      equation=f"t(x) = {t_expr}"))
        n_par = 2 + p.flying_start + p.time_correction
        df = len(dists) - n_par
        sq = " + ".join(f"(t{i} - p{i})**2" for i in range(1, len(dists) + 1))
        rse_in = {**{f"t{i}": t for i, t in enumerate(times, 1)}, **{f"p{i}": v for i, v in enumerate(preds, 1)},
                  "df": float(df)}
        rse = formula_step(ctx, f"Residual standard error on {df} degrees of freedom", output="RSE", value=None, unit="s",
                           expression=f"sqrt(({sq})/df)", inputs=rse_in, note="observed minus predicted splits")
        self._plausibility(ctx, t_model, mss, tau, mac, rse)
        ctx.assume("a maximal sprint without deceleration over the measured distance")
        if not (p.flying_start or p.time_correction):
            ctx.assume("the clock starts with the first movement (no flying start, no timing offset); a start "
                       "behind the first gate biases MSS and MAC upwards")
        ctx.output("MSS", mss, "m/s", display=f"{mss:.2f} m/s", primary=True, description="maximal sprinting speed")
        ctx.output("MAC", mac, "m/s^2", display=f"{mac:.2f} m/s^2", description="maximal acceleration")
        ctx.output("TAU", tau, "s", display=f"{tau:.3f} s", description="time constant (MSS/MAC)")
        ctx.output("PMAX", pmax, "W/kg", display=f"{pmax:.2f} W/kg", description="maximal relative power MSS*MAC/4")
        if p.flying_start:
            ctx.output("FD", expr_in["FD"], "m", display=f"{expr_in['FD']:.3f} m", description="flying-start distance")
        if p.time_correction:
            ctx.output("TC", expr_in["TC"], "s", display=f"{expr_in['TC']:+.3f} s", description="time correction")
        ctx.output("RSE", rse, "s", display=f"{rse:.4f} s", tolerance=1e-4, description="residual standard error")
        for x, t, v in zip(dists, times, preds):
            ctx.output(f"predicted_{gate_label(x)}", v, "s", display=f"{num(x, 3)} m: {v:.2f} s (measured {t:.2f} s)",
                       description=f"model time at {num(x, 3)} m")
        if p.mass is not None:
            self._fv(p, ctx, mss, tau, mac)
        else:
            defaults = (p.temperature == DEFAULT_TEMPERATURE and p.pressure == P_760_TORR and p.wind == 0.0)
            if not defaults:
                ctx.warn("temperature, pressure and wind only enter the force-velocity profile, which needs "
                         "mass and height: they were not used")
        ctx.method = fit.spec.citation

    @staticmethod
    def _plausibility(ctx: Context, t_model, mss: float, tau: float, mac: float, rse: float) -> None:
        """Flag fits that do not look like a maximal sprint from a standing start."""
        spec = t_model.spec
        for name, value, unit in (("MSS", mss, "m/s"), ("TAU", tau, "s")):
            i = spec.input(name)
            lo, hi = FIT_BOUNDS[name]
            if value <= lo * 1.02 or value >= hi * 0.98 or not i.min <= value <= i.max:
                note = (f"the fitted {name} = {value:.3g} {unit} is at the edge of what the fit allows: the splits "
                        "do not look like a maximal acceleration from a standing start")
                ctx.warn(note)
                ctx.penalize(0.5, note)
            elif not i.valid_min <= value <= i.valid_max:
                note = (f"the fitted {name} = {value:.3g} {unit} is outside the range seen in sprinters "
                        f"[{i.valid_min:g}, {i.valid_max:g}] {unit}")
                ctx.warn(note)
                ctx.penalize(0.2, note)
        if rse > POOR_FIT_RSE:
            note = f"poor fit: residual standard error {rse:.3f} s (> {POOR_FIT_RSE} s) for split times"
            ctx.warn(note)
            ctx.penalize(0.2, note)

    def _fv(self, p, ctx: Context, mss: float, tau: float, mac: float) -> None:
        mac_range = ctx.registry.get(FVP).spec.input("MAC")
        if not mac_range.min <= mac <= mac_range.max:
            raise InvalidValueError(f"the splits imply a maximal acceleration of {mac:.3g} m/s^2, outside "
                                    f"[{mac_range.min:g}, {mac_range.max:g}]: no force-velocity profile for them",
                                    parameter="times", value=mac, valid_range=(mac_range.min, mac_range.max),
                                    unit="m/s^2")
        reg = ctx.registry
        ctx.param("mass", p.mass, "kg")
        ctx.param("height", p.height, "m")
        ctx.param("temperature", p.temperature, "degC")
        ctx.param("pressure", p.pressure, "Pa")
        ctx.param("wind", p.wind, "m/s")
        if p.temperature == DEFAULT_TEMPERATURE and p.pressure == P_760_TORR:
            ctx.assume("air at 25 degC and 760 Torr (the {shorts} defaults)")
        if p.wind:
            ctx.assume(f"wind {p.wind:+.1f} m/s along the sprint (tail wind positive)")
        air = reg.get("sprint_profile.air_drag_constant")
        ctx.evaluate(air, mass=p.mass, height=p.height, pressure=p.pressure, temperature=p.temperature)
        rho = formula_step(ctx, "Air density (Samozino)", output="air_density", value=None, unit="kg/m^3",
                           expression="1.293*(P/101325)*(273/(273 + T))", inputs={"P": p.pressure, "T": p.temperature},
                           model=air, equation="rho = 1.293 (P/760 Torr) (273/(273 + T))")
        af = formula_step(ctx, "Frontal area", output="frontal_area", value=None, unit="m^2",
                          expression="0.266*0.2025*h**0.725*m**0.425", inputs={"h": p.height, "m": p.mass}, model=air,
                          equation="Af = 0.266 x 0.2025 h^0.725 m^0.425 (Pugh; Du Bois)")
        k = formula_step(ctx, "Air drag constant k = 0.5 rho Af Cd", output="k", value=None, unit="kg/m",
                         expression="0.5*air_density*frontal_area*Cd",
                         inputs={"air_density": rho, "frontal_area": af, "Cd": 0.9}, model=air,
                         equation="k = 0.5 rho Af Cd")
        m_in = {"MSS": mss, "mass": p.mass, "height": p.height, "pressure": p.pressure,
                "temperature": p.temperature, "wind": p.wind}
        base = {"m": p.mass, "k": k, "w": p.wind, "MSS": mss, "MAC": mac}
        if p.fv_method == "analytic":
            fvp = reg.get(FVP)
            res = ctx.evaluate(fvp, **m_in, MAC=mac)
            f0 = formula_step(ctx, "F0 = m MAC + F_air(v = 0)", output="F0", value=float(res["F0"]), unit="N",
                              expression="m*MAC - k*w*abs(w)", inputs=base, model=fvp)
            v0 = formula_step(ctx, "V0: root of k MSS (V0 - w)^2 = m MAC (V0 - MSS)", output="V0", value=float(res["V0"]),
                              unit="m/s", expression="(m*MAC + 2*k*MSS*w - sqrt((m*MAC + 2*k*MSS*w)**2 - "
                                                     "4*k*MSS*(m*MAC*MSS + k*MSS*w*w)))/(2*k*MSS)",
                              inputs=base, model=fvp)
            slope = formula_step(ctx, "FV slope = -(F0/m)/V0", output="FV_slope", value=float(res["FV_slope"]), unit="1/s",
                                 expression="-(F0/m)/V0", inputs={"F0": f0, "m": p.mass, "V0": v0}, model=fvp)
            method = fvp
        else:
            fvp = reg.get("sprint_profile.fvp_samozino_2016")
            s_in = {**m_in, "TAU": tau}
            res = ctx.evaluate(fvp, **s_in)
            note = "linear regression over 600 samples of the modelled sprint; re-checked by re-running it"
            f0 = formula_step(ctx, "F0: intercept of horizontal force on velocity", output="F0", value=float(res["F0"]),
                              unit="N", inputs=s_in, model=fvp, note=note)
            v0 = formula_step(ctx, "V0: velocity where the force line reaches zero", output="V0", value=float(res["V0"]),
                              unit="m/s", inputs=s_in, model=fvp, note=note)
            slope = formula_step(ctx, "FV slope = -(F0/m)/V0", output="FV_slope", value=float(res["FV_slope"]), unit="1/s",
                                 expression="-(F0/m)/V0", inputs={"F0": f0, "m": p.mass, "V0": v0}, model=fvp)
            rf = formula_step(ctx, "RFmax: maximal ratio of forces after 0.3 s", output="RFmax", value=float(res["RFmax"]),
                              unit="1", inputs=s_in, model=fvp, note=note)
            drf = formula_step(ctx, "DRF: decrease of the ratio of forces per m/s", output="DRF", value=float(res["DRF"]),
                               unit="1/s", inputs=s_in, model=fvp, note=note)
            method = fvp
        pm = formula_step(ctx, "Pmax = F0 V0 / 4", output="Pmax", value=None, unit="W", expression="F0*V0/4",
                          inputs={"F0": f0, "V0": v0}, model=method)
        f0r = formula_step(ctx, "F0 per kg", output="F0_rel", value=None, unit="N/kg", expression="F0/m",
                           inputs={"F0": f0, "m": p.mass})
        pmr = formula_step(ctx, "Pmax per kg", output="Pmax_rel", value=None, unit="W/kg", expression="Pmax/m",
                           inputs={"Pmax": pm, "m": p.mass})
        ctx.output("F0", f0, "N", display=f"{f0:.0f} N", description="horizontal force at zero velocity")
        ctx.output("V0", v0, "m/s", display=f"{v0:.2f} m/s", description="velocity at zero horizontal force")
        ctx.output("Pmax", pm, "W", display=f"{pm:.0f} W", description="maximal horizontal power")
        ctx.output("FV_slope", slope, "1/s", display=f"{slope:.3f} N/kg per m/s", description="force-velocity slope")
        ctx.output("F0_rel", f0r, "N/kg", display=f"{f0r:.2f} N/kg", description="F0 per kg")
        ctx.output("Pmax_rel", pmr, "W/kg", display=f"{pmr:.2f} W/kg", description="Pmax per kg")
        if p.fv_method == "samozino_2016":
            ctx.output("RFmax", rf, "1", display=f"{rf:.3f}", description="maximal ratio of forces")
            ctx.output("DRF", drf, "1/s", display=f"{drf:.3f} per m/s", description="decrease in ratio of forces")
        ctx.output("k", k, "kg/m", display=f"{k:.4f} kg/m", description="air drag constant")
