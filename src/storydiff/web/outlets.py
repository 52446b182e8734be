"""An outlet's page: the stories it covered, the facts it left out that others reported,
and how it labels the actors that recur across its stories."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..settings import Settings
from ..store import StoreError, StorySummary
from .reader import StoreReader, StoryFilters


@dataclass
class LeftOut:
    story: str
    headline: str
    fact: str
    reported_by: list[str]


@dataclass
class ActorLabels:
    name: str
    stories: int
    """Stories of this outlet that name the actor."""
    narrator: Counter = field(default_factory=Counter)
    """Labels in the outlet's own voice, with how often."""
    quoted: Counter = field(default_factory=Counter)
    """Labels in quotes or attributed to someone."""


@dataclass
class OutletView:
    name: str
    covered: list[StorySummary]
    left_out: list[LeftOut]
    actors: list[ActorLabels]
    read: int
    """Stories read for the page (the newest ``serve_outlet_stories``)."""


def outlet_view(reader: StoreReader, name: str, settings: Settings) -> OutletView | None:
    """The outlet's page; None when no story in the store has it."""
    covered = reader.stories(StoryFilters(outlet=name))
    if not covered:
        return None
    left_out: list[LeftOut] = []
    actor_stories: Counter = Counter()
    labels: dict[str, ActorLabels] = {}
    read = 0
    for summary in covered[: settings.serve_outlet_stories]:
        if not summary.analysed and not summary.stale:  # a stale story is read as last analysed
            continue
        try:
            report = reader.report(summary.id)
        except StoreError:
            continue
        read += 1
        own = {d.id for d in report.documents if (d.outlet or "").lower() == name.lower()}
        outlet_of = {d.id: d.outlet or d.id for d in report.documents}
        story = report.stories[0]
        for omission in story.omissions:
            if own & set(omission.missing_from):
                others = sorted({outlet_of.get(d, d) for d in omission.reported_by})
                left_out.append(LeftOut(story.id, story.headline, omission.fact, others))
        names = {e.id: e.name for e in story.entities}
        seen_here: set[str] = set()
        for entity in story.entities:
            if own & set(entity.mentions):
                seen_here.add(entity.name)
        actor_stories.update(seen_here)
        for label in story.labels:
            if label.doc not in own or label.entity not in names:
                continue
            actor = labels.setdefault(names[label.entity], ActorLabels(names[label.entity], 0))
            (actor.narrator if label.voice == "narrator" else actor.quoted)[label.term] += 1
    actors = []
    for actor_name, actor in labels.items():
        actor.stories = actor_stories[actor_name]
        if actor.stories >= 2:  # recurring: named in two or more of the outlet's stories
            actors.append(actor)
    actors.sort(key=lambda a: (-a.stories, a.name))
    return OutletView(name, covered, left_out, actors, read)
