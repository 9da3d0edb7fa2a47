"""This working tree's trio pipeline against another commit's, interleaved.

The shared 2-core VMs change speed by 20-50 % from hour to hour, so figures from different
runs of ``bench_trios.py`` cannot tell code versions apart. This script checks ``--base``
out into a temporary git worktree and runs the same one-process pipeline (template teacher,
sequential backend, fresh seed per pair) alternately on both trees, so that both see the same
machine. It prints CPU ms a question per run and the median ratio:

    python benchmarks/compare_trios.py --base HEAD~3 [--runs 4] [--n 4000] [--calculations wind_correction]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = r"""
import json, sys, tempfile, time
from sprint_solver.trios import RunConfig, run_trios
n, seed, calcs = int(sys.argv[1]), int(sys.argv[2]), (sys.argv[3].split(",") if sys.argv[3] else None)
d = tempfile.mkdtemp(prefix="cmp-trios-")
run_trios(RunConfig(n=300, out=d + "/warm", seed=seed + 10**6, calculations=calcs, workers=1,
                    backend="sequential", progress=False))
t0 = time.process_time()
m = run_trios(RunConfig(n=n, out=d + "/run", seed=seed, calculations=calcs, workers=1, backend="sequential",
                        progress=False))
print(json.dumps({"cpu_s": time.process_time() - t0, "kept": m["counts"]["kept"]}))
"""


def _one(tree: Path, n: int, seed: int, calcs: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, "-c", _CHILD, str(n), str(seed), calcs], env=env, cwd=tree,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True, help="the commit to compare against (e.g. HEAD~1, a tag)")
    ap.add_argument("--runs", type=int, default=4)
    ap.add_argument("--n", type=int, default=4000)
    ap.add_argument("--calculations", default="", help="comma-separated types (default: all)")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cmp-base-"))
    base = tmp / "base"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(base), a.base], check=True)
    try:
        ratios = []
        for k in range(a.runs):
            seed = 9000 + k
            # alternate which tree goes first, so a trend in the machine's speed favours neither
            order = [("base", base), ("this", ROOT)] if k % 2 == 0 else [("this", ROOT), ("base", base)]
            got = {name: _one(tree, a.n, seed, a.calculations) for name, tree in order}
            ms = {name: 1000 * r["cpu_s"] / a.n for name, r in got.items()}
            ratios.append(ms["this"] / ms["base"])
            print(f"run {k + 1}: base {ms['base']:.3f} ms/question, this {ms['this']:.3f} ms/question "
                  f"(ratio {ratios[-1]:.3f}; kept {got['base']['kept']} vs {got['this']['kept']})", flush=True)
        print(f"median ratio this/base over {a.runs} interleaved pairs: {statistics.median(ratios):.3f} "
              "(below 1 = this tree is faster)")
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], check=False)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
