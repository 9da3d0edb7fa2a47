"""The MCP server: in-process with the SDK client, and once end-to-end over stdio."""
from __future__ import annotations

import sys

import anyio
import pytest

from sprint_solver.tools import call_tool, tool_definitions

mcp = pytest.importorskip("mcp")
from mcp import Client, StdioServerParameters  # noqa: E402

from sprint_solver.tools.mcp_server import build_server  # noqa: E402

pytestmark = pytest.mark.anyio


async def _exercise(client: Client) -> None:
    listed = (await client.list_tools()).tools
    defs = {d["name"]: d for d in tool_definitions("mcp")}
    assert [t.name for t in listed] == list(defs)
    for t in listed:
        # the SDK carries exactly the pydantic-derived schema
        assert t.input_schema == defs[t.name]["inputSchema"]
        assert t.annotations.read_only_hint is True and t.annotations.idempotent_hint is True
    ok = await client.call_tool("wind_correction", {"time": 10.0, "wind": 2.0})
    assert not ok.is_error
    assert ok.structured_content == call_tool("wind_correction", {"time": 10.0, "wind": 2.0})
    # physics_anchors.md a1 worked values [CALC]: 10.00 s, +2.0 m/s -> 10.1008 s (a = 0.028)
    assert ok.structured_content["result"]["result"]["value"] == pytest.approx(10.1008, abs=1e-4)
    assert "10.10 s" in ok.content[0].text
    bad = await client.call_tool("wind_correction", {"time": 10.0, "wind": 25.0})
    assert bad.is_error
    assert bad.structured_content["error"]["field"] == "wind"
    assert bad.structured_content["error"]["valid_range"] == {"min": -10.0, "max": 10.0}
    unknown = await client.call_tool("format_disk", {})
    assert unknown.is_error and unknown.structured_content["error"]["type"] == "unknown_tool"


async def test_in_process_modern_protocol():
    async with Client(build_server(), raise_exceptions=True) as client:
        await _exercise(client)


async def test_in_process_legacy_handshake():
    async with Client(build_server(), raise_exceptions=True, mode="legacy") as client:
        await _exercise(client)


async def test_stdio_end_to_end():
    # through the CLI, as a host would launch it (`sprint-solver mcp` is the same entry point)
    params = StdioServerParameters(command=sys.executable, args=["-m", "sprint_solver.cli", "mcp"])
    with anyio.fail_after(120):
        async with Client(params) as client:
            await _exercise(client)
