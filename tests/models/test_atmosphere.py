"""Altitude and air-density models against the reference values (physics_anchors.md section b)."""
from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sprint_solver import InvalidValueError, Registry, ValidityWarning
from sprint_solver.models import atmosphere as atm
from sprint_solver.quantities import MMHG


# --- ISA and Mureika altitude terms ---------------------------------------------------------------
@pytest.mark.parametrize("h, p, ratio", [
    (1000.0, 89874.6, 0.90746),   # physics_anchors.md b1.3 [CALC]
    (2250.0, 77058.4, 0.80117),   # physics_anchors.md A3 / b1.3 [CALC]
])
def test_isa_pressure_and_density_ratio(h, p, ratio):
    pressure, dr, temp, rho = atm.isa(h)
    assert pressure == pytest.approx(p, abs=0.1)
    assert dr == pytest.approx(ratio, abs=1e-5)
    assert temp == pytest.approx(15.0 - 0.0065 * h, abs=1e-9)
    assert rho == pytest.approx(1.225 * ratio, abs=1e-5)


def test_isa_sea_level_is_standard():
    assert atm.isa(0.0) == pytest.approx((101325.0, 1.0, 15.0, 1.225))


@pytest.mark.parametrize("h, expected", [(1000.0, 0.88250), (2250.0, 0.75484)])  # physics_anchors.md b1.3 [CALC]
def test_mureika_density_ratio(h, expected):
    assert atm.mureika_density_ratio(h) == pytest.approx(expected, abs=1e-5)


def test_isa_and_mureika_differ_by_3_to_6_percent():
    # physics_anchors.md b1.3: "the two altitude models differ by ~3-6 % in density"
    for h in (1000.0, 2250.0):
        diff = atm.density_ratio(h, "isa") / atm.density_ratio(h, "mureika") - 1
        assert 0.025 < diff < 0.065


def test_density_ratio_dispatch_and_errors():
    assert atm.density_ratio(500.0) == atm.isa(500.0)[1]  # default model is ISA
    with pytest.raises(InvalidValueError) as e:
        atm.density_ratio(500.0, "fancy")
    assert e.value.parameter == "model"
    with pytest.raises(InvalidValueError) as e:
        atm.density_ratio(6000.0)
    assert e.value.parameter == "altitude" and e.value.valid_range == (-450.0, 5000.0)


# --- air density -----------------------------------------------------------------------------------
@pytest.mark.parametrize("p, t, rh, expected", [
    (101325.0, 20.0, 50.0, 1.19931),   # physics_anchors.md A1 [CALC]
    (101325.0, 20.0, 0.0, 1.20456),    # physics_anchors.md b1.4 [CALC]
    (101325.0, 15.0, 0.0, 1.22552),
    (101325.0, 25.0, 50.0, 1.17732),
    (101325.0, 30.0, 80.0, 1.15001),
    (77000.0, 20.0, 50.0, 0.91006),
])
def test_cipm2007_reference_values(p, t, rh, expected):
    assert atm.cipm2007(t, p, rh)[0] == pytest.approx(expected, abs=1e-5)


def test_cipm_saturation_vapour_pressure_at_20c():
    # physics_anchors.md b1.4: psv(20 degC) = 2339.16 Pa [CALC]; x_v = h f psv / p
    rho, xv, z = atm.cipm2007(20.0, 101325.0, 100.0)
    f = 1.00062 + 3.14e-8 * 101325.0 + 5.6e-7 * 400.0
    assert xv * 101325.0 / f == pytest.approx(2339.16, abs=0.01)
    assert 0.999 < z < 1.0


@pytest.mark.parametrize("torr, t, expected", [
    (760.0, 25.0, 1.184527),   # physics_anchors.md A2 [CALC]
    (760.0, 20.0, 1.204741),   # physics_anchors.md b1.2 [CALC]
    (760.0, 15.0, 1.225656),
    (600.0, 25.0, 0.935153),
])
def test_ideal_gas_shorts_form(torr, t, expected):
    assert atm.ideal_gas(t, torr * MMHG) == pytest.approx(expected, abs=1e-6)


def test_simple_moist_air():
    # physics_anchors.md b1.5: (101325, 20, 50 %) -> 1.19884, within 0.04 % of CIPM [CALC]
    rho = atm.simple_moist(20.0, 101325.0, 50.0)[0]
    assert rho == pytest.approx(1.19884, abs=1e-5)
    assert abs(rho / atm.cipm2007(20.0, 101325.0, 50.0)[0] - 1) < 4e-4


def test_goldencheetah_density_vectors():
    # calculator_peers.md 2.2 [derived]: GoldenCheetah rho(0 m, 15 C) = 1.2257, rho(2240 m, 20 C) = 0.9099 from
    # 353 exp(-0.0001253 H)/(273 + T); our dry ideal gas with Mureika's exponential agrees within 0.1 %
    assert atm.ideal_gas(15.0) == pytest.approx(1.2257, abs=1e-4)
    rho = atm.ideal_gas(20.0) * atm.mureika_density_ratio(2240.0)
    assert rho == pytest.approx(0.9099, rel=1e-3)


def test_air_density_dispatch():
    assert atm.air_density(20.0, 101325.0, 50.0) == atm.cipm2007(20.0, 101325.0, 50.0)[0]
    assert atm.air_density(25.0, model="ideal_gas") == pytest.approx(1.184527, abs=1e-6)
    with pytest.raises(InvalidValueError) as e:
        atm.air_density(20.0, model="nope")
    assert e.value.parameter == "model"


