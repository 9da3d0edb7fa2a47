"""Altitude, air density and the temperature effect on sprint times.

Two families live here:

* ``altitude.*``: how air pressure and density fall with altitude (the ICAO
  standard atmosphere, and Mureika's 8000 m exponential scale height);
* ``air_density.*``: air density from temperature, pressure and humidity
  (CIPM-2007 moist air, the simple ideal-gas form used by Samozino / *shorts*,
  and an ideal-gas moist-air mixture with the Magnus vapour pressure), and the
  effect of a density change on 100 m / 200 m times (Mureika's closed form
  with ``exp(-0.000125 H)`` replaced by ``rho / rho_ref``).

Units: temperature degC, pressure Pa, humidity % (0-100), altitude m,
density kg/m^3.

References
----------
.. [1] ISO 2533:1975 / ICAO Doc 7488, *Standard Atmosphere* (troposphere:
       T0 = 288.15 K, L = 0.0065 K/m, p0 = 101325 Pa).
.. [2] Picard A., Davis R.S., Glaeser M., Fujii K. (2008) "Revised formula for the
       density of moist air (CIPM-2007)", Metrologia 45:149-155,
       doi:10.1088/0026-1394/45/2/004.
.. [3] Samozino P. et al. (2016) "A simple method for measuring power, force, velocity
       properties, and mechanical effectiveness in sprint running", Scand. J. Med.
       Sci. Sports 26:648-658; Jovanovic M. *shorts* R package, get_air_resistance().
.. [4] Alduchov O.A., Eskridge R.E. (1996) "Improved Magnus form approximation of
       saturation vapor pressure", J. Appl. Meteor. 35:601-609.
.. [5] Mureika J.R. (2000) arXiv:physics/0006057; Mureika J.R. (2006) "The effects of
       temperature on 100 m sprint times" (~0.01 s per 10 degC, abstract).
"""
from __future__ import annotations

import numpy as np

from ..errors import InvalidValueError
from ..quantities import MMHG
from .base import inp, model, out, ref
from .base import unwrap as _unwrap
from .wind import (_M200_MEN, _M200_OTHER, _SCALE_HEIGHT_INV, MEN_FAST_CUTOFF_200, MUREIKA_DEFAULT,
                   MUREIKA_PRESETS)

# --- constants ------------------------------------------------------------------------------
P0 = 101325.0            #: Pa, ISA sea-level pressure
T0_ISA = 288.15          #: K, ISA sea-level temperature
RHO0_ISA = 1.225         #: kg/m^3, ISA sea-level density
ISA_LAPSE = 0.0065         #: K/m
ISA_LAPSE_OVER_T0 = 2.25577e-5   #: 1/m, L/T0 = 0.0065/288.15
ISA_P_EXP = 5.25588      #: g M / (R L)
ISA_RHO_EXP = 4.25588    #: g M / (R L) - 1
KELVIN = 273.15

#: CIPM-2007 constants (Picard et al. 2008, Table 1; identical to Davis 1992 except R and Ma)
CIPM = dict(A=1.2378847e-5, B=-1.9121316e-2, C=33.93711047, D=-6.3431645e3,
            alpha=1.00062, beta=3.14e-8, gamma=5.6e-7,
            a0=1.58123e-6, a1=-2.9331e-8, a2=1.1043e-10, b0=5.707e-6, b1=-2.051e-8,
            c0=1.9898e-4, c1=-2.376e-6, d=1.83e-11, e=-0.765e-8,
            Mv=18.01528e-3, R=8.314472)
XCO2_DEFAULT = 0.0004    #: mole fraction of CO2 the CIPM formula is anchored at
MA_DEFAULT = 28.96546e-3  #: kg/mol, molar mass of dry air at XCO2_DEFAULT

#: Magnus / Alduchov-Eskridge coefficients (saturation vapour pressure over water)
MAGNUS_A = 17.625
MAGNUS_B = 243.04        #: degC
MAGNUS_ES0 = 610.94      #: Pa
R_DRY = 287.058          #: J/(kg K)
R_VAPOUR = 461.495       #: J/(kg K)

