"""Wind effect on the 100 m and 200 m, fitted within athletes.

Design: Diamond League races 2010-2023 (per-race wind, many athletes racing several
times a season). Each athlete-season is its own baseline (fixed effect), so only
*differences between an athlete's own races* inform the wind effect:

    t_ij = alpha_i - c . g(t_ij, w_j),      g = [t u, t u^2],  u = w t / d

``time_still = t + c . g`` generalises Mureika's closed form (``c = a [2, -1]``).
Candidates: the one-parameter physics shape (c2 = -c1/2) or the free quadratic,
pooled over sexes or per sex; the candidate with the lowest grouped-CV error wins.

Held-out evaluation (never fitted on): (1) Diamond League athletes of the held-out
fold, each race predicted from the athlete's other races that season; (2) World
Championships first rounds 2000-2019 (Munro 2022 data), each mark predicted from
the athlete's season best plus a round-1 offset. The published models are scored
on exactly the same races.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from ..models.fitted import Z95, wind_basis, wind_inverse
from ..models.wind import mureika_100m, mureika_100m_inverse, mureika_200m, mureika_200m_inverse, \
    moinat_2018, moinat_2018_inverse
from ..spec import IOSpec, ModelSpec
from .common import REFS, TrainContext, provenance
from .features import Table, cluster_weights, fe_lstsq, group_ids, group_median, grouped_folds, \
    min_group_size, percentile_ci, person_key, sig, to_table, usable_times

VERSION = "1.0.0"
EVENTS = {"100m": 100.0, "200m": 200.0}
#: an athlete's race more than this fraction away from the athlete-season median is
#: treated as eased off / injured / a data error and dropped
OUTLIER_FRACTION = {"100m": 0.03, "200m": 0.035}
#: WC round 1: marks this much slower than the season best are eased-off qualifiers
WC_SLOW_FRACTION = 0.05
REF_TIMES = {("100m", "men"): 10.0, ("100m", "women"): 11.0, ("200m", "men"): 20.0, ("200m", "women"): 22.0}
SEXES = ("men", "women")
CANDIDATES = [("physics", "pooled"), ("physics", "by_sex"), ("quadratic", "pooled"), ("quadratic", "by_sex")]


# --- design --------------------------------------------------------------------------------
def load_design(ctx: TrainContext, event: str) -> Table:
    t = ctx.table("diamond_league_sprints")
    t = usable_times(t.filter(t["event"] == event))
    t = t.filter(np.isfinite(t["wind"]), "wind missing")
    t = t.filter(np.isin(t["sex"], SEXES), "sex missing")
    t = t.filter(t["athlete_id"] != "", "athlete id missing")
    t = t.filter(np.isfinite(t["season"]), "season missing")
    g = group_ids(t["athlete_id"], t["season"])
    t = t.filter(min_group_size(g, 2), "athlete-season with a single race (no within-athlete contrast)")
    g = group_ids(t["athlete_id"], t["season"])
    med = group_median(t["time"], g)
    t = t.filter(np.abs(t["time"] / med - 1) <= OUTLIER_FRACTION[event],
                 f"more than {OUTLIER_FRACTION[event]:.1%} from the athlete-season median (eased off / injured)")
    g = group_ids(t["athlete_id"], t["season"])
    return t.filter(min_group_size(g, 2), "athlete-season with a single race (no within-athlete contrast)")


def regressors(t: np.ndarray, w: np.ndarray, d: float, form: str) -> np.ndarray:
    b = wind_basis(t, w, d)
    if form == "physics":  # c = a [2, -1]
        return (2 * b[:, 0] - b[:, 1])[:, None]
    return b


def to_coef(beta: np.ndarray, form: str) -> np.ndarray:
    """Regression coefficients -> correction coefficients c (time_still = t + c.g)."""
    if form == "physics":
        return np.array([2 * beta[0], -beta[0]])
    return np.asarray(beta, float)


@dataclass
class Design:
    """The within-athlete blocks: Diamond League (athlete-season baseline) and WC round 1
    (season-best baseline, round-1 offset per meet and sex)."""

    dl: Table
    wc: Table | None
    _cache: dict = field(default_factory=dict, repr=False)

    def subset(self, dl_mask: np.ndarray, wc_mask: np.ndarray | None) -> "Design":
        return Design(self.dl.filter(dl_mask), None if self.wc is None else self.wc.filter(wc_mask))

    def stacked(self, d: float, form: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """y, X (signed so that y = alpha_g + X beta), group ids, sex (cached per form)."""
        if (d, form) not in self._cache:
            self._cache[(d, form)] = self._stack(d, form)
        return self._cache[(d, form)]

    def _stack(self, d: float, form: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        ys, Xs, gs, ss = [self.dl["time"]], [-regressors(self.dl["time"], self.dl["wind"], d, form)], \
            [group_ids(self.dl["athlete_id"], self.dl["season"])], [self.dl["sex"]]
        if self.wc is not None and len(self.wc):
            w = self.wc
            ys.append(w["time"] - w["sb"])
            Xs.append(-regressors(w["time"], w["wind"], d, form))
            gs.append(group_ids(w["category"], w["sex"]) + int(gs[0].max()) + 1)
            ss.append(w["sex"])
        return np.concatenate(ys), np.vstack(Xs), np.concatenate(gs), np.concatenate(ss)

    def clusters(self) -> np.ndarray:
        keys = [group_ids(self.dl["race"])]
        if self.wc is not None and len(self.wc):
            keys.append(group_ids(self.wc["race"]) + int(keys[0].max()) + 1)
        return np.concatenate(keys)


def fit(des: Design, d: float, form: str, pooling: str, w: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Fixed-effect fit of the stacked design; correction coefficients per sex."""
    y, X, g, sx = des.stacked(d, form)
    if pooling == "pooled":
        c = to_coef(_fe(y, X, g, w), form)
        return {s: c for s in SEXES}
    out: dict[str, np.ndarray] = {}
    for s in SEXES:
        m = sx == s
        out[s] = to_coef(_fe(y[m], X[m], g[m], None if w is None else w[m]), form)
    return out


