"""The local engine: the whole analysis in this process (``storydiff.pipeline``).

The reference that every other engine's Report must equal."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..model import Report
from ..pipeline import ProgressCallback, _no_progress, analyze
from ..settings import Settings


def run_local(
    inputs: Iterable[str | Path] | str | Path,
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
) -> Report:
    return analyze(inputs, settings, progress or _no_progress, engine="local")
