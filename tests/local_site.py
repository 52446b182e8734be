"""A local news site for tests and for trying ``storydiff watch``: three invented outlets,
each on its own port of 127.0.0.1 (so each is its own host), with feeds, pages and the
faults a real crawl meets. Every outlet, place, person and sentence here is invented.

    python tests/local_site.py            # serves until Ctrl-C, prints the feed URLs

Faults: Harbor Daily's robots.txt forbids /private/; its feed answers 304 to a matching
If-None-Match; Valley Courier has a feed that answers 500, one that hangs, one of broken
XML, a 50 MB page, a redirect loop, and an article updated after the first fetch (``Site.
update``); the same articles are linked with tracking parameters from several feeds; an
AMP page names its article as canonical; Ridge Post serves a page of hostile markup.
"""

from __future__ import annotations

import hashlib
import html
import threading
import time
from email.utils import format_datetime
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOSTILE = '<script>window.__pwned=1;document.title="pwned"</script><img src=x onerror="window.__pwned=2"><a href="javascript:window.__pwned=3">x</a>'

FIRE = {
    "harbor": (
        "Warehouse fire on Quillon Wharf injures four workers",
        "2031-05-06T08:00:00+00:00",
        [
            "LARKMOOR – A fire tore through a paint warehouse on Quillon Wharf early on Tuesday, injuring four workers, the Larkmoor fire brigade said.",
            "Chief officer Maren Tollis said 60 firefighters fought the blaze for five hours before it was brought under control shortly after dawn.",
            "The warehouse, owned by the shipping firm Corvane Lines, stored solvents and drums of marine paint, Tollis said. Residents of two nearby streets were told to keep their windows shut.",
            "Investigators have not yet said what started the fire.",
        ],
    ),
    "valley": (
        "Four hurt as blaze guts Larkmoor paint store",
        "2031-05-06T10:30:00+00:00",
        [
            "LARKMOOR – Four workers were hurt when fire gutted a paint warehouse on Quillon Wharf on Tuesday morning, officials said.",
            "About 80 firefighters were sent to the wharf, according to chief officer Maren Tollis, who said the roof collapsed an hour after the alarm was raised.",
            "Corvane Lines, which owns the building, said in a statement that all of its staff had been accounted for and that it would help the inquiry.",
            "Smoke from the burning solvents drifted across the harbour for most of the morning, and the ferry to Osterby was held for two hours.",
        ],
    ),
    "ridge": (
        "Quillon Wharf warehouse fire: four injured, roof collapses",
        "2031-05-06T12:15:00+00:00",
        [
            "LARKMOOR – Four people were injured in a fire at a paint warehouse on Quillon Wharf on Tuesday, the Larkmoor fire brigade said.",
            "Chief officer Maren Tollis said 60 firefighters and twelve engines fought the fire, which broke out in a storeroom holding solvents.",
            "Corvane Lines, the owner of the warehouse, said the building had passed a fire inspection in March.",
            "Two of the injured workers were taken to Larkmoor General Hospital with burns, Tollis said.",
        ],
    ),
}

STRIKE_V1 = (
    "Ferry crews walk out over rosters on the Osterby crossing",
    "2031-05-09T07:00:00+00:00",
    [
        "OSTERBY – Ferry crews on the Osterby crossing walked out on Friday in a dispute over new rosters, stranding about 300 passengers, the crews' union said.",
        "Union secretary Idris Fenwold said the rosters would add two night shifts a month without extra pay, and that talks with the operator had broken down.",
        "The operator, Saltmere Ferries, called the strike unnecessary and said it had offered to meet the union next week.",
    ],
)
STRIKE_V2 = (
    "Ferry crews walk out over rosters on the Osterby crossing",
    "2031-05-09T07:00:00+00:00",
    [
        "OSTERBY – Ferry crews on the Osterby crossing walked out on Friday in a dispute over new rosters, stranding about 500 passengers by the evening, the crews' union said.",
        "Union secretary Idris Fenwold said the rosters would add two night shifts a month without extra pay, and that talks with the operator had broken down.",
        "The operator, Saltmere Ferries, called the strike unnecessary and said it had offered to meet the union next week. Evening sailings were cancelled as well.",
    ],
)
STRIKE_RIDGE = (
    "Osterby ferry strike strands passengers",
    "2031-05-09T09:00:00+00:00",
    [
        "OSTERBY – A strike by ferry crews over new rosters halted the Osterby crossing on Friday, leaving about 300 passengers stranded on the quay, the union said.",
        "Saltmere Ferries said it regretted the walkout and had offered talks with the union, led by secretary Idris Fenwold, next week.",
        "Crews say the rosters add night shifts without extra pay. The company says the changes follow a rise in summer traffic.",
    ],
)
HOSTILE_PAGE = (
    "Council vote on harbour lights " + HOSTILE,
    "2031-05-07T09:00:00+00:00",
    [
        HOSTILE + " The Larkmoor council voted on Wednesday to replace the harbour lights along the eastern quay before the winter storms.",
        "Councillor Bette Armory said the new lamps would use half the power of the old ones and would be paid for from the harbour fund.",
    ],
)
LATE = (
    "Larkmoor wharf reopens after fire inquiry",
    "2031-05-10T08:00:00+00:00",
    [
        "LARKMOOR – Quillon Wharf reopened on Saturday after fire investigators finished their work at the burned paint warehouse, the harbour office said.",
        "Chief officer Maren Tollis said the fire had started in a storeroom holding solvents, and that four workers had been injured in the blaze.",
        "Corvane Lines said it would rebuild the warehouse away from the quay.",
    ],
)


