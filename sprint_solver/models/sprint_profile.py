"""Short-sprint acceleration profile (mono-exponential) and force-velocity profile.

The sprint is described by the mono-exponential speed-time model (Furusawa, Hill &
Parkinson 1927; Clark 2017; Samozino 2016)::

    v(t) = MSS (1 - exp(-t/TAU))            MAC = MSS / TAU,  PMAX = MSS MAC / 4
    x(t) = MSS (t + TAU exp(-t/TAU)) - MSS TAU
    t(x) = TAU W0(-exp(-x/(MSS TAU) - 1)) + x/MSS + TAU      (W0: principal Lambert W)

Fitting follows the {shorts} package (Jovanovic & Vescovi): split times are fitted by
nonlinear least squares of ``t(x)`` on distance, optionally with a flying-start
distance FD (``t(x + FD) - t(FD)``) and a time correction TC (``- TC``; positive TC =
the clock started after the athlete began moving). Radar/laser traces are fitted as
``v = MSS (1 - exp(-(t + TC)/TAU))``. Both fits first run a small Levenberg-Marquardt
iteration with analytic Jacobians (about 10x faster than ``scipy.optimize.least_squares``)
and fall back to ``least_squares`` whenever it cannot certify an interior optimum.

The force-velocity profile adds air drag ``F_air = k (v - w)|v - w|`` with
``k = 0.5 rho Af Cd`` (Samozino et al. 2016; Arsac & Locatelli 2002): wind ``w`` in
m/s, **tail wind positive**.

The plain functions :func:`fit_timing_gates`, :func:`fit_radar`, :func:`predict_time`
and :func:`predict_velocity` are the public fitting API; the registered models wrap them
so a solution trace can re-run them.

References
----------
.. [1] Samozino P., Rabita G., Dorel S., Slawinski J., Peyrot N., Saez de Villarreal E.,
       Morin J-B. (2016) A simple method for measuring power, force, velocity properties,
       and mechanical effectiveness in sprint running. Scand. J. Med. Sci. Sports
       26(6):648-658, doi:10.1111/sms.12490.
.. [2] Samozino P., Peyrot N., Edouard P., Nagahara R., Jimenez-Reyes P., Vanwanseele B.,
       Morin J-B. (2022) Optimal mechanical force-velocity profile for sprint acceleration
       performance. Scand. J. Med. Sci. Sports 32:559-575, doi:10.1111/sms.14097.
.. [3] Jovanovic M., Vescovi J.D. (2022) shorts: An R package for modeling short sprints.
       Int. J. Strength Cond. 2(1); R package {shorts} (MIT), doi:10.31236/osf.io/4jw62.
.. [4] Clark K.P., Rieger R.H., Bruno R.F., Stearne D.J. (2017) The NFL Combine 40-yard
       dash: how important is maximum velocity? J. Strength Cond. Res.,
       doi:10.1519/JSC.0000000000002081.
.. [5] Furusawa K., Hill A.V., Parkinson J.L. (1927) The dynamics of "sprint" running.
       Proc. R. Soc. Lond. B 102:29-42.
.. [6] Arsac L.M., Locatelli E. (2002) Modeling the energetics of 100-m running by using
       speed curves of world champions. J. Appl. Physiol. 92:1781-1788.
.. [7] Haugen T.A., Tonnessen E., Seiler S.K. (2012) The difference is in the start:
       impact of timing and start procedure on sprint running performance. J. Strength
       Cond. Res. 26:473-479.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..errors import InvalidValueError
from .base import inp, lambertw, model, out, ref
from .base import unwrap as _unwrap

G = 9.81  #: m/s^2, as in {shorts} and Samozino et al. (2016)
DRAG_COEFFICIENT = 0.9  #: Cd of a sprinter (Samozino 2016; Arsac & Locatelli 2002)
RHO_0 = 1.293  #: kg/m^3 at 0 degC and 760 Torr, Samozino's density formula
P_760_TORR = 101325.0  #: Pa
DEFAULT_TEMPERATURE = 25.0  #: degC, the {shorts} default
FV_SAMPLES = 600  #: samples over 0-6 s in the regression method (as {shorts} make_FV_profile)
FV_MAX_TIME = 6.0
RF_CUTOFF = 0.3  #: s: RFmax and DRF use t > 0.3 s (Samozino 2016)
MAX_NFEV = 600  #: interior optima converge in < 50 evaluations; this caps the crawl along a bound
#: search bounds of the fits; an estimate on a bound means the data are not a standing-start sprint
FIT_BOUNDS = {"MSS": (0.5, 20.0), "TAU": (0.05, 5.0)}

_REFS = [
    ref("Samozino 2016", "Samozino P. et al. (2016) A simple method for measuring power, force, velocity "
        "properties, and mechanical effectiveness in sprint running. Scand. J. Med. Sci. Sports 26(6):648-658",
        doi="10.1111/sms.12490"),
    ref("Jovanovic & Vescovi shorts", "Jovanovic M., Vescovi J.D. shorts: An R package for modeling short "
        "sprints (MIT licence)", doi="10.31236/osf.io/4jw62", url="https://github.com/mladenjovanovic/shorts"),
    ref("Clark 2017", "Clark K.P. et al. (2017) The NFL Combine 40-yard dash: how important is maximum "
        "velocity? J. Strength Cond. Res.", doi="10.1519/JSC.0000000000002081"),
    ref("Furusawa 1927", "Furusawa K., Hill A.V., Parkinson J.L. (1927) The dynamics of 'sprint' running. "
        "Proc. R. Soc. Lond. B 102:29-42"),
]
_REF_2022 = ref("Samozino 2022", "Samozino P. et al. (2022) Optimal mechanical force-velocity profile for "
                "sprint acceleration performance. Scand. J. Med. Sci. Sports 32:559-575", doi="10.1111/sms.14097")
_REF_ARSAC = ref("Arsac & Locatelli 2002", "Arsac L.M., Locatelli E. (2002) Modeling the energetics of 100-m "
                 "running by using speed curves of world champions. J. Appl. Physiol. 92:1781-1788")
_REF_HAUGEN = ref("Haugen 2012", "Haugen T.A., Tonnessen E., Seiler S.K. (2012) The difference is in the start. "
                  "J. Strength Cond. Res. 26:473-479")

_MONO_ASSUMPTIONS = ["the sprint is maximal, from a standing start, without deceleration",
                     "speed rises mono-exponentially towards a plateau MSS"]
_MONO_VALIDITY = ["intended for short maximal sprints (about 6 s, up to ~60 m)",
                  "start type and timing trigger bias MSS/TAU; use FD or TC corrections (Haugen 2012)"]

# input ranges, written once
_MSS = dict(min=0.5, max=15.0, valid_min=3.0, valid_max=12.5)
_TAU = dict(min=0.05, max=5.0, valid_min=0.3, valid_max=2.5)
_MAC = dict(min=0.5, max=40.0, valid_min=2.0, valid_max=16.0)
_FD = dict(min=0.0, max=10.0, valid_max=2.0)
_TC = dict(min=-2.0, max=2.0, valid_min=-0.6, valid_max=0.6)
_MASS = dict(min=20.0, max=250.0, valid_min=40.0, valid_max=130.0)
_HEIGHT = dict(min=1.0, max=2.5, valid_min=1.4, valid_max=2.1)
_PRESSURE = dict(min=50000.0, max=110000.0, valid_min=70000.0, valid_max=106000.0)
_TEMP = dict(min=-40.0, max=60.0, valid_min=-10.0, valid_max=45.0)
_WIND = dict(min=-10.0, max=10.0, valid_min=-5.0, valid_max=5.0)
_CD = dict(min=0.3, max=2.0, valid_min=0.6, valid_max=1.2)


# --- kinematics -------------------------------------------------------------------------------
def predict_velocity(t, MSS, TAU, TC=0.0):
    """Velocity ``v(t) = MSS (1 - exp(-(t + TC)/TAU))`` [m/s] at time ``t`` [s]."""
    t = np.asarray(t, dtype=float) + TC
    return _unwrap(np.asarray(MSS, dtype=float) * (1.0 - np.exp(-t / np.asarray(TAU, dtype=float))))


def predict_distance(t, MSS, TAU):
    """Distance ``x(t) = MSS (t + TAU exp(-t/TAU)) - MSS TAU`` [m] covered after ``t`` [s]."""
    t = np.asarray(t, dtype=float)
    MSS = np.asarray(MSS, dtype=float)
    TAU = np.asarray(TAU, dtype=float)
    return _unwrap(MSS * (t + TAU * np.exp(-t / TAU)) - MSS * TAU)


def predict_acceleration(t, MSS, TAU):
    """Acceleration ``a(t) = (MSS/TAU) exp(-t/TAU)`` [m/s^2]."""
    t = np.asarray(t, dtype=float)
    return _unwrap(np.asarray(MSS, dtype=float) / TAU * np.exp(-t / np.asarray(TAU, dtype=float)))


def _w_of_u(u):
    """``W0(-exp(-u - 1))`` for ``u = x/(MSS TAU) >= 0``, in (-1, 0]."""
    w = np.real(lambertw()(-np.exp(-u - 1.0), 0))
    # scipy returns NaN at (and rounding just below) the branch point -1/e, i.e. x -> 0; there
    # the series W0(-exp(-1-u)) = -1 + p - p^2/3 + 11 p^3/72, p = sqrt(2u) is exact to O(u^2)
    near = u < 1e-6
    if near.any():
        p = np.sqrt(2.0 * np.maximum(u, 0.0))
        w = np.where(near, -1.0 + p - p * p / 3.0 + 11.0 * p ** 3 / 72.0, w)
    return w


def _t_at(x, MSS, TAU):
    """``t(x)`` as an array (Lambert W form)."""
    x = np.asarray(x, dtype=float)
    return TAU * _w_of_u(x / (MSS * TAU)) + x / MSS + TAU


def _t_and_partials(x, MSS, TAU, dx: bool = False):
    """``t(x)`` (as :func:`_t_at`) and its analytic partial derivatives.

    With ``u = x/(MSS TAU)`` and ``dW/du = -W/(1 + W)``::

        dt/dMSS = TAU W u / ((1 + W) MSS) - x / MSS^2
        dt/dTAU = W + 1 + W u / (1 + W)
        dt/dx   = 1 / (MSS (1 + W))          (only with ``dx=True``; infinite at x = 0, W = -1)

    Returns ``(t, dt/dMSS, dt/dTAU, dt/dx or None)``.
    """
    x = np.asarray(x, dtype=float)
    u = x / (MSS * TAU)
    w = _w_of_u(u)
    xm = x / MSS
    one_w = 1.0 + w
    qu = w / one_w * u
    d_x = 1.0 / (MSS * one_w) if dx else None
    return TAU * w + xm + TAU, (TAU * qu - xm) / MSS, one_w + qu, d_x


def predict_time(distance, MSS, TAU, FD=0.0, TC=0.0):
    """Time [s] to reach ``distance`` [m]: ``t(x + FD) - t(FD) - TC`` (Lambert W closed form).

    With ``FD = TC = 0`` this is ``t(x) = TAU W0(-exp(-x/(MSS TAU) - 1)) + x/MSS + TAU``.

    Examples
    --------
    >>> round(predict_time(40.0, 8.5911, 0.8113), 3)
    5.466
    """
    MSS = np.asarray(MSS, dtype=float)
    TAU = np.asarray(TAU, dtype=float)
    t = _t_at(np.asarray(distance, dtype=float) + FD, MSS, TAU) - _t_at(FD, MSS, TAU) - TC
    return _unwrap(t)


# --- fitting ------------------------------------------------------------------------------------
def _as_series(name: str, values: Any, lo: float, hi: float, min_len: int) -> np.ndarray:
    try:
        a = np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        raise InvalidValueError(f"{name} must be a list of numbers", parameter=name) from None
    if a.size < min_len:
        raise InvalidValueError(f"{name} needs at least {min_len} values, got {a.size}", parameter=name,
                                valid_range=(min_len, None))
    if not np.all(np.isfinite(a)):
        raise InvalidValueError(f"{name} must be finite (found NaN or inf)", parameter=name)
    bad = a[(a < lo) | (a > hi)]
    if bad.size:
        raise InvalidValueError.out_of_range(name, float(bad[0]), lo, hi, "m" if "dist" in name else "s")
    return a


def _fit_summary(observed: np.ndarray, predicted: np.ndarray, n_params: int) -> dict[str, Any]:
    residuals = observed - predicted
    n = observed.size
    ssr = float(np.sum(residuals ** 2))
    sst = float(np.sum((observed - observed.mean()) ** 2))
    df = n - n_params
    return {"predicted": predicted, "residuals": residuals, "RSE": float(np.sqrt(ssr / df)) if df > 0 else float("nan"),
            "RMSE": float(np.sqrt(ssr / n)), "R_squared": 1.0 - ssr / sst if sst > 0 else float("nan"),
            "df": int(df), "n": int(n)}


def _least_squares(resid, p0, lo, hi):
    """Bounded trust-region least squares with tolerances far below timing resolution (1e-12)."""
    # imported here: scipy.optimize costs ~0.3 s at start-up in every process, and only the
    # fallback path needs it
    from scipy.optimize import least_squares

    return least_squares(resid, p0, bounds=(lo, hi), method="trf", x_scale=1.0,
                         ftol=1e-12, xtol=1e-12, gtol=1e-12, max_nfev=MAX_NFEV)


# The fast path: Levenberg-Marquardt on these 2-4 parameter problems with analytic Jacobians, in
# plain numpy (scipy's least_squares spends most of its ~5 ms in per-call overhead). It only
# answers when it can certify an interior optimum; anything else goes to the scipy path.
FAST_MAX_ITER = 50  #: interior optima of realistic data take 3-20 steps; a longer crawl goes to scipy
#: give up after more successive steps than this that lower the cost by no more than its rounding error
FAST_MAX_STALLED = 4
#: converged once the next (damped and undamped Gauss-Newton) step would move every parameter by
#: less than FAST_CERTIFY * (|p| + 1); that last step is taken without a further evaluation
FAST_CERTIFY = 1e-10
#: determinant of the unit-diagonal normal matrix (1 for uncorrelated parameters, 0 for collinear ones):
#: below it the parameters are not separately identifiable (e.g. TAU and TC when every gate is far
#: from the start, where only TAU - TC is) and scipy's answer stands
FAST_MIN_DET = 1e-12
FAST_BOUND_MARGIN = 1e-3  #: fraction of a search range: an optimum closer to a bound goes to scipy
FAST_MIN_FD = 0.02  #: m; below it (near the FD = 0 bound, where scipy re-fits with FD = 0) scipy decides
_EPS = float(np.finfo(float).eps)


def _solve_spd(c: list, b: list) -> tuple[list, float] | None:
    """Solve ``c y = b`` for a small symmetric positive-definite ``c`` (lists) by LDL^T.

    Returns ``(y, det(c))``, or None if ``c`` is not numerically positive definite. Written out
    for 2 and 3 unknowns: a LAPACK call costs more than the whole solve at this size.
    """
    k = len(b)
    if k == 2:
        d0 = c[0][0]
        l10 = c[1][0] / d0
        d1 = c[1][1] - l10 * c[1][0]
        if not (d0 > 0.0 and d1 > 0.0):  # also catches NaN
            return None
        y1 = (b[1] - l10 * b[0]) / d1
        return [b[0] / d0 - l10 * y1, y1], d0 * d1
    if k == 3:
        d0 = c[0][0]
        l10, l20 = c[1][0] / d0, c[2][0] / d0
        d1 = c[1][1] - l10 * c[1][0]
        l21 = (c[2][1] - l20 * c[1][0]) / d1
        d2 = c[2][2] - l20 * c[2][0] - l21 * l21 * d1
        if not (d0 > 0.0 and d1 > 0.0 and d2 > 0.0):
            return None
        z1 = b[1] - l10 * b[0]
        y2 = (b[2] - l20 * b[0] - l21 * z1) / d2
        y1 = z1 / d1 - l21 * y2
        return [b[0] / d0 - l10 * y1 - l20 * y2, y1, y2], d0 * d1 * d2
    a = [row[:] for row in c]
    y = list(b)
    det = 1.0
    for i in range(k):
        if not a[i][i] > 0.0:
            return None
        det *= a[i][i]
        for j in range(i + 1, k):
            f = a[j][i] / a[i][i]
            for m in range(i, k):
                a[j][m] -= f * a[i][m]
            y[j] -= f * y[i]
    for i in range(k - 1, -1, -1):
        y[i] = (y[i] - sum(a[i][m] * y[m] for m in range(i + 1, k))) / a[i][i]
    return y, det


def _lm_step(A: list, g: list, lam: float) -> tuple[list, float] | None:
    """Levenberg-Marquardt step ``d`` solving ``(A + lam diag(A)) d = -g`` (Marquardt scaling).

    Returns ``(d, det)`` with ``det`` the determinant of the unit-diagonal (scaled, damped) matrix,
    or None when the system is singular or not finite.
    """
    k = len(g)
    s = [A[i][i] ** 0.5 if A[i][i] > 0.0 else 0.0 for i in range(k)]  # NaN -> 0 -> None
    if not all(s):
        return None
    c = [[A[i][j] / (s[i] * s[j]) for j in range(k)] for i in range(k)]
    for i in range(k):
        c[i][i] = 1.0 + lam
    sol = _solve_spd(c, [-g[i] / s[i] for i in range(k)])
    if sol is None:
        return None
    return [sol[0][i] / s[i] for i in range(k)], sol[1]


def _certified_step(A: list, g: list, p: list) -> list | None:
    """The undamped Gauss-Newton step from ``p`` if it is below ``FAST_CERTIFY`` in every parameter
    and the parameters are identifiable (``FAST_MIN_DET``); else None."""
    step = _lm_step(A, g, 0.0)
    if step is None or step[1] < FAST_MIN_DET:
        return None
    d = step[0]
    if any(abs(d[i]) > FAST_CERTIFY * (abs(p[i]) + 1.0) for i in range(len(p))):
        return None
    return d


def _lm_fit(fun_jac, p0, lo, hi, scale) -> np.ndarray | None:
    """:func:`_lm_iterate` without numpy's warnings: trial points where the model overflows or
    divides by zero (FD -> 0) are rejected by the iteration itself."""
    with np.errstate(all="ignore"):
        return _lm_iterate(fun_jac, p0, lo, hi, scale)


def _lm_iterate(fun_jac, p0, lo, hi, scale) -> np.ndarray | None:
    """Minimise ``|r(p)|^2`` from ``p0`` inside ``(lo, hi)``; ``fun_jac(p) -> (r, J^T)``.

    ``scale`` holds the magnitudes of the observations, to bound the rounding error of the
    residuals. Iterates until the undamped Gauss-Newton step is below ``FAST_CERTIFY`` and
    takes that last step (convergence is at least linear, at a rate well below 1 on these
    problems, so the parameters end within about 1e-11 relative of the optimum). Returns None
    -- the caller falls back to scipy -- on anything else: no convergence within
    ``FAST_MAX_ITER`` steps or ``FAST_MAX_STALLED`` steps without a measurable decrease, a
    singular or non-finite system, parameters that are not identifiable (``FAST_MIN_DET``), a
    step out of the box from within ``FAST_BOUND_MARGIN`` of a bound, or an optimum there.
    """
    k = len(p0)
    p = [float(v) for v in p0]
    r, jt = fun_jac(p)
    A, g = (jt @ jt.T).tolist(), (jt @ r).tolist()
    noise = 8.0 * _EPS * float(np.abs(r) @ scale)
    if not math.isfinite(noise + sum(A[i][i] + g[i] for i in range(k))):
        return None
    lam, nu = 1e-5, 2.0  # small: the start is close enough for nearly Gauss-Newton steps
    edge = [FAST_BOUND_MARGIN * (hi[i] - lo[i]) for i in range(k)]
    stalled = 0
    for _ in range(FAST_MAX_ITER):
        step = _lm_step(A, g, lam)
        if step is None:
            return None
        d = step[0]
        if all(abs(d[i]) <= FAST_CERTIFY * (abs(p[i]) + 1.0) for i in range(k)):
            last = _certified_step(A, g, p)
            if last is not None:
                break
        trial = [p[i] + d[i] for i in range(k)]
        if not all(lo[i] < trial[i] < hi[i] for i in range(k)):
            if any(min(p[i] - lo[i], hi[i] - p[i]) < edge[i] for i in range(k)):
                return None  # pressing against a bound: scipy's bounded method decides
        else:
            r1, jt1 = fun_jac(trial)
            A1, g1 = (jt1 @ jt1.T).tolist(), (jt1 @ r1).tolist()
            # the decrease as sum((r - r1)(r + r1)) keeps its precision where cost - cost1 would not;
            # near an ill-conditioned optimum even it drowns in the rounding of the residuals, and a
            # step that changes the cost by less than that rounding is taken on the model's word
            gain = float((r - r1) @ (r + r1))
            if gain >= -noise and math.isfinite(sum(A1[i][i] + g1[i] for i in range(k))):  # NaN fails too
                # ... but not for long: steps that keep changing nothing measurable without converging
                # mean the parameters are only determined to the rounding level
                stalled = stalled + 1 if gain <= noise else 0
                if stalled > FAST_MAX_STALLED:
                    return None
                # gain ratio: actual / predicted decrease (-g.d + lam d.D.d) of the linear model; Nielsen's update
                pred = sum(d[i] * (lam * A[i][i] * d[i] - g[i]) for i in range(k))
                rho = gain / pred if pred > noise else 1.0
                p, r, A, g = trial, r1, A1, g1
                noise = 8.0 * _EPS * float(np.abs(r) @ scale)
                lam *= max(1.0 / 3.0, 1.0 - (2.0 * rho - 1.0) ** 3)
                nu = 2.0
                continue
        lam *= nu
        nu *= 2.0
    else:
        return None
    p = [p[i] + last[i] for i in range(k)]
    if any(min(p[i] - lo[i], hi[i] - p[i]) < edge[i] for i in range(k)):
        return None
    return np.array(p)


# --- timing gates ---
def _gates_problem(flying_start: bool, time_correction: bool):
    """scipy start point and search bounds: start MSS = 7 m/s, TAU = 0.8 s ({shorts}), FD 0.1 m, TC 0 s."""
    p0 = [7.0, 0.8]
    lo = [FIT_BOUNDS["MSS"][0], FIT_BOUNDS["TAU"][0]]
    hi = [FIT_BOUNDS["MSS"][1], FIT_BOUNDS["TAU"][1]]
    if flying_start:
        p0.append(0.1)
        lo.append(0.0)
        hi.append(_FD["max"])
    if time_correction:
        p0.append(0.0)
        lo.append(_TC["min"])
        hi.append(_TC["max"])
    return p0, lo, hi


def _gates_unpack(p, flying_start: bool, time_correction: bool):
    """``(MSS, TAU, FD, TC)`` from a parameter vector (FD = TC = 0 when not estimated)."""
    fd = p[2] if flying_start else 0.0
    tc = p[-1] if time_correction else 0.0
    return p[0], p[1], fd, tc


def _gates_resid(x, t, flying_start: bool, time_correction: bool):
    """``r(p) = t(x + FD) - t(FD) - TC - t_obs``; terms of parameters not estimated are left out
    (``t(0) = 0`` exactly, so the values are the same)."""
    if not flying_start:
        def resid(p):
            return _t_at(x, p[0], p[1]) - p[-1] - t if time_correction else _t_at(x, p[0], p[1]) - t
        return resid

    def resid_fd(p):
        mss, tau, fd, tc = _gates_unpack(p, flying_start, time_correction)
        return _t_at(x + fd, mss, tau) - _t_at(fd, mss, tau) - tc - t
    return resid_fd


def _fit_gates_scipy(x, t, flying_start: bool, time_correction: bool) -> tuple[np.ndarray, bool]:
    """The reference path: ``scipy.optimize.least_squares`` (trf, finite-difference Jacobian)."""
    p0, lo, hi = _gates_problem(flying_start, time_correction)
    resid = _gates_resid(x, t, flying_start, time_correction)
    sol = _least_squares(resid, p0, lo, hi)
    if flying_start and sol.x[2] < 0.01:
        # an optimum on (or near) the FD = 0 bound, where the reflective trust region crawls: the fit
        # with FD fixed at 0 reaches a boundary optimum exactly; keep whichever fits better
        fixed = list(sol.x)

        def resid0(q):
            return resid([q[0], q[1], 0.0, *q[2:]])
        sub = _least_squares(resid0, [fixed[0], fixed[1], *fixed[3:]], [lo[0], lo[1], *lo[3:]],
                             [hi[0], hi[1], *hi[3:]])
        if np.sum(sub.fun ** 2) <= np.sum(sol.fun ** 2) * (1 + 1e-9) + 1e-30:
            sub.x = np.array([sub.x[0], sub.x[1], 0.0, *sub.x[2:]])
            sol = sub
    return np.asarray(sol.x, dtype=float), bool(sol.success)


def _gates_start(x, t, flying_start: bool, time_correction: bool) -> list:
    """Start of the fast path: MSS from the last split's mean speed, TAU from ``x_n = MSS (t_n - TAU)``."""
    mss = min(max((x[-1] - x[-2]) / (t[-1] - t[-2]), 2.0), 15.0)
    tau = min(max(t[-1] - x[-1] / mss, 0.2), 3.0)
    return [mss, tau] + [0.1] * flying_start + [0.0] * time_correction


