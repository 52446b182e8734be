"""What a claim is a statement of: the (event, role) question a count or a date answers.

``compare.py`` aligns statements of one fact across documents and decides their status;
this module says what each statement is, before any pairing:

* the fact vocabulary: role classes of predicates that news uses interchangeably
  ('injured' / 'wounded' / 'taken to hospital'), the words for unnamed people, the words
  for a part ('two other victims');
* ``Unit``, one document's statement (a claim, or parts of one predicate that add up),
  with its range, role, participants, place in the article (title, lead) and actors;
* ``statement_units``: the claims of a story as units, leaving out what is no fact
  (ages, when someone spoke, counts of an earlier event);
* ``rough_sentences``: the regex sentence split that the comparison and omission stages
  share (they get no parse).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np

from .casualties import IMPLICIT_ONE, NAMED_EVENT_FLOOR, NOT_PARTICIPANTS, PERSON_NOUNS, PRONOUNS_OF_ONE
from .dates import WEEKDAYS, date_range, parse_published
from .model import Claim, DateValue, Document, Entity, QuantityValue
from .quantities import interval
from .units import TIME_UNITS

# Predicates that news uses interchangeably for one fact, by the role they name. General
# vocabulary, not story-specific: grouped so that "injured" and "wounded" are one question.
ROLE_CLASSES: dict[str, set[str]] = {
    "injured": {"injure", "wound", "hurt", "injury", "hospitalise", "hospitalize", "hospital", "treat", "graze"},
    "killed": {"kill", "die", "death", "dead", "perish", "killing", "murder", "slay", "fatally"},
    "seized": {"seize", "confiscate", "impound", "seizure"},
    "arrested": {"arrest", "detain", "apprehend", "arrested", "custody"},
    "living": {"live", "reside", "inhabit", "house", "remain", "stay", "home", "shelter"},
    "evacuated": {"evacuate", "displace", "flee"},
    "shot": {"shoot", "gunshot"},
    "charged": {"charge", "indict", "accuse", "arraign"},
    "attending": {"attend", "gather", "march", "protest", "join"},
}


SUPPORT_VERBS = {"remain", "take", "be", "leave", "keep", "rush", "transport", "send", "find", "pronounce",
                 "list", "get", "go", "airlift", "fly", "carry", "bring", "hold"}
"""Verbs whose complement says what happened ('taken to hospital', 'found dead',
'remain in custody'): the complement's role class is the statement's."""


CASUALTY_ROLES = {"killed", "injured", "shot"}


UNCONFIRMED_ROLES = {"charged"}
"""Roles whose counts differ between stages of a case (seven charged, four indicted later,
six in a plea): a difference is never a confirmed conflict."""


RUNNING_ROLES = {"injured", "killed", "shot", "arrested", "evacuated"}
"""Counts that grow while a story unfolds (a toll, arrests): a higher figure in a later
article is an update, not a conflict."""


PEOPLE = {
    "people", "person", "persons", "individual", "victim", "man", "woman", "men", "women", "boy", "girl",
    "child", "children", "kid", "teen", "teenager", "adult", "juvenile", "youth", "male", "female", "other",
}
"""Words for unnamed people: one participant ('people'), so that 'a man was killed' and
'one person died' answer one question. Lemmas, general English."""


TOTAL_PEOPLE = {"people", "person", "persons", "individual", "victim"}
"""Of those, the words that count everyone the event harmed. The others ('two women',
'three children', 'four others') count a part: at least that many, so 'two women shot'
beside 'five people shot' is compatible, not a conflict."""


PART_WORDS = {"other", "additional", "more", "further", "remaining", "second", "third", "fourth"}
"""A counted phrase with one of these ('three other victims') counts a part beside people
named elsewhere: at least that many in all."""


LEAD_PARAGRAPHS = 3


LEAD_SENTENCES = 6
"""News states its event's main figures in the title and the first paragraphs (at most
this many sentences); a count further down is often a detail (one victim still in
hospital), a part (the officers among the wounded) or another event named in passing
(last month's shooting). On real shooting news, conflicts between counts outside the
leads were almost all such pairs: a conflict needs both statements in a title or lead,
unless the figures are disputed (see _disputed)."""


PEOPLE_NOUNS = PEOPLE | TOTAL_PEOPLE | PERSON_NOUNS
"""Counted nouns that can be the people a casualty role is about ('20 rounds', 'several
vehicles' and 'four times' cannot)."""


BACKGROUND_DAYS = 7
"""A count in a sentence that dates itself more than a week before the article ('the worst
shooting in the city's history was in August 2015, when two people were killed',
'last year's massacre that killed 49') is about an earlier event: it is left out of the
comparison of this one."""


LIGHT_VERBS = {
    "be", "have", "do", "make", "take", "get", "go", "come", "give", "see", "say", "tell", "begin", "start",
    "continue", "happen", "occur", "hold", "set", "include", "expect", "report", "announce", "add", "appear",
} | {
    # when someone spoke or posted: never the event a story compares ('tweeted last month',
    # 'was back tweeting on Tuesday' are two occasions of one habit)
    "tweet", "post", "write", "speak", "talk", "comment", "respond", "reply", "claim", "state", "note",
    "explain", "argue", "insist", "confirm", "deny", "describe", "call", "ask",
}
SPEECH_VERBS = {"say", "tell", "tweet", "speak", "talk", "comment", "insist", "argue", "explain"}
"""Verbs of telling: a count of who told ('a handful of insiders tell', 'at least one
official said') counts sources, not anything the story is about. ('Reported 500 new
cases' is a figure: 'report' is not here.)"""
"""Verbs too common to say which event a date is the date of: 'officials said on Monday'
and 'she said Friday' are not one fact, nor 'appeared on television Sunday' and 'appeared
in court Sunday'."""


TALLY_CLASSES: dict[str, set[str]] = {
    "vote": {"vote", "pass", "approve", "reject", "confirm", "clear", "adopt", "ratify", "override", "advance",
             "elect", "acquit", "convict", "uphold", "ballot", "split", "margin", "rule"},
    "score": {"win", "beat", "lose", "defeat", "draw", "tie", "lead", "score", "victory", "trail", "edge",
              "rout", "top", "loss", "result"},
}
"""What a figure with two sides ('passed 92-6', 'won 3-1') is a tally of, by the words it
hangs on: a vote or a game's score. General English; a two-sided figure with neither is
not compared (a ratio, a record)."""


TIME_NOUNS = {"day", "night", "morning", "afternoon", "evening", "week", "weekend", "month", "year", "time", "hour"}
"""'Thursday night': the noun a date hangs on may be time itself, which names no event."""


@dataclass
class Unit:
    """One document's statement: a claim, or co-predicated parts that add up to a total."""

    claims: list[Claim]
    doc: str
    kind: str
    low: float | str
    high: float | str
    heads: set[str] = field(default_factory=set)
    terms: list[str] = field(default_factory=list)
    text: str = ""
    vec: np.ndarray | None = None
    attributed_to: str | None = None
    composite: bool = False
    weekday: int | None = None
    """A bare weekday ('on Wednesday'): its week is uncertain, its day name is not."""
    ahead: bool = False
    """A bare weekday still to come when its article was published ('next Tuesday')."""
    actors: set[str] = field(default_factory=set)
    """Entity ids mentioned in the statement's sentence."""
    persons: set[str] = field(default_factory=set)
    """Those of them that are people (set by compare_claims)."""
    published: str | None = None
    lead: bool = False
    """The statement is in the title or the lead (see LEAD_SENTENCES)."""
    implicit: bool = False
    """'a man was killed': one person, at least, not a stated total."""
    alone: bool = False
    """The statement is its document's only answer to its question (set per question)."""
    top: bool = True
    """The statement is its document's largest count for its role: a smaller one beside it
    ('two of the officers') is a part of what the document counts in all."""
    sides: tuple[float, ...] = ()
    """A tally's sides, larger first ('passed 92-6', 'lost 1-3' is a 3-1 game)."""
    listed: bool = False
    """One of several like figures in its sentence ('Ada Quell 21 percent, Bram Oduya 14
    percent'): told of one item of a list, which the value alone does not say (set by
    alignment.align)."""
    since: bool = False
    """A date that opens a series its sentence counts ('twelve parcels found since Monday'):
    the start of many events, not the day of one ('married since 2012' is the wedding's)."""
    sentence_dates: list["Unit"] = field(default_factory=list)
    """The other dates its sentence states ('issued on Friday, disputed the report of
    Thursday'): which of them is the event's is the parser's guess (set by compare_claims)."""


def stem(word: str) -> str:
    """Crude nominalisation match ('agreement' ~ 'agree', 'injury' ~ 'injure')."""
    return word[:5] if len(word) > 5 else word


def roles_of(terms: list[str] | set[str]) -> set[str]:
    """The role classes the governing verb (first term) or its complements name. The
    verb's own class comes first ('charged with murder' is a charge, not a killing); a
    verb that only supports its complement takes the complement's ('remain in custody' is
    about detention, 'taken to hospital' about injuries, 'shot and killed' a killing)."""
    terms = list(terms)
    if not terms:
        return set()
    own = {role for role, cls in ROLE_CLASSES.items() if terms[0] in cls}
    named = {role for role, cls in ROLE_CLASSES.items() if set(terms[1:]) & cls}
    if "charged" in named and not own:
        return {"charged"}  # 'face murder charges in the death': the charge, not a killing
    if terms[0] in SUPPORT_VERBS or (own <= {"shot"} and named):
        return named or own
    if own & {"injured", "shot"} and "killed" in named:
        return {"killed"}  # 'fatally wounded': the wound killed
    return own


COPULAS = {"be", "have", "remain", "become"}


def pred_keys(terms: list[str] | set[str]) -> set[str]:
    """Blocking and linking keys: the governing verb itself and its role classes."""
    terms = list(terms)
    if not terms:
        return set()
    roles = roles_of(terms)
    if terms[0] in COPULAS and not roles:
        # 'two of those hurt are in a serious state' and 'two of those hurt come from the next town': a
        # copula says nothing of what happened; its complement is the question
        return {"t:" + "|".join(stem(t) for t in terms[:2])}
    return {"t:" + stem(terms[0])} | {"role:" + r for r in roles}


def role_of(u: Unit) -> str | None:
    """The unit's role in words: its class, else its governing verb. A count of things
    no event harms ('shot 10 times', 'four rounds') has its verb: no casualty role."""
    if u.heads and u.heads <= NOT_PARTICIPANTS:
        return u.terms[0] if u.terms else None
    roles = sorted(roles_of(u.terms))
    return roles[0] if roles else (u.terms[0] if u.terms else None)


def tally_of(v: QuantityValue) -> str | None:
    """Whether a two-sided figure is a vote's or a game's tally (TALLY_CLASSES), by its verb,
    its counted noun or its complements."""
    words = set(v.predicate_terms) | {v.counted_head or ""}
    found = [name for name, cls in TALLY_CLASSES.items() if words & cls]
    return found[0] if len(found) == 1 else None


def heads_of(head: str | None, terms: list[str]) -> set[str]:
    """The participants a count is of. Unnamed people are one participant when something
    happened to them that has a role class ('a man was killed', 'two people died'); with
    any other verb the noun itself decides ('30 people interviewed' is not '3 women')."""
    if not head:
        return set()
    return {"people" if roles_of(terms) and (head in PEOPLE or head == "person") else head}


def masked(c: Claim) -> str:
    rel_s, rel_e = c.start - c.sentence_start, c.end - c.sentence_start
    if 0 <= rel_s <= rel_e <= len(c.sentence):
        return c.sentence[:rel_s] + "[NUM]" + c.sentence[rel_e:]
    return c.sentence


_WEEKDAY_RE = re.compile(r"^(?:on |last |this |next )?(" + "|".join(WEEKDAYS) + r")s?(?: morning| afternoon| evening| night)?$")


def weekday_of(text: str) -> int | None:
    m = _WEEKDAY_RE.match(text.lower().strip(" .,"))
    return WEEKDAYS[m.group(1)] if m else None


ROUNDUP_TOTALS = re.compile(
    r"\b(?:across the (?:city|county|state|region)|citywide|city-wide|elsewhere in the (?:city|county)"
    r"|(?:in|from) (?:two|three|four|five|six|seven|eight|nine|ten|several|\d+) (?:[\w'-]+ ){0,3}?"
    r"(?:shootings|incidents|attacks|crashes)|(?:shootings|violence|incidents) across"
    r"|so far this year|so far in|this year alone|(?:in|across) the (?:city|county|state) since"
    r"|(?:homicides?|murders?|killings?|shootings?|deaths) (?:so far )?(?:this|for the) year|year[- ]to[- ]date"
    r"|since the (?:start|beginning) of|since (?:january|february|march|april|may|june"
    r"|july|august|september|october|november|december|easter|christmas|thanksgiving|new year|memorial day|labor day)"
    r"|(?:injured|wounded|shot|hurt) or killed|killed or (?:injured|wounded|hurt)"
    r"|(?:killed|wounded|injured|shot) in (?!the |these |those |both )(?:[\w-]+ )?shootings"
    r"|(?:weekend|holiday|overnight) (?:shooting )?(?:shootings|violence|gunfire|death toll|toll)"
    r"|in (?:two |three |several )?(?:separate|unrelated) (?:incidents|shootings|attacks)"
    r"|after (?!the |these |those |both )(?:[\w-]+ )?shootings"
    r"|(?:in|over|during|within) (?:about |roughly |nearly |less than |just |the (?:past|last|previous|first) )?"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several) (?:hours|days|weeks|months)"
    r"|(?:in|within|over|during) an? [\w-]+-(?:hour|day) (?:span|period|stretch))\b", re.I)
"""Words that make a count a total over many events ('eight other people were wounded
across the city overnight', 'seven killed in three separate shootings', 'since Easter,
eight youths have been injured or killed', 'twelve people were shot in the city in about
ten hours', '109 homicides for the year'): no figure of the story's own event. Roundups of a weekend's violence state them beside the event's own."""


EARLIER_EVENT_RE = re.compile(
    r"\b(?:(?:\w+|a) (?:months?|years?) (?:before|earlier|ago|prior)|(?:last|a) year(?: ago)?|the year before)\b"
    r"|^\W*last (?:memorial day|labor day|fourth of july|independence day|christmas|thanksgiving|easter"
    r"|halloween|new year's(?: eve)?|summer|spring|winter|fall|autumn)\b", re.I)
"""A sentence set months or years away from its article ('six months before that, a
gunman killed 14 people', one that opens 'Last Easter, four people were shot'): what it
counts is another event, as a dated one would be."""


def background_sentences(claims: list[Claim], published: dict[str, str | None]) -> set[tuple[str, bool, int]]:
    """(document, in its title, sentence start) of sentences dated well before their article
    (BACKGROUND_DAYS), or set months or years away in words (EARLIER_EVENT_RE)."""
    out = set()
    for c in claims:
        if isinstance(c.value, QuantityValue) and EARLIER_EVENT_RE.search(c.sentence):
            out.add((c.doc, c.in_title, c.sentence_start))
            continue
        ref = parse_published(published.get(c.doc))
        if ref is None or not isinstance(c.value, DateValue):
            continue
        _, last_day = date_range(c.value.date, c.value.low, c.value.high)
        if dt.date.fromisoformat(last_day) < ref - dt.timedelta(days=BACKGROUND_DAYS):
            out.add((c.doc, c.in_title, c.sentence_start))
    return out


def mark_tops(units: list[Unit]) -> None:
    """Set ``top`` on each count that is its document's largest for its role, among figures
    of its unit ('3,000 days' is no larger a count of people than '1,000'), and on each
    tally that is its document's only one of its kind."""
    largest: dict[tuple[str, str, str | None], float] = defaultdict(float)
    for u in units:
        if u.kind == "quantity":
            for role in roles_of(u.terms):
                key = (u.doc, role, u.claims[0].value.unit)
                largest[key] = max(largest[key], u.low)
    tallies = Counter((u.doc, frozenset(u.heads)) for u in units if u.kind == "tally")
    for u in units:
        if u.kind == "tally":
            u.top = tallies[(u.doc, frozenset(u.heads))] == 1  # a document's only vote (or score)
        if u.kind == "quantity":
            u.top = all(u.low >= largest[(u.doc, role, u.claims[0].value.unit)] for role in roles_of(u.terms))


def lead_ends(docs: list[Document]) -> dict[str, int]:
    """Where each document's lead ends: after LEAD_PARAGRAPHS paragraphs, or
    LEAD_SENTENCES sentences if that comes first."""
    ends = {}
    for d in docs:
        sentences = [m.end() for m in _SENT_SPLIT.finditer(d.text)]
        paragraphs = [m.start() for m in re.finditer(r"\n\s*\n", d.text)]
        ends[d.id] = min(
            sentences[LEAD_SENTENCES - 1] if len(sentences) >= LEAD_SENTENCES else len(d.text),
            paragraphs[LEAD_PARAGRAPHS - 1] if len(paragraphs) >= LEAD_PARAGRAPHS else len(d.text),
        )
    return ends


def statement_units(claims: list[Claim], published: dict[str, str | None], actors_at,
           lead_ends: dict[str, int] | None = None) -> list[Unit]:
    units: list[Unit] = []
    lead_ends = lead_ends or {}
    by_pred: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    background = background_sentences(claims, published)
    killed_in = {c.doc for c in claims if isinstance(c.value, QuantityValue) and not c.negated
                 and "killed" in roles_of(c.value.predicate_terms)}
    # 'two victims were taken to X and two others to Y': a count beside others of its role
    # in its own sentence is a part of a total, as the others are
    others_at: dict[tuple[str, bool, int], set[str]] = defaultdict(set)
    for c in claims:
        if isinstance(c.value, QuantityValue) and c.value.counted_head == "other":
            # others with no role of their own ('two others were sent to Varn') take the sentence's
            others_at[(c.doc, c.in_title, c.sentence_start)].update(roles_of(c.value.predicate_terms) or ROLE_CLASSES)
    # 'twelve found since Monday': a date that opens a series its verb counts
    counted = {(c.doc, c.in_title, c.sentence_start, c.value.predicate_terms[0]) for c in claims
               if isinstance(c.value, QuantityValue) and c.value.predicate_terms}
    for c in claims:
        v = c.value
        if c.negated or c.doc in killed_in and _harmed_again(c):
            continue
        if isinstance(v, QuantityValue) and ((c.doc, c.in_title, c.sentence_start) in background or (
                v.unit not in TIME_UNITS and ROUNDUP_TOTALS.search(c.sentence))):
            continue  # a count of an earlier event, or a total over many (a span of time is neither)
        common = dict(attributed_to=c.attributed_to, actors=actors_at(c), published=published.get(c.doc),
                      lead=c.in_title or c.sentence_start < lead_ends.get(c.doc, 0))
        if isinstance(v, QuantityValue):
            if v.counted == "age" or v.reference or FIRST_FIGURE.search(c.sentence):
                continue  # an age; the value a change is measured from ('from 5.9%'); a first figure
            if c.text.lower() == "one" and not v.unit and not roles_of(v.predicate_terms):
                continue  # 'there was one problem', 'one reason': the word, not a figure anyone could dispute
            if v.predicate_terms[:1] and v.predicate_terms[0] in SPEECH_VERBS and not v.unit:
                continue  # 'a handful of insiders tell', 'two officials said': the sources, not a fact
            if len(v.sides) == 2 and v.unit is None:
                tally = tally_of(v)
                if tally:
                    units.append(Unit([c], c.doc, "tally", v.amount, v.amount, {tally}, list(v.predicate_terms),
                                      v.counted or tally, sides=tuple(sorted(v.sides, reverse=True)), **common))
                continue  # a two-sided figure is no count of anything
            lo, hi = interval(v.amount, v.low, v.high)
            partial = (v.counted_head in PEOPLE - TOTAL_PEOPLE or PART_WORDS & set((v.counted or "").split())
                       or others_beside(c) or AT_THE_SCENE.search(c.sentence) or PARTS_OF_A_GROUP.search(c.sentence)
                       or roles_of(v.predicate_terms) & others_at.get((c.doc, c.in_title, c.sentence_start), set()))
            if partial and roles_of(v.predicate_terms):
                hi = math.inf  # 'two women', 'four others': part of the people it happened to
            units.append(Unit([c], c.doc, "quantity", lo, hi, heads_of(v.counted_head, v.predicate_terms),
                               list(v.predicate_terms), v.counted or "",
                               implicit=v.qualifier in (IMPLICIT_ONE, NAMED_EVENT_FLOOR), **common))
            if v.predicate_start is not None:
                by_pred[(c.doc, c.in_title, v.predicate_start)].append(c)  # a title has its own offsets
        elif isinstance(v, DateValue):
            terms = [t for t in v.event_terms if t not in LIGHT_VERBS and t not in TIME_NOUNS]
            if not terms or is_range_end(c):
                continue  # when someone spoke, or a date of nothing in particular: not a fact
            series = (c.doc, c.in_title, c.sentence_start, terms[0]) in counted
            units.append(_date_unit(c, terms, since=series and opens_period(c), **common))
    # parts that add up: several amounts of one verb in one sentence ('seized 40 rifles and 25 pistols')
    for (doc, _, _), parts in by_pred.items():
        parts = [p for p in parts if isinstance(p.value, QuantityValue) and p.value.counted_head]
        if not _coordinated(parts):
            continue  # 'four people - three men and one woman', 'two officers wounded in a shootout with two suspects'
        units_ = {p.value.unit for p in parts}
        kinds = {p.value.counted_head in PEOPLE_NOUNS or p.value.qualifier == IMPLICIT_ONE for p in parts}
        if len(parts) < 2 or len(units_) != 1 or len(kinds) != 1:
            continue  # people and things ('a man and three blocks') do not add up
        if parts[0].value.predicate_terms[:1] and parts[0].value.predicate_terms[0] in SUPPORT_VERBS and any(
                p.value.predicate_terms != parts[0].value.predicate_terms for p in parts):
            continue  # 'left two dead and three injured': each part has its own role
        lows, highs = zip(*(interval(p.value.amount, p.value.low, p.value.high) for p in parts))
        units.append(Unit(parts, doc, "quantity", sum(lows), sum(highs),
                           set().union(*(heads_of(p.value.counted_head, p.value.predicate_terms) for p in parts)),
                           list(parts[0].value.predicate_terms),
                           " and ".join(p.value.counted or p.value.counted_head for p in parts), attributed_to=parts[0].attributed_to,
                           composite=True, actors=set().union(*(actors_at(p) for p in parts)),
                           published=published.get(doc)))
    return units


def _harmed_again(c: Claim) -> bool:
    """'He was wounded', 'the teen was shot': a person harmed whom the text names again by a
    pronoun or 'the', in an article that tells of a death. Such a mention introduces no one
    new, and is most often the one who died ('found the boy wounded ... he died'): as a
    victim who lived it would count the dead again."""
    v = c.value
    if not isinstance(v, QuantityValue) or v.qualifier != IMPLICIT_ONE or "killed" in roles_of(v.predicate_terms):
        return False
    words = c.text.lower().split()
    return bool(roles_of(v.predicate_terms) & {"injured", "shot"}) and (
        words[:1] == ["the"] or c.text.lower() in PRONOUNS_OF_ONE) and not _SURVIVED_RE.search(c.sentence)


_SURVIVED_RE = re.compile(
    r"\b(?:surviv\w*|expected to (?:recover|live|be ok)|non-?life|not life-threatening|stable|recovering"
    r"|treated and released|released from|hospitali[sz]ed|in (?:good|fair|serious|critical) condition)", re.I)
"""Words that say someone harmed was alive when the sentence was written ('the female victim
is expected to survive', 'he was hospitalized with non-life-threatening injuries'): a
survivor, whoever else died."""


_OTHER_PERSON_RE = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth)\b"
    r"(?:\s+[\w-]+)?\s+(?:victim|person|man|woman|boy|girl|teen|child|officer)s?\b", re.I)
