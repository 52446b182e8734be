"""A country's government written through its leader or its name: "the Velt
administration", "his government", "Lavria's government", "the Lavrian regime" all refer
to the country (news writes a country and the body that acts for it as one actor)."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..model import Document, Entity, Mention
from .descriptions import IRREGULAR_DEMONYMS, TITLE_DOMINANCE, _place_of, _tokens_matching
from .names import HONORIFICS, _fold, acronym_matches, is_acronym
from .spans import _dedupe, absorb, entity_at_tokens, overlaps, parsed_spans, taken_spans, token_mention

GOVERNMENT_NOUNS = {"administration", "government", "regime"}
"""Nouns for the body that governs a country; "<leader>'s administration" is that country's."""

HEAD_OF_STATE_WORDS = {"president", "premier", "chancellor", "king", "queen", "dictator", "emperor",
                       "monarch", "sultan", "emir", "leader"}
"""Title words of a person who leads a country: the body "his government" names is the
country he leads ("prime minister" counts through "prime")."""

NOT_THE_LEADER = {"vice", "deputy", "former", "then", "ex", "late", "majority", "minority", "party", "opposition",
                  "house", "senate", "team", "group", "rebel", "union", "campaign", "club", "caucus"}
"""Words in a role that make its holder someone other than the country's leader of the
day ("former president", "Senate majority leader", "opposition leader")."""

POSSESSIVE_PRONOUNS = {"his", "her"}

LEADER_OFFICE_NOUNS = {"office"}
"""The office of a country's leader ("Velt's office said", "the president's office"): the
staff that speaks for the leader, read as the country's government; only with the
leader as its possessor ("his office" of a lawyer, "the office of the inspector
general" are others)."""

LED_NOUNS = {"country", "nation"}
"""Nouns for the country itself, read only after "his"/"her" for a leader ("his country":
the country he leads)."""


def _leads_country(e: Entity) -> bool:
    """A role naming a head of state or government; its head word decides ("the
    president's son" is a son, not a president)."""
    for role in e.roles:
        words = _fold(role).split()
        words = words[:words.index("of")] if "of" in words else words  # "president of Lavria"
        if not words or set(words) & NOT_THE_LEADER:
            continue
        head = words[-1]
        if head in HEAD_OF_STATE_WORDS or (head == "minister" and "prime" in words):
            return True
    return False


def _places(entities: list[Entity]) -> dict[str, int]:
    """Folded place names -> entity: the story's GPEs, and a one-word ORG whose
    nationality the story also names ("Korvia" beside "Korvian": a country the tagger did
    not know)."""
    places: dict[str, int] = {}
    maybe: dict[str, int] = {}
    for i, e in enumerate(entities):
        if e.type == "GPE":
            for form in {e.name, *e.aliases}:
                places.setdefault(_fold(form), i)
        elif e.type == "ORG" and " " not in e.name and not e.name.isupper():
            maybe.setdefault(_fold(e.name), i)
    for e in entities:
        if e.type == "NORP" and _place_of(_fold(e.name), places) is None:
            place = _place_of(_fold(e.name), maybe)
            if place is not None:
                places.setdefault(_fold(entities[place].name), place)
    return places


def _place_in(words: list[str], places: dict[str, int]) -> int | None:
    """The place a run of folded words names or is the demonym of ("south korean",
    "u s", "lavria"), longest match first."""
    for size in (3, 2, 1):
        for k in range(len(words) - size + 1):
            key = " ".join(words[k:k + size])
            if key in places:
                return places[key]
            if key in IRREGULAR_DEMONYMS and IRREGULAR_DEMONYMS[key] in places:
                return places[IRREGULAR_DEMONYMS[key]]
            if size == len(words) or size > 1 or len(key) >= 5:
                place = _place_of(key, places) if key not in IRREGULAR_DEMONYMS else None
                if place is not None:
                    return place
    return None


