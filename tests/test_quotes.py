"""Quotes: gold quotes and speakers on the seeds, invented cases, cross-document matching."""

from __future__ import annotations

import re

import pytest

from storydiff.quotes import match_quotes

from helpers import seed_texts, story_quotes
from test_entities import DEMO_ALLOWED_MISSES, _fold, entity_for, forms_of


@pytest.fixture(scope="module")
def seeds_quotes(nlp, seeds_dir, seeds_gold):
    docs, _, entities, quotes = story_quotes(nlp, *seed_texts(seeds_dir, seeds_gold))
    return docs, entities, quotes, match_quotes(quotes, docs)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def check_gold_quotes(entities, quotes, gold_quotes) -> list[str]:
    by_id = {e.id: e for e in entities}
    problems = []
    for item in gold_quotes:
        speaker = entity_for(entities, item["speaker"])
        for doc in item["docs"]:
            found = [q for q in quotes if q.doc == doc and _norm(item["contains"]) in _norm(q.text)]
            if item.get("kind"):
                found = [q for q in found if q.kind == item["kind"]]
            if not found:
                problems.append(f"{doc}: no quote with {item['contains']!r}")
            elif not any(q.speaker and speaker is not None and _fold(item["speaker"]) in forms_of(by_id[q.speaker])
                         or q.speaker and speaker is not None and q.speaker == speaker.id for q in found):
                problems.append(f"{doc}: {item['contains']!r} given to {[q.speaker_name for q in found]}")
    return problems


def test_seed_gold_quotes(seeds_quotes, seeds_gold):
    _, entities, quotes, _ = seeds_quotes
    assert check_gold_quotes(entities, quotes, seeds_gold["quotes"]) == []


def test_seed_quote_spans_exact_and_copies_matched(seeds_quotes):
    docs, _, quotes, conflicts = seeds_quotes
    text = {d.id: d.text for d in docs}
    assert len({q.id for q in quotes}) == len(quotes)
    for q in quotes:
        assert text[q.doc][q.start:q.end] == q.text
    copies = {d.id: d.duplicate_of for d in docs if d.duplicate_of}
    by_id = {q.id: q for q in quotes}
    for copy, canonical in copies.items():
        for q in quotes:
            if q.doc == copy and q.kind == "direct" and len(q.text.split()) >= 6:
                assert any(by_id[m].doc == canonical for m in q.matches), q.text
    # A conflict always names two different speakers.
    for c in conflicts:
        assert len(set(c.speakers.values())) >= 2


def test_demo_gold_quotes_and_conflicts(demo_analysis):
    report, gold = demo_analysis
    entities = [e for s in report.stories for e in s.entities]
    quotes = [q for s in report.stories for q in s.quotes]
    problems, total = [], 0
    for story in report.stories:
        docs = set(story.documents)
        items = [g for g in gold["quotes"] if set(g["docs"]) <= docs]
        total += sum(len(g["docs"]) for g in items)
        problems += check_gold_quotes(story.entities, story.quotes, items)
    assert total and len(problems) <= DEMO_ALLOWED_MISSES * total, problems
    assert not [p for p in problems if "no quote with" in p], problems
    for item in gold.get("quote_conflicts", []):
        hits = [c for s in report.stories for c in s.quote_conflicts if _norm(item["contains"]) in _norm(c.text)
                or any(_norm(item["contains"]) in _norm(q.text) for q in quotes if q.id in c.quotes)]
        assert hits, item["contains"]
    assert entities is not None


# --- invented texts -----------------------------------------------------------------


