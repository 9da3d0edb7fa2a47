"""Grade-adjusted pace (GAP) and equivalent flat distance.

Grades are in percent (rise over run x 100; +5 = 5 % uphill; for activity streams the
run is the recorded path distance, which differs from the horizontal by < 1.2 % of
the grade below 15 %). A *speed factor*
``f`` turns a speed on a grade into the flat speed of equal effort:
``v_flat = v * f``, so ``GAP pace = pace / f`` and, the other way round, the pace
on a hill that matches a flat effort is ``pace_flat * f``.

Models
------
* ``grade.minetti_cost`` - Minetti et al. (2002) energy cost of running, 5th-order
  polynomial (clamped to +-45 %);
* ``grade.minetti_factor`` - energy-equivalent speed factor Cr(i)/Cr(0), or the
  0.83-exponent variant used by Runalyze;
* ``grade.strava_factor`` - the Strava (2017) GAP curve as reverse-engineered from
  uploaded constant-grade activities (table, linear interpolation, clamp +-45 %);
* ``grade.strava_quartic_factor`` - a quartic fit of Strava's published 2017 chart;
* ``grade.activity_gap`` - per-point grade and GAP over a whole activity, with
  distance-window grade smoothing;
* ``grade.elevation_gap`` - average GAP from total distance, elevation gain and loss;
* ``grade.equivalent_flat_distance`` - Naismith / Scarf / Langmuir equivalent flat
  distance for a climb.

The default GAP model in the solver is ``strava``: uphill the models agree within
about 10 %, but the treadmill energy model (Minetti) says steep downhills are much
"easier" than race data shows (Strava 2017).

References
----------
.. [1] Minetti A.E., Moia C., Roi G.S., Susta D., Ferretti G. (2002) "Energy cost of
       walking and running at extreme uphill and downhill slopes", J. Appl. Physiol.
       93:1039-1046.
.. [2] Robb D. (2017) "An improved GAP model", Strava Engineering blog, 3 Oct 2017;
       table reverse-engineered in aaron-schroeder/specialsauce (MIT).
.. [3] Naismith W.W. (1892); Langmuir E. (1984) *Mountaincraft and Leadership*;
       Scarf P. (2007) "Route choice in mountain navigation, Naismith's rule, and the
       equivalence of distance and climb", J. Sports Sci. 25(6):719-726.
"""
from __future__ import annotations

import numpy as np

from ..errors import InvalidValueError
from .base import inp, model, out, ref
from .base import unwrap as _unwrap

GRADE_RANGE = dict(min=-100.0, max=100.0)
GRADE_CLAMP = 45.0          #: % - the polynomial and the Strava table stop here
_GRADE = dict(valid_min=-GRADE_CLAMP, valid_max=GRADE_CLAMP, **GRADE_RANGE)
_PACE = dict(min=60.0, max=3600.0, valid_min=120.0, valid_max=900.0)

#: Minetti et al. (2002) running cost, coefficients of i^5 .. i^0 (i = grade fraction), J/(kg m)
MINETTI_RUN = (155.4, -30.4, -43.3, 46.3, 19.5, 3.6)
MINETTI_FLAT = MINETTI_RUN[-1]
MINETTI_EXPR = "155.4*i**5 - 30.4*i**4 - 43.3*i**3 + 46.3*i**2 + 19.5*i + 3.6"
#: grade (%) of the polynomial's minimum cost
MINETTI_MIN_GRADE = -18.14
MINETTI_VARIANTS = {"energy": 1.0, "runalyze_0.83": 0.83}

#: Strava GAP speed factors (specialsauce reverse engineering), grade % -> factor
STRAVA_GRADES = (-45.0, -30.0, -25.0, -20.0, -15.0, -10.0, -8.0, -6.0, -4.0, -2.0, 0.0,
                 2.0, 4.0, 6.0, 8.0, 10.0, 15.0, 20.0, 25.0, 30.0, 45.0)
STRAVA_FACTORS = (2.096, 1.495, 1.273, 1.081, 0.941, 0.876, 0.876, 0.891, 0.918, 0.96, 1.0,
                  1.055, 1.135, 1.228, 1.337, 1.459, 1.846, 2.297, 2.727, 3.158, 4.286)
