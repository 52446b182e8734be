"""HTML and Markdown rendering, on a hand-made Report of invented articles covering every section."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from storydiff.model import (
    Claim,
    Comparison,
    DateValue,
    Difference,
    Document,
    DuplicateGroup,
    Entity,
    EventValue,
    Framing,
    Label,
    Mention,
    Omission,
    OutletFraming,
    QuantityValue,
    Quote,
    QuoteConflict,
    Removed,
    Report,
    Skipped,
    StatedValue,
    Story,
)
from storydiff.report import to_html, to_markdown
from storydiff.report.html import Span, highlight, segments

# --- an invented story: a footbridge closure in the fictional town of Merrowfield ----------

TEXT_A = (
    "MERROWFIELD – The Kessel footbridge was closed on Tuesday after 14 cables snapped, "
    "mayor Ilse Varga said.\n\n"
    '"We will not reopen it until every bolt is checked," Varga said.\n\n'
    "Engineers from Brightwater Consulting inspected the span on 3 March 2031."
)
TEXT_B = (
    "The reckless council shut the Kessel footbridge after 9 cables failed, according to "
    "Brightwater Consulting.\n\n"
    '"We will not reopen it until every single bolt is checked," said Tomas Reul.\n\n'
    "The inspection took place on 3 March 2031."
)
TEXT_C = (
    "Officials closed the Kessel footbridge this week. Mayor Ilse Varga called the closure "
    "a precaution.\n\nRepairs could start in April 2031."
)
TEXT_D = TEXT_A + "\n\nThis copy is syndicated."


def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _claim(cid: str, doc: str, text: str, needle: str, kind: str, value, attributed_to=None) -> Claim:
    start, end = _span(text, needle)
    return Claim(
        id=cid,
        doc=doc,
        kind=kind,
        text=needle,
        sentence=needle,
        start=start,
        end=end,
        sentence_start=start,
        sentence_end=end,
        value=value,
        attributed_to=attributed_to,
    )


def _label(entity: str, doc: str, text: str, term: str, voice: str, loaded: bool = False) -> Label:
    start, end = _span(text, term)
    return Label(entity=entity, doc=doc, term=term, head=term.split()[-1], voice=voice, loaded=loaded,
                 categories=["negative"] if loaded else [], start=start, end=end, sentence=term)


def make_report(text_a: str = TEXT_A, title: str = "Footbridge shut", outlet: str = "Harbor Ledger") -> Report:
    docs = [
        Document(id="a", source_path="a.txt", title=title, outlet=outlet, author="Nell Orsk",
                 published="2031-03-04", dateline="MERROWFIELD", text=text_a,
                 removed=[Removed(text="Share this article | Subscribe", reason="share bar"),
                          Removed(text="© 2031 Harbor Ledger. All rights reserved.", reason="licence footer")]),
        Document(id="b", source_path="b.txt", title="Council shuts bridge", outlet="Valley Courier",
                 published="2031-03-04", text=TEXT_B),
        Document(id="c", source_path="c.txt", title="Bridge closed", outlet="North Star Daily",
                 published="2031-03-05", author="Pim Adeyemi", text=TEXT_C),
        Document(id="d", source_path="d.txt", title=title, outlet="Coastline Wire", published="2031-03-04",
                 text=TEXT_D, duplicate_of="a",
                 removed=[Removed(text="Advertisement", reason="advert")]),
    ]
    ents = [
        Entity(id="e1", name="Ilse Varga", type="PERSON", aliases=["Varga", "mayor Ilse Varga"], roles=["mayor"],
               mentions={"a": 2, "c": 1, "d": 2},
               spans=[Mention(doc="a", start=_span(text_a, "Ilse Varga")[0], end=_span(text_a, "Ilse Varga")[1],
                              text="Ilse Varga") if "Ilse Varga" in text_a else Mention(doc="c", start=0, end=1, text="O"),
                      Mention(doc="c", start=_span(TEXT_C, "Ilse Varga")[0], end=_span(TEXT_C, "Ilse Varga")[1],
                              text="Ilse Varga")]),
        Entity(id="e2", name="Brightwater Consulting", type="ORG", mentions={"a": 1, "b": 1},
               spans=[Mention(doc="b", start=_span(TEXT_B, "Brightwater Consulting")[0],
                              end=_span(TEXT_B, "Brightwater Consulting")[1], text="Brightwater Consulting")]),
        Entity(id="e3", name="Tomas Reul", type="PERSON", roles=["engineer"], mentions={"b": 1}),
        Entity(id="e4", name="Merrowfield council", type="ORG", mentions={"b": 1, "c": 1}),
    ]
    qa = _span(TEXT_A, '"We will not reopen it until every bolt is checked,"')
    qb = _span(TEXT_B, '"We will not reopen it until every single bolt is checked,"')
    quotes = [
        Quote(id="q1", doc="a", text="We will not reopen it until every bolt is checked", kind="direct", speaker="e1",
              speaker_name="Varga", cue="said", start=qa[0], end=qa[1], matches=["q2"],
              wording={"q2": "We will not reopen it until every single bolt is checked"}),
        Quote(id="q2", doc="b", text="We will not reopen it until every single bolt is checked", kind="direct",
              speaker="e3", speaker_name="Tomas Reul", cue="said", start=qb[0], end=qb[1], matches=["q1"]),
        Quote(id="q3", doc="c", text="a precaution", kind="indirect", speaker="e1", speaker_name="Ilse Varga",
              cue="called", start=_span(TEXT_C, "a precaution")[0], end=_span(TEXT_C, "a precaution")[1]),
    ]
    claims = [
        _claim("c1", "a", TEXT_A, "14 cables snapped", "quantity",
               QuantityValue(amount=14, counted="cables", predicate="snapped"), attributed_to="e1"),
        _claim("c2", "b", TEXT_B, "9 cables failed", "quantity",
               QuantityValue(amount=9, counted="cables", predicate="failed"), attributed_to="e2"),
        _claim("c3", "a", TEXT_A, "3 March 2031", "date", DateValue(date="2031-03-03", event="inspection")),
        _claim("c4", "b", TEXT_B, "3 March 2031", "date", DateValue(date="2031-03-03", event="inspection")),
        _claim("c5", "c", TEXT_C, "April 2031", "date", DateValue(date="2031-04", event="repairs could start")),
        _claim("c6", "a", TEXT_A, "closed on Tuesday", "event", EventValue(predicate="close", patient="footbridge")),
        _claim("c7", "c", TEXT_C, "closed the Kessel footbridge", "event",
               EventValue(predicate="close", patient="footbridge")),
        # Overlaps the quantity claim c1 and the entity mention: the markup must stay well formed.
        _claim("c8", "a", TEXT_A, "cables snapped, mayor Ilse", "event", EventValue(predicate="snap")),
    ]
    comparisons = [
        Comparison(id="k1", topic="cables that broke", status="conflict", claims=["c1", "c2"],
                   by_document={"a": StatedValue(value="14", attributed_to="e1", claims=["c1"]),
                                "b": StatedValue(value="9", attributed_to="e2", claims=["c2"])},
                   disputed_between=["e1", "e2"], explanation="14 and 9 cannot both be true"),
        Comparison(id="k2", topic="date of the inspection", status="agree", claims=["c3", "c4"],
                   by_document={"a": StatedValue(value="2031-03-03", claims=["c3"]),
                                "b": StatedValue(value="2031-03-03", claims=["c4"])}),
        Comparison(id="k3", topic="when the bridge closed", status="compatible", claims=["c6", "c7"],
                   by_document={"a": StatedValue(value="Tuesday", claims=["c6"]),
                                "c": StatedValue(value="this week", claims=["c7"])}),
        Comparison(id="k4", topic="start of repairs", status="single-source", claims=["c5"],
                   by_document={"c": StatedValue(value="April 2031", claims=["c5"])}),
    ]
    labels = [
        _label("e4", "b", TEXT_B, "reckless council", "narrator", loaded=True),
        _label("e1", "a", text_a, "mayor", "narrator") if "mayor" in text_a else _label("e1", "c", TEXT_C, "Mayor", "narrator"),
        _label("e1", "c", TEXT_C, "Mayor", "attributed"),
        _label("e1", "b", TEXT_B, "council", "quoted"),
    ]
    framing = [
        Framing(entity="e4", name="Merrowfield council",
                by_document={"b": OutletFraming(narrator=["reckless council"], unique=["reckless council"],
                                                counts={"narrator": 1}),
                             "c": OutletFraming(attributed=["officials"], counts={"attributed": 1})}),
        Framing(entity="e1", name="Ilse Varga",
                by_document={"a": OutletFraming(narrator=["mayor"]), "c": OutletFraming(attributed=["Mayor"]),
                             "b": OutletFraming(quoted=["council"])}),
    ]
    story = Story(
        id="story-1", headline="Kessel footbridge closed after cables fail", documents=["a", "b", "c", "d"],
        outlets=[outlet, "Valley Courier", "North Star Daily", "Coastline Wire"],
        date_start="2031-03-04", date_end="2031-03-05", entities=ents, quotes=quotes,
        quote_conflicts=[QuoteConflict(text="We will not reopen it until every bolt is checked",
                                       speakers={"a": "e1", "b": "e3"}, quotes=["q1", "q2"])],
        claims=claims, comparisons=comparisons,
        omissions=[Omission(fact="start of repairs", reported_by=["c"], missing_from=["a", "b"], claims=["c5"])],
        labels=labels, framing=framing,
    )
    other = Story(id="story-2", headline="Ferry timetable changes", documents=["e"], outlets=["Valley Courier"])
    docs.append(Document(id="e", source_path="e.txt", outlet="Valley Courier", title="Ferry times",
                         text="The ferry leaves at 7 from Pier 2."))
    return Report(
        storydiff_version="test",
        models={"spacy": "none"},
        documents=docs,
        duplicate_groups=[DuplicateGroup(canonical="a", members=["a", "d"], similarity=0.93,
                                         differences=[Difference(document="d", added=["This copy is syndicated."])])],
        stories=[story, other],
        skipped=[Skipped(source_path="broken.bin", reason="not text")],
    )


class _Checker(HTMLParser):
    """Fails on ill-formed nesting; collects ids, tags and text."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()