def _gates_fun_jac(x, t, flying_start: bool, time_correction: bool):
    """``fun_jac(p) -> (r, J^T)`` of the split-time residuals, with ``p = (MSS, TAU[, sqrt(FD)][, TC])``.

    FD enters as ``s = sqrt(FD)``: ``dt(FD)/dFD = 1/(MSS (1 + W))`` is infinite at FD = 0, but
    ``dt(s^2)/ds`` stays finite (``1 + W ~ sqrt(2u)``), so the iteration can approach a small FD.
    """
    k = 2 + flying_start + time_correction

    def fun_jac(p):
        mss, tau, sq, tc = _gates_unpack(p, flying_start, time_correction)
        jt = np.empty((k, x.size))
        if flying_start:
            fd = sq * sq
            t1, jt[0], jt[1], d_x = _t_and_partials(x + fd, mss, tau, dx=True)
            t0, d_mss0, d_tau0, d_x0 = _t_and_partials(fd, mss, tau, dx=True)
            jt[0] -= d_mss0
            jt[1] -= d_tau0
            jt[2] = 2.0 * sq * (d_x - d_x0)
            r = t1 - t0 - tc - t
        else:
            t1, jt[0], jt[1], _ = _t_and_partials(x, mss, tau)
            r = t1 - tc - t if time_correction else t1 - t
        if time_correction:
            jt[-1] = -1.0
        return r, jt

    return fun_jac


