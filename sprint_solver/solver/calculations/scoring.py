"""Scoring-table points: World Athletics tables (2017/2022) and combined-events tables."""
from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from ...errors import InvalidValueError
from ...models.scoring import (COMBINED_EVENTS, COMBINED_TABLES, EVENT_ORDER, WA_DEFAULT_EDITION, WA_EVENTS,
                               WA_TABLES, hand_offset, wa_coefficients)
from .base import Calculation, Context, StrictParams, Time, calculation, from_spec
from .pacing import formula_step, show_time

_ALL_EVENTS = [e for e in EVENT_ORDER if e in set(WA_EVENTS) | set(COMBINED_EVENTS)]
_WORD_EVENTS = {"mile": "mile", "1mile": "mile", "onemile": "mile", "2miles": "2miles", "2mile": "2miles",
                "twomiles": "2miles", "halfmarathon": "half_marathon", "half": "half_marathon",
                "hm": "half_marathon", "marathon": "marathon", "fullmarathon": "marathon", "10miles": "10miles",
                "10mile": "10miles", "5k": "5km", "10k": "10km", "15k": "15km", "20k": "20km", "25k": "25km",
                "30k": "30km", "100k": "100km", "metricmile": "1500m"}
_SEX = {"men": "men", "man": "men", "male": "men", "m": "men", "mens": "men", "boys": "men",
        "women": "women", "woman": "women", "female": "women", "f": "women", "w": "women", "womens": "women",
        "girls": "women"}


def normalize_event(text: str) -> str:
    """``'100 metres'`` -> ``'100m'``, ``'110m hurdles'`` -> ``'110mH'``, ``'3000 m steeplechase'`` ->
    ``'3000mSt'``, ``'half marathon'`` -> ``'half_marathon'``, ``'5K'`` -> ``'5km'`` (road)."""
    if isinstance(text, bool) or not isinstance(text, (str, int, float)):
        raise InvalidValueError(f"event must be an event name such as '100m', not {type(text).__name__}",
                                parameter="event", value=str(text)[:50])
    if not isinstance(text, str):
        text = f"{float(text):g}"
    raw = text.strip()
    if raw in _ALL_EVENTS:
        return raw
    t = raw.lower().replace("'", "").replace("-", "").replace("_", "").replace(" ", "")
    t = re.sub(r"(metres|meters|metre|meter|mtrs|mtr)", "m", t)
    if t in _WORD_EVENTS:
        return _WORD_EVENTS[t]
    m = re.fullmatch(r"(\d+)m?(hurdles|hurdle|h)", t)
    if m:
        return f"{m.group(1)}mH"
    m = re.fullmatch(r"(\d+)m?(steeplechase|steeple|sc|st)", t)
    if m:
        return f"{m.group(1)}mSt"
    m = re.fullmatch(r"(\d+)(km|k)", t)
    if m:
        return f"{m.group(1)}km"
    m = re.fullmatch(r"(\d+)m?", t)
    if m:
        return f"{m.group(1)}m"
    raise InvalidValueError(f"unknown event {text!r}; events: {_ALL_EVENTS}", parameter="event", value=text)