#: Samozino / shorts ideal-gas form: rho = 1.293 (Pb/760) (273/(273 + T))
SHORTS_RHO0 = 1.293      #: kg/m^3 at 0 degC and 760 Torr
SHORTS_T0 = 273.0        #: K - 273, not 273.15, as in the source (kept for parity)

#: physical limits shared by every model here (the project's hard ranges)
ALTITUDE_RANGE = dict(min=-450.0, max=5000.0)
TEMPERATURE_RANGE = dict(min=-60.0, max=60.0)
HUMIDITY_RANGE = dict(min=0.0, max=100.0)
PRESSURE_RANGE = dict(min=1000.0, max=120000.0)

_ISA_REF = ref("ISO 2533", "ISO 2533:1975 Standard Atmosphere (= ICAO Doc 7488 troposphere: "
               "T0 = 288.15 K, L = 0.0065 K/m, p0 = 101325 Pa)")
_MUREIKA_REF = ref("Mureika 2000", "Mureika J.R. (2000) 'Back-of-the-envelope' wind and altitude "
                   "correction for 100 metre sprint times. arXiv:physics/0006057",
                   url="https://arxiv.org/abs/physics/0006057")
_CIPM_REF = ref("Picard 2008", "Picard A., Davis R.S., Glaeser M., Fujii K. (2008) Revised formula for "
                "the density of moist air (CIPM-2007). Metrologia 45:149-155",
                doi="10.1088/0026-1394/45/2/004")
_DAVIS_REF = ref("Davis 1992", "Davis R.S. (1992) Equation for the determination of the density of "
                 "moist air (1981/91). Metrologia 29:67-70", doi="10.1088/0026-1394/29/1/008")
_SAMOZINO_REF = ref("Samozino 2016", "Samozino P., Rabita G., Dorel S. et al. (2016) A simple method "
                    "for measuring power, force, velocity properties, and mechanical effectiveness in "
                    "sprint running. Scand. J. Med. Sci. Sports 26:648-658", doi="10.1111/sms.12490")
_SHORTS_REF = ref("shorts", "Jovanovic M. shorts: Short Sprints (R package, MIT), "
                  "get_air_resistance()", url="https://github.com/mladenjovanovic/shorts")
_MAGNUS_REF = ref("Alduchov 1996", "Alduchov O.A., Eskridge R.E. (1996) Improved Magnus form "
                  "approximation of saturation vapor pressure. J. Appl. Meteor. 35:601-609",
                  doi="10.1175/1520-0450(1996)035<0601:IMFAOS>2.0.CO;2")
_MUREIKA_2006_REF = ref("Mureika 2006", "Mureika J.R. (2006) The effects of temperature on 100 m "
                        "sprint times (abstract: about 0.01 s per 10 degC, no wind)")


# =============================================================================================
# altitude
# =============================================================================================
_H_IN = dict(unit="m", **ALTITUDE_RANGE)


