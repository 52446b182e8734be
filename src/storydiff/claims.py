"""Checkable claims: quantities, dates and events, with their attribution.

Everything comes from the one spaCy parse of each document: number and date spans from
its entity recogniser (plus vague amounts it does not tag), what is counted and what
happened to it from the dependency tree, attribution from speech verbs, "according to"
and the quotes found by ``quotes.py``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from .casualties import (
    CASUALTY_CLASSES,
    IMPLICIT_ONE,
    MULTIPLE_EVENTS,
    MULTIPLES,
    NAMED_EVENT_FLOOR,
    NOT_PARTICIPANTS,
    ROLE_LEMMA,
    casualty_role,
    harmed,
    hypothetical,
    headline_role,
    is_participant,
    one_person,
    own_casualty,
)
from .dates import parse_published, resolve_date
from .model import Claim, DateValue, Document, Entity, EventValue, QuantityValue, Quote
from .nlp import doc_text
from .numbers import combine as combine_numbers
from .numbers import unit_code
from .quantities import Amount, parse_amount
from .slots import CAUSE_OF_DEATH, ORDERED_BY, filler_text, read_slots

QUANTITY_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
SPEECH_LEMMAS = {
    "say", "tell", "claim", "state", "announce", "report", "add", "allege", "insist", "deny",
    "confirm", "estimate", "write", "explain", "note", "warn", "declare", "assert", "stress",
    "argue", "maintain", "acknowledge", "admit", "reveal", "disclose", "underline", "accuse",
}
VAGUE_HEADS = {"dozens", "scores", "hundreds", "thousands", "millions", "handful", "tens"}
MEASURE_UNITS = {
    "km", "kilometre", "kilometer", "kilometres", "kilometers", "mile", "miles", "metre", "meter",
    "metres", "meters", "hectare", "hectares", "acre", "acres", "kg", "kilogram", "kilograms",
    "tonne", "tonnes", "ton", "tons", "litre", "litres", "liter", "liters", "barrel", "barrels",
    "square", "cm", "mm", "m", "ft", "feet", "foot", "pound", "pounds", "lb", "lbs",
}
PERSONAL_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
PERSON_PRONOUNS = {"he", "she"}
"""Only these are resolved to the document's last named speaker ('..., he said'); 'it' and
'they' too often point at a body or the story's subject."""
MAX_HEAD_WALK = 6
"""How far up the tree a number's governing verb is looked for: far enough for
'21 members of the group were injured', short enough not to reach the sentence's
reporting verb through unrelated clauses."""
NAMED_ENT_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
NAMING_LEMMAS = {"call", "name", "dub", "know"}
CAUSE_PREPS = {"because", "due", "after", "following", "over", "amid", "from"}
FAMILY_NOUNS = {"father", "mother", "parent", "dad", "mom", "grandfather", "grandmother", "grandparent", "mum"}
"""'a father of four' describes a person, it counts nobody who took part in the event."""
BODY_SIZE_NOUNS = {"member", "seat", "man", "person", "strong", "nation", "country", "state", "judge", "justice"}
"""'the 100-member Senate', 'a 15-man jury', 'the 27-nation bloc': a compound that gives
the size of a body, not a count of anyone in the event."""
STREET_WORDS = {"block", "street", "st", "avenue", "ave", "road", "rd", "drive", "lane", "boulevard", "blvd",
                "way", "court", "place", "highway", "route", "interstate", "suite", "unit", "apartment", "room"}
"""Nouns after a number that make it an address or a road, not a count ('the 700 block of')."""
REFERENCE_PREPS = {"from", "than", "since"}
"""A number under one of these is the value something is compared with or changed from
('fell to 5.8% from 6.1%', 'more than last year's 40'): a reference, not the current value."""


