"""Failures isolated per story (issue 17): a stage that raises, or a text spaCy cannot
parse, costs its own story's analysis only; the story is reported with ``errors``, the
run goes on and says so; in a store, such a story waits for new documents before it is
tried again. Also: store queries are checked, and text search is literal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storydiff import analyze, pipeline
from storydiff.cli import PARTIAL_EXIT, app
from storydiff.model import StoryError
from storydiff.store import Store, StoreError

# two invented events, two wordings each (rewrites, not copies)
ARTICLES = [
    {"id": "strike-a", "outlet": "Brennach Post", "published": "2025-06-20", "title": "Brennach glassworks strike",
     "text": "Workers at the Brennach glassworks walked out on Monday over unpaid overtime, the Brennach "
     "Glassworkers Union said. Union secretary Ilse Varga said 240 workers would stay out until the owners "
     "of Brennach Glass paid what they owed. The company said talks would resume on Friday."},
    {"id": "strike-b", "outlet": "Valley Ledger", "published": "2025-06-21", "title": "Glassworks strike goes on",
     "text": "About 250 staff of Brennach Glass stopped work in a row over overtime pay, according to the Brennach "
     "Glassworkers Union. Ilse Varga, who leads the union, said nobody would return before the money was "
     "paid. Managers at Brennach Glass promised new talks for Friday."},
    {"id": "ferry-a", "outlet": "Tessaly Times", "published": "2025-03-03", "title": "Tessaly ferry fares rise 50%",
     "text": "The Tessaly ferry company raised fares by 8 percent on Monday, its spokeswoman Mara Quint said. "
     "Passengers' groups said the rise was the third this year and called for a boycott of the morning boats."},
    {"id": "ferry-b", "outlet": "Harbour Voice", "published": "2025-03-04", "title": "Ferry fares up again",
     "text": "Ferry tickets in Tessaly cost 8 percent more from Monday, spokeswoman Mara Quint of the Tessaly "
     "ferry company confirmed. Passenger groups called it the third rise of the year and want a boycott."},
]


def write_feed(folder: Path, articles: list[dict], name: str = "feed.jsonl") -> Path:
    path = folder / name
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def broken(*_args, **_kwargs):
    raise RuntimeError("claims exploded")


def test_a_failing_stage_is_reported_and_the_other_stages_still_run(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "extract_claims", broken)
    report = analyze([write_feed(tmp_path, ARTICLES)])
    assert len(report.stories) == 2 and len(report.documents) == 4
    for story in report.stories:
        assert story.errors == [StoryError(stage="claims", message="RuntimeError: claims exploded")]
        assert story.entities and not story.claims and not story.comparisons


def test_a_clean_run_has_no_errors(tmp_path):
    report = analyze([write_feed(tmp_path, ARTICLES)])
    assert all(story.errors == [] for story in report.stories)
    assert any(story.claims for story in report.stories)


def break_parser(nlp, monkeypatch, word: str) -> dict:
    """Make spaCy raise on any text holding ``word``, whether it parses a stream or one
    text; the switch returned turns the fault off (``["on"] = False``)."""
    real_pipe, real_call = nlp.pipe, type(nlp).__call__
    switch = {"on": True}

    def pipe(texts, **kwargs):  # lazily, one text at a time, as a stream that breaks
        for text in texts:
            if switch["on"] and word in text:
                raise ValueError("cannot parse this")
            yield from real_pipe([text])

    def call(self, text, *args, **kwargs):
        if switch["on"] and word in text:
            raise ValueError("cannot parse this")
        return real_call(self, text, *args, **kwargs)

    monkeypatch.setattr(nlp, "pipe", pipe)
    monkeypatch.setattr(type(nlp), "__call__", call)
    return switch


def test_a_story_whose_texts_spacy_cannot_parse_costs_only_that_story(tmp_path, monkeypatch, nlp):
    break_parser(nlp, monkeypatch, "Tessaly")
    report = analyze([write_feed(tmp_path, ARTICLES)])
    by_first = {story.documents[0][:5]: story for story in report.stories}
    assert by_first["ferry"].errors == [
        StoryError(stage="parse", message="ValueError: cannot parse this", document=d) for d in ("ferry-a", "ferry-b")
    ]
    assert by_first["strik"].errors == [] and by_first["strik"].entities


def test_cli_exit_status_and_summary_say_that_stories_failed(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "extract_claims", broken)
    out = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["analyze", str(write_feed(tmp_path, ARTICLES)), "--json", str(out)])
    assert result.exit_code == PARTIAL_EXIT
    assert "2 stories, 2 with failed stages" in result.stderr and "Traceback" not in result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [s["errors"][0]["stage"] for s in report["stories"]] == ["claims", "claims"]


def test_store_keeps_a_failed_story_until_its_documents_change(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "extract_claims", broken)
    feed = write_feed(tmp_path, ARTICLES[:1] + ARTICLES[2:])
    with Store.open(tmp_path / "s.db") as store:
        first = store.ingest([feed])
        assert sorted(first.failed) == ["S1", "S2"]
        assert all(s.errors == 1 and s.analysed for s in store.stories())
        again = store.ingest([feed])  # nothing changed: not tried again
        assert again.analysed_stories == 0 and again.failed == []
        monkeypatch.undo()
        joined = store.ingest([write_feed(tmp_path, [ARTICLES[1]], "late.jsonl")])  # a strike article joins S?
        assert joined.analysed_stories == 1 and joined.failed == []
        errors = {s.headline: s.errors for s in store.stories()}
        assert sorted(errors.values()) == [0, 1]


def test_store_queries_are_checked_and_text_is_literal(tmp_path):
    with Store.open(tmp_path / "s.db") as store:
        store.ingest([write_feed(tmp_path, ARTICLES)])
    with Store.open(tmp_path / "s.db", readonly=True) as store:
        with pytest.raises(StoreError, match="--since 'not-a-date': not a date"):
            store.stories(since="not-a-date")
        with pytest.raises(StoreError, match="not a date"):
            store.stories(until="2024-13-45")
        with pytest.raises(StoreError, match="min_sources -1"):
            store.stories(min_sources=-1)
        assert len(store.stories(since="2025-06-01")) == 1
        assert store.stories(text="%") != [] and len(store.stories(text="%")) == 1  # the "50%" title only
        assert store.stories(text="_") == []
        assert store.stories(text="50%") and not store.stories(text="5_%")


def test_cli_bad_query_is_one_line(tmp_path):
    with Store.open(tmp_path / "s.db") as store:
        store.ingest([write_feed(tmp_path, ARTICLES[:2])])
    result = CliRunner().invoke(app, ["stories", "--store", str(tmp_path / "s.db"), "--since", "not-a-date"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "storydiff: error: --since 'not-a-date': not a date (YYYY-MM-DD)"


# --- one document, not the whole story ----------------------------------------------------

# a third article of the strike story, which the monkeypatched stages below choke on
ODD_STRIKE = {
    "id": "strike-odd", "outlet": "Kettle Gazette", "published": "2025-06-21", "title": "Brennach glassworks dispute",
    "text": "Brennach Glass workers kept up their strike over overtime pay on Tuesday, the Brennach Glassworkers "
    "Union said. Union secretary Ilse Varga said the walkout would go on until the owners paid. Zorblat.",
}
ODD_WORD = "Zorblat"


def choke_on_odd(real):
    """``real``, except that it raises when one of its documents holds ``ODD_WORD``."""

    def step(docs, *args, **kwargs):
        if any(ODD_WORD in d.text for d in docs):
            raise RuntimeError("odd input")
        return real(docs, *args, **kwargs)

    return step


def strike_story(report):
    [story] = [s for s in report.stories if "strike-a" in s.documents]
    return story


def test_a_stage_failing_on_one_document_costs_that_document_only(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "extract_claims", choke_on_odd(pipeline.extract_claims))
    report = analyze([write_feed(tmp_path, ARTICLES + [ODD_STRIKE])])
    story = strike_story(report)
    assert story.documents == ["strike-a", "strike-b", "strike-odd"]
    assert story.errors == [StoryError(stage="claims", message="RuntimeError: odd input", document="strike-odd")]
    # the story's other articles keep their findings, the odd one is left out of them
    assert story.claims and {c.doc for c in story.claims} <= {"strike-a", "strike-b"}
    assert story.entities and story.quotes
    assert all(s.errors == [] for s in report.stories if s is not story)


def test_a_text_spacy_cannot_parse_costs_only_its_document(tmp_path, monkeypatch, nlp):
    break_parser(nlp, monkeypatch, ODD_WORD)
    report = analyze([write_feed(tmp_path, ARTICLES + [ODD_STRIKE])])
    story = strike_story(report)
    assert story.errors == [StoryError(stage="parse", message="ValueError: cannot parse this", document="strike-odd")]
    assert story.entities and story.claims
    assert "strike-odd" not in {c.doc for c in story.claims}


def test_store_ingest_goes_on_past_a_text_spacy_cannot_parse(tmp_path, monkeypatch, nlp):
    """The parse stream of an ingest breaks on one text: the ingest goes on, the story is
    stored with the error and retried only when its documents change."""
    broken_parser = break_parser(nlp, monkeypatch, ODD_WORD)
    feed = write_feed(tmp_path, [ODD_STRIKE] + ARTICLES)
    cli = CliRunner().invoke(app, ["ingest", str(feed), "--store", str(tmp_path / "s.db")])
    assert cli.exit_code == PARTIAL_EXIT and "Traceback" not in cli.stderr
    assert "the analysis failed in part" in cli.stderr and "added 5 articles" in cli.stderr
    with Store.open(tmp_path / "s.db") as store:
        [failed] = [s.id for s in store.stories() if s.errors]
        report = store.report(failed)
        assert report.stories[0].errors == [
            StoryError(stage="parse", message="ValueError: cannot parse this", document="strike-odd")
        ]
        assert report.stories[0].claims  # the other strike articles are analysed
        assert store.counts()["dirty"] == 0
        again = store.ingest([feed])  # nothing changed: not tried again
        assert again.analysed_stories == 0
        broken_parser["on"] = False  # (a fixed spaCy) and a new article joins the story
        late = dict(ARTICLES[1], id="strike-late", outlet="Ridge Courier", text=ARTICLES[1]["text"] + " Talks failed.")
        joined = store.ingest([write_feed(tmp_path, [late], "late.jsonl")])
        assert joined.failed == [] and joined.analysed_stories == 1
        assert store.report(failed).stories[0].errors == []
