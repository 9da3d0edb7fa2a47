"""Batch runs: questions -> (joblib loky / Dask workers) -> append-only JSONL + checkpoints.

Layout of a run directory::

    config.json       the run configuration and its fingerprint (written once)
    trios.jsonl       kept rows (Trio records), appended as chunks finish
    rejected.jsonl    rejected rows, same schema, with the failing check and reason
    duplicates.jsonl  questions dropped by de-duplication before any teacher call
    checkpoint.json   byte offsets of the three files + running statistics (atomic)
    manifest.json     the run manifest (at the end)
    README.md         the dataset card (at the end)
    cache.sqlite      teacher response cache (HTTP teacher)

Resume is exact: a row's id is ``<fingerprint[:8]>-<index>``, so it is the same on every
run of the same configuration. ``--resume`` truncates a partial last line (a kill -9
in the middle of a write), marks every index present in the three files as done,
re-counts the rows written after the last checkpoint, and continues with the indices
that are not done. It refuses when the configuration's fingerprint changed.
"""
from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections import deque
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import SolverError
from .config import RunConfig, diff_keys, fingerprint, fingerprint_material
from .dedupe import Deduplicator
from .queries import Mix, Query, QueryGenerator, load_questions
from .records import DuplicateRecord, index_of_line, row_id
from .worker import ChunkResult, Stats, gc_paused, process_chunk

log = logging.getLogger(__name__)

FILES = ("trios.jsonl", "rejected.jsonl", "duplicates.jsonl")


class RunError(SolverError):
    """A run cannot start or resume as asked."""

    error_type = "run_error"


# --- files ---------------------------------------------------------------------------------------
def write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def truncate_partial_line(path: Path) -> int:
    """Cut a file back to its last complete line; returns the bytes removed."""
    if not path.exists():
        return 0
    size = path.stat().st_size
    if size == 0:
        return 0
    with open(path, "rb+") as fh:
        pos = size
        block = 1 << 16
        while pos > 0:
            start = max(0, pos - block)
            fh.seek(start)
            chunk = fh.read(pos - start)
            nl = chunk.rfind(b"\n")
            if nl >= 0:
                keep = start + nl + 1
                break
            pos = start
        else:
            keep = 0
        if keep < size:
            fh.truncate(keep)
        return size - keep


def scan(path: Path, done: np.ndarray, offset: int, stats: Stats, kind: str) -> None:
    """Mark the indices present in ``path``; re-count rows written after ``offset``."""
    if not path.exists():
        return
    n = done.shape[0]
    with open(path, "rb") as fh:
        pos = 0
        for line in fh:
            idx = index_of_line(line)
            if idx is not None and idx < n:
                done[idx] = True
            if pos >= offset:
                if kind == "duplicates":
                    stats.duplicates += 1
                else:
                    stats.add_row(json.loads(line))
            pos += len(line)


# --- the run ---------------------------------------------------------------------------------------
class QuestionSource:
    """Generated questions, or a user file; ``query(i)`` for 0 <= i < n."""

    def __init__(self, cfg: RunConfig):
        self.user: list[Query] | None = None
        self.skipped: dict[str, str] = {}
        if cfg.questions:
            self.user = load_questions(cfg.questions)
            self.n = min(cfg.n, len(self.user)) if cfg.n else len(self.user)
            self.config = {"questions": str(cfg.questions), "count": len(self.user)}
            self.gen = None
        else:
            self.gen = QueryGenerator(cfg.seed, cfg.calculations,
                                      Mix(cfg.no_calculation, cfg.comparison, cfg.compound, tuple(cfg.complexity)))
            self.skipped = dict(self.gen.skipped)
            self.n = cfg.n
            self.config = self.gen.config()

    def query(self, i: int) -> Query:
        return self.user[i] if self.user is not None else self.gen.query(i)  # type: ignore[union-attr]


