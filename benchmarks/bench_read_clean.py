"""Reading + cleaning throughput on plain text: prints articles per second.

Usage: python benchmarks/bench_read_clean.py [FOLDER ...]  (default: ../shared/seeds and
the BASIL corpus, if present). Text articles are cleaned as read; JSON records likewise."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from storydiff.clean import clean
from storydiff.model import RawDocument
from storydiff.read import read_inputs

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT.parent / "shared" / "seeds", ROOT.parent / "shared" / "corpora" / "basil" / "articles"]


def main(paths: list[str]) -> None:
    folders = [Path(p) for p in paths] or [p for p in DEFAULT if p.exists()]
    start = time.perf_counter()
    raws = [r for r in read_inputs(folders) if isinstance(r, RawDocument)]
    read_s = time.perf_counter() - start
    repeats = max(1, 2000 // max(1, len(raws)))  # enough work for a stable figure
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(repeats):
        for raw in raws:
            clean(raw)
    clean_s = (time.perf_counter() - start) / repeats
    clean_cpu = (time.process_time() - cpu_start) / repeats
    n = len(raws)
    print(f"{n} articles: read {n / read_s:.0f}/s, clean {n / clean_s:.0f}/s wall ({n / clean_cpu:.0f}/s CPU time), "
          f"read+clean {n / (read_s + clean_s):.0f}/s wall")


if __name__ == "__main__":
    main(sys.argv[1:])
