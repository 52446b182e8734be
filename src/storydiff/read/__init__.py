"""Readers: one per input kind. ``read_inputs`` walks files and folders and yields
``RawDocument`` for every article and ``Skipped`` for every input that could not be read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import RawDocument, Skipped


def read_inputs(inputs: Iterable[str | Path]) -> Iterator[RawDocument | Skipped]:
    """Files or folders (recursive); ``"-"`` reads JSON lines from stdin."""
    raise NotImplementedError  # owned by the readers work
