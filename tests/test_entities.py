"""Entities: gold merges on the seeds (and the demo when the pipeline runs), plus invented cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from storydiff.entities import acronym_matches, entity_at

from helpers import seed_texts, story_entities


DEMO_ALLOWED_MISSES = 0.25
"""Share of demo gold items that may fail (measured: see the engineer's report)."""


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.replace("’", "'").lower().replace("'s", "")))


@pytest.fixture(scope="module")
def seeds_story(nlp, seeds_dir: Path, seeds_gold):
    return story_entities(nlp, *seed_texts(seeds_dir, seeds_gold))


def forms_of(entity) -> set[str]:
    return {_fold(entity.name), *(_fold(a) for a in entity.aliases), *(_fold(s.text) for s in entity.spans)}


def entity_for(entities, name: str):
    """The entity that carries ``name`` (exactly, or as a close spelling variant)."""
    exact = [e for e in entities if _fold(name) in forms_of(e)]
    if exact:
        return max(exact, key=lambda e: sum(e.mentions.values()))
    close = [e for e in entities if any(fuzz.ratio(_fold(name), f) >= 90 for f in forms_of(e))]
    return close[0] if close else None


def check_gold_entities(entities, gold_entities) -> list[str]:
    problems = []
    for item in gold_entities:
        forms = item.get("must_merge", [])
        owners = {id(entity_for(entities, f)) for f in forms}
        found = [entity_for(entities, f) for f in forms]
        if any(e is None for e in found) or len(owners) != 1:
            problems.append(f"not merged: {forms} -> {[e and e.name for e in found]}")
            continue
        entity = found[0]
        for other in item.get("must_not_merge", []):
            if _fold(other) in forms_of(entity):
                problems.append(f"wrongly merged: {item['name']} with {other}")
        if _fold(item["name"]) not in forms_of(entity):
            problems.append(f"gold name {item['name']} not among the forms of {entity.name}")
    return problems


def check_gold_roles(entities, gold_entities) -> list[str]:
    """Roles given as titles ('Interior Minister') must be found; several alternatives are
    separated by ' / ' in the gold."""
    problems = []
    for item in gold_entities:
        role = item.get("role")
        entity = entity_for(entities, item["name"])
        if not role or entity is None or entity.type != "PERSON":
            continue
        alternatives = [_fold(r) for r in role.split(" / ")]
        roles = [_fold(r) for r in entity.roles]
        if not any(set(a.split()) <= set(r.split()) or set(r.split()) <= set(a.split()) and r for a in alternatives for r in roles):
            problems.append(f"{item['name']}: role {role!r} not in {entity.roles}")
    return problems


def test_seed_gold_merges(seeds_story, seeds_gold):
    _, _, entities = seeds_story
    assert check_gold_entities(entities, seeds_gold["entities"]) == []


def test_seed_gold_roles(seeds_story, seeds_gold):
    _, _, entities = seeds_story
    assert check_gold_roles(entities, seeds_gold["entities"]) == []


def test_seed_spans_are_exact_and_ids_unique(seeds_story):
    docs, _, entities = seeds_story
    text = {d.id: d.text for d in docs}
    assert len({e.id for e in entities}) == len(entities)
    for e in entities:
        assert e.name and e.name[0] not in "( ,." and not e.name.lower().startswith("the ")
        assert sum(e.mentions.values()) == len(e.spans)
        for s in e.spans:
            assert text[s.doc][s.start:s.end] == s.text


def test_seed_canonical_name_of_acronym_org_is_expansion(seeds_story, seeds_gold):
    _, _, entities = seeds_story
    for item in seeds_gold["entities"]:
        entity = entity_for(entities, item["name"])
        if entity is not None and any(f.isupper() for f in item["must_merge"]) and not item["name"].isupper():
            assert not entity.name.isupper(), entity.name


def test_demo_gold_merges(demo_analysis):
    report, gold = demo_analysis
    problems, total = [], 0
    for story in report.stories:
        names = {_fold(f) for e in story.entities for f in forms_of(e)}
        items = [g for g in gold["entities"] if _fold(g["name"]) in names]
        total += len(items)
        problems += check_gold_entities(story.entities, items)
    # Known misses (NER typing a company's short name as a person, ...) are listed in the
    # report; the bar is that most gold merges hold and no wrong merge happens.
    assert total and len(problems) <= DEMO_ALLOWED_MISSES * total, problems
    assert not [p for p in problems if p.startswith("wrongly")], problems


