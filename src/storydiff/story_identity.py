"""Whether a document reports a story's event, read from the text rather than from its
words alone (issue 14): the day and place it states, the people it names, the places its
lead gives, and the sentences it shares word for word. ``stories.assign`` asks these
before it scores a document against a story; ``story_merge`` asks them of two stories.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from rapidfuzz.distance import Levenshtein

from .settings import Settings

if TYPE_CHECKING:
    from .stories import Cluster, StoryFeatures

SHARED_PEOPLE_TIE = 2
"""Specific people named in full that a document shares with a story to be tied to its
event without a place or a day: on gvc-dev 3 takes F1 from 0.914 to 0.915 and costs
nothing elsewhere; 2 costs BASIL 0.010 (politicians met again in another event)."""


def place_reason(f: StoryFeatures, cluster: Cluster) -> str:
    """``place_conflict`` in words (its places are read by then)."""
    mine = ", ".join(sorted(p[3:].title() for p in f.places))
    theirs = ", ".join(sorted(p[3:].title() for p in cluster.places or ()))
    return f"one puts the event in {mine}, the other in {theirs}, and neither text names the other's place"


def same_event(f: StoryFeatures, cluster: Cluster) -> bool:
    """Whether the text ties the document to the story's event whatever the dates: it
    states the day the story happened and names, anywhere in its text, the place it
    happened (``@d:`` keys: "Dunmere detectives ... the March 8 killing"); or it names
    one of the story's people in full and puts the event in a place the story names, or
    states the day the story began (or the day before: last night's event); or it names
    ``SHARED_PEOPLE_TIE`` of its people. Names and places only when they are
    specific (rare in the corpus). A person is shared when one side names them
    (``_names``) and the other writes the same two words (``pairs``): a text that names
    someone once, never by surname alone, still names them."""
    identity = cluster.identity
    if any(k in identity for k in f.stated):
        return True
    shared = shared_people(f, identity)
    if not shared:
        return False
    if shared >= SHARED_PEOPLE_TIE:
        return True
    if any(p in identity or p[3:] in cluster.entities for p in f.specific_places):
        return True
    # or it states the day the story began (or the day before: last night's event)
    first = cluster.first_day
    return first is not None and any((first - d).days in (0, 1) for d in f.stated_days)


def repeats(sentences: Collection[str], held: Mapping[str, float], settings: Settings) -> bool:
    """Whether more than ``settings.story_repeat_share`` of a text's sentences are ones the
    story already holds word for word (``@h:`` fingerprints, ``story_terms._fingerprints``):
    the story's own report told again (a re-post under a new date, a recurring item that
    reuses its text), which says nothing new of the event. A follow-up weeks later (the
    arrest, the trial) reports something new in its own sentences: on gvc-dev 60 of the 71
    follow-ups that join a story beyond the near window share none with it."""
    return bool(sentences) and sum(map(held.__contains__, sentences)) > settings.story_repeat_share * len(sentences)


def shared_people(f: StoryFeatures, identity: Mapping[str, float]) -> int:
    """People both the document and the story (its ``Cluster.identity``) name: a name of
    one that the other names or writes as a pair (see ``same_event``); officials left out."""
    shared = {n for n in f.names if n in identity or "@r:" + n[3:] in identity}
    shared.update(p for p in f.pairs if p in identity)
    # an official (``@o:``, on either side) speaks for an office, in many events
    return sum(1 for n in shared if n not in f.officials and "@o:" + n[3:] not in identity)


def place_conflict(f: StoryFeatures, cluster: Cluster) -> bool:
    """Whether the document's lead puts its event somewhere the story never mentions,
    and the story's leads put it somewhere the document never mentions: two events in two
    places. A place mentioned anywhere in the other's text (capitalised) is no conflict:
    "in Wisconsin" and "in Milwaukee, Wisconsin" are one place at two levels."""
    if not f.places:
        return False
    identity = cluster.identity
    if any(p in identity or p[3:] in cluster.entities for p in f.places):
        return False
    if cluster.places is None:
        cluster.places = {k for k in identity if k.startswith("@p:")}
    theirs = cluster.places
    if not theirs:
        return False
    return not any(k[3:] in f.entities or k in f.places for k in theirs)


def street_conflict(f: StoryFeatures, cluster: Cluster) -> str | None:
    """Why the document and the story report two events, or None: both name the streets
    where it happened (``@v:`` keys, specific ones: "the 3400 block of Quill Lane"), and
    no street of either is named, nor its name written, in the other's text. Two
    shootings in one city days apart are told with the same words and the same city;
    the block is what differs. A street's name written anywhere in the other text ("Quill
    Avenue" against "Quill Lane", a misspelt suffix), or a street one letter apart (a
    misspelt name), is no conflict; nor is a report that names one of the story's people
    (``shared_people``): days later, it may put the arrest elsewhere."""
    if not f.streets:
        return None
    if cluster.streets is None:
        cluster.streets = {k for k in cluster.identity if k[:3] == "@v:"}
    theirs = cluster.streets
    if not theirs or any(s in theirs for s in f.streets):
        return None
    if shared_people(f, cluster.identity):
        return None  # a report days later names where the suspect was arrested
    # one letter apart is one street misspelt ("Smilex Road", "Smilax Road")
    if any(Levenshtein.distance(s, t, score_cutoff=1) <= 1 for s in f.streets for t in theirs):
        return None
    if any(w in cluster.entities for s in f.streets for w in s[3:].split()[:-1]):
        return None
    if any(w in f.entities for s in theirs for w in s[3:].split()[:-1]):
        return None
    mine = ", ".join(sorted(s[3:].title() for s in f.streets))
    other = ", ".join(sorted(s[3:].title() for s in theirs))
    return f"one puts the event on {mine}, the other on {other}, and neither text names the other's street"


def principal_conflict(f: StoryFeatures, cluster: Cluster, ratio: float, least: int) -> str | None:
    """Why the document and the story report two events, or None: the person the
    document is about (``StoryFeatures.principal``: its most weighted name, the surname of
    a person it names in full) is not the person the story's documents are about
    (``main_principal``), the document never writes that person's name, and the story's
    texts weigh the document's person less than ``ratio`` as much as their own (named in
    passing, if at all: "the team's second such arrest in a month"). Two arrests of one
    team's players, two firings of one club's coaches, are told with the same words, team
    and place; what differs is who. Reports of one event write its principal; a later
    report about another person of the event (the suspect, after the victim) still
    writes the first."""
    mine = f.principal
    if not mine:
        return None
    top = main_principal(cluster, least)
    if top is None or mine in principals(cluster) or top in f.entities:
        return None  # a report of the story is about the document's person too
    bag = cluster.entities
    if bag.get(mine, 0.0) >= ratio * bag.get(top, 0.0):
        return None
    return f"one is about {mine.title()}, the other about {top.title()}, whom the first never names"


def principals(cluster: Cluster) -> Counter:
    """The people a story's documents are about (``StoryFeatures.principal``), with how
    many of its documents are about each (``@m:`` keys of its identity bag, read once)."""
    if cluster.principals is None:
        cluster.principals = Counter({k[3:]: v for k, v in cluster.identity.items() if k[:3] == "@m:"})
    return cluster.principals


def main_principal(cluster: Cluster, least: int) -> str | None:
    """The person more of a story's documents are about than any other, when at least
    ``least`` of them are (one report's subject is not yet the story's), else None. Not
    "most of them": a story that holds two events' reports is the case to catch, and a
    team's or a paper's name read as a person ("<City> Chargers") takes some documents."""
    theirs = principals(cluster)
    if not theirs:
        return None
    (top, held), *rest = sorted(theirs.items(), key=lambda kv: (-kv[1], kv[0]))[:2]
    return top if held >= least and not (rest and rest[0][1] == held) else None


def stories_principals_conflict(a: Cluster, b: Cluster, ratio: float, least: int) -> str | None:
    """``principal_conflict`` for two stories: each is about its own person, and one of
    them never writes anyone the other's documents are about while the other weighs the
    first's person less than ``ratio`` as much as its own (named in passing)."""
    top_a, top_b = main_principal(a, least), main_principal(b, least)
    if top_a is None or top_b is None or top_a in principals(b) or top_b in principals(a):
        return None
    for one, other, mine, theirs in ((a, b, top_a, top_b), (b, a, top_b, top_a)):
        if theirs in one.entities:
            continue
        if other.entities.get(mine, 0.0) < ratio * other.entities.get(theirs, 0.0):
            return f"one is about {mine.title()}, the other about {theirs.title()}, who the first never names"
    return None


