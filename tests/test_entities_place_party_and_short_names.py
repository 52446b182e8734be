"""Entities: hyphenated place names, a seat of government's officials, short first names, cut committee names, a party's short name (invented articles; each case failed before issue 13's round 11)."""

from __future__ import annotations

from helpers import story_entities


def _entity_holding(entities, text: str, words: str, doc: str = "a"):
    """The entity with a span at the first ``words`` of ``text`` in document ``doc``, or None."""
    at = text.index(words)
    return next((e for e in entities if any(s.doc == doc and s.start <= at < s.end for s in e.spans)), None)


def test_a_hyphenated_place_name_is_one_entity(nlp):
    # the tagger cuts the first name to its first part and misses the second altogether
    a = ("The governor welcomed the premier to Loma-a-Vista on Friday. Talks at Loma-a-Vista ran "
         "late into the night, and the two leaders flew on to Rio-a-Sol.")
    b = "The premier left Loma-a-Vista on Sunday. Talks at Rio-a-Sol ran late into the night."
    _, _, entities = story_entities(nlp, {"a": a, "b": b})
    place = _entity_holding(entities, a, "Loma-a-Vista")
    assert place is not None and place.name == "Loma-a-Vista"
    assert _entity_holding(entities, a, "Vista on") is place
    assert _entity_holding(entities, b, "Loma-a-Vista", "b") is place
    other = _entity_holding(entities, b, "Rio-a-Sol", "b")
    assert other is not None and other is not place and other.name == "Rio-a-Sol"
    assert _entity_holding(entities, a, "Rio-a-Sol") is other


def test_common_hyphenated_compounds_are_no_place(nlp):
    text = ("The senator's son-in-law and his Mother-in-Law watched the Up-to-Date show. Rock-and-Roll "
            "fans cheered the senator.")
    _, _, entities = story_entities(nlp, {"a": text})
    for words in ("son-in-law", "Mother-in-Law", "Up-to-Date", "Rock-and-Roll"):
        assert _entity_holding(entities, text, words) is None, words


def test_officials_named_through_a_seat_of_government_are_the_states_people(nlp):
    a = ("Russia moved more troops to the border on Monday. Russian officials said the drills were "
         "routine. Kremlin officials privately dismissed the warnings, saying the troops would leave soon.")
    b = "Russia says the drills are routine. Kremlin aides told reporters that talks could resume in May."
    _, _, entities = story_entities(nlp, {"a": a, "b": b})
    officials = _entity_holding(entities, a, "officials said")
    assert officials is not None and officials.type == "GROUP"
    assert _entity_holding(entities, a, "officials privately") is officials
    assert _entity_holding(entities, b, "aides told", "b") is officials
    assert _entity_holding(entities, a, "Kremlin officials") is not officials  # the building's name stays its own


def test_a_common_short_form_of_a_first_name_joins_the_full_name(nlp):
    a = "The campaign hired Rudolph W. Castellan, a former prosecutor, to lead its legal team on Monday."
    b = "Rudy Castellan said on Tuesday that the inquiry would end soon. Castellan declined to say more."
    _, _, entities = story_entities(nlp, {"a": a, "b": b})
    person = _entity_holding(entities, a, "Rudolph W. Castellan")
    assert person is not None
    assert _entity_holding(entities, b, "Rudy Castellan", "b") is person


def test_a_committee_written_without_its_last_word_is_the_committee(nlp):
    a = "The Senate Finance Committee will question the harbour board on Monday about the lost quotas."
    b = ("Copies went to the Senate Finance and Ethics committees on Friday. The harbour board "
         "said it would answer them.")
    _, _, entities = story_entities(nlp, {"a": a, "b": b})
    committee = _entity_holding(entities, a, "Senate Finance Committee")
    assert committee is not None
    assert _entity_holding(entities, b, "Senate Finance and", "b") is committee
    assert _entity_holding(entities, b, "Ethics", "b") is not committee


def test_a_partys_short_name_is_the_party(nlp):
    a = ("The Republican Party lost two seats in the valley on Tuesday. GOP leaders blamed the weather, "
         "and the GOP will pick a new chairman in June.")
    b = "Republicans said the count was fair. The GOP plans a recount in one district."
    _, _, entities = story_entities(nlp, {"a": a, "b": b})
    party = _entity_holding(entities, a, "Republican Party")
    assert party is not None
    assert _entity_holding(entities, a, "GOP will") is party
    assert _entity_holding(entities, b, "GOP plans", "b") is party
    assert _entity_holding(entities, b, "Republicans", "b") is party
