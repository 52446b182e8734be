"""Claims aligned across documents and compared; what each document leaves out.

Alignment asks whether two claims answer the same question: the same counted thing and
what happened to it (quantities), the same event (dates). Candidates are blocked by
claim kind and by counted noun / predicate term, so work grows with the number of claims
sharing a key, not with all pairs; within a block the sentence embeddings (with the value
masked, so that "15" and "21" do not decide) confirm the match. Clusters are built by
union-find from the strongest links down, refusing merges that would put two different
things one document distinguishes (officers and residents injured) into one question.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from .dates import date_range
from .embed import Encoder
from .model import Claim, Comparison, DateValue, Document, Entity, Omission, QuantityValue, StatedValue
from .quantities import format_amount, interval

# Predicates that news uses interchangeably for one fact. General vocabulary, not
# story-specific: grouped so that "injured" and "wounded" count as one question.
PREDICATE_CLASSES = [
    {"injure", "wound", "hurt", "injury", "hospitalise", "hospitalize", "hospital", "treat"},
    {"kill", "die", "death", "dead", "perish", "killing"},
    {"seize", "confiscate", "take", "impound", "seizure"},
    {"arrest", "detain", "apprehend", "arrested", "custody"},
    {"live", "reside", "inhabit", "house", "remain", "stay", "home", "shelter"},
    {"evacuate", "displace", "flee"},
    {"attend", "gather", "march", "protest", "join"},
]
SENT_SIM_LINK = 0.45
"""Masked-sentence similarity needed, on top of a shared predicate, to link two claims
whose counted nouns differ ('members' / 'camp residents'). Below it, outlets describe
different things; measured on the demo corpus and invented pairs."""
SENT_SIM_SAME_HEAD = 0.30
"""With the same counted noun and predicate the question is clear; the embedding only
rules out unrelated contexts."""
SENT_SIM_DATE = 0.45
"""Dates: shared event word plus this masked-sentence similarity."""
SENT_SIM_HALF_PREDICATE = 0.6
"""Same counted noun but one predicate unknown (a misparse): link only on a close context."""
MAX_BLOCK = 60
"""Blocks larger than this (a very common predicate) are skipped: their pairs would be
quadratic and their links weak."""
OMISSION_SIM = 0.55
"""A document 'mentions' a fact when one of its sentences reaches this similarity with a
sentence reporting it; below it in every sentence, the fact is missing. High enough that
a loosely related sentence does not hide an omission, low enough that rewordings count as
mentions (precision first: better to miss an omission than to claim a false one)."""


@dataclass
class _Unit:
    """One document's statement: a claim, or co-predicated parts that add up to a total."""

    claims: list[Claim]
    doc: str
    kind: str
    low: float | str
    high: float | str
    heads: set[str] = field(default_factory=set)
    terms: list[str] = field(default_factory=list)
    text: str = ""
    vec: np.ndarray | None = None
    attributed_to: str | None = None
    composite: bool = False


def _stem(word: str) -> str:
    """Crude nominalisation match ('agreement' ~ 'agree', 'injury' ~ 'injure')."""
    return word[:5] if len(word) > 5 else word


def _pred_keys(terms: list[str] | set[str]) -> set[str]:
    """The governing verb itself (first term) and any synonym class of the verb or its
    prepositional objects ('taken to hospital with injuries' ~ 'injured')."""
    terms = list(terms)
    if not terms:
        return set()
    keys = {"t:" + _stem(terms[0])}
    # a class named by the verb's prepositional object overrides the verb's own class:
    # 'remain in custody' is about detention, 'taken to hospital' about injuries
    prep_classes = {f"class:{i}" for i, cls in enumerate(PREDICATE_CLASSES) if set(terms[1:]) & cls}
    verb_classes = {f"class:{i}" for i, cls in enumerate(PREDICATE_CLASSES) if terms[0] in cls}
    return keys | (prep_classes or verb_classes)


def _masked(c: Claim) -> str:
    rel_s, rel_e = c.start - c.sentence_start, c.end - c.sentence_start
    if 0 <= rel_s <= rel_e <= len(c.sentence):
        return c.sentence[:rel_s] + "[NUM]" + c.sentence[rel_e:]
    return c.sentence


