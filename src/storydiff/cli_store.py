"""The corpus-store commands (ingest, stories, report): see store.py."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the store commands to the command line."""
