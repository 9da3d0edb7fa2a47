"""Sprint acceleration profile and force-velocity profile (sprint_solver.models.sprint_profile)."""
from __future__ import annotations

import csv

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sprint_solver.errors import InvalidValueError, ValidityWarning
from sprint_solver.models import sprint_profile as sp
from sprint_solver.registry import Registry

GATES = [5.0, 10.0, 15.0, 20.0, 30.0, 40.0]
KIMBERLEY = [1.158, 1.893, 2.541, 3.149, 4.313, 5.444]
# shorts data-raw/split-times.R athletes: (MSS, MAC, flying distance) and their noise-free
# splits rounded to 3 decimals -- physics_anchors.md f1 [CALC]
GENERATED = {
    "John": (8.0, 7.5, 0.2, [1.201, 1.967, 2.656, 3.314, 4.591, 5.849]),
    "Kimberley": (9.0, 7.0, 0.3, KIMBERLEY),
    "Jim": (8.0, 9.0, 0.5, [1.035, 1.764, 2.432, 3.077, 4.341, 5.595]),
    "James": (10.0, 9.0, 0.1, [1.113, 1.772, 2.352, 2.897, 3.941, 4.957]),
    "Samantha": (6.5, 9.5, 0.4, [1.118, 1.947, 2.733, 3.508, 5.049, 6.587]),
}


# --- S1: shorts README, Kimberley, model_timing_gates [SRC] ------------------------------------------
def test_kimberley_fit_matches_shorts_readme():
    # physics_anchors.md S1 [SRC]: MSS 8.591, MAC 10.589, TAU 0.811, PMAX 22.743
    r = sp.fit_timing_gates(GATES, KIMBERLEY)
    assert r["MSS"] == pytest.approx(8.591, abs=1e-3)
    assert r["MAC"] == pytest.approx(10.589, abs=1e-3)
    assert r["TAU"] == pytest.approx(0.8113, abs=1e-4)  # summary(): 0.8113
    assert r["PMAX"] == pytest.approx(22.743, abs=1e-3)
    assert r["RSE"] == pytest.approx(0.034, abs=5e-4)  # "Residual standard error: 0.034 on 4 degrees of freedom"
    assert r["df"] == 4
    # residuals (observed - predicted) -0.05293/-0.00402/0.01997/0.02699/0.01376/-0.02232 [SRC]
    np.testing.assert_allclose(r["residuals"], [-0.05293, -0.00402, 0.01997, 0.02699, 0.01376, -0.02232], atol=1e-5)
    # predicted 1.21/1.90/2.52/3.12/4.30/5.47 [SRC]
    np.testing.assert_allclose(np.round(r["predicted"], 2), [1.21, 1.90, 2.52, 3.12, 4.30, 5.47])
    assert "FD" not in r and "TC" not in r


def test_kimberley_flying_start_recovers_truth():
    # physics_anchors.md S2 [CALC]: the FD model recovers MSS 9.003, MAC 6.991, FD 0.302
    # (data generated with MSS 9, MAC 7, FD 0.3); shorts README prints 9.0 / 7.0 / 0.3 [SRC]
    r = sp.fit_timing_gates(GATES, KIMBERLEY, flying_start=True)
    assert r["MSS"] == pytest.approx(9.00, abs=0.01)
    assert r["MAC"] == pytest.approx(6.99, abs=0.01)
    assert r["FD"] == pytest.approx(0.30, abs=0.01)
    assert r["RSE"] == pytest.approx(0.00039, abs=2e-5)  # shorts README RSE 0.00039 [SRC]


def test_kimberley_time_correction_matches_readme():
    # shorts README model_timing_gates_TC [SRC]: MSS 8.97, TAU 1.23, MAC 7.27, PMAX 16.31, TC 0.23, RSE 0.00113
    r = sp.fit_timing_gates(GATES, KIMBERLEY, time_correction=True)
    assert r["MSS"] == pytest.approx(8.97, abs=0.005)
    assert r["TAU"] == pytest.approx(1.23, abs=0.005)
    assert r["MAC"] == pytest.approx(7.27, abs=0.005)
    assert r["PMAX"] == pytest.approx(16.31, abs=0.005)
    assert r["TC"] == pytest.approx(0.23, abs=0.005)
    assert r["RSE"] == pytest.approx(0.00113, abs=1e-5)


