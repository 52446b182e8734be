"""What clustering can say about its stories: why each one's documents belong together,
which look-alike stories were kept apart and why, and which stories form a storyline.

* **basis** (``Story.basis``): the people named in full, the lead places, the stated days
  and the body names that two or more of the story's documents share (for a story of one
  document, its own), as read by ``storydiff.story_terms``.
* **kept apart** (``Story.kept_apart``): each document that scored as the same event as
  another story and was kept out of it by what the texts say of the event (conflicting
  places; beyond the near window with no person, place or day in common), with the score
  and the reason in words, on both stories.
* **storylines** (``Story.storyline``, ``Report.storylines``): stories that name the same
  person in full (a specific one: see ``settings.story_specific_df``) and whose
  documents are alike on average (the group-average link of ``stories.score`` between
  two stories) at ``settings.story_storyline_similarity`` or more are linked; a
  storyline is a connected set of linked stories. A storyline is derived from its
  stories' ``storyline`` and ``basis`` (``storylines_of``), so that a batch, a store and
  an engine build it the same way.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from operator import mul
from typing import TYPE_CHECKING

import numpy as np

from .model import Document, KeptApart, Story, StoryBasis, Storyline
from .settings import Settings

if TYPE_CHECKING:
    from .stories import Apart, Cluster, StoryFeatures

BASIS_ITEMS = 6
"""Most participants, places, days and words a basis lists: the first few say why."""

MAX_LINKED = 50
"""Stories one name may link; a name in more stories than this is no one participant's
(the specific-name cap already leaves such names out; this bounds the pairs)."""


def explain(
    stories: list[Story],
    docs: list[Document],
    members: list[list[int]],
    clusters: list[Cluster],
    apart: list[Apart],
    features: dict[int, StoryFeatures],
    settings: Settings,
) -> list[Story]:
    """``stories`` with ``basis``, ``kept_apart`` and ``storyline`` filled in, from the
    clustering that made them: ``members[c]`` are the documents (positions in ``docs``)
    of cluster ``c``, ``clusters[c]`` its sums, ``apart`` what ``stories.assign`` kept
    apart."""
    story_of_doc = {d: s.id for s in stories for d in s.documents}
    story_of = [story_of_doc[docs[m[0]].id] for m in members]
    bases = {story_of[c]: story_basis([features[i] for i in m]) for c, m in enumerate(members)}
    kept = kept_apart(
        [(story_of[a.story], story_of[a.other], docs[a.document].id, a.score, a.reason) for a in apart]
    )
    lines = link_storylines(clusters, settings.story_storyline_similarity)
    order = {s.id: n for n, s in enumerate(stories)}
    line_of: dict[str, str] = {}
    for n, line in enumerate(sorted(([story_of[c] for c in group] for group in lines), key=lambda g: min(order[s] for s in g))):
        for story in line:
            line_of[story] = f"L{n + 1}"
    return [
        s.model_copy(update={"basis": bases[s.id], "kept_apart": kept.get(s.id, []), "storyline": line_of.get(s.id)})
        for s in stories
    ]


def story_basis(members: list[StoryFeatures]) -> StoryBasis:
    """What two or more of the documents share (one document: its own)."""
    need = 2 if len(members) > 1 else 1
    names = _shared([[n[3:] for n in f.names] for f in members], need)
    places = _shared([[p[3:] for p in f.places] for f in members], need)
    days = _shared([[k.rsplit("|", 1)[1] for k in f.stated] for f in members], need)
    if len(members) == 1:  # most stories: the document's own weights, nothing to sum
        weight = members[0].entities
        held = None
    else:
        weight = Counter()
        held = Counter()
        for f in members:
            weight.update(f.entities)
            held.update(f.entities.keys())
    # the heaviest first (ties by name): a partial sort of the candidates, not of them all
    words = heapq.nsmallest(
        BASIS_ITEMS, (w for w in weight if held is None or held[w] >= need), key=lambda w: (-weight[w], w)
    )
    basis = StoryBasis(
        participants=[n.title() for n in names],
        places=[p.title() for p in places],
        days=sorted(days),
        words=words,
        summary="",
    )
    return basis.model_copy(update={"summary": _summary(len(members), basis)})


def _shared(lists: list[list[str]], need: int) -> list[str]:
    counts = Counter(x for items in lists for x in dict.fromkeys(items))
    return [x for x in sorted(counts, key=lambda x: (-counts[x], x)) if counts[x] >= need][:BASIS_ITEMS]


def _summary(n: int, basis: StoryBasis) -> str:
    parts = []
    if basis.participants:
        parts.append("name " + ", ".join(basis.participants))
    if basis.places:
        parts.append("put the event in " + ", ".join(basis.places))
    if basis.days:
        parts.append("state the day " + ", ".join(basis.days))
    if basis.words:
        parts.append("share the names " + ", ".join(basis.words))
    if n == 1:
        return "One document" + (": it " + "; ".join(parts) if parts else "") + "."
    if not parts:
        return f"{n} documents whose wording is alike; they share no person, place, day or name."
    return f"{n} documents with alike wording; two or more of them " + "; ".join(parts) + "."


def kept_apart(pairs: list[tuple[str, str, str, float, str]]) -> dict[str, list[KeptApart]]:
    """Per story, the look-alikes kept apart from it: ``pairs`` of (story the document
    went to, story it was kept out of, document, score, reason), on both stories, the
    highest-scoring document per pair of stories."""
    # (score as shown, document, reason) per pair: the models are made for the winners only
    best: dict[str, dict[str, tuple[float, str, str]]] = defaultdict(dict)
    for own, other, document, value, reason in pairs:
        if own == other:
            continue
        for x, y in ((own, other), (other, own)):
            found = best[x].get(y)
            if found is None or value > found[0]:
                best[x][y] = (round(value, 3), document, reason)
    return {
        s: sorted(
            (KeptApart(story=y, document=document, score=shown, reason=reason) for y, (shown, document, reason) in found.items()),
            key=lambda k: (-k.score, k.story),
        )
        for s, found in best.items()
    }


def cluster_similarity(a: Cluster, b: Cluster) -> float:
    """Group-average link between two stories: the mean over pairs of their documents of
    the score ``stories.score`` gives (embeddings and entity vectors, equal weights)."""
    from .stories import EMBEDDING_WEIGHT, ENTITY_WEIGHT

    small, large = (a.entities, b.entities) if len(a.entities) < len(b.entities) else (b.entities, a.entities)
    shared = [k for k in small if k in large]  # in ``small``'s order: the same sum as ever
    entity_dot = sum(map(mul, map(small.__getitem__, shared), map(large.__getitem__, shared)))
    embedding_dot = float(np.dot(a.embedding_sum, b.embedding_sum))
    return (EMBEDDING_WEIGHT * embedding_dot + ENTITY_WEIGHT * entity_dot) / (a.size * b.size)


def link_storylines(clusters: list[Cluster], threshold: float) -> list[list[int]]:
    """Groups of two or more clusters (stories) that name a person in common, joined by
    average link: two groups join when the group-average similarity of all their
    documents is ``threshold`` or more, most similar pairs first. Average link and not
    single link: one shared official must not chain a year of stories into one line."""
    from .stories import Cluster

    by_name: dict[str, list[int]] = defaultdict(list)
    for c, cluster in enumerate(clusters):
        for key in cluster.identity:
            if key.startswith("@n:"):
                by_name[key].append(c)
    pairs: dict[tuple[int, int], float] = {}
    for stories in by_name.values():
        if 2 <= len(stories) <= MAX_LINKED:
            for i, a in enumerate(stories):
                for b in stories[i + 1 :]:
                    if (a, b) not in pairs:
                        pairs[a, b] = cluster_similarity(clusters[a], clusters[b])
    group_of = list(range(len(clusters)))
    groups: dict[int, list[int]] = {}
    sums: dict[int, Cluster] = {}
    for (a, b), value in sorted(pairs.items(), key=lambda item: (-item[1], item[0])):
        if value < threshold:
            break
        ga, gb = group_of[a], group_of[b]
        if ga == gb:
            continue
        left, right = sums.get(ga, clusters[ga]), sums.get(gb, clusters[gb])
        if (ga in sums or gb in sums) and cluster_similarity(left, right) < threshold:
            continue
        merged = Cluster(left.size + right.size, left.embedding_sum + right.embedding_sum, left.entities + right.entities, None)
        members = groups.pop(ga, [ga]) + groups.pop(gb, [gb])
        sums.pop(gb, None)
        sums[ga] = merged
        groups[ga] = members
        for c in members:
            group_of[c] = ga
    return [sorted(g) for g in groups.values()]


def storylines_of(stories: list[Story]) -> list[Storyline]:
    """The storylines the stories name (``Story.storyline``), earliest first: titled by
    the participants (else the names) that most of their stories' bases share, else by
    the first story's headline."""
    lines: dict[str, list[Story]] = defaultdict(list)
    for story in stories:
        if story.storyline:
            lines[story.storyline].append(story)
    found = []
    for line_id, members in lines.items():
        shared = _shared([s.basis.participants if s.basis else [] for s in members], 2)
        if not shared:
            shared = [w.title() for w in _shared([s.basis.words if s.basis else [] for s in members], 2)]
        title = " · ".join(shared[:2]) if shared else members[0].headline
        found.append(Storyline(id=line_id, title=title, stories=[s.id for s in members], shared=shared))
    return sorted(found, key=lambda line: (len(line.id), line.id))
