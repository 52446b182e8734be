"""Event slots: who ordered an operation, what caused a death.

A count answers "how many"; a slot answers "who" or "what" about one event. Outlets
differ on these as they do on counts ("ordered by the court" / "at the order of the
ministry"; "died of a heart attack" / "police caused the death"), and readers want the
difference shown with its sources.

Two parts, one per concept:

* reading: ``read_slots`` finds slot statements in a parsed sentence, with plain English
  patterns over the dependency parse (the verb or noun "order", "die of", "cause the
  death", "cause of death"). It knows nothing of claims; ``claims.py`` makes them claims.
* comparing: ``compare_slots`` groups the claims of one slot of one kind of event across
  the documents of a story and says whether their fillers agree, are compatible, differ,
  or conflict.

Precision first: a filler that names no one in particular ("authorities", "injuries") is
compatible with any specific one; two specific fillers conflict only when each source
gives one filler for the slot, and the two are different named actors or different causes;
anything less certain is "differs".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Span, Token

from .facts import name_of
from .nlp import doc_text
from .model import Claim, Comparison, EventValue, StatedValue

ORDERED_BY = "ordered by"
CAUSE_OF_DEATH = "cause of death"

ORDER_NOUNS = {"order", "orders", "instruction", "instructions", "behest", "command"}
"""Nouns that carry who ordered something: 'on the order of', 'at the behest of'."""
LIGHT_EVENT_VERBS = {"carry", "conduct", "launch", "stage", "mount", "begin", "perform", "hold", "be"}
"""Verbs that only say an event took place ('the raid was carried out'): the event is their noun."""
EVENT_CLASSES = {
    "raid": {"raid", "operation", "search", "crackdown", "sweep", "storm", "swoop", "inspection"},
    "strike": {"strike", "airstrike", "attack", "bombing", "shelling", "bombardment"},
    "arrest": {"arrest", "detention", "detain"},
    "evacuation": {"evacuation", "evacuate"},
    "investigation": {"investigation", "probe", "inquiry", "investigate", "audit"},
}
"""Words for one kind of event, so that 'ordered the raid' and 'the operation, ordered by'
answer one question. General English."""
GENERIC_FILLERS = {
    "authority", "official", "government", "state", "administration", "judiciary",
    "injury", "wound", "complication", "cause", "reason", "trauma", "someone", "somebody", "people",
}
"""Fillers that name no one (or nothing) in particular: compatible with a specific one."""
CAUSE_VERBS = {"cause", "lead", "result", "trigger", "provoke"}
MAX_FILLER_WORDS = 8


@dataclass
class SlotStatement:
    """One statement of a slot, read from the parse."""

    slot: str
    event: str  # the event's word as lemma ('raid', 'death')
    filler: Token  # the head of the filler phrase
    anchor: Token  # the word that carries the slot ('ordered', 'died')
    subject: Token | None = None  # whose death, for causes of death

    @property
    def span(self) -> tuple[int, int]:
        toks = [self.anchor, *_phrase_tokens(self.filler)]
        return min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)


def filler_text(tok: Token) -> str:
    """The filler phrase as written, at most MAX_FILLER_WORDS words."""
    words = _phrase_tokens(tok)
    return doc_text(tok.doc)[words[0].idx : words[-1].idx + len(words[-1].text)]


def _phrase_tokens(tok: Token) -> list[Token]:
    """The filler's own words: its modifiers and a coordination inside one name ('the
    fraud and corruption court'), not a relative clause, an apposition or a second phrase
    ('the court and the ministry')."""
    own = {"compound", "amod", "prep", "pobj", "poss", "case", "cc", "conj", "nmod", "det", "nummod"}
    words = [tok]
    for child in tok.children:
        if child.dep_ not in own or (child.dep_ == "conj" and any(g.dep_ in ("det", "poss") for g in child.children)):
            continue
        if child.i > tok.i and child.dep_ == "prep" and child.lower_ not in ("of", "by"):
            continue  # 'the court in the capital': where, not who ('the use of force by guards' keeps its who)
        words.extend(child.subtree)
    words.sort(key=lambda t: t.i)
    # contiguous around the head only
    start = end = words.index(tok)
    while start > 0 and words[start - 1].i == words[start].i - 1:
        start -= 1
    while end + 1 < len(words) and words[end + 1].i == words[end].i + 1:
        end += 1
    words = words[start : end + 1]
    return words[:MAX_FILLER_WORDS]


def event_class(word: str) -> str:
    """The kind of event a word names: its EVENT_CLASSES class, else the word itself."""
    return next((name for name, words in EVENT_CLASSES.items() if word in words), word)


# --- reading ---------------------------------------------------------------------------


def read_slots(sent: Span) -> list[SlotStatement]:
    """The slot statements of one parsed sentence."""
    out: list[SlotStatement] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma == "order":
            out.extend(_ordered(tok))
        elif tok.pos_ == "NOUN" and tok.lower_ in ORDER_NOUNS:
            out.extend(_order_noun(tok))
        elif tok.pos_ == "VERB" and lemma == "die":
            out.extend(_died_of(tok))
        elif tok.pos_ == "VERB" and lemma in CAUSE_VERBS:
            out.extend(_caused_death(tok))
        elif tok.pos_ == "NOUN" and lemma == "cause":
            out.extend(_cause_of_death(tok))
    return out


def _event_noun(tok: Token | None) -> Token | None:
    """The noun that names an event, through a relative pronoun ('the raid, which was ...')."""
    if tok is None:
        return None
    if tok.tag_ == "WDT" and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok if tok.pos_ == "NOUN" else None


def _ordered(verb: Token) -> list[SlotStatement]:
    """'X ordered a raid', 'X ordered police to raid', 'the raid, which was ordered by X'."""
    kids = list(verb.children)
    if any(c.dep_ == "neg" for c in kids):
        return []
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids)
    if passive:
        event = _event_noun(next((c for c in kids if c.dep_ == "nsubjpass"), None))
        if event is None and verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
            event = verb.head  # 'a raid ordered by the court'
        agent = next((c for c in kids if c.dep_ == "agent"), None)
        filler = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    else:
        if verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
            event = verb.head
            agent = next((c for c in kids if c.dep_ == "agent"), None)
            filler = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        else:
            filler = next((c for c in kids if c.dep_ == "nsubj"), None)
            xcomp = next((c for c in kids if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
            event = xcomp if xcomp is not None else _event_noun(next((c for c in kids if c.dep_ == "dobj"), None))
    if event is None or filler is None or filler.pos_ == "PRON":
        return []
    return [SlotStatement(ORDERED_BY, event.lemma_.lower(), filler, verb)]


def _order_noun(noun: Token) -> list[SlotStatement]:
    """'raided the camp on the order of X', 'the raid, at the behest of X'."""
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "from")), None)
    filler = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if filler is None or filler.pos_ == "PRON" or noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return []
    if noun.head.lower_ not in ("on", "under", "at", "by", "upon", "following"):
        return []
    host = noun.head.head
    if host.pos_ == "VERB" and host.lemma_.lower() in LIGHT_EVENT_VERBS:
        host = _event_noun(next((c for c in host.children if c.dep_ in ("nsubjpass", "dobj", "nsubj")), None))
    if host is None or host.pos_ not in ("VERB", "NOUN"):
        return []
    return [SlotStatement(ORDERED_BY, host.lemma_.lower(), filler, noun)]


VAGUE_QUANTIFIERS = frozenset("many most some several countless numerous few".split())
"""Words that make the ones who died a crowd the text does not count ("many relatives",
"countless patients"): what they died of is a general remark, not the story's death."""


