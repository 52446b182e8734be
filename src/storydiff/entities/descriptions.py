"""Descriptions: bare titles ("the president"), short references to a named body ("the
committee", "the North", "the country") resolved to entities of a story."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Doc

from ..model import Document, Entity
from ..nlp import parse_memo
from .linking import _title_word
from .names import _fold
from .appositions import _description_heads
from .spans import overlaps, parsed_spans, taken_spans, token_mention
from .places import (COUNTRY_NOUNS, COUNTRY_SENTENCES, DESCRIBED_COUNTRY_NOUNS, IRREGULAR_DEMONYMS,  # noqa: F401
                     _country_np, _known_country, _place_of, _recent_place)

TITLE_DOMINANCE = 3
"""Two people in a document hold a title ("the president"): the bare title is given to
the one named at least this many times as often as any other holder there; otherwise to
nobody (a wrong actor costs more than a miss)."""

BODY_TITLES = {"administration", "government", "campaign", "regime"}
"""Bare heads that refer to a body named "<X> administration" etc. when the story has
exactly one such body."""

TITLE_EQUIVALENTS = {"ambassador": {"envoy"}, "representative": {"congressman", "congresswoman"},
                     "director": {"chief"}, "chairman": {"chair"}, "chairwoman": {"chair"}}
"""Other words news uses for a holder's title: "the Lavrian envoy" is its ambassador, "the
congressman" a representative, "the agency's chief" its director."""

LEADER_WORD = "leader"
"""What news calls any head of state or government ("the Lavrian leader", "Lavria's
leader")."""

GENERIC_QUALIFIERS = {"former", "top", "current", "new", "then", "outgoing", "incoming", "acting", "interim",
                      "senior", "late", "sitting", "embattled", "longtime", "veteran", "special", "chief"}
"""Words before a title that do not tell two holders apart ("the former director")."""

COMPASS_WORDS = {"north", "south", "east", "west"}
""""the North" for the one place of the story whose name starts with that word ("North
Lavria"); a general way of English news to shorten a country's name."""

DEMONYM_BODIES = {"government", "regime", "authorities", "leadership"}
""""the <Nationality> government": the place of that nationality."""

OFFICE_BODY_HEADS = frozenset({"office", "department"})
"""What a title's possessive names as a body ("the sheriff's office", "the mayor's
office"): the agency speaks, not the person who holds the title."""


def _title_np(tok, allow_capital: bool = True) -> list[str] | None:
    """The qualifying words of a definite title NP headed by ``tok`` ("the president": [];
    "the North Korean leader": ["north", "korean"]; "the former director": []), or None
    when ``tok`` heads no such NP: a name follows ("President Velt"), "of" follows ("the
    president of X"), a possessive or another determiner, or a defining clause."""
    if tok.pos_ not in {"NOUN", "PROPN"} or tok.dep_ == "compound":
        return None
    if tok.dep_ == "poss" and tok.head.lemma_.lower() in OFFICE_BODY_HEADS:
        return None  # "the sheriff's office" is an agency, not its holder
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.pos_ == "PROPN" and not nxt.is_punct:
        return None
    det = False
    words: list[str] = []
    for child in tok.children:
        if child.i < tok.i:
            if child.dep_ == "det" and child.lower_ == "the":
                det = True
            elif child.dep_ == "poss" and child.pos_ == "PROPN" and all(
                    t.pos_ in {"PROPN", "PART", "PUNCT"} for t in child.subtree):
                # "Lavria's president": the owner's name qualifies the title like "Lavrian"
                det = True
                words.extend(_fold(" ".join(t.text for t in child.subtree if t.pos_ == "PROPN")).split())
            elif child.dep_ == "amod" and child.tag_ == "VBN" and child.n_lefts + child.n_rights == 0:
                continue  # "the fired director", "the ousted leader": what befell the holder, not which office
            elif child.dep_ in {"amod", "compound", "nmod"}:
                words.extend(_fold(" ".join(t.text for t in child.subtree if t.i < tok.i and not t.is_punct
                                            and t.lower_ != "the")).split())
            else:
                return None
        elif child.dep_ == "prep" and child.lower_ in {"of", "for"}:
            # "the president of Lavria", "the spokesman for the Harbour Board": the words of
            # its object qualify the title like a premodifier; "of" with anything but a name
            # ("of the group") is another NP
            pobj = [t for t in child.subtree if t.i > child.i and not t.is_punct and t.lower_ != "the"]
            if len(pobj) == 1 and pobj[0].pos_ == "NOUN" and pobj[0].is_lower and pobj[0].i == child.i + 1:
                # "the chief of staff", "the secretary of state": a bare noun after "of" is
                # part of the title, matched against the holder's own title words
                words.append(pobj[0].lower_)
                continue
            if not pobj or not all(t.ent_type_ or t.is_title for t in pobj) or len(pobj) > 4:
                return None
            words.extend(_fold(" ".join(t.text for t in pobj)).split())
        elif child.dep_ in {"relcl", "acl"} and tok.doc[child.left_edge.i - 1].text != ",":
            return None  # "the president who ...": defining; "the president, who ...": not
    if not (det or (allow_capital and tok.text[:1].isupper() and not tok.is_sent_start)):
        return None
    return [w for w in words if w not in GENERIC_QUALIFIERS]


