"""``sprint-solver registry build|verify``."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import registry as reg


@click.group()
def registry() -> None:
    """Build and verify the model registry."""


@registry.command()
@click.option("--path", type=click.Path(path_type=Path), default=None,
              help="registry directory (default: the repository's registry/)")
@click.option("--check", is_flag=True, help="only report cards that differ from the code")
def build(path: Path | None, check: bool) -> None:
    """Publish the cards of every physics model declared in code and refresh the index."""
    if check:
        stale = reg.build(path, check=True)
        for s in stale:
            click.echo(f"stale: {s}")
        sys.exit(1 if stale else 0)
    for w in reg.build(path):
        click.echo(f"wrote {w}")


@registry.command()
@click.option("--path", type=click.Path(path_type=Path), default=None,
              help="registry directory (default: SPRINT_SOLVER_REGISTRY or the shipped one)")
def verify(path: Path | None) -> None:
    """Check every artifact's sha256 against the index; non-zero exit on any mismatch."""
    target = path or reg.default_registry_path()
    problems = reg.verify(target)
    if problems:
        for p in problems:
            click.echo(f"FAIL {p}", err=True)
        sys.exit(1)
    n = len(reg._read_index(Path(target))["artifacts"])
    click.echo(f"OK: {n} artifacts in {target} match the index")
