"""Labels and framing: invented sentences with hand-made entities, plus the real corpora."""

from __future__ import annotations

import re

import pytest

from storydiff.framing import compare_framing, find_labels, load_lexicon
from storydiff.model import Document, Entity, Label, Mention, Quote
from storydiff.settings import Settings

# Invented actors: a group, a ministry, a person.
ACTORS = [
    ("e1", "Halden Front", "ORG", ["Halden Front", "HF"]),
    ("e2", "Interior Ministry", "ORG", ["Interior Ministry"]),
    ("e3", "Mara Velt", "PERSON", ["Mara Velt", "Velt"]),
    ("e4", "Osterlund", "GPE", ["Osterlund"]),
]


def _entities(docs: list[Document]) -> list[Entity]:
    entities = []
    for entity_id, name, kind, aliases in ACTORS:
        spans = []
        for d in docs:
            taken: list[tuple[int, int]] = []
            for alias in sorted(aliases, key=len, reverse=True):
                for m in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", d.text):
                    if not any(s <= m.start() < e for s, e in taken):
                        taken.append((m.start(), m.end()))
                        spans.append(Mention(doc=d.id, start=m.start(), end=m.end(), text=m.group()))
        mentions: dict[str, int] = {}
        for s in spans:
            mentions[s.doc] = mentions.get(s.doc, 0) + 1
        entities.append(Entity(id=entity_id, name=name, type=kind, aliases=aliases, mentions=mentions, spans=spans))
    return entities


def _labels(nlp, texts: dict[str, str], quotes=(), titles=None, **kwargs) -> list[Label]:
    docs = [
        Document(id=i, source_path=f"{i}.txt", text=t, title=(titles or {}).get(i)) for i, t in texts.items()
    ]
    parsed = {d.id: nlp(d.text) for d in docs}
    return find_labels(docs, parsed, _entities(docs), list(quotes), nlp=nlp, **kwargs)


def _find(labels, word, entity=None):
    return [l for l in labels if word in l.term.lower() and (entity is None or l.entity == entity)]


def test_apposition_is_narrator_label(nlp):
    labels = _labels(nlp, {"a": "Police raided the Halden Front, a banned militia, on Monday."})
    found = _find(labels, "militia", "e1")
    assert found and found[0].voice == "narrator"
    assert found[0].term == "banned militia" and found[0].head == "militia"
    assert found[0].modifiers == ["banned"]
    assert found[0].loaded  # militia is in the lexicon
    text = "Police raided the Halden Front, a banned militia, on Monday."
    assert text[found[0].start : found[0].end] == "banned militia"
    assert "raided" in found[0].sentence


def test_predicate_nominal_with_acronym(nlp):
    text = "The Halden Front (HF) are a Kelvian opposition military organisation that wants reform."
    labels = _labels(nlp, {"a": text})
    found = _find(labels, "organisation", "e1")
    assert found and found[0].voice == "narrator"
    assert "opposition military organisation" in found[0].term
    assert "legitimacy" in found[0].categories


def test_descriptor_before_name_and_inside_np(nlp):
    text = (
        "Police raided a camp for members of the exiled foreign-backed militant group Halden Front (HF). "
        "Members of the notorious HF terrorist group met in Osterlund."
    )
    labels = _labels(nlp, {"a": text})
    terms = {l.term for l in labels if l.entity == "e1" and l.voice == "narrator"}
    assert any("foreign-backed militant group" in t for t in terms), terms
    assert any("notorious terrorist group" in t for t in terms), terms
    assert not _find(labels, "camp")


def test_scare_quotes_are_attributed_with_speaker(nlp):
    text = "Velt said the ministry was wrong. The Interior Ministry considers the Halden Front a “terrorist” group."
    labels = _labels(nlp, {"a": text})
    found = _find(labels, "terrorist", "e1")
    assert found
    assert all(l.voice == "attributed" for l in found)
    assert found[0].speaker == "e2"


def test_scare_quotes_without_holder_are_never_narrator(nlp):
    text = "The Halden Front was delisted as a “terrorist” organisation years ago."
    labels = _labels(nlp, {"a": text})
    found = _find(labels, "terrorist", "e1")
    assert found and all(l.voice == "attributed" for l in found)


