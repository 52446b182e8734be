"""One pass of ``storydiff watch``: poll the feeds that are due, fetch the new pages,
read them with the HTML reader and add them to the store; then analyse the stories that
changed.

Everything a pass learns is written to the fetch log as it goes (feeds' validators and
entries, each page's outcome), in the store's file: a pass that is stopped leaves its
queued pages there, and the next one starts with them. A failure is confined to its
feed or page: it is logged with its reason and tried again in a later pass.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import RawDocument
from ..read._common import Unreadable, decode_bytes
from ..read.html import raw_from_html
from ..settings import Settings
from ..store import Store
from .feeds import NotAFeed, read_listing
from .fetch import Fetched, PoliteClient
from .fetchlog import FetchLog, PageRow
from .urls import canonical_link, host_of

Say = Callable[[str], None]
Progress = Callable[[str, int, int], None]


@dataclass
class PassResult:
    """What one pass did."""

    feeds: int = 0
    unchanged_feeds: int = 0
    failed_feeds: list[tuple[str, str]] = field(default_factory=list)
    fetched: int = 0
    stored: int = 0
    updated: int = 0
    duplicates: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    analysed: int = 0
    failed_stories: list[str] = field(default_factory=list)


async def run_pass(
    feeds: list[str] | None,
    store: Store,
    log: FetchLog,
    settings: Settings,
    client: PoliteClient,
    progress: Progress = lambda *_: None,
) -> PassResult:
    """Poll the due feeds among ``feeds`` (all followed feeds when None), fetch their new
    and updated pages, and add them to the store."""
    result = PassResult()
    among = None if feeds is None else set(feeds)
    for url in feeds or []:
        log.add_feed(url)
    polled: set[str] = set()
    while True:  # an OPML list or sitemap index adds feeds, polled in the same pass
        due = [f for f in log.due_feeds(None if among is None else sorted(among)) if f.url not in polled]
        if not due:
            break
        polled.update(f.url for f in due)
        named = await asyncio.gather(*(_poll_feed(f, log, settings, client, result) for f in due))
        for children in named:
            if among is not None:
                among.update(children)
        progress("feeds", len(polled), len(polled))

    pages = log.due_pages()
    done = 0
    for start in range(0, len(pages), settings.watch_pages_per_round):
        batch = pages[start : start + settings.watch_pages_per_round]
        fetched = await _fetch_pages(batch, settings, client)
        _add_pages(batch, fetched, store, log, result)
        done += len(batch)
        progress("pages", done, len(pages))
    failed: list[str] = []
    result.analysed = store.refresh(progress, failed=failed)  # a background process: large stories too
    result.failed_stories = failed
    return result


async def _poll_feed(feed, log: FetchLog, settings: Settings, client: PoliteClient, result: PassResult) -> list[str]:
    """Poll one feed (conditionally); queue its new and changed pages. Returns the feeds it names."""
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    answer = await client.get(feed.url, "feed", headers)
    result.feeds += 1
    if not answer.ok:
        log.feed_failed(feed.url, answer.status, answer.error or "failed")
        result.failed_feeds.append((feed.url, answer.error or "failed"))
        return []
    if answer.status == 304:
        log.feed_polled(feed.url, 304, None, None, None)
        result.unchanged_feeds += 1
        return []
    try:
        listing = read_listing(answer.body, answer.final_url, settings.watch_max_entries)
    except NotAFeed as error:
        log.feed_failed(feed.url, answer.status, str(error))
        result.failed_feeds.append((feed.url, str(error)))
        return []
    # the entries and the validators in one transaction: a stop between them would skip
    # the entries at the next poll (304) and lose them
    with log.transaction():
        for child in listing.feeds:
            log.add_feed(child, parent=feed.url)
        for entry in listing.entries:
            log.queue_page(entry.url, host_of(entry.url), feed.url, entry.title, entry.updated)
        log.feed_polled(feed.url, answer.status, listing.kind, answer.headers.get("etag"), answer.headers.get("last-modified"))
    return listing.feeds


async def _fetch_pages(pages: list[PageRow], settings: Settings, client: PoliteClient) -> list[Fetched]:
    """Fetch pages, host by host (each host's pages in turn, ``watch_hosts_at_once`` hosts at once)."""
    by_host: dict[str, list[int]] = {}
    for i, page in enumerate(pages):
        by_host.setdefault(page.host, []).append(i)
    answers: list[Fetched | None] = [None] * len(pages)
    gate = asyncio.Semaphore(settings.watch_hosts_at_once)
    claimed: dict[str, str] = {}  # canonical URL -> the page of this round that named it

    async def one_host(indexes: list[int]) -> None:
        async with gate:
            for i in indexes:
                page = pages[i]
                if page.url in claimed and not page.document:
                    # an earlier page of this round named this URL as its canonical: the
                    # same article, not fetched again
                    answers[i] = Fetched(page.url, page.url, duplicate_of=claimed[page.url])
                    continue
                headers = {}
                if page.state != "failed" and page.document:  # an update: only if changed
                    if page.etag:
                        headers["If-None-Match"] = page.etag
                    if page.last_modified:
                        headers["If-Modified-Since"] = page.last_modified
                answer = answers[i] = await client.get(page.url, "page", headers)
                if answer.ok and answer.status != 304 and answer.body:
                    answer.text = decode_bytes(answer.body).text
                    answer.canonical = canonical_link(answer.text, answer.final_url)
                    if answer.canonical and answer.canonical != page.url:
                        claimed.setdefault(answer.canonical, page.url)

    await asyncio.gather(*(one_host(indexes) for indexes in by_host.values()))
    return [a for a in answers if a is not None]


def _add_pages(pages: list[PageRow], answers: list[Fetched], store: Store, log: FetchLog, result: PassResult) -> None:
    """Read the fetched pages, add the articles to the store, log each page's outcome."""
    raws: list[tuple[PageRow, Fetched, RawDocument, str | None]] = []
    with log.transaction():
        for page, answer in zip(pages, answers):
            if answer.duplicate_of:
                log.page_done(page.url, "duplicate", f"named as canonical by {answer.duplicate_of}", canonical=page.url)
                result.duplicates += 1
                continue
            if answer.forbidden:
                log.page_done(page.url, "forbidden", answer.error)
                result.forbidden.append(page.url)
                continue
            if not answer.ok:
                if answer.passing:
                    log.page_failed(page.url, answer.error or "failed", answer.status)
                    result.failed.append((page.url, answer.error or "failed"))
                else:
                    log.page_done(page.url, "skipped", answer.error, answer.status)
                    result.skipped.append((page.url, answer.error or "failed"))
                continue
            result.fetched += 1
            validators = {"etag": answer.headers.get("etag"), "last_modified": answer.headers.get("last-modified")}
            if answer.status == 304:
                log.page_done(page.url, "stored", "not modified", 304, **validators)
                result.unchanged += 1
                continue
            html, canonical = answer.text, answer.canonical
            same = log.page_with_canonical(canonical, page.url) if canonical else None
            if same is None and answer.final_url != page.url:
                same = log.page_with_canonical(answer.final_url, page.url)
            if same is not None:
                log.page_done(page.url, "duplicate", f"the same article as {same.url}", answer.status,
                              canonical=canonical, **validators)
                result.duplicates += 1
                continue
            try:
                raw = raw_from_html(html, doc_id=_doc_id(canonical or page.url), source_path=page.url,
                                    url=canonical or answer.final_url)
            except Unreadable as error:
                log.page_done(page.url, "skipped", str(error), answer.status, canonical=canonical, **validators)
                result.skipped.append((page.url, str(error)))
                continue
            except Exception as error:  # one odd page never stops the pass
                reason = f"could not be read: {type(error).__name__}: {error}"
                log.page_done(page.url, "skipped", reason, answer.status, canonical=canonical, **validators)
                result.skipped.append((page.url, reason))
                continue
            if raw.title is None and page.title:
                raw = raw.model_copy(update={"title": page.title})
            raws.append((page, answer, raw, canonical))
    if not raws:
        return
    ingested = store.ingest_documents([raw for _, _, raw, _ in raws], analyse=False)
    skipped = {s.source_path: s.reason for s in ingested.skipped}
    owners = {p.document: p.url for p in log.pages().values() if p.document and p.state == "stored"}
    with log.transaction():
        for page, answer, raw, canonical in raws:
            validators = {"etag": answer.headers.get("etag"), "last_modified": answer.headers.get("last-modified"),
                          "canonical": canonical}
            document = ingested.stored.get(page.url)
            if document is None:
                reason = skipped.get(page.url, "not added to the store")
                log.page_done(page.url, "skipped", reason, answer.status, **validators)
                result.skipped.append((page.url, reason))
            elif document == page.document:
                log.page_done(page.url, "stored", "unchanged", answer.status, **validators)
                result.unchanged += 1
            elif owners.get(document, page.url) != page.url:
                log.page_done(page.url, "duplicate", f"the same text as {owners[document]}", answer.status, **validators)
                result.duplicates += 1
            else:
                log.page_done(page.url, "stored", None, answer.status, document=document, new_version=True, **validators)
                owners[document] = page.url
                if page.document:
                    result.updated += 1
                else:
                    result.stored += 1


_NOT_ID = re.compile(r"[^A-Za-z0-9._-]+")


def _doc_id(url: str) -> str:
    """A readable document id from the URL: host and path, other characters as dashes."""
    rest = url.split("://", 1)[-1]
    return _NOT_ID.sub("-", rest).strip("-")[:120] or "page"
