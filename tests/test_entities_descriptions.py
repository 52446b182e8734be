"""Entities: descriptions, titles, peoples, capitals and groups without a name (invented texts)."""

from __future__ import annotations

from storydiff.framing import find_labels

from helpers import story_entities
from test_entities import entity_for


def _span_words(entity) -> list[str]:
    return [s.text.lower() for s in entity.spans]


def test_apposition_predicate_and_role_phrase_are_mentions(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Tobias Renk, a former prosecutor, filed the complaint on Monday. "
             "Renk is a defendant in a second case. Renk served as mayor of Dunmore for six years.",
    })
    renk = entity_for(entities, "Tobias Renk")
    assert renk is not None
    words = _span_words(renk)
    assert {"prosecutor", "defendant", "mayor"} <= set(words)


def test_negated_description_is_no_mention(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Tobias Renk spoke on Monday. The complaint does not name Renk as a defendant. "
             "Renk is not a candidate.",
    })
    renk = entity_for(entities, "Tobias Renk")
    assert renk is not None
    assert "defendant" not in _span_words(renk)
    assert "candidate" not in _span_words(renk)


def test_relative_clause_and_coordinated_apposition(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "The court heard Ilse Marrow, who is named as a defendant, on Tuesday. "
             "Piet Oram, a retired judge and an expert on water law, said the case was weak.",
    })
    marrow = entity_for(entities, "Ilse Marrow")
    oram = entity_for(entities, "Piet Oram")
    assert marrow is not None and oram is not None
    assert "defendant" in _span_words(marrow)
    assert {"judge", "expert"} <= set(_span_words(oram))


def test_two_as_phrases_pair_with_the_name_before_each(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "The ministry described Korvia as a close ally and Tobias Renk as a friend of the court.",
    })
    renk, korvia = entity_for(entities, "Tobias Renk"), entity_for(entities, "Korvia")
    assert renk is not None and korvia is not None
    assert "friend" in _span_words(renk) and "ally" not in _span_words(renk)
    assert "ally" in _span_words(korvia) and "friend" not in _span_words(korvia)


def test_as_phrase_after_referred_to_describes_the_name(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Tobias Renk spoke on Monday. Critics have long referred to Renk as a dreamer.",
        "b": "Ilse Marrow arrived on Monday. The ministry described the talks with Marrow as a success. "
             "The ministry did not describe Marrow as a friend of the court.",
    })
    renk, marrow = entity_for(entities, "Tobias Renk"), entity_for(entities, "Ilse Marrow")
    assert renk is not None and marrow is not None
    assert "dreamer" in _span_words(renk)
    assert "success" not in _span_words(marrow)  # the talks are the success
    assert "friend" not in _span_words(marrow)  # denied


def test_apposition_after_the_last_name_of_a_list(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "She met Ada Voss and Piet Brandt, the new trade envoy and a longtime critic of the tariffs.",
        "b": "He thanked Lena Sorg and Emil Haas, the envoys of the league, on Monday.",
    })
    brandt, voss = entity_for(entities, "Piet Brandt"), entity_for(entities, "Ada Voss")
    assert brandt is not None and voss is not None
    assert {"envoy", "critic"} <= set(_span_words(brandt))
    assert not {"envoy", "critic"} & set(_span_words(voss))
    assert not any("envoys" in _span_words(e) for e in entities)  # plural: both of them


def test_counterpart_with_a_nationality_is_the_one_person_written_with_it(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Valdorian President Ennis Korrow arrived in Lavria on Monday. President Dana Velt welcomed "
             "her Valdorian counterpart at the palace. Velt later called her counterpart in Dunmore.",
    })
    korrow, velt = entity_for(entities, "Ennis Korrow"), entity_for(entities, "Dana Velt")
    assert korrow is not None and velt is not None
    assert _span_words(korrow).count("counterpart") == 1  # "her counterpart" could be anyone's
    assert "counterpart" not in _span_words(velt)