@calculation
class PointsCalculation(Calculation):
    name = "points"
    title = "Scoring-table points for a running result (World Athletics or combined events)"
    family = "scoring"
    description = (
        "Points for a running result. table='wa': World Athletics scoring tables (edition '2022' default or "
        "'2017'; venue outdoor/indoor, chosen automatically for indoor-only events such as 60 m); "
        "table='combined': decathlon/heptathlon tables A(B - T)^C. Hand-timed results get +0.24 s (up to 200 m "
        "and hurdles) or +0.14 s (300-500 m). Points are truncated, and results beyond the zero point score 0. "
        "Events: '100m', '200m', '400m', '110mH', '100mH', '400mH', '1500m', 'mile', '3000mSt', '5000m', "
        "'10km', 'half_marathon', 'marathon', '60m', '60mH' ...")
    examples = [
        "How many World Athletics points is a 10.71 100m?",
        "What is a hand-timed 21.6 200m worth on the scoring tables?",
        "How many decathlon points for a 10.395 100 m?",
        "Women's 800m in 2:07.63: how many heptathlon points?",
        "How many points is a 2:05:00 marathon for men?",
    ]

    class Params(StrictParams):
        event: str = Field(description="event, e.g. '100m', '110mH', '400mH', '1500m', 'mile', 'half_marathon'")
        time: Time = from_spec("scoring.wa_points", "time", description="the result")
        sex: Literal["men", "women"] = Field("men", description="men or women")
        table: Literal["wa", "combined"] = Field("wa", description="'wa' (World Athletics tables) or 'combined' "
                                                                  "(decathlon/heptathlon tables)")
        edition: Literal["2017", "2022"] = Field(WA_DEFAULT_EDITION, description="World Athletics table edition")
        venue: Literal["outdoor", "indoor"] | None = Field(
            None, description="outdoor or indoor tables (default: outdoor, or indoor for indoor-only events)")
        hand_timed: bool = Field(False, description="true if the result was hand timed")

        @field_validator("event", mode="before")
        @classmethod
        def _event(cls, v):
            return normalize_event(v)

        @field_validator("sex", mode="before")
        @classmethod
        def _sex(cls, v):
            if isinstance(v, str) and v.strip().lower().replace("'", "") in _SEX:
                return _SEX[v.strip().lower().replace("'", "")]
            return v

        @field_validator("edition", mode="before")
        @classmethod
        def _edition(cls, v):
            return str(v) if isinstance(v, int) else v

        @model_validator(mode="after")
        def _known(self):
            events = COMBINED_TABLES[self.sex] if self.table == "combined" else \
                {e for v in WA_TABLES[self.edition].values() for e in v[self.sex]}
            if self.event not in events:
                which = f"{self.sex}'s combined-events" if self.table == "combined" else \
                    f"{self.edition} World Athletics {self.sex}'s"
                raise InvalidValueError(f"the {which} tables have no event {self.event!r}; events: "
                                        f"{[e for e in EVENT_ORDER if e in events]}", parameter="event",
                                        value=self.event)
            return self

    def run(self, p: "PointsCalculation.Params", ctx: Context) -> None:
        ctx.param("event", p.event, "1")
        ctx.param("time", p.time, "s")
        ctx.param("sex", p.sex, "1")
        ctx.param("hand_timed", p.hand_timed, "1")
        ctx.param("table", p.table, "1")
        if p.table == "combined":
            self._combined(p, ctx)
        else:
            self._wa(p, ctx)
        ctx.assume("points are truncated to a whole number, as the tables do")

    @staticmethod
    def _scored_time(p, ctx: Context, combined: bool) -> float:
        off = hand_offset(p.event, combined=combined) if p.hand_timed else 0.0
        if p.hand_timed and off == 0.0:
            ctx.assume(f"no hand-timing correction exists for the {p.event}; the hand time is scored as it is")
        return formula_step(ctx, "Time scored" + (f" (hand time + {off:.2f} s)" if off else ""), output="time_scored",
                            value=None, unit="s", expression="t + offset", inputs={"t": p.time, "offset": off})

    def _wa(self, p, ctx: Context) -> None:
        venue = p.venue
        if venue is None:
            outdoor = WA_TABLES[p.edition]["outdoor"][p.sex]
            venue = "outdoor" if p.event in outdoor else "indoor"
            ctx.assume(f"{venue} scoring tables")
        ctx.param("venue", venue, "1")
        ctx.param("edition", p.edition, "1")
        shift, cf = wa_coefficients(p.event, p.sex, venue, p.edition)
        m = ctx.registry.get("scoring.wa_points")
        inputs = {"time": p.time, "event": p.event, "sex": p.sex, "venue": venue, "edition": p.edition,
                  "hand_timed": p.hand_timed}
        res = ctx.evaluate(m, **inputs)
        ts = self._scored_time(p, ctx, combined=False)
        zero = -float(shift)
        x = formula_step(ctx, "Margin to the table's zero point Z - T", output="margin", value=None, unit="s",
                             expression="Z - time_scored", inputs={"Z": zero, "time_scored": ts},
                             note=f"Z = {zero:g} s scores 0 in the {p.event} table")
        exact = formula_step(ctx, "Points before truncation: cf (Z - T)^2 (0 at or past the zero point)",
                                 output="points_exact", value=float(res["points_exact"]), unit="points",
                                 expression="0 if margin <= 0 else cf*margin**2",
                                 inputs={"margin": x, "cf": float(cf)}, model=m)
        pts = formula_step(ctx, "Points (truncated)", output="points", value=float(res["points"]), unit="points",
                               expression="floor(points_exact)", inputs={"points_exact": exact}, model=m)
        if x <= 0:
            ctx.warn(f"{show_time(p.time)} is slower than the table's zero point ({show_time(zero)}): 0 points")
        ctx.output("points", pts, "points", display=f"{int(pts)} points", primary=True,
                   description=f"World Athletics {p.edition} {venue} points")
        ctx.output("points_exact", exact, "points", display=f"{exact:.2f}", description="points before truncation")
        ctx.method = f"World Athletics scoring tables ({p.edition} edition, {venue})"

    def _combined(self, p, ctx: Context) -> None:
        A, B, C = COMBINED_TABLES[p.sex][p.event]
        m = ctx.registry.get("scoring.combined_points")
        res = ctx.evaluate(m, time=p.time, event=p.event, sex=p.sex, hand_timed=p.hand_timed)
        ts = self._scored_time(p, ctx, combined=True)
        x = formula_step(ctx, "B - T", output="margin", value=None, unit="s", expression="B - time_scored",
                         inputs={"B": B, "time_scored": ts}, note=f"B = {B:g} s: the zero-point time")
        exact = formula_step(ctx, "Points before truncation: A (B - T)^C", output="points_exact",
                             value=float(res["points_exact"]), unit="points", expression="0 if margin <= 0 else A*margin**C",
                             inputs={"margin": x, "A": A, "C": C}, model=m)
        pts = formula_step(ctx, "Points (truncated)", output="points", value=float(res["points"]), unit="points",
                           expression="floor(points_exact)", inputs={"points_exact": exact}, model=m)
        if x <= 0:
            ctx.warn(f"{show_time(p.time)} is slower than the table's zero point ({show_time(B)}): 0 points")
        ctx.output("points", pts, "points", display=f"{int(pts)} points", primary=True,
                   description="combined-events points")
        ctx.output("points_exact", exact, "points", display=f"{exact:.2f}", description="points before truncation")
        ctx.method = m.spec.citation
