"""Facts aligned across documents and compared, per (event, role).

A fact is a question two outlets can answer differently: how many people were killed,
how many officers were injured, when the order was signed. Each quantity or date claim
is a statement of one document (facts.py builds them), with

* its **role**: what happened to what is counted ('killed', 'injured', 'arrested': a class
  of predicates news uses interchangeably), or the governing verb when no class fits; for
  dates, the event word the date is the date of;
* its **participants**: the counted noun ('officers', 'residents'); the many words for
  unnamed people ('man', 'victim', 'people') are one participant, 'people';
* its **range**: what the words allow ('at least 2' is 2 and up, 'about 1,000' is 900 to
  1,100, a bare weekday is that weekday of an uncertain week).

Which statements answer one question is alignment.py's part; this module judges each
question's values.

Precision first: a question whose values cannot all be true is a **conflict** only when
the statements that disagree are surely one fact (see _confident): the same role class
and participants, no part set against its whole, no vague word, each its document's
largest count for the role, both in a title or lead (or given by two authorities), a
close context; for dates, both stated in full with a shared actor. A running count told
again later is **updated**. A disagreement that is still plausibly one fact is
**differs**, shown apart and never counted as a conflict; looser ones are not shown.
The rules come from audits of real multi-outlet news (benchmarks/audits/). Event slots
(who ordered a raid, a cause of death) are compared by slots.py.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict

from .ages import compare_ages
from .alignment import align, overlap, similarity
from .casualties import NOT_PARTICIPANTS
from .dates import NO_YEAR, is_partial, parse_published
from .embed import Encoder
from .facts import (
    CASUALTY_ROLES,
    LIGHT_VERBS,
    PART_WORDS,
    PARTS_OF_A_GROUP,
    PEOPLE,
    PEOPLE_NOUNS,
    RUNNING_ROLES,
    TOTAL_PEOPLE,
    UNCONFIRMED_ROLES,
    Unit,
    actor_index,
    dates_by_sentence,
    lead_ends,
    mark_tops,
    name_of,
    role_of,
    roles_of,
    statement_units,
    stem,
)
from .model import Claim, Comparison, Document, Entity, StatedValue
from .quantities import format_amount
from .units import MONEY_UNITS, TIME_UNITS
from .settings import Settings
from .slots import compare_slots

VAGUE_WORDS = {"several", "a few", "a handful", "dozens", "scores", "hundreds", "thousands", "millions",
               "tens of thousands", "hundreds of thousands"}
"""A vague amount against a figure differs ('several shots' and 'twelve shots'), but how far
the writer's 'several' reaches is a reading: never a confirmed conflict."""

_ROUNDUP_RE = re.compile(
    r"\b(?:shootings|stabbings|attacks|incidents|crashes|separate|unrelated|citywide|across the city)\b", re.I)
"""Words that make a sentence a roundup of several events: its counts are totals over them."""