def _fe(y, X, g, w):
    _, g = np.unique(g, return_inverse=True)
    return fe_lstsq(y, X, g, w)


# --- comparators ---------------------------------------------------------------------------
Method = tuple[Callable[..., np.ndarray], Callable[..., np.ndarray]]


def fitted_method(coef: dict[str, np.ndarray], d: float) -> Method:
    params = {"distance": d, "coef": {s: list(coef[s]) for s in SEXES},
              "cov": {s: np.zeros((2, 2)).tolist() for s in SEXES}}

    def to_still(t, w, sex, lane=None):
        c = np.where((sex == "women")[:, None], coef["women"], coef["men"])
        return t + np.sum(wind_basis(t, w, d) * c, axis=1)

    def from_still(t0, w, sex, lane=None):
        return wind_inverse(t0, w, sex, params)[0]
    return to_still, from_still


def published_methods(event: str) -> dict[str, Method]:
    if event == "100m":
        return {
            "Mureika 2001 (a=0.028)": (lambda t, w, s, lane=None: mureika_100m(t, w)[0],
                                       lambda t0, w, s, lane=None: mureika_100m_inverse(t0, w)[0]),
            "Moinat 2018": (lambda t, w, s, lane=None: moinat_2018(t, w, "100m")[0],
                            lambda t0, w, s, lane=None: moinat_2018_inverse(t0, w, "100m")[0]),
            "no correction": (lambda t, w, s, lane=None: t, lambda t0, w, s, lane=None: t0),
        }
    lane4 = lambda lane, n: np.full(n, 4) if lane is None else np.where(np.isfinite(lane), lane, 4).astype(int)  # noqa: E731
    return {
        "Mureika 2003 (lane-specific; lane 4 when unknown)": (
            lambda t, w, s, lane=None: mureika_200m(t, w, 0.0, np.clip(lane4(lane, len(t)), 1, 8), s)[0],
            lambda t0, w, s, lane=None: mureika_200m_inverse(t0, w, 0.0, np.clip(lane4(lane, len(t0)), 1, 8), s)[0]),
        "Moinat 2018": (lambda t, w, s, lane=None: moinat_2018(t, w, "200m")[0],
                        lambda t0, w, s, lane=None: moinat_2018_inverse(t0, w, "200m")[0]),
        "no correction": (lambda t, w, s, lane=None: t, lambda t0, w, s, lane=None: t0),
    }