def _fit_gates_fast(x, t, flying_start: bool, time_correction: bool) -> np.ndarray | None:
    """Levenberg-Marquardt with the analytic Jacobian; None when it cannot certify an interior optimum."""
    _, lo, hi = _gates_problem(flying_start, time_correction)
    p0 = _gates_start(x, t, flying_start, time_correction)
    if flying_start:  # iterate on sqrt(FD)
        lo[2], hi[2], p0[2] = 0.0, math.sqrt(hi[2]), math.sqrt(p0[2])
    p = _lm_fit(_gates_fun_jac(x, t, flying_start, time_correction), p0, lo, hi, t)
    if p is not None and flying_start:
        p[2] *= p[2]
        if p[2] < FAST_MIN_FD:
            return None
    return p


def _fit_gates(x, t, flying_start: bool, time_correction: bool, method: str = "auto") -> tuple[np.ndarray, bool, str]:
    """Fitted parameters, success flag and the path that produced them (``"fast"`` or ``"scipy"``).

    ``method="auto"`` tries the fast path and falls back to scipy; ``"scipy"`` skips the fast path.
    """
    if method == "auto":
        p = _fit_gates_fast(x, t, flying_start, time_correction)
        if p is not None:
            return p, True, "fast"
    return (*_fit_gates_scipy(x, t, flying_start, time_correction), "scipy")