#: hughac94/rungrade-test quartic fit of Strava's 2017 chart, coefficients of g^4 .. g^0 (g in %)
STRAVA_QUARTIC = (-5.294439830640173e-7, -3.989571857841264e-6, 0.0020535661142752205,
                  0.03265674125152065, 1.0)
STRAVA_QUARTIC_EXPR = ("1 + 0.03265674125152065*g + 0.0020535661142752205*g**2 "
                       "- 3.989571857841264e-6*g**3 - 5.294439830640173e-7*g**4")

_MINETTI_REF = ref("Minetti 2002", "Minetti A.E., Moia C., Roi G.S., Susta D., Ferretti G. (2002) Energy cost "
                   "of walking and running at extreme uphill and downhill slopes. J. Appl. Physiol. "
                   "93:1039-1046", doi="10.1152/japplphysiol.01177.2001")
_RUNALYZE_REF = ref("Runalyze", "Runalyze (PHP, 2019 snapshot) GradeAdjustedPace/Algorithm/Minetti.php: "
                    "time factor (3.6/Cr)^0.83")
_STRAVA_REF = ref("Robb 2017", "Robb D. (2017) An improved GAP model. Strava Engineering, 3 October 2017",
                  url="https://medium.com/strava-engineering/an-improved-gap-model-8b07ae8886c3")
_SPECIALSAUCE_REF = ref("specialsauce", "Schroeder A. specialsauce (MIT): specialsauce/sources/strava.py, "
                        "GAP factors reverse-engineered from uploaded constant-grade activities",
                        url="https://github.com/aaron-schroeder/specialsauce")


def clamp_grade(grade):
    """Grade [%] clamped to the models' +-45 %."""
    return np.clip(np.asarray(grade, dtype=float), -GRADE_CLAMP, GRADE_CLAMP)


# =============================================================================================
# Minetti
# =============================================================================================
def minetti_cr(i):
    """Minetti running cost [J/(kg m)] for grade fraction ``i`` (no clamping)."""
    return np.polyval(MINETTI_RUN, np.asarray(i, dtype=float))


@model(
    name="grade.minetti_cost", version="1.0.0", family="grade",
    summary="Minetti et al. (2002) energy cost of running on a gradient (5th-order polynomial)",
    citation="Minetti et al.'s energy cost of gradient running (2002)",
    equation="Cr = 155.4 i^5 - 30.4 i^4 - 43.3 i^3 + 46.3 i^2 + 19.5 i + 3.6, i = clip(grade, -45, 45) / 100",
    equation_latex=r"C_r(i) = 155.4 i^5 - 30.4 i^4 - 43.3 i^3 + 46.3 i^2 + 19.5 i + 3.6",
    inputs=[inp("grade", "%", "gradient (rise/run x 100), uphill positive", **_GRADE)],
    outputs=[out("cost", "J/kg/m", "energy cost of running per kg and metre", tolerance=1e-4),
             out("cost_ratio", "1", "cost relative to the flat, Cr(i)/Cr(0)", tolerance=1e-5)],
    references=[_MINETTI_REF],
    assumptions=["steady treadmill running; the cost per metre does not depend on speed",
                 "grades beyond +-45 % are clamped to +-45 % (the measured range)"],
    validity=["measured at -45..+45 %; the polynomial gives 3.6 on the flat while the measured mean is "
              "3.40 +- 0.24 J/(kg m)", "minimum cost at about -18 % (1.78 J/(kg m))"],
)
def minetti_cost(grade):
    r"""Energy cost of running on a gradient (Minetti et al. 2002).

    .. math:: C_r(i) = 155.4 i^5 - 30.4 i^4 - 43.3 i^3 + 46.3 i^2 + 19.5 i + 3.6

    with :math:`i` the gradient as a fraction, clamped to :math:`\pm 0.45`.

    Parameters
    ----------
    grade : float or array-like
        Gradient [%].

    Returns
    -------
    cost : float or ndarray
        [J/(kg m)].
    cost_ratio : float or ndarray
        :math:`C_r(i)/C_r(0)` [1].

    Examples
    --------
    >>> round(minetti_cost(10.0)[0], 4)
    5.9682
    """
    cr = minetti_cr(clamp_grade(grade) / 100.0)
    return _unwrap(cr), _unwrap(cr / MINETTI_FLAT)


