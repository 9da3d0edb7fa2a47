"""``sprint-solver train [--data DIR] [--only NAME] [--seed N]``."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import SolverError


@click.command()
@click.option("--data", "data", type=click.Path(path_type=Path), default=None,
              help="training data: the team datasets (default ../shared/data) or a directory of raw "
                   "results CSV/JSON in the documented schema (see --schema)")
@click.option("--only", "only", multiple=True,
              help="train only this family or model (wind, altitude, heat, lanes, sprint_profile, grade, or "
                   "a model name such as wind.fitted_100m); repeatable")
@click.option("--seed", type=int, default=None, help="random seed (bootstrap, CV folds)")
@click.option("--bootstrap", type=click.IntRange(20, 5000), default=None, help="bootstrap samples (default 200)")
@click.option("--registry", "registry_dir", type=click.Path(path_type=Path), default=None,
              help="where to write the registry cards (default: the repository's registry/)")
@click.option("--cards", "cards_dir", type=click.Path(path_type=Path), default=None,
              help="where to write the markdown model cards (default: the repository's models/)")
@click.option("--dry-run", is_flag=True, help="fit and report, write nothing")
@click.option("--json", "as_json", is_flag=True, help="print the training report as JSON")
@click.option("--schema", is_flag=True, help="print the documented results schema and exit")
def train(data, only, seed, bootstrap, registry_dir, cards_dir, dry_run, as_json, schema) -> None:
    """Fit the data-driven models and write versioned registry artifacts + model cards.

    A second run with the same data and seed writes byte-identical artifacts.
    """
    from ..fitting import DEFAULT_SEED
    from ..fitting.ingest import SCHEMA_DOC
    from ..fitting.train import train as run

    if schema:
        click.echo("Results schema (CSV columns / JSON keys; only event, sex and time are required):")
        click.echo(SCHEMA_DOC)
        return
    kw = {}
    if bootstrap is not None:
        kw["bootstrap"] = bootstrap
    try:
        rep = run(data, list(only) or None, DEFAULT_SEED if seed is None else seed, registry_dir, cards_dir,
                  write=not dry_run, log=None if as_json else lambda m: click.echo(m, err=True), **kw)
    except SolverError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(rep.as_dict(), indent=2, sort_keys=True))
        return
    mode = "user results dump" if rep.generic else "team datasets"
    click.echo(f"trained {len(rep.models)} model(s) from {rep.data} ({mode}), seed {rep.seed}")
    for fam, s in rep.seconds.items():
        click.echo(f"  {fam:15s} {s:6.1f} s")
    for fam, why in rep.skipped.items():
        click.echo(f"  skipped {fam}: {why}")
    for f in rep.registry_files:
        click.echo(f"  wrote registry/{f}")
    for f in rep.card_files:
        click.echo(f"  wrote models/{f}")
