"""Heat and humidity: how much slower endurance running is in warm weather.

Models
------
* ``heat.hadley`` - Mark Hadley's temperature + dew point (degF) rule, bands with
  linear interpolation inside a band (a design choice: the source gives ranges);
* ``heat.ely_wbgt`` - Ely et al. (2007) marathon slow-down by WBGT quartile (top-3
  finishers, men / women);
* ``heat.davis_heat_index`` - John Davis's data-driven log-speed adjustment by heat
  index (table from his heat-adjusted-pace calculator, fitted to Mantzios et al.'s
  marathon database);
* ``heat.heat_index`` - the NOAA / NWS heat index (Steadman's simple form, the
  Rothfusz regression and NOAA's low/high-humidity adjustments);
* ``heat.dew_point`` / ``heat.relative_humidity`` - Magnus conversions;
* ``heat.wbgt_bom`` - the Australian Bureau of Meteorology WBGT estimate from
  temperature and humidity (no sun, light wind);
* ``heat.adjusted_pace`` - apply a percentage slow-down to a pace.

Slow-downs are percentages of time (pace): adjusted pace = pace * (1 + s/100).
No model here ever makes a pace faster: cold is not modelled (adjustment 0).

References
----------
.. [1] Hadley M. (2013) "Adjusting pace for heat and humidity", Maximum Performance
       Running (blog), 24 Jul 2013.
.. [2] Ely M.R., Cheuvront S.N., Roberts W.O., Montain S.J. (2007) "Impact of weather
       on marathon-running performance", Med. Sci. Sports Exerc. 39(3):487-493.
.. [3] Davis J.J. heat-adjusted-pace calculator (Running Writings, MIT), table
       analysis/heat_adjusted_C.txt; model fitted to Mantzios K. et al. (2022) Med. Sci.
       Sports Exerc. 54(1):153-161.
.. [4] Rothfusz L.P. (1990) "The heat index equation", NWS Technical Attachment
       SR 90-23; NWS Weather Prediction Center, "The Heat Index Equation".
.. [5] Steadman R.G. (1979) "The assessment of sultriness. Part I", J. Appl. Meteor.
       18:861-873.
.. [6] Alduchov O.A., Eskridge R.E. (1996) J. Appl. Meteor. 35:601-609.
.. [7] Australian Bureau of Meteorology, "Thermal comfort observations: WBGT".
"""
from __future__ import annotations

import warnings

import numpy as np

from ..errors import InvalidValueError, ValidityWarning
from .atmosphere import MAGNUS_A, MAGNUS_B, TEMPERATURE_RANGE, HUMIDITY_RANGE
from .base import inp, model, out, ref
from .base import unwrap as _unwrap

_PACE = dict(min=60.0, max=3600.0, valid_min=120.0, valid_max=900.0)
#: dew point may exceed the temperature by this much (rounding of converted inputs)
DEW_POINT_SLACK = 0.05


def _f(c):
    return np.asarray(c, dtype=float) * 9.0 / 5.0 + 32.0


def _c(f):
    return (np.asarray(f, dtype=float) - 32.0) * 5.0 / 9.0


def check_dew_point(temperature, dew_point) -> None:
    """Raise :class:`InvalidValueError` when a dew point is above the air temperature."""
    t = np.asarray(temperature, dtype=float)
    td = np.asarray(dew_point, dtype=float)
    if np.any(td > t + DEW_POINT_SLACK):
        bad = float(np.max(td - t))
        raise InvalidValueError(
            f"dew_point is {bad:.2f} degC above the air temperature; a dew point cannot exceed the "
            "temperature (valid range: dew_point <= temperature)", parameter="dew_point",
            value=float(np.max(td)), valid_range=(None, float(np.min(t))), unit="degC")


# =============================================================================================
# humidity conversions
# =============================================================================================
_MAGNUS_REF = ref("Alduchov 1996", "Alduchov O.A., Eskridge R.E. (1996) Improved Magnus form approximation "
                  "of saturation vapor pressure. J. Appl. Meteor. 35:601-609",
                  doi="10.1175/1520-0450(1996)035<0601:IMFAOS>2.0.CO;2")
