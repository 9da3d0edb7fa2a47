"""``sprint-solver export``: trios -> fine-tuning formats with a train/validation split."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..trios.export import DEFAULT_SYSTEM, FORMATS


@click.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="openai (plain), openai-tools (tool-use transcript), alpaca, sharegpt (LLaMA-Factory), hf")
@click.argument("src", type=click.Path(exists=True, path_type=Path))
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--val-fraction", type=float, default=0.1, show_default=True,
              help="share of each calculation type that goes to validation")
@click.option("--split-seed", type=int, default=0, show_default=True)
@click.option("--system", default=None, help="system prompt (default: a short assistant description)")
@click.option("--name", default="sprint_trios", show_default=True, help="dataset name in dataset_info.json")
def export(fmt, src, out, val_fraction, split_seed, system, name):
    """Export the kept trios in SRC (trios.jsonl or a run directory) to OUT (a directory).

    \b
    sprint-solver export --format openai-tools trios-demo ft-openai
    sprint-solver export --format sharegpt trios-demo/trios.jsonl ft-llamafactory
    """
    from ..trios.export import export as run_export

    try:
        s = run_export(fmt, src, out, val_fraction=val_fraction, split_seed=split_seed,
                       system=system or DEFAULT_SYSTEM, name=name)
    except (ValueError, FileNotFoundError) as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)
    parts = ", ".join(f"{k}: {s['counts'][k]} rows -> {out / f}" for k, f in s["files"].items())
    click.echo(f"{fmt}: {parts}")
    if "dataset_info" in s:
        click.echo(f"dataset_info.json entries: {json.dumps(sorted(s['dataset_info']))} -> {out / 'dataset_info.json'}")
