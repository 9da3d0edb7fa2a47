"""Body-metric and drag models against the reference values (physics_anchors.md e, calculator_peers.md 2.3)."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sprint_solver import InvalidValueError, Registry, ValidityWarning
from sprint_solver.models import body as bm
from sprint_solver.models.atmosphere import ideal_gas
from sprint_solver.quantities import MMHG

RHO_25C = 1.184527  # physics_anchors.md A2: 760 Torr, 25 degC (shorts formula)


def test_dubois_bsa_b1():
    # physics_anchors.md B1 [CALC]: 70 kg, 170 cm -> 1.8097 m^2 (original 0.007184 W^0.425 H_cm^0.725)
    assert bm.dubois_bsa(70.0, 1.70) == pytest.approx(1.8097, abs=1e-4)


def test_bsa_variants_differ_by_the_rounded_constant():
    # physics_anchors.md e: 0.007184 x 100^0.725 = 0.20245 vs the rounded 0.2025
    a = bm.dubois_bsa(70.0, 1.70, "dubois_1916")
    b = bm.dubois_bsa(70.0, 1.70, "rounded_0.2025")
    assert b / a == pytest.approx(0.2025 / (0.007184 * 100 ** 0.725), rel=1e-12)


@pytest.mark.parametrize("m, h, bsa, af, k, k_per_kg", [
    # physics_anchors.md e [CALC] (rho = 1.184527, Cd = 0.9, 0.2025 form)
    (60.0, 1.70, 1.6952, 0.4509, 0.24036, 0.004006),
    (70.0, 1.70, 1.8100, 0.4814, 0.25663, None),
    (75.0, 1.75, 1.9034, 0.5063, 0.26988, None),
    (94.0, 1.95, 2.2661, 0.6028, 0.32131, 0.003418),
])
def test_frontal_area_and_drag_constant(m, h, bsa, af, k, k_per_kg):
    af_got, bsa_got = bm.frontal_area(m, h, "rounded_0.2025")
    assert bsa_got == pytest.approx(bsa, abs=1e-4)
    assert af_got == pytest.approx(af, abs=1e-4)
    k_got, _ = bm.drag_constant(m, h, RHO_25C, 0.9, "rounded_0.2025")
    assert k_got == pytest.approx(k, abs=1e-5)
    if k_per_kg is not None:
        assert k_got / m == pytest.approx(k_per_kg, abs=1e-6)


def test_shorts_drag_force():
    # calculator_peers.md 2.3 [derived]: get_air_resistance(5, 80, 1.90, 760, 16, -0.5) = 9.18 N
    rho = ideal_gas(16.0, 760.0 * MMHG)
    f, per_kg, power, k = bm.drag_force(80.0, 1.90, 5.0, -0.5, rho, 0.9, "rounded_0.2025")
    assert f == pytest.approx(9.18, abs=0.005)
    assert per_kg == pytest.approx(f / 80.0)
    assert power == pytest.approx(f * 5.0)
    # the original Du Bois constant gives the same to 0.01 N
    assert bm.drag_force(80.0, 1.90, 5.0, -0.5, rho)[0] == pytest.approx(9.18, abs=0.005)


def test_goldencheetah_frontal_area_formula():
    # calculator_peers.md 2.2: GoldenCheetah Af = 0.2025 H^0.725 M^0.425 x 0.266
    af = bm.frontal_area(72.0, 1.80, "rounded_0.2025")[0]
    assert af == pytest.approx(0.2025 * 1.80 ** 0.725 * 72.0 ** 0.425 * 0.266, rel=1e-12)


def test_body_size_effect_on_drag_per_kg():
    # physics_anchors.md e: a 60 kg/1.70 m athlete has ~17 % more drag per kg than a 94 kg/1.95 m one
    small = bm.drag_force(60.0, 1.70, 10.0)[1]
    big = bm.drag_force(94.0, 1.95, 10.0)[1]
    assert small / big == pytest.approx(1.17, abs=0.01)


def test_signed_relative_wind():
    k = bm.drag_constant(70.0, 1.75)[0]
    assert bm.drag_force(70.0, 1.75, 5.0, 0.0)[0] == pytest.approx(k * 25.0)
    assert bm.drag_force(70.0, 1.75, 5.0, 5.0)[0] == 0.0
    # a tail wind faster than the runner pushes (GoldenCheetah's (V+W)^2 gets this wrong, calculator_peers.md 3.2)
    assert bm.drag_force(70.0, 1.75, 2.0, 6.0)[0] == pytest.approx(-k * 16.0)
    assert bm.drag_force(70.0, 1.75, 5.0, -2.0)[0] > bm.drag_force(70.0, 1.75, 5.0, 2.0)[0]


@pytest.mark.parametrize("name, kw, param, rng", [
    ("body.dubois_bsa", {"mass": 300.0, "height": 1.8}, "mass", (20.0, 250.0)),
    ("body.dubois_bsa", {"mass": 70.0, "height": 3.0}, "height", (0.5, 2.6)),
    ("body.drag_force", {"mass": 70.0, "height": 1.8, "speed": 20.0}, "speed", (0.0, 15.0)),
    ("body.drag_force", {"mass": 70.0, "height": 1.8, "speed": 5.0, "cd": 0.0}, "cd", (0.1, 2.0)),
    ("body.drag_constant", {"mass": 70.0, "height": 1.8, "air_density": -1.0}, "air_density", (0.3, 1.6)),
])
def test_hard_ranges(name, kw, param, rng):
    with pytest.raises(InvalidValueError) as e:
        Registry.default().get(name).evaluate(**kw)
    assert e.value.parameter == param and e.value.valid_range == rng


def test_validity_warning():
    with pytest.warns(ValidityWarning):
        Registry.default().get("body.dubois_bsa").evaluate(mass=150.0, height=1.8)


def test_vectorised():
    m = np.array([60.0, 70.0, 94.0])
    h = np.array([1.70, 1.70, 1.95])
    assert bm.dubois_bsa(m, h).shape == (3,)
    assert isinstance(bm.dubois_bsa(70.0, 1.7), float)
    assert bm.drag_force(m, h, 10.0)[0].shape == (3,)


@settings(max_examples=80, deadline=None)
@given(st.floats(40.0, 130.0), st.floats(1.4, 2.1), st.floats(0.0, 12.0), st.floats(-10.0, 10.0))
def test_drag_is_odd_in_relative_air_speed(m, h, v, w):
    f = bm.drag_force(m, h, v, w)[0]
    k = bm.drag_constant(m, h)[0]
    if abs(v - w) > 1e-6:  # below that k (v - w)^2 underflows
        assert np.sign(f) == np.sign(v - w)
    assert abs(f) == pytest.approx(k * (v - w) ** 2, rel=1e-12, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.floats(40.0, 130.0), st.floats(1.4, 2.1), st.floats(1.0, 20.0))
def test_bsa_grows_with_mass_and_height(m, h, dm):
    assert bm.dubois_bsa(m + dm, h) > bm.dubois_bsa(m, h)
    assert bm.dubois_bsa(m, h + 0.05) > bm.dubois_bsa(m, h)