_MAGNUS_COMMON = dict(family="heat", references=[_MAGNUS_REF],
                      assumptions=["saturation over liquid water (Magnus a = 17.625, b = 243.04 degC)"],
                      validity=["Magnus form accurate to about 0.4 % in vapour pressure for -40..50 degC"])


@model(
    name="heat.dew_point", version="1.0.0",
    summary="Dew point from air temperature and relative humidity (Magnus formula)",
    citation="Magnus dew-point formula (Alduchov & Eskridge 1996)",
    equation="g = ln(RH/100) + 17.625 t / (243.04 + t); Td = 243.04 g / (17.625 - g)",
    equation_latex=r"\gamma = \ln\frac{RH}{100} + \frac{17.625\,t}{243.04 + t},\quad "
                   r"T_d = \frac{243.04\,\gamma}{17.625 - \gamma}",
    inputs=[inp("temperature", "degC", "air temperature t", valid_min=-40.0, valid_max=50.0, **TEMPERATURE_RANGE),
            inp("humidity", "%", "relative humidity", min=0.01, max=100.0)],
    outputs=[out("dew_point", "degC", "dew point", tolerance=0.05)],
    **_MAGNUS_COMMON,
)
def dew_point(temperature, humidity):
    r"""Dew point from temperature and relative humidity (Magnus).

    .. math::
        \gamma = \ln\frac{RH}{100} + \frac{a\,t}{b + t},\qquad T_d = \frac{b\,\gamma}{a - \gamma}

    with :math:`a = 17.625`, :math:`b = 243.04` degC.

    Parameters
    ----------
    temperature : float or array-like
        [degC].
    humidity : float or array-like
        Relative humidity [%], > 0.

    Returns
    -------
    dew_point : float or ndarray
        [degC].

    Examples
    --------
    >>> round(dew_point(25.0, 50.0), 2)
    13.86
    """
    t = np.asarray(temperature, dtype=float)
    g = np.log(np.asarray(humidity, dtype=float) / 100.0) + MAGNUS_A * t / (MAGNUS_B + t)
    return _unwrap(MAGNUS_B * g / (MAGNUS_A - g))


@model(
    name="heat.relative_humidity", version="1.0.0",
    summary="Relative humidity from air temperature and dew point (Magnus formula)",
    citation="Magnus relative-humidity formula (Alduchov & Eskridge 1996)",
    equation="RH = 100 * exp(17.625 Td / (243.04 + Td)) / exp(17.625 t / (243.04 + t))",
    equation_latex=r"RH = 100\,\frac{\exp\left(\frac{17.625\,T_d}{243.04 + T_d}\right)}"
                   r"{\exp\left(\frac{17.625\,t}{243.04 + t}\right)}",
    inputs=[inp("temperature", "degC", "air temperature t", valid_min=-40.0, valid_max=50.0, **TEMPERATURE_RANGE),
            inp("dew_point", "degC", "dew point Td (<= temperature)", **TEMPERATURE_RANGE)],
    outputs=[out("humidity", "%", "relative humidity", tolerance=0.05)],
    **_MAGNUS_COMMON,
)
def relative_humidity(temperature, dew_point):
    r"""Relative humidity [%] from temperature and dew point (Magnus).

    .. math:: RH = 100\,\frac{e^{a T_d/(b + T_d)}}{e^{a t/(b + t)}}

    Raises :class:`~sprint_solver.errors.InvalidValueError` if the dew point is above
    the temperature. The result is capped at 100 %.

    Examples
    --------
    >>> round(relative_humidity(25.0, 13.86), 1)
    50.0
    """
    check_dew_point(temperature, dew_point)
    t = np.asarray(temperature, dtype=float)
    td = np.asarray(dew_point, dtype=float)
    rh = 100.0 * np.exp(MAGNUS_A * td / (MAGNUS_B + td) - MAGNUS_A * t / (MAGNUS_B + t))
    return _unwrap(np.minimum(rh, 100.0))


