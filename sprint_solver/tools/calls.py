"""Tool calls in model output: parse them, run them, and answer them.

:func:`parse_tool_calls` reads the calls out of whatever a model produced:

=========== ==========================================================================
format      what the model emitted
=========== ==========================================================================
openai      an assistant message (dict, SDK object, or a whole chat completion) with
            ``tool_calls: [{"id", "type": "function", "function": {"name",
            "arguments": "<JSON string>"}}]`` (legacy ``function_call`` too)
hf          the same with ``arguments`` as a dict (Hugging Face chat templates)
anthropic   content blocks ``{"type": "tool_use", "id", "name", "input"}``
hermes      text with ``<tool_call>{"name": ..., "arguments": {...}}</tool_call>``
            blocks (Hermes, Qwen); an unclosed last block is accepted
llama       text with ``{"name": ..., "parameters": {...}}`` (Llama 3.x), optionally
            after ``<|python_tag|>``, several separated by ``;``, or inside other text;
            also ``<function=name>{...}</function>``
sharegpt    a LLaMA-Factory ``{"from": "function_call", "value": "{...}"}`` turn
=========== ==========================================================================

Anything else in the text is ignored. A call whose JSON is broken is still returned
(with ``error`` set, or with its raw ``arguments`` string) so the model can be told
what was wrong. Sizes are bounded: at most :data:`MAX_TOOL_CALLS` calls from the first
:data:`MAX_COMPLETION_CHARS` characters.

:func:`execute_tool_calls` runs calls with :func:`~.dispatch.call_tool`;
:func:`format_tool_message` writes the result as the next turn's message in the
call's own format.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from .dispatch import MAX_ARGUMENT_CHARS, call_tool

MAX_COMPLETION_CHARS = 200_000
MAX_TOOL_CALLS = 16
#: JSON decode attempts when scanning free text (each attempt is linear in the text)
MAX_SCAN_ATTEMPTS = 64
MAX_ID_CHARS = 64

FORMATS = ("openai", "hf", "anthropic", "hermes", "llama", "sharegpt")

_SPECIAL_TOKENS = re.compile(r"<\|(?:eom_id|eot_id|end_of_text|im_end|endoftext|start_header_id|"
                             r"end_header_id)\|>")
_CANDIDATE = re.compile(r'\{\s*"(?:name|function|type)"\s*:')
_NAME = re.compile(r'"name"\s*:\s*"([A-Za-z0-9_\-.]{1,64})"')
_FUNCTION_TAG = re.compile(r"<function=([A-Za-z0-9_\-.]{1,64})>(.*?)(?:</function>|\Z)", re.S)
_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$")


@dataclass(frozen=True)
class ToolCall:
    """One tool call requested by a model.

    ``arguments`` is a dict, or the raw text when it was not a JSON object
    (:func:`~.dispatch.call_tool` then explains the problem). ``error`` is set when
    not even the tool name could be read.
    """

    name: str
    arguments: dict[str, Any] | str
    id: str
    format: str
    error: str | None = None

    def arguments_json(self) -> str:
        """The arguments as a JSON string (OpenAI's wire form)."""
        if isinstance(self.arguments, str):
            return self.arguments
        return json.dumps(self.arguments, ensure_ascii=False)

    def to_openai(self) -> dict[str, Any]:
        """This call as an OpenAI ``tool_calls`` entry."""
        return {"id": self.id, "type": "function",
                "function": {"name": self.name, "arguments": self.arguments_json()}}


@dataclass(frozen=True)
class ToolResult:
    """A call and what :func:`~.dispatch.call_tool` returned for it."""

    call: ToolCall
    result: dict[str, Any]

    @property
    def ok(self) -> bool:
        return bool(self.result.get("ok"))

    def message(self, format: str | None = None) -> dict[str, Any]:
        return format_tool_message(self.call, self.result, format)


# --- parsing ----------------------------------------------------------------------------------------
def parse_tool_calls(source: Any) -> list[ToolCall]:
    """The tool calls in a model's output (see the module docstring for the formats).

    ``source`` may be raw completion text, an assistant message (dict or SDK object),
    a chat completion (the first choice is used), a list of ``tool_calls`` entries or
    of Anthropic content blocks. Returns ``[]`` when there is no call.
    """
    found: list[dict[str, Any]] = []
    _collect(source, found, depth=0)
    calls = []
    for i, c in enumerate(found[:MAX_TOOL_CALLS]):
        cid = c.get("id")
        if not isinstance(cid, str) or not cid or len(cid) > MAX_ID_CHARS:
            cid = f"call_{i}"
        calls.append(ToolCall(name=c["name"], arguments=c["arguments"], id=cid, format=c["format"],
                              error=c.get("error")))
    return calls


def _collect(src: Any, out: list[dict[str, Any]], depth: int) -> None:
    if src is None or depth > 4 or len(out) >= MAX_TOOL_CALLS:
        return
    if isinstance(src, (bytes, bytearray)):
        src = bytes(src[:MAX_COMPLETION_CHARS * 4]).decode("utf-8", errors="replace")
    if isinstance(src, str):
        _from_text(src, out)
    elif isinstance(src, Mapping):
        _from_mapping(src, out, depth)
    elif isinstance(src, (list, tuple)):
        _from_list(src, out, depth)
    elif hasattr(src, "model_dump"):
        try:
            dumped = src.model_dump()
        except Exception:  # noqa: BLE001 - a foreign object must not break parsing
            return
        _collect(dumped, out, depth + 1)
    else:
        attrs = {k: getattr(src, k) for k in ("choices", "message", "tool_calls", "function_call", "content")
                 if hasattr(src, k)}
        if attrs:
            _from_mapping(attrs, out, depth)


def _from_mapping(m: Mapping[str, Any], out: list[dict[str, Any]], depth: int) -> None:
    choices = m.get("choices")
    if isinstance(choices, (list, tuple)) and choices:
        _collect(choices[0], out, depth + 1)
        return
    if m.get("message") is not None and not isinstance(m.get("message"), str):
        _collect(m["message"], out, depth + 1)
        return
    tool_calls = m.get("tool_calls")
    if tool_calls:
        _from_list(tool_calls if isinstance(tool_calls, (list, tuple)) else [tool_calls], out, depth)
        return
    fc = m.get("function_call")
    if fc:
        _from_list([{"function": fc}], out, depth)
        return
    if m.get("type") in ("tool_use", "function") or ("function" in m and isinstance(m["function"], Mapping)):
        _from_list([m], out, depth)
        return
    sender = m.get("from")
    if sender is not None and isinstance(m.get("value"), str):
        if sender == "function_call":
            _from_json_text(m["value"], out, "sharegpt")
        elif sender in ("gpt", "assistant"):
            _from_text(m["value"], out)
        return
    content = m.get("content")
    if isinstance(content, str):
        _from_text(content, out)
    elif isinstance(content, (list, tuple)):
        _from_list(content, out, depth)
    elif "name" in m and any(k in m for k in ("arguments", "parameters", "input")):
        c = _call_from_obj(m, lenient=True)
        if c:
            out.append({**c, "format": "llama" if "parameters" in m else "hermes"})


def _from_list(items: Iterable[Any], out: list[dict[str, Any]], depth: int) -> None:
    texts = []
    for item in items:
        if len(out) >= MAX_TOOL_CALLS:
            return
        if hasattr(item, "model_dump") and not isinstance(item, Mapping):
            try:
                item = item.model_dump()
            except Exception:  # noqa: BLE001
                continue
        if not isinstance(item, Mapping):
            continue
        if item.get("type") == "tool_use":
            args = item.get("input")
            out.append({"id": item.get("id"), "name": _name(item.get("name")),
                        "arguments": args if isinstance(args, dict) else _raw(args), "format": "anthropic"})
        elif item.get("type") == "text" and isinstance(item.get("text"), str):
            texts.append(item["text"])
        elif isinstance(item.get("function"), Mapping):
            fn = item["function"]
            args = fn.get("arguments", fn.get("parameters"))
            fmt = "hf" if isinstance(args, Mapping) else "openai"
            out.append({"id": item.get("id"), "name": _name(fn.get("name")), "arguments": _arguments(args),
                        "format": fmt})
        elif "name" in item and any(k in item for k in ("arguments", "parameters", "input")):
            c = _call_from_obj(item, lenient=True)
            if c:
                out.append({**c, "id": item.get("id"), "format": "llama" if "parameters" in item else "openai"})
        elif item.get("role") == "assistant" or item.get("from") in ("gpt", "function_call") or "choices" in item:
            # a conversation: only what the assistant said can be a call
            _from_mapping(item, out, depth + 1)
    if texts:
        _from_text("\n".join(texts), out)


def _from_text(text: str, out: list[dict[str, Any]]) -> None:
    text = text[:MAX_COMPLETION_CHARS]
    if "<tool_call>" in text:
        _hermes(text, out)
    elif "<function=" in text:
        for m in _FUNCTION_TAG.finditer(text):
            if len(out) >= MAX_TOOL_CALLS:
                return
            out.append({"name": m.group(1), "arguments": _arguments(m.group(2).strip() or "{}"),
                        "format": "llama"})
    else:
        if "<|python_tag|>" in text:
            text = text.split("<|python_tag|>", 1)[1]
        _from_json_text(_SPECIAL_TOKENS.sub("", text), out, "llama")


def _hermes(text: str, out: list[dict[str, Any]]) -> None:
    pos = 0
    while len(out) < MAX_TOOL_CALLS:
        start = text.find("<tool_call>", pos)
        if start < 0:
            return
        body_start = start + len("<tool_call>")
        end = text.find("</tool_call>", body_start)
        nxt = text.find("<tool_call>", body_start)
        stop = min(x for x in (end, nxt, len(text)) if x >= 0)
        body = _SPECIAL_TOKENS.sub("", text[body_start:stop]).strip()
        pos = stop + (len("</tool_call>") if stop == end else 0)
        body = _FENCE.sub("", body).strip()
        before = len(out)
        _from_json_text(body, out, "hermes", lenient=True)
        if len(out) == before:
            m = _NAME.search(body)
            if m:
                out.append({"name": m.group(1), "arguments": _raw(body), "format": "hermes",
                            "error": f"the <tool_call> block for {m.group(1)!r} is not valid JSON; send "
                                     "{\"name\": ..., \"arguments\": {...}} with balanced braces and quotes"})
            else:
                out.append({"name": "", "arguments": _raw(body), "format": "hermes",
                            "error": "the <tool_call> block does not contain a JSON object with a \"name\""})


def _from_json_text(text: str, out: list[dict[str, Any]], fmt: str, lenient: bool = False) -> None:
    """Calls in ``text``: the whole text as JSON (an object or a list), else JSON objects
    found in it (``;``-separated Llama calls, or calls surrounded by other text)."""
    stripped = _FENCE.sub("", text.strip()).strip()
    if not stripped:
        return
    whole = _loads(stripped)
    if whole is not _FAIL:
        items = whole if isinstance(whole, list) else [whole]
        got = [c for c in (_call_from_obj(x, lenient=lenient) for x in items[:MAX_TOOL_CALLS]) if c]
        if got:
            out.extend({**c, "format": fmt} for c in got[: MAX_TOOL_CALLS - len(out)])
            return
    decoder = json.JSONDecoder()
    pos = 0
    if lenient:
        # inside <tool_call>: the call starts at the first brace, and only what follows it
        # is searched for more calls (a nested object would be the arguments, not a call)
        start = stripped.find("{")
        if start < 0:
            return
        try:
            obj, pos = decoder.raw_decode(stripped, start)
        except (ValueError, RecursionError):
            return
        c = _call_from_obj(obj, lenient=True)
        if c is None:
            return
        out.append({**c, "format": fmt})
    attempts = 0
    while len(out) < MAX_TOOL_CALLS and attempts < MAX_SCAN_ATTEMPTS:
        m = _CANDIDATE.search(stripped, pos)
        if m is None:
            return
        attempts += 1
        try:
            obj, end = decoder.raw_decode(stripped, m.start())
        except (ValueError, RecursionError):
            pos = m.start() + 1
            continue
        c = _call_from_obj(obj)
        if c:
            out.append({**c, "format": fmt})
            pos = end
        else:
            pos = m.start() + 1


_FAIL = object()


def _loads(text: str) -> Any:
    if len(text) > MAX_COMPLETION_CHARS:
        return _FAIL
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return _FAIL


def _call_from_obj(obj: Any, lenient: bool = False) -> dict[str, Any] | None:
    """``{"name", "arguments"|"parameters"}`` (or OpenAI's nested ``function``) -> a call."""
    if not isinstance(obj, Mapping):
        return None
    if isinstance(obj.get("function"), Mapping):
        obj = obj["function"]
    name = obj.get("name")
    if not isinstance(name, str) or not name:
        return None
    for key in ("arguments", "parameters", "input"):
        if key in obj:
            return {"name": _name(name), "arguments": _arguments(obj[key])}
    return {"name": _name(name), "arguments": {}} if lenient else None


def _arguments(args: Any) -> dict[str, Any] | str:
    if args is None:
        return {}
    if isinstance(args, Mapping):
        return dict(args)
    if isinstance(args, str):
        if len(args) > MAX_ARGUMENT_CHARS:
            return args  # call_tool reports it as too large
        v = _loads(_FENCE.sub("", args.strip()).strip() or "{}")
        if isinstance(v, dict):
            return v
        return args
    return _raw(args)


def _raw(v: Any) -> str:
    if isinstance(v, str):
        return v[:MAX_ARGUMENT_CHARS + 1]
    try:
        return json.dumps(v)[:MAX_ARGUMENT_CHARS + 1]
    except (TypeError, ValueError):
        return str(type(v).__name__)


def _name(v: Any) -> str:
    return v[:MAX_ID_CHARS] if isinstance(v, str) else ""


# --- executing and answering ---------------------------------------------------------------------
def execute_tool_calls(source: Any) -> list[ToolResult]:
    """Run every call in ``source`` (a list of :class:`ToolCall` or anything
    :func:`parse_tool_calls` accepts). Never raises."""
    calls = source if _is_call_list(source) else parse_tool_calls(source)
    results = []
    for c in calls[:MAX_TOOL_CALLS]:
        if c.error:
            res = {"ok": False, "error": {"type": "malformed_json", "message": c.error, "field": "tool_call"}}
        else:
            res = call_tool(c.name, c.arguments)
        results.append(ToolResult(call=c, result=res))
    return results


def _is_call_list(v: Any) -> bool:
    return isinstance(v, (list, tuple)) and bool(v) and all(isinstance(x, ToolCall) for x in v)


def tool_content(result: Mapping[str, Any]) -> str:
    """A ``call_tool`` result as the text of a tool message (JSON)."""
    return json.dumps(result, ensure_ascii=False, allow_nan=False)


def format_tool_message(call: ToolCall, result: Mapping[str, Any], format: str | None = None) -> dict[str, Any]:
    """The message that returns ``result`` to the model, in ``format`` (default: the call's own).

    ======== ===============================================================================
    openai   ``{"role": "tool", "tool_call_id", "content"}``
    hf       ``{"role": "tool", "tool_call_id", "name", "content"}``
    hermes   ``{"role": "tool", "content": "<tool_response>\\n{name, content}\\n</tool_response>"}``
    llama    ``{"role": "ipython", "content"}``
    anthropic ``{"role": "user", "content": [{"type": "tool_result", "tool_use_id", "content", "is_error"}]}``
    sharegpt ``{"from": "observation", "value"}``
    ======== ===============================================================================
    """
    fmt = format or call.format
    content = tool_content(result)
    if fmt == "openai":
        return {"role": "tool", "tool_call_id": call.id, "content": content}
    if fmt == "hf":
        return {"role": "tool", "tool_call_id": call.id, "name": call.name, "content": content}
    if fmt == "hermes":
        body = json.dumps({"name": call.name, "content": result}, ensure_ascii=False, allow_nan=False)
        return {"role": "tool", "content": f"<tool_response>\n{body}\n</tool_response>"}
    if fmt == "llama":
        return {"role": "ipython", "content": content}
    if fmt == "anthropic":
        return {"role": "user", "content": [{"type": "tool_result", "tool_use_id": call.id, "content": content,
                                             "is_error": not result.get("ok", False)}]}
    if fmt == "sharegpt":
        return {"from": "observation", "value": content}
    raise ValueError(f"unknown message format {fmt!r}; use one of {list(FORMATS)}")


def tool_messages(source: Any, format: str | None = None) -> list[dict[str, Any]]:
    """Parse, run and answer every call in ``source``: the messages for the next turn.

    Anthropic results are merged into one ``user`` message, as the API requires.
    """
    msgs = [r.message(format) for r in execute_tool_calls(source)]
    if msgs and all(m.get("role") == "user" and isinstance(m.get("content"), list) for m in msgs):
        return [{"role": "user", "content": [b for m in msgs for b in m["content"]]}]
    return msgs