def _confident(a: Unit, b: Unit, settings: Settings) -> bool:
    """Whether two statements are surely one fact, so that a disagreement between them
    is a conflict: the same role, the same participants and a close context; for dates,
    a shared actor of the event too. Sums of parts never are: which parts make the total
    is a reading, not a statement."""
    if a.composite or b.composite:
        return False
    if _ROUNDUP_RE.search(a.claims[0].sentence) or _ROUNDUP_RE.search(b.claims[0].sentence):
        return False  # '2 dead, 7 hurt after shootings': a total over several events
    if any(PARTS_OF_A_GROUP.search(u.claims[0].sentence) for u in (a, b)):
        return False  # 'five of the officers died': a part of a group named elsewhere, maybe in another event
    if a.kind == "tally":
        # one vote each, in like words: a story that tells of two votes (a procedural one
        # and the final one, the House's and the Senate's) leaves which is which unsure
        return a.top and b.top and similarity(a, b) >= settings.conflict_similarity
    if a.kind == "date":
        # a relative date ('Wednesday', 'Sept. 11', 'today') is placed by the publication
        # date, a guess: only dates the text states in full confirm a disagreement
        absolute = all(u.claims[0].value.resolved_from == "absolute" for u in (a, b))
        return absolute and bool(a.actors & b.actors) and similarity(a, b) >= settings.conflict_date_similarity
    # what is counted and what happened to it must be stated, by one side at least (a
    # headless 'over 1,000 remain' joined the one question it fits)
    if not (a.terms or b.terms) or not (a.heads or b.heads) or (a.heads and b.heads and a.heads != b.heads):
        return False
    if _vague(a, settings) or _vague(b, settings) or not _same_participants(a, b):
        return False
    # a role class on both sides that share it: with any other verb ('two people were
    # left in critical condition', 'four people were found') a count is one detail among
    # many, and on real news two such counts were mostly different details
    if not (a.lead and b.lead) and not _disputed(a, b):
        return False
    if not (a.top and b.top):
        return False  # a part of what its own document counts in all
    roles = [roles_of(u.terms) for u in (a, b) if u.terms]  # a verbless count takes the other's
    shared = set.intersection(*roles)
    counted = {c.value.counted_head for u in (a, b) for c in u.claims if c.value.counted_head}
    if shared & CASUALTY_ROLES and not counted <= PEOPLE_NOUNS:
        return False  # '20 rounds', 'several vehicles': not the people harmed
    if not shared - UNCONFIRMED_ROLES or a.heads & NOT_PARTICIPANTS:
        # ('three counts of murder' for one defendant, 'two counts' for another)
        return False
    return similarity(a, b) >= settings.conflict_similarity


def _disputed(a: Unit, b: Unit) -> bool:
    """Figures given on different authorities ('police said 21', 'the group said more than
    100'), each its document's only answer to the question: a dispute stated as such,
    wherever in the article it stands."""
    sources = [(u.attributed_to or "").split()[-1:] for u in (a, b)]  # 'Mike Edmonson' is 'Michael Edmonson'
    return any(sources) and sources[0] != sources[1] and a.alone and b.alone


def _vague(u: Unit, settings: Settings) -> bool:
    """Whether a statement's amount is a vague word ('several', 'dozens', 'a few hundred')
    or a wide range (Settings.estimate_range_ratio)."""
    for c in u.claims:
        q = (c.value.qualifier or "").lower()
        if q in VAGUE_WORDS or re.fullmatch(r"(several|a few|a couple of|some) (hundred|thousand|million|billion)", q):
            return True
        low, high = c.value.low, c.value.high
        if q in ("between", "") and low and high and high != math.inf and high >= settings.estimate_range_ratio * low:
            return True  # a range as written: the bounds of 'more than 100' are a reading, not an estimate
    return False


def _same_participants(a: Unit, b: Unit) -> bool:
    """Whether two counts that disagree count the same things. They do when the counted
    words are the same ('police officers' twice), when both count everyone harmed
    ('people', 'victims'), or when one is headless ('over 100 were injured': it joined the
    one question it fits). When one is a narrower kind of the other ('camp residents',
    'residents'), it is a part: the two disagree only if the part is the larger."""
    if _counts_others(a) or _counts_others(b):
        return False
    if not a.heads or not b.heads:
        return True
    counted = [{c.value.counted_head for c in u.claims} for u in (a, b)]
    if counted[0] <= TOTAL_PEOPLE and counted[1] <= TOTAL_PEOPLE:
        return True
    if counted[0] & (PEOPLE - TOTAL_PEOPLE) or counted[1] & (PEOPLE - TOTAL_PEOPLE):
        return False  # 'two women' is part of the people harmed
    words = [set(re.sub(r"s\b", "", u.text.lower()).split()) for u in (a, b)]
    if words[0] == words[1]:
        return True
    # b counts a narrower kind of a's things (or a of b's): a dispute only if the part is
    # the larger, and only between two authorities (see _confident)
    if words[0] < words[1]:
        return b.low > a.high and _disputed(a, b)
    if words[1] < words[0]:
        return a.low > b.high and _disputed(a, b)
    return False


