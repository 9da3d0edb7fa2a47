"""Feature engineering shared by the fits: columnar tables, venue altitudes,
within-athlete (fixed-effect) designs, grouped folds and weighted demeaning.

Design choice: every wind/altitude effect is estimated *within* athletes
(athlete-season fixed effects, or a season-best baseline), so differences in
ability between athletes never masquerade as a wind or altitude effect.
"""
from __future__ import annotations

import csv
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import numpy as np

from .ingest import STATUS_OK, Result, normalise_name

#: scale height of Mureika's density model [m]; the physics-informed altitude
#: regressor is 1 - rho(H)/rho(0) = 1 - exp(-H / 8000)
SCALE_HEIGHT = 8000.0

#: venues absent from GeoNames cities15000 whose altitude matters (>1000 m).
#: Germiston and Roodepoort are Johannesburg suburbs: they take Johannesburg's
#: GeoNames value (1767 m) rather than an invented number.
HAND_VENUES: dict[str, tuple[float, str]] = {
    "sestriere": (2035.0, "Sestriere (ITA), comune altitude 2035 m a.s.l. (Wikipedia) [RECALL]"),
    "germiston": (1767.0, "Germiston (RSA): Johannesburg metro, Johannesburg GeoNames elevation"),
    "roodeport": (1767.0, "Roodepoort (RSA): Johannesburg metro, Johannesburg GeoNames elevation"),
    "roodepoort": (1767.0, "Roodepoort (RSA): Johannesburg metro, Johannesburg GeoNames elevation"),
}


