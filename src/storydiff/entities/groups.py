"""Groups of people without a name: "the migrants", "the caravan", "Lavrian officials",
"U.S. troops". Outlets keep referring to them; the words they choose are their labels."""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.tokens import Doc, Token

from ..model import Document, Entity, Mention
from .descriptions import _body_of, _place_of, _tokens_matching
from .names import ROLE_NOUNS, _fold
from .spans import _dedupe, absorb, entity_at_tokens, overlaps, taken_spans, token_mention

UNNAMED_GROUP_CLASSES = {
    "migrant": "migrants", "immigrant": "migrants", "refugee": "migrants", "seeker": "migrants",
    "alien": "migrants", "caravan": "migrants", "emigrant": "migrants",
    "protester": "protesters", "protestor": "protesters", "demonstrator": "protesters",
    "marcher": "protesters", "rioter": "protesters",
    "passenger": "passengers", "traveler": "passengers", "traveller": "passengers", "pilgrim": "pilgrims",
    "convoy": "convoy", "hostage": "hostages", "captive": "hostages", "pirate": "pirates",
    "climber": "climbers", "hiker": "climbers", "mountaineer": "climbers",
    "striker": "strikers", "evacuee": "evacuees", "survivor": "survivors",
    "defendant": "defendants", "plaintiff": "plaintiffs",
}
"""Head lemmas that name a group of people outlets keep referring to without a name, and
the group they name: "the migrants", "the caravan" and "asylum-seekers" are one group
(the words an outlet chooses for it are its labels)."""

PLURAL_ONLY_GROUP_WORDS = {"defendant", "plaintiff"}
"""Parties to a case: "the defendants" a story keeps referring to are one group (the
people a suit or a charge names), but "a defendant" is one of them, whose own label it is."""

UNNAMED_GROUP_MIN_MENTIONS = 3
UNNAMED_GROUP_MIN_DOCS = 2
"""A group without a name becomes an entity when the story refers to it at least this
many times in at least this many documents: one passing "the passengers" is not an actor
whose labels are worth comparing."""


def _people_of(mod, tok, places, unknown_places, bodies, norp_of_place, entities, written_as):
    """Whose people a premodifier of a people noun names: ("body", entity) for a named
    nationality, party or body ("Lavrian", "GOP", "Democratic"), ("group", key) for a
    country without such an entity (its place, or the demonym itself); None otherwise."""
    words = _fold(" ".join(t.text for t in mod.subtree if t.i < tok.i and not t.is_punct)).removesuffix(" s")
    place = places.get(words)
    if place is None:
        place = _seat_country(words, places)
    if place is not None:
        return ("body", norp_of_place[place]) if place in norp_of_place else ("group", place)
    if mod.ent_type_ not in {"NORP", "ORG"}:
        return None
    body = bodies.get(words)
    if body is not None and (entities[body].type == "NORP" or " " not in words):
        return ("body", body)  # "Lavrian officials", "GOP candidates"
    if mod.ent_type_ != "NORP":
        return None
    place = _place_of(words, places)
    if place is None:
        place = _place_of(words, unknown_places)
    if place is not None:
        return ("body", norp_of_place[place]) if place in norp_of_place else ("group", place)
    body = _body_of(words, bodies)
    if body is not None:
        return ("body", body)  # "Democratic lawmakers"
    written_as.setdefault(words, " ".join(t.text for t in mod.subtree if t.i < tok.i))
    return ("group", words)


def _seat_country(words: str, places: dict[str, int]) -> int | None:
    """The country whose seat of government ``words`` name ("white house", "kremlin"),
    where the story names that country as one place: "White House officials" and
    "Kremlin aides" are that state's people, as "<Nationality> officials" are, whether or
    not the story also writes the building as an actor."""
    from .metonyms import SEATS_OF_GOVERNMENT  # metonyms reads this module

    found = {places[n] for n in SEATS_OF_GOVERNMENT.get(words, ()) if n in places}
    return found.pop() if len(found) == 1 else None


PEOPLE_FROM_PREPOSITIONS = {"from", "in"}
"""'officials from Lavria', 'analysts in Lavria': a bare plural of people and a country after
one of these is that country's people, as 'Lavrian officials' is."""


