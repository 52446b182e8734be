"""JSON records: ``.jsonl`` (one record a line), ``.json`` (one record or a list),
``.gz`` (gzip-compressed JSON lines) and JSON lines on stdin.

A record has ``text`` or ``html`` (or BASIL's ``body-paragraphs``) and optionally ``id``,
``url``, ``title``, ``outlet``, ``author``, ``published``. BASIL records (``source``,
``date``, ``uuid``, ``triplet-uuid``) are mapped onto the same fields."""

from __future__ import annotations

import codecs
import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from ..model import RawDocument, Removed, Skipped
from ..settings import Settings
from ._common import (
    LINE_TOO_LONG,
    Unreadable,
    bounded_lines,
    decode_bytes,
    doc_stem,
    open_inflating,
    read_bounded,
    size_text,
    with_notes,
)
from .html import raw_from_html

GZIP_MAGIC = b"\x1f\x8b"

MAX_FIELD_CHARS = 1000
"""Metadata fields (title, author, outlet, ...) longer than this are cut: a title is a
line, and a record with a book in its title field must not carry it into every stage."""

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


def read_json_file(path: Path, settings: Settings) -> Iterator[RawDocument | Skipped]:
    """``.json``: one record or a list of records (or, failing that, JSON lines), read
    whole, up to ``max_file_bytes``; ``.jsonl``: JSON lines, streamed."""
    if path.suffix.lower() != ".json":
        with path.open("rb") as stream:
            yield from read_json_lines(_lines_of(stream, settings), path)
        return
    data, size = read_bounded(path, settings.max_file_bytes)
    if size > settings.max_file_bytes:
        raise Unreadable(
            f"a .json file of {size:,} bytes, over Settings.max_file_bytes ({size_text(settings.max_file_bytes)}): "
            "give many records as JSON lines (.jsonl), which are read one at a time"
        )
    decoded = decode_bytes(data)
    try:
        found = json.loads(decoded.text, strict=False)  # strict=False: control characters in strings are cleaning's
    except (json.JSONDecodeError, RecursionError):
        found = None  # maybe JSON lines under a .json name: read them as such below
    if found is None:
        yield from read_json_lines(((line, decoded.notes) for line in decoded.text.splitlines()), path)
        return
    records = found if isinstance(found, list) else [found]
    single = len(records) == 1
    for number, record in enumerate(records, 1):
        yield _record_or_skip(record, path, None if single else number, "record", notes=decoded.notes)


def read_gzip_file(path: Path, settings: Settings) -> Iterator[RawDocument | Skipped]:
    """Gzip-compressed JSON lines, inflated as a stream within the settings' limits: the
    records before a truncation or a limit are kept, and the stop is reported."""
    with path.open("rb") as compressed:
        stream = open_inflating(compressed, settings)
        try:
            if stream.peek(2)[:2] == GZIP_MAGIC:
                raise Unreadable("a gzip file inside a gzip file: inflate the outer one first")
            yield from read_json_lines(_lines_of(stream, settings), path)
        except EOFError:
            yield Skipped(source_path=str(path), reason="truncated gzip stream")
        except (gzip.BadGzipFile, zlib.error) as error:
            yield Skipped(source_path=str(path), reason=f"not a readable gzip file ({error})")


def read_stdin(stream: IO[bytes], settings: Settings | None = None) -> Iterator[RawDocument | Skipped]:
    yield from read_json_lines(_lines_of(stream, settings or Settings()), Path("-"), stem="stdin")


Line = tuple["str | Unreadable", list[Removed]]
"""A line's text (or why it cannot be read) and what decoding it repaired."""


def _lines_of(stream: IO[bytes], settings: Settings) -> Iterator[Line]:
    """Decoded lines of at most ``max_record_bytes``; a line that is not text (binary) is
    passed on as Latin-1, to fail as JSON with its line number. A stream that starts with
    a UTF-16 or UTF-32 byte-order mark is read as such."""
    head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # rare for JSON lines: decoded whole (within the file limit) rather than streamed
        decoded = decode_bytes(stream.read(settings.max_file_bytes))
        for line in decoded.text.splitlines():
            yield line, decoded.notes
        return
    for line in bounded_lines(stream, settings.max_record_bytes):
        if line is LINE_TOO_LONG:
            limit = size_text(settings.max_record_bytes)
            yield Unreadable(f"a record over Settings.max_record_bytes ({limit}), passed over"), []
            continue
        try:
            yield line.decode("utf-8-sig"), []
        except UnicodeDecodeError:
            try:
                decoded = decode_bytes(line) if line.strip() else None
                yield (decoded.text, decoded.notes) if decoded else ("", [])
            except Unreadable:
                yield line.decode("latin-1"), []


def read_json_lines(lines: Iterable[Line], path: Path, stem: str | None = None) -> Iterator[RawDocument | Skipped]:
    """One record a line; blank lines are ignored, every other line is a document or a Skipped."""
    source = str(path)
    seen_any = False
    for number, (line, notes) in enumerate(lines, 1):
        if isinstance(line, Unreadable):
            seen_any = True
            yield Skipped(source_path=source, reason=f"line {number}: {line}")
            continue
        if not line.strip():
            continue
        seen_any = True
        try:
            record = json.loads(line, strict=False)
        except json.JSONDecodeError as error:
            yield Skipped(source_path=source, reason=f"line {number}: invalid JSON ({error.msg})")
            continue
        except RecursionError:
            yield Skipped(source_path=source, reason=f"line {number}: JSON nested too deeply")
            continue
        yield _record_or_skip(record, path, number, "line", stem, notes)
    if not seen_any:
        yield Skipped(source_path=source, reason="empty file")


def _record_or_skip(
    record, path: Path, number: int | None, unit: str, stem: str | None = None, notes: list[Removed] = ()
) -> RawDocument | Skipped:
    where = f"{unit} {number}: " if number is not None else ""
    if not isinstance(record, dict):
        return Skipped(source_path=str(path), reason=f"{where}not a JSON object")
    default_id = (stem or doc_stem(path)) + (f"-{number}" if number is not None else "")
    try:
        raw = raw_from_record(record, default_id, str(path))
        # a note of replaced bytes goes to the records that hold a replacement character
        return with_notes(raw, [n for n in notes if "\ufffd" in (raw.text or "") or not n.reason.startswith("invalid")])
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
            " ".join(s.strip() for s in p if isinstance(s, str)) if isinstance(p, list)
            else p.strip() if isinstance(p, str) else ""  # a number or an object is not a paragraph
            for p in paragraphs
        ]
        return "\n\n".join(p for p in joined if p) or None
    return None


def _first(record: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, list):  # e.g. a list of authors
            value = ", ".join(str(v) for v in value if isinstance(v, (str, int, float)) and v)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()[:MAX_FIELD_CHARS]
    return None
