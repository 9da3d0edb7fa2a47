"""Streaming readers for raw results files, as they come.

Every reader yields :class:`Result` records (the documented schema for a team's own
data, see :data:`SCHEMA_DOC`) one at a time, so a 200 MB results dump never has to fit
in memory as text. Formats recognised (by file name and header, never by guessing
from values):

* World Athletics top-list CSV (``Mark, WIND, Competitor, DOB, Venue, Date``; event and
  sex from a file name like ``men_100m.csv``),
* alltime-athletics text lists (tab separated, ``9.87A`` altitude / ``10.1h`` hand /
  ``9.69w`` wind-assisted flags, HTML entities),
* Diamond League results: the per-meeting JSON of the scraper
  (``{"<category>": [{"title": "Men's 100m - 04.06.2010", "detail": "Final, wind:
  +2.1", "data": [...]}]}``) and its flattened CSV,
* World Championships round-1 CSV (``mark1, wind1, lane, sb, pb``),
* the generic schema: CSV / JSON list / JSON lines whose columns are :class:`Result`
  field names (``time`` may be a mark string such as ``"10.11"`` or ``"DNF"``).

Missing values: each field has one documented rule (:data:`MISSING_RULES`) and every
reader counts what it applied in an :class:`IngestStats`.
"""
from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import math
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator

from .. import quantities as q
from ..errors import SolverError

# --- marks ---------------------------------------------------------------------------------
#: result statuses; only "ok" marks carry a time
STATUS_OK = "ok"
NON_FINISH = {"DNF": "DNF", "DNS": "DNS", "DQ": "DQ", "DSQ": "DQ", "NM": "NM", "NT": "NM",
              "NR": "NM", "FS": "DQ", "R": "DQ"}


@dataclass(frozen=True, slots=True)
class Mark:
    """A parsed performance mark."""

    seconds: float | None
    status: str = STATUS_OK          # ok / DNF / DNS / DQ / NM / missing / invalid
    hand: bool = False               # hand-timed (``10.1h``, or tenths only when flagged)
    altitude: bool = False           # ``A``: achieved above 1000 m
    assisted: bool = False           # ``w``: wind-assisted list entry


_MARK_RE = re.compile(r"^(\d{1,2}:)?(\d{1,2}:)?(\d+(?:[.,]\d+)?)\s*([AaHhWw]*)\s*\*?$")


def parse_mark(text: Any) -> Mark:
    """Parse a results mark: ``9.58``, ``9.87A``, ``10.1h``, ``9.69w``, ``1:42.04``,
    ``DNF``/``DNS``/``DQ``, ``""``/``NaN`` (missing).

    >>> parse_mark("9.87A")
    Mark(seconds=9.87, status='ok', hand=False, altitude=True, assisted=False)
    >>> parse_mark("DQ").status
    'DQ'
    """
    if text is None:
        return Mark(None, "missing")
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        x = float(text)
        return Mark(x, STATUS_OK) if math.isfinite(x) and x > 0 else Mark(None, "missing")
    s = str(text).strip()
    if not s or s.lower() in ("nan", "na", "n/a", "-", "--", "none", "null"):
        return Mark(None, "missing")
    try:  # fast path: the overwhelming majority of marks are plain numbers
        x = float(s)
        return Mark(x, STATUS_OK) if math.isfinite(x) and x > 0 else Mark(None, "invalid")
    except ValueError:
        pass
    up = s.upper().rstrip(".")
    if up in NON_FINISH:
        return Mark(None, NON_FINISH[up])
    m = _MARK_RE.match(s)
    if not m:
        return Mark(None, "invalid")
    flags = m.group(4).lower()
    body = s[: m.start(4)].strip().rstrip("*") if m.group(4) else s.rstrip("*").strip()
    try:
        x = q.parse_time(body)
    except SolverError:
        return Mark(None, "invalid")
    if not x > 0:
        return Mark(None, "invalid")
    return Mark(x, STATUS_OK, hand="h" in flags, altitude="a" in flags, assisted="w" in flags)