TIE_WORDS = {"tie", "tied", "link", "linked", "connect", "connected", "close", "loyal"}
"""Words that tie people to a body they belong to or act for ("individuals tied to the
Lavrian government", "people close to the palace", "figures loyal to the regime"):
written with "to" and a country, they are that country's people as "officials from
Lavria" are."""


def tie_preposition(tok) -> list:
    """The "to" of "<people> (closely) tied/linked/connected/close/loyal to X" for the
    people noun ``tok``; [] when it has none."""
    out = []
    for tie in tok.children:
        if tie.i > tok.i and tie.dep_ in {"acl", "amod"} and (tie.lower_ in TIE_WORDS or tie.lemma_.lower() in TIE_WORDS):
            out.extend(p for p in tie.children if p.dep_ == "prep" and p.lower_ == "to")
    return out


def _people_from(tok, places: dict[str, int], norp_of_place: dict[int, int]):
    """("body", nationality) or ("group", place) for "officials from <place>", "individuals
    tied to <place>"; None else."""
    for prep in [*tok.children, *tie_preposition(tok)]:
        if prep.dep_ != "prep" or (prep.lower_ not in PEOPLE_FROM_PREPOSITIONS and prep.head.i == tok.i):
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            # the place's own words: "officials from Lavria, which ..." ends at the comma
            words = _fold(" ".join(t.text for t in pobj.subtree if t.lower_ != "the" and not t.is_punct
                                   and (t.i <= pobj.i or t.dep_ not in {"relcl", "acl", "appos"}
                                        and not any(a.dep_ in {"relcl", "acl", "appos"} and a.i > pobj.i
                                                    for a in t.ancestors))))
            place = places.get(words)
            if place is not None:
                return ("body", norp_of_place[place]) if place in norp_of_place else ("group", place)
    return None


def _group_entities(found: dict[str, list[Mention]], min_mentions: int = UNNAMED_GROUP_MIN_MENTIONS) -> list[Entity]:
    """One GROUP entity per class the story refers to often enough (``_often_enough``),
    named by its class and with the words outlets wrote for it as aliases."""
    out = []
    for group, spans in found.items():
        if not _often_enough(spans, min_mentions):
            continue
        written = Counter(s.text.lower() for s in spans)
        out.append(Entity(id="", name=group, type="GROUP", aliases=sorted(set(written) - {group}), roles=[],
                          spans=_dedupe(spans), mentions=dict(Counter(s.doc for s in spans))))
    return out


def _unnamed_groups(entities: list[Entity], docs: list[Document], parsed: dict[str, Doc]) -> list[Entity]:
    """Groups of people without a name that the story keeps referring to ("the migrants",
    "the caravan", "asylum-seekers"): one entity per group class, type GROUP, spans on the
    head words."""
    return _group_entities(_class_mentions(entities, docs, parsed, UNNAMED_GROUP_CLASSES, _names_an_unnamed_group))


def _names_an_unnamed_group(tok: Token) -> bool:
    if tok.pos_ != "NOUN" or tok.dep_ == "compound":
        return False
    if tok.lemma_.lower() in PLURAL_ONLY_GROUP_WORDS and (
            tok.tag_ != "NNS" or tok.dep_ == "poss" and any(c.lower_ in {"a", "an"} for c in tok.head.children)):
        return False  # "a defendant" is one of them; "a plaintiffs' firm" is a kind of firm
    if tok.lemma_.lower() in PLURAL_ONLY_GROUP_WORDS and any(
            c.dep_ == "prep" and c.lower_ == "in" and not any(d.lower_ in {"the", "this", "that"} for p in c.children
                                                            for d in p.children if d.dep_ == "det")
            for c in tok.children):
        return False  # "defendants in other criminal cases": another set than the story's case's
    # "the caravan of migrants": the group is its members, found on their own
    return not any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of" and tok.lemma_.lower() in {"caravan", "convoy"})
                   for c in tok.children)


