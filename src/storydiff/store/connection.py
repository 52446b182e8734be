"""The SQLite connection of a store file, shared by the store and the fetch log (which
keeps its tables in the same file): one set-up, so that both read and write it alike."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def connect(path: str | Path, *, readonly: bool = False, cache_kib: int = 0) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit: ``Transaction``).
    Read-only: the file must exist and is never written. Otherwise in WAL mode, so that
    readers (``stories``, ``report``, the web app) go on while one writer writes, with
    ``synchronous=NORMAL`` (WAL keeps that crash-safe) and, when ``cache_kib`` is given,
    that much page cache."""
    if readonly:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30, isolation_level=None)
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")  # readers go on while one ingest writes
    db.execute("PRAGMA synchronous=NORMAL")  # WAL keeps this crash-safe
    if cache_kib:
        db.execute(f"PRAGMA cache_size=-{int(cache_kib)}")
    return db


class Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any exception (a kill leaves the
    file as of the last commit: SQLite's journal sees to that)."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, *_rest) -> None:
        self._db.execute("ROLLBACK" if exc_type else "COMMIT")


def marks(values) -> str:
    return ", ".join("?" * len(values))