def fit_timing_gates(distances, times, flying_start: bool = False, time_correction: bool = False) -> dict:
    r"""Fit the mono-exponential model to timing-gate split times.

    Minimises :math:`\sum_i \left(t_i - [t(x_i + FD) - t(FD) - TC]\right)^2` over MSS and TAU
    (and FD with ``flying_start``, TC with ``time_correction``), where
    :math:`t(x) = TAU\,W_0(-e^{-x/(MSS\,TAU) - 1}) + x/MSS + TAU`, by bounded nonlinear least
    squares (MSS 0.5-20 m/s, TAU 0.05-5 s, FD 0-10 m, TC -2 to 2 s).

    The fast path is a Levenberg-Marquardt iteration with the analytic Jacobian
    (:math:`dW/du = -W/(1 + W)`, :math:`u = x/(MSS\,TAU)`; FD enters as :math:`\sqrt{FD}`),
    started from the last split's mean speed. It answers only when it converges (Gauss-Newton
    step below 1e-10 relative) to an identifiable optimum away from the bounds (and FD >= 0.02
    m); otherwise the fit falls back to ``scipy.optimize.least_squares`` (trust-region
    reflective, finite-difference Jacobian, tolerances 1e-12, start MSS = 7 m/s, TAU = 0.8 s
    as in {shorts}). Both find the same optimum: within about 1e-8 relative on well-conditioned
    fits, while with TC or FD on few gates scipy's stopping rule can leave it up to about 1e-5
    relative (1e-5 standard errors) short of the optimum the fast path reaches.

    Parameters
    ----------
    distances : array-like
        Gate positions [m] from the start line, increasing (at least 3; 4 with FD or TC;
        5 with both).
    times : array-like
        Cumulative split times [s] at those gates.
    flying_start : bool, default False
        Estimate the flying-start distance FD [m] run before the first trigger.
    time_correction : bool, default False
        Estimate a time correction TC [s] (positive: the clock started late).

    Returns
    -------
    dict
        ``MSS`` [m/s], ``TAU`` [s], ``MAC`` [m/s^2], ``PMAX`` [W/kg] (``MSS MAC / 4``),
        ``FD`` [m] / ``TC`` [s] when estimated, ``predicted`` and ``residuals``
        (observed - predicted) [s], ``RSE`` [s] (residual standard error on n - p
        degrees of freedom), ``RMSE``, ``R_squared``, ``df``, ``n``, ``success``.

    References
    ----------
    .. [1] {shorts} ``model_timing_gates``, ``_FD``, ``_TC``, ``_FD_TC`` (Jovanovic & Vescovi).

    Examples
    --------
    >>> r = fit_timing_gates([5, 10, 15, 20, 30, 40], [1.158, 1.893, 2.541, 3.149, 4.313, 5.444])
    >>> round(r["MSS"], 3), round(r["MAC"], 3)
    (8.591, 10.589)
    """
    n_params = 2 + bool(flying_start) + bool(time_correction)
    x = _as_series("distances", distances, 0.1, 1000.0, n_params + 1)
    t = _as_series("times", times, 0.01, 600.0, n_params + 1)
    if x.size != t.size:
        raise InvalidValueError(f"distances ({x.size}) and times ({t.size}) must have the same length",
                                parameter="times")
    if np.any(np.diff(x) <= 0):
        raise InvalidValueError("distances must be strictly increasing", parameter="distances")
    if np.any(np.diff(t) <= 0):
        raise InvalidValueError("times must be strictly increasing (cumulative split times)", parameter="times")

    flying_start, time_correction = bool(flying_start), bool(time_correction)
    p, success, _ = _fit_gates(x, t, flying_start, time_correction)
    mss, tau, fd, tc = (float(v) for v in _gates_unpack(p, flying_start, time_correction))
    pred = t + _gates_resid(x, t, flying_start, time_correction)(p)
    res: dict[str, Any] = {"MSS": mss, "TAU": tau, "MAC": mss / tau, "PMAX": mss * (mss / tau) / 4.0}
    if flying_start:
        res["FD"] = fd
    if time_correction:
        res["TC"] = tc
    res.update(_fit_summary(t, pred, n_params))
    res["success"] = success
    return res


