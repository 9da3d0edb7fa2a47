"""Hand-to-FAT conversion and the false-start rule (sprint_solver.models.timing)."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sprint_solver.errors import InvalidValueError, ValidityWarning
from sprint_solver.models import timing as tm
from sprint_solver.registry import Registry


@pytest.mark.parametrize("hand, distance, rounded, fat", [
    (10.87, 100.0, 10.9, 11.14),   # physics_anchors.md T1 [SRC athletic.net]
    (12.91, 100.0, 13.0, 13.24),   # physics_anchors.md h [SRC]
    (11.31, 100.0, 11.4, 11.64),   # physics_anchors.md h [SRC]
    (57.22, 400.0, 57.3, 57.44),   # physics_anchors.md h [SRC]
    (10.9, 100.0, 10.9, 11.14),    # an exact tenth is not pushed up by binary rounding
    (118.3, 800.0, 118.3, 118.3),  # nothing from 800 m
    (33.0, 299.0, 33.0, 33.24), (33.0, 300.0, 33.0, 33.14), (100.0, 799.0, 100.0, 100.14),
])
def test_hand_to_fat_standard(hand, distance, rounded, fat):
    f, r, _ = tm.hand_to_fat(hand, distance)
    assert r == pytest.approx(rounded, abs=1e-12)
    assert f == pytest.approx(fat, abs=1e-12)


def test_hand_to_fat_variants():
    # physics_anchors.md h [SRC]: masters rankings +0.24 up to 200 m, +0.14 for 400 m, none above
    assert tm.hand_to_fat(50.0, 400.0, "masters")[2] == 0.14
    assert tm.hand_to_fat(100.0, 600.0, "masters")[2] == 0.0
    assert tm.hand_to_fat(100.0, 600.0, "standard")[2] == 0.14
    # WA scoring tables: +0.14 for 300-500 m
    assert tm.hand_to_fat(70.0, 500.0, "wa_scoring")[2] == 0.14
    assert tm.hand_to_fat(90.0, 600.0, "wa_scoring")[2] == 0.0


def test_hand_to_fat_vectorised():
    f, r, off = tm.hand_to_fat(np.array([10.87, 57.22, 118.3]), np.array([100.0, 400.0, 800.0]))
    np.testing.assert_allclose(f, [11.14, 57.44, 118.3])
    np.testing.assert_allclose(off, [0.24, 0.14, 0.0])


@settings(max_examples=200, deadline=None)
@given(t=st.floats(5.0, 10000.0), d=st.floats(10.0, 50000.0), variant=st.sampled_from(list(tm.HAND_FAT_VARIANTS)))
def test_fat_never_faster_than_hand(t, d, variant):
    fat, rounded, off = tm.hand_to_fat(t, d, variant)
    # round_up_time treats values within 1e-9 s of a tenth as on it (so 10.9 is not pushed to 11.0)
    assert fat >= t - 1e-9
    assert rounded - t < 0.1 + 1e-9
    assert off in (0.0, 0.14, 0.24)


@pytest.mark.parametrize("rt, verdict", [
    (0.099, 1), (0.100, 0), (0.101, 0),  # physics_anchors.md T2 [SRC]: Devon Allen 0.099 DQ, 0.101 legal
    (0.0999, 1), (0.29, 0), (0.0, 1), (-0.02, 1), (0.1 + 1e-12, 0),
])
def test_false_start(rt, verdict):
    assert tm.false_start(rt)[0] == verdict


def test_false_start_outputs():
    v, ms, margin = tm.false_start(0.099)
    assert (v, ms) == (1, 99) and margin == pytest.approx(-0.001)
    assert tm.false_start(0.120, limit=0.120)[0] == 0
    out = tm.false_start(np.array([0.095, 0.1, 0.15]))
    assert list(out[0]) == [1, 0, 0] and list(out[1]) == [95, 100, 150]


def test_registered_timing_models_validate():
    reg = Registry.default()
    with pytest.raises(InvalidValueError) as e:
        reg.get("timing.hand_to_fat").evaluate(hand_time=10.87, distance=5.0)
    assert e.value.parameter == "distance" and e.value.valid_range == (10.0, 100000.0)
    with pytest.raises(InvalidValueError) as e:
        reg.get("timing.false_start").evaluate(reaction_time=7.0)
    assert e.value.parameter == "reaction_time" and e.value.valid_range == (-1.0, 5.0)
    with pytest.warns(ValidityWarning, match="reaction_time"):
        reg.get("timing.false_start").evaluate(reaction_time=0.8)
    with pytest.raises(InvalidValueError):
        reg.get("timing.hand_to_fat").evaluate(hand_time=10.87, distance=100.0, variant="nfhs")
