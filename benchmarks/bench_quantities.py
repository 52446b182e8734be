"""Value-level precision/recall/F1 of quantity extraction on invented annotated news sentences.

    python benchmarks/bench_quantities.py [benchmarks/data/quantities.jsonl]

A predicted quantity matches a gold one when amount, low, high and unit agree (bounds
within 1%); each gold item is matched at most once. Units are the normalised symbols of
numbers.py ('t', 'ha', 'year'). A score or vote counts as its sides ('passed by 312 to
198': 312 and 198); a reference value ('fell to 5.2% from 5.9%': 5.9), which comparisons
leave out, is left out here too.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from storydiff.claims import extract_claims
from storydiff.model import Document
from storydiff.nlp import load_spacy
from storydiff.settings import Settings

DATA = Path(__file__).parent / "data" / "quantities.jsonl"


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 0.01 * max(abs(a), abs(b), 1e-9)


def _match(pred: dict, gold: dict) -> bool:
    return (
        _close(pred["amount"], gold["amount"])
        and _close(pred.get("low"), gold.get("low"))
        and _close(pred.get("high"), gold.get("high"))
        and (pred.get("unit") or None) == (gold.get("unit") or None)
    )


def main(path: Path = DATA) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = load_spacy(Settings())
    tp = fp = fn = 0
    started = time.perf_counter()
    for i, row in enumerate(rows):
        doc = Document(id=f"s{i}", source_path="-", text=row["text"], published="2031-01-01")
        claims = extract_claims([doc], {doc.id: nlp(row["text"])}, [], [])
        preds = []
        for c in claims:
            if c.kind != "quantity" or c.value.reference:
                continue
            v = c.value.model_dump()
            preds.extend([{**v, "amount": side} for side in v["sides"]] if v["sides"] else [v])
        gold = list(row["gold"])
        for p in preds:
            hit = next((g for g in gold if _match(p, g)), None)
            if hit is not None:
                gold.remove(hit)
                tp += 1
            else:
                fp += 1
                print(f"  FP {p['amount']} {p.get('low')}-{p.get('high')} {p.get('unit')}  | {row['text']}")
        for g in gold:
            fn += 1
            print(f"  FN {g}  | {row['text']}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"sentences={len(rows)} tp={tp} fp={fp} fn={fn}  P={p:.3f} R={r:.3f} F1={f:.3f}  ({time.perf_counter() - started:.1f}s)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA)
