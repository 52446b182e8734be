"""``storydiff serve``: a read-only web app over a store.

``reader`` (the store, read-only, per thread), ``api`` (JSON API, OpenAPI), ``pages``
(story list, story, outlet pages), ``outlets`` (an outlet's coverage, omissions and
labels), ``app`` (the FastAPI app and its security headers), ``cli`` (the command).
"""

from .app import create_app

__all__ = ["create_app"]