def test_kimberley_fixed_time_correction_matches_readme():
    # shorts README: model_timing_gates(time + 0.3) -> MSS 9.1278, TAU 1.3776 [SRC]
    r = sp.fit_timing_gates(GATES, np.array(KIMBERLEY) + 0.3)
    assert r["MSS"] == pytest.approx(9.1278, abs=1e-4)
    assert r["TAU"] == pytest.approx(1.3776, abs=1e-4)


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_athletes_splits_and_recovery(name):
    mss, mac, fd, splits = GENERATED[name]
    # the generating formula t(x + FD) - t(FD), rounded to 3 decimals, gives the data exactly
    # physics_anchors.md f1 [CALC]
    np.testing.assert_array_equal(np.round(sp.predict_time(GATES, mss, mss / mac, FD=fd), 3), splits)
    r = sp.fit_timing_gates(GATES, splits, flying_start=True)
    # only 3-decimal rounding separates data and truth
    assert r["MSS"] == pytest.approx(mss, abs=0.01)
    assert r["MAC"] == pytest.approx(mac, rel=0.01)
    assert r["FD"] == pytest.approx(fd, abs=0.01)


def test_radar_round_trip():
    # calculator_peers.md 2.3: create_sprint_trace(MSS=7, MAC=6) -> model recovers 7.00 / 6.00 / TAU 1.17 / PMAX 10.50
    t = np.linspace(0, 6, 601)
    v = sp.predict_velocity(t, 7.0, 7.0 / 6.0)
    r = sp.fit_radar(t, v)
    assert r["MSS"] == pytest.approx(7.0, abs=1e-6)
    assert r["MAC"] == pytest.approx(6.0, abs=1e-6)
    assert r["TAU"] == pytest.approx(1.1667, abs=1e-4)
    assert r["PMAX"] == pytest.approx(10.5, abs=1e-5)
    assert r["TC"] == pytest.approx(0.0, abs=1e-8)


def test_radar_recovers_time_correction_and_noise():
    rng = np.random.default_rng(1667)
    t = np.linspace(0, 6, 600)
    v = sp.predict_velocity(t, 8.0, 8.0 / 9.0, TC=0.05) + rng.normal(0, 0.05, t.size)
    r = sp.fit_radar(t, v)
    assert r["MSS"] == pytest.approx(8.0, abs=0.02)  # like shorts' "Jim" radar: 7.998 / 8.999 [SRC README]
    assert r["MAC"] == pytest.approx(9.0, abs=0.15)
    assert r["TC"] == pytest.approx(0.05, abs=0.01)
    assert r["RSE"] == pytest.approx(0.05, abs=0.01)
    fixed = sp.fit_radar(t, v, time_correction=False)
    assert fixed["TC"] == 0.0 and fixed["df"] == t.size - 2


# --- kinematics ---------------------------------------------------------------------------------------
def test_kinematics_identities():
    t = np.linspace(0.0, 6.0, 25)
    x = sp.predict_distance(t, 8.0, 0.9)
    np.testing.assert_allclose(sp.predict_time(x, 8.0, 0.9), t, atol=1e-9)
    a = sp.predict_acceleration(t, 8.0, 0.9)
    v = sp.predict_velocity(t, 8.0, 0.9)
    np.testing.assert_allclose(a, 8.0 / 0.9 - (8.0 / 0.9) / 8.0 * v, atol=1e-12)  # a = MAC - (MAC/MSS) v
    assert sp.predict_time(0.0, 8.0, 0.9) == 0.0
    assert isinstance(sp.predict_time(40.0, 8.0, 0.9), float)


@settings(max_examples=60, deadline=None)
@given(mss=st.floats(5.0, 12.0), tau=st.floats(0.5, 2.0), x=st.floats(0.5, 100.0))
def test_time_distance_round_trip(mss, tau, x):
    t = sp.predict_time(x, mss, tau)
    assert sp.predict_distance(t, mss, tau) == pytest.approx(x, rel=1e-9, abs=1e-9)
    # faster than running the whole way at MSS is impossible
    assert t > x / mss


@settings(max_examples=25, deadline=None)
@given(mss=st.floats(6.0, 11.0), mac=st.floats(5.0, 11.0), fd=st.floats(0.0, 0.6))
def test_fit_recovers_noise_free_parameters(mss, mac, fd):
    splits = sp.predict_time(GATES, mss, mss / mac, FD=fd)
    r = sp.fit_timing_gates(GATES, splits, flying_start=True)
    assert r["MSS"] == pytest.approx(mss, rel=1e-4)
    assert r["MAC"] == pytest.approx(mac, rel=1e-3)
    assert r["FD"] == pytest.approx(fd, abs=2e-3)


