"""``sprint-solver models [--json] [--family F] [--kind physics|fitted]`` and ``models show NAME``."""
from __future__ import annotations

import json
import sys
from typing import Any

import click

from ..errors import SolverError


def card_summary(spec) -> dict[str, Any]:
    """What ``models --json`` lists for each card (fitted cards add metrics and comparisons)."""
    io = lambda xs: [{k: v for k, v in {"name": x.name, "unit": x.unit, "min": x.min, "max": x.max,  # noqa: E731
                                         "valid_min": x.valid_min, "valid_max": x.valid_max,
                                         "choices": x.choices, "default": x.default}.items() if v is not None}
                     for x in xs]
    d: dict[str, Any] = {"name": spec.name, "version": spec.version, "family": spec.family, "kind": spec.kind,
                         "summary": spec.summary, "equation": spec.equation, "inputs": io(spec.inputs),
                         "outputs": io(spec.outputs), "references": [r.key for r in spec.references]}
    if spec.kind == "fitted":
        d["metrics"] = spec.metrics
        d["comparisons"] = spec.comparisons
        d["uncertainty"] = spec.uncertainty
        d["provenance"] = {k: v for k, v in (spec.provenance or {}).items() if k != "files_sha256"}
    return d


def markdown_table(specs, defaults) -> str:
    """The README's model table, generated from the cards so it cannot drift from them."""
    rows = ["| model | kind | source | data | limitations |", "|---|---|---|---|---|"]
    for s in specs:
        name = f"`{s.name}`" + (" (default)" if s.name in defaults.get(s.family, ()) else "")
        data = ", ".join((s.provenance or {}).get("datasets", [])) if s.kind == "fitted" else "published coefficients"
        limits = "; ".join(s.validity[:2]).replace("|", "/")
        rows.append(f"| {name} | {s.kind} | {'; '.join(r.key for r in s.references)} | {data} | {limits} |")
    return "\n".join(rows)


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="machine-readable output")
@click.option("--family", default=None, help="only this family (wind, altitude, heat, lanes, ...)")
@click.option("--kind", type=click.Choice(["physics", "fitted"]), default=None)
@click.option("--markdown", "as_markdown", is_flag=True, help="a markdown table (source, data, limitations)")
@click.pass_context
def models(ctx: click.Context, as_json: bool, family: str | None, kind: str | None, as_markdown: bool) -> None:
    """List the model cards in the registry (use `models show NAME` for one card)."""
    if ctx.invoked_subcommand is not None:
        return
    from ..registry import FAMILY_DEFAULTS, Registry
    try:
        reg = Registry.default()
    except SolverError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)
    ms = reg.list(family=family, kind=kind)
    if as_markdown:
        click.echo(markdown_table([m.spec for m in ms], FAMILY_DEFAULTS))
        return
    if as_json:
        click.echo(json.dumps({"registry": str(reg.path), "version_hash": reg.version_hash,
                               "defaults": FAMILY_DEFAULTS,
                               "models": [card_summary(m.spec) for m in ms]}, indent=2, sort_keys=True))
        return
    for m in ms:
        s = m.spec
        mark = "*" if s.name in FAMILY_DEFAULTS.get(s.family, ()) else " "
        click.echo(f"{mark} {s.name:38s} {s.version:7s} {s.kind:8s} {s.summary}")
    click.echo(f"\n{len(ms)} model(s); * = family default. `sprint-solver models show NAME` for a card.")


@models.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="print the full card as JSON")
def show(name: str, as_json: bool) -> None:
    """Show one model card (NAME or NAME@VERSION)."""
    from ..registry import Registry
    try:
        m = Registry.default().get(name)
    except SolverError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)
    s = m.spec
    if as_json:
        click.echo(json.dumps(s.model_dump(mode="json"), indent=2, sort_keys=True))
        return
    click.echo(f"{s.name} @ {s.version}  [{s.kind}, family {s.family}]")
    click.echo(s.summary)
    click.echo(f"equation: {s.equation}")
    click.echo("inputs:")
    for i in s.inputs:
        rng = f"choices {i.choices}" if i.choices else f"range [{i.min}, {i.max}], validated [{i.valid_min}, {i.valid_max}]"
        click.echo(f"  {i.name} [{i.unit}] {i.description}; {rng}" + ("" if i.required else f"; default {i.default}"))
    click.echo("outputs:")
    for o in s.outputs:
        click.echo(f"  {o.name} [{o.unit}] {o.description}")
    if s.comparisons:
        click.echo("comparison with published values:")
        for c in s.comparisons:
            click.echo(f"  {c.get('source')}: {c.get('quantity')}: published {c.get('published')}"
                       + (f" ± {c['published_pm']}" if c.get("published_pm") is not None else "")
                       + f", fitted {c.get('fitted')} CI {c.get('ci')}")
    if s.uncertainty:
        click.echo(f"uncertainty: {s.uncertainty.get('method')} (n = {s.uncertainty.get('n')})")
    if s.provenance:
        p = s.provenance
        click.echo(f"data: {', '.join(p.get('datasets', []))}; rows used {p.get('rows_used')}; "
                   f"dropped {p.get('rows_dropped')}")
    click.echo("references: " + "; ".join(r.key for r in s.references))
    for v in s.validity:
        click.echo(f"  limitation: {v}")
