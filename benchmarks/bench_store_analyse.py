"""The per-story analysis of a whole store: throughput and peak memory over a long run.

    python benchmarks/bench_store.py --corpus benchmarks/out/corpus-100000.jsonl --store big.db   # build (analysis deferred)
    python benchmarks/bench_store_analyse.py --store big.db --seconds 3600                        # analyse for an hour
    python benchmarks/bench_store_analyse.py --store big.db                                       # ... and go on, to the end

Runs ``Store.analyse_dirty`` (what ``storydiff ingest`` does after adding articles) and
every ``--every`` seconds records stories and articles analysed, articles per second, and
the resident memory of this process and of its parsing child (psutil), peak included.
Each record is written at once to ``benchmarks/out/bench_store_analyse-<store>.json``, so
that a run stopped at any point (``--seconds``, Ctrl-C, a kill) leaves its figures; the
store itself keeps every story analysed before the stop, and running again goes on with
the stories still to analyse (that is the store's resume, at work on a large store).

At the start it times a bare spaCy pass over the texts of the first stories to analyse
(``--bare`` articles), for the ratio of the analysis speed to the bare spaCy speed.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time
from pathlib import Path

import psutil

from storydiff.embed import load_encoder
from storydiff.nlp import load_spacy
from storydiff.store import Store

OUT_DIR = Path(__file__).resolve().parent / "out"


class _Stop(Exception):
    pass


def _analysed(path: Path) -> tuple[int, int]:
    """(stories, articles) analysed so far, read by a second connection (WAL lets it)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        stories, articles = db.execute("SELECT COUNT(*), COALESCE(SUM(n_documents), 0) FROM stories WHERE dirty = 0").fetchone()
    finally:
        db.close()
    return stories, articles


def _memory_mb() -> tuple[float, float]:
    """Resident memory of this process and of its children (the parsing process), in MB."""
    me = psutil.Process()
    children = sum(child.memory_info().rss for child in me.children(recursive=True))
    return me.memory_info().rss / 2**20, children / 2**20


def _bare_spacy(path: Path, articles: int, settings) -> dict:
    """A bare spaCy pass over the texts of the first dirty stories (about ``articles`` of them)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = db.execute(
            "SELECT d.document FROM documents d JOIN stories s ON d.story = s.story WHERE s.dirty = 1"
            " ORDER BY s.story, d.seq LIMIT ?",
            (articles,),
        ).fetchall()
    finally:
        db.close()
    texts = [json.loads(row[0])["text"] for row in rows]
    nlp = load_spacy(settings)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    seconds = time.perf_counter() - start
    return {"articles": len(texts), "seconds": round(seconds, 2), "articles_per_s": round(len(texts) / seconds, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--seconds", type=float, default=0, help="stop (between two stories) after this long; 0: run to the end")
    parser.add_argument("--every", type=float, default=60, help="seconds between two records")
    parser.add_argument("--bare", type=int, default=300, help="articles for the bare spaCy pass (0: skip it)")
    args = parser.parse_args()
    if not args.store.exists():
        sys.exit(f"{args.store}: no such store (build one with bench_store.py)")
    out = OUT_DIR / f"bench_store_analyse-{args.store.stem}.json"
    OUT_DIR.mkdir(exist_ok=True)

    with Store.open(args.store, create=False) as store:
        counts = store.counts()
        load_encoder(store.settings.sentence_model)
        bare = _bare_spacy(args.store, args.bare, store.settings) if args.bare else None
        stories0, articles0 = _analysed(args.store)
        result = {
            "store": str(args.store), "counts_at_start": counts, "bare_spacy": bare,
            "started": time.strftime("%Y-%m-%d %H:%M:%S"), "records": [],
        }
        start = time.perf_counter()
        last = start
        peak = [0.0, 0.0, 0.0]  # this process, children, both together

        def record(final: bool = False) -> None:
            stories, articles = _analysed(args.store)
            elapsed = time.perf_counter() - start
            rate = (articles - articles0) / elapsed if elapsed else 0.0
            entry = {
                "seconds": round(elapsed, 1), "stories": stories - stories0, "articles": articles - articles0,
                "articles_per_s": round(rate, 3), "rss_mb": round(peak[0]), "child_rss_mb": round(peak[1]),
                "peak_total_mb": round(peak[2]), "load_average": os.getloadavg(), "final": final,
            }
            if bare:
                entry["ratio_to_bare_spacy"] = round(rate / bare["articles_per_s"], 3)
            result["records"].append(entry)
            out.write_text(json.dumps(result, indent=2) + "\n")
            print(json.dumps(entry), flush=True)

        def progress(stage: str, done: int, total: int) -> None:
            nonlocal last
            own, children = _memory_mb()
            peak[0], peak[1], peak[2] = max(peak[0], own), max(peak[1], children), max(peak[2], own + children)
            now = time.perf_counter()
            if now - last >= args.every:
                last = now
                record()
            if args.seconds and now - start >= args.seconds:
                raise _Stop

        try:
            store.analyse_dirty(progress)
        except (_Stop, KeyboardInterrupt):
            pass
        record(final=True)
    print(f"-> {out}")


if __name__ == "__main__":
    main()