# =============================================================================================
# NOAA heat index
# =============================================================================================
#: Steadman-consistent simple formula used by NOAA below 80 degF (T in degF, RH in %)
STEADMAN_EXPR = "0.5*(T + 61 + (T - 68)*1.2 + RH*0.094)"
#: Rothfusz (1990) regression (T in degF, RH in %)
ROTHFUSZ_EXPR = ("-42.379 + 2.04901523*T + 10.14333127*RH - 0.22475541*T*RH - 0.00683783*T**2 "
                 "- 0.05481717*RH**2 + 0.00122874*T**2*RH + 0.00085282*T*RH**2 - 0.00000199*T**2*RH**2")
#: NOAA adjustments added to the Rothfusz value
LOW_RH_ADJ_EXPR = "-((13 - RH)/4)*sqrt((17 - abs(T - 95))/17)"
HIGH_RH_ADJ_EXPR = "((RH - 85)/10)*((87 - T)/5)"
#: NWS heat-index categories: lower bound in degF -> name
HEAT_INDEX_CATEGORIES = ((80.0, "caution"), (91.0, "extreme caution"), (103.0, "danger"),
                         (125.0, "extreme danger"))


def steadman_simple_f(t_f, rh):
    """NOAA's simple (Steadman-consistent) heat index [degF]; == 1.1 T - 10.3 + 0.047 RH."""
    return 0.5 * (t_f + 61.0 + (t_f - 68.0) * 1.2 + rh * 0.094)


def rothfusz_f(t_f, rh):
    """Rothfusz (1990) regression [degF] (temperature in degF, RH in %)."""
    T, RH = t_f, rh
    return (-42.379 + 2.04901523 * T + 10.14333127 * RH - 0.22475541 * T * RH - 0.00683783 * T * T
            - 0.05481717 * RH * RH + 0.00122874 * T * T * RH + 0.00085282 * T * RH * RH
            - 0.00000199 * T * T * RH * RH)


def low_humidity_applies(t_f, rh):
    return (rh < 13.0) & (t_f >= 80.0) & (t_f <= 112.0)


def high_humidity_applies(t_f, rh):
    return (rh > 85.0) & (t_f >= 80.0) & (t_f <= 87.0)


def heat_index_category(heat_index_c: float) -> str:
    """NWS category name for a heat index in degC (``"none"`` below 80 degF)."""
    f = float(_f(heat_index_c))
    name = "none"
    for lo, label in HEAT_INDEX_CATEGORIES:
        if f >= lo:
            name = label
    return name


