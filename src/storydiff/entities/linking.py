"""Linking: name mentions joined into one cluster per real actor across a story's documents.

The forms are joined by (a) acronym definitions in a text, (b) an acronym matching the
initials of another form anywhere in the story, (c) spelling variants that align word by
word (rapidfuzz), (d) middle initials or names, generation suffixes, a middle name used as
the first, (e) "Department of X" / "X Department", (f) a name and the one longer name that
adds a descriptor ("X Technologies", "X Province", "HMS X"), (g) "<Place> X" to "X", (h) a
surname-only person mention matching the last word of exactly one full name, (i) a surname
the tagger filed under another type. A company's legal form ("Inc.") is no part of its
key. Every join is guarded: a missed merge is cheaper than a wrong one.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from rapidfuzz import fuzz

from .mentions import _Mention, _drop_contained, _type_class
from .name_variants import join_typos
from .names import (
    COMPANY_WORDS, COUNTRY_PREFIXES, FUNCTION_WORDS, PART_OF_PLACE_WORDS, PLACE_WORDS, VESSEL_PREFIXES, without_legal_form, GENERIC_SUFFIXES, GENERIC_WORDS, INVERTIBLE_BODY_WORDS, LOCATIVE_WORDS, NAME_MATCH, NICKNAMES, PARTICLES, ROLE_NOUNS,
    GENERATION_SUFFIXES, SURNAME_DOMINANCE, WORD_MATCH, _fold, person_words, same_first_name,
    acronym_matches, is_acronym,
)

class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _words_align(short: list[str], long: list[str]) -> bool:
    """Each word of ``short`` matches a distinct word of ``long`` (spelling variants and
    word order allowed: "Crime and Corruption" / "Corruption and Crime"); words of ``long``
    left over must be particles, function words or generic suffixes."""
    free = list(range(len(long)))
    for w in short:
        best = max(free, key=lambda j: fuzz.ratio(w, long[j]), default=None)
        if best is None or fuzz.ratio(w, long[best]) < WORD_MATCH:
            return False
        free.remove(best)
    return all(long[j] in PARTICLES | FUNCTION_WORDS | GENERIC_SUFFIXES | COUNTRY_PREFIXES for j in free)


def _variant(a: str, b: str, cls: str) -> bool:
    """Spelling/transliteration variants of one multiword name (or an ORG with and
    without a generic suffix word)."""
    wa, wb = a.split(), b.split()
    if wa == wb:
        return True
    if cls == "person":
        # Two full names: same number of words, each word a close variant (Ana Valdor /
        # Anna Valdorr); different first names with one surname stay apart.
        if len(wa) != len(wb) or len(wa) < 2:
            return False
        if same_first_name(wa[0], wb[0]) and wa[0] != wb[0]:  # "Mike Velt" / "Michael Velt"
            return wa[1:] == wb[1:]
        return all(fuzz.ratio(x, y) >= WORD_MATCH for x, y in zip(wa, wb)) and fuzz.ratio(a, b) >= NAME_MATCH
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(long) < 2:
        return False
    return _words_align(short, long) and (len(short) >= 2 or is_acronym(short[0].upper()))


def link_mentions(mentions: list[_Mention], definitions: list[tuple[_Mention, _Mention]],
                  texts: dict[str, str]) -> list[list[_Mention]]:
    """The story's name mentions, one list per actor."""
    # Surface-form nodes: (type class, folded name).  Definitions add their two sides.
    def node(m: _Mention) -> str:
        # A lone surname is resolved per document ("Sorn" is Radek Sorn where only he is
        # named, and nobody where Radek and Greta Sorn both are).
        if m.label == "PERSON" and len(m.key.split()) == 1:
            return f"person|{m.key}@{m.doc}" + ("@f" if m.female else "")
        cls = _type_class(m.label)
        # "Veltrix Corp." is "Veltrix": a company's legal form is written or dropped
        return f"{cls}|{without_legal_form(m.key) if cls == 'org' else m.key}"

    for a, b in definitions:
        # The definition's sides take the type NER gave the longer side, when it gave one.
        label = next((m.label for m in mentions if m.doc == b.doc and m.start <= b.start < m.end), None)
        label = label or next((m.label for m in mentions if m.key == b.key), "ORG")
        if label == "PERSON" or _type_class(label) == "place":
            continue
        a.label = b.label = label if _type_class(label) == "org" else "ORG"
        mentions.extend([a, b])

    # An acronym tagged under another class (NORP vs ORG) is one node in the org class.
    for m in mentions:
        if is_acronym(m.text) and _type_class(m.label) in {"org", "place"} and m.label != "GPE":
            m.label = "ORG" if m.label not in {"ORG", "NORP"} else m.label
        elif m.label == "PERSON" and is_acronym(m.text) and ("." in m.text or len(m.text) >= 3):
            # "D.N.C." tagged PERSON: people are not written as initials with full stops,
            # and three capitals are a body far more often than a person
            m.label = "ORG"
    mentions = _drop_contained(mentions)
    uf = _UnionFind()
    by_node: dict[str, list[_Mention]] = defaultdict(list)
    for m in mentions:
        by_node[node(m)].append(m)
        uf.find(node(m))

    for a, b in definitions:
        if a.label == "PERSON" or _type_class(a.label) == "place":
            continue
        uf.union(node(a), node(b))

    node_text: dict[str, str] = {}
    for n, ms in by_node.items():
        node_text[n] = Counter(m.text for m in ms).most_common(1)[0][0]
    nodes = sorted(by_node)

    # Same multiword name under different classes (a person tagged LOC once): one entity,
    # type by majority later.
    by_key: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        by_key[n.split("|", 1)[1].split("@")[0]].append(n)
    for key, ns in by_key.items():
        if len(key.split()) >= 2 and len(ns) > 1:
            # a company whose every mention carries a legal form is not the person its
            # name would be without it ("Dana Velt Corp." and Dana Velt)
            orgs = [n for n in ns if n.startswith("org|")]
            if orgs and all(all(m.key != key for m in by_node[n]) for n in orgs):
                ns = [n for n in ns if not n.startswith("person|")]
            for other in ns[1:]:
                uf.union(ns[0], other)
        elif len(ns) > 1:
            # one word tagged as a place here, a body there and a product elsewhere
            # ("Queens", "Brixol"): one name (a person's is resolved by the surname rules)
            bodies = [n for n in ns if n.split("|", 1)[0] != "person"]
            for other in bodies[1:]:
                uf.union(bodies[0], other)

    # Acronyms against expansions elsewhere in the story (organisations and places: "EU"
    # is tagged GPE as often as ORG).  An acronym that matches two unrelated names is
    # ambiguous and joins neither.
    org_nodes = [n for n in nodes if n.split("|", 1)[0] in {"org", "place"}]
    acronyms = [n for n in org_nodes if is_acronym(node_text[n])]
    for acr in acronyms:
        hits = [n for n in org_nodes if n != acr and not is_acronym(node_text[n])
                and (acronym_matches(node_text[acr], node_text[n]) or _acronym_plus_suffix(node_text[acr], node_text[n]))]
        roots = {uf.find(h) for h in hits}
        if len(roots) == 1:
            uf.union(acr, hits[0])

    # Spelling variants, blocked by class and first letter of the first content word.
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for n in nodes:
        cls, key = n.split("|", 1)
        words = [w for w in key.split() if w not in FUNCTION_WORDS]
        if cls == "org" and len(words) > 1 and words[0] in COUNTRY_PREFIXES:
            words = words[1:]  # "U.S. Forest Agency" meets "Forest Agency"
        if words and (len(key.split()) >= 2 or cls == "org"):
            first = NICKNAMES.get(words[0], words[0]) if cls == "person" else words[0]
            blocks[(cls, first[0])].append(n)
    for (cls, _), ns in blocks.items():
        for i, x in enumerate(ns):
            for y in ns[i + 1:]:
                kx, ky = x.split("|", 1)[1], y.split("|", 1)[1]
                if is_acronym(node_text[x]) or is_acronym(node_text[y]):
                    continue
                if _variant(kx, ky, cls):
                    uf.union(x, y)

    _join_middle_variants(nodes, by_node, uf)
    _join_middle_name_used(nodes, by_node, uf)
    _join_inverted_bodies(nodes, node_text, uf)
    _join_with_descriptor(nodes, by_node, node_text, uf)
    _join_place_prefixed(nodes, node_text, uf)
    _join_maker_prefixed(nodes, uf)
    _join_lower_case_first_word(nodes, by_node, texts, uf)
    _join_head_of_name(nodes, node_text, uf)
    join_typos(nodes, by_node, uf)

    # Surname-only person mentions: join the one full name that ends in that word (or a
    # close spelling of it).  Two full names sharing the surname: the one the mention's
    # title points to, or the one named far more often (SURNAME_DOMINANCE), or the one
    # named in this document; otherwise nobody.
    persons = [n for n in nodes if n.startswith("person|")]
    full = [n for n in persons if len(n.split("|", 1)[1].split()) >= 2]
    # (a son named in full, "Dana Velt Jr.", is no holder of a bare "Velt": outlets write the
    # father so, and measured on NewsWCL50 giving him the bare surname lost more than it won)
    _join_suffixed_surname(nodes, by_node, full, uf)
    for n in persons:
        if "@" not in n:
            continue
        word, doc_id, gender = _lone_key(n)
        if gender is None and all(m.male for m in by_node[n]):
            gender = "m"  # every one written "Mr. Quell"
        holder = _surname_holder(word, doc_id, gender, by_node[n], full, by_node, uf)
        if holder is not None:
            uf.union(n, holder)
    # A one-word name nobody carries in full ("Madonna") is one person across documents.
    lone: dict[str, list[str]] = defaultdict(list)
    for n in persons:
        if "@" in n:
            word = _lone_key(n)[0]
            if not any(f.split("|", 1)[1].split()[-1] == word for f in full):
                lone[word].append(n)
    # It may be the first word of a full name (a name written family name first, "Kim"
    # of "Kim Jong Un", or a first name alone, "Emmanuel"): joined to that one person, or
    # the one named SURNAME_DOMINANCE times as often as the others; or a one-word body the
    # tagger took for a person ("Wikileaks" beside "WikiLeaks").
    others = {n.split("|", 1)[1]: n for n in nodes if n.split("|", 1)[0] in {"org", "place"}}
    for word, ns in lone.items():
        for other in ns[1:]:
            uf.union(ns[0], other)
        first: Counter[str] = Counter()
        for f in full:
            if f.split("|", 1)[1].split()[0] == word:
                first[uf.find(f)] += len(by_node[f])
        ranked = first.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] >= SURNAME_DOMINANCE * ranked[1][1]):
            uf.union(ns[0], ranked[0][0])
        elif not ranked and word in others:
            uf.union(ns[0], others[word])
    _join_full_name_of_lone_surname(nodes, by_node, node_text, lone, uf)

    # A surname NER filed under another type ("Sorn said" tagged GPE, "Sorn campaign"
    # tagged ORG): joined to the person who carries it (the only one, or the one named
    # SURNAME_DOMINANCE times as often as any other) when at least half of its mentions
    # are in documents that name that person and no more than half read as a place ("in
    # Sorn").  Types do not veto a merge the names support.
    full_count: dict[str, Counter[str]] = defaultdict(Counter)
    for f in full:
        full_count[f.split("|", 1)[1].split()[-1]][uf.find(f)] += len(by_node[f])
    for n in nodes:
        cls, key = n.split("|", 1)
        if cls == "person" or len(key.split()) != 1 or key not in full_count:
            continue
        ranked = full_count[key].most_common(2)
        if len(ranked) > 1 and ranked[0][1] < SURNAME_DOMINANCE * ranked[1][1]:
            continue
        target = ranked[0][0]
        person_docs = {m.doc for p in persons if uf.find(p) == target for m in by_node[p]}
        placed = sum(_after_locative(texts.get(m.doc, ""), m.start) for m in by_node[n])
        inside = sum(m.doc in person_docs for m in by_node[n])
        if inside * 2 >= len(by_node[n]) and placed * 2 <= len(by_node[n]):
            uf.union(n, target)

    clusters: dict[str, list[_Mention]] = defaultdict(list)
    for n, ms in by_node.items():
        clusters[uf.find(n)].extend(ms)

    return list(clusters.values())


