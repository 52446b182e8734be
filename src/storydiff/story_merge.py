"""Stories that clustering opened apart and that are one event: merged after the fact.

Clustering is incremental (``stories.assign``): a document joins the best story there is
when it comes, and two stories, once opened, never meet again. So an event can end up in
two stories: a follow-up that came before the report that names the victim, two reports
of one shooting that each opened a story on the same day before either could join the
other. Once all documents are assigned, two stories are one event when their texts tie
them (``stories_tied``: as ``story_identity.same_event`` ties a document to a story) and their
documents are alike on average (``storylines.cluster_similarity``, the group-average
link of ``stories.score`` between two stories) at ``settings.story_merge_similarity`` or more,
their places do not conflict, and neither, begun weeks after the other, tells the other's
report again (``retold``: as ``story_identity.repeats`` keeps such a document from joining).

Candidates come from the identity keys the stories share (people, place-and-day), never
from a scan of all pairs. The same test serves a corpus store, where a story that
arrives later may prove two stored stories one event (``storydiff.store``).
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from itertools import combinations

from .settings import Settings
from .stories import Cluster
from .story_identity import SHARED_PEOPLE_TIE, repeats, stories_principals_conflict
from .storylines import cluster_similarity

MERGE_KEY_STORIES = 20
"""Most stories an identity key may be held by to make merge candidates of them: a person
or a place-and-day in more stories is a public figure or a busy place (see
``settings.story_specific_df``), and the pairs would grow with its square."""

IDENTITY_PREFIXES = ("@n:", "@d:")
"""Bag keys that single out an event and find merge candidates: people named in full,
the place and day it happened."""


@dataclass(frozen=True)
class TieKeys:
    """What ``stories_tied`` reads of a story's identity keys, as sets (one pass over its
    ``Cluster.identity``): the ties of a candidate pair are then set intersections, not a
    scan of both bags."""

    days: frozenset[str]  # ``@d:`` place-and-day keys
    names: frozenset[str]  # people named in full (``@n:``, without the prefix)
    pairs: frozenset[str]  # capitalised pairs written (``@r:``)
    officials: frozenset[str]  # names introduced by a title of office (``@o:``)
    specific_places: frozenset[str]  # ``@s:`` rare places of the leads
    places: frozenset[str]  # ``@p:`` place words of the leads
    stated: frozenset[str] = frozenset()  # ``@t:`` days the texts state (ISO dates)


def tie_keys(cluster: Cluster) -> TieKeys:
    """The story's ``TieKeys``, read from its identity bag."""
    kinds: dict[str, set[str]] = {kind: set() for kind in _TIE_KINDS}
    for key in cluster.identity:
        found = kinds.get(key[:3])
        if found is not None:
            found.add(key[3:])
    return TieKeys(*(frozenset(kinds[kind]) for kind in _TIE_KINDS))


_TIE_KINDS = ("@d:", "@n:", "@r:", "@o:", "@s:", "@p:", "@t:")  # in the order of ``TieKeys``'s fields


def stories_tied(a: Cluster, b: Cluster, keys_a: TieKeys | None = None, keys_b: TieKeys | None = None) -> bool:
    """Whether the texts of two stories tie them to one event, as
    ``story_identity.same_event`` ties a document to a story: they share the place and
    day it happened (``@d:``; a text that states a day and names a place anywhere holds
    that key, see ``stories.story_features``); or they share ``SHARED_PEOPLE_TIE`` people
    (named in full by one, named or written by the other); or one such person and a
    specific place of both leads, or the day one began (or the day before), stated by the
    other. Unlike a document, a story is not tied by one person and a place the other
    merely names in its texts: on the generated corpus of ``benchmarks/bench_scale.py``
    that joined texts told again weeks later (stories F1 at 20k 0.827 -> 0.821), and on
    gvc-dev it adds nothing. ``keys_a`` and ``keys_b``: their ``tie_keys``, when read
    already."""
    keys_a = keys_a or tie_keys(a)
    keys_b = keys_b or tie_keys(b)
    if not keys_a.days.isdisjoint(keys_b.days):
        return True
    people = (keys_a.names & (keys_b.names | keys_b.pairs)) | (keys_b.names & keys_a.pairs)
    people -= keys_a.officials | keys_b.officials  # officials speak for an office, in many events
    if not people:
        return False
    if len(people) >= SHARED_PEOPLE_TIE or _states_beginning(keys_a, b) or _states_beginning(keys_b, a):
        return True
    return not keys_a.specific_places.isdisjoint(keys_b.specific_places)


