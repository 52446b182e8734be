"""A repeatable audit of a report's findings, judged by reading the sentences.

    python benchmarks/audit.py REPORT --status conflict --n 60 --seed 1 --verdicts V.jsonl
    python benchmarks/audit.py REPORT --status omission --n 40 --seed 1 --verdicts V.jsonl
    python benchmarks/audit.py --tally V.jsonl [RECALL.jsonl ...]

The first form prints a seeded sample of findings (status ``conflict``, ``agree``,
``compatible``, ``updated``, ``differs`` or ``omission``) with every sentence behind each,
for a person to judge, and writes a verdict file: one JSON line per finding with its
story, id and documents, and an empty ``verdict`` to fill in. The verdict file holds ids
and the judge's own words only, never the articles' text (the corpora stay outside the
project). ``--tally`` counts a filled file's verdicts and gives the precision.

Verdicts: for comparisons ``real`` (a real disagreement / a right agreement), ``different
facts`` (the values answer different questions), ``misread`` (a value read wrongly),
``compatible`` (both can be true), ``update`` (a later article's newer figure); for
omissions ``real``, ``mentioned`` (the article does report it, in other words), ``not a
fact`` (background, a bare date), ``other story`` (the article reports another event).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import textwrap
from collections import Counter
from pathlib import Path

COMPARISON_VERDICTS = ("real", "different facts", "misread", "compatible", "update")
OMISSION_VERDICTS = ("real", "mentioned", "not a fact", "other story")


def findings(report: dict, status: str) -> list[tuple[dict, dict]]:
    """(story, finding) pairs of one status, in report order."""
    out = []
    for story in report["stories"]:
        if status == "omission":
            out.extend((story, o) for o in story["omissions"])
        else:
            out.extend((story, k) for k in story["comparisons"] if k["status"] == status)
    return out


def _show(text: str, indent: str = "      ") -> str:
    return textwrap.fill(" ".join(text.split()), width=110, initial_indent=indent, subsequent_indent=indent)


def describe(story: dict, finding: dict, docs: dict[str, dict]) -> str:
    """The finding as a reader meets it: topic, each document's value and sentences."""
    claims = {c["id"]: c for c in story["claims"]}
    lines = []
    if "fact" in finding:  # an omission
        lines.append(f"  fact: {finding['fact']}")
        for cid in finding["claims"]:
            c = claims.get(cid)
            if c:
                lines.append(f"    [{c['doc']}] {c['text']!r}")
                lines.append(_show(c["sentence"]))
        for doc in finding["missing_from"]:
            d = docs.get(doc, {})
            lines.append(f"    missing from [{doc}] {d.get('title') or ''} ({d.get('published') or 'undated'})")
            lines.append(_show(d.get("text", "")[:1500]))
        return "\n".join(lines)
    lines.append(f"  topic: {finding['topic']}   status: {finding['status']}")
    lines.append(f"  why: {finding.get('explanation') or ''}")
    for doc, stated in finding["by_document"].items():
        d = docs.get(doc, {})
        who = f" (per {stated['attributed_to']})" if stated.get("attributed_to") else ""
        lines.append(f"    [{doc}] {d.get('published') or 'undated'}: {stated['value']}{who}")
        for cid in stated["claims"]:
            c = claims.get(cid)
            if c:
                lines.append(_show(c["sentence"]))
    return "\n".join(lines)


def sample(report_path: Path, status: str, n: int, seed: int, verdicts: Path | None) -> None:
    report = json.loads(report_path.read_text())
    docs = {d["id"]: d for d in report["documents"]}
    pool = findings(report, status)
    chosen = random.Random(seed).sample(pool, min(n, len(pool)))
    print(f"{len(pool)} findings of status {status!r}; {len(chosen)} sampled with seed {seed}\n")
    rows = []
    for i, (story, finding) in enumerate(chosen, 1):
        key = finding.get("id") or f"O{story['omissions'].index(finding) + 1}"
        print(f"#{i} story {story['id']} {key}: {story['headline']}")
        print(describe(story, finding, docs))
        print()
        rows.append({
            "n": i, "story": story["id"], "finding": key, "status": status,
            "documents": sorted(finding.get("by_document") or finding.get("reported_by", []) + finding.get("missing_from", [])),
            "verdict": "", "note": "",
        })
    if verdicts:
        header = {"report": report_path.name, "status": status, "seed": seed, "n": len(chosen), "pool": len(pool)}
        verdicts.parent.mkdir(parents=True, exist_ok=True)
        verdicts.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [header, *rows]) + "\n")
        print(f"verdict template: {verdicts}", file=sys.stderr)


def tally(path: Path) -> dict:
    lines = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    if lines and "disagreements_found_by_reader" in lines[0]:
        # a recall check: stories read in full, the disagreements a reader found and what was reported
        keys = ("disagreements_found_by_reader", "reported_as_conflict", "reported_as_differs")
        return {"file": path.name, "stories": len(lines), **{k: sum(r.get(k, 0) for r in lines) for k in keys}}
    header, rows = lines[0], lines[1:]
    allowed = OMISSION_VERDICTS if header["status"] == "omission" else COMPARISON_VERDICTS
    counts = Counter(r["verdict"] for r in rows)
    unknown = set(counts) - set(allowed)
    if unknown:
        raise SystemExit(f"{path}: verdicts not in {allowed}: {sorted(unknown)}")
    judged = sum(counts.values())
    return {**header, "judged": judged, "verdicts": dict(counts),
            "precision": round(counts["real"] / judged, 3) if judged else None}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report", type=Path, nargs="?")
    parser.add_argument("--status", default="conflict")
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--verdicts", type=Path, help="write a verdict template here")
    parser.add_argument("--tally", type=Path, nargs="*", help="count the verdicts of filled files")
    args = parser.parse_args()
    if args.tally:
        for path in args.tally:
            print(json.dumps(tally(path)))
        return 0
    if args.report is None:
        parser.error("give a REPORT to sample, or --tally FILES")
    sample(args.report, args.status, args.n, args.seed, args.verdicts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
