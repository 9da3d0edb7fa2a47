"""The ``sprint-solver`` command line.

Each sub-command lives in its own module here and is imported only when used,
so ``sprint-solver solve`` does not pay for Dask or the MCP SDK.
"""
from __future__ import annotations

import importlib

import click

#: command name -> (module, attribute, one-line help)
COMMANDS = {
    "models": ("models_cmd", "models", "List and show model cards."),
    "registry": ("registry_cmd", "registry", "Build and verify the model registry."),
    "solve": ("solve_cmd", "solve", "Answer a question with a step-by-step trace."),
    "train": ("train_cmd", "train", "Fit the data-driven models and write registry artifacts."),
    "trios": ("trios_cmd", "trios", "Generate query-solution-answer trios in batch."),
    "export": ("export_cmd", "export", "Export trios to fine-tuning formats."),
    "mcp": ("mcp_cmd", "mcp", "Serve the solver as an MCP server over stdio."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        mod, attr, _ = COMMANDS[name]
        return getattr(importlib.import_module(f"{__name__}.{mod}"), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(n, COMMANDS[n][2]) for n in sorted(COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sprint-solver")
def main() -> None:
    """sprint-solver: sprint and running performance numbers with checkable traces."""
