"""Heat and marathon performance: % slower than the course record vs WBGT (Ely data).

Data: five US marathons 1993-2016 (Boston, Chicago, New York, Twin Cities,
Grandma's), one row per race x year x sex x single-year age: the percent off the
course record and the race-day weather (Ely et al. 2007 data, ``marathon_weather_ely``).

Design: a course x sex x age fixed effect absorbs course difficulty and the
performance level of that age group; a linear year term absorbs course-record
progression; the weather term is piecewise linear in WBGT with a hinge
(knot chosen by CV among 10 and 15 degC, or none):

    %CR = mu[course, sex, age] + b_year (year - 2005) + b1 (W - W_ref) + b2 ((W - knot)+ - (W_ref - knot)+)

Levels: each (sex, age) is assigned a performance level from its median %CR over
all races (elite <= 10 %, competitive 10-30 %, recreational 30-60 %, slower
> 60 %); each level gets its own fit, plus one over all levels. Grouped CV by race
day (the weather is per race day); the published comparator is Ely 2007's
quartile table.
"""
from __future__ import annotations

import csv
from typing import Any

import numpy as np

from ..spec import IOSpec, ModelSpec
from .common import REFS, TrainContext, provenance
from .features import cluster_weights, fe_lstsq, percentile_ci, sig
from .ingest import IngestStats, sha256_file

VERSION = "1.0.0"
REF_WBGT = 7.5          # degC, centre of Ely's coolest quartile (5-10 degC)
KNOTS = (None, 10.0, 15.0)
LEVELS = {"elite": (-100.0, 10.0), "competitive": (10.0, 30.0), "recreational": (30.0, 60.0),
          "slower": (60.0, 1e9)}
#: Ely 2007 (abstract): % slower than course record per WBGT quartile, top-3 finishers
ELY_BANDS = {"edges": [5.1, 10.0, 15.0, 20.0, 25.0],
             "men": [1.7, 2.5, 3.3, 4.5], "men_sd": [1.5, 2.1, 2.0, 2.3],
             "women": [3.2, 3.2, 3.8, 5.4]}
QUARTILE_MID = [7.5, 12.5, 17.5, 22.5]


def load(ctx: TrainContext) -> tuple[dict[str, np.ndarray], dict[str, int], dict[str, str]]:
    d = ctx.dataset("marathon_weather_ely")
    f = d / "project1.csv"
    rows = []
    dropped = {"weather (WBGT) missing for the race day": 0, "%CR missing": 0}
    with open(f, encoding="utf-8-sig", newline="") as fh:
        rd = csv.reader(fh)
        head = next(rd)
        ix = {h: i for i, h in enumerate(head)}
        for r in rd:
            cr, w = r[ix["%CR"]].strip(), r[ix["WBGT"]].strip()
            if not cr or cr == "NA":
                dropped["%CR missing"] += 1
                continue
            if not w or w == "NA":
                dropped["weather (WBGT) missing for the race day"] += 1
                continue
            rows.append((int(r[0]), int(r[ix["Year"]]), int(r[2]), int(float(r[ix["Age (yr)"]])), float(cr), float(w)))
    a = np.asarray(rows, float)
    cols = dict(race=a[:, 0].astype(int), year=a[:, 1].astype(int), sex=a[:, 2].astype(int),
                age=a[:, 3].astype(int), cr=a[:, 4], wbgt=a[:, 5])
    st = IngestStats()
    st.files = {p.name: sha256_file(p) for p in sorted(d.glob("*")) if p.is_file()}
    st.rows = len(rows) + sum(dropped.values())
    ctx.stats["marathon_weather_ely"] = st
    return cols, dropped, st.files


def levels(c: dict[str, np.ndarray]) -> np.ndarray:
    """Performance level of each (sex, age): from its median %CR over all races and years."""
    key = c["sex"] * 1000 + c["age"]
    out = np.empty(len(key), dtype=object)
    for k in np.unique(key):
        m = key == k
        med = float(np.median(c["cr"][m]))
        out[m] = next(n for n, (lo, hi) in LEVELS.items() if lo < med <= hi)
    return out


def basis(w: np.ndarray, knot: float | None) -> np.ndarray:
    b2 = np.zeros_like(w) if knot is None else np.maximum(w - knot, 0) - max(REF_WBGT - knot, 0)
    return np.column_stack([w - REF_WBGT, b2])


def _fit(c, m, knot, wts=None):
    g = np.unique(c["race"][m] * 10 ** 6 + c["sex"][m] * 1000 + c["age"][m], return_inverse=True)[1]
    X = np.column_stack([basis(c["wbgt"][m], knot), c["year"][m] - 2005.0])
    if knot is None:
        X = X[:, [0, 2]]
    b = fe_lstsq(c["cr"][m], X, g, None if wts is None else wts[m])
    return np.array([b[0], 0.0, b[1]]) if knot is None else b