# --- invented texts -----------------------------------------------------------------


def test_acronym_matching():
    assert acronym_matches("NVRC", "Northern Valley Relief Committee")
    assert acronym_matches("HKO", "Harakat-e Kavir Organization")
    assert acronym_matches("HEK", "Harakat-e Kavir")  # particle kept
    assert acronym_matches("HKO", "Harakat-e Kavir")  # "-O" for Organization
    assert acronym_matches("FOTR", "Friends of the River")
    assert not acronym_matches("NVC", "Northern Valley Relief Committee")
    assert not acronym_matches("ABC", "Alpha")


def test_resolution_on_invented_story(nlp):
    texts = {
        "a": (
            "Interior Minister Tomas Velkaro said on Monday that the Brightwater Farmers Union (BFU) "
            "had broken the law. Velkaro spoke in Porthaven.\n\n"
            "The Harbour Rowing Club, also known as HRC, held a meeting. Police chief Ilse Morrow "
            "and her brother Piet Morrow, a local baker, attended."
        ),
        "b": (
            "The BFU rejected the claims. Minister Tomas Velcaro's office did not answer. "
            "Morrow declined to comment."
        ),
    }
    _, _, entities = story_entities(nlp, texts)
    union = entity_for(entities, "Brightwater Farmers Union")
    assert union is not None and "BFU" in union.aliases and union.mentions.get("b")
    minister = entity_for(entities, "Tomas Velkaro")
    assert minister is not None and {"velkaro", "tomas velcaro"} <= forms_of(minister)
    assert any("minister" in r.lower() for r in minister.roles)
    club = entity_for(entities, "Harbour Rowing Club")
    assert club is not None and "HRC" in club.aliases
    # Two people with one surname: never one entity, and the bare surname joins neither.
    ilse, piet = entity_for(entities, "Ilse Morrow"), entity_for(entities, "Piet Morrow")
    assert ilse is not None and piet is not None and ilse.id != piet.id
    assert "morrow" not in forms_of(ilse) and "morrow" not in forms_of(piet)
    # entity_at finds an entity by any of its spans.
    start = texts["b"].index("BFU")
    assert entity_at(entities, "b", start, start + 3) is union
    assert entity_at(entities, "b", 0, 3) is None
    # Clean names: no leading article, no possessive.
    assert all(not e.name.endswith(("'s", "’s")) for e in entities)


def test_never_crashes_on_odd_input(nlp):
    _, _, entities = story_entities(nlp, {"x": "", "y": "((( ))) “ ” \" '", "z": "A" * 50})
    assert isinstance(entities, list)


# --- issue 13: who is who at the depth of real news (invented articles) ----------------


def test_middle_initial_is_the_same_person(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Judge Harold T. Winslowe ruled on Monday that the dam may not be built.",
        "b": "Judge Harold Winslowe said the permit was flawed. Winslowe sent it back.",
    })
    e = entity_for(entities, "Harold Winslowe")
    assert e is not None and e is entity_for(entities, "Harold T. Winslowe")
    assert set(e.mentions) == {"a", "b"}


def test_two_middle_initials_keep_the_short_form_apart(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Harold T. Winslowe and his cousin Harold K. Winslowe both testified in Ravenport.",
        "b": "Harold Winslowe did not attend the hearing in Ravenport.",
    })
    t, k = entity_for(entities, "Harold T. Winslowe"), entity_for(entities, "Harold K. Winslowe")
    assert t is not None and k is not None and t is not k


def test_one_word_company_name_found_everywhere(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Trevanic Holdings said on Tuesday that it would close two mills. Trevanic employs 900 people. "
             "A spokesman said Trevanic had lost money for three years.",
        "b": "Shares in Trevanic fell after the announcement. Trevanic did not comment.",
    })
    e = entity_for(entities, "Trevanic")
    assert e is not None
    assert sum(1 for s in e.spans if s.text == "Trevanic") >= 4


def test_spelled_out_country_in_a_name_folds_together(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "The U.S. Forest Service closed the trail near Pell Lake.",
        "b": "The United States Forest Service said the trail near Pell Lake would reopen in May.",
    })
    e = entity_for(entities, "U.S. Forest Service")
    assert e is not None and e is entity_for(entities, "United States Forest Service")