def _country_of_leaders(entities: list[Entity], parsed: dict[str, Doc], places: dict[str, int],
                        predecessors: set[int] | None = None) -> dict[int, int]:
    """Person index -> the country he leads: the place written in the title run before his
    name ("Lavrian President Dana Velt"), after it ("President Velt of Lavria") or in an
    apposition ("Velt, the Lavrian leader"), when one place has most of those votes. Of
    several leaders of one country, only the one the story names TITLE_DOMINANCE times as
    often as the others (the leader of the day; "the Ardan administration" of a
    predecessor is another body)."""
    votes: dict[int, Counter] = defaultdict(Counter)
    for i, e in enumerate(entities):
        if e.type != "PERSON" or not _leads_country(e):
            continue
        for sp, doc, span in parsed_spans(e, parsed):
            root = span.root
            around: list[list[Token]] = [[t for t in doc[root.left_edge.i:span.start] if not t.is_punct]]
            for child in root.children:
                if child.dep_ == "appos" and child.i >= span.end:
                    around.append([t for t in child.subtree if t.i < child.i or t.i == child.i])
                elif child.dep_ == "prep" and child.lower_ == "of" and child.i >= span.end:
                    around.append([t for t in child.subtree if t.i > child.i])
            for tokens in around:
                place = _place_in(_fold(" ".join(t.text for t in tokens)).split(), places) if tokens else None
                if place is not None:
                    votes[i][place] += 1
    country: dict[int, int] = {}
    for i, counter in votes.items():
        ranked = counter.most_common(2)
        if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
            country[i] = ranked[0][0]
    by_place: dict[int, list[int]] = defaultdict(list)
    for i, place in country.items():
        by_place[place].append(i)
    for place, people in by_place.items():
        if len(people) < 2:
            continue
        ranked = sorted(people, key=lambda i: -sum(entities[i].mentions.values()))
        top = sum(entities[ranked[0]].mentions.values())
        if top < TITLE_DOMINANCE * sum(entities[ranked[1]].mentions.values()):
            ranked = []
        for i in ranked[1:] if ranked else people:
            country.pop(i, None)
            if ranked and predecessors is not None:
                predecessors.add(i)  # another leader of a country whose leader of the day is known
    return country


def _person_before(tok: Token, doc_id: str, person_spans: list[tuple[int, int, int]]) -> int | None:
    """The person "his" refers to: the subject of its clause when that is a person ("Velt
    added Marrow to his team": Velt); else the one person named earlier in its sentence,
    or, when its sentence names none before it, the one person of the sentence before."""
    verb = tok.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    while verb.dep_ in {"conj", "xcomp"} and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        verb = verb.head
    for subject in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < tok.i):
        owners = {i for s, e, i in person_spans if s <= subject.idx < e}
        if len(owners) == 1:
            return next(iter(owners))
    sent = tok.sent
    here = {i for s, e, i in person_spans if sent.start_char <= s < tok.idx}
    if here:
        return next(iter(here)) if len(here) == 1 else None
    if any(sent.start_char <= s < sent.end_char for s, e, i in person_spans):
        return None  # "In his statement, Velt said": the person comes after; left alone
    if sent.start == 0:
        return None
    prev = tok.doc[sent.start - 1].sent
    before = {i for s, e, i in person_spans if prev.start_char <= s < prev.end_char}
    return next(iter(before)) if len(before) == 1 else None


def _leader_before(tok: Token, person_spans, leaders: dict[int, int]) -> int | None:
    """"Velt praised Orm in the early days of his administration": only a leader has an
    administration or a government, so "his" is the one leader (of a known country)
    among the people named before it in its sentence, or in the sentence before when
    its own names none; None with two leaders or none."""
    sent = tok.sent
    here = {i for s, e, i in person_spans if sent.start_char <= s < tok.idx}
    if not here and sent.start > 0:
        prev = tok.doc[sent.start - 1].sent
        here = {i for s, e, i in person_spans if prev.start_char <= s < prev.end_char}
    ruling = {i for i in here if i in leaders}
    return next(iter(ruling)) if len(ruling) == 1 else None


