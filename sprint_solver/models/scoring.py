"""Scoring tables for running events: World Athletics points and combined-events points.

World Athletics scoring tables (Spiriev "Hungarian" tables), track and road running::

    points = floor(cf * (T + resultShift)^2 + pointShift),   0 when T + resultShift >= 0

Combined events (decathlon/heptathlon tables, IAAF 2001)::

    points = floor(A * (B - T)^C),   0 when T >= B

Hand times get +0.24 s (up to 200 m and hurdles up to 110 m) or +0.14 s (300-500 m and
400 m hurdles) before scoring, as in the tables' instructions.

Coefficients are those of GlaivePro/IaafPoints (MIT; resources/iaaf/2017.php, 2022.php,
resources/combined/2001.php), which reproduce rows transcribed from the World Athletics
PDFs (tests/Wa2022Test.php: every running event at 842 points in 2022). Only running events
are included (no relays, race walks or field events).

References
----------
.. [1] World Athletics (2022) Scoring Tables of Athletics, 2022 revised edition; IAAF (2017)
       Scoring Tables of Athletics.
.. [2] IAAF (2001) Scoring Tables for Combined Events.
.. [3] GlaivePro/IaafPoints, PHP library (MIT): coefficient files and table-derived tests.
"""
from __future__ import annotations

import copy

import numpy as np

from ..errors import InvalidValueError
from ..quantities import floor_points
from .base import inp, model, out, ref
from .base import unwrap as _unwrap

# (resultShift, conversionFactor) per event; pointShift is 0 for every running event
_WA_2022: dict[str, dict[str, dict[str, tuple[float, float]]]] = {
    "outdoor": {
        "men": {
            "100m": (-17, 24.63), "200m": (-35.5, 5.08), "300m": (-57.2, 1.83), "400m": (-79, 1.021),
            "500m": (-104, 0.585), "600m": (-129.5, 0.3857), "800m": (-182, 0.198),
            "1000m": (-237.5, 0.1123), "1500m": (-385, 0.04066), "mile": (-415, 0.0351),
            "2000m": (-528, 0.02181), "3000m": (-840, 0.00815), "2miles": (-904.8, 0.00703),
            "5000m": (-1440, 0.002778), "10000m": (-3150, 0.000524),
            "110mH": (-25.8, 7.66), "400mH": (-95.5, 0.546),
            "2000mSt": (-660, 0.01023), "3000mSt": (-1020, 0.004316),
            "5km": (-1440, 0.002778), "10km": (-3150, 0.000524), "15km": (-4868, 0.0002162),
            "10miles": (-5250, 0.0001852), "20km": (-6702, 0.00010856),
            "half_marathon": (-7140, 0.0000947), "25km": (-8726, 0.0000616),
            "30km": (-10824, 0.0000389), "marathon": (-16200, 0.00001645),
            "100km": (-48600, 0.000001765),
        },
        "women": {
            "100m": (-22, 9.92), "200m": (-45.5, 2.242), "300m": (-77, 0.7), "400m": (-110, 0.335),
            "500m": (-145.5, 0.1876), "600m": (-180, 0.129), "800m": (-250, 0.0688),
            "1000m": (-330, 0.0382), "1500m": (-540, 0.0134), "mile": (-580, 0.01165),
            "2000m": (-750, 0.006766), "3000m": (-1200, 0.002539), "2miles": (-1296.3, 0.002157),
            "5000m": (-2100, 0.000808), "10000m": (-4500, 0.0001712),
            "100mH": (-30, 3.98), "400mH": (-130, 0.208567),
            "2000mSt": (-932, 0.003636), "3000mSt": (-1510, 0.001323),
            "5km": (-2100, 0.000808), "10km": (-4500, 0.0001712), "15km": (-7289, 0.0000595),
            "10miles": (-7904, 0.00005016), "20km": (-10154, 0.00002956),
            "half_marathon": (-10798, 0.00002596), "25km": (-12966, 0.0000181),
            "30km": (-15783, 0.00001229), "marathon": (-22800, 0.00000595),
            "100km": (-61200, 0.000000874),
        },
    },
    "indoor": {
        "men": {
            "50m": (-9.2, 95.8), "55m": (-10, 78.9), "60m": (-10.7, 68.6), "200m": (-36, 5.04),
            "300m": (-58, 1.803), "400m": (-80.6, 0.981), "500m": (-106, 0.565), "600m": (-131, 0.39),
            "800m": (-184, 0.1974), "1000m": (-240, 0.1139), "1500m": (-386, 0.042),
            "mile": (-415, 0.0369), "2000m": (-528, 0.0226), "3000m": (-840, 0.008322),
            "2miles": (-907, 0.00721), "5000m": (-1440, 0.0029),
            "50mH": (-12.35, 34.2), "55mH": (-13.35, 30.07), "60mH": (-14.6, 23.9),
        },
        "women": {
            "50m": (-12.1, 33.03), "55m": (-13.15, 27.68), "60m": (-14, 24.9), "200m": (-47.5, 1.962),
            "300m": (-79, 0.6595), "400m": (-112, 0.3224), "500m": (-150.5, 0.1714),
            "600m": (-190.35, 0.1063), "800m": (-264, 0.0572), "1000m": (-340.4, 0.03473),
            "1500m": (-540, 0.01365), "mile": (-585.5, 0.01154), "2000m": (-752.2, 0.00685),
            "3000m": (-1200, 0.00259), "2miles": (-1296.3, 0.002202), "5000m": (-2100, 0.000825),
            "50mH": (-15.3, 16.2), "55mH": (-16.8, 13.19), "60mH": (-18.2, 11.16),
        },
    },
}


