"""Labels, issue 13's tenth round: patterns from a judged sample of labels on real news
(invented articles; each case failed before the round)."""

from __future__ import annotations

from helpers import one_text_labels as _labels, story_quotes

from storydiff.framing import find_labels


def test_a_name_hung_on_a_far_noun_is_set_beside_nothing(nlp):
    # the parser hangs "Ms. Orvik" on "trustees" across the verb: no label "trustees"
    labels = _labels(nlp, "Last spring, all trustees were given time to question the head of the port "
                          "authority, Ms. Orvik; the fire chief, Dana Velt; and Colonel Tamm.")
    assert not any(term == "trustees" for _, term in labels), labels
    assert ("Dana Velt", "fire chief") in labels


def test_an_as_phrase_that_opens_the_clause_is_the_subjects(nlp):
    labels = _labels(nlp, "As governor, Mara Quist appointed Ivo Pell to the commission and later made him her aide.")
    assert not any(name == "Ivo Pell" and term == "governor" for name, term in labels), labels
    assert ("Ivo Pell", "acting mayor") in _labels(nlp, "The council designated Ivo Pell as acting mayor.")


def test_the_ranking_member_of_a_party_gives_the_party_no_label(nlp):
    labels = _labels(nlp, "The Republican Party held its retreat on Tuesday. Being the second-ranking "
                          "Republican on the finance panel, Dana Orvik expects to lead it next year.")
    assert not any(term == "ranking" for _, term in labels), labels
    assert ("Republican Party", "embattled") in _labels(nlp, "The embattled Republican Party met on Monday.")


def test_the_nation_never_refers_back_to_a_state(nlp):
    # a state or province (known to countryinfo) is no "nation"; an invented place is left
    # to the text, and a name that is also a country's keeps "the country"
    assert not any(term == "nation" for _, term in _labels(
        nlp, "Governor Ivo Pell of Ohio has long said that cheaper power keeps the nation's factories busy."))
    assert ("Lavria", "country") in _labels(nlp, "Voters in Lavria went to the polls. The country has never had a runoff.")


def test_an_event_is_no_label_of_the_place_or_agency_beside_it(nlp):
    assert _labels(nlp, "Flags flew low for the families of the Dunmore, Lavria mass shooting.") == []
    assert _labels(nlp, "The Tarn County Sheriff's Office treats the crash as a criminal negligence "
                        "investigation.") == []


def test_a_word_before_a_line_break_is_no_premodifier_of_the_name_after_it(nlp):
    assert _labels(nlp, "More stories: Leaf pickup starts Tuesday, sign up to adopt a hydrant\n\n"
                        "Velt Foundation pledges $3 million to libraries") == []


def test_the_sheriffs_office_is_not_the_sheriff(nlp):
    text = ("Sheriff Ivo Pell spoke on Monday. The sheriff's office said the man fled. "
            "The sheriff's department has asked for help. The sheriff said he was proud.")
    assert _labels(nlp, text) == [("Ivo Pell", "sheriff")]


def _voiced(nlp, text: str) -> list[tuple[str, str, str, str | None]]:
    docs, parsed, entities, quotes = story_quotes(nlp, {"a": text})
    names = {e.id: e.name for e in entities}
    return [(names[label.entity], label.term, label.voice, label.speaker_name)
            for label in find_labels(docs, parsed, entities, quotes, nlp=nlp)]


def test_an_as_phrase_opening_a_speech_is_the_narrators_word(nlp):
    # "As mayor, X declared that ...": the narrator calls X mayor; X declared something else
    labels = _voiced(nlp, 'As Varlow\'s mayor, Quist declared that "I strongly support" the harbour tax.')
    assert ("Quist", "mayor", "narrator", None) in labels, labels
    # "described X as ..." is still the describer's view
    assert ("Quist", "reckless mayor", "attributed", "Critics") in _voiced(nlp, "Critics described Quist as a reckless mayor.")


def test_a_word_before_a_colon_is_no_apposition(nlp):
    # a headline's kicker ("Report:", "Watch:") heads no name
    assert not _voiced(nlp, "Report: Quist to speak at Varlow harbour summit")


def test_a_passive_speech_verb_takes_no_speaker_from_the_clause_before(nlp):
    # "X set off a panic, and Y was said to be furious": the hearsay is nobody's, not X's
    labels = _voiced(nlp, 'The interview set off a panic within Tarn circles, and the council chair was said to be '
                          '"furious" with Quist for dividing the already fractured Tarn Party.')
    assert ("Tarn Party", "fractured", "attributed", None) in labels, labels


def test_what_happens_to_a_person_is_no_label_of_the_name_beside_it(nlp):
    # the parser sets the name beside "ouster": an event, never an actor
    labels = _labels(nlp, "The campaign's former manager, Ivo Pell, said the aide who replaced him and helped "
                          "engineer his ouster, Dana Velt, should be fired.")
    assert not any(term == "ouster" for _, term in labels), labels
    assert ("Ivo Pell", "former manager") in labels


def test_what_someone_might_be_is_no_label(nlp):
    # a prospect, a modal or a condition: the outlet does not say the person is mayor
    for text in ("Horrified at the prospect of Ada Quell becoming mayor, Bram Tolle believes in taking sides.",
                 "Ada Quell could become mayor next year, Bram Tolle said.",
                 "If Ada Quell were mayor, taxes would rise, Bram Tolle said."):
        assert not any(term == "mayor" for _, term in _labels(nlp, text)), text
    assert ("Ada Quell", "mayor") in _labels(nlp, "Ada Quell became mayor in 2019.")


def test_a_list_the_name_ends_the_first_item_of_gives_it_no_label(nlp):
    labels = _labels(nlp, "What bound them together were the cartoonists of Tarn Weekly, the jazz fans at the Lumen "
                          "Hall, the tourists at Varlow Airport and the young people dancing at the Orbit club.")
    assert not [term for name, term in labels if name == "Tarn Weekly"], labels


def test_a_name_beside_a_role_with_a_complement_takes_the_role_not_the_complement(nlp):
    labels = _labels(nlp, "The agency also met with the director of the film, Bram Tolle, and cited a list of "
                          "concerns about the script, officials said.")
    assert ("Bram Tolle", "director") in labels and ("Bram Tolle", "film") not in labels, labels


def test_a_capitalised_word_in_a_title_case_headline_is_no_premodifier(nlp):
    # "Document Reveals <Body> Knew": the headline's verb, capitalised, is parsed as the body's modifier
    text = ("Newly Released Document Reveals State Department Knew Harbour Security Was Weak\n\n"
            "The State Department knew the harbour security was weak, a document shows.")
    assert not any(term.endswith("Reveals") for _, term in _labels(nlp, text))
    assert ("Harbour Authority", "embattled") in _labels(nlp, "The embattled Harbour Authority lost its chief.")
