"""The commands ``storydiff watch`` and ``storydiff sources``."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from ..progress import progress_bar
from . import run_to_end
from ..settings import Settings
from ..store import Store, StoreError
from .feeds import NotAFeed, read_feed_file
from .fetch import PoliteClient
from .fetchlog import FetchLog
from .follower import PassResult, run_pass
from .urls import BadUrl, normalise_url

stderr = Console(stderr=True, soft_wrap=True)
STAGE_NAMES = {"feeds": "polling feeds", "pages": "fetching pages", "stories": "analysing stories"}
StoreOption = Annotated[Path, typer.Option("--store", help="The corpus store (an SQLite file).")]


def _say(message: str) -> None:
    stderr.print(f"storydiff: {message}", markup=False, highlight=False)


def _fail(message: str, code: int = 1) -> typer.Exit:
    _say(f"error: {message}")
    return typer.Exit(code)


def feed_urls(items: list[str]) -> list[str]:
    """Feed URLs from the arguments: URLs, or files (an OPML list, or URLs one a line)."""
    urls: list[str] = []
    for item in items:
        if item.startswith(("http://", "https://")):
            urls.append(normalise_url(item))
            continue
        path = Path(item)
        if not path.is_file():
            raise NotAFeed(f"{item}: neither an http(s) URL nor a file")
        urls.extend(read_feed_file(path))
    return list(dict.fromkeys(urls))


def watch_command(
    feeds: Annotated[
        Optional[list[str]],
        typer.Argument(help="Feed, OPML or sitemap URLs, or files listing them (OPML, or URLs one a line); "
                            "none: every feed the store follows."),
    ] = None,
    store_path: StoreOption = Path("news.db"),
    once: Annotated[bool, typer.Option("--once", help="One pass, then exit (for cron).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no summary: errors only (for services).")] = False,
    user_agent: Annotated[Optional[str], typer.Option("--user-agent", help="The User-Agent sent, and matched in robots.txt.")] = None,
    delay: Annotated[
        Optional[float], typer.Option("--delay", min=1.0, help="Seconds between requests to one host (at least 1).")
    ] = None,
    interval: Annotated[
        Optional[float], typer.Option("--interval", min=60.0, help="Seconds between polls of a feed (without --once).")
    ] = None,
) -> None:
    """Follow RSS/Atom feeds, OPML lists and news sitemaps: new articles go into the store."""
    overrides = {}
    if user_agent:
        overrides["watch_user_agent"] = user_agent
    if delay is not None:
        overrides["watch_host_delay"] = delay
    if interval is not None:
        overrides["watch_feed_interval"] = interval
    settings = Settings(**overrides)
    try:
        urls = feed_urls(feeds) if feeds else None
    except (NotAFeed, BadUrl, OSError) as error:
        raise _fail(str(error), 2)
    try:
        code = run_to_end(_watch(urls, store_path, settings, once, quiet))
    except StoreError as error:
        raise _fail(str(error))
    except KeyboardInterrupt:
        code = 130
    raise typer.Exit(code)


async def _watch(urls: list[str] | None, store_path: Path, settings: Settings, once: bool, quiet: bool) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):
            pass
    with Store.open(store_path) as store, FetchLog(store_path, settings) as log:
        if urls is None and not log.sources():
            _say("error: no feeds given, and the store follows none yet")
            return 2
        client = PoliteClient(settings, log)
        try:
            while True:
                show = not quiet and stderr.is_terminal
                with progress_bar(stderr, STAGE_NAMES, show=show) as progress:
                    passing = asyncio.ensure_future(run_pass(urls, store, log, settings, client, progress))
                    stopped = asyncio.ensure_future(stop.wait())
                    await asyncio.wait({passing, stopped}, return_when=asyncio.FIRST_COMPLETED)
                    if not passing.done():
                        passing.cancel()
                        _say("stopped: the next watch goes on where this one stopped")
                        return 130
                    stopped.cancel()
                    result = passing.result()
                _report(result, quiet)
                if once:
                    return 0
                try:
                    await asyncio.wait_for(stop.wait(), timeout=_until_next(log, settings))
                    return 0
                except TimeoutError:
                    continue
        finally:
            await client.aclose()


def _until_next(log: FetchLog, settings: Settings) -> float:
    return max(1.0, min(settings.watch_feed_interval, log.seconds_to_next_feed()))


def _report(result: PassResult, quiet: bool) -> None:
    for url, reason in result.failed_feeds:
        _say(f"feed {url}: {reason} (tried again later)")
    for url, reason in result.failed:
        _say(f"page {url}: {reason} (tried again later)")
    for story in result.failed_stories:
        _say(f"{story}: the analysis failed in part (see errors in `storydiff report {story}`)")
    if quiet:
        return
    for url, reason in result.skipped:
        _say(f"skipped {url}: {reason}")
    for url in result.forbidden:
        _say(f"not fetched {url}: robots.txt forbids it")
    _say(
        f"{result.feeds} feeds polled ({result.unchanged_feeds} unchanged, {len(result.failed_feeds)} failed); "
        f"{result.fetched} pages fetched: {result.stored} new articles, {result.updated} updated, "
        f"{result.duplicates} duplicates, {len(result.skipped)} skipped, {len(result.failed)} failed, "
        f"{len(result.forbidden)} forbidden; {result.analysed} stories analysed"
    )


def sources_command(
    store_path: StoreOption = Path("news.db"),
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
) -> None:
    """List the feeds and hosts a store follows: last success, last error, articles."""
    import json

    if not store_path.exists():
        raise _fail(f"{store_path}: no such store")
    try:
        with FetchLog.open_readonly(store_path) as log:
            lines = log.sources()
    except Exception as error:
        raise _fail(f"{store_path}: {type(error).__name__}: {error}")
    if as_json:
        for line in lines:
            sys.stdout.write(json.dumps(line.__dict__, ensure_ascii=False) + "\n")
        return
    table = Table("kind", "source", "articles", "last success", "last error", box=None)
    for line in lines:
        error = f"{line.last_error} ({line.last_error_at})" if line.last_error else ""
        if line.failed:
            error += f"; {line.failed} waiting to be tried again" + (f" from {line.next_try}" if line.next_try else "")
        table.add_row(line.kind, line.name, str(line.articles), line.last_success or "never", error)
    Console(soft_wrap=True).print(table)
    _say(f"{sum(1 for l in lines if l.kind == 'feed')} feeds, {sum(1 for l in lines if l.kind == 'host')} hosts")


def register(app: typer.Typer) -> None:
    app.command("watch")(watch_command)
    app.command("sources")(sources_command)