"""'the 4th victim', 'a second man': someone counted in sequence beside the others."""


PARTS_OF_A_GROUP = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|both|some|most)\s+of\s+(?:the|those|them|these)\b", re.I)
"""'Three of the guests were treated at the scene, and one was flown to hospital': counts
that split a group the sentence names are parts of it, whoever states the whole."""

FIRST_FIGURE = re.compile(
    r"\b(?:initially|at first|originally|earlier (?:said|reported|told)|preliminary|early reports?|first reported)\b", re.I)
"""Words that date a figure to an earlier state of the news ('police originally said eight
were wounded', 'ten victims were initially taken to hospital'): the text itself says it
was revised, so it is no figure of the story's, as a value something changed from is not."""

AT_THE_SCENE = re.compile(r"\b(?:at|on) the scene\b", re.I)
"""'Two were pronounced dead at the scene': those harmed in one place, a part of a toll
that may count others who died in hospital (a 3-killed headline the same day is no conflict)."""


def others_beside(c: Claim) -> bool:
    """'Three victims were taken to hospital while the 4th victim is critical': a sentence that
    numbers someone beside the count makes the count a part, and so does 'the other three'."""
    before = c.sentence[: c.start - c.sentence_start]
    after = c.sentence[c.end - c.sentence_start :]
    return bool(_PART_BEFORE_RE.search(before)) or any(_OTHER_PERSON_RE.search(x) for x in (before, after))


