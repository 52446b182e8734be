"""A store's first ingest against ``analyze``: the same stories, under the same ids?

    python benchmarks/store_vs_analyze.py --corpus benchmarks/out/corpus-100000.jsonl --limit 10000

Reads the first ``--limit`` articles, groups them as ``analyze`` does (read, clean, copies,
stories: ``pipeline.link_documents``, no analysis) and ingests them into a new store
(``analyse=False``, chunks of ``--chunk-size``), then compares the stories as document
sets and as (id, document set) pairs, and prints every story that differs with the
store's stories holding its documents. A store keeps one of several articles with the
same outlet, title and clean text (``store.content_hash``); ``analyze`` keeps them all as
copies, so such an article is a difference by design.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from storydiff.model import Skipped
from storydiff.nlp import load_spacy
from storydiff.pipeline import clean_or_skip, link_documents
from storydiff.read import read_inputs
from storydiff.settings import Settings
from storydiff.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True, help="JSON lines (make_corpus.py)")
    parser.add_argument("--limit", type=int, default=10000)
    parser.add_argument("--chunk-size", type=int, default=1000)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="storydiff-vs-"))
    articles = work / "articles.jsonl"
    with args.corpus.open(encoding="utf-8") as handle:
        articles.write_text("".join(line for _, line in zip(range(args.limit), handle)), encoding="utf-8")
    settings = Settings()
    nlp = load_spacy(settings)

    started = time.perf_counter()
    read = (
        item if isinstance(item, Skipped) else clean_or_skip(item, settings) for item in read_inputs([articles], settings)
    )
    documents = [d for d in read if not isinstance(d, Skipped)]
    documents, groups, stories = link_documents(documents, settings, nlp)
    batch_seconds = time.perf_counter() - started

    started = time.perf_counter()
    with Store.open(work / "store.db", settings) as store:
        store.ingest([articles], analyse=False, chunk_size=args.chunk_size)
    store_seconds = time.perf_counter() - started
    db = sqlite3.connect(work / "store.db")
    stored: dict[str, set[str]] = {}
    for doc_id, story in db.execute("SELECT id, story FROM documents"):
        stored.setdefault(f"S{story}", set()).add(doc_id)
    db.close()

    batch = {s.id: set(s.documents) for s in stories}
    same_sets = {frozenset(v) for v in batch.values()} & {frozenset(v) for v in stored.values()}
    same_ids = sum(1 for k, v in batch.items() if stored.get(k) == v)
    print(
        f"{len(documents)} articles ({sum(len(g.members) - 1 for g in groups)} copies): analyze {len(batch)} stories"
        f" in {batch_seconds:.0f} s, store {len(stored)} stories in {store_seconds:.0f} s; the same documents:"
        f" {len(same_sets)}, the same id and documents: {same_ids}"
    )
    for story_id, members in batch.items():
        if stored.get(story_id) != members:
            holders = sorted({k for k, v in stored.items() if v & members})
            print(f"  {story_id}: {sorted(members)}; in the store: {[(k, sorted(stored[k])) for k in holders]}")


if __name__ == "__main__":
    sys.exit(main())
