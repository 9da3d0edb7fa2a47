"""Build notebooks 02-04 from the cell sources below (stored without outputs).

    python notebooks/make_notebooks.py            # rewrite 02_models, 03_trios, 04_tools
    python notebooks/make_notebooks.py --check    # exit 1 if a stored notebook differs

The notebooks are executed by ``tests/notebooks/test_notebooks.py``; edit the cells here,
not the ``.ipynb`` files, so a review sees plain Python.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent
KERNEL = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
          "language_info": {"name": "python"}}


def md(text: str):
    return new_markdown_cell(text.strip("\n"))


def code(text: str):
    return new_code_cell(text.strip("\n"))


# =============================================================================================
# 02 - the models
# =============================================================================================
MODELS = [
    md("""
# 2. The models: physics, published values and fitted models with their data

Every model is a registry card evaluated with canonical-unit arrays
(`Registry.default().get(name).evaluate(**arrays)`). This notebook plots the wind, altitude and
lane corrections of the sprints, grade-adjusted pace, heat on the marathon and an
acceleration profile, each against the published values it should reproduce and, for the
fitted models, against the data they were fitted on.

The fitted models (`wind.fitted_100m`, `altitude.fitted_sprint`, `lanes.fitted_200m`,
`heat.fitted_marathon_wbgt`, ...) ship as cards in `registry/fitted/`, so their curves and
confidence bands need no data. Cells that plot the **data** read the team datasets from
`../shared/data` (or `$SPRINT_SOLVER_SHARED_DATA`) and print a message instead when they are absent.
"""),
    code("""
import csv
import os
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from sprint_solver import Registry, ValidityWarning
from sprint_solver.models.wind import MUREIKA_PRESETS

reg = Registry.default()
DATA = Path(os.environ.get("SPRINT_SOLVER_SHARED_DATA", Path.cwd().parent.parent / "shared" / "data"))


def dataset(name):
    \"\"\"The dataset folder, or None (with a message) when the team data is not on this machine.\"\"\"
    p = DATA / name
    if p.is_dir():
        return p
    print(f"skipped: dataset {name!r} not found under {DATA} (set SPRINT_SOLVER_SHARED_DATA)")
    return None


def ev(name, **inputs):
    \"\"\"Evaluate a registry model on arrays, keeping validity notes quiet (the plots show ranges).\"\"\"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ValidityWarning)
        return reg.get(name).evaluate(**inputs)


print(len(reg.list()), "models;", [m.name for m in reg.list(kind="fitted")])
"""),
    md("""
## Wind on the 100 m

`correction = time_still - time`: positive when the conditions helped. Mureika's closed form
comes with three published constants (`preset`), Moinat et al. (2018) is an empirical quadratic,
and `wind.fitted_100m` is fitted within athletes on Diamond League races (shaded: 95 % CI of
the average effect). The published anchor is Linthorne (1994): a +2 m/s tail wind is worth
0.10 ± 0.01 s for men (10.00 s) and 0.12 ± 0.02 s for women (11.00 s).
"""),
    code("""
w = np.linspace(-3, 3, 61)
fig, axes = plt.subplots(1, 2, figsize=(12, 4.2), sharey=True)
for ax, sex, t, (pub, pm) in zip(axes, ("men", "women"), (10.0, 11.0), ((0.10, 0.01), (0.12, 0.02))):
    for preset, a in MUREIKA_PRESETS.items():
        ax.plot(w, ev("wind.mureika_100m", time=t, wind=w, preset=preset)["correction"], lw=1,
                label=f"Mureika a={a}")
    ax.plot(w, ev("wind.moinat_2018", time=t, wind=w)["correction"], "--", label="Moinat 2018")
    f = ev("wind.fitted_100m", time=t, wind=w, sex=sex)
    ax.plot(w, f["correction"], "k", lw=2, label="fitted (Diamond League)")
    ax.fill_between(w, f["correction"] - f["ci_halfwidth"], f["correction"] + f["ci_halfwidth"],
                    color="k", alpha=0.15)
    ax.errorbar([2.0], [pub], yerr=[pm], fmt="o", color="C3", capsize=4, label="Linthorne 1994")
    ax.axhline(0, color="grey", lw=0.5)
    ax.set(title=f"{sex}, {t:.2f} s 100 m", xlabel="wind [m/s] (tail wind +)")
axes[0].set_ylabel("still-air time - time run [s]")
axes[1].legend(fontsize=8)
plt.show()

print(f"{'model':28s} {'men 10.00 +2':>13s} {'women 11.00 +2':>15s}")
rows = {f"Mureika a={a}": [ev("wind.mureika_100m", time=t, wind=2.0, preset=p)["correction"] for t in (10.0, 11.0)]
        for p, a in MUREIKA_PRESETS.items()}
