"""Attribution conflicts judged by reading: a seeded sample, printed with each side's sentences.

    python benchmarks/bench_analyze.py --dump STORIES.json        # BASIL, the report's stories
    python benchmarks/audit_quotes.py STORIES.json --n 30 --seed 1 --verdicts V.jsonl
    python benchmarks/audit_quotes.py --tally V.jsonl

The first form prints up to ``--n`` of the report's attribution conflicts (``quote_conflicts``),
chosen with ``--seed``, each quote with its document, its speaker as resolved (entity name)
and as written, its cue, and the text around it (BASIL is read and cleaned again, so the
offsets are those of the report). A person reads each and fills in the verdict file: one
JSON line per conflict with its story and quote ids, an empty ``verdict`` and ``note``.
Verdicts: ``real`` (the outlets give the words to different people), ``same person`` (one
speaker under two names or descriptions), ``misattributed`` (storydiff gave a quote to the
wrong speaker in at least one document), ``not the same quote``. The verdict file holds ids
and the judge's own words only, never the articles' text. ``--tally`` gives the precision
(the share ``real``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import textwrap
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

VERDICTS = ("real", "same person", "misattributed", "not the same quote")


def _texts() -> dict[str, str]:
    from basil import load_basil, write_jsonl

    from storydiff.pipeline import load_documents

    with tempfile.TemporaryDirectory() as tmp:
        path = write_jsonl(load_basil(), Path(tmp) / "basil.jsonl")
        documents, _ = load_documents([path])
    return {d.id: d.text for d in documents}


def sample(stories_path: Path, n: int, seed: int, verdicts: Path | None) -> None:
    stories = json.loads(stories_path.read_text(encoding="utf-8"))
    pool = [(s, c) for s in stories for c in s.get("quote_conflicts", [])]
    chosen = sorted(random.Random(seed).sample(range(len(pool)), min(n, len(pool))))
    texts = _texts()
    print(f"{len(pool)} attribution conflicts; {len(chosen)} sampled with seed {seed}\n")
    rows = []
    for k, i in enumerate(chosen, 1):
        story, conflict = pool[i]
        names = {e["id"]: e["name"] for e in story["entities"]}
        quotes = {q["id"]: q for q in story["quotes"]}
        print(f"#{k} story {story['id']}  quotes {', '.join(conflict['quotes'])}")
        for qid in conflict["quotes"]:
            q = quotes[qid]
            text = texts.get(q["doc"], "")
            around = text[max(0, q["start"] - 250):q["end"] + 150].replace("\n", " ")
            speaker = names.get(q["speaker"], q["speaker"]) if q["speaker"] else None
            print(f"  [{q['doc']}] {qid} speaker={speaker!r} as written={q['speaker_name']!r} cue={q['cue']!r}")
            print(textwrap.indent(textwrap.fill(around, 110), "      "))
        print()
        rows.append({"n": k, "story": story["id"], "quotes": conflict["quotes"],
                     "docs": sorted(conflict["speakers"]), "verdict": "", "note": ""})
    if verdicts:
        header = {"report": stories_path.name, "seed": seed, "n": len(chosen), "pool": len(pool)}
        verdicts.write_text("\n".join(json.dumps(r) for r in [header, *rows]) + "\n", encoding="utf-8")
        print(f"verdict file written to {verdicts}")


def tally(path: Path) -> dict:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    header, rows = lines[0], lines[1:]
    counts = Counter(r["verdict"] for r in rows)
    unknown = set(counts) - set(VERDICTS)
    if unknown:
        sys.exit(f"{path}: verdicts not in {VERDICTS}: {sorted(unknown)}")
    judged = sum(counts.values())
    result = {"pool": header.get("pool"), "judged": judged, **counts,
              "precision": round(counts["real"] / judged, 3) if judged else None}
    print(json.dumps(result))
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stories", nargs="?", type=Path)
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--verdicts", type=Path)
    parser.add_argument("--tally", type=Path)
    args = parser.parse_args(argv)
    if args.tally:
        tally(args.tally)
    elif args.stories:
        sample(args.stories, args.n, args.seed, args.verdicts)
    else:
        parser.error("give a stories file or --tally")


if __name__ == "__main__":
    main()
