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
    assert rows == ["conflict", "compatible", "agree", "single-source"]
    for text in ("conflict", "compatible", "agreed", "single source"):
        assert f"</span> {text}</span>" in claims
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
