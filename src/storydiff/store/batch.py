"""A store's first ingest grouped in one pass, as ``analyze`` groups a folder.

Article by article, assignment keeps the candidate index in tables, reads and writes the
clusters it touches and, after each chunk, groups the touched stories again with their
look-alikes and tied stories (``store.regroup``): right for a stream, but on a large
folder into an empty store each chunk pays that again (a 100k build ran at 44 articles/s,
and each chunk's IDF was counted over the articles stored so far, not the folder's).

So the articles of an ingest into a store that holds no story yet are stored first,
chunk by chunk with their copy groups, story left pending (-1); then all of them are
grouped at once by the batch's clustering (``stories.cluster_stories``: date order, then
splits and merges) with document frequencies over all of them, and the result is
written as the incremental state the next articles are assigned against: each story's
cluster (sums and bags) and postings, the running document frequencies, the documents'
embeddings, the kept-apart pairs. Stories are numbered in the batch's order (earliest
day, then headline), so the store's ids are ``analyze``'s.

So the stories, their ids, headlines and kept-apart pairs are ``analyze``'s for the same
folder, in any chunks. Copy groups are the batch's too (the store finds the same verified
pairs by its band keys); each is renamed after its canonical (``copies.canonical_member``),
which is the member clustered, as in a batch; article by article a group is clustered by
its first member, which a later copy does not change. A later article is assigned to
these stories as to any (``assign`` against their clusters, then ``store.regroup``); it
is not grouped as if it had come with the folder.

A kill while the articles are stored leaves them pending; the next ingest stores the rest
and groups all pending articles (one transaction: a kill while grouping leaves none grouped).
"""

from __future__ import annotations

import time
from collections import defaultdict
from datetime import date

from ..copies import canonical_member
from ..model import Document
from ..stories import cluster_stories, count_terms, document_terms, headline, story_day, story_features
from .base import ProgressCallback
from .connection import Transaction
from .regroup import Regrouping
from .schema import story_label

PENDING = -1
"""The ``documents.story`` of an article stored but not yet grouped."""


class BatchGrouping(Regrouping):
    """The first ingest's grouping in one pass (see the module docstring)."""

    def _pending_rows(self) -> list[tuple[int, str, int | None]]:
        return self._db.execute(
            "SELECT seq, document, copy_group FROM documents WHERE story = ? ORDER BY seq", (PENDING,)
        ).fetchall()

    def _group_in_batch(self, rows: list[tuple[int, str, int | None]], nlp, result, progress: ProgressCallback) -> None:
        """Group the pending articles ``rows`` (all the store holds) as a batch does and
        write the store's incremental state for them, in one transaction."""
        started = time.perf_counter()
        progress("grouping", 0, 1)
        docs = [Document.model_validate_json(r[1]) for r in rows]
        # each copy group is clustered by its canonical, as in a batch: the group takes its
        # name (``documents.copy_group``: the seq of the member clustered)
        members_of: dict[int, list[int]] = defaultdict(list)
        for i, r in enumerate(rows):
            if r[2] is not None:
                members_of[r[2]].append(i)
        renamed: dict[int, int] = {}
        for name, group in members_of.items():
            chosen = rows[group[canonical_member([docs[i] for i in group])]][0]
            if chosen != name:
                renamed[name] = chosen
        rows = [(seq, document, renamed.get(group, group)) for seq, document, group in rows]
        # copies get features too (every document has an embedding, for the headline)
        position = {r[0]: i for i, r in enumerate(rows)}
        clustered = [i for i, r in enumerate(rows) if r[2] is None or r[2] == r[0]]
        terms = [document_terms(d, nlp.Defaults.stop_words) for d in docs]
        # the store holds no clustered document yet: these counts are its whole counts
        df = count_terms(terms[i] for i in clustered)
        n_docs = int(self._meta("clustered_docs") or 0) + len(clustered)
        features = story_features(docs, terms, df, n_docs, nlp, self.settings)
        members, clusters, apart = cluster_stories([features[i] for i in clustered], self.settings)

        story_of = {i: k for k, m in enumerate(members) for i in m}
        for i, r in enumerate(rows):
            if i not in story_of:  # a copy: the story of its group's canonical
                story_of[i] = story_of[position[r[2]]]
        everyone: list[list[int]] = [[] for _ in members]
        for i in range(len(rows)):
            everyone[story_of[i]].append(i)

        def batch_order(k: int) -> tuple:  # as ``stories._stories`` orders a batch's stories
            days = sorted(day for i in everyone[k] if (day := story_day(docs[i].published)) is not None)
            own = sorted(members[k])
            title = headline([docs[i] for i in own], [features[i].embedding for i in own])
            return (days[0] if days else date.max, title, docs[everyone[k][0]].id)

        (highest,) = self._db.execute("SELECT max(story) FROM clusters").fetchone()
        number = {k: (highest or 0) + n + 1 for n, k in enumerate(sorted(range(len(members)), key=batch_order))}

        db = self._db
        with Transaction(db):
            db.executemany("UPDATE documents SET copy_group = ? WHERE copy_group = ?", [(new, old) for old, new in renamed.items()])
            db.executemany(
                "INSERT INTO terms VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
                list(df.items()),
            )
            db.executemany(
                "UPDATE documents SET story = ?, embedding = ? WHERE seq = ?",
                [(number[story_of[i]], f.embedding.tobytes(), rows[i][0]) for i, f in enumerate(features)],
            )
            for k, cluster in enumerate(clusters):
                self._write_cluster(number[k], cluster, [features[i] for i in members[k]])
            db.executemany(
                "INSERT INTO kept_apart VALUES (?, ?, ?, ?, ?)",
                [(number[a.story], number[a.other], docs[a.document].id, a.score, a.reason) for a in apart],
            )
            db.executemany(
                "INSERT INTO stories (story, dirty) VALUES (?, 1) ON CONFLICT(story) DO UPDATE SET dirty = 1",
                [(n,) for n in sorted(number.values())],
            )
            db.execute("UPDATE meta SET value = ? WHERE key = 'clustered_docs'", (str(n_docs),))
        result.new_stories += len(members)
        result.touched.update(story_label(n) for n in number.values())
        result.seconds["stories"] += time.perf_counter() - started
        progress("grouping", 1, 1)
