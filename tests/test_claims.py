"""Claim extraction on invented sentences, with the session's spaCy pipeline."""

from storydiff.claims import extract_claims
from storydiff.model import Document, Entity, Mention, Quote

TEXT = (
    "Harbor police said 12 officers and 40 dock workers were injured on Tuesday. "
    "According to the Port Authority, some 3,000 containers were seized last year. "
    "\"We counted nearly 40% fewer ships,\" Mayor Ilsa Drummond said. "
    "A 12-year-old boy was among the injured."
)


def _claims(nlp, text=TEXT, quotes=(), entities=(), published="2031-03-13"):
    doc = Document(id="d1", source_path="d1.txt", text=text, published=published)
    return extract_claims([doc], {"d1": nlp(text)}, list(entities), list(quotes))


def _by_text(claims, text):
    return next(c for c in claims if c.text == text)


def test_quantities_counted_and_predicate(nlp):
    claims = _claims(nlp)
    officers = _by_text(claims, "12")
    assert officers.kind == "quantity" and officers.value.amount == 12
    assert officers.value.counted_head == "officer"
    assert officers.value.predicate == "injured"
    assert officers.attributed_to == "Harbor police"
    some = _by_text(claims, "some 3,000")
    assert some.value.low < 3000 < some.value.high and some.value.counted == "containers"
    assert some.attributed_to == "Port Authority" or some.attributed_to.endswith("Port Authority")


def test_spans_point_into_text(nlp):
    for c in _claims(nlp):
        assert TEXT[c.start : c.end] == c.text
        assert TEXT[c.sentence_start : c.sentence_end] == c.sentence
    ids = [c.id for c in _claims(nlp)]
    assert ids == [f"C{i + 1}" for i in range(len(ids))]


def test_ages_are_kept_as_age_and_years_are_dates(nlp):
    claims = _claims(nlp)
    age = next(c for c in claims if c.kind == "quantity" and c.value.counted == "age")
    assert age.value.amount == 12
    assert not any(c.kind == "quantity" and c.value.amount in (2030, 2031) for c in claims)


def test_relative_dates_resolved_against_publication(nlp):
    claims = _claims(nlp)
    tuesday = next(c for c in claims if c.kind == "date" and "Tuesday" in c.text)
    assert tuesday.value.date == "2031-03-11" and tuesday.value.resolved_from == "published"
    last_year = next(c for c in claims if c.kind == "date" and c.text == "last year")
    assert last_year.value.date == "2030"


def test_relative_dates_fall_back_to_story_dates(nlp):
    text = "The ferry sank on Tuesday."
    docs = [
        Document(id="a", source_path="a", text=text),
        Document(id="b", source_path="b", text="Unrelated.", published="2031-03-13"),
    ]
    claims = extract_claims(docs, {"a": nlp(text), "b": nlp("Unrelated.")}, [], [])
    date = next(c for c in claims if c.kind == "date")
    assert date.value.resolved_from == "story dates" and date.value.date == "2031-03-11"


def test_dates_with_no_reference_keep_their_day_and_month_or_weekday(nlp):
    # no document of the story is dated: 'March 9' keeps its day and month, 'Tuesday' its
    # day name, and what needs a reference ('last year') is still dropped
    text = ("The Quillon dam gave way on March 9, the county said. Crews reached the valley on Tuesday. "
            "The dam was inspected last year.")
    claims = [c for c in _claims(nlp, text=text, published=None) if c.kind == "date"]
    ninth = _by_text(claims, "March 9")
    assert (ninth.value.date, ninth.value.resolved_from) == ("--03-09", "no year")
    tuesday = next(c for c in claims if "Tuesday" in c.text)
    assert (tuesday.value.date, tuesday.value.resolved_from) == ("-W-2", "no week")
    assert not [c for c in claims if c.text == "last year"]
    # with a publication date the same words resolve as before
    dated = [c for c in _claims(nlp, text=text) if c.kind == "date"]
    assert _by_text(dated, "March 9").value.date == "2031-03-09"


