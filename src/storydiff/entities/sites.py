"""Places without a name that a story keeps referring to through a named place or body: "a
Harlow office building", "a small hut on Mount Orvel", "Keltra's highest peak", "outside a
Brixol store in Dunmore". News names the site of an event this way far more often than by
a name of its own; outlets that say "a hut on Mount Orvel" and "the Mount Orvel hut" mean
one place, and it is an entity of its own, beside the mountain. A superlative sets a site
apart: "Keltra's highest peak" is one mountain, "a mountain in Keltra" any. A site that an
apposition names ("Keltra's highest peak, Mount Orvel") is that named place.

Only the clear case is taken (a wrong merge costs more than a miss): the head noun names a
kind of site (``SITE_NOUNS``), a named place or body anchors it (a word before the noun,
its possessor, or the object of "in", "on", "near", "at", "of", "outside" after it), and
the story writes the same kind of site with the same anchor in two documents or more
(``Settings.entity_site_min_documents``). The span is the head noun, as for groups
without a name.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.tokens import Doc, Token

from ..model import Document, Entity, Mention
from ..settings import Settings
from .descriptions import _tokens_matching
from .names import _fold
from .spans import _dedupe, overlaps, taken_spans, token_mention

SITE_NOUNS = {
    # built sites
    "office": "office", "building": "building", "store": "store", "shop": "store", "supermarket": "store",
    "mall": "mall", "firm": "firm", "factory": "factory", "plant": "plant", "warehouse": "warehouse",
    "restaurant": "restaurant", "hotel": "hotel", "hospital": "hospital", "clinic": "clinic", "school": "school",
    "church": "church", "temple": "temple", "mosque": "mosque", "synagogue": "synagogue", "prison": "prison",
    "jail": "prison", "airport": "airport", "station": "station", "bridge": "bridge", "stadium": "stadium",
    "hut": "hut", "cabin": "hut", "camp": "camp",
    "street": "street", "road": "road", "highway": "highway", "freeway": "highway", "intersection": "intersection",
    # natural sites
    "mountain": "mountain", "peak": "mountain", "summit": "summit", "ridge": "ridge", "glacier": "glacier",
    "valley": "valley", "beach": "beach", "coast": "coast", "island": "island", "cave": "cave",
    # where it happened, and around it ("the Orvel Glacier area" is more than the glacier)
    "scene": "scene", "area": "area",
}
"""Head lemmas that name a kind of site, and the kind ("peak" is a "mountain"; "jail" a
"prison"): two mentions are one site only when their kinds and anchors agree. Not "house"
or "home": a town has many, and a story often two (the victim's and the suspect's)."""

NATURAL_SITES = {"mountain", "summit", "ridge", "glacier", "valley", "beach", "coast", "island", "cave", "scene", "area"}
"""Kinds of site that are places (type LOC); the others are built (type FAC)."""

ANCHOR_PREPOSITIONS = {"in", "on", "near", "at", "of", "outside", "off", "inside"}
"""Prepositions after a site's noun whose object names where it is ("a hut on Mount Orvel")."""

ANCHOR_TYPES = {"GPE", "LOC", "FAC", "ORG"}
"""Entity types that can anchor a site: places, and bodies ("a Brixol store")."""
PLACE_TYPES = {"GPE", "LOC"}
BODY_TYPES = {"ORG", "FAC"}
"""A body named with a place ("the Brixol in Dunmore") is its site there when the story
describes that site ("a Brixol store in Dunmore")."""


