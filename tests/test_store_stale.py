"""A large story an article joins is left stale: the add returns without its analysis, and a
read (or ``refresh``) gives what a fresh analysis of its documents gives."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from storydiff.settings import Settings
from storydiff.store import Store

LATE_FILE = "eastgate-times-strike.txt"  # an invented article that arrives after the others
# every story of the demo corpus holds more than this many characters: each one an article
# joins is "large" (the default, store_analyse_now_max_chars, is 20,000)
TINY = 1


def _arrived(demo_dir: Path) -> list[Path]:
    early = sorted(p for p in demo_dir.iterdir() if p.is_file() and p.name != LATE_FILE)
    return [*early, demo_dir / LATE_FILE]


@pytest.fixture(scope="module")
def fresh_stories(demo_dir):
    from storydiff.pipeline import analyze

    return analyze(_arrived(demo_dir)).stories


def _fresh_twin(fresh_stories, story):
    (twin,) = [s for s in fresh_stories if set(s.documents) == set(story.documents)]
    return twin


def _late_store(tmp_path: Path, demo_dir: Path, limit: int):
    arrived = _arrived(demo_dir)
    path = tmp_path / "late.db"
    with Store.open(path, Settings(store_analyse_now_max_chars=limit)) as store:
        store.ingest(arrived[:-1])
        before = {s.id: s for s in store.stories()}
        late = store.ingest(arrived[-1:])
    return path, late, before


def test_a_large_story_is_left_stale_by_the_add_and_read_as_a_fresh_analysis(tmp_path, demo_dir, fresh_stories):
    path, late, before = _late_store(tmp_path, demo_dir, TINY)
    (touched,) = late.touched
    assert late.deferred == {touched} and late.analysed_stories == 0 and late.added == 1
    with Store.open(path, readonly=True) as store:
        summary = {s.id: s for s in store.stories()}[touched]
        # the list follows the add (one more document), and says the analysis waits
        assert not summary.analysed and summary.stale and summary.documents == before[touched].documents + 1
        assert not any(s.stale for s in store.stories() if s.id != touched)
        assert store.counts()["dirty"] == 1
        # what the web app shows meanwhile: the analysis stored, over the documents it covers
        stored = store.report(touched, fresh=False)
        assert not any(d.source_path.endswith(LATE_FILE) for d in stored.documents)
        assert set(stored.stories[0].documents) == {d.id for d in stored.documents}
        # a read gives the fresh analysis, even read-only (analysed in memory, nothing written)
        read = store.report(touched)
        assert any(d.source_path.endswith(LATE_FILE) for d in read.documents)
        assert store.counts()["dirty"] == 1
    story = read.stories[0]
    assert story.model_dump(exclude={"id"}) == _fresh_twin(fresh_stories, story).model_dump(
        exclude={"id"}
    )
    # the add did the new article's own work: its parse is stored
    db = sqlite3.connect(path)
    (parse,) = db.execute("SELECT parse FROM documents WHERE json_extract(document, '$.source_path') LIKE ?",
                          (f"%{LATE_FILE}",)).fetchone()
    db.close()
    assert parse is not None

    with Store.open(path) as store:  # a writable store analyses it once, and keeps it
        again = store.report(touched)
        assert store.counts()["dirty"] == 0
        assert again.model_dump() == read.model_dump()
        assert not any(s.stale or not s.analysed for s in store.stories())


def test_refresh_analyses_what_waits_as_an_add_analysed_at_once_would(tmp_path, demo_dir):
    stale_path, late, _ = _late_store(tmp_path / "stale", demo_dir, TINY)
    now_path, now, _ = _late_store(tmp_path / "now", demo_dir, 0)
    assert late.deferred and not now.deferred and now.analysed_stories == 1
    with Store.open(stale_path) as store:
        assert store.refresh() == 1
        assert store.counts()["dirty"] == 0
        refreshed = {s.id: store.report(s.id) for s in store.stories()}
    with Store.open(now_path) as store:
        at_once = {s.id: store.report(s.id) for s in store.stories()}
    assert refreshed.keys() == at_once.keys()
    for sid in refreshed:
        assert refreshed[sid].stories[0].model_dump() == at_once[sid].stories[0].model_dump()
        assert refreshed[sid].documents == at_once[sid].documents


def test_a_repost_takes_the_stored_parse_of_its_text(tmp_path, demo_dir, monkeypatch):
    # the same clean text under another outlet (a copy): not parsed again, and its story's
    # analysis is the one analyze gives for the folder with the re-post
    import storydiff.store.analysis as analysis
    from storydiff.pipeline import analyze

    arrived = _arrived(demo_dir)
    repost = tmp_path / "repost.jsonl"
    with Store.open(tmp_path / "repost.db", Settings(parse_in_child_from=0)) as store:
        store.ingest(arrived)
        (stored,) = store._db.execute(
            "SELECT document FROM documents WHERE json_extract(document, '$.source_path') LIKE ?", (f"%{LATE_FILE}",)
        ).fetchone()
        original = json.loads(stored)
        repost.write_text(json.dumps({"id": "late-repost", "title": original["title"], "text": original["text"],
                                      "outlet": "Copydesk Wire", "published": original["published"]}) + "\n",
                          encoding="utf-8")
        parsed: list[str] = []
        real = analysis.parse_stories

        def counting(groups, *args):
            groups = [list(g) for g in groups]
            parsed.extend(text for g in groups for text in g)
            return real(groups, *args)

        monkeypatch.setattr(analysis, "parse_stories", counting)
        added = store.ingest([repost])
        assert (added.added, added.copies) == (1, 1)
        (touched,) = added.touched
        story = store.report(touched).stories[0]
    assert parsed == []  # its text's parse was in the store
    (twin,) = [s for s in analyze([*arrived, repost]).stories if set(s.documents) == set(story.documents)]
    assert story.model_dump(exclude={"id"}) == twin.model_dump(
        exclude={"id"}
    )


def test_cli_refresh(tmp_path, demo_dir):
    path, late, _ = _late_store(tmp_path, demo_dir, TINY)
    run = lambda *a: subprocess.run([sys.executable, "-m", "storydiff", *a], capture_output=True, text=True, timeout=300)  # noqa: E731
    first = run("refresh", "--store", str(path))
    assert first.returncode == 0, first.stderr
    assert "1 story analysed" in first.stderr
    second = run("refresh", "--store", str(path))
    assert second.returncode == 0 and "nothing waiting" in second.stderr
    missing = run("refresh", "--store", str(tmp_path / "none.db"))
    assert missing.returncode == 1 and "no such store" in missing.stderr and "Traceback" not in missing.stderr