@pytest.mark.parametrize("kw, name, lo, hi", [
    ({"temperature": 70.0}, "temperature", -60.0, 60.0),
    ({"temperature": -61.0}, "temperature", -60.0, 60.0),
    ({"temperature": 20.0, "humidity": 101.0}, "humidity", 0.0, 100.0),
    ({"temperature": 20.0, "humidity": -1.0}, "humidity", 0.0, 100.0),
    ({"temperature": 20.0, "pressure": -5.0}, "pressure", 1000.0, 120000.0),
])
def test_non_physical_inputs_raise_with_parameter_and_range(kw, name, lo, hi):
    m = Registry.default().get("air_density.cipm2007")
    with pytest.raises(InvalidValueError) as e:
        m.evaluate(**kw)
    assert e.value.parameter == name
    assert e.value.valid_range == (lo, hi)
    assert name in str(e.value)
    with pytest.raises(InvalidValueError):
        atm.air_density(**kw)


def test_isa_altitude_hard_range():
    m = Registry.default().get("altitude.isa")
    for h in (-451.0, 5001.0):
        with pytest.raises(InvalidValueError) as e:
            m.evaluate(altitude=h)
        assert e.value.parameter == "altitude"


def test_validity_warning_outside_validated_range():
    m = Registry.default().get("air_density.cipm2007")
    with pytest.warns(ValidityWarning):
        m.evaluate(temperature=45.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        m.evaluate(temperature=20.0, pressure=101325.0, humidity=50.0)


def test_vectorised_and_scalar_outputs():
    assert isinstance(atm.cipm2007(20.0)[0], float)
    out = atm.cipm2007(np.array([10.0, 20.0, 30.0]), 101325.0, 50.0)[0]
    assert out.shape == (3,)
    assert out[1] == pytest.approx(1.19931, abs=1e-5)
    assert atm.isa(np.array([0.0, 1000.0]))[0].shape == (2,)


# --- temperature / density effect on sprints --------------------------------------------------------
def test_mureika_2006_temperature_effect():
    # physics_anchors.md b2 [CALC] vs Mureika 2006 [SRC abstract]: 35 vs 25 degC (ratio 298/308) gives +0.0098 s
    # for a 10.00 s 100 m with a = 0.03 - "about 0.01 s per 10 degC"
    ratio = atm.ideal_gas(35.0) / atm.ideal_gas(25.0)
    assert ratio == pytest.approx(298 / 308, abs=1e-12)
    t_ref, change = atm.sprint_100m(10.0, ratio, preset="paper_1.030")
    assert change == pytest.approx(0.0098, abs=1e-4)
    assert t_ref == pytest.approx(10.0097, abs=1e-4)


def test_sprint_100m_reduces_to_mureika_altitude_term():
    # replacing exp(-0.000125 H) by rho/rho_ref: with the Mureika ratio it is exactly the wind model at w = 0
    from sprint_solver.models.wind import mureika_100m
    for h in (0.0, 1000.0, 2250.0):
        r = atm.mureika_density_ratio(h)
        assert atm.sprint_100m(10.0, r)[0] == pytest.approx(mureika_100m(10.0, 0.0, h)[0], abs=1e-12)


def test_sprint_200m_density_term_matches_mureika_altitude_coefficient():
    from sprint_solver.models.wind import _M200_MEN
    r = atm.mureika_density_ratio(2000.0)
    t_ref, change = atm.sprint_200m(20.0, r, lane=4)
    assert change == pytest.approx(-_M200_MEN[3, 5] * 2000.0, abs=1e-9)
    assert atm.sprint_200m(20.0, 1.0)[1] == 0.0
    assert atm.equivalent_altitude(r) == pytest.approx(2000.0)


# --- properties ---------------------------------------------------------------------------------------
alt = st.floats(-450.0, 5000.0, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(alt, alt)
def test_density_falls_with_altitude(h1, h2):
    lo, hi = sorted((h1, h2))
    if hi - lo < 0.01:  # below float resolution of the density
        return
    for model in atm.DENSITY_RATIO_MODELS:
        assert atm.density_ratio(hi, model) < atm.density_ratio(lo, model)
    assert atm.isa_pressure(hi) < atm.isa_pressure(lo)
    assert atm.cipm2007(15.0, atm.isa_pressure(hi), 50.0)[0] < atm.cipm2007(15.0, atm.isa_pressure(lo), 50.0)[0]


@settings(max_examples=60, deadline=None)
@given(st.floats(-40.0, 50.0), st.floats(0.5, 10.0), st.floats(0.0, 100.0), st.floats(60000.0, 110000.0))
def test_density_falls_with_temperature_and_humidity(t, dt, rh, p):
    for model in atm.AIR_DENSITY_MODELS:
        assert atm.air_density(t + dt, p, rh, model) < atm.air_density(t, p, rh, model)
    # water vapour is lighter than dry air
    assert atm.cipm2007(t, p, min(rh + 10.0, 100.0))[0] <= atm.cipm2007(t, p, rh)[0]


@settings(max_examples=60, deadline=None)
@given(st.floats(9.4, 12.5), st.floats(0.7, 1.3))
def test_thinner_air_means_faster_run_conditions(t, r):
    change = atm.sprint_100m(t, r)[1]
    assert (change > 0) == (r < 1) or r == 1.0
    assert atm.sprint_200m(2 * t, r)[1] * (1 - r) >= 0