# --- force-velocity profile ------------------------------------------------------------------------
def test_air_drag_constant():
    # physics_anchors.md e [CALC]: 60 kg / 1.70 m, rho 1.184527 (A2), Cd 0.9 -> k 0.24036
    k, rho, af = sp.air_drag_constant(60.0, 1.70)
    assert rho == pytest.approx(1.184527, abs=1e-6)  # A2
    assert af == pytest.approx(0.4509, abs=1e-4)
    assert k == pytest.approx(0.24036, abs=1e-5)
    # calculator_peers.md 2.3 [derived]: get_air_resistance(5, 80, 1.90, 760 Torr, 16 degC, -0.5) = 9.18 N
    k2 = sp.air_drag_constant(80.0, 1.90, temperature=16.0)[0]
    assert sp.air_resistance(5.0, k2, wind=-0.5) == pytest.approx(9.18, abs=0.005)
    # a tail wind faster than the runner pushes
    assert sp.air_resistance(1.0, k2, wind=3.0) < 0


def test_fvp_analytic_kimberley():
    # physics_anchors.md S3 [SRC shorts README create_FVP]: F0 635, F0_rel 10.6, V0 8.85, Pmax 1405,
    # Pmax_rel 23.4, slope -1.2; [CALC] F0 635.3, V0 8.845, Pmax 1405.0, slope -1.197
    F0, V0, Pmax, slope, F0_rel, Pmax_rel = sp.fvp_analytic(8.5911, 10.589, 60.0, 1.70)
    assert F0 == pytest.approx(635.3, abs=0.1)
    assert V0 == pytest.approx(8.845, abs=1e-3)
    assert Pmax == pytest.approx(1405.0, abs=0.5)
    assert slope == pytest.approx(-1.197, abs=1e-3)
    assert F0_rel == pytest.approx(10.6, abs=0.05)
    assert Pmax_rel == pytest.approx(23.4, abs=0.05)


def test_fvp_analytic_wind_direction():
    still = sp.fvp_analytic(8.5911, 10.589, 60.0, 1.70)
    head = sp.fvp_analytic(8.5911, 10.589, 60.0, 1.70, wind=-2.0)
    tail = sp.fvp_analytic(8.5911, 10.589, 60.0, 1.70, wind=2.0)
    # the same observed sprint against a head wind needed more force (and the reverse)
    assert head[0] > still[0] > tail[0]
    assert head[2] > still[2] > tail[2]


def test_fvp_samozino_2016_kimberley():
    # shorts README make_FV_profile (the regression method) [SRC, 2 significant digits]:
    # F0 6.3e+02, V0 8.8, Pmax 1.4e+03, FV_slope -1.2, RFmax 0.60, Drf -0.10
    F0, V0, Pmax, slope, rfmax, drf = sp.fvp_samozino_2016(8.5911, 0.8113, 60.0, 1.70)
    assert round(F0, -1) == 630
    assert round(V0, 1) == 8.8
    assert round(Pmax, -2) == 1400
    assert round(slope, 1) == -1.2
    assert round(rfmax, 2) == 0.60
    assert round(drf, 2) == -0.10


def test_fvp_samozino_vectorised_matches_scalar():
    out = sp.fvp_samozino_2016(np.array([8.5, 9.0]), np.array([0.8, 1.0]), 70.0, 1.80)
    one = sp.fvp_samozino_2016(9.0, 1.0, 70.0, 1.80)
    assert out[0].shape == (2,)
    assert out[0][1] == pytest.approx(one[0])


# --- bad inputs -------------------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs, param", [
    ({"distances": [10, 5, 20], "times": [1.0, 2.0, 3.0]}, "distances"),
    ({"distances": [5, 10, 20], "times": [1.0, 0.9, 3.0]}, "times"),
    ({"distances": [5, 10], "times": [1.0, 2.0]}, "distances"),
    ({"distances": [5, 10, 20], "times": [1.0, 2.0]}, "times"),
    ({"distances": [5, 10, 20, 30], "times": [1.0, 2.0, 3.0], "flying_start": True}, "times"),
    ({"distances": [0, 10, 20], "times": [1.0, 2.0, 3.0]}, "distances"),
])
def test_fit_rejects_bad_series(kwargs, param):
    with pytest.raises(InvalidValueError) as e:
        sp.fit_timing_gates(**kwargs)
    assert e.value.parameter == param


