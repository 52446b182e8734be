"""Issue 13, round 10 (PolNeAR margins): quotation marks of two styles, a paragraph that
opens with a slipped mark and an ellipsis. Invented texts."""

from __future__ import annotations

from helpers import story_quotes


def _direct(quotes) -> list[str]:
    return [q.text for q in quotes if q.kind == "direct"]


def test_a_quotation_opened_and_closed_with_marks_of_two_styles(nlp):
    texts = {"a": "Mayor Dana Velt said the repairs would take \"several more weeks” before the bridge opens.\n\n"
                  "“The contract is void,\" Councillor Jo Marrow said in a statement, adding that the firm "
                  "had treated the town \"like a cash machine.\""}
    _, _, _, quotes = story_quotes(nlp, texts)
    found = _direct(quotes)
    assert "several more weeks" in found
    assert "The contract is void," in found
    assert "like a cash machine." in found


def test_a_paragraph_opening_with_a_slipped_mark_and_an_ellipsis(nlp):
    texts = {"a": "Councillor Jo Marrow spoke for an hour at the meeting.\n\n"
                  "” … and that is why the town cannot pay for the bridge this year,” Marrow said."}
    _, _, _, quotes = story_quotes(nlp, texts)
    found = [q for q in quotes if q.kind == "direct" and "cannot pay" in q.text]
    assert found and found[0].speaker_name == "Marrow"


def _by_text(quotes, words: str):
    return next((q for q in quotes if q.kind == "direct" and q.text.strip(' ,.') == words), None)


def test_quoted_words_in_a_characterising_phrase_are_the_subjects(nlp):
    texts = {"a": "Councillor Jo Marrow likened the budget to “a leaky bucket” on Monday.\n\n"
                  "Mayor Dana Velt condemned the vote as “reckless and petty” and left the chamber."}
    _, _, _, quotes = story_quotes(nlp, texts)
    bucket, petty = _by_text(quotes, "a leaky bucket"), _by_text(quotes, "reckless and petty")
    assert bucket is not None and "Marrow" in (bucket.speaker_name or "")
    assert petty is not None and "Velt" in (petty.speaker_name or "")


def test_a_speech_verb_across_a_quoted_title_and_a_possessed_claim(nlp):
    texts = {"a": "Minister Jo Marrow tells “Morning Desk” on Friday that “nobody knows yet” what caused the fire.\n\n"
                  "Reporters checked Dana Velt's claim that there were “hundreds of complaints” last year."}
    _, _, _, quotes = story_quotes(nlp, texts)
    nobody, complaints = _by_text(quotes, "nobody knows yet"), _by_text(quotes, "hundreds of complaints")
    assert nobody is not None and "Marrow" in (nobody.speaker_name or "")
    assert complaints is not None and "Velt" in (complaints.speaker_name or "")


def test_a_clause_beside_the_verb_with_its_own_subject_is_not_the_verbs_speakers(nlp):
    texts = {"a": "Councillor Jo Marrow described the mayor as a “disgrace” after Mayor Dana Velt blamed the "
                  "delays on “red tape” at the meeting."}
    _, _, _, quotes = story_quotes(nlp, texts)
    tape = _by_text(quotes, "red tape")
    assert tape is None or "Marrow" not in (tape.speaker_name or "")


def test_a_short_whole_sentence_after_a_colon_is_a_quotation(nlp):
    texts = {"a": "The council has a new slogan for the campaign: “We fix roads.” Critics were not impressed.\n\n"
                  "The report used a long word for it: “irregular” was the term."}
    _, _, _, quotes = story_quotes(nlp, texts)
    found = [q.text for q in quotes if q.kind == "direct"]
    assert "We fix roads." in found
    assert not any("irregular" in t for t in found)  # a word, not a sentence, with no one saying it


def test_as_someone_put_it_attributes_the_quoted_words(nlp):
    texts = {"a": "The only test for the grant is a \"proven need for housing,\" as the Velt Foundation put it."}
    _, _, _, quotes = story_quotes(nlp, texts)
    need = _by_text(quotes, "proven need for housing")
    assert need is not None and "Velt Foundation" in (need.speaker_name or "")


def test_likened_to_a_quoted_gerund(nlp):
    texts = {"a": "Another critic, Councillor Jo Marrow, likened the budget to \"burning the town's savings\" - a charge "
                  "that stung."}
    _, _, _, quotes = story_quotes(nlp, texts)
    burning = _by_text(quotes, "burning the town's savings")
    assert burning is not None and "Marrow" in (burning.speaker_name or "")
