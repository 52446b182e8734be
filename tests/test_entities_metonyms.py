"""Entities, issue 13's tenth round (invented articles; each case failed before the round)."""

from __future__ import annotations

from helpers import story_entities
from test_entities import entity_for


def _holds(entity, text: str, words: str, doc: str = "a") -> bool:
    """Whether ``entity`` has a span at the first ``words`` of ``text``, document ``doc``."""
    at = text.index(words)
    return entity is not None and any(s.doc == doc and s.start <= at < s.end for s in entity.spans)


def test_a_seat_of_government_written_as_an_actor_is_its_country(nlp):
    a = ("Britain will raise its fishing quotas next year. Downing Street said on Monday that the "
         "change would help coastal towns. Officials in Britain expect a vote in March.")
    b = ("Britain's fleet has shrunk for a decade, and Downing Street wants it to grow. The skippers "
         "met the minister at Downing Street on Friday.")
    _, _, entities = story_entities(nlp, {"a": a, "b": b})
    britain = entity_for(entities, "Britain")
    assert _holds(britain, a, "Downing Street said")
    assert _holds(britain, b, "Downing Street wants", "b")
    assert not _holds(britain, b, "Downing Street on", "b")  # the building as a place
    c = "The minister calls his seaside villa the northern Downing Street, and Britain pays for it."
    _, _, entities = story_entities(nlp, {"a": a, "c": c})
    assert not _holds(entity_for(entities, "Britain"), c, "Downing Street,", "c")  # a nickname of another place


def test_a_seat_of_government_that_is_only_a_place_stays_apart(nlp):
    text = ("Britain will raise its fishing quotas next year. The prime minister announced the change "
            "at a dinner in Downing Street on Monday. Fishermen in Britain welcomed it.")
    _, _, entities = story_entities(nlp, {"a": text})
    britain = entity_for(entities, "Britain")
    assert britain is not None
    assert not _holds(britain, text, "Downing Street on")


def test_a_partys_national_committee_is_the_party(nlp):
    a = ("The Progressive National Committee sued the mining firm on Tuesday. The Progressive Party "
         "says the firm hid its losses from voters.")
    b = ("Progressives filed the suit in a federal court. The Progressive National Committee "
         "wants damages, and the Progressive Party will hold a rally.")
    _, _, entities = story_entities(nlp, {"a": a, "b": b})
    party = entity_for(entities, "Progressive Party")
    assert party is not None
    assert _holds(party, a, "Progressive National Committee")
    assert _holds(party, b, "Progressive National Committee", "b")


def test_another_committee_of_a_party_stays_apart(nlp):
    text = ("The Progressive Party lost two seats. The Progressive Congressional Campaign Committee "
            "blamed the weather, and the Progressive Party said little.")
    _, _, entities = story_entities(nlp, {"a": text})
    party = entity_for(entities, "Progressive Party")
    assert party is not None
    assert not _holds(party, text, "Progressive Congressional")


def test_a_countrys_state_media_are_one_actor(nlp):
    a = ("Lavria tested a rocket on Sunday, Lavrian state media reported. The launch was a success, "
         "state media said, and Lavria will test another in May.")
    b = "Lavria's state media called the launch historic. Officials in Lavria gave no details."
    _, _, entities = story_entities(nlp, {"a": a, "b": b})
    media = [e for e in entities if _holds(e, a, "media reported")]
    assert len(media) == 1 and media[0].type == "GROUP"
    assert _holds(media[0], a, "media said")
    assert _holds(media[0], b, "media called", "b")
    assert not _holds(entity_for(entities, "Lavria"), a, "media reported")


def test_state_media_join_the_one_state_run_outlet(nlp):
    a = ("The state-run Lavrian News Agency said the rocket flew for ten minutes. Lavria will test "
         "another in May, Lavrian state media reported.")
    _, _, entities = story_entities(nlp, {"a": a})
    agency = entity_for(entities, "Lavrian News Agency")
    assert agency is not None
    assert _holds(agency, a, "media reported")


def test_a_state_agency_is_no_state_media(nlp):
    text = "Lavria's state agency for roads opened a bridge. The Lavrian state agency said it cost little."
    _, _, entities = story_entities(nlp, {"a": text})
    assert not any(_holds(e, text, "agency said") and e.type == "GROUP" for e in entities)


def test_its_leader_in_an_apposition_is_that_places_leader(nlp):
    text = ("Orm hopes for a deal with Lavria as he prepares for talks with its leader, Dana Velt, in May. "
            "Orm met Corinne Maddox, the Korvian leader, on Friday. Velt has been silent. "
            "Orm's praise for the Lavrian leader surprised his allies.")
    _, _, entities = story_entities(nlp, {"a": text})
    velt = entity_for(entities, "Dana Velt")
    assert _holds(velt, text, "leader surprised")
    assert not _holds(entity_for(entities, "Corinne Maddox"), text, "leader surprised")


def test_one_member_of_a_body_is_not_the_body(nlp):
    text = ("The Harmony Workers Union (HWU) sued the mining firm. Two donors and a former HWU staffer "
            "joined the case, and HWU officials welcomed them.")
    _, _, entities = story_entities(nlp, {"a": text})
    union = entity_for(entities, "Harmony Workers Union")
    assert union is not None
    assert _holds(union, text, "officials welcomed")  # the body's people, as news writes them
    assert not _holds(union, text, "staffer")


def test_people_tied_to_a_seat_of_government_are_its_countrys(nlp):
    text = ("Britain denied the charges on Monday. The suit names individuals closely tied to Downing Street "
            "and accuses them of bribery.")
    other = ("The scheme was run by individuals linked to Downing Street, and Britain calls that a lie. "
             "Individuals close to Downing Street have not replied.")
    _, _, entities = story_entities(nlp, {"a": text, "b": other})
    britain = entity_for(entities, "Britain")
    assert _holds(britain, text, "Downing Street and")
    people = [e for e in entities if _holds(e, text, "individuals closely")]
    assert people and people[0] is not britain and people[0].type == "GROUP"
    assert _holds(people[0], other, "individuals linked", "b")
