"""Web archives: every HTML response in a ``.warc`` / ``.warc.gz`` file is an article."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..model import RawDocument, Skipped
from ..settings import Settings
from ._common import Decoded, Unreadable, decode_bounded, doc_stem, open_inflating, with_notes, one_line
from .html import raw_from_html

HTML_TYPES = ("text/html", "application/xhtml+xml")
_NEXT_RECORD = re.compile(rb"\r?\n(?:\r?\n)*WARC/1\.[01]\r?\nWARC-Type:")
"""The start of another WARC record inside a record's body: its length overran it."""


# Latin-1 as servers declare it is Windows-1252 in practice (as browsers read it): the
# curly quotes and dashes of 0x80-0x9F would otherwise become control characters.
_DECLARED_AS = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}


def read_warc_file(path: Path, settings: Settings) -> Iterator[RawDocument | Skipped]:
    """One document per HTML response (id: file name + response number); requests,
    metadata and non-HTML responses (images, scripts) are not articles and are passed over.
    A ``.warc.gz`` is inflated within the settings' limits; a response body is read up
    to ``max_record_bytes``."""
    source = str(path)
    responses = 0
    try:
        with path.open("rb") as file:
            # inflated here rather than by warcio, so that the bytes are counted as they stream
            compressed = file.read(2) == b"\x1f\x8b"
            file.seek(0)
            stream = open_inflating(file, settings) if compressed else file
            for record in ArchiveIterator(stream):
                if record.rec_type != "response" or not _is_html(record):
                    continue
                responses += 1
                url = record.rec_headers.get_header("WARC-Target-URI")
                where = f"response {responses} ({url})" if url else f"response {responses}"
                try:
                    limit = settings.max_record_bytes
                    body = record.content_stream().read(limit + 1)  # the rest is read through by warcio
                    overrun = _NEXT_RECORD.search(body)
                    if overrun:
                        # a Content-Length that lies: the body ran into the records after it,
                        # which are lost to this reading; say so rather than lose them silently
                        body = body[: overrun.start()]
                        yield Skipped(source_path=source, reason=f"{where}: its Content-Length runs past the record "
                                      "into the next; the records it swallowed are not read")
                    html = _decode(body[:limit], len(body), limit, record)
                    raw = raw_from_html(html.text, doc_id=f"{doc_stem(path)}-{responses}", source_path=source, url=url,
                                          max_chars=settings.max_html_chars)
                    yield with_notes(raw, html.notes)
                except Unreadable as error:
                    yield Skipped(source_path=source, reason=f"{where}: {error}")
    except Unreadable as error:  # a limit of the archive as a whole
        yield Skipped(source_path=source, reason=f"{error}; {responses} responses read before")
        return
    except ArchiveLoadFailed as error:
        yield Skipped(source_path=source, reason=f"not a readable WARC file ({one_line(error)})")
        return
    except (EOFError, OSError) as error:
        yield Skipped(source_path=source, reason=f"truncated or damaged WARC file ({one_line(error)})")
        return
    if responses == 0:
        yield Skipped(source_path=source, reason="no HTML responses in the WARC file")


def _is_html(record) -> bool:
    if record.http_headers is None:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    status = record.http_headers.get_statuscode()
    return status == "200" and any(t in content_type for t in HTML_TYPES)


def _decode(data: bytes, size: int, limit: int, record) -> Decoded:
    """The charset the server declared, else detection (see _common.decode_bytes)."""
    content_type = record.http_headers.get_header("Content-Type") or ""
    if "charset=" in content_type.lower() and size <= limit:
        charset = content_type.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'")
        try:
            return Decoded(data.decode(_DECLARED_AS.get(charset, charset)), charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bounded(data, size, limit, "max_record_bytes", prose=False)