def _died_of(verb: Token) -> list[SlotStatement]:
    """'died of a heart attack', 'died from gunshot wounds', 'died as a result of the blast',
    'died due to injuries', 'died because of a blocked artery'."""
    out = []
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and any(c.lower_ in VAGUE_QUANTIFIERS for c in subject.children if c.dep_ in {"amod", "det"}):
        return out  # 'many relatives have died of preventable diseases': deaths in general, nobody's in the story
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        cause = _cause_after(prep)
        if cause is not None and cause.pos_ == "NOUN":
            out.append(SlotStatement(CAUSE_OF_DEATH, "death", cause, verb, subject))
    return out


def _pobj(tok: Token | None) -> Token | None:
    return next((c for c in tok.children if c.dep_ == "pobj"), None) if tok is not None else None


def _cause_after(prep: Token) -> Token | None:
    """The cause a preposition of 'died' introduces, or None (where, when, with whom)."""
    word = prep.lower_
    if word in ("of", "from"):
        return _pobj(prep)
    if word == "as":  # 'as a result of X'
        result = _pobj(prep)
        if result is None or result.lemma_.lower() not in ("result", "consequence"):
            return None
        return _pobj(next((c for c in result.children if c.dep_ == "prep" and c.lower_ == "of"), None))
    if word in ("due", "because", "owing"):  # 'due to X', 'because of X', 'owing to X'
        linked = next((c for c in prep.children if c.dep_ in ("pcomp", "prep") and c.lower_ in ("to", "of")), None)
        return _pobj(linked) or _pobj(prep)
    return None


