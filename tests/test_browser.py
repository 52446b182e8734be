"""The HTML report in headless Chromium: offline, no console errors, evidence on click, inert hostile input.

Chromium is the Debian package (/usr/bin/chromium), driven by Playwright; the tests skip
when it is absent. Every page is opened from a file:// URL with all other requests aborted
and recorded: any request other than the file itself fails the test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from storydiff.report import to_html

from test_report import HOSTILE, TEXT_A, make_fire_report, make_report

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
SECTIONS = ("sources", "glance", "claims", "coverage", "quotes", "framing", "entities", "timeline", "articles")


class OpenedPage:
    """A report opened offline, with what it requested and what it logged."""

    def __init__(self, browser, html: str, path: Path, viewport=(1280, 900)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(self.url, wait_until="load")

    def _route(self, route):
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()

    def assert_clean(self):
        assert [u for u in self.requests if u != self.url] == [], "the page made requests"
        assert self.errors == [], "console errors"

    def close(self):
        self.context.close()


@pytest.fixture
def opened(browser, tmp_path):
    pages: list[OpenedPage] = []

    def open_(report, name="report.html", viewport=(1280, 900)) -> OpenedPage:
        page = OpenedPage(browser, to_html(report), tmp_path / name, viewport)
        pages.append(page)
        return page

    yield open_
    for page in pages:
        page.close()


def _check_sections(page, story: str = "s1") -> None:
    for section in SECTIONS:
        locator = page.locator(f"#{story}-{section}")
        assert locator.count() == 1, section
        assert locator.locator("td, li, .text").count() > 0, f"{section} is empty"


def _click_first_claim(page) -> None:
    button = page.locator("#s1-claims button.ev").first
    target = button.get_attribute("data-target")
    button.focus()
    page.keyboard.press("Enter")  # keyboard-accessible
    mark = page.locator(f"#{target}")
    assert mark.evaluate("el => el.tagName") == "MARK"
    assert "active" in mark.get_attribute("class")
    assert mark.is_visible()
    assert mark.evaluate("el => document.activeElement === el")
    box = mark.bounding_box()
    assert box is not None and 0 <= box["y"] <= page.viewport_size["height"], "evidence not scrolled into view"
    # The highlight is visible: a background other than the plain mark's.
    assert mark.evaluate("el => getComputedStyle(el).outlineStyle") != "none"


def test_hand_made_report_in_chromium(opened):
    report = make_report()
    page = opened(report)
    _check_sections(page.page)
    _click_first_claim(page.page)
    page.page.screenshot(path=str(ARTIFACTS / "hand-made-report.png"), full_page=False)
    page.assert_clean()


def test_collapsed_article_opens_on_click(opened):
    report = make_report()
    page = opened(report).page
    page.evaluate("document.querySelectorAll('details.article').forEach(d => d.open = false)")
    button = page.locator("#s1-claims button.ev").first
    button.click()
    target = button.get_attribute("data-target")
    assert page.locator(f"#{target}").is_visible()


def test_statuses_order_and_single_source_groups_in_chromium(opened):
    page = opened(make_fire_report(extra_single_source=30), "statuses.html")
    p = page.page
    claims = p.locator("#s1-claims")
    # What a reader meets, top to bottom: conflict, update, agreements, then the unconfirmed difference.
    rows = claims.locator("tbody tr")
    tops = [rows.nth(k).bounding_box()["y"] for k in range(rows.count())]
    assert tops == sorted(tops)
    assert [rows.nth(k).get_attribute("class") for k in range(rows.count())] == [
        "row-conflict", "row-updated", "row-compatible", "row-agree", "row-differs"]
    assert claims.locator("h4.unconfirmed-h").is_visible()
    # The single-source facts start folded away, one group per outlet, below everything else.
    groups = claims.locator("details.single-source")
    assert groups.count() == 3
    first_fact = claims.locator("li.row-single-source").first
    assert not first_fact.is_visible()
    assert groups.first.bounding_box()["y"] > tops[-1]
    groups.first.locator("summary").click()
    assert first_fact.is_visible()
    # Its evidence button still leads to the sentence in the article.
    button = groups.first.locator("button.ev").first
    if button.count():
        button.click()
        assert p.locator("mark.active").count() >= 1
    page.assert_clean()


def test_phone_width_scrolls_tables_not_page(opened):
    page = opened(make_report(), viewport=(375, 800)).page
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375 + 1, "the page itself scrolls sideways on a phone"
    page.screenshot(path=str(ARTIFACTS / "phone.png"))


def test_demo_report_in_chromium(opened, request):
    demo = ROOT / "examples" / "demo"
    report = request.getfixturevalue("demo_report") if demo.is_dir() and any(demo.iterdir()) else make_report()
    page = opened(report, "demo.html")
    p = page.page
    assert p.locator("section.story").count() == len(report.stories)
    for i, story in enumerate(report.stories, start=1):
        assert p.locator(f"#s{i}-sources th[scope=col]").count() >= 1
        assert p.locator(f"#s{i}-articles article").count() >= 1
        if story.comparisons:
            # Every comparison is shown: a table row, or a line in its outlet's single-source group.
            shown = p.locator(f"#s{i}-claims tbody tr, #s{i}-claims li.row-single-source").count()
            assert shown == len(story.comparisons)
    if any(s.comparisons for s in report.stories):
        first = next(i for i, s in enumerate(report.stories, start=1) if s.comparisons)
        button = p.locator(f"#s{first}-claims button.ev").first
        if button.count():
            button.click()
            assert p.locator("mark.active").count() >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / "demo-evidence.png"))
    # The README's picture: the first story's conflicts and claims table.
    p.set_viewport_size({"width": 1280, "height": 1000})
    p.evaluate("(document.querySelector('section.glance') || document.body).scrollIntoView()")
    p.screenshot(path=str(ARTIFACTS / "demo-report.png"))
    (ROOT / "docs").mkdir(exist_ok=True)
    shutil.copyfile(ARTIFACTS / "demo-report.png", ROOT / "docs" / "screenshot.png")  # the README shows it
    page.assert_clean()


def test_hostile_input_stays_inert(opened):
    report = make_report(text_a=HOSTILE + "\n\n" + TEXT_A, title=HOSTILE, outlet=HOSTILE)
    page = opened(report, "hostile.html")
    p = page.page
    p.wait_for_timeout(200)  # give an injected onerror a chance to fire
    assert p.evaluate("window.__pwned") is None
    assert p.title() != "pwned"
    assert p.locator("img").count() == 0
    assert p.locator("a[href^='javascript:']").count() == 0
    assert p.locator("script").count() == 1
    assert "<script>window.__pwned=1" in p.locator("#s1-articles .text").first.inner_text()
    page.assert_clean()


def test_seeds_page_structure(opened, seeds_report, seeds_gold):
    page = opened(seeds_report, "seeds.html")
    p = page.page
    canonical = len(seeds_gold["stories"][0]) - sum(len(g) - 1 for g in seeds_gold["duplicates"])
    assert p.locator("section.story").count() == len(seeds_gold["stories"])
    assert p.locator("#s1-sources thead th[scope=col]").count() == canonical
    assert p.locator("#s1-sources td.copies", has_text="also published by").count() >= 1
    assert p.locator("#s1-articles details.removed li").count() >= 1
    page.assert_clean()


def test_seeds_findings(opened, seeds_report, seeds_gold):
    story = seeds_report.stories[0]
    missing = [name for name, found in (("comparisons", story.comparisons), ("quotes", story.quotes),
                                        ("framing", story.framing)) if not found]
    if missing:
        pytest.skip(f"the pipeline does not fill {', '.join(missing)} yet")
    p = opened(seeds_report, "seeds.html").page
    if any(c["status"] == "conflict" for c in seeds_gold["comparisons"]):
        assert p.locator("#s1-claims tr.row-conflict").count() >= 1
    assert p.locator("#s1-quotes tbody tr").count() >= 1
    assert p.locator("#s1-framing table").count() >= 1
