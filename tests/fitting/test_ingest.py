"""Readers on real rows: marks (9.58, 9.87A, DQ/DNS/DNF/empty), winds (+2.1, -0.4, NA),
dates, venues -> altitude, per-meeting JSON, activities (GPX/TCX/FIT/streams)."""
from __future__ import annotations

import csv
import hashlib
import json
import types
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from sprint_solver.fitting.features import VenueTable
from sprint_solver.fitting.ingest import (IngestStats, iter_dir, iter_file, parse_date, parse_mark,
                                          parse_wind_reading, read_activity)

from .conftest import head


def test_parse_mark_flags_and_statuses():
    # alltime-athletics flags (SOURCE.md: "9.87A" = altitude); h = hand, w = wind-assisted list flag
    m = parse_mark("9.87A")
    assert (m.seconds, m.status, m.altitude, m.hand) == (9.87, "ok", True, False)
    assert parse_mark("10.1h").hand and parse_mark("10.1h").seconds == pytest.approx(10.1)
    assert parse_mark("9.69w").assisted
    assert parse_mark("1:42.04").seconds == pytest.approx(102.04)  # a Diamond League 800 m mark
    assert [parse_mark(x).status for x in ("DQ", "DNS", "DNF", "", "nan")] == ["DQ", "DNS", "DNF", "missing",
                                                                               "missing"]
    assert parse_mark("fast").status == "invalid"


def test_parse_wind_and_dates():
    assert [parse_wind_reading(x) for x in ("+2.1", "-0.4", "0.0", "\u22121.2", "2,1", "NA", "nwi", "", None)] == \
        [2.1, -0.4, 0.0, -1.2, 2.1, None, None, None, None]
    assert parse_wind_reading("99") is None  # gauge/data error, not a wind
    assert parse_date("16 AUG 2009") == "2009-08-16"        # WA lists
    assert parse_date("16.08.2009") == "2009-08-16"         # alltime lists
    assert parse_date("21.08.86") == "1986-08-21"           # alltime birth dates
    assert parse_date("2010-06-04") == "2010-06-04"         # Diamond League
    assert parse_date("1h1") is None


def test_wa_toplist_rows(shared_data, tmp_path):
    f = head(shared_data / "wa_toplists_sprint/men_100m.csv", tmp_path / "men_100m.csv", 5)
    r = next(iter_file(f))
    assert (r.event, r.sex, r.time, r.wind, r.date) == ("100m", "men", 9.58, 0.9, "2009-08-16")
    assert r.venue == "Olympiastadion, Berlin (GER)" and r.athlete_id == "usain bolt|21 AUG 1986"


def test_alltime_altitude_flag_and_missing_wind(shared_data, tmp_path):
    rows = list(iter_dir(shared_data / "alltime_top1000_100m"))
    thompson = [r for r in rows if r.athlete == "Obadele Thompson" and r.venue == "Johannesburg"]
    assert thompson and thompson[0].time == 9.87 and thompson[0].altitude_flag
    assert sum(r.altitude_flag for r in rows) == 24 + 9  # SOURCE.md: 24 men's and 9 women's A marks
    ottey = [r for r in rows if r.athlete == "Merlene Ottey" and r.date == "1991-06-28" and r.time == 10.99]
    assert ottey and ottey[0].wind is None  # the row's wind reads "NA"


def test_diamond_league_statuses(shared_data):
    st = IngestStats()
    rows = list(iter_dir(shared_data / "diamond_league_sprints", st))
    assert len(rows) == 5730 and st.rows == 5730
    # SOURCE.md: mark is a string with DQ/DNS/DNF; 30 empty marks
    assert st.status["DQ"] == 75 and st.status["DNS"] == 41 and st.status["DNF"] == 21
    assert st.status["missing"] == 30
    assert rows[0].athlete == "Asafa POWELL" and rows[0].time == 9.72 and rows[0].wind == 2.1
    assert rows[0].round == "Final" and rows[0].season == 2010
    digest = hashlib.sha256((shared_data / "diamond_league_sprints/diamond_league_100m_200m.csv").read_bytes())
    assert st.files["diamond_league_100m_200m.csv"] == digest.hexdigest()


