"""Body size and aerodynamic drag of a runner.

Chain: Du Bois body surface area -> projected frontal area (Pugh: 0.266 x BSA) ->
drag constant k = 0.5 rho Af Cd -> drag force F = k (v - w)|v - w| with the wind w
signed (tail wind positive), so a tail wind faster than the runner pushes
(F < 0) instead of resisting.

Sources disagree on two constants, exposed as named parameters:

* the Du Bois constant: ``dubois_1916`` = 0.007184 W^0.425 H_cm^0.725 (the original)
  versus ``rounded_0.2025`` = 0.2025 H_m^0.725 W^0.425 (the rounded metre form used
  by *shorts*, GoldenCheetah and Samozino et al.; 0.025 % larger);
* the drag coefficient ``cd``: 0.9 (Arsac & Locatelli 2002, Samozino 2016, *shorts*;
  the default), 0.8 (John Davis's calculators), ~1.2 (Hill 1928 in this convention).

References
----------
.. [1] Du Bois D., Du Bois E.F. (1916) "A formula to estimate the approximate surface
       area if height and weight be known", Arch. Intern. Med. 17:863-871.
.. [2] Pugh L.G.C.E. (1970/1971) "The influence of wind resistance in running and
       walking and the mechanical efficiency of work against horizontal or vertical
       forces", J. Physiol. 213:255-276.
.. [3] Arsac L.M., Locatelli E. (2002) "Modeling the energetics of 100-m running by
       using speed curves of world champions", J. Appl. Physiol. 92:1781-1788.
.. [4] Samozino P. et al. (2016) Scand. J. Med. Sci. Sports 26:648-658.
"""
from __future__ import annotations

import numpy as np

from .atmosphere import SHORTS_RHO0, SHORTS_T0
from .base import inp, model, out, ref
from .base import unwrap as _unwrap

#: Du Bois constants: variant -> (constant, height unit factor from metres)
BSA_VARIANTS = {"dubois_1916": (0.007184, 100.0), "rounded_0.2025": (0.2025, 1.0)}
BSA_DEFAULT = "dubois_1916"
PUGH_FRONTAL_FRACTION = 0.266
CD_DEFAULT = 0.9
#: shorts' default air: 760 Torr, 25 degC -> 1.293 * 273/298
RHO_DEFAULT = SHORTS_RHO0 * SHORTS_T0 / (SHORTS_T0 + 25.0)

_MASS = inp("mass", "kg", "body mass", min=20.0, max=250.0, valid_min=40.0, valid_max=130.0)
_HEIGHT = inp("height", "m", "standing height", min=0.5, max=2.6, valid_min=1.4, valid_max=2.1)
_VARIANT = inp("variant", "1", "Du Bois constant: dubois_1916 (0.007184, cm) or rounded_0.2025 (metres, as "
               "shorts/GoldenCheetah)", dtype="str", choices=list(BSA_VARIANTS), default=BSA_DEFAULT)
_RHO = inp("air_density", "kg/m^3", "air density", default=RHO_DEFAULT, min=0.3, max=1.6, valid_min=0.85,
           valid_max=1.35)
_CD = inp("cd", "1", "drag coefficient", default=CD_DEFAULT, min=0.1, max=2.0, valid_min=0.6, valid_max=1.3)

_DUBOIS_REF = ref("Du Bois 1916", "Du Bois D., Du Bois E.F. (1916) A formula to estimate the approximate "
                  "surface area if height and weight be known. Arch. Intern. Med. 17:863-871",
                  doi="10.1001/archinte.1916.00080130010002")
_PUGH_REF = ref("Pugh 1971", "Pugh L.G.C.E. (1971) The influence of wind resistance in running and walking and "
                "the mechanical efficiency of work against horizontal or vertical forces. J. Physiol. "
                "213:255-276", doi="10.1113/jphysiol.1971.sp009381")
_ARSAC_REF = ref("Arsac 2002", "Arsac L.M., Locatelli E. (2002) Modeling the energetics of 100-m running by "
                 "using speed curves of world champions. J. Appl. Physiol. 92:1781-1788",
                 doi="10.1152/japplphysiol.00754.2001")