def test_the_organization_and_a_body_head_word_refer_back(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "The Harbor Workers Alliance filed a complaint on Friday, arguing that the organization was the "
             "target of a smear campaign. The Federal Bureau of Shipping said the bureau would review it.",
        "b": "The Harbor Workers Alliance and the Dunmore Trade Council filed a complaint, arguing that the "
             "organization was the target of a smear campaign.",
    })
    alliance, bureau = entity_for(entities, "Harbor Workers Alliance"), entity_for(entities, "Federal Bureau of Shipping")
    assert alliance is not None and bureau is not None
    assert [(s.doc, s.text) for s in alliance.spans if s.text in {"organization", "target"}] == [
        ("a", "organization"), ("a", "target")]  # two bodies just before it in b: nobody
    assert "bureau" in _span_words(bureau)


def test_title_of_a_body_set_beside_a_name_is_the_person(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "He met the head of the Lavrian Intelligence Service, Dorn Vasko, on Monday.",
    })
    vasko = entity_for(entities, "Dorn Vasko")
    assert vasko is not None
    assert "head" in _span_words(vasko)


def test_bare_title_after_an_unnamed_holder_is_not_the_named_one(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "National Security Adviser Orm Castell met the press on Monday. One adviser close to the palace "
             "said the plan was dead. \"Nobody reads it,\" the adviser said.",
        "b": "National Security Adviser Orm Castell met the press on Monday. \"Nobody reads it,\" the adviser said.",
    })
    castell = entity_for(entities, "Orm Castell")
    assert castell is not None
    assert [s.doc for s in castell.spans if s.text == "adviser"] == ["b"]


def test_a_countrys_people_public_and_field_officials_are_its_people(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Lavria held a vote on Sunday. Lavrian officials said the Lavrian people had spoken. "
             "Many people stayed home.",
        "b": "Lavrian intelligence officials warned of unrest in Lavria, and the Lavrian public was calm. "
             "Lavria's allies were silent, and U.S. allies said nothing.",
    })
    holders = [e for e in entities if {"people", "public"} & set(_span_words(e))]
    assert len(holders) == 1
    words = _span_words(holders[0])
    assert {"people", "public"} <= set(words) and "officials" not in words
    assert words.count("people") == 1  # "many people" is anyone
    # round 7: the state's officials are a group beside the people, each kept by the
    # mentions of both
    state = [e for e in entities if "officials" in _span_words(e)]
    assert len(state) == 1 and _span_words(state[0]).count("officials") == 2
    assert not any("allies" in _span_words(e) for e in entities)  # other countries, allied to them


def test_title_noun_before_a_name_is_a_mention(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Campaign chairman Ilse Marrow resigned on Friday. Marrow had led the campaign since May.",
    })
    marrow = entity_for(entities, "Ilse Marrow")
    assert marrow is not None
    assert "chairman" in _span_words(marrow)


def test_bare_title_goes_to_the_holder_written_without_a_country(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "President Corinne Maddox hosted Varnian President Tomas Ellery on Monday. "
             "Ellery praised the dams. Maddox praised the roads. Ellery left at noon. "
             "The president later said the visit went well.",
    })
    maddox = entity_for(entities, "Corinne Maddox")
    ellery = entity_for(entities, "Tomas Ellery")
    assert maddox is not None and ellery is not None
    assert "president" in _span_words(maddox)
    assert "president" not in _span_words(ellery)


def test_bare_title_goes_to_the_unmarked_holder_named_far_more_than_a_past_one(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "President Corinne Maddox hosted Varnian President Tomas Ellery on Monday. "
             "Ellery praised the dams. Maddox praised the roads. Ellery left at noon. Maddox stayed. "
             "Maddox wants to leave the 2015 water pact signed by President Ivo Sandor. "
             "The president later said the visit went well.",
    })
    maddox = entity_for(entities, "Corinne Maddox")
    assert maddox is not None
    assert "president" in _span_words(maddox)
    assert not any("president" in _span_words(e) for e in entities if e is not maddox)


