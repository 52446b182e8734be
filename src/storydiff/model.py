"""The data contract of storydiff: every model the pipeline produces, in one place.

The JSON report (``storydiff analyze --json``) is ``Report.model_dump_json()``; its JSON
Schema (``storydiff schema``) is generated from these classes. Later stages may add
fields; they never rename or remove the ones here.

Spans are ``[start, end)`` character offsets into ``Document.text`` (the clean body).
"""

from __future__ import annotations

from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- documents -------------------------------------------------------------------------


class RawDocument(_Model):
    """What a reader hands to cleaning: the text or HTML and what the source says about itself.

    Internal to the pipeline (not part of the report)."""

    id: str
    source_path: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    outlet_source: str | None = Field(default=None, description="where ``outlet`` came from: record, site name")
    headings: list[str] = Field(default_factory=list, description="heading lines as the source marks them (HTML)")


class Removed(_Model):
    """A piece of scraping debris taken out of the body, kept so nothing is silently lost."""

    text: str
    reason: str = Field(description="why it was removed, e.g. 'breadcrumb', 'photo caption', 'licence footer'")


class Heading(_Model):
    """A section heading kept in the clean text (as its own line)."""

    text: str
    start: int
    end: int


class Document(_Model):
    id: str
    source_path: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    outlet_source: str | None = Field(
        default=None, description="where the outlet name came from: record, byline, licence footer, source line, site name, url"
    )
    author: str | None = None
    dateline: str | None = Field(default=None, description="the place in a 'CITY –' dateline")
    published: str | None = Field(default=None, description="publication date, ISO 8601 (date or date-time)")
    text: str = Field(description="the clean article body; paragraphs separated by blank lines")
    headings: list[Heading] = Field(default_factory=list)
    removed: list[Removed] = Field(default_factory=list)
    duplicate_of: str | None = Field(default=None, description="id of the canonical copy, or null")


class Skipped(_Model):
    source_path: str
    reason: str


# --- copies ----------------------------------------------------------------------------


class Difference(_Model):
    """What one member of a duplicate group has that its canonical has not, and vice versa."""

    document: str
    added: list[str] = Field(default_factory=list, description="sentences in this member, absent from the canonical")
    removed: list[str] = Field(default_factory=list, description="sentences of the canonical absent from this member")


class DuplicateGroup(_Model):
    canonical: str
    members: list[str] = Field(description="document ids, the canonical included")
    similarity: float = Field(description="lowest estimated Jaccard similarity of a member to the canonical")
    differences: list[Difference] = Field(default_factory=list)


# --- entities and quotes ---------------------------------------------------------------


class Mention(_Model):
    doc: str
    start: int
    end: int
    text: str


class Entity(_Model):
    id: str
    name: str
    type: str = Field(description="PERSON, ORG, GPE, LOC, FAC, NORP, EVENT, ...")
    aliases: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    mentions: dict[str, int] = Field(default_factory=dict, description="document id -> number of mentions")
    spans: list[Mention] = Field(default_factory=list)


class Quote(_Model):
    id: str
    doc: str
    text: str
    kind: Literal["direct", "indirect"]
    speaker: str | None = Field(default=None, description="entity id, or null when not resolved")
    speaker_name: str | None = Field(default=None, description="the speaker as the text names it")
    cue: str | None = Field(default=None, description="the speech verb or phrase")
    start: int
    end: int
    matches: list[str] = Field(default_factory=list, description="ids of the same quote in other documents")
    wording: dict[str, str] = Field(
        default_factory=dict, description="quote id -> wording in that document, where it differs from this one"
    )


class QuoteConflict(_Model):
    """The same words given to different speakers by different documents."""

    text: str
    speakers: dict[str, str] = Field(description="document id -> entity id or speaker name")
    quotes: list[str] = Field(default_factory=list, description="ids of the quotes involved")


# --- claims and comparisons ------------------------------------------------------------