def _class_mentions(entities: list[Entity], docs: list[Document], parsed: dict[str, Doc],
                    classes: dict[str, str], keeps) -> dict[str, list[Mention]]:
    """The mentions of each class of ``classes`` (a word's lemma -> its class) whose token
    ``keeps`` accepts, outside the spans entities already hold."""
    taken = taken_spans(entities)
    found: dict[str, list[Mention]] = defaultdict(list)
    for document in docs:
        doc = parsed.get(document.id)
        if doc is None:
            continue
        for tok in _tokens_matching(document, doc, classes):
            group = classes.get(tok.lemma_.lower())
            if group is None or not keeps(tok) or overlaps(tok, taken[document.id]):
                continue
            found[group].append(token_mention(document.id, tok))
    return found


NATIONAL_PEOPLE_NOUNS = {
    "official", "diplomat", "aide", "troop", "soldier", "lawmaker", "legislator", "senator", "negotiator",
    "envoy", "agent", "expert", "analyst", "citizen", "staff", "staffer", "spy", "delegation", "adviser",
    "advisor", "representative", "national", "service", "donor", "voter", "member", "supporter", "candidate",
    "employee", "staffer", "activist", "worker", "investigator", "chairman", "congressman", "lawyer", "attorney",
    "prosecutor", "leader", "operative", "strategist", "hacker", "volunteer", "delegate",
    "scientist", "individual", "scholar", "critic", "student", "resident", "ally", "partner",
    "intelligence", "military", "leadership", "people", "public",
}
"""People of a country written as a group ("Lavrian officials", "U.S. troops", "the visiting
Lavrian envoys", "Lavrian intelligence", "the Lavrian military", "Lavrian intelligence
officials", "the Lavrian people"): one GROUP entity per country, the country's people as outlets refer to
them. A later bare plural of the same noun ("officials said") joins the last such group
of its document within ``NATIONAL_GROUP_SENTENCES``."""

COLLECTIVE_PEOPLE_NOUNS = {"intelligence", "military", "leadership", "public"}
"""A country's bodies written as one noun ("Lavrian intelligence"): only through a
nationality the story names as a place's, never a bare NORP the tagger made of another
adjective ("Congressional leadership")."""

PLURAL_ONLY_PEOPLE_NOUNS = {"scientist", "individual", "scholar", "critic", "student", "resident", "ally",
                            "partner", "people"}
"""People nouns that name the group only in the plural ("Lavrian students"; "a Lavrian
student" is one person)."""

FIELD_NOUNS = {"intelligence", "security", "defense", "defence", "military", "government", "foreign", "trade",
               "state", "health", "police", "border", "election", "nuclear", "energy", "finance", "justice"}
"""Fields written between a nationality and its people ("Lavrian intelligence agencies",
"Lavrian security officials", "Lavrian trade negotiators"): the nationality is theirs."""

RELATIONAL_PEOPLE_NOUNS = {"ally", "partner"}
"""People named by their tie to someone: "European allies" are Europeans, but "U.S.
allies", "Lavria's partners" and "Lavrian allies" (where the story names Lavria) are
other countries, allied to that one; only an adjective of a region or people without a
country in the story ("European", "Western") makes them its own."""

STATE_PEOPLE_NOUNS = {
    "official", "diplomat", "aide", "negotiator", "envoy", "delegation", "staff", "staffer", "adviser", "advisor",
    "representative", "leadership", "leader", "lawmaker", "legislator", "senator", "congressman", "chairman",
    "agent", "spy", "intelligence", "military", "troop", "soldier", "investigator", "prosecutor", "operative",
    "delegate",
}
"""People who act for a country's state ("Lavrian officials", "Lavrian troops", "Lavrian
intelligence"): news writes them as an actor apart from the country's people ("Lavrians",
"Lavrian citizens", "Lavrian students"), so where the story has the nationality as an
entity they are a group of their own beside it, named "<Nationality> <noun>"."""

STATE_BODY_NOUNS = {"official", "intelligence", "military", "leadership", "staff", "delegation"}
"""Of ``STATE_PEOPLE_NOUNS``, those that join the state's group in the singular too ("a
Lavrian official", "Lavrian intelligence"); "a Lavrian spy" is one person, left with the
nationality as before. A party's people ("Voltic officials") stay with the party: a
party is no state."""