def _owner(tok: Token, doc_id: str, entity_at_token: dict[int, int], person_spans, leaders: dict[int, int],
           entities: list[Entity], places: dict[str, int]) -> int | None:
    """The country a government noun belongs to, read from its possessor or premodifier:
    a place ("Lavria's government", "the Lavria government"), a leader ("the Velt
    administration", "Velt's government") or "his"/"her" for a leader."""
    owners = set()
    for child in tok.children:
        if child.i > tok.i or child.dep_ not in {"poss", "compound", "nmod"}:
            continue
        if child.lower_ in POSSESSIVE_PRONOUNS and child.dep_ == "poss":
            person = _person_before(tok, doc_id, person_spans)
            if person not in leaders and tok.lower_ in GOVERNMENT_NOUNS:
                person = _leader_before(tok, person_spans, leaders)
            if person is None and tok.lower_ in LED_NOUNS:
                owners.add(_official_country(tok, entity_at_token, entities, places))
                continue
            owners.add(leaders.get(person) if person is not None else None)
            continue
        for t in child.subtree:
            i = entity_at_token.get(t.i)
            if i is None:
                continue
            if entities[i].type == "GPE":
                owners.add(i)
            elif entities[i].type == "PERSON":
                owners.add(leaders.get(i))
            else:
                owners.add(None)
    return next(iter(owners)) if len(owners) == 1 else None  # None among them: unknown, skip


def _official_country(tok: Token, entity_at_token: dict[int, int], entities: list[Entity],
                      places: dict[str, int]) -> int | None:
    """"Lavria's security chief warned that his country ...", "the Lavrian envoy said his
    country ...": "his" is the unnamed official the clause (or the speech verb it reports)
    has as subject, and his country is the one place written in that subject's possessor
    or premodifiers (a nationality read as its place); None when the subject names a
    person or no place, or two."""
    verb = tok.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    while True:
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i != tok.i and c.i < tok.i]
        if subjects or verb.dep_ not in {"ccomp", "conj", "xcomp"} or verb.head.i == verb.i:
            break
        verb = verb.head
    if len(subjects) != 1 or subjects[0].pos_ != "NOUN":
        return None
    subject = subjects[0]
    named = {entity_at_token.get(t.i) for c in subject.children if c.i < subject.i and c.dep_ in {"poss", "amod", "compound"}
             for t in c.subtree} - {None}
    if subject.i in entity_at_token or len(named) != 1:
        return None
    owner = entities[next(iter(named))]
    if owner.type == "NORP":
        return _place_of(_fold(owner.name), places)
    return next(iter(named)) if owner.type == "GPE" else None


def _leader_possessor(tok: Token, entity_at_token: dict[int, int], entities: list[Entity],
                      leaders: dict[int, int]) -> bool:
    """"Velt's office": the noun's only premodifier is the possessive name of a leader
    whose country is known, and no phrase defines it further ("Velt's office in the
    capital", "Velt's office of ...")."""
    mods = [c for c in tok.children if c.i < tok.i and c.dep_ not in {"det", "punct"}]
    if len(mods) != 1 or mods[0].dep_ != "poss" or any(c.dep_ in {"prep", "relcl", "acl"} for c in tok.children):
        return False
    people = {entity_at_token.get(t.i) for t in mods[0].subtree
              if t.tag_ != "POS" and not t.is_punct and t.lower_ not in HONORIFICS}
    if len(people) != 1:
        return False
    person = next(iter(people))
    return person is not None and entities[person].type == "PERSON" and person in leaders


def _governments(entities: list[Entity], docs: list[Document], parsed: dict[str, Doc]) -> None:
    """"the Velt administration", "his government", "Lavria's regime" -> the country; the
    span is the government noun. Skipped when the possessor is not one known place or one
    leader with a known country."""
    places = _places(entities)
    if not places:
        return
    leaders = _country_of_leaders(entities, parsed, places)
    taken_by_doc = taken_spans(entities)
    for document in docs:
        doc = parsed.get(document.id)
        if doc is None:
            continue
        taken = taken_by_doc[document.id]
        entity_at_token = entity_at_tokens(entities, document.id, doc)
        person_spans = [(sp.start, sp.end, i) for i, e in enumerate(entities) if e.type == "PERSON"
                        for sp in e.spans if sp.doc == document.id]
        for tok in _tokens_matching(document, doc, GOVERNMENT_NOUNS | LED_NOUNS | LEADER_OFFICE_NOUNS):
            if tok.lower_ not in GOVERNMENT_NOUNS | LED_NOUNS | LEADER_OFFICE_NOUNS or tok.pos_ != "NOUN":
                continue
            if tok.lower_ in LED_NOUNS and not any(c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS for c in tok.children):
                continue
            if tok.lower_ in LEADER_OFFICE_NOUNS and not _leader_possessor(tok, entity_at_token, entities, leaders):
                continue
            if overlaps(tok, taken):
                continue
            target = _owner(tok, document.id, entity_at_token, person_spans, leaders, entities, places)
            if target is None:
                continue
            entities[target].spans.append(token_mention(document.id, tok))
            taken.append((tok.idx, tok.idx + len(tok)))


