"""``storydiff serve``: a read-only web app over a store (FastAPI on uvicorn).

Pages (story list, story, outlet) are rendered with the HTML report's Jinja templates;
the JSON API and its OpenAPI schema come from ``api``. Safety: the store is opened
read-only; every text is escaped by Jinja's autoescape; each response carries a strict
Content-Security-Policy (only this app's own script, style and JSON; no other origin,
no inline script, no frames); the server binds 127.0.0.1 unless told otherwise.
Speed: rendered story pages are kept as bytes (``serve_cache_pages``) with the version of
the story they show (``Store.story_version``), and checked again only when the store's
change token moves (asked at most once per ``serve_state_seconds``): a page is rendered
once per change of its story, and a cached one costs no query, parsing or rendering.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..settings import Settings
from .api import build_router
from .pages import build_pages
from .reader import StoreReader

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
"""No inline script, no other origin: an article's text that slipped through escaping
still could not run or load anything."""

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class _SecurityHeaders:
    """Adds ``HEADERS`` to every response (plain ASGI: no cost per request beyond that)."""

    def __init__(self, app):
        self.app = app
        self._headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in HEADERS.items()]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                present = {name for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in self._headers if h[0] not in present]
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(store_path: str | Path, settings: Settings | None = None) -> FastAPI:
    """The app over the store at ``store_path``; raises ``StoreError`` when it cannot be read."""
    settings = settings or Settings()
    app = FastAPI(
        title="storydiff",
        version=__version__,
        description="Stories from a storydiff store: what outlets agree on, dispute and leave out. Read-only.",
        docs_url=None,  # the interactive docs load scripts from a CDN: no external requests
        redoc_url=None,
    )
    app.state.reader = StoreReader(store_path, settings.serve_state_seconds)
    app.state.settings = settings
    app.add_middleware(_SecurityHeaders)
    app.include_router(build_router())
    app.include_router(build_pages(settings))
    app.mount("/static", StaticFiles(packages=[("storydiff.web", "static")]), name="static")
    return app


def app_from_environment() -> FastAPI:
    """The app for a server process started by ``serve --workers N`` (uvicorn imports it)."""
    import os

    return create_app(os.environ["STORYDIFF_SERVE_STORE"], Settings.model_validate_json(os.environ["STORYDIFF_SERVE_SETTINGS"]))
