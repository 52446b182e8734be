"""JSON records: ``.jsonl`` (one record a line), ``.json`` (one record or a list),
``.gz`` (gzip-compressed JSON lines) and JSON lines on stdin.

A record has ``text`` or ``html`` (or BASIL's ``body-paragraphs``) and optionally ``id``,
``url``, ``title``, ``outlet``, ``author``, ``published``. BASIL records (``source``,
``date``, ``uuid``, ``triplet-uuid``) are mapped onto the same fields."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from ..model import RawDocument, Skipped
from ._common import Unreadable, decode_bytes, doc_stem
from .html import raw_from_html

# BASIL names its three outlets by short codes; these are that corpus's documented codes,
# spelled out so that reports show an outlet name. Unknown codes are kept as written.
OUTLET_CODES = {"nyt": "The New York Times", "hpo": "HuffPost", "fox": "Fox News"}

# Alternative field names, in order of preference, for each RawDocument field.
FIELD_NAMES = {
    "id": ("id", "uuid", "doc_id"),
    "url": ("url", "link"),
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "site", "publisher"),
    "author": ("author", "authors", "byline"),
    "published": ("published", "date", "published_at", "publication_date", "pubdate"),
}


def read_json_file(path: Path) -> Iterator[RawDocument | Skipped]:
    """``.json``: one record or a list of records (or, failing that, JSON lines);
    ``.jsonl``: JSON lines."""
    try:
        text = decode_bytes(path.read_bytes())
    except Unreadable as error:
        yield Skipped(source_path=str(path), reason=str(error))
        return
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            data = None  # maybe JSON lines under a .json name: read it as such below
        if data is not None:
            records = data if isinstance(data, list) else [data]
            single = len(records) == 1
            for number, record in enumerate(records, 1):
                yield _record_or_skip(record, path, None if single else number, "record")
            return
    yield from read_json_lines(text.splitlines(), path)


def read_gzip_file(path: Path) -> Iterator[RawDocument | Skipped]:
    """Gzip-compressed JSON lines, decompressed as a stream: the records before a
    truncation are kept, and the truncation is reported."""
    try:
        with gzip.open(path, "rb") as stream:
            yield from read_json_lines(_decoded_lines(stream), path)
    except EOFError:
        yield Skipped(source_path=str(path), reason="truncated gzip stream")
    except (gzip.BadGzipFile, zlib.error) as error:
        yield Skipped(source_path=str(path), reason=f"not a readable gzip file ({error})")


def read_stdin(stream: IO[bytes]) -> Iterator[RawDocument | Skipped]:
    yield from read_json_lines(_decoded_lines(stream), Path("-"), stem="stdin")


def _decoded_lines(stream: IO[bytes]) -> Iterator[str]:
    for line in stream:
        try:
            yield line.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                yield decode_bytes(line) if line.strip() else ""
            except Unreadable:
                yield line.decode("latin-1")  # then fails as JSON and is reported with its line number


def read_json_lines(lines: Iterable[str], path: Path, stem: str | None = None) -> Iterator[RawDocument | Skipped]:
    """One record a line; blank lines are ignored, every other line is a document or a Skipped."""
    source = str(path)
    seen_any = False
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        seen_any = True
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Skipped(source_path=source, reason=f"line {number}: invalid JSON ({error.msg})")
            continue
        yield _record_or_skip(record, path, number, "line", stem)
    if not seen_any:
        yield Skipped(source_path=source, reason="empty file")


def _record_or_skip(record, path: Path, number: int | None, unit: str, stem: str | None = None) -> RawDocument | Skipped:
    where = f"{unit} {number}: " if number is not None else ""
    if not isinstance(record, dict):
        return Skipped(source_path=str(path), reason=f"{where}not a JSON object")
    default_id = (stem or doc_stem(path)) + (f"-{number}" if number is not None else "")
    try:
        return raw_from_record(record, default_id, str(path))
    except Unreadable as error:
        return Skipped(source_path=str(path), reason=f"{where}{error}")


def raw_from_record(record: dict, default_id: str, source_path: str) -> RawDocument:
    """Map one JSON record onto a RawDocument. Raises ``Unreadable`` when it has no text."""
    fields = {name: _first(record, keys) for name, keys in FIELD_NAMES.items()}
    doc_id = fields.pop("id") or default_id
    if fields["outlet"]:
        fields["outlet"] = OUTLET_CODES.get(fields["outlet"].lower(), fields["outlet"])
    text = _text_of(record)
    if text:
        return RawDocument(id=doc_id, source_path=source_path, text=text,
                           outlet_source="record" if fields["outlet"] else None, **fields)
    html = record.get("html")
    if isinstance(html, str) and html.strip():
        return raw_from_html(html, doc_id=doc_id, source_path=source_path, **fields)
    raise Unreadable("record has no text, html or body-paragraphs")


def _text_of(record: dict) -> str | None:
    text = record.get("text")
    if isinstance(text, str) and text.strip():
        return text
    paragraphs = record.get("body-paragraphs") or record.get("paragraphs")
    if isinstance(paragraphs, list):
        # BASIL: a list of paragraphs, each a list of sentences (or a string).
        joined = [
            " ".join(s.strip() for s in p if isinstance(s, str)) if isinstance(p, list) else str(p).strip()
            for p in paragraphs
        ]
        return "\n\n".join(p for p in joined if p) or None
    return None


def _first(record: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, list):  # e.g. a list of authors
            value = ", ".join(str(v) for v in value if v)
        if isinstance(value, (str, int, float)) and str(value).strip():
            return str(value).strip()
    return None
