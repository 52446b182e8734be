"""Plain-text articles: one file, one article. Title detection happens in cleaning, where
the evidence (a repeated line, a breadcrumb, the shape of the next line) is looked at."""

from __future__ import annotations

from pathlib import Path

from ..model import RawDocument
from ._common import decode_bytes, doc_stem


def read_text_file(path: Path) -> RawDocument:
    """Raises ``Unreadable`` for empty or binary files."""
    text = decode_bytes(path.read_bytes())
    return RawDocument(id=doc_stem(path), source_path=str(path), text=text)
