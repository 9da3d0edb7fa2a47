"""Evaluation of the published grade models (Minetti 2002, Strava's table) on real runs.

No registry card: this is a report (``models/grade_evaluation.md``). Two checks:

1. **Grade computation** against the platform's own smoothed grade: for the Strava
   streams (``grade_smooth``) our distance-window smoothed grade is compared point by
   point (MAE in grade %, correlation) for several smoothing windows.
2. **Heart-rate consistency** (the idea behind Strava's 2017 model): in steady 60 s
   windows of a run, a good grade-adjusted speed should explain heart rate better
   than the raw speed. Per activity we regress window heart rate on
   speed x factor(grade) for no adjustment, Minetti (energy) and Strava's table, and
   report R^2 and the slope of the residuals against grade (0 = the model removed
   the grade effect). The data are 9 runs (7 with heart rate); it is a sanity check,
   not a validation study.
"""
from __future__ import annotations

import json
from typing import Any

import numpy as np

from .common import TrainContext
from .features import sig
from .ingest import IngestStats, read_activity, sha256_file

WINDOW_S = 60.0
HR_LAG_S = 15.0
MIN_SPEED = 1.5
MODELS = ("none", "minetti", "strava")


def _factor(grade: np.ndarray, model: str) -> np.ndarray:
    if model == "none":
        return np.ones_like(grade)
    from ..models.grade import speed_factor
    return np.asarray(speed_factor(np.clip(grade, -45, 45), model), float)


def _grade(distance, elevation, window):
    from ..models.grade import smoothed_grade
    return smoothed_grade(distance, elevation, window)[0]


def grade_agreement(a, windows=(10.0, 25.0, 50.0, 100.0)) -> dict[str, Any]:
    """Our smoothed grade vs the platform's ``grade_smooth`` (moving points only)."""
    ok = np.isfinite(a.distance) & np.isfinite(a.elevation) & np.isfinite(a.grade_smooth)
    d, e, gs = a.distance[ok], a.elevation[ok], a.grade_smooth[ok]
    keep = np.r_[True, np.diff(d) > 0]
    d, e, gs = d[keep], e[keep], gs[keep]
    out = {}
    for w in windows:
        g = _grade(d, e, w)
        out[f"{w:g} m"] = {"mae_grade_pct": float(np.mean(np.abs(g - gs))),
                           "corr": float(np.corrcoef(g, gs)[0, 1]) if np.std(g) > 0 else None}
    out["platform_grade_range"] = [float(gs.min()), float(gs.max())]
    return out


def windows(a, window_m: float = 50.0) -> dict[str, np.ndarray] | None:
    """Steady 60 s windows: mean speed, distance-weighted grade, heart rate (lagged)."""
    ok = np.isfinite(a.time) & np.isfinite(a.distance) & np.isfinite(a.elevation)
    t, d, e = a.time[ok], a.distance[ok], a.elevation[ok]
    hr = a.heart_rate[ok]
    if len(t) < 100 or not np.isfinite(hr).any():
        return None
    order = np.argsort(t)
    t, d, e, hr = t[order], d[order], e[order], hr[order]
    dd = np.maximum.accumulate(d)
    g = np.zeros_like(dd)
    mv = np.r_[True, np.diff(dd) > 0]
    g[mv] = _grade(dd[mv], e[mv], window_m)
    g = np.interp(np.arange(len(dd)), np.flatnonzero(mv), g[mv])
    edges = np.arange(t[0], t[-1], WINDOW_S)
    rows = []
    for lo in edges[:-1]:
        m = (t >= lo) & (t < lo + WINDOW_S)
        mh = (t >= lo + HR_LAG_S) & (t < lo + WINDOW_S + HR_LAG_S)
        if m.sum() < 5 or not np.isfinite(hr[mh]).any():
            continue
        i0, i1 = np.flatnonzero(m)[[0, -1]]
        dist = dd[i1] - dd[i0]
        dt = t[i1] - t[i0]
        if dt <= 0:
            continue
        v = dist / dt
        if v < MIN_SPEED:
            continue
        seg = np.diff(dd[i0:i1 + 1])
        gw = float(np.sum(seg * g[i0 + 1:i1 + 1]) / max(np.sum(seg), 1e-9))
        rows.append((v, gw, float(np.nanmean(hr[mh]))))
    if len(rows) < 10:
        return None
    r = np.asarray(rows)
    return {"speed": r[:, 0], "grade": r[:, 1], "hr": r[:, 2]}


def hr_check(w: dict[str, np.ndarray]) -> dict[str, Any]:
    out: dict[str, Any] = {"n_windows": int(len(w["hr"])), "grade_range": [float(w["grade"].min()),
                                                                          float(w["grade"].max())]}
    for m in MODELS:
        x = w["speed"] * _factor(w["grade"], m)
        A = np.column_stack([np.ones_like(x), x])
        b, *_ = np.linalg.lstsq(A, w["hr"], rcond=None)
        res = w["hr"] - A @ b
        r2 = 1 - np.sum(res ** 2) / np.sum((w["hr"] - w["hr"].mean()) ** 2)
        slope = float(np.polyfit(w["grade"], res, 1)[0]) if np.std(w["grade"]) > 0 else 0.0
        out[m] = {"r2": float(r2), "residual_slope_bpm_per_grade_pct": slope}
    return out


