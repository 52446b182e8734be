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
