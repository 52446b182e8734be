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
  document out is no second event);
* each side has a **mark** (``marks``): among the ``settings.story_split_top_names``
  names its documents weigh most together, one that the other side's documents weigh
  less than ``settings.story_split_mark_ratio`` as much, and that no document writes in
  lower case: a principal participant of its own event that the other event barely names;
  or (``settings.story_split_one_mark``) one side has a mark and the other's most weighted
  names are ones both sides weigh: public figures or a country acting in two events (an
  envoy's visit and the leader's pledge days later), of which only one has a principal
  of its own;
* the sides are less alike with each other than ``settings.story_split_most_alike``
  (the average-link score), and than each is within itself by ``settings.story_split_gap``
  or more;
* and the sides are not two times of one event: when both are dated, their middle days
  lie within ``settings.story_date_window_days`` of each other. A story and its
  follow-ups weeks later (the shooting, then the arrest of a suspect its first reports
  could not name) differ in their principal names too, but ``stories.assign`` took the
  follow-ups in on what their texts tie to the event; what it could not see is a second
  event in undated texts, or in texts of the same days.

A smaller group that fails these (too few, no mark, or a later time of the event: an
official's decision two months on) is set aside and the rest divided again; what was set
aside goes to the side it scores higher with. Each side is then tried again (a story may hold more than two events). The split is
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
    if min(f.idf_documents for f in docs) < settings.story_split_min_corpus:
        return None  # a small batch's weights do not show which names are principal
    scores = pair_scores(docs)
    rest = list(range(len(docs)))
    set_aside: list[int] = []
    while len(rest) >= 2 * least:
        a, b = two_groups(scores[np.ix_(rest, rest)])
        a, b = [rest[i] for i in a], [rest[i] for i in b]
        small = a if len(a) < len(b) else b
        if len(small) >= least:
            # what was set aside goes to the side it scores higher with
            with_a = [i for i in set_aside if scores[i, a].mean() >= scores[i, b].mean()]
            a, b = sorted(a + with_a), sorted(b + [i for i in set_aside if i not in with_a])
            side_a, side_b = [docs[i] for i in a], [docs[i] for i in b]
            between = float(scores[np.ix_(a, b)].mean())
            marks_a, marks_b = marks(side_a, side_b, settings), marks(side_b, side_a, settings)
            if (
                (marks_a and marks_b or settings.story_split_one_mark and (marks_a or marks_b))
                and between < settings.story_split_most_alike
                and min(_within(scores, a), _within(scores, b)) - between >= settings.story_split_gap
                and not _apart_in_time(side_a, side_b, settings.story_date_window_days)
            ):
                break
        # the smaller group is no event of its own (too few, nothing singles it out, or a
        # later time of the event): set it aside and divide the rest
        small = set(small) - set(set_aside)
        set_aside += sorted(small)
        rest = [i for i in rest if i not in small]
    else:
        return None
    if side_b[0].index < side_a[0].index:
        side_a, side_b, marks_a, marks_b = side_b, side_a, marks_b, marks_a
    if marks_a and marks_b:
        reason = (
            f"two look-alike events told alike: one side's documents weigh {', '.join(m.title() for m in marks_a)} "
            f"most, the other's {', '.join(m.title() for m in marks_b)}, and each side barely names the other's"
        )
    else:
        marked, alone = (side_a, marks_a) if marks_a else (side_b, marks_b)
        which = "first" if marked is side_a else "second"
        reason = (
            f"two look-alike events told alike: the {which} side's documents weigh {', '.join(m.title() for m in alone)} "
            "most, which the other barely names; the other's names are ones both sides share"
        )
    return side_a, side_b, between, reason


def _apart_in_time(side_a: list[StoryFeatures], side_b: list[StoryFeatures], window: int) -> bool:
    """Whether both sides are dated and their middle days lie more than ``window`` days
    apart: later reports that ``stories.assign`` took in as follow-ups on what their text
    ties to the event, not a second event it could not see."""
    days_a = [f.day for f in side_a if f.day is not None]
    days_b = [f.day for f in side_b if f.day is not None]
    if not days_a or not days_b:
        return False
    middle_a, middle_b = sorted(days_a)[len(days_a) // 2], sorted(days_b)[len(days_b) // 2]
    return abs((middle_a - middle_b).days) > window


def marks(side: list[StoryFeatures], other: list[StoryFeatures], settings: Settings) -> list[str]:
    """The names that single out ``side``'s event: among the
    ``settings.story_split_top_names`` most weighted in ``side``'s documents together
    (the mean of their entity vectors), those whose mean weight in ``other``'s documents
    is below ``settings.story_split_mark_ratio`` of that (the other event never or barely
    names them), and that no document of either side writes in lower case (a word,
    "Fired", "City", is no participant)."""
    words = set().union(*(f.common for f in side + other))
    mine: Counter = Counter()
    theirs: Counter = Counter()
    for f in side:
        mine.update(f.entities)
    for f in other:
        theirs.update(f.entities)
    principal = sorted((e for e in mine if e not in words), key=lambda e: (-mine[e], e))[: settings.story_split_top_names]
    ratio = settings.story_split_mark_ratio
    return sorted(e for e in principal if theirs[e] / len(other) < ratio * mine[e] / len(side))


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
