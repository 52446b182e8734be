"""Entities written through whom they belong to (issue 13, third round): a country's
government through its leader, a person's circle, titles and appositions; invented texts."""

from __future__ import annotations

from storydiff.entities import resolve_entities
from storydiff.entities.mentions import _Mention
from storydiff.entities.spans import _build_entity
from storydiff.framing import find_labels
from storydiff.framing.lexicon import Lexicon, LexiconEntry
from storydiff.model import Document


def _story(nlp, texts: dict[str, str]):
    docs = [Document(id=k, source_path=f"{k}.txt", text=v) for k, v in texts.items()]
    parsed = {d.id: p for d, p in zip(docs, nlp.pipe(d.text for d in docs))}
    return docs, parsed, resolve_entities(docs, parsed)


def _named(entities, name: str):
    return next((e for e in entities if e.name == name), None)


def _spans(entity, text: str) -> list:
    return [s for s in entity.spans if s.text.lower() == text]


def test_a_leaders_administration_is_his_country(nlp):
    _, _, entities = _story(nlp, {
        "a": "Varnian President Corinne Maddox flew to Ravenport on Monday. Varnia wants a new dam. "
             "The Maddox administration says the dam will be built by June.",
        "b": "Varnia closed the border on Tuesday. Maddox said her government would reopen it soon.",
    })
    varnia = _named(entities, "Varnia")
    assert varnia is not None
    assert {s.doc for s in _spans(varnia, "administration")} == {"a"}
    assert {s.doc for s in _spans(varnia, "government")} == {"b"}
    maddox = _named(entities, "Corinne Maddox")
    assert maddox is not None and not _spans(maddox, "administration")


def test_a_countrys_own_government_is_the_country(nlp):
    _, _, entities = _story(nlp, {
        "a": "Korvia rejected the offer on Monday. Korvia's government called it an insult.",
    })
    korvia = _named(entities, "Korvia")
    assert korvia is not None and _spans(korvia, "government")


def test_a_predecessors_administration_is_left_alone(nlp):
    # two leaders of one country, neither named far more than the other: "the Ellery
    # administration" may be a past one, so it is given to nobody
    _, _, entities = _story(nlp, {
        "a": "Varnian President Corinne Maddox met former Varnian President Tomas Ellery in Ravenport. "
             "Varnia wants a new dam. Maddox said the Ellery administration had left debts. Ellery disagreed.",
    })
    varnia = _named(entities, "Varnia")
    assert varnia is not None and not _spans(varnia, "administration")


def test_his_country_is_the_country_he_leads(nlp):
    _, _, entities = _story(nlp, {
        "a": "Korvian leader Anton Brisk opened the new port in Korvia on Friday. "
             "Brisk said his country would trade with everyone.",
    })
    korvia = _named(entities, "Korvia")
    assert korvia is not None and _spans(korvia, "country")


def test_his_country_of_an_unnamed_official_is_the_country_of_his_title(nlp):
    _, _, entities = _story(nlp, {
        "a": "Chile opened a new port on Friday. Chile's trade chief warned that his country would "
             "close it to Peruvian ships.",
        "b": "Chile and Peru met in Lima. The Peruvian envoy said his country wanted open ports.",
    })
    chile, peru = _named(entities, "Chile"), _named(entities, "Peru")
    assert chile is not None and peru is not None
    assert [s.doc for s in _spans(chile, "country")] == ["a"]
    assert [s.doc for s in _spans(peru, "country")] == ["b"]


def test_a_persons_circle_is_a_group_of_its_own(nlp):
    _, parsed_docs, entities = _story(nlp, {
        "a": "Senator Lena Quarry denied the charges on Monday. Quarry's aides said she would fight them.",
        "b": "Lena Quarry stayed silent, but her aides called the charges political.",
    })
    circle = _named(entities, "Lena Quarry's aides")
    assert circle is not None and circle.type == "GROUP"
    assert set(circle.mentions) == {"a", "b"}


def test_allies_written_with_ies_join_the_persons_circle(nlp):
    # "allies" does not start with "ally": the word search must find the plural too
    _, _, entities = _story(nlp, {
        "a": "Senator Lena Quarry denied the charges on Monday. Quarry's allies said she would fight them.",
        "b": "Lena Quarry stayed silent, but her allies called the charges political.",
    })
    circle = _named(entities, "Lena Quarry's aides")
    assert circle is not None and len(_spans(circle, "allies")) == 2


