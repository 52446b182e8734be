"""Entities of a story, resolved across its documents.

Steps (all on the one spaCy parse per document; nothing is parsed again):

1. Mentions: spaCy NER spans, cleaned (leading "the", trailing possessive and punctuation
   stripped, title words moved to ``roles``) and filtered (lowercase-only, lone generic
   words such as "State" or "Interior").  Acronym definitions ("Y (X)", "X, also called Y",
   "the X, or the Y", "X, also known as Y") add mentions the NER missed.
2. Names: mentions are grouped by their normalised surface form; the forms are then joined
   by (a) acronym definitions in a text, (b) an acronym matching the initials of another
   form anywhere in the story, (c) a surname-only person mention matching the last word of
   exactly one full name, (d) spelling variants that align word by word (rapidfuzz).
   Every join is guarded: a missed merge is cheaper than a wrong one.
3. Spans: every occurrence of an entity's acronyms and unambiguous names is added, so that
   other stages can ask ``entity_at`` about any span.
4. Descriptions: bare titles resolved to the one holder, a country's government written
   through its leader or its name ("the Velt administration", "his government"), groups
   without a name that the story keeps referring to made entities of their own, and a
   person's circle ("Velt's aides", "his legal team").

The package, by concept: ``names`` (vocabulary, folding, acronyms), ``mentions`` (what a
parse names), ``linking`` (mentions joined across documents), ``spans`` (entities and
every further occurrence of their names), ``descriptions`` (titles, short references),
``places`` ("the country", "the communist state", a demonym's place),
``appositions`` (appositions, predicate nominals, "as" phrases), ``governments`` (a country's government and "his country"),
``metonyms`` (a seat of government for its country, a party's national committee for the party), ``groups``
(unnamed groups, a country's people), ``state_media`` (a country's state media), ``circles`` (a person's people), ``introduced``
(a person brought in without a name and referred to again), ``nationality`` (a person
called by nationality: "the Canadian"), ``sites`` (a place without a name described through
a named one: "a hut on Mount Orvel"), ``name_variants`` (a one-letter slip in a name) and
``headline_tails`` (a headline's name run on into common words: "Dunmore Crash").
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from ..model import Document, Entity
from ..settings import Settings
from .appositions import _appositive_heads, _described_heads
from .descriptions import _bare_titles, _counterparts, _named_heads
from .circles import _circles
from .introduced import _introduced_people
from .governments import _capitals, _country_other_names, _governments, _other_administrations, _state_agencies
from .groups import _bare_people, _merge_peoples, _national_groups, _unnamed_groups
from .headline_tails import cut_headline_tails
from .linking import link_mentions
from .metonyms import _party_committees, _seats_of_government
from .nationality import _people_by_nationality
from .sites import _described_sites
from .state_media import _state_media
from .mentions import collect_mentions
from .names import ROLE_NOUNS, acronym_matches, is_acronym
from .spans import _build_entity, _complete_spans, _dedupe

__all__ = ["ROLE_NOUNS", "acronym_matches", "entity_at", "is_acronym", "resolve_entities"]


def resolve_entities(docs: list[Document], parsed: dict[str, Doc], settings: Settings | None = None) -> list[Entity]:
    """The story's entities with their aliases, roles, mention counts and every span."""
    settings = settings or Settings()
    mentions, definitions = collect_mentions(docs, parsed)
    cut_headline_tails(mentions, docs)
    clusters = link_mentions(mentions, definitions, {d.id: d.text for d in docs})
    entities = [e for e in (_build_entity(ms, settings) for ms in clusters) if e is not None]
    _complete_spans(entities, docs, parsed)
    try:
        entities = _merge_peoples(entities)
        entities = _capitals(entities, parsed)
        entities = _seats_of_government(entities, parsed)
        entities = _party_committees(entities)
        entities = _country_other_names(entities)
        _appositive_heads(entities, parsed)
        _described_heads(entities, docs, parsed)
        _bare_titles(entities, docs, parsed)
        _counterparts(entities, docs, parsed)
        entities = _people_by_nationality(entities, docs, parsed)
        _named_heads(entities, docs, parsed)
        _governments(entities, docs, parsed)
        _state_agencies(entities, docs, parsed)
        entities.extend(_other_administrations(entities, docs, parsed))
        entities.extend(_unnamed_groups(entities, docs, parsed))
        entities.extend(_described_sites(entities, docs, parsed, settings))
        entities.extend(_national_groups(entities, docs, parsed))
        entities.extend(_state_media(entities, docs, parsed))
        entities.extend(_circles(entities, docs, parsed, settings))
        entities.extend(_bare_people(entities, docs, parsed))
        entities.extend(_introduced_people(entities, docs, parsed))
    except Exception:  # descriptions are extra evidence; never lose the names over them
        pass
    entities = [e for e in entities if e.spans]  # a name whose every mention went to a site
    for e in entities:
        e.spans = _dedupe(e.spans)
        e.mentions = dict(Counter(s.doc for s in e.spans))
    entities.sort(key=lambda e: (-sum(e.mentions.values()), e.name))
    for i, e in enumerate(entities, 1):
        e.id = f"E{i}"
    return entities


def entity_at(entities: list[Entity], doc_id: str, start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping ``[start, end)`` in ``doc_id`` (the one with the
    largest overlap), or None."""
    best: tuple[int, Entity] | None = None
    for e in entities:
        for s in e.spans:
            if s.doc != doc_id:
                continue
            overlap = min(end, s.end) - max(start, s.start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, e)
    return best[1] if best else None
