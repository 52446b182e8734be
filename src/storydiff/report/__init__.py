"""Report writers: JSON (the machine contract), Markdown and a self-contained HTML page."""

from __future__ import annotations

import json

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