def _described_sites(entities: list[Entity], docs: list[Document], parsed: dict[str, Doc],
                     settings: Settings) -> list[Entity]:
    """One entity per (anchor, kind of site) the story writes in
    ``Settings.entity_site_min_documents`` documents or more; spans on the head nouns."""
    taken = taken_spans(entities)
    anchor_spans: dict[str, list[tuple[int, Mention]]] = defaultdict(list)  # by document, built once
    for i, e in enumerate(entities):
        if e.type in ANCHOR_TYPES:
            for sp in e.spans:
                anchor_spans[sp.doc].append((i, sp))
    parts = _place_and_body(entities)
    found: dict[tuple[int, str, str | None], list[tuple[Mention, str]]] = defaultdict(list)
    named: dict[tuple[int, str, str | None], set[int]] = defaultdict(set)  # "<site>, Mount Orvel,"
    same: dict[tuple[int, str, str | None], set] = defaultdict(set)  # keys one mention gives both
    for document in docs:
        doc = parsed.get(document.id)
        if doc is None:
            continue
        tokens = [t for t in _tokens_matching(document, doc, SITE_NOUNS) if _is_site_head(t)]
        tokens = [t for t in tokens if not overlaps(t, taken[document.id])]
        if not tokens:
            continue
        owner: dict[int, int] = {}  # token -> the anchoring entity holding it (the first one)
        for i, sp in anchor_spans.get(document.id, ()):
            for t in doc.char_span(sp.start, sp.end, alignment_mode="expand") or ():
                owner.setdefault(t.i, i)
        for tok in tokens:
            anchors = _anchors(tok, owner)
            if not anchors:
                continue
            kind = SITE_NOUNS[tok.lemma_.lower()]
            # "Keltra's highest peak" is one mountain; "a mountain in Keltra" may be any
            ranked = next((c.lower_ for c in tok.lefts if c.tag_ == "JJS"), None)
            keys = [(i, kind, ranked) for i, _ in anchors]
            keys += [(part, kind, ranked) for i, _ in anchors for part in parts.get(i, ())]
            found[keys[0]].append((token_mention(document.id, tok), anchors[0][1]))
            named[keys[0]].update(_named_by_apposition(tok, owner))
            for other in keys[1:]:  # "a Brixol store in Dunmore": the Brixol store is the Dunmore store
                same[other].add(keys[0])
                same[keys[0]].add(other)
    out = []
    for key, mentions, names, anchors in _joined(found, named, same):
        kind = key[1]
        spans = [m for m, _ in mentions]
        if len(names) == 1 and next(iter(names)) != key[0]:
            # an apposition names the site ("Keltra's highest peak, Mount Orvel"): every
            # mention of it is that place's
            absorb_spans(entities[next(iter(names))], spans)
            continue
        if len({s.doc for s in spans}) < settings.entity_site_min_documents:
            continue
        forms = Counter(w for _, w in mentions)
        name = forms.most_common(1)[0][0]
        spans += _body_in_place(entities, parsed, anchors, parts)
        out.append(Entity(id="", name=name, type="LOC" if kind in NATURAL_SITES else "FAC",
                          aliases=sorted(set(forms) - {name}), roles=[], spans=_dedupe(spans),
                          mentions=dict(Counter(s.doc for s in spans))))
    return out


def _place_and_body(entities: list[Entity]) -> dict[int, tuple[int, int]]:
    """Names that are a place's name followed by a body's ("the Dunmore Brixol", the
    Brixol branch in Dunmore): entity index -> (place, body), where the story knows both
    names as entities of their own."""
    by_name: dict[str, int] = {}
    for i, e in enumerate(entities):
        by_name.setdefault(_fold(e.name), i)
    out = {}
    for k, e in enumerate(entities):
        if e.type not in ANCHOR_TYPES:
            continue
        words = _fold(e.name).split()
        for cut in range(1, len(words)):
            place, body = by_name.get(" ".join(words[:cut])), by_name.get(" ".join(words[cut:]))
            if place is not None and body is not None and entities[place].type in PLACE_TYPES \
                    and entities[body].type in BODY_TYPES:
                out[k] = (place, body)
                break
    return out


