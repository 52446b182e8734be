"""Throughput of the stages before the spaCy pass: read, clean, copies, stories.

    python benchmarks/bench_speed.py [--repeat N]

Input: BASIL (written as one JSON lines file) and the PolNeAR article texts, about 1,200
articles. Model loading is excluded (the spaCy model and the vocabulary's common
components used by stories are prepared before the clock starts; their time is printed
apart). Each stage is timed on its own, then the total; wall-clock and process CPU time are
both shown because the benchmark machine may be shared. Target (issue 7): >= 500 articles/s
total on a 2-core machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from basil import load_basil, polnear_paths, write_jsonl  # noqa: E402

from storydiff import stories as stories_module  # noqa: E402
from storydiff.clean import clean  # noqa: E402
from storydiff.copies import find_copies  # noqa: E402
from storydiff.model import Document, RawDocument, Skipped  # noqa: E402
from storydiff.nlp import load_spacy  # noqa: E402
from storydiff.read import read_inputs  # noqa: E402
from storydiff.settings import Settings  # noqa: E402


class Clock:
    def __init__(self) -> None:
        self.rows: list[tuple[str, int, float, float]] = []

    def time(self, stage: str, count: int | None, func, *args):
        """Time one stage; ``count`` None counts the articles it returns."""
        wall, cpu = time.perf_counter(), time.process_time()
        result = func(*args)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if count is None:
            count = len(result[0] if isinstance(result, tuple) else result)
        self.rows.append((stage, count, wall, cpu))
        return result

    def print(self, total_docs: int) -> None:
        print(f"{'stage':<10}{'docs':>7}{'wall s':>9}{'docs/s':>9}{'cpu s':>9}{'docs/s':>9}")
        for stage, count, wall, cpu in self.rows:
            print(f"{stage:<10}{count:>7}{wall:>9.2f}{count / wall:>9.0f}{cpu:>9.2f}{count / cpu:>9.0f}")
        wall = sum(r[2] for r in self.rows)
        cpu = sum(r[3] for r in self.rows)
        print(f"{'total':<10}{total_docs:>7}{wall:>9.2f}{total_docs / wall:>9.0f}{cpu:>9.2f}{total_docs / cpu:>9.0f}")


def read_all(inputs: list[Path]) -> tuple[list[RawDocument], list[Skipped]]:
    raws, skipped = [], []
    for item in read_inputs(inputs):
        (skipped if isinstance(item, Skipped) else raws).append(item)
    return raws, skipped


def clean_all(raws: list[RawDocument]) -> list[Document]:
    docs = []
    for raw in raws:
        try:
            doc = clean(raw)
        except Exception:  # the benchmark counts throughput; cleaning bugs are tested elsewhere
            continue
        if doc.text.strip():
            docs.append(doc)
    return docs


def with_copies(docs: list[Document], settings: Settings) -> list[Document]:
    groups = find_copies(docs, settings)
    canonical_of = {m: g.canonical for g in groups for m in g.members if m != g.canonical}
    return [d.model_copy(update={"duplicate_of": canonical_of.get(d.id)}) for d in docs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=1, help="run the stages this many times")
    args = parser.parse_args()

    settings = Settings()
    start = time.perf_counter()
    nlp = load_spacy(settings)
    stories_module._common_components(nlp.vocab)
    print(f"model loading (excluded): {time.perf_counter() - start:.2f}s")

    with tempfile.TemporaryDirectory() as tmp:
        jsonl = write_jsonl(load_basil(), Path(tmp) / "basil.jsonl")
        inputs = [jsonl, *polnear_paths()]
        for _ in range(args.repeat):
            clock = Clock()
            raws, skipped = clock.time("read", None, read_all, inputs)
            docs = clock.time("clean", len(raws), clean_all, raws)
            docs = clock.time("copies", len(docs), with_copies, docs, settings)
            stories = clock.time("stories", len(docs), stories_module.group_stories, docs, settings, nlp)
            print(
                f"\n{len(raws)} articles read ({len(skipped)} inputs skipped), {len(docs)} clean, "
                f"{sum(1 for d in docs if d.duplicate_of)} copies, {len(stories)} stories"
            )
            clock.print(len(raws))


if __name__ == "__main__":
    main()