def test_year_less_dates_overlap_only_by_their_day():
    from storydiff.dates import partial_overlap, resolve_without_reference

    assert resolve_without_reference("9 March").date == "--03-09"
    assert resolve_without_reference("Feb. 29").date == "--02-29"
    assert resolve_without_reference("April 31") is None and resolve_without_reference("last year") is None
    assert resolve_without_reference("on Friday night").date == "-W-5"
    assert partial_overlap("--03-09", "--03-09", "--03-09")
    assert not partial_overlap("--03-09", "--03-10", "--03-10")
    assert not partial_overlap("-W-1", "-W-2", "-W-2")
    assert partial_overlap("--03-09", "-W-2", "-W-2")  # a day and month of no known year can be any weekday
    assert partial_overlap("--03-09", "2031-03-09", "2031-03-09") and partial_overlap("--03-09", "2031-03", "2031-03")
    assert not partial_overlap("--03-09", "2031-03-10", "2031-03-10")
    assert partial_overlap("-W-5", "2031-03-14", "2031-03-14") and not partial_overlap("-W-5", "2031-03-13", "2031-03-13")


def test_claim_inside_quote_belongs_to_speaker(nlp):
    start = TEXT.index("\"We counted")
    end = TEXT.index("ships,\"") + len("ships,\"")
    quote = Quote(id="Q1", doc="d1", text=TEXT[start:end], kind="direct", speaker="E7",
                  speaker_name="Ilsa Drummond", start=start, end=end)
    claims = _claims(nlp, quotes=[quote])
    pct = next(c for c in claims if c.kind == "quantity" and c.value.unit == "%")
    assert pct.attributed_to == "E7"


def test_entity_ids_used_for_speakers_and_events(nlp):
    text = "The Coastal Guard arrested Tomas Verlaine in Port Ellis."
    s = text.index("Coastal Guard")
    ent = Entity(id="E1", name="Coastal Guard", type="ORG",
                 spans=[Mention(doc="d1", start=s, end=s + len("Coastal Guard"), text="Coastal Guard")])
    claims = _claims(nlp, text=text, entities=[ent])
    event = next(c for c in claims if c.kind == "event")
    assert event.value.predicate == "arrest" and event.value.agent == "E1"


def test_outlet_voice_is_null_and_negation(nlp):
    claims = _claims(nlp, text="No fewer than 30 boats were not damaged in the storm.")
    q = next(c for c in claims if c.kind == "quantity")
    assert q.attributed_to is None and q.negated


def test_odd_input_does_not_crash(nlp):
    assert _claims(nlp, text="") == []
    assert isinstance(_claims(nlp, text="1 2 3 ,,, $ % 4-5-6 ### 2031"), list)


def test_sentence_entities_match_spacy(nlp):
    """The per-document entity index gives what Span.ents gives, sentence by sentence."""
    from storydiff.claim_context import DocContext

    parsed = nlp(TEXT + " Officials in Brennport and the Harbor Guild met on Friday, 14 May 2031.")
    doc = Document(id="d1", source_path="d1.txt", text=parsed.text)
    ctx = DocContext(doc, parsed, [], [], None, None)
    assert [list(s.ents) for s in parsed.sents] == [ctx.ents_in(s) for s in parsed.sents]
    assert sum(len(ctx.ents_in(s)) for s in parsed.sents) > 3


def _quantities(nlp, text):
    doc = Document(id="d", source_path="d", text=text, published="2031-05-06")
    return [c for c in extract_claims([doc], {"d": nlp(text)}, [], []) if c.kind == "quantity" and c.value.counted != "age"]


def test_numbers_that_count_nobody(nlp):
    text = ("Mara Quill, 34, a mother of three, lived in the 4100 block of Tern Road. One in 4 voters stayed home. "
            "The 60-member council met. The jobless rate fell to 4.2% from 4.9%, or 12 per 100,000 residents.")
    claims = _quantities(nlp, text)
    amounts = {c.value.amount for c in claims if not c.value.reference}
    assert not amounts & {34, 3, 4100, 60, 4.9, 100_000, 1, 4}
    assert 4.2 in amounts
    # the value it fell from is read, and marked as what the change is measured from
    assert [c.value.amount for c in claims if c.value.reference] == [4.9]


def test_every_number_of_a_list_of_ages_is_an_age(nlp):
    text = ("The gunman hit four men \u2014 ages 18, 18, 19 and 20 \u2014 and three women \u2014 17, 21 and 22, "
            "the Tarn police said.")
    amounts = {c.value.amount for c in _quantities(nlp, text)}
    assert {4, 3} <= amounts and not amounts & {17, 18, 19, 20, 21, 22}