@model(
    name="altitude.isa", version="1.0.0", family="altitude",
    summary="ICAO/ISO standard atmosphere (troposphere): pressure, temperature and density at an altitude",
    citation="ICAO standard atmosphere (ISO 2533)",
    equation="p = 101325 * (1 - 2.25577e-5 * h)^5.25588; rho/rho0 = (1 - 2.25577e-5 * h)^4.25588; "
             "T = 15 - 0.0065 * h",
    equation_latex=r"p = p_0\left(1 - \frac{L h}{T_0}\right)^{\frac{gM}{RL}},\quad "
                   r"\frac{\rho}{\rho_0} = \left(1 - \frac{L h}{T_0}\right)^{\frac{gM}{RL} - 1}",
    inputs=[inp("altitude", "m", "geopotential altitude above mean sea level", **ALTITUDE_RANGE)],
    outputs=[out("pressure", "Pa", "standard-atmosphere pressure", tolerance=0.5),
             out("density_ratio", "1", "standard-atmosphere density relative to sea level (1.225 kg/m^3)",
                 tolerance=1e-5),
             out("temperature", "degC", "standard-atmosphere temperature", tolerance=0.01),
             out("density", "kg/m^3", "standard-atmosphere density", tolerance=1e-5)],
    references=[_ISA_REF],
    assumptions=["a standard day: sea-level 15 degC and 101325 Pa, temperature falling 6.5 degC per km",
                 "dry air"],
    validity=["exact for the standard troposphere (below 11 km); real pressure varies about +-3 % with "
              "the weather and real density also with the day's temperature"],
)
def isa(altitude):
    r"""ICAO standard atmosphere in the troposphere.

    .. math::
        p = p_0 \left(1 - \frac{L}{T_0} h\right)^{5.25588},\qquad
        \frac{\rho}{\rho_0} = \left(1 - \frac{L}{T_0} h\right)^{4.25588},\qquad
        T = T_0 - L h

    with :math:`p_0 = 101325` Pa, :math:`T_0 = 288.15` K, :math:`L = 0.0065` K/m,
    :math:`\rho_0 = 1.225` kg/m^3.

    Parameters
    ----------
    altitude : float or array-like
        Altitude :math:`h` above mean sea level [m].

    Returns
    -------
    pressure : float or ndarray
        [Pa].
    density_ratio : float or ndarray
        :math:`\rho(h)/\rho_0` [1].
    temperature : float or ndarray
        [degC].
    density : float or ndarray
        [kg/m^3].

    References
    ----------
    .. [1] ISO 2533:1975 / ICAO Doc 7488.

    Examples
    --------
    >>> round(isa(2250.0)[0], 1)
    77058.4
    """
    h = np.asarray(altitude, dtype=float)
    base = 1.0 - ISA_LAPSE_OVER_T0 * h
    ratio = base ** ISA_RHO_EXP
    return (_unwrap(P0 * base ** ISA_P_EXP), _unwrap(ratio), _unwrap(T0_ISA - ISA_LAPSE * h - KELVIN),
            _unwrap(RHO0_ISA * ratio))


def isa_pressure(altitude):
    """ISA pressure [Pa] at ``altitude`` [m] (first output of :func:`isa`)."""
    return isa(altitude)[0]


@model(
    name="altitude.mureika_density_ratio", version="1.0.0", family="altitude",
    summary="Mureika's exponential air-density ratio, exp(-0.000125 H) (8000 m scale height)",
    citation="Mureika's altitude term (2000)",
    equation="rho/rho0 = exp(-0.000125 * H)",
    equation_latex=r"\frac{\rho(H)}{\rho_0} = e^{-0.000125 H}",
    inputs=[inp("altitude", "m", "venue altitude H", valid_max=2500.0, **ALTITUDE_RANGE)],
    outputs=[out("density_ratio", "1", "air density relative to sea level", tolerance=1e-5)],
    references=[_MUREIKA_REF],
    assumptions=["isothermal atmosphere with an 8000 m density scale height"],
    validity=["the altitude term of Mureika's sprint corrections; about 3-6 % lower density than the "
              "standard atmosphere at 1000-2250 m (0.8825 vs 0.9075 at 1000 m)"],
)
def mureika_density_ratio(altitude):
    r"""Mureika's altitude term.

    .. math:: \frac{\rho(H)}{\rho_0} = e^{-0.000125 H}

    Parameters
    ----------
    altitude : float or array-like
        Altitude :math:`H` [m].

    Returns
    -------
    density_ratio : float or ndarray
        [1].

    Examples
    --------
    >>> round(mureika_density_ratio(2250.0), 5)
    0.75484
    """
    return _unwrap(np.exp(-_SCALE_HEIGHT_INV * np.asarray(altitude, dtype=float)))


#: named altitude models for :func:`density_ratio`
DENSITY_RATIO_MODELS = ("isa", "mureika")
DENSITY_RATIO_DEFAULT = "isa"


def density_ratio(altitude, model: str = DENSITY_RATIO_DEFAULT):
    """Air density at ``altitude`` relative to sea level.

    Parameters
    ----------
    altitude : float or array-like
        [m].
    model : {'isa', 'mureika'}, default 'isa'
        ``'isa'``: the standard atmosphere (a physical reference, the default);
        ``'mureika'``: ``exp(-0.000125 H)``, the term inside Mureika's sprint
        corrections (use it for parity with his calculator).

    Returns
    -------
    float or ndarray
        :math:`\\rho(H)/\\rho_0` [1].
    """
    _check_range("altitude", altitude, **ALTITUDE_RANGE, unit="m")
    if model == "isa":
        return isa(altitude)[1]
    if model == "mureika":
        return mureika_density_ratio(altitude)
    raise InvalidValueError(f"model={model!r} is not one of {list(DENSITY_RATIO_MODELS)}", parameter="model",
                            value=model)