@model(
    name="heat.heat_index", version="1.0.0", family="heat",
    summary="NOAA/NWS heat index (apparent temperature) from air temperature and relative humidity",
    citation="NOAA heat index (Rothfusz 1990; Steadman 1979)",
    equation="HI_s = 0.5 (T + 61 + 1.2 (T - 68) + 0.094 RH) [degF]; if (HI_s + T)/2 >= 80: "
             "HI = Rothfusz(T, RH) - ((13 - RH)/4) sqrt((17 - |T - 95|)/17) [RH < 13, 80 <= T <= 112] "
             "+ ((RH - 85)/10)((87 - T)/5) [RH > 85, 80 <= T <= 87]; else HI = HI_s",
    equation_latex=r"HI = -42.379 + 2.04901523T + 10.14333127RH - 0.22475541\,T\,RH - 0.00683783T^2"
                   r" - 0.05481717RH^2 + 0.00122874T^2RH + 0.00085282\,T\,RH^2 - 0.00000199T^2RH^2",
    inputs=[inp("temperature", "degC", "air temperature", valid_max=50.0, **TEMPERATURE_RANGE),
            inp("humidity", "%", "relative humidity", **HUMIDITY_RANGE),
            inp("adjustments", "1", "apply NOAA's low- and high-humidity adjustments to the Rothfusz value",
                dtype="bool", default=True)],
    outputs=[out("heat_index", "degC", "heat index (apparent temperature)", tolerance=0.1)],
    references=[ref("Rothfusz 1990", "Rothfusz L.P. (1990) The heat index 'equation' (or, more than you ever "
                    "wanted to know about heat index). NWS Southern Region Technical Attachment SR 90-23"),
                ref("NWS WPC", "NOAA National Weather Service, Weather Prediction Center: The Heat Index "
                    "Equation", url="https://www.wpc.ncep.noaa.gov/html/heatindex_equation.shtml"),
                ref("Steadman 1979", "Steadman R.G. (1979) The assessment of sultriness. Part I. J. Appl. "
                    "Meteor. 18:861-873")],
    assumptions=["shade and light wind (the heat index is defined for those conditions)",
                 "NOAA's rule: the simple formula unless its average with T reaches 80 degF, then Rothfusz"],
    validity=["the Rothfusz regression has an error of about +-1.3 degF; it is meant for T >= 80 degF and "
              "RH >= 40 %; the simple formula is an approximation below that",
              "adjustments=False reproduces tools that omit NOAA's adjustments (e.g. Runalyze)"],
)
def heat_index(temperature, humidity, adjustments=True):
    r"""NOAA / NWS heat index.

    In degF: the simple form :math:`HI_s = 0.5\,[T + 61 + 1.2(T - 68) + 0.094\,RH]`
    (equal to :math:`1.1T - 10.3 + 0.047RH`). If :math:`(HI_s + T)/2 \ge 80`, the
    Rothfusz regression is used instead,

    .. math::
        HI = -42.379 + 2.04901523T + 10.14333127RH - 0.22475541\,T\,RH - 0.00683783T^2
             - 0.05481717RH^2 + 0.00122874T^2RH + 0.00085282\,T\,RH^2 - 0.00000199T^2RH^2

    minus :math:`\frac{13-RH}{4}\sqrt{\frac{17-|T-95|}{17}}` if RH < 13 % and
    80 <= T <= 112 degF, plus :math:`\frac{RH-85}{10}\cdot\frac{87-T}{5}` if RH > 85 %
    and 80 <= T <= 87 degF (when ``adjustments``).

    Parameters
    ----------
    temperature : float or array-like
        Air temperature [degC].
    humidity : float or array-like
        Relative humidity [%].
    adjustments : bool, default True
        NOAA's low/high humidity adjustments.

    Returns
    -------
    heat_index : float or ndarray
        [degC].

    Examples
    --------
    >>> round(float(heat_index((96 - 32) / 1.8, 75.0)) * 1.8 + 32, 1)
    132.1
    """
    T = _f(temperature)
    RH = np.asarray(humidity, dtype=float)
    simple = steadman_simple_f(T, RH)
    hi = rothfusz_f(T, RH)
    if adjustments:
        low = low_humidity_applies(T, RH)
        high = high_humidity_applies(T, RH)
        hi = hi - np.where(low, (13.0 - RH) / 4.0 * np.sqrt(np.clip(17.0 - np.abs(T - 95.0), 0, None) / 17.0), 0.0)
        hi = hi + np.where(high, (RH - 85.0) / 10.0 * (87.0 - T) / 5.0, 0.0)
    hi = np.where((simple + T) / 2.0 >= 80.0, hi, simple)
    return _unwrap(_c(hi))


# =============================================================================================
# pace slow-down models
# =============================================================================================
#: Hadley: T + Td (degF) at the band edges -> slow-down in %
HADLEY_SUMS = (100.0, 110.0, 120.0, 130.0, 140.0, 150.0, 160.0, 170.0, 180.0)
HADLEY_PCT = (0.0, 0.5, 1.0, 2.0, 3.0, 4.5, 6.0, 8.0, 10.0)
HADLEY_MAX_SUM = 180.0
EFFORT_FACTORS = {"steady": 1.0, "repeats": 0.5}


def hadley_band(tdp_sum):
    """Hadley band edges (low %, high %) for a temperature + dew point sum (degF).

    Sums <= 100 give (0, 0); above 180 both edges are the extrapolated value.
    """
    s = np.asarray(tdp_sum, dtype=float)
    k = np.clip(np.ceil((s - 100.0) / 10.0 - 1e-9), 0, len(HADLEY_SUMS) - 1).astype(int)
    pct = np.asarray(HADLEY_PCT)
    low = np.where(s <= 100.0, 0.0, pct[np.maximum(k - 1, 0)])
    high = pct[k]
    over = hadley_pct(s)
    low = np.where(s > HADLEY_MAX_SUM, over, low)
    high = np.where(s > HADLEY_MAX_SUM, over, high)
    return _unwrap(low), _unwrap(high)