def test_view_verb_attributes_label(nlp):
    text = "Officials in Osterlund called the Halden Front a criminal gang."
    found = _find(_labels(nlp, {"a": text}), "gang", "e1")
    assert found and found[0].voice == "attributed"
    assert found[0].speaker_name and "Officials" in found[0].speaker_name


def test_label_inside_quotation_is_quoted(nlp):
    text = "Velt spoke on Monday. “The Halden Front is a dangerous cult that must be stopped now,” Velt said."
    start = text.index("“") + 1
    end = text.index("”")
    quote = Quote(id="q1", doc="a", text=text[start:end], kind="direct", speaker="e3", speaker_name="Velt", start=start, end=end)
    found = _find(_labels(nlp, {"a": text}, quotes=[quote]), "cult", "e1")
    assert found and found[0].voice == "quoted" and found[0].speaker == "e3"


def test_quotation_marks_alone_make_it_quoted(nlp):
    # no Quote objects: the quotation marks and the speech verb still make it quoted
    text = "“We will never host the Halden Front, this violent gang of thugs and criminals,” Velt said."
    labels = _labels(nlp, {"a": text})
    assert labels, "the apposition inside the quotation should be found"
    assert all(l.voice != "narrator" for l in labels)


def test_reported_speech_is_not_narrator(nlp):
    text = "The Interior Ministry said the Halden Front is an extremist sect."
    found = _find(_labels(nlp, {"a": text}), "sect", "e1")
    assert found and found[0].voice == "attributed" and found[0].speaker == "e2"


def test_definite_np_refers_back_to_actor(nlp):
    text = (
        "The Halden Front held a rally in Osterlund on Sunday. "
        "Police later raided the exiled group at its camp."
    )
    found = _find(_labels(nlp, {"a": text}), "exiled group")
    assert found and found[0].entity == "e1" and found[0].voice == "narrator"
    assert found[0].construction == "reference"


def test_bare_reference_is_not_a_label(nlp):
    text = "The Halden Front held a rally. The group then left."
    assert not _find(_labels(nlp, {"a": text}), "group")


def test_ambiguous_reference_is_skipped(nlp):
    # two compatible organisations in the window, the latest is not the main actor: skip
    text = (
        "The Halden Front met the Velder Coalition in Osterlund. "
        "The Velder Coalition spoke. The Velder Coalition left. The troubled group later split."
    )
    docs = [Document(id="a", source_path="a.txt", text=text)]
    parsed = {"a": nlp(text)}
    entities = _entities(docs)
    coalition = [m for m in re.finditer("Velder Coalition", text)]
    entities.append(
        Entity(
            id="e5",
            name="Velder Coalition",
            type="ORG",
            mentions={"a": len(coalition)},
            spans=[Mention(doc="a", start=m.start(), end=m.end(), text=m.group()) for m in coalition],
        )
    )
    # make the Front the main actor by mentions
    entities[0] = entities[0].model_copy(update={"mentions": {"a": 10}})
    labels = find_labels(docs, parsed, entities, [], nlp=nlp)
    assert not [l for l in _find(labels, "troubled") if l.entity == "e1"]


def test_pronoun_in_view_clause(nlp):
    text = (
        "The Halden Front fought in the war for a decade. "
        "The Interior Ministry considers them a “terrorist” group."
    )
    found = _find(_labels(nlp, {"a": text}), "terrorist")
    assert found and found[0].entity == "e1" and found[0].voice == "attributed"


def test_headline_reference_resolves_to_main_actor(nlp):
    body = "The Halden Front was raided. The Halden Front denies any wrongdoing. Velt spoke."
    labels = _labels(nlp, {"a": body}, titles={"a": "Why was this Osterlund dissident group raided?"})
    found = [l for l in labels if l.in_title]
    assert found and found[0].entity == "e1" and "dissident group" in found[0].term
    assert found[0].voice == "narrator"
    title = "Why was this Osterlund dissident group raided?"
    assert title[found[0].start : found[0].end] == found[0].term


def test_headline_credit_is_attributed(nlp):
    body = "The Halden Front was raided. Velt spoke."
    labels = _labels(nlp, {"a": body}, titles={"a": "Halden Front is a threat to the region: aid worker"})
    found = [l for l in labels if l.in_title]
    assert found and found[0].voice == "attributed" and found[0].speaker_name == "aid worker"


