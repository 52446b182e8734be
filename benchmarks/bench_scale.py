"""Throughput, peak memory and quality of the stages before the spaCy pass, at scale.

    python benchmarks/make_corpus.py --size 10000          # once: the corpus and its gold
    python benchmarks/bench_scale.py                        # benchmarks/out/corpus-10000.jsonl
    python benchmarks/bench_scale.py --corpus benchmarks/out/corpus-100000.jsonl --limit 30000
    python benchmarks/bench_scale.py --profile              # cProfile of the three stages

Stages, timed one by one (wall clock and CPU time of this process):

* **read+clean**: ``storydiff.pipeline.load_documents`` over the JSON-lines corpus;
* **copies**: ``storydiff.copies.find_copies`` and marking each copy's canonical, as the
  pipeline does;
* **stories**: ``storydiff.stories.group_stories`` (the spaCy model is loaded before, its
  load time reported apart and not counted).

Peak memory is the process's peak resident set size (``ru_maxrss``) after each stage: it
includes the spaCy model from the stories stage on. Quality is measured against the
sidecar gold of ``make_corpus.py``, on the documents read:

* copies: pairwise precision and recall of "same copy family" (an original with its
  re-posts and near copies), counted without listing the pairs (a runaway group of 10k
  would be 50M pairs), and the recall by kind of copy;
* stories: BCubed precision, recall and F1 against the story instances
  (``bench_stories.bcubed``).

Prints a table and writes the result as JSON to ``benchmarks/out/``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterator, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_stories import bcubed  # noqa: E402

from storydiff.copies import find_copies  # noqa: E402
from storydiff.model import Document, DuplicateGroup, Story  # noqa: E402
from storydiff.nlp import load_spacy  # noqa: E402
from storydiff.pipeline import load_documents  # noqa: E402
from storydiff.settings import Settings  # noqa: E402
from storydiff.stories import group_stories  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "benchmarks" / "out"
DEFAULT_CORPUS = OUT_DIR / "corpus-10000.jsonl"
TARGET = 500  # articles per second, the goal for the stages before the spaCy pass

T = TypeVar("T")


@dataclass
class StageResult:
    name: str
    articles: int
    wall_s: float
    cpu_s: float
    peak_rss_mb: float

    @property
    def per_s_wall(self) -> float:
        return self.articles / self.wall_s if self.wall_s else float("inf")

    @property
    def per_s_cpu(self) -> float:
        return self.articles / self.cpu_s if self.cpu_s else float("inf")


def peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux (bytes on macOS)
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def timed(name: str, articles: Callable[[T], int], work: Callable[[], T],
          profiler: cProfile.Profile | None) -> tuple[T, StageResult]:
    """Run ``work`` once; ``articles(result)`` is the number of articles it handled."""
    wall, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    result = work()
    if profiler:
        profiler.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return result, StageResult(name, articles(result), wall, cpu, peak_rss_mb())


@contextmanager
def first_lines(path: Path, limit: int | None) -> Iterator[Path]:
    """``path`` itself, or a temporary copy of its first ``limit`` non-blank lines."""
    if not limit:
        yield path
        return
    with tempfile.TemporaryDirectory() as tmp:
        part = Path(tmp) / f"{path.stem}-first{limit}.jsonl"
        with path.open(encoding="utf-8") as src, part.open("w", encoding="utf-8") as dst:
            written = 0
            for line in src:
                if written >= limit:
                    break
                if line.strip():
                    dst.write(line)
                    written += 1
        yield part


# --- quality ------------------------------------------------------------------------------


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def copy_quality(groups: list[DuplicateGroup], gold: dict[str, dict], docs: list[Document]) -> dict[str, Any]:
    """Pairwise precision/recall of "same copy family", the recall by kind of copy (a copy
    counts as found when it is in one group with the article it copies), and the share of
    re-posts with boilerplate whose clean text is their original's (cleaning removed all
    the debris)."""
    family = {d: (g["copy_of"] or d) for d, g in gold.items()}
    predicted = sum(_pairs(len(g.members)) for g in groups)
    correct = sum(_pairs(c) for g in groups for c in Counter(family[m] for m in g.members if m in family).values())
    expected = sum(_pairs(c) for c in Counter(family.values()).values())
    group_of = {m: i for i, g in enumerate(groups) for m in g.members}
    found: Counter = Counter()
    total: Counter = Counter()
    for d, g in gold.items():
        if g["copy_of"] and g["copy_of"] in gold:
            total[g["kind"]] += 1
            found[g["kind"]] += d in group_of and group_of.get(g["copy_of"]) == group_of[d]
    # rewrites are not copies: how many ended up in a group with their story's articles
    story_of = {d: g["story"] for d, g in gold.items()}
    rewrites_grouped = sum(
        1 for g in groups for m in g.members
        if gold.get(m, {}).get("kind") == "rewrite" and any(story_of.get(o) == story_of[m] for o in g.members if o != m)
    )
    text_of = {d.id: d.text for d in docs}
    wrapped = [d for d, g in gold.items() if g["kind"] == "boilerplate_repost" and g["copy_of"] in text_of]
    cleaned = sum(text_of[d] == text_of[gold[d]["copy_of"]] for d in wrapped)
    return {
        "boilerplate_fully_cleaned": cleaned / len(wrapped) if wrapped else 1.0,
        "pairs_predicted": predicted,
        "pairs_gold": expected,
        "pairs_correct": correct,
        "precision": correct / predicted if predicted else 1.0,
        "recall": correct / expected if expected else 1.0,
        "recall_by_kind": {k: found[k] / total[k] for k in sorted(total)},
        "rewrites_grouped_as_copies": rewrites_grouped,
        "largest_group": max((len(g.members) for g in groups), default=0),
    }


def story_quality(stories: list[Story], gold: dict[str, dict]) -> dict[str, Any]:
    p, r, f = bcubed([s.documents for s in stories], {d: g["story"] for d, g in gold.items()})
    return {
        "bcubed_precision": p, "bcubed_recall": r, "bcubed_f1": f,
        "stories": len(stories), "gold_stories": len({g["story"] for g in gold.values()}),
        "largest_story": max((len(s.documents) for s in stories), default=0),
    }


# --- the run ------------------------------------------------------------------------------


def code_version() -> dict[str, Any]:
    """The commit measured, and whether the stage modules differ from it (others change
    them while benchmarks run: a figure is only worth its commit)."""
    def git(*args: str) -> str | None:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return None

    changed = git("status", "--porcelain", "--", "src/storydiff")
    return {"commit": git("rev-parse", "--short", "HEAD"), "src_modified": bool(changed) if changed is not None else None}



def run(corpus: Path, gold_path: Path, limit: int | None, profiler: cProfile.Profile | None) -> dict[str, Any]:
    version = code_version()  # before the run: what was imported, not what changed since
    settings = Settings()
    stages: list[StageResult] = []
    with first_lines(corpus, limit) as path:
        (docs, skipped), stage = timed("read+clean", lambda r: len(r[0]) + len(r[1]),
                                       lambda: load_documents([path]), profiler)
    stages.append(stage)

    def copies() -> tuple[list[Document], list[DuplicateGroup]]:
        groups = find_copies(docs, settings)
        canonical_of = {m: g.canonical for g in groups for m in g.members if m != g.canonical}
        return [d.model_copy(update={"duplicate_of": canonical_of.get(d.id)}) for d in docs], groups

    (docs, groups), stage = timed("copies", lambda r: len(r[0]), copies, profiler)
    stages.append(stage)

    load_start = time.perf_counter()
    nlp = load_spacy(settings)
    model_load_s = time.perf_counter() - load_start

    stories, stage = timed("stories", lambda _: len(docs), lambda: group_stories(docs, settings, nlp), profiler)
    stages.append(stage)

    # the gold is read after the stages, so that it does not count in their peak memory
    all_gold = json.loads(gold_path.read_text(encoding="utf-8"))["articles"]
    ids = {d.id for d in docs}
    gold = {d: g for d, g in all_gold.items() if d in ids}
    wall = sum(s.wall_s for s in stages)
    cpu = sum(s.cpu_s for s in stages)
    n = len(docs)
    return {
        "corpus": str(corpus),
        "limit": limit,
        "articles": n,
        "skipped": len(skipped),
        "skipped_examples": [f"{s.source_path}: {s.reason}" for s in skipped[:3]],
        "not_in_gold": len(ids) - len(gold),
        "kinds": dict(Counter(g["kind"] for g in gold.values())),
        "stages": [asdict(s) | {"per_s_wall": s.per_s_wall, "per_s_cpu": s.per_s_cpu} for s in stages],
        "pre_spacy": {"wall_s": wall, "cpu_s": cpu, "per_s_wall": n / wall, "per_s_cpu": n / cpu, "target_per_s": TARGET},
        "model_load_s": model_load_s,
        "peak_rss_mb": peak_rss_mb(),
        "duplicate_groups": len(groups),
        "copies": copy_quality(groups, gold, docs),
        "stories": story_quality(stories, gold),
        "profiled": profiler is not None,
        "code": version,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
    }


def print_table(result: dict[str, Any]) -> None:
    print(f"{result['corpus']}: {result['articles']} articles read, {result['skipped']} skipped"
          + (" (timings under cProfile)" if result["profiled"] else ""))
    print(f"{'stage':<12} {'wall s':>8} {'CPU s':>8} {'art/s wall':>11} {'art/s CPU':>10} {'peak RSS MB':>12}")
    for s in result["stages"]:
        print(f"{s['name']:<12} {s['wall_s']:>8.2f} {s['cpu_s']:>8.2f} {s['per_s_wall']:>11.0f} {s['per_s_cpu']:>10.0f} {s['peak_rss_mb']:>12.0f}")
    pre = result["pre_spacy"]
    verdict = "meets" if pre["per_s_wall"] >= TARGET else "below"
    print(f"{'pre-spaCy':<12} {pre['wall_s']:>8.2f} {pre['cpu_s']:>8.2f} {pre['per_s_wall']:>11.0f} {pre['per_s_cpu']:>10.0f} "
          f"{result['peak_rss_mb']:>12.0f}   ({verdict} the {TARGET}/s target; model load {result['model_load_s']:.1f}s not counted)")
    c, s = result["copies"], result["stories"]
    print(f"copies: {result['duplicate_groups']} groups (largest {c['largest_group']}), pairwise P {c['precision']:.3f} "
          f"R {c['recall']:.3f}; recall by kind "
          + ", ".join(f"{k} {v:.3f}" for k, v in c["recall_by_kind"].items())
          + f"; rewrites grouped as copies {c['rewrites_grouped_as_copies']}; "
          f"boilerplate re-posts cleaned to the original's text {c['boilerplate_fully_cleaned']:.3f}")
    print(f"stories: {s['stories']} (gold {s['gold_stories']}, largest {s['largest_story']}), BCubed P {s['bcubed_precision']:.3f} "
          f"R {s['bcubed_recall']:.3f} F1 {s['bcubed_f1']:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="a make_corpus.py .jsonl")
    parser.add_argument("--gold", type=Path, help="its gold (default: CORPUS with .gold.json)")
    parser.add_argument("--limit", type=int, help="only the first N articles of the corpus")
    parser.add_argument("--profile", action="store_true", help="cProfile the stages; print the top functions")
    parser.add_argument("--out", type=Path, help="result JSON (default benchmarks/out/bench_scale-<corpus>[-N].json)")
    args = parser.parse_args()
    if not args.corpus.is_file():
        sys.exit(f"{args.corpus} not found: run benchmarks/make_corpus.py first")
    gold = args.gold or args.corpus.with_suffix(".gold.json")
    profiler = cProfile.Profile() if args.profile else None

    result = run(args.corpus, gold, args.limit, profiler)
    print_table(result)

    out = args.out or OUT_DIR / f"bench_scale-{args.corpus.stem}{f'-{args.limit}' if args.limit else ''}{'-profile' if profiler else ''}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"-> {out}")
    if profiler:
        stats_path = out.with_suffix(".pstats")
        profiler.dump_stats(stats_path)
        for key in ("tottime", "cumulative"):
            text = io.StringIO()
            pstats.Stats(profiler, stream=text).strip_dirs().sort_stats(key).print_stats(25)
            print(f"\n--- top 25 by {key} ---\n" + text.getvalue().split("\n\n", 2)[-1])
        print(f"-> {stats_path}")


if __name__ == "__main__":
    main()