rows["Moinat 2018"] = [ev("wind.moinat_2018", time=t, wind=2.0)["correction"] for t in (10.0, 11.0)]
rows["fitted"] = [ev("wind.fitted_100m", time=t, wind=2.0, sex=s)["correction"] for t, s in ((10.0, "men"), (11.0, "women"))]
for k, (m, f) in rows.items():
    print(f"{k:28s} {m:13.3f} {f:15.3f}")
print(f"{'Linthorne 1994 (published)':28s} {'0.10 ± 0.01':>13s} {'0.12 ± 0.02':>15s}")
"""),
    md("""
### The wind model against its data

The fitted model only uses differences between an athlete's own races in a season. The
same view of the data: each race's time minus the athlete-season mean, averaged in 0.5 m/s
wind bins, next to what each model predicts for exactly those races (the model's correction,
also centred within athlete-season).
"""),
    code("""
if dataset("diamond_league_sprints"):
    from sprint_solver.fitting.common import TrainContext
    from sprint_solver.fitting.features import demean, group_ids
    from sprint_solver.fitting.wind_fit import load_design

    fig, axes = plt.subplots(1, 2, figsize=(12, 4.2), sharey=True)
    for ax, event in zip(axes, ("100m", "200m")):
        tab = load_design(TrainContext(data=DATA, seed=0), event)
        t, wind, sex = tab["time"], tab["wind"], tab["sex"]
        g = group_ids(tab["athlete_id"], tab["season"])
        obs = demean(t, g)
        # string options are scalars on the registry: evaluate each sex on its own rows
        fitted, pub = np.empty_like(t), np.empty_like(t)
        for s in ("men", "women"):
            m = sex == s
            fitted[m] = ev(f"wind.fitted_{event}", time=t[m], wind=wind[m], sex=s)["correction"]
            pub[m] = (ev("wind.mureika_100m", time=t[m], wind=wind[m]) if event == "100m" else
                      ev("wind.mureika_200m", time=t[m], wind=wind[m], sex=s))["correction"]
        moinat = ev("wind.moinat_2018", time=t, wind=wind, event=event)["correction"]
        # a model predicts time = baseline - correction; centre it like the data
        pred = {k: -demean(v, g) for k, v in (("fitted", fitted), ("Mureika", pub), ("Moinat", moinat))}
        edges = np.arange(-3.0, 3.51, 0.5)
        b = np.digitize(wind, edges)
        mids, o, se, binned = [], [], [], {k: [] for k in pred}
        for k in range(1, len(edges)):
            m = b == k
            if m.sum() < 20:
                continue
            mids.append(0.5 * (edges[k - 1] + edges[k]))
            o.append(obs[m].mean())
            se.append(obs[m].std() / np.sqrt(m.sum()))
            for k, v in pred.items():
                binned[k].append(v[m].mean())
        ax.errorbar(mids, o, yerr=1.96 * np.array(se), fmt="o", color="C3", capsize=3,
                    label=f"data ({len(t)} results)")
        ax.plot(mids, binned["fitted"], "k-", lw=2, label="fitted")
        ax.plot(mids, binned["Mureika"], "-", label="Mureika")
        ax.plot(mids, binned["Moinat"], "--", label="Moinat 2018")
        ax.set(title=f"Diamond League {event}", xlabel="wind [m/s]")
        ax.legend(fontsize=8)
    axes[0].set_ylabel("time - athlete-season mean [s]")
    plt.show()
"""),
    md("""
## Wind and lanes on the 200 m

Mureika's 200 m model has a coefficient set per lane (the bend sees the wind at a different
angle in each lane). Lanes: `lanes.fitted_200m` gives the average time difference of each lane
against lane 4 from World Championship first rounds (Munro 2022 data; published: lane 8 about
0.2 s faster than lane 2).
"""),
    code("""
fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
ax = axes[0]
for lane in range(1, 9):
    ax.plot(w, ev("wind.mureika_200m", time=20.0, wind=w, lane=lane)["correction"], lw=1,
            color=plt.cm.viridis(lane / 9), label=f"Mureika lane {lane}")
ax.plot(w, ev("wind.moinat_2018", time=20.0, wind=w, event="200m")["correction"], "--", color="C1", label="Moinat 2018")
f = ev("wind.fitted_200m", time=20.0, wind=w, sex="men")
ax.plot(w, f["correction"], "k", lw=2, label="fitted")
ax.fill_between(w, f["correction"] - f["ci_halfwidth"], f["correction"] + f["ci_halfwidth"], color="k", alpha=0.15)
ax.set(title="men, 20.00 s 200 m", xlabel="wind [m/s]", ylabel="still-air time - time run [s]")
ax.legend(fontsize=7, ncol=2)

