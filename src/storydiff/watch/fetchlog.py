"""The fetch log: what ``storydiff watch`` follows, fetched, when, and with what result.

Its tables live in the store's SQLite file, beside the articles they led to, so that a
store carries its own provenance and a restarted watch goes on where it stopped:

- ``watch_feeds``: every followed URL (feed, OPML list, sitemap), its validators for
  conditional GET (ETag, Last-Modified), its last success and last error, and when a
  failed one is tried again;
- ``watch_pages``: every article URL a feed listed (normalised), its state, the page's
  canonical URL, its validators, the document it became, and when a failed one is tried
  again;
- ``watch_hosts``: each host's robots.txt, as last read;
- ``watch_requests``: every request made, with its status or error (an audit trail: it
  is how "nothing fetched twice" can be checked).

Page states: ``queued`` (to fetch), ``stored`` (ingested; ``document`` names it),
``duplicate`` (its canonical URL or its content is another page's), ``failed`` (a passing
error: tried again from ``next_try``), ``forbidden`` (robots.txt), ``skipped`` (fetched,
but no article could be read from it, or too large: final, with the reason).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..settings import Settings
from ..store.connection import Transaction, connect

_SCHEMA = """
CREATE TABLE IF NOT EXISTS watch_feeds (
    url TEXT PRIMARY KEY,               -- normalised
    parent TEXT,                        -- the OPML list or sitemap index that named it
    kind TEXT,                          -- rss, atom, opml, sitemap, sitemapindex (once read)
    added TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    last_fetched TEXT,
    last_status INTEGER,
    last_success TEXT,
    last_error TEXT,                    -- the reason of the last failure (kept after a success)
    last_error_at TEXT,
    failures INTEGER NOT NULL DEFAULT 0, -- consecutive
    next_try TEXT                       -- no poll before (after a failure, or the interval)
);
CREATE TABLE IF NOT EXISTS watch_pages (
    url TEXT PRIMARY KEY,               -- normalised, as the feed linked it
    host TEXT NOT NULL,
    feed TEXT NOT NULL,                 -- the first feed that listed it
    title TEXT,                         -- as the feed gave it
    entry_updated TEXT,                 -- the feed's date for it, as last seen
    first_seen TEXT NOT NULL,
    state TEXT NOT NULL,
    reason TEXT,
    status INTEGER,
    canonical TEXT,                     -- the page's canonical URL, normalised
    etag TEXT,
    last_modified TEXT,
    document TEXT,                      -- the store's document id
    versions INTEGER NOT NULL DEFAULT 0, -- how many texts of it were stored (updates)
    fetched_at TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    next_try TEXT
);
CREATE INDEX IF NOT EXISTS watch_pages_canonical ON watch_pages(canonical);
CREATE INDEX IF NOT EXISTS watch_pages_state ON watch_pages(state, next_try);
CREATE TABLE IF NOT EXISTS watch_hosts (
    host TEXT PRIMARY KEY,
    robots TEXT,                        -- robots.txt as read; NULL: allow all (none found)
    robots_status TEXT,                 -- 'found', 'none' (4xx), 'unreachable' (disallow all)
    robots_at TEXT
);
CREATE TABLE IF NOT EXISTS watch_requests (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    url TEXT NOT NULL,
    purpose TEXT NOT NULL,              -- feed, page, robots
    status INTEGER,                     -- HTTP status, NULL when no answer
    bytes INTEGER,
    seconds REAL,
    error TEXT
);
CREATE INDEX IF NOT EXISTS watch_requests_url ON watch_requests(url);
"""

RETRY_STATES = ("queued", "failed")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def later(seconds: float) -> str:
    return (datetime.now(timezone.utc) + timedelta(seconds=seconds)).isoformat(timespec="milliseconds")


@dataclass
class FeedRow:
    url: str
    etag: str | None
    last_modified: str | None


@dataclass
class PageRow:
    url: str
    host: str
    feed: str
    title: str | None
    entry_updated: str | None
    state: str
    canonical: str | None
    etag: str | None
    last_modified: str | None
    document: str | None
    versions: int
    failures: int


_PAGE_COLUMNS = "url, host, feed, title, entry_updated, state, canonical, etag, last_modified, document, versions, failures"


@dataclass
class SourceLine:
    """One line of ``storydiff sources``: a feed or a host."""

    kind: str
    """feed or host."""
    name: str
    last_success: str | None
    last_error: str | None
    last_error_at: str | None
    articles: int
    failed: int
    """Pages or feeds whose last try failed (waiting to be tried again)."""
    next_try: str | None = None


class FetchLog:
    """The fetch log in a store file (its own connection: the store's stays the store's)."""

    def __init__(self, path: str | Path, settings: Settings):
        self.settings = settings
        self._db = connect(path)
        self._db.executescript(_SCHEMA)

    @classmethod
    def open_readonly(cls, path: str | Path) -> FetchLog:
        log = cls.__new__(cls)
        log.settings = Settings()
        log._db = connect(path, readonly=True)
        return log

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> FetchLog:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    # --- feeds -----------------------------------------------------------------------

    def add_feed(self, url: str, parent: str | None = None) -> None:
        self._db.execute("INSERT OR IGNORE INTO watch_feeds (url, parent, added) VALUES (?, ?, ?)", (url, parent, now()))

    def due_feeds(self, among: list[str] | None = None) -> list[FeedRow]:
        """Feeds to poll now: never polled, or their ``next_try`` has come. ``among``
        limits them to these URLs and the feeds they named (OPML lists, sitemap indexes)."""
        rows = self._db.execute(
            "SELECT url, etag, last_modified, parent FROM watch_feeds WHERE next_try IS NULL OR next_try <= ? ORDER BY added, url",
            (now(),),
        ).fetchall()
        if among is not None:
            wanted = set(among)
            rows = [r for r in rows if r[0] in wanted or r[3] in wanted]
        return [FeedRow(url, etag, modified) for url, etag, modified, _ in rows]

    def feed_polled(self, url: str, status: int | None, kind: str | None, etag: str | None, last_modified: str | None) -> None:
        """A successful poll (200 read, or 304): validators kept, next poll scheduled."""
        stamp = now()
        self._db.execute(
            "UPDATE watch_feeds SET kind = coalesce(?, kind), etag = coalesce(?, etag), last_modified = coalesce(?, last_modified),"
            " last_fetched = ?, last_status = ?, last_success = ?, failures = 0, next_try = ? WHERE url = ?",
            (kind, etag, last_modified, stamp, status, stamp, later(self.settings.watch_feed_interval), url),
        )

    def feed_failed(self, url: str, status: int | None, reason: str) -> None:
        (failures,) = self._db.execute("SELECT failures FROM watch_feeds WHERE url = ?", (url,)).fetchone()
        stamp = now()
        self._db.execute(
            "UPDATE watch_feeds SET last_fetched = ?, last_status = ?, last_error = ?, last_error_at = ?, failures = ?,"
            " next_try = ? WHERE url = ?",
            (stamp, status, reason, stamp, failures + 1, later(self._wait(failures + 1)), url),
        )

    def seconds_to_next_feed(self) -> float:
        row = self._db.execute("SELECT min(next_try) FROM watch_feeds").fetchone()
        if not row or row[0] is None:
            return 0.0
        return (datetime.fromisoformat(row[0]) - datetime.now(timezone.utc)).total_seconds()

    # --- pages -----------------------------------------------------------------------

    def page(self, url: str) -> PageRow | None:
        row = self._db.execute(f"SELECT {_PAGE_COLUMNS} FROM watch_pages WHERE url = ?", (url,)).fetchone()
        return PageRow(*row) if row else None

    def page_with_canonical(self, canonical: str, other_than: str) -> PageRow | None:
        """A stored page, other than ``other_than``, whose URL or canonical URL is ``canonical``."""
        row = self._db.execute(
            f"SELECT {_PAGE_COLUMNS} FROM watch_pages WHERE (url = ? OR canonical = ?) AND url != ?"
            " AND state = 'stored' ORDER BY first_seen LIMIT 1",
            (canonical, canonical, other_than),
        ).fetchone()
        return PageRow(*row) if row else None

    def queue_page(self, url: str, host: str, feed: str, title: str | None, updated: str | None) -> bool:
        """Note a page a feed lists; True when it is to be fetched: new, or stored before
        and since changed by the feed's date (fetched again, conditionally)."""
        known = self.page(url)
        if known is None:
            # a feed that links a page by another page's canonical URL names a stored article
            if self._db.execute("SELECT 1 FROM watch_pages WHERE canonical = ? AND state = 'stored'", (url,)).fetchone():
                return False
            self._db.execute(
                "INSERT INTO watch_pages (url, host, feed, title, entry_updated, first_seen, state) VALUES (?, ?, ?, ?, ?, ?, 'queued')",
                (url, host, feed, title, updated, now()),
            )
            return True
        if known.state == "stored" and updated and known.entry_updated and updated > known.entry_updated:
            self._db.execute("UPDATE watch_pages SET state = 'queued', entry_updated = ? WHERE url = ?", (updated, url))
            return True
        if known.state == "forbidden":  # robots.txt may have changed: checked again (no request)
            self._db.execute("UPDATE watch_pages SET state = 'queued' WHERE url = ?", (url,))
            return True
        return known.state == "queued" or (known.state == "failed" and self._due(url))

    def due_pages(self) -> list[PageRow]:
        """Pages to fetch now: queued (by this run, or left by a stopped one), and failed
        ones whose ``next_try`` has come."""
        rows = self._db.execute(
            f"SELECT {_PAGE_COLUMNS} FROM watch_pages WHERE state = 'queued' OR (state = 'failed' AND next_try <= ?)"
            " ORDER BY first_seen, url",
            (now(),),
        ).fetchall()
        return [PageRow(*row) for row in rows]

    def page_done(self, url: str, state: str, reason: str | None = None, status: int | None = None, *,
                  canonical: str | None = None, etag: str | None = None, last_modified: str | None = None,
                  document: str | None = None, new_version: bool = False) -> None:
        """A page's outcome: stored, duplicate, skipped, forbidden (final) or unchanged (304)."""
        self._db.execute(
            "UPDATE watch_pages SET state = ?, reason = ?, status = coalesce(?, status), canonical = coalesce(?, canonical),"
            " etag = coalesce(?, etag), last_modified = coalesce(?, last_modified), document = coalesce(?, document),"
            " versions = versions + ?, fetched_at = CASE WHEN ? IS NULL THEN fetched_at ELSE ? END, failures = 0, next_try = NULL"
            " WHERE url = ?",
            (state, reason, status, canonical, etag, last_modified, document, int(new_version), status, now(), url),
        )

    def page_failed(self, url: str, reason: str, status: int | None = None) -> None:
        (failures,) = self._db.execute("SELECT failures FROM watch_pages WHERE url = ?", (url,)).fetchone()
        self._db.execute(
            "UPDATE watch_pages SET state = 'failed', reason = ?, status = ?, fetched_at = ?, failures = ?, next_try = ? WHERE url = ?",
            (reason, status, now(), failures + 1, later(self._wait(failures + 1)), url),
        )

    # --- hosts and requests ------------------------------------------------------------

    def robots(self, host: str) -> tuple[str | None, str] | None:
        """(robots.txt text, status) when read within ``watch_robots_ttl``; else None."""
        row = self._db.execute("SELECT robots, robots_status, robots_at FROM watch_hosts WHERE host = ?", (host,)).fetchone()
        if row is None or row[2] is None:
            return None
        age = datetime.now(timezone.utc) - datetime.fromisoformat(row[2])
        if age.total_seconds() > self.settings.watch_robots_ttl:
            return None
        return row[0], row[1]

    def set_robots(self, host: str, text: str | None, status: str) -> None:
        self._db.execute(
            "INSERT INTO watch_hosts (host, robots, robots_status, robots_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(host) DO UPDATE SET robots = excluded.robots, robots_status = excluded.robots_status,"
            " robots_at = excluded.robots_at",
            (host, text, status, now()),
        )

    def record_request(self, url: str, purpose: str, status: int | None, size: int | None, seconds: float,
                       error: str | None) -> None:
        self._db.execute(
            "INSERT INTO watch_requests (at, url, purpose, status, bytes, seconds, error) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (now(), url, purpose, status, size, round(seconds, 3), error),
        )

    def requests(self) -> list[tuple[str, str, int | None, str | None]]:
        """Every request made: (url, purpose, status, error), in order."""
        return self._db.execute("SELECT url, purpose, status, error FROM watch_requests ORDER BY seq").fetchall()

    def pages(self) -> dict[str, PageRow]:
        return {row[0]: PageRow(*row) for row in self._db.execute(f"SELECT {_PAGE_COLUMNS} FROM watch_pages")}

    def page_reason(self, url: str) -> str | None:
        row = self._db.execute("SELECT reason FROM watch_pages WHERE url = ?", (url,)).fetchone()
        return row[0] if row else None

    # --- reading ---------------------------------------------------------------------

    def sources(self) -> list[SourceLine]:
        """Feeds, then hosts: last success, last error, articles stored, failures waiting."""
        if not self._db.execute("SELECT 1 FROM sqlite_master WHERE name = 'watch_feeds'").fetchone():
            return []
        lines = [
            SourceLine("feed", url, success, error, error_at, articles, int(failures > 0), next_try if failures else None)
            for url, success, error, error_at, failures, next_try, articles in self._db.execute(
                "SELECT f.url, f.last_success, f.last_error, f.last_error_at, f.failures, f.next_try,"
                " (SELECT count(*) FROM watch_pages p WHERE p.feed = f.url AND p.state = 'stored')"
                " FROM watch_feeds f ORDER BY f.url"
            )
        ]
        for host, success, articles, failed in self._db.execute(
            "SELECT host, max(CASE WHEN state = 'stored' THEN fetched_at END), sum(state = 'stored'), sum(state = 'failed')"
            " FROM watch_pages GROUP BY host ORDER BY host"
        ):
            error = self._db.execute(
                "SELECT reason, fetched_at FROM watch_pages WHERE host = ? AND state IN ('failed', 'skipped', 'forbidden')"
                " ORDER BY fetched_at DESC LIMIT 1",
                (host,),
            ).fetchone()
            lines.append(SourceLine("host", host, success, error[0] if error else None, error[1] if error else None,
                                    articles or 0, failed or 0))
        return lines

    # --- helpers ---------------------------------------------------------------------

    def transaction(self) -> Transaction:
        return Transaction(self._db)

    def _due(self, url: str) -> bool:
        row = self._db.execute("SELECT next_try FROM watch_pages WHERE url = ?", (url,)).fetchone()
        return row is not None and (row[0] is None or row[0] <= now())

    def _wait(self, failures: int) -> float:
        """Seconds before the next try after ``failures`` in a row (doubling, capped)."""
        return min(self.settings.watch_retry_later * 2 ** (failures - 1), self.settings.watch_retry_max)

