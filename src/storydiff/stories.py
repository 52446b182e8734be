"""Story clustering: documents that report the same event.

Each document gets cheap signals, read without the spaCy parse (clustering runs on the
whole corpus before it): an embedding of its title and lead, a tf-idf vector of the names
its body writes, and identity keys (the places, people and days its text gives), see
``storydiff.story_features``. Here they are grouped:

* **date**: publication dates bound nothing by themselves. Within
  ``settings.story_date_window_days`` of a story's first article any document may join
  it on its score; beyond, up to ``settings.story_followup_days``, only a document whose
  text ties it to the story's event (``same_event``: it states the day the story
  happened in the story's place, or names one of its people in full and gives one of its
  places; names and places in many documents do not count).
  Undated articles are not limited; an undated page takes the date its header states.
* **repeats**: a document beyond the near window whose sentences the story mostly
  holds word for word (``repeats``) tells its report again and is no follow-up,
  however many people and places it shares: a story does not grow for years through
  one text told again.
* **places**: a document whose lead puts its event in places the story never mentions,
  while the story's leads give places the document never mentions, is a look-alike event
  (``place_conflict``), unless it scores ``settings.story_place_overrides`` or more.
* **who**: a document about another person than the one the story is about, who never
  writes the story's person, is another event of the same kind at any score
  (``principal_conflict``: two arrests of one team's players).

Clustering is incremental, in date order: each story keeps the sums of its members'
embeddings and entity vectors; candidate stories for a document come from an inverted
index from salient entities and lead keywords to stories (stale postings dropped as the
date moves on), and for follow-ups from the same index under the document's full names
and place-and-day keys over the follow-up window, never from a scan of all stories. The score of a document against a story
is the group-average link ``EMBEDDING_WEIGHT * mean cosine of embeddings + ENTITY_WEIGHT *
mean cosine of entity vectors`` over the story's members, both read off the sums in O(1).
Group-average rather than centroid similarity: a story's centroid drifts towards what all
news shares (the big names) and then swallows unrelated articles, most of all when there
are no dates to hold it in (PolNeAR without dates: one "story" of 305 articles with
centroids, at most 10 with group-average). The document joins the best candidate when its
score is at least ``settings.story_similarity`` and opens a new story otherwise. Copies
(``duplicate_of``) join their canonical's story.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import mul
from typing import Protocol

import numpy as np
from spacy.language import Language

from .copies import split_sentences
from .gc_pause import gc_paused
from .model import Document, Story
from .settings import Settings
from .story_features import (  # noqa: F401  (the names stories has always offered)
    COMMON_DIRECTIONS,
    MAX_PLACE_DAYS,
    StoryFeatures,
    _common_components,
    _features,
    story_features,
)
from .story_identity import (
    disjoint_people,
    place_conflict,
    place_reason,
    principal_conflict,
    repeats,
    same_event,
    street_conflict,
)
from .storylines import explain
from .story_terms import (  # noqa: F401  (document_terms, count_terms: the store's API)
    INDEX_KEYS,
    DocumentTerms,
    count_terms,
    document_terms,
    story_day,
)


EMBEDDING_WEIGHT = 0.5
ENTITY_WEIGHT = 0.5
"""Weights of the two similarities in the combined score (they sum to 1, so the score is
on the scale of a cosine). Chosen on BASIL, see settings.story_similarity: outlets word
one event very differently, and the shared names carry as much as the wording."""

MAX_POSTING = 200
"""Most stories one index key points to (the latest ones). Dated corpora never come near
it (postings are pruned to the date window); it keeps undated corpora of 100k articles
from turning a common name into a scan of every story."""

_NO_DATE = date.max


@dataclass
class Cluster:
    """A story as clustering sees it: sums of its members' vectors, so that the
    group-average scores are O(1) to read (see ``score``)."""

    size: int
    embedding_sum: np.ndarray  # sum of the members' unit embeddings
    entities: Counter  # sum of the members' unit entity vectors (what ``score`` reads)
    first_day: date | None
    places: set[str] | None = None  # the ``@p:`` keys of ``identity``, read once (not stored)
    streets: set[str] | None = None  # the ``@v:`` keys of ``identity``, read once (not stored)
    principals: Counter | None = None  # the ``@m:`` keys of ``identity`` and their documents, read once (not stored)
    identity: Counter = field(default_factory=Counter)  # ``@`` keys: what the texts say of the event
    sentences: Counter = field(default_factory=Counter)  # ``@h:`` fingerprints of the members' sentences

    def __post_init__(self) -> None:
        # A bag as a store keeps it (``bag``: one mapping of every key) is split by kind:
        # the scored entities apart from the identity keys and the sentence fingerprints,
        # so that neither the score nor the ties scan what they do not read.
        if any(k[:1] == "@" for k in self.entities):
            mixed, self.entities = self.entities, Counter()
            for key, value in mixed.items():
                if key[:1] != "@":
                    self.entities[key] = value
                elif key.startswith("@h:"):
                    self.sentences[key] = value
                else:
                    self.identity[key] = value

    def bag(self) -> dict[str, float]:
        """Every key in one mapping, as a store keeps it (``Cluster(...)`` splits it again)."""
        return {**self.entities, **self.identity, **self.sentences}


@dataclass
class Apart:
    """A document kept out of a look-alike story: it scored as the same event, and what its
    text says of the event (``place_conflict``, no tie beyond the near window) said not."""

    story: int  # the story the document went to
    other: int  # the look-alike story it was kept out of
    document: int  # the document (``StoryFeatures.index``)
    score: float
    reason: str


class StoryIndex(Protocol):
    """Where clusters and the candidate index live: in memory for one batch
    (``MemoryStoryIndex``), in SQLite for a corpus store (``storydiff.store``)."""

    def candidates(self, keys: list[str], day: date | None, window: int) -> Iterable[int]:
        """Stories that share an index key with a document of ``day`` and may still be
        within the date window (the caller checks the window again)."""

    def get(self, story: int) -> Cluster:
        """The story's cluster, to read or to change in place."""

    def add(self, cluster: Cluster) -> int:
        """A new story; its number."""

    def post(self, story: int, keys: list[str]) -> None:
        """Index the story under ``keys`` (after a document with these keys joined it)."""


