"""Cleaning scraped articles: debris out (recorded with a reason), metadata in."""

from __future__ import annotations

from .model import Document, RawDocument


def clean(raw: RawDocument) -> Document:
    raise NotImplementedError  # owned by the cleaning work