@model(
    name="grade.minetti_factor", version="1.0.0", family="grade",
    summary="Grade speed factor from Minetti's energy cost (energy equivalence, or Runalyze's 0.83 exponent)",
    citation="Minetti et al.'s energy cost of gradient running (2002)",
    equation="f = (Cr(i) / 3.6)^x, x = 1 (energy) or 0.83 (runalyze_0.83); GAP pace = pace / f",
    equation_latex=r"f = \left(\frac{C_r(i)}{C_r(0)}\right)^{x}",
    inputs=[inp("grade", "%", "gradient, uphill positive", **_GRADE),
            inp("variant", "1", "energy: equal metabolic power (x = 1); runalyze_0.83: Runalyze's time "
                "exponent 0.83", dtype="str", choices=list(MINETTI_VARIANTS), default="energy")],
    outputs=[out("speed_factor", "1", "flat-equivalent speed / speed on the grade", tolerance=1e-5),
             out("cost", "J/kg/m", "Minetti energy cost on the grade", tolerance=1e-4)],
    references=[_MINETTI_REF, _RUNALYZE_REF],
    assumptions=["equal energy per unit time on the grade and on the flat (energy variant)",
                 "grades beyond +-45 % are clamped"],
    validity=["treadmill energetics: overstates the downhill benefit by up to 3x against race data "
              "(Strava 2017)"],
)
def minetti_factor(grade, variant="energy"):
    r"""Speed factor from Minetti's running cost.

    .. math:: f = \left(\frac{C_r(i)}{C_r(0)}\right)^{x},\qquad x = 1\ \text{or}\ 0.83

    Flat-equivalent speed :math:`v f`; GAP pace :math:`p / f`.

    Examples
    --------
    >>> round(minetti_factor(10.0)[0], 4)
    1.6578
    >>> round(1 / minetti_factor(10.0, "runalyze_0.83")[0], 4)
    0.6573
    """
    cr = minetti_cr(clamp_grade(grade) / 100.0)
    return _unwrap((cr / MINETTI_FLAT) ** MINETTI_VARIANTS[variant]), _unwrap(cr)


# =============================================================================================
# Strava
# =============================================================================================
@model(
    name="grade.strava_factor", version="1.0.0", family="grade",
    summary="Strava (2017) grade-adjusted-pace speed factor, reverse-engineered table",
    citation="Strava's grade-adjusted pace (2017), reverse-engineered factors",
    equation="f = interp(clip(grade, -45, 45), grades, factors); GAP pace = pace / f",
    equation_latex=r"f = \mathrm{interp}(g;\ \text{Strava table})",
    inputs=[inp("grade", "%", "gradient, uphill positive", **_GRADE)],
    outputs=[out("speed_factor", "1", "flat-equivalent speed / speed on the grade", tolerance=1e-5)],
    references=[_STRAVA_REF, _SPECIALSAUCE_REF],
    assumptions=["the factor does not depend on speed",
                 "linear between the tabulated grades; clamped to +-45 %"],
    validity=["Strava publishes no equation: the table comes from uploading spoofed constant-grade "
              "activities; it reflects heart-rate data of ~240k athletes, and the easiest grade is "
              "about -9 %"],
)
def strava_factor(grade):
    r"""Strava GAP speed factor (reverse-engineered table, linear interpolation).

    Parameters
    ----------
    grade : float or array-like
        [%]; clamped to +-45 %.

    Returns
    -------
    speed_factor : float or ndarray
        [1].

    Examples
    --------
    >>> strava_factor(-10.0)
    0.876
    """
    return _unwrap(np.interp(clamp_grade(grade), STRAVA_GRADES, STRAVA_FACTORS))