def test_a_participle_before_a_title_does_not_pick_the_holder(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Museum director Dana Velt was fired on Monday. Velt cleared her desk. "
             "The fired director later spoke to reporters.",
    })
    velt = entity_for(entities, "Dana Velt")
    assert velt is not None
    later = len("Museum director Dana Velt was fired on Monday. Velt cleared her desk. The fired ")
    assert any(s.start == later and s.text == "director" for s in velt.spans)


def test_former_holder_does_not_take_a_bare_title(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "President Corinne Maddox met former President Tomas Ellery on Monday. "
             "Ellery praised the dams. Maddox praised the roads. Ellery left at noon. "
             "The president later said the meeting went well.",
    })
    ellery = entity_for(entities, "Tomas Ellery")
    assert ellery is not None
    assert "president" not in _span_words(ellery)


def test_a_leaders_son_leads_no_country(nlp):
    from storydiff.entities.governments import _leads_country
    from storydiff.model import Entity

    son = Entity(id="", name="Dan Velt", type="PERSON", roles=["president's son"])
    leader = Entity(id="", name="Dana Velt", type="PERSON", roles=["President of Lavria"])
    pm = Entity(id="", name="Ola Brun", type="PERSON", roles=["Prime Minister"])
    assert not _leads_country(son)
    assert _leads_country(leader)
    assert _leads_country(pm)


def test_a_countrys_leader_by_its_name(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Varnian President Tomas Ellery opened the dam on Monday. Ellery thanked the engineers. "
             "Varnia's leader then flew home.",
    })
    ellery = entity_for(entities, "Tomas Ellery")
    assert ellery is not None
    assert "leader" in _span_words(ellery)


def test_a_peoples_forms_are_one_entity(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "The Republicans met in Dunmore on Monday. Republican lawmakers left early.",
        "b": "A Republican spokesman said the Republicans would vote no.",
    })
    peoples = [e for e in entities if "republican" in e.name.lower() and e.type in {"NORP", "ORG"}]
    assert len(peoples) == 1


def test_the_country_after_one_place(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Korvia held elections on Sunday. Turnout in the impoverished country was low. "
             "That nation had never voted so little.",
    })
    korvia = entity_for(entities, "Korvia")
    assert korvia is not None
    assert {"country", "nation"} <= set(_span_words(korvia))


def test_the_country_after_two_countries_is_the_one_the_text_is_about(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Chile held elections on Sunday. Chile counted the ballots overnight, and Chile's electoral "
             "board praised the turnout. Observers from Peru watched the vote. The country will swear in "
             "its new president in March.",
    })
    chile, peru = entity_for(entities, "Chile"), entity_for(entities, "Peru")
    assert chile is not None and peru is not None
    assert "country" in _span_words(chile)
    assert "country" not in _span_words(peru)


def test_the_country_after_states_is_none_of_them(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Governors from Ohio and Texas met in Florida on Monday. Ohio sent four aides and Ohio paid "
             "for the hall. \"The country needs roads,\" one governor said.",
    })
    assert not any("country" in _span_words(e) for e in entities)


def test_our_country_is_left_alone(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Korvia held elections on Sunday. \"Our country has spoken,\" a voter said.",
    })
    korvia = entity_for(entities, "Korvia")
    assert korvia is not None
    assert "country" not in _span_words(korvia)


def test_bare_officials_kept_referring_to_become_a_group(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Officials said the bridge would reopen. Top officials met the engineers on Monday.",
        "b": "The bridge stays closed, officials said. Critics called the delay a scandal.",
    })
    groups = [e for e in entities if e.type == "GROUP" and e.name == "officials"]
    assert len(groups) == 1
    assert set(groups[0].mentions) == {"a", "b"}
    assert not any(e.name == "critics" for e in entities)  # once is not enough


