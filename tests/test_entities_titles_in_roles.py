"""Titles, issue 13's tenth round (invented articles; each case failed before the round)."""

from __future__ import annotations

from helpers import story_entities


def _spans_at(entities, text: str, phrase: str, word: str) -> list[str]:
    """Names of the entities holding ``word`` where ``phrase`` stands in ``text``."""
    at = text.index(phrase) + phrase.index(word)
    return [e.name for e in entities if any(s.start == at for s in e.spans)]


def test_a_title_inside_a_role_is_not_the_persons_office(nlp):
    # "a critic of the mayor" is no mayor, "a spokesman for the governor" no governor:
    # a bare "the mayor" / "the governor" must not go to them
    text = ("Dana Kell spoke at the town meeting on Monday. Kell, a longtime opponent of the mayor, "
            "called the budget plan unsound. Ivo Marsh, a spokesman for the governor, declined "
            "to comment. Later the governor said the plan would wait, and the mayor agreed.")
    _, _, entities = story_entities(nlp, {"a": text})
    assert not any("Kell" in n for n in _spans_at(entities, text, "the mayor agreed", "mayor"))
    assert not any("Kell" in n for n in _spans_at(entities, text, "opponent of the mayor", "mayor"))
    assert not any("Marsh" in n for n in _spans_at(entities, text, "the governor said", "governor"))


def test_a_title_with_its_complement_still_names_the_office(nlp):
    text = ("Lena Orvik, President of Lavria, opened the summit on Monday. "
            "Later the president said the talks would go on.")
    _, _, entities = story_entities(nlp, {"a": text})
    assert any("Orvik" in n for n in _spans_at(entities, text, "the president said", "president"))


def test_a_surname_with_a_generation_suffix_is_the_son_named_in_full(nlp):
    # "Velt Jr." (however tagged) is "Dana Velt Jr."; the father stays apart
    from test_entities import entity_for

    _, _, entities = story_entities(nlp, {
        "a": "President Dana Velt's oldest son, Dana Velt Jr., wrote to the group on Monday. "
             "Velt Jr. later confirmed the messages. The group asked Velt Jr. for his father's papers.",
        "b": "WASHINGTON - Dana Velt Jr. had several talks with the group. Velt Jr. said he had done nothing wrong.",
    })
    son, father = entity_for(entities, "Dana Velt Jr."), entity_for(entities, "Dana Velt")
    assert son is not father
    assert sum(s.text == "Velt Jr." for s in son.spans) == 3
    assert not any(s.text == "Velt Jr." for s in father.spans)
