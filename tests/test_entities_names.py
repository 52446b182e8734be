"""Entities, issue 13's fifth round: name forms that news writes for one actor (invented
articles; each case failed before the round)."""

from __future__ import annotations

from helpers import story_entities
from test_entities import entity_for


def test_a_name_cut_inside_a_hyphenated_given_name_is_taken_whole(nlp):
    from storydiff.entities.mentions import _whole_hyphenated

    doc = nlp("Talks with President Sun Hae-in ended on Friday, in the Velt-era palace.")
    hae = next(t for t in doc if t.text == "Hae")
    # the tagger stopped before the hyphen, or after it: the name ends after "in"
    assert _whole_hyphenated(doc, hae.i + 1) == hae.i + 3
    assert _whole_hyphenated(doc, hae.i + 2) == hae.i + 3
    # an English word joined to a name is no syllable of it
    velt = next(t for t in doc if t.text == "Velt")
    assert _whole_hyphenated(doc, velt.i + 1) == velt.i + 1


def test_generation_suffix_of_a_formal_name_is_the_same_person(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "The inquiry is led by Harold S. Brackwell III, a former prosecutor. Mr. Brackwell declined to comment.",
        "b": "Harold Brackwell has questioned six witnesses so far, officials in Ravenport said.",
    })
    e = entity_for(entities, "Harold Brackwell")
    assert e is not None and e is entity_for(entities, "Harold S. Brackwell III")
    assert set(e.mentions) == {"a", "b"}


def test_father_and_son_named_in_one_document_stay_two(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Harold S. Brackwell Jr. joined his father, Harold Brackwell, at the mill in Ravenport on Monday.",
        "b": "Harold S. Brackwell Jr. said the mill would stay open.",
    })
    son, father = entity_for(entities, "Harold S. Brackwell Jr."), entity_for(entities, "Harold Brackwell")
    assert son is not None and father is not None and son is not father


def test_short_first_name_with_a_middle_initial_is_the_same_person(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Robert W. Carrowby, the harbour master, closed the port at Ravenport on Monday.",
        "b": "Harbour master Bob Carrowby said the port would reopen once the storm had passed.",
    })
    e = entity_for(entities, "Bob Carrowby")
    assert e is not None and e is entity_for(entities, "Robert W. Carrowby")


def test_a_government_body_written_with_its_head_word_first_or_last(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "The Department of Fisheries closed the bay to trawlers on Monday, citing falling stocks.",
        "b": "The Fisheries Department said the bay at Ravenport would stay closed until spring.",
    })
    e = entity_for(entities, "Fisheries Department")
    assert e is not None and e is entity_for(entities, "Department of Fisheries")
    assert e.name == "Fisheries Department" or e.name == "Department of Fisheries"
    assert set(e.mentions) == {"a", "b"}


def test_a_company_with_and_without_its_legal_form_and_descriptor(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Veltrix Corp. said on Monday it would buy Qorvane Technologies for $3 billion. Veltrix shares rose.",
        "b": "Veltrix Corporation agreed to acquire Qorvane, a chip maker based in Ravenport.",
        "c": "The deal values Qorvane Technologies Inc. at $3 billion, Veltrix said.",
    })
    veltrix, qorvane = entity_for(entities, "Veltrix"), entity_for(entities, "Qorvane")
    assert veltrix is not None and veltrix is entity_for(entities, "Veltrix Corp.")
    assert veltrix is entity_for(entities, "Veltrix Corporation")
    assert qorvane is not None and qorvane is entity_for(entities, "Qorvane Technologies")
    assert qorvane is entity_for(entities, "Qorvane Technologies Inc.") and qorvane is not veltrix
    assert set(qorvane.mentions) == {"a", "b", "c"}


