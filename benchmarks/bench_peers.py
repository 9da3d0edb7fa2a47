"""Throughput and agreement against peer libraries on the same inputs.

* Scoring tables: ``sprint_solver.models.scoring.wa_points`` (one vectorised call over an
  array of marks, and one call per mark) vs athlib's ``hungarian_score.score`` (PyPI
  ``athlib``, one call per mark), and the count of identical points over a 0.01 s grid of
  marks for men/women 100/200/400 m.
* Grade-adjusted pace: ``sprint_solver.models.grade`` Strava-table and Minetti speed
  factors over arrays of grades vs a plain-numpy baseline of the same formula and vs
  specialsauce (PyPI ``specialsauce``, Strava table via scipy ``interp1d``, Minetti cost).

Throughputs are medians of several runs (``common.median_time``); the ratio column is
ours / baseline, so > 1 means faster. A peer that is not installed is reported as a
``skipped`` row with the reason instead of failing the run.

    python benchmarks/bench_peers.py [--quick]

Peers are benchmark-only dependencies (``pip install athlib python-dateutil jsonschema
specialsauce``): athlib's wheel does not declare python-dateutil and jsonschema, which it
imports; specialsauce pulls in pandas.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from common import Row, median_time, print_rows  # noqa: E402

#: (our event key, athlib event code, fastest mark of the grid [s]) - the grid runs to 1 s
#: past the table's zero point so the behaviour there is compared too
SCORING_EVENTS = (("100m", "100", 9.40), ("200m", "200", 19.00), ("400m", "400", 43.00))
SEXES = (("men", "M"), ("women", "F"))


def _athlib():
    try:
        from athlib.hungarian_score import score
    except ImportError as e:  # athlib itself, or its undeclared dateutil/jsonschema imports
        return None, f"athlib not importable ({e}); pip install athlib python-dateutil jsonschema"
    return score, ""


def scoring_grid(event: str, sex: str, fastest: float) -> tuple[np.ndarray, float]:
    """0.01 s marks from ``fastest`` to 1 s past the zero-point time; and that zero point."""
    from sprint_solver.models.scoring import wa_coefficients
    shift, _ = wa_coefficients(event, sex)
    zero = -shift
    return np.round(np.arange(fastest, zero + 1.0, 0.01), 2), zero


def bench_scoring(quick: bool) -> list[Row]:
    from sprint_solver.models.scoring import wa_points
    score, why = _athlib()
    if score is None:
        return [Row("bench_peers", "scoring: skipped", float("nan"), "", note=why)]
    repeat = 3 if quick else 7
    rows: list[Row] = []
    # agreement over every grid
    same = total = same_fast = total_fast = 0
    past_zero_athlib_positive = 0
    examples: list[str] = []
    for sex, g in SEXES:
        for ev, code, fastest in SCORING_EVENTS:
            t, zero = scoring_grid(ev, sex, fastest)
            ours = np.asarray(wa_points(t, ev, sex)[0])
            theirs = np.array([score(g, "OUT", code, float(x)) for x in t])
            fast = t < zero
            same += int(np.sum(ours == theirs))
            total += t.size
            same_fast += int(np.sum((ours == theirs) & fast))
            total_fast += int(fast.sum())
            bad = (ours != theirs) & ~fast
            past_zero_athlib_positive += int(np.sum(theirs[bad] > 0))
            if bad.any() and len(examples) < 2:
                i = int(np.argmax(bad))
                examples.append(f"{sex} {ev} {t[i]:.2f} s: ours {ours[i]}, athlib {theirs[i]}")
    rows.append(Row("bench_peers", "scoring agreement: identical points", same_fast, "marks",
                    baseline="marks faster than the zero point", baseline_value=total_fast,
                    note="men/women 100/200/400 m, 0.01 s grid, 2022 tables (same rows as athlib)"))
    rows.append(Row("bench_peers", "scoring agreement past the zero point", same - same_fast, "marks",
                    baseline="marks past the zero point", baseline_value=total - total_fast,
                    note=f"athlib keeps scoring past the zero point ({past_zero_athlib_positive} marks > 0 "
                         f"points, its own TODO); we give 0. e.g. {'; '.join(examples)}"))
    # throughput on one event's realistic marks (men's 100 m, 9.40-16.99 s)
    n = 10_000 if quick else 100_000
    rng = np.random.default_rng(0)
    marks = np.round(rng.uniform(9.4, 16.99, n), 2)
    few = marks[: (2_000 if quick else 20_000)].tolist()

    def ours_vec():
        wa_points(marks, "100m", "men")

    def ours_loop():
        for x in few:
            wa_points(x, "100m", "men")

    def athlib_loop():
        for x in few:
            score("M", "OUT", "100", x)

    tv, _ = median_time(ours_vec, repeat=repeat)
    tl, _ = median_time(ours_loop, repeat=repeat, number=1)
    ta, _ = median_time(athlib_loop, repeat=repeat, number=1)
    athlib_rate = len(few) / ta
    rows.append(Row("bench_peers", f"scoring ours vectorised (n={n})", n / tv, "marks/s",
                    baseline="athlib per call", baseline_value=athlib_rate))
    rows.append(Row("bench_peers", "scoring ours per call", len(few) / tl, "marks/s",
                    baseline="athlib per call", baseline_value=athlib_rate,
                    note="scalar numpy path + int truncation per mark"))
    return rows


# --- grade-adjusted pace -----------------------------------------------------------------
def _specialsauce():
    try:
        from specialsauce.sources import minetti, strava
    except ImportError as e:
        return None, f"specialsauce not importable ({e}); pip install specialsauce"
    return (strava, minetti), ""


def numpy_strava(g: np.ndarray) -> np.ndarray:
    """The same table and clamp as ours, written out with plain numpy."""
    from sprint_solver.models.grade import STRAVA_FACTORS, STRAVA_GRADES
    return np.interp(np.clip(g, -45.0, 45.0), STRAVA_GRADES, STRAVA_FACTORS)


def numpy_minetti(g: np.ndarray) -> np.ndarray:
    """Minetti (2002) Cr(i)/Cr(0) in Horner form, clamped to +-45 %."""
    i = np.clip(g, -45.0, 45.0) / 100.0
    cr = ((((155.4 * i - 30.4) * i - 43.3) * i + 46.3) * i + 19.5) * i + 3.6
    return cr / 3.6


def bench_gap(quick: bool) -> list[Row]:
    from sprint_solver.models.grade import minetti_factor, strava_factor
    repeat = 3 if quick else 7
    n = 100_000 if quick else 1_000_000
    g = np.random.default_rng(1).uniform(-50.0, 50.0, n)   # beyond +-45 % to exercise the clamp
    peers, why = _specialsauce()
    rows: list[Row] = []
    cases = [
        ("strava", lambda: strava_factor(g), lambda: numpy_strava(g),
         (lambda: peers[0].gap_speed_factor(g / 100.0)) if peers else None),
        ("minetti", lambda: minetti_factor(g)[0], lambda: numpy_minetti(g),
         (lambda: peers[1].cost_of_running(g / 100.0) / 3.6) if peers else None),
    ]
    for name, ours, base, peer in cases:
        a, b = np.asarray(ours()), np.asarray(base())
        to, _ = median_time(ours, repeat=repeat)
        tb, _ = median_time(base, repeat=repeat)
        rows.append(Row("bench_peers", f"GAP {name} ours (n={n})", n / to, "grades/s",
                        baseline="plain numpy", baseline_value=n / tb,
                        note=f"max |diff| {np.max(np.abs(a - b)):.1e}"))
        if peer is None:
            rows.append(Row("bench_peers", f"GAP {name} vs specialsauce: skipped", float("nan"), "", note=why))
            continue
        c = np.asarray(peer(), dtype=float)
        tp, _ = median_time(peer, repeat=repeat)
        close = int(np.sum(np.abs(a - c) <= 1e-9 * np.maximum(1.0, np.abs(c))))
        rows.append(Row("bench_peers", f"GAP {name} ours (n={n})", n / to, "grades/s",
                        baseline="specialsauce", baseline_value=n / tp,
                        note=f"agree to 1e-9 on {close}/{n} grades, max |diff| {np.max(np.abs(a - c)):.1e}"))
    return rows


def run(quick: bool = False) -> list[Row]:
    return bench_scoring(quick) + bench_gap(quick)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="smaller inputs, fewer repeats")
    print_rows(run(ap.parse_args().quick))