_PART_BEFORE_RE = re.compile(r"\b(?:the other|the remaining|the rest of the)\s*$", re.I)
"""'Two are critical and the other three have minor injuries': the count is the rest of a
total that another sentence (or another outlet) states. ('Another eight were injured'
is no part: it sets the injured beside the dead, and counts them all.)"""


_COORDINATION_GAP = 40
"""At most this many characters between two coordinated parts ('two juveniles, 31, and')."""


def _coordinated(parts: list[Claim]) -> bool:
    """Whether counts of one predicate are a coordination that adds up ('two juveniles and
    eight adults', 'Jane Roe, 31, and John Roe'), rather than a total and its breakdown
    ('four people - three men and one woman'), an apposition ('Jane Roe, a student') or a
    count the parser attached to the wrong verb. An attacker's own death (a part of 0 to 1,
    see counts.add_self_killed) stands wherever the sentence puts it."""
    listed = sorted((p for p in parts if not (p.value.qualifier == IMPLICIT_ONE and p.value.low == 0)),
                    key=lambda p: p.start)
    for a, b in zip(listed, listed[1:]):
        if b.start < a.end or b.start - a.end > _COORDINATION_GAP:
            return False
        gap = a.sentence[a.end - a.sentence_start : b.start - a.sentence_start]
        # ('3 adults, 1 child': a list; 'four people, three men and a woman' is a total and its parts)
        listed_by_comma = gap.strip() == "," or (re.fullmatch(r"(?:\s*[\w'-]+){1,2}\s*,\s*", gap)
                                                 and a.value.counted_head not in TOTAL_PEOPLE)
        if any(ch in gap for ch in "—–()[]:;") or not (re.search(r"\b(and|or|plus)\b", gap) or listed_by_comma):
            return False
    return True