def test_a_company_short_name_with_two_longer_names_stays_apart(nlp):
    from storydiff.entities.linking import _UnionFind, _join_with_descriptor
    from storydiff.entities.mentions import _Mention

    nodes = ["org|qorvane", "org|qorvane systems", "org|qorvane technologies", "org|american", "org|american airlines"]
    by_node = {n: [_Mention("d", 0, 1, n.split("|")[1], "NORP" if n == "org|american" else "ORG")] for n in nodes}
    uf = _UnionFind()
    _join_with_descriptor(nodes, by_node, {n: n.split("|")[1].title() for n in nodes}, uf)
    assert len({uf.find(n) for n in nodes}) == 5


def test_a_province_and_a_ship_written_without_their_words(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "The quake struck Keltra Province on Sunday. The warship HMS Dauntlow brought tents to the coast.",
        "b": "Rescuers reached Keltra on Monday. Sailors from the Dauntlow cleared the roads in Keltra.",
    })
    province, ship = entity_for(entities, "Keltra Province"), entity_for(entities, "HMS Dauntlow")
    assert province is not None and province is entity_for(entities, "Keltra")
    assert ship is not None and ship is entity_for(entities, "Dauntlow") and ship is not province
    assert set(ship.mentions) == {"a", "b"}


def test_a_person_known_by_the_middle_name(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "The victim, Marjorie Ellen Tasker, 66, was struck outside a store in Ravenport.",
        "b": "Ellen Tasker died at the scene, police said. Tasker was a retired nurse.",
        "c": "Marjorie Tasker had lived in Ravenport for 40 years.",
    })
    e = entity_for(entities, "Marjorie Ellen Tasker")
    assert e is not None and e is entity_for(entities, "Ellen Tasker") and e is entity_for(entities, "Marjorie Tasker")
    assert set(e.mentions) == {"a", "b", "c"}


def test_a_mother_and_daughter_named_in_one_document_stay_two(nlp):
    from storydiff.entities.linking import _UnionFind, _join_middle_name_used
    from storydiff.entities.mentions import _Mention

    nodes = ["person|marjorie ellen tasker", "person|ellen tasker"]
    by_node = {nodes[0]: [_Mention("a", 0, 5, "Marjorie Ellen Tasker", "PERSON")],
               nodes[1]: [_Mention("a", 40, 52, "Ellen Tasker", "PERSON"), _Mention("b", 0, 12, "Ellen Tasker", "PERSON")]}
    uf = _UnionFind()
    _join_middle_name_used(nodes, by_node, uf)
    assert uf.find(nodes[0]) != uf.find(nodes[1])
    by_node[nodes[1]] = by_node[nodes[1]][1:]  # named in another document only: one person
    _join_middle_name_used(nodes, by_node, uf)
    assert uf.find(nodes[0]) == uf.find(nodes[1])


def test_a_person_is_named_by_the_form_written_most_often(nlp):
    from storydiff.entities.spans import _canonical

    assert _canonical(["Constable Tim Velt", "Tim Velt", "Tim Velt", "Velt"], "person") == "Tim Velt"
    assert _canonical(["Velt", "Velt", "Tim Velt"], "person") == "Tim Velt"
    assert _canonical(["Veltrix Corp.", "Veltrix", "Veltrix"], "org") == "Veltrix"
    assert _canonical(["Department of Fisheries", "Fisheries Department", "Fisheries Department"], "org") == "Fisheries Department"


def test_a_mountain_tagged_as_a_person_is_a_place(nlp):
    from spacy.tokens import Span

    from storydiff.entities.mentions import _ner_mentions

    doc = nlp("Two climbers died on Mount Halvik on Sunday, said Tim Velt.")
    mount = next(t.i for t in doc if t.text == "Mount")
    tim = next(t.i for t in doc if t.text == "Tim")
    doc.ents = [Span(doc, mount, mount + 2, label="PERSON"), Span(doc, tim, tim + 2, label="PERSON")]
    labels = {m.text: m.label for m in _ner_mentions("a", doc)}
    assert labels == {"Mount Halvik": "LOC", "Tim Velt": "PERSON"}