def _units(claims: list[Claim]) -> list[_Unit]:
    units: list[_Unit] = []
    by_pred: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for c in claims:
        v = c.value
        if c.negated:
            continue
        if isinstance(v, QuantityValue):
            if v.counted == "age":
                continue
            lo, hi = interval(v.amount, v.low, v.high)
            units.append(_Unit([c], c.doc, "quantity", lo, hi, {v.counted_head} if v.counted_head else set(),
                               list(v.predicate_terms), v.counted or "", attributed_to=c.attributed_to))
            if v.predicate_start is not None:
                by_pred[(c.doc, v.predicate_start)].append(c)
        elif isinstance(v, DateValue):
            lo, hi = date_range(v.date, v.low, v.high)
            units.append(_Unit([c], c.doc, "date", lo, hi, set(), list(v.event_terms), v.event or "",
                               attributed_to=c.attributed_to))
    # parts that add up: several amounts of one verb in one sentence ('seized 40 rifles and 25 pistols')
    for (doc, _), parts in by_pred.items():
        parts = [p for p in parts if isinstance(p.value, QuantityValue) and p.value.counted_head]
        units_ = {p.value.unit for p in parts}
        if len(parts) < 2 or len(units_) != 1:
            continue
        lows, highs = zip(*(interval(p.value.amount, p.value.low, p.value.high) for p in parts))
        units.append(_Unit(parts, doc, "quantity", sum(lows), sum(highs),
                           {p.value.counted_head for p in parts}, list(parts[0].value.predicate_terms),
                           " and ".join(p.value.counted for p in parts),
                           attributed_to=parts[0].attributed_to, composite=True))
    return units


def _overlap(a: _Unit, b: _Unit) -> bool:
    """Ranges share a value. Two ranges that only touch at an end ('thousands' from 2,000,
    'over 1,000' up to 2,000) do not: each bound is a reading convention, not a statement."""
    if a.low < b.high and b.low < a.high:
        return True
    if a.low == a.high or b.low == b.high:
        return a.low <= b.high and b.low <= a.high
    return False


def _sim(a: _Unit, b: _Unit) -> float:
    return float(a.vec @ b.vec) if a.vec is not None and b.vec is not None else 0.0


def _words(u: _Unit) -> set[str]:
    return {w.rstrip("s") for w in u.text.split()}


def _link(a: _Unit, b: _Unit, sim: float) -> float | None:
    """Strength of 'same question', or None, given the units' masked-sentence similarity.

    Every test on ``sim`` is 'at least a threshold', so ``_link(a, b, 1.0) is None`` means
    no similarity could link the pair: compare_claims uses that to encode only the
    sentences of units that have a possible partner."""
    if a.kind != b.kind or a.doc == b.doc:
        return None
    if a.kind == "date":
        if not ({_stem(t) for t in a.terms} & {_stem(t) for t in b.terms}):
            return None
        return 1 + sim if sim >= SENT_SIM_DATE else None
    ua = {c.value.unit for c in a.claims}
    ub = {c.value.unit for c in b.claims}
    if ua != ub:
        return None
    if a.terms and b.terms and not (_pred_keys(a.terms) & _pred_keys(b.terms)):
        return None
    if a.composite or b.composite:
        # a sum only stands for the total it explains, and only for a thing the parts share a word with
        if a.composite and b.composite:
            return None
        # parts are kinds of the total ('rifles' and 'pistols' of 'weapons'): a shared word or a close context
        if not _overlap(a, b) or not (_words(a) & _words(b) or sim >= SENT_SIM_LINK):
            return None
        return 2 + sim
    if not a.terms or not b.terms:
        if a.heads and a.heads == b.heads and sim >= SENT_SIM_HALF_PREDICATE:
            return 1 + sim
        return None
    if a.heads and b.heads:
        if a.heads & b.heads:
            return 2 + sim if sim >= SENT_SIM_SAME_HEAD else None
        return 1 + sim if sim >= SENT_SIM_LINK else None
    return None  # a claim with no counted noun attaches later, if clearly


def _distinct(a: _Unit, b: _Unit) -> bool:
    """Two statements of one document that cannot be one question."""
    if a.doc != b.doc:
        return False
    if set(map(id, a.claims)) & set(map(id, b.claims)):
        return False if not (a.composite or b.composite) else True
    if a.heads and b.heads and not (a.heads & b.heads):
        return True
    same_sentence = a.claims[0].sentence_start == b.claims[0].sentence_start
    # one document rarely contradicts itself: disjoint values there mean two questions
    return (same_sentence and a.kind == "quantity") or not _overlap(a, b)


