"""Natural-language questions -> structured requests (placeholder: wind only).

Interface used by :mod:`.core`: ``parse_question(text) -> ParsedRequest``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import UnsupportedQuestionError


@dataclass
class ParsedRequest:
    calculation: str
    params: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    #: (amount, reason) confidence penalty for parse ambiguity, or None
    penalty: tuple[float, str] | None = None
    options: dict[str, Any] = field(default_factory=dict)


def parse_question(text: str) -> ParsedRequest:
    t = text.lower()
    m = re.search(r"(\d+(?:\.\d+)?)\s*s?\s*100\s*m", t)
    w = re.search(r"([-+]?\d+(?:\.\d+)?)\s*m/s\s*(head|tail)?", t)
    if m and w:
        wind = float(w.group(1))
        if w.group(2) == "head":
            wind = -abs(wind)
        return ParsedRequest("wind_correction", {"time": float(m.group(1)), "wind": wind,
                                                 "direction": "from_still_air"})
    raise UnsupportedQuestionError("I could not find a calculation in that question")
