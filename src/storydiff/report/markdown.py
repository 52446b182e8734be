"""Markdown rendering of a Report (tables), for tickets and notes.

The same findings as the HTML page (see ``views.py``), without the article texts. Every
value is escaped: pipes cannot break a table, and markup in an article cannot become
HTML or links where the Markdown is pasted.
"""

from __future__ import annotations

import re

from ..model import Report
from .views import (
    ENTITY_ROWS_MAX,
    OWN_VOICE,
    STATUS_ORDER,
    STATUS_SYMBOL,
    STATUS_TEXT,
    Cell,
    ComparisonRow,
    StoryView,
    join_names,
    story_views,
)

MAX_CELL_CHARS = 300
"""Longer cell values are cut: a ticket table stays readable; the JSON report has everything."""

SINGLE_SOURCE_MAX = 12
"""Single-source facts listed per outlet; the rest are counted. Markdown cannot fold a list
away (no raw HTML here), so the list is kept short instead; the JSON report has them all."""

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that can
# start markup (emphasis, code, links, HTML, tables, headings at line start).
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#|!~])")


def md(text: object, limit: int = MAX_CELL_CHARS) -> str:
    """One line of inert Markdown text."""
    value = " ".join(str(text if text is not None else "").split())
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return _SPECIAL.sub(r"\\\1", value)


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table; cells must be escaped already (``md``)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return lines + [""]


def status(s: str) -> str:
    return f"{STATUS_SYMBOL[s]} {STATUS_TEXT[s]}"


def _published(c: Cell) -> str:
    return f"published {md(c.published)}" if c.published else "publication date unknown"


def _single_fact(r: ComparisonRow) -> str:
    """'topic: value', with the authority only when it is not the outlet's own voice (short)."""
    c = next((c for c in r.cells if c.value is not None), None)
    if c is None:
        return md(r.comparison.topic)
    by = f" (per {md(c.authority)})" if c.authority and c.authority != OWN_VOICE else ""
    return f"{md(r.comparison.topic)}: {md(c.value)}{by}"


def _claims_table(rows: list[ComparisonRow], labels: list[str]) -> list[str]:
    """One row per fact, one column per outlet; an update's cells carry their publication date."""
    out = []
    for r in rows:
        topic = md(r.comparison.topic)
        if r.disputed:
            topic += f" (disputed between {md(join_names(r.disputed))})"
        cells = []
        for c in r.cells:
            if c.value is None:
                cells.append("—")
            elif r.status == "updated":
                cells.append(f"{md(c.value)} (per {md(c.authority)}; {_published(c)})")
            else:
                cells.append(f"{md(c.value)} (per {md(c.authority)})")
        out.append([topic, status(r.status), *cells])
    return table(["Fact", "Status", *labels], out)


def render_markdown(report: Report) -> str:
    views = story_views(report)
    n_conflicts = sum(v.n_conflicts for v in views)
    lines = [
        "# storydiff report",
        "",
        f"{len(report.documents)} documents, {len(report.duplicate_groups)} duplicate groups, "
        f"{len(views)} {'story' if len(views) == 1 else 'stories'}, {n_conflicts} conflicts, "
        f"{len(report.skipped)} skipped. storydiff {md(report.storydiff_version)}.",
        "",
    ]
    if len(views) > 1:
        lines += ["## Stories", ""]
        lines += table(
            ["Story", "Outlets", "Articles", "Conflicts"],
            [
                [md(v.story.headline), md(", ".join(d.label for d in v.docs)), str(len(v.story.documents)),
                 str(v.n_conflicts)]
                for v in views
            ],
        )
    for v in views:
        lines += _story(v)
    if report.skipped:
        lines += ["## Skipped inputs", ""]
        lines += [f"- {md(s.source_path)}: {md(s.reason)}" for s in report.skipped] + [""]
    return "\n".join(lines)


