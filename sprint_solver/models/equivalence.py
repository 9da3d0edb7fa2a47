"""Race-time equivalence: Riegel, Daniels & Gilbert VDOT (and training paces), Cameron.

All times in seconds and distances in metres (canonical units); the published formulas
that work in minutes or metres per minute are converted inside each function.

References
----------
.. [1] Riegel P.S. (1981) Athletic records and human endurance. American Scientist
       69(3):285-290 (first popularised in Runner's World, 1977).
.. [2] Daniels J., Gilbert J. (1979) Oxygen Power: Performance Tables for Distance Runners.
       Tempe, AZ (the VO2-velocity and %VO2max-duration regressions).
.. [3] Daniels J. (2005) Daniels' Running Formula, 2nd ed. Human Kinetics (VDOT tables and
       training intensities).
.. [4] Cameron D. (1998) race-time prediction formula, as implemented in Runalyze
       (Prognosis/Cameron.php) and gerhardol/gps-running; metres form of Cameron's
       miles formula 13.49681 - 0.048865 d + 2.438936 / d^0.7905.
.. [5] Vickers A.J., Vertosick E.A. (2016) An empirical study of race times in recreational
       endurance runners. BMC Sports Sci. Med. Rehabil. 8:26 (Riegel is optimistic for the
       marathon in recreational runners).
"""
from __future__ import annotations

import math

import numpy as np

from .base import inp, model, out, ref
from .base import unwrap as _unwrap

#: Riegel's fatigue exponent (1.06 = Riegel 1981; elite runners fit up to ~1.08)
RIEGEL_EXPONENT = 1.06
#: Daniels-Gilbert VO2 cost of running, VO2 = A + B v + C v^2 (v in m/min). B = 0.182258 as in
#: GoldenCheetah, PyExPhys and most ports (Runalyze has 0.182253: 0.001 VDOT lower).
VO2_COEF = (-4.60, 0.182258, 0.000104)
#: %VO2max sustainable for t minutes: 0.8 + a e^(-b t) + c e^(-d t)
PCT_COEF = (0.8, 0.1894393, 0.012778, 0.2989558, 0.1932605)
#: velocity at VDOT (m/min) = A + B VDOT + C VDOT^2 (Daniels' vVDOT regression)
VVDOT_COEF = (29.54, 5.000663, -0.007546)
#: training intensities as fractions of vVDOT (GoldenCheetah VDOTCalculator, "Training Paces
#: relative to vVDOT from Daniels's Running Formula"); R for 200 m repeats uses 1.07
TRAINING_FRACTIONS = {"easy": 0.72, "marathon": 0.85, "threshold": 0.90, "interval": 0.98,
                      "repetition": 1.05}
REPETITION_200_FRACTION = 1.07
#: Cameron's speed factor f(d) = a + b d + c / d^e, d in metres
CAMERON_COEF = (13.49681, -0.000030363, 835.7114, 0.7905)
BISECTION_STEPS = 64  #: halvings of ln t: the bracket (width ln 150 = 5) shrinks below float precision

_REF_RIEGEL = ref("Riegel 1981", "Riegel P.S. (1981) Athletic records and human endurance. "
                  "American Scientist 69(3):285-290")
_REF_VICKERS = ref("Vickers & Vertosick 2016", "Vickers A.J., Vertosick E.A. (2016) An empirical study of race "
                   "times in recreational endurance runners. BMC Sports Sci. Med. Rehabil. 8:26",
                   doi="10.1186/s13102-016-0052-y")
_REF_DG = ref("Daniels & Gilbert 1979", "Daniels J., Gilbert J. (1979) Oxygen Power: Performance Tables for "
              "Distance Runners. Tempe, AZ")
_REF_DRF = ref("Daniels 2005", "Daniels J. (2005) Daniels' Running Formula, 2nd ed. Human Kinetics")
_REF_GC = ref("GoldenCheetah VDOTCalculator", "GoldenCheetah src/Metrics/VDOTCalculator.cpp (training paces as "
              "fractions of vVDOT)", url="https://github.com/GoldenCheetah/GoldenCheetah")
_REF_CAMERON = ref("Cameron 1998", "Cameron D. (1998) race prediction formula; metres form as implemented in "
                   "Runalyze Prognosis/Cameron.php (tests: 5 km 16:32 -> 10 km 34:26)",
                   url="https://github.com/Runalyze/Runalyze")

