"""Web archives: every HTML response in a ``.warc`` / ``.warc.gz`` file is an article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..model import RawDocument, Skipped
from ._common import Unreadable, decode_bytes, doc_stem
from .html import raw_from_html

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc_file(path: Path) -> Iterator[RawDocument | Skipped]:
    """One document per HTML response (id: file name + response number); requests,
    metadata and non-HTML responses (images, scripts) are not articles and are passed over."""
    source = str(path)
    responses = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response" or not _is_html(record):
                    continue
                responses += 1
                url = record.rec_headers.get_header("WARC-Target-URI")
                where = f"response {responses} ({url})" if url else f"response {responses}"
                try:
                    html = _decode(record.content_stream().read(), record)
                    yield raw_from_html(html, doc_id=f"{doc_stem(path)}-{responses}", source_path=source, url=url)
                except Unreadable as error:
                    yield Skipped(source_path=source, reason=f"{where}: {error}")
    except ArchiveLoadFailed as error:
        yield Skipped(source_path=source, reason=f"not a readable WARC file ({_one_line(error)})")
        return
    except (EOFError, OSError) as error:
        yield Skipped(source_path=source, reason=f"truncated or damaged WARC file ({_one_line(error)})")
        return
    if responses == 0:
        yield Skipped(source_path=source, reason="no HTML responses in the WARC file")


def _is_html(record) -> bool:
    if record.http_headers is None:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    status = record.http_headers.get_statuscode()
    return status == "200" and any(t in content_type for t in HTML_TYPES)


def _decode(data: bytes, record) -> str:
    """The charset the server declared, else detection."""
    content_type = record.http_headers.get_header("Content-Type") or ""
    if "charset=" in content_type.lower():
        charset = content_type.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'")
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass

    return decode_bytes(data)


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())[:160]
