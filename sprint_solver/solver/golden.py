"""Golden traces: reviewed solutions of representative questions, one or more per family.

``traces/<name>.json`` holds ``{"name", "question", "options", "solution"}`` where
``solution`` is ``Solution.model_dump(mode="json")``; ``traces/schema.json`` is
``Solution.model_json_schema()``. ``tests/solver/test_golden.py`` re-solves every
question and fails on any change in the numbers or the steps.

Regenerate (after a reviewed, intended change of a model or a trace)::

    python -m sprint_solver.solver.golden --regenerate [--only NAME ...]

then review ``git diff traces/`` before committing.
"""
from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

TRACES = Path(__file__).resolve().parents[2] / "traces"

#: name -> question (plain English, as users write it); every family of the registry appears
QUESTIONS: dict[str, str] = {
    "wind_headwind_effect": "How much would a 10.0s 100m time be affected by a 2m/s headwind?",
    "wind_to_still_air": "I ran 10.05 into a 1.2 headwind, what's that in still air?",
    "wind_200m_lane": "What is a 20.10 200m with +1.5 m/s wind in lane 6 worth in calm conditions?",
    "wind_moinat": "Using the Moinat model, correct 10.12 (+1.9)",
    "altitude_sea_level_to_1500": "If an athlete runs 10.2s at sea level, what equivalent time might they achieve "
                                  "at 1500m altitude?",
    "altitude_venue_mexico_city": "What is a 10.0 100m run in Mexico City worth at sea level?",
    "altitude_sestriere": "I ran 10.2 at Sestriere. Sea-level equivalent?",
    "air_density": "What is the air density at 30°C and 60% humidity?",
    "temperature_sprint": "How much faster is a 10.00 100m at 35°C compared to 25°C?",
    "heat_pace_dew_point": "What pace should I run at 80°F with a dew point of 70°F if my normal pace is 7:00/mi?",
    "heat_pace_humidity": "It's 85F with 75% humidity. My easy pace is 9:30/mi. How slow should I go?",
    "heat_index": "Heat index for 32°C and 70% humidity",
    "grade_pace": "What's my flat-equivalent pace running 8:00/mi up a 5% grade?",
    "grade_elevation_gain": "I ran 50:00 for 10 km with 300 m of elevation gain. Grade-adjusted pace?",
    "equivalent_flat_distance": "What is the equivalent flat distance of 20 km with 1600 m of climb?",
    "body_metrics": "What's the frontal area of a 70 kg, 180 cm runner?",
    "sprint_profile": "My splits were 10m 1.89, 20m 3.15, 30m 4.31, 40m 5.44. What's my max speed?",
    "race_prediction": "If I ran a 5K in 20:00, what could I run a marathon in?",
    "vdot": "What's my VDOT with a 19:57 5K?",
    "training_paces": "What are my training paces for a 20:00 5K?",
    "points_wa": "How many points is a 10.71 100m?",
    "points_combined": "Decathlon points for a 10.395 100m",
    "hand_timing": "Convert a hand-timed 10.87 100m to FAT",
    "false_start": "Is a reaction time of 0.099 a false start?",
    "pace_time_from_pace": "5 mile run at 8:30 pace",
    "pace_from_marathon_goal": "What pace do I need for a 3:30 marathon?",
    "intervals": "400 meter repeats, 6 times at 1:30",
    "even_splits": "What are the 5K splits for a 3:00:00 marathon?",
    "lane_effect": "How much slower is lane 1 than lane 8 in the 200m for a 20.50 runner?",
    "conditions_hand_wind_altitude_temperature": "Hand-timed 10.3 100m with +1.5 wind at 1500 m and 30°C, what's "
                                                 "the FAT still-air time?",
    "conditions_venue_200m": "A 20.05 200m in lane 7 with +1.1 wind at 1800 m on a 30 C day: sea-level still-air "
                             "time at 25 C?",
}