def loo_errors(tab: Table, method: Method) -> np.ndarray:
    """Predict each race from the athlete's other races that season (in still air)."""
    to_still, from_still = method
    t, w, s = tab["time"], tab["wind"], tab["sex"]
    g = group_ids(tab["athlete_id"], tab["season"])
    c = to_still(t, w, s)
    tot = np.bincount(g, c)[g]
    n = np.bincount(g)[g]
    base = (tot - c) / (n - 1)
    return from_still(base, w, s) - t


def paired_delta(e_fit: np.ndarray, e_pub: np.ndarray, athletes: np.ndarray, rng: np.random.Generator,
                 n: int) -> dict[str, Any]:
    """MAE(fitted) - MAE(published) on the same races, with an athlete-cluster bootstrap 95 % CI."""
    d = np.abs(e_fit) - np.abs(e_pub)
    cl = group_ids(athletes)
    k = int(cl.max()) + 1
    s = np.bincount(cl, d, minlength=k)
    c = np.bincount(cl, minlength=k).astype(float)
    boots = []
    for _ in range(n):
        w = np.bincount(rng.integers(0, k, k), minlength=k)
        boots.append(float(w @ s / (w @ c)))
    return {"delta_mae": float(d.mean()), "ci95": percentile_ci(np.asarray(boots))}


def summarise(err: np.ndarray) -> dict[str, float]:
    return {"mae": float(np.mean(np.abs(err))), "rmse": float(np.sqrt(np.mean(err ** 2))),
            "median_ae": float(np.median(np.abs(err))), "n": int(len(err))}


# --- external test: World Championships round 1 -----------------------------------------------
def wc_design(ctx: TrainContext, event: str) -> Table | None:
    if ctx.dataset("munro_wc_round1") is None:
        return None
    t = ctx.table("munro_wc_round1")
    t = usable_times(t.filter(t["event"] == event))
    t = t.filter(np.isfinite(t["wind"]), "wind missing")
    t = t.filter(np.isfinite(t["sb"]), "season best missing")
    return t.filter(t["time"] <= t["sb"] * (1 + WC_SLOW_FRACTION),
                    f"more than {WC_SLOW_FRACTION:.0%} slower than the season best (eased off)")


def wc_errors(test: Table, method: Method, _unused, train: Table) -> np.ndarray:
    """Mark predicted from the season best plus a round-1 offset (median over ``train``)."""
    to_still, from_still = method
    r_tr = to_still(train["time"], train["wind"], train["sex"], train["lane"]) - train["sb"]
    pred = np.empty(len(test))
    for sx in SEXES:
        m = test["sex"] == sx
        if m.any():
            tr = train["sex"] == sx
            off = float(np.median(r_tr[tr])) if tr.any() else 0.0
            pred[m] = from_still(test["sb"][m] + off, test["wind"][m], test["sex"][m], test["lane"][m])
    return pred - test["time"]