class _DocContext:
    """What claim extraction needs to know about one document."""

    def __init__(self, doc: Document, parsed: Doc, entities: list[Entity], quotes: list[Quote], ref: dt.date | None,
                 ref_from: str | None, headline: bool = False):
        self.doc = doc
        self.parsed = parsed
        self.mentions = sorted(
            (m.start, m.end, e.id) for e in entities for m in e.spans if m.doc == doc.id
        )
        self.quotes = [q for q in quotes if q.doc == doc.id]
        self.ref = ref
        self.ref_from = ref_from
        self.last_speaker: str | None = None
        self.headline = headline
        """A title: articles are dropped ('Teen killed'), so a bare singular person counts."""
        # Doc.ents and Span.ents rebuild the whole document's entity list on every call:
        # built once here, a sentence's entities are a bisect away.
        self.ents: tuple[Span, ...] = tuple(parsed.ents)
        self._ent_starts = [e.start for e in self.ents]

    def ents_in(self, sent: Span) -> list[Span]:
        """The entities that lie wholly inside ``sent`` (what ``sent.ents`` gives)."""
        found = []
        for i in range(bisect.bisect_left(self._ent_starts, sent.start), len(self.ents)):
            ent = self.ents[i]
            if ent.start >= sent.end or ent.end > sent.end:
                break
            found.append(ent)
        return found

    def entity_at(self, start: int, end: int) -> str | None:
        """The entity whose mention overlaps [start, end), preferring the longest overlap."""
        best, best_overlap = None, 0
        for m_start, m_end, ent_id in self.mentions:
            if m_start >= end:
                break
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > best_overlap:
                best, best_overlap = ent_id, overlap
        return best

    def quote_at(self, start: int, end: int) -> Quote | None:
        for q in self.quotes:
            if q.start <= start and end <= q.end:
                return q
        return None


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
            ctx = _DocContext(doc.model_copy(update={"text": doc.title.strip()}), title, [], [], ref, "published",
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
        ctx = _DocContext(doc, parsed_doc, entities, quotes, ref, ref_from)
        try:
            claims.extend(_doc_claims(ctx))
        except Exception:  # an odd parse must not lose the other documents' claims
            continue
    return [c.model_copy(update={"id": f"C{i + 1}"}) for i, c in enumerate(claims)]


def _title_claims(ctx: _DocContext) -> Iterable[Claim]:
    """The casualty counts a headline states, with its own words as their sentence.

    Headlines are not prose ('3 Dead, 2 Injured In Shooting'), and the parser trained on
    prose misreads them: a number's role is the casualty word that follows it within its
    clause, and a number with none is left out (precision first)."""
    doc = ctx.parsed
    for sent in doc.sents:
        # the implicit and multiple counts read their role from their own words; a number's
        # role is the casualty word after it
        read = [(c, False) for c in _implicit_counts(ctx, sent)[0] + _multiple_counts(ctx, sent)]
        read += [(c, True) for c in _quantities(ctx, sent)]
        for claim, numeral in sorted(read, key=lambda r: r[0].start):
            value = claim.value
            if not isinstance(value, QuantityValue) or value.counted == "age" or value.reference:
                continue
            if numeral:
                role_tok = headline_role(doc, claim.end)
                if role_tok is None:
                    continue
                role = casualty_role(role_tok) or "shot"
                value = value.model_copy(update={
                    "predicate": role_tok.text.lower(), "predicate_terms": [role_tok.lemma_.lower(), ROLE_LEMMA[role]],
                    "predicate_start": role_tok.idx,
                })
            yield claim.model_copy(update={
                "value": value, "in_title": True, "sentence": ctx.doc.text[claim.sentence_start:claim.sentence_end],
            })


def _doc_claims(ctx: _DocContext) -> Iterable[Claim]:
    for sent in ctx.parsed.sents:
        found: list[Claim] = []
        found.extend(_quantities(ctx, sent))
        implicit, self_killed = _implicit_counts(ctx, sent)
        found.extend(implicit)
        found.extend(_multiple_counts(ctx, sent))
        found.extend(_dates(ctx, sent))
        found.extend(_events(ctx, sent))
        found.extend(_slot_claims(ctx, sent))
        found.extend(_add_self_killed(self_killed, found))
        found.sort(key=lambda c: c.start)
        yield from found
        speaker = _speech_subject(ctx, sent)
        if speaker:
            ctx.last_speaker = speaker


# --- quantities ------------------------------------------------------------------------


def _quantity_spans(sent: Span, ents: list[Span] | None = None) -> list[tuple[int, int, str]]:
    """(token start, token end, label) of the number expressions of a sentence (``ents``:
    the sentence's entities when the caller has them, else ``sent.ents``)."""
    spans: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for ent in sent.ents if ents is None else ents:
        if ent.label_ in QUANTITY_LABELS:
            spans.append((ent.start, ent.end, ent.label_))
        elif ent.label_ == "DATE" and _counts_not_time(ent):
            spans.append((ent.start, ent.end, "CARDINAL"))  # 'Fifteen officers' mis-tagged as a date
        taken.update(range(ent.start, ent.end))
    doc = sent.doc
    for tok in sent:
        if tok.i in taken:
            continue
        low = tok.lower_
        start = end = None
        if low in VAGUE_HEADS and (low != "scores" or (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of")):
            start, end = tok.i, tok.i + 1
            if low == "handful" and tok.i > 0 and doc[tok.i - 1].lower_ == "a":
                start = tok.i - 1
            if low in ("tens", "hundreds") and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of" and doc[tok.i + 2].lower_ in ("thousands", "millions"):
                end = tok.i + 3
        elif low == "several" and tok.dep_ in ("amod", "det", "nummod") and tok.head.tag_ == "NNS":
            start, end = tok.i, tok.i + 1
        elif tok.like_num and re.search(r"\d", tok.text) is None and tok.lower_ not in ("one",) and (
            tok.pos_ == "NUM" or tok.dep_ in ("nummod", "nsubj", "nsubjpass", "dobj")
        ):
            start, end = tok.i, tok.i + 1  # a number word the recogniser missed
        elif (re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d+)?", tok.text) and tok.dep_ == "nummod"
              and tok.head.pos_ == "NOUN" and not re.fullmatch(r"(1[89]|20)\d\d", tok.text)):
            start, end = tok.i, tok.i + 1  # '900 blankets': a figure the recogniser missed
            if start > sent.start and doc[start - 1].lower_ == "between" and end + 1 < sent.end \
                    and doc[end].lower_ in ("and", "to") and doc[end + 1].like_num:
                start, end = start - 1, end + 2  # 'between 10 and 20 boats'
        elif tok.like_num and tok.dep_ == "nummod" and tok.i > 2 and doc[tok.i - 1].lower_ in ("and", "to") \
                and doc[tok.i - 2].like_num and doc[tok.i - 3].lower_ == "between":
            continue  # the end of a range taken whole above
        if start is None or any(i in taken for i in range(start, end)):
            continue
        # qualifiers just before: "some dozens", "more than a handful"
        while start > sent.start and doc[start - 1].lower_ in ("some", "about", "nearly", "almost", "over", "around"):
            start -= 1
        spans.append((start, end, "VAGUE"))
        taken.update(range(start, end))
    return spans


TIME_NOUNS = {"day", "week", "month", "year", "decade", "century", "hour", "minute", "night", "morning", "time"}


def _counts_not_time(ent: Span) -> bool:
    """A 'date' that is really a count: a bare number modifying a noun that is not a time unit."""
    root = ent.root
    return (
        len(ent) == 1 and root.like_num and not re.fullmatch(r"(1[89]|20)\d\d", root.text)
        and root.dep_ == "nummod" and root.head.pos_ == "NOUN" and root.head.lemma_.lower() not in TIME_NOUNS
    )


LEADING = {"$", "€", "£", "¥", "us$", "up to", "more than", "fewer than", "less than", "at least",
           "at most", "nearly", "almost", "about", "around", "some", "over", "roughly", "between"}


def _extend_left(doc: Doc, start: int, limit: int) -> int:
    """Take in a currency sign or qualifier the recogniser left outside ('$' of '$3.5bn')."""
    for width in (2, 1):
        if start - width >= limit:
            words = doc[start - width : start].text.lower()
            if words in LEADING:
                return start - width
    return start


def _is_name_part(span: Span) -> bool:
    """'Camp 7', 'Flight 370', 'COVID-19': a number glued to a proper name is part of it."""
    first = span[0]
    prev = first.nbor(-1) if first.i > 0 else None
    if prev is not None and prev.pos_ == "PROPN" and prev.is_title and not prev.is_sent_start and prev.whitespace_:
        return bool(re.fullmatch(r"\d{1,3}", span.text))
    if prev is not None and prev.text in ("-", "#", "No.", "no."):
        return True
    return False


def _counted_noun(root: Token, span: Span) -> Token | None:
    cand: Token | None = None
    if root.dep_ in ("nummod", "quantmod", "amod", "compound", "det", "npadvmod") and root.head.pos_ in ("NOUN", "PROPN") and root.head.i not in range(span.start, span.end):
        cand = root.head
    elif root.lower_ in VAGUE_HEADS or root.lower_ in ("%", "percent", "handful") or root.pos_ == "NOUN":
        of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        cand = pobj if pobj is not None and pobj.pos_ in ("NOUN", "PROPN", "PRON") else None
    if cand is not None and cand.pos_ == "PRON":
        return None
    # '12 Camp 7 residents': the number sits on a name that is itself a modifier
    while cand is not None and cand.dep_ in ("compound", "nmod") and cand.pos_ == "PROPN" and cand.head.pos_ == "NOUN":
        cand = cand.head
    return cand


def _counted_text(noun: Token, span: Span) -> str:
    words = [
        c for c in noun.lefts
        if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ") and c.i not in range(span.start, span.end)
        and not c.like_num
    ]
    words.append(noun)
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i)).lower()


