"""Places written without their name: "the country", "that nation", "the communist
state" referring back to the place named just before, and the place a demonym names
("Lavrian" -> Lavria)."""

from __future__ import annotations

from functools import lru_cache

from ..model import Entity
from .names import _fold

COUNTRY_NOUNS = {"country", "nation"}
DESCRIBED_COUNTRY_NOUNS = {"state"}
"""Nouns that stand for a country only with an adjective before them ("the communist
state", "the isolated state"): alone, "the state" is as often a state of a federation or
the state as such; resolved, like "the country", to the place named just before, and
only to a country."""
COUNTRY_SENTENCES = 2
""""the country" refers back to the one place named in its sentence or the two before;
with two places there, to nobody."""

IRREGULAR_DEMONYMS = {"american": "us", "british": "uk", "french": "france", "dutch": "netherlands",
                      "swiss": "switzerland", "welsh": "wales", "scottish": "scotland", "irish": "ireland",
                      "filipino": "philippines", "thai": "thailand", "greek": "greece", "turkish": "turkey"}
"""Demonyms that do not start with their country's name (folded names, as ``_fold`` gives)."""


COUNTRY_DETERMINERS = {"the", "that", "this", "its", "their"}
"""How a definite "country" refers back: "the country", "that nation", "their country"
("your country", "our nation" point at the speaker's or listener's own: left alone;
"his country" is a leader's, read in ``governments``)."""


def _country_np(tok, places: dict[str, int]) -> int | None:
    """Whether ``tok`` ("country", "nation", "state" with an adjective) heads a definite reference to a country:
    -1 for one to resolve to the place named just before ("the country", "that nation",
    "the impoverished country", "their country"), the place itself for "the nation of
    Lavria", None for anything else ("a country", "the Lavrian nation", "the country
    that ...", "our country")."""
    det = described = False
    for child in tok.children:
        if child.i < tok.i:
            if child.dep_ in {"det", "poss"} and child.lower_ in COUNTRY_DETERMINERS:
                det = True
            elif (child.dep_ == "amod" or child.dep_ == "compound" and child.pos_ == "ADJ") and child.is_lower and child.is_alpha:
                # a lower-case adjective is no nationality, whatever the tagger says
                # ("the communist country": "communist" is often tagged as a people)
                described = True
            else:
                return None  # "our country", "a country", "the Lavrian nation", "Lavria's country"
        elif child.dep_ == "prep" and child.lower_ == "of":
            words = _fold(" ".join(t.text for t in child.subtree if t.i > child.i and t.lower_ != "the"))
            return places.get(words)
        elif child.dep_ in {"relcl", "acl"}:
            return None
    if tok.lower_ in DESCRIBED_COUNTRY_NOUNS and not described:
        return None  # "the state" alone is any state, or the state as such
    return -1 if det and tok.tag_ == "NN" else None


def _recent_place(tok, doc_id: str, entities: list[Entity], places: dict[str, int]) -> int | None:
    """"the country": the one place named in its sentence or the ``COUNTRY_SENTENCES`` before."""
    doc = tok.doc
    sents = list(doc[:tok.i + 1].sents)[-(COUNTRY_SENTENCES + 1):]
    start = sents[0].start_char if sents else 0
    seen = {i for i in set(places.values()) for sp in entities[i].spans
            if sp.doc == doc_id and start <= sp.start < tok.idx}
    # a place named through its people counts as named ("the Lavrian leader ... the
    # country"): it may be the one meant, or a second candidate that makes it unclear
    for ent in doc.ents:
        if ent.label_ == "NORP" and start <= ent.start_char < tok.idx:
            place = _place_of(_fold(ent.text), places)
            if place is not None:
                seen.add(place)
    if len(seen) > 1:
        return _dominant_place(seen, doc_id, entities)
    if seen and _subnational(entities[next(iter(seen))]):
        return None  # "the nation's economy" after "<state>" is the country's, not the state's
    return next(iter(seen)) if seen else None


def _dominant_place(seen: set[int], doc_id: str, entities: list[Entity]) -> int | None:
    """Of several places named near "the country", the one the document is about: named in
    it at least ``TITLE_DOMINANCE`` times as often as each other (a story about Lavria
    that names Korvia twice still says "the country" for Lavria); only countries count
    here (not states or cities: "the country" after "Tarnley" and "Dunmore" is neither);
    None otherwise."""
    from .descriptions import TITLE_DOMINANCE  # descriptions reads this module

    countries = [i for i in seen if _known_country(entities[i])]
    if not countries:
        return None  # "the country" after three states or cities is none of them
    ranked = sorted(((sum(1 for sp in entities[i].spans if sp.doc == doc_id), i) for i in countries), reverse=True)
    if len(ranked) == 1 or ranked[0][0] >= TITLE_DOMINANCE * max(ranked[1][0], 1):
        return ranked[0][1]
    return None


def _known_country(e: Entity) -> bool:
    """A place that countryinfo knows as a country (by any of its names); every place
    counts without the package."""
    names = _country_names()
    return not names or any(_fold(form) in names for form in {e.name, *e.aliases})


def _subnational(e: Entity) -> bool:
    """A place countryinfo knows as a state or province, or a capital, of a country and not
    as a country itself ("Texas", "Ontario"; "Georgia" stays a possible country): no
    "country" or "nation" refers back to it. Places it does not know (invented ones,
    most cities) are left to the text."""
    from .governments import _capital_of  # governments reads this module

    forms = {_fold(form) for form in {e.name, *e.aliases}}
    if _known_country(e) and _country_names():
        return False
    return bool(forms & _province_names()) or any(form in _capital_of() for form in forms)


@lru_cache(maxsize=1)
def _province_names() -> frozenset[str]:
    """Every folded state or province name countryinfo gives; empty without it."""
    from .governments import _country_records  # governments reads this module

    names: set[str] = set()
    for country in _country_records():
        try:
            names.update(_fold(p) for p in country.provinces() or [] if isinstance(p, str))
        except Exception:  # one odd record must not cost the others
            continue
    return frozenset(names)


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Every folded name of every country countryinfo knows; empty without it."""
    from .governments import _other_country_names  # governments reads this module

    table = _other_country_names()
    return frozenset(table) | frozenset(n for others in table.values() for n in others)


def _place_of(demonym: str, places: dict[str, int]) -> int | None:
    """The place a demonym names ("north korean" -> "north korea"), when exactly one does."""
    if demonym in IRREGULAR_DEMONYMS:
        return places.get(IRREGULAR_DEMONYMS[demonym])
    hits = {i for name, i in places.items() if len(name) >= 4 and
            (demonym.startswith(name) or (name[-1] in "aey" and demonym.startswith(name[:-1]) and len(demonym) > len(name)))}
    return next(iter(hits)) if len(hits) == 1 else None