# =============================================================================================
# air density
# =============================================================================================
_T_IN = dict(unit="degC", **TEMPERATURE_RANGE)
_DENSITY_OUT = out("density", "kg/m^3", "air density", tolerance=5e-5)


def saturation_vapour_pressure(temperature):
    r"""Magnus (Alduchov & Eskridge 1996) saturation vapour pressure over water [Pa].

    .. math:: e_s(t) = 610.94\,\exp\!\left(\frac{17.625\,t}{t + 243.04}\right)

    ``temperature`` in degC.
    """
    t = np.asarray(temperature, dtype=float)
    return _unwrap(MAGNUS_ES0 * np.exp(MAGNUS_A * t / (t + MAGNUS_B)))


@model(
    name="air_density.cipm2007", version="1.0.0", family="air_density",
    summary="CIPM-2007 density of moist air from temperature, pressure and relative humidity",
    citation="CIPM-2007 moist-air density (Picard et al. 2008)",
    equation="rho = p*Ma/(Z*R*T) * (1 - xv*(1 - Mv/Ma)); psv = exp(A T^2 + B T + C + D/T); "
             "f = 1.00062 + 3.14e-8 p + 5.6e-7 t^2; xv = h f psv / p; "
             "Z = 1 - (p/T)(a0 + a1 t + a2 t^2 + (b0 + b1 t) xv + (c0 + c1 t) xv^2) + (p/T)^2 (d + e xv^2); "
             "Ma = (28.96546 + 12.011 (xCO2 - 0.0004)) 1e-3",
    equation_latex=r"\rho = \frac{p M_a}{Z R T}\left[1 - x_v\left(1 - \frac{M_v}{M_a}\right)\right]",
    inputs=[inp("temperature", "degC", "air temperature t", valid_min=-10.0, valid_max=40.0, **TEMPERATURE_RANGE),
            inp("pressure", "Pa", "absolute (station) air pressure p", default=P0, valid_min=60000.0,
                valid_max=110000.0, **PRESSURE_RANGE),
            inp("humidity", "%", "relative humidity h", default=50.0, **HUMIDITY_RANGE),
            inp("co2_fraction", "1", "CO2 mole fraction xCO2", default=XCO2_DEFAULT, min=0.0, max=0.01)],
    outputs=[_DENSITY_OUT,
             out("vapour_fraction", "1", "mole fraction of water vapour xv", tolerance=1e-6),
             out("compressibility", "1", "compressibility factor Z", tolerance=1e-7)],
    references=[_CIPM_REF, _DAVIS_REF],
    assumptions=["air of standard composition apart from CO2 and water vapour",
                 "relative humidity is with respect to liquid water"],
    validity=["the CIPM formula is stated for 600-1100 hPa and 15-27 degC (relative uncertainty 2e-5); "
              "over -10..40 degC it agrees with the ideal moist-air mixture within 0.1 %, far below what "
              "matters for running, so that wider range is the validated range here"],
)
def cipm2007(temperature, pressure=P0, humidity=50.0, co2_fraction=XCO2_DEFAULT):
    r"""Density of moist air, CIPM-2007 equation.

    .. math::
        \rho = \frac{p M_a}{Z R T}\left[1 - x_v\left(1 - \frac{M_v}{M_a}\right)\right]

    with :math:`T = t + 273.15`, saturation vapour pressure
    :math:`p_{sv} = \exp(AT^2 + BT + C + D/T)`, enhancement factor
    :math:`f = 1.00062 + 3.14\times10^{-8} p + 5.6\times10^{-7} t^2`, vapour mole
    fraction :math:`x_v = h f p_{sv}/p`, compressibility

    .. math::
        Z = 1 - \frac{p}{T}\left[a_0 + a_1 t + a_2 t^2 + (b_0 + b_1 t) x_v + (c_0 + c_1 t) x_v^2\right]
            + \frac{p^2}{T^2}\left(d + e x_v^2\right)

    and :math:`M_a = [28.96546 + 12.011(x_{CO_2} - 0.0004)]\times10^{-3}` kg/mol,
    :math:`M_v = 18.01528\times10^{-3}` kg/mol, :math:`R = 8.314472` J/(mol K).
    Constants in :data:`CIPM`.

    Parameters
    ----------
    temperature : float or array-like
        Air temperature :math:`t` [degC].
    pressure : float or array-like, default 101325
        Absolute pressure :math:`p` [Pa] (station pressure, not reduced to sea level).
    humidity : float or array-like, default 50
        Relative humidity [%].
    co2_fraction : float, default 0.0004
        CO2 mole fraction.

    Returns
    -------
    density : float or ndarray
        [kg/m^3].
    vapour_fraction : float or ndarray
        :math:`x_v` [1].
    compressibility : float or ndarray
        :math:`Z` [1].

    References
    ----------
    .. [1] Picard et al. (2008), Metrologia 45:149.

    Examples
    --------
    >>> round(cipm2007(20.0, 101325.0, 50.0)[0], 5)
    1.19931
    """
    c = CIPM
    t = np.asarray(temperature, dtype=float)
    p = np.asarray(pressure, dtype=float)
    h = np.asarray(humidity, dtype=float) / 100.0
    T = t + KELVIN
    psv = np.exp(c["A"] * T * T + c["B"] * T + c["C"] + c["D"] / T)
    f = c["alpha"] + c["beta"] * p + c["gamma"] * t * t
    xv = h * f * psv / p
    pt = p / T
    Z = (1.0 - pt * (c["a0"] + c["a1"] * t + c["a2"] * t * t + (c["b0"] + c["b1"] * t) * xv
                     + (c["c0"] + c["c1"] * t) * xv * xv)
         + pt * pt * (c["d"] + c["e"] * xv * xv))
    Ma = (28.96546 + 12.011 * (np.asarray(co2_fraction, dtype=float) - 0.0004)) * 1e-3
    rho = p * Ma / (Z * c["R"] * T) * (1.0 - xv * (1.0 - c["Mv"] / Ma))
    return _unwrap(rho), _unwrap(xv), _unwrap(Z)


