"""Near-duplicate detection: MinHash LSH over normalised word shingles."""

from __future__ import annotations

from .model import Document, DuplicateGroup
from .settings import Settings


def find_copies(docs: list[Document], settings: Settings) -> list[DuplicateGroup]:
    """Groups of copies with a canonical member; singletons are not returned."""
    return []