def group_stories(docs: list[Document], settings: Settings, nlp: Language) -> list[Story]:
    """Stories with id, headline, documents (copies included), outlets and date span.

    ``docs`` carry ``duplicate_of``; copies join their canonical's story. Stories are
    numbered S1, S2, ... by earliest date (undated last), then headline."""
    if not docs:
        return []
    with gc_paused():
        return _group_stories(docs, settings, nlp)


def _group_stories(docs: list[Document], settings: Settings, nlp: Language) -> list[Story]:
    ids = {d.id for d in docs}
    canonical = [i for i, d in enumerate(docs) if not d.duplicate_of or d.duplicate_of not in ids]
    features = _features([docs[i] for i in canonical], nlp, settings)
    for f, i in zip(features, canonical):
        f.index = i
    members, clusters, apart = cluster_stories(features, settings)
    stories = _stories(docs, members, {f.index: f for f in features})
    return explain(stories, docs, members, clusters, apart, {f.index: f for f in features}, settings)


# --- features ---------------------------------------------------------------------------
# --- clustering -------------------------------------------------------------------------


def assign(
    f: StoryFeatures,
    index: StoryIndex,
    settings: Settings,
    weights: tuple[float, float] | None = None,
    apart: list[Apart] | None = None,
) -> int:
    """Put one document in its story: the best-scoring candidate at or above
    ``settings.story_similarity``, or a new story. Returns the story's number. The
    look-alike stories it was kept out of are added to ``apart`` (see ``Apart``).

    Candidates are the stories that share an index key and opened within
    ``settings.story_date_window_days``, and the stories that share a full name
    (``@n:`` keys) and opened within ``settings.story_followup_days``: a follow-up beyond
    the near window must name a participant of the story. A candidate whose places
    conflict with the document's (``place_conflict``) is another event, however alike."""
    window, followup = settings.story_date_window_days, settings.story_followup_days
    found = set(index.candidates(f.keys, f.day, window))
    identity = [n for n in f.names if n not in f.officials] + f.stated + f.pairs
    if identity and f.day is not None:
        found.update(index.candidates(identity, f.day, followup))
    # the best story within the near window, else the best follow-up: a document that a
    # current story takes is not pulled into an older one
    best: dict[bool, tuple[float, int]] = {}
    refused: list[tuple[int, float, str]] = []  # look-alikes: scored as one event, kept apart
    other_principal = 0.0  # the best score of a story about another person (``principal_conflict``)
    for c in sorted(found):  # sorted: ties go to the older story
        cluster = index.get(c)
        threshold, tied, rerun = settings.story_similarity, True, False
        far = f.day is not None and too_far(cluster, f.day, window)
        if far and too_far(cluster, f.day, followup):
            continue
        value = score(f, cluster, weights)
        if far:
            threshold = settings.story_followup_similarity
            if value < threshold and value < settings.story_similarity:
                # neither the best nor a look-alike, whatever its text ties: not read (a
                # third of a large corpus's candidates are such old stories)
                continue
            rerun = repeats(f.sentences, cluster.sentences, settings)
            tied = not rerun and same_event(f, cluster)
        if not far and settings.story_tied_similarity <= value < threshold and same_event(f, cluster):
            threshold = settings.story_tied_similarity
        if value < settings.story_place_overrides and place_conflict(f, cluster):
            if value >= settings.story_similarity:
                refused.append((c, value, place_reason(f, cluster)))
            continue
        if not far and (value < settings.story_place_overrides or f.day is None) and value >= threshold:
            why = street_conflict(f, cluster)
            if why is not None:
                refused.append((c, value, why))
                continue
        if not far and value < settings.story_place_overrides and value >= threshold:
            why = disjoint_people(f, cluster, settings.story_disjoint_people)
            if why is not None:
                refused.append((c, value, why))
                continue
        if not far and value >= threshold:
            why = principal_conflict(f, cluster, settings.story_principal_ratio, settings.story_principal_documents)
            if why is not None:
                refused.append((c, value, why))
                other_principal = max(other_principal, value)
                continue
        if value >= threshold and tied and (far not in best or value > best[far][0]):
            best[far] = (value, c)
        elif not tied and value >= settings.story_similarity:
            days = abs((f.day - cluster.first_day).days)
            why = "its text repeats the story's own sentences: the same report again, not a follow-up" if rerun else "no person, place or day in common"
            refused.append((c, value, f"{days} days after the story began, and {why}"))
    # the story most alike is another event of the same kind about another person: a story
    # less alike is no better home (an undated report of a second arrest would take the
    # next story of the team), so the document opens its own
    best = {k: v for k, v in best.items() if v[0] > other_principal}
    best = (best.get(False) or best.get(True) or (None, None))[1]
    if best is None:
        best = index.add(Cluster(0, np.zeros_like(f.embedding), Counter(), f.day))
    if apart is not None:
        apart.extend(Apart(best, c, f.index, value, reason) for c, value, reason in refused if c != best)
    add_member(index.get(best), f)
    index.post(best, f.keys + f.names + f.place_days)
    return best


