"""The candidate index of story assignment (``stories.StoryIndex``) in the store's tables."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import date, timedelta

import numpy as np

from ..stories import MAX_POSTING, Cluster
from .connection import marks


class SqliteStoryIndex:
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
                    f"SELECT story FROM postings WHERE key IN ({marks(keys)}) AND first_day BETWEEN ? AND ?"
                    f" UNION SELECT story FROM (SELECT story FROM postings WHERE key IN ({marks(keys)})"
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
                 json.dumps(cluster.bag())),
            )
            # a story opened in this chunk has no stored postings to move
            if story not in created and cluster.first_day != self._first_days[story]:
                db.execute("UPDATE postings SET first_day = ? WHERE story = ?", (first_day, story))
            db.executemany(
                "INSERT OR IGNORE INTO postings VALUES (?, ?, ?)",
                [(key, story, first_day) for key in sorted(self._posted[story])],
            )