def test_invented_quotes_and_speakers(nlp):
    text = (
        "Harbour Minister Talia Orvenne visited the docks on Tuesday.\n\n"
        "“We will rebuild the pier before winter,” she said, “and nobody will lose a job.”\n\n"
        "The plan has been an “asset” for the town.\n\n"
        "Union leader Bram Kessit told reporters that the workers would wait and see.\n\n"
        "\"Promises are cheap when the cranes are idle,\" Kessit said.\n\n"
        "According to the port authority, repairs will cost two million crowns.\n\n"
        "“The money is there,” the minister said."
    )
    docs, _, entities, quotes = story_quotes(nlp, {"d": text})
    by_text = {q.text: q for q in quotes}
    orvenne, kessit = entity_for(entities, "Talia Orvenne"), entity_for(entities, "Bram Kessit")
    first = next(q for q in quotes if q.text.startswith("We will rebuild"))
    second = next(q for q in quotes if q.text.startswith("and nobody"))
    assert first.speaker == second.speaker == orvenne.id and first.kind == "direct" and first.cue == "said"
    assert not any(q.text == "asset" for q in quotes)  # a scare-quoted word is not a quote
    cheap = next(q for q in quotes if q.text.startswith("Promises are cheap"))
    assert cheap.speaker == kessit.id and text[cheap.start:cheap.end] == cheap.text
    indirect = next(q for q in quotes if q.kind == "indirect" and "workers would wait" in q.text)
    assert indirect.speaker == kessit.id
    assert any(q.cue == "according to" and "repairs will cost" in q.text for q in quotes)
    money = next(q for q in quotes if q.text.startswith("The money is there"))
    assert money.speaker == orvenne.id  # role noun resolved to the one minister
    assert len(by_text) == len(quotes)


def test_unresolved_speaker_stays_text(nlp):
    text = "Two ministers met.\n\n“The talks went well,” said an official who asked not to be named."
    docs, _, entities, quotes = story_quotes(nlp, {"d": text})
    assert quotes and quotes[0].speaker is None


def test_conflict_between_outlets(nlp):
    texts = {
        "one": "Mayor Ida Fenwick opened the bridge.\n\n“This bridge joins two halves of one city,” Fenwick said.",
        "two": "Council leader Maria Santos opened the bridge.\n\n\"This bridge joins the two halves of one city,\" Santos said.",
        "three": "Mayor Ida Fenwick opened the bridge.\n\n“This bridge joins two halves of one city,” Fenwick said.",
    }
    docs, _, entities, quotes = story_quotes(nlp, texts, {"three": "one"})
    conflicts = match_quotes(quotes, docs)
    assert len(conflicts) == 1
    c = conflicts[0]
    assert set(c.speakers) == {"one", "two", "three"} and c.speakers["one"] == c.speakers["three"] != c.speakers["two"]
    q_two = next(q for q in quotes if q.doc == "two")
    assert q_two.matches and q_two.wording  # "the two halves" differs
    # The copy alone (same speaker) is no conflict.
    only = [q for q in quotes if q.doc in {"one", "three"}]
    for q in only:
        q.matches, q.wording = [], {}
    assert match_quotes(only, [d for d in docs if d.id != "two"]) == []


def test_token_at_matches_a_scan(nlp):
    """_token_at bisects the Doc: the same token as the last token starting at or before a character."""
    from storydiff.quotes import _token_at

    doc = nlp("“We will rebuild,” Mayor Ilsa Drummond said on Tuesday.  The harbor reopened.")
    for char in range(len(doc.text)):
        expected = max((t for t in doc if t.idx <= char), key=lambda t: t.i, default=doc[0])
        assert _token_at(doc, char).i == expected.i


def test_short_phrase_given_to_different_speakers_is_a_conflict(nlp):
    texts = {
        "a": "Harbour minister Tove Lindqvist said the ferry operators were “reckless and greedy” in the dispute.",
        "b": "Union leader Mats Ekholm called the ferry operators “reckless and greedy” on Tuesday.",
        "c": "The ferry operators were “reckless” according to Tove Lindqvist.",
    }
    docs, _, entities, quotes = story_quotes(nlp, texts)
    conflicts = match_quotes(quotes, docs)
    assert [set(c.speakers) for c in conflicts] == [{"a", "b"}]  # one word alone is no quote to compare


