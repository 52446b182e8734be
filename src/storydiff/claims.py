"""Checkable claims: quantities, dates and events, with their attribution.

Everything comes from the one spaCy parse of each document: number and date spans from
its entity recogniser (plus vague amounts it does not tag), what is counted and what
happened to it from the dependency tree, attribution from speech verbs, "according to"
and the quotes found by ``quotes.py``. This module walks the documents, their headlines
and sentences, and reads dates, events and event slots; ``counts.py`` reads the counts
and ``claim_context.py`` makes and attributes each claim.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from .ages import age_claims, without_unnamed_copies
from .casualties import ROLE_LEMMA, casualty_role, headline_role
from .claim_context import (
    PLACE_LABELS,
    SPEECH_LEMMAS,
    DocContext,
    is_negated,
    make_claim,
    named,
    speech_subject,
    subtree_text,
)
from .counts import STREET_WORDS, add_self_killed, implicit_counts, multiple_counts, quantity_claims
from .dates import NO_WEEK, NO_YEAR, WEEKDAYS, parse_published, resolve_date, resolve_without_reference
from .model import Claim, DateValue, Document, Entity, EventValue, QuantityValue, Quote
from .nlp import doc_text
from .slots import CAUSE_OF_DEATH, ORDERED_BY, filler_text, read_slots

CAUSE_PREPS = {"because", "due", "after", "following", "over", "amid", "from"}


def extract_claims(
    docs: list[Document], parsed: dict[str, Doc], entities: list[Entity], quotes: list[Quote],
    titles: dict[str, Doc] | None = None,
) -> list[Claim]:
    """Quantity, date and event claims of every document (copies too), ids C1, C2, ...

    ``titles``: parses of the documents' titles (nlp.parse_titles). A headline's counts
    ('3 dead, 2 injured in ...') are claims of its document too, marked ``in_title``."""
    story_dates = sorted(d for d in (parse_published(x.published) for x in docs) if d)
    claims: list[Claim] = []
    for doc in docs:
        title = (titles or {}).get(doc.id)
        if title is not None and doc.title and len(title.text) == len(doc.title.strip()):
            ref = parse_published(doc.published) or (story_dates[-1] if story_dates else None)
            ctx = DocContext(doc.model_copy(update={"text": doc.title.strip()}), title, [], [], ref, "published",
                              headline=True)
            try:
                claims.extend(_title_claims(ctx))
            except Exception:  # an odd parse must not lose the other claims
                pass
    for doc in docs:
        parsed_doc = parsed.get(doc.id)
        if parsed_doc is None or doc_text(parsed_doc) != doc.text:
            continue  # offsets would not point into Document.text
        ref, ref_from = parse_published(doc.published), "published"
        if ref is None and story_dates:
            # the latest date of the story: relative dates look back from it
            ref, ref_from = story_dates[-1], "story dates"
        ctx = DocContext(doc, parsed_doc, entities, quotes, ref, ref_from)
        try:
            claims.extend(_doc_claims(ctx))
        except Exception:  # an odd parse must not lose the other documents' claims
            continue
    for i, c in enumerate(claims):
        c.id = f"C{i + 1}"  # made here and owned by no one else: numbered in place
    return claims


def _title_claims(ctx: DocContext) -> Iterable[Claim]:
    """The casualty counts a headline states, with its own words as their sentence.

    Headlines are not prose ('3 Dead, 2 Injured In Shooting'), and the parser trained on
    prose misreads them: a number's role is the casualty word that follows it within its
    clause, and a number with none is left out (precision first)."""
    doc = ctx.parsed
    for sent in doc.sents:
        # the implicit and multiple counts read their role from their own words; a number's
        # role is the casualty word after it
        read = [(c, False) for c in implicit_counts(ctx, sent)[0] + multiple_counts(ctx, sent)]
        read += [(c, True) for c in quantity_claims(ctx, sent)]
        for claim, numeral in sorted(read, key=lambda r: r[0].start):
            value = claim.value
            if not isinstance(value, QuantityValue) or value.counted == "age" or value.reference:
                continue
            if numeral:
                role_tok = headline_role(doc, claim.end)
                if role_tok is None:
                    continue
                role = casualty_role(role_tok) or "shot"
                after = role_tok.doc[role_tok.i + 1] if role_tok.i + 1 < len(role_tok.doc) else None
                if role == "shot" and after is not None and casualty_role(after) == "killed":
                    role = "killed"  # '2 shot dead', '3 shot, killed'
                update = {
                    "predicate": role_tok.text.lower(), "predicate_terms": [role_tok.lemma_.lower(), ROLE_LEMMA[role]],
                    "predicate_start": role_tok.idx,
                }
                if value.unit is None and value.counted_head in (None, role_tok.lemma_.lower(), role_tok.lower_):
                    # '3 injured', 'Leaves Seven Wounded', 'Four shot' (the parser takes 'shot' for the
                    # counted noun): a headline's bare count of the harmed counts people
                    update.update(counted="people", counted_head="person")
                value = value.model_copy(update=update)
            yield claim.model_copy(update={
                "value": value, "in_title": True, "sentence": ctx.doc.text[claim.sentence_start:claim.sentence_end],
            })


def _doc_claims(ctx: DocContext) -> Iterable[Claim]:
    for sent in ctx.parsed.sents:
        found: list[Claim] = []
        found.extend(quantity_claims(ctx, sent))
        implicit, self_killed = implicit_counts(ctx, sent)
        found.extend(implicit)
        found.extend(multiple_counts(ctx, sent))
        found.extend(_dates(ctx, sent))
        found.extend(_events(ctx, sent))
        found.extend(_slot_claims(ctx, sent))
        found.extend(add_self_killed(self_killed, found))
        found = without_unnamed_copies(found + age_claims(ctx, sent))
        found.sort(key=lambda c: c.start)
        yield from found
        speaker = speech_subject(ctx, sent)
        if speaker:
            ctx.last_speaker = speaker


# --- dates -----------------------------------------------------------------------------


def _dates(ctx: DocContext, sent: Span) -> list[Claim]:
    out: list[Claim] = []
    for ent in ctx.ents_in(sent):
        if ent.label_ != "DATE" or re.search(r"year-old", ent.text):
            continue
        after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if after is not None and after.lower_.rstrip(".") in STREET_WORDS:
            continue  # 'the 2000 block of', '1999 Elm Street': an address, not a year
        if _named_day(ent):
            continue
        gov = _date_governor(ent)
        resolved = resolve_date(ent.text, ctx.ref, future=gov is not None and _is_future(gov))
        resolved_from = ctx.ref_from
        if resolved is None and ctx.ref is None:
            # no date in the story to place it by: keep the day and month, or the weekday,
            # that the words state ('March 9', 'on Tuesday'), so outlets can still be compared
            resolved = resolve_without_reference(ent.text)
            resolved_from = NO_WEEK if resolved is not None and resolved.date.startswith("-W") else NO_YEAR
        if resolved is None:
            continue
        terms = []
        event = None
        doer = _named_doer(gov) if gov is not None else None
        if gov is not None:
            terms.append(gov.lemma_.lower())
            obj = next((c for c in gov.children if c.dep_ in ("dobj", "nsubjpass")), None)
            event = gov.text.lower() + (" " + _phrase(obj) if obj is not None else "")
            if gov.dep_ in ("xcomp", "ccomp") and gov.head.pos_ == "VERB" and gov.head.lemma_ not in SPEECH_LEMMAS:
                terms.append(gov.head.lemma_.lower())
        value = DateValue(
            date=resolved.date, low=resolved.low, high=resolved.high,
            resolved_from=resolved_from if resolved.relative else "absolute",
            event=event, event_terms=terms, doer=doer,
        )
        out.append(make_claim(ctx, sent, "date", ent.start_char, ent.end_char, value, gov or ent.root))
    return out


DAY_PLACING_WORDS = {"last", "next", "this", "that", "every", "each", "early", "late", "following", "previous",
                     "same", "coming", "past"}
"""Words before a weekday that place it in time ('late Tuesday', 'next Friday')."""


def _named_day(ent: Span) -> bool:
    """A weekday with a describing word before it is the name of a day, not a date: 'another
    super Tuesday for our campaign', 'Cyber Monday'."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return (len(ent) == 1 and ent.root.lower_ in WEEKDAYS and before is not None and before.head.i == ent.root.i
            and before.dep_ in {"amod", "compound"} and before.lower_ not in DAY_PLACING_WORDS)