def solve_question(question: str, options: dict[str, Any] | None = None):
    from .core import Solver

    return Solver.default().solve(question, **(options or {}))


def record(name: str, question: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    sol = solve_question(question, options)
    check = sol.verify()
    if not check.ok:
        raise RuntimeError(f"{name}: the solution does not verify: {check.mismatches}")
    return {"name": name, "question": question, "options": options or {}, "solution": sol.model_dump(mode="json")}


def schema() -> dict[str, Any]:
    from .solution import Solution

    return Solution.model_json_schema()


def write_schema(path: Path = TRACES) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    f = path / "schema.json"
    f.write_text(json.dumps(schema(), indent=2, sort_keys=True) + "\n", "utf-8")
    return f


def regenerate(only: list[str] | None = None, path: Path = TRACES) -> list[str]:
    """Write the golden traces (all, or ``only`` these names) and the schema. Returns what was skipped."""
    from ..errors import SolverError

    path.mkdir(parents=True, exist_ok=True)
    skipped = []
    for name, question in QUESTIONS.items():
        if only and name not in only:
            continue
        try:
            rec = record(name, question)
        except SolverError as e:
            # a family whose calculation is not installed yet
            skipped.append(f"{name}: {type(e).__name__}: {e}")
            continue
        (path / f"{name}.json").write_text(json.dumps(rec, indent=1, ensure_ascii=False, sort_keys=False) + "\n",
                                           "utf-8")
    write_schema(path)
    return skipped


# --- comparison ---------------------------------------------------------------------------------
def compare(stored: dict[str, Any], fresh: dict[str, Any], rel: float = 1e-9, abs_: float = 1e-12) -> list[str]:
    """Differences between two solution dumps (numbers compared to ``rel``; everything else exactly)."""
    diffs: list[str] = []
    _cmp(stored, fresh, "solution", diffs, rel, abs_)
    return diffs


def _cmp(a: Any, b: Any, where: str, out: list[str], rel: float, abs_: float) -> None:
    if len(out) > 20:
        return
    if isinstance(a, bool) or isinstance(b, bool):
        if a != b:
            out.append(f"{where}: {a!r} != {b!r}")
        return
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if not (math.isclose(float(a), float(b), rel_tol=rel, abs_tol=abs_) or (a != a and b != b)):
            out.append(f"{where}: {a!r} != {b!r}")
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{where}.{k}: only in {'stored' if k in a else 'fresh'}")
                continue
            _cmp(a[k], b[k], f"{where}.{k}", out, rel, abs_)
        return
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{where}: length {len(a)} != {len(b)}")
            return
        for i, (x, y) in enumerate(zip(a, b)):
            _cmp(x, y, f"{where}[{i}]", out, rel, abs_)
        return
    if a != b:
        out.append(f"{where}: {a!r} != {b!r}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Regenerate or check the golden traces in traces/.")
    ap.add_argument("--regenerate", action="store_true", help="re-solve and overwrite the traces and schema.json")
    ap.add_argument("--only", nargs="*", default=None, help="only these trace names")
    ap.add_argument("--check", action="store_true", help="report traces that differ from a fresh solve")
    a = ap.parse_args(argv)
    if a.regenerate:
        skipped = regenerate(a.only)
        print(f"wrote traces to {TRACES}")
        for s in skipped:
            print("skipped", s)
    if a.check or not a.regenerate:
        bad = 0
        for f in sorted(TRACES.glob("*.json")):
            if f.name == "schema.json":
                continue
            rec = json.loads(f.read_text("utf-8"))
            fresh = solve_question(rec["question"], rec.get("options")).model_dump(mode="json")
            d = compare(rec["solution"], fresh)
            if d:
                bad += 1
                print(f"DIFF {f.name}:", *d[:5], sep="\n  ")
        print("all traces match" if not bad else f"{bad} trace(s) differ")


if __name__ == "__main__":
    main()