def test_an_age_in_brackets_after_a_name_counts_nobody(nlp):
    text = "The chief said he was saddened by the murders of Ada Quell (10) and Bram Oduya (16) in Tarn."
    assert not {c.value.amount for c in _quantities(nlp, text)} & {10, 16}
    text = "Tarn police told us a 25 y/o man and a 43 y/o man were shot and killed."
    assert not {c.value.amount for c in _quantities(nlp, text)} & {25, 43}


def test_a_second_sum_beside_a_source_is_no_reference(nlp):
    # the parser hangs 'another $90 million' on the first source's name, under its 'from'
    text = ("The Varlow council plans to move about $40 million from the Harbour Authority and another "
            "$90 million from the Tarn Transit fund toward the new bridge.")
    sums = {c.value.amount: c.value.reference for c in _quantities(nlp, text)}
    assert sums == {40_000_000: False, 90_000_000: False}


def test_a_person_harmed_counts_one(nlp):
    claims = _quantities(nlp, "A 19-year-old man was killed and his cousin was wounded in the shooting.")
    by_role = {c.value.predicate_terms[-1]: c.value for c in claims}
    assert by_role["kill"].amount == 1 and by_role["kill"].high is None  # at least one
    assert by_role["injure"].amount == 1


def test_ages_in_a_list_of_names_count_nobody(nlp):
    text = "Police named the victims on Monday:\n\nAda Lorn, 59\n\nBrice Tamm, 46\n\nCora Vint, 73"
    assert [c.text for c in _quantities(nlp, text)] == []


def test_a_block_number_is_no_year(nlp):
    text = "Deputies were called to the 2000 block of Tern Road on Monday."
    assert [c.text for c in _claims(nlp, text) if c.kind == "date"] == ["Monday"]


def test_figures_offered_as_alternatives_are_one_range(nlp):
    claims = _quantities(nlp, "Neighbours said four or five men ran from the yard, and 3 or 4 shots were heard.")
    assert [(c.text, c.value.low, c.value.high) for c in claims] == [("four or five", 4, 5), ("3 or 4", 3, 4)]


def test_scale_letter_glued_to_a_number(nlp):
    claims = _quantities(nlp, "The record 64M viewers tuned in.")
    assert [c.value.amount for c in claims] == [64_000_000]


def test_headline_counts_are_claims_in_the_title(nlp):
    from storydiff.nlp import parse_titles
    from storydiff.settings import Settings

    doc = Document(id="d", source_path="d", text="The market reopened on Monday.",
                   title="3 Dead, 2 Injured In Shooting At Harlow Market", published="2031-05-06")
    titles = parse_titles([doc], Settings())
    claims = [c for c in extract_claims([doc], {"d": nlp(doc.text)}, [], [], titles) if c.in_title]
    found = {(c.value.amount, c.value.predicate_terms[-1]) for c in claims}
    assert found == {(3, "kill"), (2, "injure")}
    assert all(doc.title[c.start:c.end] == c.text for c in claims)
    # a list of counts shares the casualty word after its last member
    doc = doc.model_copy(update={"title": "3 adults, 1 child found shot to death in Harlow flat"})
    claims = [c for c in extract_claims([doc], {"d": nlp(doc.text)}, [], [], parse_titles([doc], Settings())) if c.in_title]
    assert {(c.value.amount, c.value.predicate_terms[-1]) for c in claims} == {(3, "kill"), (1, "kill")}
    # a bare count of the harmed counts people, whatever the parser takes for its noun
    doc = doc.model_copy(update={"title": "2 shot dead in Harlow parking dispute"})
    [claim] = [c for c in extract_claims([doc], {"d": nlp(doc.text)}, [], [], parse_titles([doc], Settings())) if c.in_title]
    assert claim.value.predicate_terms[-1] == "kill"  # 'shot dead' is killed, not only shot
    for title, amount in (("Warehouse Party Shooting Leaves Seven Wounded", 7), ("Four shot, 1 dead at Harlow market", 4)):
        doc = doc.model_copy(update={"title": title})
        claims = [c for c in extract_claims([doc], {"d": nlp(doc.text)}, [], [], parse_titles([doc], Settings()))
                  if c.in_title and c.value.amount == amount]
        assert claims and claims[0].value.counted_head == "person", title
    # a number with no casualty word after it in its clause is no headline count
    doc = doc.model_copy(update={"title": "Harlow council approves 12 new bus routes"})
    assert not [c for c in extract_claims([doc], {"d": nlp(doc.text)}, [], [], parse_titles([doc], Settings())) if c.in_title]