def test_person_role_apposition_goes_to_person(nlp):
    text = "Mara Velt, a veteran campaigner, led the Halden Front rally."
    found = _find(_labels(nlp, {"a": text}), "campaigner")
    assert found and found[0].entity == "e3"


def test_no_labels_for_unrelated_nouns(nlp):
    text = "The Halden Front met in a large hall. The weather was cold and the hall was empty."
    labels = _labels(nlp, {"a": text})
    assert not _find(labels, "hall") and not _find(labels, "weather")


def test_odd_input_never_crashes(nlp):
    assert _labels(nlp, {"a": "", "b": "“", "c": "Halden Front"}) == []
    assert find_labels([], {}, [], []) == []


def test_user_lexicon_is_picked_up(nlp, tmp_path):
    text = "Police raided the Halden Front, a zorblish militia, on Monday."
    assert not any("zorblish" in str(_find(_labels(nlp, {"a": text}), "militia")[0].categories) for _ in [0])
    extra = tmp_path / "extra.tsv"
    extra.write_text("term\tcategory\tpolarity\tnote\nzorblish\tinvented\tnegative\ttest\n", encoding="utf-8")
    found = _find(_labels(nlp, {"a": text}, settings=Settings(lexicon_paths=(str(extra),))), "militia")
    assert found and "invented" in found[0].categories
    assert "invented" in {e.category for e in load_lexicon([extra]).entries}


def test_bundled_lexicon_is_well_formed():
    entries = load_lexicon().entries
    assert len(entries) >= 150
    assert {e.polarity for e in entries} <= {"negative", "positive", "neutral"}
    assert {"violence/terror", "legitimacy", "criminality", "extremism", "victimhood", "delegitimisation", "sympathy"} <= {
        e.category for e in entries
    }


def test_compare_framing_by_voice_and_unique(nlp):
    texts = {
        "a": "Police raided the Halden Front, a banned militia, on Monday.",
        "b": "Police raided the Halden Front, a grassroots charity, on Monday. Officials called the Halden Front a criminal gang.",
        "c": "Police raided the Halden Front, a grassroots charity, on Monday.",
    }
    docs = [Document(id=i, source_path=i, text=t, duplicate_of="b" if i == "c" else None) for i, t in texts.items()]
    parsed = {d.id: nlp(d.text) for d in docs}
    entities = _entities(docs)
    labels = find_labels(docs, parsed, entities, [], nlp=nlp)
    framing = {f.entity: f for f in compare_framing(labels, entities, docs)}
    front = framing["e1"]
    assert set(front.by_document) == {"a", "b", "c"}  # the copy keeps its entry
    assert front.by_document["a"].narrator == ["banned militia"]
    assert front.by_document["a"].unique == ["banned militia"]
    assert "criminal gang" in front.by_document["b"].attributed
    assert front.by_document["b"].counts == {"narrator": 1, "attributed": 1}
    # a copy shares its canonical's terms: still unique against the other outlet
    assert "grassroots charity" in front.by_document["c"].unique


# --- real text --------------------------------------------------------------------------


def _entity_for(entities: list[Entity], gold_name: str, aliases: list[str]) -> set[str]:
    wanted = {gold_name.lower(), *(a.lower() for a in aliases)}
    return {e.id for e in entities if {e.name.lower(), *(a.lower() for a in e.aliases)} & wanted}


def _key_words(term: str) -> list[str]:
    """The words of a gold term that carry it: loaded lexicon words, else the head."""
    lexicon = load_lexicon()
    words = [w for w in re.findall(r"[\w\-]+", term.lower()) if w not in {"a", "an", "the"}]
    loaded = [w for w in words if any(e.words == (w,) and e.polarity != "neutral" for e in lexicon.entries)]
    return loaded or words[-1:]


def _check_gold_labels(gold_labels, gold_entities, entities, labels):
    for gold in gold_labels:
        aliases = next((g.get("must_merge", []) for g in gold_entities if g["name"] == gold["entity"]), [])
        ids = _entity_for(entities, gold["entity"], aliases)
        assert ids, f"entity {gold['entity']} not resolved"
        mine = [l for l in labels if l.doc == gold["doc"] and l.entity in ids]
        keys = _key_words(gold["term"])
        hits = [l for l in mine if all(k in l.term.lower() for k in keys)]
        assert any(l.voice == gold["voice"] for l in hits), (gold, [(l.term, l.voice) for l in mine])
        if gold["voice"] != "narrator":
            # a word the gold gives only in another voice is never the outlet's own label
            narr = [g for g in gold_labels if g["doc"] == gold["doc"] and g["voice"] == "narrator" and keys[0] in g["term"].lower()]
            if not narr:
                assert not [l for l in hits if l.voice == "narrator"], (gold, [(l.term, l.sentence) for l in hits])


