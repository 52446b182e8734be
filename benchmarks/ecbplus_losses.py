"""Where bench_ecbplus.py's B-cubed recall and precision are lost, in key mentions.

Each key mention's recall is |K ∩ R| / |K|; what it misses of 1 is charged to one cause:
- ``never_detected``: the mention itself matched no entity span (its whole 1), by reason:
  ``inside_longer_span`` (an entity span covers it but is more than twice as long: "Navy"
  of "the Indian Navy"), ``name_inside_description`` (an entity span holds a name inside the
  mention but not its head: "Vancouver" of "a Vancouver office"), ``lower_case_head``
  (nothing overlaps and the head is lower case), ``not_tagged`` (nothing overlaps and spaCy
  tags no entity there), ``tagged_but_dropped`` (spaCy tags one there, storydiff keeps none);
- ``partners_never_detected``: the chain's other mentions that were never detected;
- ``across_stories``: partners found in another story (entities belong to their story);
- ``split_in_story``: partners found in another entity of the same story.
Precision: ``wrong_merges`` is the B-cubed precision lost, in mentions, with the number of
entities that join key mentions of two gold chains or more.
"""

from __future__ import annotations

from collections import Counter, defaultdict


def losses(keys: list[tuple], matched: dict, owner: dict, group_story: list[int], texts: dict[str, str],
           system: list[tuple], parsed: dict) -> dict:
    """``keys``: bench_ecbplus key mentions; ``matched``: key id -> system span id;
    ``owner``: system span id -> entity index; ``group_story``: entity index -> story."""
    by_doc: dict[str, list[tuple]] = defaultdict(list)
    for sid, doc, s, e in system:
        by_doc[doc].append((s, e))
    reasons: Counter[str] = Counter()
    by_type: Counter[str] = Counter()
    chains: dict[str, list[tuple]] = defaultdict(list)
    for k in keys:
        chains[k[6]].append(k)
        if k[0] in matched:
            continue
        reasons[_reason(k, by_doc[k[1]], texts[k[1]], parsed.get(k[1]))] += 1
        by_type[k[7]] += 1
    partners = across = split = 0.0
    for members in chains.values():
        found = [k for k in members if k[0] in matched]
        entity_of = {k[0]: owner[matched[k[0]]] for k in found}
        for k in found:
            mine = entity_of[k[0]]
            same_entity = sum(1 for x in found if entity_of[x[0]] == mine)
            same_story = sum(1 for x in found if group_story[entity_of[x[0]]] == group_story[mine])
            partners += (len(members) - len(found)) / len(members)
            across += (len(found) - same_story) / len(members)
            split += (same_story - same_entity) / len(members)
    response: dict[int, list[str]] = defaultdict(list)
    chain_of = {k[0]: k[6] for k in keys}
    for gid, sid in matched.items():
        response[owner[sid]].append(chain_of[gid])
    wrong = sum(1 - Counter(cs)[c] / len(cs) for cs in response.values() for c in cs)
    return {
        "key_mentions": len(keys),
        "never_detected": sum(reasons.values()),
        "never_detected_by_reason": dict(reasons.most_common()),
        "never_detected_by_type": dict(sorted(by_type.items())),
        "partners_never_detected": round(partners, 1),
        "across_stories": round(across, 1),
        "split_in_story": round(split, 1),
        "wrong_merges": round(wrong, 1),
        "entities_joining_chains": sum(1 for cs in response.values() if len(set(cs)) > 1),
    }


def _reason(key: tuple, spans: list[tuple], text: str, doc) -> str:
    _, _, start, end, head_start, head_end, _, _ = key
    overlapping = [(s, e) for s, e in spans if s < end and start < e]
    if overlapping:
        s, e = max(overlapping, key=lambda se: min(se[1], end) - max(se[0], start))
        if s <= start and end <= e:
            return "inside_longer_span"
        return "name_inside_description"
    if not text[head_start:head_end][:1].isupper():
        return "lower_case_head"
    if doc is not None and any(x.start_char < head_end and head_start < x.end_char for x in doc.ents):
        return "tagged_but_dropped"
    return "not_tagged"