BODY_COLLECTIVE_NOUNS = {"staff", "delegation", "leadership"}
"""People nouns that name a body's people as a whole in the singular ("the party
leadership", "the committee staff"); any other singular ("a party official", "a former
party staffer") is one person, who is not the organisation."""

GENERIC_PEOPLE_NOUNS = {"people", "public"}
"""Nouns for anyone at all: "the Lavrian people" is the country's people, but a later bare
"people" is not theirs (unlike a bare "officials" after "Lavrian officials")."""

NATIONAL_GROUP_SENTENCES = 3
"""How far back (sentences) a bare "officials" looks for "<Nationality> officials"; further,
another country's officials may have come between unnoticed."""


def _national_groups(entities: list[Entity], docs: list[Document], parsed: dict[str, Doc]) -> list[Entity]:
    """Groups of a country's people ("Lavrian officials", "U.S. troops") as GROUP entities."""
    places: dict[str, int] = {}
    unknown_places: dict[str, int] = {}  # a one-word ORG may be a country the tagger did not know ("Korvia")
    for i, e in enumerate(entities):
        if e.type == "GPE" or (e.type == "ORG" and " " not in e.name and not e.name.isupper()):
            for form in {e.name, *e.aliases}:
                (places if e.type == "GPE" else unknown_places).setdefault(_fold(form), i)
    bodies: dict[str, int] = {}
    for i, e in enumerate(entities):
        if e.type in {"NORP", "ORG"}:
            for form in {e.name, *e.aliases}:
                bodies.setdefault(_fold(form), i)
    # a country's people are its nationality's entity where the story has one ("Lavrian")
    norp_of_place = {}
    for i, e in enumerate(entities):
        if e.type == "NORP":
            place = _place_of(_fold(e.name), places)
            if place is None:
                place = _place_of(_fold(e.name), unknown_places)
            if place is not None:
                norp_of_place.setdefault(place, i)
    taken = taken_spans(entities)
    # a group is keyed by its country's entity, or by the demonym when the story names no
    # such place ("Korvian officials" with no "Korvia")
    found: dict[int | str, list[Mention]] = defaultdict(list)
    state_people: dict[int, list[Mention]] = defaultdict(list)  # nationality entity -> its state's people
    written_as: dict[int | str, str] = {}
    body_at: dict[str, dict[int, int]] = {}  # per document: token -> organisation entity, filled when asked
    for document in docs:
        doc = parsed.get(document.id)
        if doc is None:
            continue
        last: dict[str, tuple[int, int | str]] = {}  # lemma -> (sentence start token, place)
        for tok in _tokens_matching(document, doc, NATIONAL_PEOPLE_NOUNS):
            lemma = tok.lemma_.lower()
            if lemma not in NATIONAL_PEOPLE_NOUNS or tok.pos_ != "NOUN" or tok.dep_ == "compound":
                continue
            if (lemma in ROLE_NOUNS and lemma != "official" or lemma in PLURAL_ONLY_PEOPLE_NOUNS) and tok.tag_ != "NNS":
                continue  # "the Lavrian leader", "a Lavrian envoy": one person, a title
            if overlaps(tok, taken[document.id]):
                continue
            target = None
            mods = [c for c in tok.children if c.i < tok.i and c.dep_ in {"amod", "compound", "nmod", "poss"}]
            if any(g.dep_ in {"conj", "cc"} for c in mods for g in c.children):
                continue  # "Lavrian and Korvian officials": two countries' people, neither's group
            # "Lavrian intelligence officials": the nationality modifies the field noun
            fields = [g for c in mods if c.dep_ == "compound" and c.pos_ == "NOUN" and c.lower_ in FIELD_NOUNS
                      for g in c.children if g.i < c.i and g.dep_ in {"amod", "compound", "nmod"}]
            if lemma in RELATIONAL_PEOPLE_NOUNS:
                mods = [c for c in mods if c.dep_ == "amod" and c.pos_ == "ADJ"]  # "Lavrian allies", not "U.S. allies"
                fields = []
            for c in mods + fields:
                target = _people_of(c, tok, places, unknown_places, bodies, norp_of_place, entities, written_as)
                if target is not None:
                    break
            if target is None and tok.tag_ == "NNS" and lemma in MEMBER_PEOPLE_NOUNS:
                target = _members_of(tok, document.id, doc, entities, body_at)
            if lemma in RELATIONAL_PEOPLE_NOUNS and target is not None and (
                    target[0] == "group" and isinstance(target[1], int) or target[1] in norp_of_place.values()):
                target = None  # "American allies": a country of the story's own allies, not Americans
            if target is None and tok.tag_ == "NNS" and not mods:
                target = _people_from(tok, places, norp_of_place) or _people_from(tok, unknown_places, norp_of_place)
            if target is not None:
                last[lemma] = (tok.sent.start, target)
            elif tok.tag_ == "NNS" and not mods and lemma in last and lemma not in GENERIC_PEOPLE_NOUNS:
                earlier, target_before = last[lemma]
                if sum(1 for _ in doc[earlier:tok.i].sents) - 1 <= NATIONAL_GROUP_SENTENCES:
                    target = target_before
            if target is None or (lemma in COLLECTIVE_PEOPLE_NOUNS and target[0] == "body"
                                  and target[1] not in norp_of_place.values()):
                continue
            if (target[0] == "body" and entities[target[1]].type == "ORG" and tok.tag_ != "NNS"
                    and lemma not in BODY_COLLECTIVE_NOUNS):
                continue  # "a former Velt Party staffer": one person, not the party
            mention = token_mention(document.id, tok)
            if (lemma in STATE_PEOPLE_NOUNS and isinstance(target[1], int) and (tok.tag_ == "NNS" or lemma in STATE_BODY_NOUNS)
                    and (target[0] == "body" and target[1] in norp_of_place.values() or target[0] == "group")):
                # a named country's state people: a group however rarely the story names them
                state_people[target[1]].append(mention)
                continue
            if target[0] == "body":
                entities[target[1]].spans.append(mention)
                continue
            place = target[1]
            found[place].append(mention)
    out = []
    for body, spans in state_people.items():
        written = Counter(s.text.lower() for s in spans)
        # "officials" when any are: "Lavrian troops" would misname the ministers among them
        noun = "officials" if any(w.startswith("official") for w in written) else written.most_common(1)[0][0]
        out.append(Entity(id="", name=f"{entities[body].name} {noun}", type="GROUP",
                          aliases=sorted(set(written)), roles=[], spans=_dedupe(spans),
                          mentions=dict(Counter(s.doc for s in spans))))
    for place, spans in found.items():
        # the country's people and its state's people are one country's, referred to often
        # enough together ("Lavrian officials" twice, "the Lavrian people" once)
        if not _often_enough(spans + state_people.get(place, [])):
            continue
        written = Counter(s.text.lower() for s in spans)
        country = entities[place].name if isinstance(place, int) else written_as[place]
        name = f"{country} {written.most_common(1)[0][0]}"
        out.append(Entity(id="", name=name, type="GROUP", aliases=sorted(set(written)), roles=[],
                          spans=_dedupe(spans), mentions=dict(Counter(s.doc for s in spans))))
    return out