def run_trios(cfg: RunConfig, *, resume: bool = False, retry_failed: bool = False, api_key: str | None = None,
              client: Any = None, progress: Any = None) -> dict[str, Any]:
    """Generate trios as ``cfg`` says; returns the manifest (also written to ``manifest.json``).

    ``retry_failed`` (with ``resume``): questions whose teacher call failed (check ``teacher``:
    timeouts, 5xx after all retries, ...) are removed from ``rejected.jsonl`` and asked again.

    ``client``: a ``dask.distributed.Client`` for ``backend="dask"`` (default: connect to
    ``cfg.scheduler``). ``progress``: a tqdm-like object to report to (default: a tqdm bar
    when ``cfg.progress``).
    """
    t_start = time.time()
    _check_teacher(cfg)
    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    if cfg.teacher.kind != "template" and cfg.teacher.cache and not cfg.teacher.cache_path:
        cfg = cfg.model_copy(update={"teacher": cfg.teacher.model_copy(
            update={"cache_path": str(out / "cache.sqlite")})})
    source = QuestionSource(cfg)
    n = source.n
    material = fingerprint_material(cfg, source.config)
    fp = fingerprint(material)
    cfg_file = out / "config.json"
    resumes = 0
    if cfg_file.exists():
        prev = json.loads(cfg_file.read_text("utf-8"))
        if not resume:
            raise RunError(f"{out} already holds a run; pass --resume to continue it or choose a new --out")
        if prev.get("fingerprint") != fp:
            changed = diff_keys(prev.get("material", {}), material)
            raise RunError("refusing to resume: the configuration changed since the run started "
                           f"({', '.join(changed) or 'fingerprint'}); use a new --out for a new configuration")
    else:
        if any((out / f).exists() for f in FILES):
            raise RunError(f"{out} holds trio files but no config.json; refusing to mix runs")
        write_atomic(cfg_file, json.dumps({"fingerprint": fp, "config": cfg.model_dump(mode="json"),
                                           "material": material, "created": _now()}, indent=2) + "\n")
    ckpt_file = out / "checkpoint.json"
    stats = Stats()
    offsets = {f: 0 for f in FILES}
    if ckpt_file.exists():
        ck = json.loads(ckpt_file.read_text("utf-8"))
        stats = Stats.from_dict(ck.get("stats", {}))
        offsets.update(ck.get("offsets", {}))
        resumes = int(ck.get("resumes", 0)) + (1 if resume else 0)
    if retry_failed and resume:
        dropped = _drop_teacher_failures(out / "rejected.jsonl")
        if dropped:
            log.warning("retrying %d questions whose teacher call failed", dropped)
            # counts are rebuilt from the files
            offsets = {f: 0 for f in FILES}
            stats = Stats()
    done = np.zeros(n, dtype=bool)
    for f in FILES:
        p = out / f
        cut = truncate_partial_line(p)
        if cut:
            log.warning("%s: removed a partial last line (%d bytes) left by an interrupted write", p, cut)
        size = p.stat().st_size if p.exists() else 0
        if size < offsets[f]:
            raise RunError(f"{p} is shorter than the checkpoint says ({size} < {offsets[f]} bytes); "
                           "the file was edited or replaced, refusing to resume")
        scan(p, done, offsets[f], stats, f.split(".")[0])
    already = int(done.sum())

    handles = {f: open(out / f, "ab") for f in FILES}
    dup_queue: deque[tuple[int, bytes]] = deque()
    stop = threading.Event()
    status = {"value": "complete"}
    wcfg = {"run": cfg.model_dump(mode="json"), "fingerprint": fp}
    if api_key:
        wcfg["api_key"] = api_key
    wcfg["run"]["teacher"]["api_key"] = None
    dedup = Deduplicator(n, cfg.near_duplicates)
    chunk_size = cfg.resolved_chunk()

    def next_chunk(i: int) -> tuple[list[Query], int]:
        """Questions i, i+1, ... until a chunk is full: de-duplicated, not yet done."""
        chunk: list[Query] = []
        while i < n and len(chunk) < chunk_size:
            qy = source.query(i)
            d = dedup.check(i, qy.text)
            if d is not None:
                if not done[i]:
                    rec = DuplicateRecord(id=row_id(fp, i), query=qy.text, duplicate_of=row_id(fp, d.of),
                                          match=d.match, similarity=d.similarity)
                    dup_queue.append((i, rec.model_dump_json().encode() + b"\n"))
            elif not done[i]:
                chunk.append(qy)
            i += 1
        return chunk, i

    def tasks():
        from joblib import delayed

        i = 0
        while i < n and not stop.is_set():
            with gc_paused():
                chunk, i = next_chunk(i)
            if chunk and not stop.is_set():
                yield delayed(process_chunk)(wcfg, chunk)

    bar = progress
    own_bar = False
    if bar is None and cfg.progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=n, initial=already, unit="q", desc="trios", dynamic_ncols=True, smoothing=0.1)
        own_bar = True

    def commit(res: ChunkResult | None) -> None:
        ndup = 0
        while dup_queue:
            i, line = dup_queue.popleft()
            handles["duplicates.jsonl"].write(line)
            stats.duplicates += 1
            ndup += 1
        if res is not None:
            if res.kept:
                handles["trios.jsonl"].write(b"\n".join(res.kept) + b"\n")
            if res.rejected:
                handles["rejected.jsonl"].write(b"\n".join(res.rejected) + b"\n")
            stats.merge(res.stats)
        for h in handles.values():
            h.flush()
        write_atomic(ckpt_file, json.dumps({"fingerprint": fp, "offsets": {f: h.tell() for f, h in handles.items()},
                                            "stats": stats.to_dict(), "resumes": resumes, "updated": _now()}))
        if bar is not None:
            bar.update((len(res.indices) if res is not None else 0) + ndup)
            bar.set_postfix(kept=stats.kept, rejected=stats.rejected, dup=stats.duplicates,
                            tokens=stats.input_tokens + stats.output_tokens, cost=f"${stats.cost_usd:.4f}",
                            refresh=False)
        if cfg.budget_usd is not None and stats.cost_usd >= cfg.budget_usd and not stop.is_set():
            stop.set()
            status["value"] = "stopped: budget reached"
            log.warning("budget of $%.4f reached ($%.4f spent); finishing the chunks in flight", cfg.budget_usd,
                        stats.cost_usd)

    own_client = None
    try:
        results = _parallel(cfg, tasks(), client)
        if isinstance(results, tuple):
            own_client, results = results
        for res in results:
            commit(res)
        commit(None)
    except KeyboardInterrupt:
        status["value"] = "interrupted"
        raise
    finally:
        try:
            commit(None)
        finally:
            for h in handles.values():
                h.close()
            if own_client is not None:
                own_client.close()
            if own_bar and bar is not None:
                bar.close()
        manifest = _manifest(cfg, out, fp, material, stats, source, status["value"], t_start, resumes, already,
                             dedup)
        write_atomic(out / "manifest.json", json.dumps(manifest, indent=2) + "\n")
        from .card import write_card

        write_card(out, manifest)
    return manifest


