"""Names: the vocabulary of names and titles, folding a name to its key, acronyms."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

KEPT_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}

# Types that can be the same thing under two NER labels (spaCy often says NORP for a
# movement named after its members, LOC/GPE/FAC for one place).
TYPE_CLASS = {
    "PERSON": "person",
    "ORG": "org", "NORP": "org",
    "GPE": "place", "LOC": "place", "FAC": "place",
}

# Lone capitalised words that NER tags as entities but that name nothing by themselves.
GENERIC_WORDS = {
    "state", "ministry", "interior", "government", "police", "court", "department", "office",
    "council", "parliament", "army", "party", "agency", "committee", "union", "organization",
    "organisation", "group", "administration", "president", "minister", "authorities", "videos",
    "video", "photo", "home", "comment", "source", "read", "more", "news", "media", "west",
    "east", "north", "south", "house", "cabinet", "republic", "federal",
}

EVENT_HEADS = frozenset(
    "shooting killing stabbing attack crash incident investigation inquiry probe hearing trial "
    "meeting ceremony funeral vigil rally protest "
    "ouster resignation dismissal firing departure arrest death".split()
)
"""Nouns for what happens, not who acts: "the <city> mass shooting", "looking into the
incident as a deadly conduct investigation" describe an event, never an actor (the place
or the agency named beside them is no "shooting" or "investigation"): no mention, no label.
What happens to a person ("helped engineer his ouster, X"; "after her arrest") is an event
too: a name the parser sets beside it is no ouster."""

# Words an acronym may skip when matched against a name's initials.
FUNCTION_WORDS = {"of", "the", "and", "for", "against", "in", "on", "to", "at", "&", "de", "du", "des", "la", "le"}
# Transliteration particles inside names (Mujahedin-e Khalq, Hezb-e, Ansar al-...).
PARTICLES = {"e", "i", "al", "el", "ul", "ud", "ad", "bin", "ibn", "van", "von", "der", "y"}
# Words an organisation's name may carry or drop without naming another body; an acronym
# may also add or drop their initial ("-O" for Organization). "Committee": news writes
# "the Harbour Oversight and Finance committees", and the tagger keeps "Harbour
# Oversight" for the first; the rest of the name still has to match word for word.
GENERIC_SUFFIXES = {"organization", "organisation", "group", "movement", "party", "front", "society", "department",
                    "committee"}

# Title words: a capitalised run before a person's name that ends in one of these is a role.
ROLE_NOUNS = {
    "minister", "president", "prime", "chief", "director", "director-general", "general",
    "spokesperson", "spokesman", "spokeswoman", "secretary", "head", "leader", "chairman",
    "chairwoman", "chair", "governor", "mayor", "senator", "ambassador", "commander", "judge",
    "prosecutor", "attorney", "ceo", "founder", "official", "representative", "envoy",
    "king", "queen", "prince", "sheikh", "ayatollah", "pope", "bishop", "officer", "adviser",
    "advisor", "speaker", "deputy", "candidate", "rep.", "sen.", "gov.", "dr.", "professor",
    "editor", "analyst", "researcher", "coordinator", "manager", "captain", "colonel", "sergeant",
    "lawyer", "councillor", "councilor", "inspector", "superintendent", "commissioner", "nominee",
    "counsel", "chancellor", "premier", "congressman", "congresswoman", "sheriff", "dictator",
}
TRAILING_TITLES = {
    "president", "minister", "secretary", "director", "spokesman", "spokeswoman", "spokesperson",
    "chairman", "chairwoman", "governor", "senator", "ambassador", "official", "representative",
    "prosecutor", "ceo", "envoy", "commander", "adviser", "advisor", "spokesman", "nominee",
}
"""Title words that end no one's name: after a person's name they are caption or headline
debris ("Velt President"). Title words that are also surnames (King, Bishop, Judge) are
not among them."""
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "mr.", "mrs.", "ms.", "dr.", "sir", "dame", "lord", "lady"}
FEMALE_HONORIFICS = {"mrs", "ms", "miss", "dame", "lady"}
MALE_HONORIFICS = {"mr", "sir", "lord"}
GENDERED_WORDS = {
    **dict.fromkeys("she her hers herself wife mother daughter sister widow grandmother aunt niece "
                    "girlfriend congresswoman spokeswoman chairwoman businesswoman actress queen princess".split(), "f"),
    **dict.fromkeys("he him his himself husband father son brother widower grandfather uncle nephew "
                    "boyfriend congressman spokesman businessman king prince".split(), "m"),
}
GENDERED_PRONOUNS = frozenset("she her hers herself he him his himself".split())
"""Words that say whether a person named in full is a woman or a man: the pronoun that
takes the name up, a kinship or gendered title set beside it. Two people of one family
share a surname ("Ada Quell and her husband, Bram Quell"), and an outlet that writes
"Mrs. Quell" and "Mr. Quell" later tells them apart only so."""

SURNAME_DOMINANCE = 3
"""Two people of a story share a surname ("Dana Velt" and "Rob Velt"): a bare "Velt" goes to
the one named in full at least this many times as often (a document's own full names
weigh 3, the story's 1), or to the one whose title it carries ("President Velt"); otherwise
to nobody. News names the lesser of two namesakes by first or full name."""

# Spelling variants: every word of the shorter form must match a word of the longer one at
# least this well (rapidfuzz ratio, 0-100).  85 joins Valdor/Valdorr or Mohammed/Muhammad
# and keeps Court/Structure or Jon/John-like first names apart only when whole names differ.
WORD_MATCH = 85
# Whole-name similarity for variants of multiword names (token_sort_ratio).
NAME_MATCH = 88

SPELLED_OUT = [
    (re.compile(r"\b(?:united states|u s)\b"), "us"),
    (re.compile(r"\b(?:united kingdom|u k)\b"), "uk"),
    (re.compile(r"\b(?:united nations|u n)\b"), "un"),
    (re.compile(r"\bmt\b"), "mount"),
    (re.compile(r"^st\b(?= \w)"), "saint"),
    (re.compile(r"^ft\b(?= \w)"), "fort"),
]
"""Spellings of one name part that fold to one key: "U.S. Forest Service" is "United
States Forest Service", "Mt Cook" is "Mount Cook", "St. Aubin" is "Saint Aubin" (a leading
"St" only: a trailing one is a street)."""

COUNTRY_PREFIXES = {"us", "uk", "un", "eu"}
"""Folded country or union names that a body's name may carry or drop ("U.S. Surgeon General"
/ "Surgeon General") in an organisation's spelling variants."""