@model(
    name="air_density.ideal_gas", version="1.0.0", family="air_density",
    summary="Dry-air ideal-gas density as used by Samozino et al. and the shorts package",
    citation="ideal-gas air density (Samozino et al. 2016 / shorts)",
    equation="rho = 1.293 * (p / 133.322387415 / 760) * 273 / (273 + t)",
    equation_latex=r"\rho = 1.293\,\frac{P_b}{760}\,\frac{273}{273 + t}",
    inputs=[inp("temperature", "degC", "air temperature t", valid_min=-10.0, valid_max=40.0, **TEMPERATURE_RANGE),
            inp("pressure", "Pa", "absolute air pressure (converted to Torr inside)", default=P0,
                valid_min=60000.0, valid_max=110000.0, **PRESSURE_RANGE)],
    outputs=[_DENSITY_OUT],
    references=[_SAMOZINO_REF, _SHORTS_REF],
    assumptions=["dry air (humidity ignored)",
                 "273 (not 273.15) in the temperature term, as in the source - kept for parity"],
    validity=["about 0.5 % above CIPM-2007 at 20 degC / 50 % humidity (the humidity effect is ignored)",
              "validated range here: -10..40 degC and 600-1100 hPa, as for the other density models"],
)
def ideal_gas(temperature, pressure=P0):
    r"""Dry-air density in the Samozino / *shorts* form.

    .. math:: \rho = 1.293\,\frac{P_b}{760}\,\frac{273}{273 + t}

    with :math:`P_b` in Torr (:math:`P_b = p / 133.322387415`).

    Parameters
    ----------
    temperature : float or array-like
        [degC].
    pressure : float or array-like, default 101325
        [Pa].

    Returns
    -------
    density : float or ndarray
        [kg/m^3].

    Examples
    --------
    >>> round(ideal_gas(25.0), 6)
    1.184527
    """
    t = np.asarray(temperature, dtype=float)
    torr = np.asarray(pressure, dtype=float) / MMHG
    return _unwrap(SHORTS_RHO0 * (torr / 760.0) * SHORTS_T0 / (SHORTS_T0 + t))


