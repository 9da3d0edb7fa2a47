"""Calculation types, one module per family (see :mod:`.base`)."""
from __future__ import annotations

import importlib

from .base import CALCULATIONS, Calculation, Context, calculation

#: calculation modules; importing one registers its calculations
MODULES = ("wind", "atmosphere", "heat", "grade", "body", "sprint_profile", "equivalence",
           "scoring", "timing", "pacing", "lanes", "composite")
_loaded = False


def load_all() -> dict[str, Calculation]:
    global _loaded
    if not _loaded:
        for m in MODULES:
            importlib.import_module(f"{__name__}.{m}")
        _loaded = True
    return CALCULATIONS


__all__ = ["CALCULATIONS", "Calculation", "Context", "calculation", "load_all"]
