"""Cross-document entity resolution on ECB+ (dev topics), end to end.

    python benchmarks/bench_ecbplus.py                # all documents in one analyze() run
    python benchmarks/bench_ecbplus.py --subtopics    # resolve_entities per gold subtopic (no story clustering)

Key: the gold mentions that contain a proper noun (``propn``), grouped by ``chain``,
singletons included (the acceptance rule). Response: each story's entities; a gold
mention is found when an entity span contains its head token and lies at least half
inside it, one to one (coref_scoring.match_one_to_one). Entities of different stories
are different entities. Gold mentions in a line that cleaning took out of
``Document.text`` (the title) are left out. Scores: MUC, B-cubed, CEAF-e, CoNLL F1, and
detection recall by gold type; and where B-cubed is lost (ecbplus_losses.py).

Baseline beside it, on the same documents and the same grouping (stories, or
subtopics): spaCy NER spans (storydiff's kept types) clustered by the lower-cased lemma
of their root token.

Writes benchmarks/out/bench_ecbplus[-subtopics].json. Needs ../shared/corpora/ecbplus-dev.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from coref_scoring import map_span, match_one_to_one, offset_map, scores  # noqa: E402
from ecbplus_losses import losses  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "ecbplus-dev"
KEPT = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}


def load(corpus: Path):
    gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
    return gold


def key_mentions(gold: dict, documents: dict) -> list[tuple]:
    """(id, doc, start, end, head_start, head_end, chain, type) in cleaned offsets."""
    maps = {d: offset_map(gold["documents"][d]["text"], documents[d].text) for d in documents}
    out = []
    for m in gold["mentions"]:
        if not m["propn"] or m["doc"] not in documents:
            continue
        span = map_span(maps[m["doc"]], m["start"], m["end"])
        hs, he = max(m["head_start"], m["start"]), min(m["head_end"], m["end"])
        head = map_span(maps[m["doc"]], hs, he)
        if span is None or head is None:
            continue
        out.append((m["id"], m["doc"], span[0], span[1], head[0], head[1], m["chain"], m["type"]))
    return out


def evaluate(keys: list[tuple], groups: list[list[tuple]], detail: dict | None = None) -> dict:
    """``groups``: response clusters, each a list of (doc, start, end). ``detail``, when
    given, receives the matching (for ecbplus_losses)."""
    system = []
    owner = {}
    for g, cluster in enumerate(groups):
        for doc, s, e in cluster:
            sid = (doc, s, e, g)
            system.append((sid, doc, s, e))
            owner[sid] = g
    matched = match_one_to_one([k[:6] for k in keys], system)
    if detail is not None:
        detail.update(matched=matched, owner=owner, system=system)
    key_clusters: dict[str, set] = defaultdict(set)
    for k in keys:
        key_clusters[k[6]].add(k[0])
    response: dict[int, set] = defaultdict(set)
    for gid, sid in matched.items():
        response[owner[sid]].add(gid)
    result = scores(list(key_clusters.values()), list(response.values()))
    by_type = Counter(k[7] for k in keys)
    found_type = Counter(k[7] for k in keys if k[0] in matched)
    result["detection_recall"] = round(len(matched) / len(keys), 4) if keys else 0.0
    result["detection_by_type"] = {t: round(found_type[t] / n, 4) for t, n in sorted(by_type.items())}
    result["key_mentions"] = len(keys)
    result["key_chains"] = len(key_clusters)
    return result


def baseline_groups(parsed: dict, doc_groups: list[list[str]]) -> list[list[tuple]]:
    groups = []
    for docs in doc_groups:
        by_lemma: dict[str, list[tuple]] = defaultdict(list)
        for d in docs:
            for ent in parsed[d].ents:
                if ent.label_ in KEPT:
                    by_lemma[ent.root.lemma_.lower()].append((d, ent.start_char, ent.end_char))
        groups.extend(by_lemma.values())
    return groups


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--subtopics", action="store_true", help="gold subtopics as stories, resolve_entities only")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    if not (args.corpus / "gold.json").is_file():
        sys.exit(f"no ECB+ corpus at {args.corpus}")
    gold = load(args.corpus)

    from storydiff.settings import Settings
    from storydiff.nlp import load_spacy

    settings = Settings()
    nlp = load_spacy(settings)
    t0 = time.perf_counter()
    if args.subtopics:
        from storydiff.entities import resolve_entities
        from storydiff.pipeline import load_documents

        documents, _ = load_documents([args.corpus / "all.jsonl"], settings=settings)
        by_id = {d.id: d for d in documents}
        parsed = dict(zip(by_id, nlp.pipe(d.text for d in documents)))
        subtopics: dict[str, list[str]] = defaultdict(list)
        for d in documents:
            subtopics[gold["documents"][d.id]["subtopic"]].append(d.id)
        doc_groups = list(subtopics.values())
        t1 = time.perf_counter()
        groups, group_story = [], []
        for n, ids in enumerate(doc_groups):
            ents = resolve_entities([by_id[i] for i in ids], {i: parsed[i] for i in ids})
            groups.extend([(s.doc, s.start, s.end) for s in e.spans] for e in ents)
            group_story.extend([n] * len(ents))
        resolve_s = time.perf_counter() - t1
        n_stories = len(doc_groups)
    else:
        from storydiff import analyze

        report = analyze([args.corpus / "all.jsonl"], settings)
        by_id = {d.id: d for d in report.documents}
        doc_groups = [s.documents for s in report.stories]
        groups = [[(s.doc, s.start, s.end) for s in e.spans] for st in report.stories for e in st.entities]
        group_story = [n for n, st in enumerate(report.stories) for _ in st.entities]
        resolve_s = time.perf_counter() - t0
        parsed = dict(zip(by_id, nlp.pipe(d.text for d in report.documents)))
        n_stories = len(report.stories)
    keys = key_mentions(gold, by_id)
    detail: dict = {}
    storydiff_scores = evaluate(keys, groups, detail)
    result = {
        "mode": "subtopics" if args.subtopics else "analyze",
        "documents": len(by_id),
        "stories": n_stories,
        "seconds": round(resolve_s, 2),
        "storydiff": storydiff_scores,
        "storydiff_losses": losses(keys, detail["matched"], detail["owner"], group_story,
                                   {d: by_id[d].text for d in by_id}, detail["system"], parsed),
        "baseline_spacy_head_lemma": evaluate(keys, baseline_groups(parsed, doc_groups)),
    }
    out = args.out or ROOT / "benchmarks" / "out" / f"bench_ecbplus{'-subtopics' if args.subtopics else ''}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for name in ("storydiff", "baseline_spacy_head_lemma"):
        r = result[name]
        print(f"{name:28s} CoNLL F1 {r['conll_f1']:.3f}  MUC {r['muc_f']:.3f}  B3 {r['b3_f']:.3f} "
              f"(P {r['b3_p']:.3f} R {r['b3_r']:.3f})  CEAF-e {r['ceafe_f']:.3f}  "
              f"detected {r['detection_recall']:.3f} {r['detection_by_type']}")
    lost = result["storydiff_losses"]
    print(f"B-cubed recall lost, in key mentions of {lost['key_mentions']}: never detected {lost['never_detected']} "
          f"{lost['never_detected_by_reason']}, partners never detected {lost['partners_never_detected']}, "
          f"across stories {lost['across_stories']}, split in a story {lost['split_in_story']}; precision lost "
          f"{lost['wrong_merges']} ({lost['entities_joining_chains']} entities join chains)")
    print(f"{result['documents']} documents, {n_stories} stories, {result['seconds']}s; written to {out}")
    return result


if __name__ == "__main__":
    main()