def test_title_case_plural_after_a_full_name_and_a_word_before_a_ship_prefix(nlp):
    from spacy.tokens import Span

    from storydiff.entities.mentions import _ner_mentions

    doc = nlp("Dana Velt Memos Out Today. The memos were read aloud. The Warship HMS Dauntlow sailed at dawn.")
    dana = next(t.i for t in doc if t.text == "Dana")
    warship = next(t.i for t in doc if t.text == "Warship")
    doc.ents = [Span(doc, dana, dana + 3, label="PERSON"), Span(doc, warship, warship + 3, label="ORG")]
    assert {m.text for m in _ner_mentions("a", doc)} == {"Dana Velt", "HMS Dauntlow"}


def test_name_spellings_ampersand_saint_and_island(nlp):
    from storydiff.entities.names import _fold

    assert _fold("Pryor & Gamwell") == _fold("Pryor and Gamwell")
    assert _fold("St. Aubin") == _fold("Saint Aubin") == _fold("St Aubin")
    assert _fold("Main St") != _fold("Main Saint")  # a trailing "St" is a street
    _, _, entities = story_entities(nlp, {
        "a": "The quake struck off Morvala early Sunday, killing 40 people.",
        "b": "On Morvala, rescuers searched the rubble. Morvala Island has two million people.",
    })
    e = entity_for(entities, "Morvala Island")
    assert e is not None and e is entity_for(entities, "Morvala") and set(e.mentions) == {"a", "b"}


def test_a_company_short_name_drops_two_descriptor_words(nlp):
    from storydiff.entities.linking import _UnionFind, _join_with_descriptor
    from storydiff.entities.mentions import _Mention

    nodes = ["org|ardent", "org|ardent data systems", "org|velt data", "org|velt"]
    by_node = {n: [_Mention("d", 0, 1, n.split("|")[1], "ORG")] for n in nodes}
    uf = _UnionFind()
    _join_with_descriptor(nodes, by_node, {n: n.split("|")[1].title() for n in nodes}, uf)
    assert uf.find("org|ardent") == uf.find("org|ardent data systems")
    assert uf.find("org|velt") != uf.find("org|velt data")  # "Data" alone is no descriptor


def test_web_addresses_do_not_make_a_name_a_common_word(nlp):
    from types import SimpleNamespace

    from storydiff.entities.spans import _lower_words

    doc = SimpleNamespace(id="a", text="Brixol sold more. See brixol.com, www.brixol-news.net/x or write to press@brixol.co.uk today.")
    words = _lower_words([doc])
    assert "brixol" not in words and "brixol-news" not in words and {"sold", "write", "today"} <= words


def test_a_one_word_name_tagged_as_a_body_and_a_product_is_one_entity(nlp):
    from storydiff.entities.linking import link_mentions
    from storydiff.entities.mentions import _Mention

    mentions = [_Mention("a", 0, 7, "Zentrix", "ORG"), _Mention("b", 0, 7, "Zentrix", "PRODUCT"),
                _Mention("c", 0, 7, "Zentrix", "GPE")]
    assert len(link_mentions(mentions, [], {})) == 1


def test_a_bare_title_for_another_body_is_not_the_named_holder(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Police spokesman Tim Velt said the gunman fled on foot. Velt said two people were hurt.\n\n"
             "The spokesman for the Harbour Authority said the port would stay shut.",
        "b": "Tim Velt, a police spokesman, said the search would go on overnight.",
    })
    velt = entity_for(entities, "Tim Velt")
    assert velt is not None and set(velt.mentions) == {"a", "b"}
    assert not any(s.doc == "a" and s.text == "spokesman" and s.start > 60 for s in velt.spans)