# --- the whole thing -----------------------------------------------------------------------
def train_event(ctx: TrainContext, event: str) -> list[ModelSpec]:
    d = EVENTS[event]
    dl = load_design(ctx, event)
    wc = wc_design(ctx, event)
    des = Design(dl, wc)
    if len(dl) + (len(wc) if wc is not None else 0) < 50:
        return []
    fdl = grouped_folds(person_key(dl), ctx.folds, ctx.salt("wind" + event))
    fwc = grouped_folds(person_key(wc), ctx.folds, ctx.salt("wind" + event)) if wc is not None else None
    published = published_methods(event)

    # model selection by grouped CV: every held-out athlete's races are predicted by a
    # model that never saw that athlete
    cv: dict[str, dict[str, Any]] = {}
    pred_dl: dict[str, np.ndarray] = {}
    pred_wc: dict[str, np.ndarray] = {}
    for form, pooling in CANDIDATES:
        key = f"{form}/{pooling}"
        e_dl = np.empty(len(dl))
        e_wc = np.empty(len(wc)) if wc is not None else None
        for k in range(ctx.folds):
            coef = fit(des.subset(fdl != k, None if fwc is None else fwc != k), d, form, pooling)
            meth = fitted_method(coef, d)
            e_dl[fdl == k] = loo_errors(dl.filter(fdl == k), meth)
            if wc is not None:
                e_wc[fwc == k] = wc_errors(wc.filter(fwc == k), meth, None, wc.filter(fwc != k))
        pred_dl[key], pred_wc[key] = e_dl, e_wc
        allerr = e_dl if e_wc is None else np.concatenate([e_dl, e_wc])
        cv[key] = summarise(allerr)
    nparam = {"physics/pooled": 1, "physics/by_sex": 2, "quadratic/pooled": 2, "quadratic/by_sex": 4}
    best = min(cv, key=lambda k: (round(cv[k]["mae"], 4), nparam[k]))
    form, pooling = best.split("/")
    coef = fit(des, d, form, pooling)

    # the published models on exactly the same held-out races, and the paired
    # difference in MAE (fitted - published) with an athlete-cluster bootstrap CI
    rng_d = ctx.rng("wind-delta" + event)
    pub_dl = {k: loo_errors(dl, m) for k, m in published.items()}
    heldout = {f"fitted ({best})": summarise(pred_dl[best])}
    heldout.update({k: summarise(v) for k, v in pub_dl.items()})
    delta = {"diamond_league": {k: paired_delta(pred_dl[best], v, person_key(dl), rng_d, ctx.bootstrap)
                                for k, v in pub_dl.items()}}
    external: dict[str, Any] = {}
    if wc is not None:
        external[f"fitted ({best})"] = summarise(pred_wc[best])
        delta["wc_round1"] = {}
        for name, meth in published.items():
            e = np.empty(len(wc))
            for k in range(ctx.folds):
                e[fwc == k] = wc_errors(wc.filter(fwc == k), meth, None, wc.filter(fwc != k))
            external[name] = summarise(e)
            delta["wc_round1"][name] = paired_delta(pred_wc[best], e, person_key(wc), rng_d, ctx.bootstrap)

    # cluster bootstrap over races / heats
    rng = ctx.rng("wind" + event)
    clusters = des.clusters()
    boots = {s: [] for s in SEXES}
    for _ in range(ctx.bootstrap):
        cb = fit(des, d, form, pooling, cluster_weights(clusters, rng))
        for s in SEXES:
            boots[s].append(cb[s])
    B = {s: np.asarray(boots[s]) for s in SEXES}
    cov = {s: np.cov(B[s].T) for s in SEXES}

    # +2 m/s advantage at reference times, with CI
    adv: dict[str, dict[str, Any]] = {}
    for s in SEXES:
        tr = REF_TIMES[(event, s)]
        g = wind_basis(np.array([tr]), np.array([2.0]), d)[0]
        samples = B[s] @ g
        adv[s] = {"time": tr, "fitted": float(coef[s] @ g), "ci95": percentile_ci(samples),
                  "se": float(np.std(samples, ddof=1))}
    comparisons = _comparisons(event, adv)

    winds = dl["wind"] if wc is None else np.concatenate([dl["wind"], wc["wind"]])
    times = dl["time"] if wc is None else np.concatenate([dl["time"], wc["time"]])
    wlo, whi = float(winds.min()), float(winds.max())
    tlo, thi = np.percentile(times, [1, 99])
    params = {"distance": d, "form": form, "pooling": pooling,
              "coef": {s: coef[s] for s in SEXES}, "cov": {s: cov[s] for s in SEXES},
              "bootstrap_coef_ci95": {s: [percentile_ci(B[s][:, j]) for j in range(2)] for s in SEXES}}
    metrics = {
        "selection": {"criterion": "grouped 5-fold CV MAE over all held-out races (athletes never shared "
                                   "between folds); ties within 0.0001 s -> fewer parameters",
                      "chosen": best, "candidates": cv},
        "heldout_diamond_league": heldout,
        "heldout_wc_round1": external,
        "mae_difference_fitted_minus_published": delta,
        "advantage_plus2": adv,
        "n_rows": {"diamond_league": len(dl), "wc_round1": 0 if wc is None else len(wc)},
        "n_clusters": int(clusters.max() + 1),
        "wind_range": [float(winds.min()), float(winds.max())],
    }
    datasets = ["diamond_league_sprints"] + (["munro_wc_round1"] if wc is not None else [])
    notes = ["Diamond League: athlete-season fixed effects; held-out error: each race predicted from the "
             "athlete's other races that season, athletes of the test fold unseen in training"]
    if wc is not None:
        notes.append("WC round 1 (Munro 2022): mark - season best with a round-1 offset per meet and sex; "
                     f"rows dropped: {dict(sorted(wc.dropped.items()))}")
    prov = provenance(ctx, datasets, dl, len(dl) + (0 if wc is None else len(wc)), notes=notes)
    unc = {"method": "cluster bootstrap over races", "n": ctx.bootstrap, "level": 0.95,
           "note": f"fitted wind model: 95 % CI of the correction from a {ctx.bootstrap}-sample race-cluster "
                   "bootstrap (uncertainty of the average wind effect, not race-to-race scatter)"}
    return [_spec(event, False, params, metrics, comparisons, prov, unc, (wlo, whi), (tlo, thi)),
            _spec(event, True, params, metrics, comparisons, prov, unc, (wlo, whi), (tlo, thi))]


