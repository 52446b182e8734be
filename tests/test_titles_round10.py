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
    text = ("Dana Kell spoke at the town meeting on Monday. Kell, an outspoken critic of the mayor, "
            "said the budget was not that simple. Ivo Marsh, a spokesman for the governor, declined "
            "to comment. Later the governor said the plan would wait, and the mayor agreed.")
    _, _, entities = story_entities(nlp, {"a": text})
    assert not any("Kell" in n for n in _spans_at(entities, text, "the mayor agreed", "mayor"))
    assert not any("Kell" in n for n in _spans_at(entities, text, "critic of the mayor", "mayor"))
    assert not any("Marsh" in n for n in _spans_at(entities, text, "the governor said", "governor"))


def test_a_title_with_its_complement_still_names_the_office(nlp):
    text = ("Lena Orvik, President of Lavria, opened the summit on Monday. "
            "Later the president said the talks would go on.")
    _, _, entities = story_entities(nlp, {"a": text})
    assert any("Orvik" in n for n in _spans_at(entities, text, "the president said", "president"))
