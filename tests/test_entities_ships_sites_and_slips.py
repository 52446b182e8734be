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


def test_a_one_letter_slip_in_a_place_name_is_that_place(nlp):
    texts = {
        "a": "Raiders attacked a tanker in the Strait of Kelter on Monday, the coast guard said. "
             "The Strait of Keltar is the only way into the port.",
        "b": "The tanker was crossing the Strait of Keltar when two boats came alongside.",
        "c": "Shipping in the Strait of Keltar has slowed since the spring.",
    }
    _, _, entities = story_entities(nlp, texts)
    strait = entity_for(entities, "Strait of Keltar")
    assert strait is not None and set(strait.mentions) == {"a", "b", "c"}
    assert "Strait of Kelter" in _spans(strait, "a", texts["a"])


def test_two_names_one_letter_apart_written_as_often_stay_apart(nlp):
    from storydiff.entities.mentions import _Mention
    from storydiff.entities.linking import _UnionFind
    from storydiff.entities.name_variants import join_typos

    def ms(n):
        return [_Mention("a", 0, 5, "x", "FAC")] * n
    nodes = ["place|camp dorran", "place|camp darran", "place|lake orm", "place|lake arm"]
    uf = _UnionFind()
    join_typos(nodes, {nodes[0]: ms(2), nodes[1]: ms(2), nodes[2]: ms(6), nodes[3]: ms(1)}, uf)
    assert uf.find(nodes[0]) != uf.find(nodes[1])  # as often: two camps
    assert uf.find(nodes[2]) != uf.find(nodes[3])  # a short word: another name


def test_a_ship_named_alone_joins_its_prefixed_name_though_tagged_a_people_once(nlp):
    from storydiff.entities.linking import _join_with_descriptor, _UnionFind
    from storydiff.entities.mentions import _Mention

    def ms(text, labels):
        return [_Mention("a", 0, len(text), text, label) for label in labels]
    by_node = {
        "org|ins tamsika": ms("INS Tamsika", ["ORG"] * 5),
        "org|tamsika": ms("Tamsika", ["ORG", "ORG", "NORP"]),
        "org|american airlines": ms("American Airlines", ["ORG"] * 3),
        "org|american": ms("American", ["ORG", "NORP", "NORP"]),
    }
    nodes = sorted(by_node)
    uf = _UnionFind()
    _join_with_descriptor(nodes, by_node, {n: v[0].text for n, v in by_node.items()}, uf)
    assert uf.find("org|tamsika") == uf.find("org|ins tamsika")
    assert uf.find("org|american") != uf.find("org|american airlines")


def test_a_letter_added_at_the_end_is_another_word_not_a_slip():
    from storydiff.entities.mentions import _Mention
    from storydiff.entities.linking import _UnionFind
    from storydiff.entities.name_variants import join_typos

    nodes = ["org|west keltic", "place|west keltica"]
    uf = _UnionFind()
    join_typos(nodes, {nodes[0]: [_Mention("a", 0, 5, "x", "NORP")],
                       nodes[1]: [_Mention("a", 0, 5, "x", "GPE")] * 5}, uf)
    assert uf.find(nodes[0]) != uf.find(nodes[1])


def test_a_site_described_through_a_named_place_is_an_entity(nlp):
    texts = {
        "a": "A gunman shot two people at a suburban Leeds office building on Monday, police said. "
             "Officers later searched a house in Leeds.",
        "b": "The man walked into the Leeds office building where he had worked and opened fire.",
        "c": "Workers fled the building in Leeds after the shots, a witness said.",
    }
    _, _, entities = story_entities(nlp, texts)
    site = next((e for e in entities if e.name.endswith("building")), None)
    assert site is not None and site.type == "FAC"
    assert sorted(texts[s.doc][s.start:s.end] for s in site.spans) == ["building", "building", "building"]
    assert set(site.mentions) == {"a", "b", "c"}
    # one house in one document is no place the story keeps returning to
    assert not any(e.name.startswith("house") for e in entities)
    harlow = entity_for(entities, "Leeds")
    assert harlow is not None and harlow is not site


