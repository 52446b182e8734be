"""The store's table layout, its format, and the names of its stories."""

from __future__ import annotations

import hashlib
import sqlite3

STORE_FORMAT = "1"
"""Version of the table layout; a store of another format is refused, not misread."""


SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    seq INTEGER PRIMARY KEY,            -- arrival order
    id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    story INTEGER NOT NULL,
    copy_group INTEGER,                 -- seq of the group's member clustered (its first, or its canonical after a first ingest, store/batch.py); NULL: no copies
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
CREATE TABLE IF NOT EXISTS title_parses (  -- headlines' spaCy parses, per text (store.parses)
    key BLOB PRIMARY KEY,               -- BLAKE2b-128 of the headline as parsed
    parse BLOB NOT NULL                 -- zlib-compressed nlp.parse_to_bytes
) WITHOUT ROWID;
"""


class StoreError(Exception):
    """The store cannot be used (missing, another format, unknown story)."""


def story_label(number: int) -> str:
    return f"S{number}"


def story_number(label: str) -> int:
    try:
        return int(label[1:] if label[:1] in "sS" else label)
    except ValueError:
        raise StoreError(f"{label}: not a story id (S1, S2, ...)") from None


def add_missing_columns(db: sqlite3.Connection) -> None:
    """Columns added to the layout after stores were written with it (additive, so the
    format stays the same): a store opened for writing gets them, with their defaults."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(stories)")}
    if "n_errors" not in columns:
        db.execute("ALTER TABLE stories ADD COLUMN n_errors INTEGER NOT NULL DEFAULT 0")
    if "version" not in columns:
        db.execute("ALTER TABLE stories ADD COLUMN version INTEGER NOT NULL DEFAULT 0")


def version_of(*parts: str) -> int:
    """A story's version: 63 bits of a digest of what it shows (SQLite integers are signed)."""
    digest = hashlib.blake2b(digest_size=8)
    for part in parts:
        digest.update(part.encode("utf-8") + b"\x1f")
    return int.from_bytes(digest.digest(), "big") >> 1