def test_registered_fit_validates_and_warns():
    m = Registry.default().get("sprint_profile.fit_timing_gates")
    with pytest.raises(InvalidValueError) as e:
        m.evaluate(distances=[5, 10, 2000], times=[1, 2, 3])
    assert e.value.parameter == "distances" and e.value.valid_range == (0.1, 1000.0)
    with pytest.warns(ValidityWarning) as rec:
        m.evaluate(distances=[20, 40, 60, 80], times=[3.0, 5.2, 7.3, 9.4])
    assert {str(w.message).split("=")[0] for w in rec} == {"distances", "times"}  # 80 m and 9.4 s
    res = m.evaluate(distances=GATES, times=KIMBERLEY)
    assert res["FD"] == 0.0 and res["TC"] == 0.0
    assert res["MSS"] == pytest.approx(8.591, abs=1e-3)


def test_fvp_out_of_range_mass():
    m = Registry.default().get("sprint_profile.fvp_analytic")
    with pytest.raises(InvalidValueError) as e:
        m.evaluate(MSS=8.6, MAC=10.6, mass=5.0, height=1.7)
    assert e.value.parameter == "mass"
    assert e.value.valid_range == (20.0, 250.0)
    assert "20" in str(e.value) and "250" in str(e.value)


# --- real data (shared/data, MIT, shorts) ----------------------------------------------------------
def test_vescovi_timing_gates_fit(shared_data):
    rows = list(csv.DictReader(open(shared_data / "sprint_velocity_profiles" / "vescovi_timing_gates.csv",
                                    encoding="utf-8-sig")))
    gates = [5.0, 10.0, 20.0, 30.0, 35.0]
    fitted = []
    for row in rows[:20]:
        times = [float(row[f"{g:g}m"]) for g in gates]
        r = sp.fit_timing_gates(gates, times, flying_start=True)
        assert r["success"]
        fitted.append(r["MSS"])
        assert 5.0 < r["MSS"] < 10.0  # female field-sport players
        assert r["RSE"] < 0.05
    assert 6.5 < float(np.median(fitted)) < 8.5


def test_jb_morin_radar_fit(shared_data):
    rows = list(csv.DictReader(open(shared_data / "sprint_velocity_profiles" / "jb_morin_radar.csv",
                                    encoding="utf-8-sig")))
    t = [float(r["time"]) for r in rows]
    v = [float(r["velocity"]) for r in rows]
    r = sp.fit_radar(t, v)
    assert r["success"]
    assert 7.0 < r["MSS"] < 11.0 and 0.5 < r["TAU"] < 2.0
    assert r["R_squared"] > 0.98


# --- fast fitting path (analytic-Jacobian Levenberg-Marquardt) vs the scipy path ---------------------
def _central_jacobian(f, p, rel=1e-6):
    p = np.asarray(p, dtype=float)
    cols = []
    for i in range(p.size):
        h = rel * max(abs(p[i]), 1.0)
        up, dn = p.copy(), p.copy()
        up[i] += h
        dn[i] -= h
        cols.append((f(up) - f(dn)) / (2 * h))
    return np.array(cols)


@pytest.mark.parametrize("mss, tau", [(8.5911, 0.8113), (5.2, 1.55), (10.8, 0.52), (3.0, 3.0)])
def test_time_partials_match_finite_differences(mss, tau):
    x = np.array([0.3, 5.0, 10.0, 20.0, 40.0, 60.0, 150.0])
    t, d_mss, d_tau, d_x = sp._t_and_partials(x, mss, tau, dx=True)
    np.testing.assert_array_equal(t, sp._t_at(x, mss, tau))  # same values as the residuals use
    fd = _central_jacobian(lambda p: sp._t_at(x, p[0], p[1]), [mss, tau])
    np.testing.assert_allclose(d_mss, fd[0], rtol=1e-6)
    np.testing.assert_allclose(d_tau, fd[1], rtol=1e-6)
    h = 1e-6
    np.testing.assert_allclose(d_x, (sp._t_at(x + h, mss, tau) - sp._t_at(x - h, mss, tau)) / (2 * h), rtol=1e-6)
    # dt/dx is the inverse of the speed at that distance
    np.testing.assert_allclose(d_x, 1.0 / sp.predict_velocity(t, mss, tau), rtol=1e-9)


