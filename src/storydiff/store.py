"""The corpus store: articles arrive over time; each story's comparison follows them.

``Store.ingest`` adds articles in two phases, each safe to interrupt:

1. **assign**, in chunks of ``chunk_size`` inputs, one transaction per chunk: read and
   clean; skip an article whose content hash is already stored; find the copies it is
   one of (MinHash band keys looked up in an index table); give it a story (the same
   group-average clustering as a batch, ``stories.assign``, with the clusters and the
   candidate index kept in tables: document frequencies are running counts). The stories
   it touches are marked *dirty*.
2. **analyse**, one transaction per dirty story: parse the story's new documents (parses
   are cached in the store, compressed: each document is parsed once, ever; in a child
   process, ahead, when there are many), run the per-story analysis
   (``pipeline.analyse_story``) on all its documents and store the result. The sentence
   vectors the analysis asks for are stored too, so a story analysed again, even in a new
   process, encodes only its new article's sentences.

A killed ingest leaves the store at a chunk or story boundary; running it again skips
the chunks already stored (their articles' hashes are there: chunks are cut at the same
input positions) and analyses the stories still dirty, so it ends with the same store
as an uninterrupted run. Adding one article costs index lookups (B-trees), the work on
its own story and nothing that grows with the corpus.

Why SQLite and not DuckDB: the store's work is point lookups and small updates (is this
hash known, which stories share these keys, rewrite one story), which is what a row store
with B-tree indexes does well and a column store does not; SQLite is in Python's standard
library, one file, and its WAL mode lets any number of readers (``stories``, ``report``)
work while one ingest writes. Analytics over a whole corpus belong to the Parquet files
of the distributed engine, which DuckDB or pandas read directly.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np

from . import __version__
from .copies import band_keys, estimated_jaccard, find_copies, has_shingles, signature
from .embed import DIMENSIONS, SentenceEncoder, load_encoder
from .model import (
    Document,
    DuplicateGroup,
    KeptApart,
    RawDocument,
    Report,
    Skipped,
    Story,
    StoryBasis,
    StoryError,
    Storyline,
)
from .nlp import load_spacy, parse_from_bytes, parse_to_bytes, spacy_model_name
from .pipeline import analyse_parsed, clean_or_skip, parse_stories
from .read import read_inputs
from .settings import Settings
from .storylines import MAX_LINKED, kept_apart, link_storylines, story_basis, storylines_of
from .stories import (
    Apart,
    MAX_POSTING,
    Cluster,
    assign,
    count_terms,
    document_terms,
    headline,
    story_day,
    story_features,
)

ProgressCallback = Callable[[str, int, int], None]

STORE_FORMAT = "1"
"""Version of the table layout; a store of another format is refused, not misread."""

DEFAULT_CHUNK_SIZE = 500
"""Inputs per assignment transaction: larger chunks commit less often (faster) and lose
more work to a kill; the analysis phase, where the time goes, commits per story."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    seq INTEGER PRIMARY KEY,            -- arrival order
    id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    story INTEGER NOT NULL,
    copy_group INTEGER,                 -- seq of the group's first member; NULL: no copies
    published TEXT,
    outlet TEXT,
    title TEXT,
    document TEXT NOT NULL,             -- Document as JSON, duplicate_of left out
    signature BLOB NOT NULL,            -- MinHash values
    embedding BLOB NOT NULL DEFAULT x'', -- story embedding (see stories.py)
    parse BLOB                          -- compressed spaCy parse, once the story is analysed
);
CREATE INDEX IF NOT EXISTS documents_story ON documents(story);
CREATE INDEX IF NOT EXISTS documents_group ON documents(copy_group);
CREATE TABLE IF NOT EXISTS bands (key BLOB NOT NULL, seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS bands_key ON bands(key);
CREATE TABLE IF NOT EXISTS terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS clusters (
    story INTEGER PRIMARY KEY,
    size INTEGER NOT NULL,
    first_day TEXT,
    embedding BLOB NOT NULL,
    entities TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS postings (
    key TEXT NOT NULL,
    story INTEGER NOT NULL,
    first_day TEXT,
    PRIMARY KEY (key, story)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS postings_day ON postings(key, first_day);
-- a story's postings, to move their first_day when an older article joins it (without
-- it, that UPDATE scans every posting: the cost that grew with the store)
CREATE INDEX IF NOT EXISTS postings_story ON postings(story);
CREATE TABLE IF NOT EXISTS stories (
    story INTEGER PRIMARY KEY,
    dirty INTEGER NOT NULL DEFAULT 1,
    headline TEXT,
    date_start TEXT,
    date_end TEXT,
    n_documents INTEGER NOT NULL DEFAULT 0,
    n_outlets INTEGER NOT NULL DEFAULT 0,
    outlets TEXT NOT NULL DEFAULT '[]',
    n_conflicts INTEGER NOT NULL DEFAULT 0,
    n_errors INTEGER NOT NULL DEFAULT 0, -- failed stages of the analysis (Story.errors)
    version INTEGER NOT NULL DEFAULT 0, -- a digest of what the story shows (analysis, copies)
    analysis TEXT,                      -- Story as JSON
    copies TEXT                         -- its DuplicateGroups as JSON
);
CREATE INDEX IF NOT EXISTS stories_dirty ON stories(dirty) WHERE dirty = 1;
CREATE TABLE IF NOT EXISTS skipped (source_path TEXT PRIMARY KEY, reason TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS kept_apart (  -- look-alike stories kept apart (stories.Apart)
    story INTEGER NOT NULL,             -- the story the document went to
    other INTEGER NOT NULL,             -- the look-alike story it was kept out of
    document TEXT NOT NULL,
    score REAL NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS kept_apart_story ON kept_apart(story);
CREATE INDEX IF NOT EXISTS kept_apart_other ON kept_apart(other);
CREATE TABLE IF NOT EXISTS pages (      -- each story's web page, rendered as it is stored (storydiff.web.render)
    story INTEGER PRIMARY KEY,
    version INTEGER NOT NULL,           -- the story's version it shows
    renderer TEXT NOT NULL,             -- what rendered it (render.renderer())
    html BLOB NOT NULL                  -- zlib-compressed
);
CREATE TABLE IF NOT EXISTS sentence_vectors (  -- the sentence encoder's output, per text
    key BLOB PRIMARY KEY,               -- BLAKE2b-128 of the text
    vector BLOB NOT NULL                -- float32, as the encoder gave it
) WITHOUT ROWID;
"""


class StoreError(Exception):
    """The store cannot be used (missing, another format, unknown story)."""


@dataclass
class IngestResult:
    """What one ingest did; ``seconds`` by stage (read, copies, stories, analyse)."""

    added: int = 0
    copies: int = 0
    already_stored: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    new_stories: int = 0
    analysed_stories: int = 0
    touched: set[str] = field(default_factory=set)
    """Stories this ingest changed (ids)."""
    failed: list[str] = field(default_factory=list)
    """Stories analysed by this ingest whose analysis failed in part (their ``errors``)."""
    seconds: dict[str, float] = field(default_factory=Counter)
    stored: dict[str, str] = field(default_factory=dict)
    """Each article's ``source_path`` -> the id of its document in the store (the one just
    added, or the one already stored with the same content)."""


@dataclass
class StorySummary:
    """One line of ``Store.stories``."""

    id: str
    headline: str
    date_start: str | None
    date_end: str | None
    documents: int
    outlets: list[str]
    conflicts: int
    analysed: bool
    errors: int = 0
    """Stages of the story's analysis that failed (see ``Story.errors``): such a story is
    analysed again only when its documents change."""


def story_label(number: int) -> str:
    return f"S{number}"


def _story_number(label: str) -> int:
    try:
        return int(label[1:] if label[:1] in "sS" else label)
    except ValueError:
        raise StoreError(f"{label}: not a story id (S1, S2, ...)") from None


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


def content_hash(document: Document) -> str:
    """What makes two inputs the same article: outlet, title and clean text. The same
    text under another outlet is a copy (syndication), not the same article."""
    key = "\x1f".join((document.outlet or "", document.title or "", document.text))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass
class _LoadedStory:
    """A story's stored rows, ready for analysis: its documents (``duplicate_of`` set),
    copy groups, and which documents have no cached parse yet (and their distinct texts)."""

    story: int
    rows: list[tuple]
    docs: list[Document]
    groups: list[DuplicateGroup]
    unparsed: list[int]
    unparsed_texts: list[str]


class Store:
    """A corpus store in one SQLite file. Open with ``Store.open``; use as a context manager."""

    def __init__(self, connection: sqlite3.Connection, settings: Settings, path: Path):
        self._db = connection
        self.settings = settings
        self.path = path

    # --- opening ---------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, settings: Settings | None = None, *, create: bool = True, readonly: bool = False) -> Store:
        """Open (or create) the store at ``path``. A new store keeps ``settings``; an
        existing one keeps the settings it was created with (its stories depend on them)."""
        path = Path(path)
        if not path.exists() and (readonly or not create):
            raise StoreError(f"{path}: no such store")
        try:
            if readonly:
                db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30, isolation_level=None)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(path, timeout=30, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")  # readers go on while one ingest writes
                db.execute("PRAGMA synchronous=NORMAL")  # WAL keeps this crash-safe
                # SQLite's default page cache is 2 MB: a 100k store's term and posting
                # indexes (hundreds of MB) would be read from the OS for every chunk
                db.execute("PRAGMA cache_size=-262144")  # KiB: 256 MB
                db.executescript(_SCHEMA)
                _add_missing_columns(db)
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{path}: not a storydiff store ({error})") from None
        if not meta:
            if readonly:
                raise StoreError(f"{path}: an empty store")
            settings = settings or Settings()
            with _transaction(db):
                db.executemany(
                    "INSERT INTO meta VALUES (?, ?)",
                    [("format", STORE_FORMAT), ("settings", settings.model_dump_json()), ("clustered_docs", "0"), ("models", "{}")],
                )
        else:
            if meta.get("format") != STORE_FORMAT:
                raise StoreError(f"{path}: a store of format {meta.get('format')!r}, this storydiff reads {STORE_FORMAT!r}")
            settings = Settings.model_validate_json(meta["settings"])
        return cls(db, settings, path)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    # --- ingest ----------------------------------------------------------------------

    def ingest(
        self,
        inputs: Iterable[str | Path],
        progress: ProgressCallback = _no_progress,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        analyse: bool = True,
    ) -> IngestResult:
        """Add articles, assign them to stories, re-analyse the stories that changed (and
        any left dirty by an earlier, interrupted or deferred, ingest). With
        ``analyse=False`` the changed stories stay dirty, for a later ``analyse_dirty``."""
        if isinstance(inputs, (str, Path)):
            inputs = [inputs]
        return self.ingest_documents(read_inputs(inputs, self.settings), progress, chunk_size, analyse)

    def ingest_documents(
        self,
        items: Iterable[RawDocument | Skipped],
        progress: ProgressCallback = _no_progress,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        analyse: bool = True,
    ) -> IngestResult:
        """``ingest`` for articles already read (a feed follower's pages, say)."""
        result = IngestResult()
        nlp = load_spacy(self.settings)
        seen = 0
        for chunk in _chunks(iter(items), chunk_size):
            self._add_chunk(chunk, nlp, result, time.perf_counter)
            seen += len(chunk)
            progress("read", seen, 0)
        if analyse:
            started = time.perf_counter()
            result.analysed_stories = self.analyse_dirty(progress, failed=result.failed)
            result.seconds["analyse"] += time.perf_counter() - started
        return result

    def _add_chunk(self, chunk: list[RawDocument | Skipped], nlp, result: IngestResult, clock) -> None:
        started = clock()
        documents: list[Document] = []
        skipped: list[Skipped] = []
        for item in chunk:
            cleaned = item if isinstance(item, Skipped) else clean_or_skip(item, self.settings)
            (skipped if isinstance(cleaned, Skipped) else documents).append(cleaned)
        result.skipped += skipped
        result.seconds["read"] += clock() - started

        db = self._db
        with _transaction(db):
            db.executemany(
                "INSERT OR REPLACE INTO skipped VALUES (?, ?)",
                [(s.source_path, s.reason) for s in skipped],
            )
            started = clock()
            new: list[tuple[int, Document, int | None]] = []  # seq, document, copy group
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
                seq, group = self._insert_document(document, digest)
                new.append((seq, document, group))
            result.seconds["copies"] += clock() - started

            started = clock()
            opened, touched = self._assign_stories(new, nlp)
            result.new_stories += opened
            result.touched.update(story_label(t) for t in touched)
            result.seconds["stories"] += clock() - started
            result.added += len(new)
            result.copies += sum(1 for _, _, group in new if group is not None)
            n_docs = int(self._meta("clustered_docs")) + sum(1 for seq, _, group in new if group is None or group == seq)
            db.execute("UPDATE meta SET value = ? WHERE key = 'clustered_docs'", (str(n_docs),))

    def _free_id(self, wanted: str) -> str:
        """``wanted``, or ``wanted~2``, ``wanted~3``...: ids stay unique across ingests."""
        candidate, n = wanted, 1
        while self._db.execute("SELECT 1 FROM documents WHERE id = ?", (candidate,)).fetchone():
            n += 1
            candidate = f"{wanted}~{n}"
        return candidate

    def _insert_document(self, document: Document, digest: str) -> tuple[int, int | None]:
        """Store the document with its copy group (story to be set); its seq and group."""
        db = self._db
        values = signature(document, self.settings)
        # a text without words has no shingles and is nobody's copy (as in find_copies)
        keys = band_keys(values, self.settings) if has_shingles(document) else []
        candidates = (
            db.execute(
                "SELECT seq, signature, copy_group FROM documents WHERE seq IN"
                f" (SELECT seq FROM bands WHERE key IN ({_marks(keys)})) ORDER BY seq",
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
            # One group for the matches, their groups and the new document: named by the
            # first member; groups that the new document bridges are merged.
            groups = {g for _, g in matches if g is not None}
            group = min({s for s, _ in matches} | groups)
            db.execute(
                f"UPDATE documents SET copy_group = ? WHERE seq IN ({_marks(matches)}) "
                f"OR copy_group IN ({_marks(groups) if groups else 'NULL'})",
                (group, *[s for s, _ in matches], *groups),
            )
        cursor = db.execute(
            "INSERT INTO documents (id, content_hash, story, copy_group, published, outlet, title, document, signature)"
            " VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)",
            (
                document.id,
                digest,
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

    def _assign_stories(self, new: list[tuple[int, Document, int | None]], nlp) -> tuple[int, set[int]]:
        """Stories for the chunk's new documents: how many were opened, which were touched."""
        db = self._db
        # Only a group's first arrival is clustered (its copies follow it), and only those
        # count in document frequencies, as in a batch; every new document gets an
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

        index = _SqliteStoryIndex(db)
        touched: set[int] = set()
        apart: list[Apart] = []
        # date order (undated last), as in a batch: a story's first article opens it
        for f in sorted((features[i] for i in clustered), key=lambda f: (f.day or date.max, f.index)):
            story = assign(f, index, self.settings, apart=apart)
            db.execute("UPDATE documents SET story = ? WHERE seq = ?", (story, new[f.index][0]))
            touched.add(story)
        # copies join the story of their group's first member (stored or just assigned)
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
        return len(index.created), touched

    def _frequencies(self, terms: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for start in range(0, len(terms), 900):  # SQLite's bound-variable limit
            part = terms[start : start + 900]
            found.update(self._db.execute(f"SELECT term, df FROM terms WHERE term IN ({_marks(part)})", part).fetchall())
        return found

    # --- analysis --------------------------------------------------------------------

    def analyse_dirty(self, progress: ProgressCallback = _no_progress, failed: list[str] | None = None) -> int:
        """Analyse every story marked dirty, one transaction each; returns how many (the
        ids of those whose analysis failed in part are added to ``failed``)."""
        dirty = [s for (s,) in self._db.execute("SELECT story FROM stories WHERE dirty = 1 ORDER BY story")]
        return self._analyse_stories(dirty, progress, failed)

    def analyse(self, story_ids: Iterable[str], progress: ProgressCallback = _no_progress,
                failed: list[str] | None = None) -> int:
        """(Re-)analyse the given stories now, dirty or not; returns how many."""
        return self._analyse_stories(sorted({_story_number(s) for s in story_ids}), progress, failed)

    def _analyse_stories(self, dirty: list[int], progress: ProgressCallback, failed: list[str] | None) -> int:
        if not dirty:
            return 0
        nlp = load_spacy(self.settings)
        encoder = load_encoder(self.settings.sentence_model)
        self._set_models({"spacy": spacy_model_name(nlp), "sentences": encoder.name})
        encoder = _StoredVectors(encoder, self._db)
        # Stories are read lazily, a few ahead of the one analysed: the parse stream
        # (in a child process when there is enough to parse) takes their unparsed texts.
        threshold = self.settings.parse_in_child_from
        in_child = 0 < threshold <= self._count_unparsed(dirty)
        for_texts, for_analysis = itertools.tee(self._load_story(story) for story in dirty)
        # a text spaCy cannot parse comes back as its error: its document is left out of
        # its story's analysis (named in errors), and the ingest goes on
        with closing(parse_stories((loaded.unparsed_texts for loaded in for_texts), nlp, self.settings, in_child)) as parses:
            for i, (loaded, new_parses) in enumerate(zip(for_analysis, parses)):
                analysed = self._analyse(loaded, new_parses, nlp, encoder)
                if analysed.errors and failed is not None:
                    failed.append(analysed.id)
                progress("stories", i + 1, len(dirty))
        return len(dirty)

    def _count_unparsed(self, stories: list[int]) -> int:
        count = 0
        for start in range(0, len(stories), 900):  # SQLite's bound-variable limit
            part = stories[start : start + 900]
            (n,) = self._db.execute(
                f"SELECT COUNT(*) FROM documents WHERE parse IS NULL AND story IN ({_marks(part)})", part
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
        unparsed = [i for i, row in enumerate(rows) if row[4] is None]
        # a re-post whose text is its canonical's is parsed once (see pipeline.iter_analysed)
        unparsed_texts = list(dict.fromkeys(docs[i].text for i in unparsed))
        return _LoadedStory(story, rows, docs, groups, unparsed, unparsed_texts)

    def _analyse(self, loaded: _LoadedStory, new_parses: list, nlp, encoder) -> Story:
        db = self._db
        story, rows, docs, groups, unparsed = loaded.story, loaded.rows, loaded.docs, loaded.groups, loaded.unparsed
        parse_of_text = dict(zip(loaded.unparsed_texts, new_parses))
        parsed = {docs[i].id: parse_of_text[docs[i].text] for i in unparsed}
        for i, row in enumerate(rows):
            if row[4] is not None:
                parsed[docs[i].id] = parse_from_bytes(zlib.decompress(row[4]), nlp.vocab)

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
        analysed = analyse_parsed(outline, docs, parsed, encoder, self.settings)
        conflicts = sum(1 for c in analysed.comparisons if c.status == "conflict")
        # A story whose analysis failed in part is stored as analysed (not dirty), with its
        # errors: it is tried again when an article joins it, not on every ingest.
        analysis_json = analysed.model_dump_json()
        copies_json = json.dumps([g.model_dump(mode="json") for g in groups])
        version = _version_of(analysis_json, copies_json)
        page = self._render_page(analysed, docs, groups) if self.settings.store_pages else None
        with _transaction(db):
            encoder.save()
            self._set_version(story, version)
            if page is not None:
                from .web.render import renderer

                db.execute("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?)", (story, version, renderer(), page))
            db.executemany(
                "UPDATE documents SET parse = ? WHERE seq = ?",
                [
                    (zlib.compress(parse_to_bytes(parsed[docs[i].id]), 1), rows[i][0])
                    for i in unparsed
                    if not isinstance(parsed[docs[i].id], StoryError)  # tried again when the story changes
                ],
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
        return analysed

    def _basis(self, docs: list[Document], nlp) -> StoryBasis:
        """Why the story's documents belong together (``storylines.story_basis``), from
        their terms weighted by the store's document frequencies, as when they were
        clustered (copies left out, as in a batch)."""
        clustered = [d for d in docs if d.duplicate_of is None] or docs[:1]
        terms = [document_terms(d, nlp.Defaults.stop_words) for d in clustered]
        df = self._frequencies(sorted({key for t in terms for key in t.distinct()}))
        n_docs = int(self._meta("clustered_docs") or 0)
        return story_basis(story_features(clustered, terms, df, n_docs, nlp, self.settings))

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
                        f" WHERE p1.story IN ({_marks(part)}) AND p1.key LIKE '@n:%'",
                        part,
                    )
                )
            near |= found
            if len(near) > MAX_LINKED:
                break
        if len(near) < 2:
            return None
        ordered = sorted(near)
        index = _SqliteStoryIndex(db)
        groups = link_storylines([index.get(s) for s in ordered], self.settings.story_storyline_similarity)
        group = next(([ordered[c] for c in g] for g in groups if ordered.index(story) in g), None)
        if group is None:
            return None
        rows = db.execute(
            f"SELECT story, date_start, analysis FROM stories WHERE story IN ({_marks(group)})", group
        ).fetchall()
        stories = []
        for number, start, analysis in sorted(rows, key=lambda r: (r[1] is None, r[1] or "", r[0])):
            if analysis is not None:
                stories.append(Story.model_validate_json(analysis).model_copy(update={"storyline": "L0"}))
        (line,) = storylines_of(stories) or [None]
        if line is None or len(line.stories) < 2:
            return None
        return line.model_copy(update={"id": f"L{min(group)}"})

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
            f"SELECT story, headline, date_start, date_end, n_documents, outlets, n_conflicts, dirty, {self._errors_column}"
            " FROM stories"
            f" WHERE {' AND '.join(where)} ORDER BY date_end IS NULL, date_end DESC, story DESC"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [
            StorySummary(story_label(s), h or "", ds, de, n, json.loads(o), c, not dirty, e)
            for s, h, ds, de, n, o, c, dirty, e in self._db.execute(sql, args).fetchall()
        ]

    def report(self, story_id: str) -> Report:
        """One story as a Report (its documents, copies and analysis)."""
        number = _story_number(story_id)
        row = self._db.execute("SELECT analysis, copies FROM stories WHERE story = ?", (number,)).fetchone()
        if row is None:
            raise StoreError(f"{story_id}: no such story in {self.path}")
        if row[0] is None:
            raise StoreError(f"{story_id}: not analysed yet (run storydiff ingest again to finish)")
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
            rows = self._db.execute(f"SELECT DISTINCT story FROM documents WHERE id IN ({_marks(part)})", part)
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
            f"SELECT {self._version_column} FROM stories WHERE story = ?", (_story_number(story_id),)
        ).fetchone()
        return None if row is None else row[0]

    def story_page(self, story_id: str) -> tuple[int, str, bytes] | None:
        """The story's web page as stored with its analysis (``storydiff.web.render``):
        (the version it shows, its renderer, the compressed HTML); None when there is none."""
        if not self._has_table("pages"):
            return None
        return self._db.execute(
            "SELECT version, renderer, html FROM pages WHERE story = ?", (_story_number(story_id),)
        ).fetchone()

    def render_pages(self, progress: ProgressCallback = _no_progress) -> int:
        """Render the web page of every analysed story whose stored page is missing, stale or
        of another renderer (after an upgrade, or in a store written without pages); returns
        how many. One transaction per story, like the analysis."""
        from .web.render import renderer

        current = renderer()
        rows = self._db.execute(
            "SELECT s.story, s.version FROM stories s LEFT JOIN pages p ON p.story = s.story"
            " WHERE s.analysis IS NOT NULL AND (p.story IS NULL OR p.version != s.version OR p.renderer != ?)"
            " ORDER BY s.story",
            (current,),
        ).fetchall()
        for i, (story, version) in enumerate(rows):
            report = self.report(story_label(story))
            page = self._render_page(report.stories[0], report.documents, report.duplicate_groups)
            if page is not None:
                with _transaction(self._db):
                    self._db.execute("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?)", (story, version, current, page))
            progress("pages", i + 1, len(rows))
        return len(rows)

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

    # --- helpers ---------------------------------------------------------------------

    @property
    def _errors_column(self) -> str:
        """``n_errors``, or 0 in a store written before it existed and opened read-only."""
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(stories)")}
        return "n_errors" if "n_errors" in columns else "0"

    @property
    def _version_column(self) -> str:
        """``version``, or 0 in a store written before it existed and opened read-only."""
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(stories)")}
        return "version" if "version" in columns else "0"

    def _set_version(self, story: int, version: int) -> None:
        """Keep the XOR of all stories' versions (``change_token``) as ``story`` gets
        ``version`` (inside the caller's transaction; its row is written after)."""
        row = self._db.execute(f"SELECT {self._version_column} FROM stories WHERE story = ?", (story,)).fetchone()
        versions = int(self._meta("versions") or 0) ^ (row[0] if row else 0) ^ version
        self._db.execute("INSERT OR REPLACE INTO meta VALUES ('versions', ?)", (str(versions),))

    def _render_page(self, story: Story, docs: list[Document], groups: list[DuplicateGroup]) -> bytes | None:
        """The story's web page, compressed; None when it is not kept (a storyline's page,
        or a rendering that failed: the app then renders it when asked)."""
        from .web.render import stored_story_page

        report = Report(storydiff_version=__version__, models=json.loads(self._meta("models") or "{}"),
                        documents=docs, duplicate_groups=groups, stories=[story])
        try:
            return stored_story_page(report)
        except Exception:  # a page is a convenience: it must never cost the analysis
            return None

    def _has_table(self, name: str) -> bool:
        return self._db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None

    def _meta(self, key: str) -> str:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else ""

    def _set_models(self, models: dict[str, str]) -> None:
        with _transaction(self._db):
            self._db.execute("UPDATE meta SET value = ? WHERE key = 'models'", (json.dumps(models),))


class _SqliteStoryIndex:
    """``stories.StoryIndex`` over the store's tables; clusters read are cached and
    written back by ``flush`` (inside the chunk's transaction)."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db
        self._cache: dict[int, Cluster] = {}
        self._first_days: dict[int, date | None] = {}  # as stored, to see which changed
        self._posted: dict[int, set[str]] = {}  # story -> keys, and the reverse:
        self._posted_by_key: dict[str, set[int]] = {}
        self.created: list[int] = []

    def candidates(self, keys: list[str], day: date | None, window: int) -> set[int]:
        db, found = self._db, set()
        if day is None:
            for key in keys:  # per key, so that one common key cannot crowd out the others
                found.update(
                    story
                    for (story,) in db.execute(
                        "SELECT story FROM postings WHERE key = ? ORDER BY story DESC LIMIT ?", (key, MAX_POSTING)
                    )
                )
        else:
            # dated: the stories that opened within the window, and the latest undated ones
            low, high = (day - timedelta(days=window)).isoformat(), (day + timedelta(days=window)).isoformat()
            found.update(
                story
                for (story,) in db.execute(
                    f"SELECT story FROM postings WHERE key IN ({_marks(keys)}) AND first_day BETWEEN ? AND ?"
                    f" UNION SELECT story FROM (SELECT story FROM postings WHERE key IN ({_marks(keys)})"
                    " AND first_day IS NULL ORDER BY story DESC LIMIT ?)",
                    (*keys, low, high, *keys, MAX_POSTING),
                )
            )
        # postings of this chunk, not yet written back
        for key in keys:
            found.update(self._posted_by_key.get(key, ()))
        return found

    def get(self, story: int) -> Cluster:
        cluster = self._cache.get(story)
        if cluster is None:
            size, first_day, embedding, entities = self._db.execute(
                "SELECT size, first_day, embedding, entities FROM clusters WHERE story = ?", (story,)
            ).fetchone()
            day = date.fromisoformat(first_day) if first_day else None
            cluster = Cluster(size, np.frombuffer(embedding, dtype=np.float32).copy(), Counter(json.loads(entities)), day)
            self._cache[story] = cluster
            self._first_days[story] = day
        return cluster

    def add(self, cluster: Cluster) -> int:
        (highest,) = self._db.execute("SELECT max(story) FROM clusters").fetchone()
        story = max([highest or 0, *self._cache]) + 1
        self._cache[story] = cluster
        self._first_days[story] = None
        self.created.append(story)
        return story

    def post(self, story: int, keys: list[str]) -> None:
        self._posted.setdefault(story, set()).update(keys)
        for key in keys:
            self._posted_by_key.setdefault(key, set()).add(story)

    def flush(self) -> None:
        """Write back the clusters this chunk changed (each one ``assign`` changed is
        posted) and their postings; clusters only read as candidates stay as stored."""
        db = self._db
        created = set(self.created)
        for story in sorted(self._posted):
            cluster = self._cache[story]
            first_day = cluster.first_day.isoformat() if cluster.first_day else None
            db.execute(
                "INSERT OR REPLACE INTO clusters VALUES (?, ?, ?, ?, ?)",
                (story, cluster.size, first_day, cluster.embedding_sum.astype(np.float32).tobytes(),
                 json.dumps(dict(cluster.entities))),
            )
            # a story opened in this chunk has no stored postings to move
            if story not in created and cluster.first_day != self._first_days[story]:
                db.execute("UPDATE postings SET first_day = ? WHERE story = ?", (first_day, story))
            db.executemany(
                "INSERT OR IGNORE INTO postings VALUES (?, ?, ?)",
                [(key, story, first_day) for key in sorted(self._posted[story])],
            )


class _transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any exception (a kill leaves the
    file as of the last commit: SQLite's journal sees to that)."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, *_rest) -> None:
        self._db.execute("ROLLBACK" if exc_type else "COMMIT")


class _StoredVectors:
    """The sentence encoder, with its vectors kept in the store.

    Encoding is most of a story's analysis, and a story is analysed again each time an
    article joins it, often in a new process whose encoder has seen nothing: with the
    vectors stored, only the new article's sentences are encoded. A vector is stored as
    the encoder first gave it, so an analysis reads the same numbers it would compute."""

    def __init__(self, encoder: SentenceEncoder, db: sqlite3.Connection) -> None:
        self._encoder = encoder
        self._db = db
        self.name = encoder.name
        self._new: dict[bytes, np.ndarray] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        key_of = {text: hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest() for text in texts}
        keys = list(dict.fromkeys(key_of.values()))
        found: dict[bytes, np.ndarray] = {}
        for start in range(0, len(keys), 900):  # SQLite's bound-variable limit
            part = keys[start : start + 900]
            for key, vector in self._db.execute(
                f"SELECT key, vector FROM sentence_vectors WHERE key IN ({_marks(part)})", part
            ):
                found[key] = np.frombuffer(vector, dtype=np.float32)
        wanted = set(keys)
        found.update((key, vector) for key, vector in self._new.items() if key in wanted)
        missing = [text for text in key_of if key_of[text] not in found]
        if missing:
            for text, vector in zip(missing, self._encoder.encode(missing)):
                found[key_of[text]] = self._new[key_of[text]] = vector
        return np.vstack([found[key_of[text]] for text in texts])

    def save(self) -> None:
        """Write the vectors encoded since the last save (inside the caller's transaction)."""
        self._db.executemany(
            "INSERT OR IGNORE INTO sentence_vectors VALUES (?, ?)",
            [(key, vector.astype(np.float32).tobytes()) for key, vector in self._new.items()],
        )
        self._new.clear()


def _add_missing_columns(db: sqlite3.Connection) -> None:
    """Columns added to the layout after stores were written with it (additive, so the
    format stays the same): a store opened for writing gets them, with their defaults."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(stories)")}
    if "n_errors" not in columns:
        db.execute("ALTER TABLE stories ADD COLUMN n_errors INTEGER NOT NULL DEFAULT 0")
    if "version" not in columns:
        db.execute("ALTER TABLE stories ADD COLUMN version INTEGER NOT NULL DEFAULT 0")


def _version_of(*parts: str) -> int:
    """A story's version: 63 bits of a digest of what it shows (SQLite integers are signed)."""
    digest = hashlib.blake2b(digest_size=8)
    for part in parts:
        digest.update(part.encode("utf-8") + b"\x1f")
    return int.from_bytes(digest.digest(), "big") >> 1


def _query_date(name: str, value: str) -> str:
    """A query's date as ISO text; ``StoreError`` when it is not a YYYY-MM-DD date."""
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d").date().isoformat()
    except ValueError:
        raise StoreError(f"--{name} {value!r}: not a date (YYYY-MM-DD)") from None


def _marks(values) -> str:
    return ", ".join("?" * len(values))


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
