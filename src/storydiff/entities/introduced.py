"""People a text brings in without a name and refers to again: "One adviser close to the
palace said ... 'No,' the adviser said", "a police officer at the scene ... the officer
added". Each is an actor of its own in that document (an unnamed source, a witness), and
the words the text chooses for it are its labels."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from ..model import Document, Entity, Mention
from .descriptions import INDEFINITE_DETERMINERS, UNNAMED_HOLDER_SENTENCES, _title_np, _tokens_matching
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
        out.extend(_person_entity(document.id, tokens) for tokens, _ in
                   _chains(document, doc, taken_by_doc[document.id], sentence))
    return out


def _chains(document: Document, doc: Doc, taken, sentence: dict[int, int]) -> list[tuple[list[Token], int]]:
    """Every (introduction, references back) chain of a document, with at least one reference."""
    chains: list[tuple[list[Token], int]] = []
    current: dict[str, int] = {}  # lemma -> index into chains of the open one
    for tok in _tokens_matching(document, doc, INTRODUCED_PERSON_NOUNS):
        lemma = tok.lemma_.lower()
        if lemma not in INTRODUCED_PERSON_NOUNS or overlaps(tok, taken):
            continue
        here = sentence[tok.sent.start]
        if _introduces(tok):
            current[lemma] = len(chains)
            chains.append(([tok], here))
        elif lemma in current and _refers_back(tok):
            tokens, last = chains[current[lemma]]
            if here - last <= UNNAMED_HOLDER_SENTENCES:
                tokens.append(tok)
                chains[current[lemma]] = (tokens, here)
    return [c for c in chains if len(c[0]) > 1]


def _person_entity(doc_id: str, tokens: list[Token]) -> Entity:
    intro = tokens[0]
    words = [t.text for t in intro.doc[intro.left_edge.i:intro.i + 1]
             if t.dep_ not in {"det", "nummod"} and not t.is_punct]
    spans: list[Mention] = _dedupe([token_mention(doc_id, t) for t in tokens])
    return Entity(id="", name=" ".join(words), type="PERSON", aliases=sorted({f"the {t.lower_}" for t in tokens[1:]}),
                  roles=[], spans=spans, mentions=dict(Counter(s.doc for s in spans)))