def hadley_pct(tdp_sum):
    """Hadley slow-down (%), linear between band edges; above 180 the last band's slope continues."""
    s = np.asarray(tdp_sum, dtype=float)
    pct = np.interp(s, HADLEY_SUMS, HADLEY_PCT)
    slope = (HADLEY_PCT[-1] - HADLEY_PCT[-2]) / (HADLEY_SUMS[-1] - HADLEY_SUMS[-2])
    return _unwrap(np.where(s > HADLEY_MAX_SUM, HADLEY_PCT[-1] + slope * (s - HADLEY_MAX_SUM), pct))


@model(
    name="heat.hadley", version="1.0.0", family="heat",
    summary="Hadley's temperature + dew point rule: % pace slow-down from T + Td in degF",
    citation="Hadley's temperature + dew point pace rule (2013)",
    equation="S = T_F + Td_F; slow-down = interp(S, [100,110,...,180], [0,0.5,1,2,3,4.5,6,8,10]) %; "
             "band = the published range containing S; half for repeats",
    equation_latex=r"S = T_{\degree F} + T_{d,\degree F},\quad s = \mathrm{interp}(S;\ 100\ldots180;\ "
                   r"0, 0.5, 1, 2, 3, 4.5, 6, 8, 10\,\%)",
    inputs=[inp("temperature", "degC", "air temperature", valid_max=43.5, **TEMPERATURE_RANGE),
            inp("dew_point", "degC", "dew point (<= temperature)", valid_max=35.0, **TEMPERATURE_RANGE),
            inp("effort", "1", "steady running, or repeats (400 m-mile) which get half the adjustment",
                dtype="str", choices=list(EFFORT_FACTORS), default="steady")],
    outputs=[out("slowdown_pct", "%", "pace slow-down, linear inside the band", tolerance=0.01),
             out("slowdown_low_pct", "%", "lower edge of the published band", tolerance=0.01),
             out("slowdown_high_pct", "%", "upper edge of the published band", tolerance=0.01),
             out("tdp_sum", "1", "temperature + dew point in degF", tolerance=0.05)],
    references=[ref("Hadley 2013", "Hadley M. (2013) Adjusting pace for heat and humidity. Maximum Performance "
                    "Running, 24 July 2013")],
    assumptions=["the published bands are ranges; the point value interpolates linearly inside a band "
                 "(design choice), so 145 degF gives 3.75 % inside the 3.0-4.5 % band",
                 "repeats (400 m to mile) get half the adjustment, as the source advises"],
    validity=["a coach's rule of thumb, not a fitted model",
              "sums above 180 degF: hard running is not recommended; the last band's slope is extrapolated"],
)
def hadley(temperature, dew_point, effort="steady"):
    r"""Hadley's temperature + dew point pace adjustment.

    :math:`S = T + T_d` in degF. Bands (S: slow-down): <=100: 0 %; 101-110: 0-0.5 %;
    111-120: 0.5-1.0 %; 121-130: 1-2 %; 131-140: 2-3 %; 141-150: 3-4.5 %;
    151-160: 4.5-6 %; 161-170: 6-8 %; 171-180: 8-10 %; >180: not recommended.
    The point value is linear between the band edges (design choice).

    Parameters
    ----------
    temperature : float or array-like
        [degC].
    dew_point : float or array-like
        [degC], not above ``temperature``.
    effort : {'steady', 'repeats'}
        Repeats get half the adjustment.

    Returns
    -------
    slowdown_pct, slowdown_low_pct, slowdown_high_pct : float or ndarray
        [%].
    tdp_sum : float or ndarray
        :math:`S` [degF].

    Examples
    --------
    Hadley's worked example, 74 degF with a 71 degF dew point:

    >>> [round(x, 2) for x in hadley((74 - 32) / 1.8, (71 - 32) / 1.8)]
    [3.75, 3.0, 4.5, 145.0]
    """
    check_dew_point(temperature, dew_point)
    s = _f(temperature) + _f(dew_point)
    if np.any(s > HADLEY_MAX_SUM):
        warnings.warn(f"temperature + dew point = {float(np.max(s)):.0f} degF is above 180 degF: Hadley "
                      "advises against hard running; the adjustment is extrapolated", ValidityWarning,
                      stacklevel=2)
    k = EFFORT_FACTORS[effort]
    low, high = hadley_band(s)
    return (_unwrap(k * np.asarray(hadley_pct(s))), _unwrap(k * np.asarray(low)),
            _unwrap(k * np.asarray(high)), _unwrap(s))