def test_headline_line_is_not_a_name(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Varnia Bombs Tessel River Refugee Camp\n\nJets from Varnia struck a camp on the Tessel River on Sunday.",
    })
    assert not any("Bombs" in e.name for e in entities)


def test_caption_title_word_is_not_a_surname(nlp):
    docs, _, entities = story_entities(nlp, {
        "a": "Photo: Corinne Maddox President at the summit.\n\nCorinne Maddox arrived on Friday. "
             "The President spoke for an hour. President Maddox then left.",
    })
    for e in entities:
        assert not any(s.text == "President" and e.type == "PERSON" and e.name.endswith("President") for s in e.spans)
    assert not any(e.name.endswith("President") for e in entities)


def test_bare_title_resolves_to_the_one_holder(nlp):
    docs, _, entities = story_entities(nlp, {
        "a": "President Corinne Maddox of Varnia visited the flooded valley on Monday. "
             "The president promised new dams. Residents said the president had come too late.",
    })
    maddox = entity_for(entities, "Corinne Maddox")
    assert maddox is not None
    assert sum(1 for s in maddox.spans if s.text.lower() == "president") >= 2


def test_bare_title_left_alone_with_two_holders(nlp):
    docs, _, entities = story_entities(nlp, {
        "a": "President Corinne Maddox of Varnia met President Tomas Ellery of Korvia on Monday. "
             "The president said the talks went well.",
    })
    for e in entities:
        assert not any(s.text == "president" for s in e.spans), e.name


def test_unnamed_group_becomes_an_entity(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "A caravan of about 900 people reached the border at Pell Crossing on Sunday. "
             "The migrants camped near the gate. Officials said the migrants would be processed.",
        "b": "The asylum-seekers waited at Pell Crossing for a second day. Some of the migrants had walked for weeks.",
    })
    groups = [e for e in entities if e.type == "GROUP"]
    assert len(groups) == 1
    assert set(groups[0].mentions) == {"a", "b"}
    assert sum(groups[0].mentions.values()) >= 4


def test_group_noun_mentioned_once_is_no_entity(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "The passengers left the ferry at Ravenport.",
        "b": "The ferry docked at Ravenport on time.",
    })
    assert not any(e.type == "GROUP" for e in entities)


def test_ecbplus_dev_scores_hold(nlp):
    """ECB+ dev subtopics (skips without ../shared): CoNLL F1 over proper-noun mentions
    does not fall below the figure measured for issue 13."""
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "ecbplus-dev"
    if not (corpus / "gold.json").is_file():
        pytest.skip("../shared/corpora/ecbplus-dev is not present")
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from bench_ecbplus import main

    result = main([str(corpus), "--subtopics", "--out", "/dev/null"])
    assert result["storydiff"]["conll_f1"] >= 0.72
    assert result["storydiff"]["b3_p"] >= 0.95


def test_shared_surname_goes_to_the_namesake_named_far_more(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "President Corinne Maddox opened the bridge at Ravenport on Monday. Corinne Maddox cut the ribbon "
             "and Corinne Maddox thanked the builders, with her husband Pieter Maddox beside her. "
             "Maddox said the bridge would carry 40,000 cars a day.",
        "b": "Corinne Maddox said the toll would end in May. Critics said Maddox had promised that before.",
    })
    corinne, pieter = entity_for(entities, "Corinne Maddox"), entity_for(entities, "Pieter Maddox")
    assert corinne is not None and pieter is not None and corinne is not pieter
    bare = [s for s in corinne.spans if s.text == "Maddox"]
    assert {s.doc for s in bare} == {"a", "b"}
    assert not any(s.text == "Maddox" for s in pieter.spans)


def test_shared_surname_with_even_namesakes_goes_to_nobody(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Corinne Maddox and Pieter Maddox ran the mill at Ravenport. Corinne Maddox kept the books; "
             "Pieter Maddox ran the looms. Maddox said the mill would close.",
    })
    for name in ("Corinne Maddox", "Pieter Maddox"):
        e = entity_for(entities, name)
        assert e is not None and not any(s.text == "Maddox" for s in e.spans), name


def test_qualified_title_resolves_to_the_holder_written_with_it(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Varnian President Corinne Maddox met Korvian President Tomas Ellery in Ravenport on Monday. "
             "The Varnian president said the border would stay open.",
    })
    maddox, ellery = entity_for(entities, "Corinne Maddox"), entity_for(entities, "Tomas Ellery")
    assert maddox is not None and ellery is not None
    assert any(s.text == "president" for s in maddox.spans)
    assert not any(s.text == "president" for s in ellery.spans)


