"""Neighbouring figures read together: a range as written ('between seven to 10 years',
'33-35 billion euros'), a change or a chain of values ('rose 4p to 118.5p', 'from $160 to
$180 to $200'), a score or vote with both sides ('won 3-1', 'passed 92-6'), a span of
years that is a date, and suspended hyphens ('four-, five- and six-cylinder')."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .number_atoms import QUALIFIER_PHRASES, Atom, Tok
from .number_context import CHANGE_WORDS, RANGE_VERBS, SCORE_CONTEXT
from .quantities import Amount, _bounds
from .units import TIME_UNITS


@dataclass
class Reading:
    """One number expression: [start, end) in the sentence text, and its value."""

    start: int
    end: int
    amount: Amount
    bare: bool = True
    """No unit, currency, scale or sign: only the figure (a name's number looks like this)."""
    words_only: bool = False
    """Written in words ('four'), without a digit."""

    @property
    def text_span(self) -> tuple[int, int]:
        return self.start, self.end


def _score_context(toks: list[Tok], a: Atom, b: Atom) -> bool:
    near = [t.low for t in toks[max(0, a.start_tok - 4):a.start_tok]] + [t.low for t in toks[b.end_tok:b.end_tok + 2]]
    return bool(SCORE_CONTEXT & set(near))


SCORE_NOUN_JOINER = re.compile(r"(?:votes|games|sets|frames|goals|matches) to")
"""'by 61 votes to 38', 'four games to two': a vote or a score with its counted noun
between the sides."""


def combine_atoms(toks: list[Tok], atoms: list[Atom], sentence: str,
                  rejected: list[tuple[int, int]] | None = None) -> list[Reading]:
    """Ranges, scores, chains and suspended hyphens from neighbouring figures. Spans
    read as no quantity (a span of years) go to ``rejected``."""
    out: list[Reading] = []
    used: set[int] = set()
    chain = False  # the last pair was a change 'from A to B': 'to C' after it goes on with it
    for idx, a in enumerate(atoms):
        if idx in used:
            continue
        b = atoms[idx + 1] if idx + 1 < len(atoms) else None
        between = sentence[a.end:b.start] if b is not None else ""
        joiner = between.strip().lower()
        before = sentence[: a.start].lower()
        # suspended hyphens: 'four-, five- and six-cylinder' share the last one's unit
        if a.hyphen_open:
            group = [a]
            for m in atoms[idx + 1:]:
                group.append(m)
                if not m.hyphen_open:
                    break
            for m in group[:-1]:
                m.unit = group[-1].unit
        if b is not None and SCORE_NOUN_JOINER.fullmatch(joiner) and _bare_integer(a) and _bare_integer(b) \
                and not re.search(r"\b(?:from|between)\s*$", before):
            out.append(Reading(a.start, b.end, Amount(amount=a.value, unit=None, sides=(a.value, b.value)), bare=False))
            used.update((idx, idx + 1))
            chain = False
            continue
        if b is None or a.multiplier or b.multiplier or joiner not in ("-", "\u2013", "-to-", "to", "and", "or") or (
            joiner in ("and", "or") and not re.search(r"between\s*$", before)
        ):
            chain = False
            out.append(_single(a))
            continue
        if _years(a, b, sentence):
            used.update((idx, idx + 1))
            if rejected is not None:
                rejected.append((a.start, b.end))
            continue  # '1991-2020': a span of years, a date
        # 'a 71-to-29 vote' is glued as '134-63' is
        glued_dash = joiner in ("-", "\u2013", "-to-") and between in ("-", "\u2013", "-to-")
        from_ = re.search(r"\bfrom\s*$", before) is not None
        between_word = re.search(r"\bbetween\s*$", before) is not None
        continues = chain and re.search(r"\bto\s*$", before) is not None and not glued_dash
        # 'by 15 to 20 per cent': a bare start and a unit at the end is one range
        shared_unit = a.unit is None and not a.scaled and b.unit is not None and a.value < b.value
        change = (from_ and not RANGE_VERBS.search(before)) or continues or (
            joiner == "to" and not between_word and not shared_unit and _change_before(toks, a)
        )
        units_differ = a.unit is not None and b.unit is not None and a.unit != b.unit
        bare_pair = _bare_integer(a) and _bare_integer(b)
        if bare_pair and (glued_dash or joiner == "to") and not between_word and not from_ and (
            _score_context(toks, a, b) or (glued_dash and a.value >= b.value)
        ):
            out.append(Reading(a.start, b.end, Amount(amount=a.value, unit=None, sides=(a.value, b.value)), bare=False))
            used.update((idx, idx + 1))
            chain = False
            continue
        if change:
            chain = True
            if from_ and a.unit is None and not a.scaled:
                _share_scale_and_unit(a, _range_end(atoms, idx + 1, sentence))  # 'from 24.2 to 33-35 billion euros'
            out.append(_single(a))
            continue
        chain = False
        if not units_differ and (between_word or joiner in ("-", "\u2013", "to", "-to-")):
            _share_scale_and_unit(a, b)
            if a.value < b.value:
                start = len(before.rstrip()) - len("between") if between_word else a.start
                amount = Amount(amount=(a.value + b.value) / 2, low=a.value, high=b.value, qualifier="between",
                                unit=b.unit or a.unit)
                out.append(Reading(start, b.end, amount, bare=False))
                used.update((idx, idx + 1))
                continue
        out.append(_single(a))
    return out


def _bare_integer(a: Atom) -> bool:
    """A whole figure with no unit, scale or qualifier: one side of a score or vote."""
    return a.unit is None and a.integer and not a.scaled and a.qualifier is None


def _range_end(atoms: list[Atom], k: int, sentence: str) -> Atom:
    """The atom that closes the range starting at atom k ('33-35 billion euros': the 35)."""
    if k + 1 < len(atoms) and sentence[atoms[k].end:atoms[k + 1].start].strip() in ("-", "\u2013", "to"):
        return atoms[k + 1]
    return atoms[k]


def _years(lo: Atom, hi: Atom, sentence: str) -> bool:
    def year(x: Atom) -> bool:
        return x.unit is None and not x.scaled and x.integer and 1800 <= x.value <= 2100 and "," not in \
            sentence[x.start:x.end]
    return year(lo) and (year(hi) or (hi.value < 100 and hi.integer and hi.unit is None and not hi.scaled))


def _share_scale_and_unit(lo: Atom, hi: Atom) -> None:
    """'33-35 billion euros', '$2-3 million', 'seven to 10 years': what one end says of both."""
    if hi.scaled and not lo.scaled and lo.value and lo.value < 1000 and hi.value / lo.value >= 1000:
        scale = max((s for s in (1_000, 1_000_000, 1_000_000_000, 1_000_000_000_000) if hi.value >= s), default=1)
        lo.value *= scale
        lo.scaled = True
    if lo.unit is None and hi.unit is not None:
        lo.unit = hi.unit
    elif hi.unit is None and lo.unit is not None and not hi.words_only:
        hi.unit = lo.unit


def _change_before(toks: list[Tok], a: Atom) -> bool:
    near = [t.low for t in toks[max(0, a.start_tok - 4):a.start_tok]]
    return bool(CHANGE_WORDS & set(near))


def _single(a: Atom) -> Reading:
    if a.qualifier in ("over", "under") and a.unit in TIME_UNITS:
        a.qualifier = None  # 'over three years': during, not more than
    kind = next((k for p, k in QUALIFIER_PHRASES if p == a.qualifier), "exact")
    low, high = _bounds(kind, a.value) if a.qualifier else (None, None)
    amount = Amount(amount=a.value, low=low, high=high, qualifier=a.qualifier, unit=a.unit)
    bare = a.unit is None and not a.scaled and a.value >= 0 and not a.hyphen_open
    return Reading(a.start, a.end, amount, bare=bare, words_only=a.words_only)