def test_a_highest_peak_is_not_any_mountain(nlp):
    texts = {
        "a": "The climber fell from Chile's highest peak on Sunday. Another man died on a mountain in Chile.",
        "b": "He had tried to reach the summit of Chile's highest mountain twice before.",
        "c": "Rescuers said a mountain in Chile claims a climber every year.",
    }
    _, _, entities = story_entities(nlp, texts)
    peak = next((e for e in entities if "highest" in e.name), None)
    assert peak is not None and peak.type == "LOC"
    assert set(peak.mentions) == {"a", "b"}
    assert all(texts[s.doc][s.start:s.end] in {"peak", "mountain"} for s in peak.spans)
    assert len(peak.spans) == 2


def test_a_site_named_by_an_apposition_is_that_place(nlp):
    texts = {
        "a": "The climber was presumed dead after falling from Chile's highest peak, Mount Aconcagua.",
        "b": "His brother watched him fall from Chile's highest peak on Tuesday.",
        "c": "Rescuers reached the body on Mount Aconcagua on Thursday.",
    }
    _, _, entities = story_entities(nlp, texts)
    mountain = entity_for(entities, "Mount Aconcagua")
    assert mountain is not None
    assert _spans(mountain, "b", texts["b"]) == ["peak"]
    assert _spans(mountain, "a", texts["a"]) == ["peak", "Mount Aconcagua"]
    assert not any("highest" in e.name for e in entities)


def test_a_person_s_team_written_through_him_is_his_circle(nlp):
    texts = {
        "a": "President-elect Tom Halvorsen has offered the post to a surgeon. The doctor is the Halvorsen team's "
             "first choice, officials said.",
        "b": "Tom Halvorsen takes office in January. The surgeon confirmed that he had been approached by the "
             "Halvorsen team about the job.",
        "c": "A rescue team from Leeds reached the surgeon's home.",
    }
    _, _, entities = story_entities(nlp, texts)
    team = next((e for e in entities if e.name.endswith("'s team")), None)
    assert team is not None and team.name.startswith("Tom Halvorsen")
    assert set(team.mentions) == {"a", "b"}
    assert all(texts[s.doc][s.start:s.end] == "team" for s in team.spans)


def _entity(name, type_, spans):
    from collections import Counter

    from storydiff.model import Entity, Mention
    ms = [Mention(doc=d, start=s, end=s + len(t), text=t) for d, s, t in spans]
    return Entity(id="", name=name, type=type_, aliases=[], roles=[], spans=ms,
                  mentions=dict(Counter(m.doc for m in ms)))


def test_a_name_written_with_its_later_words_in_lower_case_is_found_where_the_story_writes_it_capitalised(nlp):
    from storydiff.entities.spans import _complete_spans
    from storydiff.model import Document

    texts = {
        "a": "The Orvel Valley National Park is closed. Rangers at Orvel Valley National Park said so.",
        "b": "Two hikers died in the Orvel Valley national park on Sunday. Orvel Valley national park rangers "
             "found them.",
        "c": "Seven Hills Host Picked\nA new Seven Hills host was picked. The Seven Hills host starts soon. "
             "Seven days later, the festival opened.",
    }
    docs = [Document(id=k, source_path=k, text=v) for k, v in texts.items()]
    a = texts["a"]
    park = _entity("Orvel Valley National Park", "FAC", [("a", a.index("Orvel"), "Orvel Valley National Park"),
                                                          ("a", a.rindex("Orvel"), "Orvel Valley National Park")])
    host = _entity("Seven Hills Host", "PERSON", [("c", 0, "Seven Hills Host")])
    entities = [park, host]
    _complete_spans(entities, docs, {k: nlp(v) for k, v in texts.items()})
    # the second modifies a common noun ("national park rangers"): not the name
    assert _spans(park, "b", texts["b"]) == ["Orvel Valley national park"]
    # a headline's capitals are no name the story keeps: written in lower case more often
    assert _spans(host, "c", texts["c"]) == ["Seven Hills Host"]


def test_a_site_with_two_anchors_joins_the_sites_of_each(nlp):
    texts = {
        "a": "A woman was struck outside a Kelmart store in Leeds on Wednesday night.",
        "b": "The driver hit her in front of a Leeds store and fled, police said.",
        "c": "Shoppers at the Kelmart store in Leeds saw the crash.",
    }
    _, _, entities = story_entities(nlp, texts)
    stores = [e for e in entities if e.name.endswith("store") or e.name.startswith("store")]
    assert len(stores) == 1
    assert set(stores[0].mentions) == {"a", "b", "c"}
