"""Which statements answer one question: the alignment half of comparing facts.

Candidates are blocked by role and participants, so work grows with the statements that
share a key, not with all pairs; within a block the sentence embeddings (with the value
masked, so that '15' and '21' do not decide) confirm the match. Questions are built by
union-find from the strongest links down, each document's own totals first, refusing
merges that would put two things one document distinguishes (officers and residents
injured) into one question. compare.py then judges each question's values.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from .dates import NO_YEAR, is_partial, partial_overlap
from .embed import Encoder
from .entities.names import surname
from .facts import CASUALTY_ROLES, Unit, masked, pred_keys, roles_of, stem
from .settings import Settings


def align(units: list[Unit], encoder: Encoder, settings: Settings) -> list[list[int]]:
    """The questions the units answer, as groups of unit indices in the order of their
    first statement; a unit no other links to is a group of its own."""
    _mark_listed(units)
    # blocking: a pair is scored only when it shares a key
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        keys = {f"{u.kind}:h:{h}" for h in u.heads} | {f"{u.kind}:{k}" for k in pred_keys(u.terms)}
        if u.kind == "date":
            keys |= {f"date:t:{stem(t)}" for t in u.terms}
        for k in keys:
            blocks[k].append(i)
    # Pairs that some similarity could link, in the order blocks first meet them. Most
    # units (a figure only one document gives) have none: their sentences are never
    # encoded, which is most of the encoder's work saved, with the same links.
    candidates: dict[tuple[int, int], None] = {}
    seen: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) > settings.comparison_max_block:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if (i, j) not in seen:
                    seen.add((i, j))
                    if _link(units[i], units[j], 1.0, settings) is not None:
                        candidates[(i, j)] = None
    headless = _headless_candidates(units)
    corroborating = _corroboration_candidates(units, settings)
    needed = sorted({i for pair in candidates for i in pair} | {i for pair in headless for i in pair}
                    | {i for pair in corroborating for i in pair})
    vecs = encoder.encode([masked(units[i].claims[0]) if not units[i].composite else units[i].claims[0].sentence
                           for i in needed])
    for i, v in zip(needed, vecs):
        units[i].vec = v
    pairs: dict[tuple[int, int], float] = {}
    for i, j in candidates:
        score = _link(units[i], units[j], similarity(units[i], units[j]), settings)
        if score is not None:
            pairs[(i, j)] = score

    # a total explained by a sum is not also compared with the sum's parts
    for (i, j) in list(pairs):
        comp, other = (i, j) if units[i].composite else (j, i) if units[j].composite else (None, None)
        if comp is None:
            continue
        part_ids = set(map(id, units[comp].claims))
        for (p, q) in list(pairs):
            if other in (p, q):
                k = q if p == other else p
                if not units[k].composite and id(units[k].claims[0]) in part_ids:
                    pairs.pop((p, q), None)

    parent = list(range(len(units)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(units))}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> bool:
        ri, rj = find(i), find(j)
        if ri == rj:
            return True
        if any(_distinct(units[a], units[b]) for a in members[ri] for b in members[rj]):
            return False
        parent[rj] = ri
        members[ri].extend(members.pop(rj))
        return True

    # each document's own toll for a casualty role links first: a part or a detail further
    # down ('two victims were taken to hospital') must not take the place of the total it is
    # part of. Other figures link by context alone ('$43.9 million in federal taxes and $13.6
    # million in state taxes': the largest is not the one another outlet gives).
    def tolls(pair: tuple[int, int]) -> bool:
        return all(units[k].top and roles_of(units[k].terms) & CASUALTY_ROLES for k in pair)

    for (i, j), _ in sorted(pairs.items(), key=lambda kv: (not tolls(kv[0]), -kv[1])):
        union(i, j)

    _attach_headless(units, headless, find, union, settings)
    _corroborate(units, corroborating, find, members, union, settings)

    groups = sorted(members.values(), key=lambda g: min(units[i].claims[0].start for i in g))
    return groups


def _days(u: Unit) -> list[tuple[str, str]]:
    """The day ranges a date unit can mean: a bare weekday is that day of its resolved
    week, the week before or the week after (publication dates are often a day off, and
    a weekday says nothing of its week); any other date is its own range."""
    if u.weekday is None:
        return [(u.low, u.high)]
    day = dt.date.fromisoformat(u.low)
    return [((day + dt.timedelta(days=7 * k)).isoformat(),) * 2 for k in (-1, 0, 1)]


def overlap(a: Unit, b: Unit) -> bool:
    """Ranges share a value. Two ranges that only touch at an end ('thousands' from 2,000,
    'over 1,000' up to 2,000) do not: each bound is a reading convention, not a statement.
    Tallies agree only side for side."""
    if a.kind == "tally":
        return a.sides == b.sides
    if a.kind == "date":
        if is_partial(a.low) or is_partial(b.low):
            # a date kept without its year or week ('March 9', 'Tuesday' in a story with no
            # publication date): the same day name, or a full date that can be that day
            partial, other = (a, b) if is_partial(a.low) else (b, a)
            return partial_overlap(partial.low, other.low, other.high)
        if a.weekday is not None and b.weekday is not None:
            if a.weekday != b.weekday:
                return False
            # the same day name is the same day, whatever the week: both told as past (or
            # both as to come) by articles a day apart. One to come and one past are the
            # same day only if they resolve to it ('will vote Tuesday' / 'voted Tuesday'),
            # else two occurrences ('Tuesday's primary' / 'the primary next Tuesday').
            return a.ahead == b.ahead or a.low == b.low
        return any(alo <= bhi and blo <= ahi for alo, ahi in _days(a) for blo, bhi in _days(b))
    if a.low < b.high and b.low < a.high:
        return True
    if a.low == a.high or b.low == b.high:
        return a.low <= b.high and b.low <= a.high
    return False


def similarity(a: Unit, b: Unit) -> float:
    return float(a.vec @ b.vec) if a.vec is not None and b.vec is not None else 0.0


def _words(u: Unit) -> set[str]:
    return {w.rstrip("s") for w in u.text.split()}


def _object_words(u: Unit) -> set[str]:
    """The words of what a dated event was done to, when its object is named ('won Tony
    Award' -> tony, award): a date claim's text is its verb and then its object, if it has
    one. A common noun, a pronoun or a number ('arrested the teen', 'he was arrested',
    'closed two of the lanes') may stand for the same thing as another word: none."""
    words = u.text.split()[1:]
    if not any(w[:1].isupper() for w in words):
        return set()
    return {stem(w.lower()) for w in words}


def _different_doers(a: Unit, b: Unit) -> bool:
    """Whether two dated events name different people as their doers (by surname: 'Ada
    Quell' and 'Quell' are one; two people of one surname stay one, the safe side)."""
    doers = [u.claims[0].value.doer for u in (a, b)]
    return all(doers) and surname(doers[0]) != surname(doers[1])


def _link(a: Unit, b: Unit, sim: float, settings: Settings) -> float | None:
    """Strength of 'same question', or None, given the units' masked-sentence similarity.

    Every test on ``sim`` is 'at least a threshold', so ``_link(a, b, 1.0) is None`` means
    no similarity could link the pair: compare_claims uses that to encode only the
    sentences of units that have a possible partner."""
    if a.kind != b.kind or a.doc == b.doc:
        return None
    if a.kind == "date":
        if not ({stem(t) for t in a.terms} & {stem(t) for t in b.terms}) or not (a.actors & b.actors):
            return None  # the same verb of two events ('voted Friday', 'voted Monday') is not one fact
        if a.since != b.since:
            return None  # 'twelve found since Monday' opens a series; 'one found Friday' is one of its days
        objects_a, objects_b = _object_words(a), _object_words(b)
        if objects_a and objects_b and not objects_a & objects_b:
            return None  # 'won a Tony Award in 2004', 'won an Emmy in 2005': one verb, two things done
        if _different_doers(a, b):
            return None  # 'Quell won in 2019', 'Ostrow won in 2011': one verb, two people doing it
        return 1 + sim if sim >= settings.comparison_date_similarity else None
    if a.kind == "tally":
        # a vote and a vote, a score and a score, told in like words ('passed the bill 92-6',
        # 'cleared the Senate on a 94-1 vote'): their verbs differ more often than not
        return 2 + sim if a.heads == b.heads and sim >= settings.comparison_link_similarity else None
    if a.implicit or b.implicit:
        # 'a man was killed' is one victim: not a rival of the toll, and two outlets'
        # 'a 16-year-old' and 'a 15-year-old' are two people, not an agreement
        return None
    ua = {c.value.unit for c in a.claims}
    ub = {c.value.unit for c in b.claims}
    if ua != ub:
        return None
    if a.persons and b.persons and not (a.persons & b.persons) and not (
            (roles_of(a.terms) | roles_of(b.terms)) & CASUALTY_ROLES):
        # '17 percent' for one candidate and for another; one count against one person and
        # against another: the same figure about different people is two facts (victims
        # aside: outlets name different victims of one toll)
        return None
    if a.terms and b.terms and not (pred_keys(a.terms) & pred_keys(b.terms)):
        return None
    if _other_casualty(a, b):
        return None
    if a.composite or b.composite:
        # a sum only stands for the total it explains, and only for a thing the parts share a word with
        if a.composite and b.composite:
            return None
        if not overlap(a, b) or not (_words(a) & _words(b) or a.heads & b.heads or sim >= settings.comparison_link_similarity):
            return None
        return 2 + sim
    if not a.terms or not b.terms:
        if a.heads and a.heads == b.heads and sim >= settings.comparison_half_predicate_similarity:
            return 1 + sim
        return None
    if not a.heads and not b.heads:
        # amounts of money or shares with nothing counted ('diverted $3.6 billion'): one
        # question when the currency, the verb and the context agree
        # ('Ada Quell 21 percent, Bram Oduya 14 percent': a share in a list is an item's, and
        # the context of the whole list does not say which)
        money = a.claims[0].value.unit is not None and not (a.listed or b.listed)
        return 1 + sim if money and sim >= settings.comparison_half_predicate_similarity else None
    if a.heads and b.heads:
        if a.heads & b.heads:
            return 2 + sim if sim >= settings.comparison_same_noun_similarity else None
        return None  # different counted things ('community leaders', 'arrests') are different questions
    return None  # a claim with no counted noun attaches later, if clearly


def _stated_value(u: Unit) -> tuple:
    """What a statement says, as a key two statements of one value share: its range and
    unit; a bare weekday by its day name and tense (its week is a guess); a tally by its sides."""
    if u.kind == "tally":
        return ("tally", u.sides)
    if u.kind == "date":
        return ("date", "weekday", u.weekday, u.ahead) if u.weekday is not None else ("date", u.low, u.high)
    return ("quantity", frozenset(c.value.unit for c in u.claims), u.low, u.high)


def _specific(u: Unit, settings: Settings) -> bool:
    """A value specific enough that two outlets giving it in a like context give one fact:
    a figure as written (not a vague word, a bound or a range) of money, a share, a
    duration, or of ten or more of a named thing (Settings.corroboration_min_count); a vote's
    tally; a day name or a date the text states in full."""
    if u.composite or u.implicit:
        return False
    if u.kind == "tally":
        return True
    c = u.claims[0]
    if u.kind == "date":
        # a day name, or a date the text states in full (a day and month with no year to
        # place it by is both); not 'last year' or 'this week', which every article of a
        # story uses for several things
        return u.weekday is not None or c.value.resolved_from in ("absolute", NO_YEAR)
    if c.value.low is not None or c.value.high is not None or c.value.qualifier or c.value.amount is None:
        return False  # a range or a bound as written (the unit's range may be a round figure's precision)
    if c.value.unit is None and c.value.amount < settings.corroboration_min_count:
        return False  # 'two victims are from Varn', 'two victims are in critical condition'
    return c.value.unit is not None or bool(u.heads)


def _mark_listed(units: list[Unit]) -> None:
    """Mark the figures that share their sentence with another of their unit and counted
    noun (Unit.listed): a list of like figures, each told of one item of the list."""
    def like(u: Unit) -> tuple:
        return u.doc, u.claims[0].sentence_start, _stated_value(u)[:2], frozenset(u.heads)

    in_sentence = Counter(like(u) for u in units if u.kind == "quantity")
    for u in units:
        u.listed = u.kind == "quantity" and in_sentence[like(u)] > 1


def _corroboration_candidates(units: list[Unit], settings: Settings) -> list[tuple[int, int]]:
    """Pairs of documents' statements that give the same specific value (see _corroborate)."""
    by_value: dict[tuple, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        if _specific(u, settings) and not roles_of(u.terms) & CASUALTY_ROLES and not u.listed:
            by_value[_stated_value(u)].append(i)
    # the tests that need no sentence embedding first: only the pairs they pass are encoded
    return [(i, j) for members in by_value.values() for x, i in enumerate(members) for j in members[x + 1:]
            if units[i].doc != units[j].doc and _may_corroborate(units[i], units[j])]


def _may_corroborate(a: Unit, b: Unit) -> bool:
    """The part of _corroborates that needs no embedding: counts of different things and
    figures about different people stay apart, and a date needs its event word in common
    (one news day holds many events, 'declined to say on Tuesday', 'joined the call on
    Tuesday': the day of the news in each lead was another event in a fifth of BASIL's
    pairs; and a year holds many more)."""
    if a.heads and b.heads and not a.heads & b.heads:
        return False
    if a.persons and b.persons and not a.persons & b.persons:
        return False
    return a.kind != "date" or bool({stem(t) for t in a.terms} & {stem(t) for t in b.terms})


def _corroborates(a: Unit, b: Unit, settings: Settings) -> bool:
    """Whether two statements of the same specific value (candidates that passed
    _may_corroborate) are one fact that two outlets agree on, though their wording did not
    link them ('approved a $612,000 contract', 'agreed to pay $612,000'; 'resigned on
    Friday', 'his resignation on Friday'). The value being the same, a wrong link can only
    make a false agreement, never a conflict, so the context asked for is looser than
    _link's: a close sentence, or a shared actor with a fair one."""
    sim = similarity(a, b)
    if sim >= settings.corroboration_similarity:
        return True
    return bool(a.actors & b.actors) and sim >= settings.corroboration_actor_similarity


def _corroborate(units: list[Unit], candidates: list[tuple[int, int]], find, members, union,
                 settings: Settings) -> None:
    """Join questions that two documents answer with the same specific value (see
    _corroborates), but only where every value of the joined question still agrees: a
    corroboration confirms; it never makes a conflict."""
    for i, j in sorted(candidates, key=lambda p: -similarity(units[p[0]], units[p[1]])):
        ri, rj = find(i), find(j)
        if ri == rj or not _corroborates(units[i], units[j], settings):
            continue
        if all(overlap(units[a], units[b]) for a in members[ri] for b in members[rj]):
            union(i, j)


def _other_casualty(a: Unit, b: Unit) -> bool:
    """'One person was fatally shot' and 'two people were shot': the killed and the shot
    or wounded are two questions, though both verbs are 'shoot'. (The shot and the wounded
    are one question where no one died, and compare.py keeps their parts apart.)"""
    ra, rb = roles_of(a.terms) & CASUALTY_ROLES, roles_of(b.terms) & CASUALTY_ROLES
    return bool(ra and rb and not ra & rb and ("killed" in ra) != ("killed" in rb))


def _distinct(a: Unit, b: Unit) -> bool:
    """Two statements of one document that cannot be one question."""
    if a.doc != b.doc:
        return False
    if set(map(id, a.claims)) & set(map(id, b.claims)):
        return False if not (a.composite or b.composite) else True
    if a.heads and b.heads and not (a.heads & b.heads):
        return True
    same_sentence = a.claims[0].sentence_start == b.claims[0].sentence_start
    # one document rarely contradicts itself: disjoint values there mean two questions
    return (same_sentence and a.kind == "quantity") or not overlap(a, b)


def _headless_candidates(units: list[Unit]) -> list[tuple[int, int]]:
    """(headless unit, candidate question unit) pairs that _attach_headless scores, in its order."""
    pairs: list[tuple[int, int]] = []
    for i, u in enumerate(units):
        if u.heads or u.composite or u.kind != "quantity":
            continue
        for j, w in enumerate(units):
            if j == i or w.doc == u.doc or w.kind != "quantity" or not w.heads:
                continue
            if {c.value.unit for c in u.claims} != {c.value.unit for c in w.claims}:
                continue
            if not (pred_keys(u.terms) & pred_keys(w.terms)) or _other_casualty(u, w):
                continue
            pairs.append((i, j))
    return pairs


def _attach_headless(units: list[Unit], candidates: list[tuple[int, int]], find, union,
                     settings: Settings) -> None:
    """Claims with no counted noun ('over 100 injured') join the question they clearly fit
    (candidates: from _headless_candidates, grouped by headless unit)."""
    by_unit: dict[int, list[int]] = defaultdict(list)
    for i, j in candidates:
        by_unit[i].append(j)
    for i, js in by_unit.items():
        u = units[i]
        best: dict[int, float] = {}
        for j in js:
            w = units[j]
            s = similarity(u, w)
            if s >= settings.comparison_link_similarity:
                r = find(j)
                best[r] = max(best.get(r, 0.0), s)
        # two candidate questions ('officers injured', 'residents injured'): the claim does not
        # say which it answers, so it answers none (precision first)
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        if len(ranked) != 1:
            continue
        union(ranked[0][0], i)
