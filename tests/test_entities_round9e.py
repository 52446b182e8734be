"""Entities, issue 13's ninth round (invented articles; each case failed before the round)."""

from __future__ import annotations

from helpers import story_entities
from test_entities import entity_for


def _spans(entity, doc_id: str, text: str) -> list[str]:
    return [text[s.start:s.end] for s in entity.spans if s.doc == doc_id]


def test_a_ship_is_found_by_its_name_without_its_prefix(nlp):
    texts = {
        "a": "A statement from the navy says the incident happened yesterday when HMS Tamsika was "
             "escorting a group of merchant vessels.",
        "b": "This was the third operation carried out by Tamsika since she began her patrol in May. "
             "The crew of Tamsika boarded the skiff.",
    }
    _, _, entities = story_entities(nlp, texts)
    ship = entity_for(entities, "HMS Tamsika")
    assert ship is not None
    assert _spans(ship, "b", texts["b"]) == ["Tamsika", "Tamsika"]


def test_a_ship_is_found_after_its_prefix_written_out(nlp):
    texts = {
        "a": "A statement from the navy says the incident happened yesterday when HMS Tamsika was "
             "escorting a group of merchant vessels.",
        "b": "Her Majesty's Ship Tamsika, deployed on patrol in the strait, stopped an attack on a tanker. "
             "The Tamsika Foundation gave the crew an award.",
    }
    _, _, entities = story_entities(nlp, texts)
    ship = entity_for(entities, "HMS Tamsika")
    assert ship is not None
    # after the prefix written out, not as a part of another name
    assert _spans(ship, "b", texts["b"]) == ["Tamsika"]


def test_the_kind_of_ship_before_its_name_is_no_part_of_it(nlp):
    texts = {
        "a": "A statement from the navy says the incident happened yesterday when HMS Tamsika was "
             "escorting a group of merchant vessels.",
        "b": "The navy said. Warship Tamsika, currently deployed on patrols in the strait, stopped an attack.",
    }
    _, _, entities = story_entities(nlp, texts)
    ship = entity_for(entities, "HMS Tamsika")
    assert ship is not None
    assert _spans(ship, "b", texts["b"]) == ["Tamsika"]
