"""Fixtures for the trio tests: a real OpenAI-compatible server on 127.0.0.1 and small runs."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from sprint_solver.trios.testing import FakeOpenAIServer

WIND = ["wind_correction"]


@pytest.fixture()
def fake_server():
    with FakeOpenAIServer(retry_after="0", timeout_delay_s=1.5) as srv:
        yield srv


def dedupe_counts(gen, n: int, key) -> tuple["Counter", "Counter"]:
    """Questions 0..n-1 of ``gen`` through near-duplicate removal: per ``key(query)`` (None = not
    counted), how many there were and how many were dropped as duplicates."""
    from collections import Counter

    from sprint_solver.trios.dedupe import Deduplicator

    d = Deduplicator(n)
    total, dups = Counter(), Counter()
    for i in range(n):
        qy = gen.query(i)
        dup = d.check(i, qy.text) is not None
        k = key(qy)
        if k is not None:
            total[k] += 1
            dups[k] += dup
    return total, dups


def read_lines(path: Path) -> list[str]:
    return path.read_text("utf-8").splitlines() if path.exists() else []


def all_indices(out: Path) -> list[int]:
    from sprint_solver.trios.records import index_of_line

    return [index_of_line(line) for f in ("trios.jsonl", "rejected.jsonl", "duplicates.jsonl")
            for line in read_lines(out / f)]


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in read_lines(path)]
