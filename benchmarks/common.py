"""Shared helpers for the benchmark scripts: timing medians, peak memory, result rows.

Every ``bench_*.py`` exposes ``run(quick: bool = False) -> list[Row]`` and can be run on
its own (``python benchmarks/bench_solver.py``); ``python benchmarks/run_all.py`` runs
them all and writes ``benchmarks/RESULTS.md``.
"""
from __future__ import annotations

import os
import platform
import resource
import statistics
import time
from dataclasses import dataclass, field
from typing import Callable


@dataclass
class Row:
    benchmark: str
    metric: str
    value: float
    unit: str
    baseline: str = ""
    baseline_value: float | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.baseline_value in (None, 0):
            return None
        return self.value / self.baseline_value


def median_time(fn: Callable[[], object], *, repeat: int = 7, number: int | None = None,
                min_time: float = 0.2) -> tuple[float, list[float]]:
    """Median seconds per call of ``fn`` over ``repeat`` runs of ``number`` calls.

    ``number`` is chosen so one run lasts at least ``min_time`` seconds when not given.
    """
    fn()  # warm-up: imports, caches
    if number is None:
        number, elapsed = 1, 0.0
        while True:
            t0 = time.perf_counter()
            for _ in range(number):
                fn()
            elapsed = time.perf_counter() - t0
            if elapsed >= min_time or number >= 1 << 20:
                break
            number *= 2
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        runs.append((time.perf_counter() - t0) / number)
    return statistics.median(runs), runs


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, MiB."""
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / 1024 if platform.system() != "Darwin" else r / 2**20


def machine() -> str:
    return f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.machine()}"


def print_rows(rows: list[Row]) -> None:
    for r in rows:
        base = ""
        if r.baseline:
            ratio = r.ratio
            base = f"  vs {r.baseline} {r.baseline_value:.4g}" + (f" (ratio {ratio:.2f})" if ratio else "")
        print(f"{r.benchmark:24s} {r.metric:40s} {r.value:12.4g} {r.unit:10s}{base}  {r.note}")


def markdown(rows: list[Row]) -> str:
    out = [f"Machine: {machine()}", "",
           "| benchmark | metric | value | unit | baseline | baseline value | ratio | note |",
           "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        ratio = r.ratio
        out.append(f"| {r.benchmark} | {r.metric} | {r.value:.4g} | {r.unit} | {r.baseline} | "
                   f"{'' if r.baseline_value is None else f'{r.baseline_value:.4g}'} | "
                   f"{'' if ratio is None else f'{ratio:.2f}'} | {r.note} |")
    return "\n".join(out) + "\n"