def page_html(title: str, published: str, paragraphs: list[str], site: str, canonical: str | None = None) -> str:
    """An article page with the usual furniture around the text (menu, footer)."""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    # escaped: a hostile text is the article's words (markup as text), which every
    # later step must keep as text
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    head_title = html.escape(title)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{head_title}</title>{link}"
        f'<meta property="og:site_name" content="{html.escape(site)}">'
        f'<meta property="article:published_time" content="{published}"></head>'
        f"<body><nav><a href='/'>Home</a> <a href='/news/'>News</a></nav><article><h1>{head_title}</h1>{body}</article>"
        f"<footer>© {html.escape(site)}. All rights reserved.</footer></body></html>"
    )


def rss(site: str, items: list[tuple[str, str, str]]) -> str:
    """An RSS 2.0 feed of (title, link, date) items."""
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(link)}</link>"
        f"<pubDate>{format_datetime(datetime.fromisoformat(d))}</pubDate></item>"
        for t, link, d in items
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{html.escape(site)}</title>{entries}</channel></rss>'


class Outlet:
    """One outlet: a server on its own port, its routes, and the requests it received."""

    def __init__(self, name: str, key: str):
        self.name, self.key = name, key
        self.routes: dict[str, object] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.times: list[float] = []  # when each request arrived (time.monotonic)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


