"""The solver as a tool for language models.

>>> from sprint_solver.tools import tool_definitions, call_tool
>>> tools = tool_definitions("openai")          # or "anthropic", "mcp", "hf"
>>> call_tool("wind_correction", {"time": 10.0, "wind": 2.0})["ok"]  # doctest: +SKIP
True

* :func:`tool_definitions` - one tool per calculation plus ``solve``, ``list_models`` and
  ``describe_model``, generated from the pydantic ``Params`` (:mod:`.schemas`);
* :func:`call_tool` - run one call; never raises, returns ``{"ok": ...}`` (:mod:`.dispatch`);
* :func:`parse_tool_calls`, :func:`execute_tool_calls`, :func:`format_tool_message`,
  :func:`tool_messages` - calls in model output (OpenAI, Hermes, Llama 3.x, Anthropic)
  -> results -> next-turn messages (:mod:`.calls`);
* :mod:`.mcp_server` - the same tools over MCP (``sprint-solver mcp``).
"""
from __future__ import annotations

from .calls import (ToolCall, ToolResult, execute_tool_calls, format_tool_message, parse_tool_calls,
                    tool_content, tool_messages)
from .dispatch import call_tool, solution_result
from .schemas import FORMATS, tool_definitions, tools

__all__ = ["tool_definitions", "call_tool", "parse_tool_calls", "execute_tool_calls", "format_tool_message",
           "tool_messages", "tool_content", "ToolCall", "ToolResult", "solution_result", "tools", "FORMATS"]