def test_two_names_of_one_surname_and_a_body_against_a_person_are_no_conflict(nlp):
    texts = {
        "one": "Senator Harriet Okafor visited the port.\n\n“The port must stay open all winter,” Okafor said.",
        "two": "Okafor toured the docks on Monday.\n\n“The port must stay open all winter,” Okafor said.",
        "three": "The Harbour Authority issued a statement.\n\n“The port must stay open all winter,” the Harbour Authority said.",
    }
    docs, _, entities, quotes = story_quotes(nlp, texts)
    assert len({q.doc for q in quotes}) == 3
    assert match_quotes(quotes, docs, entities) == []


def test_same_words_in_indirect_speech_are_no_conflict(nlp):
    texts = {
        "one": "Mayor Ida Fenwick said the new bridge would join two halves of one city within a year.",
        "two": "Council leader Maria Santos said the new bridge would join two halves of one city within a year.",
    }
    docs, _, entities, quotes = story_quotes(nlp, texts)
    assert all(q.kind == "indirect" for q in quotes) and len(quotes) == 2
    assert match_quotes(quotes, docs, entities) == []


def test_a_speaker_found_through_a_pronoun_sets_up_no_conflict(nlp):
    texts = {
        "one": "Mayor Ida Fenwick opened the bridge.\n\n“This bridge joins two halves of one city,” she said.",
        "two": "Council leader Maria Santos opened the bridge.\n\n“This bridge joins two halves of one city,” Santos said.",
    }
    docs, _, entities, quotes = story_quotes(nlp, texts)
    assert {q.doc for q in quotes if q.kind == "direct"} == {"one", "two"}
    assert match_quotes(quotes, docs, entities) == []


def test_transcript_labels_give_each_quote_its_speaker(nlp):
    text = ("Governor Lena Quarry and host Tom Brack spoke on Sunday night about the dam.\n\n"
            "\"BRACK: Governor, the dam is a year late and the bill has doubled since the spring.\n\n"
            "\"QUARRY: Well, look, the engineers found a fault in the rock and we had to fix it first.\n\n"
            "The interview ran for twenty minutes.")
    _, _, entities, quotes = story_quotes(nlp, {"a": text})
    by_label = {q.text.split(":")[0]: q for q in quotes if q.kind == "direct"}
    assert by_label["BRACK"].speaker_name == "BRACK" and by_label["QUARRY"].speaker_name == "QUARRY"
    quarry = entity_for(entities, "Lena Quarry")
    assert quarry is not None and by_label["QUARRY"].speaker == quarry.id


def test_a_dash_signature_the_tagger_missed_still_signs(nlp):
    from storydiff.quotes import find_quotes

    text = ("Readers wrote in about the new bridge.\n\n"
            "“It is the ugliest thing I have seen built in this town in forty years.” ― Orla Fennimore-Quist\n\n"
            "The council meets on Monday.")
    docs, parsed, _, _ = story_quotes(nlp, {"a": text})
    # no entities: the tagger did not take the signature for a name
    quotes = [q for q in find_quotes(docs, parsed, []) if q.kind == "direct"]
    assert quotes and quotes[0].speaker_name == "Orla Fennimore-Quist" and quotes[0].speaker is None


def test_a_sentence_ending_in_a_colon_introduces_the_quote(nlp):
    text = ("Mayor Lena Quarry opened the bridge on Monday.\n\n"
            "Quarry made the following remark about it:\n\n"
            "“This bridge took us ten years and it will stand for a hundred more.”")
    _, _, entities, quotes = story_quotes(nlp, {"a": text})
    quarry = entity_for(entities, "Lena Quarry")
    direct = [q for q in quotes if q.kind == "direct"]
    assert quarry is not None and direct and direct[0].speaker == quarry.id


def _speaker_of(entities, quotes, doc, contains):
    q = next(q for q in quotes if q.doc == doc and contains in q.text)
    names = {e.id: e.name for e in entities}
    return names.get(q.speaker), q.speaker_name


