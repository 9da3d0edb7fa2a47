"""Batch model evaluation through the registry vs plain numpy on the same formula.

``Registry.default().get(name).evaluate(**arrays)`` validates every input (finite, within
the physical range, validity-range notes), calls the vectorised implementation and names
the outputs. The baseline is the same formula written inline with numpy, computing the
same outputs. The ratio is registry time / numpy time (aim: within 3x at 1e5 elements and
above; at 1e3 the fixed per-call validation cost dominates).

    python benchmarks/bench_models.py [--quick]
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

SIZES = (1_000, 100_000, 1_000_000)


def _inputs(n: int, rng: np.random.Generator) -> dict[str, dict[str, np.ndarray]]:
    """Inputs inside every model's validated range, so no ValidityWarning is raised."""
    return {
        "wind.mureika_100m": dict(time=rng.uniform(9.5, 12.4, n), wind=rng.uniform(-4.0, 4.0, n),
                                  altitude=rng.uniform(0.0, 2400.0, n)),
        "air_density.simple_moist": dict(temperature=rng.uniform(-5.0, 40.0, n),
                                         pressure=rng.uniform(70000.0, 105000.0, n),
                                         humidity=rng.uniform(0.0, 100.0, n)),
        "grade.minetti_factor": dict(grade=rng.uniform(-40.0, 40.0, n)),
    }


def numpy_mureika(time, wind, altitude):
    t0 = time * (1.028 - 0.028 * np.exp(-0.000125 * altitude) * (1.0 - wind * time / 100.0) ** 2)
    return t0, t0 - time


def numpy_simple_moist(temperature, pressure, humidity):
    e = humidity / 100.0 * 610.94 * np.exp(17.625 * temperature / (temperature + 243.04))
    T = temperature + 273.15
    return (pressure - e) / (287.058 * T) + e / (461.495 * T), e


def numpy_minetti(grade):
    i = np.clip(grade, -45.0, 45.0) / 100.0
    cr = ((((155.4 * i - 30.4) * i - 43.3) * i + 46.3) * i + 19.5) * i + 3.6
    return cr / 3.6, cr


BASELINES: dict[str, Callable[..., Any]] = {
    "wind.mureika_100m": numpy_mureika,
    "air_density.simple_moist": numpy_simple_moist,
    "grade.minetti_factor": numpy_minetti,
}


def run(quick: bool = False) -> list[Row]:
    from sprint_solver import Registry
    reg = Registry.default()
    sizes = SIZES[:2] if quick else SIZES
    repeat = 3 if quick else 7
    rng = np.random.default_rng(0)
    rows: list[Row] = []
    for n in sizes:
        for name, kwargs in _inputs(n, rng).items():
            m = reg.get(name)
            base = BASELINES[name]
            got = m.evaluate(**kwargs)
            want = base(**kwargs)
            err = max(float(np.max(np.abs(np.asarray(v) - w))) for v, w in zip(got.values(), want))
            tr, _ = median_time(lambda: m.evaluate(**kwargs), repeat=repeat)
            tb, _ = median_time(lambda: base(**kwargs), repeat=repeat)
            rows.append(Row("bench_models", f"{name} n={n:.0e}", tr * 1e3, "ms",
                            baseline="plain numpy", baseline_value=tb * 1e3,
                            note=f"{n / tr:.3g} elements/s; max |diff| {err:.1e}"))
    return rows


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="1e3 and 1e5 elements only, fewer repeats")
    print_rows(run(ap.parse_args().quick))
