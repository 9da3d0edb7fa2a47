"""Heat models against the reference values (physics_anchors.md c2, calculator_peers.md 2.1 and 2.4)."""
from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sprint_solver import InvalidValueError, Registry, ValidityWarning
from sprint_solver.models import heat as hm
from sprint_solver.quantities import f_to_c, parse_time


def f2c(f):
    return f_to_c(f)


# --- Hadley -----------------------------------------------------------------------------------------
def test_hadley_worked_example():
    # physics_anchors.md H1 [SRC]: 74 F + 71 F = 145 -> 3.0-4.5 % band; 7:00/mi -> 7:12.6 to 7:18.9 /mi [CALC]
    s, lo, hi, total = hm.hadley(f2c(74), f2c(71))
    assert total == pytest.approx(145.0)
    assert (lo, hi) == (pytest.approx(3.0), pytest.approx(4.5))
    assert s == pytest.approx(3.75)  # linear inside the band (documented design choice)
    assert hm.adjusted_pace(420.0, lo) == pytest.approx(432.6, abs=0.05)
    assert hm.adjusted_pace(420.0, hi) == pytest.approx(438.9, abs=0.05)


@pytest.mark.parametrize("total, band", [
    # physics_anchors.md c2 rule 1 [SRC]: the published bands
    (100, (0.0, 0.0)), (101, (0.0, 0.5)), (110, (0.0, 0.5)), (111, (0.5, 1.0)), (125, (1.0, 2.0)),
    (135, (2.0, 3.0)), (150, (3.0, 4.5)), (151, (4.5, 6.0)), (165, (6.0, 8.0)), (180, (8.0, 10.0)),
])
def test_hadley_bands(total, band):
    assert hm.hadley_band(total) == pytest.approx(band)
    assert band[0] <= hm.hadley_pct(total) <= band[1]


def test_hadley_repeats_get_half_and_extreme_sum_warns():
    full = hm.hadley(30.0, 25.0)
    half = hm.hadley(30.0, 25.0, "repeats")
    assert half[0] == pytest.approx(full[0] / 2) and half[2] == pytest.approx(full[2] / 2)
    with pytest.warns(ValidityWarning, match="180"):
        s = hm.hadley(45.0, 35.0)[0]
    assert s > 10.0


def test_dew_point_above_temperature_is_an_error():
    with pytest.raises(InvalidValueError) as e:
        hm.hadley(20.0, 25.0)
    assert e.value.parameter == "dew_point"
    assert "temperature" in str(e.value)
    with pytest.raises(InvalidValueError):
        Registry.default().get("heat.relative_humidity").evaluate(temperature=10.0, dew_point=12.0)


# --- Ely et al. 2007 ----------------------------------------------------------------------------------
@pytest.mark.parametrize("wbgt, men, women", [
    # physics_anchors.md c2 table [SRC abstract]: top-3 % slower than course record by WBGT quartile
    (7.0, 1.7, 3.2), (12.0, 2.5, 3.2), (18.0, 3.3, 3.8), (23.0, 4.5, 5.4),
])
def test_ely_quartiles(wbgt, men, women):
    s, rec, q = hm.ely_wbgt(wbgt, "men")
    assert rec == pytest.approx(men) and s == pytest.approx(men - 1.7)
    s, rec, q2 = hm.ely_wbgt(wbgt, "women")
    assert rec == pytest.approx(women) and s == pytest.approx(women - 3.2)
    assert q == q2


def test_ely_band_edges():
    # Q1 5.1-10, Q2 10.1-15, Q3 15.1-20, Q4 20.1-25 degC
    q = hm.ely_quartile(np.array([5.1, 10.0, 10.1, 15.0, 15.1, 20.0, 20.1, 25.0]))
    assert list(q) == [1, 1, 2, 2, 3, 3, 4, 4]


def test_ely_validity_warning_outside_data_range():
    m = Registry.default().get("heat.ely_wbgt")
    with pytest.warns(ValidityWarning):
        m.evaluate(wbgt=30.0)


