"""The whole ``storydiff.analyze``, stage by stage, against a bare spaCy pass.

Prints seconds and articles per second for each stage and in all, model loading
excluded, peak memory, and the speed of a bare spaCy pass over the same texts with the
same model (the analysis can be no faster than that pass; the ratio says how much the
rest costs; issues 12 and 13 ask >= 0.8; an earlier issue asked >= 0.5). The per-story analysis is split into its
parts (entities, quotes, claims, comparisons, omissions, labels, framing).

    python benchmarks/bench_analyze.py                 # BASIL (300 articles)
    python benchmarks/bench_analyze.py --corpus benchmarks/out/corpus-100000.jsonl --stories 300
    python benchmarks/bench_analyze.py --profile 30    # and the 30 costliest functions of the per-story analysis
    python benchmarks/bench_analyze.py --dump out.json # and the report's stories, to diff two versions

``--stories N`` reads, cleans and links the whole corpus (so peak memory is that of the
whole corpus in the pipeline) but parses and analyses only its first N stories; the
whole-analysis speed is then per article: the pre-spaCy seconds per corpus article plus
the parse-and-analysis seconds per analysed article. The bare spaCy pass runs over the
analysed articles' texts.

The pipeline parses story by story in one stream, in a child process, overlapping the
per-story analysis (above ``Settings.parse_in_child_from`` texts); the stages are timed by wrapping the names ``storydiff.pipeline``
calls (only for the length of the run), so that the benchmark times exactly what
``analyze`` runs. Headlines are parsed a batch of stories ahead (``nlp.HeadlineParses``):
that time is in the analysis phase, not in the per-story analysis or its parts. Writes its figures to ``benchmarks/out/bench_analyze-*.json``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from basil import BASIL_DIR, ROOT, load_basil, write_jsonl  # noqa: E402

from storydiff import Settings, analyze  # noqa: E402
from storydiff import pipeline  # noqa: E402
from storydiff.embed import load_encoder  # noqa: E402
from storydiff.nlp import load_spacy  # noqa: E402

OUT_DIR = ROOT / "benchmarks" / "out"

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
    the wait for parses is timed inside the parse stream (each ``next``), the per-story analysis
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
        stream = saved["parse_groups"](*args, **kwargs)
        try:
            while True:
                start = time.perf_counter()
                try:
                    docs = next(stream)
                except StopIteration:
                    return
                finally:
                    seconds["waiting for parses"] += time.perf_counter() - start
                yield docs
        finally:
            stream.close()

    saved["parse_groups"] = pipeline.parse_groups
    pipeline.parse_groups = timed_parses  # type: ignore[assignment]
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
    parser.add_argument("--corpus", type=Path, help="JSON lines (e.g. from make_corpus.py); default: BASIL")
    parser.add_argument("--stories", type=int, default=0, metavar="N",
                        help="analyse only the first N stories (the whole corpus is still read, cleaned and linked)")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="profile the per-story analysis and print its N costliest functions")
    parser.add_argument("--dump", type=Path, help="write the report's stories as JSON here")
    args = parser.parse_args(argv)
    if args.corpus is None and not BASIL_DIR.is_dir():
        sys.exit(f"BASIL not found at {BASIL_DIR}")
    settings = Settings()
    nlp = load_spacy(settings)  # loaded once here so that no stage pays for it
    load_encoder(settings.sentence_model)

    seconds: dict[str, float] = defaultdict(float)
    profiler = cProfile.Profile() if args.profile else None
    with tempfile.TemporaryDirectory() as tmp, timed_stages(seconds, profiler), first_stories(args.stories, seconds):
        path = args.corpus or write_jsonl(load_basil(), Path(tmp) / "basil.jsonl")
        cpu_start = time.process_time()
        start = time.perf_counter()
        report = analyze([path], settings=settings)
        total = time.perf_counter() - start
        cpu = time.process_time() - cpu_start
    # the parsing child has exited (its CPU time and peak memory are the children's)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu += children.ru_utime + children.ru_stime
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss_mb = children.ru_maxrss / 1024

    n = len(report.documents)
    by_id = {d.id: d for d in report.documents}
    analysed = [by_id[d] for story in report.stories for d in story.documents]
    n_analysed = len(analysed)
    print(f"{path}: {n} articles, {len(report.duplicate_groups)} duplicate groups, {seconds['story count']:.0f} stories; "
          f"{len(report.stories)} stories ({n_analysed} articles) analysed")
    pre_spacy = total - seconds["analysis phase"]
    rows: list[tuple[str, float, int]] = [
        ("read + clean", pre_spacy - seconds["copies"] - seconds["stories"], n),
        ("copies", seconds["copies"], n),
        ("stories", seconds["stories"], n),
        ("waiting for parses", seconds["waiting for parses"], n_analysed),
        ("per-story analysis", seconds["per-story analysis"], n_analysed),
    ]
    rows += [("  " + label, seconds[label], n_analysed) for label in STORY_PARTS.values()]
    for name, secs, count in rows:
        print(f"  {name:<20} {secs:8.2f} s  {count / max(secs, 1e-9):8.1f} articles/s")
    # The spaCy pass runs in a child process while stories are analysed (from
    # Settings.parse_in_child_from texts): "waiting for parses" is what the analysis waited
    # for it, and the analysis phase (both together) is what the whole run waits for.
    print(f"  {'parse + analysis':<20} {seconds['analysis phase']:8.2f} s  "
          f"{n_analysed / seconds['analysis phase']:8.1f} articles/s (wall: the spaCy pass overlaps the analysis)")
    per_article = pre_spacy / n + seconds["analysis phase"] / n_analysed
    print(f"  {'whole analyze':<20} {total:8.2f} s  {1 / per_article:8.1f} articles/s  "
          f"(CPU {cpu:.1f} s with the child's; peak RSS {peak_rss_mb:.0f} MB, parsing child {child_rss_mb:.0f} MB)")

    texts = [d.text for d in analysed]  # the same texts, copies included, one spaCy pass
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    bare = time.perf_counter() - start
    ratio = (1 / per_article) / (n_analysed / bare)  # whole-analysis speed over bare spaCy speed
    print(f"  {'bare spaCy pass':<20} {bare:8.2f} s  {n_analysed / bare:8.1f} articles/s")
    print(f"  analysis speed / bare spaCy speed = {ratio:.2f} (target >= 0.8)")

    result = {
        "corpus": str(path), "articles": n, "stories_analysed": len(report.stories), "articles_analysed": n_analysed,
        "seconds": {name.strip(): round(secs, 2) for name, secs, _ in rows},
        "analysis_phase_s": round(seconds["analysis phase"], 2), "whole_s": round(total, 2), "cpu_s": round(cpu, 2),
        "whole_articles_per_s": round(1 / per_article, 2), "bare_spacy_s": round(bare, 2),
        "bare_spacy_articles_per_s": round(n_analysed / bare, 2), "ratio": round(ratio, 3),
        "peak_rss_mb": round(peak_rss_mb), "child_peak_rss_mb": round(child_rss_mb), "load_average": os.getloadavg(),
    }
    out = OUT_DIR / f"bench_analyze-{Path(path).stem if args.corpus else 'basil'}-{args.stories or 'all'}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"-> {out}")

    if profiler is not None:
        out_text = io.StringIO()
        pstats.Stats(profiler, stream=out_text).sort_stats("cumulative").print_stats(args.profile)
        print(out_text.getvalue())
    if args.dump:
        stories = [s.model_dump(mode="json") for s in report.stories]
        args.dump.write_text(json.dumps(stories, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"stories written to {args.dump}")


@contextmanager
def first_stories(limit: int, seconds: dict[str, float]) -> Iterator[None]:
    """Time the analysis phase (parse + per-story analysis); with ``limit``, hand it only
    the first ``limit`` stories."""
    original = pipeline.iter_analysed

    def analyse_first(stories: list[Any], *args: Any, **kwargs: Any) -> Any:
        seconds["story count"] = len(stories)
        start = time.perf_counter()  # analyze takes every story at once: the phase's time
        try:
            yield from original(stories[:limit] if limit else stories, *args, **kwargs)
        finally:
            seconds["analysis phase"] += time.perf_counter() - start

    pipeline.iter_analysed = analyse_first  # type: ignore[assignment]
    try:
        yield
    finally:
        pipeline.iter_analysed = original  # type: ignore[assignment]


if __name__ == "__main__":
    main()