MEMBER_PEOPLE_NOUNS = {"supporter", "member", "employee", "staffer", "official", "candidate", "activist",
                       "volunteer", "donor", "delegate", "lawmaker", "leader"}
"""People of an organisation written through its possessive ("the party's supporters",
"the union's members", "<Body>'s officials"): they are the organisation as news writes it,
as "<Body> officials" is."""


def _members_of(tok, doc_id: str, doc: Doc, entities: list[Entity], body_at: dict[str, dict[int, int]]):
    """("body", entity) when ``tok`` has a possessor inside a span of an organisation, party
    or people ("the party's supporters" after "the party" was resolved); None otherwise
    ("his supporters" is a person's circle, read in ``circles``)."""
    owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ in {"NOUN", "PROPN"}), None)
    if owner is None:
        return None
    if doc_id not in body_at:
        body_at[doc_id] = entity_at_tokens(entities, doc_id, doc, {"ORG", "NORP"})
    i = body_at[doc_id].get(owner.i)
    return ("body", i) if i is not None else None


def _often_enough(spans: list[Mention], min_mentions: int = UNNAMED_GROUP_MIN_MENTIONS) -> bool:
    """Whether an unnamed group is referred to often enough (``min_mentions``), in enough
    documents (UNNAMED_GROUP_MIN_DOCS), to be an entity of its own."""
    return len(spans) >= min_mentions and len({s.doc for s in spans}) >= UNNAMED_GROUP_MIN_DOCS


