"""Fillers: one function per calculation mapping a question's quantities onto its ``Params``.

A filler reads the :class:`~.slots.Fill` (the extraction plus the parameters so far),
picks what its calculation needs with the helpers of :mod:`.slots`, records notes and
penalties for every convention it applies, and raises
:class:`~sprint_solver.errors.MissingParameterError` (naming the parameter) when the
question lacks an input, or :class:`~sprint_solver.errors.AmbiguousQuestionError`
when it can be read two ways and no convention applies.
"""
from __future__ import annotations

import re
from typing import Callable

from ..errors import AmbiguousQuestionError, InvalidValueError, MissingParameterError
from .extract import Extraction, Qty
from .slots import *  # noqa: F401,F403 - the picking vocabulary
from .slots import Fill, STILL_FROM, STILL_TO

# =============================================================================================
# fillers, one per calculation
# =============================================================================================
Filler = Callable[[Fill], None]
FILLERS: dict[str, Filler] = {}


def filler(name: str) -> Callable[[Filler], Filler]:
    def deco(fn: Filler) -> Filler:
        FILLERS[name] = fn
        return fn
    return deco


def _direction(ex: Extraction, time_q: Qty | None) -> tuple[str, bool]:
    """('to_still_air' | 'from_still_air', decided_by_the_question)."""
    t = ex.text
    to = bool(STILL_TO.search(t))
    frm = bool(STILL_FROM.search(t))
    if time_q is not None:
        # "a 10.0 still-air time", "runs 10.2 in calm conditions" describe the given time
        around = " ".join(time_q.pre[-3:] + time_q.post[:4])
        if re.search(r"still[- ]?air|\bcalm\b|no wind|zero wind|windless|sea level", around) and \
                not re.search(r"\b(?:in|to|into) still[- ]air\b\??$", t.strip()):
            if not re.search(r"\b(?:what(?:'s| is)|equivalent|worth)\b.*\bstill[- ]air\b", t) or frm:
                frm, to = True, False
    if to and not frm:
        return "to_still_air", True
    if frm and not to:
        return "from_still_air", True
    if frm and to:
        # "how much would X be affected ... what's that in still air" is rare; the hypothetical wins
        # only when the question asks about the effect of the wind
        if re.search(r"affect|how much (?:faster|slower)|with (?:a|an|the) .{0,20}wind,? what", t):
            return "from_still_air", True
        return "to_still_air", True
    return "to_still_air", False


@filler("wind_correction")
def _fill_wind(f: Fill) -> None:
    ex = f.ex
    event = pick_event(f) or 100.0
    if event not in (100.0, 200.0):
        raise InvalidValueError(f"wind corrections exist for the 100 m and 200 m only, not the {event:g} m",
                                parameter="event", value=_event_label(event))
    # the wind first, so its number is not mistaken for the time
    wind_q = None
    try:
        wind = pick_wind(f)
    except MissingParameterError:
        wind = None
    time_q = pick_sprint_time(f, event)
    if time_q is None:
        raise MissingParameterError("time", f"the question gives no {int(event)} m time to correct "
                                            "(e.g. 'ran 10.05 with +1.2 m/s')")
    if wind is None:
        raise MissingParameterError("wind", "the question mentions wind but gives no wind speed "
                                            "(e.g. +1.2 or 2 m/s headwind)")
    del wind_q
    f.params["event"] = _event_label(event)
    f.params["time"] = time_q.value
    f.params["wind"] = wind
    alt = pick_altitude(f)
    if alt is not None:
        f.params["altitude"] = alt
    direction, decided = _direction(ex, time_q)
    if not decided:
        f.note(f"the given time {time_q.raw} was read as run with the wind (converted to still air); say "
               "'still-air time' to convert the other way", 0.1)
    f.params["direction"] = direction
    if event == 200.0:
        lane = pick_lane(f)
        if lane is not None:
            f.params["lane"] = lane
        sex = pick_sex(f)
        if sex:
            f.params["sex"] = sex
    model = _model_word(ex, {"moinat": "moinat", "mureika": "mureika", "fitted": "fitted", "data": "fitted"})
    if model:
        f.params["model"] = model


def _model_word(ex: Extraction, table: dict[str, str]) -> str | None:
    for w, m in table.items():
        if w in ex.words and (("model" in ex.words or "using" in ex.words or "with" in ex.words or "per" in ex.words)
                              or w not in ("data",)):
            if w == "data" and not re.search(r"data[- ]driven|fitted", ex.text):
                continue
            return m
    return None
