"""Engines: where the analysis runs. ``local`` is the in-process pipeline; ``dask`` spreads
reading, cleaning and the per-story analysis over a Dask cluster. Both give the same Report.

``storydiff.analyze(..., engine=...)`` dispatches here; the dask engine is imported only
when asked for, so the local path never pays for importing dask."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..model import Report
from ..pipeline import ProgressCallback
from ..settings import Settings

ENGINES = ("local", "dask")


def run_engine(
    engine: str,
    inputs: Iterable[str | Path] | str | Path,
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    work_dir: str | Path | None = None,
) -> Report:
    """Run ``storydiff.analyze`` on the named engine."""
    if engine == "local":
        from .local import run_local

        return run_local(inputs, settings, progress)
    if engine == "dask":
        from .dask import run_dask

        return run_dask(inputs, settings, progress, scheduler=scheduler, workers=workers, work_dir=work_dir)
    raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
