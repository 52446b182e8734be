"""Shared fixtures. Real-text fixtures read ../shared at run time and skip when it is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storydiff.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEMO_DIR = ROOT / "examples" / "demo"
DEMO_GOLD = ROOT / "examples" / "demo-gold.json"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def nlp(settings):
    from storydiff.nlp import load_spacy

    return load_spacy(settings)


@pytest.fixture(scope="session")
def encoder(settings):
    from storydiff.embed import load_encoder

    return load_encoder(settings.sentence_model)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip("../shared/seeds is not present")
    return path


@pytest.fixture(scope="session")
def seeds_gold() -> dict:
    path = SHARED / "eval" / "seeds-gold.json"
    if not path.is_file():
        pytest.skip("../shared/eval/seeds-gold.json is not present")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    if not DEMO_DIR.is_dir():
        pytest.skip("examples/demo is not written yet")
    return DEMO_DIR


@pytest.fixture(scope="session")
def demo_gold() -> dict:
    if not DEMO_GOLD.is_file():
        pytest.skip("examples/demo-gold.json is not written yet")
    return json.loads(DEMO_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seeds_report(seeds_dir):
    """The full analysis of the seeds, computed once per test session."""
    from storydiff import analyze

    return analyze([seeds_dir])


@pytest.fixture(scope="session")
def demo_report(demo_dir):
    """The full analysis of the demo corpus, computed once per test session."""
    from storydiff import analyze

    return analyze([demo_dir])


@pytest.fixture(scope="session")
def demo_analysis(request):
    """(the demo's report, its gold), skipping when the pipeline cannot read the demo yet."""
    try:
        return request.getfixturevalue("demo_report"), request.getfixturevalue("demo_gold")
    except NotImplementedError:
        pytest.skip("the pipeline cannot read the demo yet")


@pytest.fixture(scope="module")
def site():
    """The local site of invented outlets (tests/local_site.py), running for one module."""
    from helpers import FAST
    from local_site import Site

    running = Site(hang_seconds=FAST.watch_timeout * 3).start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def watched_site(site, tmp_path_factory):
    """One watch pass over the local site: (store path, result, the requests each outlet saw)."""
    from helpers import FAST
    from storydiff.watch import watch

    store = tmp_path_factory.mktemp("watch") / "news.db"
    result = watch(site.feeds(), store, FAST)
    requests = {o.key: list(o.requests) for o in site.outlets}
    return store, result, requests


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session: Playwright's sync API runs an event loop
    in this thread, and a second one (another module's fixture) refuses to start inside it."""
    from test_browser import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium): browser tests skipped")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()
