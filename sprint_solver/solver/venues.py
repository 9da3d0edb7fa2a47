"""Venue names -> altitudes, so "ran 9.9 in Mexico City" means 2240 m.

The table (``data/venues.json``, shipped with the package) is derived from the team's
``venue_altitudes`` dataset: every city that hosts at least ``MIN_MARKS`` marks of the
World Athletics sprint top lists, or lies at 1000 m or higher, with its GeoNames
altitude (city level, *not* stadium level: expect errors of tens of metres). Altitude
data: GeoNames (geonames.org), CC BY 4.0. A few venues GeoNames does not list are added
by hand, each with its source (:data:`HAND_ENTRIES`).

Rebuild (deterministic)::

    python -m sprint_solver.solver.venues --build [--csv PATH/venue_altitudes.csv]
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

TABLE = Path(__file__).resolve().parent / "data" / "venues.json"
DEFAULT_CSV = Path(__file__).resolve().parents[3] / "shared" / "data" / "venue_altitudes" / "venue_altitudes.csv"
MIN_MARKS = 20
GEONAMES_CREDIT = "GeoNames (geonames.org), CC BY 4.0, via the venue_altitudes dataset (cities15000, 2013-05-12)"

#: venues GeoNames cities15000 lacks, with a cited altitude
HAND_ENTRIES: list[dict[str, Any]] = [
    {"name": "Sestriere", "country": "IT", "altitude_m": 2035.0,
     "aliases": ["sestriere", "colle del sestriere"],
     "source": "FIDAL (2021) 'Sestriere: inaugurata la nuova pista' (track at 2035 m), "
               "http://www.fidal.it/content/Piemonte-Sestriere--Inaugurata-la-nuova-pista/134659; "
               "Comune di Sestriere press release, 5 Aug 2025"},
]

#: English (and common) names people write for GeoNames' local names
ALIASES: dict[str, str] = {
    "munich": "München", "muenchen": "München", "zurich": "Zürich", "osaka": "Ōsaka-shi",
    "gothenburg": "Göteborg", "seville": "Sevilla", "lucerne": "Luzern", "cologne": "Köln",
    "rome": "Rome", "athens": "Athens", "moscow": "Moscow", "prague": "Prague",
    "mexico city": "Mexico City", "mexico": "Mexico City", "ciudad de mexico": "Mexico City",
    "sao paulo": "São Paulo", "bogota": "Bogotá", "medellin": "Medellín", "san jose": "San José",
    "addis ababa": "Addis Ababa", "addis abeba": "Addis Ababa", "guatemala city": "Guatemala City",
    "queretaro": "Santiago de Querétaro", "xalapa": "Xalapa de Enríquez", "new york": "New York City",
    "nyc": "New York City", "st denis": "Paris", "saint denis": "Paris", "la chaux de fonds": "La Chaux-de-Fonds",
    "turin": "Turin", "torino": "Turin", "florence": "Florence", "firenze": "Florence",
    "milan": "Milan", "milano": "Milan", "naples": "Naples", "napoli": "Naples",
    "brussels": "Brussels", "bruxelles": "Brussels", "geneva": "Geneva", "warsaw": "Warsaw",
    "pretoria": "Pretoria", "tshwane": "Pretoria", "joburg": "Johannesburg",
}
#: one-word venue names that are also ordinary words: never matched on their own
STOPWORDS = frozenset({
    "split", "reading", "nice", "mobile", "bath", "golden", "meteor", "victoria", "americana",
    "armenia", "normal", "sale", "hope", "eagle", "bend", "orange", "union", "independence",
})
#: words that make a stadium name generic ("Olympic Stadium"): such names are not aliases
_GENERIC = frozenset("olympic olympique olimpico olympisch stadium stadion stadio estadio stade national "
                     "municipal municipale comunale central main international athletic athletics center "
                     "centre parc des de la sports sport training track field complex arena park the "
                     "memorial veterans university college city".split())


@dataclass(frozen=True, slots=True)
class Venue:
    name: str
    country: str
    altitude_m: float
    source: str

    def note(self) -> str:
        return f"venue {self.name} ({self.country}) at {self.altitude_m:.0f} m ({self.source})"


def norm(name: str) -> str:
    """Venue key: ASCII, lower case, punctuation as spaces."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", s))


