"""What the HTML and Markdown reports show, computed once from a Report.

Both writers render the same findings; the decisions (which documents are columns, how
copies fold into their original, which quotes are the same quote, how a stated value reads)
live here so that the two writers cannot drift apart. Nothing here produces markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..dates import is_partial, readable
from ..model import (
    Claim,
    Comparison,
    DateValue,
    Difference,
    Document,
    Entity,
    KeptApart,
    Quote,
    Report,
    Story,
    Storyline,
)

STATUS_ORDER = ("conflict", "updated", "compatible", "agree", "differs", "single-source")
"""Order of the claims: what is disputed first, then counts that moved over time, then what
two or more outlets agree on; then differences storydiff is unsure of, below the facts it is
sure of; what rests on one outlet last (collapsed per outlet: mostly the parser's findings,
not the story's facts)."""

MAIN_STATUSES = ("conflict", "updated", "compatible", "agree")
"""The statuses of the claims table proper: facts that two or more outlets state."""

STATUS_TEXT = {
    "conflict": "conflict",
    "updated": "updated",
    "compatible": "compatible",
    "agree": "agreed",
    "differs": "differs, unconfirmed",
    "single-source": "single source",
}
STATUS_SYMBOL = {"conflict": "≠", "updated": "↑", "compatible": "≈", "agree": "=", "differs": "?", "single-source": "•"}
"""A symbol next to the coloured status text, so that colour is never the only signal."""

OWN_VOICE = "outlet's own voice"

ENTITY_ROWS_MAX = 40
"""Entities shown per story, most mentioned first: the long tail (a name seen once) makes a
300-article page heavier without telling a reader much; the JSON report has them all."""



@dataclass
class DocView:
    doc: Document
    label: str
    anchor: str
    copies: list[Document] = field(default_factory=list)
    differences: dict[str, Difference] = field(default_factory=dict)
    """copy id -> what that copy adds to or drops from this original."""

    @property
    def also_published_by(self) -> list[str]:
        return [outlet_of(c) for c in self.copies]


@dataclass
class Cell:
    value: str | None = None
    authority: str | None = None
    evidence: str | None = None
    """HTML id of the evidence mark in the article, when the claim's article is shown."""
    sentence: str | None = None
    published: str | None = None
    """Publication date of the document that states the value: an update reads in time order."""


@dataclass
class ComparisonRow:
    comparison: Comparison
    cells: list[Cell]
    disputed: list[str]
    stated: list[tuple[str, str, str]] = field(default_factory=list)
    """(outlet label, value, authority) for the outlets that state a value."""
    in_time: list[tuple[str, Cell]] = field(default_factory=list)
    """(outlet label, cell) for the outlets that state a value, earliest publication first
    (undated last): how an updated count reads."""

    @property
    def status(self) -> str:
        return self.comparison.status


@dataclass
class SingleSourceGroup:
    """The facts only one outlet states, folded together: one group per outlet."""

    label: str
    rows: list[ComparisonRow]


@dataclass
class QuoteEntry:
    doc_label: str
    text: str
    speaker: str
    cue: str | None
    evidence: str | None


@dataclass
class QuoteGroup:
    speaker: str
    text: str
    kind: str
    entries: list[QuoteEntry]
    wording_differs: bool
    conflict: bool


@dataclass
class CoverageRow:
    fact: str
    kind: str
    """'omission' or the status of a comparison."""
    reported: list[bool | None]
    """Per column: True reported, False missing, None not known."""


@dataclass
class TimelineRow:
    date: str
    event: str
    outlets: list[tuple[str, str | None]]
    """(outlet label, evidence id)."""


@dataclass
class Term:
    text: str
    loaded: bool


@dataclass
class FramingRow:
    doc_label: str
    narrator: list[Term]
    quoted: list[Term]
    attributed: list[Term]
    unique: list[Term]


@dataclass
class FramingView:
    name: str
    rows: list[FramingRow]


@dataclass
class EntityRow:
    entity: Entity
    counts: list[int]


@dataclass
class StorylineStep:
    story: str
    headline: str
    anchor: str | None  # None: the story is not in this report (a store's one-story report)


@dataclass
class StorylineNav:
    """Where a story stands in its storyline, to move along it."""

    storyline: Storyline
    position: int  # 1-based
    steps: list[StorylineStep]

    @property
    def previous(self) -> StorylineStep | None:
        return self.steps[self.position - 2] if self.position > 1 else None

    @property
    def next(self) -> StorylineStep | None:
        return self.steps[self.position] if self.position < len(self.steps) else None


@dataclass
class StoryView:
    story: Story
    index: int
    anchor: str
    docs: list[DocView]
    counts: dict[str, int]
    rows: list[ComparisonRow]
    coverage: list[CoverageRow]
    quote_groups: list[QuoteGroup]
    quote_conflicts: list[tuple[str, list[tuple[str, str]]]]
    framing: list[FramingView]
    entities: list[EntityRow]
    timeline: list[TimelineRow]
    evidence: dict[str, str]
    """claim or quote id -> HTML id of its mark in the rendered article."""
    names: dict[str, str]
    single_source: list[SingleSourceGroup] = field(default_factory=list)
    storyline: StorylineNav | None = None
    kept_apart: list[tuple[KeptApart, str | None]] = field(default_factory=list)
    """look-alike stories kept apart, each with its anchor when it is in this report."""

    @property
    def conflicts(self) -> list[ComparisonRow]:
        return [r for r in self.rows if r.status == "conflict"]

    @property
    def updates(self) -> list[ComparisonRow]:
        return [r for r in self.rows if r.status == "updated"]

    @property
    def main_rows(self) -> list[ComparisonRow]:
        """Conflicts, updates and agreements: the facts two or more outlets state."""
        return [r for r in self.rows if r.status in MAIN_STATUSES]

    @property
    def unconfirmed(self) -> list[ComparisonRow]:
        return [r for r in self.rows if r.status == "differs"]

    @property
    def n_conflicts(self) -> int:
        # "differs" is never a conflict: storydiff is not sure the values answer one question.
        return self.counts.get("conflict", 0) + len(self.quote_conflicts)


def outlet_of(doc: Document) -> str:
    """The outlet's name; else the site the article came from; else the document id."""
    if (doc.outlet or "").strip():
        return doc.outlet.strip()
    try:
        host = urlsplit(doc.url or "").hostname or ""
    except ValueError:  # a malformed URL (bad IPv6 brackets) must not stop the report
        host = ""
    return host.removeprefix("www.") or doc.id


def join_names(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def story_views(report: Report) -> list[StoryView]:
    by_id = {d.id: d for d in report.documents}
    views = [_story_view(report, story, i, by_id) for i, story in enumerate(report.stories)]
    differences = {(g.canonical, d.document): d for g in report.duplicate_groups for d in g.differences}
    for view in views:
        for doc_view in view.docs:
            for copy in doc_view.copies:
                if (doc_view.doc.id, copy.id) in differences:
                    doc_view.differences[copy.id] = differences[(doc_view.doc.id, copy.id)]
    _link_stories(report, views)
    return views


def _link_stories(report: Report, views: list[StoryView]) -> None:
    """Each view's place in its storyline, and its kept-apart look-alikes, with anchors
    to the stories this report holds."""
    anchor_of = {v.story.id: v.anchor for v in views}
    headline_of = {v.story.id: v.story.headline for v in views}
    lines = {line.id: line for line in report.storylines}
    for view in views:
        view.kept_apart = [(k, anchor_of.get(k.story)) for k in view.story.kept_apart]
        line = lines.get(view.story.storyline or "")
        if line is None or view.story.id not in line.stories:
            continue
        steps = [StorylineStep(s, headline_of.get(s, s), anchor_of.get(s)) for s in line.stories]
        view.storyline = StorylineNav(line, line.stories.index(view.story.id) + 1, steps)


def _story_view(report: Report, story: Story, index: int, by_id: dict[str, Document]) -> StoryView:
    anchor = f"s{index + 1}"
    members = [by_id[d] for d in story.documents if d in by_id]
    member_ids = {d.id for d in members}
    # A copy folds into its original when the original is in the story; otherwise it stands alone.
    canonical_of = {
        d.id: (d.duplicate_of if d.duplicate_of in member_ids else d.id) for d in members
    }
    docs: list[DocView] = []
    view_of: dict[str, DocView] = {}
    for d in members:
        if canonical_of[d.id] == d.id:
            view = DocView(doc=d, label=outlet_of(d), anchor=f"{anchor}-d{len(docs) + 1}")
            docs.append(view)
            view_of[d.id] = view
    for d in members:
        if canonical_of[d.id] != d.id:
            view_of[canonical_of[d.id]].copies.append(d)
    _disambiguate_labels(docs)
    column = {doc_id: docs.index(view_of[canon]) for doc_id, canon in canonical_of.items()}
    label_of = {doc_id: docs[col].label for doc_id, col in column.items()}

    names = {e.id: e.name for e in story.entities}
    shown = {v.doc.id for v in docs}
    evidence: dict[str, str] = {}
    for k, claim in enumerate(story.claims):
        if claim.doc in shown:
            evidence[claim.id] = f"{anchor}-c{k + 1}"
    for k, quote in enumerate(story.quotes):
        if quote.doc in shown:
            evidence[quote.id] = f"{anchor}-q{k + 1}"
    claims = {c.id: c for c in story.claims}

    published = {d.id: d.published for d in members}
    # A stable sort: within a status, the comparison stage's order is kept.
    rows = [
        _comparison_row(c, docs, column, claims, names, evidence, published)
        for c in sorted(story.comparisons, key=lambda c: STATUS_ORDER.index(c.status))
    ]
    counts = {s: sum(1 for c in story.comparisons if c.status == s) for s in STATUS_ORDER}

    return StoryView(
        story=story,
        index=index,
        anchor=anchor,
        docs=docs,
        counts=counts,
        rows=rows,
        coverage=_coverage(story, docs, column),
        quote_groups=_quote_groups(story.quotes, story, label_of, canonical_of, names, evidence),
        quote_conflicts=[
            (qc.text, [(label_of.get(d, d), names.get(s, s)) for d, s in qc.speakers.items()])
            for qc in story.quote_conflicts
        ],
        framing=_framing(story, label_of, by_id),
        entities=_entities(story.entities, docs, column),
        timeline=_timeline(story.claims, label_of, evidence),
        evidence=evidence,
        names=names,
        single_source=_single_source_groups([r for r in rows if r.status == "single-source"], docs),
    )


def _disambiguate_labels(docs: list[DocView]) -> None:
    """Two canonical articles of one outlet get 'Outlet (1)', 'Outlet (2)' as column heads."""
    seen: dict[str, int] = {}
    for v in docs:
        seen[v.label] = seen.get(v.label, 0) + 1
    counter: dict[str, int] = {}
    for v in docs:
        if seen[v.label] > 1:
            counter[v.label] = counter.get(v.label, 0) + 1
            v.label = f"{v.label} ({counter[v.label]})"


def _comparison_row(
    comparison: Comparison,
    docs: list[DocView],
    column: dict[str, int],
    claims: dict[str, Claim],
    names: dict[str, str],
    evidence: dict[str, str],
    published: dict[str, str | None],
) -> ComparisonRow:
    cells = [Cell() for _ in docs]
    for doc_id, stated in comparison.by_document.items():
        col = column.get(doc_id)
        if col is None or (cells[col].value is not None and doc_id != docs[col].doc.id):
            continue  # a copy never overrides what its original states
        ids = stated.claims or [c for c in comparison.claims if c in claims and claims[c].doc == doc_id]
        linked = [c for c in ids if c in evidence] or [c for c in comparison.claims if c in evidence and claims[c].doc == docs[col].doc.id]
        first = claims.get(linked[0]) if linked else claims.get(ids[0]) if ids and ids[0] in claims else None
        cells[col] = Cell(
            value=stated.value,
            authority=names.get(stated.attributed_to, stated.attributed_to) if stated.attributed_to else OWN_VOICE,
            evidence=evidence.get(linked[0]) if linked else None,
            sentence=first.sentence if first else None,
            published=published.get(doc_id),
        )
    stating = [(d.label, c) for d, c in zip(docs, cells) if c.value is not None]
    return ComparisonRow(
        comparison=comparison,
        cells=cells,
        disputed=[names.get(a, a) for a in comparison.disputed_between],
        stated=[(label, c.value, c.authority or OWN_VOICE) for label, c in stating],
        in_time=sorted(stating, key=lambda lc: (lc[1].published is None, lc[1].published or "")),
    )


def _single_source_groups(rows: list[ComparisonRow], docs: list[DocView]) -> list[SingleSourceGroup]:
    """Single-source rows folded per outlet, in column order.

    A story of seven articles can have thirty of these, mostly dates and counts the parser
    found in passing; one collapsed group per outlet keeps them available without burying
    the facts the outlets share."""
    by_column: dict[int, list[ComparisonRow]] = {}
    unplaced: list[ComparisonRow] = []
    for r in rows:
        col = next((i for i, c in enumerate(r.cells) if c.value is not None), None)
        if col is None:
            unplaced.append(r)  # stated by a document the story does not show: kept, not dropped
        else:
            by_column.setdefault(col, []).append(r)
    groups = [SingleSourceGroup(docs[col].label, by_column[col]) for col in sorted(by_column)]
    if unplaced:
        groups.append(SingleSourceGroup("other documents", unplaced))
    return groups


def _coverage(story: Story, docs: list[DocView], column: dict[str, int]) -> list[CoverageRow]:
    rows: list[CoverageRow] = []
    for omission in story.omissions:
        reported: list[bool | None] = [None] * len(docs)
        for d in omission.reported_by:
            if d in column:
                reported[column[d]] = True
        for d in omission.missing_from:
            if d in column and reported[column[d]] is None:
                reported[column[d]] = False
        rows.append(CoverageRow(fact=omission.fact, kind="omission", reported=reported))
    # A fact already shown as an omission is not repeated as a comparison.
    seen_facts = {o.fact.strip().lower() for o in story.omissions}
    seen_claims = {c for o in story.omissions for c in o.claims}
    # Single-source facts are left out: "one outlet reports it" is what their per-outlet
    # groups already say, and thirty such rows would bury the shared facts here too.
    shared = [c for c in story.comparisons if c.status != "single-source"]
    for comparison in sorted(shared, key=lambda c: STATUS_ORDER.index(c.status)):
        if comparison.topic.strip().lower() in seen_facts or seen_claims.intersection(comparison.claims):
            continue
        reported = [False] * len(docs)
        for d in comparison.by_document:
            if d in column:
                reported[column[d]] = True
        rows.append(CoverageRow(fact=comparison.topic, kind=comparison.status, reported=list(reported)))
    return rows


def _quote_groups(
    quotes: list[Quote],
    story: Story,
    label_of: dict[str, str],
    canonical_of: dict[str, str],
    names: dict[str, str],
    evidence: dict[str, str],
) -> list[QuoteGroup]:
    """The same quote across documents, found by following ``Quote.matches`` (union-find)."""
    parent = {q.id: q.id for q in quotes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for q in quotes:
        for m in q.matches:
            if m in parent:
                parent[find(m)] = find(q.id)
    groups: dict[str, list[Quote]] = {}
    for q in quotes:
        groups.setdefault(find(q.id), []).append(q)
    in_conflict = {qid for qc in story.quote_conflicts for qid in qc.quotes}

    def speaker(q: Quote) -> str:
        return names.get(q.speaker or "", "") or q.speaker_name or q.speaker or "unattributed"

    result = []
    for members in groups.values():
        # Copies fold into their original: a copy's quote is shown only if its original lacks it.
        folded = {canonical_of.get(q.doc, q.doc) for q in members if canonical_of.get(q.doc, q.doc) == q.doc}
        shown = [q for q in members if canonical_of.get(q.doc, q.doc) == q.doc or canonical_of[q.doc] not in folded]
        # The group's speaker: a resolved entity where one is, else the name as written.
        resolved = [q for q in shown if q.speaker in names]
        first = resolved[0] if resolved else shown[0]
        entries, seen = [], set()
        for q in shown:
            key = (q.doc, " ".join(q.text.lower().split()))
            if key not in seen:
                seen.add(key)
                entries.append(QuoteEntry(label_of.get(q.doc, q.doc), q.text, speaker(q), q.cue, evidence.get(q.id)))
        texts = {" ".join(q.text.lower().split()) for q in shown}
        result.append(
            QuoteGroup(
                speaker=speaker(first),
                text=first.text,
                kind=first.kind,
                entries=entries,
                wording_differs=len(texts) > 1,
                # Only the quotes stage decides what is an attribution conflict (precision first:
                # a pronoun left unresolved in one copy is no conflict).
                conflict=any(q.id in in_conflict for q in members),
            )
        )
    # Conflicts first, then the quotes most outlets carry.
    result.sort(key=lambda g: (not g.conflict, -len(g.entries)))
    return result


def _framing(story: Story, label_of: dict[str, str], by_id: dict[str, Document]) -> list[FramingView]:
    views = []
    for framing in story.framing:
        loaded = {lab.term.lower() for lab in story.labels if lab.entity == framing.entity and lab.loaded}

        def terms(words: list[str]) -> list[Term]:
            return [Term(w, w.lower() in loaded) for w in words]

        rows = []
        for doc_id, of in framing.by_document.items():
            label = label_of.get(doc_id, doc_id)
            doc = by_id.get(doc_id)
            if doc is not None and doc.duplicate_of in framing.by_document:
                continue  # a copy labels as its original does: folded into it
            if doc is not None and doc.duplicate_of and label_of.get(doc_id) is not None:
                label = f"{outlet_of(doc)} (copy, in {label})" if outlet_of(doc) != label else f"{label} (copy)"
            rows.append(FramingRow(label, terms(of.narrator), terms(of.quoted), terms(of.attributed), terms(of.unique)))
        views.append(FramingView(name=framing.name, rows=rows))
    return views


def _entities(entities: list[Entity], docs: list[DocView], column: dict[str, int]) -> list[EntityRow]:
    rows = []
    for entity in entities:
        counts = [0] * len(docs)
        for doc_id, n in entity.mentions.items():
            # Copies repeat their original's mentions; count the original only.
            if doc_id in column and docs[column[doc_id]].doc.id == doc_id:
                counts[column[doc_id]] += n
        rows.append(EntityRow(entity, counts))
    rows.sort(key=lambda r: -sum(r.counts))
    return rows


def _timeline(claims: list[Claim], label_of: dict[str, str], evidence: dict[str, str]) -> list[TimelineRow]:
    """Dated events, one row per (date, event) with the outlets that state it."""
    rows: dict[tuple[str, str], TimelineRow] = {}
    for claim in claims:
        if not isinstance(claim.value, DateValue) or claim.negated:
            continue
        event = (claim.value.event or claim.sentence or claim.text).strip()
        key = (claim.value.date, " ".join(event.lower().split()))
        row = rows.setdefault(key, TimelineRow(date=readable(claim.value.date), event=event, outlets=[]))
        label = label_of.get(claim.doc, claim.doc)
        if label not in [o for o, _ in row.outlets]:
            row.outlets.append((label, evidence.get(claim.id)))
    # days of no known year or week (a story with no publication date) cannot be placed
    # among dated ones: they come after them, by day and month or weekday
    order = sorted(rows, key=lambda k: (is_partial(k[0]), k[0], rows[k].event.lower()))
    return [rows[k] for k in order]