def _join_suffixed_surname(nodes: list[str], by_node: dict[str, list[_Mention]], full: list[str],
                           uf: _UnionFind) -> None:
    """"Velt Jr." is the one person of the story named in full "<first> Velt Jr.": a
    surname with a generation suffix is a lone surname that says which of a family is
    meant, whatever type the tagger gave it (a name ending in "Jr." is a person's).
    Nobody is joined when two full names end so."""
    for n in nodes:
        key = n.split("|", 1)[1].split("@")[0]
        words = key.split()
        if len(words) != 2 or words[1] not in GENERATION_SUFFIXES or words[0] in GENERATION_SUFFIXES:
            continue
        holders = {uf.find(f) for f in full if f != n and f.split("|", 1)[1].endswith(" " + key)}
        if len(holders) == 1:
            uf.union(n, holders.pop())
            for m in by_node[n]:
                m.label = "PERSON"


def _join_full_name_of_lone_surname(nodes: list[str], by_node: dict[str, list[_Mention]], node_text: dict[str, str],
                                    lone: dict[str, list[str]], uf: _UnionFind) -> None:
    """"Dan Orm" tagged ORG once where "Orm" is a person the text names by surname only
    (no full name of a person ends in it): a two-word name, both words capitalised,
    whose last word is that surname and every mention of which stands in a document that
    names the person "Orm", is that person written in full. Types do not veto a merge the
    names support; the same document must back it."""
    for n in nodes:
        cls, key = n.split("|", 1)
        words = key.split()
        if cls not in {"org", "place"} or len(words) != 2 or words[1] not in lone or is_acronym(node_text[n]):
            continue
        written = node_text[n].split()
        if len(written) != 2 or not all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in written):
            continue
        surname_docs = {_lone_key(p)[1] for p in lone[words[1]]}
        if all(m.doc in surname_docs for m in by_node[n]):
            uf.union(n, lone[words[1]][0])
            for m in by_node[n]:
                m.label = "PERSON"  # the person's full name, whatever the tagger made of it