@model(
    name="grade.strava_quartic_factor", version="1.0.0", family="grade",
    summary="Quartic fit of Strava's 2017 GAP chart (speed factor)",
    citation="quartic fit of Strava's 2017 GAP curve (rungrade-test)",
    equation="f = 1 + 0.03265674 g + 0.00205357 g^2 - 3.98957e-6 g^3 - 5.29444e-7 g^4 (g in %, clamped to +-45)",
    equation_latex=r"f(g) = 1 + 0.03266 g + 0.0020536 g^2 - 3.9896\times10^{-6} g^3 - 5.2944\times10^{-7} g^4",
    inputs=[inp("grade", "%", "gradient, uphill positive", valid_min=-30.0, valid_max=30.0, **GRADE_RANGE)],
    outputs=[out("speed_factor", "1", "flat-equivalent speed / speed on the grade", tolerance=1e-5)],
    references=[_STRAVA_REF, ref("rungrade-test", "hughac94/rungrade-test src/Coefficients.js: quartic fit "
                                 "of the digitised Strava 2017 chart")],
    assumptions=["a smooth curve digitised from Strava's published chart"],
    validity=["within about 4 % of the reverse-engineered table for -20..+20 %; the quartic turns over "
              "beyond about +-30 %"],
)
def strava_quartic_factor(grade):
    r"""Quartic fit of Strava's GAP curve, :math:`f(g)` with :math:`g` in %.

    Examples
    --------
    >>> round(strava_quartic_factor(10.0), 4)
    1.5226
    """
    return _unwrap(np.polyval(STRAVA_QUARTIC, clamp_grade(grade)))


#: named GAP models -> speed-factor function of grade (%)
GAP_MODELS = ("strava", "minetti", "minetti_0.83", "strava_quartic")
GAP_DEFAULT = "strava"


def speed_factor(grade, model: str = GAP_DEFAULT):
    """Speed factor (flat-equivalent speed / actual speed) for ``grade`` [%] with a named model.

    ``model`` is one of ``'strava'`` (default: closest to race data downhill),
    ``'minetti'`` (energy equivalence), ``'minetti_0.83'`` (Runalyze) and
    ``'strava_quartic'``.
    """
    g = np.asarray(grade, dtype=float)
    if g.size and (np.nanmin(g) < GRADE_RANGE["min"] or np.nanmax(g) > GRADE_RANGE["max"]):
        bad = float(np.nanmin(g)) if np.nanmin(g) < GRADE_RANGE["min"] else float(np.nanmax(g))
        raise InvalidValueError.out_of_range("grade", bad, GRADE_RANGE["min"], GRADE_RANGE["max"], "%")
    if model == "strava":
        return strava_factor(g)
    if model == "minetti":
        return minetti_factor(g, "energy")[0]
    if model == "minetti_0.83":
        return minetti_factor(g, "runalyze_0.83")[0]
    if model == "strava_quartic":
        return strava_quartic_factor(g)
    raise InvalidValueError(f"model={model!r} is not one of {list(GAP_MODELS)}", parameter="model", value=model)


def grade_adjusted_pace(pace, grade, model: str = GAP_DEFAULT):
    """Flat-equivalent pace [s/km] of ``pace`` [s/km] run on ``grade`` [%]."""
    return _unwrap(np.asarray(pace, dtype=float) / np.asarray(speed_factor(grade, model)))


# =============================================================================================
# whole activities
# =============================================================================================
_ACTIVITY_COMMON = dict(
    family="grade",
    references=[_STRAVA_REF, _SPECIALSAUCE_REF, _MINETTI_REF],
)
DEFAULT_WINDOW = 30.0       #: m, grade smoothing window (best match to Strava grade_smooth on a real run)


def _window_bounds(d, half):
    """Indices of the first and last point within a centred window of half-width ``half``.

    Near the ends the half-width shrinks to the distance left, so the window stays
    symmetric and a straight slope is reproduced exactly up to the last point.
    """
    h = np.minimum(half, np.minimum(d - d[0], d[-1] - d))
    lo = np.searchsorted(d, d - h, side="left")
    hi = np.searchsorted(d, d + h, side="right") - 1
    return lo, hi


def smooth_elevation(distance, elevation, window=DEFAULT_WINDOW):
    """Centred moving average of elevation over a distance window [m] (not a point window).

    Each point takes the mean elevation of all points within +-window/2 metres of
    path distance (the window shrinks symmetrically near the ends), so the smoothing
    does not depend on the sampling rate.
    """
    d = np.asarray(distance, dtype=float)
    e = np.asarray(elevation, dtype=float)
    if window <= 0:
        return e.copy()
    lo, hi = _window_bounds(d, window / 2.0)
    cs = np.concatenate(([0.0], np.cumsum(e)))
    return (cs[hi + 1] - cs[lo]) / (hi - lo + 1)


