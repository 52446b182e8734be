"""Cleaning scraped articles: debris out (recorded with a reason), metadata in.

The body is cut into blocks (lines; a flattened one-line article is cut at its paragraph
gaps, and its sentences are looked at one by one), each block is tested against general
patterns of scraping debris, and what matches goes to ``Document.removed`` with a reason.
Nothing else is dropped: every sentence that is not in a removed piece stays in the text.
All of it is regex work, linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlparse

from .model import Document, Heading, RawDocument, Removed
from .page_metadata import DATELINE, MONTH, find_dateline, normalise_date, normalise_outlet
from .read._common import CONTROLS, ReadDocument, cut_at_sentence, limit_note, strip_controls

# --- thresholds ------------------------------------------------------------------------

MAX_TITLE_WORDS = 30
"""A first line longer than this is a paragraph, not a headline (headlines run 5-20 words)."""
MAX_HEADING_WORDS = 12
"""Section headings are short; a longer line without final punctuation is more likely a
paragraph cut off by the scraper, which must stay a paragraph."""
MAX_CAPTION_CHARS = 400
"""Photo captions are a sentence or two; a longer block ending in a credit is body text."""
MAX_TWEET_CHARS = 280
"""The longest tweet: the block before a '— Name (@handle) date' line is the tweet's text
only when it fits in one tweet."""
DATELINE_PARAGRAPHS = 2
"""A dateline opens the first paragraph, or the second when a standfirst comes first."""
MAX_DEBRIS_CHARS = 500
"""No debris line (footer, prompt, byline, caption) is longer than this; body paragraphs
usually are, and skip the patterns entirely (this keeps cleaning fast)."""
LEADING_BLOCKS = 6
"""How far from the top breadcrumbs, bylines, date lines and name-only captions are looked
for: they sit above the body; lower down, the same shapes are too often body text."""

# --- patterns --------------------------------------------------------------------------

# A personal name: capitalised words, with the usual lower-case particles (de, van, al, ...).
_NAME = r"[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|de|da|del|di|la|le|van|von|der|al|el|bin|ibn)){0,4}"
_NAMES = rf"{_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){_NAME})*"

class _Gated:
    """A pattern tried only when the lower-cased text holds one of its hint substrings: the
    patterns that cannot fail fast on their first characters would otherwise dominate the
    cleaning time (see ``_block_regex``)."""

    def __init__(self, pattern: re.Pattern[str], *hints: str):
        self.pattern, self.hints = pattern, hints


# Whole-block debris, tested in this order: (reason, pattern). Each pattern must match the
# whole block (or the whole sentence, in a flattened article).
_BLOCK_PATTERNS: list[tuple[str, re.Pattern[str] | _Gated]] = [
    # "All Content by X is licensed under a Creative Commons ..." / "This work is licensed under ..."
    ("licence footer", re.compile(
        r"(?:all\s+)?(?:(?:content|contents|articles?|material|text)(?:\s+published)?\s+(?:by|from|of|on)\s+(?P<outlet>.{2,80}?)"
        r"|this\s+(?:work|article|story|content))\s+(?:is|are)\s+(?:licen[cs]ed|available|published)\s+under\b.{0,200}", re.I)),
    # "© 2023 Example Media. All rights reserved." / "Copyright 2021 X"
    ("copyright footer", re.compile(
        r"(?:©|\(c\)|copyright\b)\s*©?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?P<outlet>[^.|©\d][^.|©]{1,59}?)\s*[.,]?\s*(?:all rights reserved\.?)?", re.I)),
    # "Source » outlet", "Source: outlet", "Via: outlet" (a short credit line, not a sentence)
    ("source line", re.compile(r"(?:source|via)\s*[:»›|–—]\s*(?P<outlet>[^\s:»›|].{0,59}?)\s*\.?", re.I)),
    # "This article was originally published by X" / "Republished from X"
    ("syndication footer", re.compile(
        r"(?:this\s+(?:article|story|piece)\s+(?:was\s+|is\s+|has\s+been\s+)?(?:originally\s+|first\s+)?(?:published|appeared|posted)\s+(?:by|at|on|in)"
        r"|originally\s+published\s+(?:by|at|on|in)|republished(?:\s+with\s+permission)?\s+from)\s+.{2,120}?", re.I)),
    # "Read more: <headline>", "See also - <headline>", "READ MORE: ..."
    ("related-article teaser", re.compile(
        r"(?:read\s+more|read\s+also|also\s+read|see\s+also|read\s+next|related(?:\s+(?:article|story|news))?|more\s+on\s+this(?:\s+story)?|recommended)"
        r"\s*[:»|–—>]\s*\S.{0,250}", re.I)),
    # "You may also like", "Related articles", "Most read" (a heading over a list of links)
    ("related-articles prompt", re.compile(
        r"(?:you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested\s+in|enjoy)|related(?:\s+(?:articles?|stories|news|posts|coverage|content))?"
        r"|more\s+(?:stories|news|articles)(?:\s+from\s+.{1,40})?|more\s+from\s+(?:\w+\s*){1,4}|read\s+next|recommended(?:\s+for\s+you|\s+stories|\s+articles)?|most\s+(?:read|popular|viewed)"
        r"|trending(?:\s+now)?|editor'?s\s+picks|top\s+stories|latest\s+news)\s*:?", re.I)),
    # "Leave a Comment", "Post a comment", "12 comments", "Comments are closed"
    ("comment prompt", re.compile(
        r"(?:leave\s+a\s+(?:comment|reply)|post\s+a\s+comment|add\s+(?:a|your)\s+comment|write\s+a\s+comment|\d*\s*comments?|show\s+comments"
        r"|view\s+comments|join\s+the\s+(?:conversation|discussion)|be\s+the\s+first\s+to\s+comment|comments\s+are\s+closed)\s*[.:!]?", re.I)),
    # "To download the video file click here", "Click here to watch", "Video player is loading"
    ("download prompt", re.compile(
        r"(?:to\s+(?:download|watch|view|play|listen\s+to)\s+(?:the\s+|this\s+)?(?:video|audio|podcast|file|video\s+file|audio\s+file)\b.{0,40}?click\s+here"
        r"|click\s+here\s+to\s+(?:download|watch|view|play|listen|read|subscribe)\b.{0,80}|(?:download|watch|play|listen\s+to)(?:\s+the|\s+this)?\s+(?:video|audio|podcast)(?:\s+here|\s+now|\s+below)?"
        r"|video\s+player\s+is\s+loading)\s*[.!:]?", re.I)),
    # "Sign up for our newsletter ...", "Follow us on Telegram"
    ("newsletter prompt", re.compile(
        r"(?:(?:sign\s+up|subscribe)\b.{0,100}\b(?:newsletter|updates|inbox|free)\b.{0,60}|get\s+.{1,60}\bin\s+your\s+inbox\.?|follow\s+(?:us|.{1,40}?)\s+on\s+(?:twitter|facebook|instagram|telegram|x|google\s+news|social\s+media)\b.{0,60})", re.I)),
    # "Share  Tweet  Email", "Facebook | Twitter | WhatsApp"
    ("share buttons", re.compile(
        r"(?:(?:share(?:\s+this(?:\s+article|\s+story)?)?|tweet|email|e-mail|print|facebook|twitter|whatsapp|linkedin|telegram|reddit|pinterest|copy\s+link|messenger)\s*[|·•,:]?\s*){1,8}", re.I)),
    # "Advertisement", "Story continues below advertisement"
    ("advertisement marker", re.compile(
        r"(?:advertisement|advertising|sponsored(?:\s+content)?|story\s+continues\s+below(?:\s+advertisement)?|scroll\s+to\s+continue(?:\s+with\s+content)?)", re.I)),
    # The attribution line of an embedded tweet: "— Name (@handle) June 21, 2023"
    ("embedded social-media post", re.compile(rf"[—–-]+\s*[^\n]{{0,80}}?\(@\w{{1,30}}\)\s+{MONTH}\.?\s+\d{{1,2}},\s+\d{{4}}")),
    # An embedded Instagram post: "A post shared by Name (@handle) on ..."
    ("embedded social-media post", re.compile(r"a\s+post\s+shared\s+by\s+.{1,80}?\(@[\w.]{1,30}\)(?:\s+on\s+.{1,60})?", re.I)),
    # Tweet text as embedded: it carries a pic.twitter.com or t.co link
    ("embedded social-media post", _Gated(re.compile(r".{0,400}?(?:pic\.twitter\.com/\w+|https?://t\.co/\w+)\s*", re.S), "pic.twitter", "t.co/")),
    # "By NAME – OUTLET", "By NAME and NAME, OUTLET", "By NAME"
    ("byline (kept as metadata)", re.compile(rf"by\s+(?P<author>{_NAMES})\s*(?:(?:[–—|,]|\s-\s)\s*(?P<outlet>\S.{{0,60}}?))?\s*\.?", re.I)),
    # "Written by NAME", "Author: NAME"
    ("byline (kept as metadata)", re.compile(rf"(?:written\s+by|author|reporter)\s*:?\s+(?P<author>{_NAMES})\s*\.?", re.I)),
    # Wire credits: "(Reporting by NAME; Editing by NAME)"
    ("credits footer", re.compile(rf"\(?(?:(?P<lead>reporting|writing)\s+by\s+(?P<author>{_NAMES})\b.{{0,200}}?|(?:additional\s+reporting|editing)\s+by\b.{{1,200}}?)\)?", re.I)),
    # A byline without "By": "NAME · City Hall reporter", "NAME, Correspondent | 12 March 2024, 19:30"
    ("byline (kept as metadata)", _Gated(re.compile(
        rf"(?P<author>{_NAME})(?:,\s*[^|·•\n]{{1,40}})?\s*[|·•]\s*(?=[^\n]*(?:\d{{4}}|reporter|correspondent|editor|writer|columnist|staff|min\s+read))[^\n]{{1,80}}"), "|", "·", "•")),
    # A date alone on its line above the body: "March 12, 2024", "8 April 2024"
    ("publication date line", re.compile(
        rf"(?P<date>(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:{MONTH}\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH}\.?,?\s+\d{{4}})(?:,?\s+\d{{1,2}}:\d{{2}}(?:\s*[AaPp]\.?[Mm]\.?)?)?)")),
    # "Distributed to X under a syndication agreement", "further reproduction is not permitted"
    ("syndication footer", re.compile(
        r"(?:(?:distributed|syndicated|republished|reproduced)\b.{0,150}\b(?:agreement|permission|licen[cs]e)\b.{0,150}"
        r"|(?:further\s+)?(?:reproduction|redistribution)\s+(?:is\s+)?(?:not\s+permitted|prohibited|forbidden).{0,40})", re.I)),
    # "The X Voice is an independent regional newspaper serving ... since 1987."
    ("about-the-outlet footer", _Gated(re.compile(
        r"(?:The\s+)?[A-Z][\w&'’\-]*(?:\s+[A-Z][\w&'’\-]*){0,5}\s+is\s+an?\s+(?:[\w\-]+\s+){0,4}(?:newspaper|news\s+(?:site|agency|outlet|organi[sz]ation|website|service)|magazine|broadcaster|publication|media\s+(?:company|outlet|group))\b[^\n]{0,150}"), " is a")),
    # "Subscribers can read our full analysis ...", "Contact the newsroom"
    ("subscription prompt", re.compile(r"subscribers\s+can\s+(?:read|access|get|see)\b.{0,150}|subscribe(?:\s+now)?|contact\s+the\s+newsroom|(?:send|email)\s+us\s+(?:a\s+)?(?:tip|story\s+tip)s?\b.{0,60}", re.I)),
    # A market ticker: "Index 84.10 ▲ 0.6% · ..."
    ("market ticker", _Gated(re.compile(r"[^\n]{0,200}[▲▼][^\n]{0,200}"), "▲", "▼")),
    # "Published: June 21, 2023", "Updated on 21/06/2023 10:30"
    ("publication date line", re.compile(
        r"(?:published|posted|updated|last\s+updated|first\s+published)(?:\s+on|\s+at)?\s*:?\s*(?P<date>[^\n]{0,40}?\d[^\n]{0,30}?)", re.I)),
]

_GATES: tuple[tuple[int, tuple[str, ...]], ...] = tuple(
    (k, pattern.hints) for k, (_, pattern) in enumerate(_BLOCK_PATTERNS) if isinstance(pattern, _Gated)
)
"""(pattern index, hints) of the gated patterns."""
_GATE_HINTS = tuple(hint for _, hints in _GATES for hint in hints)


def _open_gates(lower: str) -> frozenset[int]:
    """The gated patterns whose hints the lower-cased block holds (usually none: one
    C-level pass over all hints first)."""
    if not any(map(lower.__contains__, _GATE_HINTS)):
        return frozenset()
    return frozenset(k for k, hints in _GATES if any(map(lower.__contains__, hints)))


@lru_cache(maxsize=None)  # at most 2 ** len(_GATES) entries, a handful in practice
def _block_regex(open_gates: frozenset[int]) -> tuple[re.Pattern[str], dict[int, list[tuple[str, str]]]]:
    """``_BLOCK_PATTERNS`` as one regex, ``(?P<_0>p0)|(?P<_1>p1)|...``, leaving out the gated
    patterns whose gate is closed; each pattern's flags are scoped to its alternative and
    its named groups renamed ``name_k``.

    A fullmatch of an alternation tries the alternatives in order, and an alternative wins
    only if it matches the whole block, so the winner is the first pattern that
    fullmatches on its own, with the same groups: one regex call per block instead of one
    per pattern (the per-call overhead was most of the cost).

    Returns the regex and, per pattern index, its (group name, merged group name) pairs."""
    alternatives, groups = [], {}
    for k, (_, pattern) in enumerate(_BLOCK_PATTERNS):
        if isinstance(pattern, _Gated):
            if k not in open_gates:
                continue
            pattern = pattern.pattern
        extra = pattern.flags & ~(re.I | re.S | re.U)
        if extra or "(?P=" in pattern.pattern:
            raise ValueError(f"pattern {k} cannot be merged (flags {extra} or a named back-reference)")
        body = re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{m.group(1)}_{k}>", pattern.pattern)
        inline = ("i" if pattern.flags & re.I else "") + ("s" if pattern.flags & re.S else "")
        alternatives.append(f"(?P<_{k}>(?{inline}:{body}))" if inline else f"(?P<_{k}>{body})")
        groups[k] = [(name, f"{name}_{k}") for name in pattern.groupindex]
    return re.compile("|".join(alternatives)), groups


# Photo captions: a short block that ends in a photo credit ("[Name/AGENCY]", "(Photo: X)",
# "(AP Photo/Name)", "Photo: X | Getty Images") or starts with "Photo:" / "Image:".
_CAPTION = re.compile(
    r"(?:(?:photo|image|picture|photograph|file\s+photo|photo\s+credit|caption)\s*[:|].{2,380}"
    r"|.{2,380}?(?:\[[^\[\]\n]{2,80}/[^\[\]\n]{2,60}\]|\((?:AP\s+|AFP\s+|file\s+)?(?:photo|image|picture)\b[^()]{0,80}\)"
    r"|[|/]\s*(?:getty\s+images|shutterstock|alamy)|(?:photo|image)\s*:\s*[^.]{2,60}))\s*", re.I | re.S)
# Cheap tests (substrings of the lower-cased text; case-insensitive regex alternations are
# ten times slower) before the costly patterns. A caption has a bracket or a photo word:
_CAPTION_HINTS = ("[", "(", "|", "photo", "image", "picture", "caption", "getty", "shutterstock", "alamy")
# The sentence-level debris kinds (licence, copyright, syndication, embedded posts, photo
# credits) all carry one of these:
_SENTENCE_DEBRIS_HINTS = ("licensed", "licenced", "©", "copyright", "(c)", "reproduc", "distributed", "syndicat",
                          "republished", "pic.twitter", "t.co/", "(@", "]", "photo")
# Alt text glued to the caption that follows it: "...in the backgroundVolunteers walk ..."
_GLUED = re.compile(r"[a-z][A-Z]")

# A breadcrumb trail: "Home » World » Europe" (three or more short parts, or two from "Home").
_CRUMB_SEPARATOR = re.compile(r"\s+[»›>/|]\s+")
_CRUMB_START = re.compile(r"(?:home|homepage|news|start)\b", re.I)
MAX_CRUMB_WORDS = 14

# A name-only line (portrait caption): two to four capitalised words, nothing else.
_NAME_ONLY = re.compile(r"[A-Z][a-zà-ÿ'’\-]+(?:\s+(?:[A-Z][a-zà-ÿ'’\-]+|[A-Z]\.)){1,3}")
_FUNCTION_WORDS = frozenset("the a an of and or in on at to for with from by is are was were be".split())

# Sentence ends: after . ! ? (optionally closed by a quote or bracket), before a capital.
_SENTENCE_END = re.compile(r"(?<=[.!?…][\"”’)\]])\s+(?=[\"“‘(\[#]?[A-Z0-9])|(?<=[.!?…])\s+(?=[\"“‘(\[#]?[A-Z0-9])|(?<=\])\s+(?=[A-Z])")
# Paragraph gaps inside a flattened line: two or more spaces after a sentence end.
_PARAGRAPH_GAP = re.compile(r"(?<=[.!?…\"”’)\]])[ \t]{2,}(?=\S)")
TAIL_WINDOW = 60  # the prompts below are short: only the end of a block is searched
# Prompts glued to the end of a flattened article, without punctuation between them.
_TAIL_PROMPT = re.compile(
    r"(?:^|\s)(?P<prompt>you\s+(?:may|might)\s+also\s+like|leave\s+a\s+(?:comment|reply)|post\s+a\s+comment|related\s+(?:articles|stories)"
    r"|share\s+this\s+(?:article|story)|advertisement)\s*[.:!]?\s*$", re.I)

# Zero-width characters and soft hyphens: invisible, but they break word matching.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_FINAL_PUNCT = ".!?:;,\"”’)…"


# Where an outlet name came from, most trusted first.
# A copyright holder is often the parent company ("X Media Ltd"), so it ranks below the
# site's own name.
OUTLET_SOURCES = ("record", "licence footer", "source line", "byline", "site name", "copyright footer", "url")


@dataclass
class _Found:
    """Metadata found in the debris while cleaning."""

    outlets: dict[str, str] = field(default_factory=dict)  # outlet_source -> name
    author: str | None = None
    published: str | None = None


def clean(raw: RawDocument, max_chars: int | None = None) -> Document:
    """Debris out, metadata in. ``raw.text`` (or ``raw.html`` through trafilatura).

    What reading repaired (``ReadDocument.notes``) and the control characters taken out
    open the ``removed`` list. With ``max_chars``, text past it is cut first, at a sentence
    end, and the cut closes the list: cleaning and analysis then see a bounded text.
    Raises ``Unreadable`` when a too-long text has no break to cut it at."""
    if raw.text is None and raw.html:
        from .read.html import raw_from_html

        raw = raw_from_html(raw.html, doc_id=raw.id, source_path=raw.source_path, url=raw.url,
                            title=raw.title, author=raw.author, published=raw.published, outlet=raw.outlet)
    notes = list(raw.notes) if isinstance(raw, ReadDocument) else []
    body = raw.text or ""
    cut: Removed | None = None
    if max_chars is not None and len(body) > max_chars:
        body, tail = cut_at_sentence(body, max_chars)
        cut = limit_note(tail, f"{len(tail):,} characters cut", "max_document_chars", f"{max_chars:,} characters")
    body, controls = strip_controls(body)
    if controls:
        notes.append(controls)
    if raw.title and CONTROLS.search(raw.title):
        raw = raw.model_copy(update={"title": strip_controls(raw.title)[0]})
    blocks = split_blocks(body)
    found = _Found()
    removed: list[tuple[int, Removed]] = []  # (block index, piece): sorted into reading order
    keep = [True] * len(blocks)
    reason_of: dict[int, str] = {}

    def drop(i: int, reason: str) -> None:
        keep[i] = False
        reason_of[i] = reason
        removed.append((i, Removed(text=blocks[i], reason=reason)))

    title = _strip_head(blocks, keep, drop, raw.title, found)
    for i, block in enumerate(blocks):
        if keep[i]:
            reason = _classify_block(block, found)
            if reason:
                drop(i, reason)
    _drop_context(blocks, keep, drop, reason_of)
    paragraphs = []
    for i, block in enumerate(blocks):
        if keep[i]:
            pieces: list[Removed] = []
            rest = _clean_sentences(block, pieces, found)
            removed.extend((i, piece) for piece in pieces)
            if rest:
                paragraphs.append(rest)
    removed.sort(key=lambda item: item[0])  # found in several passes: report in reading order

    text, headings = _assemble(paragraphs, set(raw.headings))
    outlet, outlet_source = _choose_outlet(raw, found)
    return Document(
        id=raw.id,
        source_path=raw.source_path,
        url=raw.url,
        title=title,
        outlet=outlet,
        outlet_source=outlet_source,
        author=raw.author or found.author,
        dateline=next(filter(None, map(find_dateline, paragraphs[:DATELINE_PARAGRAPHS])), None),
        published=normalise_date(raw.published) or found.published,
        text=text,
        headings=headings,
        removed=[*notes, *(piece for _, piece in removed), *([cut] if cut else [])],
    )


# --- blocks ----------------------------------------------------------------------------


def split_blocks(text: str) -> list[str]:
    """Lines as blocks, whitespace normalised; a line holding several paragraphs (an article
    flattened into one line keeps its paragraph gaps as runs of spaces) is cut at the gaps."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(chr(c) in text for c in _INVISIBLE):  # rare: translate only when needed (it is slow)
        text = text.translate(_INVISIBLE)
    blocks = []
    for line in text.split("\n"):
        for part in _PARAGRAPH_GAP.split(line) if "  " in line or "\t" in line else (line,):
            part = " ".join(part.split())  # str.split knows every Unicode space (NBSP, thin, ...)
            if part:
                blocks.append(part)
    return blocks


