"""The corpus store: ingest is idempotent, resumable and incremental; stories and reports read it."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from storydiff.settings import Settings
from storydiff.store import Store, StoreError

LATE_FILE = "eastgate-times-strike.txt"  # an invented article that arrives after the others


def _inputs(demo_dir: Path, leave_out: str | None = None) -> list[Path]:
    return sorted(p for p in demo_dir.iterdir() if p.is_file() and p.name != leave_out)


def _snapshot(path: Path) -> dict:
    """Every table of the store, as rows (what "the same store" means)."""
    db = sqlite3.connect(path)
    tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    snapshot = {t: db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}
    db.close()
    return snapshot


def _stories_by_members(store: Store) -> dict[frozenset, object]:
    return {frozenset(s.documents): s for s in (store.report(x.id).stories[0] for x in store.stories())}


class _Interrupt(Exception):
    pass


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory, demo_dir):
    path = tmp_path_factory.mktemp("store") / "demo.db"
    with Store.open(path) as store:
        result = store.ingest([demo_dir])
    return path, result


def test_first_ingest_equals_the_batch_analysis(demo_store, demo_report):
    path, result = demo_store
    assert result.added == len(demo_report.documents)
    assert result.new_stories == result.analysed_stories == len(demo_report.stories)
    assert result.copies == sum(len(g.members) - 1 for g in demo_report.duplicate_groups)
    with Store.open(path, readonly=True) as store:
        stored = _stories_by_members(store)
        for story in demo_report.stories:
            twin = stored[frozenset(story.documents)]
            assert twin.model_dump() == story.model_dump()  # under the batch's id too
        report = store.report(stored[frozenset(demo_report.stories[0].documents)].id)
    groups = {g.canonical for g in demo_report.duplicate_groups if g.canonical in report.stories[0].documents}
    assert {g.canonical for g in report.duplicate_groups} == groups
    assert all(d.duplicate_of in groups for d in report.documents if d.duplicate_of)


def test_a_folder_ingested_in_small_chunks_is_grouped_as_analyze_groups_it(tmp_path, demo_dir, demo_report):
    from storydiff.storylines import kept_apart

    # a store's first ingest groups all its articles at once, whatever the chunks: the
    # batch's stories, under the batch's ids, with its kept-apart pairs
    with Store.open(tmp_path / "chunks.db") as store:
        result = store.ingest([demo_dir], chunk_size=3, analyse=False)
        assert store.counts()["dirty"] == len(demo_report.stories)
    assert result.touched == {s.id for s in demo_report.stories}
    db = sqlite3.connect(tmp_path / "chunks.db")
    members: dict[str, set[str]] = {}
    for doc_id, story in db.execute("SELECT id, story FROM documents"):
        members.setdefault(f"S{story}", set()).add(doc_id)
    apart = kept_apart(db.execute("SELECT 'S' || story, 'S' || other, document, score, reason FROM kept_apart").fetchall())
    db.close()
    assert members == {s.id: set(s.documents) for s in demo_report.stories}
    assert len(demo_report.stories) > 1
    assert apart == {s.id: s.kept_apart for s in demo_report.stories if s.kept_apart}


def test_second_ingest_adds_nothing(demo_store, demo_dir):
    path, first = demo_store
    before = _snapshot(path)
    with Store.open(path) as store:
        again = store.ingest([demo_dir])
    assert (again.added, again.new_stories, again.analysed_stories) == (0, 0, 0)
    assert again.already_stored == first.added
    assert _snapshot(path) == before


def test_a_late_article_updates_only_its_story(tmp_path, demo_dir, demo_report):
    path = tmp_path / "late.db"
    with Store.open(path) as store:
        store.ingest(_inputs(demo_dir, leave_out=LATE_FILE))
        before = {s.id: s for s in store.stories()}
        late = store.ingest([demo_dir / LATE_FILE])
        after = {s.id: s for s in store.stories()}
        stored = _stories_by_members(store)
    assert (late.added, late.new_stories, late.analysed_stories) == (1, 0, 1)
    changed = [sid for sid in after if after[sid].documents != before[sid].documents]
    assert len(changed) == 1
    # the story it joined is the batch's story of that article, and nothing else moved
    assert set(stored) == {frozenset(s.documents) for s in demo_report.stories}


@pytest.mark.parametrize("kept_parses", [400, 0], ids=["parses-kept-in-memory", "parses-read-back"])
def test_a_story_analysed_again_after_an_add_equals_a_fresh_analysis(tmp_path, demo_dir, monkeypatch, kept_parses):
    # the store re-analyses the story the late article joins from what it kept (the other
    # articles' parses, in memory or read back, their headlines' parses, their sentence
    # vectors): the same story as a fresh analysis of the same articles in the order they arrived
    from storydiff.pipeline import analyze
    from storydiff.store import parses

    headlines: list[str] = []

    class Recording:
        def __init__(self, nlp):
            self.vocab, self._nlp = nlp.vocab, nlp

        def pipe(self, texts):
            texts = list(texts)
            headlines.extend(texts)
            return self._nlp.pipe(texts)

    made = parses.StoredTitleParses.__init__
    monkeypatch.setattr(parses.StoredTitleParses, "__init__", lambda self, nlp, db, **keep: made(self, Recording(nlp), db, **keep))
    arrived = [*_inputs(demo_dir, leave_out=LATE_FILE), demo_dir / LATE_FILE]
    with Store.open(tmp_path / "late.db", Settings(store_kept_parses=kept_parses)) as store:
        store.ingest(arrived[:-1])
        headlines.clear()
        late = store.ingest(arrived[-1:])
        (touched,) = late.touched
        again = store.report(touched)
    (late_document,) = [d for d in again.documents if d.source_path.endswith(LATE_FILE)]
    assert headlines and {h.lower() for h in headlines} == {late_document.title.strip().lower()}  # only the new headline
    again = again.stories[0]
    assert len(again.documents) > 1
    (fresh,) = [s for s in analyze(arrived).stories if set(s.documents) == set(again.documents)]
    assert again.model_dump(exclude={"id"}) == fresh.model_dump(exclude={"id"})


@pytest.mark.parametrize("parse_in_child", [False, True], ids=["parse-here", "parse-in-child"])
def test_an_interrupted_ingest_resumes_to_the_same_store(tmp_path, demo_dir, parse_in_child):
    inputs = _inputs(demo_dir)
    settings = Settings(parse_in_child_from=1 if parse_in_child else 0)
    whole = tmp_path / "whole.db"
    with Store.open(whole, settings) as store:
        store.ingest(inputs, chunk_size=4)

    resumed = tmp_path / "resumed.db"

    def stop_after_two_chunks(stage: str, done: int, total: int) -> None:
        if stage == "read" and done >= 8:
            raise _Interrupt

    def stop_after_one_story(stage: str, done: int, total: int) -> None:
        if stage == "stories" and done == 1:
            raise _Interrupt

    for stop in (stop_after_two_chunks, stop_after_one_story):
        with Store.open(resumed, settings) as store, pytest.raises(_Interrupt):
            store.ingest(inputs, progress=stop, chunk_size=4)
    with Store.open(resumed, readonly=True) as store:
        assert 0 < store.counts()["dirty"] < store.counts()["stories"]  # it really stopped half-way
    with Store.open(resumed) as store:
        store.ingest(inputs, chunk_size=4)
    assert _snapshot(resumed) == _snapshot(whole)
    if parse_in_child:  # the same store as one parsed in process, but for the settings kept in meta
        here = tmp_path / "here.db"
        with Store.open(here, Settings(parse_in_child_from=0)) as store:
            store.ingest(inputs, chunk_size=4)
        without_meta = [{t: rows for t, rows in _snapshot(p).items() if t != "meta"} for p in (here, whole)]
        assert without_meta[0] == without_meta[1]


def test_an_older_article_arriving_later_does_not_join_a_story_outside_its_window(tmp_path):
    # three wordings of one invented event (rewrites, not copies)
    bodies = {
        "first": "Workers at the Brennach glassworks walked out on Monday over unpaid overtime, the Brennach "
        "Glassworkers Union said. Union secretary Ilse Varga said the strike would last until the owners "
        "of Brennach Glass paid what they owed. The company said talks would resume.",
        "older": "Brennach Glass staff stopped work in a row over overtime pay, according to the Brennach "
        "Glassworkers Union. Ilse Varga, who leads the union, said nobody would return before the money "
        "was paid. Managers at Brennach Glass promised new talks.",
        "near": "A strike over overtime pay halted the Brennach glassworks, where Ilse Varga's Brennach "
        "Glassworkers Union called members out. Brennach Glass said it expected to meet the union again "
        "and that the dispute could be settled soon.",
    }

    def article(name: str, day: str) -> dict:
        return {"id": name, "title": "Brennach glassworks strike", "text": bodies[name], "outlet": name, "published": day}

    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(article("first", "2025-06-20")) + "\n", encoding="utf-8")
    older = tmp_path / "older.jsonl"
    older.write_text(json.dumps(article("older", "2025-05-01")) + "\n", encoding="utf-8")
    near = tmp_path / "near.jsonl"
    near.write_text(json.dumps(article("near", "2025-06-18")) + "\n", encoding="utf-8")
    with Store.open(tmp_path / "s.db") as store:
        store.ingest([feed])
        older_result = store.ingest([older])
        assert (older_result.copies, older_result.new_stories) == (0, 1)  # 50 days earlier: another story
        near_result = store.ingest([near])
        assert (near_result.copies, near_result.new_stories) == (0, 0)  # 2 days earlier: the same story
        assert sorted(s.documents for s in store.stories()) == [1, 2]
    # the story's first day moved back two days, and so did every posting of it (the
    # candidate lookup filters postings by first day)
    db = sqlite3.connect(tmp_path / "s.db")
    days = db.execute("SELECT DISTINCT c.first_day, p.first_day FROM postings p JOIN clusters c USING (story)").fetchall()
    db.close()
    assert sorted(days) == [("2025-05-01", "2025-05-01"), ("2025-06-18", "2025-06-18")]


def test_store_errors(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        Store.open(tmp_path / "missing.db", readonly=True)
    not_a_store = tmp_path / "notes.db"
    not_a_store.write_text("these are my notes, not a database\n" * 50, encoding="utf-8")
    with pytest.raises(StoreError, match="not a storydiff store"):
        Store.open(not_a_store)


def test_readers_work_while_an_ingest_writes(demo_store):
    path, _ = demo_store
    writer = sqlite3.connect(path, isolation_level=None)
    # WAL is what lets readers go on past a writer's commit (a rollback journal locks them out)
    assert writer.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE stories SET headline = headline")
    try:
        with Store.open(path, readonly=True) as reader:
            assert reader.stories()
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "storydiff", *args], capture_output=True, text=True, timeout=300)


def test_cli_stories_and_report(demo_store, tmp_path, demo_report):
    path, _ = demo_store
    listed = _cli("stories", "--store", str(path), "--json")
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(rows) == len(demo_report.stories)
    conflicted = [r for r in rows if r["conflicts"] >= 1]
    assert conflicted and len(conflicted) < len(rows)

    filtered = _cli("stories", "--store", str(path), "--json", "--min-conflicts", "1")
    assert [json.loads(line)["id"] for line in filtered.stdout.splitlines()] == [r["id"] for r in conflicted]
    outlet = rows[0]["outlets"][0]
    by_outlet = _cli("stories", "--store", str(path), "--json", "--outlet", outlet.upper())
    assert all(outlet in json.loads(line)["outlets"] for line in by_outlet.stdout.splitlines())
    nothing = _cli("stories", "--store", str(path), "--json", "--text", "no headline says this")
    assert nothing.stdout == ""

    story = conflicted[0]["id"]
    html = tmp_path / "story.html"
    rendered = _cli("report", story, "--store", str(path), "--html", str(html), "--json", "-")
    assert rendered.returncode == 0, rendered.stderr
    report = json.loads(rendered.stdout)
    assert report["stories"][0]["id"] == story and html.read_text(encoding="utf-8").lower().startswith("<!doctype html>")

    unknown = _cli("report", "S999", "--store", str(path))
    assert unknown.returncode == 1 and unknown.stderr.count("\n") == 1 and "S999" in unknown.stderr
    missing = _cli("stories", "--store", str(tmp_path / "none.db"))
    assert missing.returncode == 1 and "no such store" in missing.stderr and "Traceback" not in missing.stderr


def test_cli_ingest_twice_says_nothing_new(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "Harbour ferry fares rise\n\nThe Tessaly ferry company raised fares by 8 percent on Monday, "
        "its spokeswoman Mara Quint said. Passengers' groups said the rise was the third this year.\n",
        encoding="utf-8",
    )
    store = tmp_path / "s.db"
    first = _cli("ingest", str(article), "--store", str(store))
    assert first.returncode == 0, first.stderr
    assert "added 1 article (0 copies of others)" in first.stderr
    second = _cli("ingest", str(article), "--store", str(store))
    assert second.returncode == 0 and "nothing new: 1 article already in the store" in second.stderr


def test_stored_sentence_vectors_spare_a_new_process_the_story_s_sentences(tmp_path, demo_dir, monkeypatch):
    from storydiff.embed import load_encoder

    built = tmp_path / "built.db"
    with Store.open(built) as store:
        store.ingest(_inputs(demo_dir, leave_out=LATE_FILE))
    encoder = load_encoder(Settings().sentence_model)
    encoded: list[str] = []
    encode = encoder._encode
    monkeypatch.setattr(encoder, "_encode", lambda texts: encoded.extend(texts) or encode(texts))

    def add_the_late_article(name: str, keep_vectors: bool) -> tuple[int, list]:
        path = tmp_path / name
        path.write_bytes(built.read_bytes())
        if not keep_vectors:
            with sqlite3.connect(path) as db:
                assert db.execute("DELETE FROM sentence_vectors").rowcount > 0
        encoder.forget()  # as in a new process
        encoded.clear()
        with Store.open(path) as store:
            store.ingest([demo_dir / LATE_FILE])
        return len(encoded), _snapshot(path)["stories"]

    with_vectors, stories = add_the_late_article("kept.db", keep_vectors=True)
    without_vectors, stories_again = add_the_late_article("dropped.db", keep_vectors=False)
    assert 0 < with_vectors < without_vectors  # only the new article's sentences
    assert stories == stories_again


def test_a_store_explains_its_stories_and_links_storylines_as_a_batch_does(tmp_path, settings, nlp):
    # invented articles: two look-alike shootings in two towns, two strikes led by one person
    from test_stories import BREAD, LOOKALIKE_A, LOOKALIKE_B, STRIKE_JUNE, STRIKE_MARCH, doc

    from storydiff.pipeline import analyze

    rows = [(LOOKALIKE_A, "2024-06-02"), (LOOKALIKE_B, "2024-06-02"), (STRIKE_MARCH, "2024-03-04"),
            (STRIKE_JUNE, "2024-06-13"), (BREAD, "2024-06-13")]
    folder = tmp_path / "in"
    folder.mkdir()
    for row, day in rows:
        d = doc(row, day)
        (folder / f"{d.id}.json").write_text(
            json.dumps({"id": d.id, "title": d.title, "text": d.text, "outlet": d.outlet, "published": day}),
            encoding="utf-8",
        )
    batch = analyze([folder])
    with Store.open(tmp_path / "s.db") as store:
        store.ingest([folder])
        stored = [store.report(s.id) for s in store.stories()]
    by_docs = {frozenset(r.stories[0].documents): r for r in stored}
    batch_id = {s.id: frozenset(s.documents) for s in batch.stories}
    store_id = {r.stories[0].id: frozenset(r.stories[0].documents) for r in stored}
    for story in batch.stories:
        report = by_docs[frozenset(story.documents)]
        twin = report.stories[0]
        assert twin.basis == story.basis
        assert [(store_id[k.story], k.reason) for k in twin.kept_apart] == [
            (batch_id[k.story], k.reason) for k in story.kept_apart
        ]
        line = next((x for x in batch.storylines if x.id == story.storyline), None)
        assert (twin.storyline is None) == (line is None)
        if line:
            (stored_line,) = report.storylines
            assert [store_id[s] for s in stored_line.stories] == [batch_id[s] for s in line.stories]
            assert stored_line.title == line.title
    assert len(batch.storylines) == 1
    assert sum(1 for s in batch.stories if s.kept_apart) == 2


def test_a_late_follow_up_joins_its_story_and_the_story_is_analysed_again(tmp_path):
    # invented: a shooting reported twice, then the charges three weeks later (past the
    # near window: it joins by the victim named in full and the town)
    from test_stories import FOLLOW_UP, SHOOTING, SHOOTING_NEXT_DAY, doc

    def write(row, day):
        d = doc(row, day)
        path = tmp_path / f"{d.id}.json"
        path.write_text(json.dumps({"id": d.id, "title": d.title, "text": d.text, "outlet": d.outlet,
                                    "published": day}), encoding="utf-8")
        return path

    first = [write(SHOOTING, "2024-03-09"), write(SHOOTING_NEXT_DAY, "2024-03-10")]
    late = write(FOLLOW_UP, "2024-03-30")
    with Store.open(tmp_path / "s.db") as store:
        store.ingest(first)
        (before,) = store.stories()
        result = store.ingest([late])
        (after,) = store.stories()
        report = store.report(after.id)
    assert (result.added, result.new_stories, result.analysed_stories) == (1, 0, 1)
    assert after.id == before.id and after.documents == 3
    assert report.stories[0].date_end == "2024-03-30"
    assert "Tobias Garrelt" in report.stories[0].basis.participants


# --- stories split and merged as later articles prove them two events, or one -------------
# invented articles: two shootings on one night (only the third report names the first
# one's town); a crash, the charge three weeks on, and the court hearing that ties them

LOOKALIKE_NIGHT = [
    ("wound-1", "Corlan Evening Post", "Two men wounded in late-night shooting at petrol station",
     "Two men were wounded in a shooting late Saturday at a petrol station, police said. Officers found the men, "
     "aged 19 and 23, on the forecourt shortly before midnight. Both were taken to hospital with injuries that are "
     "not life-threatening. Police said the shooter fled on foot and asked witnesses to call the tip line.",
     "2024-06-02"),
    ("wound-3", "Varrow Ledger", "Teenager wounded in shooting at party",
     "A 17-year-old was wounded in a shooting at a birthday party late Saturday in Brennock, police said. Officers "
     "found the teenager shortly before midnight at the home of Mira Holt on Tarn Lane. The teenager was taken to "
     "hospital and is expected to recover. Holt said the shooter fled, and Greyford detectives asked witnesses to call.",
     "2024-06-03"),
    ("wound-2", "Ashbury Herald", "Two wounded in late-night shooting at Ashbury petrol station",
     "Two men were wounded in a shooting late Saturday at a petrol station in Ashbury, police said. Officers found "
     "the men, aged 19 and 23, on the forecourt shortly before midnight. Both were taken to hospital with injuries "
     "that are not life-threatening, and the shooter fled on foot.", "2024-06-02"),
]
CRASH_CASE = [
    ("crash-a", "Tarrow Courier", "Schoolgirl hurt as car mounts pavement in Quenby",
     "A nine-year-old girl was badly hurt on Tuesday when a car mounted the pavement outside a school in Quenby. "
     "The girl, Lia Brandt, was taken to hospital by air ambulance. Brandt had been waiting for her mother at the "
     "school gate when the car left the road.", "2024-09-03"),
    ("crash-b", "Tarrow Courier", "Driver charged after car mounts pavement and hurts schoolgirl",
     "A driver was charged on Monday after a car mounted the pavement outside a school and badly hurt a "
     "nine-year-old girl. Prosecutors said Oren Vasquez was using his phone when the car left the road. Vasquez "
     "denies the charge. The girl, Lia Brandt, was waiting at the school gate; Brandt is recovering at home.",
     "2024-09-23"),
    ("crash-c", "Quenby Post", "Driver in court over Quenby school crash that hurt girl",
     "A driver appeared in court in Quenby on Tuesday charged over a crash in which a car mounted the pavement "
     "outside a school and badly hurt a nine-year-old girl. Oren Vasquez, who denies the charge, was using his "
     "phone, prosecutors said. Vasquez was bailed. Lia Brandt, the girl, is recovering; Brandt was waiting at the "
     "school gate.", "2024-09-24"),
]


def _one_by_one(tmp_path: Path, rows) -> tuple[list, list, list]:
    """Ingest the articles one at a time: the store's stories after each (as document
    sets), the last ingest's result, and ``analyze`` over the same folder."""
    from storydiff.pipeline import analyze

    folder = tmp_path / "in"
    folder.mkdir()
    paths = []
    for doc_id, outlet, title, text, day in rows:
        path = folder / f"{doc_id}.json"
        path.write_text(json.dumps({"id": doc_id, "title": title, "text": text, "outlet": outlet,
                                    "published": day}), encoding="utf-8")
        paths.append(path)
    steps, results = [], []
    with Store.open(tmp_path / "s.db") as store:
        for path in paths:
            results.append(store.ingest([path]))
            steps.append(sorted(sorted(store.report(s.id).stories[0].documents) for s in store.stories()))
        reports = [store.report(s.id) for s in store.stories()]
        assert store.counts()["dirty"] == 0
    batch = analyze([folder])
    return steps, results, [reports, batch]