def add_member(cluster: Cluster, f: StoryFeatures) -> None:
    """Add a document's vectors, identity keys and fingerprints to a story's sums."""
    cluster.size += 1
    cluster.embedding_sum += f.embedding
    cluster.entities.update(f.entities)
    # identity keys and fingerprints in bags of their own: they never count in the score;
    # each key once per document (counted in C: an iterator, not a mapping, to update)
    cluster.identity.update(
        iter(
            dict.fromkeys(
                f.names + f.places + f.place_days + f.stated + f.streets
                + ["@s:" + p[3:] for p in f.specific_places]
                + ["@r:" + p[3:] for p in f.pairs]
                + ["@o:" + p[3:] for p in f.officials]
                + ["@t:" + d.isoformat() for d in f.stated_days]
                + (["@m:" + f.principal] if f.principal else [])
            )
        )
    )
    cluster.sentences.update(iter(dict.fromkeys(f.sentences)))
    if cluster.places is not None:
        cluster.places.update(f.places)
    if cluster.streets is not None:
        cluster.streets.update(f.streets)
    if cluster.principals is not None and f.principal:
        cluster.principals[f.principal] += 1
    if f.day is not None and (cluster.first_day is None or f.day < cluster.first_day):
        cluster.first_day = f.day


def new_cluster(members: Iterable[StoryFeatures]) -> Cluster:
    """A story's cluster built from its documents' features."""
    members = list(members)
    cluster = Cluster(0, np.zeros_like(members[0].embedding), Counter(), None)
    for f in members:
        add_member(cluster, f)
    return cluster


def score(f: StoryFeatures, cluster: Cluster, weights: tuple[float, float] | None = None) -> float:
    """Group-average link: mean cosine to the story's members, of embeddings and of entity
    vectors, both read off the cluster's sums."""
    embedding_weight, entity_weight = weights or (EMBEDDING_WEIGHT, ENTITY_WEIGHT)
    bag, own = cluster.entities, f.entities
    # only the shared entities contribute: intersect first, then sum (both at C speed)
    shared = own.keys() & bag.keys()
    entity_dot = sum(map(mul, map(own.__getitem__, shared), map(bag.__getitem__, shared)))
    return (embedding_weight * float(f.embedding @ cluster.embedding_sum) + entity_weight * entity_dot) / cluster.size


def too_far(cluster: Cluster, day: date, window: int) -> bool:
    """Whether a document of ``day`` is outside the story's date window (either side: a
    store can receive an older article after newer ones)."""
    return cluster.first_day is not None and abs((day - cluster.first_day).days) > window


