"""Headline parses kept in the store, so that a story analysed again parses only its new headlines."""

from __future__ import annotations

import hashlib
import sqlite3
import zlib
from collections import OrderedDict
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
    reads the parse it would compute (``parse_to_bytes`` round-trips exactly), and the
    ``keep`` used last stay in memory, with what the stages read from them alone."""

    def __init__(self, nlp: Language, db: sqlite3.Connection, keep: int = 0) -> None:
        self._nlp = nlp
        self._db = db
        self._new: dict[bytes, bytes] = {}
        self._keep = keep
        self._kept: OrderedDict[bytes, Doc] = OrderedDict()
        """The ``keep`` headline parses used last (a store keeps one of these while open)."""

    def pipe(self, texts: Iterable[str]) -> list[Doc]:
        texts = list(texts)
        key_of = {text: hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest() for text in texts}
        docs = {key: self._kept[key] for key in key_of.values() if key in self._kept}
        wanted = [key for key in dict.fromkeys(key_of.values()) if key not in docs]
        stored: dict[bytes, bytes] = {}
        for start in range(0, len(wanted), 900):  # SQLite's bound-variable limit
            part = wanted[start : start + 900]
            for key, data in self._db.execute(f"SELECT key, parse FROM title_parses WHERE key IN ({marks(part)})", part):
                stored[key] = zlib.decompress(data)
        stored.update((key, self._new[key]) for key in wanted if key in self._new)
        missing = [text for text in key_of if key_of[text] not in docs and key_of[text] not in stored]
        for text, doc in zip(missing, self._nlp.pipe(missing)):
            stored[key_of[text]] = self._new[key_of[text]] = parse_to_bytes(doc)
        # a new parse is read back too: what a later analysis will read
        docs.update((key, parse_from_bytes(data, self._nlp.vocab)) for key, data in stored.items())
        for key, doc in docs.items():
            self._remember(key, doc)
        return [docs[key_of[text]] for text in texts]

    def _remember(self, key: bytes, doc: Doc) -> None:
        if self._keep <= 0:
            return
        self._kept[key] = doc
        self._kept.move_to_end(key)
        while len(self._kept) > self._keep:
            self._kept.popitem(last=False)

    def __call__(self, text: str) -> Doc:
        return self.pipe([text])[0]

    def save(self) -> None:
        """Write the parses made since the last save (inside the caller's transaction)."""
        self._db.executemany(
            "INSERT OR IGNORE INTO title_parses VALUES (?, ?)",
            [(key, zlib.compress(data, 1)) for key, data in self._new.items()],
        )
        self._new.clear()