@model(
    name="air_density.simple_moist", version="1.0.0", family="air_density",
    summary="Moist-air density as an ideal mixture of dry air and water vapour (Magnus vapour pressure)",
    citation="ideal-gas moist-air density with the Magnus vapour pressure (Alduchov & Eskridge 1996)",
    equation="e = h/100 * 610.94 * exp(17.625 t / (t + 243.04)); rho = (p - e)/(287.058 T) + e/(461.495 T)",
    equation_latex=r"\rho = \frac{p - e}{R_d T} + \frac{e}{R_v T},\quad "
                   r"e = h\,610.94\,e^{17.625 t/(t + 243.04)}",
    inputs=[inp("temperature", "degC", "air temperature t", valid_min=-40.0, valid_max=50.0, **TEMPERATURE_RANGE),
            inp("pressure", "Pa", "absolute air pressure p", default=P0, valid_min=60000.0, valid_max=110000.0,
                **PRESSURE_RANGE),
            inp("humidity", "%", "relative humidity h", default=50.0, **HUMIDITY_RANGE)],
    outputs=[_DENSITY_OUT,
             out("vapour_pressure", "Pa", "partial pressure of water vapour e", tolerance=0.05)],
    references=[_MAGNUS_REF],
    assumptions=["dry air and water vapour are ideal gases (Rd = 287.058, Rv = 461.495 J/(kg K))"],
    validity=["Magnus form valid for -45..60 degC over water; within about 0.05 % of CIPM-2007 at "
              "ordinary conditions"],
)
def simple_moist(temperature, pressure=P0, humidity=50.0):
    r"""Moist-air density, ideal mixture.

    .. math::
        e = \frac{h}{100}\,610.94\,\exp\!\left(\frac{17.625\,t}{t + 243.04}\right),\qquad
        \rho = \frac{p - e}{R_d T} + \frac{e}{R_v T}

    Parameters
    ----------
    temperature : float or array-like
        [degC].
    pressure : float or array-like, default 101325
        [Pa].
    humidity : float or array-like, default 50
        Relative humidity [%].

    Returns
    -------
    density : float or ndarray
        [kg/m^3].
    vapour_pressure : float or ndarray
        [Pa].

    Examples
    --------
    >>> round(simple_moist(20.0, 101325.0, 50.0)[0], 5)
    1.19884
    """
    t = np.asarray(temperature, dtype=float)
    p = np.asarray(pressure, dtype=float)
    e = np.asarray(humidity, dtype=float) / 100.0 * MAGNUS_ES0 * np.exp(MAGNUS_A * t / (t + MAGNUS_B))
    T = t + KELVIN
    return _unwrap((p - e) / (R_DRY * T) + e / (R_VAPOUR * T)), _unwrap(e)


#: named density models for :func:`air_density`
AIR_DENSITY_MODELS = ("cipm2007", "ideal_gas", "simple_moist")
AIR_DENSITY_DEFAULT = "cipm2007"


def air_density(temperature, pressure=P0, humidity=50.0, model: str = AIR_DENSITY_DEFAULT):
    """Air density [kg/m^3] with a named model.

    Parameters
    ----------
    temperature : float or array-like
        [degC].
    pressure : float or array-like, default 101325
        Absolute pressure [Pa].
    humidity : float or array-like, default 50
        Relative humidity [%] (ignored by ``'ideal_gas'``).
    model : {'cipm2007', 'ideal_gas', 'simple_moist'}, default 'cipm2007'
        ``'cipm2007'`` is the metrological reference (default); ``'ideal_gas'`` is the
        dry-air form of Samozino et al. / *shorts* (parity with sprint-profile tools);
        ``'simple_moist'`` is an ideal mixture with the Magnus vapour pressure.
    """
    _check_range("temperature", temperature, **TEMPERATURE_RANGE, unit="degC")
    _check_range("pressure", pressure, **PRESSURE_RANGE, unit="Pa")
    _check_range("humidity", humidity, **HUMIDITY_RANGE, unit="%")
    if model == "cipm2007":
        return cipm2007(temperature, pressure, humidity)[0]
    if model == "ideal_gas":
        return ideal_gas(temperature, pressure)
    if model == "simple_moist":
        return simple_moist(temperature, pressure, humidity)[0]
    raise InvalidValueError(f"model={model!r} is not one of {list(AIR_DENSITY_MODELS)}", parameter="model",
                            value=model)


