"""storydiff serve: the web app over a store filled by watch from the local site of
invented outlets (tests/local_site.py). The API and the pages in-process; then headless
Chromium: the list filters, a story page renders, a new article shows up on an open page
without a reload, hostile text stays inert, no console errors, no outside request."""

from __future__ import annotations

import hashlib
import inspect
import socket
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storydiff.settings import Settings
from storydiff.web import create_app
from storydiff.web.cli import serve_command

from helpers import FAST

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def store_path(watched_site):
    return watched_site[0]


@pytest.fixture(scope="module")
def client(store_path):
    return TestClient(create_app(store_path))


def _ids(html: str) -> list[str]:
    import re

    return re.findall(r'<tr data-story="(S\d+)"', html)


def test_list_filters_and_order(client):
    everything = _ids(client.get("/").text)
    assert len(everything) == 3
    api = client.get("/api/stories").json()
    assert [s["id"] for s in api["stories"]] == everything and api["total"] == 3
    dates = [s["date_end"] for s in api["stories"]]
    assert dates == sorted(dates, reverse=True)  # newest first
    ferry = client.get("/", params={"text": "ferry"}).text
    assert len(_ids(ferry)) == 1 and "Osterby" in ferry
    assert _ids(client.get("/", params={"outlet": "harbor daily"}).text) == [
        s["id"] for s in client.get("/api/stories", params={"outlet": "Harbor Daily"}).json()["stories"]
    ]
    assert _ids(client.get("/", params={"min_sources": 3}).text) == [
        s["id"] for s in api["stories"] if len(s["outlets"]) >= 3
    ]
    assert _ids(client.get("/", params={"until": "2031-05-06"}).text) == [
        s["id"] for s in api["stories"] if s["date_start"] <= "2031-05-06"
    ]
    assert client.get("/", params={"since": "May 6"}).status_code == 400
    assert client.get("/", params={"min_conflicts": "many"}).status_code == 400
    assert client.get("/api/stories", params={"since": "May 6"}).status_code == 400


def test_story_page_and_api_are_the_report(client):
    first = client.get("/api/stories").json()["stories"][-1]["id"]
    page = client.get(f"/stories/{first}")
    assert page.status_code == 200 and 'class="story"' in page.text and "-articles" in page.text
    report = client.get(f"/api/stories/{first}").json()
    assert report["stories"][0]["id"] == first and report["documents"]
    assert client.get("/stories/S999").status_code == 404
    assert client.get("/api/stories/S999").status_code == 404


def test_outlet_page(client):
    page = client.get("/outlets/Ridge Post")
    assert page.status_code == 200 and "Covered" in page.text and "Left out" in page.text
    assert page.text.count('href="/stories/S') >= 3
    assert client.get("/outlets/Nobody Weekly").status_code == 404