_TIME = dict(min=1.0, max=360000.0, valid_min=210.0, valid_max=13800.0)
_DIST = dict(min=1.0, max=1_000_000.0)
_VDOT_TIME = dict(min=30.0, max=86400.0, valid_min=210.0, valid_max=14400.0)
_VDOT_DIST = dict(min=200.0, max=200_000.0, valid_min=1500.0, valid_max=42195.0)
_VDOT = dict(min=10.0, max=100.0, valid_min=30.0, valid_max=85.0)


# --- Riegel -------------------------------------------------------------------------------------
@model(
    name="equivalence.riegel", version="1.0.0", family="equivalence",
    summary="Riegel's power law: equivalent time at another distance, T2 = T1 (D2/D1)^b",
    citation="Riegel's race-time formula (1981)",
    equation="target_time = time * (target_distance / distance)^exponent",
    equation_latex=r"T_2 = T_1\left(\frac{D_2}{D_1}\right)^{b}",
    inputs=[inp("time", "s", "performance time T1 over the known distance", **_TIME),
            inp("distance", "m", "distance D1 of the known performance", **_DIST),
            inp("target_distance", "m", "distance D2 to predict", **_DIST),
            inp("exponent", "1", "fatigue exponent b (1.06 = Riegel; up to ~1.08 for elite)",
                default=RIEGEL_EXPONENT, min=0.8, max=1.5, valid_min=1.01, valid_max=1.15)],
    outputs=[out("target_time", "s", "predicted time over the target distance", tolerance=0.6)],
    references=[_REF_RIEGEL, _REF_VICKERS],
    assumptions=["the runner is equally trained for both distances", "both performances are all-out efforts"],
    validity=["derived from world records from ~3.5 min to ~4 h (validated range of the input time)",
              "optimistic beyond the half marathon for many recreational runners (Vickers & Vertosick 2016)"],
)
def riegel(time, distance, target_distance, exponent=RIEGEL_EXPONENT):
    r"""Riegel's equivalent time.

    .. math:: T_2 = T_1 (D_2/D_1)^{b}

    Parameters
    ----------
    time : float or array-like
        Known performance :math:`T_1` [s].
    distance : float or array-like
        Its distance :math:`D_1` [m].
    target_distance : float or array-like
        Distance :math:`D_2` to predict [m].
    exponent : float, default 1.06
        Fatigue exponent :math:`b`.

    Returns
    -------
    target_time : float or ndarray
        :math:`T_2` [s].

    References
    ----------
    .. [1] Riegel (1981), American Scientist 69:285-290.

    Examples
    --------
    >>> round(riegel(2400.0, 10000.0, 42195.0), 1)
    11040.5
    """
    t = np.asarray(time, dtype=float)
    return _unwrap(t * (np.asarray(target_distance, dtype=float) / np.asarray(distance, dtype=float)) ** exponent)


# --- Cameron ------------------------------------------------------------------------------------
def cameron_factor(distance):
    """Cameron's speed factor ``f(d) = 13.49681 - 0.000030363 d + 835.7114 / d^0.7905`` (d in m)."""
    a, b, c, e = CAMERON_COEF
    d = np.asarray(distance, dtype=float)
    return _unwrap(a + b * d + c / d ** e)


