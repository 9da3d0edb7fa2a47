"""Wind models against physics_anchors.md section a and its test vectors."""
import numpy as np
import pytest
from hypothesis import given, strategies as st

from sprint_solver import Registry
from sprint_solver.errors import InvalidValueError, ValidityWarning
from sprint_solver.models.wind import (mureika_100m, mureika_100m_inverse, mureika_200m,
                                       mureika_200m_inverse, moinat_2018, moinat_2018_inverse)

PRESET = {0.030: "paper_1.030", 0.028: "calculator_1.028", 0.027: "scripts_1.027"}


# physics_anchors.md a1 worked values [CALC]
@pytest.mark.parametrize("t,w,h,expected", [
    (10.00, +2.0, 0, (10.1080, 10.1008, 10.0972)),
    (10.00, -2.0, 0, (9.8680, 9.8768, 9.8812)),
    (10.00, 0.0, 1000, (10.0353, 10.0329, 10.0317)),
    (10.00, 0.0, 2250, (10.0735, 10.0686, 10.0662)),
    (9.79, +0.1, 110, (9.7997, 9.7990, 9.7987)),
    (9.84, +0.7, 315, (9.8891, 9.8859, 9.8842)),
    (9.86, -0.4, 110, (9.8406, 9.8419, 9.8425)),
    (9.58, +0.9, 34, (9.6284, 9.6252, 9.6236)),
    (10.49, +2.0, 0, (10.6082, 10.6003, 10.5964)),
])
def test_mureika_100m_worked_values(t, w, h, expected):
    for a, exp in zip((0.030, 0.028, 0.027), expected):
        assert mureika_100m(t, w, h, preset=PRESET[a])[0] == pytest.approx(exp, abs=1e-4)


def test_mureika_sanity_against_literature():
    # +2 m/s ~ 0.10-0.12 s (Mureika 2000 NSA [SRC]); Linthorne 1994 0.10 +- 0.01 s men [SRC]
    adv = mureika_100m(10.0, 2.0)[1]
    assert 0.09 <= adv <= 0.12
    # 0.03-0.04 s per 1000 m (Mureika 2000 [SRC])
    assert 0.03 <= mureika_100m(10.0, 0.0, 1000)[1] <= 0.04
    # head winds hurt more than equal tail winds help (Linthorne 1994 [SRC])
    assert -mureika_100m(10.0, -2.0)[1] > mureika_100m(10.0, 2.0)[1]


# physics_anchors.md a3 worked values [CALC] (W4)
@pytest.mark.parametrize("sex,t,w,h,dt", [
    ("men", 20.0, 2, 0, -0.1189), ("men", 20.0, -2, 0, 0.1553), ("men", 20.0, 0, 1000, -0.1001),
    ("men", 20.0, 2, 1000, -0.2013), ("women", 22.0, 2, 0, -0.1370), ("women", 22.0, -2, 0, 0.1916),
    ("women", 22.0, 0, 1000, -0.1076),
])
def test_mureika_200m_lane4(sex, t, w, h, dt):
    t0, corr = mureika_200m(t, w, h, lane=4, sex=sex)
    assert -corr == pytest.approx(dt, abs=1e-4)
    assert mureika_200m_inverse(t0, w, h, lane=4, sex=sex)[0] == pytest.approx(t, abs=1e-9)


def test_mureika_200m_still_air_is_identity():
    assert mureika_200m(20.5, 0.0, 0.0, lane=1)[0] == 20.5


def test_moinat():
    # W5 [CODE/2ND]: 200 m +2 -> 0.140 s; W6 [CALC]: 100 m P=10, +2 -> 0.0826 s
    assert moinat_2018(20.0, 2.0, "200m")[1] == pytest.approx(0.140, abs=1e-9)
    assert moinat_2018(10.0, 2.0, "100m")[1] == pytest.approx(0.0826, abs=1e-4)
    # calculator_peers.md 2.9 [derived]: 100 m 10.00 @ -2.0 -> 9.884; 11.50 @ +2 -> 11.611
    assert moinat_2018(10.0, -2.0)[0] == pytest.approx(9.884, abs=1e-3)
    assert moinat_2018(11.5, 2.0)[0] == pytest.approx(11.611, abs=1e-3)
    # "13 s sprinters gain 69 % more than 10 s sprinters" [2ND]
    assert moinat_2018(13.0, 2.0)[1] / moinat_2018(10.0, 2.0)[1] == pytest.approx(1.69, abs=0.01)


def test_vectorised_matches_scalar():
    t = np.linspace(9.6, 11.5, 50)
    w = np.linspace(-3, 3, 50)
    vec = mureika_100m(t, w, 500.0)[0]
    assert np.allclose(vec, [mureika_100m(float(a), float(b), 500.0)[0] for a, b in zip(t, w)])


@given(t=st.floats(9.4, 12.5), w=st.floats(0, 5), h=st.floats(0, 2500))
def test_tail_wind_never_slows(t, w, h):
    for f in (lambda: mureika_100m(t, w, h)[1], lambda: mureika_200m(2 * t, w, h, lane=8)[1],
              lambda: moinat_2018(t, w)[1]):
        assert f() >= -1e-12


@given(t0=st.floats(9.4, 12.5), w=st.floats(-5, 5), h=st.floats(0, 2500),
       preset=st.sampled_from(["calculator_1.028", "paper_1.030", "scripts_1.027"]))
def test_forward_inverse_round_trip(t0, w, h, preset):
    tw = mureika_100m_inverse(t0, w, h, preset=preset)[0]
    assert mureika_100m(tw, w, h, preset=preset)[0] == pytest.approx(t0, abs=1e-9)
    assert moinat_2018(moinat_2018_inverse(t0, w)[0], w)[0] == pytest.approx(t0, abs=1e-9)


def test_registry_validation():
    m = Registry.default().get("wind.mureika_100m")
    with pytest.raises(InvalidValueError) as e:
        m.evaluate(time=10.0, wind=45.0)
    assert e.value.parameter == "wind" and e.value.valid_range == (-10.0, 10.0)
    for bad in ({"time": -1.0, "wind": 0.0}, {"time": 10.0, "wind": 0.0, "altitude": 9000.0},
                {"time": float("nan"), "wind": 0.0}, {"time": 10.0, "wind": 0.0, "preset": "x"}):
        with pytest.raises(InvalidValueError):
            m.evaluate(**bad)
    with pytest.warns(ValidityWarning, match="wind=7"):
        m.evaluate(time=10.0, wind=7.0)
    out = m.evaluate(time=np.array([10.0, 10.5]), wind=np.array([1.0, -1.0]))
    assert out["time_still"].shape == (2,)