# --- NOAA heat index ---------------------------------------------------------------------------------
@pytest.mark.parametrize("t_f, rh, expected_f, adjustments", [
    # calculator_peers.md 2.1 Runalyze HeatIndexTest [peer] (degF, tol 0.5); Runalyze has no NOAA adjustments
    (60, 0, 56, True), (60, 100, 60, True), (80, 40, 80, True), (80, 100, 87, False), (88, 65, 98, True),
    (98, 50, 113, True), (96, 75, 132, True),
])
def test_heat_index_runalyze_vectors(t_f, rh, expected_f, adjustments):
    hi_c = hm.heat_index(f2c(t_f), rh, adjustments)
    assert hi_c * 9 / 5 + 32 == pytest.approx(expected_f, abs=0.5)


def test_heat_index_metric_vector():
    # calculator_peers.md 2.1 Runalyze HeatIndexTest [peer]: 12 degC / 50 % -> 10.5 degC
    assert hm.heat_index(12.0, 50.0) == pytest.approx(10.5, abs=0.1)


def test_noaa_humidity_adjustments():
    # NWS: RH > 85 % at 80-87 F adds ((RH-85)/10)((87-T)/5): (80 F, 100 %) -> 87.19 + 2.1 = 89.29 F [CALC]
    assert hm.heat_index(f2c(80), 100.0) * 1.8 + 32 == pytest.approx(89.288, abs=0.01)
    # RH < 13 % at 80-112 F subtracts ((13-RH)/4) sqrt((17-|T-95|)/17)
    t, rh = 100.0, 5.0
    expected = hm.rothfusz_f(t, rh) - (13 - rh) / 4 * np.sqrt((17 - abs(t - 95)) / 17)
    assert hm.heat_index(f2c(t), rh) * 1.8 + 32 == pytest.approx(expected, abs=1e-9)
    assert hm.heat_index(f2c(t), rh, False) * 1.8 + 32 == pytest.approx(hm.rothfusz_f(t, rh), abs=1e-9)


@pytest.mark.parametrize("hi_f, category", [
    # calculator_peers.md 2.1 Runalyze HeatIndexEffectTest [peer]
    (79, "none"), (90, "caution"), (91, "extreme caution"), (105, "danger"), (140, "extreme danger"),
])
def test_heat_index_categories(hi_f, category):
    assert hm.heat_index_category(f2c(hi_f)) == category


# --- John Davis heat-index model ------------------------------------------------------------------------
@pytest.mark.parametrize("hi, adj", [
    # calculator_peers.md 2.4 logspeed_adjust by heat index [peer]
    (10, -0.0002), (15, -0.0049), (20, -0.0146), (25, -0.0257), (30, -0.0382), (35, -0.0526), (40, -0.0680),
    (45, -0.0835),
])
def test_davis_logspeed_table(hi, adj):
    assert hm.davis_heat_index(float(hi))[0] == pytest.approx(adj, abs=1e-12)


@pytest.mark.parametrize("hi_c, paces", [
    # calculator_peers.md 2.4 heat-adjusted pace tables [peer] (cool pace -> pace at that heat index, per km)
    (20, {"3:00": "3:03", "4:00": "4:04", "5:00": "5:04", "6:00": "6:05"}),
    (25, {"3:00": "3:05", "4:00": "4:06", "5:00": "5:08", "6:00": "6:09"}),
    (30, {"3:00": "3:07", "4:00": "4:09", "5:00": "5:12", "6:00": "6:14"}),
    (35, {"3:00": "3:10", "4:00": "4:13", "5:00": "5:16", "6:00": "6:19"}),
    (40, {"3:00": "3:13", "4:00": "4:17", "5:00": "5:21", "6:00": "6:25"}),
    (f2c(65), {"6:00": "6:04", "8:00": "8:05", "10:00": "10:07"}),   # per mile, HI in degF
    (f2c(80), {"6:00": "6:11", "8:00": "8:14", "10:00": "10:18"}),
    (f2c(90), {"6:00": "6:16", "8:00": "8:22", "10:00": "10:27"}),
    (f2c(105), {"6:00": "6:26", "8:00": "8:35", "10:00": "10:43"}),
])
def test_davis_pace_tables(hi_c, paces):
    s = hm.davis_heat_index(hi_c)[1]
    for cool, hot in paces.items():
        # the peer shows whole seconds (rounding rule unknown): 1 s tolerance
        assert hm.adjusted_pace(parse_time(cool), s) == pytest.approx(parse_time(hot), abs=1.0)


