"""The command line: a thin layer over ``storydiff.analyze`` and the report writers."""

from __future__ import annotations

import signal
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from . import __version__, cli_store
from .watch import cli as watch_cli
from .web import cli as web_cli
from .model import Story
from .pipeline import NothingToAnalyse, analyze, analyze_stream
from .progress import progress_bar
from .report import json_schema, write_json_stream, write_reports
from .settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
stderr = Console(stderr=True, soft_wrap=True)  # one line per message, never wrapped

class Engine(str, Enum):
    """Values of ``analyze --engine`` (see storydiff.engines)."""

    local = "local"
    dask = "dask"


STAGE_NAMES = {"read": "reading and cleaning", "parse": "parsing", "stories": "analysing stories"}

PARTIAL_EXIT = 3
"""Exit status of a run that wrote its report, but in which the analysis of some stories
failed (their ``errors`` say where): 0 is all well, 1 no report, 2 a usage error."""


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
    # JSON alone from the local engine is written story by story, as the stories are
    # analysed: memory then holds one story's analysis, whatever the corpus's size. HTML
    # and Markdown are laid out from the whole report.
    streaming = engine is Engine.local and not html_path and not markdown_path
    try:
        with progress_bar(stderr, STAGE_NAMES, show_progress) as progress:
            if streaming:
                header, stories = analyze_stream(inputs, settings=settings, progress=progress)
                tally = _Tally()
                json_file = write_json_stream(header, tally.counted(stories), json_path or Path("-"))
                written = [json_file] if json_file else []
            else:
                report = analyze(
                    inputs,
                    settings=settings,
                    progress=progress,
                    engine=engine.value,
                    scheduler=scheduler,
                    workers=workers,
                    work_dir=work_dir,
                )
                header, tally = report, _Tally()
                for story in report.stories:
                    tally.count(story)
                written = write_reports(report, json_path, html_path, markdown_path)
    except NothingToAnalyse as error:
        stderr.print(f"storydiff: error: {error}", markup=False, highlight=False)
        raise typer.Exit(1)
    except Exception as error:  # the last guard: one line, never a traceback
        stderr.print(f"storydiff: error: {type(error).__name__}: {error}", markup=False, highlight=False)
        raise typer.Exit(1)

    for skipped in header.skipped:
        stderr.print(f"storydiff: skipped {skipped.source_path}: {skipped.reason}", markup=False, highlight=False)
    for path in written:
        stderr.print(f"storydiff: wrote {path}", markup=False, highlight=False)
    failed = f", {tally.failed} with failed stages (see errors in the report)" if tally.failed else ""
    stderr.print(
        f"storydiff: {len(header.documents)} documents, {len(header.duplicate_groups)} duplicate groups, "
        f"{tally.stories} stories{failed}, {tally.conflicts} conflicts, {len(header.skipped)} skipped",
        markup=False,
        highlight=False,
    )
    if tally.failed:
        raise typer.Exit(PARTIAL_EXIT)


class _Tally:
    """Stories, conflicts and stories with errors counted as the stories pass (a streamed
    report is not kept)."""

    def __init__(self) -> None:
        self.stories = 0
        self.conflicts = 0
        self.failed = 0

    def count(self, story: Story) -> None:
        self.stories += 1
        self.conflicts += sum(1 for c in story.comparisons if c.status == "conflict")
        self.failed += bool(story.errors)

    def counted(self, stories: Iterable[Story]) -> Iterator[Story]:
        for story in stories:
            self.count(story)
            yield story


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the report."""
    typer.echo(json_schema())


cli_store.register(app)
watch_cli.register(app)
web_cli.register(app)


def main() -> None:
    # A terminated run (SIGTERM: a job scheduler, `kill`) exits through Python's
    # unwinding, as Ctrl-C does: a half-written streamed report is removed, a store's
    # open transaction is rolled back, the parsing child is stopped.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    app()


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)