def _named_doer(verb: Token) -> str | None:
    """The person a dated verb's subject names ('Ada Quell won the seat in 2019' -> 'Ada
    Quell'): two outlets' dates of one verb done by two named people are two facts."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "PROPN" or subject.ent_type_ != "PERSON":
        return None
    words = [t for t in subject.lefts if t.dep_ in ("compound", "flat") and t.pos_ == "PROPN"] + [subject]
    return " ".join(t.text for t in words)


FUTURE_LEMMAS = {"plan", "expect", "schedule", "set", "due", "intend", "aim", "prepare"}
"""'is scheduled to vote', 'plans to sign': what the verb governs is still to come."""


def _is_future(verb: Token) -> bool:
    """Whether a verb speaks of what is to come: 'will address', 'is set to sign'."""
    for tok in (verb, verb.head if verb.dep_ == "xcomp" else None):
        if tok is None:
            continue
        if any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall", "wo") for c in tok.children):
            return True
        if tok is not verb and tok.lemma_.lower() in FUTURE_LEMMAS:
            return True
    return False


def _date_governor(ent: Span) -> Token | None:
    """The verb or noun a date is the date of: 'left ... in 2013', 'the 2014 agreement'."""
    root = ent.root
    head = root.head
    if head.dep_ == "prep" or head.pos_ == "ADP":
        head = head.head
    if head.i == root.i or head.i in range(ent.start, ent.end):
        return None
    if head.pos_ in ("VERB", "NOUN"):
        return head
    return None


def _phrase(tok: Token) -> str:
    words = [c for c in tok.lefts if c.dep_ in ("compound", "amod")] + [tok]
    return " ".join(t.text for t in words)


# --- events ----------------------------------------------------------------------------


def _events(ctx: DocContext, sent: Span) -> list[Claim]:
    """Who did what to whom: main verbs with a named agent or patient."""
    out: list[Claim] = []
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() in SPEECH_LEMMAS:
            continue
        if verb.dep_ not in ("ROOT", "conj", "ccomp") or (verb.dep_ == "conj" and verb.head.pos_ != "VERB"):
            continue
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        agent_tok = patient_tok = None
        for c in verb.children:
            if c.dep_ == "nsubj" and not passive:
                agent_tok = c
            elif c.dep_ == "dobj" and not passive:
                patient_tok = c
            elif c.dep_ == "nsubjpass":
                patient_tok = c
            elif c.dep_ == "agent":
                agent_tok = next((g for g in c.children if g.dep_ == "pobj"), None)
        agent = named(ctx, agent_tok)
        patient = named(ctx, patient_tok)
        if agent is None and patient is None:
            continue
        place = time = cause = None
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is None:
                continue
            if pobj.ent_type_ in PLACE_LABELS and prep.lower_ in ("in", "at", "near", "outside"):
                place = named(ctx, pobj) or pobj.text
            elif pobj.ent_type_ == "DATE":
                time = subtree_text(pobj)
            elif prep.lower_ in CAUSE_PREPS or (prep.lower_ == "to" and prep.nbor(-1).lower_ == "due"):
                cause = subtree_text(pobj)
        args = [t for t in (agent_tok, patient_tok) if t is not None]
        start = min([t.left_edge.idx for t in args] + [verb.idx])
        end = max([t.right_edge.idx + len(t.right_edge.text) for t in args] + [verb.idx + len(verb.text)])
        value = EventValue(
            predicate=verb.lemma_.lower(),
            agent=agent or (subtree_text(agent_tok) if agent_tok is not None else None),
            patient=patient or (subtree_text(patient_tok) if patient_tok is not None else None),
            place=place, time=time, cause=cause,
        )
        out.append(make_claim(ctx, sent, "event", start, end, value, verb, negated=is_negated(verb, None)))
    return out


def _slot_claims(ctx: DocContext, sent: Span) -> list[Claim]:
    """Who ordered an operation, what caused a death (slots.py reads them)."""
    out = []
    for st in read_slots(sent):
        start, end = st.span
        entity = named(ctx, st.filler)
        value = EventValue(
            predicate=st.event, slot=st.slot, filler=filler_text(st.filler), filler_head=st.filler.lemma_.lower(),
            filler_entity=entity if entity and ctx.entity_at(st.filler.idx, st.filler.idx + len(st.filler.text)) else None,
            patient=named(ctx, st.subject) if st.subject is not None else None,
            agent=entity if st.slot == ORDERED_BY else None,
            cause=filler_text(st.filler) if st.slot == CAUSE_OF_DEATH else None,
        )
        out.append(make_claim(ctx, sent, "event", start, end, value, st.anchor))
    return out
