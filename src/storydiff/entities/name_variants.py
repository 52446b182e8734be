"""Forms of one name that the spelling joins of ``linking`` leave apart: a one-letter typo
in a multiword name of a place or body ("Gulf of Eden" for "Gulf of Aden")."""

from __future__ import annotations

from .mentions import _Mention
from .names import FUNCTION_WORDS, SURNAME_DOMINANCE

TYPO_MIN_LETTERS = 4
"""A typo is taken only in a word of at least this many letters: in "Camp 7" / "Camp 8" or
"Lake Orm" / "Lake Arm" one letter is a different name, not a slip."""


def join_typos(nodes: list[str], by_node: dict[str, list[_Mention]], uf) -> None:
    """A multiword name of a place or body that differs from another such name in one
    letter of one long word, the other words the same, is that name when the story writes
    the other form SURNAME_DOMINANCE times as often (a slip is rare beside the name it
    misspells; two real names written as often stay apart: "Fort Hood" / "Fort Wood")."""
    by_shape: dict[tuple, list[str]] = {}
    for n in nodes:
        cls, key = n.split("|", 1)
        words = key.split()
        if cls == "person" or len(words) < 2 or sum(w not in FUNCTION_WORDS for w in words) < 2:
            continue
        by_shape.setdefault(len(words), []).append(n)  # a place tagged as a body once: the tags vary
    written: dict[str, int] = {}  # mentions per name already joined (one name under several tags)
    for n in nodes:
        written[uf.find(n)] = written.get(uf.find(n), 0) + len(by_node[n])
    for ns in by_shape.values():
        for i, x in enumerate(ns):
            for y in ns[i + 1:]:
                if not _one_letter_apart(x.split("|", 1)[1].split(), y.split("|", 1)[1].split()):
                    continue
                rx, ry = uf.find(x), uf.find(y)
                if rx != ry and max(written[rx], written[ry]) >= SURNAME_DOMINANCE * min(written[rx], written[ry]):
                    total = written[rx] + written[ry]
                    uf.union(x, y)
                    written[uf.find(x)] = total


def _one_letter_apart(a: list[str], b: list[str]) -> bool:
    differ = [(x, y) for x, y in zip(a, b) if x != y]
    if len(differ) != 1:
        return False
    x, y = differ[0]
    # one letter written for another: a letter added or dropped at the end is often another
    # word of the name's family ("German" / "Germany", "Kelt" / "Kelts"), not a slip
    return (len(x) == len(y) >= TYPO_MIN_LETTERS and x.isalpha() and y.isalpha()
            and sum(p != q for p, q in zip(x, y)) == 1)
