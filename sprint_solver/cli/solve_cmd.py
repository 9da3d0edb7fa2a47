"""``sprint-solver solve "<question>"``: answer a question with its step-by-step trace."""
from __future__ import annotations

import json
import sys

import click



def _parse_models(pairs: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for p in pairs:
        if "=" not in p:
            raise click.BadParameter(f"expected SLOT=NAME (e.g. wind_model=moinat), got {p!r}", param_hint="--model")
        k, v = p.split("=", 1)
        out[k.strip()] = v.strip()
    return out


@click.command()
@click.argument("question", required=False)
@click.option("--request", "request_json", default=None,
              help='a structured request instead of a question: \'{"calculation": ..., "params": {...}}\'')
@click.option("--json", "as_json", is_flag=True, help="print solution.model_dump() as JSON (the machine contract)")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "latex"]), default="text", show_default=True,
              help="how to render the trace")
@click.option("--model", "models", multiple=True, metavar="SLOT=NAME",
              help="choose a model per family, e.g. --model wind_model=moinat (repeatable)")
@click.option("--wind-model", default=None, help="shorthand for --model wind_model=NAME (mureika, moinat, fitted)")
@click.option("--verify/--no-verify", "do_verify", default=False,
              help="re-evaluate every step and report the check (exit 1 on a mismatch)")
def solve(question: str | None, request_json: str | None, as_json: bool, fmt: str, models: tuple[str, ...],
          wind_model: str | None, do_verify: bool) -> None:
    """Answer QUESTION (plain English) or a --request, printing the rendered trace.

    \b
    Examples:
      sprint-solver solve "How much would a 10.0s 100m time be affected by a 2m/s headwind?"
      sprint-solver solve "5 mile run at 8:30 pace" --json
      sprint-solver solve "correct 10.12 (+1.9)" --model wind_model=moinat
    """
    from ..errors import SolverError
    from ..solver import Solver

    if (question is None) == (request_json is None):
        raise click.UsageError("give either a QUESTION or --request")
    opts: dict[str, object] = {}
    chosen = _parse_models(models)
    if wind_model:
        chosen["wind_model"] = wind_model
    if chosen:
        opts["models"] = chosen
    target: object = question
    if request_json is not None:
        try:
            target = json.loads(request_json)
        except ValueError as e:
            raise click.BadParameter(f"not valid JSON: {e}", param_hint="--request") from None
    try:
        sol = Solver.default().solve(target, **opts)  # type: ignore[arg-type]
    except SolverError as e:
        if as_json:
            click.echo(json.dumps({"error": e.to_dict()}, indent=2))
        else:
            click.echo(f"error ({e.error_type}): {e.message}", err=True)
        sys.exit(2)
    check = sol.verify() if do_verify else None
    if as_json:
        out = sol.model_dump(mode="json")
        if check is not None:
            out["verification"] = check.model_dump(mode="json")
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        click.echo(sol.render(fmt))  # type: ignore[arg-type]
        if check is not None:
            click.echo(f"Verification: {'OK' if check.ok else 'FAILED'} ({check.checked} steps re-evaluated)")
            for m in check.mismatches:
                click.echo(f"  step {m.index}: {m.message}")
    if check is not None and not check.ok:
        sys.exit(1)