def _edition_2017() -> dict[str, dict[str, dict[str, tuple[float, float]]]]:
    """2017 = 2022 except the rows the 2022 revision changed (and no 500 m / 5 km road outdoors)."""
    t = copy.deepcopy(_WA_2022)
    men, women = t["outdoor"]["men"], t["outdoor"]["women"]
    for ev in ("500m", "5km"):
        del men[ev], women[ev]
    men.update({"600m": (-131, 0.367), "1000m": (-240, 0.1074), "10km": (-3150, 0.00052841),
                "20km": (-6629, 0.0001147), "half_marathon": (-7020, 0.000102), "25km": (-8536, 0.00006765),
                "30km": (-10531, 0.00004353), "marathon": (-15600, 0.0000191)})
    women.update({"600m": (-184, 0.1192), "2000mSt": (-880, 0.0045), "10km": (-4500, 0.0001742),
                  "15km": (-6905, 0.0000732), "10miles": (-7438, 0.000063), "20km": (-9357, 0.0000396),
                  "half_marathon": (-9900, 0.0000353), "25km": (-12144, 0.0000228),
                  "30km": (-15123, 0.00001426)})
    return t


#: edition -> venue -> sex -> event -> (resultShift, conversionFactor)
WA_TABLES = {"2022": _WA_2022, "2017": _edition_2017()}
WA_DEFAULT_EDITION = "2022"

#: hand-time offsets added before scoring [s]
HAND_OFFSET_024 = frozenset({"50m", "55m", "60m", "100m", "200m", "50mH", "55mH", "60mH", "100mH", "110mH"})
HAND_OFFSET_014 = frozenset({"300m", "400m", "500m", "400mH"})
#: the combined-events calculator applies the same rule to its events
COMBINED_HAND_024 = frozenset({"60m", "100m", "200m", "60mH", "100mH", "110mH"})
COMBINED_HAND_014 = frozenset({"400m"})

#: sex -> event -> (A, B, C): points = floor(A (B - T)^C)
COMBINED_TABLES: dict[str, dict[str, tuple[float, float, float]]] = {
    "men": {"60m": (58.015, 11.5, 1.81), "100m": (25.4347, 18.0, 1.81), "200m": (5.8425, 38.0, 1.81),
            "400m": (1.53775, 82.0, 1.81), "1000m": (0.08713, 305.5, 1.85), "1500m": (0.03768, 480.0, 1.85),
            "60mH": (20.5173, 15.5, 1.92), "110mH": (5.74352, 28.5, 1.92)},
    "women": {"100m": (17.857, 21.0, 1.81), "200m": (4.99087, 42.5, 1.81), "400m": (1.34285, 91.7, 1.81),
              "800m": (0.11193, 254.0, 1.88), "60mH": (20.0479, 17.0, 1.835), "100mH": (9.23076, 26.7, 1.835)},
}