PARTY_SHORT_NAMES = {"gop": "republican", "grand old party": "republican", "tories": "conservative",
                     "tory": "conservative", "tory party": "conservative"}
"""Folded names a party goes by that share no spelling with its own ("GOP" for the
Republican Party, "the Tories" for the Conservative Party), and the people key of the
party they name: general English (dictionaries list them), a closed list like the
irregular demonyms. Joined only to a story's party written "<Adjective> Party" or
"<Adjective>s": outlets choosing "GOP" or "Republicans" is word choice about one actor."""

PARTY_WORDS = {"party"}
"""The head noun of a party's name: "the <Adjective> Party" and its members written as a
people ("<Adjective>s") are one actor."""


def _people_key(folded: str) -> str:
    """The form a people's names share: plural and singular ("lavrians", "lavrian") and
    a party's adjective ("democratic" -> "democrat", matched only where that noun form
    is written too)."""
    if folded.endswith("s") and len(folded) > 4 and not folded.endswith("ss"):
        return folded[:-1]
    return folded


def _merge_peoples(entities: list[Entity]) -> list[Entity]:
    """One entity for a people or party the tagger names in several forms: "Lavrians"
    and "Lavrian", "Voltists", "Voltist" and "Voltic", and "the Voltic Party" with its
    members ("Voltists"). News writes the party and its members as one actor; the forms
    differ by a plural or an adjective ending only, so nothing but spelling joins them."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(entities):
        if e.type == "NORP":
            by_key[_people_key(_fold(e.name))].append(i)
    for i, e in enumerate(entities):
        if e.type != "NORP":
            continue
        name = _fold(e.name)
        if name.endswith("ic") and " " not in name and len(name) >= 7 and name[:-2] in by_key and i not in by_key[name[:-2]]:
            by_key[name[:-2]].append(i)  # "Voltic" with "Voltists" written too
            by_key[name].remove(i)
            if not by_key[name]:
                del by_key[name]
    for i, e in enumerate(entities):
        words = _fold(e.name).split()
        if e.type == "ORG" and len(words) == 2 and words[1] in PARTY_WORDS:
            key = _people_key(words[0])
            key = key[:-2] if key not in by_key and key.endswith("ic") else key
            if key in by_key and any(entities[j].type == "NORP" for j in by_key[key]):
                by_key[key].insert(0, i)  # the party's name leads
    for i, e in enumerate(entities):
        key = PARTY_SHORT_NAMES.get(_fold(e.name)) if e.type in {"ORG", "NORP"} else None
        if key is None:
            continue
        if key not in by_key:
            party = [j for j, other in enumerate(entities) if other.type == "ORG" and _fold(other.name) == f"{key} party"]
            if len(party) != 1:
                continue
            by_key[key] = party
        for ids in by_key.values():
            if i in ids:
                ids.remove(i)  # "Tories" read as a people of its own: it is the party's
        by_key[key].append(i)
    merged: set[int] = set()
    for ids in by_key.values():
        if len(ids) < 2:
            continue
        lead = entities[ids[0]] if entities[ids[0]].type == "ORG" else max(
            (entities[i] for i in ids), key=lambda e: len(e.spans))
        for i in ids:
            e = entities[i]
            if e is lead:
                continue
            absorb(lead, e)
            lead.roles = lead.roles + [r for r in e.roles if r not in lead.roles]
            merged.add(i)
    return [e for i, e in enumerate(entities) if i not in merged]


BARE_PEOPLE_CLASSES = {
    "official": "officials", "aide": "officials", "staffer": "officials", "diplomat": "officials",
    "negotiator": "officials", "lawmaker": "lawmakers", "legislator": "lawmakers",
    "expert": "experts", "analyst": "experts", "scholar": "experts", "observer": "experts",
    "critic": "critics", "voter": "voters", "citizen": "voters",
}
"""Plural people nouns that news uses, with no name, country or person attached, for a
kind of source or actor it keeps coming back to ("officials said", "experts warn",
"critics", "voters"), and the group each belongs to: insiders of government, lawmakers,
outside experts, critics, the public."""

BARE_PEOPLE_MIN_MENTIONS = 2
"""A bare people plural of ``BARE_PEOPLE_CLASSES`` ("voters", "critics") is a group of its own
from two mentions (still in two documents, UNNAMED_GROUP_MIN_DOCS): these words name the
same kind of actor in every outlet that uses them, so two outlets choosing one is already
the story referring to it again; a passing "the passengers" of ``UNNAMED_GROUP_CLASSES``
needs three."""

BARE_PEOPLE_BLOCKING_PREPOSITIONS = {"of", "from", "in", "at", "for", "with", "on"}
"""'officials of the league', 'experts at the institute': people defined by what follows
are not the bare group."""


def _bare_people(entities: list[Entity], docs: list[Document], parsed: dict[str, Doc]) -> list[Entity]:
    """"officials", "top aides", "some experts", "critics": one GROUP entity per class of
    ``BARE_PEOPLE_CLASSES`` that the story refers to often enough (``_often_enough``); only
    plurals without a possessor, a name or a defining phrase, and only where no earlier
    step gave the word to a country's people or a person's circle."""
    found = _class_mentions(entities, docs, parsed, BARE_PEOPLE_CLASSES, _bare_plural)
    return _officials_of_the_one_state(entities, _group_entities(found, BARE_PEOPLE_MIN_MENTIONS))


STORY_OFFICIALS_MIN_MENTIONS = 3
STORY_OFFICIALS_DOMINANCE = 3
"""The story's bare "officials" (none with a country's officials in the sentences before,
``NATIONAL_GROUP_SENTENCES``) are one state's officials when the story names that state's
officials ("<Nationality> officials") at least ``STORY_OFFICIALS_MIN_MENTIONS`` times and
``STORY_OFFICIALS_DOMINANCE`` times as often as any other state's: outlets that keep
writing "Lavrian officials" and "officials said" mean the same people. Two states'
officials named in comparable measure leave the bare group alone (a wrong actor costs
more than a miss)."""


def _officials_of_the_one_state(entities: list[Entity], groups: list[Entity]) -> list[Entity]:
    """The bare "officials" group of ``groups`` joined to the state officials' group the story
    names far more often than any other (``STORY_OFFICIALS_DOMINANCE``); ``groups`` without it then."""
    bare = next((g for g in groups if g.name == BARE_PEOPLE_CLASSES["official"]), None)
    if bare is None:
        return groups
    states = {f"{e.name} {BARE_PEOPLE_CLASSES['official']}" for e in entities if e.type in {"NORP", "GPE"}}
    ranked = sorted((e for e in entities if e.type == "GROUP" and e.name in states), key=lambda e: -len(e.spans))
    if not ranked or len(ranked[0].spans) < STORY_OFFICIALS_MIN_MENTIONS or (
            len(ranked) > 1 and len(ranked[0].spans) < STORY_OFFICIALS_DOMINANCE * len(ranked[1].spans)):
        return groups
    state = ranked[0]
    absorb(state, bare)
    return [g for g in groups if g is not bare]


def _bare_plural(tok: Token) -> bool:
    """A plural with no possessor, name, compound, defining phrase or clause: 'officials', 'top aides'."""
    if tok.tag_ != "NNS" or tok.dep_ == "compound":
        return False
    return not any(c.dep_ in {"poss", "compound", "nmod"} or c.ent_type_ or (c.dep_ == "amod" and c.pos_ == "PROPN")
                   or (c.dep_ == "prep" and c.lower_ in BARE_PEOPLE_BLOCKING_PREPOSITIONS) or c.dep_ in {"relcl", "acl"}
                   for c in tok.children)
