"""Implementations of the data-fitted models.

Each function takes the model's inputs plus ``params`` (the card's ``parameters``,
written by ``sprint-solver train``), so the same code serves every refit; the cards
(``registry/fitted/*.json``) carry the fitted numbers, their bootstrap covariance,
provenance, metrics and the comparison with the published models.

Uncertainty: every fitted model returns ``ci_halfwidth``, the half-width of the 95 %
confidence interval of its correction, from the cluster-bootstrap covariance of the
parameters (the corrections are linear in the parameters, so ``1.96 sqrt(g' S g)``
is exact for the fitted form; it is the uncertainty of the *average* effect, not
the race-to-race scatter).
"""
from __future__ import annotations

import numpy as np

from .base import implementation, lambertw
from .base import unwrap as _unwrap

Z95 = 1.959963984540054
_SEXES = ("men", "women")



def _by_sex(params: dict, key: str, sex) -> np.ndarray:
    """Per-row parameter vectors for ``sex`` (scalar or array of 'men'/'women')."""
    table = params[key]
    s = np.asarray(sex)
    if s.ndim == 0:
        return np.asarray(table[str(s)], dtype=float)
    rows = np.stack([np.asarray(table[x], float) for x in _SEXES])
    return rows[np.where(s == "women", 1, 0)]


def _halfwidth(basis: np.ndarray, cov: np.ndarray) -> np.ndarray:
    """1.96 sqrt(g' S g) for basis rows g (last axis = parameters)."""
    if cov.ndim == 2:
        v = np.einsum("...i,ij,...j->...", basis, cov, basis)
    else:
        v = np.einsum("...i,...ij,...j->...", basis, cov, basis)
    return Z95 * np.sqrt(np.maximum(v, 0.0))


# --- wind ----------------------------------------------------------------------------------
def wind_basis(t, w, distance: float) -> np.ndarray:
    """Basis of the fitted wind correction: [t u, t u^2] with u = w t / d.

    u is the wind as a fraction of the race's mean speed d/t, the variable the drag
    force (v - w)^2 depends on; Mureika's closed form is the special case
    correction = a (2 t u - t u^2).
    """
    t = np.asarray(t, float)
    u = np.asarray(w, float) * t / distance
    return np.stack([t * u, t * u * u], axis=-1)


def wind_correction(t, w, sex, params: dict) -> tuple[np.ndarray, np.ndarray]:
    """(correction, ci_halfwidth): still-air time = t + correction."""
    t = np.asarray(t, float)
    u = np.asarray(w, float) * t / params["distance"]
    b0 = t * u
    b1 = b0 * u
    c = _by_sex(params, "coef", sex)
    s = _by_sex(params, "cov", sex)
    # the two-term quadratic form written out: einsum over a stacked basis was 6-10x slower
    corr = c[..., 0] * b0 + c[..., 1] * b1
    var = s[..., 0, 0] * b0 * b0 + 2.0 * s[..., 0, 1] * b0 * b1 + s[..., 1, 1] * b1 * b1
    return corr, Z95 * np.sqrt(np.maximum(var, 0.0))


def wind_inverse(t0, w, sex, params: dict) -> tuple[np.ndarray, np.ndarray]:
    """Time with wind w from a still-air time: solve t + c.g(t, w) = t0 (Newton)."""
    d = params["distance"]
    c = _by_sex(params, "coef", sex)
    c1, c2 = c[..., 0], c[..., 1]
    t0 = np.asarray(t0, float)
    w = np.asarray(w, float)
    tw = np.array(t0, dtype=float, copy=True)
    for _ in range(12):
        f = tw + c1 * w * tw ** 2 / d + c2 * w * w * tw ** 3 / d ** 2 - t0
        fp = 1.0 + 2 * c1 * w * tw / d + 3 * c2 * w * w * tw ** 2 / d ** 2
        tw = tw - f / fp
    b = wind_basis(tw, w, d)
    fp = 1.0 + 2 * c1 * w * tw / d + 3 * c2 * w * w * tw ** 2 / d ** 2
    half = _halfwidth(b, _by_sex(params, "cov", sex)) / np.abs(fp)
    return tw, half


@implementation("fitted.wind")
def fitted_wind(time, wind, sex="men", *, params):
    """Fitted wind correction of a sprint time to still air.

    ``time_still = time + c1 t u + c2 t u^2``, u = wind * time / distance, with
    (c1, c2) per sex from the card. Returns (time_still, correction, ci_halfwidth).
    """
    corr, half = wind_correction(time, wind, sex, params)
    t = np.asarray(time, float)
    return _unwrap(t + corr), _unwrap(corr), _unwrap(half)