def _caused_death(verb: Token) -> list[SlotStatement]:
    """'X caused the death', 'the death was caused by X', 'X led to his death'."""
    kids = list(verb.children)
    if any(c.dep_ == "neg" for c in kids):
        return []
    death = next((c for c in kids if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() == "death"), None)
    if death is None:
        to = next((c for c in kids if c.dep_ == "prep" and c.lower_ in ("to", "in")), None)
        death = next((c for c in to.children if c.dep_ == "pobj" and c.lemma_.lower() == "death"), None) if to else None
    if death is None:
        return []
    if death.dep_ == "nsubjpass":
        agent = next((c for c in kids if c.dep_ == "agent"), None)
        cause = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    else:
        cause = next((c for c in kids if c.dep_ == "nsubj"), None)
    if cause is None or cause.pos_ == "PRON" or cause.tag_ == "WDT":
        return []
    return [SlotStatement(CAUSE_OF_DEATH, "death", cause, verb, _whose(death))]


def _cause_of_death(noun: Token) -> list[SlotStatement]:
    """'the cause of death was a gunshot wound'."""
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None or not any(c.lemma_.lower() == "death" for c in of.children if c.dep_ == "pobj"):
        return []
    if noun.dep_ != "nsubj" or noun.head.lemma_ != "be":
        return []
    cause = next((c for c in noun.head.children if c.dep_ == "attr"), None)
    if cause is None or cause.pos_ not in ("NOUN", "PROPN") or any(c.dep_ == "neg" for c in noun.head.children):
        return []
    return [SlotStatement(CAUSE_OF_DEATH, "death", cause, noun)]


