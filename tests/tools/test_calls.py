"""Tool calls in raw model output: OpenAI, Hermes, Llama 3.x (and Anthropic, ShareGPT)."""
from __future__ import annotations

import json

import pytest

from sprint_solver.tools import (ToolCall, call_tool, execute_tool_calls, format_tool_message, parse_tool_calls,
                                 tool_definitions, tool_messages)
from sprint_solver.tools.calls import MAX_TOOL_CALLS

from .helpers import assert_result_shape, tool_names, valid_arguments

WIND = {"time": 10.0, "wind": 2.0}


def one(src, name="wind_correction", args=WIND, fmt=None):
    calls = parse_tool_calls(src)
    assert len(calls) == 1, calls
    c = calls[0]
    assert (c.name, c.arguments) == (name, args)
    if fmt:
        assert c.format == fmt
    return c


# --- OpenAI / HF ----------------------------------------------------------------------------------
def test_openai_message_dict():
    msg = {"role": "assistant", "content": None, "tool_calls": [
        {"id": "call_abc", "type": "function", "function": {"name": "wind_correction",
                                                            "arguments": json.dumps(WIND)}}]}
    c = one(msg, fmt="openai")
    assert c.id == "call_abc"
    assert c.to_openai() == msg["tool_calls"][0]


def test_openai_sdk_objects_and_whole_completions():
    from openai.types.chat import ChatCompletion

    completion = ChatCompletion.model_validate({
        "id": "x", "object": "chat.completion", "created": 0, "model": "m",
        "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
            "role": "assistant", "content": None, "tool_calls": [
                {"id": "call_1", "type": "function",
                 "function": {"name": "wind_correction", "arguments": json.dumps(WIND)}},
                {"id": "call_2", "type": "function", "function": {"name": "list_models", "arguments": "{}"}}]}}]})
    calls = parse_tool_calls(completion)
    assert [(c.id, c.name) for c in calls] == [("call_1", "wind_correction"), ("call_2", "list_models")]
    assert parse_tool_calls(completion.choices[0].message) == calls
    assert parse_tool_calls(completion.model_dump()) == calls


def test_openai_legacy_function_call_and_hf_dict_arguments():
    one({"role": "assistant", "function_call": {"name": "wind_correction", "arguments": json.dumps(WIND)}})
    c = one({"role": "assistant", "tool_calls": [{"type": "function",
                                                  "function": {"name": "wind_correction", "arguments": WIND}}]},
            fmt="hf")
    assert c.id == "call_0"


def test_malformed_openai_arguments_reach_call_tool_as_text():
    c = parse_tool_calls({"tool_calls": [{"id": "c", "function": {"name": "wind_correction",
                                                                  "arguments": "{\"time\": 10.0,"}}]})[0]
    assert c.arguments == "{\"time\": 10.0,"
    r = execute_tool_calls([c])[0].result
    assert r["error"]["type"] == "malformed_json"


# --- Hermes -----------------------------------------------------------------------------------------
def test_hermes_blocks_with_surrounding_text():
    text = ("<think>I need the still-air time.</think>\nLet me call the solver.\n<tool_call>\n"
            + json.dumps({"name": "wind_correction", "arguments": WIND}) + "\n</tool_call>\nDone.")
    one(text, fmt="hermes")


def test_hermes_multiple_unclosed_and_string_arguments():
    text = ("<tool_call>{\"name\": \"list_models\", \"arguments\": {}}</tool_call>\n"
            "<tool_call>\n```json\n{\"name\": \"wind_correction\", \"arguments\": \"{\\\"time\\\": 10.0, "
            "\\\"wind\\\": 2.0}\"}\n```\n</tool_call>"
            "<tool_call>{\"name\": \"describe_model\", \"arguments\": {\"name\": \"wind.mureika_100m\"}}<|im_end|>")
    calls = parse_tool_calls(text)
    assert [(c.name, c.arguments) for c in calls] == [
        ("list_models", {}), ("wind_correction", WIND), ("describe_model", {"name": "wind.mureika_100m"})]
    assert [c.id for c in calls] == ["call_0", "call_1", "call_2"]


def test_broken_hermes_blocks_become_actionable_errors():
    calls = parse_tool_calls("<tool_call>{\"name\": \"describe_model\", \"arguments\": {\"name\": \"wind.x\"}"
                             "</tool_call><tool_call>not json at all</tool_call>")
    assert [c.name for c in calls] == ["describe_model", ""]
    results = execute_tool_calls(calls)
    assert [r.result["error"]["type"] for r in results] == ["malformed_json", "malformed_json"]
    assert "describe_model" in results[0].result["error"]["message"]


