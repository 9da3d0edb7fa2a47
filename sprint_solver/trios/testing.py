"""A real OpenAI-compatible HTTP server on 127.0.0.1 for tests and benchmarks.

It answers ``POST /v1/chat/completions`` by re-solving the ``Request:`` line every
prompt of :mod:`.teachers.base` carries and writing the answer with the
TemplateTeacher, so what comes back is a correct answer a validator accepts. Faults can
be queued to exercise a client: ``"429"`` (with ``Retry-After``), ``"500"``,
``"timeout"`` (the reply comes after the client gave up), ``"malformed"`` (a body that
is not JSON), ``"truncated"`` (``finish_reason: "length"`` and a cut answer),
``"empty"`` (no content), ``"400"``.

>>> with FakeOpenAIServer() as srv:  # doctest: +SKIP
...     teacher = OpenAITeacher(srv.base_url, "fake-model")
"""
from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeOpenAIServer:
    """``FakeOpenAIServer(latency_s=0.02)``; ``.faults.append("429")``; ``.base_url``; ``.requests``.

    ``GET {base_url}/_served`` lists when each reply was sent (for throughput benchmarks)."""

    def __init__(self, latency_s: float = 0.0, retry_after: str = "1", timeout_delay_s: float = 3.0,
                 host: str = "127.0.0.1", port: int = 0, canned: str | None = None):
        self.latency_s = latency_s
        #: a fixed answer instead of solving (throughput benchmarks of clients)
        self.canned = canned
        self.retry_after = retry_after
        self.timeout_delay_s = timeout_delay_s
        self.faults: deque[str] = deque()
        self.requests: list[dict[str, Any]] = []
        self.served: list[tuple[float, str]] = []  # (time, outcome)
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer((host, port), _handler(self))
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> "FakeOpenAIServer":
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="fake-openai", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> "FakeOpenAIServer":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # -----------------------------------------------------------------------------------------
    def next_fault(self) -> str | None:
        with self._lock:
            return self.faults.popleft() if self.faults else None

    def record(self, body: dict[str, Any], outcome: str) -> None:
        with self._lock:
            self.requests.append(body)
            self.served.append((time.monotonic(), outcome))

    def enter(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def completion(self, body: dict[str, Any]) -> dict[str, Any]:
        messages = body.get("messages") or []
        text = self.canned if self.canned is not None else answer_for(messages)
        prompt_chars = sum(len(str(m.get("content", ""))) for m in messages)
        return {"id": "chatcmpl-" + hashlib.sha256(json.dumps(messages).encode()).hexdigest()[:12],
                "object": "chat.completion", "created": int(time.time()), "model": body.get("model", "fake"),
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": text}}],
                "usage": {"prompt_tokens": prompt_chars // 4, "completion_tokens": len(text) // 4,
                          "total_tokens": prompt_chars // 4 + len(text) // 4}}


def _handler(server: FakeOpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # headers and body go out in two writes: without TCP_NODELAY the client's delayed ACK
        # adds ~40 ms to every keep-alive request
        disable_nagle_algorithm = True

        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def _send(self, status: int, payload: bytes, headers: dict[str, str] | None = None,
                  ctype: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(payload)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            try:
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def do_GET(self) -> None:  # noqa: N802 - http.server API
            if self.path.rstrip("/").endswith("/_served"):
                # when each reply went out (server's monotonic clock): benchmarks measure a client's
                # rate from here, free of the client's own start-up time
                with server._lock:
                    times = [t for t, _ in server.served]
                self._send(200, json.dumps({"served": times}).encode())
            elif self.path.rstrip("/").endswith("/models"):
                self._send(200, json.dumps({"object": "list", "data": [{"id": "fake-model", "object": "model"}]})
                           .encode())
            else:
                self._send(404, b'{"error": {"message": "not found"}}')

        def do_POST(self) -> None:  # noqa: N802 - http.server API
            n = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(n)
            try:
                body = json.loads(raw)
            except ValueError:
                self._send(400, b'{"error": {"message": "bad json"}}')
                return
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._send(404, b'{"error": {"message": "not found"}}')
                return
            fault = server.next_fault()
            server.record(body, fault or "ok")
            server.enter()
            try:
                self._reply(body, fault)
            finally:
                server.leave()

        def _reply(self, body: dict[str, Any], fault: str | None) -> None:
            if server.latency_s:
                time.sleep(server.latency_s)
            err = lambda code, msg: json.dumps({"error": {"message": msg, "type": "fake", "code": code}}).encode()  # noqa: E731
            if fault == "429":
                self._send(429, err(429, "rate limited"), {"Retry-After": server.retry_after})
            elif fault == "500":
                self._send(500, err(500, "internal error"))
            elif fault == "503":
                self._send(503, err(503, "overloaded"))
            elif fault == "400":
                self._send(400, err(400, "bad request"))
            elif fault == "timeout":
                time.sleep(server.timeout_delay_s)
                self._send(200, json.dumps(server.completion(body)).encode())
            elif fault == "malformed":
                self._send(200, b'{"id": "x", "choices": [{"message": {"content": "unterminated')
            elif fault == "empty":
                data = server.completion(body)
                data["choices"][0]["message"]["content"] = None
                self._send(200, json.dumps(data).encode())
            elif fault == "truncated":
                data = server.completion(body)
                c = data["choices"][0]
                c["message"]["content"] = c["message"]["content"][:60]
                c["finish_reason"] = "length"
                self._send(200, json.dumps(data).encode())
            else:
                self._send(200, json.dumps(server.completion(body)).encode())

    return Handler


# --- answering like a teacher would ---------------------------------------------------------------
_REQUEST = re.compile(r"^Request:\s*(\{.*\})\s*$", re.M)
_QUESTION = re.compile(r"Question:\n(.*?)\n\n", re.S)


def answer_for(messages: list[dict[str, Any]]) -> str:
    """The TemplateTeacher's answer to a prompt built by :func:`~.teachers.base.build_messages`."""
    from ..solver import Solver
    from .queries import Query
    from .teachers.base import TeacherTask
    from .teachers.template import TemplateTeacher

    system = next((str(m.get("content", "")) for m in messages if m.get("role") == "system"), "")
    user = next((str(m.get("content", "")) for m in reversed(messages) if m.get("role") == "user"), "")
    if "judge" in system.lower():
        return json.dumps({"thought": "The answer uses the solver's result and names the method.", "passes": "yes"})
    m = _REQUEST.search(user)
    if not m:
        return "I can help with sprint and running calculations; please ask a question with your numbers."
    req = json.loads(m.group(1))
    qm = _QUESTION.search(user)
    text = qm.group(1).strip() if qm else ""
    reqs = tuple(req.get("requests") or ())
    q = Query(0, text, reqs, req.get("kind", "single"), 1, (), "", req.get("reason"), req.get("detail"))
    sols = []
    if q.kind != "no_calculation":
        solver = Solver.default()
        sols = [solver.solve({**r, "query": text}) for r in reqs]
    tid = hashlib.sha256(user.encode()).hexdigest()[:16]
    return TemplateTeacher().write(TeacherTask(tid, q, sols))


def main() -> None:
    """``python -m sprint_solver.trios.testing [--latency S] [--port P]``: serve until killed
    (prints the base URL first), for benchmarks that want the server in its own process."""
    import argparse

    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("--latency", type=float, default=0.0, help="seconds added to every reply")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--canned", default=None, help="answer every request with this text (no solving)")
    a = ap.parse_args()
    srv = FakeOpenAIServer(latency_s=a.latency, port=a.port, canned=a.canned)
    print(srv.base_url, flush=True)
    try:
        srv._httpd.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
