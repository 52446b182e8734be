"""Helpers shared by the readers: decoding bytes into text faithfully, reading within
limits, cutting text at a sentence, naming documents.

Decoding never guesses silently in a way that loses text: a byte-order mark decides when
there is one; UTF-8 with a few broken bytes stays UTF-8 (the bytes replaced, and a note);
other text is read as Windows-1252, the superset of Latin-1 that Western news sites
used, unless that reading is a mess and a detector finds a clean one (Cyrillic, Greek,
CJK legacy pages). What decoding repairs is recorded as ``Removed`` notes, which
cleaning puts first in the document's ``removed`` list."""

from __future__ import annotations

import codecs
import gzip
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import charset_normalizer
from charset_normalizer.md import mess_ratio
from pydantic import Field

from ..model import RawDocument, Removed
from ..settings import Settings

BINARY_SNIFF_BYTES = 8192
"""How much of a file is looked at for NUL bytes: text files hardly ever hold one, binary
ones almost always hold many within the first few kilobytes."""

MAX_NUL_SHARE = 0.01
"""More NUL bytes than this share of the sniffed bytes is a binary file (a stray NUL in a
text is stripped as a control character instead)."""

MAX_JUNK_SHARE = 0.1
"""Decoded text with more control characters and replaced bytes than this share of its
characters is not text (random bytes, an image): real text has next to none."""

MESS_SAMPLE_CHARS = 20_000
"""How much of a legacy-encoded text is scored for mess: enough to judge, and the scoring
is slow Python, so a 16 MB file must not be scored whole."""

MAX_LEGACY_MESS = 0.1
"""charset-normalizer's mess ratio at or below which the Windows-1252 reading is taken
without asking the detector: Western text in it scores 0.0 (measured on short French,
German, Spanish, Portuguese, Italian, Dutch and Icelandic sentences), Cyrillic, Greek and
CJK bytes read as Windows-1252 score 1.0 and more. The detector alone gets short Western
text wrong ("São Paulo" as Big5 or cp1250), which is silent corruption."""

COMPOUND_SUFFIXES = (".warc.gz", ".jsonl.gz", ".json.gz", ".txt.gz")

# Byte-order marks, UTF-32 before UTF-16: the UTF-32 little-endian mark begins with the
# UTF-16 one. The "utf-16"/"utf-32" codecs read the mark to pick the byte order.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# C0 and C1 control characters and DEL; tab, line feed, carriage return, vertical tab and
# form feed are whitespace that splitting into blocks already handles.
CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_NON_ASCII_CHAR = re.compile("[^\x00-\x7f\ufffd]")


def _undefined_as_latin1(error: UnicodeDecodeError) -> tuple[str, int]:
    # Windows-1252 leaves five bytes undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D); Latin-1
    # reads them as C1 controls, which are then stripped with a note like any control.
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("storydiff-latin1", _undefined_as_latin1)


class Unreadable(Exception):
    """An input that cannot be read; the message is the one-line reason for ``Skipped``."""


class ReadDocument(RawDocument):
    """A RawDocument with what reading changed in its text (bytes replaced, a file cut at
    its size limit): cleaning puts these notes first in ``Document.removed``."""

    notes: list[Removed] = Field(default_factory=list)


def with_notes(raw: RawDocument, notes: list[Removed]) -> RawDocument:
    """``raw`` carrying ``notes`` (added after any it has); ``raw`` itself when there are none."""
    if not notes:
        return raw
    earlier = raw.notes if isinstance(raw, ReadDocument) else []
    return ReadDocument(**{**raw.model_dump(exclude={"notes"}), "notes": [*earlier, *notes]})


@dataclass
class Decoded:
    """Text decoded from bytes, the encoding used and what decoding had to repair."""

    text: str
    encoding: str
    notes: list[Removed] = field(default_factory=list)
    replaced: int = 0
    """Invalid bytes replaced with U+FFFD."""