def _whose(death: Token) -> Token | None:
    poss = next((c for c in death.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    if poss is not None:
        return poss
    of = next((c for c in death.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


# --- comparing -------------------------------------------------------------------------


def _is_generic(claim: Claim) -> bool:
    value = claim.value
    words = (value.filler or "").lower().replace("'s", "").split()
    head = value.filler_head or (words[-1] if words else "")
    return head in GENERIC_FILLERS or head.rstrip("s") in GENERIC_FILLERS or not words


def _same(a: Claim, b: Claim) -> bool:
    va, vb = a.value, b.value
    if va.filler_entity and va.filler_entity == vb.filler_entity:
        return True
    ta, tb = (va.filler or "").lower(), (vb.filler or "").lower()
    return ta == tb or (va.filler_head == vb.filler_head and va.filler_head is not None)


def _contains(a: Claim, b: Claim) -> bool:
    """One filler names the other in more words ('gunshot wounds' / 'a gunshot wound to the head')."""
    ta = set((a.value.filler or "").lower().split())
    tb = set((b.value.filler or "").lower().split())
    return bool(a.value.filler_head and a.value.filler_head in tb) or bool(b.value.filler_head and b.value.filler_head in ta)


def _named_actors(claims: list[Claim]) -> bool:
    """Who ordered something conflicts only between named actors: 'the prosecutor' and 'the
    court' may both be right (one asks, the other orders). A description resolved to an
    entity of its own ("a federal judge") is no name: it may be the judge another outlet
    names."""
    return all(c.value.filler_entity and _written_as_name(c.value.filler or "") for c in claims)


def _written_as_name(filler: str) -> bool:
    """A capitalised word after any leading article: 'Judge Ada Quell', 'the Tarn Council';
    not 'A federal judge', 'the court'."""
    words = filler.split()
    if words and words[0].lower() in {"a", "an", "the"}:
        words = words[1:]
    return any(w[:1].isupper() for w in words)


def _source(c: Claim) -> tuple[str, str | None]:
    return c.doc, c.attributed_to


def compare_slots(claims: list[Claim], canonical: set[str], names: dict[str, str]) -> list[Comparison]:
    """Comparisons of slot fillers across the sources of a story (ids are set by the caller)."""
    groups: dict[tuple[str, str, str | None], list[Claim]] = defaultdict(list)
    for c in claims:
        v = c.value
        if c.doc in canonical and isinstance(v, EventValue) and v.slot and not c.negated:
            groups[(v.slot, event_class(v.predicate), v.patient)].append(c)
    out: list[Comparison] = []
    for (slot, event, _), group in groups.items():
        sources = {_source(c) for c in group}
        if len(sources) < 2:
            continue
        comparison = _compare_group(slot, event, group, names)
        if len(comparison.by_document) >= 2 or comparison.status == "conflict":
            out.append(comparison)  # within one document, only a dispute is worth a row
    return out


def _compare_group(slot: str, event: str, group: list[Claim], names: dict[str, str]) -> Comparison:
    by_source: dict[tuple[str, str | None], list[Claim]] = defaultdict(list)
    for c in group:
        by_source[_source(c)].append(c)
    specific = [c for c in group if not _is_generic(c)]
    distinct: list[Claim] = []
    for c in specific:
        if not any(_same(c, d) or _contains(c, d) for d in distinct):
            distinct.append(c)
    one_each = all(len({(x.value.filler or "").lower() for x in cs}) == 1 for cs in by_source.values())
    docs_or_authorities = {_source(c) for c in distinct}
    # the two sides of a dispute are two sources: one authority's two wordings ('the police',
    # 'the use of tear gas') in two outlets are one side, not a disagreement
    opposed = [(a, b) for i, a in enumerate(distinct) for b in distinct[i + 1:] if _who(a, names) != _who(b, names)]
    if len(distinct) <= 1:
        status = "agree" if len({(c.value.filler or "").lower() for c in group}) == 1 or (
            len(distinct) == 1 and all(_same(c, distinct[0]) for c in specific) and len(specific) == len(group)) else "compatible"
        thing = "actor" if slot == ORDERED_BY else "cause"
        reason = (f"every source names the same {thing}" if status == "agree" else
                  f"the sources name no two different specific {thing}s")
    elif one_each and opposed and len(docs_or_authorities) >= 2 and (slot != ORDERED_BY or _named_actors(distinct)):
        status = "conflict"
        a, b = opposed[0]
        reason = (f"'{a.value.filler}' ({_who(a, names)}) and '{b.value.filler}' ({_who(b, names)}) "
                  f"are different answers to '{event}: {slot}', each its source's only one")
    else:
        status = "differs"
        reason = "the sources name different fillers, but one source gives several: unconfirmed"
    by_document: dict[str, StatedValue] = {}
    for c in sorted(group, key=lambda c: (c.doc, c.start)):
        if c.doc not in by_document:
            by_document[c.doc] = StatedValue(value=c.value.filler or c.text, attributed_to=name_of(c.attributed_to, names),
                                             claims=[c.id])
        else:
            stated = by_document[c.doc]
            if (c.value.filler or "") not in stated.value:
                stated = stated.model_copy(update={"value": f"{stated.value}; {c.value.filler}"})
            by_document[c.doc] = stated.model_copy(update={"claims": stated.claims + [c.id]})
    disputed = sorted({_who(c, names) for c in distinct}) if status == "conflict" else []
    return Comparison(
        id="K0", topic=f"{event}: {'cause' if slot == CAUSE_OF_DEATH else slot}", status=status, claims=[c.id for c in group], by_document=by_document,
        disputed_between=disputed, explanation=reason, event=event, role=slot, participants=None,
    )



def _who(c: Claim, names: dict[str, str]) -> str:
    return name_of(c.attributed_to, names) or c.doc