ax = axes[1]
lanes = np.arange(1, 10)
for k, sex in enumerate(("men", "women")):
    e = ev("lanes.fitted_200m", lane=lanes, sex=sex)
    ax.errorbar(lanes + (k - 0.5) * 0.2, e["effect"], yerr=e["ci_halfwidth"], fmt="o", capsize=3,
                label=f"fitted, {sex}")
ax.axhline(0, color="grey", lw=0.5)
ax.set(title="200 m lane effect vs lane 4 (95 % CI)", xlabel="lane", ylabel="time vs lane 4 [s] (+ = slower)")

wc = dataset("munro_wc_round1")
if wc:
    with open(wc / "round1_200m.csv", encoding="latin-1", newline="") as fh:
        rows = [r for r in csv.DictReader(fh)]
    lane, diff = [], []
    for r in rows:
        try:
            mark, sb = float(r["Mark1"]), float(r["SB"])
            ln = int(float(r["Lane"]))
        except ValueError:
            continue
        if 1 <= ln <= 9 and 0 < mark - sb < 0.05 * sb:   # drop eased-off qualifiers, as the fit does
            lane.append(ln); diff.append(mark - sb)
    lane, diff = np.array(lane), np.array(diff)
    raw = np.array([diff[lane == k].mean() for k in lanes])
    ax.plot(lanes, raw - raw[3], "s", mfc="none", color="grey",
            label=f"raw mean (mark - SB), vs lane 4 ({len(diff)} runs)")
ax.legend(fontsize=8)
plt.show()
"""),
    md("""
## Altitude

At altitude the air is thinner, so sprints are faster. Published values: Mureika (2000) 0.03-0.04 s
per 1000 m for a 10 s 100 m; Linthorne (2016) observed 0.19 ± 0.02 s at Mexico City (2250 m).
`altitude.fitted_sprint` is fitted on wind-corrected marks of athletes who raced both at
altitude and below 500 m.
"""),
    code("""
H = np.linspace(0, 2500, 51)
fig, ax = plt.subplots(figsize=(7, 4.2))
ax.plot(H, ev("wind.mureika_100m", time=10.0, wind=0.0, altitude=H)["correction"], label="Mureika closed form (a=0.028)")
f = ev("altitude.fitted_sprint", time=10.0, altitude=H, event="100m", sex="men")
ax.plot(H, f["correction"], "k", lw=2, label="fitted (men 100 m)")
ax.fill_between(H, f["correction"] - f["ci_halfwidth"], f["correction"] + f["ci_halfwidth"], color="k", alpha=0.15)
ax.fill_between(H, 0.03 * H / 1000, 0.04 * H / 1000, color="C2", alpha=0.3, label="Mureika 2000: 0.03-0.04 s per 1000 m")
ax.errorbar([2250], [0.19], yerr=[0.02], fmt="o", color="C3", capsize=4, label="Linthorne 2016 (Mexico City, observed)")
ax.set(xlabel="altitude [m]", ylabel="sea-level time - time run [s]", title="10.00 s men's 100 m, no wind")
ax.legend(fontsize=8)
plt.show()
print("at 2250 m: Mureika", round(ev("wind.mureika_100m", time=10.0, wind=0.0, altitude=2250.0)["correction"], 3),
      "s; fitted", round(ev("altitude.fitted_sprint", time=10.0, altitude=2250.0)["correction"], 3), "s")
"""),
    md("""
## Every published comparison on the fitted cards

Each fitted card records its comparisons with the literature (`spec.comparisons`): the fitted
value with its bootstrap 95 % CI next to the published value (± its stated uncertainty).
"""),
    code("""
import re

items = []
for name in ("wind.fitted_100m", "wind.fitted_200m", "altitude.fitted_sprint", "lanes.fitted_200m"):
    for c in reg.get(name).spec.comparisons or []:
        if isinstance(c.get("fitted"), (int, float)) and isinstance(c.get("published"), (int, float)):
            items.append((name, c))
fig, ax = plt.subplots(figsize=(9, 0.32 * len(items) + 1))
for y, (name, c) in enumerate(items):
    lo, hi = c.get("ci") or (c["fitted"], c["fitted"])
    ax.errorbar([c["fitted"]], [y], xerr=[[c["fitted"] - lo], [hi - c["fitted"]]], fmt="ko", capsize=3)
    ax.errorbar([c["published"]], [y + 0.2], xerr=[c.get("published_pm") or 0], fmt="s", color="C3", capsize=3)
def label(name, c):
    who = re.search(r"\d+\.\d+ s (?:wo)?men's \d+ ?m|(?:wo)?men's 200 m|\d+ m\b", c["quantity"])
    return f"{name} | {c['source']} | {who.group(0) if who else ''}"
