"""Arbitrary text never crashes the solver: it answers or raises a SolverError."""
from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sprint_solver import SolverError, solve
from sprint_solver.solver.parse import parse_question

SETTINGS = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])

# words and numbers from the solver's vocabulary, to reach deep into the parser
VOCAB = ["100m", "200m", "5K", "marathon", "half", "mile", "10.0", "9.58", "+2.0", "-1.5", "2 m/s", "headwind",
         "tailwind", "into", "wind", "altitude", "1500m", "7000 ft", "Mexico City", "Sestriere", "sea level", "8:30",
         "8:30/mi", "5:00/km", "pace", "per", "1:45:00", "3:30", "25°C", "77F", "dew point", "60%", "humidity",
         "grade", "5%", "uphill", "gain", "300 m", "6x400m", "repeats", "times", "at", "1:30", "rest", "splits",
         "lane", "lane 8", "hand timed", "FAT", "reaction", "0.099", "points", "decathlon", "VDOT", "easy",
         "predict", "70 kg", "180 cm", "5'10\"", "?", "what", "is", "the", "in", "with", "still air", "0", "-0",
         "99999999999999999999", "1e308", "nan", "inf", ":", "::", "-", "+", "°", "x", "1:99", "99:99", "0:00",
         "0.000", "-10.0", "10.0s", "km/h", "mph", "hPa", "sub 3", "women's", "men", "{", "}", "\u2212", "\u00b0F"]

texts = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=string.printable, max_size=120),
    st.lists(st.sampled_from(VOCAB), min_size=1, max_size=14).map(" ".join),
)


def _only_solver_error(fn, text):
    try:
        fn(text)
    except SolverError:
        pass


@SETTINGS
@given(texts)
def test_solve_arbitrary_text(text):
    _only_solver_error(solve, text)


@SETTINGS
@given(texts)
def test_parse_arbitrary_text(text):
    _only_solver_error(parse_question, text)


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["calculation", "params", "options", "query"]),
                       st.one_of(st.text(max_size=20), st.integers(), st.none(),
                                 st.dictionaries(st.text(max_size=10), st.one_of(st.text(max_size=10),
                                                                                st.floats(), st.integers())))))
def test_structured_arbitrary_mapping(req):
    _only_solver_error(solve, req)