def _lone_key(n: str) -> tuple[str, str, str | None]:
    """(surname, document, "f" when written with a woman's honorific) of a lone-surname node."""
    word, doc_id = n.split("|", 1)[1].split("@", 1)
    gender = "f" if doc_id.endswith("@f") else None
    return word, doc_id[:-2] if gender else doc_id, gender


def _holder_gender(holder: str, pool: list[str], by_node: dict[str, list[_Mention]], uf: _UnionFind) -> str | None:
    """What the story's text says of a full-name holder's gender: "f" or "m" when its
    mentions say one at least twice as often as the other."""
    said = Counter(m.gender for f in pool if uf.find(f) == holder for m in by_node[f] if m.gender)
    f, m = said["f"], said["m"]
    return "f" if f > 2 * m else "m" if m > 2 * f else None


def _surname_holder(word: str, doc_id: str, gender: str | None, lone: list[_Mention], full: list[str],
                    by_node: dict[str, list[_Mention]], uf: _UnionFind) -> str | None:
    """The one full name a bare surname in ``doc_id`` refers to, or None."""
    def last(f: str) -> str:
        return f.split("|", 1)[1].split()[-1]

    pool = [f for f in full if last(f) == word] or [f for f in full if fuzz.ratio(last(f), word) >= NAME_MATCH]
    holders = {uf.find(f) for f in pool}
    if len(holders) <= 1:
        return next(iter(holders), None)
    here = {uf.find(f) for f in pool if any(m.doc == doc_id for m in by_node[f])}
    genders = {h: _holder_gender(h, pool, by_node, uf) for h in holders} if gender else {}
    if gender == "f":
        # "Mrs. Quell" beside Ada and Bram Quell: the one woman of this document's holders, or
        # the one holder the text does not call a man; a woman's honorific is not weighed
        # against the other holders
        women = [h for h in here if genders[h] == "f"]
        if len(women) == 1:
            return women[0]
        here = {h for h in here if genders[h] != "m"}
        return next(iter(here)) if len(here) == 1 else None
    if gender == "m":
        # "Mr. Quell" is none of the holders the text calls women, however often she is named;
        # but the man it means may be named in full nowhere ("Bram and Ada Quell"), so no
        # holder is his by elimination: the choice below stands unless it is a woman
        holder = _surname_holder(word, doc_id, None, lone, full, by_node, uf)
        return None if holder is not None and genders[holder] == "f" else holder
    titles = {_title_word(r) for m in lone for r in m.roles} - {None}
    if titles:
        titled = {uf.find(f) for f in pool
                  if titles & {_title_word(r) for m in by_node[f] for r in m.roles}}
        if len(titled) == 1:
            return next(iter(titled))
    weight: Counter[str] = Counter()
    for f in pool:
        for m in by_node[f]:
            weight[uf.find(f)] += 3 if m.doc == doc_id else 1
    (top, a), (_, b) = weight.most_common(2)
    if a >= SURNAME_DOMINANCE * b:
        return top
    return next(iter(here)) if len(here) == 1 else None


