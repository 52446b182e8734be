"""The corpus-store commands: ``ingest``, ``stories``, ``report`` (see store/)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from .progress import progress_bar
from .report import write_reports
from .store import DEFAULT_CHUNK_SIZE, Store, StoreError

stderr = Console(stderr=True, soft_wrap=True)
STAGE_NAMES = {"read": "adding articles", "grouping": "grouping stories", "stories": "analysing stories"}
PARTIAL_EXIT = 3
"""Exit status of an ingest in which the analysis of some stories failed in part (as
``analyze``'s): the store is written, those stories hold their errors."""



StoreOption = Annotated[Path, typer.Option("--store", help="The corpus store (an SQLite file).")]


def _n(count: int, noun: str) -> str:
    """'1 article', '2 articles', '1 story', '3 stories'."""
    if count == 1:
        return f"1 {noun}"
    return f"{count} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"


def _say(message: str) -> None:
    stderr.print(f"storydiff: {message}", markup=False, highlight=False)


def _fail(message: str, code: int = 1) -> typer.Exit:
    _say(f"error: {message}")
    return typer.Exit(code)


def ingest_command(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders (recursive); '-' reads JSON lines from stdin.")],
    store_path: StoreOption,
    chunk_size: Annotated[int, typer.Option("--chunk-size", min=1, help="Inputs per committed chunk.")] = DEFAULT_CHUNK_SIZE,
    defer_analysis: Annotated[
        bool, typer.Option("--defer-analysis", help="Only add and assign; `storydiff refresh` (or the next ingest) analyses the changed stories.")
    ] = False,
) -> None:
    """Add articles to a store: new ones join or open stories; changed stories are re-analysed."""
    for item in inputs:
        if item != "-" and not Path(item).exists():
            raise _fail(f"{item}: no such file or folder", 2)
    try:
        with Store.open(store_path) as store, progress_bar(stderr, STAGE_NAMES) as progress:
            result = store.ingest(inputs, progress=progress, chunk_size=chunk_size, analyse=not defer_analysis)
            counts = store.counts()
    except StoreError as error:
        raise _fail(str(error))
    except Exception as error:  # the last guard: one line, never a traceback
        raise _fail(f"{type(error).__name__}: {error}")
    for skipped in result.skipped:
        _say(f"skipped {skipped.source_path}: {skipped.reason}")
    for story in result.failed:
        _say(f"{story}: the analysis failed in part (see errors in `storydiff report {story}`)")
    if not result.added:
        _say(f"nothing new: {_n(result.already_stored, 'article')} already in the store, {len(result.skipped)} skipped"
             + (f"; finished {_n(result.analysed_stories, 'story')} left over" if result.analysed_stories else ""))
    else:
        _say(
            f"added {_n(result.added, 'article')} ({_n(result.copies, 'copy')} of others), {result.already_stored} "
            f"already in the store, {len(result.skipped)} skipped; {_n(result.new_stories, 'new story')}, "
            f"{_n(result.analysed_stories, 'story')} analysed"
            + (f", {len(result.failed)} of them with failed stages" if result.failed else "")
            + (f"; {_n(len(result.deferred), 'large story')} left for `storydiff refresh`" if result.deferred else "")
        )
    waiting = f", {counts['dirty']} waiting for analysis" if counts["dirty"] else ""
    _say(f"{store_path}: {_n(counts['documents'], 'article')}, {_n(counts['stories'], 'story')}{waiting}")
    if result.failed:
        raise typer.Exit(PARTIAL_EXIT)


def refresh_command(store_path: StoreOption) -> None:
    """Analyse the stories waiting: large ones an ingest left stale, and any an interrupted
    or --defer-analysis ingest left."""
    failed: list[str] = []
    try:
        with Store.open(store_path, create=False) as store, progress_bar(stderr, STAGE_NAMES) as progress:
            analysed = store.refresh(progress, failed)
    except StoreError as error:
        raise _fail(str(error))
    except Exception as error:  # the last guard: one line, never a traceback
        raise _fail(f"{type(error).__name__}: {error}")
    for story in failed:
        _say(f"{story}: the analysis failed in part (see errors in `storydiff report {story}`)")
    _say(f"{store_path}: {_n(analysed, 'story')} analysed" if analysed else f"{store_path}: nothing waiting")
    if failed:
        raise typer.Exit(PARTIAL_EXIT)


def stories_command(
    store_path: StoreOption,
    since: Annotated[Optional[str], typer.Option(help="Stories still running on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Stories begun on or before this date (YYYY-MM-DD).")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Stories that this outlet reported.")] = None,
    text: Annotated[Optional[str], typer.Option(help="Words in the headline or a document's title.")] = None,
    min_sources: Annotated[int, typer.Option("--min-sources", help="At least this many outlets.")] = 0,
    min_conflicts: Annotated[int, typer.Option("--min-conflicts", help="At least this many conflicts.")] = 0,
    limit: Annotated[Optional[int], typer.Option(help="At most this many stories.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
) -> None:
    """List a store's stories, newest first."""
    try:
        with Store.open(store_path, readonly=True) as store:
            found = store.stories(
                since=since, until=until, outlet=outlet, text=text,
                min_sources=min_sources, min_conflicts=min_conflicts, limit=limit,
            )
    except StoreError as error:
        raise _fail(str(error))
    if as_json:
        for s in found:
            sys.stdout.write(json.dumps(s.model_dump(), ensure_ascii=False) + "\n")
        return
    table = Table("story", "dates", "docs", "outlets", "conflicts", "headline", box=None)
    for s in found:
        dates = s.date_start or "undated"
        if s.date_end and s.date_end != s.date_start:
            dates += f"..{s.date_end}"
        table.add_row(s.id, dates, str(s.documents), str(len(s.outlets)), str(s.conflicts),
                      s.headline + ("" if s.analysed else "  (new articles: run storydiff refresh)" if s.stale
                                    else "  (not analysed yet)")
                      + (f"  (analysis failed in {_n(s.errors, 'stage')})" if s.errors else ""))
    Console(soft_wrap=True).print(table)
    _say(f"{len(found)} stories")


def report_command(
    story_id: Annotated[str, typer.Argument(help="A story id from `storydiff stories` (S1, S2, ...).")],
    store_path: StoreOption,
    json_path: Annotated[Optional[Path], typer.Option("--json", help="Write the JSON report here ('-' for stdout).")] = None,
    html_path: Annotated[Optional[Path], typer.Option("--html", help="Write the HTML report here.")] = None,
    markdown_path: Annotated[Optional[Path], typer.Option("--markdown", help="Write the Markdown report here.")] = None,
) -> None:
    """Render one story of a store as JSON, HTML or Markdown."""
    try:
        with Store.open(store_path, readonly=True) as store:
            report = store.report(story_id)
    except StoreError as error:
        raise _fail(str(error))
    for path in write_reports(report, json_path, html_path, markdown_path):
        _say(f"wrote {path}")


def register(app: typer.Typer) -> None:
    """Add the store commands to the command line."""
    app.command("ingest")(ingest_command)
    app.command("refresh")(refresh_command)
    app.command("stories")(stories_command)
    app.command("report")(report_command)