_SAMOZINO_REF = ref("Samozino 2016", "Samozino P., Rabita G., Dorel S. et al. (2016) A simple method for "
                    "measuring power, force, velocity properties, and mechanical effectiveness in sprint "
                    "running. Scand. J. Med. Sci. Sports 26:648-658", doi="10.1111/sms.12490")


def _bsa(mass, height, variant):
    c, hk = BSA_VARIANTS[variant]
    return c * np.asarray(mass, dtype=float) ** 0.425 * (np.asarray(height, dtype=float) * hk) ** 0.725


@model(
    name="body.dubois_bsa", version="1.0.0", family="body",
    summary="Du Bois & Du Bois (1916) body surface area from mass and height",
    citation="Du Bois & Du Bois body surface area (1916)",
    equation="BSA = 0.007184 * W^0.425 * H_cm^0.725  (rounded_0.2025: 0.2025 * H_m^0.725 * W^0.425)",
    equation_latex=r"BSA = 0.007184\,W^{0.425} H_{cm}^{0.725}",
    inputs=[_MASS, _HEIGHT, _VARIANT],
    outputs=[out("bsa", "m^2", "body surface area", tolerance=1e-4)],
    references=[_DUBOIS_REF],
    assumptions=["an adult of ordinary build"],
    validity=["fitted on 9 subjects (1916) yet within a few % of modern formulas for adults"],
)
def dubois_bsa(mass, height, variant=BSA_DEFAULT):
    r"""Du Bois body surface area.

    .. math:: BSA = 0.007184\,W^{0.425} H^{0.725}

    with :math:`W` in kg and :math:`H` in cm (``variant='rounded_0.2025'``:
    :math:`0.2025\,H_m^{0.725} W^{0.425}`).

    Parameters
    ----------
    mass : float or array-like
        [kg].
    height : float or array-like
        [m].
    variant : {'dubois_1916', 'rounded_0.2025'}

    Returns
    -------
    bsa : float or ndarray
        [m^2].

    Examples
    --------
    >>> round(dubois_bsa(70.0, 1.70), 4)
    1.8097
    """
    return _unwrap(_bsa(mass, height, variant))


@model(
    name="body.frontal_area", version="1.0.0", family="body",
    summary="Projected frontal area of a runner, 0.266 x Du Bois BSA (Pugh)",
    citation="Pugh's frontal area fraction (1971) of the Du Bois surface area",
    equation="Af = 0.266 * BSA",
    equation_latex=r"A_f = 0.266\,BSA",
    inputs=[_MASS, _HEIGHT, _VARIANT],
    outputs=[out("frontal_area", "m^2", "projected frontal area", tolerance=1e-4),
             out("bsa", "m^2", "Du Bois body surface area", tolerance=1e-4)],
    references=[_PUGH_REF, _DUBOIS_REF],
    assumptions=["frontal area is a fixed 26.6 % of body surface area (upright running posture)"],
    validity=["Pugh's fraction comes from photographs of young athletic men; the often quoted "
              "'0.2025 h^0.725 m^0.425' is the BSA, not the frontal area"],
)
def frontal_area(mass, height, variant=BSA_DEFAULT):
    r"""Projected frontal area :math:`A_f = 0.266\,BSA`.

    Examples
    --------
    >>> round(frontal_area(60.0, 1.70, "rounded_0.2025")[0], 4)
    0.4509
    """
    b = _bsa(mass, height, variant)
    return _unwrap(PUGH_FRONTAL_FRACTION * b), _unwrap(b)