ROLE_COMPLEMENT = re.compile(r"\s(?:of|for|to|at|with|from|on|in|under|who|whose|that)\s")
"""Where a role's complement begins: the title is the role's own head before it, not a
noun inside it ("an outspoken critic of the mayor", "a spokesman for the governor", "the
wife of the senator" hold no office of mayor, governor or senator; "President of Lavria"
keeps "president")."""


def _title_word(role: str) -> str | None:
    """The title noun of a role ("Interior Minister" -> "minister")."""
    head = ROLE_COMPLEMENT.split(" " + role.lower() + " ", maxsplit=1)[0]
    words = [w for w in re.split(r"[\s\-]+", head) if w in ROLE_NOUNS and not w.endswith(".")]
    words = [w for w in words if w not in {"prime", "chief", "deputy", "head"}] or words
    return words[-1] if words else None


def _after_locative(text: str, start: int) -> bool:
    words = text[max(0, start - 12):start].split()
    return bool(words) and words[-1].lower() in LOCATIVE_WORDS


def _join_middle_variants(nodes: list[str], by_node: dict[str, list[_Mention]], uf: _UnionFind) -> None:
    """"Regina M. Benjamin" / "Regina Benjamin" / "Regina Mae Benjamin": full person names
    with one first and one last word are one person when the middles they carry agree
    (initials of one middle name, or one middle name); two different middles
    ("Walter J." and "Walter K.") make the short form ambiguous and nothing is joined.
    A first name and its common short form are one ("Bob Velt" / "Robert W. Velt").
    A generation suffix ("Jr.", "III") may be dropped from a formal name with a middle
    ("Robert S. Velt III" / "Robert Velt"), except where one document names both forms:
    then they are father and son ("Dana Velt" and "Dana Velt Jr.")."""
    groups: dict[tuple[str, str], list[tuple[str, list[str], tuple[str, ...]]]] = defaultdict(list)
    for n in nodes:
        cls, key = n.split("|", 1)
        key = key.split("@")[0]
        words = person_words(key)
        if cls != "person" or len(key.split()) < 2 or len(words) > 4:
            continue
        written = key.split()
        suffix = tuple(written[len(words):])
        groups[(NICKNAMES.get(words[0], words[0]), words[-1])].append((n, words[1:-1], suffix))
        if suffix:  # "Dana Jr." is "Dana Velt Jr.": the suffix read as the last word
            groups[(NICKNAMES.get(words[0], words[0]), written[-1])].append((n, written[1:-1], ()))
    for members in groups.values():
        if len(members) < 2:
            continue
        middles = {tuple(m) for _, m, _ in members if m}
        initials = {tuple(w[0] for w in m) for m in middles}
        full_middles = {m for m in middles if any(len(w) > 1 for w in m)}
        if len(initials) > 1 or len(full_middles) > 1:
            continue
        by_suffix: dict[tuple[str, ...], list[tuple[str, list[str]]]] = defaultdict(list)
        for n, middle, suffix in members:
            by_suffix[suffix].append((n, middle))
        for same in by_suffix.values():
            for n, _ in same[1:]:
                uf.union(same[0][0], n)
        plain = by_suffix.get(())
        for suffix, same in by_suffix.items():
            if not suffix or not plain or not any(middle for _, middle in same):
                continue  # "Dana Velt Jr." without a middle is how a son is named beside his father
            docs = {m.doc for n, _ in same for m in by_node[n]}
            if not docs & {m.doc for n, _ in plain for m in by_node[n]}:
                uf.union(same[0][0], plain[0][0])


