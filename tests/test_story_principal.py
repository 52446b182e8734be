"""Two events of one kind told alike (two arrests of one team's players), told apart by
the person each document is about (issue 14, round 11). Invented text only."""

from __future__ import annotations

from storydiff.model import Document
from storydiff.stories import MemoryStoryIndex, _features, assign, group_stories, new_cluster
from storydiff.story_identity import principal_conflict, stories_principals_conflict
from storydiff.story_merge import tied_apart_from_score


def _doc(id_: str, outlet: str, text: str, published: str | None = None) -> Document:
    return Document(id=id_, source_path=f"{id_}.txt", outlet=outlet, title=None, text=text, published=published)


FIRST_ARREST = [
    _doc("a1", "Gull Courier",
         "Harbor City Gulls guard Tobin Asquell was arrested on suspicion of drunken driving early Tuesday, "
         "the highway patrol said. Asquell was stopped on the coast freeway after midnight and failed "
         "sobriety tests. The Gulls said they were aware of the arrest. Asquell was booked and released."),
    _doc("a2", "Bay Ledger",
         "Gulls guard Tobin Asquell was arrested early Tuesday on suspicion of drunken driving, the highway "
         "patrol said. Asquell failed sobriety tests on the coast freeway. The Gulls will not discipline "
         "Asquell before the playoff game, the team said."),
    _doc("a3", "Harbor Daily",
         "Tobin Asquell, a guard for the Harbor City Gulls, faces a drunken driving charge after his arrest "
         "early Tuesday on the coast freeway, the highway patrol said. Asquell said he expects no charges. "
         "The Gulls said Asquell will play on Sunday."),
]
SECOND_ARREST = _doc(
    "b1", "Gull Courier",
    "Harbor City Gulls linebacker Renny Duskwater was arrested on suspicion of drunken driving early Sunday, "
    "the highway patrol said. Duskwater was stopped on the coast freeway after midnight and failed sobriety "
    "tests. The Gulls said they were aware of the arrest. Duskwater was booked and released.",
)
SAME_ARREST_AGAIN = _doc(
    "a4", "Sound Post",
    "The highway patrol arrested Gulls guard Tobin Asquell early Tuesday on suspicion of drunken driving. "
    "Asquell was stopped on the coast freeway. The Gulls said Asquell will play.",
)


def test_the_person_a_text_is_about(settings, nlp):
    features = _features(FIRST_ARREST + [SECOND_ARREST], nlp, settings)
    assert [f.principal for f in features] == ["asquell"] * 3 + ["duskwater"]
    # a text that names nobody in full and then alone is about no person
    (plain,) = _features([_doc("x", "X", "The Gulls lost on Sunday. The coach said the team played badly.")], nlp, settings)
    assert plain.principal == ""


def test_a_report_about_another_person_is_another_event(settings, nlp):
    *first, second, again = _features(FIRST_ARREST + [SECOND_ARREST, SAME_ARREST_AGAIN], nlp, settings)
    story = new_cluster(first)
    why = principal_conflict(second, story, settings.story_principal_ratio, settings.story_principal_documents)
    assert why is not None and "Duskwater" in why and "Asquell" in why
    # a report about the story's own person is no conflict
    assert principal_conflict(again, story, settings.story_principal_ratio, settings.story_principal_documents) is None
    # a story fewer than story_principal_documents reports are about has no person of its own yet
    assert principal_conflict(second, new_cluster(first[:2]), settings.story_principal_ratio, 3) is None
    # a report that names the story's person (a later report: "a month after Asquell's arrest")
    # is no conflict
    named = SECOND_ARREST.model_copy(update={"id": "b2", "text": SECOND_ARREST.text + " Asquell was arrested last month."})
    *_, second_naming = _features(FIRST_ARREST + [named], nlp, settings)
    assert principal_conflict(second_naming, story, settings.story_principal_ratio, settings.story_principal_documents) is None


def test_the_second_arrest_opens_its_own_story(settings, nlp):
    """Undated reports of two arrests of one team's players: the words, team and freeway are
    the same, the arrested player is not. The second arrest's report scores as one event
    with the first's story, and was joined to it before this rule."""
    *first, second = _features(FIRST_ARREST + [SECOND_ARREST], nlp, settings)
    index = MemoryStoryIndex()
    story = [assign(f, index, settings) for f in first]
    assert len(set(story)) == 1
    apart: list = []
    assert assign(second, index, settings, apart=apart) != story[0]
    assert apart and "Duskwater" in apart[0].reason
    # the whole batch: two stories
    stories = group_stories(FIRST_ARREST + [SECOND_ARREST], settings, nlp)
    assert sorted(sorted(s.documents) for s in stories) == [["a1", "a2", "a3"], ["b1"]]


def test_two_stories_about_two_people_are_not_merged(settings, nlp):
    second_reports = [
        SECOND_ARREST,
        _doc("b2", "Bay Ledger", "Gulls linebacker Renny Duskwater was arrested early Sunday on suspicion of drunken "
             "driving. Duskwater failed sobriety tests on the coast freeway. The Gulls' second such arrest in a "
             "month, after Tobin Asquell's. Duskwater was released."),
        _doc("b3", "Harbor Daily", "Renny Duskwater of the Harbor City Gulls was booked early Sunday after the highway "
             "patrol stopped him on the coast freeway. Duskwater said he was sorry. The Gulls said Duskwater "
             "will meet the coach."),
    ]
    features = _features(FIRST_ARREST + second_reports, nlp, settings)
    one, other = new_cluster(features[:3]), new_cluster(features[3:])
    assert "Asquell" in stories_principals_conflict(one, other, settings.story_principal_ratio, 3)
    assert not tied_apart_from_score(one, other, settings)
    # the same stories with each about the same person: no conflict
    assert stories_principals_conflict(one, new_cluster(features[:2]), settings.story_principal_ratio, 2) is None


SHOT_ON_QUILL_LANE = _doc(
    "s1", "Dunmere Star",
    "A man was shot and killed late Friday in the 400 block of Quill Lane in Dunmere, police said. Officers "
    "found the man on the sidewalk and he died at the scene. Nobody is in custody yet, and detectives "
    "want to hear from witnesses, the Dunmere police said.",
)
SHOT_ON_MARSH_ROAD = _doc(
    "s2", "Dunmere Star",
    "A woman was shot and wounded late Saturday in the 1200 block of Marsh Road in Dunmere, police said. "
    "Officers found the woman on the sidewalk and she was taken to hospital. Nobody is in custody yet, and "
    "detectives want to hear from witnesses, the Dunmere police said.",
)


def test_undated_reports_on_two_streets_are_two_events_however_alike(settings, nlp):
    """Without a date nothing bounds one city's shootings: two undated reports told in the
    same words, in the same city, name different streets, neither written in the other.
    Dated, the near window and the street rule below ``story_place_overrides`` hold them
    apart; undated, the street rule holds at any score (before: one story)."""
    from storydiff.stories import score

    first, second = _features([SHOT_ON_QUILL_LANE, SHOT_ON_MARSH_ROAD], nlp, settings)
    index = MemoryStoryIndex()
    story = assign(first, index, settings)
    assert score(second, index.get(story)) >= settings.story_place_overrides
    apart: list = []
    assert assign(second, index, settings, apart=apart) != story
    assert apart and "Marsh Road" in apart[0].reason
    assert len(group_stories([SHOT_ON_QUILL_LANE, SHOT_ON_MARSH_ROAD], settings, nlp)) == 2
