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
   vectors and the headline parses the analysis asks for are stored too, so a story
   analysed again, even in a new process, encodes and parses only its new article's; and
   the store keeps the parses of the stories it analysed lately in memory
   (``settings.store_kept_parses``), with what the stages worked out from them alone.

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

The package's parts: ``schema`` (the tables, the format), ``connection`` (the SQLite
set-up, shared with the fetch log), ``assign`` (phase 1), ``analysis`` (phase 2),
``regroup`` (splits and merges of stored stories as articles arrive), ``vectors`` and
``parses`` (the sentence vectors and headline parses kept for the analysis), ``queries``
(reading), ``pages`` (stored web pages); ``Store`` puts them together.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..settings import Settings
from .analysis import Analysing
from .assign import DEFAULT_CHUNK_SIZE, Assigning, IngestResult, content_hash
from .base import ProgressCallback
from .connection import Transaction, connect
from .pages import Paging
from .queries import Querying, StorySummary
from .schema import SCHEMA, STORE_FORMAT, StoreError, add_missing_columns, story_label

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "STORE_FORMAT",
    "IngestResult",
    "ProgressCallback",
    "Store",
    "StoreError",
    "StorySummary",
    "content_hash",
    "story_label",
]

# the cache of a store opened for writing: SQLite's default page cache is 2 MB, and a 100k
# store's term and posting indexes (hundreds of MB) would be read from the OS for every chunk
_WRITER_CACHE_KIB = 262144  # 256 MB


class Store(Assigning, Analysing, Querying, Paging):
    """A corpus store in one SQLite file. Open with ``Store.open``; use as a context manager."""

    @classmethod
    def open(cls, path: str | Path, settings: Settings | None = None, *, create: bool = True, readonly: bool = False) -> Store:
        """Open (or create) the store at ``path``. A new store keeps ``settings``; an
        existing one keeps the settings it was created with (its stories depend on them)."""
        path = Path(path)
        if not path.exists() and (readonly or not create):
            raise StoreError(f"{path}: no such store")
        try:
            if readonly:
                db = connect(path, readonly=True)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                db = connect(path, cache_kib=_WRITER_CACHE_KIB)
                db.executescript(SCHEMA)
                add_missing_columns(db)
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{path}: not a storydiff store ({error})") from None
        if not meta:
            if readonly:
                raise StoreError(f"{path}: an empty store")
            settings = settings or Settings()
            with Transaction(db):
                db.executemany(
                    "INSERT INTO meta VALUES (?, ?)",
                    [("format", STORE_FORMAT), ("settings", settings.model_dump_json()), ("clustered_docs", "0"), ("models", "{}")],
                )
        else:
            if meta.get("format") != STORE_FORMAT:
                raise StoreError(f"{path}: a store of format {meta.get('format')!r}, this storydiff reads {STORE_FORMAT!r}")
            settings = Settings.model_validate_json(meta["settings"])
        store = cls(db, settings, path)
        store.readonly = readonly
        return store