def _inverted_body(key: str) -> str | None:
    """"department of justice" -> "justice department" (a country prefix dropped: "us
    department of state" -> "state department"); None for a name of another shape."""
    words = key.split()
    if len(words) > 1 and words[0] in COUNTRY_PREFIXES:
        words = words[1:]
    if len(words) >= 3 and words[0] in INVERTIBLE_BODY_WORDS and words[1] == "of" \
            and not set(words[2:]) & (FUNCTION_WORDS - {"and"} | INVERTIBLE_BODY_WORDS):
        return " ".join(words[2:] + words[:1])
    if len(words) >= 2 and words[-1] in INVERTIBLE_BODY_WORDS \
            and not set(words[:-1]) & (FUNCTION_WORDS - {"and"} | INVERTIBLE_BODY_WORDS):
        return " ".join(words)
    return None


def _join_inverted_bodies(nodes: list[str], node_text: dict[str, str], uf: _UnionFind) -> None:
    """"Department of Justice" and "Justice Department": one body's name written with its
    head word first or last (``INVERTIBLE_BODY_WORDS``), a country prefix optional. The
    rest must be plain words ("Department of Health and Welfare"; no second "of" or body
    word, which would make the name's structure a guess)."""
    by_form: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        cls, key = n.split("|", 1)
        if cls != "org" or is_acronym(node_text[n]):
            continue
        form = _inverted_body(key)
        if form is not None:
            by_form[form].append(n)
    for ns in by_form.values():
        for other in ns[1:]:
            uf.union(ns[0], other)