def decode_bytes(data: bytes) -> Decoded:
    """Bytes to text: by the byte-order mark; else UTF-8 (a few invalid bytes replaced,
    with a note); else Windows-1252 unless a detector finds a cleaner reading.

    Raises ``Unreadable`` for empty and binary input instead of returning mojibake."""
    if not data.strip():
        raise Unreadable("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            decoded = _decode_replacing(data, encoding)
            break
    else:
        sniff = data[:BINARY_SNIFF_BYTES]
        if sniff.count(0) > MAX_NUL_SHARE * len(sniff):
            raise Unreadable("binary file, not text")
        decoded = _decode_unmarked(data)
    if not decoded.text.strip():
        raise Unreadable("empty file")
    sample = decoded.text[:MESS_SAMPLE_CHARS]
    junk = len(CONTROLS.findall(sample)) + sample.count("\ufffd")
    if junk > MAX_JUNK_SHARE * len(sample):
        raise Unreadable("binary file, not text")
    return decoded


def _decode_unmarked(data: bytes) -> Decoded:
    try:
        # UTF-8 is by far the most common, and a strict decode never succeeds by accident
        # on Windows-1252 text with accented letters: try it first, it is fast.
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    replaced = _decode_replacing(data, "utf-8")
    bad = replaced.replaced
    # Mostly valid UTF-8 (as many well-formed non-ASCII characters as broken bytes) is
    # UTF-8 with stray bytes, not a legacy encoding: legacy accented letters are never
    # well-formed UTF-8 sequences.
    if bad and len(_NON_ASCII_CHAR.findall(replaced.text)) >= bad:
        return replaced
    western = data.decode("cp1252", errors="storydiff-latin1")
    mess = mess_ratio(western[:MESS_SAMPLE_CHARS], maximum_threshold=1.0)
    if mess <= MAX_LEGACY_MESS:
        return Decoded(western, "cp1252")
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.chaos < mess:
        return Decoded(str(best), best.encoding)
    raise Unreadable("binary file, not text")


def _decode_replacing(data: bytes, encoding: str) -> Decoded:
    """Decode, invalid bytes replaced by U+FFFD and counted in a note."""
    text = data.decode(encoding, errors="replace")
    decoded = Decoded(text, encoding)
    bad = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    if bad:
        name = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32"}.get(encoding, encoding)
        first = text.index("\ufffd")
        context = text[max(0, first - 30) : first + 30]
        more = f" and {bad - 1} more" if bad > 1 else ""
        decoded.notes.append(Removed(text=f"…{context}…{more}", reason=f"invalid {name} bytes replaced with U+FFFD"))
    decoded.replaced = bad
    return decoded


def strip_controls(text: str) -> tuple[str, Removed | None]:
    """``text`` without control characters, and a note naming what went (None if nothing)."""
    if not CONTROLS.search(text):
        return text, None
    counts: dict[str, int] = {}
    for match in CONTROLS.finditer(text):
        counts[match.group()] = counts.get(match.group(), 0) + 1
    listed = ", ".join(f"U+{ord(c):04X} ×{n}" for c, n in sorted(counts.items()))
    return CONTROLS.sub("", text), Removed(text=listed, reason="control characters")


# --- limits ----------------------------------------------------------------------------


def read_bounded(path: Path, limit: int) -> tuple[bytes, int]:
    """At most ``limit`` bytes of a file, and the file's size: a huge file is never held
    in memory whole."""
    with path.open("rb") as stream:
        return stream.read(limit), path.stat().st_size


def decode_bounded(data: bytes, size: int, limit: int, setting: str, *, prose: bool = True) -> Decoded:
    """Decode what was read of an input of ``size`` bytes, at most ``limit`` of them: past
    the limit, the character broken by the cut is dropped, prose ends at a sentence (markup
    is left to its parser) and the cut is noted (``setting`` names the limit)."""
    if size <= limit:
        return decode_bytes(data)
    decoded = decode_bytes(whole_characters(data))
    tail = ""
    if prose:
        decoded.text, tail = cut_at_sentence(decoded.text, len(decoded.text))
    decoded.notes.append(limit_note(tail, f"{size - limit:,} more bytes not read", setting, size_text(limit)))
    return decoded


def whole_characters(data: bytes) -> bytes:
    """``data`` without the UTF-8, UTF-16 or UTF-32 character that a cut broke at its end."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return data[: len(data) - len(data) % 4]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data[: len(data) - len(data) % 2]
    for back in range(1, min(4, len(data)) + 1):  # the last UTF-8 lead byte and its run
        byte = data[-back]
        if byte & 0xC0 == 0x80:
            continue
        if byte >= 0xC0 and (2 if byte < 0xE0 else 3 if byte < 0xF0 else 4) > back:
            return data[:-back]
        break
    return data


INFLATE_STEP = 64 * 1024
"""Bytes inflated at a time: the limits are checked this often."""


class _Inflating(io.RawIOBase):
    """A gzip stream that counts the bytes it inflates, as they stream, and stops at the
    limits (``max_inflated_bytes``, ``max_inflation_ratio``) with ``Unreadable``."""

    def __init__(self, compressed: BinaryIO, settings: Settings):
        self._compressed = compressed
        self._gzip = gzip.GzipFile(fileobj=compressed, mode="rb")
        self._settings = settings
        self.inflated = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        # read1: what one step inflates, so that the lines before a truncation are served
        # before its EOFError (read would ask for the whole buffer and lose them)
        data = self._gzip.read1(min(len(buffer), INFLATE_STEP))
        count = len(data)
        buffer[:count] = data
        self.inflated += count
        settings = self._settings
        if self.inflated > settings.max_inflated_bytes:
            raise Unreadable(
                f"stopped after inflating {size_text(settings.max_inflated_bytes)} (Settings.max_inflated_bytes)"
            )
        if (
            self.inflated > settings.max_record_bytes
            and self.inflated > settings.max_inflation_ratio * max(1, self._compressed.tell())
        ):
            raise Unreadable(
                f"a decompression bomb: stopped after inflating {self.inflated:,} bytes from "
                f"{self._compressed.tell():,} compressed (over Settings.max_inflation_ratio, {settings.max_inflation_ratio}x)"
            )
        return count


def open_inflating(compressed: BinaryIO, settings: Settings) -> io.BufferedReader:
    """The inflated bytes of a gzip stream (one member or several), read as they are asked
    for, within the settings' limits (``Unreadable`` past them; ``EOFError`` when the
    stream is cut short)."""
    return io.BufferedReader(_Inflating(compressed, settings), buffer_size=INFLATE_STEP)


@dataclass
class LongLine:
    """A line over the limit, as ``bounded_lines`` gives it: its first ``limit + 1`` bytes
    and the rest, as an iterator of pieces (read from the stream as it is taken; what is
    not taken is read through once the line is passed)."""

    head: bytes
    rest: Iterator[bytes]


LINE_PIECE_BYTES = 1 << 20
"""Bytes of a long line read at a time."""


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[bytes | LongLine]:
    """The lines of a binary stream, each of at most ``limit`` bytes; a longer line comes
    as a ``LongLine``, whose bytes are read a piece at a time: never held whole."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            rest = _rest_of_line(stream)
            yield LongLine(line, rest)
            for _ in rest:  # whatever the caller left of the line
                pass
        else:
            yield line