#: Ely et al. (2007): % slower than the course record, top-3 finishers, by WBGT quartile
ELY_QUARTILE_UPPER = (10.0, 15.0, 20.0)      # degC WBGT: Q1 5.1-10, Q2 10.1-15, Q3 15.1-20, Q4 20.1-25
ELY_TOP3 = {"men": (1.7, 2.5, 3.3, 4.5), "women": (3.2, 3.2, 3.8, 5.4)}
ELY_TOP3_SD_MEN = (1.5, 2.1, 2.0, 2.3)


def ely_quartile(wbgt):
    """Ely WBGT quartile 1-4 (Q1 <= 10, Q2 <= 15, Q3 <= 20 degC, Q4 above)."""
    q = np.searchsorted(ELY_QUARTILE_UPPER, np.asarray(wbgt, dtype=float), side="left") + 1
    return int(q) if np.ndim(q) == 0 else q


@model(
    name="heat.ely_wbgt", version="1.0.0", family="heat",
    summary="Ely et al. (2007) marathon slow-down by WBGT quartile (top-3 finishers, men or women)",
    citation="Ely et al.'s marathon weather analysis (2007)",
    equation="Q = quartile(WBGT: <=10, <=15, <=20, >20 degC); slow-down = s_Q - s_Q1, "
             "s = men 1.7, 2.5, 3.3, 4.5 %; women 3.2, 3.2, 3.8, 5.4 % (vs course record)",
    equation_latex=r"s = s_{Q(WBGT)} - s_{Q1}",
    inputs=[inp("wbgt", "degC", "wet-bulb globe temperature during the race", valid_min=5.0, valid_max=25.0,
                **TEMPERATURE_RANGE),
            inp("sex", "1", "men or women", dtype="str", choices=list(ELY_TOP3), default="men")],
    outputs=[out("slowdown_pct", "%", "slow-down relative to the coolest quartile (5-10 degC WBGT)", tolerance=0.01),
             out("slowdown_vs_record_pct", "%", "published mean slow-down versus the course record", tolerance=0.01),
             out("quartile", "1", "WBGT quartile 1-4")],
    references=[ref("Ely 2007", "Ely M.R., Cheuvront S.N., Roberts W.O., Montain S.J. (2007) Impact of weather "
                    "on marathon-running performance. Med. Sci. Sports Exerc. 39(3):487-493",
                    doi="10.1249/mss.0b013e31802d3aba")],
    assumptions=["the published quartile means are steps (no interpolation between quartiles)",
                 "the heat effect is the difference to the coolest quartile (5-10 degC WBGT), which is "
                 "taken as ideal conditions",
                 "values for the top-3 finishers; slower runners slow more (not modelled)"],
    validity=["seven marathons 1980s-2000s, WBGT 5-25 degC; outside that range the end quartile is used",
              "men's top-3 standard deviations are 1.5-2.3 %: large individual spread"],
)
def ely_wbgt(wbgt, sex="men"):
    r"""Marathon slow-down by WBGT quartile (Ely et al. 2007, top-3 finishers).

    Published mean % slower than the course record: men 1.7, 2.5, 3.3, 4.5; women
    3.2, 3.2, 3.8, 5.4 for WBGT quartiles Q1 5.1-10, Q2 10.1-15, Q3 15.1-20,
    Q4 20.1-25 degC. The heat slow-down is :math:`s_Q - s_{Q1}`.

    Parameters
    ----------
    wbgt : float or array-like
        [degC].
    sex : {'men', 'women'}

    Returns
    -------
    slowdown_pct : float or ndarray
        Relative to Q1 [%].
    slowdown_vs_record_pct : float or ndarray
        As published [%].
    quartile : int or ndarray
        1-4.

    Examples
    --------
    >>> [round(x, 2) for x in ely_wbgt(22.0, "men")]
    [2.8, 4.5, 4]
    """
    vals = np.asarray(ELY_TOP3[sex])
    q = np.asarray(ely_quartile(wbgt))
    rec = vals[q - 1]
    return _unwrap(rec - vals[0]), _unwrap(rec), (int(q) if np.ndim(q) == 0 else q)