def _join_with_descriptor(nodes: list[str], by_node: dict[str, list[_Mention]], node_text: dict[str, str],
                          uf: _UnionFind) -> None:
    """A name and the one longer name that is it plus a word later mentions drop: a
    company's descriptor ("Qorvane" / "Qorvane Technologies", ``COMPANY_WORDS``), a place's
    division word ("Keltra" / "Keltra Province", ``PLACE_WORDS``), a ship's prefix
    ("Dauntlow" / "HMS Dauntlow", ``VESSEL_PREFIXES``). Two longer names for one short one
    ("Qorvane Systems" and "Qorvane Technologies") leave it alone. A one-word name tagged
    as a people ("American" beside "American Airlines") is no company's short form."""
    longer: dict[tuple[str, str], set[str]] = defaultdict(set)
    for n in nodes:
        cls, key = n.split("|", 1)
        words = key.split("@")[0].split()
        if len(words) < 2:
            continue
        if cls == "org" and words[-1] in COMPANY_WORDS:
            # "Ardent Data Systems" is "Ardent" (at most two words dropped)
            for k in range(max(1, len(words) - 2), len(words)):
                longer[("org", " ".join(words[:k]))].add(n)
        if cls == "place" and words[-1] in PLACE_WORDS:
            longer[("place", " ".join(words[:-1]))].add(n)
        if cls != "person" and words[0] in VESSEL_PREFIXES and node_text[n].split()[0].isupper():
            longer[("any", " ".join(words[1:]))].add(n)
    if not longer:
        return
    for _ in range(2):  # a short name meets its longer forms once they are one
        for n in nodes:
            cls, key = n.split("|", 1)
            key = key.split("@")[0]
            if key in GENERIC_WORDS:
                continue
            # a people's word is tagged NORP nearly always ("American" beside "American
            # Airlines"), a ship's name now and then ("Dauntlow" beside "HMS Dauntlow")
            norp = sum(m.label == "NORP" for m in by_node[n])
            for want in ((cls, key), ("any", key)):
                if norp and (want[0] != "any" or norp * 2 >= len(by_node[n])):
                    continue
                targets = {uf.find(x) for x in longer.get(want, ()) if x != n}
                if len(targets) == 1:
                    uf.union(n, next(iter(targets)))


