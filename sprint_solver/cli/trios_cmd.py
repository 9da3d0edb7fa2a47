"""``sprint-solver trios``: generate query-solution-answer trios in batch."""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click


def _read(path: Path | None) -> str | None:
    return path.read_text("utf-8") if path else None


@click.command()
@click.option("--n", "n", type=int, default=None,
              help="questions to process (default 1000; with --questions, every question in the file)")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="run directory")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--teacher", type=click.Choice(["template", "openai"]), default="template", show_default=True)
@click.option("--workers", type=int, default=0, help="worker processes (0 = 2 for template, 1 for openai)")
@click.option("--backend", type=click.Choice(["loky", "dask", "sequential"]), default="loky", show_default=True)
@click.option("--scheduler", default=None, help="Dask scheduler address (tcp://host:8786) for --backend dask")
@click.option("--resume", is_flag=True, help="continue an interrupted run in --out (refused if the config changed)")
@click.option("--retry-failed", is_flag=True, help="with --resume: ask again where the teacher call failed")
@click.option("--chunk-size", type=int, default=0, help="questions per task (0 = automatic)")
@click.option("--calculations", default=None, help="comma-separated calculation types (default: all registered)")
@click.option("--questions", type=click.Path(exists=True, dir_okay=False), default=None,
              help="JSONL or text file of your own questions instead of the generator")
@click.option("--no-calc-fraction", type=float, default=0.10, show_default=True,
              help="share of questions that need no calculation")
@click.option("--comparison-fraction", type=float, default=0.08, show_default=True)
@click.option("--compound-fraction", type=float, default=0.08, show_default=True)
@click.option("--near-duplicates", type=click.Choice(["skeleton", "minhash", "off"]), default="skeleton",
              show_default=True)
@click.option("--derived-numbers", type=click.Choice(["off", "differences", "differences+percent"]),
              default="differences+percent", show_default=True,
              help="numbers an answer may derive from the solver's: differences of two numbers of one unit, "
                   "and percentages (for LLM teachers; off = only numbers the solver wrote)")
@click.option("--base-url", default=None, help="OpenAI-compatible base URL (env OPENAI_BASE_URL)")
@click.option("--model", default=None, help="teacher model (env SPRINT_SOLVER_TEACHER_MODEL)")
@click.option("--api-key-env", default="OPENAI_API_KEY", show_default=True,
              help="environment variable with the API key (local servers accept any)")
@click.option("--temperature", type=float, default=0.2, show_default=True)
@click.option("--max-tokens", type=int, default=700, show_default=True)
@click.option("--concurrency", type=int, default=8, show_default=True, help="requests in flight per worker")
@click.option("--timeout", type=float, default=60.0, show_default=True, help="seconds per request")
@click.option("--max-attempts", type=int, default=5, show_default=True)
@click.option("--price-in", type=float, default=0.0, help="USD per million input tokens")
@click.option("--price-out", type=float, default=0.0, help="USD per million output tokens")
@click.option("--budget", type=float, default=None, help="stop dispatching when this many USD are spent")
@click.option("--no-cache", is_flag=True, help="do not cache teacher responses")
@click.option("--system-prompt", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None)
@click.option("--prompt-template", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="user-message template with {question} {solution} {result} {method} {assumptions} {request}")
@click.option("--judge", is_flag=True, help="add an LLM judge check (same client)")
@click.option("--judge-model", default=None)
@click.option("--no-progress", is_flag=True)
@click.option("--quiet", "-q", is_flag=True, help="print only the manifest path")
def trios(n, out, seed, teacher, workers, backend, scheduler, resume, retry_failed, chunk_size, calculations, questions,
          no_calc_fraction, comparison_fraction, compound_fraction, near_duplicates, derived_numbers, base_url, model, api_key_env,
          temperature, max_tokens, concurrency, timeout, max_attempts, price_in, price_out, budget, no_cache,
          system_prompt, prompt_template, judge, judge_model, no_progress, quiet):
    """Generate N validated query-solution-answer trios into OUT.

    \b
    sprint-solver trios --n 1000 --out trios-demo
    sprint-solver trios --n 5000 --out run1 --teacher openai --base-url http://localhost:8000/v1 --model qwen
    sprint-solver trios --n 100000 --out big --backend dask --scheduler tcp://scheduler-host:8786
    """
    from ..trios import JudgeConfig, RunConfig, RunError, TeacherConfig, run_trios

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    tc = TeacherConfig(kind=teacher, base_url=base_url, model=model, api_key_env=api_key_env,
                       temperature=temperature, max_tokens=max_tokens, timeout_s=timeout, max_attempts=max_attempts,
                       concurrency=concurrency, price_in_per_mtok=price_in, price_out_per_mtok=price_out,
                       cache=not no_cache, system=_read(system_prompt), template=_read(prompt_template))
    if n is None:
        n = 10 ** 9 if questions else 1000
    cfg = RunConfig(n=n, out=str(out), seed=seed, teacher=tc, workers=workers, backend=backend, scheduler=scheduler,
                    chunk_size=chunk_size, questions=questions, no_calculation=no_calc_fraction,
                    comparison=comparison_fraction, compound=compound_fraction, near_duplicates=near_duplicates,
                    derived_numbers=derived_numbers,
                    calculations=[c.strip() for c in calculations.split(",")] if calculations else None,
                    judge=JudgeConfig(enabled=judge, model=judge_model), budget_usd=budget,
                    progress=not (no_progress or quiet))
    try:
        m = run_trios(cfg, resume=resume, retry_failed=retry_failed)
    except (RunError, ValueError) as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)
    if quiet:
        click.echo(str(out / "manifest.json"))
        return
    c, a = m["counts"], m["approval"]
    click.echo(f"{m['status']}: {c['kept']} kept, {c['rejected']} rejected, {c['duplicates']} duplicates "
               f"-> {out}/trios.jsonl  (approval {_pct(a['overall'])}, {m['timing']['rows_per_s_this_session']} rows/s)")
    for name, v in a["per_check"].items():
        click.echo(f"  check {name:10s} {v['passed']:>8}/{v['evaluated']:<8} {_pct(v['rate'])}")
    for name, v in a["per_calculation"].items():
        click.echo(f"  {name:28s} {v['kept']:>8}/{v['total']:<8} {_pct(v['rate'])}")
    if m["usage"]["input_tokens"] or m["usage"]["cost_usd"]:
        u = m["usage"]
        click.echo(f"  tokens {u['input_tokens']} in / {u['output_tokens']} out, cost ${u['cost_usd']:.4f}, "
                   f"{u['cached_responses']} cached")
    if m["skipped_calculations"]:
        click.echo(f"  skipped calculation types: {json.dumps(m['skipped_calculations'])}")
    click.echo(f"  manifest: {out}/manifest.json, dataset card: {out}/README.md")


def _pct(x):
    return "n/a" if x is None else f"{100 * x:.1f} %"