def _rest_of_line(stream: BinaryIO) -> Iterator[bytes]:
    while True:
        piece = stream.readline(LINE_PIECE_BYTES)
        if not piece:
            return
        yield piece
        if piece.endswith(b"\n"):
            return


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+|\n\s*")


def cut_at_sentence(text: str, limit: int) -> tuple[str, str]:
    """(kept, cut): ``text`` cut to at most ``limit`` characters, after the last sentence
    or paragraph end in the window's second half; failing that after its last space.
    A text that fits and ends a sentence is kept whole. Raises ``Unreadable`` when there
    is no break at all to cut at (a run of junk, not prose)."""
    window = text[:limit]
    if len(text) <= limit and window.rstrip()[-1:] in tuple(".!?…\"'”’)]"):
        return text, ""
    ends = [m.end() for m in _SENTENCE_END.finditer(window, len(window) // 2)]
    cut = ends[-1] if ends else window.rfind(" ", len(window) // 2) + 1
    if cut <= 0:
        if len(text) <= limit:
            return text, ""  # a fragment, but all of it: nothing is lost by keeping it
        raise Unreadable(f"text of {len(text):,}+ characters with no sentence or word break to cut it at")
    return text[:cut].rstrip(), text[cut:]


def limit_note(tail: str, beyond: str, setting: str, limit: str) -> Removed:
    """The ``removed`` entry of a cut at a limit: the start of what was cut, how much went
    beyond it, and which setting cut it."""
    preview = " ".join(tail[:400].split())
    preview = preview if len(preview) <= 160 else preview[:160] + "…"
    return Removed(
        text=f"{preview} ({beyond})" if preview else f"({beyond})",
        reason=f"past the limit of Settings.{setting} ({limit}): cut at a sentence end",
    )


def size_text(count: int) -> str:
    """A byte count as people read it: '16 MiB', '1,500 bytes'."""
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= size and count % size == 0:
            return f"{count // size} {unit}"
    return f"{count:,} bytes"


def one_line(error: BaseException) -> str:
    """An exception's message as one short line (for a ``Skipped`` reason)."""
    return " ".join(str(error).split())[:160]


def doc_stem(path: Path) -> str:
    """The file name without its extension(s): ``a.warc.gz`` -> ``a``, ``b.txt`` -> ``b``."""
    name = path.name
    lower = name.lower()
    for suffix in COMPOUND_SUFFIXES:
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def file_kind(path: Path) -> str:
    """The extension that decides the reader: '.txt', '.warc.gz', '.gz', ... ('' when none)."""
    lower = path.name.lower()
    if lower.endswith(".warc.gz"):
        return ".warc.gz"
    return path.suffix.lower()
