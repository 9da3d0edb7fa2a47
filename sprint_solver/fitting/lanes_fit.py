"""Lane effect on the 200 m from World Championships first rounds (Munro 2022 data).

First-round lanes at World Championships are drawn at random, so the lane is
independent of ability: a clean natural experiment (Munro 2022). Design:

    t - SB = mu[championship, sex] + lane effect[lane] + c . g(t, w) + b (SB - median SB) + e

with lane 4 as the reference, the wind as a nuisance term (basis of the fitted wind
model), and a season-best level term. Fitted per sex; race-cluster bootstrap.
Held-out check: grouped CV by athlete, marks predicted from SB + round-1 offset,
with and without the lane term, and with Mureika's lane-specific wind terms.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from ..models.fitted import wind_basis
from ..models.wind import _M200_MEN, _M200_OTHER, mureika_200m, mureika_200m_inverse
from ..spec import IOSpec, ModelSpec
from .common import REFS, TrainContext, provenance
from .features import Table, cluster_weights, fe_lstsq, group_ids, grouped_folds, percentile_ci, person_key, \
    sig, to_table, usable_times

VERSION = "1.0.0"
LANES = list(range(1, 10))
BASE_LANE = 4
SEXES = ("men", "women")
SLOW_FRACTION = 0.05


def load(ctx: TrainContext) -> Table:
    t = ctx.table("munro_wc_round1")
    t = usable_times(t.filter(t["event"] == "200m"))
    t = t.filter(np.isfinite(t["wind"]), "wind missing")
    t = t.filter(np.isfinite(t["sb"]), "season best missing")
    t = t.filter(np.isin(t["lane"], LANES), "lane missing or outside 1-9")
    t = t.filter(np.isin(t["sex"], SEXES), "sex missing")
    return t.filter(t["time"] <= t["sb"] * (1 + SLOW_FRACTION),
                    f"more than {SLOW_FRACTION:.0%} slower than the season best (eased off / injured)")


def design(t: Table, lanes_on: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    y = t["time"] - t["sb"]
    cols = [-wind_basis(t["time"], t["wind"], 200.0), (t["sb"] - np.median(t["sb"]))[:, None]]
    if lanes_on:
        cols.append(np.column_stack([(t["lane"] == L).astype(float) for L in LANES if L != BASE_LANE]))
    X = np.column_stack(cols)
    g = np.unique(group_ids(t["category"], t["sex"]), return_inverse=True)[1]
    return y, X, g


def fit(t: Table, w: np.ndarray | None = None, lanes_on: bool = True) -> np.ndarray:
    y, X, g = design(t, lanes_on)
    return fe_lstsq(y, X, g, w)


def lane_effects(beta: np.ndarray) -> np.ndarray:
    """Effect of lanes 1..9 relative to the base lane (positive = slower)."""
    eff = np.zeros(len(LANES))
    rest = beta[3:]
    j = 0
    for i, L in enumerate(LANES):
        if L != BASE_LANE:
            eff[i] = rest[j]
            j += 1
    return eff


def _predict(train: Table, test: Table, lanes_on: bool) -> np.ndarray:
    b = fit(train, lanes_on=lanes_on)
    y, X, g = design(train, lanes_on)
    off = float(np.median(y - X @ b))
    yt, Xt, _ = design(test, lanes_on)
    Xt[:, 2] = test["sb"] - np.median(train["sb"])
    return test["sb"] + off + Xt @ b


def train(ctx: TrainContext) -> list[ModelSpec]:
    if not ctx.generic and ctx.dataset("munro_wc_round1") is None:
        return []
    raw = load(ctx)
    if len(raw) < 200:
        return []
    params: dict[str, Any] = {"lanes": LANES, "baseline_lane": BASE_LANE, "effects": {}, "cov": {},
                              "wind_coef": {}}
    metrics: dict[str, Any] = {"heldout_cv": {}, "lane8_minus_lane2": {}, "n_rows": {}}
    comparisons: list[dict[str, Any]] = []
    for sx in SEXES:
        t = raw.filter(raw["sex"] == sx)
        beta = fit(t)
        eff = lane_effects(beta)
        rng = ctx.rng("lanes" + sx)
        cl = group_ids(t["race"])
        B = np.asarray([lane_effects(fit(t, cluster_weights(cl, rng))) for _ in range(ctx.bootstrap)])
        params["effects"][sx] = eff
        params["cov"][sx] = np.cov(B.T)
        params["wind_coef"][sx] = beta[:2]
        metrics["n_rows"][sx] = len(t)
        d82 = B[:, LANES.index(8)] - B[:, LANES.index(2)]
        metrics["lane8_minus_lane2"][sx] = {"fitted": float(eff[7] - eff[1]), "ci95": percentile_ci(d82)}
        comparisons.append({"source": "Munro 2022", "quantity": f"lane 8 minus lane 2, {sx}'s 200 m round 1 [s] "
                            "(published: lane 8 roughly 0.2 s faster than lane 2, men and women pooled)",
                            "published": -0.2, "fitted": float(eff[7] - eff[1]), "ci": percentile_ci(d82)})
        # Mureika's lane terms: still air -> no lane effect by construction; +2 m/s -> lane-specific wind gain
        tref = 20.0 if sx == "men" else 22.5
        coef = _M200_MEN if (sx == "men" and tref < 21.5) else _M200_OTHER
        dt = lambda L, w: coef[L - 1, 0] * w * w + coef[L - 1, 1] * w + coef[L - 1, 2]  # noqa: E731
        comparisons.append({"source": "Mureika 2003 lane terms", "quantity": f"lane 8 minus lane 2 at +2.0 m/s, "
                            f"{tref:.1f} s {sx}'s 200 m [s] (still air: 0 by construction)",
                            "published": float(dt(8, 2.0) - dt(2, 2.0)), "fitted": float(eff[7] - eff[1]),
                            "ci": percentile_ci(d82)})
        folds = grouped_folds(person_key(t), ctx.folds, ctx.salt("lanes" + sx))
        e_l, e_n, e_m = np.empty(len(t)), np.empty(len(t)), np.empty(len(t))
        for k in range(ctx.folds):
            tr, te = t.filter(folds != k), t.filter(folds == k)
            e_l[folds == k] = _predict(tr, te, True) - te["time"]
            e_n[folds == k] = _predict(tr, te, False) - te["time"]
            r = mureika_200m(tr["time"], tr["wind"], 0.0, np.clip(tr["lane"], 1, 8).astype(int), sx)[0] - tr["sb"]
            off = float(np.median(r))
            e_m[folds == k] = mureika_200m_inverse(te["sb"] + off, te["wind"], 0.0,
                                                   np.clip(te["lane"], 1, 8).astype(int), sx)[0] - te["time"]
        metrics["heldout_cv"][sx] = {"fitted (lanes + wind + SB level)": _summ(e_l),
                                     "fitted without lane terms": _summ(e_n),
                                     "Mureika 2003 (lane-specific wind terms)": _summ(e_m)}
    prov = provenance(ctx, ["munro_wc_round1"], raw, len(raw),
                      notes=["round-1 lanes are drawn at random (Munro 2022): lane is independent of ability",
                             f"reference lane {BASE_LANE}; fixed effects: championship x sex; bootstrap clusters: heats"])
    unc = {"method": "cluster bootstrap over heats", "n": ctx.bootstrap, "level": 0.95,
           "note": "fitted lane model: 95 % CI from a heat-cluster bootstrap; lanes 1 and 9 are rare "
                   "(9-lane tracks only since ~2015)"}
    return [_spec(sig(params), sig(metrics), sig(comparisons), prov, unc)]


def _summ(e):
    return {"mae": float(np.mean(np.abs(e))), "rmse": float(np.sqrt(np.mean(e ** 2))),
            "median_ae": float(np.median(np.abs(e))), "n": int(len(e))}


def _spec(params, metrics, comparisons, prov, unc) -> ModelSpec:
    return ModelSpec(
        name="lanes.fitted_200m", version=VERSION, family="lanes", kind="fitted",
        summary="Data-fitted 200 m lane effect (World Championships first rounds 2000-2019, random lane draw)",
        citation="the fitted 200 m lane model (World Championships round 1, Munro 2022 data)",
        equation="effect = e[lane] - e[reference_lane] (e fitted per sex, lane 4 = 0)",
        equation_latex=r"\Delta t = e_{lane} - e_{ref}",
        implementation="fitted.lanes",
        inputs=[IOSpec(name="lane", unit="1", description="lane 1-9", dtype="int", min=1, max=9,
                       valid_min=1, valid_max=9),
                IOSpec(name="sex", unit="1", description="men or women", dtype="str", choices=list(SEXES),
                       default="men", required=False),
                IOSpec(name="reference_lane", unit="1", description="lane to compare with", dtype="int", min=1,
                       max=9, default=BASE_LANE, required=False)],
        outputs=[IOSpec(name="effect", unit="s", description="expected 200 m time in `lane` minus in the "
                        "reference lane (positive: slower)", tolerance=0.006),
                 IOSpec(name="ci_halfwidth", unit="s", description="95 % bootstrap half-width", tolerance=0.006)],
        references=[REFS["munro2022"], REFS["mureika2003"]],
        assumptions=["first-round lane draws are random, so lane is independent of ability",
                     "round-1 performances relative to the season best measure the lane effect; easing off "
                     "(> 5 % slower than SB) is excluded"],
        validity=["World Championships and U20 World Championships 2000-2019 first rounds only",
                  "outdoor 400 m tracks with standard bend radii; lanes 1 and 9 have few races",
                  "round-1 marks include tactical easing that adds noise but, with random lanes, no bias"],
        parameters=params, provenance=prov, metrics=metrics, comparisons=comparisons, uncertainty=unc)
