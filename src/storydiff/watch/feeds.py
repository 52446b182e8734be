"""What a followed URL lists: RSS and Atom feeds (feedparser), OPML subscription lists and
news sitemaps (XML read with lxml, entities and network access off).

``read_listing`` turns a response body into a ``Listing``: the article links it gives, each
with the date it says the article was last changed, and the further feeds it names (the
feeds of an OPML list, the sitemaps of a sitemap index).
"""

from __future__ import annotations

import calendar
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import feedparser
from lxml import etree

from .urls import BadUrl, normalise_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"

_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)


class NotAFeed(ValueError):
    """The body is neither a feed, an OPML list nor a sitemap (or is malformed)."""


@dataclass
class Entry:
    """One article a feed links to."""

    url: str
    """Normalised (``urls.normalise_url``)."""
    updated: str | None = None
    """When the feed says the article last changed (ISO 8601), or was published."""
    title: str | None = None
    published: str | None = None


@dataclass
class Listing:
    kind: str
    """rss, atom, opml, sitemap or sitemapindex."""
    entries: list[Entry] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    """Further feeds to follow (normalised URLs)."""


def read_listing(body: bytes, url: str, max_entries: int) -> Listing:
    """Read a fetched body; raises ``NotAFeed`` with the reason when it is none of the kinds."""
    root_name = _root_name(body)
    if root_name in ("opml", "urlset", "sitemapindex"):
        root = _parse_xml(body)
        if root_name == "opml":
            return Listing("opml", feeds=_opml_feeds(root, url))
        if root_name == "sitemapindex":
            return Listing("sitemapindex", feeds=_locations(root.iterfind(f"{{{SITEMAP_NS}}}sitemap/{{{SITEMAP_NS}}}loc"), url))
        return Listing("sitemap", entries=_newest(_sitemap_entries(root, url), max_entries))
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        raise NotAFeed(f"not a feed, OPML list or sitemap ({_one_line(problem) if problem else 'unknown format'})")
    entries = []
    for item in parsed.entries:
        link = item.get("link") or (item.get("id") if str(item.get("id", "")).startswith("http") else None)
        if not link:
            continue
        try:
            entry_url = normalise_url(link, base=url)
        except BadUrl:
            continue
        # dict.get: feedparser's own lookup maps a missing "updated" to "published", with a warning
        published = _iso(dict.get(item, "published_parsed"))
        updated = _iso(dict.get(item, "updated_parsed")) or published
        entries.append(Entry(entry_url, updated, item.get("title"), published))
    if parsed.bozo and not entries:
        # feedparser reads what it can of broken XML; with no article link, nothing could be
        raise NotAFeed(f"malformed feed: {_one_line(parsed.bozo_exception)}")
    kind = "atom" if parsed.version.startswith("atom") else "rss"
    return Listing(kind, entries=_newest(entries, max_entries))


def read_feed_file(path: Path) -> list[str]:
    """The feeds a local file names: an OPML list, or URLs one a line (``#`` starts a
    comment). Raises ``NotAFeed`` for a file that is neither."""
    data = path.read_bytes()
    if _root_name(data) == "opml":
        return _opml_feeds(_parse_xml(data), None)
    urls = []
    for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        try:
            urls.append(normalise_url(line))
        except BadUrl as error:
            raise NotAFeed(f"{path}:{number}: {error}") from None
    return urls


def _root_name(body: bytes) -> str | None:
    """The root element's local name, read without parsing the whole document."""
    try:
        for _event, element in etree.iterparse(_Bytes(body), events=("start",), resolve_entities=False, no_network=True):
            return etree.QName(element).localname.lower()
    except etree.LxmlError:
        return None
    return None


class _Bytes:
    """A file over bytes, for ``iterparse`` (which wants one)."""

    def __init__(self, data: bytes):
        self._data, self._at = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._data) if size < 0 else self._at + size
        piece, self._at = self._data[self._at : end], min(end, len(self._data))
        return piece


def _parse_xml(body: bytes):
    try:
        return etree.fromstring(body, _SAFE_XML)
    except etree.LxmlError as error:
        raise NotAFeed(f"malformed XML: {_one_line(error)}") from None


def _opml_feeds(root, base: str | None) -> list[str]:
    feeds = []
    for outline in root.iter("outline"):
        href = outline.get("xmlUrl") or outline.get("xmlurl")
        if not href:
            continue
        try:
            feeds.append(normalise_url(href, base=base))
        except BadUrl:
            continue
    return list(dict.fromkeys(feeds))


def _locations(locs, base: str) -> list[str]:
    found = []
    for loc in locs:
        try:
            found.append(normalise_url((loc.text or "").strip(), base=base))
        except BadUrl:
            continue
    return list(dict.fromkeys(found))


def _sitemap_entries(root, base: str) -> list[Entry]:
    entries = []
    for node in root.iterfind(f"{{{SITEMAP_NS}}}url"):
        try:
            entry_url = normalise_url(node.findtext(f"{{{SITEMAP_NS}}}loc") or "", base=base)
        except BadUrl:
            continue
        published = node.findtext(f"{{{NEWS_NS}}}news/{{{NEWS_NS}}}publication_date")
        lastmod = node.findtext(f"{{{SITEMAP_NS}}}lastmod")
        title = node.findtext(f"{{{NEWS_NS}}}news/{{{NEWS_NS}}}title")
        entries.append(Entry(entry_url, (lastmod or published or "").strip() or None, title, published))
    return entries


def _newest(entries: list[Entry], limit: int) -> list[Entry]:
    """The newest ``limit`` entries (undated ones keep their place after the dated), one
    per URL."""
    unique = list({e.url: e for e in reversed(entries)}.values())[::-1]
    unique.sort(key=lambda e: e.updated or "", reverse=True)
    return unique[:limit]


def _iso(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc).isoformat()


def _one_line(error: object) -> str:
    return " ".join(str(error).split())[:200]