def parse_wind_reading(text: Any) -> float | None:
    """A wind reading in m/s (tail wind positive), or None when missing.

    ``+2.1``, ``-0.4``, ``0.0``, ``−1.2`` (Unicode minus), ``2,1``; missing: ``""``,
    ``NA``, ``nwi`` (no wind information), ``NaN``. Readings outside +-25 m/s are
    treated as data errors (None).
    """
    if text is None:
        return None
    if isinstance(text, str):
        try:  # fast path: plain numbers
            x = float(text)
            return x if -25.0 <= x <= 25.0 else None
        except ValueError:
            pass
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        x = float(text)
    else:
        s = str(text).strip().replace("\u2212", "-").replace(",", ".")
        if not s or s.lower() in ("na", "nan", "nwi", "n/a", "-", "--", "none", "null", "?"):
            return None
        try:
            x = float(s)
        except ValueError:
            try:
                x = q.parse_wind(s)
            except SolverError:
                return None
    if not math.isfinite(x) or abs(x) > 25:
        return None
    return x


_MONTHS = {m: i for i, m in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1)}


@lru_cache(maxsize=1 << 16)
def _parse_date_cached(s: str) -> str | None:
    return _parse_date(s)


def parse_date(text: Any) -> str | None:
    """ISO date from ``16 AUG 2009``, ``16.08.2009``, ``2009-08-16`` (``None`` if unreadable)."""
    if not text:
        return None
    return _parse_date_cached(str(text).strip())


def _parse_date(s: str) -> str | None:
    try:
        if len(s) >= 10 and s[4] == "-" and s[7] == "-":
            y, mo, d = int(s[:4]), int(s[5:7]), int(s[8:10])
        elif "." in s:
            d, mo, y = (int(p) for p in s.split(".")[:3])
            if y < 100:
                y += 1900 if y > 30 else 2000
        else:
            parts = s.split()
            d, mo, y = int(parts[0]), _MONTHS[parts[1][:3].upper()], int(parts[2])
    except (ValueError, KeyError, IndexError):
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31 and 1850 <= y <= 2200):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


@lru_cache(maxsize=1 << 17)
def normalise_name(name: str) -> str:
    """Key for matching people/places across sources: accents, case, punctuation removed."""
    s = html.unescape(name or "")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s).split())


# --- the record ----------------------------------------------------------------------------
@dataclass(slots=True)
class Result:
    """One athlete's result in one race (the schema a team's own data uses).

    Only ``event``, ``sex`` and ``time`` are required; the rest are optional and
    each model uses what it needs (wind models: ``wind`` and ``athlete_id``;
    altitude: ``venue`` or ``altitude``; lanes: ``lane`` and ``sb``).
    """

    event: str                       #: "100m" or "200m" (other events are read, then ignored)
    sex: str                         #: "men" or "women"
    time: float | None               #: seconds (None unless status == "ok")
    status: str = STATUS_OK          #: ok / DNF / DNS / DQ / NM / missing / invalid
    athlete: str = ""                #: name as printed
    athlete_id: str = ""             #: stable id (source id, else normalised name + birth date)
    wind: float | None = None        #: m/s, tail wind positive
    date: str | None = None          #: ISO date
    season: int | None = None        #: year
    venue: str | None = None         #: venue / city string
    altitude: float | None = None    #: m, when the source gives it
    race: str = ""                   #: id shared by everyone in the same race
    round: str = ""                  #: heat / semi / final ...
    lane: int | None = None
    sb: float | None = None          #: season best before the race [s]
    pb: float | None = None          #: personal best before the race [s]
    reaction: float | None = None    #: reaction time [s]
    hand: bool = False               #: hand timing
    altitude_flag: bool = False      #: source flags the mark as achieved at altitude (A)
    category: str = ""               #: source category (e.g. Diamond Discipline, U18 Events)
    source: str = ""                 #: dataset / file the record came from


SCHEMA_FIELDS = tuple(f.name for f in fields(Result))