def smoothed_grade(distance, elevation, window=DEFAULT_WINDOW):
    """Grade [%] at each point: centred difference quotient of the smoothed elevation.

    The quotient spans the points +-window/2 metres away (at least the neighbours),
    so grade noise from 1 m GPS steps is averaged out. Points with no distance change
    around them get grade 0.
    """
    d = np.asarray(distance, dtype=float)
    es = smooth_elevation(d, elevation, window)
    n = d.size
    lo, hi = _window_bounds(d, max(window, 0.0) / 2.0)
    idx = np.arange(n)
    lo = np.minimum(lo, np.maximum(idx - 1, 0))
    hi = np.maximum(hi, np.minimum(idx + 1, n - 1))
    run = d[hi] - d[lo]
    with np.errstate(divide="ignore", invalid="ignore"):
        g = np.where(run > 0, (es[hi] - es[lo]) / run * 100.0, 0.0)
    return np.clip(g, GRADE_RANGE["min"], GRADE_RANGE["max"]), es


@model(
    name="grade.activity_gap", version="1.0.0",
    summary="Per-point grade and grade-adjusted pace over a whole activity (distance, elevation, time streams)",
    citation="grade-adjusted pace over an activity",
    equation="e_s = moving mean of elevation over +-w/2 m; grade_k = (e_s[hi] - e_s[lo]) / (d[hi] - d[lo]); "
             "segment k: v = dd/dt, f = factor((grade_k-1 + grade_k)/2), v_gap = v f; "
             "overall GAP pace = 1000 * sum(dt) / sum(dd f)",
    equation_latex=r"\bar p_{GAP} = \frac{1000\sum_k \Delta t_k}{\sum_k \Delta d_k\,f(g_k)}",
    inputs=[inp("distance", "m", "cumulative distance at each point (non-decreasing)", dtype="array",
                min=0.0, max=1.0e6),
            inp("elevation", "m", "elevation at each point", dtype="array", min=-500.0, max=9000.0),
            inp("time", "s", "elapsed time at each point (strictly increasing)", dtype="array", min=0.0,
                max=1.0e6),
            inp("model", "1", "GAP speed-factor model", dtype="str", choices=list(GAP_MODELS), default=GAP_DEFAULT),
            inp("window", "m", "grade smoothing window (distance, centred)", default=DEFAULT_WINDOW, min=0.0,
                max=1000.0, valid_min=10.0, valid_max=200.0)],
    outputs=[out("gap_pace", "s/km", "overall grade-adjusted pace (elapsed time)", tolerance=0.6),
             out("pace", "s/km", "overall actual pace (elapsed time)", tolerance=0.6),
             out("equivalent_distance", "m", "flat-equivalent distance sum(dd f)", tolerance=0.5),
             out("elevation_gain", "m", "total ascent of the smoothed elevation", tolerance=0.5),
             out("elevation_loss", "m", "total descent of the smoothed elevation", tolerance=0.5),
             out("grade", "%", "smoothed grade at each point", dtype="array"),
             out("gap_speed", "m/s", "grade-adjusted speed at each point", dtype="array"),
             out("point_gap_pace", "s/km", "grade-adjusted pace at each point (NaN when stopped)", dtype="array")],
    assumptions=["grade from a distance-window moving average of elevation and a centred difference over "
                 "the same window (sampling-rate independent; the window shrinks symmetrically at the ends)",
                 "each segment's grade is the mean of its end points' grades; its speed is dd/dt",
                 "grade = elevation change over path distance (GPS distance is along the slope), i.e. the sine "
                 "rather than the tangent of the slope angle: below 15 % the two differ by < 1.2 % of the grade",
                 "overall paces use elapsed time (stops included)"],
    validity=["GPS/barometric elevation noise: windows of 30-100 m are usual; 0 disables smoothing",
              "the speed-factor model's own validity applies (see the model card)"],
    **_ACTIVITY_COMMON,
)
def activity_gap(distance, elevation, time, model=GAP_DEFAULT, window=DEFAULT_WINDOW):
    r"""Grade-adjusted pace over a whole activity.

    1. Elevation is smoothed with a centred moving mean over ``window`` metres of
       path distance; the grade at each point is the difference quotient of the
       smoothed elevation between the points ``window/2`` before and after it.
    2. Segment :math:`k` (from point :math:`k-1` to :math:`k`) has speed
       :math:`\Delta d_k/\Delta t_k`, grade equal to the mean of its end grades, and
       speed factor :math:`f_k` (``model``).
    3. The overall GAP pace is elapsed time over flat-equivalent distance,
       :math:`1000\sum\Delta t_k / \sum \Delta d_k f_k` [s/km].

    Parameters
    ----------
    distance : array-like
        Cumulative distance [m], non-decreasing.
    elevation : array-like
        Elevation [m].
    time : array-like
        Elapsed time [s], strictly increasing.
    model : {'strava', 'minetti', 'minetti_0.83', 'strava_quartic'}
    window : float, default 30
        Smoothing window [m]; 0 = raw point-to-point grades.

    Returns
    -------
    gap_pace, pace : float
        Overall GAP and actual pace [s/km].
    equivalent_distance : float
        [m].
    elevation_gain, elevation_loss : float
        [m] (of the smoothed elevation).
    grade : ndarray
        Per point [%].
    gap_speed : ndarray
        Per point [m/s] (point 0 takes the first segment's value).
    point_gap_pace : ndarray
        Per point [s/km]; NaN where the speed is 0.

    Examples
    --------
    >>> d = [0, 100, 200, 300]; e = [0, 5, 10, 15]; t = [0, 30, 60, 90]
    >>> round(activity_gap(d, e, t, window=0)[0], 1)
    253.9
    """
    d = np.asarray(distance, dtype=float)
    e = np.asarray(elevation, dtype=float)
    t = np.asarray(time, dtype=float)
    if not (d.ndim == e.ndim == t.ndim == 1) or not (d.size == e.size == t.size):
        raise InvalidValueError(f"distance, elevation and time must be 1-D arrays of the same length "
                                f"(got {d.size}, {e.size}, {t.size})", parameter="distance")
    if d.size < 2:
        raise InvalidValueError("an activity needs at least 2 points", parameter="distance")
    if np.any(np.diff(d) < 0):
        raise InvalidValueError("distance must be non-decreasing (cumulative distance)", parameter="distance")
    if np.any(np.diff(t) <= 0):
        raise InvalidValueError("time must be strictly increasing", parameter="time")
    g, es = smoothed_grade(d, e, window)
    dd, dt = np.diff(d), np.diff(t)
    seg_grade = 0.5 * (g[1:] + g[:-1])
    f = np.asarray(speed_factor(seg_grade, model), dtype=float)
    v_gap_seg = dd / dt * f
    gap_speed = np.concatenate(([v_gap_seg[0]], v_gap_seg))
    with np.errstate(divide="ignore"):
        point_pace = np.where(gap_speed > 0, 1000.0 / np.where(gap_speed > 0, gap_speed, 1.0), np.nan)
    eq_dist = float(np.sum(dd * f))
    total_t = float(t[-1] - t[0])
    total_d = float(d[-1] - d[0])
    if total_d <= 0 or eq_dist <= 0:
        raise InvalidValueError("the activity covers no distance", parameter="distance")
    des = np.diff(es)
    return (1000.0 * total_t / eq_dist, 1000.0 * total_t / total_d, eq_dist,
            float(des[des > 0].sum()), float(abs(des[des < 0].sum())), g, gap_speed, point_pace)


