"""Pieces every fit module shares: the training context, provenance and references."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..spec import Reference
from .features import Table, sig
from .ingest import IngestStats, iter_dir

BOOTSTRAP_N = 200
#: name of the single dataset in user mode (``--data`` is a directory of raw results)
GENERIC = "results"
CV_FOLDS = 5


@dataclass
class TrainContext:
    """Where the data is, the seed, and the ingest statistics gathered so far."""

    data: Path
    seed: int
    bootstrap: int = BOOTSTRAP_N
    folds: int = CV_FOLDS
    #: user mode: ``data`` is a directory of raw results in the documented schema
    generic: bool = False
    stats: dict[str, IngestStats] = field(default_factory=dict)
    _tables: dict[str, Table] = field(default_factory=dict, repr=False)

    def dataset(self, name: str) -> Path | None:
        """A dataset folder under ``data`` (``None`` if absent)."""
        p = self.data / name
        return p if p.is_dir() else None

    def results(self, name: str):
        """Stream the records of a results dataset, recording its ingest statistics."""
        root = self.data if self.generic else self.data / name
        st = IngestStats()  # each read is a full pass: keep the statistics of the latest one
        self.stats[name] = st
        return iter_dir(root, st)

    def table(self, name: str, venues=None) -> Table:
        """The sprint results (100 m / 200 m) of a dataset as columns, read once per run.

        Every family that needs the same dataset shares one streaming pass (a user's
        200 MB dump is read once, not once per model).
        """
        key = GENERIC if self.generic else name
        if key not in self._tables:
            from .features import VenueTable, to_table
            if self.generic and venues is None and (self.data / "venue_altitudes.csv").is_file():
                venues = VenueTable.load(self.data / "venue_altitudes.csv")
            self._tables[key] = to_table(self.results(key), keep=lambda r: r.event in ("100m", "200m"),
                                         venues=venues)
        return self._tables[key]

    def rng(self, salt: str) -> np.random.Generator:
        """A generator seeded by the run seed and a per-model salt (order independent)."""
        h = int.from_bytes(salt.encode()[:8].ljust(8, b"\0"), "little")
        return np.random.default_rng([self.seed, h])

    def salt(self, name: str) -> int:
        return (self.seed * 1000003 + sum(map(ord, name))) % (2 ** 32)


def provenance(ctx: TrainContext, datasets: list[str], table: Table | None, rows_used: int,
               extra_drops: dict[str, int] | None = None, notes: list[str] | None = None,
               files: dict[str, dict[str, str]] | None = None) -> dict[str, Any]:
    """Card provenance: datasets, sha256 of each file, rows used / dropped with reasons, seed."""
    hashes: dict[str, dict[str, str]] = {}
    if ctx.generic:
        datasets = [f"{ctx.data.name} (user results, documented schema)"]
        st = ctx.stats.get(GENERIC)
        if st is not None:
            hashes[datasets[0]] = dict(sorted(st.files.items()))
    for d in datasets:
        st = ctx.stats.get(d)
        if st is not None and st.files:
            hashes[d] = dict(sorted(st.files.items()))
    if files:
        for d, f in files.items():
            hashes.setdefault(d, {}).update(f)
    dropped = Counter(table.dropped) if table is not None else Counter()
    for k, v in (extra_drops or {}).items():
        dropped[k] += v
    out: dict[str, Any] = {
        "datasets": datasets,
        "files_sha256": hashes,
        "rows_used": int(rows_used),
        "rows_dropped": dict(sorted((k, int(v)) for k, v in dropped.items() if v)),
        "seed": ctx.seed,
        "bootstrap": {"n": ctx.bootstrap},
        "cv_folds": ctx.folds,
    }
    if notes:
        out["notes"] = notes
    return sig(out)


def ref(key: str, text: str, doi: str | None = None, url: str | None = None) -> Reference:
    return Reference(key=key, text=text, doi=doi, url=url)


REFS = {
    "linthorne1994": ref("Linthorne 1994", "Linthorne N.P. (1994) The effect of wind on 100-m sprint times. "
                         "J. Appl. Biomech. 10(2):110-131"),
    "linthorne2016": ref("Linthorne 2016", "Linthorne N.P. (2016) Improvement in 100-m sprint performance at an "
                         "altitude of 2250 m. Sports 4(2):29", doi="10.3390/sports4020029"),
    "mureika2001": ref("Mureika 2001", "Mureika J.R. (2001) A realistic quasi-physical model of the 100 m dash. "
                       "Can. J. Phys. 79:697-713"),
    "mureika2003": ref("Mureika 2003", "Mureika J.R. (2003) Modelling wind and altitude effects in the 200 m "
                       "sprint. Can. J. Phys. 81:895-910"),
    "moinat2018": ref("Moinat 2018", "Moinat M., Fabius O., Emanuel K.S. (2018) Data-driven quantification of the "
                      "effect of wind on athletics performance. Eur. J. Sport Sci. 18(9):1185-1190",
                      doi="10.1080/17461391.2018.1480062"),
    "munro2022": ref("Munro 2022", "Munro D. (2022) Are there lane advantages in track and field? PLoS ONE "
                     "17(8):e0271670", doi="10.1371/journal.pone.0271670"),
    "ely2007": ref("Ely 2007", "Ely M.R., Cheuvront S.N., Roberts W.O., Montain S.J. (2007) Impact of weather on "
                   "marathon-running performance. Med. Sci. Sports Exerc. 39(3):487-493",
                   doi="10.1249/mss.0b013e31802d3aba"),
    "dl_data": ref("Diamond League results", "hpr/diamond-league-results (scraped from dl.all-athletics.com), "
                   "2010-2023 100 m / 200 m results with per-race wind"),
    "wa_lists": ref("World Athletics top lists", "thomascamminady/world-athletics-database (MIT), all-time 100 m / "
                    "200 m lists scraped from worldathletics.org"),
    "geonames": ref("GeoNames", "GeoNames cities15000 (CC BY 4.0), venue altitudes derived in "
                    "shared/data/venue_altitudes", url="https://www.geonames.org"),
    "shorts": ref("shorts", "Jovanovic M. shorts: short sprint modelling in R (MIT); Jovanovic M. & Vescovi J.D. "
                  "(2022) shorts: An R package for modeling short sprints. IJSPP 17(1):38-46"),
    "vescovi2021": ref("Vescovi 2021", "Vescovi J.D., Jovanovic M. (2021) Sprint mechanical characteristics of "
                       "female soccer players: a retrospective pilot study to examine a novel approach for "
                       "correction of timing gate starts. Front. Sports Act. Living 3:629694",
                       doi="10.3389/fspor.2021.629694"),
}