ADMINISTRATION_NOUNS = {"administration"}


def _other_administrations(entities: list[Entity], docs: list[Document], parsed: dict[str, Doc]) -> list[Entity]:
    """"the Ardan administration" of a person who is not the leader of the day (a
    predecessor: "former President Ardan", or a president when the story knows its
    leaders of the day and this is none of them): a body of its own, not the country, so
    one ORG entity per such person, named "<name> administration", its spans on the
    noun. A leader of the day's went to the country (``_governments``); with no leader
    known, a president's stays unresolved."""
    places = _places(entities)
    predecessors: set[int] = set()
    leaders = _country_of_leaders(entities, parsed, places, predecessors) if places else {}
    taken_by_doc = taken_spans(entities)
    found: dict[int, list[Mention]] = defaultdict(list)
    for document in docs:
        doc = parsed.get(document.id)
        if doc is None:
            continue
        tokens = _tokens_matching(document, doc, ADMINISTRATION_NOUNS)
        if not tokens:
            continue
        person_at = entity_at_tokens(entities, document.id, doc, {"PERSON"})
        for tok in tokens:
            if tok.lower_ not in ADMINISTRATION_NOUNS or tok.pos_ != "NOUN" or overlaps(tok, taken_by_doc[document.id]):
                continue
            owners = {person_at.get(c.i) for c in tok.children
                      if c.i < tok.i and c.dep_ in {"compound", "poss"} and c.pos_ == "PROPN"}
            if len(owners) != 1 or None in owners:
                continue
            person = next(iter(owners))
            if person in leaders or (_leads_country(entities[person]) and person not in predecessors and not leaders):
                continue  # a sitting leader's is the country's; left where ``_governments`` left it
            found[person].append(token_mention(document.id, tok))
    return [Entity(id="", name=f"{entities[i].name} administration", type="ORG", aliases=[], roles=[],
                   spans=_dedupe(spans), mentions=dict(Counter(s.doc for s in spans)))
            for i, spans in found.items()]


STATE_AGENCY_NOUNS = {"agency", "agencies", "service", "services"}
STATE_AGENCY_FIELDS = {"intelligence", "counterintelligence", "spy", "security", "military", "secret", "defense",
                       "defence", "police", "border"}
"""A country's agencies of force and secrets ("Lavrian intelligence agencies", "the
Lavrian government and its military spy agency") act for the country, as its government
does; a "news agency" or "health service" of a country is a body of its own."""


def _state_agencies(entities: list[Entity], docs: list[Document], parsed: dict[str, Doc]) -> None:
    """"Lavrian intelligence agencies", "U.S. security services", "the Lavrian government
    and its intelligence service" -> the country (``STATE_AGENCY_FIELDS``); the span is
    the agency noun. Only an unnamed agency ("the Lavrian Intelligence Service" is a name
    of its own) and only one known place."""
    places = _places(entities)
    if not places:
        return
    taken_by_doc = taken_spans(entities)
    for document in docs:
        doc = parsed.get(document.id)
        if doc is None:
            continue
        taken = taken_by_doc[document.id]
        tokens = _tokens_matching(document, doc, STATE_AGENCY_NOUNS)
        if not tokens:
            continue
        entity_at_token = entity_at_tokens(entities, document.id, doc)
        assigned: list[tuple[Token, int]] = []  # agency nouns given to a country here, in text order
        for tok in tokens:
            if tok.lower_ not in STATE_AGENCY_NOUNS or tok.pos_ != "NOUN" or overlaps(tok, taken):
                continue
            mods = [t for t in tok.subtree if t.i < tok.i and t.dep_ in {"amod", "compound", "nmod", "poss"}]
            if not any(t.lower_ in STATE_AGENCY_FIELDS for t in mods):
                target = _agencies_back(tok, assigned)
                if target is not None:
                    entities[target].spans.append(token_mention(document.id, tok))
                    taken.append((tok.idx, tok.idx + len(tok)))
                continue
            owners = {_owner_place(_fold(" ".join(t.text for t in m.subtree if t.i < tok.i and not t.is_punct)), places)
                      for m in tok.children if m.i < tok.i and m.dep_ in {"amod", "compound", "nmod"}
                      and m.lower_ not in STATE_AGENCY_FIELDS}
            owners.discard(None)
            if not owners and any(c.dep_ == "poss" and c.lower_ == "its" for c in tok.children) and tok.dep_ == "conj":
                # "the Lavrian government and its spy agency": "its" is the government's
                first = entity_at_token.get(tok.head.i)
                if first is not None and entities[first].type == "GPE":
                    owners = {first}
            if len(owners) != 1:
                continue
            target = next(iter(owners))
            entities[target].spans.append(token_mention(document.id, tok))
            taken.append((tok.idx, tok.idx + len(tok)))
            assigned.append((tok, target))


