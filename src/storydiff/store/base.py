"""What every part of the store stands on: its connection, its settings, its meta table."""

from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Self

from spacy.tokens import Doc

from ..settings import Settings
from .connection import Transaction, marks

ProgressCallback = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    return None


class StoreBase:
    """The state the store's parts share (see ``Store``, which puts them together)."""

    def __init__(self, connection: sqlite3.Connection, settings: Settings, path: Path):
        self._db = connection
        self.settings = settings
        self.path = path
        self._kept_parses: OrderedDict[int, Doc] = OrderedDict()
        """Parses of documents (by ``seq``) of the stories analysed lately (``store.analysis``)."""
        self._title_parses = None  # store.parses.StoredTitleParses, made by the first analysis
        self.readonly = False
        """Open read-only (``Store.open``): nothing is written, an analysis a read needs is kept in memory."""

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def _frequencies(self, terms: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for start in range(0, len(terms), 900):  # SQLite's bound-variable limit
            part = terms[start : start + 900]
            found.update(self._db.execute(f"SELECT term, df FROM terms WHERE term IN ({marks(part)})", part).fetchall())
        return found

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

    def _has_table(self, name: str) -> bool:
        return self._db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None

    def _meta(self, key: str) -> str:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else ""

    def _set_models(self, models: dict[str, str]) -> None:
        with Transaction(self._db):
            self._db.execute("UPDATE meta SET value = ? WHERE key = 'models'", (json.dumps(models),))
