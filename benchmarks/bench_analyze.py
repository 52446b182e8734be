"""The whole ``storydiff.analyze`` on BASIL (300 articles), stage by stage.

Prints seconds and articles per second for each stage and in all, model loading
excluded, and the speed of a bare spaCy pass over the same texts with the same model (the
analysis can be no faster than that pass; the ratio says how much the rest costs). The
per-story analysis is split into its parts (entities, quotes, claims, comparisons,
omissions, labels, framing).

    python benchmarks/bench_analyze.py                 # timings
    python benchmarks/bench_analyze.py --profile 30    # and the 30 costliest functions of the per-story analysis
    python benchmarks/bench_analyze.py --dump out.json # and the report's stories, to diff two versions

The pipeline parses story by story in one stream, interleaved with the per-story
analysis; the stages are timed by wrapping the names ``storydiff.pipeline`` calls (only
for the length of the run), so that the benchmark times exactly what ``analyze`` runs.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from basil import BASIL_DIR, load_basil, write_jsonl  # noqa: E402

from storydiff import Settings, analyze  # noqa: E402
from storydiff import pipeline  # noqa: E402
from storydiff.embed import load_encoder  # noqa: E402
from storydiff.nlp import load_spacy  # noqa: E402

STORY_PARTS = {
    "resolve_entities": "entities",
    "find_quotes": "quotes",
    "match_quotes": "quote matching",
    "extract_claims": "claims",
    "compare_claims": "comparisons",
    "find_omissions": "omissions",
    "find_labels": "labels",
    "compare_framing": "framing",
}


@contextmanager
def timed_stages(seconds: dict[str, float], profiler: cProfile.Profile | None) -> Iterator[None]:
    """Wrap the stage functions that ``pipeline`` calls so each adds its time to ``seconds``;
    the spaCy pass is timed inside the parse stream (each ``next``), the per-story analysis
    as the calls to ``analyse_story`` (the profiler, if any, runs only there)."""
    saved: dict[str, Any] = {}

    def wrap(name: str, label: str, profile: bool = False) -> None:
        original = getattr(pipeline, name)
        saved[name] = original

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                if profile and profiler is not None:
                    return profiler.runcall(original, *args, **kwargs)
                return original(*args, **kwargs)
            finally:
                seconds[label] += time.perf_counter() - start

        setattr(pipeline, name, timed)

    def timed_parses(*args: Any, **kwargs: Any) -> Iterator[Any]:
        stream = saved["parse_documents"](*args, **kwargs)
        while True:
            start = time.perf_counter()
            try:
                doc = next(stream)
            except StopIteration:
                seconds["spaCy pass"] += time.perf_counter() - start
                return
            seconds["spaCy pass"] += time.perf_counter() - start
            yield doc

    saved["parse_documents"] = pipeline.parse_documents
    pipeline.parse_documents = timed_parses  # type: ignore[assignment]
    wrap("find_copies", "copies")
    wrap("group_stories", "stories")
    wrap("analyse_story", "per-story analysis", profile=True)
    for name, label in STORY_PARTS.items():
        wrap(name, label)
    try:
        yield
    finally:
        for name, original in saved.items():
            setattr(pipeline, name, original)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="profile the per-story analysis and print its N costliest functions")
    parser.add_argument("--dump", type=Path, help="write the report's stories as JSON here")
    args = parser.parse_args(argv)
    if not BASIL_DIR.is_dir():
        sys.exit(f"BASIL not found at {BASIL_DIR}")
    settings = Settings()
    nlp = load_spacy(settings)  # loaded once here so that no stage pays for it
    load_encoder(settings.sentence_model)
    articles = load_basil()

    seconds: dict[str, float] = defaultdict(float)
    profiler = cProfile.Profile() if args.profile else None
    with tempfile.TemporaryDirectory() as tmp, timed_stages(seconds, profiler):
        path = write_jsonl(articles, Path(tmp) / "basil.jsonl")
        start = time.perf_counter()
        report = analyze([path], settings=settings)
        total = time.perf_counter() - start

    n = len(report.documents)
    print(f"{n} articles, {len(report.stories)} stories, {len(report.duplicate_groups)} duplicate groups")
    accounted = seconds["copies"] + seconds["stories"] + seconds["spaCy pass"] + seconds["per-story analysis"]
    rows: list[tuple[str, float]] = [
        ("read + clean", total - accounted),
        ("copies", seconds["copies"]),
        ("stories", seconds["stories"]),
        ("spaCy pass", seconds["spaCy pass"]),
        ("per-story analysis", seconds["per-story analysis"]),
    ]
    rows += [("  " + label, seconds[label]) for label in STORY_PARTS.values()]
    for name, secs in rows:
        print(f"  {name:<20} {secs:7.2f} s  {n / max(secs, 1e-9):8.1f} articles/s")
    print(f"  {'whole analyze':<20} {total:7.2f} s  {n / total:8.1f} articles/s")

    texts = [d.text for d in report.documents]
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    bare = time.perf_counter() - start
    print(f"  {'bare spaCy pass':<20} {bare:7.2f} s  {n / bare:8.1f} articles/s")
    print(f"  per-story analysis / bare spaCy pass time = {seconds['per-story analysis'] / bare:.2f}")
    print(f"  analysis speed / bare spaCy speed = {bare / total:.2f}")

    if profiler is not None:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.profile)
        print(out.getvalue())
    if args.dump:
        stories = [s.model_dump(mode="json") for s in report.stories]
        args.dump.write_text(json.dumps(stories, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"stories written to {args.dump}")


if __name__ == "__main__":
    main()
