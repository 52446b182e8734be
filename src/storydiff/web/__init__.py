"""``storydiff serve``: a read-only web app over a store.

``reader`` (the store, read-only, per thread), ``api`` (JSON API, OpenAPI), ``pages``
(story list, story, outlet pages), ``render`` (a story page as bytes, which a store keeps
beside the analysis), ``outlets`` (an outlet's coverage, omissions and labels), ``app``
(the FastAPI app and its security headers), ``cli`` (the command).
"""


def __getattr__(name: str):
    # create_app imports FastAPI: only when asked for (a store renders pages without it)
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(name)


__all__ = ["create_app"]