class QuantityValue(_Model):
    type: Literal["quantity"] = "quantity"
    amount: float
    low: float | None = None
    high: float | None = None
    qualifier: str | None = Field(default=None, description="about, over, at least, up to, ... as written")
    unit: str | None = None
    counted: str | None = Field(default=None, description="what is counted, e.g. 'police officers'")
    predicate: str | None = Field(default=None, description="what happened to it, e.g. 'injured', 'seized'")
    counted_head: str | None = Field(default=None, description="lemma of the counted noun, for alignment")
    predicate_terms: list[str] = Field(
        default_factory=list, description="lemmas of the governing verb and its prepositional objects, for alignment"
    )
    predicate_start: int | None = Field(default=None, description="offset of the governing verb in Document.text")
    sides: list[float] = Field(
        default_factory=list, description="both sides of a score or vote as written ('won 3-1': [3, 1]); amount is the first"
    )
    reference: bool = Field(
        default=False,
        description="the value something changed from or is compared with ('fell to 5.2% from 5.9%': 5.9); left out of comparisons",
    )
    of_entity: str | None = Field(
        default=None, description="the entity the figure is said of, by id: a person's age ('Jane Roe, 32')"
    )


class DateValue(_Model):
    type: Literal["date"] = "date"
    date: str = Field(description="ISO date, partial allowed: '2022', '2022-07', '2022-07-14'; with no "
                      "publication date in the story, a day and month without its year ('--07-14') or a "
                      "weekday without its week ('-W-4', 1 for Monday)")
    low: str | None = None
    high: str | None = None
    resolved_from: str | None = Field(
        default=None, description="'absolute', or what a relative date was resolved against: 'published', "
        "'story dates'; or, with nothing to resolve it against, 'no year' (a day and month) or 'no week' (a weekday)"
    )
    event: str | None = Field(default=None, description="what the date is the date of")
    event_terms: list[str] = Field(default_factory=list, description="lemmas of the event words, for alignment")
    doer: str | None = Field(default=None, description="the person the sentence names as the doer of the dated "
                             "event (the verb's subject), as written")


class EventValue(_Model):
    type: Literal["event"] = "event"
    predicate: str
    agent: str | None = Field(default=None, description="entity id or text")
    patient: str | None = Field(default=None, description="entity id or text")
    place: str | None = None
    time: str | None = None
    cause: str | None = None
    slot: str | None = Field(
        default=None, description="for a slot statement, the question it answers: 'ordered by', 'cause of death'"
    )
    filler: str | None = Field(default=None, description="a slot statement's answer, as written")
    filler_head: str | None = Field(default=None, description="the lemma of the answer's head word")
    filler_entity: str | None = Field(default=None, description="the entity id the answer names, if any")


ClaimValue = Union[QuantityValue, DateValue, EventValue]


class Claim(_Model):
    id: str
    doc: str
    kind: Literal["quantity", "date", "event"]
    text: str = Field(description="the surface span")
    sentence: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    value: ClaimValue = Field(discriminator="type")
    attributed_to: str | None = Field(default=None, description="entity id or name; null for the outlet's own voice")
    negated: bool = False
    in_title: bool = Field(
        default=False,
        description="the claim is in Document.title: start, end, sentence_start and sentence_end are offsets into the title",
    )


class StatedValue(_Model):
    """One document's answer to a comparison's question."""

    value: str = Field(description="the value as the document states it")
    attributed_to: str | None = None
    claims: list[str] = Field(default_factory=list)


class Comparison(_Model):
    id: str
    topic: str
    status: Literal["agree", "compatible", "conflict", "single-source", "updated", "differs"]
    claims: list[str] = Field(default_factory=list)
    by_document: dict[str, StatedValue] = Field(default_factory=dict)
    disputed_between: list[str] = Field(
        default_factory=list, description="for conflicts: the authorities behind the differing values"
    )
    explanation: str | None = Field(default=None, description="why this status, in words")
    event: str | None = Field(
        default=None, description="the event the fact belongs to, in words: 'killed', 'injured', 'signed'"
    )
    role: str | None = Field(
        default=None,
        description="what the fact says of the event: a casualty or action class ('killed', 'injured', 'arrested') "
        "for counts, 'date' for dates, 'vote' or 'score' for a tally ('passed 92-6', 'won 3-1'), 'age' for a named person's age",
    )
    participants: str | None = Field(default=None, description="who or what is counted, e.g. 'police officers'")


class Omission(_Model):
    fact: str
    reported_by: list[str]
    missing_from: list[str]
    claims: list[str] = Field(default_factory=list)
    reason: str | None = Field(default=None, description="why the missing documents are judged not to state it")


# --- framing ---------------------------------------------------------------------------


