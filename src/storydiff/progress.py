"""The command line's progress bars (one per stage, on stderr, gone when done)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .pipeline import ProgressCallback


@contextmanager
def progress_bar(console: Console, names: dict[str, str], show: bool = True) -> Iterator[ProgressCallback]:
    """A ``progress(stage, done, total)`` callback drawing one bar per stage on ``console``
    (stderr: results go to files or stdout). ``total`` 0 means unknown."""
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, disable=not show, transient=True,
    ) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(names.get(stage, stage), total=total or None)
            bar.update(tasks[stage], completed=done, total=total or None)

        yield progress