def test_a_full_name_tagged_as_a_body_joins_the_surname_its_document_names(nlp):
    # round 7: "Reyna Tolliver" tagged ORG where the text names "Tolliver" as a person
    from storydiff.entities.linking import _UnionFind, _join_full_name_of_lone_surname
    from storydiff.entities.mentions import _Mention

    nodes = ["org|reyna tolliver", "person|tolliver@a", "org|harbor trust"]
    by_node = {nodes[0]: [_Mention("a", 0, 14, "Reyna Tolliver", "ORG")],
               nodes[1]: [_Mention("a", 40, 48, "Tolliver", "PERSON")],
               nodes[2]: [_Mention("a", 60, 72, "Harbor Trust", "ORG")]}
    node_text = {n: ms[0].text for n, ms in by_node.items()}
    uf = _UnionFind()
    _join_full_name_of_lone_surname(nodes, by_node, node_text, {"tolliver": [nodes[1]]}, uf)
    assert uf.find(nodes[0]) == uf.find(nodes[1]) and by_node[nodes[0]][0].label == "PERSON"
    assert uf.find(nodes[2]) != uf.find(nodes[1])
    # written in a document that does not name the person: left alone
    by_node[nodes[0]].append(_Mention("b", 0, 14, "Reyna Tolliver", "ORG"))
    uf = _UnionFind()
    _join_full_name_of_lone_surname(nodes, by_node, node_text, {"tolliver": [nodes[1]]}, uf)
    assert uf.find(nodes[0]) != uf.find(nodes[1])


def test_a_legislature_named_by_one_word_is_an_entity(nlp):
    # round 7: "Congress" and "the Senate" name one body in a story; "State" and
    # "Interior" alone still name nothing
    _, _, entities = story_entities(nlp, {
        "a": "The ministry sent the memos to Congress on Thursday. Congress will vote next week.",
        "b": "The Senate confirmed the judge. Several members of Congress objected.",
    })
    congress = entity_for(entities, "Congress")
    assert congress is not None and len(congress.spans) == 3 and set(congress.mentions) == {"a", "b"}
    assert entity_for(entities, "Senate") is not None


def test_a_stance_adjective_on_a_surname_is_no_second_holder_of_it(nlp):
    # "pro-Harrison" taken for a full name made two holders of "Harrison", and the bare surname lost its person
    text = ("Says Harrison would stack the harbour board\n\n"
            "Candidate Bram Tolle seemed to imply on Tuesday that voters could stop Elena Harrison from packing the "
            "board. Tolle warned that Harrison opposes the ferry plan. Hundreds of pro-Harrison demonstrators "
            "marched through the city. Democrats, including Harrison, accused Tolle of scaring voters.")
    _, _, entities = story_entities(nlp, {"a": text})
    harrison, tolle = entity_for(entities, "Elena Harrison"), entity_for(entities, "Bram Tolle")
    assert harrison is not None and tolle is not None
    assert sum(1 for m in harrison.spans if text[m.start:m.end] == "Harrison") >= 3
    assert not any(text[m.start:m.end].lower().startswith("pro-") for e in entities for m in e.spans)


def test_a_womans_honorific_goes_to_the_woman_of_a_family_named_in_full(nlp):
    text = ("Senator Ada Quell campaigned in Tarn on Monday with her husband, former governor Bram Quell. "
            "Mr. Quell told the crowd that his wife would fix the harbour. Mrs. Quell thanked the volunteers. "
            "\"We will win Tarn,\" Mrs. Quell said.")
    _, _, entities = story_entities(nlp, {"a": text})
    ada, bram = entity_for(entities, "Ada Quell"), entity_for(entities, "Bram Quell")
    assert ada is not None and bram is not None and ada.id != bram.id
    assert sum(1 for m in ada.spans if text[m.start - 5:m.start] == "Mrs. ") == 2
    # "Mr. Quell" is not the woman, however often she is named
    assert not any(text[m.start - 4:m.start] == "Mr. " for m in ada.spans)


def test_a_mans_honorific_is_no_holder_by_elimination(nlp):
    # the father is named in full nowhere ("Bram and Ada Quell"): "Mr. Quell" is not their son
    text = ("The parents, Bram and Ada Quell, spoke at the memorial for their son, Ivo Quell, a medic. "
            "Mr. Quell said the town had been kind. Ms. Quell wrote a letter to the council.")
    _, _, entities = story_entities(nlp, {"a": text})
    ivo = entity_for(entities, "Ivo Quell")
    assert ivo is not None and not any(text[m.start - 4:m.start] == "Mr. " for m in ivo.spans)