def _comparisons(event: str, adv: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    men, women = adv["men"], adv["women"]
    tm, tw = men["time"], women["time"]
    out: list[dict[str, Any]] = []
    q = f"advantage of a +2.0 m/s tail wind for a {tm:.2f} s men's {event} [s]"
    qw = f"advantage of a +2.0 m/s tail wind for a {tw:.2f} s women's {event} [s]"
    if event == "100m":
        out += [
            {"source": "Linthorne 1994", "quantity": q, "published": 0.10, "published_pm": 0.01,
             "fitted": men["fitted"], "ci": men["ci95"]},
            {"source": "Linthorne 1994", "quantity": qw, "published": 0.12, "published_pm": 0.02,
             "fitted": women["fitted"], "ci": women["ci95"]},
            {"source": "Mureika 2001 (a=0.028)", "quantity": q,
             "published": float(mureika_100m(tm, 2.0)[0] - tm), "fitted": men["fitted"], "ci": men["ci95"]},
            {"source": "Mureika 2001 (a=0.028)", "quantity": qw,
             "published": float(mureika_100m(tw, 2.0)[0] - tw), "fitted": women["fitted"], "ci": women["ci95"]},
            {"source": "Moinat 2018", "quantity": q, "published": float(moinat_2018(tm, 2.0, "100m")[1]),
             "fitted": men["fitted"], "ci": men["ci95"]},
            {"source": "Moinat 2018", "quantity": qw, "published": float(moinat_2018(tw, 2.0, "100m")[1]),
             "fitted": women["fitted"], "ci": women["ci95"]},
        ]
    else:
        out += [
            {"source": "Mureika 2003 (lane 4)", "quantity": q,
             "published": float(mureika_200m(tm, 2.0, 0.0, 4, "men")[1]), "fitted": men["fitted"], "ci": men["ci95"]},
            {"source": "Mureika 2003 (lane 4)", "quantity": qw,
             "published": float(mureika_200m(tw, 2.0, 0.0, 4, "women")[1]), "fitted": women["fitted"],
             "ci": women["ci95"]},
            {"source": "Moinat 2018", "quantity": q, "published": float(moinat_2018(tm, 2.0, "200m")[1]),
             "fitted": men["fitted"], "ci": men["ci95"]},
            {"source": "Quinn 2003", "quantity": "+2 m/s straight wind equals 0.95 m/s average tail wind "
             "over 200 m (published: wind effect on the 200 m is smaller per official reading than on the 100 m)",
             "published": None, "fitted": men["fitted"], "ci": men["ci95"]},
        ]
    return out


def _spec(event: str, inverse: bool, params, metrics, comparisons, prov, unc, wr, tr) -> ModelSpec:
    d = int(EVENTS[event])
    name = f"wind.fitted_{event}" + ("_inverse" if inverse else "")
    w_in = IOSpec(name="wind", unit="m/s", description="wind reading, tail wind positive", min=-10.0, max=10.0,
                  valid_min=round(float(wr[0]), 1), valid_max=round(float(wr[1]), 1))
    tspec = dict(min=5.0 if event == "100m" else 15.0, max=30.0 if event == "100m" else 60.0,
                 valid_min=round(float(tr[0]) - 0.2, 2), valid_max=round(float(tr[1]) + 0.3, 2))
    sex = IOSpec(name="sex", unit="1", description="men or women", dtype="str", choices=list(SEXES),
                 default="men", required=False)
    half = IOSpec(name="ci_halfwidth", unit="s", description="95 % bootstrap half-width of the correction",
                  tolerance=0.006)
    if inverse:
        inputs = [IOSpec(name="time_still", unit="s", description="still-air time", **tspec), w_in, sex]
        outputs = [IOSpec(name="time_wind", unit="s", description="expected time with this wind", tolerance=0.006),
                   IOSpec(name="change", unit="s", description="time_wind - time_still (positive: slower)",
                          tolerance=0.006), half]
        eq = f"solve t0 = tw + c1*tw*u + c2*tw*u^2, u = w*tw/{d}, for tw (Newton)"
    else:
        inputs = [IOSpec(name="time", unit="s", description=f"{event} time run with wind w", **tspec), w_in, sex]
        outputs = [IOSpec(name="time_still", unit="s", description="equivalent still-air time", tolerance=0.006),
                   IOSpec(name="correction", unit="s",
                          description="time_still - time (positive: the wind helped)", tolerance=0.006), half]
        eq = f"t0 = t + c1*t*u + c2*t*u^2, u = w*t/{d} (c1, c2 fitted per sex)"
    return ModelSpec(
        name=name, version=VERSION, family="wind", kind="fitted",
        summary=(f"Data-fitted wind correction for the {event} (Diamond League, within-athlete)" +
                 (", inverted: still air -> windy" if inverse else ": windy -> still air")),
        citation=f"the fitted {event} wind model (Diamond League 2010-2023, within-athlete)" +
                 (", inverted" if inverse else ""),
        equation=eq,
        equation_latex=(r"t_0 = t + c_1 t u + c_2 t u^2,\quad u = \frac{w t}{%d}" % d),
        implementation="fitted.wind_inverse" if inverse else "fitted.wind",
        inputs=inputs, outputs=outputs,
        references=[REFS["dl_data"], REFS["mureika2001"] if event == "100m" else REFS["mureika2003"],
                    REFS["linthorne1994"], REFS["moinat2018"], REFS["munro2022"]],
        assumptions=["the athlete's ability is constant within a season (athlete-season fixed effect)",
                     "the official wind reading is the wind the athlete felt (no gust model)",
                     "venues of the Diamond League are all below 500 m: no altitude term"],
        validity=[f"fitted on Diamond League winds {metrics['wind_range'][0]:+.1f} to "
                  f"{metrics['wind_range'][1]:+.1f} m/s",
                  "wind-gauge noise attenuates the fitted effect toward zero (errors-in-variables)",
                  "times in the range of Diamond League fields (elite and national-level races)"],
        parameters=sig(params), provenance=prov, metrics=sig(metrics), comparisons=sig(comparisons),
        uncertainty=unc)


def train(ctx: TrainContext) -> list[ModelSpec]:
    if ctx.dataset("diamond_league_sprints") is None and not ctx.generic:
        return []
    out: list[ModelSpec] = []
    for ev in EVENTS:
        out += train_event(ctx, ev)
    return out
