"""A polite HTTP client: robots.txt, one request at a time per host with a delay between,
timeouts, bounded retries with backoff, a size cap and a redirect limit.

httpx does the HTTP (HTTP/2 where the server offers it, asyncio so that many hosts are
fetched at once); Protego reads robots.txt (Google's and RFC 9309's rules: Allow and
Disallow by longest match, wildcards, Crawl-delay). Redirects are followed here, hop by
hop, so that each hop is checked against its host's robots.txt and delay.
"""

from __future__ import annotations

import asyncio
import email.utils
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx
from protego import Protego

from ..settings import Settings
from .fetchlog import FetchLog
from .urls import BadUrl, host_of, normalise_url, robots_url

REDIRECTS = (301, 302, 303, 307, 308)
PASSING = (408, 425, 429, 500, 502, 503, 504)
"""Answers that say "not now" rather than "never": retried, then tried again in a later run."""


@dataclass
class Fetched:
    """The outcome of one GET (after redirects)."""

    url: str
    final_url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str | None = None
    """Why there is no usable answer; None for a 2xx or 304."""
    passing: bool = False
    """The error may go away (network, timeout, 5xx, 429, a redirect loop): try again later."""
    forbidden: bool = False
    """robots.txt forbids the URL (or a hop of its redirects)."""
    text: str = ""
    """The body decoded (set by the follower for a page)."""
    canonical: str | None = None
    """The page's canonical URL (set by the follower)."""
    duplicate_of: str | None = None
    """Not fetched: another page of the round named this URL as its canonical."""

    @property
    def ok(self) -> bool:
        return self.error is None


class _Host:
    """One host's turn: a lock (one request at a time) and when the next may start."""

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.next_at = 0.0
        self.robots: Protego | None = None
        self.robots_loaded = False
        self.disallow_all = False


