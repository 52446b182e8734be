"""The store's second phase: each dirty story analysed and its result kept."""

from __future__ import annotations

import itertools
import json
import zlib
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from ..copies import find_copies
from ..embed import load_encoder
from ..model import Document, DuplicateGroup, Story, StoryBasis, StoryError
from ..nlp import load_spacy, parse_from_bytes, parse_to_bytes, spacy_model_name
from ..pipeline import analyse_parsed, parse_stories
from ..stories import document_terms, headline, story_day, story_features
from ..storylines import story_basis
from .base import ProgressCallback, no_progress
from .connection import Transaction, marks
from .parses import StoredTitleParses
from .schema import story_label, story_number, version_of
from .stale import Deferring
from .vectors import StoredVectors


@dataclass
class _LoadedStory:
    """A story's stored rows, ready for analysis: its documents (``duplicate_of`` set),
    copy groups, and which documents have no cached parse yet (and their distinct texts, or
    the parsed document whose text they share)."""

    story: int
    rows: list[tuple]
    docs: list[Document]
    groups: list[DuplicateGroup]
    unparsed: list[int]
    unparsed_texts: list[str]
    borrowed: dict[int, int]
    """Documents without a parse whose text a parsed one of the story has: theirs -> its row."""


class Analysing(Deferring):
    """Analysis of the stories an ingest touched, one transaction each."""

    def analyse_dirty(
        self, progress: ProgressCallback = no_progress, failed: list[str] | None = None, deferred: set[str] | None = None
    ) -> int:
        """Analyse every story marked dirty, one transaction each; returns how many (the
        ids of those whose analysis failed in part are added to ``failed``).

        With ``deferred`` (an ingest's set), a *stale* story (analysed before, an article
        joined since) whose documents hold more than ``settings.store_analyse_now_max_chars``
        characters is not analysed now: its new documents are parsed and stored, its list
        entry (documents, outlets, dates) follows them, and it stays dirty, its id added to
        ``deferred``, for ``refresh`` (or the first ``report`` of it)."""
        dirty = [s for (s,) in self._db.execute("SELECT story FROM stories WHERE dirty = 1 ORDER BY story")]
        return self._analyse_stories(self._defer(dirty, deferred), progress, failed)

    def refresh(self, progress: ProgressCallback = no_progress, failed: list[str] | None = None) -> int:
        """Analyse every story waiting (stale ones an ingest deferred, and any left by an
        interrupted or ``analyse=False`` ingest); returns how many."""
        return self.analyse_dirty(progress, failed)

    def analyse(self, story_ids: Iterable[str], progress: ProgressCallback = no_progress,
                failed: list[str] | None = None, deferred: set[str] | None = None) -> int:
        """(Re-)analyse the given stories now, dirty or not, but with ``deferred`` as
        ``analyse_dirty`` (the large stale ones left waiting); returns how many."""
        stories = sorted({story_number(s) for s in story_ids})
        return self._analyse_stories(self._defer(stories, deferred), progress, failed)

    def _analyse_stories(
        self, dirty: list[int], progress: ProgressCallback, failed: list[str] | None, kept: list | None = None
    ) -> int:
        """Analyse ``dirty`` and store each result; with ``kept`` (a store open read-only,
        ``fresh_analysis``), nothing is written: each (Story, copy groups) is appended to it."""
        if not dirty:
            return 0
        write = kept is None
        nlp = load_spacy(self.settings)
        encoder = load_encoder(self.settings.sentence_model)
        if write:
            self._set_models({"spacy": spacy_model_name(nlp), "sentences": encoder.name})
        encoder = StoredVectors(encoder, self._db)
        if self._title_parses is None:  # one per open store: it keeps the headlines used last
            self._title_parses = StoredTitleParses(nlp, self._db, keep=2 * self.settings.store_kept_parses)
        titles = self._title_parses
        # Stories are read lazily, a few ahead of the one analysed: the parse stream
        # (in a child process when there is enough to parse) takes their unparsed texts.
        threshold = self.settings.parse_in_child_from
        in_child = 0 < threshold <= self._count_unparsed(dirty)
        for_texts, for_analysis = itertools.tee(self._load_story(story) for story in dirty)
        # a text spaCy cannot parse comes back as its error: its document is left out of
        # its story's analysis (named in errors), and the ingest goes on
        with closing(parse_stories((loaded.unparsed_texts for loaded in for_texts), nlp, self.settings, in_child)) as parses:
            for i, (loaded, new_parses) in enumerate(zip(for_analysis, parses)):
                analysed = self._analyse(loaded, new_parses, nlp, encoder, titles, write)
                if kept is not None:
                    kept.append((analysed, loaded.groups))
                if analysed.errors and failed is not None:
                    failed.append(analysed.id)
                progress("stories", i + 1, len(dirty))
        return len(dirty)

    def fresh_analysis(self, story: int) -> tuple[Story, list[DuplicateGroup]]:
        """The story analysed now and not stored, with its copy groups (what a store open
        read-only answers for a story waiting for analysis)."""
        kept: list[tuple[Story, list[DuplicateGroup]]] = []
        self._analyse_stories([story], no_progress, None, kept)
        return kept[0]

    def _count_unparsed(self, stories: list[int]) -> int:
        count = 0
        for start in range(0, len(stories), 900):  # SQLite's bound-variable limit
            part = stories[start : start + 900]
            (n,) = self._db.execute(
                f"SELECT COUNT(*) FROM documents WHERE parse IS NULL AND story IN ({marks(part)})", part
            ).fetchone()
            count += n
        return count

    def _load_story(self, story: int) -> _LoadedStory:
        rows = self._db.execute(
            "SELECT seq, document, copy_group, embedding, parse FROM documents WHERE story = ? ORDER BY seq", (story,)
        ).fetchall()
        docs = [Document.model_validate_json(row[1]) for row in rows]
        groups = self._copy_groups(docs, [row[2] for row in rows])
        canonical_of = {m: g.canonical for g in groups for m in g.members if m != g.canonical}
        docs = [d.model_copy(update={"duplicate_of": canonical_of.get(d.id)}) for d in docs]
        # a re-post whose text is its canonical's is parsed once (see pipeline.iter_analysed):
        # a new one takes the stored parse of the same text (a parse read back from bytes
        # is the parse spaCy gives, nlp.parse_to_bytes), new ones with one text share a parse
        parsed_row = {docs[i].text: i for i, row in enumerate(rows) if row[4] is not None}
        borrowed = {i: parsed_row[docs[i].text] for i, row in enumerate(rows) if row[4] is None and docs[i].text in parsed_row}
        unparsed = [i for i, row in enumerate(rows) if row[4] is None and i not in borrowed]
        unparsed_texts = list(dict.fromkeys(docs[i].text for i in unparsed))
        return _LoadedStory(story, rows, docs, groups, unparsed, unparsed_texts, borrowed)

    def _analyse(
        self, loaded: _LoadedStory, new_parses: list, nlp, encoder, titles: StoredTitleParses, write: bool = True
    ) -> Story:
        db = self._db
        story, rows, docs, groups, unparsed = loaded.story, loaded.rows, loaded.docs, loaded.groups, loaded.unparsed
        parse_of_text = dict(zip(loaded.unparsed_texts, new_parses))
        parsed = {docs[i].id: parse_of_text[docs[i].text] for i in unparsed}
        for i, row in enumerate(rows):
            if row[4] is not None:
                parsed[docs[i].id] = self._kept_parse(row[0], row[4], nlp)
        for i, j in loaded.borrowed.items():
            parsed[docs[i].id] = parsed[docs[j].id]

        clustered = [
            (d, np.frombuffer(row[3], dtype=np.float32)) for d, row in zip(docs, rows) if d.duplicate_of is None
        ]
        days = sorted(day for d in docs if (day := story_day(d.published)) is not None)
        outline = Story(
            id=story_label(story),
            headline=headline([d for d, _ in clustered], [e for _, e in clustered]) if clustered else docs[0].id,
            documents=[d.id for d in docs],
            outlets=sorted({d.outlet for d in docs if d.outlet}),
            date_start=days[0].isoformat() if days else None,
            date_end=days[-1].isoformat() if days else None,
        )
        outline = outline.model_copy(update={"basis": self._basis(docs, nlp)})
        analysed = analyse_parsed(outline, docs, parsed, encoder, self.settings, titles)
        conflicts = sum(1 for c in analysed.comparisons if c.status == "conflict")
        # A story whose analysis failed in part is stored as analysed (not dirty), with its
        # errors: it is tried again when an article joins it, not on every ingest.
        if not write:
            return analysed
        analysis_json = analysed.model_dump_json()
        copies_json = json.dumps([g.model_dump(mode="json") for g in groups])
        version = version_of(analysis_json, copies_json)
        page = self._render_page(analysed, docs, groups) if self.settings.store_pages else None
        new_bytes = {
            i: parse_to_bytes(parsed[docs[i].id])
            for i in unparsed
            if not isinstance(parsed[docs[i].id], StoryError)  # tried again when the story changes
        }
        with Transaction(db):
            encoder.save()
            titles.save()
            self._set_version(story, version)
            if page is not None:
                from ..web.render import renderer

                db.execute("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?)", (story, version, renderer(), page))
            db.executemany(
                "UPDATE documents SET parse = ? WHERE seq = ?",
                [(zlib.compress(data, 1), rows[i][0]) for i, data in new_bytes.items()]
                + [(rows[j][4], rows[i][0]) for i, j in loaded.borrowed.items()],
            )
            db.execute(
                "UPDATE stories SET dirty = 0, headline = ?, date_start = ?, date_end = ?, n_documents = ?,"
                " n_outlets = ?, outlets = ?, n_conflicts = ?, n_errors = ?, analysis = ?, copies = ?, version = ?"
                " WHERE story = ?",
                (
                    outline.headline,
                    outline.date_start,
                    outline.date_end,
                    len(docs),
                    len(outline.outlets),
                    json.dumps(outline.outlets),
                    conflicts,
                    len(analysed.errors),
                    analysis_json,
                    copies_json,
                    version,
                    story,
                ),
            )
        for i in new_bytes:
            doc = parsed[docs[i].id]
            # what a parse read back from the store holds (nlp.parse_to_bytes): the tensor,
            # which no stage reads, is most of a new parse's memory
            doc.tensor = np.zeros((0,), dtype=np.float32)
            self._keep_parse(rows[i][0], doc)
        return analysed

    def _kept_parse(self, seq: int, compressed: bytes, nlp) -> Doc:
        """The parse of document ``seq``: the one kept in memory (with what the stages
        worked out from it, ``nlp.parse_memo``), else read from ``compressed``."""
        doc = self._kept_parses.get(seq)
        if doc is None:
            doc = parse_from_bytes(zlib.decompress(compressed), nlp.vocab)
        self._keep_parse(seq, doc)
        return doc

    def _keep_parse(self, seq: int, doc: Doc) -> None:
        """Keep ``doc`` as the most recently used of ``settings.store_kept_parses`` parses."""
        kept = self._kept_parses
        if self.settings.store_kept_parses <= 0:
            return
        kept[seq] = doc
        kept.move_to_end(seq)
        while len(kept) > self.settings.store_kept_parses:
            kept.popitem(last=False)

    def forget_parses(self) -> None:
        """Drop the parses kept in memory (the next analyses read them from the store, as a
        new process would)."""
        self._kept_parses.clear()
        self._title_parses = None

    def _basis(self, docs: list[Document], nlp) -> StoryBasis:
        """Why the story's documents belong together (``storylines.story_basis``), from
        their terms weighted by the store's document frequencies, as when they were
        clustered (copies left out, as in a batch)."""
        clustered = [d for d in docs if d.duplicate_of is None] or docs[:1]
        terms = [document_terms(d, nlp.Defaults.stop_words) for d in clustered]
        df = self._frequencies(sorted({key for t in terms for key in t.distinct()}))
        n_docs = int(self._meta("clustered_docs") or 0)
        return story_basis(story_features(clustered, terms, df, n_docs, nlp, self.settings))

    def _copy_groups(self, docs: list[Document], groups: list[int | None]) -> list[DuplicateGroup]:
        """The story's copy groups, built by ``copies.find_copies`` over each group's members
        (the same edges as when they were found, so the same canonical and differences)."""
        members: dict[int, list[Document]] = {}
        for document, group in zip(docs, groups):
            if group is not None:
                members.setdefault(group, []).append(document)
        found = []
        for group in sorted(members):
            if len(members[group]) > 1:
                found.extend(find_copies(members[group], self.settings))
        return found
