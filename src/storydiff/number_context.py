"""The words around a figure that say what it is: a score or a vote, a change, a range,
an address, a position in a series, a date. numbers.py reads figures with them."""

from __future__ import annotations

import re

SCORE_CONTEXT = {
    "won", "win", "wins", "winning", "beat", "beats", "beaten", "lost", "lose", "loses", "losing", "defeated",
    "defeat", "drew", "draw", "drawn", "tied", "tie", "edged", "thrashed", "routed", "rout", "victory", "lead",
    "led", "score", "scoreline", "vote", "votes", "voted", "voting", "passed", "approved", "rejected", "ruled",
    "ruling", "decision", "margin", "majority", "split", "series", "final", "triumph", "thrashing", "upset",
    "loss", "verdict", "backed", "defeating", "beating", "whitewash", "count",
}
"""Words near an 'N-M' that make it a score or a vote ('won 3-1', 'passed 92-6', 'a 5-4
decision'), both sides of which are values."""
CHANGE_WORDS = {
    "rose", "rise", "rises", "rising", "risen", "fell", "fall", "falls", "falling", "fallen", "up", "down",
    "increased", "increase", "increases", "decreased", "decrease", "gained", "gain", "gains", "lost", "added",
    "shed", "climbed", "climb", "jumped", "jump", "dropped", "drop", "slipped", "slid", "cut", "cuts", "raised",
    "raise", "lifted", "lowered", "grew", "grow", "growing", "surged", "soared", "plunged", "tumbled", "eased",
    "declined", "widened", "narrowed", "firmed", "weakened", "strengthened", "advanced", "retreated", "sank",
    "boosted", "trimmed", "reduced", "rallied", "higher", "lower", "by", "revised", "hiked",
}
"""Words before 'A to B' that make it a change, two values ('rose 4p to 118.5p'), not a
range."""
RANGE_VERBS = re.compile(r"\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying))\s+(?:\w+\s+){0,2}from\s*$", re.I)
"""'ranging from 5 to 10': a range; any other 'from A to B' is a change from A to B."""

STREET_WORDS = {
    "road", "rd", "street", "st", "avenue", "ave", "lane", "ln", "drive", "dr", "way", "boulevard", "blvd",
    "plaza", "place", "pl", "square", "sq", "court", "ct", "terrace", "crescent", "close", "row", "view",
    "parade", "highway", "hwy", "circle", "gardens", "mews", "quay", "wharf", "walk", "grove", "rise",
    "park", "heights", "hill",
}
"""The last word of an address ('49 Quarry Mill Road', '16-18 Weaver Lane')."""
STRONG_STREET_WORDS = {"road", "rd", "street", "st", "avenue", "ave", "lane", "drive", "boulevard", "blvd", "highway"}
"""Street words that are seldom anything else, for headlines in title case."""
STREET_PREFIXES = {"rue", "via", "calle", "avenida", "strada", "piazza", "plaza", "avenue", "boulevard", "place"}
"""The first word of an address in the continental style ('24 Rue de la Paix')."""
POSITION_WORDS = {
    "number", "no", "no.", "nos", "#", "exit", "junction", "route", "flight", "gate", "platform", "room",
    "chapter", "section", "article", "page", "episode", "season", "game", "level", "phase", "grade", "stage",
    "floor", "pier", "terminal", "bus", "channel", "row", "seat", "line", "verse", "clause", "paragraph",
    "item", "image", "photo", "figure", "table", "district", "ward", "precinct", "unit", "apartment", "suite",
    "category", "tier", "lot", "block", "division", "region", "zone", "interstate", "highway", "proposition",
}
"""A figure right after one of these names a thing ('exit 14', 'the number 23 shirt'), it
does not count."""
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}
ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"}