def _predict_cv(c, m, knot, day, folds, k):
    """Held-out race days: mu from the same course/sex/age on training days + weather + trend."""
    tr, te = m & (folds != k), m & (folds == k)
    b = _fit(c, tr, knot)
    X = np.column_stack([basis(c["wbgt"], knot), c["year"] - 2005.0])
    resid = c["cr"] - X @ b
    key = c["race"] * 10 ** 6 + c["sex"] * 1000 + c["age"]
    mu = {}
    for kk in np.unique(key[tr]):
        mu[kk] = float(np.mean(resid[tr & (key == kk)]))
    ok = te & np.isin(key, list(mu))
    pred = np.array([mu[kk] for kk in key[ok]]) + (X[ok] @ b)
    return ok, pred, b


def _ely_step(w: np.ndarray, sex: np.ndarray) -> np.ndarray:
    """Ely 2007 quartile table as a step function, relative to the coolest quartile."""
    q = np.clip(np.searchsorted(ELY_BANDS["edges"][1:-1], w, side="right"), 0, 3)
    men = np.asarray(ELY_BANDS["men"]) - ELY_BANDS["men"][0]
    women = np.asarray(ELY_BANDS["women"]) - ELY_BANDS["women"][0]
    return np.where(sex == 1, men[q], women[q])


def train(ctx: TrainContext) -> list[ModelSpec]:
    if ctx.generic or ctx.dataset("marathon_weather_ely") is None:
        return []
    c, dropped, files = load(ctx)
    lv = levels(c)
    day = c["race"] * 10000 + c["year"]
    uday = np.unique(day)
    rng_f = np.random.default_rng(ctx.salt("heat-folds"))
    fold_of = dict(zip(uday, rng_f.permutation(len(uday)) % ctx.folds))
    folds = np.array([fold_of[x] for x in day])

    groups = {"all": np.ones(len(day), bool)}
    groups.update({name: lv == name for name in LEVELS})
    # knot by grouped CV on all levels
    cv_knot: dict[str, Any] = {}
    for knot in KNOTS:
        err = []
        for k in range(ctx.folds):
            ok, pred, _ = _predict_cv(c, groups["all"], knot, day, folds, k)
            err.append(pred - c["cr"][ok])
        e = np.concatenate(err)
        cv_knot[str(knot)] = {"mae": float(np.mean(np.abs(e))), "n": int(len(e))}
    knot = min(KNOTS, key=lambda kn: (round(cv_knot[str(kn)]["mae"], 3), kn is not None))

    params: dict[str, Any] = {"reference_wbgt": REF_WBGT, "knot": knot if knot is not None else 1e9,
                              "levels": {}, "level_definition": {k: list(v) for k, v in LEVELS.items()}}
    metrics: dict[str, Any] = {"knot_selection": cv_knot, "heldout": {}, "slope_per_degC": {}}
    comparisons: list[dict[str, Any]] = []
    day_idx = np.unique(day, return_inverse=True)[1]
    kn = knot
    for name, m in groups.items():
        if m.sum() < 200:
            continue
        b = _fit(c, m, kn)
        rng = ctx.rng("heat" + name)
        B = np.asarray([_fit(c, m, kn, cluster_weights(day_idx, rng)) for _ in range(ctx.bootstrap)])
        params["levels"][name] = {"coef": list(b[:2]), "cov": np.cov(B[:, :2].T).tolist(),
                                  "year_trend_pct": float(b[2]), "n_rows": int(m.sum())}
        # held-out race days: fitted vs Ely's table vs no weather term
        e_fit, e_ely, e_none = [], [], []
        for k in range(ctx.folds):
            ok, pred, bk = _predict_cv(c, m, kn, day, folds, k)
            Xw = basis(c["wbgt"][ok], kn) @ bk[:2]
            base = pred - Xw
            y = c["cr"][ok]
            e_fit.append(pred - y)
            e_none.append(base + _mean_weather_effect(c, m & (folds != k), kn, bk) - y)
            e_ely.append(base + _ely_step(c["wbgt"][ok], c["sex"][ok]) -
                         _mean_ely(c, m & (folds != k)) + _mean_weather_effect(c, m & (folds != k), kn, bk) - y)
        metrics["heldout"][name] = {k2: _summ(np.concatenate(v)) for k2, v in
                                    (("fitted", e_fit), ("Ely 2007 quartile table", e_ely), ("no weather term", e_none))}
        lo_slope = B[:, 0]
        hi_slope = B[:, 0] + B[:, 1]
        metrics["slope_per_degC"][name] = {
            "below_knot": float(b[0]), "below_knot_ci95": percentile_ci(lo_slope),
            "above_knot": float(b[0] + b[1]), "above_knot_ci95": percentile_ci(hi_slope)}
        if name in ("elite", "all"):
            Xq = basis(np.asarray(QUARTILE_MID), kn)
            fitted_q = Xq @ b[:2]
            samples = B[:, :2] @ Xq.T
            for i in (1, 2, 3):
                for sx in ("men", "women"):
                    pub = ELY_BANDS[sx][i] - ELY_BANDS[sx][0]
                    comparisons.append({
                        "source": f"Ely 2007 (top-3 {sx}, quartile Q{i + 1} minus Q1)",
                        "quantity": f"extra % slower than course record at WBGT {QUARTILE_MID[i]:.1f} vs "
                                    f"{QUARTILE_MID[0]:.1f} degC, level {name}",
                        "published": pub, "fitted": float(fitted_q[i]), "ci": percentile_ci(samples[:, i])})
    comparisons.append({"source": "Mantzios 2022", "quantity": "% slower per degC WBGT above the optimum "
                        "(all levels, above the knot)", "published": [0.3, 0.4],
                        "fitted": metrics["slope_per_degC"]["all"]["above_knot"],
                        "ci": metrics["slope_per_degC"]["all"]["above_knot_ci95"]})
    metrics["n_race_days"] = int(len(uday))
    metrics["wbgt_range"] = [float(c["wbgt"].min()), float(c["wbgt"].max())]
    prov = provenance(ctx, ["marathon_weather_ely"], None, len(day), dropped,
                      notes=["fixed effects: course x sex x single-year age; linear year trend; bootstrap "
                             "clusters: race days", "performance level of a (sex, age): median %CR over all "
                             "races and years"])
    unc = {"method": "cluster bootstrap over race days", "n": ctx.bootstrap, "level": 0.95,
           "note": f"fitted heat model: 95 % CI from a {ctx.bootstrap}-sample race-day bootstrap; "
                   f"only {len(uday)} race days carry the weather signal"}
    return [_spec(sig(params), sig(metrics), sig(comparisons), prov, unc)]


