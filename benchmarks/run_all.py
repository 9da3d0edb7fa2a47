"""Run every benchmark and write benchmarks/RESULTS.md.

    python benchmarks/run_all.py [--quick]
"""
from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import Row, markdown, print_rows  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="smaller inputs, fewer repeats")
    ap.add_argument("--only", nargs="*", help="bench module names (e.g. bench_solver)")
    ap.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = ap.parse_args()
    names = args.only or sorted(p.stem for p in HERE.glob("bench_*.py"))
    rows: list[Row] = []
    for name in names:
        t0 = time.perf_counter()
        mod = importlib.import_module(name)
        try:
            got = mod.run(quick=args.quick)
        except Exception as e:  # noqa: BLE001 - one failing benchmark must not hide the others
            got = [Row(name, "FAILED", float("nan"), "", note=f"{type(e).__name__}: {e}")]
        print_rows(got)
        print(f"# {name}: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        rows += got
    table = markdown(rows)
    if args.only:
        head, _, body = table.partition("|---|---|---|---|---|---|---|---|\n")
        lines = body.splitlines(keepends=True) + _other_rows(args.out, {r.benchmark for r in rows})
        table = head + "|---|---|---|---|---|---|---|---|\n" + "".join(sorted(lines, key=lambda x: x.split("|")[1]))
    args.out.write_text("# Benchmark results\n\n" + table)
    print(f"wrote {args.out}")


def _other_rows(path: Path, rerun: set[str]) -> list[str]:
    """Table lines of an earlier RESULTS.md for benchmarks not re-run now (``--only`` refreshes
    some figures without dropping the rest)."""
    if not path.exists():
        return []
    return [line + "\n" for line in path.read_text().splitlines()
            if line.startswith("| ") and not line.startswith(("| benchmark ", "|---"))
            and line.split("|")[1].strip() not in rerun]


if __name__ == "__main__":
    main()
