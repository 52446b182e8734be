"""Entities, issue 13's ninth round (invented articles; each case failed before the round)."""

from __future__ import annotations

from helpers import story_entities
from test_entities import entity_for


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


def test_an_office_brought_in_without_a_name_is_its_one_holder_named_later(nlp):
    # a lead's "A federal judge has ordered ..." is the judge the story names two sentences on
    text = ("A federal judge has ordered the release of internal Tarn Academy records in a lawsuit against the "
            "company. The judge said the public interest outweighed the school's privacy. U.S. District Judge "
            "Ada Quell wrote that the records showed how staff were trained. \"These documents matter,\" the "
            "judge wrote.")
    _, _, entities = story_entities(nlp, {"a": text})
    quell = entity_for(entities, "Ada Quell")
    assert quell is not None and sum(1 for m in quell.spans if text[m.start:m.end] == "judge") == 3
    assert not [e for e in entities if e.type == "PERSON" and e.id != quell.id]
    # two judges named: the unnamed one is neither
    text2 = text + " Chief Judge Bram Tolle of the appeals court declined to intervene."
    _, _, entities = story_entities(nlp, {"a": text2})
    assert not any(text2[m.start:m.end] == "judge" for e in entities if e.name in {"Ada Quell", "Bram Tolle"}
                   for m in e.spans)