@implementation("fitted.wind_inverse")
def fitted_wind_inverse(time_still, wind, sex="men", *, params):
    """Inverse of :func:`fitted_wind`: (time_wind, change, ci_halfwidth)."""
    tw, half = wind_inverse(time_still, wind, sex, params)
    return _unwrap(tw), _unwrap(tw - np.asarray(time_still, float)), _unwrap(half)


# --- altitude ------------------------------------------------------------------------------
def altitude_basis(t, h, scale_height: float) -> np.ndarray:
    """[t (1 - exp(-H / H0))]: the drag saved at altitude scales with the density deficit."""
    t = np.asarray(t, float)
    return (t * (1.0 - np.exp(-np.asarray(h, float) / scale_height)))[..., None]


@implementation("fitted.altitude_sprint")
def fitted_altitude(time, altitude, event="100m", sex="men", *, params):
    """Fitted altitude correction to sea level: time_sea_level = time + k t (1 - e^(-H/H0)).

    Returns (time_sea_level, correction, ci_halfwidth); k and its variance per
    event and sex come from the card.
    """
    key = np.char.add(np.char.add(np.asarray(event, dtype=str), "_"), np.asarray(sex, dtype=str))
    b = altitude_basis(time, altitude, params["scale_height"])
    k = np.vectorize(lambda s: params["coef"][s][0], otypes=[float])(key)
    var = np.vectorize(lambda s: params["cov"][s][0][0], otypes=[float])(key)
    corr = b[..., 0] * k
    half = Z95 * np.abs(b[..., 0]) * np.sqrt(np.maximum(var, 0.0))
    t = np.asarray(time, float)
    return _unwrap(t + corr), _unwrap(corr), _unwrap(half)


# --- heat ----------------------------------------------------------------------------------
def heat_curve(wbgt, level: str, params: dict) -> tuple[np.ndarray, np.ndarray]:
    """Slow-down [%] relative to the reference WBGT, and its 95 % half-width."""
    lv = params["levels"][level]
    ref = params["reference_wbgt"]
    x = np.asarray(wbgt, float)
    knot = params["knot"]
    def basis(v):
        v = np.asarray(v, float)
        return np.stack([v - ref, np.maximum(v - knot, 0.0) - max(ref - knot, 0.0)], axis=-1)
    b = basis(x)
    coef = np.asarray(lv["coef"], float)
    cov = np.asarray(lv["cov"], float)
    return b @ coef, _halfwidth(b, cov)


@implementation("fitted.heat_wbgt")
def fitted_heat(wbgt, level="all", *, params):
    """Marathon slow-down [%] at a WBGT versus the reference (cool) WBGT.

    Piecewise-linear in WBGT (a hinge at ``knot``), per performance level.
    Returns (slowdown_pct, ci_halfwidth).
    """
    y, half = heat_curve(wbgt, level, params)
    return _unwrap(y), _unwrap(half)


# --- lanes ---------------------------------------------------------------------------------
@implementation("fitted.lanes")
def fitted_lanes(lane, sex="men", reference_lane=4, *, params):
    """Expected 200 m time difference of ``lane`` versus ``reference_lane`` [s].

    Positive = slower than the reference lane. Returns (effect, ci_halfwidth); the
    half-width comes from the bootstrap covariance of the lane effects.
    """
    eff = params["effects"][sex]          # lane 1..9, reference = params["baseline_lane"]
    cov = np.asarray(params["cov"][sex], float)
    lanes = params["lanes"]
    li = np.asarray(lane, int)
    ri = np.asarray(reference_lane, int)

    def row(l):
        v = np.zeros(len(lanes))
        v[lanes.index(int(l))] = 1.0
        return v
    e = np.vectorize(lambda a, r: eff[lanes.index(int(a))] - eff[lanes.index(int(r))], otypes=[float])(li, ri)
    h = np.vectorize(lambda a, r: float(Z95 * np.sqrt(max((row(a) - row(r)) @ cov @ (row(a) - row(r)), 0.0))),
                     otypes=[float])(li, ri)
    return _unwrap(e), _unwrap(h)


# --- sprint profile ------------------------------------------------------------------------
@implementation("fitted.sprint_profile")
def fitted_sprint_profile(distance, *, params):
    """Split time [s] at ``distance`` for the fitted reference mono-exponential profile.

    t(d) = TAU W0(-exp(-d/(MSS TAU) - 1)) + d/MSS + TAU; returns (time, ci_halfwidth)
    with the half-width from the bootstrap spread of the median profile.
    """
    d = np.asarray(distance, float)
    mss, tau = params["MSS"], params["TAU"]
    t = tau * np.real(lambertw()(-np.exp(-d / (mss * tau) - 1.0))) + d / mss + tau
    grid = np.asarray(params["ci_grid"]["distance"], float)
    half = np.interp(d, grid, np.asarray(params["ci_grid"]["halfwidth"], float))
    return _unwrap(t), _unwrap(half)
