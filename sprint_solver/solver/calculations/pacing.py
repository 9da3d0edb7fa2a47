"""Pace arithmetic: pace/time/distance (any two give the third), speed <-> pace, interval
sessions and even splits. Also the display helpers the other running calculations share."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ... import quantities as q
from ...errors import InvalidValueError, MissingParameterError
from ...models.pacing import MAX_SPLITS, split_table
from .base import Calculation, Context, Distance, Pace, Speed, StrictParams, Time, calculation, from_spec

MILE_KM = q.MILE / q.KM  # 1.609344


# --- trace and display helpers (shared by the running calculations) ------------------------------
def formula_step(ctx: Context, title: str, *, output: str | None, expression: str | None = None,
                 equation: str | None = None, **kw):
    """``ctx.step`` showing the step's own formula rather than its model's whole equation."""
    if expression and equation is None and output:
        equation = f"{output} = {expression}"
    return ctx.step(title, output=output, expression=expression, equation=equation, **kw)


def num(x: float, digits: int = 2) -> str:
    """``2400`` -> ``'2400'``, ``8046.72`` -> ``'8046.72'`` (no trailing zeros)."""
    s = f"{x:.{digits}f}".rstrip("0").rstrip(".")
    return s if s not in ("-0", "") else "0"


def show_distance(m: float) -> str:
    """``8046.72`` -> ``'8046.72 m (8.05 km, 5.00 mi)'``; short distances in metres only."""
    if m < 1000:
        return f"{num(m)} m"
    return f"{num(m)} m ({m / q.KM:.2f} km, {m / q.MILE:.2f} mi)"


def show_time(s: float) -> str:
    """Athletics notation: ``9.58 s``, ``3:45.0``, ``42:30``, ``1:41:58``."""
    return q.format_value(s, "s")


def show_pace(p: float) -> str:
    """``'5:17/km (8:30/mi)'``."""
    return q.format_value(p, "s/km")


def show_speed(v: float) -> str:
    """``'3.15 m/s (11.35 km/h, 7.05 mph)'``."""
    return f"{v:.2f} m/s ({v * 3.6:.2f} km/h, {v * 3600 / q.MILE:.2f} mph)"


def pace_outputs(ctx: Context, pace: float, *, primary: bool = False, name: str = "pace",
                 description: str = "average pace") -> None:
    """Record the per-mile step and the pace output (per km and per mile)."""
    formula_step(ctx, "Pace per mile", output=f"{name}_per_mile", value=None, unit="s", expression="p*1.609344",
                 inputs={"p": pace}, note="1 mile = 1.609344 km")
    ctx.output(name, pace, "s/km", display=show_pace(pace), description=description, primary=primary)


# --- pace / time / distance --------------------------------------------------------------------
@calculation
class PaceCalculation(Calculation):
    name = "pace"
    title = "Pace, time and distance: any two give the third (and speed <-> pace)"
    family = "pacing"
    description = (
        "Running pace arithmetic. Give any two of distance, time and pace (or speed instead of pace) and get "
        "the third, with the pace per km and per mile and the speed. Give only a pace or only a speed to "
        "convert between them. Distances accept '5 miles', '10K', 'half marathon'; paces need a unit "
        "('8:30/mi', '5:00 per km'); 1 mile = 1609.344 m, half marathon = 21097.5 m.")
    examples = [
        "How long does a 5 mile run at 8:30 pace take?",
        "What pace do I need to run a 10K in 45:00?",
        "How far do I get in 57 minutes at 6:00 per km?",
        "Half marathon at 4:50/km: what is my finish time?",
        "What is 10 mph in minutes per kilometre?",
    ]

    class Params(StrictParams):
        distance: Distance | None = from_spec("pacing.time_from_pace", "distance", default=None,
                                              description="distance run")
        time: Time | None = from_spec("pacing.pace_from_time", "time", default=None, description="elapsed time")
        pace: Pace | None = from_spec("pacing.time_from_pace", "pace", default=None,
                                      description="pace, with its unit ('8:30/mi', '5:00/km'); a number is s/km")
        speed: Speed | None = from_spec("pacing.pace_from_speed", "speed", default=None,
                                        description="speed instead of a pace ('10 mph', '12 km/h'); a number is m/s")

        @model_validator(mode="after")
        def _two_of_three(self):
            if self.pace is not None and self.speed is not None:
                raise InvalidValueError("give a pace or a speed, not both", parameter="speed")
            rate = self.pace is not None or self.speed is not None
            n = (self.distance is not None) + (self.time is not None) + rate
            if n == 3:
                raise InvalidValueError("give exactly two of distance, time and pace/speed (all three were given)",
                                        parameter="pace")
            if n == 1 and not rate:
                missing = "time" if self.distance is not None else "distance"
                raise MissingParameterError(missing, f"a {('distance' if missing == 'time' else 'time')} alone is "
                                                     f"not enough: also give the {missing} or the pace")
            if n == 0:
                raise MissingParameterError("pace", "give two of distance, time and pace (or a pace/speed to convert)")
            return self

    def run(self, p: "PaceCalculation.Params", ctx: Context) -> None:
        reg = ctx.registry
        pace, unknown = p.pace, None
        if p.distance is not None:
            ctx.param("distance", p.distance, "m")
        if p.time is not None:
            ctx.param("time", p.time, "s")
        if p.pace is not None:
            ctx.param("pace", p.pace, "s/km")
        if p.speed is not None:
            ctx.param("speed", p.speed, "m/s")
            m = reg.get("pacing.pace_from_speed")
            pace = float(ctx.model_step("Pace from the speed", m, {"speed": p.speed}, "pace",
                                        expression="1000/v", expr_inputs={"v": p.speed})["pace"])
        if p.distance is not None and p.time is not None:
            m = reg.get("pacing.pace_from_time")
            pace = float(ctx.model_step("Pace = time / distance", m, {"time": p.time, "distance": p.distance},
                                        "pace", expression="1000*t/d",
                                        expr_inputs={"t": p.time, "d": p.distance})["pace"])
            time, dist, unknown = p.time, p.distance, "pace"
        elif p.distance is not None:
            m = reg.get("pacing.time_from_pace")
            time = float(ctx.model_step("Time = pace x distance", m, {"pace": pace, "distance": p.distance},
                                        "time", expression="pace*d/1000",
                                        expr_inputs={"pace": pace, "d": p.distance})["time"])
            dist, unknown = p.distance, "time"
        elif p.time is not None:
            m = reg.get("pacing.distance_from_pace")
            dist = float(ctx.model_step("Distance = time / pace", m, {"pace": pace, "time": p.time},
                                        "distance", expression="1000*t/pace",
                                        expr_inputs={"t": p.time, "pace": pace})["distance"])
            time, unknown = p.time, "distance"
        else:
            time = dist = None
        m = reg.get("pacing.pace_conversions")
        speed = float(ctx.model_step("Speed = 1000 / pace", m, {"pace": pace}, "speed", expression="1000/pace",
                                     expr_inputs={"pace": pace})["speed"])
        ctx.assume("an even pace over the whole distance")
        if dist is not None and time is not None:
            ctx.output("time", time, "s", display=show_time(time), primary=unknown == "time",
                       description="time over the distance")
            ctx.output("distance", dist, "m", display=show_distance(dist), primary=unknown == "distance",
                       description="distance")
        pace_outputs(ctx, pace, primary=unknown == "pace" or (unknown is None and p.speed is not None))
        ctx.output("speed", speed, "m/s", display=show_speed(speed), description="average speed",
                   primary=unknown is None and p.pace is not None)
        ctx.method = "pace arithmetic (pace = time / distance; 1 mile = 1609.344 m)"


# --- interval sessions ---------------------------------------------------------------------------
@calculation
class IntervalsCalculation(Calculation):
    name = "intervals"
    title = "Interval session: repetitions x distance at a time per repetition"
    family = "pacing"
    description = (
        "Totals of an interval session: reps x rep_distance at rep_time each (or at a pace), optional rest "
        "between repetitions. Returns the total distance, the running time, the total time including rests, "
        "the pace (per km and per mile) and the speed of the repetitions. solve_for picks the headline number.")
    examples = [
        "I ran 400 meter repeats, 6 times at 1:30. What was my pace?",
        "10 x 400 m in 75 seconds with 90 s rest: how long is the session?",
        "What is the total distance of 8 x 800 m?",
        "6 x 1 km at 3:50 each, what pace per mile is that?",
    ]

    class Params(StrictParams):
        reps: int = from_spec("pacing.interval_session", "reps")
        rep_distance: Distance = from_spec("pacing.interval_session", "rep_distance")
        rep_time: Time | None = from_spec("pacing.interval_session", "rep_time", default=None,
                                          description="time of one repetition (or give pace)")
        pace: Pace | None = from_spec("pacing.time_from_pace", "pace", default=None,
                                      description="pace of the repetitions instead of rep_time")
        rest: Time = from_spec("pacing.interval_session", "rest", description="rest between repetitions")
        solve_for: Literal["pace", "total_distance", "running_time", "total_time", "speed"] = Field(
            "pace", description="which result is the headline answer")

        @model_validator(mode="after")
        def _time_or_pace(self):
            if (self.rep_time is None) == (self.pace is None):
                if self.rep_time is None:
                    if self.solve_for == "total_distance":
                        return self  # "what is the total distance of 8 x 800 m?" needs no time
                    raise MissingParameterError("rep_time", "give the time of one repetition (or the pace)")
                raise InvalidValueError("give rep_time or pace, not both", parameter="pace")
            return self

    def run(self, p: "IntervalsCalculation.Params", ctx: Context) -> None:
        reg = ctx.registry
        ctx.param("reps", p.reps, "1")
        ctx.param("rep_distance", p.rep_distance, "m")
        rep_time = p.rep_time
        if rep_time is None and p.pace is None:
            total = ctx.step("Total distance = reps x distance", output="total_distance", value=None, unit="m",
                             expression="n*d", inputs={"n": float(p.reps), "d": p.rep_distance})
            ctx.output("total_distance", total, "m", display=show_distance(total), primary=True,
                       description="distance of all repetitions")
            ctx.method = "interval-session arithmetic"
            return
        if rep_time is None:
            ctx.param("pace", p.pace, "s/km")
            m = reg.get("pacing.time_from_pace")
            rep_time = float(ctx.model_step("Time of one repetition at the pace", m,
                                            {"pace": p.pace, "distance": p.rep_distance}, "time",
                                            expression="pace*d/1000",
                                            expr_inputs={"pace": p.pace, "d": p.rep_distance})["time"])
        else:
            ctx.param("rep_time", rep_time, "s")
        if p.rest:
            ctx.param("rest", p.rest, "s")
        m = reg.get("pacing.interval_session")
        res = ctx.evaluate(m, reps=p.reps, rep_distance=p.rep_distance, rep_time=rep_time, rest=p.rest)
        n, d, t = float(p.reps), p.rep_distance, rep_time
        total = formula_step(ctx, "Total distance = reps x distance", output="total_distance",
                             value=float(res["total_distance"]), unit="m", expression="n*d", inputs={"n": n, "d": d},
                             model=m)
        run = formula_step(ctx, "Running time = reps x time", output="running_time", value=float(res["running_time"]),
                           unit="s", expression="n*t", inputs={"n": n, "t": t}, model=m)
        tot_t = formula_step(ctx, "Total time with rests between repetitions", output="total_time",
                             value=float(res["total_time"]), unit="s", expression="running_time + (n - 1)*r",
                             inputs={"running_time": run, "n": n, "r": p.rest}, model=m)
        pace = formula_step(ctx, "Pace of the repetitions = time / distance", output="pace", value=float(res["pace"]),
                            unit="s/km", expression="1000*t/d", inputs={"t": t, "d": d}, model=m)
        speed = formula_step(ctx, "Speed of the repetitions", output="speed", value=float(res["speed"]), unit="m/s",
                             expression="d/t", inputs={"d": d, "t": t}, model=m)
        ctx.assume("every repetition run in the same time")
        if p.rest:
            ctx.assume("rest is taken between repetitions, not after the last one")
        s = p.solve_for
        ctx.output("total_distance", total, "m", display=show_distance(total), primary=s == "total_distance",
                   description="distance of all repetitions")
        ctx.output("running_time", run, "s", display=show_time(run), primary=s == "running_time",
                   description="time spent running")
        if p.rest:
            ctx.output("total_time", tot_t, "s", display=show_time(tot_t), primary=s == "total_time",
                       description="running time plus rests")
        elif s == "total_time":
            ctx.output("total_time", tot_t, "s", display=show_time(tot_t), primary=True,
                       description="running time (no rest given)")
        pace_outputs(ctx, pace, primary=s == "pace", description="pace of the repetitions")
        ctx.output("speed", speed, "m/s", display=show_speed(speed), primary=s == "speed",
                   description="speed of the repetitions")
        ctx.method = "interval-session arithmetic (1 mile = 1609.344 m)"


# --- even splits ----------------------------------------------------------------------------------
def _mark_label(meters: float, split: float) -> str:
    if abs(split / q.MILE - round(split / q.MILE)) < 1e-9 and round(split / q.MILE) >= 1:
        return f"{num(meters / q.MILE, 3)} mi"
    if meters >= 1000 and split >= 1000:
        return f"{num(meters / q.KM, 3)} km"
    return f"{num(meters)} m"


def _default_split(distance: float) -> float:
    return 400.0 if distance <= 3000.0 else q.KM


@calculation
class EvenSplitsCalculation(Calculation):
    name = "even_splits"
    title = "Even splits for a goal time"
    family = "pacing"
    description = (
        "Even-pace split times for a goal time over a distance: the time per split and the cumulative time "
        "at every split mark (and the finish). split_distance defaults to 400 m for races up to 3000 m and "
        "1 km beyond; give '1 mile' for mile splits.")
    examples = [
        "What are my 1 km splits for a 40:00 10K?",
        "Mile splits for a 3:30:00 marathon?",
        "I want to run 1500 m in 4:30: what are my 400 m lap splits?",
        "Even splits every 5 km for a 1:45 half marathon?",
    ]

    class Params(StrictParams):
        time: Time = from_spec("pacing.even_splits", "time")
        distance: Distance = from_spec("pacing.even_splits", "distance")
        split_distance: Distance | None = from_spec(
            "pacing.even_splits", "split_distance", default=None,
            description="length of one split (default 400 m up to 3000 m, else 1 km)")

    def run(self, p: "EvenSplitsCalculation.Params", ctx: Context) -> None:
        split = p.split_distance if p.split_distance is not None else _default_split(p.distance)
        if p.split_distance is None:
            ctx.assume(f"splits every {num(split)} m (none given)")
        ctx.param("time", p.time, "s")
        ctx.param("distance", p.distance, "m")
        ctx.param("split_distance", split, "m")
        m = ctx.registry.get("pacing.even_splits")
        res = ctx.evaluate(m, time=p.time, distance=p.distance, split_distance=split)
        T, D = p.time, p.distance
        pace = formula_step(ctx, "Goal pace = time / distance", output="pace", value=float(res["pace"]), unit="s/km",
                            expression="1000*T/D", inputs={"T": T, "D": D}, model=m)
        st = formula_step(ctx, "Time per split = time x split / distance", output="split_time",
                          value=float(res["split_time"]), unit="s", expression="T*s/D",
                          inputs={"T": T, "s": split, "D": D}, model=m)
        marks = split_table(T, D, split)
        if len(marks) > MAX_SPLITS:
            raise InvalidValueError(f"too many splits (max {MAX_SPLITS})", parameter="split_distance")
        n_full = int(res["n_full_splits"])
        for k, (dist, t) in enumerate(marks, start=1):
            label = _mark_label(dist, split)
            if k <= n_full:
                val = formula_step(ctx, f"Split {k}: {label}", output=f"split_{k}", value=t, unit="s",
                                   expression="k*split_time", inputs={"k": float(k), "split_time": st})
            else:
                val = formula_step(ctx, f"Finish: {label}", output=f"split_{k}", value=t, unit="s", expression="T",
                                   inputs={"T": T}, note="the last split is shorter than the others")
            ctx.output(f"split_{k}", val, "s", display=f"{label}: {show_time(val)}",
                       description=f"cumulative time at {label}")
        ctx.assume("an even pace over the whole distance")
        ctx.output("split_time", st, "s", display=f"{show_time(st)} per {_mark_label(split, split)}", primary=True,
                   description="time per split")
        pace_outputs(ctx, pace, description="goal pace")
        ctx.output("n_splits", float(len(marks)), "1", display=str(len(marks)),
                   description="number of split marks, including the finish")
        ctx.method = "even-split arithmetic"
