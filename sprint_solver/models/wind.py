"""Wind (and altitude) corrections for the 100 m and 200 m.

Sign convention everywhere: wind in m/s, **tail wind positive**, as World Athletics
reports it. "Still air" means no wind at sea level (H = 0) unless stated.

References
----------
.. [1] Mureika J.R. (2000) "'Back-of-the-envelope' wind and altitude correction for
       100 metre sprint times", arXiv:physics/0006057.
.. [2] Mureika J.R. (2001) "A realistic quasi-physical model of the 100 m dash",
       Can. J. Phys. 79:697-713.
.. [3] Mureika J.R. (2003) "Modelling wind and altitude effects in the 200 m sprint",
       Can. J. Phys. 81:895-910 (lane coefficients as used by Mureika's online
       200 m calculator).
.. [4] Moinat M., Fabius O., Emanuel K.S. (2018) "Data-driven quantification of the
       effect of wind on athletics performance", Eur. J. Sport Sci. 18(9):1185-1190,
       doi:10.1080/17461391.2018.1480062.
.. [5] Linthorne N.P. (1994) "The effect of wind on 100-m sprint times",
       J. Appl. Biomech. 10(2):110-131.
"""
from __future__ import annotations

import numpy as np

from .base import inp, model, out, ref
from .base import unwrap as _unwrap

#: Mureika's closed-form constant ``a``: the sources disagree (see README).
MUREIKA_PRESETS = {"calculator_1.028": 0.028, "paper_1.030": 0.030, "scripts_1.027": 0.027}
MUREIKA_DEFAULT = "calculator_1.028"
_SCALE_HEIGHT_INV = 0.000125  # 1/m, Mureika's 8000 m density scale height

_REFS_100 = [
    ref("Mureika 2000", "Mureika J.R. (2000) 'Back-of-the-envelope' wind and altitude correction "
        "for 100 metre sprint times. arXiv:physics/0006057", url="https://arxiv.org/abs/physics/0006057"),
    ref("Mureika 2001", "Mureika J.R. (2001) A realistic quasi-physical model of the 100 m dash. "
        "Can. J. Phys. 79:697-713"),
    ref("Linthorne 1994", "Linthorne N.P. (1994) The effect of wind on 100-m sprint times. "
        "J. Appl. Biomech. 10(2):110-131"),
]
_COMMON_100 = dict(
    family="wind",
    assumptions=["wind is constant over the race and along the straight",
                 "the same formula for men and women (as Mureika's calculator)",
                 "altitude enters only through air density, rho(H)/rho(0) = exp(-0.000125 H)"],
    validity=["derived from constant-wind fits of Mureika's ODE sprint model",
              "intended for |w| <= 5 m/s, H <= 2500 m and times 9.4-12.5 s",
              "the constant a is disputed (0.030 / 0.028 / 0.027); default 0.028 = the "
              "author's online calculator"],
    references=_REFS_100,
)


def _mureika_a(preset: str) -> float:
    return MUREIKA_PRESETS[preset]


_T100 = dict(min=5.0, max=30.0, valid_min=9.4, valid_max=12.5)
_W = dict(min=-10.0, max=10.0, valid_min=-5.0, valid_max=5.0)
_H = dict(min=-450.0, max=5000.0, valid_min=0.0, valid_max=2500.0)