STATE_AGENCY_BACK_SENTENCES = 2
"""How far back (sentences) a bare "the agencies" looks for "<Nationality> intelligence
agencies"; further, another body may have come between unnoticed."""


def _agencies_back(tok: Token, assigned: list[tuple[Token, int]]) -> int | None:
    """"Four Lavrian intelligence agencies reported ... , the agencies said": a bare
    definite agency noun ("the agencies", "the service"; no modifier, no defining phrase)
    is the country whose agencies the same word was, in this sentence or within
    ``STATE_AGENCY_BACK_SENTENCES`` before; only when that word was written there for one
    country alone and not in between for anything else."""
    dets = [c for c in tok.children if c.dep_ == "det"]
    if (len(dets) != 1 or dets[0].lower_ not in {"the", "these", "those", "this", "that"}
            or any(c.dep_ not in {"det"} and c.i < tok.i for c in tok.children)
            or any(c.dep_ in {"prep", "relcl", "acl", "appos"} for c in tok.children if c.i > tok.i)):
        return None
    doc = tok.doc
    near = [(t, e) for t, e in assigned if t.lower_ == tok.lower_ and t.i < tok.i
            and len(list(doc[t.i : tok.i + 1].sents)) - 1 <= STATE_AGENCY_BACK_SENTENCES]
    if not near or len({e for _, e in near}) != 1:
        return None  # none near, or two countries' agencies: which are meant is unclear
    last, target = near[-1]
    if any(t.lower_ == tok.lower_ for t in doc[last.i + 1 : tok.i]):
        return None  # the word written again in between for something else
    return target


def _owner_place(words: str, places: dict[str, int]) -> int | None:
    """The place a premodifier names or is the demonym of ("u s", "lavrian")."""
    place = _place_in(words.split(), places)
    return place if place is not None else _place_of(words, places)


AGENT_DEPS = {"nsubj", "nsubjpass", "poss"}
"""Where a capital acts for its country ("Lavrograd said", "Lavrograd's nuclear programme")."""

PARTY_PREPOSITIONS = {"with", "against", "between", "by", "toward", "towards"}
"""Prepositions that make their object a party to something ("talks with Lavrograd",
"sanctions against Lavrograd", "rejected by Lavrograd"), not a place ("in Lavrograd",
"to Lavrograd")."""


def _as_actor(span) -> bool:
    root = span.root
    return root.dep_ in AGENT_DEPS or (root.dep_ == "pobj" and root.head.lower_ in PARTY_PREPOSITIONS)


def _countries_by_name(entities: list[Entity]) -> dict[str, int]:
    """Each folded name or alias of a place entity (GPE) -> the first such entity's index."""
    countries: dict[str, int] = {}
    for i, e in enumerate(entities):
        if e.type == "GPE":
            for form in {e.name, *e.aliases}:
                countries.setdefault(_fold(form), i)
    return countries


def _country_records() -> list:
    """countryinfo's country records; none without the package."""
    try:
        import countryinfo
    except ImportError:
        return []
    return countryinfo.all_countries()


@lru_cache(maxsize=1)
def _capital_of() -> dict[str, frozenset[str]]:
    """Folded capital name -> folded names of its country ("washington" -> "united
    states", "us", "usa", ...), from the countryinfo package; empty without it."""
    table: dict[str, set[str]] = defaultdict(set)
    for country in _country_records():  # the capitals are extra evidence; the rest works without them
        try:
            capital, names = country.capital(), [country.name(), *country.alt_spellings()]
        except Exception:  # one odd record must not cost the others
            continue
        for capital_name in ([capital] if isinstance(capital, str) else capital or []):  # a few have two
            if not isinstance(capital_name, str) or not capital_name:
                continue
            short = " ".join(w for w in capital_name.split() if "." not in w) or capital_name  # "Washington D.C."
            for form in {capital_name, short}:
                table[_fold(form)].update(_fold(n) for n in names if isinstance(n, str) and n)
    return {k: frozenset(v) for k, v in table.items()}