def test_bare_voters_in_two_outlets_are_a_group_with_their_label(nlp):
    docs, parsed, entities = story_entities(nlp, {
        "a": "The Tarnley council moved the ballot to June, and turnout among voters is expected to fall.",
        "b": "Mailers went out to voters across Tarnley on Friday.",
    })
    groups = [e for e in entities if e.type == "GROUP" and e.name == "voters"]
    assert len(groups) == 1
    assert set(groups[0].mentions) == {"a", "b"}
    labels = find_labels(docs, parsed, entities, [], nlp=nlp)
    assert any(label.entity == groups[0].id and label.head == "voters" for label in labels)


def test_bare_voters_twice_in_one_outlet_are_no_group(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Voters face a long ballot this year. The mailers reached voters on Friday.",
        "b": "The Tarnley council moved the ballot to June.",
    })
    assert not any(e.type == "GROUP" and e.name == "voters" for e in entities)


def test_officials_of_a_named_body_are_not_the_bare_group(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Officials of the Dunmore Water Board said the bridge would reopen. Officials said so again.",
        "b": "Officials at the port disagreed.",
    })
    assert not any(e.type == "GROUP" and e.name == "officials" for e in entities)


def test_campaign_officials_and_lawyers_for_a_person_are_a_circle(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Senator Ilse Marrow denied the report on Monday. Marrow campaign officials called it false.",
        "b": "Lawyers for Ilse Marrow filed a motion. Marrow campaign officials declined to comment.",
    })
    circles = [e for e in entities if e.type == "GROUP" and e.name.startswith("Ilse Marrow")]
    assert circles
    assert sum(sum(c.mentions.values()) for c in circles) >= 2


def test_capital_written_as_an_actor_joins_its_country(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "France and Norway signed the accord. Paris said the deal was fair, and Oslo agreed.",
        "b": "Tourists crowded the cafes in Madrid and Lisbon.",
    })
    france = entity_for(entities, "France")
    assert france is not None
    assert "Paris" in {s.text for s in france.spans}
    assert not any(s.text in {"Madrid", "Lisbon"} for e in entities if e.type == "GPE" and e.name in {"Spain", "Portugal"}
                   for s in e.spans)


def test_capital_only_as_a_place_stays_apart(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "France won the final. Fans celebrated in Paris until dawn.",
    })
    france = entity_for(entities, "France")
    assert france is not None
    assert "Paris" not in {s.text for s in france.spans}


def test_a_country_written_by_another_of_its_names_joins_it(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "North Korea tested a rocket on Monday over the sea near the port of Orvik. The DPRK said the test was a success.",
        "b": "The launch by North Korea drew protests. Officials of the Democratic People's Republic of Korea said more tests would follow.",
        "c": "Iran rejected the offer. The Islamic Republic said talks were over, and the United States said it would wait.",
    })
    for country, others in (("North Korea", {"DPRK", "Democratic People's Republic of Korea"}),
                            ("Iran", {"Islamic Republic"})):
        e = entity_for(entities, country)
        assert e is not None and others <= {s.text for s in e.spans}, country
        assert not any(x.name in others for x in entities)


def test_another_country_s_name_stays_with_that_country(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "South Korea and North Korea met at the border. The Republic of Korea said the talks went well.",
        "b": "Britain and France signed the accord in Orvik on Monday.",
    })
    north, south = entity_for(entities, "North Korea"), entity_for(entities, "South Korea")
    assert north is not None and south is not None and north is not south
    assert "Republic of Korea" not in {s.text for s in north.spans}
    assert "Republic of Korea" in {s.text for s in south.spans}
    # "Britain" is the United Kingdom, which this story does not name: it stays itself
    assert entity_for(entities, "Britain") is not None


def test_what_he_is_said_to_be_describes_the_one_person_before(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Tobias Renk spoke to reporters on Monday. He is a former prosecutor who now teaches law.",
        "b": "Tobias Renk met Ilse Marrow on Monday. He is a retired judge.",
    })
    renk = entity_for(entities, "Tobias Renk")
    assert renk is not None
    assert "prosecutor" in _span_words(renk)
    assert not any("judge" in _span_words(e) for e in entities)  # two people before "he": nobody


