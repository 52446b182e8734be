"""The command ``storydiff serve``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from ..settings import Settings
from ..store import StoreError

stderr = Console(stderr=True, soft_wrap=True)


def serve_command(
    store_path: Annotated[Path, typer.Option("--store", help="The corpus store (an SQLite file).")] = Path("news.db"),
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it to this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Server processes (each answers on its own core).")] = 1,
    poll: Annotated[
        Optional[float], typer.Option("--poll", min=0.2, help="Seconds between an open page's checks for changes.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No request log.")] = False,
) -> None:
    """Serve a store's stories as a read-only web app (story list, story and outlet pages, JSON API)."""
    import uvicorn

    from .app import create_app

    settings = Settings(**({"serve_poll_seconds": poll} if poll else {}))
    try:
        app = create_app(store_path, settings)
    except StoreError as error:
        stderr.print(f"storydiff: error: {error}", markup=False, highlight=False)
        raise typer.Exit(1)
    stderr.print(f"storydiff: serving {store_path} on http://{host}:{port}/ (read-only)", markup=False, highlight=False)
    if workers > 1:
        import os

        os.environ["STORYDIFF_SERVE_STORE"] = str(store_path.resolve())
        os.environ["STORYDIFF_SERVE_SETTINGS"] = settings.model_dump_json()
        uvicorn.run("storydiff.web.app:app_from_environment", factory=True, host=host, port=port, workers=workers,
                    log_level="warning" if quiet else "info", access_log=not quiet)
    else:
        uvicorn.run(app, host=host, port=port, log_level="warning" if quiet else "info", access_log=not quiet)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
