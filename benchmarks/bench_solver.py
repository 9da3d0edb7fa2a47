"""Solver speed: natural-language and structured solves per second, and the batch path.

Run on one core (the script pins itself to CPU 0 where the OS allows)::

    python benchmarks/bench_solver.py [--runs 5] [--n 200000]

Reports, as the median of ``--runs`` runs:

* NL solve: the median time per question over a fixed set of questions covering every
  family (golden questions + generated paraphrases), and solves/s;
* structured solve: the same questions as their structured requests;
* parse only (text -> structured request), to separate parsing from the calculation;
* batch path: ``n`` inputs as arrays through one registry model
  (``wind.mureika_100m.evaluate``, with input validation) vs the same formula in plain
  numpy; the ratio is the overhead of validation and output naming.

Aims (issue 4): median NL solve < 100 us, structured < 30 us, batch within 3x of numpy.
Speed is measured here, never asserted in tests.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import time
import warnings
from typing import Iterator

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import numpy as np  # noqa: E402


@contextlib.contextmanager
def _pinned() -> Iterator[str]:
    """Run on CPU 0 where the OS allows, and restore the affinity after: ``run_all.py`` runs
    every benchmark in one process, and the trio benchmarks' workers inherit it."""
    try:
        before = os.sched_getaffinity(0)
        os.sched_setaffinity(0, {0})
    except (AttributeError, OSError):
        yield "not pinned"
        return
    try:
        yield "pinned to CPU 0"
    finally:
        os.sched_setaffinity(0, before)


def questions() -> list[str]:
    from sprint_solver.solver.golden import QUESTIONS
    from sprint_solver.solver.paraphrase import NONE, generate

    qs = list(QUESTIONS.values())
    qs += [t for t, label in generate(seed=99, per_template=1) if label != NONE][:120]
    return qs


def _median_per_call(fn, items, runs: int, reps: int = 3) -> float:
    """Median over runs of the median per-item time (each item timed over ``reps`` calls)."""
    per_run = []
    for _ in range(runs):
        ts = []
        for it in items:
            t0 = time.perf_counter()
            for _ in range(reps):
                fn(it)
            ts.append((time.perf_counter() - t0) / reps)
        per_run.append(statistics.median(ts))
    return statistics.median(per_run)


def bench_solves(runs: int) -> dict[str, float]:
    from sprint_solver import SolverError
    from sprint_solver.solver import Solver
    from sprint_solver.solver.parse import parse_question

    solver = Solver.default()
    ok_q, reqs = [], []
    for q in questions():
        try:
            sol = solver.solve(q)
        except SolverError:
            continue
        ok_q.append(q)
        reqs.append(sol.request)
    for q in ok_q[:20]:                      # warm caches (regexes, venue table, classifier)
        solver.solve(q)
    nl = _median_per_call(solver.solve, ok_q, runs)
    st = _median_per_call(solver.solve, reqs, runs)
    pq = _median_per_call(parse_question, ok_q, runs)
    return {"questions": len(ok_q), "nl_median_s": nl, "structured_median_s": st, "parse_median_s": pq}


def bench_batch(n: int, runs: int) -> dict[str, float]:
    from sprint_solver.registry import Registry

    rng = np.random.default_rng(0)
    t = rng.uniform(9.6, 12.4, n)
    w = rng.uniform(-4.9, 4.9, n)
    h = rng.uniform(0, 2400, n)
    m = Registry.default().get("wind.mureika_100m")
    a = 0.028

    def plain():
        return t * ((1.0 + a) - a * np.exp(-0.000125 * h) * (1.0 - w * t / 100.0) ** 2)

    def registry():
        return m.evaluate(time=t, wind=w, altitude=h)["time_still"]

    np.testing.assert_allclose(plain(), registry(), rtol=1e-12)
    res = {}
    for name, fn in (("numpy", plain), ("registry", registry)):
        ts = []
        for _ in range(runs):
            t0 = time.perf_counter()
            fn()
            ts.append(time.perf_counter() - t0)
        res[name] = statistics.median(ts)
    return {"n": n, "numpy_s": res["numpy"], "registry_s": res["registry"], "ratio": res["registry"] / res["numpy"]}


def run(quick: bool = False) -> list:
    """Rows for ``benchmarks/run_all.py`` (see common.py)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from common import Row

    warnings.simplefilter("ignore")
    runs = 3 if quick else 5
    with _pinned() as where:
        s = bench_solves(runs)
        b = bench_batch(20_000 if quick else 200_000, runs)
    note = f"median over {s['questions']} questions, {runs} runs, {where}"
    return [
        Row("bench_solver", "NL solve (median per question)", s["nl_median_s"] * 1e6, "us",
            note=f"{1 / s['nl_median_s']:.0f} solves/s; aim < 100 us; {note}"),
        Row("bench_solver", "structured solve (median per request)", s["structured_median_s"] * 1e6, "us",
            note=f"{1 / s['structured_median_s']:.0f} solves/s; aim < 30 us; {note}"),
        Row("bench_solver", "parse only (text -> request)", s["parse_median_s"] * 1e6, "us", note=note),
        Row("bench_solver", f"batch wind.mureika_100m n={b['n']}", b["registry_s"] * 1e3, "ms",
            baseline="plain numpy", baseline_value=b["numpy_s"] * 1e3, note="aim: ratio <= 3"),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--n", type=int, default=200_000, help="batch size")
    a = ap.parse_args()
    warnings.simplefilter("ignore")
    with _pinned() as where:
        s = bench_solves(a.runs)
        b = bench_batch(a.n, a.runs)
    us = 1e6
    print(f"sprint-solver solver benchmark ({where}; median of {a.runs} runs; {s['questions']} questions)")
    print(f"  NL solve          median {s['nl_median_s'] * us:8.1f} us   {1 / s['nl_median_s']:9.0f} solves/s"
          f"   (aim < 100 us)")
    print(f"  structured solve  median {s['structured_median_s'] * us:8.1f} us   "
          f"{1 / s['structured_median_s']:9.0f} solves/s   (aim < 30 us)")
    print(f"  parse only        median {s['parse_median_s'] * us:8.1f} us")
    print(f"  batch ({b['n']} inputs, wind.mureika_100m): registry {b['registry_s'] * 1e3:.2f} ms, "
          f"plain numpy {b['numpy_s'] * 1e3:.2f} ms, ratio {b['ratio']:.2f}x   (aim <= 3x)")


if __name__ == "__main__":
    main()