def test_a_story_that_later_reports_prove_two_events_is_split(tmp_path):
    steps, results, (reports, batch) = _one_by_one(tmp_path, LOOKALIKE_NIGHT)
    # the party shooting names its town, the first report none: one story, until the
    # second report of the first shooting names its town
    assert steps[1] == [["wound-1", "wound-3"]]
    assert steps[2] == [["wound-1", "wound-2"], ["wound-3"]]
    assert steps[2] == sorted(sorted(s.documents) for s in batch.stories)
    assert (results[2].new_stories, len(results[2].touched)) == (1, 2)
    # both stories analysed again: each analysis holds only its own documents
    for report in reports:
        assert {d.id for d in report.documents} == set(report.stories[0].documents)
        assert sorted(report.stories[0].documents) in steps[2]


def test_two_stories_that_a_later_report_proves_one_event_are_merged(tmp_path):
    steps, results, (reports, batch) = _one_by_one(tmp_path, CRASH_CASE)
    # the charge came three weeks on, naming only the girl of the first story's people
    assert steps[1] == [["crash-a"], ["crash-b"]]
    # the hearing names both people and the town: the two stories are one event
    assert steps[2] == [["crash-a", "crash-b", "crash-c"]]
    assert steps[2] == sorted(sorted(s.documents) for s in batch.stories)
    assert results[2].new_stories == -1 and results[2].touched == {reports[0].stories[0].id}
    (report,) = reports
    assert report.stories[0].date_start == "2024-09-03" and report.stories[0].date_end == "2024-09-24"
    assert "Lia Brandt" in report.stories[0].basis.participants