@model(
    name="wind.mureika_100m", version="1.0.0",
    summary="Mureika closed-form wind + altitude correction of a 100 m time to still air at sea level",
    citation="Mureika's wind and altitude correction (2001)",
    equation="t0 = tw * [(1 + a) - a * exp(-0.000125 * H) * (1 - w * tw / d)^2]",
    equation_latex=r"t_0 = t_w\left[(1+a) - a\,e^{-0.000125 H}\left(1 - \frac{w t_w}{d}\right)^2\right]",
    inputs=[inp("time", "s", "official time run with wind w at altitude H", **_T100),
            inp("wind", "m/s", "wind reading, tail wind positive", **_W),
            inp("altitude", "m", "venue altitude", default=0.0, **_H),
            inp("distance", "m", "race distance d (50, 60 or 100 m)", default=100.0, min=50.0, max=100.0),
            inp("preset", "1", "which published constant a to use", dtype="str",
                choices=list(MUREIKA_PRESETS), default=MUREIKA_DEFAULT)],
    outputs=[out("time_still", "s", "equivalent time in still air at sea level", tolerance=0.006),
             out("correction", "s", "time_still - time (positive: the conditions helped)", tolerance=0.006)],
    **_COMMON_100,
)
def mureika_100m(time, wind, altitude=0.0, distance=100.0, preset=MUREIKA_DEFAULT):
    r"""Correct a windy (and/or altitude) 100 m time to still air at sea level.

    .. math:: t_0 = t_w\left[(1+a) - a\,e^{-0.000125 H}\left(1 - \frac{w t_w}{d}\right)^2\right]

    Parameters
    ----------
    time : float or array-like
        Time run with the wind, :math:`t_w` [s].
    wind : float or array-like
        Wind reading :math:`w` [m/s], tail wind positive.
    altitude : float or array-like, default 0
        Venue altitude :math:`H` [m].
    distance : float, default 100
        Race distance :math:`d` [m]; Mureika's calculator also accepts 50 and 60.
    preset : {'calculator_1.028', 'paper_1.030', 'scripts_1.027'}
        The constant :math:`a` (sources disagree; default = Mureika's calculator).

    Returns
    -------
    time_still : float or ndarray
        Still-air, sea-level equivalent :math:`t_0` [s].
    correction : float or ndarray
        :math:`t_0 - t_w` [s]; positive when the conditions helped.

    References
    ----------
    .. [1] Mureika (2000), arXiv:physics/0006057; Mureika (2001), Can. J. Phys. 79:697.

    Examples
    --------
    >>> round(float(mureika_100m(10.0, 2.0)[0]), 4)
    10.1008
    """
    a = _mureika_a(preset)
    t = np.asarray(time, dtype=float)
    w = np.asarray(wind, dtype=float)
    rho_ratio = np.exp(-_SCALE_HEIGHT_INV * np.asarray(altitude, dtype=float))
    t0 = t * ((1.0 + a) - a * rho_ratio * (1.0 - w * t / distance) ** 2)
    return _unwrap(t0), _unwrap(t0 - t)


@model(
    name="wind.mureika_100m_inverse", version="1.0.0",
    summary="Mureika closed form inverted: the time a still-air sea-level 100 m becomes with wind w at altitude H",
    citation="Mureika's wind and altitude correction (2001), inverted",
    equation="solve t0 = tw * [(1 + a) - a * exp(-0.000125 * H) * (1 - w * tw / d)^2] for tw (Newton)",
    equation_latex=r"t_0 = t_w\left[(1+a) - a\,e^{-0.000125 H}\left(1 - \frac{w t_w}{d}\right)^2\right]\ \text{solved for}\ t_w",
    inputs=[inp("time_still", "s", "still-air sea-level time t0", **_T100),
            inp("wind", "m/s", "wind, tail wind positive", **_W),
            inp("altitude", "m", "venue altitude", default=0.0, **_H),
            inp("distance", "m", "race distance d (50, 60 or 100 m)", default=100.0, min=50.0, max=100.0),
            inp("preset", "1", "which published constant a to use", dtype="str",
                choices=list(MUREIKA_PRESETS), default=MUREIKA_DEFAULT)],
    outputs=[out("time_wind", "s", "time expected with wind w at altitude H", tolerance=0.006),
             out("change", "s", "time_wind - time_still (positive: slower)", tolerance=0.006)],
    **_COMMON_100,
)
def mureika_100m_inverse(time_still, wind, altitude=0.0, distance=100.0, preset=MUREIKA_DEFAULT):
    r"""Time expected with wind ``w`` at altitude ``H`` from a still-air sea-level time.

    Solves the Mureika closed form (see :func:`mureika_100m`) for :math:`t_w` with
    Newton's method (vectorised, 8 iterations; the residual is below 1e-12 s for
    all inputs in the model's range).

    Parameters
    ----------
    time_still : float or array-like
        Still-air, sea-level time :math:`t_0` [s].
    wind : float or array-like
        Wind :math:`w` [m/s], tail wind positive.
    altitude : float or array-like, default 0
        Venue altitude :math:`H` [m].
    distance : float, default 100
        Race distance [m].
    preset : str
        Constant :math:`a` preset, as in :func:`mureika_100m`.

    Returns
    -------
    time_wind : float or ndarray
        :math:`t_w` [s].
    change : float or ndarray
        :math:`t_w - t_0` [s]; positive means slower than in still air.

    Examples
    --------
    >>> round(float(mureika_100m_inverse(10.0, -2.0)[0]), 4)
    10.1265
    """
    a = _mureika_a(preset)
    t0 = np.asarray(time_still, dtype=float)
    w = np.asarray(wind, dtype=float)
    r = np.exp(-_SCALE_HEIGHT_INV * np.asarray(altitude, dtype=float))
    tw = np.array(t0, dtype=float, copy=True)
    for _ in range(8):
        u = 1.0 - w * tw / distance
        f = tw * ((1.0 + a) - a * r * u * u) - t0
        fp = (1.0 + a) - a * r * u * u + 2.0 * a * r * u * w * tw / distance
        tw = tw - f / fp
    return _unwrap(tw), _unwrap(tw - t0)


