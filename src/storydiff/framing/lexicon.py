"""Vocabulary and the loaded-language lexicon."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..entities.names import EVENT_HEADS


# --- vocabulary --------------------------------------------------------------------------

GROUP_NOUNS = frozenset(
    "group organisation organization movement cult sect party faction militia outfit network "
    "coalition alliance front army brigade gang cartel syndicate union opposition camp".split()
)
"""Heads that can name an organised actor; a definite NP with one of these heads may
refer back to an ORG/NORP entity."""

MEMBER_NOUNS = frozenset(
    "member militant fighter terrorist extremist rebel insurgent cultist dissident element "
    "activist supporter loyalist follower operative jihadist guerrilla radical exile separatist "
    "gunman resident".split()
)
"""Heads that name the people of an organised actor ("these terrorists")."""

QUANTIFYING_WORDS = frozenset(
    "other many most some several few more such same certain various both all each every another numerous "
    "multiple top senior fellow entire whole".split()
)
"""Words before a noun that count, rank or relate the people it names ("three other
Lavrians", "the top Voltists", "most scholars", "his fellow Voltists"), not describe them:
never a label or part of one."""

TIME_WORDS = frozenset("modern current contemporary present present-day today's nowadays".split())
"""Words before a name that place it in time ("the modern Unity Party", "the current
board"), not describe it: no label or part of one. "former" and "late" stay: they say what
the actor was."""

TIME_UNITS = frozenset("year years month months week weeks day days".split())
"""Units of an age or a span ("17-year-old", "a 20-year veteran"): without their number,
no part of a label."""

ACTOR_TYPES = frozenset({"ORG", "NORP"})
"""Entity types that group and member nouns may refer back to."""

INSTITUTION_WORDS = frozenset(
    "ministry department police court government parliament agency office commission embassy "
    "army navy prosecutor university bank council news times post radio television tv press "
    "service authority bureau".split()
)
"""Words in an organisation's name that make it an institution rather than a group: a
definite "the group" does not refer back to a ministry."""

VIEW_VERBS = frozenset(
    "consider regard call describe portray label brand designate list blacklist delist deem view "
    "see dub term characterise characterize depict paint classify declare denounce condemn "
    "accuse refer tag".split()
)
"""Verbs whose subject (or agent) holds the view that the label expresses."""

SPEECH_VERBS = frozenset(
    "say tell claim allege state announce add warn insist argue write tweet report believe think "
    "contend assert note stress underline suggest maintain explain reply told accuse question ask wonder doubt "
    "fear hope".split()
)
"""Verbs of saying and thinking: a label in their clausal complement is reported speech."""

POSSESSION_HEADS = frozenset({"life", "age"})
"""What a person has ("fighting for his life", "Dana Velt, age unknown"): a reference the
entities resolved with one of these is no label."""

DESCRIPTION_NON_LABEL_HEADS = POSSESSION_HEADS | EVENT_HEADS
"""Heads of a description the entities resolved that still give no label: what an actor
has ("his life") or what happened ("the mass shooting")."""

NON_LABEL_HEADS = frozenset(
    "one part home site case result reason way number lot kind type example subject focus "
    "target topic name".split()
) | DESCRIPTION_NON_LABEL_HEADS
"""Heads that say where or what share an actor is, what it has, or what happened, not
what it is."""

DETERMINERS_ANAPHORIC = frozenset({"the", "this", "these", "that", "those"})
PRONOUNS_PLURAL = frozenset({"they", "them"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "whom", "that"})
QUOTE_PAIRS = {"“": "”", '"': '"', "‘": "’", "«": "»"}

SCARE_QUOTE_MAX_WORDS = 5
"""A quotation of at most this many words is a scare quote (the outlet distancing itself
from a word) rather than a quoted statement. Five words keeps "a 'terrorist' group" and
"'operates like a cult'" as scare quotes while whole quoted clauses count as speech."""

COREF_SENTENCE_WINDOW = 2
"""A definite group NP refers back to an entity mentioned in its own sentence or in at
most this many sentences before. Longer reach finds more labels but picks the wrong
actor more often."""

MAIN_ACTOR_SENTENCE_WINDOW = 4
"""When no compatible entity is in the short window, the story's main actor is taken if
the document named it at most this many sentences before."""

PRONOUN_SENTENCE_WINDOW = 1
""""they"/"them" refer back at most this many sentences."""

MAX_TERM_TOKENS = 8
"""Premodifier chains longer than this are usually misparses; the term is cut to the
tokens nearest the head."""

MAIN_ACTORS_MAX = 5
"""How many of a story's most-labelled entities get a framing comparison (besides every
entity labelled in two or more documents)."""

HEADLINE_CREDIT = re.compile(r"^(?P<claim>.+?):\s*(?P<who>[^:]{2,60})$")
"""'Claim: source' headlines ("X is a threat: rights group") attribute the claim."""


# --- lexicon -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LexiconEntry:
    term: str
    words: tuple[str, ...]
    category: str
    polarity: str
    note: str = ""


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[LexiconEntry, ...]

    def __post_init__(self) -> None:
        # entries by their first word: a term is tried only where its first word occurs
        # (a walk over the whole lexicon per label was a tenth of the labels stage)
        by_first: dict[str, list[tuple[int, LexiconEntry]]] = {}
        for n, entry in enumerate(self.entries):
            if entry.words:
                by_first.setdefault(entry.words[0], []).append((n, entry))
        object.__setattr__(self, "_by_first", by_first)

    def match(self, words: list[tuple[str, str]]) -> list[LexiconEntry]:
        """Entries whose words occur contiguously in ``words`` ((lower, lemma) pairs), in
        the lexicon's order."""
        by_first = self._by_first  # type: ignore[attr-defined]
        tried = sorted({pair for lower, lemma in words for w in {lower, lemma} for pair in by_first.get(w, ())},
                       key=lambda pair: pair[0])
        found = []
        for _, entry in tried:
            n = len(entry.words)
            for i in range(len(words) - n + 1):
                if all(w in words[i + k] for k, w in enumerate(entry.words)):
                    found.append(entry)
                    break
        return found


def _lexicon_words(term: str) -> tuple[str, ...]:
    # Hyphens are their own tokens in spaCy; matching on the words alone makes
    # "Western-backed" and "Western - backed" the same.
    return tuple(w for w in re.split(r"[\s\-–]+", term.lower()) if w)


def load_lexicon(paths: Iterable[str | Path] = ()) -> Lexicon:
    """The bundled lexicon plus ``paths`` (same TSV format); later files override terms."""
    by_term: dict[str, LexiconEntry] = {}
    sources: list[str] = [resources.files("storydiff").joinpath("data/lexicon.tsv").read_text(encoding="utf-8")]
    for path in paths:
        sources.append(Path(path).read_text(encoding="utf-8"))
    for text in sources:
        rows = csv.reader(text.splitlines(), delimiter="\t")
        for row in rows:
            if not row or row[0].startswith("#") or row[0].strip().lower() == "term":
                continue
            term = row[0].strip()
            if not term:
                continue
            category = row[1].strip() if len(row) > 1 and row[1].strip() else "loaded"
            polarity = row[2].strip().lower() if len(row) > 2 and row[2].strip() else "negative"
            note = row[3].strip() if len(row) > 3 else ""
            by_term[term.lower()] = LexiconEntry(term, _lexicon_words(term), category, polarity, note)
    return Lexicon(tuple(by_term.values()))
