"""Training time of every fitted model (``sprint-solver train`` without writing).

Budget from the issue: all models train in under 2 minutes on 2 cores. Prints the
median wall time of several full runs and the per-family split of the last run.

    python benchmarks/bench_train.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from common import Row, peak_rss_mb, print_rows  # noqa: E402

DATA = Path(os.environ.get("SPRINT_SOLVER_SHARED_DATA", HERE.parent.parent / "shared" / "data"))
BUDGET_S = 120.0


def run_dump(mb: float) -> list[Row]:
    """User mode: train the generic families on a dump of replicated real files (bench_ingest's)."""
    import tempfile
    from bench_ingest import build_dump
    from sprint_solver.fitting.train import train
    with tempfile.TemporaryDirectory(prefix="sprint-train-") as tmp:
        size = build_dump(mb, Path(tmp))
        t0 = time.perf_counter()
        rep = train(tmp, write=False)
        dt = time.perf_counter() - t0
    return [Row("bench_train", f"train on a {size / 1e6:.0f} MB user dump", dt, "s",
                note=f"{len(rep.models)} cards ({', '.join(sorted(rep.seconds))}); peak RSS {peak_rss_mb():.0f} MiB")]


def run(quick: bool = False, repeat: int | None = None) -> list[Row]:
    if not DATA.is_dir():
        return [Row("bench_train", "skipped", float("nan"), "", note=f"no data at {DATA}")]
    from sprint_solver.fitting.train import train
    repeat = repeat or (1 if quick else 3)
    times, rep = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        rep = train(DATA, write=False, bootstrap=50 if quick else 200)
        times.append(time.perf_counter() - t0)
    med = statistics.median(times)
    rows = [Row("bench_train", f"train all models (median of {repeat})", med, "s", baseline="budget",
                baseline_value=BUDGET_S, note=f"{len(rep.models)} cards; peak RSS {peak_rss_mb():.0f} MiB",
                extra={"runs_s": times})]
    rows += [Row("bench_train", f"  {fam}", s, "s") for fam, s in rep.seconds.items()]
    return rows


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=None)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--dump-mb", type=float, default=None, help="also train on a replicated dump of this size")
    a = ap.parse_args()
    print_rows(run(a.quick, a.repeat))
    if a.dump_mb:
        print_rows(run_dump(a.dump_mb))