@model(
    name="equivalence.cameron", version="1.0.0", family="equivalence",
    summary="Cameron's race-time equivalence: T2 = T1 (D2/D1) f(D1)/f(D2), f(d) = 13.49681 - 0.000030363 d + 835.7114/d^0.7905",
    citation="Cameron's race-time formula (1998)",
    equation="target_time = time * (target_distance/distance) * f(distance)/f(target_distance), "
             "f(d) = 13.49681 - 0.000030363*d + 835.7114/d^0.7905",
    equation_latex=r"T_2 = T_1\frac{D_2}{D_1}\frac{f(D_1)}{f(D_2)},\ "
                   r"f(d) = 13.49681 - 3.0363\times10^{-5} d + \frac{835.7114}{d^{0.7905}}",
    inputs=[inp("time", "s", "performance time T1 over the known distance", **_TIME),
            inp("distance", "m", "distance D1 of the known performance", min=100.0, max=300000.0,
                valid_min=800.0, valid_max=42195.0),
            inp("target_distance", "m", "distance D2 to predict", min=100.0, max=300000.0,
                valid_min=800.0, valid_max=42195.0)],
    outputs=[out("target_time", "s", "predicted time over the target distance", tolerance=0.6)],
    references=[_REF_CAMERON],
    assumptions=["the runner is equally trained for both distances"],
    validity=["fitted to world-class performances from the middle distances to the marathon",
              "the real formula: calcpace's 'Cameron' (a + b e^(-D/c)) is a different, unsupported formula"],
)
def cameron(time, distance, target_distance):
    r"""Cameron's equivalent time.

    .. math:: T_2 = T_1 \frac{D_2}{D_1}\frac{f(D_1)}{f(D_2)},\quad
              f(d) = 13.49681 - 0.000030363\,d + \frac{835.7114}{d^{0.7905}}

    (:math:`d` in metres; Cameron's original is in miles: 13.49681 - 0.048865 d + 2.438936/d^0.7905.)

    Parameters
    ----------
    time : float or array-like
        Known performance [s].
    distance, target_distance : float or array-like
        [m].

    Returns
    -------
    target_time : float or ndarray
        [s].

    Examples
    --------
    >>> round(cameron(992.0, 5000.0, 10000.0))
    2066
    """
    t = np.asarray(time, dtype=float)
    d1 = np.asarray(distance, dtype=float)
    d2 = np.asarray(target_distance, dtype=float)
    return _unwrap(t * (d2 / d1) * np.asarray(cameron_factor(d1)) / np.asarray(cameron_factor(d2)))


# --- Daniels & Gilbert ----------------------------------------------------------------------------
def vo2_of_velocity(v_m_per_min):
    """Oxygen cost ``-4.60 + 0.182258 v + 0.000104 v^2`` [mL/kg/min] at ``v`` [m/min]."""
    a, b, c = VO2_COEF
    v = np.asarray(v_m_per_min, dtype=float)
    return _unwrap(a + b * v + c * v * v)


def velocity_of_vo2(vo2):
    """Exact inverse of :func:`vo2_of_velocity`: velocity [m/min] at a VO2 [mL/kg/min]."""
    a, b, c = VO2_COEF
    return _unwrap((-b + np.sqrt(b * b - 4.0 * c * (a - np.asarray(vo2, dtype=float)))) / (2.0 * c))


def percent_max(t_minutes):
    """Fraction of VO2max sustainable for ``t`` minutes: ``0.8 + 0.1894393 e^(-0.012778 t) + 0.2989558 e^(-0.1932605 t)``."""
    a, b, c, d, e = PCT_COEF
    t = np.asarray(t_minutes, dtype=float)
    return _unwrap(a + b * np.exp(-c * t) + d * np.exp(-e * t))


def _vdot(distance, time_s):
    t_min = np.asarray(time_s, dtype=float) / 60.0
    v = np.asarray(distance, dtype=float) / t_min
    return np.asarray(vo2_of_velocity(v)) / np.asarray(percent_max(t_min))


@model(
    name="equivalence.daniels_vdot", version="1.0.0", family="equivalence",
    summary="Daniels & Gilbert VDOT (effective VO2max) from a race performance",
    citation="Daniels & Gilbert's VDOT (Oxygen Power, 1979)",
    equation="VDOT = (-4.60 + 0.182258 v + 0.000104 v^2) / (0.8 + 0.1894393 exp(-0.012778 t) + 0.2989558 exp(-0.1932605 t)), "
             "v = distance/t [m/min], t [min]",
    equation_latex=r"VDOT = \frac{-4.60 + 0.182258\,v + 0.000104\,v^2}"
                   r"{0.8 + 0.1894393\,e^{-0.012778 t} + 0.2989558\,e^{-0.1932605 t}}",
    inputs=[inp("distance", "m", "race distance", **_VDOT_DIST),
            inp("time", "s", "race time", **_VDOT_TIME)],
    outputs=[out("vdot", "mL/kg/min", "VDOT (effective VO2max)", tolerance=0.05),
             out("vo2", "mL/kg/min", "oxygen cost of the race pace", tolerance=0.05),
             out("fraction", "1", "fraction of VO2max sustainable for the race duration", tolerance=1e-4)],
    references=[_REF_DG, _REF_DRF],
    assumptions=["the race was an all-out effort on a flat course in good conditions"],
    validity=["regressions fitted to trained runners over roughly 3.5 min to 4 h",
              "the formulas reproduce Daniels' published VDOT tables (VDOT 30-85, 1500 m - marathon) within 0.5 %"],
)
def daniels_vdot(distance, time):
    r"""VDOT from a race.

    .. math::
        VO_2 = -4.60 + 0.182258\,v + 0.000104\,v^2,\quad
        f = 0.8 + 0.1894393\,e^{-0.012778 t} + 0.2989558\,e^{-0.1932605 t},\quad
        VDOT = VO_2 / f

    with :math:`v` in m/min and :math:`t` in minutes.

    Parameters
    ----------
    distance : float or array-like
        [m].
    time : float or array-like
        [s].

    Returns
    -------
    vdot : float or ndarray
        [mL/kg/min].
    vo2 : float or ndarray
        Oxygen cost of the race pace [mL/kg/min].
    fraction : float or ndarray
        Sustainable fraction of VO2max [1].

    Examples
    --------
    >>> round(daniels_vdot(5000.0, 1200.0)[0], 2)
    49.81
    """
    t_min = np.asarray(time, dtype=float) / 60.0
    vo2 = vo2_of_velocity(np.asarray(distance, dtype=float) / t_min)
    frac = percent_max(t_min)
    return _unwrap(np.asarray(vo2) / np.asarray(frac)), vo2, frac