def compare_claims(
    claims: list[Claim], docs: list[Document], entities: list[Entity], encoder: Encoder,
    settings: Settings | None = None,
) -> list[Comparison]:
    """Comparisons (K1, K2, ...) between canonical documents, and single-source claims."""
    settings = settings or Settings()
    canonical = {d.id for d in docs if d.duplicate_of is None}
    published = {d.id: d.published for d in docs}
    names = {e.id: e.name for e in entities}
    units = statement_units([c for c in claims if c.doc in canonical and c.kind in ("quantity", "date")], published,
                   actor_index(entities), lead_ends(docs))
    # who or what answers a question about one event (slots), and a named person's age
    others = compare_slots(claims, canonical, names) + compare_ages(claims, canonical, names, published, settings)
    if not units:
        return [k.model_copy(update={"id": f"K{i + 1}"}) for i, k in enumerate(others)]
    people = {e.id for e in entities if e.type == "PERSON"}
    sentence_dates = dates_by_sentence([c for c in claims if c.doc in canonical], published)
    for u in units:
        u.persons = u.actors & people
        if u.kind == "date":
            c = u.claims[0]
            u.sentence_dates = [v for v in sentence_dates[(c.doc, c.in_title, c.sentence_start)] if v.claims[0] is not c]
    mark_tops(units)

    groups = align(units, encoder, settings)

    comparisons: list[Comparison] = []
    used: set[int] = set()
    for group in groups:
        # a part picked from a group ('two of the victims were shot in the leg') answers a
        # narrower question than the count it was linked with: it is no side of the comparison
        group = [i for i in group if not (units[i].kind == "quantity" and _picked_from_group(units[i]))]
        docs_in = {units[i].doc for i in group}
        if len(docs_in) < 2:
            continue
        used.update(group)
        comparison = _compare_group([units[i] for i in group], names, settings)
        if comparison is None:
            # a loose difference from a part or a detail ('two victims were taken to hospital')
            # hides nothing else: the documents' own totals are still compared
            tops = [units[i] for i in group if units[i].top]
            if len(tops) < len(group) and len({u.doc for u in tops}) >= 2:
                comparison = _compare_group(tops, names, settings)
        if comparison is not None:
            comparisons.append(comparison)
    # single-source: a quantity or date only one canonical document states
    cluster_claims = {id(c) for i in used for c in units[i].claims}
    # parts that add up are shown as their sum ('two juveniles and eight adults': ten),
    # not part by part, unless a part is already compared
    for i, u in enumerate(units):
        if u.composite and i not in used and not any(id(c) in cluster_claims for c in u.claims):
            cluster_claims.update(id(c) for c in u.claims)
            used.add(i)
            comparisons.append(Comparison(
                id="K0", topic=_topic([u]), status="single-source", claims=[c.id for c in u.claims],
                by_document={u.doc: StatedValue(value=_stated(u), attributed_to=name_of(u.attributed_to, names),
                                                claims=[c.id for c in u.claims])},
                explanation="only one document states this (parts it adds up)", **_fact([u]),
            ))
    for i, u in enumerate(units):
        if i in used or u.composite or id(u.claims[0]) in cluster_claims:
            continue
        c = u.claims[0]
        if u.kind == "quantity" and not (u.heads and c.value.predicate):
            continue  # too little context to be a readable finding
        comparisons.append(Comparison(
            id="K0", topic=_topic([u]), status="single-source", claims=[c.id],
            by_document={u.doc: StatedValue(value=c.text, attributed_to=name_of(c.attributed_to, names), claims=[c.id])},
            explanation="only one document states this", **_fact([u]),
        ))
    comparisons.extend(others)
    return [k.model_copy(update={"id": f"K{i + 1}"}) for i, k in enumerate(comparisons)]