def _handler(outlet: Outlet):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet
            return None

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            outlet.times.append(time.monotonic())
            outlet.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            path = self.path.split("?", 1)[0]
            route = outlet.routes.get(path)
            if route is None:
                return self._send(404, "text/plain", b"not found")
            if callable(route):
                return route(self)
            kind, body = route
            data = body.encode("utf-8")
            etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return None
            return self._send(200, kind, data, {"ETag": etag})

        def _send(self, status: int, kind: str, data: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


HTML = "text/html; charset=utf-8"
XML = "application/xml"


class Site:
    """Three outlets with their feeds and faults; ``feeds_file`` lists the feeds to follow."""

    def __init__(self, hang_seconds: float = 3.0):
        self.harbor = Outlet("Harbor Daily", "harbor")
        self.valley = Outlet("Valley Courier", "valley")
        self.ridge = Outlet("Ridge Post", "ridge")
        self.outlets = [self.harbor, self.valley, self.ridge]
        self.hang_seconds = hang_seconds
        self._build(updated=False)

    def start(self) -> Site:
        for outlet in self.outlets:
            outlet.thread.start()
        return self

    def stop(self) -> None:
        for outlet in self.outlets:
            outlet.server.shutdown()
            outlet.server.server_close()

    def feeds(self) -> list[str]:
        return [
            self.harbor.url("/feed.xml"),
            self.valley.url("/rss"),
            self.valley.url("/broken-feed.xml"),
            self.valley.url("/slow-feed.xml"),
            self.valley.url("/bad-feed.xml"),
            self.ridge.url("/sitemap-news.xml"),
        ]

    def opml(self) -> str:
        outlines = "".join(f'<outline type="rss" text="feed" xmlUrl="{html.escape(u)}"/>' for u in self.feeds())
        return f'<?xml version="1.0"?><opml version="2.0"><head><title>local outlets</title></head><body>{outlines}</body></opml>'

    def update(self) -> None:
        """The strike article is revised (a higher count) and its feed says so."""
        self._build(updated=True)

    def add_late_article(self) -> None:
        """A new Harbor Daily article in its feed (for the live page test)."""
        self._late = True
        self._build(updated=self._updated)

    def _build(self, updated: bool) -> None:
        self._updated = updated
        late = getattr(self, "_late", False)
        h, v, r = self.harbor, self.valley, self.ridge
        h.routes = {
            "/robots.txt": ("text/plain", "User-agent: *\nDisallow: /private/\n"),
            "/feed.xml": (XML, rss(h.name, [
                (FIRE["harbor"][0], h.url("/news/wharf-fire.html?utm_source=rss&utm_medium=feed"), FIRE["harbor"][1]),
                ("Internal memo", h.url("/private/memo.html"), "2031-05-06T09:00:00+00:00"),
                ("Wharf fire (mobile)", h.url("/amp/wharf-fire.html"), FIRE["harbor"][1]),
            ] + ([(LATE[0], h.url("/news/wharf-reopens.html"), LATE[1])] if late else []))),
            "/news/wharf-fire.html": (HTML, page_html(*FIRE["harbor"], h.name)),
            "/amp/wharf-fire.html": (HTML, page_html(*FIRE["harbor"], h.name, canonical=h.url("/news/wharf-fire.html"))),
            "/private/memo.html": (HTML, page_html("Memo", "2031-05-06", ["Nobody should fetch this page, robots.txt forbids it to every crawler that reads it."], h.name)),
            "/news/wharf-reopens.html": (HTML, page_html(*LATE, h.name)),
        }
        strike = STRIKE_V2 if updated else STRIKE_V1
        strike_date = "2031-05-09T18:00:00+00:00" if updated else STRIKE_V1[1]
        v.routes = {
            "/robots.txt": ("text/plain", "User-agent: *\nAllow: /\n"),
            "/rss": (XML, rss(v.name, [
                (FIRE["valley"][0], v.url("/news/paint-store-blaze.html?fbclid=AbC123"), FIRE["valley"][1]),
                (strike[0], v.url("/news/ferry-strike.html"), strike_date),
                ("A very large page", v.url("/news/huge.html"), "2031-05-08T00:00:00+00:00"),
                ("Going round in circles", v.url("/news/loop-a.html"), "2031-05-08T00:00:00+00:00"),
                # the same article again, with other tracking parameters
                (FIRE["valley"][0], v.url("/news/paint-store-blaze.html?utm_campaign=morning&gclid=xyz"), FIRE["valley"][1]),
            ])),
            "/broken-feed.xml": lambda req: req._send(500, "text/plain", b"internal error"),
            "/slow-feed.xml": self._hang,
            "/bad-feed.xml": (XML, '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>Half an ite'),
            "/news/paint-store-blaze.html": (HTML, page_html(*FIRE["valley"], v.name)),
            "/news/ferry-strike.html": (HTML, page_html(strike[0], strike[1], strike[2], v.name)),
            "/news/huge.html": self._huge,
            "/news/loop-a.html": lambda req: self._redirect(req, "/news/loop-b.html"),
            "/news/loop-b.html": lambda req: self._redirect(req, "/news/loop-a.html"),
        }
        sitemap_items = [
            (r.url("/2031/05/06/quillon-fire?utm_source=sitemap"), FIRE["ridge"]),
            (r.url("/2031/05/09/ferry-strike"), STRIKE_RIDGE),
            (r.url("/2031/05/07/harbour-lights"), HOSTILE_PAGE),
        ]
        urls = "".join(
            f"<url><loc>{html.escape(u)}</loc><news:news><news:publication><news:name>{r.name}</news:name>"
            f"<news:language>en</news:language></news:publication><news:publication_date>{art[1]}</news:publication_date>"
            f"<news:title>{html.escape(art[0])}</news:title></news:news></url>"
            for u, art in sitemap_items
        )
        r.routes = {
            "/robots.txt": ("text/plain", "User-agent: *\nDisallow:\n"),
            "/sitemap-news.xml": (XML, '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                                       f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'),
            "/2031/05/06/quillon-fire": (HTML, page_html(*FIRE["ridge"], r.name)),
            "/2031/05/09/ferry-strike": (HTML, page_html(*STRIKE_RIDGE, r.name)),
            "/2031/05/07/harbour-lights": (HTML, page_html(*HOSTILE_PAGE, r.name)),
        }

    def _hang(self, req) -> None:
        time.sleep(self.hang_seconds)
        req._send(200, XML, rss("Slow", []).encode())

    @staticmethod
    def _redirect(req, to: str) -> None:
        req.send_response(302)
        req.send_header("Location", to)
        req.send_header("Content-Length", "0")
        req.end_headers()

    @staticmethod
    def _huge(req) -> None:
        """50 MB of HTML, with no Content-Length (so only reading tells its size)."""
        req.send_response(200)
        req.send_header("Content-Type", HTML)
        req.end_headers()
        chunk = b"<p>" + b"filler text " * 5000 + b"</p>"
        try:
            req.wfile.write(b"<html><body>")
            for _ in range(50 * 1024 * 1024 // len(chunk)):
                req.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass


if __name__ == "__main__":
    site = Site().start()
    print("# local outlets: follow these feeds (storydiff watch FEEDS)")
    for url in site.feeds():
        print(url)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        site.stop()
