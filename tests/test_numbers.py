"""Reading numbers as newspapers write them (numbers.py), and through claims.py."""

import pytest

from storydiff.claims import extract_claims
from storydiff.model import Document
from storydiff.numbers import read_numbers


def _read(text):
    return [(text[r.start:r.end], r.amount) for r in read_numbers(text)]


def _one(text):
    found = _read(text)
    assert len(found) == 1, found
    return found[0][1]


@pytest.mark.parametrize(
    "text, amount, unit",
    [
        ("Orvane booked a charge of EUR75m.", 75_000_000, "EUR"),
        ("The shares closed at 212.5p.", 212.5, "GBX"),
        ("Exports reached Y=1.2 trillion.", 1.2e12, "JPY"),
        ("The deal was worth $US12,345,000.", 12_345_000, "USD"),
        ("The bridge was rated for 40 ksi.", 40, "ksi"),
        ("He ran for 130 receiving yards.", 130, "yd"),
        ("The kiln is a 1,400 year-old structure.", 1400, "year"),
        ("The rescue took 75 minutes.", 75, "min"),
        ("Lows of -14C are expected.", -14, "°C"),
        ("Nine hundred and twelve ballots were spoiled.", 912, None),
        ("Ninety-three thousand four hundred twenty-one fans came.", 93_421, None),
        ("A cheque for £1.75bn was signed.", 1.75e9, "GBP"),
        ("The dividend rose to 7.5c.", 7.5, "cent"),
    ],
)
def test_newspaper_forms(text, amount, unit):
    a = _one(text)
    assert a.amount == pytest.approx(amount)
    assert a.unit == unit


def test_ranges_chains_and_vague_amounts():
    (_, r), = _read("Sentences of between four to 9 years are likely.")
    assert (r.low, r.high, r.unit, r.qualifier) == (4, 9, "year", "between")
    (_, r), = _read("Costs could reach 12-14 billion euros.")
    assert (r.low, r.high, r.unit) == (12e9, 14e9, "EUR")
    chain = _read("Fares went from $20 to $25 to $31.")
    assert [a.amount for _, a in chain] == [20, 25, 31] and all(a.unit == "USD" for _, a in chain)
    change = _read("The stock rose 6p to 88p.")
    assert [(a.amount, a.low) for _, a in change] == [(6, None), (88, None)]  # a change, not a range
    (_, v), = _read("The fraud cost hundreds of millions of dollars.")
    assert (v.low, v.high, v.unit) == (1e8, None, "USD")


def test_signs_scores_and_suspended_hyphens():
    assert [a.amount for _, a in _read("Oslo +0.4% Madrid -2.1% Milan -0.3%")] == [0.4, -2.1, -0.3]
    (_, s), = _read("United won 4-2 on Sunday.")
    assert s.sides == (4, 2)
    (_, v), = _read("The assembly voted 58-41 to adjourn.")
    assert v.sides == (58, 41)
    assert [a.amount for _, a in _read("It sells two-, three- and four-door models.")] == [2, 3, 4]


@pytest.mark.parametrize(
    "text",
    [
        "For details call 020 7946 0321 or +1 212 555 0100.",
        "The office moved to 88 Larch Hill Road last spring.",
        "Their depot at 12-14 Mill Lane was sold.",
        "The meeting starts at 10:30 and ends by 4pm.",
        "She finished 3rd in the 1990-2004 standings.",
    ],
)
def test_not_quantities(text):
    assert _read(text) == []


def _claims(nlp, text):
    doc = Document(id="d", source_path="d", text=text, published="2031-05-06")
    return [c for c in extract_claims([doc], {"d": nlp(text)}, [], []) if c.kind == "quantity"]


def test_names_and_lone_scale_words_count_nothing(nlp):
    text = ("The Pixel 9 went on sale, and Android 15 shipped. Thanks a million, she said. "
            "Drivers took exit 22 off the A40. The 4G mast was switched off.")
    assert _claims(nlp, text) == []


def test_claims_carry_scores_and_units(nlp):
    claims = _claims(nlp, "The Senate approved the treaty 88-11 after a debate of 14 hours.")
    score = next(c for c in claims if c.value.sides)
    assert score.value.sides == [88, 11] and score.value.amount == 88
    hours = next(c for c in claims if c.value.unit == "h")
    assert hours.value.amount == 14


def test_title_case_headlines_keep_their_counts():
    # capitalised words in a headline are neither names nor addresses
    assert [t for t, _ in _read("Gunfire At Park Leaves 3 Dead, 2 Hurt")] == ["3", "2"]
    assert [t for t, _ in _read("Crash On Ridge Road Injures 4 Near Court")] == ["4"]
    assert _read("Fire Guts House At 2210 Fenwick Road") == []


def test_measures_are_no_casualty_counts(nlp):
    text = "Tom Reed, 57 years old, was killed 15 minutes after the fight began."
    claims = _claims(nlp, text)
    age = next(c for c in claims if c.value.amount == 57)
    assert age.value.counted == "age"
    minutes = next(c for c in claims if c.value.unit == "min")
    assert "kill" not in minutes.value.predicate_terms and minutes.value.counted_head != "person"