# --- 200 m -------------------------------------------------------------------------------
# Columns: A (w^2), B (w), C, D (w^2 H), E (w H), F (H); rows: lanes 1-8.
_M200_MEN = np.array([
    [6.823850739e-3, -6.261746031e-2, +6.769739610e-4, -8.533086093e-7, 7.409523797e-6, -9.576524416e-5],
    [6.037981841e-3, -6.160238093e-2, -5.337868373e-3, -7.012368506e-7, 6.901904772e-6, -9.484254800e-5],
    [5.937950920e-3, -6.508253968e-2, -4.702741522e-3, -7.021645076e-7, 7.283809515e-6, -9.485541123e-5],
    [5.849876305e-3, -6.855952381e-2, -5.205524601e-3, -6.920222619e-7, 7.647619043e-6, -9.491032781e-5],
    [5.727788093e-3, -7.192698412e-2, -4.418058132e-3, -6.745825703e-7, 8.003809515e-6, -9.506468759e-5],
    [5.635281356e-3, -7.525793651e-2, -4.965367685e-3, -6.675324621e-7, 8.375238100e-6, -9.518787886e-5],
    [5.562976702e-3, -7.846031747e-2, -4.763760038e-3, -6.695732846e-7, 8.730476192e-6, -9.523141616e-5],
    [5.497165554e-3, -8.159285713e-2, -5.002267739e-3, -6.547309794e-7, 9.080952375e-6, -9.529226969e-5],
])
_M200_OTHER = np.array([
    [8.164192923e-3, -7.134126985e-2, -5.253349577e-3, -9.581941721e-7, 7.988571428e-6, -1.015294992e-4],
    [8.012420137e-3, -7.549761905e-2, -5.664811539e-3, -9.247990043e-7, 8.438095233e-6, -1.016949907e-4],
    [7.904916485e-3, -7.968492063e-2, -5.239125688e-3, -9.269635173e-7, 8.905714292e-6, -1.016551638e-4],
    [8.307720076e-3, -8.214841271e-2, -5.935065061e-3, -1.204329010e-6, 8.447619050e-6, -1.016346319e-4],
    [7.666048256e-3, -8.769523808e-2, -5.233972510e-3, -9.012368561e-7, 9.736190467e-6, -1.018901670e-4],
    [7.537878777e-3, -9.157222225e-2, -4.871572736e-3, -8.844155844e-7, 1.013999999e-5, -1.020086579e-4],
    [7.438260160e-3, -9.541269842e-2, -4.911152390e-3, -8.664811526e-7, 1.057238095e-5, -1.021726653e-4],
    [7.340342199e-3, -9.905396825e-2, -5.168418916e-3, -8.719851461e-7, 1.096761904e-5, -1.021486705e-4],
])
MEN_FAST_CUTOFF_200 = 21.5  # s: Mureika's calculator uses the "men" set below this time

_REFS_200 = [
    ref("Mureika 2003", "Mureika J.R. (2003) Modelling wind and altitude effects in the 200 m sprint. "
        "Can. J. Phys. 81:895-910 (coefficients as in Mureika's online 200 m calculator)"),
    ref("Quinn 2003", "Quinn M.D. (2003) The effects of wind and altitude in the 200-m sprint. "
        "J. Appl. Biomech. 19:49-59"),
]
_T200 = dict(min=15.0, max=60.0, valid_min=19.0, valid_max=25.0)
_COMMON_200 = dict(
    family="wind",
    assumptions=["the wind reading is the official straight-line (home straight) reading",
                 "wind blows along the home straight; the bend sees its projection",
                 "men faster than 21.5 s use the men's coefficients, everyone else the other set"],
    validity=["coefficients fitted to Mureika's 200 m simulation for lanes 1-8",
              "intended for |w| <= 5 m/s and H <= 2500 m",
              "the coefficient table's provenance (Mureika 2003) is recalled, not verified"],
    references=_REFS_200,
)


