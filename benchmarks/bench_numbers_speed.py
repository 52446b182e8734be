"""What reading numbers costs on a BASIL-sized set: the texts are parsed once, then
claim extraction is timed, and inside it the numbers (``numbers.combine``, which calls
``read_numbers``), against the parse itself.

    python benchmarks/bench_numbers_speed.py            # BASIL, 300 articles
    python benchmarks/bench_numbers_speed.py --repeat 3 # best of three timings
    python benchmarks/bench_numbers_speed.py --cache /tmp/basil.spacy  # parse once, reuse (before/after runs)

Claim extraction must stay a small part of the whole analysis; the numbers are a part of
claim extraction. Times are CPU seconds of this process (the machine may be shared).
Needs ../shared/corpora/basil (exits with a message when it is absent).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from basil import BASIL_DIR, load_basil, to_document  # noqa: E402

from storydiff import counts as counts_module  # noqa: E402  (where claim extraction reads numbers)
from storydiff.claims import extract_claims  # noqa: E402
from storydiff.nlp import load_spacy  # noqa: E402
from storydiff.numbers import read_numbers  # noqa: E402
from storydiff.settings import Settings  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1, help="time claim extraction this many times, keep the best")
    ap.add_argument("--cache", type=Path, help="a spaCy DocBin of the parses: read when it exists, else written")
    args = ap.parse_args()
    if not BASIL_DIR.is_dir():
        sys.exit(f"bench_numbers_speed: {BASIL_DIR}: no BASIL corpus there")
    docs = [to_document(a.raw) for a in load_basil()]
    nlp = load_spacy(Settings())
    started = time.process_time()
    if args.cache and args.cache.is_file() and args.cache.with_suffix(".seconds").is_file():
        from spacy.tokens import DocBin

        parses = list(DocBin().from_disk(args.cache).get_docs(nlp.vocab))
        parse_s = float(args.cache.with_suffix(".seconds").read_text())
    else:
        parses = list(nlp.pipe(d.text for d in docs))
        parse_s = time.process_time() - started
        if args.cache:
            from spacy.tokens import DocBin

            DocBin(store_user_data=True, docs=parses).to_disk(args.cache)
            args.cache.with_suffix(".seconds").write_text(f"{parse_s:.1f}")
    parsed = {d.id: p for d, p in zip(docs, parses, strict=True)}
    sentences = [s.text for p in parsed.values() for s in p.sents]

    combine = counts_module.combine_numbers
    spent = [0.0]

    def timed_combine(*a, **k):
        t = time.process_time()
        try:
            return combine(*a, **k)
        finally:
            spent[0] += time.process_time() - t

    best_claims = best_numbers = float("inf")
    counts_module.combine_numbers = timed_combine
    try:
        for _ in range(args.repeat):
            spent[0] = 0.0
            t = time.process_time()
            n_claims = len(extract_claims(docs, parsed, [], []))
            best_claims = min(best_claims, time.process_time() - t)
            best_numbers = min(best_numbers, spent[0])
    finally:
        counts_module.combine_numbers = combine
    t = time.process_time()
    n_readings = sum(len(read_numbers(s)) for s in sentences)
    read_s = time.process_time() - t
    cached = " (when the cache was written)" if args.cache else ""
    print(f"{len(docs)} articles, {len(sentences)} sentences; spaCy parse {parse_s:.1f}s{cached}")
    print(f"  claim extraction {best_claims:.2f}s ({n_claims} claims), {100 * best_claims / parse_s:.1f}% of the parse")
    print(f"  numbers (combine, read_numbers inside) {best_numbers:.2f}s, "
          f"{100 * best_numbers / best_claims:.0f}% of claim extraction, {100 * best_numbers / parse_s:.1f}% of the parse")
    print(f"  read_numbers alone {read_s:.2f}s ({n_readings} readings, "
          f"{1000 * read_s / max(len(sentences), 1):.2f} ms a sentence)")


if __name__ == "__main__":
    main()
