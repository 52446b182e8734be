"""The HTML pages: the story list, a story (the HTML report's view of it), an outlet."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ..report.html import _environment as report_environment
from ..settings import Settings
from ..store import StoreError
from .outlets import outlet_view
from .reader import StoreReader, StoryFilters, storyline_of, storyline_stories
from .render import StoryPage, environment, render_story_page, renderer


class _PageCache:
    """Rendered pages by key, the least recently used dropped past ``size``."""

    def __init__(self, size: int):
        self._pages: OrderedDict[tuple, object] = OrderedDict()
        self._size = size
        self._lock = Lock()

    def get(self, key: tuple):
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: tuple, page) -> None:
        with self._lock:
            self._pages[key] = page
            while len(self._pages) > self._size:
                self._pages.popitem(last=False)


@dataclass
class _CachedStory:
    """A story page held in memory: the page, the story version it shows, and the change
    token it was last found current under (checked again only when the token moves)."""

    page: StoryPage
    version: int | None
    state: str
    live_storyline: bool
    """The page lists its storyline's stories, which change with other stories: rendered
    again whenever the store changes, not only when its own story does."""


def _filters(request: Request) -> tuple[StoryFilters, str | None]:
    """The list's filters from the query string; an error message for a bad number."""
    q = request.query_params
    error = None
    numbers = {}
    for name in ("min_sources", "min_conflicts"):
        value = q.get(name, "").strip()
        try:
            numbers[name] = max(0, int(value)) if value else 0
        except ValueError:
            numbers[name] = 0
            error = f"{name.replace('_', ' ')} {value!r}: not a whole number"
    filters = StoryFilters(
        since=q.get("since") or None, until=q.get("until") or None, outlet=q.get("outlet") or None,
        text=q.get("text") or None, **numbers,
    )
    return filters, error


def build_pages(settings: Settings) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    cache = _PageCache(settings.serve_cache_pages)
    poll_ms = int(settings.serve_poll_seconds * 1000)

    def page(request: Request | None, template: str, status: int = 200, reader: StoreReader | None = None,
             **context) -> HTMLResponse:
        reader = reader or request.app.state.reader
        html = environment().get_template(template).render(
            poll_ms=poll_ms, state=reader.state(), **context
        )
        return HTMLResponse(html, status_code=status)

    @router.get("/", response_class=HTMLResponse)
    def story_list(request: Request) -> HTMLResponse:
        reader: StoreReader = request.app.state.reader
        filters, error = _filters(request)
        try:
            offset = max(0, int(request.query_params.get("offset", "0") or 0))
        except ValueError:
            offset = 0
        stories, total = [], 0
        if error is None:
            try:
                found = reader.stories(filters)
                total, stories = len(found), found[offset : offset + settings.serve_page_size]
            except StoreError as problem:
                error = str(problem)
        more = None
        if offset + settings.serve_page_size < total:
            more = "?" + urlencode({**filters.query(), "offset": offset + settings.serve_page_size})
        return page(request, "list.html.j2", 400 if error else 200, filters=filters, stories=stories, total=total,
                    offset=offset, more=more, error=error, outlets=reader.outlets()[:50])

    def render_story(reader: StoreReader, story_id: str, version: int | None, state: str) -> _CachedStory | HTMLResponse:
        """The story's page: as the store keeps it when it is current, else rendered here."""
        stored = reader.store.story_page(story_id) if version is not None else None
        if stored is not None and stored[0] == version and stored[1] == renderer():
            return _CachedStory(StoryPage.from_stored(stored[2]), version, state, live_storyline=False)
        try:
            report = reader.report(story_id)
        except StoreError as error:
            return page(None, "error.html.j2", 404, reader=reader, message=str(error))
        storyline = storyline_of(report)
        html = render_story_page(report, storyline_stories(reader, storyline) if storyline else [])
        return _CachedStory(StoryPage.from_html(html), version, state, live_storyline=bool(storyline))

    @router.get("/stories/{story_id}", response_class=HTMLResponse)
    async def story_page(request: Request, story_id: str) -> Response:
        # async: a cached page is served on the event loop, without a thread hop and without
        # a query while the store's token stands; reading or rendering goes to the thread pool
        reader: StoreReader = request.app.state.reader
        state = reader.state()
        key = ("story", story_id.upper())
        cached = cache.get(key)
        if cached is not None and cached.state != state:
            if not cached.live_storyline and cached.version == reader.story_version(story_id):
                cached.state = state  # the store changed, this story did not
            else:
                cached = None
        if cached is None:
            version = reader.story_version(story_id)
            found = await run_in_threadpool(render_story, reader, story_id, version, state)
            if isinstance(found, Response):
                return found
            cache.put(key, found)
            cached = found
        return Response(cached.page.body(state, poll_ms), media_type="text/html; charset=utf-8")

    @router.get("/outlets/{name}", response_class=HTMLResponse)
    def outlet_page(request: Request, name: str) -> HTMLResponse:
        reader: StoreReader = request.app.state.reader
        key = ("outlet", name.lower(), reader.state())
        html = cache.get(key)
        if html is None:
            view = outlet_view(reader, name, settings)
            if view is None:
                return page(request, "error.html.j2", 404, message=f"{name}: no story in the store has this outlet")
            html = page(request, "outlet.html.j2", view=view).body.decode("utf-8")
            cache.put(key, html)
        return HTMLResponse(html)

    @router.get("/assets/report.css")
    def report_css() -> Response:
        return _report_asset("style.css", "text/css")

    @router.get("/assets/report.js")
    def report_js() -> Response:
        return _report_asset("script.js", "text/javascript")

    return router


def _report_asset(name: str, media_type: str) -> Response:
    """The HTML report's own style or script (inlined in a report file, served here)."""
    env = report_environment()
    return Response(env.loader.get_source(env, name)[0], media_type=media_type, headers={"Cache-Control": "max-age=3600"})
