"""Coreference scores (MUC, B-cubed, CEAF-e, CoNLL F1) and the span plumbing the
entity benchmarks share (bench_ecbplus.py, bench_newswcl.py).

The definitions are the usual ones (Pradhan et al. 2014's reference scorer): clusters
are sets of mention ids; a key mention missing from the response is a part by itself
(MUC), scores 0 recall (B-cubed) and is absent from the response clusters (CEAF-e).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import numpy as np
from scipy.optimize import linear_sum_assignment

Cluster = frozenset


def _prf(num_r: float, den_r: float, num_p: float, den_p: float) -> tuple[float, float, float]:
    r = num_r / den_r if den_r else 0.0
    p = num_p / den_p if den_p else 0.0
    return r, p, (2 * p * r / (p + r) if p + r else 0.0)


def muc(key: list[set], response: list[set]) -> tuple[float, float, float]:
    def side(a: list[set], b: list[set]) -> tuple[int, int]:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for c in a:
            parts = {where.get(m, ("alone", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num, den

    nr, dr = side(key, response)
    np_, dp = side(response, key)
    return _prf(nr, dr, np_, dp)


def b_cubed(key: list[set], response: list[set]) -> tuple[float, float, float]:
    def side(a: list[set], b: list[set]) -> tuple[float, int]:
        where = {m: c for c in b for m in c}
        total = 0.0
        for c in a:
            for m in c:
                other = where.get(m)
                if other:
                    total += len(c & other) / len(c)
        return total, sum(len(c) for c in a)

    nr, dr = side(key, response)
    np_, dp = side(response, key)
    return _prf(nr, dr, np_, dp)


def ceaf_e(key: list[set], response: list[set]) -> tuple[float, float, float]:
    if not key or not response:
        return 0.0, 0.0, 0.0
    # phi4 only where clusters share a mention: build the sparse matrix through an index.
    rindex: dict = {}
    for j, c in enumerate(response):
        for m in c:
            rindex[m] = j
    sim = np.zeros((len(key), len(response)))
    for i, k in enumerate(key):
        for j in {rindex[m] for m in k if m in rindex}:
            r = response[j]
            sim[i, j] = 2 * len(k & r) / (len(k) + len(r))
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    return _prf(total, len(key), total, len(response))


def scores(key: list[set], response: list[set]) -> dict[str, float]:
    key = [set(c) for c in key if c]
    response = [set(c) for c in response if c]
    out = {}
    for name, fn in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e)):
        r, p, f = fn(key, response)
        out[f"{name}_r"], out[f"{name}_p"], out[f"{name}_f"] = round(r, 4), round(p, 4), round(f, 4)
    out["conll_f1"] = round((out["muc_f"] + out["b3_f"] + out["ceafe_f"]) / 3, 4)
    return out


def offset_map(original: str, cleaned: str):
    """A function from an offset of ``original`` to the offset of the same character in
    ``cleaned`` (None where cleaning removed or changed it)."""
    if original == cleaned:
        return lambda i: i
    table: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, original, cleaned, autojunk=False)
    for a, b, n in matcher.get_matching_blocks():
        for k in range(n):
            table[a + k] = b + k
    return table.get


def map_span(fn, start: int, end: int) -> tuple[int, int] | None:
    """``[start, end)`` through ``offset_map``; None unless both ends survived."""
    s, e = fn(start), fn(end - 1)
    if s is None or e is None or e < s:
        return None
    return s, e + 1


def match_one_to_one(gold: Iterable[tuple], system: Iterable[tuple]) -> dict:
    """Gold mention id -> system mention id, one to one.

    ``gold``: (id, doc, start, end, head_start, head_end); ``system``: (id, doc, start, end).
    A system span matches a gold mention when it contains the gold head token and lies at
    least half inside the gold span (the acceptance rule); pairs are taken best first
    (largest overlap, then the tighter span)."""
    by_doc: dict[str, list[tuple]] = {}
    for s in system:
        by_doc.setdefault(s[1], []).append(s)
    pairs = []
    for gid, doc, gs, ge, hs, he in gold:
        for sid, _, ss, se in by_doc.get(doc, ()):
            if ss <= hs and he <= se:
                inside = min(ge, se) - max(gs, ss)
                if inside * 2 >= se - ss:
                    pairs.append((-inside, (se - ss) - inside, gid, sid))
    pairs.sort(key=lambda p: (p[0], p[1], str(p[2]), str(p[3])))
    taken_g, taken_s, out = set(), set(), {}
    for _, _, gid, sid in pairs:
        if gid in taken_g or sid in taken_s:
            continue
        taken_g.add(gid)
        taken_s.add(sid)
        out[gid] = sid
    return out