ax.set_yticks(range(len(items)), [label(n, c) for n, c in items], fontsize=7)
ax.invert_yaxis()
ax.set_xlabel("s  (black: fitted with 95 % CI; red: published)")
plt.show()
for n, c in items[:3]:
    print(n, "|", c["quantity"])
"""),
    md("""
## Grade-adjusted pace

Speed factor `f` = flat-equivalent speed / speed on the grade (GAP pace = pace / f). Strava's
2017 model (reverse-engineered table, and a quartic fit of its chart) against Minetti et al.'s
(2002) energy cost, as energy equivalence and with Runalyze's 0.83 exponent. Uphill they agree
within about 10 %; downhill the treadmill energetics say steep descents are far easier than
race data show.
"""),
    code("""
from sprint_solver.models.grade import GAP_MODELS, grade_adjusted_pace, speed_factor

g = np.linspace(-30, 30, 241)
fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
for m in GAP_MODELS:
    axes[0].plot(g, speed_factor(g, m), label=m)
    axes[1].plot(g, grade_adjusted_pace(300.0, g, m) / 60, label=m)
axes[0].set(xlabel="grade [%]", ylabel="speed factor", title="GAP speed factor")
axes[1].set(xlabel="grade [%]", ylabel="flat-equivalent pace [min/km]", title="5:00 /km run on the grade")
axes[0].legend()
plt.show()
for gg in (-10, -5, 5, 10):
    print(f"{gg:+4d} %: " + ", ".join(f"{m} {float(speed_factor(gg, m)):.3f}" for m in GAP_MODELS))
"""),
    md("""
## Heat and the marathon

`heat.fitted_marathon_wbgt`: slow-down relative to a cool day (WBGT 7.5 °C) by performance
level, fitted within course × sex × age on five US marathons 1993-2016 (Ely et al. data),
against Ely et al.'s (2007) published quartile table (`heat.ely_wbgt`). The data points are
race days: the mean over ages of %-off-course-record minus that course/sex/age's mean over years.
"""),
    code("""
wb = np.linspace(2, 25, 93)
fig, ax = plt.subplots(figsize=(8, 4.5))
for level in ("all", "elite", "competitive", "recreational"):
    f = ev("heat.fitted_marathon_wbgt", wbgt=wb, level=level)
    ax.plot(wb, f["slowdown_pct"], lw=2 if level == "all" else 1, label=f"fitted, {level}")
    if level == "all":
        ax.fill_between(wb, f["slowdown_pct"] - f["ci_halfwidth"], f["slowdown_pct"] + f["ci_halfwidth"],
                        color="C0", alpha=0.15)
for sex, style in (("men", "C7-"), ("women", "C7:")):
    ax.step(wb, ev("heat.ely_wbgt", wbgt=wb, sex=sex)["slowdown_pct"], style, where="post",
            label=f"Ely 2007 quartiles, top-3 {sex}")

ely = dataset("marathon_weather_ely")
if ely:
    with open(ely / "project1.csv", encoding="utf-8-sig", newline="") as fh:
        rd = csv.reader(fh)
        head = next(rd)
        ix = {h: i for i, h in enumerate(head)}
        recs = [(int(r[0]), int(r[ix["Year"]]), int(r[2]), int(float(r[ix["Age (yr)"]])), float(r[ix["%CR"]]),
                 float(r[ix["WBGT"]])) for r in rd if r[ix["%CR"]] not in ("", "NA") and r[ix["WBGT"]] not in ("", "NA")]
    a = np.array(recs)
    race, year, sx, age, cr, wbgt = a.T
    key = race * 1e6 + sx * 1e3 + age
    _, gk = np.unique(key, return_inverse=True)
    dev = cr - (np.bincount(gk, cr) / np.bincount(gk))[gk]
    _, day = np.unique(race * 1e4 + year, return_inverse=True)
    day_dev = np.bincount(day, dev) / np.bincount(day)
    day_wbgt = np.bincount(day, wbgt) / np.bincount(day)
    # the data are centred on their own mean; put the fitted curve's mean over the same days at 0 too
    shift = ev("heat.fitted_marathon_wbgt", wbgt=day_wbgt)["slowdown_pct"].mean()
    ax.plot(day_wbgt, day_dev + shift, "k.", alpha=0.6, label=f"race days ({day_dev.size}; {len(recs)} rows)")
ax.axhline(0, color="grey", lw=0.5)
ax.set(xlabel="WBGT [°C]", ylabel="slow-down vs WBGT 7.5 °C [%]", title="Marathon slow-down with heat")
ax.legend(fontsize=8)
plt.show()
"""),
    md("""
## A velocity profile fitted to real splits