def _join_middle_name_used(nodes: list[str], by_node: dict[str, list[_Mention]], uf: _UnionFind) -> None:
    """"Marjorie Ellen Tasker" written "Ellen Tasker" by another outlet: a person known by
    the middle name. Joined when exactly one three-word name has that middle and last name
    and no document names both forms (a document that does is naming two people: a mother
    and her daughter)."""
    three: dict[tuple[str, str], set[str]] = defaultdict(set)
    for n in nodes:
        cls, key = n.split("|", 1)
        words = person_words(key.split("@")[0])
        if cls == "person" and len(words) == 3 and len(words[1]) > 1:
            three[(words[1], words[2])].add(n)
    if not three:
        return
    for n in nodes:
        cls, key = n.split("|", 1)
        words = person_words(key.split("@")[0])
        if cls != "person" or len(words) != 2 or tuple(words) not in three:
            continue
        roots = {uf.find(x) for x in three[tuple(words)]}
        if len(roots) != 1 or uf.find(n) in roots:
            continue
        docs = {m.doc for m in by_node[n]}
        if docs & {m.doc for x in three[tuple(words)] for m in by_node[x]}:
            continue
        uf.union(n, next(iter(three[tuple(words)])))


def _join_place_prefixed(nodes: list[str], node_text: dict[str, str], uf: _UnionFind) -> None:
    """"Chargers" and "San Diego Chargers": a one-word organisation name and the one
    longer organisation name that is a known place followed by that word."""
    places = {n.split("|", 1)[1] for n in nodes if n.startswith("place|")}
    orgs = [n for n in nodes if n.startswith("org|")]
    longer: dict[str, set[str]] = defaultdict(set)
    for n in orgs:
        words = n.split("|", 1)[1].split()
        if len(words) >= 2 and " ".join(words[:-1]) in places:
            longer[words[-1]].add(n)
    for n in orgs:
        key = n.split("|", 1)[1]
        if " " in key or is_acronym(node_text[n]) or key in GENERIC_WORDS:
            continue
        roots = {uf.find(x) for x in longer.get(key, ())}
        if len(roots) == 1:
            uf.union(n, next(iter(longer[key])))