def _states_beginning(keys: TieKeys, other: Cluster) -> bool:
    """Whether a story states the day ``other`` began, or the day before (last night's event)."""
    first = other.first_day
    if first is None or not keys.stated:
        return False
    return first.isoformat() in keys.stated or (first - timedelta(days=1)).isoformat() in keys.stated


def places_conflict(a: Cluster, b: Cluster, keys_a: TieKeys | None = None, keys_b: TieKeys | None = None) -> bool:
    """Whether each story puts its event in places the other never mentions (as
    ``story_identity.place_conflict`` for a document)."""
    places_a = (keys_a or tie_keys(a)).places
    places_b = (keys_b or tie_keys(b)).places
    if not places_a or not places_b:
        return False
    if any(p in places_b or p in b.entities for p in places_a):
        return False
    return not any(p in places_a or p in a.entities for p in places_b)


def mergeable(a: Cluster, b: Cluster, settings: Settings) -> float | None:
    """The pair's score when the two stories are one event (see the module docstring),
    else None."""
    if not tied_apart_from_score(a, b, settings):
        return None
    value = cluster_similarity(a, b)
    return value if value >= settings.story_merge_similarity else None


def tied_apart_from_score(
    a: Cluster, b: Cluster, settings: Settings, keys_a: TieKeys | None = None, keys_b: TieKeys | None = None
) -> bool:
    """``mergeable`` but for the score: the texts tie the two stories to one event, their
    places do not conflict, and they are within the follow-up window of each other."""
    if a.first_day and b.first_day and abs((a.first_day - b.first_day).days) > settings.story_followup_days:
        return False
    keys_a = keys_a or tie_keys(a)
    keys_b = keys_b or tie_keys(b)
    return (
        stories_tied(a, b, keys_a, keys_b)
        and not places_conflict(a, b, keys_a, keys_b)
        and not retold(a, b, settings)
        and stories_principals_conflict(a, b, settings.story_principal_ratio, settings.story_principal_documents) is None
    )


def retold(a: Cluster, b: Cluster, settings: Settings) -> bool:
    """Whether one story, begun beyond the near window of the other, tells the other's
    report again (``story_identity.repeats`` over its sentence fingerprints): no follow-up, as a
    document that does so is none (``stories.assign``)."""
    if not (a.first_day and b.first_day) or abs((a.first_day - b.first_day).days) <= settings.story_date_window_days:
        return False
    return any(
        repeats(one.sentences, other.sentences, settings)
        for one, other in ((a, b), (b, a))
    )


def merge_into(target: Cluster, other: Cluster) -> None:
    """Add ``other``'s sums to ``target``'s."""
    target.size += other.size
    target.embedding_sum = target.embedding_sum + other.embedding_sum
    target.entities.update(other.entities)
    target.identity.update(other.identity)
    target.sentences.update(other.sentences)
    target.places = None
    target.streets = None
    target.principals = None
    if other.first_day is not None and (target.first_day is None or other.first_day < target.first_day):
        target.first_day = other.first_day


