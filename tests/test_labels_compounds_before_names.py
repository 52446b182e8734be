"""Labels: a noun compound or half a hyphenated compound before a body's name is no label (invented articles; each case failed before issue 13's round 11)."""

from __future__ import annotations

from helpers import one_text_labels as _labels


def test_a_noun_compound_before_a_bodys_name_is_no_label(nlp):
    # a caption's last words run into the agency's credit
    labels = _labels(nlp, "Lavria's leader suspends rocket, missile test Reuters.\n\nThe Reuters agency said "
                          "the leader would speak on Monday.")
    assert not any(name == "Reuters" for name, _ in labels), labels
    # a group noun or a loaded word before the name still describes it
    labels = _labels(nlp, "The militant Halden Front attacked the post. The rebel group Halden Front lost ground.")
    assert ("Halden Front", "militant") in labels and ("Halden Front", "rebel group") in labels, labels


def test_half_of_a_hyphenated_compound_is_no_label(nlp):
    labels = _labels(nlp, "The Geneva-based Harbour Trust said on Monday it would sue. The Harbour Trust hired lawyers.")
    assert not any(term == "based" for _, term in labels), labels