def _drop_teacher_failures(path: Path) -> int:
    if not path.exists():
        return 0
    truncate_partial_line(path)
    keep, dropped = [], 0
    with open(path, "rb") as fh:
        for line in fh:
            if json.loads(line)["metadata"]["validation"].get("failed_check") == "teacher":
                dropped += 1
            else:
                keep.append(line)
    if dropped:
        tmp = path.with_name(path.name + f".tmp{os.getpid()}")
        with open(tmp, "wb") as fh:
            fh.writelines(keep)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    return dropped


def _check_teacher(cfg: RunConfig) -> None:
    """Fail before any work when an HTTP teacher or judge has no model to ask."""
    env_model = os.environ.get("SPRINT_SOLVER_TEACHER_MODEL") or os.environ.get("OPENAI_MODEL")
    if cfg.teacher.kind == "openai" and not (cfg.teacher.model or env_model):
        raise RunError("the openai teacher needs a model: --model or SPRINT_SOLVER_TEACHER_MODEL")
    if cfg.judge.enabled and not (cfg.judge.model or cfg.teacher.model or env_model):
        raise RunError("the judge needs a model: --judge-model (or the teacher's --model)")


def _parallel(cfg: RunConfig, tasks: Any, client: Any) -> Any:
    from joblib import Parallel, parallel_config

    workers = cfg.resolved_workers()
    if cfg.backend == "sequential" or (cfg.backend == "loky" and workers == 1):
        return (t[0](*t[1], **t[2]) for t in tasks)
    if cfg.backend == "loky":
        return Parallel(n_jobs=workers, backend="loky", return_as="generator_unordered",
                        pre_dispatch="2*n_jobs", batch_size=1)(tasks)
    own = None
    if client is None:
        from dask.distributed import Client

        client = own = Client(cfg.scheduler) if cfg.scheduler else Client(processes=False, dashboard_address=None)
    n_jobs = cfg.workers or max(1, sum(client.nthreads().values()))

    def gen():
        # joblib's dask backend submits to this client (a remote scheduler or a LocalCluster)
        with parallel_config(backend="dask", client=client):
            yield from Parallel(n_jobs=n_jobs, return_as="generator_unordered", pre_dispatch="2*n_jobs",
                                batch_size=1)(tasks)
    return (own, gen()) if own is not None else gen()


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _rates(counter: dict[str, int], sep_ok: str = "kept", sep_bad: str = "rejected") -> dict[str, Any]:
    keys = sorted({k.rsplit(":", 1)[0] for k in counter})
    out = {}
    for k in keys:
        ok = counter.get(f"{k}:{sep_ok}", 0)
        bad = counter.get(f"{k}:{sep_bad}", 0)
        out[k] = {"total": ok + bad, sep_ok: ok, "rate": round(ok / (ok + bad), 4) if ok + bad else None}
    return out


