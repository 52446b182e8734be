"""Plain-text articles: one file, one article. Title detection happens in cleaning, where
the evidence (a repeated line, a breadcrumb, the shape of the next line) is looked at."""

from __future__ import annotations

from pathlib import Path

from ..model import RawDocument
from ..settings import Settings
from ._common import decode_bounded, doc_stem, read_bounded, with_notes


def read_text_file(path: Path, settings: Settings) -> RawDocument:
    """Raises ``Unreadable`` for empty or binary files; a file past ``max_file_bytes`` is
    read up to it (the cut noted)."""
    data, size = read_bounded(path, settings.max_file_bytes)
    decoded = decode_bounded(data, size, settings.max_file_bytes, "max_file_bytes")
    raw = RawDocument(id=doc_stem(path), source_path=str(path), text=decoded.text)
    return with_notes(raw, decoded.notes)
