"""Self-contained HTML rendering of a Report (Jinja2 templates in ``templates/``).

The page is one file: CSS and script are inlined from template files, nothing is fetched
(a Content-Security-Policy forbids every request and allows only our own script, by hash),
and every piece of report text goes through Jinja2's autoescape or ``markupsafe.escape``.
Article highlighting is computed here, in Python, as non-overlapping segments, so that
overlapping spans (an entity inside a quote inside a claim) never break the markup.
"""

from __future__ import annotations

import base64
import hashlib
import html as stdhtml
from dataclasses import dataclass
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..model import Report, Story
from .views import (
    ENTITY_ROWS_MAX,
    OWN_VOICE,
    STATUS_ORDER,
    STATUS_SYMBOL,
    STATUS_TEXT,
    DocView,
    StoryView,
    join_names,
    outlet_of,
    story_views,
)

OPEN_ARTICLE_MAX_CHARS = 6000
"""Articles longer than this start collapsed (<details>), as do all articles of a story with
more than OPEN_ARTICLE_MAX_DOCS: keeps a 300-article page short to scroll and quick to lay out."""
OPEN_ARTICLE_MAX_DOCS = 6

# Span kinds in the article text, and the CSS class each segment of that kind gets.
KIND_CLASS = {"entity": "ent", "quote": "qt", "claim": "cl", "label": "lb", "heading": "hd"}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    key: str = ""
    """For claims and quotes: the HTML id of the evidence; the first segment carries it."""
    title: str = ""


def segments(length: int, spans: list[Span]) -> list[tuple[int, int, list[Span]]]:
    """Cut ``[0, length)`` at every span boundary: each piece lists the spans covering it.

    Spans outside the text are clipped and empty ones dropped, so bad offsets from a stage
    degrade to a missing highlight, never to broken markup."""
    clean = []
    for s in spans:
        start, end = max(0, s.start), min(length, s.end)
        if start < end:
            clean.append(Span(start, end, s.kind, s.key, s.title))
    cuts = sorted({0, length, *(s.start for s in clean), *(s.end for s in clean)})
    by_start: dict[int, list[Span]] = {}
    for s in clean:
        by_start.setdefault(s.start, []).append(s)
    active: list[Span] = []
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        active = [s for s in active if s.end > a] + by_start.get(a, [])
        pieces.append((a, b, list(active)))
    return pieces


def _esc(text: str) -> str:
    # The stdlib escaper: same escaping as markupsafe (& < > " '), without an object per piece.
    return stdhtml.escape(text, quote=True)


def highlight(text: str, spans: list[Span]) -> Markup:
    """The article text as escaped HTML, each highlighted piece in one flat element.

    Pieces are siblings, never nested, so overlaps cannot produce ill-formed markup. A piece
    inside a claim or quote is a ``<mark>`` carrying ``data-ev`` (the evidence ids it belongs
    to); the first piece of each claim or quote carries that id, so a link can scroll to it."""
    out: list[str] = []
    started: set[str] = set()
    for a, b, active in segments(len(text), spans):
        piece = _esc(text[a:b])
        if not active:
            out.append(piece)
            continue
        classes = sorted({KIND_CLASS[s.kind] for s in active})
        for s in active:
            if s.kind == "label" and "loaded" in s.title:
                classes.append("ld")
        keys = [s.key for s in active if s.key]
        new = [k for k in keys if k not in started]
        started.update(new)
        # Further evidence ids starting on this very piece get empty anchors before it.
        anchors = "".join(f'<span id="{_esc(k)}" class="anchor"></span>' for k in new[1:])
        # A tooltip only where a span starts: repeating it on every piece would double the page.
        title = "; ".join(dict.fromkeys(s.title for s in active if s.title and s.start == a))
        attrs = f' class="{" ".join(classes)}"'
        if new:
            attrs = f' id="{_esc(new[0])}" tabindex="-1"' + attrs
        if keys:
            attrs += f' data-ev="{_esc(" ".join(keys))}"'
        if title:
            attrs += f' title="{_esc(title)}"'
        tag = "mark" if keys else "span"
        out.append(f"{anchors}<{tag}{attrs}>{piece}</{tag}>")
    return Markup("".join(out))


def _article_spans(view: StoryView, doc_view: DocView) -> list[Span]:
    story: Story = view.story
    doc_id = doc_view.doc.id
    spans: list[Span] = [Span(h.start, h.end, "heading") for h in doc_view.doc.headings]
    for entity in story.entities:
        for m in entity.spans:
            if m.doc == doc_id:
                # No tooltip on entity mentions: they are the most numerous spans by far, and
                # the Entities table names them.
                spans.append(Span(m.start, m.end, "entity"))
    for q in story.quotes:
        if q.doc == doc_id:
            who = view.names.get(q.speaker or "", "") or q.speaker_name or "unattributed"
            spans.append(Span(q.start, q.end, "quote", view.evidence.get(q.id, ""), f"{q.kind} quote: {who}"))
    for c in story.claims:
        if c.doc == doc_id and not c.in_title:  # title offsets point into the title, not the body
            spans.append(Span(c.start, c.end, "claim", view.evidence.get(c.id, ""), f"{c.kind} claim"))
    for lab in story.labels:
        if lab.doc == doc_id and not lab.in_title:
            name = view.names.get(lab.entity, lab.entity)
            loaded = ", loaded" if lab.loaded else ""
            spans.append(Span(lab.start, lab.end, "label", title=f"label of {name}: {lab.voice}{loaded}"))
    return spans


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("storydiff.report", "templates"),
        autoescape=True,  # every value is escaped unless it is Markup built above
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        STATUS_TEXT=STATUS_TEXT,
        STATUS_SYMBOL=STATUS_SYMBOL,
        STATUS_ORDER=STATUS_ORDER,
        OWN_VOICE=OWN_VOICE,
        ENTITY_ROWS_MAX=ENTITY_ROWS_MAX,
        join_names=join_names,
        outlet_of=outlet_of,
    )
    return env


@lru_cache(maxsize=1)
def _assets() -> tuple[Markup, Markup, str]:
    """Inline CSS, inline script and the CSP hash that lets only that script run."""
    env = _environment()
    css = env.loader.get_source(env, "style.css")[0]
    script = env.loader.get_source(env, "script.js")[0]
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return Markup(css), Markup(script), f"'sha256-{digest}'"


def article_bodies(views: list[StoryView]) -> dict[str, list[tuple[DocView, Markup, bool]]]:
    """Each story's articles (by the story's anchor): the document's view, its text as
    highlighted HTML, and whether it starts open."""
    many = sum(len(v.docs) for v in views) > OPEN_ARTICLE_MAX_DOCS
    return {
        v.anchor: [
            (
                d,
                highlight(d.doc.text, _article_spans(v, d)),
                not many and len(d.doc.text) <= OPEN_ARTICLE_MAX_CHARS,
            )
            for d in v.docs
        ]
        for v in views
    }


def render_html(report: Report) -> str:
    views = story_views(report)
    articles = article_bodies(views)
    css, script, script_hash = _assets()
    return _environment().get_template("report.html.j2").render(
        report=report,
        views=views,
        articles=articles,
        css=css,
        script=script,
        script_hash=script_hash,
        n_conflicts=sum(v.n_conflicts for v in views),
    )
