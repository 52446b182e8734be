"""Self-contained HTML rendering of a Report (Jinja2 templates in ``templates/``)."""

from __future__ import annotations

import html

from ..model import Report


def render_html(report: Report) -> str:
    body = "".join(f"<h2>{html.escape(s.headline)}</h2>" for s in report.stories)
    return f"<!doctype html><html lang='en'><meta charset='utf-8'><title>storydiff report</title>{body}</html>"
