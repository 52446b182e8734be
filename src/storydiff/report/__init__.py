"""Report writers: JSON (the machine contract), Markdown and a self-contained HTML page."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..model import Report


def to_json(report: Report) -> str:
    return report.model_dump_json(indent=2)


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
