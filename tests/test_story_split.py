"""Stories that hold two look-alike events are split (storydiff.story_split).

Features are built by hand: two invented events of one kind (two ferry groundings off one
island), told with the same words and the same shared names, each with its own ship."""

from __future__ import annotations

import math
from datetime import date

import numpy as np

from storydiff.stories import StoryFeatures, cluster_stories
from storydiff.story_split import marks, split_in_two

SHARED = {"tessel": 0.5, "norhaven": 0.5, "coastguard": 0.4}
"""Names both events' reports weigh: the island, the ferry line, the rescuers."""


def _features(
    index: int, principal: str, weight: float = 1.4, day: date | None = None, common=(), corpus: int = 1000,
    turn: float = 0.0, **extra
) -> StoryFeatures:
    # the principal weighs most; the two events' wordings are alike at cosine cos(turn):
    # between them a score of about 0.4, enough to join one story, less than a merge needs
    raw = {**SHARED, principal: weight, **extra}
    norm = math.sqrt(sum(v * v for v in raw.values()))
    embedding = np.array([math.cos(turn), math.sin(turn), 0.05 * (index % 3), 0.0], dtype=np.float32)
    embedding /= np.linalg.norm(embedding)
    return StoryFeatures(
        index, day, embedding, {k: v / norm for k, v in raw.items()}, ["e:tessel", "e:norhaven"],
        common=frozenset(common), idf_documents=corpus,
    )


OTHER_WORDING = math.acos(0.55)


def _event(first: int, principal: str, n: int = 3, **kwargs) -> list[StoryFeatures]:
    return [_features(first + i, principal, **kwargs) for i in range(n)]


def test_two_look_alike_events_in_one_story_are_split(settings):
    docs = _event(0, "marisol") + _event(3, "koningin", turn=OTHER_WORDING)
    found = split_in_two(docs, settings)
    assert found is not None
    side_a, side_b, score, reason = found
    assert [f.index for f in side_a] == [0, 1, 2] and [f.index for f in side_b] == [3, 4, 5]
    assert "Marisol" in reason and "Koningin" in reason
    assert score < 1.0


def test_clustering_merges_them_and_the_split_takes_them_apart(settings):
    docs = _event(0, "marisol") + _event(3, "koningin", turn=OTHER_WORDING)
    members, clusters, apart = cluster_stories(docs, settings)
    assert sorted(map(sorted, members)) == [[0, 1, 2], [3, 4, 5]]
    assert len(clusters) == 2
    (pair,) = [a for a in apart if "look-alike" in a.reason]
    assert {pair.story, pair.other} == {0, 1}
    # without the split (sides of at least 100 documents) the words and shared names merge them
    whole = settings.model_copy(update={"story_split_min_side": 100})
    assert sorted(map(sorted, cluster_stories(docs, whole)[0])) == [[0, 1, 2, 3, 4, 5]]


def test_one_event_whose_reports_all_name_its_ship_stays_whole(settings):
    # half the reports also name a rescuer the others do not: no second event, since the
    # other half weighs the same ship
    docs = _event(0, "marisol", rescuer=1.4) + _event(3, "marisol", turn=OTHER_WORDING)
    assert split_in_two(docs, settings) is None


def test_a_side_that_also_weighs_the_others_principal_is_no_second_event(settings):
    docs = _event(0, "marisol") + _event(3, "koningin", turn=OTHER_WORDING, marisol=1.0)
    assert marks(docs[3:], docs[:3], settings) == ["koningin"]
    assert marks(docs[:3], docs[3:], settings) == []
    assert split_in_two(docs, settings) is None


def test_a_word_written_in_lower_case_is_no_mark(settings):
    # "Grounded" capitalised in a headline-like line, "grounded" elsewhere: a word, not a ship
    docs = _event(0, "marisol") + _event(3, "grounded", turn=OTHER_WORDING, common=("grounded",))
    assert split_in_two(docs, settings.model_copy(update={"story_split_one_mark": False})) is None
    # with one mark enough, neither side may rest on a word
    docs = _event(0, "stranded", common=("stranded",)) + _event(3, "grounded", turn=OTHER_WORDING, common=("grounded",))
    assert split_in_two(docs, settings) is None


def test_two_times_of_one_event_stay_together(settings):
    # the grounding, then a hearing seven weeks later that names the ship's master: dated
    # sides whose middle days lie far apart are follow-ups, which assignment judged
    first = _event(0, "marisol", day=date(2024, 3, 2))
    later = _event(3, "koningin", turn=OTHER_WORDING, day=date(2024, 4, 20))
    assert split_in_two(first + later, settings) is None
    # the same days: two events
    same_days = _event(3, "koningin", turn=OTHER_WORDING, day=date(2024, 3, 3))
    assert split_in_two(first + same_days, settings) is not None


def test_too_few_documents_on_a_side_stay(settings):
    docs = _event(0, "marisol", n=2) + _event(2, "koningin", n=2, turn=OTHER_WORDING)
    assert split_in_two(docs, settings) is None


def test_a_small_batch_is_not_split(settings):
    # IDF over a handful of documents gives the names they all share the least weight: the
    # top names then say little about which event a report tells
    docs = _event(0, "marisol", corpus=20) + _event(3, "koningin", turn=OTHER_WORDING, corpus=20)
    assert split_in_two(docs, settings) is None
    assert split_in_two(_event(0, "marisol", corpus=100) + _event(3, "koningin", turn=OTHER_WORDING, corpus=100), settings) is not None


def test_sides_alike_at_the_merge_bar_are_one_events_reports(settings):
    # the same wording on both sides: outlets of one event that weigh different names
    docs = _event(0, "marisol") + _event(3, "koningin")
    assert split_in_two(docs, settings) is None
    looser = settings.model_copy(update={"story_split_most_alike": 1.0})
    assert split_in_two(docs, looser) is not None


def test_one_event_with_a_principal_and_one_of_shared_names_only_is_split(settings):
    # the second event's reports weigh the island most, which the first event's weigh too:
    # only the first has a principal of its own (a public figure's event beside another's)
    # worded further apart than OTHER_WORDING: the shared names weigh on both sides
    docs = _event(0, "marisol") + _event(3, "tessel", turn=math.acos(0.3))
    assert marks(docs[3:], docs[:3], settings) == []
    found = split_in_two(docs, settings)
    assert found is not None
    side_a, side_b, _, reason = found
    assert [f.index for f in side_a] == [0, 1, 2] and [f.index for f in side_b] == [3, 4, 5]
    assert "Marisol" in reason and "both sides share" in reason
    # both marks asked for: one event
    assert split_in_two(docs, settings.model_copy(update={"story_split_one_mark": False})) is None