def test_a_legal_team_is_the_persons_lawyers_and_one_mention_is_no_circle(nlp):
    _, _, entities = _story(nlp, {
        "a": "Brandt Oakes hired Mira Dune to his legal team on Monday. Oakes's legal team filed a motion. "
             "Oakes's adviser declined to comment.",
    })
    assert _named(entities, "Brandt Oakes's lawyers") is not None
    assert _named(entities, "Brandt Oakes's aides") is None  # one adviser, singular: no circle


def test_his_in_a_clause_is_its_subject(nlp):
    # "Oakes hired Dune to his team": the team is Oakes's, though Dune is named nearer
    _, _, entities = _story(nlp, {
        "a": "Brandt Oakes added Mira Dune and Pol Ravel to his legal team on Monday. "
             "Oakes's legal team said the case was weak.",
    })
    assert _named(entities, "Brandt Oakes's lawyers") is not None
    assert _named(entities, "Mira Dune's lawyers") is None


def test_a_titled_name_is_a_person_though_mostly_tagged_as_its_campaign():
    def mention(text, label, roles=(), modifier=False):
        m = _Mention("a", 0, len(text), text, label, list(roles))
        m.modifier = modifier
        return m

    ms = [mention("Ava Stroud", "ORG", modifier=True)] * 5 + [mention("Stroud", "ORG", modifier=True)] * 6 \
        + [mention("Ava Stroud", "ORG")] * 2 + [mention("Stroud", "PERSON", roles=["Governor"])] * 2 \
        + [mention("Stroud", "PERSON")]
    assert _build_entity(ms).type == "PERSON"
    # without a title, a name mostly tagged ORG stays an organisation
    plain = [mention("Stroud Mills", "ORG")] * 6 + [mention("Stroud Mills", "PERSON")]
    assert _build_entity(plain).type == "ORG"


def test_apposition_with_a_list_going_on_after_it(nlp):
    docs, parsed, entities = _story(nlp, {
        "a": "The complaint names Oakes's son, Dorian Oakes, and his son-in-law, Ned Farrow, as defendants. "
             "Dorian Oakes did not reply.",
    })
    son = _named(entities, "Dorian Oakes")
    assert son is not None and _spans(son, "son")
    labels = find_labels(docs, parsed, entities, [], nlp=nlp)
    assert any(label.entity == son.id and label.head == "son" for label in labels)


def test_qualifying_words_are_the_holders_own_title_run(nlp):
    # "Varnian" sits five words before Ellery's name but titles Maddox, not him
    _, _, entities = _story(nlp, {
        "a": "Varnian President Maddox and President Ellery met on Monday. "
             "The Varnian president said the border would stay open. "
             "Corinne Maddox is in her second term, Tomas Ellery in his first.",
    })
    maddox, ellery = _named(entities, "Corinne Maddox"), _named(entities, "Tomas Ellery")
    assert maddox is not None and ellery is not None
    assert _spans(maddox, "president") and not _spans(ellery, "president")


def test_an_envoy_is_the_ambassador(nlp):
    _, _, entities = _story(nlp, {
        "a": "Korvian Ambassador Ilse Varga met the minister on Monday. The Korvian envoy said talks would go on.",
    })
    varga = _named(entities, "Ilse Varga")
    assert varga is not None and _spans(varga, "envoy")


def test_lexicon_matches_words_and_lemmas_in_its_order():
    lexicon = Lexicon((
        LexiconEntry("hardline regime", ("hardline", "regime"), "loaded", "negative"),
        LexiconEntry("regime", ("regime",), "loaded", "negative"),
        LexiconEntry("thug", ("thug",), "loaded", "negative"),
    ))
    words = [("hardline", "hardline"), ("regimes", "regime")]
    assert [e.term for e in lexicon.match(words)] == ["hardline regime", "regime"]
    assert lexicon.match([("thugs", "thug")])[0].term == "thug"
    assert lexicon.match([("regime", "regime"), ("hardline", "hardline")])[0].term == "regime"


