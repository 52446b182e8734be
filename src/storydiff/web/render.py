"""Story pages rendered to bytes, apart from the web app (no FastAPI here).

A store renders a story's page when it stores the story's analysis (``Store`` keeps it,
compressed, with the story's version and ``RENDERER``), so that ``storydiff serve`` sends
a page it never lays out itself; the app renders only what the store lacks. A page is
rendered with a mark in its ``<body>`` tag, where the store's change token and the poll
interval go: ``StoryPage.body`` sets them as it serves the page (no escaped text can forge
a ``<body`` tag, so the first one is the page's own)."""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from .. import __version__
from ..model import Report
from ..report.html import _environment as report_environment
from ..report.html import article_bodies
from ..report.views import story_views

STATE_MARK = Markup("\x1estate\x1e")
_BODY_MARK = b'<body data-state="\x1estate\x1e" data-poll="0">'


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The report's templates and globals, with the app's own templates first."""
    report_env = report_environment()
    env = Environment(
        loader=ChoiceLoader([PackageLoader("storydiff.web", "templates"), report_env.loader]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(report_env.globals)
    return env


@lru_cache(maxsize=1)
def renderer() -> str:
    """What a stored page was rendered by: storydiff's version and a digest of the templates
    and of the code that lays a story out. A page of another renderer is rendered again."""
    digest = hashlib.blake2b(__version__.encode(), digest_size=8)
    for package, pattern in (("storydiff.web", "templates"), ("storydiff.report", "templates")):
        folder = resources.files(package) / pattern
        for item in sorted(folder.iterdir(), key=lambda i: i.name):
            if item.is_file():
                digest.update(item.name.encode() + item.read_bytes())
    for package, name in (("storydiff.report", "views.py"), ("storydiff.report", "html.py"), ("storydiff.web", "render.py")):
        digest.update((resources.files(package) / name).read_bytes())
    return digest.hexdigest()


@dataclass
class StoryPage:
    """A rendered story page, split where its ``<body>`` tag goes."""

    before: bytes
    after: bytes

    def body(self, state: str, poll_ms: int) -> bytes:
        tag = f'<body data-state="{escape(state)}" data-poll="{int(poll_ms)}">'.encode()
        return self.before + tag + self.after

    @classmethod
    def from_html(cls, html: bytes) -> StoryPage:
        at = html.index(_BODY_MARK)
        return cls(html[:at], html[at + len(_BODY_MARK) :])

    @classmethod
    def from_stored(cls, blob: bytes) -> StoryPage:
        return cls.from_html(zlib.decompress(blob))


def render_story_page(report: Report, storyline: list[tuple[str, str, str | None]]) -> bytes:
    """The story page of a one-story report, with the mark in its ``<body>`` tag."""
    views = story_views(report)
    return environment().get_template("story_page.html.j2").render(
        poll_ms=0, state=STATE_MARK, report=report, views=views, articles=article_bodies(views), storyline=storyline,
    ).encode("utf-8")


def stored_story_page(report: Report) -> bytes | None:
    """The page to keep in a store (compressed), or None for a story whose page lists its
    storyline (other stories change that list: the app renders such pages itself)."""
    story = report.stories[0] if report.stories else None
    if story is None or getattr(story, "storyline", None):
        return None
    return zlib.compress(render_story_page(report, []), 6)
