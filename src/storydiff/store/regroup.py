"""Stories that later articles prove two events, or one: split and merged in the store.

Assignment is incremental: an article joins the story that fits it when it arrives and
earlier decisions stand. Later articles can prove them wrong: a report of the first event
that names its town shows that a story holds two look-alike events (the second report was
let in while neither named a place); a report that names the victim and the suspect ties a
follow-up's story to the story of the shooting. So after each chunk is assigned, the
stories it touched are grouped again together with the stories they could be confused
with (those a new article was kept apart from, and those tied to them by a person or a
place and day: ``story_merge.mergeable``), by the batch's own clustering
(``stories.cluster_stories``: date order, then merges) over their documents, with the
store's document frequencies. Where the partition changes, stories are split or merged:
a story's number stays with the group that holds its first article, a group with no
number opens a story, a story left with no documents is removed; all of them are
analysed again. Ingesting a folder therefore ends with the stories of ``analyze``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date

import numpy as np

from ..model import Document
from ..stories import Apart, Cluster, StoryFeatures, cluster_stories, document_terms, story_features
from ..story_merge import MERGE_KEY_STORIES, mergeable, merge_keys
from .base import StoreBase
from .connection import marks


class Regrouping(StoreBase):
    """Splits and merges of stored stories (see the module docstring)."""

    def _regroup(
        self, touched: set[int], apart: list[tuple[int, int]], n_docs: int, nlp, out_of_order: set[int]
    ) -> tuple[set[int], set[int]]:
        """Group the touched stories again with their look-alikes and tied stories, a
        connected set at a time, with IDF over ``n_docs`` (the chunk's documents counted);
        returns the stories changed (to analyse) and removed. A story alone (no look-alike,
        no tied story) is grouped again only when an article older than its newest came
        in (``out_of_order``): in date order the clustering of its documents is the one
        assignment made."""
        linked: dict[int, set[int]] = defaultdict(set)
        for a, b in apart:
            linked[a].add(b)
            linked[b].add(a)
        for story in sorted(touched):
            linked[story] |= self._tied_stories(story)
        changed: set[int] = set()
        removed: set[int] = set()
        seen: set[int] = set()
        for story in sorted(touched):
            if story in seen or story in removed:
                continue
            component, todo = set(), [story]
            while todo:  # the connected set of stories that may exchange documents
                s = todo.pop()
                if s not in component:
                    component.add(s)
                    todo.extend(linked.get(s, ()))
            seen |= component
            if len(component) == 1 and story not in out_of_order:
                continue
            now, gone = self._regroup_component(sorted(component - removed), n_docs, nlp)
            changed |= now
            removed |= gone
        return changed - removed, removed

    def _tied_stories(self, story: int) -> set[int]:
        """Stories that hold an identity key of ``story`` (a person, a place and day) and
        could be the same event (``story_merge.mergeable``)."""
        cluster = self._cluster(story)
        if cluster is None:
            return set()
        keys = sorted(set(merge_keys(cluster)))
        holders: dict[str, set[int]] = defaultdict(set)
        for start in range(0, len(keys), 900):  # SQLite's bound-variable limit
            part = keys[start : start + 900]
            for key, other in self._db.execute(f"SELECT key, story FROM postings WHERE key IN ({marks(part)})", part):
                holders[key].add(other)
        found = set()
        for stories in holders.values():
            if len(stories) <= MERGE_KEY_STORIES:
                found |= stories
        found.discard(story)
        return {other for other in sorted(found) if (c := self._cluster(other)) and mergeable(cluster, c, self.settings) is not None}

    def _cluster(self, story: int) -> Cluster | None:
        row = self._db.execute(
            "SELECT size, first_day, embedding, entities FROM clusters WHERE story = ?", (story,)
        ).fetchone()
        if row is None:
            return None
        size, first_day, embedding, entities = row
        day = date.fromisoformat(first_day) if first_day else None
        return Cluster(size, np.frombuffer(embedding, dtype=np.float32).copy(), Counter(json.loads(entities)), day)

    def _regroup_component(self, stories: list[int], n_docs: int, nlp) -> tuple[set[int], set[int]]:
        """Cluster the documents of ``stories`` again and apply the new partition."""
        db = self._db
        if not stories:
            return set(), set()
        rows = db.execute(
            f"SELECT seq, document, copy_group, story FROM documents WHERE story IN ({marks(stories)}) ORDER BY seq",
            stories,
        ).fetchall()
        clustered = [r for r in rows if r[2] is None or r[2] == r[0]]
        if len(clustered) < 2 or len(clustered) > self.settings.store_regroup_max_documents:
            return set(), set()
        docs = [Document.model_validate_json(r[1]) for r in clustered]
        terms = [document_terms(d, nlp.Defaults.stop_words) for d in docs]
        df = self._frequencies(sorted({key for t in terms for key in t.distinct()}))
        features = story_features(docs, terms, df, n_docs, nlp, self.settings)
        members, clusters, apart = cluster_stories(features, self.settings)
        old: dict[int, set[int]] = defaultdict(set)
        for r in clustered:
            old[r[3]].add(r[0])
        groups = [{clustered[i][0] for i in m} for m in members]
        if sorted(map(sorted, groups)) == sorted(map(sorted, old.values())):
            return set(), set()

        # a story's number stays with the group holding its first article
        story_of_seq = {r[0]: r[3] for r in clustered}
        order = sorted(range(len(groups)), key=lambda k: min(groups[k]))
        numbers: dict[int, int] = {}
        claimed: set[int] = set()
        for k in order:
            first = story_of_seq[min(groups[k])]
            if first not in claimed:
                numbers[k] = first
                claimed.add(first)
        (highest,) = db.execute("SELECT max(story) FROM clusters").fetchone()
        next_number = max(highest or 0, *stories) + 1
        for k in order:
            if k not in numbers:
                numbers[k] = next_number
                next_number += 1
        removed = set(stories) - set(numbers.values())

        for k, group in enumerate(groups):
            seqs = sorted(group)
            db.execute(
                f"UPDATE documents SET story = ? WHERE seq IN ({marks(seqs)}) OR copy_group IN ({marks(seqs)})",
                (numbers[k], *seqs, *seqs),
            )
        for i, f in enumerate(features):
            db.execute("UPDATE documents SET embedding = ? WHERE seq = ?", (f.embedding.tobytes(), clustered[i][0]))
        db.execute(f"DELETE FROM postings WHERE story IN ({marks(stories)})", stories)
        for k, cluster in enumerate(clusters):
            self._write_cluster(numbers[k], cluster, [features[i] for i in members[k]])
        for story in sorted(removed):
            self._remove_story(story)
        self._replace_kept_apart(stories, apart, numbers, docs)
        changed = set(numbers.values())
        db.executemany(
            "INSERT INTO stories (story, dirty) VALUES (?, 1) ON CONFLICT(story) DO UPDATE SET dirty = 1",
            [(s,) for s in sorted(changed)],
        )
        return changed, removed

    def _write_cluster(self, story: int, cluster: Cluster, members: list[StoryFeatures]) -> None:
        first_day = cluster.first_day.isoformat() if cluster.first_day else None
        self._db.execute(
            "INSERT OR REPLACE INTO clusters VALUES (?, ?, ?, ?, ?)",
            (story, cluster.size, first_day, cluster.embedding_sum.astype(np.float32).tobytes(),
             json.dumps(cluster.bag())),
        )
        keys = sorted({key for f in members for key in f.keys + f.names + f.place_days})
        self._db.executemany("INSERT OR IGNORE INTO postings VALUES (?, ?, ?)", [(key, story, first_day) for key in keys])

    def _remove_story(self, story: int) -> None:
        """A story left with no documents: its rows go, its version leaves the store's."""
        db = self._db
        self._set_version(story, 0)
        for table in ("clusters", "stories", "pages"):
            db.execute(f"DELETE FROM {table} WHERE story = ?", (story,))
        db.execute("DELETE FROM kept_apart WHERE story = ? OR other = ?", (story, story))

    def _replace_kept_apart(self, stories: list[int], apart: list[Apart], numbers: dict[int, int], docs: list[Document]) -> None:
        """The look-alike pairs within the regrouped stories, as the new clustering found them."""
        db = self._db
        db.execute(
            f"DELETE FROM kept_apart WHERE story IN ({marks(stories)}) AND other IN ({marks(stories)})",
            (*stories, *stories),
        )
        db.executemany(
            "INSERT INTO kept_apart VALUES (?, ?, ?, ?, ?)",
            [(numbers[a.story], numbers[a.other], docs[a.document].id, a.score, a.reason) for a in apart],
        )