# --- venues --------------------------------------------------------------------------------
@dataclass
class VenueTable:
    """Venue string / city -> altitude [m] (GeoNames, see venue_altitudes/SOURCE.md)."""

    by_venue: dict[str, float] = field(default_factory=dict)
    by_city: dict[str, float] = field(default_factory=dict)
    stats: Counter = field(default_factory=Counter)

    @classmethod
    def load(cls, path: Path) -> "VenueTable":
        t = cls()
        cities: dict[str, list[tuple[int, float]]] = {}
        with open(path, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                alt = r.get("altitude_m") or ""
                if not alt:
                    continue
                a = float(alt)
                t.by_venue[r["venue"]] = a
                pop = int(float(r.get("population") or 0))
                for key in {normalise_name(r.get("city_parsed", "")), normalise_name(r.get("geonames_name", ""))}:
                    if key:
                        cities.setdefault(key, []).append((pop, a))
        # a city name matched in several countries: the most populous place wins
        t.by_city = {k: max(v)[1] for k, v in cities.items()}
        return t

    def lookup(self, venue: str | None) -> tuple[float | None, str]:
        """Altitude and how it was found: venue / hand / city / unmatched."""
        if not venue:
            return None, "missing"
        if venue in self.by_venue:
            return self.by_venue[venue], "venue"
        key = normalise_name(venue)
        for tok, (alt, _) in HAND_VENUES.items():
            if tok in key.split() or key.startswith(tok):
                return alt, "hand"
        # "Stadium, City (CCC)" / "City, ST (USA)" / "Roma Golden Gala" / "Berlin"
        city = venue.rsplit("(", 1)[0]
        parts = [normalise_name(p) for p in city.split(",") if p.strip()]
        for p in reversed(parts):
            if p in self.by_city:
                return self.by_city[p], "city"
        words = key.split()
        for n in (2, 1):  # two-word cities (new york) before single words
            for i in range(len(words) - n + 1):
                w = " ".join(words[i:i + n])
                if len(w) > 3 and w in self.by_city:
                    return self.by_city[w], "city"
        return None, "unmatched"


# --- columnar tables -----------------------------------------------------------------------
@dataclass
class Table:
    """Columns of numpy arrays (one row per result) plus drop counts by reason."""

    cols: dict[str, np.ndarray]
    dropped: Counter = field(default_factory=Counter)

    def __len__(self) -> int:
        return len(next(iter(self.cols.values()))) if self.cols else 0

    def __getitem__(self, k: str) -> np.ndarray:
        return self.cols[k]

    def filter(self, mask: np.ndarray, reason: str | None = None) -> "Table":
        mask = np.asarray(mask, bool)
        d = Counter(self.dropped)
        if reason:
            n = int((~mask).sum())
            if n:
                d[reason] += n
        return Table({k: v[mask] for k, v in self.cols.items()}, d)


NUM_FIELDS = ("time", "wind", "altitude", "lane", "sb", "pb", "season")
STR_FIELDS = ("event", "sex", "athlete", "athlete_id", "race", "venue", "round", "category", "source", "status")


def to_table(records: Iterable[Result], keep: Callable[[Result], bool] | None = None,
             venues: VenueTable | None = None) -> Table:
    """Stream records into columns; ``keep`` filters early so memory stays bounded."""
    num: dict[str, list[float]] = {k: [] for k in NUM_FIELDS}
    txt: dict[str, list[str]] = {k: [] for k in STR_FIELDS}
    flags: dict[str, list[bool]] = {"hand": [], "altitude_flag": []}
    alt_how: list[str] = []
    nan = math.nan
    cache: dict[str | None, tuple[float | None, str]] = {}
    for r in records:
        if keep is not None and not keep(r):
            continue
        for k in NUM_FIELDS:
            v = getattr(r, k)
            num[k].append(nan if v is None else float(v))
        for k in STR_FIELDS:
            txt[k].append(getattr(r, k) or "")
        flags["hand"].append(r.hand)
        flags["altitude_flag"].append(r.altitude_flag)
        if venues is not None and r.altitude is None:
            if r.venue not in cache:
                cache[r.venue] = venues.lookup(r.venue)
            a, how = cache[r.venue]
            num["altitude"][-1] = nan if a is None else a
            alt_how.append(how)
        else:
            alt_how.append("source" if r.altitude is not None else "missing")
    cols: dict[str, np.ndarray] = {k: np.asarray(v, float) for k, v in num.items()}
    cols.update({k: np.asarray(v, dtype=object) for k, v in txt.items()})
    cols.update({k: np.asarray(v, bool) for k, v in flags.items()})
    cols["altitude_how"] = np.asarray(alt_how, dtype=object)
    return Table(cols)


def usable_times(t: Table) -> Table:
    """Rows with an 'ok' fully-automatic time (documented drop reasons)."""
    t = t.filter(t["status"] == STATUS_OK, "no valid mark (DNF/DNS/DQ/missing)")
    t = t.filter(~t["hand"], "hand-timed")
    return t.filter(np.isfinite(t["time"]), "no valid mark (DNF/DNS/DQ/missing)")


# --- fixed effects -------------------------------------------------------------------------
def factorize(k: np.ndarray) -> np.ndarray:
    """Integer codes of a column: hashing for strings (order of first appearance, so
    deterministic for a deterministic file order), sorting for numbers."""
    k = np.asarray(k)
    if k.dtype == object or k.dtype.kind in "US":
        index: dict[Any, int] = {}
        return np.fromiter((index.setdefault(v, len(index)) for v in k.tolist()), dtype=np.int64, count=len(k))
    return np.unique(k, return_inverse=True)[1].astype(np.int64)


def group_ids(*keys: np.ndarray) -> np.ndarray:
    """Dense integer ids (0..n-1) for the combination of key columns."""
    code = np.zeros(len(keys[0]), dtype=np.int64)
    for k in keys:
        u = factorize(k)
        code = code * (int(u.max()) + 1 if len(u) else 1) + u
    return np.unique(code, return_inverse=True)[1]


def demean(v: np.ndarray, g: np.ndarray, w: np.ndarray | None = None) -> np.ndarray:
    """Subtract the (weighted) group mean: the within transformation."""
    if w is None:
        s = np.bincount(g, v)
        c = np.bincount(g)
    else:
        s = np.bincount(g, v * w)
        c = np.bincount(g, w)
    with np.errstate(invalid="ignore", divide="ignore"):
        m = np.where(c > 0, s / np.where(c > 0, c, 1), 0.0)
    return v - m[g]


def fe_lstsq(y: np.ndarray, X: np.ndarray, g: np.ndarray, w: np.ndarray | None = None) -> np.ndarray:
    """Coefficients of y = alpha_g + X b (weighted), by demeaning within g."""
    Xd = np.column_stack([demean(X[:, j], g, w) for j in range(X.shape[1])])
    yd = demean(y, g, w)
    if w is not None:
        sw = np.sqrt(w)
        Xd, yd = Xd * sw[:, None], yd * sw
    return np.linalg.lstsq(Xd, yd, rcond=None)[0]


def min_group_size(g: np.ndarray, n: int) -> np.ndarray:
    """Mask of rows whose group has at least ``n`` rows."""
    return np.bincount(g)[g] >= n


def group_median(v: np.ndarray, g: np.ndarray) -> np.ndarray:
    """Per-row median of v within its group (vectorised over sorted segments)."""
    if len(v) == 0:
        return v.copy()
    order = np.lexsort((v, g))
    gs, vs = g[order], v[order]
    starts = np.flatnonzero(np.r_[True, gs[1:] != gs[:-1]])
    counts = np.diff(np.r_[starts, len(gs)])
    med = (vs[starts + (counts - 1) // 2] + vs[starts + counts // 2]) / 2.0
    out = np.empty_like(v)
    out[order] = np.repeat(med, counts)
    return out


def person_key(tab: "Table") -> np.ndarray:
    """Athlete key shared across sources (normalised name), for fold assignment."""
    names = [normalise_name(a) or i for a, i in zip(tab["athlete"], tab["athlete_id"])]
    return np.asarray(names, dtype=object)


def grouped_folds(groups: np.ndarray, k: int, seed: int) -> np.ndarray:
    """Fold index per row; every group (athlete) lands in exactly one fold."""
    idx = group_ids(groups)
    n = int(idx.max()) + 1 if len(idx) else 0
    rng = np.random.default_rng(seed)
    perm = rng.permutation(n)
    fold_of = np.empty(n, int)
    fold_of[perm] = np.arange(n) % k
    return fold_of[idx]


def cluster_weights(clusters: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Bootstrap weights: resample clusters (races, venues, race-days) with replacement."""
    n = int(clusters.max()) + 1
    draw = np.bincount(rng.integers(0, n, n), minlength=n).astype(float)
    return draw[clusters]


# --- rounding for reproducible artifacts ----------------------------------------------------
def sig(x: Any, digits: int = 10) -> Any:
    """Round floats (recursively) to ``digits`` significant digits for stable JSON."""
    if isinstance(x, (float, np.floating)):
        x = float(x)
        if not math.isfinite(x) or x == 0.0:
            return None if not math.isfinite(x) else 0.0
        return float(f"{x:.{digits}g}")
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, np.ndarray):
        return [sig(v, digits) for v in x.tolist()]
    if isinstance(x, dict):
        return {str(k): sig(v, digits) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [sig(v, digits) for v in x]
    return x


def percentile_ci(samples: np.ndarray, level: float = 0.95) -> list[float]:
    lo = (1 - level) / 2 * 100
    return [float(np.percentile(samples, lo)), float(np.percentile(samples, 100 - lo))]
