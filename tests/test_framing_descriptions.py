"""Labels from the descriptions the entities resolve (invented texts, whole entity stage)."""

from __future__ import annotations

from storydiff.framing import find_labels

from helpers import story_entities


def _story_labels(nlp, texts):
    docs, parsed, entities = story_entities(nlp, texts)
    names = {e.id: e.name for e in entities}
    return [(names[label.entity], label.head.lower(), label.construction)
            for label in find_labels(docs, parsed, entities, [], nlp=nlp)]


def test_description_of_a_person_is_a_label(nlp):
    labels = _story_labels(nlp, {
        "a": "Tobias Renk, a former prosecutor, filed the complaint. Renk is a defendant in a second case.",
    })
    heads = {(name, head) for name, head, _ in labels}
    assert ("Tobias Renk", "prosecutor") in heads
    assert ("Tobias Renk", "defendant") in heads


def test_resolved_party_noun_is_a_label(nlp):
    labels = _story_labels(nlp, {
        "a": "The Green Unity Party filed suit on Monday. The party said the vote was rigged.",
    })
    assert any(head == "party" and "Party" in name for name, head, _ in labels)


def test_view_verb_subject_does_not_get_the_as_phrase(nlp):
    labels = _story_labels(nlp, {
        "a": "The accord, which Tobias Renk referred to as the worst deal in years, expires in May.",
    })
    assert not any(name == "Tobias Renk" and head == "deal" for name, head, _ in labels)


def test_two_as_phrases_on_one_verb_label_the_name_before_each_in_the_describers_voice(nlp):
    docs, parsed, entities = story_entities(nlp, {
        "a": "The ministry described Korvia as a close ally and Tobias Renk as a friend of the court.",
    })
    names = {e.id: e.name for e in entities}
    labels = {(names[label.entity], label.head.lower()): label for label in find_labels(docs, parsed, entities, [], nlp=nlp)}
    assert ("Tobias Renk", "friend") in labels and ("Korvia", "ally") in labels
    assert ("Tobias Renk", "ally") not in labels and ("Korvia", "friend") not in labels
    assert labels[("Tobias Renk", "friend")].voice == "attributed"  # the ministry's words


def test_counting_words_are_no_labels(nlp):
    labels = _story_labels(nlp, {
        "a": "The Democrats met in Dunmore. Three other Americans were held, and the top Democrats left early. "
             "The senior Democrat on the panel said the Democrats would split.",
    })
    assert not any(head in {"other", "top", "most"} for _, head, _ in labels)


def test_a_name_is_not_its_own_label(nlp):
    docs, parsed, entities = story_entities(nlp, {
        "a": "The Democratic Party filed suit on Monday. Democrats said the vote was rigged. "
             "Democrats for months have asked for a recount.",
        "b": "Democrats want a new count, the Democratic Party said.",
    })
    names = {e.id: {e.name, *e.aliases} for e in entities}
    for label in find_labels(docs, parsed, entities, [], nlp=nlp):
        assert label.term not in names[label.entity], label.term


def test_an_ordinal_stays_in_the_label(nlp):
    docs, parsed, entities = story_entities(nlp, {
        "a": "President Dana Velt and Mara Velt, the first lady, welcomed the envoys.",
    })
    names = {e.id: e.name for e in entities}
    terms = {(names[label.entity], label.term) for label in find_labels(docs, parsed, entities, [], nlp=nlp)}
    assert ("Mara Velt", "first lady") in terms
    docs, parsed, entities = story_entities(nlp, {
        "a": "In July, Lavria launched its first Orbix rocket, then a second Orbix in May.",
    })
    assert not any(label.term in {"first", "second"} for label in find_labels(docs, parsed, entities, [], nlp=nlp))


def test_an_object_pronoun_takes_what_the_verb_calls_it(nlp):
    # round 7: "called him a coward" labels the person "him" is, not the clause's subject
    labels = _story_labels(nlp, {
        "a": "Orla Dunne criticised Tobias Renk on Monday and called him a coward. Renk did not reply.",
        "b": "The senator has denounced Tobias Renk as a fraud, nicknamed him \"the tin man,\" and mocked him as weak.",
    })
    heads = {(name, head) for name, head, _ in labels}
    assert ("Tobias Renk", "coward") in heads and ("Orla Dunne", "coward") not in heads
    assert ("Tobias Renk", "man") in heads


def test_a_denied_object_pronoun_label_and_two_people_give_nothing(nlp):
    labels = _story_labels(nlp, {
        "a": "Orla Dunne said Tobias Renk was wrong. Dunne never called him a coward.",
        "b": "Orla Dunne met Tobias Renk on Monday. Later she called him a coward.",
    })
    assert not any(head == "coward" for _, head, _ in labels)


