"""Story clustering on BASIL: BCubed precision, recall and F1 of stories against events.

    python benchmarks/bench_stories.py            # Documents built straight from BASIL
    python benchmarks/bench_stories.py --jsonl    # through the real readers and cleaning
    python benchmarks/bench_stories.py --sweep    # the score over thresholds and weights

BCubed (Bagga & Baldwin 1998): for each document, precision is the share of its story that
reports its event, recall the share of its event that is in its story; both averaged over
documents, F1 their harmonic mean.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from basil import gold_events, load_basil, to_document, write_jsonl  # noqa: E402

from storydiff import stories as stories_module  # noqa: E402
from storydiff.copies import find_copies  # noqa: E402
from storydiff.model import Document  # noqa: E402
from storydiff.nlp import load_spacy  # noqa: E402
from storydiff.settings import Settings  # noqa: E402


def bcubed(clusters: list[list[str]], gold: dict[str, str]) -> tuple[float, float, float]:
    cluster_of = {d: i for i, c in enumerate(clusters) for d in c}
    by_event: dict[str, set[str]] = defaultdict(set)
    for d, e in gold.items():
        by_event[e].add(d)
    precision = recall = 0.0
    docs = [d for d in gold if d in cluster_of]
    for d in docs:
        cluster = clusters[cluster_of[d]]
        same = sum(1 for o in cluster if gold.get(o) == gold[d])
        precision += same / len(cluster)
        recall += same / len(by_event[gold[d]])
    precision /= len(docs) or 1
    recall /= len(docs) or 1
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def documents_via_pipeline(articles) -> list[Document]:
    from storydiff.pipeline import load_documents

    with tempfile.TemporaryDirectory() as tmp:
        path = write_jsonl(articles, Path(tmp) / "basil.jsonl")
        docs, skipped = load_documents([path])
    if skipped:
        print(f"skipped {len(skipped)}: {skipped[:2]}", file=sys.stderr)
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jsonl", action="store_true", help="read BASIL as JSON lines through read+clean")
    parser.add_argument("--sweep", action="store_true", help="print F1 over thresholds and weights")
    args = parser.parse_args()

    settings = Settings()
    articles = load_basil()
    gold = gold_events(articles)
    docs = documents_via_pipeline(articles) if args.jsonl else [to_document(a.raw) for a in articles]
    missing = [d.id for d in docs if d.id not in gold]
    if missing:
        sys.exit(f"{len(missing)} documents lost their BASIL id on the way, e.g. {missing[:3]}")
    nlp = load_spacy(settings)

    groups = find_copies(docs, settings)
    canonical_of = {m: g.canonical for g in groups for m in g.members if m != g.canonical}
    docs = [d.model_copy(update={"duplicate_of": canonical_of.get(d.id)}) for d in docs]

    start = time.perf_counter()
    result = stories_module.group_stories(docs, settings, nlp)
    elapsed = time.perf_counter() - start
    p, r, f = bcubed([s.documents for s in result], gold)
    print(f"BASIL: {len(docs)} documents, {len(set(gold.values()))} events, {len(groups)} duplicate groups")
    print(f"stories: {len(result)} in {elapsed:.2f}s")
    print(f"BCubed precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")

    if args.sweep:
        ids = [d.id for d in docs]
        features = stories_module._features(docs, nlp)
        for w in (0.3, 0.4, 0.5, 0.6, 0.7):
            row = []
            for t in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45):
                s = settings.model_copy(update={"story_similarity": t})
                clusters = stories_module._cluster(features, s, (w, 1 - w))
                _, _, f1 = bcubed([[ids[i] for i in c] for c in clusters], gold)
                row.append(f"{t:.2f}:{f1:.3f}")
            print(f"embedding weight {w:.1f}  " + "  ".join(row))


if __name__ == "__main__":
    main()