# --- radar ---
def _radar_problem(v, time_correction: bool):
    """scipy start point (MSS = max observed speed, TAU = 0.8 s, TC = 0) and search bounds."""
    p0 = [max(float(v.max()), 1.0), 0.8] + ([0.0] if time_correction else [])
    lo = [FIT_BOUNDS["MSS"][0], FIT_BOUNDS["TAU"][0]] + ([_TC["min"]] if time_correction else [])
    hi = [FIT_BOUNDS["MSS"][1], FIT_BOUNDS["TAU"][1]] + ([_TC["max"]] if time_correction else [])
    return p0, lo, hi


def _radar_resid(t, v, time_correction: bool):
    def resid(p):
        tc = p[2] if time_correction else 0.0
        return p[0] * (1.0 - np.exp(-(t + tc) / p[1])) - v
    return resid


def _fit_radar_scipy(t, v, time_correction: bool) -> tuple[np.ndarray, bool]:
    """The reference path: ``scipy.optimize.least_squares`` (trf, finite-difference Jacobian)."""
    p0, lo, hi = _radar_problem(v, time_correction)
    sol = _least_squares(_radar_resid(t, v, time_correction), p0, lo, hi)
    return np.asarray(sol.x, dtype=float), bool(sol.success)


def _radar_fun_jac(t, v, time_correction: bool):
    """``fun_jac(p) -> (r, J^T)`` of the velocity residuals, with ``p = (MSS, TAU[, TC])``."""
    k = 2 + time_correction

    def fun_jac(p):
        mss, tau = p[0], p[1]
        tt = t + p[2] if time_correction else t
        e = np.exp(-tt / tau)
        jt = np.empty((k, t.size))
        jt[0] = 1.0 - e
        me = mss / tau * e
        jt[1] = -me * tt / tau
        if time_correction:
            jt[2] = me
        return mss * jt[0] - v, jt

    return fun_jac


def _fit_radar_fast(t, v, time_correction: bool) -> np.ndarray | None:
    """Levenberg-Marquardt with the analytic Jacobian; None when it cannot certify an interior optimum."""
    p0, lo, hi = _radar_problem(v, time_correction)
    return _lm_fit(_radar_fun_jac(t, v, time_correction), p0, lo, hi, np.abs(v))


def _fit_radar(t, v, time_correction: bool, method: str = "auto") -> tuple[np.ndarray, bool, str]:
    """As :func:`_fit_gates`, for a radar trace."""
    if method == "auto":
        p = _fit_radar_fast(t, v, time_correction)
        if p is not None:
            return p, True, "fast"
    return (*_fit_radar_scipy(t, v, time_correction), "scipy")


def fit_radar(time, velocity, time_correction: bool = True) -> dict:
    r"""Fit the mono-exponential model to a radar/laser time-velocity trace.

    Minimises :math:`\sum_i (v_i - MSS(1 - e^{-(t_i + TC)/TAU}))^2` by bounded nonlinear least
    squares (MSS 0.5-20 m/s, TAU 0.05-5 s, TC -2 to 2 s), started at MSS = max observed
    speed, TAU = 0.8 s, TC = 0. The fast path is a Levenberg-Marquardt iteration with the
    analytic Jacobian; it answers only when it converges (Gauss-Newton step below 1e-10
    relative) to an identifiable optimum away from the bounds, otherwise the fit falls back
    to ``scipy.optimize.least_squares`` (trust-region reflective, finite-difference
    Jacobian, tolerances 1e-12); the two agree to about 1e-7 relative or better.

    Parameters
    ----------
    time : array-like
        Sample times [s] (at least 5 samples).
    velocity : array-like
        Measured velocity [m/s].
    time_correction : bool, default True
        Estimate the intercept TC [s] (``{shorts} model_radar_gun``); False fixes TC = 0.

    Returns
    -------
    dict
        ``MSS``, ``TAU``, ``MAC``, ``PMAX``, ``TC`` (0 when not estimated), ``predicted``,
        ``residuals`` (observed - predicted) [m/s], ``RSE``, ``RMSE``, ``R_squared``, ``df``,
        ``n``, ``success``.

    Examples
    --------
    >>> tt = np.linspace(0, 6, 61)
    >>> r = fit_radar(tt, 7 * (1 - np.exp(-tt / (7 / 6))))
    >>> round(r["MSS"], 4), round(r["MAC"], 4)
    (7.0, 6.0)
    """
    t = _as_series("time", time, -5.0, 600.0, 5)
    v = _as_series("velocity", velocity, -5.0, 20.0, 5)
    if t.size != v.size:
        raise InvalidValueError(f"time ({t.size}) and velocity ({v.size}) must have the same length",
                                parameter="velocity")
    time_correction = bool(time_correction)
    n_params = 3 if time_correction else 2
    p, success, _ = _fit_radar(t, v, time_correction)
    mss, tau = float(p[0]), float(p[1])
    tc = float(p[2]) if time_correction else 0.0
    pred = v + _radar_resid(t, v, time_correction)(p)
    res: dict[str, Any] = {"MSS": mss, "TAU": tau, "MAC": mss / tau, "PMAX": mss * (mss / tau) / 4.0, "TC": tc}
    res.update(_fit_summary(v, pred, n_params))
    res["success"] = success
    return res


# --- air drag -----------------------------------------------------------------------------------
def air_density_samozino(pressure=P_760_TORR, temperature=DEFAULT_TEMPERATURE):
    """Samozino's air density ``rho = 1.293 (P/760 Torr) (273/(273 + T))`` [kg/m^3]."""
    return _unwrap(RHO_0 * (np.asarray(pressure, dtype=float) / P_760_TORR)
                   * (273.0 / (273.0 + np.asarray(temperature, dtype=float))))


