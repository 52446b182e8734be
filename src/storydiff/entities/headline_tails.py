"""Names that a headline's title case ran on into common words: "Woman Hurt in Dunmore
Crash" tagged "Dunmore Crash", "Board to Name Jo Velt Treasurer" tagged "Jo Velt
Treasurer". In a headline every word is capitalised, so the tagger cannot see where a
name ends. The story tells: it writes the name alone elsewhere ("in Dunmore"), and the
words after it in lower case ("the crash", "the treasurer"). Such a mention is cut to the
name the story knows; anything else is left as tagged (a miss costs less than a wrong
cut: "Dunmore Bank" is a name when the story never writes "bank" in lower case)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..model import Document
from .mentions import _Mention
from .names import FUNCTION_WORDS, _fold

HEADLINE_CAPITALISED_SHARE = 0.8
"""A line is a headline when at least this share of its words (short function words
aside) are capitalised; body sentences capitalise far fewer, even name-heavy ones."""
MIN_HEADLINE_LINE_WORDS = 3
"""Fewer words than this on a line ("Breaking News") say nothing of its case."""

_WORD = re.compile(r"(?<![\w'’.-])[A-Za-z][\w'’.-]*")
_LOWER_PART = re.compile(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])")


def _is_headline(line: str) -> bool:
    words = [w for w in _WORD.findall(line) if w.lower() not in FUNCTION_WORDS and w.lower() not in {"a", "an"}]
    if len(words) < MIN_HEADLINE_LINE_WORDS:
        return False
    return sum(w[0].isupper() for w in words) >= HEADLINE_CAPITALISED_SHARE * len(words)


def cut_headline_tails(mentions: list[_Mention], docs: list[Document]) -> None:
    """Cut, in place, each headline mention that is a name the story writes alone followed
    by words the story writes in lower case."""
    texts = {d.id: d.text for d in docs}
    in_headline: dict[int, bool] = {}

    def headline(m: _Mention) -> bool:
        if id(m) not in in_headline:
            text = texts.get(m.doc, "")
            lo = text.rfind("\n", 0, m.start) + 1
            hi = text.find("\n", m.end)
            in_headline[id(m)] = _is_headline(text[lo:hi if hi != -1 else len(text)])
        return in_headline[id(m)]

    candidates = [m for m in mentions if " " in m.text.strip() and headline(m)]
    # (a name the story also writes outside its headlines is a name, whatever its words)
    if not candidates:
        return
    known: dict[str, Counter] = defaultdict(Counter)  # a name the story writes outside headlines -> its tags
    for m in mentions:
        if not headline(m):
            known[m.key][m.label] += 1
    lower: set[str] | None = None
    for m in candidates:
        if m.key in known:
            continue
        words = list(_WORD.finditer(m.text))
        for k in range(len(words) - 1, 0, -1):
            head = m.text[:words[k - 1].end()].rstrip(".,;:")
            key = _fold(head)
            if key not in known:
                continue
            if lower is None:  # the story's words in lower case, read once and only when needed
                lower = set(_LOWER_PART.findall(" ".join(texts.values())))
            tail = [p.lower() for w in words[k:] for p in re.split(r"[-'’.]", w.group(0)) if p]
            if tail and all(p.isalpha() and p in lower for p in tail) and not all(p in FUNCTION_WORDS for p in tail):
                m.end = m.start + len(head)
                m.text, m.key = head, key
                m.label = known[key].most_common(1)[0][0]  # "Dunmore Crash" was tagged as an event
                break