# =============================================================================================
# effect of air density (temperature, pressure, humidity) on sprint times
# =============================================================================================
_RATIO_IN = inp("density_ratio", "1", "rho_run / rho_ref: air density where the time was run over the "
                "reference density", min=0.3, max=2.0, valid_min=0.7, valid_max=1.3)
_DENSITY_COMMON = dict(
    family="air_density",
    references=[_MUREIKA_REF, _MUREIKA_2006_REF,
                ref("Mureika 2003", "Mureika J.R. (2003) Modelling wind and altitude effects in the 200 m "
                    "sprint. Can. J. Phys. 81:895-910")],
    assumptions=["air density acts only through aerodynamic drag (no physiological temperature effect)",
                 "Mureika's altitude term exp(-0.000125 H) is exactly a density ratio, so it is replaced "
                 "by rho_run / rho_ref (a derived generalisation, not published as such)"],
    validity=["checked against Mureika (2006): about 0.01 s per 10 degC for a 10 s 100 m without wind",
              "density ratios 0.7-1.3 correspond to Mureika's altitude range (0-2500 m) and ordinary "
              "weather"],
)


@model(
    name="air_density.sprint_100m", version="1.0.0",
    summary="100 m time at a reference air density from a time run at another density (Mureika closed form)",
    citation="Mureika's closed form with a general air-density ratio",
    equation="t_ref = t * [(1 + a) - a * (rho/rho_ref) * (1 - w * t / 100)^2]",
    equation_latex=r"t_{ref} = t\left[(1+a) - a\,\frac{\rho}{\rho_{ref}}\left(1 - \frac{w t}{100}\right)^2\right]",
    inputs=[inp("time", "s", "100 m time run at density rho", min=5.0, max=30.0, valid_min=9.4, valid_max=12.5),
            _RATIO_IN,
            inp("wind", "m/s", "wind during the run, tail wind positive", default=0.0, min=-10.0, max=10.0,
                valid_min=-5.0, valid_max=5.0),
            inp("preset", "1", "which published constant a to use", dtype="str",
                choices=list(MUREIKA_PRESETS), default=MUREIKA_DEFAULT)],
    outputs=[out("time_reference", "s", "equivalent time at the reference density in still air", tolerance=0.006),
             out("change", "s", "time_reference - time (positive: the run conditions helped)", tolerance=0.006)],
    **_DENSITY_COMMON,
)
def sprint_100m(time, density_ratio, wind=0.0, preset=MUREIKA_DEFAULT):
    r"""Correct a 100 m time for air density (temperature, pressure, humidity).

    Mureika's closed form with his altitude term :math:`e^{-0.000125H} = \rho(H)/\rho_0`
    replaced by a general density ratio :math:`r = \rho/\rho_{ref}`:

    .. math:: t_{ref} = t\left[(1+a) - a\,r\left(1 - \frac{w t}{100}\right)^2\right]

    Parameters
    ----------
    time : float or array-like
        Time run at density :math:`\rho` [s].
    density_ratio : float or array-like
        :math:`\rho/\rho_{ref}` [1].
    wind : float or array-like, default 0
        Wind during the run [m/s], tail wind positive.
    preset : str
        Mureika's constant :math:`a` (see :data:`~sprint_solver.models.wind.MUREIKA_PRESETS`).

    Returns
    -------
    time_reference : float or ndarray
        Equivalent still-air time at the reference density [s].
    change : float or ndarray
        ``time_reference - time`` [s].

    Examples
    --------
    A 10.00 s run at 35 degC is worth about 0.01 s more at 25 degC (Mureika 2006):

    >>> round(sprint_100m(10.0, 298/308, preset="paper_1.030")[1], 4)
    0.0097
    """
    a = MUREIKA_PRESETS[preset]
    t = np.asarray(time, dtype=float)
    r = np.asarray(density_ratio, dtype=float)
    w = np.asarray(wind, dtype=float)
    tr = t * ((1.0 + a) - a * r * (1.0 - w * t / 100.0) ** 2)
    return _unwrap(tr), _unwrap(tr - t)


