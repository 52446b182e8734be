"""Entities, issue 13's eighth round: a role cut from the name it is for, a road's name
with its first word in lower case, and a person called by nationality (invented
articles; each case failed before the round)."""

from __future__ import annotations

from helpers import story_entities
from test_entities import entity_for


def test_a_role_for_a_name_is_cut_from_the_name(nlp):
    from spacy.tokens import Span

    from storydiff.entities.mentions import _clean_span

    doc = nlp("The governor named Dana Orlov as Nominee for Harbour Commissioner on Monday.")
    first = next(t.i for t in doc if t.text == "Nominee")
    last = next(t.i for t in doc if t.text == "Commissioner")
    start, end = _clean_span(Span(doc, first, last + 1, label="ORG"))
    assert doc[start:end].text == "Harbour Commissioner"
    # a name that only starts with a role word keeps it
    other = next(t.i for t in doc if t.text == "Dana")
    assert _clean_span(Span(doc, other, other + 2, label="PERSON")) == (other, other + 2)
