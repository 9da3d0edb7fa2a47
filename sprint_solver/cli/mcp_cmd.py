"""``sprint-solver mcp``: the solver's tools as an MCP server over stdio."""
from __future__ import annotations

import logging

import click


@click.command()
@click.option("--log-level", type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]), default="WARNING",
              show_default=True, help="logging level (logs go to stderr; stdout carries the protocol)")
def mcp(log_level: str) -> None:
    """Serve the solver as an MCP server over stdio.

    Tools: one per calculation (e.g. wind_correction), solve, list_models and
    describe_model, with the same schemas as `sprint_solver.tools.tool_definitions("mcp")`.
    """
    logging.basicConfig(level=log_level, format="%(levelname)s %(name)s: %(message)s")
    from ..tools.mcp_server import main

    main()