def test_a_title_read_from_the_words_around_a_name(nlp):
    # round 7: an apposition opened by "then", one without an article, and a title right
    # before a name the parse takes for a verb
    labels = _story_labels(nlp, {
        "a": "In a meeting with Dana Velt, then the Harlow County deputy chief of staff, the mayor asked about "
             "the report. Velt refused.",
        "b": "Somebody, it seems, forgot to give candidate Dana Velt the memo. Velt lost.",
    })
    heads = {(name, head) for name, head, _ in labels}
    assert ("Dana Velt", "chief") in heads and ("Dana Velt", "candidate") in heads


def test_a_quoted_nickname_given_to_a_person_is_his_label_not_a_title(nlp):
    # round 7: the tagger makes "Tin Man" a title of its own; the label is Renk's, and a
    # quoted name given to no actor labels nobody
    labels = _story_labels(nlp, {
        "a": "Last year, the senator repeatedly referred to Tobias Renk as \"Tin Man,\" and the name stuck.",
        "b": "The ministry described the plan as \"Project Tin\" in its report.",
    })
    assert ("Tobias Renk", "man", "as-phrase") in labels
    assert not any(name in {"Tin Man", "Project Tin"} for name, _, _ in labels)


def test_a_plural_group_noun_does_not_refer_back_to_one_body(nlp):
    # round 7: "the relevant parties" are several bodies, not the union named before
    labels = _story_labels(nlp, {
        "a": "The Harbor Workers Union filed suit on Monday. The ministry said it had consulted the relevant parties. "
             "The union said the talks had failed.",
    })
    assert not any(head == "parties" for _, head, _ in labels)
    assert any(head == "union" and "Union" in name for name, head, _ in labels)


def test_a_singular_set_beside_a_plural_group_is_no_label(nlp):
    # round 7: "the migrants, a move that ..." says what the clause did
    labels = _story_labels(nlp, {
        "a": "The border guards turned back the migrants, a move that angered the charities. The migrants waited.",
        "b": "The migrants, mostly families, walked on. Officials said the migrants would be housed.",
    })
    assert not any(head == "move" for _, head, _ in labels)


def test_words_before_a_name_that_modifies_another_noun_are_no_label_of_the_name(nlp):
    # "now-public" describes the records; the parser hangs it on the agency's name
    labels = _story_labels(nlp, {
        "a": "Reporters obtained the now-public Transit Department records on Monday. "
             "The Transit Department declined to comment.",
    })
    assert not any(name == "Transit Department" for name, _, _ in labels), labels


def test_a_word_placing_a_party_in_time_is_no_label(nlp):
    labels = _story_labels(nlp, {
        "a": "The modern Unity Party barely resembles its founders. Dana Orlov leads the Unity Party.",
    })
    assert not any(head == "modern" for _, head, _ in labels), labels


def test_one_gunman_is_never_the_company_named_before(nlp):
    labels = _story_labels(nlp, {
        "a": "A man opened fire inside the Harlow Feed Company warehouse on Tuesday. "
             "Police said the gunman fled in a grey van.",
    })
    assert not any(head == "gunman" for _, head, _ in labels), labels
    # several fighters may still be the armed group's
    labels = _story_labels(nlp, {"a": "The Lantern Front claimed the attack. The gunmen escaped."})
    assert ("Lantern Front", "gunmen", "reference") in labels


def test_a_birthday_party_is_no_political_party(nlp):
    labels = _story_labels(nlp, {
        "a": "Three people were hurt at a Dunmore birthday party on Saturday. "
             "Witnesses said the party had drawn a large crowd.",
    })
    assert not any(head == "party" for _, head, _ in labels), labels


def test_an_age_or_a_span_without_its_number_is_no_part_of_a_label(nlp):
    docs, parsed, entities = story_entities(nlp, {
        "a": "Sgt. Ilse Barrow, a 20-year veteran, led the inquiry. Her 17-year-old son was not hurt.",
    })
    terms = {label.term for label in find_labels(docs, parsed, entities, [], nlp=nlp)}
    assert "veteran" in terms and not any("year" in term for term in terms), terms


def test_what_a_person_has_and_a_word_for_the_whole_are_no_labels(nlp):
    labels = _story_labels(nlp, {
        "a": "Police say Tavi Renn, age unavailable, of Dunmore, was taken to Saint Brigid Hospital.",
    })
    assert not any(head == "age" for _, head, _ in labels), labels
    labels = _story_labels(nlp, {
        "a": "The department's entire Harbor Division was pulled off patrol. The Harbor Division returned on Monday.",
    })
    assert not any(head == "entire" for _, head, _ in labels), labels