def _plain_head(tok, allow_capital: bool = True) -> bool:
    """A bare NP: "the president", "President" (not before a name, not "the president of
    X", "Iran's president")."""
    return _title_np(tok, allow_capital) == []


def _tokens_matching(document: Document, doc: Doc, words: Iterable[str]) -> list:
    """The tokens of ``doc`` whose text starts one of ``words`` (case-insensitive), found by
    one regex over the text instead of a walk over every token (once per parse and list)."""
    words = frozenset(words)
    return parse_memo(doc, ("tokens matching", words), lambda: _find_tokens_matching(document, doc, words))


def _find_tokens_matching(document: Document, doc: Doc, words: frozenset[str]) -> list:
    pattern = _words_pattern(words)
    out = []
    for m in pattern.finditer(document.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and len(span) and span[0].idx == m.start():
            out.append(span[0])
    return out


@lru_cache(maxsize=256)
def _words_pattern(words: frozenset[str]) -> re.Pattern:
    """One compiled regex per word list (most lists are the same for every story). A word
    ending in consonant + "y" also matches its "-ies" plural ("ally": "allies"), and one
    ending in "man" its "-men" plural ("chairman": "chairmen"): neither starts with it."""
    forms = set(words) | {w[:-1] + "ies" for w in words if len(w) > 2 and w.endswith("y") and w[-2] not in "aeiou"}
    forms |= {w[:-3] + "men" for w in words if w.endswith("man") and len(w) > 4}  # "chairmen", "congressmen"
    # The lookahead on the forms' first letters matches nothing the alternation would not
    # (each form starts with one of them) but lets the scan reject a word in one test
    # instead of one per form: the scan was most of the entities stage's own time.
    alternation = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
    if not forms or "" in forms:
        return re.compile(r"\b(?:" + alternation + r")", re.I)
    first_letters = "".join(sorted({re.escape(f[0]) for f in forms}))
    return re.compile(rf"\b(?=[{first_letters}])(?:{alternation})", re.I)


class _TitleContext(dict):
    """Entity index -> the words written around its names, worked out when first asked for
    (most titles have no qualifying words and never ask)."""

    def __init__(self, entities: list[Entity], parsed: dict[str, Doc]):
        super().__init__()
        self.entities, self.parsed = entities, parsed

    def __missing__(self, i: int) -> set[str]:
        self[i] = _title_context(self.entities[i], self.parsed)
        return self[i]


def _title_context(e: Entity, parsed: dict[str, Doc]) -> set[str]:
    """The words written with a person's names: its roles, the title run that modifies
    each of its spans ("North Korean leader <name>"; not the words of another name
    before it, "the Lavrian envoy and <name>"), an apposition after it ("<name>, the North
    Korean leader,") and "of <place>" ("President <name> of Lavria")."""
    context: set[str] = set()
    if e.type == "PERSON":
        for r in e.roles:
            context.update(_fold(r).split())
        for sp, doc, span in parsed_spans(e, parsed):
            root = span.root
            for tok in doc[max(span.sent.start, root.left_edge.i, span.start - 5):span.start]:
                context.update(_fold(tok.text).split())
            for tok in root.children:
                if tok.dep_ == "appos" and tok.i >= span.end or tok.dep_ == "prep" and tok.lower_ == "of" and tok.i >= span.end:
                    context.update(w for t in tok.subtree for w in _fold(t.text).split())
            if root.dep_ == "appos" and any(c.dep_ == "poss" and c.lower_ in PLACE_POSSESSIVES for c in root.head.children):
                context.update(_place_before(root.head))  # "talks with Lavria and its leader, <name>"
    return context


PLACE_POSSESSIVES = {"its"}
"""A title owned by "its" ("a summit with its leader, <name>") is the office of the place
or body just named: that name qualifies the holder as "Lavrian leader <name>" would."""


def _place_before(tok) -> set[str]:
    """The folded words of the one place or body (GPE, ORG) named in ``tok``'s sentence
    before it; empty when none or two different ones are (whose "its" is then unclear)."""
    sent = tok.sent
    names = {_fold(ent.text) for ent in tok.doc.ents
             if ent.label_ in {"GPE", "ORG"} and sent.start <= ent.start and ent.end <= tok.i}
    return set(names.pop().split()) if len(names) == 1 else set()


def _qualifies(word: str, context: set[str]) -> bool:
    """A title's qualifying word is written around the holder's name, or is the demonym of
    a place that is ("the Lavrian president" for "Lavria's President Velt")."""
    if word in context or IRREGULAR_DEMONYMS.get(word) in context:
        return True
    # "lavrian" for "Lavria" and "lavria" for "Lavrian"
    return any(len(w) >= 4 and word != w and (word.startswith(w[:-1] if w[-1] in "aey" else w)
                                               or (len(word) >= 4 and w.startswith(word[:-1] if word[-1] in "aey" else word)))
               for w in context)


def _bare_titles(entities: list[Entity], docs: list[Document], parsed: dict[str, Doc]) -> None:
    """"the president", "the North Korean leader" -> the one person with that title the
    document names whose names are written with those qualifying words (or the one it
    names far more than the others, TITLE_DOMINANCE); "the administration" -> the one body
    called "<X> administration" in the story. Spans are the head word."""
    from .governments import _leads_country  # governments builds on this module

    holders: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(entities):
        if e.type == "PERSON":
            words = {_title_word(r) for r in e.roles} - {None}
            if _leads_country(e):
                words.add(LEADER_WORD)  # a president or prime minister is the country's leader
            for word in words | {w for t in words for w in TITLE_EQUIVALENTS.get(t, ())}:
                holders[word].append(i)
        else:
            last = _fold(e.name).split()[-1:] if e.name else []
            if last and last[0] in BODY_TITLES and len(e.name.split()) >= 2:
                holders[last[0]].append(i)
    if not holders:
        return
    context = _TitleContext(entities, parsed)
    taken = taken_spans(entities)
    marked_in: dict[str, tuple[set[int], dict[int, set[str]]]] = {}

    def marked(doc_id: str, doc: Doc) -> tuple[set[int], dict[int, set[str]]]:
        if doc_id not in marked_in:
            marked_in[doc_id] = _foreign_marked(entities, doc_id, doc)
        return marked_in[doc_id]

    for document in docs:
        doc = parsed.get(document.id)
        if doc is None:
            continue
        for tok in _tokens_matching(document, doc, holders):
            word = tok.lower_
            if word not in holders:
                continue
            qualifiers = _title_np(tok)
            if qualifiers is None or (qualifiers and word in BODY_TITLES):
                continue
            if overlaps(tok, taken[document.id]) or _unnamed_holder_before(tok, taken[document.id]):
                continue
            pool = [i for i in holders[word]
                    if (all(_qualifies(q, context[i]) for q in qualifiers) if qualifiers
                        else not _second_office(entities[i], word))]
            named = [(entities[i].mentions.get(document.id, 0), i) for i in pool]
            named = sorted((n for n in named if n[0] > 0), reverse=True)
            recent = _holder_just_named(tok, document.id, entities, pool) if word not in BODY_TITLES else None
            if recent is not None and recent not in marked(document.id, doc)[0]:
                named = [(1, recent)]
            elif word in BODY_TITLES:
                named = [(1, i) for i in holders[word]]  # bodies: one in the story
            elif not named and qualifiers and len(pool) == 1:
                named = [(1, pool[0])]  # "the North Korean leader" in a document that names him no other way
            elif not named and not qualifiers:
                named = _story_leader(entities, pool)
            elif not qualifiers and len(named) > 1 and named[0][0] < TITLE_DOMINANCE * named[1][0]:
                named = _unmarked_holder(named, *marked(document.id, doc), word)
            if not named or (len(named) > 1 and named[0][0] < TITLE_DOMINANCE * named[1][0]):
                continue
            e = entities[named[0][1]]
            e.spans.append(token_mention(document.id, tok))
            taken[document.id].append((tok.idx, tok.idx + len(tok)))


SECOND_OFFICE_WORDS = frozenset({"vice", "deputy", "assistant", "associate", "lieutenant", "under"})
"""Words that make a title another office under it: a vice president is no "the
president", a deputy minister no "the minister" (but "the vice president" is still his)."""


def _second_office(e: Entity, word: str) -> bool:
    """Every role ``e`` holds with ``word`` is a second office ("Vice President")."""
    titled = [words for words in (_fold(r).replace("-", " ").split() for r in e.roles) if word in words]
    return bool(titled) and all(SECOND_OFFICE_WORDS & set(words[:-1]) for words in titled)


def _holder_just_named(tok, doc_id: str, entities: list[Entity], pool: list[int]) -> int | None:
    """The one holder of the title named in the sentence before "the president" or earlier
    in its own sentence ("Mr. Velt welcomed it. 'Good news,' the president wrote"): the
    text goes on with the holder it has just named, however often it names another one
    (unless the text marks that one as another country's or a past holder). None when no
    holder or more than one is named there."""
    sent = tok.sent
    start = tok.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    just = {i for i in pool for span in entities[i].spans
            if span.doc == doc_id and start <= span.start < tok.idx}
    return just.pop() if len(just) == 1 else None


STORY_LEADER_DOCUMENTS = 2
"""A bare "the president" in a document that names no holder of the title is the story's
one head of state or government with it, once at least this many of the story's
documents name that person: the story's leader is known, and the text takes him as known."""


def _story_leader(entities: list[Entity], pool: list[int]) -> list[tuple[int, int]]:
    """[(1, index)] of the leader of a country in ``pool`` (the story's holders of a title)
    whom ``STORY_LEADER_DOCUMENTS`` documents name, and ``TITLE_DOMINANCE`` times as many
    documents as any other leader in it; [] otherwise."""
    from .governments import _leads_country

    leaders = sorted(((len(entities[i].mentions), i) for i in pool if _leads_country(entities[i])), reverse=True)
    if not leaders or leaders[0][0] < STORY_LEADER_DOCUMENTS:
        return []
    if len(leaders) > 1 and leaders[0][0] < TITLE_DOMINANCE * leaders[1][0]:
        return []
    return [(1, leaders[0][1])]


INDEFINITE_DETERMINERS = {"a", "an", "one", "another"}
UNNAMED_HOLDER_SENTENCES = 5
"""How far back (sentences) "one adviser close to the palace" stays the "the adviser" a
text goes on with."""


def _unnamed_holder_before(tok, taken: list[tuple[int, int]]) -> bool:
    """"One adviser close to the palace said ... 'No,' the adviser said": the text brought
    in a holder of that title without a name, within ``UNNAMED_HOLDER_SENTENCES`` before,
    so "the adviser" is that one, not a named holder."""
    doc = tok.doc
    sents = list(doc[:tok.i].sents)[-(UNNAMED_HOLDER_SENTENCES + 1):]
    start = sents[0].start if sents else 0
    for earlier in doc[start:tok.i]:
        if earlier.lower_ != tok.lower_ or overlaps(earlier, taken):
            continue
        if any(c.dep_ in {"det", "nummod"} and c.lower_ in INDEFINITE_DETERMINERS for c in earlier.children) \
                and earlier.dep_ not in {"appos", "attr", "compound"}:
            return True
    return False


def _unmarked_holder(named: list[tuple[int, int]], marked: set[int], titled: dict[int, set[str]],
                     word: str) -> list[tuple[int, int]]:
    """Of several holders of a title named in a document, the one it never introduces with
    a country or as a past holder ("President Velt" beside "Lavrian President Ardan" or
    "former President Orm"): news writes its own country's office holder of the day
    without either, so a bare "the president" is that one. The list is left as it is when
    that does not single one out. Of several unmarked holders, one named ``TITLE_DOMINANCE``
    times as often as each other is the one ("the treaty signed by President Orm", a past
    holder written without "former", named once beside the holder of the day)."""
    unmarked = [n for n in named if n[1] not in marked and word in titled.get(n[1], ())]
    if len(unmarked) == 1 or len(unmarked) > 1 and unmarked[0][0] >= TITLE_DOMINANCE * unmarked[1][0]:
        return unmarked[:1]
    return named


RELATIONAL_TITLES = {"counterpart"}
"""Titles that name a person only through someone else ("his Lavrian counterpart"): who
is meant is told by the qualifying words alone."""

OWNER_PRONOUNS = {"his", "her", "their"}
"""Owners of a person's counterpart ("its counterpart" is a body's: another body)."""


def _counterparts(entities: list[Entity], docs: list[Document], parsed: dict[str, Doc]) -> None:
    """"his Lavrian counterpart", "Velt's Lavrian counterpart": the one person the document
    names whose names are written with those qualifying words ("Lavrian President Orm"),
    or the one of several it names ``TITLE_DOMINANCE`` times as often as any other; else
    nobody. A counterpart without qualifying words ("his
    counterpart") could be anyone's and is left alone."""
    people = [i for i, e in enumerate(entities) if e.type == "PERSON"]
    if not people:
        return
    context = _TitleContext(entities, parsed)
    taken = taken_spans(entities)
    for document in docs:
        doc = parsed.get(document.id)
        if doc is None:
            continue
        for tok in _tokens_matching(document, doc, RELATIONAL_TITLES):
            if tok.lower_ not in RELATIONAL_TITLES or tok.tag_ != "NN" or overlaps(tok, taken[document.id]):
                continue
            qualifiers = _relational_qualifiers(tok)
            if not qualifiers:
                continue
            pool = sorted(((entities[i].mentions.get(document.id, 0), i) for i in people
                           if entities[i].mentions.get(document.id, 0) > 0
                           and all(_qualifies(q, context[i]) for q in qualifiers)), reverse=True)
            if not pool or (len(pool) > 1 and pool[0][0] < TITLE_DOMINANCE * pool[1][0]):
                continue
            entities[pool[0][1]].spans.append(token_mention(document.id, tok))
            taken[document.id].append((tok.idx, tok.idx + len(tok)))


def _relational_qualifiers(tok) -> list[str] | None:
    """The qualifying words of "his/the/Velt's <words> counterpart" (None when anything else
    stands before it, or a defining phrase follows)."""
    words: list[str] = []
    owner = False
    for child in tok.children:
        if child.i < tok.i:
            if child.dep_ == "det" and child.lower_ == "the" or child.dep_ == "poss" and (
                    child.lower_ in OWNER_PRONOUNS or child.pos_ == "PROPN"):
                owner = True
            elif child.dep_ in {"amod", "compound", "nmod"}:
                words.extend(_fold(" ".join(t.text for t in child.subtree if t.i < tok.i and not t.is_punct)).split())
            else:
                return None
        elif child.dep_ in {"relcl", "acl", "appos"} or child.dep_ == "prep" and child.lower_ in {"of", "at"}:
            return None  # defined where it stands: "the counterpart of ...", "..., the <Name>"
    return [w for w in words if w not in GENERIC_QUALIFIERS] if owner else None


PLACE_ENTITY_TYPES = {"GPE", "NORP"}
PAST_HOLDER_WORDS = {"former", "then", "late", "ex", "previous", "past"}
"""Words in a title run that make its holder a past one ("former President Ardan"): not
the one a bare "the president" means."""


def _foreign_marked(entities: list[Entity], doc_id: str, doc: Doc) -> tuple[set[int], dict[int, set[str]]]:
    """The people a document names with a place in their title run ("Lavrian President
    Dana Velt", "President Velt of Lavria") or as past holders ("former President Ardan"):
    indexes into ``entities``; and the title words each person is written with there
    (a holder never written with the title is no candidate for it)."""
    out = set()
    titled: dict[int, set[str]] = defaultdict(set)
    for i, e in enumerate(entities):
        if e.type != "PERSON":
            continue
        for sp in e.spans:
            if sp.doc != doc_id:
                continue
            span = doc.char_span(sp.start, sp.end, alignment_mode="expand")
            if span is None or not len(span) or span.root.pos_ != "PROPN":
                continue  # a title resolved to the person ("the Lavrian president") is no name
            k = span.start - 1
            while k >= max(span.sent.start, span.start - 5) and (not doc[k].is_punct or doc[k].text in "-–"):
                if doc[k].pos_ not in {"PROPN", "NOUN", "ADJ", "ADV", "PUNCT"}:
                    break
                if doc[k].ent_type_ in PLACE_ENTITY_TYPES or doc[k].lower_ in PAST_HOLDER_WORDS:
                    out.add(i)
                    break
                titled[i].add(doc[k].lower_)
                k -= 1
            after = doc[span.end:span.end + 2]
            if len(after) == 2 and after[0].lower_ == "of" and (after[1].ent_type_ in PLACE_ENTITY_TYPES or after[1].pos_ == "PROPN"):
                out.add(i)
    return out, titled


def _named_heads(entities: list[Entity], docs: list[Document], parsed: dict[str, Doc]) -> None:
    """Short definite references to a named body or place:

    - "the committee", "the party", "the bureau": the one organisation named earlier in
      the document whose name has that head word ("Bureau of Investigation"), any
      modifiers being words of that name too;
    - "the organization": the one organisation named just before (``_recent_body``);
    - "the North": the place of the story whose name starts with that compass word (the
      only one, or one named TITLE_DOMINANCE times as often as the others);
    - "the Lavrian government": the place of that nationality (``DEMONYM_BODIES``)."""
    by_last: dict[str, list[int]] = defaultdict(list)
    compass: dict[str, list[int]] = defaultdict(list)
    places: dict[str, int] = {}
    name_words: dict[int, set[str]] = defaultdict(set)
    for i, e in enumerate(entities):
        words = _fold(e.name).split()
        if e.type in {"ORG", "NORP"}:
            for form in {e.name, *e.aliases}:
                form_words = _fold(form).split()
                if len(form_words) >= 2:
                    name_words[i].update(form_words)
                    head = _name_head(form_words)
                    if i not in by_last[head]:
                        by_last[head].append(i)
        if len(words) >= 2 and e.type in {"GPE", "LOC"} and words[0] in COMPASS_WORDS:
            compass[words[0]].append(i)
        if e.type == "GPE":
            for form in {e.name, *e.aliases}:
                places.setdefault(_fold(form), i)
    bodies = [i for i in name_words if entities[i].type == "ORG"]
    heads = ({w for w in by_last if w.isalpha()} | set(compass) | (DEMONYM_BODIES | COUNTRY_NOUNS | DESCRIBED_COUNTRY_NOUNS if places else set())
             | (ORGANIZATION_NOUNS if bodies else set()))
    if not heads:
        return
    taken = taken_spans(entities)
    first_by_doc: dict[str, dict[int, int]] = defaultdict(dict)  # where each named body is first named
    for i in {i for ids in by_last.values() for i in ids}:
        for sp in entities[i].spans:
            here = first_by_doc[sp.doc]
            here[i] = min(here.get(i, sp.start), sp.start)
    for document in docs:
        doc = parsed.get(document.id)
        if doc is None:
            continue
        first_seen = first_by_doc.get(document.id, {})
        for tok in _tokens_matching(document, doc, heads):
            word = tok.lower_
            if overlaps(tok, taken[document.id]):
                continue
            target = None
            if word in compass and tok.text[:1].isupper():
                ranked = sorted(((sum(entities[i].mentions.values()), i) for i in compass[word]), reverse=True)
                dominant = len(ranked) == 1 or ranked[0][0] >= TITLE_DOMINANCE * ranked[1][0]
                if dominant and _title_np(tok, allow_capital=False) == []:
                    target = ranked[0][1]
            elif word in COUNTRY_NOUNS | DESCRIBED_COUNTRY_NOUNS:
                named_place = _country_np(tok, places)
                if named_place is not None:
                    target = named_place if named_place >= 0 else _recent_place(tok, document.id, entities, places)
                if target is not None and word in DESCRIBED_COUNTRY_NOUNS and not _known_country(entities[target]):
                    target = None  # "the northern state" after a city is no country of the story
            elif word in DEMONYM_BODIES:
                qualifiers = _title_np(tok, allow_capital=False)
                if qualifiers:
                    target = _place_of(" ".join(qualifiers), places)
            elif word in by_last and tok.pos_ == "NOUN":
                qualifiers = _title_np(tok, allow_capital=False)
                owners = [i for i in by_last[word] if first_seen.get(i) is not None and first_seen[i] < tok.idx
                          and set(qualifiers or ()) <= name_words[i]]
                if qualifiers is not None and len(owners) == 1:
                    target = owners[0]
            elif word in ORGANIZATION_NOUNS and tok.pos_ == "NOUN" and _title_np(tok, allow_capital=False) == []:
                target = _recent_body(tok, document.id, entities, bodies)
            if target is None:
                continue
            entities[target].spans.append(token_mention(document.id, tok))
            taken[document.id].append((tok.idx, tok.idx + len(tok)))
            # "the committee is the plaintiff", "the organization, a charity,": what the
            # text says the reference is describes the body, as it does for its name
            for head in _description_heads(tok):
                if not overlaps(head, taken[document.id]):
                    entities[target].spans.append(token_mention(document.id, head))
                    taken[document.id].append((head.idx, head.idx + len(head)))


ORGANIZATION_NOUNS = {"organization", "organisation"}
""""the organization": a word for any organised body, so it refers back only to the one
organisation named in its sentence or the ``COUNTRY_SENTENCES`` before."""


def _name_head(words: list[str]) -> str:
    """The head noun of a body's name: its last word, or the word before "of" ("Bureau of
    Investigation": "bureau"; "Relief Committee": "committee")."""
    if "of" in words[1:]:
        return words[words.index("of", 1) - 1]
    return words[-1]


def _recent_body(tok, doc_id: str, entities: list[Entity], bodies: list[int]) -> int | None:
    """The organisation named nearest before ``tok``: the sentences are read back from its
    own, at most ``COUNTRY_SENTENCES`` before it; the first that names any organisation
    decides, and only when it names exactly one."""
    doc = tok.doc
    spans = [(sp.start, i) for i in bodies for sp in entities[i].spans if sp.doc == doc_id and sp.start < tok.idx]
    for sent in reversed(list(doc[:tok.i + 1].sents)[-(COUNTRY_SENTENCES + 1):]):
        seen = {i for start, i in spans if sent.start_char <= start < sent.end_char}
        if seen:
            return next(iter(seen)) if len(seen) == 1 else None
    return None


def _body_of(adjective: str, bodies: dict[str, int]) -> int | None:
    """The named body (a party, a movement) an adjective names ("democratic" -> "Democrats",
    "republican" -> "Republicans"), when exactly one does."""
    stem = adjective[:-2] if adjective.endswith("ic") else adjective
    hits = {i for name, i in bodies.items() if " " not in name and len(stem) >= 5 and name.rstrip("s") in {adjective, stem}}
    return next(iter(hits)) if len(hits) == 1 else None
