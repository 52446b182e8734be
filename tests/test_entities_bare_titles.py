"""Entities, issue 13's ninth round (invented articles; each case failed before the round)."""

from __future__ import annotations

from helpers import story_entities


def test_a_legislators_party_and_state_is_no_entity(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Rep. Marla Quenby (D-Calif.) introduced the bill on Tuesday. Sen. Otto Brandl (R-N.Y.) "
             "and Rep. Ivo Tamsin, D-Mass., backed it. Voters across the country will notice, Quenby said.",
        "b": "The measure from Quenby (D-Calif.) passed the committee, said Brandl, R-N.Y.",
    })
    names = {e.name for e in entities}
    assert not any(name.startswith(("D-", "R-", "I-")) for name in names), names
    assert any("Quenby" in name for name in names)


def _presidents(nlp, text: str):
    """Sandor and Maddox of an invented text about two presidents."""
    from test_entities import entity_for

    _, _, entities = story_entities(nlp, {"a": text})
    return entity_for(entities, "Ivo Sandor"), entity_for(entities, "Corinne Maddox")


def _holds(entity, at: int) -> bool:
    return any(s.start == at for s in entity.spans)


def test_a_bare_title_goes_to_the_holder_just_named(nlp):
    text = ("President Corinne Maddox met President Ivo Sandor on Monday. Maddox praised the dams. "
            "Maddox praised the roads. Maddox left at noon. Maddox stayed late. Maddox spoke twice. "
            "Still, Sandor welcomed the deal. \"This is good news for us,\" the president wrote on Tuesday.")
    sandor, maddox = _presidents(nlp, text)
    at = text.index("the president") + len("the ")
    assert _holds(sandor, at)
    assert not _holds(maddox, at)


def test_a_vice_president_just_named_is_no_bare_president(nlp):
    text = ("President Corinne Maddox unveiled the water plan on Monday. \"It is overdue,\" Maddox said. "
            "The plan follows a review led by Vice President Ivo Sandor. "
            "In the plan, the president asked for new dams. Sandor backed it. The vice president spoke later.")
    sandor, maddox = _presidents(nlp, text)
    assert not _holds(sandor, text.index("the president asked") + len("the "))
    assert not _holds(maddox, text.index("The vice president") + len("The vice "))
