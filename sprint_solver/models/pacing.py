"""Pace arithmetic: pace, time and distance (any two give the third), speed, interval
sessions and even splits.

Canonical units: time s, distance m, pace s/km, speed m/s. A mile is 1609.344 m (NIST) and a
half marathon 21097.5 m; peers that use 1609 m or 21098 m (e.g. the DuckDuckGo pace goodie)
differ from these results by up to a second over a marathon.

References
----------
.. [1] NIST SP 811 (2008), Guide for the Use of the International System of Units:
       1 international mile = 1609.344 m.
.. [2] World Athletics Competition Rules: marathon 42.195 km, half marathon 21.0975 km.
"""
from __future__ import annotations

import numpy as np

from ..errors import InvalidValueError
from ..quantities import KM, MILE
from .base import inp, model, out, ref
from .base import unwrap as _unwrap

_REFS = [ref("NIST SP 811", "NIST SP 811 (2008) Guide for the Use of the International System of Units: "
             "1 international mile = 1609.344 m"),
         ref("World Athletics road distances", "World Athletics Competition Rules: marathon 42.195 km, "
             "half marathon 21.0975 km")]
_COMMON = dict(family="pacing", references=_REFS, assumptions=["a constant pace over the whole distance"],
               validity=["exact arithmetic; a pace is an average and says nothing about how it was run"])

_TIME = dict(min=0.01, max=10_000_000.0)
_DIST = dict(min=0.1, max=10_000_000.0)
#: s/km: 50 s/km = 20 m/s (faster than any human) ... 2 h/km; validated = running and walking paces
_PACE = dict(min=50.0, max=7200.0, valid_min=100.0, valid_max=1200.0)
_SPEED = dict(min=1000.0 / 7200.0, max=20.0, valid_min=1000.0 / 1200.0, valid_max=10.0)
MAX_SPLITS = 500


@model(
    name="pacing.pace_from_time", version="1.0.0",
    summary="Average pace and speed from a time over a distance",
    citation="pace arithmetic (pace = time / distance)",
    equation="pace = 1000 * time / distance [s/km]; speed = distance / time [m/s]",
    equation_latex=r"p = 1000\,\frac{t}{d},\quad v = \frac{d}{t}",
    inputs=[inp("time", "s", "elapsed time", **_TIME), inp("distance", "m", "distance covered", **_DIST)],
    outputs=[out("pace", "s/km", "average pace"), out("speed", "m/s", "average speed", tolerance=0.0005)],
    **_COMMON,
)
def pace_from_time(time, distance):
    r"""Average pace :math:`p = 1000\,t/d` [s/km] and speed :math:`v = d/t` [m/s].

    Parameters
    ----------
    time : float or array-like
        [s].
    distance : float or array-like
        [m].

    Returns
    -------
    pace : float or ndarray
        [s/km].
    speed : float or ndarray
        [m/s].

    Examples
    --------
    >>> pace_from_time(2700.0, 10000.0)
    (270.0, 3.7037037037037037)
    """
    t = np.asarray(time, dtype=float)
    d = np.asarray(distance, dtype=float)
    return _unwrap(KM * t / d), _unwrap(d / t)


@model(
    name="pacing.time_from_pace", version="1.0.0",
    summary="Time to cover a distance at a pace",
    citation="pace arithmetic (time = pace x distance)",
    equation="time = pace * distance / 1000",
    equation_latex=r"t = p\,\frac{d}{1000}",
    inputs=[inp("pace", "s/km", "pace", **_PACE), inp("distance", "m", "distance", **_DIST)],
    outputs=[out("time", "s", "time over the distance")],
    **_COMMON,
)
def time_from_pace(pace, distance):
    r"""Time :math:`t = p\,d/1000` [s].

    Parameters
    ----------
    pace : float or array-like
        [s/km].
    distance : float or array-like
        [m].

    Returns
    -------
    time : float or ndarray
        [s].

    Examples
    --------
    >>> round(time_from_pace(510.0 / 1.609344, 5 * 1609.344), 6)
    2550.0
    """
    return _unwrap(np.asarray(pace, dtype=float) * np.asarray(distance, dtype=float) / KM)


