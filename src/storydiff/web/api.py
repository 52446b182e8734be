"""The JSON API: the story list with the same filters as the pages, one story as the
contract's ``Report``, the outlets, and a change token for live pages. FastAPI documents
it all in the OpenAPI schema at ``/openapi.json``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field

from ..model import Report
from ..store import StoreError, StorySummary
from .reader import StoreReader, StoryFilters


class StoryPage(BaseModel):
    total: int = Field(description="stories matching the filters")
    offset: int
    stories: list[StorySummary] = Field(description="the same lines as `storydiff stories --json`")


class Outlet(BaseModel):
    name: str
    stories: int


class Changes(BaseModel):
    state: str = Field(description="changes whenever the store does: poll it to see new stories and analyses")


def filters_from(
    since: Annotated[str | None, Query(description="stories still running on or after this date (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, Query(description="stories begun on or before this date (YYYY-MM-DD)")] = None,
    outlet: Annotated[str | None, Query(description="stories this outlet reported")] = None,
    text: Annotated[str | None, Query(description="words in the headline or a title, taken literally")] = None,
    min_sources: Annotated[int, Query(ge=0, description="at least this many outlets")] = 0,
    min_conflicts: Annotated[int, Query(ge=0, description="at least this many conflicts")] = 0,
) -> StoryFilters:
    return StoryFilters(since or None, until or None, outlet or None, text or None, min_sources, min_conflicts)


def build_router() -> APIRouter:
    router = APIRouter(prefix="/api")

    @router.get("/stories", response_model=StoryPage, summary="Stories, newest and most disputed first")
    def list_stories(
        request: Request,
        since: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
        until: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
        outlet: str | None = None,
        text: str | None = None,
        min_sources: Annotated[int, Query(ge=0)] = 0,
        min_conflicts: Annotated[int, Query(ge=0)] = 0,
        offset: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int | None, Query(ge=1, le=1000)] = None,
    ) -> StoryPage:
        reader: StoreReader = request.app.state.reader
        limit = limit or request.app.state.settings.serve_page_size
        filters = filters_from(since, until, outlet, text, min_sources, min_conflicts)
        try:
            found = reader.stories(filters)
        except StoreError as error:
            raise HTTPException(400, str(error)) from None
        return StoryPage(
            total=len(found), offset=offset,
            stories=found[offset : offset + limit],
        )

    @router.get("/stories/{story_id}", response_model=Report, summary="One story as the JSON contract's Report")
    def one_story(request: Request, story_id: str) -> Report:
        try:
            return request.app.state.reader.report(story_id)
        except StoreError as error:
            raise HTTPException(404, str(error)) from None

    @router.get("/outlets", response_model=list[Outlet], summary="Outlets, by the number of stories they reported")
    def outlets(request: Request) -> list[Outlet]:
        return [Outlet(name=n, stories=c) for n, c in request.app.state.reader.outlets()]

    @router.get("/changes", response_model=Changes, summary="The store's state, for live pages")
    def changes(request: Request) -> Changes:
        return Changes(state=request.app.state.reader.state())

    return router