def _casualties(nlp, text):
    """(amount, role lemma) of the casualty counts of a text."""
    roles = {"kill": "killed", "injure": "injured", "shoot": "shot"}
    out = []
    for c in _claims(nlp, text):
        if c.kind == "quantity" and c.value.unit is None and c.value.counted != "age":
            found = [roles[t] for t in c.value.predicate_terms if t in roles]
            if found:
                out.append((c.value.amount, found[-1]))
    return out


def test_casualty_counts_from_the_words_around_a_count(nlp):
    # the count's own casualty word decides, not the clause's verb
    found = _casualties(nlp, "The blast at the Orlin mill left one worker dead and four people wounded.")
    assert (1, "killed") in found and (4, "injured") in found and (4, "killed") not in found
    # a copula with a casualty complement, and a clause of its own for the others
    assert (3, "killed") in _casualties(nlp, "Three hikers are dead after the storm on Mount Varn.")
    found = _casualties(nlp, "Two people were killed and four others were in the hospital after the crash.")
    assert (2, "killed") in found and (4, "killed") not in found
    # the name of the event counts: a triple shooting, a murder-suicide
    assert (3, "shot") in _casualties(nlp, "Detectives are investigating a triple shooting in Kessly Park.")
    assert (2, "killed") in _casualties(nlp, "Police in Dorn called it a murder-suicide.")
    assert (2, "killed") not in _casualties(nlp, "Police in Dorn called it an attempted murder-suicide.")
    assert _casualties(nlp, "Police in Dorn called it a double murder-suicide.") == [(3, "killed")]
    assert not [c for c in _casualties(nlp, "Police said Dale Ruston Jr., 21 of Dorn, was shot.") if c[0] == 21]


def test_a_fatal_shooting_killed_at_least_one(nlp):
    assert (1, "killed") in _casualties(nlp, "Deputies in Brask are investigating a deadly shooting near the mill.")
    # an ordinal counts shootings, not people
    assert _casualties(nlp, "It was the third fatal shooting in Brask this month.") == []


def test_single_victims_without_a_numeral(nlp):
    assert (1, "killed") in _casualties(nlp, "Police are investigating the fatal shooting of a 17-year-old in Brask.")
    assert (1, "killed") in _casualties(nlp, "The victim was taken to Brask General, where he later died.")
    assert (1, "shot") in _casualties(nlp, "A 6-year-old boy shot himself with his uncle's pistol in Brask.")
    # a relative named through another's name is one person
    assert (1, "shot") in _casualties(nlp, "Dale Ruston was killed, and Ruston's mother was also shot in Brask.")
    # 'his' is a possessive, not the person harmed; a rifle is nobody
    assert _casualties(nlp, "His rifle was seized by deputies.") == []


def test_harm_suffered_survived_or_only_possible(nlp):
    # the harm as the object of 'suffered': its subject is the person harmed
    assert _casualties(nlp, "A passenger suffered minor injuries in the crash on Pell Road.") == [(1, "injured")]
    assert _casualties(nlp, "Two guards sustained gunshot wounds at the Ostrel depot.") == [(2, "shot")]
    # shot and survived: one of the injured; harm that might have been is none
    assert _casualties(nlp, "A clerk was shot in the arm but survived.") == [(1, "injured")]
    assert _casualties(nlp, "A 3-year-old boy was grazed by a stray bullet in Brask.") == [(1, "injured")]
    assert _casualties(nlp, "The clerk said she could have died that night.") == []
    assert _casualties(nlp, "The fire could have killed dozens of tenants, the chief said.") == []


def test_each_verb_with_its_own_object_has_its_own_count(nlp):
    found = _casualties(nlp, "The blast at the depot wounded 16 workers and killed one.")
    assert (16, "injured") in found and (16, "killed") not in found
    assert (2, "killed") in _casualties(nlp, "Two guards were shot and killed at the depot.")


def test_the_wounded_who_died_count_as_killed_only(nlp):
    found = _casualties(nlp, "Two men wounded in the gunfire at the Ostrel depot later died at the hospital.")
    assert (2, "killed") in found and (2, "injured") not in found
    # the casualty word after the last of joined counts is said of them all
    found = _casualties(nlp, "The blast at the Orlin mill left three women and one man injured on Monday.")
    assert (3, "injured") in found and (1, "injured") in found


