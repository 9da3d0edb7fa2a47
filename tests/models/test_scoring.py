"""World Athletics and combined-events scoring (sprint_solver.models.scoring)."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sprint_solver.errors import InvalidValueError
from sprint_solver.models import scoring as sc
from sprint_solver.registry import Registry


def wa(t, event, sex="men", venue="outdoor", edition="2022", hand=False):
    return sc.wa_points(t, event, sex, venue, edition, hand)[0]


# --- published anchors ----------------------------------------------------------------------------------
def test_p1_men_100m_1071():
    # physics_anchors.md P1 [2ND, jchen1]: men 100 m 10.71 = 974 points (2017 tables)
    assert wa(10.71, "100m", edition="2017") == 974


def test_glaivepro_2017_vectors():
    # GlaivePro/IaafPoints tests/IaafCalculatorTest.php [CODE]; physics_anchors.md P2 (hand-timed 946)
    assert wa(21.61, "200m", edition="2017") == 980
    assert wa(21.61, "200m", edition="2017", hand=True) == 946
    assert wa(21.61, "200m", "women", edition="2017") == 1279
    assert wa(21.61, "200m", venue="indoor", edition="2017") == 1043


def test_glaivepro_other_vectors():
    # calculator_peers.md 2.7 [peer]: indoor men 300 m hand 44.0 -> 346; 300 m 59.0 -> 0;
    # 600 m 79.09 -> 988 (2017) / 980 (2022)
    assert wa(44.0, "300m", venue="indoor", hand=True) == 346
    assert wa(59.0, "300m") == 0
    assert wa(79.09, "600m", edition="2017") == 988
    assert wa(79.09, "600m", edition="2022") == 980


@pytest.mark.parametrize("t, event, sex, expected", [
    (9.58, "100m", "men", 1356), (10.00, "100m", "men", 1206), (19.19, "200m", "men", 1351),
    (43.03, "400m", "men", 1321), (10.49, "100m", "women", 1314),
])
def test_calc_anchors(t, event, sex, expected):
    # physics_anchors.md g3 [CALC]; calculator_peers.md 2.6 athlib [derived]
    assert wa(t, event, sex) == expected


def test_athlib_vectors():
    # calculator_peers.md 2.6 athlib tests [peer]: M OUT 100 9.46 -> 1400; M OUT MILE 240 s -> 1074
    assert wa(9.46, "100m") == 1400
    assert wa(240.0, "mile") == 1074


# GlaivePro tests/Wa2022Test.php [CODE, rows transcribed from the WA 2022 PDF]: every running event at
# 842 points, except where the table has no 842 row (843/844/845 as noted there)
WA2022_OUTDOOR_MEN = {"100m": 11.15, "200m": 22.62, "300m": 35.74, "400m": 50.28, "500m": 66.06, "110mH": 15.31,
                      "400mH": 56.23, "600m": 82.77, "800m": 116.78, "1000m": 150.91, "1500m": 241.09,
                      "mile": 260.11, "2000m": 331.51, "2000mSt": 373.10, "3000m": 518.57, "3000mSt": 578.31,
                      "2miles": 558.71, "5000m": 889.45, "10000m": 1882.37, "5km": 889, "10km": 1882, "15km": 2894,
                      "10miles": 3117, "20km": 3917, "half_marathon": 4158, "25km": 5028, "30km": 6171,
                      "marathon": 9045, "100km": 26758}
WA2022_OUTDOOR_WOMEN = {"100m": 12.78, "200m": 26.12, "300m": 42.31, "400m": 59.86, "500m": 78.50, "100mH": 15.45,
                        "400mH": 66.46, "600m": 99.20, "800m": 139.37, "1000m": 181.53, "1500m": 289.32,
                        "mile": 311.16, "2000m": 397.23, "2000mSt": 450.77, "3000m": 624.12, "3000mSt": 712.23,
                        "2miles": 671.51, "5000m": 1079.17, "10000m": 2282.29, "5km": 1079, "10km": 2282,
                        "15km": 3527, "10miles": 3806, "20km": 4816, "half_marathon": 5102, "25km": 6145,
                        "30km": 7505, "marathon": 10904, "100km": 30161}
WA2022_INDOOR_MEN = {"50m": 6.23, "55m": 6.73, "60m": 7.19, "50mH": 7.38, "55mH": 8.05, "60mH": 8.66, "200m": 23.07,
                     "300m": 36.38, "400m": 51.30, "500m": 67.39, "600m": 84.53, "800m": 118.68, "1000m": 154.02,
                     "1500m": 244.41, "mile": 263.94, "2000m": 334.98, "3000m": 521.91, "2miles": 565.26,
                     "5000m": 901.16}
WA2022_INDOOR_WOMEN = {"50m": 7.05, "55m": 7.63, "60m": 8.18, "50mH": 8.09, "55mH": 8.81, "60mH": 9.51,
                       "200m": 26.78, "300m": 43.26, "400m": 60.89, "500m": 80.41, "600m": 101.35, "800m": 142.67,
                       "1000m": 184.69, "1500m": 291.63, "mile": 315.38, "2000m": 401.60, "3000m": 629.82,
                       "2miles": 677.93, "5000m": 1089.74}
EXPECTED_NOT_842 = {("outdoor", "men"): {"5km": 843}, ("outdoor", "women"): {"100m": 843},
                    ("indoor", "men"): {"55m": 843, "60mH": 843, "50mH": 844, "55mH": 844, "50m": 845, "60m": 845},
                    ("indoor", "women"): {"55m": 843, "60m": 843}}


@pytest.mark.parametrize("venue, sex, rows", [
    ("outdoor", "men", WA2022_OUTDOOR_MEN), ("outdoor", "women", WA2022_OUTDOOR_WOMEN),
    ("indoor", "men", WA2022_INDOOR_MEN), ("indoor", "women", WA2022_INDOOR_WOMEN),
])
def test_wa2022_every_running_event(venue, sex, rows):
    for event, t in rows.items():
        expected = EXPECTED_NOT_842[(venue, sex)].get(event, 842)
        assert wa(t, event, sex, venue, "2022") == expected, (venue, sex, event)
    # every event the 2022 table has for this venue/sex is covered by the vectors
    assert set(sc.WA_TABLES["2022"][venue][sex]) == set(rows)


def test_editions_agree_on_the_sprints():
    # physics_anchors.md g3: 2017 and 2022 coefficients are identical for the sprint events
    for venue, sexes in sc.WA_TABLES["2017"].items():
        for sex, rows in sexes.items():
            for ev in ("100m", "200m", "300m", "400m", "110mH", "100mH", "400mH", "60m", "60mH"):
                if ev in rows:
                    assert rows[ev] == sc.WA_TABLES["2022"][venue][sex][ev]


def test_zero_point_cut_off_and_floor():
    assert wa(17.0, "100m") == 0  # T + shift = 0 -> 0 (not cf * 0^2 rounding games)
    assert wa(25.0, "100m") == 0  # past the zero point the parabola would rise again
    pts, exact, _ = sc.wa_points(10.71, "100m")
    assert pts == np.floor(exact) and pts != round(exact + 0.5)


def test_hand_offsets():
    # physics_anchors.md h [CODE GlaivePro]: +0.24 up to 200 m and hurdles to 110 m; +0.14 for 300-500 m, 400 mH
    assert sc.wa_points(10.5, "100m", hand_timed=True)[2] == pytest.approx(10.74)
    assert sc.wa_points(47.0, "400m", hand_timed=True)[2] == pytest.approx(47.14)
    assert sc.wa_points(50.0, "400mH", hand_timed=True)[2] == pytest.approx(50.14)
    assert sc.wa_points(13.5, "110mH", hand_timed=True)[2] == pytest.approx(13.74)
    assert sc.wa_points(240.0, "1500m", hand_timed=True)[2] == 240.0


@settings(max_examples=100, deadline=None)
@given(a=st.floats(9.0, 30.0), b=st.floats(9.0, 30.0))
def test_points_never_increase_with_time(a, b):
    lo, hi = sorted((a, b))
    assert wa(lo, "100m") >= wa(hi, "100m")
    assert wa(lo, "100m", hand=True) <= wa(lo, "100m")


def test_vectorised():
    pts = sc.wa_points(np.array([9.58, 10.0, 18.0]), "100m")[0]
    assert list(pts) == [1356, 1206, 0]


# --- combined events --------------------------------------------------------------------------------------------
def test_combined_glaivepro_vectors():
    # calculator_peers.md / physics_anchors.md g4 [CODE tests]: men 200 m 21.61 = 922, hand = 898,
    # women 200 m 21.61 = 1222, women hand-timed 400 m 59.0 (+0.14) = 734
    assert sc.combined_points(21.61, "200m")[0] == 922
    assert sc.combined_points(21.61, "200m", hand_timed=True)[0] == 898
    assert sc.combined_points(21.61, "200m", "women")[0] == 1222
    assert sc.combined_points(59.0, "400m", "women", hand_timed=True)[0] == 734


@pytest.mark.parametrize("t, event, sex, expected", [
    (10.395, "100m", "men", 1000),  # physics_anchors.md P3 [CALC/RECALL]
    (10.00, "100m", "men", 1096), (11.00, "100m", "men", 861), (46.00, "400m", "men", 1008),
    (48.19, "400m", "men", 900), (23.80, "200m", "women", 1000), (13.85, "100mH", "women", 1000),
    (127.63, "800m", "women", 1000),
])
def test_combined_anchors(t, event, sex, expected):
    # physics_anchors.md g4 [CALC] (classic 1000-point benchmarks)
    assert sc.combined_points(t, event, sex)[0] == expected


def test_combined_zero_and_unknown_event():
    assert sc.combined_points(18.5, "100m")[0] == 0
    with pytest.raises(InvalidValueError) as e:
        sc.combined_points(12.0, "110mH", "women")
    assert e.value.parameter == "event"


def test_unknown_event_for_table():
    with pytest.raises(InvalidValueError) as e:
        sc.wa_points(13.0, "110mH", "women")
    assert e.value.parameter == "event" and "100mH" in str(e.value)
    with pytest.raises(InvalidValueError):
        sc.wa_points(1000.0, "5km", edition="2017")  # the 2017 tables have no 5 km road row


def test_registered_model_validates_inputs():
    m = Registry.default().get("scoring.wa_points")
    with pytest.raises(InvalidValueError) as e:
        m.evaluate(time=0.5, event="100m")
    assert e.value.parameter == "time" and e.value.valid_range == (1.0, 100000.0)
    with pytest.raises(InvalidValueError) as e:
        m.evaluate(time=10.0, event="shot_put")
    assert e.value.parameter == "event"
    assert m.evaluate(time=10.71, event="100m", edition="2017")["points"] == 974
