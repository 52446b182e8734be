"""A country's state media as an actor: "Lavrian state media reported", "Lavria's
state-run television said", "the state news agency". News cites them as a source of
their own, neither the country's government nor its people, and outlets label them
differently ("state media", "the regime's mouthpiece", "the official news agency"), so
they are an entity: the one state-run outlet the story names where it names exactly one
("the state-run Lavrian News Agency"), otherwise a group "<Country> state media"."""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.tokens import Doc, Token

from ..model import Document, Entity, Mention
from .descriptions import _place_of, _tokens_matching
from .names import _fold
from .spans import _dedupe, entity_at_tokens, overlaps, taken_spans, token_mention

MEDIA_NOUNS = {"media", "television", "tv", "broadcaster", "agency", "outlet", "outlets"}
"""Head nouns of a country's media ("state media", "state television", "the state news
agency"); "agency" and "outlet" only with "news" or "media" before them ("a state
agency" is any body of the state)."""

STATE_MARKS = {"state", "official"}
"""Words before a media noun that make the media the state's ("state media", "state-run
television", "official media"); "official" only as an adjective."""

STATE_MEDIA_SENTENCES = 3
"""How far back (sentences) a bare "state media" looks for "<Nationality> state media":
further, another country's media may have come between unnoticed."""


def _is_state_media(tok: Token) -> bool:
    """"state media", "state-run television", "the state news agency", "official media":
    the media noun with a state mark in the words before it in its phrase."""
    if tok.lower_ not in MEDIA_NOUNS or tok.pos_ not in {"NOUN", "PROPN"} or tok.dep_ == "compound":
        return False
    before = [t for t in tok.subtree if t.i < tok.i]
    words = {t.lower_ for t in before}
    if tok.lower_ in {"agency", "outlet", "outlets"} and not words & {"news", "media"}:
        return False
    return any(t.lower_ in STATE_MARKS and (t.lower_ != "official" or t.pos_ == "ADJ") for t in before)


def _owner(tok: Token, at_place: dict[int, int], entities: list[Entity], places: dict[str, int]) -> int | None:
    """The country whose media these are, from a nationality or a possessive in the phrase
    ("Lavrian state media", "Lavria's state media"); None when none or two are written."""
    owners = set()
    for t in tok.subtree:
        if t.i >= tok.i or t.i not in at_place:
            continue
        i = at_place[t.i]
        place = _place_of(_fold(entities[i].name), {k: v for k, v in places.items() if v != i})  # "Lavrian" -> Lavria
        owners.add(place if place is not None else i)
    return owners.pop() if len(owners) == 1 else None


def _state_run_outlets(entities: list[Entity], parsed: dict[str, Doc]) -> list[int]:
    """Organisations the story calls state-run ("the state-run Lavrian News Agency", "the
    LNA, which is Lavria's state media agency")."""
    out = []
    for i, e in enumerate(entities):
        if e.type != "ORG":
            continue
        for sp in e.spans:
            doc = parsed.get(sp.doc)
            span = doc.char_span(sp.start, sp.end, alignment_mode="expand") if doc is not None else None
            if span is None or not len(span):
                continue
            before = {t.lower_ for t in doc[max(span.start - 3, span.sent.start):span.start]}
            described = [t for t in span.root.subtree if t.i >= span.end and t.dep_ in {"appos", "attr"}]
            if "state" in before and "run" in before or any(_is_state_media(t) for t in described):
                out.append(i)
                break
    return out


def _state_media(entities: list[Entity], docs: list[Document], parsed: dict[str, Doc]) -> list[Entity]:
    """Mentions of a country's state media join the one state-run outlet the story names
    (where it names one and only one country's state media), or become a GROUP
    "<Country> state media" per country. A bare "state media" takes the country of the
    last one written in its document within ``STATE_MEDIA_SENTENCES``."""
    places: dict[str, int] = {}
    for i, e in enumerate(entities):
        # a one-word ORG may be a country the tagger did not know ("Korvia"), as in ``groups``
        if e.type == "GPE" or (e.type == "ORG" and " " not in e.name and not e.name.isupper()):
            for form in {e.name, *e.aliases}:
                places.setdefault(_fold(form), i)
    taken = taken_spans(entities)
    found: dict[int, list[Mention]] = defaultdict(list)
    for document in docs:
        doc = parsed.get(document.id)
        if doc is None:
            continue
        at_place = None
        last: tuple[int, int] | None = None  # (sentence start, country)
        for tok in _tokens_matching(document, doc, MEDIA_NOUNS):
            if not _is_state_media(tok) or overlaps(tok, taken[document.id]):
                continue
            if at_place is None:
                at_place = {t: i for t, i in entity_at_tokens(entities, document.id, doc, {"GPE", "NORP", "ORG"}).items()
                            if entities[i].type != "ORG" or _fold(entities[i].name) in places}
            owner = _owner(tok, at_place, entities, places)
            if owner is None and last is not None and sum(1 for _ in doc[last[0]:tok.i].sents) - 1 <= STATE_MEDIA_SENTENCES:
                owner = last[1]
            if owner is None:
                continue
            last = (tok.sent.start, owner)
            found[owner].append(token_mention(document.id, tok))
    if not found:
        return []
    outlets = _state_run_outlets(entities, parsed)
    if len(outlets) == 1 and len(found) == 1:
        outlet = entities[outlets[0]]
        outlet.spans = _dedupe(outlet.spans + next(iter(found.values())))
        return []
    out = []
    for owner, spans in found.items():
        written = Counter(s.text.lower() for s in spans)
        out.append(Entity(id="", name=f"{entities[owner].name} state {written.most_common(1)[0][0]}", type="GROUP",
                          aliases=sorted(set(written)), roles=[], spans=_dedupe(spans),
                          mentions=dict(Counter(s.doc for s in spans))))
    return out
