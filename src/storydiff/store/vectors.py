"""Sentence vectors kept in the store, so that a story analysed again encodes only what is new."""

from __future__ import annotations

import hashlib
import sqlite3

import numpy as np

from ..embed import DIMENSIONS, SentenceEncoder
from .connection import marks


class StoredVectors:
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
                f"SELECT key, vector FROM sentence_vectors WHERE key IN ({marks(part)})", part
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