_SPELLED_HINT = re.compile(r"\b(?:united|u|mt|st|ft)\b")

INSTITUTION_LAST_WORDS = {
    "police", "department", "court", "council", "ministry", "committee", "agency", "office",
    "service", "patrol", "commission", "party", "university", "bank", "company", "corporation",
    "association", "union", "administration", "campaign", "team", "club", "authority", "board",
    "bureau", "institute", "foundation", "network", "navy", "army", "guard",
}
"""A name that ends in one of these is an organisation even when the tagger says PERSON
("Bloomington Police", "Trump campaign"): people are not named after institutions."""

LOCATIVE_WORDS = {"in", "at", "near", "into", "across", "outside", "inside", "toward", "towards"}
"""A one-word name right after one of these reads as a place: a name that mostly does is
never joined to a person who carries it as a surname."""

LEGAL_FORMS = {
    "inc", "incorporated", "corp", "corporation", "co", "ltd", "limited", "llc", "plc", "ag", "sa",
    "gmbh", "nv", "bv", "lp", "llp", "pty", "spa", "ab", "asa", "oyj",
}
"""Folded words that say a company's legal form ("Inc.", "Corp.", "Ltd", "plc"): news writes a
company's name with or without them ("Veltrix Corp." / "Veltrix Corporation" / "Veltrix")."""

COMPANY_WORDS = {
    "technologies", "technology", "systems", "industries", "international", "holdings", "group",
    "enterprises", "laboratories", "labs", "networks", "communications", "pharmaceuticals",
    "motors", "airlines", "airways", "software", "electronics", "semiconductor", "semiconductors",
    "entertainment", "brands", "telecom", "solutions", "dynamics", "devices",
}
"""Words that end a company's full name and that later mentions drop ("Qorvane Technologies"
/ "Qorvane"): a one-word name joins the one longer company name that is it plus these."""