def test_openapi_documents_the_contract(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/outlets", "/api/changes"} <= set(schema["paths"])
    assert {"Report", "Story", "Comparison", "StorySummary"} <= set(schema["components"]["schemas"])
    params = {p["name"] for p in schema["paths"]["/api/stories"]["get"]["parameters"]}
    assert {"since", "until", "outlet", "text", "min_sources", "min_conflicts"} <= params


def test_security_headers_and_escaping(client):
    for url in ("/", "/stories/S1", "/api/stories", "/outlets/Ridge Post"):
        response = client.get(url)
        csp = response.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
    listing = client.get("/").text
    assert "<script>window" not in listing and "&lt;script&gt;window.__pwned=1" in listing
    assert "<script>" not in listing and listing.count("<script ") == 2  # ours, by src


def test_read_only_and_local_by_default(store_path, client):
    before = hashlib.sha256(store_path.read_bytes()).hexdigest()
    for url in ("/", "/stories/S1", "/api/stories/S2", "/outlets/Valley Courier", "/api/changes"):
        client.get(url)
    assert hashlib.sha256(store_path.read_bytes()).hexdigest() == before
    assert client.post("/api/stories").status_code == 405
    assert inspect.signature(serve_command).parameters["host"].default == "127.0.0.1"


# --- in Chromium ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(store_path):
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(store_path, Settings(serve_poll_seconds=0.3))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


class _Tab:
    """A page of the app, recording requests to other origins and console errors."""

    def __init__(self, browser, base: str):
        self.base, self.outside, self.errors = base, [], []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.page.on("request", lambda r: None if r.url.startswith(base) or r.url.startswith("data:") else self.outside.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def assert_clean(self):
        assert self.outside == [] and self.errors == []


@pytest.mark.browser
def test_in_chromium_filters_story_live_update_and_hostile_text(browser, server, site, store_path):
    tab = _Tab(browser, server)
    page = tab.page
    page.goto(server + "/", wait_until="load")
    assert page.locator("#stories tbody tr").count() == 3
    assert page.evaluate("window.__pwned") is None and page.title() != "pwned"
    assert page.locator("text=<script>window.__pwned=1").count() >= 1  # shown as text

    page.fill("input[name=text]", "ferry")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/?*text=ferry*")
    assert page.locator("#stories tbody tr").count() == 1
    page.click("#stories tbody tr a[href^='/stories/']")
    page.wait_for_url("**/stories/S*")
    assert page.locator("section.story h2").first.inner_text().strip()
    assert page.locator("section.articles details.article, section.articles article").count() >= 1
    page.screenshot(path=str(Path(__file__).resolve().parents[1] / "test-artifacts" / "serve-story.png"), full_page=False)

    hostile = page.context.new_page()
    hostile.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    hostile.goto(server + "/?text=harbour+lights", wait_until="load")
    hostile.click("#stories tbody tr a[href^='/stories/']")
    hostile.wait_for_url("**/stories/S*")
    assert hostile.evaluate("window.__pwned") is None and hostile.title() != "pwned"
    assert hostile.locator("img[src=x]").count() == 0 and hostile.locator("a[href^=javascript]").count() == 0

    # live: an article ingested while the list is open appears without a reload
    page.goto(server + "/", wait_until="load")
    page.evaluate("window.__same_document = true")
    articles = sum(int(t) for t in page.locator("#stories tbody tr td:nth-child(4)").all_inner_texts())
    site.add_late_article()
    from storydiff.watch import watch

    # in a thread of its own: Playwright's sync API keeps an event loop in this one
    writer = threading.Thread(target=watch, args=([site.harbor.url("/feed.xml")], store_path, FAST))
    writer.start()
    while writer.is_alive():
        page.wait_for_timeout(200)
    page.wait_for_function(
        "n => Array.from(document.querySelectorAll('#stories tbody tr td:nth-child(4)'))"
        ".reduce((a, td) => a + parseInt(td.textContent, 10), 0) > n",
        arg=articles, timeout=15000,
    )
    assert page.evaluate("window.__same_document") is True  # no reload happened
    assert "Updated" in page.locator("#live").inner_text()
    tab.assert_clean()
    tab.context.close()


# --- speed: pages as the store keeps them, checked against the story's version ----------


def test_story_pages_are_served_as_the_store_keeps_them(store_path, monkeypatch):
    """The store renders each story's page as it stores the analysis; the app sends it
    without laying anything out, with the current change token in its <body> tag."""
    from storydiff.store import Store
    from storydiff.web import pages, render

    with Store.open(store_path, readonly=True) as store:
        ids = [s.id for s in store.stories()]
        for story_id in ids:
            version, renderer, _ = store.story_page(story_id)
            assert version == store.story_version(story_id) != 0 and renderer == render.renderer()
        token = store.change_token()

    def no_rendering(*_args, **_kwargs):
        raise AssertionError("a stored page was rendered again")

    monkeypatch.setattr(pages, "render_story_page", no_rendering)
    client = TestClient(create_app(store_path, Settings(serve_poll_seconds=2)))
    for story_id in ids:
        page = client.get(f"/stories/{story_id}")
        assert page.status_code == 200 and page.headers["content-type"] == "text/html; charset=utf-8"
        assert f'<body data-state="{token}" data-poll="2000">' in page.text and "\x1e" not in page.text
        assert client.get("/api/changes").json()["state"] == token


def test_a_story_that_changes_is_served_fresh(store_path, tmp_path):
    """A page cached in memory, or kept in the store, for an older version of its story is
    not served once the story changes: the token moves, the version differs, the page is
    laid out again."""
    import shutil
    import sqlite3

    from storydiff.store import Store

    path = tmp_path / "news.db"
    shutil.copy(store_path, path)
    client = TestClient(create_app(path, Settings(serve_state_seconds=0)))
    with Store.open(path, readonly=True) as store:
        story_id = store.stories()[0].id
        before_token = store.change_token()
    first = client.get(f"/stories/{story_id}").text
    assert f'data-state="{before_token}"' in first and "Rewritten headline" not in first
    db = sqlite3.connect(path)
    with db:  # what an analysis of new articles does, in short: a new analysis, a new version
        (analysis,) = db.execute("SELECT analysis FROM stories WHERE story = ?", (int(story_id[1:]),)).fetchone()
        changed = analysis.replace('"headline":"', '"headline":"Rewritten headline ', 1)
        db.execute("UPDATE stories SET analysis = ?, version = version + 1 WHERE story = ?", (changed, int(story_id[1:])))
        db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'versions'")
    db.close()
    with Store.open(path, readonly=True) as store:
        after_token = store.change_token()
    assert after_token != before_token
    fresh = client.get(f"/stories/{story_id}").text
    assert "Rewritten headline" in fresh and f'data-state="{after_token}"' in fresh
    other = [s for s in client.get("/api/stories").json()["stories"] if s["id"] != story_id][0]["id"]
    assert f'data-state="{after_token}"' in client.get(f"/stories/{other}").text  # unchanged, new token