The mono-exponential model `v(t) = MSS (1 - exp(-t/τ))` fitted to Usain Bolt's 10 m splits
from the 2009 Berlin final (Graubner & Nixdorf 2011; times from the gun minus the 0.146 s
reaction time) with `fit_timing_gates(..., time_correction=True)`. The laser-measured peak
speed was 12.34 m/s. Right: the reference profile `sprint_profile.fitted_vescovi` (median of
52 female team-sport athletes' timing-gate splits, Vescovi data, timed from first movement)
with its band, and the athletes' splits shifted by each one's fitted time correction.
"""),
    code("""
from sprint_solver.models.sprint_profile import fit_timing_gates, predict_velocity

fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
splits = dataset("sprint_splits_berlin2009")
if splits:
    with open(splits / "graubner_nixdorf_berlin2009.csv", newline="") as fh:
        bolt = [r for r in csv.DictReader(fh) if r["event"] == "Men's 100 m"]
    d = np.array([float(r["distance"]) for r in bolt])
    t = np.array([float(r["splits"]) for r in bolt]) - float(bolt[0]["reaction_time"])
    d, t = d[1:], t[1:]                                 # drop the start line
    fit = fit_timing_gates(d, t, time_correction=True)
    tt = np.linspace(0, t[-1], 200)
    ax = axes[0]
    ax.plot(tt, predict_velocity(tt, fit["MSS"], fit["TAU"], fit["TC"]), "k", label="fitted mono-exponential")
    seg_v = np.diff(np.r_[0, d]) / np.diff(np.r_[0, t])
    ax.step(np.r_[0, t], np.r_[seg_v, seg_v[-1]], where="post", color="C3", label="10 m segment mean speed")
    ax.axhline(float(bolt[0]["maximal_velocity"]), ls=":", color="C2", label="laser peak 12.34 m/s")
    ax.set(xlabel="time after reaction [s]", ylabel="speed [m/s]", title="Bolt, 9.58 s, Berlin 2009")
    ax.legend(fontsize=8)
    print({k: round(fit[k], 3) for k in ("MSS", "TAU", "MAC", "PMAX", "TC", "RSE")})
    print("residuals [s]:", np.round(fit["residuals"], 3))

dist = np.linspace(1, 40, 100)
f = ev("sprint_profile.fitted_vescovi", distance=dist)
ax = axes[1]
ax.plot(dist, f["time"], "k", lw=2, label="sprint_profile.fitted_vescovi")
ax.fill_between(dist, f["time"] - f["ci_halfwidth"], f["time"] + f["ci_halfwidth"], color="k", alpha=0.15)
ves = dataset("sprint_velocity_profiles")
if ves:
    with open(ves / "vescovi_timing_gates.csv", encoding="utf-8-sig", newline="") as fh:
        vrows = list(csv.DictReader(fh))
    gates = [5, 10, 20, 30, 35]
    for r in vrows:
        # the profile's clock starts at first movement: add each athlete's fitted time correction
        ts = np.array([float(r[f"{x}m"]) for x in gates])
        ax.plot(gates, ts + fit_timing_gates(gates, ts, time_correction=True)["TC"], ".", color="C0", alpha=0.3)
    ax.plot([], [], ".", color="C0", label=f"{len(vrows)} athletes' splits + their fitted TC")
ax.set(xlabel="distance [m]", ylabel="split time [s]", title="Reference acceleration profile")
ax.legend(fontsize=8)
plt.show()
"""),
]


# =============================================================================================
# 03 - trios
# =============================================================================================
TRIOS = [
    md("""
# 3. Trio datasets: generate, validate, export

A *trio* is a query, the solver's checkable solution (tool call + step-by-step trace) and a
teacher's answer. The pipeline: a deterministic question generator → the solver → a teacher
(here the offline template teacher: no network, no keys) → validation (format, every number in
the answer checked against the solver's, grounding) → append-only JSONL → exports for
fine-tuning frameworks. This notebook builds a small dataset (n = 200) in a temporary folder.
"""),
    code("""
import json
import tempfile
from collections import Counter
from pathlib import Path

import matplotlib.pyplot as plt

from sprint_solver import Solution
from sprint_solver.trios import QueryGenerator, RunConfig, RunError, run_trios

work = Path(tempfile.mkdtemp(prefix="trios-"))
gen = QueryGenerator(seed=0)
print(len(gen.names), "calculation types; skipped:", gen.skipped)
for q in gen.stream(6):
    print(f"[{q.kind}, level {q.complexity}, {q.calculations or 'no calculation'}]\\n  {q.text}")
"""),
    md("""
## Generate

`run_trios` is what `sprint-solver trios --n 200 --out run` runs (add `--teacher openai --base-url ...
--model ...` for an LLM teacher, `--backend dask` for a cluster). Row ids are
`<config fingerprint>-<index>`, so the same configuration always produces the same rows.
"""),
    code("""
cfg = RunConfig(n=200, out=str(work / "run"), seed=0, progress=False)
manifest = run_trios(cfg)
print(manifest["status"], manifest["counts"], f"approval {manifest['approval']['overall']:.1%}")
print(f"{manifest['timing']['rows_per_s_this_session']:.0f} rows/s")
print(sorted(p.name for p in Path(cfg.out).iterdir()))
"""),
    md("""
## Approval statistics

Per check (a rejected row records the first failing check) and per calculation type.
"""),
    code("""
ap = manifest["approval"]
for check, s in ap["per_check"].items():
    print(f"{check:10s} {s['passed']:4d}/{s['evaluated']:<4d} {s['rate']:.1%}")

per_calc = sorted(ap["per_calculation"].items(), key=lambda kv: kv[1]["rate"])
fig, ax = plt.subplots(figsize=(7, 0.25 * len(per_calc) + 1))
ax.barh([k for k, _ in per_calc], [v["rate"] for _, v in per_calc], color="C0")
for y, (_, v) in enumerate(per_calc):
    ax.text(1.01, y, f"{v['kept']}/{v['total']}", va="center", fontsize=7)
ax.set(xlim=(0, 1.15), xlabel="approval rate", title="kept / generated, per calculation type")
plt.show()
"""),
    md("""
## Look at the rows

A kept row: the query, the tool call exactly as a model would make it, the solver's trace
and the teacher's answer, with every validation check.
"""),
    code("""
def read(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]

kept = read(Path(cfg.out) / "trios.jsonl")
rejected = read(Path(cfg.out) / "rejected.jsonl")
singles = [r for r in kept if r["metadata"]["kind"] == "single"]
by_type = {r["metadata"]["calculation_type"]: r for r in reversed(singles)}
row = next((by_type[c] for c in ("wind_correction", "altitude_correction", "temperature_effect_sprint",
                                 "grade_adjusted_pace") if c in by_type), singles[0])
print("QUERY:", row["query"])
call = row["solution_method"]["calls"][0]
print("TOOL CALL:", call["name"], json.dumps(call["arguments"]))
print("TRACE:\\n" + row["solution_method"]["rendered"][:1200])
print("ANSWER:", row["answer"][:900])
print("CHECKS:", [(c["name"], c["ok"]) for c in row["metadata"]["validation"]["checks"]])
"""),
    md("""
Every kept trace can be re-checked independently of the run: `Solution.verify()` recomputes each
step from its recorded inputs with the whitelisted expression evaluator. Rejected rows keep the
failing check and its reason (`rejected.jsonl`), so a weak template or teacher shows up by name.
"""),
    code("""
n_sol = n_ok = 0
for r in kept:
    for s in r["solution_method"]["solutions"]:
        n_sol += 1
        n_ok += Solution.model_validate(s).verify().ok
print(f"{n_ok}/{n_sol} traces of kept rows verify")

print("\\nrejections by check:", Counter(r["metadata"]["validation"]["failed_check"] for r in rejected))
for reason, n in Counter(r["metadata"]["validation"]["reason"][:90] for r in rejected).most_common(5):
    print(f"{n:3d}  {reason}")

fig, axes = plt.subplots(1, 2, figsize=(11, 3))
k = Counter(r["metadata"]["kind"] for r in kept)
axes[0].bar(list(k), list(k.values()))
axes[0].set_title("kept rows by kind")
c = Counter(r["metadata"]["complexity_label"] for r in kept)
axes[1].bar(list(c), list(c.values()), color="C1")
axes[1].set_title("kept rows by complexity")
plt.show()
"""),
    md("""
## Resume is exact, and refuses a changed configuration

Re-running the same configuration with `resume=True` finds every index done; a changed
configuration (here another seed) is refused with the keys that changed.
"""),
    code("""
again = run_trios(cfg, resume=True)
print("resumed:", again["counts"], "resumes:", again["resumes"])
try:
    run_trios(cfg.model_copy(update={"seed": 1}), resume=True)
except RunError as e:
    print("RunError:", e)
"""),
    md("""
## Export

Kept rows export to OpenAI chat fine-tuning (plain or with the tool-use transcript), Alpaca and
ShareGPT for LLaMA-Factory (with `dataset_info.json`) and Hugging Face `messages` + `tools`, with a
deterministic validation split stratified by calculation type (on the command line:
`sprint-solver export --format openai-tools run ft-openai`). Tool schemas in the exports are
exactly the ones `sprint_solver.tools` serves.
"""),
    code("""
from sprint_solver.trios.export import FORMATS, export

for fmt in FORMATS:
    s = export(fmt, cfg.out, work / "export" / fmt, val_fraction=0.1)
    print(f"{fmt:13s} {s['counts']}  files: {sorted(p.name for p in (work / 'export' / fmt).iterdir())}")

with open(work / "export" / "openai-tools" / "train.jsonl", encoding="utf-8") as fh:
    first = json.loads(fh.readline())
print("\\nopenai-tools row:", [m["role"] for m in first["messages"]], "|", len(first.get("tools", [])), "tools")
for m in first["messages"]:
    body = m.get("content") or json.dumps(m.get("tool_calls"))
    print(f"  {m['role']:9s} {str(body)[:110]}")
"""),
    md("""
The run folder also holds the dataset card (`README.md`, with the approval tables) and
`manifest.json`:
"""),
    code("""
print("\\n".join((Path(cfg.out) / "README.md").read_text().splitlines()[:22]))
"""),
]


# =============================================================================================
# 04 - tools
# =============================================================================================
TOOLS = [
    md("""
# 4. The solver as a tool: schemas, errors, parsing and an agent loop

`sprint_solver.tools` serves every calculation as a function-calling tool:

* `tool_definitions(format)` - JSON schemas generated from the calculations' pydantic `Params`
  (OpenAI, Anthropic, MCP, Hugging Face);
* `call_tool(name, arguments)` - runs one call and **never raises**: `{"ok": true, "result": ...}` or a
  structured error a model can act on;
* `parse_tool_calls`, `execute_tool_calls`, `format_tool_message` - read calls out of a model's output
  (OpenAI messages, Hermes `<tool_call>` text, Llama 3.x JSON, Anthropic blocks), run them and
  answer in the call's own format.

The last section runs a full agent loop with the real `openai` client against a tiny scripted
OpenAI-compatible server started in this notebook on 127.0.0.1 (no network, no keys).
"""),
    code("""
import json

from sprint_solver.tools import (call_tool, execute_tool_calls, format_tool_message, parse_tool_calls,
                                 tool_definitions, tool_messages)

tools = tool_definitions("openai")
print(len(tools), "tools:", ", ".join(t["function"]["name"] for t in tools))
wind = next(t for t in tools if t["function"]["name"] == "wind_correction")
print(wind["function"]["description"][:300], "...")
for name, prop in wind["function"]["parameters"]["properties"].items():
    print(f"  {name:10s} {prop['description'][:100]}")
print("required:", wind["function"]["parameters"].get("required"))
"""),
    code("""
for fmt in ("anthropic", "mcp", "hf"):
    d = tool_definitions(fmt)[0]
    print(f"{fmt:9s} keys: {sorted(d)}")
"""),
    md("""
## A call, and a structured error a model can act on

The error names the field, the value, the valid range and its unit, so a model can correct
the call rather than give up. Unknown tools and malformed JSON get the same treatment.
"""),
    code("""
ok = call_tool("wind_correction", {"time": "10.00", "wind": "2 m/s headwind"})
r = ok["result"]
print(ok["ok"], r["answer"], "| confidence", r["confidence"])
for step in r["trace"]:
    print(f"  {step['index']}. {step['title']}: {step['equation']} = {step['value']:.4g} {step['unit']}")

for name, args in [("wind_correction", {"time": 10.0, "wind": 45}),
                   ("wind_correction", {"wind": 2.0}),
                   ("wind_corection", {"time": 10.0, "wind": 2.0}),
                   ("wind_correction", '{"time": 10.0, "wind": }')]:
    print(json.dumps(call_tool(name, args)["error"]))
"""),
    md("""
## Tool calls out of raw model text

Open-weight models emit calls as text. The same parser reads Hermes/Qwen `<tool_call>` blocks,
Llama 3.x JSON (after `<|python_tag|>`, or `<function=...>` tags) and OpenAI messages; results go
back in the call's own format (`tool` message with `<tool_response>` for Hermes, `ipython` for Llama).
"""),
    code("""
outputs = {
    "hermes": 'Let me compute that.\\n<tool_call>\\n{"name": "wind_correction", "arguments": '
              '{"time": 10.0, "wind": -2.0}}\\n</tool_call>',
    "llama": '<|python_tag|>{"name": "points", "parameters": {"time": "9.58", "event": "100m"}}<|eom_id|>',
    "llama <function=>": '<function=grade_adjusted_pace>{"pace": "5:00 /km", "grade": 8}</function>',
    "openai": {"role": "assistant", "content": None, "tool_calls": [
        {"id": "call_1", "type": "function",
         "function": {"name": "air_density", "arguments": '{"temperature": 25, "altitude": 1000}'}}]},
    "broken": '<tool_call>{"name": "wind_correction", "arguments": {"time": 10.0, "wind": }}</tool_call>',
}
for label, out in outputs.items():
    for res in execute_tool_calls(out):
        c = res.call
        summary = res.result["result"]["answer"] if res.ok else res.result["error"]["message"]
        msg = res.message()
        print(f"{label:18s} {c.format:7s} {c.name}({c.arguments}) -> {summary}")
        print(f"{'':18s} reply as role={msg.get('role')!r}: {str(msg.get('content'))[:90]}...")
"""),
    md("""
## A full agent loop with the `openai` client

A tiny OpenAI-compatible server (stdlib `http.server` in a thread) plays the model with a fixed
script: it first calls `wind_correction` with a wind it misread (-20 m/s), reads the structured
error, retries with -2.0 m/s, then answers from the tool's result. The client side is the loop
an application would run: send the messages and the tool schemas, execute any tool calls with
`tool_messages`, send the results back, stop at a plain answer.
"""),
    code("""
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

seen_requests = []


def scripted_model(messages):
    \"\"\"The 'model': decides its next message from the conversation so far.\"\"\"
    results = [json.loads(m["content"]) for m in messages if m["role"] == "tool"]
    if not results:
        return {"tool_calls": [{"name": "wind_correction", "arguments": {"time": 10.0, "wind": -20}}]}
    last = results[-1]
    if not last["ok"]:
        err = last["error"]           # field, value and valid range: enough to fix the call
        assert err["field"] == "wind" and not err["valid_range"]["min"] <= err["value"] <= err["valid_range"]["max"]
        return {"tool_calls": [{"name": "wind_correction", "arguments": {"time": 10.0, "wind": -2.0}}]}
    r = last["result"]
    corr = next(o for o in r["outputs"] if o["name"] == "correction")
    return {"content": f"Into a 2.0 m/s headwind, your 10.00 s is worth about {r['result']['display']} in still "
                       f"air (correction {corr['display']}; {r['method']}, confidence {r['confidence']:.2f})."}


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        if self.path.rstrip("/") != "/v1/chat/completions":
            self.send_error(404)
            return
        req = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        seen_requests.append(req)
        turn = scripted_model(req["messages"])
        msg = {"role": "assistant", "content": turn.get("content")}
        if "tool_calls" in turn:
            msg["tool_calls"] = [{"id": f"call_{len(seen_requests)}_{i}", "type": "function",
                                  "function": {"name": c["name"], "arguments": json.dumps(c["arguments"])}}
                                 for i, c in enumerate(turn["tool_calls"])]
        body = json.dumps({"id": f"chatcmpl-{len(seen_requests)}", "object": "chat.completion",
                           "created": int(time.time()), "model": req["model"],
                           "choices": [{"index": 0, "message": msg,
                                        "finish_reason": "tool_calls" if "tool_calls" in turn else "stop"}],
                           "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):       # keep the notebook output clean
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
print("scripted model at", base_url)
"""),
    code("""
import os

from openai import OpenAI

# a proxy from the environment must not intercept this local call
os.environ["NO_PROXY"] = ",".join(filter(None, [os.environ.get("NO_PROXY"), "127.0.0.1"]))
client = OpenAI(base_url=base_url, api_key="not-needed", max_retries=0, timeout=30)

messages = [{"role": "system", "content": "You are a sprint coach. Use the tools for every calculation."},
            {"role": "user", "content": "I ran 10.00 in the 100 m into a 2.0 m/s headwind. "
                                        "What is that worth in still air?"}]
for turn in range(5):
    reply = client.chat.completions.create(model="scripted", messages=messages, tools=tools)
    msg = reply.choices[0].message
    messages.append(msg.model_dump(exclude_none=True))
    if not msg.tool_calls:
        break
    messages += tool_messages(msg)      # parse, run and answer every call in the assistant message

for m in messages:
    if m.get("tool_calls"):
        text = "; ".join(f"{c['function']['name']}({c['function']['arguments']})" for c in m["tool_calls"])
    elif m["role"] == "tool":
        res = json.loads(m["content"])
        text = res["result"]["answer"] if res["ok"] else f"error: {res['error']['message']}"
    else:
        text = m["content"]
    print(f"{m['role']:9s} {text}")
print(f"\\n{len(seen_requests)} requests; each carried {len(seen_requests[0]['tools'])} tool schemas")
"""),
    code("""
server.shutdown()
server.server_close()
client.close()
"""),
]


NOTEBOOKS = {"02_models.ipynb": MODELS, "03_trios.ipynb": TRIOS, "04_tools.ipynb": TOOLS}


def build(cells) -> nbformat.NotebookNode:
    nb = new_notebook(cells=cells, metadata=KERNEL)
    # stable ids keep regenerated files diff-free
    for i, c in enumerate(nb.cells):
        c["id"] = f"cell-{i:02d}"
    return nb


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only compare with the stored notebooks")
    args = ap.parse_args()
    stale = []
    for name, cells in NOTEBOOKS.items():
        text = nbformat.writes(build(cells))
        path = HERE / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print("wrote", path)
    if stale:
        print("out of date (run python notebooks/make_notebooks.py):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
