"""The solver's tools over MCP, with the official ``mcp`` SDK (low-level ``Server``).

The low-level server is used rather than the decorator API so the advertised
``inputSchema`` is exactly ``tool_definitions("mcp")`` (the pydantic ``Params``),
not a schema re-derived from a Python signature. Every call goes through
:func:`~.dispatch.call_tool`: a bad call is a normal result with ``isError: true``
whose text and ``structuredContent`` hold the structured error.

Run it with ``sprint-solver mcp`` (stdio). Client configuration, e.g. Claude Desktop::

    {"mcpServers": {"sprint-solver": {"command": "sprint-solver", "args": ["mcp"]}}}
"""
from __future__ import annotations

from typing import Any

import anyio
import mcp.types as types
from mcp.server import Server
from mcp.server.stdio import stdio_server

from .. import __version__
from .calls import tool_content
from .dispatch import call_tool
from .schemas import tool_definitions

INSTRUCTIONS = (
    "Sprint and running performance calculations with a checkable step-by-step trace. Call a calculation "
    "tool (e.g. wind_correction) with numbers in canonical units or strings with units, or `solve` with a "
    "question in plain language. Results carry outputs, the trace, citations and a confidence; errors name "
    "the offending field and its valid range. Use list_models / describe_model to see the models.")


def build_server() -> Server[Any]:
    """A low-level MCP ``Server`` exposing every tool of :func:`tool_definitions`."""
    defs = tool_definitions("mcp")
    listed = [types.Tool.model_validate(d) for d in defs]
    schemas = {d["name"]: d["inputSchema"] for d in defs}

    async def on_list_tools(ctx: Any, params: Any) -> types.ListToolsResult:
        return types.ListToolsResult(tools=listed)

    async def on_call_tool(ctx: Any, params: types.CallToolRequestParams) -> types.CallToolResult:
        # fast and CPU-bound (about a millisecond): run inline, no thread hop
        result = call_tool(params.name, params.arguments or {})
        return types.CallToolResult(content=[types.TextContent(type="text", text=tool_content(result))],
                                    structured_content=result, is_error=not result["ok"])

    return Server("sprint-solver", version=__version__, title="sprint-solver", instructions=INSTRUCTIONS,
                  get_tool_input_schema=schemas.get, on_list_tools=on_list_tools, on_call_tool=on_call_tool)


async def serve_stdio() -> None:
    """Serve :func:`build_server` over this process's stdin/stdout until stdin closes."""
    server = build_server()
    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())


def main() -> None:
    anyio.run(serve_stdio)


if __name__ == "__main__":
    main()