@pytest.mark.parametrize("flying_start, time_correction", [(False, False), (False, True), (True, False), (True, True)])
def test_gates_jacobian_matches_finite_differences(flying_start, time_correction):
    x = np.array(GATES)
    t = np.array(KIMBERLEY)
    p = [8.7, 0.95] + [np.sqrt(0.25)] * flying_start + [0.12] * time_correction  # FD enters as sqrt(FD)
    fun_jac = sp._gates_fun_jac(x, t, flying_start, time_correction)
    r, jt = fun_jac(p)
    resid = sp._gates_resid(x, t, flying_start, time_correction)

    def r_internal(q):
        q = list(q)
        if flying_start:
            q[2] = q[2] ** 2
        return resid(q)
    np.testing.assert_allclose(r, r_internal(p), rtol=0, atol=1e-14)
    np.testing.assert_allclose(jt, _central_jacobian(r_internal, p), rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("time_correction", [True, False])
def test_radar_jacobian_matches_finite_differences(time_correction):
    t = np.linspace(0.0, 6.0, 13)
    v = sp.predict_velocity(t, 8.0, 0.9, TC=0.05)
    p = [8.3, 1.1] + [0.1] * time_correction
    r, jt = sp._radar_fun_jac(t, v, time_correction)(p)
    resid = sp._radar_resid(t, v, time_correction)
    np.testing.assert_allclose(r, resid(p), rtol=0, atol=1e-14)
    np.testing.assert_allclose(jt, _central_jacobian(resid, p), rtol=1e-6, atol=1e-9)


def _random_splits(rng, flying_start, time_correction):
    """Realistic split sets: MSS 5-11 m/s, TAU 0.5-1.6 s, 3-8 gates in 5-60 m, noise 0-0.02 s."""
    while True:
        mss, tau = rng.uniform(5.0, 11.0), rng.uniform(0.5, 1.6)
        n = int(rng.integers(3 + flying_start + time_correction, 9))
        x = np.sort(rng.choice(np.arange(5, 61), n, replace=False)).astype(float)
        t = sp.predict_time(x, mss, tau, FD=rng.uniform(0.0, 0.6) if flying_start else 0.0,
                            TC=rng.uniform(-0.3, 0.3) if time_correction else 0.0)
        t = t + rng.uniform(0.0, 0.02) * rng.standard_normal(n) * (rng.random() > 0.1)  # some noise-free
        if np.all(np.diff(t) > 0):
            return x, t


def _standard_errors(jt, r):
    """MSS and TAU standard errors from the analytic Jacobian at the optimum."""
    df = r.size - jt.shape[0]
    return np.sqrt(np.diag(np.linalg.inv(jt @ jt.T)) * (r @ r) / df)[:2]


def _assert_fast_matches_scipy(p_fast, p_scipy, resid, jt):
    r_fast, r_scipy = resid(p_fast), resid(p_scipy)
    # never a worse fit (up to the rounding of the sums of squares)
    assert r_fast @ r_fast <= (r_scipy @ r_scipy) * (1 + 1e-9) + 1e-24
    rel = np.abs(p_fast[:2] - p_scipy[:2]) / np.abs(p_scipy[:2])
    if np.all(rel <= 1e-7):
        return float(rel.max())
    # scipy stops when the cost changes by < 1e-12 relative (ftol), which on a poorly conditioned fit
    # (few gates, TC or FD estimated) leaves it short of the optimum along the flat direction: there the
    # paths differ by a tiny fraction of a standard error, and the fast path's fit is the better one
    assert np.all(rel <= 1e-4)
    assert np.all(np.abs(p_fast[:2] - p_scipy[:2]) <= 1e-4 * _standard_errors(jt, r_fast))
    assert r_fast @ r_fast <= r_scipy @ r_scipy
    return float(rel.max())


@pytest.mark.parametrize("flying_start, time_correction, n_sets, min_fast", [
    (False, False, 60, 60), (False, True, 50, 43), (True, False, 40, 26)])
def test_fast_gates_fit_matches_scipy_path(flying_start, time_correction, n_sets, min_fast):
    rng = np.random.default_rng(20240611 + 2 * flying_start + time_correction)
    fast = 0
    for _ in range(n_sets):
        x, t = _random_splits(rng, flying_start, time_correction)
        p, success, path = sp._fit_gates(x, t, flying_start, time_correction)
        p_scipy, _, _ = sp._fit_gates(x, t, flying_start, time_correction, method="scipy")
        if path == "scipy":
            np.testing.assert_array_equal(p, p_scipy)  # the fallback is exactly today's fit
            continue
        fast += 1
        assert success
        q = list(p)
        if flying_start:
            q[2] = np.sqrt(q[2])
        _, jt = sp._gates_fun_jac(x, t, flying_start, time_correction)(q)
        _assert_fast_matches_scipy(p, p_scipy, sp._gates_resid(x, t, flying_start, time_correction), jt)
    assert fast >= min_fast  # the plain fit (the trio generator's) always takes the fast path


@pytest.mark.parametrize("time_correction", [True, False])
def test_fast_radar_fit_matches_scipy_path(time_correction):
    rng = np.random.default_rng(1667 + time_correction)
    for _ in range(30):
        n = int(rng.integers(10, 400))
        t = np.linspace(0.0, rng.uniform(3.0, 8.0), n)
        v = (sp.predict_velocity(t, rng.uniform(5.0, 11.0), rng.uniform(0.5, 1.6), TC=rng.uniform(-0.2, 0.2))
             + rng.uniform(0.0, 0.1) * rng.standard_normal(n))
        p, success, path = sp._fit_radar(t, v, time_correction)
        assert path == "fast" and success
        p_scipy, _, _ = sp._fit_radar(t, v, time_correction, method="scipy")
        _, jt = sp._radar_fun_jac(t, v, time_correction)(list(p))
        assert _assert_fast_matches_scipy(p, p_scipy, sp._radar_resid(t, v, time_correction), jt) <= 1e-7


def test_fast_path_does_not_depend_on_its_start(monkeypatch):
    rng = np.random.default_rng(7)
    sets = [_random_splits(rng, False, tc) + (tc,) for tc in (False, True) * 8]
    own = [sp._fit_gates_fast(x, t, False, tc) for x, t, tc in sets]
    # start where scipy starts (MSS 7 m/s, TAU 0.8 s) instead of the data-derived guess
    monkeypatch.setattr(sp, "_gates_start", lambda x, t, fs, tc: sp._gates_problem(fs, tc)[0])
    for (x, t, tc), p in zip(sets, own):
        q = sp._fit_gates_fast(x, t, False, tc)
        assert p is not None and q is not None
        np.testing.assert_allclose(q[:2], p[:2], rtol=1e-9)


@pytest.mark.parametrize("distances, times, flying_start, time_correction, check", [
    # constant speed: TAU runs to its lower bound (0.05 s)
    ([10.0, 20.0, 30.0, 40.0], [1.0, 2.0, 3.0, 4.0], False, False, lambda r: r["TAU"] == pytest.approx(0.05)),
    # 20 m/s splits: MSS on its upper bound
    ([10.0, 20.0, 30.0], [0.6, 1.1, 1.6], False, False, lambda r: r["MSS"] == pytest.approx(20.0)),
    # a flying start fitted to a standing start (MSS 9, TAU 1.2, 3 decimals): the FD = 0 bound, where
    # scipy re-fits with FD fixed at 0
    (GATES, [1.374, 2.103, 2.745, 3.349, 4.505, 5.633], True, False, lambda r: r["FD"] == 0.0),
    # every gate far from the start: only TAU - TC is identifiable
    ([22.0, 45.0, 50.0, 57.0], [4.48209, 7.96741, 8.71018, 9.78851], False, True, lambda r: r["RSE"] < 0.02),
])
def test_fast_path_falls_back_to_scipy(distances, times, flying_start, time_correction, check):
    x, t = np.array(distances), np.array(times)
    assert sp._fit_gates_fast(x, t, flying_start, time_correction) is None
    p, success, path = sp._fit_gates(x, t, flying_start, time_correction)
    assert path == "scipy" and success
    r = sp.fit_timing_gates(distances, times, flying_start=flying_start, time_correction=time_correction)
    # exactly today's answer
    assert [r["MSS"], r["TAU"]] == list(sp._fit_gates_scipy(x, t, flying_start, time_correction)[0][:2])
    assert np.all(np.isfinite(r["predicted"]))
    assert check(r)


def test_fast_radar_falls_back_on_a_flat_trace():
    t = np.linspace(0.0, 5.0, 51)
    assert sp._fit_radar_fast(t, np.full(51, 8.0), True) is None
    r = sp.fit_radar(t, np.full(51, 8.0))
    assert r["success"] and r["MSS"] == pytest.approx(8.0) and r["RMSE"] < 1e-6


def test_fast_path_declines_non_finite_models():
    def nan_model(p):
        return np.array([np.nan, 1.0, 2.0]), np.ones((2, 3))
    assert sp._lm_fit(nan_model, [1.0, 1.0], [0.0, 0.0], [2.0, 2.0], np.ones(3)) is None