def test_speakers_of_reported_speech_patterns(nlp):
    texts = {
        # the next sentence's speech verb does not take a quote its own sentence's verb governs
        "next": "Mayor Dana Velt said on Monday that the old bridge was \"unsafe for anyone.\" "
                "Governor Ana Marrow said the state would pay for repairs.",
        # nor does a later sentence's 'according to'
        "according": "Mayor Dana Velt said on Twitter that the footage should be released \"without any delay.\" "
                     "She plans to visit the city on Sunday, according to an aide.",
        # the parse takes words of the quotation for the subject; the name after it speaks
        "inside": "\"He would be a fine judge. One of the best in the state,\" Rep. Jo Brenn said in an interview.",
        # a verb in the reported clause: the quotation is the reporter's account
        "reported": "Ana Marrow said that Dana Velt had described the harbor plan as \"a reckless gamble\" during the debate.",
        # a participle goes with the clause right before it
        "participle": "Marrow's remarks came as Dana Velt turned down an invitation to the summit, saying such a "
                      "meeting would be \"a waste of everyone's time.\"",
    }
    docs, _, entities, quotes = story_quotes(nlp, texts)
    assert _speaker_of(entities, quotes, "next", "unsafe")[0] == "Dana Velt"
    assert _speaker_of(entities, quotes, "according", "without any delay")[0] == "Dana Velt"
    assert _speaker_of(entities, quotes, "inside", "fine judge") == ("Jo Brenn", "Rep. Jo Brenn")
    assert _speaker_of(entities, quotes, "reported", "reckless gamble")[0] == "Ana Marrow"
    assert _speaker_of(entities, quotes, "participle", "waste of")[0] == "Dana Velt"


def test_joint_speakers_and_a_campaign_are_not_one_person(nlp):
    texts = {
        "joint": "\"We will not back down,\" Dana Velt and Ana Marrow said in a joint statement.",
        "campaign": "Dana Velt toured the port.\n\n\"The plan is dead and buried,\" the Velt campaign said on Tuesday.",
    }
    docs, _, entities, quotes = story_quotes(nlp, texts)
    speaker, written = _speaker_of(entities, quotes, "joint", "back down")
    assert speaker is None and "Velt" in written and "Marrow" in written
    speaker, written = _speaker_of(entities, quotes, "campaign", "dead and buried")
    assert speaker is None and written == "the Velt campaign"


def test_loosely_matched_quotes_and_texts_set_up_no_conflict(nlp):
    texts = {
        # two advocates who end different statements with one stock phrase
        "one": "Ferry advocate Ida Fenwick spoke after the vote.\n\n\"I think it shows they are on the wrong side of "
               "history,\" Fenwick said.",
        "two": "Mats Ekholm leads the dockworkers.\n\n\"They are wasting public money on lawyers and they know it. "
               "They are on the wrong side of history,\" Ekholm said.",
        # a motto quoted inside a statement, and the same charter clause read from two texts
        "three": "Council leader Maria Santos urged members to drop the vote on the motto \"Onward Through Every Tide.\"",
        "four": "\"The council spent a day on reaffirming that 'Onward Through Every Tide' is our motto,\" Tove Lindqvist said.",
        "five": "The Harbour Charter states that \"every berth shall be open to all vessels in distress.\"",
        "six": "Santos cited the Port Code, which states, \"Every berth shall be open to all vessels in distress.\"",
    }
    docs, _, entities, quotes = story_quotes(nlp, texts)
    assert match_quotes(quotes, docs, entities) == []