#: per-field rule for missing values (also printed by ``sprint-solver train --schema``)
MISSING_RULES = {
    "time": "non-numeric marks keep their status (DNF/DNS/DQ/NM); empty/NaN -> status 'missing'; "
            "rows without an 'ok' time are dropped from every fit and counted",
    "hand": "hand-timed marks (flag h) are dropped from fits (no defensible conversion to FAT)",
    "wind": "empty / NA / nwi -> None; the row is dropped from every wind-dependent fit (wind, altitude, "
            "lanes) and counted",
    "date": "unreadable -> None; season falls back to the year in the race title or meet name",
    "altitude": "venue -> altitude via the venue table; unmatched venues -> None and the row is "
                "dropped from altitude fits (counted); a few unmatched high venues are added by hand",
    "athlete_id": "source id, else normalised name + birth date / nationality",
    "sb": "missing season best -> row dropped from season-best designs (lanes, WC heats)",
    "lane": "missing / outside 1-9 -> row dropped from the lane model",
}

_SEX = {"m": "men", "men": "men", "male": "men", "1": "men", "man": "men",
        "w": "women", "f": "women", "women": "women", "female": "women", "0": "women", "woman": "women"}
_EVENT_RE = re.compile(r"(\d{2,5})\s*(?:m|metres|meters)\b", re.I)


def norm_sex(text: Any) -> str | None:
    return _SEX.get(str(text).strip().lower()) if text is not None else None


def norm_event(text: Any) -> str | None:
    m = _EVENT_RE.search(str(text or ""))
    return f"{int(m.group(1))}m" if m else None


# --- stats ---------------------------------------------------------------------------------
@dataclass
class IngestStats:
    """What a reader saw: rows, statuses, and every missing-value rule applied."""

    files: dict[str, str] = field(default_factory=dict)   # relative path -> sha256
    bytes: int = 0
    rows: int = 0
    status: Counter = field(default_factory=Counter)
    missing: Counter = field(default_factory=Counter)

    def count(self, r: Result) -> None:
        self.rows += 1
        self.status[r.status] += 1
        if r.wind is None:
            self.missing["wind"] += 1
        if r.date is None:
            self.missing["date"] += 1
        if r.hand:
            self.missing["hand_timed"] += 1

    def as_dict(self) -> dict[str, Any]:
        return {"files": dict(sorted(self.files.items())), "bytes": self.bytes, "rows": self.rows,
                "status": dict(sorted(self.status.items())), "missing": dict(sorted(self.missing.items()))}


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while b := f.read(chunk):
            h.update(b)
    return h.hexdigest()


# --- readers -------------------------------------------------------------------------------
Reader = Callable[[Path, IO[str]], Iterator[Result]]


def _f(x: str | None) -> float | None:
    if x is None:
        return None
    x = x.strip()
    if not x or x.lower() in ("nan", "na"):
        return None
    try:
        v = float(x)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def _event_sex_from_name(path: Path) -> tuple[str | None, str | None]:
    stem = path.stem.lower()
    sex = "women" if re.search(r"(^|[_\-])(women|w|female)([_\-]|$)", stem) else \
        "men" if re.search(r"(^|[_\-])(men|m|male)([_\-]|$)", stem) else None
    return norm_event(stem.replace("_", " ")), sex


def read_wa_toplist(path: Path, fh: IO[str]) -> Iterator[Result]:
    """World Athletics top-list CSV (event and sex from the file name)."""
    event, sex = _event_sex_from_name(path)
    rd = csv.reader(fh)
    head = next(rd)
    ix = {h.strip(): i for i, h in enumerate(head)}
    iM, iW, iC, iD, iN, iP, iV, iT = (ix["Mark"], ix["WIND"], ix["Competitor"], ix["DOB"], ix["Nat"],
                                      ix["Pos"], ix["Venue"], ix["Date"])
    src = path.name
    for row in rd:
        if len(row) <= iT:
            continue
        mk = parse_mark(row[iM])
        date = parse_date(row[iT])
        name = row[iC]
        pos = row[iP]
        rnd = pos.lstrip("0123456789") if pos else ""
        venue = row[iV]
        yield Result(event or "", sex or "", mk.seconds, mk.status, name,
                     normalise_name(name) + "|" + row[iD], parse_wind_reading(row[iW]), date,
                     int(date[:4]) if date else None, venue, None, f"{venue}|{row[iT]}|{rnd}", rnd,
                     hand=mk.hand, altitude_flag=mk.altitude, source=src)