@model(
    name="grade.elevation_gap", version="1.0.0",
    summary="Average grade-adjusted pace from distance, elevation gain and loss (up and down portions)",
    citation="grade-adjusted pace from total climb and descent",
    equation="s = (gain + loss) / (D * slope_fraction); d_up = gain / s, d_down = loss / s, "
             "d_flat = D - d_up - d_down; D_eq = d_up f(+100 s) + d_down f(-100 s) + d_flat; GAP pace = pace * D / D_eq",
    equation_latex=r"\bar p_{GAP} = p\,\frac{D}{d_{up} f(+g) + d_{down} f(-g) + d_{flat}},\quad "
                   r"g = \frac{100\,(\text{gain} + \text{loss})}{D\,\phi}",
    inputs=[inp("pace", "s/km", "average actual pace", **_PACE),
            inp("distance", "m", "total distance D", min=1.0, max=1.0e6),
            inp("elevation_gain", "m", "total ascent", min=0.0, max=20000.0),
            inp("elevation_loss", "m", "total descent", min=0.0, max=20000.0),
            inp("slope_fraction", "1", "share of the distance that is on slopes (rest flat)", default=1.0,
                min=0.01, max=1.0),
            inp("model", "1", "GAP speed-factor model", dtype="str", choices=list(GAP_MODELS), default=GAP_DEFAULT)],
    outputs=[out("gap_pace", "s/km", "average grade-adjusted pace", tolerance=0.6),
             out("grade_up", "%", "grade of the uphill portion", tolerance=0.01),
             out("grade_down", "%", "grade of the downhill portion", tolerance=0.01),
             out("equivalent_distance", "m", "flat-equivalent distance", tolerance=0.5)],
    assumptions=["the climb and the descent are spread at one constant slope magnitude over slope_fraction "
                 "of the distance (the rest is flat)", "the actual pace is the same up and down"],
    validity=["a summary estimate: real courses with steep short climbs differ; use activity_gap with "
              "the elevation profile when you have it"],
    **_ACTIVITY_COMMON,
)
def elevation_gap(pace, distance, elevation_gain, elevation_loss, slope_fraction=1.0, model=GAP_DEFAULT):
    r"""Average GAP from total climb and descent.

    The slopes are assumed to share one gradient magnitude over a fraction
    :math:`\phi` of the distance :math:`D`: :math:`s = (\text{gain} + \text{loss})/(D\phi)`,
    so :math:`d_{up} = \text{gain}/s`, :math:`d_{down} = \text{loss}/s` and the rest is flat.
    With equal actual pace everywhere the flat-equivalent distance is
    :math:`D_{eq} = d_{up} f(+100s) + d_{down} f(-100s) + d_{flat}` and the GAP pace
    is :math:`p\,D/D_{eq}`.

    Examples
    --------
    >>> round(elevation_gap(300.0, 10000.0, 200.0, 200.0)[0], 1)
    292.3
    """
    D = np.asarray(distance, dtype=float)
    gain = np.asarray(elevation_gain, dtype=float)
    loss = np.asarray(elevation_loss, dtype=float)
    phi = np.asarray(slope_fraction, dtype=float)
    if np.any(gain + loss > D * phi):
        raise InvalidValueError("elevation gain + loss cannot exceed the sloped distance (grade > 100 %)",
                                parameter="elevation_gain", valid_range=(0.0, float(np.min(D * phi))), unit="m")
    s = (gain + loss) / (D * phi)
    with np.errstate(divide="ignore", invalid="ignore"):
        d_up = np.where(s > 0, gain / np.where(s > 0, s, 1.0), 0.0)
        d_down = np.where(s > 0, loss / np.where(s > 0, s, 1.0), 0.0)
    d_flat = D - d_up - d_down
    f_up = np.asarray(speed_factor(100.0 * s, model))
    f_down = np.asarray(speed_factor(-100.0 * s, model))
    eq = d_up * f_up + d_down * f_down + d_flat
    gap = np.asarray(pace, dtype=float) * D / eq
    return _unwrap(gap), _unwrap(100.0 * s), _unwrap(-100.0 * s), _unwrap(eq)


