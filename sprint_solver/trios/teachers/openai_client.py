"""OpenAITeacher: a chat-completions teacher for any OpenAI-compatible server
(vLLM, Ollama, llama.cpp ``llama-server``, OpenAI).

- base URL, model and key from options or the environment (``OPENAI_BASE_URL``,
  ``SPRINT_SOLVER_TEACHER_MODEL`` / ``OPENAI_MODEL``, the variable named by
  ``api_key_env``, default ``OPENAI_API_KEY``; local servers accept any key);
- bounded concurrency (a thread pool of ``concurrency`` per worker process);
- a timeout per request; retries on 408/409/429/5xx, timeouts and connection errors
  only, with full-jitter exponential backoff that honours ``Retry-After`` /
  ``retry-after-ms``; other 4xx are not retried; a malformed body gets one retry;
- a response cache (SQLite) keyed by the sha256 of the request body, so a rerun or a
  resume never pays twice;
- token usage from the response and cost from per-million-token prices.

Every failure ends as a :class:`TeacherReply` with ``error`` set (never an exception),
so the row is recorded in ``rejected.jsonl`` with the reason instead of being lost.
The SDK's own retries are off (``max_retries=0``): this loop is the only one.
"""
from __future__ import annotations

import email.utils
import hashlib
import json
import os
import random
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

from .base import Teacher, TeacherReply, TeacherTask

RETRY_STATUS = {408, 409, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524, 529}
DEFAULT_BASE_URL = "https://api.openai.com/v1"