def read_alltime(path: Path, fh: IO[str]) -> Iterator[Result]:
    """alltime-athletics tab-separated list (``sprint_m.txt``: men's 100 m)."""
    event, sex = _event_sex_from_name(path)
    if sex is None:
        sex = "women" if path.stem.lower().endswith("_w") else "men" if path.stem.lower().endswith("_m") else ""
    event = event or "100m"
    rd = csv.reader(fh, delimiter="\t")
    head = [h.strip().lower() for h in next(rd)]
    ix = {h: i for i, h in enumerate(head)}
    iT, iW, iN, iC, iB, iV, iD = (ix["time"], ix["wind"], ix["name"], ix["country"], ix["birthdate"],
                                  ix["city"], ix["date"])
    src = path.name
    for row in rd:
        if len(row) <= iD:
            continue
        mk = parse_mark(row[iT])
        date = parse_date(row[iD])
        name = html.unescape(row[iN])
        city = html.unescape(row[iV])
        yield Result(event, sex, mk.seconds, mk.status, name, normalise_name(name) + "|" + row[iB],
                     parse_wind_reading(row[iW]), date, int(date[:4]) if date else None, city,
                     race=f"{city}|{row[iD]}", hand=mk.hand, altitude_flag=mk.altitude, source=src)


_TITLE_RE = re.compile(r"^(Men|Women)'s\s+(\S+)\s*-\s*(\d{2}\.\d{2}\.\d{4})")
_WIND_RE = re.compile(r"wind:\s*([+\-\u2212]?\d+(?:[.,]\d+)?)")


def _dl_detail(detail: str) -> tuple[str, float | None]:
    detail = (detail or "").replace("\xa0", " ")
    m = _WIND_RE.search(detail)
    return detail.split(",")[0].strip(), parse_wind_reading(m.group(1)) if m else None


def read_dl_csv(path: Path, fh: IO[str]) -> Iterator[Result]:
    """The flattened Diamond League CSV (one row per athlete-result)."""
    rd = csv.DictReader(fh)
    src = path.name
    for r in rd:
        mk = parse_mark(r.get("mark"))
        rnd, w = _dl_detail(r.get("race_detail", ""))
        wind = parse_wind_reading(r.get("wind_mps")) if r.get("wind_mps") not in (None, "") else w
        date = parse_date(r.get("date"))
        aid = r.get("athlete_id") or normalise_name(r.get("athlete", "")) + "|" + (r.get("birth_year") or "")
        yield Result(norm_event(r.get("event")) or "", norm_sex(r.get("sex")) or "", mk.seconds, mk.status,
                     r.get("athlete", ""), aid, wind, date,
                     int(date[:4]) if date else _year(r.get("year")),
                     r.get("meeting") or None, None,
                     f"{r.get('meeting_id')}|{r.get('date')}|{r.get('event')}|{r.get('sex')}|{r.get('race_detail')}",
                     rnd, hand=mk.hand, altitude_flag=mk.altitude, category=r.get("category", ""), source=src)


def _year(x: str | None) -> int | None:
    v = _f(x)
    return int(v) if v is not None else None