def test_a_stock_phrase_and_a_scream_reported_by_a_witness_set_up_no_conflict(nlp):
    texts = {
        # a few words of one speaker found, less one, inside another's longer statement
        "one": "Mayor Ida Fenwick spoke on Monday.\n\nFenwick said the city was \"deeply shaken by this senseless "
               "tragedy\" and asked residents to stay calm.",
        "two": "The ferry's owner, Mats Ekholm, issued a statement.\n\n\"Everyone at the ferry company wants to say how "
               "deeply shaken we are by this senseless accident,\" Ekholm said.",
        # the words a mother screamed, as two witnesses told it
        "three": "Neighbour Tove Lindqvist woke to shouts.\n\nThe mother screamed, \"They have taken my daughter!\" "
                 "Lindqvist said.",
        "four": "Neighbour Maria Santos heard the shouts.\n\nThe mother screamed, \"They have taken my daughter!\" "
                "Santos said.",
    }
    docs, _, entities, quotes = story_quotes(nlp, texts)
    assert match_quotes(quotes, docs, entities) == []


def test_a_quotation_given_to_two_people_jointly_is_each_ones(nlp):
    texts = {
        "one": "The festival named its host on Friday.\n\n"
               "\"She is a born entertainer and a star of the stage,\" Ada Quell said in a statement.",
        "two": "The festival named its host on Friday.\n\n"
               "Producers Ada Quell and Bram Oduya said: \"She is a born entertainer and a star of the stage.\"",
    }
    docs, _, entities, quotes = story_quotes(nlp, texts)
    assert len({q.doc for q in quotes}) == 2, [(q.doc, q.speaker_name) for q in quotes]
    assert match_quotes(quotes, docs, entities) == []


def test_a_show_or_a_nickname_in_quotation_marks_is_no_quote_unless_a_speaker_gives_it(nlp):
    texts = {
        "a": "Senator Ada Quell told \"Morning Desk\" on Sunday that the harbour deal was dead. "
             "Quell later called her rival \"Dandy Dan\" at a rally in Varlow.",
    }
    _, _, _, quotes = story_quotes(nlp, texts)
    found = {q.text.strip(" ,.") for q in quotes if q.kind == "direct"}
    assert "Morning Desk" not in found, found
    assert "Dandy Dan" in found, found


def test_a_speakers_party_tag_cut_by_the_parse_leaves_no_open_bracket(nlp):
    _, _, _, quotes = story_quotes(nlp, {"a": '"We will not move the bill," Senate Majority Leader Dana Velt (R-Ky.) '
                                              'said on Tuesday. Maine Gov. Ivo Pell (R) told reporters, "The budget is dead."'})
    names = [q.speaker_name for q in quotes]
    assert len(names) == 2 and all(n and "(" not in n and n.endswith(("Velt", "Pell")) for n in names), names


def test_words_one_document_gives_to_both_speakers_set_up_no_conflict(nlp):
    """An echoed phrase: one outlet says both people used the words, so an outlet that gives
    them to one of the two does not contradict it."""
    texts = {
        "one": "Mayor Ilse Varga spoke to the Courier on Friday.\n\nVarga told the Courier she was \"not ready to "
               "back the harbour plan yet\" and would wait for the audit.\n\nCouncillor Tomas Brill first used the "
               "phrase in March, telling reporters he was \"not ready to back the harbour plan yet.\"",
        "two": "Mayor Ilse Varga gave an interview on Friday.\n\n\"I respect Tomas, but the audit comes first. I am "
               "not ready to back the harbour plan yet,\" Varga said.",
    }
    docs, _, entities, quotes = story_quotes(nlp, texts)
    varga, brill = entity_for(entities, "Ilse Varga"), entity_for(entities, "Tomas Brill")
    assert varga is not None and brill is not None
    assert {q.speaker for q in quotes if q.doc == "one" and "harbour plan yet" in q.text} == {varga.id, brill.id}
    assert match_quotes(quotes, docs, entities) == []
    # Without the echo, the first outlet gives the words to the councillor alone: a conflict.
    texts["one"] = texts["one"].split("\n\n", 1)[0] + "\n\n" + texts["one"].split("\n\n")[2]
    docs, _, entities, quotes = story_quotes(nlp, texts)
    assert [set(c.speakers) for c in match_quotes(quotes, docs, entities)] == [{"one", "two"}]