def test_citation_marks_are_not_figures():
    assert _read("The gunman fled the scene.[3][12]") == []


def test_calibres_and_ages_in_months(nlp):
    assert _read("He carried a .38 revolver and a .22-caliber rifle.") == []
    baby = next(c for c in _claims(nlp, "A 13-month-old baby was fatally shot.") if c.value.amount == 13)
    assert baby.value.counted == "age"


def test_index_names_before_signed_moves_and_spaced_currency_abbreviations(nlp):
    # a signed move after an index's number is a sign, and the number names the index
    moves = _read("Markets: Brenbury 250 +0.7%, Osterix 40 -1.3%.")
    assert [(t, a.amount) for t, a in moves if a.unit == "%"] == [("+0.7%", 0.7), ("-1.3%", -1.3)]
    claims = _claims(nlp, "Markets: Brenbury 250 +0.7%, Osterix 40 -1.3%.")
    assert sorted(c.value.amount for c in claims) == [-1.3, 0.7]
    assert [a.unit for _, a in _read("The tickets cost Rs 450 and Rs. 900.")] == ["INR", "INR"]


def test_votes_with_their_noun_between_the_sides():
    (_, v), = _read("The motion carried by 312 votes to 250.")
    assert v.sides == (312, 250)
    (_, s), = _read("The Hornets took the series four games to one.")
    assert s.sides == (4, 1)
    assert [a.sides for _, a in _read("Wins went from 40 games to 52.")] == [(), ()]  # a change, no score


def test_a_scale_word_after_a_closed_quotation():
    # the speaker's words end before the scale the writer adds: the scale is still the figure's
    [(_, a), (_, b)] = _read("\u201cNot $1.5 billion \u2014 we want $4.2\u201d billion, the mayor said.")
    assert (a.amount, b.amount, b.unit) == (1.5e9, 4.2e9, "USD")
    [(_, c)] = _read("She called it \u201cthe 5\u201d and left.")
    assert c.amount == 5


def test_sides_joined_by_a_hyphenated_to():
    # 'a 71-to-29 vote' is the vote '71-29', not 71 alone with a code 'to-29'
    (_, v), = _read("The caucus re-elected her by a 71-to-29 vote.")
    assert v.sides == (71, 29)
    (_, r), = _read("He faces a 4-to-8-year sentence.")
    assert (r.low, r.high, r.unit, r.sides) == (4, 8, "year", ())


def test_word_fractions_series_numbers_and_one_offs_count_nothing(nlp):
    for text in ("Two-thirds of members backed it, and three fifths of the rest.",
                 "He wore the No. 7 shirt and won a one-off bonus."):
        assert _read(text) == []
        assert _claims(nlp, text) == []
    # the parse's figure inside a span of years goes too
    assert _claims(nlp, "The 2029-30 season opens soon.") == []


def test_days_of_dates_heights_and_clock_style_durations(nlp):
    assert [t for t, _ in _read("Sales fell in the 8 weeks to 14 March, and talks are set for June 2-3.")] == ["8 weeks"]
    assert [t for t, _ in _read("Fourteen of the 20 Oct. 7 victims were named.")] == ["Fourteen", "20"]
    assert _read("The Group of 20 met in Porto.") == []
    assert [(a.amount, a.unit) for _, a in _read("The 6-foot-8 centre is 6ft 8in.")] == [
        (6, "ft"), (8, "in"), (6, "ft"), (8, "in")]
    assert [(a.amount, a.unit) for _, a in _read("She won in 1hr 58min 9sec.")] == [(1, "h"), (58, "min"), (9, "s")]
    # a year that says which one is no count; a count of the same size still is
    assert _claims(nlp, "The party's 2034 manifesto was printed.") == []
    assert [c.value.amount for c in _claims(nlp, "The party printed 2,034 leaflets.")] == [2034]


def test_measured_noun_of_a_figure_without_a_counted_noun(nlp):
    from storydiff.numbers import measured_noun

    def measured(text, figure, unit=None):
        doc = nlp(text)
        start = text.index(figure)
        noun = measured_noun(doc.char_span(start, start + len(figure), alignment_mode="expand"), unit)
        return noun.lower_ if noun is not None else None

    assert measured("Orvane booked a loss of EUR40m in May.", "EUR40m", "EUR") == "loss"
    assert measured("Bookings fell 6.1 percent in the spring.", "6.1 percent", "%") == "bookings"
    assert measured("The board cut its dividend to 4.5c.", "4.5c", "cent") == "dividend"
    assert measured("Voter turnout was 58.2 per cent on Sunday.", "58.2 per cent", "%") == "turnout"
    assert measured("Police arrested 40 on Sunday.", "40") is None  # arresting measures no police
    assert measured("The harbour board met in 2031.", "2031") is None


def test_multipliers_in_one_word_and_docket_numbers(nlp):
    assert [(t, a.amount) for t, a in _read("Exports grew threefold, and imports tenfold to 40 crates.")] == [
        ("threefold", 3), ("tenfold", 10), ("40", 40)]  # a multiplier is never a range end
    assert [c.value.amount for c in _claims(nlp, "Bookings rose sevenfold in a year.")] == [7]
    assert _read("The appeal, No. 31-408, was heard on Monday.") == []