def read_dl_meeting_json(path: Path, data: dict[str, Any], meetings: dict[str, str] | None = None
                         ) -> Iterator[Result]:
    """One scraped Diamond League meeting file ``<year>_<meetingId>.json``."""
    stem = path.stem
    year, _, mid = stem.partition("_")
    meeting = (meetings or {}).get(mid) or stem
    src = path.name
    for cat, races in data.items():
        if not isinstance(races, list):
            continue
        for race in races:
            m = _TITLE_RE.match(str(race.get("title", "")))
            if not m:
                continue
            sex, event, dmy = norm_sex(m.group(1)[0]), norm_event(m.group(2)), m.group(3)
            if event is None:
                continue
            rnd, wind = _dl_detail(race.get("detail", ""))
            date = parse_date(dmy)
            rid = f"{mid}|{date}|{event}|{sex}|{race.get('detail', '')}"
            for a in race.get("data") or []:
                mk = parse_mark(a.get("mark"))
                aid = str(a.get("id") or "") or normalise_name(a.get("athlete", "")) + "|" + str(a.get("birthYear") or "")
                yield Result(event, sex or "", mk.seconds, mk.status, a.get("athlete", ""), aid, wind, date,
                             int(date[:4]) if date else (int(year) if year.isdigit() else None), meeting, None,
                             rid, rnd, hand=mk.hand, altitude_flag=mk.altitude,
                             category=str(race.get("category") or cat), source=src)


def read_wc_round1(path: Path, fh: IO[str]) -> Iterator[Result]:
    """World Championships first-round CSV (Munro 2022 replication package)."""
    rd = csv.reader(fh)
    head = [h.strip().lower() for h in next(rd)]
    ix = {}
    for i, h in enumerate(head):
        ix.setdefault(h, i)  # the 100 m file repeats athlete/sex columns; the first wins
    src = path.name
    for row in rd:
        if len(row) < len(head):
            continue
        g = lambda k: row[ix[k]] if k in ix else None  # noqa: E731
        mk = parse_mark(g("mark1"))
        if mk.status == "missing":
            mk = Mark(None, "no_mark")  # the package codes DNF/DQ/DNS all as NaN
        meet = g("meet") or ""
        year = int(meet[:4]) if meet[:4].isdigit() else None
        city = meet.rsplit(",", 1)[-1].strip() if "," in meet else meet
        lane = _f(g("lane"))
        wind = parse_wind_reading(g("wind1"))
        name = g("athlete") or ""
        ev = norm_event(g("event")) or ""
        sx = norm_sex(g("sex")) or ""
        yield Result(ev, sx, mk.seconds, mk.status, name, normalise_name(name) + "|" + (g("country") or "")[:3],
                     wind, None, year, city, None, f"{meet}|{ev}|{sx}|{g('round')}|{g('wind1')}", g("round") or "",
                     int(lane) if lane is not None and lane == int(lane) else None, _f(g("sb")), _f(g("pb")),
                     _f(g("reactiontime")), category=meet, source=src)


def record_from_mapping(d: dict[str, Any], src: str) -> Result:
    """A generic-schema record (keys are :class:`Result` field names)."""
    raw = d.get("time", d.get("mark"))
    mk = parse_mark(raw)
    status = d.get("status") or mk.status
    date = parse_date(d.get("date"))
    season = d.get("season")
    season = int(season) if season not in (None, "") and str(season).strip().lstrip("-").isdigit() else \
        (int(date[:4]) if date else None)
    lane = _f(str(d["lane"])) if d.get("lane") not in (None, "") else None
    num = lambda k: _f(str(d[k])) if d.get(k) not in (None, "") else None  # noqa: E731
    name = str(d.get("athlete") or "")
    return Result(norm_event(d.get("event")) or "", norm_sex(d.get("sex")) or "", mk.seconds,
                  status if mk.seconds is None else STATUS_OK, name,
                  str(d.get("athlete_id") or normalise_name(name)), parse_wind_reading(d.get("wind")), date,
                  season, d.get("venue") or None, num("altitude"), str(d.get("race") or ""),
                  str(d.get("round") or ""), int(lane) if lane is not None and lane == int(lane) else None,
                  num("sb"), num("pb"), num("reaction"), bool(d.get("hand")) or mk.hand,
                  bool(d.get("altitude_flag")) or mk.altitude, str(d.get("category") or ""), src)


def read_generic_csv(path: Path, fh: IO[str]) -> Iterator[Result]:
    src = path.name
    for d in csv.DictReader(fh):
        yield record_from_mapping(d, src)


