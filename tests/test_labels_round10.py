"""Labels, issue 13's tenth round: patterns from a judged sample of labels on real news
(invented articles; each case failed before the round)."""

from __future__ import annotations

from helpers import story_entities

from storydiff.framing import find_labels


def _labels(nlp, text: str) -> list[tuple[str, str]]:
    docs, parsed, entities = story_entities(nlp, {"a": text})
    names = {e.id: e.name for e in entities}
    return [(names[label.entity], label.term) for label in find_labels(docs, parsed, entities, [], nlp=nlp)]


def test_a_name_hung_on_a_far_noun_is_set_beside_nothing(nlp):
    # the parser hangs "Mr. Orvik" on "senators" across the verb: no label "senators"
    labels = _labels(nlp, "On Feb. 14, all senators were offered the chance to discuss the law with the "
                          "director of the water board, Mr. Orvik; the police chief, Dana Velt; and General Tamm.")
    assert not any(term == "senators" for _, term in labels), labels
    assert ("Dana Velt", "police chief") in labels


def test_an_as_phrase_that_opens_the_clause_is_the_subjects(nlp):
    labels = _labels(nlp, "As mayor, Dana Velt named Ivo Pell to the board and made him her deputy.")
    assert not any(name == "Ivo Pell" and term == "mayor" for name, term in labels), labels
    assert ("Ivo Pell", "acting mayor") in _labels(nlp, "The council designated Ivo Pell as acting mayor.")


def test_the_ranking_member_of_a_party_gives_the_party_no_label(nlp):
    labels = _labels(nlp, "The Republican Party met on Monday. But as the ranking Republican on the "
                          "Judiciary Committee, Mr. Orvik could take the chair if his party wins.")
    assert not any(term == "ranking" for _, term in labels), labels
    assert ("Republican Party", "embattled") in _labels(nlp, "The embattled Republican Party met on Monday.")


def test_the_nation_never_refers_back_to_a_state(nlp):
    # a state or province (known to countryinfo) is no "nation"; an invented place is left
    # to the text, and a name that is also a country's keeps "the country"
    assert not any(term == "nation" for _, term in _labels(
        nlp, "Mayor Dana Velt of Texas often argues that open borders keep the nation's economy growing."))
    assert ("Lavria", "country") in _labels(nlp, "Voters in Lavria went to the polls. The country has never had a runoff.")


def test_an_event_is_no_label_of_the_place_or_agency_beside_it(nlp):
    assert _labels(nlp, "Sending prayers to the victims of the Dunmore, Lavria mass shooting.") == []
    assert _labels(nlp, "The Tarn County Sheriff's Office is looking into the incident as a deadly "
                        "conduct investigation.") == []


def test_a_word_before_a_line_break_is_no_premodifier_of_the_name_after_it(nlp):
    assert _labels(nlp, "Related Articles Street sweeping begins Monday, adopt a drain\n\n"
                        "Velt Foundation gives $2 million to schools") == []


def test_the_sheriffs_office_is_not_the_sheriff(nlp):
    text = ("Sheriff Ivo Pell spoke on Monday. The sheriff's office said the man fled. "
            "The sheriff's department has asked for help. The sheriff said he was proud.")
    assert _labels(nlp, text) == [("Ivo Pell", "sheriff")]