#: every event key, in the order the tables print them
EVENT_ORDER = ("50m", "55m", "60m", "100m", "200m", "300m", "400m", "500m", "600m", "800m", "1000m", "1500m",
               "mile", "2000m", "3000m", "2miles", "5000m", "10000m", "50mH", "55mH", "60mH", "100mH", "110mH",
               "400mH", "2000mSt", "3000mSt", "5km", "10km", "15km", "10miles", "20km", "half_marathon", "25km",
               "30km", "marathon", "100km")
WA_EVENTS = [e for e in EVENT_ORDER if any(e in s for ed in WA_TABLES.values() for v in ed.values() for s in v.values())]
COMBINED_EVENTS = [e for e in EVENT_ORDER if any(e in s for s in COMBINED_TABLES.values())]

_REF_WA = ref("World Athletics scoring tables 2022", "World Athletics (2022) Scoring Tables of Athletics, "
              "2022 revised edition; IAAF (2017) Scoring Tables of Athletics",
              url="https://worldathletics.org/about-iaaf/documents/technical-information")
_REF_GLAIVE = ref("GlaivePro IaafPoints", "GlaivePro/IaafPoints (MIT): resources/iaaf/2017.php, 2022.php, "
                  "resources/combined/2001.php and table-derived tests",
                  url="https://github.com/GlaivePro/IaafPoints")
_REF_CE = ref("IAAF combined events 2001", "IAAF (2001) Scoring Tables for Combined Events")


def wa_coefficients(event: str, sex: str, venue: str = "outdoor", edition: str = WA_DEFAULT_EDITION) -> tuple[float, float]:
    """``(resultShift, conversionFactor)`` of one table row; InvalidValueError if the table has none."""
    try:
        rows = WA_TABLES[edition][venue][sex]
    except KeyError:
        raise InvalidValueError(f"no World Athletics table for edition={edition!r}, venue={venue!r}, sex={sex!r}",
                                parameter="edition", value=edition) from None
    if event not in rows:
        raise InvalidValueError(f"the {edition} {venue} {sex}'s table has no event {event!r}; "
                                f"events: {[e for e in EVENT_ORDER if e in rows]}",
                                parameter="event", value=event)
    return rows[event]


def hand_offset(event: str, combined: bool = False) -> float:
    """Seconds added to a hand time before scoring (0 for events without a correction)."""
    if combined:
        return 0.24 if event in COMBINED_HAND_024 else 0.14 if event in COMBINED_HAND_014 else 0.0
    return 0.24 if event in HAND_OFFSET_024 else 0.14 if event in HAND_OFFSET_014 else 0.0


@model(
    name="scoring.wa_points", version="1.0.0", family="scoring",
    summary="World Athletics scoring-table points for a running result (2017 and 2022 editions)",
    citation="the World Athletics scoring tables (Spiriev; 2017 and 2022 editions)",
    equation="points = floor(cf * (T + shift)^2), 0 when T + shift >= 0; T = time (+0.24 s or +0.14 s if hand timed)",
    equation_latex=r"P = \left\lfloor c_f\,(T + s)^2 \right\rfloor,\ P = 0\ \text{if}\ T + s \ge 0",
    inputs=[inp("time", "s", "performance time", min=1.0, max=100000.0),
            inp("event", "1", "event key", dtype="str", choices=WA_EVENTS),
            inp("sex", "1", "men or women", dtype="str", choices=["men", "women"], default="men"),
            inp("venue", "1", "outdoor or indoor tables", dtype="str", choices=["outdoor", "indoor"],
                default="outdoor"),
            inp("edition", "1", "table edition", dtype="str", choices=sorted(WA_TABLES), default=WA_DEFAULT_EDITION),
            inp("hand_timed", "1", "true for a hand-timed result", dtype="bool", default=False)],
    outputs=[out("points", "points", "table points (truncated)", tolerance=0.5),
             out("points_exact", "points", "points before truncation", tolerance=1e-6),
             out("time_scored", "s", "time used for scoring (with the hand-timing offset)", tolerance=1e-9)],
    references=[_REF_WA, _REF_GLAIVE],
    assumptions=["points are truncated, not rounded", "results slower than the zero-point score 0"],
    validity=["coefficients reproduce the published table rows (GlaivePro tests; 842 points for every 2022 running event)",
              "road events are scored on the road tables; no wind or course adjustments"],
)
def wa_points(time, event, sex="men", venue="outdoor", edition=WA_DEFAULT_EDITION, hand_timed=False):
    r"""World Athletics scoring-table points.

    .. math:: P = \lfloor c_f (T + s)^2 \rfloor \ \ (P = 0 \text{ if } T + s \ge 0)

    where :math:`T` is the time plus 0.24 s (sprints and hurdles up to 200 m) or 0.14 s
    (300-500 m, 400 m hurdles) when hand timed.

    Parameters
    ----------
    time : float or array-like
        Performance [s].
    event : str
        Event key, e.g. ``'100m'``, ``'110mH'``, ``'mile'``, ``'half_marathon'``.
    sex : {'men', 'women'}
    venue : {'outdoor', 'indoor'}
    edition : {'2017', '2022'}
    hand_timed : bool

    Returns
    -------
    points : int or ndarray
        Truncated points.
    points_exact : float or ndarray
        Points before truncation (0 past the zero point).
    time_scored : float or ndarray
        Time scored [s].

    Examples
    --------
    >>> wa_points(10.71, "100m", edition="2017")[0]
    974
    """
    shift, cf = wa_coefficients(event, sex, venue, edition)
    t = np.asarray(time, dtype=float) + (hand_offset(event) if hand_timed else 0.0)
    x = t + shift
    exact = np.where(x >= 0, 0.0, np.maximum(cf * x * x, 0.0))
    return floor_points(exact), _unwrap(exact), _unwrap(t)