# --- dispatch ------------------------------------------------------------------------------
def sniff(path: Path, first_line: str) -> str | None:
    """Which reader handles ``path`` (``None``: not a results file)."""
    h = first_line.lstrip("\ufeff").strip()
    low = h.lower()
    if path.suffix.lower() == ".json":
        return "json"
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return "jsonl"
    if path.suffix.lower() == ".txt" and low.startswith("rank\ttime\twind"):
        return "alltime"
    if path.suffix.lower() != ".csv":
        return None
    cols = {c.strip().strip('"').lower() for c in h.split(",")}
    if {"mark", "wind", "competitor", "venue"} <= cols:
        return "wa_toplist"
    if {"race_detail", "wind_mps", "mark"} <= cols:
        return "dl_csv"
    if {"mark1", "wind1", "lane"} <= cols:
        return "wc_round1"
    if {"event", "sex"} <= cols and ("time" in cols or "mark" in cols):
        return "generic_csv"
    return None


_TEXT_READERS: dict[str, Reader] = {"wa_toplist": read_wa_toplist, "alltime": read_alltime,
                                    "dl_csv": read_dl_csv, "wc_round1": read_wc_round1,
                                    "generic_csv": read_generic_csv}


def iter_file(path: Path, stats: IngestStats | None = None, root: Path | None = None,
              meetings: dict[str, str] | None = None) -> Iterator[Result]:
    """Stream the records of one file (nothing if it is not a results file)."""
    path = Path(path)
    with open(path, "r", encoding="utf-8", errors="replace", newline="") as fh:
        first = fh.readline()
        kind = sniff(path, first)
        if kind is None:
            return
        fh.seek(0)
        if first.startswith("\ufeff"):
            fh.read(1)
        if stats is not None:
            rel = path.relative_to(root).as_posix() if root else path.name
            stats.files[rel] = sha256_file(path)
            stats.bytes += path.stat().st_size
        if kind in _TEXT_READERS:
            it: Iterable[Result] = _TEXT_READERS[kind](path, fh)
        elif kind == "jsonl":
            it = (record_from_mapping(json.loads(line), path.name) for line in fh if line.strip())
        else:
            it = _json_records(path, json.load(fh), meetings)
        for r in it:
            if stats is not None:
                stats.count(r)
            yield r


def _json_records(path: Path, data: Any, meetings: dict[str, str] | None) -> Iterator[Result]:
    if isinstance(data, dict) and "results" in data and isinstance(data["results"], list):
        data = data["results"]
    if isinstance(data, list):
        for d in data:
            if isinstance(d, dict):
                yield record_from_mapping(d, path.name)
    elif isinstance(data, dict) and any(isinstance(v, list) and v and isinstance(v[0], dict) and "title" in v[0]
                                        for v in data.values()):
        yield from read_dl_meeting_json(path, data, meetings)


def iter_dir(root: Path, stats: IngestStats | None = None) -> Iterator[Result]:
    """Stream every results file under ``root`` (sorted, so the order is reproducible)."""
    root = Path(root)
    meetings: dict[str, str] = {}
    mfile = root / "meetingIds.json"
    if mfile.is_file():
        meetings = {str(k): str(v) for k, v in json.loads(mfile.read_text("utf-8")).items()}
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    for p in files:
        if p.name == "meetingIds.json":
            continue
        yield from iter_file(p, stats, root if root.is_dir() else root.parent, meetings)


SCHEMA_DOC = "\n".join(
    [f"  {f.name}: {MISSING_RULES.get(f.name, '')}".rstrip(": ") for f in fields(Result)])


def file_sizes(paths: Iterable[Path]) -> int:
    return sum(os.path.getsize(p) for p in paths)


def open_text(data: bytes | str) -> IO[str]:
    """A text handle on in-memory data (tests feed real extracts through the readers)."""
    return io.StringIO(data.decode("utf-8") if isinstance(data, bytes) else data, newline="")


# --- running activities (GPX / TCX / FIT / CSV / Strava streams) ----------------------------
@dataclass
class Activity:
    """One recorded run as arrays (seconds from start, metres, metres, bpm; NaN = missing)."""

    name: str
    time: "Any"
    distance: "Any"
    elevation: "Any"
    heart_rate: "Any"
    grade_smooth: "Any" = None      #: the device / platform's own smoothed grade [%], when present


