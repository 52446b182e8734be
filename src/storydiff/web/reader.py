"""Read-only access to a store for the web app: one read-only connection per thread
(SQLite connections are not shared across threads), and the filters of the story list
checked as ``storydiff stories`` checks them."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..model import Report
from ..store import Store, StoreError, StorySummary


@dataclass(frozen=True)
class StoryFilters:
    """The story list's filters (the same as ``storydiff stories``)."""

    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    text: str | None = None
    min_sources: int = 0
    min_conflicts: int = 0

    def query(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in (None, "", 0)}


class StoreReader:
    """The store, opened read-only once per thread; nothing here writes. The store's change
    token is asked at most once per ``state_seconds`` (see ``state``)."""

    def __init__(self, path: str | Path, state_seconds: float = 1.0):
        self.path = Path(path)
        self._local = threading.local()
        self._state_seconds = state_seconds
        self._state: tuple[float, str] = (float("-inf"), "")  # (when asked, token): replaced whole
        # fail at start, with the store's own message, rather than at the first request
        Store.open(self.path, readonly=True).close()

    @property
    def store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store.open(self.path, readonly=True)
        return store

    def state(self) -> str:
        """A token that changes whenever the store does (an article added, a story analysed),
        as of at most ``state_seconds`` ago: under load, every request would otherwise ask
        the store, for a token that changes once a minute at most."""
        asked, token = self._state
        now = time.monotonic()
        if now - asked >= self._state_seconds:
            token = self.store.change_token()
            self._state = (now, token)
        return token

    def story_version(self, story_id: str) -> int | None:
        """See ``Store.story_version``; None for a story id that is not one."""
        try:
            return self.store.story_version(story_id)
        except StoreError:
            return None

    def stories(self, filters: StoryFilters) -> list[StorySummary]:
        """Matching stories, newest first and, within a day, most disputed first."""
        found = self.store.stories(
            since=filters.since or None, until=filters.until or None, outlet=filters.outlet or None,
            text=filters.text or None, min_sources=filters.min_sources, min_conflicts=filters.min_conflicts,
        )
        found.sort(key=lambda s: s.conflicts, reverse=True)
        found.sort(key=lambda s: s.date_end or "", reverse=True)
        return found

    def report(self, story_id: str) -> Report:
        """The story as last analysed: a story waiting for its analysis (stale) is shown as
        it was before its new articles, and the list marks it (``analysed``); the app never
        waits for an analysis (``storydiff refresh`` or ``watch`` does it)."""
        return self.store.report(story_id, fresh=False)

    def outlets(self) -> list[tuple[str, int]]:
        """Outlets and how many stories each reported, most first."""
        return self.store.outlet_counts()


__all__ = ["StoreError", "StoreReader", "StoryFilters"]


def storyline_of(report: Report) -> str | None:
    """The storyline the report's story belongs to, when the store's analysis links them
    (``Story.storyline``); None otherwise."""
    story = report.stories[0] if report.stories else None
    return getattr(story, "storyline", None) if story is not None else None


def storyline_stories(reader: StoreReader, storyline: str) -> list[tuple[str, str, str | None]]:
    """The stories of a storyline: (id, headline, first day), oldest first."""
    return reader.store.storyline_stories(storyline)