def _governing_verb(start: Token) -> Token | None:
    tok = start
    for _ in range(MAX_HEAD_WALK):
        if tok.pos_ == "VERB" or (tok.tag_ == "VBN" and tok.pos_ == "ADJ"):
            return tok
        if tok.lemma_ == "be" and any(c.dep_ in ("acomp", "attr") and casualty_role(c) for c in tok.children):
            return tok  # 'three teens are dead': the copula, whose complement says what happened
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ == "be" and tok.head.pos_ == "AUX":
            return tok.head  # 'two were killed and four others were in hospital': its own clause
        if tok.head.i == tok.i:
            return None
        if tok.dep_ in ("relcl", "acl") and tok.pos_ != "VERB":
            return None
        tok = tok.head
    return None


def _predicate_terms(verb: Token) -> list[str]:
    terms = [verb.lemma_.lower()]
    # 'found shot to death', 'fatally shot', 'pronounced dead', 'shot and killed': the
    # casualty the verb's complements state is what happened
    complements = [c for c in verb.children if c.dep_ in ("xcomp", "oprd", "acomp", "ccomp")]
    # a verb joined to this one shares its subject only when it has none of its own: 'were
    # shot and killed', but not 'located four victims, and two of them died'
    complements += [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                    and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
    for tok in (verb, *complements):
        role = casualty_role(tok)
        if role is not None and ROLE_LEMMA[role] not in terms:
            terms.append(ROLE_LEMMA[role])
    for prep in verb.children:
        if prep.dep_ in ("prep", "agent"):
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "NOUN":
                    terms.append(pobj.lemma_.lower())
    if verb.dep_ == "xcomp" and verb.head.pos_ == "VERB":
        terms.append(verb.head.lemma_.lower())
    return terms


def _is_negated(verb: Token | None, noun: Token | None) -> bool:
    if verb is not None and any(c.dep_ == "neg" for c in verb.children):
        return True
    return noun is not None and any(c.lower_ == "no" and c.dep_ == "det" for c in noun.children)


SCALE_SUFFIXES = {"m", "mn", "bn", "b", "k", "million", "billion"}


def _take_scale_suffix(doc: Doc, span: Span) -> Span:
    """'75M': a scale letter the tokenizer split from its number, and the recogniser left out."""
    end = span.end
    if end < len(doc) and not doc[end - 1].whitespace_ and doc[end].lower_ in SCALE_SUFFIXES:
        return doc[span.start : end + 1]
    return span


def _not_a_count(span: Span) -> bool:
    """Numbers that count nobody in the event: an age ('Smith, 32,' 'aged 32'), a family
    ('a father of four'), a rate's base ('per 100,000'), the size of a body ('the 100-member
    Senate', a compound adjective)."""
    doc = span.doc
    first, last = span[0], span[-1]
    before = doc[first.i - 1] if first.i > 0 else None
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if before is not None and before.lower_ in ("aged", "age", "ages", "per"):
        return True
    if span.text in ("911", "311") or (after is not None and re.fullmatch(r"-?\d{3,4}(-\d{3,4})*", after.text)
                                       and not last.whitespace_):
        return True  # an emergency or a phone number: 'call 911', '555-0199'
    if after is not None and not last.whitespace_ and re.fullmatch(r"-[A-Z]{3,}|-", after.text) and (
            after.text != "-" or (last.i + 2 < len(doc) and re.fullmatch(r"[A-Z]{3,}", doc[last.i + 2].text))):
        return True  # a vanity phone number: '555-TIPS'
    if before is not None and before.text == "(" and after is not None and after.text == ")" and re.match(
            r"\s*\d{3}-\d{4}", doc_text(doc)[after.idx + 1 : after.idx + 12]):
        return True  # a phone number's area code: '(555) 010-0199'
    if before is not None and (before.text == "©" or before.lower_ == "copyright"):
        return True  # a copyright notice's year
    if _in_street_name(span):
        return True  # '12 Seven Oaks Road': a number word in an address
    if (before is not None and before.lower_ in ("at", "on") and after is not None and after.pos_ == "PROPN"
            and after.ent_type_ not in ("DATE", "TIME") and re.fullmatch(r"\d{3,5}", span.text)):
        return True  # 'shot at 2630 Waldron': a house number before its street's name
    if after is not None and after.lower_ in ("year", "years") and last.i + 2 < len(doc) and doc[last.i + 2].lower_ in ("old", "-"):
        return True  # 'SIXTEEN YEAR OLD': an age in words
    if (after is not None and after.text in ("-", "–") and not last.whitespace_ and last.i + 2 < len(doc)
            and doc[last.i + 2].lemma_.lower() in BODY_SIZE_NOUNS):
        return True  # 'the 100-member Senate', 'a 12-person jury': the size of a body
    if before is not None and before.text == "," and first.i > 1 and re.fullmatch(r"\d{1,3}", span.text):
        named = doc[first.i - 2]
        if (named.ent_type_ == "PERSON" or named.pos_ == "PROPN") and (after is None or after.text in (",", ")", ";", ".")):
            return True  # 'Jane Roe, 32, was ...': an age in apposition
    if span.text.lower() in ("one", "1") and after is not None and after.lower_ == "of":
        return True  # 'one of the senators': picks one out, counts nothing
    # (a figure with its unit is no position: '80% in 12 minutes')
    if after is not None and after.lower_ in ("of", "in") and last.i + 2 < len(doc) and doc[last.i + 2].like_num \
            and last.like_num:
        return True  # 'image 5 of 40': a position in a series; '1 in 3': a ratio
    if before is not None and before.lower_ in ("of", "in") and first.i > 1 and doc[first.i - 2].like_num \
            and first.like_num:
        return True
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in FAMILY_NOUNS:
        return True
    return False


def _in_street_name(span: Span) -> bool:
    """A number followed, through capitalised words only, by a street word."""
    doc = span.doc
    for tok in doc[span.end : span.end + 3]:
        if tok.lower_.rstrip(".") in STREET_WORDS and tok.text[:1].isupper():
            return True
        if not (tok.text[:1].isupper() and tok.is_alpha):
            return False
    return False


def _is_reference(tok: Token, verb: Token | None = None) -> bool:
    """Whether the number sits under 'from', 'than' or 'since' on its way to its verb."""
    steps = 0
    while tok.head.i != tok.i and steps < MAX_HEAD_WALK and tok is not verb:
        if tok.dep_ == "pobj" and tok.head.lower_ in REFERENCE_PREPS:
            return True
        if tok.dep_ == "pobj" and tok.head.lower_ in ("to", "with") and tok.head.head.lower_ == "compared":
            return True
        tok, steps = tok.head, steps + 1
    return False


def _includes_one(noun: Token | None, verb: Token | None) -> bool:
    """'Seven people, including the shooter, were killed': the count takes in one person
    other reports may leave out."""
    for tok in (noun, verb):
        if tok is None:
            continue
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "including":
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.tag_ in ("NN", "NNP") and not pobj.conjuncts:
                    return True
    return False


def _implicit_counts(ctx: _DocContext, sent: Span) -> tuple[list[Claim], list[Claim]]:
    """Casualties a text counts without a numeral: 'a man was killed', 'Jane Roe died',
    'he later died', 'wounded her brother and daughter', 'the fatal shooting of a teen'.
    Each named or singular person harmed is one, read as 'at least one' (another sentence
    may name others, or count the same person again); a conjunction of people under one
    verb adds up (compare.py sums parts of one predicate). Returned apart: the people
    who killed themselves ('the gunman then killed himself'; see _add_self_killed)."""
    out: tuple[list[Claim], list[Claim]] = ([], [])
    for verb, role, patients, reflexive in harmed(sent):
        people = [t for p in patients for t in (p, *p.conjuncts) if one_person(t, ctx.headline)]
        if _is_negated(verb, None) or not people:
            continue
        for person in people:
            start = person.left_edge.idx if person.pos_ not in ("PROPN", "PRON") else person.idx
            end = person.idx + len(person.text)
            head = "person" if person.pos_ in ("PROPN", "PRON") or person.lower_ == "old" else person.lemma_.lower()
            value = QuantityValue(
                amount=1, low=1, qualifier=IMPLICIT_ONE, counted=person.lemma_.lower() if head != "person" else "person",
                counted_head=head, predicate=verb.text.lower(), predicate_terms=list(dict.fromkeys([verb.lemma_.lower(), ROLE_LEMMA[role]])),
                predicate_start=verb.idx,
            )
            out[reflexive].append(_claim(ctx, sent, "quantity", start, end, value, verb))
    return out


def _add_self_killed(self_killed: list[Claim], found: list[Claim]) -> list[Claim]:
    """'Left seven people dead before the gunman killed himself': the attacker's death is a
    part of the sentence's killed count (eight dead), or already in it (an outlet may count
    him or not). Beside one such count it is a part of 0 to 1 of the count's predicate,
    which the comparison adds up; alone, it is one killed, like any implicit count."""
    counts = [c for c in found if isinstance(c.value, QuantityValue) and c.value.qualifier is None
              and c.value.unit is None and c.value.counted != "age" and c.value.predicate_start is not None
              and ROLE_LEMMA["killed"] in c.value.predicate_terms and c.value.low is None]
    out = []
    for c in self_killed:
        if len(counts) == 1:
            count = counts[0].value
            c = c.model_copy(update={"value": c.value.model_copy(update={
                "low": 0, "high": 1, "predicate": count.predicate, "predicate_terms": list(count.predicate_terms),
                "predicate_start": count.predicate_start,
            })})
        out.append(c)
    return out


_MULTIPLE_CUE = re.compile(r"\b(?:" + "|".join(MULTIPLES) + r"|murder)\b", re.I)


def _multiple_counts(ctx: _DocContext, sent: Span) -> list[Claim]:
    """Counts in the name of the event: 'a triple shooting' (three shot), 'a double
    homicide' (two killed), 'a murder-suicide' (at least two dead)."""
    out: list[Claim] = []
    if not _MULTIPLE_CUE.search(sent.text):
        return out  # most sentences name no such event: skip the per-token reading
    for tok in sent:
        word = tok.lower_
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if word in MULTIPLES and nxt is not None and nxt.lower_ in MULTIPLE_EVENTS:
            amount, low, role, end_tok, qualifier = MULTIPLES[word], None, MULTIPLE_EVENTS[nxt.lower_], nxt, None
        elif word == "murder" and tok.i + 2 < len(tok.doc) and nxt.text == "-" and tok.doc[tok.i + 2].lower_ == "suicide":
            # the victim, or more, and the killer: a floor that confirms no other figure
            amount, low, role, end_tok, qualifier = 2, 2, "killed", tok.doc[tok.i + 2], NAMED_EVENT_FLOOR
        else:
            continue
        value = QuantityValue(
            amount=amount, low=low, qualifier=qualifier, counted="people", counted_head="person",
            predicate=end_tok.lower_, predicate_terms=[end_tok.lemma_.lower(), ROLE_LEMMA[role]],
            predicate_start=end_tok.idx,
        )
        out.append(_claim(ctx, sent, "quantity", tok.idx, end_tok.idx + len(end_tok.text), value, end_tok))
    return out


# --- numbers as written: numbers.py reads them, the parse's spans fill in ---------------

CASUALTY_WORDS = set().union(*CASUALTY_CLASSES.values()) | set(ROLE_LEMMA.values())
"""The lemmas that give a count a casualty role: a figure with a unit never takes one."""


def _number_mentions(ctx: _DocContext, sent: Span) -> list[tuple[Span, Amount]]:
    """The number expressions of a sentence with their values: the parse's spans
    (recogniser, vague amounts) joined with numbers.py's readings of the text."""
    doc = sent.doc
    found: list[tuple[Span, Amount]] = []
    vetoed: list[Span] = []
    for tok_start, tok_end, _label in _quantity_spans(sent, ctx.ents_in(sent)):
        tok_start = _extend_left(doc, tok_start, sent.start)
        span = _take_scale_suffix(doc, doc[tok_start:tok_end])
        if re.search(r"\d+-year-old", span.text) or _is_name_part(span):
            vetoed.append(span)
            continue
        amount = parse_amount(span.text)
        if amount is not None:
            found.append((span, amount))
    return _alternatives(combine_numbers(sent, found, vetoed, ctx.ents_in(sent)))


def _alternatives(mentions: list[tuple[Span, Amount]]) -> list[tuple[Span, Amount]]:
    """'four or five men', '3 or 4 shots': two figures offered as alternatives are one
    range, not two counts (the first would read as exactly four)."""
    out: list[tuple[Span, Amount]] = []
    for span, amount in mentions:
        if out:
            prev, first = out[-1]
            gap = doc_text(span.doc)[prev.end_char:span.start_char]
            plain = not (first.sides or amount.sides or first.low is not None or amount.low is not None)
            if plain and gap.strip() == "or" and first.unit == amount.unit and first.amount < amount.amount:
                out[-1] = (span.doc[prev.start:span.end],
                           Amount(amount=(first.amount + amount.amount) / 2, low=first.amount, high=amount.amount,
                                  qualifier=first.qualifier, unit=amount.unit))
                continue
        out.append((span, amount))
    return out


# --- end of numbers as written ------------------------------------------------------------


def _quantities(ctx: _DocContext, sent: Span) -> list[Claim]:
    doc = sent.doc
    out: list[Claim] = []
    for m in re.finditer(r"\b(\d{1,3})-year-old\b", sent.text):
        start = sent.start_char + m.start()
        end = sent.start_char + m.end()
        span = doc.char_span(start, end, alignment_mode="expand")
        noun = None
        if span is not None:
            noun = next((t for t in span if t.dep_ == "amod" and t.head.i >= span.end), None)
            noun = noun.head if noun is not None else span.root.head
        value = QuantityValue(
            amount=float(m.group(1)), unit="year", counted="age",
            counted_head="age", predicate=noun.text.lower() if noun is not None else None,
        )
        out.append(_claim(ctx, sent, "quantity", start, end, value, noun))
    for span, amount in _number_mentions(ctx, sent):
        root = span.root
        if _not_a_count(span):
            continue
        noun = _counted_noun(root, span)
        if noun is not None and amount.unit is None and (
                noun.lower_.rstrip(".") in STREET_WORDS or noun.pos_ == "PROPN" and noun.ent_type_ in PLACE_LABELS | {"FAC"}):
            continue  # '5200 block', '1600 Pennsylvania Avenue': an address
        headless = noun is None
        text = span.text
        # a bare four-digit year ('in 2013') is a date, not a count
        if noun is None and re.fullmatch(r"(1[89]|20)\d\d", text):
            continue
        unit = amount.unit
        counted = None
        head = None
        end_char = span.end_char
        if noun is not None and noun.lower_ in MEASURE_UNITS and unit is None:
            unit = unit_code(noun.lower_)
            end_char = noun.idx + len(noun.text)
            noun = _counted_noun(noun, doc[noun.i:noun.i + 1])
        if noun is not None:
            counted = _counted_text(noun, span)
            head = noun.lemma_.lower()
        counted_tok = noun if noun is not None else root
        verb = own_casualty(counted_tok) or _governing_verb(counted_tok)
        if verb is not None and verb.lemma_ in NAMING_LEMMAS and any(c.dep_ == "oprd" for c in verb.children):
            verb = None  # 'members of X, also called Y, live ...': a naming clause, not what happened
        # a headless number may sit under its reference word above the verb ('rose from 5')
        # the value something changed from or is compared with ('fell to 5.2% from 5.9%'):
        # kept, marked, and left out of comparisons
        reference = _is_reference(noun if noun is not None else root, None if headless else verb)
        low, high = amount.low, amount.high
        if _includes_one(noun, verb) and low is None and high is None:
            low, high = amount.amount - 1, amount.amount  # 'seven, including the gunman': six or seven
        terms = _predicate_terms(verb) if verb is not None else []
        if headless and unit is None and is_participant(root, verb, terms):
            head = "person"  # 'three were killed', 'killed two': the bare number counts people
        if head in NOT_PARTICIPANTS:
            terms = terms[:1]  # 'four counts of murder': no casualty
        if verb is not None and hypothetical(verb):
            terms = [term for term in terms if term not in CASUALTY_WORDS]  # 'could have killed dozens
        if unit is not None:
            # a measure ('died 15 minutes later', '$50,000 bail') is no count of the people harmed
            terms = [term for term in terms if term not in CASUALTY_WORDS]
            if unit in ("year", "month", "week", "day") and (
                    re.match(r"[\s-]+old\b", doc_text(doc)[end_char:end_char + 6]) or text.endswith("-old")):
                counted = head = "age"  # '57 years old', '13-month-old': an age, as '57-year-old' is
        value = QuantityValue(
            amount=amount.amount, low=low, high=high, qualifier=amount.qualifier,
            unit=unit, counted=counted, counted_head=head,
            predicate=verb.text.lower() if verb is not None else None,
            predicate_terms=terms,
            predicate_start=verb.idx if verb is not None else None,
            sides=list(amount.sides), reference=reference,
        )
        claim = _claim(ctx, sent, "quantity", span.start_char, end_char, value, verb or root)
        out.append(claim.model_copy(update={"negated": _is_negated(verb, noun)}))
    return out


# --- dates -----------------------------------------------------------------------------


def _dates(ctx: _DocContext, sent: Span) -> list[Claim]:
    out: list[Claim] = []
    for ent in ctx.ents_in(sent):
        if ent.label_ != "DATE" or re.search(r"year-old", ent.text):
            continue
        gov = _date_governor(ent)
        resolved = resolve_date(ent.text, ctx.ref, future=gov is not None and _is_future(gov))
        if resolved is None:
            continue
        terms = []
        event = None
        if gov is not None:
            terms.append(gov.lemma_.lower())
            obj = next((c for c in gov.children if c.dep_ in ("dobj", "nsubjpass")), None)
            event = gov.text.lower() + (" " + _phrase(obj) if obj is not None else "")
            if gov.dep_ in ("xcomp", "ccomp") and gov.head.pos_ == "VERB" and gov.head.lemma_ not in SPEECH_LEMMAS:
                terms.append(gov.head.lemma_.lower())
        value = DateValue(
            date=resolved.date, low=resolved.low, high=resolved.high,
            resolved_from=ctx.ref_from if resolved.relative else "absolute",
            event=event, event_terms=terms,
        )
        out.append(_claim(ctx, sent, "date", ent.start_char, ent.end_char, value, gov or ent.root))
    return out


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


def _events(ctx: _DocContext, sent: Span) -> list[Claim]:
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
        agent = _named(ctx, agent_tok)
        patient = _named(ctx, patient_tok)
        if agent is None and patient is None:
            continue
        place = time = cause = None
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is None:
                continue
            if pobj.ent_type_ in PLACE_LABELS and prep.lower_ in ("in", "at", "near", "outside"):
                place = _named(ctx, pobj) or pobj.text
            elif pobj.ent_type_ == "DATE":
                time = _subtree_text(pobj)
            elif prep.lower_ in CAUSE_PREPS or (prep.lower_ == "to" and prep.nbor(-1).lower_ == "due"):
                cause = _subtree_text(pobj)
        args = [t for t in (agent_tok, patient_tok) if t is not None]
        start = min([t.left_edge.idx for t in args] + [verb.idx])
        end = max([t.right_edge.idx + len(t.right_edge.text) for t in args] + [verb.idx + len(verb.text)])
        value = EventValue(
            predicate=verb.lemma_.lower(),
            agent=agent or (_subtree_text(agent_tok) if agent_tok is not None else None),
            patient=patient or (_subtree_text(patient_tok) if patient_tok is not None else None),
            place=place, time=time, cause=cause,
        )
        claim = _claim(ctx, sent, "event", start, end, value, verb)
        out.append(claim.model_copy(update={"negated": _is_negated(verb, None)}))
    return out


def _slot_claims(ctx: _DocContext, sent: Span) -> list[Claim]:
    """Who ordered an operation, what caused a death (slots.py reads them)."""
    out = []
    for st in read_slots(sent):
        start, end = st.span
        entity = _named(ctx, st.filler)
        value = EventValue(
            predicate=st.event, slot=st.slot, filler=filler_text(st.filler), filler_head=st.filler.lemma_.lower(),
            filler_entity=entity if entity and ctx.entity_at(st.filler.idx, st.filler.idx + len(st.filler.text)) else None,
            patient=_named(ctx, st.subject) if st.subject is not None else None,
            agent=entity if st.slot == ORDERED_BY else None,
            cause=filler_text(st.filler) if st.slot == CAUSE_OF_DEATH else None,
        )
        out.append(_claim(ctx, sent, "event", start, end, value, st.anchor))
    return out


def _named(ctx: _DocContext, tok: Token | None) -> str | None:
    """Entity id (or the name as written) when a token heads a named thing, else None."""
    if tok is None or tok.pos_ == "PRON":
        return None
    start, end = tok.idx, tok.idx + len(tok.text)
    ent_id = ctx.entity_at(start, end)
    if ent_id:
        return ent_id
    if tok.ent_type_ in NAMED_ENT_LABELS:
        ent = next((e for e in ctx.ents if e.start <= tok.i < e.end), None)
        return ent.text if ent is not None else tok.text
    return None


def _subtree_text(tok: Token, max_words: int = 8) -> str:
    words = list(tok.subtree)
    if len(words) > max_words:
        words = [w for w in words if w.i <= tok.i][-max_words:]
    return " ".join(w.text for w in words)


# --- attribution -----------------------------------------------------------------------


def _claim(ctx: _DocContext, sent: Span, kind: str, start: int, end: int, value, anchor: Token | None) -> Claim:
    return Claim(
        id="C0", doc=ctx.doc.id, kind=kind, text=ctx.doc.text[start:end], sentence=sent.text,
        start=start, end=end, sentence_start=sent.start_char, sentence_end=sent.end_char,
        value=value, attributed_to=_attribution(ctx, sent, start, end, anchor),
    )


def _attribution(ctx: _DocContext, sent: Span, start: int, end: int, anchor: Token | None) -> str | None:
    """Who the claim belongs to: a quote's speaker, the subject of a speech verb above it,
    the object of 'according to'; None for the outlet's own voice."""
    quote = ctx.quote_at(start, end)
    if quote is not None:
        return quote.speaker or quote.speaker_name
    tok = anchor
    while tok is not None and tok.head.i != tok.i:
        tok = tok.head
        if tok.lemma_.lower() in SPEECH_LEMMAS and tok.pos_ == "VERB":
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass" if tok.lemma_ == "report" else "nsubj")), None)
            who = _speaker(ctx, subj)
            if who:
                return who
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.nbor(1).lower_ == "to":
            pobj = next((g for g in t.nbor(1).children if g.dep_ == "pobj"), None)
            who = _speaker(ctx, pobj)
            if who:
                return who
    return None


def _speech_subject(ctx: _DocContext, sent: Span) -> str | None:
    for tok in sent:
        if tok.lemma_.lower() in SPEECH_LEMMAS and tok.pos_ == "VERB":
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ not in PERSONAL_PRONOUNS:
                return _speaker(ctx, subj)
    return None


def _speaker(ctx: _DocContext, subj: Token | None) -> str | None:
    if subj is None:
        return None
    if subj.lower_ in PERSONAL_PRONOUNS:
        # a pronoun speaker is the last named speaker of the document ('..., he said')
        return ctx.last_speaker if subj.lower_ in PERSON_PRONOUNS else None
    start = subj.left_edge.idx
    end = subj.idx + len(subj.text)
    ent_id = ctx.entity_at(subj.idx, end) or ctx.entity_at(start, end)
    if ent_id:
        return ent_id
    words = [t for t in subj.subtree if t.i <= subj.i and t.dep_ != "det" and not t.is_punct]
    return " ".join(t.text for t in words) or None
