"""The fitted-model pipeline: raw results -> features -> fits -> registry artifacts.

``sprint-solver train [--data DIR] [--only NAME]`` runs :func:`.train.train`, which

1. streams the raw files of each dataset through :mod:`.ingest` (marks, winds, dates,
   venues -> altitude, with a documented rule and a count for every missing value),
2. builds the design of each model in :mod:`.features`,
3. fits it (one module per model: :mod:`.wind_fit`, :mod:`.altitude_fit`,
   :mod:`.heat_fit`, :mod:`.lanes_fit`, :mod:`.profile_fit`; :mod:`.grade_eval`
   evaluates published grade models), with grouped cross-validation and a seeded
   cluster bootstrap,
4. writes versioned registry cards (:mod:`.artifacts`) and markdown model cards.

Everything is seeded and rounded to 10 significant digits, so the same data and
seed give byte-identical artifacts.
"""
from __future__ import annotations

DEFAULT_SEED = 20240601