def is_range_end(c: Claim) -> bool:
    """'between September 2016 and July 2017', 'from 2007 to 2014': one end of a span is not
    the date of anything."""
    before = c.sentence[: c.start - c.sentence_start].lower().split()[-1:]
    after = c.sentence[c.end - c.sentence_start :].lower().split()[:1]
    if before == ["from"] and after and after[0] in ("to", "through", "until", "till"):
        return True
    if re.search(r"\bfrom \S+(?: \S+)? (?:to|through|until|till)\s*$", c.sentence[: c.start - c.sentence_start].lower()):
        return True  # its other end
    return before == ["between"] or c.text.lower().startswith("between")


def _date_unit(c: Claim, terms: list[str], published: str | None = None, **fields) -> Unit:
    v = c.value
    lo, hi = date_range(v.date, v.low, v.high)
    day = weekday_of(c.text) if v.resolved_from != "absolute" else None
    ahead = day is not None and bool(published) and lo > published[:10]
    return Unit([c], c.doc, "date", lo, hi, set(), terms, v.event or "", weekday=day, ahead=ahead,
                published=published, **fields)


def dates_by_sentence(claims: list[Claim], published: dict[str, str | None]) -> dict[tuple, list[Unit]]:
    """Every date each sentence states, whatever it dates ('Friday night', 'last year'),
    keyed by (document, in title, sentence start)."""
    out: dict[tuple, list[Unit]] = defaultdict(list)
    for c in claims:
        if isinstance(c.value, DateValue) and not c.negated:
            out[(c.doc, c.in_title, c.sentence_start)].append(_date_unit(c, [], published=published.get(c.doc)))
    return out


def opens_period(c: Claim) -> bool:
    """'since 2009', 'ever since last spring': the date a period began."""
    before = c.sentence[: c.start - c.sentence_start].lower().split()[-2:]
    return "since" in before or c.text.lower().startswith("since ")


def name_of(who: str | None, names: dict[str, str]) -> str | None:
    """An attribution as a reader sees it: the entity's name for an entity id, else as written."""
    return names.get(who, who) if who else None


def actor_index(entities: list[Entity]):
    """A function giving the entity ids mentioned in a claim's sentence."""
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for e in entities:
        for m in e.spans:
            spans[m.doc].append((m.start, m.end, e.id))

    def actors_at(c: Claim) -> set[str]:
        return {eid for s, e, eid in spans.get(c.doc, ()) if c.sentence_start <= s and e <= c.sentence_end}

    return actors_at


_SENT_SPLIT = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“‘'])|\n\s*\n")


def rough_sentences(text: str) -> list[str]:
    """A plain regex split: omissions get no parse, and similarity needs only rough sentences."""
    return [s.strip() for s in _SENT_SPLIT.split(text) if len(s.strip()) > 20]