def _join_maker_prefixed(nodes: list[str], uf: _UnionFind) -> None:
    """"Brindle Vortex 12" and "Vortex 12": a product or work written with and without the
    name of the body that makes it, when that body is named in the story on its own and
    the rest is a name of two words or more (a one-word rest is too often a common word
    made a name by the prefix)."""
    bodies = {n.split("|", 1)[1] for n in nodes if n.startswith("org|")}
    things = [n for n in nodes if n.split("|", 1)[0] not in {"person", "org", "place"}]
    by_key = {n.split("|", 1)[1]: n for n in things}
    # the longer form may be tagged a body ("Brindle Vortex" as ORG); the rest must be a thing
    for n in things + [n for n in nodes if n.startswith("org|")]:
        words = n.split("|", 1)[1].split()
        for k in range(1, len(words) - 1):
            rest = " ".join(words[k:])
            if " ".join(words[:k]) in bodies and rest in by_key:
                uf.union(n, by_key[rest])
                break


def _join_lower_case_first_word(nodes: list[str], by_node: dict[str, list[_Mention]], texts: dict[str, str],
                                uf: _UnionFind) -> None:
    """"down state Route 9" and "on State Route 9": the tagger left out a first word written
    in lower case, so the name it found is another name of the story with that word in
    front. Joined whatever the two were typed (a road is tagged a facility here and a body
    there); the text itself writes the longer name, so no type decides. The longer form
    must be written as a name, capitalised, and the shorter one a name of two words or
    more: before a one-word name, a lower-case word is most often a description of it
    ("obstructionist Democrats"). Not a person's name, nor a word that names a part of a place ("northern Keltra", ``PART_OF_PLACE_WORDS``),
    nor a function word."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        cls, key = n.split("|", 1)
        # the longer form is a name: its first word is capitalised wherever it is written
        if cls != "person" and all(m.text[:1].isupper() for m in by_node[n]):
            by_key[key].append(n)
    for n in nodes:
        cls, key = n.split("|", 1)
        if cls == "person" or len(key.split()) < 2:
            continue
        for m in by_node[n]:
            before = _LOWER_WORD_BEFORE.search(texts.get(m.doc, ""), max(0, m.start - 24), m.start)
            word = before.group(1) if before else None
            if word is None or word in FUNCTION_WORDS | PART_OF_PLACE_WORDS | LOCATIVE_WORDS:
                continue
            roots = {uf.find(x) for x in by_key.get(f"{word} {key}", ())}
            if len(roots) == 1:
                uf.union(n, next(iter(roots)))
                break


def _join_head_of_name(nodes: list[str], node_text: dict[str, str], uf: _UnionFind) -> None:
    """"the Academy" and "the Academy of Lavrian Letters": a one-word body name and the one
    longer body name that is that word followed by "of" (its head word, written alone once
    the name is known), with the forms of it the tagger cut short. Two such names ("Bureau
    of Mines", "Bureau of Investigation") leave the word alone; a generic word ("Department") is never a name by itself."""
    heads: dict[str, set[str]] = defaultdict(set)
    for n in nodes:
        cls, key = n.split("|", 1)
        words = key.split()
        if cls == "org" and len(words) >= 3 and words[1] == "of":
            heads[words[0]].add(n)
    if not heads:
        return
    for n in nodes:
        cls, key = n.split("|", 1)
        if cls != "org" or " " in key or key not in heads or key in GENERIC_WORDS or is_acronym(node_text[n]):
            continue
        longer = heads[key]
        # a form the tagger cut short ("Academy of Lavrian" of "Academy of Lavrian Letters")
        # is the longer one it starts; any other two names leave the word alone
        cut = {x: y for x in longer for y in longer
               if x != y and (y.split("|", 1)[1] + " ").startswith(x.split("|", 1)[1] + " ")}
        roots = {uf.find(cut.get(x, x)) for x in longer}
        if len(roots) == 1:
            for x, y in cut.items():
                uf.union(x, y)
            uf.union(n, next(iter(longer)))


_LOWER_WORD_BEFORE = re.compile(r"(?<![\w\-])([a-z]+) +$")


def _acronym_plus_suffix(acr: str, name: str) -> bool:
    """"NVRC Organization": an acronym followed by a generic word."""
    words = name.split()
    return len(words) == 2 and _fold(words[0]) == _fold(acr) and words[1].lower() in GENERIC_SUFFIXES