# --- Llama 3.x --------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    '{"name": "wind_correction", "parameters": {"time": 10.0, "wind": 2.0}}',
    '<|python_tag|>{"name": "wind_correction", "parameters": {"time": 10.0, "wind": 2.0}}<|eom_id|>',
    '{"type": "function", "name": "wind_correction", "parameters": {"time": 10.0, "wind": 2.0}}<|eot_id|>',
    'Sure, I will use the solver: {"name": "wind_correction", "parameters": {"time": 10.0, "wind": 2.0}} '
    'and then explain {{ it.',
    '```json\n{"name": "wind_correction", "arguments": {"time": 10.0, "wind": 2.0}}\n```',
    '<function=wind_correction>{"time": 10.0, "wind": 2.0}</function>',
])
def test_llama_json_calls(text):
    one(text, fmt="llama")


def test_llama_several_calls_separated_or_listed():
    for text in ('{"name": "list_models", "parameters": {}}; {"name": "wind_correction", "parameters": '
                 '{"time": 10.0, "wind": 2.0}}',
                 '[{"name": "list_models", "parameters": {}}, {"name": "wind_correction", "parameters": '
                 '{"time": 10.0, "wind": 2.0}}]'):
        assert [(c.name, c.arguments) for c in parse_tool_calls(text)] == [("list_models", {}),
                                                                           ("wind_correction", WIND)]


@pytest.mark.parametrize("text", [
    "", "The still-air time is 10.10 s.", '{"answer": 10.1}', '{"name": "Bolt"} ran 9.58',
    "{" * 5000, "[" * 5000 + "]" * 5000, '{"name": ' * 2000, "{\"name\": \"x\"",
])
def test_plain_answers_and_junk_contain_no_calls(text):
    assert parse_tool_calls(text) == []


def test_sizes_are_bounded():
    many = "".join(f'<tool_call>{{"name": "list_models", "arguments": {{}}}}</tool_call>' for _ in range(100))
    assert len(parse_tool_calls(many)) == MAX_TOOL_CALLS
    huge = "x" * 1_000_000 + '{"name": "list_models", "parameters": {}}'
    assert parse_tool_calls(huge) == []  # beyond MAX_COMPLETION_CHARS
    candidates = '{"name": {"name": [' * 20_000
    assert parse_tool_calls(candidates) == []


# --- Anthropic, ShareGPT ------------------------------------------------------------------------------
def test_anthropic_tool_use_blocks():
    msg = {"role": "assistant", "content": [{"type": "text", "text": "Let me compute."},
                                            {"type": "tool_use", "id": "toolu_1", "name": "wind_correction",
                                             "input": WIND}]}
    c = one(msg, fmt="anthropic")
    out = tool_messages(msg)
    assert out == [{"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1",
                                                 "content": out[0]["content"][0]["content"], "is_error": False}]}]


def test_sharegpt_function_call_turn():
    turn = {"from": "function_call", "value": json.dumps({"name": "wind_correction", "arguments": WIND})}
    c = one(turn, fmt="sharegpt")
    assert format_tool_message(c, call_tool(c.name, c.arguments))["from"] == "observation"


def test_conversation_lists_yield_only_assistant_calls():
    convo = [{"role": "user", "content": '{"name": "list_models", "parameters": {}}'},
             {"role": "assistant", "content": '{"name": "wind_correction", "parameters": {"time": 10.0, "wind": 2.0}}'}]
    assert [c.name for c in parse_tool_calls(convo)] == ["wind_correction"]


# --- answering ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["openai", "hf", "hermes", "llama", "anthropic", "sharegpt"])
def test_tool_messages_in_every_format(fmt):
    call = ToolCall(name="wind_correction", arguments=WIND, id="call_7", format="openai")
    result = call_tool(call.name, call.arguments)
    m = format_tool_message(call, result, fmt)
    text = json.dumps(m)
    assert "10.10 s" in text
    if fmt == "openai":
        assert m == {"role": "tool", "tool_call_id": "call_7", "content": json.dumps(result, ensure_ascii=False)}
    if fmt == "hermes":
        body = m["content"].removeprefix("<tool_response>\n").removesuffix("\n</tool_response>")
        assert json.loads(body) == {"name": "wind_correction", "content": result}
    if fmt == "llama":
        assert m["role"] == "ipython" and json.loads(m["content"]) == result