def test_short_reference_to_a_named_committee(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "The Harbour Planning Committee rejected the tower on Monday. The committee said the tower was too tall.",
    })
    e = entity_for(entities, "Harbour Planning Committee")
    assert e is not None and any(s.text == "committee" for s in e.spans)


def test_a_countrys_officials_are_one_entity(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Korvia closed its embassy in Varnia. Korvian officials said the staff had left. "
             "The officials gave no date for a return.",
        "b": "Korvian officials met in Ravenport on Tuesday, and Korvian diplomats declined to comment.",
    })
    # the country's people: one entity (its nationality's) holds every "officials" and "diplomats"
    holders = [e for e in entities if any(s.text in {"officials", "diplomats"} for s in e.spans)]
    assert len(holders) == 1
    people = [s for s in holders[0].spans if s.text in {"officials", "diplomats"}]
    assert {s.doc for s in people} == {"a", "b"} and len(people) == 4


def test_officials_of_a_named_country_without_a_nationality_entity_are_a_group(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "The U.S. closed its embassy in Korvia. U.S. officials said the staff had left. "
             "The officials gave no date for a return.",
        "b": "U.S. officials met in Ravenport on Tuesday, and U.S. diplomats declined to comment.",
    })
    groups = [e for e in entities if e.type == "GROUP"]
    assert len(groups) == 1 and set(groups[0].mentions) == {"a", "b"}
    assert sum(groups[0].mentions.values()) == 4


def test_short_first_name_is_the_same_person(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Michael Thornbury, the port director, said the cranes were old.",
        "b": "Port director Mike Thornbury said new cranes would arrive in May.",
    })
    e = entity_for(entities, "Michael Thornbury")
    assert e is not None and e is entity_for(entities, "Mike Thornbury")


def test_apostrophe_surname_and_country_prefix(nlp):
    _, _, entities = story_entities(nlp, {
        "a": "Coach Declan O'Rourke resigned on Friday. O'Rourke had led the club for six years. "
             "The U.S. Harbor Survey published its report on the same day.",
        "b": "O'Rourke said he was tired. The Harbor Survey said the channel was silting up.",
    })
    e = entity_for(entities, "Declan O'Rourke")
    assert e is not None and {s.doc for s in e.spans if s.text == "O'Rourke"} == {"a", "b"}
    survey = entity_for(entities, "U.S. Harbor Survey")
    assert survey is not None and survey is entity_for(entities, "Harbor Survey")


def test_team_names_known_longer_names_and_generic_suffixes(nlp):
    from helpers import story_entities

    texts = {
        "a": "Coach Dana Velt was fired on Saturday by the Lakeside 76ers after a losing run. "
             "The Ravensworth Police said a fan was arrested outside the arena.",
        "b": "The Lakeside 76ers named a new coach. A Ravensworth Police Department spokesman said the fan was released.",
    }
    docs, _, entities = story_entities(nlp, texts)
    team = next(e for e in entities if e.name == "Lakeside 76ers")
    assert team.type == "ORG" and {s.doc for s in team.spans} == {"a", "b"}
    police = [e for e in entities if "Ravensworth" in e.name]
    assert len(police) == 1 and len({s.doc for s in police[0].spans}) == 2


def test_a_known_longer_name_wins_over_a_fragment_inside_it(nlp):
    from storydiff.entities.spans import _fragments_inside
    from storydiff.model import Entity, Mention

    fragment = Entity(id="E2", name="Harlan", type="PERSON", spans=[Mention(doc="d", start=4, end=10, text="Harlan")])
    whole = Entity(id="E1", name="Harlan Mill Works", type="ORG", spans=[])
    taken = [(4, 10, 1)]
    assert _fragments_inside("Harlan Mill Works", "Harlan Mill Works", 4, 21, taken, [whole, fragment], "d")
    assert fragment.spans == [] and taken == []
    # a match that only overlaps a span (or crosses a line) takes nothing
    other = Entity(id="E3", name="Mill", type="ORG", spans=[Mention(doc="d", start=0, end=12, text="x")])
    assert not _fragments_inside("Harlan Mill Works", "Harlan Mill Works", 4, 21, [(0, 12, 0)], [other], "d")
    assert not _fragments_inside("Harlan Mill Works", "Harlan\nMill Works", 4, 21, [(4, 10, 0)], [fragment], "d")