def frontal_area(mass, height):
    """Projected frontal area ``Af = 0.266 * 0.2025 h^0.725 m^0.425`` [m^2] (Pugh; Du Bois BSA)."""
    return _unwrap(0.266 * 0.2025 * np.asarray(height, dtype=float) ** 0.725
                   * np.asarray(mass, dtype=float) ** 0.425)


def _k(mass, height, pressure, temperature, drag_coefficient):
    rho = RHO_0 * (np.asarray(pressure, dtype=float) / P_760_TORR) * (273.0 / (273.0 + np.asarray(temperature, dtype=float)))
    af = 0.266 * 0.2025 * np.asarray(height, dtype=float) ** 0.725 * np.asarray(mass, dtype=float) ** 0.425
    return 0.5 * rho * af * drag_coefficient


_BODY_INPUTS = [
    inp("mass", "kg", "body mass", **_MASS),
    inp("height", "m", "body height", **_HEIGHT),
    inp("pressure", "Pa", "barometric pressure", default=P_760_TORR, **_PRESSURE),
    inp("temperature", "degC", "air temperature", default=DEFAULT_TEMPERATURE, **_TEMP),
]


@model(
    name="sprint_profile.air_drag_constant", version="1.0.0", family="sprint_profile",
    summary="Air drag constant k = 0.5 rho Af Cd of a sprinter (Samozino 2016 / Arsac & Locatelli 2002)",
    citation="Samozino et al.'s sprint air-drag model (2016)",
    equation="k = 0.5 * [1.293 * (P/101325) * 273/(273 + T)] * [0.266 * 0.2025 * h^0.725 * m^0.425] * Cd",
    equation_latex=r"k = \tfrac12\,\rho A_f C_d,\ \rho = 1.293\frac{P}{101325}\frac{273}{273+T},\ "
                   r"A_f = 0.266\cdot 0.2025\,h^{0.725} m^{0.425}",
    inputs=[*_BODY_INPUTS, inp("drag_coefficient", "1", "drag coefficient Cd", default=DRAG_COEFFICIENT, **_CD)],
    outputs=[out("k", "kg/m", "air drag constant: F_air = k (v - w)|v - w|", tolerance=1e-4),
             out("air_density", "kg/m^3", "air density (Samozino's formula)", tolerance=1e-4),
             out("frontal_area", "m^2", "projected frontal area", tolerance=1e-4)],
    references=[_REFS[0], _REF_ARSAC, _REFS[1]],
    assumptions=["frontal area = 0.266 x Du Bois body surface area (Pugh)", "Cd = 0.9"],
    validity=["adult athletes; the frontal-area scaling was measured on young athletic males"],
)
def air_drag_constant(mass, height, pressure=P_760_TORR, temperature=DEFAULT_TEMPERATURE,
                      drag_coefficient=DRAG_COEFFICIENT):
    r"""Air drag constant of a sprinter.

    .. math:: k = \tfrac12 \rho A_f C_d,\quad \rho = 1.293\,\frac{P}{101325}\,\frac{273}{273 + T},
              \quad A_f = 0.266 \cdot 0.2025\, h^{0.725} m^{0.425}

    Parameters
    ----------
    mass : float or array-like
        Body mass [kg].
    height : float or array-like
        Body height [m].
    pressure : float or array-like, default 101325
        Barometric pressure [Pa] (760 Torr).
    temperature : float or array-like, default 25
        Air temperature [degC].
    drag_coefficient : float, default 0.9
        :math:`C_d`.

    Returns
    -------
    k : float or ndarray
        [kg/m]; the drag force is :math:`k (v - w)|v - w|` [N].
    air_density : float or ndarray
        [kg/m^3].
    frontal_area : float or ndarray
        [m^2].

    Examples
    --------
    >>> round(air_drag_constant(60, 1.70)[0], 5)
    0.24036
    """
    rho = air_density_samozino(pressure, temperature)
    af = frontal_area(mass, height)
    return _unwrap(0.5 * np.asarray(rho) * np.asarray(af) * drag_coefficient), rho, af


def air_resistance(velocity, k, wind=0.0):
    """Drag force ``k (v - w)|v - w|`` [N] (positive = resisting); wind ``w`` tail wind positive."""
    rel = np.asarray(velocity, dtype=float) - np.asarray(wind, dtype=float)
    return _unwrap(np.asarray(k, dtype=float) * rel * np.abs(rel))


# --- registered closed forms ----------------------------------------------------------------------
_MONO_COMMON = dict(family="sprint_profile", references=_REFS, assumptions=_MONO_ASSUMPTIONS,
                    validity=_MONO_VALIDITY)


@model(
    name="sprint_profile.time_at_distance", version="1.0.0",
    summary="Time to reach a distance in the mono-exponential sprint model (Lambert W closed form)",
    citation="the mono-exponential sprint model (Furusawa, Hill & Parkinson 1927; Samozino 2016)",
    equation="t = [TAU*W0(-exp(-(x+FD)/(MSS*TAU) - 1)) + (x+FD)/MSS + TAU] "
             "- [TAU*W0(-exp(-FD/(MSS*TAU) - 1)) + FD/MSS + TAU] - TC",
    equation_latex=r"t(x) = \tau\,W_0\!\left(-e^{-x/(MSS\,\tau) - 1}\right) + \frac{x}{MSS} + \tau",
    inputs=[inp("distance", "m", "distance from the start line", min=0.0, max=1000.0, valid_max=60.0),
            inp("MSS", "m/s", "maximal sprinting speed", **_MSS),
            inp("TAU", "s", "time constant (MSS/MAC)", **_TAU),
            inp("FD", "m", "flying-start distance before the first trigger", default=0.0, **_FD),
            inp("TC", "s", "time correction (positive: clock started late)", default=0.0, **_TC)],
    outputs=[out("time", "s", "time at the distance", tolerance=0.006)],
    **_MONO_COMMON,
)
def time_at_distance(distance, MSS, TAU, FD=0.0, TC=0.0):
    r"""Time at distance, :math:`t(x + FD) - t(FD) - TC` with
    :math:`t(x) = \tau W_0(-e^{-x/(MSS\,\tau) - 1}) + x/MSS + \tau`.

    Parameters
    ----------
    distance : float or array-like
        Distance [m].
    MSS : float
        Maximal sprinting speed [m/s].
    TAU : float
        Time constant [s].
    FD : float, default 0
        Flying-start distance [m].
    TC : float, default 0
        Time correction [s].

    Returns
    -------
    time : float or ndarray
        [s].

    Examples
    --------
    >>> round(time_at_distance(5, 8.5911, 0.8113), 3)
    1.211
    """
    return predict_time(distance, MSS, TAU, FD, TC)