class Label(_Model):
    entity: str
    doc: str
    term: str
    head: str
    modifiers: list[str] = Field(default_factory=list)
    voice: Literal["narrator", "quoted", "attributed"]
    speaker: str | None = None
    loaded: bool = False
    categories: list[str] = Field(default_factory=list)
    start: int
    end: int
    sentence: str = ""
    speaker_name: str | None = Field(default=None, description="the speaker or view holder as the text names it")
    polarity: str | None = Field(
        default=None, description="negative, positive or mixed, from the lexicon; null when not loaded"
    )
    construction: str | None = Field(
        default=None,
        description="where the label comes from: apposition, predicate, as-phrase, name-modifier, name-in-np, reference",
    )
    in_title: bool = Field(
        default=False, description="the label is in Document.title; start/end are offsets into the title"
    )


class OutletFraming(_Model):
    narrator: list[str] = Field(default_factory=list)
    quoted: list[str] = Field(default_factory=list)
    attributed: list[str] = Field(default_factory=list)
    unique: list[str] = Field(default_factory=list, description="terms no other document of the story uses")
    counts: dict[str, int] = Field(default_factory=dict, description="voice -> number of labels")


class Framing(_Model):
    entity: str
    name: str
    by_document: dict[str, OutletFraming] = Field(default_factory=dict)


# --- stories and the report ------------------------------------------------------------


class StoryError(_Model):
    """A stage of a story's analysis that failed: the story is reported with what the
    other stages found, and the run goes on."""

    stage: str = Field(description="what failed: parse, analysis, or the stage's name")
    message: str = Field(description="the error, in one line")
    document: str | None = Field(
        default=None,
        description="the document that made it fail, when one did: the story was analysed without it",
    )


class StoryBasis(_Model):
    """Why a story's documents were put together: what two or more of them share."""

    participants: list[str] = Field(default_factory=list, description="people two or more of its documents name in full")
    places: list[str] = Field(default_factory=list, description="places two or more of its documents' leads put the event in")
    days: list[str] = Field(default_factory=list, description="days (ISO) two or more of its documents state")
    words: list[str] = Field(default_factory=list, description="the names of the body its documents share most")
    summary: str = Field(description="the above in one sentence")


class KeptApart(_Model):
    """A story that looked like this one (its words scored as the same event) and was kept
    apart by what the texts say of the event."""

    story: str = Field(description="the other story's id")
    document: str = Field(description="the document that was kept out of the other story (or out of this one)")
    score: float = Field(description="the similarity that would have joined them")
    reason: str = Field(description="why they are two events, in words")


class Storyline(_Model):
    """Related stories: the same actors or topic, different events (successive strikes,
    a series of hearings). Comparisons stay within each story."""

    id: str
    title: str
    stories: list[str] = Field(description="story ids, earliest first")
    shared: list[str] = Field(default_factory=list, description="the participants or names that link them")


class Story(_Model):
    id: str
    headline: str
    documents: list[str] = Field(description="ids of all member documents, copies included")
    outlets: list[str] = Field(default_factory=list)
    date_start: str | None = None
    date_end: str | None = None
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    quote_conflicts: list[QuoteConflict] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    comparisons: list[Comparison] = Field(default_factory=list)
    omissions: list[Omission] = Field(default_factory=list)
    labels: list[Label] = Field(default_factory=list)
    framing: list[Framing] = Field(default_factory=list)
    errors: list[StoryError] = Field(
        default_factory=list, description="stages of the analysis that failed; empty when all went well"
    )
    storyline: str | None = Field(default=None, description="id of the storyline it belongs to, if any")
    basis: StoryBasis | None = Field(default=None, description="why its documents belong together")
    kept_apart: list[KeptApart] = Field(default_factory=list, description="look-alike stories kept apart, and why")


class Report(_Model):
    schema_version: str = SCHEMA_VERSION
    storydiff_version: str
    models: dict[str, str] = Field(default_factory=dict, description="the models used, by role")
    documents: list[Document] = Field(default_factory=list)
    duplicate_groups: list[DuplicateGroup] = Field(default_factory=list)
    stories: list[Story] = Field(default_factory=list)
    storylines: list[Storyline] = Field(default_factory=list, description="related stories, linked")
    skipped: list[Skipped] = Field(default_factory=list)
