"""Entities, issue 13's ninth round: the role in an "as" phrase on a person's time in it
("awaiting confirmation as envoy", "her first trip abroad as governor") (invented
articles; each case failed before the round)."""

from __future__ import annotations

from helpers import story_entities
from test_entities import entity_for


def _words(entity, texts) -> list[str]:
    return [texts[s.doc][s.start:s.end] for s in entity.spans]


def test_an_as_phrase_on_a_persons_time_in_a_role_is_that_person(nlp):
    texts = {
        "a": "Governor Dana Velt of Lavria met Premier Ivo Orm in Tarn on Monday. Orm, who is awaiting "
             "confirmation as foreign minister, praised the talks. Velt made her first trip abroad as governor last year.",
        "b": "Velt spoke about Orm's tenure as mayor of Tarn. Orm said the deal was good.",
    }
    _, _, entities = story_entities(nlp, texts)
    velt, orm = entity_for(entities, "Dana Velt"), entity_for(entities, "Ivo Orm")
    assert "governor" in _words(velt, texts)
    assert {"minister", "mayor"} <= set(_words(orm, texts))


def test_an_as_phrase_on_a_time_in_a_role_with_an_unclear_owner_is_nobody(nlp):
    texts = {
        "a": "Governor Dana Velt of Lavria met Premier Ivo Orm in Tarn on Monday. "
             "He has held talks with Velt in Tarn on his first trip abroad as leader.",
        "b": "Velt criticized his tenure as mayor. Orm said the plan was good. Velt named Orm's choice as a disaster.",
    }
    _, _, entities = story_entities(nlp, texts)
    for name in ("Dana Velt", "Ivo Orm"):
        words = _words(entity_for(entities, name), texts)
        assert not {"leader", "mayor", "disaster"} & set(words), (name, words)


def test_a_set_of_people_brought_in_and_referred_to_again_is_a_group(nlp):
    texts = {
        "a": "Three Lavrian committee chairmen asked for the files on Friday. The chairmen said the files "
             "showed bias. Velt said the chairmen were wrong.",
        "b": "The chairmen of the two harbour panels wrote to Governor Dana Velt on Monday. The chairmen want "
             "the files by May. Velt said she would answer them soon.",
        "c": "The governor met the mayors on Monday. The mayors were angry, the governor said.",
    }
    _, _, entities = story_entities(nlp, texts)
    groups = [e for e in entities if e.type == "GROUP" and "chairmen" in e.name]
    assert len(groups) == 2  # one set per document: nothing says the two are the same
    for g in groups:
        assert len(g.spans) >= 2 and len(g.mentions) == 1
    # "the mayors" with no introduction is no set of its own
    assert not any("mayor" in e.name for e in entities)


def test_a_country_written_as_an_adjective_and_state_or_country(nlp):
    texts = {
        "a": "Officials in Norway said on Monday that talks would resume. Analysts said the communist state "
             "was unlikely to keep its word. The state media called it a victory.",
        "b": "Norway announced a new plan on Tuesday. Critics said the communist country had done this before.",
        "c": "Floods hit Texas on Monday. The state said roads were closed. The southern state has seen three floods.",
    }
    _, _, entities = story_entities(nlp, texts)
    norway = entity_for(entities, "Norway")
    assert {("a", "state"), ("b", "country")} <= {(s.doc, texts[s.doc][s.start:s.end]) for s in norway.spans}
    # "state media" and a bare "the state" are no country; nor is a state of a federation
    # taken for one
    assert not any(texts[s.doc][s.start:s.end] == "state" and s.doc == "c" for e in entities for s in e.spans)
    assert sum(texts["a"][s.start:s.end] == "state" for s in norway.spans if s.doc == "a") == 1


def test_a_name_the_tagger_ran_on_into_its_clause_ends_before_the_pronoun(nlp):
    from spacy.tokens import Span

    from storydiff.entities.mentions import _clean_span

    doc = nlp('"Marisol and I were honored to visit your country last summer," the governor said.')
    first = next(t.i for t in doc if t.text == "Marisol")
    assert _clean_span(Span(doc, first, first + 4, label="PERSON")) == (first, first + 1)


def test_a_bare_title_with_of_and_a_bare_noun_is_its_holder(nlp):
    texts = {
        "a": "Governor Dana Velt met her chief of staff, Ivo Orm, on Monday. Later the chief of staff told "
             "reporters the talks had failed. Velt said little.",
        "b": "Ivo Orm, the governor's chief of staff, spoke on Tuesday. The chief of staff said the plan was "
             "dead. The chief of police said nothing.",
    }
    _, _, entities = story_entities(nlp, texts)
    orm = entity_for(entities, "Ivo Orm")
    chiefs = sorted((s.doc, s.start) for s in orm.spans if texts[s.doc][s.start:s.end] == "chief")
    assert ("a", texts["a"].index("chief of staff told")) in chiefs
    assert ("b", texts["b"].index("chief of staff said")) in chiefs
    # another office: "the chief of police" is not his
    assert ("b", texts["b"].index("chief of police")) not in chiefs
