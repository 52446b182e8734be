"""Adding articles: read and clean, skip what is stored, find copies, give each a story."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from ..copies import band_keys, estimated_jaccard, signatures
from ..model import Document, RawDocument, Skipped
from ..nlp import load_spacy
from ..pipeline import clean_or_skip
from ..read import read_inputs
from ..stories import Apart, assign, count_terms, document_terms, story_features
from .base import ProgressCallback, no_progress
from .connection import Transaction, marks
from .index import SqliteStoryIndex
from .batch import PENDING, BatchGrouping
from .schema import story_label

DEFAULT_CHUNK_SIZE = 500
"""Inputs per assignment transaction: larger chunks commit less often (faster) and lose
more work to a kill; the analysis phase, where the time goes, commits per story."""


@dataclass
class IngestResult:
    """What one ingest did; ``seconds`` by stage (read, copies, stories, analyse)."""

    added: int = 0
    copies: int = 0
    already_stored: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    new_stories: int = 0
    """How many more stories the store holds: stories opened, less those merged into
    others (negative when an ingest merges more than it opens; see ``store.regroup``)."""
    analysed_stories: int = 0
    touched: set[str] = field(default_factory=set)
    """Stories this ingest changed (ids)."""
    failed: list[str] = field(default_factory=list)
    """Stories analysed by this ingest whose analysis failed in part (their ``errors``)."""
    deferred: set[str] = field(default_factory=set)
    """Large stories left stale, their analysis waiting (``settings.store_analyse_now_max_chars``,
    ``store.stale``): ``Store.refresh`` analyses them, ``Store.report`` before it answers."""
    seconds: dict[str, float] = field(default_factory=Counter)
    stored: dict[str, str] = field(default_factory=dict)
    """Each article's ``source_path`` -> the id of its document in the store (the one just
    added, or the one already stored with the same content)."""


def content_hash(document: Document) -> str:
    """What makes two inputs the same article: outlet, title and clean text. The same
    text under another outlet is a copy (syndication), not the same article."""
    key = "\x1f".join((document.outlet or "", document.title or "", document.text))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def chunks(items: Iterator, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Assigning(BatchGrouping):
    """The store's first phase: articles in, stories assigned, touched stories marked dirty."""

    def ingest(
        self,
        inputs: Iterable[str | Path],
        progress: ProgressCallback = no_progress,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        analyse: bool = True,
    ) -> IngestResult:
        """Add articles, assign them to stories, re-analyse the stories that changed (and
        any left dirty by an earlier, interrupted or deferred, ingest), but for a large
        story already analysed, which is left stale for ``refresh`` (``result.deferred``,
        see ``store.stale``). With ``analyse=False`` the changed stories stay dirty, for a
        later ``refresh``."""
        if isinstance(inputs, (str, Path)):
            inputs = [inputs]
        return self.ingest_documents(read_inputs(inputs, self.settings), progress, chunk_size, analyse)

    def ingest_documents(
        self,
        items: Iterable[RawDocument | Skipped],
        progress: ProgressCallback = no_progress,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        analyse: bool = True,
    ) -> IngestResult:
        """``ingest`` for articles already read (a feed follower's pages, say)."""
        result = IngestResult()
        nlp = load_spacy(self.settings)
        # A store that holds no story yet groups its first ingest in one batch pass, as
        # ``analyze`` does (``_group_pending``); later ingests assign article by article.
        batch = self._db.execute("SELECT 1 FROM clusters LIMIT 1").fetchone() is None
        seen = 0
        for chunk in chunks(iter(items), chunk_size):
            self._add_chunk(chunk, nlp, result, time.perf_counter, assign_now=not batch)
            seen += len(chunk)
            progress("read", seen, 0)
        # articles stored but not yet given a story: this ingest's, in a batch, or those of
        # an earlier one that was killed before it grouped them
        self._assign_pending(nlp, result, progress, batch)
        if analyse:
            started = time.perf_counter()
            result.analysed_stories = self.analyse_dirty(progress, failed=result.failed, deferred=result.deferred)
            result.seconds["analyse"] += time.perf_counter() - started
        return result

    def _add_chunk(
        self, chunk: list[RawDocument | Skipped], nlp, result: IngestResult, clock, assign_now: bool = True
    ) -> None:
        """Store the chunk's new articles with their copy groups, in one transaction, and
        give them stories (``assign_now``) or leave them pending (story -1) for
        ``_assign_pending``."""
        started = clock()
        documents: list[Document] = []
        skipped: list[Skipped] = []
        for item in chunk:
            cleaned = item if isinstance(item, Skipped) else clean_or_skip(item, self.settings)
            (skipped if isinstance(cleaned, Skipped) else documents).append(cleaned)
        result.skipped += skipped
        result.seconds["read"] += clock() - started

        db = self._db
        with Transaction(db):
            db.executemany(
                "INSERT OR REPLACE INTO skipped VALUES (?, ?)",
                [(s.source_path, s.reason) for s in skipped],
            )
            started = clock()
            fresh: list[tuple[Document, str]] = []  # new articles, with their content hash
            hashes: dict[str, tuple[str]] = {}  # added in this chunk: content hash -> (id,)
            for document in documents:
                digest = content_hash(document)
                known = hashes.get(digest) or db.execute("SELECT id FROM documents WHERE content_hash = ?", (digest,)).fetchone()
                if known:
                    result.already_stored += 1
                    result.stored[document.source_path] = known[0]
                    continue
                document = document.model_copy(update={"id": self._free_id(document.id)})
                hashes[digest] = (document.id,)
                result.stored[document.source_path] = document.id
                fresh.append((document, digest))
            # the chunk's signatures in one pass (one by one, they were most of this stage)
            values, usable = signatures([d for d, _ in fresh], self.settings)
            new: list[tuple[int, Document, int | None]] = []  # seq, document, copy group
            for (document, digest), sig, has_words in zip(fresh, values, usable):
                seq, group = self._insert_document(document, digest, sig, bool(has_words))
                new.append((seq, document, group))
            result.added += len(new)
            result.copies += sum(1 for _, _, group in new if group is not None)
            result.seconds["copies"] += clock() - started
            if not assign_now:
                return

            self._assign_new(new, nlp, result, clock)

    def _assign_new(self, new: list[tuple[int, Document, int | None]], nlp, result: IngestResult, clock) -> None:
        """Give the stored articles ``new`` their stories, one by one (inside the caller's
        transaction)."""
        started = clock()
        opened, touched, removed = self._assign_stories(new, nlp)
        result.new_stories += opened
        result.touched.difference_update(story_label(r) for r in removed)
        result.touched.update(story_label(t) for t in touched)
        result.seconds["stories"] += clock() - started
        n_docs = int(self._meta("clustered_docs")) + sum(1 for seq, _, group in new if group is None or group == seq)
        self._db.execute("UPDATE meta SET value = ? WHERE key = 'clustered_docs'", (str(n_docs),))

    def _assign_pending(self, nlp, result: IngestResult, progress: ProgressCallback, batch: bool) -> None:
        """Give the articles stored without a story theirs: all at once as a batch does, in a
        store that holds no story yet (``store.batch``), else one by one."""
        rows = self._pending_rows()
        if not rows:
            return
        if batch:
            self._group_in_batch(rows, nlp, result, progress)
            return
        with Transaction(self._db):  # left by an older writer: assigned as a chunk would be
            texts = self._documents([seq for seq, _, _, _ in rows])
            new = [(seq, texts[seq], group) for seq, group, _, _ in rows]
            self._assign_new(new, nlp, result, time.perf_counter)

    def _free_id(self, wanted: str) -> str:
        """``wanted``, or ``wanted~2``, ``wanted~3``...: ids stay unique across ingests."""
        candidate, n = wanted, 1
        while self._db.execute("SELECT 1 FROM documents WHERE id = ?", (candidate,)).fetchone():
            n += 1
            candidate = f"{wanted}~{n}"
        return candidate

    def _insert_document(
        self, document: Document, digest: str, values: np.ndarray, has_words: bool
    ) -> tuple[int, int | None]:
        """Store the document with its copy group (story to be set: -1, pending) from its
        MinHash signature ``values``; its seq and group."""
        db = self._db
        # a text without words has no shingles and is nobody's copy (as in find_copies)
        keys = band_keys(values, self.settings) if has_words else []
        candidates = (
            db.execute(
                "SELECT seq, signature, copy_group FROM documents WHERE seq IN"
                f" (SELECT seq FROM bands WHERE key IN ({marks(keys)})) ORDER BY seq",
                keys,
            ).fetchall()
            if keys
            else []
        )
        matches = [
            (seq, group)
            for seq, other, group in candidates
            if estimated_jaccard(values, np.frombuffer(other, dtype=values.dtype)) >= self.settings.duplicate_threshold
        ]
        group = None
        if matches:
            # One group for the matches, their groups and the new document, named by the
            # member clustered (see schema.py): a group keeps its name, and of groups the
            # new document bridges the smallest name stays; matches in no group yet are
            # named by the first of them.
            groups = {g for _, g in matches if g is not None}
            group = min(groups) if groups else min(s for s, _ in matches)
            db.execute(
                f"UPDATE documents SET copy_group = ? WHERE seq IN ({marks(matches)}) "
                f"OR copy_group IN ({marks(groups) if groups else 'NULL'})",
                (group, *[s for s, _ in matches], *groups),
            )
        cursor = db.execute(
            "INSERT INTO documents (id, content_hash, story, copy_group, published, outlet, title, document, signature)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                document.id,
                digest,
                PENDING,
                group,
                document.published,
                document.outlet,
                document.title,
                document.model_dump_json(exclude={"duplicate_of"}),
                values.tobytes(),
            ),
        )
        seq = cursor.lastrowid
        db.executemany("INSERT INTO bands VALUES (?, ?)", [(key, seq) for key in keys])
        return seq, group

    def _assign_stories(self, new: list[tuple[int, Document, int | None]], nlp) -> tuple[int, set[int], set[int]]:
        """Stories for the chunk's new documents: how many more stories there are, which
        were touched (to analyse) and which were removed (merged into others)."""
        db = self._db
        # Only the member a copy group is named after is clustered (its copies follow it:
        # here its first arrival), and only those count in document frequencies, as in a
        # batch; every new document gets an
        # embedding, so that a story's headline can use whichever copy is canonical.
        clustered = [i for i, (seq, _, group) in enumerate(new) if group is None or group == seq]
        stop_words = nlp.Defaults.stop_words
        terms = [document_terms(d, stop_words) for _, d, _ in new]
        chunk_df = count_terms(terms[i] for i in clustered)
        db.executemany(
            "INSERT INTO terms VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
            list(chunk_df.items()),
        )
        df = self._frequencies(sorted({key for t in terms for key in t.distinct()}))
        n_docs = int(self._meta("clustered_docs")) + len(clustered)
        features = story_features([d for _, d, _ in new], terms, df, n_docs, nlp, self.settings)
        for (seq, _, _), f in zip(new, features):
            db.execute("UPDATE documents SET embedding = ? WHERE seq = ?", (f.embedding.tobytes(), seq))

        (before,) = db.execute("SELECT count(*) FROM clusters").fetchone()
        index = SqliteStoryIndex(db)
        touched: set[int] = set()
        apart: list[Apart] = []
        # date order (undated last), as in a batch: a story's first article opens it
        for f in sorted((features[i] for i in clustered), key=lambda f: (f.day or date.max, f.index)):
            story = assign(f, index, self.settings, apart=apart)
            db.execute("UPDATE documents SET story = ? WHERE seq = ?", (story, new[f.index][0]))
            touched.add(story)
        # copies join the story of the member their group is named after (stored or just assigned)
        for seq, _, group in new:
            if group is not None and group != seq:
                (story,) = db.execute("SELECT story FROM documents WHERE seq = ?", (group,)).fetchone()
                db.execute("UPDATE documents SET story = ? WHERE seq = ?", (story, seq))
                touched.add(story)
        index.flush()
        db.executemany(
            "INSERT INTO kept_apart VALUES (?, ?, ?, ?, ?)",
            [(a.story, a.other, new[a.document][1].id, a.score, a.reason) for a in apart],
        )
        db.executemany(
            "INSERT INTO stories (story, dirty) VALUES (?, 1) ON CONFLICT(story) DO UPDATE SET dirty = 1",
            [(s,) for s in sorted(touched)],
        )
        # later articles may prove stored stories two events, or one (store/regroup.py)
        changed, removed = self._regroup(
            touched, [(a.story, a.other) for a in apart], n_docs, nlp, self._out_of_order(new, features)
        )
        (after,) = db.execute("SELECT count(*) FROM clusters").fetchone()
        return after - before, (touched - removed) | changed, removed

    def _out_of_order(self, new: list[tuple[int, Document, int | None]], features) -> set[int]:
        """Stories that received an article older than one they already held."""
        if not new:
            return set()
        first_new = min(seq for seq, _, _ in new)
        found = set()
        for (seq, _, _), f in zip(new, features):
            if f.day is None:
                continue
            row = self._db.execute(
                "SELECT d.story FROM documents d WHERE d.story = (SELECT story FROM documents WHERE seq = ?)"
                " AND d.seq < ? AND substr(d.published, 1, 10) > ? LIMIT 1",
                (seq, first_new, f.day.isoformat()),
            ).fetchone()
            if row:
                found.add(row[0])
        return found
