"""The scale-benchmark corpus generator (benchmarks/make_corpus.py) on a tiny corpus made
from ../shared/corpora: gold structure, determinism, and that storydiff reads every line."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
sys.path.insert(0, str(ROOT / "benchmarks"))

SIZE = 60


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    if not (CORPORA / "basil" / "articles").is_dir() or not (CORPORA / "polnear" / "data").is_dir():
        pytest.skip("../shared/corpora (BASIL and PolNeAR) is not present")
    import make_corpus

    out = tmp_path_factory.mktemp("corpus") / "tiny.jsonl"
    lines, gold_path, kinds = make_corpus.write_corpus(out, SIZE, corpora=CORPORA)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert gold["kinds"] == kinds
    return lines, gold


def test_gold_describes_every_article(corpus):
    lines, gold = corpus
    records = [json.loads(line) for line in lines.read_text(encoding="utf-8").splitlines()]
    articles = gold["articles"]
    assert len(records) == SIZE == gold["size"] == sum(gold["kinds"].values())
    assert [r["id"] for r in records] == list(articles)  # same ids, same order, all distinct
    assert len(set(articles)) == SIZE
    by_id = {r["id"]: r for r in records}
    for doc_id, entry in articles.items():
        assert set(entry) == {"story", "kind", "copy_of", "source"}
        record = by_id[doc_id]
        assert record["text"].strip() and record["title"] and record["outlet"] and record["published"]
        if entry["kind"] in ("original", "rewrite"):
            assert entry["copy_of"] is None
        else:
            # a copy copies an original of its own story, published no later, from another outlet
            original = articles[entry["copy_of"]]
            assert original["kind"] == "original" and original["story"] == entry["story"]
            assert by_id[entry["copy_of"]]["published"] <= record["published"]
            assert by_id[entry["copy_of"]]["outlet"] != record["outlet"]
        if entry["kind"] == "repost":
            assert record["text"] == by_id[entry["copy_of"]]["text"]
    kinds = Counter(e["kind"] for e in articles.values())
    assert set(kinds) == {"original", "repost", "boilerplate_repost", "near_copy", "rewrite"}
    assert 0.2 <= kinds["original"] / SIZE <= 0.5


def test_instances_of_one_article_are_not_near_duplicates():
    if not (CORPORA / "basil" / "articles").is_dir():
        pytest.skip("../shared/corpora is not present")
    import random

    import make_corpus

    events = make_corpus.load_events(CORPORA)
    source = max((s for e in events[:20] for s in e.sources), key=lambda s: len(s.sentences))
    rng = random.Random(1)
    for _ in range(15):
        view = make_corpus._new_view(source, rng)
        assert view is not None
        source.views.append(view)
    assert source.views[0] == source.full  # the first instance is the whole article
    for i, a in enumerate(source.views):
        for b in source.views[:i]:
            assert make_corpus._overlap(source, a, b) <= make_corpus.MAX_VIEW_OVERLAP


def test_stories_share_a_date_window(corpus):
    lines, gold = corpus
    days: dict[str, list[str]] = {}
    for line in lines.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        days.setdefault(gold["articles"][record["id"]]["story"], []).append(record["published"][:10])
    from datetime import date

    for story_days in days.values():
        spread = date.fromisoformat(max(story_days)) - date.fromisoformat(min(story_days))
        assert spread.days <= 4  # storydiff's story window


def test_deterministic_and_a_prefix_of_larger_corpora(corpus, tmp_path):
    import make_corpus

    lines, _ = corpus
    larger, _, _ = make_corpus.write_corpus(tmp_path / "larger.jsonl", SIZE + 25, corpora=CORPORA)
    assert larger.read_text(encoding="utf-8").splitlines()[:SIZE] == lines.read_text(encoding="utf-8").splitlines()


def test_read_by_storydiff_with_nothing_skipped(corpus):
    from storydiff.pipeline import load_documents

    lines, gold = corpus
    docs, skipped = load_documents([lines])
    assert skipped == []
    assert [d.id for d in docs] == list(gold["articles"])
    # boilerplate re-posts lose their debris in cleaning: the body is the original's
    by_id = {d.id: d for d in docs}
    for doc_id, entry in gold["articles"].items():
        if entry["kind"] == "boilerplate_repost":
            assert by_id[doc_id].removed, doc_id