#: John Davis heat-adjusted pace: heat index (degC) -> additive log-speed adjustment
DAVIS_HI = (9.0, 10.0, 15.0, 20.0, 25.0, 30.0, 35.0, 40.0, 45.0)
DAVIS_LOGSPEED = (0.0, -0.0002, -0.0049, -0.0146, -0.0257, -0.0382, -0.0526, -0.0680, -0.0835)


@model(
    name="heat.davis_heat_index", version="1.0.0", family="heat",
    summary="John Davis's data-driven marathon slow-down by heat index (log-speed table)",
    citation="John Davis's heat-adjusted pace model (Running Writings, 2025)",
    equation="adj = interp(HI, [9,10,15,...,45], [0,-0.0002,-0.0049,-0.0146,-0.0257,-0.0382,-0.0526,-0.0680,"
             "-0.0835]) (0 below 9 degC, linear above 45); slow-down = (exp(-adj) - 1) * 100 %",
    equation_latex=r"\ln v_{hot} = \ln v + \Delta(HI),\quad s = \left(e^{-\Delta(HI)} - 1\right)\cdot 100\,\%",
    inputs=[inp("heat_index", "degC", "heat index (NOAA)", valid_max=45.0, **TEMPERATURE_RANGE)],
    outputs=[out("logspeed_adjustment", "1", "additive change of log speed (negative: slower)", tolerance=1e-5),
             out("slowdown_pct", "%", "pace slow-down", tolerance=0.01)],
    references=[ref("Davis 2025", "Davis J.J. heat-adjusted-pace calculator (Running Writings, MIT), "
                    "analysis/heat_adjusted_C.txt, 2025-09-04",
                    url="https://github.com/johnjdavisiv/heat-adjusted-pace"),
                ref("Mantzios 2022", "Mantzios K., Ioannou L.G., Panagiotaki Z. et al. (2022) Effects of weather "
                    "parameters on endurance running performance: discipline-specific analysis of 1258 races. "
                    "Med. Sci. Sports Exerc. 54(1):153-161", doi="10.1249/MSS.0000000000002769")],
    assumptions=["the table is linear between 5 degC steps of heat index",
                 "heat index at or below the optimum (about 9 degC) gives no adjustment (cold not modelled)"],
    validity=["fitted to marathon results (3,891 runners, 754 races); heat index 10-45 degC tabulated, "
              "linear extrapolation above"],
)
def davis_heat_index(heat_index):
    r"""Heat slow-down from the heat index (John Davis's marathon GAM, tabulated).

    :math:`\Delta` is interpolated linearly in the table
    (:data:`DAVIS_HI`, :data:`DAVIS_LOGSPEED`), 0 at or below 9 degC and extrapolated
    linearly above 45 degC. Hot speed :math:`v e^{\Delta}`, so the pace slow-down is
    :math:`(e^{-\Delta} - 1)\cdot 100` %.

    Parameters
    ----------
    heat_index : float or array-like
        [degC].

    Returns
    -------
    logspeed_adjustment : float or ndarray
        :math:`\Delta` [1].
    slowdown_pct : float or ndarray
        [%].

    Examples
    --------
    >>> round(davis_heat_index(30.0)[1], 3)
    3.894
    """
    hi = np.asarray(heat_index, dtype=float)
    adj = np.interp(hi, DAVIS_HI, DAVIS_LOGSPEED)
    slope = (DAVIS_LOGSPEED[-1] - DAVIS_LOGSPEED[-2]) / (DAVIS_HI[-1] - DAVIS_HI[-2])
    adj = np.where(hi > DAVIS_HI[-1], DAVIS_LOGSPEED[-1] + slope * (hi - DAVIS_HI[-1]), adj)
    return _unwrap(adj), _unwrap((np.exp(-adj) - 1.0) * 100.0)


