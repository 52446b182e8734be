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


def test_a_bare_title_goes_to_the_holder_just_named(nlp):
    from test_entities import entity_for

    text = ("President Corinne Maddox met President Ivo Sandor on Monday. Maddox praised the dams. "
            "Maddox praised the roads. Maddox left at noon. Maddox stayed late. Maddox spoke twice. "
            "Still, Sandor welcomed the deal. \"This is good news for us,\" the president wrote on Tuesday.")
    _, _, entities = story_entities(nlp, {"a": text})
    sandor, maddox = entity_for(entities, "Ivo Sandor"), entity_for(entities, "Corinne Maddox")
    at = text.index("the president") + len("the ")
    assert any(s.start == at for s in sandor.spans)
    assert not any(s.start == at for s in maddox.spans)


def test_a_vice_president_just_named_is_no_bare_president(nlp):
    from test_entities import entity_for

    text = ("President Corinne Maddox unveiled the water plan on Monday. \"It is overdue,\" Maddox said. "
            "The plan follows a review led by Vice President Ivo Sandor. "
            "In the plan, the president asked for new dams. Sandor backed it. The vice president spoke later.")
    _, _, entities = story_entities(nlp, {"a": text})
    sandor, maddox = entity_for(entities, "Ivo Sandor"), entity_for(entities, "Corinne Maddox")
    at = text.index("the president asked") + len("the ")
    assert not any(s.start == at for s in sandor.spans)
    later = text.index("The vice president") + len("The vice ")
    assert not any(s.start == later for s in maddox.spans)