def _analyse_labels(nlp, path):
    """The real stages up to labels (read, clean, one parse, entities, quotes), without
    stories or the sentence encoder, so that it stays fast."""
    from storydiff.entities import resolve_entities
    from storydiff.pipeline import load_documents
    from storydiff.quotes import find_quotes

    docs, _ = load_documents([path])
    parsed = {d.id: p for d, p in zip(docs, nlp.pipe(d.text for d in docs))}
    entities = resolve_entities(docs, parsed)
    quotes = find_quotes(docs, parsed, entities)
    return entities, quotes, find_labels(docs, parsed, entities, quotes, nlp=nlp)


def test_seeds_gold_labels_fast(nlp, seeds_dir, seeds_gold):
    entities, _, labels = _analyse_labels(nlp, seeds_dir)
    _check_gold_labels(seeds_gold["labels"], seeds_gold.get("entities", []), entities, labels)


def test_demo_gold_labels_fast(nlp, demo_dir, demo_gold):
    entities, quotes, labels = _analyse_labels(nlp, demo_dir)
    _check_gold_labels(demo_gold["labels"], demo_gold.get("entities", []), entities, labels)
    for label in labels:
        if label.voice == "narrator" and not label.in_title:
            assert not any(
                q.doc == label.doc and q.kind == "direct" and q.start <= label.start and label.end <= q.end for q in quotes
            ), label


@pytest.mark.slow
def test_demo_gold_labels(demo_report, demo_gold):
    entities = [e for s in demo_report.stories for e in s.entities]
    labels = [l for s in demo_report.stories for l in s.labels]
    _check_gold_labels(demo_gold["labels"], demo_gold.get("entities", []), entities, labels)


@pytest.mark.slow
def test_demo_no_narrator_label_inside_quotation(demo_report):
    for story in demo_report.stories:
        for label in story.labels:
            if label.voice != "narrator" or label.in_title:
                continue
            for quote in story.quotes:
                if quote.doc == label.doc and quote.kind == "direct":
                    assert not (quote.start <= label.start and label.end <= quote.end), label


@pytest.mark.slow
def test_seeds_gold_labels(seeds_report, seeds_gold):
    entities = [e for s in seeds_report.stories for e in s.entities]
    labels = [l for s in seeds_report.stories for l in s.labels]
    _check_gold_labels(seeds_gold["labels"], seeds_gold.get("entities", []), entities, labels)


# --- issue 13: negation, lists, resolved descriptions -----------------------------------


def test_negated_label_is_dropped(nlp):
    labels = _labels(nlp, {"a": "The indictment does not name Mara Velt as a defendant."})
    assert not _find(labels, "defendant")
    labels = _labels(nlp, {"a": "The indictment names Mara Velt as a defendant."})
    assert _find(labels, "defendant", "e3")


def test_negated_predicate_is_dropped(nlp):
    labels = _labels(nlp, {"a": "The Halden Front is not a militia, its lawyers said on Monday."})
    assert not _find(labels, "militia")


def test_list_member_is_not_an_apposition(nlp):
    labels = _labels(nlp, {"a": "The lawsuit names the Halden Front, Mara Velt and associates of the mayor."})
    assert not _find(labels, "associates")


def test_resolved_bare_title_gives_a_label(nlp):
    from storydiff.entities import resolve_entities

    text = ("President Corinne Maddox of Varnia visited the flooded valley on Monday. "
            "The president promised new dams.")
    docs = [Document(id="a", source_path="a.txt", text=text)]
    parsed = {"a": nlp(text)}
    entities = resolve_entities(docs, parsed)
    labels = find_labels(docs, parsed, entities, [], nlp=nlp)
    maddox = next(e for e in entities if "Maddox" in e.name)
    found = [l for l in labels if l.entity == maddox.id and l.head == "president"]
    assert found and found[0].construction == "reference"