class PoliteClient:
    def __init__(self, settings: Settings, log: FetchLog, transport: httpx.AsyncBaseTransport | None = None):
        self.settings = settings
        self.log = log
        self.agent_token = settings.watch_user_agent.split("/", 1)[0].split()[0]
        """The name robots.txt groups are matched against (the product token of the User-Agent)."""
        self._client = httpx.AsyncClient(
            http2=transport is None,
            transport=transport,
            follow_redirects=False,
            timeout=httpx.Timeout(settings.watch_timeout),
            headers={"User-Agent": settings.watch_user_agent, "Accept-Encoding": "gzip, deflate"},
            trust_env=False,
        )
        self._hosts: dict[str, _Host] = {}

    async def aclose(self) -> None:
        await self._client.aclose()

    async def get(self, url: str, purpose: str, headers: dict[str, str] | None = None) -> Fetched:
        """GET ``url`` politely; redirects followed up to ``watch_max_redirects``, each hop
        allowed by robots.txt. Never raises for what the network or the server does."""
        seen = [url]
        current = url
        for _hop in range(self.settings.watch_max_redirects + 1):
            if not await self.allowed(current):
                return Fetched(url, current, error=f"robots.txt forbids {current}", forbidden=True)
            answer = await self._get_with_retries(current, purpose, headers or {})
            location = answer.headers.get("location")
            if answer.status not in REDIRECTS or not location:
                answer.url = url
                return answer
            try:
                target = normalise_url(urljoin(current, location))
            except BadUrl as error:
                return Fetched(url, current, answer.status, error=f"bad redirect: {error}")
            if target in seen:
                return Fetched(url, current, answer.status, error=f"redirect loop at {target}", passing=True)
            seen.append(target)
            current = target
        return Fetched(url, current, error=f"more than {self.settings.watch_max_redirects} redirects", passing=True)

    async def allowed(self, url: str) -> bool:
        host = self._host(url)
        if not host.robots_loaded:
            async with host.lock:  # one reader of robots.txt per host
                if not host.robots_loaded:
                    await self._load_robots(url, host)
        if host.disallow_all:
            return False
        return host.robots is None or host.robots.can_fetch(url, self.agent_token)

    # --- internals ---------------------------------------------------------------------

    def _host(self, url: str) -> _Host:
        return self._hosts.setdefault(host_of(url), _Host())

    async def _load_robots(self, url: str, host: _Host) -> None:
        """robots.txt from the log when fresh, else fetched (its redirects followed on the
        same site). 4xx: no rules (allow all); 5xx or no answer: the host is treated as
        forbidding everything for this run (RFC 9309, 2.3.1.4)."""
        name = host_of(url)
        cached = self.log.robots(name)
        if cached is None:
            target = robots_url(url)
            answer = None
            for _hop in range(self.settings.watch_max_redirects + 1):
                answer = await self._request(target, "robots", {}, host, locked=True)
                location = answer.headers.get("location")
                if answer.status in REDIRECTS and location:
                    target = urljoin(target, location)
                    if host_of(target) != name:
                        break
                    continue
                break
            if answer.status is not None and 200 <= answer.status < 300:
                cached = (answer.body.decode("utf-8", "replace"), "found")
            elif answer.status is not None and 400 <= answer.status < 500:
                cached = (None, "none")
            else:
                host.disallow_all = True  # unreachable: not stored, asked again next run
            if cached is not None:
                self.log.set_robots(name, *cached)
        if cached is not None and cached[0] is not None:
            host.robots = Protego.parse(cached[0])
        host.robots_loaded = True

    def _delay(self, host: _Host) -> float:
        asked = host.robots.crawl_delay(self.agent_token) if host.robots is not None else None
        return max(self.settings.watch_host_delay, float(asked or 0))

    async def _get_with_retries(self, url: str, purpose: str, headers: dict[str, str]) -> Fetched:
        host = self._host(url)
        attempts = self.settings.watch_retries + 1
        for attempt in range(attempts):
            async with host.lock:
                answer = await self._request(url, purpose, headers, host, locked=True)
            if not answer.passing or attempt == attempts - 1:
                return answer
            wait = self.settings.watch_backoff * 2**attempt
            retry_after = _retry_after(answer.headers.get("retry-after"))
            if retry_after is not None:
                wait = max(wait, min(retry_after, self.settings.watch_request_seconds))
            await asyncio.sleep(wait)
        raise AssertionError("unreachable")

    async def _request(self, url: str, purpose: str, headers: dict[str, str], host: _Host, locked: bool) -> Fetched:
        """One GET in the host's turn (the caller holds ``host.lock``): waits out the delay,
        reads at most ``watch_max_page_bytes``, logs the request."""
        wait = host.next_at - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        started = time.monotonic()
        answer = Fetched(url, url)
        try:
            async with asyncio.timeout(self.settings.watch_request_seconds):
                answer = await self._read(url, headers)
        except TimeoutError:
            answer = Fetched(url, url, error=f"no complete answer within {self.settings.watch_request_seconds:g} s", passing=True)
        except httpx.TimeoutException:
            answer = Fetched(url, url, error=f"timed out ({self.settings.watch_timeout:g} s)", passing=True)
        except httpx.HTTPError as error:
            answer = Fetched(url, url, error=f"{type(error).__name__}: {_one_line(error) or 'connection failed'}", passing=True)
        finally:
            host.next_at = time.monotonic() + self._delay(host)
            self.log.record_request(url, purpose, answer.status, len(answer.body), time.monotonic() - started, answer.error)
        return answer

    async def _read(self, url: str, headers: dict[str, str]) -> Fetched:
        limit = self.settings.watch_max_page_bytes
        async with self._client.stream("GET", url, headers=headers) as response:
            answer = Fetched(url, url, response.status_code, {k.lower(): v for k, v in response.headers.items()})
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                answer.error = f"too large: {int(declared):,} bytes (max_page_bytes {limit:,})"
                return answer
            if response.status_code in REDIRECTS or response.status_code == 304:
                return answer
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > limit:
                    answer.error = f"too large: more than {limit:,} bytes (max_page_bytes)"
                    return answer
            answer.body = bytes(body)
        if response.status_code in PASSING:
            answer.error, answer.passing = f"HTTP {response.status_code}", True
        elif not 200 <= response.status_code < 300:
            answer.error = f"HTTP {response.status_code}"
        return answer


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    parsed = email.utils.parsedate_to_datetime(value) if value else None
    return max(0.0, parsed.timestamp() - time.time()) if parsed else None


def _one_line(error: object) -> str:
    return " ".join(str(error).split())[:200]
