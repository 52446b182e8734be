"""Stale stories: an article joined a large analysed story, whose analysis waits.

A story's analysis runs over all its documents (its entities are the story's, and every
later stage reads them), so its cost grows with the story: over two seconds for the
100k store's largest. An ingest therefore leaves a large story *stale* rather than
analysing it before it returns (``settings.store_analyse_now_max_chars``): it does the
new article's own work (its parse, stored; its story's list entry) and marks the story
dirty. ``Store.refresh`` (``storydiff refresh``, ``watch`` after each round) analyses what
waits; ``Store.report`` analyses a stale story before it answers, so a read gives the
analysis a fresh one gives. Until then the story's stored analysis, and its page, are
those of its documents before the add.
"""

from __future__ import annotations

import json
import zlib

from ..model import Document
from ..nlp import load_spacy, parse_to_bytes
from ..stories import story_day
from .base import StoreBase
from .connection import Transaction, marks
from .schema import story_label


class Deferring(StoreBase):
    """Which dirty stories wait, and the work an add does on them."""

    def _defer(self, stories: list[int], deferred: set[str] | None) -> list[int]:
        """``stories`` less those left stale (with ``deferred`` only: their ids are added
        to it, their new documents parsed, see ``_prepare_stale``)."""
        if deferred is None:
            return stories
        later = self._too_large_now(stories)
        if later:
            self._prepare_stale(later)
            deferred.update(story_label(s) for s in later)
        return [s for s in stories if s not in later]

    def _too_large_now(self, dirty: list[int]) -> list[int]:
        """The stale stories among ``dirty`` whose documents hold more text than an
        ingest analyses before it returns."""
        limit = self.settings.store_analyse_now_max_chars
        if limit <= 0 or not dirty:
            return []
        stale: list[int] = []
        for start in range(0, len(dirty), 900):  # SQLite's bound-variable limit
            part = dirty[start : start + 900]
            stale += [
                s
                for (s,) in self._db.execute(
                    f"SELECT story FROM stories WHERE dirty = 1 AND analysis IS NOT NULL AND story IN ({marks(part)})", part
                )
            ]
        large = []
        for story in sorted(stale):
            (chars,) = self._db.execute(
                "SELECT coalesce(sum(length(json_extract(document, '$.text'))), 0) FROM documents WHERE story = ?",
                (story,),
            ).fetchone()
            if chars > limit:
                large.append(story)
        return large

    def _prepare_stale(self, stories: list[int]) -> None:
        """Each stale story's new documents parsed and their parses stored (a re-post
        takes the stored parse of its text), and its list entry (documents, outlets,
        dates) brought up to date; one transaction each. Its analysis is left as it was."""
        nlp = None
        for story in stories:
            rows = self._db.execute(
                "SELECT seq, document, parse IS NOT NULL FROM documents WHERE story = ? ORDER BY seq", (story,)
            ).fetchall()
            docs = [Document.model_validate_json(row[1]) for row in rows]
            have = {d.text: seq for d, (seq, _, parsed) in zip(docs, rows) if parsed}
            new_parses: list[tuple[bytes, int]] = []
            texts = list(dict.fromkeys(d.text for d, row in zip(docs, rows) if not row[2] and d.text not in have))
            if texts:
                nlp = nlp or load_spacy(self.settings)
                parsed_now: dict[str, bytes] = {}
                for text in texts:
                    try:
                        parsed_now[text] = zlib.compress(parse_to_bytes(nlp(text)), 1)
                    except Exception:  # left unparsed: the analysis names it (pipeline.parse_stories)
                        continue
                new_parses += [(parsed_now[d.text], seq) for d, (seq, _, p) in zip(docs, rows) if not p and d.text in parsed_now]
            for d, (seq, _, parsed) in zip(docs, rows):
                if not parsed and d.text in have:
                    (data,) = self._db.execute("SELECT parse FROM documents WHERE seq = ?", (have[d.text],)).fetchone()
                    new_parses.append((data, seq))
            outlets = sorted({d.outlet for d in docs if d.outlet})
            days = sorted(day for d in docs if (day := story_day(d.published)) is not None)
            with Transaction(self._db):
                self._db.executemany("UPDATE documents SET parse = ? WHERE seq = ?", new_parses)
                self._db.execute(
                    "UPDATE stories SET n_documents = ?, n_outlets = ?, outlets = ?, date_start = ?, date_end = ?"
                    " WHERE story = ?",
                    (
                        len(docs),
                        len(outlets),
                        json.dumps(outlets),
                        days[0].isoformat() if days else None,
                        days[-1].isoformat() if days else None,
                        story,
                    ),
                )