def _capitals(entities: list[Entity], parsed: dict[str, Doc]) -> list[Entity]:
    """A capital the story uses for its country's government ("Lavrograd said", "Lavrograd's
    plans", "talks with Lavrograd") is the country: news writes the capital as a stand-in for the state, and every
    mention of it joins the country's entity. Only where the story names the country too
    and writes the capital as an actor at least once; a capital that is only a place ("in
    Lavrograd") stays apart."""
    table = _capital_of()
    if not table:
        return entities
    countries = _countries_by_name(entities)
    merged = set()
    for i, e in enumerate(entities):
        if e.type != "GPE" or " " in e.name.strip():
            continue
        names = table.get(_fold(e.name), ())
        targets = {countries[n] for n in names if n in countries} - {i}
        if len(targets) != 1:
            continue
        if not any(_as_actor(span) for _, _, span in parsed_spans(e, parsed)):
            continue
        absorb(entities[next(iter(targets))], e)
        merged.add(i)
    return [e for i, e in enumerate(entities) if i not in merged]


MIN_OTHER_NAME_LETTERS = 4
"""countryinfo's shorter spellings are ISO codes ("KP", "IRN"): too short to read a name
by; a story's own acronyms meet the full names instead ("DPRK")."""

MIN_ACRONYM_LETTERS = 3
"""An acronym of a country's official name ("ROK", "DPRK") is read as the country from
three letters: two match the initials of too many names."""


@lru_cache(maxsize=1)
def _other_country_names() -> dict[str, frozenset[str]]:
    """Folded country name -> the folded other names of that country: its official and
    alternative names from countryinfo ("democratic people republic of korea"), the same
    without "of <country>" where two words stay ("islamic republic" of "islamic republic of
    iran"); empty without countryinfo. Not "America" for the United States: the
    ECB+ gold keeps the two apart, and joining them there cost B-cubed precision."""
    table: dict[str, set[str]] = defaultdict(set)
    for country in _country_records():  # other names are extra evidence; the rest works without them
        try:
            name, spellings = country.name(), country.alt_spellings()
        except Exception:  # one odd record must not cost the others
            continue
        if not isinstance(name, str) or not name:
            continue
        key = _fold(name)
        for spelling in spellings or []:
            if not isinstance(spelling, str) or sum(c.isalpha() for c in spelling) < MIN_OTHER_NAME_LETTERS:
                continue
            other = _fold(spelling)
            if other == key or "," in spelling:  # "Korea, Republic of": an index form, never written
                continue
            table[key].add(other)
            short = other.removesuffix(f" of {key}")
            if short != other and len(short.split()) >= 2:
                table[key].add(short)
    return {k: frozenset(v) for k, v in table.items()}


def _country_other_names(entities: list[Entity]) -> list[Entity]:
    """A country written by another of its names ("the Democratic People's Republic of
    Korea", "the DPRK", "the Islamic Republic") is the country the story names:
    its mentions join that country's entity, whatever type the tagger gave them (an
    acronym is often tagged ORG). Only where the other name belongs to exactly one country
    the story names, and never a name that is itself a country's ("Congo")."""
    table = _other_country_names()
    if not table:
        return entities
    countries = {name: i for name, i in _countries_by_name(entities).items() if name in table}
    if not countries:
        return entities
    merged = set()
    for i, e in enumerate(entities):
        if e.type not in {"GPE", "ORG", "LOC"} or i in countries.values():
            continue
        forms = {e.name, *e.aliases}
        if any(_fold(f) in table for f in forms):
            continue
        targets = set()
        for key, j in countries.items():
            for form in forms:
                folded = _fold(form)
                if folded in table[key] or (is_acronym(form) and len(folded) >= MIN_ACRONYM_LETTERS
                                            and any(acronym_matches(form, o) for o in table[key])):
                    targets.add(j)
        if len(targets) != 1:
            continue
        absorb(entities[next(iter(targets))], e)
        merged.add(i)
    return [e for i, e in enumerate(entities) if i not in merged]
