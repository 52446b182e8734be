"""Readers: one per input kind. ``read_inputs`` walks files and folders and yields
``RawDocument`` for every article and ``Skipped`` for every input that could not be read."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..model import RawDocument, Skipped
from ..settings import Settings
from ._common import Unreadable, file_kind, one_line
from .html import read_html_file
from .jsonl import read_gzip_file, read_json_file, read_stdin
from .parquet import read_parquet_file
from .text import read_text_file
from .warc import read_warc_file

Reader = Callable[[Path, Settings], Iterator[RawDocument | Skipped]]


def _one(read: Callable[[Path, Settings], RawDocument]) -> Reader:
    """Adapt a one-article reader to the many-article signature."""

    def reader(path: Path, settings: Settings) -> Iterator[RawDocument | Skipped]:
        yield read(path, settings)

    return reader


READERS: dict[str, Reader] = {
    ".txt": _one(read_text_file),
    ".html": _one(read_html_file),
    ".htm": _one(read_html_file),
    ".json": read_json_file,
    ".jsonl": read_json_file,
    ".warc": read_warc_file,
    ".warc.gz": read_warc_file,
    ".gz": read_gzip_file,
    ".parquet": read_parquet_file,
}


STDIN = "-"
"""The input name that stands for JSON lines on standard input."""


def read_inputs(inputs: Iterable[str | Path], settings: Settings | None = None) -> Iterator[RawDocument | Skipped]:
    """Files or folders (recursive, in name order); ``"-"`` reads JSON lines from stdin.
    ``settings`` gives the input limits (``max_file_bytes`` ...; defaults when None).

    Every input is accounted for: a file that cannot be read, or a file of an unknown type
    inside a folder, yields a ``Skipped`` with a one-line reason. Dotfiles and dot-folders
    (``.DS_Store``, ``.git``) are system files, not inputs, and are passed over."""
    settings = settings or Settings()
    for item in list_inputs(inputs):
        if isinstance(item, Skipped):
            yield item
        elif item == STDIN:
            yield from read_stdin(sys.stdin.buffer, settings)
        else:
            yield from read_file(item, settings)


def list_inputs(inputs: Iterable[str | Path]) -> Iterator[Path | Skipped | str]:
    """What ``read_inputs`` reads, in its order, without reading it: each file's path,
    ``STDIN``, or a ``Skipped`` for an input that does not exist. An engine that reads
    files elsewhere (storydiff.engines.dask) lists them here, so both read the same files
    in the same order."""
    for item in inputs:
        if str(item) == STDIN:
            yield STDIN
            continue
        path = Path(item)
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                relative = file.relative_to(path)
                if file.is_file() and not any(part.startswith(".") for part in relative.parts):
                    yield file
        elif path.is_file():
            yield path
        else:
            yield Skipped(source_path=str(path), reason="no such file or folder")


def read_file(path: Path, settings: Settings | None = None) -> Iterator[RawDocument | Skipped]:
    """One file, by its extension; never raises. Reading stops at the first failure: the
    documents read before it are kept, and the failure is one ``Skipped``."""
    settings = settings or Settings()
    kind = file_kind(path)
    reader = READERS.get(kind)
    if reader is None:
        reason = f"unsupported file type {kind}" if kind else "unsupported file type (no extension)"
        yield Skipped(source_path=str(path), reason=reason)
        return
    try:
        yield from reader(path, settings)
    except Unreadable as error:
        yield Skipped(source_path=str(path), reason=str(error))
    except Exception as error:  # an odd file must not end the run: report it and go on
        yield Skipped(source_path=str(path), reason=f"could not be read: {type(error).__name__}: {one_line(error)}")
