"""Each story's web page, rendered when the story is analysed and kept beside it."""

from __future__ import annotations

import json

from .. import __version__
from ..model import Document, DuplicateGroup, Report, Story
from .base import ProgressCallback, StoreBase, no_progress
from .connection import Transaction
from .schema import story_label, story_number


class Paging(StoreBase):
    """The stored web pages (``storydiff.web.render``)."""

    def story_page(self, story_id: str) -> tuple[int, str, bytes] | None:
        """The story's web page as stored with its analysis (``storydiff.web.render``):
        (the version it shows, its renderer, the compressed HTML); None when there is none."""
        if not self._has_table("pages"):
            return None
        return self._db.execute(
            "SELECT version, renderer, html FROM pages WHERE story = ?", (story_number(story_id),)
        ).fetchone()

    def render_pages(self, progress: ProgressCallback = no_progress) -> int:
        """Render the web page of every analysed story whose stored page is missing, stale or
        of another renderer (after an upgrade, or in a store written without pages); returns
        how many. One transaction per story, like the analysis."""
        from ..web.render import renderer

        current = renderer()
        rows = self._db.execute(
            "SELECT s.story, s.version FROM stories s LEFT JOIN pages p ON p.story = s.story"
            " WHERE s.analysis IS NOT NULL AND (p.story IS NULL OR p.version != s.version OR p.renderer != ?)"
            " ORDER BY s.story",
            (current,),
        ).fetchall()
        for i, (story, version) in enumerate(rows):
            report = self.report(story_label(story), fresh=False)  # the page of the analysis stored
            page = self._render_page(report.stories[0], report.documents, report.duplicate_groups)
            if page is not None:
                with Transaction(self._db):
                    self._db.execute("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?)", (story, version, current, page))
            progress("pages", i + 1, len(rows))
        return len(rows)

    def _render_page(self, story: Story, docs: list[Document], groups: list[DuplicateGroup]) -> bytes | None:
        """The story's web page, compressed; None when it is not kept (a storyline's page,
        or a rendering that failed: the app then renders it when asked)."""
        from ..web.render import stored_story_page

        report = Report(storydiff_version=__version__, models=json.loads(self._meta("models") or "{}"),
                        documents=docs, duplicate_groups=groups, stories=[story])
        try:
            return stored_story_page(report)
        except Exception:  # a page is a convenience: it must never cost the analysis
            return None
