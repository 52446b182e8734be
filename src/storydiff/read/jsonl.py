"""JSON records: ``.jsonl`` (one record a line), ``.json`` (one record or a list),
``.gz`` (gzip-compressed JSON lines) and JSON lines on stdin.

A record has ``text`` or ``html`` (or BASIL's ``body-paragraphs``) and optionally ``id``,
``url``, ``title``, ``outlet``, ``author``, ``published``. BASIL records (``source``,
``date``, ``uuid``, ``triplet-uuid``) are mapped onto the same fields."""

from __future__ import annotations

import codecs
import gzip
import itertools
import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..model import RawDocument, Removed, Skipped
from ..settings import Settings
from ._common import (
    LINE_PIECE_BYTES,
    LongLine,
    Unreadable,
    bounded_lines,
    cut_at_sentence,
    decode_bytes,
    doc_stem,
    limit_note,
    open_inflating,
    read_bounded,
    size_text,
    with_notes,
)
from .html import raw_from_html
from .long_records import CUT_MARK, cut_long_strings

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
    cut = None
    if size > settings.max_file_bytes:
        # one record with a huge field is kept, that field cut; many records are not
        with path.open("rb") as stream:
            cut = cut_long_strings(iter(lambda: stream.read(LINE_PIECE_BYTES), b""), settings.max_file_bytes)
        if cut.problem:
            raise Unreadable(
                f"a .json file of {size:,} bytes, over Settings.max_file_bytes ({size_text(settings.max_file_bytes)}): "
                "give many records as JSON lines (.jsonl), which are read one at a time"
            )
        data = cut.json
    decoded = decode_bytes(data)
    try:
        found = json.loads(decoded.text, strict=False)  # strict=False: control characters in strings are cleaning's
    except (json.JSONDecodeError, RecursionError):
        found = None  # maybe JSON lines under a .json name: read them as such below
    if found is None:
        if cut is not None:
            raise Unreadable(f"a .json file of {size:,} bytes, over Settings.max_file_bytes, and not valid JSON")
        yield from read_json_lines(((line, decoded.notes) for line in decoded.text.splitlines()), path)
        return
    records = found if isinstance(found, list) else [found]
    single = len(records) == 1
    over = _Over(cut.dropped, "max_file_bytes", settings.max_file_bytes) if cut else None
    for number, record in enumerate(records, 1):
        yield _record_or_skip(record, path, None if single else number, "record", notes=decoded.notes, over=over)


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


@dataclass(frozen=True)
class _Over:
    """A record read past a limit: its long strings were cut (``long_records``)."""

    dropped: int
    """Bytes passed over."""
    setting: str
    limit: int


Line = tuple["str | Unreadable", list[Removed]] | tuple["str | Unreadable", list[Removed], "_Over | None"]
"""A line's text (or why it cannot be read), what decoding it repaired, and, for a line
over ``max_record_bytes``, how it was cut."""


def _lines_of(stream: IO[bytes], settings: Settings) -> Iterator[Line]:
    """Decoded lines of at most ``max_record_bytes`` (a longer one has its long strings
    cut, see ``long_records``); a line that is not text (binary) is passed on as Latin-1,
    to fail as JSON with its line number. A stream that starts with a UTF-16 or UTF-32
    byte-order mark is read as such."""
    head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # rare for JSON lines: decoded whole (within the file limit) rather than streamed
        decoded = decode_bytes(stream.read(settings.max_file_bytes))
        for line in decoded.text.splitlines():
            yield line, decoded.notes
        return
    limit = settings.max_record_bytes
    for line in bounded_lines(stream, limit):
        over = None
        if isinstance(line, LongLine):
            cut = cut_long_strings(itertools.chain([line.head], line.rest), limit)
            if cut.problem:
                yield Unreadable(f"a record over Settings.max_record_bytes ({size_text(limit)}): {cut.problem}"), []
                continue
            line, over = cut.json, _Over(cut.dropped, "max_record_bytes", limit)
        try:
            yield line.decode("utf-8-sig"), [], over
        except UnicodeDecodeError:
            try:
                decoded = decode_bytes(line) if line.strip() else None
                yield (decoded.text, decoded.notes, over) if decoded else ("", [], over)
            except Unreadable:
                yield line.decode("latin-1"), [], over


def read_json_lines(lines: Iterable[Line], path: Path, stem: str | None = None) -> Iterator[RawDocument | Skipped]:
    """One record a line; blank lines are ignored, every other line is a document or a Skipped."""
    source = str(path)
    seen_any = False
    for number, (line, notes, *over) in enumerate(lines, 1):
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
        yield _record_or_skip(record, path, number, "line", stem, notes, over[0] if over else None)
    if not seen_any:
        yield Skipped(source_path=source, reason="empty file")


TEXT_FIELDS = ("text", "body-paragraphs", "paragraphs", "html")
"""The fields an article's text comes from (see ``raw_from_record``)."""


def _record_or_skip(
    record, path: Path, number: int | None, unit: str, stem: str | None = None, notes: list[Removed] = (),
    over: _Over | None = None,
) -> RawDocument | Skipped:
    where = f"{unit} {number}: " if number is not None else ""
    if not isinstance(record, dict):
        return Skipped(source_path=str(path), reason=f"{where}not a JSON object")
    default_id = (stem or doc_stem(path)) + (f"-{number}" if number is not None else "")
    cut_fields = _unmark_cuts(record) if over else []
    try:
        raw = raw_from_record(record, default_id, str(path))
        # a note of replaced bytes goes to the records that hold a replacement character
        raw = with_notes(raw, [n for n in notes if "\ufffd" in (raw.text or "") or not n.reason.startswith("invalid")])
        return _cut_at_sentence(raw, over, cut_fields) if cut_fields else raw
    except Unreadable as error:
        return Skipped(source_path=str(path), reason=f"{where}{error}")


def _unmark_cuts(record: dict) -> list[str]:
    """Take the marks of cut strings out of ``record`` (in place); the top-level fields
    that held one."""

    def unmark(value):
        if isinstance(value, str):
            return (value[:-1], True) if value.endswith(CUT_MARK) else (value, False)
        if isinstance(value, list):
            pairs = [unmark(v) for v in value]
            return [v for v, _ in pairs], any(c for _, c in pairs)
        if isinstance(value, dict):
            pairs = {k: unmark(v) for k, v in value.items()}
            return {k: v for k, (v, _) in pairs.items()}, any(c for _, c in pairs.values())
        return value, False

    cut = []
    for key in list(record):
        record[key], was_cut = unmark(record[key])
        if was_cut:
            cut.append(key)
    return cut


def _cut_at_sentence(raw: RawDocument, over: _Over, cut_fields: list[str]) -> RawDocument:
    """A record read past its limit: when its text was cut, the text ends at a sentence end
    and the cut is noted; when only other fields were, they are named."""
    limit = size_text(over.limit)
    beyond = f"{over.dropped:,} more bytes of the record not read"
    if not any(field in TEXT_FIELDS for field in cut_fields):
        return with_notes(raw, [Removed(
            text=f"fields {', '.join(cut_fields)} ({beyond})",
            reason=f"past the limit of Settings.{over.setting} ({limit}): fields cut",
        )])
    # one character short of the whole: the text goes on past its end, so it is not
    # kept whole for want of a break, and a text that is one long run is skipped
    text, tail = cut_at_sentence(raw.text, len(raw.text) - 1)
    note = limit_note(tail, beyond, over.setting, limit)
    return with_notes(raw.model_copy(update={"text": text}), [note])


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