def test_a_title_parsed_as_the_head_of_the_name_is_her_mention(nlp):
    from spacy.tokens import Doc

    words = ["They", "met", "Lavrian", "leader", "Dana", "Velt", "on", "Monday", "."]
    # the parse this rule is for: the title heads the phrase and the name hangs off it
    doc = Doc(nlp.vocab, words=words, heads=[1, 1, 3, 1, 5, 3, 1, 6, 1],
              deps=["nsubj", "ROOT", "amod", "dobj", "compound", "appos", "prep", "pobj", "punct"],
              pos=["PRON", "VERB", "ADJ", "NOUN", "PROPN", "PROPN", "ADP", "PROPN", "PUNCT"],
              ents=["O", "O", "B-NORP", "O", "B-PERSON", "I-PERSON", "O", "B-DATE", "O"])
    document = Document(id="a", source_path="a.txt", text=doc.text)
    entities = resolve_entities([document], {"a": doc})
    velt = _named(entities, "Dana Velt")
    assert velt is not None and _spans(velt, "leader")


def test_the_dictator_is_the_one_titled_so(nlp):
    _, _, entities = _story(nlp, {
        "a": "Dictator Anton Brisk opened the new port on Friday. The dictator said trade would grow.",
    })
    brisk = _named(entities, "Anton Brisk")
    assert brisk is not None and _spans(brisk, "dictator")


def test_officials_from_a_country_are_its_officials(nlp):
    _, _, entities = _story(nlp, {
        "a": "Korvia closed its embassy in Varnia. Korvian officials said the staff had left.",
        "b": "Officials from Korvia met in Ravenport on Tuesday and gave no date for a return.",
    })
    holders = [e for e in entities if any(s.text.lower() == "officials" for s in e.spans)]
    assert len(holders) == 1 and set(holders[0].mentions) >= {"a", "b"}


def test_students_of_a_country_are_a_group_and_one_student_is_not(nlp):
    _, _, entities = _story(nlp, {
        "a": "Korvian students marched in Ravenport on Monday. A Korvian student spoke to the crowd.",
        "b": "Korvian students returned on Tuesday, and more Korvian students joined them.",
    })
    holders = [e for e in entities if any(s.text.lower().startswith("student") for s in e.spans)]
    assert len(holders) == 1
    assert not any(s.text.lower() == "student" for s in holders[0].spans)
    assert sum(1 for s in holders[0].spans if s.text.lower() == "students") == 3


def test_a_countrys_spy_and_security_agencies_are_the_country(nlp):
    text = ("Voters in Lavria went to the polls on Sunday. Lavrian intelligence agencies hacked the servers, the "
            "report said. It accuses the Lavrian government and its military spy agency. The Lavrian news agency "
            "reported the talks.")
    _, _, entities = _story(nlp, {"a": text})
    lavria = _named(entities, "Lavria")
    assert lavria is not None
    # the spy agency is the country's; a news agency is a body of its own
    assert [s.start for s in lavria.spans if s.text in {"agencies", "agency"}] == [
        text.index("agencies"), text.index("spy agency") + 4]


def test_the_agencies_after_a_countrys_intelligence_agencies_are_the_country(nlp):
    text = ("Voters in Lavria went to the polls on Sunday. Three Lavrian intelligence agencies found that the "
            "servers were breached. The breach began in May, the agencies said. Far away, the agencies of the "
            "Dunmore Water Board met.")
    _, _, entities = _story(nlp, {"a": text})
    country = next(e for e in entities if any(s.start == text.index("agencies found") for s in e.spans))
    assert country.type == "GPE"
    starts = [s.start for s in country.spans]
    assert text.index("the agencies said") + 4 in starts
    assert text.index("agencies of the") not in starts  # defined by what follows: another body


def test_the_agencies_long_after_or_for_two_countries_stay_unresolved(nlp):
    text = ("Voters in Lavria and Korvia went to the polls. Lavrian intelligence agencies and Korvian security "
            "agencies both found that the servers were breached. The breach began in May, the agencies said.")
    _, _, entities = _story(nlp, {"a": text})
    said = text.index("the agencies said") + 4
    assert not any(s.start == said for e in entities for s in e.spans)


def test_plural_men_titles_of_a_party_join_it(nlp):
    _, _, entities = _story(nlp, {
        "a": "Three Republican committee chairmen asked for the memos on Monday. The chairmen said they were glad.",
    })
    party = _named(entities, "Republican")
    assert party is not None
    assert len(_spans(party, "chairmen")) == 2