def _haversine(lat, lon):
    import numpy as np
    lat, lon = np.radians(lat), np.radians(lon)
    dlat, dlon = np.diff(lat), np.diff(lon)
    a = np.sin(dlat / 2) ** 2 + np.cos(lat[:-1]) * np.cos(lat[1:]) * np.sin(dlon / 2) ** 2
    return np.concatenate([[0.0], np.cumsum(2 * 6371008.8 * np.arcsin(np.sqrt(np.clip(a, 0, 1))))])


def _iso_seconds(ts: list[str]):
    from datetime import datetime
    import numpy as np
    out = [datetime.fromisoformat(t.replace("Z", "+00:00")).timestamp() if t else math.nan for t in ts]
    a = np.asarray(out, float)
    return a - np.nanmin(a)


def _xml_points(path: Path):
    """(time, lat, lon, ele, dist, hr) per track point of a GPX or TCX file, streamed."""
    import xml.etree.ElementTree as ET
    pt: dict[str, Any] = {}
    for ev, el in ET.iterparse(path, events=("start", "end")):
        tag = el.tag.rsplit("}", 1)[-1]
        if ev == "start":
            if tag in ("trkpt", "Trackpoint"):
                pt = {"lat": el.get("lat"), "lon": el.get("lon")}
            continue
        txt = (el.text or "").strip()
        if tag in ("time", "Time"):
            pt["time"] = txt
        elif tag in ("ele", "AltitudeMeters"):
            pt["ele"] = txt
        elif tag == "DistanceMeters":
            pt["dist"] = txt
        elif tag == "LatitudeDegrees":
            pt["lat"] = txt
        elif tag == "LongitudeDegrees":
            pt["lon"] = txt
        elif tag in ("hr", "Value") and txt:
            pt["hr"] = txt
        elif tag in ("trkpt", "Trackpoint"):
            if "time" in pt:
                yield pt
            el.clear()


def read_xml_activity(path: Path) -> Activity:
    import numpy as np
    pts = list(_xml_points(path))
    g = lambda k: np.array([_f(p.get(k)) if p.get(k) is not None else np.nan for p in pts], float)  # noqa: E731
    t = _iso_seconds([p.get("time", "") for p in pts])
    dist = g("dist")
    lat, lon = g("lat"), g("lon")
    if not np.isfinite(dist).any() and np.isfinite(lat).all():
        dist = _haversine(lat, lon)
    return Activity(path.name, t, dist, g("ele"), g("hr"))


_FIT_TYPES = {0: ("B", 0xFF), 1: ("b", 0x7F), 2: ("B", 0xFF), 3: ("h", 0x7FFF), 4: ("H", 0xFFFF),
              5: ("i", 0x7FFFFFFF), 6: ("I", 0xFFFFFFFF), 10: ("B", 0), 11: ("H", 0), 12: ("I", 0),
              8: ("f", None), 9: ("d", None)}
#: FIT 'record' (global message 20) fields we read: number -> (name, scale, offset)
_FIT_RECORD = {253: ("timestamp", 1, 0), 0: ("lat", 180 / 2 ** 31, 0), 1: ("lon", 180 / 2 ** 31, 0),
               2: ("altitude", 5, 500), 78: ("enhanced_altitude", 5, 500), 3: ("heart_rate", 1, 0),
               5: ("distance", 100, 0), 6: ("speed", 1000, 0), 73: ("enhanced_speed", 1000, 0)}


