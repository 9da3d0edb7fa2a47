"""Scaling past one machine: the same run through joblib's Dask backend on a real LocalCluster."""
from __future__ import annotations

import pytest

from sprint_solver.trios import RunConfig, run_trios

from .conftest import WIND, read_lines

distributed = pytest.importorskip("dask.distributed")


def _content(out):
    return {f: sorted(read_lines(out / f)) for f in ("trios.jsonl", "rejected.jsonl", "duplicates.jsonl")}


def test_dask_local_cluster_matches_a_local_run(tmp_path):
    base = dict(n=160, seed=3, calculations=WIND, progress=False, chunk_size=20)
    run_trios(RunConfig(out=str(tmp_path / "local"), workers=1, **base))
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None)
    try:
        with distributed.Client(cluster) as client:
            m = run_trios(RunConfig(out=str(tmp_path / "dask"), backend="dask", **base), client=client)
            # the work really ran on the cluster's workers
            assert sum(client.nthreads().values()) == 2
    finally:
        cluster.close()
    assert m["status"] == "complete" and m["counts"]["kept"] > 100
    assert _content(tmp_path / "dask") == _content(tmp_path / "local")


def test_dask_scheduler_address(tmp_path):
    """``--scheduler ADDRESS``: connect to a running scheduler by address."""
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None)
    try:
        m = run_trios(RunConfig(n=40, out=str(tmp_path / "addr"), seed=3, calculations=WIND, progress=False,
                                backend="dask", scheduler=cluster.scheduler_address))
    finally:
        cluster.close()
    assert m["status"] == "complete" and m["counts"]["kept"] + m["counts"]["rejected"] + m["counts"]["duplicates"] == 40
