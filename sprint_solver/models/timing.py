"""Timing rules: hand-time to fully-automatic-time (FAT) conversion and the false-start rule.

References
----------
.. [1] World Athletics Technical Rules (2024), TR 16.6 (false start: a reaction time of
       less than 0.100 s signals a possible false start) and TR 19 (hand times are read to
       the next longer 0.1 s).
.. [2] athletic.net support, "Hand times to FAT conversion" (the Track & Field News
       convention): round the hand time up to 0.1 s, then add 0.24 s below 300 m and 0.14 s
       from 300 m to below 800 m; nothing from 800 m on.
.. [3] World Athletics scoring tables (2017/2022), instructions: +0.24 s for hand times up to
       200 m (and hurdles up to 110 m), +0.14 s for 300-500 m (and 400 m hurdles).
"""
from __future__ import annotations

import numpy as np

from ..quantities import round_up_time
from .base import inp, model, out, ref
from .base import unwrap as _unwrap

#: variant -> ((upper distance [m], inclusive?, offset [s]), ...) checked in order; 0 beyond the last
HAND_FAT_VARIANTS: dict[str, tuple[tuple[float, bool, float], ...]] = {
    # < 300 m: +0.24; 300 m to < 800 m: +0.14; >= 800 m: 0  (athletic.net / Track & Field News)
    "standard": ((300.0, False, 0.24), (800.0, False, 0.14)),
    # masters rankings: <= 200 m: +0.24; 400 m: +0.14 (taken as 200 < d <= 400); none above
    "masters": ((200.0, True, 0.24), (400.0, True, 0.14)),
    # World Athletics scoring tables: <= 200 m (incl. 110 m hurdles): +0.24; 300-500 m: +0.14
    "wa_scoring": ((200.0, True, 0.24), (500.0, True, 0.14)),
}
HAND_FAT_DEFAULT = "standard"
FALSE_START_LIMIT = 0.100  #: s, WA TR 16.6
MS_GUARD = 1e-6  #: ms, absorbs binary rounding when truncating to whole milliseconds

_REF_TR = ref("WA TR 16 and 19", "World Athletics Technical Rules, TR 16.6 (false starts) and TR 19 (timing)",
              url="https://worldathletics.org/about-iaaf/documents/book-of-rules")
_REF_ATHNET = ref("athletic.net hand-time conversion", "athletic.net support: converting hand times to FAT "
                  "(Track & Field News convention; worked examples 10.87 -> 11.14, 57.22 -> 57.44 for 400 m)",
                  url="https://support.athletic.net/")


def hand_offset_for_distance(distance, variant: str = HAND_FAT_DEFAULT):
    """Seconds added to a rounded-up hand time at ``distance`` [m] under ``variant``."""
    d = np.asarray(distance, dtype=float)
    off = np.zeros_like(d)
    done = np.zeros(d.shape, dtype=bool)
    for limit, inclusive, add in HAND_FAT_VARIANTS[variant]:
        hit = ~done & ((d <= limit) if inclusive else (d < limit))
        off = np.where(hit, add, off)
        done |= hit
    return _unwrap(off)