@model(
    name="equivalence.daniels_time", version="1.0.0", family="equivalence",
    summary="Race time predicted from a VDOT (Daniels & Gilbert equations solved for time)",
    citation="Daniels & Gilbert's VDOT (Oxygen Power, 1979)",
    equation="solve VDOT = VO2(distance/t) / %max(t) for t (bisection to 1e-9 relative)",
    equation_latex=r"VDOT = \frac{VO_2(D/t)}{f(t)}\ \text{solved for}\ t",
    inputs=[inp("vdot", "mL/kg/min", "VDOT", **_VDOT),
            inp("distance", "m", "race distance", **_VDOT_DIST)],
    outputs=[out("time", "s", "predicted race time", tolerance=0.6)],
    references=[_REF_DG, _REF_DRF],
    assumptions=["the runner is equally trained for every distance"],
    validity=["the formulas reproduce Daniels' published VDOT tables (VDOT 30-85, 1500 m - marathon) within 0.5 %"],
)
def daniels_time(vdot, distance):
    r"""Race time at ``distance`` for a given VDOT.

    Solves :math:`VO_2(D/t)/f(t) = VDOT` for :math:`t` by vectorised bisection on
    :math:`\ln t` (VDOT falls monotonically with :math:`t` at fixed distance).

    Parameters
    ----------
    vdot : float or array-like
        [mL/kg/min].
    distance : float or array-like
        [m].

    Returns
    -------
    time : float or ndarray
        [s].

    Examples
    --------
    >>> from sprint_solver.quantities import format_time
    >>> format_time(daniels_time(50.0, 42195.0), 1)
    '3:10:39.7'
    """
    if np.ndim(vdot) == 0 and np.ndim(distance) == 0:
        return _daniels_time_scalar(float(vdot), float(distance))
    target = np.asarray(vdot, dtype=float)
    d = np.asarray(distance, dtype=float)
    target, d = np.broadcast_arrays(target, d)
    # bracket speeds 20 m/min (VDOT < 0) .. 3000 m/min (VDOT >> 100)
    lo = np.log(d / 3000.0 * 60.0)
    hi = np.log(d / 20.0 * 60.0)
    for _ in range(BISECTION_STEPS):
        mid = 0.5 * (lo + hi)
        too_fast = _vdot(d, np.exp(mid)) > target
        lo = np.where(too_fast, mid, lo)
        hi = np.where(too_fast, hi, mid)
    return _unwrap(np.exp(0.5 * (lo + hi)))


