"""Markdown rendering of a Report (tables), for tickets and notes."""

from __future__ import annotations

from ..model import Report


def render_markdown(report: Report) -> str:
    lines = ["# storydiff report", ""]
    for story in report.stories:
        lines += [f"## {story.headline}", "", f"Documents: {', '.join(story.documents)}", ""]
    return "\n".join(lines)