def test_groups_and_charges_are_not_those_harmed(nlp):
    # the group a part is picked from, and those charged over a death
    assert (3, "killed") not in _casualties(nlp, "One of the three hikers was killed on the ridge.")
    found = _casualties(nlp, "Three guests, some of the roughly 40 people at the party, were hospitalized.")
    assert found == [(3, "injured")]
    assert (2, "killed") not in _casualties(nlp, "Two brothers face murder charges in the death of a clerk.")


def test_slots_who_ordered_and_cause_of_death(nlp):
    text = ("Customs officers raided the Tolvar depot on the order of the harbour court. "
            "A guard died of a heart attack during the search, the court said.")
    slots = {c.value.slot: c for c in _claims(nlp, text) if c.kind == "event" and c.value.slot}
    assert slots["ordered by"].value.filler == "the harbour court" and slots["ordered by"].value.predicate == "raid"
    assert slots["cause of death"].value.filler == "a heart attack"
    assert text[slots["cause of death"].start : slots["cause of death"].end].startswith("died")
    negated = "Customs officers said the court did not order the raid on the Tolvar depot."
    assert not [c for c in _claims(nlp, negated) if c.kind == "event" and c.value.slot]


def test_what_an_event_left_its_object(nlp):
    # 'left a boy dead': the adjective tells of the object, not of the shooting that left it
    assert _casualties(nlp, "The shooting on Pell Street left a 1-year-old boy dead.") == [(1, "killed")]
    assert _casualties(nlp, "Gunfire left a man dead on Friday.") == [(1, "killed")]
    assert _casualties(nlp, "Deputies found a man wounded in the yard.") == [(1, "shot")]


def test_other_ways_english_gives_a_death_its_cause(nlp):
    causes = {
        "Union leaders said one dock worker died as a result of the use of smoke grenades by guards.": "grenades",
        "The driver died due to injuries sustained in the crash on the Moss bridge.": "injuries",
        "The ferry's cook died because of a blocked artery, the coroner said.": "artery",
    }
    for text, head in causes.items():
        slots = [c for c in _claims(nlp, text) if c.kind == "event" and c.value.slot == "cause of death"]
        assert len(slots) == 1 and head in slots[0].value.filler, text
    # a result, a reason or a time that is no cause
    for text in ("The driver died as a passenger watched from the bank.",
                 "The cook died due on Friday to testify at the inquest.",
                 # deaths in general, in a remark: nobody's of the story
                 "Many patients have died of preventable diseases, the nurse said."):
        assert not [c for c in _claims(nlp, text) if c.kind == "event" and c.value.slot == "cause of death"], text


def test_phone_words_copyright_years_and_street_names_are_not_counts(nlp):
    for text in ("Anyone with information should call Crime Stoppers at 555-TIPS.",
                 "Download the 12 News app for the latest on the fire.",
                 "Deputies were called to 210 Nine Elms Road on Monday.",
                 "(© 2031 Channel 9 Westbury)"):
        assert not [c for c in _claims(nlp, text) if c.kind == "quantity"], text
    assert _casualties(nlp, "Two men were shot on Nine Elms Road.") == [(2, "shot")]


def test_an_attacker_who_killed_himself_is_a_part_of_the_count(nlp):
    text = "The attack in Tarrow left seven people dead before the gunman killed himself."
    claims = [c for c in _claims(nlp, text) if c.kind == "quantity"]
    seven = next(c for c in claims if c.text == "seven")
    gunman = next(c for c in claims if "gunman" in c.text)
    # the attacker may or may not be in the seven: 0 to 1 more, on the same predicate
    assert (gunman.value.low, gunman.value.high) == (0, 1)
    assert gunman.value.predicate_start == seven.value.predicate_start
    alone = [c for c in _claims(nlp, "The gunman later took his own life.") if c.kind == "quantity"]
    assert len(alone) == 1 and alone[0].value.amount == 1 and "kill" in alone[0].value.predicate_terms
    tried = "The gunman attempted to take his own life."
    assert not [c for c in _claims(nlp, tried) if c.kind == "quantity"]


def test_an_area_code_is_not_a_count(nlp):
    assert not [c for c in _claims(nlp, "Call the tip line at (555) 010-0199.") if c.kind == "quantity"]


