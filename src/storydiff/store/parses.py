"""Headline parses kept in the store, so that a story analysed again parses only its new headlines."""

from __future__ import annotations

import hashlib
import sqlite3
import zlib
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import parse_from_bytes, parse_to_bytes
from .connection import marks


class StoredTitleParses:
    """The spaCy pipeline for headlines (``nlp.Parser``), with its parses kept in the store.

    A story's analysis parses its headlines twice (as written, for labels; in sentence
    case, for the counts they state), each time the story is analysed: a tenth of the
    analysis of a story an article joins. Article texts are parsed once, ever (their parses
    are kept with their documents); headlines are kept here, by text, so that an analysis
    reads the parse it would compute (``parse_to_bytes`` round-trips exactly)."""

    def __init__(self, nlp: Language, db: sqlite3.Connection) -> None:
        self._nlp = nlp
        self._db = db
        self._new: dict[bytes, bytes] = {}

    def pipe(self, texts: Iterable[str]) -> list[Doc]:
        texts = list(texts)
        key_of = {text: hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest() for text in texts}
        keys = list(dict.fromkeys(key_of.values()))
        found: dict[bytes, bytes] = {}
        for start in range(0, len(keys), 900):  # SQLite's bound-variable limit
            part = keys[start : start + 900]
            found.update(self._db.execute(f"SELECT key, parse FROM title_parses WHERE key IN ({marks(part)})", part))
        found = {key: zlib.decompress(data) for key, data in found.items()}
        wanted = set(keys)
        found.update((key, data) for key, data in self._new.items() if key in wanted)
        missing = [text for text in key_of if key_of[text] not in found]
        parsed = {}
        for text, doc in zip(missing, self._nlp.pipe(missing)):
            parsed[text] = doc
            found[key_of[text]] = self._new[key_of[text]] = parse_to_bytes(doc)
        # a parse read back, not the fresh one: what a later analysis will read
        return [parse_from_bytes(found[key_of[text]], self._nlp.vocab) for text in texts]

    def __call__(self, text: str) -> Doc:
        return self.pipe([text])[0]

    def save(self) -> None:
        """Write the parses made since the last save (inside the caller's transaction)."""
        self._db.executemany(
            "INSERT OR IGNORE INTO title_parses VALUES (?, ?)",
            [(key, zlib.compress(data, 1)) for key, data in self._new.items()],
        )
        self._new.clear()
