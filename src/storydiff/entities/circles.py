"""A person's circle written through the person: "Velt's lawyers", "his legal team", "her
aides", "Velt's loyal supporters". Outlets keep referring to such a group without a
name; it is an actor of its own, and the words chosen for it are labels."""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.tokens import Doc

from ..model import Document, Entity, Mention
from ..settings import Settings
from .governments import POSSESSIVE_PRONOUNS, _person_before
from .descriptions import _tokens_matching
from .spans import _dedupe, overlaps, taken_spans, token_mention

CIRCLE_CLASSES = {
    "lawyer": "lawyers", "attorney": "lawyers", "team": "lawyers",
    "aide": "aides", "adviser": "aides", "advisor": "aides", "associate": "aides", "ally": "aides",
    "confidant": "aides", "lieutenant": "aides", "staffer": "aides", "official": "aides",
    "investigator": "investigators",
    "supporter": "supporters", "loyalist": "supporters", "follower": "supporters", "backer": "supporters",
}
"""Plural head lemmas that name a person's circle, and the circle they name. "team" is his
lawyers as a legal team ("his legal team"); written through him alone ("the Velt team",
"Velt's team") it is his team, the people who work for him."""

BODY_CIRCLES = frozenset({"management", "leadership"})
"""Mass nouns for the people through whom a body acts and speaks, written through it ("the
Velt Bank's management said", "the Velt Party leadership decided"): news names the body by
them, so they are mentions of the body, as "Velt Bank officials" are (groups.py). A
person's circle is not the person: his lawyers speak for themselves."""

TEAM_KINDS = {"team": {"legal", "defense", "defence"}}
"""A head that names a circle only with one of these premodifiers."""



def _circles(entities: list[Entity], docs: list[Document], parsed: dict[str, Doc], settings: Settings) -> list[Entity]:
    """One GROUP entity per (person, circle) the story refers to often enough
    (``Settings.entity_circle_min_mentions``)
    ("Velt's aides", "his advisers", "Velt campaign officials", "lawyers for Velt"); spans
    on the head nouns. A body's management is taken as a mention of the body."""
    found: dict[tuple[int, str], list[Mention]] = defaultdict(list)
    taken_by_doc = taken_spans(entities)
    for document in docs:
        doc = parsed.get(document.id)
        if doc is None:
            continue
        taken = taken_by_doc[document.id]
        person_tok: dict[int, int] = {}
        person_spans = []
        body_tok: dict[int, int] = {}
        for i, e in enumerate(entities):
            if e.type not in {"PERSON", "ORG"}:
                continue
            for sp in e.spans:
                if sp.doc != document.id:
                    continue
                if e.type == "PERSON":
                    person_spans.append((sp.start, sp.end, i))
                for t in doc.char_span(sp.start, sp.end, alignment_mode="expand") or ():
                    (person_tok if e.type == "PERSON" else body_tok)[t.i] = i
        for tok in _tokens_matching(document, doc, CIRCLE_CLASSES.keys() | BODY_CIRCLES):
            lemma = tok.lemma_.lower()
            circle = CIRCLE_CLASSES.get(lemma)
            if (circle is None and lemma not in BODY_CIRCLES) or tok.pos_ != "NOUN" or tok.dep_ == "compound":
                continue
            if lemma in BODY_CIRCLES:
                if tok.tag_ != "NN" or overlaps(tok, taken):
                    continue
                owners = {body_tok[t.i] for c in tok.children if c.dep_ in {"poss", "compound"} and c.i < tok.i
                          for t in c.subtree if t.i in body_tok}
                if len(owners) == 1:  # "Velt Bank's management", "the Velt Bank management": the bank
                    body = entities[owners.pop()]
                    body.spans.append(token_mention(document.id, tok))
                    taken.append((tok.idx, tok.idx + len(tok)))
                continue
            if lemma in TEAM_KINDS:
                if not any(c.dep_ in {"amod", "compound"} and c.lower_ in TEAM_KINDS[lemma] for c in tok.children):
                    if tok.tag_ != "NN" or any(c.dep_ in {"amod", "compound"} and not c.ent_type_ for c in tok.lefts):
                        continue  # "a rescue team", "his campaign team": another team than his own
                    circle = "team"  # "the Velt team", "Velt's team": the people who work for him
            elif tok.tag_ != "NNS":
                continue  # "an aide": one person, not the circle
            if overlaps(tok, taken):
                continue
            owner = None
            for child in tok.children:
                if child.dep_ not in {"poss", "compound"} or child.i > tok.i:
                    continue  # "Velt's aides", "his aides", "Velt campaign aides"
                if child.lower_ in POSSESSIVE_PRONOUNS and child.dep_ == "poss":
                    owner = _person_before(tok, document.id, person_spans)
                else:
                    owners = {person_tok[t.i] for t in child.subtree if t.i in person_tok}
                    owner = next(iter(owners)) if len(owners) == 1 else None
                if owner is not None:
                    break
            if owner is None:
                # "lawyers for Velt", "investigators for Velt"
                for prep in tok.children:
                    if prep.dep_ == "prep" and prep.lower_ == "for" and prep.i > tok.i:
                        owners = {person_tok[t.i] for t in prep.subtree if t.i in person_tok}
                        owner = next(iter(owners)) if len(owners) == 1 else None
            if owner is None:
                continue
            found[(owner, circle)].append(token_mention(document.id, tok))
    out = []
    for (owner, circle), spans in found.items():
        if len(spans) < settings.entity_circle_min_mentions:
            continue
        written = Counter(s.text.lower() for s in spans)
        out.append(Entity(id="", name=f"{entities[owner].name}'s {circle}", type="GROUP",
                          aliases=sorted(set(written)), roles=[], spans=_dedupe(spans),
                          mentions=dict(Counter(s.doc for s in spans))))
    return out