def test_iter_dir_streams(shared_data):
    it = iter_dir(shared_data / "munro_wc_round1")
    assert isinstance(it, types.GeneratorType)
    first = next(it)
    assert (first.athlete, first.time, first.wind, first.lane, first.sb) == ("Abiodun OYEPITAN", 11.45, -0.2, 1, 11.29)


def test_wc_round1_missing_mark(shared_data):
    rows = list(iter_dir(shared_data / "munro_wc_round1"))
    clarke = [r for r in rows if r.athlete == "Venolyn CLARKE" and r.season == 2001]
    assert clarke and clarke[0].time is None and clarke[0].status == "no_mark"
    assert clarke[0].sb == 11.29


def test_dl_meeting_json_matches_csv(shared_data, tmp_path):
    """The scraper's per-meeting JSON format, rebuilt from the real rows of Oslo 2010, reads like the CSV."""
    src = shared_data / "diamond_league_sprints/diamond_league_100m_200m.csv"
    with open(src, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["year"] == "2010" and r["meeting_id"] == "18"]
    cats: dict = defaultdict(dict)
    for r in rows:
        d = r["date"]
        title = f"{'Men' if r['sex'] == 'M' else 'Women'}'s {r['event']} - {d[8:10]}.{d[5:7]}.{d[:4]}"
        race = cats[r["category"]].setdefault((title, r["race_detail"]), {"title": title, "detail": r["race_detail"],
                                                                         "data": []})
        race["data"].append({"place": r["place"], "athlete": r["athlete"], "id": r["athlete_id"], "nat": r["nat"],
                             "birthYear": int(r["birth_year"]), "mark": r["mark"], "doping": r["doping_flag"]})
    f = tmp_path / "2010_18.json"
    f.write_text(json.dumps({c: list(v.values()) for c, v in cats.items()}), "utf-8")
    got = sorted((r.athlete_id, r.time, r.wind, r.status) for r in iter_file(f))
    csv_path = tmp_path / "dl.csv"
    with open(csv_path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    want = sorted((r.athlete_id, r.time, r.wind, r.status) for r in iter_file(csv_path))
    assert got == want and len(got) == len(rows)


def test_venue_altitudes(shared_data):
    vt = VenueTable.load(shared_data / "venue_altitudes/venue_altitudes.csv")
    assert vt.lookup("Estadio Olímpico, Ciudad de México (MEX)")[0] == 2240.0
    assert vt.lookup("Sestriere (ITA)") == (2035.0, "hand")  # unmatched in GeoNames, added by hand
    assert vt.lookup("Johannesburg")[0] >= 1000              # alltime city name -> city index
    assert vt.lookup("Berlin")[0] < 100
    assert vt.lookup("1h1") == (None, "unmatched")
    # every alltime "A" (> 1000 m) mark whose city matches is above 1000 m, and no other mark is
    for r in iter_dir(shared_data / "alltime_top1000_100m"):
        a, _ = vt.lookup(r.venue)
        if a is not None:
            assert (a >= 1000) == r.altitude_flag, r


@pytest.mark.parametrize("name,n,km", [("runpandas__run.fit", 1202, 5.8),
                                       ("heartandsole__activity_4426508309.gpx", 2883, 9.0),
                                       ("heartandsole__activity_4257833732.tcx", 4676, 16.6),
                                       ("heartandsole__2019-05-11-144658-UBERDROID6944-216-1.fit", 5958, 19.0)])
def test_activity_readers(shared_data, name, n, km):
    # points and distances as listed in running_activities/SOURCE.md
    a = read_activity(shared_data / "running_activities" / name)
    assert len(a.time) == n
    assert np.nanmax(a.distance) / 1000 == pytest.approx(km, abs=0.1)
    assert np.isfinite(a.heart_rate).mean() > 0.9


def test_strava_streams_grade(shared_data):
    a = read_activity(shared_data / "running_activities/runpandas__streams.json")
    assert a.grade_smooth is not None and len(a.grade_smooth) == 1747
