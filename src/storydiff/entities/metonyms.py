"""Bodies news writes through another name that acts for them: a leader's residence for
the government ("the Ardan Palace said" speaks for Ardania's government, as "the White
House said" speaks for the US administration), and a party's national committee for the
party ("the Lavrian National Committee sued" is the Lavrian party suing).

A reader comparing outlets wants one actor there: one outlet writes "the palace said",
another "the administration said", a third "<Capital> said"; one writes "the Lavrians
sued", another "the LNC sued". Joining them is what lets the framing table set those
words side by side. A building that is only a place ("a dinner at the palace") stays
apart unless the story also writes it as an actor."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from ..model import Entity
from .governments import _as_actor, _countries_by_name
from .groups import TIE_WORDS
from .names import _fold
from .spans import absorb, parsed_spans

SEATS_OF_GOVERNMENT = {
    "white house": {"united states", "united states of america", "us", "usa"},
    "kremlin": {"russia", "russian federation"},
    "downing street": {"united kingdom", "uk", "britain", "great britain"},
    "elysee": {"france"},
    "elysee palace": {"france"},
    "blue house": {"south korea", "republic of korea"},
    "zhongnanhai": {"china", "people republic of china"},
    "kantei": {"japan"},
    "malacanang": {"philippines"},
    "malacanang palace": {"philippines"},
    "casa rosada": {"argentina"},
    "planalto palace": {"brazil"},
    "miraflores palace": {"venezuela"},
    "rashtrapati bhavan": {"india"},
}
"""Folded names of the buildings news writes for a government, as it writes a capital
("the <residence> said" for a country's leadership) -> the folded names of their country. World
knowledge no installed package holds (countryinfo gives capitals, not residences); a
closed list of the best-known, like the irregular demonyms in ``places``. Only a name
written as an actor somewhere in the story turns its building into the country."""

PLACE_PREPOSITIONS = {"at", "in", "inside", "outside", "into", "near", "on", "to"}
"""Prepositions that make a seat of government the building ("a dinner at the Ardan
Palace", "welcomed her to the Ardan Palace"): such a mention stays the building's, not
the government's ("close to the palace" is a tie to its people, not a place)."""


def _as_place(span) -> bool:
    """The building as a place ("at the palace"), or another place named after it with an
    adjective ("the northern Ardan Palace", a nickname for a retreat)."""
    root = span.root
    prep = root.head
    if any(c.dep_ in {"amod", "compound"} and c.is_lower and c.i < span.start for c in root.children):
        return True
    return (root.dep_ == "pobj" and prep.lower_ in PLACE_PREPOSITIONS
            and not (prep.lower_ == "to" and (prep.head.pos_ == "ADJ" or prep.head.lemma_.lower() in TIE_WORDS)))


def _tied_to(span) -> bool:
    """People tied to the seat ("individuals tied to the palace"): the government they act for."""
    root = span.root
    prep = root.head
    return (root.dep_ == "pobj" and prep.lower_ == "to"
            and (prep.head.lower_ in TIE_WORDS or prep.head.lemma_.lower() in TIE_WORDS))


PARTY_COMMITTEE_WORDS = ("national", "committee")
"""How a party's governing body is named: "<Party> National Committee" (its adjective,
then these words). Other committees of a party ("... Congressional Campaign Committee")
are bodies of their own and stay apart."""


def _seats_of_government(entities: list[Entity], parsed: dict[str, Doc]) -> list[Entity]:
    """A seat of government the story writes as an actor ("the palace said", "the palace's
    answer", "talks with the palace") joins the entity of its country, where the story names
    that country (one entity). Its other mentions join too ("palace officials"), but not
    those of the building as a place ("a dinner at the palace"): they stay an entity of
    their own."""
    countries = _countries_by_name(entities)
    merged = set()
    for i, e in enumerate(entities):
        if e.type not in {"ORG", "FAC", "GPE", "LOC"}:
            continue
        names = set().union(*(SEATS_OF_GOVERNMENT.get(_fold(f), set()) for f in {e.name, *e.aliases}))
        targets = {countries[n] for n in names if n in countries} - {i}
        if len(targets) != 1:
            continue
        spans = list(parsed_spans(e, parsed))
        if not any(_as_actor(span) or _tied_to(span) for _, _, span in spans):
            continue
        places = [sp for sp, _, span in spans if _as_place(span)]
        building = e.model_copy(update={"spans": places, "aliases": [], "mentions": dict(Counter(s.doc for s in places))})
        e.spans = [sp for sp in e.spans if sp not in places]
        absorb(entities[next(iter(targets))], e)
        if places:
            entities[i] = building
        else:
            merged.add(i)
    return [e for i, e in enumerate(entities) if i not in merged]


def _party_committees(entities: list[Entity]) -> list[Entity]:
    """"The Lavrian National Committee" (and its acronym, already its alias) joins the party
    the story names as "the Lavrian Party", "Lavrian" or "Lavrians": the committee is the
    party's governing body, and news writes either for the other. Only where exactly one
    entity carries the party's name."""
    merged = set()
    for i, e in enumerate(entities):
        if e.type not in {"ORG", "NORP", "PERSON"}:  # the tagger types an acronym as anything
            continue
        words = _fold(e.name).split()
        if len(words) < 3 or tuple(words[-2:]) != PARTY_COMMITTEE_WORDS:
            continue
        party = " ".join(words[:-2])
        forms = {party, f"{party} party", f"{party}s", f"{party.removesuffix('ic')}s"}  # "Lavric": "Lavrs"
        targets = {j for j, other in enumerate(entities)
                   if j != i and j not in merged and other.type in {"ORG", "NORP"}
                   and any(_fold(f) in forms for f in {other.name, *other.aliases})}
        if len(targets) != 1:
            continue
        absorb(entities[next(iter(targets))], e)
        merged.add(i)
    return [e for i, e in enumerate(entities) if i not in merged]