def _daniels_time_scalar(target: float, d: float) -> float:
    """:func:`daniels_time` for one value, in plain floats: safeguarded Newton on ``s = ln t``.

    ``g(s) = VO2(v)/f(t) - VDOT`` falls monotonically in ``s``; Newton steps use
    ``dv/ds = -v`` and ``dt/ds = t``, and any step that would leave the bracket of the
    bisection (20 - 3000 m/min) is replaced by a halving, so the root is the bisection's to
    rounding (about 6 evaluations instead of 64)."""
    a, b, c = VO2_COEF
    p0, p1, k1, p2, k2 = PCT_COEF
    lo, hi = math.log(d / 3000.0 * 60.0), math.log(d / 20.0 * 60.0)
    s = 0.5 * (lo + hi)
    for _ in range(BISECTION_STEPS):
        t_min = math.exp(s) / 60.0
        v = d / t_min
        e1, e2 = p1 * math.exp(-k1 * t_min), p2 * math.exp(-k2 * t_min)
        pct = p0 + e1 + e2
        vo2 = a + b * v + c * v * v
        g = vo2 / pct - target
        if g > 0:
            lo = s  # still faster than the target VDOT allows
        else:
            hi = s
        dg = (-(b + 2.0 * c * v) * v * pct + vo2 * (k1 * e1 + k2 * e2) * t_min) / (pct * pct)
        if dg < 0:
            step = g / dg
            if abs(step) <= 1e-14 * abs(s):  # converged (quadratically) to rounding
                s -= step
                break
            nxt = s - step
        else:
            nxt = 0.5 * (lo + hi)
        if not lo < nxt < hi:
            nxt = 0.5 * (lo + hi)
        if hi - lo <= 1e-15 * abs(s):
            break
        s = nxt
    return math.exp(s)


def vvdot(vdot):
    """Velocity at VDOT, ``29.54 + 5.000663 VDOT - 0.007546 VDOT^2`` [m/min] (Daniels)."""
    a, b, c = VVDOT_COEF
    x = np.asarray(vdot, dtype=float)
    return _unwrap(a + b * x + c * x * x)


@model(
    name="equivalence.daniels_training_paces", version="1.0.0", family="equivalence",
    summary="Daniels training paces (E, M, T, I, R) as fixed fractions of the velocity at VDOT",
    citation="Daniels' training paces (Daniels' Running Formula) as fractions of vVDOT",
    equation="vVDOT = 29.54 + 5.000663 VDOT - 0.007546 VDOT^2 [m/min]; pace_zone = 60000/(f_zone vVDOT) [s/km] "
             "with f = E 0.72, M 0.85, T 0.90, I 0.98, R 1.05 (R 200 m: 1.07)",
    equation_latex=r"v_{VDOT} = 29.54 + 5.000663\,VDOT - 0.007546\,VDOT^2,\quad p_z = \frac{60000}{f_z\,v_{VDOT}}",
    inputs=[inp("vdot", "mL/kg/min", "VDOT", **_VDOT)],
    outputs=[out("easy", "s/km", "easy (E) pace, 72 % of vVDOT"),
             out("marathon", "s/km", "marathon (M) pace, 85 % of vVDOT"),
             out("threshold", "s/km", "threshold (T) pace, 90 % of vVDOT"),
             out("interval", "s/km", "interval (I) pace, 98 % of vVDOT"),
             out("repetition", "s/km", "repetition (R) pace, 105 % of vVDOT"),
             out("repetition_200", "s", "R time for a 200 m repeat, 107 % of vVDOT", tolerance=0.6),
             out("vvdot", "m/s", "velocity at VDOT", tolerance=0.001)],
    references=[_REF_DRF, _REF_GC],
    assumptions=["training intensities as fixed fractions of vVDOT (GoldenCheetah's reading of Daniels' Running Formula)"],
    validity=["matches Daniels' R-400 table within ~4 s over VDOT 30-85 (largest errors at the extremes)",
              "Daniels revised his paces below VDOT 39 in 2019"],
)
def daniels_training_paces(vdot):
    r"""Daniels training paces from VDOT.

    .. math:: v_{VDOT} = 29.54 + 5.000663\,VDOT - 0.007546\,VDOT^2\ \text{[m/min]},\quad
              p_z = 60000 / (f_z\, v_{VDOT})\ \text{[s/km]}

    with :math:`f_E = 0.72, f_M = 0.85, f_T = 0.90, f_I = 0.98, f_R = 1.05` (R for 200 m
    repeats: 1.07).

    Parameters
    ----------
    vdot : float or array-like
        [mL/kg/min].

    Returns
    -------
    easy, marathon, threshold, interval, repetition : float or ndarray
        Paces [s/km].
    repetition_200 : float or ndarray
        Time for a 200 m R repeat [s].
    vvdot : float or ndarray
        Velocity at VDOT [m/s].

    Examples
    --------
    >>> round(daniels_training_paces(50.0)[2], 1)
    255.7
    """
    v = np.asarray(vvdot(vdot))
    paces = tuple(_unwrap(60000.0 / (f * v)) for f in TRAINING_FRACTIONS.values())
    return (*paces, _unwrap(200.0 * 60.0 / (REPETITION_200_FRACTION * v)), _unwrap(v / 60.0))
