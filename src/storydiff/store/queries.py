"""Reading a store: the story list and its filters, one story as a Report, counts."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from pydantic import BaseModel, Field

from .. import __version__
from ..model import Document, DuplicateGroup, KeptApart, Report, Skipped, Story, Storyline
from ..storylines import MAX_LINKED, kept_apart, link_storylines, storylines_of
from .base import StoreBase
from .connection import marks
from .index import SqliteStoryIndex
from .schema import StoreError, story_label, story_number


class StorySummary(BaseModel):
    """One story of the list: a line of ``Store.stories``, of ``storydiff stories --json``
    and of the web API's ``/api/stories`` (one model for all three)."""

    id: str
    headline: str
    date_start: str | None
    date_end: str | None
    documents: int
    outlets: list[str]
    conflicts: int
    analysed: bool
    stale: bool = Field(False, description="analysed before its newest articles arrived; the new analysis waits")
    """A story an ingest left stale (``store.stale``): its stored analysis predates its
    newest articles (``documents`` counts them), and ``report`` analyses it again."""
    errors: int = Field(0, description="stages of the story's analysis that failed")
    """Stages of the story's analysis that failed (see ``Story.errors``): such a story is
    analysed again only when its documents change."""


class Querying(StoreBase):
    """What a reader asks of a store (``storydiff stories``, ``report``, the web app)."""

    def _kept_apart(self, story: int) -> list[KeptApart]:
        rows = self._db.execute(
            "SELECT story, other, document, score, reason FROM kept_apart WHERE story = ? OR other = ?", (story, story)
        ).fetchall()
        pairs = [(story_label(a), story_label(b), d, value, reason) for a, b, d, value, reason in rows]
        return kept_apart(pairs).get(story_label(story), [])

    def _storyline(self, story: int) -> Storyline | None:
        """The story's storyline, from its neighbourhood: the stories that share a person
        named in full with it, and theirs (``storylines.link_storylines`` over them).
        Named by its earliest story's number; a batch numbers its storylines in order."""
        db = self._db
        near = {story}
        for _ in range(2):
            found = set()
            for start in range(0, len(near), 900):
                part = sorted(near)[start : start + 900]
                found.update(
                    s
                    for (s,) in db.execute(
                        "SELECT DISTINCT p2.story FROM postings p1 JOIN postings p2 ON p1.key = p2.key"
                        f" WHERE p1.story IN ({marks(part)}) AND p1.key LIKE '@n:%'",
                        part,
                    )
                )
            near |= found
            if len(near) > MAX_LINKED:
                break
        if len(near) < 2:
            return None
        ordered = sorted(near)
        index = SqliteStoryIndex(db)
        groups = link_storylines([index.get(s) for s in ordered], self.settings.story_storyline_similarity)
        group = next(([ordered[c] for c in g] for g in groups if ordered.index(story) in g), None)
        if group is None:
            return None
        rows = db.execute(
            f"SELECT story, date_start, analysis FROM stories WHERE story IN ({marks(group)})", group
        ).fetchall()
        stories = []
        for number, start, analysis in sorted(rows, key=lambda r: (r[1] is None, r[1] or "", r[0])):
            if analysis is not None:
                stories.append(Story.model_validate_json(analysis).model_copy(update={"storyline": "L0"}))
        (line,) = storylines_of(stories) or [None]
        if line is None or len(line.stories) < 2:
            return None
        return line.model_copy(update={"id": f"L{min(group)}"})

    # --- reading ---------------------------------------------------------------------

    def stories(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
        text: str | None = None,
        min_sources: int = 0,
        min_conflicts: int = 0,
        limit: int | None = None,
    ) -> list[StorySummary]:
        """Stories, newest first; ``sources`` counts outlets; ``text`` is looked for in
        the headline and the documents' titles (case-insensitive, taken literally: ``%``
        and ``_`` are not wildcards). Raises ``StoreError`` for a bad date or count."""
        for name, value in (("min_sources", min_sources), ("min_conflicts", min_conflicts), ("limit", limit or 0)):
            if value < 0:
                raise StoreError(f"{name} {value}: must be 0 or more")
        where, args = ["n_outlets >= ?", "n_conflicts >= ?"], [min_sources, min_conflicts]
        if since:
            where.append("date_end >= ?")
            args.append(_query_date("since", since))
        if until:
            where.append("date_start <= ?")
            args.append(_query_date("until", until))
        if outlet:
            where.append("EXISTS (SELECT 1 FROM json_each(stories.outlets) WHERE lower(value) = lower(?))")
            args.append(outlet)
        if text:
            where.append(
                "(headline LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM documents d"
                " WHERE d.story = stories.story AND d.title LIKE ? ESCAPE '\\'))"
            )
            pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            args += [pattern, pattern]
        sql = (
            "SELECT story, headline, date_start, date_end, n_documents, outlets, n_conflicts, dirty,"
            f" analysis IS NOT NULL, {self._errors_column}"
            " FROM stories"
            f" WHERE {' AND '.join(where)} ORDER BY date_end IS NULL, date_end DESC, story DESC"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [
            StorySummary(
                id=story_label(s), headline=h or "", date_start=ds, date_end=de, documents=n,
                outlets=json.loads(o), conflicts=c, analysed=not dirty, stale=bool(dirty and had), errors=e,
            )
            for s, h, ds, de, n, o, c, dirty, had, e in self._db.execute(sql, args).fetchall()
        ]

    def report(self, story_id: str, fresh: bool = True) -> Report:
        """One story as a Report (its documents, copies and analysis).

        A story waiting for analysis (an ingest left it stale, ``store.stale``, or did not
        analyse it) is analysed first, so that a read gives what a fresh analysis of its
        documents gives: the result is stored, or, in a store open read-only, kept for this
        answer only. ``fresh=False`` answers at once with the analysis stored, over the
        documents it covers (the web app, which does not wait for an analysis)."""
        number = story_number(story_id)
        row = self._db.execute("SELECT analysis, copies, dirty FROM stories WHERE story = ?", (number,)).fetchone()
        if row is None:
            raise StoreError(f"{story_id}: no such story in {self.path}")
        story: Story | None = None
        stale = bool(row[2])
        if stale and fresh:  # analysed by store.analysis (``Store`` puts the parts together)
            if self.readonly:
                story, found = self.fresh_analysis(number)
                row = (None, json.dumps([g.model_dump(mode="json") for g in found]), 0)
            else:
                self.analyse([story_label(number)])
                row = self._db.execute("SELECT analysis, copies, 0 FROM stories WHERE story = ?", (number,)).fetchone()
            stale = False
        if story is None:
            if row[0] is None:
                raise StoreError(f"{story_id}: not analysed yet (run storydiff refresh to finish)")
            story = Story.model_validate_json(row[0])
        line = self._storyline(number)
        story = story.model_copy(
            update={"kept_apart": self._kept_apart(number), "storyline": line.id if line else None}
        )
        groups = [DuplicateGroup.model_validate(g) for g in json.loads(row[1] or "[]")]
        canonical_of = {m: g.canonical for g in groups for m in g.members if m != g.canonical}
        docs = [
            Document.model_validate_json(d).model_copy(update={"duplicate_of": None})
            for (d,) in self._db.execute("SELECT document FROM documents WHERE story = ? ORDER BY seq", (number,))
        ]
        if stale:  # the stored analysis, over the documents it covers
            covered = set(story.documents)
            docs = [d for d in docs if d.id in covered]
        docs = [d.model_copy(update={"duplicate_of": canonical_of.get(d.id)}) for d in docs]
        return Report(
            storydiff_version=__version__,
            models=json.loads(self._meta("models")),
            documents=docs,
            duplicate_groups=groups,
            stories=[story],
            storylines=[line] if line else [],
        )

    def stories_of(self, document_ids: Iterable[str]) -> set[str]:
        """The stories that hold these documents (ids not in the store are left out)."""
        ids = list(document_ids)
        found: set[str] = set()
        for start in range(0, len(ids), 900):
            part = ids[start : start + 900]
            rows = self._db.execute(f"SELECT DISTINCT story FROM documents WHERE id IN ({marks(part)})", part)
            found.update(story_label(story) for (story,) in rows)
        return found

    def change_token(self) -> str:
        """A short token that changes whenever the store does (articles added, a story
        analysed): a few index lookups, cheap enough to ask often. It holds the XOR of every
        story's version, kept as stories are written, so it depends on what the store holds,
        not on how it got there (an interrupted ingest, resumed, gives the same token)."""
        (highest,) = self._db.execute("SELECT max(seq) FROM documents").fetchone()
        (dirty,) = self._db.execute("SELECT count(*) FROM stories WHERE dirty = 1").fetchone()
        return f"{highest or 0}.{dirty}.{int(self._meta('versions') or 0) & (2**64 - 1):x}"

    def story_version(self, story_id: str) -> int | None:
        """A digest of what the story shows (its analysis, its copies): it changes whenever
        the story is written with a different analysis; 0 for a story stored before
        versions were kept; None when there is no such story."""
        row = self._db.execute(
            f"SELECT {self._version_column} FROM stories WHERE story = ?", (story_number(story_id),)
        ).fetchone()
        return None if row is None else row[0]

    def outlet_counts(self) -> list[tuple[str, int]]:
        """Outlets and how many stories each reported, most first."""
        return self._db.execute(
            "SELECT value, count(*) FROM stories, json_each(stories.outlets) GROUP BY value ORDER BY count(*) DESC, value"
        ).fetchall()

    def storyline_stories(self, storyline: str) -> list[tuple[str, str, str | None]]:
        """The stories of a storyline (``Story.storyline``): (id, headline, first day), oldest first."""
        rows = self._db.execute(
            "SELECT story, headline, date_start FROM stories WHERE json_extract(analysis, '$.storyline') = ?"
            " ORDER BY date_start, story",
            (storyline,),
        ).fetchall()
        return [(story_label(n), headline or "", day) for n, headline, day in rows]

    def skipped(self) -> list[Skipped]:
        return [Skipped(source_path=p, reason=r) for p, r in self._db.execute("SELECT * FROM skipped ORDER BY source_path")]

    def counts(self) -> dict[str, int]:
        """Documents, stories, stories waiting for analysis, skipped inputs."""
        queries = {
            "documents": "SELECT count(*) FROM documents",
            "stories": "SELECT count(*) FROM stories",
            "dirty": "SELECT count(*) FROM stories WHERE dirty = 1",
            "skipped": "SELECT count(*) FROM skipped",
        }
        return {name: self._db.execute(sql).fetchone()[0] for name, sql in queries.items()}


def _query_date(name: str, value: str) -> str:
    """A query's date as ISO text; ``StoreError`` when it is not a YYYY-MM-DD date."""
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d").date().isoformat()
    except ValueError:
        raise StoreError(f"--{name} {value!r}: not a date (YYYY-MM-DD)") from None
