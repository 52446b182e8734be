"""JSON records past ``Settings.max_record_bytes``: read as they stream, their long strings cut.

A record of 200 MB is nearly always one huge field (an article's text or HTML, a dump
pasted into it) in an ordinary record. Its bytes pass through a small scanner that copies
the JSON as it is, except that a string is kept only while the record stays within the
limit: the rest of the string is read through, never held, and the string is closed with
a mark (the noncharacter U+FDD0, as a JSON escape) so that the reader knows which field
was cut. What comes out is valid JSON of about the limit, parsed as any record; the cut
field is then cut again at a sentence end (``jsonl``) and the cut noted in ``removed``.

Only the structure is never cut: a record whose keys, numbers and nesting alone go past
the limit (a giant array) is not an article, and is skipped with that reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ._common import whole_characters

CUT_MARK = "\ufdd0"
"""Ends a string that was cut: a Unicode noncharacter, which no text holds."""
_CUT_MARK_JSON = b"\\ufdd0"

SHORT_STRING_BYTES = 4096
"""Bytes every string keeps, even once the record's limit is spent (a 64th of the limit when
that is less): the metadata after a huge text (title, outlet, date) still comes through.
Titles are cut at 1,000 characters anyway."""

STRUCTURE_SLACK = 16
"""The record's structure and short strings may take a sixteenth of the limit past it (1 MiB
at the default limit) before the record is given up for not being an article (a giant
array, a million keys): an article's metadata takes a few kilobytes."""

# the content of a JSON string: runs of plain bytes and escapes, up to a quote, a lone
# backslash at the end of a chunk, or the chunk's end (UTF-8 never uses these two bytes
# inside a character, so bytes can be scanned without decoding)
_STRING_CONTENT = re.compile(rb'(?:[^"\\]+|\\.)*', re.DOTALL)


@dataclass
class CutRecord:
    """A long record with its long strings cut: ``json`` (bytes, valid JSON if the input
    was), how many bytes were passed over, or why nothing sensible was left (``problem``)."""

    json: bytes = b""
    dropped: int = 0
    problem: str | None = None


def cut_long_strings(chunks: Iterable[bytes], limit: int) -> CutRecord:
    """The record that ``chunks`` (its bytes, in order) hold, within about ``limit`` bytes."""
    out = bytearray()
    short = min(SHORT_STRING_BYTES, limit // 64)
    in_string = False
    kept_in_string = 0  # bytes of the current string kept
    cutting = False  # the current string is being passed over
    dropped = 0
    string_start = 0  # where the current string's content begins in ``out``
    carry = b""  # an escape's backslash that ended the last chunk
    for chunk in chunks:
        if carry:
            chunk, carry = carry + chunk, b""
        pos, end = 0, len(chunk)
        while pos < end:
            if not in_string:
                quote = chunk.find(b'"', pos)
                stop = end if quote < 0 else quote + 1
                out += chunk[pos:stop]
                if len(out) > limit + limit // STRUCTURE_SLACK:
                    return CutRecord(problem="a record whose structure alone is over the limit: not an article")
                if quote >= 0:
                    in_string, kept_in_string, cutting = True, 0, False
                    string_start = len(out)
                pos = stop
                continue
            content_end = _STRING_CONTENT.match(chunk, pos).end()
            content = chunk[pos:content_end]
            if cutting:
                dropped += len(content)
            else:
                room = max(limit - len(out), short - kept_in_string, 0)
                if len(content) <= room:
                    out += content
                    kept_in_string += len(content)
                else:
                    # the cut may break a character or an escape begun in an earlier chunk:
                    # the string kept so far is trimmed back to a whole one
                    out += content[:room]
                    kept = _whole_escapes(whole_characters(bytes(out[string_start:])))
                    dropped += len(out) - string_start - len(kept) + len(content) - room
                    del out[string_start + len(kept) :]
                    cutting = True
            pos = content_end
            if pos < end:
                if chunk[pos] == ord('"'):
                    out += (_CUT_MARK_JSON + b'"') if cutting else b'"'
                    in_string = False
                    pos += 1
                else:  # a backslash whose escaped character is in the next chunk
                    carry = chunk[pos:]
                    pos = end
    out += carry
    return CutRecord(json=bytes(out), dropped=dropped)


def _whole_escapes(data: bytes) -> bytes:
    """``data`` without an escape sequence that its end broke (``\\u00e`` or a lone
    backslash), nor a high surrogate whose low half was cut off (which trimming a broken
    escape can leave at the end: hence twice)."""
    return _trim_escape(_trim_escape(data))


def _trim_escape(data: bytes) -> bytes:
    p = data.rfind(b"\\", max(0, len(data) - 6))
    if p < 0:
        return data
    run = 1
    while p - run >= 0 and data[p - run] == ord("\\"):
        run += 1
    if run % 2 == 0:  # an escaped backslash: no escape begins at p
        return data
    length = 6 if data[p + 1 : p + 2] == b"u" else 2
    if p + length > len(data):
        return data[:p]
    if length == 6 and p + 6 == len(data) and data[p + 2 : p + 4].lower() in (b"d8", b"d9", b"da", b"db"):
        return data[:p]  # the first half of a surrogate pair, its second half cut off
    return data