def _mean_weather_effect(c, m, knot, b):
    return float(np.mean(basis(c["wbgt"][m], knot) @ b[:2])) if m.any() else 0.0


def _mean_ely(c, m):
    return float(np.mean(_ely_step(c["wbgt"][m], c["sex"][m]))) if m.any() else 0.0


def _summ(e):
    return {"mae": float(np.mean(np.abs(e))), "rmse": float(np.sqrt(np.mean(e ** 2))),
            "median_ae": float(np.median(np.abs(e))), "n": int(len(e))}


def _spec(params, metrics, comparisons, prov, unc) -> ModelSpec:
    lv = ["all", *LEVELS]
    wr = metrics["wbgt_range"]
    return ModelSpec(
        name="heat.fitted_marathon_wbgt", version=VERSION, family="heat", kind="fitted",
        summary="Data-fitted marathon slow-down vs WBGT, by performance level (Ely five-marathon data)",
        citation="the fitted marathon heat model (Ely et al. five-marathon data, 1993-2016)",
        equation=f"slowdown% = b1*(WBGT - {REF_WBGT}) + b2*((WBGT - knot)+ - ({REF_WBGT} - knot)+), per level",
        equation_latex=r"\Delta\% = b_1 (W - W_{ref}) + b_2\left[(W - k)_+ - (W_{ref} - k)_+\right]",
        implementation="fitted.heat_wbgt",
        inputs=[IOSpec(name="wbgt", unit="degC", description="race wet-bulb globe temperature", min=-30.0,
                       max=45.0, valid_min=round(wr[0], 1), valid_max=round(wr[1], 1)),
                IOSpec(name="level", unit="1", description="performance level: all, elite (within ~10 % of the "
                       "course record), competitive (10-30 %), recreational (30-60 %), slower (> 60 %)",
                       dtype="str", choices=lv, default="all", required=False)],
        outputs=[IOSpec(name="slowdown_pct", unit="%", description=f"% slower than at WBGT {REF_WBGT} degC",
                        tolerance=0.05),
                 IOSpec(name="ci_halfwidth", unit="%", description="95 % bootstrap half-width", tolerance=0.05)],
        references=[REFS["ely2007"]],
        assumptions=[f"reference conditions: WBGT {REF_WBGT} degC (centre of Ely's coolest quartile)",
                     "the row for each single-year age is that age's best finisher (codesheet: % off course "
                     "record); levels are defined from each age's typical %CR",
                     "weather is the race-day value for the whole field"],
        validity=[f"fitted on WBGT {wr[0]:.1f}-{wr[1]:.1f} degC at five US big-city marathons",
                  "race days are few: the curve is uncertain above ~20 degC",
                  "pacing, wind and course changes across years are not modelled beyond a linear trend"],
        parameters=params, provenance=prov, metrics=metrics, comparisons=comparisons, uncertainty=unc)