def _body_in_place(entities: list[Entity], parsed: dict[str, Doc], keys: set[int],
                   parts: dict[int, tuple[int, int]]) -> list[Mention]:
    """The mentions of a body that stand for its site in a place, taken off the body: "the
    Brixol in Dunmore" where the story writes "a Brixol store in Dunmore" (the site's
    ``keys`` hold both the body and the place), and "the Dunmore Brixol" itself."""
    moved: list[Mention] = []
    for k, (place, body) in parts.items():
        if place in keys and body in keys:
            moved.extend(entities[k].spans)
            entities[k].spans = []
    bodies = [i for i in keys if entities[i].type in BODY_TYPES]
    places = {i for i in keys if entities[i].type in PLACE_TYPES}
    for i in bodies:
        kept = []
        for sp in entities[i].spans:
            doc = parsed.get(sp.doc)
            span = doc.char_span(sp.start, sp.end, alignment_mode="expand") if doc is not None else None
            after = doc[span.end] if span is not None and span.end < len(doc) else None
            if after is not None and after.lower_ == "in" and _names_place(after, sp.doc, entities, places):
                moved.append(sp)
            else:
                kept.append(sp)
        entities[i].spans = kept
    return moved


def _names_place(prep: Token, doc_id: str, entities: list[Entity], places: set[int]) -> bool:
    """Whether the object right after ``prep`` is a mention of one of ``places``."""
    doc = prep.doc
    nxt = doc[prep.i + 1] if prep.i + 1 < len(doc) else None
    if nxt is None:
        return False
    return any(sp.doc == doc_id and sp.start <= nxt.idx < sp.end for i in places for sp in entities[i].spans)


def _is_site_head(tok: Token) -> bool:
    """A singular common noun that heads its phrase ("office building": "building", not
    "office")."""
    return tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.dep_ != "compound" \
        and tok.lemma_.lower() in SITE_NOUNS


def _anchors(tok: Token, owner: dict[int, int]) -> list[tuple[int, str]]:
    """The entities that say where the site ``tok`` heads is, each with the site as written
    ("Mount Orvel hut", "hut on Mount Orvel"): one before the noun, one after it, or both
    ("a Brixol store in Dunmore"); none when nothing named does."""
    noun, out = tok.lower_, []
    for left in range(tok.left_edge.i, tok.i):
        i = owner.get(left)
        if i is not None:
            out.append((i, tok.doc[left:tok.i + 1].text))
            break
    for prep in tok.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ANCHOR_PREPOSITIONS:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            first = next((t for t in obj.subtree if t.i in owner), None)
            if first is not None:
                i, end = owner[first.i], first.i
                while owner.get(end + 1) == i:  # the anchor's name, not what is said of it after
                    end += 1
                if not out or out[0][0] != i:
                    out.append((i, f"{noun} {prep.lower_} {tok.doc[first.i:end + 1].text}"))
                return out
    return out


def _joined(found: dict, named: dict, same: dict):
    """(key, mentions, names by apposition, anchoring entities) per site, the keys that
    one mention gives together joined (the first key found stands for them)."""
    seen: set = set()
    for key in found:
        if key in seen:
            continue
        group, todo = [], [key]
        while todo:
            k = todo.pop()
            if k in seen:
                continue
            seen.add(k)
            group.append(k)
            todo.extend(same.get(k, ()))
        mentions = [m for k in group for m in found.get(k, ())]
        names = set().union(*(named.get(k, set()) for k in group))
        yield key, mentions, names, {k[0] for k in group}


def _named_by_apposition(tok: Token, owner: dict[int, int]) -> set[int]:
    """The entity an apposition gives the site ``tok`` heads as its name: the parse's
    apposition, or a name that follows the site's phrase after a comma and closes it ("from
    Keltra's highest peak, Mount Orvel."), which the parse often hangs elsewhere."""
    found = {owner[c.i] for c in tok.rights if c.dep_ == "appos" and c.i in owner}
    doc, after = tok.doc, tok.right_edge.i + 1
    if not found and after + 2 < len(doc) + 1 and doc[after].text == "," and after + 1 < len(doc) \
            and after + 1 in owner:
        i, end = owner[after + 1], after + 1
        while owner.get(end + 1) == i:
            end += 1
        if end + 1 == len(doc) or doc[end + 1].is_punct:
            found.add(i)
    return found


def absorb_spans(entity: Entity, spans: list[Mention]) -> None:
    """Add ``spans`` to ``entity``'s mentions."""
    entity.spans = _dedupe(entity.spans + spans)
    entity.mentions = dict(Counter(s.doc for s in entity.spans))