class ResponseCache:
    """sha256(request body) -> response JSON, in SQLite (safe across threads and processes)."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(self.path), timeout=60, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, body TEXT NOT NULL, "
                         "created REAL NOT NULL)")

    def get(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute("SELECT body FROM responses WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, key: str, body: dict[str, Any]) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO responses (key, body, created) VALUES (?, ?, ?)",
                             (key, json.dumps(body), time.time()))

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM responses").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()


def request_key(body: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def retry_after_seconds(headers: Any) -> float | None:
    """``retry-after-ms`` or ``retry-after`` (seconds or an HTTP date), if the server sent one."""
    if headers is None:
        return None
    ms = headers.get("retry-after-ms")
    if ms is not None:
        try:
            return max(0.0, float(ms) / 1000.0)
        except ValueError:
            pass
    ra = headers.get("retry-after")
    if ra is None:
        return None
    try:
        return max(0.0, float(ra))
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(ra)
            return max(0.0, when.timestamp() - time.time())
        except (TypeError, ValueError):
            return None


class _Failure(Exception):
    def __init__(self, reason: str, retryable: bool, wait: float | None = None, malformed: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable
        self.wait = wait
        self.malformed = malformed


class OpenAITeacher(Teacher):
    """Answers from an OpenAI-compatible chat-completions endpoint."""

    name = "openai"

    def __init__(self, base_url: str, model: str, api_key: str = "EMPTY", *, temperature: float = 0.2,
                 max_tokens: int = 700, seed: int | None = None, timeout_s: float = 60.0, max_attempts: int = 5,
                 backoff_base_s: float = 0.5, backoff_max_s: float = 30.0, concurrency: int = 8,
                 price_in_per_mtok: float = 0.0, price_out_per_mtok: float = 0.0,
                 cache_path: str | os.PathLike[str] | None = None, max_wait_s: float = 300.0,
                 sleep: Callable[[float], None] = time.sleep, jitter: random.Random | None = None):
        import openai

        self.base_url = base_url.rstrip("/")
        self.model = model
        self.temperature = temperature
        self.max_tokens = max_tokens
        self.seed = seed
        self.timeout_s = timeout_s
        self.max_attempts = max(1, max_attempts)
        self.backoff_base_s = backoff_base_s
        self.backoff_max_s = backoff_max_s
        self.max_wait_s = max_wait_s
        self.concurrency = max(1, concurrency)
        self.price_in = price_in_per_mtok
        self.price_out = price_out_per_mtok
        self.cache = ResponseCache(cache_path) if cache_path else None
        self._sleep = sleep
        self._jitter = jitter or random.Random()
        self._jlock = threading.Lock()
        self._openai = openai
        self.client = openai.OpenAI(base_url=self.base_url, api_key=api_key or "EMPTY", max_retries=0,
                                    timeout=timeout_s)
        #: every wait this teacher slept, for tests and logs: (reason, seconds)
        self.waits: list[tuple[str, float]] = []

    @classmethod
    def from_config(cls, cfg: Any, api_key: str | None = None, **kw: Any) -> "OpenAITeacher":
        base_url = cfg.base_url or os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL
        model = cfg.model or os.environ.get("SPRINT_SOLVER_TEACHER_MODEL") or os.environ.get("OPENAI_MODEL")
        if not model:
            raise ValueError("the openai teacher needs a model: --model or SPRINT_SOLVER_TEACHER_MODEL")
        key = api_key or cfg.api_key or os.environ.get(cfg.api_key_env) or "EMPTY"
        return cls(base_url, model, key, temperature=cfg.temperature, max_tokens=cfg.max_tokens, seed=cfg.seed,
                   timeout_s=cfg.timeout_s, max_attempts=cfg.max_attempts, backoff_base_s=cfg.backoff_base_s,
                   backoff_max_s=cfg.backoff_max_s, concurrency=cfg.concurrency,
                   price_in_per_mtok=cfg.price_in_per_mtok, price_out_per_mtok=cfg.price_out_per_mtok,
                   cache_path=(cfg.cache_path or None) if cfg.cache else None, **kw)

    def info(self) -> dict[str, Any]:
        params = {"temperature": self.temperature, "max_tokens": self.max_tokens}
        if self.seed is not None:
            params["seed"] = self.seed
        return {"name": self.name, "model": self.model, "parameters": params}

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()
        self.client.close()

    # -----------------------------------------------------------------------------------------
    def answer(self, tasks: list[TeacherTask]) -> list[TeacherReply]:
        if len(tasks) <= 1 or self.concurrency == 1:
            return [self.complete(t.messages) for t in tasks]
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(tasks))) as pool:
            return list(pool.map(lambda t: self.complete(t.messages), tasks))

    def body(self, messages: list[dict[str, str]], **extra: Any) -> dict[str, Any]:
        b: dict[str, Any] = {"model": self.model, "messages": messages, "temperature": self.temperature,
                             "max_tokens": self.max_tokens}
        if self.seed is not None:
            b["seed"] = self.seed
        b.update(extra)
        return b

    def complete(self, messages: list[dict[str, str]], **extra: Any) -> TeacherReply:
        """One chat completion with cache, retries and accounting; never raises."""
        body = self.body(messages, **extra)
        key = request_key(body)
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                r = self._reply(hit, attempts=0, latency=0.0)
                r.cached = True
                r.cost_usd = 0.0
                return r
        t0 = time.perf_counter()
        malformed_left = 1
        last = "no attempt made"
        waited = 0.0
        attempt = 0
        tries = 0
        while attempt < self.max_attempts:
            attempt += 1
            tries += 1
            try:
                data = self._post(body)
                reply = self._reply(data, attempts=tries, latency=time.perf_counter() - t0)
                if self.cache is not None and reply.error is None:
                    self.cache.put(key, data)
                return reply
            except _Failure as f:
                last = f.reason
                if f.malformed:
                    if malformed_left <= 0:
                        break
                    malformed_left -= 1
                    attempt -= 1  # a garbled body has its own, smaller budget
                elif not f.retryable:
                    break
                if attempt >= self.max_attempts:
                    break
                wait = f.wait if f.wait is not None else self._backoff(attempt)
                if waited + wait > self.max_wait_s:
                    last += f" (giving up: would wait {wait:.1f} s more, {waited:.1f} s already)"
                    break
                self.waits.append((f.reason, wait))
                waited += wait
                self._sleep(wait)
        return TeacherReply(None, error=f"teacher failed after {tries} attempt(s): {last}", attempts=tries,
                            latency_s=time.perf_counter() - t0)

    def _backoff(self, attempt: int) -> float:
        cap = min(self.backoff_max_s, self.backoff_base_s * (2 ** (attempt - 1)))
        with self._jlock:
            return self._jitter.uniform(0.0, cap)

    def _post(self, body: dict[str, Any]) -> dict[str, Any]:
        oa = self._openai
        try:
            raw = self.client.chat.completions.with_raw_response.create(**body)
        except oa.APITimeoutError:
            raise _Failure(f"timeout after {self.timeout_s:g} s", True) from None
        except oa.APIConnectionError as e:
            raise _Failure(f"connection error: {e}", True) from None
        except oa.APIStatusError as e:
            status = e.status_code
            wait = retry_after_seconds(getattr(e.response, "headers", None))
            msg = f"HTTP {status}: {_short(getattr(e, 'message', str(e)))}"
            raise _Failure(msg, status in RETRY_STATUS, wait) from None
        except oa.OpenAIError as e:  # anything else the SDK raises: record it, do not crash the run
            raise _Failure(f"{type(e).__name__}: {_short(str(e))}", False) from None
        text = raw.text if isinstance(getattr(raw, "text", None), str) else raw.http_response.text
        try:
            data = json.loads(text)
        except ValueError:
            raise _Failure(f"malformed JSON in the response body: {_short(text)!r}", True, malformed=True) from None
        if not isinstance(data, dict) or not isinstance(data.get("choices"), list) or not data["choices"]:
            raise _Failure(f"malformed response (no choices): {_short(text)!r}", True, malformed=True)
        return data

    def _reply(self, data: dict[str, Any], attempts: int, latency: float) -> TeacherReply:
        choice = data["choices"][0] if data.get("choices") else {}
        msg = choice.get("message") or {}
        content = msg.get("content")
        usage = data.get("usage") or {}
        tin = int(usage.get("prompt_tokens") or 0)
        tout = int(usage.get("completion_tokens") or 0)
        cost = (tin * self.price_in + tout * self.price_out) / 1e6
        finish = choice.get("finish_reason")
        if not isinstance(content, str):
            return TeacherReply(None, error="malformed response: the message has no text content", attempts=attempts,
                                input_tokens=tin, output_tokens=tout, cost_usd=cost, latency_s=latency,
                                finish_reason=finish)
        return TeacherReply(content, input_tokens=tin, output_tokens=tout, cost_usd=cost, latency_s=latency,
                            attempts=attempts, finish_reason=finish)


def _short(s: str, n: int = 200) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[:n] + "..."
