"""Parquet tables of articles: one row per article, with the JSON readers' fields.

A row has ``text`` or ``html`` (or a ``paragraphs``/``body-paragraphs`` list) and optionally
``id``, ``url``, ``title``, ``outlet``, ``author``, ``published``, under the same names and
alternatives as a JSON record (see jsonl.FIELD_NAMES): a table written from JSON lines reads
as those lines would. A row without an id is named ``<file stem>-<row number>`` (from 1).

Rows are read in record batches, so a large file never sits in memory whole."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..model import RawDocument, Skipped
from ..settings import Settings
from ._common import Unreadable, doc_stem, one_line
from .jsonl import raw_from_record

BATCH_ROWS = 1024
"""Rows converted to Python at a time: big enough to be fast, small enough for memory."""


def read_parquet_file(path: Path, settings: Settings) -> Iterator[RawDocument | Skipped]:
    """Every row of a Parquet file as a RawDocument, or a Skipped with its row number.
    (A row's text is bounded by ``Settings.max_document_chars`` in cleaning.)"""
    import pyarrow  # imported here: only Parquet inputs pay for loading Arrow
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
    except (pyarrow.ArrowException, OSError) as error:
        raise Unreadable(f"not a readable Parquet file ({one_line(error)})") from error
    stem, number = doc_stem(path), 0
    for batch in table.iter_batches(batch_size=BATCH_ROWS):
        for row in batch.to_pylist():
            number += 1
            record = {key: _plain(value) for key, value in row.items()}
            try:
                yield raw_from_record(record, f"{stem}-{number}", str(path))
            except Unreadable as error:
                yield Skipped(source_path=str(path), reason=f"row {number}: {error}")
    if number == 0:
        yield Skipped(source_path=str(path), reason="empty file")


def _plain(value: Any) -> Any:
    """Arrow's dates and timestamps as ISO 8601 text, as a JSON record would carry them."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return value
