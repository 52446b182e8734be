"""Framing comparison: per main actor, each document's labels by voice and the terms only it uses."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..model import Document, Entity, Framing, Label, OutletFraming
from .lexicon import MAIN_ACTORS_MAX

# --- comparison --------------------------------------------------------------------------


def compare_framing(labels: list[Label], entities: list[Entity], docs: list[Document]) -> list[Framing]:
    """Per main actor: each document's labels by voice, and the terms no other document uses.

    Main actors are the entities labelled in two or more documents plus the
    ``MAIN_ACTORS_MAX`` most-labelled ones. Copies keep their own entry (the report folds
    them); ``unique`` compares against the other documents that are not copies of this one.
    """
    by_entity: dict[str, list[Label]] = defaultdict(list)
    for label in labels:
        by_entity[label.entity].append(label)
    if not by_entity:
        return []
    names = {e.id: e.name for e in entities}
    mentions = {e.id: sum(e.mentions.values()) for e in entities}
    ranked = sorted(by_entity, key=lambda e: (-len(by_entity[e]), -mentions.get(e, 0), e))
    chosen = [e for e in ranked if len({l.doc for l in by_entity[e]}) >= 2]
    chosen += [e for e in ranked[:MAIN_ACTORS_MAX] if e not in chosen]
    canonical = {d.id: d.duplicate_of or d.id for d in docs}
    order = [d.id for d in docs]
    framings = []
    for entity_id in chosen:
        entity_labels = by_entity[entity_id]
        terms_by_outlet: dict[str, set[str]] = defaultdict(set)
        for label in entity_labels:
            terms_by_outlet[canonical.get(label.doc, label.doc)].add(_norm(label.term))
        by_document: dict[str, OutletFraming] = {}
        docs_with = sorted({l.doc for l in entity_labels}, key=lambda d: order.index(d) if d in order else len(order))
        for doc_id in docs_with:
            own = [l for l in entity_labels if l.doc == doc_id]
            group = canonical.get(doc_id, doc_id)
            others = set().union(*(t for g, t in terms_by_outlet.items() if g != group)) if len(terms_by_outlet) > 1 else set()
            voices: dict[str, list[str]] = {"narrator": [], "quoted": [], "attributed": []}
            for label in own:
                if label.term not in voices[label.voice]:
                    voices[label.voice].append(label.term)
            unique = []
            if len(terms_by_outlet) > 1:
                for label in own:
                    if _norm(label.term) not in others and label.term not in unique:
                        unique.append(label.term)
            by_document[doc_id] = OutletFraming(
                narrator=voices["narrator"],
                quoted=voices["quoted"],
                attributed=voices["attributed"],
                unique=unique,
                counts=dict(Counter(l.voice for l in own)),
            )
        framings.append(Framing(entity=entity_id, name=names.get(entity_id, entity_id), by_document=by_document))
    return framings


def _norm(term: str) -> str:
    return re.sub(r"[\s\-–]+", " ", term.lower()).strip()