# --- building the table -----------------------------------------------------------------
def build_table(csv_path: Path = DEFAULT_CSV, min_marks: int = MIN_MARKS) -> dict[str, Any]:
    """Select venues from the dataset and return the JSON-ready table."""
    rows = list(csv.DictReader(open(csv_path, encoding="utf-8")))
    cities: dict[tuple[str, str], dict[str, Any]] = {}
    marks: dict[tuple[str, str], int] = defaultdict(int)
    stadiums: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in rows:
        # -9999 is GeoNames' "no data" (coastal DEM cells): such cities are left out
        if r["match"] == "unmatched" or not r["altitude_m"] or float(r["altitude_m"]) < -500:
            continue
        key = (r["geonames_name"], r["iso2"] or r["ioc"])
        n = int(r["n_marks_wa_sprint_lists"] or 0)
        marks[key] += n
        c = cities.setdefault(key, {"name": r["geonames_name"], "country": r["iso2"] or r["ioc"],
                                    "altitude_m": float(r["altitude_m"]), "names": set(),
                                    "altitude_source": r["altitude_source"]})
        c["names"].add(r["city_parsed"])
        parts = [p.strip() for p in re.sub(r"\s*\([A-Z]{3}\)\s*$", "", r["venue"]).split(",")]
        if len(parts) >= 2 and norm(parts[0]) != norm(r["city_parsed"]):
            stadiums[key][parts[0]] += n
    entries = []
    for key, c in cities.items():
        if marks[key] < min_marks and c["altitude_m"] < 1000:
            continue
        aliases = {norm(c["name"])} | {norm(x) for x in c["names"]}
        aliases |= {norm(s) for s, n in stadiums[key].items()
                    if n >= 10 and len(norm(s)) > 5 and not set(norm(s).split()) <= _GENERIC}
        entries.append({"name": c["name"], "country": c["country"], "altitude_m": c["altitude_m"],
                        "marks": marks[key], "aliases": sorted(a for a in aliases if a),
                        "source": f"GeoNames {c['altitude_source'].replace('geonames_', '')}"})
    for h in HAND_ENTRIES:
        entries.append({"name": h["name"], "country": h["country"], "altitude_m": h["altitude_m"], "marks": 0,
                        "aliases": sorted({norm(a) for a in h["aliases"]}), "source": h["source"]})
    # an alias shared by two cities says nothing: drop it from both
    owners: dict[str, int] = defaultdict(int)
    for e in entries:
        for a in e["aliases"]:
            owners[a] += 1
    for e in entries:
        e["aliases"] = [a for a in e["aliases"] if owners[a] == 1 or a == norm(e["name"])]
    entries.sort(key=lambda e: (-e["marks"], e["name"]))
    return {"description": "Athletics venues (cities) and their approximate altitude in metres; built by "
                           "`python -m sprint_solver.solver.venues --build` from the venue_altitudes dataset.",
            "credit": GEONAMES_CREDIT, "min_marks": min_marks,
            "caveat": "city-level altitude (town centre / DEM cell), not stadium level",
            "venues": entries}


# --- lookup --------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Venue], dict[str, int]]:
    """(alias -> venue, first word of an alias -> longest alias length in words)."""
    data = json.loads(TABLE.read_text("utf-8"))
    idx: dict[str, Venue] = {}
    best: dict[str, int] = {}
    by_name: dict[str, Venue] = {}
    for e in data["venues"]:
        v = Venue(e["name"], e["country"], float(e["altitude_m"]),
                  e["source"] if e["marks"] == 0 else f"{e['source']}, {GEONAMES_CREDIT.split(',')[0]}")
        by_name.setdefault(e["name"], v)
        for a in e["aliases"]:
            # the same name in two countries: the one with more sprint marks is the athletics one
            if a not in idx or e["marks"] > best[a]:
                idx[a] = v
                best[a] = e["marks"]
    for a, target in ALIASES.items():
        if target in by_name and a not in idx:
            idx[a] = by_name[target]
    first: dict[str, int] = {}
    for k in idx:
        ws = k.split()
        first[ws[0]] = max(first.get(ws[0], 0), len(ws))
    return idx, first


def lookup(name: str) -> Venue | None:
    """The venue called ``name`` (any spelling in the table), or None."""
    return _index()[0].get(norm(name))


_PREP = frozenset({"in", "at", "from"})


def find(words: list[str]) -> Venue | None:
    """The venue named in a list of normalised words (the longest name; the first of equals).

    A one-word name counts only right after "in", "at" or "from" (so "Eugene ran" is a
    person, "in Eugene" a place) and never when it is an ordinary word (``STOPWORDS``:
    "split times" is not Split).
    """
    idx, first = _index()
    found: Venue | None = None
    found_size = 0
    n = len(words)
    for i, w in enumerate(words):
        longest = first.get(w)
        if longest is None:
            continue
        for size in range(min(longest, 4, n - i), found_size, -1):
            key = " ".join(words[i:i + size]) if size > 1 else w
            v = idx.get(key)
            if v is None:
                continue
            if size == 1 and (key in STOPWORDS or i == 0 or words[i - 1] not in _PREP):
                continue
            found, found_size = v, size
            break
    return found


def table_rows() -> list[dict[str, Any]]:
    return json.loads(TABLE.read_text("utf-8"))["venues"]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", action="store_true", help="rebuild data/venues.json from the dataset")
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--min-marks", type=int, default=MIN_MARKS)
    a = ap.parse_args(argv)
    if a.build:
        table = build_table(a.csv, a.min_marks)
        TABLE.parent.mkdir(parents=True, exist_ok=True)
        TABLE.write_text(json.dumps(table, indent=1, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
        print(f"wrote {len(table['venues'])} venues to {TABLE}")
    else:
        for e in table_rows()[:40]:
            print(f"{e['name']:<28} {e['country']:<3} {e['altitude_m']:>7.0f} m")


if __name__ == "__main__":
    main()
