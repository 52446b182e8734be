"""The command line: a thin layer over ``storydiff.analyze`` and the report writers."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from . import __version__, cli_store
from .pipeline import NothingToAnalyse, analyze
from .progress import progress_bar
from .report import json_schema, write_reports
from .settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
stderr = Console(stderr=True, soft_wrap=True)  # one line per message, never wrapped

class Engine(str, Enum):
    """Values of ``analyze --engine`` (see storydiff.engines)."""

    local = "local"
    dask = "dask"


STAGE_NAMES = {"read": "reading and cleaning", "parse": "parsing", "stories": "analysing stories"}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"storydiff {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = None,
) -> None:
    """storydiff: compare many news reports of the same story."""


def _count_inputs(inputs: list[str]) -> int:
    count = 0
    for item in inputs:
        path = Path(item)
        count += sum(1 for p in path.rglob("*") if p.is_file()) if path.is_dir() else 1
    return count


@app.command("analyze")
def analyze_command(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders (recursive); '-' reads JSON lines from stdin.")],
    json_path: Annotated[Optional[Path], typer.Option("--json", help="Write the JSON report here ('-' for stdout).")] = None,
    html_path: Annotated[Optional[Path], typer.Option("--html", help="Write the HTML report here.")] = None,
    markdown_path: Annotated[Optional[Path], typer.Option("--markdown", help="Write the Markdown report here.")] = None,
    spacy_model: Annotated[Optional[str], typer.Option(help="spaCy model package or path.")] = None,
    engine: Annotated[
        Engine, typer.Option(help="Where to run: in this process, or on a Dask cluster (same report).")
    ] = Engine.local,
    scheduler: Annotated[
        Optional[str],
        typer.Option(help="Dask engine: the address of a running scheduler, e.g. tcp://host:8786."),
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Dask engine without --scheduler: worker processes of the local cluster.")
    ] = 2,
    work_dir: Annotated[
        Optional[Path],
        typer.Option(help="Dask engine: folder for the Parquet work files, shared by every worker (default: a temporary one)."),
    ] = None,
) -> None:
    """Analyse articles: copies, stories, entities, quotes, claims, conflicts, omissions, framing."""
    if engine is Engine.local and (scheduler or work_dir):
        stderr.print("storydiff: error: --scheduler and --work-dir need --engine dask", markup=False, highlight=False)
        raise typer.Exit(2)
    for item in inputs:
        if item != "-" and not Path(item).exists():
            stderr.print(f"storydiff: error: {item}: no such file or folder", markup=False, highlight=False)
            raise typer.Exit(2)
    settings = Settings(spacy_model=spacy_model) if spacy_model else Settings()
    show_progress = _count_inputs([i for i in inputs if i != "-"]) > settings.progress_threshold or "-" in inputs
    try:
        with progress_bar(stderr, STAGE_NAMES, show_progress) as progress:
            report = analyze(
                inputs,
                settings=settings,
                progress=progress,
                engine=engine.value,
                scheduler=scheduler,
                workers=workers,
                work_dir=work_dir,
            )
    except NothingToAnalyse as error:
        stderr.print(f"storydiff: error: {error}", markup=False, highlight=False)
        raise typer.Exit(1)
    except Exception as error:  # the last guard: one line, never a traceback
        stderr.print(f"storydiff: error: {type(error).__name__}: {error}", markup=False, highlight=False)
        raise typer.Exit(1)

    for skipped in report.skipped:
        stderr.print(f"storydiff: skipped {skipped.source_path}: {skipped.reason}", markup=False, highlight=False)
    for path in write_reports(report, json_path, html_path, markdown_path):
        stderr.print(f"storydiff: wrote {path}", markup=False, highlight=False)
    n_conflicts = sum(1 for s in report.stories for c in s.comparisons if c.status == "conflict")
    stderr.print(
        f"storydiff: {len(report.documents)} documents, {len(report.duplicate_groups)} duplicate groups, "
        f"{len(report.stories)} stories, {n_conflicts} conflicts, {len(report.skipped)} skipped",
        markup=False,
        highlight=False,
    )


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the report."""
    typer.echo(json_schema())


cli_store.register(app)


def main() -> None:
    app()
