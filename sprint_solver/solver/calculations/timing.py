"""Timing rules: hand-time to FAT conversion and the false-start verdict."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...models.timing import FALSE_START_LIMIT, HAND_FAT_DEFAULT, HAND_FAT_VARIANTS, MS_GUARD
from .base import Calculation, Context, Distance, StrictParams, Time, calculation, from_spec
from .pacing import formula_step, num, show_time

_VARIANT_NOTES = {
    "standard": "Track & Field News / athletic.net rule: +0.24 s below 300 m, +0.14 s from 300 m to below 800 m, "
                "nothing from 800 m",
    "masters": "masters rankings rule: +0.24 s up to 200 m, +0.14 s for 400 m, nothing above",
    "wa_scoring": "World Athletics scoring-table rule: +0.24 s up to 200 m, +0.14 s for 300-500 m",
}


def offset_expression(variant: str) -> str:
    """The variant's offset rule as a nested conditional over the distance ``d``."""
    expr = "0"
    for limit, inclusive, add in reversed(HAND_FAT_VARIANTS[variant]):
        expr = f"{add} if d {'<=' if inclusive else '<'} {limit:g} else ({expr})"
    return expr


@calculation
class HandTiming(Calculation):
    name = "hand_timing"
    title = "Convert a hand time to its fully automatic (FAT) equivalent"
    family = "timing"
    description = (
        "Convert a hand-timed (stopwatch) result to the fully-automatic-timing equivalent: round the hand time "
        "up to 0.1 s, then add 0.24 s below 300 m, 0.14 s from 300 m to below 800 m and nothing from 800 m "
        "(variant 'standard'; 'masters' and 'wa_scoring' are the other published rules).")
    examples = [
        "What is a hand-timed 10.87 100m in FAT?",
        "Convert a hand time of 57.22 in the 400m to electronic timing.",
        "My 200 m was hand timed at 22.4. What is that FAT?",
    ]

    class Params(StrictParams):
        hand_time: Time = from_spec("timing.hand_to_fat", "hand_time")
        distance: Distance = from_spec("timing.hand_to_fat", "distance")
        variant: Literal["standard", "masters", "wa_scoring"] = Field(
            HAND_FAT_DEFAULT, description="which published offset rule to apply")

    def run(self, p: "HandTiming.Params", ctx: Context) -> None:
        ctx.param("hand_time", p.hand_time, "s")
        ctx.param("distance", p.distance, "m")
        ctx.param("variant", p.variant, "1")
        m = ctx.registry.get("timing.hand_to_fat")
        res = ctx.evaluate(m, hand_time=p.hand_time, distance=p.distance, variant=p.variant)
        rounded = formula_step(ctx, "Round the hand time up to the next 0.1 s", output="rounded_hand_time",
                               value=float(res["rounded_hand_time"]), unit="s", expression="ceil_to(t, 0.1)",
                               inputs={"t": p.hand_time}, model=m, note="hand times are read to the next longer 0.1 s")
        off = formula_step(ctx, f"Offset for {num(p.distance)} m", output="offset", value=float(res["offset"]), unit="s",
                           expression=offset_expression(p.variant), inputs={"d": p.distance}, model=m,
                           note=_VARIANT_NOTES[p.variant])
        fat = formula_step(ctx, "FAT equivalent = rounded hand time + offset", output="fat_time",
                           value=float(res["fat_time"]), unit="s", expression="rounded_hand_time + offset",
                           inputs={"rounded_hand_time": rounded, "offset": off}, model=m, tolerance=1e-9)
        ctx.assume("hand times are systematically fast because the timer reacts to the start signal")
        ctx.output("fat_time", fat, "s", display=show_time(fat), primary=True, description="FAT-equivalent time")
        ctx.output("rounded_hand_time", rounded, "s", display=show_time(rounded) if rounded >= 60 else f"{rounded:.1f} s",
                   description="hand time rounded up to 0.1 s")
        ctx.output("offset", off, "s", display=f"+{off:.2f} s", description="seconds added for the distance")
        ctx.method = m.spec.citation


@calculation
class FalseStart(Calculation):
    name = "false_start"
    title = "False-start verdict from a reaction time"
    family = "timing"
    description = (
        "Whether a reaction time from the start information system is a false start under World Athletics "
        "TR 16.6: a reaction time below 0.100 s is a false start, 0.100 s itself is legal. Compared in whole "
        "milliseconds. Output false_start is 1 (false start) or 0 (legal).")
    examples = [
        "Is a reaction time of 0.099 a false start?",
        "Devon Allen reacted in 0.101 s. Was that legal?",
        "A sprinter's reaction time was 0.100 seconds. False start or not?",
    ]

    class Params(StrictParams):
        reaction_time: Time = from_spec("timing.false_start", "reaction_time")
        limit: float = from_spec("timing.false_start", "limit", description="false-start threshold")

    def run(self, p: "FalseStart.Params", ctx: Context) -> None:
        ctx.param("reaction_time", p.reaction_time, "s")
        ctx.param("limit", p.limit, "s")
        m = ctx.registry.get("timing.false_start")
        res = ctx.evaluate(m, reaction_time=p.reaction_time, limit=p.limit)
        guard = MS_GUARD
        rt_ms = formula_step(ctx, "Reaction time in whole milliseconds", output="reaction_ms",
                             value=float(res["reaction_ms"]), unit="1", expression=f"floor(rt*1000 + {guard})",
                             inputs={"rt": p.reaction_time}, model=m,
                             note="integer milliseconds, so 0.100 s is never misread through binary rounding")
        lim_ms = formula_step(ctx, "Limit in whole milliseconds", output="limit_ms", value=None, unit="1",
                              expression=f"floor(limit*1000 + {guard})", inputs={"limit": p.limit})
        verdict = formula_step(ctx, "False start if the reaction time is below the limit", output="false_start",
                               value=float(res["false_start"]), unit="1", expression="1 if reaction_ms < limit_ms else 0",
                               inputs={"reaction_ms": rt_ms, "limit_ms": lim_ms}, model=m)
        margin = formula_step(ctx, "Margin to the limit (negative = false start)", output="margin",
                              value=float(res["margin"]), unit="s", expression="(reaction_ms - limit_ms)/1000",
                              inputs={"reaction_ms": rt_ms, "limit_ms": lim_ms}, model=m)
        rt_s = f"{int(rt_ms) / 1000:.3f} s"
        lim_s = f"{int(lim_ms) / 1000:.3f} s"
        display = (f"false start ({rt_s} is below {lim_s})" if verdict else
                   f"legal start ({rt_s} is not below {lim_s})")
        if p.limit != FALSE_START_LIMIT:
            ctx.assume(f"a non-standard limit of {lim_s} (World Athletics uses 0.100 s)")
        ctx.assume("the start information system's reaction time (to 1 ms) is the evidence; the Starter decides")
        ctx.output("false_start", verdict, "1", display=display, primary=True, tolerance=0.0,
                   description="1 = false start, 0 = legal start")
        ctx.output("margin", margin, "s", display=f"{margin:+.3f} s",
                   description="reaction time minus the limit (negative = false start)")
        ctx.method = m.spec.citation