# =============================================================================================
# hill walking / running rules
# =============================================================================================
#: flat metres equivalent to 1 m of climb
CLIMB_EQUIVALENTS = {"scarf": 8.0, "naismith": 5000.0 / 600.0, "naismith_langmuir": 5000.0 / 600.0}
#: Langmuir: 10 min per 300 m of descent at Naismith's 5 km/h = 833.3 m flat per 300 m
LANGMUIR_PER_M = (10.0 / 60.0) * 5000.0 / 300.0
#: Langmuir's descent classes by slope angle: gentle 5-12 deg (-10 min/300 m), steep > 12 deg (+10 min/300 m)
LANGMUIR_GENTLE_DEG = 5.0
LANGMUIR_STEEP_DEG = 12.0
NAISMITH_SPEED = 5000.0 / 3600.0   #: m/s (5 km/h)


def langmuir_descent_sign(descent_grade):
    """-1 for gentle descents (5-12 deg), +1 for steep (> 12 deg), 0 otherwise (grade in %)."""
    ang = np.degrees(np.arctan(np.abs(np.asarray(descent_grade, dtype=float)) / 100.0))
    return np.where(ang > LANGMUIR_STEEP_DEG, 1.0, np.where(ang >= LANGMUIR_GENTLE_DEG, -1.0, 0.0))


