"""A named person's age: "Jane Roe, 32,", "32-year-old Jane Roe", "Jane Roe (32)".

News gives the age of nearly everyone it names, and outlets differ on it (a victim
who is 19 in one report and 18 in another, read from different records). In gvc-dev,
of the people two articles on one shooting name with an age, about one in fifteen is
given two different ages. Counts must not read an age as a number of anyone
(uncounted.py); here it is what it is, a fact about one person, compared across the
documents of a story like any other.

Two parts, one per concept:

* reading: ``age_claims`` finds the ages a sentence gives to the people the story's
  entities name there, written right beside a full name (first and last name): an
  age further away ("the victim, who was 32") could be anyone's.
* comparing: ``compare_ages`` sets each person's ages side by side across documents.

Precision first: a person counts as the same in two documents only when the entity is
one and the names written beside the ages agree on the first and the last word
('Jane A. Roe' and 'Jane Roe'; not 'Jane Roe' and 'John Roe', whom a surname may have
joined); a document that gives one person two ages is left out (it is unsure itself).
A higher age given by a later report is compatible when enough time lies between the
reports for the birthdays (more than ``Settings.age_birthday_days`` for one, a year
more for each further one): an arrest and a trial months apart. Otherwise two ages of
one person conflict.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict

from spacy.tokens import Span

from .claim_context import DocContext, make_claim
from .dates import parse_published
from .facts import name_of
from .model import Claim, Comparison, QuantityValue, StatedValue
from .settings import Settings

MAX_AGE = 110

_AFTER_NAME = re.compile(r",\s*(\d{1,3})(?=\s*[,;.)\u2013\u2014]|\s+(?:of|and|from|who|was|is)\b|\s*$)|\s*\((\d{1,3})\)")
"""'Jane Roe, 32, of Tarrow', 'Jane Roe, 32 and ...', 'Jane Roe (32)': not 'Jane Roe, 23 points'."""
_BEFORE_NAME = re.compile(r"\b(\d{1,3})-year-old\s+$")


def age_claims(ctx: DocContext, sent: Span) -> list[Claim]:
    """The ages a sentence gives, right beside the full name of a person the story knows."""
    text = ctx.doc.text
    out = []
    # the mentions are sorted by start: only those inside the sentence are read
    first = bisect_left(ctx.mentions, (sent.start_char,))
    for start, end, entity in ctx.mentions[first:bisect_left(ctx.mentions, (sent.end_char,))]:
        if end > sent.end_char or entity not in ctx.people:
            continue
        name = text[start:end]
        if len(name.split()) < 2:
            continue  # a surname alone may be a relative's
        after = _AFTER_NAME.match(text, end, min(sent.end_char, end + 16))
        before = _BEFORE_NAME.search(text, max(sent.start_char, start - 16), start)
        for m in (after, before):
            if m is None:
                continue
            group = 1 if m.group(1) is not None else 2
            age = int(m.group(group))
            if not 0 < age <= MAX_AGE:
                continue
            if m is after:
                span_start, span_end = m.start(group), m.end(group)
            else:  # '32-year-old'
                span_start, span_end = m.start(), m.start() + len(m.group().rstrip())
            value = QuantityValue(amount=age, unit="year", counted="age", counted_head="age", predicate=name,
                                  of_entity=entity)
            anchor = sent.doc.char_span(start, end, alignment_mode="expand")
            out.append(make_claim(ctx, sent, "quantity", span_start, span_end, value, anchor.root if anchor else None))
    return out


def without_unnamed_copies(found: list[Claim]) -> list[Claim]:
    """The sentence's claims less the plain '32-year-old' claims an age claim restates with its person."""
    named = {(c.start, c.end) for c in found if isinstance(c.value, QuantityValue) and c.value.of_entity}
    return [c for c in found if not (isinstance(c.value, QuantityValue) and c.value.counted == "age"
                                     and not c.value.of_entity and (c.start, c.end) in named)]


# --- comparing -------------------------------------------------------------------------


def _name_key(name: str) -> tuple[str, str]:
    words = re.sub(r"[^\w\s'-]", "", name.lower()).split()
    return words[0], words[-1]


def compare_ages(claims: list[Claim], canonical: set[str], names: dict[str, str],
                 published: dict[str, str | None], settings: Settings) -> list[Comparison]:
    """One comparison per person whose age two or more canonical documents give (ids are set by the caller)."""
    by_person: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for c in claims:
        v = c.value
        if c.doc in canonical and isinstance(v, QuantityValue) and v.of_entity and v.counted == "age" and not c.negated:
            by_person[v.of_entity][c.doc].append(c)
    out = []
    for entity, by_doc in by_person.items():
        stated = {doc: cs for doc, cs in by_doc.items() if len({c.value.amount for c in cs}) == 1}
        if len(stated) < 2 or len({_name_key(cs[0].value.predicate or "") for cs in stated.values()}) > 1:
            continue
        out.append(_compare_person(entity, stated, names, published, settings.age_birthday_days))
    return out


def _birthdays_between(younger_on: str | None, older_on: str | None, years: int, birthday_days: int) -> bool:
    """Whether a person given an age ``years`` lower in one report than in another may have
    had that many birthdays between them: the older age comes later, by more than
    ``birthday_days`` and by at least ``years - 1`` whole years."""
    first, then = parse_published(younger_on), parse_published(older_on)
    if first is None or then is None:
        return False
    days = (then - first).days
    return days > birthday_days and days >= (years - 1) * 365


def _compare_person(entity: str, stated: dict[str, list[Claim]], names: dict[str, str],
                    published: dict[str, str | None], birthday_days: int) -> Comparison:
    ages = {doc: int(cs[0].value.amount) for doc, cs in stated.items()}
    who = names.get(entity) or next(iter(stated.values()))[0].value.predicate
    impossible = [(a, b) for a in ages for b in ages if ages[a] < ages[b]
                  and not _birthdays_between(published.get(a), published.get(b), ages[b] - ages[a], birthday_days)]
    if len(set(ages.values())) == 1:
        status, why = "agree", "every document gives the same age"
    elif not impossible:
        status, why = "compatible", ("the older age is given later, with time enough between the reports for "
                                     "the birthdays: both can be right")
    else:
        status = "conflict"
        young, old = impossible[0]
        why = (f"{ages[young]} ({young}) vs {ages[old]} ({old}): the documents give {who} different ages, too far "
               f"apart for the time between the reports. {young}: \u201c{stated[young][0].sentence.strip()}\u201d "
               f"{old}: \u201c{stated[old][0].sentence.strip()}\u201d")
    by_document = {}
    for doc, cs in stated.items():
        speakers = [c.attributed_to for c in cs if c.attributed_to]
        by_document[doc] = StatedValue(value=str(ages[doc]), attributed_to=name_of(speakers[0], names) if speakers else None,
                                       claims=[c.id for c in cs])
    disputed = sorted({v.attributed_to for v in by_document.values() if v.attributed_to}) if status == "conflict" else []
    return Comparison(id="K0", topic=f"{who}: age", status=status, claims=[c.id for cs in stated.values() for c in cs],
                      by_document=by_document, disputed_between=disputed if len(disputed) >= 2 else [],
                      explanation=why, event=None, role="age", participants=who)


