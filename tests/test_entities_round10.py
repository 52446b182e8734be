"""Entities, issue 13's tenth round (invented articles; each case failed before the round)."""

from __future__ import annotations

from helpers import story_entities
from test_entities import entity_for


def _holds(entity, text: str, words: str) -> bool:
    at = text.index(words)
    return entity is not None and any(s.start <= at < s.end for s in entity.spans)


def test_a_seat_of_government_written_as_an_actor_is_its_country(nlp):
    a = ("Britain will raise its fishing quotas next year. Downing Street said on Monday that the "
         "change would help coastal towns. Officials in Britain expect a vote in March.")
    b = "Britain's fleet has shrunk for a decade, and Downing Street wants it to grow."
    _, _, entities = story_entities(nlp, {"a": a, "b": b})
    britain = entity_for(entities, "Britain")
    assert _holds(britain, a, "Downing Street said")
    assert _holds(britain, b, "Downing Street wants")


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
    assert _holds(party, b, "Progressive National Committee")


def test_another_committee_of_a_party_stays_apart(nlp):
    text = ("The Progressive Party lost two seats. The Progressive Congressional Campaign Committee "
            "blamed the weather, and the Progressive Party said little.")
    _, _, entities = story_entities(nlp, {"a": text})
    party = entity_for(entities, "Progressive Party")
    assert party is not None
    assert not _holds(party, text, "Progressive Congressional")