@model(
    name="sprint_profile.velocity_at_time", version="1.0.0",
    summary="Velocity at a time in the mono-exponential sprint model",
    citation="the mono-exponential sprint model (Furusawa, Hill & Parkinson 1927; Samozino 2016)",
    equation="v = MSS * (1 - exp(-t/TAU))",
    equation_latex=r"v(t) = MSS\left(1 - e^{-t/\tau}\right)",
    inputs=[inp("time", "s", "time since the start of movement", min=0.0, max=600.0, valid_max=8.0),
            inp("MSS", "m/s", "maximal sprinting speed", **_MSS),
            inp("TAU", "s", "time constant (MSS/MAC)", **_TAU)],
    outputs=[out("velocity", "m/s", "velocity", tolerance=0.005),
             out("distance", "m", "distance covered", tolerance=0.005),
             out("acceleration", "m/s^2", "acceleration", tolerance=0.005)],
    **_MONO_COMMON,
)
def velocity_at_time(time, MSS, TAU):
    r"""Kinematics at time ``t``: velocity :math:`MSS(1 - e^{-t/\tau})`, distance
    :math:`MSS(t + \tau e^{-t/\tau}) - MSS\,\tau` and acceleration :math:`(MSS/\tau) e^{-t/\tau}`.

    Parameters
    ----------
    time : float or array-like
        [s].
    MSS : float
        [m/s].
    TAU : float
        [s].

    Returns
    -------
    velocity [m/s], distance [m], acceleration [m/s^2].

    Examples
    --------
    >>> [round(v, 3) for v in velocity_at_time(1.0, 8.0, 0.8)]
    [5.708, 3.434, 2.865]
    """
    return (predict_velocity(time, MSS, TAU), predict_distance(time, MSS, TAU),
            predict_acceleration(time, MSS, TAU))


_FIT_OUT_COMMON = [out("MSS", "m/s", "maximal sprinting speed", tolerance=0.005),
                   out("TAU", "s", "time constant", tolerance=0.0005),
                   out("MAC", "m/s^2", "maximal acceleration MSS/TAU", tolerance=0.005),
                   out("PMAX", "W/kg", "maximal relative power MSS*MAC/4", tolerance=0.005)]


@model(
    name="sprint_profile.fit_timing_gates", version="1.0.0",
    summary="Least-squares fit of the mono-exponential sprint model to timing-gate split times "
            "(optional flying-start distance and time correction)",
    citation="the mono-exponential sprint model fitted to split times ({shorts}, Jovanovic & Vescovi)",
    equation="minimise sum_i (t_i - [t(x_i + FD) - t(FD) - TC])^2 over MSS, TAU (, FD, TC); "
             "t(x) = TAU*W0(-exp(-x/(MSS*TAU) - 1)) + x/MSS + TAU",
    equation_latex=r"\min_{MSS,\tau,FD,TC} \sum_i \left(t_i - [t(x_i+FD) - t(FD) - TC]\right)^2",
    inputs=[inp("distances", "m", "gate positions from the start line, increasing", dtype="array",
                min=0.1, max=1000.0, valid_max=60.0),
            inp("times", "s", "cumulative split times at the gates", dtype="array", min=0.01, max=600.0,
                valid_max=8.0),
            inp("flying_start", "1", "estimate a flying-start distance FD", dtype="bool", default=False),
            inp("time_correction", "1", "estimate a time correction TC", dtype="bool", default=False)],
    outputs=[*_FIT_OUT_COMMON,
             out("FD", "m", "flying-start distance (0 when not estimated)", tolerance=0.005),
             out("TC", "s", "time correction (0 when not estimated)", tolerance=0.0005),
             out("RSE", "s", "residual standard error", tolerance=1e-4)],
    family="sprint_profile", references=[*_REFS, _REF_HAUGEN],
    assumptions=[*_MONO_ASSUMPTIONS, "split-time errors are independent with equal variance"],
    validity=_MONO_VALIDITY,
)
def fit_timing_gates_model(distances, times, flying_start=False, time_correction=False):
    """Registered wrapper of :func:`fit_timing_gates` returning scalar outputs (FD/TC = 0 when unused)."""
    r = fit_timing_gates(distances, times, bool(flying_start), bool(time_correction))
    return r["MSS"], r["TAU"], r["MAC"], r["PMAX"], r.get("FD", 0.0), r.get("TC", 0.0), r["RSE"]


@model(
    name="sprint_profile.fit_radar", version="1.0.0",
    summary="Least-squares fit of the mono-exponential sprint model to a radar/laser time-velocity trace",
    citation="the mono-exponential sprint model fitted to a velocity trace ({shorts}, Jovanovic & Vescovi)",
    equation="minimise sum_i (v_i - MSS*(1 - exp(-(t_i + TC)/TAU)))^2 over MSS, TAU (, TC)",
    equation_latex=r"\min_{MSS,\tau,TC} \sum_i \left(v_i - MSS(1 - e^{-(t_i + TC)/\tau})\right)^2",
    inputs=[inp("time", "s", "sample times", dtype="array", min=-5.0, max=600.0, valid_max=10.0),
            inp("velocity", "m/s", "measured velocity", dtype="array", min=-5.0, max=20.0),
            inp("time_correction", "1", "estimate the intercept TC", dtype="bool", default=True)],
    outputs=[*_FIT_OUT_COMMON,
             out("TC", "s", "time correction (0 when not estimated)", tolerance=0.0005),
             out("RSE", "m/s", "residual standard error", tolerance=1e-4)],
    family="sprint_profile", references=_REFS,
    assumptions=[*_MONO_ASSUMPTIONS, "the trace ends before the athlete decelerates"],
    validity=_MONO_VALIDITY,
)
def fit_radar_model(time, velocity, time_correction=True):
    """Registered wrapper of :func:`fit_radar` returning scalar outputs."""
    r = fit_radar(time, velocity, bool(time_correction))
    return r["MSS"], r["TAU"], r["MAC"], r["PMAX"], r["TC"], r["RSE"]


# --- force-velocity profile -------------------------------------------------------------------------
_FV_OUTPUTS = [out("F0", "N", "horizontal force at zero velocity", tolerance=0.5),
               out("V0", "m/s", "velocity at zero horizontal force", tolerance=0.005),
               out("Pmax", "W", "maximal horizontal power F0*V0/4", tolerance=0.5),
               out("FV_slope", "1/s", "slope of the force-velocity relation per kg, -(F0/m)/V0", tolerance=0.005),
               out("F0_rel", "N/kg", "F0 per kg body mass", tolerance=0.005),
               out("Pmax_rel", "W/kg", "Pmax per kg body mass", tolerance=0.005)]
_FV_INPUTS = [*_BODY_INPUTS,
              inp("wind", "m/s", "wind, tail wind positive", default=0.0, **_WIND),
              inp("drag_coefficient", "1", "drag coefficient Cd", default=DRAG_COEFFICIENT, **_CD)]


def _check_vmax(MSS, V0):
    if np.any(~np.isfinite(np.asarray(V0, dtype=float))):
        raise InvalidValueError("no force-velocity profile: the drag at MSS exceeds the propulsive force "
                                "(check MSS, MAC, mass and height)", parameter="MSS")