@model(
    name="scoring.combined_points", version="1.0.0", family="scoring",
    summary="Combined-events (decathlon/heptathlon) points for a running event, A (B - T)^C",
    citation="the IAAF combined-events scoring tables (2001)",
    equation="points = floor(A * (B - T)^C), 0 when T >= B; T = time (+0.24 s or +0.14 s if hand timed)",
    equation_latex=r"P = \left\lfloor A\,(B - T)^C \right\rfloor",
    inputs=[inp("time", "s", "performance time", min=1.0, max=10000.0),
            inp("event", "1", "event key", dtype="str", choices=COMBINED_EVENTS),
            inp("sex", "1", "men or women", dtype="str", choices=["men", "women"], default="men"),
            inp("hand_timed", "1", "true for a hand-timed result", dtype="bool", default=False)],
    outputs=[out("points", "points", "points (truncated)", tolerance=0.5),
             out("points_exact", "points", "points before truncation", tolerance=1e-6),
             out("time_scored", "s", "time used for scoring (with the hand-timing offset)", tolerance=1e-9)],
    references=[_REF_CE, _REF_GLAIVE],
    assumptions=["points are truncated, not rounded"],
    validity=["men: 60 m, 100 m, 200 m, 400 m, 1000 m, 1500 m, 60 m H, 110 m H; "
              "women: 100 m, 200 m, 400 m, 800 m, 60 m H, 100 m H"],
)
def combined_points(time, event, sex="men", hand_timed=False):
    r"""Combined-events points.

    .. math:: P = \lfloor A (B - T)^C \rfloor\ \ (P = 0 \text{ if } T \ge B)

    Parameters
    ----------
    time : float or array-like
        [s].
    event : str
        Event key (see :data:`COMBINED_TABLES`).
    sex : {'men', 'women'}
    hand_timed : bool
        Adds 0.24 s (60 m, 100 m, 200 m, hurdles) or 0.14 s (400 m).

    Returns
    -------
    points, points_exact, time_scored

    Examples
    --------
    >>> combined_points(10.395, "100m")[0]
    1000
    """
    rows = COMBINED_TABLES[sex]
    if event not in rows:
        raise InvalidValueError(f"the {sex}'s combined-events tables have no event {event!r}; "
                                f"events: {[e for e in EVENT_ORDER if e in rows]}",
                                parameter="event", value=event)
    A, B, C = rows[event]
    t = np.asarray(time, dtype=float) + (hand_offset(event, combined=True) if hand_timed else 0.0)
    x = B - t
    exact = np.where(x <= 0, 0.0, A * np.maximum(x, 0.0) ** C)
    return floor_points(exact), _unwrap(exact), _unwrap(t)