def equivalent_altitude(density_ratio):
    """The altitude [m] at which Mureika's exp(-0.000125 H) equals ``density_ratio``."""
    return _unwrap(-np.log(np.asarray(density_ratio, dtype=float)) / _SCALE_HEIGHT_INV)


def density_coefficient_200m(lane, men_fast):
    """Mureika's 200 m altitude coefficient F [s/m] (the ``F H`` term) for ``lane`` (1-8)."""
    lane_idx = np.asarray(lane, dtype=int) - 1
    return np.where(np.asarray(men_fast), _M200_MEN[lane_idx, 5], _M200_OTHER[lane_idx, 5])


@model(
    name="air_density.sprint_200m", version="1.0.0",
    summary="200 m time at a reference air density from a time run at another density (Mureika 200 m "
            "altitude coefficient)",
    citation="Mureika's 200 m altitude term with a general air-density ratio",
    equation="H_eq = -ln(rho/rho_ref) / 0.000125; t_ref = t - F_lane * H_eq",
    equation_latex=r"H_{eq} = -\frac{\ln(\rho/\rho_{ref})}{0.000125},\quad t_{ref} = t - F_{lane} H_{eq}",
    inputs=[inp("time", "s", "200 m time run at density rho", min=15.0, max=60.0, valid_min=19.0, valid_max=25.0),
            _RATIO_IN,
            inp("lane", "1", "lane 1-8", dtype="int", min=1, max=8, default=4),
            inp("sex", "1", "men or women", dtype="str", choices=["men", "women"], default="men")],
    outputs=[out("time_reference", "s", "equivalent still-air time at the reference density", tolerance=0.006),
             out("change", "s", "time_reference - time (positive: the run conditions helped)", tolerance=0.006)],
    **_DENSITY_COMMON,
)
def sprint_200m(time, density_ratio, lane=4, sex="men"):
    r"""Correct a still-air 200 m time for air density.

    The density ratio is mapped to the altitude with the same density in Mureika's
    exponential atmosphere, :math:`H_{eq} = -\ln(r)/0.000125`, and Mureika's lane
    altitude coefficient :math:`F` (the ``F H`` term of his 200 m model; the fitted
    intercept is not applied) gives the change:

    .. math:: t_{ref} = t - F_{lane}\,H_{eq}

    Parameters
    ----------
    time : float or array-like
        200 m time run at density :math:`\rho` [s].
    density_ratio : float or array-like
        :math:`\rho/\rho_{ref}` [1].
    lane : int, default 4
    sex : {'men', 'women'}
        Men faster than 21.5 s use the men's coefficients, everyone else the other set.

    Returns
    -------
    time_reference, change : float or ndarray
        [s].

    Examples
    --------
    >>> round(sprint_200m(20.0, 298/308)[1], 4)
    0.0251
    """
    t = np.asarray(time, dtype=float)
    men_fast = (np.asarray(sex) == "men") & (t < MEN_FAST_CUTOFF_200)
    F = density_coefficient_200m(lane, men_fast)
    tr = t - F * equivalent_altitude(density_ratio)
    return _unwrap(tr), _unwrap(tr - t)


# --- helpers ---------------------------------------------------------------------------------
def _check_range(name: str, value, min: float, max: float, unit: str) -> None:
    """Hard-range check for the plain (unregistered) convenience functions."""
    a = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(a)):
        raise InvalidValueError(f"{name} must be finite", parameter=name, valid_range=(min, max), unit=unit)
    if a.size and (a.min() < min or a.max() > max):
        bad = float(a.min()) if a.min() < min else float(a.max())
        raise InvalidValueError.out_of_range(name, bad, min, max, unit)
