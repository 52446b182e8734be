"""HTML pages: trafilatura finds the article body and the page's metadata."""

from __future__ import annotations

import re
from pathlib import Path

import trafilatura

from ..model import RawDocument, Removed
from ..settings import Settings
from ._common import Unreadable, decode_bounded, doc_stem, read_bounded, with_notes

DEFAULT_MAX_HTML_CHARS = Settings.model_fields["max_html_chars"].default

MIN_ARTICLE_WORDS = 15
"""Fewer words than this in what trafilatura extracts is a navigation or error page, not an
article: it would only add noise to every later stage (precision before recall)."""

MIN_PARAGRAPH_WORDS = 10
"""An article has at least one real paragraph; menus and link lists (which trafilatura's
fallback returns for pages without an article) are short items only."""

NO_ARTICLE = "no article text found in the HTML page"

DEEP_NESTING = 200
"""Container tags opened one inside the other, with nothing between them, that mark a page
too deep for the HTML parser: libxml2 stops at 256 levels and the text inside is lost.
Real pages nest a few dozen levels; such a page is read again without its containers."""

_NESTED_OPENINGS = re.compile(rf"(?:<(?:div|span|section|article|main)\b[^>]*>\s*){{{DEEP_NESTING}}}", re.I)
_CONTAINER_TAGS = re.compile(r"\s*(?:<(?:div|span|section)\b[^>]*>|</(?:div|span|section)\s*>\s*)+", re.I)

_SPACES = re.compile(r"\s+")
# The page's own publication time, verbatim (trafilatura keeps only the date): Open Graph
# "article:published_time" or schema.org "datePublished", in either attribute order.
_PUBLISHED_META = (
    re.compile(r"""(?:property|name|itemprop)=["'](?:article:published_time|datePublished)["'][^>]*?content=["']([^"']+)["']""", re.I),
    re.compile(r"""content=["']([^"']+)["'][^>]*?(?:property|name|itemprop)=["'](?:article:published_time|datePublished)["']""", re.I),
    re.compile(r'"datePublished"\s*:\s*"([^"]+)"', re.I),
)
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?")


def read_html_file(path: Path, settings: Settings) -> RawDocument:
    data, size = read_bounded(path, settings.max_file_bytes)
    decoded = decode_bounded(data, size, settings.max_file_bytes, "max_file_bytes", prose=False)
    raw = raw_from_html(decoded.text, doc_id=doc_stem(path), source_path=str(path), max_chars=settings.max_html_chars)
    return with_notes(raw, decoded.notes)


def raw_from_html(
    html: str, doc_id: str, source_path: str, url: str | None = None, *, max_chars: int = DEFAULT_MAX_HTML_CHARS,
    **record,
) -> RawDocument:
    """Extract one article from an HTML page; ``record`` fields (title, author, ...) given by
    the caller win over what the page says. Raises ``Unreadable`` when there is no article.
    Markup past ``max_chars`` (``Settings.max_html_chars``) is cut first, with a note."""
    html, notes = bounded_markup(html, max_chars)
    try:
        return with_notes(_raw_from_html(html, doc_id, source_path, url, **record), notes)
    except Unreadable:
        if not _NESTED_OPENINGS.search(html):
            raise
    # Too deep for the parser: the layout containers carry no text, so the page is read
    # again with them turned into paragraph breaks.
    return with_notes(_raw_from_html(_CONTAINER_TAGS.sub("<p>", html), doc_id, source_path, url, **record), notes)


_UNSEEN = ("script", "style")


def bounded_markup(html: str, limit: int) -> tuple[str, list[Removed]]:
    """``html`` within ``limit`` characters: past it, scripts and styles are taken out (a
    heavy page is mostly those, and they hold no article), then the markup is cut before a
    tag. Linear: each block is found by a forward search, and an unclosed one ends it."""
    if len(html) <= limit:
        return html, []
    kept, pos, lower = [], 0, html.lower()
    while True:
        starts = [(i, tag) for tag in _UNSEEN if (i := lower.find("<" + tag, pos)) >= 0]
        if not starts:
            break
        start, tag = min(starts)
        end = lower.find(f"</{tag}", start)
        close = lower.find(">", end) if end >= 0 else -1
        if close < 0:
            break
        kept.append(html[pos:start])
        pos = close + 1
    kept.append(html[pos:])
    html = "".join(kept)
    if len(html) <= limit:
        return html, []
    cut = html.rfind("<", limit // 2, limit)
    cut = cut if cut > 0 else limit
    note = Removed(
        text=f"({len(html) - cut:,} characters of markup not read)",
        reason=f"past the limit of Settings.max_html_chars ({limit:,} characters): markup cut",
    )
    return html[:cut], [note]


def _raw_from_html(html: str, doc_id: str, source_path: str, url: str | None = None, **record) -> RawDocument:
    extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if extracted is None or extracted.body is None:
        raise Unreadable(NO_ARTICLE)
    paragraphs, headings, longest = _blocks(extracted.body)
    if not paragraphs:
        raise Unreadable(NO_ARTICLE)
    text = "\n\n".join(paragraphs)
    if len(text.split()) < MIN_ARTICLE_WORDS or longest < MIN_PARAGRAPH_WORDS:
        raise Unreadable(NO_ARTICLE)
    fields = {
        "title": extracted.title,
        "author": extracted.author,
        "published": _published_time(html) or extracted.date,
        "url": url or extracted.url,
    }
    fields.update({k: v for k, v in record.items() if v})
    outlet, outlet_source = record.get("outlet"), "record"
    if not outlet and extracted.sitename:
        outlet, outlet_source = extracted.sitename, "site name"
    return RawDocument(
        id=doc_id,
        source_path=source_path,
        text=text,
        html=None,  # the page itself is not kept: cleaning works on the extracted text
        outlet=outlet,
        outlet_source=outlet_source if outlet else None,
        headings=headings,
        **{k: v for k, v in fields.items() if k != "outlet"},
    )


def _blocks(body) -> tuple[list[str], list[str], int]:
    """trafilatura's paragraphs and headings, in order (list items become paragraphs), and
    the word count of the longest line (a menu flattened into one paragraph is all short lines)."""
    paragraphs: list[str] = []
    headings: list[str] = []
    longest = 0
    for element in body:
        parts = list(element) if element.tag == "list" else [element]
        for part in parts:
            raw = "".join(part.itertext())
            longest = max([longest, *(len(line.split()) for line in raw.splitlines())])
            text = _SPACES.sub(" ", raw).strip()
            if not text:
                continue
            paragraphs.append(text)
            if element.tag == "head":
                headings.append(text)
    return paragraphs, headings, longest


def _published_time(html: str) -> str | None:
    """The page's ISO publication date-time when its metadata gives one, else None."""
    head = html[:50_000]  # metadata sits in the head; do not scan huge bodies
    for pattern in _PUBLISHED_META:
        match = pattern.search(head)
        if match and _ISO_DATETIME.fullmatch(match.group(1).strip()):
            return match.group(1).strip()
    return None