def people_of(f: StoryFeatures) -> set[str]:
    """The specific people a document names in full, officials left out (``@n:`` keys)."""
    return {n for n in f.names if n not in f.officials}


def disjoint_people(f: StoryFeatures, cluster: Cluster, least: int) -> str | None:
    """Why the document and the story report two events, or None: each names ``least``
    specific people or more in full, and no person of either is named, written as a
    pair or written by surname in the other's text. Two reports of one event name some
    of its people in common; public figures are not specific (``story_features``) and
    count for neither side."""
    if least <= 0:
        return None
    mine = people_of(f)
    if len(mine) < least:
        return None
    identity = cluster.identity
    theirs = {k for k in identity if k[:3] == "@n:" and "@o:" + k[3:] not in identity}
    if len(theirs) < least:
        return None
    if shared_people(f, identity) or any(p in identity for p in f.pairs):
        return None
    if any(n.rsplit(" ", 1)[-1] in cluster.entities for n in mine):
        return None
    if any(k.rsplit(" ", 1)[-1] in f.entities for k in theirs):
        return None
    # one specific place in common (the town of a shooting): its first reports name the
    # witnesses and police, the later ones the victims
    if any(p in identity or p[3:] in cluster.entities for p in f.specific_places):
        return None
    return (
        f"one names {len(mine)} people, the other {len(theirs)}, and neither text names"
        " any of the other's"
    )