PLACE_WORDS = {"province", "region", "prefecture", "governorate", "oblast", "island"}
"""Words after a place's name that news writes or drops ("Keltra Province" / "Keltra",
"Morvala Island" / "Morvala"). Not
"county", "city" or "state": "Orange County" and the city of Orange, Washington State and
Washington are two places."""

PART_OF_PLACE_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                       "northeast", "northwest", "southeast", "southwest", "upper", "lower", "inner", "outer",
                       "greater", "rural", "downtown", "suburban", "coastal"}
"""Words that, written in lower case before a place, name a part of it ("northern
Keltra" is the north of Keltra, not "Northern Keltra"): no lower-case first word of a
longer name (``linking._join_lower_case_first_word``)."""

PLACE_FIRST_WORDS = {"mount", "mt", "mt.", "lake", "cape", "gulf", "fort", "glacier", "mountains", "isle"}
"""First words of a place's name ("Mount Halvik", "Lake Orm", "Cape Vell"): a name that
starts with one is a place even when the tagger says PERSON. ("Port", "Bay", "River" are
also surnames or first names: not here.)"""

VESSEL_PREFIXES = {
    "hms", "uss", "ins", "hmas", "hmcs", "hmnzs", "usns", "rfa", "mv", "rv", "fv", "pns", "tcg", "ss", "ms", "lv",
}
"""Prefixes of a ship's name (navy and merchant): "HMS Dauntlow" is "the Dauntlow"."""

VESSEL_NOUNS = {
    "warship", "frigate", "destroyer", "corvette", "cruiser", "submarine", "freighter", "trawler", "gunboat",
    "battleship", "minesweeper",
}
"""Kinds of ship written before a ship's name ("Frigate Dauntlow, deployed on patrol, ..."):
the tagger takes the capitalised noun into the name; the name starts after it."""

INVERTIBLE_BODY_WORDS = {"department", "ministry", "bureau", "agency", "commission", "court"}
"""Heads of a government body's name that English writes either way: "the Department of
Justice" is "the Justice Department", "the Ministry of Defence" "the Defence Ministry",
"the Court of Appeals" "the Appeals Court". (Not "bank", "university": "Bank of Lavria"
and "Lavria Bank" are often two.)"""

MIN_HEADLINE_WORDS = 4
"""A name of at least this many words that is a whole line of the text is a headline the
tagger read as one name ("Land Bombs Town Refugee Camp"), not a name."""

COMPOUND_WORDS = {"era", "led", "run", "ish", "age", "bid", "way", "set", "off", "war", "ban", "tie", "pro", "and"}
"""Short English words that follow a name after a hyphen to make a compound ("Velt-era",
"Lavria-led"): never the end of a hyphenated given name ("Jae-in", "Jong-un")."""

ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_QUOTE_CHARS = "\"'“”‘’«»"


# --- small text helpers --------------------------------------------------------------


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    """Lowercase, accents off, hyphens and apostrophes as spaces: the key for name equality.
    (Memoised: a story's names come back in every one of its articles, and every time the
    story is analysed again.)"""
    if is_acronym(text):
        return text.replace(".", "").lower()  # U.S. = US
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("&", " and ").lower()  # "Pryor & Gamwell" is "Pryor and Gamwell"
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"(?<=\b\w)'(?=\w)", "", text)  # "O'Brien" is one word: "obrien"
    text = re.sub(r"[^\w\s]", " ", text)
    text = " ".join(text.split())
    if _SPELLED_HINT.search(text):
        for pattern, short in SPELLED_OUT:
            text = pattern.sub(short, text)
    return text


def is_acronym(text: str) -> bool:
    text = text.strip()
    return bool(ACRONYM_RE.match(text.replace(".", ""))) and sum(c.isalpha() for c in text) >= 2 \
        and " " not in text


def _words(name: str) -> list[str]:
    return _fold(name).split()