@pytest.fixture(scope="module")
def report() -> Report:
    return make_report()


@pytest.fixture(scope="module")
def page(report) -> str:
    return to_html(report)


def _parse(html: str) -> _Checker:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    return checker


def test_html_is_well_formed_with_unique_ids(page):
    checker = _parse(page)
    assert checker.errors == []
    assert checker.stack == []
    assert len(checker.ids) == len(set(checker.ids))


def test_html_is_self_contained(page):
    checker = _parse(page)
    for tag, attrs in checker.tags:
        for name in ("src", "href"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith("#") or value.startswith("data:"), (tag, name, value)
    assert "<script src" not in page and "@import" not in page and "url(" not in page
    assert "Content-Security-Policy" in page


def test_every_section_is_present(page):
    for section in ("sources", "glance", "claims", "coverage", "quotes", "framing", "entities", "timeline", "articles"):
        assert f'id="s1-{section}"' in page, section
    assert 'id="index"' in page and 'href="#s2"' in page
    # The second story has no claims: its empty sections are left out.
    assert 'id="s2-claims"' not in page and 'id="s2-articles"' in page


def test_copy_is_folded_into_its_original(page):
    sources = page[page.index('id="s1-sources"'): page.index('id="s1-glance"')]
    heads = re.findall(r'<th scope="col"><a href="#s1-d\d">([^<]*)</a>', sources)
    assert heads == ["Harbor Ledger", "Valley Courier", "North Star Daily"]
    assert "also published by Coastline Wire" in sources


def test_claims_table_statuses_as_text_and_conflict_first(page):
    claims = page[page.index('id="s1-claims"'): page.index('id="s1-coverage"')]
    rows = re.findall(r'<tr class="row-([a-z-]+)">', claims)
    assert rows == ["conflict", "compatible", "agree"]  # the single-source fact is folded under its outlet
    for text in ("conflict", "compatible", "agreed"):
        assert f"</span> {text}</span>" in claims
    assert re.search(r"<summary>North Star Daily: 1 fact</summary>\s*<ul>\s*<li class=\"row-single-source\">"
                     r"<strong>start of repairs</strong>", claims)
    assert "disputed between Ilse Varga and Brightwater Consulting" in claims
    assert "per Ilse Varga" in claims and "per outlet&#39;s own voice" in claims


def test_claim_cell_targets_a_mark_in_the_article(page):
    checker = _parse(page)
    targets = [a["data-target"] for t, a in checker.tags if t == "button" and "data-target" in a]
    assert targets
    marks = {a.get("id"): a for t, a in checker.tags if t == "mark" and a.get("id")}
    anchors = {a.get("id") for t, a in checker.tags if t == "span" and a.get("class") == "anchor"}
    for target in targets:
        assert target in marks or target in anchors, target
    first = re.search(r'data-target="(s1-c\d+)"[^>]*>14', page).group(1)
    assert re.search(rf'<mark id="{first}"[^>]*>14 cables snapped</mark>|<mark id="{first}"[^>]*>14 ', page)


def test_glance_counts(page):
    glance = page[page.index('id="s1-glance"'): page.index('id="s1-claims"')]
    for text in ("conflict", "compatible", "agreed", "single source"):
        assert re.search(rf"</span> {text}</span>: <strong>1</strong>", glance), text
    assert "cables that broke" in glance


def test_quotes_show_wording_and_attribution_conflict(page):
    quotes = page[page.index('id="s1-quotes"'): page.index('id="s1-framing"')]
    assert "attribution conflict" in quotes
    assert "wording differs" in quotes
    assert "every single bolt" in quotes and "Tomas Reul" in quotes


def test_framing_marks_loaded_terms_by_voice(page):
    framing = page[page.index('id="s1-framing"'): page.index('id="s1-entities"')]
    assert '<span class="term loaded">reckless council <small>(loaded)</small></span>' in framing
    assert "<th scope=\"col\">Narrator</th>" in framing and "<th scope=\"col\">Attributed</th>" in framing


def test_entities_and_timeline(page):
    entities = page[page.index('id="s1-entities"'): page.index('id="s1-timeline"')]
    assert "mayor Ilse Varga" in entities
    timeline = page[page.index('id="s1-timeline"'): page.index('id="s1-articles"')]
    dates = re.findall(r"<time>([^<]+)</time>", timeline)
    assert dates == sorted(dates) and "2031-03-03" in dates and "2031-04" in dates
    # One inspection row for the two outlets that date it.
    assert dates.count("2031-03-03") == 1


def test_copy_differences_are_listed(page):
    assert "Differences from the original" in page
    assert '<ins><span class="sr">added: </span>This copy is syndicated.</ins>' in page


def test_removed_debris_is_collapsed(page):
    assert re.search(r'<details class="removed">\s*<summary>Removed debris \(2\)</summary>', page)
    assert "licence footer" in page


def test_overlapping_spans_become_flat_segments():
    text = "abcdefghij"
    spans = [Span(1, 6, "claim", "k1"), Span(3, 9, "quote", "k2"), Span(4, 5, "entity"), Span(-3, 2, "label"),
             Span(8, 99, "entity"), Span(5, 5, "claim", "k3")]
    pieces = segments(len(text), spans)
    assert "".join(text[a:b] for a, b, _ in pieces) == text
    assert all(a < b for a, b, _ in pieces)
    kinds_at_4 = next(sorted(s.kind for s in act) for a, b, act in pieces if a <= 4 < b)
    assert kinds_at_4 == ["claim", "entity", "quote"]
    out = str(highlight(text, spans))
    assert _parse(out).errors == []
    assert re.sub(r"<[^>]+>", "", out) == text
    assert out.count('id="k1"') == 1 and out.count('id="k2"') == 1


HOSTILE = '<script>window.__pwned=1;document.title="pwned"</script><img src=x onerror="window.__pwned=2"><a href="javascript:window.__pwned=3">x</a></div></table><b'


def test_hostile_input_is_escaped():
    html = to_html(make_report(text_a=HOSTILE + "\n\n" + TEXT_A, title=HOSTILE, outlet=HOSTILE))
    assert "<script>window" not in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;window.__pwned=1" in html
    assert html.count("<script>") == 1  # ours
    assert _parse(html).errors == []


def test_empty_report_renders():
    empty = Report(storydiff_version="test")
    assert "No story was found" in to_html(empty)
    assert to_markdown(empty).startswith("# storydiff report")


def test_markdown_tables_and_escaping(report):
    md = to_markdown(make_report(outlet="Harbor | Ledger"))
    assert "Harbor \\| Ledger" in md
    for heading in ("### Sources", "### At a glance", "### Claims", "### Coverage", "### Quotes", "### Framing",
                    "### Entities", "### Timeline", "### Removed debris"):
        assert heading in md, heading
    assert "disputed between Ilse Varga and Brightwater Consulting" in md
    assert "also published by Coastline Wire" in md
    # Every table row has as many cells as its header.
    for block in re.findall(r"((?:^\|.*\|\n)+)", md, flags=re.M):
        widths = {len(re.split(r"(?<!\\)\|", line)) for line in block.strip().splitlines()}
        assert len(widths) == 1, block
    hostile = to_markdown(make_report(text_a=HOSTILE + "\n\n" + TEXT_A, title=HOSTILE, outlet=HOSTILE))
    assert "pwned" in hostile and re.search(r"(?<!\\)[<>\[\]]", hostile) is None  # no unescaped markup


def test_coverage_shows_omission_once_and_missing_as_text(page):
    coverage = page[page.index('id="s1-coverage"'): page.index('id="s1-quotes"')]
    assert coverage.count("<th scope=\"row\">start of repairs</th>") == 1
    assert coverage.count('<td class="n">✗ missing</td>') == 2


def test_copy_quotes_fold_and_unresolved_speaker_is_no_conflict():
    report = make_report()
    story = report.stories[0]
    start, end = _span(TEXT_D, "We will not reopen it")
    copy_quote = Quote(id="q9", doc="d", text="We will not reopen it until every bolt is checked", kind="direct",
                       speaker=None, speaker_name="He", start=start, end=end, matches=["q1"])
    lone = Quote(id="q10", doc="c", text="the span was sound", kind="direct", speaker=None, speaker_name="he",
                 start=0, end=5, matches=["q11"])
    lone_copy = Quote(id="q11", doc="d", text="the span was sound", kind="direct", speaker="e1", start=0, end=5)
    story = story.model_copy(update={"quotes": story.quotes + [copy_quote, lone, lone_copy], "quote_conflicts": []})
    html = to_html(report.model_copy(update={"stories": [story]}))
    quotes = html[html.index('id="s1-quotes"'): html.index('id="s1-framing"')]
    assert "attribution conflict" not in quotes  # no conflict unless the quotes stage found one
    assert "He" not in re.findall(r'<th scope="row">([^<]*)</th>', quotes)
    assert re.search(r"<td>.*?Coastline Wire", quotes) is None  # the copy's quote folded into its original
    # The resolved speaker of a group is preferred to a pronoun.
    assert '<th scope="row">Ilse Varga</th>' in quotes


# --- every status, in reading order: an invented warehouse fire in the town of Quillan Ford --
#
# Three outlets; their columns are in one order and their publication dates in another, so
# that an update must be read by date, not by column.

FIRE_A = (
    "QUILLAN FORD – Five people died in the fire at the Marrow Lane warehouse, the fire chief "
    "Odile Brenn said on Friday. About 60 firefighters fought the blaze, which investigators "
    "blame on an electrical fault. Thirty workers were on site. Three people were injured."
)
FIRE_B = (
    "Two people were killed when the Marrow Lane warehouse burned on 14 June 2032. Police are "
    "treating the fire as arson. 58 firefighters attended, and 12 workers were inside. Three "
    "people were hurt."
)
FIRE_C = "The death toll of the Marrow Lane warehouse fire has risen to 4, the county said."

FIRE_OUTLETS = ("Tidewater Post", "Eastbank Herald", "Lantern Radio")


def _stated(doc: str, value: str, claim: str, by: str | None = None) -> StatedValue:
    return StatedValue(value=value, attributed_to=by, claims=[claim])


def make_fire_report(extra_single_source: int = 0) -> Report:
    """A one-story report with a comparison of each status, listed out of reading order.

    ``extra_single_source`` adds that many single-source facts, spread over the three
    outlets, as a parser finds them in a long story."""
    docs = [
        Document(id="fa", source_path="fa.txt", title="Five dead in warehouse fire", outlet=FIRE_OUTLETS[0],
                 published="2032-06-16", text=FIRE_A),
        Document(id="fb", source_path="fb.txt", title="Warehouse fire treated as arson", outlet=FIRE_OUTLETS[1],
                 published="2032-06-14", text=FIRE_B),
        Document(id="fc", source_path="fc.txt", title="Toll rises", outlet=FIRE_OUTLETS[2],
                 published="2032-06-15T08:30:00", text=FIRE_C),
    ]
    claims = [
        _claim("f1", "fa", FIRE_A, "Five people died", "quantity", QuantityValue(amount=5, counted="people",
                                                                              predicate="died")),
        _claim("f2", "fb", FIRE_B, "Two people were killed", "quantity", QuantityValue(amount=2, counted="people",
                                                                                    predicate="killed")),
        _claim("f3", "fc", FIRE_C, "risen to 4", "quantity", QuantityValue(amount=4, predicate="risen")),
        _claim("f4", "fa", FIRE_A, "electrical fault", "event", EventValue(predicate="blame", cause="electrical fault")),
        _claim("f5", "fb", FIRE_B, "arson", "event", EventValue(predicate="treat", cause="arson")),
        _claim("f6", "fa", FIRE_A, "About 60 firefighters", "quantity", QuantityValue(amount=60, qualifier="about")),
        _claim("f7", "fb", FIRE_B, "58 firefighters", "quantity", QuantityValue(amount=58)),
        _claim("f8", "fa", FIRE_A, "Thirty workers", "quantity", QuantityValue(amount=30)),
        _claim("f9", "fb", FIRE_B, "12 workers", "quantity", QuantityValue(amount=12)),
        _claim("f10", "fa", FIRE_A, "on Friday", "date", DateValue(date="2032-06-14", event="fire")),
        _claim("f11", "fb", FIRE_B, "14 June 2032", "date", DateValue(date="2032-06-14", event="fire")),
        _claim("f12", "fa", FIRE_A, "Three people were injured", "quantity", QuantityValue(amount=3)),
        _claim("f13", "fb", FIRE_B, "Three people were hurt", "quantity", QuantityValue(amount=3)),
        _claim("f14", "fc", FIRE_C, "the county said", "event", EventValue(predicate="say")),
    ]
    comparisons = [
        # Deliberately out of reading order: the report, not the comparison stage, orders them.
        Comparison(id="F1", topic="county: statement", status="single-source", claims=["f14"],
                   by_document={"fc": _stated("fc", "said", "f14")}),
        Comparison(id="F2", topic="warehouse: workers on site", status="differs", claims=["f8", "f9"],
                   by_document={"fa": _stated("fa", "30", "f8"), "fb": _stated("fb", "12", "f9")},
                   explanation="30 and 12 may count different shifts"),
        Comparison(id="F3", topic="fire: date", status="agree", claims=["f10", "f11"],
                   by_document={"fa": _stated("fa", "Friday (2032-06-14)", "f10"),
                                "fb": _stated("fb", "2032-06-14", "f11")}),
        Comparison(id="F4", topic="fire: people killed", status="updated", claims=["f1", "f2", "f3"],
                   by_document={"fa": _stated("fa", "5", "f1", "Odile Brenn"), "fb": _stated("fb", "2", "f2"),
                                "fc": _stated("fc", "4", "f3", "the county")},
                   explanation="the toll rose from 2 to 5 between reports"),
        Comparison(id="F5", topic="fire: firefighters deployed", status="compatible", claims=["f6", "f7"],
                   by_document={"fa": _stated("fa", "about 60", "f6"), "fb": _stated("fb", "58", "f7")}),
        Comparison(id="F6", topic="fire: cause", status="conflict", claims=["f4", "f5"],
                   by_document={"fa": _stated("fa", "an electrical fault", "f4", "investigators"),
                                "fb": _stated("fb", "arson", "f5", "police")},
                   disputed_between=["investigators", "police"],
                   explanation="an electrical fault and arson are different causes"),
        Comparison(id="F7", topic="warehouse: street", status="single-source", claims=["f1"],
                   by_document={"fa": _stated("fa", "Marrow Lane", "f1")}),
        Comparison(id="F8", topic="fire chief: name", status="single-source", claims=["f1"],
                   by_document={"fa": _stated("fa", "Odile Brenn", "f1")}),
    ]
    for k in range(extra_single_source):
        doc = ("fa", "fb", "fc")[k % 3]
        comparisons.append(Comparison(id=f"X{k}", topic=f"date: mention {k}", status="single-source",
                                      by_document={doc: StatedValue(value=f"2032-06-{10 + k % 5:02d}")}))
    story = Story(
        id="fire", headline="Marrow Lane warehouse fire", documents=["fa", "fb", "fc"], outlets=list(FIRE_OUTLETS),
        date_start="2032-06-14", date_end="2032-06-16", claims=claims, comparisons=comparisons,
        omissions=[Omission(fact="fire: people injured", reported_by=["fa", "fb"], missing_from=["fc"],
                            claims=["f12", "f13"])],
    )
    return Report(storydiff_version="test", documents=docs, stories=[story])


@pytest.fixture(scope="module")
def fire_page() -> str:
    return to_html(make_fire_report())


def _between(text: str, start: str, end: str) -> str:
    """From the first ``start`` to the first ``end`` after it."""
    i = text.index(start)
    return text[i: text.index(end, i + len(start))]


def test_statuses_in_reading_order_html(fire_page):
    claims = _between(fire_page, 'id="s1-claims"', 'id="s1-coverage"')
    # The shared facts' table: conflicts, then updates, then agreements.
    main = _between(claims, '<table class="claims-table">', "</table>")
    assert re.findall(r'<tr class="row-([a-z-]+)">', main) == ["conflict", "updated", "compatible", "agree"]
    # Below it, the unconfirmed difference, in a table of its own under its own label.
    unconfirmed = _between(claims, '<h4 id="s1-differs-h"', 'id="s1-single-h"')
    assert "Differs, unconfirmed" in unconfirmed and "not sure" in unconfirmed
    assert re.findall(r'<tr class="row-([a-z-]+)">', unconfirmed) == ["differs"]
    assert "</span> differs, unconfirmed</span>" in unconfirmed
    assert claims.index("</table>") < claims.index('id="s1-differs-h"') < claims.index('id="s1-single-h"')
    # No single-source fact is a table row.
    assert 'class="row-single-source"' not in main and 'class="row-single-source"' not in unconfirmed
    checker = _parse(fire_page)
    assert checker.errors == [] and checker.stack == []
    assert len(checker.ids) == len(set(checker.ids))


def test_single_source_facts_collapse_per_outlet_html(fire_page):
    single = fire_page[fire_page.index('id="s1-single-h"'): fire_page.index('id="s1-coverage"')]
    groups = re.findall(r'<details class="single-source">\s*<summary>([^<]*)</summary>', single)
    # One closed group per outlet, in column order; Eastbank Herald states no single-source fact.
    assert groups == ["Tidewater Post: 2 facts", "Lantern Radio: 1 fact"]
    assert "<details class=\"single-source\" open" not in single
    tidewater = _between(single, "Tidewater Post: 2 facts", "Lantern Radio")
    assert re.findall(r"<strong>([^<]*)</strong>", tidewater) == ["warehouse: street", "fire chief: name"]
    assert "Marrow Lane" in tidewater and "Odile Brenn" in tidewater


def test_many_single_source_facts_stay_one_group_per_outlet():
    report = make_fire_report(extra_single_source=30)
    page = to_html(report)
    single = page[page.index('id="s1-single-h"'): page.index('id="s1-coverage"')]
    groups = re.findall(r'<details class="single-source">\s*<summary>([^<]*)</summary>', single)
    assert groups == ["Tidewater Post: 12 facts", "Eastbank Herald: 10 facts", "Lantern Radio: 11 facts"]
    assert single.count('<li class="row-single-source">') == 33  # folded, not dropped
    # The coverage grid does not repeat them either: it shows what outlets share or leave out.
    coverage = _between(page, 'id="s1-coverage"', 'id="s1-articles"')
    assert "date: mention" not in coverage
    md = to_markdown(report)
    lines = [line for line in md.splitlines() if line.startswith("- **")]
    assert [re.match(r"- \*\*([^*]+)\*\* \((\d+)\)", line).groups() for line in lines] == [
        ("Tidewater Post", "12"), ("Eastbank Herald", "10"), ("Lantern Radio", "11")]


def test_update_shows_values_in_time_order_with_dates(fire_page):
    glance = _between(fire_page, 'id="s1-glance"', 'id="s1-claims"')
    update = _between(glance, "<h4>Updated over time</h4>", "</ul>")
    # Column order is Tidewater, Eastbank, Lantern; publication order is Eastbank, Lantern, Tidewater.
    steps = re.findall(r"(\d) <small>\(([^,]+), published <time>([^<]+)</time>\)</small>", update)
    assert steps == [("2", "Eastbank Herald", "2032-06-14"), ("4", "Lantern Radio", "2032-06-15T08:30:00"),
                     ("5", "Tidewater Post", "2032-06-16")]
    assert update.count("→") == 2
    # In the table, each cell of the updated row carries its article's date.
    row = _between(fire_page, '<tr class="row-updated">', "</tr>")
    assert re.findall(r'<small class="when">published <time>([^<]+)</time></small>', row) == [
        "2032-06-16", "2032-06-14", "2032-06-15T08:30:00"]
    # An agreement's cells do not: the date matters only where values change over time.
    assert 'class="when"' not in _between(fire_page, '<tr class="row-agree">', "</tr>")


def test_differs_is_counted_apart_from_conflicts(fire_page):
    from storydiff.report.views import story_views

    view = story_views(make_fire_report())[0]
    assert view.n_conflicts == 1
    assert view.counts == {"conflict": 1, "updated": 1, "compatible": 1, "agree": 1, "differs": 1,
                           "single-source": 3}
    assert "1 conflicts" in _between(fire_page, "<header", "</header>")
    glance = _between(fire_page, 'id="s1-glance"', 'id="s1-claims"')
    counted = re.findall(r'<span class="st st-([a-z-]+)">.*?</span>: <strong>(\d+)</strong>', glance)
    assert counted == [("conflict", "1"), ("updated", "1"), ("compatible", "1"), ("agree", "1"),
                       ("differs", "1"), ("single-source", "3")]
    conflicts = _between(glance, '<ul class="conflicts">', "</ul>")
    assert "fire: cause" in conflicts and "workers on site" not in conflicts
    # Two stories: the index's conflicts column does not count the unconfirmed difference either.
    report = make_fire_report()
    second = report.stories[0].model_copy(update={"id": "fire-2", "headline": "Second look"})
    page = to_html(report.model_copy(update={"stories": [report.stories[0], second]}))
    index = _between(page, 'id="index"', "</table>")
    assert re.findall(r'<td class="num">(\d+)</td>\s*</tr>', index) == ["1", "1"]


def test_omission_still_renders_beside_new_statuses(fire_page):
    coverage = _between(fire_page, 'id="s1-coverage"', 'id="s1-articles"')
    assert coverage.count('<th scope="row">fire: people injured</th>') == 1
    assert coverage.count('<td class="n">✗ missing</td>') == 1
    # The shared facts follow the omission, in the claims' order; the unconfirmed one last.
    facts = re.findall(r'<th scope="row">([^<]*)</th>', coverage)
    assert facts == ["fire: people injured", "fire: cause", "fire: people killed", "fire: firefighters deployed",
                     "fire: date", "warehouse: workers on site"]
    md = to_markdown(make_fire_report())
    assert re.search(r"^\| fire: people injured \| omission \| ✓ reported \| ✓ reported \| ✗ missing \|$", md, re.M)


def test_statuses_in_reading_order_markdown():
    md = to_markdown(make_fire_report())
    claims = _between(md, "### Claims", "### Coverage")
    main = _between(claims, "| Fact |", "#### Differs, unconfirmed")
    statuses = re.findall(r"^\| [^|]+ \| (\S) ([a-z ,-]+?) \|", main, flags=re.M)
    assert statuses == [("≠", "conflict"), ("↑", "updated"), ("≈", "compatible"), ("=", "agreed")]
    unconfirmed = _between(claims, "#### Differs, unconfirmed", "#### Reported by one outlet only")
    assert "not sure" in unconfirmed and "Not counted as conflicts" in unconfirmed
    assert re.findall(r"^\| ([^|]+?) \| \? differs, unconfirmed \|", unconfirmed, flags=re.M) == [
        "warehouse: workers on site"]
    assert "single source |" not in claims  # no single-source row in any table
    single = claims[claims.index("#### Reported by one outlet only"):]
    assert [line for line in single.splitlines() if line.startswith("- ")] == [
        "- **Tidewater Post** (2): warehouse: street: Marrow Lane; fire chief: name: Odile Brenn",
        "- **Lantern Radio** (1): county: statement: said",
    ]
    # The glance: the conflict, then the update in time order with its dates.
    glance = _between(md, "### At a glance", "### Claims")
    assert "? differs, unconfirmed: 1" in glance and "≠ conflict: 1" in glance
    bullets = [line for line in glance.splitlines() if line.startswith("- ")]
    assert bullets[0].startswith("- ≠ conflict **fire: cause**")
    assert bullets[1] == ("- ↑ updated **fire: people killed**: 2 (Eastbank Herald, published 2032-06-14) → "
                          "4 (Lantern Radio, published 2032-06-15T08:30:00) → 5 (Tidewater Post, published 2032-06-16)")
    assert len(bullets) == 2  # the unconfirmed difference is no conflict
    assert "1 conflicts" in md.splitlines()[2]
    # Updated cells carry their dates; tables stay rectangular.
    assert "5 (per Odile Brenn; published 2032-06-16)" in claims
    for block in re.findall(r"((?:^\|.*\|\n)+)", md, flags=re.M):
        assert len({len(re.split(r"(?<!\\)\|", line)) for line in block.strip().splitlines()}) == 1, block


def test_markdown_lists_at_most_a_few_single_source_facts_per_outlet():
    from storydiff.report.markdown import SINGLE_SOURCE_MAX

    md = to_markdown(make_fire_report(extra_single_source=30))
    lines = {re.match(r"- \*\*([^*]+)\*\*", line).group(1): line for line in md.splitlines() if line.startswith("- **")}
    assert set(lines) == set(FIRE_OUTLETS)
    for outlet, total in (("Tidewater Post", 12), ("Eastbank Herald", 10), ("Lantern Radio", 11)):
        line = lines[outlet]
        assert line.startswith(f"- **{outlet}** ({total}): ")
        shown = line.count("; ") + 1 - (1 if total > SINGLE_SOURCE_MAX else 0)
        assert shown == min(total, SINGLE_SOURCE_MAX)
        assert line.endswith(f"; and {total - SINGLE_SOURCE_MAX} more") == (total > SINGLE_SOURCE_MAX)


def test_a_failed_stage_is_shown_in_html_and_markdown():
    from storydiff.model import StoryError

    report = make_fire_report()
    failed = report.stories[0].model_copy(update={"errors": [StoryError(stage="labels", message="ValueError: odd parse")]})
    report = report.model_copy(update={"stories": [failed]})
    page = to_html(report)
    alert = _between(page, '<div class="errors" role="alert">', "</div>")
    assert "labels: ValueError: odd parse" in alert
    assert "labels: ValueError: odd parse" in to_markdown(report)
    assert '<div class="errors"' not in to_html(make_fire_report())


def test_timeline_tells_year_less_days_in_words_after_the_dated_ones():
    from storydiff.model import Claim, DateValue
    from storydiff.report.views import _timeline

    def dated(i, text, date, event):
        return Claim(id=f"C{i}", doc="a", kind="date", text=text, sentence=text, start=0, end=len(text),
                     sentence_start=0, sentence_end=len(text), value=DateValue(date=date, event=event))

    rows = _timeline([dated(1, "Tuesday", "-W-2", "opened gate"), dated(2, "March 9", "--03-09", "closed road"),
                      dated(3, "2029", "2029", "built dam")], {"a": "Outlet A"}, {})
    assert [r.date for r in rows] == ["2029", "9 March (no year stated)", "a Tuesday (no week stated)"]