class MemoryStoryIndex:
    """The candidate index for one batch processed in date order."""

    def __init__(self) -> None:
        self.clusters: list[Cluster] = []
        self.postings: dict[str, list[int]] = defaultdict(list)

    def candidates(self, keys: list[str], day: date | None, window: int) -> set[int]:
        found: set[int] = set()
        clusters = self.clusters
        if day is not None:  # ``too_far`` as a range of first days
            low, high = day - timedelta(days=window), day + timedelta(days=window)
        for key in keys:
            posting = self.postings.get(key)
            if not posting:
                continue
            if day is not None:
                # Processing is in date order: a story too old for this document is too
                # old for every later one, so its posting can go.
                kept = [c for c in posting if (first := clusters[c].first_day) is None or low <= first <= high]
                if len(kept) < len(posting):
                    posting[:] = kept
            found.update(posting)
        return found

    def get(self, story: int) -> Cluster:
        return self.clusters[story]

    def add(self, cluster: Cluster) -> int:
        self.clusters.append(cluster)
        return len(self.clusters) - 1

    def post(self, story: int, keys: list[str]) -> None:
        for key in keys:
            posting = self.postings[key]
            if story not in posting:
                posting.append(story)
                if len(posting) > MAX_POSTING:
                    del posting[0]  # the oldest story; see MAX_POSTING


def _cluster(
    features: list[StoryFeatures], settings: Settings, weights: tuple[float, float] | None = None
) -> list[list[int]]:
    """Incremental clustering of a batch in date order (undated last): members per story."""
    return cluster_stories(features, settings, weights)[0]


def cluster_stories(
    features: list[StoryFeatures], settings: Settings, weights: tuple[float, float] | None = None
) -> tuple[list[list[int]], list[Cluster], list[Apart]]:
    """Clustering of a batch in date order (undated last): the members of each story (their
    ``StoryFeatures.index``), its cluster, and what was kept apart. Once all documents
    are assigned, stories that hold two look-alike events are split (``story_split``),
    then stories that are one event are merged (``story_merge``)."""
    from .story_merge import merge_clusters, renumbered
    from .story_split import split_stories

    index = MemoryStoryIndex()
    members: list[list[int]] = []
    apart: list[Apart] = []
    for f in sorted(features, key=lambda f: (f.day or _NO_DATE, f.index)):
        story = assign(f, index, settings, weights, apart)
        if story == len(members):
            members.append([])
        members[story].append(f.index)
    clusters = index.clusters
    # splits first: a look-alike event taken out of a story may then merge with the rest
    # of its own event, opened apart
    if any(len(m) >= 2 * settings.story_split_min_side for m in members):
        by_index = {f.index: f for f in features}
        members, clusters, split_apart = split_stories(members, clusters, by_index, settings)
        apart += split_apart
    into = merge_clusters(clusters, settings)
    if into:
        number = renumbered(into, len(members))
        merged: list[list[int]] = [[] for _ in range(len(members) - len(into))]
        for story, docs in enumerate(members):
            merged[number[story]].extend(docs)
        members = merged
        clusters = [c for n, c in enumerate(clusters) if n not in into]
        apart = [
            Apart(number[a.story], number[a.other], a.document, a.score, a.reason)
            for a in apart
            if number[a.story] != number[a.other]
        ]
    return members, clusters, apart


# --- stories ----------------------------------------------------------------------------


def _stories(docs: list[Document], clusters: list[list[int]], features: dict[int, StoryFeatures]) -> list[Story]:
    position = {d.id: i for i, d in enumerate(docs)}
    copies: dict[int, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        if d.duplicate_of and d.duplicate_of in position:
            copies[position[d.duplicate_of]].append(i)

    drafts = []
    for cluster in clusters:
        members = sorted(set(cluster) | {c for m in cluster for c in copies.get(m, [])})
        days = sorted(day for i in members if (day := story_day(docs[i].published)) is not None)
        outlets = sorted({docs[i].outlet for i in members if docs[i].outlet})
        clustered = sorted(cluster)
        title = headline([docs[i] for i in clustered], [features[i].embedding for i in clustered])
        drafts.append(
            (
                (days[0] if days else _NO_DATE, title, docs[members[0]].id),
                dict(
                    headline=title,
                    documents=[docs[i].id for i in members],
                    outlets=outlets,
                    date_start=days[0].isoformat() if days else None,
                    date_end=days[-1].isoformat() if days else None,
                ),
            )
        )
    drafts.sort(key=lambda pair: pair[0])
    # made once their order is known (a copy of each, to number it, cost as much again)
    return [Story(id=f"S{n + 1}", **fields) for n, (_, fields) in enumerate(drafts)]


def headline(docs: list[Document], embeddings: list[np.ndarray]) -> str:
    """The title closest to the story's centroid (its most central title); without titles,
    the first sentence of the first article; ties go to the earlier document. ``docs`` are
    the clustered members (copies left out) in input order, with their embeddings."""
    centroid = np.sum(embeddings, axis=0)
    titled = [i for i, d in enumerate(docs) if d.title and d.title.strip()]
    if titled:
        best = max(titled, key=lambda i: (float(embeddings[i] @ centroid), -i))
        return docs[best].title.strip()
    sentences = split_sentences(docs[0].text)
    return sentences[0][:200] if sentences else docs[0].id
