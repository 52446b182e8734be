"""Cleaning: each kind of debris out (and recorded), metadata found, no body sentence lost.

Snippets are invented; the seeds and the demo corpus are checked against their gold files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storydiff.clean import clean
from storydiff.page_metadata import _dateparser_date, _english_calendar_date, normalise_date, normalise_outlet
from storydiff.model import Document, RawDocument
from storydiff.read import read_inputs

P1 = "Officials in Brennmoor said on Monday that the new bridge would open in August after two years of work."
P2 = "The project cost 40 million crowns, according to the regional council, which paid for most of it."
P3 = "Local shop owners welcomed the news but said the delays had hurt trade along the river."


def cleaned(text: str, **fields) -> Document:
    return clean(RawDocument(id="t", source_path="t.txt", text=text, **fields))


def reasons(doc: Document) -> list[str]:
    return [r.reason for r in doc.removed]


def _sentences(text: str) -> list[str]:
    """Sentences of a raw file, split independently of the cleaner."""
    out = []
    for line in text.splitlines():
        for part in re.split(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])", line):
            part = " ".join(part.split())
            if len(part.split()) >= 3:
                out.append(part)
    return out


def assert_nothing_lost(raw_text: str, doc: Document) -> None:
    """Every sentence of the raw text is in the clean text or inside a removed piece."""
    text = " ".join(doc.text.split())
    removed = [" ".join(r.text.split()) for r in doc.removed]
    for sentence in _sentences(raw_text):
        if sentence in text or any(sentence in r or r in sentence for r in removed):
            continue
        # a sentence that holds a removed piece glued to body text: the body part must stay
        rest = sentence
        for r in removed:
            rest = rest.replace(r, " ")
        assert " ".join(rest.split()) in text, f"lost from {doc.id}: {sentence!r}"


# --- debris kinds ----------------------------------------------------------------------


def test_breadcrumb_title_twice_and_name_caption():
    doc = cleaned(f"Home » Europe » Brennmoor bridge to open in August\n\nBrennmoor bridge to open in August\n\n"
                  f"Brennmoor bridge to open in August\n\nIlse Varga\n\n{P1}\n\n{P2}")
    assert doc.title == "Brennmoor bridge to open in August"
    assert doc.text == f"{P1}\n\n{P2}"
    assert reasons(doc) == ["breadcrumb", "title (kept as metadata)", "repeated title", "image caption (name only)"]


def test_title_needs_evidence():
    assert cleaned(f"Bridge opens in August\n{P1}\n{P2}").title == "Bridge opens in August"
    # a body that starts with a sentence has no title line
    doc = cleaned(f"{P1}\n{P2}")
    assert doc.title is None and doc.text == f"{P1}\n\n{P2}"
    # a lone line is the body, never taken as a title
    assert cleaned("Bridge opens in August").title is None


def test_photo_captions_glued_and_printed_twice():
    caption = "Workers on the bridge deck on June 3, 2023 [Tomas Hild/Northwire]"
    doc = cleaned(f"{P1}\n\nA crane over the riverWorkers on the bridge deck on June 3, 2023 [Tomas Hild/Northwire]\n\n"
                  f"{caption}\n\n{P2}\n\nThe new span at dusk. (Photo: Mara Lind)\n\n{P3}")
    assert doc.text == f"{P1}\n\n{P2}\n\n{P3}"
    assert reasons(doc) == ["photo caption (alt text glued to caption)", "photo caption", "photo caption"]


def test_embedded_tweet():
    doc = cleaned(f"{P1}\n#Brennmoor bridge lit up for the first time tonight pic.twitter.com/Ab12Cd34\n"
                  f"— Brennmoor Council (@BrennCouncil) June 21, 2023\n{P2}")
    assert doc.text == f"{P1}\n\n{P2}"
    assert reasons(doc) == ["embedded social-media post"] * 2


def test_tweet_text_without_link_is_the_line_above_its_attribution():
    doc = cleaned(f"{P1}\nThe bridge is open at last!\n— Ana Poll (@anapoll) May 2, 2024\n{P2}")
    assert doc.text == f"{P1}\n\n{P2}"


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Read more: Brennmoor votes on new tram line", "related-article teaser"),
        ("You may also like", "related-articles prompt"),
        ("Leave a Comment", "comment prompt"),
        ("To download the video file click here", "download prompt"),
        ("Source » northwire", "source line"),
        ("All Content by Northwire Press is licensed under a Creative Commons Attribution 4.0 International License.", "licence footer"),
        ("© 2024 Brennmoor Daily. All rights reserved.", "copyright footer"),
        ("Share this article", "share buttons"),
        ("Advertisement", "advertisement marker"),
        ("Sign up for our free morning newsletter", "newsletter prompt"),
        ("(Reporting by Ola Brandt; Editing by Kim Sorel)", "credits footer"),
    ],
)
def test_footer_and_prompt_kinds(line, reason):
    doc = cleaned(f"{P1}\n\n{P2}\n\n{line}\n\n{P3}")
    assert line not in doc.text and reasons(doc) == [reason]
    assert doc.text == f"{P1}\n\n{P2}\n\n{P3}"


def test_related_link_list_after_prompt():
    doc = cleaned(f"{P1}\n\n{P2}\n\nMost read\n\n1. Tram fares rise in May\n\n2. Harbour reopens after storm\n\nLeave a Comment")
    assert doc.text == f"{P1}\n\n{P2}"
    assert reasons(doc).count("related-article link") == 2


def test_metadata_from_byline_source_and_licence():
    doc = cleaned(f"Bridge opens\n\nBy Ola Brandt – Northwire Press\n\nMarch 4, 2024\n\n{P1}\n\n{P2}")
    assert (doc.author, doc.outlet, doc.outlet_source, doc.published) == ("Ola Brandt", "Northwire Press", "byline", "2024-03-04")
    assert "Ola Brandt" not in doc.text
    doc = cleaned(f"{P1}\n\n{P2}\n\nSource » northwire")
    assert (doc.outlet, doc.outlet_source) == ("Northwire", "source line")
    doc = cleaned(f"{P1}\n\nAll Content by Brennmoor Daily is licensed under a Creative Commons Attribution 4.0 International License.")
    assert (doc.outlet, doc.outlet_source) == ("Brennmoor Daily", "licence footer")
    # a record's outlet wins; a url gives the domain when nothing else does
    assert cleaned(P1, outlet="Rec News", outlet_source="record").outlet == "Rec News"
    assert cleaned(P1, url="https://www.brenn.example/a/1").outlet == "brenn.example"


def test_a_time_alone_gives_no_publication_date():
    # "Updated 9:06 AM" names no day: read as today it dated an archived page by the
    # day it was read, and put it apart from its event's reports
    doc = cleaned(f"Ferry runs aground\n\nUpdated 9:06 AM\n\n{P1}\n\n{P2}")
    assert doc.published is None
    doc = cleaned(f"Ferry runs aground\n\nUpdated 2 hours ago\n\n{P1}\n\n{P2}")
    assert doc.published is None
    doc = cleaned(f"Ferry runs aground\n\nUpdated 9:06 AM, March 4, 2024\n\n{P1}\n\n{P2}")
    assert doc.published == "2024-03-04"


def test_dateline_recorded_and_text_kept():
    doc = cleaned(f"Bridge opens\n\nBRENNMOOR – {P1}\n\n{P2}")
    assert doc.dateline == "BRENNMOOR" and doc.text.startswith("BRENNMOOR – Officials")
    assert cleaned(f"OSLO, Norway (Northwire) — {P1}").dateline == "OSLO"
    assert cleaned(P1).dateline is None


def test_headings_kept_with_spans():
    doc = cleaned(f"{P1}\n\nWhat happens next?\n\n{P2}\n\nA long wait\n\n{P3}")
    assert [h.text for h in doc.headings] == ["What happens next?", "A long wait"]
    for h in doc.headings:
        assert doc.text[h.start:h.end] == h.text
    # a paragraph cut off by the scraper is long: not a heading
    cut = "Residents of the old quarter who had waited for years said that the opening of the bridge would"
    assert cleaned(f"{P1}\n\n{cut}\n\n{P2}").headings == []


def test_flattened_article_with_footer_inside_the_line():
    flat = (f"BRENNMOOR – {P1}  {P2}  {P3}    All Content by Brennmoor Daily is licensed under a Creative "
            "Commons Attribution 4.0 International License.")
    doc = cleaned(flat)
    assert doc.text == f"BRENNMOOR – {P1}\n\n{P2}\n\n{P3}"
    assert doc.outlet == "Brennmoor Daily" and doc.dateline == "BRENNMOOR"
    # single spaces only: the footer is found as a sentence, the body stays one paragraph
    doc = cleaned(flat.replace("    ", " ").replace("  ", " ") + " You may also like Leave a Comment")
    assert doc.text == f"BRENNMOOR – {P1} {P2} {P3}"
    assert set(reasons(doc)) == {"licence footer", "end-of-page prompt"}
    assert_nothing_lost(flat, doc)


def test_whitespace_normalised_characters_kept():
    doc = cleaned("  “Open,”\u00a0said   the mayor.\r\n\r\n\r\nIt’s done — finally.  ")
    assert doc.text == "“Open,” said the mayor.\n\nIt’s done — finally."


def test_odd_input_does_not_crash():
    for text in ["", " \n ", "»", "By", "— (@x) May 1, 2020", "Home » ", "\x00\x01"]:
        cleaned(text)
    assert normalise_outlet("euractiv") == "Euractiv" and normalise_outlet("BBC") == "BBC"


def test_html_record_is_extracted_when_cleaning():
    html = f"<html><head><title>Bridge opens</title></head><body><article><h1>Bridge opens</h1><p>{P1}</p><p>{P2}</p></article></body></html>"
    doc = clean(RawDocument(id="h", source_path="h.json", html=html))
    assert doc.text == f"{P1}\n\n{P2}" and doc.title == "Bridge opens"


# --- real and demo articles ------------------------------------------------------------


def _clean_dir(path: Path) -> dict[str, tuple[RawDocument, Document]]:
    out = {}
    for raw in read_inputs([path]):
        if isinstance(raw, RawDocument):
            out[raw.id] = (raw, clean(raw))
    return out


def test_seeds_against_gold(seeds_dir, seeds_gold):
    docs = _clean_dir(seeds_dir)
    for doc_id, gold in seeds_gold["documents"].items():
        raw, doc = docs[doc_id]
        for field in ("title", "outlet", "author", "dateline"):
            if field in gold:
                assert getattr(doc, field) == gold[field], (doc_id, field)
        if gold.get("title"):
            assert gold["title"] not in doc.text, f"title repeated in body of {doc_id}"
        for piece in gold.get("boilerplate", []):
            if piece in raw.text:  # literal debris (the others are descriptions)
                assert piece not in doc.text and any(piece in r.text for r in doc.removed), (doc_id, piece)
        if gold.get("boilerplate"):
            assert len(doc.removed) >= len(gold["boilerplate"]) - 1, doc_id
        assert_nothing_lost(raw.text, doc)


def test_demo_against_gold(demo_dir, demo_gold):
    docs = _clean_dir(demo_dir)
    for doc_id, gold in demo_gold["documents"].items():
        raw, doc = docs[doc_id]
        for field in ("title", "outlet", "author", "dateline", "published"):
            if field in gold:
                assert getattr(doc, field) == gold[field], (doc_id, field)
        for piece in gold.get("boilerplate", []):
            assert piece not in doc.text, (doc_id, piece)
            if piece in raw.text:
                assert any(piece in r.text or r.text in piece for r in doc.removed), (doc_id, piece)
        if raw.text and raw.html is None and doc.source_path.endswith(".txt"):
            assert_nothing_lost(raw.text, doc)


@pytest.mark.parametrize("form", ["{m} {d}, {y}", "{d} {m} {y}", "Friday, {m} {d}, {y}", "{m}. {d} {y}", "{d}th {m}, {y}"])
def test_english_dates_read_directly_agree_with_dateparser(form):
    for month in ("January", "sept", "DEC", "May", "august"):
        for day, year in (("1", "2031"), ("09", "1998"), ("28", "2027")):
            value = form.format(m=month, d=day, y=year)
            direct = _english_calendar_date(value)
            assert direct is not None, value
            assert direct == _dateparser_date(value), value


def test_other_dates_still_go_to_dateparser():
    assert _english_calendar_date("February 30, 2031") is None
    assert _english_calendar_date("Smarch 3, 2031") is None
    assert normalise_date("3 March 2031 14:05") == "2031-03-03"
    assert normalise_date("2031-03-03T14:05Z") == "2031-03-03T14:05Z"
    assert normalise_date("  ") is None
