"""body_metrics: solved, verified, against reference values (physics_anchors.md e, calculator_peers.md 2.3)."""
from __future__ import annotations

import pytest

from sprint_solver.errors import InvalidValueError, MissingParameterError
from sprint_solver.models import atmosphere as atm
from sprint_solver.models import body as bm
from sprint_solver.quantities import MMHG
from sprint_solver.solver.calculations import CALCULATIONS, load_all
from sprint_solver.solver.core import solve


def run(**params):
    sol = solve({"calculation": "body_metrics", "params": params})
    v = sol.verify()
    assert v.ok, v.mismatches
    assert v.checked >= 3
    return sol


def test_examples():
    load_all()
    assert 3 <= len(CALCULATIONS["body_metrics"].examples) <= 5


def test_b1_and_drag_constant_without_speed():
    # physics_anchors.md B1 [CALC]: 70 kg, 170 cm -> BSA 1.8097 m^2
    sol = run(mass=70, height="170 cm")
    assert sol.output("bsa").value == pytest.approx(1.8097, abs=1e-4)
    assert sol.result.name == "frontal_area"
    assert sol.value == pytest.approx(0.266 * 1.80971, abs=1e-4)
    assert sol.output("drag_constant").value == pytest.approx(0.5 * bm.RHO_DEFAULT * sol.value * 0.9)
    assert any("1.1845" in a for a in sol.assumptions)


@pytest.mark.parametrize("m, h, af, k, k_per_kg", [
    # physics_anchors.md e [CALC] (rho 1.184527, Cd 0.9, the 0.2025 form)
    (60.0, 1.70, 0.4509, 0.24036, 0.004006), (94.0, 1.95, 0.6028, 0.32131, 0.003418),
])
def test_anchor_drag_constants(m, h, af, k, k_per_kg):
    sol = run(mass=m, height=h, variant="rounded_0.2025", air_density=1.184527)
    assert sol.output("frontal_area").value == pytest.approx(af, abs=1e-4)
    assert sol.output("drag_constant").value == pytest.approx(k, abs=1e-5)
    assert sol.output("drag_constant_per_kg").value == pytest.approx(k_per_kg, abs=1e-6)


def test_shorts_drag_force_9_18_newton():
    # calculator_peers.md 2.3 [derived]: get_air_resistance(5, 80, 1.90, 760, 16, -0.5) = 9.18 N
    rho = atm.ideal_gas(16.0, 760 * MMHG)
    sol = run(mass="80 kg", height="1.90 m", speed="5 m/s", wind="0.5 m/s headwind", air_density=rho,
              variant="rounded_0.2025")
    assert sol.result.name == "drag_force"
    assert sol.value == pytest.approx(9.18, abs=0.005)
    assert sol.result.display == "9.18 N"
    assert sol.output("drag_per_kg").value == pytest.approx(sol.value / 80)
    assert sol.output("drag_power").value == pytest.approx(sol.value * 5)


def test_air_density_from_altitude_and_temperature():
    sol = run(mass=94, height=1.95, speed=11, altitude=2000, temperature=25)
    rho = atm.cipm2007(25.0, atm.isa_pressure(2000.0), 50.0)[0]
    assert sol.output("air_density").value == pytest.approx(rho, abs=1e-9)
    assert sol.value == pytest.approx(bm.drag_force(94.0, 1.95, 11.0, 0.0, rho)[0])
    # altitude only: the standard-atmosphere temperature is assumed
    sol = run(mass=70, height=1.75, speed=10, altitude=1000)
    assert any("standard-atmosphere temperature" in a for a in sol.assumptions)


def test_result_selects_the_answer():
    sol = run(mass="154 lb", height="5'10\"", result="bsa")
    assert sol.result.name == "bsa" and sol.result.display.endswith("m^2")
    sol = run(mass=60, height=1.7, speed=10, wind=2, result="drag_per_kg")
    assert sol.result.name == "drag_per_kg"
    with pytest.raises(MissingParameterError) as e:
        solve({"calculation": "body_metrics", "params": {"mass": 60, "height": 1.7, "result": "drag_force"}})
    assert e.value.parameter == "speed"


def test_imperial_inputs():
    sol = run(mass="154 lb", height="5'10\"")
    assert sol.params["mass"].value == pytest.approx(69.85, abs=0.01)
    assert sol.params["height"].value == pytest.approx(1.778, abs=1e-3)


def test_tail_wind_faster_than_runner_pushes():
    sol = run(mass=70, height=1.75, speed=3, wind=5)
    assert sol.value < 0
    assert any("pushes" in w for w in sol.warnings)


@pytest.mark.parametrize("params, field", [
    ({"mass": 300, "height": 1.8}, "mass"), ({"mass": 70, "height": "3 m"}, "height"),
    ({"mass": 70, "height": 1.8, "speed": 30}, "speed"), ({"mass": 70, "height": 1.8, "cd": 5}, "cd"),
    ({"mass": 70, "height": 1.8, "air_density": 3.0}, "air_density"),
])
def test_bad_inputs(params, field):
    with pytest.raises(InvalidValueError) as e:
        solve({"calculation": "body_metrics", "params": params})
    assert e.value.parameter == field
    assert e.value.valid_range is not None


@pytest.mark.parametrize("fmt", ["text", "markdown", "latex"])
def test_render(fmt):
    sol = solve({"calculation": "body_metrics", "params": {"mass": 70, "height": 1.8, "speed": 10, "wind": -2}})
    assert len(sol.render(fmt)) > 100