def test_allies_of_a_country_in_the_story_are_not_its_people(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "The United States and Lavria signed a pact on Monday. American officials said the deal was fair. "
             "Lavria, like other American allies, wants lower tariffs. European officials welcomed it, and European "
             "allies asked for a seat at the table.",
    })
    american, european = entity_for(entities, "American"), entity_for(entities, "European")
    assert american is not None and european is not None
    assert "allies" not in _span_words(american)  # allies of America, not Americans
    assert "allies" in _span_words(european)  # no European country in the story: the allies are European


_FLEET_AND_QUOTA = {
    "a": "Korvia held talks with the United States on Monday. Korvian officials said the talks would go on. "
         "The weather was cold and the harbour froze over in the night. Ships waited outside for two days. "
         "The fishing fleet stayed in port until Thursday. Prices of cod rose sharply at the market. "
         "Officials said the next round would begin in March.",
    "c": "The fleet returned to port on Friday after a week at sea. Fishermen said the catch was poor. "
         "Prices rose again at the market in Ravenport. Buyers complained about the cost. "
         "Officials said more quota would be granted next year.",
}


def test_the_storys_bare_officials_are_the_one_state_whose_officials_it_names(nlp):
    _, _, entities = story_entities(nlp, {**_FLEET_AND_QUOTA, "b": (
        "Korvian officials met the delegation from the United States. The talks lasted three hours. "
        "Korvian officials called them useful.")})
    state = entity_for(entities, "Korvian officials")
    assert state is not None and state.type == "GROUP"
    # "Officials said" far from any "Korvian officials" in a and c: the same people
    assert [s.doc for s in state.spans if s.text == "Officials"] == ["a", "c"]
    assert not any(e.name == "officials" for e in entities)


def test_bare_officials_stay_apart_when_two_states_officials_are_named(nlp):
    _, _, entities = story_entities(nlp, {**_FLEET_AND_QUOTA, "b": (
        "Korvian officials met the delegation from the United States. The talks lasted three hours. "
        "American officials called them useful, and American officials said they would return.")})
    bare = next((e for e in entities if e.name == "officials"), None)
    assert bare is not None and {s.doc for s in bare.spans} == {"a", "c"}
    assert not any(s.text == "Officials" for e in entities if e.name.endswith(" officials") for s in e.spans)


def test_the_defendants_a_story_keeps_naming_are_a_group(nlp):
    docs, parsed, entities = story_entities(nlp, {
        "a": "The Tarnley port authority sued three shipping firms on Monday. The defendants have 20 days "
             "to answer. Dana Velt, a defendant, declined to comment.",
        "b": "Lawyers for the defendants called the suit baseless. A judge will hear the defendants' motions "
             "in May. Defendants in two earlier fraud trials testified for the port.",
    })
    groups = [e for e in entities if e.type == "GROUP" and e.name == "defendants"]
    assert len(groups) == 1
    assert set(groups[0].mentions) == {"a", "b"}
    assert all(s.text.lower() == "defendants" for s in groups[0].spans)  # "a defendant" is Velt's own
    assert len(groups[0].spans) == 3  # not the defendants of the earlier trials
    labels = find_labels(docs, parsed, entities, [], nlp=nlp)
    assert any(label.entity == groups[0].id and label.head == "defendants" for label in labels)


def test_a_person_brought_in_without_a_name_and_referred_to_again_is_an_entity(nlp):
    docs, parsed, entities = story_entities(nlp, {
        "a": "A fire closed the Tarnley bridge on Monday. One senior official close to the council said "
             "the steel had failed. \"Nobody checked it,\" the official said.",
        "b": "Dana Velt, an official with the council, inspected the bridge. The official said it would reopen.",
    })
    people = [e for e in entities if e.type == "PERSON" and "official" in e.name.lower()]
    assert len(people) == 1
    assert set(people[0].mentions) == {"a"}
    assert [s.text for s in people[0].spans] == ["official", "official"]
    labels = find_labels(docs, parsed, entities, [], nlp=nlp)
    assert any(label.entity == people[0].id and label.head == "official" for label in labels)