def merge_clusters(clusters: Mapping[int, Cluster] | list[Cluster], settings: Settings) -> dict[int, int]:
    """Merge the stories that are one event; returns each merged story's number -> the
    story it went into (the older, lower number). ``clusters`` are changed in place: the
    surviving one holds the sums of both.

    Each merge must rest on the merged stories' own evidence, not on a chain. Which
    stories are tied (``mergeable`` but for the score) is decided once, on each story's
    own text, before any merge: a merged story's bag is the union of its parts' bags, and
    testing ties on it would let a story tied to one part be tied to the whole and pull
    in what only another part named (a hub story gathering a chain of events). Two groups
    of stories merge when one story of each is tied to one of the other by its own text,
    and all their documents are alike on average (the group-average link, scored again
    on the merged sums). Best pair first. Candidate pairs come from identity keys held by
    at most ``MERGE_KEY_STORIES`` stories, counted before any merge: a key too common to
    single out an event does not become specific because the stories holding it merged."""
    items = dict(enumerate(clusters)) if isinstance(clusters, list) else dict(clusters)
    by_key: dict[str, list[int]] = defaultdict(list)
    for number, cluster in items.items():
        for key in dict.fromkeys(merge_keys(cluster)):
            by_key[key].append(number)
    pairs: set[tuple[int, int]] = set()
    for numbers in by_key.values():
        if 1 < len(numbers) <= MERGE_KEY_STORIES:
            pairs.update(combinations(sorted(numbers), 2))
    # ties on each story's own text, read before any merge changes a bag
    tied: dict[int, set[int]] = defaultdict(set)
    keys = {number: tie_keys(items[number]) for number in sorted({n for pair in pairs for n in pair})}
    for a, b in sorted(pairs):
        if tied_apart_from_score(items[a], items[b], settings, keys[a], keys[b]):
            tied[a].add(b)
            tied[b].add(a)
    version = dict.fromkeys(items, 0)
    heap: list[tuple[float, int, int, int, int]] = []

    def push(a: int, b: int) -> None:
        a, b = min(a, b), max(a, b)
        value = cluster_similarity(items[a], items[b])
        if value >= settings.story_merge_similarity:
            heapq.heappush(heap, (-value, a, b, version[a], version[b]))

    for a in sorted(tied):
        for b in sorted(tied[a]):
            if a < b:
                push(a, b)
    merged: dict[int, int] = {}
    while heap:
        _, a, b, version_a, version_b = heapq.heappop(heap)
        if a in merged or b in merged or version[a] != version_a or version[b] != version_b:
            continue  # stale: one of them changed since this pair was scored
        if retold(items[a], items[b], settings):
            # a merged story holds its parts' sentences: a story that tells them again is
            # no follow-up of the whole, though it was of one part (a text told every few
            # weeks must not grow one story for years)
            tied[a].discard(b)
            tied[b].discard(a)
            continue
        merge_into(items[a], items[b])
        merged[b] = a
        version[a] += 1
        # the group's ties are its parts' own ties
        for other in tied.pop(b, set()):
            tied[other].discard(b)
            if other != a:
                tied[other].add(a)
                tied[a].add(other)
        tied[a].discard(b)
        for other in sorted(tied[a]):
            push(a, other)
    return {n: _root(merged, n) for n in merged}


def merge_keys(cluster: Cluster) -> list[str]:
    """The keys a story is found under for merging: its identity keys, and the people it
    writes (``@r:``) under their names, to meet the story that names them."""
    identity = cluster.identity
    return [k for k in identity if k.startswith(IDENTITY_PREFIXES) and "@o:" + k[3:] not in identity] + [
        "@n:" + k[3:] for k in identity if k.startswith("@r:")
    ]


def _root(merged: dict[int, int], number: int) -> int:
    while number in merged:
        number = merged[number]
    return number


def renumbered(into: dict[int, int], n_stories: int) -> list[int]:
    """Each story's number after ``merge_clusters`` (merged ones take their target's):
    the surviving stories keep their order and are numbered from 0."""
    survivors = [n for n in range(n_stories) if n not in into]
    position = {n: i for i, n in enumerate(survivors)}
    return [position[into.get(n, n)] for n in range(n_stories)]
