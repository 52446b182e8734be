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
from .connection import Transaction, marks
from .regroup import Regrouping
from .schema import story_label

PENDING = -1
"""The ``documents.story`` of an article stored but not yet grouped."""


class BatchGrouping(Regrouping):
    """The first ingest's grouping in one pass (see the module docstring)."""

    def _pending_rows(self) -> list[tuple[int, int | None, str, str | None]]:
        """The articles stored without a story: seq, copy group, id, publication date."""
        return self._db.execute(
            "SELECT seq, copy_group, id, published FROM documents WHERE story = ? ORDER BY seq", (PENDING,)
        ).fetchall()

    def _documents(self, seqs: list[int]) -> dict[int, Document]:
        found = {}
        for start in range(0, len(seqs), 900):  # SQLite's bound-variable limit
            part = seqs[start : start + 900]
            query = f"SELECT seq, document FROM documents WHERE seq IN ({marks(part)})"
            for seq, document in self._db.execute(query, part):
                found[seq] = Document.model_validate_json(document)
        return found

    def _group_in_batch(
        self, rows: list[tuple[int, int | None, str, str | None]], nlp, result, progress: ProgressCallback
    ) -> None:
        """Group the pending articles ``rows`` (all the store holds) as a batch does and
        write the store's incremental state for them, in one transaction."""
        started = time.perf_counter()
        progress("grouping", 0, 1)
        # each copy group is clustered by its canonical, as in a batch: the group takes its
        # name (``documents.copy_group``: the seq of the member clustered)
        members_of: dict[int, list[int]] = defaultdict(list)
        for seq, group, _, _ in rows:
            if group is not None:
                members_of[group].append(seq)
        renamed: dict[int, int] = {}
        for names in _parts(sorted(members_of), 2000):  # a few thousand groups' texts at a time
            texts = self._documents([seq for name in names for seq in members_of[name]])
            for name in names:
                group = members_of[name]
                chosen = group[canonical_member([texts[seq] for seq in group])]
                if chosen != name:
                    renamed[name] = chosen
        group_of = {seq: renamed.get(group, group) for seq, group, _, _ in rows}
        # only the members clustered are read and weighed, as in a batch: a copy that is no
        # canonical now never becomes one (a later copy can only be the canonical itself),
        # so its embedding, kept for a story's headline, is never read
        clustered = [seq for seq, _, _, _ in rows if group_of[seq] is None or group_of[seq] == seq]
        texts = self._documents(clustered)
        docs = [texts.pop(seq) for seq in clustered]
        del texts
        terms = [document_terms(d, nlp.Defaults.stop_words) for d in docs]
        # the store holds no clustered document yet: these counts are its whole counts
        df = count_terms(terms)
        n_docs = int(self._meta("clustered_docs") or 0) + len(clustered)
        features = story_features(docs, terms, df, n_docs, nlp, self.settings)
        del terms
        members, clusters, apart = cluster_stories(features, self.settings)

        story_of = {clustered[i]: k for k, m in enumerate(members) for i in m}
        everyone: list[list[tuple[int, int | None, str, str | None]]] = [[] for _ in members]
        for row in rows:
            seq = row[0]
            k = story_of.get(seq)
            if k is None:  # a copy: the story of its group's canonical
                k = story_of[seq] = story_of[group_of[seq]]
            everyone[k].append(row)

        def batch_order(k: int) -> tuple:  # as ``stories._stories`` orders a batch's stories
            days = sorted(day for row in everyone[k] if (day := story_day(row[3])) is not None)
            own = sorted(members[k])
            title = headline([docs[i] for i in own], [features[i].embedding for i in own])
            return (days[0] if days else date.max, title, everyone[k][0][2])

        (highest,) = self._db.execute("SELECT max(story) FROM clusters").fetchone()
        number = {k: (highest or 0) + n + 1 for n, k in enumerate(sorted(range(len(members)), key=batch_order))}

        db = self._db
        with Transaction(db):
            db.executemany(
                "UPDATE documents SET copy_group = ? WHERE copy_group = ?", [(new, old) for old, new in renamed.items()]
            )
            db.executemany(
                "INSERT INTO terms VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
                list(df.items()),
            )
            db.executemany(
                "UPDATE documents SET story = ? WHERE seq = ?", [(number[story_of[row[0]]], row[0]) for row in rows]
            )
            db.executemany(
                "UPDATE documents SET embedding = ? WHERE seq = ?",
                [(f.embedding.tobytes(), seq) for seq, f in zip(clustered, features)],
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


def _parts(items: list, size: int) -> list[list]:
    return [items[start : start + size] for start in range(0, len(items), size)]