def compare_claims(
    claims: list[Claim], docs: list[Document], entities: list[Entity], encoder: Encoder
) -> list[Comparison]:
    """Comparisons (K1, K2, ...) between canonical documents, and single-source claims."""
    canonical = {d.id for d in docs if d.duplicate_of is None}
    names = {e.id: e.name for e in entities}
    units = _units([c for c in claims if c.doc in canonical and c.kind in ("quantity", "date")])
    if not units:
        return []

    # blocking: a pair is scored only when it shares a key
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        keys = {f"{u.kind}:h:{h}" for h in u.heads} | {f"{u.kind}:{k}" for k in _pred_keys(u.terms)}
        if u.kind == "date":
            keys |= {f"date:t:{_stem(t)}" for t in u.terms}
        for k in keys:
            blocks[k].append(i)
    # Pairs that some similarity could link, in the order blocks first meet them. Most
    # units (a figure only one document gives) have none: their sentences are never
    # encoded, which is most of the encoder's work saved, with the same links.
    candidates: dict[tuple[int, int], None] = {}
    seen: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) > MAX_BLOCK:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if (i, j) not in seen:
                    seen.add((i, j))
                    if _link(units[i], units[j], 1.0) is not None:
                        candidates[(i, j)] = None
    headless = _headless_candidates(units)
    needed = sorted({i for pair in candidates for i in pair} | {i for pair in headless for i in pair})
    vecs = encoder.encode([_masked(units[i].claims[0]) if not units[i].composite else units[i].claims[0].sentence
                           for i in needed])
    for i, v in zip(needed, vecs):
        units[i].vec = v
    pairs: dict[tuple[int, int], float] = {}
    for i, j in candidates:
        score = _link(units[i], units[j], _sim(units[i], units[j]))
        if score is not None:
            pairs[(i, j)] = score

    # a total explained by a sum is not also compared with the sum's parts
    for (i, j) in list(pairs):
        comp, other = (i, j) if units[i].composite else (j, i) if units[j].composite else (None, None)
        if comp is None:
            continue
        part_ids = set(map(id, units[comp].claims))
        for (p, q) in list(pairs):
            if other in (p, q):
                k = q if p == other else p
                if not units[k].composite and id(units[k].claims[0]) in part_ids:
                    pairs.pop((p, q), None)

    parent = list(range(len(units)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(units))}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> bool:
        ri, rj = find(i), find(j)
        if ri == rj:
            return True
        if any(_distinct(units[a], units[b]) for a in members[ri] for b in members[rj]):
            return False
        parent[rj] = ri
        members[ri].extend(members.pop(rj))
        return True

    for (i, j), _ in sorted(pairs.items(), key=lambda kv: -kv[1]):
        union(i, j)

    _attach_headless(units, headless, find, union)

    comparisons: list[Comparison] = []
    used: set[int] = set()
    for root, group in sorted(members.items(), key=lambda kv: min(units[i].claims[0].start for i in kv[1])):
        docs_in = {units[i].doc for i in group}
        if len(docs_in) < 2:
            continue
        used.update(group)
        comparisons.append(_compare_group([units[i] for i in group], names))
    # single-source: a quantity or date only one canonical document states
    cluster_claims = {id(c) for i in used for c in units[i].claims}
    for i, u in enumerate(units):
        if i in used or u.composite or id(u.claims[0]) in cluster_claims:
            continue
        c = u.claims[0]
        if u.kind == "quantity" and not (u.heads and c.value.predicate):
            continue  # too little context to be a readable finding
        if u.kind == "date" and not u.terms:
            continue
        comparisons.append(Comparison(
            id="K0", topic=_topic([u]), status="single-source", claims=[c.id],
            by_document={u.doc: StatedValue(value=c.text, attributed_to=_name(c.attributed_to, names), claims=[c.id])},
            explanation="only one document states this",
        ))
    return [k.model_copy(update={"id": f"K{i + 1}"}) for i, k in enumerate(comparisons)]


