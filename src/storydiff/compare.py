"""Claims aligned across documents and compared; what each document leaves out."""

from __future__ import annotations

from .embed import SentenceEncoder
from .model import Claim, Comparison, Document, Entity, Omission


def compare_claims(
    claims: list[Claim], docs: list[Document], entities: list[Entity], encoder: SentenceEncoder
) -> list[Comparison]:
    return []


def find_omissions(
    claims: list[Claim], docs: list[Document], comparisons: list[Comparison], encoder: SentenceEncoder
) -> list[Omission]:
    return []
