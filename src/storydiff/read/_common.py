"""Helpers shared by the readers: decoding bytes into text, naming documents."""

from __future__ import annotations

from pathlib import Path

import charset_normalizer

BINARY_SNIFF_BYTES = 8192
"""How much of a file is looked at for NUL bytes: text files never hold one, binary ones
almost always do within the first few kilobytes."""

COMPOUND_SUFFIXES = (".warc.gz", ".jsonl.gz", ".json.gz", ".txt.gz")


class Unreadable(Exception):
    """An input that cannot be read; the message is the one-line reason for ``Skipped``."""


def decode_bytes(data: bytes) -> str:
    """Bytes to text: UTF-8 when it is UTF-8, else the encoding charset-normalizer detects.

    Raises ``Unreadable`` for empty and binary input instead of crashing or returning mojibake."""
    if not data.strip():
        raise Unreadable("empty file")
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise Unreadable("binary file, not text")
    try:
        # UTF-8 is by far the most common and a strict decode never succeeds by accident
        # on latin-1/cp1252 text that has accented letters: try it first, it is fast.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise Unreadable("binary file, not text")
    return str(best)


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
