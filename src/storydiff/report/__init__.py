"""Report writers: JSON (the machine contract), Markdown and a self-contained HTML page."""

from __future__ import annotations

import json
import os
import sys
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from ..model import Report, Story

_STORIES = '\n  "stories": []'
"""The stories field of a report with none, as ``to_json`` writes it. Only the top level
can hold it: inside a JSON string a quotation mark is escaped."""


def to_json(report: Report) -> str:
    return report.model_dump_json(indent=2)


def write_json_stream(header: Report, stories: Iterable[Story], path: Path) -> Path | None:
    """The JSON report, the same text as ``to_json`` writes, with the stories written as
    they come (``pipeline.analyze_stream``): memory holds one story's analysis, not the
    corpus's. ``header`` is the report without its stories. ``-`` writes to stdout; a file
    is written under a temporary name and renamed when complete, so that a failed or
    stopped run leaves no half report. Returns the file written."""
    if str(path) == "-":
        _stream_json(header, stories, sys.stdout)
        sys.stdout.write("\n")
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8") as out:
            _stream_json(header, stories, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)
    return path


def _stream_json(header: Report, stories: Iterable[Story], out: TextIO) -> None:
    before, marker, after = header.model_dump_json(indent=2).partition(_STORIES)
    if not marker or header.stories:
        raise ValueError("the header of a streamed report has no stories")
    out.write(before)
    opened = False
    for story in stories:
        out.write(",\n" if opened else '\n  "stories": [\n')
        # A story's JSON holds no raw line break (JSON escapes them in strings), so
        # indenting its lines nests it as model_dump_json would.
        out.write(textwrap.indent(story.model_dump_json(indent=2), "    "))
        opened = True
    out.write("\n  ]" if opened else _STORIES)
    out.write(after)


def json_schema() -> str:
    return json.dumps(Report.model_json_schema(), indent=2)


def to_markdown(report: Report) -> str:
    from .markdown import render_markdown

    return render_markdown(report)


def to_html(report: Report) -> str:
    from .html import render_html

    return render_html(report)


def write_reports(
    report: Report, json_path: Path | None = None, html_path: Path | None = None, markdown_path: Path | None = None
) -> list[Path]:
    """Write the report in each format given a path (``-``: stdout); JSON to stdout when
    none is given. Returns the files written."""
    writers = [(json_path, to_json), (html_path, to_html), (markdown_path, to_markdown)]
    if not any(path for path, _ in writers):
        writers = [(Path("-"), to_json)]
    written = []
    for path, render in writers:
        if path is None:
            continue
        text = render(report)
        if str(path) == "-":
            sys.stdout.write(text + "\n")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
