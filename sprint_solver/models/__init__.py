"""The model library: one module per family of pure, vectorised physics functions.

Importing a family module registers its models (see :mod:`.base`). The solver and
the registry call :func:`load_all` so every family is available.
"""
from __future__ import annotations

import importlib

#: family modules, in the order the README lists them
FAMILY_MODULES = (
    "wind", "atmosphere", "heat", "grade", "body", "sprint_profile",
    "equivalence", "scoring", "timing", "pacing", "fitted",
)
_loaded = False


def load_all() -> None:
    """Import every family module once (registers their models)."""
    global _loaded
    if _loaded:
        return
    for name in FAMILY_MODULES:
        importlib.import_module(f"{__name__}.{name}")
    _loaded = True
