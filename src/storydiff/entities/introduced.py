"""People a text brings in without a name and refers to again: "One adviser close to the
palace said ... 'No,' the adviser said", "a police officer at the scene ... the officer
added". Each is an actor of its own in that document (an unnamed source, a witness), and
the words the text chooses for it are its labels."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from ..model import Document, Entity, Mention
from .descriptions import GENERIC_QUALIFIERS, INDEFINITE_DETERMINERS, UNNAMED_HOLDER_SENTENCES, _title_np, _tokens_matching
from .groups import NATIONAL_PEOPLE_NOUNS, PLURAL_ONLY_PEOPLE_NOUNS, COLLECTIVE_PEOPLE_NOUNS
from .names import ROLE_NOUNS
from .spans import _dedupe, overlaps, taken_spans, token_mention

INTRODUCED_PERSON_NOUNS = frozenset(
    (ROLE_NOUNS | NATIONAL_PEOPLE_NOUNS) - PLURAL_ONLY_PEOPLE_NOUNS - COLLECTIVE_PEOPLE_NOUNS
    - {"prime", "general", "head", "service", "staff", "delegation", "rep.", "sen.", "gov.", "dr."}
)
"""Nouns for one person by office or role ("an adviser", "a senior official", "one
diplomat"); "a general", "the head of ..." and bodies ("staff", "delegation") are left out."""


def _introduces(tok: Token) -> bool:
    """"One adviser close to the palace", "a senior official": an indefinite singular person
    noun that brings someone in (not what a named person is: "Velt, an adviser", "Velt is
    an adviser", "served as an adviser"; not "an adviser, Dana Velt," who has a name)."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.dep_ in {"attr", "appos", "compound", "conj"}:
        return False
    if tok.dep_ == "pobj" and tok.head.lower_ == "as":
        return False
    if any(c.dep_ == "appos" or c.dep_ == "conj" for c in tok.children):
        return False
    return any(c.dep_ in {"det", "nummod"} and c.lower_ in INDEFINITE_DETERMINERS for c in tok.children)


def _refers_back(tok: Token) -> bool:
    """"the adviser", "the senior official": a definite bare title with no name after it."""
    return (tok.pos_ == "NOUN" and tok.tag_ == "NN" and _title_np(tok, allow_capital=False) is not None
            and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children))


INTRODUCED_GROUP_NOUNS = frozenset(INTRODUCED_PERSON_NOUNS | {"scientist", "scholar", "student", "resident"})
"""Plural nouns for people by office or role that a text brings in as a set ("three
committee chairmen", "the leaders of both parties") and refers to again ("the chairmen")."""


NAME_TAIL_WORDS = 6
"""The longest "of" phrase kept in a set's name ("chairmen of the three House panels")."""


def _introduces_group(tok: Token) -> bool:
    """"three committee chairmen", "the chairmen of the two panels": a plural person noun
    counted by a numeral, or definite and defined by an "of" phrase (not "the chairmen"
    alone, which refers back; not a name's apposition or predicate)."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NNS" or tok.dep_ in {"attr", "appos", "compound", "conj"}:
        return False
    if any(c.dep_ in {"appos", "conj", "poss"} for c in tok.children):
        return False
    if any(c.dep_ == "nummod" and c.like_num and c.lower_ not in {"one", "1"} for c in tok.children):
        return True
    return (any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
            and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children))


def _refers_back_to_group(tok: Token) -> bool:
    """"the chairmen", "the two chairmen": a definite plural with nothing that defines it anew."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NNS" or tok.dep_ in {"compound", "appos"}:
        return False
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return False
    return all(c.dep_ in {"det", "nummod", "punct"} or c.dep_ == "amod" and c.lower_ in GENERIC_QUALIFIERS
               for c in tok.children if c.i < tok.i) and not any(
        c.dep_ in {"prep", "relcl", "acl"} for c in tok.children if c.i > tok.i)


def _introduced_people(entities: list[Entity], docs: list[Document], parsed: dict[str, Doc]) -> list[Entity]:
    """One PERSON entity for each person a document brings in with an indefinite person noun
    and then refers to as "the <same noun>" within ``UNNAMED_HOLDER_SENTENCES`` sentences (of
    the last mention); spans on the head nouns. Only where no entity holds those words."""
    taken_by_doc = taken_spans(entities)
    out = []
    for document in docs:
        doc = parsed.get(document.id)
        if doc is None:
            continue
        sentence = {s.start: n for n, s in enumerate(doc.sents)}
        for tokens, _ in _chains(document, doc, taken_by_doc[document.id], sentence):
            holder = _named_office_holder(tokens[0], document.id, entities)
            if holder is not None:
                holder.spans.extend(token_mention(document.id, t) for t in tokens)
            else:
                out.append(_person_entity(document.id, tokens))
        out.extend(_person_entity(document.id, tokens, "GROUP") for tokens, _ in
                   _chains(document, doc, taken_by_doc[document.id], sentence, plural=True))
    return out


PUBLIC_OFFICE_NOUNS = frozenset({"judge", "magistrate", "mayor", "governor", "sheriff", "coroner"})
"""Offices whose holder acts in public (rules, orders, signs): a text that brings one in
without a name ("A federal judge has ordered ...") and names one holder of that office
later ("U.S. District Judge Ada Quell wrote") means that holder. Offices an anonymous
source holds (an adviser, an official, a senator speaking on background) are left out."""


def _named_office_holder(intro: Token, doc_id: str, entities: list[Entity]) -> Entity | None:
    """The one person the document names with the office an unnamed chain holds, or None."""
    office = intro.lemma_.lower()
    if office not in PUBLIC_OFFICE_NOUNS:
        return None
    holders = [e for e in entities if e.type == "PERSON" and any(s.doc == doc_id for s in e.spans)
               and any(role.lower().split()[-1:] == [office] for role in e.roles)]
    return holders[0] if len(holders) == 1 else None


def _chains(document: Document, doc: Doc, taken, sentence: dict[int, int],
            plural: bool = False) -> list[tuple[list[Token], int]]:
    """Every (introduction, references back) chain of a document, with at least one
    reference: of one person, or with ``plural`` of a set of people."""
    nouns = INTRODUCED_GROUP_NOUNS if plural else INTRODUCED_PERSON_NOUNS
    introduces, refers_back = (_introduces_group, _refers_back_to_group) if plural else (_introduces, _refers_back)
    chains: list[tuple[list[Token], int]] = []
    current: dict[str, int] = {}  # lemma -> index into chains of the open one
    for tok in _tokens_matching(document, doc, nouns):
        lemma = tok.lemma_.lower()
        if lemma not in nouns or overlaps(tok, taken):
            continue
        here = sentence[tok.sent.start]
        if introduces(tok):
            current[lemma] = len(chains)
            chains.append(([tok], here))
        elif lemma in current and refers_back(tok):
            tokens, last = chains[current[lemma]]
            if here - last <= UNNAMED_HOLDER_SENTENCES:
                tokens.append(tok)
                chains[current[lemma]] = (tokens, here)
    return [c for c in chains if len(c[0]) > 1]


def _person_entity(doc_id: str, tokens: list[Token], kind: str = "PERSON") -> Entity:
    intro = tokens[0]
    # a set brought in by an "of" phrase is named with it ("chairmen of the two panels")
    end = intro.right_edge.i + 1 if kind == "GROUP" and intro.right_edge.i - intro.i <= NAME_TAIL_WORDS else intro.i + 1
    words = [t.text for t in intro.doc[intro.left_edge.i:end]
             if not (t.dep_ in {"det", "nummod"} and t.head == intro) and not t.is_punct]
    spans: list[Mention] = _dedupe([token_mention(doc_id, t) for t in tokens])
    return Entity(id="", name=" ".join(words), type=kind, aliases=sorted({f"the {t.lower_}" for t in tokens[1:]}),
                  roles=[], spans=spans, mentions=dict(Counter(s.doc for s in spans)))
