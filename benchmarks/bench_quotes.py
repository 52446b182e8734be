"""Direct-quote precision/recall and speaker accuracy on PolNeAR dev.

    python benchmarks/bench_quotes.py [path/to/polnear/data/dev] [--limit N]

Gold: brat attributions (``T<n> Content a b[;c d]``, ``Source``, ``Cue``; ``E<n>`` lines tie
them together).  Measured as the issue defines it:

* a found direct quote is correct when at least half of its word tokens lie inside a gold
  Content span that holds a quotation mark (precision counts every found direct quote);
* a gold Content span holding a quotation mark is recalled when some found quote is correct
  against it;
* speaker accuracy: over correct quotes whose gold Source is a name (has a capitalised word
  and is not a pronoun), the share whose speaker (entity name, aliases, or the text) shares
  a name word with the gold Source.

Each article is its own story (Document.text = the file's text); one spaCy pass.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from storydiff.entities import resolve_entities
from storydiff.model import Document
from storydiff.nlp import load_spacy
from storydiff.quotes import find_quotes
from storydiff.settings import Settings

QUOTE_MARKS = set("\"“”")
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their"}
DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "polnear" / "data" / "dev"


def read_ann(path: Path) -> list[dict]:
    """Attributions: {'content': [(a, b), ...], 'source': [(a, b), ...] or []}."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            ranges = [tuple(int(x) for x in piece.split()) for piece in offsets.split(";")]
            spans[parts[0]] = (label, [r for r in ranges if len(r) == 2])
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    out = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""), ("", []))[1]
        source = spans.get(rel.get("Source", ""), ("", []))[1]
        if content:
            out.append({"content": content, "source": source})
    return out


def token_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\w+", text[start:end])]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dev", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--cache", help="a DocBin file to keep the parses in between runs (development)")
    parser.add_argument("--show", action="store_true", help="print misses and false finds")
    args = parser.parse_args()
    dev = Path(args.dev)
    texts = sorted((dev / "text").glob("*.txt"))
    if args.limit:
        texts = texts[: args.limit]
    if not texts:
        sys.exit(f"no texts under {dev}")
    nlp = load_spacy(Settings())
    docs = [Document(id=p.stem, source_path=str(p), text=p.read_text(encoding="utf-8")) for p in texts]
    t0 = time.time()
    cache = Path(args.cache) if args.cache else None
    if cache and cache.exists():
        from spacy.tokens import DocBin

        parsed = dict(zip((d.id for d in docs), DocBin().from_disk(cache).get_docs(nlp.vocab)))
    else:
        parsed = {d.id: x for d, x in zip(docs, nlp.pipe((d.text for d in docs), batch_size=16))}
        if cache:
            from spacy.tokens import DocBin

            DocBin(docs=list(parsed.values()), store_user_data=True).to_disk(cache)
    t_parse = time.time() - t0

    found_n = correct_n = gold_n = recalled_n = 0
    spk_total = spk_ok = 0
    t0 = time.time()
    for d in docs:
        # Annotation files are named after the text plus a short hash: <stem>_<hash>.ann.
        anns = sorted((dev / "attributions").glob(d.id + "_*.ann")) or [dev / "attributions" / (d.id + ".ann")]
        ann = anns[0]
        if not ann.exists():
            continue
        gold = [g for g in read_ann(ann) if any(c in QUOTE_MARKS for a, b in g["content"] for c in d.text[a:b])]
        entities = resolve_entities([d], {d.id: parsed[d.id]})
        quotes = [q for q in find_quotes([d], {d.id: parsed[d.id]}, entities) if q.kind == "direct"]
        by_id = {e.id: e for e in entities}
        gold_n += len(gold)
        hit_gold: set[int] = set()
        for q in quotes:
            found_n += 1
            toks = [(q.start + a, q.start + b) for a, b in token_spans(d.text, q.start, q.end)]
            match = None
            for gi, g in enumerate(gold):
                inside = sum(1 for a, b in toks if any(ga <= a and b <= gb for ga, gb in g["content"]))
                if toks and inside * 2 >= len(toks):
                    match = gi
                    break
            if match is None:
                if args.show:
                    print(f"FALSE {d.id}: {q.text[:100]!r}")
                continue
            correct_n += 1
            hit_gold.add(match)
            source = " ".join(d.text[a:b] for a, b in gold[match]["source"])
            words = {w.lower() for w in re.findall(r"[A-Z][\w'’-]+", source)} - PRONOUNS
            if not words or source.strip().lower() in PRONOUNS:
                continue
            spk_total += 1
            ours = " ".join(filter(None, [q.speaker_name] + ([by_id[q.speaker].name, *by_id[q.speaker].aliases]
                                                              if q.speaker in by_id else [])))
            our_words = {w.lower() for w in re.findall(r"[\w'’-]+", ours)}
            if words & our_words:
                spk_ok += 1
            elif args.show:
                print(f"SPEAKER {d.id}: gold {source!r} ours {ours!r}: {q.text[:60]!r}")
        recalled_n += len(hit_gold)
        if args.show:
            for gi, g in enumerate(gold):
                if gi not in hit_gold:
                    a, b = g["content"][0]
                    print(f"MISS {d.id}: {d.text[a:b][:100]!r}")
    t_ours = time.time() - t0
    p = correct_n / found_n if found_n else 0.0
    r = recalled_n / gold_n if gold_n else 0.0
    s = spk_ok / spk_total if spk_total else 0.0
    print(f"documents {len(docs)}  parse {t_parse:.1f}s  entities+quotes {t_ours:.1f}s")
    print(f"direct quotes found {found_n}, correct {correct_n}: precision {p:.3f}")
    print(f"gold quoted contents {gold_n}, recalled {recalled_n}: recall {r:.3f}")
    print(f"speaker names the gold source in {spk_ok}/{spk_total}: {s:.3f}")


if __name__ == "__main__":
    main()
