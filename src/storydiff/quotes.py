"""Quotes and their speakers; the same quote across documents; attribution conflicts."""

from __future__ import annotations

from spacy.tokens import Doc

from .model import Document, Entity, Quote, QuoteConflict


def find_quotes(docs: list[Document], parsed: dict[str, Doc], entities: list[Entity]) -> list[Quote]:
    return []


def match_quotes(quotes: list[Quote], docs: list[Document]) -> list[QuoteConflict]:
    """Fill ``Quote.matches`` / ``Quote.wording`` in place and return attribution conflicts."""
    return []