@model(
    name="timing.hand_to_fat", version="1.0.0", family="timing",
    summary="Convert a hand time to its fully-automatic-timing equivalent (round up to 0.1 s, then add 0.24 / 0.14 / 0 s)",
    citation="the hand-to-FAT conversion rule (Track & Field News / athletic.net)",
    equation="fat = ceil(hand_time / 0.1) * 0.1 + offset(distance); "
             "standard: +0.24 s (< 300 m), +0.14 s (300 to < 800 m), 0 (>= 800 m)",
    equation_latex=r"t_{FAT} = \lceil t_{hand}/0.1\rceil \cdot 0.1 + \Delta(d)",
    inputs=[inp("hand_time", "s", "hand-timed result", min=1.0, max=100000.0),
            inp("distance", "m", "race distance", min=10.0, max=100000.0),
            inp("variant", "1", "which published offset rule to apply", dtype="str",
                choices=list(HAND_FAT_VARIANTS), default=HAND_FAT_DEFAULT)],
    outputs=[out("fat_time", "s", "FAT-equivalent time", tolerance=0.006),
             out("rounded_hand_time", "s", "hand time rounded up to 0.1 s", tolerance=1e-9),
             out("offset", "s", "seconds added for the distance", tolerance=1e-9)],
    references=[_REF_ATHNET, _REF_TR],
    assumptions=["the hand timer reacts to the smoke/flash later than the electronic system starts, "
                 "so hand times are systematically fast"],
    validity=["a conventional average correction: individual timers differ by more than the offset's precision",
              "variants: standard (T&FN/athletic.net), masters rankings, World Athletics scoring tables; "
              "NFHS uses a different rule"],
)
def hand_to_fat(hand_time, distance, variant=HAND_FAT_DEFAULT):
    r"""Hand time to FAT equivalent.

    .. math:: t_{FAT} = \lceil t_{hand} / 0.1 \rceil\,0.1 + \Delta(d)

    ``standard``: :math:`\Delta` = 0.24 s below 300 m, 0.14 s from 300 m to below 800 m,
    0 from 800 m; ``masters``: 0.24 s up to 200 m, 0.14 s above 200 m up to 400 m;
    ``wa_scoring``: 0.24 s up to 200 m, 0.14 s above 200 m up to 500 m.

    Parameters
    ----------
    hand_time : float or array-like
        [s].
    distance : float or array-like
        [m].
    variant : {'standard', 'masters', 'wa_scoring'}

    Returns
    -------
    fat_time, rounded_hand_time, offset : float or ndarray
        [s].

    Examples
    --------
    >>> hand_to_fat(10.87, 100.0)
    (11.14, 10.9, 0.24)
    """
    rounded = np.asarray(round_up_time(hand_time, 0.1), dtype=float)
    off = np.asarray(hand_offset_for_distance(distance, variant), dtype=float)
    return _unwrap(np.round(rounded + off, 10)), _unwrap(rounded), _unwrap(off)


@model(
    name="timing.false_start", version="1.0.0", family="timing",
    summary="False-start verdict from a start-information-system reaction time (RT < 0.100 s), in integer milliseconds",
    citation="World Athletics Technical Rule 16.6 (false start below 0.100 s)",
    equation="rt_ms = floor(reaction_time * 1000 + 1e-6); limit_ms likewise; false_start = 1 if rt_ms < limit_ms else 0",
    equation_latex=r"\text{false start} \iff \lfloor 1000\,t_R \rfloor < \lfloor 1000\,t_{lim} \rfloor",
    inputs=[inp("reaction_time", "s", "reaction time from the start information system", min=-1.0, max=5.0,
                valid_min=0.0, valid_max=0.5),
            inp("limit", "s", "threshold reaction time", default=FALSE_START_LIMIT, min=0.0, max=1.0,
                valid_min=0.08, valid_max=0.12)],
    outputs=[out("false_start", "1", "1 = false start, 0 = legal start", tolerance=0.0),
             out("reaction_ms", "1", "reaction time in whole milliseconds", tolerance=0.0),
             out("margin", "s", "reaction time minus the limit (negative = false start)", tolerance=1e-9)],
    references=[_REF_TR],
    assumptions=["the start information system reports reaction times to 1 ms",
                 "exactly 0.100 s is a legal start (the rule says 'less than 0.100 second')"],
    validity=["the system only signals a possible false start; the Starter/Recaller decide",
              "zero tolerance since 2010: one false start disqualifies"],
)
def false_start(reaction_time, limit=FALSE_START_LIMIT):
    """False-start verdict, compared in whole milliseconds so 0.100 is never misjudged by binary rounding.

    Times are truncated to the millisecond (with a 1e-6 ms guard against binary rounding such as
    0.29 * 1000 = 289.99999999999997), so any reaction below 0.100 s, even 0.0999 s, is a false start.

    Parameters
    ----------
    reaction_time : float or array-like
        [s].
    limit : float, default 0.100
        [s].

    Returns
    -------
    false_start : int or ndarray
        1 if ``floor(1000 rt) < floor(1000 limit)``, else 0.
    reaction_ms : int or ndarray
        Reaction time in whole milliseconds.
    margin : float or ndarray
        ``(reaction_ms - limit_ms) / 1000`` [s].

    Examples
    --------
    >>> false_start(0.099)[0], false_start(0.100)[0]
    (1, 0)
    """
    rt_ms = np.floor(np.asarray(reaction_time, dtype=float) * 1000.0 + MS_GUARD).astype(int)
    lim_ms = int(np.floor(float(limit) * 1000.0 + MS_GUARD))
    verdict = (rt_ms < lim_ms).astype(int)
    margin = (rt_ms - lim_ms) / 1000.0
    return _int(verdict), _int(rt_ms), _unwrap(margin)


def _int(x):
    return int(x) if np.ndim(x) == 0 else x
