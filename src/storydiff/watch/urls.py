"""URL normalisation: one article, one URL, whatever link it came by.

Feeds link the same article with tracking parameters (``utm_source=rss``), in another
case of host, with a default port or a fragment; its page may name another URL as
canonical. courlan (trafilatura's URL library) drops known tracking parameters and sorts
the rest; the fragment, which never reaches the server, is dropped here too.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit, urlunsplit

import lxml.html
from courlan import normalize_url as _courlan_normalize


class BadUrl(ValueError):
    """Not an http(s) URL that can be fetched."""


def normalise_url(url: str, base: str | None = None) -> str:
    """``url`` (relative to ``base`` if given) as the key that says "already seen":
    scheme and host in lower case, no default port, no fragment, no tracking parameters,
    the others sorted. Raises ``BadUrl`` for anything but an absolute http(s) URL."""
    url = (url or "").strip()
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise BadUrl(f"{url!r}: not an http(s) URL")
    try:
        cleaned = _courlan_normalize(url)
    except (ValueError, AttributeError) as error:
        raise BadUrl(f"{url!r}: {error}") from None
    parts = urlsplit(cleaned)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def host_of(url: str) -> str:
    """The host and port a URL is fetched from: the unit of politeness (delay, robots.txt)."""
    return urlsplit(url).netloc.lower()


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


def canonical_link(html: str, page_url: str) -> str | None:
    """The page's ``<link rel="canonical">``, normalised, when it names an http(s) URL on
    the same site (a canonical on another site is not the publisher's own, and would let
    one page shadow another outlet's article)."""
    try:
        tree = lxml.html.fromstring(html.encode("utf-8", "replace"))
    except (ValueError, lxml.etree.ParserError):
        return None
    for href in tree.xpath('//head/link[contains(concat(" ", normalize-space(@rel), " "), " canonical ")]/@href'):
        try:
            found = normalise_url(href, base=page_url)
        except BadUrl:
            continue
        if _site(found) == _site(page_url):
            return found
    return None


def _site(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")