def evaluate(ctx: TrainContext) -> dict[str, Any] | None:
    d = None if ctx.generic else ctx.dataset("running_activities")
    if d is None:
        return None
    st = IngestStats()
    res: dict[str, Any] = {"grade_agreement": {}, "heart_rate_check": {}, "skipped": {}}
    for p in sorted(d.iterdir()):
        if not p.is_file() or p.name == "SOURCE.md":
            continue
        a = read_activity(p)
        if a is None:
            continue
        st.files[p.name] = sha256_file(p)
        st.rows += len(a.time)
        if a.grade_smooth is not None:
            res["grade_agreement"][p.name] = grade_agreement(a)
        w = windows(a)
        if w is None:
            res["skipped"][p.name] = "no heart rate or fewer than 10 steady 60 s windows"
            continue
        res["heart_rate_check"][p.name] = hr_check(w)
    ctx.stats["running_activities"] = st
    hr = res["heart_rate_check"]
    hilly = {k: v for k, v in hr.items() if v["grade_range"][1] - v["grade_range"][0] >= 6.0}
    res["summary"] = {
        "activities_with_hr": len(hr), "hilly_activities (window grade range >= 6 %)": len(hilly),
        "best_r2_count": {m: sum(1 for v in hilly.values() if max(MODELS, key=lambda k: v[k]["r2"]) == m)
                          for m in MODELS},
        "mean_abs_residual_slope": {m: float(np.mean([abs(v[m]["residual_slope_bpm_per_grade_pct"])
                                                       for v in hilly.values()])) if hilly else None
                                    for m in MODELS}}
    res["files_sha256"] = dict(st.files)
    return sig(res)


def report(ctx: TrainContext) -> dict[str, str]:
    res = evaluate(ctx)
    if res is None:
        return {}
    L = ["# Grade models on real runs: Minetti (2002) vs Strava's GAP table", "",
         "_Generated by `sprint-solver train` (`grade` family); no registry card: an evaluation._", "",
         "Data: `running_activities` (9 real GPX/TCX/FIT/CSV/Strava-stream files, MIT; see its SOURCE.md). "
         "Read with the library's own streaming readers (the FIT decoder needs no third-party package).", "",
         "## 1. Our smoothed grade vs the platform's own `grade_smooth`", "",
         "| file | window | MAE [grade %] | correlation |", "|---|---|---|---|"]
    for f, ga in res["grade_agreement"].items():
        for w, v in ga.items():
            if isinstance(v, dict):
                L.append(f"| {f} | {w} | {v['mae_grade_pct']:.3f} | {v['corr'] if v['corr'] is None else round(v['corr'], 3)} |")
        L.append(f"| {f} | platform grade range | {ga['platform_grade_range']} | |")
    L += ["", "## 2. Does the grade adjustment explain heart rate? (60 s windows, HR lagged 15 s)", "",
          "R^2 of window heart rate on speed x factor(grade); residual slope in bpm per grade % "
          "(closer to 0 = grade effect removed).", "",
          "| file | windows | grade range [%] | R^2 none | R^2 Minetti | R^2 Strava | slope none | slope Minetti | "
          "slope Strava |", "|---|---|---|---|---|---|---|---|---|"]
    for f, v in res["heart_rate_check"].items():
        L.append(f"| {f} | {v['n_windows']} | [{v['grade_range'][0]:.1f}, {v['grade_range'][1]:.1f}] | "
                 + " | ".join(f"{v[m]['r2']:.3f}" for m in MODELS) + " | "
                 + " | ".join(f"{v[m]['residual_slope_bpm_per_grade_pct']:+.2f}" for m in MODELS) + " |")
    for f, why in res["skipped"].items():
        L.append(f"| {f} | skipped: {why} | | | | | | | |")
    s = res["summary"]
    L += ["", "## Findings", "",
          f"- Hilly runs with heart rate: {s['hilly_activities (window grade range >= 6 %)']} of "
          f"{s['activities_with_hr']}; best R^2 per run: {s['best_r2_count']}.",
          f"- Mean |residual slope| (bpm per grade %): {json.dumps(s['mean_abs_residual_slope'])}.",
          f"- Grade: {_best_window(res)}",
          "- Caveat: 9 files, a handful of runners, heart rate lags and drifts with time; this checks the "
          "implementations and the direction of the models, it is not a statistically meaningful GAP validation.",
          "",
          "<details><summary>raw results (JSON)</summary>", "", "```json",
          json.dumps(res, indent=2, sort_keys=True), "```", "", "</details>"]
    return {"grade_evaluation.md": "\n".join(L) + "\n"}


def _best_window(res: dict[str, Any]) -> str:
    out = []
    for f, ga in res["grade_agreement"].items():
        ws = {k: v for k, v in ga.items() if isinstance(v, dict)}
        if ws:
            best = min(ws, key=lambda k: ws[k]["mae_grade_pct"])
            out.append(f"on {f} a {best} distance window agrees best with the platform's `grade_smooth` "
                       f"(MAE {ws[best]['mae_grade_pct']:.2f} grade %, r = {ws[best]['corr']:.2f}; platform "
                       f"grade range {ga['platform_grade_range']} %, i.e. a flat run)")
    return "; ".join(out) or "no activity carries a platform grade"


def train(ctx: TrainContext) -> list:
    return []
