"""Lane assignment and 200 m times: the fitted lane model, with Mureika's lane terms
and Munro (2022) for comparison."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Calculation, Context, StrictParams, Time, Wind, calculation

LANE_MODEL = "lanes.fitted_200m"
MUNRO_NOTE = ("Munro (2022, PLoS ONE 17:e0271670), the same World Championships first rounds with random lane "
              "draws: no lane effect in the 100 m; in the 200 m outside lanes are faster, lane 8 roughly "
              "0.2 s faster than lane 2")


@calculation
class LaneEffect(Calculation):
    name = "lane_effect"
    title = "Effect of the lane on a 200 m time"
    family = "lanes"
    description = (
        "Expected difference in a 200 m time between two lanes (positive = slower than the reference lane), "
        "from the lane effects fitted on World Championships first rounds, where lanes are drawn at random. "
        "Optionally give the athlete's time in the reference lane to get the expected time in the other lane, "
        "and the wind to add Mureika's lane-specific wind terms for comparison. The 100 m has no lane effect.")
    examples = [
        "How does lane assignment typically affect 200m times for elite sprinters?",
        "How much slower is lane 2 than lane 8 in a women's 200 m?",
        "A 20.30 200m runner drew lane 1 instead of lane 4: what should we expect?",
    ]

    class Params(StrictParams):
        lane: int | None = Field(None, description="lane 1-9; omit for every lane's effect and lane 8 vs lane 2",
                                 ge=1, le=9)
        sex: Literal["men", "women"] = Field("men", description="men or women")
        reference_lane: int = Field(4, ge=1, le=9, description="lane to compare with (default 4, a middle lane)")
        time: Time | None = Field(None, description="the athlete's 200 m time in the reference lane [s] (optional)",
                                  ge=15.0, le=60.0)
        wind: Wind | None = Field(None, description="official wind reading, tail wind positive [m/s] (optional; "
                                                    "adds Mureika's lane-specific wind terms)", ge=-10.0, le=10.0)
        event: Literal["200m", "100m"] = Field("200m", description="race distance (the 100 m has no lanes effect)")
        model: Literal["fitted"] | None = Field(None, description="lane model: fitted (World Championships "
                                                                  "round 1, the only one)")

    def run(self, p: "LaneEffect.Params", ctx: Context) -> None:
        if p.lane is not None:
            ctx.param("lane", p.lane, "1")
        ctx.param("reference_lane", p.reference_lane, "1")
        ctx.param("sex", p.sex, "1")
        ctx.param("event", p.event, "1")
        if p.event == "100m":
            self._hundred(p, ctx)
            return
        m = ctx.choose("lane_model", LANE_MODEL, {"fitted": LANE_MODEL})
        ctx.assume("lanes in World Championships first rounds are drawn at random, so the fitted effects are "
                   "lane effects, not differences in ability")
        if p.lane is None:
            if p.time is not None or p.wind is not None:
                # never drop a given number silently: say why it does not enter the lane profile
                ctx.warn("no lane given: the time and wind were not used (they apply to one lane vs the "
                         "reference lane)")
                ctx.penalize(0.1, "some given values were not used")
            self._profile(p, ctx, m)
            return
        res = ctx.model_step(f"Fitted lane effect: lane {p.lane} vs lane {p.reference_lane} ({p.sex})", m,
                             {"lane": p.lane, "sex": p.sex, "reference_lane": p.reference_lane}, "effect",
                             note="e[lane] - e[reference lane], from the card's lane effects")
        effect = float(res["effect"])
        half = float(ctx.model_step("95 % confidence half-width of the lane effect", m,
                                    {"lane": p.lane, "sex": p.sex, "reference_lane": p.reference_lane},
                                    "ci_halfwidth", note=(m.spec.uncertainty or {}).get("method", "bootstrap"))
                     ["ci_halfwidth"])
        if abs(effect) < half:
            ctx.warn(f"the fitted lane {p.lane} vs {p.reference_lane} difference ({effect:+.3f} s) is within its "
                     f"95 % CI (+/- {half:.3f} s): not distinguishable from zero")
        ctx.penalize(min(0.4, half / 0.1 * 0.1), f"fitted lane model: 95 % CI +/- {half:.3f} s")
        ctx.assume(MUNRO_NOTE)
        if p.wind is not None:
            ctx.param("wind", p.wind, "m/s")
            self._mureika(p, ctx)
        else:
            ctx.assume("no wind given: Mureika's 200 m model has no lane effect in still air (its correction is "
                       "0 at w = 0 in every lane), so only the fitted effect applies")
        ctx.output("effect", effect, "s", primary=p.time is None, display=f"{effect:+.2f} s",
                   description=f"expected 200 m time in lane {p.lane} minus in lane {p.reference_lane} "
                               "(positive: slower)")
        ctx.output("ci_halfwidth", half, "s", description="95 % bootstrap half-width of the effect")
        if p.time is not None:
            ctx.param("time", p.time, "s")
            t = ctx.step(f"Expected time in lane {p.lane}", output="time_in_lane", value=None, unit="s",
                         expression="t + effect", inputs={"t": p.time, "effect": effect})
            ctx.output("time_in_lane", t, "s", primary=True,
                       description=f"expected time in lane {p.lane} given {p.time:.2f} s in lane {p.reference_lane}")
        ctx.method = m.spec.citation

    @staticmethod
    def _profile(p, ctx: Context, m) -> None:
        """Every lane against the reference lane, and the outside-vs-inside contrast."""
        lanes = m.spec.parameters.get("lanes", list(range(1, 10)))
        for lane in lanes:
            if lane == p.reference_lane:
                continue
            r = ctx.model_step(f"Lane {lane} vs lane {p.reference_lane} ({p.sex})", m,
                               {"lane": lane, "sex": p.sex, "reference_lane": p.reference_lane}, "effect")
            ctx.output(f"effect_lane_{lane}", float(r["effect"]), "s", display=f"{float(r['effect']):+.2f} s",
                       description=f"lane {lane} minus lane {p.reference_lane} (positive: slower)")
        r = ctx.model_step("Lane 8 vs lane 2 (outside vs inside)", m,
                           {"lane": 8, "sex": p.sex, "reference_lane": 2}, "effect")
        h = ctx.model_step("95 % confidence half-width, lane 8 vs lane 2", m,
                           {"lane": 8, "sex": p.sex, "reference_lane": 2}, "ci_halfwidth")
        eff, half = float(r["effect"]), float(h["ci_halfwidth"])
        ctx.penalize(min(0.4, half / 0.1 * 0.1), f"fitted lane model: 95 % CI +/- {half:.3f} s")
        ctx.assume(MUNRO_NOTE)
        ctx.assume("Mureika's 200 m model has no lane effect in still air; with wind, outer lanes gain a little "
                   "more from a tail wind (a few hundredths at +2 m/s)")
        ctx.output("lane8_minus_lane2", eff, "s", primary=True, display=f"{eff:+.2f} s",
                   description="expected 200 m time in lane 8 minus in lane 2 (negative: lane 8 faster)")
        ctx.output("ci_halfwidth", half, "s", description="95 % bootstrap half-width of lane 8 vs lane 2")
        ctx.method = m.spec.citation

    @staticmethod
    def _mureika(p, ctx: Context) -> None:
        from ...models.wind import MEN_FAST_CUTOFF_200, _M200_MEN, _M200_OTHER
        t = p.time if p.time is not None else (20.5 if p.sex == "men" else 22.8)
        men_fast = p.sex == "men" and t < MEN_FAST_CUTOFF_200
        coef = _M200_MEN if men_fast else _M200_OTHER
        A1, B1, C1 = (float(x) for x in coef[min(p.lane, 8) - 1][:3])
        A0, B0, C0 = (float(x) for x in coef[min(p.reference_lane, 8) - 1][:3])
        if p.lane == 9 or p.reference_lane == 9:
            ctx.warn("Mureika's 200 m coefficients stop at lane 8: lane 9 uses lane 8's")
        if p.wind == 0:
            v = ctx.step("Mureika lane-specific wind term (still air)", output="mureika_lane_wind_term", value=0.0,
                         unit="s", expression="0", inputs={}, note="Mureika's correction is 0 at w = 0")
        else:
            v = ctx.step("Mureika 2003 lane-specific wind terms (comparison)", output="mureika_lane_wind_term",
                         value=None, unit="s",
                         expression="(A1*w**2 + B1*w + C1) - (A0*w**2 + B0*w + C0)",
                         inputs={"A1": A1, "B1": B1, "C1": C1, "A0": A0, "B0": B0, "C0": C0, "w": p.wind},
                         note=f"{'men < 21.5 s' if men_fast else 'women / men >= 21.5 s'} coefficients; "
                              "difference of the two lanes' wind corrections")
        ctx.output("mureika_lane_wind_term", float(v), "s", display=f"{float(v):+.3f} s",
                   description=f"Mureika's wind effect in lane {p.lane} minus in lane {p.reference_lane} "
                               "(comparison; wind only)")

    @staticmethod
    def _hundred(p, ctx: Context) -> None:
        ctx.assume("the 100 m is run on the straight: no bend, no stagger")
        ctx.assume(MUNRO_NOTE)
        v = ctx.step("Lane effect in the 100 m", output="effect", value=0.0, unit="s", expression="0", inputs={},
                     note="no evidence of a lane effect in World Championships first rounds (Munro 2022)")
        ctx.output("effect", float(v), "s", primary=True, display="+0.00 s",
                   description="expected 100 m time difference between the lanes")
        ctx.method = "Munro (2022): no lane effect in the 100 m"