def _more_words_than(text: str, limit: int) -> bool:
    """``len(text.split()) > limit`` without splitting a long paragraph into all its words."""
    return len(text.split(None, limit)) > limit


def _norm(text: str) -> str:
    """For comparing lines: case, punctuation and spacing do not count."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _strip_head(blocks, keep, drop, given_title: str | None, found: _Found) -> str | None:
    """Breadcrumbs, bylines and date lines above the body; the title (given, or the first
    line when the evidence says so) and its repeats; a name-only caption under the title."""
    crumb_title = None
    title = given_title.strip() if given_title and given_title.strip() else None
    title_found = False
    for i in range(min(LEADING_BLOCKS, len(blocks))):
        if not keep[i]:
            continue
        block = blocks[i]
        if title and _norm(block) == _norm(title):
            drop(i, "title (kept as metadata)" if not title_found else "repeated title")
            title_found = True
            continue
        if crumb := _breadcrumb_last(block):
            crumb_title = crumb
            drop(i, "breadcrumb")
            continue
        reason = _classify_block(block, found)
        if reason:
            drop(i, reason)
            continue
        if title is None and _looks_like_title(blocks, keep, i, crumb_title):
            title = block
            title_found = True
            drop(i, "title (kept as metadata)")
            continue
        if title_found and _is_name_only(block) and _next_kept(blocks, keep, i) is not None:
            drop(i, "image caption (name only)")
            continue
        break  # the body starts here
    return title


def _next_kept(blocks, keep, i) -> str | None:
    for j in range(i + 1, len(blocks)):
        if keep[j]:
            return blocks[j]
    return None


def _next_body(blocks, keep, i) -> str | None:
    """The next block that is not debris (date and byline lines sit between title and body)."""
    for j in range(i + 1, min(i + 1 + LEADING_BLOCKS, len(blocks))):
        if keep[j] and not _classify_block(blocks[j], _Found()) and not _breadcrumb_last(blocks[j]):
            return blocks[j]
    return None


def _breadcrumb_last(block: str) -> str | None:
    """The last part of a breadcrumb trail (often the headline), or None if not a trail."""
    parts = _CRUMB_SEPARATOR.split(block)
    if len(parts) < 2 or any(_more_words_than(p, MAX_CRUMB_WORDS) or not p for p in parts):
        return None
    if len(parts) >= 3 or _CRUMB_START.fullmatch(parts[0]):
        return parts[-1]
    return None


def _looks_like_title(blocks, keep, i, crumb_title: str | None) -> bool:
    """The first line is a title when the evidence says so: it is repeated as the next line,
    or it is the last part of the breadcrumb, or it is headline-shaped (short, no final
    period) and a body paragraph follows."""
    block = blocks[i]
    following = _next_body(blocks, keep, i)
    if following is None or _more_words_than(block, MAX_TITLE_WORDS) or DATELINE.match(block):
        return False
    if _norm(following) == _norm(block) or (crumb_title and _norm(crumb_title) == _norm(block)):
        return True
    if block[-1] in _FINAL_PUNCT or not block[0].isupper() and not block[0].isdigit():
        return False
    # a body paragraph follows: a sentence, longer than the candidate
    return following[-1] in ".!?\"”’)…" and len(following) > len(block)


def _is_name_only(block: str) -> bool:
    return bool(_NAME_ONLY.fullmatch(block)) and not any(w.lower() in _FUNCTION_WORDS for w in block.split())


# --- debris ----------------------------------------------------------------------------


def _classify_block(block: str, found: _Found) -> str | None:
    """The debris reason for a whole block (or sentence), collecting metadata; None if body."""
    if len(block) > MAX_DEBRIS_CHARS:
        return None
    lower = block.lower()
    regex, groups = _block_regex(_open_gates(lower))
    match = regex.fullmatch(block)
    if match:
        index = int(match.lastgroup[1:])  # the alternative's wrapper group closes last
        reason = _BLOCK_PATTERNS[index][0]
        _collect(reason, {name: match.group(merged) for name, merged in groups[index]}, found)
        return reason
    if (
        len(block) <= MAX_CAPTION_CHARS
        and _may_be_caption(block)
        and any(map(lower.__contains__, _CAPTION_HINTS))
        and _CAPTION.fullmatch(block)
    ):
        return "photo caption (alt text glued to caption)" if _GLUED.search(block) else "photo caption"
    return None


def _may_be_caption(block: str) -> bool:
    """A necessary condition for ``_CAPTION`` to match, far cheaper than trying it on every
    paragraph that has a bracket: the caption forms either hold ':' or '|' (a "Photo:"
    label, an agency after '|'), or '/' (an agency after '/', a "[Name/AGENCY]" credit), or
    end with the closing bracket of a credit."""
    end = block.rstrip()[-1:]
    return end == ")" or end == "]" or ":" in block or "|" in block or "/" in block


def _has_any(text: str, hints: tuple[str, ...]) -> bool:
    return any(map(text.lower().__contains__, hints))


def _collect(reason: str, groups: dict[str, str | None], found: _Found) -> None:
    outlet = groups.get("outlet")
    if reason.startswith("byline") or reason == "credits footer":
        if groups.get("author") and not found.author:  # the first byline names the author
            found.author = groups["author"].strip()
        if outlet and _has_date(outlet):  # "By NAME | June 21, 2023": a date, not an outlet
            found.published = found.published or normalise_date(outlet)
            outlet = None
    # a time alone ("Updated 9:06 AM") or an age ("2 hours ago") says no day: dateparser
    # reads it as today, the day the page is read, not the day it was written
    if reason == "publication date line" and not found.published and _has_date(groups["date"]):
        found.published = normalise_date(groups["date"])
    if outlet:
        source = reason.replace(" (kept as metadata)", "")
        found.outlets.setdefault(source, normalise_outlet(outlet))


def _has_date(text: str) -> bool:
    return bool(re.search(rf"\d{{4}}|{MONTH}\.?\s+\d", text))


def _drop_context(blocks, keep, drop, reason_of: dict[int, str]) -> None:
    """Debris known by its neighbours: the text of an embedded tweet (the block before its
    attribution line), the headlines listed under "You may also like" / "Most read", and a
    block printed twice in a row (the second copy)."""
    last_kept: int | None = None
    in_link_list = False
    for i, block in enumerate(blocks):
        if in_link_list and keep[i] and _is_link_line(block):
            drop(i, "related-article link")
            continue
        in_link_list = not keep[i] and reason_of.get(i) == "related-articles prompt"
        if not keep[i]:
            # the tweet's text is the block right above its attribution line, unless that
            # block was already recognised (by its pic.twitter.com link)
            if i > 0 and keep[i - 1] and _is_tweet_attribution(block) and len(blocks[i - 1]) <= MAX_TWEET_CHARS:
                drop(i - 1, "embedded social-media post")
                last_kept = None
            continue
        if last_kept is not None and blocks[last_kept] == block:
            drop(i, "repeated paragraph")
            continue
        last_kept = i


def _is_link_line(block: str) -> bool:
    """A headline in a list of links: short, no final period, maybe numbered ("1. ...")."""
    block = re.sub(r"^\d{1,2}[.)]\s+", "", block)
    return bool(block) and not _more_words_than(block, MAX_TITLE_WORDS) and block[-1] not in ".!\"”’)…:;,"


def _is_tweet_attribution(block: str) -> bool:
    return bool(re.fullmatch(rf"[—–-]+\s*[^\n]{{0,80}}?\(@\w{{1,30}}\)\s+{MONTH}\.?\s+\d{{1,2}},\s+\d{{4}}", block))


def _clean_sentences(block: str, removed: list[Removed], found: _Found) -> str:
    """Debris inside a block of several sentences (a flattened article): whole sentences that
    are debris, and link prompts glued to its end."""
    while _may_end_in_prompt(block) and (match := _TAIL_PROMPT.search(block, max(0, len(block) - TAIL_WINDOW))):
        if match.start("prompt") == 0:
            break
        removed.append(Removed(text=match.group("prompt"), reason="end-of-page prompt"))
        block = block[: match.start()].rstrip()
    if not _has_any(block, _SENTENCE_DEBRIS_HINTS):
        return block
    sentences = _SENTENCE_END.split(block)
    if len(sentences) < 2:
        return block
    kept = []
    for sentence in sentences:
        reason = _classify_sentence(sentence, found)
        if reason:
            removed.append(Removed(text=sentence, reason=reason))
        else:
            kept.append(sentence)
    return " ".join(kept)


_PROMPT_LAST_LETTERS = frozenset("etysETYS\u017f")
"""What the words that end ``_TAIL_PROMPT``'s prompts (like, comment, reply, articles,
stories, story, advertisement) can end with under re.IGNORECASE: their last letters in
either case, and the long s that matches 's'."""


def _may_end_in_prompt(block: str) -> bool:
    """A necessary condition for ``_TAIL_PROMPT`` (a prompt word, then at most one of '.:!'
    and spaces) that rejects most paragraphs without running the regex."""
    return block.rstrip().rstrip(".:!").rstrip()[-1:] in _PROMPT_LAST_LETTERS


def _classify_sentence(sentence: str, found: _Found) -> str | None:
    """Only the debris kinds that are unmistakable as a single sentence inside a paragraph:
    licence, copyright and syndication footers, photo credits, embedded posts."""
    reason = _classify_block(sentence, _Found())
    if reason in {"licence footer", "copyright footer", "syndication footer", "embedded social-media post"} or (reason or "").startswith("photo caption"):
        _classify_block(sentence, found)  # now collect its metadata
        return reason
    return None


# --- metadata --------------------------------------------------------------------------


def _choose_outlet(raw: RawDocument, found: _Found) -> tuple[str | None, str | None]:
    candidates = dict(found.outlets)
    if raw.outlet:
        candidates.setdefault(raw.outlet_source or "record", raw.outlet)
    if raw.url:
        host = urlparse(raw.url).hostname or ""
        if host:
            candidates.setdefault("url", host.removeprefix("www."))
    for source in OUTLET_SOURCES:
        if candidates.get(source):
            return candidates[source], source
    return None, None


# --- assembly --------------------------------------------------------------------------


def _assemble(paragraphs: list[str], marked_headings: set[str]) -> tuple[str, list[Heading]]:
    """Paragraphs joined by blank lines; headings (marked by the source, or short lines
    without final punctuation between paragraphs) recorded with their spans."""
    headings = []
    offset = 0
    for i, paragraph in enumerate(paragraphs):
        between = 0 < i < len(paragraphs) - 1
        if paragraph in marked_headings or (between and _looks_like_heading(paragraph)):
            headings.append(Heading(text=paragraph, start=offset, end=offset + len(paragraph)))
        offset += len(paragraph) + 2
    return "\n\n".join(paragraphs), headings


def _looks_like_heading(paragraph: str) -> bool:
    """Short, one sentence, starts with a capital, no final punctuation except '?'."""
    if _more_words_than(paragraph, MAX_HEADING_WORDS) or not paragraph[0].isupper():
        return False
    if paragraph[-1] in ".!:;,\"”’)…":
        return False
    return len(_SENTENCE_END.split(paragraph)) == 1
