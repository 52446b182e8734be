"""How each outlet labels the actors: descriptive terms, in whose voice, loaded or not."""

from __future__ import annotations

from spacy.tokens import Doc

from .model import Document, Entity, Framing, Label, Quote


def find_labels(
    docs: list[Document], parsed: dict[str, Doc], entities: list[Entity], quotes: list[Quote]
) -> list[Label]:
    return []


def compare_framing(labels: list[Label], entities: list[Entity], docs: list[Document]) -> list[Framing]:
    return []