def test_a_predecessors_administration_is_a_body_of_its_own(nlp):
    _, _, entities = _story(nlp, {
        "a": "Lavrian President Dana Velt attacked the pact on Monday. Velt said the deal made by the Ardan "
             "administration was a disaster. Former President Ilse Ardan defended it.",
        "b": "The Ardan administration signed the pact in 2015, Velt said.",
    })
    body = _named(entities, "Ilse Ardan administration")
    assert body is not None and body.type == "ORG"
    assert set(body.mentions) == {"a", "b"} and {s.text for s in body.spans} == {"administration"}


def test_an_organisations_possessive_people_are_the_organisation(nlp):
    _, _, entities = _story(nlp, {
        "a": "The Green Unity Party filed suit on Monday. The party's supporters marched in Dunmore, and the Harbor "
             "Workers Alliance's members joined them. Senator Dana Velt's supporters stayed home.",
    })
    party, union = _named(entities, "Green Unity Party"), _named(entities, "Harbor Workers Alliance")
    assert party is not None and union is not None
    assert _spans(party, "supporters") and _spans(union, "members")
    velt = _named(entities, "Dana Velt")
    assert velt is not None and not _spans(velt, "supporters")
    assert sum(len(_spans(e, "supporters")) for e in entities) == 1  # a person's: a circle if often enough


def test_a_leaders_office_is_his_country_and_anyone_elses_is_not(nlp):
    # round 7: "Brisk's office said" speaks for the country Brisk leads
    _, _, entities = _story(nlp, {
        "a": "Korvian leader Anton Brisk opened the new port in Korvia on Friday. "
             "Brisk's office said the port would open to everyone. "
             "Lawyer Mira Dune said Dune's office would not comment.",
    })
    korvia = _named(entities, "Korvia")
    assert korvia is not None and len(_spans(korvia, "office")) == 1


def test_the_country_after_a_nationality_and_another_place_is_unclear(nlp):
    # round 7: "the Korvian leader ... in Norvania ... the country": Korvia is named through
    # its people, so "the country" may be either and goes to neither
    _, _, entities = _story(nlp, {
        "a": "The Korvian leader praised the talks in Norvania on Monday. Critics said the country has one of "
             "the harshest prison systems. Korvia and Norvania will meet again in May.",
        "b": "Norvania hosted the talks. Officials said the country wants peace.",
    })
    norvania = _named(entities, "Norvania")
    assert norvania is not None
    assert {s.doc for s in _spans(norvania, "country")} == {"b"}


def test_a_countrys_officials_are_a_group_beside_its_people(nlp):
    # round 7: "Norvanian officials" and "Norvanian troops" act for the state; "Norvanian
    # citizens" and "Norvanians" are the people: two actors
    _, _, entities = _story(nlp, {
        "a": "Norvanian officials met the envoy in Norvania on Monday. Norvanian citizens protested outside the hall.",
        "b": "Norvanians want peace, and Norvanian troops left the border.",
    })
    people = _named(entities, "Norvanian")
    state = _named(entities, "Norvanian officials")
    assert people is not None and state is not None and state.type == "GROUP"
    assert _spans(people, "citizens") and not _spans(people, "officials")
    assert _spans(state, "officials") and _spans(state, "troops")


def test_his_administration_is_the_one_leaders_among_the_people_named(nlp):
    # round 7: the subject Mira Dune has no administration; Brisk, the only leader named, does
    _, _, entities = _story(nlp, {
        "a": "Korvian leader Anton Brisk opened the new port in Korvia on Friday. "
             "Mira Dune praised Brisk in the early days of his administration.",
    })
    korvia = _named(entities, "Korvia")
    assert korvia is not None and _spans(korvia, "administration")


def test_officials_from_a_country_before_a_clause_and_two_countries_officials(nlp):
    # round 7: "officials from Norvania, which ..." are Norvania's; "Norvanian and Korvian
    # officials" are neither's alone
    _, _, entities = _story(nlp, {
        "a": "The plan worried officials from Norvania, which has long feared the dam. Norvania said no. "
             "Norvanian and Korvian officials will meet in May.",
    })
    state = _named(entities, "Norvanian officials")
    assert state is not None and len(_spans(state, "officials")) == 1
    assert all(s.start < 40 for s in state.spans)