def _stated(u: Unit) -> str:
    if u.composite:
        total = ""
        if isinstance(u.low, float) and u.high != math.inf:
            total = (f"{format_amount(u.low)} to {format_amount(u.high)}" if u.high - u.low >= 1
                     else f"about {format_amount((u.low + u.high) / 2)}")
        return " + ".join(c.text + (" " + c.value.counted if c.value.counted and c.value.counted.lower()
                                    not in c.text.lower() else "") for c in u.claims) + (
            f" ({total} in all)" if total else ""
        )
    c = u.claims[0]
    if u.kind == "quantity" and c.value.counted and c.value.counted.lower() not in c.text.lower():
        return f"{c.text} {c.value.counted}"
    return c.text


def _representative(group: list[Unit]) -> Unit:
    """The statement that names a group's question best: a single claim, with a verb, wordiest."""
    return max(group, key=lambda x: (not x.composite, not _counts_others(x), bool(x.terms), len(x.text)))


def _counts_others(u: Unit) -> bool:
    """'six others', 'three other victims': people beside those counted elsewhere."""
    return bool(PART_WORDS & set(u.text.lower().split())) or any(
        getattr(c.value, "counted_head", None) == "other" for c in u.claims)


def _fact(group: list[Unit]) -> dict[str, str | None]:
    """The (event, role) a group of statements answers, for the contract's fields."""
    u = _representative(group)
    if u.kind == "date":
        return {"event": u.terms[0] if u.terms else None, "role": "date", "participants": None}
    if u.kind == "tally":
        return {"event": u.terms[0] if u.terms else None, "role": next(iter(u.heads)), "participants": None}
    heads = sorted({h for x in group for h in x.heads})
    return {"event": u.terms[0] if u.terms else None, "role": role_of(u), "participants": heads[0] if len(heads) == 1 else None}


def _topic(group: list[Unit]) -> str:
    u = _representative(group)
    c = u.claims[0]
    if u.kind == "tally":
        return f"{c.value.predicate}: {next(iter(u.heads))} tally" if c.value.predicate else f"{next(iter(u.heads))} tally"
    if u.kind == "quantity":
        v = c.value
        # a sum of parts names what it adds up ('men and girl'): a part's own noun ('two
        # men') would name the question after one of its parts
        total = next((x for x in group if x.composite), None)
        counted = total.text if total is not None else v.counted
        role = sorted(roles_of(u.terms))
        return " ".join(x for x in (counted or _measured(v.unit), role[0] if role else v.predicate) if x)
    return f"{c.value.event}: date" if c.value.event else "date"


def _measured(unit: str | None) -> str:
    """What a figure with nothing counted measures, for its topic: 'amount offered' reads
    better than 'number offered' for '$3.2 billion'."""
    if unit in MONEY_UNITS:
        return "amount"
    if unit == "%":
        return "share"
    if unit in TIME_UNITS:
        return "duration"
    return "number" if unit is None else "measure"


def _published(u: Unit) -> dt.date | None:
    return parse_published(u.published)


def _update_direction(group: list[Unit], conflicts: list[tuple[Unit, Unit]], settings: Settings) -> str | None:
    """A running count told again later: every disagreeing pair is surely one fact (see
    _confident) and between two publication dates, and the figures move one way over
    time: 'up' (a toll that rose) or 'down' (one a later article revised); else None."""
    if group[0].kind != "quantity" or not (roles_of(group[0].terms) & RUNNING_ROLES):
        return None
    directions = set()
    for a, b in conflicts:
        if not _confident(a, b, settings):
            continue  # an unconfirmed pair neither makes nor breaks an update
        da, db = _published(a), _published(b)
        if da is None or db is None or da == db:
            return None
        early, late = (a, b) if da < db else (b, a)
        directions.add("up" if early.high <= late.low else "down")
    return directions.pop() if len(directions) == 1 else None