@model(
    name="body.drag_constant", version="1.0.0", family="body",
    summary="Aerodynamic drag constant k = 0.5 rho Af Cd of a runner",
    citation="runner drag constant (Arsac & Locatelli 2002; Samozino et al. 2016)",
    equation="k = 0.5 * rho * 0.266 * BSA * Cd",
    equation_latex=r"k = \tfrac12 \rho A_f C_d",
    inputs=[_MASS, _HEIGHT, _RHO, _CD, _VARIANT],
    outputs=[out("drag_constant", "kg/m", "drag constant k (F = k v^2)", tolerance=1e-5),
             out("frontal_area", "m^2", "projected frontal area", tolerance=1e-4)],
    references=[_ARSAC_REF, _SAMOZINO_REF, _PUGH_REF],
    assumptions=["quadratic drag with a constant drag coefficient"],
    validity=["Cd 0.9 is the sprint-literature value; published values range 0.8-1.2"],
)
def drag_constant(mass, height, air_density=RHO_DEFAULT, cd=CD_DEFAULT, variant=BSA_DEFAULT):
    r"""Drag constant :math:`k = \tfrac12 \rho A_f C_d` [kg/m].

    Examples
    --------
    >>> round(drag_constant(60.0, 1.70, variant="rounded_0.2025")[0], 5)
    0.24036
    """
    af = PUGH_FRONTAL_FRACTION * _bsa(mass, height, variant)
    k = 0.5 * np.asarray(air_density, dtype=float) * af * np.asarray(cd, dtype=float)
    return _unwrap(k), _unwrap(af)


@model(
    name="body.drag_force", version="1.0.0", family="body",
    summary="Aerodynamic drag force on a runner with a signed relative wind, and drag per kg",
    citation="runner drag force with relative wind (Samozino et al. 2016)",
    equation="F = k * (v - w) * |v - w|, k = 0.5 rho 0.266 BSA Cd; F/m; P = F v",
    equation_latex=r"F = k\,(v - w)\,|v - w|",
    inputs=[_MASS, _HEIGHT,
            inp("speed", "m/s", "running speed v", min=0.0, max=15.0, valid_max=12.5),
            inp("wind", "m/s", "wind w along the direction of running, tail wind positive", default=0.0,
                min=-30.0, max=30.0, valid_min=-10.0, valid_max=10.0),
            _RHO, _CD, _VARIANT],
    outputs=[out("drag_force", "N", "drag force opposing the runner (negative: the air pushes)", tolerance=0.005),
             out("drag_per_kg", "N/kg", "drag force per kg of body mass", tolerance=1e-4),
             out("drag_power", "W", "power spent against the air, F v", tolerance=0.05),
             out("drag_constant", "kg/m", "drag constant k", tolerance=1e-5)],
    references=[_SAMOZINO_REF, _ARSAC_REF, _PUGH_REF],
    assumptions=["wind blows along the running direction; sign convention: tail wind positive",
                 "quadratic drag on the air speed v - w, sign kept (a tail wind faster than the runner "
                 "pushes)"],
    validity=["Cd and the 0.266 frontal fraction carry about +-10-20 % uncertainty"],
)
def drag_force(mass, height, speed, wind=0.0, air_density=RHO_DEFAULT, cd=CD_DEFAULT, variant=BSA_DEFAULT):
    r"""Drag force on a runner.

    .. math:: F = k\,(v - w)\,|v - w|,\qquad k = \tfrac12\,\rho\,(0.266\,BSA)\,C_d

    Parameters
    ----------
    mass, height : float or array-like
        [kg], [m].
    speed : float or array-like
        Running speed :math:`v` [m/s].
    wind : float or array-like, default 0
        Wind :math:`w` [m/s], tail wind positive.
    air_density : float, default 1.1845
        [kg/m^3] (760 Torr, 25 degC in the *shorts* formula).
    cd : float, default 0.9
    variant : str
        Du Bois constant (see :data:`BSA_VARIANTS`).

    Returns
    -------
    drag_force : float or ndarray
        [N], positive opposing the motion.
    drag_per_kg : float or ndarray
        [N/kg].
    drag_power : float or ndarray
        :math:`F v` [W].
    drag_constant : float or ndarray
        [kg/m].

    Examples
    --------
    The *shorts* example (5 m/s, 80 kg, 1.90 m, 760 Torr, 16 degC, 0.5 m/s head wind):

    >>> rho = 1.293 * 273 / 289
    >>> round(drag_force(80.0, 1.90, 5.0, -0.5, rho, variant="rounded_0.2025")[0], 2)
    9.18
    """
    k, _ = drag_constant(mass, height, air_density, cd, variant)
    k = np.asarray(k)
    v = np.asarray(speed, dtype=float)
    rel = v - np.asarray(wind, dtype=float)
    F = k * rel * np.abs(rel)
    return (_unwrap(F), _unwrap(F / np.asarray(mass, dtype=float)), _unwrap(F * v), _unwrap(k))
