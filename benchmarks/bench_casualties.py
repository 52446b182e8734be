"""Casualty counts per shooting incident against the Gun Violence Archive (gvc-dev).

For every incident of ``../shared/corpora/gvc-dev`` this finds the story that holds most
of its articles and reads that story's killed and injured counts from its comparisons:

* the comparison whose ``role`` is ``killed`` (``injured``, ``shot``) and that the most
  documents state (the larger value on a tie); reports without roles (older versions)
  fall back to the claims' predicates; ``differs`` rows are not established and are left out;
* its value: the latest document's for an ``updated`` count, the largest for a
  ``compatible`` one (the figure every statement allows), else the value most documents
  give; a count no comparison states is 0, as the Archive writes it;
* the Archive's injured are those shot who survived: a story with no injured count but a
  count of people shot has injured = shot - killed.

It prints, for killed and injured alike, the share of incidents whose count equals the
Archive's, beside the share that answering 0 every time would get, and the number of
conflicts the stories report (a count of what a reader must check, not a score).

    python benchmarks/bench_casualties.py                 # analyse gvc-dev, then score
    python benchmarks/bench_casualties.py --report R.json # score a report already written
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GVC_DIR = ROOT.parent / "shared" / "corpora" / "gvc-dev"

ROLES = ("killed", "injured", "shot")
KILL_WORDS = {"kill", "die", "death", "dead", "perish", "killing", "fatal", "murder", "slay"}
INJURE_WORDS = {"injure", "wound", "hurt", "injury", "hospitalise", "hospitalize", "hospital", "treat"}
"""For reports without roles (before comparisons had them): the predicate classes of the time."""


def _role_of(comparison: dict, claims: dict[str, dict]) -> str | None:
    """The casualty role a comparison answers: its own ``role`` field, else its claims' predicates."""
    role = comparison.get("role")
    if "role" in comparison:
        return role if role in ROLES else None
    terms: set[str] = set()
    for cid in comparison["claims"]:
        value = claims.get(cid, {}).get("value", {})
        if value.get("type") != "quantity" or value.get("unit"):
            return None
        terms.update(value.get("predicate_terms") or [])
    if terms & KILL_WORDS:
        return "killed"
    if terms & INJURE_WORDS:
        return "injured"
    return None


def _amount(cids: list[str], claims: dict[str, dict]) -> float | None:
    """A document's stated count: the sum of parts stated together, else the largest statement."""
    values = [claims[c]["value"] for c in cids if c in claims and claims[c]["value"].get("type") == "quantity"]
    if not values:
        return None
    amounts = [_figure(v) for v in values]
    if len(values) > 1 and len({v.get("predicate_start") for v in values}) == 1:
        return sum(amounts)
    return max(amounts)


def _figure(value: dict) -> float:
    """The figure a statement commits to: its amount, or for an open range of vague words
    ('several', 'dozens': a midpoint is no statement) its lower bound."""
    if value.get("qualifier") and value.get("high") is None and value.get("low") is not None:
        return value["low"]
    return value["amount"]


def story_counts(story: dict, published: dict[str, str]) -> dict[str, int]:
    """The story's killed and injured counts as its comparison table states them.

    The Archive's 'injured' is people shot who survived: where the story states no injured
    count but does state how many were shot, injured is those shot less those killed."""
    claims = {c["id"]: c for c in story["claims"]}
    best: dict[str, tuple[int, float]] = {}
    for k in story["comparisons"]:
        if k["status"] == "differs":
            continue
        role = _role_of(k, claims)
        if role is None:
            continue
        per_doc = {doc: _amount(sv["claims"], claims) for doc, sv in k["by_document"].items()}
        per_doc = {d: v for d, v in per_doc.items() if v is not None}
        if not per_doc:
            continue
        if k["status"] == "updated":
            value = per_doc[max(per_doc, key=lambda d: (published.get(d) or "", per_doc[d]))]
        elif k["status"] == "compatible":
            value = max(per_doc.values())  # the most specific figure every statement allows
        else:
            counts = Counter(per_doc.values())
            value = max(counts, key=lambda v: (counts[v], v))
        key = (len(per_doc), value)
        if role not in best or key > best[role]:
            best[role] = key
    found = {role: int(round(best[role][1])) for role in best}
    killed = found.get("killed", 0)
    injured = found.get("injured")
    if injured is None:
        injured = max(found.get("shot", 0) - killed, 0)
    return {"killed": killed, "injured": injured}


def score(report: dict, gold: dict) -> dict:
    story_of = {d: s["id"] for s in report["stories"] for d in s["documents"]}
    stories = {s["id"]: s for s in report["stories"]}
    published = {d["id"]: d.get("published") for d in report["documents"]}
    by_incident: dict[str, list[str]] = defaultdict(list)
    for doc, incident in gold["stories"].items():
        by_incident[incident].append(doc)
    hits = Counter()
    zero = Counter()
    conflicts = []
    rows = []
    for incident, docs in sorted(by_incident.items()):
        truth = gold["incidents"][incident]
        sids = Counter(story_of[d] for d in docs if d in story_of)
        if not sids:
            continue
        story = stories[sids.most_common(1)[0][0]]
        found = story_counts(story, published)
        n_conflicts = sum(1 for k in story["comparisons"] if k["status"] == "conflict")
        conflicts.append(n_conflicts)
        for role in ("killed", "injured"):
            hits[role] += found[role] == truth[role]
            zero[role] += truth[role] == 0
        rows.append({"incident": incident, "gold": {r: truth[r] for r in ("killed", "injured")}, "found": found,
                     "story": story["id"], "conflicts": n_conflicts, "docs": len(docs)})
    n = len(rows)
    return {
        "incidents": n,
        "killed_equal": round(hits["killed"] / n, 3),
        "injured_equal": round(hits["injured"] / n, 3),
        "killed_always_zero": round(zero["killed"] / n, 3),
        "injured_always_zero": round(zero["injured"] / n, 3),
        "conflicts": sum(conflicts),
        "stories_with_conflicts": sum(1 for c in conflicts if c),
        "rows": rows,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--report", type=Path, help="a JSON report of gvc-dev/articles.jsonl already written")
    parser.add_argument("--out", type=Path, help="write the per-incident rows here (JSON)")
    parser.add_argument("--save", type=Path, help="keep the report it analysed here (JSON), to read and audit")
    args = parser.parse_args()
    if not (GVC_DIR / "gold.json").exists():
        print(f"no gvc-dev corpus at {GVC_DIR}", file=sys.stderr)
        return 1
    gold = json.loads((GVC_DIR / "gold.json").read_text())
    if args.report:
        report = json.loads(args.report.read_text())
    else:
        from storydiff import analyze

        t0 = time.perf_counter()
        text = analyze([GVC_DIR / "articles.jsonl"]).model_dump_json()
        if args.save:
            args.save.write_text(text)
        report = json.loads(text)
        print(f"analysed in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    result = score(report, gold)
    rows = result.pop("rows")
    print(json.dumps(result, indent=1))
    if args.out:
        args.out.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