def mureika_200m_delta(wind, altitude, lane, men_fast):
    """Mureika 200 m correction dt = A w^2 + B w + C + (D w^2 + E w + F) H [s].

    dt is forced to 0 at w = 0, H = 0 (the fitted intercept C is not a physical effect).
    """
    w = np.asarray(wind, dtype=float)
    h = np.asarray(altitude, dtype=float)
    lane_idx = np.asarray(lane, dtype=int) - 1
    coef = np.where(np.asarray(men_fast)[..., None], _M200_MEN[lane_idx], _M200_OTHER[lane_idx])
    A, B, C, D, E, F = np.moveaxis(coef, -1, 0)
    dt = A * w * w + B * w + C + (D * w * w + E * w + F) * h
    return np.where((w == 0) & (h == 0), 0.0, dt)


_200_INPUTS = [
    inp("wind", "m/s", "official 200 m wind reading, tail wind positive", **_W),
    inp("altitude", "m", "venue altitude", default=0.0, **_H),
    inp("lane", "1", "lane 1-8", dtype="int", min=1, max=8, default=4),
    inp("sex", "1", "men or women", dtype="str", choices=["men", "women"], default="men"),
]


@model(
    name="wind.mureika_200m", version="1.0.0",
    summary="Mureika lane-dependent wind + altitude correction of a 200 m time to still air at sea level",
    citation="Mureika's 200 m wind and altitude model (2003)",
    equation="t0 = tw - [A w^2 + B w + C + (D w^2 + E w + F) H]  (A..F per lane and sex/level)",
    equation_latex=r"t_0 = t_w - \left[A w^2 + B w + C + (D w^2 + E w + F) H\right]",
    inputs=[inp("time", "s", "200 m time run with wind w at altitude H", **_T200), *_200_INPUTS],
    outputs=[out("time_still", "s", "still-air sea-level equivalent", tolerance=0.006),
             out("correction", "s", "time_still - time (positive: the conditions helped)", tolerance=0.006)],
    **_COMMON_200,
)
def mureika_200m(time, wind, altitude=0.0, lane=4, sex="men"):
    r"""Correct a 200 m time to still air at sea level with Mureika's lane coefficients.

    .. math:: \Delta t = A w^2 + B w + C + (D w^2 + E w + F) H, \quad t_0 = t_w - \Delta t

    Parameters
    ----------
    time : float or array-like
        200 m time with wind [s].
    wind : float or array-like
        Official wind reading [m/s], tail wind positive.
    altitude : float or array-like, default 0
        Venue altitude [m].
    lane : int, 1-8
        Lane.
    sex : {'men', 'women'}
        Men faster than 21.5 s use the men's coefficient set; all others the second set.

    Returns
    -------
    time_still, correction : float or ndarray
        Still-air sea-level time [s] and ``time_still - time`` [s].

    Examples
    --------
    >>> round(float(mureika_200m(20.0, 2.0)[1]), 4)
    0.1189
    """
    t = np.asarray(time, dtype=float)
    men_fast = (np.asarray(sex) == "men") & (t < MEN_FAST_CUTOFF_200)
    dt = mureika_200m_delta(wind, altitude, lane, men_fast)
    t0 = t - dt
    return _unwrap(t0), _unwrap(t0 - t)


@model(
    name="wind.mureika_200m_inverse", version="1.0.0",
    summary="Mureika 200 m model inverted: the time a still-air sea-level 200 m becomes with wind and altitude",
    citation="Mureika's 200 m wind and altitude model (2003), inverted",
    equation="tw = t0 + [A w^2 + B w + C + (D w^2 + E w + F) H]",
    equation_latex=r"t_w = t_0 + \left[A w^2 + B w + C + (D w^2 + E w + F) H\right]",
    inputs=[inp("time_still", "s", "still-air sea-level 200 m time", **_T200), *_200_INPUTS],
    outputs=[out("time_wind", "s", "time expected with wind and altitude", tolerance=0.006),
             out("change", "s", "time_wind - time_still (positive: slower)", tolerance=0.006)],
    **_COMMON_200,
)
def mureika_200m_inverse(time_still, wind, altitude=0.0, lane=4, sex="men"):
    """Inverse of :func:`mureika_200m` (the coefficient set is chosen from ``time_still``)."""
    t0 = np.asarray(time_still, dtype=float)
    men_fast = (np.asarray(sex) == "men") & (t0 < MEN_FAST_CUTOFF_200)
    dt = mureika_200m_delta(wind, altitude, lane, men_fast)
    tw = t0 + dt
    return _unwrap(tw), _unwrap(tw - t0)


