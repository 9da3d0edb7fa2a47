"""Ingest throughput on a ~200 MB results dump built by replicating the real files.

The dump holds copies of the real World Athletics top-list CSVs, the Diamond League
CSV *and* the same Diamond League results re-nested as per-meeting JSON (the
scraper's format), the World Championships round-1 CSVs and the alltime text lists,
written to a temporary directory. Each run streams the whole directory through
:func:`sprint_solver.fitting.ingest.iter_dir` (sniffing, parsing marks / winds /
dates, sha256 of every file for provenance). Prints the median MB/s of several runs,
next to a baseline of reading the same files with Python's C csv reader only.

    python benchmarks/bench_ingest.py [--mb 200] [--repeat 3]
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from common import Row, print_rows  # noqa: E402

DATA = Path(os.environ.get("SPRINT_SOLVER_SHARED_DATA", HERE.parent.parent / "shared" / "data"))
SOURCES = ["wa_toplists_sprint/men_100m.csv", "wa_toplists_sprint/women_100m.csv",
           "wa_toplists_sprint/men_200m.csv", "wa_toplists_sprint/women_200m.csv",
           "diamond_league_sprints/diamond_league_100m_200m.csv", "munro_wc_round1/round1_100m.csv",
           "munro_wc_round1/round1_200m.csv", "alltime_top1000_100m/sprint_m.txt",
           "alltime_top1000_100m/sprint_w.txt"]


def dl_meeting_json(out: Path) -> list[Path]:
    """Re-nest the real Diamond League rows into the scraper's per-meeting JSON files."""
    src = DATA / "diamond_league_sprints" / "diamond_league_100m_200m.csv"
    meetings: dict[tuple[str, str], dict] = defaultdict(lambda: defaultdict(dict))
    with open(src, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            d = r["date"]
            title = f"{'Men' if r['sex'] == 'M' else 'Women'}'s {r['event']} - {d[8:10]}.{d[5:7]}.{d[:4]}"
            race = meetings[(r["year"], r["meeting_id"])][r["category"]].setdefault(
                (title, r["race_detail"]), {"title": title, "detail": r["race_detail"], "data": [],
                                            "category": r["category"]})
            race["data"].append({"place": r["place"], "athlete": r["athlete"], "id": r["athlete_id"],
                                 "nat": r["nat"], "birthYear": int(r["birth_year"]) if r["birth_year"] else None,
                                 "mark": r["mark"], "doping": r["doping_flag"]})
    files = []
    for (year, mid), cats in sorted(meetings.items()):
        f = out / f"{year}_{mid}.json"
        f.write_text(json.dumps({c: list(r.values()) for c, r in cats.items()}, ensure_ascii=False), "utf-8")
        files.append(f)
    return files


def build_dump(target_mb: float, root: Path) -> int:
    """Copy the real files into ``root`` until it holds about ``target_mb`` MB."""
    seed = root / "seed"
    seed.mkdir()
    json_dir = seed / "json"
    json_dir.mkdir()
    base = [DATA / s for s in SOURCES if (DATA / s).is_file()] + dl_meeting_json(json_dir)
    unit = sum(p.stat().st_size for p in base)
    copies = max(1, round(target_mb * 1e6 / unit))
    total = 0
    for i in range(copies):
        d = root / f"copy{i:03d}"
        d.mkdir()
        for p in base:
            stem, suf = p.stem, p.suffix
            dst = d / (p.name if suf == ".json" else f"{stem}_{i:03d}{suf}")
            shutil.copyfile(p, dst)
            total += dst.stat().st_size
    shutil.rmtree(seed)
    return total


def ingest_once(root: Path) -> tuple[float, int]:
    from sprint_solver.fitting.ingest import IngestStats, iter_dir
    st = IngestStats()
    t0 = time.perf_counter()
    n = 0
    for _ in iter_dir(root, st):
        n += 1
    return time.perf_counter() - t0, n


def csv_baseline(root: Path) -> float:
    t0 = time.perf_counter()
    for p in sorted(root.rglob("*")):
        if p.suffix in (".csv", ".txt"):
            with open(p, encoding="utf-8", errors="replace", newline="") as fh:
                for _ in csv.reader(fh, delimiter="\t" if p.suffix == ".txt" else ","):
                    pass
        elif p.suffix == ".json":
            json.loads(p.read_text("utf-8"))
    return time.perf_counter() - t0


def run(quick: bool = False, mb: float | None = None, repeat: int | None = None) -> list[Row]:
    if not DATA.is_dir():
        return [Row("bench_ingest", "skipped", float("nan"), "", note=f"no data at {DATA}")]
    mb = mb or (20.0 if quick else 200.0)
    repeat = repeat or (2 if quick else 3)
    with tempfile.TemporaryDirectory(prefix="sprint-ingest-") as tmp:
        root = Path(tmp)
        size = build_dump(mb, root)
        times, rows = [], 0
        for _ in range(repeat):
            dt, rows = ingest_once(root)
            times.append(dt)
        base = statistics.median(csv_baseline(root) for _ in range(repeat))
    med = statistics.median(times)
    return [Row("bench_ingest", f"ingest {size / 1e6:.0f} MB dump (median of {repeat})", size / 1e6 / med, "MB/s",
                baseline="csv.reader / json.loads only", baseline_value=size / 1e6 / base,
                note=f"{rows} records, {rows / med:,.0f} records/s; includes sha256 of every file",
                extra={"runs_s": times})]


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=None)
    ap.add_argument("--repeat", type=int, default=None)
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args()
    print_rows(run(a.quick, a.mb, a.repeat))
