"""Stories that hold two look-alike events: split once all documents are assigned.

Clustering is incremental (``stories.assign``): a document joins the best story there is
when it comes. When two events of one kind (two arrests of one team's players, two
pirate attacks foiled by one navy, two climbing deaths on one mountain) are told with
the same words and the same team, place or navy, the first report of the second event
finds only the first event's story, scores as high as its own would, and joins it; the
rest of the second event follows. Undated texts have no date window to keep them out.

What tells the two events apart in the text is their principal participants: each
event's documents name their own player, ship or climber among their most weighted names,
and the other event's documents never do. Once all documents are assigned, a story of
at least twice ``settings.story_split_min_side`` documents is divided in two by
average-link over its documents' scores (``stories.score`` between two documents); the
division stands when

* each side has ``settings.story_split_min_side`` documents or more (a story's odd
  document out is no second event: such outliers are set aside while the division is
  sought and go to the side they score higher with);
* each side has a **mark**: a name among the ``settings.story_split_top_names`` most
  weighted names of at least half of its documents and of none of the other side's
  (``marks``): two principal participants, one per event;
* the sides are less alike with each other than each is within itself, by
  ``settings.story_split_gap`` or more (the average-link score);
* and the texts do not tie the sides to one event (``story_merge.stories_tied``: a
  person named in full on both, the place and day): a story and its follow-ups weeks
  later (the shooting, then the arrest of a suspect its first reports could not name)
  differ in their most weighted names too, but the follow-ups name the victims or the
  day and place.

Each side is then tried again (a story may hold more than two events). The split is
explained on both stories as a pair kept apart (``stories.Apart``), with both marks.
"""

from __future__ import annotations

from collections import Counter
from operator import mul

import numpy as np

from .settings import Settings
from .stories import EMBEDDING_WEIGHT, ENTITY_WEIGHT, Apart, Cluster, StoryFeatures, new_cluster


def split_stories(
    members: list[list[int]], clusters: list[Cluster], features: dict[int, StoryFeatures], settings: Settings
) -> tuple[list[list[int]], list[Cluster], list[Apart]]:
    """``members`` and ``clusters`` with each story that holds two look-alike events split
    (see the module docstring), and a pair kept apart per split. Stories keep their order;
    a split story's second side comes after all of them."""
    out_members = list(members)
    out_clusters = list(clusters)
    apart: list[Apart] = []
    pending = [n for n, m in enumerate(members) if len(m) >= 2 * settings.story_split_min_side]
    while pending:
        n = pending.pop()
        found = split_in_two([features[i] for i in out_members[n]], settings)
        if found is None:
            continue
        side_a, side_b, score, reason = found
        out_members[n] = [f.index for f in side_a]
        out_clusters[n] = new_cluster(side_a)
        out_members.append([f.index for f in side_b])
        out_clusters.append(new_cluster(side_b))
        other = len(out_members) - 1
        apart.append(Apart(n, other, side_b[0].index, score, reason))
        pending += [x for x in (n, other) if len(out_members[x]) >= 2 * settings.story_split_min_side]
    return out_members, out_clusters, apart


def split_in_two(
    docs: list[StoryFeatures], settings: Settings
) -> tuple[list[StoryFeatures], list[StoryFeatures], float, str] | None:
    """The story's two events (sides in input order), the score between them and the
    reason in words, or None when it is one event."""
    least = settings.story_split_min_side
    if len(docs) < 2 * least or len(docs) > settings.story_split_max_documents:
        return None
    scores = pair_scores(docs)
    rest = list(range(len(docs)))
    outliers: list[int] = []
    while True:
        if len(rest) < 2 * least:
            return None
        a, b = two_groups(scores[np.ix_(rest, rest)])
        a, b = [rest[i] for i in a], [rest[i] for i in b]
        if min(len(a), len(b)) >= least:
            break
        small = a if len(a) < len(b) else b
        outliers += small
        rest = [i for i in rest if i not in small]
    for i in outliers:
        (a if scores[i, a].mean() >= scores[i, b].mean() else b).append(i)
    a.sort()
    b.sort()
    between = float(scores[np.ix_(a, b)].mean())
    if min(_within(scores, a), _within(scores, b)) - between < settings.story_split_gap:
        return None
    side_a, side_b = [docs[i] for i in a], [docs[i] for i in b]
    top = settings.story_split_top_names
    marks_a, marks_b = marks(side_a, side_b, top), marks(side_b, side_a, top)
    if not marks_a or not marks_b:
        return None
    if _apart_in_time(side_a, side_b, settings.story_date_window_days):
        return None
    if side_b[0].index < side_a[0].index:
        side_a, side_b, marks_a, marks_b = side_b, side_a, marks_b, marks_a
    reason = (
        f"two look-alike events in one story: most of one side's documents name {', '.join(m.title() for m in marks_a)} "
        f"among their main names, most of the other's {', '.join(m.title() for m in marks_b)}, and neither side "
        "gives the other's main names that weight; no person, place or day ties them"
    )
    return side_a, side_b, between, reason