def _same_day_count(a: Unit, b: Unit) -> bool:
    """Two figures of a running count (a toll, arrests) published the same day and not set
    against each other by named authorities: breaking news revises such counts by the hour,
    and the day alone cannot say which report came later (gvc-dev: 'two dead' in the
    morning, 'three killed' by the evening, both dated that day)."""
    return (a.kind == "quantity" and bool(roles_of(a.terms) & roles_of(b.terms) & RUNNING_ROLES)
            and bool(a.published) and (a.published or "")[:10] == (b.published or "")[:10] and not _disputed(a, b))


def _other_date_fits(a: Unit, b: Unit) -> bool:
    """Whether the sentence of one of two differing dates states another date that fits
    the other ('issued a statement Friday disputing the report of Thursday' against
    'disputed the report on Friday'): which of a sentence's dates belongs to which verb is
    the parser's guess (one of the three dates the round-6 audit of BASIL found differing wrongly)."""
    def stands_for(v: Unit, u: Unit) -> bool:  # as fine a date as u, and fitting u's rival
        return _days_spanned(v) <= _days_spanned(u) and overlap(v, b if u is a else a)

    return any(stands_for(v, a) for v in a.sentence_dates) or any(stands_for(v, b) for v in b.sentence_dates)


def _days_spanned(u: Unit) -> int:
    """'2019' spans a year, 'March 2019' a month, 'Friday' a day: a year beside a day in a
    sentence is its context, not a rival reading of the day."""
    if is_partial(u.low):
        return 0  # a day and month, or a weekday, kept without its year or week: one day
    return (dt.date.fromisoformat(u.high) - dt.date.fromisoformat(u.low)).days


def _plausible(a: Unit, b: Unit) -> bool:
    """Whether an unconfirmed difference is still worth a reader's look ('differs'): counts
    of the same participants under one role, or dates both stated in full or both as day
    names; counts that are their documents' largest for the role, in a lead or disputed.
    Looser pairs ('52 members' and '41 votes', 'last year' and 'January', a detail deep in
    one article) are mostly different questions that share a word: they are not shown."""
    if a.kind == "tally":
        return True  # linked as a vote and a vote (or a score and a score): worth a look
    if a.kind == "date":
        absolute = all(u.claims[0].value.resolved_from == "absolute" for u in (a, b))
        # two days and months kept without a year (a story with no publication date): a
        # day name each, as weekdays are, so a difference is worth a look but, the year
        # unknown, never confirmed (see _confident)
        no_year = all(u.claims[0].value.resolved_from == NO_YEAR for u in (a, b))
        # a day to come and a day past are two occurrences (see alignment.overlap), not a difference
        return absolute or no_year or (a.weekday is not None and b.weekday is not None and a.ahead == b.ahead)
    if a.heads != b.heads and a.heads and b.heads:
        return False
    if not (a.top and b.top) or not (a.lead and b.lead or _disputed(a, b)):
        return False  # a part, or a detail further down: on real news mostly another question
    if _picked_from_group(a) or _picked_from_group(b):
        return False  # 'found three of the victims': a part of a group, whatever the group's size
    # outside the role classes a shared verb is a link only where both say what they count
    # ('three boys were playing', 'the two played': the two of them are not a rival count)
    return bool(roles_of(a.terms) & roles_of(b.terms)) or (
        bool(a.terms and b.terms) and stem(a.terms[0]) == stem(b.terms[0]) and a.terms[0] not in LIGHT_VERBS
        and all(u.heads or u.claims[0].value.unit for u in (a, b))
    )


def _picked_from_group(u: Unit) -> bool:
    """'three of the victims', 'two of them': a number that picks a part of a group."""
    c = u.claims[0]
    after = c.sentence[c.end - c.sentence_start:].lstrip().lower()
    return after.startswith(("of the ", "of those ", "of these ", "of them", "of his ", "of her ", "of their "))