def _headless_candidates(units: list[_Unit]) -> list[tuple[int, int]]:
    """(headless unit, candidate question unit) pairs that _attach_headless scores, in its order."""
    pairs: list[tuple[int, int]] = []
    for i, u in enumerate(units):
        if u.heads or u.composite or u.kind != "quantity":
            continue
        for j, w in enumerate(units):
            if j == i or w.doc == u.doc or w.kind != "quantity" or not w.heads:
                continue
            if {c.value.unit for c in u.claims} != {c.value.unit for c in w.claims}:
                continue
            if not (_pred_keys(u.terms) & _pred_keys(w.terms)):
                continue
            pairs.append((i, j))
    return pairs


def _attach_headless(units: list[_Unit], candidates: list[tuple[int, int]], find, union) -> None:
    """Claims with no counted noun ('over 100 injured') join the question they clearly fit
    (candidates: from _headless_candidates, grouped by headless unit)."""
    by_unit: dict[int, list[int]] = defaultdict(list)
    for i, j in candidates:
        by_unit[i].append(j)
    for i, js in by_unit.items():
        u = units[i]
        best: dict[int, float] = {}
        for j in js:
            w = units[j]
            s = _sim(u, w)
            if s >= SENT_SIM_LINK:
                r = find(j)
                best[r] = max(best.get(r, 0.0), s)
        # two candidate questions ('officers injured', 'residents injured'): the claim does not
        # say which it answers, so it answers none (precision first)
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        if len(ranked) != 1:
            continue
        union(ranked[0][0], i)


def _name(who: str | None, names: dict[str, str]) -> str | None:
    return names.get(who, who) if who else None


def _stated(u: _Unit) -> str:
    if u.composite:
        total = format_amount((u.low + u.high) / 2) if isinstance(u.low, float) else ""
        return " + ".join(c.text + (" " + c.value.counted if c.value.counted else "") for c in u.claims) + (
            f" (about {total} in all)" if total else ""
        )
    c = u.claims[0]
    if u.kind == "quantity" and c.value.counted:
        return f"{c.text} {c.value.counted}"
    return c.text


def _topic(group: list[_Unit]) -> str:
    u = max(group, key=lambda x: (not x.composite, bool(x.terms), len(x.text)))
    c = u.claims[0]
    if u.kind == "quantity":
        v = c.value
        counted = v.counted if not u.composite else u.text
        return " ".join(x for x in (counted or "number", v.predicate) if x)
    return f"date: {c.value.event}" if c.value.event else "date"


def _compare_group(group: list[_Unit], names: dict[str, str]) -> Comparison:
    by_doc: dict[str, list[_Unit]] = defaultdict(list)
    for u in group:
        by_doc[u.doc].append(u)
    conflicts: list[tuple[_Unit, _Unit]] = []
    all_equal = True
    pairs_checked = 0
    for a in group:
        for b in group:
            if a.doc >= b.doc:
                continue
            pairs_checked += 1
            if not _overlap(a, b):
                conflicts.append((a, b))
            if (a.low, a.high) != (b.low, b.high) or a.composite or b.composite:
                all_equal = False
    by_document = {}
    for doc, us in by_doc.items():
        claim_ids = [c.id for u in us for c in u.claims]
        speakers = [u.attributed_to for u in us if u.attributed_to]
        by_document[doc] = StatedValue(
            value="; ".join(dict.fromkeys(_stated(u) for u in us)),
            attributed_to=_name(speakers[0], names) if speakers else None,
            claims=list(dict.fromkeys(claim_ids)),
        )
    all_ids = list(dict.fromkeys(c.id for u in group for c in u.claims))
    topic = _topic(group)
    if conflicts:
        # only named authorities dispute; an outlet's own voice is not a side
        sides = {_name(u.attributed_to, names) for pair in conflicts for u in pair if u.attributed_to}
        disputed = sorted(sides) if len(sides) >= 2 else []
        a, b = conflicts[0]
        explanation = f"{_stated(a)} ({a.doc}) vs {_stated(b)} ({b.doc}): the stated ranges do not overlap"
        if len(disputed) >= 2:
            explanation += "; disputed between " + " and ".join(disputed)
        return Comparison(id="K0", topic=topic, status="conflict", claims=all_ids, by_document=by_document,
                          disputed_between=disputed, explanation=explanation)
    if all_equal:
        return Comparison(id="K0", topic=topic, status="agree", claims=all_ids, by_document=by_document,
                          explanation="the same value in every document")
    why = "the values fall within each other's stated bounds or rounding"
    if any(u.composite for u in group):
        why = "parts stated by one document add up to the total stated by another"
    elif group[0].kind == "date":
        why = "the dates overlap (one is stated at a coarser granularity or as a range)"
    return Comparison(id="K0", topic=topic, status="compatible", claims=all_ids, by_document=by_document,
                      explanation=why)