@model(
    name="pacing.distance_from_pace", version="1.0.0",
    summary="Distance covered in a time at a pace",
    citation="pace arithmetic (distance = time / pace)",
    equation="distance = 1000 * time / pace",
    equation_latex=r"d = 1000\,\frac{t}{p}",
    inputs=[inp("pace", "s/km", "pace", **_PACE), inp("time", "s", "elapsed time", **_TIME)],
    outputs=[out("distance", "m", "distance covered", tolerance=0.5)],
    **_COMMON,
)
def distance_from_pace(pace, time):
    r"""Distance :math:`d = 1000\,t/p` [m].

    Parameters
    ----------
    pace : float or array-like
        [s/km].
    time : float or array-like
        [s].

    Returns
    -------
    distance : float or ndarray
        [m].

    Examples
    --------
    >>> distance_from_pace(360.0, 3420.0)
    9500.0
    """
    return _unwrap(KM * np.asarray(time, dtype=float) / np.asarray(pace, dtype=float))


@model(
    name="pacing.pace_conversions", version="1.0.0",
    summary="A pace in other forms: speed, time per mile, per 400 m lap, km/h-equivalent speed",
    citation="pace arithmetic (1 mile = 1609.344 m)",
    equation="speed = 1000 / pace; per_mile = pace * 1.609344; per_400m = pace * 0.4",
    equation_latex=r"v = 1000/p,\ p_{mi} = 1.609344\,p,\ p_{400} = 0.4\,p",
    inputs=[inp("pace", "s/km", "pace", **_PACE)],
    outputs=[out("speed", "m/s", "speed", tolerance=0.0005),
             out("per_mile", "s", "time per mile"),
             out("per_400m", "s", "time per 400 m lap", tolerance=0.06)],
    **_COMMON,
)
def pace_conversions(pace):
    r"""Speed :math:`v = 1000/p` [m/s], time per mile :math:`1.609344\,p` [s] and per 400 m :math:`0.4\,p` [s].

    Parameters
    ----------
    pace : float or array-like
        [s/km].

    Returns
    -------
    speed [m/s], per_mile [s], per_400m [s].

    Examples
    --------
    >>> [round(x, 3) for x in pace_conversions(300.0)]
    [3.333, 482.803, 120.0]
    """
    p = np.asarray(pace, dtype=float)
    return _unwrap(KM / p), _unwrap(p * MILE / KM), _unwrap(p * 400.0 / KM)


@model(
    name="pacing.pace_from_speed", version="1.0.0",
    summary="Pace from a speed",
    citation="pace arithmetic (pace = 1000 / speed)",
    equation="pace = 1000 / speed",
    equation_latex=r"p = 1000 / v",
    inputs=[inp("speed", "m/s", "speed", **_SPEED)],
    outputs=[out("pace", "s/km", "pace")],
    **_COMMON,
)
def pace_from_speed(speed):
    r"""Pace :math:`p = 1000/v` [s/km].

    Examples
    --------
    >>> pace_from_speed(5.0)
    200.0
    """
    return _unwrap(KM / np.asarray(speed, dtype=float))