@lru_cache(maxsize=65536)
def acronym_matches(acronym: str, name: str) -> bool:
    """Whether ``acronym`` abbreviates ``name``: initials in order, function words and
    transliteration particles optional, a generic suffix word optional on either side.

    Hand-rolled (no library does this small alignment); a memoised walk over two short lists
    (and memoised itself: a story's acronyms meet the same names each time it is analysed).
    """
    letters = acronym.replace(".", "").lower()
    words = _words(name)
    if len(words) < 2 or not letters.isalnum():
        return False

    @lru_cache(maxsize=None)
    def walk(i: int, j: int) -> bool:
        if i == len(letters) and j == len(words):
            return True
        if j < len(words):
            w = words[j]
            optional = w in FUNCTION_WORDS or w in PARTICLES or (w in GENERIC_SUFFIXES and j == len(words) - 1)
            if i < len(letters) and w[0] == letters[i] and walk(i + 1, j + 1):
                return True
            if optional and walk(i, j + 1):
                return True
        # A trailing "O" (Organization) the name does not spell out.
        if j == len(words) and i == len(letters) - 1 and letters[i] == "o":
            return True
        return False

    return walk(0, 0)


NICKNAMES = {
    "mike": "michael", "mick": "michael", "jim": "james", "jimmy": "james", "tom": "thomas", "dan": "daniel",
    "danny": "daniel", "dave": "david", "chris": "christopher", "joe": "joseph", "ben": "benjamin",
    "tony": "anthony", "sam": "samuel", "steve": "steven", "pat": "patrick", "ed": "edward", "nick": "nicholas",
    "alex": "alexander", "andy": "andrew", "matt": "matthew", "greg": "gregory", "jeff": "jeffrey",
    "ken": "kenneth", "don": "donald", "ron": "ronald", "rob": "robert", "fred": "frederick",
    "kate": "katherine", "kathy": "katherine", "sue": "susan", "jen": "jennifer", "jenny": "jennifer",
    "chuck": "charles", "charlie": "charles", "rick": "richard", "rich": "richard", "larry": "lawrence",
    "tim": "timothy", "phil": "philip", "abby": "abigail", "liz": "elizabeth", "beth": "elizabeth",
    "bob": "robert", "bobby": "robert", "bill": "william", "billy": "william", "will": "william",
    "dick": "richard", "ted": "edward", "peggy": "margaret", "maggie": "margaret",
    "rudy": "rudolph", "rudi": "rudolph", "rudolf": "rudolph", "jack": "john", "johnny": "john",
    "tommy": "thomas", "hank": "henry", "ray": "raymond", "vince": "vincent", "walt": "walter",
    "doug": "douglas", "pete": "peter", "stan": "stanley", "russ": "russell", "gene": "eugene",
    "debbie": "deborah", "becky": "rebecca", "vicky": "victoria", "cathy": "catherine",
}
"""Common English short forms of first names: "Mike Velt" is "Michael Velt" (general English,
a closed list; a name not in it must match by spelling)."""


GENERATION_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
"""Folded words after a surname that say which generation of a family a person is ("Jr.",
"III"): never the surname itself. "Velt Jr." is the son of "Velt": a suffixed name joins
the plain one only where no document names both (``linking._join_middle_variants``)."""


def person_words(key: str) -> list[str]:
    """The words of a folded person's name without a generation suffix ("robert mueller iii"
    -> robert, mueller); a name that is only suffixes keeps them."""
    words = key.split()
    while len(words) > 1 and words[-1] in GENERATION_SUFFIXES:
        words = words[:-1]
    return words


def without_legal_form(key: str) -> str:
    """A folded organisation name without its legal form ("veltrix corp" -> "veltrix"); a
    name that is nothing else keeps it."""
    words = key.split()
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words = words[:-1]
    return " ".join(words)


def same_first_name(a: str, b: str) -> bool:
    return a == b or NICKNAMES.get(a, a) == NICKNAMES.get(b, b)


def surname(name: str) -> str:
    """The last word of a person's name as written, a generation suffix left out ("Dana
    Velt Jr." -> "velt"): two mentions with different surnames are two people."""
    words = [w for w in re.findall(r"[\w'’-]+", name.lower()) if w not in GENERATION_SUFFIXES]
    return words[-1] if words else ""
