"""Copies: near-duplicates grouped, canonical chosen deterministically, differences listed.

Articles here are invented; the seeds and the demo corpus are checked against their gold."""

from __future__ import annotations

import random

from storydiff.copies import find_copies, split_sentences
from storydiff.model import Document, Removed
from storydiff.pipeline import load_documents

FERRY = (
    "The ferry operator Norhaven Lines cancelled all crossings to the island of Tessel on Tuesday after "
    "a storm damaged the harbour wall at Brightmouth.\n\n"
    "Harbour master Ilse Vandermeer said engineers would inspect the wall on Wednesday morning and that "
    "repairs could take at least a week. About 400 passengers were stranded overnight in the town.\n\n"
    "The regional council opened two school halls for travellers who could not find a hotel room. "
    "Volunteers from the local rowing club handed out blankets and hot soup until late in the evening.\n\n"
    "Norhaven Lines said tickets would be refunded in full and that a replacement service from the port "
    "of Kellwick would start on Thursday if the weather allowed it."
)

BAKERY = (
    "A bakery in the village of Ostrum has won the national bread prize for the third year running, the "
    "judges of the Guild of Millers announced on Saturday.\n\n"
    "Owner Pieter Damsma, who took over the shop from his grandmother in 1998, said the secret was "
    "patience and a sourdough starter older than he is. The jury praised the crust and the open crumb.\n\n"
    "More than 300 bakeries entered this year. The prize comes with a trophy and a cheque that Damsma "
    "said he would spend on a new oven."
)


def doc(doc_id: str, text: str, **fields) -> Document:
    return Document(id=doc_id, source_path=f"{doc_id}.txt", text=text, **fields)


def test_near_duplicates_with_other_boilerplate_form_one_group(settings):
    original = doc("harbour-gazette", FERRY + "\n\nSubscribe to the Harbour Gazette for more local news.")
    repost = doc("coastal-wire", "Shared from Coastal Wire.\n\n" + FERRY + "\n\nAll rights reserved.")
    other = doc("bread", BAKERY)
    groups = find_copies([original, other, repost], settings)
    assert len(groups) == 1
    group = groups[0]
    assert set(group.members) == {"harbour-gazette", "coastal-wire"}
    assert group.members[0] == group.canonical
    assert settings.duplicate_threshold <= group.similarity <= 1.0
    [difference] = group.differences
    assert difference.document != group.canonical
    extra = {"harbour-gazette": "Subscribe to the Harbour Gazette for more local news.",
             "coastal-wire": "All rights reserved."}
    # each side's boilerplate is what the other lacks; the shared body is not listed
    assert any(extra[difference.document] in s for s in difference.added)
    assert any(extra[group.canonical] in s for s in difference.removed)
    assert not any("harbour wall" in s for s in difference.added + difference.removed)


def test_edited_copy_lists_the_changed_sentences(settings):
    edited = FERRY.replace(
        "About 400 passengers were stranded overnight in the town.",
        "About 400 passengers were stranded overnight in the town, many of them tourists.",
    )
    groups = find_copies([doc("a", FERRY), doc("b", edited)], settings)
    [group] = groups
    [difference] = group.differences
    changed_in_b = "About 400 passengers were stranded overnight in the town, many of them tourists."
    changed_in_a = "About 400 passengers were stranded overnight in the town."
    listed = {group.canonical: difference.removed, difference.document: difference.added}
    assert listed["b"] == [changed_in_b]
    assert listed["a"] == [changed_in_a]


def test_rewrites_of_one_event_are_not_copies(settings):
    rewrite = (
        "Crossings to Tessel were called off on Tuesday when storm waves broke part of the Brightmouth "
        "harbour wall, Norhaven Lines said. Hundreds of travellers spent the night in school halls. "
        "Ilse Vandermeer, the harbour master, expects repairs to last a week or more, and a service from "
        "Kellwick may begin on Thursday."
    )
    assert find_copies([doc("a", FERRY), doc("b", rewrite), doc("c", BAKERY)], settings) == []


def test_canonical_is_the_fullest_text_then_cleanest_then_earliest_then_id(settings):
    shorter = FERRY.rsplit("\n\n", 1)[0]
    full = doc("z-full", FERRY)
    short = doc("a-short", shorter)
    [group] = find_copies([short, full], settings)
    assert group.canonical == "z-full"  # more body text wins over a smaller id

    debris = [Removed(text="Share this", reason="share buttons")]
    clean_copy = doc("m", FERRY, published="2024-05-02")
    messy_copy = doc("b", FERRY, published="2024-05-01", removed=debris)
    [group] = find_copies([messy_copy, clean_copy], settings)
    assert group.canonical == "m"  # fewer removed pieces wins over an earlier date

    late, early = doc("a", FERRY, published="2024-05-02"), doc("b", FERRY, published="2024-05-01")
    [group] = find_copies([late, early], settings)
    assert group.canonical == "b"

    same = [doc(name, FERRY) for name in ("k", "c", "x")]
    for order in (same, same[::-1], [same[1], same[2], same[0]]):
        [group] = find_copies(order, settings)
        assert group.canonical == "c"
        assert set(group.members) == {"k", "c", "x"}


def test_odd_inputs_do_not_crash(settings):
    docs = [doc("empty", ""), doc("punct", "… — !!"), doc("short", "Yes."), doc("short2", "Yes."), doc("f", FERRY)]
    groups = find_copies(docs, settings)
    assert [set(g.members) for g in groups] == [{"short", "short2"}]
    assert find_copies([], settings) == []
    assert find_copies([doc("only", FERRY)], settings) == []


def test_many_documents_find_only_the_planted_copy(settings):
    rng = random.Random(7)
    words = [f"w{i}" for i in range(5000)]
    docs = [doc(f"r{i}", " ".join(rng.choice(words) for _ in range(150))) for i in range(600)]
    docs.append(doc("copy", docs[123].text + " Read more at our site."))
    groups = find_copies(docs, settings)
    assert [set(g.members) for g in groups] == [{"r123", "copy"}]


def test_split_sentences_keeps_closing_quotes():
    text = "He said “we will return.” Then he left!\nA new line"
    assert split_sentences(text) == ["He said “we will return.”", "Then he left!", "A new line"]


def test_seeds_duplicates(seeds_dir, seeds_gold, settings):
    docs, _ = load_documents([seeds_dir])
    groups = find_copies(docs, settings)
    assert sorted(sorted(g.members) for g in groups) == sorted(sorted(g) for g in seeds_gold["duplicates"])


def test_demo_duplicates(demo_dir, demo_gold, settings):
    docs, _ = load_documents([demo_dir])
    groups = find_copies(docs, settings)
    assert sorted(sorted(g.members) for g in groups) == sorted(sorted(g) for g in demo_gold["duplicates"])