def read_fit(path: Path) -> Activity:
    """A minimal FIT decoder: record messages (time, distance, altitude, heart rate).

    Handles normal and compressed-timestamp headers, both byte orders and developer
    fields (skipped). No third-party dependency.
    """
    import struct
    import numpy as np
    data = path.read_bytes()
    hsize = data[0]
    size = struct.unpack("<I", data[4:8])[0]
    if data[8:12] != b".FIT":
        raise SolverError(f"{path.name} is not a FIT file", parameter="path", value=path.name)
    pos, end = hsize, min(hsize + size, len(data))
    defs: dict[int, tuple[str, int, list[tuple[int, int, int]], int]] = {}
    rows: list[dict[str, float]] = []
    last_ts = 0
    while pos < end:
        h = data[pos]
        pos += 1
        if h & 0x80:  # compressed timestamp data message
            local, off = (h >> 5) & 0x3, h & 0x1F
            ts = (last_ts & ~0x1F) + off
            if off < (last_ts & 0x1F):
                ts += 0x20
            last_ts = ts
            comp_ts: int | None = ts
        else:
            local, comp_ts = h & 0x0F, None
            if h & 0x40:  # definition message
                arch = data[pos + 1]
                endian = ">" if arch == 1 else "<"
                gnum = struct.unpack(endian + "H", data[pos + 2:pos + 4])[0]
                nf = data[pos + 4]
                pos += 5
                flds = [(data[pos + 3 * i], data[pos + 3 * i + 1], data[pos + 3 * i + 2] & 0x1F) for i in range(nf)]
                pos += 3 * nf
                dev = 0
                if h & 0x20:
                    nd = data[pos]
                    pos += 1
                    dev = sum(data[pos + 3 * i + 1] for i in range(nd))
                    pos += 3 * nd
                defs[local] = (endian, gnum, flds, dev)
                continue
        endian, gnum, flds, dev = defs[local]
        rec: dict[str, float] = {}
        for num, sz, bt in flds:
            raw = data[pos:pos + sz]
            pos += sz
            if gnum != 20 and num != 253:
                continue
            code = _FIT_TYPES.get(bt)
            if code is None or struct.calcsize(code[0]) != sz:
                continue
            v = struct.unpack(endian + code[0], raw)[0]
            if code[1] is not None and v == code[1] and bt not in (10, 11, 12):
                continue
            if num == 253:
                last_ts = int(v)
            if gnum == 20 and num in _FIT_RECORD:
                name, scale, offset = _FIT_RECORD[num]
                rec[name] = v / scale - offset if name != "lat" and name != "lon" else v * scale
        pos += dev
        if gnum == 20:
            rec.setdefault("timestamp", float(comp_ts if comp_ts is not None else last_ts))
            rows.append(rec)
    col = lambda *ks: np.array([next((r[k] for k in ks if k in r), np.nan) for r in rows], float)  # noqa: E731
    t = col("timestamp")
    dist = col("distance")
    if not np.isfinite(dist).any():
        lat, lon = col("lat"), col("lon")
        dist = _haversine(lat, lon)
    return Activity(path.name, t - np.nanmin(t), dist, col("enhanced_altitude", "altitude"), col("heart_rate"))


def read_streams_json(path: Path) -> Activity:
    """Strava API streams (time, distance, altitude, heartrate, grade_smooth)."""
    import numpy as np
    d = json.loads(path.read_text("utf-8"))
    g = lambda k: np.asarray(d[k]["data"], float) if k in d else np.full(len(d["time"]["data"]), np.nan)  # noqa: E731
    return Activity(path.name, g("time"), g("distance"), g("altitude"), g("heartrate"),
                    g("grade_smooth") if "grade_smooth" in d else None)


def read_activity_csv(path: Path) -> Activity:
    """heartandsole-style CSV (header rows: field / elev_source / block): time, distance, HR, elevation."""
    import numpy as np
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    head = rows[0]
    body = [r for r in rows[3:] if r]
    ts = [r[head.index("timestamp")] for r in body]
    t = _iso_seconds([s.replace(" ", "T") for s in ts])
    col = lambda name: np.array([_f(r[head.index(name)]) if _f(r[head.index(name)]) is not None else np.nan  # noqa: E731
                                 for r in body], float)
    return Activity(path.name, t, col("distance"), col("elevation"), col("heart_rate"))


def read_activity(path: Path) -> Activity | None:
    suf = path.suffix.lower()
    if suf in (".gpx", ".tcx"):
        return read_xml_activity(path)
    if suf == ".fit":
        return read_fit(path)
    if suf == ".json":
        return read_streams_json(path)
    if suf == ".csv":
        return read_activity_csv(path)
    return None
