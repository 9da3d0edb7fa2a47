"""Batch model evaluation through the registry vs plain numpy on the same formula.

``Registry.default().get(name).evaluate(**arrays)`` validates every input (finite, within
the physical range, validity-range notes), calls the vectorised implementation and names
the outputs. The baseline is the same formula written inline with numpy, computing the
same outputs; the note also gives ``evaluate_unchecked`` (no validation), which separates
the registry's checks from the implementation. The ratio is registry time / numpy time (aim: within 3x at 1e5 elements and
above; at 1e3 the fixed per-call validation cost dominates).

Models: air density (``air_density.simple_moist``), Minetti's GAP factor
(``grade.minetti_factor``) and a fitted card (``wind.fitted_100m``: coefficients and
bootstrap covariance read from the card, correction plus CI half-width). The physics wind
model ``wind.mureika_100m`` is measured by ``bench_solver.py`` (batch path), not repeated here.

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
        "wind.fitted_100m": dict(time=rng.uniform(9.7, 13.2, n), wind=rng.uniform(-3.3, 3.3, n)),
        "air_density.simple_moist": dict(temperature=rng.uniform(-5.0, 40.0, n),
                                         pressure=rng.uniform(70000.0, 105000.0, n),
                                         humidity=rng.uniform(0.0, 100.0, n)),
        "grade.minetti_factor": dict(grade=rng.uniform(-40.0, 40.0, n)),
    }


def numpy_fitted_wind(time, wind, params):
    """t0 = t + c1 t u + c2 t u^2 (u = w t / d) and 1.96 sqrt(g' S g), men's coefficients."""
    (c1, c2), ((s11, s12), (_, s22)) = params["coef"]["men"], params["cov"]["men"]
    u = wind * time / params["distance"]
    g1 = time * u
    g2 = g1 * u
    corr = c1 * g1 + c2 * g2
    half = 1.959963984540054 * np.sqrt(np.maximum(s11 * g1 * g1 + 2 * s12 * g1 * g2 + s22 * g2 * g2, 0.0))
    return time + corr, corr, half


def numpy_simple_moist(temperature, pressure, humidity):
    e = humidity / 100.0 * 610.94 * np.exp(17.625 * temperature / (temperature + 243.04))
    T = temperature + 273.15
    return (pressure - e) / (287.058 * T) + e / (461.495 * T), e


def numpy_minetti(grade):
    i = np.clip(grade, -45.0, 45.0) / 100.0
    cr = ((((155.4 * i - 30.4) * i - 43.3) * i + 46.3) * i + 19.5) * i + 3.6
    return cr / 3.6, cr


BASELINES: dict[str, Callable[..., Any]] = {
    "wind.fitted_100m": numpy_fitted_wind,
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
            if m.spec.kind == "fitted":   # the baseline reads the same card numbers once, up front
                kwargs_base = dict(kwargs, params=m.spec.parameters)
            else:
                kwargs_base = kwargs
            got = m.evaluate(**kwargs)
            want = base(**kwargs_base)
            err = max(float(np.max(np.abs(np.asarray(v) - w))) for v, w in zip(got.values(), want))
            tr, _ = median_time(lambda: m.evaluate(**kwargs), repeat=repeat)
            tb, _ = median_time(lambda: base(**kwargs_base), repeat=repeat)
            # without input validation: separates the registry's checks from the implementation
            tu, _ = median_time(lambda: m.evaluate_unchecked(**kwargs), repeat=repeat)
            rows.append(Row("bench_models", f"{name} n={n:.0e}", tr * 1e3, "ms",
                            baseline="plain numpy", baseline_value=tb * 1e3,
                            note=f"{n / tr:.3g} elements/s; unchecked {tu * 1e3:.3g} ms; max |diff| {err:.1e}"))
    return rows


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="1e3 and 1e5 elements only, fewer repeats")
    print_rows(run(ap.parse_args().quick))
