"""storydiff watch against a real local site (tests/local_site.py: invented outlets on
127.0.0.1): every good article stored, every bad one accounted for, nothing fetched
twice, robots.txt obeyed, a restart going on where it stopped. No other network."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from storydiff.store import Store
from storydiff.watch import FetchLog, watch
from storydiff.watch.feeds import NotAFeed, read_feed_file, read_listing
from storydiff.watch.urls import BadUrl, canonical_link, normalise_url

from helpers import FAST

ROOT = Path(__file__).resolve().parents[1]



# --- units ---------------------------------------------------------------------------


def test_normalise_url_drops_tracking_and_fragment_and_sorts():
    assert normalise_url("HTTP://News.Example:80/a/b?utm_source=rss&b=2&a=1&fbclid=x#top") == "http://news.example/a/b?a=1&b=2"
    assert normalise_url("/x?gclid=1", base="https://news.example/feed") == "https://news.example/x"
    assert normalise_url("https://news.example/story?id=7") == "https://news.example/story?id=7"
    with pytest.raises(BadUrl):
        normalise_url("javascript:alert(1)")
    with pytest.raises(BadUrl):
        normalise_url("ftp://news.example/file")


def test_canonical_link_same_site_only():
    page = '<html><head><link rel="canonical" href="/news/a?utm_medium=x"></head><body></body></html>'
    assert canonical_link(page, "https://news.example/amp/a") == "https://news.example/news/a"
    foreign = '<html><head><link rel="canonical" href="https://other.example/a"></head></html>'
    assert canonical_link(foreign, "https://news.example/a") is None


def test_listings_rss_atom_sitemap_opml_and_broken():
    atom = (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>A</title>'
            b'<link href="https://n.example/a?utm_source=atom"/><id>a</id><updated>2031-01-02T03:04:05Z</updated></entry></feed>')
    listing = read_listing(atom, "https://n.example/atom", 10)
    assert listing.kind == "atom" and [(e.url, e.updated) for e in listing.entries] == [("https://n.example/a", "2031-01-02T03:04:05+00:00")]
    index = b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://n.example/s1.xml</loc></sitemap></sitemapindex>'
    assert read_listing(index, "https://n.example/index.xml", 10).feeds == ["https://n.example/s1.xml"]
    opml = b'<opml version="2.0"><body><outline text="x"><outline xmlUrl="https://n.example/rss"/></outline></body></opml>'
    assert read_listing(opml, "https://n.example/list.opml", 10).feeds == ["https://n.example/rss"]
    for broken in (b'<rss version="2.0"><channel><item><title>cut', b"<html><body>a page</body></html>", b""):
        with pytest.raises(NotAFeed):
            read_listing(broken, "https://n.example/x", 10)
    # entity expansion is off: a "billion laughs" body is refused, not expanded
    bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&b;</loc></url></urlset>'
    assert all("aaaa" not in e.url for e in read_listing(bomb, "https://n.example/s.xml", 10).entries)


def test_feed_file_lists_urls_or_opml(tmp_path):
    listed = tmp_path / "feeds.txt"
    listed.write_text("# my outlets\nhttps://a.example/rss?utm_source=x\n\nhttps://b.example/feed  # comment\n")
    assert read_feed_file(listed) == ["https://a.example/rss", "https://b.example/feed"]
    bad = tmp_path / "bad.txt"
    bad.write_text("not a url\n")
    with pytest.raises(NotAFeed, match="bad.txt:1"):
        read_feed_file(bad)


def test_retries_with_backoff_then_logs_the_failure(tmp_path):
    """A MockTransport stands in for the network: 503 twice, then the feed."""
    calls = []
    feed = b'<rss version="2.0"><channel><title>t</title></channel></rss>'

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        if len([c for c in calls if c == "/rss"]) <= 2:
            return httpx.Response(503)
        return httpx.Response(200, content=feed)

    settings = FAST.model_copy(update={"watch_retries": 1, "watch_host_delay": 0.0})
    result = watch(["https://mock.example/rss"], tmp_path / "s.db", settings, transport=httpx.MockTransport(answer))
    assert calls == ["/robots.txt", "/rss", "/rss"] and result.failed_feeds == [("https://mock.example/rss", "HTTP 503")]
    result = watch(["https://mock.example/rss"], tmp_path / "s.db", settings, transport=httpx.MockTransport(answer))
    assert result.failed_feeds == [] and calls[-1] == "/rss"


def test_user_agent_is_sent_and_matched_in_robots(tmp_path):
    seen = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["user-agent"])
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: deskbot\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
        return httpx.Response(200, content=b'<rss version="2.0"><channel><title>t</title></channel></rss>')

    settings = FAST.model_copy(update={"watch_user_agent": "deskbot/2.0 (newsroom)", "watch_host_delay": 0.0})
    result = watch(["https://mock.example/rss"], tmp_path / "s.db", settings, transport=httpx.MockTransport(answer))
    assert seen == ["deskbot/2.0 (newsroom)"]  # robots.txt only: the feed is forbidden to deskbot
    assert result.failed_feeds and "robots.txt forbids" in result.failed_feeds[0][1]


# --- the local site ------------------------------------------------------------------


GOOD = {  # outlet -> paths of its good articles
    "harbor": {"/amp/wharf-fire.html"},
    "valley": {"/news/paint-store-blaze.html", "/news/ferry-strike.html"},
    "ridge": {"/2031/05/06/quillon-fire", "/2031/05/09/ferry-strike", "/2031/05/07/harbour-lights"},
}


def test_every_good_article_is_stored(site, watched_site):
    store_path, result, _ = watched_site
    with Store.open(store_path, readonly=True) as store:
        stories = store.stories()
        urls = set()
        for summary in stories:
            urls.update(d.url for d in store.report(summary.id).documents)
    expected = {getattr(site, key).url(path) for key, paths in GOOD.items() for path in paths}
    # the AMP page's article is stored under its canonical URL
    expected = {u.replace("/amp/", "/news/") for u in expected}
    assert urls == expected
    assert result.stored == 6 and all(s.analysed for s in stories)
    assert {"Harbor Daily", "Valley Courier", "Ridge Post"} <= {o for s in stories for o in s.outlets}


def test_every_bad_one_is_accounted_for(site, watched_site):
    store_path, result, _ = watched_site
    with FetchLog(store_path, FAST) as log:
        pages = log.pages()
        reason = {url: log.page_reason(url) for url in pages}
        feeds = {line.name: line for line in log.sources() if line.kind == "feed"}
    v, h = site.valley, site.harbor
    assert pages[v.url("/news/huge.html")].state == "skipped" and "too large" in reason[v.url("/news/huge.html")]
    assert pages[v.url("/news/loop-a.html")].state == "failed" and "redirect loop" in reason[v.url("/news/loop-a.html")]
    assert pages[h.url("/private/memo.html")].state == "forbidden"
    # the article and its AMP page: one stored, the other its duplicate, whichever was fetched
    # first (pages queued in one poll may fall either side of a millisecond)
    assert sorted(pages[h.url(p)].state for p in ("/news/wharf-fire.html", "/amp/wharf-fire.html")) == ["duplicate", "stored"]
    assert "HTTP 500" in feeds[v.url("/broken-feed.xml")].last_error
    assert "timed out" in feeds[v.url("/slow-feed.xml")].last_error
    assert "malformed" in feeds[v.url("/bad-feed.xml")].last_error
    assert feeds[h.url("/feed.xml")].last_error is None and feeds[h.url("/feed.xml")].articles == 1
    # every page the feeds listed has a state and, unless stored, a reason
    assert all(p.state in ("stored", "duplicate", "skipped", "failed", "forbidden") for p in pages.values())
    assert all(reason[u] for u, p in pages.items() if p.state != "stored")


def test_nothing_fetched_twice_and_robots_obeyed(watched_site):
    _, _, requests = watched_site
    for key, made in requests.items():
        paths = [path.split("?")[0] for path, _ in made]
        pages = [p for p in paths if not p.endswith((".xml", "/rss", "/robots.txt"))]
        assert len(pages) == len(set(pages)), f"{key}: a page fetched twice: {pages}"
        assert paths.count("/robots.txt") == 1
        assert not any(p.startswith("/private/") for p in paths)
        assert all(headers.get("user-agent", "").startswith("storydiff-watch/") for _, headers in made)


def test_host_delay_between_requests(site, tmp_path):
    """Requests to one host are at least the delay apart (timed at the server)."""
    start = len(site.ridge.times)
    watch([site.ridge.url("/sitemap-news.xml")], tmp_path / "d.db", FAST.model_copy(update={"watch_host_delay": 0.5}))
    stamps = site.ridge.times[start:]
    gaps = [b - a for a, b in zip(stamps, stamps[1:])]
    assert len(stamps) >= 4 and min(gaps) >= 0.45


def test_second_pass_conditional_get_update_and_retries(site, watched_site):
    store_path = watched_site[0]
    before = {o.key: list(o.requests) for o in site.outlets}
    site.update()  # the strike article is revised, its feed date moves
    try:
        result = watch(site.feeds(), store_path, FAST)
    finally:
        site._build(updated=False)
    after = {o.key: o.requests[len(before[o.key]):] for o in site.outlets}
    harbor_feed = [headers for path, headers in after["harbor"] if path == "/feed.xml"]
    assert harbor_feed and "if-none-match" in harbor_feed[0]
    assert result.unchanged_feeds >= 2  # harbor and ridge answered 304
    assert result.updated == 1 and result.stored == 0
    pages = [p.split("?")[0] for p, _ in after["valley"] if p.startswith("/news/")]
    # only the updated article and the failed redirect loop (tried again later) are asked for
    assert sorted(set(pages)) == ["/news/ferry-strike.html", "/news/loop-a.html", "/news/loop-b.html"]
    assert not [p for p, _ in after["ridge"] if not p.endswith(".xml")]
    with Store.open(store_path, readonly=True) as store:
        texts = [d.text for s in store.stories(text="ferry") for d in store.report(s.id).documents]
    assert any("about 500 passengers" in t for t in texts)  # the revision is in the store
    with FetchLog(store_path, FAST) as log:
        assert log.pages()[site.valley.url("/news/ferry-strike.html")].versions == 2


def test_restart_goes_on_where_it_stopped(site, tmp_path):
    """Pages queued by a pass that was stopped before fetching them are fetched by the next."""
    store_path = tmp_path / "r.db"
    hourly = FAST.model_copy(update={"watch_feed_interval": 600})
    with FetchLog(store_path, hourly) as log:
        log.add_feed(site.ridge.url("/sitemap-news.xml"))
        log.feed_polled(site.ridge.url("/sitemap-news.xml"), 200, "sitemap", None, None)  # polled, then stopped
        log.queue_page(site.ridge.url("/2031/05/09/ferry-strike"), site.ridge.url("")[7:], site.ridge.url("/sitemap-news.xml"), None, None)
    Store.open(store_path).close()
    result = watch([site.ridge.url("/sitemap-news.xml")], store_path, hourly)
    assert result.feeds == 0 and result.stored == 1


def test_cli_watch_once_quiet_and_sources(site, tmp_path):
    feeds = tmp_path / "feeds.opml"
    feeds.write_text(site.opml())
    store = tmp_path / "cli.db"
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [sys.executable, "-m", "storydiff", "watch", str(feeds), "--store", str(store), "--once", "--quiet"],
        capture_output=True, text=True, env=env, timeout=300,
    )
    assert run.returncode == 0, run.stderr
    # quiet: no summary, only the failures, one line each, no traceback
    assert "Traceback" not in run.stderr and "feeds polled" not in run.stderr
    assert any("broken-feed.xml: HTTP 500" in line for line in run.stderr.splitlines())
    listed = subprocess.run(
        [sys.executable, "-m", "storydiff", "sources", "--store", str(store), "--json"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    lines = [json.loads(line) for line in listed.stdout.splitlines()]
    hosts = {line["name"]: line for line in lines if line["kind"] == "host"}
    assert hosts[site.ridge.url("")[7:]]["articles"] == 3
    assert any(line["kind"] == "feed" and line["last_error"] for line in lines)
    bad = subprocess.run(
        [sys.executable, "-m", "storydiff", "watch", "no-such-file.txt", "--store", str(store), "--once"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "no-such-file.txt" in bad.stderr
