"""A person the text goes on to call by a nationality: "Marten Okoro died after a fall
near the pass. The Canadian had climbed for twenty years." News writes "the Canadian",
"the Briton", "the New Zealand-born Australian" for the person it has just named; the
tagger files the word as a nationality (NORP), so without this step the person's next
mention is an entity of its own, a people.

Only the clear case is taken (a wrong actor costs more than a miss): the word heads a
definite singular noun phrase that is the subject of its clause, nothing in its own
sentence before it names a person, and the sentence before names exactly one person.
"Okoro met the Canadian", an object, or a sentence after two people are named, is left
to the nationality.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Document, Entity

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
SINGULAR_TAGS = {"NN", "NNP"}


def _people_by_nationality(entities: list[Entity], docs: list[Document], parsed: dict[str, Doc]) -> list[Entity]:
    """``entities`` with each such nationality mention moved to the person it refers to;
    a nationality left without mentions is dropped."""
    nationals = [e for e in entities if e.type == "NORP"]
    if not nationals:
        return entities
    people = [i for i, e in enumerate(entities) if e.type == "PERSON"]
    person_starts: dict[str, list[tuple[int, int]]] = {}  # doc -> (char start, entity index)
    for i in people:
        for sp in entities[i].spans:
            person_starts.setdefault(sp.doc, []).append((sp.start, i))
    if not person_starts:
        return entities
    moved = False
    for national in nationals:
        kept = []
        for sp in national.spans:
            doc = parsed.get(sp.doc)
            span = doc.char_span(sp.start, sp.end, alignment_mode="expand") if doc is not None else None
            person = _referent(span, person_starts.get(sp.doc, ())) if span is not None and len(span) == 1 else None
            if person is None:
                kept.append(sp)
            else:
                entities[person].spans.append(sp)
        if len(kept) < len(national.spans):
            national.spans = kept
            moved = True
    return [e for e in entities if e.spans] if moved else entities


def _referent(span, starts) -> int | None:
    """The person a one-token nationality mention refers to (see the module), or None."""
    tok = span[0]
    if tok.tag_ not in SINGULAR_TAGS or tok.dep_ not in SUBJECT_DEPS:
        return None
    dets = [c for c in tok.children if c.dep_ in {"det", "poss"}]
    if len(dets) != 1 or dets[0].lower_ != "the":
        return None
    sent = tok.sent
    if sent.start == 0:
        return None
    before = tok.doc[sent.start - 1].sent
    lo, mid, hi = before.start_char, sent.start_char, tok.idx
    if any(mid <= s < hi for s, _ in starts):
        return None
    named = {i for s, i in starts if lo <= s < mid}
    return next(iter(named)) if len(named) == 1 else None