def test_execute_tool_calls_never_raises_on_errors():
    text = ('<tool_call>{"name": "wind_correction", "arguments": {"time": 100, "wind": 0}}</tool_call>'
            '<tool_call>{"name": "rm -rf", "arguments": {}}</tool_call>')
    results = execute_tool_calls(text)
    assert [r.ok for r in results] == [False, False]
    assert [r.result["error"]["type"] for r in results] == ["invalid_value", "unknown_tool"]
    for r in results:
        assert_result_shape(r.result)


# --- round trips: what an exporter writes parses back to the same call ------------------------------
def transcripts(name, args):
    """The assistant turn for one call in each exported format (distillation_formats_and_peers.md 2.1-2.6)."""
    return {
        "openai": {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function", "function": {
            "name": name, "arguments": json.dumps(args)}}]},
        "hf": {"role": "assistant", "tool_calls": [{"type": "function", "function": {"name": name,
                                                                                  "arguments": args}}]},
        "hermes": {"from": "gpt", "value": "<tool_call>\n" + json.dumps({"name": name, "arguments": args})
                   + "\n</tool_call>"},
        "llama": json.dumps({"name": name, "parameters": args}) + "<|eot_id|>",
        "sharegpt": {"from": "function_call", "value": json.dumps({"name": name, "arguments": args})},
    }


@pytest.mark.parametrize("name", tool_names())
def test_exported_calls_round_trip_for_every_tool(name):
    args = valid_arguments(name)
    if args is None:
        pytest.skip(f"no valid example arguments for {name}")
    expected = call_tool(name, args)
    for fmt, turn in transcripts(name, args).items():
        calls = parse_tool_calls(turn)
        assert [(c.name, c.arguments) for c in calls] == [(name, args)], fmt
        assert execute_tool_calls(calls)[0].result == expected, fmt


# --- the README agent loop, against a scripted OpenAI-compatible client -------------------------------
class _FakeCompletions:
    """Replies like an OpenAI-compatible server: first a tool call, then an answer."""

    def __init__(self):
        self.requests = []

    def create(self, **kw):
        from openai.types.chat import ChatCompletion

        self.requests.append(kw)
        if not any(m.get("role") == "tool" for m in kw["messages"] if isinstance(m, dict)):
            msg = {"role": "assistant", "content": None, "tool_calls": [{"id": "call_1", "type": "function",
                   "function": {"name": "wind_correction",
                                "arguments": json.dumps({"time": 10.0, "wind": 2.0, "event": None})}}]}
        else:
            result = json.loads(kw["messages"][-1]["content"])
            msg = {"role": "assistant", "content": f"In still air that is {result['result']['result']['display']}."}
        return ChatCompletion.model_validate({"id": "x", "object": "chat.completion", "created": 0, "model": "m",
                                              "choices": [{"index": 0, "finish_reason": "stop", "message": msg}]})


class _FakeClient:
    def __init__(self):
        self.chat = type("Chat", (), {"completions": _FakeCompletions()})()


def agent(client, model, question, max_turns=5):
    """The README example, verbatim apart from the client."""
    from sprint_solver.tools import execute_tool_calls, tool_definitions

    messages = [{"role": "user", "content": question}]
    tools = tool_definitions("openai")
    for _ in range(max_turns):
        reply = client.chat.completions.create(model=model, messages=messages, tools=tools,
                                               parallel_tool_calls=False)
        msg = reply.choices[0].message
        messages.append(msg.model_dump(exclude_none=True))
        results = execute_tool_calls(msg)
        if not results:
            return msg.content
        messages += [r.message() for r in results]
    return None


def test_readme_agent_loop():
    client = _FakeClient()
    answer = agent(client, "any-model", "10.00 s with +2.0 m/s: still-air time?")
    assert answer == "In still air that is 10.10 s."
    second = client.chat.completions.requests[1]["messages"]
    assert second[1]["tool_calls"][0]["id"] == second[2]["tool_call_id"] == "call_1"
    assert client.chat.completions.requests[0]["tools"] == tool_definitions("openai")


def test_several_calls_in_one_hermes_block():
    text = ('<tool_call>\n{"name": "list_models", "arguments": {}}\n'
            '{"name": "wind_correction", "arguments": {"time": 10.0, "wind": 2.0}}\n</tool_call>')
    assert [(c.name, c.arguments) for c in parse_tool_calls(text)] == [("list_models", {}),
                                                                       ("wind_correction", WIND)]