def _story(v: StoryView) -> list[str]:
    story = v.story
    labels = [md(d.label) for d in v.docs]
    lines = [f"## {md(story.headline)}", ""]
    dates = f", {story.date_start}" + (f" to {story.date_end}" if story.date_end and story.date_end != story.date_start else "") if story.date_start else ""
    lines += [f"{len(story.documents)} articles from {len(v.docs)} distinct sources{md(dates)}.", ""]
    if v.storyline:
        line = v.storyline
        steps = [f"previous: {md(s.headline)}" for s in [line.previous] if s] + [f"next: {md(s.headline)}" for s in [line.next] if s]
        lines += [f"Storyline **{md(line.storyline.title)}**, story {line.position} of {len(line.steps)}"
                  + (f" ({'; '.join(steps)})" if steps else "") + ".", ""]
    if story.basis:
        lines += [f"Why these articles are one story: {md(story.basis.summary)}", ""]
        lines += [f"- kept apart from {md(k.story)} (similarity {k.score:.2f}, article {md(k.document)}): {md(k.reason)}"
                  for k, _ in v.kept_apart]
        lines += [""] if v.kept_apart else []
    if story.errors:
        # a stage that failed: the reader must know what below may be missing
        lines += ["**Part of this story's analysis failed**; what the other stages found is shown below.", ""]
        lines += [f"- {md(e.stage)}{f' (document {md(e.document)})' if e.document else ''}: {md(e.message)}"
                  for e in story.errors] + [""]

    lines += ["### Sources", ""]
    lines += table(
        ["Outlet", "Title", "Date", "Author", "Copies"],
        [
            [md(d.label), md(d.doc.title or "—"), md(d.doc.published or "—"), md(d.doc.author or "—"),
             md("also published by " + join_names(d.also_published_by)) if d.copies else "—"]
            for d in v.docs
        ],
    )

    if v.rows:
        lines += ["### At a glance", ""]
        lines += [", ".join(f"{status(s)}: {v.counts[s]}" for s in STATUS_ORDER), ""]
        for r in v.conflicts:
            stated = "; ".join(f"{md(label)}: {md(value)} (per {md(auth)})" for label, value, auth in r.stated)
            disputed = f" — disputed between {md(join_names(r.disputed))}" if r.disputed else ""
            lines.append(f"- {status('conflict')} **{md(r.comparison.topic)}**: {stated}{disputed}")
        for r in v.updates:
            steps = " → ".join(f"{md(c.value)} ({md(label)}, {_published(c)})" for label, c in r.in_time)
            lines.append(f"- {status('updated')} **{md(r.comparison.topic)}**: {steps}")
        lines += [""] if v.conflicts or v.updates else []

        lines += ["### Claims", ""]
        if v.main_rows:
            lines += _claims_table(v.main_rows, labels)
        if v.unconfirmed:
            lines += ["#### Differs, unconfirmed", ""]
            lines += ["The outlets give different values here, but storydiff is not sure they answer the same "
                      "question. Not counted as conflicts: read the sentences before relying on them.", ""]
            lines += _claims_table(v.unconfirmed, labels)
        if v.single_source:
            lines += ["#### Reported by one outlet only", ""]
            for g in v.single_source:
                facts = [_single_fact(r) for r in g.rows[:SINGLE_SOURCE_MAX]]
                if len(g.rows) > SINGLE_SOURCE_MAX:
                    facts.append(f"and {len(g.rows) - SINGLE_SOURCE_MAX} more")
                lines.append(f"- **{md(g.label)}** ({len(g.rows)}): " + "; ".join(facts))
            lines += [""]

    if v.coverage:
        lines += ["### Coverage", ""]
        rows = []
        for row in v.coverage:
            kind = "omission" if row.kind == "omission" else status(row.kind)
            missing = "✗ missing" if row.kind == "omission" else "✗ not reported"
            rows.append([md(row.fact), kind, *["✓ reported" if r else missing if r is False else "?" for r in row.reported]])
        lines += table(["Fact", "Kind", *labels], rows)

    if v.quote_groups or v.quote_conflicts:
        lines += ["### Quotes", ""]
        for text, speakers in v.quote_conflicts:
            who = "; ".join(f"{md(outlet)} attributes it to {md(s)}" for outlet, s in speakers)
            lines.append(f"- ≠ attribution conflict: “{md(text)}”: {who}")
        lines += [""] if v.quote_conflicts else []
        rows = []
        for g in v.quote_groups:
            notes = []
            if g.conflict:
                notes.append("≠ attribution conflict")
            if g.wording_differs:
                notes.append("wording differs: " + "; ".join(f"{md(e.doc_label)}: “{md(e.text)}”" for e in g.entries))
            outlets = ", ".join(md(e.doc_label) for e in g.entries)
            rows.append([md(g.speaker), f"“{md(g.text)}” ({g.kind})", outlets, " — ".join(notes) or "—"])
        lines += table(["Speaker", "Quote", "Outlets", "Notes"], rows)

    if v.framing:
        lines += ["### Framing", "", "Loaded terms are in bold and marked (loaded).", ""]
        for f in v.framing:

            def terms(items) -> str:
                return ", ".join(f"**{md(t.text)}** (loaded)" if t.loaded else md(t.text) for t in items) or "—"

            lines += [f"#### {md(f.name)}", ""]
            lines += table(
                ["Outlet", "Narrator", "Quoted", "Attributed", "Only this outlet"],
                [[md(r.doc_label), terms(r.narrator), terms(r.quoted), terms(r.attributed), terms(r.unique)] for r in f.rows],
            )

    if v.entities:
        lines += ["### Entities", ""]
        lines += table(
            ["Name", "Type", "Aliases", "Roles", *labels],
            [
                [md(r.entity.name), md(r.entity.type), md(", ".join(r.entity.aliases)) or "—",
                 md(", ".join(r.entity.roles)) or "—", *[str(n) for n in r.counts]]
                for r in v.entities[:ENTITY_ROWS_MAX]
            ],
        )
        if len(v.entities) > ENTITY_ROWS_MAX:
            lines += [f"And {len(v.entities) - ENTITY_ROWS_MAX} entities mentioned less often (all are in the JSON report).", ""]

    if v.timeline:
        lines += ["### Timeline", ""]
        lines += [f"- {md(t.date)}: {md(t.event)} ({md(', '.join(o for o, _ in t.outlets))})" for t in v.timeline]
        lines += [""]

    debris = [(d.label, r) for d in v.docs for r in d.doc.removed]
    debris += [(f"{d.label} (copy: {c.outlet or c.id})", r) for d in v.docs for c in d.copies for r in c.removed]
    if debris:
        lines += ["### Removed debris", ""]
        lines += table(["Outlet", "Reason", "Text"], [[md(o), md(r.reason), md(r.text)] for o, r in debris])
    return lines