@model(
    name="grade.equivalent_flat_distance", version="1.0.0", family="grade",
    summary="Equivalent flat distance of a route with climb (Scarf 8:1, Naismith 25:3, Langmuir descent)",
    citation="Naismith's rule / Scarf's equivalence of distance and climb",
    equation="D_eq = D + k * climb (+ Langmuir: -+ 2.78 * descent for gentle/steep descents); "
             "k = 8 (scarf) or 5000/600 (naismith)",
    equation_latex=r"D_{eq} = D + k\,h_{up} + c_L\,h_{down}",
    inputs=[inp("distance", "m", "horizontal route distance", min=1.0, max=1.0e6),
            inp("climb", "m", "total ascent", min=0.0, max=20000.0),
            inp("descent", "m", "total descent (Langmuir rule only)", default=0.0, min=0.0, max=20000.0),
            inp("descent_grade", "%", "typical gradient of the descents (Langmuir rule only)", default=0.0,
                **GRADE_RANGE),
            inp("rule", "1", "scarf (1 m climb = 8 m flat), naismith (1 m = 8.33 m) or naismith_langmuir",
                dtype="str", choices=list(CLIMB_EQUIVALENTS), default="scarf")],
    outputs=[out("equivalent_distance", "m", "flat distance taking the same time", tolerance=0.5),
             out("climb_equivalent", "m", "flat metres added for the climb and descent", tolerance=0.5)],
    references=[ref("Naismith 1892", "Naismith W.W. (1892) Scottish Mountaineering Club Journal: 1 hour per "
                    "3 miles plus 1 hour per 2000 ft of ascent"),
                ref("Langmuir 1984", "Langmuir E. (1984) Mountaincraft and Leadership. Scottish Sports Council / "
                    "Mountainwalking Leader Training Board"),
                ref("Scarf 2007", "Scarf P. (2007) Route choice in mountain navigation, Naismith's rule, and the "
                    "equivalence of distance and climb. J. Sports Sci. 25(6):719-726",
                    doi="10.1080/02640410600874906")],
    assumptions=["time is proportional to the equivalent flat distance",
                 "Langmuir: 10 min less per 300 m of gentle descent (5-12 deg), 10 min more per 300 m of "
                 "steep descent (> 12 deg), converted to distance at Naismith's 5 km/h"],
    validity=["hill-walking and fell-running rules of thumb; Scarf's 8 fits fell-race records, Naismith's "
              "8.33 is the original rule"],
)
def equivalent_flat_distance(distance, climb, descent=0.0, descent_grade=0.0, rule="scarf"):
    r"""Equivalent flat distance of a hilly route.

    .. math:: D_{eq} = D + k\,h_{up} + c_L\,h_{down}

    with :math:`k = 8` (Scarf) or :math:`5000/600` (Naismith: 1 h per 5 km plus
    1 h per 600 m of ascent) and, for ``naismith_langmuir`` only, :math:`c_L = \mp 2.78`
    for gentle (5-12 deg) / steep (> 12 deg) descents.

    Examples
    --------
    Scarf's worked example, 20 km with 1.6 km of climb:

    >>> equivalent_flat_distance(20000.0, 1600.0)[0]
    32800.0
    """
    D = np.asarray(distance, dtype=float)
    up = np.asarray(climb, dtype=float)
    extra = CLIMB_EQUIVALENTS[rule] * up
    if rule == "naismith_langmuir":
        extra = extra + langmuir_descent_sign(descent_grade) * LANGMUIR_PER_M * np.asarray(descent, dtype=float)
    return _unwrap(D + extra), _unwrap(extra)