def _manifest(cfg: RunConfig, out: Path, fp: str, material: dict[str, Any], stats: Stats, source: QuestionSource,
              status: str, t_start: float, resumes: int, already: int, dedup: Deduplicator) -> dict[str, Any]:
    elapsed = time.time() - t_start
    processed = stats.kept + stats.rejected
    files = {}
    for f in FILES:
        p = out / f
        if p.exists():
            files[f] = {"bytes": p.stat().st_size}
    from .teachers import make_teacher

    try:
        tinfo = make_teacher(cfg.teacher).info() if cfg.teacher.kind == "template" else {
            "name": cfg.teacher.kind, "model": cfg.teacher.model, "base_url": cfg.teacher.base_url}
    except Exception:  # noqa: BLE001 - the manifest must still be written
        tinfo = {"name": cfg.teacher.kind}
    per_check = {}
    for name in sorted({k.rsplit(":", 1)[0] for k in stats.checks}):
        p_, f_ = stats.checks.get(f"{name}:pass", 0), stats.checks.get(f"{name}:fail", 0)
        per_check[name] = {"evaluated": p_ + f_, "passed": p_, "rate": round(p_ / (p_ + f_), 4) if p_ + f_ else None}
    return {
        "status": status, "fingerprint": fp, "id_prefix": fp[:8], "n": source.n,
        "config": cfg.model_dump(mode="json"), "material": material,
        "counts": {"kept": stats.kept, "rejected": stats.rejected, "duplicates": stats.duplicates,
                   "processed": processed + stats.duplicates},
        "approval": {"overall": round(stats.kept / processed, 4) if processed else None,
                     "per_check": per_check, "per_calculation": _rates(stats.by_calc),
                     "per_kind": _rates(stats.by_kind), "per_complexity": _rates(stats.by_complexity),
                     "failed_check": dict(stats.failed)},
        "teacher": tinfo,
        "usage": {"input_tokens": stats.input_tokens, "output_tokens": stats.output_tokens,
                  "cost_usd": round(stats.cost_usd, 6), "cached_responses": stats.cached},
        "dedupe": {"near": cfg.near_duplicates, "this_session": dict(dedup.counts), "total": stats.duplicates},
        "skipped_calculations": source.skipped,
        "timing": {"finished": _now(), "elapsed_s": round(elapsed, 3),
                   "rows_this_session": processed + stats.duplicates - already,
                   "rows_per_s_this_session": round((processed + stats.duplicates - already) / elapsed, 2)
                   if elapsed > 0 else None},
        "resumes": resumes, "files": files, "schema_version": "1.0",
    }