def _compare_group(group: list[Unit], names: dict[str, str], settings: Settings) -> Comparison | None:
    by_doc: dict[str, list[Unit]] = defaultdict(list)
    for u in group:
        by_doc[u.doc].append(u)
    for u in group:
        u.alone = len(by_doc[u.doc]) == 1
    conflicts: list[tuple[Unit, Unit]] = []
    all_equal = True
    unsure = 0
    for a in group:
        for b in group:
            if a.doc >= b.doc:
                continue
            if not overlap(a, b):
                if _other_date_fits(a, b):
                    unsure += 1
                    continue
                conflicts.append((a, b))
            same_day_name = a.weekday is not None and a.weekday == b.weekday and overlap(a, b)
            if ((a.low, a.high) != (b.low, b.high) and not same_day_name) or a.composite or b.composite:
                all_equal = False
    by_document = {}
    for doc, us in by_doc.items():
        claim_ids = [c.id for u in us for c in u.claims]
        speakers = [u.attributed_to for u in us if u.attributed_to]
        by_document[doc] = StatedValue(
            value="; ".join(dict.fromkeys(_stated(u) for u in us)),
            attributed_to=name_of(speakers[0], names) if speakers else None,
            claims=list(dict.fromkeys(claim_ids)),
        )
    if unsure and not conflicts:
        return None  # the dates differ only as the parser attached them: nothing a reader can rely on
    fact = dict(id="K0", topic=_topic(group), claims=list(dict.fromkeys(c.id for u in group for c in u.claims)),
                by_document=by_document, **_fact(group))
    if conflicts:
        direction = _update_direction(group, conflicts, settings)
        if direction:
            # the chain shows the figures that changed, not the parts beside them ('two other
            # victims were treated at X'), which a reader would take for steps of the count
            changed = {id(u): u for pair in conflicts if _confident(*pair, settings) for u in pair}
            ordered = sorted(changed.values(), key=lambda u: (u.published or "", u.low))
            steps = ", then ".join(f"{_stated(u)} ({u.doc}, {u.published[:10]})" for u in ordered)
            how = "rose" if direction == "up" else "was revised down"
            return Comparison(status="updated", explanation=f"a running count that {how} over time: {steps}", **fact)
        confident = [(a, b) for a, b in conflicts if _confident(a, b, settings)]
        a, b = (confident or conflicts)[0]
        differ = {"date": "the stated dates do not overlap", "tally": "the tallies differ side for side"}.get(
            a.kind, "the stated ranges do not overlap")
        why = f"{_stated(a)} ({a.doc}) vs {_stated(b)} ({b.doc}): {differ}"
        why += f". {a.doc}: \u201c{a.claims[0].sentence.strip()}\u201d {b.doc}: \u201c{b.claims[0].sentence.strip()}\u201d"
        if not confident:
            if not any(_plausible(a, b) for a, b in conflicts):
                return None  # too loosely one question to show a difference at all
            return Comparison(status="differs", explanation=why + "; not confirmed as one fact "
                              "(other participants, a sum of parts, or a different context)", **fact)
        if all(_same_day_count(a, b) for a, b in confident):
            return Comparison(status="differs", explanation=why + "; told the same day by different outlets, on "
                              "no one's stated authority: a running count may have been updated between the reports",
                              **fact)
        # only named authorities dispute; an outlet's own voice is not a side
        sides = {name_of(u.attributed_to, names) for pair in confident for u in pair if u.attributed_to}
        disputed = sorted(sides) if len(sides) >= 2 else []
        if disputed:
            why += "; disputed between " + " and ".join(disputed)
        return Comparison(status="conflict", disputed_between=disputed, explanation=why, **fact)
    if all_equal:
        return Comparison(status="agree", explanation="the same value in every document", **fact)
    why = "the values fall within each other's stated bounds or rounding"
    if any(u.composite for u in group):
        why = "parts stated by one document add up to the total stated by another"
    elif group[0].kind == "date":
        why = "the dates overlap (one is stated at a coarser granularity, as a range, or as a weekday)"
    elif any(u.high == math.inf for u in group):
        why = "a lower bound ('at least', 'dozens', one named person) is met by the other figures"
    return Comparison(status="compatible", explanation=why, **fact)