def test_davis_no_speed_up_when_cool():
    assert hm.davis_heat_index(0.0) == (0.0, 0.0)
    assert hm.davis_heat_index(9.0)[1] == 0.0


# --- humidity conversions -------------------------------------------------------------------------------
def test_magnus_dew_point_known_value():
    # Magnus (a = 17.625, b = 243.04): 25 degC / 50 % -> 13.86 degC
    assert hm.dew_point(25.0, 50.0) == pytest.approx(13.86, abs=0.01)
    assert hm.relative_humidity(20.0, 20.0) == pytest.approx(100.0)


def test_wbgt_estimate():
    # BoM: WBGT = 0.567 T + 0.393 e + 3.94, e = RH/100 6.105 exp(17.27 T/(237.7 + T)) hPa [RECALL formula, CALC value]
    e = 0.5 * 6.105 * np.exp(17.27 * 25 / (237.7 + 25))
    assert hm.wbgt_bom(25.0, 50.0) == pytest.approx(0.567 * 25 + 0.393 * e + 3.94, abs=1e-12)


def test_adjusted_pace_rejects_negative_slowdown():
    with pytest.raises(InvalidValueError) as e:
        hm.adjusted_pace(300.0, -1.0)
    assert e.value.parameter == "slowdown_pct"
    with pytest.raises(InvalidValueError):
        Registry.default().get("heat.adjusted_pace").evaluate(pace=300.0, slowdown_pct=-1.0)


def test_hard_ranges_name_the_parameter():
    reg = Registry.default()
    with pytest.raises(InvalidValueError) as e:
        reg.get("heat.heat_index").evaluate(temperature=65.0, humidity=50.0)
    assert e.value.parameter == "temperature" and e.value.valid_range == (-60.0, 60.0)
    with pytest.raises(InvalidValueError) as e:
        reg.get("heat.heat_index").evaluate(temperature=30.0, humidity=105.0)
    assert e.value.parameter == "humidity" and e.value.valid_range == (0.0, 100.0)


def test_vectorised():
    s = hm.hadley(np.array([10.0, 25.0, 30.0]), np.array([5.0, 20.0, 25.0]))[0]
    assert s.shape == (3,)
    assert hm.heat_index(np.array([20.0, 35.0]), np.array([50.0, 60.0])).shape == (2,)
    assert isinstance(hm.dew_point(20.0, 50.0), float)


# --- properties -------------------------------------------------------------------------------------------
temps = st.floats(-30.0, 45.0, allow_nan=False)


@settings(max_examples=80, deadline=None)
@given(temps, st.floats(1.0, 100.0), st.floats(120.0, 900.0))
def test_heat_never_makes_pace_faster(t, rh, pace):
    td = hm.dew_point(t, rh)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ValidityWarning)
        slowdowns = [hm.hadley(t, min(td, t))[0], hm.ely_wbgt(hm.wbgt_bom(t, rh))[0],
                     hm.davis_heat_index(hm.heat_index(t, rh))[1]]
    for s in slowdowns:
        assert s >= 0.0
        assert hm.adjusted_pace(pace, s) >= pace


@settings(max_examples=80, deadline=None)
@given(temps, st.floats(1.0, 100.0))
def test_dew_point_round_trip(t, rh):
    td = hm.dew_point(t, rh)
    assert td <= t + 1e-9
    assert hm.relative_humidity(t, td) == pytest.approx(rh, rel=1e-9)


@pytest.mark.filterwarnings("ignore::sprint_solver.errors.ValidityWarning")  # hot, humid draws extrapolate
@settings(max_examples=60, deadline=None)
@given(temps, st.floats(0.0, 40.0))
def test_hadley_monotone_in_dew_point(t, d1):
    td_lo = t - d1 - 1.0
    td_hi = t - d1
    if td_lo < -60:
        return
    assert hm.hadley(t, td_hi)[0] >= hm.hadley(t, td_lo)[0]