@model(
    name="sprint_profile.fvp_analytic", version="1.0.0", family="sprint_profile",
    summary="Force-velocity profile from MSS and MAC with air drag, closed form (Samozino 2022; {shorts} 3.x create_FVP)",
    citation="Samozino et al.'s force-velocity profile (2016, closed form of 2022)",
    equation="F0 = m*MAC - k*w*|w|; "
             "V0 = (m*MAC + 2*k*MSS*w - sqrt((m*MAC + 2*k*MSS*w)^2 - 4*k*MSS*(m*MAC*MSS + k*MSS*w^2)))/(2*k*MSS); "
             "Pmax = F0*V0/4; FV_slope = -(F0/m)/V0",
    equation_latex=r"F_0 = m\,MAC - k w|w|,\ V_0 = \frac{m\,MAC + 2kMSS\,w - \sqrt{(m\,MAC + 2kMSS\,w)^2 - "
                   r"4kMSS(m\,MAC\,MSS + kMSS\,w^2)}}{2kMSS},\ P_{max} = F_0V_0/4",
    inputs=[inp("MSS", "m/s", "maximal sprinting speed", **_MSS),
            inp("MAC", "m/s^2", "maximal acceleration", **_MAC), *_FV_INPUTS],
    outputs=_FV_OUTPUTS,
    references=[_REFS[0], _REF_2022, _REFS[1], _REF_ARSAC],
    assumptions=["no external load or resistance", "V0 solves k*MSS*(V0 - w)^2 = m*MAC*(V0 - MSS) ({shorts} 3.x)",
                 "frontal area = 0.266 x Du Bois body surface area; Cd = 0.9"],
    validity=["maximal short sprints (< ~6 s) without deceleration",
              "validated against force plates: bias < 5 % (Samozino 2016)"],
)
def fvp_analytic(MSS, MAC, mass, height, pressure=P_760_TORR, temperature=DEFAULT_TEMPERATURE, wind=0.0,
                 drag_coefficient=DRAG_COEFFICIENT):
    r"""Sprint force-velocity profile, closed form ({shorts} 3.x ``create_FVP``).

    .. math::
        F_0 = m\,MAC + F_{air}(0) = m\,MAC - k\,w|w|

        V_0 = \frac{m\,MAC + 2 k\,MSS\,w - \sqrt{(m\,MAC + 2k\,MSS\,w)^2 - 4k\,MSS\,(m\,MAC\,MSS + k\,MSS\,w^2)}}{2k\,MSS}

        P_{max} = F_0 V_0 / 4,\quad S_{FV} = -(F_0/m)/V_0

    Parameters
    ----------
    MSS : float
        Maximal sprinting speed [m/s].
    MAC : float
        Maximal acceleration [m/s^2].
    mass : float
        Body mass [kg].
    height : float
        Body height [m].
    pressure : float, default 101325
        Barometric pressure [Pa].
    temperature : float, default 25
        Air temperature [degC].
    wind : float, default 0
        Wind [m/s], tail wind positive.
    drag_coefficient : float, default 0.9

    Returns
    -------
    F0 [N], V0 [m/s], Pmax [W], FV_slope [1/s, i.e. N/kg per m/s], F0_rel [N/kg], Pmax_rel [W/kg].

    Examples
    --------
    >>> F0, V0, Pmax, *_ = fvp_analytic(8.5911, 10.589, 60, 1.70)
    >>> round(F0, 1), round(V0, 3), round(Pmax, 1)
    (635.3, 8.845, 1405.0)
    """
    k = _k(mass, height, pressure, temperature, drag_coefficient)
    m = np.asarray(mass, dtype=float)
    MSS = np.asarray(MSS, dtype=float)
    MAC = np.asarray(MAC, dtype=float)
    w = np.asarray(wind, dtype=float)
    F0 = m * MAC - k * w * np.abs(w)
    b = m * MAC + 2.0 * k * MSS * w
    disc = b * b - 4.0 * k * MSS * (m * MAC * MSS + k * MSS * w * w)
    with np.errstate(invalid="ignore"):
        V0 = (b - np.sqrt(disc)) / (2.0 * k * MSS)
    _check_vmax(MSS, V0)
    Pmax = F0 * V0 / 4.0
    slope = -(F0 / m) / V0
    return _unwrap(F0), _unwrap(V0), _unwrap(Pmax), _unwrap(slope), _unwrap(F0 / m), _unwrap(Pmax / m)


@model(
    name="sprint_profile.fvp_samozino_2016", version="1.0.0", family="sprint_profile",
    summary="Force-velocity profile by Samozino's simple method: linear regression of horizontal force on "
            "velocity over 0-6 s of the modelled sprint, with RFmax and DRF",
    citation="Samozino et al.'s simple method for sprint force-velocity profiling (2016)",
    equation="F_H(t) = m*a(t) + k*(v(t) - w)*|v(t) - w|; F0, -F0/V0 from the linear fit F_H ~ v over 0-6 s "
             "(600 samples); RF = F_H/sqrt(F_H^2 + (m g)^2); RFmax = max RF (t > 0.3 s); DRF = slope of RF ~ v (t > 0.3 s)",
    equation_latex=r"F_H = m\,a + k(v - w)|v - w|,\ F_H \approx F_0(1 - v/V_0),\ RF = \frac{F_H}{\sqrt{F_H^2 + (mg)^2}}",
    inputs=[inp("MSS", "m/s", "maximal sprinting speed", **_MSS),
            inp("TAU", "s", "time constant (MSS/MAC)", **_TAU), *_FV_INPUTS],
    outputs=[*_FV_OUTPUTS[:4],
             out("RFmax", "1", "maximal ratio of forces (t > 0.3 s)", tolerance=5e-4),
             out("DRF", "1/s", "decrease in ratio of forces with velocity (per m/s)", tolerance=5e-4)],
    references=[_REFS[0], _REFS[1], _REF_ARSAC],
    assumptions=["vertical force = body weight (m g, g = 9.81 m/s^2)", "600 samples over 0-6 s, as {shorts} make_FV_profile",
                 "frontal area = 0.266 x Du Bois body surface area; Cd = 0.9"],
    validity=["maximal short sprints (< ~6 s) without deceleration",
              "validated against force plates: bias < 5 % (Samozino 2016)"],
)
def fvp_samozino_2016(MSS, TAU, mass, height, pressure=P_760_TORR, temperature=DEFAULT_TEMPERATURE, wind=0.0,
                      drag_coefficient=DRAG_COEFFICIENT):
    r"""Samozino et al. (2016) force-velocity profile by regression over the modelled sprint.

    Samples :math:`t \in [0, 6]` s (600 points); :math:`F_H = m a + k (v - w)|v - w|`;
    least-squares line :math:`F_H = F_0 + s\,v` gives :math:`F_0`, :math:`V_0 = -F_0/s`,
    :math:`P_{max} = F_0 V_0/4`; :math:`RF = F_H/\sqrt{F_H^2 + (mg)^2}`, ``RFmax`` its
    maximum and ``DRF`` the slope of :math:`RF` on :math:`v`, both for :math:`t > 0.3` s.

    Parameters
    ----------
    MSS : float
        [m/s].
    TAU : float
        [s].
    mass, height, pressure, temperature, wind, drag_coefficient
        As in :func:`fvp_analytic`.

    Returns
    -------
    F0 [N], V0 [m/s], Pmax [W], FV_slope [1/s], RFmax [1], DRF [1/s].

    Examples
    --------
    >>> F0, V0, *_ = fvp_samozino_2016(8.5911, 0.8113, 60, 1.70)
    >>> round(F0), round(V0, 1)
    (630, 8.8)
    """
    scalars = [np.asarray(a, dtype=float) for a in (MSS, TAU, mass, height, pressure, temperature, wind)]
    if any(a.ndim for a in scalars):
        outs = np.vectorize(lambda *a: fvp_samozino_2016(*a, drag_coefficient=drag_coefficient),
                            otypes=[float] * 6)(*scalars)
        return tuple(outs)
    MSS, TAU, m, h, p, T, w = (float(a) for a in scalars)
    k = float(_k(m, h, p, T, drag_coefficient))
    t = np.linspace(0.0, FV_MAX_TIME, FV_SAMPLES)
    v = MSS * (1.0 - np.exp(-t / TAU))
    a = MSS / TAU * np.exp(-t / TAU)
    rel = v - w
    fh = m * a + k * rel * np.abs(rel)
    slope_abs, F0 = np.polyfit(v, fh, 1)
    fv_slope = slope_abs / m
    V0 = -(F0 / m) / fv_slope
    rf = fh / np.sqrt(fh * fh + (m * G) ** 2)
    late = t > RF_CUTOFF
    drf = np.polyfit(v[late], rf[late], 1)[0]
    return float(F0), float(V0), float(F0 * V0 / 4.0), float(fv_slope), float(rf[late].max()), float(drf)