def test_attackers_and_nonfatal_harm(nlp):
    # the active subject of a harming verb did the harm; 'non-fatal' injuries are no deaths
    found = _casualties(nlp, "Two gunmen killed three people at the Orlin depot.")
    assert (3, "killed") in found and (2, "killed") not in found
    assert _casualties(nlp, "Witnesses said at least five men were shooting during the brawl.") == []
    found = _casualties(nlp, "Six people were shot and four of them suffered non-fatal injuries.")
    assert (4, "killed") not in found


def test_bare_counts_with_their_own_casualty_word(nlp):
    found = _casualties(nlp, "The gunfire at the Pell warehouse left three people dead and five wounded.")
    assert (3, "killed") in found and (5, "injured") in found
    found = _casualties(nlp, "Two gunmen shot six people, one fatally, at a party in Varn.")
    assert (6, "shot") in found and (1, "killed") in found
    # 'one critically' is one of the three, told by how badly: no fourth person
    found = _casualties(nlp, "Three people were wounded, one critically, in a shooting on Elm Street.")
    assert found == [(3, "injured")]
    claims = [c for c in _claims(nlp, "The gunfire left three people dead and five wounded.") if c.text == "five"]
    assert claims and claims[0].value.counted_head == "person"


def test_the_harmed_named_by_an_adjective_a_group_or_a_wound(nlp):
    # 'the three injured men are ...': the copula says nothing; the adjective says what happened
    assert (3, "injured") in _casualties(nlp, "The Varn Courier says the three injured men are Al Kell, Dee Mart and Cy Sott.")
    # 'one of two people injured' sizes the group its own casualty word is said of
    assert (2, "injured") in _casualties(nlp, "Police said a teenager was one of two people injured near Elm Street.")
    assert _casualties(nlp, "See image 5 of 40 from the scene.") == []
    # a wound given by 'with' is a person shot; a denied one is none
    assert (1, "shot") in _casualties(nlp, "A man with a gunshot wound to his arm walked into a Carlow diner on Friday.")
    assert _casualties(nlp, "A woman with no injuries was questioned at the scene.") == []
    # the wound says shot, not injured: whether the bearer lived it does not say
    from storydiff.facts import roles_of
    [wound] = [c for c in _claims(nlp, "A man with several gunshot wounds died at the scene.")
               if c.kind == "quantity" and c.value.predicate == "wounds"]
    assert roles_of(wound.value.predicate_terms) == {"shot"}


def test_an_age_in_the_plural_is_no_count(nlp):
    claims = _quantities(nlp, "Police detained two 17-year-olds after the shooting and released two 16-year olds.")
    assert sorted(c.value.amount for c in claims) == [2, 2]


def test_a_contrast_joins_what_happened_to_different_people(nlp):
    text = "Ana Brill and a cousin survived the fire but the others – Tom Quill, 40, and Ed Rios, 38 – died in the barn."
    assert not [c for c in _claims(nlp, text) if c.kind == "quantity" and c.text in ("Brill", "a cousin")
                and "kill" in c.value.predicate_terms]
    # one person who survived at first and died later is killed
    assert (1, "killed") in _casualties(nlp, "Ana Brill survived the shooting but died of her wounds a week later.")


def test_a_headline_count_is_no_speaker(nlp):
    from storydiff.nlp import parse_titles
    from storydiff.settings import Settings

    doc = Document(id="d", source_path="d", text="The college reopened on Monday.",
                   title="Nine wounded in Orlin college shooting, Mercy Hospital says", published="2031-05-06")
    [claim] = [c for c in extract_claims([doc], {"d": nlp(doc.text)}, [], [], parse_titles([doc], Settings()))
               if c.in_title]
    assert claim.attributed_to != "Nine"


def test_a_headline_participle_read_as_a_past_tense_is_a_passive(nlp):
    from storydiff.nlp import parse_titles
    from storydiff.settings import Settings

    doc = Document(id="d", source_path="d", text="The market reopened on Monday.",
                   title="Child grazed by bullet in Orlin market shooting", published="2031-05-06")
    claims = [c for c in extract_claims([doc], {"d": nlp(doc.text)}, [], [], parse_titles([doc], Settings()))
              if c.in_title and c.kind == "quantity"]
    assert [(c.value.amount, c.value.counted_head) for c in claims] == [(1, "child")]