# =============================================================================================
# WBGT estimate and pace application
# =============================================================================================
BOM_WBGT_EXPR = "0.567*t + 0.393*(RH/100)*6.105*exp(17.27*t/(237.7 + t)) + 3.94"


@model(
    name="heat.wbgt_bom", version="1.0.0", family="heat",
    summary="WBGT estimated from temperature and humidity (Australian Bureau of Meteorology formula)",
    citation="Australian Bureau of Meteorology WBGT approximation",
    equation="WBGT = 0.567 t + 0.393 e + 3.94, e = RH/100 * 6.105 exp(17.27 t / (237.7 + t)) [hPa]",
    equation_latex=r"WBGT = 0.567\,t + 0.393\,e + 3.94",
    inputs=[inp("temperature", "degC", "air temperature t", valid_min=10.0, valid_max=45.0, **TEMPERATURE_RANGE),
            inp("humidity", "%", "relative humidity", **HUMIDITY_RANGE)],
    outputs=[out("wbgt", "degC", "estimated wet-bulb globe temperature", tolerance=0.05)],
    references=[ref("BoM", "Australian Bureau of Meteorology, About the WBGT and Apparent Temperature indices",
                    url="http://www.bom.gov.au/info/thermal_stress/")],
    assumptions=["moderately high solar radiation and light wind are built into the constants; sun, shade and "
                 "wind are otherwise ignored"],
    validity=["an approximation: measured WBGT can differ by several degC in full sun or strong wind",
              "formula recalled from the Bureau's documentation, not re-checked against its text here"],
)
def wbgt_bom(temperature, humidity):
    r"""Approximate WBGT from air temperature and relative humidity.

    .. math:: WBGT = 0.567\,t + 0.393\,e + 3.94,\qquad
              e = \frac{RH}{100}\,6.105\,\exp\!\left(\frac{17.27\,t}{237.7 + t}\right)\ \mathrm{hPa}

    Examples
    --------
    >>> round(wbgt_bom(25.0, 50.0), 2)
    24.32
    """
    t = np.asarray(temperature, dtype=float)
    e = np.asarray(humidity, dtype=float) / 100.0 * 6.105 * np.exp(17.27 * t / (237.7 + t))
    return _unwrap(0.567 * t + 0.393 * e + 3.94)


@model(
    name="heat.adjusted_pace", version="1.0.0", family="heat",
    summary="Apply a percentage slow-down to a pace",
    citation="percentage pace adjustment",
    equation="adjusted_pace = pace * (1 + slowdown_pct / 100)",
    equation_latex=r"p_{adj} = p\left(1 + \frac{s}{100}\right)",
    inputs=[inp("pace", "s/km", "pace in cool conditions", **_PACE),
            inp("slowdown_pct", "%", "slow-down in percent of time", min=0.0, max=100.0, valid_max=20.0)],
    outputs=[out("adjusted_pace", "s/km", "pace in the heat", tolerance=0.6)],
    references=[ref("Hadley 2013", "Hadley M. (2013) Adjusting pace for heat and humidity. Maximum Performance "
                    "Running, 24 July 2013")],
    assumptions=["the slow-down applies to the whole run evenly"],
    validity=["exact arithmetic"],
)
def adjusted_pace(pace, slowdown_pct):
    r"""Pace after a slow-down: :math:`p (1 + s/100)`.

    A slow-down is never negative: heat never makes a pace faster.

    Examples
    --------
    >>> round(adjusted_pace(420.0, 3.0), 1)
    432.6
    """
    s = np.asarray(slowdown_pct, dtype=float)
    if np.any(s < 0):
        raise InvalidValueError.out_of_range("slowdown_pct", float(s.min()), 0.0, 100.0, "%")
    return _unwrap(np.asarray(pace, dtype=float) * (1.0 + s / 100.0))
