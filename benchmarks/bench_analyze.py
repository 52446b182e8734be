"""The whole ``storydiff.analyze`` on BASIL (300 articles), stage by stage.

Prints articles per second for each stage and in all, model loading excluded, and the
speed of a bare spaCy pass over the same texts with the same model (the analysis can be
no faster than that pass; the ratio says how much the rest costs).

    python benchmarks/bench_analyze.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from basil import BASIL_DIR, load_basil, write_jsonl  # noqa: E402

from storydiff import Settings, analyze  # noqa: E402
from storydiff.embed import load_encoder  # noqa: E402
from storydiff.nlp import load_spacy  # noqa: E402


def main() -> None:
    if not BASIL_DIR.is_dir():
        sys.exit(f"BASIL not found at {BASIL_DIR}")
    settings = Settings()
    nlp = load_spacy(settings)  # loaded once here so that no stage pays for it
    load_encoder(settings.sentence_model)
    articles = load_basil()

    marks: dict[str, list[float]] = {}

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        marks.setdefault(stage, [now, now])[1] = now

    with tempfile.TemporaryDirectory() as tmp:
        path = write_jsonl(articles, Path(tmp) / "basil.jsonl")
        start = time.perf_counter()
        report = analyze([path], settings=settings, progress=progress)
        total = time.perf_counter() - start

    n = len(report.documents)
    read_end = marks["read"][1]
    parse_start, parse_end = marks["parse"]
    spans = {
        "read + clean": read_end - start,
        "copies + stories": parse_start - read_end,
        "spaCy pass": parse_end - parse_start,
        "per-story analysis": (start + total) - parse_end,
    }
    print(f"{n} articles, {len(report.stories)} stories, {len(report.duplicate_groups)} duplicate groups")
    for name, seconds in spans.items():
        print(f"  {name:<20} {seconds:7.2f} s  {n / max(seconds, 1e-9):8.1f} articles/s")
    print(f"  {'whole analyze':<20} {total:7.2f} s  {n / total:8.1f} articles/s")

    texts = [d.text for d in report.documents]
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    bare = time.perf_counter() - start
    print(f"  {'bare spaCy pass':<20} {bare:7.2f} s  {n / bare:8.1f} articles/s")
    print(f"  analysis speed / bare spaCy speed = {bare / total:.2f}")


if __name__ == "__main__":
    main()