@model(
    name="pacing.interval_session", version="1.0.0",
    summary="Totals of an interval session: reps x distance at a time per rep, with optional rest",
    citation="interval-session arithmetic",
    equation="total_distance = reps * rep_distance; running_time = reps * rep_time; "
             "total_time = running_time + (reps - 1) * rest; pace = 1000 * rep_time / rep_distance",
    equation_latex=r"D = n\,d,\ T_{run} = n\,t,\ T = T_{run} + (n - 1) r,\ p = 1000\,t/d",
    inputs=[inp("reps", "1", "number of repetitions", dtype="int", min=1, max=1000, valid_max=100),
            inp("rep_distance", "m", "distance of one repetition", **_DIST),
            inp("rep_time", "s", "time of one repetition", **_TIME),
            inp("rest", "s", "rest between repetitions", default=0.0, min=0.0, max=100000.0)],
    outputs=[out("total_distance", "m", "distance of all repetitions", tolerance=0.5),
             out("running_time", "s", "time spent running"),
             out("total_time", "s", "running time plus the rests between repetitions"),
             out("pace", "s/km", "average pace of the repetitions"),
             out("speed", "m/s", "average speed of the repetitions", tolerance=0.0005)],
    family="pacing", references=_REFS,
    assumptions=["every repetition at the same time", "rest is taken between repetitions, not after the last"],
    validity=["exact arithmetic"],
)
def interval_session(reps, rep_distance, rep_time, rest=0.0):
    r"""Interval-session totals.

    .. math:: D = n d,\quad T_{run} = n t,\quad T = T_{run} + (n - 1) r,\quad p = 1000\,t/d,\quad v = d/t

    Parameters
    ----------
    reps : int
        :math:`n`.
    rep_distance : float
        :math:`d` [m].
    rep_time : float
        :math:`t` [s].
    rest : float, default 0
        :math:`r` [s] between repetitions.

    Returns
    -------
    total_distance [m], running_time [s], total_time [s], pace [s/km], speed [m/s].

    Examples
    --------
    >>> interval_session(6, 400.0, 90.0)
    (2400.0, 540.0, 540.0, 225.0, 4.444444444444445)
    """
    n = np.asarray(reps, dtype=float)
    d = np.asarray(rep_distance, dtype=float)
    t = np.asarray(rep_time, dtype=float)
    run = n * t
    return (_unwrap(n * d), _unwrap(run), _unwrap(run + (n - 1.0) * np.asarray(rest, dtype=float)),
            _unwrap(KM * t / d), _unwrap(d / t))


@model(
    name="pacing.even_splits", version="1.0.0",
    summary="Even-pace split time for a goal time: time per split and the number of full splits",
    citation="even-split arithmetic",
    equation="split_time = time * split_distance / distance; n_full = floor(distance / split_distance); "
             "pace = 1000 * time / distance",
    equation_latex=r"t_s = T\,\frac{s}{D},\ n = \lfloor D/s \rfloor,\ p = 1000\,T/D",
    inputs=[inp("time", "s", "goal time for the whole distance", **_TIME),
            inp("distance", "m", "race distance", **_DIST),
            inp("split_distance", "m", "length of one split", **_DIST)],
    outputs=[out("split_time", "s", "time per full split", tolerance=0.06),
             out("n_full_splits", "1", "number of full splits", tolerance=0.0),
             out("pace", "s/km", "goal pace")],
    **_COMMON,
)
def even_splits(time, distance, split_distance):
    r"""Even splits: :math:`t_s = T s / D`, :math:`n = \lfloor D/s \rfloor`, :math:`p = 1000 T/D`.

    Parameters
    ----------
    time : float
        Goal time :math:`T` [s].
    distance : float
        :math:`D` [m].
    split_distance : float
        :math:`s` [m].

    Returns
    -------
    split_time [s], n_full_splits [1], pace [s/km].

    Examples
    --------
    >>> even_splits(2400.0, 10000.0, 1000.0)
    (240.0, 10, 240.0)
    """
    T = np.asarray(time, dtype=float)
    D = np.asarray(distance, dtype=float)
    s = np.asarray(split_distance, dtype=float)
    if np.any(s > D):
        raise InvalidValueError("split_distance must not exceed the distance", parameter="split_distance",
                                valid_range=(None, float(np.min(D))), unit="m")
    n = np.floor(D / s + 1e-9).astype(int)
    if np.any(n > MAX_SPLITS):
        raise InvalidValueError(f"too many splits (max {MAX_SPLITS}); use a longer split_distance",
                                parameter="split_distance")
    return _unwrap(T * s / D), (int(n) if np.ndim(n) == 0 else n), _unwrap(KM * T / D)


def split_table(time: float, distance: float, split_distance: float) -> list[tuple[float, float]]:
    """Cumulative ``(distance, time)`` at every split mark, ending with the finish.

    Examples
    --------
    >>> split_table(600.0, 1500.0, 400.0)
    [(400.0, 160.0), (800.0, 320.0), (1200.0, 480.0), (1500.0, 600.0)]
    """
    split_time, n, _ = even_splits(time, distance, split_distance)
    marks = [(k * split_distance, k * split_time) for k in range(1, n + 1)]
    if distance - n * split_distance > 1e-6 * distance:
        marks.append((float(distance), float(time)))
    return marks