def _apart_in_time(side_a: list[StoryFeatures], side_b: list[StoryFeatures], window: int) -> bool:
    """Whether both sides are dated and one begins more than ``window`` days after the
    other ends: later reports that ``stories.assign`` took in as follow-ups on what their
    text ties to the event, not a second event it could not see."""
    days_a = [f.day for f in side_a if f.day is not None]
    days_b = [f.day for f in side_b if f.day is not None]
    if not days_a or not days_b:
        return False
    return (min(days_b) - max(days_a)).days > window or (min(days_a) - max(days_b)).days > window


def marks(side: list[StoryFeatures], other: list[StoryFeatures], top: int) -> list[str]:
    """Names among the ``top`` most weighted of at least half of ``side``'s documents and
    of none of ``other``'s: what singles out ``side``'s event (see the module docstring)."""
    held = Counter(e for f in side for e in _top_names(f, top))
    theirs = {e for f in other for e in _top_names(f, top)}
    return sorted(e for e, n in held.items() if 2 * n >= len(side) and e not in theirs)


def _top_names(f: StoryFeatures, top: int) -> list[str]:
    return sorted(f.entities, key=lambda e: (-f.entities[e], e))[:top]


def pair_scores(docs: list[StoryFeatures]) -> np.ndarray:
    """``stories.score`` between every two documents (1 on the diagonal)."""
    embeddings = np.stack([f.embedding for f in docs]).astype(np.float64)
    scores = EMBEDDING_WEIGHT * (embeddings @ embeddings.T)
    for i, f in enumerate(docs):
        own = f.entities
        for j in range(i + 1, len(docs)):
            bag = docs[j].entities
            shared = own.keys() & bag.keys()
            value = ENTITY_WEIGHT * sum(map(mul, map(own.__getitem__, shared), map(bag.__getitem__, shared)))
            scores[i, j] += value
            scores[j, i] += value
    np.fill_diagonal(scores, 1.0)
    return scores


def two_groups(scores: np.ndarray) -> tuple[list[int], list[int]]:
    """The last two groups of average-link agglomeration over a score matrix (the top
    division of its dendrogram)."""
    groups = [[i] for i in range(len(scores))]
    link = scores.astype(np.float64).copy()
    np.fill_diagonal(link, -np.inf)
    alive = np.ones(len(scores), dtype=bool)
    while len(groups) - (~alive).sum() > 2:
        masked = np.where(alive[:, None] & alive[None, :], link, -np.inf)
        i, j = divmod(int(np.argmax(masked)), len(scores))
        i, j = min(i, j), max(i, j)
        ni, nj = len(groups[i]), len(groups[j])
        # Lance-Williams for average link: the merged group's mean score with every other
        merged = (ni * link[i] + nj * link[j]) / (ni + nj)
        link[i], link[:, i] = merged, merged
        link[i, i] = -np.inf
        alive[j] = False
        link[j], link[:, j] = -np.inf, -np.inf
        groups[i] += groups[j]
        groups[j] = []
    a, b = (sorted(g) for g, live in zip(groups, alive) if live)
    return a, b


def _within(scores: np.ndarray, side: list[int]) -> float:
    block = scores[np.ix_(side, side)]
    n = len(side)
    return float((block.sum() - np.trace(block)) / (n * (n - 1)))
