"""Issue 13, round 10 (ECB+ margins): a chain's store named by the chain and its town, and
names that a headline's title case ran on into common words. Invented texts."""

from __future__ import annotations

from helpers import story_entities


def _holder(entities, doc: str, text: str, written: str, nth: int = 0):
    """The entity holding the ``nth`` occurrence of ``written`` in ``text``."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(written, at + 1)
    return next((e for e in entities for s in e.spans if s.doc == doc and s.start <= at < s.end), None)


def test_a_chain_named_with_its_town_is_its_store_there(nlp):
    texts = {
        "a": "A cyclist was hit on Monday outside a Halvergate store in Leeds, police said. "
             "A Halvergate spokesperson said the company was shocked.",
        "b": "The cyclist was struck outside a Halvergate store in Leeds on Monday evening.",
        "c": "Witnesses said the driver left the Halvergate in Leeds at speed.",
        "d": "The crash happened in the car park of the Leeds Halvergate late on Monday.",
    }
    _, _, entities = story_entities(nlp, texts)
    store = _holder(entities, "b", texts["b"], "store")
    assert store is not None and store.type == "FAC"
    # "the Halvergate in Leeds" and "the Leeds Halvergate" are that store ...
    assert _holder(entities, "c", texts["c"], "Halvergate") is store
    assert _holder(entities, "d", texts["d"], "Leeds Halvergate") is store
    # ... the company speaking is still the company
    company = _holder(entities, "a", texts["a"], "Halvergate", nth=1)
    assert company is not None and company is not store


def test_a_headline_name_run_on_into_common_words_is_cut(nlp):
    texts = {
        "a": "Woman Hurt in Leeds Crash, Driver Held\n\nA woman was badly hurt in a crash in Leeds on "
             "Friday night. The crash closed the main road for hours.",
        "b": "Police in Leeds arrested the driver after the crash on Friday.",
    }
    _, _, entities = story_entities(nlp, texts)
    town = _holder(entities, "b", texts["b"], "Leeds")
    assert town is not None
    assert _holder(entities, "a", texts["a"], "Leeds") is town
    assert not any("crash" in e.name.lower() for e in entities)


def test_a_bodys_management_is_the_body_speaking(nlp):
    texts = {
        "a": "Halvergate Bank's management confirmed on Monday that the branch would close.",
        "b": "Halvergate Bank management said the decision was final. Halvergate Bank has 40 branches.",
    }
    _, _, entities = story_entities(nlp, texts)
    bank = _holder(entities, "b", texts["b"], "Halvergate Bank", nth=1)
    assert bank is not None
    assert _holder(entities, "a", texts["a"], "management") is bank
    assert _holder(entities, "b", texts["b"], "management") is bank