# --- omissions -------------------------------------------------------------------------

_SENT_SPLIT = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“‘'])|\n\s*\n")


def _sentences(text: str) -> list[str]:
    """A plain regex split: find_omissions gets no parse, and similarity needs only rough sentences."""
    return [s.strip() for s in _SENT_SPLIT.split(text) if len(s.strip()) > 20]


def find_omissions(
    claims: list[Claim], docs: list[Document], comparisons: list[Comparison], encoder: Encoder
) -> list[Omission]:
    """Facts two or more canonical documents report that another does not mention at all."""
    canonical = [d for d in docs if d.duplicate_of is None]
    if len(canonical) < 3:
        return []
    by_id = {c.id: c for c in claims}
    candidates = []
    for k in comparisons:
        if k.status == "single-source" or len(k.by_document) < 2:
            continue
        missing = [d for d in canonical if d.id not in k.by_document]
        if missing:
            candidates.append((k, missing))
    if not candidates:
        return []
    doc_sents: dict[str, list[str]] = {}
    omissions: list[Omission] = []
    for k, missing in candidates:
        reporting = [by_id[c] for c in k.claims if c in by_id]
        if not reporting:
            continue
        facts = list(dict.fromkeys(c.sentence for c in reporting))
        absent = []
        for d in missing:
            if d.id not in doc_sents:
                doc_sents[d.id] = _sentences(d.text)
            # the lexical guard first: a document it clears needs no sentence encoded
            if doc_sents[d.id] and not _mentions(d.text, k.topic) and not _reaches(doc_sents[d.id], facts, encoder):
                absent.append(d.id)
        if absent:
            values = "; ".join(f"{doc}: {sv.value}" for doc, sv in k.by_document.items())
            omissions.append(Omission(fact=f"{k.topic} ({values})", reported_by=sorted(k.by_document),
                                      missing_from=absent, claims=k.claims))
    return omissions


OMISSION_FIRST_CHUNK = 2
"""Sentences encoded first while looking for one that mentions a fact (see _reaches); each
later chunk is twice the one before. On BASIL a mentioning document's best sentence is
usually among its first few candidates by shared words."""


def _reaches(sentences: list[str], facts: list[str], encoder: Encoder) -> bool:
    """Whether any sentence reaches OMISSION_SIM with any fact sentence.

    The same answer as encoding every sentence, for less: sentences are tried in order of
    the words they share with the facts, a few at a time, and the search stops at the first
    that reaches the threshold. A document that does mention the fact usually does so in
    one of its first few candidates; only a true omission costs every sentence (in a few
    growing batches)."""
    fact_vecs = encoder.encode(facts)
    fact_words = {w for f in facts for w in _stems(f)}
    ranked = sorted(range(len(sentences)), key=lambda i: -len(_stems(sentences[i]) & fact_words))
    at, size = 0, OMISSION_FIRST_CHUNK
    while at < len(ranked):
        vecs = encoder.encode([sentences[i] for i in ranked[at:at + size]])
        if float((vecs @ fact_vecs.T).max()) >= OMISSION_SIM:
            return True
        at, size = at + size, size * 2
    return False


def _stems(text: str) -> set[str]:
    """Lower-cased word starts (5 letters) of the longer words: a cheap, rough overlap measure."""
    return {w[:5] for w in re.findall(r"[a-z0-9]{4,}", text.lower())}


def _mentions(text: str, topic: str) -> bool:
    """A cheap lexical guard: all content words of the topic appear in the text."""
    words = [w for w in re.findall(r"[a-z]{4,}", topic.lower()) if w not in ("date", "number")]
    low = text.lower()
    return bool(words) and all(w.rstrip("s")[:5] in low for w in words)
