"""Sprint-profile fits: the fast Levenberg-Marquardt path vs the scipy ``least_squares`` path.

``fit_timing_gates`` and ``fit_radar`` try a small pure-numpy Levenberg-Marquardt with an
analytic Jacobian first and fall back to ``scipy.optimize.least_squares`` (trust-region
reflective, finite-difference Jacobian) when it cannot certify an interior optimum. This
script times both paths on the same inputs, per fit (median of 5 runs):

* timing gates, plain: trio-generator-like splits (MSS 7-11 m/s, TAU 0.7-1.4 s, gates
  5/10/20/30/40, 10-40 or 10-30 m, times rounded to 0.01 s), the hot path of sprint-profile rows;
* timing gates with a time correction (TC) and with a flying start (FD): noisy splits;
* radar: 61- and 601-sample traces with noise, TC estimated.

The value is the fast path (with its fallbacks, i.e. what the public functions do), the
baseline the scipy path alone; ratio = fast / scipy. The note gives the speed-up, the full
public call (input checks and fit summary included), how often the fast path answered and
the largest relative difference in MSS and TAU between the paths.

    python benchmarks/bench_fit.py [--quick]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Callable

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from common import Row, median_time, print_rows  # noqa: E402

N_SETS = 24


def _gate_sets(rng: np.random.Generator, n: int, *, generator_like: bool, fd: bool = False,
               tc: bool = False) -> list[tuple[np.ndarray, np.ndarray]]:
    from sprint_solver.models.sprint_profile import predict_time
    layouts = [(5.0, 10.0, 20.0, 30.0, 40.0), (10.0, 20.0, 30.0, 40.0), (10.0, 20.0, 30.0)]
    sets = []
    while len(sets) < n:
        if generator_like:  # as sprint_solver.trios.queries._profile
            mss, tau = rng.uniform(7.0, 11.0), rng.uniform(0.7, 1.4)
            x = np.array(layouts[int(rng.integers(3))])
            t = np.round(predict_time(x, mss, tau), 2)
        else:
            mss, tau = rng.uniform(5.0, 11.0), rng.uniform(0.5, 1.6)
            x = np.array([5.0, 10.0, 15.0, 20.0, 30.0, 40.0])
            t = predict_time(x, mss, tau, FD=rng.uniform(0.1, 0.6) if fd else 0.0,
                             TC=rng.uniform(-0.3, 0.3) if tc else 0.0) + rng.normal(0.0, 0.01, x.size)
        if np.all(np.diff(t) > 0):
            sets.append((x, t))
    return sets


def _radar_sets(rng: np.random.Generator, n: int, samples: int) -> list[tuple[np.ndarray, np.ndarray]]:
    from sprint_solver.models.sprint_profile import predict_velocity
    t = np.linspace(0.0, 6.0, samples)
    return [(t, predict_velocity(t, rng.uniform(6.0, 10.0), rng.uniform(0.6, 1.4), TC=rng.uniform(-0.1, 0.1))
             + rng.normal(0.0, 0.05, samples)) for _ in range(n)]


def _compare(name: str, sets: list, core: Callable[..., Any], public: Callable[..., Any], repeat: int) -> Row:
    fast = [core(*s, method="auto") for s in sets]
    ref = [core(*s, method="scipy") for s in sets]
    taken = sum(f[2] == "fast" for f in fast)
    dev = max(float(np.max(np.abs(f[0][:2] - r[0][:2]) / np.abs(r[0][:2]))) for f, r in zip(fast, ref))
    tf, _ = median_time(lambda: [core(*s, method="auto") for s in sets], repeat=repeat)
    ts, _ = median_time(lambda: [core(*s, method="scipy") for s in sets], repeat=repeat)
    tp, _ = median_time(lambda: [public(*s) for s in sets], repeat=repeat)
    n = len(sets)
    return Row("bench_fit", f"{name} ({n} sets)", tf / n * 1e6, "us/fit", baseline="scipy least_squares",
               baseline_value=ts / n * 1e6,
               note=f"speed-up {ts / tf:.1f}x; public call {tp / n * 1e6:.0f} us; fast path {taken}/{n}; "
                    f"max rel diff MSS/TAU {dev:.1e}")


def run(quick: bool = False) -> list[Row]:
    from sprint_solver.models import sprint_profile as sp
    repeat = 3 if quick else 5
    n = N_SETS // 3 if quick else N_SETS
    rng = np.random.default_rng(2024)

    def gates(fs: bool, tc: bool):
        return (lambda x, t, method: sp._fit_gates(x, t, fs, tc, method),
                lambda x, t: sp.fit_timing_gates(x, t, flying_start=fs, time_correction=tc))

    radar = (lambda t, v, method: sp._fit_radar(t, v, True, method), lambda t, v: sp.fit_radar(t, v))
    cases = [
        ("timing gates plain, generator splits", _gate_sets(rng, n, generator_like=True), *gates(False, False)),
        ("timing gates plain, noisy 6 gates", _gate_sets(rng, n, generator_like=False), *gates(False, False)),
        ("timing gates TC", _gate_sets(rng, n, generator_like=False, tc=True), *gates(False, True)),
        ("timing gates FD", _gate_sets(rng, n, generator_like=False, fd=True), *gates(True, False)),
        ("radar 61 samples, TC", _radar_sets(rng, n, 61), *radar),
        ("radar 601 samples, TC", _radar_sets(rng, n, 601), *radar),
    ]
    return [_compare(name, sets, core, public, repeat) for name, sets, core, public in cases]


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="fewer split sets and repeats")
    print_rows(run(ap.parse_args().quick))