# --- Moinat et al. 2018 --------------------------------------------------------------------
#: event -> (a0, a_P, b): DeltaP = t0 - tw = (a0 + a_P * P) w + b w^2
MOINAT_COEFFICIENTS = {
    "100m": (-0.0449, 0.009459, -0.0042),
    "200m": (0.090, 0.0, -0.010),
    "hurdles": (0.093, 0.0, -0.010),
}
_REFS_MOINAT = [ref("Moinat 2018", "Moinat M., Fabius O., Emanuel K.S. (2018) Data-driven quantification of "
                    "the effect of wind on athletics performance. Eur. J. Sport Sci. 18(9):1185-1190",
                    doi="10.1080/17461391.2018.1480062")]
_MOINAT_COMMON = dict(
    family="wind",
    references=_REFS_MOINAT,
    assumptions=["wind effect is a quadratic in the wind reading (mixed model over 150,169 results)",
                 "no altitude term"],
    validity=["fitted on wind readings in roughly -4..+4 m/s",
              "coefficients taken from two independent public implementations, not from the paper's tables"],
)


@model(
    name="wind.moinat_2018", version="1.0.0",
    summary="Moinat et al. (2018) empirical quadratic wind correction for 100 m, 200 m and hurdles",
    citation="Moinat, Fabius & Emanuel's data-driven wind model (2018)",
    equation="t0 = tw + (a0 + aP * tw) * w + b * w^2",
    equation_latex=r"t_0 = t_w + (a_0 + a_P t_w) w + b w^2",
    inputs=[inp("time", "s", "time run with wind w", min=5.0, max=60.0, valid_min=9.4, valid_max=25.0),
            inp("wind", "m/s", "wind reading, tail wind positive", **_W),
            inp("event", "1", "event", dtype="str", choices=list(MOINAT_COEFFICIENTS), default="100m")],
    outputs=[out("time_still", "s", "still-air equivalent", tolerance=0.006),
             out("correction", "s", "time_still - time (positive: the wind helped)", tolerance=0.006)],
    **_MOINAT_COMMON,
)
def moinat_2018(time, wind, event="100m"):
    r"""Moinat et al. (2018) wind correction.

    .. math:: \Delta P = t_0 - t_w = (a_0 + a_P P) w + b w^2

    with, for the 100 m, :math:`a_0=-0.0449`, :math:`a_P=0.009459`, :math:`b=-0.0042`
    (:math:`P` = performance time); 200 m :math:`a=0.090, b=-0.010`; hurdles
    :math:`a=0.093, b=-0.010`.

    Parameters
    ----------
    time : float or array-like
        Performance time with wind [s].
    wind : float or array-like
        Wind reading [m/s], tail wind positive.
    event : {'100m', '200m', 'hurdles'}

    Returns
    -------
    time_still, correction : float or ndarray
        [s].

    Examples
    --------
    >>> round(float(moinat_2018(20.0, 2.0, "200m")[1]), 3)
    0.14
    """
    a0, ap, b = MOINAT_COEFFICIENTS[event]
    t = np.asarray(time, dtype=float)
    w = np.asarray(wind, dtype=float)
    d = (a0 + ap * t) * w + b * w * w
    return _unwrap(t + d), _unwrap(d)


@model(
    name="wind.moinat_2018_inverse", version="1.0.0",
    summary="Moinat et al. (2018) wind model inverted: time expected with wind w from a still-air time",
    citation="Moinat, Fabius & Emanuel's data-driven wind model (2018), inverted",
    equation="tw = (t0 - a0 * w - b * w^2) / (1 + aP * w)",
    equation_latex=r"t_w = \frac{t_0 - a_0 w - b w^2}{1 + a_P w}",
    inputs=[inp("time_still", "s", "still-air time", min=5.0, max=60.0, valid_min=9.4, valid_max=25.0),
            inp("wind", "m/s", "wind, tail wind positive", **_W),
            inp("event", "1", "event", dtype="str", choices=list(MOINAT_COEFFICIENTS), default="100m")],
    outputs=[out("time_wind", "s", "time expected with wind w", tolerance=0.006),
             out("change", "s", "time_wind - time_still (positive: slower)", tolerance=0.006)],
    **_MOINAT_COMMON,
)
def moinat_2018_inverse(time_still, wind, event="100m"):
    """Exact inverse of :func:`moinat_2018`."""
    a0, ap, b = MOINAT_COEFFICIENTS[event]
    t0 = np.asarray(time_still, dtype=float)
    w = np.asarray(wind, dtype=float)
    tw = (t0 - a0 * w - b * w * w) / (1.0 + ap * w)
    return _unwrap(tw), _unwrap(tw - t0)
