"""Entities of a story, resolved across its documents."""

from __future__ import annotations

from spacy.tokens import Doc

from .model import Document, Entity


def resolve_entities(docs: list[Document], parsed: dict[str, Doc]) -> list[Entity]:
    return []
