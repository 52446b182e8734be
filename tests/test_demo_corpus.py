"""Validates examples/demo-gold.json against the raw files of examples/demo/.

The gold is what acceptance checks compare the tool with, so a gold string that is not in
its document (a typo, an edited article) would make a correct tool look wrong. These tests
read only the raw files: they check the gold, not storydiff.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "fixtures" / "bad"
DASHES = "–—-"


def load_raw(demo_dir: Path) -> dict[str, str]:
    """Document id -> raw text: a file's content, or a JSON-lines record's fields joined."""
    raw: dict[str, str] = {}
    for path in sorted(demo_dir.iterdir()):
        if path.suffix in {".txt", ".html"}:
            assert path.stem not in raw, f"duplicate id {path.stem}"
            raw[path.stem] = path.read_text(encoding="utf-8")
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    record = json.loads(line)
                    assert record["id"] not in raw, f"duplicate id {record['id']}"
                    raw[record["id"]] = "\n".join(str(v) for v in record.values())
        else:
            pytest.fail(f"unexpected file in the demo corpus: {path.name}")
    return raw


def jsonl_records(demo_dir: Path) -> dict[str, dict]:
    records = {}
    for path in demo_dir.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                records[record["id"]] = record
    return records


@pytest.fixture(scope="module")
def raw(demo_dir) -> dict[str, str]:
    return load_raw(demo_dir)


def referenced_ids(gold: dict) -> set[str]:
    """Every document id the gold mentions anywhere."""
    ids: set[str] = set()
    for group in gold["duplicates"] + gold["stories"]:
        ids.update(group)
    for quote in gold["quotes"]:
        ids.update(quote["docs"])
    for conflict in gold["quote_conflicts"]:
        ids.update(conflict["speakers"])
    for comparison in gold["comparisons"]:
        ids.update(comparison["values"])
        ids.update(comparison.get("evidence", {}))
    for omission in gold["omissions"]:
        ids.update(omission["reported_by"] + omission["missing_from"])
    for label in gold["labels"]:
        ids.add(label["doc"])
    for pair in gold["no_conflict"]:
        ids.update(pair["docs"])
    return ids


def test_gold_documents_are_exactly_the_corpus(raw, demo_gold):
    assert set(demo_gold["documents"]) == set(raw)


def test_every_referenced_id_exists(raw, demo_gold):
    unknown = referenced_ids(demo_gold) - set(raw)
    assert not unknown, f"gold names documents that are not in the corpus: {sorted(unknown)}"


def test_corpus_size_and_variety(raw, demo_gold, demo_dir):
    assert len(raw) >= 12
    outlets = {d["outlet"] for d in demo_gold["documents"].values()}
    assert len(outlets) >= 5
    suffixes = {p.suffix for p in demo_dir.iterdir()}
    assert {".txt", ".html", ".jsonl"} <= suffixes


def test_stories_partition_the_corpus(raw, demo_gold):
    stories = demo_gold["stories"]
    flat = [d for story in stories for d in story]
    assert len(flat) == len(set(flat)), "a document is in two stories"
    assert set(flat) == set(raw)
    story_of = {d: i for i, story in enumerate(stories) for d in story}
    for group in demo_gold["duplicates"]:
        assert len({story_of[d] for d in group}) == 1, f"copies {group} are split across stories"


def test_items_stay_inside_one_story(demo_gold):
    """A comparison, omission or quote conflict compares documents of one story only."""
    story_of = {d: i for i, story in enumerate(demo_gold["stories"]) for d in story}
    groups = (
        [list(c["values"]) for c in demo_gold["comparisons"]]
        + [o["reported_by"] + o["missing_from"] for o in demo_gold["omissions"]]
        + [list(q["speakers"]) for q in demo_gold["quote_conflicts"]]
        + [p["docs"] for p in demo_gold["no_conflict"]]
    )
    for docs in groups:
        assert len({story_of[d] for d in docs}) == 1, docs


def test_boilerplate_occurs_in_raw_file(raw, demo_gold):
    for doc_id, meta in demo_gold["documents"].items():
        for piece in meta["boilerplate"]:
            assert piece in raw[doc_id], f"{doc_id}: boilerplate not in file: {piece!r}"


def test_metadata_occurs_in_raw_file(raw, demo_gold):
    for doc_id, meta in demo_gold["documents"].items():
        for field in ("title", "author", "outlet"):
            if meta.get(field):
                assert meta[field] in raw[doc_id], f"{doc_id}: {field} {meta[field]!r} not in file"


def test_dateline_opens_the_body(raw, demo_gold):
    for doc_id, meta in demo_gold["documents"].items():
        pattern = re.compile(rf"(^|\n|>){re.escape(meta['dateline'])} [{DASHES}] ")
        assert pattern.search(raw[doc_id]), f"{doc_id}: no '{meta['dateline']} –' dateline"


def test_published_matches_the_source(raw, demo_gold, demo_dir):
    records = jsonl_records(demo_dir)
    for doc_id, meta in demo_gold["documents"].items():
        path = demo_dir / f"{doc_id}.html"
        if path.is_file():
            found = re.search(r'property="article:published_time" content="([^"]+)"', raw[doc_id])
            assert found and found.group(1) == meta["published"], doc_id
        elif doc_id in records:
            assert records[doc_id]["published"] == meta["published"], doc_id


def test_wire_copies_differ_only_by_boilerplate(raw, demo_gold):
    """Removing the gold boilerplate from each copy leaves the same body: the list is complete."""
    for group in demo_gold["duplicates"]:
        bodies = set()
        for doc_id in group:
            text = raw[doc_id]
            # longest first, so a title line is not removed from inside its breadcrumb
            for piece in sorted(demo_gold["documents"][doc_id]["boilerplate"], key=len, reverse=True):
                text = text.replace(piece, " ")
            bodies.add(" ".join(text.split()))
        assert len(bodies) == 1, f"copies {group} differ beyond their boilerplate"


def test_quotes_occur_in_their_documents(raw, demo_gold):
    for quote in demo_gold["quotes"]:
        assert quote["docs"], quote
        for doc_id in quote["docs"]:
            assert quote["contains"] in raw[doc_id], f"{doc_id}: quote not found: {quote['contains']!r}"
            surname = quote["speaker"].split()[-1]
            assert surname in raw[doc_id], f"{doc_id}: speaker {quote['speaker']} never named"


def test_quote_conflicts_occur_with_different_speakers(raw, demo_gold):
    for conflict in demo_gold["quote_conflicts"]:
        assert len(set(conflict["speakers"].values())) >= 2, conflict
        for doc_id, speaker in conflict["speakers"].items():
            assert conflict["contains"] in raw[doc_id], doc_id
            assert speaker.split()[-1] in raw[doc_id], (doc_id, speaker)


def test_comparison_evidence_occurs(raw, demo_gold):
    for comparison in demo_gold["comparisons"]:
        assert comparison["status"] in {"agree", "compatible", "conflict"}
        assert len(comparison["values"]) >= 2, comparison["topic"]
        for doc_id, evidence in comparison.get("evidence", {}).items():
            assert doc_id in comparison["values"], (comparison["topic"], doc_id)
            assert evidence in raw[doc_id], f"{comparison['topic']}: {doc_id}: {evidence!r}"
        if comparison["status"] == "conflict":
            values = {v for v in comparison["values"].values()}
            assert len(values) >= 2, comparison["topic"]


def test_omissions_are_consistent(demo_gold):
    for omission in demo_gold["omissions"]:
        assert omission["reported_by"] and omission["missing_from"]
        assert not set(omission["reported_by"]) & set(omission["missing_from"]), omission["fact"]


def test_labels_occur_in_their_documents(raw, demo_gold):
    entity_names = {e["name"] for e in demo_gold["entities"]}
    for label in demo_gold["labels"]:
        assert label["voice"] in {"narrator", "quoted", "attributed"}
        assert label["entity"] in entity_names, label
        assert label["term"] in raw[label["doc"]], f"{label['doc']}: label not found: {label['term']!r}"


def test_attributed_label_is_inside_quotation_marks(raw, demo_gold):
    for label in demo_gold["labels"]:
        if label["voice"] == "attributed":
            text = raw[label["doc"]]
            assert re.search(rf"[\"“‘']{re.escape(label['term'])}[\"”’']", text), label


def test_entity_names_occur_in_the_corpus(raw, demo_gold):
    corpus = "\n".join(raw.values())
    for entity in demo_gold["entities"]:
        for name in entity["must_merge"] + entity["must_not_merge"]:
            assert name in corpus, f"{entity['name']}: {name!r} is nowhere in the corpus"
        assert not set(entity["must_merge"]) & set(entity["must_not_merge"]), entity["name"]


def test_raw_helper_catches_a_wrong_string(raw):
    """The checks above are only worth something if a missing string is noticed."""
    assert "Interior Minister Ana Valdorr" not in "\n".join(raw.values())


# --- the deliberately broken inputs -----------------------------------------------------


def test_bad_fixtures_are_bad():
    assert (BAD / "empty.txt").stat().st_size == 0
    assert b"\x00" in (BAD / "image.txt").read_bytes()
    with pytest.raises((EOFError, OSError)):
        gzip.decompress((BAD / "broken.jsonl.gz").read_bytes())
    lines = (BAD / "bad.jsonl").read_text(encoding="utf-8").splitlines()
    parsed = []
    for line in lines:
        try:
            parsed.append(json.loads(line))
        except json.JSONDecodeError:
            parsed.append(None)
    assert parsed.count(None) == 1 and len([p for p in parsed if p]) == 1
    nav = (BAD / "nav-only.html").read_text(encoding="utf-8")
    assert "<nav" in nav and "<p>" not in nav
    assert len((BAD / "ok.txt").read_text(encoding="utf-8").split()) > 80
