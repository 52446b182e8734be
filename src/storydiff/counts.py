"""Counts: every number of a sentence that counts something, what it counts and what
happened to it, and the people a text counts without a numeral.

numbers.py reads the figures as written; the parse says what each counts (its noun), what
happened to it (its governing verb and the casualty words around it, from casualties.py)
and which numbers count nothing (ages, addresses, sizes of bodies, reference values).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .casualties import (
    CASUALTY_CLASSES,
    IMPLICIT_ONE,
    MULTIPLE_EVENTS,
    MULTIPLES,
    NAMED_EVENT_FLOOR,
    NOT_PARTICIPANTS,
    ROLE_LEMMA,
    WOUND_WORDS,
    about_a_case,
    attackers,
    casualty_role,
    contrasted,
    harmed,
    hypothetical,
    is_participant,
    one_person,
    own_casualty,
)
from .uncounted import STREET_WORDS, not_a_count
from .claim_context import PLACE_LABELS, DocContext, is_negated, make_claim
from .model import Claim, QuantityValue
from .nlp import doc_text, parse_memo
from .numbers import combine as combine_numbers
from .numbers import measured_noun, unit_code
from .quantities import Amount, parse_amount

QUANTITY_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
VAGUE_HEADS = {"dozens", "scores", "hundreds", "thousands", "millions", "handful", "tens"}
MEASURE_UNITS = {
    "km", "kilometre", "kilometer", "kilometres", "kilometers", "mile", "miles", "metre", "meter",
    "metres", "meters", "hectare", "hectares", "acre", "acres", "kg", "kilogram", "kilograms",
    "tonne", "tonnes", "ton", "tons", "litre", "litres", "liter", "liters", "barrel", "barrels",
    "square", "cm", "mm", "m", "ft", "feet", "foot", "pound", "pounds", "lb", "lbs",
}
MAX_HEAD_WALK = 6
"""How far up the tree a number's governing verb is looked for: far enough for
'21 members of the group were injured', short enough not to reach the sentence's
reporting verb through unrelated clauses."""
NAMING_LEMMAS = {"call", "name", "dub", "know"}
REFERENCE_PREPS = {"from", "than", "since"}
"""A number under one of these is the value something is compared with or changed from
('fell to 5.8% from 6.1%', 'more than last year's 40'): a reference, not the current value."""


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


SCALE_WORDS = {"hundred", "thousand", "million", "billion", "trillion", "dozen", "dozens", "hundreds", "thousands",
               "millions", "billions"}


BRAND_WORDS = {"News", "NEWS", "Action", "Eyewitness", "TV", "Live", "Alive", "Now"}
"""Capitalised words that make a number before them a broadcaster's brand ('our 14 News app')."""


def _is_name_part(span: Span) -> bool:
    """'Camp 7', 'Flight 370', 'COVID-19': a number glued to a proper name is part of it."""
    first = span[0]
    prev = first.nbor(-1) if first.i > 0 else None
    if prev is not None and prev.pos_ == "PROPN" and prev.is_title and not prev.is_sent_start and prev.whitespace_:
        return bool(re.fullmatch(r"\d{1,3}", span.text))
    if prev is not None and prev.text in ("-", "#", "No.", "no."):
        return True
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.text in BRAND_WORDS:
        return True  # '14 News', 'Channel 4 Action News': a broadcaster's name
    # '24-Hour News 8', '7-Eleven Stores': a number glued to a capitalised name, which the
    # recogniser took in whole
    return bool(re.search(r"\d-[A-Z][a-z]", span.text)) and any(
        t.pos_ == "PROPN" and t.is_title and t.lower_ not in SCALE_WORDS for t in span)


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
    # else what the figure measures: 'a loss of EUR50m', 'orders fell 8.2 percent'
    return cand if cand is not None else measured_noun(span, None)


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
    if casualty_role(verb) == "shot" and terms[0] in CASUALTY_CLASSES["injured"]:
        terms = [ROLE_LEMMA["shot"]]  # 'found four victims wounded': shot, as police found them
    # 'found shot to death', 'fatally shot', 'pronounced dead', 'shot and killed': the
    # casualty the verb's complements state is what happened
    complements = [c for c in verb.children if c.dep_ in ("xcomp", "oprd", "acomp", "ccomp")]
    # a verb joined to this one shares its subject only when it has none of its own: 'were
    # shot and killed', but not 'located four victims, and two of them died'
    # ('wounded 16 people and killed one': each verb has its own object, and its own count)
    # ('survived the attack but ... died': a contrast joins verbs of different people)
    complements += [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" and not contrasted(c)
                    and not any(g.dep_ in ("nsubj", "nsubjpass", "dobj") for g in c.children)]
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



SCALE_SUFFIXES = {"m", "mn", "bn", "b", "k", "million", "billion"}


def _take_scale_suffix(doc: Doc, span: Span) -> Span:
    """'75M': a scale letter the tokenizer split from its number, and the recogniser left out."""
    end = span.end
    if end < len(doc) and not doc[end - 1].whitespace_ and doc[end].lower_ in SCALE_SUFFIXES:
        return doc[span.start : end + 1]
    return span


def _is_reference(tok: Token, verb: Token | None = None) -> bool:
    """Whether the number sits under 'from', 'than' or 'since' on its way to its verb."""
    steps = 0
    while tok.head.i != tok.i and steps < MAX_HEAD_WALK and tok is not verb:
        if tok.dep_ == "pobj" and tok.head.lower_ in REFERENCE_PREPS:
            return True
        if tok.dep_ == "pobj" and tok.head.lower_ in ("to", "with") and tok.head.head.lower_ == "compared":
            return True
        if tok.dep_ == "conj" and not (tok.head.like_num or tok.head.ent_type_ in ("MONEY", "PERCENT", "CARDINAL")):
            # 'move $200 million from the agency and another $600 million from the fund': the
            # parser hangs the second sum on the agency's name, and so under its 'from'
            return False
        tok, steps = tok.head, steps + 1
    return False


PARTITIVE_QUANTIFIERS = {"some", "all", "many", "most", "several", "few", "none", "each", "both", "one"}
"""Words that pick a part from a group ('some of the 40 guests'), as a number does."""


def _partitive_group(span: Span) -> bool:
    """'One of the two kids', 'two of the five men': the number after 'of the' sizes the
    group that a part is picked from; what happened is said of the part."""
    doc = span.doc
    i = span.start
    if i >= 1 and doc[i - 1].lower_ in ("roughly", "about", "nearly", "some", "approximately", "around", "almost"):
        i -= 1  # 'some of the roughly 40 people who gathered'
    return i >= 3 and doc[i - 1].lower_ in ("the", "these", "those") and doc[i - 2].lower_ == "of" \
        and (doc[i - 3].like_num or doc[i - 3].lower_ in PARTITIVE_QUANTIFIERS)


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


def implicit_counts(ctx: DocContext, sent: Span) -> tuple[list[Claim], list[Claim]]:
    """Casualties a text counts without a numeral: 'a man was killed', 'Jane Roe died',
    'he later died', 'wounded her brother and daughter', 'the fatal shooting of a teen'.
    Each named or singular person harmed is one, read as 'at least one' (another sentence
    may name others, or count the same person again); a conjunction of people under one
    verb adds up (compare.py sums parts of one predicate). Returned apart: the people
    who killed themselves ('the gunman then killed himself'; see _add_self_killed)."""
    out: tuple[list[Claim], list[Claim]] = ([], [])
    for verb, role, patients, reflexive in harmed(sent, ctx.headline):
        people = [t for p in patients for t in (p, *p.conjuncts) if one_person(t, ctx.headline)]
        if is_negated(verb, None) or not people:
            continue
        for person in people:
            start = person.left_edge.idx if person.pos_ not in ("PROPN", "PRON") else person.idx
            end = person.idx + len(person.text)
            head = "person" if person.pos_ in ("PROPN", "PRON") or person.lower_ == "old" else person.lemma_.lower()
            value = QuantityValue(
                amount=1, low=1, qualifier=IMPLICIT_ONE, counted=person.lemma_.lower() if head != "person" else "person",
                counted_head=head, predicate=verb.text.lower(), predicate_terms=_implicit_terms(verb, role),
                predicate_start=verb.idx,
            )
            out[reflexive].append(make_claim(ctx, sent, "quantity", start, end, value, verb))
    return out


def _implicit_terms(verb: Token, role: str) -> list[str]:
    """The predicate terms of an implicit count: the harming word and its role's lemma. A
    wound noun ('a man with a gunshot wound') stands for its role alone: its own lemma
    would read as an injury, and whether the man lived the wound does not say."""
    if verb.pos_ == "NOUN" and verb.lemma_.lower() in WOUND_WORDS:
        return [ROLE_LEMMA[role]]
    return list(dict.fromkeys([verb.lemma_.lower(), ROLE_LEMMA[role]]))


def add_self_killed(self_killed: list[Claim], found: list[Claim]) -> list[Claim]:
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


_MULTIPLE_CUE = re.compile(r"\b(?:" + "|".join(MULTIPLES) + r"|murder|fatal|deadly)\b", re.I)

ONE_EVENT_DETS = {"a", "an", "the", "this", "that", "friday", "saturday", "sunday", "monday", "tuesday",
                  "wednesday", "thursday", "weekend", "night", "morning"}
"""What may stand before 'fatal shooting' when it names the story's one event ('a fatal
shooting', 'Sunday's deadly shooting'); an ordinal or a number ('the third fatal shooting
this month') counts events, not people."""


def _one_fatal_shooting(tok: Token) -> bool:
    """'Police are investigating a deadly shooting': one shooting that killed at least one,
    whose victim no 'of' phrase names (that one is read by implicit_counts)."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is None or nxt.lower_ != "shooting" or tok.i == 0:
        return False
    before = tok.doc[tok.i - 1]
    if before.lower_ not in ONE_EVENT_DETS and before.tag_ != "POS":
        return False
    return not any(c.dep_ == "prep" and c.lower_ == "of" for c in nxt.children)


def multiple_counts(ctx: DocContext, sent: Span) -> list[Claim]:
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
            if tok.i + 3 < len(tok.doc) and tok.doc[tok.i + 2].text == "-" and tok.doc[tok.i + 3].lower_ == "suicide":
                # 'a double murder-suicide': two killed and the killer, at least (whether the
                # outlet counts the killer among the dead is its choice)
                amount, low, role, end_tok, qualifier = MULTIPLES[word] + 1, MULTIPLES[word], "killed", \
                    tok.doc[tok.i + 3], NAMED_EVENT_FLOOR
        elif (word == "murder" and tok.i + 2 < len(tok.doc) and nxt.text == "-" and tok.doc[tok.i + 2].lower_ == "suicide"
              and not (tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("attempted", "attempt", *MULTIPLES))):
            # the victim, or more, and the killer: a floor that confirms no other figure
            amount, low, role, end_tok, qualifier = 2, 2, "killed", tok.doc[tok.i + 2], NAMED_EVENT_FLOOR
        elif word in ("fatal", "deadly") and _one_fatal_shooting(tok):
            amount, low, role, end_tok, qualifier = 1, 1, "killed", nxt, NAMED_EVENT_FLOOR
        else:
            continue
        value = QuantityValue(
            amount=amount, low=low, qualifier=qualifier, counted="people", counted_head="person",
            predicate=end_tok.lower_, predicate_terms=[end_tok.lemma_.lower(), ROLE_LEMMA[role]],
            predicate_start=end_tok.idx,
        )
        out.append(make_claim(ctx, sent, "quantity", tok.idx, end_tok.idx + len(end_tok.text), value, end_tok))
    return out


# --- numbers as written: numbers.py reads them, the parse's spans fill in ---------------

CASUALTY_WORDS = set().union(*CASUALTY_CLASSES.values()) | set(ROLE_LEMMA.values())
"""The lemmas that give a count a casualty role: a figure with a unit never takes one."""


def _number_mentions(ctx: DocContext, sent: Span) -> list[tuple[Span, Amount]]:
    """The number expressions of a sentence with their values: the parse's spans
    (recogniser, vague amounts) joined with numbers.py's readings of the text. They depend
    on the parse alone (``ctx.ents_in`` reads its entities), so each parse reads them once."""
    return parse_memo(sent.doc, ("numbers", sent.start, sent.end), lambda: _read_number_mentions(ctx, sent))


def _read_number_mentions(ctx: DocContext, sent: Span) -> list[tuple[Span, Amount]]:
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


CONDITION_ADVERBS = {"critically", "seriously", "severely", "gravely", "badly", "slightly", "superficially"}
"""How badly some of a count were hurt ('four wounded, two seriously'): the adverb's own
count is a part of the count before it, not more people."""


def quantity_claims(ctx: DocContext, sent: Span) -> list[Claim]:
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
        out.append(make_claim(ctx, sent, "quantity", start, end, value, noun))
    for span, amount in _number_mentions(ctx, sent):
        root = span.root
        if not_a_count(span):
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
        own = own_casualty(counted_tok)
        verb = own or _governing_verb(counted_tok)
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
        if headless and unit is None and (is_participant(root, verb, terms) or own is not None):
            head = "person"  # 'three were killed', 'killed two', 'five wounded': the bare number counts people
        if headless and unit is None and root.dep_ in ("appos", "npadvmod") and \
                any(c.lower_ in CONDITION_ADVERBS for c in root.children):
            continue  # 'three were wounded, one critically': a part of the three, told by its condition
        if headless and unit is None and root.dep_ == "appos" and verb is not None and \
                any(c.lower_ in ("fatally", "mortally") for c in root.children):
            head = "person"  # 'shot six people, one fatally': one of them killed
            terms = list(dict.fromkeys(terms + [ROLE_LEMMA["killed"]]))
        if head in NOT_PARTICIPANTS or verb is not None and about_a_case(verb):
            terms = terms[:1]  # 'four counts of murder', 'face charges in the death of': no casualty
        if verb is not None and hypothetical(verb) or _partitive_group(span) or \
                verb is not None and attackers(noun if noun is not None else root, verb):
            # 'could have killed dozens'; 'one of the two kids was dead'; 'two gunmen killed
            # three': the group, or those who did the harm, not those harmed
            terms = [term for term in terms if term not in CASUALTY_WORDS]
        if unit is not None:
            # a measure ('died 15 minutes later', '$50,000 bail') is no count of the people harmed
            terms = [term for term in terms if term not in CASUALTY_WORDS]
            if unit in ("year", "month", "week", "day") and (
                    re.match(r"[\s-]+olds?\b", doc_text(doc)[end_char:end_char + 6]) or text.endswith("-old")):
                counted = head = "age"  # '57 years old', '13-month-old': an age, as '57-year-old' is
        value = QuantityValue(
            amount=amount.amount, low=low, high=high, qualifier=amount.qualifier,
            unit=unit, counted=counted, counted_head=head,
            predicate=verb.text.lower() if verb is not None else None,
            predicate_terms=terms,
            predicate_start=verb.idx if verb is not None else None,
            sides=list(amount.sides), reference=reference,
        )
        out.append(make_claim(ctx, sent, "quantity", span.start_char, end_char, value, verb or root,
                              negated=is_negated(verb, noun)))
    return out
